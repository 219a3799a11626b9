"""Time `ikplan summary` on a large kommun: N nämnder over Y years (default 100 × 3 = 300 plans).

    python benchmarks/summary_bench.py [--boards 100] [--years 3] [--risks 20]

Each plan is a synthetic plan (benchmarks/synth.py) with its own nämnd and year, all under one
ikplan.yaml, as a kommun keeps them. Prints the wall time of the whole command (start-up included)
beside `ikplan validate` of the same files.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import make_plan


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--boards", type=int, default=100)
    ap.add_argument("--years", type=int, default=3)
    ap.add_argument("--risks", type=int, default=20)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        names = [f"Nämnd {i}" for i in range(args.boards)]
        (root / "ikplan.yaml").write_text(
            "schemaversion: 1\nkommun: Storkommun\nnämnder:\n" + "".join(f"  - {n}\n" for n in names),
            encoding="utf-8",
        )
        for y in range(args.years):
            year = 2023 + y
            folder = root / str(year)
            folder.mkdir()
            for i, name in enumerate(names):
                text = make_plan(args.risks, seed=i * 31 + y)
                text = re.sub(r"(?m)^nämnd: .*$", f"nämnd: {name}", text)
                text = re.sub(r"(?m)^år: .*$", f"år: {year}", text)
                (folder / f"n{i}.yaml").write_text(text, encoding="utf-8")
        exe = str(Path(sys.executable).parent / "ikplan")
        for label, cmd in (
            ("summary -f json", [exe, "summary", str(root), "-f", "json", "--date", "2026-01-20"]),
            ("summary -f md", [exe, "summary", str(root), "-f", "md", "--date", "2026-01-20"]),
            ("validate -j 1", [exe, "validate", "-q", "-j", "1", str(root)]),
        ):
            start = time.perf_counter()
            done = subprocess.run(cmd, capture_output=True, text=True, check=False)
            took = time.perf_counter() - start
            print(f"{label:16} {args.boards * args.years} plans: {took:.2f} s (exit {done.returncode})")
            if done.returncode not in (0, 1):
                print(done.stderr[-2000:])


if __name__ == "__main__":
    main()
