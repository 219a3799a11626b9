"""`ikplan site`: the kommun's intern kontroll as a static website (public edition by default)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ikplan.commands import Result, command


@dataclass
class SiteArgs:
    paths: list[str] = field(default_factory=list)
    output: str = "public"
    internal: bool = False
    pdf: bool = False
    search: bool = True
    date: str | None = None
    force: bool = False
    config: str | None = None
    jobs: int | None = None


@command
def run(args: SiteArgs, result: Result) -> None:
    from ikplan.commands import day, load
    from ikplan.errors import UsageError
    from ikplan.site import SiteOptions, build_site

    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobb måste vara minst 1")
    when = day(args.date)
    plans, skipped = load(result, args.paths, args.config)
    if not plans:
        result.exit(1)
        return
    options = SiteOptions(
        output=args.output,
        day=when,
        public=not args.internal,
        pdf=args.pdf,
        search=args.search,
        force=args.force,
        jobs=args.jobs,
    )
    report = build_site(plans, options, args.config)
    edition = "intern version (med uppgifter som kan omfattas av sekretess)" if args.internal else "offentlig version"
    result.err(
        f"skrev webbplatsen i {args.output}: {report.pages} sidor, {edition}; "
        f"{len(report.rendered)} plan(er) renderade, {len(report.reused)} oförändrade"
        + (f", {report.removed} gamla filer borttagna" if report.removed else "")
    )
    if report.search:
        result.err(report.search)
    if skipped:
        result.exit(1)
