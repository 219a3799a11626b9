"""The Word report carries the verdict per process (område) that Markdown and HTML carry.

The verdicts here are written into copies of the plans: the Kalmar source names the processes and the
scale but not the colour of each process, and Ordkommun's fixture states none, so each test says its own.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from docx import Document
from docx.table import Table
from docx.text.paragraph import Paragraph

ROOT = Path(__file__).resolve().parent.parent
KALMAR_DIR = ROOT / "tests" / "kommuner" / "kalmar-ks-2020"
KALMAR = KALMAR_DIR / "kommunstyrelsen-2020.yaml"
EGNA_ORD = ROOT / "tests" / "fixtures" / "egna_ord"
HEADER = ["Process", "Bedömning", "Betydelse"]
HEADING = "Bedömning per process"
GULT = (
    "Den samlade bedömningen är att den interna kontrollen inom processen har vissa brister. Bedömningen är "
    "dock att berörda nämnder själv korrigerar detta genom vidtagna kontrollmoment och aktiviteter. "
    "Kommunstyrelsen behöver inte agera i nuläget."
)
ROTT = (
    "Den samlade bedömningen är att den interna kontrollen inom processen inte är tillfredställande. "
    "Kommunstyrelsen bör agera mot berörda nämnder och tillse att nämnden säkerhetsställer sin interna "
    "kontroll inom processen."
)


def _kalmar_with_verdicts(tmp: Path) -> Path:
    """Kalmar's plan with a colour for each of its processes, one of them written in lower case."""
    folder = tmp / "kalmar"
    shutil.copytree(KALMAR_DIR, folder)
    plan = folder / KALMAR.name
    text = plan.read_text(encoding="utf-8")
    before = (
        "  - {id: samhallsskydd, namn: Bedriva samhällsskydd och säkerhetsarbete}\n"
        "  - {id: fysiska-samhallet, namn: Förvalta och utveckla det fysiska samhället}\n"
    )
    after = (
        "  - {id: samhallsskydd, namn: Bedriva samhällsskydd och säkerhetsarbete, bedömning: {helår: Rött}}\n"
        "  - {id: fysiska-samhallet, namn: Förvalta och utveckla det fysiska samhället,"
        " bedömning: {helår: gult}}\n"
    )
    assert before in text
    plan.write_text(text.replace(before, after), encoding="utf-8")
    return plan


def _ordkommun_with_verdicts(tmp: Path) -> Path:
    """Ordkommun's VON plan with its own scale and a verdict for one of two områden in tertial 2 only."""
    folder = tmp / "egna_ord"
    shutil.copytree(EGNA_ORD, folder)
    plan = folder / "2025" / "von.yaml"
    text = plan.read_text(encoding="utf-8")
    before = "områden:\n  - {id: ekonomi, namn: Ekonomi}\n"
    after = (
        "bedömningsskala:\n"
        "  - {ord: Säker, betydelse: Kontrollen fungerar.}\n"
        "  - {ord: Osäker, betydelse: Kontrollen har brister som förvaltningen rättar.}\n"
        "områden:\n  - {id: ekonomi, namn: Ekonomi, bedömning: {tertial2: Osäker}}\n"
    )
    assert before in text
    plan.write_text(text.replace(before, after), encoding="utf-8")
    return plan


def _report(run, plan: Path, out: Path, *args: str) -> Path:  # type: ignore[no-untyped-def]
    result = run("report", str(plan), "-f", "docx", "-o", str(out), *args)
    assert result.exit_code == 0, result.output
    return out


def _md_verdicts(run, plan: Path, *args: str) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    result = run("report", str(plan), "-f", "md", *args)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    if "| Process | Bedömning | Betydelse |" not in lines:
        return []
    start = lines.index("| Process | Bedömning | Betydelse |") + 2
    rows = []
    for line in lines[start:]:
        m = re.fullmatch(r"\| (.*) \| \*\*(.*)\*\* \| (.*) \|", line)
        if not m:
            break
        rows.append((m[1], m[2], m[3]))
    return rows


def _body(path: Path) -> list[Paragraph | Table]:
    doc = Document(str(path))
    return list(doc.iter_inner_content())


