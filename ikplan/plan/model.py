"""Plan format v1: the pydantic models of an internkontrollplan.

YAML keys are the users' Swedish words (aliases); Python attributes are English.
Unknown keys are errors (``extra="forbid"``), never silently dropped.
"""

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Literal

from ikplan.plan.base import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StrictBool,
    StrictInt,
    field_validator,
    model_validator,
)
from ikplan.plan.types import (
    ActionStatusField,
    DeadlineField,
    FieldValue,
    FollowsPlanField,
    HandlingField,
    Id,
    MonthOrDate,
    OutcomeField,
    TextOrSteps,
)
from ikplan.plan.vocabulary import Words, fold, words_from
from ikplan.plan.years import FIRST_YEAR, LAST_YEAR

SCHEMA_VERSION = 2  # the newest version this ikplan reads and writes; it reads every earlier one
SCHEMA_VERSIONS = (1, 2)
MAX_LEVELS = 6
MAX_RISK_VALUE = MAX_LEVELS * MAX_LEVELS  # the largest riskvärde any matrix can hold
MAX_AREA_DEPTH = 6  # processgrupp › process › delprocess … no kommun's plan goes deeper


def _v2(default: Any = None, **kwargs: Any) -> Any:
    """A key added in schemaversion 2: a v1 plan may not use it (IK056, checking/versions.py)."""
    return Field(default, json_schema_extra={"x-sedan-schemaversion": 2}, **kwargs)


# Empty lists and maps are written as defaults ([] and {}), not default_factory=list: pydantic copies a
# mutable default for each object either way, but inspects a factory's signature when building the model,
# which for the builtins list and dict was a sixth of the models' start-up.


def _own_fields(where: str) -> Any:
    return _v2(
        {},
        alias="fält",
        description=f"Kommunens egna fält ({where}), deklarerade i ikplan.yaml; skrivs oftast direkt som nycklar",
    )


def risk_score(value: int | None, likelihood: int | None, consequence: int | None) -> int | None:
    """The riskvärde: given, or computed from the two axes (a risk in the plan or in the bruttorisklista)."""
    if value is not None:
        return value
    if likelihood is not None and consequence is not None:
        return likelihood * consequence
    return None


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, validate_by_alias=True)


class Level(Strict):
    """One step of a risk-matrix axis."""

    value: StrictInt = Field(alias="värde", ge=1, le=MAX_LEVELS)
    name: str = Field(alias="namn")
    definition: str | None = Field(None, alias="definition")


class Axis(Strict):
    name: str = Field(alias="namn", description="Axelns namn, t.ex. konsekvens eller väsentlighet")
    levels: list[Level] = Field(alias="skala", min_length=3, max_length=MAX_LEVELS)


class Band(Strict):
    """A risknivå: a range of riskvärden with a name and a colour."""

    name: str = Field(alias="namn")
    colour: str = Field(alias="färg", description="grön, gul, orange, röd eller #rrggbb")
    low: StrictInt = Field(alias="från", ge=1, le=MAX_RISK_VALUE)
    high: StrictInt = Field(alias="till", ge=1, le=MAX_RISK_VALUE)


class MatrixOverride(Strict):
    """A plan's override of the kommun's risk matrix; every part is optional."""

    likelihood: Axis | None = Field(None, alias="sannolikhet")
    consequence: Axis | None = Field(None, alias="konsekvens")
    bands: list[Band] | None = Field(None, alias="risknivåer", min_length=1, max_length=MAX_RISK_VALUE)
    critical_from: StrictInt | None = Field(None, alias="kritisk_från", ge=1, le=MAX_RISK_VALUE)


class Adoption(Strict):
    """When and where the nämnd adopted the plan."""

    date: MonthOrDate | None = Field(
        None,
        alias="datum",
        description="Beslutsdagen, eller bara månaden ('2019-02', 'februari 2019') när dagen inte anges",
    )
    paragraph: str | None = Field(None, alias="paragraf")
    body: str | None = Field(None, alias="organ")


