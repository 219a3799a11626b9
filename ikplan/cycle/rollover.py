"""`ikplan rollover`: next year's plan from this year's, keeping the file's comments.

Risks and kontrollmoment keep their ids; follow-ups are cleared; the assessment is kept
for the reviewer to confirm; open åtgärder are carried (with the year they were
decided) and closed ones left behind. The new file records where it came from.
"""

from __future__ import annotations

import copy
import io
import os
from collections.abc import Callable
from typing import Any

import yaml

from ikplan.checking.loading import PLACEHOLDER, decode, load_bytes
from ikplan.cycle.editable import read_editable
from ikplan.cycle.text_edit import Node, TextEdit, Unsupported, parse, reindent, scalar
from ikplan.errors import IkplanError
from ikplan.plan.vocabulary import DEFAULT_WORDS, Words, is_done

Done = Callable[[Any], bool]


def finished_by(words: Words) -> Done:
    """Whether a raw åtgärd (as the plan wrote it) is finished, read with the plan's words: the kommun's
    Klar counts as genomförd here exactly as it does in status and every report."""

    def done(action: Any) -> bool:
        status = action.get("status") if isinstance(action, dict) else None
        return isinstance(status, str) and is_done(words.read_status(status))

    return done


_done = finished_by(DEFAULT_WORDS)


def _open_actions(holder: Any, old_year: int, done: Done = _done) -> list[Any]:
    """Open åtgärder of a risk or kontrollmoment: those already carried and those from its follow-ups."""
    carried = list(holder.get("åtgärder") or [])
    for follow_up in (holder.get("uppföljning") or {}).values():
        carried += list((follow_up or {}).get("åtgärder") or [])
    out = []
    for action in carried:
        if done(action):
            continue
        if "beslutsår" not in action:
            action["beslutsår"] = old_year
        out.append(action)
    return out


def _insert(mapping: Any, index: int, key: str, value: Any) -> None:
    """Insert a key at a position: ruamel's maps do it themselves, a plain dict is rebuilt."""
    if hasattr(mapping, "insert"):
        mapping.insert(index, key, value)
        return
    items = list(mapping.items())
    items.insert(index, (key, value))
    mapping.clear()
    mapping.update(items)


def _replace_follow_up(holder: Any, old_year: int, seq_type: Any, done: Done = _done) -> int:
    actions = _open_actions(holder, old_year, done)
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
        _insert(holder, min(position, len(holder)), "åtgärder", seq_type(actions))
    return len(actions)


def _assessment_key(risk: Any) -> str | None:
    """The key that gets the note 'bedömning från …: bekräfta eller ändra'."""
    return next((k for k in ("riskvärde", "sannolikhet", "konsekvens") if k in risk), None)


def next_year(
    data: Any, old_year: int, new_year: int, origin: str, seq_type: Any = list, done: Done = _done
) -> dict[str, int]:
    """Turn this year's plan document into next year's, in place (a plain dict or ruamel's map)."""
    keys = list(data.keys())
    data["år"] = new_year
    if "härledd_från" in data:
        data["härledd_från"] = origin
    else:
        _insert(data, keys.index("år") + 1, "härledd_från", origin)
    if isinstance(data.get("titel"), str):
        data["titel"] = data["titel"].replace(str(old_year), str(new_year))
    for key in ("antagen", "rapporter"):
        data.pop(key, None)
    if "diarienummer" in data:
        data["diarienummer"] = PLACEHOLDER
    counts = {"risker": 0, "kontrollmoment": 0, "åtgärder": 0}
    for risk in data.get("risker") or []:
        counts["risker"] += 1
        assessed = _assessment_key(risk)
        if assessed is not None and hasattr(risk, "yaml_add_eol_comment"):
            risk.yaml_add_eol_comment(_note(old_year), assessed)
        counts["åtgärder"] += _replace_follow_up(risk, old_year, seq_type, done)
        for control in risk.get("kontrollmoment") or []:
            counts["kontrollmoment"] += 1
            counts["åtgärder"] += _replace_follow_up(control, old_year, seq_type, done)
            control.pop("noterade_avvikelser", None)  # the year's avvikelser belong to the year
    return counts


