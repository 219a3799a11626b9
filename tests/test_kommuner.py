"""Plans written from other kommuners' published documents (tests/kommuner/),
followed up with their own words, through the CLI: `status -f json` and the Markdown report."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ikplan.plan.vocabulary import DEFAULT_WORDS, ActionStatus
from ikplan.reporting.followup_text import action_sentence
from tests.conftest import ROOT

KOMMUNER = ROOT / "tests" / "kommuner"
MELLERUD = KOMMUNER / "mellerud" / "byggnadsnamnden-2019.yaml"
SKELLEFTEA = KOMMUNER / "skelleftea" / "socialnamnden-2017.yaml"
MILJO = KOMMUNER / "miljonamnden-2019" / "miljonamnden-2019.yaml"
HUDDINGE = KOMMUNER / "huddinge" / "kommunstyrelsen-2015.yaml"


def _status(run, plan: Path, period: str) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    result = run("status", str(plan), "--period", period, "-f", "json")
    assert result.exit_code in (0, 1), result.output
    data: list[dict[str, Any]] = json.loads(result.stdout)
    return data[0]


def _report(run, plan: Path, period: str) -> str:  # type: ignore[no-untyped-def]
    result = run("report", str(plan), "--period", period, "--date", "2020-02-01")
    assert result.exit_code == 0, result.output
    return str(result.stdout)


def test_every_kommun_plan_validates(run) -> None:  # type: ignore[no-untyped-def]
    result = run("validate", str(KOMMUNER))
    assert result.exit_code == 0, result.output
    plans = [p for p in KOMMUNER.rglob("*.yaml") if p.name != "ikplan.yaml"]
    assert len(plans) >= 7 and f"Inga fel i {len(plans)} filer." in result.output


def test_mellerud_utford_stickprov_and_own_words(run) -> None:  # type: ignore[no-untyped-def]
    s = _status(run, MELLERUD, "helår")
    # "utförd" results counted beside the v1 keys, which stay as they were
    assert s["counts"] == {
        "utan_anmärkning": 0,
        "mindre_anmärkning": 0,
        "väsentlig_anmärkning": 0,
        "ej_genomförd": 1,
        "saknas": 0,
        "utförd": 1,
        "utförd_med_avvikelse": 1,
    }
    assert (s["rapporterade"], s["utförda"]) == (3, 2)
    first = s["kontrollmoment"][0]["stickprov"]
    assert first == {
        "granskade": 40,
        "avvikelser": 9,
        "korrekta": 31,
        "andel_korrekta": 78,
        "tillfällen": 12,
        "tillfällen_utförda": 8,
        "tillfällen_ej_utförda": 4,
    }
    assert s["stickprov"]["granskade"] == 60
    # the kommun's words beside the canonical keys
    assert s["ord"]["riskvärde"] == "risktal"
    assert s["ord"]["resultat"]["utförd"] == "Ingen avvikelse"
    assert s["ord"]["åtgärdsstatus"]["påbörjad"] == "Pågår"
    # a risk without kontrollmoment and its åtgärder from the year before
    assert [r["id"] for r in s["övriga_risker"]] == ["B4"]
    assert s["åtgärder"]["per_beslutsår"] == {
        "2018": {"totalt": 2, "genomförd": 1, "påbörjad": 1, "ej_påbörjad": 0, "utan_status": 0}
    }
    md = _report(run, MELLERUD, "helår")
    assert "För ett av tre kontrollmoment är resultatet ”Ingen avvikelse”." in md
    assert "För kontrollmoment 3 (anmälan av delegationsbeslut) är resultatet ”Ej utförd”." in md
    assert "Kontrollmoment 1 (handläggningstid) kontrollerades inte vid fyra av tolv tillfällen." in md
    assert "Av 40 granskade ärenden var 31 (78 %) korrekta." in md
    assert "Av de två åtgärderna från 2018 har en status ”Klar” och en status ”Pågår”." in md
    assert "**Avvikelse**" in md and "**Ingen avvikelse**" in md
    assert "| Pågår (försenad) |" in md and "| Klar |" in md  # the kommun's åtgärdsstatus


def test_mellerud_terminal_status_uses_the_kommuns_words(run) -> None:  # type: ignore[no-untyped-def]
    result = run("status", str(MELLERUD), "--period", "helår")
    out = result.output
    assert "3 av 3 kontrollmoment rapporterade: 1 Ej utförd, 1 Ingen avvikelse, 1 Avvikelse." in " ".join(out.split())
    assert "Övriga risker utan kontrollmoment: 1." in " ".join(out.split())
    assert "[]" not in out and "[/]" not in out


def test_skelleftea_traffic_lights(run) -> None:  # type: ignore[no-untyped-def]
    s = _status(run, SKELLEFTEA, "delår")
    assert s["counts"]["utan_anmärkning"] == 2
    assert s["counts"]["mindre_anmärkning"] == 1
    assert s["counts"]["väsentlig_anmärkning"] == 1
    assert s["ord"]["resultat"]["utan_anmärkning"] == "grön"
    assert s["kontrollmoment"][2]["åtgärder"][0]["status"] == "påbörjad"  # 'gul' in the plan, canonical in JSON
    md = _report(run, SKELLEFTEA, "delår")
    assert "För två av fyra kontrollmoment är resultatet ”grön”." in md
    assert "För ett av fyra kontrollmoment är resultatet ”röd”." in md
    assert "**gul**" in md


def test_miljonamnden_ten_granskningar_no_atgarder(run) -> None:  # type: ignore[no-untyped-def]
    s = _status(run, MILJO, "helår")
    assert len(s["kontrollmoment"]) == 10
    assert s["risker"]["totalt"] == 10
    assert s["åtgärder"]["totalt"] == 0
    assert sum(1 for k in s["kontrollmoment"] if k["namn"]) == 10
    md = _report(run, MILJO, "helår")
    # Malmö says granskning for a kontrollmoment (ordlista in its ikplan.yaml)
    assert "Ingen av de tio granskningarna har ännu följts upp för helår." in md


def test_huddinge_atgarder_by_beslutsar(run) -> None:  # type: ignore[no-untyped-def]
    s = _status(run, HUDDINGE, "helår")
    years = s["åtgärder"]["per_beslutsår"]
    assert years["2014"] == {"totalt": 3, "genomförd": 2, "påbörjad": 1, "ej_påbörjad": 0, "utan_status": 0}
    assert years["2015"]["totalt"] == 2
    assert s["risker"] == {
        "totalt": 2,
        "kritiska": 1,
        "ej_kritiska": 1,
        "med_kontrollmoment": 0,
        "med_åtgärder": 2,
        "ej_valda": 0,
    }
    assert [r["följer_plan"] for r in s["övriga_risker"]] == ["nej"]
    md = _report(run, HUDDINGE, "helår")
    assert "Av de två åtgärderna i årets plan är en genomförd och en påbörjad." in md
    assert "Av de tre åtgärderna från 2014 är två genomförda och en påbörjad." in md
    assert "Den övriga risken har inte hanterats enligt plan." in md


def _plan(tmp: Path, body: str, config: str | None = None) -> Path:
    (tmp / ".git").mkdir(exist_ok=True)
    if config is not None:
        (tmp / "ikplan.yaml").write_text(config, encoding="utf-8")
    path = tmp / "plan.yaml"
    path.write_text("schemaversion: 1\nnämnd: Testnämnden\når: 2017\n" + body, encoding="utf-8")
    return path


def test_actions_from_2016_as_the_issue_states(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    acts = [
        f"      - {{beskrivning: Åtgärd {i}, ansvarig: Chef, slutdatum: 2016-12-31, beslutsår: 2016, status: genomförd}}"
        for i in range(19)
    ]
    acts += [
        f"      - {{beskrivning: Åtgärd {i}, ansvarig: Chef, slutdatum: 2017-12-31, beslutsår: 2016, status: påbörjad}}"
        for i in range(19, 25)
    ]
    plan = _plan(tmp_path, "risker:\n  - id: R1\n    beskrivning: r\n    åtgärder:\n" + "\n".join(acts) + "\n")
    s = _status(run, plan, "helår")
    assert s["åtgärder"]["per_beslutsår"]["2016"] == {
        "totalt": 25,
        "genomförd": 19,
        "påbörjad": 6,
        "ej_påbörjad": 0,
        "utan_status": 0,
    }
    assert "Av de 25 åtgärderna från 2016 är 19 genomförda och 6 påbörjade." in _report(run, plan, "helår")


def test_follows_plan_counts_as_reported(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    controls = "".join(
        f"      - {{id: K{i}, beskrivning: k, kontrollmetod: m, ansvarig: a, uppföljning: {{delår: {{följer_plan: ja}}}}}}\n"
        for i in range(16)
    )
    plan = _plan(tmp_path, "risker:\n  - id: R1\n    beskrivning: r\n    kontrollmoment:\n" + controls)
    result = run("status", str(plan), "--period", "delår", "-f", "md")
    text = " ".join(result.output.split())
    assert "16 av 16 kontrollmoment rapporterade" in text
    assert "0 av 16" not in text
    assert _status(run, plan, "delår")["rapporterade"] == 16


# --- item 8: the bugs ---------------------------------------------------------------------------


def test_one_control_not_followed_up_agrees_in_number(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plan = _plan(
        tmp_path,
        "risker:\n  - id: R1\n    beskrivning: r\n    kontrollmoment:\n      - {id: K1, beskrivning: k, kontrollmetod: m, ansvarig: a}\n",
    )
    md = _report(run, plan, "delår")
    assert "Det enda kontrollmomentet har ännu inte följts upp för delår." in md
    assert "de ett" not in md


def test_numerals_are_consistent_in_one_sentence() -> None:
    done, started = ActionStatus.DONE, ActionStatus.STARTED
    assert action_sentence(DEFAULT_WORDS, [done] * 8 + [started] * 56) == (
        "Av de 64 åtgärderna är 8 genomförda och 56 påbörjade."
    )
    assert action_sentence(DEFAULT_WORDS, [done] * 2 + [started] * 2) == (
        "Av de fyra åtgärderna är två genomförda och två påbörjade."
    )


def test_error_in_ikplan_yaml_counts_the_file(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plan = _plan(tmp_path, "risker: []\n", config="schemaversion: 1\nokänd: 1\n")
    result = run("validate", str(plan))
    assert result.exit_code == 1
    assert "i 2 av 2 filer." in result.output
    assert "av 1 fil." not in result.output


@pytest.mark.parametrize(
    "key,suggested", [("väsentlighet", "konsekvens"), ("väsentlighetsgrad", "konsekvens"), ("risktal", "riskvärde")]
)
def test_kommun_words_for_risk_keys_are_suggested(run, tmp_path: Path, key: str, suggested: str) -> None:  # type: ignore[no-untyped-def]
    plan = _plan(tmp_path, f"risker:\n  - id: R1\n    beskrivning: r\n    {key}: 3\n")
    result = run("validate", str(plan))
    assert result.exit_code == 1
    assert f"menade du '{suggested}'?" in result.output
    assert "ordlista" in result.output


def test_kommun_words_for_risk_keys_are_accepted_with_an_ordlista(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    config = "schemaversion: 1\nordlista: {riskvärde: risktal, konsekvens: väsentlighet}\n"
    plan = _plan(
        tmp_path, "risker:\n  - {id: R1, beskrivning: r, sannolikhet: 2, väsentlighet: 4, risktal: 8}\n", config
    )
    assert run("validate", str(plan)).exit_code == 0
    s = _status(run, plan, "delår")
    assert s["övriga_risker"][0]["riskvärde"] == 8
    assert s["ord"]["riskvärde"] == "risktal"


def test_axis_named_vasentlighet_in_the_matrix_is_the_key(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # tests/fixtures/vasentlighet names its konsekvens axis 'väsentlighet' (with its whole scale)
    src = ROOT / "tests" / "fixtures" / "vasentlighet"
    (tmp_path / ".git").mkdir()
    (tmp_path / "ikplan.yaml").write_bytes((src / "ikplan.yaml").read_bytes())
    text = (src / "plan.yaml").read_text(encoding="utf-8")
    assert "    konsekvens: 5\n" in text
    (tmp_path / "plan.yaml").write_text(
        text.replace("    konsekvens: 5\n", "    väsentlighet: 5\n", 1), encoding="utf-8"
    )
    (tmp_path / "orig.yaml").write_text(text, encoding="utf-8")
    renamed = run("validate", str(tmp_path / "plan.yaml"))
    original = run("validate", str(tmp_path / "orig.yaml"))
    assert "IK050" not in renamed.output and "sannolikhet'?" not in renamed.output
    assert renamed.exit_code == original.exit_code


def test_messages_use_the_kommuns_word_for_riskvarde(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    config = "schemaversion: 1\nordlista: {riskvärde: risktal, konsekvens: väsentlighet}\n"
    plan = _plan(
        tmp_path, "risker:\n  - {id: R1, beskrivning: r, sannolikhet: 3, väsentlighet: 4, risktal: 12}\n", config
    )
    result = run("validate", str(plan))
    assert result.exit_code == 1
    assert "risk R1 är kritisk (risktal 12) men saknar hantering" in result.output


def test_rollup_shows_utford_columns_only_when_used(run) -> None:  # type: ignore[no-untyped-def]
    md = run("status", str(KOMMUNER), "--period", "helår", "-f", "md").output
    assert "| Ej genomförd | Utförd | Utförd med avvikelse | Ej rapporterat |" in md
    # one row per nämnd and year: the plans here are of several years, never added together
    assert "| Byggnadsnämnden 2019 | 1 | 3 | 0 | 0 | 0 | 1 | 1 | 1 | 0 |" in md
    only_v1 = run("status", str(SKELLEFTEA), str(MILJO), "--period", "helår", "-f", "md").output
    assert "| Ej genomförd | Ej rapporterat |" in only_v1
    assert "Utförd" not in only_v1


def test_mellerud_bruttorisklista_and_avvikelser(run) -> None:  # type: ignore[no-untyped-def]
    """Item 5: the plan's own risk analysis (risks left out, with the reason) and the avvikelser of the year."""
    data = _status(run, MELLERUD, "helår")
    assert data["risker"]["totalt"] == 4 and data["risker"]["ej_valda"] == 3
    assert data["noterade_avvikelser"] == {"totalt": 2, "per_kontrollmoment": {"BK1": 2}}
    report = _report(run, MELLERUD, "helår")
    assert "Under året noterades två avvikelser i ett kontrollmoment." in report
    assert (
        "| april 2019 | kontrollmoment 1 (handläggningstid) | Två bygglov beslutades efter tolv veckor | "
        "Rutin för komplettering ses över |" in report
    )
    assert "Startbesked gavs utan kontrollplan" in report
    public = run("report", str(MELLERUD), "--period", "helår", "--date", "2020-02-01", "--offentlig").stdout
    assert "Startbesked gavs utan kontrollplan" not in public
    assert "| 14 oktober 2019 | kontrollmoment 1 (handläggningstid) | Uppgiften omfattas av sekretess" in public
    plan = run("report", str(MELLERUD), "--period", "plan").stdout
    assert "Av sju bedömda risker tas fyra med i planen; skälen för de övriga står i bruttorisklistan." in plan
    assert "| Id | Risk | Risktal | I planen | Skäl |" in plan  # the kommun's word for riskvärde
    rows = [line for line in plan.splitlines() if line.startswith("| B")]
    assert [r.split(" | ")[0] for r in rows[-7:]] == ["| B1", "| B6", "| B2", "| B3", "| B5", "| B7", "| B4"]
    assert "| B6 | Tillsyn av ovårdade tomter | 12 (kritisk) | nej | Ingår i tillsynsplanen" in plan


