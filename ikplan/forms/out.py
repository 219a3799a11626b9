"""`ikplan forms`: one workbook per ansvarig with their kontrollmoment and åtgärder for a period.

A form holds (sheet by sheet):

* Instruktioner: what to fill in, the words to choose from, the deadline (the period's end, from the
  kommun's periods) and whom to send the form back to.
* Kontrollmoment (the kommun's noun): one row per kontrollmoment of the ansvarig (and per risk followed
  up as a risk whose åtgärder are all theirs), the context locked (risk, riskvärde, kontrollmoment,
  kontrollmetod, what was reported the period before) and the answers to fill in: Resultat and Följer plan
  as dropdowns of the kommun's words, Kommentar, and Granskade and Avvikelser when the plan uses stickprov.
* Åtgärder: their open åtgärder (and those decided this period), Status as a dropdown, Nytt slutdatum,
  Kommentar, and empty rows marked 'ny' for new åtgärder.
* Formulär and Utgångsläge (very hidden, locked): the fingerprint of the plan the form was made from
  (plan, kommun, nämnd, år, period, ansvarig, the SHA-256 of the plan file) and, row by row, the key of
  what each row answers and the values it showed. `ikplan collect` reads both to tell an answer from an
  unchanged cell, a moved row from a kept one, and a conflict from an answer already collected.

Every sheet is protected; only the cells to fill in are unlocked.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
from dataclasses import dataclass
from typing import Any

from ikplan.checking.validate import Checked
from ikplan.errors import IkplanError
from ikplan.followup.status import ActionState, ItemStatus, PlanStatus, plan_status
from ikplan.forms.owners import Assigned, assigned, file_stem
from ikplan.plan.config import Period
from ikplan.plan.vocabulary import Words
from ikplan.swedish import capitalize, long_date

FORM_VERSION = "ikplan-formulär 1"
FINGERPRINT_SHEET = "Formulär"
BASELINE_SHEET = "Utgångsläge"
INSTRUCTIONS_SHEET = "Instruktioner"
NEW_ROWS = 8  # empty rows for new åtgärder (a protected sheet takes no inserted rows)
NEW_KEY = "ny"

# The fingerprint, one field a row (Fält | Värde); collect names the cell of a field that does not match.
FINGERPRINT_FIELDS = ("Formulär", "Plan", "Kommun", "Nämnd", "År", "Period", "Ansvarig", "Fingeravtryck", "Skapat")

ITEM_CONTEXT = ["Id", "Risk", "Riskvärde", "Kontrollmoment", "Kontrollmetod", "Förra perioden"]
ITEM_FILL = ["Resultat", "Följer plan", "Kommentar"]
SAMPLE_FILL = ["Granskade", "Avvikelser"]
ACTION_HEADERS = ["Nr", "Gäller", "Beskrivning", "Slutdatum", "Status", "Nytt slutdatum", "Kommentar"]
# What Utgångsläge holds per row: where the row is, what it answers, and the values the form showed.
BASELINE_HEADERS = [
    "Blad",
    "Rad",
    "Nyckel",
    "Id",
    "Resultat",
    "Följer plan",
    "Kommentar",
    "Granskade",
    "Avvikelser",
    "Status",
    "Slutdatum",
    "Beskrivning",
]


def plan_fingerprint(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def sheet_title(word: str, taken: tuple[str, ...]) -> str:
    """A sheet named in the kommun's noun ('Granskningar'), as Excel allows a sheet name."""
    title = "".join(c for c in capitalize(word) if c not in "[]:*?/\\'").strip()[:31] or "Blad"
    return title + " 2" if title in taken else title


def control_sheet(words: Words) -> str:
    return sheet_title(words.control.plural, (FINGERPRINT_SHEET, BASELINE_SHEET, INSTRUCTIONS_SHEET, "Val"))


def action_sheet(words: Words) -> str:
    taken = (FINGERPRINT_SHEET, BASELINE_SHEET, INSTRUCTIONS_SHEET, "Val", control_sheet(words))
    return sheet_title(words.action.plural, taken)


def item_key(item: ItemStatus) -> list[str]:
    if item.control is not None:
        return ["kontrollmoment", item.risk.id, item.control.id]
    return ["risk", item.risk.id]


