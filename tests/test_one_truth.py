"""One plan, one truth: every command gives the same figures for the same plan, in the kommun's words.

The figures come from one follow-up computation (followup/status.py) and the words from one vocabulary
(plan/vocabulary.py); these tests hold the commands to them across every plan in the repository and
across generated plans with other vocabularies, matrices and periods.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ikplan.checking.validate import Checker
from ikplan.cycle.rollover import rollover_text
from ikplan.errors import IkplanError
from ikplan.followup.status import plan_status
from ikplan.plan.vocabulary import ActionStatus, Outcome, Words, is_done, plural_of, words_from

ROOT = Path(__file__).resolve().parent.parent
EGNA = ROOT / "tests" / "fixtures" / "egna_ord"


def _plan_files() -> list[Path]:
    """Every valid plan of the repository: the examples and each kommun's test plans."""
    roots = [ROOT / "plans", ROOT / "tests" / "fixtures", ROOT / "tests" / "kommuner"]
    found = []
    for root in roots:
        for path in sorted(root.rglob("*.yaml")):
            if path.name in ("ikplan.yaml", "ikplan.yml"):
                continue
            checked = Checker().check_path(str(path))
            if checked.ok and checked.plan is not None:
                found.append(path)
    return found


PLANS = _plan_files()


def test_the_suite_sees_the_plans() -> None:
    assert len(PLANS) >= 15
    assert EGNA / "2025" / "von.yaml" in PLANS


# --- the vocabulary ---------------------------------------------------------------------------------


def test_the_word_the_plan_wrote_is_kept_among_several_for_one_value() -> None:
    words = words_from({"OK": Outcome.PERFORMED, "Ingen avvikelse": Outcome.PERFORMED, "Brist": Outcome.MINOR_REMARK})
    assert words.read_outcome("ok") is Outcome.PERFORMED
    assert words.outcome_word(Outcome.PERFORMED, "ok") == "OK"
    assert words.outcome_word(Outcome.PERFORMED, "ingen  avvikelse") == "Ingen avvikelse"
    assert words.outcome_word(Outcome.PERFORMED) == "OK"  # no word written: the kommun's first
    assert words.outcome_word("mindre_anmärkning") == "Brist"  # by JSON code
    assert words.outcome_word(Outcome.WITHOUT_REMARK) == "utan anmärkning"  # no word of its own: ikplan's
    # without an ordlista an alias the plan wrote is its word, ikplan's own spelling is ikplan's
    assert Words().status_word(ActionStatus.DONE, "Klar") == "Klar"
    assert Words().status_word(ActionStatus.DONE, "Genomförd") == "genomförd"


def test_predicates_read_every_kommuns_done() -> None:
    words = words_from(statuses={"Färdig": ActionStatus.DONE})
    for text in ("Klar", "klar", "Avslutad", "genomförd", "Färdig"):
        assert is_done(words.read_status(text)), text
    assert not is_done(words.read_status("Pågår"))


@pytest.mark.parametrize(
    ("word", "plural"),
    [
        ("kontrollmoment", "kontrollmoment"),
        ("granskning", "granskningar"),
        ("åtgärd", "åtgärder"),
        ("direktåtgärd", "direktåtgärder"),
        ("kontrollpunkt", "kontrollpunkter"),
        ("uppdrag", "uppdrag"),
        ("aktivitet", "aktiviteter"),
        ("kontroll", "kontroller"),
    ],
)
def test_plurals_of_the_nouns_kommuner_use(word: str, plural: str) -> None:
    assert plural_of(word) == plural


