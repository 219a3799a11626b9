"""Kommunstyrelsen's sammanställning: every nämnd's follow-up for one year, beside the year before.

The input is the checked plans under some folders (a kommun keeps one file per nämnd and year).
The result counts kontrollmoment per nämnd, names the nämnder that have not reported or have no
plan, lays the kommungemensamma kontrollmoment side by side, lists the critical risks and the
open åtgärder of the whole kommun, and finds what recurs: a kontrollmoment with a brist in two
consecutive years, and an åtgärd decided in an earlier year that is still open.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ikplan.checking.validate import Checked
from ikplan.followup.memo import PlanMemo
from ikplan.followup.memo import get as memo_get
from ikplan.followup.status import OPTIONAL_CODES, OUTCOME_CODES, ActionState, ItemStatus, PlanStatus, plan_status
from ikplan.plan.config import RequiredControl, SummaryReport
from ikplan.plan.vocabulary import DEFAULT_WORDS, Words, is_deficiency, is_open


# Figures PlanStatus gives per item but not per plan; each is read from the items' own answers
# (ItemStatus.performed, .reported, the action's status through is_open), never from words or codes,
# so the sammanställning says what `ikplan status` says.
def performed_count(status: PlanStatus) -> int:
    """Kontrollmoment carried out: a result other than ej genomförd, or 'följer plan: ja' (status's 'utförda');
    for a plan that states counts without items, the count its source states."""
    return status.performed


def open_actions(status: PlanStatus) -> list[ActionState]:
    """The plan's åtgärder that are not finished (the kommun's Klar counts as finished)."""
    return [a for a in status.all_actions if is_open(a.action.status)]


def has_brist(item: ItemStatus) -> bool:
    """An anmärkning, not performed, or performed with an avvikelse."""
    return item.follow_up is not None and is_deficiency(item.follow_up.outcome)


@dataclass
class BoardRow:
    """One nämnd's plan for the year, counted."""

    board: str
    file: str
    adopted: dt.date | None
    status: PlanStatus
    words: Words = DEFAULT_WORDS  # the plan's: the kommun's ordlista with the plan's own on top

    @property
    def counts(self) -> dict[str, int]:
        return self.status.counts

    @property
    def planned(self) -> int:
        return self.status.planned

    @property
    def performed(self) -> int:
        return performed_count(self.status)

    @property
    def not_reported(self) -> int:
        """Kontrollmoment with neither a result nor a 'följer plan' for the period."""
        return self.planned - self.status.reported

    @property
    def overdue(self) -> int:
        return len(self.status.overdue)

    @cached_property  # a row is never changed once built; the sammanställning asks each several times
    def open_actions(self) -> list[ActionState]:
        return open_actions(self.status)

    @cached_property
    def reported(self) -> bool:
        if self.status.from_stated:
            return self.status.reported > 0
        return any(i.reported for i in self.status.controls + self.status.critical_risks)

    def as_json(self) -> dict[str, Any]:
        return dict(self._json)  # a copy: the sammanställning adds förra_året

    @cached_property  # worked out as the plan comes in (prepare)
    def _json(self) -> dict[str, Any]:
        return {
            "nämnd": self.board,
            "plan": self.file,
            "antagen": self.adopted.isoformat() if self.adopted else None,
            "rapporterad": self.reported,
            "planerade": self.planned,
            # "genomförda" is the older name of status's "utförda": the same figure
            "genomförda": self.performed,
            "utförda": self.performed,
            "rapporterade": self.status.reported,
            "counts": self.counts,
            "följer_plan": self.status.follows_plan,
            "försenade_åtgärder": self.overdue,
            "öppna_åtgärder": len(self.open_actions),
            # the figures are the counts the plan's source states (no items in the plan)
            "uppgivna_antal": self.status.from_stated,
        }


