"""The audit questions, each answered for one organisation from its plans (this year's and last year's).

Counts are read from the one follow-up computation (`plan_status`) and the vocabulary's predicates,
so that a granskning says what `status` and `summary` say.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ikplan.audit import Answer, Evidence, Verdict, verdict_of
from ikplan.checking.validate import Checked
from ikplan.swedish import capitalize, join, long_date, number_words, plural


@dataclass
class Org:
    """A nämnd, bolag or utskott and its plans for the audited year and the year before."""

    name: str
    kind: str  # nämnd, bolag, utskott
    year: int
    plan: Checked | None
    previous: Checked | None
    listed: Evidence | None  # where ikplan.yaml lists it

    @property
    def body(self) -> str:
        """Who the plan is reported to: 'nämnden', a bolag's 'styrelsen', 'utskottet'."""
        return {"bolag": "styrelsen", "utskott": "utskottet"}.get(self.kind, "nämnden")

    @property
    def genitive(self) -> str:
        return self.name if self.name[-1:].lower() in "sxz" else self.name + "s"


def _at(checked: Checked, path: tuple[Any, ...], text: str, key: bool = True) -> Evidence:
    line, _ = checked.source.locate(path, key=key) if path else (1, 1)
    return Evidence(text, checked.file, max(line, 1))


def _no_plan(org: Org, q: int) -> Answer:
    return Answer(
        q, Verdict.UNKNOWN, f"{org.name} har ingen plan för {org.year}; frågan kan inte bedömas (se fråga 7).", []
    )


def _n(n: int, neuter: bool = True) -> str:
    return number_words(n, neuter)


def _of_them(n: int, neuter: bool = True) -> str:
    """How many of those counted: 'ingen' or 'inget' for none ('Av fyra brister har ingen …'), not 'noll'."""
    return ("inget" if neuter else "ingen") if n == 0 else number_words(n, neuter)


# --- 1. Riskanalys ------------------------------------------------------------------------------------
def risk_analysis(org: Org) -> Answer:
    if org.plan is None or org.plan.plan is None or org.plan.settings is None:
        return _no_plan(org, 1)
    from ikplan.checking.rules import critical_unhandled

    c, plan, settings = org.plan, org.plan.plan, org.plan.settings
    if not plan.risks:
        return Answer(1, Verdict.NOT_MET, f"{org.genitive} plan har inga risker.", [_at(c, ("risker",), "inga risker")])
    copy = _copy_of(plan, org.previous)
    if copy is not None:
        assert org.previous is not None
        return Answer(
            1,
            Verdict.NOT_MET,
            f"{org.genitive} plan för {org.year} har "
            + (f"samma {_n(len(plan.risks), False)} risker" if len(plan.risks) > 1 else "samma risk")
            + " med samma bedömning "
            f"som planen för {org.year - 1}: riskanalysen har inte gjorts om.",
            [
                _at(c, ("risker",), f"samma risker och bedömningar som {org.previous.file}"),
                _at(org.previous, ("risker",), f"planen för {org.year - 1}"),
            ],
        )
    evidence = []
    unassessed = [(i, r) for i, r in enumerate(plan.risks) if r.score is None]
    for i, r in unassessed:
        evidence.append(_at(c, ("risker", i), f"risk {r.id} är inte bedömd (sannolikhet och konsekvens)"))
    for path, message in critical_unhandled(plan, settings):
        evidence.append(_at(c, tuple(path), message))
    if not plan.not_chosen:
        evidence.append(_at(c, (), "ingen bruttorisklista (ej_valda_risker): bara de valda riskerna finns"))
    assessed = len(plan.risks) - len(unassessed)
    if not evidence:
        return Answer(
            1,
            Verdict.MET,
            f"{org.genitive} {_n(len(plan.risks), False)} risker är bedömda, bruttorisklistan har "
            f"{_n(len(plan.not_chosen), False)} {plural(len(plan.not_chosen), 'risk', 'risker')} till "
            "och de kritiska riskerna hanteras.",
            [_at(c, ("ej_valda_risker",), "bruttorisklistan")],
        )
    verdict = Verdict.NOT_MET if assessed == 0 else Verdict.PARTLY
    parts = []
    if unassessed:
        parts.append(f"{_n(len(unassessed), False)} av {_n(len(plan.risks), False)} risker är inte bedömda")
    if len(evidence) - len(unassessed) - (0 if plan.not_chosen else 1):
        parts.append("kritiska risker saknar hantering")
    if not plan.not_chosen:
        parts.append("bruttorisklistan saknas")
    return Answer(1, verdict, capitalize(f"{join(parts)} i {org.genitive} plan."), evidence)


