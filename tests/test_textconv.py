"""`ikplan show --flat` as git's textconv driver: read from the YAML alone (git's temporary copy of a
committed plan has no ikplan.yaml beside it), the same for a committed version and the work tree, a
line per paragraph and per step, and nothing heavy imported on the way."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ikplan.checking.loading import load_bytes
from ikplan.review import textconv
from tests.conftest import AMN, EXAMPLES, KOMMUNER_DIR, KS, MINIMAL, PLANS, ROOT

EGNA_ORD = ROOT / "tests" / "fixtures" / "egna_ord"
VON = EGNA_ORD / "2025" / "von.yaml"
PLAN_FILES = sorted(p for folder in (PLANS, EGNA_ORD) for p in folder.rglob("*.yaml") if p.name != "ikplan.yaml")
SHOW = [sys.executable, "-m", "ikplan", "show", "--flat"]


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "_IKPLAN"))}
    return env | {
        "HOME": str(home),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "t@example.se",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "t@example.se",
        "GIT_PAGER": "cat",
        "NO_COLOR": "1",
    }


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, env=_env(repo.parent), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _show(path: Path, cwd: Path = ROOT) -> str:
    done = subprocess.run([*SHOW, str(path)], cwd=cwd, capture_output=True, text=True, check=False)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    return done.stdout


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    """A kommun's plan repository with the textconv driver, everything committed on main."""
    root = tmp_path / "kommun"
    root.mkdir()
    shutil.copytree(PLANS, root / "plans")
    shutil.copytree(EGNA_ORD, root / "plans" / "ordkommun")
    _git(root, "init", "-q", "-b", "main")
    (root / ".gitattributes").write_text("*.yaml diff=ikplan\n", encoding="utf-8")
    _git(root, "config", "diff.ikplan.textconv", " ".join(SHOW))
    _git(root, "add", "-A")
    _git(root, "-c", "user.name=Test", "-c", "user.email=t@example.se", "commit", "-qm", "planer")
    return root


def _changed_lines(diff: str) -> list[str]:
    return [x for x in diff.splitlines() if x[:1] in "+-" and not x.startswith(("+++", "---"))]


def test_a_committed_version_reads_as_the_work_tree(repo: Path) -> None:
    """git hands textconv a temporary copy outside the repository: the output must not depend on where."""
    plans = sorted(p.relative_to(repo).as_posix() for p in (repo / "plans").rglob("*.yaml"))
    assert len(plans) == len(PLAN_FILES) + 3  # every plan, and three ikplan.yaml
    for rel in plans:
        committed = _git(repo, "cat-file", "--textconv", f"HEAD:{rel}")
        assert committed == _show(repo / rel, cwd=repo), rel
        if rel.endswith("/ikplan.yaml"):
            assert committed.startswith("# ikplan: konfigurationsfil, visas som den är\n")
        else:
            assert "# ikplan" not in committed and "= " in committed, rel
    log = _git(repo, "log", "-p", "--", "plans/ordkommun/2025/von.yaml")
    assert "+risker[1].väsentlighet = 4" in log and "# ikplan" not in log
    # a committed side and a work-tree side of a plan in the kommun's words: one value, one line
    von = repo / "plans" / "ordkommun" / "2025" / "von.yaml"
    von.write_text(von.read_text(encoding="utf-8").replace("väsentlighet: 4", "väsentlighet: 5", 1), encoding="utf-8")
    assert _changed_lines(_git(repo, "diff", "main")) == ["-risker[1].väsentlighet = 4", "+risker[1].väsentlighet = 5"]