class Signatory(Strict):
    name: str = Field(alias="namn")
    title: str | None = Field(None, alias="titel")


class Area(Strict):
    """An område (kontrollområde) that groups risks in the plan and the reports."""

    id: Id
    name: str = Field(alias="namn")
    description: str | None = Field(None, alias="beskrivning")
    parent: Id | None = _v2(
        None, alias="överordnat", description="Id för området ovanför, t.ex. processen för en delprocess"
    )
    control_objective: str | None = _v2(None, alias="kontrollmål", description="Vad kontrollen ska säkerställa")
    goals: list[str] = _v2([], alias="mål", description="Nämndens mål som området hör till")
    verdicts: dict[str, str] = _v2(
        {},
        alias="bedömning",
        description="Bedömningen av området (processen) per period, med ett ord ur planens bedömningsskala",
    )
    fields: dict[str, FieldValue] = _own_fields("område")


class Action(Strict):
    """An åtgärd decided at a follow-up or in the plan."""

    id: Id | None = None
    description: str = Field(alias="beskrivning")
    responsible: str | None = Field(None, alias="ansvarig", description="Saknas den gäller kontrollmomentets ansvarig")
    deadline: DeadlineField | None = Field(None, alias="slutdatum")
    status: ActionStatusField | None = None
    decided_year: StrictInt | None = Field(None, alias="beslutsår", ge=FIRST_YEAR, le=LAST_YEAR)
    comment: str | None = Field(None, alias="kommentar")
    secret: StrictBool = Field(False, alias="sekretess")
    fields: dict[str, FieldValue] = _own_fields("åtgärd")
    # The word the plan wrote for the status ("Klar"), shown again in every output.
    _status_written: str | None = PrivateAttr(None)

    @model_validator(mode="wrap")
    @classmethod
    def _keep_status_word(cls, data: Any, handler: Any) -> "Action":
        action: Action = handler(data)
        action._status_written = _written(data, "status")
        return action

    @property
    def status_written(self) -> str | None:
        return self._status_written


class Occasion(Strict):
    """Ett tillfälle då kontrollmomentet görs, t.ex. ett månatligt stickprov."""

    name: str | None = _v2(None, alias="namn", description="Tillfällets namn, t.ex. 'januari'")
    date: dt.date | None = _v2(None, alias="datum", description="Dag då kontrollen gjordes")
    performed: StrictBool = _v2(True, alias="utförd", description="Om kontrollen gjordes vid tillfället")
    sampled: StrictInt | None = _v2(None, alias="granskade", ge=0, description="Antal granskade poster")
    deviations: StrictInt | None = _v2(
        None, alias="avvikelser", ge=0, description="Antal granskade poster med avvikelse"
    )
    comment: str | None = _v2(None, alias="kommentar", description="Kommentar till tillfället")


class Deviation(Strict):
    """En avvikelse som upptäcktes under året, utanför de planerade kontrollerna eller i dem."""

    date: MonthOrDate | None = Field(None, alias="datum", description="När avvikelsen upptäcktes")
    description: str = Field(alias="beskrivning")
    handled: str | None = Field(None, alias="hantering", description="Vad som gjordes åt avvikelsen")
    reported_to: str | None = Field(None, alias="rapporterad_till")
    secret: StrictBool = Field(False, alias="sekretess", description="Beskrivningen omfattas av sekretess")


