"""The public edition of a plan: every text marked `sekretess` replaced by a note, before any
report, sammanställning, history, granskning or download is made from it.

The report contexts already leave marked text out when asked for the public edition; the
sammanställning, the granskning, the Excel export and the status JSON do not know about
sekretess. Giving all of them the same redacted copy makes the public site safe by construction
instead of by the care of each renderer. The `sekretess` flags stay set, so the reports still say
that something was left out.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator

from ikplan.checking.validate import Checked
from ikplan.plan.model import Control, Plan, Risk
from ikplan.reporting.context import SECRET_NOTE


def secret_texts(plan: Plan) -> Iterator[str]:
    """Every text of `plan` that is marked `sekretess` (what must not reach the public site)."""
    for placed in plan.iter_actions():
        a = placed.action
        if a.secret:
            yield a.description
            if a.comment:
                yield a.comment
    for r in plan.risks:
        holders: list[Risk | Control] = [r, *r.controls]
        for h in holders:
            for f in h.follow_up.values():
                if f.secret and f.comment:
                    yield f.comment
        for c in r.controls:
            for d in c.deviations:
                if d.secret:
                    yield d.description
                    if d.handled:
                        yield d.handled
    for texts in plan.reports.values():
        yield from texts.secret


def has_secret(plan: Plan) -> bool:
    return next(secret_texts(plan), None) is not None


def public_edition(checked: Checked) -> Checked:
    """`checked` with a copy of its plan in which every text marked `sekretess` is replaced."""
    if checked.plan is None or not has_secret(checked.plan):
        return checked
    plan = checked.plan.model_copy(deep=True)
    for placed in plan.iter_actions():
        a = placed.action
        if a.secret:
            a.description = SECRET_NOTE
            a.comment = None
    for r in plan.risks:
        owners: list[Risk | Control] = [r, *r.controls]
        for h in owners:
            for f in h.follow_up.values():
                if f.secret and f.comment:
                    f.comment = SECRET_NOTE
        for c in r.controls:
            for d in c.deviations:
                if d.secret:
                    d.description = SECRET_NOTE
                    d.handled = None
    for texts in plan.reports.values():
        if texts.secret:
            texts.secret = [SECRET_NOTE]
    out = copy.copy(checked)
    out.plan = plan
    return out
