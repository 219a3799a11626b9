"""`ikplan report` through the CLI: Markdown, HTML and Word, from the seed plans and test plans."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from tests.conftest import AMN, KS, MINIMAL

FIX = Path(__file__).resolve().parent / "fixtures"
AMN_OUTCOME = (
    "För sju av nio kontrollmoment är granskningen gjord utan anmärkning. "
    "I två fall är granskningen gjord med mindre anmärkning. "
    "Det gäller kontrollmoment 3 (uppföljning av insatser) och "
    "kontrollmoment 9 (förebyggande arbete mot välfärdsbrottslighet)."
)
KS_CRITICAL = (
    "I nämndens internkontrollplan 2025 hanterades 35 risker. "
    "Två av dessa risker har ett riskvärde som värderar risken som kritisk. "
    "De kritiska riskerna ska omhändertas i det systematiska förbättringsarbetet. "
    "Sammanställningen visar att de kritiska riskerna har hanterats enligt plan."
)


def test_amn_delar_markdown_holds_the_seed(run) -> None:
    result = run("report", str(AMN), "--period", "delår", "--date", "2026-11-22")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.count(AMN_OUTCOME) == 2  # in Ärendet and in Bilaga 1
    assert "# Delrapportering Internkontrollplan 2024" in out
    assert "| 2024-09-10 | AMN-2024-00318 | Ingrid Edberg |" in out
    assert "1. **att** godkänna delrapportering av internkontrollplan för 2024 samt" in out
    for heading in (
        "## Förslag till beslut",
        "## Ärendet",
        "## Beredning",
        "## Föredragning",
        "## Ekonomiska konsekvenser",
        "## Beslutsunderlag",
    ):
        assert heading in out
    rows = [line for line in out.splitlines() if line.startswith("| ") and line.split(" | ")[0][2:].isdigit()]
    assert [int(r.split(" | ")[0][2:]) for r in rows] == list(range(1, 10))
    assert "| 1 | *Obligatorisk risk:* Det råder oklarhet" in out
    assert "**med mindre anmärkning**" in out
    assert "(slutdatum: hösten 2024)" in out
    for area in ("### Kontroller av verksamhetens arbetssätt, system och rutiner", "### Finansiell kontroll"):
        assert area in out
    assert "*Skapad med ikplan" in out and "den 2026-11-22.*" in out


def test_ks_delar_markdown_critical_table_and_conclusion(run) -> None:
    out = run("report", str(KS), "-p", "delar", "--date", "2025-09-01").stdout
    # The seed's order: the computed sentences where the plan's markers stand, then the table in
    # the same part as the text that says "I tabellen nedan"; no Bilaga, none named.
    critical, conclusion = KS_CRITICAL.split(" Sammanställningen")
    order = [critical, "I tabellen nedan visas", "Sammanställningen" + conclusion, "## Uppföljning av kritiska risker"]
    positions = [out.index(s) for s in order]
    assert positions == sorted(positions)
    assert out.index("## Uppföljning av kritiska risker") < out.index("## Beredning")
    assert "Bilaga 1" not in out and "Handläggare" not in out and "[slutsats]" not in out
    assert (
        "| Risk (ansvarsområde/process) | Riskvärde | Befintliga aktiviteter och egenkontroller | Planerad hantering | Följer plan | Kommentar |"
        in out
    )
    assert "(Upphandling och inköp, ekonomikontoret) | 9 |" in out
    assert "(Trygghet för barn, fritids- och kulturkontoret) | 8 |" in out
    assert out.count("| Ja |") == 2
    assert "## Bakgrund" in out and "kommunallagen 6 kapitlet 6 §" in out


def test_report_is_reproducible_with_date(run) -> None:
    a = run("report", str(AMN), "--date", "2026-01-01").stdout
    b = run("report", str(AMN), "--date", "2026-01-01").stdout
    assert a == b


def test_helar_lists_open_actions_from_delar(run, tmp_path: Path) -> None:
    out = run("report", str(FIX / "namnder" / "socialnamnden.yaml"), "-p", "helår", "--date", "2026-01-15").stdout
    assert "## Uppföljning av åtgärder från tidigare perioder" in out
    assert "Av de fyra åtgärderna är en genomförd, en påbörjad och två utan angiven status." in out
    assert (
        "| Ny rutin för attest | kontrollmoment 1 (ekonomiskt bistånd) | Enhetschef | 2025-10-31 | påbörjad (försenad) | Delår |"
        in out
    )
    assert "Inget av de två kontrollmomenten har ännu följts upp för helår." in out


def test_plan_report_with_heat_map(run) -> None:
    out = run("report", str(FIX / "vasentlighet" / "plan.yaml"), "--period", "plan", "--date", "2025-01-01").stdout
    assert "# Internkontrollplan 2025 för tekniska nämnden" in out
    assert "| Sannolikhet \\ väsentlighet | 1 Ringa | 2 Lindrig | 3 Måttlig | 4 Betydande | 5 Allvarlig |" in out
    assert "| 5 Mycket sannolik | 🟨 · | 🟧 · | 🟥 · | 🟥 · | 🟥 T1 |" in out
    assert "| T1 | Drift | Avbrott i vattenförsörjningen | 5 | 5 | 25 (kritisk) | mycket hög | kontrollmoment |" in out
    assert "| kontrollmoment TK1: Provtagning | Stickprov |  | VA-chef |  |  |" in out


def test_html_report(run, tmp_path: Path) -> None:
    target = tmp_path / "ks.html"
    result = run("report", str(KS), "-f", "html", "-o", str(target), "--date", "2025-09-01")
    assert result.exit_code == 0
    html = target.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    critical, conclusion = KS_CRITICAL.split(" Sammanställningen")
    assert f"<p>{critical}</p>" in html and f"<p>Sammanställningen{conclusion}</p>" in html
    assert "Riskmatris" not in html  # no risk has sannolikhet and konsekvens to place
    # Landmarks, captions and column headers that a screen reader announces.
    assert html.count("<main>") == 1 and '<html lang="sv">' in html and "<title>" in html
    assert "<caption>Kritiska risker och hur de följer planen</caption>" in html
    assert '<th scope="col">Riskvärde</th>' in html
    plan_html = run("report", str(FIX / "vasentlighet" / "plan.yaml"), "-p", "plan", "-f", "html").stdout
    # Ids on the darkest band are white for contrast; the band colour stays the cell's background.
    assert (
        '<td style="background: #b71c1c; color: #ffffff" title="riskvärde 25, mycket hög"><span class="id">T1</span></td>'
        in plan_html
    )


def _docx_text(path: Path) -> str:
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        for row in t.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


def test_word_report_amn(run, tmp_path: Path) -> None:
    target = tmp_path / "amn.docx"
    result = run("report", str(AMN), "-f", "docx", "-o", str(target), "--date", "2026-11-22")
    assert result.exit_code == 0, result.stderr
    doc = Document(str(target))
    header = doc.sections[0].header
    assert [c.text for c in header.tables[0].rows[1].cells] == ["2024-09-10", "AMN-2024-00318", "Ingrid Edberg"]
    # the title on a line of its own: a long förvaltning name never runs into it
    assert [p.text for p in header.paragraphs[:2]] == ["Arbetsmarknadsförvaltningen", "Tjänsteskrivelse"]
    control_tables = [t for t in doc.tables if t.rows[0].cells[0].text == "Nr"]
    assert len(control_tables) == 4  # one per område
    numbers = [row.cells[0].text for t in control_tables for row in t.rows[1:]]
    assert numbers == [str(n) for n in range(1, 10)]
    assert all(t.style.name == "Table Grid" for t in control_tables)
    text = _docx_text(target)
    assert AMN_OUTCOME in text
    assert "{{" not in text and "{%" not in text
    assert "Riskmatris" not in text  # the AMN report gives no sannolikhet/konsekvens to place
    footer_xml = doc.sections[0].footer.paragraphs[0]._p.xml
    assert 'w:instr="PAGE"' in footer_xml and "Skapad med ikplan" in footer_xml


def test_word_report_ks_critical_rows(run, tmp_path: Path) -> None:
    target = tmp_path / "ks.docx"
    assert run("report", str(KS), "-f", "docx", "-o", str(target)).exit_code == 0
    doc = Document(str(target))
    cards = [t for t in doc.tables if t.rows[0].cells[0].text == "Risk (ansvarsområde/ process)"]
    assert [t.rows[1].cells[1].text for t in cards] == ["9", "8"]
    assert [t.rows[4].cells[1].text for t in cards] == ["Ja", "Ja"]
    text = _docx_text(target)
    critical, conclusion = KS_CRITICAL.split(" Sammanställningen")
    assert critical in text and "Sammanställningen" + conclusion in text


def test_word_follow_up_heat_map_with_shaded_cells(run, tmp_path: Path) -> None:
    target = tmp_path / "soc.docx"
    assert run("report", str(FIX / "namnder" / "socialnamnden.yaml"), "-f", "docx", "-o", str(target)).exit_code == 0
    heat = Document(str(target)).tables[-1]
    assert [c.text for c in heat.rows[0].cells] == [
        "sannolikhet \\ konsekvens",
        "1 Försumbar",
        "2 Lindrig",
        "3 Kännbar",
        "4 Allvarlig",
    ]
    assert heat.rows[2].cells[3].text == "S1"  # sannolikhet 3, konsekvens 3
    assert 'w:fill="E53935"' in heat.rows[2].cells[3]._tc.xml
    assert 'w:fill="4CAF50"' in heat.rows[4].cells[1]._tc.xml


def test_word_plan_report(run, tmp_path: Path) -> None:
    target = tmp_path / "plan.docx"
    assert (
        run("report", str(FIX / "vasentlighet" / "plan.yaml"), "-p", "plan", "-f", "docx", "-o", str(target)).exit_code
        == 0
    )
    doc = Document(str(target))
    heat = next(t for t in doc.tables if t.rows[0].cells[0].text.startswith("sannolikhet"))
    assert len(heat.rows) == 6 and len(heat.rows[0].cells) == 6
    assert heat.rows[1].cells[5].text == "T1"


def test_docx_needs_output_and_refuses_to_overwrite(run, tmp_path: Path) -> None:
    assert run("report", str(KS), "-f", "docx").exit_code == 2
    target = tmp_path / "r.md"
    target.write_text("mitt eget arbete", encoding="utf-8")
    result = run("report", str(KS), "-o", str(target))
    assert result.exit_code == 1
    assert "finns redan; använd --force" in result.stderr
    assert target.read_text(encoding="utf-8") == "mitt eget arbete"
    assert run("report", str(KS), "-o", str(target), "--force").exit_code == 0
    assert "Sammanställningen visar" in target.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["r.md"]  # no temporary files left behind


@pytest.mark.parametrize(
    "template,message",
    [
        ("{{ finns_inte }}", "okänd variabel i mallen"),
        ("{{ plan.__class__.__mro__ }}", "inte är tillåtet"),
        ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "inte är tillåtet"),
        ("{% for %}", "mallen"),
    ],
)
def test_hostile_or_broken_template_is_refused(run, tmp_path: Path, template: str, message: str) -> None:
    path = tmp_path / "mall.md.j2"
    path.write_text(template, encoding="utf-8")
    result = run("report", str(KS), "--template", str(path))
    assert result.exit_code == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_user_template_and_config_template(run, tmp_path: Path) -> None:
    (tmp_path / "ikplan.yaml").write_text(
        "schemaversion: 1\nrapport:\n  mall_md: mallar/egen.md.j2\n", encoding="utf-8"
    )
    (tmp_path / "mallar").mkdir()
    (tmp_path / "mallar" / "egen.md.j2").write_text("Egen: {{ summary.outcome_text }}\n", encoding="utf-8")
    plan = tmp_path / "p.yaml"
    plan.write_text(MINIMAL, encoding="utf-8")
    out = run("report", str(plan)).stdout
    assert out == "Egen: Inget av de ett kontrollmomentet har ännu följts upp för delår.\n" or out.startswith("Egen: ")
    other = tmp_path / "annan.md.j2"
    other.write_text("{{ plan.board }}\n", encoding="utf-8")
    assert run("report", str(plan), "--template", str(other)).stdout == "Testnämnden\n"


def test_user_text_stays_text(run, tmp_path: Path) -> None:
    hostile = (
        MINIMAL.replace("beskrivning: En risk", 'beskrivning: "A | B <script>alert(1)</script> {{ plan.board }} *x*"')
        + "        uppföljning:\n          delår:\n            resultat: utan anmärkning\n"
    )
    plan = tmp_path / "p.yaml"
    plan.write_text(hostile, encoding="utf-8")
    md = run("report", str(plan)).stdout
    assert "<script>" not in md and "&lt;script&gt;" in md
    assert "A \\| B" in md and "{{ plan.board }}" in md
    html = run("report", str(plan), "-f", "html").stdout
    assert "<script>" not in html and "&lt;script&gt;" in html
    target = tmp_path / "p.docx"
    assert run("report", str(plan), "-f", "docx", "-o", str(target)).exit_code == 0
    assert "A | B <script>alert(1)</script> {{ plan.board }} *x*" in _docx_text(target)


def test_report_of_a_broken_plan(run, tmp_path: Path) -> None:
    plan = tmp_path / "p.yaml"
    plan.write_text("schemaversion: 1\nnämnd: [\n", encoding="utf-8")
    result = run("report", str(plan))
    assert result.exit_code == 1
    assert "IK001" in result.stderr
    assert run("report", str(tmp_path / "saknas.yaml")).exit_code == 2