def _copy_of(plan: Any, previous: Checked | None) -> bool | None:
    """True when last year's plan had the same risks with the same assessments (None otherwise)."""
    if previous is None or previous.plan is None:
        return None
    mine = {r.id: (r.likelihood, r.consequence, r.score) for r in plan.risks}
    theirs = {r.id: (r.likelihood, r.consequence, r.score) for r in previous.plan.risks}
    return True if mine and mine == theirs else None


# --- 2. Antagen i tid och som eget beslut -------------------------------------------------------------
def adoption(org: Org, adopted_by: str | None) -> Answer:
    if org.plan is None or org.plan.plan is None:
        return _no_plan(org, 2)
    c, plan = org.plan, org.plan.plan
    if adopted_by:
        month, day = (int(x) for x in adopted_by.split("-"))
        deadline, when = dt.date(plan.year, month, day), f"senast {long_date(dt.date(plan.year, month, day))}"
    else:
        deadline, when = dt.date(plan.year - 1, 12, 31), "före årets början"
    a = plan.adopted
    if a is None or a.date is None:
        return Answer(
            2,
            Verdict.NOT_MET,
            f"{org.genitive} plan saknar beslut: inget datum för när {org.body} antog den.",
            [_at(c, ("antagen",) if a is not None else (), "antagen saknas eller har inget datum")],
        )
    on = long_date(a.date)
    in_time = a.date <= deadline
    own = bool(a.paragraph and a.paragraph.strip())
    ev = [_at(c, ("antagen",), f"antagen {a.date.isoformat()}" + (f", {a.paragraph}" if own else ", utan paragraf"))]
    if in_time and own:
        return Answer(2, Verdict.MET, f"{org.genitive} plan antogs den {on} ({a.paragraph}), {when}.", ev)
    if in_time:
        return Answer(
            2, Verdict.PARTLY, f"{org.genitive} plan antogs den {on}, {when}, men utan paragraf: inget eget beslut.", ev
        )
    said = f"{org.genitive} plan antogs den {on}, efter {long_date(deadline)}"
    if own:
        return Answer(2, Verdict.PARTLY, f"{said} ({a.paragraph}).", ev)
    return Answer(2, Verdict.NOT_MET, f"{said} och utan paragraf.", ev)


# --- 3. Uppföljning rapporterad i tid ------------------------------------------------------------------
def reported(org: Org, within_days: int, as_of: dt.date) -> Answer:
    if org.plan is None or org.plan.plan is None or org.plan.settings is None:
        return _no_plan(org, 3)
    c, plan, settings = org.plan, org.plan.plan, org.plan.settings
    due, in_time, late, evidence = 0, 0, 0, []
    missing: list[str] = []
    for p in settings.periods:
        deadline = p.end_in(plan.year) + dt.timedelta(days=within_days)
        if deadline > as_of:
            continue  # not yet due
        due += 1
        report = plan.reports.get(p.id)
        day = report.date if report is not None else None
        if day is None:
            missing.append(p.name.lower())
            evidence.append(_at(c, ("rapporter",), f"{p.name}: ingen rapport till {org.body} (rapporter.{p.id}.datum)"))
        elif day <= deadline:
            in_time += 1
            evidence.append(_at(c, ("rapporter", p.id, "datum"), f"{p.name} rapporterad {day.isoformat()}"))
        else:
            late += 1
            missing.append(f"{p.name.lower()} (rapporterad {long_date(day)}, efter {long_date(deadline)})")
            evidence.append(_at(c, ("rapporter", p.id, "datum"), f"{p.name} rapporterad för sent, {day.isoformat()}"))
    if due == 0:
        return Answer(
            3,
            Verdict.UNKNOWN,
            f"Ingen period i {org.genitive} plan har passerat sin rapportdag per {long_date(as_of)}.",
        )
    if in_time == due:
        return Answer(
            3, Verdict.MET, f"{org.name} har fått {_n(due, False)} av {_n(due, False)} uppföljningar i tid.", evidence
        )
    verdict = Verdict.NOT_MET if in_time == 0 and late == 0 else Verdict.PARTLY
    return Answer(
        3,
        verdict,
        f"{_receiver(org)} har inte fått uppföljningen i tid: {join(missing)}.",
        evidence,
    )


