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
Only Risker is required on import; a row that cannot be read is a finding with its row number.
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
from ikplan.plan.config import Config, Settings, colour_hex
from ikplan.plan.model import SCHEMA_VERSION, Plan
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

    ws = sheet("Områden", ["Id", "Namn", "Överordnat", "Kontrollmål", "Mål"])
    for area in plan.areas:
        ws.append([area.id, area.name, area.parent, area.control_objective, _cell_value(area.goals, "mål") or None])
    config = checked.settings.settings.config
    risk_own = [f.name for f in config.fields_for("risk")]
    control_own = [f.name for f in config.fields_for("kontrollmoment")]

    risk_headers = [h for h, _ in RISK_COLUMNS] + [
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
        if band:
            fill = PatternFill("solid", fgColor=colour_hex(band.colour).lstrip("#").upper())
            for col in (10, 11):
                ws.cell(row=row_no, column=col).fill = fill
    _widths(ws, wrap)

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
    for rd in data["risker"]:
        for cd in rd["kontrollmoment"]:
            row = [rd["id"]] + [_cell_value(cd.get(key), key or "") for _, key in CONTROL_COLUMNS[1:]]
            for p in periods:
                f = cd["uppföljning"].get(p) or {}
                row += [f.get("datum"), f.get("resultat"), _cell_value(f.get("följer_plan")), f.get("kommentar")]
            if samples:
                for p in periods:
                    f = cd["uppföljning"].get(p) or {}
                    row += [f.get("granskade"), f.get("avvikelser"), f.get("planerade_tillfällen")]
            row += [_cell_value(cd.get("fält", {}).get(name)) for name in control_own]
            ws.append(row)
    _widths(ws, wrap)

    occasions = [(c.id, period, o) for c in controls for period, f in c.follow_up.items() for o in f.occasions]
    if occasions:
        ws = sheet("Tillfällen", [h for h, _ in OCCASION_COLUMNS])
        for control_id, period, o in occasions:
            od = o.model_dump(by_alias=True, mode="python")
            ws.append([control_id, period] + [_cell_value(od.get(key)) for _, key in OCCASION_COLUMNS[2:]])
        _widths(ws, wrap)

    if plan.not_chosen:
        ws = sheet("Ej valda risker", [h for h, _ in LEFT_OUT_COLUMNS])
        for ld in data["ej_valda_risker"]:
            ws.append([_cell_value(ld.get(key)) for _, key in LEFT_OUT_COLUMNS])
        _widths(ws, wrap)
    deviations = [(c.id, d) for c in controls for d in c.deviations]
    if deviations:
        ws = sheet("Avvikelser", [h for h, _ in DEVIATION_COLUMNS])
        for control_id, d in deviations:
            dd = d.model_dump(by_alias=True, mode="python")
            ws.append([control_id] + [_cell_value(dd.get(key)) or None for _, key in DEVIATION_COLUMNS[1:]])
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
    """A plan document (as loaded from YAML) from a workbook, with positions as (row, column).
    With the kommun's `config`, its own fields (fält) are read from the columns named by their keys."""
    from openpyxl import load_workbook

    own = {level: [f.name for f in config.fields_for(level)] for level in ("risk", "kontrollmoment")} if config else {}

    findings: list[Finding] = []
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
    doc: dict[str, Any] = {"schemaversion": SCHEMA_VERSION}
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
        doc["områden"] = [
            {"id": reader.get(v, "Id"), "namn": reader.get(v, "Namn")}
            | {
                key: _convert(key, value)
                for header, key in (("Överordnat", "överordnat"), ("Kontrollmål", "kontrollmål"), ("Mål", "mål"))
                if (value := reader.get(v, header)) is not None
            }
            for _, v in reader.rows()
        ]

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
        _own_columns(reader, values, row, own.get("risk", []), risk, path, source)
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
    control_paths: dict[str, tuple[str | int, ...]] = {}
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
            follow = _follow_ups(reader, values, ("Datum", "Resultat", "Följer plan", "Kommentar", *SAMPLE_KINDS))
            if follow:
                control["uppföljning"] = follow
            _own_columns(reader, values, row, own.get("kontrollmoment", []), control, cpath, source)
            risk.setdefault("kontrollmoment", []).append(control)
            if "id" in control:
                controls[str(control["id"])] = control
                control_paths[str(control["id"])] = cpath

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
    if "Ej valda risker" in wb.sheetnames:
        reader = _Reader(wb["Ej valda risker"], file, findings)
        left_out: list[dict[str, Any]] = []
        for row, values in reader.rows():
            lpath: tuple[str | int, ...] = ("ej_valda_risker", len(left_out))
            source.values[lpath] = (row, 1)
            item: dict[str, Any] = {}
            for header, key in LEFT_OUT_COLUMNS:
                if (value := reader.get(values, header)) is not None:
                    item[key] = value
                    source.values[(*lpath, key)] = source.keys[(*lpath, key)] = (row, reader.column(header))
            left_out.append(item)
        doc["ej_valda_risker"] = left_out
    if "Tillfällen" in wb.sheetnames:
        reader = _Reader(wb["Tillfällen"], file, findings)
        for row, values in reader.rows():
            control_id, period = reader.get(values, "Kontrollmoment"), reader.get(values, "Period")
            target = controls.get(str(control_id))
            if target is None or period is None:
                reader.error(row, "Kontrollmoment", f"kontrollmomentet '{control_id}' eller perioden saknas")
                continue
            follow_up = target.setdefault("uppföljning", {}).setdefault(str(period), {})
            opath = (*control_paths[str(control_id)], "uppföljning", str(period), "tillfällen")
            opath = (*opath, len(follow_up.get("tillfällen", [])))
            source.values[opath] = (row, 1)
            occasion: dict[str, Any] = {}
            for header, key in OCCASION_COLUMNS[2:]:
                if (v := reader.get(values, header)) is not None:
                    occasion[key] = _convert(key, v)
                    source.values[(*opath, key)] = source.keys[(*opath, key)] = (row, reader.column(header))
            follow_up.setdefault("tillfällen", []).append(occasion)
    if "Avvikelser" in wb.sheetnames:
        reader = _Reader(wb["Avvikelser"], file, findings)
        for row, values in reader.rows():
            control_id = reader.get(values, "Kontrollmoment")
            target = controls.get(str(control_id))
            if target is None:
                reader.error(
                    row, "Kontrollmoment", f"kontrollmomentet '{control_id}' finns inte i bladet Kontrollmoment"
                )
                continue
            deviation: dict[str, Any] = {}
            owner_path = control_paths[str(control_id)]
            dpath = (*owner_path, "noterade_avvikelser", len(target.get("noterade_avvikelser", [])))
            source.values[dpath] = (row, 1)
            for header, key in DEVIATION_COLUMNS[1:]:
                if (v := reader.get(values, header)) is not None:
                    # 'hantering' here is text, not a risk's list of choices
                    deviation[key] = _convert(key, v) if key == "sekretess" else v
                    source.values[(*dpath, key)] = source.keys[(*dpath, key)] = (row, reader.column(header))
            target.setdefault("noterade_avvikelser", []).append(deviation)
    return doc, source, findings


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
            source.values[(*path, name)] = source.keys[(*path, name)] = (row, reader.column(name))


def _follow_ups(reader: _Reader, values: list[Any], kinds: tuple[str, ...]) -> dict[str, Any]:
    keys = {
        "Datum": "datum",
        "Resultat": "resultat",
        "Följer plan": "följer_plan",
        "Kommentar": "kommentar",
        "Granskade": "granskade",
        "Avvikelser": "avvikelser",
        "Planerade tillfällen": "planerade_tillfällen",
    }
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
        return errors
    return errors + check_rules(plan, settings.for_plan(plan), source, file)


def import_settings(settings_from: str, config: str | None = None) -> Settings | None:
    """The kommun's ikplan.yaml for an imported plan: `config`, else the one above the output file,
    else the one above the working directory (an output written elsewhere still gets the kommun's rules)."""
    from ikplan.checking.validate import Checker

    checker = Checker(config)
    settings, found = checker.settings_for(settings_from)
    if found is None:
        settings, _ = checker.settings_for(os.path.join(os.getcwd(), "import.yaml"))
    return settings