def test_a_plan_in_the_kommuns_words_is_flat_without_its_config(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    alone = tmp_path / "git-blob-abc123" / "von.yaml"
    alone.parent.mkdir()
    shutil.copy(VON, alone)
    result = run("show", "--flat", str(alone))
    assert result.exit_code == 0 and result.stderr == ""
    lines = result.stdout.splitlines()
    assert "risker[1].väsentlighet = 4" in lines
    assert 'risker[1].kontrollmoment[K2].uppföljning.tertial2.resultat = "Godkänd med brister"' in lines
    assert 'risker[1].kontrollmoment[K2].uppföljning.tertial2.åtgärder[A1].status = "Klar"' in lines
    assert not any(x.startswith("#") for x in lines)
    assert result.stdout == _show(VON)  # beside its ikplan.yaml it reads the same


def test_a_changed_word_in_one_paragraph_is_one_changed_line(repo: Path) -> None:
    plan = repo / "plans" / "p.yaml"
    text = MINIMAL.replace(
        "    beskrivning: En risk\n",
        "    beskrivning: |-\n      Första stycket om risken.\n\n"
        "      Andra stycket, som är längre och säger mer om risken.\n\n      Tredje stycket.\n",
    )
    plan.write_text(text, encoding="utf-8")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "ny plan")
    plan.write_text(text.replace("säger mer", "säger mycket mer"), encoding="utf-8")
    diff = _git(repo, "diff")
    assert _changed_lines(diff) == [
        "-    Andra stycket, som är längre och säger mer om risken.",
        "+    Andra stycket, som är längre och säger mycket mer om risken.",
    ]
    # without context lines the hunk header still names the field (git's default: the last unindented line)
    hunk = next(x for x in _git(repo, "diff", "-U0").splitlines() if x.startswith("@@"))
    assert hunk.endswith("@@ risker[R1].beskrivning = Första stycket om risken.")
    words = _git(repo, "diff", "--word-diff")
    assert "säger {+mycket+} mer" in words and words.count("{+") == 1 and "[-" not in words


def test_steps_are_one_line_each_and_a_new_step_is_one_line(repo: Path) -> None:
    plan = repo / "plans" / "p.yaml"
    steps = (
        "        kontrollmetod:\n          - Ta ut en lista över alla beslut.\n          - Välj tio beslut slumpvis.\n"
    )
    text = MINIMAL.replace("        kontrollmetod: Stickprov\n", steps)
    plan.write_text(text, encoding="utf-8")
    flat = _show(plan).splitlines()
    at = flat.index("risker[R1].kontrollmoment[K1].kontrollmetod =")
    assert flat[at + 1 : at + 3] == ['    - "Ta ut en lista över alla beslut."', '    - "Välj tio beslut slumpvis."']
    assert 'risker[R1].hantering = ["kontrollmoment"]' in flat  # a short list stays on its line
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "ny plan")
    more = steps.replace("slumpvis.\n", "slumpvis.\n          - Granska att besluten är fattade av rätt delegat.\n")
    plan.write_text(text.replace(steps, more), encoding="utf-8")
    assert _changed_lines(_git(repo, "diff")) == ['+    - "Granska att besluten är fattade av rätt delegat."']


def test_show_flat_imports_neither_pydantic_nor_the_loader_for_a_plan() -> None:
    """git starts it for every revision it shows: pydantic alone costs more than the whole call."""
    # printed at exit: run() ends the process itself, after the atexit functions
    probe = (
        "import atexit, sys\nfrom ikplan.__main__ import run\nsys.argv = ['ikplan', 'show', '--flat', sys.argv[1]]\n"
        "heavy = {'pydantic', 'pydantic_core', 'typer', 'click', 'rich', 'jinja2', 'ikplan.plan.model'}\n"
        "atexit.register(lambda: print('#', sorted(m for m in sys.modules if m in heavy or m.split('.')[0] in"
        " heavy - {'pydantic'}), 'ikplan.checking.loading' in sys.modules))\n"
        "run()\n"
    )
    for plan, loader in ((VON, False), (AMN, False), (EXAMPLES / "invalid" / "syntaxfel.yaml", True)):
        done = subprocess.run([sys.executable, "-c", probe, str(plan)], capture_output=True, text=True, check=True)
        # (pydantic.plugin._loader is startup.py's stand-in, not pydantic.) A file the quick walk does not
        # take goes to the loader, which needs no pydantic either.
        assert done.stdout.splitlines()[-1] == f"# [] {loader}", plan


