"""Measure ikplan against its floors, side by side in one run on this machine.

    python benchmarks/bench.py            # 1,000 plans
    python benchmarks/bench.py --plans 200 --repeat 3
    python benchmarks/bench.py --sizes 200,2000,20000 --repeat 1
    python benchmarks/bench.py --diff-repo 300:5
    python benchmarks/bench.py --startup
    python benchmarks/bench.py --textconv 40
    python benchmarks/bench.py --peers [--plans 1000] [--summary-plans 300]   # pip install '.[bench]'

Figures printed (best of --repeat runs, wall clock):
  * `ikplan --help` / `--version` against `python -c "import typer"` (the floor of a typer CLI), and
    `ikplan validate ONE_PLAN` (what pre-commit pays per commit) against it and against typer with
    the pydantic it imports to parse any parameter;
  * `ikplan validate` of N plans against a bare yaml.CSafeLoader load of the same files in one
    process (the floor of a PyYAML tool), with --jobs 1 and with the default (every core available);
  * `check-jsonschema` with ikplan's exported schema against `ikplan validate`, both on the same
    --cj-plans files (check-jsonschema takes about a third of a second per plan);
  * `ikplan report` (md and docx) and `ikplan diff` on a 200-risk plan;
  * peak memory (max RSS) of validating N plans, and of N/4, to show it does not grow with N.

--sizes A,B,C times every command on one plan of each size (in risks) and prints the growth
ratios between neighbouring sizes. A plan of 20,000 risks is about 47 MB, above the loader's
10 MB limit for a plan, so in this mode ikplan runs with that limit lifted (nothing else changes).

--diff-repo N:K builds a git repository of N plans, commits, changes K of them and times
`ikplan diff HEAD plans` against `git diff HEAD` and against `ikplan validate` of the K files.

--textconv N times what git's textconv pays per revision, `ikplan show --flat ONE_PLAN`, against
`python -c "import yaml"` (interleaved, min and median), then `git log -p` over N commits of one plan
with the ikplan driver (no cache) against `--no-textconv`.

--peers prints the ratios the pre-commit hook and the pool are held to, from paired runs (the commands
in turn, medians of wall and of CPU time): `ikplan validate ONE_PLAN` against yamllint `-d relaxed`
and check-jsonschema with ikplan's schema on the same file; validate of --plans plans against the
one-core CSafeLoader floor; `summary` of --summary-plans plans against `validate` of the same files,
after checking that IKPLAN_JOBS=1 prints the same bytes.

Run `uptime` beside the figures: the ratios are only comparable within one run. The 2,000- and 20,000-risk plans are above both the 10 MB
and the 50,000-value limits of the loader; in this mode both are lifted.
"""

from __future__ import annotations

import argparse
import itertools
import os
import shutil
import subprocess
import sys
import tempfile
import time
from typing import Any

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


# ikplan with the loader's per-file limits lifted (10 MB, 50,000 values), for the large plans of --sizes only
UNBOUNDED = [
    PY,
    "-c",
    "import sys; import ikplan.checking.loading as L; L.MAX_BYTES = 1 << 31; L.MAX_NODES = 1 << 31; "
    "from ikplan.__main__ import run; sys.argv[0] = 'ikplan'; run()",
]


def _fmt(t: float) -> str:
    return f"{t:7.2f} s" if t >= 0 else "    –    "


