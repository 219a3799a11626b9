"""`ikplan diff` and `ikplan show --flat` through the CLI, in temporary git repositories."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.conftest import KS, MINIMAL, working_dir

PLAN = """\
schemaversion: 1
nämnd: Testnämnden
år: 2025
risker:
  - id: R1
    beskrivning: Första risken
    sannolikhet: 2
    konsekvens: 3
    hantering: [kontrollmoment]
    kontrollmoment:
      - id: K1
        beskrivning: Kontroll ett
        kontrollmetod: Stickprov
        ansvarig: Enhetschef
        uppföljning:
          delår:
            resultat: utan anmärkning
  - id: R2
    beskrivning: Andra risken
    sannolikhet: 1
    konsekvens: 1
    hantering: [accepteras]
    motivering: Låg risk
"""


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path):  # type: ignore[no-untyped-def]
    git(tmp_path, "init", "-q")
    git(tmp_path, "config", "user.email", "test@example.invalid")
    git(tmp_path, "config", "user.name", "Test")
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "p.yaml").write_text(PLAN, encoding="utf-8")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "plan")
    with working_dir(tmp_path):
        yield tmp_path


def write(repo: Path, text: str) -> None:
    (repo / "plans" / "p.yaml").write_text(text, encoding="utf-8")


def diff_json(run, *args: str, code: int = 0) -> list[dict]:  # type: ignore[no-untyped-def, type-arg]
    result = run("diff", *args, "-f", "json")
    assert result.exit_code == code, result.stderr
    return json.loads(result.stdout)


def test_riskvarde_change_makes_a_risk_critical(run, repo: Path) -> None:
    write(repo, PLAN.replace("sannolikhet: 2\n    konsekvens: 3", "sannolikhet: 3\n    konsekvens: 3"))
    [d] = diff_json(run, "HEAD")
    assert d["plan"] == "plans/p.yaml" and d["kräver_beslut"] is True
    [risk] = d["ändringar"]
    assert (risk["id"], risk["status"], risk["noteringar"]) == (
        "R1",
        "ändrad",
        ["blev kritisk", "bytte risknivå från medel till hög"],
    )
    assert risk["fält"] == [{"fält": "sannolikhet", "före": 2, "efter": 3, "väsentlig": True}]
    assert d["sammanfattning"] == "1 ändrad risk, 1 blev kritisk; kräver nytt beslut i nämnden."


def test_added_and_removed_risk(run, repo: Path) -> None:
    new = PLAN.split("  - id: R2")[0] + "  - id: R3\n    beskrivning: Ny risk\n    riskvärde: 2\n"
    write(repo, new)
    [d] = diff_json(run, "HEAD")
    assert [(e["id"], e["status"]) for e in d["ändringar"]] == [("R2", "borttagen"), ("R3", "ny")]
    assert d["sammanfattning"] == "1 ny risk, 1 borttagen risk; kräver nytt beslut i nämnden."


def test_reordered_lists_are_no_change(run, repo: Path) -> None:
    r1, r2 = PLAN.split("  - id: R2")
    head, first = r1.split("  - id: R1")
    write(repo, head + "  - id: R2" + r2 + "  - id: R1" + first)
    assert diff_json(run, "HEAD") == []
    result = run("diff", "HEAD", "--exit-code")
    assert result.exit_code == 0
    assert "Inga ändringar i planerna." in result.stdout


def test_changed_follow_up_is_editorial(run, repo: Path) -> None:
    write(repo, PLAN.replace("resultat: utan anmärkning", "resultat: med mindre anmärkning"))
    [d] = diff_json(run, "HEAD")
    assert d["kräver_beslut"] is False
    [risk] = d["ändringar"]
    assert risk["fält"] == [
        {
            "fält": "kontrollmoment K1 › uppföljning › delår › resultat",
            "före": "utan anmärkning",
            "efter": "med mindre anmärkning",
            "väsentlig": False,
            "före_ord": "utan anmärkning",
            "efter_ord": "med mindre anmärkning",
        }
    ]
    assert d["sammanfattning"].endswith("redaktionella ändringar och uppföljning; kräver inget nytt beslut.")
    assert run("diff", "HEAD", "--exit-code").exit_code == 1


def test_a_side_that_does_not_load(run, repo: Path) -> None:
    write(repo, PLAN + "  - id: [\n")
    [d] = diff_json(run, "HEAD", code=2)  # GNU diff: trouble
    assert d["fel_efter"].startswith("plans/p.yaml:")
    assert "IK001" in d["fel_efter"]
    assert d["ändringar"] == []


def test_revision_syntax_and_paths(run, repo: Path) -> None:
    write(repo, PLAN.replace("Första risken", "Första risken, omformulerad"))
    git(repo, "commit", "-qam", "omformulering")
    write(repo, PLAN.replace("Första risken", "Första risken, igen"))
    [d] = diff_json(run, "HEAD~1", "plans/p.yaml")
    assert d["ändringar"][0]["fält"][0]["före"] == "Första risken"
    [d] = diff_json(run, "HEAD")
    assert d["ändringar"][0]["fält"][0]["före"] == "Första risken, omformulerad"
    assert d["kräver_beslut"] is False
    bad = run("diff", "finnsinte")
    assert bad.exit_code == 2 and "varken en fil eller en git-revision" in bad.stderr


def test_new_plan_and_config_change_moving_bands(run, repo: Path) -> None:
    (repo / "plans" / "ny.yaml").write_text(MINIMAL, encoding="utf-8")
    (repo / "plans" / "ikplan.yaml").write_text("schemaversion: 1\nriskmatris:\n  kritisk_från: 6\n", encoding="utf-8")
    diffs = diff_json(run, "HEAD")
    by_plan = {d["plan"]: d for d in diffs}
    assert by_plan["plans/ny.yaml"]["ny_plan"] is True
    p = by_plan["plans/p.yaml"]
    kinds = [(e["typ"], e["id"], e["noteringar"]) for e in p["ändringar"]]
    assert ("riskmatris", "", []) in kinds
    assert ("risk", "R1", ["blev kritisk"]) in kinds  # its riskvärde 6 did not change; the threshold did


def test_markdown_for_a_pull_request(run, repo: Path) -> None:
    long_text = "Ett mycket långt stycke om upphandlingar och avtalstrohet. " + " ".join(
        f"mening{i} om ramavtal." for i in range(20)
    )
    changed = long_text.replace("avtalstrohet.", "avtalsuppföljning.", 1)
    write(repo, PLAN.replace("Första risken", long_text.strip()))
    git(repo, "commit", "-qam", "lång text")
    write(repo, PLAN.replace("Första risken", changed.strip()).replace("sannolikhet: 2\n", "sannolikhet: 4\n"))
    out = run("diff", "HEAD", "-f", "md").stdout
    lines = out.splitlines()
    assert lines[0] == "**ikplan diff** HEAD → arbetskopian: 1 plan ändrad; kräver nytt beslut i nämnden."
    # the heading is cut between words, and says the fields differ in kind
    [heading] = [x for x in lines if x.startswith("#### Risk R1")]
    assert heading.startswith("#### Risk R1: Ett mycket långt stycke om upphandlingar och avtalsuppföljning. mening0")
    title = heading.split(": ", 1)[1].split(" (ändrad")[0]
    assert title.endswith("…") and title[:-1] in changed, title  # ends at a whole word
    assert "(ändrad, väsentlig och redaktionell, se varje fält)" in heading
    assert "| Fält | Slag | Före | Efter |" in out
    assert "| sannolikhet | väsentlig | 2 | 4 |" in out
    # only the changed words, the full texts folded
    [row] = [x for x in lines if x.startswith("| beskrivning |")]
    assert row.startswith("| beskrivning | redaktionell | ")
    assert "~~avtalstrohet.~~ **avtalsuppföljning.**" in row and row.endswith("| *hela texterna nedan* |")
    assert "mening1 om ramavtal. …" in row and "mening12" not in row  # a few words around the change only
    assert "<details><summary>beskrivning: hela texterna</summary>" in out and "mening12" in out


def test_word_diff_and_whole_word_headings() -> None:
    from ikplan.review.diff_views import word_diff
    from ikplan.text import shorten_words

    assert word_diff("a b c", "a x c") == "a ~~b~~ **x** c"
    assert word_diff("a  b", "a b") == "*(bara blanksteg ändrade)*"
    many = " ".join(f"o{i}" for i in range(30))
    assert word_diff(many + " slut", many + " början") == "… o24 o25 o26 o27 o28 o29 ~~slut~~ **början**"
    assert shorten_words("vilka risker som finns", 10) == "vilka…"
    assert shorten_words("Ettmycketlångtord", 8) == "Ettmyck…"


def test_pr_comment_stays_under_github_limit_and_names_what_it_left_out(run, tmp_path: Path) -> None:
    risks = "".join(
        f"  - id: R{i}\n    beskrivning: {'Ord ' * 60}risk {i}\n    sannolikhet: 2\n    konsekvens: 2\n"
        for i in range(400)
    )
    head = "schemaversion: 1\nnämnd: Testnämnden\når: 2025\nrisker:\n"
    old, new = tmp_path / "a.yaml", tmp_path / "b.yaml"
    old.write_text(head + risks, encoding="utf-8")
    new.write_text(head + risks.replace("Ord ", "Text "), encoding="utf-8")
    result = run("diff", str(old), str(new), "-f", "md")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert len(out) < 65_536
    assert "ändringar får inte plats i kommentaren (GitHub tar högst 65 536 tecken)" in out
    trailer = out.split("visas inte här:")[1]
    assert trailer.count(": Risk R") == 40 and " till. Kör `ikplan diff` lokalt för allt." in trailer
    shown = out.count("#### Risk R")
    left = int(out.split(" ändringar får inte plats")[0].rsplit("*", 1)[1])
    assert shown + left == 400 and int(trailer.split(" och ")[-1].split(" till")[0]) == left - 40


def test_two_files(run, tmp_path: Path) -> None:
    new = tmp_path / "ks.yaml"
    new.write_text(KS.read_text(encoding="utf-8").replace("följer_plan: ja", "följer_plan: nej", 1), encoding="utf-8")
    result = run("diff", str(KS), str(new), "-f", "md")
    assert result.exit_code == 0
    assert "| uppföljning › delår › följer_plan | redaktionell | ja | nej |" in result.stdout


def test_terminal_output(run, repo: Path) -> None:
    write(repo, PLAN.replace("ansvarig: Enhetschef", "ansvarig: Avdelningschef"))
    result = run("diff", "HEAD")
    assert "kontrollmoment K1 › ansvarig" in result.stdout and "Avdelningschef" in result.stdout
    assert "(ändrad, redaktionell)" in result.stdout or "(ändrad, väsentlig)" in result.stdout


def test_show_flat_is_sorted_by_id_and_stable(run, repo: Path) -> None:
    first = run("show", "--flat", "plans/p.yaml").stdout
    r1, r2 = PLAN.split("  - id: R2")
    head, one = r1.split("  - id: R1")
    write(repo, head + "  - id: R2" + r2 + "  - id: R1" + one)
    assert run("show", "--flat", "plans/p.yaml").stdout == first
    lines = first.splitlines()
    assert 'risker[R1].kontrollmoment[K1].uppföljning.delår.resultat = "utan anmärkning"' in lines
    assert 'risker[R1].hantering = ["kontrollmoment"]' in lines
    assert lines.index("risker[R1]") < lines.index("risker[R2]")


def test_textconv_driver_makes_git_diff_readable(repo: Path) -> None:
    import shutil
    import sys

    (repo / ".gitattributes").write_text("plans/*.yaml diff=ikplan\n", encoding="utf-8")
    exe = shutil.which("ikplan") or f"{sys.executable} -m ikplan"
    git(repo, "config", "diff.ikplan.textconv", f"{exe} show --flat")
    write(repo, PLAN.replace("sannolikhet: 2", "sannolikhet: 4"))
    out = subprocess.run(["git", "diff"], cwd=repo, capture_output=True, text=True, check=True).stdout
    assert "-risker[R1].sannolikhet = 2" in out and "+risker[R1].sannolikhet = 4" in out
