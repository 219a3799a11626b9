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


def _nämnd_years(tmp_path: Path, years: dict[int, str]) -> Path:
    """A kommun (delår and helår) with one nämnd's plan for each year; `years` gives each plan's åtgärd."""
    tmp_path.mkdir(exist_ok=True)
    (tmp_path / "ikplan.yaml").write_text("schemaversion: 1\nkommun: Årskommun\nnämnder: [Nämnden]\n", encoding="utf-8")
    for year, action in years.items():
        (tmp_path / str(year)).mkdir()
        (tmp_path / str(year) / "plan.yaml").write_text(
            f"schemaversion: 2\nkommun: Årskommun\nnämnd: Nämnden\når: {year}\nhandläggare: Hanna Handläggare\n"
            "risker:\n  - id: R1\n    beskrivning: Felaktiga utbetalningar\n    sannolikhet: 2\n    konsekvens: 2\n"
            "    kontrollmoment:\n      - id: K1\n        beskrivning: Stickprov på utbetalningar\n"
            "        kontrollmetod: Stickprov om tio utbetalningar\n        ansvarig: Ekonomichef\n"
            f"    åtgärder:\n      - {{beskrivning: {action}, ansvarig: Controller, slutdatum: '{year + 1}-01-31'}}\n",
            encoding="utf-8",
        )
    return tmp_path


def _listed(run, folder: Path, day: str) -> list[tuple[str, int, str]]:  # type: ignore[no-untyped-def]
    done = run("due", str(folder), "--datum", day, "--inom", "400", "-f", "json")
    assert done.exit_code == 0, done.stderr
    items = [d for p in json.loads(done.stdout)["per_ansvarig"] for d in p["förfaller"]]
    return sorted((d["datum"], d["år"], d["rubrik"]) for d in items)


def test_a_replaced_plan_reminds_only_of_what_is_left_of_its_year(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A kommun keeps every year under plans/: in September 2025 the 2024 plan's unreported delår is
    history, not a reminder; in January 2025 its helår is still to be reported, until the kommun's 60
    days have passed."""
    folder = _nämnd_years(tmp_path, {2024: "Ny attestrutin", 2025: "Ny attestrutin"})
    september = _listed(run, folder, "2025-09-15")
    assert {year for _, year, _ in september} == {2025}
    january = _listed(run, folder, "2025-01-20")
    old = [item for item in january if item[1] == 2024]
    assert ("2024-12-31", 2024, "Helår: rapportera kontrollmoment K1") in old
    assert ("2025-03-01", 2024, "Uppföljning helår till Nämnden") in old
    assert not any(day < "2024-12-31" for day, _, _ in old)  # delår 2024: history
    # the åtgärd the 2025 plan carries is reminded of from the 2025 plan only
    assert [item for item in january if "Ny attestrutin" in item[2]] == [
        ("2026-01-31", 2025, "Slutdatum för åtgärd: Ny attestrutin (ingen status)")
    ]
    # each item until it is 60 days late: the kontrollmoment's helår first, then the report to the nämnd
    march = _listed(run, folder, "2025-03-15")
    assert [item for item in march if item[1] == 2024] == [("2025-03-01", 2024, "Uppföljning helår till Nämnden")]
    assert {year for _, year, _ in _listed(run, folder, "2025-05-01")} == {2025}


def test_next_years_plan_adopted_in_advance_replaces_nothing_yet(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = _nämnd_years(tmp_path, {2025: "Ny attestrutin", 2026: "Ny lönerutin"})
    november = _listed(run, folder, "2025-11-20")
    assert ("2025-08-31", 2025, "Delår: rapportera kontrollmoment K1") in november
    # and a nämnd with one plan only keeps all of it
    alone = _listed(run, _nämnd_years(tmp_path / "ensam", {2024: "Ny attestrutin"}), "2025-09-15")
    assert ("2024-08-31", 2024, "Delår: rapportera kontrollmoment K1") in alone