class FollowUp(Strict):
    """The follow-up of a kontrollmoment or a risk for one period (delår, helår, ...)."""

    date: dt.date | None = Field(None, alias="datum")
    outcome: OutcomeField | None = Field(None, alias="resultat")
    follows_plan: FollowsPlanField | None = Field(None, alias="följer_plan", description="ja, nej eller delvis")
    comment: str | None = Field(None, alias="kommentar")
    secret: StrictBool = Field(False, alias="sekretess", description="Kommentaren omfattas av sekretess")
    actions: list[Action] = Field([], alias="åtgärder")
    sampled: StrictInt | None = _v2(
        None, alias="granskade", ge=0, description="Antal granskade poster (stickprov) under perioden"
    )
    deviations: StrictInt | None = _v2(
        None, alias="avvikelser", ge=0, description="Antal granskade poster med avvikelse under perioden"
    )
    planned_occasions: StrictInt | None = _v2(
        None, alias="planerade_tillfällen", ge=0, description="Antal tillfällen kontrollen skulle göras"
    )
    occasions: list[Occasion] = _v2([], alias="tillfällen", description="Kontrollens tillfällen under perioden")
    reported: StrictBool | None = _v2(
        None,
        alias="rapporterad",
        description="ja: uppföljningen är rapporterad men underlaget anger inte med vilket resultat",
    )
    missed_occasions: StrictInt | None = _v2(
        None,
        alias="missade_tillfällen",
        ge=0,
        description="Antal tillfällen kontrollen inte gjordes, när antalet planerade tillfällen inte anges",
    )

    @field_validator("reported", mode="before")
    @classmethod
    def _yes(cls, value: Any) -> Any:
        """`rapporterad: ja` as a person writes it (YAML reads only true/yes as a boolean)."""
        if isinstance(value, str) and value.strip().lower() in ("ja", "nej"):
            return value.strip().lower() == "ja"
        return value

    # The word the plan wrote for the result ("OK" where the ordlista has OK and Ingen avvikelse).
    _outcome_written: str | None = PrivateAttr(None)

    @model_validator(mode="wrap")
    @classmethod
    def _keep_outcome_word(cls, data: Any, handler: Any) -> "FollowUp":
        follow_up: FollowUp = handler(data)
        follow_up._outcome_written = _written(data, "resultat")
        return follow_up

    @property
    def outcome_written(self) -> str | None:
        return self._outcome_written

    @property
    def sample_counts(self) -> tuple[int | None, int | None]:
        """(granskade, avvikelser): given for the period, else summed over the tillfällen."""
        sampled, deviations = self.sampled, self.deviations
        if sampled is None and any(o.sampled is not None for o in self.occasions):
            sampled = sum(o.sampled or 0 for o in self.occasions)
        if deviations is None and any(o.deviations is not None for o in self.occasions):
            deviations = sum(o.deviations or 0 for o in self.occasions)
        return sampled, deviations


class Control(Strict):
    """A kontrollmoment: how the förvaltning checks that a risk is handled."""

    id: Id
    number: StrictInt | None = Field(None, alias="nummer")
    name: str | None = Field(None, alias="namn", description="Kort namn, t.ex. 'uppföljning av insatser'")
    description: str = Field(alias="beskrivning")
    method: TextOrSteps | None = Field(None, alias="kontrollmetod")
    frequency: str | None = Field(None, alias="frekvens")
    scope: str | None = Field(None, alias="omfattning")
    responsible: str | None = Field(None, alias="ansvarig")
    reports_to: str | None = Field(None, alias="rapporteras_till")
    timing: str | None = Field(None, alias="tidpunkt")
    mandatory: StrictBool = Field(False, alias="obligatoriskt")
    common_id: Id | None = Field(
        None, alias="kommungemensamt", description="Id för ett kommungemensamt kontrollmoment i ikplan.yaml"
    )
    follow_up: dict[str, FollowUp] = Field({}, alias="uppföljning")
    actions: list[Action] = Field(
        [], alias="åtgärder", description="Öppna åtgärder, t.ex. överförda från förra årets plan"
    )
    deviations: list[Deviation] = _v2(
        [],
        alias="noterade_avvikelser",
        description="Avvikelser som upptäcktes under året, med datum och hantering",
    )
    samples_of: str | None = _v2(
        None, alias="stickprov_avser", description="Vad stickproven granskar, i plural, t.ex. 'fakturor'"
    )
    fields: dict[str, FieldValue] = _own_fields("kontrollmoment")

    # The kommun's noun for a kontrollmoment ('granskning'), set once the plan's words are known.
    _noun: str = PrivateAttr("kontrollmoment")

    @property
    def label(self) -> str:
        """'kontrollmoment 3 (uppföljning av insatser)', as a controller writes it, in the kommun's noun."""
        ref = f"{self._noun} {self.number if self.number is not None else self.id}"
        return f"{ref} ({self.name})" if self.name else ref


