"""The granskning of a kommun for one year: every organisation, every question, the kommun's verdicts."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from typing import Any

from ikplan.audit import Answer, Evidence, Verdict, combined, question_titles
from ikplan.audit.questions import (
    Org,
    actions_for_deficiencies,
    adoption,
    carried_forward,
    covered,
    documented,
    reported,
    risk_analysis,
    scale,
    unchanged,
)
from ikplan.checking.validate import Checked, Checker
from ikplan.swedish import capitalize, join, number_words

# What "k of n organisations" did, per question, as the kommun's sentence says it.
_DID = {
    1: "en riskanalys som grund för planen",
    2: "antagit sin plan i tid och som eget beslut",
    3: "fått uppföljningen i tid",
    4: "en åtgärd med ansvarig och slutdatum för varje brist",
    5: "fört förra årets brister vidare till årets plan",
    6: "dokumenterat alla sina kontrollmoment",
    7: "en internkontrollplan för året",
    8: "en definition för varje resultatord",
    9: "kvar planen som den antogs",
}
_VERB = {1: "har", 2: "har", 3: "har", 4: "har", 5: "har", 6: "har", 7: "har", 8: "har", 9: "har"}
_NOUNS = {
    "nämnd": ("nämnd", "nämnder", False),
    "bolag": ("bolag", "bolag", True),
    "utskott": ("utskott", "utskott", True),
}


@dataclass
class Audit:
    municipality: str
    year: int
    as_of: dt.date
    orgs: list[Org]
    answers: dict[str, list[Answer]]  # per organisation name, questions 1–9 in order
    kommun: list[Answer] = field(default_factory=list)  # questions 1–10 for the kommun
    notes: list[str] = field(default_factory=list)

    def verdict_counts(self) -> dict[str, int]:
        out = {v.code: 0 for v in Verdict}
        for a in self.kommun:
            out[a.verdict.code] += 1
        return out

    def as_json(self) -> dict[str, Any]:
        return {
            "kommun": self.municipality,
            "år": self.year,
            "datum": self.as_of.isoformat(),
            "frågor": {str(q): t for q, t in question_titles(self.municipality).items()},
            "kommunen": [a.as_json() for a in self.kommun],
            "organisationer": [
                {
                    "namn": o.name,
                    "typ": o.kind,
                    "plan": o.plan.file if o.plan else None,
                    "svar": [a.as_json() for a in self.answers[o.name]],
                }
                for o in self.orgs
            ],
            "notiser": self.notes,
        }


def _key(name: str) -> str:
    import unicodedata

    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def _config_line(path: str | None, needle: str) -> int:
    """The line of ikplan.yaml where `needle` first stands (0 when it does not)."""
    if not path:
        return 0
    try:
        with open(path, encoding="utf-8-sig") as fh:
            for i, line in enumerate(fh, start=1):
                if needle in line:
                    return i
    except (OSError, UnicodeDecodeError):
        pass
    return 0


def build_audit(plans: list[Checked], checker: Checker, year: int | None, as_of: dt.date) -> Audit:
    """Answer every question for every organisation of the kommun (ikplan.yaml's `nämnder:` first, then
    any other nämnd that has a plan) for `year` (default: the latest year among the plans)."""
    usable = [c for c in plans if c.plan is not None and c.settings is not None]
    years = sorted({c.plan.year for c in usable if c.plan is not None})
    if year is None:
        year = years[-1] if years else as_of.year
    this = {_key(c.plan.board): c for c in usable if c.plan is not None and c.plan.year == year}
    last = {_key(c.plan.board): c for c in usable if c.plan is not None and c.plan.year == year - 1}
    first = next(iter(this.values()), None) or (usable[0] if usable else None)
    settings = first.settings.settings if first is not None and first.settings is not None else None
    config = settings.config if settings is not None else None
    config_path = settings.config_path if settings is not None else None
    shown_config = os.path.relpath(config_path) if config_path else None
    orgs: list[Org] = []
    seen: set[str] = set()
    for entry in config.organisations if config is not None else []:
        k = _key(entry.name)
        if k in seen:
            continue
        seen.add(k)
        line = _config_line(config_path, entry.name)
        listed = Evidence(f"{entry.kind} i ikplan.yaml", shown_config, line)
        orgs.append(Org(entry.name, entry.kind, year, this.get(k), last.get(k), listed))
    for k, c in sorted(this.items()):
        if k not in seen and c.plan is not None:
            seen.add(k)
            orgs.append(Org(c.plan.board, "nämnd", year, c, last.get(k), None))
    notes: list[str] = []
    from ikplan.audit.unchanged import examine

    current: list[tuple[str, Checked | None]] = [(o.plan.file, o.plan) for o in orgs if o.plan is not None]
    examined = examine(current, checker, notes)
    problem = notes[0].split(": ", 1)[1] if notes else None
    audit_cfg = config.audit if config is not None else None
    within = audit_cfg.report_within_days if audit_cfg is not None else 60
    definitions = config.result_definitions if config is not None else {}
    defs_at = Evidence(
        "resultatdefinitioner i ikplan.yaml", shown_config, _config_line(config_path, "resultatdefinitioner")
    )
    answers: dict[str, list[Answer]] = {}
    for o in orgs:
        answers[o.name] = [
            risk_analysis(o),
            adoption(o, audit_cfg.adopted_by if audit_cfg is not None else None),
            reported(o, within, as_of),
            actions_for_deficiencies(o, as_of),
            carried_forward(o),
            documented(o),
            covered(o, config is not None and bool(config.organisations)),
            scale(o, definitions, defs_at if definitions else None),
            unchanged(o, examined.get(o.plan.file) if o.plan is not None else None, problem),
        ]
    municipality = (config.municipality if config is not None else None) or next(
        (c.plan.municipality for c in this.values() if c.plan is not None and c.plan.municipality), ""
    )
    audit = Audit(municipality or "", year, as_of, orgs, answers, notes=notes)
    for q in range(1, 10):
        audit.kommun.append(_kommun_answer(q, orgs, answers, config is not None and bool(config.organisations)))
    audit.kommun.append(summary_answer(usable, orgs, config, year, as_of, shown_config, config_path))
    return audit


def _orgs_phrase(orgs: list[Org]) -> tuple[str, bool]:
    """'sex nämnder', 'fem nämnder och bolag': the noun for a count of these organisations."""
    kinds = [k for k in _NOUNS if any(o.kind == k for o in orgs)] or ["nämnd"]
    if len(kinds) == 1:
        one, many, neuter = _NOUNS[kinds[0]]
        return (one if len(orgs) == 1 else many), neuter
    return join([_NOUNS[k][1] for k in kinds]), False


def _kommun_answer(q: int, orgs: list[Org], answers: dict[str, list[Answer]], listed: bool) -> Answer:
    mine = [(o, answers[o.name][q - 1]) for o in orgs]
    judged = [(o, a) for o, a in mine if a.verdict is not Verdict.UNKNOWN]
    verdict = combined([a.verdict for _, a in mine])
    if q == 7 and not listed:
        verdict = Verdict.UNKNOWN if not judged else Verdict.PARTLY
    evidence = [e for _, a in mine if a.verdict is not Verdict.MET for e in a.evidence[:3]]
    if not judged:
        why = "ikplan.yaml listar inga nämnder och inga planer finns" if not orgs else mine[0][1].text
        return Answer(q, Verdict.UNKNOWN, why, evidence)
    noun, neuter = _orgs_phrase([o for o, _ in judged])
    met = sum(1 for o, a in judged if (o.plan is not None if q == 7 else a.verdict is Verdict.MET))
    none = "inget" if neuter else "ingen"
    head = (
        f"Av {number_words(len(judged), neuter)} {noun} {_VERB[q]} {number_words(met, neuter) if met else none} {_DID[q]}."
        if len(judged) > 1
        else judged[0][1].text
    )
    if q == 7:
        bolag = [o for o, _ in judged if o.kind == "bolag"]
        if bolag:
            covered_bolag = sum(1 for o in bolag if o.plan is not None)
            has = number_words(covered_bolag, True) if covered_bolag else "inget"
            head += f" Av dem är {number_words(len(bolag), True)} bolag, och {has} av dem har en plan."
    rest = [a.text for _, a in judged if a.verdict is not Verdict.MET] if len(judged) > 1 else []
    if q == 7 and not listed:
        rest.append(
            "ikplan.yaml listar inte kommunens nämnder och bolag (nämnder:), så det går inte att se vem som saknas."
        )
    text = " ".join([head, *rest])
    return Answer(q, verdict, text, evidence)


def summary_answer(
    plans: list[Checked],
    orgs: list[Org],
    config: Any,
    year: int,
    as_of: dt.date,
    shown_config: str | None,
    config_path: str | None,
) -> Answer:
    """10. Kommunstyrelsen: is the sammanställning for the year recorded, and does it cover everyone?"""
    from ikplan.followup.kommun import build_summary
    from ikplan.followup.status import year_end_period
    from ikplan.swedish import governing_board

    report = config.report.summary if config is not None else None
    made = report is not None and report.year == year and bool(report.case_number)
    made_at = Evidence(
        f"sammanställningen {report.case_number}"
        if made and report is not None
        else "rapport: sammanställning i ikplan.yaml",
        shown_config,
        _config_line(config_path, "sammanställning"),
    )
    this = [c for c in plans if c.plan is not None and c.plan.year == year]
    if not this:
        return Answer(10, Verdict.UNKNOWN, f"Det finns inga planer för {year} att sammanställa.", [made_at])
    assert this[0].settings is not None
    period = year_end_period(this[0].settings, year)  # as summary without --period: helår, or tertial3
    s = build_summary(this, period, as_of, year=year, boards=config.boards if config is not None else None)
    unreported = [r.board for r in s.rows if r.status.reported < r.planned]
    gaps = [*s.missing_plan, *unreported]
    covers = not gaps
    said = []
    if made and report is not None:
        board = governing_board(config.municipality if config is not None else None)
        said.append(f"{board}s sammanställning för {year} finns ({report.case_number})")
    else:
        said.append(
            f"Ingen sammanställning för {year} är förd in i ikplan.yaml (rapport: sammanställning: år, diarienummer)"
        )
    if s.missing_plan:
        said.append(f"{join(s.missing_plan)} saknar plan")
    if unreported:
        said.append(f"{join(unreported)} har inte rapporterat alla kontrollmoment vid {s.period_name.lower()}")
    if covers:
        has_bolag = any(o.kind == "bolag" for o in orgs)
        if len(s.rows) == 1:  # "alla en nämnder" is no Swedish
            said.append(f"den omfattar {'organisationens' if has_bolag else 'nämndens'} plan")
        else:
            said.append(
                f"den omfattar alla {number_words(len(s.rows), False)} {'nämnder och bolag' if has_bolag else 'nämnder'}"
            )
    verdict = Verdict.MET if made and covers else Verdict.NOT_MET if not made and not covers else Verdict.PARTLY
    evidence = [
        made_at,
        *(
            Evidence(f"{r.board}: {r.status.reported} av {r.planned} rapporterade", r.file, 1)
            for r in s.rows
            if r.board in unreported
        ),
    ]
    return Answer(10, verdict, capitalize("; ".join(said)) + ".", evidence)
