"""The Swedish summary sentences of a follow-up report, computed from the data."""

from __future__ import annotations

from ikplan.followup.status import ItemStatus, PlanStatus
from ikplan.plan.types import OUTCOME_WORDS, ActionStatus, Handling
from ikplan.swedish import capitalize, in_digits, join, number, plural

_REMARK_PHRASES = {
    "mindre_anmärkning": "med mindre anmärkning",
    "väsentlig_anmärkning": "med väsentlig anmärkning",
}

_HANDLING_PHRASES = {
    Handling.IMPROVEMENT: "omhändertas i det systematiska förbättringsarbetet",
    Handling.CONTROL: "hanteras genom kontrollmoment i internkontrollplanen",
    Handling.ACTION: "hanteras genom åtgärder i verksamhetsplanen",
}


def _all_controls(total: int) -> str:
    """'det enda kontrollmomentet', 'båda kontrollmomenten', 'samtliga nio kontrollmoment'."""
    if total == 1:
        return "det enda kontrollmomentet"
    return "båda kontrollmomenten" if total == 2 else f"samtliga {number(total)} kontrollmoment"


def _labels(items: list[ItemStatus]) -> str:
    return join([i.label for i in items])


def outcome_sentences(status: PlanStatus) -> list[str]:
    """E.g. 'För sju av nio kontrollmoment är granskningen gjord utan anmärkning.'"""
    controls = status.controls
    total = len(controls)
    if total == 0:
        return []
    by_code: dict[str, list[ItemStatus]] = {}
    for item in controls:
        by_code.setdefault(item.outcome_code, []).append(item)
    period = status.period.name.lower()
    missing = by_code.get("saknas", [])
    if len(missing) == total:
        if total == 1:
            return [f"Det enda kontrollmomentet har ännu inte följts upp för {period}."]
        return [f"Inget av de {number(total)} kontrollmomenten har ännu följts upp för {period}."]
    out: list[str] = []
    clean = by_code.get("utan_anmärkning", [])
    if clean and not _own_word(status, "utan_anmärkning"):
        if len(clean) == total:
            what = _all_controls(total)
            out.append(f"För {what} är granskningen gjord utan anmärkning.")
        else:
            d = in_digits(len(clean), total)
            out.append(
                f"För {number(len(clean), digits=d)} av {number(total, digits=d)} kontrollmoment"
                " är granskningen gjord utan anmärkning."
            )
    remarks: list[ItemStatus] = []
    for code, phrase in _REMARK_PHRASES.items():
        items = by_code.get(code, [])
        if items and not _own_word(status, code):
            n = len(items)
            out.append(f"I {number(n)} {plural(n, 'fall', 'fall')} är granskningen gjord {phrase}.")
            remarks += items
    for code in ("utan_anmärkning", *_REMARK_PHRASES, "utförd", "utförd_med_avvikelse"):
        items = by_code.get(code, [])
        if items and (_own_word(status, code) or code.startswith("utförd")):
            out.append(_result_sentence(status, code, len(items), total))
            if code not in ("utan_anmärkning", "utförd"):
                remarks += items
    if remarks:
        out.append(f"Det gäller {_labels(remarks)}.")
    not_done = by_code.get("ej_genomförd", [])
    if not_done and not _own_word(status, "ej_genomförd"):
        out.append(f"Granskningen är inte genomförd för {_labels(not_done)}.")
    elif not_done:
        out.append(f"För {_labels(not_done)} är resultatet ”{status.result_word('ej_genomförd')}”.")
    if missing:
        out.append(f"För {_labels(missing)} saknas ännu resultat för {period}.")
    return out


def _own_word(status: PlanStatus, code: str) -> bool:
    """Whether the kommun's ordlista names this result with a word of its own."""
    return status.result_word(code) != OUTCOME_TEXT.get(code, code)


OUTCOME_TEXT = OUTCOME_WORDS


def _result_sentence(status: PlanStatus, code: str, n: int, total: int) -> str:
    """'För 12 av 16 kontrollmoment är resultatet ”Ingen avvikelse”.' or 'Kontrollen är utförd för …'."""
    d = in_digits(n, total)
    share = (
        "det enda kontrollmomentet"
        if total == 1
        else f"{number(n, digits=d)} av {number(total, digits=d)} kontrollmoment"
    )
    if n == total and total > 1:
        share = _all_controls(total)
    if _own_word(status, code):
        return f"För {share} är resultatet ”{status.result_word(code)}”."
    phrase = "utförd" if code == "utförd" else "utförd med avvikelse"
    return f"Kontrollen är {phrase} för {share}."


