"""The context of Kommunstyrelsen's sammanställning: numbers, tables and Swedish sentences.

One builder for every format (md, html, pdf, json's sentences), as for a nämnd's report.
Numbers are words up to twelve, as Swedish prose writes them, but one sentence never mixes
words and digits ("Av 64 planerade kontrollmoment har 8 genomförts", not "... åtta ...").
"""

from __future__ import annotations

from typing import Any

from ikplan.checking.validate import Checked
from ikplan.followup.kommun import Summary
from ikplan.followup.scoring import score_plan
from ikplan.plan.types import OUTCOME_WORDS as CANONICAL_WORDS
from ikplan.reporting.context import heat_context
from ikplan.swedish import capitalize, join, long_date, number, plural

OUTCOME_WORDS = {
    **CANONICAL_WORDS,
    "saknas": "ej rapporterad",
    "ingår_inte": "ingår inte i planen",
}


def numbers(*values: int, neuter: bool = True) -> list[str]:
    """The values as words when all are at most twelve, else all as digits."""
    if all(0 <= v <= 12 for v in values):
        return [number(v, neuter) for v in values]
    return [str(v) for v in values]


def reporting_sentences(s: Summary) -> list[str]:
    total = len(s.rows) + len(s.missing_plan)
    reported = len(s.rows) - len(s.not_reported)
    out: list[str] = []
    if total and reported == total:
        out.append(
            f"Samtliga {number(total, neuter=False)} nämnder har rapporterat uppföljningen av sin internkontrollplan "
            f"för {s.year}."
        )
    elif reported == 0 and total > 1:
        out.append(
            f"Ingen av de {numbers(total, neuter=False)[0]} nämnderna har rapporterat uppföljningen av sin "
            f"internkontrollplan för {s.year}."
        )
    elif total > 1:
        r, t = numbers(reported, total, neuter=False)
        out.append(
            f"{capitalize(r)} av {t} nämnder har rapporterat uppföljningen av sin internkontrollplan för {s.year}."
        )
    # one nämnd that has not reported: the next sentence names it
    if s.not_reported:
        out.append(f"{join(s.not_reported)} har inte rapporterat {s.period_name.lower()}suppföljningen.")
    if s.missing_plan:
        out.append(f"{join(s.missing_plan)} saknar internkontrollplan för {s.year}.")
    return out


def control_sentences(s: Summary) -> list[str]:
    c = s.totals
    if not s.planned:
        return ["Ingen nämnd har kontrollmoment i sin plan för året."]
    remarks = c["mindre_anmärkning"] + c["väsentlig_anmärkning"]
    planned, performed, without, remarked, not_done, missing = numbers(
        s.planned, s.performed, c["utan_anmärkning"], remarks, c["ej_genomförd"], c["saknas"]
    )
    done = "inget" if s.performed == 0 else performed  # "har inget genomförts", never "har noll genomförts"
    what = "planerat kontrollmoment" if s.planned == 1 else "planerade kontrollmoment"
    first = f"Av {planned} {what} har {done} genomförts"
    parts = []
    if c["utan_anmärkning"]:
        parts.append(f"{without} utan anmärkning")
    if remarks:
        parts.append(f"{remarked} med anmärkning")
    out = [first + (f", {join(parts)}." if parts else ".")]
    rest = []
    if c["ej_genomförd"]:
        rest.append(f"{not_done} kontrollmoment har inte genomförts")
    if c["saknas"]:
        rest.append(f"{missing} har inte rapporterats")
    if rest:
        out.append(capitalize(join(rest)) + ".")
    return out


def critical_sentences(s: Summary) -> list[str]:
    if not s.critical:
        return []
    n = len(s.critical)
    follows = sum(1 for _, i in s.critical if i.follows_plan_code == "ja")
    broken = [f"{b} ({i.label})" for b, i in s.critical if i.follows_plan_code == "nej"]
    total, ok = numbers(n, follows, neuter=False)
    out = [f"I kommunen finns {total} {plural(n, 'kritisk risk', 'kritiska risker')} i nämndernas planer."]
    if broken:
        out.append(f"Hanteringen följer inte planen för {join(broken)}.")
    elif follows == n:
        out.append("Samtliga kritiska risker har hanterats enligt plan." if n > 1 else "Den har hanterats enligt plan.")
    elif follows == 0:
        out.append("Uppföljningen av den saknas ännu." if n == 1 else "Ingen av dem har ännu följts upp enligt plan.")
    else:
        out.append(f"{capitalize(ok)} av dem följer planen enligt uppföljningen.")
    return out


