"""`ikplan history ID`: one risk or kontrollmoment through the years, from the year files.

A kommun keeps one file per nämnd and year, and `rollover` keeps the ids, so the same id in the
files of consecutive years is the same risk or kontrollmoment. A kontrollmoment is also found
through its kommungemensamt id.

A history belongs to one nämnd: two nämnder may both number a kontrollmoment K2, and their K2s are
different things. Entries are therefore keyed by (nämnd, id) and shown one history per key; `board`
narrows them to one nämnd, matched without regard to case or Unicode form.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any

from ikplan.checking.validate import Checked
from ikplan.plan.model import Control, FollowUp, Risk
from ikplan.plan.vocabulary import DEFAULT_WORDS, Words


@dataclass
class YearEntry:
    year: int
    board: str
    file: str
    kind: str  # "risk" or "kontrollmoment"
    id: str
    text: str
    score: int | None
    handling: list[str]  # ikplan's values; handling_words has them in the kommun's nouns
    follow_up: dict[str, dict[str, Any]] = field(default_factory=dict)
    words: Words = DEFAULT_WORDS
    period_names: dict[str, str] = field(default_factory=dict)
    source: str | None = None  # the document a transcribed year comes from
    handling_words: list[str] = field(default_factory=list)
    # a risk's kontrollmoment and their follow-up: a risk is followed up through them
    controls: list[tuple[str, dict[str, dict[str, Any]]]] = field(default_factory=list)

    @property
    def noun(self) -> str:
        """'kontrollmoment', or the kommun's word for it ('granskning'); 'risk' for a risk."""
        return self.words.control.singular if self.kind == "kontrollmoment" else self.kind

    def as_json(self) -> dict[str, Any]:
        return {
            "år": self.year,
            "nämnd": self.board,
            "plan": self.file,
            "typ": self.kind,
            "id": self.id,
            "beskrivning": self.text,
            "riskvärde": self.score,
            "hantering": self.handling,
            "hantering_ord": self.handling_words,
            "uppföljning": self.follow_up,
            "källa": self.source,
        } | ({"kontrollmoment": [{"id": i, "uppföljning": f} for i, f in self.controls]} if self.kind == "risk" else {})


def _follow_up(items: dict[str, FollowUp], words: Words) -> dict[str, dict[str, Any]]:
    """Each period's follow-up: ikplan's values for counting, and the kommun's words (as the plan wrote
    them) for reading."""
    out: dict[str, dict[str, Any]] = {}
    for period, f in items.items():
        out[period] = {
            "resultat": f.outcome.value if f.outcome else None,
            "resultat_ord": words.outcome_word(f.outcome, f.outcome_written)
            if f.outcome
            else ("rapporterad, resultat okänt" if f.reported else None),
            "följer_plan": None if f.follows_plan is None else f.follows_plan.value,
            "kommentar": f.comment,
            "åtgärder": [
                {
                    "beskrivning": a.description,
                    "status": a.status.value if a.status else None,
                    "status_ord": words.status_word(a.status, a.status_written) if a.status else None,
                    "slutdatum": str(a.deadline) if a.deadline else None,
                }
                for a in f.actions
            ],
        }
    return out


def _entry(c: Checked, risk: Risk, control: Control | None) -> YearEntry:
    assert c.plan is not None
    words = c.settings.words if c.settings is not None else DEFAULT_WORDS
    return YearEntry(
        year=c.plan.year,
        board=c.plan.board,
        file=c.file,
        kind="kontrollmoment" if control else "risk",
        id=control.id if control else risk.id,
        text=" ".join((control.description if control else risk.description).split()),
        score=risk.score,
        handling=[h.value for h in risk.handling],
        handling_words=[words.handling_word(h) for h in risk.handling],
        follow_up=_follow_up(control.follow_up if control else risk.follow_up, words),
        controls=[] if control else [(k.id, _follow_up(k.follow_up, words)) for k in risk.controls],
        words=words,
        period_names={p.id: p.name for p in c.settings.periods} if c.settings is not None else {},
        source=c.plan.source.document if c.plan.source else None,
    )


def _stated_entry(c: Checked, ident: str, periods: list[str]) -> YearEntry:
    """A year transcribed from a source that names a brist in `ident` but lists no kontrollmoment."""
    assert c.plan is not None
    words = c.settings.words if c.settings is not None else DEFAULT_WORDS
    said = {"resultat": None, "resultat_ord": "brist enligt underlaget", "följer_plan": None, "kommentar": None}
    return YearEntry(
        year=c.plan.year,
        board=c.plan.board,
        file=c.file,
        kind="kontrollmoment",
        id=ident,
        text="uppgift saknas i underlaget",
        score=None,
        handling=[],
        follow_up={p: {**said, "åtgärder": []} for p in periods},
        words=words,
        period_names={p.id: p.name for p in c.settings.periods} if c.settings is not None else {},
        source=c.plan.source.document if c.plan.source else None,
    )


