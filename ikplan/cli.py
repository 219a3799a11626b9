"""The command line: parse arguments, call the library, turn errors into exit codes.

Only typer and the standard library are imported at module level so that
``ikplan --help`` stays fast in a pre-commit hook; every command imports what it
needs when it runs.
"""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from typing import Annotated, Any, NoReturn

from ikplan.startup import quiet_pydantic_plugins

quiet_pydantic_plugins()  # before typer or a command imports pydantic

import typer  # noqa: E402

from ikplan import __version__  # noqa: E402
from ikplan.cli_common import completing, file_problem  # noqa: E402
from ikplan.cli_common import err as _err  # noqa: E402
from ikplan.cli_common import err_raw as _err_raw  # noqa: E402
from ikplan.cli_common import out as _out  # noqa: E402
from ikplan.cli_swedish import install as _swedish_click  # noqa: E402

_swedish_click()

app = typer.Typer(
    name="ikplan",
    help="Internkontrollplaner som YAML i git: validera, poängsätt risker, följ upp och skapa rapporter.",
    no_args_is_help=True,
    add_completion=True,
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
    from ikplan.cli_common import tune_gc

    tune_gc()


def _fail(message: str, code: int = 1) -> NoReturn:
    _err(message)
    raise typer.Exit(code)


def _need_file(path: str, what: str) -> None:
    """A usage error unless `path` is a regular file (a FIFO or /dev/zero is never read)."""
    problem = file_problem(path, what)
    if problem is not None:
        _fail(problem, 2)


def _config(config: str | None) -> str | None:
    if config is not None:
        _need_file(config, "konfigurationsfilen")
    return config


def _call(fn: Any, *args: Any) -> Any:
    """Run a library call; a usage error from the library exits with code 2."""
    from ikplan.errors import UsageError

    try:
        return fn(*args)
    except UsageError as exc:
        _fail(str(exc), 2)


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
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            help="Antal processer när det är många filer. Standard: alla kärnor som ikplan får använda.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Kontrollera planfiler: YAML, schema och regler. Felkod 0 utan fel, 1 vid fel, 2 vid felaktigt anrop."""
    # pre-commit's plain calls never reach here: cli_fast.fast_main runs them without typer.
    from ikplan.cli_fast import ValidateArgs, run_validate

    args = ValidateArgs(paths or [], fmt.value if fmt else None, strict, config, quiet, jobs)
    code = run_validate(args)
    if code:
        raise typer.Exit(code)


class SchemaKind(StrEnum):
    plan = "plan"
    config = "config"


ConfigOpt = Annotated[
    str | None, typer.Option("--config", help="Använd denna ikplan.yaml i stället för att leta uppåt.")
]


@app.command()
def schema(
    kind: Annotated[SchemaKind, typer.Argument(help="plan (standard) eller config (ikplan.yaml).")] = SchemaKind.plan,
    version: Annotated[
        int, typer.Option("--schemaversion", min=1, max=2, help="Planformatets version (1 eller 2).")
    ] = 2,
    config: ConfigOpt = None,
) -> None:
    """Skriv ut JSON Schema (draft 7) för planformatet, för editorer som VS Code.

    Med --config kommer kommunens egna fält och ord (fält och ordlista i ikplan.yaml) med i schemat.
    """
    from ikplan.plan.schema import schema_text

    kommun = None
    if config is not None:
        from ikplan.checking.reporters import text
        from ikplan.checking.validate import Checker

        _need_file(config, "ikplan.yaml")
        checker = Checker()
        settings = checker.check_config(config)
        if settings is None:
            _err_raw(text([f for found in checker.config_findings.values() for f in found], 1))
            _fail(f"{config} har fel; rätta den först", 1)
        kommun = settings.config
    _out(schema_text(kind.value, version, kommun))


@app.command()
def rules() -> None:
    """Lista alla kontroller med kod, allvarlighet och beskrivning."""
    import shutil
    import textwrap

    from ikplan.checking.rules import IGNORE_WHERE, all_codes, who_may_ignore

    # wrapped to the terminal (80 columns in a pipe or a CI log), never wider than a comfortable 100
    width = min(shutil.get_terminal_size((80, 24)).columns, 100)
    for code, severity, title, doc in all_codes():
        typer.echo(f"{code} [{severity.swedish}] {title}")
        for text in (doc, f"Får stängas av i: {IGNORE_WHERE[who_may_ignore(code)]}"):
            typer.echo(
                textwrap.fill(text, width, initial_indent="    ", subsequent_indent="    ", break_on_hyphens=False)
            )


class ViewFormat(StrEnum):
    text = "text"
    md = "md"
    json = "json"


def _load(paths: list[str] | None, config: str | None) -> tuple[list[Any], bool]:
    """Usable plans, and whether any plan had to be skipped (its errors go to stderr)."""
    from ikplan.checking.reporters import text
    from ikplan.checking.validate import load_plans

    plans, errors = _call(load_plans, paths or ["plans"], _config(config))
    if errors:
        _err_raw(text(errors, 0))
        _err(f"{len({f.file for f in errors})} fil(er) har fel och hoppades över; kör 'ikplan validate'")
    return plans, bool(errors)


def _console() -> Any:
    from ikplan.text import safe_console

    return safe_console(highlight=False, soft_wrap=False)


@app.command()
def score(
    paths: PathsArg = None,
    fmt: Annotated[
        ViewFormat, typer.Option("--format", "-f", help="text (terminal), md eller json.")
    ] = ViewFormat.text,
    critical: Annotated[bool, typer.Option("--kritiska", help="Visa bara kritiska risker.")] = False,
    area: Annotated[
        str | None, typer.Option("--område", help="Visa bara risker i detta område (id eller namn).")
    ] = None,
    old_critical: Annotated[bool, typer.Option("--critical", hidden=True)] = False,  # older spelling
    old_area: Annotated[str | None, typer.Option("--area", hidden=True)] = None,  # older spelling
    ids: Annotated[bool, typer.Option("--ids", help="Visa riskernas id i riskmatrisen i stället för antal.")] = False,
    config: ConfigOpt = None,
) -> None:
    """Riskvärde, risknivå och kritiska risker, högst först, med riskmatrisen som värmekarta."""
    critical, area = critical or old_critical, area or old_area
    from ikplan.followup.scoring import heat_map, score_plan, sort_scored
    from ikplan.reporting.views import score_json, score_markdown, score_terminal

    plans, skipped = _load(paths, config)
    if area is not None:
        known = {
            name.lower() for checked in plans for a in checked.plan.areas for name in (a.id, a.name) if name is not None
        }
        if area.lower() not in known:
            _fail(f"området '{area}' finns inte i planerna (id eller namn under områden)", 2)
    scored = []
    groups: list[tuple[Any, list[Any]]] = []
    for checked in plans:
        rows = score_plan(checked)
        if area is not None:
            wanted = area.lower()
            rows = [r for r in rows if (r.risk.area or "").lower() == wanted or (r.area or "").lower() == wanted]
        if critical:
            rows = [r for r in rows if r.critical]
        scored += rows
        matrix = checked.settings.matrix
        for m, members in groups:
            if m == matrix:
                members.extend(rows)
                break
        else:
            groups.append((matrix, list(rows)))
    scored = sort_scored(scored)
    several = len({s.plan for s in scored}) > 1 or len(plans) > 1
    heats = [heat_map(m, members, qualify=several) for m, members in groups]
    if fmt is ViewFormat.json:
        _out(score_json(scored), json=True)
    elif fmt is ViewFormat.md:
        _out(score_markdown(scored, heats, several, ids))
    else:
        score_terminal(_console(), scored, heats, several, ids)
    if skipped:
        raise typer.Exit(1)


@app.command()
def status(
    paths: PathsArg = None,
    period: Annotated[
        str,
        typer.Option(
            "--period", "-p", help="Period: delår eller helår (även delar/helar), eller en egen från ikplan.yaml."
        ),
    ] = "delår",
    as_of: Annotated[
        str | None,
        typer.Option(
            "--datum",
            metavar="ÅÅÅÅ-MM-DD",
            help="Datum för försenade åtgärder. Standard: i dag, för en plan från ett tidigare år dess sista dag.",
        ),
    ] = None,
    old_as_of: Annotated[str | None, typer.Option("--as-of", hidden=True)] = None,  # older spelling
    fmt: Annotated[
        ViewFormat, typer.Option("--format", "-f", help="text (terminal), md eller json.")
    ] = ViewFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="Felkod 1 när något saknas eller är försenat.")] = False,
    config: ConfigOpt = None,
) -> None:
    """Uppföljningsläget per period: rapporterade kontrollmoment, resultat, följer plan och försenade åtgärder."""
    import datetime as dt

    from ikplan.errors import UsageError
    from ikplan.followup.status import plan_status
    from ikplan.reporting.views import status_json, status_markdown, status_terminal

    as_of = as_of or old_as_of
    try:
        day = dt.date.fromisoformat(as_of) if as_of else dt.date.today()
    except ValueError:
        _fail(f"--datum '{as_of}' är inget datum (ÅÅÅÅ-MM-DD)", 2)
    plans, skipped = _load(paths, config)
    years = {c.plan.year for c in plans}
    if not as_of and years and max(years) < day.year:
        # a past year's plan: its deadlines are judged at the end of its year, not against today
        day = dt.date(max(years), 12, 31)
        _err(f"planerna gäller {max(years)}: försenat räknas per {day.isoformat()} (ange --datum för ett annat datum)")
    try:
        statuses = [plan_status(c, period, day) for c in plans]
    except UsageError as exc:
        _fail(str(exc), 2)
    from ikplan.checking.recurring import over_years

    recurring = over_years(plans)  # IK140/IK141: what recurs across the years among these plans
    if fmt is ViewFormat.json:
        _out(status_json(statuses, recurring), json=True)
    elif fmt is ViewFormat.md:
        _out(status_markdown(statuses) + _over_years_text(recurring, markdown=True))
    else:
        status_terminal(_console(), statuses)
        if recurring:
            _out(_over_years_text(recurring))
    if skipped or (strict and not all(s.complete for s in statuses)):
        raise typer.Exit(1)


