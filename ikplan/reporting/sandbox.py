"""Limits for report templates: a template is code from a pull request, so it is bounded.

Jinja's sandbox already refuses Python internals and caps ``range``. This module adds:

* arithmetic and repetition checked *before* they run (``10**10000``, ``'a'*10**9``);
* calls and filters with a huge count refused (``'x'.center(10**9)``, ``lipsum(10**6)``);
* output counted while it is produced (at most ``MAX_OUTPUT`` characters);
* wall-clock time bounded (``MAX_SECONDS``) where a timer signal is available;
* every runtime error (``1/0``, ``{% include %}``, a runaway macro) turned into a Swedish
  message with the template's line, never a traceback.
"""

from __future__ import annotations

import contextlib
import re
import signal
import threading
from collections.abc import Callable, Iterator
from typing import Any

from jinja2 import Template
from jinja2.sandbox import SandboxedEnvironment

from ikplan.errors import IkplanError

MAX_OUTPUT = 5_000_000  # characters of one report (a real one has about 100,000)
MAX_SECONDS = 5.0
MAX_COUNT = 100_000  # largest number a call or filter may take as a count or width
MAX_TEMPLATE_BYTES = 20 * 1024 * 1024  # a .docx with images may be a few MB
MAX_INT_BITS = 4_000  # about 1,200 digits: more than any report needs


class TemplateLimit(Exception):
    """A template went beyond what a report may use."""


def _size(value: Any) -> int | None:
    return len(value) if isinstance(value, str | list | tuple) else None


def _check_int(value: Any) -> None:
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > MAX_INT_BITS:
        raise TemplateLimit("talet är för stort")


def _checked_binop(op: str, left: Any, right: Any) -> None:
    _check_int(left)
    _check_int(right)
    ints = isinstance(left, int) and isinstance(right, int)
    if op == "**" and ints and right > 0 and max(left.bit_length(), 1) * right > MAX_INT_BITS:
        raise TemplateLimit("potensen blir ett för stort tal")
    if op == "*":
        if ints and left.bit_length() + right.bit_length() > MAX_INT_BITS:
            raise TemplateLimit("produkten blir ett för stort tal")
        for seq, times in ((left, right), (right, left)):
            n = _size(seq)
            if n is not None and isinstance(times, int) and n * max(times, 0) > MAX_OUTPUT:
                raise TemplateLimit("upprepningen blir för lång")
    if op == "%":
        _check_format(left)
    if op == "+":
        a, b = _size(left), _size(right)
        if a is not None and b is not None and a + b > MAX_OUTPUT:
            raise TemplateLimit("texten blir för lång")


_WIDE = re.compile(r"\d{7,}")


def _check_format(spec: Any) -> None:
    """'%0999999999d' or '{:>999999999}' would allocate the width before anything is counted."""
    if isinstance(spec, str) and _WIDE.search(spec):
        raise TemplateLimit("formatet anger en för stor bredd")


def _check_args(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_COUNT:
            raise TemplateLimit(f"talet {value if abs(value) < 10**12 else 'i anropet'} är för stort för en mall")


def _bounded(fn: Callable[..., Any]) -> Callable[..., Any]:
    def call(*args: Any, **kwargs: Any) -> Any:
        _check_args(args, kwargs)
        for a in args[:2]:
            _check_format(a)
        return fn(*args, **kwargs)

    call.__name__ = getattr(fn, "__name__", "filter")
    for attr in ("jinja_pass_arg",):  # keep pass_context / pass_environment markers
        if hasattr(fn, attr):
            setattr(call, attr, getattr(fn, attr))
    return call


class LimitedEnvironment(SandboxedEnvironment):
    """Jinja's sandbox with the limits above."""

    intercepted_binops = frozenset({"*", "**", "+", "//", "%", "/"})

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.globals.pop("lipsum", None)  # no report needs placeholder text
        self.bound_filters()

    def bound_filters(self) -> None:
        """Every filter (the built-in and ikplan's own) refuses a huge count."""
        self.filters = {name: _bounded(f) for name, f in self.filters.items()}

    def call_binop(self, context: Any, op: str, left: Any, right: Any) -> Any:
        _checked_binop(op, left, right)
        return super().call_binop(context, op, left, right)

    def call(self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        _check_args(args, kwargs)
        _check_format(getattr(__obj, "__self__", None))
        return super().call(__context, __obj, *args, **kwargs)


@contextlib.contextmanager
def time_limit(seconds: float = MAX_SECONDS) -> Iterator[None]:
    """Raise TemplateLimit after `seconds` (only in the main thread, where signals arrive)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expired(signum: int, frame: Any) -> None:
        raise TemplateLimit(f"mallen tog mer än {seconds:g} sekunder")

    old = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def render_bounded(template: Template, ctx: dict[str, Any]) -> str:
    """Render while counting the output; stop at MAX_OUTPUT characters."""
    parts: list[str] = []
    total = 0
    for chunk in template.generate(ctx):
        total += len(chunk)
        if total > MAX_OUTPUT:
            raise TemplateLimit(f"rapporten blir längre än {MAX_OUTPUT // 1_000_000} miljoner tecken")
        parts.append(chunk)
    return "".join(parts)


_RUNTIME = {
    ZeroDivisionError: "division med noll",
    OverflowError: "ett tal blir för stort",
    MemoryError: "mallen behöver för mycket minne",
    RecursionError: "för djup rekursion (ett makro som anropar sig själv?)",
    UnicodeError: "ogiltiga tecken (t.ex. ett ensamt surrogattecken)",
}


def template_line(exc: BaseException) -> int | None:
    """The template line where `exc` happened (Jinja rewrites tracebacks to the template)."""
    line = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename in ("<template>", "<unknown>"):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def runtime_error(where: str, exc: BaseException) -> IkplanError:
    """A Swedish message for an error raised while a template runs."""
    if isinstance(exc, TemplateLimit):
        reason = str(exc)
    elif isinstance(exc, TypeError) and "no loader" in str(exc):
        reason = "include, import och extends går inte: en mall är en enda fil"
    else:
        reason = next((text for kind, text in _RUNTIME.items() if isinstance(exc, kind)), None) or (
            f"mallen kunde inte köras ({type(exc).__name__})"
        )
    line = template_line(exc)
    return IkplanError(f"mallen {where}{f':{line}' if line else ''}: {reason}")


def read_template(path: Any) -> bytes:
    """A template's bytes: a regular file of at most MAX_TEMPLATE_BYTES, or a Swedish error."""
    from ikplan.checking.loading import read_limited
    from ikplan.files import reason

    try:
        raw = read_limited(str(path), MAX_TEMPLATE_BYTES)
    except OSError as exc:
        why = exc.strerror if exc.errno == 0 else reason(exc)
        raise IkplanError(f"kan inte läsa mallen {path}: {why}") from None
    if raw is None:
        raise IkplanError(f"mallen {path} är större än {MAX_TEMPLATE_BYTES // (1024 * 1024)} MB")
    return raw
