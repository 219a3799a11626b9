"""`ikplan new`: a new plan from the kommun's ikplan.yaml, with the required kontrollmoment."""

from __future__ import annotations

import os
from dataclasses import dataclass

from ikplan.commands import Result, command


@dataclass
class NewArgs:
    board: str
    year: int
    administration: str | None = None
    output: str | None = None
    force: bool = False


@command
def run(args: NewArgs, result: Result) -> None:
    from ikplan.commands import is_stdout, write_output
    from ikplan.cycle.newplan import editor_schema_hint, new_plan_text

    # where the plan will lie decides which ikplan.yaml applies (and the schema comment's path)
    target = args.output if args.output and not is_stdout(args.output) else os.path.join("plans", "ny-plan.yaml")
    write_output(result, args.output, new_plan_text(args.board, args.year, target, args.administration), args.force)
    if hint := editor_schema_hint(target):  # the modeline names a schema that git-setup has not written yet
        result.err(hint)