def test_a_plan_may_have_its_own_words_on_top_of_the_kommuns(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    kommun = tmp_path / "kommun"
    shutil.copytree(EGNA, kommun)
    plan = kommun / "2025" / "tn.yaml"
    text = plan.read_text(encoding="utf-8").replace(
        "schemaversion: 1\n", "schemaversion: 2\nordlista:\n  resultat: {Grön: utan anmärkning}\n  riskvärde: Risktal\n"
    )
    plan.write_text(text.replace("resultat: Godkänd", "resultat: Grön"), encoding="utf-8")
    assert run("validate", str(plan)).exit_code == 0
    data = json.loads(run("status", str(plan), "--period", "tertial2", "-f", "json").stdout)[0]
    assert data["ord"]["resultat"]["utan_anmärkning"] == "Grön"
    assert data["ord"]["resultat"]["ej_genomförd"] == "Ej utförd"  # the kommun's word where the plan has none
    assert data["ord"]["riskvärde"] == "Risktal"
    assert [k["resultat_ord"] for k in data["kontrollmoment"]] == ["Grön", "Ej utförd"]


def test_a_wrong_word_is_told_the_kommuns_words(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    kommun = tmp_path / "kommun"
    shutil.copytree(EGNA, kommun)
    plan = kommun / "2025" / "tn.yaml"
    text = plan.read_text(encoding="utf-8").replace("resultat: Godkänd\n", "resultat: Godkännd\n")
    plan.write_text(text.replace("status: Pågår", "status: Påbörjas"), encoding="utf-8")
    result = run("validate", str(plan))
    assert result.exit_code == 1
    assert (
        "resultat ska vara ett av: 'Godkänd', 'Godkänd med brister', 'Ej godkänd', 'Ej utförd'; menade du 'Godkänd'?"
        in (result.stdout)
    )
    assert "status ska vara ett av: 'Klar', 'Pågår', 'Ej startad'" in result.stdout
    assert "utan anmärkning" not in result.stdout and "påbörjad" not in result.stdout


# --- status in the kommun's words ------------------------------------------------------------------

CANONICAL_REPLACED = ["utan anmärkning", "med mindre anmärkning", "med väsentlig anmärkning", "ej genomförd"]
CANONICAL_STATUSES = ["genomförda", "påbörjade", "ej påbörjade", "genomförd", "påbörjad"]


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_status_speaks_the_kommuns_words(run, fmt: str) -> None:  # type: ignore[no-untyped-def]
    out = run("status", str(EGNA / "2025"), "--period", "tertial2", "-f", fmt, env={"COLUMNS": "200"}).stdout
    for word in ("Godkänd", "Godkänd med brister", "Ej utförd", "Klar", "Pågår", "Ej startad"):
        assert word in out, word
    for word in CANONICAL_REPLACED + CANONICAL_STATUSES:
        assert not re.search(rf"(?<![\w-]){word}(?![\w-])", out), word
    assert "None" not in out
    assert "1 försenad" in out and "(1 försenade)" not in out


def test_status_judges_each_plan_on_its_own_year(run) -> None:  # type: ignore[no-untyped-def]
    result = run("status", str(EGNA), "--period", "tertial2", "-f", "json")
    days = {(s["nämnd"], s["år"]): s["datum"] for s in json.loads(result.stdout)}
    assert days[("Vård- och omsorgsnämnden", 2024)] == "2024-12-31"
    assert days[("Vård- och omsorgsnämnden", 2025)] == "2025-12-31"
    assert "planerna gäller 2024: försenat räknas per 2024-12-31" in result.stderr


def test_status_rolls_up_per_namnd_and_year_in_the_kommuns_words(run) -> None:  # type: ignore[no-untyped-def]
    out = run("status", str(EGNA), "--period", "tertial2", env={"COLUMNS": "80"}).stdout
    assert "Vård- och omsorgsnämnden 2024: 1 kontrollmoment i 1 plan" in out
    assert "Vård- och omsorgsnämnden 2025: 6 kontrollmoment i 1 plan" in out
    assert "Godkänd 2, Godkänd med brister 3, Ej godkänd 0, Ej utförd 0, ej rapporterat 1" in out
    assert "följer plan: 1 ja, 0 nej, 0 saknas" in out
    assert "ja/nej/saknas 0/0/0" not in out


def test_unknown_avvikelser_are_not_zero(run) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(run("status", str(EGNA / "2025" / "von.yaml"), "--period", "tertial2", "-f", "json").stdout)[0]
    [k1] = [k for k in data["kontrollmoment"] if k["id"] == "K1"]
    assert k1["stickprov"]["granskade"] == 40
    assert k1["stickprov"]["avvikelser"] is None
    assert k1["stickprov"]["korrekta"] is None and k1["stickprov"]["andel_korrekta"] is None
    assert data["stickprov"] == {"granskade": 40, "tillfällen": 1, "tillfällen_utförda": 1, "tillfällen_ej_utförda": 0}


def test_a_risks_own_follow_up_beside_its_kontrollmoment_is_kept(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    kommun = tmp_path / "kommun"
    shutil.copytree(EGNA, kommun)
    plan = kommun / "2025" / "tn.yaml"
    text = plan.read_text(encoding="utf-8").replace(
        "    hantering: [kontrollmoment]\n",
        "    hantering: [kontrollmoment]\n    uppföljning:\n      tertial2: {följer_plan: nej, kommentar: Försenat}\n",
    )
    plan.write_text(text, encoding="utf-8")
    data = json.loads(run("status", str(plan), "--period", "tertial2", "-f", "json").stdout)[0]
    assert [(r["id"], r["följer_plan"]) for r in data["övriga_risker"]] == [("T1", "nej")]
    assert data["följer_plan"]["nej"] == 1


# --- rollover carries exactly what status counts as open ------------------------------------------


@pytest.mark.parametrize("path", PLANS, ids=lambda p: str(p.relative_to(ROOT)))
def test_rollover_carries_exactly_the_open_actions_status_counts(path: Path) -> None:
    checked = Checker().check_path(str(path))
    assert checked.plan is not None
    period = checked.settings.periods[-1].id  # type: ignore[union-attr]
    status = plan_status(checked, period, dt.date(checked.plan.year, 12, 31))
    counts = status.action_counts
    if counts.get("redovisat"):
        return  # counts a source states (redovisat:) are no åtgärder to carry into next year's plan
    open_actions = counts["totalt"] - counts["genomförd"]
    try:
        text, carried = rollover_text(str(path), checked.plan.year + 1)
    except IkplanError as exc:  # next year's kommungemensamma kontrollmoment are still to be added
        assert "IK112" in str(exc)
        return
    assert carried["åtgärder"] == open_actions
    next_plan = yaml.safe_load(text)
    statuses = [
        a.get("status")
        for risk in next_plan.get("risker") or []
        for holder in [risk, *(risk.get("kontrollmoment") or [])]
        for a in holder.get("åtgärder") or []
    ]
    assert len(statuses) == open_actions
    assert not any(isinstance(s, str) and is_done(status.words.read_status(s)) for s in statuses)


def test_rollover_leaves_klar_behind_in_the_kommuns_words(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "von-2026.yaml"
    result = run("rollover", str(EGNA / "2025" / "von.yaml"), "--år", "2026", "-o", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "Pågår" in text and "Ej startad" in text
    assert "status: Klar" not in text and "status: klar" not in text


# --- IK140 over the years, whatever the periods ------------------------------------------------------


def test_a_brist_recurs_across_periods_and_years(run) -> None:  # type: ignore[no-untyped-def]
    result = run("validate", str(EGNA), "-f", "json")
    [hit] = [f for f in json.loads(result.stdout) if f["code"] == "IK140"]
    assert hit["file"].endswith("2025/von.yaml")
    assert "(Ej godkänd vid tertial 1)" in hit["message"] and "2024 också (Ej godkänd vid tertial 3)" in hit["message"]


def test_a_kommun_that_moved_from_delar_to_tertial_keeps_its_history(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    kommun = tmp_path / "kommun"
    shutil.copytree(EGNA, kommun)
    old = kommun / "2024" / "von.yaml"
    config = (kommun / "ikplan.yaml").read_text(encoding="utf-8")
    # 2024's plan was followed up at delår (never at helår); the kommun has tertialer from 2025
    (kommun / "ikplan.yaml").write_text(
        config.replace("perioder:\n", 'perioder:\n  - {id: delår, namn: Delår, per: "08-31", till_år: 2024}\n').replace(
            "- {id: tertial1", "- {id: tertial1", 1
        ),
        encoding="utf-8",
    )
    old.write_text(old.read_text(encoding="utf-8").replace("tertial3:", "delår:"), encoding="utf-8")
    result = run("validate", str(kommun), "-f", "json")
    codes = [f["code"] for f in json.loads(result.stdout)]
    assert "IK140" in codes, result.stdout


# --- generated plans: status's figures are the plan's, rollover's carry is status's open -----------

RESULT_WORDS = {
    "kanon": {},
    "godkänd": {
        "Godkänd": "utan anmärkning",
        "Godkänd med brister": "med mindre anmärkning",
        "Ej godkänd": "med väsentlig anmärkning",
        "Ej utförd": "ej genomförd",
    },
    "ok": {
        "OK": "utförd",
        "Ingen avvikelse": "utförd",
        "Avvikelse": "utförd med avvikelse",
        "Ej gjord": "ej genomförd",
    },
}
STATUS_WORDS = {
    "kanon": {},
    "klar": {"Klar": "genomförd", "Pågår": "påbörjad", "Ej startad": "ej påbörjad"},
    "färger": {"Grön": "genomförd", "Gul": "påbörjad", "Röd": "ej påbörjad"},
}


@st.composite
def kommun_and_plan(draw: st.DrawFn) -> tuple[dict, dict, dict]:  # type: ignore[type-arg]
    levels = draw(st.integers(3, 6))
    axis = draw(st.sampled_from(["konsekvens", "väsentlighet"]))
    periods = draw(st.sampled_from([["delår", "helår"], ["tertial1", "tertial2", "tertial3"], ["helår"]]))
    results = RESULT_WORDS[draw(st.sampled_from(sorted(RESULT_WORDS)))]
    statuses = STATUS_WORDS[draw(st.sampled_from(sorted(STATUS_WORDS)))]
    result_choices = list(results) or ["utan anmärkning", "med mindre anmärkning", "ej genomförd", "utförd"]
    status_choices = list(statuses) or ["genomförd", "påbörjad", "ej påbörjad", "Klar"]
    config: dict = {  # type: ignore[type-arg]
        "schemaversion": 1,
        "kommun": "Genkommun",
        "riskmatris": {
            "sannolikhet": {
                "namn": "sannolikhet",
                "skala": [{"värde": i, "namn": f"S{i}"} for i in range(1, levels + 1)],
            },
            "konsekvens": {"namn": axis, "skala": [{"värde": i, "namn": f"K{i}"} for i in range(1, levels + 1)]},
            "risknivåer": [
                {"namn": "låg", "färg": "grön", "från": 1, "till": levels},
                {"namn": "hög", "färg": "röd", "från": levels + 1, "till": levels * levels},
            ],
            "kritisk_från": "ingen",
        },
        "perioder": [{"id": p, "namn": p.capitalize(), "per": f"{4 * (i + 1):02d}-28"} for i, p in enumerate(periods)],
        "ordlista": {"resultat": results, "åtgärdsstatus": statuses},
    }
    risks = []
    expected = {"counts": {}, "performed": 0, "open": 0, "actions": 0}
    period = periods[-1]
    for ri in range(draw(st.integers(1, 6))):
        controls = []
        for ci in range(draw(st.integers(0, 3))):
            control = {
                "id": f"K{ri}-{ci}",
                "beskrivning": "Kontroll",
                "kontrollmetod": "Stickprov",
                "ansvarig": "Chef",
                "rapporteras_till": "Nämnden",
            }
            word = draw(st.one_of(st.none(), st.sampled_from(result_choices)))
            if word is not None:
                acts = []
                for ai in range(draw(st.integers(0, 2))):
                    s = draw(st.sampled_from(status_choices))
                    acts.append(
                        {
                            "id": f"A{ri}-{ci}-{ai}",
                            "beskrivning": "Åtgärd",
                            "ansvarig": "Chef",
                            "slutdatum": "2025-12-31",
                            "status": s,
                        }
                    )
                    expected["actions"] += 1
                    canonical = statuses.get(s, s.lower() if s != "Klar" else "genomförd")
                    expected["open"] += canonical != "genomförd"
                control["uppföljning"] = {period: {"resultat": word, "åtgärder": acts}}
                canonical_result = results.get(word, word)
                expected["counts"][canonical_result] = expected["counts"].get(canonical_result, 0) + 1
                expected["performed"] += canonical_result != "ej genomförd"
            controls.append(control)
        risk = {
            "id": f"R{ri}",
            "beskrivning": "En risk",
            "sannolikhet": draw(st.integers(1, levels)),
            axis: draw(st.integers(1, levels)),
            "hantering": ["kontrollmoment"] if controls else ["accepteras"],
        }
        if controls:
            risk["kontrollmoment"] = controls
        else:
            risk["motivering"] = "Låg risk"
        risks.append(risk)
    plan = {"schemaversion": 1, "kommun": "Genkommun", "nämnd": "Gennämnden", "år": 2025, "risker": risks}
    return config, plan, expected


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=kommun_and_plan())
def test_generated_plans_one_truth(case: tuple[dict, dict, dict], tmp_path_factory: pytest.TempPathFactory) -> None:  # type: ignore[type-arg]
    config, plan, expected = case
    folder = tmp_path_factory.mktemp("gen")
    (folder / ".git").mkdir()  # the search for ikplan.yaml stops here
    (folder / "ikplan.yaml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    path = folder / "plan.yaml"
    path.write_text(yaml.safe_dump(plan, allow_unicode=True, sort_keys=False), encoding="utf-8")
    checked = Checker().check_path(str(path))
    assert checked.ok and checked.plan is not None, [f.message for f in checked.findings]
    period = config["perioder"][-1]["id"]
    status = plan_status(checked, period, dt.date(2025, 12, 31))
    by_value = {Outcome(v).code: n for v, n in expected["counts"].items()}
    assert {k: v for k, v in status.counts.items() if v and k != "saknas"} == by_value
    assert sum(1 for i in status.controls if i.performed) == expected["performed"]
    assert status.action_counts["totalt"] == expected["actions"]
    assert status.action_counts["totalt"] - status.action_counts["genomförd"] == expected["open"]
    # every word shown is the one the plan wrote (the kommun's), never a canonical one it replaced
    written = {
        f.outcome_written for _, _, _, c in checked.plan.all_controls() for f in c.follow_up.values() if f.outcome
    }
    shown = {i.outcome_word for i in status.controls if i.outcome_word}
    if config["ordlista"]["resultat"]:
        assert shown <= set(config["ordlista"]["resultat"]) and shown == written
    _, carried = rollover_text(str(path), 2026)
    assert carried["åtgärder"] == expected["open"]


def test_a_plan_cannot_give_the_kommuns_word_another_meaning(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    kommun = tmp_path / "kommun"
    shutil.copytree(EGNA, kommun)
    plan = kommun / "2025" / "tn.yaml"
    text = plan.read_text(encoding="utf-8").replace(
        "schemaversion: 1\n", "schemaversion: 2\nordlista:\n  resultat: {Ej utförd: utan anmärkning}\n"
    )
    plan.write_text(text, encoding="utf-8")
    result = run("validate", str(plan))
    assert result.exit_code == 1
    assert "IK124" in result.stdout and "ordet 'Ej utförd' betyder 'ej genomförd' i kommunens ordlista" in result.stdout
    # and it cannot be switched off by the plan itself
    plan.write_text(
        text.replace("schemaversion: 2\n", "schemaversion: 2\nignorera_regler: [IK124]\n"), encoding="utf-8"
    )
    assert "IK124" in run("validate", str(plan)).stdout


def test_history_speaks_the_kommuns_words(run) -> None:  # type: ignore[no-untyped-def]
    out = run("history", "K3", str(EGNA)).stdout
    assert "Tertial 1: Ej godkänd" in out and "Tertial 2: Godkänd med brister" in out
    assert "(Klar, slutdatum 2024-12-31)" in out and "(Pågår, slutdatum 2025-06-30)" in out
    assert "väsentlig anmärkning" not in out and "påbörjad" not in out
    data = json.loads(run("history", "K3", str(EGNA), "-f", "json").stdout)
    per_year = {e["år"]: e["uppföljning"] for e in data}
    assert per_year[2025]["tertial1"]["resultat"] == "med väsentlig anmärkning"
    assert per_year[2025]["tertial1"]["resultat_ord"] == "Ej godkänd"
    malmo = run("history", "G1", str(ROOT / "tests" / "kommuner" / "miljonamnden-2019")).stdout
    assert "Miljönämnden: granskning G1" in malmo


def test_status_without_period_follows_the_kommuns_latest_ended_period(run) -> None:  # type: ignore[no-untyped-def]
    """A kommun with tertialer has no delår: status follows up its latest period that has ended."""
    during = json.loads(run("status", str(EGNA / "2025"), "--datum", "2025-09-15", "-f", "json").stdout)
    assert {s["period"] for s in during} == {"tertial2"}
    after = json.loads(run("status", str(EGNA / "2025"), "-f", "json").stdout)
    assert {s["period"] for s in after} == {"tertial3"}
    assert {s["period"] for s in json.loads(run("status", str(ROOT / "plans"), "-f", "json").stdout)} == {"delår"}


# --- every output shows the kommun's word for what it uses, and none of ikplan's it replaced -------

OWN_RESULTS = ["Godkänd", "Godkänd med brister", "Ej godkänd"]
OWN_STATUSES = ["Klar", "Pågår", "Ej startad"]
REPLACED = ["utan anmärkning", "med mindre anmärkning", "med väsentlig anmärkning", "påbörjad", "ej påbörjad"]


def _check_words(text: str, where: str, results: list[str] = OWN_RESULTS, statuses: list[str] = OWN_STATUSES) -> None:
    for word in results + statuses:
        assert word in text, f"{where}: {word} saknas"
    for word in REPLACED:
        assert not re.search(rf"(?<![\w-]){word}(?![\w-])", text, re.IGNORECASE), f"{where}: {word}"


def _docx_text(path: Path) -> str:
    import docx

    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


def test_every_output_speaks_the_kommuns_words(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plan = str(EGNA / "2025" / "von.yaml")
    common = ["--period", "tertial2", "--datum", "2025-09-15"]
    md = run("report", plan, *common).stdout
    _check_words(md, "report md", results=OWN_RESULTS[:2], statuses=OWN_STATUSES)
    html = run("report", plan, *common, "-f", "html").stdout
    _check_words(html, "report html", results=OWN_RESULTS[:2], statuses=OWN_STATUSES)
    assert run("report", plan, *common, "-f", "docx", "-o", str(tmp_path / "r.docx")).exit_code == 0
    _check_words(_docx_text(tmp_path / "r.docx"), "report docx", results=OWN_RESULTS[:2], statuses=OWN_STATUSES)
    summary = run("summary", str(EGNA), "--period", "tertial2", "--år", "2025", "-f", "md").stdout
    _check_words(summary, "summary md", results=["Godkänd", "Godkänd med brister"], statuses=[])
    status = run("status", plan, "--period", "tertial1", "-f", "md").stdout
    _check_words(status, "status tertial1", results=["Ej godkänd"], statuses=["Pågår"])
    assert run("export", plan, "-o", str(tmp_path / "p.xlsx")).exit_code == 0
    from openpyxl import load_workbook

    book = load_workbook(tmp_path / "p.xlsx")
    cells = "\n".join(str(c.value) for sheet in book for row in sheet.iter_rows() for c in row if c.value is not None)
    _check_words(cells, "export xlsx")
    assert "Väsentlighet" in cells and "Konsekvens" not in cells


@pytest.mark.parametrize(("kommun", "period", "year"), [("egna_ord", "tertial2", 2025), ("kommun", "helår", 2024)])
def test_summary_and_status_judge_lateness_on_the_same_day(run, kommun: str, period: str, year: int) -> None:  # type: ignore[no-untyped-def]
    """Without --datum both judge a past year's åtgärder at the end of that year."""
    folder = ROOT / "tests" / "fixtures" / kommun
    summary = json.loads(run("summary", str(folder), "--period", period, "--år", str(year), "-f", "json").stdout)
    status = json.loads(run("status", str(folder / str(year)), "--period", period, "-f", "json").stdout)
    assert summary["datum"] == f"{year}-12-31" == status[0]["datum"]
    late = {s["nämnd"]: len(s["försenade_åtgärder"]) for s in status}
    assert {n["nämnd"]: n["försenade_åtgärder"] for n in summary["nämnder"]} == late


def test_a_risk_the_namnd_only_accepted_is_asked_for_nothing(run) -> None:  # type: ignore[no-untyped-def]
    """Risk 5 of Ordkommun's plan is accepted with a motivering: no command counts it as unreported,
    lists it for follow-up or tells its owner to report it (status, due, report read one computation)."""
    plan = str(EGNA / "2025" / "von.yaml")
    (data,) = json.loads(run("status", plan, "--period", "tertial2", "--as-of", "2025-09-15", "-f", "json").stdout)
    assert [i["id"] for i in data["övriga_risker"]] == []
    assert "5" not in [i["id"] for i in data["kritiska_risker"]]
    text = run("status", plan, "--period", "tertial2", "--as-of", "2025-09-15").stdout
    assert "Inköp utanför avtal" not in text and "Övriga risker" not in text
    due = run("due", plan, "--datum", "2025-12-20", "--inom", "365", "-f", "json")
    assert due.exit_code == 0, due.stderr
    assert "risk 5" not in due.stdout and "Inköp utanför avtal" not in due.stdout
    # a risk with åtgärder and no kontrollmoment is still followed up (Kompetensförsörjning)
    assert "Kompetensförs" in text


def test_a_risks_history_shows_what_its_kontrollmoment_found(run) -> None:  # type: ignore[no-untyped-def]
    """A risk is followed up through its kontrollmoment: its history says what they found each period,
    not "ingen uppföljning", and names the hantering in the kommun's nouns (JSON keeps ikplan's values)."""
    text = run("history", "3.8", str(EGNA), env={"COLUMNS": "80"}).stdout
    assert "ingen uppföljning" not in text
    assert "Tertial 3 (kontrollmoment K3): Ej godkänd" in text
    assert "Tertial 2 (kontrollmoment K3): Godkänd med brister" in text
    nouns = ROOT / "tests" / "fixtures" / "egna_substantiv"
    out = run("history", "M1", str(nouns), env={"COLUMNS": "80"}).stdout
    assert "hantering granskning" in out and "Delår (granskning G1)" in out
    (entry,) = json.loads(run("history", "M1", str(nouns), "-f", "json").stdout)
    assert entry["hantering"] == ["kontrollmoment"] and entry["hantering_ord"] == ["granskning"]
    assert [c["id"] for c in entry["kontrollmoment"]][:2] == ["G1", "G2"]


def test_status_at_80_columns_cuts_no_kontrollmoment_or_header(run) -> None:  # type: ignore[no-untyped-def]
    """What a pipe or a CI log gets: the kontrollmoment's name whole, the short columns' headers whole."""
    out = run("status", str(EGNA / "2025" / "von.yaml"), "--period", "tertial2", "--as-of", "2025-09-15",
              env={"COLUMNS": "80"}).stdout  # fmt: skip
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "(utbetalningar)" in out and "(verkställighet)" in out
    assert "Följer" in out and "Åtgärder" in out and "försenad" in out
    table = out.split("└")[0]
    assert "…" not in "".join(line.split("│")[1] for line in table.splitlines() if line.startswith("│"))


@pytest.mark.parametrize(
    "args",
    [["history", "K3"], ["due", "--datum", "2025-09-15"], ["summary", "--datum", "2026-01-15"]],
    ids=["history", "due", "summary"],
)
def test_terminal_text_fits_80_columns(run, args: list[str]) -> None:  # type: ignore[no-untyped-def]
    head, rest = (args[:2], args[2:]) if args[0] == "history" else (args[:1], args[1:])
    out = run(*head, str(EGNA), *rest, env={"COLUMNS": "80"}).stdout
    assert out.strip() and max(len(line) for line in out.splitlines()) <= 80, out


def test_a_risk_named_by_its_namnd_stays_on_one_terminal_line(run) -> None:  # type: ignore[no-untyped-def]
    """The sammanställning's matrix at 80 columns breaks a line before 'VON 5', never inside it."""
    out = run("summary", str(EGNA), "--datum", "2025-09-20", env={"COLUMNS": "80"}).stdout
    matrix = out.split("Riskmatris", 1)[1]
    assert max(len(line) for line in matrix.splitlines()) <= 80
    assert not any(line.rstrip().endswith((" VON", " TN")) for line in matrix.splitlines()), matrix
    assert "VON 5." in matrix and "VON 3.10." in matrix


def test_wrapping_keeps_a_glued_word_with_the_next() -> None:
    from ikplan.text import wrapped

    line = "  Sannolikhet 1 Mycket osannolik, väsentlighet 2 Lindrig (riskvärde 2, låg): VON 5, TN T2."
    assert wrapped(line, 80, glued=["VON", "TN"]) == [
        "  Sannolikhet 1 Mycket osannolik, väsentlighet 2 Lindrig (riskvärde 2, låg):",
        "    VON 5, TN T2.",
    ]
    assert wrapped(line, 80)[0].endswith(" VON")  # without it the short name is left behind
    assert wrapped("VONNE 5 VON", 5, glued=["VON"]) == ["VONNE", "  5", "  VON"]  # whole words only
