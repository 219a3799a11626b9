"""The Swedish sentences of a follow-up report (`ikplan report`), read from PlanStatus and said in
the kommun's words: its result and status words, its nouns for a kontrollmoment and an åtgärd, its
name for riskvärde.

Every count comes from PlanStatus (the one follow-up computation); this module only groups and words
them. A sentence that lists items ("Det gäller …") always follows the sentence it belongs to.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ikplan.followup.status import UNKNOWN_RESULT, ActionState, ItemStatus, PlanStatus
from ikplan.plan.config import RiskMatrix
from ikplan.plan.model import Control, Plan, Risk
from ikplan.plan.vocabulary import ActionStatus, Handling, Noun, Outcome, Words, is_deficiency
from ikplan.swedish import capitalize, in_digits, join, number

# --- counting in Swedish --------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """A noun with what counting it in Swedish needs: its gender and its definite forms.

    `Term.of(words.control)` makes one from the kommun's noun ('granskning', 'granskningar'); the
    forms follow the Swedish rules for the nouns kommuner use (kontrollmoment, granskning, åtgärd,
    direktåtgärd, kontrollpunkt, uppdrag, aktivitet).
    """

    singular: str
    plural: str
    neuter: bool
    the: str  # definite singular: kontrollmomentet, granskningen
    the_plural: str  # definite plural: kontrollmomenten, granskningarna

    @classmethod
    def of(cls, noun: Noun) -> Term:
        s, p = noun.singular, noun.plural
        neuter = p == s or (s.endswith("e") and p == s + "n")
        vowel = s[-1:] in "aeiouyåäö"
        the = s + ("t" if vowel else "et") if neuter else s + ("n" if vowel else "en")
        if p == s:
            the_plural = p + ("na" if p[-1:] in "aeiouyåäö" else "en")
        elif p.endswith("n"):
            the_plural = p + "a"
        else:
            the_plural = p + "na"
        return cls(s, p, neuter, the, the_plural)

    def form(self, n: int) -> str:
        return self.singular if n == 1 else self.plural

    def num(self, n: int, digits: bool = False) -> str:
        """The number as a word that agrees with the noun: 'ett' kontrollmoment, 'en' granskning."""
        return number(n, neuter=self.neuter, digits=digits)

    def count(self, n: int, digits: bool = False) -> str:
        """'ett kontrollmoment', 'två granskningar', '27 åtgärder'."""
        return f"{self.num(n, digits)} {self.form(n)}"

    def share(self, n: int, total: int) -> str:
        """'två av sex kontrollmoment', 'en av tio granskningar'; 'båda …'/'samtliga …' when all."""
        if n == total:
            return self.all(total)
        d = in_digits(n, total)
        return f"{self.num(n, d)} av {self.num(total, d)} {self.plural}"

    def all(self, total: int) -> str:
        """'det enda kontrollmomentet', 'båda granskningarna', 'samtliga 27 åtgärder'."""
        if total == 1:
            return f"{'det' if self.neuter else 'den'} enda {self.the}"
        if total == 2:
            return f"båda {self.the_plural}"
        return f"samtliga {self.num(total)} {self.plural}"

    def none(self, total: int) -> str:
        """'inget av de två kontrollmomenten', 'ingen av de tio granskningarna'."""
        return f"{'inget' if self.neuter else 'ingen'} av de {self.num(total)} {self.the_plural}"

    def the_n(self, total: int) -> str:
        """'de fyra åtgärderna', 'de 25 åtgärderna'."""
        return f"de {self.num(total)} {self.the_plural}"


OCCASION = Term("tillfälle", "tillfällen", True, "tillfället", "tillfällena")
RISK = Term("risk", "risker", False, "risken", "riskerna")


# --- labels -------------------------------------------------------------------------------------


def control_label(control: Control, words: Words) -> str:
    """'kontrollmoment 3 (uppföljning av insatser)', or 'granskning 3 (…)' in Malmö's words."""
    ref = f"{words.control.singular} {control.number if control.number is not None else control.id}"
    return f"{ref} ({control.name})" if control.name else ref


def item_label(item: ItemStatus, words: Words) -> str:
    return control_label(item.control, words) if item.control is not None else item.label


def risk_name(risk: Risk) -> str:
    """'risken Felaktiga utbetalningar', as the conclusion names a risk."""
    return f"risken {risk.title or risk.process or risk.id}"


