"""Hostile input, round three continued: secrets kept out of public text, and a `diff REV` that tells
the truth about renames, deletions, symlinks, submodules and shallow clones (real git repositories)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

EGNA_ORD = ROOT / "tests" / "fixtures" / "egna_ord"
SECRET_ACTION = "HEMLIGATGARD byt lås hos skyddad adress"
SECRET_COMMENT = "HEMLIGKOMMENTAR om en namngiven person"


def _kommun_with_secrets(where: Path) -> Path:
    """Ordkommun with one open åtgärd and one kommentar marked sekretess in Tekniska nämndens plan."""
    shutil.copytree(EGNA_ORD, where, dirs_exist_ok=True)
    tn = where / "2025" / "tn.yaml"
    text = tn.read_text(encoding="utf-8")
    text = text.replace(
        "          tertial2:\n            resultat: Godkänd\n",
        f"          tertial2:\n            resultat: Godkänd\n            kommentar: {SECRET_COMMENT}\n"
        "            sekretess: true\n",
        1,
    )
    text = text.replace(
        "                status: Pågår",
        "                status: Pågår\n"
        "              - id: TA2\n"
        f"                beskrivning: {SECRET_ACTION}\n"
        "                ansvarig: Parkchef\n"
        "                slutdatum: 2025-09-30\n"
        "                status: Ej startad\n"
        "                sekretess: true",
        1,
    )
    assert SECRET_ACTION in text and SECRET_COMMENT in text
    tn.write_text(text, encoding="utf-8")
    return where


# --- 6. secrets ------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "md", "html", "json"])
def test_summary_offentlig_leaves_secrets_out_and_says_so(run, tmp_path: Path, fmt: str) -> None:  # type: ignore[no-untyped-def]
    kommun = _kommun_with_secrets(tmp_path / "k")
    assert run("validate", str(kommun)).exit_code == 0
    args = ("summary", str(kommun), "-p", "tertial3", "--datum", "2025-12-31", "-f", fmt)
    internal = run(*args)
    assert internal.exit_code == 0, internal.output
    if fmt != "text":  # the terminal view has no list of åtgärder
        assert SECRET_ACTION in internal.stdout  # the internal version is whole
    public = run(*args, "--offentlig")
    assert public.exit_code == 0, public.output
    assert "HEMLIG" not in public.output
    assert "uppgifter som omfattas av sekretess är utelämnade" in public.stdout
    if fmt == "json":
        data = json.loads(public.stdout)
        texts = [a["beskrivning"] for a in data["öppna_åtgärder"]]
        # the åtgärd is still counted, only its text is left out
        assert any("omfattas av sekretess" in t for t in texts) and "Boka besiktning" in texts


def test_summary_offentlig_docx_leaves_secrets_out(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    kommun = _kommun_with_secrets(tmp_path / "k")
    out = tmp_path / "ks.docx"
    result = run("summary", str(kommun), "-p", "tertial3", "-f", "docx", "-o", str(out), "--offentlig")
    assert result.exit_code == 0, result.output
    body = zipfile.ZipFile(out).read("word/document.xml").decode("utf-8")
    assert "HEMLIG" not in body and "omfattas av sekretess" in body


def test_report_offentlig_still_leaves_secrets_out(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    kommun = _kommun_with_secrets(tmp_path / "k")
    for period in ("tertial2", "tertial3"):
        for fmt in ("md", "html"):
            shown = run("report", str(kommun / "2025" / "tn.yaml"), "-p", period, "-f", fmt, "--offentlig")
            assert shown.exit_code == 0, shown.output
            assert "HEMLIG" not in shown.output, (period, fmt)


# --- 5. diff REV tells the truth -------------------------------------------------------------------

KOMMUN = """\
schemaversion: 1
kommun: Testkommun
nämnder: [Socialnämnden, Tekniska nämnden]
riskmatris:
  kritisk_från: 8
"""


def _plan(value: int, board: str = "Socialnämnden") -> str:
    return f"""\
schemaversion: 1
kommun: Testkommun
nämnd: {board}
år: 2025
risker:
  - id: R1
    beskrivning: Felaktiga utbetalningar
    riskvärde: {value}
    hantering: [kontrollmoment]
    kontrollmoment:
      - id: K1
        beskrivning: Stickprov på utbetalningar
        kontrollmetod: Stickprov
        ansvarig: Enhetschef
