"""One context builder for every report format (Markdown, HTML, Word).

Everything a template shows is computed here, as plain dicts, lists and strings,
so the numbers and Swedish sentences cannot differ between formats.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from typing import Any

from ikplan import __version__
from ikplan.checking.rules import NOT_STATED
from ikplan.checking.validate import Checked
from ikplan.followup.scoring import ScoredRisk, heat_map, score_plan, score_risk
from ikplan.followup.status import (
    UNKNOWN_RESULT,
    ActionState,
    ItemStatus,
    PlanStatus,
    judged_on,
    plan_status,
    resolve_period,
)
from ikplan.plan.config import FieldDef, RiskMatrix, colour_hex
from ikplan.plan.model import Action, FollowUp, Plan, ReportTexts
from ikplan.plan.vocabulary import Handling, Words
from ikplan.reporting.followup_text import (
    FOLLOWS_PLAN_PHRASES,
    Term,
    action_sentence,
    conclusion,
    control_label,
    critical_sentences,
    empty_area_sentences,
    followup_sentences,
    item_label,
    outcome_sentences,
    shown_outcome,
    shown_status,
    stated_sentences,
    subject_label,
    verdict_sentences,
    verdict_word,
)
from ikplan.reporting.markdown import colour_emoji
from ikplan.swedish import capitalize, in_digits, long_date, number

_LIST_ITEM = re.compile(r"^\s*(?:[-*•]|(\d+)[.)])\s+")

Block = dict[str, Any]


def blocks(text: str | list[str] | None) -> list[Block]:
    """Text as paragraphs and lists: {'kind': 'p', 'text'} or {'kind': 'ul'|'ol', 'items'}.

    A list of strings (kontrollmetod as steps) is a numbered list.
    """
    if text is None:
        return []
    if isinstance(text, list):
        return [{"kind": "ol", "items": [" ".join(t.split()) for t in text], "text": ""}]
    out: list[Block] = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        lines = [ln for ln in chunk.splitlines() if ln.strip()]
        if not lines:
            continue
        matches = [_LIST_ITEM.match(ln) for ln in lines]
        if all(matches):
            kind = "ol" if matches[0] and matches[0].group(1) else "ul"
            items = [" ".join(_LIST_ITEM.sub("", ln, count=1).split()) for ln in lines]
            out.append({"kind": kind, "items": items, "text": ""})
        else:
            out.append({"kind": "p", "text": " ".join(chunk.split()), "items": []})
    return out


def paragraphs(bs: list[Block]) -> list[str]:
    """Blocks flattened to one string per paragraph (list items prefixed), for Word."""
    out: list[str] = []
    for b in bs:
        if b["kind"] == "p":
            out.append(b["text"])
        else:
            for i, item in enumerate(b["items"], start=1):
                out.append(f"{i}. {item}" if b["kind"] == "ol" else f"• {item}")
    return out


def _git_commit(path: str) -> str | None:
    """The commit the plan file is reported from, and whether the file differs from it.

    One git call gives both: `status --porcelain=v2 --branch` prints the commit ('# branch.oid')
    and a line for the file when it is changed or not yet committed.
    """
    import subprocess  # here: the sammanställning imports this module and never asks git

    folder = os.path.dirname(os.path.abspath(path))
    try:
        out = subprocess.run(
            ["git", "status", "--porcelain=v2", "--branch", "--untracked-files=normal", "--", os.path.abspath(path)],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=5,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if out.returncode != 0:
        return None
    lines = out.stdout.splitlines()
    oid = next((ln.split()[2] for ln in lines if ln.startswith("# branch.oid ") and len(ln.split()) > 2), "")
    if not oid or oid == "(initial)":
        return None
    dirty = any(ln and not ln.startswith("#") for ln in lines)
    return oid[:7] + (" med lokala ändringar" if dirty else "")


def _action_row(
    state: ActionState,
    words: Words,
    public: bool,
    period: str = "",
    names: dict[str, str] | None = None,
    missing: str = "",
) -> dict[str, Any]:
    """One åtgärd as the reports show it: its status in the kommun's word, whether it is försenad, and
    (when an earlier period decided it) which period. `line` is the whole of it for one table cell."""
    a = state.action
    origin = state.period if state.period and state.period != period else ""
    origin_name = (names or {}).get(origin, capitalize(origin)) if origin else ""
    status = shown_status(state, words)
    text = "" if (public and a.secret) else a.description
    deadline = str(a.deadline) if a.deadline else missing
    notes = [status, "försenad" if state.overdue else "", f"beslutad {origin_name.lower()}" if origin else ""]
    line = text + (f" (slutdatum: {deadline})" if deadline else "")
    if any(notes):
        line += ", " + ", ".join(n for n in notes if n)
    return {
        "id": a.id,
        "text": text,
        "secret": a.secret,
        "responsible": a.responsible or state.owner or "",
        "deadline": deadline,
        "status": status,
        "decided_year": a.decided_year,
        "subject": subject_label(state, words),
        "overdue": state.overdue,
        "origin": origin_name,
        "line": line,
    }


def _control_row(
    item: ItemStatus, words: Words, public: bool, names: dict[str, str], value_name: str, missing: str = ""
) -> dict[str, Any]:
    """One kontrollmoment's row; `missing` ('uppgift saknas i underlaget') stands in a field a plan's
    source does not give."""
    c = item.control
    assert c is not None
    f = item.follow_up
    # The period's own åtgärder, and those of earlier periods that are past their slutdatum and not done
    # (`names` holds the periods in the kommun's order).
    order = list(names)
    here = order.index(item.period) if item.period in order else len(order)
    acts = [
        a
        for a in item.actions
        if a.period == item.period or (a.overdue and a.period in order and order.index(a.period) < here)
    ]
    actions = [
        _action_row(a, words, public, item.period, names, missing) for a in acts if not (public and a.action.secret)
    ]
    return {
        "number": c.number if c.number is not None else c.id,
        "id": c.id,
        "label": item_label(item, words),
        "mandatory": c.mandatory,
        "risk": blocks(item.risk.description),
        "risk_mandatory": item.risk.mandatory,
        "critical": item.critical,
        "critical_note": f"Kritisk risk ({value_name} {item.risk.score})" if item.critical else "",
        "control": blocks(c.description),
        "method": blocks(c.method) or blocks(missing or None),
        "responsible": c.responsible or missing,
        "outcome": shown_outcome(item, words) or _no_outcome(item),
        "outcome_code": item.outcome_code,
        "result": _comment(f, public),
        "actions": actions,
        "actions_with_deadlines": [{"kind": "p", "text": a["line"], "items": []} for a in actions],
    }


def _no_outcome(item: ItemStatus) -> str:
    if item.outcome_code == UNKNOWN_RESULT:
        return "rapporterat, resultat okänt"
    return FOLLOWS_PLAN_PHRASES.get(item.follows_plan_code, "ej rapporterat")


SECRET_NOTE = "Uppgiften omfattas av sekretess och är utelämnad i den offentliga versionen."


def _comment(f: FollowUp | None, public: bool) -> list[Block]:
    if f is None:
        return []
    if public and f.secret:
        return blocks(SECRET_NOTE)
    return blocks(f.comment)


def _has_secret(plan: Plan, texts: ReportTexts) -> bool:
    follow_ups = [f for r in plan.risks for f in r.follow_up.values()]
    follow_ups += [f for r in plan.risks for c in r.controls for f in c.follow_up.values()]
    deviations = [d for r in plan.risks for c in r.controls for d in c.deviations]
    return (
        bool(texts.secret)
        or any(f.secret for f in follow_ups)
        or any(p.action.secret for p in plan.iter_actions())
        or any(d.secret for d in deviations)
    )


def _texts(plan: Plan, period_id: str | None) -> ReportTexts:
    if period_id is not None and period_id in plan.reports:
        return plan.reports[period_id]
    return ReportTexts()


def _heat(checked: Checked) -> dict[str, Any]:
    assert checked.settings is not None
    return heat_context(checked.settings.matrix, score_plan(checked), checked.settings.words.risk_value)


def _words(words: Words) -> dict[str, str]:
    """The kommun's nouns for the templates' headings and text: kontrollmoment, åtgärd, riskvärde."""
    return {
        "control": words.control.singular,
        "controls": words.control.plural,
        "Control": capitalize(words.control.singular),
        "Controls": capitalize(words.control.plural),
        "action": words.action.singular,
        "actions": words.action.plural,
        "Action": capitalize(words.action.singular),
        "Actions": capitalize(words.action.plural),
        "risk_value": words.risk_value,
        "Risk_value": capitalize(words.risk_value),
        "Mandatory_control": f"Obligatorisk{'t' if Term.of(words.control).neuter else ''} {words.control.singular}",
    }


def heat_context(matrix: RiskMatrix, scored: list[ScoredRisk], value_name: str = "riskvärde") -> dict[str, Any]:
    """The heat map of some scored risks on one matrix, for the templates."""
    heat = heat_map(matrix, scored)
    return {
        "likelihood_name": matrix.likelihood.name,
        "consequence_name": matrix.consequence.name,
        "consequence_levels": [
            {"value": lv.value, "name": lv.name, "definition": lv.definition or ""} for lv in matrix.consequence.levels
        ],
        "likelihood_levels": [
            {"value": lv.value, "name": lv.name, "definition": lv.definition or ""} for lv in matrix.likelihood.levels
        ],
        "rows": [
            {
                "likelihood": row[0].likelihood,
                "label": matrix.label("likelihood", row[0].likelihood) or "",
                "cells": [
                    {
                        "value": c.value,
                        "band": c.band or "",
                        "colour": c.colour,
                        "bg": c.colour.lstrip("#").upper(),
                        "emoji": colour_emoji(c.colour),
                        "ids": ", ".join(c.ids),
                        "count": len(c.ids),
                        "critical": c.critical,
                    }
                    for c in row
                ],
            }
            for row in heat.rows
        ],
        "bands": [
            {
                "name": b.name,
                "low": b.low,
                "high": b.high,
                "colour": colour_hex(b.colour),
                "bg": colour_hex(b.colour).lstrip("#").upper(),
                "emoji": colour_emoji(colour_hex(b.colour)),
            }
            for b in matrix.bands
        ],
        "critical_from": matrix.critical_from,
        "value_name": value_name,
        "placed": sum(len(c.ids) for row in heat.rows for c in row),
        "value_only": [{"id": s.id, "value": s.value} for s in heat.value_only],
    }


def build_context(
    checked: Checked, period: str, *, day: dt.date, public: bool = False, judge_on: dt.date | None = None
) -> dict[str, Any]:
    """The context of a report: `period` is a follow-up period (delår, helår, …) or 'plan'; `judge_on`,
    the day asked for (--datum), on which åtgärder are late."""
    assert checked.plan is not None and checked.settings is not None
    plan = checked.plan
    is_plan = period == "plan"
    period_id = "plan" if is_plan else resolve_period(checked.settings, period).id
    texts = _texts(plan, period_id)
    doc_date = texts.date or day
    # A document says what was late on its own date: the date its texts give, else the day asked for
    # but never after the plan's year (as status judges it), not whatever day it is rendered again.
    judged = judge_on or texts.date or judged_on(plan.year, None, day)
    status: PlanStatus | None = None if is_plan else plan_status(checked, period, judged)
    secret_omitted = public and _has_secret(plan, texts)
    words = checked.settings.words
    bolag = checked.settings.settings.config.kind_of(plan.board) == "bolag"

    ctx: dict[str, Any] = {
        "kind": "plan" if is_plan else "uppföljning",
        "words": _words(words),
        "plan": {
            "municipality": plan.municipality or "",
            "board": plan.board,
            # a bolag's name and an acronym ("AB Stockholmshem") keep their capitals mid-sentence
            "board_lower": plan.board
            if bolag or not (plan.board[1:2].islower() or plan.board[1:2] in (" ", ""))
            else plan.board[:1].lower() + plan.board[1:],
            "administration": plan.administration or "",
            "year": plan.year,
            "title": plan.display_title,
            "case_number": plan.case_number or "",
            "adopted": _adopted(plan),
            "officer": plan.officer or "",
            "risk_count": plan.risk_count if plan.risk_count is not None else len(plan.risks),
        },
        "doc": {
            "date": long_date(doc_date),
            "date_iso": doc_date.isoformat(),
            "case_number": texts.case_number or plan.case_number or "",
            "officer": texts.officer or plan.officer or "",
            "public": public,
            "secret_omitted": secret_omitted,
        },
        "heat": _heat(checked),
        "source": _source(plan),
        "areas_without_risks": [plan.area_label(a.id) for a in plan.areas_without_risks()],
        "footer": _footer(checked.file, day, checked.settings.settings.config.report.footer),
    }
    ctx["doc"]["head"] = [
        {"label": label, "value": value}
        for label, value in (
            ("Datum", ctx["doc"]["date_iso"]),
            ("Diarienummer", ctx["doc"]["case_number"]),
            ("Handläggare", ctx["doc"]["officer"]),
        )
        if value
    ]
    if is_plan:
        ctx["doc"]["title"] = texts.title or plan.display_title
        ctx["decision"] = _plan_decision(plan, texts, ctx["plan"]["board_lower"])
        ctx["risks"] = _plan_risks(checked, public)
        ctx["gross"] = _gross_list(checked)
        ctx["scale"] = _result_scale(checked)
        levels = checked.settings.settings.config.area_levels
        ctx["area_heading"] = " › ".join(capitalize(level) for level in levels) if levels else "Område"
        shown = [f for f in checked.settings.settings.config.fields if f.shown]
        ctx["plan"]["fields"] = _own_fields(shown, "plan", plan.fields)
        ctx["areas"] = [
            {
                "id": a.id,
                "name": plan.area_label(a.id),
                "description": blocks(a.description),
                "objective": a.control_objective or "",
                "goals": a.goals,
                "fields": _own_fields(shown, "område", a.fields),
            }
            for a in plan.areas
        ]
        ctx["areas_described"] = [a for a in ctx["areas"] if a["description"] or a["fields"] or a["objective"]]
        return ctx
    assert status is not None
    period_name = status.period.name
    ctx["period"] = {
        "id": status.period.id,
        "name": period_name,
        "name_lower": period_name.lower(),
        "is_full_year": status.period.until == "12-31",
    }
    ctx["doc"]["title"] = (
        texts.title
        or f"{'Årsrapportering' if status.period.until == '12-31' else 'Delrapportering'} internkontrollplan {plan.year}"
    )
    ctx["doc"]["appendix_title"] = appendix_title(texts) or (
        f"Uppföljning {period_name.lower()} av internkontrollplan {plan.year} för {ctx['plan']['board_lower']}"
    )
    matrix = checked.settings.matrix
    risk_follow_ups = _risk_follow_ups(status, words, public)
    outcome = (
        outcome_sentences(status, words)
        + stated_sentences(status, words)
        + verdict_sentences(status)
        + followup_sentences(status, words, public)
        + _risk_follow_up_sentences(risk_follow_ups)
        + empty_area_sentences(status)
    )
    critical = critical_sentences(status, words, matrix)
    concl = conclusion(status, matrix)
    ctx["summary"] = {
        "outcome": outcome,
        "critical": critical,
        "conclusion": concl or "",
        "all": outcome + critical + ([concl] if concl else []),
        "outcome_text": " ".join(outcome),
        "critical_text": " ".join(critical + ([concl] if concl else [])),
        "counts": status.counts,
        "follows_plan": status.follows_plan,
    }
    ctx["proposals"] = texts.proposals or [
        f"godkänna uppföljningen av internkontrollplan för {plan.year} per {period_name.lower()} samt",
        "lägga ärendet till handlingarna.",
    ]
    # a kommunalt bolag decides through its styrelse (aktiebolagslagen), as its own documents say
    ctx["decides"] = f"Styrelsen för {plan.board} beslutar" if bolag else f"{plan.board} beslutar"
    ctx["background"] = blocks(texts.background)
    ctx["matter"] = place_computed(
        blocks(texts.matter),
        {OUTCOME_MARK: outcome, CRITICAL_MARK: critical, CONCLUSION_MARK: [concl] if concl else []},
    )
    ctx["preparation"] = blocks(
        texts.preparation or f"Ärendet har beretts av {(plan.administration or 'förvaltningen').lower()}."
    )
    ctx["presentation"] = blocks(texts.presentation)
    ctx["economy"] = blocks(texts.economy or "Inte aktuellt med föreliggande förslag till beslut.")
    ctx["work"] = blocks(texts.work)
    ctx["signatory"] = {"name": texts.signatory.name, "title": texts.signatory.title or ""} if texts.signatory else None
    ctx["secret_notes"] = [] if public else list(texts.secret)
    names = {p.id: p.name for p in checked.settings.periods}
    areas = _areas(status, words, public, names)
    ctx["areas"] = areas
    ctx["has_controls"] = any(a["rows"] for a in areas)
    assert checked.settings is not None
    ctx["one_table"] = checked.settings.settings.config.report.one_table
    ctx["critical_risks"] = [_critical_row(i, words, public, names) for i in status.critical_risks]
    ctx["risk_follow_ups"] = risk_follow_ups
    scale = {v.word.casefold(): v for v in plan.verdict_scale}
    ctx["verdicts"] = [
        {
            "area": plan.area_label(area_id),
            "word": verdict_word(plan, word),
            "meaning": (scale[word.casefold()].meaning or "") if word.casefold() in scale else "",
        }
        for area_id, word in status.verdicts.items()
    ]
    ctx["open_actions"] = _open_actions(status, words, public, names) if status.period.until == "12-31" else []
    ctx["deviations"] = [
        {
            "date": long_date(d.date) if d.date else "",
            "control": item_label(item, words),
            "text": SECRET_NOTE if public and d.secret else d.description,
            "handled": "" if public and d.secret else d.handled or "",
        }
        for item in status.controls
        if item.control is not None
        for d in item.control.deviations
    ]
    # A follow-up of critical risks only (as the KS seed) is one document: its table stands in
    # Ärendet, where the text says "i tabellen nedan"; otherwise the tables form Bilaga 1.
    ctx["appendix"] = bool(
        ctx["has_controls"] or ctx["work"] or ctx["open_actions"] or ctx["deviations"] or ctx["risk_follow_ups"]
    )
    ctx["documents"] = texts.documents or [
        f"Tjänsteskrivelse daterad den {long_date(doc_date)}.",
        *([f"Bilaga 1. {ctx['doc']['appendix_title']}, daterad den {long_date(doc_date)}."] if ctx["appendix"] else []),
    ]
    ctx["open_actions_sentence"] = (
        action_sentence(words, [a.pop("status_obj") for a in ctx["open_actions"]]) if ctx["open_actions"] else ""
    )
    return ctx


OUTCOME_MARK = "[resultat]"
CRITICAL_MARK = "[kritiska risker]"
CONCLUSION_MARK = "[slutsats]"
_APPENDIX_ITEM = re.compile(r"^Bilaga 1\.?\s+(?P<title>.+?)(?:,\s*daterad\b.*)?\.?$", re.IGNORECASE)


def appendix_title(texts: ReportTexts) -> str | None:
    """The Bilaga's title as the plan names it: `bilaga_rubrik`, else its line in `beslutsunderlag`.

    One source, so the Bilaga's heading and the decision text that names it always agree.
    """
    if texts.appendix_title:
        return texts.appendix_title
    for item in texts.documents or []:
        m = _APPENDIX_ITEM.match(" ".join(item.split()))
        if m:
            return m.group("title")
    return None


def place_computed(text: list[Block], computed: dict[str, list[str]]) -> list[Block]:
    """The förvaltning's paragraphs with the computed ones where a marker paragraph stands.

    A paragraph that is exactly `[resultat]`, `[kritiska risker]` or `[slutsats]` is replaced by those
    sentences, so a förvaltning's own sentence can stand before or after them; without a
    marker they follow the text.
    """
    out: list[Block] = []
    placed: set[str] = set()
    for block in text:
        mark = block["text"].strip().lower() if block["kind"] == "p" else ""
        if mark in computed:
            placed.add(mark)
            if computed[mark]:
                out.append({"kind": "p", "text": " ".join(computed[mark]), "items": []})
            continue
        out.append(block)
    for mark, sentences in computed.items():
        if mark not in placed and sentences:
            out.append({"kind": "p", "text": " ".join(sentences), "items": []})
    return out


def _plan_decision(plan: Plan, texts: ReportTexts, board_lower: str) -> dict[str, Any] | None:
    """The beslutsunderlag around the plan (rapporter: plan:), or None when the plan gives no texts."""
    if plan.reports.get("plan") is None:
        return None
    return {
        "proposals": texts.proposals or [f"anta internkontrollplan för {plan.year} för {board_lower}."],
        "background": blocks(texts.background),
        "matter": blocks(texts.matter),
        "preparation": texts.preparation or "",
        "economy": blocks(texts.economy),
        "documents": texts.documents or [],
        "signatory": {"name": texts.signatory.name, "title": texts.signatory.title or ""} if texts.signatory else None,
    }


def _source(plan: Plan) -> dict[str, Any] | None:
    """What a report says of a plan transcribed from a published document."""
    src = plan.source
    if src is None:
        return None
    parts = [src.document] + ([long_date(src.date)] if src.date else []) + ([src.address] if src.address else [])
    notes = []
    if src.incomplete:
        notes.append(f"Fält som dokumentet inte anger står som ”{NOT_STATED}”.")
    if not src.year_stated:
        notes.append(f"Dokumentet anger inget år; planen förs till {plan.year}.")
    if src.unknown_period_ends:
        notes.append(f"Dokumentet anger inte när perioden {', '.join(src.unknown_period_ends)} slutar.")
    return {"text": ", ".join(parts), "notes": notes, "line": " ".join([f"Överförd från {', '.join(parts)}.", *notes])}


def _adopted(plan: Plan) -> str:
    a = plan.adopted
    if a is None:
        return ""
    parts = []
    if a.body:
        parts.append(a.body)
    if a.date:
        parts.append(long_date(a.date))
    if a.paragraph:
        parts.append(a.paragraph)
    return ", ".join(parts)


def _areas(status: PlanStatus, words: Words, public: bool, periods: dict[str, str]) -> list[dict[str, Any]]:
    names = {a.id: status.plan.area_label(a.id) for a in status.plan.areas}  # 'Process › Delprocess'
    order = [a.id for a in status.plan.areas]
    value_name = words.risk_value
    missing = NOT_STATED if status.plan.incomplete else ""
    groups: dict[str | None, list[dict[str, Any]]] = {}
    for item in status.controls:
        groups.setdefault(item.risk.area, []).append(_control_row(item, words, public, periods, value_name, missing))
    keys = [k for k in order if k in groups] + [k for k in groups if k not in order]
    other = f"Övriga {words.control.plural}"
    return [
        {"id": k or "", "name": names.get(k or "", other if len(keys) > 1 else ""), "rows": groups[k]} for k in keys
    ]


_FOLLOWS = {"ja": "Ja", "nej": "Nej", "delvis": "Delvis"}


def _critical_row(item: ItemStatus, words: Words, public: bool, periods: dict[str, str]) -> dict[str, Any]:
    r = item.risk
    f = item.follow_up
    return {
        "id": r.id,
        "risk": r.description,
        "process": r.process or "",
        "value": r.score,
        "existing": blocks(r.existing_controls),
        "planned": blocks(r.planned_handling),
        "follows_plan": _FOLLOWS.get(item.follows_plan_code, "Ej rapporterat"),
        "comment": _comment(f, public),
        "actions": [
            _action_row(a, words, public, item.period, periods)
            for a in item.actions
            if not (public and a.action.secret)
        ],
    }


def _risk_follow_ups(status: PlanStatus, words: Words, public: bool) -> list[dict[str, Any]]:
    """Follow-ups written on a risk that has kontrollmoment: PlanStatus follows such a risk up through
    its kontrollmoment only, so the report shows what was written on the risk itself rather than drop it."""
    period = status.period.id
    out = []
    for r in status.plan.risks:
        f = r.follow_up.get(period)
        if not r.controls or f is None:
            continue
        acts = [
            a
            for a in status.all_actions
            if a.placed.risk is r
            and a.placed.control is None
            and a.period == period
            and not (public and a.action.secret)
        ]
        outcome = words.outcome_word(f.outcome, f.outcome_written) if f.outcome else ""
        out.append(
            {
                "id": r.id,
                "name": r.title or r.process or r.id,
                "risk": r.description,
                "value": r.score,
                "follows_plan": _FOLLOWS.get(f.follows_plan.value, "") if f.follows_plan else "",
                "outcome": outcome,
                "comment": _comment(f, public),
                "actions": [_action_row(a, words, public, period) for a in acts],
                "controls": [control_label(c, words) for c in r.controls],
            }
        )
    return out


def _risk_follow_up_sentences(rows: list[dict[str, Any]]) -> list[str]:
    if not rows:
        return []
    if len(rows) == 1:
        return [f"För risk {rows[0]['id']} ({rows[0]['name']}) finns också en uppföljning av risken som helhet."]
    return [
        "För " + ", ".join(f"risk {r['id']}" for r in rows[:-1]) + f" och risk {rows[-1]['id']} finns också"
        " uppföljningar av risken som helhet."
    ]


def _open_actions(status: PlanStatus, words: Words, public: bool, periods: dict[str, str]) -> list[dict[str, Any]]:
    """At helår: åtgärder from earlier periods and earlier years, with how they went."""
    out = []
    for a in status.all_actions:
        earlier_year = a.action.decided_year is not None and a.action.decided_year < status.plan.year
        if a.period == status.period.id and not earlier_year:
            continue
        if public and a.action.secret:
            continue
        row = _action_row(a, words, public, status.period.id, periods)
        row["status_obj"] = a.action.status
        row["status"] = row["status"] or "ej angiven"
        row["origin"] = f"{a.action.decided_year}" if earlier_year else periods.get(a.period, capitalize(a.period))
        out.append(row)
    return out


def _own_fields(shown: list[FieldDef], level: str, values: dict[str, Any]) -> list[dict[str, str]]:
    """The kommun's own fields of one part of the plan, as (rubrik, text) in the order ikplan.yaml gives."""
    out = []
    for f in shown:
        value = values.get(f.name)
        if f.applies_to != level or value in (None, "", []):
            continue
        if isinstance(value, bool):
            text = "ja" if value else "nej"
        elif isinstance(value, list):
            text = ", ".join(value)
        elif isinstance(value, dt.date):
            text = long_date(value)
        else:
            text = str(value)
        out.append({"label": f.heading, "text": text})
    return out


