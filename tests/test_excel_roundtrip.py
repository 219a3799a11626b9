"""Excel out and back in: the kommun's words, dropdowns, cells named in findings, and an import into an
existing plan that changes only what was edited in the workbook (everything else byte for byte)."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from tests.conftest import MINIMAL, PLANS

EGNA_ORD = Path(__file__).resolve().parent / "fixtures" / "egna_ord"
PLAN_FILES = sorted(p for p in PLANS.rglob("*.yaml") if p.name != "ikplan.yaml") + sorted(
    p for p in EGNA_ORD.rglob("*.yaml") if p.name != "ikplan.yaml"
)


def _copy(plan: Path, tmp_path: Path) -> Path:
    """The plan's folder (with its kommun's ikplan.yaml above it) copied; the copy of the plan."""
    top = EGNA_ORD if EGNA_ORD in plan.parents else plan.parent
    shutil.copytree(top, tmp_path / top.name)
    return tmp_path / top.name / plan.relative_to(top)


def _column(ws, header: str) -> int:  # type: ignore[no-untyped-def]
    return [c.value for c in ws[1]].index(header) + 1


@pytest.mark.parametrize("plan", PLAN_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_export_then_import_into_the_same_plan_changes_nothing(run, tmp_path: Path, plan: Path) -> None:
    target = _copy(plan, tmp_path)
    before = target.read_bytes()
    xlsx = tmp_path / "plan.xlsx"
    assert run("export", str(target), "-o", str(xlsx)).exit_code == 0
    refused = run("import", str(xlsx), "-o", str(target))
    assert refused.exit_code == 1 and target.read_bytes() == before  # never over a file without --force
    result = run("import", str(xlsx), "-o", str(target), "--force")
    assert result.exit_code == 0, result.stderr
    assert target.read_bytes() == before
    old = tmp_path / "old.yaml"
    old.write_bytes(before)
    shutil.copy(old, target.parent / "gammal.yaml")  # beside the plan: the same kommun's settings
    diff = run("diff", str(target.parent / "gammal.yaml"), str(target))
    assert "Inga ändringar i planerna" in " ".join(diff.stdout.split()), diff.stdout  # lines wrap


def _changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    removed, added = [], []
    for line in difflib.ndiff(before.splitlines(), after.splitlines()):
        if line.startswith("- "):
            removed.append(line[2:])
        elif line.startswith("+ "):
            added.append(line[2:])
    return removed, added


def test_two_edited_cells_change_only_their_lines_in_a_kommun_with_its_own_words(run, tmp_path: Path) -> None:
    target = _copy(EGNA_ORD / "2025" / "von.yaml", tmp_path)
    before = target.read_text(encoding="utf-8")
    xlsx = tmp_path / "von.xlsx"
    assert run("export", str(target), "-o", str(xlsx)).exit_code == 0
    wb = load_workbook(xlsx)
    ws = wb["Kontrollmoment"]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=2).value == "K2")
    assert ws.cell(row=row, column=_column(ws, "Resultat tertial2")).value == "Godkänd med brister"
    ws.cell(row=row, column=_column(ws, "Resultat tertial2")).value = "ej godkänd"  # typed, not picked
    ws.cell(row=row, column=_column(ws, "Kommentar tertial2")).value = "Fyra fakturor saknade attest."
    wb.save(xlsx)
    result = run("import", str(xlsx), "-o", str(target), "--force")
    assert result.exit_code == 0, result.stderr
    after = target.read_text(encoding="utf-8")
    removed, added = _changed_lines(before, after)
    assert removed == [
        "            resultat: Godkänd med brister",
        "            kommentar: Två fakturor saknade attest.",
    ]
    assert added == ["            resultat: Ej godkänd", "            kommentar: Fyra fakturor saknade attest."]
    comments = [ln for ln in before.splitlines() if ln.lstrip().startswith("#")]
    assert comments and all(c in after.splitlines() for c in comments)
    assert run("validate", str(target)).exit_code == 0


def test_edits_in_a_plan_with_block_texts_and_comments(run, tmp_path: Path) -> None:
    """AMN: a status picked for an åtgärd (the key is new), a risk's text over two lines (a block)."""
    target = _copy(PLANS / "uppsala" / "amn-2024.yaml", tmp_path)
    before = target.read_text(encoding="utf-8")
    xlsx = tmp_path / "amn.xlsx"
    assert run("export", str(target), "-o", str(xlsx)).exit_code == 0
    wb = load_workbook(xlsx)
    actions = wb["Åtgärder"]
    assert actions.cell(row=2, column=_column(actions, "Id")).value == "A1.1"
    actions.cell(row=2, column=_column(actions, "Status")).value = "genomförd"
    risks = wb["Risker"]
    risks.cell(row=3, column=_column(risks, "Beskrivning")).value = "Första raden.\nAndra raden."
    risk_id = risks.cell(row=3, column=1).value
    wb.save(xlsx)
    assert run("import", str(xlsx), "-o", str(target), "--force").exit_code == 0
    after = target.read_text(encoding="utf-8")
    removed, added = _changed_lines(before, after)
    assert "                status: genomförd" in added
    assert "      Första raden." in added and "      Andra raden." in added and "    beskrivning: |-" in added
    assert len(added) == 4, added
    lines = before.splitlines()
    start = lines.index("    beskrivning: >-", next(i for i, ln in enumerate(lines) if ln.endswith(f"id: {risk_id}")))
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith("      "))
    assert removed == lines[start:end]  # the folded text of that risk, and nothing else
    comments = [ln for ln in before.splitlines() if ln.lstrip().startswith("#")]
    assert len(comments) >= 5 and all(c in after.splitlines() for c in comments)
    assert run("validate", str(target)).exit_code == 0
    shown = run("show", str(target))
    assert shown.exit_code == 0 and f"risker[{risk_id}].beskrivning" in shown.stdout and "Andra raden." in shown.stdout


