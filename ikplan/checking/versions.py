"""Keys newer than the plan's schemaversion (IK056).

A key added in schemaversion 2 is marked in the model with ``x-sedan-schemaversion``. A plan that
says ``schemaversion: 1`` and uses one would be rejected as an unknown key by an ikplan that reads
only version 1, so it must say 2; ``ikplan migrate`` does that. The walk visits only the fields that
can hold a model, so it costs a small fraction of loading.
"""

from __future__ import annotations

import typing
from collections.abc import Iterator
from functools import cache
from typing import Any

from ikplan.checking.findings import Finding, Severity
from ikplan.checking.loading import Path, SourceMap
from ikplan.plan.base import BaseModel

CODE = "IK056"


def since(field: Any) -> int:
    extra = field.json_schema_extra
    return int(extra.get("x-sedan-schemaversion", 1)) if isinstance(extra, dict) else 1


def _models_in(annotation: Any) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_models_in(a) for a in typing.get_args(annotation))


@cache
def _shape(cls: type[BaseModel]) -> tuple[tuple[tuple[str, str, int], ...], tuple[tuple[str, str], ...]]:
    """(versioned fields as (name, alias, since), fields that may hold models as (name, alias))."""
    versioned, nested = [], []
    for name, field in cls.model_fields.items():
        alias = field.alias or name
        if since(field) > 1:
            versioned.append((name, alias, since(field)))
        if _models_in(field.annotation):
            nested.append((name, alias))
    return tuple(versioned), tuple(nested)


def newer_keys(model: BaseModel, version: int, path: Path = ()) -> Iterator[tuple[Path, str, int]]:
    """(path, key, since) of every key set in `model` (recursively) that needs a newer version."""
    versioned, nested = _shape(type(model))
    given = model.model_fields_set
    for name, alias, needed in versioned:
        if needed > version and name in given:
            yield (*path, alias), alias, needed
    for name, alias in nested:
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            yield from newer_keys(value, version, (*path, alias))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from newer_keys(item, version, (*path, alias, i))
        elif isinstance(value, dict):
            for key, item in value.items():
                if isinstance(item, BaseModel):
                    yield from newer_keys(item, version, (*path, alias, key))


def version_findings(model: BaseModel, version: int, source: SourceMap, file: str) -> list[Finding]:
    out: list[Finding] = []
    for path, key, needed in newer_keys(model, version):
        line, col = source.locate(path, key=True)
        message = f"nyckeln '{key}' finns från schemaversion {needed}, men planen har schemaversion {version}"
        if not out:  # the remedy once per file, not on every key
            message += f"; kör 'ikplan migrate {file} --write' (eller skriv 'schemaversion: {needed}')"
        out.append(Finding(file, line, col, CODE, Severity.ERROR, message))
    return out