def subject_label(a: ActionState, words: Words) -> str:
    """What an åtgärd concerns: its kontrollmoment in the kommun's noun, or its risk."""
    control = a.placed.control
    return control_label(control, words) if control is not None else f"risk {a.placed.risk.id}"


def shown_outcome(item: ItemStatus, words: Words) -> str:
    """The result word of one item, as the plan wrote it when that is one of the kommun's words."""
    f = item.follow_up
    if f is None or f.outcome is None:
        return ""
    return words.outcome_word(f.outcome, f.outcome_written)


def shown_status(a: ActionState, words: Words) -> str:
    status = a.action.status
    return words.status_word(status, a.action.status_written) if status is not None else ""


# --- results ----------------------------------------------------------------------------------------

# A follow-up that says only 'följer plan', in a report's words.
FOLLOWS_PLAN_PHRASES = {"ja": "följer plan", "delvis": "följer delvis plan", "nej": "följer inte plan"}

# The order the sentences take: what went well first, then the brister from small to large.
_ORDER = [
    Outcome.WITHOUT_REMARK,
    Outcome.PERFORMED,
    Outcome.MINOR_REMARK,
    Outcome.MAJOR_REMARK,
    Outcome.PERFORMED_DEVIATION,
    Outcome.NOT_DONE,
]


def _group_word(items: list[ItemStatus], words: Words, outcome: Outcome) -> str:
    """The word for a group of items with one canonical result: the one they all show, else the kommun's."""
    shown = {shown_outcome(i, words) for i in items}
    return shown.pop() if len(shown) == 1 else words.outcome_word(outcome)


def outcome_sentences(status: PlanStatus, words: Words) -> list[str]:
    """'För sju av nio kontrollmoment är granskningen gjord utan anmärkning. I två fall … Det gäller …'

    One sentence per canonical result; the items of a brist are listed right after its own sentence.
    """
    controls = status.controls
    total = len(controls)
    if total == 0:
        return []
    noun = Term.of(words.control)
    groups: dict[str, list[ItemStatus]] = {}
    for item in controls:
        groups.setdefault(item.outcome_code, []).append(item)
    period = status.period.name.lower()
    # A kontrollmoment followed up with only 'följer plan' is reported (status and summary count it so),
    # just without a result: it is said as such, never as not yet followed up.
    by_plan = [i for i in groups.get("saknas", []) if i.follows_plan_code != "saknas"]
    missing = [i for i in groups.get("saknas", []) if i.follows_plan_code == "saknas"]
    if len(missing) == total:
        if total == 1:
            return [f"{capitalize(noun.all(1))} har ännu inte följts upp för {period}."]
        return [f"{capitalize(noun.none(total))} har ännu följts upp för {period}."]

    def labels(items: list[ItemStatus]) -> str:
        return join([item_label(i, words) for i in items])

    out: list[str] = []
    for outcome in _ORDER:
        items = groups.get(outcome.code, [])
        if not items:
            continue
        n = len(items)
        word = _group_word(items, words, outcome)
        own = word != outcome.value
        if outcome is Outcome.NOT_DONE:
            out.append(
                f"För {labels(items)} är resultatet ”{word}”."
                if own
                else f"Granskningen är inte genomförd för {labels(items)}."
            )
            continue
        share = noun.share(n, total)
        if own:
            out.append(f"För {share} är resultatet ”{word}”.")
        elif outcome is Outcome.WITHOUT_REMARK:
            out.append(f"För {share} är granskningen gjord utan anmärkning.")
        elif outcome in (Outcome.MINOR_REMARK, Outcome.MAJOR_REMARK):
            out.append(f"I {number(n)} fall är granskningen gjord {outcome.value}.")
        else:
            out.append(f"Kontrollen är {outcome.value} för {share}.")
        if is_deficiency(outcome):
            out.append(f"Det gäller {labels(items)}.")
    unknown = groups.get(UNKNOWN_RESULT, [])
    if unknown:
        out.append(f"För {labels(unknown)} är uppföljningen rapporterad, men underlaget anger inte resultatet.")
    for code, how in FOLLOWS_PLAN_PHRASES.items():
        said = [i for i in by_plan if i.follows_plan_code == code]
        if said:
            out.append(f"{capitalize(labels(said))} {how}.")
    if missing:
        out.append(f"För {labels(missing)} saknas ännu resultat för {period}.")
    return out


