"""`ikplan validate`, the one command pre-commit starts on every commit, without typer.

Importing typer and click and turning every command's signature into options is a third of a
one-file run. `fast_main` parses the plain calls of `validate` itself: paths and the options in
OPTIONS, as `--opt value`, `--opt=value` or a flag. Anything else (help, completion, an unknown,
combined or malformed option) returns None, and the full command line in cli.py handles it, with its
usage messages. Both paths run `run_validate`, and tests/test_fast_path.py checks that OPTIONS is the
typer command's option list and that both print the same bytes and exit codes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

FORMATS = ("text", "json", "github", "gitlab")

# option → (ValidateArgs attribute, takes a value)
OPTIONS: dict[str, tuple[str, bool]] = {
    "--format": ("fmt", True),
    "-f": ("fmt", True),
    "--strict": ("strict", False),
    "--config": ("config", True),
    "--quiet": ("quiet", False),
    "-q": ("quiet", False),
    "--jobs": ("jobs", True),
    "-j": ("jobs", True),
}


@dataclass
class ValidateArgs:
    paths: list[str] = field(default_factory=list)
    fmt: str | None = None
    strict: bool = False
    config: str | None = None
    quiet: bool = False
    jobs: int | None = None


def _value(name: str, text: str) -> str | int | None:
    """An option's value as typer would take it, or None where typer would object."""
    if text.startswith("-"):
        return None
    if name == "fmt":
        return text if text in FORMATS else None
    if name == "jobs":
        return int(text) if text.isascii() and text.isdigit() and int(text) >= 1 else None
    return text


def parse(args: list[str]) -> ValidateArgs | None:
    """The arguments after `validate`, or None when the full command line should read them."""
    parsed = ValidateArgs()
    only_paths = False
    i = 0
    while i < len(args):
        arg = args[i]
        i += 1
        if only_paths or not arg.startswith("-"):
            parsed.paths.append(arg)
            continue
        if arg == "--":
            only_paths = True
            continue
        name, eq, inline = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        if name not in OPTIONS:
            return None
        attr, takes_value = OPTIONS[name]
        if not takes_value:
            if eq:
                return None
            setattr(parsed, attr, True)
            continue
        if not eq:
            if i == len(args):
                return None
            inline = args[i]
            i += 1
        value = _value(attr, inline)
        if value is None:
            return None
        setattr(parsed, attr, value)
    return parsed


def run_validate(args: ValidateArgs) -> int:
    """Check the plans, print the findings and return the exit code (0, 1 or 2)."""
    from ikplan.checking.reporters import REPORTERS, summary
    from ikplan.checking.validate import validate_paths
    from ikplan.cli_common import err, file_problem, out
    from ikplan.errors import UsageError

    if args.config is not None and (problem := file_problem(args.config, "konfigurationsfilen")):
        err(problem)
        return 2
    fmt = args.fmt or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    try:
        files, findings = validate_paths(args.paths or ["plans"], args.config, args.jobs)
    except UsageError as exc:
        err(str(exc))
        return 2
    out(REPORTERS[fmt](findings, files), json=fmt in ("json", "gitlab"))
    if fmt == "text" and not args.quiet:
        err(summary(findings, files))
    errors = sum(1 for f in findings if f.severity.value == "error")
    return 1 if errors or (args.strict and findings) else 0


def fast_main(argv: list[str]) -> int | None:
    """The exit code of a plain `validate` call, or None for the full command line."""
    if argv[:1] != ["validate"] or any(k.startswith("_IKPLAN_COMPLETE") for k in os.environ):
        return None
    args = parse(argv[1:])
    if args is None:
        return None
    from ikplan.startup import quiet_pydantic_plugins

    quiet_pydantic_plugins()
    return run_validate(args)
