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

    from ikplan.checking.validate import expand
    from ikplan.cycle.migrate import migrate_files
    from ikplan.plan.config import is_config_file

    files = [f for f in expand(args.paths or ["plans"]) if not is_config_file(os.path.basename(f))]
    # The library counts only what was really written, so a plan that could not be written (a full
    # disk, a file size limit) is named and never counted as migrated.
    done = migrate_files(files, args.write)
    for text in done.out:
        result.out(text)
    for message in done.err:
        result.err(message)
    result.exit(done.exit_code)
