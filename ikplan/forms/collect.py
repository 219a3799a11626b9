"""`ikplan collect`: the answers of the ansvarigas forms merged into the plan as text edits.

A form is an input from outside the repository. It is read within the bounds of `ikplan import`
(size, parts, rows, columns, cells), a formula is never taken for an answer, control characters are
shown and not obeyed, and a form writes nothing but the follow-up fields of rows it was made with, of
its own ansvarig, for its own plan and period.

A cell is an answer when it differs from what the form showed (kept on its very hidden sheet
Utgångsläge). Each answer is then compared with the plan as it stands:
* the plan still holds what the form showed: the answer is written;
* the plan already holds the answer: nothing to do (collecting a form twice changes nothing);
* the plan holds something else: someone changed the same field since the form was made, a conflict
  shown with both values, and nothing is written.

All answers of all forms are one change, made as slice edits of the plan's text (cycle/excel_merge.py,
as `ikplan import` into a plan does), so comments, quoting and layout of everything else are kept byte
for byte; the result must load to exactly the plan's data with the answers in it and pass validation.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
import warnings
from dataclasses import dataclass, field
from typing import Any

from ikplan.checking.findings import Finding, Severity
from ikplan.checking.validate import Checked
from ikplan.errors import IkplanError
from ikplan.followup.status import PlanStatus, plan_status
from ikplan.forms.out import (
    BASELINE_SHEET,
    FINGERPRINT_FIELDS,
    FINGERPRINT_SHEET,
    FORM_VERSION,
    NEW_KEY,
    action_key,
    item_key,
)
from ikplan.forms.owners import item_owner, name_of
from ikplan.plan.vocabulary import Words, fold

CODE = "IK060"  # a cell of a workbook that cannot be taken (as for `ikplan import`)
# The keys of a follow-up in the order plans write them: a new key is put among the existing ones here.
FOLLOW_UP_ORDER = [
    "datum",
    "resultat",
    "följer_plan",
    "kommentar",
    "sekretess",
    "granskade",
    "avvikelser",
    "planerade_tillfällen",
    "tillfällen",
    "åtgärder",
]
ACTION_ORDER = ["id", "beskrivning", "ansvarig", "slutdatum", "status", "beslutsår", "kommentar", "sekretess"]
FIELD_NAMES = {
    "resultat": "resultat",
    "följer_plan": "följer plan",
    "kommentar": "kommentar",
    "granskade": "granskade",
    "avvikelser": "avvikelser",
    "status": "status",
    "slutdatum": "slutdatum",
}


@dataclass
class Answer:
    """One answered cell: what it changes, to what, and what the form showed there."""

    form: str
    cell: str
    row: int
    column: int
    target: tuple[str, ...]  # the item_key or action_key of the row
    key: str  # the follow-up or åtgärd key it writes
    value: Any  # what is written (None: the key is removed)
    norm: Any  # the value as compared
    base: Any  # what the form showed, as compared


@dataclass
class NewAction:
    form: str
    cell: str
    row: int
    target: tuple[str, ...]
    data: dict[str, Any]


@dataclass
class FormRead:
    file: str
    person: str = ""
    period: str = ""
    fingerprint: str = ""
    items: dict[str, tuple[str, ...]] = field(default_factory=dict)  # shown id → item key
    answers: list[Answer] = field(default_factory=list)
    new: list[NewAction] = field(default_factory=list)


@dataclass
class Collected:
    text: str
    before: Checked
    after: Checked | None
    changes: int
    already: int
    forms: int


def _cell_name(sheet: str, row: int, column: int) -> str:
    from ikplan.cycle.excel import cell_name

    return cell_name(sheet, row, column)


class _Findings:
    def __init__(self, file: str) -> None:
        self.file = file
        self.items: list[Finding] = []

    def at(self, sheet: str, row: int, column: int, message: str) -> None:
        name = _cell_name(sheet, row, column)
        self.items.append(Finding(self.file, row, column, CODE, Severity.ERROR, f"{name}: {message}"))

    def whole(self, message: str, code: str = CODE) -> None:
        self.items.append(Finding(self.file, 0, 0, code, Severity.ERROR, message))


def _text(value: Any) -> str | None:
    """A cell's text as the plan would hold it: lines as \\n, ends trimmed, control characters shown."""
    from ikplan.text import visible

    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").strip()
    return visible(text) or None


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        return value.strip() or None
    return value


