"""Hostile input, round three: no false green, and the kommun's rules cannot be bypassed.

Configuration cases run in real git repositories (git init in tmp_path); write cases in real
processes that receive real signals.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, working_dir

KOMMUN = """\
schemaversion: 1
kommun: Testkommun
nämnder: [Socialnämnden, Tekniska nämnden]
riskmatris:
  kritisk_från: 8
"""

PLAN = """\
schemaversion: 1
kommun: Testkommun
nämnd: Socialnämnden
år: 2025
risker:
  - id: R1
    beskrivning: Felaktiga utbetalningar
    riskvärde: 12
    hantering: [accepteras]
{extra}"""


def repo(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    """A git repository with the kommun's ikplan.yaml at its root and `files`."""
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "ikplan.yaml").write_text(KOMMUN, encoding="utf-8")
    for rel, content in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return tmp_path


def findings(run, *args: str) -> tuple[int, list[dict[str, object]]]:  # type: ignore[no-untyped-def]
    result = run("validate", "-f", "json", *args)
    return result.exit_code, json.loads(result.stdout)


def codes(found: list[dict[str, object]]) -> list[str]:
    return sorted(str(f["code"]) for f in found)


# --- 1. the kommun's configuration rules ------------------------------------------------------------


def test_a_nested_config_cannot_switch_off_errors(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    root = repo(
        tmp_path,
        {
            "plans/sn/ikplan.yaml": "ignorera_regler: [IK103, IK104, IK112, IK113]\n",
            "plans/sn/sn-2025.yaml": PLAN.format(extra=""),
        },
    )
    with working_dir(root):
        code, found = findings(run, "plans")
    assert code == 1
    forbidden = [f for f in found if f["code"] == "IK018"]
    assert [(f["file"], f["line"], f["column"]) for f in forbidden] == [
        ("plans/sn/ikplan.yaml", 1, 19),
        ("plans/sn/ikplan.yaml", 1, 26),
        ("plans/sn/ikplan.yaml", 1, 33),
    ]
    assert "IK103 kan bara stängas av i kommunens ikplan.yaml" in str(forbidden[0]["message"])
    # IK113 is a warning: a nested config may switch it off, as a plan may; no IK018 for it
    assert not any("IK113" in str(f["message"]) for f in forbidden)
    # the plan is not checked against a config that broke the kommun's rules
    assert [f["code"] for f in found if f["file"] == "plans/sn/sn-2025.yaml"] == ["IK054"]


@pytest.mark.parametrize("name", ["ikplan.yaml", "ikplan.yml"])
def test_an_empty_nested_config_does_not_replace_the_kommuns(tmp_path: Path, run, name: str) -> None:  # type: ignore[no-untyped-def]
    root = repo(tmp_path, {f"plans/sn/{name}": "{}\n", "plans/sn/sn-2025.yaml": PLAN.format(extra="")})
    with working_dir(root):
        code, found = findings(run, "plans")
    assert code == 1
    # kritisk_från 8 still holds (the default 9 would too; 12 is critical either way) and IK104 too
    assert codes(found) == ["IK103", "IK104", "IK121"]
    [note] = [f for f in found if f["code"] == "IK121"]
    assert note["severity"] == "warning" and note["message"] == (
        f"planen styrs av plans/sn/{name} ovanpå kommunens ikplan.yaml"
    )


def test_a_nested_config_may_not_raise_the_threshold(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    plan = PLAN.format(extra="    motivering: Kostar mer än den sparar\n")
    root = repo(tmp_path, {"plans/sn/ikplan.yaml": "riskmatris:\n  kritisk_från: 16\n", "plans/sn/sn-2025.yaml": plan})
    with working_dir(root):
        code, found = findings(run, "plans")
        assert code == 1
        [raised] = [f for f in found if f["code"] == "IK018"]
        assert (raised["file"], raised["line"], raised["column"]) == ("plans/sn/ikplan.yaml", 2, 3)
        assert "kritisk_från 16 är mindre strängt än kommunens kritisk_från 8" in str(raised["message"])
        # lowering it is what a nämnd may do: then 12 is critical and accepted → IK103
        Path("plans/sn/ikplan.yaml").write_text("riskmatris:\n  kritisk_från: 6\n", encoding="utf-8")
        code, found = findings(run, "plans")
    assert code == 1 and codes(found) == ["IK103", "IK121"]


def test_a_nested_config_may_not_change_what_the_kommun_decides(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    nested = "nämnder: [Annan]\nperioder:\n  - {id: t1, namn: T1, per: '04-30'}\nkommun: Testkommun\n"
    root = repo(tmp_path, {"plans/sn/ikplan.yaml": nested, "plans/sn/sn-2025.yaml": PLAN.format(extra="")})
    with working_dir(root):
        code, found = findings(run, "plans")
    assert code == 1
    forbidden = sorted((f["line"], str(f["message"]).split(";")[0]) for f in found if f["code"] == "IK018")
    # kommun equals the kommun's: no change, no finding
    assert forbidden == [
        (1, "'nämnder' bestäms i kommunens ikplan.yaml"),
        (2, "'perioder' bestäms i kommunens ikplan.yaml"),
    ]


def test_a_plan_may_not_raise_the_threshold(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    plan = PLAN.format(extra="    motivering: Kostar mer än den sparar\nriskmatris: {kritisk_från: 16}\n")
    root = repo(tmp_path, {"plans/sn-2025.yaml": plan})
    with working_dir(root):
        code, found = findings(run, "plans")
        assert code == 1
        assert [(f["code"], f["line"]) for f in found] == [("IK103", 9), ("IK120", 11)]
        # score treats the risk as the kommun sees it: not with the plan's raised threshold
        score = run("score", "-f", "json", "plans/sn-2025.yaml")
    assert score.exit_code == 1 and "IK120" in score.stderr


def test_the_kommuns_config_still_switches_off_errors(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    root = repo(tmp_path, {"plans/sn/sn-2025.yaml": PLAN.format(extra="")})
    (root / "ikplan.yaml").write_text(KOMMUN + "ignorera_regler: [IK103, IK104]\n", encoding="utf-8")
    with working_dir(root):
        code, found = findings(run, "plans")
    assert code == 0 and found == []


def test_an_explicit_nested_config_is_checked_against_the_kommuns(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    """pre-commit passes a changed ikplan.yaml by itself."""
    root = repo(tmp_path, {"plans/sn/ikplan.yaml": "ignorera_regler: [IK105]\n"})
    with working_dir(root):
        code, found = findings(run, "plans/sn/ikplan.yaml")
    assert code == 1 and [(f["file"], f["code"]) for f in found] == [("plans/sn/ikplan.yaml", "IK018")]


# --- 2. empty values are no values -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("handling", "said"),
    [
        ("kontrollmoment", "'kontrollmoment' men inga kontrollmoment"),
        ("åtgärd", "'åtgärd' men inga åtgärder eller planerad_hantering"),
    ],
)
def test_a_critical_risk_needs_the_handling_it_names(tmp_path: Path, run, handling: str, said: str) -> None:  # type: ignore[no-untyped-def]
    plan = PLAN.format(extra="").replace("[accepteras]", f"[{handling}]")
    root = repo(tmp_path, {"plans/sn-2025.yaml": plan})
    with working_dir(root):
        code, found = findings(run, "plans")
        assert code == 1
        [hit] = found
        assert (hit["code"], hit["line"], hit["column"]) == ("IK103", 9, 5) and said in str(hit["message"])
        action = "    åtgärder:\n      - {beskrivning: Ny rutin, ansvarig: Chef, slutdatum: 2025-12-31}\n"
        Path("plans/sn-2025.yaml").write_text(
            plan.replace("hantering: [kontrollmoment]", "hantering: [kontrollmoment, åtgärd]") + action,
            encoding="utf-8",
        )
        code, found = findings(run, "plans")
    assert (code, found) == (0, [])


@pytest.mark.parametrize("blank", ["\\u200b", " \\u00a0 ", "\\u3164", "\\u2060\\ufeff"])
def test_invisible_characters_are_not_a_value(in_tmp: Path, run, blank: str) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import MINIMAL

    plan = MINIMAL.replace("ansvarig: Enhetschef", f'ansvarig: "{blank}"').replace(
        "kontrollmetod: Stickprov", f'kontrollmetod: ["{blank}"]'
    )
    assert plan != MINIMAL
    Path("p.yaml").write_text(plan, encoding="utf-8")
    code, found = findings(run, "p.yaml")
    assert code == 1 and codes(found) == ["IK105", "IK106"]


# --- 3. identity -------------------------------------------------------------------------------------


def test_look_alike_ids(in_tmp: Path, run) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import MINIMAL

    extra = "  - id: {}\n    beskrivning: b\n    riskvärde: 2\n"
    Path("full.yaml").write_text(MINIMAL + extra.format("\uff321"), encoding="utf-8")  # fullwidth Ｒ1
    code, found = findings(run, "full.yaml")
    assert code == 1 and [(f["code"], f["message"]) for f in found] == [
        ("IK109", "id 'R1' för risken används redan (se risker 1 › id)")
    ]
    Path("kyr.yaml").write_text(MINIMAL + extra.format("\u04201"), encoding="utf-8")  # Cyrillic Р1
    code, found = findings(run, "kyr.yaml")
    assert code == 1 and [f["code"] for f in found] == ["IK052"]
    assert "'Р' (U+0420), en kyrillisk bokstav som kan se ut som en latinsk" in str(found[0]["message"])


@pytest.mark.parametrize(
    ("board", "why"),
    [("Socialna\u0308mnden", None), ("S\u043ecialnämnden", "('о' är U+043E, inte en latinsk bokstav)")],
)
def test_a_board_name_is_one_board(tmp_path: Path, run, board: str, why: str | None) -> None:  # type: ignore[no-untyped-def]
    plan = PLAN.format(extra="    motivering: m\n").replace("riskvärde: 12", "riskvärde: 2")
    root = repo(tmp_path, {"plans/sn-2025.yaml": plan.replace("nämnd: Socialnämnden", f"nämnd: {board}")})
    with working_dir(root):
        code, found = findings(run, "plans")
        summary = run("summary", "plans", "--period", "delår", "-f", "json")
    if why is None:  # NFD is the same name once normalised: nothing to say, and the nämnd has its plan
        assert (code, found) == (0, [])
        assert "Socialnämnden" not in json.loads(summary.stdout)["saknar_plan"]
    else:
        [hit] = found
        assert (hit["code"], hit["line"]) == ("IK122", 3)
        assert str(hit["message"]).endswith(
            f"{why} finns inte bland kommunens nämnder i ikplan.yaml; menade du 'Socialnämnden'?"
        )


def test_two_plans_for_one_board_and_year(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    plan = PLAN.format(extra="    motivering: m\n").replace("riskvärde: 12", "riskvärde: 2")
    root = repo(tmp_path, {"plans/sn-2025.yaml": plan, "plans/sn-2025-kopia.yaml": plan})
    with working_dir(root):
        code, found = findings(run, "plans")
        assert code == 1
        assert [(f["file"], f["code"], f["line"]) for f in found] == [
            ("plans/sn-2025-kopia.yaml", "IK123", 3),
            ("plans/sn-2025.yaml", "IK123", 3),
        ]
        assert "också i plans/sn-2025.yaml" in str(found[0]["message"])
        # the same file twice is one plan
        assert findings(run, "plans/sn-2025.yaml", "plans/sn-2025.yaml", "plans")[0] == 1
        assert findings(run, "plans/sn-2025.yaml", "./plans/sn-2025.yaml")[0] == 0
        summary = run("summary", "plans", "--period", "delår")
        status = run("status", "plans", "--period", "delår")
    for result in (summary, status):
        assert result.exit_code == 1
        assert "IK123" in result.stderr and "sn-2025-kopia.yaml" in result.stderr


# --- 4. merge conflicts -----------------------------------------------------------------------------


def test_a_conflict_is_one_finding_at_its_marker(in_tmp: Path, run) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import MINIMAL

    quoted = MINIMAL.replace(
        "beskrivning: En risk", 'beskrivning: "En\n<<<<<<< HEAD\n      risk"\n=======\n      fara"\n>>>>>>> b'
    )
    block = MINIMAL.replace(
        "    riskvärde: 6\n", "<<<<<<< HEAD\n    riskvärde: 6\n=======\n    riskvärde: 9\n>>>>>>> b\n"
    )
    twice = block.replace(
        "nämnd: Testnämnden\n", "<<<<<<< HEAD\nnämnd: A\n||||||| bas\nnämnd: B\n=======\nnämnd: C\n>>>>>>> b\n"
    )
    for name, text, expected in (
        ("citerad.yaml", quoted, [12]),
        ("block.yaml", block, [14]),
        ("två.yaml", twice, [3, 20]),
    ):
        Path(name).write_text(text, encoding="utf-8")
        code, found = findings(run, name)
        assert code == 1
        assert [(f["code"], f["line"], f["column"]) for f in found] == [("IK017", n, 1) for n in expected], name
        assert str(found[0]["message"]).startswith("olöst konflikt från en sammanslagning (rad ")
        report = run("report", name, "--datum", "2025-09-15")
        assert report.exit_code == 1 and "<<<<<<<" not in report.stdout


def test_a_conflict_in_the_kommuns_config(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    root = repo(tmp_path, {"plans/sn-2025.yaml": PLAN.format(extra="    motivering: m\n")})
    (root / "ikplan.yaml").write_text(KOMMUN + "<<<<<<< HEAD\nkommun: A\n=======\nkommun: B\n>>>>>>> b\n", "utf-8")
    with working_dir(root):
        code, found = findings(run, "plans")
    assert code == 1 and ("ikplan.yaml", "IK017", 6) in [(f["file"], f["code"], f["line"]) for f in found]


# --- 5. writes ---------------------------------------------------------------------------------------

# A process that runs `ikplan ARGS` with fsync slowed down: it says "skriver" and waits, so that a
# signal or a second writer arrives while the temporary file exists.
SLOW = textwrap.dedent(
    """
    import os, sys, time
    real = os.fsync
    def slow(fd):
        print("skriver", flush=True)
        gate = os.environ.get("IKPLAN_GATE")
        while gate and not os.path.exists(gate):
            time.sleep(0.01)
        if not gate:
            time.sleep(30)
        real(fd)
    os.fsync = slow
    from ikplan.cli import app
    sys.argv = ["ikplan", *sys.argv[1:]]
    app()
    """
)


def _slow(tmp_path: Path, *args: str, gate: Path | None = None) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1", "IKPLAN_GATE": str(gate or "")}
    return subprocess.Popen(
        [sys.executable, "-c", SLOW, *args],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_writers_at_once_cannot_both_create_the_file(tmp_path: Path) -> None:
    repo(tmp_path, {})
    gate = tmp_path / "släpp"
    procs = [
        _slow(tmp_path, "new", "--nämnd", n, "--år", "2026", "-o", "x.yaml", gate=gate)
        for n in ("Socialnämnden", "Tekniska nämnden")
    ]
    for p in procs:
        assert p.stdout is not None and p.stdout.readline() == "skriver\n"  # both past the first check
    gate.touch()
    results = [(p.wait(timeout=60), p.stderr.read() if p.stderr else "") for p in procs]
    assert sorted(code for code, _ in results) == [0, 1], results
    [refused] = [err for code, err in results if code == 1]
    assert "x.yaml finns redan; använd --force för att skriva över den" in refused
    assert "nämnd: " in (tmp_path / "x.yaml").read_text(encoding="utf-8")
    assert not list(tmp_path.glob(".ikplan-*"))


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_during_a_write_leaves_no_temporary_file(tmp_path: Path, signum: int) -> None:
    repo(tmp_path, {})
    p = _slow(tmp_path, "new", "--nämnd", "Socialnämnden", "--år", "2026", "-o", "sn.yaml")
    assert p.stdout is not None and p.stdout.readline() == "skriver\n"
    assert list(tmp_path.glob(".ikplan-*"))  # the temporary file exists now
    os.kill(p.pid, signum)
    assert p.wait(timeout=30) == -signum  # ended by the signal, as without ikplan's handler
    assert not list(tmp_path.glob(".ikplan-*")) and not (tmp_path / "sn.yaml").exists()


def test_a_write_refused_by_the_filesystem_names_the_reason_in_swedish(tmp_path: Path) -> None:
    import errno

    from ikplan.files import reason

    assert reason(OSError(errno.EFBIG, "File too large")) == "filen blir för stor för filsystemet"
    assert "File" not in reason(OSError(errno.ENOTEMPTY, "Directory not empty"))


V1 = "schemaversion: 1\nkommun: K\nnämnd: {n}\når: 2025\nrisker: []\n"


def _three_plans(tmp_path: Path) -> list[str]:
    """Three version 1 plans; b's is longer than the others (over 200 bytes)."""
    files = []
    for n in ("a", "b", "c"):
        (tmp_path / n).mkdir()
        text = V1.format(n=n) + ("# " + "lång kommentar " * 20 + "\n" if n == "b" else "")
        (tmp_path / n / "p.yaml").write_text(text, encoding="utf-8")
        files.append(str(tmp_path / n / "p.yaml"))
    return files


def test_migrate_counts_only_what_it_wrote(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno
    import tempfile

    from ikplan.cycle.migrate import migrate_files

    files = _three_plans(tmp_path)
    real = tempfile.mkstemp

    def full_in_b(*args: object, **kwargs: object) -> tuple[int, str]:
        if str(kwargs.get("dir", "")).endswith("/b"):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(*args, **kwargs)  # type: ignore[call-overload,no-any-return]

    monkeypatch.setattr("ikplan.files.tempfile.mkstemp", full_in_b)
    done = migrate_files(files, write=True)
    assert done.exit_code == 1 and done.written == 2
    assert f"kan inte skriva {files[1]}: disken är full; planen migrerades inte" in done.err
    assert "2 av 3 planer migrerades till schemaversion 2" in done.err
    assert "1 av 3 planer kunde inte migreras" in done.err
    assert "schemaversion: 1" in Path(files[1]).read_text(encoding="utf-8")
    assert "schemaversion: 2" in Path(files[2]).read_text(encoding="utf-8")


def _limited_writes() -> None:
    """In the child: files may grow to 200 bytes, and going past that is an error (EFBIG), not death."""
    import resource

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (200, 200))


def test_migrate_a_plan_too_large_to_write_through_the_cli(tmp_path: Path) -> None:
    """A real process whose file size limit b's plan exceeds: EFBIG ("File too large") in Swedish,
    the plan named, only what was written counted, exit 1."""
    _three_plans(tmp_path)
    proc = subprocess.run(
        [sys.executable, "-m", "ikplan", "migrate", ".", "--write"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=60,
        preexec_fn=_limited_writes,
    )
    assert proc.returncode == 1
    assert "File too large" not in proc.stderr and "b/p.yaml" in proc.stderr
    assert "3 av 3" not in proc.stderr and "2 av 3 planer migrerades" in proc.stderr


# --- 6. one way to read a file -----------------------------------------------------------------------


@pytest.mark.parametrize("bom,codec", [(b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")])
def test_every_command_reads_a_utf16_plan(in_tmp: Path, run, bom: bytes, codec: str) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import MINIMAL

    Path("p.yaml").write_bytes(bom + MINIMAL.encode(codec))
    assert run("validate", "p.yaml").exit_code == 0
    for args in (
        ("rollover", "p.yaml", "--år", "2026", "-o", "n.yaml"),
        ("score", "p.yaml"),
        ("status", "p.yaml", "--period", "delår"),
        ("report", "p.yaml", "--datum", "2025-09-15"),
        ("export", "p.yaml", "-o", "p.xlsx"),
        ("show", "--flat", "p.yaml"),
        ("diff", "p.yaml", "p.yaml"),
    ):
        result = run(*args)
        assert result.exit_code == 0, (args, result.stderr)
    assert "år: 2026" in Path("n.yaml").read_text(encoding="utf-8")


# --- 7. messages -------------------------------------------------------------------------------------


def test_schemaversion_true_is_no_version(in_tmp: Path, run) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import MINIMAL

    Path("p.yaml").write_text(MINIMAL.replace("schemaversion: 1", "schemaversion: true"), encoding="utf-8")
    Path("k").mkdir()
    Path("k/ikplan.yaml").write_text("schemaversion: true\n", encoding="utf-8")
    code, found = findings(run, "p.yaml", "k/ikplan.yaml")
    assert code == 1
    assert [(f["file"], f["code"], f["line"]) for f in found] == [("p.yaml", "IK053", 1), ("k/ikplan.yaml", "IK053", 1)]
    assert all("schemaversion true stöds inte" in str(f["message"]) for f in found)


def test_a_key_in_nfd_is_the_key(in_tmp: Path, run) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import MINIMAL

    Path("p.yaml").write_text(MINIMAL.replace("riskvärde: 6", "riskva\u0308rde: 6"), encoding="utf-8")
    assert findings(run, "p.yaml") == (0, [])
    Path("p.yaml").write_text(MINIMAL.replace("riskvärde: 6", "riskvärde: 6\n    riskva\u0308rde: 6"), encoding="utf-8")
    code, found = findings(run, "p.yaml")
    assert code == 1 and [f["code"] for f in found] == ["IK003"]  # the same key twice


def test_one_risk_is_one_risk(in_tmp: Path, run) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import MINIMAL

    Path("p.yaml").write_text(MINIMAL + "antal_risker: 0\n", encoding="utf-8")
    code, found = findings(run, "p.yaml")
    assert code == 1 and found[0]["message"] == "antal_risker är 0 men filen har 1 risk"


def test_the_rules_listing_names_the_new_codes(run) -> None:  # type: ignore[no-untyped-def]
    out = run("rules").stdout
    for code in ("IK017", "IK018", "IK120", "IK121", "IK122", "IK123"):
        assert code in out, code


@pytest.mark.slow
def test_probe_rows_of_this_round(tmp_path: Path) -> None:
    """The new corpus classes, each command once (the full corpus test runs them all): timing and
    memory stay within the limits, and the classes end as they should."""
    from tests.hostile_corpus import build

    mine = {"kommunens regler", "tomma värden", "identitet", "konflikter", "kodning och nycklar"}
    cases = [c for c in build(tmp_path / "fall") if c["class"] in mine]
    commands = [
        ["validate", "plan.yaml"],
        ["validate", "-f", "json", "."],
        ["rollover", "plan.yaml", "--år", "2026", "-o", "ut/n.yaml"],
    ]
    spec, out = tmp_path / "c.json", tmp_path / "r.json"
    spec.write_text(json.dumps([{**c, "commands": commands} for c in cases]), encoding="utf-8")
    started = time.monotonic()
    subprocess.run(
        [sys.executable, str(ROOT / "tests" / "hostile_driver.py"), str(spec), str(out), "120", "500"],
        cwd=ROOT,
        check=True,
        timeout=300,
    )
    assert time.monotonic() - started < 120
    rows = {(r["case"], r["command"]): r for r in json.loads(out.read_text(encoding="utf-8"))}
    assert not [r for r in rows.values() if r["escaped"] or r["traceback_text"]]
    green = {"nyckel i NFD", "nämnd i NFD", "UTF-16 LE", "UTF-16 BE", "två planer för samma nämnd och år"}
    for c in cases:
        r = rows[(c["case"], "validate plan.yaml")]
        assert r["exit"] == (0 if c["case"] in green else 1), r
        if c["case"] in green:
            assert rows[(c["case"], "rollover plan.yaml --år 2026 -o ut/n.yaml")]["exit"] == 0
    assert rows[("två planer för samma nämnd och år", "validate -f json .")]["exit"] == 1
