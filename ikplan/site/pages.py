"""Addresses and page contexts of the site.

Addresses are built from ids and years only, so a link to a nämnd's plan for 2025 stays valid when
the plan changes: `socialnamnden/2025/`, `socialnamnden/risk/sn-boende.html`,
`kontrollmoment/attest.html`. Every context is put together from what the report contexts, the
sammanställning and the histories already computed; nothing here counts or judges.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from typing import Any

from ikplan.checking.validate import Checked


def slug(text: str) -> str:
    """An address part from a name or id: ASCII letters, digits and hyphens ('Socialnämnden' →
    'socialnamnden', 'delår' → 'delar', 'R1.2' → 'r1-2')."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    ascii_text = "".join(c for c in folded if not unicodedata.combining(c)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-") or "x"


def unique_slugs(names: list[str]) -> dict[str, str]:
    """A slug per name; two names that fold to the same slug get -2, -3 in sorted order."""
    out: dict[str, str] = {}
    used: set[str] = set()
    for name in sorted(set(names)):
        base = slug(name)
        candidate, n = base, 2
        while candidate in used:
            candidate, n = f"{base}-{n}", n + 1
        used.add(candidate)
        out[name] = candidate
    return out


def rel(from_page: str, to: str) -> str:
    """The relative link from the page at `from_page` to `to` (both relative to the site root;
    a folder ends in '/' and is linked as its index.html, which works from file:// too)."""
    if to.endswith("/"):
        to += "index.html"
    start = posixpath.dirname(from_page) or "."
    return posixpath.relpath(to, start)


def plan_address(board_slug: str, year: int) -> str:
    return f"{board_slug}/{year}/"


def risk_address(board_slug: str, risk_id: str) -> str:
    return f"{board_slug}/risk/{slug(risk_id)}.html"


def common_address(common_id: str) -> str:
    return f"kontrollmoment/{slug(common_id)}.html"


def period_file(period_id: str) -> str:
    return slug(period_id)


def followed_up_periods(checked: Checked) -> list[tuple[str, str]]:
    """The kommun's periods (id, name), in its order, for which the plan has any follow-up: a report
    for a period without one would be empty of results."""
    assert checked.plan is not None and checked.settings is not None
    p = checked.plan
    out = []
    for period in checked.settings.periods:
        if any(period.id in r.follow_up for r in p.risks) or any(
            period.id in c.follow_up for *_, c in p.all_controls()
        ):
            out.append((period.id, period.name))
    return out


def plan_digest(checked: Checked, plan_ctx: dict[str, Any], period_ctxs: list[dict[str, Any]]) -> dict[str, Any]:
    """What the pages beyond the plan's own (histories, start page) show of one plan, taken from its
    report contexts. Kept as JSON between builds, so an unchanged plan is not read again."""
    assert checked.plan is not None
    plan = checked.plan
    results: dict[str, dict[str, Any]] = {}
    risk_results: dict[str, dict[str, Any]] = {}
    for ctx in period_ctxs:
        pid = ctx["period"]["id"]
        for area in ctx["areas"]:
            for row in area["rows"]:
                results.setdefault(row["id"], {})[pid] = {
                    "outcome": row["outcome"],
                    "result": row["result"],
                    "actions": [a["line"] for a in row["actions"]],
                }
        for row in ctx["critical_risks"]:
            risk_results.setdefault(row["id"], {})[pid] = {
                "outcome": f"Följer plan: {row['follows_plan']}",
                "result": row["comment"],
                "actions": [a["line"] for a in row["actions"]],
            }
    risks = []
    for model, shown in zip(plan.risks, plan_ctx["risks"], strict=True):
        risks.append(
            {
                "id": model.id,
                "title": shown["title"],
                "area": shown["area"],
                "description": shown["description"],
                "value": shown["value"],
                "band": shown["band"],
                "critical": shown["critical"],
                "handling": shown["handling"],
                "results": risk_results.get(model.id, {}),
                "controls": [
                    {
                        "id": c.id,
                        "common": c.common_id or "",
                        "label": sc["label"],
                        "description": sc["description"],
                        "results": results.get(c.id, {}),
                    }
                    for c, sc in zip(model.controls, shown["controls"], strict=True)
                ],
            }
        )
    return {
        "board": plan.board,
        "year": plan.year,
        "title": plan_ctx["doc"]["title"],
        "case_number": plan_ctx["plan"]["case_number"],
        "adopted": plan_ctx["plan"]["adopted"],
        "periods": [
            {
                "id": ctx["period"]["id"],
                "name": ctx["period"]["name"],
                "title": ctx["doc"]["title"],
                "sentences": ctx["summary"]["all"],
            }
            for ctx in period_ctxs
        ],
        "risks": risks,
        "words": plan_ctx["words"],
    }


def risk_histories(digests: list[dict[str, Any]], slugs: dict[str, str]) -> list[dict[str, Any]]:
    """One history per (nämnd, risk id), oldest year first, as `ikplan history` keys them."""
    by_key: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for d in sorted(digests, key=lambda d: (d["board"], d["year"])):
        for r in d["risks"]:
            names = {p["id"]: p["name"] for p in d["periods"]}
            rows = [
                {"label": "Risken", "period": names.get(pid, pid), "result": res} for pid, res in r["results"].items()
            ]
            rows += [
                {"label": c["label"], "period": names.get(pid, pid), "result": res}
                for c in r["controls"]
                for pid, res in c["results"].items()
            ]
            by_key.setdefault((d["board"], r["id"]), []).append(
                {"year": d["year"], "digest": d, "risk": r, "rows": rows}
            )
    out = []
    for (board, rid), years in sorted(by_key.items()):
        out.append(
            {
                "board": board,
                "id": rid,
                "address": risk_address(slugs[board], rid),
                "title": years[-1]["risk"]["title"] or rid,
                "years": years,
            }
        )
    return out


def common_histories(
    digests: list[dict[str, Any]], required: list[tuple[str, str]], slugs: dict[str, str]
) -> list[dict[str, Any]]:
    """Per kommungemensamt kontrollmoment: every nämnd's kontrollmoment with that id, per year."""
    names = dict(required)
    found: dict[str, list[dict[str, Any]]] = {cid: [] for cid, _ in required}
    for d in sorted(digests, key=lambda d: (d["year"], d["board"])):
        for r in d["risks"]:
            for c in r["controls"]:
                if c["common"]:
                    found.setdefault(c["common"], []).append(
                        {
                            "year": d["year"],
                            "board": d["board"],
                            "board_slug": slugs[d["board"]],
                            "control": c,
                            "names": {p["id"]: p["name"] for p in d["periods"]},
                        }
                    )
    out = []
    for cid, rows in found.items():
        years = sorted({row["year"] for row in rows}, reverse=True)
        out.append(
            {
                "id": cid,
                "name": names.get(cid, cid),
                "address": common_address(cid),
                "years": [{"year": y, "rows": [row for row in rows if row["year"] == y]} for y in years],
            }
        )
    return sorted(out, key=lambda h: h["id"])