def sizes_mode(sizes: list[int], repeat: int) -> None:
    """Every command on one plan of each size; growth ratios between neighbouring sizes."""
    tmp = tempfile.mkdtemp(prefix="ikplan-sizes-")
    try:
        files: dict[int, tuple[str, str]] = {}
        for n in sizes:
            text = make_plan(n, seed=7)
            a, b = os.path.join(tmp, f"plan-{n}.yaml"), os.path.join(tmp, f"plan-{n}-changed.yaml")
            with open(a, "w", encoding="utf-8") as fh:
                fh.write(text)
            # a handful of changes: one assessment, one wording
            changed = text.replace("namn: Område 1", "namn: Område ett", 1)
            changed = changed.replace(
                "    sannolikhet: 1\n    konsekvens: 1\n    riskvärde: 1\n",
                "    sannolikhet: 2\n    konsekvens: 1\n    riskvärde: 2\n",
                1,
            )
            with open(b, "w", encoding="utf-8") as fh:
                fh.write(changed)
            files[n] = (a, b)
            check = subprocess.run([*UNBOUNDED, "validate", "-q", a], capture_output=True, text=True)
            if check.returncode != 0:  # a time is only a figure when the command did its work
                raise SystemExit(f"validate of the {n}-risk plan failed:\n{check.stdout}{check.stderr}")
            print(f"{n:>6} risks: {os.path.getsize(a) / 1e6:6.1f} MB")
        print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f} (1, 5, 15 min)")
        commands: list[tuple[str, Any]] = [
            ("validate", lambda a, b, out: ["validate", "-q", a]),
            ("score (terminal)", lambda a, b, out: ["score", a]),
            ("score -f md", lambda a, b, out: ["score", a, "-f", "md"]),
            ("score -f json", lambda a, b, out: ["score", a, "-f", "json"]),
            ("status (terminal)", lambda a, b, out: ["status", a, "--as-of", "2025-10-01"]),
            ("status -f md", lambda a, b, out: ["status", a, "-f", "md", "--as-of", "2025-10-01"]),
            ("status -f json", lambda a, b, out: ["status", a, "-f", "json", "--as-of", "2025-10-01"]),
            ("report md", lambda a, b, out: ["report", a, "--date", "2025-10-01", "-o", out + ".md", "--force"]),
            ("report docx", lambda a, b, out: ["report", a, "-f", "docx", "-o", out + ".docx", "--force"]),
            ("report --period plan", lambda a, b, out: ["report", a, "-p", "plan", "-o", out + "p.md", "--force"]),
            ("export xlsx", lambda a, b, out: ["export", a, "-o", out + ".xlsx", "--force"]),
            ("import xlsx", lambda a, b, out: ["import", out + ".xlsx", "-o", out + "-imp.yaml", "--force"]),
            ("diff A B", lambda a, b, out: ["diff", a, b]),
            ("diff A B -f md", lambda a, b, out: ["diff", a, b, "-f", "md"]),
            ("show --flat", lambda a, b, out: ["show", "--flat", a]),
            ("rollover", lambda a, b, out: ["rollover", a, "--år", "2026", "-o", out + "-next.yaml", "--force"]),
        ]
        times: dict[tuple[str, int], float] = {}
        for label, make in commands:
            for n in sizes:
                a, b = files[n]
                out = os.path.join(tmp, f"out-{n}")  # import reads what export wrote for the same size
                times[(label, n)] = best([*UNBOUNDED, *make(a, b, out)], repeat)
            row = " ".join(_fmt(times[(label, n)]) for n in sizes)
            ratios = "  ".join(f"{times[(label, m)] / times[(label, n)]:6.1f}x" for n, m in itertools.pairwise(sizes))
            print(f"{label:<22} {row}   {ratios}", flush=True)
        print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f} (1, 5, 15 min)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def startup_mode(repeat: int) -> None:
    """What pre-commit pays per commit: `ikplan validate ONE_PLAN` against `import typer`, interleaved."""
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    plan = os.path.join(here, "plans", "uppsala", "amn-2024.yaml")
    full_cli = "import sys; from ikplan.cli import run; sys.argv[0] = 'ikplan'; run()"
    cmds = {
        "import typer": [PY, "-c", "import typer"],
        "import typer, pydantic": [PY, "-c", "import typer, typer._adapters"],
        "import the models": [
            PY,
            "-c",
            "import ikplan.startup as s; s.quiet_pydantic_plugins(); import ikplan.plan.config",
        ],
        "validate ONE_PLAN": [PY, "-m", "ikplan", "validate", "-q", plan],
        "  through typer": [PY, "-c", full_cli, "validate", "-q", plan],
        "ikplan --version": [PY, "-m", "ikplan", "--version"],
    }
    times: dict[str, list[float]] = {k: [] for k in cmds}
    for _ in range(repeat):
        for k, cmd in cmds.items():
            start = time.perf_counter()
            subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            times[k].append(time.perf_counter() - start)
    floor = min(times["import typer"])
    for k, ts in times.items():
        ts.sort()
        print(f"{k:<22} {ts[0] * 1000:7.0f} ms   median {ts[len(ts) // 2] * 1000:4.0f} ms   {ts[0] / floor:.2f}x")


