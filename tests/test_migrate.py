"""Schemaversion 2, IK056 for its keys in a version 1 plan, and `ikplan migrate`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.conftest import AMN, KOMMUNER_DIR, ROOT

V1_WITH_V2_KEYS = """\
# Kommentaren överst ska stå kvar.
schemaversion: 1   # versionen
nämnd: Byggnadsnämnden
år: 2019
risker:
  - id: R1
    beskrivning: "Fakturor attesteras inte"   # citattecken kvar
    riskvärde: 4
    hantering: [kontrollmoment]
    kontrollmoment:
      - id: K1
        beskrivning: Stickprov på fakturor
        kontrollmetod: Stickprov
        ansvarig: Ekonom
        stickprov_avser: fakturor
        uppföljning:
          helår:
            resultat: utförd
            tillfällen:
              - {namn: januari, granskade: 10, avvikelser: 1}
"""


def _write(tmp: Path, name: str, text: str) -> Path:
    path = tmp / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_version_1_plan_with_version_2_keys_is_told_to_migrate(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plan = _write(tmp_path, "bn.yaml", V1_WITH_V2_KEYS)
    result = run("validate", str(plan), "-f", "json")
    assert result.exit_code == 1
    found = [(f["code"], f["line"], f["column"]) for f in json.loads(result.stdout)]
    assert found == [("IK056", 15, 9), ("IK056", 19, 13), ("IK056", 20, 18), ("IK056", 20, 33), ("IK056", 20, 48)]
    text = run("validate", str(plan)).output
    assert text.count("ikplan migrate") == 1  # the remedy once per file
    assert "nyckeln 'stickprov_avser' finns från schemaversion 2, men planen har schemaversion 1" in text


def test_migrate_shows_the_change_and_writes_only_with_write(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plan = _write(tmp_path, "bn.yaml", V1_WITH_V2_KEYS)
    shown = run("migrate", str(plan))
    assert shown.exit_code == 0
    assert "-schemaversion: 1   # versionen\n+schemaversion: 2   # versionen" in shown.stdout
    assert "1 av 1 plan behöver migreras till schemaversion 2; skriv dem med --write" in shown.stderr
    assert plan.read_text(encoding="utf-8") == V1_WITH_V2_KEYS  # nothing written without --write

    written = run("migrate", str(plan), "--write")
    assert written.exit_code == 0, written.output
    assert written.stdout == ""
    after = plan.read_text(encoding="utf-8")
    assert after == V1_WITH_V2_KEYS.replace("schemaversion: 1 ", "schemaversion: 2 ")  # every other byte kept
    assert run("validate", str(plan)).exit_code == 0
    again = run("migrate", str(plan))
    assert again.exit_code == 0 and "planen har redan schemaversion 2" in again.stderr


def test_migrate_reports_a_broken_file_and_goes_on(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _write(tmp_path, "a-trasig.yaml", "schemaversion: 1\nnämnd: [\n")
    _write(tmp_path, "b-utan-version.yaml", "nämnd: X\når: 2020\n")
    good = _write(tmp_path, "c-bra.yaml", V1_WITH_V2_KEYS)
    result = run("migrate", str(tmp_path), "--write")
    assert result.exit_code == 1
    assert "a-trasig.yaml: kan inte läsas som en plan (" in result.stderr
    assert "b-utan-version.yaml: schemaversion saknas eller är okänd" in result.stderr
    assert "Traceback" not in result.output
    assert good.read_text(encoding="utf-8").startswith("# Kommentaren överst ska stå kvar.\nschemaversion: 2")


def test_seeds_stay_version_1_and_valid(run) -> None:  # type: ignore[no-untyped-def]
    assert AMN.read_text(encoding="utf-8").count("schemaversion: 1") == 1
    assert run("validate", str(ROOT / "plans")).exit_code == 0


def test_migrating_every_kommun_plan_keeps_its_figures(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The kommun plans written as version 1 and migrated give the same status as before."""
    copy = tmp_path / "kommuner"
    shutil.copytree(KOMMUNER_DIR, copy)
    before = run("status", str(copy), "--period", "helår", "-f", "json")
    for plan in copy.rglob("*.yaml"):
        if plan.name != "ikplan.yaml":
            plan.write_text(plan.read_text(encoding="utf-8").replace("schemaversion: 2", "schemaversion: 1", 1))
    assert "IK056" in run("validate", str(copy)).output
    assert run("migrate", str(copy), "--write").exit_code == 0
    assert run("validate", str(copy)).exit_code == 0
    after = run("status", str(copy), "--period", "helår", "-f", "json")
    assert json.loads(after.stdout) == json.loads(before.stdout)


def test_an_unknown_schemaversion_names_the_ones_read(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plan = _write(tmp_path, "x.yaml", "schemaversion: 3\nnämnd: X\når: 2020\n")
    result = run("validate", str(plan))
    assert result.exit_code == 1
    assert "schemaversion 3 stöds inte; den här versionen av ikplan läser schemaversion 1 och 2" in result.output
