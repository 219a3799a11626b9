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


def _names(raw: bytes) -> list[str]:
    return [p for p in raw.decode("utf-8", "surrogateescape").split("\0") if p]


def is_under(relpath: str, folder: str) -> bool:
    """Whether `relpath` is `folder` or below it (both relative to the repository root; '' or '.' is the root)."""
    return folder in ("", ".") or relpath == folder or relpath.startswith(folder.rstrip("/") + "/")


def is_plan_path(relpath: str) -> bool:
    """A plan file as `ikplan validate FOLDER` finds one: .yaml/.yml, not ikplan.yaml, nothing hidden."""
    parts = relpath.split("/")
    return (
        relpath.endswith(PLAN_SUFFIXES) and parts[-1] not in CONFIG_NAMES and not any(p.startswith(".") for p in parts)
    )


class Revision:
    """Read files of one revision; paths are relative to the repository root."""

    def __init__(self, rev: str, root: str) -> None:
        self.rev = rev
        self.root = root
        out = _git(["ls-tree", "-r", "-z", "--name-only", rev], cwd=root)
        if out.returncode != 0:
            raise UsageError(f"revisionen '{rev}' går inte att läsa: {out.stderr.decode().strip()}")
        self.files = set(_names(out.stdout))
        self._blobs: dict[str, bytes | None] = {}

    def changed(self) -> set[str]:
        """Files that differ between the revision and the working tree, and untracked files.

        Paths on both sides of a rename are listed (plans are matched by path). Git answers from
        its index and the files' stat data, so this costs what changed, not the size of the repository.
        """
        out = _git(["diff", "--name-only", "-z", "--no-renames", "--no-ext-diff", self.rev, "--"], cwd=self.root)
        if out.returncode != 0:
            raise UsageError(f"git diff {self.rev} misslyckades: {out.stderr.decode().strip()}")
        untracked = _git(["ls-files", "--others", "--exclude-standard", "-z"], cwd=self.root)
        return set(_names(out.stdout)) | set(_names(untracked.stdout if untracked.returncode == 0 else b""))

    def read_many(self, relpaths: list[str]) -> None:
        """Read the files' contents at the revision in one `git cat-file --batch`; `read` then answers."""
        wanted = [p for p in dict.fromkeys(relpaths) if p in self.files and p not in self._blobs]
        batch = [p for p in wanted if "\n" not in p]
        if batch:
            request = "".join(f"{self.rev}:{p}\n" for p in batch).encode("utf-8", "surrogateescape")
            try:
                out = subprocess.run(
                    ["git", "cat-file", "--batch"], cwd=self.root, input=request, capture_output=True, timeout=300
                )
            except (OSError, subprocess.SubprocessError) as exc:
                raise UsageError(f"git kunde inte köras: {exc}") from None
            data, pos = out.stdout, 0
            for p in batch:
                end = data.find(b"\n", pos)
                if end < 0:
                    break
                header = data[pos:end].split()
                pos = end + 1
                if len(header) == 3 and header[2].isdigit():  # <oid> <type> <size>, then the content
                    size = int(header[2])
                    self._blobs[p] = data[pos : pos + size] if header[1] == b"blob" else None
                    pos += size + 1
                else:
                    self._blobs[p] = None  # "<name> missing" or "<name> ambiguous"
        for p in wanted:
            if p not in self._blobs:  # a name with a newline, or a cut-short answer
                one = _git(["show", f"{self.rev}:{p}"], cwd=self.root)
                self._blobs[p] = one.stdout if one.returncode == 0 else None

    def read(self, relpath: str) -> bytes | None:
        if relpath not in self.files:
            return None
        if relpath not in self._blobs:
            self.read_many([relpath])
        return self._blobs.get(relpath)

    def plans_under(self, relpaths: list[str]) -> list[str]:
        return [p for p in sorted(self.files) if is_plan_path(p) and any(is_under(p, r) for r in relpaths)]

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
