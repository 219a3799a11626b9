"""Excel in and out: a plan as a workbook, and a risk register kept in Excel as a plan.

Sheets (the documented layout; the first row of each sheet holds the column names):

* Plan: two columns, Fält and Värde: Kommun, Nämnd, Förvaltning, År, Titel, Diarienummer,
  Antagen datum, Antagen paragraf, Antagen organ, Handläggare, Antal risker, Ignorera regler.
* Områden: Id, Namn.
* Risker: Id, Nr, Område, Process, Titel, Beskrivning, Obligatorisk, Sannolikhet, Konsekvens,
  Riskvärde, Nivå, Kritisk, Befintliga kontroller, Hantering, Planerad hantering, Motivering,
  then per period "Datum <period>", "Följer plan <period>" and "Kommentar <period>". Nivå and Kritisk are
  computed on export and ignored on import.
* Kontrollmoment: Risk, Id, Nummer, Namn, Beskrivning, Kontrollmetod, Frekvens, Omfattning,
  Ansvarig, Rapporteras till, Tidpunkt, Obligatoriskt, Kommungemensamt, then per period
  "Datum <period>", "Resultat <period>", "Följer plan <period>", "Kommentar <period>".
* Åtgärder: Gäller (a risk or kontrollmoment id), Period (empty for carried), Id,
  Beskrivning, Ansvarig, Slutdatum, Status, Beslutsår, Kommentar, Sekretess.
* Schemaversion 2, written only when the plan has them: Områden also Överordnat, Kontrollmål, Mål;
  Risker also Kontrollmål and Mål (one per line); Kontrollmoment also Stickprov avser and, when the
  plan has stickprov, per period "Granskade", "Avvikelser" and "Planerade tillfällen"; the kommun's
  own fields (fält in ikplan.yaml) as columns named by their keys on Risker and Kontrollmoment;
  the sheets "Tillfällen" (Kontrollmoment, Period, Namn, Datum, Utförd, Granskade, Avvikelser,
  Kommentar), "Ej valda risker" (Id, Område, Titel, Beskrivning, Sannolikhet, Konsekvens, Riskvärde,
  Skäl) and "Avvikelser" (Kontrollmoment, Datum, Beskrivning, Hantering, Rapporterad till, Sekretess).
  An imported plan is written as schemaversion 2.
* Report texts (`rapporter`) are not part of the workbook.
* Riskmatris: the heat map (export only).

A kontrollmetod given as steps is written one step per line as "1. …" and read back as steps.
Only Risker is required on import; a cell that cannot be read is a finding naming it ('Risker!C3').

The workbook speaks the kommun's words: Sannolikhet, Konsekvens and Riskvärde are named as the
matrix and ordlista name them ("Väsentlighet"), resultat and status are the ordlista's words, and
the columns a person fills in have dropdown lists of them. Import writes the kommun's keys and words
back. Into an existing plan (--force) only what changed in the workbook is written (merge_into).
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import os
import re
import warnings
from typing import Any

from ikplan.checking.findings import Finding, Severity
from ikplan.checking.loading import SourceMap
from ikplan.checking.validate import Checked
from ikplan.errors import IkplanError
from ikplan.plan.config import Config, Settings, colour_hex
from ikplan.plan.model import SCHEMA_VERSION, Plan
from ikplan.plan.vocabulary import Words
from ikplan.swedish import capitalize

PLAN_FIELDS: list[tuple[str, str]] = [
    ("Kommun", "kommun"),
    ("Nämnd", "nämnd"),
    ("Förvaltning", "förvaltning"),
    ("År", "år"),
    ("Titel", "titel"),
    ("Diarienummer", "diarienummer"),
    ("Antagen datum", "antagen.datum"),
    ("Antagen paragraf", "antagen.paragraf"),
    ("Antagen organ", "antagen.organ"),
    ("Handläggare", "handläggare"),
    ("Antal risker", "antal_risker"),
    ("Ignorera regler", "ignorera_regler"),
]
RISK_COLUMNS: list[tuple[str, str | None]] = [
    ("Id", "id"),
    ("Nr", "nummer"),
    ("Område", "område"),
    ("Process", "process"),
    ("Titel", "titel"),
    ("Beskrivning", "beskrivning"),
    ("Obligatorisk", "obligatorisk"),
    ("Sannolikhet", "sannolikhet"),
    ("Konsekvens", "konsekvens"),
    ("Riskvärde", "riskvärde"),
    ("Nivå", None),
    ("Kritisk", None),
    ("Befintliga kontroller", "befintliga_kontroller"),
    ("Hantering", "hantering"),
    ("Planerad hantering", "planerad_hantering"),
    ("Motivering", "motivering"),
    ("Kontrollmål", "kontrollmål"),
    ("Mål", "mål"),
]
CONTROL_COLUMNS: list[tuple[str, str | None]] = [
    ("Risk", None),
    ("Id", "id"),
    ("Nummer", "nummer"),
    ("Namn", "namn"),
    ("Beskrivning", "beskrivning"),
    ("Kontrollmetod", "kontrollmetod"),
    ("Frekvens", "frekvens"),
    ("Omfattning", "omfattning"),
    ("Ansvarig", "ansvarig"),
    ("Rapporteras till", "rapporteras_till"),
    ("Tidpunkt", "tidpunkt"),
    ("Obligatoriskt", "obligatoriskt"),
    ("Kommungemensamt", "kommungemensamt"),
    ("Stickprov avser", "stickprov_avser"),
]
ACTION_COLUMNS: list[tuple[str, str | None]] = [
    ("Gäller", None),
    ("Period", None),
    ("Id", "id"),
    ("Beskrivning", "beskrivning"),
    ("Ansvarig", "ansvarig"),
    ("Slutdatum", "slutdatum"),
    ("Status", "status"),
    ("Beslutsår", "beslutsår"),
    ("Kommentar", "kommentar"),
    ("Sekretess", "sekretess"),
]
# Schemaversion 2 sheets, written only when the plan has what they hold.
LEFT_OUT_COLUMNS: list[tuple[str, str]] = [
    ("Id", "id"),
    ("Område", "område"),
    ("Titel", "titel"),
    ("Beskrivning", "beskrivning"),
    ("Sannolikhet", "sannolikhet"),
    ("Konsekvens", "konsekvens"),
    ("Riskvärde", "riskvärde"),
    ("Skäl", "skäl"),
]
SAMPLE_KINDS = ("Granskade", "Avvikelser", "Planerade tillfällen")  # per period, when the plan has stickprov
OCCASION_COLUMNS: list[tuple[str, str]] = [
    ("Kontrollmoment", ""),
    ("Period", ""),
    ("Namn", "namn"),
    ("Datum", "datum"),
    ("Utförd", "utförd"),
    ("Granskade", "granskade"),
    ("Avvikelser", "avvikelser"),
    ("Kommentar", "kommentar"),
]
DEVIATION_COLUMNS: list[tuple[str, str]] = [
    ("Kontrollmoment", ""),
    ("Datum", "datum"),
    ("Beskrivning", "beskrivning"),
    ("Hantering", "hantering"),
    ("Rapporterad till", "rapporterad_till"),
    ("Sekretess", "sekretess"),
]
AREA_COLUMNS = [
    ("Id", "id"),
    ("Namn", "namn"),
    ("Överordnat", "överordnat"),
    ("Kontrollmål", "kontrollmål"),
    ("Mål", "mål"),
]
AXIS_KEYS = ("sannolikhet", "konsekvens", "riskvärde")  # columns named as the kommun names them
EXCEL_MAX_TEXT = 32_767  # characters in one cell; Excel cuts a longer text without a word
FOLLOWS_PLAN_CHOICES = ("ja", "nej", "delvis")
_STEP = re.compile(r"^\s*\d+[.)]\s+")
_BOOL_FIELDS = {"obligatorisk", "obligatoriskt", "sekretess", "utförd"}


# --- export ---------------------------------------------------------------------------------------


def _cell_value(value: Any, key: str = "") -> Any:
    if isinstance(value, list):
        if key == "kontrollmetod":  # steps, one per line, read back as steps
            return "\n".join(f"{i}. {v}" for i, v in enumerate(value, start=1))
        if key == "mål":  # a goal may hold a comma: one per line
            return "\n".join(str(v) for v in value)
        return ", ".join(str(getattr(v, "value", v)) for v in value)
    if isinstance(value, bool):
        return "ja" if value else "nej"
    return value


def _clean_append(append: Any) -> Any:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    from ikplan.text import visible

    def clean(row: list[Any]) -> None:
        append([visible(v) if isinstance(v, str) and ILLEGAL_CHARACTERS_RE.search(v) else v for v in row])

    return clean


def _text_cells(wb: Any) -> None:
    """Every text as a string cell: never a formula ('=HYPERLINK(…)' from a plan stays text in
    Excel, and comes back as text on import)."""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.data_type == "f":
                    c.data_type = "s"


def export_workbook(checked: Checked) -> bytes:
    """The plan as a workbook. A text longer than a cell holds is refused (IkplanError naming it):
    Excel would cut it without a word, and the import would then shorten the plan."""
    too_long = _too_long(checked)
    if too_long:
        raise IkplanError(too_long)
    wb = build_workbook(checked)
    _text_cells(wb)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _too_long(checked: Checked) -> str | None:
    """The first text of the plan that no cell can hold, as 'plan.yaml:12:18: risk R1 › beskrivning …'."""
    assert checked.plan is not None
    data = checked.plan.model_dump(by_alias=True, mode="python", exclude={"reports", "matrix", "vocabulary"})
    stack: list[tuple[tuple[str | int, ...], Any]] = [((), data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            stack += [((*path, k), v) for k, v in value.items()]
        elif isinstance(value, list):
            if path and path[-1] == "kontrollmetod":  # steps share one cell, numbered
                value = _cell_value(value, "kontrollmetod")
                stack.append((path, value))
                continue
            stack += [((*path, i), v) for i, v in enumerate(value)]
        elif isinstance(value, str) and len(value) > EXCEL_MAX_TEXT:
            line, column = checked.source.locate(path)
            return (
                f"{checked.file}:{line}:{column}: {_label(data, path)} har {len(value):,} tecken men en cell i Excel "
                f"rymmer högst {EXCEL_MAX_TEXT:,}; ingen Excel-fil skrevs (korta texten, eller lägg den i en "
                "bilaga och hänvisa till den)"
            ).replace(",", " ")
    return None


def _label(data: Any, path: tuple[str | int, ...]) -> str:
    """A path in words: 'risk R1 › kontrollmoment K1 › uppföljning › delår › kommentar'."""
    nouns = {"risker": "risk", "kontrollmoment": "kontrollmoment", "åtgärder": "åtgärd", "områden": "område"}
    parts: list[str] = []
    node = data
    for i, step in enumerate(path):
        node = node[step]
        if isinstance(step, int):
            continue
        if i + 1 < len(path) and isinstance(path[i + 1], int):
            item = node[path[i + 1]]
            ident = item.get("id") if isinstance(item, dict) else None
            number = path[i + 1]
            parts.append(f"{nouns.get(step, step)} {ident if ident is not None else int(number) + 1}")
        else:
            parts.append(str(step))
    return " › ".join(parts)


def axis_headers(checked: Checked) -> dict[str, str]:
    """The Risker columns named as the kommun names them: 'Väsentlighet', 'Risktal'."""
    assert checked.settings is not None
    matrix, words = checked.settings.matrix, checked.settings.words
    return {
        "sannolikhet": capitalize(matrix.likelihood.name),
        "konsekvens": capitalize(matrix.consequence.name),
        "riskvärde": capitalize(words.risk_value),
    }


def build_workbook(checked: Checked, styled: bool = True) -> Any:
    """The workbook in memory; without `styled` only its values (what import compares with)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    assert checked.plan is not None and checked.settings is not None
    plan, matrix, words = checked.plan, checked.settings.matrix, checked.settings.words
    periods = [p.id for p in checked.settings.periods]
    data = plan.model_dump(by_alias=True, mode="python")
    names = axis_headers(checked)
    wb = Workbook()
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")

    def sheet(title: str, headers: list[str], first: bool = False) -> Any:
        ws = wb.active if first else wb.create_sheet()
        ws.title = title
        ws.append = _clean_append(ws.append)  # control characters shown, never an IllegalCharacterError
        ws.append(headers)
        if styled:
            for c in ws[1]:
                c.font = bold
            ws.freeze_panes = "A2"
        return ws

    def widths(ws: Any) -> None:
        if styled:
            _widths(ws, wrap)

    adopted = plan.adopted
    ws = sheet("Plan", ["Fält", "Värde"], first=True)
    for label, field_key in PLAN_FIELDS:
        if field_key.startswith("antagen."):
            part = {"datum": "date", "paragraf": "paragraph", "organ": "body"}[field_key.split(".")[1]]
            ws.append([label, getattr(adopted, part) if adopted is not None else None])
        else:
            ws.append([label, _cell_value(data.get(field_key)) or None])
    if styled:
        ws.column_dimensions["A"].width = 18
        ws.column_dimensions["B"].width = 50

    ws = sheet("Områden", ["Id", "Namn", "Överordnat", "Kontrollmål", "Mål"])
    for area in plan.areas:
        ws.append([area.id, area.name, area.parent, area.control_objective, _cell_value(area.goals, "mål") or None])
    config = checked.settings.settings.config
    risk_own = [f.name for f in config.fields_for("risk")]
    control_own = [f.name for f in config.fields_for("kontrollmoment")]

    risk_headers = [names.get(key or "", h) for h, key in RISK_COLUMNS] + [
        f"{h} {p}" for p in periods for h in ("Datum", "Följer plan", "Kommentar")
    ]
    risk_headers += risk_own  # the kommun's own fields, by their keys, so that import finds them again
    ws = sheet("Risker", risk_headers)
    # row numbers are counted here: openpyxl's ws.max_row scans every cell on each call
    for row_no, (risk, rd) in enumerate(zip(plan.risks, data["risker"], strict=True), start=2):
        band = matrix.band_for(risk.score)
        row = []
        for header, key in RISK_COLUMNS:
            if header == "Nivå":
                row.append(band.name if band else None)
            elif header == "Kritisk":
                row.append("ja" if matrix.is_critical(risk.score) else "nej")
            else:
                row.append(_cell_value(rd.get(key), key) if key else None)
        for p in periods:
            f = rd["uppföljning"].get(p) or {}
            row += [f.get("datum"), _cell_value(f.get("följer_plan")), f.get("kommentar")]
        row += [_cell_value(risk.fields.get(name)) for name in risk_own]
        ws.append(row)
        if band and styled:
            fill = PatternFill("solid", fgColor=colour_hex(band.colour).lstrip("#").upper())
            for col in (10, 11):
                ws.cell(row=row_no, column=col).fill = fill
    widths(ws)
    if styled:
        _choices(wb, ws, risk_headers, len(plan.risks), _risk_choices(checked, names))

    control_headers = [h for h, _ in CONTROL_COLUMNS] + [
        f"{h} {p}" for p in periods for h in ("Datum", "Resultat", "Följer plan", "Kommentar")
    ]
    controls = [c for *_, c in plan.all_controls()]
    follow_ups = [f for c in controls for f in c.follow_up.values()]
    samples = any(
        f.sampled is not None or f.deviations is not None or f.planned_occasions is not None for f in follow_ups
    )
    if samples:
        control_headers += [f"{h} {p}" for p in periods for h in SAMPLE_KINDS]
    ws = sheet("Kontrollmoment", control_headers + control_own)
    for risk, rd in zip(plan.risks, data["risker"], strict=True):
        for control, cd in zip(risk.controls, rd["kontrollmoment"], strict=True):
            row = [rd["id"]] + [_cell_value(cd.get(key), key or "") for _, key in CONTROL_COLUMNS[1:]]
            for p in periods:
                f = cd["uppföljning"].get(p) or {}
                fu = control.follow_up.get(p)
                said = words.outcome_word(fu.outcome, fu.outcome_written) if fu and fu.outcome else None
                row += [f.get("datum"), said, _cell_value(f.get("följer_plan")), f.get("kommentar")]
            if samples:
                for p in periods:
                    f = cd["uppföljning"].get(p) or {}
                    row += [f.get("granskade"), f.get("avvikelser"), f.get("planerade_tillfällen")]
            row += [_cell_value(cd.get("fält", {}).get(name)) for name in control_own]
            ws.append(row)
    widths(ws)
    if styled:
        outcome_choices = {f"Resultat {p}": words.outcome_choices() for p in periods}
        follows = {f"Följer plan {p}": list(FOLLOWS_PLAN_CHOICES) for p in periods}
        _choices(wb, ws, control_headers, len(controls), outcome_choices | follows)

    occasions = [(c.id, period, o) for c in controls for period, f in c.follow_up.items() for o in f.occasions]
    if occasions:
        ws = sheet("Tillfällen", [h for h, _ in OCCASION_COLUMNS])
        for control_id, period, o in occasions:
            od = o.model_dump(by_alias=True, mode="python")
            ws.append([control_id, period] + [_cell_value(od.get(key)) for _, key in OCCASION_COLUMNS[2:]])
        widths(ws)

    if plan.not_chosen:
        left_headers = [names.get(key, h) for h, key in LEFT_OUT_COLUMNS]
        ws = sheet("Ej valda risker", left_headers)
        for ld in data["ej_valda_risker"]:
            ws.append([_cell_value(ld.get(key)) for _, key in LEFT_OUT_COLUMNS])
        widths(ws)
        if styled:
            _choices(wb, ws, left_headers, len(plan.not_chosen), _risk_choices(checked, names))
    deviations = [(c.id, d) for c in controls for d in c.deviations]
    if deviations:
        ws = sheet("Avvikelser", [h for h, _ in DEVIATION_COLUMNS])
        for control_id, d in deviations:
            dd = d.model_dump(by_alias=True, mode="python")
            ws.append([control_id] + [_cell_value(dd.get(key)) or None for _, key in DEVIATION_COLUMNS[1:]])
        widths(ws)

    action_headers = [h for h, _ in ACTION_COLUMNS]
    ws = sheet("Åtgärder", action_headers)
    count = 0
    for placed in plan.iter_actions():
        a = placed.action.model_dump(by_alias=True, mode="python")
        owner = placed.control.id if placed.control is not None else placed.risk.id
        action_row: list[Any] = [owner, placed.period or ""]
        for _, k in ACTION_COLUMNS[2:]:
            if k == "status":
                status = placed.action.status
                action_row.append(words.status_word(status, placed.action.status_written) if status else None)
            else:
                action_row.append(_cell_value(a.get(k or "")) if a.get(k or "") is not False else None)
        ws.append(action_row)
        count += 1
    widths(ws)
    if not styled:
        return wb
    _choices(wb, ws, action_headers, count, {"Status": words.status_choices()})

    ws = sheet(
        "Riskmatris",
        [f"{matrix.likelihood.name} \\ {matrix.consequence.name}"]
        + [f"{lv.value} {lv.name}" for lv in matrix.consequence.levels],
    )
    from ikplan.followup.scoring import heat_map, score_plan

    heat = heat_map(matrix, score_plan(checked))
    for row_no, grid_row in enumerate(heat.rows, start=2):
        label = matrix.label("likelihood", grid_row[0].likelihood) or ""
        ws.append([f"{grid_row[0].likelihood} {label}"] + [", ".join(c.ids) for c in grid_row])
        for i, c in enumerate(grid_row, start=2):
            ws.cell(row=row_no, column=i).fill = PatternFill("solid", fgColor=c.colour.lstrip("#").upper())
    ws.append([])
    ws.append([capitalize(matrix.legend("riskvärde"))] + [f"{b.name} {b.low}–{b.high}" for b in matrix.bands])
    return wb


