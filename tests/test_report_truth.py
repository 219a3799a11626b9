"""`ikplan report` says the right figures in the kommun's words: each result's sentence lists its own
kontrollmoment, unknown is not zero, numbers agree with their nouns, critical risks are named, overdue
åtgärder from an earlier period stay in view, and the plan report shows all that the plan holds, in its
order. Every test goes through the CLI."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document

from tests.conftest import AMN

FIX = Path(__file__).resolve().parent / "fixtures"
ORD = FIX / "egna_ord"
VON = ORD / "2025" / "von.yaml"
MALMO = FIX / "egna_substantiv" / "plan.yaml"
DAY = "2025-09-15"


def _md(run, plan: Path, period: str, day: str = DAY) -> str:  # type: ignore[no-untyped-def]
    result = run("report", str(plan), "--period", period, "--datum", day)
    assert result.exit_code == 0, result.output
    return str(result.stdout)


def _html(run, plan: Path, period: str) -> str:  # type: ignore[no-untyped-def]
    result = run("report", str(plan), "--period", period, "-f", "html", "--datum", DAY)
    assert result.exit_code == 0, result.output
    return re.sub(r"<[^>]+>", " ", str(result.stdout))


def _docx(run, plan: Path, period: str, tmp: Path) -> str:  # type: ignore[no-untyped-def]
    target = tmp / f"{plan.stem}-{period}.docx"
    result = run("report", str(plan), "--period", period, "-f", "docx", "-o", str(target), "--datum", DAY)
    assert result.exit_code == 0, result.output
    doc = Document(str(target))
    parts = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        for row in t.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


def _summary(md: str) -> str:
    """The computed paragraph of Bilaga 1 (Sammanfattning av granskningar)."""
    return md.split("## Sammanfattning av granskningar\n\n", 1)[1].split("\n", 1)[0]


def _controls(results: list[str]) -> str:
    return "".join(
        f"      - {{id: K{i}, nummer: {i}, beskrivning: k{i}, kontrollmetod: m, ansvarig: a,"
        f" uppföljning: {{tertial2: {{resultat: {r}}}}}}}\n"
        for i, r in enumerate(results, start=1)
    )


def _kommun_plan(tmp: Path, body: str, head: str = "") -> Path:
    """A plan of Ordkommun (its words, its tertial periods) in a folder of its own."""
    (tmp / ".git").mkdir(exist_ok=True)
    shutil.copy(ORD / "ikplan.yaml", tmp / "ikplan.yaml")
    path = tmp / "plan.yaml"
    path.write_text(
        "schemaversion: 2\nkommun: Ordkommun\nnämnd: Tekniska nämnden\når: 2025\n" + head + body, encoding="utf-8"
    )
    return path


def _default_plan(tmp: Path, body: str) -> Path:
    """A plan with ikplan's own words and the delår/helår periods."""
    (tmp / ".git").mkdir(exist_ok=True)
    path = tmp / "plan.yaml"
    path.write_text("schemaversion: 2\nnämnd: Testnämnden\når: 2025\n" + body, encoding="utf-8")
    return path


# --- each result's sentence lists exactly its own items -------------------------------------------