# --- reading one form -----------------------------------------------------------------------------


def open_form(raw: bytes, file: str, found: _Findings) -> Any:
    """The workbook, or None with a finding: within import's bounds, before and after openpyxl reads it."""
    from openpyxl import load_workbook

    from ikplan.cycle.excel import MAX_CELLS, MAX_COLUMNS, MAX_ROWS, _zip_problem

    problem = _zip_problem(raw)
    if problem:
        found.whole(problem, "IK016")
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl's English notes on what it drops
            wb = load_workbook(io.BytesIO(raw), data_only=False)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        found.whole("filen går inte att läsa som Excel (.xlsx)")
        return None
    for ws in wb.worksheets:
        rows, columns = ws.max_row, ws.max_column
        if rows > MAX_ROWS or columns > MAX_COLUMNS or rows * columns > MAX_CELLS:
            found.whole(
                f"bladet '{ws.title}' når rad {rows}, kolumn {columns}; ikplan läser högst {MAX_ROWS} rader, "
                f"{MAX_COLUMNS} kolumner och {MAX_CELLS} celler",
                "IK016",
            )
            return None
    if FINGERPRINT_SHEET not in wb.sheetnames or BASELINE_SHEET not in wb.sheetnames:
        found.whole(f"bladet '{FINGERPRINT_SHEET}' saknas: filen är inget formulär från 'ikplan forms'")
        return None
    return wb


def _value(ws: Any, row: int, column: int, found: _Findings) -> tuple[Any, bool]:
    """A cell's value, and False (with a finding) for a formula: an answer is a value, never a formula."""
    c = ws.cell(row=row, column=column)
    if c.data_type == "f":
        found.at(
            ws.title, row, column, "cellen har en formel; skriv svaret som ett värde (en formel räknas aldrig som svar)"
        )
        return None, False
    return c.value, True


def read_form(raw: bytes, file: str, checked: Checked, period: str | None) -> tuple[FormRead | None, list[Finding]]:
    """A form's answers, or its findings: every cell that cannot be taken, named as 'Kontrollmoment!G5'."""
    assert checked.plan is not None and checked.settings is not None
    found = _Findings(file)
    wb = open_form(raw, file, found)
    if wb is None:
        return None, found.items
    plan, words = checked.plan, checked.settings.words
    form = FormRead(file)
    fp = wb[FINGERPRINT_SHEET]
    info: dict[str, tuple[Any, int]] = {}
    for row in range(2, min(fp.max_row, 40) + 1):
        name = _plain(fp.cell(row=row, column=1).value)
        if isinstance(name, str):
            info[name] = (_plain(fp.cell(row=row, column=2).value), row)

    def field_of(name: str) -> tuple[Any, int]:
        return info.get(name, (None, FINGERPRINT_FIELDS.index(name) + 2 if name in FINGERPRINT_FIELDS else 1))

    version, at = field_of("Formulär")
    if version != FORM_VERSION:
        found.at(FINGERPRINT_SHEET, at, 2, f"'{version}' är ingen formulärversion som ikplan läser ({FORM_VERSION})")
        return None, found.items
    for name, expected in (("Kommun", plan.municipality), ("Nämnd", plan.board), ("År", plan.year)):
        value, at = field_of(name)
        if str(value or "") != str(expected or ""):
            found.at(
                FINGERPRINT_SHEET,
                at,
                2,
                f"formuläret gäller {name.lower()} '{value}', men planen {checked.file} har '{expected}': "
                "det är ett formulär för en annan plan",
            )
    form.period, at = (str(field_of("Period")[0] or ""), field_of("Period")[1])
    known = [p.id for p in checked.settings.periods]
    if period is not None and fold(form.period) != fold(period):
        found.at(FINGERPRINT_SHEET, at, 2, f"formuläret gäller perioden '{form.period}', inte '{period}'")
    elif form.period not in known:
        found.at(
            FINGERPRINT_SHEET,
            at,
            2,
            f"perioden '{form.period}' finns inte för planen; kända perioder: {', '.join(known)}",
        )
    form.person = name_of(str(field_of("Ansvarig")[0] or "")) or ""
    form.fingerprint = str(field_of("Fingeravtryck")[0] or "")
    if found.items:
        return None, found.items

    base = wb[BASELINE_SHEET]
    columns = _headers(base)
    sheets: dict[str, list[tuple[int, list[Any], int]]] = {}
    for brow in range(2, base.max_row + 1):
        cells = [base.cell(row=brow, column=c).value for c in range(1, len(columns) + 1)]
        if all(v is None for v in cells):
            continue
        values = dict(zip(columns, cells, strict=False))
        try:
            sheet, row = str(values["Blad"]), int(values["Rad"])
            key = tuple(json.loads(str(values["Nyckel"])))
        except (KeyError, TypeError, ValueError):
            found.at(BASELINE_SHEET, brow, 1, "raden går inte att läsa: formuläret har ändrats där det är låst")
            continue
        sheets.setdefault(sheet, []).append((row, [values.get(h) for h in columns], brow))
        if key and key[0] in ("kontrollmoment", "risk"):
            form.items[str(values.get("Id"))] = key
    for sheet, rows in sheets.items():
        if sheet not in wb.sheetnames:
            found.whole(f"bladet '{sheet}' saknas; byt inte namn på formulärets blad")
            continue
        _read_sheet(wb[sheet], rows, columns, form, words, found)
    return (form if not found.items else None), found.items