def _verdict_tables(path: Path) -> list[tuple[Table, Paragraph | Table | None]]:
    """Every table whose header is Process | Bedömning | Betydelse, with what stands right before it."""
    body = _body(path)
    found = []
    for i, block in enumerate(body):
        if isinstance(block, Table) and [c.text for c in block.rows[0].cells] == HEADER:
            found.append((block, body[i - 1] if i else None))
    return found


def _rows(table: Table) -> list[tuple[str, str, str]]:
    return [(r.cells[0].text, r.cells[1].text, r.cells[2].text) for r in table.rows[1:]]


def test_kalmar_word_report_has_the_verdicts_as_markdown_shows_them(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plan = _kalmar_with_verdicts(tmp_path)
    args = ("--period", "helår", "--date", "2021-04-01")
    out = _report(run, plan, tmp_path / "kalmar.docx", *args)
    tables = _verdict_tables(out)
    assert len(tables) == 1
    table, before = tables[0]
    expected = [
        ("Bedriva samhällsskydd och säkerhetsarbete", "Rött", ROTT),
        ("Förvalta och utveckla det fysiska samhället", "Gult", GULT),  # the scale's spelling, as the sentence
    ]
    assert _rows(table) == expected
    assert _md_verdicts(run, plan, *args) == expected
    # a heading names the table, and the word stands out as in the other formats
    assert isinstance(before, Paragraph) and before.text == HEADING and before.style is not None
    assert before.style.name == "Heading 3"
    assert all(run_.bold for row in table.rows[1:] for run_ in row.cells[1].paragraphs[0].runs)
    assert not any(run_.bold for row in table.rows[1:] for run_ in row.cells[2].paragraphs[0].runs)
    # no template tag is left behind, and the header row repeats on a new page
    xml = table._tbl.xml
    assert "{%" not in xml and "{{" not in xml and "tblHeader" in xml
    # the table stands in Ärendet, before Beredning
    texts = [b.text for b in _body(out) if isinstance(b, Paragraph)]
    assert texts.index("Ärendet") < texts.index(HEADING) < texts.index("Beredning")


def test_plan_with_a_scale_but_no_verdicts_has_no_table_and_no_heading(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # Kalmar's own plan: the scale is there, the colour of each process is not
    out = _report(run, KALMAR, tmp_path / "kalmar.docx", "--period", "helår", "--date", "2021-04-01")
    assert _md_verdicts(run, KALMAR, "--period", "helår", "--date", "2021-04-01") == []
    assert _verdict_tables(out) == []
    texts = [b.text for b in _body(out) if isinstance(b, Paragraph)]
    assert HEADING not in texts and not any("{%" in t for t in texts)
    assert "Ärendet" in texts and "Beredning" in texts


def test_ordkommun_verdict_only_in_the_period_it_is_given_for(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plan = _ordkommun_with_verdicts(tmp_path)
    out = _report(run, plan, tmp_path / "t2.docx", "--period", "tertial2", "--date", "2025-09-15")
    tables = _verdict_tables(out)
    expected = [("Ekonomi", "Osäker", "Kontrollen har brister som förvaltningen rättar.")]
    assert [_rows(t) for t, _ in tables] == [expected]
    assert _md_verdicts(run, plan, "--period", "tertial2", "--date", "2025-09-15") == expected
    # tertial 1 has no verdict: neither table nor heading
    first = _report(run, plan, tmp_path / "t1.docx", "--period", "tertial1", "--date", "2025-05-15")
    assert _verdict_tables(first) == []
    assert HEADING not in [b.text for b in _body(first) if isinstance(b, Paragraph)]


def test_ordkommun_fixture_as_it_is_has_no_verdict_table(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for plan in (EGNA_ORD / "2025" / "von.yaml", EGNA_ORD / "2025" / "tn.yaml"):
        out = _report(run, plan, tmp_path / f"{plan.stem}.docx", "--period", "tertial2", "--date", "2025-09-15")
        assert _verdict_tables(out) == []
        assert HEADING not in [b.text for b in _body(out) if isinstance(b, Paragraph)]
