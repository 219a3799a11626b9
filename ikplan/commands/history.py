"""`ikplan history ID`: a risk or kontrollmoment through the years, one history per nämnd."""

from __future__ import annotations

from dataclasses import dataclass, field

from ikplan.commands import Result, command


@dataclass
class HistoryArgs:
    ident: str
    paths: list[str] = field(default_factory=list)
    fmt: str = "text"
    board: str | None = None  # --nämnd
    config: str | None = None
    jobs: int | None = None  # processes reading the plans (None: IKPLAN_JOBS, else every core)


@command
def run(args: HistoryArgs, result: Result) -> None:
    from ikplan import jsontext
    from ikplan.commands import load
    from ikplan.errors import UsageError
    from ikplan.followup.history import history, history_lines, key, matching_board

    # A history names files and years, never a line: the pool need not send the SourceMaps back.
    plans, skipped = load(result, args.paths, args.config, args.jobs, sources=False)
    board = matching_board(plans, args.board) if args.board is not None else None
    entries = history(plans, args.ident, board)
    if not entries:
        where = f" i {board}s plan" if board else " i planerna"
        raise UsageError(f"'{args.ident}' finns inte som risk eller kontrollmoment{where}")
    if args.fmt == "json":
        result.out(jsontext.dumps([e.as_json() for e in entries]) + "\n", json=True)
    else:
        from ikplan.text import visible

        result.out(visible(history_lines(entries, markdown=args.fmt == "md")))
    boards = sorted({e.board for e in entries})
    if len(boards) > 1:
        result.err(
            f"'{args.ident}' finns i {len(boards)} nämnders planer ({', '.join(boards)}); varje nämnd visas för sig, "
            "välj en med --nämnd"
        )
    elif len({key(e) for e in entries}) > 1:
        result.err(
            f"'{args.ident}' är flera kontrollmoment i samma nämnd (kommungemensamt id); vart och ett visas för sig"
        )
    if skipped:
        result.exit(1)
