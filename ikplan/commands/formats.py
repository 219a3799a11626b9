"""Every output format ikplan writes, once: its file suffix, whether it is JSON, and whether it needs a
file (-o) because it is not text for a terminal. The command lines' format choices (typer's enums,
the fast path's list) and the commands' "needs -o" checks are derived from here.

Standard library only: the fast path for pre-commit reads FINDING.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


@dataclass(frozen=True)
class Format:
    name: str
    suffix: str  # of a file in this format, with the dot
    needs_file: bool = False  # binary: never written to a terminal without -o
    json: bool = False  # escaped as JSON, not as plain text


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("text", ".txt"),
        Format("md", ".md"),
        Format("html", ".html"),
        Format("json", ".json", json=True),
        Format("docx", ".docx", needs_file=True),
        Format("pdf", ".pdf", needs_file=True),
        Format("xlsx", ".xlsx", needs_file=True),
        Format("github", ".txt"),
        Format("gitlab", ".json", json=True),
    )
}

# Which formats each kind of output offers, in the order --help lists them.
FINDING = ("text", "json", "github", "gitlab")  # validate
VIEW = ("text", "md", "json")  # score, status, diff, history
REPORT = ("md", "html", "docx", "pdf")  # report
SUMMARY = ("text", "md", "html", "docx", "pdf", "json")  # summary
EXPORT = ("xlsx",)  # export
AUDIT = ("text", "md", "html", "docx", "pdf", "json")  # granskning


def choices(name: str, formats: tuple[str, ...]) -> type[StrEnum]:
    """The enum a command line offers for `formats` (typer shows and checks its values)."""
    return StrEnum(name, {f: f for f in formats})  # type: ignore[return-value]


def needs_file(fmt: str) -> bool:
    return FORMATS[fmt].needs_file


def is_json(fmt: str) -> bool:
    return FORMATS[fmt].json


def suffix(fmt: str) -> str:
    return FORMATS[fmt].suffix
