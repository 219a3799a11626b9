"""`ikplan validate` and `ikplan show --flat` without typer (cli_fast.py): the same options, output and
exit codes as the full command line, and no typer imported on the way."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ikplan.cli_fast import COMMANDS, FORMATS, _show_file, parse, parse_summary
from tests.conftest import AMN, EXAMPLES, KS, ROOT

FULL_CLI = "import sys; from ikplan.cli import run; sys.argv[0] = 'ikplan'; run()"


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "GITLAB_", "_IKPLAN"))}
    return env | {"NO_COLOR": "1", "COLUMNS": "100"} | extra


def _run(fast: bool, args: list[str], env: dict[str, str]) -> tuple[int, str, str]:
    cmd = [sys.executable, "-m", "ikplan"] if fast else [sys.executable, "-c", FULL_CLI]
    out = subprocess.run([*cmd, *args], capture_output=True, text=True, env=env, cwd=ROOT, check=False)
    return out.returncode, out.stdout, out.stderr


def _declared(name: str) -> dict[str, bool]:
    """Each option of typer's `name` command → whether it takes a value."""
    import typer.main

    from ikplan.cli import app

    command = typer.main.get_command(app).commands[name]  # type: ignore[attr-defined]
    declared: dict[str, bool] = {}
    for param in command.params:
        if param.param_type_name == "option":
            for opt in [*param.opts, *param.secondary_opts]:
                declared[opt] = not param.is_flag
    declared.pop("--help", None)
    return declared


@pytest.mark.parametrize("name", list(COMMANDS))
def test_options_are_the_typer_commands_options(name: str) -> None:
    """COMMANDS must list exactly what each command declares, so a new option cannot be half-supported."""
    from ikplan.checking.reporters import REPORTERS
    from ikplan.cli import FindingFormat

    assert _declared(name) == {opt: kind != "flag" for opt, (_, kind) in COMMANDS[name].items()}
    assert list(FORMATS) == [f.value for f in FindingFormat] == list(REPORTERS)


CASES = [
    ["validate", str(AMN)],
    ["validate", "-q", str(AMN), str(KS)],
    ["validate", str(EXAMPLES / "invalid")],
    ["validate", "-f", "json", str(EXAMPLES / "invalid")],
    ["validate", "--format=gitlab", str(EXAMPLES / "invalid" / "regler.yaml")],
    ["validate", "--format", "github", "--strict", str(EXAMPLES)],
    ["validate", "--jobs", "2", "-q", str(EXAMPLES), "plans"],
    ["validate", "--config", str(ROOT / "plans" / "ks" / "ikplan.yaml"), str(KS)],
    ["validate", "--config", "saknas.yaml", str(KS)],
    ["validate", "saknas.yaml"],
    ["validate", "--", str(AMN)],
    ["validate"],
]


@pytest.mark.parametrize("args", CASES, ids=[" ".join(a[1:])[-40:] or "(plans)" for a in CASES])
def test_fast_path_prints_what_the_full_command_line_prints(args: list[str]) -> None:
    assert parse(args[1:]) is not None  # these calls do take the fast path
    fast = _run(True, args, _env())
    full = _run(False, args, _env())
    assert fast == full
    assert fast[0] in (0, 1, 2)


EGNA = ROOT / "tests" / "fixtures" / "egna_ord"
SUMMARY_CASES = [
    ["summary", str(EGNA), "-f", "json", "--datum", "2025-01-20"],
    ["summary", str(EGNA), "--datum=2025-01-20"],
    ["summary", str(EGNA), "-p", "tertial2", "--år", "2024", "-f", "md", "--datum", "2024-10-01", "-j", "1"],
    ["summary", str(EGNA), "--period", "delar", "--ar=2024", "--date", "2024-10-01"],
    ["summary", str(EGNA), "--date", "2024-10-01", "--datum", "2025-01-20", "-f", "json"],
    ["summary", "--offentlig", "-f", "json", "--datum", "2025-01-20", "--", str(ROOT / "plans")],
    ["summary", str(EGNA), "-f", "pdf"],  # needs -o
    ["summary", str(EGNA), "--år", "1999"],
    ["summary", str(EGNA), "--period", "vår", "--datum", "2025-01-20"],
    ["summary", "saknas"],
    ["summary", str(EGNA), "--config", "saknas.yaml"],
]


@pytest.mark.parametrize("args", SUMMARY_CASES, ids=[" ".join(a[2:])[-40:] for a in SUMMARY_CASES])
def test_summary_prints_what_the_full_command_line_prints(args: list[str]) -> None:
    assert parse_summary(args[1:]) is not None
    fast = _run(True, args, _env())
    assert fast == _run(False, args, _env())
    assert fast[0] in (0, 1, 2) and "Traceback" not in fast[2]


def test_summary_writes_the_same_file_on_both_paths(tmp_path: Path) -> None:
    for fast, name in ((True, "a.json"), (False, "b.json")):
        out = tmp_path / name
        code, _, err = _run(fast, ["summary", str(EGNA), "-f", "json", "--datum", "2025-01-20", "-o", str(out)], _env())
        assert code == 0 and str(out) in err
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()
    again = _run(True, ["summary", str(EGNA), "-f", "json", "-o", str(tmp_path / "a.json")], _env())
    assert again == _run(False, ["summary", str(EGNA), "-f", "json", "-o", str(tmp_path / "a.json")], _env())
    assert again[0] != 0  # never over a file without --force


