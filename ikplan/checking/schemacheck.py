"""Validate a loaded document against a pydantic model; errors become Swedish findings."""

from __future__ import annotations

import types
import typing
from typing import Any, TypeVar

from pydantic_core import ValidationError

from ikplan.checking.findings import Finding, Severity
from ikplan.checking.loading import SourceMap, describe_coercion
from ikplan.plan.base import BaseModel
from ikplan.text import yaml_value

M = TypeVar("M", bound=BaseModel)

_TYPE_MESSAGES = {
    "string_type": "ska vara text",
    "int_type": "ska vara ett heltal",
    "int_parsing": "ska vara ett heltal",
    "int_from_float": "ska vara ett heltal",
    "bool_type": "ska vara true eller false",
    "bool_parsing": "ska vara true eller false",
    "date_type": "ska vara ett datum (ÅÅÅÅ-MM-DD)",
    "date_parsing": "ska vara ett datum (ÅÅÅÅ-MM-DD)",
    "date_from_datetime_inexact": "ska vara ett datum utan klockslag (ÅÅÅÅ-MM-DD)",
    "date_from_datetime_parsing": "ska vara ett datum (ÅÅÅÅ-MM-DD)",
    "list_type": "ska vara en lista (rader som börjar med '- ')",
    "dict_type": "ska vara en mappning (nyckel: värde)",
    "model_type": "ska vara en mappning (nyckel: värde)",
    "model_attributes_type": "ska vara en mappning (nyckel: värde)",
    "too_short": "har för få element",
    "too_long": "har för många element",
    "string_pattern_mismatch": "har fel form",
}


def validate_model(
    model: type[M],
    data: dict[str, Any],
    source: SourceMap,
    file: str,
    own_keys: dict[str, list[str]] | None = None,
    words: Any = None,
) -> tuple[M | None, list[Finding]]:
    """`own_keys`: the kommun's declared fields by model name, offered as spellings of an unknown key;
    `words`: the plan's vocabulary (Words), which reads the kommun's result and status words and names
    them when a word is none of them."""
    try:
        return model.model_validate(data, context={"words": words} if words is not None else None), []
    except ValidationError as exc:
        return None, _translate(model, exc, data, source, file, own_keys or {})


def _translate(
    model: type[BaseModel],
    exc: ValidationError,
    data: Any,
    source: SourceMap,
    file: str,
    own_keys: dict[str, list[str]],
) -> list[Finding]:
    findings: list[Finding] = []
    seen: set[tuple[tuple[Any, ...], str]] = set()
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        kind = err["type"]
        key = (loc, kind)
        if key in seen:
            continue
        seen.add(key)
        code, message, on_key = _message(model, loc, err, data, own_keys)
        coercion = source.coercions.get(loc)
        if coercion is not None and kind != "missing":
            message += f" ({describe_coercion(coercion)})"
        line, col = source.locate(loc, key=on_key)
        findings.append(Finding(file, line, col, code, Severity.ERROR, message))
    return findings


# Other kommuners' words for a risk's keys: 'väsentlighet' is the konsekvens axis, not a near-spelling
# of 'sannolikhet'. A kommun that uses them declares them in ikplan.yaml (ordlista) and they are accepted.
KEY_SYNONYMS = {
    "risktal": "riskvärde",
    "riskpoäng": "riskvärde",
    "riskvarde": "riskvärde",
    "väsentlighet": "konsekvens",
    "väsentlighetsgrad": "konsekvens",
    "allvarlighetsgrad": "konsekvens",
    "sannolikhetsgrad": "sannolikhet",
}


def _versions(model: type[BaseModel]) -> str:
    from ikplan.plan.model import SCHEMA_VERSIONS, Plan

    return " och ".join(map(str, SCHEMA_VERSIONS)) if model is Plan else "1"


def _where(loc: tuple[Any, ...], data: Any = None) -> str:
    from ikplan.text import describe_path

    return describe_path(loc, data) if loc else "filen"


