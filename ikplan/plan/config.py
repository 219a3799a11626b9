"""Kommun configuration (``ikplan.yaml``): risk matrix, periods, mandatory controls, rules.

The file is found by walking up from each plan (stopping at the repository root). The
topmost one found is the kommun's and rules: a nearer one (a nämnd's folder) is combined on
top of it and may only add and tighten (`combine`), and a plan may switch off warnings and
lower, never raise, kritisk_från. Without a file a 4×4 matrix and the periods delår and helår apply.
"""

import datetime as dt
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from typing import Annotated, Literal

from pydantic_core import PydanticCustomError

from ikplan.plan.base import (
    BeforeValidator,
    Field,
    PlainValidator,
    StrictBool,
    StrictInt,
    WithJsonSchema,
    field_validator,
)
from ikplan.plan.model import (
    MAX_RISK_VALUE,
    Action,
    Area,
    Axis,
    Band,
    Control,
    Level,
    MatrixOverride,
    Plan,
    Risk,
    Strict,
    Vocabulary,
)
from ikplan.plan.types import Id
from ikplan.plan.vocabulary import Words
from ikplan.plan.years import FIRST_YEAR, LAST_YEAR

CONFIG_NAMES = ("ikplan.yaml", "ikplan.yml")

COLOURS = {
    "grön": "#4caf50",
    "ljusgrön": "#aed581",
    "gul": "#ffeb3b",
    "orange": "#ff9800",
    "röd": "#e53935",
    "mörkröd": "#b71c1c",
    "blå": "#42a5f5",
    "grå": "#bdbdbd",
}
_HEX = re.compile(r"#[0-9a-fA-F]{6}")


def colour_hex(colour: str) -> str:
    """A band colour as #rrggbb (Swedish names or hex accepted)."""
    if _HEX.fullmatch(colour):
        return colour.lower()
    return COLOURS.get(colour.lower(), "#bdbdbd")


def _axis(name: str, labels: list[str]) -> Axis:
    return Axis.model_validate(
        {"namn": name, "skala": [{"värde": i + 1, "namn": label} for i, label in enumerate(labels)]}
    )


def _critical_from(value: object) -> int | None:
    if value is None or (isinstance(value, str) and value.strip().lower() in ("ingen", "inget", "nej")):
        return None
    # A number outside the matrix passes here: RiskMatrix.problems() names the range of the kommun's own
    # matrix (1–25 on a 5×5), which this validator cannot know.
    if isinstance(value, bool) or not isinstance(value, int):
        raise PydanticCustomError(
            "ikplan", "kritisk_från ska vara ett riskvärde (1–{top}) eller 'ingen'", {"top": MAX_RISK_VALUE}
        )
    return value


CriticalFrom = Annotated[
    int | None,
    PlainValidator(_critical_from),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 1, "maximum": MAX_RISK_VALUE},
                {"type": "string", "enum": ["ingen"]},
                {"type": "null"},
            ]
        }
    ),
]


def _default_likelihood() -> Axis:
    return _axis("sannolikhet", ["Osannolik", "Mindre sannolik", "Möjlig", "Sannolik"])


def _default_consequence() -> Axis:
    return _axis("konsekvens", ["Försumbar", "Lindrig", "Kännbar", "Allvarlig"])


def _default_bands() -> list[Band]:
    return [
        Band.model_validate({"namn": "låg", "färg": "grön", "från": 1, "till": 3}),
        Band.model_validate({"namn": "medel", "färg": "gul", "från": 4, "till": 8}),
        Band.model_validate({"namn": "hög", "färg": "röd", "från": 9, "till": 16}),
    ]