def _receiver(org: Org) -> str:
    """Who should have had the report: the nämnd itself, a bolag's styrelse."""
    return f"Styrelsen i {org.name}" if org.kind == "bolag" else org.name


# --- 4. Åtgärd för varje brist ------------------------------------------------------------------------
def actions_for_deficiencies(org: Org, as_of: dt.date) -> Answer:
    if org.plan is None or org.plan.plan is None or org.plan.settings is None:
        return _no_plan(org, 4)
    from ikplan.followup.kommun import has_brist
    from ikplan.followup.status import plan_status

    c, settings = org.plan, org.plan.settings
    total, ok, evidence = 0, 0, []
    for p in settings.periods:
        st = plan_status(c, p.id, min(as_of, p.end_in(org.year) + dt.timedelta(days=366)))
        for item in st.controls + st.critical_risks + st.other_risks:
            if not has_brist(item):
                continue
            total += 1
            full = [a for a in item.actions if a.owner and a.action.deadline is not None]
            path = (*_item_path(c, item), "uppföljning", p.id, "resultat")
            if full:
                ok += 1
            else:
                what = "en åtgärd med ansvarig och slutdatum" if item.actions else "någon åtgärd"
                evidence.append(_at(c, path, f"{item.label}: {item.outcome_word} vid {p.name.lower()} utan {what}"))
    if total == 0:
        return Answer(4, Verdict.MET, f"{org.genitive} uppföljning har inga brister som kräver åtgärd.")
    verdict = verdict_of(ok, total)
    text = (
        f"Av {_n(total, False)} {plural(total, 'brist', 'brister')} i {org.genitive} uppföljning har {_of_them(ok, False)} "
        "en åtgärd med ansvarig och slutdatum."
    )
    return Answer(4, verdict, text, evidence)


def _item_path(c: Checked, item: Any) -> tuple[Any, ...]:
    assert c.plan is not None
    ri = next(i for i, r in enumerate(c.plan.risks) if r is item.risk)
    if item.control is None:
        return ("risker", ri)
    ci = next(i for i, k in enumerate(item.risk.controls) if k is item.control)
    return ("risker", ri, "kontrollmoment", ci)


