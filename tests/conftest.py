from __future__ import annotations

import contextlib
import os
import re
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

# ikplan run as a subprocess keeps its prebuilt validators (ikplan/plan/prebuilt.py) in a folder of the
# test session, not in the user's cache; after the first such run, the others use them.
os.environ.setdefault("IKPLAN_CACHE_DIR", tempfile.mkdtemp(prefix="ikplan-test-cache-"))

if os.environ.get("IKPLAN_TEST_LIGHT") == "1":
    # The whole suite with the light models, in this process too (.ci/run does it for the fast tests):
    # the cache is written by a process of its own, which builds the models with pydantic.
    import subprocess
    import sys

    build = "import ikplan.plan.config\nfrom ikplan.plan import prebuilt\nprebuilt.save()"
    subprocess.run([sys.executable, "-c", build], check=True, env={**os.environ, "PYDANTIC_DISABLE_PLUGINS": "__all__"})
    from ikplan.plan import prebuilt

    assert prebuilt.activate(), "IKPLAN_TEST_LIGHT=1, but the prebuilt validators could not be loaded"

from ikplan.cli import app  # after the choice of models above

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "plans"
AMN = PLANS / "uppsala" / "amn-2024.yaml"
KS = PLANS / "ks" / "ks-2025.yaml"
KOMMUNER_DIR = Path(__file__).resolve().parent / "kommuner"
EXAMPLES = Path(__file__).resolve().parent / "examples"

_EXPECT = re.compile(r"#\s*förväntat:\s*(IK\d{3})\s+(\d+):(\d+)")


def expected_findings(path: Path) -> list[tuple[str, int, int]]:
    """Expectations written in an example file as '# förväntat: IK101 12:5'."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")  # the example of a Windows-1252 file
    return sorted((m[1], int(m[2]), int(m[3])) for m in _EXPECT.finditer(text))


class Run:
    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
        base = {"GITHUB_ACTIONS": "", "NO_COLOR": "1", "COLUMNS": "120"}
        base.update(env or {})
        return self.runner.invoke(app, list(args), env=base, catch_exceptions=False)


@pytest.fixture
def run() -> Run:
    return Run()


@contextlib.contextmanager
def working_dir(path: Path):  # type: ignore[no-untyped-def]
    old = os.getcwd()
    os.chdir(path)
    try:
        yield path
    finally:
        os.chdir(old)


@pytest.fixture
def in_tmp(tmp_path: Path):  # type: ignore[no-untyped-def]
    with working_dir(tmp_path):
        yield tmp_path


MINIMAL = """\
schemaversion: 1
kommun: Testkommun
nämnd: Testnämnden
år: 2025
områden:
  - id: A
    namn: Område A
risker:
  - id: R1
    område: A
    beskrivning: En risk
    sannolikhet: 2
    konsekvens: 3
    riskvärde: 6
    hantering: [kontrollmoment]
    kontrollmoment:
      - id: K1
        beskrivning: Kontrollera något
        kontrollmetod: Stickprov
        ansvarig: Enhetschef
"""


def record_pools(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The job count of every process pool started from now on in this test."""
    from typing import Any

    from ikplan.checking import validate

    started: list[int] = []
    real = validate._in_pool

    def counted(work: Any, files: list[str], config: str | None, jobs: int, receive: Any = None) -> Any:
        started.append(jobs)
        return real(work, files, config, jobs, receive)

    monkeypatch.setattr(validate, "_in_pool", counted)
    return started


def rules_switched_off(*folders: Path) -> dict[str, list[str]]:
    """Each plan file's `ignorera_regler` lines, asserting that nothing is left to fill in: what a test plan
    written from a published document switches off must say what the document itself lacks."""
    ignored: dict[str, list[str]] = {}
    for folder in folders:
        for path in folder.glob("*.yaml"):
            text = path.read_text(encoding="utf-8")
            assert "(fyll i)" not in text, path
            ignored[path.name] = [line for line in text.splitlines() if line.startswith("ignorera_regler")]
    return ignored
