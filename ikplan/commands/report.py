"""`ikplan report`: the report to the nämnd (tjänsteskrivelse with Bilaga 1) or the plan for adoption."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ikplan.commands import Result, command


@dataclass
class ReportArgs:
    plan: str
    period: str | None = None  # delår, or the kommun's latest ended period when it has no delår (as status)
    fmt: str = "md"
    output: str | None = None
    template: str | None = None
    date: str | None = None
    public: bool = False
    force: bool = False
    config: str | None = None


# what a format that cannot go to a terminal is called in the message that asks for -o
_NAMES = {"docx": "Word-rapporten", "pdf": "PDF-rapporten"}


@command
def run(args: ReportArgs, result: Result) -> None:
    from pathlib import Path

    from ikplan.commands import day, load, need_file, write_output
    from ikplan.commands.formats import needs_file, suffix
    from ikplan.errors import UsageError

    if needs_file(args.fmt) and not args.output:
        raise UsageError(f"{_NAMES.get(args.fmt, args.fmt)} behöver en fil: ange -o RAPPORT{suffix(args.fmt)}")
    when = day(args.date)
    if args.template is not None:
        need_file(args.template, "mallen")
    need_file(args.plan, "planfilen")
    plans, skipped = load(result, [args.plan], args.config)
    if skipped or not plans:
        result.exit(1)
        return
    from ikplan.reporting.context import build_context
    from ikplan.reporting.render import default_template, render_docx, render_text
    from ikplan.text import visible, visible_data

    checked = plans[0]
    period = args.period
    if period is None:
        # a kommun with tertial1–3 has no delår: its own period, as status chooses it, not ikplan's default
        from ikplan.followup.status import default_period

        assert checked.settings is not None and checked.plan is not None
        period = default_period(checked.settings, checked.plan.year, when)
    ctx = build_context(
        checked,
        "plan" if period.lower() == "plan" else period,
        day=when,
        public=args.public,
        judge_on=when if args.date else None,
    )
    ctx = visible_data(ctx)  # type: ignore[assignment] # control characters shown, in every format
    if ctx["kind"] == "uppföljning":
        pid, p = ctx["period"]["id"], checked.plan
        if not p.followed_up_in(pid):
            result.err(
                f"varning: planen har ingen uppföljning för {ctx['period']['name_lower']}; rapporten blir tom på resultat"
            )
    # A PDF is the HTML report printed: same template, same context.
    layout = "html" if args.fmt == "pdf" else args.fmt
    chosen = Path(args.template) if args.template else configured_template(checked, ctx["kind"], layout)
    path = chosen or default_template(ctx["kind"], layout)
    data: bytes | str
    if args.fmt == "docx":
        data = render_docx(ctx, path)
    elif args.fmt == "pdf":
        from ikplan.reporting.pdf import archive_metadata, render_pdf

        data = render_pdf(visible(render_text(ctx, path, "html")), path.parent, archive_metadata(ctx))
    else:
        data = visible(render_text(ctx, path, args.fmt))
    write_output(result, args.output, data, args.force)


def configured_template(checked: Any, kind: str, fmt: str) -> Any:
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
