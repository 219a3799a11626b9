"""Reports a nämnd can publish as they are: accessible HTML in a real browser, PDF/UA, clean Markdown.

The browser test runs Debian's Chromium through Playwright (`.ci/run` installs it) with axe-core;
it skips only where no Chromium exists at all.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import AMN, KS, ROOT

FIX = Path(__file__).resolve().parent / "fixtures"
CHROMIUM = next((p for p in ("/usr/bin/chromium", shutil.which("chromium") or "") if p and Path(p).exists()), None)
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "best-practice"]
CASES = [
    (AMN, "delår"),
    (KS, "delår"),
    (AMN, "plan"),
    (FIX / "vasentlighet" / "plan.yaml", "plan"),
    (FIX / "namnder" / "socialnamnden.yaml", "helår"),
    # schemaversion 2: bruttorisklista, process › delprocess, kontrollmål and the kommun's own fields
    (ROOT / "tests" / "kommuner" / "mellerud" / "byggnadsnamnden-2019.yaml", "plan"),
    (ROOT / "tests" / "kommuner" / "mellerud" / "byggnadsnamnden-2019.yaml", "helår"),
    (ROOT / "tests" / "kommuner" / "processer" / "kommunstyrelsen-2024.yaml", "plan"),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if CHROMIUM is None:
        pytest.skip("ingen Chromium på maskinen (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.mark.slow
@pytest.mark.parametrize(("plan", "period"), CASES, ids=lambda v: getattr(v, "stem", v))
def test_html_passes_axe_and_fits_narrow_and_wide_windows(run, browser, tmp_path: Path, plan, period) -> None:
    from axe_playwright_python.sync_playwright import Axe

    target = tmp_path / "rapport.html"
    result = run("report", str(plan), "-p", period, "-f", "html", "-o", str(target), "--date", "2025-09-01")
    assert result.exit_code == 0, result.output
    for width in (1280, 390):
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(target.as_uri())
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{plan.name} {period}: {overflow} px horisontell rullning vid {width} px"
        report = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
        violations = [(v["id"], [n["html"][:120] for n in v["nodes"]]) for v in report.response["violations"]]
        assert violations == [], f"{plan.name} {period} vid {width} px: {violations}"
        page.close()


@pytest.mark.slow
def test_html_prints_on_a4_without_clipping(run, browser, tmp_path: Path) -> None:
    target = tmp_path / "amn.html"
    run("report", str(AMN), "-f", "html", "-o", str(target), "--date", "2024-09-10")
    page = browser.new_page()
    page.goto(target.as_uri())
    page.emulate_media(media="print")
    # At A4 landscape content width (about 25 cm = 945 px) no table is wider than its page.
    page.set_viewport_size({"width": 945, "height": 700})
    widest = page.evaluate(
        "Math.max(...[...document.querySelectorAll('table')].map(t => t.scrollWidth - t.clientWidth))"
    )
    assert widest <= 0
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    assert pdf.startswith(b"%PDF")
    page.close()


@pytest.mark.slow
def test_pdf_is_tagged_pdf_ua_on_a4_with_a_landscape_bilaga(run, tmp_path: Path) -> None:
    pytest.importorskip("weasyprint")
    from pypdf import PdfReader

    target = tmp_path / "amn.pdf"
    result = run("report", str(AMN), "-f", "pdf", "-o", str(target), "--date", "2024-09-10")
    assert result.exit_code == 0, result.output
    reader = PdfReader(str(target))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "sv"
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert "pdfuaid:part" in xmp or "<pdfuaid:part>1</pdfuaid:part>" in xmp
    assert reader.metadata is not None
    assert reader.metadata.title == "Delrapportering Internkontrollplan 2024"
    assert reader.metadata.author == "Arbetsmarknadsförvaltningen"
    sizes = [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages]
    assert sizes[0] == (595, 842)  # A4 portrait: the tjänsteskrivelse
    assert (842, 595) in sizes  # A4 landscape: the Bilaga's table
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    assert titles[:1] == ["Delrapportering Internkontrollplan 2024"]
    assert any(t.startswith("Bilaga 1. Delrapportering av internkontrollplan 2024") for t in titles)


@pytest.mark.slow
def test_pdf_needs_a_file_and_is_reproducible(run, tmp_path: Path) -> None:
    pytest.importorskip("weasyprint")
    result = run("report", str(KS), "-f", "pdf")
    assert result.exit_code == 2 and "ange -o RAPPORT.pdf" in result.output
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    for target in (a, b):
        assert run("report", str(KS), "-f", "pdf", "-o", str(target), "--date", "2025-09-01").exit_code == 0
    from pypdf import PdfReader

    # Same text and properties (the bytes of compressed object streams may be ordered differently).
    ra, rb = PdfReader(str(a)), PdfReader(str(b))
    assert [p.extract_text() for p in ra.pages] == [p.extract_text() for p in rb.pages]
    assert ra.metadata == rb.metadata and ra.metadata is not None
    assert ra.metadata["/CreationDate"] == "D:20250901"


def test_pdf_without_weasyprint_says_how_to_get_it(run, tmp_path: Path, monkeypatch) -> None:
    import builtins

    real_import = builtins.__import__

    def no_weasyprint(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "weasyprint":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_weasyprint)
    result = run("report", str(KS), "-f", "pdf", "-o", str(tmp_path / "x.pdf"))
    assert result.exit_code == 1
    assert "pip install 'ikplan[pdf]'" in result.output
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize(("plan", "period"), CASES, ids=lambda v: getattr(v, "stem", v))
def test_markdown_has_no_escaped_html(run, plan, period) -> None:
    out = run("report", str(plan), "-p", period, "--date", "2025-09-01").stdout
    assert "&lt;" not in out and "&gt;" not in out and "&amp;" not in out


def test_amn_bilaga_title_agrees_with_the_decision_text(run) -> None:
    out = run("report", str(AMN), "--date", "2024-09-10").stdout
    title = "Delrapportering av internkontrollplan 2024 för arbetsmarknadsförvaltningen"
    assert f"# Bilaga 1. {title}" in out
    assert f"- Bilaga 1. {title}, daterad den 10 september 2024." in out
    # The Bilaga has its own header block, as the seed's page 1 of the Bilaga.
    assert "Bilaga 1 till arbetsmarknadsnämndens ärende, AMN-2024-00318, 10 september 2024" in out
    # Two åtgärder in one cell are separated by a line break, never by escaped HTML.
    assert "(slutdatum: hösten 2024)<br><br>" in out


def test_report_texts_stand_before_or_after_computed_paragraphs(run, tmp_path: Path) -> None:
    text = AMN.read_text(encoding="utf-8")
    marker = "      Bilaga 1 i ärendet utgör förvaltningens återrapportering av arbetet utifrån planen"
    own = "      [resultat]\n\n      Det indikerar ett behov av förstärkta åtgärder under återstoden av 2024.\n\n"
    plan = tmp_path / "uppsala" / "amn-2024.yaml"
    plan.parent.mkdir()
    shutil.copy(AMN.parent / "ikplan.yaml", plan.parent / "ikplan.yaml")
    plan.write_text(text.replace(marker, own + marker, 1), encoding="utf-8")
    out = run("report", str(plan), "--date", "2024-09-10").stdout
    computed = out.index("För sju av nio kontrollmoment är granskningen gjord utan anmärkning.")
    mine = out.index("Det indikerar ett behov av förstärkta åtgärder")
    bilaga = out.index("Bilaga 1 i ärendet utgör")
    assert computed < mine < bilaga
    assert "[resultat]" not in out
    ärendet = out[out.index("## Ärendet") : out.index("## Beredning")]
    assert ärendet.count("För sju av nio kontrollmoment") == 1


def _xml(path: Path, name: str) -> str:
    import zipfile

    with zipfile.ZipFile(path) as z:
        return z.read(name).decode("utf-8")


def test_word_is_a4_swedish_with_the_reports_properties(run, tmp_path: Path) -> None:
    from docx import Document

    target = tmp_path / "amn.docx"
    assert run("report", str(AMN), "-f", "docx", "-o", str(target), "--date", "2024-09-10").exit_code == 0
    doc = Document(str(target))
    # The tjänsteskrivelse in A4 portrait, the Bilaga in A4 landscape, each with its own header.
    assert len(doc.sections) == 2
    portrait, landscape = doc.sections
    assert (round(portrait.page_width.cm, 1), round(portrait.page_height.cm, 1)) == (21.0, 29.7)
    assert (round(landscape.page_width.cm, 1), round(landscape.page_height.cm, 1)) == (29.7, 21.0)
    assert round(portrait.left_margin.cm, 1) == 2.5
    assert not landscape.header.is_linked_to_previous
    head1 = " ".join(p.text for p in portrait.header.paragraphs)
    head2 = " ".join(p.text for p in landscape.header.paragraphs)
    assert "Arbetsmarknadsförvaltningen" in head1 and "Tjänsteskrivelse" in head1
    assert "Arbetsmarknadsnämnden" in head2 and "Bilaga 1" in head2
    assert "Ingrid Edberg" in " ".join(c.text for t in landscape.header.tables for c in t._cells)
    # Language, properties: the report's, never python-docx's.
    styles = _xml(target, "word/styles.xml")
    assert 'w:lang w:val="sv-SE"' in styles and "en-US" not in styles
    assert "<w:autoHyphenation/>" in _xml(target, "word/settings.xml")
    props = doc.core_properties
    assert props.title == "Delrapportering Internkontrollplan 2024"
    assert props.author == "Arbetsmarknadsförvaltningen"
    assert props.created is not None and props.created.date().isoformat() == "2024-09-10"
    assert props.modified == props.created
    assert props.language == "sv-SE"
    core = _xml(target, "docProps/core.xml")
    assert "python-docx" not in core and "2013" not in core
    # Headings are real heading styles; table header rows are marked and repeat.
    headings = [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert ("Heading 1", "Delrapportering Internkontrollplan 2024") in headings
    assert (
        "Heading 1",
        "Bilaga 1. Delrapportering av internkontrollplan 2024 för arbetsmarknadsförvaltningen",
    ) in headings
    assert ("Heading 2", "Sammanfattning av granskningar") in headings
    body = doc.element.body.xml
    assert body.count('<w:tblHeader w:val="true"/>') == len(doc.tables) == 4


def test_word_ks_has_the_critical_risks_in_arendet_and_no_empty_bilaga(run, tmp_path: Path) -> None:
    from docx import Document

    target = tmp_path / "ks.docx"
    assert run("report", str(KS), "-f", "docx", "-o", str(target), "--date", "2025-09-01").exit_code == 0
    doc = Document(str(target))
    assert len(doc.sections) == 1  # the template's Bilaga section is dropped when there is no Bilaga
    texts = [p.text for p in doc.paragraphs]
    assert not any(t.startswith("Bilaga 1") for t in texts)
    assert texts.index("Uppföljning av kritiska risker i kommunstyrelsens internkontrollplan 2025") < texts.index(
        "Beredning"
    )
    # One two-column table per critical risk, as the seed prints them.
    assert len(doc.tables) == 2
    assert [r.cells[0].text for r in doc.tables[0].rows][:2] == ["Risk (ansvarsområde/ process)", "Riskvärde"]
    assert doc.tables[0].rows[1].cells[1].text == "9" and doc.tables[1].rows[1].cells[1].text == "8"
    header = " ".join(c.text for t in doc.sections[0].header.tables for c in t._cells)
    assert "Handläggare" not in header  # the KS document names none: no empty field


@pytest.mark.slow
def test_summary_html_passes_axe(run, browser, tmp_path: Path) -> None:
    from axe_playwright_python.sync_playwright import Axe

    target = tmp_path / "sammanstallning.html"
    result = run("summary", str(FIX / "kommun"), "-f", "html", "-o", str(target), "--datum", "2026-01-20")
    assert result.exit_code == 0, result.output
    for width in (1280, 390):
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(target.as_uri())
        assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
        report = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
        assert [v["id"] for v in report.response["violations"]] == []
        page.close()


def test_one_bilaga_table_with_omrade_rows(run, tmp_path: Path) -> None:
    folder = tmp_path / "uppsala"
    folder.mkdir()
    shutil.copy(AMN, folder / AMN.name)
    config = (AMN.parent / "ikplan.yaml").read_text(encoding="utf-8")
    (folder / "ikplan.yaml").write_text(config + "rapport: {bilaga_en_tabell: true}\n", encoding="utf-8")
    md = run("report", str(folder / AMN.name), "--datum", "2024-09-10").stdout
    assert md.count("| Nr | Riskbeskrivning |") == 1 and "### Finansiell kontroll" not in md
    assert "| | **Finansiell kontroll** | | | | | |" in md
    html = run("report", str(folder / AMN.name), "--datum", "2024-09-10", "-f", "html").stdout
    assert html.count("<caption>Kontrollmoment per område</caption>") == 1 and html.count('<table class="rows">') == 1
    assert '<tr><th scope="colgroup" colspan="7">Finansiell kontroll</th></tr>' in html
    default = run("report", str(AMN), "--datum", "2024-09-10").stdout
    assert default.count("| Nr | Riskbeskrivning |") == 4  # one table per område, as the seed
