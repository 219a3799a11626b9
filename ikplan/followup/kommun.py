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
from dataclasses import dataclass, field
from typing import Any

from ikplan.checking.validate import Checked
from ikplan.followup.status import OUTCOME_CODES, ActionState, ItemStatus, PlanStatus, plan_status
from ikplan.plan.config import RequiredControl
from ikplan.plan.types import ActionStatus

BRIST = ("mindre_anmärkning", "väsentlig_anmärkning", "ej_genomförd")


@dataclass
class BoardRow:
    """One nämnd's plan for the year, counted."""

    board: str
    file: str
    adopted: dt.date | None
    status: PlanStatus

    @property
    def counts(self) -> dict[str, int]:
        return self.status.counts

    @property
    def planned(self) -> int:
        return len(self.status.controls)

    @property
    def performed(self) -> int:
        c = self.counts
        return c["utan_anmärkning"] + c["mindre_anmärkning"] + c["väsentlig_anmärkning"]

    @property
    def reported(self) -> bool:
        return any(i.reported for i in self.status.controls + self.status.critical_risks)

    def as_json(self) -> dict[str, Any]:
        return {
            "nämnd": self.board,
            "plan": self.file,
            "antagen": self.adopted.isoformat() if self.adopted else None,
            "rapporterad": self.reported,
            "planerade": self.planned,
            "genomförda": self.performed,
            "counts": self.counts,
            "följer_plan": self.status.follows_plan,
        }


@dataclass
class Recurring:
    board: str
    id: str
    label: str
    outcomes: list[tuple[int, str]]  # (year, outcome code), oldest first


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

    @property
    def not_reported(self) -> list[str]:
        return [r.board for r in self.rows if not r.reported]

    @property
    def totals(self) -> dict[str, int]:
        c: Counter[str] = Counter()
        for r in self.rows:
            c.update(r.counts)
        return {k: c.get(k, 0) for k in OUTCOME_CODES}

    @property
    def planned(self) -> int:
        return sum(r.planned for r in self.rows)

    @property
    def performed(self) -> int:
        return sum(r.performed for r in self.rows)

    def as_json(self) -> dict[str, Any]:
        return {
            "kommun": self.municipality,
            "år": self.year,
            "period": self.period,
            "datum": self.as_of.isoformat(),
            "nämnder": [
                {**r.as_json(), "förra_året": self.previous[r.board].as_json() if r.board in self.previous else None}
                for r in self.rows
            ],
            "ej_rapporterat": self.not_reported,
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
        }


def _rows(plans: list[Checked], period: str, as_of: dt.date) -> dict[str, BoardRow]:
    out: dict[str, BoardRow] = {}
    for checked in plans:
        assert checked.plan is not None
        plan = checked.plan
        status = plan_status(checked, period, as_of)
        adopted = plan.adopted.date if plan.adopted else None
        out[plan.board] = BoardRow(plan.board, checked.file, adopted, status)
    return out


def _control_key(item: ItemStatus) -> str:
    """A kontrollmoment across years: its kommungemensamt id, else its own id."""
    return (item.control.common_id if item.control and item.control.common_id else None) or item.id


def build_summary(
    plans: list[Checked],
    period: str,
    as_of: dt.date,
    year: int | None = None,
    boards: list[str] | None = None,
    required: list[RequiredControl] | None = None,
    municipality: str = "",
) -> Summary:
    """The sammanställning for `year` (default: the latest year among the plans)."""
    usable = [c for c in plans if c.plan is not None and c.settings is not None]
    years = sorted({c.plan.year for c in usable if c.plan is not None})
    if year is None:
        year = years[-1] if years else as_of.year
    this = [c for c in usable if c.plan is not None and c.plan.year == year]
    last = [c for c in usable if c.plan is not None and c.plan.year == year - 1]
    rows = _rows(this, period, as_of)
    previous = _rows(last, period, as_of) if last else {}
    names = list(boards or [])
    ordered = [rows[b] for b in names if b in rows] + [rows[b] for b in sorted(rows) if b not in names]
    first = ordered[0].status if ordered else None
    out = Summary(
        municipality=municipality or (first.plan.municipality or "" if first else ""),
        year=year,
        period=first.period.id if first else period,
        period_name=first.period.name if first else period,
        as_of=as_of,
        rows=ordered,
        missing_plan=[b for b in names if b not in rows],
        previous=previous,
    )
    for rc in required or []:
        if not rc.applies_to(year):
            continue  # not kommungemensamt in the year summed up
        common_id, name = rc.id, rc.name
        cells = {}
        for r in ordered:
            hits = [i for i in r.status.controls if i.control and i.control.common_id == common_id]
            cells[r.board] = hits[0].outcome_code if hits else "ingår_inte"
        out.common.append({"id": common_id, "namn": name, "resultat": cells})
    for r in ordered:
        out.critical += [(r.board, i) for i in r.status.critical_risks]
        out.critical += [(r.board, i) for i in r.status.controls if i.critical]
        for a in r.status.all_actions:
            if a.action.status is not ActionStatus.DONE:
                out.open_actions.append((r.board, a))
                if a.action.decided_year is not None and a.action.decided_year < year:
                    out.carried.append((r.board, a))
        before = previous.get(r.board)
        if before is not None:
            earlier = {_control_key(i): i for i in before.status.controls}
            for item in r.status.controls:
                old = earlier.get(_control_key(item))
                if old and item.outcome_code in BRIST and old.outcome_code in BRIST:
                    out.recurring.append(
                        Recurring(
                            r.board, item.id, item.label, [(year - 1, old.outcome_code), (year, item.outcome_code)]
                        )
                    )
    out.critical.sort(key=lambda bi: (-(bi[1].risk.score or 0), bi[0], bi[1].id))
    out.open_actions.sort(key=lambda ba: (not ba[1].overdue, ba[0], ba[1].owner or ""))
    return out
