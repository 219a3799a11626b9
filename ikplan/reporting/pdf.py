"""PDF for the archive from the HTML report: PDF/A-2a (tagged) that also declares PDF/UA-1.

WeasyPrint is an optional extra (`pip install 'ikplan[pdf]'`): it needs Pango from the
system, which a pre-commit hook or a CI job that only validates should not have to carry.
Title, language, bookmarks and the A4 pages come from the HTML (<title>, lang="sv", headings,
rapport.css's @page rules, which also number the pages "Sida 1 av 5").

WeasyPrint writes one variant at a time. PDF/A-2a (what Riksarkivet's RA-FS 2009:2 takes for
e-arkiv, at the accessible level) already gives the tagged structure, the language and the
embedded fonts that PDF/UA-1 asks for, so the document is made as PDF/A-2a and its XMP also carries
the PDF/UA-1 identifier (pdfuaid:part 1) and the diarium's fields (diarienummer, nämnd, datum,
dokumenttyp), each schema described in a PDF/A extension schema as PDF/A-2 requires.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, SubElement, fromstring, register_namespace, tostring

from ikplan.errors import IkplanError

MISSING = (
    "PDF kräver WeasyPrint, som inte är installerat. Installera det med "
    "pip install 'ikplan[pdf]' (WeasyPrint behöver också Pango från systemet), eller skriv -f html"
)

VARIANT = "pdf/a-2a"
DIARIUM_NS = "urn:ikplan:diarium:1.0/"
DIARIUM_PREFIX = "ikdiarium"
# The diarium's fields in the XMP, in the order a nämndsekreterare files them.
DIARIUM_FIELDS = {
    "diarienummer": "Diarienummer",
    "namnd": "Nämnd eller styrelse som ärendet gäller",
    "datum": "Dokumentets datum (ÅÅÅÅ-MM-DD)",
    "dokumenttyp": "Dokumenttyp",
}
_NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "pdfaExtension": "http://www.aiim.org/pdfa/ns/extension/",
    "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
    "pdfaProperty": "http://www.aiim.org/pdfa/ns/property#",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
    DIARIUM_PREFIX: DIARIUM_NS,
}
# Tables whose first row would move whole to the next page leave a page holding only the caption,
# which WeasyPrint's tagging cannot handle; printed again with rows free to split, it always can.
_ROWS_MAY_SPLIT = "tr { break-inside: auto !important; }"


def archive_metadata(ctx: dict[str, Any]) -> dict[str, str]:
    """The diarium's fields of a report context (a nämnd's report or plan, the sammanställning)."""
    doc: dict[str, Any] = ctx["doc"] if isinstance(ctx.get("doc"), dict) else {}
    plan: dict[str, Any] = ctx["plan"] if isinstance(ctx.get("plan"), dict) else {}
    kind = ctx.get("kind")
    if kind == "plan":
        what = "Internkontrollplan"
    elif kind == "uppföljning":
        what = "Tjänsteskrivelse: uppföljning av internkontrollplan"
    elif "sentences" in ctx:
        what = "Tjänsteskrivelse: sammanställning av den interna kontrollen"
    else:
        what = "Rapport om intern kontroll"
    return {
        "diarienummer": str(doc.get("case_number") or plan.get("case_number") or ""),
        "namnd": str(plan.get("board") or ""),
        "datum": str(doc.get("date_iso") or ctx.get("date_iso") or ""),
        "dokumenttyp": what,
    }


def _extension_schemas(rdf: Element) -> None:
    """The PDF/A extension schemas for pdfuaid and the diarium's properties (PDF/A-2, 6.6.2.3)."""

    def q(prefix: str, name: str) -> str:
        return f"{{{_NS[prefix]}}}{name}"

    desc = SubElement(rdf, q("rdf", "Description"), {q("rdf", "about"): ""})
    bag = SubElement(SubElement(desc, q("pdfaExtension", "schemas")), q("rdf", "Bag"))
    schemas = [
        ("PDF/UA identification schema", _NS["pdfuaid"], "pdfuaid", {"part": ("Integer", "PDF/UA version identifier")}),
        (
            "ikplan diarium",
            DIARIUM_NS,
            DIARIUM_PREFIX,
            {name: ("Text", text) for name, text in DIARIUM_FIELDS.items()},
        ),
    ]
    for title, uri, prefix, props in schemas:
        li = SubElement(bag, q("rdf", "li"), {q("rdf", "parseType"): "Resource"})
        SubElement(li, q("pdfaSchema", "schema")).text = title
        SubElement(li, q("pdfaSchema", "namespaceURI")).text = uri
        SubElement(li, q("pdfaSchema", "prefix")).text = prefix
        seq = SubElement(SubElement(li, q("pdfaSchema", "property")), q("rdf", "Seq"))
        for name, (value_type, text) in props.items():
            p = SubElement(seq, q("rdf", "li"), {q("rdf", "parseType"): "Resource"})
            SubElement(p, q("pdfaProperty", "name")).text = name
            SubElement(p, q("pdfaProperty", "valueType")).text = value_type
            SubElement(p, q("pdfaProperty", "category")).text = "external"
            SubElement(p, q("pdfaProperty", "description")).text = text


