"""Follow-up status per period: what is reported, with what result, what is overdue."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ikplan.checking.validate import Checked
from ikplan.errors import UsageError
from ikplan.plan.config import Period, PlanSettings, RiskMatrix
from ikplan.plan.model import Action, Control, FollowUp, PlacedAction, Plan, Risk, StatedFigures, Vocabulary
from ikplan.plan.types import ActionStatus, Outcome
from ikplan.plan.vocabulary import DEFAULT_WORDS, Handling, Words, is_done, is_performed

# The result codes of schemaversion 1 (the keys of "counts", always present) and the "utförd" results added
# later for kommuner that report performed/not performed, which "counts" carries only when a plan uses them,
# so existing JSON consumers see no change.
PERFORMED_CODES = ["utförd", "utförd_med_avvikelse"]
OUTCOME_CODES = [o.code for o in Outcome if o.code not in PERFORMED_CODES] + ["saknas"]
# Reported, but the source does not say with what result: a state of its own, neither a result nor
# "saknas"; "counts" carries it only when some item has it.
UNKNOWN_RESULT = "resultat_okänt"
OPTIONAL_CODES = [*PERFORMED_CODES, UNKNOWN_RESULT]


def _plain(fields: dict[str, Any]) -> dict[str, Any]:
    """The kommun's own fields as JSON values (dates as ÅÅÅÅ-MM-DD)."""
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in fields.items()}