# --- stickprov, tillfällen, other risks, åtgärder ---------------------------------------------------


def sample_sentences(item: ItemStatus, words: Words) -> list[str]:
    """Tillfällen and stickprov of one kontrollmoment. An unknown number of avvikelser is not zero:
    then the report says how many were granskade and gives no share."""
    f = item.follow_up
    if f is None:
        return []
    s = item.samples
    out: list[str] = []
    label = capitalize(item_label(item, words))
    planned = s.get("tillfällen") or 0
    missed = s.get("tillfällen_ej_utförda") or 0
    if "tillfällen" in s and s["tillfällen"] is None:
        # missed occasions without a number planned: said as stated, no share invented
        out.append(
            f"{label} kontrollerades inte vid {OCCASION.count(missed)}; antalet planerade tillfällen anges inte."
        )
    elif planned == 1:
        out.append(f"{label} kontrollerades {'inte ' if missed else ''}vid det enda tillfället.")
    elif planned and missed == planned:
        out.append(f"{label} kontrollerades inte vid något av {OCCASION.the_n(planned)}.")
    elif missed:
        out.append(f"{label} kontrollerades inte vid {OCCASION.share(missed, planned)}.")
    elif planned:
        out.append(f"{label} kontrollerades vid {OCCASION.all(planned)}.")
    sampled, deviations = f.sample_counts
    if sampled:
        what = item.control.samples_of if item.control and item.control.samples_of else "poster"
        if deviations is None:
            out.append(
                f"För {item_label(item, words)} redovisas {sampled} granskade {what} men inte antalet avvikelser."
            )
        else:
            ok = max(sampled - deviations, 0)
            d = in_digits(ok, sampled)
            out.append(
                f"Av {number(sampled, neuter=False, digits=d)} granskade {what} var "
                f"{number(ok, neuter=False, digits=d)} ({round(100 * ok / sampled)} %) korrekta."
            )
    return out


def other_risk_sentences(status: PlanStatus) -> list[str]:
    """Risks that are not critical and have no kontrollmoment, when the follow-up says anything of them."""
    others = status.other_risks
    if not any(i.follows_plan_code != "saknas" for i in others):
        return []
    n = len(others)
    yes = sum(1 for i in others if i.follows_plan_code == "ja")
    if n == 1:
        code = others[0].follows_plan_code
        how = {"ja": "har hanterats", "nej": "har inte hanterats", "delvis": "har delvis hanterats"}[code]
        return [f"Den övriga risken {how} enligt plan."]
    if yes == n:
        return [f"{capitalize(RISK.all(n)).replace('riskerna', 'övriga riskerna', 1)} har hanterats enligt plan."]
    d = in_digits(n, yes)
    return [
        f"Av de {number(n, neuter=False, digits=d)} övriga riskerna har {number(yes, neuter=False, digits=d)}"
        " hanterats enligt plan."
    ]


_DONE_FORMS = {
    ActionStatus.DONE: ("genomförd", "genomfört", "genomförda"),
    ActionStatus.STARTED: ("påbörjad", "påbörjat", "påbörjade"),
    ActionStatus.NOT_STARTED: ("inte påbörjad", "inte påbörjat", "inte påbörjade"),
}
_STATUS_ORDER: list[ActionStatus | None] = [ActionStatus.DONE, ActionStatus.STARTED, ActionStatus.NOT_STARTED, None]


