"""Swedish as a controller writes it: numbers in words, lists joined with "och", dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

_WORDS = ["noll", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv"]
MONTHS = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
]


def number(n: int, neuter: bool = True, digits: bool = False) -> str:
    """One to twelve in words (Swedish style guides), larger numbers in digits.

    `neuter` picks "ett" (ett kontrollmoment, ett fall) or "en" (en risk, en åtgärd).
    `digits` writes small numbers in digits too, so that one sentence does not mix "64" and "åtta".
    """
    if 0 <= n < len(_WORDS) and not digits:
        if n == 1 and not neuter:
            return "en"
        return _WORDS[n]
    return str(n)


def in_digits(*numbers: int) -> bool:
    """Whether a sentence holding these numbers writes them all in digits (one of them is above twelve)."""
    return any(n >= len(_WORDS) or n < 0 for n in numbers)


def capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


def join(items: Sequence[str], word: str = "och") -> str:
    """'a', 'a och b', 'a, b och c'."""
    items = [i for i in items if i]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + f" {word} " + items[-1]


def plural(n: int, singular: str, plural_form: str) -> str:
    return singular if n == 1 else plural_form


def long_date(day: dt.date) -> str:
    """'10 september 2024'; 'februari 2019' for a date known only to the month (MonthDate)."""
    if getattr(day, "month_only", False):  # a MonthDate (plan/types.py): known only to the month
        return f"{MONTHS[day.month - 1]} {day.year}"
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


_TEENS = ["tretton", "fjorton", "femton", "sexton", "sjutton", "arton", "nitton"]
_TENS = ["", "", "tjugo", "trettio", "fyrtio", "femtio", "sextio", "sjuttio", "åttio", "nittio"]


def number_words(n: int, neuter: bool = True) -> str:
    """Any number below a million in words, as Swedish writes them in one word ('tjugoett',
    'tvåhundrafemtio'); digits above. `neuter` as in `number` ('tjugoen risker')."""
    if n < 0 or n >= 1_000_000:
        return str(n)
    if n < len(_WORDS):
        return number(n, neuter)
    if n < 20:
        return _TEENS[n - 13]
    if n < 100:
        tens, rest = divmod(n, 10)
        return _TENS[tens] + (number_words(rest, neuter) if rest else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        head = "hundra" if hundreds == 1 else number_words(hundreds) + "hundra"
        return head + (number_words(rest, neuter) if rest else "")
    thousands, rest = divmod(n, 1000)
    head = "tusen" if thousands == 1 else number_words(thousands) + "tusen"
    return head + (number_words(rest, neuter) if rest else "")


def sentence_number(n: int, neuter: bool = True) -> str:
    """A number that starts a sentence: in words and capitalised, whatever its size ('Två kontrollmoment
    …', 'Tjugotre nämnder …'), since a Swedish sentence never starts with a digit."""
    return capitalize(number_words(n, neuter))


def is_region(organisation: str | None) -> bool:
    """A region (Region Jämtland Härjedalen) rather than a kommun, by the name ikplan.yaml gives it."""
    return bool(organisation) and organisation.split()[0].casefold() == "region"  # type: ignore[union-attr]


def governing_board(organisation: str | None) -> str:
    """The styrelse that makes the sammanställning and answers to the revisorer: Regionstyrelsen in a
    region, else Kommunstyrelsen."""
    return "Regionstyrelsen" if is_region(organisation) else "Kommunstyrelsen"


def whole(organisation: str | None) -> str:
    """'Kommunen' or 'Regionen': what the figures for everyone are called."""
    return "Regionen" if is_region(organisation) else "Kommunen"
