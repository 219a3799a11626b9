"""Swedish for what typer's bundled Click prints itself: help headings, metavars and usage errors.

typer 0.29 ships its own copy of Click with the English strings written into the code, not
through gettext, so there is no catalog to install. Instead the few places that print them are
wrapped: the help text and usage line are translated as text, and a usage error is shown as one
Swedish message, built from the exception's attributes where Click keeps them (an unknown option
with suggestions among the visible options only, a missing or invalid parameter) and translated
as text otherwise. If typer's internals move, everything still works, in English, and
tests/test_messages.py says so (pyproject.toml pins typer to the tested minor release).
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
        (r"\[(\d+)<=x<=(\d+)(;\s+)required\]", r"[\1–\2\3krävs]"),
        (r"\[(\d+)<=x<=(\d+)\]", r"[\1–\2]"),
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

# Message pieces that the bundled Click and pydantic (typer's value coercion) write in English; each is
# (pattern, replacement), tried in order on a message's text. The structured exceptions (unknown option,
# missing or invalid parameter) are built in Swedish from their attributes in `message`, so these are
# what is left: the texts Click only hands over as a string.
_ERRORS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p), r)
    for p, r in (
        (r"^Value error, ", ""),
        (r"^'([^']*)' is not one of (.+)\.$", r"'\1' är inget av \2."),
        (r"^No such option: (\S+)", r"okänd flagga: \1"),
        (r"^Got unexpected extra arguments? \((.*)\)$", r"för många argument: \1"),
        (r"^Got unexpected extra argument\(s\) \((.*)\)$", r"för många argument: \1"),
        (r"^Option '(.+)' requires an argument\.$", r"flaggan \1 behöver ett värde."),
        (r"^Option '(.+)' requires (\d+) arguments\.$", r"flaggan \1 behöver \2 värden."),
        (r"^Option '(.+)' does not take a value\.$", r"flaggan \1 tar inget värde."),
        (r"^Argument '(.+)' takes (\d+) values\.$", r"argumentet \1 tar \2 värden."),
        (r"^No such command '(.+)'\.(?: Did you mean (.+)\?)?$", r"okänt kommando '\1'. Menade du \2?"),
        (r"^Missing command\.$", "kommando saknas."),
        (r"^Missing parameter: (.+)$", r"\1 saknas."),
        (r"^(file|dir|path) '(.+)' does not exist\.$", r"\1 '\2' finns inte."),
        (r"^(file|dir|path) '(.+)' is a file\.$", r"\1 '\2' är en fil, inte en mapp."),
        (r"^(file|dir|path) '(.+)' is a directory\.$", r"\1 '\2' är en mapp, inte en fil."),
        (r"^(file|dir|path) '(.+)' is not readable\.$", r"\1 '\2' går inte att läsa (behörighet saknas)."),
        (r"^(file|dir|path) '(.+)' is not writable\.$", r"\1 '\2' går inte att skriva (behörighet saknas)."),
        (r"^Value must be an iterable\.$", "flera värden väntades."),
        (r"^Value (.+) is not a valid .+\.$", r"\1 går inte att tolka."),
        # pydantic's messages for the value types typer converts to
        (r"^Input should be greater than or equal to (\S+)$", r"måste vara minst \1."),
        (r"^Input should be less than or equal to (\S+)$", r"får vara högst \1."),
        (r"^Input should be greater than (\S+)$", r"måste vara större än \1."),
        (r"^Input should be less than (\S+)$", r"måste vara mindre än \1."),
        (r"^Input should be a (?:valid integer|finite number).*$", "måste vara ett heltal."),
        (r"^Input should be a valid (?:number|decimal).*$", "måste vara ett tal."),
        (r"^Input should be a valid boolean.*$", "måste vara ja eller nej (true/false)."),
        (r"^Input should be a valid (?:date|datetime).*$", "måste vara ett datum (ÅÅÅÅ-MM-DD)."),
        (r"^Input should be .*$", "har fel form."),
        (r"^String should have at most (\d+) characters?$", r"får ha högst \1 tecken."),
        (r"^String should have at least (\d+) characters?$", r"måste ha minst \1 tecken."),
    )
]
# The file and folder words of a path message, after the patterns above.
_PATH_WORDS = re.compile(r"^(file|dir|path) '")
_PATH_SWEDISH = {"file": "filen", "dir": "mappen", "path": "sökvägen"}

# What the operating system says (os.strerror, in English whatever the locale) when a file cannot be opened.
_STRERROR = {
    "No such file or directory": "den finns inte",
    "Permission denied": "behörighet saknas",
    "Is a directory": "det är en mapp",
    "Not a directory": "en del av sökvägen är ingen mapp",
    "File exists": "den finns redan",
    "No space left on device": "disken är full",
    "Read-only file system": "filsystemet är skrivskyddat",
    "File name too long": "namnet är för långt",
    "Too many levels of symbolic links": "för många länkar i rad",
}


def help_text(text: str) -> str:
    for pattern, repl in _HELP:
        text = pattern.sub(repl, text)
    return text


def error_text(message: str) -> str:
    """One English message text from Click or pydantic in Swedish (a Swedish text passes unchanged)."""
    for pattern, repl in _ERRORS:
        message = pattern.sub(repl, message)
    message = message.replace(". Menade du ?", ".")  # no suggestion was offered
    if (opened := _OPEN_FAILED.match(message)) is not None:  # a file argument that cannot be opened
        return f"kan inte öppna '{opened[1]}': {os_problem(opened[2])}"
    return _PATH_WORDS.sub(lambda m: f"{_PATH_SWEDISH[m[1]]} '", message)


_OPEN_FAILED = re.compile(r"^'(.*)': ([A-Z][a-z].*)$")


def os_problem(strerror: str | None) -> str:
    return _STRERROR.get(strerror or "", "den går inte att öppna")


def _hint(hint: Any) -> str | None:
    """Click's param_hint (a name or several) as Click quotes it: '--format' / '-f'."""
    if hint is None or isinstance(hint, str):
        return hint
    return " / ".join(f"'{h}'" for h in hint)