def test_a_new_plan_from_the_workbook_keeps_antagen_and_the_kommuns_words_and_keys(run, tmp_path: Path) -> None:
    target = _copy(EGNA_ORD / "2025" / "von.yaml", tmp_path)
    xlsx = tmp_path / "von.xlsx"
    assert run("export", str(target), "-o", str(xlsx)).exit_code == 0
    wb = load_workbook(xlsx)
    risks = wb["Risker"]
    assert "Väsentlighet" in [c.value for c in risks[1]] and "Konsekvens" not in [c.value for c in risks[1]]
    control_values = {c.value for row in wb["Kontrollmoment"].iter_rows() for c in row}
    assert {"Godkänd", "Godkänd med brister", "Ej godkänd"} <= control_values
    assert not control_values & {"utan anmärkning", "med mindre anmärkning", "med väsentlig anmärkning"}
    statuses = {r[_column(wb["Åtgärder"], "Status") - 1] for r in wb["Åtgärder"].iter_rows(min_row=2, values_only=True)}
    assert "Klar" in statuses and "genomförd" not in statuses
    fresh = target.parent / "ny.yaml"
    result = run("import", str(xlsx), "-o", str(fresh))
    assert result.exit_code == 0, result.stderr
    text = fresh.read_text(encoding="utf-8")
    assert "väsentlighet: 4" in text and "konsekvens:" not in text
    assert "datum: 2024-12-11" in text and "paragraf: § 140" in text
    assert "resultat: Godkänd med brister" in text and "status: Klar" in text
    assert "resultat: utan anmärkning" not in text and "status: genomförd" not in text
    assert run("validate", str(fresh)).exit_code == 0


def test_export_gives_dropdowns_with_the_kommuns_words(run, tmp_path: Path) -> None:
    target = _copy(EGNA_ORD / "2025" / "von.yaml", tmp_path)
    xlsx = tmp_path / "von.xlsx"
    assert run("export", str(target), "-o", str(xlsx)).exit_code == 0
    wb = load_workbook(xlsx)

    def lists(ws) -> dict[str, str]:  # type: ignore[no-untyped-def]
        header = [c.value for c in ws[1]]
        out = {}
        for dv in ws.data_validations.dataValidation:
            assert dv.type == "list" and dv.allow_blank
            for rng in dv.sqref.ranges:
                out[header[rng.min_col - 1]] = dv.formula1
                assert rng.min_row == 2 and rng.max_row > ws.max_row
        return out

    control = lists(wb["Kontrollmoment"])
    assert control["Resultat tertial2"] == '"Godkänd,Godkänd med brister,Ej godkänd,Ej utförd"'
    assert control["Följer plan tertial1"] == '"ja,nej,delvis"'
    risks = lists(wb["Risker"])
    assert risks["Sannolikhet"] == '"1,2,3,4,5"' and risks["Väsentlighet"] == '"1,2,3,4,5"'
    assert lists(wb["Åtgärder"])["Status"] == '"Klar,Pågår,Ej startad"'
    # a number picked from the list may come back as text: it is still a number
    ws = wb["Risker"]
    ws.cell(row=2, column=_column(ws, "Sannolikhet")).value = "3"
    wb.save(xlsx)
    assert run("import", str(xlsx), "-o", str(target), "--force").exit_code == 0
    assert "    sannolikhet: 3\n" in target.read_text(encoding="utf-8")


