"""Round two of hostile input, class by class, with exact expectations (the corpus in
tests/hostile_corpus.py runs every command on many more cases)."""

from __future__ import annotations

import io
import json
import os
import stat
from pathlib import Path

import pytest

from ikplan.errors import IkplanError
from ikplan.files import write_atomic
from ikplan.reporting.markdown import cell, escape
from tests.conftest import MINIMAL


def findings(run, path: Path) -> list[tuple[str, int, int, str]]:  # type: ignore[no-untyped-def]
    result = run("validate", "-f", "json", str(path))
    assert result.exit_code in (0, 1), result.stderr
    return [(f["code"], f["line"], f["column"], f["message"]) for f in json.loads(result.stdout)]


# --- 1. files that are not regular -----------------------------------------------------------------


def test_symlink_to_dev_zero_and_fifo_are_findings(run, tmp_path: Path) -> None:
    (tmp_path / "z.yaml").symlink_to("/dev/zero")
    os.mkfifo(tmp_path / "f.yaml")
    (tmp_path / "ok.yaml").write_text(MINIMAL, encoding="utf-8")
    rows = findings(run, tmp_path)
    assert [(c, Path(m).name if False else m) for c, _, _, m in rows] == [
        ("IK011", "kan inte läsa filen: den är ingen vanlig fil (en enhet, FIFO eller socket)"),
        ("IK011", "kan inte läsa filen: den är ingen vanlig fil (en enhet, FIFO eller socket)"),
    ]


def test_commands_name_a_fifo_as_such(run, tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "f.yaml")
    result = run("report", str(tmp_path / "f.yaml"))
    assert result.exit_code == 2
    assert "är ingen vanlig fil" in result.stderr