# The defaults are module functions, not lambdas, so that a prebuilt schema can refer to them.
class RiskMatrix(Strict):
    likelihood: Axis = Field(default_factory=_default_likelihood, alias="sannolikhet")
    consequence: Axis = Field(default_factory=_default_consequence, alias="konsekvens")
    bands: list[Band] = Field(
        default_factory=_default_bands,
        alias="risknivåer",
        max_length=MAX_RISK_VALUE,
        description="Risknivåer med färg; en tom lista för en kommun som inte använder några",
    )
    critical_from: CriticalFrom = Field(
        9,
        alias="kritisk_från",
        description="Riskvärde från vilket en risk är kritisk; 'ingen' för en kommun utan gräns",
    )

    def merged(self, override: MatrixOverride | None) -> "RiskMatrix":
        if override is None:
            return self
        changes = {k: v for k, v in override.__dict__.items() if v is not None}
        return self.model_copy(update=changes)

    @property
    def size(self) -> tuple[int, int]:
        return len(self.likelihood.levels), len(self.consequence.levels)

    @property
    def max_value(self) -> int:
        return self.size[0] * self.size[1]

    def band_for(self, value: int | None) -> Band | None:
        if value is None:
            return None
        for band in self.bands:
            if band.low <= value <= band.high:
                return band
        return None

    def legend(self, value_name: str = "") -> str:
        """'kritisk från riskvärde 9', or that the kommun has no threshold: one phrase for every view."""
        if self.critical_from is None:
            return "ingen gräns för kritisk risk"
        return f"kritisk från {value_name + ' ' if value_name else ''}{self.critical_from}"

    def is_critical(self, value: int | None) -> bool:
        return value is not None and self.critical_from is not None and value >= self.critical_from

    def label(self, axis: Literal["likelihood", "consequence"], value: int | None) -> str | None:
        levels: list[Level] = getattr(self, axis).levels
        for level in levels:
            if level.value == value:
                return level.name
        return None

    def problems(self) -> list[tuple[tuple[str | int, ...], str]]:
        """Inconsistencies inside the matrix itself, as (path, message)."""
        out: list[tuple[tuple[str | int, ...], str]] = []
        for key, axis in (("sannolikhet", self.likelihood), ("konsekvens", self.consequence)):
            values = [lv.value for lv in axis.levels]
            if values != list(range(1, len(values) + 1)):
                out.append(((key, "skala"), f"skalans värden ska vara 1, 2, 3 … i ordning; de är {values}"))
        # one counter per riskvärde the matrix can hold (at most MAX_RISK_VALUE): linear in the bands
        top = max([self.max_value, *(min(b.high, MAX_RISK_VALUE) for b in self.bands)])
        times = [0] * (top + 1)
        for i, band in enumerate(self.bands):
            if band.low > band.high:
                out.append((("risknivåer", i), f"risknivån '{band.name}' har 'från' större än 'till'"))
            for v in range(max(band.low, 1), min(band.high, top) + 1):
                times[v] += 1
            if not _HEX.fullmatch(band.colour) and band.colour.lower() not in COLOURS:
                names = ", ".join(COLOURS)
                out.append((("risknivåer", i, "färg"), f"okänd färg '{band.colour}'; använd {names} eller #rrggbb"))
        if not self.bands:  # a kommun without risknivåer: nothing to cover
            return out + self._threshold_problems()
        missing = [v for v in range(1, self.max_value + 1) if times[v] == 0]
        double = [v for v in range(1, top + 1) if times[v] > 1]
        beyond = [v for v in range(self.max_value + 1, top + 1) if times[v]]
        if missing or double or beyond:
            detail = []
            if missing:
                detail.append("saknas för " + ", ".join(map(str, missing)))
            if double:
                detail.append("överlappar för " + ", ".join(map(str, double)))
            if beyond:
                detail.append(f"går över {self.max_value} ({beyond[0]}–{beyond[-1]})")
            if detail:
                out.append(
                    (
                        ("risknivåer",),
                        f"risknivåerna ska täcka 1–{self.max_value} precis en gång; " + " och ".join(detail),
                    )
                )
        return out + self._threshold_problems()

    def _threshold_problems(self) -> list[tuple[tuple[str | int, ...], str]]:
        if self.critical_from is not None and not 1 <= self.critical_from <= self.max_value:
            return [(("kritisk_från",), f"kritisk_från {self.critical_from} ligger utanför 1–{self.max_value}")]
        return []


