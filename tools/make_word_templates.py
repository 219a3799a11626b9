"""Generate the bundled Word templates (templates/uppfoljning.docx and templates/plan.docx).

    python tools/make_word_templates.py [uppfoljning] [plan] [sammanstallning]

Without names it writes all three; with names only those (so one template can be regenerated
without touching the others).
The templates are ordinary .docx files with docxtpl/Jinja tags; a municipality can open
them in Word, put in its logo, fonts and header, and pass its copy with --template.
The variables are those of ikplan/reporting/context.py; filters: `paragraphs` (a text as
a list of paragraphs, for `{%p for %}` loops) and `cell` (a text as paragraphs inside
one table cell).
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

OUT = Path(__file__).resolve().parent.parent / "templates"
TABLE_STYLE = "Table Grid"


def _field(paragraph, instr: str) -> None:
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), instr)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    fld.append(run)
    paragraph._p.append(fld)


def _shade(cell, hex_colour: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), hex_colour)
    tc_pr.append(shd)


A4 = (Cm(21.0), Cm(29.7))
PORTRAIT_TEXT_WIDTH = 16.5  # cm: 21 cm minus 2.5 cm left and 2.0 cm right
LANDSCAPE_TEXT_WIDTH = 26.1  # cm: 29.7 cm minus 1.8 cm on each side


def _swedish(doc) -> None:
    """sv-SE as the document's language (spelling, hyphenation, screen readers) and hyphenation on."""
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "sv-SE")
    lang.set(qn("w:eastAsia"), "sv-SE")
    lang.set(qn("w:bidi"), "ar-SA")
    settings = doc.settings.element
    if settings.find(qn("w:autoHyphenation")) is None:
        settings.insert(0, OxmlElement("w:autoHyphenation"))


def _head(section, lines: list[tuple[str, str]], title: str) -> None:
    """A section's own header: who it is from and what it is, then date, diarienummer, handläggare."""
    section.header.is_linked_to_previous = False
    header = section.header
    first = header.paragraphs[0]
    first.text = ""
    first.add_run(lines[0][0]).bold = True
    # The title in a paragraph of its own: after a tab, a long förvaltning name ran into it
    # ("…förvaltningenTjänsteskrivelse") once the name passed the last tab stop.
    second = OxmlElement("w:p")
    first._p.addnext(second)
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.text.paragraph import Paragraph

    heading = Paragraph(second, first._parent)
    heading.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    heading.add_run(title)
    table = header.add_table(rows=2, cols=3, width=Cm(PORTRAIT_TEXT_WIDTH))
    for i, (label, value) in enumerate(lines[1:]):
        table.cell(0, i).text = label
        table.cell(1, i).text = value
    for row in table.rows:
        for c in row.cells:
            for par in c.paragraphs:
                for run in par.runs:
                    run.font.size = Pt(8)
    _widths(table, [5.5, 5.5, 5.5])


_HEAD_FIELDS = [
    ("Datum", "{{ doc.date_iso }}"),
    ("{% if doc.case_number %}Diarienummer{% endif %}", "{{ doc.case_number }}"),
    ("{% if doc.officer %}Handläggare{% endif %}", "{{ doc.officer }}"),
]


def _base(doc_title: str, sender: str = "{{ plan.administration or plan.board }}") -> Document:
    doc = Document()
    _swedish(doc)
    styles = doc.styles
    styles["Normal"].font.name = "Arial"
    styles["Normal"].font.size = Pt(11)
    styles["Normal"].paragraph_format.space_after = Pt(4)
    for name, size in (("Heading 1", 16), ("Heading 2", 13), ("Heading 3", 11)):
        styles[name].font.name = "Arial"
        styles[name].font.size = Pt(size)
    section = doc.sections[0]
    section.page_width, section.page_height = A4
    section.left_margin, section.right_margin = Cm(2.5), Cm(2.0)
    section.top_margin = section.bottom_margin = Cm(2.0)
    _head(section, [(sender, ""), *_HEAD_FIELDS], doc_title)
    _footer(section)
    return doc


