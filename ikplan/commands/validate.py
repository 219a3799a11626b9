"""`ikplan validate`: check plan files (YAML, schema, rules) and report the findings."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from ikplan.commands import Result, command


@dataclass
class ValidateArgs:
    paths: list[str] = field(default_factory=list)
    fmt: str | None = None
    strict: bool = False
    config: str | None = None
    quiet: bool = False
    jobs: int | None = None


@command
def run(args: ValidateArgs, result: Result) -> None:
    """Exit code 0 without errors, 1 with errors (or any finding with --strict), 2 for a usage error."""
    from ikplan.checking.reporters import REPORTERS, summary
    from ikplan.checking.validate import validate_paths
    from ikplan.commands import config_file
    from ikplan.commands.formats import is_json

    config_file(args.config)
    fmt = args.fmt or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    notes: list[str] = []  # what could not be checked (IK150 in a shallow clone)
    files, findings = validate_paths(args.paths or ["plans"], args.config, args.jobs, notes)
    for note in notes if not args.quiet else []:
        result.err(note)
    result.out(REPORTERS[fmt](findings, files), json=is_json(fmt))
    if fmt == "text" and not args.quiet:
        result.err(summary(findings, files))
    errors = sum(1 for f in findings if f.severity.value == "error")
    result.exit(1 if errors or (args.strict and findings) else 0)
