"""`ikplan validate` and `ikplan show --flat` without typer (cli_fast.py): the same options, output and
exit codes as the full command line, and no typer imported on the way."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ikplan.cli_fast import FORMATS, OPTIONS, _show_file, parse
from tests.conftest import AMN, EXAMPLES, KS, ROOT

FULL_CLI = "import sys; from ikplan.cli import run; sys.argv[0] = 'ikplan'; run()"


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "GITLAB_", "_IKPLAN"))}
    return env | {"NO_COLOR": "1", "COLUMNS": "100"} | extra


def _run(fast: bool, args: list[str], env: dict[str, str]) -> tuple[int, str, str]:
    cmd = [sys.executable, "-m", "ikplan"] if fast else [sys.executable, "-c", FULL_CLI]
    out = subprocess.run([*cmd, *args], capture_output=True, text=True, env=env, cwd=ROOT, check=False)
    return out.returncode, out.stdout, out.stderr


def test_options_are_the_typer_commands_options() -> None:
    """OPTIONS must list exactly what `validate` declares, so a new option cannot be half-supported."""
    import typer.main

    from ikplan.checking.reporters import REPORTERS
    from ikplan.cli import FindingFormat, app

    command = typer.main.get_command(app).commands["validate"]  # type: ignore[attr-defined]
    declared: dict[str, bool] = {}
    for param in command.params:
        if param.param_type_name == "option":
            for opt in [*param.opts, *param.secondary_opts]:
                declared[opt] = not param.is_flag
    declared.pop("--help", None)
    assert declared == {opt: takes for opt, (_, takes) in OPTIONS.items()}
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
    """Run `entry` (a module with run()) on argv in a fresh interpreter, then print `then`."""
    code = (
        f"import sys; from ikplan import {entry} as m; sys.argv = ['ikplan', *sys.argv[1:]]\n"
        "try:\n    m.run()\nexcept SystemExit as exc:\n    assert exc.code == 0, exc.code\n"
        f"print('#', {then})"
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