class ReportFormat(StrEnum):
    md = "md"
    html = "html"
    docx = "docx"
    pdf = "pdf"


@app.command()
def report(
    plan: Annotated[str, typer.Argument(help="Planfilen.", show_default=False)],
    period: Annotated[
        str, typer.Option("--period", "-p", help="delår eller helår (även delar/helar) för uppföljningen, eller plan.")
    ] = "delår",
    fmt: Annotated[
        ReportFormat,
        typer.Option("--format", "-f", help="md (standard), docx, html eller pdf (PDF/UA, kräver ikplan[pdf])."),
    ] = ReportFormat.md,
    output: Annotated[
        str | None, typer.Option("--output", "-o", help="Skriv till denna fil (krävs för docx och pdf).")
    ] = None,
    template: Annotated[
        str | None, typer.Option("--template", "-t", help="Egen mall (.md.j2, .html.j2 eller .docx).")
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--datum", metavar="ÅÅÅÅ-MM-DD", help="Rapportens datum, så att den kan återskapas. Standard: i dag."
        ),
    ] = None,
    old_date: Annotated[str | None, typer.Option("--date", hidden=True)] = None,  # older spelling
    public: Annotated[bool, typer.Option("--offentlig", help="Utelämna det som är markerat som sekretess.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Skriv över en befintlig fil.")] = False,
    config: ConfigOpt = None,
) -> None:
    """Rapport till nämnden: tjänsteskrivelse med Bilaga 1 (delår/helår) eller planen för beslut (plan)."""
    import datetime as dt
    from pathlib import Path

    from ikplan.errors import IkplanError, UsageError

    if fmt is ReportFormat.docx and not output:
        _fail("Word-rapporten behöver en fil: ange -o RAPPORT.docx", 2)
    if fmt is ReportFormat.pdf and not output:
        _fail("PDF-rapporten behöver en fil: ange -o RAPPORT.pdf", 2)
    date = date or old_date
    try:
        day = dt.date.fromisoformat(date) if date else dt.date.today()
    except ValueError:
        _fail(f"--datum '{date}' är inget datum (ÅÅÅÅ-MM-DD)", 2)
    if template is not None:
        _need_file(template, "mallen")
    _need_file(plan, "planfilen")
    plans, skipped = _load([plan], config)
    if skipped or not plans:
        raise typer.Exit(1)
    from ikplan.files import write_atomic
    from ikplan.reporting.context import build_context
    from ikplan.reporting.render import default_template, render_docx, render_text
    from ikplan.text import visible, visible_data

    checked = plans[0]
    try:
        ctx = build_context(checked, "plan" if period.lower() == "plan" else period, day=day, public=public)
        ctx = visible_data(ctx)  # type: ignore[assignment] # control characters shown, in every format
        if ctx["kind"] == "uppföljning":
            pid, p = ctx["period"]["id"], checked.plan
            if not any(pid in r.follow_up for r in p.risks) and not any(
                pid in c.follow_up for *_, c in p.all_controls()
            ):
                _err(
                    f"varning: planen har ingen uppföljning för {ctx['period']['name_lower']}; rapporten blir tom på resultat"
                )
        # A PDF is the HTML report printed: same template, same context.
        layout = "html" if fmt is ReportFormat.pdf else fmt.value
        chosen = Path(template) if template else _configured_template(checked, ctx["kind"], layout)
        path = chosen or default_template(ctx["kind"], layout)
        if fmt is ReportFormat.docx:
            data = render_docx(ctx, path)
        elif fmt is ReportFormat.pdf:
            from ikplan.reporting.pdf import render_pdf

            data = render_pdf(visible(render_text(ctx, path, "html")), path.parent)
        else:
            data = visible(render_text(ctx, path, fmt.value)).encode("utf-8")
        if output:
            write_atomic(output, data, force)
            _err(f"skrev {output}")
        else:
            _out(data.decode("utf-8"))
    except UsageError as exc:
        _fail(str(exc), 2)
    except IkplanError as exc:
        _fail(str(exc), 1)


