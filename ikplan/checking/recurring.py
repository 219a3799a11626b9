"""IK140 across files: a kontrollmoment with a brist in two consecutive years of a nämnd's plans.

A rule of one file cannot see last year's plan, so `validate` gathers a small record per plan
while checking (in each worker, when the files are checked in a pool) and compares them at the
end. A kontrollmoment is the same across years by its kommungemensamt id, else by its own id.
"""

from __future__ import annotations

from sys import intern
from typing import TYPE_CHECKING

from ikplan.checking.findings import Finding, Severity

if TYPE_CHECKING:
    from ikplan.checking.validate import Checked

BRIST = {"mindre_anmärkning", "väsentlig_anmärkning", "ej_genomförd"}
CODE = "IK140"
TITLE = "återkommande brist"
DOC = (
    "Samma kontrollmoment (på id eller kommungemensamt id) med anmärkning eller ej genomfört i samma "
    "period två år i rad i en nämnds planer. Varning: Kommunstyrelsen och revisorerna frågar efter "
    "återkommande brister. Kräver att båda årens planer kontrolleras i samma körning."
)
# (file, nämnd, år, [(nyckel, id, period, resultat, rad, kolumn)])
Record = tuple[str, str, int, list[tuple[str, str, str, str, int, int]]]


def record(checked: Checked) -> Record | None:
    """What IK140 needs of one checked plan (small, so it travels back from a worker cheaply)."""
    plan = checked.plan
    if plan is None:
        return None
    items = []
    for ri, risk in enumerate(plan.risks):
        for ci, control in enumerate(risk.controls):
            for period, follow_up in control.follow_up.items():
                if follow_up.outcome is None or follow_up.outcome.code not in BRIST:
                    continue
                path = ("risker", ri, "kontrollmoment", ci, "uppföljning", period, "resultat")
                line, col = checked.source.locate(path)
                # interned: a thousand plans share "K1", "delår" and the codes instead of holding copies
                key, ident = intern(control.common_id or control.id), intern(control.id)
                items.append((key, ident, intern(period), intern(follow_up.outcome.code), line, col))
    return (checked.file, plan.board, plan.year, items) if items else None


def recurring(records: list[Record]) -> list[Finding]:
    """IK140 warnings for every brist whose kontrollmoment had one the year before."""
    earlier: dict[tuple[str, int, str, str], int] = {}
    for _file, board, year, items in records:
        for key, _id, period, _code, _line, _col in items:
            earlier[(board, year, key, period)] = 1
    out = []
    for file, board, year, items in records:
        for key, ident, period, code, line, col in items:
            if (board, year - 1, key, period) in earlier:
                out.append(
                    Finding(
                        file,
                        line,
                        col,
                        CODE,
                        Severity.WARNING,
                        f"kontrollmoment {ident} har brist ({code.replace('_', ' ')}) vid {period} både "
                        f"{year - 1} och {year} för {board}: en återkommande brist",
                    )
                )
    return out


def over_years(plans: list[Checked]) -> list[Finding]:
    """IK140 and IK141 among checked plans, for `status`: what recurs, and åtgärder carried for years."""
    carried = [f for c in plans for f in c.findings if f.code == "IK141"]
    records = [r for r in (record(c) for c in plans) if r is not None]
    return sorted(recurring(records) + carried, key=lambda f: f.sort_key())
