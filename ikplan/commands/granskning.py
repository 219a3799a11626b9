"""`ikplan granskning`: what the revisorer check, answered per nämnd and bolag and for the kommun."""

from __future__ import annotations

from dataclasses import dataclass, field

from ikplan.commands import Result, command


@dataclass
class GranskningArgs:
    paths: list[str] = field(default_factory=list)
    year: int | None = None
    date: str | None = None
    fmt: str = "text"
    output: str | None = None
    force: bool = False
    config: str | None = None


@command
def run(args: GranskningArgs, result: Result) -> None:
    from pathlib import Path

    from ikplan import jsontext
    from ikplan.audit.build import build_audit
    from ikplan.audit.context import audit_context, audit_docx, audit_text
    from ikplan.commands import config_file, day, write_output
    from ikplan.commands.formats import is_json, needs_file, suffix
    from ikplan.errors import UsageError
    from ikplan.text import visible, visible_data

    if needs_file(args.fmt) and not args.output:
        raise UsageError(f"granskningen som {args.fmt} behöver en fil: ange -o FIL{suffix(args.fmt)}")
    when = day(args.date)
    checker, plans, skipped = _load(result, args.paths, config_file(args.config))
    audit = build_audit(plans, checker, args.year, when)
    for note in audit.notes:
        result.err(note)
    payload: bytes | str
    if args.fmt == "json":
        payload = jsontext.dumps(audit.as_json()) + "\n"
    else:
        ctx = visible_data(audit_context(audit))
        assert isinstance(ctx, dict)
        if args.fmt == "docx":
            payload = audit_docx(ctx)
        elif args.fmt == "text":
            payload = visible(audit_text(ctx))
        else:
            from ikplan.reporting.render import render_text, template_dir

            layout = "html" if args.fmt in ("html", "pdf") else "md"
            payload = visible(render_text(ctx, template_dir() / f"granskning.{layout}.j2", layout))
            if args.fmt == "pdf":
                from ikplan.reporting.pdf import render_pdf

                payload = render_pdf(payload, Path(template_dir()))
    write_output(result, args.output, payload, args.force, json=is_json(args.fmt))
    if skipped:
        result.exit(1)


def _load(result: Result, paths: list[str], config: str | None):  # type: ignore[no-untyped-def]
    """Every plan whose content can be read, rule errors and all: a revisor audits the plan the nämnd
    has, and its errors (an åtgärd without ansvarig) are the granskning's evidence. Plans that cannot
    be read, and two plans for one nämnd and year, are left out and named."""
    from ikplan.checking.reporters import text
    from ikplan.checking.validate import Checker, load_plans

    # The same pool as the other commands (IKPLAN_JOBS, else every core); the Checker stays, as
    # build_audit reads the adopted versions of the plans from git with it.
    checker = Checker(config)
    good, bad = load_plans(paths or ["plans"], config, keep_invalid=True, checker=checker)
    if bad:
        result.err_raw(text(bad, 0))
        result.err(f"{len({f.file for f in bad})} fil(er) kunde inte granskas; kör 'ikplan validate'")
    return checker, good, bool(bad)