def _fold(text: str) -> str:
    """delår, delar and DELÅR all fold to 'delar'."""
    decomposed = unicodedata.normalize("NFKD", text.strip().lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def resolve_period(settings: PlanSettings, name: str) -> Period:
    """The configured period that `name` spells (accepting delar/helar for delår/helår)."""
    wanted = _fold(name)
    for p in settings.periods:
        if _fold(p.id) == wanted or _fold(p.name) == wanted:
            return p
    known = ", ".join(p.id for p in settings.periods)
    raise UsageError(f"okänd period '{name}'; kända perioder: {known}")


def follows_plan_counts(c: Counter[str]) -> dict[str, int]:
    """ja, nej and saknas always; 'delvis' only when some follow-up says so, so the JSON of the
    plans it had before keeps its keys."""
    return {k: c.get(k, 0) for k in ("ja", "nej", "saknas")} | ({"delvis": c["delvis"]} if c.get("delvis") else {})


def period_end(period: Period, year: int) -> dt.date:
    return period.end_in(year)


@dataclass
class ActionState:
    placed: PlacedAction
    overdue: bool
    words: Words = DEFAULT_WORDS

    @property
    def status_word(self) -> str:
        """The status in the kommun's words, as the plan wrote it ('Klar')."""
        return self.words.status_word(self.action.status, self.action.status_written)

    @property
    def action(self) -> Action:
        return self.placed.action

    @property
    def owner(self) -> str | None:
        return self.placed.owner

    @property
    def period(self) -> str:
        """The follow-up period it was decided at; '' for an åtgärd carried with the plan."""
        return self.placed.period or ""

    @property
    def subject(self) -> str:
        return self.placed.subject

    def as_json(self) -> dict[str, Any]:
        return dict(self._json)  # a copy: callers add to it ("nämnd")

    @cached_property  # an ActionState is never changed once built; worked out ahead for a sammanställning
    def _json(self) -> dict[str, Any]:
        a = self.action
        return {
            "id": a.id,
            "beskrivning": a.description,
            "ansvarig": self.owner,
            "slutdatum": str(a.deadline) if a.deadline else None,
            "slutdatum_senast": a.deadline.date.isoformat() if a.deadline and a.deadline.date else None,
            "status": a.status.value if a.status else None,
            "status_ord": self.status_word or None,
            "beslutsår": a.decided_year,
            "period": self.period,
            "gäller": self.subject,
            "försenad": self.overdue,
        }


@dataclass
class ItemStatus:
    """One kontrollmoment (or critical risk) and its follow-up for the period."""

    kind: str  # "kontrollmoment" or "risk"
    id: str
    label: str
    risk: Risk
    control: Control | None
    follow_up: FollowUp | None
    critical: bool
    period: str
    actions: list[ActionState] = field(default_factory=list)
    words: Words = DEFAULT_WORDS

    @property
    def outcome_word(self) -> str:
        """The result in the kommun's words, as the plan wrote it; '' when not reported."""
        f = self.follow_up
        return self.words.outcome_word(f.outcome, f.outcome_written) if f is not None and f.outcome else ""

    @property
    def reported(self) -> bool:
        f = self.follow_up
        return f is not None and (f.outcome is not None or f.follows_plan is not None or bool(f.reported))

    @property
    def outcome_code(self) -> str:
        if self.follow_up is None or self.follow_up.outcome is None:
            return UNKNOWN_RESULT if self.follow_up is not None and self.follow_up.reported else "saknas"
        return str(self.follow_up.outcome.code)

    @property
    def samples(self) -> dict[str, Any]:
        """Stickprov and tillfällen of the period, with the counts that come out of them."""
        f = self.follow_up
        if f is None:
            return {}
        out: dict[str, Any] = {}
        sampled, deviations = f.sample_counts
        if sampled is not None:
            # Avvikelser not stated are unknown, not zero: no share of correct ones is invented.
            out["granskade"] = sampled
            out["avvikelser"] = deviations
            out["korrekta"] = None if deviations is None else sampled - deviations
            out["andel_korrekta"] = (
                round(100 * (sampled - deviations) / sampled) if sampled and deviations is not None else None
            )
        if f.missed_occasions is not None and not f.occasions and f.planned_occasions is None:
            # "missed one occasion" with no number planned: the total is unknown, not zero
            out["tillfällen"] = None
            out["tillfällen_utförda"] = None
            out["tillfällen_ej_utförda"] = f.missed_occasions
        elif f.occasions or f.planned_occasions is not None:
            done = sum(1 for o in f.occasions if o.performed)
            planned = f.planned_occasions if f.planned_occasions is not None else len(f.occasions)
            out["tillfällen"] = planned
            out["tillfällen_utförda"] = done
            out["tillfällen_ej_utförda"] = max(planned - done, 0)
        return out

    @property
    def follows_plan_code(self) -> str:
        if self.follow_up is None or self.follow_up.follows_plan is None:
            return "saknas"
        return self.follow_up.follows_plan.value  # ja, nej or delvis

    def as_json(self) -> dict[str, Any]:
        f = self.follow_up
        return {
            "typ": self.kind,
            "id": self.id,
            "namn": self.label,
            "risk": self.risk.id,
            "riskvärde": self.risk.score,
            "kritisk": self.critical,
            "ansvarig": self.control.responsible if self.control else None,
            "rapporterad": self.reported,
            "resultat": None if self.outcome_code == "saknas" else self.outcome_code,
            "resultat_ord": self.outcome_word or None,
            "följer_plan": None if self.follows_plan_code == "saknas" else self.follows_plan_code,
            "datum": f.date.isoformat() if f and f.date else None,
            "åtgärder": [a.as_json() for a in self.actions],
            "utförd": self.performed,
            "stickprov": self.samples,
            "område": self.risk.area,
            "fält": _plain(self.control.fields if self.control else self.risk.fields),
            "noterade_avvikelser": len(self.control.deviations) if self.control else 0,
        }

    @property
    def performed(self) -> bool | None:
        """Whether the kontrollmoment was performed (None while not reported, and for a risk)."""
        if self.kind != "kontrollmoment":
            return None
        if self.follow_up is None or self.follow_up.outcome is None:
            return True if self.follows_plan_code == "ja" else None
        return is_performed(self.follow_up.outcome)


@dataclass
class PlanStatus:
    file: str
    plan: Plan
    period: Period
    as_of: dt.date
    controls: list[ItemStatus]
    critical_risks: list[ItemStatus]
    all_actions: list[ActionState]
    other_risks: list[ItemStatus] = field(default_factory=list)
    matrix: RiskMatrix = field(default_factory=RiskMatrix)
    vocabulary: Vocabulary = field(default_factory=Vocabulary)

    @property
    def stated(self) -> StatedFigures | None:
        """What the plan's source states for the period (redovisat:), if anything."""
        return self.plan.stated.get(self.period.id)

    @property
    def from_stated(self) -> bool:
        """The figures are the counts the source states: the plan lists no kontrollmoment."""
        return not self.controls and self.stated is not None

    def _stated_results(self) -> Counter[str]:
        """The stated results by ikplan's code (the kommun's words read through the one vocabulary)."""
        c: Counter[str] = Counter()
        stated = self.stated
        for word, n in (stated.results if stated else {}).items():
            outcome = self.words.read_outcome(word)
            c[outcome.code if outcome is not None else UNKNOWN_RESULT] += n
        return c

    @cached_property  # a PlanStatus is never changed once built; a sammanställning asks often
    def reported(self) -> int:
        """Kontrollmoment with a result or a 'följer plan' for the period (or as many as the source states)."""
        stated = self.stated
        if self.from_stated and stated is not None:
            if stated.reported is not None:
                return stated.reported
            return max(stated.performed or 0, sum(self._stated_results().values()))
        return sum(1 for i in self.controls if i.reported)

    @cached_property  # a PlanStatus is never changed once built; a sammanställning asks often
    def planned(self) -> int:
        """Kontrollmoment in the plan for the period (or as many as the source states)."""
        stated = self.stated
        if self.from_stated and stated is not None:
            return stated.planned if stated.planned is not None else self.reported
        return len(self.controls)

    @cached_property  # a PlanStatus is never changed once built; a sammanställning asks often
    def performed(self) -> int:
        """Kontrollmoment carried out (status's 'utförda'); stated, or a performed result among the stated."""
        stated = self.stated
        if self.from_stated and stated is not None:
            if stated.performed is not None:
                return stated.performed
            return sum(n for code, n in self._stated_results().items() if code in _PERFORMED_BY_CODE)
        return sum(1 for i in self.controls if i.performed)

    @property
    def action_counts(self) -> dict[str, Any]:
        """Every åtgärd of the plan by status, and by beslutsår (the plan's year when not given)."""

        def tally(items: list[ActionState]) -> dict[str, int]:
            c = Counter(ACTION_CODES[a.action.status] for a in items)
            return {"totalt": len(items)} | {k: c.get(k, 0) for k in ACTION_CODES.values()}

        stated = self.stated
        if not self.all_actions and stated is not None and stated.actions:
            # counts the source states, all decided in the plan's year
            c: Counter[str] = Counter()
            for word, n in stated.actions.items():
                status = self.words.read_status(word)
                c[ACTION_CODES[status]] += n
            one = {"totalt": sum(c.values())} | {k: c.get(k, 0) for k in ACTION_CODES.values()}
            return one | {"per_beslutsår": {str(self.plan.year): dict(one)}, "redovisat": True}
        years: dict[int, list[ActionState]] = {}
        for a in self.all_actions:
            years.setdefault(a.action.decided_year or self.plan.year, []).append(a)
        out: dict[str, Any] = tally(self.all_actions)
        out["per_beslutsår"] = {str(y): tally(items) for y, items in sorted(years.items())}
        return out

    @property
    def risk_counts(self) -> dict[str, int]:
        risks = self.plan.risks
        critical = sum(1 for r in risks if self.matrix.is_critical(r.score))
        return {
            "totalt": len(risks),
            "kritiska": critical,
            "ej_kritiska": len(risks) - critical,
            "med_kontrollmoment": sum(1 for r in risks if r.controls),
            "med_åtgärder": sum(1 for r in risks if r.actions or any(c.actions for c in r.controls)),
            "ej_valda": len(self.plan.not_chosen),
        }

    @property
    def counts(self) -> dict[str, int]:
        return dict(self._counts)  # a copy: a caller may add to it

    @cached_property
    def _counts(self) -> dict[str, int]:
        if self.from_stated:
            c = self._stated_results()
            c[UNKNOWN_RESULT] += max(self.reported - sum(c.values()), 0)
            c["saknas"] = max(self.planned - self.reported, 0)
        else:
            c = Counter(i.outcome_code for i in self.controls)
        return {code: c.get(code, 0) for code in OUTCOME_CODES} | {k: c[k] for k in OPTIONAL_CODES if c.get(k)}

    @property
    def follows_plan(self) -> dict[str, int]:
        # Critical risks outside kontrollmoment are followed up by "följer plan"; a kontrollmoment
        # counts here only when its follow-up states it.
        items = self.critical_risks + [i for i in self.controls + self.other_risks if i.follows_plan_code != "saknas"]
        return follows_plan_counts(Counter(i.follows_plan_code for i in items))

    @property
    def overdue(self) -> list[ActionState]:
        return [a for a in self.all_actions if a.overdue]

    @property
    def missing(self) -> list[ItemStatus]:
        return [i for i in self.controls if i.outcome_code == "saknas"] + [
            i for i in self.critical_risks if i.follows_plan_code == "saknas"
        ]

    @property
    def complete(self) -> bool:
        return not self.missing and not self.overdue

    def as_json(self) -> dict[str, Any]:
        return {
            "plan": self.file,
            "kommun": self.plan.municipality,
            "nämnd": self.plan.board,
            "år": self.plan.year,
            "period": self.period.id,
            "per": self.period_end.isoformat() if self.period_end else None,
            "datum": self.as_of.isoformat(),
            "counts": self.counts,
            "följer_plan": self.follows_plan,
            "försenade_åtgärder": [a.as_json() for a in self.overdue],
            "kontrollmoment": [self.item_json(i) for i in self.controls],
            "kritiska_risker": [self.item_json(i) for i in self.critical_risks],
            "rapporterade": self.reported,
            "utförda": self.performed,
            "övriga_risker": [self.item_json(i) for i in self.other_risks],
            "risker": self.risk_counts,
            "åtgärder": self.action_counts,
            "stickprov": self.sample_totals,
            "noterade_avvikelser": self.deviation_counts,
            "ord": self.words_json,
        } | self.source_json

    def item_json(self, item: ItemStatus) -> dict[str, Any]:
        """An item's JSON with its område as id and as name (`område` is the id, as it always was here;
        `score -f json` gives the same two keys)."""
        area = item.risk.area
        return item.as_json() | {"område_id": area, "område_namn": self.plan.area_label(area) if area else None}

    @property
    def period_end(self) -> dt.date | None:
        """The period's last day in the plan's year; None when the plan's source does not state it."""
        if not self.plan.period_end_known(self.period.id):
            return None
        return period_end(self.period, self.plan.year)

    @property
    def verdicts(self) -> dict[str, str]:
        """The verdict per område (process) for the period, by område id, in the plan's order."""
        return {a.id: a.verdicts[self.period.id] for a in self.plan.areas if self.period.id in a.verdicts}

    @property
    def source_json(self) -> dict[str, Any]:
        """Keys a plan from a source adds: the source, the stated figures, the verdicts, empty areas."""
        plan = self.plan
        out: dict[str, Any] = {}
        if plan.source is not None:
            out["källa"] = plan.source.model_dump(mode="json", by_alias=True)
        stated = self.stated
        if stated is not None:
            out["redovisat"] = stated.model_dump(mode="json", by_alias=True, exclude_defaults=True)
            out["uppgivna_antal"] = self.from_stated
        if self.verdicts:
            out["bedömningar"] = self.verdicts
        empty = plan.areas_without_risks()
        if plan.areas:
            out["områden_utan_risker"] = [a.id for a in empty]
        return out

    @property
    def deviation_counts(self) -> dict[str, Any]:
        """The avvikelser noted during the year, in all and per kontrollmoment that has any."""
        per = {i.control.id: len(i.control.deviations) for i in self.controls if i.control and i.control.deviations}
        return {"totalt": sum(per.values()), "per_kontrollmoment": per}

    @property
    def sample_totals(self) -> dict[str, int]:
        """Stickprov summed over the kontrollmoment. Avvikelser and korrekta only when every stickprov
        states its avvikelser: a sum over some of them would read as the whole."""
        totals: Counter[str] = Counter()
        unknown = False
        unknown_total = False
        for i in self.controls:
            samples = i.samples
            if "granskade" in samples and samples["avvikelser"] is None:
                unknown = True
            if "tillfällen" in samples and samples["tillfällen"] is None:
                unknown_total = True
            for k, v in samples.items():
                if isinstance(v, int) and not isinstance(v, bool) and k != "andel_korrekta":
                    totals[k] += v
        if unknown:
            totals.pop("avvikelser", None)
            totals.pop("korrekta", None)
        if unknown_total:  # some kontrollmoment give missed occasions without a total
            totals.pop("tillfällen", None)
            totals.pop("tillfällen_utförda", None)
        return dict(totals)

    @property
    def words(self) -> Words:
        return self.vocabulary.words

    @property
    def words_json(self) -> dict[str, Any]:
        """The kommun's words beside ikplan's canonical ones (ordlista in ikplan.yaml)."""
        return {
            "resultat": {code: self.result_word(code) for code in [*OUTCOME_CODES[:-1], *PERFORMED_CODES]},
            "åtgärdsstatus": {ACTION_CODES[s]: self.vocabulary.status_word(s.value) for s in ActionStatus},
            "riskvärde": self.vocabulary.risk_value or "riskvärde",
        }

    def result_word(self, code: str) -> str:
        outcome = next((o for o in Outcome if o.code == code), None)
        return self.vocabulary.result_word(outcome.value) if outcome else code


_PERFORMED_BY_CODE = {o.code for o in Outcome if is_performed(o)}

ACTION_CODES: dict[ActionStatus | None, str] = {
    ActionStatus.DONE: "genomförd",
    ActionStatus.STARTED: "påbörjad",
    ActionStatus.NOT_STARTED: "ej_påbörjad",
    None: "utan_status",
}


def is_overdue(action: Action, as_of: dt.date) -> bool:
    if is_done(action.status) or action.deadline is None or action.deadline.date is None:
        return False
    return action.deadline.date < as_of


def plan_status(checked: Checked, period_name: str, as_of: dt.date) -> PlanStatus:
    assert checked.plan is not None and checked.settings is not None
    plan, settings = checked.plan, checked.settings
    period = resolve_period(settings, period_name)
    matrix = settings.matrix
    controls: list[ItemStatus] = []
    critical: list[ItemStatus] = []
    others: list[ItemStatus] = []
    words = settings.words
    all_actions = [ActionState(p, is_overdue(p.action, as_of), words) for p in plan.iter_actions()]

    # åtgärder grouped by owner (risk, kontrollmoment) once, so each lookup costs its own åtgärder only
    by_owner: dict[tuple[int, int], list[ActionState]] = {}
    for a in all_actions:
        by_owner.setdefault((id(a.placed.risk), id(a.placed.control)), []).append(a)

    def relevant(risk: Risk, control: Control | None) -> list[ActionState]:
        owned = by_owner.get((id(risk), id(control)), [])
        return [a for a in owned if a.period in (period.id, "") or a.overdue]

    for risk in plan.risks:
        is_critical = matrix.is_critical(risk.score)
        for c in risk.controls:
            controls.append(
                ItemStatus(
                    "kontrollmoment",
                    c.id,
                    c.label,
                    risk,
                    c,
                    c.follow_up.get(period.id),
                    is_critical,
                    period.id,
                    relevant(risk, c),
                    words,
                )
            )
        # Followed up as a risk: one without kontrollmoment, or one whose own follow-up for the period was
        # written beside its kontrollmoment (never dropped in silence); the critical ones apart. A risk
        # the nämnd only accepted (with its motivering) has nothing to report, unless the plan says more.
        accepted_only = bool(risk.handling) and all(h is Handling.ACCEPT for h in risk.handling) and not risk.actions
        if (not risk.controls and not accepted_only) or period.id in risk.follow_up:
            (critical if is_critical else others).append(
                ItemStatus(
                    "risk",
                    risk.id,
                    risk.title or risk.process or risk.description,
                    risk,
                    None,
                    risk.follow_up.get(period.id),
                    is_critical,
                    period.id,
                    relevant(risk, None),
                    words,
                )
            )
    return PlanStatus(
        checked.file, plan, period, as_of, controls, critical, all_actions, others, matrix, settings.vocabulary
    )


def roll_up(statuses: list[PlanStatus]) -> list[dict[str, Any]]:
    """Totals per nämnd and year across plans (a Kommunstyrelse looks at all nämnder together); one
    year's figures are never added to another's. With plans of one year, the label is the nämnd."""
    by_board: dict[tuple[str, int], list[PlanStatus]] = {}
    for s in statuses:
        by_board.setdefault((s.plan.board, s.plan.year), []).append(s)
    several_years = len({year for _, year in by_board}) > 1
    out = []
    for (name, year), items in sorted(by_board.items()):
        board = f"{name} {year}" if several_years else name
        counts: Counter[str] = Counter()
        follows: Counter[str] = Counter()
        for s in items:
            counts.update(s.counts)
            follows.update(s.follows_plan)
        planned = sum(s.planned for s in items)
        out.append(
            {
                "nämnd": board,
                "planer": len(items),
                "kontrollmoment": planned,
                "counts": {k: counts.get(k, 0) for k in OUTCOME_CODES}
                | {k: counts[k] for k in OPTIONAL_CODES if counts.get(k)},
                "följer_plan": follows_plan_counts(follows),
                "försenade_åtgärder": sum(len(s.overdue) for s in items),
            }
        )
    return out


def judged_on(year: int, given: dt.date | None, today: dt.date) -> dt.date:
    """The day a plan's åtgärder are judged late against: the day asked for, else today, but never after
    the end of the plan's own year (a 2024 plan among 2025 plans is judged per 2024-12-31)."""
    if given is not None:
        return given
    return min(today, dt.date(year, 12, 31))


def default_period(settings: PlanSettings, year: int, day: dt.date) -> str:
    """The period `status` follows up when none is asked for: delår where the kommun has one (as
    always), else the kommun's latest period that has ended by `day` (tertial 2 in September), else its
    first."""
    periods = settings.periods
    if any(p.id == "delår" for p in periods):
        return "delår"
    ended = [p for p in periods if p.end_in(year) <= day]
    return max(ended, key=lambda p: p.end_in(year)).id if ended else periods[0].id


def year_end_period(settings: PlanSettings, year: int) -> str:
    """The period that closes the year, which a sammanställning follows up when none is asked for:
    helår, or a kommun's own last one (tertial3)."""
    return max(settings.periods, key=lambda p: p.end_in(year)).id


def plan_statuses(
    plans: list[Checked], period_name: str | None, given: dt.date | None, today: dt.date
) -> tuple[list[PlanStatus], list[str]]:
    """The follow-up of every plan for a period, each judged on its own day, and a note per past year
    saying which day that is (so nobody reads a 2024 plan's "försenad" as of today)."""
    statuses = []
    notes: dict[int, str] = {}
    for checked in plans:
        assert checked.plan is not None
        day = judged_on(checked.plan.year, given, today)
        if given is None and day != today:
            notes[checked.plan.year] = (
                f"planerna gäller {checked.plan.year}: försenat räknas per {day.isoformat()}"
                " (ange --datum för ett annat datum)"
            )
        assert checked.settings is not None
        period = period_name or default_period(checked.settings, checked.plan.year, day)
        statuses.append(plan_status(checked, period, day))
    return statuses, [notes[y] for y in sorted(notes)]