def followup_sentences(status: PlanStatus) -> list[str]:
    """What else the plan follows up: stickprov and tillfällen, risks without kontrollmoment, åtgärder by beslutsår."""
    out: list[str] = []
    for item in status.controls:
        out += _sample_sentences(item)
    out += _other_risk_sentences(status)
    out += _action_year_sentences(status)
    out += _deviation_sentences(status)
    return out


def _deviation_sentences(status: PlanStatus) -> list[str]:
    """'Under året noterades fem avvikelser i två kontrollmoment.' (noterade_avvikelser)"""
    counts = status.deviation_counts
    total, where = counts["totalt"], len(counts["per_kontrollmoment"])
    if not total:
        return []
    d = in_digits(total, where)
    noun = "avvikelse" if total == 1 else "avvikelser"
    return [
        f"Under året noterades {number(total, neuter=False, digits=d)} {noun} i "
        f"{number(where, digits=d)} kontrollmoment."
    ]


def _sample_sentences(item: ItemStatus) -> list[str]:
    s = item.samples
    out: list[str] = []
    label = capitalize(item.label)
    missed = s.get("tillfällen_ej_utförda")
    if missed:
        planned = s["tillfällen"]
        d = in_digits(missed, planned)
        out.append(
            f"{label} kontrollerades inte vid {number(missed, digits=d)} av {number(planned, digits=d)} tillfällen."
        )
    elif s.get("tillfällen"):
        n = s["tillfällen"]
        out.append(
            f"{label} kontrollerades vid {'båda tillfällena' if n == 2 else f'samtliga {number(n)} tillfällen'}."
            if n > 1
            else f"{label} kontrollerades vid det enda tillfället."
        )
    if s.get("granskade"):
        what = item.control.samples_of if item.control and item.control.samples_of else "poster"
        ok, sampled = s["korrekta"], s["granskade"]
        d = in_digits(ok, sampled)
        out.append(
            f"Av {number(sampled, neuter=False, digits=d)} granskade {what} var {number(ok, neuter=False, digits=d)}"
            f" ({s['andel_korrekta']} %) korrekta."
        )
    return out


def _other_risk_sentences(status: PlanStatus) -> list[str]:
    """Risks that are not critical and have no kontrollmoment, when the follow-up says anything of them."""
    others = [i for i in status.other_risks if i.follows_plan_code != "saknas"]
    if not others:
        return []
    n = len(status.other_risks)
    yes = sum(1 for i in status.other_risks if i.follows_plan_code == "ja")
    d = in_digits(n, yes)
    if n == 1:
        return [
            "Den övriga risken har hanterats enligt plan."
            if yes
            else "Den övriga risken har inte hanterats enligt plan."
        ]
    return [
        f"Av de {number(n, neuter=False, digits=d)} övriga riskerna har {number(yes, neuter=False, digits=d)}"
        " hanterats enligt plan."
    ]


def _action_year_sentences(status: PlanStatus) -> list[str]:
    """'Av de 25 åtgärderna från 2016 är 19 genomförda och 6 påbörjade.' for every earlier beslutsår."""
    out = []
    own = [
        a.action.status
        for a in status.all_actions
        if a.placed.period is None and (a.action.decided_year or status.plan.year) >= status.plan.year
    ]
    if own:
        sentence = action_sentence(len(own), *count_statuses(own))
        out.append(
            sentence.replace("Den enda åtgärden", "Den enda åtgärden i årets plan")
            if len(own) == 1
            else sentence.replace("åtgärderna är", "åtgärderna i årets plan är", 1)
        )
    for year, counts in status.action_counts["per_beslutsår"].items():
        if int(year) >= status.plan.year:
            continue
        sentence = action_sentence(
            counts["totalt"], counts["genomförd"], counts["påbörjad"], counts["ej_påbörjad"], counts["utan_status"]
        )
        if counts["totalt"] == 1:
            out.append(sentence.replace("Den enda åtgärden", f"Den enda åtgärden från {year}"))
        else:
            out.append(sentence.replace("åtgärderna är", f"åtgärderna från {year} är", 1))
    return out


