"""Small value types shared by the plan and configuration models.

Each is validated by one plain function that raises a single Swedish error, so a
user sees one clear message per value instead of one per union branch.
"""

import datetime as dt
import re
import typing
import unicodedata
from dataclasses import dataclass
from enum import Enum
from typing import Annotated, Any

from pydantic_core import PydanticCustomError

if typing.TYPE_CHECKING:  # mypy reads the aliases below as types only with pydantic's names in view
    from pydantic import PlainSerializer, PlainValidator, ValidationInfo, WithJsonSchema
else:
    from ikplan.plan.base import PlainSerializer, PlainValidator, ValidationInfo, WithJsonSchema
from ikplan.plan.vocabulary import (
    FOLLOWS_ALIASES,
    HANDLING_ALIASES,
    OUTCOME_ALIASES,
    OUTCOME_WORDS,
    STATUS_ALIASES,
    ActionStatus,
    FollowsPlan,
    Handling,
    Outcome,
)
from ikplan.swedish import MONTHS

__all__ = ["OUTCOME_WORDS", "ActionStatus", "FollowsPlan", "Handling", "Outcome"]


def _error(message: str) -> PydanticCustomError:
    return PydanticCustomError("ikplan", message)


# --- ids -----------------------------------------------------------------------------------------

_ID_RE = re.compile(r"[\w][\w.\-]*")


def _id(value: Any) -> str:
    if isinstance(value, bool):
        raise _error("ett id ska vara text eller ett heltal, inte ja/nej")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        raise _error(f"id {value!r} läses som ett decimaltal; sätt det inom citattecken, t.ex. '\"1.10\"'")
    if not isinstance(value, str) or not value:
        raise _error("ett id ska vara en kort text, t.ex. R1 eller info-1")
    # Fullwidth 'Ｒ1' and ligatures are the id they look like; NFKC makes them so (R1 twice is IK109).
    text: str = unicodedata.normalize("NFKC", value) if not value.isascii() else value
    if not _ID_RE.fullmatch(text):
        raise _error("ett id får bara innehålla bokstäver, siffror, punkt, bindestreck och understreck")
    if not text.isascii():
        _latin_only(text)
    return text


_SCRIPTS = {"CYRILLIC": "kyrillisk", "GREEK": "grekisk", "ARMENIAN": "armenisk", "CHEROKEE": "cherokee"}


def _latin_only(value: str) -> None:
    """Refuse a letter of another script: Cyrillic 'Р1' looks like R1 and would be another id."""
    for ch in value:
        if ch.isalnum() and not ("0" <= ch <= "9") and not unicodedata.name(ch, "").startswith("LATIN "):
            script = _SCRIPTS.get(unicodedata.name(ch, "").split(" ")[0])
            kind = (
                f"en {script} bokstav som kan se ut som en latinsk" if script else "inte en latinsk bokstav eller 0–9"
            )
            raise _error(
                f"id '{value}' innehåller '{ch}' (U+{ord(ch):04X}), {kind}; ett id skrivs med latinska "
                "bokstäver (a–z, å, ä, ö), siffrorna 0–9, punkt, bindestreck och understreck"
            )


Id = Annotated[
    str,
    PlainValidator(_id),
    WithJsonSchema({"type": ["string", "integer"], "description": "Stabilt id, t.ex. R1"}),
]


# --- texts that may be a list of steps ---------------------------------------------------------


def _text_or_steps(value: Any) -> str | list[str]:
    if isinstance(value, str):
        return value
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return list(value)
    raise _error("ska vara en text eller en lista med texter (steg)")


TextOrSteps = Annotated[
    str | list[str],
    PlainValidator(_text_or_steps),
    WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}, "minItems": 1}]}),
]


# --- case-insensitive Swedish enums ------------------------------------------------------------


# The canonical values and their aliases live in the one vocabulary; re-exported here for the models.
_OUTCOME_ALIASES = OUTCOME_ALIASES


class _EnumCheck:
    """A validator: the enum member for its value or an alias, case and spacing aside. A class, not a
    closure, so that a prebuilt schema can refer to it (ikplan/plan/prebuilt.py)."""

    def __init__(self, enum: type[Enum], what: str, aliases: dict[str, Any] | None = None) -> None:
        self.enum = enum
        self.what = what
        self.allowed = [str(m.value) for m in enum]
        self.by_text: dict[str, Enum] = {a.lower(): m for a, m in zip(self.allowed, enum, strict=True)} | (
            aliases or {}
        )

    def __call__(self, value: Any) -> Enum:
        if isinstance(value, self.enum):
            return value
        if isinstance(value, str):
            found = self.by_text.get(" ".join(value.lower().replace("_", " ").split()))
            if found is not None:
                return found
        raise _error(f"{self.what} ska vara ett av: " + ", ".join(f"'{a}'" for a in self.allowed))