def _param_hint(exc: Any) -> str | None:
    hint = _hint(getattr(exc, "param_hint", None))
    param = getattr(exc, "param", None)
    if hint is None and param is not None:
        if getattr(param, "param_type_name", "") == "argument":
            return str(param.display_name_raw)  # an argument's metavar, PLAN, needs no quotes
        hint = param.get_error_hint()
    return hint


def _choices(param: Any, ctx: Any) -> str:
    """'välj bland: a, b' for a required choice that is missing, or ''."""
    try:
        extra = param.get_missing_message(ctx) or ""
    except (AttributeError, TypeError):
        return ""
    if not extra.startswith("Choose from:"):
        return extra
    names = [c.strip().rstrip(",") for c in extra.removeprefix("Choose from:").split("\n") if c.strip()]
    return "välj bland: " + ", ".join(names)


def _suggestions(exc: Any) -> list[str]:
    """Close matches among the options the user can see. Click suggests from every option name, the
    hidden older spellings too (--critical); such a hidden option `old_x` is suggested as the visible
    option of parameter `x` (--kritiska), any other hidden one not at all."""
    import difflib

    ctx, typed = exc.ctx, exc.option_name
    if ctx is None or not typed.startswith("--"):
        return list(exc.possibilities or [])
    params = ctx.command.get_params(ctx)
    by_name = {p.name: p for p in params}
    candidates: dict[str, str] = {}  # option name → the visible option to suggest
    for p in params:
        visible = p
        if getattr(p, "hidden", False):
            visible = by_name.get((p.name or "").removeprefix("old_")) if (p.name or "").startswith("old_") else None
            if visible is None or getattr(visible, "hidden", False):
                continue
        longs = [o for o in (*getattr(visible, "opts", ()), *getattr(visible, "secondary_opts", ())) if o[:2] == "--"]
        if not longs:
            continue
        for name in (*getattr(p, "opts", ()), *getattr(p, "secondary_opts", ())):
            if name.startswith("--"):
                candidates.setdefault(name, name if visible is p else longs[0])
    matches = difflib.get_close_matches(typed, list(candidates))
    return sorted(dict.fromkeys(candidates[m] for m in matches))