class Period(Strict):
    id: Id
    name: str = Field(alias="namn")
    until: str = Field(alias="per", pattern=r"^\d{2}-\d{2}$", description="Periodens slut, MM-DD")
    # A kommun that moves from delår/helår to tertialer keeps its earlier years' periods: each period
    # may name the years it was used, and a plan is followed up in the periods of its own year.
    from_year: StrictInt | None = Field(
        None, alias="från_år", ge=FIRST_YEAR, le=LAST_YEAR, description="Första året perioden används"
    )
    to_year: StrictInt | None = Field(
        None, alias="till_år", ge=FIRST_YEAR, le=LAST_YEAR, description="Sista året perioden används"
    )

    def applies_to(self, year: int) -> bool:
        return (self.from_year is None or year >= self.from_year) and (self.to_year is None or year <= self.to_year)

    def end_in(self, year: int) -> dt.date:
        """The period's last day in `year` (02-29 is the 28th in other years than leap years)."""
        month, day = (int(x) for x in self.until.split("-"))
        if (month, day) == (2, 29):
            import calendar  # here, not at the top: `ikplan validate` starts without it

            day = 29 if calendar.isleap(year) else 28
        return dt.date(year, month, day)

    @field_validator("until")
    @classmethod
    def _real_day(cls, value: str) -> str:
        """A day that exists (02-29 is read as 02-28 in other years than leap years)."""
        try:
            dt.date(2000, int(value[:2]), int(value[3:]))
        except ValueError:
            raise PydanticCustomError(
                "ikplan", "'{value}' är ingen dag (MM-DD, t.ex. 08-31)", {"value": value}
            ) from None
        return value


class RequiredControl(Strict):
    id: Id
    name: str = Field(alias="namn")
    description: str | None = Field(None, alias="beskrivning")
    from_year: StrictInt | None = Field(
        None,
        alias="från_år",
        ge=FIRST_YEAR,
        le=LAST_YEAR,
        description="Första året kontrollmomentet gäller; äldre planer behöver det inte",
    )

    to_year: StrictInt | None = Field(
        None,
        alias="till_år",
        ge=FIRST_YEAR,
        le=LAST_YEAR,
        description="Sista året kontrollmomentet gäller (kommungemensamma granskningar som byts varje år)",
    )

    def applies_to(self, year: int) -> bool:
        return (self.from_year is None or year >= self.from_year) and (self.to_year is None or year <= self.to_year)


class Organisation(Strict):
    """A nämnd, kommunalt bolag or utskott that keeps an internkontrollplan (ikplan.yaml `nämnder:`)."""

    name: str = Field(alias="namn", min_length=1)
    kind: Literal["nämnd", "bolag", "utskott"] = Field(
        "nämnd", alias="typ", description="nämnd, bolag (kommunalt bolag: dess styrelse) eller utskott"
    )


def _organisation(value: object) -> object:
    """A name alone is a nämnd (the list of names that ikplan.yaml has always held)."""
    return {"namn": value} if isinstance(value, str) else value


OrganisationEntry = Annotated[
    Organisation,
    BeforeValidator(_organisation),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string"},
                {
                    "type": "object",
                    "properties": {
                        "namn": {"type": "string"},
                        "typ": {"type": "string", "enum": ["nämnd", "bolag", "utskott"]},
                    },
                    "required": ["namn"],
                    "additionalProperties": False,
                },
            ]
        }
    ),
]


class AuditConfig(Strict):
    """What `ikplan granskning` measures against, where the kommun's own rules say more than the law."""

    adopted_by: str | None = Field(
        None,
        alias="antagen_senast",
        pattern=r"^\d{2}-\d{2}$",
        description="Sista dag (MM-DD) under planens år att anta planen; utan den: före årets början",
    )
    report_within_days: StrictInt = Field(
        60,
        alias="rapport_inom_dagar",
        ge=0,
        le=366,
        description="Dagar efter periodens slut som uppföljningen får ta innan den rapporteras till nämnden",
    )


class SummaryReport(Strict):
    """What Kommunstyrelsen's tjänsteskrivelse (ikplan summary) needs beside the plans: the ärende's
    diarienummer and handläggare, and the förslag till beslut when the default one does not fit."""

    year: StrictInt | None = Field(
        None,
        alias="år",
        ge=FIRST_YEAR,
        le=LAST_YEAR,
        description="Året som diarienumret gäller; en sammanställning av ett annat år visar inget diarienummer",
    )
    case_number: str | None = Field(None, alias="diarienummer", description="T.ex. KS-2025/412")
    officer: str | None = Field(None, alias="handläggare")
    proposals: list[str] | None = Field(
        None, alias="förslag_till_beslut", max_length=20, description="att-satser (utan 'att')"
    )


