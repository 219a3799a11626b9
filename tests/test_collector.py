"""ikplan/collector.py: the plans a command has read are frozen for the collector in the `ikplan` process
only; a library caller's (or this test runner's) objects are never frozen."""

from __future__ import annotations

import gc
import subprocess
import sys

from tests.conftest import ROOT

UPPSALA = str(ROOT / "plans" / "uppsala")


def test_the_ikplan_process_freezes_the_plans_it_has_read() -> None:
    probe = (
        "import atexit, gc, sys\nsys.argv = ['ikplan', *sys.argv[1:]]\n"
        "atexit.register(lambda: print('#', gc.get_freeze_count() > 0))\n"
        "from ikplan.__main__ import run\nrun()\n"
    )
    for jobs in ("1", "2"):
        args = ["summary", UPPSALA, "-f", "json", "--datum", "2025-01-20", "-j", jobs]
        done = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
        assert done.stdout.splitlines()[-1] == "# True"


def test_a_command_run_in_process_freezes_nothing(run) -> None:  # type: ignore[no-untyped-def]
    before = gc.get_freeze_count()
    assert run("summary", UPPSALA, "-f", "json", "--datum", "2025-01-20").exit_code == 0
    assert run("status", UPPSALA, "-f", "json").exit_code == 0
    assert gc.get_freeze_count() == before