def action_sentence(words: Words, statuses: Iterable[ActionStatus | None], where: str = "") -> str:
    """'Av de fyra åtgärderna är två genomförda och två påbörjade.', in the kommun's words:
    'Av de två åtgärderna har en status ”Klar” och en status ”Ej startad”.' `where` follows the noun
    (' i årets plan', ' från 2018')."""
    items = list(statuses)
    total = len(items)
    noun = Term.of(words.action)
    if total == 0:
        return f"Det finns inga {noun.plural} från tidigare perioder att följa upp."
    counts = {s: sum(1 for x in items if x is s) for s in _STATUS_ORDER}
    d = in_digits(total, *counts.values())

    def said(s: ActionStatus | None, k: int) -> str:
        """What k åtgärder with status s are: 'genomförda', 'status ”Klar”', 'utan angiven status'."""
        if s is None:
            return "utan angiven status"
        word = words.status_word(s)
        if word != s.value:
            return f"status ”{word}”"
        one, neuter, many = _DONE_FORMS[s]
        return many if k > 1 else (neuter if noun.neuter else one)

    def verb(s: ActionStatus | None) -> str:
        return "är" if s is not None and words.status_word(s) == s.value else "har"

    present = [(s, k) for s, k in counts.items() if k]
    if len(present) == 1:
        s, _ = present[0]
        if s is None:
            subject = noun.all(total)
            return f"{capitalize(subject)}{where} saknar angiven status."
        return f"{capitalize(noun.all(total))}{where} {verb(s)} {said(s, total)}."
    parts = [f"{noun.num(k, d)} {said(s, k)}" for s, k in present]
    # "är" when the parts read as adjectives (genomförda, påbörjade); "har" before the kommun's status words
    head_verb = "är" if all(verb(s) == "är" or s is None for s, _ in present) else "har"
    return f"Av {noun.the_n(total)}{where} {head_verb} {join(parts)}."


def action_year_sentences(status: PlanStatus, words: Words) -> list[str]:
    """The åtgärder of this year's plan, then those from every earlier beslutsår."""
    out = []
    own = [
        a.action.status
        for a in status.all_actions
        if a.placed.period is None and (a.action.decided_year or status.plan.year) >= status.plan.year
    ]
    if own:
        out.append(action_sentence(words, own, " i årets plan"))
    years: dict[int, list[ActionStatus | None]] = {}
    for a in status.all_actions:
        year = a.action.decided_year or status.plan.year
        if year < status.plan.year:
            years.setdefault(year, []).append(a.action.status)
    for year, statuses in sorted(years.items()):
        out.append(action_sentence(words, statuses, f" från {year}"))
    return out


def overdue_sentences(status: PlanStatus, words: Words, public: bool) -> list[str]:
    """Åtgärder past their slutdatum and not done, whatever period decided them."""
    overdue = status.overdue
    if not overdue:
        return []
    noun = Term.of(words.action)
    n = len(overdue)
    head = f"{capitalize(noun.count(n))} {'är försenad' if n == 1 else 'är försenade'}"
    if n > 3:
        return [f"{head}."]
    described = []
    for a in overdue:
        what = "" if (public and a.action.secret) else a.action.description.rstrip(".")
        about = f"för {subject_label(a, words)}"
        deadline = f"slutdatum {a.action.deadline}" if a.action.deadline else ""
        word = shown_status(a, words)
        own = a.action.status is not None and word != a.action.status.value
        state = (f"status ”{word}”" if own else f"status {word}") if word else "ingen angiven status"
        described.append(", ".join(p for p in (what, about) if p) + f", med {deadline} och {state}")
    return [f"{head}: {'; '.join(described)}."]


def deviation_sentences(status: PlanStatus, words: Words) -> list[str]:
    """'Under året noterades fem avvikelser i två kontrollmoment.' (noterade_avvikelser)"""
    counts = status.deviation_counts
    total, where = counts["totalt"], len(counts["per_kontrollmoment"])
    if not total:
        return []
    d = in_digits(total, where)
    noun = Term.of(words.control)
    return [
        f"Under året noterades {number(total, neuter=False, digits=d)} {'avvikelse' if total == 1 else 'avvikelser'}"
        f" i {noun.count(where, d)}."
    ]


def followup_sentences(status: PlanStatus, words: Words, public: bool = False) -> list[str]:
    out: list[str] = []
    for item in status.controls:
        out += sample_sentences(item, words)
    out += other_risk_sentences(status)
    out += action_year_sentences(status, words)
    out += overdue_sentences(status, words, public)
    out += deviation_sentences(status, words)
    return out


# --- what a source states: counts, shares, verdicts --------------------------------------------------

BOARD = Term("nämnd", "nämnder", False, "nämnden", "nämnderna")
SOURCE = "underlaget"


