"""The probe table: every command on every case of the hostile corpus, each in its own process.

    .venv/bin/python tools/hostile_probe.py [--jobs 2] [--full] > probe.md

Each (case, command) runs in a fresh process under the same limits as the test (10 s CPU,
500 MB address space), so the time and the peak memory (VmHWM) are that command's own. The
table groups the rows by class and command (exit codes seen, slowest time, largest peak);
--full prints one row per case and command.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.hostile_corpus import COMMANDS, build  # noqa: E402

DRIVER = ROOT / "tests" / "hostile_driver.py"


def probe(work: Path, case: dict[str, object], args: list[str], n: int) -> dict[str, object]:
    spec = work / f"c{n}.json"
    out = work / f"r{n}.json"
    spec.write_text(json.dumps([{**case, "commands": [args]}]), encoding="utf-8")
    proc = subprocess.run([sys.executable, str(DRIVER), str(spec), str(out), "10", "500"], capture_output=True)
    if proc.returncode != 0:
        return {
            "class": case["class"],
            "case": case["case"],
            "command": " ".join(args),
            "exit": "död",
            "wall": 0,
            "peak_mb": 0,
            "escaped": proc.stderr.decode(errors="replace")[-200:],
        }
    [row] = json.loads(out.read_text(encoding="utf-8"))
    return {"class": case["class"], **row}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--full", action="store_true")
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        cases = build(work / "fall")
        jobs = [(c, args) for c in cases for args in COMMANDS]
        with ThreadPoolExecutor(opts.jobs) as pool:
            rows = list(pool.map(lambda item: probe(work, item[1][0], item[1][1], item[0]), enumerate(jobs)))
    if opts.full:
        print("| fall | kommando | kod | tid s | topp MB |\n|---|---|---|---|---|")
        for r in rows:
            print(f"| {r['case']} | {r['command']} | {r['exit']} | {r['wall']} | {r['peak_mb']} |")
        return
    groups: dict[tuple[str, str], list[dict[str, object]]] = {}
    for r in rows:
        groups.setdefault((str(r["class"]), str(r["command"]).split(" -o")[0]), []).append(r)
    print("| klass | kommando | fall | koder | längsta tid s | största topp MB | undantag |")
    print("|---|---|---|---|---|---|---|")
    for (klass, command), rs in groups.items():
        codes = ",".join(sorted({str(r["exit"]) for r in rs}))
        slow = max(float(r["wall"]) for r in rs)  # type: ignore[arg-type]
        peak = max(float(r["peak_mb"]) for r in rs)  # type: ignore[arg-type]
        escaped = sum(1 for r in rs if r.get("escaped"))
        print(f"| {klass} | {command} | {len(rs)} | {codes} | {slow:.2f} | {peak:.0f} | {escaped} |")


if __name__ == "__main__":
    main()
