"""What the revisorer check, answered from the plans and their git history (`ikplan granskning`).

Each audit question is answered per organisation (nämnd, bolag, utskott) and for the kommun, with a
`Verdict` and the evidence it rests on: a place in a file (file:line), a commit and a date. Verdicts
are never guessed: a question that the files cannot answer is "går inte att bedöma", with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Verdict(StrEnum):
    MET = "uppfyllt"
    PARTLY = "delvis"
    NOT_MET = "inte uppfyllt"
    UNKNOWN = "går inte att bedöma"

    @property
    def code(self) -> str:
        """The JSON code: 'uppfyllt', 'delvis', 'inte_uppfyllt', 'går_inte_att_bedöma'."""
        return self.value.replace(" ", "_")


def verdict_of(met: int, total: int) -> Verdict:
    """All of `total` met: uppfyllt; none: inte uppfyllt; some: delvis (nothing to judge: uppfyllt)."""
    if met >= total:
        return Verdict.MET
    return Verdict.NOT_MET if met == 0 else Verdict.PARTLY


def combined(verdicts: list[Verdict]) -> Verdict:
    """The kommun's verdict from the organisations' own (those that cannot be judged aside)."""
    judged = [v for v in verdicts if v is not Verdict.UNKNOWN]
    if not judged:
        return Verdict.UNKNOWN
    if all(v is Verdict.MET for v in judged):
        return Verdict.MET
    if all(v is Verdict.NOT_MET for v in judged):
        return Verdict.NOT_MET
    return Verdict.PARTLY


@dataclass(frozen=True)
class Evidence:
    """What a verdict rests on: a place in a file, a commit, a date, and what it shows."""

    text: str
    file: str | None = None
    line: int = 0
    commit: str | None = None
    author: str | None = None
    date: str | None = None  # ÅÅÅÅ-MM-DD

    @property
    def where(self) -> str:
        """'plans/sn-2025.yaml:12', 'commit 1a2b3c4 (2025-03-02, Anna Berg)', or both."""
        parts = []
        if self.file:
            parts.append(f"{self.file}:{self.line}" if self.line else self.file)
        if self.commit:
            who = ", ".join(x for x in (self.date, self.author) if x)
            parts.append(f"commit {self.commit[:7]}" + (f" ({who})" if who else ""))
        elif self.date:
            parts.append(self.date)
        return ", ".join(parts)

    def as_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "fil": self.file,
            "rad": self.line or None,
            "commit": self.commit,
            "författare": self.author,
            "datum": self.date,
        }


@dataclass
class Answer:
    """One question answered for one organisation."""

    question: int
    verdict: Verdict
    text: str  # a sentence as a revisor writes it
    evidence: list[Evidence] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "fråga": self.question,
            "bedömning": self.verdict.value,
            "kod": self.verdict.code,
            "text": self.text,
            "underlag": [e.as_json() for e in self.evidence],
        }


QUESTIONS: dict[int, str] = {
    1: "Riskanalys",
    2: "Antagen i tid och som eget beslut",
    3: "Uppföljning rapporterad i tid",
    4: "Åtgärd för varje brist",
    5: "Brister förs vidare till nästa års plan",
    6: "Kontrollmoment dokumenterade",
    7: "Alla nämnder och bolag omfattas",
    8: "En gemensam skala för brister",
    9: "Den antagna planen är oförändrad",
    10: "Kommunstyrelsens sammanställning",
}


def question_titles(municipality: str | None) -> dict[int, str]:
    """The questions as this kommun's (or region's) revisorer ask them: a region's is Regionstyrelsens."""
    from ikplan.swedish import governing_board

    board = governing_board(municipality)
    return {q: t.replace("Kommunstyrelsens", board + "s") for q, t in QUESTIONS.items()}
