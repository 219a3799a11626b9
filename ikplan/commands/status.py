"""`ikplan status`: the follow-up per period: reported kontrollmoment, results and late åtgärder."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ikplan.commands import Result, command


@dataclass
class StatusArgs:
    paths: list[str] = field(default_factory=list)
    period: str | None = None  # delår, or the kommun's latest ended period when it has no delår
    as_of: str | None = None
    fmt: str = "text"
    strict: bool = False
    config: str | None = None
    public: bool = False  # --offentlig: what is marked sekretess left out, as report and summary do
    jobs: int | None = None  # processes reading the plans (None: IKPLAN_JOBS, else every core)


@command
def run(args: StatusArgs, result: Result) -> None:
    import datetime as dt

    from ikplan.checking.recurring import over_years
    from ikplan.commands import day, load, terminal
    from ikplan.followup.status import plan_statuses
    from ikplan.reporting.views import status_json, status_markdown, status_terminal

    given = day(args.as_of) if args.as_of else None
    plans, skipped = load(result, args.paths, args.config, args.jobs)
    if args.public:
        from ikplan.site.public import public_edition

        plans = [public_edition(p) for p in plans]  # redacted before anything is shown, JSON included
    # each plan judged on its own day: a past year's plan at the end of its year, not against today
    statuses, notes = plan_statuses(plans, args.period, given, dt.date.today())
    for note in notes:
        result.err(note)
    recurring = over_years(plans)  # IK140/IK141: what recurs across the years among these plans
    if args.fmt == "json":
        result.out(status_json(statuses, recurring), json=True)
    elif args.fmt == "md":
        result.out(status_markdown(statuses) + over_years_text(recurring, markdown=True))
    else:
        result.out_raw(terminal(lambda console: status_terminal(console, statuses)))
        if recurring:
            result.out(over_years_text(recurring))
    if skipped or (args.strict and not all(s.complete for s in statuses)):
        result.exit(1)


def over_years_text(findings: list[Any], markdown: bool = False) -> str:
    if not findings:
        return ""
    if markdown:
        return "## Över åren\n\n" + "".join(f"- {f.file}: {f.code} {f.message}\n" for f in findings)
    import textwrap

    from ikplan.commands import console

    width = max(40, min(console().width, 120))
    lines = ["Över åren:"]
    for f in findings:
        lines += textwrap.wrap(f"{f.file}: {f.code} {f.message}", width, initial_indent="  ", subsequent_indent="    ")
    return "\n".join(lines) + "\n"
