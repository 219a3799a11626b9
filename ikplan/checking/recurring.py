"""IK140 across files: a kontrollmoment with a brist in two consecutive years of a nämnd's plans.

A rule of one file cannot see last year's plan, so `validate` gathers a small record per plan
while checking (in each worker, when the files are checked in a pool) and compares them at the
end. A kontrollmoment is the same across years by its kommungemensamt id, else by its own id.
"""

from __future__ import annotations

from sys import intern
from typing import TYPE_CHECKING

from ikplan.checking.findings import Finding, Severity
from ikplan.plan.vocabulary import DEFAULT_WORDS, is_deficiency

if TYPE_CHECKING:
    from ikplan.checking.validate import Checked

CODE = "IK140"
TITLE = "återkommande brist"
DOC = (
    "Samma kontrollmoment (på id eller kommungemensamt id) med en brist (anmärkning, ej genomfört eller "
    "utfört med avvikelse) två år i rad i en nämnds planer, i vilken period som helst: en brist vid delåret "
    "ena året och vid helåret eller en tertial nästa år återkommer lika mycket. Varning: Kommunstyrelsen och "
    "revisorerna frågar efter återkommande brister. Kräver att båda årens planer kontrolleras i samma körning. "
    "Ett år som är överfört från ett dokument utan enskilda kontrollmoment räknas med när planen anger "
    "bristerna under `redovisat: {period: {brister: [id]}}`."
)
# (file, nämnd, år, [(nyckel, id, vad: "Ej godkänd vid tertial 1", rad, kolumn)])
Record = tuple[str, str, int, list[tuple[str, str, str, int, int]]]


def record(checked: Checked) -> Record | None:
    """What IK140 needs of one checked plan (small, so it travels back from a worker cheaply)."""
    plan, settings = checked.plan, checked.settings
    if plan is None:
        return None
    words = settings.words if settings is not None else DEFAULT_WORDS
    items = []
    # what a brist is called, by (period, result, written word): a plan repeats a few of them many times
    said: dict[tuple[str, object, str | None], str] = {}
    locate = checked.source.locate
    for ri, risk in enumerate(plan.risks):
        for ci, control in enumerate(risk.controls):
            for period, follow_up in control.follow_up.items():
                if not is_deficiency(follow_up.outcome):
                    continue
                line, col = locate(("risker", ri, "kontrollmoment", ci, "uppföljning", period, "resultat"))
                spoken = (period, follow_up.outcome, follow_up.outcome_written)
                what = said.get(spoken)
                if what is None:
                    found = settings.period(period) if settings is not None else None
                    when = found.name.lower() if found is not None else period
                    # interned: a thousand plans share the words instead of holding copies
                    what = intern(f"{words.outcome_word(follow_up.outcome, follow_up.outcome_written)} vid {when}")
                    said[spoken] = what
                key, ident = intern(control.common_id or control.id), intern(control.id)
                items.append((key, ident, what, line, col))
    # A year transcribed from a source that names its brister without items (redovisat: brister:)
    for period, stated in plan.stated.items():
        found = settings.period(period) if settings is not None else None
        when = found.name.lower() if found is not None else period
        for bi, ident in enumerate(stated.deficient):
            line, col = checked.source.locate(("redovisat", period, "brister", bi))
            items.append((intern(ident), intern(ident), intern(f"brist enligt underlaget vid {when}"), line, col))
    return (checked.file, board_key(plan.board), plan.year, items) if items else None


def board_key(name: str) -> str:
    """A nämnd's name as the years are matched on: NFC, case and spacing aside."""
    import unicodedata

    return " ".join(unicodedata.normalize("NFC", name).split())


def recurring(records: list[Record]) -> list[Finding]:
    """IK140 warnings, one per kontrollmoment and year, for a brist whose kontrollmoment had one in any
    period the year before."""
    earlier: dict[tuple[str, int, str], str] = {}
    for _file, board, year, items in records:
        for key, _id, what, _line, _col in items:
            earlier.setdefault((board, year, key), what)
    out = []
    for file, board, year, items in records:
        said: set[str] = set()
        for key, ident, what, line, col in items:
            before = earlier.get((board, year - 1, key))
            if before is None or key in said:
                continue
            said.add(key)
            out.append(
                Finding(
                    file,
                    line,
                    col,
                    CODE,
                    Severity.WARNING,
                    f"kontrollmoment {ident} har en brist {year} ({what}) och hade det {year - 1} också "
                    f"({before}) för {board}: en återkommande brist",
                )
            )
    return out


def over_years(plans: list[Checked]) -> list[Finding]:
    """IK140 and IK141 among checked plans, for `status`: what recurs, and åtgärder carried for years."""
    carried = [f for c in plans for f in c.findings if f.code == "IK141"]
    records = [r for r in (record(c) for c in plans) if r is not None]
    return sorted(recurring(records) + carried, key=lambda f: f.sort_key())
