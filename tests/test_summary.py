"""Kommunstyrelsen's sammanställning (`ikplan summary`) of the fixture kommun: six nämnder, two years.

The fixture (tests/fixtures/kommun) holds each case: Barn- och utbildningsnämnden has not reported,
Miljö- och byggnadsnämnden has no plan for 2025, the kommungemensamma kontrollmoment have different
results, Socialnämnden's boende kontrollmoment has a brist in 2024 and 2025, and an åtgärd decided in
2024 is still open.
"""

from __future__ import annotations

import json
from pathlib import Path

KOMMUN = Path(__file__).resolve().parent / "fixtures" / "kommun"
DATE = "2026-01-20"


def _summary(run, *args: str):  # type: ignore[no-untyped-def]
    result = run("summary", str(KOMMUN), "--datum", DATE, *args)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_sentences_name_who_has_not_reported_and_who_has_no_plan(run) -> None:
    out = _summary(run, "-f", "md")
    assert (
        "Fyra av sex nämnder har rapporterat uppföljningen av sin internkontrollplan för 2025. "
        "Barn- och utbildningsnämnden har inte rapporterat helårsuppföljningen. "
        "Miljö- och byggnadsnämnden saknar internkontrollplan för 2025."
    ) in out
    assert (
        "Av elva planerade kontrollmoment har åtta genomförts, fem utan anmärkning och tre med anmärkning. "
        "Ett kontrollmoment har inte genomförts och två har inte rapporterats."
    ) in out
    assert "I kommunen finns tre kritiska risker i nämndernas planer." in out
    assert "Hanteringen följer inte planen för Kultur- och fritidsnämnden" in out
    assert "En brist återkommer från 2024: kontrollmoment SN-boende-km (verkställighet av boendebeslut)" in out
    assert "Två åtgärder som beslutades ett tidigare år är ännu inte genomförda." in out


def test_table_per_board_with_last_year(run) -> None:
    out = _summary(run, "-f", "md")
    assert "| Socialnämnden | 10 december 2024 | 3 | 3 | 1 | 1 | 1 | 0 | 0 | 0/0 | 3 av 3 |" in out
    assert "| Tekniska nämnden | 10 december 2024 | 2 | 1 | 0 | 1 | 0 | 1 | 0 | 0/0 | 2 av 2 |" in out
    assert "| Barn- och utbildningsnämnden | 10 december 2024 | 2 | 0 | 0 | 0 | 0 | 0 | 2 | 0/0 |  |" in out
    # The kommungemensamma kontrollmoment side by side, in the order of ikplan.yaml's nämnder.
    assert (
        "| Attest av leverantörsfakturor | utan anmärkning | med väsentlig anmärkning | ej genomförd "
        "| ej rapporterad | utan anmärkning |"
    ) in out
    # Critical risks, highest riskvärde first; the open åtgärd is overdue.
    critical = out[out.index("## Kritiska risker") : out.index("## Återkommande")]
    assert critical.index("| 16 |") < critical.index("| 12 |") < critical.index("| 9 |")
    assert (
        "| Socialnämnden | Ny rutin för bevakning av verkställighet | Avdelningschef | 2025-06-30 | påbörjad (försenad) | 2024 |"
        in out
    )
    assert "## Riskmatris för kommunens risker" in out  # the nämnder share one matrix


def test_json_contract(run) -> None:
    data = json.loads(_summary(run, "-f", "json"))
    assert data["år"] == 2025 and data["period"] == "helår"
    assert data["ej_rapporterat"] == ["Barn- och utbildningsnämnden"]
    assert data["saknar_plan"] == ["Miljö- och byggnadsnämnden"]
    assert data["totalt"] == {
        "planerade": 11,
        "genomförda": 8,
        "counts": {
            "utan_anmärkning": 5,
            "mindre_anmärkning": 2,
            "väsentlig_anmärkning": 1,
            "ej_genomförd": 1,
            "saknas": 2,
        },
    }
    sn = next(n for n in data["nämnder"] if n["nämnd"] == "Socialnämnden")
    assert sn["förra_året"]["genomförda"] == 3 and sn["förra_året"]["counts"]["mindre_anmärkning"] == 2
    [recurring] = data["återkommande_brister"]
    assert recurring["id"] == "SN-boende-km" and [r["år"] for r in recurring["resultat"]] == [2024, 2025]
    carried = {c["id"]: c for c in data["överförda_åtgärder"]}
    assert carried["SN-a1"]["beslutsår"] == 2024 and carried["SN-a1"]["försenad"] is True
    assert carried["TN-a1"]["beslutsår"] == 2023 and carried["TN-a1"]["försenad"] is True
    assert [k["id"] for k in data["kommungemensamma"]] == ["attest", "delegation"]
    assert data["kommungemensamma"][0]["resultat"]["Tekniska nämnden"] == "ej_genomförd"
    assert data["meningar"]["reporting"][0].startswith("Fyra av sex nämnder")


