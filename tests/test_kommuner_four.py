"""Two more published documents, from organisations ikplan had not met: a kommunstyrelse's report on all
nämnder's follow-up of their 2012 plans (ten of ten nämnder reported, a kommungemensamt kontrollmål on
medarbetarsamtal with "78 procent"), and a landsting kulturnämnd's tjänsteutlåtande proposing its 2013
plan, whose riskanalys is ordered in the landsting's riskkategorier. Through the CLI: the figures the
documents state come out of `validate`, `status`, `report` and `summary`, in the documents' own words."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, rules_switched_off

KOMMUNER = ROOT / "tests" / "kommuner"
NAMNDERNA = KOMMUNER / "namnderna-2012"
KS_2012 = NAMNDERNA / "kommunstyrelsen-2012.yaml"
LANDSTING = KOMMUNER / "landsting-kulturnamnden-2013"
KULTUR_2013 = LANDSTING / "kulturnamnden-2013.yaml"
EGNA_ORD = ROOT / "tests" / "fixtures" / "egna_ord"

RISKKATEGORIER = [
    "Verksamhetsrisker",
    "Finansiella risker",
    "Legala risker",
    "IT-baserade risker",
    "Redovisningsrisker",
    "Bristande efterlevnad av regelverk",
    "Risk för förtroendeskada",
    "Omvärldsrisker",
]


def _status(run, plan: Path, period: str = "helår") -> dict[str, Any]:  # type: ignore[no-untyped-def]
    result = run("status", str(plan), "--period", period, "-f", "json")
    assert result.exit_code == 0, result.output
    data: list[dict[str, Any]] = json.loads(result.stdout)
    assert len(data) == 1
    return data[0]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def test_the_two_documents_validate_strictly(run) -> None:  # type: ignore[no-untyped-def]
    result = run("validate", str(NAMNDERNA), str(LANDSTING), "-f", "json", "--strict")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == []
    ignored = rules_switched_off(NAMNDERNA, LANDSTING)
    # the one rule switched off says what the report lacks (no riskbedömning), in its plan
    assert ignored == {
        "ikplan.yaml": [],
        "kommunstyrelsen-2012.yaml": ["ignorera_regler: [IK113]"],
        "kulturnamnden-2013.yaml": [],
    }


def test_ten_of_ten_namnder_reported_and_medarbetarsamtal_78_procent(run) -> None:  # type: ignore[no-untyped-def]
    """ "Av de tio nämnderna som är aktuella för granskning har alla i samband med bokslutsarbetet för 2012
    gjort en avrapportering [...] Av de nio nämnder som har haft en egen upprättad kontrollplan har alla
    genomfört en uppföljning av denna." "78 procent av respondenterna [...] Siffran är dock inte
    tillfredsställande\""""
    s = _status(run, KS_2012)
    assert s["redovisat"]["nämnder"] == {"totalt": 10, "rapporterade": 10}
    assert [a["procent"] for a in s["redovisat"]["andelar"] if "procent" in a] == [78]
    assert s["redovisat"]["brister"] == ["medarbetarsamtal"]
    assert (s["rapporterade"], s["utförda"]) == (1, 1)
    assert s["följer_plan"] == {"ja": 1, "nej": 0, "saknas": 0}
    (km,) = s["kontrollmoment"]
    assert (km["namn"], km["rapporterad"], km["följer_plan"], km["utförd"]) == (
        "kontrollmoment 1 (medarbetarsamtal)",
        True,
        "ja",
        True,
    )
    md = _one_line(run("report", str(KS_2012), "--period", "helår", "--datum", "2013-03-01").stdout)
    assert "Enligt underlaget har tio av tio nämnder avrapporterat." in md
    assert (
        "Underlaget anger: ”Av de nio nämnder som har haft en egen upprättad kontrollplan har alla genomfört "
        "en uppföljning av denna”." in md
    )
    assert (
        "Underlaget anger: ”78 procent av respondenterna inom kommunens samtliga förvaltningar svarade att de "
        "haft medarbetarsamtal under de senaste 12 månaderna”." in md
    )
    # the brist the source states is named as the report names the kontrollmoment, not by a bare id
    assert "Underlaget anger brister i kontrollmoment 1 (medarbetarsamtal)." in md
    assert "| 2013-03-01 | Raymond Lützhöft |" in md
    summary = json.loads(run("summary", str(NAMNDERNA), "-p", "helår", "-f", "json").stdout)
    assert summary["redovisat_om_nämnder"] == [{"enligt": "Kommunstyrelsen", "rapporterade": 10, "totalt": 10}]
    text = _one_line(run("summary", str(NAMNDERNA), "-p", "helår").stdout)
    assert "Enligt underlaget från Kommunstyrelsen har tio av tio nämnder avrapporterat." in text
    assert "Av ett planerat kontrollmoment har ett genomförts, ett som följer plan." in text


def test_a_kontrollmoment_followed_up_by_foljer_plan_is_reported_in_the_report(run) -> None:  # type: ignore[no-untyped-def]
    """The kommungemensamt kontrollmål was carried out "i enlighet med beslutad kontrollplan", a
    follow-up without a result word: status counts it as reported, and the report says so too."""
    md = run("report", str(KS_2012), "--period", "helår", "--datum", "2013-03-01").stdout
    assert "Kontrollmoment 1 (medarbetarsamtal) följer plan." in md
    assert "| Personalavdelningen | **följer plan**<br><br>Granskningen för kommunen som helhet" in md
    assert "ännu inte följts upp" not in md and "ej rapporterat" not in md


def test_foljer_plan_only_in_the_kommuns_own_words(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The normal case, Ordkommun: one kontrollmoment with the kommun's result word, one followed up by
    'följer plan: nej' only. Both are reported; the report says 'följer inte plan' beside 'Godkänd'."""
    folder = tmp_path / "egna_ord"
    shutil.copytree(EGNA_ORD, folder)
    (folder / ".git").mkdir()
    tn = folder / "2025" / "tn.yaml"
    text = tn.read_text(encoding="utf-8")
    old = "            resultat: Ej utförd\n            åtgärder:"
    assert text.count(old) == 1
    tn.write_text(text.replace(old, "            följer_plan: nej\n            åtgärder:"), encoding="utf-8")
    assert run("validate", str(tn)).exit_code == 0
    s = _status(run, tn, "tertial2")
    assert s["rapporterade"] == 2
    assert [(k["resultat_ord"], k["följer_plan"]) for k in s["kontrollmoment"]] == [("Godkänd", None), (None, "nej")]
    md = _one_line(run("report", str(tn), "--period", "tertial2", "--datum", "2025-09-15").stdout)
    assert "Kontrollmoment 2 (besiktning) följer inte plan." in md
    assert "**följer inte plan**" in md and "ej rapporterat" not in md
    assert "”Godkänd”" in md


