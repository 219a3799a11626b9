"""Every command that reads plans or config, on every case of the hostile corpus, in subprocesses
under resource limits (10 s CPU per command, 500 MB): a finding or a usage error, never a
traceback, a hang or a control character on the terminal.

The cases run in a few batches (one process per batch, the CLI in-process, see
tests/hostile_driver.py) so that the test stays quick in CI.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.hostile_corpus import COMMANDS, build

pytestmark = pytest.mark.slow  # the whole corpus: `pytest -m "not slow"` leaves it to CI

DRIVER = Path(__file__).with_name("hostile_driver.py")
ROOT = Path(__file__).resolve().parent.parent


def run_batch(cases: list[dict[str, object]], work: Path, cpu: int) -> list[dict[str, object]]:
    spec = work / f"cases-{id(cases)}.json"
    results = work / f"results-{id(cases)}.json"
    spec.write_text(json.dumps([{**c, "commands": COMMANDS} for c in cases]), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, str(DRIVER), str(spec), str(results), str(cpu), "500"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(results.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def probe(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, object]]:
    work = tmp_path_factory.mktemp("fientligt")
    cases = build(work / "fall")
    rows: list[dict[str, object]] = []
    by_class: dict[str, list[dict[str, object]]] = {}
    for c in cases:
        by_class.setdefault(str(c["class"]), []).append(c)
    workers = min(2, os.cpu_count() or 1)  # CI has two cores; each batch is its own process
    with ThreadPoolExecutor(workers) as pool:
        for batch in pool.map(
            lambda group: run_batch(group, work, cpu=10 * len(group) * len(COMMANDS)), by_class.values()
        ):
            rows += batch
    return rows


def test_every_command_ends_with_a_finding_or_usage_error(probe: list[dict[str, object]]) -> None:
    bad = [r for r in probe if r["escaped"] or r["traceback_text"] or r["exit"] not in (0, 1, 2)]
    assert not bad, "\n".join(f"{r['case']}: ikplan {r['command']}: {r['escaped'] or r['stderr']}" for r in bad)


def test_within_the_limits(probe: list[dict[str, object]]) -> None:
    slow = [r for r in probe if float(r["cpu"]) > 10 or float(r["peak_mb"]) > 500]  # type: ignore[arg-type]
    assert not slow, [(r["case"], r["command"], r["cpu"], r["peak_mb"]) for r in slow]


def test_no_control_character_reaches_the_output(probe: list[dict[str, object]]) -> None:
    leaks = [(r["case"], r["command"], r["controls"]) for r in probe if r["controls"]]
    assert not leaks, leaks


def test_every_case_and_command_ran(probe: list[dict[str, object]]) -> None:
    from tests.hostile_corpus import cases

    assert len(probe) == sum(len(g) for g in cases().values()) * len(COMMANDS)


def _rows(probe: list[dict[str, object]], klass: str, command: str) -> list[dict[str, object]]:
    from tests.hostile_corpus import cases

    names = set(cases()[klass])
    return [r for r in probe if r["case"] in names and r["command"] == command]


@pytest.mark.parametrize(
    "klass", ["icke-vanliga filer", "YAML-undantag", "förstoring", "id", "meddelanden", "terminalsekvenser"]
)
def test_hostile_plans_do_not_validate(probe: list[dict[str, object]], klass: str) -> None:
    for r in _rows(probe, klass, "validate plan.yaml"):
        if r["case"] not in ("C1 och bidi", "styrtecken i ikplan.yaml", "rich-markup i texter"):  # valid text
            assert r["exit"] in (1, 2), r


def test_config_that_crashes_later_is_refused_up_front(probe: list[dict[str, object]]) -> None:
    for r in _rows(probe, "konfiguration som kraschar senare", "status -f json plan.yaml --as-of 2025-09-15"):
        if r["case"] == "per 02-29":
            assert r["exit"] == 0 and '"per": "2025-02-28"' in str(r["stdout"]), r
        else:
            assert r["exit"] == 1 and "ikplan validate" in str(r["stderr"]), r


def test_config_cannot_reach_outside_its_tree(probe: list[dict[str, object]]) -> None:
    assert not [r for r in probe if r["leaked"]]
    for r in _rows(probe, "konfiguration når utanför", "report plan.yaml --date 2025-09-15"):
        assert r["exit"] == 1, r
        assert "utanför mappen" in str(r["stderr"]) or "ingen vanlig fil" in str(r["stderr"]), r


def test_templates_fail_with_a_message(probe: list[dict[str, object]]) -> None:
    rows = _rows(probe, "mallar", "report plan.yaml --date 2025-09-15")
    rows += [r for r in _rows(probe, "mallar", "report plan.yaml -f docx -o ut/r.docx --date 2025-09-15")]
    for r in rows:
        if r["case"] == "ensamt surrogat":
            assert r["exit"] == 0
            if "docx" not in str(r["command"]):
                assert "⟨U+D800⟩Testnämnden" in str(r["stdout"]), r
        elif ("docx" in str(r["case"])) == ("docx" in str(r["command"])):
            assert r["exit"] == 1 and "mall" in str(r["stderr"]), r


def test_workbooks_are_bounded_before_reading(probe: list[dict[str, object]]) -> None:
    rows = {r["case"]: r for r in _rows(probe, "Excel", "import bok.xlsx -o ut/i.yaml")}
    for case in ("cell i XFD1048576", "zip-bomb", "cell i rad 20 000"):
        assert rows[case]["exit"] == 1 and "IK016" in str(rows[case]["stderr"]), rows[case]
    assert rows["ingen zip"]["exit"] == 1
    for r in _rows(probe, "Excel", "export plan.yaml -o ut/p.xlsx"):
        assert r["exit"] == 0, r


def test_writes_replace_only_regular_files(probe: list[dict[str, object]]) -> None:
    from tests.hostile_corpus import cases

    targets = set(cases()["skrivningar"])
    for r in probe:
        if r["case"] in targets and " -o " in str(r["command"]) and r["command"] != "import plan.yaml -o ut/j.yaml":
            assert r["exit"] == 1 and "ikplan: " in str(r["stderr"]), r
            assert "ikplan: skrev " not in str(r["stderr"]), r
    assert os.path.exists("/dev/null") and stat.S_ISCHR(os.stat("/dev/null").st_mode)