class Risk(Strict):
    id: Id
    number: StrictInt | None = Field(None, alias="nummer")
    area: Id | None = Field(None, alias="område")
    process: str | None = Field(None, alias="process", description="Ansvarsområde/process")
    title: str | None = Field(None, alias="titel")
    description: str = Field(alias="beskrivning")
    mandatory: StrictBool = Field(False, alias="obligatorisk", description="Obligatorisk/kommungemensam risk")
    likelihood: StrictInt | None = Field(None, alias="sannolikhet")
    consequence: StrictInt | None = Field(None, alias="konsekvens")
    risk_value: StrictInt | None = Field(None, alias="riskvärde")
    existing_controls: str | None = Field(None, alias="befintliga_kontroller")
    handling: list[HandlingField] = Field([], alias="hantering")
    planned_handling: str | None = Field(None, alias="planerad_hantering")
    motivation: str | None = Field(None, alias="motivering")
    controls: list[Control] = Field([], alias="kontrollmoment")
    follow_up: dict[str, FollowUp] = Field({}, alias="uppföljning")
    actions: list[Action] = Field(
        [], alias="åtgärder", description="Öppna åtgärder, t.ex. överförda från förra årets plan"
    )
    control_objective: str | None = _v2(None, alias="kontrollmål", description="Vad kontrollen ska säkerställa")
    goals: list[str] = _v2([], alias="mål", description="Nämndens mål som risken hotar")
    fields: dict[str, FieldValue] = _own_fields("risk")

    @property
    def score(self) -> int | None:
        return risk_score(self.risk_value, self.likelihood, self.consequence)


class AssessedRisk(Strict):
    """En risk i bruttorisklistan som bedömdes men inte togs med i planen, med skälet."""

    id: Id
    number: StrictInt | None = Field(None, alias="nummer")
    area: Id | None = Field(None, alias="område")
    process: str | None = Field(None, alias="process")
    title: str | None = Field(None, alias="titel")
    description: str = Field(alias="beskrivning")
    likelihood: StrictInt | None = Field(None, alias="sannolikhet")
    consequence: StrictInt | None = Field(None, alias="konsekvens")
    risk_value: StrictInt | None = Field(None, alias="riskvärde")
    reason: str | None = Field(
        None, alias="skäl", description="Varför risken inte tas med, t.ex. 'hanteras i ordinarie verksamhet'"
    )

    @property
    def score(self) -> int | None:
        return risk_score(self.risk_value, self.likelihood, self.consequence)


@dataclass(frozen=True)
class PlacedAction:
    """An åtgärd with where it stands: its path, period (None when carried) and owner."""

    path: tuple[str | int, ...]
    action: Action
    period: str | None
    risk: Risk
    control: Control | None

    @property
    def owner(self) -> str | None:
        """Its own ansvarig, or the kontrollmoment's."""
        return self.action.responsible or (self.control.responsible if self.control else None)

    @property
    def subject(self) -> str:
        return self.control.label if self.control is not None else f"risk {self.risk.id}"


class ReportTexts(Strict):
    """Texts of a follow-up report that the data cannot give (all optional)."""

    date: dt.date | None = Field(None, alias="datum")
    case_number: str | None = Field(None, alias="diarienummer")
    officer: str | None = Field(None, alias="handläggare")
    title: str | None = Field(None, alias="rubrik")
    appendix_title: str | None = Field(
        None,
        alias="bilaga_rubrik",
        description="Bilaga 1:s rubrik; utan den tas den från raden 'Bilaga 1. …' i beslutsunderlag",
    )
    proposals: list[str] | None = Field(None, alias="förslag_till_beslut", description="att-satser")
    background: str | None = Field(None, alias="bakgrund")
    matter: str | None = Field(None, alias="ärendet")
    preparation: str | None = Field(None, alias="beredning")
    presentation: str | None = Field(None, alias="föredragning")
    economy: str | None = Field(None, alias="ekonomiska_konsekvenser")
    work: str | None = Field(None, alias="arbetet_med_intern_kontroll")
    documents: list[str] | None = Field(None, alias="beslutsunderlag")
    signatory: Signatory | None = Field(None, alias="undertecknad")
    secret: list[str] = Field([], alias="sekretess")