def test_findings_name_the_sheet_and_the_cell(run, tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Risker"
    ws.append(["Id", "Beskrivning", "Sannolikhet", "Konsekvens", "Hantering"])
    ws.append(["R1", "En risk", 2, 2, "kontrollmoment"])
    controls = wb.create_sheet("Kontrollmoment")
    controls.append(["Risk", "Id", "Beskrivning", "Kontrollmetod", "Ansvarig", "Resultat delår"])
    controls.append(["R1", "K1", "Kontroll", "Stickprov", "Chef", "bra"])
    controls.append(["R9", "K2", "Kontroll", "Stickprov", "Chef", None])
    path = tmp_path / "x.xlsx"
    wb.save(path)
    result = run("import", str(path), "-o", str(tmp_path / "x.yaml"))
    assert result.exit_code == 1
    assert f"{path}: Kontrollmoment!A3: IK060 [fel] risken 'R9' finns inte i bladet Risker" in result.stderr
    assert f"{path}: Kontrollmoment!F2: IK052 [fel]" in result.stderr
    assert f"{path}:3:1" not in result.stderr
    as_json = run("import", str(path), "-o", str(tmp_path / "x.yaml"))
    assert "x.xlsx:" not in as_json.stderr.replace(f"{path}:", "")  # no other file:line:col form


def test_merged_cells_give_their_value_to_every_row(run, tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Risker"
    ws.append(["Id", "Område", "Beskrivning", "Sannolikhet", "Konsekvens", "Hantering", "Motivering"])
    for i in range(1, 4):
        ws.append([f"R{i}", "ekonomi" if i == 1 else None, f"Risk {i}", 1, 1, "accepteras", "Liten risk"])
    ws.merge_cells("B2:B4")
    areas = wb.create_sheet("Områden")
    areas.append(["Id", "Namn"])
    areas.append(["ekonomi", "Ekonomi"])
    wb.create_sheet("Plan").append(["Fält", "Värde"])
    wb["Plan"].append(["Nämnd", "Kommunstyrelsen"])
    wb["Plan"].append(["År", 2026])
    path = tmp_path / "reg.xlsx"
    wb.save(path)
    target = tmp_path / "reg.yaml"
    result = run("import", str(path), "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert target.read_text(encoding="utf-8").count("område: ekonomi") == 3


def test_export_refuses_a_text_longer_than_a_cell(run, tmp_path: Path) -> None:
    plan = tmp_path / "p.yaml"
    plan.write_text(MINIMAL.replace("beskrivning: En risk", "beskrivning: " + "x" * 40_000), encoding="utf-8")
    xlsx = tmp_path / "p.xlsx"
    result = run("export", str(plan), "-o", str(xlsx))
    assert result.exit_code == 1
    assert f"{plan}:11:18: risk R1 › beskrivning har 40 000 tecken" in result.stderr
    assert "högst 32 767" in result.stderr and "ingen Excel-fil skrevs" in result.stderr
    assert not xlsx.exists()


def test_import_into_a_plan_with_errors_is_refused(run, tmp_path: Path) -> None:
    plan = tmp_path / "p.yaml"
    plan.write_text(MINIMAL, encoding="utf-8")
    xlsx = tmp_path / "p.xlsx"
    assert run("export", str(plan), "-o", str(xlsx)).exit_code == 0
    broken = MINIMAL.replace("år: 2025", "år: tjugo")
    plan.write_text(broken, encoding="utf-8")
    result = run("import", str(xlsx), "-o", str(plan), "--force")
    assert result.exit_code == 1 and "kan inte uppdateras från arbetsboken" in result.stderr
    assert plan.read_text(encoding="utf-8") == broken
