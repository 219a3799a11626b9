"""ikplan in a real git repository: git-setup, textconv through a history with a broken plan and a
config change, pre-commit that sees the config change, diff's exit codes, Swedish help."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import AMN, KS

BIN = Path(sys.executable).parent


def _env(tmp: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}",
        GIT_AUTHOR_NAME="Test",
        GIT_AUTHOR_EMAIL="t@example.se",
        GIT_COMMITTER_NAME="Test",
        GIT_COMMITTER_EMAIL="t@example.se",
        PRE_COMMIT_HOME=str(tmp / ".pre-commit-home"),
        GIT_PAGER="cat",
        NO_COLOR="1",
    )
    return env


def _git(repo: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=False)


@pytest.fixture()
def repo(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    repo = tmp_path / "kommun"
    (repo / "plans").mkdir(parents=True)
    shutil.copytree(AMN.parent, repo / "plans" / "uppsala")
    env = _env(tmp_path)
    assert _git(repo, env, "init", "-q", "-b", "main").returncode == 0
    return repo, env


def test_git_setup_textconv_and_pre_commit_end_to_end(repo: tuple[Path, dict[str, str]]) -> None:
    root, env = repo
    ikplan = [str(BIN / "ikplan")]
    setup = subprocess.run([*ikplan, "git-setup"], cwd=root, env=env, capture_output=True, text=True)
    assert setup.returncode == 0, setup.stderr
    assert "lade till 'plans/**/*.yaml diff=ikplan'" in setup.stderr
    again = subprocess.run([*ikplan, "git-setup"], cwd=root, env=env, capture_output=True, text=True)
    assert "har redan" in again.stderr and (root / ".gitattributes").read_text().count("diff=ikplan") == 1
    plan = root / "plans" / "uppsala" / "amn-2024.yaml"

    # Three commits: the plans, a changed result, a plan with a syntax error.
    assert _git(root, env, "add", "-A").returncode == 0
    assert _git(root, env, "commit", "-qm", "planer", "--no-verify").returncode == 0
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("handläggare: Ingrid Edberg", "handläggare: Anna Berg", 1), encoding="utf-8")
    assert _git(root, env, "commit", "-qam", "ny handläggare", "--no-verify").returncode == 0
    broken = root / "plans" / "uppsala" / "trasig.yaml"
    broken.write_text("schemaversion: 1\nnämnd: [\n", encoding="utf-8")
    assert _git(root, env, "add", "-A").returncode == 0
    assert _git(root, env, "commit", "-qm", "trasig plan", "--no-verify").returncode == 0

    log = _git(root, env, "log", "-p")
    assert log.returncode == 0, log.stderr
    assert '-handläggare = "Ingrid Edberg"' in log.stdout and '+handläggare = "Anna Berg"' in log.stdout
    assert "# ikplan: går inte att läsa som plan, visas som den är" in log.stdout
    assert "# ikplan: konfigurationsfil, visas som den är" in log.stdout  # ikplan.yaml matched the pattern too
    broken.write_text("schemaversion: 1\nnämnd: [ännu trasigare\n", encoding="utf-8")
    diff = _git(root, env, "diff")
    assert diff.returncode == 0 and "ännu trasigare" in diff.stdout

    # A new obligatoriskt kontrollmoment in ikplan.yaml: the hook, given only that file, fails the plan.
    config = root / "plans" / "uppsala" / "ikplan.yaml"
    config.write_text(
        config.read_text(encoding="utf-8") + "  - id: ny-kontroll\n    namn: Ett nytt kommungemensamt kontrollmoment\n",
        encoding="utf-8",
    )
    broken.unlink()
    _git(root, env, "add", "-A")
    hook = subprocess.run(
        ["pre-commit", "run", "--files", "plans/uppsala/ikplan.yaml"], cwd=root, env=env, capture_output=True, text=True
    )
    assert hook.returncode == 1, hook.stdout + hook.stderr
    assert "plans/uppsala/amn-2024.yaml:" in hook.stdout and "IK112" in hook.stdout
    every = subprocess.run(["pre-commit", "run", "--all-files"], cwd=root, env=env, capture_output=True, text=True)
    assert every.returncode == 1
    flagged = [x for x in every.stdout.splitlines() if "IK112" in x]
    assert flagged and all(x.startswith("plans/uppsala/amn-2024.yaml:") for x in flagged), every.stdout
    assert any("'ny-kontroll'" in x for x in flagged)


def test_git_setup_outside_a_repository_is_a_usage_error(run, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("git-setup", env={"GIT_CEILING_DIRECTORIES": str(tmp_path.parent)})
    assert result.exit_code == 2 and "ligger inte i ett git-arkiv" in result.output


def test_show_flat_never_fails(run, tmp_path: Path) -> None:
    broken = tmp_path / "x.yaml"
    broken.write_text("schemaversion: 1\nnämnd: [\n", encoding="utf-8")
    result = run("show", str(broken))
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].startswith("# ikplan: går inte att läsa som plan")
    assert result.stdout.splitlines()[1:] == ["schemaversion: 1", "nämnd: ["]
    config = run("show", str(AMN.parent / "ikplan.yaml"))
    assert config.exit_code == 0 and "kommun: Uppsala kommun" in config.stdout
    assert "antal_risker = 35" in run("show", str(KS)).stdout


def test_diff_exit_codes_follow_gnu_diff(run, tmp_path: Path) -> None:
    same = run("diff", str(KS), str(KS), "--exit-code")
    assert same.exit_code == 0
    changed = tmp_path / "ks.yaml"
    changed.write_text(KS.read_text(encoding="utf-8").replace("riskvärde: 8", "riskvärde: 12", 1), encoding="utf-8")
    shutil.copy(KS.parent / "ikplan.yaml", tmp_path / "ikplan.yaml")
    assert run("diff", str(KS), str(changed)).exit_code == 0
    assert run("diff", str(KS), str(changed), "--exit-code").exit_code == 1
    broken = tmp_path / "trasig.yaml"
    broken.write_text("schemaversion: 1\nnämnd: [\n", encoding="utf-8")
    trouble = run("diff", str(KS), str(broken))
    assert trouble.exit_code == 2
    assert "planen går inte att läsa efter ändringen" in trouble.output and "IK001" in trouble.output
    # no verdict about a new decision when a side cannot be read, in any format
    assert "kräver inget nytt beslut" not in trouble.stdout
    assert "1 plan går inte att läsa, så om ändringen kräver nytt beslut går inte att avgöra." in " ".join(
        trouble.stdout.split()
    )
    md = run("diff", str(KS), str(broken), "-f", "md")
    assert md.exit_code == 2 and "går inte att avgöra" in md.stdout and "IK001" in md.stderr
    assert run("diff", str(KS), str(broken), "-f", "json", "--exit-code").exit_code == 2  # trouble beats changes
    both = run("diff", str(broken), str(broken))
    assert both.exit_code == 2
    assert "före ändringen" in both.stderr and "efter ändringen" in both.stderr
    missing = run("diff", str(KS), str(tmp_path / "finns-inte.yaml"))
    assert missing.exit_code == 2 and "varken en fil eller en git-revision" in missing.stderr


def test_a_changed_config_validates_the_plans_it_governs(run, tmp_path: Path) -> None:
    folder = tmp_path / "uppsala"
    shutil.copytree(AMN.parent, folder)
    config = folder / "ikplan.yaml"
    config.write_text(
        config.read_text(encoding="utf-8") + "  - id: ny-kontroll\n    namn: Ett nytt kontrollmoment\n",
        encoding="utf-8",
    )
    result = run("validate", str(config))
    assert result.exit_code == 1
    assert "amn-2024.yaml" in result.stdout and "IK112" in result.stdout


def test_score_unknown_area_is_a_usage_error(run) -> None:
    result = run("score", str(KS), "--område", "finns-inte")
    assert result.exit_code == 2 and "området 'finns-inte' finns inte" in result.output


def _commands() -> list[str]:
    import typer.main

    from ikplan.cli import app

    return sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


COMMANDS = _commands()
ENGLISH = [
    "Usage:",
    "Options",
    "Arguments",
    "Show this message",
    "Error:",
    "Invalid value",
    "Try '",
    "<str>",
    "list[",
    "default",
    "required",
    "env var",
]


def test_every_command_is_covered() -> None:
    assert {"validate", "diff", "show", "git-setup", "import", "export"} <= set(COMMANDS)


@pytest.mark.parametrize("command", [[], *([c] for c in COMMANDS)])
def test_help_and_usage_errors_are_swedish(run, command: list[str]) -> None:
    for columns in ("120", "100", "80", "60"):  # wrapping must not split a phrase out of the translation
        helped = run(*command, "--help", env={"COLUMNS": columns})
        assert helped.exit_code == 0
        assert "Användning:" in helped.stdout and "Visa den här hjälpen och avsluta." in helped.stdout
        for phrase in ENGLISH:
            assert phrase not in helped.stdout, f"{command} vid {columns} kolumner: '{phrase}'"
    wrong = run(*command, "--finns-inte")
    assert wrong.exit_code == 2
    for phrase in ENGLISH:
        assert phrase not in wrong.output, f"{command}: '{phrase}'"
    assert "okänd flagga: --finns-inte" in wrong.output


def test_invalid_choice_message_is_swedish(run) -> None:
    result = run("validate", "--format", "xml")
    assert result.exit_code == 2
    assert "ogiltigt värde för '--format' / '-f': 'xml' är inget av" in result.output
