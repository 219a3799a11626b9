"""Light stand-ins for the pydantic names the models use, for a run with prebuilt validators.

Building the models with pydantic costs more than checking a plan: pydantic imports its schema
generator and, for each of the models, inspects its fields and writes a core schema that
pydantic-core compiles. `ikplan/plan/prebuilt.py` keeps what that produced (each model's core
schema, its fields' aliases and its private attributes) in a cache file. With that file present,
`ikplan/plan/base.py` hands the model modules these stand-ins instead of pydantic's names: the
classes are plain Python classes with the same methods, validated by pydantic-core from the
cached schema. Validation, error messages and the objects it builds are pydantic-core's own,
so they are the same; what a model class offers beside validation is the part of pydantic's
BaseModel the checking code uses (tests/test_prebuilt.py runs `validate` both ways and compares
the output byte for byte).

Nothing here imports pydantic: that is the point.
"""

from __future__ import annotations

import copy
from typing import Any, ClassVar

_IMMUTABLE = (type(None), bool, int, float, str, bytes, tuple, frozenset)


class FieldInfo:
    """What the checking code reads of a field: its alias, annotation and json_schema_extra."""

    __slots__ = ("alias", "annotation", "json_schema_extra")

    def __init__(self, alias: str | None, annotation: Any, json_schema_extra: Any) -> None:
        self.alias = alias
        self.annotation = annotation
        self.json_schema_extra = json_schema_extra


def Field(*args: Any, **kwargs: Any) -> Any:
    """The field's facts come from the cache; in the class body this only marks the name as a field."""
    return _FIELD


def PrivateAttr(*args: Any, **kwargs: Any) -> Any:
    return _FIELD


_FIELD = object()


def ConfigDict(**kwargs: Any) -> dict[str, Any]:
    return kwargs


class _Marker:
    """PlainValidator, BeforeValidator, …: metadata in Annotated[...], read only when building a schema."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.args = args


BeforeValidator = PlainValidator = WithJsonSchema = PlainSerializer = _Marker
StrictInt = int
StrictBool = bool


class ValidationInfo:  # only in annotations of the validators
    context: Any


def through(value: Any, handler: Any) -> Any:
    """pydantic's serializer for a PlainValidator's field (a lambda there): the value as its type has it."""
    return handler(value)


def _as_pydantic_binds(func: Any) -> Any:
    """A validator as pydantic leaves it in the class: a classmethod stays one; a function whose first
    parameter is `cls` becomes one; anything else (an instance method, an `after` model validator)
    stays as it is. The cached schema refers to it as `Model.name`."""
    if isinstance(func, classmethod | staticmethod):
        return func
    code = getattr(func, "__code__", None)
    if code is not None and code.co_argcount and code.co_varnames[0] == "cls":
        return classmethod(func)
    return func


def field_validator(*fields: Any, **kwargs: Any) -> Any:
    return _as_pydantic_binds


def model_validator(**kwargs: Any) -> Any:
    return _as_pydantic_binds


class _Meta(type):
    """Class-level facts built on first use: a model's validator, and its fields as FieldInfo."""

    def __getattr__(cls, name: str) -> Any:
        if name in ("__pydantic_validator__", "__pydantic_serializer__"):
            from ikplan.plan import prebuilt

            compiled = prebuilt.compiled(f"{cls.__module__}.{cls.__qualname__}", name == "__pydantic_validator__")
            type.__setattr__(cls, name, compiled)
            return compiled
        raise AttributeError(name)

    @property
    def model_fields(cls) -> dict[str, FieldInfo]:
        fields: dict[str, FieldInfo] | None = cls.__dict__.get("_light_fields")
        if fields is None:
            # the annotation as written (the model modules write no string annotations for fields);
            # pydantic's has Annotated[...] taken off, which the readers of it look through anyway
            hints: dict[str, Any] = {}
            for klass in reversed(cls.__mro__):
                hints.update(klass.__dict__.get("__annotations__", {}))  # noqa: RUF063 (this class's own)
            fields = {
                name: FieldInfo(alias, hints.get(name), extra)
                for name, (alias, extra) in cls.__pydantic_light__["fields"].items()
            }
            type.__setattr__(cls, "_light_fields", fields)
        return fields


