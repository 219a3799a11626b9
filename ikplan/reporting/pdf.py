"""PDF/UA-1 from the HTML report: the same context and template, rendered by WeasyPrint.

WeasyPrint is an optional extra (`pip install 'ikplan[pdf]'`): it needs Pango from the
system, which a pre-commit hook or a CI job that only validates should not have to carry.
Title, language, bookmarks and the A4 pages come from the HTML (<title>, lang="sv", headings,
rapport.css's @page rules); the PDF is tagged so a screen reader can follow it.
"""

from __future__ import annotations

import logging
from pathlib import Path

from ikplan.errors import IkplanError

MISSING = (
    "PDF kräver WeasyPrint, som inte är installerat. Installera det med "
    "pip install 'ikplan[pdf]' (WeasyPrint behöver också Pango från systemet), eller skriv -f html"
)


def render_pdf(html: str, base: Path) -> bytes:
    """The HTML report as a tagged PDF/UA-1 document with embedded fonts."""
    try:
        import weasyprint
    except (ImportError, OSError):  # OSError: the package is there but Pango is not
        raise IkplanError(MISSING) from None
    # WeasyPrint logs CSS it ignores (e.g. screen-only rules) as warnings; they are not the user's concern.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    try:
        document = weasyprint.HTML(string=html, base_url=str(base))
        data = document.write_pdf(pdf_variant="pdf/ua-1", pdf_identifier=b"ikplan", uncompressed_pdf=False)
    except Exception as exc:  # WeasyPrint raises many kinds; the user needs one message
        raise IkplanError(f"kan inte skapa PDF: {exc}") from None
    assert isinstance(data, bytes)
    return data
