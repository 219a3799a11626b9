"""The Swedish sentence helpers on their own (swedish.py, and the report's followup_text.py): numbers, lists,
singular and plural."""

from __future__ import annotations

import datetime as dt

import pytest

from ikplan.checking.validate import Checker
from ikplan.followup.status import plan_status
from ikplan.plan.vocabulary import DEFAULT_WORDS, ActionStatus
from ikplan.reporting import followup_text
from ikplan.swedish import join, long_date, number

DONE, STARTED, NOT_STARTED = ActionStatus.DONE, ActionStatus.STARTED, ActionStatus.NOT_STARTED


def outcome_sentences(s):  # type: ignore[no-untyped-def]
    return followup_text.outcome_sentences(s, s.words)


def critical_sentences(s):  # type: ignore[no-untyped-def]
    return followup_text.critical_sentences(s, s.words, s.matrix)


def conclusion(s):  # type: ignore[no-untyped-def]
    return followup_text.conclusion(s, s.matrix)


def action_sentence(total: int, done: int, started: int, not_started: int, unknown: int) -> str:
    """The report's åtgärd sentence for statuses counted this way (the old helper's arguments)."""
    statuses = [DONE] * done + [STARTED] * started + [NOT_STARTED] * not_started + [None] * unknown
    assert len(statuses) == total
    return followup_text.action_sentence(DEFAULT_WORDS, statuses)


@pytest.mark.parametrize(
    "n,neuter,word",
    [(0, True, "noll"), (1, True, "ett"), (1, False, "en"), (2, True, "två"), (12, True, "tolv"), (13, True, "13")],
)
def test_numbers_in_words_up_to_twelve(n: int, neuter: bool, word: str) -> None:
    assert number(n, neuter) == word


@pytest.mark.parametrize(
    "items,text",
    [([], ""), (["a"], "a"), (["a", "b"], "a och b"), (["a", "b", "c"], "a, b och c")],
)
def test_join_with_och(items: list[str], text: str) -> None:
    assert join(items) == text


def test_long_date() -> None:
    assert long_date(dt.date(2024, 9, 10)) == "10 september 2024"


def _status(outcomes: list[str | None], critical: list[str | None] | None = None, period: str = "delår"):  # type: ignore[no-untyped-def]
    lines = ["schemaversion: 1", "nämnd: Testnämnden", "år: 2025", "antal_risker: 40", "risker:"]
    for i, outcome in enumerate(outcomes, start=1):
        lines += [
            f"  - id: R{i}",
            "    beskrivning: risk",
            "    kontrollmoment:",
            f"      - id: K{i}",
            f"        nummer: {i}",
            *([f"        namn: moment {i}"] if i % 2 else []),
            "        beskrivning: k",
            "        kontrollmetod: m",
            "        ansvarig: a",
        ]
        if outcome:
            lines += ["        uppföljning:", "          delår:", f"            resultat: {outcome}"]
    for j, follows in enumerate(critical or [], start=1):
        lines += [
            f"  - id: C{j}",
            f"    process: Process {j}",
            "    beskrivning: kritisk",
            "    riskvärde: 12",
            "    hantering: [förbättringsarbete]",
        ]
        if follows:
            lines += ["    uppföljning:", "      delår:", f"        följer_plan: {follows}"]
    if lines[-1] == "risker:":
        lines[-1] = "risker: []"
    checked = Checker().check_bytes(("\n".join(lines) + "\n").encode(), "t.yaml")
    assert checked.ok, checked.findings
    return plan_status(checked, period, dt.date(2025, 9, 1))


def test_outcome_sentences_as_in_the_amn_seed() -> None:
    s = _status(
        ["utan anmärkning"] * 2 + ["med mindre anmärkning"] + ["utan anmärkning"] * 5 + ["med mindre anmärkning"]
    )
    assert outcome_sentences(s) == [
        "För sju av nio kontrollmoment är granskningen gjord utan anmärkning.",
        "I två fall är granskningen gjord med mindre anmärkning.",
        "Det gäller kontrollmoment 3 (moment 3) och kontrollmoment 9 (moment 9).",
    ]