def _risk_choices(checked: Checked, names: dict[str, str]) -> dict[str, list[str | int]]:
    """Sannolikhet and the second axis: the matrix's levels 1..N; följer plan: ja, nej, delvis."""
    assert checked.settings is not None
    matrix = checked.settings.matrix
    out: dict[str, list[str | int]] = {
        names["sannolikhet"]: [lv.value for lv in matrix.likelihood.levels],
        names["konsekvens"]: [lv.value for lv in matrix.consequence.levels],
    }
    return out | {f"Följer plan {p.id}": list(FOLLOWS_PLAN_CHOICES) for p in checked.settings.periods}


CHOICE_ROWS = 500  # rows below the last filled one that still get a column's list (for new rows)


def _choices(wb: Any, ws: Any, headers: list[str], rows: int, choices: dict[str, list[Any]]) -> None:
    """A dropdown with the kommun's words on each column a person fills in. A list Excel cannot take
    inline (over 255 characters, or a word with a comma or a quote) is put on a hidden sheet 'Val'."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    for header, values in choices.items():
        if header not in headers or not values:
            continue
        letter = get_column_letter(headers.index(header) + 1)
        words = [str(v) for v in values]
        inline = ",".join(words)
        if len(inline) <= 255 and not any("," in w or '"' in w for w in words):
            formula = f'"{inline}"'
        else:
            lists = wb["Val"] if "Val" in wb.sheetnames else wb.create_sheet("Val")
            lists.sheet_state = "hidden"
            column = lists.max_column + 1 if lists.max_row > 1 or lists["A1"].value is not None else 1
            for i, w in enumerate(words, start=1):
                lists.cell(row=i, column=column, value=w)
            col = get_column_letter(column)
            formula = f"Val!${col}$1:${col}${len(words)}"
        dv = DataValidation(type="list", formula1=formula, allow_blank=True)
        dv.error = "Välj ett av värdena i listan."
        dv.errorTitle = "Värdet finns inte i listan"
        dv.showErrorMessage = True
        dv.add(f"{letter}2:{letter}{rows + 1 + CHOICE_ROWS}")
        ws.add_data_validation(dv)


def _widths(ws: Any, wrap: Any) -> None:
    from openpyxl.styles.cell_style import StyleArray

    alignment_id = None  # `wrap` is looked up in the workbook's style table once, not once per cell
    for column in ws.columns:
        letter = column[0].column_letter
        longest = max((len(str(c.value)) for c in column if c.value is not None), default=8)
        ws.column_dimensions[letter].width = min(max(10, longest + 2), 60)
        for c in column[1:]:
            if alignment_id is None:
                c.alignment = wrap
                alignment_id = c._style.alignmentId
            else:
                if not c._style:
                    c._style = StyleArray()
                c._style.alignmentId = alignment_id


# --- import ---------------------------------------------------------------------------------------

# The sheets a position can name. An imported document's SourceMap holds (sheet number × _SPAN + row,
# column), so that findings from the schema and the rules can be turned back into 'Blad!A1' (_at_cells).
SHEETS = ("Plan", "Områden", "Risker", "Kontrollmoment", "Åtgärder", "Tillfällen", "Ej valda risker", "Avvikelser")
_SPAN = 100_000  # more than MAX_ROWS
Sheets = dict[str, list[list[Any]]]  # a workbook's values: per sheet, its rows from row 1


def cell_name(sheet: str, row: int, column: int) -> str:
    """'Kontrollmoment!J10', as Excel names a cell."""
    from openpyxl.utils import get_column_letter

    return f"{sheet}!{get_column_letter(max(column, 1))}{row}"


def _at_cells(findings: list[Finding], file: str) -> list[Finding]:
    """Findings in an imported document as cells: line and column are the cell's row and column
    (for json and the other formats), and the message begins with the cell's name."""
    out = []
    for f in findings:
        if f.file == file and _SPAN <= f.line < (len(SHEETS) + 1) * _SPAN:
            sheet, row = SHEETS[f.line // _SPAN - 1], f.line % _SPAN
            column = max(f.column, 1)
            f = Finding(f.file, row, column, f.code, f.severity, f"{cell_name(sheet, row, column)}: {f.message}")
        out.append(f)
    return out


_CELL = re.compile(r"(?P<sheet>[^!\n]+)!(?P<col>[A-Z]{1,3})(?P<row>\d+): (?P<rest>.*)", re.S)


def findings_text(findings: list[Finding]) -> str:
    """The findings of `ikplan import`, a cell of the workbook shown where file:line:col would
    stand ('bok.xlsx: Kontrollmoment!J10: IK060 [fel] …'); other findings as every command shows them."""
    from openpyxl.utils import column_index_from_string

    from ikplan.checking.reporters import text

    lines = []
    for f in findings:
        m = _CELL.fullmatch(f.message)
        if m and int(m["row"]) == f.line and column_index_from_string(m["col"]) == f.column:
            lines.append(f"{f.file}: {m['sheet']}!{m['col']}{m['row']}: {f.code} [{f.severity.swedish}] {m['rest']}")
        else:
            lines.append(text([f], 1).rstrip("\n"))
    return "\n".join(lines) + ("\n" if lines else "")


class _Reader:
    """Reads one sheet by column name; positions are the sheet's cells."""

    def __init__(self, sheet: str, rows: list[list[Any]], file: str, findings: list[Finding]) -> None:
        self.sheet = sheet
        self.file = file
        self.findings = findings
        self._rows = rows
        header = [str(c).strip() if c is not None else "" for c in (rows[0] if rows else [])]
        self.columns: dict[str, int] = {}
        for i, name in enumerate(header):
            if name:
                self.columns.setdefault(name, i)

    def rows(self) -> Any:
        for row, values in enumerate(self._rows[1:], start=2):
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
                continue
            yield row, values

    def first(self, names: list[str]) -> str:
        """The first of `names` the sheet has as a column (the kommun's 'Väsentlighet' or 'Konsekvens')."""
        return next((n for n in names if n in self.columns), names[-1])

    def get(self, values: list[Any], name: str) -> Any:
        i = self.columns.get(name)
        if i is None or i >= len(values):
            return None
        value = values[i]
        if isinstance(value, str):
            value = value.strip()
            return value or None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, float) and value.is_integer():
            return int(value)
        return value

    def column(self, name: str) -> int:
        return self.columns.get(name, 0) + 1

    def pos(self, row: int, name: str | None = None) -> tuple[int, int]:
        return (SHEETS.index(self.sheet) + 1) * _SPAN + row, self.column(name) if name else 1

    def error(self, row: int, name: str, message: str) -> None:
        self.findings.append(Finding(self.file, *self.pos(row, name), "IK060", Severity.ERROR, message))