def _footer(section) -> None:
    section.footer.is_linked_to_previous = False
    footer = section.footer.paragraphs[0]
    footer.text = "{{ footer.text }}  Sida "
    _field(footer, "PAGE")
    footer.add_run(" av ")
    _field(footer, "NUMPAGES")
    for run in footer.runs:
        run.font.size = Pt(8)


def _p(doc, text: str, style: str | None = None, bold: bool = False):
    par = doc.add_paragraph(style=style)
    run = par.add_run(text)
    run.bold = bold
    return par


def _if(doc, condition: str, *lines: str) -> None:
    """Paragraphs that appear only when `condition` holds."""
    _p(doc, "{%p if " + condition + " %}")
    for line in lines:
        _p(doc, line)
    _p(doc, "{%p endif %}")


def _loop(doc, expr: str, body: str) -> None:
    """A paragraph loop: one paragraph of output per item."""
    _p(doc, "{%p for t in " + expr + " %}")
    _p(doc, body)
    _p(doc, "{%p endfor %}")


def _section(doc, title: str, var: str, optional: bool = True) -> None:
    if optional:
        _p(doc, "{%p if " + var + " %}")
    doc.add_heading(title, level=2)
    _loop(doc, f"{var}|paragraphs", "{{ t }}")
    if optional:
        _p(doc, "{%p endif %}")


def _table(doc, headers: list[str], loop: str, cells: list[str], widths: list[float] | None = None):
    """A table with a header row and one repeated row: `{%tr for ... %}` keeps Word's table style.

    Returns the table; its row 2 is the repeated row, for a caller that sets a column in bold."""
    table = doc.add_table(rows=4, cols=len(headers))
    table.style = TABLE_STYLE
    for i, h in enumerate(headers):
        c = table.cell(0, i)
        c.text = ""
        c.paragraphs[0].add_run(h).bold = True
        _shade(c, "DCE6F0")
    table.cell(1, 0).text = "{%tr for " + loop + " %}"
    for i, content in enumerate(cells):
        c = table.cell(2, i)
        first, *rest = content.split("\n")
        c.text = first
        for extra in rest:
            c.add_paragraph(extra)
    table.cell(3, 0).text = "{%tr endfor %}"
    for row in table.rows:
        for c in row.cells:
            for par in c.paragraphs:
                for run in par.runs:
                    run.font.size = Pt(9)
    _widths(table, widths or [16.5 / len(headers)] * len(headers))
    _repeat_header(table)
    return table


def _widths(table, widths: list[float]) -> None:
    """Column widths in the grid and in every cell (Word reads one, LibreOffice the other)."""
    table.autofit = False
    grid = table._tbl.tblGrid
    for col, w in zip(grid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(int(Cm(w).twips)))
    for row in table.rows:
        for c, w in zip(row.cells, widths, strict=True):
            c.width = Cm(w)


def _repeat_header(table) -> None:
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _heat_map(doc, only_when_placed: bool = False) -> None:
    if only_when_placed:
        _p(doc, "{%p if heat.placed %}")
    doc.add_heading("Riskmatris", level=2).paragraph_format.keep_with_next = True
    intro = _p(
        doc,
        "{{ heat.likelihood_name|capitalize }} × {{ heat.consequence_name }} = {{ heat.value_name }}. "
        "{% if heat.critical_from %}En risk är kritisk från {{ heat.value_name }} {{ heat.critical_from }}.{% endif %}",
    )
    intro.paragraph_format.keep_with_next = True
    table = doc.add_table(rows=4, cols=4)
    table.style = TABLE_STYLE
    table.cell(0, 0).text = "{{ heat.likelihood_name }} \\ {{ heat.consequence_name }}"
    table.cell(0, 1).text = "{%tc for lv in heat.consequence_levels %}"
    table.cell(0, 2).text = "{{ lv.value }} {{ lv.name }}"
    table.cell(0, 3).text = "{%tc endfor %}"
    table.cell(1, 0).text = "{%tr for row in heat.rows %}"
    table.cell(2, 0).text = "{{ row.likelihood }} {{ row.label }}"
    table.cell(2, 1).text = "{%tc for c in row.cells %}"
    table.cell(2, 2).text = "{% cellbg c.bg %}{{ c.ids }}"
    table.cell(2, 3).text = "{%tc endfor %}"
    table.cell(3, 0).text = "{%tr endfor %}"
    for row in table.rows:  # a heat map row never breaks across pages
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        for c in row.cells:
            c.paragraphs[0].paragraph_format.keep_with_next = True
    _p(
        doc,
        "{% for b in heat.bands %}{{ b.name }} {{ b.low }}–{{ b.high }}{% if not loop.last %}, {% endif %}{% endfor %}"
        "{% if heat.bands %}.{% endif %}",
    )
    if only_when_placed:
        _p(doc, "{%p endif %}")