def test_a_critical_risk_left_out_needs_a_reason(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import shutil

    folder = tmp_path / "mellerud"
    shutil.copytree(MELLERUD.parent, folder)
    plan = folder / MELLERUD.name
    text = plan.read_text(encoding="utf-8")
    plan.write_text(
        text.replace("    skäl: Ingår i tillsynsplanen, som följs upp särskilt av nämnden.\n", ""), encoding="utf-8"
    )
    result = run("validate", str(plan))
    assert result.exit_code == 1
    assert "IK118 [fel] risk B6 är kritisk (risktal 12) men tas inte med i planen; ange skäl" in result.output
    line = text.splitlines().index("  - id: B6") + 1
    assert f"{plan}:{line}:5: IK118" in result.output
    plan.write_text(text.replace("  - id: B7\n", "  - id: B1\n"), encoding="utf-8")
    assert "IK109" in run("validate", str(plan)).output  # ids are unique across both lists


def test_rollover_of_a_version_2_plan(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Next year's plan keeps the bruttorisklista and the kommun's words, not this year's avvikelser."""
    import shutil

    folder = tmp_path / "mellerud"
    shutil.copytree(MELLERUD.parent, folder)
    out = folder / "byggnadsnamnden-2020.yaml"
    result = run("rollover", str(folder / MELLERUD.name), "--år", "2020", "-o", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "schemaversion: 2" in text and "ej_valda_risker:" in text and "risktal: 12" in text
    assert "noterade_avvikelser" not in text and "tillfällen" not in text
    assert run("validate", str(out)).exit_code == 0


KALMAR = KOMMUNER / "kalmar" / "samhallsbyggnadsnamnden.yaml"


def test_kalmar_process_tree_as_the_export_has_it(run) -> None:  # type: ignore[no-untyped-def]
    """Processgrupp › process › delprocess, 'Riskvärde: 6 (Sannolikhet: 3, Konsekvens: 2)', and Kalmar's
    rule that risks 'över 9' are the critical ones."""
    assert run("validate", str(KALMAR)).exit_code == 0
    md = run("report", str(KALMAR), "--period", "plan").stdout
    assert "| Id | Processgrupp › Process › Delprocess | Risk |" in md
    assert "| K2 | Ledningsprocesser › Fastställa mål och fördela resurser |" in md
    assert "hänger på en person. Möjlighet till ökad kvalitet finns | 3 | 2 | 6 | medel |" in md
    assert "En risk är kritisk från riskvärde 10." in md
    assert "| Stickprov | Månadsvis | Anette Klinth |" in md
    s = _status(run, KALMAR, "helår")
    assert s["risker"] == {
        "totalt": 4,
        "kritiska": 0,
        "ej_kritiska": 4,
        "med_kontrollmoment": 1,
        "med_åtgärder": 0,
        "ej_valda": 0,
    }


def test_malmo_template_fields_and_yearly_common_granskningar(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Malmö's template: Enhet and Riskansvarig per risk, Syfte med granskningen per granskning; the three
    kommungemensamma granskningar change from 2019 to 2020."""
    md = run("report", str(MILJO), "--period", "plan").stdout
    assert "**Enhet:** Miljönämnden  \n**Riskansvarig:** Avdelningschefer för tillsyn och kontroll" in md
    assert "Syfte med granskningen: Kontrollera att de beslutade tillsynsplanerna efterlevs" in md
    import shutil

    folder = tmp_path / "malmo"
    shutil.copytree(MILJO.parent, folder)
    plan2020 = folder / "miljonamnden-2020.yaml"
    plan2020.write_text(MILJO.read_text(encoding="utf-8").replace("år: 2019", "år: 2020"), encoding="utf-8")
    out = run("validate", str(plan2020)).output
    for name in ("Risk för otillåten påverkan", "Röjande av sekretess"):
        assert f"({name}), som gäller från 2020, saknas i planen" in out
    assert "'löneskuld' är inget kommungemensamt" not in out and "(Löneskuld)" not in out


BOTKYRKA = KOMMUNER / "botkyrka" / "miljo-och-halsoskyddsnamnden-2020.yaml"


def test_botkyrka_ten_kontrollpunkter_seven_godkanda(run) -> None:  # type: ignore[no-untyped-def]
    """'Av totalt 10 kontrollpunkter … 7 st godkända, 3 st med godtagbart resultat. Alla kontrollpunkter har
    genomförts.' (Botkyrka miljö- och hälsoskyddsnämnd, uppföljning 2020)."""
    s = _status(run, BOTKYRKA, "helår")
    assert (s["counts"]["utan_anmärkning"], s["counts"]["mindre_anmärkning"], s["counts"]["ej_genomförd"]) == (7, 3, 0)
    assert (s["rapporterade"], s["utförda"]) == (10, 10)  # "Alla kontrollpunkter har genomförts"
    assert s["ord"]["resultat"]["utan_anmärkning"] == "Godkänd"
    md = _report(run, BOTKYRKA, "helår")
    assert "För sju av tio kontrollmoment är resultatet ”Godkänd”." in md
    assert "För tre av tio kontrollmoment är resultatet ”Godtagbart resultat”." in md