_INT_FIELDS = {
    "sannolikhet",
    "konsekvens",
    "riskvärde",
    "nummer",
    "beslutsår",
    "granskade",
    "avvikelser",
    "planerade_tillfällen",
    "antal_risker",
    "år",
}


def _convert(key: str, value: Any) -> Any:
    if value is None:
        return None
    if key in _BOOL_FIELDS or key == "följer_plan":
        text = str(value).strip().lower()
        if text in ("ja", "true", "x", "1"):
            return True if key in _BOOL_FIELDS else "ja"
        if text in ("nej", "false", "", "0"):
            return False if key in _BOOL_FIELDS else "nej"
        return value
    if key in _INT_FIELDS and isinstance(value, str) and value.strip().isdigit():
        return int(value)  # a number picked from a list or typed as text
    if key == "hantering":
        return [h.strip() for h in str(value).split(",") if h.strip()]
    if key == "mål":
        return [g.strip() for g in str(value).splitlines() if g.strip()]
    if key == "kontrollmetod" and isinstance(value, str):
        lines = [ln for ln in value.splitlines() if ln.strip()]
        if len(lines) > 1 and all(_STEP.match(ln) for ln in lines):
            return [_STEP.sub("", ln, count=1) for ln in lines]
    return value


MAX_XLSX_BYTES = 20 * 1024 * 1024  # the .xlsx file itself
MAX_UNPACKED = 100 * 1024 * 1024  # its parts unpacked (a zip bomb stops here)
MAX_SHEET_XML = 8 * 1024 * 1024  # the sheets' XML unpacked, which decides the cells held in memory
MAX_PARTS = 2_000
MAX_ROWS = 10_000
MAX_COLUMNS = 200
MAX_CELLS = 250_000  # rows × columns a sheet may span (a real register: a few hundred rows, 40 columns)