def _configured_template(checked: Any, kind: str, fmt: str) -> Any:
    """A template named in ikplan.yaml (rapport: mall_docx / mall_md), relative to that file.

    It must lie inside the folder tree that holds the ikplan.yaml (after following links):
    a configuration from a pull request cannot make `report` read /etc/passwd. A template
    outside the tree can still be given with --template.
    """
    from pathlib import Path

    from ikplan.errors import IkplanError

    settings = checked.settings.settings
    name = {"docx": settings.config.report.docx_template, "md": settings.config.report.md_template}.get(fmt)
    if kind != "uppföljning" or not name or settings.config_path is None:
        return None
    root = Path(settings.config_path).resolve().parent
    path = (root / name).resolve()
    if not path.is_relative_to(root):
        raise IkplanError(
            f"mallen '{name}' i {settings.config_path} ligger utanför mappen {root}; "
            "en mall i ikplan.yaml måste ligga i samma mapp eller en undermapp (ange den annars med --template)"
        )
    return path


@app.command()
def diff(
    targets: Annotated[
        list[str],
        typer.Argument(
            help="GAMMAL NY (två planfiler), eller REV [SÖKVÄG...] (en git-revision mot arbetskopian).",
            show_default=False,
        ),
    ],
    fmt: Annotated[
        ViewFormat, typer.Option("--format", "-f", help="text (terminal), md (för en pull request) eller json.")
    ] = ViewFormat.text,
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="Felkod 1 när något har ändrats (som git diff --exit-code).")
    ] = False,
    config: ConfigOpt = None,
) -> None:
    """Vad som ändrats i planerna: risker, bedömningar, hantering, kontrollmoment och uppföljning, matchat på id.

    Felkod som GNU diff: 0 inga ändringar, 1 ändringar (med --exit-code), 2 när en sida inte går att läsa.
    """
    from ikplan.errors import UsageError
    from ikplan.review.diff import diff_files, diff_revision
    from ikplan.review.diff_views import as_json, markdown, terminal

    try:
        if len(targets) == 2 and all(os.path.lexists(t) and not os.path.isdir(t) for t in targets):
            diffs = diff_files(targets[0], targets[1], config)
            label = f"{targets[0]} → {targets[1]}"
        else:
            from ikplan.review.gitsource import is_revision

            rev, *paths = targets
            if not is_revision(rev):
                missing = next((t for t in targets if not os.path.exists(t)), rev)
                raise UsageError(f"'{missing}' är varken en fil eller en git-revision")
            diffs = diff_revision(rev, paths or (["plans"] if os.path.isdir("plans") else ["."]))
            label = f"{rev} → arbetskopian"
    except UsageError as exc:
        _fail(str(exc), 2)
    if fmt is ViewFormat.json:
        _out(as_json(diffs), json=True)
    elif fmt is ViewFormat.md:
        _out(markdown(diffs, label))
    else:
        terminal(_console(), diffs, label)
    troubled = [d for d in diffs if d.trouble]
    for d in troubled:
        _err(f"{d.name}: {d.trouble}")
    if troubled:
        raise typer.Exit(2)
    if exit_code and any(d.changed for d in diffs):
        raise typer.Exit(1)