def _message(
    model: type[BaseModel], loc: tuple[Any, ...], err: Any, data: Any, own_keys: dict[str, list[str]] | None = None
) -> tuple[str, str, bool]:
    kind = err["type"]
    name = _where(loc, data)
    if kind == "invalid_key":
        return "IK050", f"nyckeln {yaml_value(err.get('input'))} är inte text", True
    if loc == ("schemaversion",):
        if kind == "missing":
            return "IK053", "nyckeln 'schemaversion' saknas; skriv 'schemaversion: 2' överst i filen", True
        return (
            "IK053",
            f"schemaversion {yaml_value(err.get('input'))} stöds inte; den här versionen av ikplan läser schemaversion "
            + _versions(model),
            False,
        )
    if kind == "extra_forbidden":
        at = _model_at(model, loc[:-1])
        allowed = _keys_of(at) + (own_keys or {}).get(at.__name__ if at else "", [])
        hint = ""
        if allowed:
            synonym = KEY_SYNONYMS.get(str(loc[-1]).lower())
            close = [synonym] if synonym in allowed else []
            import difflib  # only for a misspelt key: not on every start

            close = close or difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6)
            hint = f"; menade du '{close[0]}'?" if close else "; tillåtna nycklar: " + ", ".join(sorted(allowed))
            if not close:
                hint += " (ett eget fält deklareras i ikplan.yaml under 'fält:')"
            if synonym in allowed:
                hint += f" (eller ange kommunens ord i ikplan.yaml: 'ordlista: {{{synonym}: {loc[-1]}}}')"
        where = f" i {_where(loc[:-1], data)}" if loc[:-1] else ""
        return "IK050", f"okänd nyckel '{loc[-1]}'{where}{hint}", True
    if kind == "invalid_key":
        return "IK050", f"nyckeln {yaml_value(err.get('input'))} är inte text", True
    if kind == "missing":
        return "IK051", f"nyckeln '{loc[-1]}' saknas i {_where(loc[:-1], data)}", True
    if kind == "ikplan":
        return "IK052", f"{name}: {err['msg']}", False
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        ctx = err.get("ctx", {})
        bound = next(iter(ctx.values()), "?")
        word = {
            "greater_than_equal": "minst",
            "less_than_equal": "högst",
            "greater_than": "större än",
            "less_than": "mindre än",
        }[kind]
        return "IK052", f"{name} ska vara {word} {bound}", False
    if kind == "literal_error":
        return "IK052", f"{name} ska vara {err.get('ctx', {}).get('expected', '')}", False
    if kind in ("too_short", "too_long"):
        ctx = err.get("ctx", {})
        bound = ctx.get("min_length") if kind == "too_short" else ctx.get("max_length")
        word = "minst" if kind == "too_short" else "högst"
        return "IK052", f"{name} ska ha {word} {bound} element", False
    text = _TYPE_MESSAGES.get(kind)
    if text is None:
        text = f"har ett värde som inte går att använda ({yaml_value(err.get('input'))})"
    return "IK052", f"{name} {text}", False


def _unwrap(annotation: Any) -> list[Any]:
    """The concrete classes inside Optional/Union/Annotated/list/dict."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        out = []
        for arg in typing.get_args(annotation):
            out.extend(_unwrap(arg))
        return out
    if origin in (list, dict):
        return _unwrap(typing.get_args(annotation)[-1])
    return [annotation]


def _keys_of(model: type[BaseModel] | None) -> list[str]:
    return [f.alias or n for n, f in model.model_fields.items()] if model is not None else []


def _model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class that holds the mapping at `loc`, or None when it is not a model."""
    current: Any = model
    for part in loc:
        if isinstance(part, int) or not (isinstance(current, type) and issubclass(current, BaseModel)):
            continue
        nxt = None
        for fname, field in current.model_fields.items():
            if (field.alias or fname) == part:
                nxt = field.annotation
                break
        if nxt is None:
            # a dict key (e.g. a period name): stay on the dict's value model
            continue
        models = [c for c in _unwrap(nxt) if isinstance(c, type) and issubclass(c, BaseModel)]
        if not models:
            return None
        current = models[0]
    if isinstance(current, type) and issubclass(current, BaseModel):
        return current
    return None
