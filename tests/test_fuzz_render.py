"""Property-based: valid plans with any text render in every command and format, never a traceback.

Text includes Markdown, HTML and Jinja syntax; it must come out as text.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from ikplan.checking.validate import Checker
from ikplan.followup.scoring import heat_map, score_plan
from ikplan.followup.status import plan_status
from ikplan.reporting.context import build_context
from ikplan.reporting.render import default_template, render_docx, render_text
from ikplan.reporting.views import (
    score_json,
    score_markdown,
    score_terminal,
    status_json,
    status_markdown,
    status_terminal,
)
from ikplan.review.diff import diff_plans
from ikplan.review.diff_views import as_json, markdown, terminal
from ikplan.review.flatten import flat_lines

PIECES = [*"abcåäö ABC|<>{}%#*_[]`\\-1.&'\"", "{{ x }}", "<script>", "{% if %}", "\n", "\n\n", "- ", "1. "]
TEXT = st.lists(st.sampled_from(PIECES), min_size=1, max_size=20).map("".join).filter(lambda t: t.strip() != "")
OUTCOMES = ["utan anmärkning", "med mindre anmärkning", "med väsentlig anmärkning", "ej genomförd"]


@st.composite
def plans(draw: st.DrawFn) -> dict:  # type: ignore[type-arg]
    n = draw(st.integers(0, 4))
    risks = []
    for i in range(n):
        s = draw(st.none() | st.integers(1, 4))
        k = None if s is None else draw(st.integers(1, 4))
        risk: dict = {"id": f"R{i}", "beskrivning": draw(TEXT), "process": draw(TEXT)}  # type: ignore[type-arg]
        if s is not None:
            risk |= {"sannolikhet": s, "konsekvens": k}
        risk["hantering"] = ["kontrollmoment"]
        controls = []
        for j in range(draw(st.integers(0, 2))):
            control: dict = {  # type: ignore[type-arg]
                "id": f"K{i}-{j}",
                "nummer": j + 1,
                "beskrivning": draw(TEXT),
                "kontrollmetod": draw(TEXT | st.lists(TEXT, min_size=1, max_size=3)),
                "ansvarig": draw(TEXT),
            }
            if draw(st.booleans()):
                control["namn"] = draw(TEXT)
            if draw(st.booleans()):
                control["uppföljning"] = {
                    draw(st.sampled_from(["delår", "helår"])): {
                        "resultat": draw(st.sampled_from(OUTCOMES)),
                        "kommentar": draw(TEXT),
                        "åtgärder": [
                            {
                                "beskrivning": draw(TEXT),
                                "slutdatum": draw(st.sampled_from(["hösten 2025", "löpande", dt.date(2025, 3, 1)])),
                                "status": draw(st.sampled_from(["påbörjad", "genomförd", "ej påbörjad"])),
                                "sekretess": draw(st.booleans()),
                            }
                        ],
                    }
                }
            controls.append(control)
        if controls:
            risk["kontrollmoment"] = controls
        else:  # 'kontrollmoment' without one is no handling of a critical risk (IK103)
            risk["hantering"] = ["förbättringsarbete"]
        if draw(st.booleans()):
            risk["uppföljning"] = {
                "delår": {"följer_plan": draw(st.sampled_from(["ja", "nej"])), "kommentar": draw(TEXT)}
            }
        risks.append(risk)
    return {
        "schemaversion": 1,
        "nämnd": draw(TEXT).replace("\n", " ").strip() or "N",
        "år": 2025,
        "risker": risks,
        "rapporter": {"delår": {"ärendet": draw(TEXT), "sekretess": [draw(TEXT)]}},
    }


def _check(data: dict):  # type: ignore[no-untyped-def, type-arg]
    raw = yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode()
    checked = Checker().check_bytes(raw, "fuzz.yaml")
    assert checked.ok, checked.findings
    return checked


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(plans(), plans())
def test_every_view_renders(a: dict, b: dict) -> None:  # type: ignore[type-arg]
    day = dt.date(2026, 1, 1)
    console = Console(file=io.StringIO(), width=100)
    for checked in (_check(a), _check(b)):
        scored = score_plan(checked)
        assert checked.settings is not None
        heats = [heat_map(checked.settings.matrix, scored)]
        score_json(scored)
        score_markdown(scored, heats, False, True)
        score_terminal(console, scored, heats, False, False)
        for period in ("delår", "helår"):
            status = [plan_status(checked, period, day)]
            status_json(status)
            status_markdown(status)
            status_terminal(console, status)
        for period in ("delår", "helår", "plan"):
            for public in (False, True):
                ctx = build_context(checked, period, day=day, public=public)
                md = render_text(ctx, default_template(ctx["kind"], "md"), "md")
                html = render_text(ctx, default_template(ctx["kind"], "html"), "html")
                assert "<script>" not in md, md
                assert "<script>" not in html, html
        render_docx(build_context(checked, "delår", day=day), default_template("uppföljning", "docx"))
        flat_lines(checked.plan)  # type: ignore[arg-type]
    diffs = [diff_plans("fuzz.yaml", _check(a), _check(b))]
    markdown(diffs, "a → b")
    as_json(diffs)
    terminal(console, diffs, "a → b")
