"""The yearly cycle: new, rollover, Excel out and in, the public edition, safe writing."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from openpyxl import Workbook, load_workbook

from ikplan.checking.validate import Checker
from ikplan.review.flatten import flatten
from tests.conftest import AMN, KS, MINIMAL, PLANS


def test_new_plan_validates_with_warnings_for_what_is_left(run, tmp_path: Path) -> None:
    shutil.copy(PLANS / "uppsala" / "ikplan.yaml", tmp_path / "ikplan.yaml")
    target = tmp_path / "sn-2026.yaml"
    result = run("new", "--nämnd", "Socialnämnden", "--år", "2026", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    text = target.read_text(encoding="utf-8")
    assert 'nämnd: "Socialnämnden"' in text and "år: 2026" in text and 'kommun: "Uppsala kommun"' in text
    assert 'kommungemensamt: "informationsansvar"' in text and 'kommungemensamt: "avbrott-och-storningar"' in text
    assert "# Riskvärde = sannolikhet (1 Osannolik, 2 Mindre sannolik" in text  # comments explain the fields
    check = run("validate", "-f", "json", str(target))
    assert check.exit_code == 0
    findings = json.loads(check.stdout)
    assert findings and {f["severity"] for f in findings} == {"warning"}
    assert {f["code"] for f in findings} == {"IK113", "IK116"}
    again = run("new", "--nämnd", "Socialnämnden", "--år", "2026", "-o", str(target))
    assert again.exit_code == 1 and "finns redan; använd --force" in again.stderr
    assert target.read_text(encoding="utf-8") == text


def test_new_plan_to_stdout(run, in_tmp: Path) -> None:
    result = run("new", "--namnd", "Kulturnämnden", "--ar", "2027")
    assert result.exit_code == 0
    assert 'nämnd: "Kulturnämnden"' in result.stdout and "kommungemensamt" not in result.stdout


def _rollover_amn(run, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    folder = tmp_path / "uppsala"
    folder.mkdir()
    shutil.copy(PLANS / "uppsala" / "ikplan.yaml", folder)
    shutil.copy(AMN, folder / "amn-2024.yaml")
    target = folder / "amn-2025.yaml"
    result = run("rollover", str(folder / "amn-2024.yaml"), "--år", "2025", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert "9 risker och 9 kontrollmoment förda till 2025, 10 öppna åtgärder med" in result.stderr
    return target


def test_rollover_amn_to_2025(run, tmp_path: Path) -> None:
    target = _rollover_amn(run, tmp_path)
    text = target.read_text(encoding="utf-8")
    assert "# Rapporten redovisar inte riskernas sannolikhet" in text  # the user's comments are kept
    assert "härledd_från: amn-2024.yaml (2024)" in text
    checked = Checker().check_path(str(target))
    assert checked.ok and checked.plan is not None
    plan = checked.plan
    assert plan.year == 2025 and plan.reports == {}
    assert [r.id for r in plan.risks] == [f"R{i}" for i in range(1, 10)]
    assert [c.id for _, _, _, c in plan.all_controls()] == [f"K{i}" for i in range(1, 10)]
    assert all(not c.follow_up for _, _, _, c in plan.all_controls())
    carried = [(p.control.id if p.control else None, p.action.id, p.action.decided_year) for p in plan.iter_actions()]
    assert len(carried) == 10 and all(year == 2024 for *_, year in carried)
    assert ("K7", "A7.1", 2024) in carried
    assert ("K4", None, 2024) not in carried  # K4 had no åtgärd


def test_rollover_then_helar_report_covers_last_years_actions(run, tmp_path: Path) -> None:
    target = _rollover_amn(run, tmp_path)
    out = run("report", str(target), "--period", "helår", "--date", "2025-12-31").stdout
    assert "## Uppföljning av åtgärder från tidigare perioder" in out
    assert "Samtliga tio åtgärder saknar angiven status." in out
    assert "| Ta fram en rutin för hantering av välfärdsbrottlighet under hösten 2024. |" in out
    assert "| 2024 |" in out


def test_rollover_drops_closed_actions_and_confirms_assessment(run, tmp_path: Path) -> None:
    plan = tmp_path / "p.yaml"
    plan.write_text(
        MINIMAL
        + "        uppföljning:\n          delår:\n            resultat: utan anmärkning\n            åtgärder:\n"
        "              - {beskrivning: Klar, slutdatum: 2025-06-30, status: genomförd}\n"
        "              - {beskrivning: Öppen, slutdatum: 2025-12-31, status: påbörjad}\n",
        encoding="utf-8",
    )
    out = run("rollover", str(plan), "--år", "2026")
    assert out.exit_code == 0
    assert "riskvärde: 6  # bedömning från 2025: bekräfta eller ändra" in out.stdout
    assert "Öppen" in out.stdout and "Klar" not in out.stdout and "beslutsår: 2025" in out.stdout
    assert run("rollover", str(plan), "--år", "2024").exit_code == 1


def test_export_import_round_trip(run, tmp_path: Path) -> None:
    folder = tmp_path / "uppsala"
    folder.mkdir()
    shutil.copy(PLANS / "uppsala" / "ikplan.yaml", folder)
    xlsx = tmp_path / "amn.xlsx"
    assert run("export", str(AMN), "-o", str(xlsx)).exit_code == 0
    wb = load_workbook(xlsx)
    assert wb.sheetnames == ["Plan", "Områden", "Risker", "Kontrollmoment", "Åtgärder", "Riskmatris"]
    assert wb["Kontrollmoment"].max_row == 10
    back = folder / "amn.yaml"
    result = run("import", str(xlsx), "-o", str(back))
    assert result.exit_code == 0, result.stderr
    before = {k: v for k, v in flatten(Checker().check_path(str(AMN)).plan).items() if k[0] != "rapporter"}  # type: ignore[arg-type]
    after = flatten(Checker().check_path(str(back)).plan)  # type: ignore[arg-type]
    assert after.pop(("schemaversion",)) == 2  # import writes a new plan in the current version
    assert before.pop(("schemaversion",)) == 1
    assert after == before
    again = tmp_path / "again.xlsx"
    assert run("export", str(back), "-o", str(again)).exit_code == 0
    for name in ("Risker", "Kontrollmoment", "Åtgärder"):
        rows_a = [[c.value for c in r] for r in load_workbook(xlsx)[name].iter_rows()]
        rows_b = [[c.value for c in r] for r in load_workbook(again)[name].iter_rows()]
        assert rows_a == rows_b


def test_import_prints_no_english_warnings_from_openpyxl(run, tmp_path: Path) -> None:
    """openpyxl warns (in English) about what it drops; ikplan's output stays Swedish."""
    xlsx = tmp_path / "ks.xlsx"
    assert run("export", str(KS), "-o", str(xlsx)).exit_code == 0
    wb = load_workbook(xlsx)
    notes = wb.create_sheet("Anteckningar")
    notes["A1"] = 2.0e16  # a serial number no date can have, formatted as a date
    notes["A1"].number_format = "yyyy-mm-dd"
    wb.save(xlsx)
    # a real process: pytest would catch the warning before it reached stderr
    cmd = [sys.executable, "-m", "ikplan", "import", str(xlsx), "-o", str(tmp_path / "ks.yaml")]
    result = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert "Warning" not in result.stderr and "openpyxl" not in result.stderr, result.stderr
    assert result.returncode == 0, result.stderr


