"""The commands started again and again, or timed against another, without typer: `ikplan validate`
(pre-commit, on every commit), `ikplan show --flat FILE` (git's textconv, for every file revision
`git log -p` shows) and `ikplan summary` (measured against validate of the same plans).

Importing typer and click and turning a command's signature into options is a third of a one-file
run. `fast_main` parses the plain calls itself: for validate and summary, paths and the options in
COMMANDS, as `--opt value`, `--opt=value` or a flag; for show, one file and `--flat`. Anything else
(help, completion, an unknown, combined or malformed option) returns None, and the full command line
in cli.py handles it, with its usage messages. Both paths run the same command, and
tests/test_fast_path.py checks that COMMANDS holds each typer command's options and that both paths
print the same bytes and exit codes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ikplan.commands import Result
    from ikplan.commands.summary import SummaryArgs
    from ikplan.commands.validate import ValidateArgs

# Imported where they are used: textconv's `show` must not pay for validate's argument object and
# format list, whose dataclasses bring inspect, ast and dis with them.


def __getattr__(name: str) -> object:
    if name == "FORMATS":  # validate's formats, as the tests compare them with the typer command's
        from ikplan.commands.formats import FINDING

        return FINDING
    raise AttributeError(name)


# Each command served here: option → (attribute of its args, kind). A kind is "flag", "text", "year" (a
# whole number within plan/years.py), "jobs" (one from 1) or the name of its format choices in
# commands/formats.py.
COMMANDS: dict[str, dict[str, tuple[str, str]]] = {
    "validate": {
        "--format": ("fmt", "FINDING"),
        "-f": ("fmt", "FINDING"),
        "--strict": ("strict", "flag"),
        "--config": ("config", "text"),
        "--quiet": ("quiet", "flag"),
        "-q": ("quiet", "flag"),
        "--jobs": ("jobs", "jobs"),
        "-j": ("jobs", "jobs"),
    },
    # Kommunstyrelsen's sammanställning reads every nämnd's plans; typer's start was a tenth of it.
    "summary": {
        "--period": ("period", "text"),
        "-p": ("period", "text"),
        "--år": ("year", "year"),
        "--ar": ("year", "year"),
        "--datum": ("date", "text"),
        "--date": ("old_date", "text"),  # report's spelling, hidden: --datum wins when both are given
        "--format": ("fmt", "SUMMARY"),
        "-f": ("fmt", "SUMMARY"),
        "--output": ("output", "text"),
        "-o": ("output", "text"),
        "--force": ("force", "flag"),
        "--config": ("config", "text"),
        "--offentlig": ("public", "flag"),
        "--jobs": ("jobs", "jobs"),
        "-j": ("jobs", "jobs"),
    },
}


def _value(kind: str, text: str) -> str | int | None:
    """An option's value as typer would take it, or None where typer would object."""
    if text.startswith("-"):
        return None
    if kind == "text":
        return text
    if kind in ("year", "jobs"):
        if not (text.isascii() and text.isdigit()):
            return None
        if kind == "jobs":
            return int(text) if int(text) >= 1 else None
        from ikplan.plan.years import FIRST_YEAR, LAST_YEAR

        return int(text) if FIRST_YEAR <= int(text) <= LAST_YEAR else None
    from ikplan.commands import formats

    return text if text in getattr(formats, kind) else None


def parse_options(command: str, args: list[str]) -> tuple[list[str], dict[str, object]] | None:
    """The paths and the options' values {attribute: value} after `command`, or None when the full
    command line should read them."""
    options = COMMANDS[command]
    paths: list[str] = []
    values: dict[str, object] = {}
    only_paths = False
    i = 0
    while i < len(args):
        arg = args[i]
        i += 1
        if only_paths or not arg.startswith("-"):
            paths.append(arg)
            continue
        if arg == "--":
            only_paths = True
            continue
        name, eq, inline = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        if name not in options:
            return None
        attr, kind = options[name]
        if kind == "flag":
            if eq:
                return None
            values[attr] = True
            continue
        if not eq:
            if i == len(args):
                return None
            inline = args[i]
            i += 1
        value = _value(kind, inline)
        if value is None:
            return None
        values[attr] = value
    return paths, values


def parse(args: list[str]) -> ValidateArgs | None:
    """The arguments after `validate`, or None when the full command line should read them."""
    from ikplan.commands.validate import ValidateArgs

    parsed = parse_options("validate", args)
    return None if parsed is None else ValidateArgs(parsed[0], **parsed[1])  # type: ignore[arg-type]


def parse_summary(args: list[str]) -> SummaryArgs | None:
    from ikplan.commands.summary import SummaryArgs

    parsed = parse_options("summary", args)
    if parsed is None:
        return None
    paths, values = parsed
    old = values.pop("old_date", None)
    values.setdefault("date", old)
    return SummaryArgs(paths, **values)  # type: ignore[arg-type]


def run_validate(args: ValidateArgs) -> int:
    """Check the plans, print the findings and return the exit code (0, 1 or 2)."""
    from ikplan.cli_common import emit
    from ikplan.commands import validate

    return emit(validate.run(args))


def run_show(plan: str) -> int:
    """A plan flat and sorted by id ('path = value' lines), read from its YAML alone (review/textconv.py):
    git's temporary copy of a committed plan has no ikplan.yaml beside it. As git's textconv it never
    stops git: a file that is not a plan, or cannot be read, is shown as it is after a line that says
    why, with code 0."""
    from ikplan.cli_common import err, file_problem, out
    from ikplan.review.textconv import show_text

    if (problem := file_problem(plan, "planfilen")) is not None:
        err(problem)
        return 2
    out(show_text(plan))
    return 0


def show_into(plan: str, result: Result) -> None:
    """What `run_show` prints, collected on `result` so that it reaches the terminal through `emit`."""
    from ikplan.cli_common import collecting

    with collecting(result):
        result.exit(run_show(plan))


def _show_file(args: list[str]) -> str | None:
    """The file of a plain `show [--flat] FILE`, or None."""
    rest = [a for a in args if a != "--flat"]
    return rest[0] if len(rest) == 1 and not rest[0].startswith("-") else None


def fast_main(argv: list[str]) -> int | None:
    """The exit code of a plain `validate`, `summary` or `show` call, or None for the full command line."""
    from ikplan.cli_common import completing, cwd_problem, emit

    if argv[:1] not in (["validate"], ["summary"], ["show"]) or completing():
        return None
    if (problem := cwd_problem()) is not None:
        from ikplan.cli_common import err

        err(problem)
        return 1
    from ikplan.startup import quiet_pydantic_plugins

    if argv[0] == "show":
        plan = _show_file(argv[1:])
        if plan is None:
            return None
        quiet_pydantic_plugins()
        from ikplan.commands import command

        # commands/show.py's run, without its argument object (see the imports above)
        return emit(command(show_into)(plan))
    args = parse(argv[1:]) if argv[0] == "validate" else parse_summary(argv[1:])
    if args is None:
        return None
    from ikplan.plan import prebuilt

    light = prebuilt.activate()  # the models' compiled schemas from the last run, when they are there
    quiet_pydantic_plugins()
    try:
        if argv[0] == "validate":
            code = run_validate(args)  # type: ignore[arg-type]
        else:
            from ikplan.commands import summary

            code = emit(summary.run(args))  # type: ignore[arg-type]
    except Exception:
        if not light:
            raise
        prebuilt.rerun_without(argv)
    if not light:
        prebuilt.save()  # for the next run: after the output, which the user already has
    return code