def _headers(ws: Any) -> list[str]:
    return [str(c.value).strip() if c.value is not None else "" for c in ws[1]]


def _read_sheet(
    ws: Any,
    rows: list[tuple[int, list[Any], int]],
    base_columns: list[str],
    form: FormRead,
    words: Words,
    found: _Findings,
) -> None:
    from ikplan.cycle.excel import FOLLOWS_PLAN_CHOICES

    headers = _headers(ws)
    where = {h: i + 1 for i, h in enumerate(headers) if h}
    last = max((r for r, _, _ in rows), default=1)
    for extra in range(last + 1, ws.max_row + 1):  # a row below the form's rows: added
        if any(ws.cell(row=extra, column=c).value not in (None, "") for c in range(1, ws.max_column + 1)):
            found.at(ws.title, extra, 1, "raden har lagts till; nya rader tas inte emot (använd raderna märkta 'ny')")
            break
    for row, values, _brow in rows:
        b = dict(zip(base_columns, values, strict=False))
        key = tuple(json.loads(str(b["Nyckel"])))
        ident_col = where.get("Id") or where.get("Nr") or 1
        shown = _plain(ws.cell(row=row, column=ident_col).value)
        expected = b.get("Id") or None
        if key[0] == "åtgärd" and not expected:  # an åtgärd without id: its beskrivning tells it
            ident_col = where.get("Beskrivning", ident_col)
            shown, expected = _text(ws.cell(row=row, column=ident_col).value), _text(b.get("Beskrivning"))
        if str(shown or "") != str(expected or ""):
            found.at(
                ws.title,
                row,
                ident_col,
                f"raden visar '{shown or ''}' men formuläret gjordes med '{expected or ''}' här: rader har lagts till, "
                "tagits bort eller flyttats",
            )
            continue

        def cell(header: str, row: int = row) -> tuple[Any, int] | None:
            col = where.get(header)
            if col is None:
                return None
            value, ok = _value(ws, row, col, found)
            return (value, col) if ok else None

        def answer(
            header: str,
            target_key: str,
            value: Any,
            norm: Any,
            base_norm: Any,
            col: int,
            row: int = row,
            key: tuple[Any, ...] = key,
        ) -> None:
            if norm != base_norm:
                name = _cell_name(ws.title, row, col)
                form.answers.append(Answer(form.file, name, row, col, key, target_key, value, norm, base_norm))

        if key[0] == NEW_KEY:
            _new_row(ws, row, where, form, words, found, key)
            continue
        if key[0] in ("kontrollmoment", "risk"):
            got = cell("Resultat")
            if got is not None and key[0] == "kontrollmoment" and (text := _text(got[0])) is not None:
                outcome = words.read_outcome(text)
                if outcome is None:
                    found.at(
                        ws.title,
                        row,
                        got[1],
                        f"'{text}' är inget av kommunens ord för resultat ({', '.join(words.outcome_choices())})",
                    )
                else:
                    base_text = _text(b.get("Resultat"))
                    answer(
                        "Resultat",
                        "resultat",
                        words.outcome_word(outcome, text),
                        outcome,
                        words.read_outcome(base_text) if base_text else None,
                        got[1],
                    )
            got = cell("Följer plan")
            if got is not None and (text := _text(got[0])) is not None:
                if text.lower() not in FOLLOWS_PLAN_CHOICES:
                    found.at(
                        ws.title,
                        row,
                        got[1],
                        f"'{text}' går inte att läsa som följer plan ({', '.join(FOLLOWS_PLAN_CHOICES)})",
                    )
                else:
                    answer(
                        "Följer plan",
                        "följer_plan",
                        text.lower(),
                        text.lower(),
                        (_text(b.get("Följer plan")) or "").lower() or None,
                        got[1],
                    )
            got = cell("Kommentar")
            if got is not None:
                text = _text(got[0])
                answer("Kommentar", "kommentar", text, text, _text(b.get("Kommentar")), got[1])
            for header, target_key in (("Granskade", "granskade"), ("Avvikelser", "avvikelser")):
                got = cell(header)
                if got is None or key[0] != "kontrollmoment":
                    continue
                number = _count(got[0])
                if number is False:
                    found.at(
                        ws.title, row, got[1], f"{header.lower()} ska vara ett heltal, 0 eller större (inte '{got[0]}')"
                    )
                    continue
                answer(
                    header,
                    target_key,
                    number,
                    number,
                    _count(b.get(header)) or None if b.get(header) is not None else None,
                    got[1],
                )
            continue
        # an åtgärd: status, a new slutdatum, kommentar
        got = cell("Status")
        if got is not None and (text := _text(got[0])) is not None:
            status = words.read_status(text)
            if status is None:
                found.at(
                    ws.title,
                    row,
                    got[1],
                    f"'{text}' är inget av kommunens ord för status ({', '.join(words.status_choices())})",
                )
            else:
                base_text = _text(b.get("Status"))
                answer(
                    "Status",
                    "status",
                    words.status_word(status, text),
                    status,
                    words.read_status(base_text) if base_text else None,
                    got[1],
                )
        got = cell("Nytt slutdatum")
        if got is not None and got[0] not in (None, ""):
            deadline = _deadline(got[0])
            if deadline is None:
                found.at(
                    ws.title,
                    row,
                    got[1],
                    f"'{got[0]}' går inte att läsa som slutdatum (ÅÅÅÅ-MM-DD eller t.ex. 'hösten 2025')",
                )
            else:
                answer(
                    "Nytt slutdatum", "slutdatum", deadline, _deadline_text(deadline), _text(b.get("Slutdatum")), got[1]
                )
        got = cell("Kommentar")
        if got is not None:
            text = _text(got[0])
            answer("Kommentar", "kommentar", text, text, _text(b.get("Kommentar")), got[1])


