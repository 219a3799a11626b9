"""IK150: an adopted plan changed in substance without a new decision, from the plans' git history.

A rule of one file cannot see the file's history, so `validate` runs this after the files, once for
all of them (one `git log`, one `git cat-file --batch`). `ikplan granskning` answers question 9 with it.

Only the standard library at module level: checking/rules.py registers the code from here.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ikplan.audit.history import Trail
    from ikplan.checking.findings import Finding
    from ikplan.checking.validate import Checked, Checker

CODE = "IK150"
TITLE = "antagen plan ändrad utan nytt beslut"


def adopted_plan_unchanged(plan: Any, settings: Any) -> Iterator[Any]:
    """Planen har ändrats i sak (risker, bedömning, hantering, kontrollmoment, riskmatris: det som
    `ikplan diff` kallar väsentligt) efter den commit som satte `antagen`, utan att ett nytt beslut
    förts in (nytt `antagen.datum` och `paragraf`). Fyndet står vid det ändrade och namnger antagandets
    commit och de commits som ändrade. Redaktionella ändringar och uppföljning är tillåtna. Läser
    git-historiken och körs bara i ett git-arkiv med hela historiken (en grund klon sägs till i en
    notis), för planer under kommunens ikplan.yaml i arkivets översta mapp (kommunens planarkiv; exempel
    och testplaner djupare ner i ett annat projekts arkiv berörs inte); stängs av med
    `ignorera_regler: [IK150]` i ikplan.yaml."""
    return iter(())  # the check itself runs across the history: adopted_plan_findings


@dataclass
class Examined:
    """One plan's adoption trail, and what the material change is when there is one."""

    file: str
    trail: Trail
    changes: list[str]  # "risk R2 › sannolikhet: 2 → 4"
    line: int = 1
    column: int = 1


def examine(
    plans: list[tuple[str, Checked | None]], checker: Checker, notes: list[str], kommun_repository: bool = False
) -> dict[str, Examined]:
    """The adoption trail of each plan file (its current check, when the caller has one), keyed by file.
    Empty outside git; a note in `notes` when inside git the history cannot be read."""
    if not plans:
        return {}
    from ikplan.audit.history import Repository, reading, trail  # git and subprocess: only when there are plans

    repo = Repository(os.path.dirname(os.path.abspath(plans[0][0])) or ".")
    if repo.problem is not None:
        notes.append(f"{CODE} (antagen plan ändrad utan nytt beslut) kontrollerades inte: {repo.problem}")
        return {}
    if repo.root is None:
        return {}
    rels = {f: r for f, _ in plans if (r := repo.relative(f)) is not None}
    history = repo.versions(sorted(set(rels.values())))
    cache: dict[tuple[str, str], Any] = {}
    out: dict[str, Examined] = {}
    for file, checked in plans:
        rel = rels.get(file)
        if rel is None or rel not in history:
            continue
        settings, _ = checker.settings_for(file)
        if settings is None or CODE in settings.config.ignore_rules:
            continue
        if kommun_repository and not _governs_repository(settings.config_path, repo.root):
            continue
        try:
            with open(file, "rb") as fh:
                current = fh.read()
        except OSError:
            continue
        config = settings.config
        key = str(id(config))

        def read(raw: bytes, rel: str = rel, config: Any = config, key: str = key) -> Any:
            from ikplan.audit.history import blob_id

            oid = blob_id(raw)
            if (key, oid) not in cache:
                cache[(key, oid)] = reading(raw, rel, config.translate)
            return cache[(key, oid)]

        t = trail(current, history[rel], repo, read)
        found = Examined(file, t, [])
        if t.status == "ändrad":
            _confirm(found, checked, checker, repo, rel)
        out[file] = found
    return out


def _governs_repository(config_path: str | None, root: str) -> bool:
    """Whether the kommun's ikplan.yaml sits at the top of the git work tree: a kommun's plan repository.
    Plans under an ikplan.yaml deeper down (examples and test plans in another project's repository, such
    as ikplan's own) are no adopted plans of that repository, and their edits need no decision."""
    if config_path is None:
        return False
    return os.path.realpath(os.path.dirname(os.path.abspath(config_path))) == os.path.realpath(root)


