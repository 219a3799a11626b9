"""`ikplan import`: a risk register in Excel read and written as a plan in YAML."""

from __future__ import annotations

from dataclasses import dataclass

from ikplan.commands import Result, command


@dataclass
class ImportArgs:
    workbook: str
    output: str
    force: bool = False
    config: str | None = None


@command
def run(args: ImportArgs, result: Result) -> None:
    from ikplan.checking.loading import read_limited
    from ikplan.commands import config_file, need_file, write_output
    from ikplan.cycle.excel import (
        MAX_XLSX_BYTES,
        check_imported,
        findings_text,
        import_settings,
        import_text,
        import_workbook,
    )
    from ikplan.errors import IkplanError

    workbook = args.workbook
    need_file(workbook, "filen")
    try:
        raw = read_limited(workbook, MAX_XLSX_BYTES)
    except OSError as exc:
        raise IkplanError(f"kan inte läsa {workbook}: {exc.strerror}") from None
    if raw is None:
        raise IkplanError(f"{workbook} är större än {MAX_XLSX_BYTES // (1024 * 1024)} MB; ingen plan skrevs")
    settings = import_settings(args.output, config_file(args.config))
    doc, source, findings = import_workbook(raw, workbook, settings.config if settings else None)
    if doc is not None:
        findings += check_imported(doc, source, workbook, settings)
    errors = [f for f in findings if f.severity.value == "error"]
    result.err_raw(findings_text(findings))  # a cell as 'bok.xlsx: Kontrollmoment!J10'
    if doc is None or errors:
        raise IkplanError(f"{len(errors)} fel i {workbook}; ingen plan skrevs (rad:kolumn i bladen ovan)")
    # over an existing plan (--force): only what the workbook changed, the rest byte for byte
    write_output(result, args.output, import_text(doc, args.output, args.force, settings, args.config), args.force)