class _WordCheck:
    """A validator for a word the kommun may have its own for (resultat, status): the plan's words come
    in the validation context ("words"), and a word that is none of them is told the kommun's choices."""

    def __init__(self, enum: type[Enum], what: str, aliases: dict[str, Any]) -> None:
        self.enum = enum
        self.what = what
        self.plain = _EnumCheck(enum, what, aliases)
        self.reading = "read_outcome" if enum is Outcome else "read_status"
        self.choices = "outcome_choices" if enum is Outcome else "status_choices"

    def __call__(self, value: Any, info: ValidationInfo) -> Enum:
        words = (info.context or {}).get("words") if info is not None else None
        if words is None or isinstance(value, self.enum):
            return self.plain(value)
        if isinstance(value, str):
            found = getattr(words, self.reading)(value)
            if found is not None:
                return typing.cast(Enum, found)
        import difflib  # only for a wrong word: `ikplan validate` starts without it

        allowed: list[str] = getattr(words, self.choices)()
        close = difflib.get_close_matches(value, allowed, n=1, cutoff=0.75) if isinstance(value, str) else []
        hint = f"; menade du '{close[0]}'?" if close else ""
        raise _error(f"{self.what} ska vara ett av: " + ", ".join(f"'{a}'" for a in allowed) + hint)


def _spellings(words: list[str]) -> list[str]:
    """Each word as written and capitalised: the editor's schema is case-sensitive, ikplan is not."""
    out: list[str] = []
    for w in words:
        for form in (w, w[:1].upper() + w[1:]):
            if form not in out:
                out.append(form)
    return out


def _enum_value(member: Enum) -> Any:
    return member.value


def _enum_type(enum: type[Enum], what: str, aliases: dict[str, Any] | None = None, own_words: bool = False) -> Any:
    words = [str(m.value) for m in enum] + list(aliases or {})
    validate = _WordCheck(enum, what, aliases or {}) if own_words else _EnumCheck(enum, what, aliases)
    return Annotated[
        enum,
        PlainValidator(validate),
        PlainSerializer(_enum_value, return_type=str),
        WithJsonSchema({"type": "string", "enum": _spellings(words)}),
    ]


_STATUS_ALIASES = STATUS_ALIASES
_HANDLING_ALIASES = HANDLING_ALIASES

OutcomeField = _enum_type(Outcome, "resultat", _OUTCOME_ALIASES, own_words=True)
_FOLLOWS_ALIASES = FOLLOWS_ALIASES
ActionStatusField = _enum_type(ActionStatus, "status", _STATUS_ALIASES, own_words=True)
HandlingField = _enum_type(Handling, "hantering", _HANDLING_ALIASES)
_check_follows = _EnumCheck(FollowsPlan, "följer_plan", _FOLLOWS_ALIASES)


def _follows_plan(value: Any) -> FollowsPlan:
    """ja/nej as YAML booleans too (`följer_plan: true`), and delvis."""
    if isinstance(value, bool):
        return FollowsPlan.YES if value else FollowsPlan.NO
    try:
        return typing.cast(FollowsPlan, _check_follows(value))
    except PydanticCustomError:
        raise _error("följer_plan ska vara ja, nej eller delvis") from None


FollowsPlanField = Annotated[
    FollowsPlan,
    PlainValidator(_follows_plan),
    PlainSerializer(_enum_value, return_type=str),
    WithJsonSchema({"anyOf": [{"type": "boolean"}, {"type": "string", "enum": _spellings(["ja", "nej", "delvis"])}]}),
]


# --- deadlines ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Deadline:
    """A slutdatum: an exact date, a Swedish period ("hösten 2024") or "löpande"."""

    text: str
    date: dt.date | None  # the last day the deadline allows; None for "löpande"
    # A deadline without a year ("senast juni", "före årsskiftet"): (month, day) in the year the åtgärd
    # was decided, resolved by the plan (Plan.resolve_deadlines) once that year is known.
    month_day: tuple[int, int] | None = None

    def __str__(self) -> str:
        return self.text

    def in_year(self, year: int) -> "Deadline":
        if self.month_day is None:
            return self
        return Deadline(self.text, dt.date(year, *self.month_day))


_MONTHS = MONTHS
_SEASONS = {"våren": 6, "sommaren": 8, "hösten": 12, "vintern": 12}
_HALVES = {"första halvåret": 6, "andra halvåret": 12}
_ORDINALS = {"första": 1, "andra": 2, "tredje": 3, "fjärde": 4}


