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


def is_shallow(cwd: str = ".") -> bool:
    """Whether the repository is a shallow clone (CI's default), which lacks the older history."""
    out = _git(["rev-parse", "--is-shallow-repository"], cwd=cwd)
    return out.returncode == 0 and out.stdout.strip() == b"true"


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
        out = _git(["ls-tree", "-r", "-z", rev], cwd=root)
        if out.returncode != 0:
            raise UsageError(f"revisionen '{rev}' går inte att läsa: {out.stderr.decode().strip()}")
        self.files: set[str] = set()
        self.links: set[str] = set()  # symbolic links (mode 120000): their blob is the target's path
        self.submodules: set[str] = set()  # gitlinks (mode 160000): another repository's commit
        for entry in _names(out.stdout):
            meta, _, path = entry.partition("\t")
            mode = meta.split(" ", 1)[0]
            if mode == "160000":
                self.submodules.add(path)
                continue
            self.files.add(path)
            if mode == "120000":
                self.links.add(path)
        self._blobs: dict[str, bytes | None] = {}
        self.renames: dict[str, str] = {}  # new path -> old path, filled by changed()

    def changed(self) -> set[str]:
        """Files that differ between the revision and the working tree, and untracked files.

        Paths on both sides of a rename are listed, and `renames` maps the new path to the old one,
        so a renamed plan is compared with what it was instead of shown as new. Git answers from its
        index and the files' stat data, so this costs what changed, not the size of the repository.
        """
        out = _git(["diff", "--name-status", "-z", "-M", "--no-ext-diff", self.rev, "--"], cwd=self.root)
        if out.returncode != 0:
            raise UsageError(f"git diff {self.rev} misslyckades: {out.stderr.decode().strip()}")
        changed: set[str] = set()
        fields = _names(out.stdout)
        i = 0
        while i < len(fields):
            status = fields[i]
            if status[:1] in ("R", "C") and i + 2 < len(fields):
                old, new = fields[i + 1], fields[i + 2]
                if status[:1] == "R":
                    self.renames[new] = old
                    changed.add(old)
                changed.add(new)
                i += 3
            else:
                if i + 1 < len(fields):
                    changed.add(fields[i + 1])
                i += 2
        untracked = _git(["ls-files", "--others", "--exclude-standard", "-z"], cwd=self.root)
        changed |= set(_names(untracked.stdout if untracked.returncode == 0 else b""))
        # A plan that is a symbolic link changes when its target does, though git lists only the target.
        for link in self.links:
            target = os.path.realpath(os.path.join(self.root, link))
            rel = os.path.relpath(target, os.path.realpath(self.root)).replace(os.sep, "/")
            if rel in changed or self.link_target(link) in changed:
                changed.add(link)
        return changed

    def link_target(self, relpath: str) -> str | None:
        """The file a symbolic link at the revision points to (repository-relative), or None when it
        leaves the repository or goes round in a circle."""
        seen = set()
        while relpath in self.links and relpath not in seen:
            seen.add(relpath)
            if relpath not in self._blobs:
                self.read_many([relpath])
            raw = self._blobs.get(relpath)
            if raw is None:
                return None
            joined = os.path.normpath(os.path.join(os.path.dirname(relpath), raw.decode("utf-8", "surrogateescape")))
            if joined.startswith("..") or os.path.isabs(joined):
                return None
            relpath = joined.replace(os.sep, "/")
        return None if relpath in seen else relpath

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
        """The file's content at the revision; a symbolic link is followed, as validate follows it."""
        if relpath in self.links:
            target = self.link_target(relpath)
            return None if target is None or target in self.links else self.read(target)
        if relpath not in self.files:
            return None
        if relpath not in self._blobs:
            self.read_many([relpath])
        return self._blobs.get(relpath)

    def plans_under(self, relpaths: list[str]) -> list[str]:
        return [p for p in sorted(self.files) if is_plan_path(p) and any(is_under(p, r) for r in relpaths)]

    def config_for(self, relpath: str) -> str | None:
        """The nearest ikplan.yaml above `relpath` at the revision."""
        return self.config_in(os.path.dirname(relpath))

    def config_above(self, config: str) -> str | None:
        """The ikplan.yaml above a nearer one (the kommun's, which the nearer one is combined with)."""
        folder = os.path.dirname(config)
        return self.config_in(os.path.dirname(folder)) if folder else None

    def config_in(self, folder: str) -> str | None:
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
        return self._settings_of(cfg)

    def _settings_of(self, cfg: str) -> tuple[Settings | None, str]:
        """A config at the revision combined with the ones above it, as the Checker combines them in the
        working tree: a nearer ikplan.yaml may only do what the kommun's allows, before as after."""
        key = f"{self.revision.rev}:{cfg}"
        if key not in self._configs:
            above = self.revision.config_above(cfg)
            parent = self._settings_of(above) if above is not None else None
            settings = self.check_config(key, key, raw=self.revision.read(cfg) or b"", parent=parent)
            self._configs[key] = (settings, self.config_findings[key])
        return self._configs[key][0], key
