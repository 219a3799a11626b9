"""`ikplan rollover`: next year's plan, with the ids kept, the follow-up emptied and open åtgärder carried."""

from __future__ import annotations

from dataclasses import dataclass

from ikplan.commands import Result, command


@dataclass
class RolloverArgs:
    plan: str
    year: int
    output: str | None = None
    force: bool = False


@command
def run(args: RolloverArgs, result: Result) -> None:
    from ikplan.commands import need_file, write_output
    from ikplan.cycle.rollover import rollover_text

    need_file(args.plan, "planfilen")
    text, counts = rollover_text(args.plan, args.year)
    write_output(result, args.output, text, args.force)
    result.err(
        f"{counts['risker']} risker och {counts['kontrollmoment']} kontrollmoment förda till {args.year}, "
        f"{counts['åtgärder']} öppna åtgärder med; bekräfta bedömningarna"
    )
