"""The command line: parse arguments, call the library, turn errors into exit codes.

Only typer and the standard library are imported at module level so that
``ikplan --help`` stays fast in a pre-commit hook; every command imports what it
needs when it runs.
"""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from typing import Annotated, NoReturn

import typer

from ikplan import __version__

app = typer.Typer(
    name="ikplan",
    help="Internkontrollplaner som YAML i git: validera, poängsätt risker, följ upp och skapa rapporter.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ikplan {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Visa versionen och avsluta.")
    ] = False,
) -> None:
    """Internkontrollplaner som YAML i git: validera, poängsätt risker, följ upp och skapa rapporter."""


def _err(message: str) -> None:
    typer.echo(f"ikplan: {message}", err=True)


def _fail(message: str, code: int = 1) -> NoReturn:
    _err(message)
    raise typer.Exit(code)


class FindingFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"
    gitlab = "gitlab"


PathsArg = Annotated[
    list[str] | None,
    typer.Argument(help="Planfiler eller mappar (sökes rekursivt). Standard: plans/", show_default=False),
]


@app.command()
def validate(
    paths: PathsArg = None,
    fmt: Annotated[
        FindingFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="Utdataformat: text, json, github eller gitlab (Code Quality). "
            "github väljs automatiskt när GITHUB_ACTIONS=true.",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Låt även varningar ge felkod 1.")] = False,
    config: Annotated[
        str | None, typer.Option("--config", help="Använd denna ikplan.yaml i stället för att leta uppåt.")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Skriv ingen sammanfattning.")] = False,
) -> None:
    """Kontrollera planfiler: YAML, schema och regler. Felkod 0 utan fel, 1 vid fel, 2 vid felaktigt anrop."""
    from ikplan.errors import UsageError
    from ikplan.reporters import REPORTERS, summary
    from ikplan.validate import validate_paths

    if fmt is None:
        fmt = FindingFormat.github if os.environ.get("GITHUB_ACTIONS") == "true" else FindingFormat.text
    if config is not None and not os.path.isfile(config):
        _fail(f"konfigurationsfilen '{config}' finns inte", 2)
    try:
        files, findings = validate_paths(paths or ["plans"], config)
    except UsageError as exc:
        _fail(str(exc), 2)
    sys.stdout.write(REPORTERS[fmt.value](findings, files))
    if fmt is FindingFormat.text and not quiet:
        _err(summary(findings, files))
    errors = sum(1 for f in findings if f.severity.value == "error")
    if errors or (strict and findings):
        raise typer.Exit(1)


class SchemaKind(StrEnum):
    plan = "plan"
    config = "config"


@app.command()
def schema(
    kind: Annotated[SchemaKind, typer.Argument(help="plan (standard) eller config (ikplan.yaml).")] = SchemaKind.plan,
) -> None:
    """Skriv ut JSON Schema (draft 7) för planformatet, för editorer som VS Code."""
    from ikplan.schema import schema_text

    sys.stdout.write(schema_text(kind.value))


@app.command()
def rules() -> None:
    """Lista alla kontroller med kod, allvarlighet och beskrivning."""
    from ikplan.rules import all_codes

    for code, severity, title, doc in all_codes():
        typer.echo(f"{code} [{severity.swedish}] {title}")
        typer.echo(f"    {doc}")


def run() -> None:
    """Console-script entry point."""
    app()
