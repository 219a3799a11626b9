"""The commands, one module each, free of any command-line framework.

Each module has a small argument object (a dataclass) and ``run(args) -> Result``. A command never
prints: it records what it would print, in order, on its Result. The two command lines (cli.py with
typer, cli_fast.py without) parse into the argument object and hand the Result to
``cli_common.emit``, the one place that writes to the terminal, maps library errors to messages and
exit codes, and turns a failing write (a full disk, a closed pipe) into a message instead of a
traceback or a silent exit 0.

Only the standard library is imported here, and not dataclasses: the fast paths for pre-commit and
git's textconv import this package.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from typing import Any, Literal, TypeVar

from ikplan.errors import IkplanError, UsageError

# What a piece of output is: plan text to be made visible, JSON to be escaped, text rich has already
# rendered (its escape codes are styles), or bytes (a .docx on /dev/stdout).
Kind = Literal["text", "json", "raw", "bytes"]


# Event and Result are plain classes, not dataclasses: git's textconv (`show --flat`) imports this module
# once per file revision, and `dataclasses` brings inspect, ast, dis and tokenize with it (about 10 ms).


class Event:
    __slots__ = ("data", "kind", "stream")

    def __init__(self, stream: Literal["out", "err"], kind: Kind, data: str | bytes) -> None:
        self.stream = stream
        self.kind = kind
        self.data = data

    def __repr__(self) -> str:
        return f"Event({self.stream!r}, {self.kind!r}, {self.data!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Event):
            return NotImplemented
        return (self.stream, self.kind, self.data) == (other.stream, other.kind, other.data)

    __hash__ = None  # type: ignore[assignment]  # mutable, as the dataclass was


class Result:
    """Everything a command has to say, in the order it says it, and how it ends."""

    def __init__(
        self,
        events: list[Event] | None = None,
        files: list[str] | None = None,
        code: int = 0,
        failure: UsageError | IkplanError | None = None,
    ) -> None:
        self.events: list[Event] = [] if events is None else events
        self.files: list[str] = [] if files is None else files
        self.code = code
        self.failure = failure

    def __repr__(self) -> str:
        return f"Result(events={self.events!r}, files={self.files!r}, code={self.code!r}, failure={self.failure!r})"

    def out(self, text: str, json: bool = False) -> None:
        self.events.append(Event("out", "json" if json else "text", text))

    def out_raw(self, text: str) -> None:
        self.events.append(Event("out", "raw", text))

    def out_bytes(self, data: bytes) -> None:
        self.events.append(Event("out", "bytes", data))

    def err(self, message: str) -> None:
        """One message line on stderr, 'ikplan: …'."""
        self.events.append(Event("err", "text", f"ikplan: {message}\n"))

    def err_raw(self, text: str) -> None:
        self.events.append(Event("err", "text", text))

    def wrote(self, path: str) -> None:
        self.files.append(path)
        self.err(f"skrev {path}")

    def exit(self, code: int) -> Result:
        self.code = max(self.code, code)
        return self

    @property
    def stdout(self) -> str:
        return "".join(_text(e) for e in self.events if e.stream == "out")

    @property
    def stderr(self) -> str:
        return "".join(_text(e) for e in self.events if e.stream == "err")

    @property
    def exit_code(self) -> int:
        if isinstance(self.failure, UsageError):
            return 2
        return 1 if self.failure is not None else self.code


def _text(e: Event) -> str:
    return e.data.decode("utf-8", "replace") if isinstance(e.data, bytes) else e.data


A = TypeVar("A")


def command(body: Callable[[A, Result], Any]) -> Callable[[A], Result]:
    """`run(args) -> Result` from a body that fills a Result; a library error ends it as a failure,
    after whatever the command had already said."""

    @functools.wraps(body)
    def run(args: A) -> Result:
        result = Result()
        try:
            body(args, result)
        except (UsageError, IkplanError) as exc:
            result.failure = exc
        return result

    return run


# --- helpers several commands share ---------------------------------------------------------------


def need_file(path: str, what: str) -> None:
    """A usage error unless `path` is a regular file (a FIFO or /dev/zero is never read)."""
    from ikplan.cli_common import file_problem

    problem = file_problem(path, what)
    if problem is not None:
        raise UsageError(problem)


def config_file(config: str | None) -> str | None:
    if config is not None:
        need_file(config, "konfigurationsfilen")
    return config


def load(
    result: Result,
    paths: list[str] | None,
    config: str | None,
    jobs: int | None = None,
    sources: bool = True,
    each: Callable[[Any], None] | None = None,
) -> tuple[list[Any], bool]:
    """Usable plans, and whether any plan had to be skipped (its errors go to stderr). `sources=False`:
    a command that never points at a line in a plan does without each plan's SourceMap. `each`: see
    load_plans."""
    from ikplan.checking.reporters import text
    from ikplan.checking.validate import load_plans

    plans, errors = load_plans(paths or ["plans"], config_file(config), jobs, sources=sources, each=each)
    if errors:
        result.err_raw(text(errors, 0))
        result.err(f"{len({f.file for f in errors})} fil(er) har fel och hoppades över; kör 'ikplan validate'")
    return plans, bool(errors)


def day(value: str | None) -> Any:
    """The date of a --datum option (today when not given)."""
    import datetime as dt

    try:
        return dt.date.fromisoformat(value) if value else dt.date.today()
    except ValueError:
        raise UsageError(f"--datum '{value}' är inget datum (ÅÅÅÅ-MM-DD)") from None


def console() -> Any:
    from ikplan.text import safe_console

    return safe_console(highlight=False, soft_wrap=False)


def terminal(draw: Callable[[Any], object]) -> str:
    """What `draw(console)` prints, as a string: the width and colours of the real terminal (80
    columns in a pipe), so that the output can pass the one place that writes it."""
    import io

    from ikplan.text import safe_console

    real = console()  # reads standard out's terminal, width and encoding; never writes to it

    class Buffer(io.StringIO):
        encoding = real.encoding  # an ASCII terminal gets rich's ASCII boxes, as before

    c: Any = safe_console(
        highlight=False,
        soft_wrap=False,
        file=Buffer(),
        width=real.width,
        height=real.height,
        force_terminal=real.is_terminal,
        color_system=real.color_system,
        legacy_windows=False,
    )
    draw(c)
    return str(c.file.getvalue())


STDOUT_PATHS = frozenset({"/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"})


def is_stdout(path: str) -> bool:
    """`-o /dev/stdout` means standard out, not the symbolic link (to a pipe) it is on Linux."""
    return path in STDOUT_PATHS or os.path.normpath(path) in STDOUT_PATHS


def write_output(result: Result, output: str | None, data: bytes | str, force: bool, json: bool = False) -> None:
    """`data` to the file `output` (atomically, never over a file without --force), or to stdout."""
    if output is None or is_stdout(output):
        if isinstance(data, bytes):
            result.out_bytes(data)
        else:
            result.out(data, json=json)
        return
    from ikplan.files import write_atomic

    if json and isinstance(data, str):
        from ikplan.text import json_safe

        data = json_safe(data)  # as on standard out (cli_common)
    write_atomic(output, data.encode("utf-8") if isinstance(data, str) else data, force)
    result.wrote(output)
