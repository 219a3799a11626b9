"""Keep the command line's start short: pre-commit pays it on every commit.

`quiet_pydantic_plugins()` runs before pydantic is imported. ikplan uses no pydantic plugins, so it sets
PYDANTIC_DISABLE_PLUGINS (unless the user has set it), which pydantic reads to skip scanning every
installed package's entry points. pydantic still imports its plugin loader, and with it
importlib.metadata and the email package (about 11 ms, a fifth of `import typer`), to answer "no
plugins"; a stand-in module answers that itself and hands anything else to the real loader.
"""

from __future__ import annotations

import os
import sys
import types
from typing import Any

_LOADER = "pydantic.plugin._loader"
_DISABLED = ("__all__", "1", "true")  # the values pydantic's loader treats as "no plugins at all"


def _real_loader() -> types.ModuleType:
    import importlib

    if isinstance(sys.modules.get(_LOADER), _StandIn):
        del sys.modules[_LOADER]
    return importlib.import_module(_LOADER)


class _StandIn(types.ModuleType):
    """pydantic.plugin._loader while plugins are disabled; the real module as soon as they are not."""

    def get_plugins(self) -> Any:
        if os.environ.get("PYDANTIC_DISABLE_PLUGINS") in _DISABLED:
            return ()
        return _real_loader().get_plugins()

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # the import system asking, e.g., for __path__
            raise AttributeError(name)
        return getattr(_real_loader(), name)


def quiet_pydantic_plugins() -> None:
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    if os.environ["PYDANTIC_DISABLE_PLUGINS"] in _DISABLED and _LOADER not in sys.modules:
        sys.modules[_LOADER] = _StandIn(_LOADER)
