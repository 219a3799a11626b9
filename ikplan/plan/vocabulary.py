"""The one vocabulary: ikplan's canonical results and statuses, what each means, and the kommun's words
for them in both directions.

A plan is read in the kommun's words (its ordlista in ikplan.yaml, or the plan's own) and counted in
ikplan's canonical values; every output shows the kommun's word again, and where the plan wrote one of
several words for the same value ("OK" and "Ingen avvikelse" both mean utförd) the word it wrote.
Every command reads words and predicates from here: none translates or decides "done" on its own.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class Outcome(StrEnum):
    """Resultat av granskning."""

    WITHOUT_REMARK = "utan anmärkning"
    MINOR_REMARK = "med mindre anmärkning"
    MAJOR_REMARK = "med väsentlig anmärkning"
    NOT_DONE = "ej genomförd"
    PERFORMED = "utförd"
    PERFORMED_DEVIATION = "utförd med avvikelse"

    @property
    def code(self) -> str:
        """The stable JSON code ('mindre_anmärkning')."""
        return _OUTCOME_CODES[self]


_OUTCOME_CODES = {
    Outcome.WITHOUT_REMARK: "utan_anmärkning",
    Outcome.MINOR_REMARK: "mindre_anmärkning",
    Outcome.MAJOR_REMARK: "väsentlig_anmärkning",
    Outcome.NOT_DONE: "ej_genomförd",
    Outcome.PERFORMED: "utförd",
    Outcome.PERFORMED_DEVIATION: "utförd_med_avvikelse",
}
OUTCOME_BY_CODE: dict[str, Outcome] = {code: o for o, code in _OUTCOME_CODES.items()}
# The canonical result words by their stable JSON code ("mindre_anmärkning": "med mindre anmärkning").
OUTCOME_WORDS: dict[str, str] = {code: outcome.value for outcome, code in _OUTCOME_CODES.items()}


class ActionStatus(StrEnum):
    NOT_STARTED = "ej påbörjad"
    STARTED = "påbörjad"
    DONE = "genomförd"

    @property
    def code(self) -> str:
        return _STATUS_CODES[self]


_STATUS_CODES = {
    ActionStatus.DONE: "genomförd",
    ActionStatus.STARTED: "påbörjad",
    ActionStatus.NOT_STARTED: "ej_påbörjad",
}
STATUS_BY_CODE: dict[str, ActionStatus] = {code: s for s, code in _STATUS_CODES.items()}


class FollowsPlan(StrEnum):
    """Följer plan: ja, nej, or delvis (many follow-ups write "Delvis")."""

    YES = "ja"
    NO = "nej"
    PARTLY = "delvis"


class Handling(StrEnum):
    """Val av hantering för en risk."""

    CONTROL = "kontrollmoment"
    ACTION = "åtgärd"
    IMPROVEMENT = "förbättringsarbete"
    ACCEPT = "accepteras"


# --- what the canonical values mean ---------------------------------------------------------------

DEFICIENCIES = frozenset({Outcome.MINOR_REMARK, Outcome.MAJOR_REMARK, Outcome.NOT_DONE, Outcome.PERFORMED_DEVIATION})
REMARKS = frozenset({Outcome.MINOR_REMARK, Outcome.MAJOR_REMARK})


def is_deficiency(outcome: Outcome | None) -> bool:
    """A brist: an anmärkning, not performed, or performed with an avvikelse."""
    return outcome in DEFICIENCIES


def is_performed(outcome: Outcome | None) -> bool:
    """The kontrollmoment was carried out (whatever it found)."""
    return outcome is not None and outcome is not Outcome.NOT_DONE


def is_done(status: ActionStatus | None) -> bool:
    """The åtgärd is finished: the kommun's Klar, Avslutad or Genomförd."""
    return status is ActionStatus.DONE


def is_open(status: ActionStatus | None) -> bool:
    """An åtgärd still to carry: not finished (no status counts as not finished)."""
    return status is not ActionStatus.DONE


# --- other kommuners' words for the same values -----------------------------------------------------