def message(exc: Any) -> str:
    """A Click exception's message in Swedish, built from its attributes where Click has them."""
    from typer._click import exceptions as e

    if isinstance(exc, e.NoSuchOption):
        found = _suggestions(exc)
        text = error_text(exc.message)
        if len(found) == 1:
            return f"{text}; menade du {found[0]}?"
        if found:
            return f"{text} (möjliga flaggor: {', '.join(found)})"
        return text
    if isinstance(exc, e.MissingParameter):
        hint = _param_hint(exc)
        kind = exc.param_type or getattr(exc.param, "param_type_name", None)
        what = {"option": "flaggan ", "argument": "argumentet "}.get(kind or "", "")
        text = f"{what}{hint} saknas" if hint else "ett värde saknas"
        extra = [error_text(exc.message)] if exc.message else []
        if exc.param is not None and (choices := _choices(exc.param, exc.ctx)):
            extra.append(choices)
        return text + ("; " + "; ".join(x.rstrip(".") for x in extra) if extra else "") + "."
    if isinstance(exc, e.BadParameter):
        hint = _param_hint(exc)
        text = error_text(exc.message)
        return f"ogiltigt värde för {hint}: {text}" if hint else f"ogiltigt värde: {text}"
    if isinstance(exc, e.FileError):
        return f"kan inte öppna filen '{exc.ui_filename}': {os_problem(exc.message)}"
    return error_text(exc.format_message())


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
        utils.echo(f"ikplan: {message(self)}", file=file, err=file is None)

    def show_error(self: Any, file: Any = None) -> None:
        utils.echo(f"ikplan: {message(self)}", file=file, err=file is None)

    context.get_help = swedish_help  # type: ignore[method-assign]
    context.get_usage = swedish_usage  # type: ignore[method-assign]
    exceptions.UsageError.show = show_usage_error  # type: ignore[method-assign]
    exceptions.ClickException.show = show_error  # type: ignore[method-assign]
    # typer's own few strings go through gettext, with no Swedish catalog: "Aborted!" and the command errors
    gettext = getattr(typer_core, "_", None)
    if callable(gettext):
        typer_core._ = lambda text: _GETTEXT.get(text) or gettext(text)  # type: ignore[assignment,attr-defined]


_GETTEXT = {"Aborted!": "Avbrutet.", "Missing command.": "kommando saknas."}

# What install() wraps or reads in typer and its bundled Click, as (module, class or None, attribute).
# pyproject.toml pins typer to the versions where all of these exist; tests/test_messages.py fails if any
# is missing, because then Click's English would reach the user.
INTERNALS: list[tuple[str, str | None, str]] = [
    ("typer.core", "_TyperParameter", "display_type"),
    ("typer.core", "_TyperParameter", "display_name_raw"),
    ("typer.core", "_TyperParameter", "get_error_hint"),
    ("typer.core", "_TyperParameter", "get_missing_message"),
    ("typer.core", "_TyperParameter", "type_descriptor"),
    ("typer.core", "TyperOption", "__init__"),
    # cli_coercion.py's: typer's coercion, taken over for plain values
    ("typer.core", None, "build_runtime_param"),
    ("typer._coercion", None, "build_runtime_param"),
    ("typer._coercion", "RuntimeParam", "_coerce_value"),
    ("typer._coercion", "TypeDescriptor", "is_file"),
    ("typer._coercion", "TypeDescriptor", "case_sensitive"),
    ("typer._param_types", None, "coerce_cli_choice"),
    ("typer.core", "TyperOption", "get_error_hint"),
    ("typer.core", None, "_"),
    ("typer._click.core", "Context", "get_help"),
    ("typer._click.core", "Context", "get_usage"),
    ("typer._click.core", "Command", "get_params"),
    ("typer._click.core", "Command", "get_help_option"),
    ("typer._click.exceptions", "ClickException", "show"),
    ("typer._click.exceptions", "ClickException", "format_message"),
    ("typer._click.exceptions", "UsageError", "show"),
    ("typer._click.exceptions", "NoSuchOption", "__init__"),
    ("typer._click.exceptions", "MissingParameter", "__init__"),
    ("typer._click.exceptions", "BadParameter", "__init__"),
    ("typer._click.exceptions", "BadOptionUsage", "__init__"),
    ("typer._click.exceptions", "BadArgumentUsage", "__init__"),
    ("typer._click.exceptions", "FileError", "__init__"),
    ("typer._click.utils", None, "echo"),
]
# Constructor arguments message() reads back as attributes of the same name.
INIT_ARGUMENTS = {
    "NoSuchOption": ("option_name", "possibilities", "ctx"),
    "MissingParameter": ("param", "param_hint", "param_type", "ctx"),
    "BadParameter": ("param", "param_hint", "ctx"),
    "FileError": ("filename", "hint"),
    "TyperOption": ("hidden",),
}


def missing_internals() -> list[str]:
    """The typer and Click internals install() relies on that this typer lacks (empty when all are there)."""
    import importlib
    import inspect

    missing = []
    for module_name, class_name, attribute in INTERNALS:
        where = ".".join(filter(None, (module_name, class_name, attribute)))
        try:
            owner: Any = importlib.import_module(module_name)
        except ImportError:
            missing.append(where)
            continue
        if class_name is not None:
            owner = getattr(owner, class_name, None)
        if owner is None or not (hasattr(owner, attribute) or attribute in getattr(owner, "__annotations__", {})):
            missing.append(where)
        elif attribute == "__init__" and class_name in INIT_ARGUMENTS:
            names = inspect.signature(owner.__init__).parameters
            missing += [f"{where}({a})" for a in INIT_ARGUMENTS[class_name] if a not in names]
    return missing
