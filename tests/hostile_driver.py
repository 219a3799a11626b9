"""Run ikplan's CLI in-process over many hostile cases, under resource limits set once.

Usage: python tests/hostile_driver.py CASES_JSON RESULTS_JSON [CPU_SECONDS] [MEGABYTES]

CASES_JSON holds a list of {"case", "dir", "commands": [[arg, ...], ...]}. Each command runs in
its case folder as `ikplan ARGS` would (click's standalone mode, so usage errors exit 2), with
stdout and stderr captured. RESULTS_JSON gets one row per command: case, command, exit code,
CPU seconds, wall seconds, peak memory so far (MB), whether an exception escaped (the
traceback) and any control character that reached the output. Used by
tests/test_hostile_corpus.py (several cases per process, for CI time) and by
tools/hostile_probe.py (one command per process, for the probe table).
"""

from __future__ import annotations

import io
import json
import os
import resource
import signal
import sys
import time
import traceback
from typing import Any

BAD = {chr(c) for c in range(0x20) if c not in (0x09, 0x0A)} | {chr(0x7F)} | {chr(c) for c in range(0x80, 0xA0)}
BAD |= {"\u202e", "\u2066", "\u2028", "\u2029"}


class CommandTimeout(BaseException):
    """One command used more CPU than a command may."""


def _limits(cpu: int, megabytes: int) -> None:
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
    resource.setrlimit(resource.RLIMIT_AS, (megabytes * 1024 * 1024, megabytes * 1024 * 1024))


def _peak_mb() -> float:
    """This process's peak resident memory so far (VmHWM starts afresh at exec; ru_maxrss may not)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def run_one(command: Any, args: list[str]) -> dict[str, Any]:
    out, err = io.StringIO(), io.StringIO()
    old = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    escaped = None
    code: Any = 0

    def expired(signum: int, frame: Any) -> None:
        raise CommandTimeout

    signal.signal(signal.SIGVTALRM, expired)
    signal.setitimer(signal.ITIMER_VIRTUAL, 10.0)
    cpu0, wall0 = time.process_time(), time.monotonic()
    try:
        command.main(args=args, prog_name="ikplan", standalone_mode=True)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except CommandTimeout:
        escaped = "tidsgräns: mer än 10 s CPU"
    except BaseException:
        escaped = traceback.format_exc()
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        sys.stdout, sys.stderr = old
    text = out.getvalue() + err.getvalue()
    return {
        "exit": code,
        "cpu": round(time.process_time() - cpu0, 3),
        "wall": round(time.monotonic() - wall0, 3),
        "peak_mb": _peak_mb(),
        "escaped": escaped,
        "controls": sorted({f"U+{ord(c):04X}" for c in set(text) & BAD}),
        "traceback_text": "Traceback (most recent call last)" in text,
        "stderr": err.getvalue()[-300:],
        "stdout": out.getvalue()[:300],
        "leaked": "root:x:0:0" in text,  # /etc/passwd reached the output
    }


def main() -> None:
    cases_file, results_file = sys.argv[1], sys.argv[2]
    cpu = int(sys.argv[3]) if len(sys.argv) > 3 else 60
    megabytes = int(sys.argv[4]) if len(sys.argv) > 4 else 500
    with open(cases_file, encoding="utf-8") as fh:
        cases = json.load(fh)
    os.environ.update({"GITHUB_ACTIONS": "", "NO_COLOR": "1", "COLUMNS": "100", "TERM": "dumb"})
    import typer

    from ikplan.cli import app

    command = typer.main.get_command(app)
    _limits(cpu, megabytes)
    rows = []
    start = os.getcwd()
    for case in cases:
        for args in case["commands"]:
            os.chdir(case["dir"])
            row = run_one(command, list(args))
            os.chdir(start)
            rows.append({"case": case["case"], "command": " ".join(args), **row})
    with open(results_file, "w", encoding="utf-8") as fh:
        json.dump(rows, fh, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