class ReportConfig(Strict):
    summary: SummaryReport = Field(
        default_factory=SummaryReport,
        alias="sammanställning",
        description="Kommunstyrelsens sammanställning (ikplan summary): diarienummer, handläggare, förslag till beslut",
    )
    docx_template: str | None = Field(None, alias="mall_docx")
    md_template: str | None = Field(None, alias="mall_md")
    one_table: StrictBool = Field(
        False,
        alias="bilaga_en_tabell",
        description="Bilaga 1 som en tabell med områdena som rader i stället för en tabell per område (md, html, pdf)",
    )
    footer: str | None = Field(
        None,
        alias="sidfot",
        max_length=300,
        description="Sidfotens text i rapporterna i stället för 'Skapad med ikplan …'; planfil, commit och datum står alltid kvar",
    )


class FieldType(StrEnum):
    TEXT = "text"
    INTEGER = "heltal"
    DATE = "datum"
    YES_NO = "ja/nej"
    CHOICE = "val"
    LIST = "lista"


class FieldDef(Strict):
    """Ett eget fält som kommunens mallar har, t.ex. riskansvarig eller enhet."""

    name: str = Field(alias="namn", pattern=r"^[\w][\w\-]*$", description="Nyckeln i planen, t.ex. riskansvarig")
    title: str | None = Field(None, alias="rubrik", description="Rubriken i rapporterna; standard: namnet")
    applies_to: Literal["plan", "område", "risk", "kontrollmoment", "åtgärd"] = Field("risk", alias="gäller")
    type: FieldType = Field(FieldType.TEXT, alias="typ")
    choices: list[str] = Field([], alias="val", max_length=100, description="Tillåtna värden (typ: val)")
    required: StrictBool = Field(False, alias="obligatoriskt")
    shown: StrictBool = Field(True, alias="visas", description="Om fältet visas i planrapporten")

    @property
    def heading(self) -> str:
        return self.title or self.name[:1].upper() + self.name[1:].replace("_", " ")


def _default_periods() -> list[Period]:
    return [
        Period.model_validate({"id": "delår", "namn": "Delår", "per": "08-31"}),
        Period.model_validate({"id": "helår", "namn": "Helår", "per": "12-31"}),
    ]


def holders(data: dict[object, object]) -> list[tuple[str, dict[object, object]]]:
    """Every mapping of the plan data with its level: plan, område, risk, ej vald risk, kontrollmoment,
    uppföljning, åtgärd. One walk serves the ordlista and the kommun's own fields."""
    out: list[tuple[str, dict[object, object]]] = [("plan", data)]

    def mappings(value: object) -> list[dict[object, object]]:
        return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []

    def follow_ups(holder: dict[object, object]) -> None:
        out.extend(("åtgärd", a) for a in mappings(holder.get("åtgärder")))
        follow = holder.get("uppföljning")
        for f in follow.values() if isinstance(follow, dict) else []:
            if isinstance(f, dict):
                out.append(("uppföljning", f))
                out.extend(("åtgärd", a) for a in mappings(f.get("åtgärder")))

    out.extend(("område", a) for a in mappings(data.get("områden")))
    out.extend(("ej vald risk", r) for r in mappings(data.get("ej_valda_risker")))
    for risk in mappings(data.get("risker")):
        out.append(("risk", risk))
        follow_ups(risk)
        for control in mappings(risk.get("kontrollmoment")):
            out.append(("kontrollmoment", control))
            follow_ups(control)
    return out


def gather_fields(data: dict[object, object], fields: list[FieldDef]) -> None:
    """Move the kommun's declared fields, written as keys of a risk (riskansvarig: …), under its
    'fält' mapping, where the model holds them; a key the format itself has is left alone."""
    by_level: dict[str, set[str]] = {}
    for f in fields:
        by_level.setdefault(f.applies_to, set()).add(f.name)
    for level, holder in holders(data):
        names = by_level.get(level)
        if not names:
            continue
        found = [k for k in holder if isinstance(k, str) and k in names]
        if not found:
            continue
        own = holder.get("fält")
        target = own if isinstance(own, dict) else {}
        for k in found:
            target.setdefault(k, holder.pop(k))
        if not isinstance(own, dict) and "fält" not in holder:
            holder["fält"] = target