@pytest.mark.xfail(
    strict=True,
    reason="status counts a kontrollmoment followed up by 'följer plan' alone as 'saknas' in `counts` while "
    "`rapporterade` counts it as reported (ikplan/followup/status.py, ItemStatus.outcome_code/PlanStatus._counts: "
    "such an item needs a code of its own, or none, instead of 'saknas'; the sammanställning's sentences "
    "read 'som följer plan' from the same counts)",
)
def test_counts_do_not_call_a_reported_kontrollmoment_missing(run) -> None:  # type: ignore[no-untyped-def]
    s = _status(run, KS_2012)
    assert s["rapporterade"] == 1
    assert s["counts"]["saknas"] == 0


def test_landsting_kulturnamnd_plan_for_decision_in_its_riskkategorier(run) -> None:  # type: ignore[no-untyped-def]
    """ "Kulturnämnden föreslås besluta att fastställa kulturnämndens internkontrollplan 2013 enligt
    förvaltningens förslag." "Policyn ger följande exempel på riskkategorier som ska analyseras." (eight)"""
    s = _status(run, KULTUR_2013)
    assert len(s["områden_utan_risker"]) == 8 and s["risker"]["totalt"] == 0
    assert s["källa"]["datum"] == "2013-04-09" and s["källa"]["ofullständig"] is True
    md = run("report", str(KULTUR_2013), "--period", "plan", "--datum", "2013-04-09").stdout
    assert "# Kulturnämndens internkontrollplan\n" in md
    assert "Kulturnämnden. Diarienummer 2013/90." in md
    assert "Kulturnämnden föreslås besluta" in md
    assert "1. **att** fastställa kulturnämndens internkontrollplan 2013 enligt förvaltningens förslag." in md
    assert "Områden i planen utan risker: " + ", ".join(RISKKATEGORIER) + "." in md
    # the landsting's own word for the area column, and no critical limit the document never gave
    assert "| Id | Riskkategori | Risk |" in md
    assert "kritisk från" not in md.lower()
    assert "- undgå allvarliga fel och brister" in md
    html = run("report", str(KULTUR_2013), "--period", "plan", "--datum", "2013-04-09", "-f", "html").stdout
    assert "Kulturnämnden föreslås besluta" in html and "Omvärldsrisker" in html
