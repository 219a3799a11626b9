"""Prebuilt validators: the models' compiled schemas kept in a cache file between runs.

pre-commit starts `ikplan validate` on every commit, and most of a one-file run went to building the
models with pydantic. What that build produces does not change between runs of the same ikplan
with the same pydantic: each model's core schema (which pydantic-core compiles into a validator),
its fields' aliases and its private attributes, and the plan's JSON Schema. `save()` writes them
after a run that built the models; `activate()`, called before the models are imported, loads them,
and the models are then defined with the light stand-ins of `ikplan/plan/light.py` and validated by
pydantic-core from the cached schemas, without importing pydantic.

The cache file is named by a hash of everything the schemas are made from: the sources of the
model modules and of this one, the Python version and pydantic's and pydantic-core's versions.
Any change gives a new name, so a stale file is never read. It lives in $IKPLAN_CACHE_DIR, else
$XDG_CACHE_HOME/ikplan, else ~/.cache/ikplan; IKPLAN_PREBUILT=0 turns it off. A file that cannot be
read or written is no error: the run builds the models with pydantic, as without a cache.

The file is a pickle read by an unpickler that only resolves names defined in the model modules
(and pydantic-core's own), never a dunder attribute, so a file someone else wrote cannot run code.
"""

from __future__ import annotations

import os
import pickle
import sys
from typing import Any

# the modules whose classes and functions a cached schema refers to, and whose sources name the file
MODULES = (
    "ikplan.plan.model",
    "ikplan.plan.config",
    "ikplan.plan.types",
    "ikplan.plan.vocabulary",
    "ikplan.plan.light",
)
_OWN = ("ikplan.plan.base", "ikplan.plan.prebuilt", "ikplan.plan.years")  # hashed with MODULES
_FORMAT = 2

# The loaded cache while the light models are in use, else None: {"classes": {qualified name: facts},
# "json_schema": {model name: JSON Schema}}
LIGHT: dict[str, Any] | None = None
_STARTED_AS: str | None = None  # the cache file activate() looked for


def cache_dir() -> str:
    explicit = os.environ.get("IKPLAN_CACHE_DIR")
    if explicit:
        return explicit
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "ikplan")


def _source_of(module: str) -> bytes | None:
    import importlib.util

    package, _, rest = module.partition(".")
    spec = importlib.util.find_spec(package)  # a submodule's spec would import its package
    if spec is None or not spec.origin or not spec.origin.endswith(".py"):
        return None
    where = os.path.dirname(spec.origin) if rest else None
    path = os.path.join(where, *rest.split(".")) + ".py" if where else spec.origin
    with open(path, "rb") as fh:
        return fh.read()


def _compiled_core() -> bytes:
    """pydantic-core's compiled module, by name, size and time, without importing it (`ikplan --help`
    does not need it)."""
    import importlib.util

    spec = importlib.util.find_spec("pydantic_core")
    if spec is None or not spec.origin:
        raise ImportError("pydantic_core")
    folder = os.path.dirname(spec.origin)
    out = b""
    for name in sorted(os.listdir(folder)):
        if name.startswith("_pydantic_core") and not os.path.isdir(os.path.join(folder, name)):
            st = os.stat(os.path.join(folder, name))
            out += f"{name} {st.st_size} {st.st_mtime_ns}\n".encode()
    if not out:
        raise ImportError("pydantic_core")
    return out


def cache_file() -> str | None:
    """The cache file for this ikplan, Python and pydantic; None when a source cannot be read."""
    import hashlib

    digest = hashlib.sha256(f"{_FORMAT} {sys.version}".encode())
    try:
        for module in (*MODULES, *_OWN, "pydantic.version"):
            source = _source_of(module)
            if source is None:
                return None
            digest.update(module.encode() + b"\0" + source + b"\0")
        digest.update(_compiled_core())
    except (OSError, ImportError, ValueError):
        return None
    return os.path.join(cache_dir(), f"prebuilt-{digest.hexdigest()[:32]}.pickle")


