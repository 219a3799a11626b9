"""`ikplan migrate`: plans rewritten to the latest schemaversion, comments and all kept."""

from __future__ import annotations

from dataclasses import dataclass, field

from ikplan.commands import Result, command


@dataclass
class MigrateArgs:
    paths: list[str] = field(default_factory=list)
    write: bool = False


@command
def run(args: MigrateArgs, result: Result) -> None:
    import os

    from ikplan.checking.loading import read_limited
    from ikplan.checking.validate import expand
    from ikplan.cycle.migrate import migrate_bytes
    from ikplan.errors import IkplanError
    from ikplan.files import write_atomic
    from ikplan.plan.config import is_config_file
    from ikplan.plan.model import SCHEMA_VERSION

    files = [f for f in expand(args.paths or ["plans"]) if not is_config_file(os.path.basename(f))]
    failed = changed = 0
    for f in files:
        try:
            raw = read_limited(f)
        except OSError as exc:
            raw, why = None, exc.strerror
        else:
            why = "den är större än 10 MB"
        if raw is None:
            result.err(f"{f}: kan inte läsa filen ({why})")
            failed += 1
            continue
        m = migrate_bytes(raw, f)
        if m.problem:
            result.err(f"{f}: {m.problem}")
            failed += 1
            continue
        if not m.changed:
            continue
        changed += 1
        if args.write:
            try:
                write_atomic(f, m.new_bytes(), force=True)
            except IkplanError as exc:
                result.err(str(exc))
                failed += 1
                continue
            result.err(f"{f}: schemaversion {m.from_version} → {SCHEMA_VERSION}")
        else:
            result.out(m.diff())
        if m.findings:
            result.err(f"{f}: {len(m.findings)} fel kvar som migreringen inte rättar; kör 'ikplan validate {f}'")
    done = "migrerades" if args.write else "behöver migreras"
    if changed:
        tail = "" if args.write else "; skriv dem med --write"
        result.err(f"{changed} av {len(files)} planer {done} till schemaversion {SCHEMA_VERSION}{tail}")
    elif not failed:
        result.err(f"alla {len(files)} planer har redan schemaversion {SCHEMA_VERSION}")
    if failed:
        result.exit(1)
