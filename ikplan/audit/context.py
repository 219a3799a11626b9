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
