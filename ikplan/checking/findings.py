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


def finding(file: str, line: int, column: int, code: str, message: str) -> Finding:
    """A finding with the severity the code registry gives `code` (checking/rules.py, the one
    list `ikplan rules` prints), so that no module states a code's severity a second time."""
    from ikplan.checking.rules import severity_of

    return Finding(file, line, column, code, severity_of(code), message)


def count(findings: list[Finding]) -> tuple[int, int]:
    """Return (errors, warnings)."""
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    return errors, len(findings) - errors


MAX_PER_FILE = 200


def cap(findings: list[Finding], file: str, limit: int = MAX_PER_FILE) -> list[Finding]:
    """At most `limit` findings for one file, then one finding (IK012) that counts the rest."""
    if len(findings) <= limit:
        return findings
    kept = findings[:limit]
    rest = findings[limit:]
    errors = sum(1 for f in rest if f.severity is Severity.ERROR)
    severity = Severity.ERROR if errors else Severity.WARNING
    message = (
        f"ytterligare {len(rest)} problem ({errors} fel) visas inte; "
        f"ikplan visar högst {limit} per fil; rätta de första och kör igen"
    )
    return [*kept, Finding(file, 0, 0, "IK012", severity, message)]
