"""`ikplan rules`: every check with its code, severity and documentation, from the code registry."""

from __future__ import annotations

from dataclasses import dataclass

from ikplan.commands import Result, command


@dataclass
class RulesArgs:
    width: int | None = None  # of the terminal; wrapped to at most 100 columns


@command
def run(args: RulesArgs, result: Result) -> None:
    import shutil
    import textwrap

    from ikplan.checking.rules import IGNORE_WHERE, all_codes, who_may_ignore

    # wrapped to the terminal (80 columns in a pipe or a CI log), never wider than a comfortable 100
    width = min(args.width or shutil.get_terminal_size((80, 24)).columns, 100)
    lines: list[str] = []
    for code, severity, title, doc in all_codes():
        lines.append(f"{code} [{severity.swedish}] {title}")
        for text in (doc, f"Får stängas av i: {IGNORE_WHERE[who_may_ignore(code)]}"):
            lines.append(
                textwrap.fill(text, width, initial_indent="    ", subsequent_indent="    ", break_on_hyphens=False)
            )
    result.out("".join(line + "\n" for line in lines))
