"""The changes a workbook makes to a plan, applied field by field to the plan's own YAML text.

`ikplan import` into an existing plan compares two readings of a workbook: the one ikplan would
export from the plan as it stands (`old`) and the one the user sends back (`new`). Only what differs
between them is a change, so a text the workbook cannot hold exactly (a block scalar's last newline,
a date written as "2019-02") stays as the plan wrote it while nobody edits its cell. Each change is
made twice by the same walk: to the plan's data (what the result must load to) and as a slice edit
of the text (text_edit.py), so comments, quoting, order and layout of everything else are kept byte
for byte. A layout the slice edits do not take raises Unsupported; the caller then applies the same
walk to ruamel's round-trip data instead.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import MutableMapping
from typing import Any

import yaml

from ikplan.cycle.text_edit import Node, TextEdit, Unsupported, reindent

# Lists whose items are matched by id (when every item has one), never by position.
_KEYED = ("id",)


class _Block(yaml.SafeDumper):
    """PyYAML's emitter with sequences indented under their key, as plans are written by hand."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style="|" if "\n" in value else None)


def _list(dumper: yaml.SafeDumper, value: list[Any]) -> yaml.Node:
    flow = bool(value) and all(_one_line(v) for v in value) and sum(len(str(v)) for v in value) < 60
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)


_Block.add_representer(str, _text)
_Block.add_multi_representer(str, _text)  # Written and other str subclasses
_Block.add_representer(list, _list)


def _one_line(value: Any) -> bool:
    return isinstance(value, bool | int | float | dt.date) or (isinstance(value, str) and "\n" not in value)


def dump(value: Any) -> str:
    return yaml.dump(value, Dumper=_Block, allow_unicode=True, sort_keys=False, width=4096, default_flow_style=False)


def inline(value: Any, flow: bool) -> str | None:
    """A one-line value as YAML that reads back the same (in a flow collection when `flow`), or None."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        parts = [inline(v, True) for v in value]
        return None if any(p is None for p in parts) else "[" + ", ".join(p for p in parts if p is not None) + "]"
    if not isinstance(value, str) or "\n" in value or "\r" in value:
        return None
    wrapped = "{{k: {}}}" if flow else "k: {}\n"
    try:
        if (
            value
            and value == value.strip()
            and yaml.load(wrapped.format(value), Loader=yaml.CSafeLoader) == {"k": value}
        ):
            return value
    except yaml.YAMLError:
        pass
    return json.dumps(value, ensure_ascii=False)


def _insert(mapping: MutableMapping[str, Any], index: int, key: str, value: Any) -> None:
    """Insert a key at a position: ruamel's maps do it themselves, a plain dict is rebuilt."""
    if hasattr(mapping, "insert"):
        mapping.insert(index, key, value)
        return
    items = list(mapping.items())
    items.insert(index, (key, value))
    mapping.clear()
    mapping.update(items)


def _items(value: Any) -> bool:
    """A non-empty list of mappings (risks, kontrollmoment, åtgärder): changed item by item."""
    return isinstance(value, list) and bool(value) and all(isinstance(x, dict) for x in value)


def _key_of(items: list[Any]) -> Any:
    """How the items of a list are told apart: by id when each has one, else by position."""
    if items and all(isinstance(i, dict) and i.get("id") is not None for i in items):
        return lambda i, item: ("id", str(item["id"]))
    return lambda i, item: ("nr", i)