def test_earlier_year_and_terminal_at_80_columns(run) -> None:
    earlier = run("summary", str(KOMMUN), "--år", "2024", "--date", DATE, env={"COLUMNS": "80"})
    assert earlier.exit_code == 0
    assert "Tre av sex nämnder har rapporterat" in earlier.stdout
    assert "saknar internkontrollplan för 2024" in earlier.stdout
    text = run("summary", str(KOMMUN), "--datum", DATE, env={"COLUMNS": "80"}).stdout
    assert "Socialnämnden:\n  3 av 3 genomförda (1 utan, 2 med anmärkning)" in text
    assert all(len(line) <= 80 for line in text.splitlines()), text


def test_html_and_pdf_files(run, tmp_path: Path) -> None:
    html = tmp_path / "s.html"
    assert run("summary", str(KOMMUN), "--date", DATE, "-f", "html", "-o", str(html)).exit_code == 0
    text = html.read_text(encoding="utf-8")
    assert '<html lang="sv">' in text and text.count("<main>") == 1
    assert "<caption>Resultat per nämnd för de kommungemensamma kontrollmomenten</caption>" in text
    again = run("summary", str(KOMMUN), "--date", DATE, "-f", "html", "-o", str(html))
    assert again.exit_code == 1 and "--force" in again.output
    assert run("summary", str(KOMMUN), "-f", "pdf").exit_code == 2


def _widest(text: str) -> int:
    return max(len(line.rstrip()) for line in text.splitlines())


def test_status_and_score_fit_80_columns_and_use_a_wide_terminal(run) -> None:
    folder = str(KOMMUN / "2025")
    narrow = run("status", folder, "-p", "helår", "--as-of", DATE, env={"COLUMNS": "80"}).stdout
    assert _widest(narrow) <= 80
    rollup = narrow[narrow.index("Sammanställning per nämnd") :]
    assert "Socialnämnden: 3 kontrollmoment i 1 plan" in rollup and "…" not in rollup
    assert "[bold" not in narrow  # styles are styles, not text
    wide = run("status", folder, "-p", "helår", "--as-of", DATE, env={"COLUMNS": "200"}).stdout
    assert "ja/nej/saknas" in wide and "│ Barn- och utbildningsnämnden │" in wide
    plans = str(Path(__file__).resolve().parent.parent / "plans")
    score80 = run("score", plans, env={"COLUMNS": "80"}).stdout
    assert _widest(score80) <= 80
    assert "Upphandling och" in score80 and "S = sannolikhet, K = konsekvens" in score80
    score160 = run("score", plans, env={"COLUMNS": "160"}).stdout
    assert "Sannolikhet" in score160 and "Område" in score160 and "Nivå" in score160


def test_an_action_carried_for_years_is_a_warning(run) -> None:
    result = run("validate", str(KOMMUN), "-f", "json")
    assert result.exit_code == 0  # warnings only
    [hit] = [f for f in json.loads(result.stdout) if f["code"] == "IK141"]
    assert hit["file"].endswith("2025/tn.yaml") and (hit["line"], hit["column"]) == (35, 9)
    assert "beslutades 2023 och är inte genomförd 2025" in hit["message"]


def test_history_of_a_kontrollmoment_through_the_years(run) -> None:
    out = run("history", "SN-boende-km", str(KOMMUN)).stdout
    assert out.index("2024 Socialnämnden: kontrollmoment SN-boende-km") < out.index("2025 Socialnämnden")
    assert out.count("Helår: med mindre anmärkning") == 2
    assert "åtgärd: Ny rutin för bevakning av verkställighet (påbörjad, slutdatum 2025-06-30)" in out
    data = json.loads(run("history", "attest", str(KOMMUN), "-f", "json").stdout)
    assert len(data) == 8  # the kommungemensamt id, in every nämnd's plan both years
    assert {d["år"] for d in data} == {2024, 2025}
    md = run("history", "SN-boende", str(KOMMUN), "-f", "md").stdout
    assert "## 2025 Socialnämnden: risk SN-boende" in md
    missing = run("history", "finns-inte", str(KOMMUN))
    assert missing.exit_code == 2 and "finns inte som risk eller kontrollmoment" in missing.output