def _zip_problem(raw: bytes) -> str | None:
    """Why a workbook is refused before openpyxl reads it, or None."""
    import zipfile

    if len(raw) > MAX_XLSX_BYTES:
        return f"filen är {len(raw) / 1e6:.1f} MB; ikplan läser högst {MAX_XLSX_BYTES // (1024 * 1024)} MB"
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return "filen går inte att läsa som Excel (.xlsx): den är ingen zip-fil"
    if len(infos) > MAX_PARTS:
        return f"arbetsboken har {len(infos)} delar; ikplan läser högst {MAX_PARTS}"
    unpacked = sum(i.file_size for i in infos)
    sheets = sum(i.file_size for i in infos if i.filename.startswith(("xl/worksheets/", "xl/sharedStrings")))
    if sheets > MAX_SHEET_XML:  # every cell becomes an object in memory: bound them before openpyxl reads
        return (
            f"arbetsbokens blad är {sheets / 1e6:.0f} MB uppackade; ikplan läser högst "
            f"{MAX_SHEET_XML // (1024 * 1024)} MB (ett riskregister är sällan över 1 MB)"
        )
    if unpacked > MAX_UNPACKED:
        return f"arbetsboken packas upp till {unpacked / 1e6:.0f} MB; ikplan läser högst {MAX_UNPACKED // (1024 * 1024)} MB"
    return None


