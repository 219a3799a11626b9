"""The Swedish summary sentences of a follow-up report, computed from the data."""

from __future__ import annotations

from ikplan.followup.status import ItemStatus, PlanStatus
from ikplan.plan.types import ActionStatus, Handling
from ikplan.swedish import capitalize, join, number, plural

_REMARK_PHRASES = {
    "mindre_anmärkning": "med mindre anmärkning",
    "väsentlig_anmärkning": "med väsentlig anmärkning",
}

_HANDLING_PHRASES = {
    Handling.IMPROVEMENT: "omhändertas i det systematiska förbättringsarbetet",
    Handling.CONTROL: "hanteras genom kontrollmoment i internkontrollplanen",
    Handling.ACTION: "hanteras genom åtgärder i verksamhetsplanen",
}


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
        return [f"Inget av de {number(total)} kontrollmomenten har ännu följts upp för {period}."]
    out: list[str] = []
    clean = by_code.get("utan_anmärkning", [])
    if clean:
        if len(clean) == total:
            what = "det enda kontrollmomentet" if total == 1 else f"samtliga {number(total)} kontrollmoment"
            out.append(f"För {what} är granskningen gjord utan anmärkning.")
        else:
            out.append(
                f"För {number(len(clean))} av {number(total)} kontrollmoment är granskningen gjord utan anmärkning."
            )
    remarks: list[ItemStatus] = []
    for code, phrase in _REMARK_PHRASES.items():
        items = by_code.get(code, [])
        if items:
            n = len(items)
            out.append(f"I {number(n)} {plural(n, 'fall', 'fall')} är granskningen gjord {phrase}.")
            remarks += items
    if remarks:
        out.append(f"Det gäller {_labels(remarks)}.")
    not_done = by_code.get("ej_genomförd", [])
    if not_done:
        out.append(f"Granskningen är inte genomförd för {_labels(not_done)}.")
    if missing:
        out.append(f"För {_labels(missing)} saknas ännu resultat för {period}.")
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
    if missing:
        names = join([_risk_name(i) for i in missing])
        parts.append(f"För {names} saknas uppföljning.")
    return " ".join(parts)


def action_sentence(actions_total: int, done: int, started: int, not_started: int, unknown: int) -> str:
    """'Av de fyra åtgärderna är två genomförda, en påbörjad och en inte påbörjad.'"""
    if actions_total == 0:
        return "Det finns inga åtgärder från tidigare perioder att följa upp."
    parts = []
    if done:
        parts.append(f"{number(done, neuter=False)} {plural(done, 'genomförd', 'genomförda')}")
    if started:
        parts.append(f"{number(started, neuter=False)} {plural(started, 'påbörjad', 'påbörjade')}")
    if not_started:
        parts.append(f"{number(not_started, neuter=False)} inte {plural(not_started, 'påbörjad', 'påbörjade')}")
    if unknown:
        parts.append(f"{number(unknown, neuter=False)} utan angiven status")
    head = (
        "Den enda åtgärden är" if actions_total == 1 else f"Av de {number(actions_total, neuter=False)} åtgärderna är"
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
