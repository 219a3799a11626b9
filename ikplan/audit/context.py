"""The granskning as the templates (md, html) and the Word document read it."""

from __future__ import annotations

from typing import Any

from ikplan.audit import Answer, question_titles
from ikplan.audit.build import Audit
from ikplan.swedish import long_date, whole

KIND_WORDS = {"nämnd": "Nämnd", "bolag": "Kommunalt bolag (styrelsen)", "utskott": "Utskott"}


def _answer(a: Answer, titles: dict[int, str]) -> dict[str, Any]:
    return {
        "nr": a.question,
        "title": titles[a.question],
        "verdict": a.verdict.value,
        "code": a.verdict.code,
        "text": a.text,
        "evidence": [{"where": e.where, "text": e.text} for e in a.evidence],
    }


def audit_context(audit: Audit) -> dict[str, Any]:
    kommun = audit.municipality or "Kommunen"
    titles = question_titles(audit.municipality)
    return {
        "title": f"Granskning av den interna kontrollen {audit.year}",
        "municipality": kommun,
        "year": audit.year,
        "date_iso": audit.as_of.isoformat(),
        "date_long": long_date(audit.as_of),
        "whole": whole(audit.municipality),  # the heading of the figures for everyone: Kommunen, Regionen
        "kommun": [_answer(a, titles) for a in audit.kommun],
        "orgs": [
            {
                "name": o.name,
                "kind": o.kind,
                "kind_word": KIND_WORDS.get(o.kind, o.kind),
                "body": o.body,
                "plan": o.plan.file if o.plan is not None else "",
                "answers": [_answer(a, titles) for a in audit.answers[o.name]],
            }
            for o in audit.orgs
        ],
        "notes": audit.notes,
    }


def audit_text(ctx: dict[str, Any], width: int | None = None) -> str:
    """The granskning for a terminal: the documents' answers, each question one paragraph wrapped at the
    terminal's width (80 in a pipe or a CI log, where the Markdown table's rows ran to 300 columns)."""
    from ikplan.text import wrapped

    def answer(a: dict[str, Any], evidence: bool = True) -> list[str]:
        out = wrapped(f"  {a['nr']}. {a['title']}: {a['verdict']}. {a['text']}".rstrip(), width, hang="   ")
        for e in a["evidence"] if evidence else []:
            where = f"{e['where']}: " if e["where"] else ""
            out += wrapped(f"     - {where}{e['text']}", width, hang="  ")
        return out

    lines = [*wrapped(ctx["title"], width, hang=""), f"{ctx['municipality']}, {ctx['date_long']}", ""]
    lines.append(ctx["whole"])
    for a in ctx["kommun"]:
        lines += answer(a, evidence=False)  # as in the documents' table: the evidence is under each nämnd
    for o in ctx["orgs"]:
        lines += ["", f"{o['name']} ({o['kind_word']})"]
        lines += wrapped(f"  Plan: {o['plan']}" if o["plan"] else f"  Ingen plan för {ctx['year']}.", width)
        for a in o["answers"]:
            lines += answer(a)
    if ctx["notes"]:
        lines += ["", "Notiser"]
        lines += [part for n in ctx["notes"] for part in wrapped(f"  - {n}", width, hang="  ")]
    return "\n".join(lines) + "\n"


def audit_docx(ctx: dict[str, Any]) -> bytes:
    """A plain Word document (python-docx): headings, the kommun's table, each organisation's answers."""
    import io

    from docx import Document

    doc = Document()
    doc.core_properties.title = ctx["title"]
    doc.core_properties.language = "sv-SE"
    doc.add_heading(ctx["title"], 0)
    doc.add_paragraph(f"{ctx['municipality']}, {ctx['date_long']}")
    doc.add_heading(ctx["whole"], 1)
    table = doc.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("Fråga", "Bedömning", "Iakttagelse"), strict=True):
        cell.text = text
    for a in ctx["kommun"]:
        row = table.add_row().cells
        row[0].text, row[1].text, row[2].text = f"{a['nr']}. {a['title']}", a["verdict"], a["text"]
    for o in ctx["orgs"]:
        doc.add_heading(f"{o['name']} ({o['kind_word']})", 1)
        for a in o["answers"]:
            p = doc.add_paragraph()
            p.add_run(f"{a['nr']}. {a['title']}: {a['verdict']}. ").bold = True
            p.add_run(a["text"])
            for e in a["evidence"]:
                doc.add_paragraph(f"{e['where']}: {e['text']}" if e["where"] else e["text"], style="List Bullet")
    for n in ctx["notes"]:
        doc.add_paragraph(n)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