class Merge:
    """One walk over old and new that changes `data` in place and, when `text` is given, records the
    same changes as slice edits of it (`result()`)."""

    def __init__(self, text: str | None, aliases: dict[str, tuple[str, ...]] | None = None) -> None:
        self.ed = TextEdit(text) if text is not None else None
        self.aliases = aliases or {}
        self.changes = 0

    def result(self) -> str:
        assert self.ed is not None
        return self.ed.result()

    # -- mappings ---------------------------------------------------------------------------------
    def mapping(
        self, node: Node | None, data: MutableMapping[str, Any], old: dict[str, Any], new: dict[str, Any]
    ) -> None:
        if self.ed is not None and (node is None or node.kind != "map"):
            raise Unsupported("not a mapping")
        for key in [*new, *(k for k in old if k not in new)]:
            o, n = old.get(key), new.get(key)
            if o == n:
                continue
            holder, hnode, actual = self._find(node, data, key)
            if actual is None:
                if n is not None and n != {} and n != []:
                    self._add(node, data, key, n, new)
                continue
            current = holder[actual]
            pair = self._pair(hnode, actual)
            if isinstance(n, dict) and isinstance(current, dict):
                mark = self._mark()
                self.mapping(pair[2] if pair else None, current, o if isinstance(o, dict) else {}, n)
                if not current:  # every key went: the whole pair goes
                    self._rollback(mark)
                    self._delete(hnode, holder, actual)
                continue
            if isinstance(n, list) and isinstance(o, list) and _items(n) and _items(o) and isinstance(current, list):
                if len(current) != len(o):
                    raise Unsupported("the plan's list is not the workbook's")
                mark = self._mark()
                self.sequence(pair[2] if pair else None, current, o, n)
                if not current:
                    self._rollback(mark)
                    self._delete(hnode, holder, actual)
                continue
            if n is None or n == {} or n == []:
                self._delete(hnode, holder, actual)
            else:
                self._set(hnode, holder, actual, n)

    def _find(
        self, node: Node | None, data: MutableMapping[str, Any], key: str
    ) -> tuple[MutableMapping[str, Any], Node | None, str | None]:
        """Where `key` stands in the plan: itself, under another name the kommun allows
        ('konsekvens' for 'väsentlighet'), or among the own fields under `fält`."""
        for name in (key, *self.aliases.get(key, ())):
            if name in data:
                return data, node, name
        own = data.get("fält")
        if isinstance(own, dict) and key in own:
            pair = self._pair(node, "fält")
            return own, pair[2] if pair else None, key
        return data, node, None

    def _pair(self, node: Node | None, key: str) -> tuple[int, Node, Node] | None:
        if node is None:
            return None
        found = node.get(key)
        if found is None and self.ed is not None:
            raise Unsupported("key not in text")
        return found

    def _mark(self) -> tuple[int, int]:
        return (len(self.ed.edits) if self.ed else 0, self.changes)

    def _rollback(self, mark: tuple[int, int]) -> None:
        if self.ed is not None:
            del self.ed.edits[mark[0] :]
        self.changes = mark[1]

    # -- one key ----------------------------------------------------------------------------------
    def _set(self, node: Node | None, data: MutableMapping[str, Any], key: str, value: Any) -> None:
        self.changes += 1
        data[key] = value
        if self.ed is None:
            return
        ed = self.ed
        pair = self._pair(node, key)
        assert node is not None and pair is not None
        index, key_node, value_node = pair
        line = inline(value, node.flow)
        one_line = value_node.start == value_node.end or "\n" not in ed.text[value_node.start : value_node.end]
        if line is not None and one_line and (value_node.kind == "scalar" or value_node.flow):
            if value_node.start == value_node.end:  # 'key:' with nothing after it
                ed.replace(key_node.end, ed.line_end(key_node.end), f": {line}")
            else:
                ed.replace(value_node.start, value_node.end, line)
            return
        if node.flow:
            raise Unsupported("a block value in a flow mapping")
        start, end = ed.pair_region(node, index)
        ed.replace(start, end, reindent(dump({key: value}), ed.column(key_node.start)))

    def _delete(self, node: Node | None, data: MutableMapping[str, Any], key: str) -> None:
        self.changes += 1
        del data[key]
        if self.ed is None or not data:  # the last key: the caller removes the whole pair
            return
        pair = self._pair(node, key)
        assert node is not None and pair is not None
        if node.flow:
            raise Unsupported("a flow mapping")
        start, end = self.ed.pair_region(node, pair[0])
        if self.ed.line_start(pair[1].start) != start or self.ed.text[start : pair[1].start].strip(" "):
            raise Unsupported("the key follows a dash")
        self.ed.replace(start, end, "")

    def _add(
        self,
        node: Node | None,
        data: MutableMapping[str, Any],
        key: str,
        value: Any,
        new: dict[str, Any],
    ) -> None:
        """A new key, after the nearest key before it in the workbook's order that the plan has."""
        self.changes += 1
        before = list(new)[: list(new).index(key)]
        after = next((a for k in reversed(before) for a in (k, *self.aliases.get(k, ())) if a in data), None)
        keys = list(data)
        _insert(data, keys.index(after) + 1 if after is not None else len(keys), key, value)
        if self.ed is None:
            return
        ed = self.ed
        assert node is not None
        if node.flow:
            line = inline(value, True)
            if line is None or "\n" in ed.text[node.start : node.end]:
                raise Unsupported("a block value in a flow mapping")
            at = node.end - 1
            ed.replace(at, at, (", " if node.pairs else "") + f"{inline(key, True)}: {line}")
            return
        if not node.pairs:
            raise Unsupported("an empty block mapping")
        column = ed.column(node.pairs[0][0].start)
        piece = reindent(dump({key: value}), column)
        if after is not None:
            at = ed.pair_region(node, node.get(after)[0])[1]  # type: ignore[index]
        else:
            at = ed.pair_region(node, len(node.pairs) - 1)[1]  # no key before it: at the end
        if at > 0 and ed.text[at - 1] != "\n":
            piece = "\n" + piece
        ed.replace(at, at, piece)

    # -- sequences --------------------------------------------------------------------------------
    def sequence(
        self, node: Node | None, items: list[Any], old: list[dict[str, Any]], new: list[dict[str, Any]]
    ) -> None:
        """Items matched by id (else by position) and changed; gone ones removed, new ones inserted
        after the item before them in the workbook."""
        if self.ed is not None and (node is None or node.kind != "seq" or node.flow or len(node.items) != len(items)):
            raise Unsupported("not a block sequence")
        key_old, key_new = _key_of(old), _key_of(new)
        if key_old(0, old[0])[0] != key_new(0, new[0])[0]:
            key_old = key_new = lambda i, item: ("nr", i)
        where = {key_old(i, o): i for i, o in enumerate(old)}
        kept: set[int] = set()
        inserts: dict[int, list[dict[str, Any]]] = {}  # after old index (-1: before the first)
        last = -1
        for i, n in enumerate(new):
            j = where.get(key_new(i, n))
            if j is None or j in kept:
                inserts.setdefault(last, []).append(n)
                continue
            kept.add(j)
            last = j
            self.mapping(node.items[j] if node is not None else None, items[j], old[j], n)
        gone = [j for j in range(len(old)) if j not in kept]
        if not gone and not inserts:
            return
        self.changes += len(gone) + sum(len(v) for v in inserts.values())
        rebuilt: list[Any] = list(inserts.get(-1, []))
        for j, item in enumerate(items):
            if j not in gone:
                rebuilt.append(item)
            rebuilt += inserts.get(j, [])
        items[:] = rebuilt
        if self.ed is None or node is None:
            return
        ed = self.ed
        regions = [ed.item_region(node, j) for j in range(len(node.items))]
        for j in gone:
            ed.replace(regions[j][0], regions[j][1], "")
        for after, added in inserts.items():
            dash = regions[0][2]
            piece = reindent(dump(added), dash)
            at = regions[0][0] if after < 0 else regions[after][1]
            if at > 0 and ed.text[at - 1] != "\n":
                piece = "\n" + piece
            ed.replace(at, at, piece)
