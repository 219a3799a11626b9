"""Plans as they were at a git revision, for `ikplan diff REV`."""

from __future__ import annotations

import os
import subprocess

from ikplan.checking.validate import PLAN_SUFFIXES, Checker
from ikplan.errors import UsageError
from ikplan.plan.config import CONFIG_NAMES, Settings


def _git(args: list[str], cwd: str | None = None) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError) as exc:
        raise UsageError(f"git kunde inte köras: {exc}") from None


def repo_root(start: str = ".") -> str | None:
    out = _git(["rev-parse", "--show-toplevel"], cwd=start)
    return out.stdout.decode().strip() if out.returncode == 0 else None


def is_revision(rev: str, cwd: str = ".") -> bool:
    return _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], cwd=cwd).returncode == 0


class Revision:
    """Read files of one revision; paths are relative to the repository root."""

    def __init__(self, rev: str, root: str) -> None:
        self.rev = rev
        self.root = root
        out = _git(["ls-tree", "-r", "-z", "--name-only", rev], cwd=root)
        if out.returncode != 0:
            raise UsageError(f"revisionen '{rev}' går inte att läsa: {out.stderr.decode().strip()}")
        self.files = {p for p in out.stdout.decode("utf-8", "replace").split("\0") if p}

    def read(self, relpath: str) -> bytes | None:
        if relpath not in self.files:
            return None
        out = _git(["show", f"{self.rev}:{relpath}"], cwd=self.root)
        return out.stdout if out.returncode == 0 else None

    def plans_under(self, relpaths: list[str]) -> list[str]:
        found = []
        for p in sorted(self.files):
            if not p.endswith(PLAN_SUFFIXES) or os.path.basename(p) in CONFIG_NAMES:
                continue
            if any(p == r or p.startswith(r.rstrip("/") + "/") or r in ("", ".") for r in relpaths):
                found.append(p)
        return found

    def config_for(self, relpath: str) -> str | None:
        folder = os.path.dirname(relpath)
        while True:
            for name in CONFIG_NAMES:
                candidate = os.path.join(folder, name) if folder else name
                if candidate in self.files:
                    return candidate
            if not folder:
                return None
            folder = os.path.dirname(folder)


class RevisionChecker(Checker):
    """A Checker whose kommun configuration also comes from the revision."""

    def __init__(self, revision: Revision) -> None:
        super().__init__()
        self.revision = revision

    def settings_for(self, plan_path: str) -> tuple[Settings | None, str | None]:
        rel = os.path.relpath(os.path.abspath(plan_path), self.revision.root)
        cfg = self.revision.config_for(rel)
        if cfg is None:
            from ikplan.plan.config import DEFAULT

            return DEFAULT, None
        key = f"{self.revision.rev}:{cfg}"
        if key not in self._configs:
            settings = self.check_config(key, f"{self.revision.rev}:{cfg}", raw=self.revision.read(cfg) or b"")
            self._configs[key] = (settings, self.config_findings[key])
        return self._configs[key][0], key