def follow_up_template() -> Document:
    doc = _base("Tjänsteskrivelse")
    _p(doc, "Tjänsteskrivelse till {{ plan.board }}")
    doc.add_heading("{{ doc.title }}", level=1)
    _p(doc, "{%p if doc.secret_omitted %}")
    _p(doc, "Offentlig version: uppgifter som omfattas av sekretess är utelämnade.", bold=True)
    _p(doc, "{%p endif %}")
    doc.add_heading("Förslag till beslut", level=2)
    _p(doc, "{{ decides }}")
    _p(doc, "{%p for p in proposals %}")
    _p(doc, "{{ loop.index }}. att {{ p }}")
    _p(doc, "{%p endfor %}")
    _section(doc, "Bakgrund", "background")
    doc.add_heading("Ärendet", level=2)
    _loop(doc, "matter|paragraphs", "{{ t }}")
    _verdicts(doc)
    _p(doc, "{%p if critical_risks and not appendix %}")
    _critical_cards(doc)
    _p(doc, "{%p endif %}")
    _section(doc, "Beredning", "preparation", optional=False)
    _section(doc, "Föredragning", "presentation")
    _section(doc, "Ekonomiska konsekvenser", "economy", optional=False)
    doc.add_heading("Beslutsunderlag", level=2)
    _loop(doc, "documents", "• {{ t }}")
    _if(doc, "signatory", "{{ signatory.name }}", "{{ signatory.title }}")

    # Bilaga 1: its own landscape section and header. Without a Bilaga (a follow-up of critical
    # risks only) the section is left empty and ikplan drops it when it renders.
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = A4[1], A4[0]
    section.left_margin = section.right_margin = Cm(1.8)
    _head(section, [("{{ plan.board }}", ""), *_HEAD_FIELDS], "Bilaga 1")
    _footer(section)
    _p(doc, "{%p if appendix %}")
    doc.add_heading("Bilaga 1. {{ doc.appendix_title }}", level=1)
    _section(doc, "Arbetet med intern kontroll", "work")
    _p(doc, "{%p if has_controls %}")
    doc.add_heading("Sammanfattning av granskningar", level=2)
    _p(doc, "{{ summary.outcome_text }}")
    _p(doc, "{%p for area in areas %}")
    doc.add_heading("{{ area.name }}", level=3)
    _table(
        doc,
        [
            "Nr",
            "Riskbeskrivning",
            "{{ words.Control }}",
            "Kontrollmetod",
            "Ansvarig",
            "Resultat av granskning",
            "{{ words.Action }} med slutdatum",
        ],
        "r in area.rows",
        [
            "{{ r.number }}",
            "{% if r.critical %}{{ r.critical_note }}: {% endif %}"
            "{% if r.risk_mandatory %}Obligatorisk risk: {% endif %}{{ r.risk|cell }}",
            "{% if r.mandatory %}{{ words.Mandatory_control }}: {% endif %}{{ r.control|cell }}",
            "{{ r.method|cell }}",
            "{{ r.responsible }}",
            "Resultat: {{ r.outcome }}\n{{ r.result|cell }}",
            "{{ r.actions_with_deadlines|cell }}",
        ],
        [0.8, 3.4, 3.6, 4.2, 4.0, 6.1, 4.0],
    )
    _p(doc, "{%p endfor %}")
    _p(doc, "{%p endif %}")
    _p(doc, "{%p if critical_risks %}")
    _critical_table(doc, LANDSCAPE_TEXT_WIDTH)
    _p(doc, "{%p elif summary.critical %}")
    doc.add_heading("Kritiska risker", level=2)
    _p(doc, "{{ summary.critical_text }}")
    _p(doc, "{%p endif %}")
    _p(doc, "{%p if risk_follow_ups %}")
    doc.add_heading("Uppföljning av risker med {{ words.controls }}", level=2)
    _table(
        doc,
        [
            "Risk",
            "{{ words.Risk_value }}",
            "{{ words.Controls }}",
            "Följer plan",
            "Resultat",
            "Kommentar",
            "{{ words.Actions }}",
        ],
        "f in risk_follow_ups",
        [
            "{{ f.id }}: {{ f.name }}",
            "{{ f.value if f.value is not none else '–' }}",
            "{{ f.controls|join(', ') }}",
            "{{ f.follows_plan }}",
            "{{ f.outcome }}",
            "{{ f.comment|cell }}",
            "{% for a in f.actions %}{{ a.line }}{% if not loop.last %}; {% endif %}{% endfor %}",
        ],
        [4.6, 2.0, 4.0, 2.0, 2.6, 6.4, 4.5],
    )
    _p(doc, "{%p endif %}")
    _p(doc, "{%p if open_actions %}")
    doc.add_heading("Uppföljning av {{ words.actions }} från tidigare perioder", level=2)
    _p(doc, "{{ open_actions_sentence }}")
    _table(
        doc,
        ["{{ words.Action }}", "Gäller", "Ansvarig", "Slutdatum", "Status", "Beslutad"],
        "a in open_actions",
        [
            "{{ a.text }}",
            "{{ a.subject }}",
            "{{ a.responsible }}",
            "{{ a.deadline }}",
            "{{ a.status }}{% if a.overdue %} (försenad){% endif %}",
            "{{ a.origin }}",
        ],
    )
    _p(doc, "{%p endif %}")
    _p(doc, "{%p if deviations %}")
    doc.add_heading("Avvikelser under året", level=2)
    _table(
        doc,
        ["Datum", "{{ words.Control }}", "Avvikelse", "Hantering"],
        "d in deviations",
        ["{{ d.date }}", "{{ d.control }}", "{{ d.text }}", "{{ d.handled }}"],
        [3.5, 6.0, 8.5, 7.0],
    )
    _p(doc, "{%p endif %}")
    _p(doc, "{%p for note in secret_notes %}")
    _p(doc, "Sekretess: {{ note }}")
    _p(doc, "{%p endfor %}")
    _heat_map(doc, only_when_placed=True)
    _p(doc, "{%p endif %}")
    return doc


