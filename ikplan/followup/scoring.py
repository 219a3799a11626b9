"""Risk scoring: riskvärde, band and criticality of every risk, and the heat map."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ikplan.checking.validate import Checked
from ikplan.plan.config import RiskMatrix, colour_hex
from ikplan.plan.model import Plan, Risk


@dataclass(frozen=True)
class ScoredRisk:
    plan: str
    board: str
    risk: Risk
    area: str | None
    likelihood: int | None
    consequence: int | None
    value: int | None
    band: str | None
    colour: str | None
    critical: bool
    area_id: str | None = None
    area_label: str | None = None  # 'Process › Delprocess', as status's område_namn

    @property
    def id(self) -> str:
        return self.risk.id

    @property
    def assessed(self) -> bool:
        return self.value is not None

    def as_json(self) -> dict[str, Any]:
        return {
            "plan": self.plan,
            "nämnd": self.board,
            "id": self.risk.id,
            "område": self.area,
            "process": self.risk.process,
            "beskrivning": self.risk.title or self.risk.description,
            "sannolikhet": self.likelihood,
            "konsekvens": self.consequence,
            "riskvärde": self.value,
            "nivå": self.band,
            "färg": self.colour,
            "kritisk": self.critical,
            # The keys that say what they hold. `beskrivning` (the titel when there is one) and `område`
            # (the område's name here, its id in `status`) keep their meaning until a major version.
            "titel": self.risk.title,
            "riskbeskrivning": self.risk.description,
            "område_id": self.area_id,
            "område_namn": self.area_label,
        }


def area_names(plan: Plan) -> dict[str, str]:
    return {a.id: a.name for a in plan.areas}


def score_risk(
    plan_name: str, plan: Plan, matrix: RiskMatrix, risk: Risk, names: dict[str, str] | None = None
) -> ScoredRisk:
    """One risk scored; `names` is area_names(plan), for a caller that scores many of one plan."""
    value = risk.score
    band = matrix.band_for(value)
    names = names if names is not None else area_names(plan)
    return ScoredRisk(
        plan=plan_name,
        board=plan.board,
        risk=risk,
        area=names.get(risk.area or "", risk.area),
        area_id=risk.area,
        area_label=plan.area_label(risk.area) if risk.area else None,
        likelihood=risk.likelihood,
        consequence=risk.consequence,
        value=value,
        band=band.name if band else None,
        colour=colour_hex(band.colour) if band else None,
        critical=matrix.is_critical(value),
    )


def score_plan(checked: Checked) -> list[ScoredRisk]:
    """Every risk of one checked plan, highest riskvärde first; not yet assessed last."""
    assert checked.plan is not None and checked.settings is not None
    matrix = checked.settings.matrix
    names = area_names(checked.plan)
    scored = [score_risk(checked.file, checked.plan, matrix, r, names) for r in checked.plan.risks]
    return sort_scored(scored)


def sort_scored(scored: list[ScoredRisk]) -> list[ScoredRisk]:
    return sorted(scored, key=lambda s: (s.value is None, -(s.value or 0), s.plan, s.risk.id))


@dataclass
class HeatCell:
    likelihood: int
    consequence: int
    value: int
    band: str | None
    colour: str
    critical: bool
    ids: list[str] = field(default_factory=list)


@dataclass
class HeatMap:
    """The sannolikhet × konsekvens grid; rows from the highest sannolikhet down."""

    matrix: RiskMatrix
    rows: list[list[HeatCell]]
    value_only: list[ScoredRisk]  # risks with a riskvärde but no axes: cannot be placed

    @property
    def likelihood_name(self) -> str:
        return self.matrix.likelihood.name

    @property
    def consequence_name(self) -> str:
        return self.matrix.consequence.name


def heat_map(matrix: RiskMatrix, scored: list[ScoredRisk], qualify: bool = False) -> HeatMap:
    """Place risks in the grid. With `qualify`, ids are prefixed by their nämnd (several plans)."""
    n_l, n_c = matrix.size
    rows: list[list[HeatCell]] = []
    cells: dict[tuple[int, int], HeatCell] = {}
    for lk in range(n_l, 0, -1):
        row = []
        for ck in range(1, n_c + 1):
            value = lk * ck
            band = matrix.band_for(value)
            cell = HeatCell(
                lk,
                ck,
                value,
                band.name if band else None,
                colour_hex(band.colour) if band else ("#bdbdbd" if matrix.bands else "#ffffff"),  # no bands: white
                matrix.is_critical(value),
            )
            cells[(lk, ck)] = cell
            row.append(cell)
        rows.append(row)
    value_only = []
    for s in scored:
        if s.likelihood is not None and s.consequence is not None and (s.likelihood, s.consequence) in cells:
            cells[(s.likelihood, s.consequence)].ids.append(f"{s.board}: {s.id}" if qualify else s.id)
        elif s.value is not None:
            value_only.append(s)
    return HeatMap(matrix, rows, value_only)
