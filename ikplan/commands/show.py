"""`ikplan show --flat PLAN`: a plan flat and sorted by id, for git's textconv."""

from __future__ import annotations

from dataclasses import dataclass

from ikplan.commands import Result, command


@dataclass
class ShowArgs:
    plan: str


@command
def run(args: ShowArgs, result: Result) -> None:
    """What `cli_fast.run_show` prints, collected so that it reaches the terminal through `emit`."""
    from ikplan.cli_fast import show_into

    show_into(args.plan, result)