def _verdicts(doc) -> None:
    """The verdict per process in the kommun's words (röd/gul/grön or its own), with what each word means,
    as Markdown and HTML show it; heading and table only when the plan states verdicts for the period."""
    _p(doc, "{%p if verdicts %}")
    doc.add_heading("Bedömning per process", level=3).paragraph_format.keep_with_next = True
    table = _table(
        doc,
        ["Process", "Bedömning", "Betydelse"],
        "v in verdicts",
        ["{{ v.area }}", "{{ v.word }}", "{{ v.meaning }}"],
        # the meaning is a sentence or three, the word one word: the width goes to the meaning
        [5.0, 2.6, PORTRAIT_TEXT_WIDTH - 7.6],
    )
    for run in table.cell(2, 1).paragraphs[0].runs:
        run.bold = True
    _p(doc, "{%p endif %}")


def _critical_cards(doc) -> None:
    """The critical risks in portrait as the KS seed prints them: one two-column table per risk."""
    doc.add_heading(
        "Uppföljning av kritiska risker i {{ plan.board_lower }}s internkontrollplan {{ plan.year }}", level=2
    )
    _p(doc, "{%p for c in critical_risks %}")
    rows = [
        ("Risk (ansvarsområde/ process)", "{{ c.risk }}{% if c.process %}\n({{ c.process }}){% endif %}"),
        ("{{ heat.value_name|capitalize }}", "{{ c.value }}"),
        ("Befintliga aktiviteter och egenkontroller", "{{ c.existing|cell }}"),
        ("Planerad hantering", "{{ c.planned|cell }}"),
        ("Följer plan", "{{ c.follows_plan }}"),
        ("Kommentar", "{{ c.comment|cell }}"),
    ]
    table = doc.add_table(rows=len(rows), cols=2)
    table.style = TABLE_STYLE
    for i, (label, value) in enumerate(rows):
        head = table.cell(i, 0)
        head.text = ""
        head.paragraphs[0].add_run(label).bold = True
        _shade(head, "DCE6F0")
        first, *rest = value.split("\n")
        table.cell(i, 1).text = first
        for extra in rest:
            table.cell(i, 1).add_paragraph(extra)
    _widths(table, [4.8, PORTRAIT_TEXT_WIDTH - 4.8])
    _p(doc, "")
    _p(doc, "{%p endfor %}")


