"""Small Markdown helpers shared by every Markdown output (score, status, report, diff)."""

from __future__ import annotations

import colorsys
import html
from collections.abc import Sequence


def cell(value: object) -> str:
    """A table cell: user text stays text (no HTML, no broken table), paragraphs kept."""
    if value is None:
        return ""
    text = html.escape(str(value), quote=False).replace("|", "\\|")
    paragraphs = [" ".join(p.split()) for p in text.replace("\r", "").split("\n\n")]
    return "<br><br>".join(p for p in paragraphs if p) if len(paragraphs) > 1 else " ".join(text.split())


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    out = ["| " + " | ".join(cell(h) for h in headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    out += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(out) + "\n"


def colour_emoji(hex_colour: str) -> str:
    """The coloured square nearest a band colour (Markdown cannot colour table cells)."""
    try:
        r, g, b = (int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    except ValueError:
        return "⬜"
    h, light, s = colorsys.rgb_to_hls(r, g, b)
    if s < 0.2:
        return "⬜" if light > 0.5 else "⬛"
    deg = h * 360
    if deg < 15 or deg >= 330:
        return "🟥"
    if deg < 40:
        return "🟧"
    if deg < 70:
        return "🟨"
    if deg < 170:
        return "🟩"
    if deg < 260:
        return "🟦"
    return "🟪"