def _gross_list(checked: Checked) -> dict[str, Any] | None:
    """The bruttorisklista: every risk assessed, highest riskvärde first, with the plan's choice
    and the reason for the risks left out; None when the plan lists no risks left out."""
    assert checked.plan is not None and checked.settings is not None
    plan, matrix = checked.plan, checked.settings.matrix
    if not plan.not_chosen:
        return None
    rows = [(r.score, r.id, r.title or r.description, True, "") for r in plan.risks]
    rows += [(r.score, r.id, r.title or r.description, False, r.reason or "") for r in plan.not_chosen]
    rows.sort(key=lambda row: (-(row[0] or 0), row[1]))
    total, chosen = len(rows), len(plan.risks)
    d = in_digits(total, chosen)
    sentence = (
        f"Av {number(total, neuter=False, digits=d)} bedömda risker tas {number(chosen, neuter=False, digits=d)} "
        "med i planen; skälen för de övriga står i bruttorisklistan."
    )
    return {
        "sentence": sentence,
        "rows": [
            {
                "id": ident,
                "risk": " ".join(text.split()),
                "value": value,
                "critical": matrix.is_critical(value),
                "chosen": "ja" if chosen_ else "nej",
                "reason": reason,
            }
            for value, ident, text, chosen_, reason in rows
        ],
    }


