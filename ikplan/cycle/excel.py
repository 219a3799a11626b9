"""Excel in and out: a plan as a workbook, and a risk register kept in Excel as a plan.

Sheets (the documented layout; the first row of each sheet holds the column names):

* Plan: two columns, Fält and Värde: Kommun, Nämnd, Förvaltning, År, Titel, Diarienummer,
  Handläggare, Antal risker, Ignorera regler.
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
* Report texts (`rapporter`) are not part of the workbook.
* Riskmatris: the heat map (export only).

A kontrollmetod given as steps is written one step per line as "1. …" and read back as steps.
Only Risker is required on import; a row that cannot be read is a finding with its row number.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
from typing import Any

from ikplan.checking.findings import Finding, Severity
from ikplan.checking.loading import SourceMap
from ikplan.checking.validate import Checked
from ikplan.plan.config import colour_hex
from ikplan.plan.model import Plan
from ikplan.swedish import capitalize

PLAN_FIELDS: list[tuple[str, str]] = [
    ("Kommun", "kommun"),
    ("Nämnd", "nämnd"),
    ("Förvaltning", "förvaltning"),
    ("År", "år"),
    ("Titel", "titel"),
    ("Diarienummer", "diarienummer"),
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
_STEP = re.compile(r"^\s*\d+[.)]\s+")
_BOOL_FIELDS = {"obligatorisk", "obligatoriskt", "sekretess"}


# --- export ---------------------------------------------------------------------------------------


def _cell_value(value: Any, key: str = "") -> Any:
    if isinstance(value, list):
        if key == "kontrollmetod":  # steps, one per line, read back as steps
            return "\n".join(f"{i}. {v}" for i, v in enumerate(value, start=1))
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
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    assert checked.plan is not None and checked.settings is not None
    plan, matrix = checked.plan, checked.settings.matrix
    periods = [p.id for p in checked.settings.periods]
    data = plan.model_dump(by_alias=True, mode="python")
    wb = Workbook()
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")

    def sheet(title: str, headers: list[str], first: bool = False) -> Any:
        ws = wb.active if first else wb.create_sheet()
        ws.title = title
        ws.append = _clean_append(ws.append)  # control characters shown, never an IllegalCharacterError
        ws.append(headers)
        for c in ws[1]:
            c.font = bold
        ws.freeze_panes = "A2"
        return ws

    ws = sheet("Plan", ["Fält", "Värde"], first=True)
    for label, field_key in PLAN_FIELDS:
        ws.append([label, _cell_value(data.get(field_key)) or None])
    ws.column_dimensions["A"].width = 18
    ws.column_dimensions["B"].width = 50

    ws = sheet("Områden", ["Id", "Namn"])
    for area in plan.areas:
        ws.append([area.id, area.name])

    risk_headers = [h for h, _ in RISK_COLUMNS] + [
        f"{h} {p}" for p in periods for h in ("Datum", "Följer plan", "Kommentar")
    ]
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
        ws.append(row)
        if band:
            fill = PatternFill("solid", fgColor=colour_hex(band.colour).lstrip("#").upper())
            for col in (10, 11):
                ws.cell(row=row_no, column=col).fill = fill
    _widths(ws, wrap)

    control_headers = [h for h, _ in CONTROL_COLUMNS] + [
        f"{h} {p}" for p in periods for h in ("Datum", "Resultat", "Följer plan", "Kommentar")
    ]
    ws = sheet("Kontrollmoment", control_headers)
    for rd in data["risker"]:
        for cd in rd["kontrollmoment"]:
            row = [rd["id"]] + [_cell_value(cd.get(key), key or "") for _, key in CONTROL_COLUMNS[1:]]
            for p in periods:
                f = cd["uppföljning"].get(p) or {}
                row += [f.get("datum"), f.get("resultat"), _cell_value(f.get("följer_plan")), f.get("kommentar")]
            ws.append(row)
    _widths(ws, wrap)

    ws = sheet("Åtgärder", [h for h, _ in ACTION_COLUMNS])
    for placed in plan.iter_actions():
        a = placed.action.model_dump(by_alias=True, mode="python")
        owner = placed.control.id if placed.control is not None else placed.risk.id
        action_row: list[Any] = [owner, placed.period or ""]
        action_row += [
            _cell_value(a.get(k or "")) if a.get(k or "") is not False else None for _, k in ACTION_COLUMNS[2:]
        ]
        ws.append(action_row)
    _widths(ws, wrap)

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

    _text_cells(wb)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


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


class _Reader:
    """Reads one sheet by column name; remembers where each value came from."""

    def __init__(self, ws: Any, file: str, findings: list[Finding]) -> None:
        self.ws = ws
        self.file = file
        self.findings = findings
        header = [str(c.value).strip() if c.value is not None else "" for c in ws[1]]
        self.columns = {name: i for i, name in enumerate(header) if name}

    def rows(self) -> Any:
        for row in self.ws.iter_rows(min_row=2):
            values = [c.value for c in row]
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
                continue
            yield row[0].row, values

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

    def error(self, row: int, name: str, message: str) -> None:
        self.findings.append(
            Finding(self.file, row, self.column(name), "IK060", Severity.ERROR, f"{self.ws.title} rad {row}: {message}")
        )


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
    if key == "hantering":
        return [h.strip() for h in str(value).split(",") if h.strip()]
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


def import_workbook(raw: bytes, file: str) -> tuple[dict[str, Any] | None, SourceMap, list[Finding]]:
    """A plan document (as loaded from YAML) from a workbook, with positions as (row, column)."""
    from openpyxl import load_workbook

    findings: list[Finding] = []
    source = SourceMap()
    too_big = _zip_problem(raw)
    if too_big:
        return None, source, [Finding(file, 0, 0, "IK016", Severity.ERROR, too_big)]
    try:
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
    doc: dict[str, Any] = {"schemaversion": 1}
    if "Plan" in wb.sheetnames:
        meta = {
            str(r[0].value).strip(): r[1].value for r in wb["Plan"].iter_rows(min_row=2) if r[0].value and len(r) > 1
        }
        for label, field_key in PLAN_FIELDS:
            if meta.get(label) not in (None, ""):
                value = meta[label]
                if field_key == "ignorera_regler":
                    value = [v.strip() for v in str(value).split(",") if v.strip()]
                doc[field_key] = int(value) if isinstance(value, float) and value.is_integer() else value
    if "Områden" in wb.sheetnames:
        reader = _Reader(wb["Områden"], file, findings)
        doc["områden"] = [{"id": reader.get(v, "Id"), "namn": reader.get(v, "Namn")} for _, v in reader.rows()]

    risks: list[dict[str, Any]] = []
    by_id: dict[str, dict[str, Any]] = {}
    reader = _Reader(wb["Risker"], file, findings)
    for row, values in reader.rows():
        risk: dict[str, Any] = {}
        path: tuple[str | int, ...] = ("risker", len(risks))
        source.values[path] = (row, 1)
        for header, key in RISK_COLUMNS:
            value = _convert(key, reader.get(values, header)) if key else None
            if value is not None and key:
                risk[key] = value
                source.values[(*path, key)] = (row, reader.column(header))
                source.keys[(*path, key)] = (row, reader.column(header))
        follow = _follow_ups(reader, values, ("Datum", "Följer plan", "Kommentar"))
        if follow:
            risk["uppföljning"] = follow
        if "id" not in risk:
            reader.error(row, "Id", "risken saknar id")
            continue
        if str(risk["id"]) in by_id:
            reader.error(row, "Id", f"id '{risk['id']}' finns redan på en tidigare rad")
            continue
        by_id[str(risk["id"])] = risk
        risks.append(risk)
    doc["risker"] = risks

    controls: dict[str, dict[str, Any]] = {}
    if "Kontrollmoment" in wb.sheetnames:
        reader = _Reader(wb["Kontrollmoment"], file, findings)
        for row, values in reader.rows():
            owner = reader.get(values, "Risk")
            if owner is None or str(owner) not in by_id:
                reader.error(row, "Risk", f"risken '{owner}' finns inte i bladet Risker")
                continue
            risk = by_id[str(owner)]
            control: dict[str, Any] = {}
            cpath: tuple[str | int, ...] = (
                "risker",
                risks.index(risk),
                "kontrollmoment",
                len(risk.get("kontrollmoment", [])),
            )
            source.values[cpath] = (row, 1)
            for header, key in CONTROL_COLUMNS[1:]:
                value = _convert(key, reader.get(values, header)) if key else None
                if value is not None and key:
                    control[key] = value
                    source.values[(*cpath, key)] = (row, reader.column(header))
                    source.keys[(*cpath, key)] = (row, reader.column(header))
            follow = _follow_ups(reader, values, ("Datum", "Resultat", "Följer plan", "Kommentar"))
            if follow:
                control["uppföljning"] = follow
            risk.setdefault("kontrollmoment", []).append(control)
            if "id" in control:
                controls[str(control["id"])] = control

    if "Åtgärder" in wb.sheetnames:
        reader = _Reader(wb["Åtgärder"], file, findings)
        for row, values in reader.rows():
            owner_id = reader.get(values, "Gäller")
            holder = controls.get(str(owner_id)) or by_id.get(str(owner_id))
            if holder is None:
                reader.error(row, "Gäller", f"'{owner_id}' är varken en risk eller ett kontrollmoment i arbetsboken")
                continue
            action = {
                key: v for header, key in ACTION_COLUMNS[2:] if key and (v := reader.get(values, header)) is not None
            }
            period = reader.get(values, "Period")
            if period:
                holder.setdefault("uppföljning", {}).setdefault(str(period), {}).setdefault("åtgärder", []).append(
                    action
                )
            else:
                holder.setdefault("åtgärder", []).append(action)
    return doc, source, findings


def _follow_ups(reader: _Reader, values: list[Any], kinds: tuple[str, ...]) -> dict[str, Any]:
    keys = {"Datum": "datum", "Resultat": "resultat", "Följer plan": "följer_plan", "Kommentar": "kommentar"}
    out: dict[str, Any] = {}
    for name in reader.columns:
        for kind in kinds:
            if name.startswith(kind + " "):
                period = name[len(kind) + 1 :].strip()
                value = _convert(keys[kind], reader.get(values, name))
                if value is not None:
                    out.setdefault(period, {})[keys[kind]] = value
    return out


def plan_yaml(doc: dict[str, Any]) -> str:
    """A plan document as YAML: Swedish keys in the plan's order, multi-line text as blocks."""
    import yaml

    class Dumper(yaml.SafeDumper):
        pass

    def text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
        style = "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, text)
    header = "# Importerad från Excel med `ikplan import`; kontrollera med `ikplan validate`.\n"
    return header + yaml.dump(doc, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=4096)


def check_imported(
    doc: dict[str, Any], source: SourceMap, file: str, settings_from: str, config: str | None = None
) -> list[Finding]:
    """Schema and rules on an imported document, positioned at sheet rows and columns.

    The kommun's ikplan.yaml is `config` when given, else the one above the output file, else
    the one above the working directory (an output written elsewhere still gets the kommun's rules)."""
    from ikplan.checking.rules import check_rules
    from ikplan.checking.schemacheck import validate_model
    from ikplan.checking.validate import Checker

    plan, errors = validate_model(Plan, doc, source, file)
    if plan is None:
        return errors
    checker = Checker(config)
    settings, found = checker.settings_for(settings_from)
    if found is None:
        settings, _ = checker.settings_for(os.path.join(os.getcwd(), "import.yaml"))
    if settings is None:
        return errors
    return errors + check_rules(plan, settings.for_plan(plan), source, file)