def import_workbook(
    raw: bytes, file: str, config: Config | None = None
) -> tuple[dict[str, Any] | None, SourceMap, list[Finding]]:
    """A plan document (as loaded from YAML, in the kommun's keys and words) from a workbook, with
    positions of cells (see _at_cells). With the kommun's `config`, its own fields (fält) are read
    from the columns named by their keys, and its words for resultat and status are written."""
    from openpyxl import load_workbook

    source = SourceMap()
    too_big = _zip_problem(raw)
    if too_big:
        return None, source, [Finding(file, 0, 0, "IK016", Severity.ERROR, too_big)]
    try:
        with warnings.catch_warnings():
            # openpyxl warns in English about what it drops (styles, extensions, impossible dates);
            # the import reads values only, and what it cannot use becomes a Swedish finding
            warnings.simplefilter("ignore")
            wb = load_workbook(io.BytesIO(raw), data_only=True, read_only=False)
    except Exception:  # openpyxl raises many kinds (with English texts) for a file that is not a workbook
        return (
            None,
            source,
            [Finding(file, 0, 0, "IK060", Severity.ERROR, "filen går inte att läsa som Excel (.xlsx)")],
        )
    if "Risker" not in wb.sheetnames:
        return None, source, [Finding(file, 0, 0, "IK060", Severity.ERROR, "bladet 'Risker' saknas")]
    for ws in wb.worksheets:  # the real extent (from the cells read, not the file's claim) before any row
        rows, columns = ws.max_row, ws.max_column
        if rows > MAX_ROWS or columns > MAX_COLUMNS or rows * columns > MAX_CELLS:
            message = (
                f"bladet '{ws.title}' når rad {rows}, kolumn {columns}; ikplan läser högst {MAX_ROWS} rader, "
                f"{MAX_COLUMNS} kolumner och {MAX_CELLS} celler (en tom cell långt bort räcker: ta bort den)"
            )
            return None, source, [Finding(file, 0, 0, "IK016", Severity.ERROR, message)]
    return read_sheets(sheet_values(wb), file, config)


