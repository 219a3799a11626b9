"""Measure ikplan against its floors, side by side in one run on this machine.

    python benchmarks/bench.py            # 1,000 plans
    python benchmarks/bench.py --plans 200 --repeat 3

Figures printed (best of --repeat runs, wall clock):
  * `ikplan --help` / `--version` against `python -c "import typer"` (the floor of a typer CLI);
  * `ikplan validate` of N plans against a bare yaml.CSafeLoader load of the same files in one
    process (the floor of a PyYAML tool);
  * `check-jsonschema` with ikplan's exported schema against `ikplan validate`, both on the same
    --cj-plans files (check-jsonschema takes about a third of a second per plan);
  * `ikplan report` (md and docx) and `ikplan diff` on a 200-risk plan;
  * peak memory (max RSS) of validating N plans, and of N/4, to show it does not grow with N.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from synth import make_plan

PY = sys.executable
BIN = os.path.dirname(PY)


def best(cmd: list[str], repeat: int, env: dict[str, str] | None = None) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
        times.append(time.perf_counter() - start)
    return min(times)


def max_rss_kb(cmd: list[str]) -> int:
    code = (
        "import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, "
        "stderr=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run([PY, "-c", code, *cmd], capture_output=True, text=True, check=True)
    return int(out.stdout.strip())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--plans", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--cj-plans", type=int, default=100, help="plans for the check-jsonschema comparison")
    args = ap.parse_args()
    ikplan = [PY, "-m", "ikplan"]
    tmp = tempfile.mkdtemp(prefix="ikplan-bench-")
    try:
        sizes = [10, 25, 50, 100, 200]
        total = 0
        for i in range(args.plans):
            text = make_plan(sizes[i % len(sizes)], seed=i)
            total += len(text.encode())
            with open(os.path.join(tmp, f"plan-{i:04d}.yaml"), "w", encoding="utf-8") as fh:
                fh.write(text)
        print(f"{args.plans} plans, {total / 1e6:.1f} MB, sizes {sizes} risks, in {tmp}")

        typer_floor = best([PY, "-c", "import typer"], args.repeat * 3)
        helptime = best([*ikplan, "--help"], args.repeat * 3)
        version = best([*ikplan, "--version"], args.repeat * 3)
        print(f"import typer          {typer_floor * 1000:7.0f} ms")
        print(f"ikplan --help         {helptime * 1000:7.0f} ms   {helptime / typer_floor:.2f}x")
        print(f"ikplan --version      {version * 1000:7.0f} ms   {version / typer_floor:.2f}x")

        load = (
            "import glob, sys, yaml\n"
            "for p in sorted(glob.glob(sys.argv[1] + '/*.yaml')):\n"
            "    with open(p, 'rb') as fh: yaml.load(fh.read(), Loader=yaml.CSafeLoader)\n"
        )
        floor = best([PY, "-c", load, tmp], args.repeat)
        validate = best([*ikplan, "validate", "-q", tmp], args.repeat)
        print(f"CSafeLoader load      {floor:7.2f} s")
        print(f"ikplan validate       {validate:7.2f} s   {validate / floor:.2f}x")

        subset = os.path.join(tmp, "subset")
        os.mkdir(subset)
        for f in sorted(os.listdir(tmp))[: args.cj_plans]:
            if f.startswith("plan-"):
                shutil.copy(os.path.join(tmp, f), subset)
        cj = shutil.which("check-jsonschema", path=BIN + os.pathsep + os.environ.get("PATH", ""))
        if cj:
            schema = os.path.join(tmp, "schema.json")
            with open(schema, "w", encoding="utf-8") as fh:
                fh.write(subprocess.run([*ikplan, "schema"], capture_output=True, text=True, check=True).stdout)
            files = sorted(os.path.join(subset, f) for f in os.listdir(subset))
            cjt = best([cj, "--schemafile", schema, *files], 1)
            ikt = best([*ikplan, "validate", "-q", subset], args.repeat)
            print(f"check-jsonschema      {cjt:7.2f} s   on {len(files)} plans")
            print(f"ikplan validate       {ikt:7.2f} s   on the same plans: {cjt / ikt:.1f}x faster")
        else:
            print("check-jsonschema      not installed (pip install check-jsonschema)")

        big = os.path.join(tmp, "big.yaml")
        with open(big, "w", encoding="utf-8") as fh:
            fh.write(make_plan(200, seed=99))
        changed = os.path.join(tmp, "big-changed.yaml")
        with open(changed, "w", encoding="utf-8") as fh:
            fh.write(make_plan(200, seed=99).replace("riskvärde: 3\n", "riskvärde: 3\n    titel: ändrad\n"))
        out = os.path.join(tmp, "out")
        for label, cmd in (
            ("report md  (200 risk)", [*ikplan, "report", big, "-o", out + ".md", "--force"]),
            ("report docx(200 risk)", [*ikplan, "report", big, "-f", "docx", "-o", out + ".docx", "--force"]),
            ("diff       (200 risk)", [*ikplan, "diff", big, changed, "-f", "md"]),
            ("status     (200 risk)", [*ikplan, "status", big, "-f", "json"]),
        ):
            print(f"{label}  {best(cmd, args.repeat):7.2f} s")

        quarter = os.path.join(tmp, "quarter")
        os.mkdir(quarter)
        for f in sorted(os.listdir(tmp))[: args.plans // 4]:
            if f.startswith("plan-"):
                shutil.copy(os.path.join(tmp, f), quarter)
        rss_all = max_rss_kb([*ikplan, "validate", "-q", tmp])
        rss_quarter = max_rss_kb([*ikplan, "validate", "-q", quarter])
        print(
            f"peak RSS validate     {rss_all / 1024:7.0f} MB for {args.plans} plans, "
            f"{rss_quarter / 1024:.0f} MB for {args.plans // 4}"
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