@app.command()
def show(
    plan: Annotated[str, typer.Argument(help="Planfilen.", show_default=False, metavar="PLAN")],
    flat: Annotated[bool, typer.Option("--flat", hidden=True)] = True,  # the only view; kept for old configs
) -> None:
    """Visa en plan platt och sorterad på id (en rad 'sökväg = värde' per fält), för git diff och git log -p.

    Som textconv i git får den aldrig stoppa git: en fil som inte är en plan, eller inte går att läsa,
    visas som den är efter en rad som säger varför, och felkoden är 0.
    """
    # git's plain calls never reach here: cli_fast.fast_main runs them without typer.
    from ikplan.cli_fast import run_show

    code = run_show(plan)
    if code:
        raise typer.Exit(code)


def _over_years_text(findings: list[Any], markdown: bool = False) -> str:
    if not findings:
        return ""
    if markdown:
        return "## Över åren\n\n" + "".join(f"- {f.file}: {f.code} {f.message}\n" for f in findings)
    import textwrap

    width = max(40, min(_console().width, 120))
    lines = ["Över åren:"]
    for f in findings:
        lines += textwrap.wrap(f"{f.file}: {f.code} {f.message}", width, initial_indent="  ", subsequent_indent="    ")
    return "\n".join(lines) + "\n"


