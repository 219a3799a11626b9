"""Plain-text helpers shared by messages and views."""

from __future__ import annotations


def shorten(text: str, n: int) -> str:
    """One line of at most `n` characters, ending with '…' when cut."""
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"
