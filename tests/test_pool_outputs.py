"""The pool at its real size: summary, history and granskning print the same bytes with one process as
with the pool, on folders of at least PARALLEL_FROM plans (the threshold is not lowered here, so what
runs is what a kommun with many nämnder runs).

The folders are the fixture kommun (Ordkommun, its own words and tertials) and the example plans, each
plan copied under other nämnd names. Ordkommun's folder also holds a plan with a rule error (granskning
audits it, summary skips it), a file that is no plan, and a second file for one nämnd and year.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import PLANS, record_pools

EGNA_ORD = Path(__file__).resolve().parent / "fixtures" / "egna_ord"


def _replicate(src: Path, dst: Path, copies: int) -> list[str]:
    """Each plan under `src` `copies` times, as 'Nämnd i'; each ikplan.yaml copied, its `nämnder:` list
    (if it has one) extended with the new names. Returns the new nämnd names."""
    names: list[str] = []
    for plan in sorted(src.rglob("*.yaml")):
        rel = plan.relative_to(src)
        (dst / rel.parent).mkdir(parents=True, exist_ok=True)
        if plan.name == "ikplan.yaml":
            continue
        text = plan.read_text(encoding="utf-8")
        board = re.search(r"(?m)^nämnd: (.*)$", text)
        assert board is not None, plan
        for i in range(copies):
            name = f"{board[1]} {i + 1}"
            names.append(name)
            copy = text.replace(board[0], f"nämnd: {name}", 1)
            (dst / rel.parent / f"{plan.stem}-{i + 1:02d}.yaml").write_text(copy, encoding="utf-8")
    for config in sorted(src.rglob("ikplan.yaml")):
        text = config.read_text(encoding="utf-8")
        listed = re.search(r"(?m)^nämnder:\n((?:  - .*\n)+)", text)
        if listed:
            more = "".join(f"  - {n}\n" for n in dict.fromkeys(names))
            text = text.replace(listed[0], listed[0] + more, 1)
        (dst / config.relative_to(src)).write_text(text, encoding="utf-8")
    return names


@pytest.fixture(scope="module")
def ordkommun(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("pool") / "ordkommun"
    _replicate(EGNA_ORD, root, 17)
    # An åtgärd's ansvarig missing is an error: summary skips the plan, granskning audits it with the error.
    tn = (root / "2025" / "tn-03.yaml").read_text(encoding="utf-8")
    assert "        ansvarig: Gatuchef\n" in tn
    (root / "2025" / "tn-03.yaml").write_text(tn.replace("        ansvarig: Gatuchef\n", "", 1), encoding="utf-8")
    (root / "2025" / "trasig.yaml").write_text("schemaversion: 1\nnämnd: [\n", encoding="utf-8")
    # Two files for one nämnd and year: IK123 at the nämnd line of each, neither used
    shutil.copy(root / "2025" / "von-05.yaml", root / "2025" / "von-05-kopia.yaml")
    return root


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("pool") / "exempel"
    _replicate(PLANS, root, 24)
    return root


@pytest.fixture
def pools(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The job count of every pool started (the threshold as it is)."""
    return record_pools(monkeypatch)


def _plan_count(root: Path) -> int:
    return sum(1 for p in root.rglob("*.yaml") if p.name != "ikplan.yaml")


def _same_either_way(run, pools: list[int], args: list[str], takes_jobs: bool) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    """`args` with one process, with two and with the default: the same exit code, stdout and stderr;
    with two a pool of two really ran. Returns what one process said."""
    outputs = {}
    for jobs in ("1", "2", None):
        argv = [*args, "--jobs", jobs] if takes_jobs and jobs else args
        env = {"IKPLAN_JOBS": jobs} if not takes_jobs and jobs else {}
        before = len(pools)
        r = run(*argv, env=env)
        outputs[jobs] = (r.exit_code, r.stdout, r.stderr)
        if jobs == "1":
            assert pools[before:] == [], args
        if jobs == "2":
            assert pools[before:] == [2], args
    assert outputs["2"] == outputs["1"], args
    assert outputs[None] == outputs["1"], args
    return outputs["1"]


def test_the_folders_are_large_enough_for_the_pool(ordkommun: Path, examples: Path) -> None:
    from ikplan.checking.validate import PARALLEL_FROM

    assert _plan_count(ordkommun) >= PARALLEL_FROM
    assert _plan_count(examples) >= PARALLEL_FROM


