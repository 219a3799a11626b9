"""`ikplan git-setup`: the three pieces that make git and ikplan work together, idempotently.

1. `.gitattributes`: plan files use the `ikplan` diff driver (ikplan.yaml too: `show --flat`
   prints a configuration as it is, so the pattern may be broad).
2. `git config diff.ikplan.textconv "ikplan show --flat"` (and caching), so `git diff` and
   `git log -p` show flat, sorted plans.
3. `.pre-commit-config.yaml` with a local hook that runs the installed ikplan: no network, and a
   changed ikplan.yaml validates every plan it governs.
4. The editor's schema `.ikplan/plan.schema.json` beside each ikplan.yaml (at the root without one),
   made from that ikplan.yaml, which the modeline `ikplan new` writes points to; written again when
   stale, never over a file ikplan did not write.
"""

from __future__ import annotations

import os
import subprocess

from ikplan.errors import UsageError
from ikplan.files import write_atomic

ATTRIBUTE = "plans/**/*.yaml diff=ikplan"
PRE_COMMIT = """\
# Skriven av ikplan git-setup: kontrollera planerna vid varje commit.
repos:
  - repo: local
    hooks:
      - id: ikplan-validate
        name: ikplan validate
        entry: ikplan validate
        language: system
        files: (^|/)(plans/.*\\.ya?ml|ikplan\\.ya?ml)$
        require_serial: true  # en process: ikplan delar själv upp filerna på kärnorna
"""


def _git(root: str, *args: str) -> str:
    done = subprocess.run(["git", "-C", root, *args], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise UsageError(f"git {' '.join(args)} misslyckades: {done.stderr.strip() or done.returncode}")
    return done.stdout.strip()


def setup(start: str = ".") -> list[str]:
    """Configure the repository that holds `start`; return one Swedish line per thing done or found."""
    try:
        root = _git(start, "rev-parse", "--show-toplevel")
    except (UsageError, OSError):
        raise UsageError(f"{os.path.abspath(start)} ligger inte i ett git-arkiv (kör git init först)") from None
    done: list[str] = []
    attributes = os.path.join(root, ".gitattributes")
    existing = ""
    if os.path.exists(attributes):
        with open(attributes, encoding="utf-8") as fh:
            existing = fh.read()
    if ATTRIBUTE in existing.splitlines():
        done.append(".gitattributes har redan raden för planerna")
    else:
        text = existing + ("" if not existing or existing.endswith("\n") else "\n") + ATTRIBUTE + "\n"
        write_atomic(attributes, text.encode("utf-8"), force=True)
        done.append(f".gitattributes: lade till '{ATTRIBUTE}'")
    for key, value in (("diff.ikplan.textconv", "ikplan show --flat"), ("diff.ikplan.cachetextconv", "true")):
        current = subprocess.run(["git", "-C", root, "config", "--get", key], capture_output=True, text=True)
        if current.stdout.strip() == value:
            done.append(f"git config {key} är redan '{value}'")
        else:
            _git(root, "config", key, value)
            done.append(f"git config {key} = '{value}'")
    hooks = os.path.join(root, ".pre-commit-config.yaml")
    if os.path.exists(hooks):
        with open(hooks, encoding="utf-8") as fh:
            has_hook = "ikplan-validate" in fh.read()
        done.append(
            ".pre-commit-config.yaml har redan ikplan-validate"
            if has_hook
            else ".pre-commit-config.yaml finns redan och lämnas orörd; lägg till kroken ikplan-validate (se README)"
        )
    else:
        write_atomic(hooks, PRE_COMMIT.encode("utf-8"))
        done.append(".pre-commit-config.yaml: skrev kroken ikplan-validate (kör 'pre-commit install')")
    done += editor_schemas(root)
    return done


def config_files(root: str) -> list[str]:
    """Every ikplan.yaml in the repository, outside dot folders (.git, .venv, .ikplan), sorted."""
    from ikplan.plan.config import CONFIG_NAMES

    found: list[str] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "node_modules")
        found.extend(os.path.join(folder, name) for name in CONFIG_NAMES if name in files)
    return sorted(found)


def editor_schemas(root: str) -> list[str]:
    """Write the editor's schema beside each ikplan.yaml (the format's own at the root when there is
    none) where it is missing or stale; one Swedish line per file."""
    from ikplan.checking.validate import Checker
    from ikplan.plan.schema import editor_schema_file, editor_schema_state, editor_schema_text

    checker = Checker()
    done: list[str] = []
    configs: list[str | None] = [*config_files(root)] or [None]
    for cfg in configs:
        folder = os.path.dirname(cfg) if cfg else root
        config = None
        if cfg is not None:
            settings, _ = checker.settings_for(os.path.join(folder, "plan.yaml"))
            if settings is None:
                done.append(
                    f"{os.path.relpath(cfg, root)} har fel, så editorschemat skrevs inte: kör 'ikplan validate'"
                )
                continue
            config = settings.config
        path = editor_schema_file(folder)
        shown = os.path.relpath(path, root)
        state = editor_schema_state(path, config)
        if state == "aktuellt":
            done.append(f"{shown} är redan aktuellt")
        elif state == "eget":
            done.append(f"{shown} finns redan men är inte skrivet av ikplan och lämnas orört")
        else:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            write_atomic(path, editor_schema_text(config).encode("utf-8"), force=True)
            source = f"från {os.path.relpath(cfg, root)}" if cfg else "(formatets eget: ingen ikplan.yaml)"
            verb = "skrev om" if state == "inaktuellt" else "skrev"
            done.append(f"{shown}: {verb} editorschemat {source}; checka in det")
    return done
