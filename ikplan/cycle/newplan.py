"""`ikplan new`: a new plan from the kommun configuration, valid from the start."""

from __future__ import annotations

import json
import os
from pathlib import Path

from ikplan.checking.validate import Checker
from ikplan.errors import IkplanError
from ikplan.plan.config import FieldDef
from ikplan.reporting.render import template_dir

SCHEMA_NAME = os.path.join("schema", "ikplan-plan-v2.json")


def _schema_path(target_dir: str) -> str | None:
    """The committed JSON Schema above the new file, relative to it, for the editor."""
    current = os.path.abspath(target_dir)
    while True:
        candidate = os.path.join(current, SCHEMA_NAME)
        if os.path.isfile(candidate):
            return os.path.relpath(candidate, os.path.abspath(target_dir))
        parent = os.path.dirname(current)
        if parent == current or os.path.exists(os.path.join(current, ".git")):
            return installed_schema()
        current = parent


def installed_schema() -> str | None:
    """The schema that came with ikplan (a wheel's ikplan/schema_files, or this checkout's schema/),
    as a file URI: a plan made outside a kommun's repository still gets its editor help."""
    from pathlib import Path

    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "schema_files" / os.path.basename(SCHEMA_NAME), here.parent / SCHEMA_NAME):
        if candidate.is_file():
            return candidate.as_uri()
    return None


def _yaml(value: object) -> str:
    """A YAML scalar: JSON strings are valid YAML double-quoted strings."""
    return json.dumps(value, ensure_ascii=False)


def _field_line(f: FieldDef) -> dict[str, str]:
    """A kommun's own field in the new plan: '(fyll i)' when required, else a commented example."""
    hint = {
        "text": "text",
        "heltal": "ett heltal",
        "datum": "ÅÅÅÅ-MM-DD",
        "ja/nej": "ja eller nej",
        "val": "ett av: " + ", ".join(f.choices),
        "lista": "[text, text]",
    }[f.type.value]
    return {"name": f.name, "line": f'{f.name}: "(fyll i)"  # {hint}' if f.required else f"# {f.name}: {hint}"}


def new_plan_text(board: str, year: int, target: str, administration: str | None = None) -> str:
    """The text of a new plan for `board` and `year`, to be written at `target`."""
    from jinja2 import StrictUndefined, TemplateError
    from jinja2.sandbox import SandboxedEnvironment

    checker = Checker()
    settings, _cfg = checker.settings_for(target)
    if settings is None:
        raise IkplanError("ikplan.yaml för den nya planen har fel; kör 'ikplan validate' på den")
    config = settings.config
    matrix = config.matrix
    env = SandboxedEnvironment(
        undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True
    )
    env.filters["yaml"] = _yaml
    template = template_dir() / "ny-plan.yaml.j2"
    try:
        text = env.from_string(template.read_text(encoding="utf-8")).render(
            board=board,
            year=year,
            administration=administration or "",
            municipality=config.municipality or "",
            example_case_number=f"XX-{year - 1}/123",
            required=[{"id": rc.id, "name": rc.name} for rc in config.required_for(year)],
            risk_fields=[_field_line(f) for f in config.fields_for("risk")],
            control_fields=[_field_line(f) for f in config.fields_for("kontrollmoment")],
            periods=", ".join(p.id for p in config.periods),
            likelihood_name=matrix.likelihood.name,
            consequence_name=matrix.consequence.name,
            likelihood_scale=", ".join(f"{lv.value} {lv.name}" for lv in matrix.likelihood.levels),
            consequence_scale=", ".join(f"{lv.value} {lv.name}" for lv in matrix.consequence.levels),
            likelihood_max=matrix.size[0],
            consequence_max=matrix.size[1],
            critical_from=matrix.critical_from,
            schema_path=_schema_path(os.path.dirname(os.path.abspath(target))),
        )
    except (OSError, TemplateError) as exc:
        raise IkplanError(f"mallen {template}: {exc}") from None
    checked = checker.check_bytes(text.encode("utf-8"), str(Path(target)), settings_from=target)
    errors = [f for f in checked.findings if f.severity.value == "error"]
    if errors:  # a bug in the template, not in the user's data
        first = errors[0]
        raise IkplanError(f"den nya planen blev inte giltig: {first.line}:{first.column} {first.code} {first.message}")
    return text