@dataclass
class Recurring:
    board: str
    id: str
    label: str
    outcomes: list[tuple[int, str]]  # (year, outcome code), oldest first
    shown: list[tuple[int, str]] = field(default_factory=list)  # (year, the word the plan shows)


def _shown(words: Words, item: ItemStatus) -> str:
    """The result as the plan's words show it (the word the plan wrote, when it is the kommun's)."""
    f = item.follow_up
    if f is None or f.outcome is None:
        return ""
    return words.outcome_word(f.outcome, f.outcome_written)


@dataclass
class Summary:
    municipality: str
    year: int
    period: str
    period_name: str
    as_of: dt.date
    rows: list[BoardRow]
    missing_plan: list[str]
    previous: dict[str, BoardRow] = field(default_factory=dict)
    common: list[dict[str, Any]] = field(default_factory=list)
    critical: list[tuple[str, ItemStatus]] = field(default_factory=list)
    open_actions: list[tuple[str, ActionState]] = field(default_factory=list)
    recurring: list[Recurring] = field(default_factory=list)
    carried: list[tuple[str, ActionState]] = field(default_factory=list)
    # The kommun's words (ikplan.yaml's ordlista) for what speaks of all nämnder at once; a nämnd's own
    # cells use its row's words.
    words: Words = DEFAULT_WORDS
    report: SummaryReport = field(default_factory=SummaryReport)
    # Each kommungemensamt kontrollmoment: (id, namn, the item per nämnd or None where the plan has none)
    common_items: list[tuple[str, str, dict[str, ItemStatus | None]]] = field(default_factory=list)
    # What each organisation is (ikplan.yaml `nämnder:` with `typ`): a kommunalt bolag is counted apart
    kinds: dict[str, str] = field(default_factory=dict)
    # Each plan's figures as worked out while the plans were read (followup/memo.py), for the context
    memo: PlanMemo | None = None

    def kind(self, board: str) -> str:
        """'nämnd' (utskott count with the nämnder) or 'bolag'."""
        return "bolag" if self.kinds.get(board) == "bolag" else "nämnd"

    @property
    def not_reported(self) -> list[str]:
        return [r.board for r in self.rows if not r.reported]

    @property
    def totals(self) -> dict[str, int]:
        """PlanStatus.counts summed: the "utförd" results only when some plan has them, as in status."""
        c: Counter[str] = Counter()
        for r in self.rows:
            c.update(r.counts)
        return {k: c.get(k, 0) for k in OUTCOME_CODES} | {k: c[k] for k in OPTIONAL_CODES if c.get(k)}

    @property
    def case_number(self) -> str:
        """rapport.sammanställning.diarienummer in ikplan.yaml, when it is this year's (or says no year)."""
        r = self.report
        return r.case_number or "" if r.year in (None, self.year) else ""

    @property
    def officer(self) -> str:
        r = self.report
        return r.officer or "" if r.year in (None, self.year) else ""

    @property
    def not_reported_controls(self) -> int:
        return sum(r.not_reported for r in self.rows)

    @property
    def follows_plan(self) -> dict[str, int]:
        c: Counter[str] = Counter()
        for r in self.rows:
            c.update(r.status.follows_plan)
        return dict(c)

    @property
    def planned(self) -> int:
        return sum(r.planned for r in self.rows)

    @property
    def stated_boards(self) -> list[tuple[str, int, int]]:
        """(nämnd, rapporterade, totalt): what a plan's source states about the nämnder ('tio av tio
        nämnder har avrapporterat'), nämnder that need no plan file here."""
        out = []
        for r in self.rows:
            stated = r.status.stated
            if stated is not None and stated.boards is not None:
                out.append((r.board, stated.boards.reported, stated.boards.total))
        return out

    @property
    def performed(self) -> int:
        return sum(r.performed for r in self.rows)

    def as_json(self) -> dict[str, Any]:
        return {
            "kommun": self.municipality,
            "år": self.year,
            "period": self.period,
            "periodnamn": self.period_name,
            "datum": self.as_of.isoformat(),
            "diarienummer": self.case_number or None,
            "nämnder": [
                {**r.as_json(), "förra_året": self.previous[r.board].as_json() if r.board in self.previous else None}
                for r in self.rows
            ],
            "ej_rapporterat": self.not_reported,
            "bolag": [b for b in [r.board for r in self.rows] + self.missing_plan if self.kind(b) == "bolag"],
            "saknar_plan": self.missing_plan,
            "totalt": {"planerade": self.planned, "genomförda": self.performed, "counts": self.totals},
            "kommungemensamma": self.common,
            "kritiska_risker": [{"nämnd": b, **i.as_json()} for b, i in self.critical],
            "öppna_åtgärder": [{"nämnd": b, **a.as_json()} for b, a in self.open_actions],
            "återkommande_brister": [
                {
                    "nämnd": r.board,
                    "id": r.id,
                    "namn": r.label,
                    "resultat": [{"år": y, "resultat": o} for y, o in r.outcomes],
                }
                for r in self.recurring
            ],
            "överförda_åtgärder": [{"nämnd": b, **a.as_json()} for b, a in self.carried],
            "redovisat_om_nämnder": [{"enligt": b, "rapporterade": n, "totalt": t} for b, n, t in self.stated_boards],
        }


