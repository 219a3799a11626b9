"""`ikplan summary` (Kommunstyrelsens sammanställning) says what `ikplan status` says, in the kommun's words.

Every figure per nämnd is PlanStatus's (counts, utförda, följer plan, försenade åtgärder), so the
summary's JSON equals `status -f json` for the same plans and period. The text names the period,
speaks the kommun's words (results, statuses, nouns, riskvärde, axes), never starts a sentence with a
digit, qualifies risk ids by nämnd in the matrix, and carries diarienummer and förslag till beslut.
"""

from __future__ import annotations

import json
import re
import shutil
import textwrap
from pathlib import Path

import pytest

from ikplan.swedish import number_words, sentence_number

HERE = Path(__file__).resolve().parent
EGNA_ORD = HERE / "fixtures" / "egna_ord"
KOMMUN = HERE / "fixtures" / "kommun"
PLANS = HERE.parent / "plans"


def _write(folder: Path, config: str, plans: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "ikplan.yaml").write_text(textwrap.dedent(config), encoding="utf-8")
    for name, text in plans.items():
        (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


def _control(i: int, follow: str) -> str:
    return f"""
      - id: K{i}
        nummer: {i}
        namn: moment {i}
        beskrivning: Kontroll {i}
        kontrollmetod: Stickprov
        ansvarig: Ekonomichef
        uppföljning:
          helår: {{{follow}}}"""


def _plan(board: str, follows: list[str], critical: str = "") -> str:
    """One plan: a risk with one kontrollmoment per follow-up in `follows`, and a critical risk."""
    controls = "".join(_control(i, f) for i, f in enumerate(follows, start=1))
    return (
        f"""\
schemaversion: 1
nämnd: {board}
år: 2025
antagen: {{datum: 2024-12-10, paragraf: "§ 1"}}
risker:
  - id: R1
    titel: Felaktiga utbetalningar
    beskrivning: Risk att ersättning betalas ut utan beslut.
    sannolikhet: 2
    konsekvens: 2
    hantering: [kontrollmoment]
    kontrollmoment:{controls}
"""
        + critical
    )


CRITICAL_FOLLOWS_PLAN = """\
  - id: R8
    titel: Upphandling utanför avtal
    beskrivning: Risk att upphandlingar inte följer LOU.
    sannolikhet: 4
    konsekvens: 4
    hantering: [kontrollmoment]
    kontrollmoment:
      - id: K8
        nummer: 8
        namn: upphandlingar
        beskrivning: Genomgång av upphandlingar
        kontrollmetod: Genomgång
        ansvarig: Upphandlingschef
        uppföljning:
          helår: {följer_plan: ja, kommentar: Enligt plan.}
"""

CONFIG = """\
schemaversion: 1
kommun: Provkommun
nämnder: [Kommunstyrelsen, Socialnämnden, Tekniska nämnden]
perioder:
  - {id: helår, namn: Helår, per: "12-31"}
"""


def _summary(run, path: Path | str, *args: str, ok: bool = True):  # type: ignore[no-untyped-def]
    result = run("summary", str(path), *args)
    if ok:
        assert result.exit_code == 0, result.output
    return result


def _status(run, path: Path | str, *args: str):  # type: ignore[no-untyped-def]
    return run("status", str(path), *args, "-f", "json")


@pytest.fixture
def performed(tmp_path: Path) -> Path:
    """Five kontrollmoment carried out with the "utförd" results, and a critical risk that follows plan."""
    follows = [
        "resultat: utförd",
        "resultat: utförd",
        "resultat: utförd med avvikelse",
        "resultat: utförd",
        "resultat: utförd med avvikelse",
    ]
    return _write(
        tmp_path / "k",
        CONFIG,
        {
            "sn.yaml": _plan("Socialnämnden", follows, CRITICAL_FOLLOWS_PLAN),
            "tn.yaml": _plan("Tekniska nämnden", ["resultat: utan anmärkning", "följer_plan: ja"]),
        },
    )


def test_utford_counts_as_performed_in_every_format(run, performed: Path, tmp_path: Path) -> None:
    status = {s["nämnd"]: s for s in json.loads(_status(run, performed, "-p", "helår").stdout)}
    assert status["Socialnämnden"]["utförda"] == 6  # five "utförd" and the critical one that follows plan
    data = json.loads(_summary(run, performed, "-f", "json", "--datum", "2026-01-20").stdout)
    sn = next(n for n in data["nämnder"] if n["nämnd"] == "Socialnämnden")
    assert sn["utförda"] == sn["genomförda"] == 6
    assert sn["counts"]["utförd"] == 3 and sn["counts"]["utförd_med_avvikelse"] == 2
    assert data["totalt"]["genomförda"] == 8 and data["totalt"]["counts"]["utförd"] == 3
    md = _summary(run, performed, "-f", "md", "--datum", "2026-01-20").stdout
    assert "Av åtta planerade kontrollmoment har åtta genomförts" in md
    assert "tre utan avvikelse, två med avvikelse" in md
    assert "har ett genomförts" not in md and "har inget genomförts" not in md
    header = next(line for line in md.splitlines() if line.startswith("| Nämnd | Antagen"))
    assert "| Utförda | Utförda med avvikelse |" in header
    assert "| Socialnämnden | 10 december 2024 | 6 | 6 |" in md
    text = _summary(run, performed, "--datum", "2026-01-20").stdout
    assert "Socialnämnden:\n  6 av 6 genomförda" in text
    target = tmp_path / "s.docx"
    _summary(run, performed, "-f", "docx", "-o", str(target), "--datum", "2026-01-20")
    from docx import Document

    rows = Document(str(target)).tables[0].rows
    heads = [c.text for c in rows[0].cells]
    assert "Utförda" in heads and "Utförda med avvikelse" in heads
    sn_row = next([c.text for c in r.cells] for r in rows if r.cells[0].text == "Socialnämnden")
    assert sn_row[3] == "6" and sn_row[heads.index("Utförda")] == "3"


def test_folj_plan_ja_is_read(run, performed: Path) -> None:
    md = _summary(run, performed, "-f", "md", "--datum", "2026-01-20").stdout
    assert "I kommunen finns en kritisk risk i nämndernas planer. Den har hanterats enligt plan." in md
    assert "Ingen av dem har ännu följts upp" not in md and "saknas ännu" not in md
    assert "| Socialnämnden | 10 december 2024 | 6 | 6 | 0 | 0 | 0 | 0 | 3 | 2 | 0 | 1/0 |" in md
    # A kontrollmoment followed up with 'följer plan: ja' alone is performed, and reported.
    assert "| Tekniska nämnden | 10 december 2024 | 2 | 2 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 1/0 |" in md
    assert "en som följer plan" not in md and "två som följer plan" in md
    data = json.loads(_summary(run, performed, "-f", "json", "--datum", "2026-01-20").stdout)
    assert [n["följer_plan"]["ja"] for n in data["nämnder"]] == [1, 1]
    assert "Den har hanterats enligt plan." in data["meningar"]["critical"]


def test_the_period_is_named_in_title_and_text(run, tmp_path: Path) -> None:
    args = ("--period", "tertial2", "--år", "2025", "--datum", "2025-09-15")
    md = _summary(run, EGNA_ORD, *args, "-f", "md").stdout
    assert "# Sammanställning av nämndernas uppföljning av intern kontroll 2025 per tertial 2" in md
    assert "Sammanställningen gäller uppföljningen per tertial 2 av nämndernas internkontrollplaner för 2025" in md
    assert "suppföljningen" not in md
    # A nämnd that has not reported names the period as a phrase, never "tertial 1suppföljningen".
    first = _summary(run, EGNA_ORD, "--period", "tertial1", "--år", "2025", "--datum", "2025-05-15").stdout
    assert "Tekniska nämnden har inte rapporterat uppföljningen per tertial 1." in " ".join(first.split())
    assert "1suppföljningen" not in first
    data = json.loads(_summary(run, EGNA_ORD, *args, "-f", "json").stdout)
    assert data["period"] == "tertial2" and data["periodnamn"] == "Tertial 2"
    target = tmp_path / "s.docx"
    _summary(run, EGNA_ORD, *args, "-f", "docx", "-o", str(target))
    from docx import Document

    doc = Document(str(target))
    assert doc.core_properties.title.endswith("2025 per tertial 2")
    assert any(p.text.startswith("Sammanställningen gäller uppföljningen per tertial 2") for p in doc.paragraphs)


def test_the_kommuns_words_for_results_statuses_and_axes(run, tmp_path: Path) -> None:
    args = ("--period", "tertial2", "--år", "2025", "--datum", "2025-09-15")
    md = _summary(run, EGNA_ORD, *args, "-f", "md").stdout
    head = next(line for line in md.splitlines() if line.startswith("| Nämnd | Antagen"))
    assert "| Godkänd | Godkänd med brister | Ej godkänd | Ej utförd |" in head
    assert "Anmärkning" not in head and "anmärkning" not in head
    assert "tre med resultatet ”Godkänd” och tre med resultatet ”Godkänd med brister”" in md
    assert "Ett kontrollmoment har resultatet ”Ej utförd”" in md
    assert "| Pågår (försenad) |" in md and "| Ej startad |" in md
    assert "påbörjad" not in md
    assert "| Sannolikhet \\ väsentlighet |" in md
    text = _summary(run, EGNA_ORD, *args).stdout
    assert "Tekniska nämnden:\n  1 av 2 genomförda (1 Godkänd), 1 Ej utförd, 0 ej rapporterade" in text
    assert "utan anmärkning" not in text
    # The kommun's nouns and name for riskvärde.
    own = _write(
        tmp_path / "nouns",
        CONFIG + "ordlista:\n  kontrollmoment: granskning\n  åtgärd: direktåtgärd\n  riskvärde: risktal\n",
        {
            "sn.yaml": _plan("Socialnämnden", ["resultat: utan anmärkning", "resultat: ej genomförd"])
            + textwrap.indent(
                "åtgärder:\n  - {id: A1, beskrivning: Ny rutin, ansvarig: Chef, slutdatum: 2025-06-30, "
                "status: påbörjad, beslutsår: 2024}\n",
                "    ",
            )
            + CRITICAL_FOLLOWS_PLAN,
        },
    )
    nouns = _summary(run, own, "-f", "md", "--datum", "2026-01-20").stdout
    assert "Av tre planerade granskningar har två genomförts, en utan anmärkning och en som följer plan." in nouns
    assert "En granskning har inte genomförts." in nouns
    assert "En direktåtgärd som beslutades ett tidigare år är ännu inte genomförd." in nouns
    assert "## Direktåtgärder som inte är genomförda per 20 januari 2026" in nouns
    assert "| Nämnd | Direktåtgärd |" in nouns
    assert "| Nämnd | Id | Risk | Risktal | Hantering | Uppföljning |" in nouns
    assert "| Upphandling utanför avtal, granskning 8 (upphandlingar) | 16 | granskning | följer plan |" in nouns
    html = _summary(run, own, "-f", "html", "--datum", "2026-01-20").stdout
    assert '<th scope="col">Risktal</th>' in html and "högst risktal först" in html
    assert "kontrollmoment" not in nouns.replace("Kontrollmoment", "")


def test_risk_ids_are_qualified_by_namnd_with_a_legend(run) -> None:
    args = ("--period", "tertial2", "--år", "2025", "--datum", "2025-09-15")
    md = _summary(run, EGNA_ORD, *args, "-f", "md").stdout
    matrix = md[md.index("## Riskmatris") :]
    assert "🟨 VON 3.8" in matrix and "🟨 TN T1" in matrix
    assert "VON = Vård- och omsorgsnämnden, TN = Tekniska nämnden." in matrix
    assert "| VON 1 | Felaktiga utbetalningar, kontrollmoment 2 (attest) | 16 |" in md
    html = _summary(run, EGNA_ORD, *args, "-f", "html").stdout
    assert '<span class="id">VON 3.10</span></td>' in html and "<h3>Riskmatrisen i text</h3>" in html
    assert "(riskvärde 9, medel): VON 3.8.</li>" in html
    data = json.loads(_summary(run, EGNA_ORD, *args, "-f", "json").stdout)
    assert {(k["nämnd"], k["risk"]) for k in data["kritiska_risker"]} == {
        ("Vård- och omsorgsnämnden", "1"),
        ("Vård- och omsorgsnämnden", "4"),
    }


def test_the_docx_has_the_matrix_in_band_colours_and_in_text(run, tmp_path: Path) -> None:
    from docx import Document
    from docx.oxml.ns import qn

    target = tmp_path / "s.docx"
    _summary(
        run, EGNA_ORD, "--period", "tertial2", "--år", "2025", "--datum", "2025-09-15", "-f", "docx", "-o", str(target)
    )
    doc = Document(str(target))
    [heat] = [t for t in doc.tables if t.rows[0].cells[0].text.lower().startswith("sannolikhet \\ väsentlighet")]
    assert [c.text for c in heat.rows[0].cells][1:] == [
        "1 Ringa",
        "2 Lindrig",
        "3 Måttlig",
        "4 Betydande",
        "5 Allvarlig",
    ]
    sannolik = next(r for r in heat.rows if r.cells[0].text == "4 Sannolik")
    cell = sannolik.cells[4]  # riskvärde 16: mycket hög, #b71c1c
    assert cell.text == "VON 1"
    fill = cell._tc.tcPr.find(qn("w:shd")).get(qn("w:fill"))
    assert fill.upper() == "B71C1C"
    texts = [p.text for p in doc.paragraphs]
    assert "Riskmatrisen i text" in texts
    assert "• Sannolikhet 4 Sannolik, väsentlighet 4 Betydande (riskvärde 16, mycket hög): VON 1." in texts
    assert "VON = Vård- och omsorgsnämnden, TN = Tekniska nämnden." in texts


@pytest.mark.slow
@pytest.mark.parametrize("folder,args", [(EGNA_ORD, ("--period", "tertial2", "--år", "2025")), (KOMMUN, ())])
def test_the_pdf_ends_on_a_page_with_text(run, tmp_path: Path, folder: Path, args: tuple[str, ...]) -> None:
    pytest.importorskip("weasyprint")
    pypdf = pytest.importorskip("pypdf")
    target = tmp_path / "s.pdf"
    result = run("summary", str(folder), *args, "--datum", "2026-01-20", "-f", "pdf", "-o", str(target))
    assert target.is_file(), result.output
    pages = pypdf.PdfReader(str(target)).pages
    assert len(pages) >= 2
    last = pages[-1].extract_text()
    assert "Riskmatrisen i text" in last or "Sannolikhet" in last
    assert len(last.replace("Skapad med ikplan den 2026-01-20.", "").split()) > 10


def test_no_sentence_starts_with_a_digit(run, tmp_path: Path) -> None:
    follows = ["resultat: utan anmärkning"] * 13 + ["resultat: ej genomförd"] * 2
    many = _write(tmp_path / "many", CONFIG, {"sn.yaml": _plan("Socialnämnden", follows)})
    data = json.loads(_summary(run, many, "-f", "json", "--datum", "2026-01-20").stdout)
    sentences = [s for group in data["meningar"].values() for s in group]
    assert "Av 15 planerade kontrollmoment har 13 genomförts, 13 utan anmärkning." in sentences
    assert "Två kontrollmoment har inte genomförts." in sentences
    for group in data["meningar"].values():
        for s in group:
            assert not re.search(r"(^|[.!?] )\d", s), s
    assert sentence_number(2) == "Två" and sentence_number(23, neuter=False) == "Tjugotre"
    assert (
        number_words(1, neuter=False) == "en"
        and number_words(21) == "tjugoett"
        and number_words(250) == "tvåhundrafemtio"
    )


def test_diarienummer_and_forslag_till_beslut(run, tmp_path: Path) -> None:
    plain = _write(tmp_path / "plain", CONFIG, {"sn.yaml": _plan("Socialnämnden", ["resultat: utan anmärkning"])})
    md = _summary(run, plain, "-f", "md", "--datum", "2026-01-20").stdout
    assert "## Förslag till beslut\n\nKommunstyrelsen beslutar\n\n" in md
    assert (
        "1. **att** godkänna sammanställningen av nämndernas uppföljning av intern kontroll 2025 per helår samt" in md
    )
    assert "Diarienummer" not in md
    meta = CONFIG + textwrap.dedent(
        """\
        rapport:
          sammanställning:
            år: 2025
            diarienummer: KS-2025/412
            handläggare: Kim Kontroller
            förslag_till_beslut:
              - godkänna sammanställningen
              - ge kommundirektören i uppdrag att följa upp bristerna.
        """
    )
    given = _write(tmp_path / "given", meta, {"sn.yaml": _plan("Socialnämnden", ["resultat: utan anmärkning"])})
    md = _summary(run, given, "-f", "md", "--datum", "2026-01-20").stdout
    assert "| Datum | Diarienummer | Handläggare |" in md and "| 2026-01-20 | KS-2025/412 | Kim Kontroller |" in md
    assert "2. **att** ge kommundirektören i uppdrag att följa upp bristerna." in md
    html = _summary(run, given, "-f", "html", "--datum", "2026-01-20").stdout
    assert "<dt>Diarienummer:</dt><dd>KS-2025/412</dd>" in html and "<h2>Förslag till beslut</h2>" in html
    assert json.loads(_summary(run, given, "-f", "json", "--datum", "2026-01-20").stdout)["diarienummer"] == (
        "KS-2025/412"
    )
    target = tmp_path / "s.docx"
    _summary(run, given, "-f", "docx", "-o", str(target), "--datum", "2026-01-20")
    from docx import Document

    doc = Document(str(target))
    header = [c.text for t in doc.sections[0].header.tables for row in t.rows for c in row.cells]
    assert "Diarienummer" in header and "KS-2025/412" in header
    assert "1. att godkänna sammanställningen" in [p.text for p in doc.paragraphs]
    # The diarienummer of 2025 is never printed on the sammanställning of another year.
    other = (given / "sn.yaml").read_text(encoding="utf-8").replace("år: 2025", "år: 2024")
    (given / "sn.yaml").write_text(other, encoding="utf-8")
    assert "KS-2025/412" not in _summary(run, given, "-f", "md", "--datum", "2026-01-20").stdout
    bad = _write(tmp_path / "bad", CONFIG + "rapport:\n  sammanställning: {dnr: KS-1}\n", {})
    (bad / "sn.yaml").write_text((plain / "sn.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    wrong = run("summary", str(bad))
    assert wrong.exit_code != 0 and "dnr" in wrong.output and "Traceback" not in wrong.output


def _by_board(data: list[dict]) -> dict[str, dict]:  # type: ignore[type-arg]
    return {d["nämnd"]: d for d in data}


@pytest.mark.parametrize(
    "folder,period,year",
    [
        (EGNA_ORD, "tertial2", 2025),
        (EGNA_ORD, "tertial1", 2025),
        (EGNA_ORD, "tertial2", 2024),
        (KOMMUN, "helår", 2025),
        (KOMMUN, "helår", 2024),
        (PLANS, "delår", 2025),
        (PLANS, "helår", 2024),
    ],
)
def test_summary_per_namnd_equals_status(run, folder: Path, period: str, year: int) -> None:
    """For each nämnd: counts, utförda, följer plan and försenade åtgärder are status's figures."""
    day = "2025-09-15"
    status = run("status", str(folder), "-p", period, "--datum", day, "-f", "json")
    summary = run("summary", str(folder), "-p", period, "--år", str(year), "--datum", day, "-f", "json")
    # A plan that does not validate is skipped by both (exit 1): the comparison is over the same plans.
    assert status.exit_code in (0, 1) and summary.exit_code == status.exit_code, summary.output
    plans = _by_board([s for s in json.loads(status.stdout) if s["år"] == year])
    boards = _by_board(json.loads(summary.stdout)["nämnder"])
    assert set(boards) == set(plans) and boards
    for board, s in plans.items():
        got = boards[board]
        assert got["counts"] == s["counts"], board
        assert got["utförda"] == s["utförda"], board
        assert got["genomförda"] == s["utförda"], board
        assert got["rapporterade"] == s["rapporterade"], board
        assert got["följer_plan"] == s["följer_plan"], board
        assert got["försenade_åtgärder"] == len(s["försenade_åtgärder"]), board


def test_bolag_are_counted_apart_from_the_namnder(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    kommun = tmp_path / "kommun"
    shutil.copytree(EGNA_ORD, kommun)
    config = kommun / "ikplan.yaml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "  - Tekniska nämnden\n", "  - Tekniska nämnden\n  - {namn: Ordkommuns Bostäder AB, typ: bolag}\n"
        ),
        encoding="utf-8",
    )
    args = ("--period", "tertial2", "--år", "2025", "--datum", "2025-09-15")
    md = _summary(run, kommun, *args, "-f", "md").stdout
    assert "Två av tre nämnder har rapporterat" in md
    assert "Ordkommuns Bostäder AB saknar internkontrollplan för 2025." in md
    assert "av fyra nämnder" not in md
    data = json.loads(_summary(run, kommun, *args, "-f", "json").stdout)
    assert data["bolag"] == ["Ordkommuns Bostäder AB"]
