"""`ikplan validate` through the CLI: formats, exit codes, many files, seed plans."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.conftest import AMN, EXAMPLES, KS, MINIMAL, PLANS

BAD = EXAMPLES / "invalid" / "regler.yaml"


def test_bundled_plans_validate_clean(run) -> None:
    result = run("validate", str(PLANS))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "Inga fel i 2 filer." in result.stderr


def test_default_path_is_plans_folder(run, in_tmp: Path) -> None:
    (in_tmp / "plans").mkdir()
    (in_tmp / "plans" / "a.yaml").write_text(MINIMAL, encoding="utf-8")
    result = run("validate")
    assert result.exit_code == 0
    assert "Inga fel i 1 fil." in result.stderr


def test_text_format_is_file_line_col_code(run) -> None:
    result = run("validate", str(BAD))
    assert result.exit_code == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"{BAD}:4:1: IK114 [fel] antal_risker är 1 men filen har 4 risker")
    assert "13 fel och 1 varning i 1 av 1 fil." in result.stderr


def test_one_bad_file_does_not_stop_the_others(run, tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(MINIMAL, encoding="utf-8")
    broken = tmp_path / "broken.yaml"
    broken.write_bytes(b"schemaversion: 1\nn\xe4mnd: [\n")
    other = tmp_path / "other.yaml"
    # another year: two plans for one nämnd and year would be IK123 in both
    other.write_text(MINIMAL.replace("riskvärde: 6", "riskvärde: 7").replace("år: 2025", "år: 2024"), encoding="utf-8")
    result = run("validate", "--format", "json", str(tmp_path))
    assert result.exit_code == 1
    files = {Path(f["file"]).name: f["code"] for f in json.loads(result.stdout)}
    assert files == {"broken.yaml": "IK002", "other.yaml": "IK101"}


def test_json_format(run) -> None:
    result = run("validate", "-f", "json", str(BAD))
    rows = json.loads(result.stdout)
    assert rows[0] == {
        "file": str(BAD),
        "line": 4,
        "column": 1,
        "code": "IK114",
        "severity": "error",
        "message": "antal_risker är 1 men filen har 4 risker",
    }
    assert {r["severity"] for r in rows} == {"error", "warning"}


def test_github_format_chosen_automatically(run) -> None:
    result = run("validate", str(BAD), env={"GITHUB_ACTIONS": "true"})
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"::error file={BAD},line=4,col=1,title=IK114::IK114 antal_risker")
    assert any(line.startswith("::warning ") and "IK113" in line for line in lines)


def test_github_escapes_properties(run, tmp_path: Path) -> None:
    weird = tmp_path / "a,b:c.yaml"
    weird.write_text("schemaversion: 1\n", encoding="utf-8")
    result = run("validate", "-f", "github", str(weird))
    assert "a%2Cb%3Ac.yaml" in result.stdout


def test_gitlab_code_quality(run) -> None:
    result = run("validate", "-f", "gitlab", str(BAD))
    rows = json.loads(result.stdout)
    assert rows[0]["check_name"] == "IK114"
    assert rows[0]["location"] == {"path": str(BAD), "lines": {"begin": 4}}
    assert rows[0]["severity"] == "major"
    assert len({r["fingerprint"] for r in rows}) == len(rows)


def test_warnings_pass_unless_strict(run, tmp_path: Path) -> None:
    plan = tmp_path / "p.yaml"
    plan.write_text(MINIMAL.replace("    sannolikhet: 2\n    konsekvens: 3\n    riskvärde: 6\n", ""), encoding="utf-8")
    result = run("validate", str(plan))
    assert result.exit_code == 0
    assert "IK113 [varning] risk R1 är inte bedömd" in result.stdout
    assert run("validate", "--strict", str(plan)).exit_code == 1


def test_missing_path_is_a_usage_error(run) -> None:
    result = run("validate", "finns/inte.yaml")
    assert result.exit_code == 2
    assert "sökvägen 'finns/inte.yaml' finns inte" in result.stderr


def test_unknown_format_is_a_usage_error(run) -> None:
    assert run("validate", "-f", "xml", str(BAD)).exit_code == 2


def test_config_found_upwards_and_rules_switched_off(run, tmp_path: Path) -> None:
    sub = tmp_path / "kommun" / "nämnd"
    sub.mkdir(parents=True)
    (tmp_path / "kommun" / "ikplan.yaml").write_text(
        "schemaversion: 1\nignorera_regler: [IK101]\nriskmatris:\n  kritisk_från: 6\n", encoding="utf-8"
    )
    (sub / "p.yaml").write_text(MINIMAL.replace("riskvärde: 6", "riskvärde: 7"), encoding="utf-8")
    assert run("validate", str(sub)).exit_code == 0


def test_broken_config_is_reported_once_with_its_plans(run, tmp_path: Path) -> None:
    (tmp_path / "ikplan.yaml").write_text("schemaversion: 1\nriskmatris:\n  kritisk_från: 20\n", encoding="utf-8")
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_text(MINIMAL, encoding="utf-8")
    result = run("validate", "-f", "json", str(tmp_path))
    assert result.exit_code == 1
    rows = json.loads(result.stdout)
    assert [(Path(r["file"]).name, r["code"]) for r in rows] == [
        ("a.yaml", "IK054"),
        ("b.yaml", "IK054"),
        ("ikplan.yaml", "IK055"),
    ]
    assert "kritisk_från 20 ligger utanför 1–16" in rows[2]["message"]


def test_config_file_given_explicitly_is_validated_as_config(run, tmp_path: Path) -> None:
    cfg = tmp_path / "ikplan.yaml"
    cfg.write_text("schemaversion: 1\nperiodr: []\n", encoding="utf-8")
    result = run("validate", str(cfg))
    assert result.exit_code == 1
    assert "okänd nyckel 'periodr'; menade du 'perioder'?" in result.stdout


def test_required_controls_from_config(run, tmp_path: Path) -> None:
    shutil.copy(AMN, tmp_path / "amn.yaml")
    (tmp_path / "ikplan.yaml").write_text(
        "schemaversion: 1\nobligatoriska_kontrollmoment:\n  - id: ny\n    namn: Nytt krav\n", encoding="utf-8"
    )
    result = run("validate", str(tmp_path / "amn.yaml"))
    assert result.exit_code == 1
    assert "IK112" in result.stdout and "'ny' (Nytt krav) saknas" in result.stdout
    assert "'informationsansvar' är inget kommungemensamt kontrollmoment" in result.stdout


def test_rules_command_documents_every_code(run) -> None:
    result = run("rules")
    assert result.exit_code == 0
    listed = [line.split()[0] for line in result.stdout.splitlines() if line.startswith("IK")]
    assert listed == sorted(listed)
    for code in ("IK001", "IK009", "IK050", "IK055", "IK056", "IK060", "IK101", "IK113", "IK116", "IK117", "IK119"):
        assert code in listed
    narrow = run("rules", env={"COLUMNS": "80"}).stdout.splitlines()
    assert max(len(line) for line in narrow) <= 80  # a pipe or a CI log


def test_seed_plans_hold_the_documents() -> None:
    from ikplan.checking.validate import Checker

    checker = Checker()
    amn = checker.check_path(str(AMN))
    ks = checker.check_path(str(KS))
    assert amn.ok and ks.ok
    assert amn.plan is not None and ks.plan is not None
    controls = [c for _, _, _, c in amn.plan.all_controls()]
    assert [c.number for c in controls] == list(range(1, 10))
    assert [c.follow_up["delår"].outcome.value for c in controls].count("utan anmärkning") == 7
    assert len(amn.plan.areas) == 4
    assert ks.plan.risk_count == 35
    assert [r.risk_value for r in ks.plan.risks] == [9, 8]
    assert ks.settings is not None and ks.settings.matrix.critical_from == 8
    for text in (AMN.read_text(encoding="utf-8"), KS.read_text(encoding="utf-8")):
        assert "<p>" not in text and "<i>" not in text and "<ul" not in text


def test_other_kommuners_words_for_status_and_handling(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plan = tmp_path / "p.yaml"
    plan.write_text(
        "schemaversion: 2\nnämnd: X\når: 2024\nrisker:\n"
        "  - id: R1\n    beskrivning: B\n    riskvärde: 4\n    hantering: [Direktåtgärd, Kontroll]\n"
        "    åtgärder:\n"
        "      - {beskrivning: A, ansvarig: C, slutdatum: 2024-06-30, status: Klar}\n"
        "      - {beskrivning: B, ansvarig: C, slutdatum: 2024-06-30, status: Pågår}\n"
        "    kontrollmoment: [{id: K1, beskrivning: S, kontrollmetod: S, ansvarig: C}]\n",
        encoding="utf-8",
    )
    assert run("validate", str(plan)).exit_code == 0
    data = json.loads(run("status", str(plan), "--period", "helår", "-f", "json").stdout)[0]
    assert (data["åtgärder"]["genomförd"], data["åtgärder"]["påbörjad"]) == (1, 1)


def test_follows_plan_delvis(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Many follow-ups answer 'Följer plan: Delvis'; it is counted apart and said in the conclusion."""
    plan = tmp_path / "p.yaml"
    plan.write_text(
        "schemaversion: 2\nnämnd: Kommunstyrelsen\når: 2025\nrisker:\n"
        "  - {id: R1, titel: Trygghet, beskrivning: B, riskvärde: 12, hantering: [åtgärd], planerad_hantering: P,"
        " uppföljning: {delår: {följer_plan: Delvis}}}\n"
        "  - {id: R2, titel: Inköp, beskrivning: B, riskvärde: 9, hantering: [åtgärd], planerad_hantering: P,"
        " uppföljning: {delår: {följer_plan: true}}}\n",
        encoding="utf-8",
    )
    assert run("validate", str(plan)).exit_code == 0
    data = json.loads(run("status", str(plan), "--period", "delår", "--datum", "2025-09-01", "-f", "json").stdout)[0]
    assert data["följer_plan"] == {"ja": 1, "nej": 0, "saknas": 0, "delvis": 1}
    assert [r["följer_plan"] for r in data["kritiska_risker"]] == ["delvis", "ja"]
    md = run("report", str(plan), "--period", "delår", "--date", "2025-09-01").stdout
    assert "har delvis hanterats enligt plan." in md and "| Delvis |" in md
    bad = plan.read_text(encoding="utf-8").replace("Delvis", "kanske")
    plan.write_text(bad, encoding="utf-8")
    assert "följer_plan ska vara ja, nej eller delvis" in run("validate", str(plan)).output


def test_common_spellings_of_results(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    words = ["Inga anmärkningar", "Mindre anmärkningar", "Väsentlig anmärkning", "Inte genomförd"]
    controls = "".join(
        f"      - {{id: K{i}, beskrivning: S, kontrollmetod: S, ansvarig: C, uppföljning: {{helår: {{resultat: {w}}}}}}}\n"
        for i, w in enumerate(words)
    )
    plan = tmp_path / "p.yaml"
    plan.write_text(
        "schemaversion: 2\nnämnd: X\når: 2024\nrisker:\n  - id: R1\n    beskrivning: B\n    riskvärde: 4\n"
        "    hantering: [kontrollmoment]\n    kontrollmoment:\n" + controls,
        encoding="utf-8",
    )
    assert run("validate", str(plan)).exit_code == 0
    counts = json.loads(run("status", str(plan), "--period", "helår", "-f", "json").stdout)[0]["counts"]
    assert [counts[k] for k in ("utan_anmärkning", "mindre_anmärkning", "väsentlig_anmärkning", "ej_genomförd")] == [
        1,
        1,
        1,
        1,
    ]
