"""Earlier years from their published documents: plans that state where they come from (källa), counts and
shares without items (redovisat), reported without a result, verdicts, areas without risks, unknown years and
period ends, occasions without a total, and the score JSON's own keys. Through the CLI: `status -f json`,
`summary -f json`, `history`, `validate` and the report's sentences."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.conftest import ROOT

KOMMUNER = ROOT / "tests" / "kommuner"
KAVLINGE = KOMMUNER / "kavlinge" / "kommunstyrelsen-2017.yaml"
HALLSBERG = KOMMUNER / "hallsberg" / "kommunstyrelsen.yaml"
KALMAR = KOMMUNER / "kalmar-ks-2020" / "kommunstyrelsen-2020.yaml"
YEARS = ROOT / "tests" / "fixtures" / "overforda-ar"
SOURCES = [KAVLINGE, HALLSBERG, KALMAR]


def _status(run, plan: Path, period: str = "helår") -> dict[str, Any]:  # type: ignore[no-untyped-def]
    result = run("status", str(plan), "--period", period, "-f", "json")
    assert result.exit_code in (0, 1), result.output
    data: list[dict[str, Any]] = json.loads(result.stdout)
    return data[0]


def _report(run, plan: Path, period: str = "helår") -> str:  # type: ignore[no-untyped-def]
    result = run("report", str(plan), "--period", period, "--date", "2021-04-01")
    assert result.exit_code == 0, result.output
    return " ".join(str(result.stdout).split())


def test_plans_from_sources_validate_without_rules_switched_off(run) -> None:  # type: ignore[no-untyped-def]
    result = run("validate", *map(str, SOURCES))
    assert result.exit_code == 0, result.output
    assert "Inga fel i 3 filer." in result.output
    for plan in SOURCES:
        text = plan.read_text(encoding="utf-8") + (plan.parent / "ikplan.yaml").read_text(encoding="utf-8")
        assert "ignorera_regler" not in text and "(fyll i)" not in text


def test_kavlinge_stated_uppdrag_19_of_25(run) -> None:  # type: ignore[no-untyped-def]
    s = _status(run, KAVLINGE)
    assert s["åtgärder"]["totalt"] == 25
    assert (s["åtgärder"]["genomförd"], s["åtgärder"]["påbörjad"]) == (19, 6)
    assert s["åtgärder"]["per_beslutsår"]["2017"]["genomförd"] == 19 and s["åtgärder"]["redovisat"] is True
    assert s["uppgivna_antal"] is True and s["källa"]["datum"] == "2017-12-18"
    md = _report(run, KAVLINGE)
    assert "Av de 25 uppdragen som underlaget redovisar är 19 genomförda och 6 påbörjade." in md
    assert "Bedömningen i underlaget: ”Några större avvikelser har inte konstaterats" in md


def test_hallsberg_16_of_16_and_missed_occasions_without_a_total(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    s = _status(run, HALLSBERG)
    assert (s["rapporterade"], s["utförda"]) == (16, 16)
    assert s["counts"]["resultat_okänt"] == 16 and s["counts"]["saknas"] == 0  # no result invented
    assert s["redovisat"]["missade_tillfällen"] == {"kontrollmoment": 4, "tillfällen": 4}
    assert s["källa"]["år_angivet"] is False
    md = _report(run, HALLSBERG)
    assert "Enligt underlaget utfördes samtliga 16 kontrollmoment." in md
    assert "Talen är de antal som underlaget redovisar" in md
    assert (
        "kontrollerades fyra kontrollmoment inte vid ett tillfälle vardera; antalet planerade tillfällen anges inte."
        in md
    )
    assert "Dokumentet anger inget år; planen förs till 2018." in md
    summary = run("summary", str(HALLSBERG.parent), "-p", "helår", "-f", "json")
    assert summary.exit_code == 0, summary.output
    data = json.loads(summary.stdout)
    assert data["totalt"]["planerade"] == 16 and data["totalt"]["genomförda"] == 16
    assert data["nämnder"][0]["uppgivna_antal"] is True and data["ej_rapporterat"] == []
    text = " ".join(run("summary", str(HALLSBERG.parent), "-p", "helår").stdout.split())
    assert "Av 16 planerade kontrollmoment har 16 genomförts, 16 utan redovisat resultat." in text
    assert "För Kommunstyrelsen är talen de antal som underlaget redovisar" in text


def test_kalmar_areas_without_risks_and_plan_verdict(run) -> None:  # type: ignore[no-untyped-def]
    s = _status(run, KALMAR)
    assert s["områden_utan_risker"] == ["samhallsskydd", "fysiska-samhallet"]
    md = _report(run, KALMAR)
    assert "Planens två områden har inga risker: Bedriva samhällsskydd och säkerhetsarbete och Förvalta" in md
    assert "Bedömningen i underlaget: ”De brister som noterats" in md


def _plan(tmp: Path, body: str) -> Path:
    (tmp / ".git").mkdir(exist_ok=True)
    (tmp / "ikplan.yaml").write_text("schemaversion: 1\nkommun: Provkommun\n", encoding="utf-8")
    path = tmp / "plan.yaml"
    path.write_text("schemaversion: 2\nnämnd: Kommunstyrelsen\når: 2012\n" + body, encoding="utf-8")
    return path


def test_shares_boards_and_verdict_per_process(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plan = _plan(
        tmp_path,
        """källa: {dokument: Uppföljning av intern kontroll 2012}
bedömningsskala:
  - {ord: Grönt, betydelse: Tillfredställande}
  - {ord: Gult, betydelse: Vissa brister}
områden:
  - {id: ekonomi, namn: Ekonomiprocessen, bedömning: {helår: Grönt}}
  - {id: personal, namn: Personalprocessen, bedömning: {helår: gult}}