@pytest.mark.parametrize("fmt", ["json", "md", "text"])
def test_summary_of_ordkommun_is_the_same_with_the_pool(run, pools: list[int], ordkommun: Path, fmt: str) -> None:
    args = ["summary", str(ordkommun), "-p", "tertial3", "-f", fmt, "--datum", "2026-01-20"]
    code, out, err = _same_either_way(run, pools, args, takes_jobs=True)
    assert code == 1  # files were skipped
    assert re.search(r"trasig\.yaml:3:1: IK001", err)
    assert re.search(r"tn-03\.yaml:16:9: IK105", err)
    # IK123 at the nämnd of each file: its line is read before the worker leaves the SourceMap behind
    assert re.search(r"von-05-kopia\.yaml:4:8: IK123", err) and re.search(r"von-05\.yaml:4:8: IK123", err)
    assert "4 fil(er) har fel och hoppades över" in err
    if fmt != "json":
        out = " ".join(out.split())  # the terminal's lines wrapped at 80 columns, joined
        assert "per tertial 3" in out and "Tekniska nämnden 17" in out
        assert "Vård- och omsorgsnämnden 5 och Tekniska nämnden 3 saknar internkontrollplan för 2025" in out
        return
    summary = json.loads(out)
    boards = [row["nämnd"] for row in summary["nämnder"]]
    # 2025: 17 + 17 copies and one more file, less the plan with the error and the two for one nämnd;
    # in the order of ikplan.yaml's nämnder
    von = [f"Vård- och omsorgsnämnden {i}" for i in range(1, 18) if i != 5]
    assert boards == von + [f"Tekniska nämnden {i}" for i in range(1, 18) if i != 3]
    assert summary["saknar_plan"] == [
        "Kommunstyrelsen", "Vård- och omsorgsnämnden", "Tekniska nämnden", "Vård- och omsorgsnämnden 5",
        "Tekniska nämnden 3",
    ]  # fmt: skip
    assert summary["periodnamn"] == "Tertial 3"
    first = summary["nämnder"][0]
    assert first["förra_året"]["plan"].endswith("2024/von-01.yaml") and first["förra_året"]["planerade"] == 1
    assert first["planerade"] == 6 and first["öppna_åtgärder"] == 2


def test_history_is_the_same_with_the_pool(run, pools: list[int], ordkommun: Path) -> None:
    for fmt in ("json", "md"):
        args = ["history", "K3", str(ordkommun), "-f", fmt, "--nämnd", "Vård- och omsorgsnämnden 2"]
        code, out, err = _same_either_way(run, pools, args, takes_jobs=True)
        assert code == 1 and "4 fil(er) har fel och hoppades över" in err
        if fmt == "json":
            entries = json.loads(out)
            assert [(e["år"], e["nämnd"], e["id"]) for e in entries] == [
                (2024, "Vård- och omsorgsnämnden 2", "K3"),
                (2025, "Vård- och omsorgsnämnden 2", "K3"),
            ]
        else:
            assert "2024" in out and "2025" in out and "K3" in out


def test_granskning_reads_in_the_pool_and_keeps_plans_with_rule_errors(run, pools: list[int], ordkommun: Path) -> None:
    for fmt in ("json", "md"):
        args = ["granskning", str(ordkommun), "-f", fmt, "--datum", "2026-01-20"]
        code, out, err = _same_either_way(run, pools, args, takes_jobs=False)
        assert code == 1  # the file that is no plan, and the two files for one nämnd
        assert re.search(r"trasig\.yaml:3:1: IK001", err) and re.search(r"von-05\.yaml:4:8: IK123", err)
        assert "3 fil(er) kunde inte granskas" in err
        assert "tn-03.yaml" not in err  # a rule error is the granskning's evidence, not a reason to skip
        if fmt != "json":
            assert "Tekniska nämnden 3" in out
            continue
        plans = {o["namn"]: o["plan"] for o in json.loads(out)["organisationer"]}
        assert plans["Tekniska nämnden 3"].endswith("2025/tn-03.yaml")  # audited, rule error and all
        assert plans["Vård- och omsorgsnämnden 5"] is None
        # the evidence points at lines of the plans: each plan came back from the pool with its SourceMap
        lines = {
            o["namn"]: {u["rad"] for q in o["svar"] for u in q["underlag"] if u.get("fil") == o["plan"]}
            for o in json.loads(out)["organisationer"]
            if o["plan"]
        }
        assert len(lines) == 32 + 1  # 2025's plans that could be read, the one with the rule error too
        assert all(max(r for r in rows if r) > 2 for rows in lines.values()), lines


@pytest.mark.parametrize("command", ["summary", "history", "granskning"])
def test_the_example_plans_are_the_same_with_the_pool(run, pools: list[int], examples: Path, command: str) -> None:
    args = {
        "summary": ["summary", str(examples), "-f", "json", "--datum", "2026-01-20"],
        "history": ["history", "K1", str(examples), "-f", "json"],
        "granskning": ["granskning", str(examples), "-f", "json", "--datum", "2026-01-20"],
    }[command]
    code, out, err = _same_either_way(run, pools, args, takes_jobs=command != "granskning")
    assert code == 0, err
    data = json.loads(out)
    if command == "summary":  # the latest year, 2025: the 24 copies of Kommunstyrelsen's plan
        assert data["år"] == 2025 and len(data["nämnder"]) == 24 and len(data["kritiska_risker"]) == 48
    elif command == "granskning":
        assert data["år"] == 2025 and len(data["organisationer"]) == 24
    else:  # K1 in each copy of Arbetsmarknadsnämndens plan
        assert {e["år"] for e in data} == {2024} and len({e["nämnd"] for e in data}) == 24
