"""`ikplan diff`: what changed in the plans, matched by id (two files, or a git revision and the work tree)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ikplan.commands import Result, command


@dataclass
class DiffArgs:
    targets: list[str] = field(default_factory=list)
    fmt: str = "text"
    exit_code: bool = False
    config: str | None = None


@command
def run(args: DiffArgs, result: Result) -> None:
    """Exit code as GNU diff's: 0 no changes, 1 changes (with --exit-code), 2 when a side cannot be read."""
    import os

    from ikplan.commands import terminal
    from ikplan.errors import UsageError
    from ikplan.review.diff import diff_files, diff_revision
    from ikplan.review.diff_views import as_json, markdown
    from ikplan.review.diff_views import terminal as draw

    targets = args.targets
    if len(targets) == 2 and all(os.path.lexists(t) and not os.path.isdir(t) for t in targets):
        diffs = diff_files(targets[0], targets[1], args.config)
        label = f"{targets[0]} → {targets[1]}"
    else:
        from ikplan.review.gitsource import is_revision, is_shallow

        rev, *paths = targets
        if not is_revision(rev):
            missing = next((t for t in targets if not os.path.exists(t)), rev)
            if missing == rev and not os.path.exists(rev) and is_shallow():
                # CI checks out one commit by default: HEAD~1 or main is history the clone lacks
                raise UsageError(
                    f"revisionen '{rev}' finns inte i den här klonen: den är grund (shallow) och saknar "
                    "historiken; hämta den med 'git fetch --unshallow' (i GitHub Actions: fetch-depth: 0)"
                )
            raise UsageError(f"'{missing}' är varken en fil eller en git-revision")
        notes: list[str] = []
        diffs = diff_revision(rev, paths or (["plans"] if os.path.isdir("plans") else ["."]), notes)
        for note in notes:
            result.err(note)
        label = f"{rev} → arbetskopian"
    if args.fmt == "json":
        result.out(as_json(diffs), json=True)
    elif args.fmt == "md":
        result.out(markdown(diffs, label))
    else:
        result.out_raw(terminal(lambda console: draw(console, diffs, label)))
    troubled = [d for d in diffs if d.trouble]
    for d in troubled:
        result.err(f"{d.name}: {d.trouble}")
    if troubled:
        result.exit(2)
    elif args.exit_code and any(d.changed for d in diffs):
        result.exit(1)
