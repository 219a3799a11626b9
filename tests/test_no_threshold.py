"""Risknivåer and kritisk_från are the kommun's choice; a kommun without them is not
given invented ones (no IK103 on a high risk, no 'kritisk från' in the reports, no band legend)."""

from __future__ import annotations

import json
from pathlib import Path

CONFIG = """\
schemaversion: 1
riskmatris:
  risknivåer: []
  kritisk_från: ingen
"""
PLAN = """\
schemaversion: 2
nämnd: Kultur- och fritidsnämnden
år: 2024
risker:
  - {id: R1, beskrivning: Stöld ur kassan, sannolikhet: 4, konsekvens: 4, hantering: [accepteras], motivering: Låga belopp}
  - id: R2
    beskrivning: Fel i bidragsbeslut
    sannolikhet: 2
    konsekvens: 3
    hantering: [kontrollmoment]
    kontrollmoment: [{id: K1, beskrivning: Stickprov, kontrollmetod: Stickprov, ansvarig: Handläggare}]
"""


def _setup(tmp: Path, config: str = CONFIG) -> Path:
    (tmp / "ikplan.yaml").write_text(config, encoding="utf-8")
    plan = tmp / "kfn.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    return plan


def test_no_threshold_and_no_bands(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plan = _setup(tmp_path)
    assert run("validate", str(tmp_path)).exit_code == 0  # 16 accepted: no invented threshold makes it critical
    status = json.loads(run("status", str(plan), "--period", "helår", "-f", "json").stdout)[0]
    assert status["risker"]["kritiska"] == 0 and status["kritiska_risker"] == []
    md = run("report", str(plan), "--period", "plan").stdout
    assert "Sannolikhet × konsekvens = riskvärde.\n\n| Sannolikhet" in md
    assert "kritisk från" not in md and "(kritisk)" not in md
    assert "⬜ R1" in md  # white cells, no colours the kommun did not choose
    assert run("score", str(plan), "-f", "md").stdout.rstrip().endswith("Ingen gräns för kritisk risk.")
    html = run("report", str(plan), "--period", "plan", "-f", "html").stdout
    assert "kritisk från" not in html and 'class="band"' not in html


def test_with_the_default_the_threshold_applies(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _setup(tmp_path, "schemaversion: 1\n")
    result = run("validate", str(tmp_path))
    assert result.exit_code == 1 and "IK103" in result.output  # 16 ≥ 9 may not only be accepted


def test_a_bad_threshold_is_explained(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _setup(tmp_path, "schemaversion: 1\nriskmatris: {kritisk_från: många}\n")
    out = run("validate", str(tmp_path)).output
    assert "kritisk_från ska vara ett riskvärde (1–36) eller 'ingen'" in out