def test_word_sammanstallning_read_back(run, tmp_path: Path) -> None:
    from docx import Document

    target = tmp_path / "s.docx"
    assert run("summary", str(KOMMUN), "--datum", DATE, "-f", "docx", "-o", str(target)).exit_code == 0
    doc = Document(str(target))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Fyra av sex nämnder har rapporterat uppföljningen" in text
    assert doc.core_properties.title == "Sammanställning av nämndernas uppföljning av intern kontroll 2025 per helår"
    assert doc.core_properties.author == "Exempelkommun"
    boards = [row.cells[0].text for row in doc.tables[0].rows[1:]]
    assert boards[:3] == ["Kommunstyrelsen", "Socialnämnden", "Tekniska nämnden"]
    assert [c.text for c in doc.tables[0].rows[2].cells][2:5] == ["3", "3", "1"]
    assert len(doc.sections) == 2 and round(doc.sections[1].page_width.cm, 1) == 29.7
    assert run("summary", str(KOMMUN), "-f", "docx").exit_code == 2


def test_a_recurring_brist_is_a_warning_in_validate_with_one_or_two_processes(run) -> None:
    one = run("validate", str(KOMMUN), "-f", "json", "-j", "1")
    two = run("validate", str(KOMMUN), "-f", "json", "-j", "2")
    assert one.stdout == two.stdout
    [hit] = [f for f in json.loads(one.stdout) if f["code"] == "IK140"]
    assert hit["file"].endswith("2025/sn.yaml") and hit["severity"] == "warning"
    assert "SN-boende-km har en brist 2025 (med mindre anmärkning vid helår) och hade det 2024 också" in hit["message"]
    # Only this year's plan: no earlier year to compare with, no warning.
    alone = run("validate", str(KOMMUN / "2025"), "-f", "json")
    assert "IK140" not in alone.stdout
    assert "IK140 [varning] återkommande brist" in run("rules").stdout


def test_status_shows_what_recurs_over_the_years(run) -> None:
    text = run("status", str(KOMMUN), "-p", "helår", "--datum", DATE).stdout
    assert "Över åren:" in text and "IK140 kontrollmoment SN-boende-km" in text and "IK141" in text
    data = json.loads(run("status", str(KOMMUN), "-p", "helår", "--datum", DATE, "-f", "json").stdout)
    sn = next(d for d in data if d["plan"].endswith("2025/sn.yaml"))
    assert [f["kod"] for f in sn["över_åren"]] == ["IK140"]
    assert "## Över åren" in run("status", str(KOMMUN), "-p", "helår", "--datum", DATE, "-f", "md").stdout


def test_summary_sentences_for_one_nämnd_that_has_not_reported(run) -> None:  # type: ignore[no-untyped-def]
    """No 'Noll av en nämnder' or 'har noll genomförts': one nämnd, nothing followed up yet."""
    from tests.conftest import KOMMUNER_DIR

    out = " ".join(run("summary", str(KOMMUNER_DIR / "processer"), "--period", "helår").stdout.split())  # unwrapped
    assert "Kommunstyrelsen har inte rapporterat helårsuppföljningen." in out
    assert "Av tre planerade kontrollmoment har inget genomförts. Tre har inte rapporterats." in out
    assert "I kommunen finns en kritisk risk i nämndernas planer. Uppföljningen av den saknas ännu." in out
    assert "Noll" not in out and "noll" not in out


def test_summary_text_fits_80_columns(run) -> None:  # type: ignore[no-untyped-def]
    """The sammanställning in a terminal, a pipe or a CI log: no line over 80 columns, no word split."""
    from tests.conftest import ROOT

    out = run(
        "summary", str(ROOT / "tests" / "fixtures" / "egna_ord"), "--datum", "2026-01-15", env={"COLUMNS": "80"}
    ).stdout
    assert max(len(line) for line in out.splitlines()) <= 80, out
    assert "Vård- och omsorgsnämnden och Tekniska nämnden har inte rapporterat" in " ".join(out.split())