# Words many kommuner write for the canonical results; a kommun's own words beyond these go in its
# ordlista (ikplan.yaml) and win over these.
OUTCOME_ALIASES: dict[str, Outcome] = {
    "ej utförd": Outcome.NOT_DONE,
    "inte utförd": Outcome.NOT_DONE,
    "genomförd": Outcome.PERFORMED,
    "genomförd enligt plan": Outcome.PERFORMED,
    "utförd utan avvikelse": Outcome.PERFORMED,
    "ingen avvikelse": Outcome.PERFORMED,
    "avvikelse": Outcome.PERFORMED_DEVIATION,
    "genomförd med avvikelse": Outcome.PERFORMED_DEVIATION,
    "utan anmärkningar": Outcome.WITHOUT_REMARK,
    "inga anmärkningar": Outcome.WITHOUT_REMARK,
    "utförd utan anmärkning": Outcome.WITHOUT_REMARK,
    "genomförd utan anmärkning": Outcome.WITHOUT_REMARK,
    "mindre anmärkning": Outcome.MINOR_REMARK,
    "med mindre anmärkningar": Outcome.MINOR_REMARK,
    "mindre anmärkningar": Outcome.MINOR_REMARK,
    "väsentlig anmärkning": Outcome.MAJOR_REMARK,
    "med väsentliga anmärkningar": Outcome.MAJOR_REMARK,
    "väsentliga anmärkningar": Outcome.MAJOR_REMARK,
    "inte genomförd": Outcome.NOT_DONE,
    "ej genomfört": Outcome.NOT_DONE,
}
STATUS_ALIASES: dict[str, ActionStatus] = {
    "klar": ActionStatus.DONE,
    "avslutad": ActionStatus.DONE,
    "genomfört": ActionStatus.DONE,
    "pågår": ActionStatus.STARTED,
    "pågående": ActionStatus.STARTED,
    "delvis genomförd": ActionStatus.STARTED,
    "startad": ActionStatus.STARTED,
    "ej startad": ActionStatus.NOT_STARTED,
    "inte påbörjad": ActionStatus.NOT_STARTED,
    "inte startad": ActionStatus.NOT_STARTED,
}
HANDLING_ALIASES: dict[str, Handling] = {
    "kontroll": Handling.CONTROL,
    "kontroller": Handling.CONTROL,
    "granskning": Handling.CONTROL,
    "direktåtgärd": Handling.ACTION,
    "åtgärdas": Handling.ACTION,
    "åtgärder": Handling.ACTION,
    "förbättringsåtgärd": Handling.IMPROVEMENT,
    "utvecklingsarbete": Handling.IMPROVEMENT,
    "acceptera": Handling.ACCEPT,
    "accepterad": Handling.ACCEPT,
}
FOLLOWS_ALIASES: dict[str, FollowsPlan] = {
    "true": FollowsPlan.YES,
    "false": FollowsPlan.NO,
    "delvis följer plan": FollowsPlan.PARTLY,
}


def fold(text: str) -> str:
    """How words are compared: case, underscores and spacing aside."""
    return " ".join(text.lower().replace("_", " ").split())


# --- nouns: what the kommun calls a kontrollmoment and an åtgärd --------------------------------------


@dataclass(frozen=True, slots=True)
class Noun:
    """A noun in its singular and plural indefinite forms ('granskning', 'granskningar')."""

    singular: str
    plural: str

    def count(self, n: int) -> str:
        return self.singular if n == 1 else self.plural


def plural_of(word: str) -> str:
    """The indefinite plural of a Swedish noun as kommuner name their controls and åtgärder: enough for
    the nouns in use (kontrollmoment, kontrollpunkt, granskning, åtgärd, direktåtgärd, uppdrag, aktivitet).
    A kommun writes the plural itself when the rule does not fit."""
    if not word or " " in word.strip():
        return word
    low = word.lower()
    if low.endswith(("ment", "drag", "mål", "tal")):
        return word
    if low.endswith(("ning", "ing")):
        return word + "ar"
    if low.endswith("a"):
        return word[:-1] + "or"
    if low.endswith("e"):
        return word + "n"
    return word + "er"  # kontroll, kontrollpunkt, åtgärd, aktivitet, risk, process


CONTROL_NOUN = Noun("kontrollmoment", "kontrollmoment")
ACTION_NOUN = Noun("åtgärd", "åtgärder")


# --- the kommun's words, both ways ------------------------------------------------------------------


def _first_words(table: Mapping[str, StrEnum]) -> dict[StrEnum, str]:
    out: dict[StrEnum, str] = {}
    for word, value in table.items():
        out.setdefault(value, word)
    return out


