"""`summary` reads only the two years it compares (the year summed up and the year before) when every plan
states its year on an `år:` line: a kommun with ten years under plans/ does not parse the other eight,
and what they hold, even an error, does not change this year's sammanställning."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from ikplan.checking.validate import stated_year
from tests.conftest import ROOT

EGNA = ROOT / "tests" / "fixtures" / "egna_ord"


def _kommun(tmp_path: Path) -> Path:
    kommun = tmp_path / "kommun"
    shutil.copytree(EGNA, kommun)
    (kommun / "2023").mkdir()
    old = (kommun / "2024" / "von.yaml").read_text(encoding="utf-8").replace("år: 2024", "år: 2023", 1)
    (kommun / "2023" / "von.yaml").write_text(old, encoding="utf-8")
    (kommun / "2023" / "trasig.yaml").write_text("år: 2023\nnämnd: [\n", encoding="utf-8")
    return kommun


def test_the_year_at_a_glance(tmp_path: Path) -> None:
    cases = {
        "år: 2025\n": 2025,
        'schemaversion: 2\når: "2024"  # planår\r\n': 2024,
        "år: 2025\når: 2026\n": None,  # two: only reading tells
        "{år: 2025}\n": None,
        "risker:\n  - år: 2025\n": None,
        "år: 25\n": None,
        "år: 2025": 2025,  # no newline at the end
        "# kommentar\nnämnd: Vård\når: 2023\nrisker: []\n": 2023,
        "år: 2025 och 2026\n": None,
        "  år: 2025\n": None,
        "nämnd: x\når:\n  2025\n": None,
    }
    for i, (text, year) in enumerate(cases.items()):
        path = tmp_path / f"p{i}.yaml"
        path.write_bytes(text.encode("utf-8"))
        assert stated_year(str(path)) == year, text
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("år: 2025\n".encode("cp1252"))
    assert stated_year(str(latin)) is None


def test_summary_of_2025_is_that_of_its_two_years_and_ignores_a_broken_2023(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    kommun = _kommun(tmp_path)
    args = ["--år", "2025", "--period", "tertial2", "--datum", "2025-10-01", "-f", "json"]
    everything = run("summary", str(kommun), *args)
    assert everything.exit_code == 0, everything.output
    assert "trasig" not in everything.output  # 2023 is not read
    two_years = run("summary", str(kommun / "2024"), str(kommun / "2025"), *args)
    assert everything.stdout == two_years.stdout
    # the year before the one summed up is read: 2024's plan stands beside 2025's
    data = json.loads(everything.stdout)
    von = next(r for r in data["nämnder"] if r["nämnd"] == "Vård- och omsorgsnämnden")
    assert von["förra_året"]["plan"].endswith("2024/von.yaml")


def test_a_plan_whose_year_cannot_be_told_makes_summary_read_them_all(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    kommun = _kommun(tmp_path)
    (kommun / "2023" / "utan-år.yaml").write_text("nämnd: Vård- och omsorgsnämnden\n", encoding="utf-8")
    result = run("summary", str(kommun), "--år", "2025", "--period", "tertial2", "--datum", "2025-10-01")
    assert result.exit_code == 1  # every plan read: the broken ones are reported and skipped
    assert "trasig.yaml" in result.stderr and "utan-år.yaml" in result.stderr