def _month_end(year: int, month: int) -> dt.date:
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


# Phrases municipal documents write for a time in the year: (month, day) of the last day they allow.
# "I början av" a year is its first quarter; of a month, its first ten days.
_IN_YEAR = {
    "årsskiftet": (12, 31),
    "före årsskiftet": (12, 31),
    "till årsskiftet": (12, 31),
    "vid årsskiftet": (12, 31),
    "halvårsskiftet": (6, 30),
    "före halvårsskiftet": (6, 30),
    "till halvårsskiftet": (6, 30),
    "före sommaren": (6, 30),
    "efter sommaren": (9, 30),
    "i början av året": (3, 31),
    "i mitten av året": (6, 30),
    "i slutet av året": (12, 31),
    "under året": (12, 31),
}
_PART_OF_YEAR = {"början": (3, 31), "mitten": (6, 30), "slutet": (12, 31)}
_PART_OF_MONTH = {"början": 10, "mitten": 20}


def _relative(text: str, month: int, day: int) -> Deadline:
    return Deadline(text, None, (month, day))


def _without_year(low: str, text: str) -> Deadline | None:
    """A deadline that names a time of the year but not the year: 'senast juni', 'under våren'."""
    if low in _IN_YEAR:
        return _relative(text, *_IN_YEAR[low])
    if low in _MONTHS:
        month = _MONTHS.index(low) + 1
        return _relative(text, month, _month_end(2001, month).day)  # 2001: no leap day; Feb ends the 28th
    if low in _SEASONS:
        return _relative(text, _SEASONS[low], _month_end(2001, _SEASONS[low]).day)
    if low in _HALVES:
        return _relative(text, _HALVES[low], _month_end(2001, _HALVES[low]).day)
    if m := re.fullmatch(r"(?:kvartal (\d)|(första|andra|tredje|fjärde) kvartalet|q(\d))", low):
        quarter = int(m[1] or m[3] or _ORDINALS[m[2]])
        if 1 <= quarter <= 4:
            return _relative(text, quarter * 3, _month_end(2001, quarter * 3).day)
    if m := re.fullmatch(r"(?:tertial (\d)|t(\d))", low):
        tertial = int(m[1] or m[2])
        if 1 <= tertial <= 3:
            return _relative(text, tertial * 4, _month_end(2001, tertial * 4).day)
    return None


