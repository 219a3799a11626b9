"""Small Markdown helpers shared by every Markdown output (score, status, report, diff).

What plan text may carry into Markdown: its words, its paragraphs and its lists (the
report's blocks, which ikplan itself writes as Markdown). Nothing else: every other
Markdown or HTML construct in plan text (emphasis, links, images, headings, quotes,
tables, code, HTML tags, entities) is escaped by `escape`, the one escaper that every
Markdown output uses, so it shows as the characters the user typed.
"""

from __future__ import annotations

import colorsys
import html
import re
from collections.abc import Sequence

# Inline: backslash first (so "a \\| b" stays one cell), then every character that starts
# emphasis, code, links (so images too), strikethrough or a table column.
_INLINE = str.maketrans({ch: "\\" + ch for ch in "`*[]|~"})
# A backslash is literal in Markdown unless ASCII punctuation follows; then it is doubled.
_BACKSLASH = re.compile(r"\\(?=[!-/:-@\[-`{-~])")
# '_' emphasises only at a word's edge ("följer_plan" stays as it is).
_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")
# At the start of a line: headings, quotes, list markers, thematic breaks, setext underlines.
_LINE_START = re.compile(r"^([ \t]*)([#>+=-]|\d+(?=[.)])|)", re.MULTILINE)


def escape(text: str) -> str:
    """User text as Markdown that shows exactly that text (see the module docstring)."""
    text = _BACKSLASH.sub(r"\\\\", html.escape(text, quote=False)).translate(_INLINE)
    text = _UNDERSCORE.sub(r"\\_", text)
    # leading blanks go (four would make a code block); a marker at a line start is escaped
    return _LINE_START.sub(_line_start, text)


def _line_start(m: re.Match[str]) -> str:
    marker = m[2]
    if not marker:
        return ""
    return marker + "\\" if marker[0].isdigit() else "\\" + marker


def cell(value: object) -> str:
    """A table cell: user text stays text (no HTML, no broken table), paragraphs kept."""
    if value is None:
        return ""
    text = escape(str(value))
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