def action_key(a: ActionState) -> list[str]:
    """An åtgärd by where it stands and its id, or its place in its list when it has none."""
    placed = a.placed
    ident = a.action.id if a.action.id is not None else f"#{placed.path[-1]}"
    return ["åtgärd", placed.risk.id, placed.control.id if placed.control else "", placed.period or "", str(ident)]


def samples_used(checked: Checked) -> bool:
    """Whether the plan reports stickprov (granskade, avvikelser): only then the form asks for them."""
    assert checked.plan is not None
    for *_, c in checked.plan.all_controls():
        if c.samples_of or any(f.sampled is not None or f.deviations is not None for f in c.follow_up.values()):
            return True
    return False


def _text(value: Any) -> Any:
    """A plan text as a cell holds it: control characters shown, never obeyed (as `ikplan export`)."""
    from ikplan.text import visible

    return visible(value) if isinstance(value, str) else value


def _method(value: Any) -> str:
    if isinstance(value, list):
        return "\n".join(f"{i}. {v}" for i, v in enumerate(value, start=1))
    return value or ""


def previous_period(status: PlanStatus, periods: list[Period]) -> Period | None:
    ids = [p.id for p in periods]
    at = ids.index(status.period.id) if status.period.id in ids else 0
    return periods[at - 1] if at > 0 else None


def _earlier(item: ItemStatus, before: Period | None, words: Words) -> str:
    """What was reported for the item the period before: result (or följer plan) and kommentar."""
    if before is None:
        return ""
    holder = item.control if item.control is not None else item.risk
    f = holder.follow_up.get(before.id)
    if f is None:
        return f"{before.name}: ej rapporterat"
    said = words.outcome_word(f.outcome, f.outcome_written) if f.outcome else ""
    if not said and f.follows_plan is not None:
        said = f"följer plan: {f.follows_plan.value}"
    return f"{before.name}: {said or 'ej rapporterat'}" + (f"\n{f.comment}" if f.comment else "")


@dataclass
class Form:
    person: str
    stem: str
    data: bytes
    items: int
    actions: int


@dataclass
class FormOptions:
    period: str
    deadline: dt.date | None = None  # when the answers are due; the period's end when not given
    return_to: str | None = None  # whom to send the form back to; the plan's handläggare when not given
    today: dt.date | None = None


def make_forms(checked: Checked, raw: bytes, options: FormOptions) -> tuple[list[Form], list[ItemStatus]]:
    """The forms of every ansvarig of the plan for the period, and what has no ansvarig."""
    assert checked.plan is not None and checked.settings is not None
    today = options.today or dt.date.today()
    status = plan_status(checked, options.period, today)
    people, nobody = assigned(status)
    fingerprint = plan_fingerprint(raw)
    taken: set[str] = set()
    forms = []
    for person in people:
        stem = file_stem(person.name, taken)
        data = build_form(checked, status, person, fingerprint, options, today)
        forms.append(Form(person.name, stem, data, len(person.items), len(person.actions)))
    return forms, nobody


