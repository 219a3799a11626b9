"""Output that cannot be written never ends with exit 0 or a traceback: each case in a real process,
the way a user meets it (a full disk, a pipe closed early, a closed stdout, an ASCII locale, a folder
removed under the shell)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import AMN, MINIMAL, ROOT

IKPLAN = [sys.executable, "-m", "ikplan"]
FULL_CLI = [sys.executable, "-c", "import sys; from ikplan.cli import run; sys.argv[0] = 'ikplan'; run()"]


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "GITLAB_", "_IKPLAN"))}
    return env | {"NO_COLOR": "1", "COLUMNS": "100", "PYTHONPATH": str(ROOT)} | extra


def _no_traceback(stderr: str) -> None:
    assert "Traceback" not in stderr and "Exception ignored" not in stderr, stderr


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args",
    [
        ["report", str(AMN), "--datum", "2024-10-01"],
        ["score", str(AMN)],
        ["validate", "-f", "json", str(AMN)],
        ["show", "--flat", str(AMN)],
        ["rules"],
    ],
    ids=["report", "score", "validate-fast", "show-fast", "rules"],
)
def test_a_full_disk_is_an_error_with_a_swedish_message(args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run([*IKPLAN, *args], stdout=full, stderr=subprocess.PIPE, text=True, env=_env(), cwd=ROOT)
    assert done.returncode == 1
    assert "kunde inte skriva till standard ut: disken är full" in done.stderr
    _no_traceback(done.stderr)


def test_a_report_larger_than_a_pipe_to_a_full_disk_is_not_cut_silently(tmp_path: Path) -> None:
    """More than 64 KB (one pipe buffer) of report still ends in exit 1, not in 0 with the output cut."""
    risks = "".join(
        f"  - id: X{i}\n    område: A\n    beskrivning: {'En lång beskrivning av en risk. ' * 8}\n"
        f"    riskvärde: 2\n    hantering: [accepteras]\n    motivering: Liten risk.\n"
        for i in range(400)
    )
    big = tmp_path / "stor.yaml"
    big.write_text(MINIMAL + risks, encoding="utf-8")
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [*FULL_CLI, "report", str(big), "-p", "plan", "--datum", "2024-10-01"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env=_env(),
            cwd=ROOT,
        )
    assert done.returncode == 1, done.stderr
    assert "disken är full" in done.stderr
    _no_traceback(done.stderr)


INVALID = str(ROOT / "tests" / "examples" / "invalid" / "regler.yaml")


@pytest.mark.parametrize("args", [["score", str(AMN)], ["validate", INVALID], ["report", str(AMN)]])
def test_a_pipe_closed_before_the_output_exits_quietly_with_sigpipes_code(args: list[str]) -> None:
    """Like `ikplan score | head -1` when head has gone: no message (the reader chose to stop) but
    not 0 either: 141, what the shell reports for a tool that SIGPIPE ends."""
    read, write = os.pipe()
    os.close(read)  # the reader is gone before ikplan writes anything
    try:
        done = subprocess.run([*IKPLAN, *args], stdout=write, stderr=subprocess.PIPE, text=True, env=_env(), cwd=ROOT)
    finally:
        os.close(write)
    assert done.returncode == 141
    assert "ikplan: kunde inte skriva" not in done.stderr
    _no_traceback(done.stderr)


def test_head_reading_one_line_of_a_long_output_gives_no_traceback() -> None:
    done = subprocess.run(
        f'{sys.executable} -m ikplan rules | head -1; echo "code=${{PIPESTATUS[0]}}"',
        shell=True,
        executable="/bin/bash",
        capture_output=True,
        text=True,
        env=_env(),
        cwd=ROOT,
    )
    assert done.stdout.startswith("IK001 [fel]")
    assert done.stdout.strip().endswith(("code=0", "code=141"))  # 0 when it all fitted in the pipe first
    _no_traceback(done.stderr)


@pytest.mark.parametrize("args", [["score", str(AMN)], ["validate", str(AMN)]], ids=["full", "fast"])
def test_a_closed_stdout_is_a_swedish_message(args: list[str]) -> None:
    done = subprocess.run(
        [*IKPLAN, *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
        cwd=ROOT,
        preexec_fn=lambda: os.close(1),
    )
    assert done.returncode == 1
    assert "kunde inte skriva till standard ut: den är stängd" in done.stderr
    _no_traceback(done.stderr)


ASCII = {"PYTHONIOENCODING": "ascii", "LC_ALL": "C", "LANG": "C"}


@pytest.mark.parametrize(
    "args",
    [
        ["score", str(AMN)],
        ["report", str(AMN), "--datum", "2024-10-01"],
        ["history", "R1", str(AMN)],
        ["rules"],
        ["validate", INVALID],
    ],
    ids=["score", "report", "history", "rules", "validate"],
)
def test_an_ascii_locale_gets_escapes_not_a_traceback(args: list[str]) -> None:
    done = subprocess.run([*IKPLAN, *args], capture_output=True, env=_env(**ASCII), cwd=ROOT)
    _no_traceback(done.stderr.decode("ascii", "replace"))
    assert done.returncode in (0, 1)
    done.stdout.decode("ascii")  # nothing but ASCII reached the terminal
    assert b"\\xe4" in done.stdout or b"\\xe5" in done.stdout or b"\\xf6" in done.stdout  # ä, å or ö escaped


def test_json_under_an_ascii_locale_stays_valid_json() -> None:
    done = subprocess.run([*IKPLAN, "score", str(AMN), "-f", "json"], capture_output=True, env=_env(**ASCII), cwd=ROOT)
    assert done.returncode == 0
    text = done.stdout.decode("ascii")
    data = json.loads(text)
    assert "\\u00e4" in text  # ä as a JSON escape
    assert any("ä" in json.dumps(row, ensure_ascii=False) for row in data)


def test_output_to_dev_stdout_is_standard_out_not_a_broken_link(tmp_path: Path) -> None:
    done = subprocess.run(
        [*IKPLAN, "report", str(AMN), "--datum", "2024-10-01", "-o", "/dev/stdout"],
        capture_output=True,
        text=True,
        env=_env(),
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    assert "Tjänsteskrivelse" in done.stdout
    assert "länk" not in done.stderr
    pdfless = subprocess.run(
        [*IKPLAN, "export", str(AMN), "-o", "/dev/stdout"], capture_output=True, env=_env(), cwd=ROOT
    )
    assert pdfless.returncode == 0, pdfless.stderr
    assert pdfless.stdout[:2] == b"PK"  # the workbook itself (a zip), through the pipe


@pytest.mark.parametrize("args", [["score", str(AMN)], ["validate", str(AMN)], ["status"]])
def test_a_removed_working_folder_is_a_swedish_message(tmp_path: Path, args: list[str]) -> None:
    gone = tmp_path / "borta"
    gone.mkdir()
    script = (
        "import os, sys\n"
        f"os.chdir({str(gone)!r}); os.rmdir({str(gone)!r})\n"
        "sys.argv = ['ikplan', *sys.argv[1:]]\n"
        "from ikplan.__main__ import run\n"
        "run()\n"
    )
    done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, env=_env(), cwd=ROOT)
    assert done.returncode == 1
    assert "arbetsmappen finns inte längre" in done.stderr
    _no_traceback(done.stderr)
