"""`ikplan summary`: Kommunstyrelsen's sammanställning of every nämnd's follow-up for a year."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ikplan.commands import Result, command


@dataclass
class SummaryArgs:
    paths: list[str] = field(default_factory=list)
    period: str | None = None  # None: the period that closes the year (helår, or the kommun's tertial3)
    year: int | None = None
    date: str | None = None
    fmt: str = "text"
    output: str | None = None
    force: bool = False
    config: str | None = None
    public: bool = False  # --offentlig: every text marked sekretess left out, as report does
    jobs: int | None = None  # processes reading the plans (None: IKPLAN_JOBS, else every core)


def compared_years(paths: list[str], year: int | None) -> tuple[list[str], int | None]:
    """The plan files of the year summed up and the year before, which is all a sammanställning reads,
    and that year, when every file states its year at a glance (a kommun keeps all its years under
    plans/); else `paths` as given and `year`, and every plan is read to find out."""
    from ikplan.checking.validate import expand, stated_year
    from ikplan.plan.config import is_config_file

    files = [f for f in expand(paths) if not is_config_file(f)]
    years = [stated_year(f) for f in files]
    if not files or None in years:
        return paths, year
    wanted = year if year is not None else max(y for y in years if y is not None)
    chosen = [f for f, y in zip(files, years, strict=True) if y in (wanted, wanted - 1)]
    return (chosen if chosen and len(chosen) < len(files) else paths), wanted


def _warming(each: Callable[[Any], None]) -> Callable[[Any], None]:
    """`each`, with the modules the sammanställning's end needs imported at the first plan: while the pool's
    workers read, where before the pool they would hold up the start."""
    started: list[bool] = []

    def first_then_each(checked: Any) -> None:
        if not started:
            started.append(True)
            import ikplan.jsontext
            import ikplan.reporting.kommun_context  # noqa: F401

        each(checked)

    return first_then_each


@command
def run(args: SummaryArgs, result: Result) -> None:
    from ikplan.commands import day, load, write_output
    from ikplan.commands.formats import is_json, needs_file, suffix
    from ikplan.errors import UsageError
    from ikplan.followup.kommun import build_summary, prepare
    from ikplan.followup.memo import PlanMemo

    fmt = args.fmt
    when = day(args.date)
    given = when if args.date else None
    if needs_file(fmt) and not args.output:
        raise UsageError(f"sammanställningen som {fmt} behöver en fil: ange -o FIL{suffix(fmt)}")
    # Nothing here points at a line of a plan: without the SourceMaps the pool sends back half as much.
    paths, year = compared_years(args.paths or ["plans"], args.year)
    memo = PlanMemo()
    # With the year known before reading, each plan's figures are worked out as it comes in, while the
    # pool still reads (followup/memo.py); the public edition is a copy, worked out afterwards.
    each = None if year is None or args.public else _warming(prepare(memo, year, args.period, given, when))
    plans, skipped = load(result, paths, args.config, args.jobs, sources=False, each=each)
    from ikplan import jsontext
    from ikplan.reporting.kommun_context import build_kommun_context, kommun_sentences

    if not plans:
        result.exit(1)
        return
    if args.public:
        from ikplan.site.public import public_edition

        # Redacted before anything is counted or written, so no format (json included) can show them.
        plans = [public_edition(p) for p in plans]
    settings = plans[0].settings.settings.config
    if not args.date:
        from ikplan.followup.status import judged_on

        # a past year's sammanställning judges its åtgärder at the end of that year, as status does
        when = judged_on(args.year or max(p.plan.year for p in plans), None, when)
    period = args.period
    if period is None:
        from ikplan.followup.status import year_end_period

        newest = max(plans, key=lambda p: p.plan.year)
        period = year_end_period(newest.settings, args.year or newest.plan.year)
    s = build_summary(
        plans,
        period,
        when,
        year=args.year,
        boards=settings.boards,
        required=settings.required_controls,
        municipality=settings.municipality or "",
        memo=memo,
    )
    payload: bytes | str
    if fmt == "json":  # the figures and the sentences; the tables are for the documents
        payload = jsontext.dumps({**s.as_json(), "meningar": kommun_sentences(plans, s, public=args.public)}) + "\n"
    else:
        payload = _document(fmt, build_kommun_context(plans, s, public=args.public))
    write_output(result, args.output, payload, args.force, json=is_json(fmt))
    if skipped:
        result.exit(1)


def _document(fmt: str, ctx: dict[str, Any]) -> bytes | str:
    """The sammanställning as text, md, html, docx or pdf, with every control character shown."""
    from ikplan.text import visible

    if fmt == "text":
        from ikplan.reporting.views import kommun_text

        return visible(kommun_text(ctx))
    if fmt == "docx":
        from ikplan.reporting.render import render_docx, template_dir
        from ikplan.text import visible_data

        return render_docx(visible_data(ctx), template_dir() / "sammanstallning.docx")  # type: ignore[arg-type]
    from ikplan.reporting.render import render_text, template_dir

    layout = "md" if fmt == "md" else "html"
    text = visible(render_text(ctx, template_dir() / f"sammanstallning.{layout}.j2", layout))
    if fmt != "pdf":
        return text
    from pathlib import Path

    from ikplan.reporting.pdf import archive_metadata, render_pdf

    return render_pdf(text, Path(template_dir()), archive_metadata(ctx))
