"""The adopted plan and what happened to it since, read from git.

A plan is adopted in the commit that set its `antagen` (datum, paragraf) to what it says now; a new
decision is a new `antagen`. Its material content (what the nämnd decided: risks, their assessment
and hantering, kontrollmoment, the matrix; the split of `ikplan diff`) should be the same now as in
that commit. Each version of the file is read once per blob, and only back to the adoption.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Commit:
    sha: str
    author: str
    date: str  # ÅÅÅÅ-MM-DD, the author's
    subject: str

    @property
    def short(self) -> str:
        return self.sha[:7]


@dataclass(frozen=True)
class Reading:
    """What one version of a plan says about its adoption, and its material content."""

    adopted: tuple[str, str] | None  # (datum, paragraf) of `antagen`, None when not adopted
    material: dict[tuple[str, ...], Any]


@dataclass
class Trail:
    """A plan's adoption and the commits since it."""

    status: str  # ej_antagen, ej_incheckad, oläsbar, oförändrad, redaktionell, ändrad
    adopted_in: Commit | None = None
    adopted_blob: str | None = None
    material: list[Commit] = field(default_factory=list)  # commits after the adoption that changed its content
    editorial: list[Commit] = field(default_factory=list)  # commits after it that changed only wording, follow-up
    uncommitted: bool = False  # the working tree changes the content (not yet committed)


def _run(root: str, args: list[str], data: bytes | None = None) -> subprocess.CompletedProcess[bytes] | None:
    try:
        return subprocess.run(["git", *args], cwd=root, input=data, capture_output=True, timeout=300)
    except (OSError, subprocess.SubprocessError):
        return None


def blob_id(raw: bytes) -> str:
    """The id git gives these bytes as a blob (no process started)."""
    return hashlib.sha1(b"blob %d\0" % len(raw) + raw).hexdigest()


class Repository:
    """The git checkout that holds a folder; `problem` says why its history cannot be read."""

    def __init__(self, start: str) -> None:
        self.root: str | None = None
        self.problem: str | None = None
        self._blobs: dict[str, bytes | None] = {}
        if not _inside_checkout(start):
            return  # not in git: nothing to read, nothing to say
        out = _run(start, ["rev-parse", "--show-toplevel", "--is-shallow-repository"])
        if out is None:
            self.problem = "git kunde inte köras"
            return
        if out.returncode != 0:
            self.problem = "git kunde inte läsa arkivet: " + out.stderr.decode("utf-8", "replace").strip()
            return
        lines = out.stdout.decode("utf-8", "surrogateescape").splitlines()
        if len(lines) >= 2 and lines[1].strip() == "true":
            self.problem = "arkivet är en grund klon (shallow clone) och saknar historiken; kör 'git fetch --unshallow'"
            return
        head = _run(start, ["rev-parse", "--verify", "--quiet", "HEAD"])
        if head is None or head.returncode != 0:
            self.root = lines[0] if lines else None  # no commit yet: every plan is new
            return
        self.root = lines[0]

    def relative(self, path: str) -> str | None:
        if self.root is None:
            return None
        rel = os.path.relpath(os.path.realpath(path), os.path.realpath(self.root)).replace(os.sep, "/")
        return None if rel.startswith("../") or rel == ".." else rel

    def versions(self, relpaths: list[str]) -> dict[str, list[tuple[Commit, str]]]:
        """Each file's committed versions, newest first: (commit, blob id); a deletion ends the list."""
        if self.root is None or not relpaths:
            return {}
        wanted = set(relpaths)
        # Many files: ask for the folders that hold them (a command line has its limits), keep the files.
        specs = relpaths if len(relpaths) <= 200 else sorted({os.path.dirname(p) or "." for p in relpaths})
        out = _run(
            self.root,
            [
                "-c",
                "core.quotePath=false",
                "log",
                "--no-renames",
                "--raw",
                "--no-abbrev",
                "--date=short",
                "--format=%x01%H%x1f%an%x1f%ad%x1f%s",
                "--",
                *specs,
            ],
        )
        found: dict[str, list[tuple[Commit, str]]] = {}
        if out is None or out.returncode != 0:
            return found
        ended: set[str] = set()
        commit: Commit | None = None
        for line in out.stdout.decode("utf-8", "surrogateescape").splitlines():
            if line.startswith("\x01"):
                sha, author, date, subject = [*line[1:].split("\x1f"), "", "", ""][:4]
                commit = Commit(sha, author, date, subject)
            elif line.startswith(":") and commit is not None and "\t" in line:
                meta, path = line.split("\t", 1)
                parts = meta.split()
                if path not in wanted or path in ended or len(parts) < 5:
                    continue
                if parts[4].startswith("D"):
                    ended.add(path)  # deleted here: what came before is another plan's story
                    continue
                found.setdefault(path, []).append((commit, parts[3]))
        return found

    def read(self, blobs: list[str]) -> None:
        """Fetch these blobs in one `git cat-file --batch`; `blob` then answers."""
        need = [b for b in dict.fromkeys(blobs) if b not in self._blobs]
        if not need or self.root is None:
            return
        out = _run(self.root, ["cat-file", "--batch"], "".join(f"{b}\n" for b in need).encode())
        data, pos = (out.stdout if out is not None else b""), 0
        for b in need:
            end = data.find(b"\n", pos)
            if end < 0:
                self._blobs[b] = None
                continue
            header = data[pos:end].split()
            pos = end + 1
            if len(header) == 3 and header[2].isdigit():
                size = int(header[2])
                self._blobs[b] = data[pos : pos + size]
                pos += size + 1
            else:
                self._blobs[b] = None

    def blob(self, oid: str) -> bytes | None:
        if oid not in self._blobs:
            self.read([oid])
        return self._blobs.get(oid)