def test_outcome_sentences_singular_and_all() -> None:
    assert outcome_sentences(_status(["utan anmärkning"])) == [
        "För det enda kontrollmomentet är granskningen gjord utan anmärkning."
    ]
    assert outcome_sentences(_status(["utan anmärkning"] * 12)) == [
        "För samtliga tolv kontrollmoment är granskningen gjord utan anmärkning."
    ]
    assert (
        outcome_sentences(_status(["utan anmärkning"] * 13))[0]
        == "För samtliga 13 kontrollmoment är granskningen gjord utan anmärkning."
    )
    one_major = outcome_sentences(_status(["utan anmärkning", "med väsentlig anmärkning"]))
    assert one_major == [
        "För ett av två kontrollmoment är granskningen gjord utan anmärkning.",
        "I ett fall är granskningen gjord med väsentlig anmärkning.",
        "Det gäller kontrollmoment 2.",
    ]


def test_outcome_sentences_missing_and_not_done() -> None:
    s = _status(["ej genomförd", None, None])
    assert outcome_sentences(s) == [
        "Granskningen är inte genomförd för kontrollmoment 1 (moment 1).",
        "För kontrollmoment 2 och kontrollmoment 3 (moment 3) saknas ännu resultat för delår.",
    ]
    assert outcome_sentences(_status([None, None])) == [
        "Inget av de två kontrollmomenten har ännu följts upp för delår."
    ]
    assert outcome_sentences(_status([])) == []


def test_critical_sentences_and_conclusion() -> None:
    s = _status([], critical=["ja", "ja"])
    assert critical_sentences(s) == [
        "I nämndens internkontrollplan 2025 hanterades 40 risker.",
        "Två av dessa risker har ett riskvärde som värderar risken som kritisk.",
        "De kritiska riskerna ska omhändertas i det systematiska förbättringsarbetet.",
    ]
    assert conclusion(s) == "Sammanställningen visar att de kritiska riskerna har hanterats enligt plan."
    one = _status([], critical=["ja"])
    assert critical_sentences(one)[1:] == [
        "En av dessa risker har ett riskvärde som värderar risken som kritisk.",
        "Den kritiska risken ska omhändertas i det systematiska förbättringsarbetet.",
    ]
    assert conclusion(one) == "Sammanställningen visar att den kritiska risken har hanterats enligt plan."
    mixed = _status([], critical=["ja", "nej", None])
    assert conclusion(mixed) == (
        "Sammanställningen visar att en av tre kritiska risker har hanterats enligt plan. "
        "Risken Process 2 har inte hanterats enligt plan. För risken Process 3 saknas uppföljning."
    )
    assert conclusion(_status(["utan anmärkning"])) is None


def test_action_sentence() -> None:
    assert action_sentence(0, 0, 0, 0, 0) == "Det finns inga åtgärder från tidigare perioder att följa upp."
    assert action_sentence(1, 1, 0, 0, 0) == "Den enda åtgärden är genomförd."
    assert (
        action_sentence(4, 2, 1, 1, 0) == "Av de fyra åtgärderna är två genomförda, en påbörjad och en inte påbörjad."
    )
    assert action_sentence(13, 13, 0, 0, 0) == "Samtliga 13 åtgärder är genomförda."


def test_two_of_two_is_both(run) -> None:  # type: ignore[no-untyped-def]
    """'För båda kontrollmomenten …', never 'För samtliga två kontrollmoment …'."""
    from tests.conftest import ROOT

    plan = ROOT / "tests" / "fixtures" / "kommun" / "2024" / "tn.yaml"
    out = run("report", str(plan), "--period", "helår", "--date", "2026-02-01").stdout
    assert "För båda kontrollmomenten är granskningen gjord utan anmärkning." in out
    assert "samtliga två" not in out