def test_export_band_colours(run, tmp_path: Path) -> None:
    xlsx = tmp_path / "ks.xlsx"
    assert run("export", str(KS), "-o", str(xlsx)).exit_code == 0
    ws = load_workbook(xlsx)["Risker"]
    header = [c.value for c in ws[1]]
    value_col = header.index("Riskvärde") + 1
    assert ws.cell(row=2, column=value_col).value == 9
    assert ws.cell(row=2, column=value_col).fill.fgColor.rgb.endswith("E53935")
    assert ws.cell(row=2, column=header.index("Kritisk") + 1).value == "ja"


def test_import_register_made_in_excel_reports_broken_rows(run, tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Plan"
    ws.append(["Fält", "Värde"])
    ws.append(["Nämnd", "Miljönämnden"])
    ws.append(["År", 2026])
    risks = wb.create_sheet("Risker")
    risks.append(["Id", "Beskrivning", "Sannolikhet", "Konsekvens", "Hantering", "Motivering"])
    risks.append(["M1", "Tillsyn hinns inte med", 3, 2, "åtgärd", None])  # 6: not critical, needs no åtgärd listed
    risks.append(["M2", "Felaktiga avgifter", "hög", 2, "åtgärd", None])
    risks.append([None, None, None, None, None, None])  # an empty row is skipped
    risks.append(["M3", "Accepterad utan motivering", 1, 1, "accepteras", None])
    path = tmp_path / "register.xlsx"
    wb.save(path)
    target = tmp_path / "miljo.yaml"
    result = run("import", str(path), "-o", str(target))
    assert result.exit_code == 1
    assert f"{path}: Risker!C3: IK052 [fel] risker M2 › sannolikhet ska vara ett heltal" in result.stderr
    assert not target.exists()
    risks.delete_rows(3)
    wb.save(path)
    rules = run("import", str(path), "-o", str(target))
    assert rules.exit_code == 1
    assert f"{path}: Risker!E4: IK104 [fel] risk M3 accepteras men saknar motivering" in rules.stderr
    risks["F4"] = "Kostar mer än den sparar"
    wb.save(path)
    ok = run("import", str(path), "-o", str(target))
    assert ok.exit_code == 0, ok.stderr
    assert run("validate", str(target)).exit_code == 0
    assert "nämnd: Miljönämnden" in target.read_text(encoding="utf-8")


def test_import_of_a_file_that_is_not_excel(run, tmp_path: Path) -> None:
    bad = tmp_path / "x.xlsx"
    bad.write_text("inte excel", encoding="utf-8")
    result = run("import", str(bad), "-o", str(tmp_path / "x.yaml"))
    assert result.exit_code == 1 and "går inte att läsa som Excel" in result.stderr


def test_secret_text_only_in_the_internal_report(run, tmp_path: Path) -> None:
    plan = tmp_path / "p.yaml"
    plan.write_text(
        MINIMAL + "        uppföljning:\n          delår:\n            resultat: utan anmärkning\n"
        "            sekretess: true\n            kommentar: Larmkoden till arkivet är 1234.\n"
        "            åtgärder:\n"
        "              - {beskrivning: Byt lås i arkivet, slutdatum: 2025-12-31, sekretess: true}\n"
        "              - {beskrivning: Informera personalen, slutdatum: 2025-12-31}\n"
        "rapporter:\n  delår:\n    sekretess:\n      - Skyddade personuppgifter hanteras i separat akt.\n",
        encoding="utf-8",
    )
    internal = run("report", str(plan)).stdout
    public = run("report", str(plan), "--offentlig").stdout
    for secret in ("Larmkoden till arkivet är 1234.", "Byt lås i arkivet", "Skyddade personuppgifter"):
        assert secret in internal
        assert secret not in public
    assert "Informera personalen" in public
    assert "Offentlig version: uppgifter som omfattas av sekretess är utelämnade." in public
    assert "Offentlig version" not in internal
    target = tmp_path / "p.docx"
    assert run("report", str(plan), "--offentlig", "-f", "docx", "-o", str(target)).exit_code == 0
    from docx import Document

    text = "\n".join(p.text for p in Document(str(target)).paragraphs)
    assert "Offentlig version" in text and "Larmkoden" not in text


def test_export_refuses_to_overwrite(run, tmp_path: Path) -> None:
    target = tmp_path / "a.xlsx"
    target.write_bytes(b"mitt")
    result = run("export", str(KS), "-o", str(target))
    assert result.exit_code == 1 and target.read_bytes() == b"mitt"
    assert run("export", str(KS), "-o", str(target), "--force").exit_code == 0


def test_export_import_keeps_what_schemaversion_2_adds(run, tmp_path: Path) -> None:
    """Own fields, område hierarchy, the bruttorisklista and the avvikelser survive a trip through Excel."""
    from tests.conftest import KOMMUNER_DIR

    for name, plan in (("processer", "kommunstyrelsen-2024.yaml"), ("mellerud", "byggnadsnamnden-2019.yaml")):
        folder = tmp_path / name
        shutil.copytree(KOMMUNER_DIR / name, folder)
        xlsx = tmp_path / f"{name}.xlsx"
        assert run("export", str(folder / plan), "-o", str(xlsx)).exit_code == 0
        back = folder / "tillbaka.yaml"
        result = run("import", str(xlsx), "-o", str(back))
        assert result.exit_code == 0, result.stderr
        before = flatten(Checker().check_path(str(folder / plan)).plan)  # type: ignore[arg-type]
        after = flatten(Checker().check_path(str(back)).plan)  # type: ignore[arg-type]
        lost = {k: v for k, v in before.items() if k not in after and k[0] not in ("rapporter", "antagen", "titel")}
        assert lost == {}, f"{name}: {lost}"
    sheets = load_workbook(tmp_path / "mellerud.xlsx").sheetnames
    assert "Ej valda risker" in sheets and "Avvikelser" in sheets
    text = (tmp_path / "processer" / "tillbaka.yaml").read_text(encoding="utf-8")
    assert "riskansvarig: Ekonomichef" in text and "överordnat: ekonomi" in text  # as keys, where a user writes them
