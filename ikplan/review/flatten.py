"""A checked plan (its model) as flat `path = value` pairs keyed by ids, never by position.

Serves `ikplan diff`, which compares two flat plans in ikplan's values and shows them in the kommun's
words (`shown_words`). Lists of things
with an id (områden, risker, kontrollmoment, åtgärder) become `risker[R1]`; an åtgärd
without an id is keyed by a short hash of its description. `ikplan show --flat` (git's
textconv) flattens the YAML itself, without the kommun's settings: review/textconv.py.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import re
from typing import Any

from ikplan.plan.model import Action, FollowUp, Plan
from ikplan.plan.vocabulary import Words

Key = tuple[str, ...]
_KEYED_LISTS = {"områden", "risker", "kontrollmoment", "åtgärder"}


def _ident(item: dict[str, Any]) -> str:
    if item.get("id") is not None:
        return str(item["id"])
    text = str(item.get("beskrivning", ""))
    return "~" + hashlib.sha1(" ".join(text.split()).encode()).hexdigest()[:6]


def _scalar(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _walk(value: Any, prefix: Key, out: dict[Key, Any]) -> None:
    if isinstance(value, dict):
        for k, v in value.items():
            _walk(v, (*prefix, str(k)), out)
    elif isinstance(value, list):
        name = prefix[-1] if prefix else ""
        if name in _KEYED_LISTS and all(isinstance(v, dict) for v in value):
            for item in value:
                ident = _ident(item)
                rest = {k: v for k, v in item.items() if k != "id"}
                item_key = (*prefix[:-1], f"{name}[{ident}]")
                out[item_key] = True  # marks that the item exists, even with no other field
                _walk(rest, item_key, out)
        elif all(not isinstance(v, (dict, list)) for v in value):
            out[prefix] = [_scalar(v) for v in value]
        else:
            for i, v in enumerate(value, start=1):
                _walk(v, (*prefix[:-1], f"{name}[{i}]"), out)
    elif value is not None:
        out[prefix] = _scalar(value)


def flatten(plan: Plan) -> dict[Key, Any]:
    """Every field of the plan that has a value, keyed by an id path."""
    data = plan.model_dump(by_alias=True, exclude_defaults=True, mode="python")
    out: dict[Key, Any] = {}
    _walk(data, (), out)
    return out


def shown_words(plan: Plan, words: Words) -> dict[Key, Any]:
    """The kommun's word for every result, åtgärd status and val av hantering in the plan, under the key
    `flatten` gives its canonical value: what a person reads where the flat plan holds ikplan's value.
    A result or status keeps the word the plan wrote when it is one of the kommun's ("Godkänd", "Klar")."""
    out: dict[Key, Any] = {}

    def actions(prefix: Key, items: list[Action]) -> None:
        for a in items:
            if a.status is not None:
                key = (*prefix, f"åtgärder[{_ident({'id': a.id, 'beskrivning': a.description})}]", "status")
                out[key] = words.status_word(a.status, a.status_written)

    def follow_ups(prefix: Key, items: dict[str, FollowUp]) -> None:
        for period, f in items.items():
            at = (*prefix, "uppföljning", str(period))
            if f.outcome is not None:
                out[(*at, "resultat")] = words.outcome_word(f.outcome, f.outcome_written)
            actions(at, f.actions)

    for r in plan.risks:
        base: Key = (f"risker[{r.id}]",)
        if r.handling:
            out[(*base, "hantering")] = [words.handling_word(h) for h in r.handling]
        follow_ups(base, r.follow_up)
        actions(base, r.actions)
        for c in r.controls:
            at = (*base, f"kontrollmoment[{c.id}]")
            follow_ups(at, c.follow_up)
            actions(at, c.actions)
    return out


def render_key(key: Key) -> str:
    return ".".join(key)


def render_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return json.dumps(value, ensure_ascii=False, default=str)


def flat_lines(plan: Plan) -> str:
    """`path = value`, one per line, sorted by path (ids sort naturally within a list)."""
    flat = flatten(plan)
    lines = []
    for key in sorted(flat, key=sort_key):
        value = flat[key]
        if value is True and key[-1].endswith("]"):
            lines.append(f"{render_key(key)}")
        else:
            lines.append(f"{render_key(key)} = {render_value(value)}")
    return "\n".join(lines) + "\n"


_DIGITS = re.compile(r"(\d+)")


@functools.lru_cache(maxsize=1 << 20)
def _natural(text: str) -> tuple[Any, ...]:
    """'R10' -> ('R', 10, ''): numbers compare as numbers. Cached: a plan repeats the same parts."""
    return tuple(int(p) if p.isdecimal() else p for p in _DIGITS.split(text))


def sort_key(key: Key) -> tuple[tuple[Any, ...], ...]:
    return tuple(map(_natural, key))
