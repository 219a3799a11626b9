"""The kommun's own structure (process → delprocess, kontrollmål, mål) and its own
fields declared in ikplan.yaml: validated, in the editor's JSON Schema, in reports and in the diff."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.conftest import KOMMUNER_DIR

FOLDER = KOMMUNER_DIR / "processer"
PLAN = FOLDER / "kommunstyrelsen-2024.yaml"


def _copy(tmp: Path) -> Path:
    shutil.copytree(FOLDER, tmp / "processer")
    return tmp / "processer" / PLAN.name


def test_the_process_plan_validates_and_reports_its_structure(run) -> None:  # type: ignore[no-untyped-def]
    assert run("validate", str(FOLDER)).exit_code == 0
    md = run("report", str(PLAN), "--period", "plan").stdout
    assert "| Id | Process › Delprocess | Risk |" in md
    assert "| R2 | Ekonomiprocessen › Inköp | Direktupphandling över gränsvärdet |" in md
    # R2's own kontrollmål; R1 has none and takes its process's (Ekonomiprocessen)
    r1, r2 = md.split("### R1")[1].split("### R2")  # in the plan's order
    assert "**Kontrollmål:** Inköp görs enligt lagen om offentlig upphandling" in r2
    assert "**Kontrollmål:** Korrekt och rättvisande redovisning" in r1
    assert "**Mål:** God ekonomisk hushållning" in r1 and "**Mål:** Effektiv förvaltning" in r2
    assert "**Riskansvarig:** Ekonomichef  \n**Enhet:** Ekonomienheten" in r1
    assert "Syfte med kontrollen: Säkerställa att attestordningen följs" in r1
    assert "Stickprovsstorlek" not in md  # visas: false
    html = run("report", str(PLAN), "--period", "plan", "-f", "html").stdout
    assert "<p>Riskansvarig: Ekonomichef</p>" in html and '<th scope="col">Process › Delprocess</th>' in html


def test_own_fields_are_checked_like_built_in_ones(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plan = _copy(tmp_path)
    text = plan.read_text(encoding="utf-8")
    text = text.replace("    enhet: Kansliet\n", "    enhet: Kommunledningen\n")
    text = text.replace("        stickprovsstorlek: 20\n", "        stickprovsstorlek: tjugo\n")
    text = text.replace("    riskansvarig: HR-chef\n", "")
    plan.write_text(text, encoding="utf-8")
    result = run("validate", str(plan), "-f", "json")
    assert result.exit_code == 1
    found = {(f["code"], f["line"], f["message"]) for f in json.loads(result.stdout)}
    lines = text.splitlines()

    def at(fragment: str) -> int:
        return next(i for i, line in enumerate(lines, 1) if fragment in line)

    assert found == {
        (
            "IK119",
            at("enhet: Kommunledningen"),
            "risk R2: enhet ska vara ett av: 'Ekonomienheten', 'HR-enheten', 'Kansliet'",
        ),
        ("IK119", at("stickprovsstorlek: tjugo"), "kontrollmoment K1: stickprovsstorlek ska vara ett heltal"),
        ("IK119", at("- id: R3"), "risk R3: det obligatoriska fältet 'riskansvarig' saknas"),
    }


def test_an_undeclared_field_says_where_to_declare_it(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plan = _copy(tmp_path)
    plan.write_text(
        plan.read_text(encoding="utf-8").replace(
            "    enhet: Kansliet\n", "    enhet: Kansliet\n    kostnadsställe: '1234'\n"
        ),
        encoding="utf-8",
    )
    out = run("validate", str(plan)).output
    assert "okänd nyckel 'kostnadsställe' i risker R2" in out
    assert "(ett eget fält deklareras i ikplan.yaml under 'fält:')" in out


def test_a_misspelt_own_field_is_suggested(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plan = _copy(tmp_path)
    plan.write_text(plan.read_text(encoding="utf-8").replace("riskansvarig: HR-chef", "riskansvaig: HR-chef"))
    assert "okänd nyckel 'riskansvaig' i risker R3; menade du 'riskansvarig'?" in run("validate", str(plan)).output


def test_area_hierarchy_errors(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plan = _copy(tmp_path)
    text = plan.read_text(encoding="utf-8").replace(
        "{id: personal, namn: Personalprocessen}", "{id: personal, namn: Personalprocessen, överordnat: lon}"
    )
    text = text.replace("överordnat: ekonomi, kontrollmål", "överordnat: ekonomin, kontrollmål")
    plan.write_text(text, encoding="utf-8")
    out = run("validate", str(plan)).output
    assert "området inkop: det överordnade området 'ekonomin' finns inte" in out
    assert "området personal ligger under sig självt (överordnat går i cirkel)" in out
    assert "området lon ligger under sig självt" in out


def test_the_editor_schema_knows_the_kommuns_fields_and_words(run) -> None:  # type: ignore[no-untyped-def]
    result = run("schema", "plan", "--config", str(FOLDER / "ikplan.yaml"))
    assert result.exit_code == 0, result.output
    defs = json.loads(result.stdout)["definitions"]
    assert defs["Risk"]["properties"]["enhet"]["enum"] == ["Ekonomienheten", "HR-enheten", "Kansliet"]
    assert "riskansvarig" in defs["Risk"]["required"]
    assert defs["Control"]["properties"]["stickprovsstorlek"]["type"] == "integer"
    mellerud = json.loads(run("schema", "plan", "--config", str(KOMMUNER_DIR / "mellerud" / "ikplan.yaml")).stdout)
    risk = mellerud["definitions"]["Risk"]["properties"]
    assert "risktal" in risk and "väsentlighet" in risk
    assert "Ingen avvikelse" in json.dumps(
        mellerud["definitions"]["FollowUp"]["properties"]["resultat"], ensure_ascii=False
    )
    plain = json.loads(run("schema", "plan").stdout)["definitions"]["Risk"]["properties"]
    assert "enhet" not in plain and "risktal" not in plain


def test_own_fields_are_diffed_by_name(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plan = _copy(tmp_path)
    after = plan.with_name("ny.yaml")
    after.write_text(plan.read_text(encoding="utf-8").replace("riskansvarig: HR-chef", "riskansvarig: Personalchef"))
    md = run("diff", str(plan), str(after), "-f", "md").stdout
    assert "| riskansvarig | redaktionell | HR-chef | Personalchef |" in md


def test_new_writes_the_kommuns_own_fields(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import working_dir

    (tmp_path / ".git").mkdir()
    shutil.copy(FOLDER / "ikplan.yaml", tmp_path / "ikplan.yaml")
    with working_dir(tmp_path):
        result = run("new", "--nämnd", "Socialnämnden", "--år", "2025", "-o", "sn.yaml")
        assert result.exit_code == 0, result.output
        text = (tmp_path / "sn.yaml").read_text(encoding="utf-8")
        assert '    riskansvarig: "(fyll i)"  # text\n' in text  # required: to fill in
        assert "    # enhet: ett av: Ekonomienheten, HR-enheten, Kansliet\n" in text  # optional: shown how
        assert "        # stickprovsstorlek: ett heltal\n" in text
        checked = run("validate", "sn.yaml", "-f", "json")
        assert checked.exit_code == 0  # warnings only
        codes = {f["code"] for f in __import__("json").loads(checked.stdout)}
        assert codes == {"IK113", "IK116"}  # not yet assessed, not yet filled in


def test_status_json_carries_own_fields_and_område(run) -> None:  # type: ignore[no-untyped-def]
    result = run("status", str(PLAN), "--period", "helår", "-f", "json")
    items = {i["id"]: i for i in json.loads(result.stdout)[0]["kontrollmoment"]}
    assert items["K1"]["fält"] == {"syfte": "Säkerställa att attestordningen följs", "stickprovsstorlek": 20}
    assert items["K1"]["område"] == "fakturor" and items["K3"]["fält"] == {}


def test_a_deep_or_long_area_chain_is_bounded(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A hostile chain of 5,000 nested områden: every walk up the chain stops at MAX_AREA_DEPTH."""

    areas = "".join(f"  - {{id: a{i}, namn: A{i}, överordnat: a{i + 1}}}\n" for i in range(5000))
    plan = tmp_path / "djup.yaml"
    plan.write_text(
        "schemaversion: 2\nnämnd: X\når: 2024\nområden:\n" + areas + "  - {id: a5000, namn: Topp}\n"
        "risker:\n  - {id: R1, område: a0, beskrivning: B, riskvärde: 2, hantering: [accepteras], motivering: M}\n",
        encoding="utf-8",
    )
    result = run("validate", str(plan))
    assert result.exit_code == 1
    assert "området a0 ligger mer än 6 nivåer ner" in result.output
    assert "Traceback" not in result.output