def _folded(name: str, accents: bool = True) -> str:
    """A nämnd's name for comparison: case and Unicode form ignored (and, with accents=False, the
    accents too, so that --namnd socialnamnden finds Socialnämnden)."""
    text = unicodedata.normalize("NFKC", " ".join(name.split())).casefold()
    if not accents:
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return text


def boards(plans: list[Checked]) -> list[str]:
    """The nämnder that have a plan among `plans`, sorted."""
    return sorted({c.plan.board for c in plans if c.plan is not None})


def matching_board(plans: list[Checked], wanted: str) -> str:
    """The nämnd `wanted` names (case, Unicode form and, if need be, accents ignored), or a usage error
    that lists the nämnder there are."""
    from ikplan.errors import UsageError

    known = boards(plans)
    for accents in (True, False):
        hits = [b for b in known if _folded(b, accents) == _folded(wanted, accents)]
        if len(hits) == 1:
            return hits[0]
    names = ", ".join(known) or "inga planer hittades"
    raise UsageError(f"nämnden '{wanted}' har ingen plan här; kända nämnder: {names}")


def key(entry: YearEntry) -> tuple[str, str]:
    """One history: a nämnd's risk or kontrollmoment through the years."""
    return (entry.board, entry.id)


def history(plans: list[Checked], ident: str, board: str | None = None) -> list[YearEntry]:
    """Every year's entry for the risk or kontrollmoment `ident`, one history (nämnd, id) after the
    other and each oldest first; only nämnden `board` (an exact name, see `matching_board`) if given."""
    out: list[YearEntry] = []
    for c in plans:
        if c.plan is None or (board is not None and c.plan.board != board):
            continue
        before = len(out)
        for risk in c.plan.risks:
            if risk.id == ident:
                out.append(_entry(c, risk, None))
            for control in risk.controls:
                if ident in (control.id, control.common_id):
                    out.append(_entry(c, risk, control))
        stated = [p for p, st in c.plan.stated.items() if ident in st.deficient]
        if stated and len(out) == before:
            out.append(_stated_entry(c, ident, stated))
    return sorted(out, key=lambda e: (*key(e), e.year))


def history_lines(entries: list[YearEntry], markdown: bool = False) -> str:
    """The history as text (terminal, 80 columns) or Markdown; with several nämnder or ids, each
    history under its own heading."""
    lines: list[str] = []
    several = len({key(e) for e in entries}) > 1
    last: tuple[str, str] | None = None
    for e in entries:
        if several and key(e) != last:
            last = key(e)
            title = f"{e.board}: {e.noun} {e.id}"
            lines += [f"# {title}", ""] if markdown else [title, "=" * len(title), ""]
        head = f"{e.year} {e.board}: {e.noun} {e.id}"
        lines.append(f"## {head}" if markdown else head)
        if markdown:
            lines.append("")
        lines.append(f"{'- ' if markdown else '  '}{e.text}")
        if e.source:
            lines.append(f"{'- ' if markdown else '  '}överförd från {e.source}")
        score = "ej bedömd" if e.score is None else str(e.score)
        lines.append(
            f"{'- ' if markdown else '  '}{e.words.risk_value} {score}; hantering {', '.join(e.handling_words) or 'ej angiven'}"
        )
        followed = [("", e.follow_up)] + [(f" ({e.words.control.singular} {i})", f) for i, f in e.controls]
        for through, follow_up in followed:
            for period, f in follow_up.items():
                result = f["resultat_ord"] or (
                    f"följer plan {f['följer_plan']}" if f["följer_plan"] else "ej rapporterad"
                )
                lines.append(f"{'- ' if markdown else '  '}{e.period_names.get(period, period)}{through}: {result}")
                for a in f["åtgärder"]:
                    lines.append(
                        f"{'  - ' if markdown else '    '}{e.words.action.singular}: {a['beskrivning']} "
                        f"({a['status_ord'] or 'status ej angiven'}"
                        f"{', slutdatum ' + a['slutdatum'] if a['slutdatum'] else ''})"
                    )
        if not any(f for _, f in followed):
            lines.append(f"{'- ' if markdown else '  '}ingen uppföljning")
        lines.append("")
    if not markdown:  # a terminal's 80 columns; Markdown reflows by itself
        from ikplan.text import wrapped

        lines = [part for line in lines for part in wrapped(line)]
    return "\n".join(lines)