def _count(value: Any) -> int | bool | None:
    """A count of granskade or avvikelser; None for an empty cell, False for anything else."""
    value = _plain(value)
    if value is None:
        return None
    if isinstance(value, str) and value.isdigit():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 10**9:
        return value
    return False


def _deadline(value: Any) -> dt.date | str | None:
    """A new slutdatum: a date, or a municipal date phrase that ikplan reads ('hösten 2025')."""
    from ikplan.plan.types import parse_deadline

    value = _plain(value)
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    if text is None or "\n" in text:
        return None
    try:
        parsed = parse_deadline(text)
    except (ValueError, OverflowError):
        return None
    return parsed.date if parsed.date is not None and parsed.text == parsed.date.isoformat() else text


def _deadline_text(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, dt.date) else " ".join(str(value).split())


def _new_row(
    ws: Any, row: int, where: dict[str, int], form: FormRead, words: Words, found: _Findings, key: tuple[str, ...]
) -> None:
    """A new åtgärd on a row marked 'ny': beskrivning, what it concerns, slutdatum and status."""
    values: dict[str, Any] = {}
    for header in ("Gäller", "Beskrivning", "Slutdatum", "Status", "Kommentar", "Nytt slutdatum"):
        col = where.get(header)
        if col is None:
            continue
        value, ok = _value(ws, row, col, found)
        if not ok:
            return
        values[header] = value
    if all(_plain(v) is None for v in values.values()):
        return
    description = _text(values.get("Beskrivning"))
    target_id = _text(values.get("Gäller"))
    if target_id is None and len(form.items) == 1:
        target_id = next(iter(form.items))
    if description is None:
        found.at(ws.title, row, where.get("Beskrivning", 1), "en ny åtgärd behöver en beskrivning")
        return
    if target_id is None or target_id not in form.items:
        choices = ", ".join(form.items) or "inga"
        found.at(
            ws.title, row, where.get("Gäller", 1), f"Gäller '{target_id or ''}' är inget av formulärets id ({choices})"
        )
        return
    data: dict[str, Any] = {"beskrivning": description}
    if values.get("Slutdatum") not in (None, ""):
        deadline = _deadline(values["Slutdatum"])
        if deadline is None:
            found.at(ws.title, row, where["Slutdatum"], f"'{values['Slutdatum']}' går inte att läsa som slutdatum")
            return
        data["slutdatum"] = deadline
    if (text := _text(values.get("Status"))) is not None:
        status = words.read_status(text)
        if status is None:
            found.at(
                ws.title,
                row,
                where["Status"],
                f"'{text}' är inget av kommunens ord för status ({', '.join(words.status_choices())})",
            )
            return
        data["status"] = words.status_word(status, text)
    if (comment := _text(values.get("Kommentar"))) is not None:
        data["kommentar"] = comment
    cell = _cell_name(ws.title, row, where.get("Beskrivning", 1))
    form.new.append(NewAction(form.file, cell, row, form.items[target_id], data))