# --- 5. Brister förs vidare ---------------------------------------------------------------------------
def carried_forward(org: Org) -> Answer:
    if org.plan is None or org.plan.plan is None:
        return _no_plan(org, 5)
    if org.previous is None or org.previous.plan is None:
        return Answer(5, Verdict.UNKNOWN, f"{org.name} har ingen plan för {org.year - 1} att jämföra med.")
    from ikplan.plan.vocabulary import is_deficiency

    prev, plan = org.previous.plan, org.plan.plan
    risks = {r.id for r in plan.risks}
    controls = {k for _, _, _, ctl in plan.all_controls() for k in (ctl.id, ctl.common_id) if k}
    actions = {p.action.id for p in plan.iter_actions() if p.action.id}
    from_last = any(p.action.decided_year == prev.year for p in plan.iter_actions())
    total, carried, evidence = 0, 0, []
    for ri, ci, risk, control in [(ri, None, r, None) for ri, r in enumerate(prev.risks)] + [
        (ri, ci, r, k) for ri, ci, r, k in prev.all_controls()
    ]:
        holder = control if control is not None else risk
        bad = [pid for pid, f in holder.follow_up.items() if is_deficiency(f.outcome)]
        if not bad:
            continue
        total += 1
        own = {p.action.id for p in prev.iter_actions() if p.risk is risk and p.control is control and p.action.id}
        keys = {control.id, control.common_id} if control is not None else set()
        found = risk.id in risks or bool(keys & controls) or bool(own & actions) or from_last
        base: tuple[Any, ...] = ("risker", ri) if ci is None else ("risker", ri, "kontrollmoment", ci)
        name = control.label if control is not None else f"risk {risk.id}"
        if found:
            carried += 1
        else:
            evidence.append(
                _at(org.previous, (*base, "uppföljning", bad[0]), f"{name}: brist {prev.year}, inte i {org.year}s plan")
            )
    if total == 0:
        return Answer(5, Verdict.MET, f"{org.genitive} plan för {org.year - 1} hade inga brister att föra vidare.")
    text = (
        f"Av {_n(total, False)} {plural(total, 'brist', 'brister')} i {org.genitive} plan för {org.year - 1} finns "
        f"{_of_them(carried, False)} med i planen för {org.year} som risk, kontrollmoment eller åtgärd."
    )
    return Answer(5, verdict_of(carried, total), text, evidence)


# --- 6. Kontrollmoment dokumenterade ------------------------------------------------------------------
_DOCUMENTED = (
    ("method", "kontrollmetod"),
    ("frequency", "frekvens"),
    ("responsible", "ansvarig"),
    ("reports_to", "rapporteras till"),
)


def documented(org: Org) -> Answer:
    if org.plan is None or org.plan.plan is None:
        return _no_plan(org, 6)
    from ikplan.checking.rules import has_text

    c, plan = org.plan, org.plan.plan
    controls = plan.all_controls()
    if not controls:
        return Answer(
            6,
            Verdict.NOT_MET,
            f"{org.genitive} plan har inga kontrollmoment.",
            [_at(c, ("risker",), "inga kontrollmoment")],
        )
    complete, evidence = 0, []
    for ri, ci, _risk, control in controls:
        lacking = [word for attr, word in _DOCUMENTED if not has_text(getattr(control, attr))]
        if lacking:
            evidence.append(_at(c, ("risker", ri, "kontrollmoment", ci), f"{control.label} saknar {join(lacking)}"))
        else:
            complete += 1
    n = len(controls)
    text = (
        f"Av {_n(n)} kontrollmoment i {org.genitive} plan har {_of_them(complete)} kontrollmetod, frekvens, ansvarig "
        "och mottagare av rapporten."
    )
    return Answer(6, verdict_of(complete, n), text, evidence)


# --- 7. Omfattas ---------------------------------------------------------------------------------------
def covered(org: Org, listed_any: bool = True) -> Answer:
    what = {"bolag": "bolaget", "utskott": "utskottet"}.get(org.kind, "nämnden")
    ev = [org.listed] if org.listed else []
    if org.plan is None:
        return Answer(7, Verdict.NOT_MET, f"{org.name} har ingen internkontrollplan för {org.year}.", ev)
    ev.append(Evidence(f"planen för {org.year}", org.plan.file, 1))
    if not listed_any:
        return Answer(7, Verdict.UNKNOWN, "ikplan.yaml listar inte kommunens nämnder och bolag (nämnder:).", ev)
    if not org.listed:
        return Answer(
            7,
            Verdict.PARTLY,
            f"{org.name} har en internkontrollplan för {org.year} men {what} finns inte bland nämnder: i ikplan.yaml, "
            "så kommunens förteckning är ofullständig.",
            ev,
        )
    return Answer(7, Verdict.MET, f"{org.name} har en internkontrollplan för {org.year}.", ev)