"""


def _git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t"}
    env["GIT_COMMITTER_EMAIL"] = "t@t"
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env=env, check=True)
    return done.stdout


def _repo(where: Path, files: dict[str, str]) -> Path:
    where.mkdir(parents=True, exist_ok=True)
    _git(where, "init", "-q", "-b", "main")
    _git(where, "config", "protocol.file.allow", "always")
    for name, text in {"ikplan.yaml": KOMMUN, **files}.items():
        (where / name).parent.mkdir(parents=True, exist_ok=True)
        (where / name).write_text(text, encoding="utf-8")
    _git(where, "add", "-A")
    _git(where, "commit", "-q", "-m", "första")
    return where


def _diff(run, repo: Path, *args: str):  # type: ignore[no-untyped-def]
    from tests.conftest import working_dir

    with working_dir(repo):
        return run("diff", *args)


def test_diff_follows_a_rename_and_says_the_risk_is_no_longer_critical(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    repo = _repo(tmp_path / "r", {"plans/sn-2025.yaml": _plan(12)})
    _git(repo, "mv", "plans/sn-2025.yaml", "plans/socialnamnden-2025.yaml")
    (repo / "plans/socialnamnden-2025.yaml").write_text(_plan(4), encoding="utf-8")
    _git(repo, "commit", "-q", "-am", "byt namn")
    for fmt in ("text", "md", "json"):
        result = _diff(run, repo, "HEAD~1", "-f", fmt)
        assert result.exit_code == 0, result.output
        assert "Ny plan" not in result.stdout and "är inte längre kritisk" in result.stdout, fmt
        assert "sn-2025.yaml → plans/socialnamnden-2025.yaml" in result.stdout


def test_diff_says_a_deleted_plan_was_removed(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    repo = _repo(tmp_path / "r", {"plans/sn-2025.yaml": _plan(12), "plans/tn-2025.yaml": _plan(4, "Tekniska nämnden")})
    (repo / "plans/tn-2025.yaml").unlink()
    result = _diff(run, repo, "HEAD")
    assert result.exit_code == 0, result.output
    assert "Planen togs bort" in result.stdout and "går inte att läsa" not in result.output
    data = json.loads(_diff(run, repo, "HEAD", "-f", "json").stdout)
    assert [(d["plan"], d["borttagen_plan"], d["fel_efter"]) for d in data] == [("plans/tn-2025.yaml", True, None)]


def test_diff_sees_a_change_through_a_symlinked_plan(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    repo = _repo(tmp_path / "r", {"källa/sn-2025.yaml": _plan(12)})
    (repo / "plans").mkdir()
    os.symlink("../källa/sn-2025.yaml", repo / "plans" / "sn-2025.yaml")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "länk")
    (repo / "källa/sn-2025.yaml").write_text(_plan(4), encoding="utf-8")
    result = _diff(run, repo, "HEAD", "plans")
    assert result.exit_code == 0, result.output
    assert "Inga ändringar" not in result.stdout and "är inte längre kritisk" in result.stdout
    assert "plans/sn-2025.yaml" in result.stdout


def test_diff_names_plans_in_a_submodule_it_cannot_see(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    inner = _repo(tmp_path / "inner", {"tn-2025.yaml": _plan(4, "Tekniska nämnden")})
    repo = _repo(tmp_path / "r", {"plans/sn-2025.yaml": _plan(12)})
    _git(repo, "-c", "protocol.file.allow=always", "submodule", "add", "-q", str(inner), "plans/tn")
    _git(repo, "commit", "-q", "-m", "submodul")
    assert run("validate", str(repo / "plans")).exit_code == 0  # validate reads the submodule's plans
    result = _diff(run, repo, "HEAD")
    assert "plans/tn är en git-submodul" in result.stderr and "jämförs inte" in result.stderr


def test_diff_md_escapes_a_crafted_file_name(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    crafted = "plans/x`\n\n# Allt godkänt\n\n<!--.yaml"
    repo = _repo(tmp_path / "r", {"plans/sn-2025.yaml": _plan(12)})
    (repo / crafted).write_text(_plan(4, "Tekniska nämnden"), encoding="utf-8")
    result = _diff(run, repo, "HEAD", "-f", "md")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert not any(line.startswith("# Allt") or line.startswith("<!--") for line in lines)
    assert "x`\\x0a\\x0a# Allt godkänt\\x0a\\x0a<!--.yaml" in result.stdout
    assert "Ny plan" in result.stdout


def test_diff_of_two_identical_files_says_no_change(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_text(_plan(12), encoding="utf-8")
    (tmp_path / "ikplan.yaml").write_text(KOMMUN, encoding="utf-8")
    result = run("diff", str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml"))
    assert result.exit_code == 0
    assert "Inga ändringar i planerna" in result.stdout and "1 plan ändrad" not in result.stdout


def test_diff_in_a_shallow_clone_names_the_missing_history(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    origin = _repo(tmp_path / "origin", {"plans/sn-2025.yaml": _plan(12)})
    (origin / "plans/sn-2025.yaml").write_text(_plan(4), encoding="utf-8")
    _git(origin, "commit", "-q", "-am", "två")
    _git(tmp_path, "clone", "-q", "--depth", "1", f"file://{origin}", "shallow")
    result = _diff(run, tmp_path / "shallow", "HEAD~1")
    assert result.exit_code == 2
    assert "grund (shallow)" in result.stderr and "git fetch --unshallow" in result.stderr
    assert "varken en fil" not in result.stderr


def test_diff_rev_combines_configs_before_as_after(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The old side is judged with the kommun's kritisk_från 8 under an empty nearer ikplan.yaml, not
    with ikplan's default 9: a risk of 8 was critical, and lowering it to 4 is said."""
    repo = _repo(tmp_path / "r", {"plans/sn/ikplan.yaml": "schemaversion: 1\n", "plans/sn/sn-2025.yaml": _plan(8)})
    (repo / "plans/sn/sn-2025.yaml").write_text(_plan(4), encoding="utf-8")
    result = _diff(run, repo, "HEAD")
    assert result.exit_code == 0, result.output
    assert "är inte längre kritisk" in result.stdout


@pytest.mark.parametrize("fmt", ["text", "md", "json"])
def test_status_offentlig_leaves_secrets_out(run, tmp_path: Path, fmt: str) -> None:  # type: ignore[no-untyped-def]
    """status's md and json get published too (a GitLab page, a PR comment): --offentlig as summary."""
    kommun = _kommun_with_secrets(tmp_path / "k")
    args = ("status", str(kommun / "2025"), "-p", "tertial2", "--datum", "2025-12-31", "-f", fmt)
    internal = run(*args, env={"COLUMNS": "200"})
    assert SECRET_ACTION in internal.stdout
    public = run(*args, "--offentlig", env={"COLUMNS": "200"})
    assert public.exit_code == 0, public.output
    assert "HEMLIG" not in public.output
    if fmt == "json":  # still counted, only the text is left out

        def totals(out: str) -> dict[str, int]:
            return {s["nämnd"]: s["åtgärder"]["totalt"] for s in json.loads(out)}

        assert totals(public.stdout) == totals(internal.stdout)