def test_each_own_word_result_lists_exactly_its_items(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    results = ["Godkänd med brister", *["Godkänd"] * 3, "Godkänd med brister", "Godkänd", "Godkänd", "Ej godkänd"]
    results += ["Godkänd", "Godkänd"]
    plan = _kommun_plan(tmp_path, "risker:\n  - id: R1\n    beskrivning: r\n    kontrollmoment:\n" + _controls(results))
    text = _summary(_md(run, plan, "tertial2"))
    minor = (
        "För två av tio kontrollmoment är resultatet ”Godkänd med brister”. "
        "Det gäller kontrollmoment 1 och kontrollmoment 5."
    )
    major = "För ett av tio kontrollmoment är resultatet ”Ej godkänd”. Det gäller kontrollmoment 8."
    assert "För sju av tio kontrollmoment är resultatet ”Godkänd”." in text
    assert minor in text and major in text
    assert text.index(minor) < text.index(major)
    assert "kontrollmoment 1, 5 och 8" not in text and text.count("Det gäller") == 2


def test_canonical_words_each_remark_followed_by_its_own_list(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """'Det gäller kontrollmoment K1 och K4' came after the last remark sentence, not after its own."""
    results = ["med mindre anmärkning", "utan anmärkning", "utan anmärkning", "med väsentlig anmärkning"]
    body = "risker:\n  - id: R1\n    beskrivning: r\n    kontrollmoment:\n" + _controls(results).replace(
        "tertial2", "delår"
    )
    text = _summary(_md(run, _default_plan(tmp_path, body), "delår"))
    assert text.startswith(
        "För två av fyra kontrollmoment är granskningen gjord utan anmärkning. "
        "I ett fall är granskningen gjord med mindre anmärkning. Det gäller kontrollmoment 1. "
        "I ett fall är granskningen gjord med väsentlig anmärkning. Det gäller kontrollmoment 4."
    )


# --- unknown is not zero ----------------------------------------------------------------------------


def test_sampled_without_avvikelser_gives_no_share(run) -> None:  # type: ignore[no-untyped-def]
    md = _md(run, VON, "tertial2")
    assert "För kontrollmoment 1 (utbetalningar) redovisas 40 granskade poster men inte antalet avvikelser." in md
    assert "korrekta" not in md and "100 %" not in md


def test_sampled_with_avvikelser_gives_the_share(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    body = (
        "risker:\n  - id: R1\n    beskrivning: r\n    kontrollmoment:\n"
        "      - {id: K1, nummer: 1, beskrivning: k, kontrollmetod: m, ansvarig: a, stickprov_avser: fakturor,"
        " uppföljning: {delår: {resultat: med mindre anmärkning, granskade: 40, avvikelser: 0}}}\n"
    )
    md = _md(run, _default_plan(tmp_path, body), "delår")
    assert "Av 40 granskade fakturor var 40 (100 %) korrekta." in md


# --- number agreement -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("occasions", "expected"),
    [
        ("planerade_tillfällen: 1, tillfällen: [{namn: juni, utförd: false}]", "inte vid det enda tillfället."),
        ("planerade_tillfällen: 1, tillfällen: [{namn: juni}]", "kontrollerades vid det enda tillfället."),
        (
            "planerade_tillfällen: 2, tillfällen: [{namn: maj, utförd: false}, {namn: juni, utförd: false}]",
            "inte vid något av de två tillfällena.",
        ),
        (
            "planerade_tillfällen: 2, tillfällen: [{namn: maj, utförd: false}, {namn: juni}]",
            "vid ett av två tillfällen.",
        ),
        ("planerade_tillfällen: 2, tillfällen: [{namn: maj}, {namn: juni}]", "kontrollerades vid båda tillfällena."),
        ("planerade_tillfällen: 24, tillfällen: [{namn: maj}]", "inte vid 23 av 24 tillfällen."),
        ("planerade_tillfällen: 13, tillfällen: [{namn: maj, utförd: false}]", "inte vid något av de 13 tillfällena."),
    ],
)
def test_occasions_agree_in_number(run, tmp_path: Path, occasions: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    body = (
        "risker:\n  - id: R1\n    beskrivning: r\n    kontrollmoment:\n"
        "      - {id: K1, nummer: 1, beskrivning: k, kontrollmetod: m, ansvarig: a,"
        f" uppföljning: {{delår: {{resultat: utan anmärkning, {occasions}}}}}}}\n"
    )
    md = _md(run, _default_plan(tmp_path, body), "delår")
    assert expected in md
    assert "ett av ett" not in md and "av 1 tillfällen" not in md


def test_all_actions_done_says_samtliga(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    actions = "".join(
        f"      - {{beskrivning: Åtgärd {i}, ansvarig: Chef, slutdatum: 2025-06-30, status: genomförd}}\n"
        for i in range(27)
    )
    body = "risker:\n  - id: R1\n    beskrivning: r\n    hantering: [åtgärd]\n    åtgärder:\n" + actions
    md = _md(run, _default_plan(tmp_path, body), "delår")
    assert "Samtliga 27 åtgärder i årets plan är genomförda." in md
    assert "Av de 27" not in md


def test_amn_plan_report_has_a_space_before_the_critical_sentence(run) -> None:  # type: ignore[no-untyped-def]
    md = _md(run, AMN, "plan")
    assert "= riskvärde. En risk är kritisk från riskvärde 9." in md
    assert "riskvärde.En" not in md


# --- critical risks, overdue åtgärder, follow-ups on a risk with kontrollmoment -------------------


def test_items_of_critical_risks_are_called_critical(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    md = _md(run, VON, "tertial2")
    assert "Två av dessa risker har ett riskvärde som värderar risken som kritisk." in md
    assert (
        "Den kritiska risken Felaktiga utbetalningar (riskvärde 16) följs upp genom kontrollmoment 1 (utbetalningar)"
        " och kontrollmoment 2 (attest); resultatet är ”Godkänd” respektive ”Godkänd med brister”." in md
    )
    rows = [line for line in md.splitlines() if line.startswith(("| 1 |", "| 2 |", "| 3 |"))]
    assert [("*Kritisk risk (riskvärde 16):*" in r) for r in rows] == [True, True, False]
    # the conclusion names the risk it speaks of, since another critical risk has kontrollmoment
    assert "Sammanställningen visar att den kritiska risken Kompetensförsörjning har hanterats enligt plan." in md
    assert "Kritisk risk (riskvärde 16): Risk att ersättning" in _docx(run, VON, "tertial2", tmp_path)


def test_overdue_action_of_an_earlier_period_stays_in_the_report(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    md = _md(run, VON, "tertial2")
    row = next(line for line in md.splitlines() if line.startswith("| 3 |"))
    assert (
        "Ny rutin för bevakning av verkställighet (slutdatum: 2025-06-30), Pågår, försenad, beslutad tertial 1" in row
    )
    assert (
        "En åtgärd är försenad: Ny rutin för bevakning av verkställighet, för kontrollmoment 3 (verkställighet),"
        " med slutdatum 2025-06-30 och status ”Pågår”." in md
    )
    assert "Pågår, försenad, beslutad tertial 1" in _html(run, VON, "tertial2")
    assert "Pågår, försenad, beslutad tertial 1" in _docx(run, VON, "tertial2", tmp_path)


def test_follow_up_on_a_risk_with_controls_is_reported(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    body = (
        "risker:\n  - id: R1\n    titel: Felaktiga utbetalningar\n    beskrivning: r\n    hantering: [kontrollmoment]\n"
        "    kontrollmoment:\n"
        "      - {id: K1, nummer: 1, beskrivning: k, kontrollmetod: m, ansvarig: a,"
        " uppföljning: {delår: {resultat: utan anmärkning}}}\n"
        "    uppföljning:\n      delår:\n        följer_plan: nej\n        kommentar: Rutinen är inte införd.\n"
    )
    plan = _default_plan(tmp_path, body)
    md = _md(run, plan, "delår")
    assert "För risk R1 (Felaktiga utbetalningar) finns också en uppföljning av risken som helhet." in md
    assert "## Uppföljning av risker med kontrollmoment" in md
    assert "| R1: Felaktiga utbetalningar | – | kontrollmoment 1 | Nej |  | Rutinen är inte införd. |  |" in md
    assert "Rutinen är inte införd." in _html(run, plan, "delår")
    assert "Rutinen är inte införd." in _docx(run, plan, "delår", tmp_path)


# --- the plan report ----------------------------------------------------------------------------


def test_plan_report_shows_all_the_plan_holds_in_its_order(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    md = _md(run, VON, "plan")
    block = md.split("## Risker\n\n")[1].split("\n\n")[0]
    table = [line.split(" | ")[0][2:] for line in block.splitlines()]
    assert table[2:] == ["1", "3\\.8", "3\\.10", "4", "5", "6"]  # the plan's order, after the header rows
    headings = re.findall(r"^### (\S+):", md, flags=re.MULTILINE)
    assert headings == ["1", "3\\.8", "3\\.10", "4", "5", "6"]
    assert "**Felaktiga utbetalningar**<br>Utbetalningar: Risk att ersättning" in md
    assert "| Rekryteringskampanj för sjuksköterskor | HR-chef | 2025-05-31 | Klar |" in md
    assert "| Introduktionsprogram för nyanställda | HR-chef | 2025-12-31 | Ej startad |" in md
    for text in ("Attestordning", "Stickprov varje tertial", "Låg risk och kontrollen kostar mer än den ger."):
        assert text in md
    html = _html(run, VON, "plan")
    docx = _docx(run, VON, "plan", tmp_path)
    for out in (html, docx):
        for text in (
            "Felaktiga utbetalningar",
            "Befintliga kontroller",
            "Attestordning",
            "Planerad hantering",
            "Rekryteringsplan",
            "Motivering",
            "Låg risk och kontrollen kostar mer än den ger.",
            "Rekryteringskampanj för sjuksköterskor",
            "Ej startad",
            "Rapporteras till",
            "Förvaltningschef",
        ):
            assert text in out, text
        assert out.index("3.8") < out.index("3.10")


def test_own_fields_of_an_area_are_shown(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / ".git").mkdir()
    (tmp_path / "ikplan.yaml").write_text(
        "schemaversion: 1\nfält:\n  - {namn: områdesansvarig, gäller: område, rubrik: Områdesansvarig}\n"
        "  - {namn: enhet, gäller: åtgärd}\n",
        encoding="utf-8",
    )
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "schemaversion: 2\nnämnd: Testnämnden\når: 2025\n"
        "områden:\n  - {id: eko, namn: Ekonomi, områdesansvarig: Ekonomichefen}\n"
        "risker:\n  - id: R1\n    område: eko\n    beskrivning: r\n    sannolikhet: 2\n    konsekvens: 2\n"
        "    hantering: [åtgärd]\n"
        "    åtgärder:\n      - {beskrivning: Ny rutin, ansvarig: Chef, slutdatum: 2025-06-30, enhet: Redovisning}\n",
        encoding="utf-8",
    )
    assert run("validate", str(plan)).exit_code == 0
    md = _md(run, plan, "plan")
    assert "## Områden" in md and "**Områdesansvarig:** Ekonomichefen" in md
    assert "| Ny rutin<br>Enhet: Redovisning | Chef | 2025-06-30 |  |" in md
    assert "Ekonomichefen" in _html(run, plan, "plan")
    assert "Områdesansvarig: Ekonomichefen" in _docx(run, plan, "plan", tmp_path)


# --- the kommun's words ---------------------------------------------------------------------------

CANONICAL = ("utan anmärkning", "med mindre anmärkning", "med väsentlig anmärkning", "genomförd", "påbörjad")


@pytest.mark.parametrize(
    ("period", "words"),
    [
        ("tertial1", ["Ej godkänd", "Pågår"]),
        ("tertial2", ["Godkänd", "Godkänd med brister", "Klar", "Pågår", "Ej startad"]),
        ("tertial3", ["Pågår", "Klar"]),
        ("plan", ["Klar", "Ej startad"]),
    ],
)
def test_von_speaks_the_kommuns_words_in_every_format(run, tmp_path: Path, period: str, words: list[str]) -> None:  # type: ignore[no-untyped-def]
    outputs = {
        "md": _md(run, VON, period),
        "html": _html(run, VON, period),
        "docx": _docx(run, VON, period, tmp_path),
    }
    for fmt, out in outputs.items():
        for word in words:
            assert word in out, (fmt, word)
        plain = out.replace("Kampanjen är genomförd.", "")  # the plan's own comment, not a status word
        for word in CANONICAL:
            assert word not in plain.lower(), (fmt, word)
    if period == "plan":
        assert "Sannolikhet × väsentlighet = riskvärde." in outputs["md"]


def test_malmo_nouns_granskning_and_direktatgard(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    md = _md(run, MALMO, "delår")
    text = _summary(md)
    assert text.startswith(
        "För en av tre granskningar är granskningen gjord utan anmärkning. "
        "I två fall är granskningen gjord med mindre anmärkning. Det gäller granskning 2 (sekretess) och granskning 3 (avtal)."
    )
    assert "Båda direktåtgärderna i årets plan är genomförda." in text
    assert "En direktåtgärd är försenad: Utbildning i sekretess, för granskning 2 (sekretess)" in text
    assert (
        "| Nr | Riskbeskrivning | Granskning | Kontrollmetod | Ansvarig | Resultat av granskning | Direktåtgärd med slutdatum |"
        in md
    )
    assert "*Obligatorisk granskning:*" in md
    assert "ska hanteras genom granskningar i internkontrollplanen" in md
    assert "kontrollmoment" not in md.replace("Resultat av granskning", "")
    plan = _md(run, MALMO, "plan")
    assert "| Direktåtgärd | Ansvarig | Slutdatum | Status |" in plan and "| Granskning | Kontrollmetod |" in plan
    assert "kontrollmoment" not in plan
    assert "granskning 2 (sekretess)" in _docx(run, MALMO, "delår", tmp_path)


# --- the footer: reproducible, from one git call ------------------------------------------------------


def test_footer_names_file_commit_and_date_from_one_git_call(run, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    calls: list[list[str]] = []
    real = subprocess.run

    def counting(args, *a, **kw):  # type: ignore[no-untyped-def]
        if args and args[0] == "git":
            calls.append(list(args))
        return real(args, *a, **kw)

    monkeypatch.setattr(subprocess, "run", counting)
    md = _md(run, AMN, "delår", "2026-11-22")
    footer = md.rstrip().splitlines()[-1]
    head = real(["git", "rev-parse", "--short=7", "HEAD"], cwd=AMN.parent, capture_output=True, text=True)
    assert footer.startswith("*Skapad med ikplan ") and "amn-2024.yaml" in footer
    assert f"(commit {head.stdout.strip()}" in footer and footer.endswith("den 2026-11-22.*")
    assert len(calls) == 1


def test_footer_says_when_the_plan_has_local_changes(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    git("init", "-q")
    git("-c", "user.email=a@b", "-c", "user.name=a", "commit", "-q", "--allow-empty", "-m", "start")
    plan = tmp_path / "plan.yaml"
    plan.write_text("schemaversion: 2\nnämnd: Testnämnden\når: 2025\nrisker: []\n", encoding="utf-8")
    assert "med lokala ändringar) den" in _md(run, plan, "plan")
    git("add", "plan.yaml")
    git("-c", "user.email=a@b", "-c", "user.name=a", "commit", "-q", "-m", "plan")
    footer = _md(run, plan, "plan").rstrip().splitlines()[-1]
    assert "(commit " in footer and "lokala" not in footer


def test_plan_report_shows_the_kommuns_result_scale(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The shared scale for how serious a brist is (revisorernas fråga 8) stands in the plan for beslut."""
    import shutil

    kommun = tmp_path / "kommun"
    shutil.copytree(Path(__file__).resolve().parent / "fixtures" / "egna_ord", kommun)
    with (kommun / "ikplan.yaml").open("a", encoding="utf-8") as fh:
        fh.write("resultatdefinitioner:\n  Godkänd: Inga fel hittades.\n  Ej godkänd: Väsentliga fel.\n")
    plan = str(kommun / "2025" / "von.yaml")
    md = run("report", plan, "--period", "plan").stdout
    assert "**Resultatskala**\n\n- *Godkänd*: Inga fel hittades.\n- *Ej godkänd*: Väsentliga fel." in md
    html = run("report", plan, "--period", "plan", "-f", "html").stdout
    assert "<dt>Ej godkänd</dt><dd>Väsentliga fel.</dd>" in html
    assert "Resultatskala" not in run("report", str(VON), "--period", "plan").stdout


def test_a_report_says_what_was_late_on_its_own_date(run) -> None:  # type: ignore[no-untyped-def]
    """AMN's delårsrapport is dated 2024-09-10: its åtgärder due 'hösten 2024' were not late then, whatever
    day the report is rendered again; a date asked for (--datum) is the day they are judged on."""
    amn = str(Path(__file__).resolve().parent.parent / "plans" / "uppsala" / "amn-2024.yaml")
    now = run("report", amn, "--period", "delår").stdout
    assert "åtgärder är försenade" not in now and "åtgärd är försenad" not in now
    later = run("report", amn, "--period", "delår", "--datum", "2025-03-01").stdout
    assert "Sju åtgärder är försenade" in later