def board_row(checked: Checked, period: str, as_of: dt.date) -> BoardRow:
    """One nämnd's plan for the year, counted for the period on the day."""
    assert checked.plan is not None
    plan = checked.plan
    adopted = plan.adopted.date if plan.adopted else None
    words = checked.settings.words if checked.settings is not None else DEFAULT_WORDS
    return BoardRow(plan.board, checked.file, adopted, plan_status(checked, period, as_of), words)


def _rows(plans: list[Checked], period: str, as_of: dt.date, memo: PlanMemo | None) -> dict[str, BoardRow]:
    out: dict[str, BoardRow] = {}
    for checked in plans:
        assert checked.plan is not None
        out[checked.plan.board] = memo_get(memo, board_row, checked, period, as_of)
    return out


STATED_BRIST = "brist_enligt_underlaget"


def _stated_brister(status: PlanStatus) -> set[str]:
    """The kontrollmoment a plan's source names with a brist in the period (redovisat: brister:)."""
    stated = status.stated
    return set(stated.deficient) if stated is not None else set()


def _control_key(item: ItemStatus) -> str:
    """A kontrollmoment across years: its kommungemensamt id, else its own id."""
    return (item.control.common_id if item.control and item.control.common_id else None) or item.id


def prepare(
    memo: PlanMemo, year: int, period: str | None, given: dt.date | None, today: dt.date
) -> Callable[[Checked], None]:
    """What to work out of each plan as it comes in (load_plans' `each`) for the sammanställning of
    `year`: its follow-up of the period summed up (the one asked for, else the one that closes the year)
    on the day it is judged, and its scored risks for the heat map. These are the very calls that
    build_summary and the context make, so a guess that does not hold (the newest plan's settings close
    the year with another period) costs only time."""
    from ikplan.followup.scoring import score_plan
    from ikplan.followup.status import judged_on, year_end_period

    as_of = given if given is not None else judged_on(year, None, today)

    def each(checked: Checked) -> None:
        if checked.plan is None or checked.settings is None or checked.plan.year not in (year, year - 1):
            return
        try:
            chosen = period if period is not None else year_end_period(checked.settings, year)
            row = memo.get(board_row, checked, chosen, as_of)
        except Exception:  # the same call, made again by build_summary, reports it where it belongs
            return
        row.as_json()  # kept on the row (and the action below), for the JSON
        if checked.plan.year == year:
            memo.get(score_plan, checked)
            for action in row.open_actions:
                action.as_json()

    return each


