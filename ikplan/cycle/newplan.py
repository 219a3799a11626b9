"""`ikplan new`: a new plan from the kommun configuration, valid from the start."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Mapping
from pathlib import Path

from ikplan.checking.validate import Checker
from ikplan.errors import IkplanError
from ikplan.plan.config import FieldDef, Period
from ikplan.reporting.render import template_dir

COMMITTED_SCHEMA = "schema/ikplan-plan-v2.json"  # the format's own, in ikplan's checkout
DEFAULT_RESULTS = ["utan anmärkning", "med mindre anmärkning", "med väsentlig anmärkning", "ej genomförd"]
DEFAULT_STATUSES = ["ej påbörjad", "påbörjad", "genomförd"]


def editor_schema(target: str, cfg_path: str | None) -> tuple[str | None, str | None]:
    """The modeline's $schema for a new plan at `target`, and the file it names (None for none or a URI).

    With a kommun's ikplan.yaml: its schema in the repository (`.ikplan/plan.schema.json` beside it, made
    by `ikplan git-setup` with the kommun's fields and words), relative to the plan so that it holds in
    every clone. Without one: the committed `schema/` of ikplan's own checkout when the plan is in it,
    else the format's schema at the repository root (git-setup writes that too), and outside any
    repository the schema installed with ikplan, as a file URI: nothing is committed there, and the
    plan still gets its editor help on this machine."""
    from ikplan.plan.schema import editor_schema_file

    folder = os.path.dirname(os.path.abspath(target))
    if cfg_path is not None:
        path = editor_schema_file(os.path.dirname(os.path.abspath(cfg_path)))
        return _relative(path, folder), path
    current = folder
    while True:
        candidate = os.path.join(current, *COMMITTED_SCHEMA.split("/"))
        if os.path.isfile(candidate):
            return _relative(candidate, folder), candidate
        if os.path.exists(os.path.join(current, ".git")):
            path = editor_schema_file(current)
            return _relative(path, folder), path
        parent = os.path.dirname(current)
        if parent == current:
            return installed_schema(), None
        current = parent


def _relative(path: str, folder: str) -> str:
    """`path` from `folder` with forward slashes, as the modeline wants it on every system."""
    return Path(os.path.relpath(path, folder)).as_posix()


def installed_schema() -> str | None:
    """The schema that came with ikplan (a wheel's ikplan/schema_files, or this checkout's schema/),
    as a file URI."""
    here = Path(__file__).resolve().parent.parent
    name = os.path.basename(COMMITTED_SCHEMA)
    for candidate in (here / "schema_files" / name, here.parent / "schema" / name):
        if candidate.is_file():
            return candidate.as_uri()
    return None


def editor_schema_hint(target: str) -> str | None:
    """A Swedish line for when the schema that the new plan's modeline names does not exist yet."""
    checker = Checker()
    _settings, cfg_path = checker.settings_for(_located(target))
    _shown, path = editor_schema(target, cfg_path)
    if path is None or os.path.isfile(path):
        return None
    where = os.path.relpath(path)
    if _in_repository(os.path.dirname(os.path.abspath(target))):
        return f"editorschemat {where} finns inte än: kör 'ikplan git-setup' så att editorn hittar det"
    config = f" --config {os.path.relpath(cfg_path)}" if cfg_path else ""
    folder = os.path.dirname(where)
    return f"editorschemat {where} finns inte än: skriv det med 'mkdir -p {folder} && ikplan schema plan{config} > {where}'"


def _located(target: str) -> str:
    """Where to look for the ikplan.yaml of a plan at `target`: its folder, or the nearest folder above
    it that exists (plans/ may not exist yet; the search for ikplan.yaml stops at a missing folder)."""
    folder = os.path.dirname(os.path.abspath(target))
    while not os.path.isdir(folder) and os.path.dirname(folder) != folder:
        folder = os.path.dirname(folder)
    return os.path.join(folder, os.path.basename(target))


def _in_repository(folder: str) -> bool:
    current = folder
    while not os.path.exists(os.path.join(current, ".git")):
        parent = os.path.dirname(current)
        if parent == current:
            return False
        current = parent
    return True


