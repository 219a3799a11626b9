"""What a registrator checks in a Word file, set after docxtpl has rendered it.

The document properties name the report, the förvaltning and the report's date (not the
library that wrote the template), the language is sv-SE, and a section left empty by the
template (the Bilaga of a report that has none) is dropped so no blank landscape page remains.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from docx.oxml.ns import qn


def finish(document: Any, ctx: dict[str, Any]) -> None:
    """Properties, language and sections of a rendered python-docx Document."""
    _properties(document, ctx)
    _language(document)
    _drop_empty_last_section(document)


def _properties(document: Any, ctx: dict[str, Any]) -> None:
    props = document.core_properties
    day = dt.date.fromisoformat(ctx["doc"]["date_iso"])
    moment = dt.datetime(day.year, day.month, day.day, 12, 0)
    author = ctx["plan"]["administration"] or ctx["plan"]["board"]
    props.title = ctx["doc"]["title"]
    props.author = author
    props.last_modified_by = author
    props.created = moment
    props.modified = moment
    props.revision = 1
    props.language = "sv-SE"
    props.subject = f"Internkontroll {ctx['plan']['year']}, {ctx['plan']['board']}"
    props.keywords = "internkontroll"
    props.comments = ""
    props.category = ""
    props.identifier = ctx["doc"]["case_number"]


def _language(document: Any) -> None:
    """sv-SE in the document defaults and wherever a style or run names another language."""
    for lang in document.styles.element.iter(qn("w:lang")):
        lang.set(qn("w:val"), "sv-SE")
        lang.set(qn("w:eastAsia"), "sv-SE")
    for lang in document.element.body.iter(qn("w:lang")):
        lang.set(qn("w:val"), "sv-SE")


def _drop_empty_last_section(document: Any) -> None:
    """When the last section holds no text, the section before it becomes the last one."""
    body = document.element.body
    breaks = [p for p in body.iterchildren(qn("w:p")) if p.find(qn("w:pPr") + "/" + qn("w:sectPr")) is not None]
    if not breaks:
        return
    last_break = breaks[-1]
    after = list(last_break.itersiblings())
    has_text = any(
        (el.tag == qn("w:tbl")) or "".join(t.text or "" for t in el.iter(qn("w:t"))).strip()
        for el in after
        if el.tag != qn("w:sectPr")
    )
    if has_text:
        return
    body_sect = body.find(qn("w:sectPr"))
    inner = last_break.find(qn("w:pPr")).find(qn("w:sectPr"))
    inner.getparent().remove(inner)
    if body_sect is not None:
        body.replace(body_sect, inner)
    for el in after:
        if el.tag == qn("w:p"):
            body.remove(el)
    previous = last_break.getprevious()
    if previous is not None and previous.tag == qn("w:p"):
        body.remove(last_break)
        return
    # After a closing table Word needs a paragraph: it stays, but takes no room, so it cannot
    # push an empty page.
    ppr = last_break.find(qn("w:pPr"))
    spacing = ppr.makeelement(qn("w:spacing"), {qn("w:before"): "0", qn("w:after"): "0", qn("w:line"): "20"})
    ppr.append(spacing)
    for run in last_break.findall(qn("w:r")):
        last_break.remove(run)
