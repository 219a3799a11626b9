"""`ikplan export`: the plan as an Excel workbook."""

from __future__ import annotations

from dataclasses import dataclass

from ikplan.commands import Result, command


@dataclass
class ExportArgs:
    plan: str
    output: str
    fmt: str = "xlsx"
    force: bool = False
    config: str | None = None


@command
def run(args: ExportArgs, result: Result) -> None:
    from ikplan.commands import is_stdout, load, need_file, write_output
    from ikplan.commands.formats import suffix
    from ikplan.cycle.excel import export_workbook
    from ikplan.errors import UsageError

    need_file(args.plan, "planfilen")
    if not args.output.lower().endswith(suffix(args.fmt)) and not is_stdout(args.output):
        raise UsageError(f"'{args.output}' slutar inte på {suffix(args.fmt)}; export skriver bara Excel (xlsx)")
    plans, skipped = load(result, [args.plan], args.config)
    if skipped or not plans:
        result.exit(1)
        return
    write_output(result, args.output, export_workbook(plans[0]), args.force)
