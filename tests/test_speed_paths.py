"""The fast paths (validate without typer, rollover by text edits, the pool) give the same answers as the
straightforward ones.

* status, report and export of a large generated plan against counts made directly from the
  generator's own data (no ikplan code in the reference);
* `ikplan diff REV`, which reads only what git lists as changed, against diffing every plan;
* `ikplan validate --jobs 2` against `--jobs 1`, byte for byte, broken files included;
* `ikplan rollover` by slice edits of the text against the round-trip through ruamel.

No timings here: speed is measured in benchmarks/bench.py.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import MINIMAL, working_dir

N_RISKS = 240
OUTCOMES = ["utan anmärkning", "med mindre anmärkning", "med väsentlig anmärkning", "ej genomförd", None]


def _action(ident: str, deadline: str, status: str) -> dict[str, Any]:
    return {
        "id": ident,
        "beskrivning": f"Åtgärd {ident}",
        "ansvarig": "Controller",
        "slutdatum": deadline,
        "status": status,
    }


def generated_plan() -> tuple[dict[str, Any], dict[str, Any]]:
    """A plan of N_RISKS risks with åtgärder in every place one can stand, and what status must say.

    Every 8th risk is critical and followed up by "följer plan" without a kontrollmoment; the others
    have one kontrollmoment with åtgärder carried (no period), decided at delår and decided at helår.
    """
    risks: list[dict[str, Any]] = []
    expected: dict[str, Any] = {"actions": {}, "counts": dict.fromkeys(OUTCOMES, 0), "overdue": 0, "total": 0}
    expected["in_report"] = set()  # Bilaga 1 at delår lists a kontrollmoment's åtgärder decided at delår
    for i in range(N_RISKS):
        rid = f"R{i + 1}"
        if i % 8 == 7:
            helar = [_action(f"{rid}-H{n}", "2025-03-31", "påbörjad") for n in range(i % 3)]
            delar = [_action(f"{rid}-D1", "2026-06-30", "påbörjad")]
            risks.append(
                {
                    "id": rid,
                    "område": f"O{i % 4}",
                    "beskrivning": f"Kritisk risk {i}",
                    "sannolikhet": 4,
                    "konsekvens": 4,
                    "riskvärde": 16,
                    "hantering": ["åtgärd"],
                    "uppföljning": {
                        "delår": {"följer_plan": "ja", "åtgärder": delar},
                        "helår": {"följer_plan": "nej", "åtgärder": helar},
                    },
                }
            )
            # delår: its own delår åtgärd, and the helår ones only because they are overdue
            expected["actions"][rid] = [a["id"] for a in delar + helar]
            expected["overdue"] += len(helar)
            expected["total"] += len(delar) + len(helar)
            continue
        cid = f"K{i + 1}"
        carried = [_action(f"{cid}-C{n}", "2024-12-31", "genomförd" if n else "påbörjad") for n in range(i % 3)]
        delar = [_action(f"{cid}-D{n}", "2025-12-31", "ej påbörjad") for n in range(1 + i % 2)]
        helar = [_action(f"{cid}-H1", "2025-06-30" if i % 5 == 0 else "2026-01-31", "påbörjad")]
        outcome = OUTCOMES[i % len(OUTCOMES)]
        follow: dict[str, Any] = {"delår": {"åtgärder": delar}, "helår": {"åtgärder": helar}}
        if outcome is not None:
            follow["delår"]["resultat"] = outcome
        risks.append(
            {
                "id": rid,
                "område": f"O{i % 4}",
                "beskrivning": f"Risk {i}",
                "sannolikhet": 1 + i % 2,
                "konsekvens": 1 + i % 4,
                "riskvärde": (1 + i % 2) * (1 + i % 4),
                "hantering": ["kontrollmoment"],
                "kontrollmoment": [
                    {
                        "id": cid,
                        "beskrivning": f"Kontroll {i}",
                        "kontrollmetod": "Stickprov",
                        "ansvarig": "Enhetschef",
                        "åtgärder": carried,
                        "uppföljning": follow,
                    }
                ],
            }
        )
        expected["counts"][outcome] += 1
        overdue_carried = [a for a in carried if a["status"] != "genomförd"]  # deadline 2024-12-31
        overdue_helar = helar if i % 5 == 0 else []
        expected["actions"][cid] = [a["id"] for a in carried + delar + overdue_helar]
        expected["in_report"] |= {a["id"] for a in delar}
        expected["overdue"] += len(overdue_carried) + len(overdue_helar)
        expected["total"] += len(carried) + len(delar) + len(helar)
    plan = {
        "schemaversion": 1,
        "kommun": "Testkommun",
        "nämnd": "Stornämnden",
        "år": 2025,
        "områden": [{"id": f"O{a}", "namn": f"Område {a}"} for a in range(4)],
        "risker": risks,
    }
    return plan, expected


@pytest.fixture(scope="module")
def big_plan(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any], dict[str, Any]]:
    plan, expected = generated_plan()
    path = tmp_path_factory.mktemp("big") / "stor.yaml"
    path.write_text(yaml.safe_dump(plan, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path, plan, expected


def test_status_of_a_large_plan_matches_a_direct_count(run, big_plan) -> None:  # type: ignore[no-untyped-def]
    path, _, expected = big_plan
    result = run("status", str(path), "-f", "json", "--as-of", "2025-10-01")
    assert result.exit_code == 0, result.stderr
    [status] = json.loads(result.stdout)
    got = {i["id"]: [a["id"] for a in i["åtgärder"]] for i in status["kontrollmoment"] + status["kritiska_risker"]}
    assert got == expected["actions"]
    names = {None: "saknas", "utan anmärkning": "utan_anmärkning", "med mindre anmärkning": "mindre_anmärkning"}
    names |= {"med väsentlig anmärkning": "väsentlig_anmärkning", "ej genomförd": "ej_genomförd"}
    assert status["counts"] == {names[k]: n for k, n in expected["counts"].items()}
    assert len(status["försenade_åtgärder"]) == expected["overdue"]


def test_terminal_status_and_score_of_a_large_plan_are_summarised(run, big_plan) -> None:  # type: ignore[no-untyped-def]
    from ikplan.reporting.views import TERMINAL_ROWS

    path, plan, expected = big_plan
    rows = len(expected["actions"])
    out = run("status", str(path), "--as-of", "2025-10-01").stdout
    assert f"… och {rows - TERMINAL_ROWS} rader till; -f md eller -f json visar alla." in out
    assert f"… och {expected['overdue'] - TERMINAL_ROWS} försenade åtgärder till" in out
    reported = rows - N_RISKS // 8 - expected["counts"][None]
    assert f"{reported} av {rows - N_RISKS // 8} kontrollmoment rapporterade" in out
    out = run("score", str(path)).stdout
    assert f"… och {N_RISKS - TERMINAL_ROWS} risker till" in out
    md = run("status", str(path), "-f", "md", "--as-of", "2025-10-01").stdout
    assert "rader till" not in md
    assert all(f"| kontrollmoment {c['id']} |" in md for r in plan["risker"] for c in r.get("kontrollmoment", []))


def test_report_of_a_large_plan_lists_each_relevant_action_once(run, big_plan, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path, plan, expected = big_plan
    out = tmp_path / "r.md"
    result = run("report", str(path), "--date", "2025-10-01", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    shown = expected["in_report"]
    every = {
        a["id"]
        for r in plan["risker"]
        for holder in [r, *r.get("kontrollmoment", [])]
        for a in holder.get("åtgärder", []) + [x for f in holder.get("uppföljning", {}).values() for x in f["åtgärder"]]
    }
    for ident in sorted(every):
        # ids are not printed, descriptions are: "Åtgärd K3-D0" must not match "Åtgärd K3-D01"
        count = text.count(f"Åtgärd {ident} ") + text.count(f"Åtgärd {ident}<") + text.count(f"Åtgärd {ident}\n")
        assert count == (1 if ident in shown else 0), ident
    critical = [r for r in plan["risker"] if r["riskvärde"] >= 9]
    table = text.split("## Uppföljning av kritiska risker")[1]
    assert len(critical) == N_RISKS // 8
    assert all(table.count(f"| {r['beskrivning']} | 16 |") == 1 for r in critical)


def test_export_of_a_large_plan_has_every_row_and_colour(run, big_plan, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    path, plan, expected = big_plan
    out = tmp_path / "x.xlsx"
    result = run("export", str(path), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    wb = load_workbook(io.BytesIO(out.read_bytes()))
    risks = list(wb["Risker"].iter_rows(min_row=2))
    assert [r[0].value for r in risks] == [r["id"] for r in plan["risker"]]
    # default matrix: låg 1–3 green, medel 4–8 yellow, hög 9–16 red; the fill sits on Riskvärde and Nivå
    for row, risk in zip(risks, plan["risker"], strict=True):
        value = risk["riskvärde"]
        band = "låg" if value <= 3 else "medel" if value <= 8 else "hög"
        assert row[10].value == band
        assert row[9].fill.fgColor.rgb == row[10].fill.fgColor.rgb != "00000000"
        assert row[5].alignment.wrap_text is True
    colours = {r[10].value: r[10].fill.fgColor.rgb for r in risks}
    assert len(set(colours.values())) == 3
    assert wb["Kontrollmoment"].max_row - 1 == N_RISKS - N_RISKS // 8
    assert wb["Åtgärder"].max_row - 1 == expected["total"]
    assert all(c.alignment.wrap_text for row in wb["Åtgärder"].iter_rows(min_row=2) for c in row)


# --- diff REV ---------------------------------------------------------------------------------------


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def _plan(name: str, text: str = "En risk") -> str:
    return MINIMAL.replace("Testnämnden", name).replace("En risk", text)


def reference_diff(rev: str, paths: list[str], renames: dict[str, str] | None = None) -> list[Any]:
    """The straightforward way: every plan on both sides, read one by one, compared; a renamed plan
    (`renames`: new path → old, as git reports it) with what it was."""
    from ikplan.checking.validate import Checker, expand
    from ikplan.review.diff import diff_plans
    from ikplan.review.gitsource import Revision, RevisionChecker, repo_root

    root = repo_root()
    assert root is not None
    revision = Revision(rev, root)
    rels = [os.path.relpath(os.path.abspath(p), root) for p in paths]
    now = {os.path.relpath(os.path.abspath(f), root): f for f in expand(paths)}
    then = revision.plans_under(rels)
    old, new = RevisionChecker(revision), Checker()
    renames = renames or {}
    out = []
    for rel in sorted((set(now) | set(then)) - set(renames.values())):
        was = renames.get(rel, rel)
        raw = revision.read(was) if was in then else None
        before = old.check_bytes(raw, f"{rev}:{was}", settings_from=os.path.join(root, was)) if raw else None
        after = new.check_path(now[rel]) if rel in now else None
        d = diff_plans(f"{was} → {rel}" if was != rel else rel, before, after)
        if was != rel:
            d.renamed_from = was
        if d.changed:
            out.append(d)
    return out


def test_diff_revision_reads_only_what_changed_and_says_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ikplan.checking import validate
    from ikplan.review.diff import diff_revision
    from ikplan.review.diff_views import as_json

    repo = tmp_path
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "test@example.invalid")
    _git(repo, "config", "user.name", "Test")
    plans = repo / "plans"
    for sub in ("sub", "other"):
        (plans / sub).mkdir(parents=True)
    (plans / "sub" / "ikplan.yaml").write_text("schemaversion: 1\nriskmatris:\n  kritisk_från: 12\n", encoding="utf-8")
    (plans / "other" / "ikplan.yaml").write_text("schemaversion: 1\nriskmatris:\n  kritisk_från: 12\n", "utf-8")
    for name in ("a", "b", "d", "e", "f"):
        (plans / f"{name}.yaml").write_text(_plan(f"Nämnd {name}"), encoding="utf-8")
    for name in ("s1", "s2"):
        (plans / "sub" / f"{name}.yaml").write_text(_plan(f"Nämnd {name}"), encoding="utf-8")
    (plans / "other" / "o1.yaml").write_text(_plan("Nämnd o1"), encoding="utf-8")
    (plans / "notes.md").write_text("inte en plan\n", encoding="utf-8")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "planer")
    # changed in the working tree, changed and staged, added, deleted, renamed; a risk matrix change
    (plans / "b.yaml").write_text(_plan("Nämnd b", "En ändrad risk"), encoding="utf-8")
    (plans / "f.yaml").write_text(_plan("Nämnd f").replace("sannolikhet: 2", "sannolikhet: 4"), encoding="utf-8")
    _git(repo, "add", "plans/f.yaml")
    (plans / "c.yaml").write_text(_plan("Nämnd c"), encoding="utf-8")
    (plans / "d.yaml").unlink()
    _git(repo, "mv", "plans/e.yaml", "plans/e2.yaml")
    (plans / "sub" / "ikplan.yaml").write_text("schemaversion: 1\nriskmatris:\n  kritisk_från: 6\n", "utf-8")
    (plans / "notes.md").write_text("ändrad, men inte en plan\n", encoding="utf-8")

    parsed: list[str] = []
    original = validate.Checker.check_loaded

    def counting(self: Any, result: Any, locate_from: str) -> Any:
        parsed.append(result.file)
        return original(self, result, locate_from)

    with working_dir(repo):
        expected = as_json(reference_diff("HEAD", ["plans"], {"plans/e2.yaml": "plans/e.yaml"}))
        monkeypatch.setattr(validate.Checker, "check_loaded", counting)
        got = as_json(diff_revision("HEAD", ["plans"]))
        only_sub = as_json(diff_revision("HEAD", ["plans/sub"]))
        only_a = diff_revision("HEAD", ["plans/a.yaml"])
    assert got == expected
    names = [d["plan"] for d in json.loads(got)]
    [renamed] = [d for d in json.loads(got) if d["bytt_namn_från"]]
    assert renamed["sammanfattning"] == "Planen bytte namn från plans/e.yaml; inga ändringar i innehållet."
    assert names == [
        "plans/b.yaml",
        "plans/c.yaml",
        "plans/d.yaml",
        "plans/e.yaml → plans/e2.yaml",
        "plans/f.yaml",
        "plans/sub/s1.yaml",
        "plans/sub/s2.yaml",
    ]
    # the changed files and, for the changed ikplan.yaml, the plans under it; never a, o1 or notes.md
    first_run = parsed[: len(parsed) - 4]
    now = ["plans/b.yaml", "plans/c.yaml", "plans/e2.yaml", "plans/f.yaml", "plans/sub/s1.yaml", "plans/sub/s2.yaml"]
    then = ["b.yaml", "d.yaml", "e.yaml", "f.yaml", "sub/s1.yaml", "sub/s2.yaml"]
    assert sorted(first_run) == sorted(now + [f"HEAD:plans/{p}" for p in then])
    assert [d["plan"] for d in json.loads(only_sub)] == ["plans/sub/s1.yaml", "plans/sub/s2.yaml"]
    assert only_a == []


def test_diff_revision_from_a_subfolder_names_files_as_before(tmp_path: Path) -> None:
    from ikplan.review.diff import diff_revision
    from ikplan.review.diff_views import as_json

    _git(tmp_path, "init", "-q")
    _git(tmp_path, "config", "user.email", "test@example.invalid")
    _git(tmp_path, "config", "user.name", "Test")
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "p.yaml").write_text(_plan("Nämnd p"), encoding="utf-8")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-qm", "plan")
    (tmp_path / "plans" / "p.yaml").write_text(_plan("Nämnd p") + "  - id: [\n", encoding="utf-8")
    with working_dir(tmp_path / "plans"):
        got = as_json(diff_revision("HEAD", ["."]))
        assert got == as_json(reference_diff("HEAD", ["."]))
    [d] = json.loads(got)
    assert d["plan"] == "plans/p.yaml" and d["fel_efter"].startswith("./p.yaml:")


# --- validate --jobs -----------------------------------------------------------------------------


def test_validate_in_parallel_is_byte_identical(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ikplan.checking import validate

    folder = tmp_path / "plans"
    (folder / "a").mkdir(parents=True)
    (folder / "b").mkdir()
    (folder / "a" / "ikplan.yaml").write_text("schemaversion: 1\nriskmatris:\n  kritisk_från: 4\n", "utf-8")
    (folder / "b" / "ikplan.yaml").write_text("schemaversion: 1\nriskmatris: [\n", encoding="utf-8")  # broken
    broken = [
        "schemaversion: 1\nnämnd: [\n",
        "",
        "\xff\xfe not utf-8",
        MINIMAL.replace("riskvärde: 6", "riskvärde: 7"),
        MINIMAL.replace("sannolikhet: 2", "sannolikhet: nej"),
        MINIMAL + "okänd_nyckel: 1\n",
        "a: &x 1\nb: *x\n",
    ]
    for i in range(24):
        sub = "a" if i % 3 == 0 else "b" if i % 3 == 1 else ""
        text = broken[i % len(broken)] if i % 2 else MINIMAL.replace("Testnämnden", f"Nämnd {i}")
        target = folder / sub / f"plan-{i:02d}.yaml"
        if text.startswith("\xff"):
            target.write_bytes(b"\xff\xfe not utf-8\n")
        else:
            target.write_text(text, encoding="utf-8")
    monkeypatch.setattr(validate, "PARALLEL_FROM", 4)  # the fixture stays small; the pool still runs
    pools: list[int] = []
    parallel = validate._check_parallel

    def counted(files: list[str], config: str | None, jobs: int) -> Any:
        pools.append(jobs)
        return parallel(files, config, jobs)

    monkeypatch.setattr(validate, "_check_parallel", counted)
    with working_dir(tmp_path):
        outputs = {}
        for jobs in ("1", "2", "3"):
            for fmt in ("text", "json", "github", "gitlab"):
                r = run("validate", "plans", "--jobs", jobs, "-f", fmt)
                outputs[(jobs, fmt)] = (r.exit_code, r.stdout, r.stderr)
    assert pools == [2] * 4 + [3] * 4
    for fmt in ("text", "json", "github", "gitlab"):
        assert outputs[("2", fmt)] == outputs[("1", fmt)]
        assert outputs[("3", fmt)] == outputs[("1", fmt)]
    code, out, err = outputs[("1", "text")]
    assert (
        code == 1 and "IK101" in out and "plans/b/ikplan.yaml" in out and "av 25 filer" in err
    )  # 24 plans and the broken ikplan.yaml
    assert len(out.splitlines()) > 12


def test_validate_jobs_must_be_positive(run, tmp_path: Path) -> None:
    result = run("validate", str(tmp_path), "--jobs", "0")
    assert result.exit_code == 2


# --- startup ------------------------------------------------------------------------------------


def test_validate_starts_without_scanning_for_pydantic_plugins(tmp_path: Path) -> None:
    """The stand-in for pydantic's plugin loader answers "no plugins" without importlib.metadata."""
    import sys

    from tests.conftest import AMN

    code = (
        "import sys; from ikplan.cli import app\n"
        "try:\n    app(['validate', sys.argv[1]])\nexcept SystemExit as exc:\n    code = exc.code\n"
        "print(code, 'importlib.metadata' in sys.modules, type(sys.modules['pydantic.plugin._loader']).__name__)"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    out = subprocess.run([sys.executable, "-c", code, str(AMN)], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.split() == ["0", "False", "_StandIn"]
    # a user's own choice of plugins to disable is left to pydantic's real loader
    env["PYDANTIC_DISABLE_PLUGINS"] = "someplugin"
    out = subprocess.run([sys.executable, "-c", code, str(AMN)], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.split() == ["0", "True", "module"]


def test_validate_falls_back_to_one_process_without_a_pool(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ikplan.checking import validate

    for i in range(6):
        (tmp_path / f"p{i}.yaml").write_text(MINIMAL if i % 2 else "schemaversion: 1\nnämnd: [\n", encoding="utf-8")
    single = run("validate", str(tmp_path), "--jobs", "1")

    def no_pool(*args: Any) -> Any:
        raise OSError("Function not implemented")  # what a missing /dev/shm looks like

    monkeypatch.setattr(validate, "PARALLEL_FROM", 2)
    monkeypatch.setattr(validate, "_check_parallel", no_pool)
    fallback = run("validate", str(tmp_path), "--jobs", "2")
    assert (fallback.exit_code, fallback.stdout, fallback.stderr) == (single.exit_code, single.stdout, single.stderr)
    assert single.exit_code == 1 and single.stdout.count("IK001") == 3


# --- rollover by text edits ----------------------------------------------------------------------


def _rollover_plans() -> list[Path]:
    from tests.conftest import ROOT

    plans = [p for p in sorted((ROOT / "plans").rglob("*.yaml")) if p.name != "ikplan.yaml"]
    plans += [p for p in sorted((ROOT / "tests" / "kommuner").rglob("*.yaml")) if p.name != "ikplan.yaml"]
    # Malmö's 2020 plan must hold that year's other kommungemensamma granskningar: no rollover as it is
    plans = [p for p in plans if p.parent.name != "miljonamnden-2019"]
    return [*plans, ROOT / "tests" / "examples" / "valid" / "full.yaml"]


def test_rollover_by_text_edits_makes_what_the_round_trip_makes(big_plan, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """Every example plan and the large generated one take the text path (ruamel is never called),
    and the result loads to the same document as ruamel's round-trip, with every comment kept."""
    from ikplan.checking.loading import load_bytes
    from ikplan.cycle import rollover

    plans = [*_rollover_plans(), big_plan[0]]
    by_ruamel = {}
    for plan in plans:
        year = load_bytes(plan.read_bytes(), str(plan)).data["år"]  # type: ignore[index]
        text = plan.read_text(encoding="utf-8-sig")
        by_ruamel[plan] = rollover._by_ruamel(text, year, year + 1, f"{plan.name} ({year})", rollover._done)

    def refuse(*args: Any) -> Any:
        raise AssertionError("the text path was not taken")

    monkeypatch.setattr(rollover, "_by_ruamel", refuse)
    for plan in plans:
        year = load_bytes(plan.read_bytes(), str(plan)).data["år"]  # type: ignore[index]
        text, counts = rollover.rollover_text(str(plan), year + 1)
        ruamel_text, ruamel_counts = by_ruamel[plan]
        assert counts == ruamel_counts, plan
        ours = load_bytes(text.encode("utf-8"), "a").data
        assert ours == load_bytes(ruamel_text.encode("utf-8"), "b").data, plan
        original = plan.read_text(encoding="utf-8-sig")
        kept = [line.strip() for line in original.splitlines() if line.strip().startswith("#")]
        assert all(c in text for c in kept if "uppföljning" not in c.lower()), plan


def test_rollover_keeps_the_users_comment_on_the_assessment(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plan = tmp_path / "p.yaml"
    text = MINIMAL.replace("riskvärde: 6\n", "riskvärde: 6  # enligt workshop i mars\n")
    assert text != MINIMAL
    plan.write_text(text, encoding="utf-8")
    out = run("rollover", str(plan), "--år", "2026")
    assert out.exit_code == 0, out.output
    assert "riskvärde: 6  # bedömning från 2025: bekräfta eller ändra; enligt workshop i mars" in out.stdout


def test_rollover_of_flow_style_actions_falls_back_to_the_round_trip(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from ikplan.cycle import rollover

    calls: list[str] = []
    real = rollover._by_ruamel

    def counted(*args: Any) -> Any:
        calls.append(args[0])
        return real(*args)

    monkeypatch.setattr(rollover, "_by_ruamel", counted)
    plan = tmp_path / "p.yaml"
    plan.write_text(
        MINIMAL + "        uppföljning:\n          delår:\n            åtgärder:\n"
        "              - {beskrivning: Öppen, slutdatum: 2025-12-31,\n"
        "                 status: påbörjad}\n",
        encoding="utf-8",
    )
    out = run("rollover", str(plan), "--år", "2026")
    assert out.exit_code == 0 and calls == [plan.read_text(encoding="utf-8")], out.output
    assert "beskrivning: Öppen" in out.stdout and "beslutsår: 2025" in out.stdout
