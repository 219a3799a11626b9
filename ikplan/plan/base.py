"""The pydantic names the models are written with: pydantic's own, or, when `prebuilt.activate()`
loaded the models' compiled schemas before they were imported, the light stand-ins that are
validated by pydantic-core from those schemas (see ikplan/plan/prebuilt.py)."""

from typing import TYPE_CHECKING

from ikplan.plan import prebuilt

if TYPE_CHECKING or prebuilt.LIGHT is None:
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
    from ikplan.plan.light import (
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

LIGHT = prebuilt.LIGHT is not None

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
