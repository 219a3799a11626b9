"""The pydantic names the models are written with: pydantic's own, or, when `prebuilt.activate()`
loaded the models' compiled schemas before they were imported, the light stand-ins that are
validated by pydantic-core from those schemas (see ikplan/plan/prebuilt.py)."""

from typing import TYPE_CHECKING

from ikplan.plan import prebuilt

__all__ = [
    "LIGHT",
    "BaseModel",
    "BeforeValidator",
    "ConfigDict",
    "Field",
    "PlainSerializer",
    "PlainValidator",
    "PrivateAttr",
    "StrictBool",
    "StrictInt",
    "ValidationInfo",
    "WithJsonSchema",
    "field_validator",
    "model_validator",
]

if TYPE_CHECKING:  # what mypy checks the models against
    from pydantic import (
        BaseModel,
        BeforeValidator,
        ConfigDict,
        Field,
        PlainSerializer,
        PlainValidator,
        PrivateAttr,
        StrictBool,
        StrictInt,
        ValidationInfo,
        WithJsonSchema,
        field_validator,
        model_validator,
    )
else:
    import importlib

    _source = importlib.import_module("pydantic" if prebuilt.LIGHT is None else "ikplan.plan.light")
    globals().update({name: getattr(_source, name) for name in __all__ if name != "LIGHT"})

LIGHT = prebuilt.LIGHT is not None
