"""followup/memo.py: a sammanställning works out each plan's figures as the plan comes in, and says exactly
what it says when it works them out at the end."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from ikplan.followup import kommun
from ikplan.followup.memo import PlanMemo
from tests.conftest import ROOT

EGNA = ROOT / "tests" / "fixtures" / "egna_ord"


def test_a_result_is_worked_out_once_per_plan_and_arguments() -> None:
    calls: list[tuple[Any, ...]] = []

    def work(plan: object, *args: object) -> tuple[object, ...]:
        calls.append((plan, *args))
        return (plan, *args)

    memo = PlanMemo()
    plan, copy = object(), object()
    assert memo.get(work, plan, "delår") == memo.get(work, plan, "delår") == (plan, "delår")
    memo.get(work, plan, "helår")
    memo.get(work, copy, "delår")  # another plan object (a public edition): worked out anew
    assert calls == [(plan, "delår"), (plan, "helår"), (copy, "delår")]
    assert len(memo) == 3


def _kommun(tmp_path: Path, boards: int = 8) -> Path:
    """Ordkommun (tertialer, its own words) with `boards` more nämnder a year."""
    folder = tmp_path / "kommun"
    shutil.copytree(EGNA, folder)
    config = folder / "ikplan.yaml"
    names = "".join(f"  - Nämnd {i}\n" for i in range(boards))
    config.write_text(
        config.read_text(encoding="utf-8").replace("nämnder:\n", "nämnder:\n" + names, 1), encoding="utf-8"
    )
    for year in ("2024", "2025"):
        source = (folder / year / "von.yaml").read_text(encoding="utf-8")
        for i in range(boards):
            text = source.replace("nämnd: Vård- och omsorgsnämnden", f"nämnd: Nämnd {i}")
            (folder / year / f"n{i}.yaml").write_text(text, encoding="utf-8")
    return folder


CALLS = [
    ["-f", "json", "--datum", "2025-09-20"],
    ["-f", "json"],
    ["-f", "json", "--period", "tertial2", "--datum", "2025-09-20"],
    ["-f", "json", "--år", "2024"],
    ["-f", "json", "--offentlig", "--datum", "2025-09-20"],
    ["-f", "md", "--datum", "2025-09-20"],
]


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("args", CALLS, ids=[" ".join(a) for a in CALLS])
def test_the_sammanstallning_is_the_same_with_figures_worked_out_ahead(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], jobs: str
) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import record_pools

    folder = _kommun(tmp_path, 8 if jobs == "1" else 24)  # 24: enough files for the pool
    pools = record_pools(monkeypatch)
    ahead = run("summary", str(folder), "-j", jobs, *args)
    # (--år 2024 reads 2024 and 2023: too few files for a pool)
    assert pools == ([] if jobs == "1" or "--år" in args else [2])
    with monkeypatch.context() as m:
        m.setattr(kommun, "prepare", lambda *a: lambda checked: None)
        at_the_end = run("summary", str(folder), "-j", jobs, *args)
    assert (ahead.exit_code, ahead.output) == (at_the_end.exit_code, at_the_end.output)
    assert ahead.exit_code == 0
    if args[:2] == ["-f", "json"]:
        assert len(json.loads(ahead.output)["nämnder"]) >= 8


def test_each_plans_follow_up_is_worked_out_once(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    folder = _kommun(tmp_path)
    counted: list[str] = []
    real = kommun.plan_status

    def plan_status(checked: Any, period: str, as_of: Any) -> Any:
        counted.append(checked.file)
        return real(checked, period, as_of)

    monkeypatch.setattr(kommun, "plan_status", plan_status)
    done = run("summary", str(folder), "-j", "1", "-f", "json", "--datum", "2025-09-20")
    assert done.exit_code == 0
    plans = sorted(str(p) for p in folder.glob("20*/*.yaml"))
    assert sorted(counted) == plans  # both years' plans, each once
