"""What every command's output and checks pass through, without typer.

Both the full command line (cli.py) and the typer-free paths of `validate` and `show` (cli_fast.py) hand a
command's Result (ikplan/commands) to `emit`, so the two print the same bytes and exit with the same codes.
`emit` is the one output boundary: library errors become messages and exit codes here, and so does
output that cannot be written.

How a failing write ends, decided once for every command:
- a full disk, an I/O error, a closed standard out: a Swedish message on stderr and exit 1, never a
  traceback and never 0 (a cut-off report must not look like a finished one);
- a broken pipe (`ikplan score | head -1`): no message and exit 141, 128 + SIGPIPE, which is what the
  shell reports for `cat`, `grep` and every tool that the signal ends. The reader chose to stop reading,
  so a message would be noise, but the output is incomplete, so the code is not 0 (`set -o pipefail`
  sees it);
- a character the terminal's encoding cannot show (PYTHONIOENCODING=ascii, LC_ALL=C): written as a
  backslash escape (`\\xe5` for å, what Python does on stderr), in JSON as `\\u00e5` so that the
  JSON stays valid.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ikplan.commands import Event, Result

BROKEN_PIPE = 141  # 128 + SIGPIPE
_collecting: list[Result] = []


@contextmanager
def collecting(result: Result) -> Iterator[Result]:
    """Send what `out`, `err` and `err_raw` print to `result` instead (for code that prints)."""
    _collecting.append(result)
    try:
        yield result
    finally:
        _collecting.pop()


def out(text: str, json: bool = False) -> None:
    """Everything ikplan prints passes here: control characters in plan text are shown, not obeyed."""
    if _collecting:
        _collecting[-1].out(text, json)
        return
    from ikplan.commands import Event

    _write_out(Event("out", "json" if json else "text", text))


def err_raw(text: str) -> None:
    if _collecting:
        _collecting[-1].err_raw(text)
        return
    _write_err(text)


def err(message: str) -> None:
    """One message line on stderr, 'ikplan: …'."""
    if _collecting:
        _collecting[-1].err(message)
        return
    _write_err(f"ikplan: {message}\n")


def emit(result: Result) -> int:
    """Print a command's result and return its exit code (see the module's docstring for failures)."""
    broken: OSError | None = None
    for event in result.events:
        if event.stream == "err":
            _write_err(event.data if isinstance(event.data, str) else event.data.decode("utf-8", "replace"))
        elif broken is None:
            try:
                _write_out(event)
            except OSError as exc:
                broken = exc
    if broken is None and any(e.stream == "out" for e in result.events):
        try:
            _flush_out()
        except OSError as exc:
            broken = exc
    code = result.exit_code
    if broken is not None:
        code = _output_failed(broken)
    if result.failure is not None:
        _write_err(f"ikplan: {result.failure}\n")
    return code


def _stdout() -> Any:
    if sys.stdout is None:  # started with standard out closed (`ikplan score >&-`)
        import errno

        raise OSError(errno.EBADF, "standard out is closed")
    return sys.stdout


def _write_out(event: Event) -> None:
    import errno

    from ikplan.text import json_safe, visible

    stream = _stdout()
    try:
        if isinstance(event.data, bytes):
            stream.flush()
            stream.buffer.write(event.data)
            return
        text = event.data
        if event.kind == "json":
            text = json_safe(text)
        elif event.kind == "text":
            text = visible(text)
        try:
            stream.write(text)
        except UnicodeEncodeError:
            stream.write(_encodable(text, stream, json=event.kind == "json"))
    except ValueError:  # closed inside the process ("I/O operation on closed file")
        raise OSError(errno.EBADF, "standard out is closed") from None


def _flush_out() -> None:
    import errno

    try:
        _stdout().flush()
    except ValueError:
        raise OSError(errno.EBADF, "standard out is closed") from None


def _encodable(text: str, stream: Any, json: bool) -> str:
    """`text` with what the stream's encoding cannot hold escaped (see the module's docstring)."""
    import codecs

    encoding = getattr(stream, "encoding", None) or "ascii"
    if json:
        try:
            codecs.lookup_error("ikplan-json")
        except LookupError:
            codecs.register_error("ikplan-json", _json_escape)
    return text.encode(encoding, "ikplan-json" if json else "backslashreplace").decode(encoding)


def _json_escape(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    units = exc.object[exc.start : exc.end].encode("utf-16-be", "surrogatepass")
    escaped = "".join(f"\\u{int.from_bytes(units[i : i + 2], 'big'):04x}" for i in range(0, len(units), 2))
    return escaped, exc.end


def _write_err(text: str) -> None:
    """stderr is where failures are told: if it cannot be written either, there is no one to tell."""
    from ikplan.text import visible

    stream = sys.stderr
    if stream is None:
        return
    text = visible(text)
    try:
        try:
            stream.write(text)
        except UnicodeEncodeError:
            stream.write(_encodable(text, stream, json=False))
        stream.flush()
    except (OSError, ValueError):
        pass


def _output_failed(exc: OSError) -> int:
    """Say why standard out failed (unless the reader closed the pipe) and keep Python's own flush at
    exit from failing again with a traceback."""
    import errno

    if exc.errno != errno.EPIPE:
        if exc.errno == errno.EBADF:
            why = "den är stängd"
        elif exc.errno == errno.EIO:
            why = "in- och utmatningsfel (EIO)"
        else:
            from ikplan.files import reason

            why = reason(exc)
        _write_err(f"ikplan: kunde inte skriva till standard ut: {why}; utdata är ofullständiga\n")
    try:
        fd = sys.stdout.fileno() if sys.stdout is not None else -1
    except (OSError, ValueError, AttributeError):
        fd = -1  # not a real file (a test runner's buffer): nothing at exit to fail
    if fd >= 0:
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, fd)
            os.close(devnull)
        except OSError:
            pass
    return BROKEN_PIPE if exc.errno == errno.EPIPE else 1


def cwd_problem() -> str | None:
    """Why the working folder cannot be used (it was removed under a running shell), or None."""
    try:
        os.getcwd()
    except FileNotFoundError:
        return "arbetsmappen finns inte längre (den har tagits bort eller flyttats); byt till en mapp som finns"
    except OSError as exc:
        from ikplan.files import reason

        return f"arbetsmappen går inte att läsa: {reason(exc)}"
    return None


def file_problem(path: str, what: str) -> str | None:
    """Why `path` cannot be read as a file (a FIFO or /dev/zero is never read), or None."""
    if os.path.isfile(path):
        return None
    if os.path.lexists(path):
        return f"{what} '{path}' är ingen vanlig fil (en mapp, enhet, FIFO, socket eller trasig länk)"
    return f"{what} '{path}' finns inte"


def completing() -> bool:
    """The shell asks for completions (typer's `_IKPLAN_COMPLETE`): only the full command line answers."""
    return any(k.startswith("_IKPLAN_COMPLETE") for k in os.environ)
