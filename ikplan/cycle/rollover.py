"""`ikplan rollover`: next year's plan from this year's, keeping the file's comments.

Risks and kontrollmoment keep their ids; follow-ups are cleared; the assessment is kept
for the reviewer to confirm; open åtgärder are carried (with the year they were
decided) and closed ones left behind. The new file records where it came from.
"""

from __future__ import annotations

import io
import os
from typing import Any

from ikplan.checking.loading import PLACEHOLDER
from ikplan.checking.validate import Checker
from ikplan.errors import IkplanError

DONE = "genomförd"


def _open_actions(holder: Any, old_year: int) -> list[Any]:
    """Open åtgärder of a risk or kontrollmoment: those already carried and those from its follow-ups."""
    carried = list(holder.get("åtgärder") or [])
    for follow_up in (holder.get("uppföljning") or {}).values():
        carried += list((follow_up or {}).get("åtgärder") or [])
    out = []
    for action in carried:
        if str(action.get("status", "")).strip().lower() == DONE:
            continue
        if "beslutsår" not in action:
            action["beslutsår"] = old_year
        out.append(action)
    return out


def _replace_follow_up(holder: Any, old_year: int, seq_type: Any) -> int:
    actions = _open_actions(holder, old_year)
    had = "uppföljning" in holder
    if had:
        position = list(holder.keys()).index("uppföljning")
        del holder["uppföljning"]
    else:
        position = len(holder)
    if "åtgärder" in holder:
        position = min(position, list(holder.keys()).index("åtgärder"))
        del holder["åtgärder"]
    if actions:
        holder.insert(min(position, len(holder)), "åtgärder", seq_type(actions))
    return len(actions)


def rollover_text(source: str, new_year: int) -> tuple[str, dict[str, int]]:
    """The next year's plan as text, and counts of what was carried."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedSeq

    checked = Checker().check_path(source)
    if not checked.ok or checked.plan is None:
        errors = [f for f in checked.findings if f.severity.value == "error"]
        where = f"{errors[0].line}:{errors[0].column} {errors[0].code} {errors[0].message}" if errors else ""
        raise IkplanError(f"{source} har fel och kan inte föras vidare ({where}); kör 'ikplan validate'")
    old_year = checked.plan.year
    if new_year <= old_year:
        raise IkplanError(f"det nya året {new_year} måste vara senare än planens år {old_year}")
    yaml = YAML()  # round-trip: comments, order and quoting are kept
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    with open(source, encoding="utf-8-sig") as fh:
        data = yaml.load(fh)
    keys = list(data.keys())
    data["år"] = new_year
    origin = f"{os.path.basename(source)} ({old_year})"
    if "härledd_från" in data:
        data["härledd_från"] = origin
    else:
        data.insert(keys.index("år") + 1, "härledd_från", origin)
    if isinstance(data.get("titel"), str):
        data["titel"] = data["titel"].replace(str(old_year), str(new_year))
    for key in ("antagen", "rapporter"):
        data.pop(key, None)
    if "diarienummer" in data:
        data["diarienummer"] = PLACEHOLDER
    counts = {"risker": 0, "kontrollmoment": 0, "åtgärder": 0}
    for risk in data.get("risker") or []:
        counts["risker"] += 1
        if any(k in risk for k in ("riskvärde", "sannolikhet", "konsekvens")):
            key = "riskvärde" if "riskvärde" in risk else ("sannolikhet" if "sannolikhet" in risk else "konsekvens")
            risk.yaml_add_eol_comment(f"bedömning från {old_year}: bekräfta eller ändra", key)
        counts["åtgärder"] += _replace_follow_up(risk, old_year, CommentedSeq)
        for control in risk.get("kontrollmoment") or []:
            counts["kontrollmoment"] += 1
            counts["åtgärder"] += _replace_follow_up(control, old_year, CommentedSeq)
            control.pop("noterade_avvikelser", None)  # the year's avvikelser belong to the year
    out = io.StringIO()
    yaml.dump(data, out)
    text = out.getvalue()
    result = Checker().check_bytes(text.encode("utf-8"), source, settings_from=source)
    errors = [f for f in result.findings if f.severity.value == "error"]
    if errors:
        first = errors[0]
        raise IkplanError(f"nästa års plan blev inte giltig: {first.line}:{first.column} {first.code} {first.message}")
    return text, counts