def _note(old_year: int) -> str:
    return f"bedömning från {old_year}: bekräfta eller ändra"


def _by_ruamel(source: str, old_year: int, new_year: int, origin: str, done: Done) -> tuple[str, dict[str, int]]:
    """The round-trip through ruamel: slower, but it takes any layout the text edits do not.
    `source` is the plan's text, decoded as every command decodes it (UTF-8, with BOM, UTF-16)."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedSeq

    round_trip = YAML()  # comments, order and quoting are kept
    round_trip.preserve_quotes = True
    round_trip.width = 4096
    round_trip.indent(mapping=2, sequence=4, offset=2)
    data = round_trip.load(source)
    counts = next_year(data, old_year, new_year, origin, CommentedSeq, done)
    out = io.StringIO()
    round_trip.dump(data, out)
    return out.getvalue(), counts


def _holder_by_text(ed: TextEdit, node: Node, holder: dict[str, Any], old_year: int, done: Done) -> None:
    """Replace a risk's or kontrollmoment's uppföljning and åtgärder by one åtgärder list of the open ones."""
    follow_up, carried = node.get("uppföljning"), node.get("åtgärder")
    found = [f for f in (follow_up, carried) if f is not None]
    if not found:
        return
    if node.flow:
        raise Unsupported("flow style")
    key_column = ed.column(node.pairs[0][0].start)
    sources: list[tuple[Node, list[Any]]] = []
    if carried is not None and carried[2].kind == "seq":
        sources.append((carried[2], holder["åtgärder"]))
    if follow_up is not None and follow_up[2].kind == "map":
        for (_, period_node), period in zip(follow_up[2].pairs, holder["uppföljning"].values(), strict=True):
            inner = period_node.get("åtgärder") if period_node.kind == "map" else None
            if inner is not None and inner[2].kind == "seq":
                sources.append((inner[2], period["åtgärder"]))
    pieces = []
    for seq, actions in sources:
        for index, (item, action) in enumerate(zip(seq.items, actions, strict=True)):
            if done(action):
                continue
            if item.kind != "map" or seq.flow or not item.pairs:
                raise Unsupported("flow style")
            start, end, dash = ed.item_region(seq, index)
            shift = key_column + 2 - dash
            if "beslutsår" not in action and item.flow:  # - {beskrivning: …, status: …} on one line
                if "\n" in ed.text[item.start : item.end - 1] or ed.text[item.end - 1] != "}":
                    raise Unsupported("flow map over lines")
                cut = item.end - 1 - start
                lines = ed.text[start:end]
                piece = reindent(lines[:cut] + f", beslutsår: {old_year}" + lines[cut:], shift)
            else:
                piece = reindent(ed.text[start:end], shift)
            piece += "" if piece.endswith("\n") else "\n"
            if "beslutsår" not in action and not item.flow:
                piece += " " * (ed.column(item.pairs[0][0].start) + shift) + f"beslutsår: {old_year}\n"
            pieces.append(piece)
    regions = sorted(ed.pair_region(node, f[0]) for f in found)
    ed.replace(*regions[0], (" " * key_column + "åtgärder:\n" + "".join(pieces)) if pieces else "")
    for region in regions[1:]:
        ed.replace(*region, "")


def _by_text(text: str, data: dict[str, Any], old_year: int, new_year: int, origin: str, done: Done) -> str:
    """Next year's plan by slice edits of this year's text (see text_edit.py); raises Unsupported."""
    if "\r" in text:
        raise Unsupported("CRLF")
    root = parse(text)
    if root.kind != "map" or root.flow:
        raise Unsupported("root")
    ed = TextEdit(text)
    year = root.get("år")
    if year is None:
        raise Unsupported("no år")
    ed.replace(*ed.scalar_span(year[2]), str(new_year))
    origin_pair = root.get("härledd_från")
    if origin_pair is not None:
        ed.replace(*ed.scalar_span(origin_pair[2]), scalar(origin))
    else:
        at = ed.next_line(year[2].end)
        lead = "" if text[at - 1 : at] == "\n" else "\n"
        ed.replace(at, at, f"{lead}{' ' * ed.column(year[1].start)}härledd_från: {scalar(origin)}\n")
    title = root.get("titel")
    if title is not None and isinstance(data.get("titel"), str):
        start, end = title[2].start, title[2].end
        ed.replace(start, end, text[start:end].replace(str(old_year), str(new_year)))
    for key in ("antagen", "rapporter"):
        if (pair := root.get(key)) is not None:
            ed.replace(*ed.pair_region(root, pair[0]), "")
    if (pair := root.get("diarienummer")) is not None:
        ed.replace(*ed.scalar_span(pair[2]), scalar(PLACEHOLDER))
    risks = root.get("risker")
    risk_nodes = risks[2].items if risks is not None and risks[2].kind == "seq" else []
    for risk_node, risk in zip(risk_nodes, data.get("risker") or [], strict=True):
        if risk_node.kind != "map":
            raise Unsupported("not a mapping")
        assessed = _assessment_key(risk)
        pair = risk_node.get(assessed) if assessed else None
        if pair is not None:
            if risk_node.flow:
                raise Unsupported("flow style")
            _, end = ed.scalar_span(pair[2])
            line_end = ed.line_end(end)
            rest = text[end:line_end].strip()
            if rest and not rest.startswith("#"):
                raise Unsupported("text after the value")
            words = f"  # {_note(old_year)}" + (f"; {rest[1:].strip()}" if rest[1:].strip() else "")
            ed.replace(end, line_end, words)
        _holder_by_text(ed, risk_node, risk, old_year, done)
        controls = risk_node.get("kontrollmoment")
        control_nodes = controls[2].items if controls is not None and controls[2].kind == "seq" else []
        for control_node, control in zip(control_nodes, risk.get("kontrollmoment") or [], strict=True):
            if control_node.kind != "map":
                raise Unsupported("not a mapping")
            _holder_by_text(ed, control_node, control, old_year, done)
            if (pair := control_node.get("noterade_avvikelser")) is not None:
                if control_node.flow:
                    raise Unsupported("flow style")
                ed.replace(*ed.pair_region(control_node, pair[0]), "")
    return ed.result()


def rollover_text(source: str, new_year: int) -> tuple[str, dict[str, int]]:
    """The next year's plan as text, and counts of what was carried.

    The plan's text is edited where it changes and kept byte for byte elsewhere; the result must
    load to exactly the document `next_year` makes of this year's, or ruamel's round-trip writes it.
    The plan is read once and the result once (a 20,000-risk plan takes seconds per reading).
    """
    plan = read_editable(
        source, None, None, lambda where: f"{source} har fel och kan inte föras vidare ({where}); kör 'ikplan validate'"
    )
    raw, original, checker, checked = plan.raw, plan.original, plan.checker, plan.checked
    assert checked.plan is not None
    old_year = checked.plan.year
    if new_year <= old_year:
        raise IkplanError(f"det nya året {new_year} måste vara senare än planens år {old_year}")
    origin = f"{os.path.basename(source)} ({old_year})"
    plain = decode(raw, source)[0] or ""  # as the loader decoded it (it did, or the plan had an error)
    expected = copy.deepcopy(original)
    done = finished_by(checked.settings.words if checked.settings is not None else DEFAULT_WORDS)
    counts = next_year(expected, old_year, new_year, origin, done=done)
    result = None
    try:
        text = _by_text(plain, original, old_year, new_year, origin, done)
        written = load_bytes(text.encode("utf-8"), source)
        if written.data == expected:
            result = checker.check_loaded(written, source)
    except (Unsupported, ValueError, KeyError, TypeError, IndexError, AttributeError, yaml.YAMLError):
        pass  # a layout the slice edits do not take: ruamel's round-trip below
    if result is None:
        text, counts = _by_ruamel(plain, old_year, new_year, origin, done)
        result = checker.check_bytes(text.encode("utf-8"), source, settings_from=source)
    errors = [f for f in result.findings if f.severity.value == "error"]
    if errors:
        first = errors[0]
        raise IkplanError(f"nästa års plan blev inte giltig: {first.line}:{first.column} {first.code} {first.message}")
    return text, counts