def enabled() -> bool:
    return os.environ.get("IKPLAN_PREBUILT", "1") != "0"


def activate() -> bool:
    """Use the cached schemas for the models, when a cache for exactly this code exists and the
    models are not imported yet. True when the light models are in use."""
    global LIGHT
    if LIGHT is not None:
        return True
    if not enabled() or any(m in sys.modules for m in MODULES[:2]):
        return False
    global _STARTED_AS
    path = _STARTED_AS = cache_file()
    if path is None or os.path.exists(_broken(path)):
        return False
    try:
        with open(path, "rb") as fh:
            loaded = _Unpickler(fh).load()  # plain data: the classes are not defined yet
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError, TypeError):
        return False
    if not isinstance(loaded, dict) or loaded.get("format") != _FORMAT:
        return False
    LIGHT = loaded
    return True


def _broken(path: str) -> str:
    return path[: -len(".pickle")] + ".broken"


def discard() -> None:
    """The cache file failed: mark it, so that neither this version nor a rewrite of it is used again."""
    path = cache_file()
    if path is None:
        return
    try:
        with open(_broken(path), "w", encoding="utf-8") as fh:
            fh.write("De färdiga valideringsscheman i filen bredvid fungerade inte med den här pydantic-core.\n")
        os.unlink(path)
    except OSError:
        pass


def rerun_without(argv: list[str]) -> None:
    """The light models failed where pydantic's would not (a pydantic-core they were not made for): a
    command prints at its end, so nothing is out yet; the same call runs again without the cache, which
    is not used again."""
    discard()
    env = {**os.environ, "IKPLAN_PREBUILT": "0"}
    os.execve(sys.executable, [sys.executable, "-m", "ikplan", *argv], env)


def facts_of(name: str) -> dict[str, Any]:
    """A light model's facts: its validator's (schema, config), fields {name: (alias, json_schema_extra)}
    and private attributes {name: default}."""
    assert LIGHT is not None
    return LIGHT["classes"][name]  # type: ignore[no-any-return]


_SCHEMAS: dict[str, Any] = {}


def compiled(name: str, validator: bool = True) -> Any:
    """A light model's validator (or serializer), compiled from its cached core schema. Read when first
    needed, once the model modules are imported: the schema refers to their classes and functions."""
    import io

    from pydantic_core import SchemaSerializer, SchemaValidator

    if name not in _SCHEMAS:
        _SCHEMAS[name] = _Unpickler(io.BytesIO(facts_of(name)["schema"])).load()
    schema, config = _SCHEMAS[name]
    return SchemaValidator(schema, config) if validator else SchemaSerializer(schema, config)


def json_schema_of(model: str) -> dict[str, Any] | None:
    """The cached `model_json_schema` of Plan or Config for the editor's schema, or None."""
    if LIGHT is None:
        return None
    import copy

    schema: dict[str, Any] = copy.deepcopy(LIGHT["json_schema"][model])
    return schema


_ALLOWED_CORE = {"pydantic_core", "pydantic_core._pydantic_core", "pydantic_core.core_schema"}


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if module == "builtins" and name in ("list", "dict"):  # the factories of empty defaults (_strip)
            return list if name == "list" else dict
        if module == "builtins" and name == "getattr":
            return _safe_getattr
        if (module not in MODULES and module not in _ALLOWED_CORE) or module not in sys.modules:
            raise pickle.UnpicklingError(f"{module}.{name}")  # never imports: the modules are loaded
        first, *rest = name.split(".")
        obj = getattr(sys.modules[module], first)
        if getattr(obj, "__module__", None) != module:  # only what the module defines, not what it imports
            raise pickle.UnpicklingError(f"{module}.{name}")
        for part in rest:
            obj = _safe_getattr(obj, part)
        return obj


def _safe_getattr(obj: Any, name: str) -> Any:
    """getattr for a method of a model class (a validator): never a dunder, only on a class."""
    if not isinstance(obj, type) or name.startswith("__") or obj.__module__ not in MODULES:
        raise pickle.UnpicklingError(f"getattr {name}")
    return getattr(obj, name)