def stated_sentences(status: PlanStatus, words: Words) -> list[str]:
    """The counts, shares and verdicts a plan's source states for the period (redovisat:), said as what
    the source states: 'Enligt underlaget utfördes samtliga 16 kontrollmoment.'"""
    st = status.stated
    if st is None:
        return []
    out: list[str] = []
    noun = Term.of(words.control)
    if status.from_stated:
        planned, performed = status.planned, status.performed
        if planned and (st.performed is not None or st.results):
            out.append(f"Enligt {SOURCE} utfördes {noun.share(performed, planned)}.")
        elif planned:
            out.append(f"Enligt {SOURCE} omfattade planen {noun.count(planned)}.")
        counts = status.counts
        for outcome in _ORDER:
            n = counts.get(outcome.code, 0)
            if not n or not st.results:
                continue
            # the source's own word ("Ingen avvikelse"), never ikplan's ("utförd") for the same result
            written = next((w for w in st.results if words.read_outcome(w) is outcome), None)
            word = words.outcome_word(outcome, written)
            out.append(f"Enligt {SOURCE} är resultatet ”{word}” för {noun.share(n, planned or n)}.")
        if planned:
            out.append(f"Talen är de antal som {SOURCE} redovisar; planen för inte upp de enskilda {noun.the_plural}.")
    if st.missed is not None:
        m = st.missed
        each = m.occasions is None or m.occasions == m.controls
        times = "ett tillfälle vardera" if each else f"sammanlagt {OCCASION.count(m.occasions or 0)}"
        out.append(
            f"Enligt {SOURCE} kontrollerades {noun.count(m.controls)} inte vid {times}; "
            "antalet planerade tillfällen anges inte."
        )
    for share in st.shares:
        out.append(f"{capitalize(SOURCE)} anger: ”{share.share} {share.of}”.")
    if st.boards is not None:
        b = st.boards
        d = in_digits(b.reported, b.total)
        out.append(f"Enligt {SOURCE} har {BOARD.num(b.reported, d)} av {BOARD.num(b.total, d)} nämnder avrapporterat.")
    if st.deficient:
        # An id of the plan's own kontrollmoment (or its kommungemensamt id) is named as the report names
        # it elsewhere; an id the plan does not hold is said as the source gives it.
        named: dict[str, str] = {}
        for item in status.controls:
            if item.control is not None:
                for key in (item.control.id, item.control.common_id):
                    if key:
                        named.setdefault(str(key), item_label(item, words))
        out.append(f"{capitalize(SOURCE)} anger brister i {join([named.get(str(d), str(d)) for d in st.deficient])}.")
    if st.actions and not status.all_actions:
        statuses: list[ActionStatus | None] = []
        for word, n in st.actions.items():
            statuses += [words.read_status(word)] * n
        out.append(action_sentence(words, statuses, f" som {SOURCE} redovisar"))
    if st.verdict:
        out.append(f"Bedömningen i {SOURCE}: ”{st.verdict}”.")
    return out


def verdict_word(plan: Plan, word: str) -> str:
    """A process's bedömning as the plan's scale spells it ('gult' → 'Gult'), in the sentence and the
    table alike; a word outside the scale as written."""
    return next((v.word for v in plan.verdict_scale if v.word.casefold() == word.casefold()), word)


def verdict_sentences(status: PlanStatus) -> list[str]:
    """'Bedömning per process: Grönt för A och B; Gult för C.' in the plan's scale's order."""
    verdicts = status.verdicts
    if not verdicts:
        return []
    plan = status.plan
    order = [v.word for v in plan.verdict_scale]
    by_word: dict[str, list[str]] = {}
    for area_id, word in verdicts.items():
        by_word.setdefault(verdict_word(plan, word), []).append(plan.area_label(area_id))
    ranked = sorted(by_word, key=lambda w: order.index(w) if w in order else len(order))
    return ["Bedömning per process: " + "; ".join(f"{w} för {join(by_word[w])}" for w in ranked) + "."]


def empty_area_sentences(status: PlanStatus) -> list[str]:
    """The plan's processes and sections without any risk, so that they are seen in the report."""
    plan = status.plan
    empty = plan.areas_without_risks()
    if not empty or not plan.areas:
        return []
    names = join([plan.area_label(a.id) for a in empty])
    n, total = len(empty), len(plan.areas)
    area = Term("område", "områden", True, "området", "områdena")
    if n == total:
        return [f"Planens {area.count(total)} har inga risker: {names}."]
    return [f"{capitalize(area.share(n, total))} i planen har inga risker: {names}."]


# --- critical risks ---------------------------------------------------------------------------------


