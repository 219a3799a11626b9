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

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ikplan.commands import Result
    from ikplan.commands.validate import ValidateArgs

# Imported where they are used: textconv's `show` must not pay for validate's argument object and
# format list, whose dataclasses bring inspect, ast and dis with them.


def __getattr__(name: str) -> object:
    if name == "FORMATS":  # validate's formats, as the tests compare them with the typer command's
        from ikplan.commands.formats import FINDING

        return FINDING
    raise AttributeError(name)


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


def _value(name: str, text: str) -> str | int | None:
    """An option's value as typer would take it, or None where typer would object."""
    if text.startswith("-"):
        return None
    if name == "fmt":
        from ikplan.commands.formats import FINDING

        return text if text in FINDING else None
    if name == "jobs":
        return int(text) if text.isascii() and text.isdigit() and int(text) >= 1 else None
    return text


def parse(args: list[str]) -> ValidateArgs | None:
    """The arguments after `validate`, or None when the full command line should read them."""
    from ikplan.commands.validate import ValidateArgs

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
    """The exit code of a plain `validate` or `show` call, or None for the full command line."""
    from ikplan.cli_common import completing, cwd_problem, emit

    if argv[:1] not in (["validate"], ["show"]) or completing():
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
    args = parse(argv[1:])
    if args is None:
        return None
    from ikplan.plan import prebuilt

    light = prebuilt.activate()  # the models' compiled schemas from the last run, when they are there
    quiet_pydantic_plugins()
    try:
        code = run_validate(args)
    except Exception:
        if not light:
            raise
        prebuilt.rerun_without(argv)
    if not light:
        prebuilt.save()  # for the next run: after the output, which the user already has
    return code