def sheet_values(wb: Any) -> Sheets:
    """Each sheet's values, row by row; a merged range (an Område over B2:B4) gives its value to every
    row it spans, as a reader of the sheet sees it (openpyxl leaves all but the first cell empty)."""
    out: Sheets = {}
    for ws in wb.worksheets:
        if ws.title not in SHEETS:
            continue
        rows = [list(r) for r in ws.iter_rows(min_row=1, max_row=ws.max_row, max_col=ws.max_column, values_only=True)]
        for merged in (getattr(ws, "merged_cells", None) and ws.merged_cells.ranges) or ():
            top, column = merged.min_row - 1, merged.min_col - 1
            if top >= len(rows) or column >= len(rows[top]):
                continue
            for r in range(top + 1, min(merged.max_row, len(rows))):
                if rows[r][column] is None:
                    rows[r][column] = rows[top][column]
        out[ws.title] = rows
    return out


def _kommun_keys(config: Config | None) -> dict[str, str]:
    """The kommun's keys for ikplan's ('konsekvens' → 'väsentlighet'): the matrix's axis names first."""
    out: dict[str, str] = {}
    for alias, key in (config.key_aliases if config else {}).items():
        out.setdefault(key, alias)
    return out


def key_aliases(config: Config | None) -> dict[str, tuple[str, ...]]:
    """For a key of an imported document, the other names the same key may have in a plan file."""
    groups: dict[str, list[str]] = {}
    for alias, key in (config.key_aliases if config else {}).items():
        groups.setdefault(key, [key]).append(alias)
    return {name: tuple(n for n in names if n != name) for names in groups.values() for name in names}