class Config(Strict):
    """ikplan.yaml."""

    schema_version: Literal[1] = Field(1, alias="schemaversion")

    @field_validator("schema_version", mode="before")
    @classmethod
    def _version_not_bool(cls, value: object) -> object:
        """`schemaversion: true` is no version (a Literal[1] takes True as 1)."""
        if isinstance(value, bool):
            raise ValueError("ja/nej är ingen schemaversion")
        return value

    municipality: str | None = Field(None, alias="kommun")
    matrix: RiskMatrix = Field(default_factory=RiskMatrix, alias="riskmatris")
    periods: list[Period] = Field(default_factory=_default_periods, alias="perioder", min_length=1, max_length=50)
    required_controls: list[RequiredControl] = Field([], alias="obligatoriska_kontrollmoment")
    ignore_rules: list[str] = Field([], alias="ignorera_regler")
    report: ReportConfig = Field(default_factory=ReportConfig, alias="rapport")
    vocabulary: Vocabulary = Field(
        default_factory=Vocabulary,
        alias="ordlista",
        description="Kommunens egna ord: resultatskala, åtgärdsstatus, riskvärdets och axlarnas namn",
    )
    fields: list[FieldDef] = Field(
        [],
        alias="fält",
        max_length=100,
        description="Kommunens egna fält (t.ex. riskansvarig, enhet, syfte): namn, typ, var de gäller, obligatoriska",
    )
    area_levels: list[str] = Field(
        [],
        alias="områdesnivåer",
        max_length=5,
        description="Namnen på områdenas nivåer uppifrån, t.ex. [process, delprocess] eller [processgrupp, process]",
    )
    organisations: list[OrganisationEntry] = Field(
        [],
        alias="nämnder",
        max_length=500,
        description="Kommunens nämnder, bolag och utskott: ett namn (en nämnd) eller {namn, typ}; "
        "sammanställningen (ikplan summary) namnger de som saknar plan",
    )
    audit: AuditConfig = Field(
        default_factory=AuditConfig,
        alias="granskning",
        description="Vad ikplan granskning mäter mot: sista dag att anta planen, dagar att rapportera",
    )
    result_definitions: dict[str, str] = Field(
        {},
        alias="resultatdefinitioner",
        max_length=50,
        description="Vad varje resultatord betyder (en gemensam skala för hur allvarlig en brist är)",
    )

    @property
    def boards(self) -> list[str]:
        """The names of the nämnder, bolag and utskott, in the order ikplan.yaml lists them."""
        return [o.name for o in self.organisations]

    def kind_of(self, name: str) -> str:
        """'nämnd', 'bolag' or 'utskott' for an organisation's name (a name not listed is a nämnd)."""
        return next((o.kind for o in self.organisations if o.name == name), "nämnd")

    @cached_property
    def key_aliases(self) -> dict[str, str]:
        """A risk's keys in the kommun's words: from the ordlista and the matrix's axis names."""
        out = {
            axis.name.lower(): key
            for axis, key in ((self.matrix.likelihood, "sannolikhet"), (self.matrix.consequence, "konsekvens"))
            if axis.name.lower() not in ("sannolikhet", "konsekvens", "riskvärde")
        }
        return out | self.vocabulary.key_aliases()

    def vocabulary_for(self, data: object) -> Vocabulary:
        """The kommun's words with the plan's own ordlista (in its raw data) on top."""
        own = data.get("ordlista") if isinstance(data, dict) else None
        if isinstance(own, dict) and own:
            from pydantic_core import ValidationError

            try:
                return self.vocabulary.merged(Vocabulary.model_validate(own))
            except ValidationError:
                pass  # the plan's model reports its ordlista's errors at their lines
        return self.vocabulary

    def translate(self, data: object) -> None:
        """The plan data with the kommun's words as ikplan's (in place); nothing to do without an ordlista."""
        vocabulary = self.vocabulary_for(data)
        keys = self.key_aliases if vocabulary is self.vocabulary else self.key_aliases | vocabulary.key_aliases()
        if keys or vocabulary.results or vocabulary.action_statuses:
            vocabulary.translate(data, keys)
        if self.fields and isinstance(data, dict):
            gather_fields(data, self.fields)

    @cached_property
    def own_keys(self) -> dict[str, list[str]]:
        """The declared fields by the name of the model that holds them (for spelling suggestions)."""
        names = {"plan": "Plan", "område": "Area", "risk": "Risk", "kontrollmoment": "Control", "åtgärd": "Action"}
        out: dict[str, list[str]] = {}
        for f in self.fields:
            out.setdefault(names[f.applies_to], []).append(f.name)
        return out

    def fields_for(self, level: str) -> list[FieldDef]:
        return [f for f in self.fields if f.applies_to == level]

    def required_for(self, year: int) -> list[RequiredControl]:
        """The kommungemensamma kontrollmoment that a plan for `year` must hold."""
        return [rc for rc in self.required_controls if rc.applies_to(year)]

    def problems(self) -> list[tuple[tuple[str | int, ...], str]]:
        """Values the schema accepts but later steps cannot use, as (path, message)."""
        out: list[tuple[tuple[str | int, ...], str]] = []
        builtin: dict[str, type[Strict]] = {
            "plan": Plan,
            "område": Area,
            "risk": Risk,
            "kontrollmoment": Control,
            "åtgärd": Action,
        }
        named: set[tuple[str, str]] = set()
        for i, f in enumerate(self.fields):
            model = builtin[f.applies_to]
            if any((fd.alias or n) == f.name for n, fd in model.model_fields.items()):
                out.append(
                    (
                        ("fält", i, "namn"),
                        f"'{f.name}' är redan en nyckel i formatet ({f.applies_to}); välj ett annat namn",
                    )
                )
            if (f.applies_to, f.name) in named:
                out.append((("fält", i, "namn"), f"fältet '{f.name}' ({f.applies_to}) finns redan"))
            named.add((f.applies_to, f.name))
            if f.type is FieldType.CHOICE and not f.choices:
                out.append((("fält", i, "val"), f"fältet '{f.name}' har typ val men inga val"))
        seen: dict[str, int] = {}
        for i, p in enumerate(self.periods):
            if p.id in seen:
                out.append((("perioder", i, "id"), f"perioden '{p.id}' finns redan (perioder.{seen[p.id] + 1})"))
            seen.setdefault(p.id, i)
        return out