def _confirm(found: Examined, checked: Checked | None, checker: Checker, repo: Any, rel: str) -> None:
    """The change as `ikplan diff` sees it: material, and where in the file (else only editorial)."""
    from ikplan.review.diff import diff_plans

    t = found.trail
    assert t.adopted_in is not None and t.adopted_blob is not None
    raw = repo.blob(t.adopted_blob)
    before = checker.check_bytes(raw or b"", f"{t.adopted_in.short}:{rel}", settings_from=found.file)
    after = checked if checked is not None else checker.check_path(found.file)
    if not before.ok or not after.ok or after.plan is None:
        # The adopted version is no valid plan today (an older format, a rule added since) or the current
        # one has errors (validate reports them): the two cannot be compared, so nothing is claimed.
        t.status, t.material, t.uncommitted = "ej_jämförbar", [], False
        return
    diff = diff_plans(found.file, before, after)
    if not diff.material:
        t.status, t.material, t.uncommitted = "redaktionell", [], False
        return
    changes = []
    first: tuple[Any, ...] | None = None
    risks = {r.id: i for i, r in enumerate(after.plan.risks)}
    areas = {a.id: i for i, a in enumerate(after.plan.areas)}
    for e in diff.entities:
        if not e.material:
            continue
        name = {"risk": "risk", "område": "område", "plan": "planen", "riskmatris": "riskmatrisen"}.get(e.kind, e.kind)
        label = f"{name} {e.id}".strip()
        if e.status in ("ny", "borttagen"):
            changes.append(f"{label} {'tillagd' if e.status == 'ny' else 'borttagen'}")
        for f in e.fields:
            if f.material:
                changes.append(f"{label} › {f.field}: {_short(f.shown_before)} → {_short(f.shown_after)}")
        changes += [f"{label} {note}" for note in e.notes]
        if first is None:
            if e.kind == "risk" and e.id in risks:
                path: tuple[Any, ...] = ("risker", risks[e.id])
                field = next((f.field for f in e.fields if f.material and " › " not in f.field), None)
                first = (*path, field) if field else path
            elif e.kind == "område" and e.id in areas:
                first = ("områden", areas[e.id])
            elif e.kind == "risk":
                first = ("risker",)
            elif e.kind == "riskmatris":
                first = ("riskmatris",)
            elif e.kind == "plan" and e.fields:
                first = (e.fields[0].field,)
    found.changes = changes
    line, column = after.source.locate(first or ("antagen",), key=True)
    found.line, found.column = max(line, 1), max(column, 1)


def _short(value: Any) -> str:
    from ikplan.text import shorten

    if value is None:
        return "–"
    return shorten(str(value), 60)


def message(found: Examined) -> str:
    """The finding's words: the adoption's commit, what changed and in which commits."""
    from ikplan.swedish import join

    t = found.trail
    assert t.adopted_in is not None
    by = [f"{c.short} ({c.date}, {c.author})" for c in t.material]
    if t.uncommitted:
        by.append("arbetskopian (ej incheckad)")
    what = "; ".join(found.changes[:3]) + (f" och {len(found.changes) - 3} till" if len(found.changes) > 3 else "")
    return (
        f"planen antogs i commit {t.adopted_in.short} ({t.adopted_in.date}) men har ändrats i sak utan nytt beslut"
        f" ({what}), ändrad i {join(by) or 'senare commits'}; för in nämndens nya beslut i antagen (datum, "
        "paragraf) eller ta tillbaka ändringen"
    )


def adopted_plan_findings(files: list[str], config: str | None, notes: list[str]) -> list[Finding]:
    """IK150 for the plan files `validate` checked (nothing outside git; a note when git cannot tell)."""
    from ikplan.checking.findings import Finding, Severity
    from ikplan.checking.validate import Checker
    from ikplan.plan.config import is_config_file

    checker = Checker(config)

    def in_kommun_repository(file: str) -> bool:
        # no git call for plans that cannot be the kommun's (see _governs_repository): a plan whose
        # kommun ikplan.yaml has no .git beside it is no adopted plan of this repository
        settings, _ = checker.settings_for(file)
        path = settings.config_path if settings is not None else None
        return path is not None and os.path.exists(os.path.join(os.path.dirname(os.path.abspath(path)), ".git"))

    plans = [f for f in files if not is_config_file(f) and in_kommun_repository(f)]
    out = []
    for found in examine([(f, None) for f in plans], checker, notes, kommun_repository=True).values():
        if found.trail.status == "ändrad":
            out.append(Finding(found.file, found.line, found.column, CODE, Severity.ERROR, message(found)))
    return out
