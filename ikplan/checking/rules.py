"""Domain rules on top of the schema. Each rule has a stable code, a severity and a
Swedish message; its docstring is the user documentation (``ikplan rules``).

A kommun switches a rule off with ``ignorera_regler: [IK105]`` in ikplan.yaml, a
plan with the same key in the plan. Who may switch what off:

* never: the rules that keep a plan's numbers and ids usable by every command
  (``LOCKED``: riskvärde and matrix, ids, områden, perioder);
* ikplan.yaml only: every other error (a plan cannot waive the kommun's demands);
* the plan too: warnings.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

from ikplan.checking.findings import Finding, Severity, finding
from ikplan.checking.loading import PLACEHOLDER, Path, SourceMap
from ikplan.plan.config import FieldDef, PlanSettings
from ikplan.plan.model import MAX_AREA_DEPTH, Control, FollowUp, PlacedAction, Plan, Risk
from ikplan.plan.types import ActionStatus, Handling
from ikplan.plan.vocabulary import fold
from ikplan.text import shorten

Hit = tuple[Path, str]
Check = Callable[[Plan, PlanSettings], Iterator[Hit]]


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    title: str
    check: Check
    source_check: SourceCheck | None = None  # a rule that reads what the loader noted

    @property
    def doc(self) -> str:
        func = self.source_check or self.check
        return " ".join((func.__doc__ or "").split())


RULES: dict[str, Rule] = {}
SourceCheck = Callable[[SourceMap], Iterator[Hit]]


def rule(code: str, severity: Severity, title: str) -> Callable[[Check], Check]:
    def register(check: Check) -> Check:
        RULES[code] = Rule(code, severity, title, check)
        return check

    return register


def source_rule(code: str, severity: Severity, title: str) -> Callable[[SourceCheck], SourceCheck]:
    def register(check: SourceCheck) -> SourceCheck:
        RULES[code] = Rule(code, severity, title, lambda plan, settings: iter(()), check)
        return check

    return register


# Codes below IK100 belong to the loader and the schema; they are listed here so that
# one place documents every code a user can meet.
LOADER_CODES: dict[str, tuple[Severity, str, str]] = {
    "IK001": (Severity.ERROR, "YAML-syntaxfel", "Filen går inte att läsa som YAML."),
    "IK002": (Severity.ERROR, "teckenkodning", "Filen är inte UTF-8 eller innehåller styrtecken."),
    "IK003": (Severity.ERROR, "dubblerad nyckel", "Samma nyckel två gånger i en mappning; båda raderna anges."),
    "IK004": (Severity.ERROR, "ankare och alias", "&ankare, *alias och << är inte tillåtna i en plan."),
    "IK005": (Severity.ERROR, "för djup nästling", "Mer än 64 nivåer; ingen plan behöver det."),
    "IK006": (Severity.ERROR, "otillåten tagg", "Taggar som !!python/... är inte tillåtna."),
    "IK007": (Severity.ERROR, "ogiltigt värde", "Ett datum som 2024-13-45, ett tal med orimligt många siffror."),
    "IK008": (Severity.ERROR, "fel dokumentform", "Tom fil, en lista överst eller flera dokument i en fil."),
    "IK009": (
        Severity.WARNING,
        "YAML 1.1-tolkning",
        "no/yes/on/off blir sant/falskt, 1.10 blir 1.1, 12:30 blir 750 och 0755 blir 493: sätt texten inom citattecken.",
    ),
    "IK010": (Severity.ERROR, "för stor fil", "En plan får vara högst 10 MB."),
    "IK011": (Severity.ERROR, "oläsbar fil", "Filen finns inte eller går inte att öppna."),
    "IK050": (Severity.ERROR, "okänd nyckel", "En nyckel som formatet inte känner till, med förslag på rätt stavning."),
    "IK051": (Severity.ERROR, "nyckel saknas", "En obligatorisk nyckel saknas."),
    "IK052": (Severity.ERROR, "fel typ eller värde", "Ett värde av fel slag, t.ex. text där ett heltal väntas."),
    "IK053": (
        Severity.ERROR,
        "schemaversion",
        "schemaversion saknas eller stöds inte (den här versionen läser planer av version 1 och 2).",
    ),
    "IK056": (
        Severity.ERROR,
        "nyckel från en senare schemaversion",
        "En nyckel som kom i schemaversion 2 (t.ex. tillfällen) i en plan med schemaversion 1; "
        "kör 'ikplan migrate PLAN --write'.",
    ),
    "IK060": (
        Severity.ERROR,
        "Excel-import",
        "En rad i arbetsboken som inte går att läsa (`ikplan import`), med blad och rad.",
    ),
    "IK055": (
        Severity.ERROR,
        "inkonsekvent riskmatris",
        "Risknivåerna täcker inte 1 till max precis en gång, okänd färg m.m.",
    ),
    "IK054": (Severity.ERROR, "fel i ikplan.yaml", "Konfigurationen som gäller för planen har fel; se den filen."),
    "IK012": (Severity.ERROR, "för många fynd", "Högst 200 fynd visas per fil; resten räknas i ett sista fynd."),
    "IK013": (Severity.ERROR, "för många värden", "En fil får ha högst 50 000 värden; dela upp planen."),
    "IK014": (
        Severity.ERROR,
        "ignorera_regler",
        "En kod som inte finns, eller en regel som inte får stängas av där (se 'får stängas av i' nedan).",
    ),
    "IK016": (
        Severity.ERROR,
        "för stor arbetsbok",
        "En .xlsx som är för stor, packas upp för stort eller når för långt.",
    ),
    "IK015": (
        Severity.ERROR,
        "ogiltig ikplan.yaml",
        "Ett värde som schemat godtar men som inte går att använda, t.ex. två perioder med samma id.",
    ),
    "IK017": (
        Severity.ERROR,
        "olöst konflikt",
        "Konfliktmarkeringar från git (<<<<<<<, =======, >>>>>>>) i filen: ett fynd per konflikt, på dess första rad.",
    ),
    "IK018": (
        Severity.ERROR,
        "otillåten ändring i en undre ikplan.yaml",
        "En ikplan.yaml under kommunens (t.ex. i en nämnds mapp) får bara lägga till: egna mallar, ord, fält, "
        "områdesnivåer och obligatoriska kontrollmoment, stänga av varningar och sänka kritisk_från. Den får inte "
        "stänga av fel, höja kritisk_från, byta riskmatris, perioder, kommun eller nämnder.",
    ),
}

# Characters that show nothing: a value of only these (a zero-width space as ansvarig) is no value.
_BLANK_CATEGORIES = frozenset({"Zs", "Zl", "Zp", "Cc", "Cf", "Co", "Cn", "Cs", "Mn", "Me"})
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800\u180e")  # fillers that count as letters


def has_text(value: str | Iterable[str] | None) -> bool:
    """Whether a text (or a list of steps) holds something a reader can see."""
    if value is None:
        return False
    if not isinstance(value, str):
        return any(has_text(v) for v in value)
    if value.isascii():
        return bool(value.strip()) and any(" " < c < "\x7f" for c in value)
    return any(
        c not in _BLANK_LETTERS and not c.isspace() and unicodedata.category(c) not in _BLANK_CATEGORIES for c in value
    )


def _risk_path(ri: int, *rest: str | int) -> Path:
    return ("risker", ri, *rest)


# While check_rules runs the rules on one plan, the rules that go through every åtgärd or kontrollmoment
# share one walk of it instead of each making its own (a rule called on its own makes its own).
_walked: tuple[Plan, list[PlacedAction], list[tuple[int, int, Risk, Control]]] | None = None


def _actions(plan: Plan) -> list[PlacedAction]:
    walked = _walked
    return walked[1] if walked is not None and walked[0] is plan else list(plan.iter_actions())


def _controls(plan: Plan) -> list[tuple[int, int, Risk, Control]]:
    walked = _walked
    return walked[2] if walked is not None and walked[0] is plan else plan.all_controls()


@rule("IK101", Severity.ERROR, "riskvärdet stämmer inte med sannolikhet × konsekvens")
def product_mismatch(plan: Plan, s: PlanSettings) -> Iterator[Hit]:
    """När både sannolikhet, konsekvens och riskvärde anges ska riskvärdet vara produkten.
    Fel: `sannolikhet: 3, konsekvens: 2, riskvärde: 9`. Rätt: `riskvärde: 6`, eller ange bara riskvärde."""
    for ri, r in enumerate(plan.risks):
        if r.likelihood is None or r.consequence is None or r.risk_value is None:
            continue
        product = r.likelihood * r.consequence
        if product != r.risk_value:
            yield (
                _risk_path(ri, "riskvärde"),
                f"risk {r.id}: {s.risk_value_name} {r.risk_value} stämmer inte med "
                f"{s.matrix.likelihood.name} × {s.matrix.consequence.name} "
                f"({r.likelihood} × {r.consequence} = {product})",
            )


@rule("IK102", Severity.ERROR, "värde utanför riskmatrisen")
def outside_matrix(plan: Plan, s: PlanSettings) -> Iterator[Hit]:
    """Sannolikhet och konsekvens ska ligga på riskmatrisens skalor och riskvärdet inom
    1 till produkten av skalornas längd. Fel på en 4×4-matris: `sannolikhet: 5` eller `riskvärde: 20`."""
    m = s.matrix
    n_l, n_c = m.size
    for ri, r in enumerate(plan.risks):
        for key, value, top, axis in (
            ("sannolikhet", r.likelihood, n_l, m.likelihood.name),
            ("konsekvens", r.consequence, n_c, m.consequence.name),
        ):
            if value is not None and not 1 <= value <= top:
                yield _risk_path(ri, key), f"risk {r.id}: {axis} {value} ligger utanför skalan 1–{top}"
        if r.risk_value is not None and not 1 <= r.risk_value <= m.max_value:
            yield (
                _risk_path(ri, "riskvärde"),
                f"risk {r.id}: {s.risk_value_name} {r.risk_value} ligger utanför matrisen 1–{m.max_value}",
            )


def _handled_by(r: Risk, handling: Handling) -> bool:
    """Whether a risk's chosen handling has substance: 'kontrollmoment' needs a kontrollmoment and
    'åtgärd' an åtgärd (listed, or said in planerad_hantering, as a KS's plan does). The systematic
    förbättringsarbete lives outside the plan (followed up with följer_plan): naming it is the handling."""
    if handling is Handling.CONTROL:
        return bool(r.controls)
    if handling is Handling.ACTION:
        actions = [*r.actions, *(a for f in r.follow_up.values() for a in f.actions)]
        return any(has_text(a.description) for a in actions) or has_text(r.planned_handling)
    return handling is Handling.IMPROVEMENT


@rule("IK103", Severity.ERROR, "kritisk risk utan hantering")
def critical_unhandled(plan: Plan, s: PlanSettings) -> Iterator[Hit]:
    """En kritisk risk (riskvärde från `kritisk_från`) ska hanteras: med kontrollmoment,
    åtgärd eller förbättringsarbete. Den får aldrig bara accepteras, och får inte sakna hantering.
    Hanteringen ska finnas: `hantering: [kontrollmoment]` utan kontrollmoment eller `[åtgärd]` utan
    åtgärder (och utan `planerad_hantering` som säger vad som ska göras) räknas inte."""
    for ri, r in enumerate(plan.risks):
        if not s.matrix.is_critical(r.score):
            continue
        real = [h for h in r.handling if h is not Handling.ACCEPT]
        if real and not r.controls and not any(_handled_by(r, h) for h in real):
            empty = {Handling.CONTROL: "inga kontrollmoment", Handling.ACTION: "inga åtgärder eller planerad_hantering"}
            said = ", ".join(f"'{h.value}' men {empty[h]}" for h in real if h in empty)
            yield (
                _risk_path(ri, "hantering"),
                f"risk {r.id} är kritisk ({s.risk_value_name} {r.score}) men hanteringen finns inte ({said}); "
                "ange kontrollmoment eller åtgärder",
            )
        elif not real and not r.controls:
            how = "bara accepteras" if r.handling else "saknar hantering"
            yield (
                _risk_path(ri, "hantering") if r.handling else _risk_path(ri),
                f"risk {r.id} är kritisk ({s.risk_value_name} {r.score}) men {how}; ange kontrollmoment, åtgärd "
                "eller förbättringsarbete",
            )


@rule("IK104", Severity.ERROR, "accepterad risk utan motivering")
def accepted_without_reason(plan: Plan, s: PlanSettings) -> Iterator[Hit]:
    """En risk som accepteras ska ha en `motivering`."""
    for ri, r in enumerate(plan.risks):
        if Handling.ACCEPT in r.handling and not has_text(r.motivation):
            yield _risk_path(ri, "hantering"), f"risk {r.id} accepteras men saknar motivering"


@rule("IK105", Severity.ERROR, "kontrollmoment utan ansvarig")
def control_without_owner(plan: Plan, s: PlanSettings) -> Iterator[Hit]:
    """Varje kontrollmoment ska ha en `ansvarig` (en roll räcker, t.ex. avdelningschef). Mellanslag
    och osynliga tecken (som ett nollbrett mellanslag) är inget namn."""
    for ri, ci, _r, c in _controls(plan):
        if not has_text(c.responsible):
            yield _risk_path(ri, "kontrollmoment", ci), f"kontrollmoment {c.id} saknar ansvarig"


@rule("IK106", Severity.ERROR, "kontrollmoment utan kontrollmetod")
def control_without_method(plan: Plan, s: PlanSettings) -> Iterator[Hit]:
    """Varje kontrollmoment ska ha en `kontrollmetod`: hur kontrollen görs (text eller lista med steg).
    Mellanslag och osynliga tecken är ingen metod."""
    for ri, ci, _r, c in _controls(plan):
        if not has_text(c.method):
            yield _risk_path(ri, "kontrollmoment", ci), f"kontrollmoment {c.id} saknar kontrollmetod"


@rule("IK107", Severity.ERROR, "åtgärd utan ansvarig")
def action_without_owner(plan: Plan, s: PlanSettings) -> Iterator[Hit]:
    """En åtgärd ska ha en `ansvarig`. Under ett kontrollmoment gäller kontrollmomentets ansvarig
    när åtgärden inte anger någon egen."""
    for placed in _actions(plan):
        if not has_text(placed.owner):
            yield placed.path, f"åtgärden '{shorten(placed.action.description, 50)}' saknar ansvarig"


@rule("IK108", Severity.ERROR, "åtgärd utan slutdatum")
def action_without_deadline(plan: Plan, s: PlanSettings) -> Iterator[Hit]:
    """En åtgärd ska ha ett `slutdatum`: ett datum, en period som 'hösten 2024' eller 'löpande'."""
    for placed in _actions(plan):
        if placed.action.deadline is None:
            yield placed.path, f"åtgärden '{shorten(placed.action.description, 50)}' saknar slutdatum"


@rule("IK109", Severity.ERROR, "dubblerat id")
def duplicate_ids(plan: Plan, s: PlanSettings) -> Iterator[Hit]:
    """Id:n ska vara unika: områden sinsemellan, risker sinsemellan och kontrollmoment i hela planen.
    Risker jämförs alltid på id, aldrig på titel (titlar upprepas mellan processer)."""
    groups: list[tuple[str, list[tuple[Path, str]]]] = [
        ("området", [(("områden", i, "id"), a.id) for i, a in enumerate(plan.areas)]),
        (
            "risken",
            [(_risk_path(i, "id"), r.id) for i, r in enumerate(plan.risks)]
            + [(("ej_valda_risker", i, "id"), r.id) for i, r in enumerate(plan.not_chosen)],
        ),
        (
            "kontrollmomentet",
            [(_risk_path(ri, "kontrollmoment", ci, "id"), c.id) for ri, ci, _r, c in _controls(plan)],
        ),
    ]
    for what, items in groups:
        first: dict[str, Path] = {}
        for path, ident in items:
            if ident in first:
                yield path, f"id '{ident}' för {what} används redan (se {_describe(first[ident])})"
            else:
                first[ident] = path


@rule("IK110", Severity.ERROR, "okänt område")
def unknown_area(plan: Plan, s: PlanSettings) -> Iterator[Hit]:
    """En risks `område` ska vara id:t för ett område under `områden` (på vilken nivå som helst).
    Ett områdes `överordnat` ska vara ett annat område, och områdena får inte gå i cirkel."""
    known = {a.id for a in plan.areas}
    names = ", ".join(sorted(known)) or "inga områden är definierade"
    for ri, r in enumerate(plan.risks):
        if r.area is not None and r.area not in known:
            yield _risk_path(ri, "område"), f"risk {r.id}: området '{r.area}' finns inte ({names})"
    for i, a in enumerate(plan.areas):
        if a.parent is None:
            continue
        if a.parent not in known:
            yield (
                ("områden", i, "överordnat"),
                f"området {a.id}: det överordnade området '{a.parent}' finns inte ({names})",
            )
        elif a.parent == a.id or a.id in {t.id for t in plan.area_trail(a.parent)}:
            yield ("områden", i, "överordnat"), f"området {a.id} ligger under sig självt (överordnat går i cirkel)"
        elif len(plan.area_trail(a.id)) > MAX_AREA_DEPTH:
            yield ("områden", i, "överordnat"), f"området {a.id} ligger mer än {MAX_AREA_DEPTH} nivåer ner"


@rule("IK111", Severity.ERROR, "okänd period")
def unknown_period(plan: Plan, s: PlanSettings) -> Iterator[Hit]:
    """Nycklarna under `uppföljning`, `rapporter`, `redovisat` och ett områdes `bedömning` (och
    perioderna i `källa: okänt_periodslut`) ska vara perioder från ikplan.yaml
    (delår och helår som standard); under `rapporter` också `plan`, texterna när planen antas."""
    known = [p.id for p in s.periods]
    where: list[tuple[Path, str]] = []
    for ri, r in enumerate(plan.risks):
        where += [(_risk_path(ri, "uppföljning", k), k) for k in r.follow_up]
        for ci, c in enumerate(r.controls):
            where += [(_risk_path(ri, "kontrollmoment", ci, "uppföljning", k), k) for k in c.follow_up]
    # 'plan' holds the texts of the plan's own beslutsunderlag (ikplan report --period plan)
    where += [(("rapporter", k), k) for k in plan.reports if k != "plan"]
    where += [(("redovisat", k), k) for k in plan.stated]
    for ai, a in enumerate(plan.areas):
        where += [(("områden", ai, "bedömning", k), k) for k in a.verdicts]
    if plan.source is not None:
        where += [(("källa", "okänt_periodslut", i), k) for i, k in enumerate(plan.source.unknown_period_ends)]
    for path, key in where:
        if key not in known:
            yield path, f"perioden '{key}' finns inte; kända perioder: {', '.join(known)}"


@rule("IK112", Severity.ERROR, "obligatoriskt kontrollmoment saknas")
def missing_required(plan: Plan, s: PlanSettings) -> Iterator[Hit]:
    """Varje kontrollmoment under `obligatoriska_kontrollmoment` i ikplan.yaml ska finnas i planen,
    som ett kontrollmoment med `kommungemensamt: ID`, från det år det gäller (`från_år`); äldre
    planer behöver det inte. Ett okänt kommungemensamt id är också fel."""
    required = {rc.id: rc for rc in s.settings.config.required_controls}
    present: set[str] = set()
    for ri, ci, _r, c in _controls(plan):
        if c.common_id is None:
            continue
        present.add(c.common_id)
        if c.common_id not in required and s.settings.config_path is None and s.settings.searched:
            yield (
                _risk_path(ri, "kontrollmoment", ci, "kommungemensamt"),
                f"kontrollmoment {c.id}: '{c.common_id}' kan inte slås upp, för ingen ikplan.yaml hittades"
                f" ({s.settings.searched}); ange --config eller lägg planen i sin mapp",
            )
        elif c.common_id not in required:
            yield (
                _risk_path(ri, "kontrollmoment", ci, "kommungemensamt"),
                f"kontrollmoment {c.id}: '{c.common_id}' är inget kommungemensamt kontrollmoment i ikplan.yaml",
            )
    for rid, rc in required.items():
        if rid not in present and rc.applies_to(plan.year):
            since = (
                f", som gäller från {rc.from_year},"
                if rc.from_year
                else (f", som gäller till och med {rc.to_year}," if rc.to_year else "")
            )
            yield ("risker",), f"det obligatoriska kontrollmomentet '{rid}' ({rc.name}){since} saknas i planen"


@rule("IK113", Severity.WARNING, "risk inte bedömd")
def not_assessed(plan: Plan, s: PlanSettings) -> Iterator[Hit]:
    """En risk utan riskvärde (och utan sannolikhet och konsekvens) är inte bedömd än.
    Det är tillåtet medan planen tas fram, men syns som varning."""
    for ri, r in enumerate(plan.risks):
        if r.score is None and r.likelihood is None and r.consequence is None:
            yield _risk_path(ri), f"risk {r.id} är inte bedömd ({s.risk_value_name} saknas)"


@rule("IK117", Severity.WARNING, "uppföljning daterad utanför sin tid")
def follow_up_out_of_time(plan: Plan, s: PlanSettings) -> Iterator[Hit]:
    """En uppföljning skrivs när perioden är slut: ett `datum` före periodens slut (delår före 31
    augusti) eller efter året efter planens år (en helårsuppföljning av 2024 görs senast under 2025)
    är troligen ett skrivfel eller hör till en annan plan."""
    # a period whose end the plan's source does not state has no end to be early for
    ends = {p.id: p.end_in(plan.year) for p in s.periods if plan.period_end_known(p.id)}
    for ri, r in enumerate(plan.risks):
        holders: list[tuple[Path, dict[str, FollowUp]]] = [(_risk_path(ri), r.follow_up)]
        holders += [(_risk_path(ri, "kontrollmoment", ci), c.follow_up) for ci, c in enumerate(r.controls)]
        for base, follow_ups in holders:
            for period, f in follow_ups.items():
                end = ends.get(period)
                if f.date is None or end is None:
                    continue
                where = (*base, "uppföljning", period, "datum")
                if f.date < end:
                    yield where, f"uppföljningen för {period} är daterad {f.date}, före periodens slut {end}"
                elif f.date.year > plan.year + 1:
                    yield (
                        where,
                        f"uppföljningen för {period} är daterad {f.date}, mer än ett år efter planens år {plan.year}",
                    )


@rule("IK118", Severity.ERROR, "kritisk risk utanför planen utan skäl")
def critical_left_out(plan: Plan, s: PlanSettings) -> Iterator[Hit]:
    """En risk i bruttorisklistan (`ej_valda_risker`) med riskvärde från `kritisk_från` som inte tas med
    i planen ska ha ett `skäl`, t.ex. att den hanteras i ordinarie verksamhet eller i en annan nämnds plan."""
    for i, r in enumerate(plan.not_chosen):
        if s.matrix.is_critical(r.score) and not has_text(r.reason):
            yield (
                ("ej_valda_risker", i),
                f"risk {r.id} är kritisk ({s.risk_value_name} {r.score}) men tas inte med i planen; ange skäl",
            )


@rule("IK120", Severity.ERROR, "planen höjer kritisk_från")
def raised_threshold(plan: Plan, s: PlanSettings) -> Iterator[Hit]:
    """En plan får sänka riskmatrisens `kritisk_från` (fler risker blir kritiska), aldrig höja den över
    kommunens: då skulle en risk som kommunen räknar som kritisk slippa kraven på hantering (IK103).
    Fel: kommunen har `kritisk_från: 8` och planen `riskmatris: {kritisk_från: 16}`."""
    own = plan.matrix.critical_from if plan.matrix is not None else None
    kommun = s.settings.config.matrix.critical_from
    # without an ikplan.yaml the threshold is ikplan's default, not a decision of the kommun's
    if own is not None and kommun is not None and own > kommun and s.settings.config_path is not None:
        yield (
            ("riskmatris", "kritisk_från"),
            f"planen sätter kritisk_från {own}, högre än kommunens {kommun}; en plan får sänka gränsen, "
            "inte höja den (ta bort raden eller ändra ikplan.yaml)",
        )


@rule("IK124", Severity.ERROR, "planens ordlista ändrar kommunens ord")
def redefined_words(plan: Plan, s: PlanSettings) -> Iterator[Hit]:
    """En plan får ha egna ord ovanpå kommunens ordlista (`ordlista:` i planen), men inte ge ett av
    kommunens ord en annan betydelse: då kunde planen göra ett 'Ej godkänd' till 'utan anmärkning' och
    en brist försvann ur uppföljningen. Fel: kommunen har `Ej godkänd: med väsentlig anmärkning` och
    planen `ordlista: {resultat: {Ej godkänd: utan anmärkning}}`."""
    if plan.vocabulary is None:
        return
    kommun = s.settings.config.vocabulary.words
    tables = (
        ("resultat", plan.vocabulary.results, kommun.read_outcome, kommun.results),
        ("åtgärdsstatus", plan.vocabulary.action_statuses, kommun.read_status, kommun.statuses),
    )
    for key, own, read, theirs in tables:
        for word, value in own.items():
            meant = read(word)
            if meant is not None and meant is not value:
                whose = "kommunens" if any(fold(w) == fold(word) for w in theirs) else "ikplans"
                yield (
                    ("ordlista", key, word),
                    f"ordet '{word}' betyder '{meant.value}' i {whose} ordlista; planen får lägga till ord, "
                    f"inte ge ett ord en annan betydelse ('{value.value}')",
                )


@rule("IK121", Severity.WARNING, "annan konfiguration än kommunens")
def other_configuration(plan: Plan, s: PlanSettings) -> Iterator[Hit]:
    """Säger när något annat än kommunens ikplan.yaml (den översta) styr planen: en undre ikplan.yaml
    (t.ex. i nämndens mapp), som bara får lägga till och skärpa, eller en egen riskmatris i planen
    (andra skalor eller risknivåer än kommunens). Bara kommunens ikplan.yaml kan stänga av varningen."""
    if s.settings.nested_path is not None:
        import os

        yield (
            (),
            f"planen styrs av {os.path.relpath(s.settings.nested_path)} ovanpå kommunens "
            f"{os.path.relpath(s.settings.config_path or 'ikplan.yaml')}",
        )
    if plan.matrix is not None:
        own = [
            key
            for key, value in (
                ("sannolikhet", plan.matrix.likelihood),
                ("konsekvens", plan.matrix.consequence),
                ("risknivåer", plan.matrix.bands),
            )
            if value is not None
        ]
        if own:
            yield (
                ("riskmatris",),
                f"planen har en egen riskmatris ({', '.join(own)}) i stället för kommunens; "
                "rapporterna bedömer planens risker med den",
            )


@rule("IK122", Severity.ERROR, "okänd nämnd")
def unknown_board(plan: Plan, s: PlanSettings) -> Iterator[Hit]:
    """När ikplan.yaml räknar upp kommunens `nämnder` ska planens `nämnd` vara en av dem, stavad
    likadant: en nämnd som stavas på två sätt (eller med en kyrillisk bokstav som ser ut som en latinsk)
    blir två nämnder i sammanställningen, och den rätta saknar plan."""
    boards = s.settings.config.boards
    if not boards or plan.board in boards:
        return
    import difflib

    folded = {" ".join(b.casefold().split()): b for b in boards}
    near = folded.get(" ".join(plan.board.casefold().split())) or next(
        iter(difflib.get_close_matches(plan.board, boards, n=1, cutoff=0.6)), None
    )
    odd = [c for c in plan.board if c.isalpha() and not unicodedata.name(c, "").startswith("LATIN ")]
    why = f" ('{odd[0]}' är U+{ord(odd[0]):04X}, inte en latinsk bokstav)" if odd else ""
    hint = f"; menade du '{near}'?" if near else f" ({', '.join(boards[:8])}{' …' if len(boards) > 8 else ''})"
    yield ("nämnd",), f"nämnden '{plan.board}'{why} finns inte bland kommunens nämnder i ikplan.yaml{hint}"


def _field_holders(plan: Plan, levels: set[str]) -> Iterator[tuple[str, Path, str, dict[str, object]]]:
    """(level, path, what it is called, its own fields) for every part of the plan that has fält, and
    for every part of one of `levels` (where a field is required)."""
    if plan.fields or "plan" in levels:
        yield "plan", (), "planen", plan.fields
    for i, a in enumerate(plan.areas):
        if a.fields or "område" in levels:
            yield "område", ("områden", i), f"området {a.id}", a.fields
    for ri, r in enumerate(plan.risks):
        if r.fields or "risk" in levels:
            yield "risk", _risk_path(ri), f"risk {r.id}", r.fields
        for ci, c in enumerate(r.controls):
            if c.fields or "kontrollmoment" in levels:
                yield "kontrollmoment", _risk_path(ri, "kontrollmoment", ci), f"kontrollmoment {c.id}", c.fields
    for placed in _actions(plan):
        if placed.action.fields or "åtgärd" in levels:
            yield "åtgärd", placed.path, f"åtgärden '{shorten(placed.action.description, 40)}'", placed.action.fields


def _field_problem(value: object, f: FieldDef) -> str | None:
    kind = f.type.value
    if kind == "heltal" and (isinstance(value, bool) or not isinstance(value, int)):
        return "ska vara ett heltal"
    if kind == "datum" and not isinstance(value, dt.date):
        return "ska vara ett datum (ÅÅÅÅ-MM-DD)"
    if kind == "ja/nej" and not (isinstance(value, bool) or str(value).lower() in ("ja", "nej")):
        return "ska vara ja eller nej"
    if kind == "lista" and not isinstance(value, list | str):
        return "ska vara en lista med texter"
    if kind in ("text", "val") and not isinstance(value, str):
        return "ska vara text"
    if kind == "val" and str(value).strip().lower() not in {c.lower() for c in f.choices}:
        return "ska vara ett av: " + ", ".join(f"'{c}'" for c in f.choices)
    return None


@rule("IK119", Severity.ERROR, "kommunens eget fält")
def own_fields(plan: Plan, s: PlanSettings) -> Iterator[Hit]:
    """Fält som kommunen deklarerat under `fält:` i ikplan.yaml (t.ex. riskansvarig, enhet, syfte)
    kontrolleras som formatets egna: typen (text, heltal, datum, ja/nej, val, lista), tillåtna val,
    och att ett obligatoriskt fält finns. Ett fält som inte är deklarerat är fel."""
    declared: dict[tuple[str, str], FieldDef] = {(f.applies_to, f.name): f for f in s.settings.config.fields}
    required = [f for f in s.settings.config.fields if f.required]
    for level, path, what, values in _field_holders(plan, {f.applies_to for f in required}):
        for name, value in values.items():
            f = declared.get((level, name))
            if f is None:
                known = sorted(n for lv, n in declared if lv == level)
                hint = f" (deklarerade fält här: {', '.join(known)})" if known else ""
                yield (*path, name), f"{what}: fältet '{name}' är inte deklarerat under 'fält:' i ikplan.yaml{hint}"
            elif value is not None and value != PLACEHOLDER and (problem := _field_problem(value, f)) is not None:
                yield (*path, name), f"{what}: {f.name} {problem}"
        for f in required:  # "(fyll i)" counts as given: IK116 warns about it
            if f.applies_to == level and values.get(f.name) in (None, "", []):
                yield path, f"{what}: det obligatoriska fältet '{f.name}' saknas"


@rule("IK141", Severity.WARNING, "åtgärd överförd mer än ett år")
def carried_too_long(plan: Plan, s: PlanSettings) -> Iterator[Hit]:
    """En åtgärd som beslutades för mer än ett år sedan (`beslutsår` före förra året) och ännu
    inte är genomförd har förts över år efter år: Kommunstyrelsen och revisorerna frågar efter den.
    Varning, så att den syns i `validate`, `status` och sammanställningen."""
    for placed in _actions(plan):
        a = placed.action
        if a.decided_year is not None and a.decided_year < plan.year - 1 and a.status is not ActionStatus.DONE:
            yield (
                placed.path,
                f"åtgärden '{shorten(a.description, 50)}' beslutades {a.decided_year} och är inte genomförd "
                f"{plan.year}; den har förts över i {plan.year - a.decided_year} år",
            )


@rule("IK114", Severity.ERROR, "fler risker än antal_risker")
def risk_count(plan: Plan, s: PlanSettings) -> Iterator[Hit]:
    """`antal_risker` anger hur många risker planen har när alla inte är förda till filen;
    det kan inte vara färre än de risker som står i filen."""
    if plan.risk_count is not None and plan.risk_count < len(plan.risks):
        n = len(plan.risks)
        yield ("antal_risker",), f"antal_risker är {plan.risk_count} men filen har {n} {'risk' if n == 1 else 'risker'}"


@rule("IK115", Severity.ERROR, "bara en axel bedömd")
def one_axis(plan: Plan, s: PlanSettings) -> Iterator[Hit]:
    """Anges sannolikhet ska konsekvens också anges (och tvärtom), annars går riskvärdet inte att räkna ut."""
    for ri, r in enumerate(plan.risks):
        if (r.likelihood is None) != (r.consequence is None):
            missing = "konsekvens" if r.consequence is None else "sannolikhet"
            yield _risk_path(ri), f"risk {r.id}: {missing} saknas"


@source_rule("IK116", Severity.WARNING, "fält inte ifyllt")
def placeholders(source: SourceMap) -> Iterator[Hit]:
    """Värdet `"(fyll i)"` (som `ikplan new` och `ikplan rollover` skriver) betyder att något återstår.
    Inläsningen noterar var sådana värden står, så regeln kostar inget extra."""
    for path in source.placeholders:
        yield path, f"fältet {_describe(path)} är inte ifyllt än"


def _describe(path: Path) -> str:
    """A path as a person counts: positions from 1 ('risker 1 › kontrollmoment 2 › ansvarig')."""
    from ikplan.text import describe_path

    return describe_path(tuple(path))


LOCKED = frozenset({"IK102", "IK109", "IK110", "IK111", "IK120", "IK124"})
# Warnings only the kommun's own ikplan.yaml may switch off: they tell what overrides the kommun's.
ROOT_ONLY = frozenset({"IK121"})


IGNORE_WHERE = {
    "ingen": "ingenstans (ignorera_regler godtar inte koden)",
    "ikplan.yaml": "ikplan.yaml",
    "planen": "ikplan.yaml eller planen",
}


def who_may_ignore(code: str) -> str:
    """'ingen', 'ikplan.yaml' or 'planen' (and ikplan.yaml)."""
    if code in LOCKED or code not in RULES:
        return "ingen"
    return "planen" if RULES[code].severity is Severity.WARNING and code not in ROOT_ONLY else "ikplan.yaml"


def ignore_problems(codes: list[str], in_plan: bool) -> list[tuple[int, str]]:
    """Codes in an `ignorera_regler` list that do not exist or may not be switched off there."""
    out = []
    for i, code in enumerate(codes):
        who = who_may_ignore(code)
        if code not in RULES:
            known = code in LOADER_CODES
            why = "fel vid inläsning och schema kan inte stängas av" if known else "ingen sådan regel finns"
            out.append((i, f"'{code}' i ignorera_regler: {why} (se 'ikplan rules')"))
        elif who == "ingen":
            out.append((i, f"{code} kan inte stängas av: planens tal och id måste gå att lita på"))
        elif who == "ikplan.yaml" and in_plan:
            out.append((i, f"{code} är ett fel som bara kommunens ikplan.yaml kan stänga av, inte en plan"))
    return out


# The completeness rules: for a plan transcribed from a source that does not give every field, what is
# missing is not stated in the source. Such a plan gets one note (IK126) naming it all, for that plan
# alone; the kommun's current plans keep the full rules.
COMPLETENESS = ("IK105", "IK106", "IK107", "IK108")
NOT_STATED = "uppgift saknas i underlaget"


@rule("IK125", Severity.ERROR, "redovisade uppgifter går inte ihop")
def stated_figures(plan: Plan, s: PlanSettings) -> Iterator[Hit]:
    """Under `redovisat:` står det som ett underlag anger utan enskilda poster, per period: antal
    `planerade`, `rapporterade` och `utförda` kontrollmoment, antal per `resultat` och åtgärder per
    status (`åtgärder`) med kommunens ord, `andelar` som de står, en siffra om `nämnder`, `missade_tillfällen`,
    `brister` och en `bedömning`. Orden ska vara kommunens resultat- och statusord, och talen ska gå ihop:
    inte fler utförda eller rapporterade än planerade, inte fler med ett resultat än rapporterade, inte fler
    nämnder som rapporterat än det finns. Ett områdes `bedömning` ska vara ett ord ur `bedömningsskala`."""
    words = s.words
    for period, st in plan.stated.items():
        base = ("redovisat", period)
        for word in st.results:
            if words.read_outcome(word) is None:
                choices = ", ".join(words.outcome_choices())
                yield (*base, "resultat", word), f"'{word}' är inget resultat; kända resultat: {choices}"
        for word in st.actions:
            if words.read_status(word) is None:
                choices = ", ".join(words.status_choices())
                yield (*base, "åtgärder", word), f"'{word}' är ingen status; kända: {choices}"
        given = sum(st.results.values())
        top = st.planned
        for key, n in (("utförda", st.performed), ("rapporterade", st.reported), ("resultat", given or None)):
            if n is not None and top is not None and n > top:
                yield (*base, key), f"{period}: {n} {key} men bara {top} planerade kontrollmoment"
        if st.reported is not None and given > st.reported:
            yield (*base, "resultat"), f"{period}: {given} kontrollmoment med resultat men {st.reported} rapporterade"
        if st.boards is not None and st.boards.reported > st.boards.total:
            yield (*base, "nämnder"), f"{period}: {st.boards.reported} nämnder har rapporterat av {st.boards.total}"
    scale = {fold(v.word): v.word for v in plan.verdict_scale}
    for ai, a in enumerate(plan.areas):
        for period, word in a.verdicts.items():
            if fold(word) not in scale:
                known = ", ".join(scale.values()) or "ingen bedömningsskala i planen"
                yield (
                    ("områden", ai, "bedömning", period),
                    f"område {a.id}: '{word}' finns inte i bedömningsskalan ({known})",
                )


def _not_stated_note(plan: Plan, hits: list[tuple[str, Hit]]) -> str:
    """'uppgift saknas i underlaget: ansvarig (3), kontrollmetod (2)'."""
    what = {
        "IK105": "ansvarig för kontrollmoment",
        "IK106": "kontrollmetod",
        "IK107": "ansvarig för åtgärd",
        "IK108": "slutdatum",
    }
    counts: dict[str, int] = {}
    for code, _hit in hits:
        counts[what[code]] = counts.get(what[code], 0) + 1
    listed = ", ".join(f"{k} ({n})" for k, n in counts.items())
    doc = plan.source.document if plan.source is not None else "källan"
    return f"planen är överförd från {doc}, som inte anger allt: {NOT_STATED} för {listed}"


@rule("IK126", Severity.WARNING, "uppgift saknas i underlaget")
def not_stated(plan: Plan, s: PlanSettings) -> Iterator[Hit]:
    """En plan som är överförd från ett publicerat dokument som inte anger alla fält
    (`källa: {dokument: …, ofullständig: true}`) prövas inte mot IK105–IK108: det som saknas är
    "uppgift saknas i underlaget", inte ett fel. I stället får planen en enda notering som räknar upp
    vad som saknas, och rapporterna skriver "uppgift saknas i underlaget" i de fälten. Bara den planen
    berörs; kommunens nuvarande planer prövas mot alla regler."""
    return iter(())  # written by check_rules from the completeness rules' hits


def check_rules(plan: Plan, settings: PlanSettings, source: SourceMap, file: str) -> list[Finding]:
    out: list[Finding] = []
    not_stated: list[tuple[str, Hit]] = []
    config_ignored = frozenset(settings.settings.config.ignore_rules)
    plan_ignored = frozenset([*plan.ignore_rules, *settings.settings.nested_ignore])
    for i, message in ignore_problems(plan.ignore_rules, in_plan=True):
        line, col = source.locate(("ignorera_regler", i))
        out.append(finding(file, line, col, "IK014", message))
    global _walked
    _walked = (plan, list(plan.iter_actions()), plan.all_controls())
    try:
        _run_rules(plan, settings, source, file, config_ignored, plan_ignored, out, not_stated)
    finally:
        _walked = None
    if not_stated and "IK126" not in config_ignored | plan_ignored:
        line, col = source.locate(("källa", "ofullständig"), key=True)
        out.append(Finding(file, line, col, "IK126", Severity.WARNING, _not_stated_note(plan, not_stated)))
    return out


def _run_rules(
    plan: Plan,
    settings: PlanSettings,
    source: SourceMap,
    file: str,
    config_ignored: frozenset[str],
    plan_ignored: frozenset[str],
    out: list[Finding],
    not_stated: list[tuple[str, Hit]],
) -> None:
    for code, r in RULES.items():
        who = who_may_ignore(code)
        if who != "ingen" and code in config_ignored:
            continue
        if who == "planen" and code in plan_ignored:
            continue
        hits = r.source_check(source) if r.source_check else r.check(plan, settings)
        if code in COMPLETENESS and plan.incomplete:
            not_stated += [(code, hit) for hit in hits]
            continue
        for path, message in hits:
            line, col = source.locate(path, key=True)
            out.append(Finding(file, line, col, code, r.severity, message))


def severity_of(code: str) -> Severity:
    """The registered severity of `code` (a KeyError for a code nobody registered)."""
    if code in RULES:
        return RULES[code].severity
    if code in LOADER_CODES:
        return LOADER_CODES[code][0]
    return {c: sev for c, sev, *_ in all_codes()}[code]


def all_codes() -> list[tuple[str, Severity, str, str]]:
    """Every code a user can meet: (code, severity, title, documentation), sorted by code."""
    from ikplan.checking import recurring

    rows = [(c, sev, title, doc) for c, (sev, title, doc) in LOADER_CODES.items()]
    rows += [(r.code, r.severity, r.title, r.doc) for r in RULES.values()]
    rows.append((recurring.CODE, Severity.WARNING, recurring.TITLE, recurring.DOC))  # across files
    rows.append((DUPLICATE_CODE, Severity.ERROR, DUPLICATE_TITLE, DUPLICATE_DOC))
    from ikplan.checking import editorschema

    rows.append((editorschema.CODE, Severity.WARNING, editorschema.TITLE, editorschema.DOC))  # ikplan.yaml
    return sorted(rows)


# IK123 across files, like IK140: `validate` and the commands that read many plans compare them.
DUPLICATE_CODE = "IK123"
DUPLICATE_TITLE = "två planer för samma nämnd och år"
DUPLICATE_DOC = (
    "En nämnd har en internkontrollplan per år. Två filer för samma nämnd och år (t.ex. en kopia som "
    "glömts kvar) är fel i båda, som namnger den andra; summary och status använder ingen av dem."
)


class PlanIdentity(NamedTuple):
    """What IK123 compares of one plan (small, so it travels back from a worker cheaply)."""

    file: str
    board: str
    year: int
    line: int
    column: int

    @classmethod
    def of(cls, plan: Plan, source: SourceMap, file: str) -> PlanIdentity:
        line, column = source.locate(("nämnd",))
        return cls(file, plan.board, plan.year, line, column)


def duplicate_plans(plans: list[PlanIdentity]) -> list[Finding]:
    """IK123 in every file whose nämnd and year another file also has (the same file twice is one)."""
    import os

    groups: dict[tuple[str, int], dict[str, PlanIdentity]] = {}
    for p in plans:
        key = (" ".join(unicodedata.normalize("NFC", p.board).casefold().split()), p.year)
        groups.setdefault(key, {}).setdefault(os.path.realpath(p.file), p)
    out = []
    for found in groups.values():
        if len(found) < 2:
            continue
        ordered = sorted(found.values(), key=lambda p: p.file)
        for p in ordered:
            others = ", ".join(o.file for o in ordered if o is not p)
            out.append(
                Finding(
                    p.file,
                    p.line,
                    p.column,
                    DUPLICATE_CODE,
                    Severity.ERROR,
                    f"{p.board} har en plan för {p.year} också i {others}; en nämnd har en plan per år "
                    "(ta bort eller byt år på den som inte gäller)",
                )
            )
    return out


# IK150 reads the plans' git history, so `validate` runs it across the files after checking them
# (ikplan/audit/unchanged.py); registered here so that `ikplan rules` and ignorera_regler know it.
from ikplan.audit.unchanged import CODE as _UNCHANGED_CODE  # noqa: E402
from ikplan.audit.unchanged import TITLE as _UNCHANGED_TITLE  # noqa: E402
from ikplan.audit.unchanged import adopted_plan_unchanged as _adopted_plan_unchanged  # noqa: E402

RULES[_UNCHANGED_CODE] = Rule(_UNCHANGED_CODE, Severity.ERROR, _UNCHANGED_TITLE, _adopted_plan_unchanged)