redovisat:
  helår:
    nämnder: {totalt: 10, rapporterade: 10}
    andelar:
      - {andel: 78 procent, avser: av kontrollerna var utan anmärkning, procent: 78}
      - {andel: till övervägande del, avser: är den interna kontrollen tillräcklig}
    bedömning: vissa åtgärder är försenade
""",
    )
    assert run("validate", str(plan)).exit_code == 0
    s = _status(run, plan)
    assert s["bedömningar"] == {"ekonomi": "Grönt", "personal": "gult"}
    assert s["redovisat"]["andelar"][0]["procent"] == 78
    assert "utan_anmärkning" in s["counts"] and s["counts"]["utan_anmärkning"] == 0  # a share is no count
    md = _report(run, plan)
    assert "Underlaget anger: ”78 procent av kontrollerna var utan anmärkning”." in md
    assert "Underlaget anger: ”till övervägande del är den interna kontrollen tillräcklig”." in md
    assert "Enligt underlaget har tio av tio nämnder avrapporterat." in md
    assert "Bedömning per process: Grönt för Ekonomiprocessen; Gult för Personalprocessen." in md
    assert "| Personalprocessen | **Gult** | Vissa brister |" in md  # the scale's spelling, as the sentence
    assert "Bedömningen i underlaget: ”vissa åtgärder är försenade”." in md
    data = json.loads(run("summary", str(tmp_path), "-p", "helår", "-f", "json").stdout)
    assert data["redovisat_om_nämnder"] == [{"enligt": "Kommunstyrelsen", "rapporterade": 10, "totalt": 10}]
    text = " ".join(run("summary", str(tmp_path), "-p", "helår").stdout.split())
    assert "Enligt underlaget från Kommunstyrelsen har tio av tio nämnder avrapporterat." in text


def test_stated_figures_that_do_not_add_up_and_unknown_words(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plan = _plan(
        tmp_path,
        """redovisat:
  helår: {planerade: 3, utförda: 4, resultat: {Grönt: 1}}
områden:
  - {id: a, namn: A, bedömning: {helår: Blått}}
""",
    )
    out = run("validate", str(plan)).output
    assert "IK125" in out and "4 utförda men bara 3 planerade" in out
    assert "'Grönt' är inget resultat" in out and "'Blått' finns inte i bedömningsskalan" in out


def test_three_years_two_transcribed_history_ik140_and_summary(run) -> None:  # type: ignore[no-untyped-def]
    result = run("validate", str(YEARS), "-f", "json")
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    ik140 = sorted((Path(f["file"]).name, f["message"].split(" ")[5]) for f in found if f["code"] == "IK140")
    assert ik140 == [("sn-2019.yaml", "2019"), ("sn-2020.yaml", "2020")]
    # the completeness rules are one note for each transcribed plan, and only there
    notes = {Path(f["file"]).name for f in found if f["code"] == "IK126"}
    assert notes == {"sn-2018.yaml", "sn-2019.yaml"}
    assert not [f for f in found if f["code"] in ("IK105", "IK106", "IK107", "IK108")]
    hist = run("history", "K1", str(YEARS), "-f", "json")
    years = [(e["år"], e["källa"]) for e in json.loads(hist.stdout)]
    assert [y for y, _ in years] == [2018, 2019, 2020] and years[2][1] is None
    assert "Delår: rapporterad, resultat okänt" in run("history", "K1", str(YEARS)).stdout
    for year, before in ((2019, 2018), (2020, 2019)):
        data = json.loads(run("summary", str(YEARS), "-p", "helår", "--år", str(year), "-f", "json").stdout)
        assert data["år"] == year and data["nämnder"][0]["förra_året"]["counts"]["mindre_anmärkning"] == 1
        assert [r["år"] for r in data["återkommande_brister"][0]["resultat"]] == [before, year]


def test_reported_result_unknown_and_unknown_period_end(run) -> None:  # type: ignore[no-untyped-def]
    s = _status(run, YEARS / "sn-2019.yaml", "delår")
    assert s["per"] is None  # the source does not state when the period ends
    assert s["counts"]["resultat_okänt"] == 2 and s["counts"]["saknas"] == 0 and s["rapporterade"] == 2
    assert [(k["resultat"], k["rapporterad"]) for k in s["kontrollmoment"]] == [("resultat_okänt", True)] * 2
    md = _report(run, YEARS / "sn-2019.yaml", "delår")
    assert "är uppföljningen rapporterad, men underlaget anger inte resultatet." in md
    assert "rapporterat, resultat okänt" in md and "uppgift saknas i underlaget" in md
    assert "Dokumentet anger inte när perioden delår slutar." in md


def test_score_json_says_what_it_holds(run) -> None:  # type: ignore[no-untyped-def]
    plan = KOMMUNER / "kalmar" / "samhallsbyggnadsnamnden.yaml"
    scored = json.loads(run("score", str(plan), "-f", "json").stdout)
    k2 = next(r for r in scored if r["id"] == "K2")
    assert k2["titel"] == "Sårbarhet i resursläget" and k2["riskbeskrivning"].startswith("Det finns en risk")
    assert k2["beskrivning"] == k2["titel"]  # the old key keeps its meaning
    assert k2["område_id"] == "mal-resurser" and k2["område"] == "Fastställa mål och fördela resurser"
    assert k2["område_namn"] == "Ledningsprocesser › Fastställa mål och fördela resurser"
    status = _status(run, plan)
    kk1 = status["kontrollmoment"][0]
    assert kk1["område"] == kk1["område_id"] == "organisera"  # status's område is the id, as before
    assert kk1["område_namn"] == "Ledningsprocesser › Organisera, leda och följa upp verksamheten"