class Source(Strict):
    """Dokumentet som en plan från ett tidigare år är överförd från. Ett fält som dokumentet inte anger
    är då "uppgift saknas i underlaget", inte något som återstår."""

    document: str = Field(alias="dokument", description="Dokumentets namn, t.ex. 'Årsredovisning 2018'")
    date: MonthOrDate | None = Field(None, alias="datum", description="Dokumentets datum")
    address: str | None = Field(None, alias="adress", description="Var dokumentet finns (webbadress)")
    transcribed: StrictBool = Field(True, alias="överförd", description="Planen är överförd från dokumentet")
    incomplete: StrictBool = Field(
        False,
        alias="ofullständig",
        description="Dokumentet anger inte alla fält; de som saknas är 'uppgift saknas i underlaget'",
    )
    year_stated: StrictBool = Field(
        True, alias="år_angivet", description="nej: dokumentet anger inget år, och planens år är antaget"
    )
    unknown_period_ends: list[str] = Field(
        [], alias="okänt_periodslut", description="Perioder vars slutdag dokumentet inte anger (deluppföljning 1)"
    )


class StatedShare(Strict):
    """En andel som underlaget skriver den ('78 procent', 'samtliga', 'till övervägande del'): den
    återges som den står och blir aldrig ett påhittat antal."""

    share: str = Field(alias="andel", description="Andelen som underlaget skriver den, t.ex. '78 procent'")
    of: str = Field(alias="avser", description="Resten av meningen, t.ex. 'av kontrollerna var utan anmärkning'")
    percent: StrictInt | None = Field(None, alias="procent", ge=0, le=100, description="Andelen i procent, om angiven")


class StatedBoards(Strict):
    """En siffra om nämnderna ('tio av tio nämnder har avrapporterat'), också för nämnder utan planfil."""

    total: StrictInt = Field(alias="totalt", ge=0)
    reported: StrictInt = Field(alias="rapporterade", ge=0)


class MissedOccasions(Strict):
    """'Fyra kontrollmoment missade ett tillfälle vardera', utan antal planerade tillfällen."""

    controls: StrictInt = Field(alias="kontrollmoment", ge=0)
    occasions: StrictInt | None = Field(None, alias="tillfällen", ge=0)


class StatedFigures(Strict):
    """Det som underlaget anger för en period när det ger antal i stället för enskilda poster."""

    planned: StrictInt | None = Field(None, alias="planerade", ge=0, description="Planerade kontrollmoment")
    reported: StrictInt | None = Field(None, alias="rapporterade", ge=0, description="Rapporterade kontrollmoment")
    performed: StrictInt | None = Field(None, alias="utförda", ge=0, description="Utförda kontrollmoment")
    results: dict[str, StrictInt] = Field(
        {}, alias="resultat", description="Antal kontrollmoment per resultat, med kommunens resultatord"
    )
    actions: dict[str, StrictInt] = Field(
        {}, alias="åtgärder", description="Antal åtgärder per status, med kommunens statusord"
    )
    shares: list[StatedShare] = Field([], alias="andelar", description="Andelar utan antal, som underlaget skriver dem")
    boards: StatedBoards | None = Field(None, alias="nämnder")
    missed: MissedOccasions | None = Field(None, alias="missade_tillfällen")
    deficient: list[Id] = Field(
        [], alias="brister", description="Kontrollmoment (id eller kommungemensamt id) som underlaget anger brister i"
    )
    verdict: str | None = Field(
        None, alias="bedömning", description="Bedömningen av hela planen, t.ex. 'vissa åtgärder är försenade'"
    )