@dataclass(frozen=True)
class Settings:
    """What applies to one plan: its kommun config with the plan's overrides."""

    config: Config
    config_path: str | None
    searched: str = ""  # where the search for ikplan.yaml looked, when none was found
    # A nearer ikplan.yaml below the kommun's (config_path stays the kommun's): combined into `config`
    # by `combine`, which lets it add and tighten only; the warnings it switches off, as a plan may.
    nested_path: str | None = None
    nested_ignore: tuple[str, ...] = ()

    def for_plan(self, plan: Plan | None) -> "PlanSettings":
        return PlanSettings(self, plan)


ConfigProblem = tuple[tuple[str | int, ...], str]
# What a nearer ikplan.yaml may set; everything else must equal the kommun's (a copy is fine).
NESTED_MAY = (
    "ignorera_regler (varningar)",
    "obligatoriska_kontrollmoment (fler)",
    "fält (fler)",
    "rapport",
    "områdesnivåer",
    "riskmatris.kritisk_från (lägre)",
)


def _fresh(model: Config) -> Config:
    """`model` without the cached values of the one it was copied from (key_aliases, own_keys)."""
    for name in [n for n, v in vars(type(model)).items() if isinstance(v, cached_property)]:
        model.__dict__.pop(name, None)
    return model


def combine(
    root: Settings, nested: Config, nested_path: str, may_ignore: Callable[[str], bool]
) -> tuple[Settings, list[ConfigProblem]]:
    """The kommun's settings with a nearer ikplan.yaml on top, and what the nearer one may not do.

    The kommun's (topmost) ikplan.yaml rules: a nearer one may add (kommungemensamma kontrollmoment,
    fält), choose its own templates and heading words, switch off warnings (`may_ignore`) and lower
    kritisk_från. It may not switch off errors, raise kritisk_från, change the matrix, the periods, the
    words, the kommun or its nämnder; a value equal to the kommun's is no change."""
    base = root.config
    kommun = os.path.relpath(root.config_path) if root.config_path else "ikplan.yaml"
    problems: list[ConfigProblem] = []
    updates: dict[str, object] = {}
    ignore: list[str] = []
    for name in sorted(nested.model_fields_set):
        key = Config.model_fields[name].alias or name
        mine, theirs = getattr(nested, name), getattr(base, name)
        if name == "schema_version":
            continue
        if name == "ignore_rules":
            for i, code in enumerate(mine):
                if may_ignore(code):
                    ignore.append(code)
                elif code not in theirs:
                    problems.append(
                        (
                            ("ignorera_regler", i),
                            f"{code} kan bara stängas av i kommunens {kommun}; en undre ikplan.yaml får "
                            "stänga av varningar, inte fel",
                        )
                    )
        elif name == "required_controls":
            known = {rc.id for rc in theirs}
            added = [rc for rc in mine if rc.id not in known or rc not in theirs]
            for i, rc in enumerate(mine):
                if rc.id in known and rc not in theirs:
                    problems.append(
                        (
                            ("obligatoriska_kontrollmoment", i, "id"),
                            f"'{rc.id}' är kommunens kontrollmoment i {kommun}; en undre ikplan.yaml får lägga "
                            "till egna, inte ändra kommunens",
                        )
                    )
            updates[name] = [*theirs, *added]
        elif name == "fields":
            declared = {(f.applies_to, f.name): f for f in theirs}
            for i, f in enumerate(mine):
                if (f.applies_to, f.name) in declared and declared[(f.applies_to, f.name)] != f:
                    problems.append(
                        (("fält", i, "namn"), f"fältet '{f.name}' deklareras redan i {kommun}; välj ett annat namn")
                    )
            updates[name] = [*theirs, *(f for f in mine if (f.applies_to, f.name) not in declared)]
        elif name == "report":
            folder = os.path.dirname(os.path.abspath(nested_path))
            top = os.path.dirname(os.path.abspath(root.config_path or nested_path))
            moved = {
                attr: os.path.relpath(os.path.join(folder, value), top)
                for attr in ("docx_template", "md_template")
                if (value := getattr(mine, attr)) is not None
            }  # relative to the kommun's folder, where `report` looks (and keeps them inside)
            updates[name] = mine.model_copy(update=moved)
        elif name == "area_levels":
            updates[name] = mine
        elif name == "matrix":
            problems += _matrix_combination(base.matrix, mine, kommun)
            if mine.critical_from != base.matrix.critical_from:
                updates[name] = base.matrix.model_copy(update={"critical_from": mine.critical_from})
        elif mine != theirs:
            problems.append(
                (
                    (key,),
                    f"'{key}' bestäms i kommunens {kommun}; en undre ikplan.yaml får bara ändra "
                    + ", ".join(NESTED_MAY),
                )
            )
    combined = _fresh(base.model_copy(update=updates)) if updates else base
    return Settings(combined, root.config_path, root.searched, nested_path, (*root.nested_ignore, *ignore)), problems


