"""Time `ikplan site` for a kommun of 100 nämnder over three years (300 plans), without PDFs: a
full build into an empty folder, then an incremental build after one plan changed.

    python benchmarks/site_bench.py            # 100 nämnder x 3 år
    python benchmarks/site_bench.py --boards 20

The plans are the fixture kommun's (tests/fixtures/kommun) under new names and years. Run
`nproc` and `uptime` beside the figures: the build uses every core.
"""

from __future__ import annotations

import argparse
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "tests" / "fixtures" / "kommun"
SOURCES = [("2025/sn.yaml", "Socialnämnden"), ("2025/tn.yaml", "Tekniska nämnden"), ("2025/ks.yaml", "Kommunstyrelsen")]


def make_kommun(root: Path, boards: int, years: list[int]) -> list[Path]:
    names = [f"Nämnd {i:03d}" for i in range(boards)]
    config = (FIX / "ikplan.yaml").read_text(encoding="utf-8")
    listed = "nämnder:\n" + "".join(f"  - {n}\n" for n in names)
    config = re.sub(r"nämnder:\n(?:  - .*\n)+", listed, config)
    (root / "ikplan.yaml").write_text(config, encoding="utf-8")
    files = []
    for i, name in enumerate(names):
        source, board = SOURCES[i % len(SOURCES)]
        text = (FIX / source).read_text(encoding="utf-8").replace(board, name)
        for year in years:
            shift = year - 2025
            body = re.sub(r"\b(20\d\d)\b", lambda m, shift=shift: str(int(m[1]) + shift), text)
            path = root / str(year) / f"n{i:03d}.yaml"
            path.parent.mkdir(exist_ok=True)
            path.write_text(body, encoding="utf-8")
            files.append(path)
    return files


def timed(cmd: list[str]) -> tuple[float, str]:
    """Wall clock, and the CPU seconds of the build and its workers (what a shared machine cannot
    disturb: on an idle machine the wall clock is about CPU / cores)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True)
    took = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{done.stderr}")
    said = done.stderr.strip().splitlines()[0] if done.stderr.strip() else ""
    return took, f"CPU {cpu:.1f} s; {said}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--boards", type=int, default=100)
    ap.add_argument("--search", action="store_true", help="also build the Pagefind index")
    ap.add_argument("--jobs", type=int, help="worker processes (default: every core)")
    args = ap.parse_args()
    ikplan = str(Path(sys.executable).parent / "ikplan")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "kommun"
        root.mkdir()
        files = make_kommun(root, args.boards, [2023, 2024, 2025])
        out = Path(tmp) / "public"
        cmd = [ikplan, "site", str(root), "-o", str(out), "--datum", "2025-12-31"]
        if not args.search:
            cmd.append("--utan-sok")
        if args.jobs:
            cmd += ["--jobs", str(args.jobs)]
        full, said = timed(cmd)
        print(f"{len(files)} plans, full build: {full:.1f} s ({said})")
        changed = files[len(files) // 2]
        changed.write_text(changed.read_text(encoding="utf-8") + "# ändrad\n", encoding="utf-8")
        incremental, said = timed(cmd)
        print(f"after one changed plan, incremental build: {incremental:.1f} s ({said})")
        nothing, said = timed(cmd)
        print(f"nothing changed: {nothing:.1f} s ({said})")


if __name__ == "__main__":
    main()
