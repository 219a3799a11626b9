"""`ikplan git-setup`: .gitattributes, the textconv driver and a pre-commit hook, idempotently."""

from __future__ import annotations

from dataclasses import dataclass

from ikplan.commands import Result, command


@dataclass
class GitSetupArgs:
    folder: str = "."


@command
def run(args: GitSetupArgs, result: Result) -> None:
    from ikplan.review.gitsetup import setup

    for line in setup(args.folder):
        result.err(line)