# --- 2. loader exceptions --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("titel: !!bool ja", "'ja' går inte att läsa som sanningsvärde"),
        ("titel: !!int 0x" + "f" * 120, "talet har fler än 100 siffror"),
        ("titel: 0b" + "1" * 300, "talet har fler än 100 siffror"),
        ("titel: !!map x", "taggen '!!map' passar inte till ett värde"),
        ("titel: !!float x", "'x' går inte att läsa som decimaltal"),
    ],
)
def test_explicit_tags_are_findings_and_the_run_goes_on(run, tmp_path: Path, line: str, message: str) -> None:
    (tmp_path / "a.yaml").write_text(MINIMAL + line + "\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text(MINIMAL + "okänd: 1\n", encoding="utf-8")
    result = run("validate", "-f", "gitlab", str(tmp_path))
    assert result.exit_code == 1
    rows = json.loads(result.stdout)
    assert [r["check_name"] for r in rows] == ["IK007" if "tagg" not in message else "IK006", "IK050"]
    assert message in rows[0]["description"] and rows[0]["location"]["lines"]["begin"] == 21
    flat = run("show", "--flat", str(tmp_path / "a.yaml"))
    assert flat.exit_code in (0, 1) and "Traceback" not in flat.stderr


# --- 3. amplification ------------------------------------------------------------------------------


def test_findings_are_capped_per_file_and_the_cap_is_said(run, tmp_path: Path) -> None:
    plan = tmp_path / "p.yaml"
    plan.write_text("schemaversion: 1\nnämnd: N\når: 2025\nrisker:\n" + "- {}\n" * 3000, encoding="utf-8")
    rows = findings(run, plan)
    assert len(rows) == 201
    code, _line, _col, message = rows[-1]
    assert code == "IK012" and message.startswith("ytterligare 5800 problem (5800 fel) visas inte")


def test_too_many_values_stop_the_loader(run, tmp_path: Path) -> None:
    plan = tmp_path / "p.yaml"
    plan.write_text("schemaversion: 1\nrisker:\n" + "- {}\n" * 60_000, encoding="utf-8")
    [(code, line, _col, message)] = findings(run, plan)
    assert (code, line) == ("IK013", 49_998) and "fler än 50000 värden" in message


def test_matrix_bands_are_bounded_and_checked_in_linear_time(run, tmp_path: Path) -> None:
    (tmp_path / "ikplan.yaml").write_text(
        "schemaversion: 1\nriskmatris:\n  risknivåer:\n    - {namn: a, färg: grön, från: 1, till: 1000000000000}\n",
        encoding="utf-8",
    )
    (tmp_path / "p.yaml").write_text(MINIMAL, encoding="utf-8")
    rows = findings(run, tmp_path)
    assert ("IK052", 4, 44, "riskmatris › risknivåer 1 › till ska vara högst 36") in [
        (c, ln, col, m) for c, ln, col, m in rows
    ]
    (tmp_path / "ikplan.yaml").write_text(
        "schemaversion: 1\nriskmatris:\n  risknivåer:\n    - {namn: a, färg: grön, från: 1, till: 30}\n",
        encoding="utf-8",
    )
    messages = [m for c, _, _, m in findings(run, tmp_path) if c == "IK055"]
    assert messages == ["risknivåerna ska täcka 1–16 precis en gång; går över 16 (17–30)"]


# --- 5. config that reaches out --------------------------------------------------------------------


def test_template_from_config_must_stay_in_its_tree(run, tmp_path: Path) -> None:
    (tmp_path / "ikplan.yaml").write_text("schemaversion: 1\nrapport:\n  mall_md: /etc/passwd\n", encoding="utf-8")
    (tmp_path / "p.yaml").write_text(MINIMAL, encoding="utf-8")
    result = run("report", str(tmp_path / "p.yaml"))
    assert result.exit_code == 1
    assert "root:" not in result.stdout
    assert "ligger utanför mappen" in result.stderr and "--template" in result.stderr
    (tmp_path / "mallar").mkdir()
    (tmp_path / "mallar" / "egen.md.j2").write_text("Egen mall för {{ plan.board }}\n", encoding="utf-8")
    (tmp_path / "ikplan.yaml").write_text(
        "schemaversion: 1\nrapport:\n  mall_md: mallar/egen.md.j2\n", encoding="utf-8"
    )
    ok = run("report", str(tmp_path / "p.yaml"))
    assert ok.exit_code == 0, ok.stderr
    assert ok.stdout.startswith("Egen mall för Testnämnden")


# --- 6. terminal escapes ---------------------------------------------------------------------------


def test_escape_sequences_are_shown_not_obeyed(run, tmp_path: Path) -> None:
    plan = tmp_path / "p.yaml"
    plan.write_text(
        MINIMAL.replace("beskrivning: En risk", 'beskrivning: "risk\\e]0;x\\a\\e[2J\\x9b1m"').replace(
            "område: A", 'område: A\n    titel: "T\\e[31m"'
        ),
        encoding="utf-8",
    )
    for args in (["score"], ["score", "-f", "md"], ["status"], ["report"], ["show", "--flat"], ["score", "-f", "json"]):
        result = run(*args, str(plan))
        text = result.stdout + result.stderr
        assert result.exit_code == 0, (args, result.stderr)
        assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text, args
    assert "risk␛\\]0;x␇␛\\[2J⟨U+009B⟩1m" in run("report", str(plan)).stdout
    assert "\\u001b" in run("show", "--flat", str(plan)).stdout
    assert "T\\u001b[31m" in run("score", "-f", "json", str(plan)).stdout


def test_rich_markup_in_plan_text_is_text(run, tmp_path: Path) -> None:
    (tmp_path / "ikplan.yaml").write_text(
        "schemaversion: 1\nriskmatris:\n  risknivåer:\n    - {namn: '[/]', färg: grön, från: 1, till: 3}\n"
        "    - {namn: medel, färg: gul, från: 4, till: 8}\n    - {namn: hög, färg: röd, från: 9, till: 16}\n",
        encoding="utf-8",
    )
    plan = tmp_path / "p.yaml"
    plan.write_text(MINIMAL.replace("beskrivning: En risk", "beskrivning: '[/x] [link=http://x]l'"), encoding="utf-8")
    result = run("score", str(plan), env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    assert "[/x] [link=http://x]l" in result.stdout and "[/] 1–3" in result.stdout


# --- 7. config values that crash later -------------------------------------------------------------


def test_config_values_that_would_crash_later(run, tmp_path: Path) -> None:
    cfg = tmp_path / "ikplan.yaml"
    (tmp_path / "p.yaml").write_text(MINIMAL, encoding="utf-8")
    cfg.write_text(
        "schemaversion: 1\nignorera_regler: [IK999, IK109]\nperioder:\n"
        "  - {id: delår, namn: Delår, per: '02-30'}\n  - {id: delår, namn: Igen, per: '12-31'}\n",
        encoding="utf-8",
    )
    rows = [(c, m) for c, _, _, m in findings(run, cfg)]
    assert ("IK052", "perioder delår › per: '02-30' är ingen dag (MM-DD, t.ex. 08-31)") in rows
    cfg.write_text(
        "schemaversion: 1\nignorera_regler: [IK999, IK109]\nperioder:\n"
        "  - {id: delår, namn: Delår, per: '08-31'}\n  - {id: delår, namn: Igen, per: '12-31'}\n",
        encoding="utf-8",
    )
    # The plan beside it is checked too (a changed ikplan.yaml validates what it governs): IK054.
    rows = [(c, m) for c, _, _, m in findings(run, cfg) if c != "IK054"]
    assert rows == [
        ("IK014", "'IK999' i ignorera_regler: ingen sådan regel finns (se 'ikplan rules')"),
        ("IK014", "IK109 kan inte stängas av: planens tal och id måste gå att lita på"),
        ("IK015", "perioden 'delår' finns redan (perioder.1)"),
    ]
    status = run("status", "-f", "json", str(tmp_path / "p.yaml"))
    assert status.exit_code == 1 and "Traceback" not in status.stderr


def test_empty_config_is_named_as_a_config(run, tmp_path: Path) -> None:
    (tmp_path / "ikplan.yaml").write_text("", encoding="utf-8")
    [(code, _l, _c, message)] = findings(run, tmp_path / "ikplan.yaml")
    assert code == "IK008" and message == "filen är tom; en ikplan.yaml börjar med 'schemaversion: 1'"


def test_a_plan_cannot_switch_off_error_rules(run, tmp_path: Path) -> None:
    plan = tmp_path / "p.yaml"
    plan.write_text(
        MINIMAL.replace("sannolikhet: 2", "sannolikhet: 99").replace("riskvärde: 6", "riskvärde: 999")
        + "ignorera_regler: [IK101, IK102, IK113]\n",
        encoding="utf-8",
    )
    result = run("validate", str(plan))
    assert result.exit_code == 1
    assert "IK102 kan inte stängas av" in result.stdout
    assert "IK101 är ett fel som bara kommunens ikplan.yaml kan stänga av" in result.stdout
    assert "IK102 [fel] risk R1" in result.stdout and "IK101 [fel] risk R1" in result.stdout


def test_rules_say_where_each_may_be_switched_off(run) -> None:
    out = run("rules").stdout
    assert "IK102 [fel] värde utanför riskmatrisen\n" in out
    block = out.split("IK102 [fel]")[1].split("\nIK1")[0]
    assert "Får stängas av i: ingenstans" in block
    assert "Får stängas av i: ikplan.yaml eller planen" in out.split("IK113 [varning]")[1].split("\nIK1")[0]
    assert "Får stängas av i: ikplan.yaml\n" in out.split("IK105 [fel]")[1]


# --- 8. writes -------------------------------------------------------------------------------------


def test_new_files_get_the_umask_mode_and_force_keeps_the_old(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        target = tmp_path / "ny.yaml"
        write_atomic(str(target), b"a")
        assert stat.S_IMODE(target.stat().st_mode) == 0o644
        target.chmod(0o664)
        write_atomic(str(target), b"b", force=True)
        assert stat.S_IMODE(target.stat().st_mode) == 0o664 and target.read_bytes() == b"b"
    finally:
        os.umask(old)


def test_cli_writes_use_the_umask(run, tmp_path: Path) -> None:
    old = os.umask(0o002)
    try:
        plan = tmp_path / "p.yaml"
        plan.write_text(MINIMAL, encoding="utf-8")
        assert run("rollover", str(plan), "--år", "2026", "-o", str(tmp_path / "n.yaml")).exit_code == 0
        assert stat.S_IMODE((tmp_path / "n.yaml").stat().st_mode) == 0o664
    finally:
        os.umask(old)


def test_only_regular_files_are_replaced(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_bytes(b"old")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    with pytest.raises(IkplanError, match="symbolisk länk"):
        write_atomic(str(link), b"new")
    write_atomic(str(link), b"new", force=True)  # asked: the file the link points to is written
    assert link.is_symlink() and real.read_bytes() == b"new"
    dangling = tmp_path / "dangling.md"
    dangling.symlink_to(tmp_path / "nowhere")
    for force in (False, True):
        with pytest.raises(IkplanError):
            write_atomic(str(dangling), b"x", force=force)
    assert dangling.is_symlink() and not (tmp_path / "nowhere").exists()
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(IkplanError, match="ikplan ersätter bara vanliga filer"):
        write_atomic(str(fifo), b"x", force=True)
    with pytest.raises(IkplanError, match="ikplan ersätter bara vanliga filer"):
        write_atomic("/dev/null", b"x", force=True)
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_unwritable_places_give_swedish_messages(run, tmp_path: Path) -> None:
    plan = tmp_path / "p.yaml"
    plan.write_text(MINIMAL, encoding="utf-8")
    result = run("report", str(plan), "-o", "/sys/kernel/ikplan.md")
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert "kan inte skriva /sys/kernel/ikplan.md:" in result.stderr
    locked = tmp_path / "låst"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if os.geteuid() != 0:  # root writes anyway
            with pytest.raises(IkplanError, match=r"kan inte skriva .*: behörighet saknas"):
                write_atomic(str(locked / "x.md"), b"x")
    finally:
        locked.chmod(0o700)
    assert not [p for p in tmp_path.rglob(".ikplan-*")]


# --- 10. Markdown ----------------------------------------------------------------------------------


def test_markdown_escaping_keeps_user_text_as_text() -> None:
    assert cell("a \\| b") == "a \\\\\\| b"  # one cell: the backslash and the pipe both escaped
    assert escape("![i](http://x)") == "!\\[i\\](http://x)"
    assert escape("# Rubrik\n> citat\n    kod\n1. ett") == "\\# Rubrik\n&gt; citat\nkod\n1\\. ett"
    assert escape("följer_plan och _betonat_ C:\\temp") == "följer_plan och \\_betonat\\_ C:\\temp"
    assert escape("<img src=x>") == "&lt;img src=x&gt;"


def test_diff_markdown_shows_an_image_as_text(run, tmp_path: Path) -> None:
    old = tmp_path / "a.yaml"
    new = tmp_path / "b.yaml"
    old.write_text(MINIMAL, encoding="utf-8")
    new.write_text(MINIMAL.replace("En risk", "'![i](http://x/a.png) # rubrik'"), encoding="utf-8")
    out = run("diff", "-f", "md", str(old), str(new)).stdout
    assert "![i](" not in out and "!\\[i\\](http://x/a.png)" in out


# --- 11. ids ---------------------------------------------------------------------------------------


def test_id_with_a_trailing_newline_is_refused(run, tmp_path: Path) -> None:
    plan = tmp_path / "p.yaml"
    plan.write_text(MINIMAL + "  - id: |\n      R1\n    beskrivning: b\n    riskvärde: 2\n", encoding="utf-8")
    rows = findings(run, plan)
    assert [(c, ln) for c, ln, _, _ in rows] == [("IK052", 21)]
    assert "ett id får bara innehålla" in rows[0][3]


# --- 12. messages ----------------------------------------------------------------------------------


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_line_numbers_after_unicode_line_separators(run, tmp_path: Path, separator: str) -> None:
    plan = tmp_path / "p.yaml"
    plan.write_text(
        MINIMAL.replace("beskrivning: En risk", f'beskrivning: "En{separator}risk"') + "okänd: 1\n", encoding="utf-8"
    )
    assert [(c, ln, col) for c, ln, col, _ in findings(run, plan)] == [("IK050", 21, 1)]


def test_no_python_reprs_and_no_english(run, tmp_path: Path) -> None:
    plan = tmp_path / "p.yaml"
    plan.write_text(MINIMAL + "2024-01-01: x\n", encoding="utf-8")
    assert "nyckeln 2024-01-01 är inte text" in run("validate", str(plan)).stdout
    plan.write_text(MINIMAL + "a: b: c\n", encoding="utf-8")
    out = run("validate", str(plan)).stdout
    assert "mapping values" not in out and "kolon på fel ställe" in out
    plan.write_text(
        MINIMAL + "    åtgärder:\n      - beskrivning: a\n        ansvarig: b\n        slutdatum: '0000-12'\n",
        encoding="utf-8",
    )
    out = run("validate", str(plan)).stdout
    assert "out of range" not in out and "slutdatum '0000-12' är inget giltigt datum" in out


def test_summary_counts_a_broken_config_as_a_file(run, tmp_path: Path) -> None:
    (tmp_path / "ikplan.yaml").write_text("schemaversion: 1\nperioder: [\n", encoding="utf-8")
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_text(MINIMAL, encoding="utf-8")
    result = run("validate", str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml"))
    assert result.stderr.strip() == "ikplan: 3 fel i 3 av 3 filer."


# --- 4. Excel --------------------------------------------------------------------------------------


def test_export_writes_formulas_as_text_and_the_round_trip_keeps_them(run, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    plan = tmp_path / "p.yaml"
    plan.write_text(
        MINIMAL.replace("beskrivning: En risk", 'beskrivning: \'=HYPERLINK("http://x";"a")\'')
        .replace("ansvarig: Enhetschef", "ansvarig: '@SUM(1)'")
        .replace("kontrollmetod: Stickprov", 'kontrollmetod: "-1+1\\x01"'),
        encoding="utf-8",
    )
    xlsx = tmp_path / "p.xlsx"
    assert run("export", str(plan), "-o", str(xlsx)).exit_code == 0
    wb = load_workbook(xlsx)
    assert not [c.coordinate for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.data_type == "f"]
    back = tmp_path / "back.yaml"
    result = run("import", str(xlsx), "-o", str(back))
    assert result.exit_code == 0, result.stderr
    text = back.read_text(encoding="utf-8")
    assert '=HYPERLINK("http://x";"a")' in text and "@SUM(1)" in text and "-1+1␁" in text


def test_import_refuses_a_far_cell_before_reading_rows(run, tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Risker"
    ws["XFD1048576"] = "x"
    buffer = io.BytesIO()
    wb.save(buffer)
    (tmp_path / "b.xlsx").write_bytes(buffer.getvalue())
    result = run("import", str(tmp_path / "b.xlsx"), "-o", str(tmp_path / "p.yaml"))
    assert result.exit_code == 1
    assert "IK016" in result.stderr and "når rad 1048576, kolumn 16384" in result.stderr