def _critical_table(doc, width: float = PORTRAIT_TEXT_WIDTH) -> None:
    """The critical risks as the KS seed shows them; in Ärendet (portrait) or in the Bilaga (landscape)."""
    doc.add_heading(
        "Uppföljning av kritiska risker i {{ plan.board_lower }}s internkontrollplan {{ plan.year }}", level=2
    )
    _p(doc, "{%p if appendix %}")
    _p(doc, "{{ summary.critical_text }}")
    _p(doc, "{%p endif %}")
    shares = [5.0, 2.2, 5.8, 5.0, 1.9, 6.2]
    _table(
        doc,
        [
            "Risk (ansvarsområde/ process)",
            "{{ heat.value_name|capitalize }}",
            "Befintliga aktiviteter och egenkontroller",
            "Planerad hantering",
            "Följer plan",
            "Kommentar",
        ],
        "c in critical_risks",
        [
            "{{ c.risk }}{% if c.process %}\n({{ c.process }}){% endif %}",
            "{{ c.value }}",
            "{{ c.existing|cell }}",
            "{{ c.planned|cell }}",
            "{{ c.follows_plan }}",
            "{{ c.comment|cell }}",
        ],
        [s * width / sum(shares) for s in shares],
    )


def plan_template() -> Document:
    doc = _base("Internkontrollplan", "{{ plan.board }}")
    doc.add_heading("{{ doc.title }}", level=1)
    _p(
        doc,
        "{{ plan.board }}{% if plan.municipality %}, {{ plan.municipality }}{% endif %}. "
        "{% if plan.adopted %}Antagen: {{ plan.adopted }}.{% endif %}",
    )
    _loop(doc, "plan.fields", "{{ t.label }}: {{ t.text }}")
    _p(doc, "{%p if decision %}")
    doc.add_heading("Förslag till beslut", level=2)
    _p(doc, "{{ plan.board }} föreslås besluta")
    _p(doc, "{%p for p in decision.proposals %}")
    _p(doc, "{{ loop.index }}. att {{ p }}")
    _p(doc, "{%p endfor %}")
    _section(doc, "Bakgrund", "decision.background")
    _section(doc, "Ärendet", "decision.matter")
    _section(doc, "Beredning", "decision.preparation")
    _section(doc, "Ekonomiska konsekvenser", "decision.economy")
    _p(doc, "{%p if decision.documents %}")
    doc.add_heading("Beslutsunderlag", level=2)
    _loop(doc, "decision.documents", "• {{ t }}")
    _p(doc, "{%p endif %}")
    _if(doc, "decision.signatory", "{{ decision.signatory.name }}", "{{ decision.signatory.title }}")
    _p(doc, "{%p endif %}")
    _heat_map(doc)
    doc.add_heading("Risker", level=2)
    _table(
        doc,
        [
            "Id",
            "{{ area_heading }}",
            "Risk",
            "{{ heat.value_name|capitalize }} ({{ heat.likelihood_name }} × {{ heat.consequence_name }})",
            "Hantering",
        ],
        "r in risks",
        [
            "{{ r.id }}",
            "{{ r.area }}",
            "{% if r.title %}{{ r.title }}\n{% endif %}{% if r.mandatory %}Obligatorisk risk: {% endif %}"
            "{% if r.process %}{{ r.process }}: {% endif %}{{ r.description|cell }}"
            "{% if r.objective %}\nKontrollmål: {{ r.objective|cell }}{% endif %}"
            "{% if r.goals %}\nMål: {{ r.goals|join('; ') }}{% endif %}"
            "{% for f in r.fields %}\n{{ f.label }}: {{ f.text }}{% endfor %}",
            "{% cellbg r.bg %}{{ r.value if r.value is not none else 'ej bedömd' }}"
            "{% if r.likelihood is not none and r.consequence is not none %}"
            " ({{ r.likelihood }} × {{ r.consequence }}){% endif %}{% if r.critical %}\nkritisk{% endif %}",
            "{{ r.handling }}",
        ],
        [1.2, 3.0, 5.9, 3.3, 3.1],
    )
    _p(doc, "{%p if gross %}")
    doc.add_heading("Bruttorisklista", level=2)
    _p(doc, "{{ gross.sentence }}")
    _table(
        doc,
        ["Id", "Risk", "{{ heat.value_name|capitalize }}", "I planen", "Skäl"],
        "g in gross.rows",
        [
            "{{ g.id }}",
            "{{ g.risk }}",
            "{{ g.value if g.value is not none else 'ej bedömd' }}{% if g.critical %} (kritisk){% endif %}",
            "{{ g.chosen }}",
            "{{ g.reason }}",
        ],
        [1.2, 6.5, 2.4, 1.9, 4.5],
    )
    _p(doc, "{%p endif %}")
    _p(doc, "{%p if areas_described %}")
    doc.add_heading("Områden", level=2)
    _p(doc, "{%p for a in areas_described %}")
    doc.add_heading("{{ a.name }}", level=3)
    _loop(doc, "a.description|paragraphs", "{{ t }}")
    _if(doc, "a.objective", "Kontrollmål: {{ a.objective }}")
    _loop(doc, "a.fields", "{{ t.label }}: {{ t.text }}")
    _p(doc, "{%p endfor %}")
    _p(doc, "{%p endif %}")
    doc.add_heading("Riskerna och deras hantering", level=2)
    _p(doc, "{%p for r in risks %}")
    doc.add_heading("{{ r.id }}{% if r.title %}: {{ r.title }}{% endif %}", level=3)
    _loop(doc, "r.description|paragraphs", "{{ t }}")
    for key, label in (
        ("existing", "Befintliga kontroller"),
        ("planned", "Planerad hantering"),
        ("motivation", "Motivering"),
    ):
        _p(doc, "{%p if r." + key + " %}")
        _p(doc, label, bold=True).paragraph_format.keep_with_next = True
        _loop(doc, f"r.{key}|paragraphs", "{{ t }}")
        _p(doc, "{%p endif %}")
    _p(doc, "{%p if r.controls %}")
    _table(
        doc,
        ["{{ words.Control }}", "Kontrollmetod", "Frekvens", "Ansvarig", "Rapporteras till", "Tidpunkt"],
        "c in r.controls",
        [
            "{{ c.label }}: {{ c.description|cell }}{% for f in c.fields %}\n{{ f.label }}: {{ f.text }}{% endfor %}"
            "{% for a in c.actions %}\n{{ words.Action }}: {{ a.line }}{% endfor %}",
            "{{ c.method|cell }}",
            "{{ c.frequency }}",
            "{{ c.responsible }}",
            "{{ c.reports_to }}",
            "{{ c.timing }}",
        ],
        [4.0, 3.4, 1.8, 2.7, 2.8, 1.8],
    )
    _p(doc, "{%p endif %}")
    _p(doc, "{%p if r.actions %}")
    _table(
        doc,
        ["{{ words.Action }}", "Ansvarig", "Slutdatum", "Status"],
        "a in r.actions",
        [
            "{{ a.text }}{% for f in a.fields %}\n{{ f.label }}: {{ f.text }}{% endfor %}",
            "{{ a.responsible }}",
            "{{ a.deadline }}",
            "{{ a.status }}",
        ],
        [7.5, 3.4, 2.8, 2.8],
    )
    _p(doc, "{%p endif %}")
    _p(doc, "{%p endfor %}")
    return doc