class SummaryFormat(StrEnum):
    text = "text"
    md = "md"
    html = "html"
    docx = "docx"
    pdf = "pdf"
    json = "json"


@app.command()
def summary(
    paths: PathsArg = None,
    period: Annotated[
        str, typer.Option("--period", "-p", help="Perioden som sammanställs (standard helår).")
    ] = "helår",
    year: Annotated[
        int | None, typer.Option("--år", "--ar", help="Året som sammanställs. Standard: det senaste året i planerna.")
    ] = None,
    date: Annotated[
        str | None,
        typer.Option("--datum", metavar="ÅÅÅÅ-MM-DD", help="Sammanställningens datum. Standard: i dag."),
    ] = None,
    old_date: Annotated[str | None, typer.Option("--date", hidden=True)] = None,  # the spelling of report's alias
    fmt: Annotated[
        SummaryFormat, typer.Option("--format", "-f", help="text (terminal), md, html, pdf eller json.")
    ] = SummaryFormat.text,
    output: Annotated[str | None, typer.Option("--output", "-o", help="Skriv till denna fil (krävs för pdf).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Skriv över en befintlig fil.")] = False,
    config: ConfigOpt = None,
) -> None:
    """Kommunstyrelsens sammanställning: alla nämnders uppföljning för ett år, jämfört med året före.

    Per nämnd: planerade, genomförda och ej genomförda kontrollmoment; nämnder som inte rapporterat
    eller saknar plan (nämnderna i ikplan.yaml); de kommungemensamma kontrollmomenten sida vid sida;
    kommunens kritiska risker; öppna åtgärder; brister som återkommer och åtgärder från tidigare år.
    """
    import datetime as dt
    import json as jsonlib
    from pathlib import Path

    from ikplan.errors import IkplanError, UsageError
    from ikplan.followup.kommun import build_summary
    from ikplan.reporting.kommun_context import build_kommun_context

    date = date or old_date
    try:
        day = dt.date.fromisoformat(date) if date else dt.date.today()
    except ValueError:
        _fail(f"--datum '{date}' är inget datum (ÅÅÅÅ-MM-DD)", 2)
    if fmt in (SummaryFormat.pdf, SummaryFormat.docx) and not output:
        _fail(f"sammanställningen som {fmt.value} behöver en fil: ange -o FIL.{fmt.value}", 2)
    plans, skipped = _load(paths, config)
    if not plans:
        raise typer.Exit(1)
    settings = plans[0].settings.settings.config
    try:
        s = build_summary(
            plans,
            period,
            day,
            year=year,
            boards=settings.boards,
            required=settings.required_controls,
            municipality=settings.municipality or "",
        )
        ctx = build_kommun_context(plans, s)
        if fmt is SummaryFormat.json:
            data = jsonlib.dumps({**s.as_json(), "meningar": ctx["sentences"]}, ensure_ascii=False, indent=2) + "\n"
        elif fmt is SummaryFormat.text:
            from ikplan.reporting.views import kommun_text

            data = kommun_text(ctx)
        elif fmt is SummaryFormat.docx:
            from ikplan.reporting.render import render_docx, template_dir
            from ikplan.text import visible_data

            data = ""
            word = render_docx(visible_data(ctx), template_dir() / "sammanstallning.docx")  # type: ignore[arg-type]
        else:
            from ikplan.reporting.render import render_text, template_dir

            layout = "md" if fmt is SummaryFormat.md else "html"
            data = render_text(ctx, template_dir() / f"sammanstallning.{layout}.j2", layout)
        from ikplan.text import visible

        payload = visible(data).encode("utf-8")
        if fmt is SummaryFormat.docx:
            payload = word
        elif fmt is SummaryFormat.pdf:
            from ikplan.reporting.pdf import render_pdf

            payload = render_pdf(visible(data), Path(template_dir()))
        if output:
            from ikplan.files import write_atomic

            write_atomic(output, payload, force)
            _err(f"skrev {output}")
        else:
            _out(payload.decode("utf-8"), json=fmt is SummaryFormat.json)
    except UsageError as exc:
        _fail(str(exc), 2)
    except IkplanError as exc:
        _fail(str(exc), 1)
    if skipped:
        raise typer.Exit(1)