@pytest.mark.parametrize(
    "args",
    [["-h"], ["--år", "två"], ["-j", "0"], ["-f", "xml"], ["-o"], ["--force=ja"], ["-fjson"], ["--år", "-1"]],
)
def test_unusual_summary_calls_go_to_the_full_command_line(args: list[str]) -> None:
    assert parse_summary(args) is None
    code, out, err = _run(True, ["summary", *args], _env())
    assert "Traceback" not in err
    if args == ["-h"]:
        assert code == 0 and "Användning" in out
    elif args == ["-fjson"]:
        assert code == 0 and out.startswith("{")  # click reads an attached value: plans/ as JSON
    else:
        assert code == 2 and err.startswith(("ikplan", "Användning"))


SHOW_CASES = [
    ["show", "--flat", str(AMN)],
    ["show", str(KS)],
    ["show", "--flat", str(ROOT / "plans" / "ks" / "ikplan.yaml")],
    ["show", "--flat", str(EXAMPLES / "invalid" / "dubblerad-nyckel.yaml")],
    ["show", "--flat", "saknas.yaml"],
    ["show", "--flat", str(ROOT / "plans")],
]


@pytest.mark.parametrize("args", SHOW_CASES, ids=[a[-1][-30:] for a in SHOW_CASES])
def test_show_flat_prints_what_the_full_command_line_prints(args: list[str]) -> None:
    """git's textconv: a plan flat, anything else as it is with exit 0, a missing file exit 2."""
    assert _show_file(args[1:]) is not None
    fast = _run(True, args, _env())
    assert fast == _run(False, args, _env())
    assert fast[0] == (2 if args[-1] in ("saknas.yaml", str(ROOT / "plans")) else 0)


def test_github_actions_is_detected_on_both_paths() -> None:
    args = ["validate", str(EXAMPLES / "invalid" / "regler.yaml")]
    fast = _run(True, args, _env(GITHUB_ACTIONS="true"))
    assert fast == _run(False, args, _env(GITHUB_ACTIONS="true"))
    assert fast[0] == 1 and fast[1].startswith("::")


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["-fjson", "plans"],
        ["--okänd", "plans"],
        ["-j", "0", "plans"],
        ["--jobs=två", "plans"],
        ["--format", "xml", "plans"],
        ["--format", "JSON", "plans"],
        ["--strict=ja", "plans"],
        ["--config"],
        ["-qf", "json", "plans"],
    ],
)
def test_unusual_calls_go_to_the_full_command_line(args: list[str]) -> None:
    """The fast path only takes what it reads exactly as typer would; typer gives the usage errors."""
    assert parse(args) is None
    code, out, err = _run(True, ["validate", *args], _env())
    if args == ["--help"]:
        assert code == 0 and "Användning" in out and "--jobs" in out
    elif args in (["-fjson", "plans"], ["-qf", "json", "plans"]):
        assert code == 0 and out.strip() == "[]"  # click reads attached and combined short options
    else:
        assert code == 2 and "Traceback" not in err and err.startswith(("ikplan", "Användning"))


def _run_then(entry: str, argv: list[str], then: str) -> str:
    """Run `entry` (a module with run()) on argv in a fresh interpreter, then print `then` (at exit:
    __main__.run ends the process itself, after the atexit functions)."""
    code = (
        f"import atexit, sys; from ikplan import {entry} as m; sys.argv = ['ikplan', *sys.argv[1:]]\n"
        f"atexit.register(lambda: print('#', {then}))\n"
        "try:\n    m.run()\nexcept SystemExit as exc:\n    assert exc.code == 0, exc.code\n"
    )
    out = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, check=True)
    return out.stdout


def test_the_fast_path_imports_no_typer() -> None:
    heavy = "sorted({m.split('.')[0] for m in sys.modules} & {'typer', 'click', 'rich', 'jinja2'})"
    assert _run_then("__main__", ["validate", "-q", str(AMN)], heavy).strip() == "# []"
    assert _run_then("__main__", ["show", "--flat", str(AMN)], heavy).splitlines()[-1] == "# []"


def test_a_named_command_converts_only_its_own_options(tmp_path: Path) -> None:
    """`ikplan score …` registers only `score` with typer; `ikplan --help` still lists every command."""
    out = _run_then("cli", ["score", str(KS)], "[c.callback.__name__ for c in m.app.registered_commands]")
    assert out.splitlines()[-1] == "# ['score']"
    assert "riskvärde" in out.lower()
    full = subprocess.run([sys.executable, "-m", "ikplan", "--help"], capture_output=True, text=True, check=True)
    for name in ("validate", "score", "status", "report", "diff", "rollover", "summary"):
        assert name in full.stdout


def test_the_process_ends_with_its_code_its_output_and_its_atexit_functions() -> None:
    """__main__.leave skips Python's teardown, never what a command wrote or registered."""
    script = (
        "import atexit, sys\nfrom ikplan.__main__ import leave\n"
        "atexit.register(lambda: print('vid slutet'))\nsys.stdout.write('utdata ')\nsys.stderr.write('fel ')\n"
        "leave(int(sys.argv[1]) if sys.argv[1].isdigit() else sys.argv[1])\nprint('aldrig')\n"
    )
    for code in ("0", "3"):
        done = subprocess.run([sys.executable, "-c", script, code], capture_output=True, text=True, check=False)
        assert (done.returncode, done.stdout, done.stderr) == (int(code), "utdata vid slutet\n", "fel ")
    # an exit with a message takes Python's own way
    done = subprocess.run([sys.executable, "-c", script, "stopp"], capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout, done.stderr) == (1, "utdata vid slutet\n", "fel stopp\n")