def parse_deadline(value: Any) -> Deadline:
    """Read a slutdatum. Raises ValueError with a Swedish message when it cannot."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return Deadline(value.isoformat(), value)
    if isinstance(value, int) and not isinstance(value, bool) and 1900 < value < 2200:
        return Deadline(str(value), dt.date(value, 12, 31))
    if not isinstance(value, str):
        raise ValueError("slutdatum ska vara ett datum (ÅÅÅÅ-MM-DD), en period som 'hösten 2024' eller 'löpande'")
    text = " ".join(value.split())
    low = text.lower().rstrip(".")
    if low in _IN_YEAR:
        return _relative(text, *_IN_YEAR[low])
    for prefix in ("senast under ", "senast i ", "senast ", "under ", "till ", "före ", "i "):
        if low.startswith(prefix):
            low = low[len(prefix) :]
            break
    if low in ("löpande", "pågående", "tills vidare"):
        return Deadline(text, None)
    if m := re.fullmatch(r"(?:i )?(början|mitten|slutet) av (\w+)(?: (\d{4}))?", low):
        part, what, year_text = m[1], m[2], m[3]
        if what == "året" and year_text is None:
            return _relative(text, *_PART_OF_YEAR[part])
        if re.fullmatch(r"\d{4}", what) and year_text is None:
            return Deadline(text, dt.date(int(what), *_PART_OF_YEAR[part]))
        if what in _MONTHS:
            month = _MONTHS.index(what) + 1
            day = _PART_OF_MONTH.get(part) or _month_end(2001, month).day
            if year_text is None:
                return _relative(text, month, day)
            return Deadline(text, dt.date(int(year_text), month, min(day, _month_end(int(year_text), month).day)))
    if m := re.fullmatch(r"(?:vid )?årsskiftet (\d{4})(?:/\d{2,4})?", low):
        return Deadline(text, dt.date(int(m[1]), 12, 31))
    if (found := _without_year(low, text)) is not None:
        return found
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", low):
        try:
            return Deadline(text, dt.date(int(m[1]), int(m[2]), int(m[3])))
        except ValueError:
            raise ValueError(f"'{text}' är inget giltigt datum") from None
    if (m := re.fullmatch(r"(\d{4})-(\d{2})", low)) and 1 <= int(m[2]) <= 12:
        return Deadline(text, _month_end(int(m[1]), int(m[2])))
    if m := re.fullmatch(r"(?:året )?(\d{4})", low):
        return Deadline(text, dt.date(int(m[1]), 12, 31))
    if m := re.fullmatch(r"(\w+) (\d{4})", low):
        word, year = m[1], int(m[2])
        if word in _MONTHS:
            return Deadline(text, _month_end(year, _MONTHS.index(word) + 1))
        if word in _SEASONS:
            return Deadline(text, _month_end(year, _SEASONS[word]))
    if m := re.fullmatch(r"(första|andra) halvåret (\d{4})", low):
        return Deadline(text, _month_end(int(m[2]), _HALVES[f"{m[1]} halvåret"]))
    if m := re.fullmatch(r"(?:kvartal (\d)|(första|andra|tredje|fjärde) kvartalet|q(\d)) (\d{4})", low):
        quarter = int(m[1] or m[3] or _ORDINALS[m[2]])
        if 1 <= quarter <= 4:
            return Deadline(text, _month_end(int(m[4]), quarter * 3))
    if m := re.fullmatch(r"(?:tertial (\d)|t(\d)) (\d{4})", low):
        tertial = int(m[1] or m[2])
        if 1 <= tertial <= 3:
            return Deadline(text, _month_end(int(m[3]), tertial * 4))
    raise ValueError(
        f"slutdatum '{text}' går inte att tolka; skriv ett datum (2024-12-31), en period "
        "('hösten 2024', 'i början av 2025', 'kvartal 3 2024', 'senast juni', 'före årsskiftet') eller 'löpande'"
    )


def _deadline(value: Any) -> Deadline:
    try:
        return parse_deadline(value)
    except (ValueError, OverflowError) as exc:
        message = str(exc)
        if not message.startswith(("slutdatum", "'")):  # datetime's English ("year 0 is out of range")
            message = f"slutdatum '{value}' är inget giltigt datum (året ska ligga mellan 1 och 9999)"
        raise _error(message) from None


def _deadline_value(d: Deadline) -> Any:
    """A slutdatum as written: the date when it was one, else the text."""
    return d.date if d.text == (d.date.isoformat() if d.date else None) else d.text


# Validators and serializers are module functions or instances of module classes, never lambdas or
# closures: a prebuilt schema (ikplan/plan/prebuilt.py) refers to them by name.
DeadlineField = Annotated[
    Deadline,
    PlainValidator(_deadline),
    PlainSerializer(_deadline_value),
    WithJsonSchema(
        {
            "anyOf": [{"type": "string", "format": "date"}, {"type": "string"}, {"type": "integer"}],
            "description": "Datum (ÅÅÅÅ-MM-DD), en period som 'hösten 2024' eller 'löpande'",
        }
    ),
]


# --- a date that may be only a month ("antogs i februari 2019") ----------------------------------


class MonthDate(dt.date):
    """A date known only to the month: the first day of it, written 'februari 2019' and '2019-02'."""

    month_only = True

    def isoformat(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


def _isoformat(d: dt.date) -> str:
    return d.isoformat()


def _month_or_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        low = " ".join(value.lower().split())
        if (m := re.fullmatch(r"(\d{4})-(\d{2})", low)) and 1 <= int(m[2]) <= 12:
            return MonthDate(int(m[1]), int(m[2]), 1)
        if (m := re.fullmatch(r"(\w+) (\d{4})", low)) and m[1] in _MONTHS:
            return MonthDate(int(m[2]), _MONTHS.index(m[1]) + 1, 1)
        if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", low):
            try:
                return dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                pass
    raise _error("ska vara ett datum (ÅÅÅÅ-MM-DD) eller en månad ('2019-02' eller 'februari 2019')")


MonthOrDate = Annotated[
    dt.date,
    PlainValidator(_month_or_date),
    PlainSerializer(_isoformat, return_type=str),
    WithJsonSchema(
        {
            "anyOf": [{"type": "string", "format": "date"}, {"type": "string"}],
            "description": "Datum (ÅÅÅÅ-MM-DD) eller, när bara månaden är känd, '2019-02' eller 'februari 2019'",
        }
    ),
]


# --- the value of a field the kommun declares in ikplan.yaml (fält) ------------------------------


def _field_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date()
    if value is None or isinstance(value, str | int | bool | dt.date):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    raise _error("ett eget fält ska vara text, ett tal, ja/nej, ett datum eller en lista med texter")


FieldValue = Annotated[
    Any,
    PlainValidator(_field_value),
    WithJsonSchema(
        {"anyOf": [{"type": ["string", "integer", "boolean", "null"]}, {"type": "array", "items": {"type": "string"}}]}
    ),
]