# --- the plan ---------------------------------------------------------------------------------------


def _ordered(mapping: dict[str, Any], key: str, value: Any, order: list[str]) -> None:
    """Set `key`; a new key goes before the first existing key that plans write after it."""
    if key in mapping or key not in order:
        mapping[key] = value
        return
    rank = order.index(key)
    items = list(mapping.items())
    at = next((i for i, (k, _) in enumerate(items) if k in order and order.index(k) > rank), len(items))
    items.insert(at, (key, value))
    mapping.clear()
    mapping.update(items)


def _period_key(holder: dict[str, Any], period: str) -> str:
    for key in holder.get("uppföljning") or {}:
        if isinstance(key, str) and fold(key) == fold(period):
            return key
    return period


class _Plan:
    """The plan as it stands: items and åtgärder by their form keys, each with its current values."""

    def __init__(self, checked: Checked, data: dict[str, Any]) -> None:
        assert checked.plan is not None
        self.checked = checked
        self.data = data
        self.controls = {(r.id, c.id): (ri, ci) for ri, ci, r, c in checked.plan.all_controls()}
        self.risks = {r.id: ri for ri, r in enumerate(checked.plan.risks)}
        self.statuses: dict[str, PlanStatus] = {}

    def status(self, period: str) -> PlanStatus:
        if period not in self.statuses:
            self.statuses[period] = plan_status(self.checked, period, dt.date.today())
        return self.statuses[period]

    def item(self, key: tuple[str, ...], period: str) -> Any:
        """(raw holder, model holder, owner) of a kontrollmoment or risk key, or None."""
        assert self.checked.plan is not None
        status = self.status(period)
        for i in status.controls + status.critical_risks + status.other_risks:
            if tuple(item_key(i)) == key:
                ri = self.risks[i.risk.id]
                if i.control is not None:
                    ci = self.controls[(i.risk.id, i.control.id)][1]
                    raw = self.data["risker"][ri]["kontrollmoment"][ci]
                else:
                    raw = self.data["risker"][ri]
                return raw, (i.control or i.risk), item_owner(i, status)
        return None

    def action(self, key: tuple[str, ...], period: str) -> Any:
        """(raw åtgärd, model åtgärd, owner) of an åtgärd key, or None."""
        for a in self.status(period).all_actions:
            if tuple(action_key(a)) == key:
                node: Any = self.data
                for step in a.placed.path:
                    node = node[step]
                return node, a.action, name_of(a.owner)
        return None