def _matrix_combination(base: RiskMatrix, mine: RiskMatrix, kommun: str) -> list[ConfigProblem]:
    out: list[ConfigProblem] = []
    for name in sorted(mine.model_fields_set):
        key = RiskMatrix.model_fields[name].alias or name
        if name == "critical_from":
            new, old = mine.critical_from, base.critical_from
            if old is not None and (new is None or new > old):
                said = "ingen gräns" if new is None else f"kritisk_från {new}"
                out.append(
                    (
                        ("riskmatris", key),
                        f"{said} är mindre strängt än kommunens kritisk_från {old} i {kommun}; en undre "
                        "ikplan.yaml får sänka gränsen, inte höja den",
                    )
                )
        elif getattr(mine, name) != getattr(base, name):
            out.append(
                (
                    ("riskmatris", key),
                    f"riskmatrisen ('{key}') bestäms i kommunens {kommun}; en undre ikplan.yaml får inte byta den",
                )
            )
    return out


class PlanSettings:
    def __init__(self, settings: Settings, plan: Plan | None) -> None:
        self.settings = settings
        self.plan = plan

    @cached_property
    def matrix(self) -> RiskMatrix:
        base = self.settings.config.matrix
        merged = base.merged(self.plan.matrix if self.plan else None)
        kommun = self.settings.config_path is not None  # ikplan's default is no kommun's decision
        if kommun and base.critical_from is not None and (merged.critical_from or 0) > base.critical_from:
            # a plan may lower the kommun's threshold, never raise it (IK120 says so; the kommun's holds)
            merged = merged.model_copy(update={"critical_from": base.critical_from})
        vocab = self.settings.config.vocabulary
        names = {}
        for key, word, axis in (
            ("likelihood", vocab.likelihood, merged.likelihood),
            ("consequence", vocab.consequence, merged.consequence),
        ):
            if word and axis.name == key_default(key):
                names[key] = axis.model_copy(update={"name": word})
        return merged.model_copy(update=names) if names else merged

    @cached_property
    def vocabulary(self) -> Vocabulary:
        """The kommun's ordlista with the plan's own on top."""
        return self.settings.config.vocabulary.merged(self.plan.vocabulary if self.plan else None)

    @property
    def words(self) -> Words:
        """The plan's words as the one vocabulary reads and writes them."""
        return self.vocabulary.words

    @property
    def risk_value_name(self) -> str:
        """'riskvärde', or the kommun's word for it ('risktal')."""
        return self.vocabulary.risk_value or "riskvärde"

    @cached_property
    def ignored(self) -> frozenset[str]:
        extra = self.plan.ignore_rules if self.plan else []
        return frozenset([*self.settings.config.ignore_rules, *self.settings.nested_ignore, *extra])

    @property
    def periods(self) -> list[Period]:
        """The kommun's periods in the plan's year (all of them when a year's list would be empty)."""
        every = self.settings.config.periods
        if self.plan is None:
            return every
        year = self.plan.year
        return [p for p in every if p.applies_to(year)] or every

    def period(self, key: str) -> Period | None:
        for p in self.periods:
            if p.id == key:
                return p
        return None