def recurring_sentences(s: Summary) -> list[str]:
    out = []
    if s.recurring:
        n = len(s.recurring)
        items = [f"{r.label} hos {r.board}" for r in s.recurring]
        out.append(
            f"{capitalize(numbers(n, neuter=False)[0])} {plural(n, 'brist återkommer', 'brister återkommer')} "
            f"från {s.year - 1}: {join(items)}."
        )
    if s.carried:
        n = len(s.carried)
        out.append(
            f"{capitalize(numbers(n, neuter=False)[0])} {plural(n, 'åtgärd', 'åtgärder')} som beslutades ett tidigare "
            f"år {plural(n, 'är', 'är')} ännu inte {plural(n, 'genomförd', 'genomförda')}."
        )
    return out


def _heat(plans: list[Checked], s: Summary) -> dict[str, Any]:
    """One heat map when every nämnd's plan uses the same matrix; otherwise why there is none."""
    chosen = {r.file for r in s.rows}
    used = [c for c in plans if c.file in chosen and c.settings is not None]
    matrices = []
    for c in used:
        assert c.settings is not None
        if c.settings.matrix not in matrices:
            matrices.append(c.settings.matrix)
    if len(matrices) != 1:
        return {
            "shared": False,
            "note": "Nämnderna använder olika riskmatriser, så riskerna visas inte i en gemensam matris."
            if matrices
            else "",
        }
    scored = [row for c in used for row in score_plan(c)]
    return {"shared": True, "note": "", **heat_context(matrices[0], scored)}


def build_kommun_context(plans: list[Checked], s: Summary) -> dict[str, Any]:
    rows = []
    for r in s.rows:
        before = s.previous.get(r.board)
        rows.append(
            {
                "board": r.board,
                "adopted": long_date(r.adopted) if r.adopted else "",
                "planned": r.planned,
                "performed": r.performed,
                **r.counts,
                "reported": r.reported,
                "follows": r.status.follows_plan,
                "last_year": f"{before.performed} av {before.planned}" if before else "",
            }
        )
    common = [
        {
            "id": c["id"],
            "name": c["namn"],
            "cells": [{"board": b, "outcome": OUTCOME_WORDS.get(o, o)} for b, o in c["resultat"].items()],
        }
        for c in s.common
    ]
    critical = [
        {
            "board": b,
            "id": i.id,
            "risk": i.risk.title or i.risk.description if i.kind == "kontrollmoment" else i.label,
            "value": i.risk.score if i.risk.score is not None else "",
            "handling": ", ".join(h.value for h in i.risk.handling),
            "follow_up": OUTCOME_WORDS.get(i.outcome_code, "")
            if i.kind == "kontrollmoment"
            else {"ja": "följer plan", "nej": "följer inte plan", "delvis": "följer delvis plan"}.get(
                i.follows_plan_code, "ej rapporterad"
            ),
        }
        for b, i in s.critical
    ]
    actions = [
        {
            "board": b,
            "text": a.action.description,
            "responsible": a.owner or "",
            "deadline": str(a.action.deadline) if a.action.deadline else "",
            "status": a.action.status.value if a.action.status else "ej angiven",
            "overdue": a.overdue,
            "decided": a.action.decided_year or "",
        }
        for b, a in s.open_actions
    ]
    title = f"Sammanställning av nämndernas uppföljning av intern kontroll {s.year}"
    return {
        # `doc` and `plan` as in a nämnd's report, so the Word header and properties work the same way
        "doc": {"title": title, "date_iso": s.as_of.isoformat(), "case_number": "", "officer": ""},
        "plan": {"administration": s.municipality or "Kommunstyrelsen", "board": "Kommunstyrelsen", "year": s.year},
        "footer": {"text": f"Skapad med ikplan den {s.as_of.isoformat()}."},
        "common_rows": [
            {"name": c["name"], "board": cell["board"], "outcome": cell["outcome"]}
            for c in common
            for cell in c["cells"]
        ],
        "municipality": s.municipality,
        "year": s.year,
        "period": s.period_name,
        "date": long_date(s.as_of),
        "date_iso": s.as_of.isoformat(),
        "title": title,
        "sentences": {
            "reporting": reporting_sentences(s),
            "controls": control_sentences(s),
            "critical": critical_sentences(s),
            "recurring": recurring_sentences(s),
        },
        "rows": rows,
        "has_last_year": bool(s.previous),
        "common": common,
        "boards": [r.board for r in s.rows],
        "critical": critical,
        "open_actions": actions,
        "recurring": [
            {
                "board": r.board,
                "id": r.id,
                "label": r.label,
                "outcomes": ", ".join(f"{y}: {OUTCOME_WORDS.get(o, o)}" for y, o in r.outcomes),
            }
            for r in s.recurring
        ],
        "heat": _heat(plans, s),
    }