class VerdictLevel(Strict):
    """Ett steg i kommunens skala för en bedömning av en process (Kalmar: Rött, Gult, Grönt)."""

    word: str = Field(alias="ord")
    meaning: str | None = Field(None, alias="betydelse")
    colour: str | None = Field(None, alias="färg")


class Noun(Strict):
    """A noun in its two forms, when the plural is not the usual one."""

    singular: str = Field(alias="ental", min_length=1, max_length=60)
    plural: str = Field(alias="flertal", min_length=1, max_length=60)


class Vocabulary(Strict):
    """The kommun's own words (ordlista), each mapped onto what ikplan counts. In ikplan.yaml for the
    kommun; in a plan, the plan's own words on top of the kommun's (one nämnd says Riskvärde where the
    kommun says risktal)."""

    results: dict[str, OutcomeField] = Field(
        {},
        alias="resultat",
        max_length=50,
        description="Kommunens resultatord och vad de betyder, t.ex. 'Ingen avvikelse: utförd', 'röd: ej genomförd'",
    )
    action_statuses: dict[str, ActionStatusField] = Field(
        {},
        alias="åtgärdsstatus",
        max_length=50,
        description="Kommunens ord för åtgärders status, t.ex. 'grön: genomförd', 'gul: påbörjad', 'röd: ej påbörjad'",
    )
    risk_value: str | None = Field(None, alias="riskvärde", description="Kommunens namn på riskvärdet, t.ex. 'risktal'")
    likelihood: str | None = Field(
        None, alias="sannolikhet", description="Kommunens namn på sannolikhetsaxeln (utan att skalan upprepas)"
    )
    consequence: str | None = Field(
        None, alias="konsekvens", description="Kommunens namn på konsekvensaxeln, t.ex. 'väsentlighet'"
    )
    control_noun: str | Noun | None = Field(
        None,
        alias="kontrollmoment",
        description="Kommunens ord för ett kontrollmoment i rapporternas text, t.ex. 'granskning' eller 'kontrollpunkt'",
    )
    action_noun: str | Noun | None = Field(
        None, alias="åtgärd", description="Kommunens ord för en åtgärd i rapporternas text, t.ex. 'direktåtgärd'"
    )

    @cached_property
    def words(self) -> Words:
        """These words as the one vocabulary reads and writes them."""
        return _words_of(self)

    def result_word(self, canonical: str, written: str | None = None) -> str:
        """The kommun's word for a canonical result (value or code), or ikplan's word."""
        return self.words.outcome_word(canonical, written)

    def status_word(self, canonical: str, written: str | None = None) -> str:
        return self.words.status_word(canonical, written)

    def key_aliases(self) -> dict[str, str]:
        """The kommun's names of a risk's keys ('väsentlighet' → 'konsekvens')."""
        pairs = (
            (self.risk_value, "riskvärde"),
            (self.likelihood, "sannolikhet"),
            (self.consequence, "konsekvens"),
        )
        return {word.lower(): key for word, key in pairs if word and word.lower() != key}

    def merged(self, own: "Vocabulary | None") -> "Vocabulary":
        """The kommun's words with a plan's own on top."""
        if own is None:
            return self
        update = {k: v for k, v in own.__dict__.items() if v not in (None, {})}
        # The plan's words first (shown for their values), the kommun's beside them: a plan adds words,
        # it does not take the kommun's away (IK124 refuses a kommun word given another meaning).
        if "results" in update:
            mine = {fold(w) for w in own.results}
            update["results"] = own.results | {w: o for w, o in self.results.items() if fold(w) not in mine}
        if "action_statuses" in update:
            mine_s = {fold(w) for w in own.action_statuses}
            update["action_statuses"] = own.action_statuses | {
                w: s for w, s in self.action_statuses.items() if fold(w) not in mine_s
            }
        merged = self.model_copy(update=update)
        merged.__dict__.pop("words", None)  # a copy keeps the cached words of the kommun's, not its own
        return merged

    def translate(self, data: object, keys: dict[str, str]) -> None:
        """Rewrite the kommun's words in loaded plan data to ikplan's keys and values, in place. A value
        keeps the word the plan wrote (Written), so every output can show it again."""
        from ikplan.plan.config import holders  # the one walk over a plan's mappings

        if not isinstance(data, dict) or not isinstance(data.get("risker"), list):
            return
        words = self.words

        def word(value: object, read: Any) -> object:
            if not isinstance(value, str):
                return value
            found = read(value)
            return Written(found.value, value) if found is not None else value

        for level, holder in holders(data):
            if level in ("risk", "ej vald risk"):
                for key in [k for k in holder if isinstance(k, str) and k.lower() in keys]:
                    if keys[key.lower()] not in holder:
                        holder[keys[key.lower()]] = holder.pop(key)
            elif level == "uppföljning" and "resultat" in holder:
                holder["resultat"] = word(holder["resultat"], words.read_outcome)
            elif level == "åtgärd" and "status" in holder:
                holder["status"] = word(holder["status"], words.read_status)


