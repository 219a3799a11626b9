"""The JSON Schema of the plan format (draft-7 constructs), for editors and other tools."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from ikplan.plan.config import Config
from ikplan.plan.model import Plan

DRAFT7 = "http://json-schema.org/draft-07/schema#"


def json_schema(model: type[BaseModel] = Plan) -> dict[str, Any]:
    """The model's schema with `definitions` (draft 7) instead of `$defs`."""
    schema = model.model_json_schema(by_alias=True, ref_template="#/definitions/{model}", mode="validation")
    defs = schema.pop("$defs", None)
    title = "ikplan internkontrollplan, schemaversion 1" if model is Plan else "ikplan.yaml, schemaversion 1"
    out: dict[str, Any] = {"$schema": DRAFT7, "title": title, **{k: v for k, v in schema.items() if k != "title"}}
    if defs:
        out["definitions"] = defs
    return out


def schema_text(kind: str = "plan") -> str:
    model: type[BaseModel] = Config if kind == "config" else Plan
    return json.dumps(json_schema(model), ensure_ascii=False, indent=2) + "\n"