DEFAULT = Settings(Config(), None)


def _stop_here(current: str, home: str) -> bool:
    """The search stops at a git root, at the home folder, and before crossing to another filesystem."""
    if os.path.exists(os.path.join(current, ".git")) or current == home:
        return True
    parent = os.path.dirname(current)
    if parent == current:
        return True
    try:
        return os.stat(parent).st_dev != os.stat(current).st_dev
    except OSError:
        return True


def key_default(key: str) -> str:
    return {"likelihood": "sannolikhet", "consequence": "konsekvens"}[key]


def parent_config(config_path: str, cache: dict[str, str | None]) -> str | None:
    """The ikplan.yaml above `config_path` (the kommun's, when that one is a nämnd's), or None when
    the search stops at its folder (a git root, the home folder, the filesystem's edge)."""
    folder = os.path.dirname(os.path.abspath(config_path))
    if _stop_here(folder, os.path.expanduser("~")):
        return None
    return find_config(os.path.dirname(folder), cache)


def find_config(directory: str, cache: dict[str, str | None]) -> str | None:
    """The nearest ikplan.yaml at or above `directory`, stopping at a git root, the home folder
    or the edge of the filesystem (see `searched` for the words that say so)."""
    home = os.path.expanduser("~")
    start = os.path.abspath(directory)
    walked: list[str] = []
    current = start
    found: str | None = None
    while True:
        if current in cache:
            found = cache[current]
            break
        walked.append(current)
        for name in CONFIG_NAMES:
            candidate = os.path.join(current, name)
            if os.path.exists(candidate) and not os.path.isdir(candidate):  # a FIFO is reported, not skipped
                found = candidate
                break
        if found or _stop_here(current, home):
            break
        current = os.path.dirname(current)
    for d in walked:
        cache[d] = found
    return found


def searched(directory: str) -> str:
    """Swedish words for where `find_config` looked from `directory`, and why it stopped there."""
    home = os.path.expanduser("~")
    start = current = os.path.abspath(directory)
    while not _stop_here(current, home):
        current = os.path.dirname(current)
    if os.path.exists(os.path.join(current, ".git")):
        why = "git-arkivets rot"
    elif current == home:
        why = "hemmappen"
    elif os.path.dirname(current) == current:
        why = "filsystemets rot"
    else:
        why = "filsystemets gräns"
    where = start if current == start else f"{start} och uppåt till {current}"
    return f"letade i {where} ({why})"


def is_config_file(path: str) -> bool:
    return os.path.basename(path) in CONFIG_NAMES