def _words_of(v: Vocabulary) -> Words:
    def noun(value: "str | Noun | None") -> "str | tuple[str, str] | None":
        return (value.singular, value.plural) if isinstance(value, Noun) else value

    return words_from(v.results, v.action_statuses, v.risk_value, noun(v.control_noun), noun(v.action_noun))


class Written(str):
    """A canonical value that remembers the word the plan wrote for it ('utförd' written as 'OK')."""

    written: str

    def __new__(cls, value: str, written: str) -> "Written":
        self = super().__new__(cls, value)
        self.written = written
        return self


def _written(raw: Any, key: str) -> str | None:
    if not isinstance(raw, dict):
        return None
    value = raw.get(key)
    if isinstance(value, Written):
        return value.written
    return value if isinstance(value, str) else None


class Plan(Strict):
    """An internkontrollplan (schemaversion 1 or 2; 2 adds keys, marked x-sedan-schemaversion)."""

    schema_version: Literal[1, 2] = Field(alias="schemaversion")

    @field_validator("schema_version", mode="before")
    @classmethod
    def _version_not_bool(cls, value: Any) -> Any:
        """`schemaversion: true` is no version (a Literal[1] takes True as 1): IK053."""
        if isinstance(value, bool):
            raise ValueError("ja/nej är ingen schemaversion")
        return value

    municipality: str | None = Field(None, alias="kommun")
    board: str = Field(alias="nämnd")
    administration: str | None = Field(None, alias="förvaltning")
    year: StrictInt = Field(alias="år", ge=FIRST_YEAR, le=LAST_YEAR)
    title: str | None = Field(None, alias="titel")
    case_number: str | None = Field(None, alias="diarienummer")
    adopted: Adoption | None = Field(None, alias="antagen")
    officer: str | None = Field(None, alias="handläggare")
    risk_count: StrictInt | None = Field(
        None,
        alias="antal_risker",
        ge=0,
        description="Antal risker i planen när alla inte är förda hit (t.ex. när bara de kritiska följs upp)",
    )
    derived_from: str | None = Field(None, alias="härledd_från")
    matrix: MatrixOverride | None = Field(None, alias="riskmatris")
    ignore_rules: list[str] = Field([], alias="ignorera_regler")
    areas: list[Area] = Field([], alias="områden")
    risks: list[Risk] = Field([], alias="risker")
    not_chosen: list[AssessedRisk] = _v2(
        [],
        alias="ej_valda_risker",
        description="Bruttorisklistans övriga risker: bedömda men inte med i planen, med skäl",
    )
    reports: dict[str, ReportTexts] = Field({}, alias="rapporter")
    vocabulary: Vocabulary | None = _v2(
        None,
        alias="ordlista",
        description="Planens egna ord ovanpå kommunens ordlista (ikplan.yaml), t.ex. 'riskvärde: Riskvärde'",
    )
    source: Source | None = _v2(
        None, alias="källa", description="Dokumentet en plan från ett tidigare år är överförd från"
    )
    stated: dict[str, StatedFigures] = _v2(
        {}, alias="redovisat", description="Per period: antal och andelar som underlaget anger utan enskilda poster"
    )
    verdict_scale: list[VerdictLevel] = _v2(
        [], alias="bedömningsskala", description="Orden för en bedömning av en process, med deras betydelse"
    )
    fields: dict[str, FieldValue] = _own_fields("planen")

    @property
    def incomplete(self) -> bool:
        """Transcribed from a source that does not give every field."""
        return self.source is not None and self.source.incomplete

    def period_end_known(self, period_id: str) -> bool:
        return self.source is None or period_id not in self.source.unknown_period_ends

    def areas_without_risks(self) -> list[Area]:
        """The plan's områden (processes, sections) that hold no risk, neither themselves nor below."""
        held: set[str] = set()
        for r in self.risks:
            held.update(a.id for a in self.area_trail(r.area))
        return [a for a in self.areas if a.id not in held]

    @model_validator(mode="after")
    def _resolve_deadlines(self) -> "Plan":
        """A slutdatum without a year ('senast juni', 'före årsskiftet') is in the year the åtgärd was
        decided: its beslutsår when it was carried from an earlier plan, else the plan's year."""
        for placed in self.iter_actions():
            deadline = placed.action.deadline
            if deadline is not None and deadline.month_day is not None:
                placed.action.deadline = deadline.in_year(placed.action.decided_year or self.year)
        return self

    def followed_up_in(self, period: str) -> bool:
        """Whether the plan holds anything for the period: a follow-up of a risk or kontrollmoment, or
        the counts a source states (redovisat)."""
        return (
            period in self.stated
            or any(period in r.follow_up for r in self.risks)
            or any(period in c.follow_up for *_, c in self.all_controls())
        )

    def use_words(self, words: Words) -> None:
        """Name the plan's kontrollmoment in the kommun's noun in every label."""
        if words.control.singular != "kontrollmoment":
            for risk in self.risks:
                for control in risk.controls:
                    control._noun = words.control.singular

    def iter_actions(self) -> Iterator[PlacedAction]:
        """Every åtgärd of the plan: under a risk or kontrollmoment, in a follow-up or carried."""
        for ri, r in enumerate(self.risks):
            owners: list[tuple[tuple[str | int, ...], Risk, Control | None]] = [(("risker", ri), r, None)]
            owners += [(("risker", ri, "kontrollmoment", ci), r, c) for ci, c in enumerate(r.controls)]
            for base, risk, control in owners:
                holder: Risk | Control = control if control is not None else risk
                for ai, a in enumerate(holder.actions):
                    yield PlacedAction((*base, "åtgärder", ai), a, None, risk, control)
                for period, f in holder.follow_up.items():
                    for ai, a in enumerate(f.actions):
                        yield PlacedAction((*base, "uppföljning", period, "åtgärder", ai), a, period, risk, control)

    def all_controls(self) -> list[tuple[int, int, Risk, Control]]:
        """Every kontrollmoment with its risk index, control index and risk."""
        return [(ri, ci, r, c) for ri, r in enumerate(self.risks) for ci, c in enumerate(r.controls)]

    @cached_property
    def areas_by_id(self) -> dict[str, Area]:
        return {a.id: a for a in self.areas}

    def area_trail(self, area_id: str | None) -> list[Area]:
        """The område and those above it (överordnat), the top first. The walk stops at a cycle and
        after MAX_AREA_DEPTH levels (IK110 reports both), so it is bounded whatever a file holds."""
        by_id = self.areas_by_id
        out: list[Area] = []
        current = by_id.get(area_id or "")
        while current is not None and current not in out and len(out) <= MAX_AREA_DEPTH:
            out.append(current)
            current = by_id.get(current.parent) if current.parent else None
        return out[::-1]

    def area_label(self, area_id: str | None) -> str:
        """'Ekonomi › Fakturahantering' for a delområde; the id itself when it names no område."""
        trail = self.area_trail(area_id)
        return " › ".join(a.name for a in trail) if trail else (area_id or "")

    @property
    def display_title(self) -> str:
        return self.title or f"Internkontrollplan {self.year} för {self.board.lower()}"
