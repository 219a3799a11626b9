"""Dates as municipal documents write them, through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

CONFIG = """\
schemaversion: 1
kommun: Exempels kommun
obligatoriska_kontrollmoment:
  - {id: dataskydd, namn: Registerförteckning enligt dataskyddsförordningen, från_år: 2020}
"""

PLAN = """\
schemaversion: 2
nämnd: Byggnadsnämnden
år: {year}
antagen: {{organ: Byggnadsnämnden, datum: februari {year}, paragraf: § 12}}
rapporter:
  plan:
    förslag_till_beslut: [anta internkontrollplanen för {year}.]
    bakgrund: Nämnden ska varje år anta en plan för den interna kontrollen.
risker:
  - id: R1
    beskrivning: Bygglov handläggs inte inom tio veckor
    riskvärde: 6
    hantering: [åtgärd, kontrollmoment]
    åtgärder:
      - {{beskrivning: Ny rutin för komplettering, ansvarig: Bygglovschef, slutdatum: senast juni, status: påbörjad}}
      - {{beskrivning: Se över e-tjänsten, ansvarig: Bygglovschef, slutdatum: före årsskiftet, status: påbörjad, beslutsår: {prev}}}
      - {{beskrivning: Utbilda handläggarna, ansvarig: Bygglovschef, slutdatum: i början av {year}, status: genomförd}}
    kontrollmoment:
      - id: K1
        beskrivning: Stickprov på handläggningstid
        kontrollmetod: Stickprov
        ansvarig: Bygglovschef
{common}        uppföljning:
          delår: {{datum: {year}-06-01, resultat: utförd}}
          helår: {{datum: {late}-01-10, resultat: utförd}}
"""


def _setup(tmp: Path, year: int, common: bool = False, late: int | None = None) -> Path:
    (tmp / "ikplan.yaml").write_text(CONFIG, encoding="utf-8")
    plan = tmp / f"bn-{year}.yaml"
    extra = "        kommungemensamt: dataskydd\n" if common else ""
    text = PLAN.format(year=year, prev=year - 1, common=extra, late=late or year + 1)
    plan.write_text(text, encoding="utf-8")
    return plan


def test_deadlines_without_a_year_fall_in_the_year_the_action_was_decided(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plan = _setup(tmp_path, 2019)
    result = run("status", str(plan), "--period", "delår", "--as-of", "2019-09-10", "-f", "json")
    data = json.loads(result.stdout)[0]
    overdue = {a["beskrivning"]: (a["slutdatum"], a["slutdatum_senast"]) for a in data["försenade_åtgärder"]}
    assert overdue == {
        "Ny rutin för komplettering": ("senast juni", "2019-06-30"),
        "Se över e-tjänsten": ("före årsskiftet", "2018-12-31"),  # decided 2018: that year's end
    }
    assert data["åtgärder"]["per_beslutsår"]["2018"]["påbörjad"] == 1
    early = run("status", str(plan), "--period", "delår", "--as-of", "2019-03-15", "-f", "json")
    assert [a["beskrivning"] for a in json.loads(early.stdout)[0]["försenade_åtgärder"]] == ["Se över e-tjänsten"]


def test_adoption_by_month_and_the_plans_own_decision_texts(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plan = _setup(tmp_path, 2019)
    result = run("report", str(plan), "--period", "plan", "--date", "2019-02-01")
    assert result.exit_code == 0, result.output
    assert "Antagen: Byggnadsnämnden, februari 2019, § 12." in result.stdout
    assert (
        "## Förslag till beslut\n\nByggnadsnämnden föreslås besluta\n\n1. **att** anta internkontrollplanen för 2019."
        in (result.stdout)
    )
    assert "## Bakgrund\n\nNämnden ska varje år anta en plan för den interna kontrollen." in result.stdout
    html = run("report", str(plan), "--period", "plan", "-f", "html", "--date", "2019-02-01").stdout
    assert "<li><strong>att</strong> anta internkontrollplanen för 2019.</li>" in html


def test_a_common_control_applies_from_its_year(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    old = _setup(tmp_path, 2019)
    assert "IK112" not in run("validate", str(old)).output
    new = _setup(tmp_path, 2020)
    result = run("validate", str(new))
    assert result.exit_code == 1
    assert (
        "det obligatoriska kontrollmomentet 'dataskydd' (Registerförteckning enligt dataskyddsförordningen), som gäller från 2020,"
        in (result.output)
    )
    fixed = _setup(tmp_path, 2020, common=True)
    assert "IK112" not in run("validate", str(fixed)).output


def test_a_follow_up_dated_out_of_its_time_is_warned(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plan = _setup(tmp_path, 2019, late=2021)
    result = run("validate", str(plan), "-f", "json")
    found = [(f["code"], f["severity"], f["message"]) for f in json.loads(result.stdout) if f["code"] == "IK117"]
    assert found == [
        ("IK117", "warning", "uppföljningen för delår är daterad 2019-06-01, före periodens slut 2019-08-31"),
        ("IK117", "warning", "uppföljningen för helår är daterad 2021-01-10, mer än ett år efter planens år 2019"),
    ]
    assert result.exit_code == 0  # warnings only
    in_time = _setup(tmp_path, 2019, late=2020)
    assert sum(f["code"] == "IK117" for f in json.loads(run("validate", str(in_time), "-f", "json").stdout)) == 1