def textconv_mode(revisions: int, repeat: int) -> None:
    """git's textconv: `ikplan show --flat ONE_PLAN` against `import yaml` (interleaved), then `git log -p`
    over `revisions` commits of one plan with the ikplan driver against without it."""
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    plan = os.path.join(here, "plans", "uppsala", "amn-2024.yaml")
    full_cli = "import sys; from ikplan.cli import run; sys.argv[0] = 'ikplan'; run()"
    cmds = {
        "import yaml": [PY, "-c", "import yaml"],
        "python -m ikplan show": [PY, "-m", "ikplan", "show", "--flat", plan],
        "ikplan show --flat": [os.path.join(BIN, "ikplan"), "show", "--flat", plan],
        "  through typer": [PY, "-c", full_cli, "show", "--flat", plan],
    }
    times: dict[str, list[float]] = {k: [] for k in cmds}
    for _ in range(repeat):
        for k, cmd in cmds.items():
            start = time.perf_counter()
            subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            times[k].append(time.perf_counter() - start)
    for ts in times.values():
        ts.sort()
    floor = times["import yaml"]
    for k, ts in times.items():
        low, mid = ts[0], ts[len(ts) // 2]
        ratios = f"{low / floor[0]:.2f}x, median {mid * 1000:4.0f} ms {mid / floor[len(floor) // 2]:.2f}x"
        print(f"{k:<22} {low * 1000:5.0f} ms {ratios}")
    tmp = tempfile.mkdtemp(prefix="ikplan-textconv-")
    try:
        shutil.copy(os.path.join(os.path.dirname(plan), "ikplan.yaml"), tmp)
        with open(plan, encoding="utf-8") as fh:
            text = fh.read()
        _git(tmp, "init", "-q")
        with open(os.path.join(tmp, ".gitattributes"), "w", encoding="utf-8") as fh:
            fh.write("*.yaml diff=ikplan\n")
        _git(tmp, "config", "diff.ikplan.textconv", f"{PY} -m ikplan show --flat")
        for i in range(revisions):
            with open(os.path.join(tmp, "plan.yaml"), "w", encoding="utf-8") as fh:
                fh.write(text.replace("handläggare: Ingrid Edberg", f"handläggare: Handläggare {i}", 1))
            _git(tmp, "add", "-A")
            _git(tmp, "-c", "user.name=b", "-c", "user.email=b@example.invalid", "commit", "-q", "-m", f"r{i}")

        def timed(*args: str) -> float:
            start = time.perf_counter()
            subprocess.run(["git", *args], cwd=tmp, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
            return time.perf_counter() - start

        raw = min(timed("log", "-p", "--no-textconv", "--", "plan.yaml") for _ in range(repeat))
        flat = min(timed("log", "-p", "--", "plan.yaml") for _ in range(max(1, repeat // 10)))
        print(f"git log -p, {revisions} revisions of one plan: {flat:.2f} s with ikplan's textconv, {raw:.2f} s raw")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def paired(cmds: dict[str, list[str]], repeat: int, cwd: str | None = None) -> dict[str, tuple[float, float]]:
    """Run the commands in turn, `repeat` rounds (A B C A B C …, so that a drift of the machine's speed
    falls on all of them), after one warm-up round. Median (wall, cpu) of each; cpu is user + system of
    the process and the children it waited for, which another engineer's load on the machine moves far
    less than the wall clock."""
    import resource

    def once(cmd: list[str]) -> tuple[float, float]:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)

    for cmd in cmds.values():
        once(cmd)
    runs: dict[str, list[tuple[float, float]]] = {k: [] for k in cmds}
    for _ in range(repeat):
        for k, cmd in cmds.items():
            runs[k].append(once(cmd))
    out = {}
    for k, rs in runs.items():
        walls, cpus = sorted(r[0] for r in rs), sorted(r[1] for r in rs)
        out[k] = (walls[len(walls) // 2], cpus[len(cpus) // 2])
    return out


def _ratio_line(label: str, a: tuple[float, float], b: tuple[float, float], goal: str) -> str:
    return f"{label:<48} {a[0] / b[0]:5.2f}x wall  {a[1] / b[1]:5.2f}x cpu   (goal {goal})"


def peers_mode(n_plans: int, n_summary: int, repeat: int) -> None:
    """The issue's four ratios in one invocation: one plan against yamllint and check-jsonschema (the
    `bench` extra), N plans against the one-core CSafeLoader floor, and `summary` of M plans against
    `validate` of the same files, with summary's output compared byte for byte with IKPLAN_JOBS=1."""
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    plan = os.path.join(here, "plans", "uppsala", "amn-2024.yaml")
    exe = os.path.join(BIN, "ikplan")
    tmp = tempfile.mkdtemp(prefix="ikplan-peers-")
    os.environ["IKPLAN_CACHE_DIR"] = os.path.join(tmp, "cache")  # a cache of this run's own, not the user's
    try:
        print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f} (1, 5, 15 min)")
        # The warm-up round writes the prebuilt validators (ikplan/plan/prebuilt.py) on its first call, as
        # pre-commit's first commit does; "no cache" is every run as if it were the first.
        one: dict[str, list[str]] = {
            "ikplan validate ONE": [exe, "validate", plan],
            "  same, no cache": ["env", "IKPLAN_PREBUILT=0", exe, "validate", plan],
        }
        yamllint = shutil.which("yamllint", path=BIN + os.pathsep + os.environ.get("PATH", ""))
        cj = shutil.which("check-jsonschema", path=BIN + os.pathsep + os.environ.get("PATH", ""))
        if yamllint:
            one["yamllint -d relaxed"] = [yamllint, "-d", "relaxed", plan]
        if cj:
            schema = os.path.join(tmp, "schema.json")
            with open(schema, "w", encoding="utf-8") as fh:
                fh.write(subprocess.run([exe, "schema"], capture_output=True, text=True, check=True).stdout)
            one["check-jsonschema"] = [cj, "--schemafile", schema, plan]
        t = paired(one, repeat * 10)
        for k, (wall, cpu) in t.items():
            print(f"{k:<28} {wall * 1000:6.0f} ms wall {cpu * 1000:6.0f} ms cpu")
        if yamllint:
            print(
                _ratio_line(
                    "validate ONE / yamllint -d relaxed", t["ikplan validate ONE"], t["yamllint -d relaxed"], "≤ 0.9"
                )
            )
            print(_ratio_line("  same, no cache / yamllint", t["  same, no cache"], t["yamllint -d relaxed"], "-"))
        else:
            print("yamllint: not installed (pip install '.[bench]')")
        if cj:
            print(
                _ratio_line("validate ONE / check-jsonschema", t["ikplan validate ONE"], t["check-jsonschema"], "< 1")
            )
        else:
            print("check-jsonschema: not installed (pip install '.[bench]')")

        many = os.path.join(tmp, "many")
        os.mkdir(many)
        sizes = [10, 25, 50, 100, 200]
        for i in range(n_plans):
            with open(os.path.join(many, f"plan-{i:04d}.yaml"), "w", encoding="utf-8") as fh:
                fh.write(make_plan(sizes[i % len(sizes)], seed=i))
        load = (
            "import glob, sys, yaml\n"
            "for p in sorted(glob.glob(sys.argv[1] + '/*.yaml')):\n"
            "    with open(p, 'rb') as fh: yaml.load(fh.read(), Loader=yaml.CSafeLoader)\n"
        )
        t = paired({"floor": [PY, "-c", load, many], "validate": [exe, "validate", "-q", many]}, repeat)
        print(f"{n_plans} plans: CSafeLoader {t['floor'][0]:.2f} s wall {t['floor'][1]:.2f} s cpu; "
              f"validate {t['validate'][0]:.2f} s wall {t['validate'][1]:.2f} s cpu")  # fmt: skip
        print(_ratio_line(f"validate {n_plans} plans / one-core CSafeLoader", t["validate"], t["floor"], "≤ 0.7 wall"))

        board = os.path.join(tmp, "kommun")
        os.mkdir(board)
        boards = max(1, n_summary // 3)
        with open(os.path.join(board, "ikplan.yaml"), "w", encoding="utf-8") as fh:
            fh.write(
                "schemaversion: 1\nkommun: Storkommun\nnämnder:\n" + "".join(f"  - Nämnd {i}\n" for i in range(boards))
            )
        import re

        for y in range(3):
            os.mkdir(os.path.join(board, str(2023 + y)))
            for i in range(boards):
                text = make_plan(20, seed=i * 31 + y)
                text = re.sub(r"(?m)^nämnd: .*$", f"nämnd: Nämnd {i}", text)
                text = re.sub(r"(?m)^år: .*$", f"år: {2023 + y}", text)
                with open(os.path.join(board, str(2023 + y), f"n{i}.yaml"), "w", encoding="utf-8") as fh:
                    fh.write(text)
        summary = [exe, "summary", board, "-f", "json", "--datum", "2026-01-20"]
        outputs = {}
        for jobs in ("1", ""):
            env = {**os.environ, "IKPLAN_JOBS": jobs}
            outputs[jobs] = subprocess.run(summary, capture_output=True, env=env, check=False).stdout
        same = "the same bytes" if outputs["1"] == outputs[""] and outputs["1"] else "DIFFERENT output"
        t = paired({"summary": summary, "validate": [exe, "validate", "-q", board]}, repeat)
        print(f"summary of {boards * 3} plans: {t['summary'][0]:.2f} s wall {t['summary'][1]:.2f} s cpu; validate "
              f"{t['validate'][0]:.2f} s wall {t['validate'][1]:.2f} s cpu; IKPLAN_JOBS=1 prints {same}")  # fmt: skip
        print(_ratio_line(f"summary / validate, {boards * 3} plans", t["summary"], t["validate"], "≤ 1.0"))
        print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f} (1, 5, 15 min)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _git(repo: str, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def diff_repo_mode(n_plans: int, n_changed: int, repeat: int) -> None:
    """`ikplan diff HEAD plans` in a repository of n_plans plans with n_changed changed."""
    tmp = tempfile.mkdtemp(prefix="ikplan-diffrepo-")
    try:
        plans = os.path.join(tmp, "plans")
        os.mkdir(plans)
        sizes = [10, 25, 50, 100, 200]
        names = []
        for i in range(n_plans):
            name = os.path.join("plans", f"plan-{i:04d}.yaml")
            with open(os.path.join(tmp, name), "w", encoding="utf-8") as fh:
                fh.write(make_plan(sizes[i % len(sizes)], seed=i))
            names.append(name)
        _git(tmp, "init", "-q")
        _git(tmp, "add", "-A")
        _git(tmp, "-c", "user.name=b", "-c", "user.email=b@example.invalid", "commit", "-q", "-m", "plans")
        step = max(1, n_plans // max(1, n_changed))
        changed = names[::step][:n_changed]
        for name in changed:
            path = os.path.join(tmp, name)
            with open(path, encoding="utf-8") as fh:
                text = fh.read()
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(
                    text.replace("namn: Område 1", "namn: Område ett", 1).replace(
                        "    ansvarig: Enhetschef", "    ansvarig: Controller", 1
                    )
                )
        print(f"{n_plans} plans, {n_changed} changed, in {tmp}")
        print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f} (1, 5, 15 min)")
        ikplan = [PY, "-m", "ikplan"]

        def timed(cmd: list[str]) -> float:
            times = []
            for _ in range(repeat):
                start = time.perf_counter()
                subprocess.run(cmd, cwd=tmp, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
                times.append(time.perf_counter() - start)
            return min(times)

        git = timed(["git", "diff", "HEAD", "--", "plans"])
        diff = timed([*ikplan, "diff", "HEAD", "plans", "-f", "md"])
        val = timed([*ikplan, "validate", "-q", *changed])
        print(f"git diff HEAD plans          {git:7.3f} s")
        print(f"ikplan validate (changed)    {val:7.3f} s")
        print(f"ikplan diff HEAD plans -f md {diff:7.3f} s   {diff / git:.0f}x git diff, {diff / val:.2f}x validate")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--plans", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--cj-plans", type=int, default=100, help="plans for the check-jsonschema comparison")
    ap.add_argument("--sizes", help="e.g. 200,2000,20000: every command on one plan of each size (risks)")
    ap.add_argument("--diff-repo", help="N:K, e.g. 300:5: diff REV in a repository of N plans with K changed")
    ap.add_argument("--startup", action="store_true", help="only `ikplan validate ONE_PLAN` against `import typer`")
    ap.add_argument("--textconv", type=int, metavar="N", help="`show --flat` against `import yaml`, git log -p of N")
    ap.add_argument("--peers", action="store_true", help="the ratios against yamllint, check-jsonschema and the floor")
    ap.add_argument("--summary-plans", type=int, default=300, help="plans for --peers' summary against validate")
    args = ap.parse_args()
    # Time ikplan as an installed wheel runs: its modules byte-compiled. Under PYTHONDONTWRITEBYTECODE an
    # editable checkout would recompile them from source in every timed process.
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    subprocess.run([PY, "-m", "compileall", "-q", os.path.join(here, "ikplan")], check=True)
    if args.sizes:
        sizes_mode([int(x) for x in args.sizes.split(",")], args.repeat)
        return
    if args.startup:
        startup_mode(args.repeat * 10)
        return
    if args.peers:
        peers_mode(args.plans, args.summary_plans, args.repeat)
        return
    if args.textconv:
        textconv_mode(args.textconv, args.repeat * 10)
        return
    if args.diff_repo:
        n, k = (int(x) for x in args.diff_repo.split(":"))
        diff_repo_mode(n, k, args.repeat)
        return
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
        startup_mode(args.repeat * 10)

        load = (
            "import glob, sys, yaml\n"
            "for p in sorted(glob.glob(sys.argv[1] + '/*.yaml')):\n"
            "    with open(p, 'rb') as fh: yaml.load(fh.read(), Loader=yaml.CSafeLoader)\n"
        )
        floor = best([PY, "-c", load, tmp], args.repeat)
        single = best([*ikplan, "validate", "-q", "--jobs", "1", tmp], args.repeat)
        validate = best([*ikplan, "validate", "-q", tmp], args.repeat)
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
        print(f"CSafeLoader load      {floor:7.2f} s   (one process)")
        print(f"validate --jobs 1     {single:7.2f} s   {single / floor:.2f}x")
        print(
            f"validate (--jobs {cores})   {validate:7.2f} s   {validate / floor:.2f}x the floor, {validate / single:.2f}x --jobs 1"
        )

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
