"""`ikplan score` and `ikplan status` through the CLI on the seed plans and test plans."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import AMN, KS, MINIMAL, PLANS

FIX = Path(__file__).resolve().parent / "fixtures"


# --- score ----------------------------------------------------------------------------------------


def test_score_json_ks_critical_risks(run) -> None:
    result = run("score", str(KS), "--format", "json")
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert [(r["id"], r["riskvärde"], r["kritisk"]) for r in rows] == [
        ("upphandling", 9, True),
        ("trygghet-barn", 8, True),
    ]
    assert rows[0]["sannolikhet"] is None and rows[0]["konsekvens"] is None
    assert rows[0]["nivå"] == "hög" and rows[1]["nivå"] == "medel"
    assert rows[0]["plan"] == str(KS)


def test_score_critical_filter_across_folders(run) -> None:
    result = run("score", str(PLANS), str(FIX / "vasentlighet"), "--critical", "-f", "json")
    rows = json.loads(result.stdout)
    assert [r["id"] for r in rows] == ["T1", "upphandling", "trygghet-barn"]
    assert all(r["kritisk"] for r in rows)


def test_score_5x5_vasentlighet_sorted_with_unassessed_last(run) -> None:
    result = run("score", str(FIX / "vasentlighet"), "-f", "json")
    rows = json.loads(result.stdout)
    assert [(r["id"], r["riskvärde"], r["nivå"], r["kritisk"]) for r in rows] == [
        ("T1", 25, "mycket hög", True),
        ("T2", 12, "hög", False),
        ("T3", 12, "hög", False),
        ("T4", 2, "låg", False),
        ("T5", None, None, False),
    ]


def test_score_markdown_heat_map_uses_configured_axes(run) -> None:
    result = run("score", str(FIX / "vasentlighet"), "-f", "md", "--ids")
    out = result.stdout
    assert "| Id | Område | Risk | Sannolikhet | Väsentlighet | Riskvärde | Nivå | Kritisk |" in out
    assert "| Sannolikhet \\ väsentlighet | 1 Ringa | 2 Lindrig | 3 Måttlig | 4 Betydande | 5 Allvarlig |" in out
    heat = out[out.index("### Riskmatris") :]
    assert "| 5 Mycket sannolik | 🟨 · | 🟧 · | 🟥 · | 🟥 · | 🟥 T1 |" in heat
    assert "| 3 Möjlig | 🟩 · | 🟨 · | 🟨 · | 🟧 T2, T3 | 🟥 · |" in heat
    assert "### Ej bedömda risker" in out and "| T5 | Drift | Ny risk, inte bedömd |" in out
    assert "kritisk från riskvärde 15" in out


def test_score_area_filter(run) -> None:
    rows = json.loads(run("score", str(FIX / "vasentlighet"), "--område", "ekonomi", "-f", "json").stdout)
    assert [r["id"] for r in rows] == ["T2", "T3"]


def test_score_terminal_shows_table_and_heat_map(run) -> None:
    result = run("score", str(FIX / "vasentlighet"))
    assert result.exit_code == 0
    assert "Riskbedömning" in result.stdout and "Riskmatris (sannolikhet × väsentlighet)" in result.stdout
    assert "mycket hög" in result.stdout
    assert "Ej bedömda risker (1): T5" in result.stdout


def test_score_ks_value_only_risks_named_outside_the_grid(run) -> None:
    out = run("score", str(KS), "-f", "md").stdout
    assert "syns inte i matrisen: upphandling (9), trygghet-barn (8)" in out


def test_score_skips_a_broken_plan_but_scores_the_rest(run, tmp_path: Path) -> None:
    (tmp_path / "ok.yaml").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "bad.yaml").write_text("schemaversion: 1\nnämnd: [\n", encoding="utf-8")
    result = run("score", str(tmp_path), "-f", "json")
    assert result.exit_code == 1
    assert [r["id"] for r in json.loads(result.stdout)] == ["R1"]
    assert "bad.yaml:3:1: IK001" in result.stderr


# --- status ---------------------------------------------------------------------------------------


def test_status_amn_delar_counts(run) -> None:
    result = run("status", str(AMN), "--period", "delår", "--as-of", "2024-09-10", "-f", "json")
    assert result.exit_code == 0
    [s] = json.loads(result.stdout)
    assert s["period"] == "delår" and s["per"] == "2024-08-31"
    assert s["counts"] == {
        "utan_anmärkning": 7,
        "mindre_anmärkning": 2,
        "väsentlig_anmärkning": 0,
        "ej_genomförd": 0,
        "saknas": 0,
    }
    assert s["försenade_åtgärder"] == []
    minor = [k["namn"] for k in s["kontrollmoment"] if k["resultat"] == "mindre_anmärkning"]
    assert minor == [
        "kontrollmoment 3 (uppföljning av insatser)",
        "kontrollmoment 9 (förebyggande arbete mot välfärdsbrottslighet)",
    ]


def test_status_amn_helar_nothing_reported_yet(run) -> None:
    result = run("status", str(AMN), "--period", "helar", "--as-of", "2024-09-10", "-f", "json", "--strict")
    assert result.exit_code == 1
    [s] = json.loads(result.stdout)
    assert s["period"] == "helår"
    assert s["counts"]["saknas"] == 9 and sum(s["counts"].values()) == 9


def test_status_ks_follows_plan(run) -> None:
    [s] = json.loads(run("status", str(KS), "-p", "delar", "--as-of", "2025-09-01", "-f", "json").stdout)
    assert s["följer_plan"] == {"ja": 2, "nej": 0, "saknas": 0}
    assert [r["id"] for r in s["kritiska_risker"]] == ["upphandling", "trygghet-barn"]
    assert sum(s["counts"].values()) == 0


def test_status_overdue_on_a_given_date(run) -> None:
    plan = FIX / "namnder" / "socialnamnden.yaml"
    [s] = json.loads(run("status", str(plan), "--as-of", "2025-11-15", "-f", "json").stdout)
    assert [a["id"] for a in s["försenade_åtgärder"]] == ["SA1"]
    assert s["försenade_åtgärder"][0]["ansvarig"] == "Enhetschef"
    [s] = json.loads(run("status", str(plan), "--as-of", "2026-01-01", "-f", "json").stdout)
    assert [a["id"] for a in s["försenade_åtgärder"]] == ["SA1", "SA2"]  # genomförd and löpande never overdue
    [s] = json.loads(run("status", str(plan), "--as-of", "2025-10-31", "-f", "json").stdout)
    assert s["försenade_åtgärder"] == []


def test_status_strict_fails_on_overdue_or_missing(run) -> None:
    ok = run("status", str(KS), "--as-of", "2025-09-01", "--strict")
    assert ok.exit_code == 0
    plan = FIX / "namnder" / "socialnamnden.yaml"
    assert run("status", str(plan), "--as-of", "2025-11-15").exit_code == 0
    assert run("status", str(plan), "--as-of", "2025-11-15", "--strict").exit_code == 1


def test_status_rollup_per_namnd_markdown(run) -> None:
    result = run("status", str(FIX / "namnder"), "--as-of", "2025-11-15", "-f", "md")
    out = result.stdout
    assert "## Sammanställning per nämnd" in out
    assert "| Byggnadsnämnden | 1 | 1 | 1 | 0 | 0 | 0 | 0 | 0/1/0 | 0 |" in out
    assert "| Socialnämnden | 1 | 2 | 0 | 0 | 1 | 0 | 1 | 0/0/0 | 1 |" in out
    assert "| Bygglov handläggs inte i tid |  |  | nej | 0 |" in out
    assert "| kontrollmoment 1 (ekonomiskt bistånd) | Ny rutin för attest | Enhetschef | 2025-10-31 | påbörjad |" in out


def test_status_terminal(run) -> None:
    result = run("status", str(AMN), "--as-of", "2024-09-10")
    assert result.exit_code == 0
    assert "9 av 9 kontrollmoment rapporterade: 7 utan anmärkning, 2 med mindre anmärkning" in result.stdout


def test_status_custom_period_and_unknown_period(run) -> None:
    plan = FIX / "vasentlighet" / "plan.yaml"
    [s] = json.loads(run("status", str(plan), "-p", "Tertial 1", "-f", "json", "--as-of", "2025-05-01").stdout)
    assert s["period"] == "tertial1" and s["per"] == "2025-04-30"
    bad = run("status", str(plan), "-p", "kvartal")
    assert bad.exit_code == 2
    assert "okänd period 'kvartal'; kända perioder: tertial1, delår, helår" in bad.stderr


def test_status_bad_date_is_usage_error(run) -> None:
    result = run("status", str(KS), "--as-of", "2025-13-01")
    assert result.exit_code == 2
    assert "inget datum" in result.stderr