def _plan_risks(checked: Checked, public: bool = False) -> list[dict[str, Any]]:
    assert checked.plan is not None and checked.settings is not None
    matrix = checked.settings.matrix
    plan = checked.plan
    shown = [f for f in checked.settings.settings.config.fields if f.shown]
    words = checked.settings.words
    out = []
    # In the plan's order: the nämnd adopts the plan as written (its numbering 3.8 before 3.10).
    for s in (score_risk(checked.file, plan, matrix, r) for r in plan.risks):
        r = s.risk
        area = plan.area_trail(r.area)
        out.append(
            {
                "id": r.id,
                "area": plan.area_label(r.area),
                "objective": r.control_objective
                or next((a.control_objective for a in reversed(area) if a.control_objective), ""),
                "goals": r.goals or next((a.goals for a in reversed(area) if a.goals), []),
                "fields": _own_fields(shown, "risk", r.fields),
                "process": r.process or "",
                "title": r.title or "",
                "description": blocks(r.description),
                "mandatory": r.mandatory,
                "likelihood": r.likelihood,
                "likelihood_label": matrix.label("likelihood", r.likelihood) or "",
                "consequence": r.consequence,
                "consequence_label": matrix.label("consequence", r.consequence) or "",
                "value": s.value,
                "band": s.band or "",
                "bg": (s.colour or "#ffffff").lstrip("#").upper(),
                "colour": s.colour or "",
                "critical": s.critical,
                "existing": blocks(r.existing_controls),
                "handling": ", ".join(_handling_word(h, words) for h in r.handling),
                "planned": blocks(r.planned_handling),
                "motivation": blocks(r.motivation),
                "actions": [_plan_action(a, None, words, shown, public) for a in r.actions],
                "controls": [
                    {
                        "label": control_label(c, words),
                        "number": c.number if c.number is not None else c.id,
                        "description": blocks(c.description),
                        "method": blocks(c.method),
                        "frequency": c.frequency or "",
                        "scope": c.scope or "",
                        "responsible": c.responsible or "",
                        "reports_to": c.reports_to or "",
                        "timing": c.timing or "",
                        "mandatory": c.mandatory,
                        "fields": _own_fields(shown, "kontrollmoment", c.fields),
                        "actions": [_plan_action(a, c.responsible, words, shown, public) for a in c.actions],
                    }
                    for c in r.controls
                ],
            }
        )
    return out


