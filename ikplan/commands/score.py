"""`ikplan score`: riskvärde, risknivå and critical risks, highest first, with the matrix as a heat map."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ikplan.commands import Result, command


@dataclass
class ScoreArgs:
    paths: list[str] = field(default_factory=list)
    fmt: str = "text"
    critical: bool = False
    area: str | None = None
    ids: bool = False
    config: str | None = None
    jobs: int | None = None  # processes reading the plans (None: IKPLAN_JOBS, else every core)


@command
def run(args: ScoreArgs, result: Result) -> None:
    from ikplan.commands import load, terminal
    from ikplan.errors import UsageError
    from ikplan.followup.scoring import heat_map, score_plan, sort_scored
    from ikplan.reporting.views import score_json, score_markdown, score_terminal

    area = args.area
    plans, skipped = load(result, args.paths, args.config, args.jobs)
    if area is not None:
        known = {
            name.lower() for checked in plans for a in checked.plan.areas for name in (a.id, a.name) if name is not None
        }
        if area.lower() not in known:
            raise UsageError(f"området '{area}' finns inte i planerna (id eller namn under områden)")
    scored = []
    groups: list[tuple[Any, list[Any]]] = []
    for checked in plans:
        rows = score_plan(checked)
        if area is not None:
            wanted = area.lower()
            rows = [r for r in rows if (r.risk.area or "").lower() == wanted or (r.area or "").lower() == wanted]
        if args.critical:
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
    if args.fmt == "json":
        result.out(score_json(scored), json=True)
    elif args.fmt == "md":
        result.out(score_markdown(scored, heats, several, args.ids))
    else:
        result.out_raw(terminal(lambda console: score_terminal(console, scored, heats, several, args.ids)))
    if skipped:
        result.exit(1)
