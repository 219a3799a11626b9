"""Swedish for what typer's bundled Click prints itself: help headings, metavars and usage errors.

typer (0.2x) ships its own copy of Click with the English strings written into the code, not
through gettext, so there is no catalog to install. Instead the few places that print them are
wrapped: the help text and usage line are translated as text, and usage errors are shown in
Swedish. If typer's internals move, everything still works, in English, and a test says so.
"""

from __future__ import annotations

import re
from typing import Any

# Whole phrases first, then the pieces of a usage line; each is (pattern, replacement).
_HELP: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p, re.MULTILINE), r)
    for p, r in (
        (r"^Usage: ", "Användning: "),
        (r"^Options:$", "Flaggor:"),
        (r"^Arguments:$", "Argument:"),
        (r"^Commands:$", "Kommandon:"),
        (r"Show this message and exit\.", "Visa den här hjälpen och avsluta."),
        (r"\[default:(\s+)", r"[standard:\1"),
        (r"\[required\]", "[krävs]"),
        (r"\[env var:(\s+)", r"[miljövariabel:\1"),
        (r"\[OPTIONS\]", "[FLAGGOR]"),
        (r"COMMAND \[ARGS\]\.\.\.", "KOMMANDO [ARGUMENT]..."),
        (r"\[x>=(\d+)\]", r"[minst \1]"),
        (r"\(dynamic\)", "(beräknas)"),
        (r"Install completion for the current\s+shell\.", "Installera komplettering för skalet."),
        (
            r"Show completion for the current\s+shell, to copy it or\s+customize the\s+installation\.",
            "Visa kompletteringen för skalet.",
        ),
    )
]

_ERRORS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p), r)
    for p, r in (
        (r"^Invalid value for (.+?): (?:Value error, )?", r"ogiltigt värde för \1: "),
        (r"^Invalid value: ", "ogiltigt värde: "),
        (r"'([^']*)' is not one of (.+)\.$", r"'\1' är inget av \2."),
        (r"^No such option: (\S+)", r"okänd flagga: \1"),
        (r"Did you mean (.+)\?$", r"Menade du \1?"),
        (r"\(Possible options: (.+)\)$", r"(möjliga flaggor: \1)"),
        (r"^Missing argument '(.+)'\.$", r"argumentet \1 saknas."),
        (r"^Missing option '(.+)'\.$", r"flaggan \1 saknas."),
        (r"^Missing parameter: (.+)$", r"\1 saknas."),
        (r"^Got unexpected extra arguments? \((.+)\)$", r"oväntade extra argument: \1"),
        (r"^Option '(.+)' requires an argument\.$", r"flaggan \1 behöver ett värde."),
        (r"^Option '(.+)' does not take a value\.$", r"flaggan \1 tar inget värde."),
        (r"^No such command '(.+)'\.$", r"okänt kommando '\1'."),
        (r"^Missing command\.$", "kommando saknas."),
        (r"'(.+)' is not a valid integer(?: range)?\.$", r"'\1' är inget heltal."),
        (r"(.+) is not in the range (.+)\.$", r"\1 ligger utanför \2."),
        (r"'(.+)' is not a valid boolean\.$", r"'\1' är inget sant/falskt-värde."),
        (r"Input should be greater than or equal to (\d+)$", r"måste vara minst \1."),
        (r"Input should be a valid integer.*$", "måste vara ett heltal."),
    )
]


def help_text(text: str) -> str:
    for pattern, repl in _HELP:
        text = pattern.sub(repl, text)
    return text


def error_text(message: str) -> str:
    for pattern, repl in _ERRORS:
        message = pattern.sub(repl, message)
    return message


# Metavars by parameter name: what the value is, in the user's words, not its Python type.
METAVARS = {
    "paths": "SÖKVÄG",
    "plan": "PLAN",
    "plans": "PLAN",
    "workbook": "ARBETSBOK",
    "targets": "JÄMFÖRELSE",
    "kind": "SLAG",
    "config": "IKPLAN.YAML",
    "output": "FIL",
    "date": "DATUM",
    "as_of": "DATUM",
    "period": "PERIOD",
    "template": "MALL",
    "jobs": "ANTAL",
    "area": "OMRÅDE",
    "board": "NÄMND",
    "year": "ÅR",
    "administration": "FÖRVALTNING",
}


def _metavar(name: str | None) -> str:
    return METAVARS.get(name or "", (name or "värde").upper())


def install() -> None:
    """Wrap the bundled Click's help and error output (cheap: attribute assignments only)."""
    try:
        from typer import core as typer_core
        from typer._click import core, exceptions, utils
    except ImportError:  # a typer without a bundled Click: its own strings stay
        return
    parameter = getattr(typer_core, "_TyperParameter", None)
    if parameter is not None and hasattr(parameter, "display_type"):
        display_type = parameter.display_type

        def swedish_type(self: Any, ctx: Any) -> Any:
            if self.type_descriptor.is_choice or getattr(self, "is_flag", False):
                return display_type(self, ctx)
            if getattr(self, "param_type_name", "") == "argument":
                return None  # an argument's name already is its metavar
            return f"<{_metavar(self.name)}>"

        def display_name(self: Any) -> str:
            return self.metavar if self.metavar is not None else _metavar(self.name)

        parameter.display_type = swedish_type
        parameter.display_name_raw = property(display_name)
    context = core.Context
    get_help, get_usage = context.get_help, context.get_usage

    def swedish_help(self: Any) -> str:
        return help_text(get_help(self))

    def swedish_usage(self: Any) -> str:
        return help_text(get_usage(self))

    def show_usage_error(self: Any, file: Any = None) -> None:
        hint = ""
        if self.ctx is not None:
            if self.ctx.command.get_help_option(self.ctx) is not None:
                hint = f"Se '{self.ctx.command_path} {self.ctx.help_option_names[0]}' för hjälp.\n"
            utils.echo(f"{self.ctx.get_usage()}\n{hint}", file=file, err=file is None)
        utils.echo(f"ikplan: {error_text(self.format_message())}", file=file, err=file is None)

    def show_error(self: Any, file: Any = None) -> None:
        utils.echo(f"ikplan: {error_text(self.format_message())}", file=file, err=file is None)

    context.get_help = swedish_help  # type: ignore[method-assign]
    context.get_usage = swedish_usage  # type: ignore[method-assign]
    exceptions.UsageError.show = show_usage_error  # type: ignore[method-assign]
    exceptions.ClickException.show = show_error  # type: ignore[method-assign]