class BaseModel(metaclass=_Meta):
    """The part of pydantic's BaseModel that ikplan's checking uses, over pydantic-core's validator."""

    __slots__ = ("__dict__", "__pydantic_extra__", "__pydantic_fields_set__", "__pydantic_private__")
    __pydantic_light__: ClassVar[dict[str, Any]]
    model_config: ClassVar[dict[str, Any]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        from ikplan.plan import prebuilt

        facts = prebuilt.facts_of(f"{cls.__module__}.{cls.__qualname__}")
        cls.__pydantic_light__ = facts
        for name in (*facts["fields"], *facts["private"]):
            if name in cls.__dict__:
                delattr(cls, name)  # as pydantic: a field's value is on the object, not the class

    def __init__(self, **data: Any) -> None:
        type(self).__pydantic_validator__.validate_python(data, self_instance=self)

    @classmethod
    def model_validate(
        cls, obj: Any, *, strict: bool | None = None, from_attributes: bool | None = None, context: Any = None
    ) -> Any:
        return cls.__pydantic_validator__.validate_python(
            obj, strict=strict, from_attributes=from_attributes, context=context
        )

    def model_dump(self, *, mode: str = "python", **kwargs: Any) -> dict[str, Any]:
        """pydantic's model_dump: pydantic-core's serializer, from the same cached schema."""
        dumped: dict[str, Any] = type(self).__pydantic_serializer__.to_python(self, mode=mode, **kwargs)
        return dumped

    def model_dump_json(self, **kwargs: Any) -> str:
        return str(type(self).__pydantic_serializer__.to_json(self, **kwargs).decode())

    def model_post_init(self, context: Any, /) -> None:
        """pydantic-core calls this after validation of a model with private attributes."""
        if getattr(self, "__pydantic_private__", None) is None:
            private = {
                name: value if isinstance(value, _IMMUTABLE) else copy.deepcopy(value)
                for name, value in type(self).__pydantic_light__["private"].items()
            }
            object.__setattr__(self, "__pydantic_private__", private)

    @property
    def model_fields_set(self) -> set[str]:
        fields_set: set[str] = self.__pydantic_fields_set__
        return fields_set

    @property
    def model_extra(self) -> dict[str, Any] | None:
        extra: dict[str, Any] | None = self.__pydantic_extra__
        return extra

    def __getattr__(self, name: str) -> Any:
        try:
            private = object.__getattribute__(self, "__pydantic_private__")
        except AttributeError:
            private = None
        if private is not None and name in private:
            return private[name]
        if name == "__pydantic_private__":
            return None
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def __setattr__(self, name: str, value: Any) -> None:
        facts = type(self).__pydantic_light__
        if name in facts["private"]:
            private = getattr(self, "__pydantic_private__", None)
            if private is None:
                private = {}
                object.__setattr__(self, "__pydantic_private__", private)
            private[name] = value
            return
        attr = getattr(type(self), name, None)
        if isinstance(attr, property):
            attr.__set__(self, value)
            return
        if name not in facts["fields"]:
            raise ValueError(f'"{type(self).__name__}" object has no field "{name}"')
        self.__dict__[name] = value
        self.__pydantic_fields_set__.add(name)

    def _copied(self, deep: bool, memo: dict[int, Any] | None = None) -> Any:
        """A copy as pydantic makes it: the values shallow or deep, the set of given fields always anew."""

        def copy_of(value: Any) -> Any:
            return copy.deepcopy(value, memo=memo) if deep else copy.copy(value)

        cls = type(self)
        m = cls.__new__(cls)
        object.__setattr__(m, "__dict__", copy_of(self.__dict__))
        object.__setattr__(m, "__pydantic_extra__", copy_of(self.__pydantic_extra__))
        object.__setattr__(m, "__pydantic_fields_set__", copy.copy(self.__pydantic_fields_set__))
        private = getattr(self, "__pydantic_private__", None)
        object.__setattr__(m, "__pydantic_private__", None if private is None else copy_of(private))
        return m

    def __copy__(self) -> Any:
        return self._copied(deep=False)

    def __deepcopy__(self, memo: dict[int, Any] | None = None) -> Any:
        return self._copied(deep=True, memo=memo)

    def __getstate__(self) -> dict[str, Any]:
        """As pydantic's, so that a plan checked in a worker process comes back whole."""
        return {
            "__dict__": self.__dict__,
            "__pydantic_extra__": self.__pydantic_extra__,
            "__pydantic_fields_set__": self.__pydantic_fields_set__,
            "__pydantic_private__": getattr(self, "__pydantic_private__", None),
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        for name, value in state.items():
            object.__setattr__(self, name, value)

    def model_copy(self, *, update: dict[str, Any] | None = None, deep: bool = False) -> Any:
        copied = self.__deepcopy__() if deep else self.__copy__()
        if update:
            copied.__dict__.update(update)
            copied.__pydantic_fields_set__.update(update.keys())
        return copied

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, BaseModel) or type(self) is not type(other):
            return NotImplemented
        names = type(self).__pydantic_light__["fields"]
        return (
            {k: self.__dict__.get(k) for k in names} == {k: other.__dict__.get(k) for k in names}
            and getattr(self, "__pydantic_private__", None) == getattr(other, "__pydantic_private__", None)
            and self.__pydantic_extra__ == other.__pydantic_extra__
        )

    __hash__ = None  # type: ignore[assignment]  # as pydantic's: a model that can change is not hashable

    def __repr__(self) -> str:
        names = type(self).__pydantic_light__["fields"]
        return f"{type(self).__name__}(" + ", ".join(f"{k}={self.__dict__.get(k)!r}" for k in names) + ")"