def _with_archive_fields(rdf_bytes: bytes, fields: dict[str, str]) -> bytes:
    for prefix, uri in _NS.items():
        register_namespace(prefix, uri)
    rdf = fromstring(rdf_bytes)
    rdf_ns = _NS["rdf"]
    ua = SubElement(rdf, f"{{{rdf_ns}}}Description", {f"{{{rdf_ns}}}about": ""})
    SubElement(ua, f"{{{_NS['pdfuaid']}}}part").text = "1"
    diarium = SubElement(rdf, f"{{{rdf_ns}}}Description", {f"{{{rdf_ns}}}about": ""})
    for name in DIARIUM_FIELDS:
        SubElement(diarium, f"{{{DIARIUM_NS}}}{name}").text = fields.get(name, "")
    _extension_schemas(rdf)
    return tostring(rdf)


def _paged_css(base: Path) -> str:
    """rapport-pdf.css beside the template (a kommun's copy of the folder), else ikplan's own."""
    from ikplan.reporting.render import template_dir

    for folder in (base, template_dir()):
        path = folder / "rapport-pdf.css"
        if path.is_file():
            return path.read_text(encoding="utf-8")
    return ""


def render_pdf(html: str, base: Path, metadata: dict[str, str] | None = None) -> bytes:
    """The HTML report as a tagged PDF/A-2a document (also PDF/UA-1) with embedded fonts and the
    diarium's fields in its XMP metadata."""
    try:
        import weasyprint
        from weasyprint.pdf.metadata import DocumentMetadata
    except (ImportError, OSError):  # OSError: the package is there but Pango is not
        raise IkplanError(MISSING) from None
    # WeasyPrint logs CSS it ignores (e.g. screen-only rules) as warnings; they are not the user's concern.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    fields = dict(metadata or {})

    class ArchiveMetadata(DocumentMetadata):  # type: ignore[misc]
        def generate_rdf_metadata(self, variant: str, version: int, conformance: Any) -> bytes:
            return _with_archive_fields(super().generate_rdf_metadata(variant, version, conformance), fields)

    def write(extra: list[Any]) -> bytes:
        document = weasyprint.HTML(string=html, base_url=str(base)).render(
            stylesheets=extra, pdf_variant=VARIANT, pdf_tags=True
        )
        meta = ArchiveMetadata.__new__(ArchiveMetadata)
        meta.__dict__.update(document.metadata.__dict__)
        document.metadata = meta
        data = document.write_pdf(pdf_variant=VARIANT, pdf_identifier=b"ikplan", uncompressed_pdf=False)
        assert isinstance(data, bytes)
        return data

    try:
        paged = [weasyprint.CSS(string=_paged_css(base))]
        try:
            return write(paged)
        except ValueError as exc:
            if "Table wrapper without a table" not in str(exc):
                raise
            return write([*paged, weasyprint.CSS(string=_ROWS_MAY_SPLIT)])
    except Exception as exc:  # WeasyPrint raises many kinds; the user needs one message
        raise IkplanError(f"kan inte skapa PDF: {exc}") from None
