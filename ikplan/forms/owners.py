"""Who answers what: each kontrollmoment, risk follow-up and åtgärd of a period under its ansvarig.

Everything is read from PlanStatus (followup/status.py), the one follow-up computation: answered is
what status counts as reported, overdue what status counts as late.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ikplan.followup.status import ActionState, ItemStatus, PlanStatus
from ikplan.plan.vocabulary import is_done


def name_of(person: str | None) -> str | None:
    """An ansvarig as one name: spacing evened out, so 'Ekonomichef ' and 'Ekonomichef' are one person."""
    if person is None:
        return None
    text = " ".join(str(person).split())
    return text or None


def item_owner(item: ItemStatus, status: PlanStatus) -> str | None:
    """The ansvarig of a kontrollmoment; for a risk followed up as a risk (it has no kontrollmoment and no
    ansvarig of its own), the one ansvarig of all its åtgärder, else nobody: the controller answers it."""
    if item.control is not None:
        return name_of(item.control.responsible)
    owners = {name_of(a.owner) for a in status.all_actions if a.placed.risk is item.risk and a.placed.control is None}
    owners.discard(None)
    return owners.pop() if len(owners) == 1 else None


def action_in_form(action: ActionState, period: str) -> bool:
    """An åtgärd its ansvarig reports on: every open one, and the closed ones decided this period."""
    return not is_done(action.action.status) or action.period == period


@dataclass
class Assigned:
    """What one ansvarig answers for the period."""

    name: str
    items: list[ItemStatus] = field(default_factory=list)
    actions: list[ActionState] = field(default_factory=list)

    @property
    def answered(self) -> list[ItemStatus]:
        return [i for i in self.items if i.reported]

    @property
    def missing(self) -> list[ItemStatus]:
        return [i for i in self.items if not i.reported]

    @property
    def overdue(self) -> list[ActionState]:
        return [a for a in self.actions if a.overdue]

    def as_json(self) -> dict[str, Any]:
        return {
            "ansvarig": self.name,
            "besvarade": [i.id for i in self.answered],
            "saknas": [i.id for i in self.missing],
            "försenade_åtgärder": [a.as_json() for a in self.overdue],
            "klar": not self.missing and not self.overdue,
        }


def assigned(status: PlanStatus) -> tuple[list[Assigned], list[ItemStatus]]:
    """Per ansvarig (in the order they first appear in the plan) what they answer, and the items
    that have nobody to answer them."""
    people: dict[str, Assigned] = {}
    nobody: list[ItemStatus] = []
    for item in status.controls + status.critical_risks + status.other_risks:
        owner = item_owner(item, status)
        if owner is None:
            nobody.append(item)
            continue
        people.setdefault(owner, Assigned(owner)).items.append(item)
    for action in status.all_actions:
        owner = name_of(action.owner)
        if owner is not None and action_in_form(action, status.period.id):
            people.setdefault(owner, Assigned(owner)).actions.append(action)
    return list(people.values()), nobody


def per_responsible_json(status: PlanStatus) -> list[dict[str, Any]]:
    """`per_ansvarig` in `ikplan status -f json`: answered, missing and overdue per ansvarig."""
    people, nobody = assigned(status)
    out = [p.as_json() for p in people]
    if nobody:
        out.append(
            {
                "ansvarig": None,
                "besvarade": [i.id for i in nobody if i.reported],
                "saknas": [i.id for i in nobody if not i.reported],
                "försenade_åtgärder": [],
                "klar": all(i.reported for i in nobody),
            }
        )
    return out


def per_responsible_rows(status: PlanStatus) -> list[list[object]]:
    """Ansvarig | Besvarade | Saknas | Försenade: one row per ansvarig, for md and the terminal."""
    people, nobody = assigned(status)
    rows: list[list[object]] = []
    for p in people:
        rows.append(
            [
                p.name,
                f"{len(p.answered)} av {len(p.items)}",
                ", ".join(i.id for i in p.missing) or "–",
                ", ".join(a.action.id or a.action.description[:40] for a in p.overdue) or "–",
            ]
        )
    if nobody:
        missing = [i.id for i in nobody if not i.reported]
        rows.append(
            ["(utan ansvarig)", f"{len(nobody) - len(missing)} av {len(nobody)}", ", ".join(missing) or "–", "–"]
        )
    return rows


PER_RESPONSIBLE_HEADERS = ["Ansvarig", "Besvarade", "Saknas", "Försenade åtgärder"]

_UNSAFE = re.compile(r"[^\w\- ]+")
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def file_stem(person: str, taken: set[str]) -> str:
    """A file name for an ansvarig's form or calendar, safe on every system ('Avdelningschef UJC-A' →
    'Avdelningschef-UJC-A'): letters (å, ä, ö too), digits and hyphens, never a path. Two people whose
    names come out alike get -2, -3."""
    stem = "-".join(_UNSAFE.sub(" ", person).split()).strip("-_")[:60].strip("-_") or "ansvarig"
    if stem.upper() in _RESERVED:
        stem += "_"
    candidate, n = stem, 2
    while candidate.lower() in taken:
        candidate, n = f"{stem}-{n}", n + 1
    taken.add(candidate.lower())
    return candidate
