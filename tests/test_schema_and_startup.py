"""The committed JSON Schema matches the models; the CLI module starts light."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import AMN, KS, ROOT


def test_committed_schemas_equal_the_models(run) -> None:
    for args, name in (
        (["plan", "--schemaversion", "1"], "ikplan-plan-v1.json"),
        (["plan"], "ikplan-plan-v2.json"),
        (["config"], "ikplan-config-v1.json"),
    ):
        kind = " ".join(args)
        result = run("schema", *args)
        assert result.exit_code == 0
        committed = (ROOT / "schema" / name).read_text(encoding="utf-8")
        assert result.stdout == committed, f"schema/{name} is stale: run `ikplan schema {kind} > schema/{name}`"


def test_schema_uses_draft7_constructs_only(run) -> None:
    text = run("schema").stdout
    schema = json.loads(text)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert "$defs" not in text and "prefixItems" not in text and "unevaluatedProperties" not in text
    assert schema["additionalProperties"] is False
    assert "schemaversion" in schema["required"]


def test_bundled_plans_reference_the_committed_schema() -> None:
    for plan in (AMN, KS):
        first = plan.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../../schema/ikplan-plan-v1.json"
        assert (plan.parent / "../../schema/ikplan-plan-v1.json").resolve().is_file()


def test_cli_import_loads_no_heavy_modules() -> None:
    code = (
        "import sys, ikplan.cli; "
        "heavy = [m for m in ('jinja2', 'docxtpl', 'docx', 'rich', 'pydantic', 'yaml', 'ikplan.reporting.render') "
        "if m in sys.modules]; print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_help_and_version_through_a_real_process() -> None:
    out = subprocess.run([sys.executable, "-m", "ikplan", "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.strip().startswith("ikplan ")
    out = subprocess.run([sys.executable, "-m", "ikplan", "--help"], capture_output=True, text=True, check=True)
    assert "validate" in out.stdout


def test_every_command_has_help_text(run) -> None:
    import typer.main

    from ikplan.cli import app

    group = typer.main.get_command(app)
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        assert (command.help or "").strip(), f"{name} has no help text"
        assert run(name, "--help").exit_code == 0


def test_schema_texts_the_editor_shows_are_swedish(run) -> None:
    import re

    english = re.compile(r"\b(the|an|of|and|that|when|with|one|its|or|a)\b")
    for kind in ("plan", "config"):
        schema = json.loads(run("schema", kind).stdout)
        for name, node in schema["definitions"].items():
            assert node.get("description"), (
                f"{kind}: definitionen {name} saknar svensk beskrivning (plan/schema.py SWEDISH)"
            )
        texts: list[str] = []
        stack: list[object] = [schema]
        while stack:
            x = stack.pop()
            if isinstance(x, dict):
                texts.extend(v for k, v in x.items() if k in ("title", "description") and isinstance(v, str))
                stack.extend(x.values())
            elif isinstance(x, list):
                stack.extend(x)
        english_texts = [t for t in texts if english.search(t.replace("eller", ""))]
        assert english_texts == [], english_texts


def test_the_editor_schema_accepts_every_example_plan(run) -> None:  # type: ignore[no-untyped-def]
    """What `ikplan validate` accepts, the editor's schema accepts too: the seeds against the committed
    schema of their version, each kommun's plans against `ikplan schema plan --config` of its ikplan.yaml."""
    import datetime as dt

    import yaml
    from jsonschema import Draft7Validator

    def plain(o: object) -> object:  # YAML dates as the strings an editor sees
        if isinstance(o, dict):
            return {str(k): plain(v) for k, v in o.items()}
        if isinstance(o, list):
            return [plain(v) for v in o]
        return o.isoformat() if isinstance(o, dt.date) else o

    def errors(plan: Path, schema: dict) -> list[str]:  # type: ignore[type-arg]
        data = plain(yaml.safe_load(plan.read_text(encoding="utf-8")))
        return [f"{list(e.path)}: {e.message[:80]}" for e in Draft7Validator(schema).iter_errors(data)]

    v1 = json.loads((ROOT / "schema" / "ikplan-plan-v1.json").read_text(encoding="utf-8"))
    for seed in (ROOT / "plans").rglob("*.yaml"):
        if seed.name != "ikplan.yaml":
            assert errors(seed, v1) == [], seed
    kommuner = ROOT / "tests" / "kommuner"
    checked = 0
    for config in sorted(kommuner.glob("*/ikplan.yaml")):
        schema = json.loads(run("schema", "plan", "--config", str(config)).stdout)
        for plan in config.parent.glob("*.yaml"):
            if plan.name != "ikplan.yaml":
                assert errors(plan, schema) == [], plan
                checked += 1
    assert checked >= 7