def build_form(
    checked: Checked, status: PlanStatus, person: Assigned, fingerprint: str, options: FormOptions, today: dt.date
) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection

    from ikplan.cycle.excel import EXCEL_MAX_TEXT, FOLLOWS_PLAN_CHOICES, _choices, _clean_append, _text_cells

    assert checked.plan is not None and checked.settings is not None
    plan, settings = checked.plan, checked.settings
    words = settings.words
    period = status.period
    deadline = options.deadline or period.end_in(plan.year)
    return_to = options.return_to or plan.officer or "den som skickade formuläret"
    samples = samples_used(checked)
    before = previous_period(status, settings.periods)

    wb = Workbook()
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    to_fill = PatternFill("solid", fgColor="FFF2CC")
    unlocked = Protection(locked=False)

    def protect(ws: Any) -> None:
        ws.protection.sheet = True
        ws.protection.formatColumns = False  # widening a column or a row is allowed, nothing else
        ws.protection.formatRows = False

    def too_long(value: Any, what: str) -> None:
        if isinstance(value, str) and len(value) > EXCEL_MAX_TEXT:
            raise IkplanError(
                f"{checked.file}: {what} har {len(value)} tecken men en cell i Excel rymmer högst {EXCEL_MAX_TEXT}; "
                "inget formulär skrevs (korta texten i planen)"
            )

    # -- Instruktioner ----------------------------------------------------------------------------
    ws = wb.active
    ws.title = INSTRUCTIONS_SHEET
    ws.append = _clean_append(ws.append)
    c_sheet, a_sheet = control_sheet(words), action_sheet(words)
    outcome_words = words.outcome_choices()
    status_words = words.status_choices()
    lines: list[list[Any]] = [
        [f"Uppföljning {period.name.lower()} {plan.year}: {plan.board}"],
        [],
        ["Till", person.name],
        ["Svara senast", long_date(deadline)],
        ["Skicka tillbaka filen till", return_to],
        ["Plan", f"{plan.display_title} ({checked.file})"],
        [],
        ["Så fyller du i formuläret"],
        ["1.", f"Fyll i de gula cellerna i bladen {c_sheet} och {a_sheet}. Övriga celler är låsta."],
        ["2.", "Resultat: välj ett av orden i listan: " + ", ".join(outcome_words) + "."],
        ["3.", "Följer plan: " + ", ".join(FOLLOWS_PLAN_CHOICES) + "."],
        ["4.", "Kommentar: vad granskningen visade och vad som görs åt en brist."],
    ]
    if samples:
        lines.append(["", "Granskade och Avvikelser: antal granskade poster och hur många av dem som hade avvikelser."])
    lines += [
        [
            "5.",
            f"{capitalize(words.action.plural)}: välj status (" + ", ".join(status_words) + "). Har slutdatumet "
            "flyttats, skriv det nya i Nytt slutdatum (ÅÅÅÅ-MM-DD eller t.ex. 'hösten 2025').",
        ],
        [
            "6.",
            f"En ny {words.action.singular} skrivs på en rad märkt '{NEW_KEY}': välj i Gäller vilket "
            f"{words.control.singular} den gäller, beskriv den och ge slutdatum och status.",
        ],
        ["7.", "Lägg inte till, ta bort eller flytta rader och byt inte namn på bladen: svaren läses rad för rad."],
        ["8.", "Spara som Excel-arbetsbok (.xlsx), i Excel eller LibreOffice, och skicka tillbaka filen."],
        [],
        [
            "Om formuläret",
            f"Gjort {today.isoformat()} från {checked.file} (fingeravtryck {fingerprint[:12]}) med ikplan forms.",
        ],
    ]
    for line in lines:
        ws.append(line)
    ws["A1"].font = Font(bold=True, size=14)
    ws["A8"].font = bold
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 100
    for row in ws.iter_rows(min_row=2):
        for c in row:
            c.alignment = wrap
    protect(ws)

    baseline: list[list[Any]] = []

    # -- Kontrollmoment ---------------------------------------------------------------------------
    headers = ITEM_CONTEXT + ITEM_FILL + (SAMPLE_FILL if samples else [])
    headers[headers.index("Riskvärde")] = capitalize(words.risk_value)
    headers[headers.index("Kontrollmoment")] = capitalize(words.control.singular)
    ws = wb.create_sheet(c_sheet)
    ws.append = _clean_append(ws.append)
    ws.append(headers)
    fill_at = [headers.index(h) + 1 for h in ITEM_FILL + (SAMPLE_FILL if samples else [])]
    for row_no, item in enumerate(person.items, start=2):
        f = item.follow_up
        control = item.control
        what = control.label if control is not None else f"risk {item.risk.id}"
        description = control.description if control is not None else item.risk.description
        result = item.outcome_word or None
        follows = f.follows_plan.value if f is not None and f.follows_plan is not None else None
        comment = f.comment if f is not None else None
        too_long(comment, f"kommentaren till {what}")
        sampled = f.sampled if f is not None else None
        deviations = f.deviations if f is not None else None
        cells: list[Any] = [
            item.id,
            f"{item.risk.id} {item.risk.title or item.risk.process or ''}".strip(),
            item.risk.score,
            f"{capitalize(what)}\n{description}"[:EXCEL_MAX_TEXT],
            _method(control.method if control is not None else item.risk.planned_handling)[:EXCEL_MAX_TEXT],
            _earlier(item, before, words)[:EXCEL_MAX_TEXT],
            result,
            follows,
            comment,
        ]
        if samples:
            cells += [sampled, deviations]
        ws.append([_text(v) for v in cells])
        for col in fill_at:
            c = ws.cell(row=row_no, column=col)
            if control is None and headers[col - 1] in ("Resultat", *SAMPLE_FILL):
                continue  # a risk is followed up by följer plan and kommentar
            c.protection = unlocked
            c.fill = to_fill
        baseline.append(
            [
                c_sheet,
                row_no,
                json.dumps(item_key(item), ensure_ascii=False),
                item.id,
                result,
                follows,
                _text(comment),
                sampled,
                deviations,
                None,
                None,
                None,
            ]
        )
    _layout(ws, [10, 24, 10, 40, 40, 30] + [22, 12, 50] + ([11, 11] if samples else []), bold, wrap)
    rows = len(person.items)
    _choices(
        wb,
        ws,
        headers,
        rows,
        {"Resultat": outcome_words, "Följer plan": list(FOLLOWS_PLAN_CHOICES)},
    )
    protect(ws)

    # -- Åtgärder ---------------------------------------------------------------------------------
    ws = wb.create_sheet(a_sheet)
    ws.append = _clean_append(ws.append)
    action_headers = list(ACTION_HEADERS)
    ws.append(action_headers)
    fill_existing = [action_headers.index(h) + 1 for h in ("Status", "Nytt slutdatum", "Kommentar")]
    fill_new = [action_headers.index(h) + 1 for h in ("Gäller", "Beskrivning", "Slutdatum", "Status", "Kommentar")]
    row_no = 1
    for row_no, a in enumerate(person.actions, start=2):
        word = a.status_word or None
        too_long(a.action.comment, f"kommentaren till {words.action.singular} {a.action.description[:40]}")
        ws.append(
            [
                _text(a.action.id),
                _text(a.subject),
                _text(a.action.description[:EXCEL_MAX_TEXT]),
                _text(str(a.action.deadline)) if a.action.deadline else None,
                word,
                None,
                _text(a.action.comment),
            ]
        )
        for col in fill_existing:
            c = ws.cell(row=row_no, column=col)
            c.protection = unlocked
            c.fill = to_fill
        baseline.append(
            [
                a_sheet,
                row_no,
                json.dumps(action_key(a), ensure_ascii=False),
                a.action.id or "",
                None,
                None,
                _text(a.action.comment),
                None,
                None,
                word,
                _text(str(a.action.deadline)) if a.action.deadline else None,
                _text(a.action.description),
            ]
        )
    first_new = row_no + 1
    for row_no in range(first_new, first_new + NEW_ROWS):
        ws.append([NEW_KEY])
        for col in fill_new:
            c = ws.cell(row=row_no, column=col)
            c.protection = unlocked
            c.fill = to_fill
        baseline.append([a_sheet, row_no, json.dumps([NEW_KEY]), NEW_KEY] + [None] * 8)
    _layout(ws, [8, 30, 50, 16, 14, 16, 40], bold, wrap)
    _choices(
        wb,
        ws,
        action_headers,
        len(person.actions) + NEW_ROWS,
        {"Status": status_words, "Gäller": [i.id for i in person.items]},
    )
    protect(ws)

    # -- Formulär and Utgångsläge (very hidden) --------------------------------------------------
    ws = wb.create_sheet(FINGERPRINT_SHEET)
    ws.append = _clean_append(ws.append)
    ws.append(["Fält", "Värde"])
    values = [FORM_VERSION, checked.file, plan.municipality, plan.board, plan.year, period.id, person.name]
    values += [fingerprint, today.isoformat()]
    for name, value in zip(FINGERPRINT_FIELDS, values, strict=True):
        ws.append([name, value])
    ws.sheet_state = "veryHidden"
    protect(ws)
    ws = wb.create_sheet(BASELINE_SHEET)
    ws.append = _clean_append(ws.append)
    ws.append(BASELINE_HEADERS)
    for line in baseline:
        ws.append(line)
    ws.sheet_state = "veryHidden"
    protect(ws)
    if "Val" in wb.sheetnames:
        protect(wb["Val"])
    wb.active = 0
    _text_cells(wb)  # a text that looks like a formula ('=HYPERLINK(…)') stays text
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _layout(ws: Any, widths: list[int], bold: Any, wrap: Any) -> None:
    from openpyxl.utils import get_column_letter

    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    for c in ws[1]:
        c.font = bold
    for row in ws.iter_rows(min_row=2):
        for c in row:
            c.alignment = wrap
    ws.freeze_panes = "B2"
