"""`new` outside a kommun's repository, placeholder messages as a person reads them."""

from __future__ import annotations

from pathlib import Path


def test_new_outside_checkout_has_schema_line_and_validates(run, in_tmp: Path) -> None:
    result = run("new", "--nämnd", "Kulturnämnden", "--år", "2026", "-o", "kn.yaml")
    assert result.exit_code == 0, result.stderr
    text = (in_tmp / "kn.yaml").read_text(encoding="utf-8")
    first = text.splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=file://") and first.endswith("ikplan-plan-v2.json")
    assert Path(first.split("file://", 1)[1]).is_file()
    checked = run("validate", "kn.yaml")
    assert checked.exit_code == 0, checked.stdout
    # placeholders: 'fältet … är inte ifyllt', positions counted from 1
    assert "IK116 [varning] fältet risker 1 › kontrollmoment 1 › ansvarig är inte ifyllt än" in checked.stdout
    assert "risker.0" not in checked.stdout


def test_duplicate_id_points_at_first_by_position_from_one(run, in_tmp: Path) -> None:
    (in_tmp / "p.yaml").write_text(
        "schemaversion: 1\nnämnd: N\når: 2025\nrisker:\n"
        "  - id: R1\n    beskrivning: a\n    riskvärde: 4\n"
        "  - id: R1\n    beskrivning: b\n    riskvärde: 4\n",
        encoding="utf-8",
    )
    result = run("validate", "p.yaml")
    assert result.exit_code == 1
    assert "används redan (se risker 1 › id)" in result.stdout, result.stdout


def test_export_refuses_other_suffix(run, tmp_path: Path) -> None:
    from tests.conftest import AMN

    result = run("export", str(AMN), "-o", str(tmp_path / "x.csv"))
    assert result.exit_code == 2 and "slutar inte på .xlsx" in result.output
    assert not (tmp_path / "x.csv").exists()


def test_status_of_a_past_year_judges_at_its_year_end_and_says_so(run) -> None:
    from tests.conftest import AMN

    result = run("status", str(AMN), "-f", "json")
    assert result.exit_code == 0
    assert "planerna gäller 2024: försenat räknas per 2024-12-31 (ange --datum för ett annat datum)" in result.stderr
    explicit = run("status", str(AMN), "-f", "json", "--datum", "2024-12-31")
    assert explicit.stdout == result.stdout and "försenat räknas per" not in explicit.stderr


def test_report_for_a_period_without_data_warns(run) -> None:
    from tests.conftest import KS

    empty = run("report", str(KS), "-p", "helår")
    assert empty.exit_code == 0
    assert "varning: planen har ingen uppföljning för helår; rapporten blir tom på resultat" in empty.stderr
    filled = run("report", str(KS), "-p", "delår")
    assert filled.exit_code == 0 and "ingen uppföljning" not in filled.stderr


def test_swedish_option_names_with_old_spellings_hidden(run) -> None:
    from tests.conftest import AMN

    for command, new, old, value in (
        ("status", "--datum", "--as-of", "2024-09-10"),
        ("report", "--datum", "--date", "2024-09-10"),
        ("score", "--kritiska", "--critical", None),
        ("score", "--område", "--area", "finns-inte"),
    ):
        args = [command, str(AMN), *([new, value] if value else [new])]
        olds = [command, str(AMN), *([old, value] if value else [old])]
        a, b = run(*args), run(*olds)
        assert (a.exit_code, a.stdout) == (b.exit_code, b.stdout), command
        helped = run(command, "--help").stdout
        assert new in helped and old not in helped, command


def test_schema_finding_paths_use_ids_and_positions_from_one(run, in_tmp: Path) -> None:
    (in_tmp / "p.yaml").write_text(
        "schemaversion: 1\nnämnd: N\når: 2025\nrisker:\n"
        "  - id: R7\n    beskrivning: a\n    riskvärde: 4\n"
        "    kontrollmoment:\n      - id: K3\n        namn: n\n        beskrivning: b\n        okänd: 5\n"
        "  - beskrivning: utan id\n    sannolikhet: x\n",
        encoding="utf-8",
    )
    out = run("validate", "p.yaml").stdout
    assert "okänd nyckel 'okänd' i risker R7 › kontrollmoment K3" in out, out
    assert "risker 2 › sannolikhet" in out, out
    assert "risker.0" not in out and "risker.1" not in out
