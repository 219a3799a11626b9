"""`ikplan migrate`: a plan rewritten to the newest schemaversion, byte for byte otherwise.

Version 2 only adds keys, so a version 1 plan means the same under version 2 and the step is the
version number itself. The edit is made in the text at the position the loader records, not by a
YAML round-trip: a round-trip (even ruamel's) re-indents sequences and re-wraps long scalars, while
this keeps every comment, quote and line of the user's file as it was.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from ikplan.checking.findings import Finding, Severity
from ikplan.checking.loading import decode, load_bytes
from ikplan.plan.model import SCHEMA_VERSION

_NUMBER = re.compile(r"['\"]?\d+['\"]?")


@dataclass
class Migration:
    """The outcome for one file: its new text (None when it could not be migrated) and why."""

    file: str
    bom: bool = False
    old_text: str | None = None
    new_text: str | None = None
    from_version: int | None = None
    problem: str | None = None
    findings: list[Finding] = field(default_factory=list)  # errors left in the migrated plan

    @property
    def changed(self) -> bool:
        return self.new_text is not None and self.new_text != self.old_text

    def new_bytes(self) -> bytes:
        assert self.new_text is not None
        return (b"\xef\xbb\xbf" if self.bom else b"") + self.new_text.encode("utf-8")

    def diff(self) -> str:
        if not self.changed:
            return ""
        assert self.old_text is not None and self.new_text is not None
        return "".join(
            difflib.unified_diff(
                self.old_text.splitlines(keepends=True),
                self.new_text.splitlines(keepends=True),
                f"a/{self.file}",
                f"b/{self.file}",
            )
        )


def migrate_bytes(raw: bytes, file: str, settings_from: str | None = None) -> Migration:
    """Migrate one plan's bytes to SCHEMA_VERSION; never raises for bad input."""
    from ikplan.checking.validate import Checker

    out = Migration(file, bom=raw.startswith(b"\xef\xbb\xbf"))
    loaded = load_bytes(raw, file)
    text, _ = decode(raw, file)
    errors = [f for f in loaded.findings if f.severity is Severity.ERROR]
    if loaded.data is None or text is None or errors:
        first = errors[0] if errors else None
        where = f" ({first.line}:{first.column} {first.code} {first.message})" if first else ""
        out.problem = f"kan inte läsas som en plan{where}; rätta filen först"
        return out
    version = loaded.data.get("schemaversion")
    if not isinstance(version, int) or isinstance(version, bool) or not 1 <= version <= SCHEMA_VERSION:
        out.problem = f"schemaversion saknas eller är okänd ({version!r}); ange 'schemaversion: 1' eller 2"
        return out
    out.old_text, out.from_version = text, version
    if version == SCHEMA_VERSION:
        out.new_text = text
        return out
    line, col = loaded.source.locate(("schemaversion",))
    lines = text.splitlines(keepends=True)
    target = lines[line - 1]
    m = _NUMBER.match(target, col - 1)
    if m is None:  # a flow mapping or another form the position does not point into
        out.problem = f"hittar inte schemaversion på rad {line}; ändra den för hand till {SCHEMA_VERSION}"
        return out
    lines[line - 1] = target[: m.start()] + str(SCHEMA_VERSION) + target[m.end() :]
    out.new_text = "".join(lines)
    checked = Checker().check_bytes(out.new_text.encode("utf-8"), file, settings_from=settings_from or file)
    out.findings = [f for f in checked.findings if f.severity is Severity.ERROR]
    return out


@dataclass
class MigrateRun:
    """What `ikplan migrate` prints (diffs on stdout, messages on stderr) and whether any file failed."""

    out: list[str] = field(default_factory=list)
    err: list[str] = field(default_factory=list)
    written: int = 0
    failed: int = 0

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0


def migrate_files(files: list[str], write: bool) -> MigrateRun:
    """Migrate `files` (plans; shown as diffs, written with `write`). A file that cannot be read or
    written is named with its Swedish reason and counts as failed, never as migrated."""
    from ikplan.checking.loading import read_limited
    from ikplan.errors import IkplanError
    from ikplan.files import reason, write_atomic

    run = MigrateRun()
    pending = 0  # plans that need migrating (without --write)
    for f in files:
        try:
            raw = read_limited(f)
        except OSError as exc:
            raw, why = None, reason(exc) if exc.errno else (exc.strerror or "ingen vanlig fil")
        else:
            why = "den är större än 10 MB"
        if raw is None:
            run.err.append(f"{f}: kan inte läsa filen ({why})")
            run.failed += 1
            continue
        m = migrate_bytes(raw, f)
        if m.problem:
            run.err.append(f"{f}: {m.problem}")
            run.failed += 1
            continue
        if not m.changed:
            continue
        if write:
            try:
                write_atomic(f, m.new_bytes(), force=True)
            except IkplanError as exc:
                run.err.append(f"{exc}; planen migrerades inte")
                run.failed += 1
                continue
            run.written += 1
            run.err.append(f"{f}: schemaversion {m.from_version} → {SCHEMA_VERSION}")
        else:
            pending += 1
            run.out.append(m.diff())
        if m.findings:
            n = len(m.findings)
            run.err.append(f"{f}: {n} fel kvar som migreringen inte rättar; kör 'ikplan validate {f}'")
    total = len(files)
    word = "plan" if total == 1 else "planer"
    if write and run.written:
        run.err.append(f"{run.written} av {total} {word} migrerades till schemaversion {SCHEMA_VERSION}")
    elif pending:
        run.err.append(
            f"{pending} av {total} {word} behöver migreras till schemaversion {SCHEMA_VERSION}; skriv dem med --write"
        )
    elif not run.failed:
        everything = "planen har" if total == 1 else f"alla {total} planer har"
        run.err.append(f"{everything} redan schemaversion {SCHEMA_VERSION}")
    if run.failed:
        run.err.append(f"{run.failed} av {total} {word} kunde inte migreras")
    return run