# --- 8. En gemensam skala -----------------------------------------------------------------------------
def scale(org: Org, definitions: dict[str, str], where: Evidence | None) -> Answer:
    if org.plan is None or org.plan.settings is None:
        return _no_plan(org, 8)
    # The scale the plan's follow-ups use (the words as shown), else the words it may use.
    shown = org.plan.settings.words
    assert org.plan.plan is not None
    holders: list[Any] = [*org.plan.plan.risks, *(k for *_, k in org.plan.plan.all_controls())]
    used = [
        shown.outcome_word(f.outcome, f.outcome_written) for h in holders for f in h.follow_up.values() if f.outcome
    ]
    words = list(dict.fromkeys(used)) or shown.outcome_choices()
    known = {k.casefold(): v for k, v in definitions.items() if v and v.strip()}
    defined = [w for w in words if w.casefold() in known]
    lacking = [w for w in words if w.casefold() not in known]
    ev = [where] if where else []
    if lacking:
        ev.append(
            Evidence(
                "utan definition: " + ", ".join(lacking), where.file if where else None, where.line if where else 0
            )
        )
    if not defined:
        return Answer(
            8, Verdict.NOT_MET, f"Resultatorden i {org.genitive} plan ({join(words)}) har inga definitioner.", ev
        )
    if lacking:
        return Answer(
            8,
            Verdict.PARTLY,
            f"{_n(len(lacking))} av {_n(len(words))} resultatord saknar definition: {join(lacking)}.",
            ev,
        )
    return Answer(8, Verdict.MET, f"Alla {_n(len(words))} resultatord i {org.genitive} plan har en definition.", ev)


# --- 9. Den antagna planen oförändrad ------------------------------------------------------------------
def unchanged(org: Org, examined: Any, problem: str | None) -> Answer:
    if org.plan is None:
        return _no_plan(org, 9)
    if problem is not None:
        return Answer(9, Verdict.UNKNOWN, f"Git-historiken kan inte läsas: {problem}.")
    if examined is None:
        return Answer(
            9,
            Verdict.UNKNOWN,
            f"{org.genitive} plan finns inte i git-historiken.",
            [Evidence("ej i git", org.plan.file)],
        )
    t = examined.trail
    if t.status == "ej_antagen":
        return Answer(9, Verdict.UNKNOWN, f"{org.genitive} plan är inte antagen (se fråga 2).")
    if t.status == "ej_jämförbar":
        return Answer(
            9,
            Verdict.UNKNOWN,
            f"{org.genitive} antagna version (commit {t.adopted_in.short if t.adopted_in else '?'}) eller den "
            "nuvarande går inte att läsa som en giltig plan, så de kan inte jämföras (kör 'ikplan validate').",
        )
    if t.status in ("ej_incheckad", "oläsbar"):
        return Answer(9, Verdict.UNKNOWN, f"Beslutet om {org.genitive} plan finns inte i någon commit ännu.")
    adopted = Evidence(
        "commit som satte antagen", org.plan.file, 0, t.adopted_in.sha, t.adopted_in.author, t.adopted_in.date
    )
    if t.status == "oförändrad":
        return Answer(
            9,
            Verdict.MET,
            f"{org.genitive} plan är oförändrad sedan den antogs (commit {t.adopted_in.short}).",
            [adopted],
        )
    if t.status == "redaktionell":
        n = len(t.editorial)
        return Answer(
            9,
            Verdict.MET,
            f"{org.genitive} plan har efter antagandet ändrats bara redaktionellt eller i uppföljningen "
            f"({_n(n)} {plural(n, 'commit', 'commits')}).",
            [adopted, *(Evidence(f"redaktionell: {c.subject}", None, 0, c.sha, c.author, c.date) for c in t.editorial)],
        )
    ev = [adopted]
    ev += [
        Evidence(f"ändring i sak: {c.subject}", org.plan.file, examined.line, c.sha, c.author, c.date)
        for c in t.material
    ]
    if t.uncommitted:
        ev.append(Evidence("ändring i sak i arbetskopian, ej incheckad", org.plan.file, examined.line))
    who = join(sorted({f"{c.author} den {long_date(dt.date.fromisoformat(c.date))}" for c in t.material}))
    return Answer(
        9,
        Verdict.NOT_MET,
        f"{org.genitive} plan har ändrats i sak efter beslutet utan nytt beslut"
        + (f" ({who})" if who else "")
        + (f": {'; '.join(examined.changes[:3])}." if examined.changes else "."),
        ev,
    )