def _inside_checkout(start: str) -> bool:
    """Whether a .git stands at or above `start` (no process started for the plain case)."""
    current = os.path.abspath(start)
    while True:
        if os.path.exists(os.path.join(current, ".git")):
            return True
        parent = os.path.dirname(current)
        if parent == current:
            return False
        current = parent


def reading(raw: bytes, name: str, translate: Callable[[Any], None]) -> Reading | None:
    """A version's adoption and material content (None when it cannot be read as a plan)."""
    from ikplan.checking.loading import load_bytes
    from ikplan.review.diff import _entity, _is_material
    from ikplan.review.flatten import _walk

    loaded = load_bytes(raw, name)
    data = loaded.data
    if not isinstance(data, dict):
        return None
    adopted = data.get("antagen")
    key = None
    if isinstance(adopted, dict) and adopted.get("datum") is not None:
        key = (str(adopted.get("datum")), str(adopted.get("paragraf") or ""))
    # the kommun's words (väsentlighet) as ikplan's keys, as the model reads them; a version the words
    # cannot read is compared as written
    with contextlib.suppress(Exception):
        translate(data)
    flat: dict[tuple[str, ...], Any] = {}
    _walk(data, (), flat)
    material = {}
    for k, v in flat.items():
        kind, _ident, rest = _entity(k)
        if (kind in ("risk", "område") and not rest) or _is_material(kind, rest):
            material[k] = v
    return Reading(key, material)


def trail(
    current: bytes,
    versions: list[tuple[Commit, str]],
    repo: Repository,
    read: Callable[[bytes], Reading | None],
) -> Trail:
    """The adoption of the plan whose working-tree bytes are `current`, and what changed since."""
    now = read(current)
    if now is None:
        return Trail("oläsbar")
    if now.adopted is None:
        return Trail("ej_antagen")
    repo.read([b for _, b in versions])
    readings: list[Reading] = []
    for _, oid in versions:
        raw = repo.blob(oid)
        r = read(raw) if raw is not None else None
        if r is None or r.adopted != now.adopted:
            break  # before the decision the plan has now (or a version that cannot be read)
        readings.append(r)
    if not readings:
        return Trail("ej_incheckad")  # adopted in the working tree only: the decision is being recorded now
    base = len(readings) - 1
    adopted_in, adopted_blob = versions[base]
    out = Trail("oförändrad", adopted_in, adopted_blob)
    for i in range(base - 1, -1, -1):  # oldest first after the adoption
        commit = versions[i][0]
        (out.material if readings[i].material != readings[i + 1].material else out.editorial).append(commit)
    head_blob = versions[0][1]
    if blob_id(current) != head_blob and now.material != readings[0].material:
        out.uncommitted = True
    if now.material != readings[base].material:
        out.status = "ändrad"
    elif out.material or out.editorial or blob_id(current) != adopted_blob:
        out.status = "redaktionell"  # changed, but not in what the nämnd decided (or changed back)
    if out.status != "ändrad":
        out.material = []
        out.uncommitted = False
    return out