# pydantic's serializer for a field with a PlainValidator is a lambda that hands the value to the
# type's own serializer; light.through does the same and can be named in a pickle
_PASSTHROUGH = "PlainValidator.__get_pydantic_core_schema__.<locals>.<lambda>"


def _strip(schema: Any) -> Any:
    """A core schema without what only pydantic reads (metadata), with pydantic's one lambda replaced.
    Any other function that cannot be named makes pickling fail, and then no cache is written."""
    from ikplan.plan.light import through

    if isinstance(schema, dict):
        out = {k: _strip(v) for k, v in schema.items() if k != "metadata"}
        if out.get("type") == "default" and type(out.get("default")) in (list, dict) and not out["default"]:
            # An empty [] or {} default: pydantic-core deep-copies it with Python's copy.deepcopy for every
            # object, a twentieth of a plan's check; list() and dict() give the same, in C.
            out["default_factory"] = type(out.pop("default"))
        return out
    if isinstance(schema, list):
        return [_strip(v) for v in schema]
    if callable(schema) and getattr(schema, "__qualname__", "") == _PASSTHROUGH:
        return through
    return schema


def _model_classes() -> list[Any]:
    from pydantic import BaseModel

    out, todo = [], list(BaseModel.__subclasses__())
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__ in MODULES:
            out.append(cls)
    return out


def snapshot() -> dict[str, Any]:
    """What the light models need, from the models as pydantic built them."""
    from pydantic_core import PydanticUndefined

    from ikplan.plan.config import Config
    from ikplan.plan.model import Plan

    classes: dict[str, Any] = {}
    for cls in _model_classes():
        reduced = cls.__pydantic_validator__.__reduce__()  # (SchemaValidator, (schema, config))
        schema, config = reduced[1][:2]
        private = {}
        for name, attr in cls.__private_attributes__.items():
            if attr.default_factory is not None or attr.default is PydanticUndefined:
                raise ValueError(f"{cls.__qualname__}.{name}: a private attribute needs a plain default here")
            private[name] = attr.default
        classes[f"{cls.__module__}.{cls.__qualname__}"] = {
            # pickled apart: it refers to the model classes, which the outer facts help define
            "schema": pickle.dumps((_strip(schema), config), pickle.HIGHEST_PROTOCOL),
            "fields": {n: (f.alias, f.json_schema_extra) for n, f in cls.model_fields.items()},
            "private": private,
        }
    from ikplan.plan.schema import raw_json_schema

    return {
        "format": _FORMAT,
        "classes": classes,
        "json_schema": {"Plan": raw_json_schema(Plan), "Config": raw_json_schema(Config)},
    }


def _prune(folder: str, days: int = 90) -> None:
    """Remove the files of earlier versions not used for `days` (several installations may share the
    folder, each with its own file)."""
    import time

    for old in os.listdir(folder):
        full = os.path.join(folder, old)
        if (
            old.startswith("prebuilt-")
            and old.endswith(".pickle")
            and os.stat(full).st_atime < time.time() - days * 86400
        ):
            os.unlink(full)


def save() -> str | None:
    """Write the cache for this code, once, after a run that built the models with pydantic; the path
    written, or None (off, in use, already there, or not writable: never an error)."""
    if LIGHT is not None or not enabled() or "ikplan.plan.model" not in sys.modules:
        return None
    # named by the sources as they were when this process started and imported them, so that a model
    # edited while a command ran is never cached under the new source's name
    path = _STARTED_AS or cache_file()
    if path is None or os.path.exists(path) or os.path.exists(_broken(path)):
        return None
    import tempfile

    try:
        data = pickle.dumps(snapshot(), pickle.HIGHEST_PROTOCOL)
        folder = os.path.dirname(path)
        os.makedirs(folder, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".prebuilt-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
        _prune(folder)
    except (OSError, pickle.PicklingError, TypeError, AttributeError, ValueError):
        return None
    return path
