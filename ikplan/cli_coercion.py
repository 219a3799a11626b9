"""typer's coercion of option values, without pydantic for the plain values ikplan's options take.

typer 0.29 builds a pydantic TypeAdapter for every parameter of a call, and importing pydantic for that
was the largest part of the full command line's start (about 50 ms of every `summary` or `status`; the
plan models themselves validate from prebuilt schemas and need no pydantic, see plan/prebuilt.py).

A text, a whole number, a flag, a list of texts or one of a choice's values is taken here when it is well
formed. Anything else, a malformed value included, goes to typer's own coercion, built when first needed:
so every value typer would refuse is refused with typer's own message (which cli_swedish translates), and
tests/test_cli_coercion.py checks both ways on every option of every command.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from typer import _coercion
from typer import core as typer_core
from typer._param_types import coerce_cli_choice

_WHOLE = re.compile(r"-?[0-9]+")
_NOT_TAKEN = object()  # a value left to typer's coercion


def kind_of(descriptor: _coercion.TypeDescriptor) -> str | None:
    """The plain kind of value a parameter takes ('str', 'int', 'bool', 'list[str]' or 'choice'), or None
    for one that typer's own coercion must take (a parser, a path, a file, a date, a clamped number…)."""
    info = descriptor.parameter_info
    if info.parser is not None or getattr(info, "click_type", None) is not None or descriptor.is_file:
        return None
    annotation = descriptor.annotation
    if annotation is str or annotation is bool:
        return annotation.__name__
    if annotation is int and not info.clamp:
        return "int"
    if getattr(annotation, "__origin__", None) is list and getattr(annotation, "__args__", None) == (str,):
        return "list[str]"
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return "choice"
    return None


def take(kind: str, descriptor: _coercion.TypeDescriptor, value: Any, ctx: Any) -> Any:
    """`value` as typer's coercion would return it, or _NOT_TAKEN when it is not plainly well formed."""
    if kind == "str":
        return value if isinstance(value, str) else _NOT_TAKEN
    if kind == "bool":
        return value if isinstance(value, bool) else _NOT_TAKEN
    if kind == "list[str]":
        ok = isinstance(value, list | tuple) and all(isinstance(v, str) for v in value)
        return list(value) if ok else _NOT_TAKEN
    if kind == "int":
        number = (
            value if type(value) is int else int(value) if isinstance(value, str) and _WHOLE.fullmatch(value) else None
        )
        info = descriptor.parameter_info
        if (
            number is None
            or (info.min is not None and number < info.min)
            or (info.max is not None and number > info.max)
        ):
            return _NOT_TAKEN
        return number
    try:
        return coerce_cli_choice(
            value, choices=tuple(descriptor.annotation), case_sensitive=descriptor.case_sensitive, ctx=ctx
        )
    except ValueError:
        return _NOT_TAKEN


@dataclass(frozen=True)
class PlainRuntimeParam(_coercion.RuntimeParam):
    """A plain value taken directly; the rest through typer's own RuntimeParam for the parameter."""

    descriptor: Any = None
    kind: str = ""
    _typers: list[Any] = field(default_factory=list)  # typer's own, built on the first value it must take

    def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
        taken = take(self.kind, self.descriptor, value, ctx)
        if taken is not _NOT_TAKEN:
            return taken
        if not self._typers:
            self._typers.append(ORIGINAL(self.descriptor))
        return self._typers[0]._coerce_value(value, param=param, ctx=ctx)


ORIGINAL = _coercion.build_runtime_param  # typer.core's name for it is the one install() replaces


def build_runtime_param(descriptor: _coercion.TypeDescriptor) -> _coercion.RuntimeParam:
    kind = kind_of(descriptor)
    if kind is None:
        return ORIGINAL(descriptor)
    return PlainRuntimeParam(descriptor.parameter_info, descriptor.annotation, descriptor, kind)


def install() -> None:
    """Give typer's parameters this coercion (an attribute assignment: typer.core looks the name up on
    each parameter's first value)."""
    typer_core.build_runtime_param = build_runtime_param  # type: ignore[attr-defined]