def read_sheets(
    sheets: Sheets, file: str, config: Config | None = None, words: Words | None = None
) -> tuple[dict[str, Any], SourceMap, list[Finding]]:
    """The plan document a workbook's values give (the same reading for a workbook sent back and for
    the one ikplan would export from a plan, so that comparing them shows exactly what was edited)."""
    from ikplan.plan.vocabulary import Words as AllWords

    own = {level: [f.name for f in config.fields_for(level)] for level in ("risk", "kontrollmoment")} if config else {}
    words = words or (config.vocabulary.words if config else AllWords())
    kommun = _kommun_keys(config)
    findings: list[Finding] = []
    source = SourceMap()

    def header_names(key: str) -> list[str]:
        """A column's names: the kommun's ('Väsentlighet') before ikplan's ('Konsekvens')."""
        names = [capitalize(a) for a, k in (config.key_aliases if config else {}).items() if k == key]
        return [*names, capitalize(key)]

    def word(key: str, value: Any) -> Any:
        """A result or status as the kommun writes it ('Godkänd'), also when typed as 'godkänd'."""
        if not isinstance(value, str):
            return value
        if key == "resultat":
            found = words.read_outcome(value)
            return words.outcome_word(found, value) if found is not None else value
        found_s = words.read_status(value)
        return words.status_word(found_s, value) if found_s is not None else value

    doc: dict[str, Any] = {"schemaversion": SCHEMA_VERSION}
    if "Plan" in sheets:
        for row, r in enumerate(sheets["Plan"][1:], start=2):
            if not r or r[0] is None or len(r) < 2 or r[1] in (None, ""):
                continue
            label, value = str(r[0]).strip(), r[1]
            field_key = dict(PLAN_FIELDS).get(label)
            if field_key is None:
                continue
            if isinstance(value, str):
                value = value.strip()
            if field_key == "ignorera_regler":
                value = [v.strip() for v in str(value).split(",") if v.strip()]
            elif isinstance(value, dt.datetime):
                value = value.date()
            elif isinstance(value, float) and value.is_integer():
                value = int(value)
            value = _convert(field_key, value)
            path: tuple[str | int, ...] = tuple(field_key.split("."))
            if len(path) == 2:
                doc.setdefault(str(path[0]), {})[str(path[1])] = value
            else:
                doc[field_key] = value
            source.values[path] = source.keys[path] = ((SHEETS.index("Plan") + 1) * _SPAN + row, 2)
    if "Områden" in sheets:
        reader = _Reader("Områden", sheets["Områden"], file, findings)
        areas: list[dict[str, Any]] = []
        for row, v in reader.rows():
            apath: tuple[str | int, ...] = ("områden", len(areas))
            source.values[apath] = reader.pos(row)
            area: dict[str, Any] = {}
            for header, area_key in AREA_COLUMNS:
                if (value := _convert(area_key, reader.get(v, header))) is not None:
                    area[area_key] = value
                    source.values[(*apath, area_key)] = source.keys[(*apath, area_key)] = reader.pos(row, header)
            areas.append(area)
        doc["områden"] = areas

    risks: list[dict[str, Any]] = []
    by_id: dict[str, dict[str, Any]] = {}
    paths: dict[int, tuple[str | int, ...]] = {}  # id() of a risk or kontrollmoment → its path
    reader = _Reader("Risker", sheets.get("Risker", []), file, findings)
    for row, values in reader.rows():
        risk: dict[str, Any] = {}
        rpath: tuple[str | int, ...] = ("risker", len(risks))
        source.values[rpath] = reader.pos(row)
        for header, key in RISK_COLUMNS:
            if not key:
                continue
            column = reader.first(header_names(key)) if key in AXIS_KEYS else header
            value = _convert(key, reader.get(values, column))
            if value is not None:
                written = kommun.get(key, key)
                risk[written] = value
                for k in {key, written}:
                    source.values[(*rpath, k)] = source.keys[(*rpath, k)] = reader.pos(row, column)
        follow = _follow_ups(
            reader, values, row, ("Datum", "Följer plan", "Kommentar"), (*rpath, "uppföljning"), source
        )
        if follow:
            risk["uppföljning"] = follow
        _own_columns(reader, values, row, own.get("risk", []), risk, rpath, source)
        if "id" not in risk:
            reader.error(row, "Id", "risken saknar id")
            continue
        if str(risk["id"]) in by_id:
            reader.error(row, "Id", f"id '{risk['id']}' finns redan på en tidigare rad")
            continue
        by_id[str(risk["id"])] = risk
        paths[id(risk)] = rpath
        risks.append(risk)
    doc["risker"] = risks

    controls: dict[str, dict[str, Any]] = {}
    if "Kontrollmoment" in sheets:
        reader = _Reader("Kontrollmoment", sheets["Kontrollmoment"], file, findings)
        kinds = ("Datum", "Resultat", "Följer plan", "Kommentar", *SAMPLE_KINDS)
        for row, values in reader.rows():
            owner = reader.get(values, "Risk")
            if owner is None or str(owner) not in by_id:
                reader.error(row, "Risk", f"risken '{owner}' finns inte i bladet Risker")
                continue
            risk = by_id[str(owner)]
            control: dict[str, Any] = {}
            cpath = (*paths[id(risk)], "kontrollmoment", len(risk.get("kontrollmoment", [])))
            source.values[cpath] = reader.pos(row)
            for header, key in CONTROL_COLUMNS[1:]:
                value = _convert(key, reader.get(values, header)) if key else None
                if value is not None and key:
                    control[key] = value
                    source.values[(*cpath, key)] = source.keys[(*cpath, key)] = reader.pos(row, header)
            follow = _follow_ups(reader, values, row, kinds, (*cpath, "uppföljning"), source, word)
            if follow:
                control["uppföljning"] = follow
            _own_columns(reader, values, row, own.get("kontrollmoment", []), control, cpath, source)
            risk.setdefault("kontrollmoment", []).append(control)
            paths[id(control)] = cpath
            if "id" in control:
                controls[str(control["id"])] = control

    if "Åtgärder" in sheets:
        reader = _Reader("Åtgärder", sheets["Åtgärder"], file, findings)
        for row, values in reader.rows():
            owner_id = reader.get(values, "Gäller")
            holder = controls.get(str(owner_id)) or by_id.get(str(owner_id))
            if holder is None:
                reader.error(row, "Gäller", f"'{owner_id}' är varken en risk eller ett kontrollmoment i arbetsboken")
                continue
            action: dict[str, Any] = {}
            period = reader.get(values, "Period")
            if period:
                listed = holder.setdefault("uppföljning", {}).setdefault(str(period), {}).setdefault("åtgärder", [])
                base: tuple[str | int, ...] = (*paths[id(holder)], "uppföljning", str(period), "åtgärder")
            else:
                listed = holder.setdefault("åtgärder", [])
                base = (*paths[id(holder)], "åtgärder")
            xpath = (*base, len(listed))
            source.values[xpath] = reader.pos(row)
            for header, key in ACTION_COLUMNS[2:]:
                value = _convert(key or "", reader.get(values, header))
                if key and value is not None:
                    action[key] = word("status", value) if key == "status" else value
                    source.values[(*xpath, key)] = source.keys[(*xpath, key)] = reader.pos(row, header)
            listed.append(action)
    if "Ej valda risker" in sheets:
        reader = _Reader("Ej valda risker", sheets["Ej valda risker"], file, findings)
        left_out: list[dict[str, Any]] = []
        for row, values in reader.rows():
            lpath: tuple[str | int, ...] = ("ej_valda_risker", len(left_out))
            source.values[lpath] = reader.pos(row)
            item: dict[str, Any] = {}
            for header, key in LEFT_OUT_COLUMNS:
                column = reader.first(header_names(key)) if key in AXIS_KEYS else header
                if (value := _convert(key, reader.get(values, column))) is not None:
                    written = kommun.get(key, key)
                    item[written] = value
                    for k in {key, written}:
                        source.values[(*lpath, k)] = source.keys[(*lpath, k)] = reader.pos(row, column)
            left_out.append(item)
        doc["ej_valda_risker"] = left_out
    if "Tillfällen" in sheets:
        reader = _Reader("Tillfällen", sheets["Tillfällen"], file, findings)
        for row, values in reader.rows():
            control_id, period = reader.get(values, "Kontrollmoment"), reader.get(values, "Period")
            target = controls.get(str(control_id))
            if target is None or period is None:
                reader.error(row, "Kontrollmoment", f"kontrollmomentet '{control_id}' eller perioden saknas")
                continue
            follow_up = target.setdefault("uppföljning", {}).setdefault(str(period), {})
            opath = (*paths[id(target)], "uppföljning", str(period), "tillfällen")
            opath = (*opath, len(follow_up.get("tillfällen", [])))
            source.values[opath] = reader.pos(row)
            occasion: dict[str, Any] = {}
            for header, key in OCCASION_COLUMNS[2:]:
                if (v := reader.get(values, header)) is not None:
                    occasion[key] = _convert(key, v)
                    source.values[(*opath, key)] = source.keys[(*opath, key)] = reader.pos(row, header)
            follow_up.setdefault("tillfällen", []).append(occasion)
    if "Avvikelser" in sheets:
        reader = _Reader("Avvikelser", sheets["Avvikelser"], file, findings)
        for row, values in reader.rows():
            control_id = reader.get(values, "Kontrollmoment")
            target = controls.get(str(control_id))
            if target is None:
                reader.error(
                    row, "Kontrollmoment", f"kontrollmomentet '{control_id}' finns inte i bladet Kontrollmoment"
                )
                continue
            deviation: dict[str, Any] = {}
            dpath = (*paths[id(target)], "noterade_avvikelser", len(target.get("noterade_avvikelser", [])))
            source.values[dpath] = reader.pos(row)
            for header, key in DEVIATION_COLUMNS[1:]:
                if (v := reader.get(values, header)) is not None:
                    # 'hantering' here is text, not a risk's list of choices
                    deviation[key] = _convert(key, v) if key == "sekretess" else v
                    source.values[(*dpath, key)] = source.keys[(*dpath, key)] = reader.pos(row, header)
            target.setdefault("noterade_avvikelser", []).append(deviation)
    return doc, source, _at_cells(findings, file)


def _own_columns(
    reader: _Reader,
    values: list[Any],
    row: int,
    names: list[str],
    holder: dict[str, Any],
    path: tuple[str | int, ...],
    source: SourceMap,
) -> None:
    """The kommun's own fields, from the columns named by their keys (as export writes them)."""
    for name in names:
        value = reader.get(values, name)
        if value is not None:
            holder[name] = value
            source.values[(*path, name)] = source.keys[(*path, name)] = reader.pos(row, name)


_FOLLOW_UP_KEYS = {
    "Datum": "datum",
    "Resultat": "resultat",
    "Följer plan": "följer_plan",
    "Kommentar": "kommentar",
    "Granskade": "granskade",
    "Avvikelser": "avvikelser",
    "Planerade tillfällen": "planerade_tillfällen",
}