@app.command()
def history(
    ident: Annotated[
        str, typer.Argument(help="Id för en risk eller ett kontrollmoment.", metavar="ID", show_default=False)
    ],
    paths: Annotated[
        list[str] | None, typer.Argument(help="Planfiler eller mappar med alla års planer. Standard: plans/")
    ] = None,
    fmt: Annotated[
        ViewFormat, typer.Option("--format", "-f", help="text (terminal), md eller json.")
    ] = ViewFormat.text,
    config: ConfigOpt = None,
) -> None:
    """En risk eller ett kontrollmoment genom åren: riskvärde, hantering, resultat per period och åtgärder."""
    import json as jsonlib

    from ikplan.followup.history import history as find
    from ikplan.followup.history import history_lines

    plans, skipped = _load(paths, config)
    entries = find(plans, ident)
    if not entries:
        _fail(f"'{ident}' finns inte som risk eller kontrollmoment i planerna", 2)
    if fmt is ViewFormat.json:
        _out(jsonlib.dumps([e.as_json() for e in entries], ensure_ascii=False, indent=2) + "\n", json=True)
    else:
        from ikplan.text import visible

        _out(visible(history_lines(entries, markdown=fmt is ViewFormat.md)))
    if skipped:
        raise typer.Exit(1)


@app.command(name="git-setup")
def git_setup() -> None:
    """Koppla ikplan till git-arkivet: .gitattributes, textconv för git diff och en pre-commit-krok.

    Kan köras om och om igen: det som redan finns lämnas som det är, och varje steg skrivs ut.
    """
    from ikplan.errors import UsageError
    from ikplan.review.gitsetup import setup

    try:
        for line in setup("."):
            _err(line)
    except UsageError as exc:
        _fail(str(exc), 2)


