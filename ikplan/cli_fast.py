"""The two commands git starts again and again, without typer: `ikplan validate` (pre-commit, on every
commit) and `ikplan show --flat FILE` (git's textconv, for every file revision `git log -p` shows).

Importing typer and click and turning every command's signature into options is a third of a
one-file run. `fast_main` parses the plain calls itself: for validate, paths and the options in
OPTIONS, as `--opt value`, `--opt=value` or a flag; for show, one file and `--flat`. Anything else
(help, completion, an unknown, combined or malformed option) returns None, and the full command line
in cli.py handles it, with its usage messages. Both paths run `run_validate` and `run_show`, and
tests/test_fast_path.py checks that OPTIONS is the typer command's option list and that both paths
print the same bytes and exit codes.
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


def run_show(plan: str) -> int:
    """A plan flat and sorted by id ('path = value' lines). As git's textconv it never stops git: a file
    that is not a plan, or cannot be read, is shown as it is after a line that says why, with code 0."""
    from ikplan.checking.reporters import text
    from ikplan.checking.validate import Checker
    from ikplan.cli_common import err, file_problem, out
    from ikplan.plan.config import is_config_file
    from ikplan.review.flatten import flat_lines

    if (problem := file_problem(plan, "planfilen")) is not None:
        err(problem)
        return 2
    checked = None if is_config_file(os.path.basename(plan)) else Checker().check_path(plan)
    if checked is not None and checked.plan is not None:
        out(flat_lines(checked.plan))
        return 0
    from ikplan.checking.loading import read_limited

    if checked is None:
        note = "# ikplan: konfigurationsfil, visas som den är"
    else:
        first = text(checked.findings, 1).splitlines()[0] if checked.findings else "okänt fel"
        note = f"# ikplan: går inte att läsa som plan, visas som den är ({first})"
    try:
        raw = read_limited(plan)
    except OSError as exc:
        raw = f"(kan inte läsa filen: {exc.strerror or exc})".encode()
    out(note + "\n" + (raw or b"").decode("utf-8", errors="replace"))
    return 0


def _show_file(args: list[str]) -> str | None:
    """The file of a plain `show [--flat] FILE`, or None."""
    rest = [a for a in args if a != "--flat"]
    return rest[0] if len(rest) == 1 and not rest[0].startswith("-") else None


def fast_main(argv: list[str]) -> int | None:
    """The exit code of a plain `validate` or `show` call, or None for the full command line."""
    from ikplan.cli_common import completing

    if argv[:1] not in (["validate"], ["show"]) or completing():
        return None
    from ikplan.startup import quiet_pydantic_plugins

    if argv[0] == "show":
        plan = _show_file(argv[1:])
        if plan is None:
            return None
        quiet_pydantic_plugins()
        return run_show(plan)
    args = parse(argv[1:])
    if args is None:
        return None
    quiet_pydantic_plugins()
    return run_validate(args)
