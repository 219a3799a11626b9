"""The command line: parse arguments, call the library, turn errors into exit codes.

Only typer and the standard library are imported at module level so that
``ikplan --help`` stays fast in a pre-commit hook; every command imports what it
needs when it runs.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, Any

from ikplan.startup import quiet_pydantic_plugins

quiet_pydantic_plugins()  # before typer or a command imports pydantic

import typer  # noqa: E402

from ikplan import __version__  # noqa: E402
from ikplan.cli_common import completing  # noqa: E402
from ikplan.cli_swedish import install as _swedish_click  # noqa: E402
from ikplan.commands import formats  # noqa: E402
from ikplan.plan.years import FIRST_YEAR, LAST_YEAR  # noqa: E402

_swedish_click()
try:
    from ikplan.cli_coercion import install as _plain_values
except ImportError:  # a typer without these internals (pyproject.toml pins the one with them): its own
    pass
else:
    _plain_values()  # option values without importing pydantic

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
    from ikplan.collector import tune

    tune()


def _finish(result: Any) -> None:
    """Every command ends here: its output printed and its exit code taken (ikplan/cli_common.emit)."""
    from ikplan.cli_common import emit

    code = emit(result)
    if code:
        raise typer.Exit(code)


# The format choices come from the one registry of formats (ikplan/commands/formats.py).
if TYPE_CHECKING:
    from enum import StrEnum as ExportFormat
    from enum import StrEnum as FindingFormat
    from enum import StrEnum as ReportFormat
    from enum import StrEnum as SchemaKind
    from enum import StrEnum as SummaryFormat
    from enum import StrEnum as ViewFormat
else:
    FindingFormat = formats.choices("FindingFormat", formats.FINDING)
    ViewFormat = formats.choices("ViewFormat", formats.VIEW)
    ReportFormat = formats.choices("ReportFormat", formats.REPORT)
    SummaryFormat = formats.choices("SummaryFormat", formats.SUMMARY)
    ExportFormat = formats.choices("ExportFormat", formats.EXPORT)
# each command's default format, a member of its enum (typer shows its value in --help)
_VIEW_TEXT, _REPORT_MD = ViewFormat["text"], ReportFormat["md"]
_SUMMARY_TEXT, _EXPORT_XLSX = SummaryFormat["text"], ExportFormat["xlsx"]


def _year_option(help: str, show_default: bool = True) -> Any:
    """`--år`/`--ar`: a year within plan/years.py's range, as a plan's own `år`."""
    return typer.Option("--år", "--ar", min=FIRST_YEAR, max=LAST_YEAR, help=help, show_default=show_default)


PathsArg = Annotated[
    list[str] | None,
    typer.Argument(help="Planfiler eller mappar (sökes rekursivt). Standard: plans/", show_default=False),
]


JobsOpt = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        min=1,
        help="Antal processer som läser planerna när de är många (samma utdata som med 1). Standard: alla kärnor.",
        show_default=False,
    ),
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
    from ikplan.commands import validate as command

    _finish(command.run(command.ValidateArgs(paths or [], fmt.value if fmt else None, strict, config, quiet, jobs)))


if not TYPE_CHECKING:
    SchemaKind = formats.choices("SchemaKind", ("plan", "config"))
_PLAN_SCHEMA = SchemaKind["plan"]


ConfigOpt = Annotated[
    str | None, typer.Option("--config", help="Använd denna ikplan.yaml i stället för att leta uppåt.")
]


@app.command()
def schema(
    kind: Annotated[SchemaKind, typer.Argument(help="plan (standard) eller config (ikplan.yaml).")] = _PLAN_SCHEMA,
    version: Annotated[
        int, typer.Option("--schemaversion", min=1, max=2, help="Planformatets version (1 eller 2).")
    ] = 2,
    config: ConfigOpt = None,
) -> None:
    """Skriv ut JSON Schema (draft 7) för planformatet, för editorer som VS Code.

    Med --config kommer kommunens egna fält och ord (fält och ordlista i ikplan.yaml) med i schemat.
    """
    from ikplan.commands import schema as command

    _finish(command.run(command.SchemaArgs(kind.value, version, config)))


@app.command()
def rules() -> None:
    """Lista alla kontroller med kod, allvarlighet och beskrivning."""
    from ikplan.commands import rules as command

    _finish(command.run(command.RulesArgs()))


@app.command()
def score(
    paths: PathsArg = None,
    fmt: Annotated[ViewFormat, typer.Option("--format", "-f", help="text (terminal), md eller json.")] = _VIEW_TEXT,
    critical: Annotated[bool, typer.Option("--kritiska", help="Visa bara kritiska risker.")] = False,
    area: Annotated[
        str | None, typer.Option("--område", help="Visa bara risker i detta område (id eller namn).")
    ] = None,
    old_critical: Annotated[bool, typer.Option("--critical", hidden=True)] = False,  # older spelling
    old_area: Annotated[str | None, typer.Option("--area", hidden=True)] = None,  # older spelling
    ids: Annotated[bool, typer.Option("--ids", help="Visa riskernas id i riskmatrisen i stället för antal.")] = False,
    config: ConfigOpt = None,
    jobs: JobsOpt = None,
) -> None:
    """Riskvärde, risknivå och kritiska risker, högst först, med riskmatrisen som värmekarta."""
    from ikplan.commands import score as command

    args = command.ScoreArgs(paths or [], fmt.value, critical or old_critical, area or old_area, ids, config, jobs=jobs)
    _finish(command.run(args))


@app.command()
def status(
    paths: PathsArg = None,
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            "-p",
            help="Period: delår eller helår (även delar/helar), eller en egen från ikplan.yaml. Standard: delår, "
            "eller hos en kommun utan delår den senaste av kommunens perioder som har slutat.",
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--datum",
            metavar="ÅÅÅÅ-MM-DD",
            help="Datum för försenade åtgärder. Standard: i dag, för en plan från ett tidigare år dess sista dag.",
        ),
    ] = None,
    old_as_of: Annotated[str | None, typer.Option("--as-of", hidden=True)] = None,  # older spelling
    fmt: Annotated[ViewFormat, typer.Option("--format", "-f", help="text (terminal), md eller json.")] = _VIEW_TEXT,
    strict: Annotated[bool, typer.Option("--strict", help="Felkod 1 när något saknas eller är försenat.")] = False,
    config: ConfigOpt = None,
    public: Annotated[bool, typer.Option("--offentlig", help="Utelämna det som är markerat som sekretess.")] = False,
    jobs: JobsOpt = None,
) -> None:
    """Uppföljningsläget per period: rapporterade kontrollmoment, resultat, följer plan och försenade åtgärder."""
    from ikplan.commands import status as command

    _finish(
        command.run(
            command.StatusArgs(paths or [], period, as_of or old_as_of, fmt.value, strict, config, public, jobs=jobs)
        )
    )


@app.command()
def report(
    plan: Annotated[str, typer.Argument(help="Planfilen.", show_default=False)],
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            "-p",
            help="delår eller helår (även delar/helar) eller en egen från ikplan.yaml för uppföljningen, eller plan. "
            "Standard: delår, eller hos en kommun utan delår den senaste av kommunens perioder som har slutat.",
        ),
    ] = None,
    fmt: Annotated[
        ReportFormat,
        typer.Option("--format", "-f", help="md (standard), docx, html eller pdf (PDF/UA, kräver ikplan[pdf])."),
    ] = _REPORT_MD,
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
    from ikplan.commands import report as command

    args = command.ReportArgs(plan, period, fmt.value, output, template, date or old_date, public, force, config)
    _finish(command.run(args))


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
    ] = _VIEW_TEXT,
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="Felkod 1 när något har ändrats (som git diff --exit-code).")
    ] = False,
    config: ConfigOpt = None,
) -> None:
    """Vad som ändrats i planerna: risker, bedömningar, hantering, kontrollmoment och uppföljning, matchat på id.

    Felkod som GNU diff: 0 inga ändringar, 1 ändringar (med --exit-code), 2 när en sida inte går att läsa.
    """
    from ikplan.commands import diff as command

    _finish(command.run(command.DiffArgs(targets, fmt.value, exit_code, config)))


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
    from ikplan.commands import show as command

    _finish(command.run(command.ShowArgs(plan)))


@app.command()
def summary(
    paths: PathsArg = None,
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            "-p",
            help="Perioden som sammanställs. Standard: den som avslutar året (helår, eller kommunens sista, t.ex. tertial3).",
        ),
    ] = None,
    year: Annotated[
        int | None,
        _year_option("Året som sammanställs. Standard: det senaste året i planerna."),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option("--datum", metavar="ÅÅÅÅ-MM-DD", help="Sammanställningens datum. Standard: i dag."),
    ] = None,
    old_date: Annotated[str | None, typer.Option("--date", hidden=True)] = None,  # the spelling of report's alias
    fmt: Annotated[
        SummaryFormat, typer.Option("--format", "-f", help="text (terminal), md, html, pdf eller json.")
    ] = _SUMMARY_TEXT,
    output: Annotated[str | None, typer.Option("--output", "-o", help="Skriv till denna fil (krävs för pdf).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Skriv över en befintlig fil.")] = False,
    config: ConfigOpt = None,
    public: Annotated[bool, typer.Option("--offentlig", help="Utelämna det som är markerat som sekretess.")] = False,
    jobs: JobsOpt = None,
) -> None:
    """Kommunstyrelsens sammanställning: alla nämnders uppföljning för ett år, jämfört med året före.

    Per nämnd: planerade, genomförda och ej genomförda kontrollmoment; nämnder som inte rapporterat
    eller saknar plan (nämnderna i ikplan.yaml); de kommungemensamma kontrollmomenten sida vid sida;
    kommunens kritiska risker; öppna åtgärder; brister som återkommer och åtgärder från tidigare år.
    """
    from ikplan.commands import summary as command

    args = command.SummaryArgs(
        paths or [], period, year, date or old_date, fmt.value, output, force, config, public, jobs=jobs
    )
    _finish(command.run(args))


@app.command()
def history(
    ident: Annotated[
        str, typer.Argument(help="Id för en risk eller ett kontrollmoment.", metavar="ID", show_default=False)
    ],
    paths: Annotated[
        list[str] | None, typer.Argument(help="Planfiler eller mappar med alla års planer. Standard: plans/")
    ] = None,
    fmt: Annotated[ViewFormat, typer.Option("--format", "-f", help="text (terminal), md eller json.")] = _VIEW_TEXT,
    board: Annotated[
        str | None,
        typer.Option(
            "--nämnd",
            "--namnd",
            metavar="NAMN",
            help="Visa bara denna nämnds plan (stora och små bokstäver spelar ingen roll).",
            show_default=False,
        ),
    ] = None,
    config: ConfigOpt = None,
    jobs: JobsOpt = None,
) -> None:
    """En risk eller ett kontrollmoment genom åren: riskvärde, hantering, resultat per period och åtgärder.

    Samma id i två nämnders planer är två olika historiker: varje nämnd visas för sig.
    """
    from ikplan.commands import history as command

    _finish(command.run(command.HistoryArgs(ident, paths or [], fmt.value, board, config, jobs=jobs)))


@app.command(name="git-setup")
def git_setup() -> None:
    """Koppla ikplan till git-arkivet: .gitattributes, textconv för git diff och en pre-commit-krok.

    Kan köras om och om igen: det som redan finns lämnas som det är, och varje steg skrivs ut.
    """
    from ikplan.commands import git_setup as command

    _finish(command.run(command.GitSetupArgs(".")))


@app.command()
def new(
    board: Annotated[
        str, typer.Option("--nämnd", "--namnd", help="Nämndens namn, t.ex. Socialnämnden.", show_default=False)
    ],
    year: Annotated[int, _year_option("Planens år.", show_default=False)],
    administration: Annotated[
        str | None, typer.Option("--förvaltning", "--forvaltning", help="Förvaltningens namn.")
    ] = None,
    output: Annotated[
        str | None, typer.Option("--output", "-o", help="Skriv planen hit (annars till standard ut).")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Skriv över en befintlig fil.")] = False,
) -> None:
    """Ny plan från kommunens ikplan.yaml, med de obligatoriska kontrollmomenten och förklarande kommentarer."""
    from ikplan.commands import new as command

    _finish(command.run(command.NewArgs(board, year, administration, output, force)))


@app.command()
def rollover(
    plan: Annotated[str, typer.Argument(help="Årets plan.", show_default=False)],
    year: Annotated[int, _year_option("Nästa års år.", show_default=False)],
    output: Annotated[
        str | None, typer.Option("--output", "-o", help="Skriv planen hit (annars till standard ut).")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Skriv över en befintlig fil.")] = False,
) -> None:
    """Nästa års plan: risker och kontrollmoment med sina id, uppföljningen tömd, öppna åtgärder med."""
    from ikplan.commands import rollover as command

    _finish(command.run(command.RolloverArgs(plan, year, output, force)))


@app.command()
def migrate(
    paths: PathsArg = None,
    write: Annotated[
        bool, typer.Option("--write", help="Skriv de migrerade planerna (annars visas bara ändringen).")
    ] = False,
) -> None:
    """Skriv om planer till den senaste schemaversionen; kommentarer och allt annat i filen behålls."""
    from ikplan.commands import migrate as command

    _finish(command.run(command.MigrateArgs(paths or [], write)))


@app.command()
def export(
    plan: Annotated[str, typer.Argument(help="Planfilen.", show_default=False)],
    output: Annotated[str, typer.Option("--output", "-o", help="Excel-filen som ska skrivas.", show_default=False)],
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="xlsx.")] = _EXPORT_XLSX,
    force: Annotated[bool, typer.Option("--force", help="Skriv över en befintlig fil.")] = False,
    config: ConfigOpt = None,
) -> None:
    """Planen som Excel: risker med risknivåns färg, kontrollmoment med uppföljning, åtgärder och riskmatrisen."""
    from ikplan.commands import export as command

    _finish(command.run(command.ExportArgs(plan, output, fmt.value, force, config)))


@app.command(name="import")
def import_(
    workbook: Annotated[str, typer.Argument(help="Excel-filen (.xlsx) med riskregistret.", show_default=False)],
    output: Annotated[str, typer.Option("--output", "-o", help="Planfilen som ska skrivas.", show_default=False)],
    force: Annotated[bool, typer.Option("--force", help="Skriv över en befintlig fil.")] = False,
    config: ConfigOpt = None,
) -> None:
    """Läs ett riskregister i Excel (se README för kolumnerna) och skriv det som en plan i YAML."""
    from ikplan.commands import import_ as command

    _finish(command.run(command.ImportArgs(workbook, output, force, config)))


if not TYPE_CHECKING:
    AuditFormat = formats.choices("AuditFormat", formats.AUDIT)
else:
    from enum import StrEnum as AuditFormat


@app.command()
def granskning(
    paths: PathsArg = None,
    year: Annotated[
        int | None,
        _year_option("Året som granskas. Standard: det senaste året i planerna."),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--datum", metavar="ÅÅÅÅ-MM-DD", help="Granskningens datum (vad som ska ha rapporterats). Standard: i dag."
        ),
    ] = None,
    fmt: Annotated[
        AuditFormat, typer.Option("--format", "-f", help="text (terminal), md, html, docx, pdf eller json.")
    ] = AuditFormat["text"],
    output: Annotated[
        str | None, typer.Option("--output", "-o", help="Skriv till denna fil (krävs för docx och pdf).")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Skriv över en befintlig fil.")] = False,
    config: ConfigOpt = None,
) -> None:
    """Det revisorerna granskar, besvarat per nämnd och bolag och för kommunen, med underlag.

    Tio frågor: riskanalys, antagen i tid, uppföljning rapporterad, åtgärd för varje brist, brister
    förda vidare, dokumenterade kontrollmoment, alla nämnder och bolag med, en gemensam skala, den
    antagna planen oförändrad (ur git-historiken) och Kommunstyrelsens sammanställning. Varje svar är
    uppfyllt, delvis, inte uppfyllt eller går inte att bedöma, med fil:rad, commit och datum.
    """
    from ikplan.commands import granskning as command

    _finish(command.run(command.GranskningArgs(paths or [], year, date, fmt.value, output, force, config)))


@app.command()
def site(
    paths: PathsArg = None,
    output: Annotated[str, typer.Option("--output", "-o", help="Mappen som webbplatsen skrivs till.")] = "public",
    internal: Annotated[
        bool,
        typer.Option("--intern", help="Den fullständiga versionen för intranätet, med text som är markerad sekretess."),
    ] = False,
    pdf: Annotated[
        bool, typer.Option("--pdf", help="Lägg också varje dokument som PDF/A att ladda ned (långsammare).")
    ] = False,
    search: Annotated[
        bool, typer.Option("--sok/--utan-sok", help="Gör ett sökindex med Pagefind (om det är installerat).")
    ] = True,
    date: Annotated[
        str | None,
        typer.Option(
            "--datum",
            metavar="ÅÅÅÅ-MM-DD",
            help="Dagen som uppföljningen bedöms per (försenade åtgärder). Standard: i dag.",
        ),
    ] = None,
    jobs: Annotated[
        int | None, typer.Option("--jobs", help="Antal processer som renderar planerna. Standard: alla kärnor.")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Skriv i en mapp som inte är en webbplats från ikplan site.")
    ] = False,
    config: ConfigOpt = None,
) -> None:
    """Kommunens interna kontroll som en statisk, tillgänglig webbplats (WCAG 2.1 AA).

    En startsida med nämnder och bolag, sammanställningen och riskmatrisen; en sida per nämnd och år
    med planen, rapporterna och filer att ladda ned; varje risk och kommungemensamt kontrollmoment genom
    åren; granskningen och en tillgänglighetsredogörelse. Länkarna är relativa, så webbplatsen fungerar
    från vilken mapp som helst. Som standard den offentliga versionen: text markerad sekretess är
    utelämnad. Bara planer som ändrats renderas om.
    """
    from ikplan.commands import site as command

    _finish(command.run(command.SiteArgs(paths or [], output, internal, pdf, search, date, force, config, jobs)))


@app.command()
def forms(
    plan: Annotated[str, typer.Argument(help="Planfilen.", show_default=False)],
    output: Annotated[
        str, typer.Option("--output", "-o", metavar="MAPP", help="Mappen som formulären skrivs i.", show_default=False)
    ],
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            "-p",
            help="Perioden som följs upp, t.ex. delår eller tertial2. Standard: delår, eller hos en kommun utan "
            "delår den senaste av kommunens perioder som har slutat.",
        ),
    ] = None,
    deadline: Annotated[
        str | None,
        typer.Option(
            "--svar-senast", metavar="ÅÅÅÅ-MM-DD", help="Sista dag att svara. Standard: periodens slut (ikplan.yaml)."
        ),
    ] = None,
    return_to: Annotated[
        str | None,
        typer.Option(
            "--svara-till", metavar="NAMN", help="Vem formuläret skickas tillbaka till. Standard: planens handläggare."
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Skriv över befintliga formulär.")] = False,
    config: ConfigOpt = None,
) -> None:
    """Ett Excel-formulär per ansvarig: deras kontrollmoment och åtgärder för perioden, att fylla i och skicka tillbaka.

    Sammanhanget är låst; resultat, följer plan, kommentar, stickprov och åtgärdernas status och slutdatum
    fylls i, med kommunens egna ord i listorna. Svaren läses in med 'ikplan collect'.
    """
    from ikplan.commands import forms as command

    _finish(command.run(command.FormsArgs(plan, output, period, deadline, return_to, force, config)))


@app.command()
def collect(
    plan: Annotated[str, typer.Argument(help="Planfilen.", show_default=False)],
    workbooks: Annotated[
        list[str], typer.Argument(help="De ifyllda formulären (.xlsx).", show_default=False, metavar="FORMULÄR...")
    ],
    write: Annotated[
        bool, typer.Option("--write", help="Skriv svaren i planen (annars visas bara ändringen).")
    ] = False,
    period: Annotated[
        str | None, typer.Option("--period", "-p", help="Ta bara emot formulär för denna period.")
    ] = None,
    fmt: Annotated[ViewFormat, typer.Option("--format", "-f", help="text (terminal), md eller json.")] = _VIEW_TEXT,
    config: ConfigOpt = None,
) -> None:
    """Läs in de ifyllda formulären i planen; kommentarer och allt annat i filen behålls.

    Ändringen visas som 'ikplan diff' visar den. Ingenting skrivs om något formulär har fel: fel plan
    eller period, ord som inte är kommunens, rader som flyttats, två svar på samma fält eller en
    konflikt med en ändring i planen sedan formuläret gjordes. Samma formulär två gånger ändrar ingenting.
    """
    from ikplan.commands import collect as command

    _finish(command.run(command.CollectArgs(plan, workbooks, write, period, fmt.value, config)))


@app.command()
def due(
    paths: PathsArg = None,
    days: Annotated[int, typer.Option("--inom", min=0, help="Antal dagar framåt.")] = 30,
    as_of: Annotated[
        str | None, typer.Option("--datum", metavar="ÅÅÅÅ-MM-DD", help="Dagen att räkna från. Standard: i dag.")
    ] = None,
    fmt: Annotated[ViewFormat, typer.Option("--format", "-f", help="text (terminal), md eller json.")] = _VIEW_TEXT,
    ics: Annotated[
        str | None,
        typer.Option("--ics", metavar="FIL", help="Skriv alla öppna tidsgränser som en kalender (iCalendar, .ics)."),
    ] = None,
    per_person: Annotated[
        str | None,
        typer.Option("--per-ansvarig", metavar="MAPP", help="Skriv en kalender per ansvarig i denna mapp."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Skriv över befintliga kalendrar.")] = False,
    config: ConfigOpt = None,
) -> None:
    """Vad som förfaller per ansvarig: kontrollmoment, åtgärdernas slutdatum och rapporten till nämnden.

    Kontrollmoment enligt sin tidpunkt ('mars, juni, september', 'senast juni') eller periodens slut,
    åtgärder enligt sitt slutdatum, rapporten till nämnden dagarna efter periodens slut som
    'granskning: rapport_inom_dagar' i ikplan.yaml säger (60). Kalendrarna har samma UID från gång till
    gång, så att en prenumererad kalender uppdateras i stället för att få dubbletter.
    """
    from ikplan.commands import due as command

    _finish(command.run(command.DueArgs(paths or [], days, as_of, fmt.value, ics, per_person, force, config)))


def run() -> None:
    """The full command line (ikplan/__main__.py sends plain `validate` and `show` calls past it)."""
    from ikplan.cli_common import cwd_problem

    if (problem := cwd_problem()) is not None:
        from ikplan.cli_common import err

        err(problem)
        raise SystemExit(1)
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