def _handling_phrase(h: Handling, words: Words) -> str:
    return {
        Handling.IMPROVEMENT: "omhändertas i det systematiska förbättringsarbetet",
        Handling.CONTROL: f"hanteras genom {words.control.plural} i internkontrollplanen",
        Handling.ACTION: f"hanteras genom {words.action.plural} i verksamhetsplanen",
    }[h]


def critical_risks(status: PlanStatus, matrix: RiskMatrix) -> list[Risk]:
    """Every critical risk of the plan, with kontrollmoment or without, in the plan's order."""
    return [r for r in status.plan.risks if matrix.is_critical(r.score)]


def critical_sentences(status: PlanStatus, words: Words, matrix: RiskMatrix) -> list[str]:
    """How many risks are critical, how they are handled, and which kontrollmoment concern them."""
    plan = status.plan
    critical = critical_risks(status, matrix)
    n = len(critical)
    if n == 0:
        return []
    total = plan.risk_count if plan.risk_count is not None else len(plan.risks)
    value = words.risk_value
    out = [f"I nämndens internkontrollplan {plan.year} hanterades {RISK.count(total)}."]
    if n == 1:
        out.append(f"En av dessa risker har ett {value} som värderar risken som kritisk.")
    else:
        out.append(
            f"{capitalize(number(n, neuter=False))} av dessa risker har ett {value} som värderar risken som kritisk."
        )
    handlings = {h for r in critical for h in r.handling if h is not Handling.ACCEPT}
    if len(handlings) == 1:
        subject = "Den kritiska risken" if n == 1 else "De kritiska riskerna"
        out.append(f"{subject} ska {_handling_phrase(handlings.pop(), words)}.")
    by_risk: dict[int, list[ItemStatus]] = {}
    for item in status.controls:
        if item.critical:
            by_risk.setdefault(id(item.risk), []).append(item)
    for r in critical:
        items = by_risk.get(id(r), [])
        if not items:
            continue
        sentence = f"Den kritiska {risk_name(r)} ({value} {r.score}) följs upp genom {join([item_label(i, words) for i in items])}"
        results = [shown_outcome(i, words) for i in items]
        if all(results):
            quoted = [f"”{w}”" for w in results]
            sentence += (
                f"; resultatet är {join(quoted, 'respektive')}." if len(items) > 1 else f"; resultatet är {quoted[0]}."
            )
        else:
            missing = [item_label(i, words) for i, w in zip(items, results, strict=True) if not w]
            sentence += f"; för {join(missing)} saknas ännu resultat."
        out.append(sentence)
    return out


def conclusion(status: PlanStatus, matrix: RiskMatrix) -> str | None:
    """'Sammanställningen visar att de kritiska riskerna har hanterats enligt plan.' only when true.

    It speaks of the critical risks followed up by 'följer plan' (those without kontrollmoment); when
    other critical risks have kontrollmoment, it names the risks it speaks of."""
    followed = status.critical_risks
    if not followed:
        return None
    named = len(followed) < len(critical_risks(status, matrix))
    yes = [i for i in followed if i.follows_plan_code == "ja"]
    no = [i for i in followed if i.follows_plan_code == "nej"]
    partly = [i for i in followed if i.follows_plan_code == "delvis"]
    missing = [i for i in followed if i.follows_plan_code == "saknas"]
    n = len(followed)

    def names(items: list[ItemStatus]) -> str:
        return join([risk_name(i.risk) for i in items])

    if len(yes) == n and not named:
        which = "den kritiska risken" if n == 1 else "de kritiska riskerna"
        return f"Sammanställningen visar att {which} har hanterats enligt plan."
    parts = []
    if yes and named:
        parts.append(f"Sammanställningen visar att den kritiska {names(yes)} har hanterats enligt plan.")
    elif yes:
        parts.append(
            f"Sammanställningen visar att {number(len(yes), neuter=False)} av {number(n, neuter=False)}"
            " kritiska risker har hanterats enligt plan."
        )
    if no:
        parts.append(f"{capitalize(names(no))} har inte hanterats enligt plan.")
    if partly:
        parts.append(f"{capitalize(names(partly))} har delvis hanterats enligt plan.")
    if missing:
        parts.append(f"För {names(missing)} saknas uppföljning.")
    return " ".join(parts)
