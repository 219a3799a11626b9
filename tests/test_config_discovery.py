"""Where ikplan looks for ikplan.yaml, what it says when there is none, and import's --config."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from ikplan.plan.config import find_config, searched
from tests.conftest import AMN, PLANS, working_dir


def test_copied_plan_without_config_says_none_was_found_and_where(run, tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()  # the search stops at a git root
    folder = tmp_path / "ut" / "p"
    folder.mkdir(parents=True)
    shutil.copy(AMN, folder / "plan.yaml")
    result = run("validate", str(folder / "plan.yaml"))
    assert result.exit_code == 1
    out = result.stdout
    assert "ingen ikplan.yaml hittades" in out
    assert f"letade i {folder} och uppåt till {tmp_path} (git-arkivets rot)" in out
    assert "är inget kommungemensamt kontrollmoment i ikplan.yaml" not in out
    # with --config the same plan is checked against the kommun's list
    ok = run("validate", "--config", str(PLANS / "uppsala" / "ikplan.yaml"), str(folder / "plan.yaml"))
    assert ok.exit_code == 0, ok.stdout


def test_search_stops_at_home_folder(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    home = tmp_path / "hem"
    deep = home / "a" / "b"
    deep.mkdir(parents=True)
    (tmp_path / "ikplan.yaml").write_text("{}\n", encoding="utf-8")  # above home: must not be found
    monkeypatch.setenv("HOME", str(home))
    assert find_config(str(deep), {}) is None
    assert searched(str(deep)) == f"letade i {deep} och uppåt till {home} (hemmappen)"
    assert searched(str(home)) == f"letade i {home} (hemmappen)"


def test_import_config_option_and_working_directory(run, tmp_path: Path) -> None:
    xlsx = tmp_path / "amn.xlsx"
    assert run("export", str(AMN), "-o", str(xlsx)).exit_code == 0
    (tmp_path / ".git").mkdir()
    elsewhere = tmp_path / "annan-mapp"
    elsewhere.mkdir()
    # no config beside the output: without one the kommungemensamma ids cannot be looked up
    bare = run("import", str(xlsx), "-o", str(elsewhere / "a.yaml"))
    assert bare.exit_code == 1
    assert "ingen ikplan.yaml hittades" in bare.stdout + bare.stderr
    # --config names it
    given = run(
        "import", str(xlsx), "-o", str(elsewhere / "b.yaml"), "--config", str(PLANS / "uppsala" / "ikplan.yaml")
    )
    assert given.exit_code == 0, given.stdout + given.stderr
    # the working directory's config serves an output written elsewhere
    kommun = tmp_path / "kommun"
    kommun.mkdir()
    shutil.copy(PLANS / "uppsala" / "ikplan.yaml", kommun)
    with working_dir(kommun):
        here = run("import", str(xlsx), "-o", os.path.join("..", "annan-mapp", "c.yaml"))
    assert here.exit_code == 0, here.stdout + here.stderr
    assert (elsewhere / "c.yaml").is_file()