def build_summary(
    plans: list[Checked],
    period: str,
    as_of: dt.date,
    year: int | None = None,
    boards: list[str] | None = None,
    required: list[RequiredControl] | None = None,
    municipality: str = "",
    memo: PlanMemo | None = None,
) -> Summary:
    """The sammanställning for `year` (default: the latest year among the plans). `memo`: each plan's
    figures where they were worked out ahead (see `prepare`)."""
    usable = [c for c in plans if c.plan is not None and c.settings is not None]
    years = sorted({c.plan.year for c in usable if c.plan is not None})
    if year is None:
        year = years[-1] if years else as_of.year
    this = [c for c in usable if c.plan is not None and c.plan.year == year]
    last = [c for c in usable if c.plan is not None and c.plan.year == year - 1]
    rows = _rows(this, period, as_of, memo)
    previous = _rows(last, period, as_of, memo) if last else {}
    names = list(boards or [])
    ordered = [rows[b] for b in names if b in rows] + [rows[b] for b in sorted(rows) if b not in names]
    first = ordered[0].status if ordered else None
    # The kommun's settings: of this year's first plan (every plan under one ikplan.yaml shares them)
    kommun = next((c.settings.settings.config for c in this if c.settings is not None), None)
    out = Summary(
        municipality=municipality or (first.plan.municipality or "" if first else ""),
        year=year,
        period=first.period.id if first else period,
        period_name=first.period.name if first else period,
        as_of=as_of,
        rows=ordered,
        missing_plan=[b for b in names if b not in rows],
        previous=previous,
        words=kommun.vocabulary.words if kommun is not None else DEFAULT_WORDS,
        report=kommun.report.summary if kommun is not None else SummaryReport(),
        kinds={o.name: o.kind for o in kommun.organisations} if kommun is not None else {},
        memo=memo,
    )
    for rc in required or []:
        if not rc.applies_to(year):
            continue  # not kommungemensamt in the year summed up
        common_id, name = rc.id, rc.name
        cells = {}
        items: dict[str, ItemStatus | None] = {}
        for r in ordered:
            hits = [i for i in r.status.controls if i.control and i.control.common_id == common_id]
            cells[r.board] = hits[0].outcome_code if hits else "ingår_inte"
            items[r.board] = hits[0] if hits else None
        out.common.append({"id": common_id, "namn": name, "resultat": cells})
        out.common_items.append((common_id, name, items))
    for r in ordered:
        out.critical += [(r.board, i) for i in r.status.critical_risks]
        out.critical += [(r.board, i) for i in r.status.controls if i.critical]
        for a in r.open_actions:
            out.open_actions.append((r.board, a))
            if a.action.decided_year is not None and a.action.decided_year < year:
                out.carried.append((r.board, a))
        before = previous.get(r.board)
        if before is not None:
            earlier = {_control_key(i): i for i in before.status.controls}
            stated_before = _stated_brister(before.status)
            for item in r.status.controls:
                old = earlier.get(_control_key(item))
                if old is None and has_brist(item) and _control_key(item) in stated_before:
                    # last year's source names a brist in the same kontrollmoment, without its result
                    out.recurring.append(
                        Recurring(
                            r.board,
                            item.id,
                            item.label,
                            [(year - 1, STATED_BRIST), (year, item.outcome_code)],
                            [(year - 1, "brist enligt underlaget"), (year, _shown(r.words, item))],
                        )
                    )
                if old and has_brist(item) and has_brist(old):
                    out.recurring.append(
                        Recurring(
                            r.board,
                            item.id,
                            item.label,
                            [(year - 1, old.outcome_code), (year, item.outcome_code)],
                            [(year - 1, _shown(before.words, old)), (year, _shown(r.words, item))],
                        )
                    )
    out.critical.sort(key=lambda bi: (-(bi[1].risk.score or 0), bi[0], bi[1].id))
    out.open_actions.sort(key=lambda ba: (not ba[1].overdue, ba[0], ba[1].owner or ""))
    return out