def _write_or_print(text: str, output: str | None, force: bool) -> None:
    from ikplan.errors import IkplanError
    from ikplan.files import write_atomic

    if output is None:
        _out(text)
        return
    try:
        write_atomic(output, text.encode("utf-8"), force)
    except IkplanError as exc:
        _fail(str(exc), 1)
    _err(f"skrev {output}")


@app.command()
def new(
    board: Annotated[
        str, typer.Option("--nämnd", "--namnd", help="Nämndens namn, t.ex. Socialnämnden.", show_default=False)
    ],
    year: Annotated[int, typer.Option("--år", "--ar", help="Planens år.", show_default=False)],
    administration: Annotated[
        str | None, typer.Option("--förvaltning", "--forvaltning", help="Förvaltningens namn.")
    ] = None,
    output: Annotated[
        str | None, typer.Option("--output", "-o", help="Skriv planen hit (annars till standard ut).")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Skriv över en befintlig fil.")] = False,
) -> None:
    """Ny plan från kommunens ikplan.yaml, med de obligatoriska kontrollmomenten och förklarande kommentarer."""
    from ikplan.cycle.newplan import new_plan_text
    from ikplan.errors import IkplanError

    target = output or os.path.join("plans", "ny-plan.yaml")
    try:
        text = new_plan_text(board, year, target, administration)
    except IkplanError as exc:
        _fail(str(exc), 1)
    _write_or_print(text, output, force)


@app.command()
def rollover(
    plan: Annotated[str, typer.Argument(help="Årets plan.", show_default=False)],
    year: Annotated[int, typer.Option("--år", "--ar", help="Nästa års år.", show_default=False)],
    output: Annotated[
        str | None, typer.Option("--output", "-o", help="Skriv planen hit (annars till standard ut).")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Skriv över en befintlig fil.")] = False,
) -> None:
    """Nästa års plan: risker och kontrollmoment med sina id, uppföljningen tömd, öppna åtgärder med."""
    from ikplan.cycle.rollover import rollover_text
    from ikplan.errors import IkplanError

    _need_file(plan, "planfilen")
    try:
        text, counts = rollover_text(plan, year)
    except IkplanError as exc:
        _fail(str(exc), 1)
    _write_or_print(text, output, force)
    _err(
        f"{counts['risker']} risker och {counts['kontrollmoment']} kontrollmoment förda till {year}, "
        f"{counts['åtgärder']} öppna åtgärder med; bekräfta bedömningarna"
    )


@app.command()
def migrate(
    paths: PathsArg = None,
    write: Annotated[
        bool, typer.Option("--write", help="Skriv de migrerade planerna (annars visas bara ändringen).")
    ] = False,
) -> None:
    """Skriv om planer till den senaste schemaversionen; kommentarer och allt annat i filen behålls."""
    from ikplan.checking.loading import read_limited
    from ikplan.checking.validate import expand
    from ikplan.cycle.migrate import migrate_bytes
    from ikplan.errors import IkplanError
    from ikplan.files import write_atomic
    from ikplan.plan.config import is_config_file
    from ikplan.plan.model import SCHEMA_VERSION

    files = [f for f in _call(expand, paths or ["plans"]) if not is_config_file(os.path.basename(f))]
    failed = changed = 0
    for f in files:
        try:
            raw = read_limited(f)
        except OSError as exc:
            raw, why = None, exc.strerror
        else:
            why = "den är större än 10 MB"
        if raw is None:
            _err(f"{f}: kan inte läsa filen ({why})")
            failed += 1
            continue
        m = migrate_bytes(raw, f)
        if m.problem:
            _err(f"{f}: {m.problem}")
            failed += 1
            continue
        if not m.changed:
            continue
        changed += 1
        if write:
            try:
                write_atomic(f, m.new_bytes(), force=True)
            except IkplanError as exc:
                _err(str(exc))
                failed += 1
                continue
            _err(f"{f}: schemaversion {m.from_version} → {SCHEMA_VERSION}")
        else:
            _out(m.diff())
        if m.findings:
            _err(f"{f}: {len(m.findings)} fel kvar som migreringen inte rättar; kör 'ikplan validate {f}'")
    done = "migrerades" if write else "behöver migreras"
    if changed:
        tail = "" if write else "; skriv dem med --write"
        _err(f"{changed} av {len(files)} planer {done} till schemaversion {SCHEMA_VERSION}{tail}")
    elif not failed:
        _err(f"alla {len(files)} planer har redan schemaversion {SCHEMA_VERSION}")
    if failed:
        raise typer.Exit(1)


class ExportFormat(StrEnum):
    xlsx = "xlsx"


@app.command()
def export(
    plan: Annotated[str, typer.Argument(help="Planfilen.", show_default=False)],
    output: Annotated[str, typer.Option("--output", "-o", help="Excel-filen som ska skrivas.", show_default=False)],
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="xlsx.")] = ExportFormat.xlsx,
    force: Annotated[bool, typer.Option("--force", help="Skriv över en befintlig fil.")] = False,
    config: ConfigOpt = None,
) -> None:
    """Planen som Excel: risker med risknivåns färg, kontrollmoment med uppföljning, åtgärder och riskmatrisen."""
    from ikplan.cycle.excel import export_workbook
    from ikplan.errors import IkplanError
    from ikplan.files import write_atomic

    _need_file(plan, "planfilen")
    if not output.lower().endswith(".xlsx"):
        _fail(f"'{output}' slutar inte på .xlsx; export skriver bara Excel (xlsx)", 2)
    plans, skipped = _load([plan], config)
    if skipped or not plans:
        raise typer.Exit(1)
    try:
        write_atomic(output, export_workbook(plans[0]), force)
    except IkplanError as exc:
        _fail(str(exc), 1)
    _err(f"skrev {output}")