def _yaml(value: object) -> str:
    """A YAML scalar: JSON strings are valid YAML double-quoted strings."""
    return json.dumps(value, ensure_ascii=False)


def _plain(value: str) -> str:
    """A word as YAML shows it plainly (Godkänd med brister), in quotes only where YAML needs them."""
    import yaml

    try:
        plain = yaml.safe_load(f"k: {value}") == {"k": value}
    except yaml.YAMLError:
        plain = False
    return value if plain and "#" not in value else _yaml(value)


def _words(own: Mapping[str, object], default: list[str], example: str) -> tuple[str, str]:
    """The kommun's words (its ordlista) or ikplan's, as a comment lists them, and the one that means
    `example`, for the example line."""
    words = list(own) or default
    meaning = {w: str(getattr(v, "value", v)) for w, v in own.items()}
    chosen = next((w for w in words if meaning.get(w, w) == example), words[0])
    others = [_plain(w) for w in words if w != chosen]
    listed = ", ".join(others[:-1]) + (" eller " if len(others) > 1 else "") + (others[-1] if others else "")
    return listed, _plain(chosen)


def _kommun_key(aliases: Mapping[str, str], key: str) -> str:
    """What the kommun calls a risk's key ('väsentlighet' for konsekvens), the ordlista's word before
    the matrix's axis name (the later of the two), else the key itself."""
    words = [word for word, k in aliases.items() if k == key]
    return words[-1] if words else key


def _period(period: Period) -> str:
    """'tertial1 (per 30/4)', with the period's name when its id does not already say it."""
    month, day = period.until.split("-")
    named = period.name.lower().replace(" ", "") != str(period.id).lower()
    return f"{period.id} ({period.name + ', ' if named else ''}per {int(day)}/{int(month)})"


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
    settings, cfg_path = checker.settings_for(_located(target))
    if settings is None:
        raise IkplanError("ikplan.yaml för den nya planen har fel; kör 'ikplan validate' på den")
    config = settings.config
    matrix = config.matrix
    env = SandboxedEnvironment(
        undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True
    )
    env.filters["yaml"] = _yaml
    env.filters["plain"] = _plain
    template = template_dir() / "ny-plan.yaml.j2"
    first_period = config.periods[0]
    results, result_example = _words(config.vocabulary.results, DEFAULT_RESULTS, "utan anmärkning")
    statuses, status_example = _words(config.vocabulary.action_statuses, DEFAULT_STATUSES, "påbörjad")
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
            periods=", ".join(_period(p) for p in config.periods),
            first_period=first_period.id,
            follow_up_date=(first_period.end_in(year) + dt.timedelta(days=10)).isoformat(),
            risk_value_name=_kommun_key(config.key_aliases, "riskvärde"),
            likelihood_key=_kommun_key(config.key_aliases, "sannolikhet"),
            consequence_key=_kommun_key(config.key_aliases, "konsekvens"),
            likelihood_scale=", ".join(f"{lv.value} {lv.name}" for lv in matrix.likelihood.levels),
            consequence_scale=", ".join(f"{lv.value} {lv.name}" for lv in matrix.consequence.levels),
            bands=", ".join(f"{b.name} {b.low}–{b.high}" for b in matrix.bands),
            likelihood_max=matrix.size[0],
            consequence_max=matrix.size[1],
            critical_from=matrix.critical_from,
            results=results,
            result_example=result_example,
            statuses=statuses,
            status_example=status_example,
            schema_path=editor_schema(target, cfg_path)[0],
        )
    except (OSError, TemplateError) as exc:
        raise IkplanError(f"mallen {template}: {exc}") from None
    checked = checker.check_bytes(text.encode("utf-8"), str(Path(target)), settings_from=_located(target))
    errors = [f for f in checked.findings if f.severity.value == "error"]
    if errors:  # a bug in the template, not in the user's data
        first = errors[0]
        raise IkplanError(f"den nya planen blev inte giltig: {first.line}:{first.column} {first.code} {first.message}")
    return text