def _follow_ups(
    reader: _Reader,
    values: list[Any],
    row: int,
    kinds: tuple[str, ...],
    path: tuple[str | int, ...],
    source: SourceMap,
    word: Any = None,
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in reader.columns:
        for kind in kinds:
            if name.startswith(kind + " "):
                period = name[len(kind) + 1 :].strip()
                key = _FOLLOW_UP_KEYS[kind]
                value = _convert(key, reader.get(values, name))
                if value is not None:
                    out.setdefault(period, {})[key] = word(key, value) if word and key == "resultat" else value
                    at = (*path, period, key)
                    source.values[at] = source.keys[at] = reader.pos(row, name)
    return out


def plan_yaml(doc: dict[str, Any]) -> str:
    """A plan document as YAML: Swedish keys in the plan's order, multi-line text as blocks."""
    import yaml

    class Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
        """libyaml's emitter: the same text as PyYAML's own, a sixth of the time."""

    def text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
        style = "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, text)
    header = "# Importerad från Excel med `ikplan import`; kontrollera med `ikplan validate`.\n"
    return header + yaml.dump(doc, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=4096)


def check_imported(doc: dict[str, Any], source: SourceMap, file: str, settings: Settings | None) -> list[Finding]:
    """Schema and rules on an imported document, positioned at sheet rows and columns, with the
    kommun's words and fields when its ikplan.yaml was found (`import_settings`)."""
    from ikplan.checking.rules import check_rules
    from ikplan.checking.schemacheck import validate_model

    data = copy.deepcopy(doc)  # the document written keeps the kommun's own keys where the user put them
    if settings is not None:
        settings.config.translate(data)
    plan, errors = validate_model(Plan, data, source, file, settings.config.own_keys if settings else None)
    if plan is None or settings is None:
        return _at_cells(errors, file)
    return _at_cells(errors + check_rules(plan, settings.for_plan(plan), source, file), file)


def import_text(
    doc: dict[str, Any], output: str, force: bool, settings: Settings | None, config: str | None = None
) -> bytes:
    """What `ikplan import` writes to `output`: with --force over an existing plan, that plan with the
    workbook's changes (merge_into), else a new plan from the workbook."""
    if force and os.path.isfile(output):
        return merge_into(output, doc, settings, config)[0].encode("utf-8")
    return plan_yaml(doc).encode("utf-8")


def merge_into(path: str, new: dict[str, Any], settings: Settings | None, config: str | None = None) -> tuple[str, int]:
    """The plan at `path` with what the workbook `new` changed, and how many fields changed.

    The changes are those between the workbook ikplan exports from the plan and `new`, field by field
    (excel_merge.py). They are made as slice edits of the plan's text, so that everything else stays
    byte for byte; the result must load to exactly the plan's data with the changes made, or the same
    changes go through ruamel's round-trip (which keeps the comments, not every quote and space)."""
    import yaml

    from ikplan.checking.loading import load_bytes
    from ikplan.cycle.editable import read_editable
    from ikplan.cycle.excel_merge import Merge
    from ikplan.cycle.text_edit import Unsupported, parse

    plan = read_editable(
        path,
        config,
        "uppdateras från en arbetsbok",
        lambda where: (
            f"{path} har fel{f' ({where})' if where else ''} och kan inte uppdateras från arbetsboken; "
            "rätta planen (ikplan validate) eller skriv till en ny fil"
        ),
    )
    raw, original, checker, checked = plan.raw, plan.original, plan.checker, plan.checked
    kommun = settings.config if settings is not None else None
    old, _, _ = read_sheets(sheet_values(build_workbook(checked, styled=False)), path, kommun)
    aliases = key_aliases(kommun)
    expected = copy.deepcopy(original)
    merge = Merge(None, aliases)
    merge.mapping(None, expected, old, new)
    if merge.changes == 0:
        return raw.decode("utf-8-sig"), 0
    text: str | None = None
    result = None
    try:
        source_text = raw.decode("utf-8-sig")
        if "\r" in source_text:
            raise Unsupported("CRLF")
        by_text = Merge(source_text, aliases)
        by_text.mapping(parse(source_text), copy.deepcopy(original), old, new)
        candidate = by_text.result()
        written = load_bytes(candidate.encode("utf-8"), path)
        if written.data == expected:
            text, result = candidate, checker.check_loaded(written, path)  # read once: compared, then checked
    except (Unsupported, ValueError, KeyError, TypeError, IndexError, AttributeError, yaml.YAMLError):
        pass  # a layout the slice edits do not take: ruamel's round-trip below
    if text is None:
        text = _merge_by_ruamel(raw, old, new, aliases)
        if load_bytes(text.encode("utf-8"), path).data != expected:
            raise IkplanError(f"ändringarna från arbetsboken kunde inte föras in i {path}; skriv till en ny fil")
        result = checker.check_bytes(text.encode("utf-8"), path, settings_from=path)
    assert result is not None
    errors = [f for f in result.findings if f.severity is Severity.ERROR]
    if errors:
        first = errors[0]
        raise IkplanError(
            f"{path} blir inte giltig med ändringarna från arbetsboken: {first.line}:{first.column} "
            f"{first.code} {first.message}; ingen plan skrevs"
        )
    return text, merge.changes


def _merge_by_ruamel(raw: bytes, old: dict[str, Any], new: dict[str, Any], aliases: dict[str, tuple[str, ...]]) -> str:
    from ruamel.yaml import YAML

    from ikplan.cycle.excel_merge import Merge

    round_trip = YAML()  # comments, order and quoting are kept
    round_trip.preserve_quotes = True
    round_trip.width = 4096
    round_trip.indent(mapping=2, sequence=4, offset=2)
    data = round_trip.load(raw.decode("utf-8-sig"))
    Merge(None, aliases).mapping(None, data, old, new)
    out = io.StringIO()
    round_trip.dump(data, out)
    return out.getvalue()


def import_settings(settings_from: str, config: str | None = None) -> Settings | None:
    """The kommun's ikplan.yaml for an imported plan: `config`, else the one above the output file,
    else the one above the working directory (an output written elsewhere still gets the kommun's rules)."""
    from ikplan.checking.validate import Checker

    checker = Checker(config)
    settings, found = checker.settings_for(settings_from)
    if found is None:
        settings, _ = checker.settings_for(os.path.join(os.getcwd(), "import.yaml"))
    return settings
