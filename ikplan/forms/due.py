"""`ikplan due`: what falls due per ansvarig, from the plans and the kommun's periods.

* a kontrollmoment on the dates of its `tidpunkt` when ikplan reads them ("mars, juni, september",
  "senast juni", "tertial 2": in the plan's year, as status reads a slutdatum), else at the end of each
  period it is not yet reported for;
* an open åtgärd on its slutdatum;
* the report of each period to the nämnd, `granskning: rapport_inom_dagar` after the period's end
  (60 days by default), for the plan's handläggare, until the plan holds the report's texts with a date.

A deadline is in the list while it is open: what is reported, done or decided is never reminded of.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from ikplan.checking.validate import Checked
from ikplan.followup.status import plan_status
from ikplan.forms.owners import item_owner, name_of
from ikplan.plan.config import Period
from ikplan.plan.vocabulary import is_done
from ikplan.swedish import capitalize
from ikplan.text import shorten

KINDS = ("kontrollmoment", "åtgärd", "rapport")


@dataclass
class Due:
    person: str | None
    date: dt.date
    kind: str  # one of KINDS
    summary: str  # in the kommun's words: 'Tertial 2: rapportera granskning 1 (utbetalningar)'
    detail: str
    key: tuple[str, ...]  # what it is, never when: the calendar's UID comes from it
    plan: str
    board: str
    year: int
    ident: str
    overdue: bool = False
    text: str = ""  # an åtgärd's beskrivning, to know it again in the nämnd's next plan (in_force)

    def as_json(self) -> dict[str, Any]:
        return {
            "datum": self.date.isoformat(),
            "typ": self.kind,
            "id": self.ident,
            "ansvarig": self.person,
            "rubrik": self.summary,
            "beskrivning": self.detail,
            "plan": self.plan,
            "nämnd": self.board,
            "år": self.year,
            "försenad": self.overdue,
        }


_SPLIT = re.compile(r"\s*(?:,|;|\boch\b|\bsamt\b)\s*")


def timing_dates(text: str | None, year: int) -> list[dt.date]:
    """The dates a tidpunkt names in the plan's year ('mars, juni och december', 'senast juni'), or []
    when any part is not a date phrase ikplan reads (then the period's end is the deadline)."""
    from ikplan.plan.types import parse_deadline

    if not text:
        return []
    out: list[dt.date] = []
    for part in (p for p in _SPLIT.split(text.strip()) if p):
        try:
            deadline = parse_deadline(part).in_year(year)
        except (ValueError, OverflowError):
            return []
        if deadline.date is None:  # 'löpande'
            return []
        out.append(deadline.date)
    return sorted(set(out))


def _period_of(day: dt.date, periods: list[Period], year: int) -> Period | None:
    for p in periods:
        if day <= p.end_in(year):
            return p
    return None


def deadlines(checked: Checked, as_of: dt.date) -> list[Due]:
    """Every open deadline of the plan's year, each with its ansvarig."""
    assert checked.plan is not None and checked.settings is not None
    plan, settings = checked.plan, checked.settings
    words = settings.words
    periods = settings.periods
    ident = (plan.municipality or "", plan.board, str(plan.year))
    out: list[Due] = []
    for period in periods:
        status = plan_status(checked, period.id, as_of)
        end = period.end_in(plan.year)
        for item in status.controls + status.critical_risks + status.other_risks:
            if item.reported:
                continue
            owner = item_owner(item, status)
            label = item.control.label if item.control is not None else f"risk {item.risk.id}"
            dates = timing_dates(item.control.timing if item.control else None, plan.year)
            mine = [d for d in dates if _period_of(d, periods, plan.year) is period]
            if dates and not mine:
                continue  # done at another time of the year
            what = item.control.method if item.control is not None else None
            detail = f"{plan.board} {plan.year}, {period.name}: {capitalize(label)}."
            if isinstance(what, str) and what:
                detail += f" Kontrollmetod: {shorten(what, 300)}"
            for n, day in enumerate(mine or [end]):
                verb = "genomför" if mine else "rapportera"
                out.append(
                    Due(
                        owner,
                        day,
                        "kontrollmoment",
                        f"{period.name}: {verb} {label}",
                        detail,
                        (*ident, "kontrollmoment", item.risk.id, item.id, period.id, str(n)),
                        ident=item.id,
                        plan=checked.file,
                        board=plan.board,
                        year=plan.year,
                    )
                )
        within = settings.settings.config.audit.report_within_days
        report = plan.reports.get(period.id)
        if report is None or report.date is None:
            out.append(
                Due(
                    name_of(plan.officer),
                    end + dt.timedelta(days=within),
                    "rapport",
                    f"Uppföljning {period.name.lower()} till {plan.board}",
                    f"{plan.board} {plan.year}: uppföljningen per {end.isoformat()} rapporteras till nämnden "
                    f"(ikplan report {checked.file} --period {period.id}).",
                    (*ident, "rapport", period.id),
                    ident=period.id,
                    plan=checked.file,
                    board=plan.board,
                    year=plan.year,
                )
            )
    for placed in plan.iter_actions():
        a = placed.action
        if is_done(a.status) or a.deadline is None or a.deadline.date is None:
            continue
        state = words.status_word(a.status, a.status_written) if a.status else "ingen status"
        number = a.id if a.id is not None else f"#{placed.path[-1]}"
        out.append(
            Due(
                name_of(placed.owner),
                a.deadline.date,
                "åtgärd",
                f"Slutdatum för {words.action.singular}: {shorten(a.description, 80)} ({state})",
                f"{plan.board} {plan.year}: {a.description} Gäller {placed.subject}. Status: {state}. "
                f"Slutdatum: {a.deadline}.",
                (
                    *ident,
                    "åtgärd",
                    placed.risk.id,
                    placed.control.id if placed.control else "",
                    placed.period or "",
                    number,
                ),
                ident=str(a.id or ""),
                plan=checked.file,
                board=plan.board,
                year=plan.year,
                text=a.description,
            )
        )
    for d in out:
        d.overdue = d.date < as_of
    out.sort(key=lambda d: (d.date, d.kind, d.plan, d.ident))
    return out


def in_force(items: list[Due], plans: list[Checked], as_of: dt.date) -> list[Due]:
    """`items` without the past of the plans a nämnd's newer plan has replaced.

    A kommun keeps every year's plans (plans/2024, plans/2025, …) and `due` reads them all. A plan is
    replaced once the year of the nämnd's newer plan has begun. What a replaced plan still asks for is
    what is left of its year's reporting: the helår follow-up and the report to the nämnd, due after the
    year has ended, until the kommun's time for reporting (granskning: rapport_inom_dagar, 60 days) has
    passed. What fell due during its year is history, which status and granskning show; and an open
    åtgärd the newer plan holds too (rollover carries it, with its beskrivning) is reminded of from the
    newer plan only."""
    newest: dict[tuple[str, str], Checked] = {}  # each nämnd's plan in force: the newest whose year has begun
    for checked in plans:
        assert checked.plan is not None
        key = (checked.plan.municipality or "", checked.plan.board)
        if checked.plan.year > as_of.year:
            continue  # next year's plan, adopted in advance, replaces nothing yet
        if key not in newest or checked.plan.year > newest[key].plan.year:  # type: ignore[union-attr]
            newest[key] = checked
    carried: dict[tuple[str, str], set[str]] = {}
    for key, checked in newest.items():
        assert checked.plan is not None
        carried[key] = {p.action.description for p in checked.plan.iter_actions()}
    by_file = {c.file: c for c in plans}
    out = []
    for d in items:
        key = (d.key[0], d.board)
        current = newest.get(key)
        if current is None or current.plan is None or d.year >= current.plan.year:
            out.append(d)
            continue
        if d.kind == "åtgärd" and d.text in carried[key]:
            continue
        settings = by_file[d.plan].settings
        window = settings.settings.config.audit.report_within_days if settings is not None else 60
        if d.date + dt.timedelta(days=window) >= as_of and d.date >= dt.date(d.year, 12, 31):
            out.append(d)
    return out


def within(items: list[Due], as_of: dt.date, days: int) -> list[Due]:
    """What falls due from today to `days` ahead, and what is already late."""
    last = as_of + dt.timedelta(days=days)
    return [d for d in items if d.date <= last]


def by_person(items: list[Due]) -> dict[str, list[Due]]:
    """Per ansvarig, by name; what has none under ''."""
    out: dict[str, list[Due]] = {}
    for d in items:
        out.setdefault(d.person or "", []).append(d)
    return dict(sorted(out.items(), key=lambda kv: (kv[0] == "", kv[0].lower())))


def _line(d: Due, several: bool) -> str:
    late = " (försenad)" if d.overdue else ""
    where = f" [{d.board} {d.year}]" if several else ""
    return f"{d.date.isoformat()}  {d.summary}{where}{late}"


def due_text(items: list[Due], as_of: dt.date, days: int) -> str:
    from ikplan.text import visible

    last = as_of + dt.timedelta(days=days)
    if not items:
        return f"Inget förfaller till och med {last.isoformat()} (inom {days} dagar från {as_of.isoformat()}).\n"
    several = len({(d.board, d.year) for d in items}) > 1
    lines = [f"Förfaller till och med {last.isoformat()} (inom {days} dagar från {as_of.isoformat()}):", ""]
    for person, dues in by_person(items).items():
        lines.append(person or "(utan ansvarig)")
        from ikplan.text import wrapped

        lines += [part for d in dues for part in wrapped(f"  {_line(d, several)}", hang="    ")]
        lines.append("")
    return visible("\n".join(lines))


def due_markdown(items: list[Due], as_of: dt.date, days: int) -> str:
    """One section per ansvarig, to paste into an e-mail or an issue."""
    from ikplan.reporting.markdown import cell

    last = as_of + dt.timedelta(days=days)
    out = [f"# Att göra till och med {last.isoformat()}", ""]
    if not items:
        return "\n".join([*out, f"Inget förfaller inom {days} dagar från {as_of.isoformat()}.", ""])
    several = len({(d.board, d.year) for d in items}) > 1
    for person, dues in by_person(items).items():
        out += [f"## {cell(person or 'Utan ansvarig')}", ""]
        for d in dues:
            late = " _(försenad)_" if d.overdue else ""
            where = f" ({cell(d.board)} {d.year})" if several else ""
            out.append(f"- **{d.date.isoformat()}** {cell(d.summary)}{where}{late}")
        out.append("")
    return "\n".join(out)


def due_json(items: list[Due], as_of: dt.date, days: int) -> str:
    from ikplan import jsontext

    data = {
        "datum": as_of.isoformat(),
        "till_och_med": (as_of + dt.timedelta(days=days)).isoformat(),
        "per_ansvarig": [
            {"ansvarig": person or None, "förfaller": [d.as_json() for d in dues]}
            for person, dues in by_person(items).items()
        ],
    }
    return jsontext.dumps(data) + "\n"
