"""One process or several: every command that reads many plans prints the same bytes either way.

validate, status, summary, history and score take `--jobs`; the others that read plans through
`load_plans` (granskning, site) take the number of processes from IKPLAN_JOBS. The example plans and the
fixture kommuner are small, so the pool's threshold is lowered here: with two jobs the pool really runs
(counted), and the output is compared with one process and with the default.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import PLANS, record_pools

FIXTURES = Path(__file__).resolve().parent / "fixtures"
CORPORA = {"plans": PLANS, "kommun": FIXTURES / "kommun", "egna_ord": FIXTURES / "egna_ord"}
HISTORY_ID = {"plans": "K1", "kommun": "KS-attest", "egna_ord": "K1"}
YEAR_END = {"plans": "helår", "kommun": "helår", "egna_ord": "tertial3"}  # Ordkommun has tertials


@pytest.fixture
def pools(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The job counts of every pool started; the threshold lowered so the small corpora use one."""
    from ikplan.checking import validate

    monkeypatch.setattr(validate, "PARALLEL_FROM", 2)
    return record_pools(monkeypatch)


def _commands(corpus: str) -> dict[str, list[str]]:
    path = str(CORPORA[corpus])
    return {
        "validate": ["validate", path],
        "validate json": ["validate", path, "-f", "json"],
        "status": ["status", path, "--datum", "2025-10-01"],
        "status json": ["status", path, "-f", "json", "--datum", "2025-10-01"],
        "summary": ["summary", path, "-p", YEAR_END[corpus], "-f", "md", "--datum", "2026-01-20"],
        "summary json": ["summary", path, "-p", YEAR_END[corpus], "-f", "json", "--datum", "2026-01-20"],
        "history": ["history", HISTORY_ID[corpus], path, "-f", "json"],
        "score": ["score", path, "-f", "json"],
        "score md": ["score", path, "-f", "md"],
        "granskning": ["granskning", path, "-f", "json"],
    }


def _jobs(args: list[str], jobs: str | None) -> tuple[list[str], dict[str, str]]:
    """`args` with `jobs` processes: --jobs for the commands that take it, IKPLAN_JOBS for the others
    (None: the default)."""
    if jobs is None:
        return args, {}
    if args[0] in ("validate", "status", "summary", "history", "score"):
        return [*args, "--jobs", jobs], {}
    return args, {"IKPLAN_JOBS": jobs}


@pytest.mark.parametrize("corpus", sorted(CORPORA))
def test_one_process_and_the_pool_print_the_same(run, corpus: str, pools: list[int]) -> None:
    for label, args in _commands(corpus).items():
        outputs = {}
        for jobs in ("1", None, "2"):
            argv, env = _jobs(args, jobs)
            before = len(pools)
            r = run(*argv, env=env)
            outputs[jobs] = (r.exit_code, r.stdout, r.stderr)
            if jobs == "1":
                assert len(pools) == before, label  # one process: no pool
            if jobs == "2":  # granskning too: it reads through load_plans, plans with rule errors kept
                assert pools[before:] == [2], label
        assert outputs["1"][0] in (0, 1), (label, outputs["1"])
        assert outputs["1"][1] or outputs["1"][2], label  # something was said, so the comparison says something
        assert outputs[None] == outputs["1"], label
        assert outputs["2"] == outputs["1"], label


def test_a_broken_plan_among_many_is_skipped_the_same_way(run, tmp_path: Path, pools: list[int]) -> None:
    """Errors and skipped plans keep their order with the pool: broken files spread over the chunks."""
    import shutil

    root = tmp_path / "kommun"
    shutil.copytree(CORPORA["kommun"], root)
    (root / "2025" / "aa-trasig.yaml").write_text("schemaversion: 1\nnämnd: [\n", encoding="utf-8")
    (root / "2024" / "zz-trasig.yaml").write_text("schemaversion: 1\nkommun: X\n", encoding="utf-8")
    for args in (["status", str(root), "-f", "json", "--datum", "2025-10-01"], ["score", str(root)]):
        one = run(*args, env={"IKPLAN_JOBS": "1"})
        two = run(*args, env={"IKPLAN_JOBS": "2"})
        assert (two.exit_code, two.stdout, two.stderr) == (one.exit_code, one.stdout, one.stderr)
        assert "2 fil(er) har fel och hoppades över" in one.stderr
    assert pools == [2, 2]


def test_site_is_the_same_with_one_process(run, tmp_path: Path, pools: list[int]) -> None:
    trees = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"site-{jobs}"
        r = run("site", str(CORPORA["egna_ord"]), "-o", str(out), "--utan-sok", "--datum", "2025-10-01",
                "--jobs", jobs, env={"IKPLAN_JOBS": jobs})  # fmt: skip
        assert r.exit_code == 0, r.stdout + r.stderr
        trees[jobs] = {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    assert trees["1"] and trees["2"] == trees["1"]
    assert pools == [2]


def test_ikplan_jobs_that_is_no_number_means_the_default(run, pools: list[int]) -> None:
    from ikplan.checking.validate import available_cores

    one = run("score", str(CORPORA["kommun"]), "-f", "json", env={"IKPLAN_JOBS": "1"})
    odd = run("score", str(CORPORA["kommun"]), "-f", "json", env={"IKPLAN_JOBS": "två"})
    assert odd.stdout == one.stdout and odd.exit_code == one.exit_code == 0
    assert pools == ([available_cores()] if available_cores() > 1 else [])