@dataclass(frozen=True)
class Words:
    """The words of one plan: the kommun's ordlista with the plan's own on top.

    `results` and `statuses` map each of the kommun's words (as the ordlista spells it) to its canonical
    value; several words may share one value. Reading accepts the kommun's words, ikplan's canonical
    words and the common aliases, case and spacing aside; writing gives the word the plan wrote when it
    is one of the kommun's, else the kommun's first word for the value, else ikplan's canonical word.
    """

    results: Mapping[str, Outcome] = field(default_factory=dict)
    statuses: Mapping[str, ActionStatus] = field(default_factory=dict)
    risk_value: str = "riskvärde"
    control: Noun = CONTROL_NOUN
    action: Noun = ACTION_NOUN
    # the words already looked up: a sammanställning asks for the same few thousands of times
    _shown: dict[tuple[int, StrEnum, str | None], str] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    # -- reading -------------------------------------------------------------------------------
    def read_outcome(self, text: str) -> Outcome | None:
        key = fold(text)
        for word, outcome in self.results.items():
            if fold(word) == key:
                return outcome
        for o in Outcome:
            if o.value == key:
                return o
        return OUTCOME_ALIASES.get(key)

    def read_status(self, text: str) -> ActionStatus | None:
        key = fold(text)
        for word, status in self.statuses.items():
            if fold(word) == key:
                return status
        for s in ActionStatus:
            if s.value == key:
                return s
        return STATUS_ALIASES.get(key)

    # -- writing -------------------------------------------------------------------------------
    def outcome_word(self, outcome: Outcome | str | None, written: str | None = None) -> str:
        """The word to show for a result: `outcome` is the canonical value or its JSON code."""
        if isinstance(outcome, str) and not isinstance(outcome, Outcome):
            found = OUTCOME_BY_CODE.get(outcome) or next((o for o in Outcome if o.value == outcome), None)
            if found is None:
                return outcome  # 'saknas' and other non-results pass through
            outcome = found
        if outcome is None:
            return ""
        return self._word(outcome, written, self.results)

    def status_word(self, status: ActionStatus | str | None, written: str | None = None) -> str:
        if isinstance(status, str) and not isinstance(status, ActionStatus):
            found = STATUS_BY_CODE.get(status) or next((s for s in ActionStatus if s.value == status), None)
            if found is None:
                return status
            status = found
        if status is None:
            return ""
        return self._word(status, written, self.statuses)

    def handling_word(self, handling: Handling) -> str:
        """A val av hantering in the kommun's nouns (its word for kontrollmoment and for åtgärd)."""
        if handling is Handling.CONTROL:
            return self.control.singular
        if handling is Handling.ACTION:
            return self.action.singular
        return str(handling.value)

    def _word(self, value: StrEnum, written: str | None, table: Mapping[str, StrEnum]) -> str:
        key = (id(table), value, written)
        shown = self._shown.get(key)
        if shown is None:
            shown = self._shown[key] = self._looked_up(value, written, table)
        return shown

    @staticmethod
    def _looked_up(value: StrEnum, written: str | None, table: Mapping[str, StrEnum]) -> str:
        if written is not None:
            key = fold(written)
            for word, v in table.items():
                if fold(word) == key and v is value:
                    return word
        own = _first_words(table).get(value)
        if own is not None:
            return own
        if written is not None and fold(written) != value.value and written.strip():
            return " ".join(written.split())  # an alias the plan wrote ("Klar"): its word, not ikplan's
        return value.value

    # -- choices (dropdowns, messages) -------------------------------------------------------------
    def outcome_choices(self) -> list[str]:
        """The result words a person may pick: the kommun's, or ikplan's when it has none."""
        return list(self.results) if self.results else [o.value for o in Outcome]

    def status_choices(self) -> list[str]:
        return list(self.statuses) if self.statuses else [s.value for s in ActionStatus]

    @property
    def own_results(self) -> bool:
        return bool(self.results)

    def outcome_words_by_code(self) -> dict[str, str]:
        """Every canonical result code with the word shown for it (for JSON 'ord' and legends)."""
        return {o.code: self.outcome_word(o) for o in Outcome}

    def status_words_by_code(self) -> dict[str, str]:
        return {s.code: self.status_word(s) for s in ActionStatus}


DEFAULT_WORDS = Words()


def words_from(
    results: Mapping[str, Outcome] | None = None,
    statuses: Mapping[str, ActionStatus] | None = None,
    risk_value: str | None = None,
    control: str | Iterable[str] | None = None,
    action: str | Iterable[str] | None = None,
) -> Words:
    def noun(value: str | Iterable[str] | None, default: Noun) -> Noun:
        if value is None:
            return default
        if isinstance(value, str):
            return Noun(value, plural_of(value))
        singular, plural = list(value)
        return Noun(singular, plural)

    return Words(
        dict(results or {}),
        dict(statuses or {}),
        risk_value or "riskvärde",
        noun(control, CONTROL_NOUN),
        noun(action, ACTION_NOUN),
    )
