"""A plan read to be edited as text (rollover, import into an existing plan, collect): its bytes, its data
as the user wrote it, and its check. One reading serves all three, so each refuses a plan with errors the
same way and none edits what it could not read."""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ikplan.checking.findings import Severity
from ikplan.checking.validate import Checked, Checker
from ikplan.errors import IkplanError


@dataclass
class Editable:
    raw: bytes
    original: Any  # the data as written: checking translates the kommun's words in place, so a copy
    checker: Checker
    checked: Checked


def read_editable(path: str, config: str | None, too_large: str | None, broken: Callable[[str], str]) -> Editable:
    """The plan at `path`, checked with the configuration found from it (or `config`).

    Raises IkplanError: "{path} är för stor för att {too_large}" for a file over the size limit (with
    `too_large` None, the loader's own finding says it, through `broken`), and `broken(where)` for a plan
    with errors, `where` being the first error as "rad:kolumn KOD meddelande" (or "")."""
    from ikplan.checking.loading import load_bytes, load_file, read_limited

    raw = read_limited(path)
    if raw is None and too_large is not None:
        raise IkplanError(f"{path} är för stor för att {too_large}")
    loaded = load_file(path) if raw is None else load_bytes(raw, path)
    original = copy.deepcopy(loaded.data)
    checker = Checker(config)
    checked = checker.check_loaded(loaded, path)
    if not checked.ok or raw is None or original is None or checked.plan is None or checked.settings is None:
        errors = [f for f in checked.findings if f.severity is Severity.ERROR]
        where = f"{errors[0].line}:{errors[0].column} {errors[0].code} {errors[0].message}" if errors else ""
        raise IkplanError(broken(where))
    return Editable(raw, original, checker, checked)