def critical_sentences(status: PlanStatus) -> list[str]:
    """The critical-risk paragraph of a 'följer plan' follow-up (the KS seed)."""
    plan = status.plan
    total = plan.risk_count if plan.risk_count is not None else len(plan.risks)
    critical = status.critical_risks
    n = len(critical)
    out = [
        f"I nämndens internkontrollplan {plan.year} hanterades {number(total, neuter=False)} {plural(total, 'risk', 'risker')}."
    ]
    if n == 0:
        out.append("Ingen av dessa risker har ett riskvärde som värderar risken som kritisk.")
        return out
    if n == 1:
        out.append("En av dessa risker har ett riskvärde som värderar risken som kritisk.")
    else:
        out.append(
            f"{capitalize(number(n, neuter=False))} av dessa risker har ett riskvärde som värderar risken som kritisk."
        )
    handlings = {h for item in critical for h in item.risk.handling if h is not Handling.ACCEPT}
    if len(handlings) == 1:
        phrase = _HANDLING_PHRASES[handlings.pop()]
        subject = "Den kritiska risken" if n == 1 else "De kritiska riskerna"
        out.append(f"{subject} ska {phrase}.")
    return out


def _risk_name(item: ItemStatus) -> str:
    r = item.risk
    return f"risken {r.title or r.process or r.id}"


def conclusion(status: PlanStatus) -> str | None:
    """'Sammanställningen visar att de kritiska riskerna har hanterats enligt plan.' only when true."""
    critical = status.critical_risks
    if not critical:
        return None
    yes = [i for i in critical if i.follows_plan_code == "ja"]
    no = [i for i in critical if i.follows_plan_code == "nej"]
    partly = [i for i in critical if i.follows_plan_code == "delvis"]
    missing = [i for i in critical if i.follows_plan_code == "saknas"]
    n = len(critical)
    if len(yes) == n:
        if n == 1:
            return "Sammanställningen visar att den kritiska risken har hanterats enligt plan."
        return "Sammanställningen visar att de kritiska riskerna har hanterats enligt plan."
    parts = []
    if yes:
        parts.append(
            f"Sammanställningen visar att {number(len(yes), neuter=False)} av {number(n, neuter=False)} kritiska risker har hanterats enligt plan."
        )
    if no:
        names = join([_risk_name(i) for i in no])
        parts.append(f"{capitalize(names)} har inte hanterats enligt plan.")
    if partly:
        names = join([_risk_name(i) for i in partly])
        parts.append(f"{capitalize(names)} har delvis hanterats enligt plan.")
    if missing:
        names = join([_risk_name(i) for i in missing])
        parts.append(f"För {names} saknas uppföljning.")
    return " ".join(parts)


def action_sentence(actions_total: int, done: int, started: int, not_started: int, unknown: int) -> str:
    """'Av de fyra åtgärderna är två genomförda, en påbörjad och en inte påbörjad.'"""
    if actions_total == 0:
        return "Det finns inga åtgärder från tidigare perioder att följa upp."
    d = in_digits(actions_total, done, started, not_started, unknown)
    parts = []
    if done:
        parts.append(f"{number(done, neuter=False, digits=d)} {plural(done, 'genomförd', 'genomförda')}")
    if started:
        parts.append(f"{number(started, neuter=False, digits=d)} {plural(started, 'påbörjad', 'påbörjade')}")
    if not_started:
        parts.append(
            f"{number(not_started, neuter=False, digits=d)} inte {plural(not_started, 'påbörjad', 'påbörjade')}"
        )
    if unknown:
        parts.append(f"{number(unknown, neuter=False, digits=d)} utan angiven status")
    head = (
        "Den enda åtgärden är"
        if actions_total == 1
        else f"Av de {number(actions_total, neuter=False, digits=d)} åtgärderna är"
    )
    if actions_total == 1:
        return f"{head} {parts[0].split(' ', 1)[1]}."
    return f"{head} {join(parts)}."


def count_statuses(statuses: list[ActionStatus | None]) -> tuple[int, int, int, int]:
    return (
        sum(1 for s in statuses if s is ActionStatus.DONE),
        sum(1 for s in statuses if s is ActionStatus.STARTED),
        sum(1 for s in statuses if s is ActionStatus.NOT_STARTED),
        sum(1 for s in statuses if s is None),
    )
