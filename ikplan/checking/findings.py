"""Findings: the small values that describe a problem in a plan file.

Validation never raises for bad user data; it collects findings. Reporters
(`ikplan.checking.reporters`) turn them into text, JSON, GitHub or GitLab output.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"

    @property
    def swedish(self) -> str:
        return "fel" if self is Severity.ERROR else "varning"


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem at one place. `line` and `column` are 1-based; 0 means unknown."""

    file: str
    line: int
    column: int
    code: str
    severity: Severity
    message: str

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.code)


def count(findings: list[Finding]) -> tuple[int, int]:
    """Return (errors, warnings)."""
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    return errors, len(findings) - errors
