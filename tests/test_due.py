"""`ikplan due`: what falls due per ansvarig, as text, md, json and iCalendar files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import icalendar
import pytest
import vobject

from tests.conftest import AMN

EGNA = Path(__file__).resolve().parent / "fixtures" / "egna_ord"
VON = EGNA / "2025" / "von.yaml"


def test_due_lists_per_ansvarig_in_text_md_and_json(run) -> None:
    text = run("due", str(VON), "--inom", "60", "--datum", "2025-08-01")
    assert text.exit_code == 0, text.stderr
    out = text.stdout
    assert out.startswith("Förfaller till och med 2025-09-30 (inom 60 dagar från 2025-08-01):")
    section = out.split("Enhetschef\n", 1)[1].split("\n\n", 1)[0]
    assert "2025-08-31  Tertial 2: rapportera kontrollmoment 6 (redovisning av kassor)" in section
    assert "2025-04-30  Tertial 1: rapportera kontrollmoment 5 (kassor) (försenad)" in section
    # the report to the nämnd: 60 days after the end of tertial 1, for the plan's handläggare
    assert "Kim Kontroller\n  2025-06-29  Uppföljning tertial 1 till Vård- och omsorgsnämnden (försenad)" in out
    # a reported kontrollmoment and a finished åtgärd are never reminded of
    assert "Tertial 2: rapportera kontrollmoment 1" not in out and "Påminnelse om attestordningen" not in out
    md = run("due", str(VON), "--inom", "60", "--datum", "2025-08-01", "-f", "md").stdout
    assert (
        "## Avdelningschef\n\n- **2025-06-30** Slutdatum för åtgärd: Ny rutin för bevakning av verkställighet (Pågår) _(försenad)_"
        in md
    )
    data = json.loads(run("due", str(VON), "--inom", "60", "--datum", "2025-08-01", "-f", "json").stdout)
    assert data["till_och_med"] == "2025-09-30"
    people = {p["ansvarig"]: p["förfaller"] for p in data["per_ansvarig"]}
    assert [d["datum"] for d in people["Enhetschef"]] == ["2025-04-30", "2025-04-30", "2025-08-31"]
    assert people["Avdelningschef"][0] | {"beskrivning": ""} == {
        "datum": "2025-06-30",
        "typ": "åtgärd",
        "id": "A2",
        "ansvarig": "Avdelningschef",
        "rubrik": "Slutdatum för åtgärd: Ny rutin för bevakning av verkställighet (Pågår)",
        "beskrivning": "",
        "plan": str(VON),
        "nämnd": "Vård- och omsorgsnämnden",
        "år": 2025,
        "försenad": True,
    }
    # nothing ahead in a short window
    later = run("due", str(VON), "--inom", "0", "--datum", "2025-04-01")
    assert "Inget förfaller till och med 2025-04-01" in later.stdout


def test_municipal_date_phrases_resolve_as_status_resolves_them(run, tmp_path: Path) -> None:
    shutil.copytree(EGNA, tmp_path / "egna_ord")
    plan = tmp_path / "egna_ord" / "2025" / "von.yaml"
    text = plan.read_text(encoding="utf-8")
    text = text.replace(
        "        frekvens: årligen\n        ansvarig: Enhetschef\n",
        "        frekvens: årligen\n        ansvarig: Enhetschef\n        tidpunkt: mars, juni och tertial 3\n",
    )
    text = text.replace("slutdatum: 2025-12-31", "slutdatum: senast juni")
    plan.write_text(text, encoding="utf-8")
    data = json.loads(run("due", str(plan), "--inom", "365", "--datum", "2025-01-01", "-f", "json").stdout)
    people = {p["ansvarig"]: p["förfaller"] for p in data["per_ansvarig"]}
    k6 = [d for d in people["Enhetschef"] if d["id"] == "K6"]
    assert [(d["datum"], d["rubrik"]) for d in k6] == [
        ("2025-03-31", "Tertial 1: genomför kontrollmoment 6 (redovisning av kassor)"),
        ("2025-06-30", "Tertial 2: genomför kontrollmoment 6 (redovisning av kassor)"),
        ("2025-12-31", "Tertial 3: genomför kontrollmoment 6 (redovisning av kassor)"),
    ]
    a4 = next(d for d in people["HR-chef"] if d["id"] == "A4")
    assert a4["datum"] == "2025-06-30"  # 'senast juni' in the plan's year, as status reads it
    status = json.loads(run("status", str(plan), "-p", "tertial2", "--datum", "2025-07-01", "-f", "json").stdout)[0]
    assert any(a["id"] == "A4" and a["slutdatum_senast"] == "2025-06-30" for a in status["försenade_åtgärder"])


def _events(path: Path) -> list[icalendar.Event]:
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    return list(cal.walk("VEVENT"))


def test_ics_parses_with_two_parsers_and_keeps_its_uids(run, tmp_path: Path) -> None:
    shutil.copytree(EGNA, tmp_path / "egna_ord")
    plan = tmp_path / "egna_ord" / "2025" / "von.yaml"
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    assert run("due", str(plan), "--datum", "2025-08-01", "--ics", str(first)).exit_code == 0
    assert run("due", str(plan), "--datum", "2025-08-01", "--ics", str(second)).exit_code == 0
    events = _events(first)
    summaries = {str(e["SUMMARY"]) for e in events}
    assert "Slutdatum för åtgärd: Ny rutin för bevakning av verkställighet (Pågår) – Avdelningschef" in summaries
    report = next(e for e in events if str(e["SUMMARY"]).startswith("Uppföljning tertial 3"))
    assert report["DTSTART"].dt.isoformat() == "2026-03-01"  # the report 60 days after the year's end
    uids = [str(e["UID"]) for e in events]
    assert len(uids) == len(set(uids)) and uids == [str(e["UID"]) for e in _events(second)]
    parsed = vobject.readOne(first.read_text(encoding="utf-8"))
    assert sorted(str(v.uid.value) for v in parsed.vevent_list) == sorted(uids)
    assert run("due", str(plan), "--ics", str(first)).exit_code == 1  # never over a file without --force
    # a slutdatum that moves moves its event: same UID, new day
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("slutdatum: 2025-06-30", "slutdatum: 2025-10-15"), encoding="utf-8"
    )
    assert run("due", str(plan), "--datum", "2025-08-01", "--ics", str(second), "--force").exit_code == 0
    moved = {str(e["UID"]): e for e in _events(second)}
    before = {str(e["UID"]): e for e in events}
    a2 = next(u for u, e in before.items() if "Ny rutin" in str(e["SUMMARY"]))
    assert moved[a2]["DTSTART"].dt.isoformat() == "2025-10-15" and before[a2]["DTSTART"].dt.isoformat() == "2025-06-30"
    assert set(moved) == set(before)


def test_one_calendar_per_ansvarig(run, tmp_path: Path) -> None:
    folder = tmp_path / "kalendrar"
    everything = tmp_path / "alla.ics"
    result = run("due", str(AMN), "--datum", "2024-10-01", "--per-ansvarig", str(folder), "--ics", str(everything))
    assert result.exit_code == 0, result.stderr
    files = sorted(folder.glob("*.ics"))
    assert "Avdelningschef-UJC-A.ics" in {f.name for f in files} and "Ingrid-Edberg.ics" in {f.name for f in files}
    all_uids = {str(e["UID"]) for e in _events(everything)}
    mine = _events(folder / "Avdelningschef-UJC-A.ics")
    assert mine and {str(e["UID"]) for e in mine} <= all_uids
    assert all(str(e["SUMMARY"]).endswith("– Avdelningschef UJC-A") for e in mine)
    report = _events(folder / "Ingrid-Edberg.ics")
    assert [str(e["SUMMARY"]) for e in report] == ["Uppföljning helår till Arbetsmarknadsnämnden – Ingrid Edberg"]
    assert report[0]["DTSTART"].dt.isoformat() == "2025-03-01"  # 60 days after 2024-12-31
    for f in files:
        assert vobject.readOne(f.read_text(encoding="utf-8")).vevent_list


@pytest.mark.parametrize("bad", [["--inom", "-1"], ["--datum", "i morgon"]])
def test_due_usage_errors(run, bad: list[str]) -> None:
    assert run("due", str(VON), *bad).exit_code == 2