def _handling_word(h: Handling, words: Words) -> str:
    """Val av hantering, with the kommun's nouns for a kontrollmoment and an åtgärd."""
    if h is Handling.CONTROL:
        return words.control.singular
    if h is Handling.ACTION:
        return words.action.singular
    return h.value


def _plan_action(
    a: Action, owner: str | None, words: Words, shown: list[FieldDef], public: bool = False
) -> dict[str, Any]:
    """An åtgärd of the plan (under a risk or carried with a kontrollmoment), for the plan report."""
    status = words.status_word(a.status, a.status_written) if a.status else ""
    deadline = str(a.deadline) if a.deadline else ""
    text = SECRET_NOTE if public and a.secret else a.description
    line = text + (f" (slutdatum: {deadline})" if deadline else "")
    line += "".join(f", {part}" for part in (a.responsible or owner or "", status) if part)
    return {
        "id": a.id or "",
        "text": text,
        "responsible": a.responsible or owner or "",
        "deadline": deadline,
        "status": status,
        "decided_year": a.decided_year,
        "fields": _own_fields(shown, "åtgärd", a.fields),
        "line": line,
    }


def _footer(path: str, day: dt.date, own: str | None = None) -> dict[str, str]:
    """The generator line: the kommun's own words (ikplan.yaml rapport: sidfot) or ikplan's, and
    always the plan file, commit and date, so that a document can be traced to what made it."""
    commit = _git_commit(path)
    name = os.path.relpath(path) if not os.path.isabs(path) else path
    text = (
        f"{own.strip().rstrip('.')}. Underlag: {name}"
        if own and own.strip()
        else f"Skapad med ikplan {__version__} från {name}"
    )
    text += f" (commit {commit})" if commit else ""
    text += f" den {day.isoformat()}."
    return {"file": name, "commit": commit or "", "date": day.isoformat(), "text": text}


def _result_scale(checked: Checked) -> list[dict[str, str]]:
    """The kommun's result words with their definitions (ikplan.yaml `resultatdefinitioner`): the shared
    scale for how serious a brist is, which revisorer ask for, in the plan the nämnd adopts."""
    assert checked.settings is not None
    definitions = checked.settings.settings.config.result_definitions
    return [{"word": word, "definition": text} for word, text in definitions.items()]