def _current(model: Any, key: str, period: str, words: Words) -> Any:
    """The plan's value of an answered field, as answers are compared."""
    from ikplan.text import visible

    if key in ("status", "slutdatum") or not hasattr(model, "follow_up"):
        if key == "status":
            return model.status
        if key == "slutdatum":
            return str(model.deadline) if model.deadline else None
        return visible(model.comment.strip()) or None if model.comment else None
    f = model.follow_up.get(period)
    if f is None:
        return None
    if key == "resultat":
        return f.outcome
    if key == "följer_plan":
        return f.follows_plan.value if f.follows_plan is not None else None
    if key == "kommentar":
        return (visible(f.comment.strip()) or None) if f.comment else None
    return {"granskade": f.sampled, "avvikelser": f.deviations}[key]


def collect(
    plan_path: str, forms: list[tuple[str, bytes]], config: str | None, period: str | None
) -> tuple[Collected | None, list[Finding]]:
    """The plan's text with every form's answers, or the findings that stop it (nothing is written then)."""
    import yaml

    from ikplan.checking.loading import load_bytes
    from ikplan.cycle.editable import read_editable
    from ikplan.cycle.excel import _merge_by_ruamel, key_aliases
    from ikplan.cycle.excel_merge import Merge
    from ikplan.cycle.text_edit import Unsupported, parse

    plan = read_editable(
        plan_path,
        config,
        "ta emot svar",
        lambda where: (
            f"{plan_path} har fel{f' ({where})' if where else ''} och kan inte ta emot svar; kör 'ikplan validate'"
        ),
    )
    raw, original, checker, checked = plan.raw, plan.original, plan.checker, plan.checked
    assert checked.plan is not None and checked.settings is not None
    words = checked.settings.words
    findings: list[Finding] = []
    read: list[FormRead] = []
    for file, data in forms:
        form, found = read_form(data, file, checked, period)
        findings += found
        if form is not None:
            read.append(form)
    new = copy.deepcopy(original)
    now = _Plan(checked, new)
    seen: dict[tuple[Any, ...], Answer | NewAction] = {}
    changes: list[tuple[Any, str, Any, list[str]]] = []
    touched: list[dict[str, Any]] = []  # kontrollmoment and risks whose follow-up an answer changes
    already = added = 0

    def refuse(file: str, cell: str, row: int, column: int, message: str) -> None:
        findings.append(Finding(file, row, column, CODE, Severity.ERROR, f"{cell}: {message}"))

    for form in read:
        for a in form.answers:
            is_action = a.target[0] == "åtgärd"
            found = now.action(a.target, form.period) if is_action else now.item(a.target, form.period)
            what = a.target[-1] if a.target[-1] and not a.target[-1].startswith("#") else a.target[-2]
            if found is None:
                refuse(
                    form.file, a.cell, a.row, a.column, f"{what} finns inte längre i planen; raden kan inte tas emot"
                )
                continue
            raw_holder, model, owner = found
            if owner != form.person:
                refuse(
                    form.file,
                    a.cell,
                    a.row,
                    a.column,
                    f"{what} har ansvarig '{owner or 'ingen'}' i planen, inte '{form.person}' som formuläret gäller",
                )
                continue
            slot = (*a.target, form.period, a.key)
            if slot in seen:
                other = seen[slot]
                refuse(
                    form.file,
                    a.cell,
                    a.row,
                    a.column,
                    f"{what} {FIELD_NAMES[a.key]} besvaras i två formulär: '{_shown(a.value)}' här och "
                    f"'{_shown(getattr(other, 'value', None))}' i {other.form} ({other.cell})",
                )
                continue
            seen[slot] = a
            current = _current(model, a.key, form.period, words)
            if current == a.norm:
                already += 1
                continue
            if current != a.base:
                refuse(
                    form.file,
                    a.cell,
                    a.row,
                    a.column,
                    f"konflikt: {what} {FIELD_NAMES[a.key]} har ändrats i planen sedan formuläret gjordes; planen har "
                    f"'{_shown(_word(current, a.key, words))}', formuläret '{_shown(a.value)}' (formuläret visade "
                    f"'{_shown(_word(a.base, a.key, words))}'); ändra planen eller formuläret och samla in igen",
                )
                continue
            if is_action:
                changes.append((raw_holder, a.key, a.value, ACTION_ORDER))
            else:
                changes.append((_follow_up(raw_holder, form.period), a.key, a.value, FOLLOW_UP_ORDER))
                touched.append(raw_holder)
        for n in form.new:
            found = now.item(n.target, form.period)
            if found is None:
                refuse(form.file, n.cell, n.row, 1, f"{n.target[-1]} finns inte längre i planen")
                continue
            raw_holder, model, owner = found
            if owner != form.person:
                refuse(
                    form.file,
                    n.cell,
                    n.row,
                    1,
                    f"{n.target[-1]} har ansvarig '{owner or 'ingen'}' i planen, inte '{form.person}'",
                )
                continue
            slot = (*n.target, form.period, "ny", fold(n.data["beskrivning"]))
            if slot in seen:
                refuse(
                    form.file, n.cell, n.row, 1, f"samma nya åtgärd finns också i {seen[slot].form} ({seen[slot].cell})"
                )
                continue
            seen[slot] = n
            f = model.follow_up.get(form.period)
            if f is not None and any(fold(x.description) == fold(n.data["beskrivning"]) for x in f.actions):
                already += 1
                continue
            responsible = getattr(model, "responsible", None)
            action = dict(n.data)
            if name_of(responsible) != form.person:
                _ordered(action, "ansvarig", form.person, ACTION_ORDER)
            follow_up = _follow_up(raw_holder, form.period)
            listed = follow_up.get("åtgärder")
            if not isinstance(listed, list):
                _ordered(follow_up, "åtgärder", [], FOLLOW_UP_ORDER)
                listed = follow_up["åtgärder"]
            added += 1
            listed.append(
                {k: action[k] for k in sorted(action, key=lambda k: ACTION_ORDER.index(k) if k in ACTION_ORDER else 99)}
            )
    if findings:
        return None, findings
    for mapping, key, value, order in changes:
        if value is None:
            mapping.pop(key, None)
        else:
            _ordered(mapping, key, value, order)
    for holder in touched:
        _drop_empty(holder)
    if new == original:
        return Collected(raw.decode("utf-8-sig"), checked, None, 0, already, len(read)), []
    aliases = key_aliases(checked.settings.settings.config)
    text: str | None = None
    try:
        source = raw.decode("utf-8-sig")
        if "\r" in source:
            raise Unsupported("CRLF")
        by_text = Merge(source, aliases)
        by_text.mapping(parse(source), copy.deepcopy(original), original, new)
        candidate = by_text.result()
        if load_bytes(candidate.encode("utf-8"), plan_path).data == new:
            text = candidate
    except (Unsupported, ValueError, KeyError, TypeError, IndexError, AttributeError, yaml.YAMLError):
        pass  # a layout the slice edits do not take: ruamel's round-trip (comments kept, not every space)
    if text is None:
        text = _merge_by_ruamel(raw, original, new, aliases)
        if load_bytes(text.encode("utf-8"), plan_path).data != new:
            raise IkplanError(f"svaren kunde inte föras in i {plan_path}; ingenting skrevs")
    after = checker.check_bytes(text.encode("utf-8"), plan_path, settings_from=plan_path)
    errors = [f for f in after.findings if f.severity is Severity.ERROR]
    if errors:
        return None, errors
    return Collected(text, checked, after, len(changes) + added, already, len(read)), []


def _follow_up(holder: dict[str, Any], period: str) -> dict[str, Any]:
    """The raw follow-up of a kontrollmoment or risk for the period, made when it is not there."""
    if not isinstance(holder.get("uppföljning"), dict):
        _ordered(holder, "uppföljning", {}, [])
        holder["uppföljning"] = {}
    follow = holder["uppföljning"]
    key = _period_key(holder, period)
    if not isinstance(follow.get(key), dict):
        follow[key] = {}
    return follow[key]  # type: ignore[no-any-return]


def _drop_empty(holder: dict[str, Any]) -> None:
    """A follow-up the answers emptied (its one kommentar taken away) goes, as the text edits take it away."""
    follow = holder.get("uppföljning")
    if isinstance(follow, dict):
        for k in [k for k, v in follow.items() if v == {}]:
            del follow[k]
        if not follow:
            del holder["uppföljning"]


def _word(value: Any, key: str, words: Words) -> Any:
    if key == "resultat" and value is not None:
        return words.outcome_word(value)
    if key == "status" and value is not None:
        return words.status_word(value)
    return value


def _shown(value: Any) -> str:
    from ikplan.text import shorten

    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return shorten(str(value), 60)