@app.command(name="import")
def import_(
    workbook: Annotated[str, typer.Argument(help="Excel-filen (.xlsx) med riskregistret.", show_default=False)],
    output: Annotated[str, typer.Option("--output", "-o", help="Planfilen som ska skrivas.", show_default=False)],
    force: Annotated[bool, typer.Option("--force", help="Skriv över en befintlig fil.")] = False,
    config: ConfigOpt = None,
) -> None:
    """Läs ett riskregister i Excel (se README för kolumnerna) och skriv det som en plan i YAML."""
    from ikplan.checking.reporters import text
    from ikplan.cycle.excel import check_imported, import_settings, import_workbook, plan_yaml
    from ikplan.errors import IkplanError
    from ikplan.files import write_atomic

    _need_file(workbook, "filen")
    from ikplan.checking.loading import read_limited
    from ikplan.cycle.excel import MAX_XLSX_BYTES

    try:
        raw = read_limited(workbook, MAX_XLSX_BYTES)
    except OSError as exc:
        _fail(f"kan inte läsa {workbook}: {exc.strerror}", 1)
    if raw is None:
        _fail(f"{workbook} är större än {MAX_XLSX_BYTES // (1024 * 1024)} MB; ingen plan skrevs", 1)
    settings = import_settings(output, _config(config))
    doc, source, findings = import_workbook(raw, workbook, settings.config if settings else None)
    if doc is not None:
        findings += check_imported(doc, source, workbook, settings)
    errors = [f for f in findings if f.severity.value == "error"]
    _err_raw(text(findings, 1))
    if doc is None or errors:
        _fail(f"{len(errors)} fel i {workbook}; ingen plan skrevs (rad:kolumn i bladen ovan)", 1)
    try:
        write_atomic(output, plan_yaml(doc).encode("utf-8"), force)
    except IkplanError as exc:
        _fail(str(exc), 1)
    _err(f"skrev {output}")


def run() -> None:
    """The full command line (ikplan/__main__.py sends plain `validate` and `show` calls past it)."""
    _only_the_command_run()
    app()


def _only_the_command_run() -> None:
    """Typer turns every command's signature into click options on each start (a tenth of a one-plan
    run); when the call names a command, register just that one. `ikplan --help` still lists them all."""
    args = sys.argv[1:]
    if not args or completing():
        return
    from typer.main import get_command_name

    chosen = [
        c
        for c in app.registered_commands
        if (c.name or (get_command_name(c.callback.__name__) if c.callback else None)) == args[0]
    ]
    if chosen:
        app.registered_commands[:] = chosen
