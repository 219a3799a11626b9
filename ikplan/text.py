"""Plain-text helpers shared by messages and views."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Any


def shorten(text: str, n: int) -> str:
    """One line of at most `n` characters, ending with '…' when cut."""
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def describe_path(path: tuple[object, ...], data: object = None) -> str:
    """A path into a plan as a person reads it: an entry's id where it has one, else its position
    counted from 1 ('risker R1 › kontrollmoment 2 › ansvarig'). `data` is the document, if known."""
    out: list[str] = []
    node = data
    for p in path:
        label = str(p)
        if isinstance(p, int):
            entry = node[p] if isinstance(node, list) and 0 <= p < len(node) else None
            ident = entry.get("id") if isinstance(entry, dict) else None
            label = ident if isinstance(ident, str) and ident else str(p + 1)
            node = entry
        else:
            node = node.get(p) if isinstance(node, dict) else None
        if isinstance(p, int) and out:
            out[-1] += f" {label}"
        else:
            out.append(label)
    return " › ".join(out)


def shorten_words(text: str, n: int) -> str:
    """Like `shorten`, but cut between words (inside a word only when one word fills the line)."""
    text = " ".join(text.split())
    if len(text) <= n:
        return text
    cut = text[: n - 1]
    space = cut.rfind(" ")
    return (cut[:space].rstrip(" ,;:.–-") if space > n // 3 else cut) + "…"


# --- control characters -------------------------------------------------------------------------
# Plan text may hold any character YAML allows in a quoted string ("\e]0;x\a" included). Every
# terminal and text output passes through `visible`, so no such character reaches a terminal,
# a log or a pull-request comment as a control: C0 controls (except newline and tab) become
# their Unicode control pictures (ESC -> ␛), DEL becomes ␡, and C1 controls, bidi overrides,
# line/paragraph separators and lone surrogates become ⟨U+XXXX⟩ (no angle brackets: HTML).


def _codepoint(c: int) -> str:
    return f"⟨U+{c:04X}⟩"


_VISIBLE: dict[int, str] = {c: chr(0x2400 + c) for c in range(0x20) if c not in (0x09, 0x0A)}
_VISIBLE[0x7F] = "\u2421"
_VISIBLE.update({c: _codepoint(c) for c in range(0x80, 0xA0)})
_SPECIAL = [0x061C, 0x200E, 0x200F, 0x2028, 0x2029, *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0xFEFF]
_VISIBLE.update({c: _codepoint(c) for c in _SPECIAL})
_JSON = {c: f"\\u{c:04x}" for c in _VISIBLE if c >= 0x7F}
_JSON_HIDDEN = frozenset(map(chr, _JSON))
# Lone surrogates by a pattern, not 2,048 table entries built on every start (pre-commit pays each one).
_SURROGATE = re.compile("[\ud800-\udfff]")
_HIDDEN = frozenset(map(chr, _VISIBLE))


@functools.cache
def _any_of(chars: frozenset[str]) -> re.Pattern[str]:
    """One pattern for `chars` and the lone surrogates: one pass over a text, not two (1.4 MB of
    sammanställning: 8 ms, against 17 ms for a set and then the surrogates). Compiled when first used."""
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "\ud800-\udfff]")


def visible(text: str) -> str:
    """`text` with every control character shown instead of obeyed (see above)."""
    if _any_of(_HIDDEN).search(text) is None:
        return text  # the usual case, cheaply: translate looks up every character (4 ms for a 35 kB plan)
    return _SURROGATE.sub(lambda m: _codepoint(ord(m[0])), text.translate(_VISIBLE))


def json_safe(text: str) -> str:
    """JSON text (C0 already escaped by json.dumps) with the other controls escaped too."""
    if _any_of(_JSON_HIDDEN).search(text) is None:
        return text  # the usual case: translate would look up every character (65 ms for 1.4 MB)
    return _SURROGATE.sub(lambda m: f"\\u{ord(m[0]):04x}", text.translate(_JSON))


def yaml_value(value: object) -> str:
    """A value as the user wrote it in YAML, for messages (never a Python repr)."""
    import datetime as dt

    if value is True or value is False:
        return "true" if value else "false"
    if value is None:
        return "ett tomt värde"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return "'" + shorten(visible(value), 60) + "'"
    if isinstance(value, (list, dict)):
        return "en lista" if isinstance(value, list) else "en mappning"
    return shorten(str(value), 60)


# rich's markup tags, and the ones ikplan's own views write (styles and band colours)
_RICH_TAG = re.compile(r"(\\*)\[([a-z#/@][^\[]*?)\]")
_OWN_TAG = re.compile(r"/?|/?(?:bold|dim|italic|red|green|yellow|blue)|(?:bold )?black on #[0-9a-fA-F]{6}")


def _own_tags_only(m: re.Match[str]) -> str:
    if len(m[1]) % 2 or _OWN_TAG.fullmatch(m[2]):
        return m[0]
    return m[1] + "\\[" + m[2] + "]"


def safe_console(**kwargs: object) -> object:
    """A rich Console whose text segments pass through `visible` (rich's own styles still apply)."""

    from rich.console import Console, ConsoleOptions, RenderableType
    from rich.errors import MarkupError
    from rich.segment import Segment
    from rich.text import Text

    class _SafeConsole(Console):
        def render_str(self, text: str, **kwargs: Any) -> Text:
            """Rich markup only where ikplan wrote it: a tag from plan text is shown as text."""
            if kwargs.get("markup") is False:
                return super().render_str(text, **kwargs)
            text = _RICH_TAG.sub(_own_tags_only, text)
            try:
                return super().render_str(text, **kwargs)
            except MarkupError:  # '[/]' from plan text that closes nothing
                return super().render_str(text, **{**kwargs, "markup": False})

        def render(self, renderable: RenderableType, options: ConsoleOptions | None = None) -> Iterable[Segment]:
            for seg in super().render(renderable, options):
                if seg.control is None and seg.text:
                    yield Segment(visible(seg.text), seg.style)
                else:
                    yield seg

    return _SafeConsole(**kwargs)  # type: ignore[arg-type]


def visible_data(value: object) -> object:
    """`visible` applied to every string inside dicts, lists and tuples (a report context)."""
    if isinstance(value, str):
        return type(value)(visible(value)) if type(value) is not str else visible(value)
    if isinstance(value, dict):
        return {k: visible_data(v) for k, v in value.items()}
    if isinstance(value, list):
        return [visible_data(v) for v in value]
    if isinstance(value, tuple):
        return tuple(visible_data(v) for v in value)
    return value


def terminal_width() -> int:
    """The terminal's columns as rich sees them (COLUMNS, else the terminal), 80 in a pipe or a CI log."""
    import shutil

    return max(40, shutil.get_terminal_size((80, 24)).columns)


_GLUE = "\x1f"  # stands for a space that must not break while a line is wrapped; never in what is shown


def wrapped(line: str, width: int | None = None, hang: str = "  ", glued: Iterable[str] = ()) -> list[str]:
    """A line of terminal text in lines of at most `width` (the terminal's; a word longer than that stands
    alone): its own indentation kept, the continuation lines indented by `hang` more. Words never split,
    nor a word of `glued` from the word after it ('VON 5', a nämnd's short name and a risk's id)."""
    import textwrap

    width = width or terminal_width()
    indent = line[: len(line) - len(line.lstrip(" "))]
    words = [w for w in glued if w]
    if words:
        pattern = re.compile(r"(?<!\S)(" + "|".join(map(re.escape, words)) + r") (?=\S)")
        line = pattern.sub(lambda m: m[1] + _GLUE, line)
    parts = textwrap.wrap(line, width, subsequent_indent=indent + hang, break_long_words=False, break_on_hyphens=False)
    return [part.replace(_GLUE, " ") for part in parts] or [line.replace(_GLUE, " ")]