def summary_template() -> Document:
    """Kommunstyrelsens sammanställning (ikplan summary): the sentences, then the tables in landscape."""
    doc = _base("Sammanställning", "{{ plan.administration }}")
    _p(doc, "Tjänsteskrivelse till {{ plan.board }}")
    doc.add_heading("{{ doc.title }}", level=1)
    doc.add_heading("Förslag till beslut", level=2)
    _p(doc, "{{ decides }}")
    _p(doc, "{%p for p in proposals %}")
    _p(doc, "{{ loop.index }}. att {{ p }}")
    _p(doc, "{%p endfor %}")
    doc.add_heading("Sammanfattning", level=2)
    for key in ("period", "reporting", "controls", "critical", "recurring"):
        _p(doc, "{%p if sentences." + key + " %}")
        _p(doc, "{{ sentences." + key + '|join(" ") }}')
        _p(doc, "{%p endif %}")
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = A4[1], A4[0]
    section.left_margin = section.right_margin = Cm(1.8)
    _head(section, [("{{ plan.administration }}", ""), *_HEAD_FIELDS], "Bilaga: tabeller")
    _footer(section)
    doc.add_heading("Uppföljningen per nämnd", level=2)
    _summary_rows_table(doc)
    _p(doc, "{%p if common %}")
    doc.add_heading("Kommungemensamma {{ nouns.controls }}", level=2)
    _table(
        doc,
        ["{{ nouns.control }}", "Nämnd", "Resultat"],
        "row in common_rows",
        ["{{ row.name }}", "{{ row.board }}", "{{ row.outcome }}"],
        [10.0, 8.0, 8.1],
    )
    _p(doc, "{%p endif %}")
    _p(doc, "{%p if critical %}")
    doc.add_heading("Kritiska risker i kommunen", level=2)
    _table(
        doc,
        ["Nämnd", "Id", "Risk", "{{ value_name }}", "Hantering", "Uppföljning"],
        "c in critical",
        [
            "{{ c.board }}",
            "{{ c.id }}",
            "{{ c.risk }}{% if c.control %}, {{ c.control }}{% endif %}",
            "{{ c.value }}",
            "{{ c.handling }}",
            "{{ c.follow_up }}",
        ],
        [5.0, 2.4, 8.1, 2.4, 3.6, 4.6],
    )
    _p(doc, "{%p endif %}")
    _p(doc, "{%p if recurring %}")
    doc.add_heading("Återkommande brister", level=2)
    _table(
        doc,
        ["Nämnd", "{{ nouns.control }}", "Resultat"],
        "r in recurring",
        ["{{ r.board }}", "{{ r.label }}", "{{ r.outcomes }}"],
        [5.0, 10.6, 10.5],
    )
    _p(doc, "{%p endif %}")
    _p(doc, "{%p if open_actions %}")
    doc.add_heading("{{ nouns.Actions }} som inte är genomförda per {{ date }}", level=2)
    _table(
        doc,
        ["Nämnd", "{{ nouns.action }}", "Ansvarig", "Slutdatum", "Status", "Beslutad"],
        "a in open_actions",
        [
            "{{ a.board }}",
            "{{ a.text }}",
            "{{ a.responsible }}",
            "{{ a.deadline }}",
            "{{ a.status }}{% if a.overdue %} (försenad){% endif %}",
            "{{ a.decided }}",
        ],
        [5.0, 8.1, 4.0, 3.0, 3.6, 2.4],
    )
    _p(doc, "{%p endif %}")
    # The matrix as a table in the band colours, then the same in words for whoever cannot see colours.
    _p(doc, "{%p if heat.shared and heat.placed %}")
    _heat_map(doc)
    _p(doc, "{%p if heat.legend %}")
    _p(doc, "{% for x in heat.legend %}{{ x.short }} = {{ x.board }}{% if not loop.last %}, {% endif %}{% endfor %}.")
    _p(doc, "{%p endif %}")
    doc.add_heading("Riskmatrisen i text", level=3)
    _loop(doc, "heat.text", "• {{ t }}")
    _p(doc, "{%p elif heat.note %}")
    _p(doc, "{{ heat.note }}")
    _p(doc, "{%p endif %}")
    return doc