def test_reordering_keeps_the_output_and_odd_ids_never_fail(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    plan = tmp_path / "p.yaml"
    plan.write_text(
        "schemaversion: 1\nnämnd: N\når: 2025\nrisker:\n"
        "  - {id: R10, beskrivning: tio}\n  - {id: R2, beskrivning: två}\n  - {id: R2, beskrivning: igen}\n"
        f"  - {{id: '{'9' * 5000}', beskrivning: lång}}\n  - {{id: \"a\\nb\", beskrivning: radbrytning}}\n"
        "  - id: R1\n    beskrivning: ett\n    åtgärder:\n      - {beskrivning: utan id}\n      - {id: A1, beskrivning: med}\n"
        "1: ett\n'1': också ett\n",
        encoding="utf-8",
    )
    lines = run("show", "--flat", str(plan)).stdout.splitlines()
    items = [x for x in lines if x.startswith("risker[") and "]." not in x]
    # numbers as numbers (R2 before R10), however long; an id that would break the line in quotes
    assert items == [
        f"risker[{'9' * 5000}]",
        'risker["a\\nb"]',
        "risker[R1]",
        "risker[R2]",
        "risker[R2#2]",
        "risker[R10]",
    ]
    assert 'risker[R2#2].beskrivning = "igen"' in lines
    assert re.search(r'^risker\[R1\]\.åtgärder\[~[0-9a-f]{6}\]\.beskrivning = "utan id"$', "\n".join(lines), re.M)
    assert lines[:2] == ['1 = "ett"', '1#2 = "också ett"']
    # moving R1 first changes nothing
    text = plan.read_text(encoding="utf-8")
    head, r1 = text.split("  - id: R1\n")
    body, tail = r1.split("1: ett\n")
    plan.write_text(head.replace("risker:\n", "risker:\n  - id: R1\n" + body) + "1: ett\n" + tail, encoding="utf-8")
    assert run("show", "--flat", str(plan)).stdout.splitlines() == lines


def test_a_broken_file_is_shown_as_it_is_after_one_line_without_the_temporary_name(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    broken = tmp_path / "git-blob-xyz" / "trasig.yaml"
    broken.parent.mkdir()
    broken.write_text("schemaversion: 1\nnämnd: [\n", encoding="utf-8")
    out = run("show", "--flat", str(broken)).stdout.splitlines()
    assert out[0].startswith("# ikplan: går inte att läsa som plan, visas som den är (rad 3, kolumn 1: IK001 ")
    assert "git-blob" not in out[0] and out[1:] == ["schemaversion: 1", "nämnd: ["]


QUIRKS = [
    "a: yes\nb: no\nc: on\nd: 1.10\ne: 12:30\nf: 0755\ng: 0x1F\nh: ~\ni: ''\nj: .inf\nk: -.nan\nl: 1_000\n",
    "a: 2024-01-01\nb: 2024-01-01T10:00:00+02:00\nc: 2024-13-45\n",
    "a: " + "9" * 101 + "\nb: " + "9" * 99 + "\n",
    "1: a\ntrue: b\nnull: c\n2024-01-01: d\n",
    'namn: "a\u0308"\nnamn2: a\u0308r\n\u00e4: 1\n',  # NFD: the loader makes it NFC
    "a: !!str 1\nb: &x 1\nc: *x\n",
    "a: |\n  rad ett\n  rad två\nb: >\n  vikt\n  text\n",
    "- lista\n",
    "a: 1\na: 2\n",
    "a: 1\n---\nb: 2\n",
    "<<<<<<< HEAD\na: 1\n=======\na: 2\n>>>>>>> gren\n",
    "\ufeffa: 1\n",
    "",
]


@pytest.mark.parametrize("raw", [p.read_bytes() for p in sorted(ROOT.glob("*/**/*.yaml")) if ".venv" not in p.parts])
def test_the_quick_walk_builds_what_the_loader_builds(raw: bytes) -> None:
    quick = textconv._quick_load(raw)
    assert quick is None or repr(quick) == repr(load_bytes(raw, "p.yaml").data)


@pytest.mark.parametrize("text", QUIRKS)
def test_the_quick_walk_gives_way_to_the_loader_on_quirks(text: str) -> None:
    raw = text.encode("utf-8")
    quick = textconv._quick_load(raw)
    assert quick is None or repr(quick) == repr(load_bytes(raw, "p.yaml").data)


def test_every_plan_takes_the_quick_walk_and_configs_are_named_alike() -> None:
    from ikplan.plan.config import CONFIG_NAMES

    assert textconv.CONFIG_NAMES == CONFIG_NAMES
    for plan in [*PLAN_FILES, *KOMMUNER_DIR.rglob("*.yaml"), KS]:
        assert textconv._quick_load(plan.read_bytes()) is not None, plan


def test_control_characters_stay_visible() -> None:
    """`visible` returns most text untouched without translating it: never one it would have changed."""
    from ikplan import text

    def translated(s: str) -> str:
        return text._SURROGATE.sub(lambda m: text._codepoint(ord(m[0])), s.translate(text._VISIBLE))

    for c in [*range(0x3000), *range(0xD800, 0xE000, 97), 0xFEFF, 0x10FFFF]:
        sample = f"risk {chr(c)} åtgärd"
        assert text.visible(sample) == translated(sample), hex(c)