def _summary_rows_table(doc) -> None:
    """One row per nämnd; the result columns repeat (`{%tc for %}`) with the kommun's words as headings,
    so a kommun with Godkänd … Ej utförd, or with the "utförd" results, gets its own columns."""
    fixed_before = [("Nämnd", "{{ r.board }}", 4.0), ("Antagen", "{{ r.adopted }}", 2.6)]
    fixed_before += [("Planerade", "{{ r.planned }}", 2.0), ("Genomförda", "{{ r.performed }}", 2.2)]
    fixed_after = [
        ("Ej rapporterade", "{{ r.not_reported }}", 2.2),
        ("Följer plan ja/nej", "{{ r.follows.ja }}/{{ r.follows.nej }}", 2.2),
        ("Förra året", "{{ r.last_year }}", 2.2),
    ]
    # The loop's tag cells go when it renders but their grid columns stay (docxtpl only adds or drops
    # columns at the end): every column of the loop as wide as a result column keeps the grid in step.
    loop = [("{%tc for c in columns %}", "{%tc for n in r.results %}", 2.2)]
    loop += [("{{ c.heading }}", "{{ n }}", 2.2), ("{%tc endfor %}", "{%tc endfor %}", 2.2)]
    cols = fixed_before + loop + fixed_after
    table = doc.add_table(rows=4, cols=len(cols))
    table.style = TABLE_STYLE
    for i, (head, body, _) in enumerate(cols):
        c = table.cell(0, i)
        c.text = ""
        c.paragraphs[0].add_run(head).bold = True
        _shade(c, "DCE6F0")
        table.cell(2, i).text = body
    table.cell(1, 0).text = "{%tr for r in rows %}"
    table.cell(3, 0).text = "{%tr endfor %}"
    for row in table.rows:
        for c in row.cells:
            for par in c.paragraphs:
                for run in par.runs:
                    run.font.size = Pt(9)
    _widths(table, [w for _, _, w in cols])
    _repeat_header(table)


TEMPLATES = {"uppfoljning": follow_up_template, "plan": plan_template, "sammanstallning": summary_template}


def main(names: list[str] | None = None) -> None:
    OUT.mkdir(exist_ok=True)
    chosen = names or list(TEMPLATES)
    unknown = [n for n in chosen if n not in TEMPLATES]
    if unknown:
        raise SystemExit(f"okänd mall: {', '.join(unknown)}; kända: {', '.join(TEMPLATES)}")
    for name in chosen:
        TEMPLATES[name]().save(OUT / f"{name}.docx")
    print("wrote " + ", ".join(str(OUT / f"{n}.docx") for n in chosen))


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
