"""`ikplan show --flat`: a plan file as sorted `path = value` lines, read from its YAML alone.

git runs it as the textconv driver of every plan revision that `git diff` or `git log -p` shows, on a
temporary copy of each committed version, outside the repository, where no ikplan.yaml is found. So it
reads the YAML and nothing else: no kommun settings and no models. A plan in the kommun's own words
(`väsentlighet:`, `resultat: Godkänd`) is shown as it is written, and a committed version prints exactly
what the same file in the work tree prints. git starts it once per revision, so it imports neither
pydantic nor the command line's framework. The YAML is read as `ikplan validate` reads it (no aliases,
no duplicate keys, bounded depth and size): by a quick walk for the usual plan, by ikplan's loader for
anything else (see below).

The lines:

    risker[R1]                                      an item of a list of things with ids, keyed by id
    risker[R1].sannolikhet = 4                      a value as JSON: numbers, true/false, null, "text"
    risker[R1].hantering = ["kontrollmoment"]       a short list of values on its line
    risker[R1].kontrollmoment[K1].kontrollmetod =   a longer one: one line per item
        - "Kontrollera löpande genom utdrag."
        - "Kontrollera att verksamheten vidtar åtgärder."
    risker[R1].beskrivning = Första stycket.        a text of several lines: its first line after the
                                                    key, every further line indented (blank lines kept)
        Andra stycket.

Paths are sorted with numbers compared as numbers (R2 before R10), so reordering a list changes nothing;
a text's lines and a list's items keep their order, so a changed word in one paragraph is one changed line,
and git's default hunk header (the last line that starts with a letter) names the field of a changed
paragraph.
A final line break in a text is not shown. A file that is not YAML, or not a mapping, is shown as it is
after one line that says why: a textconv driver never stops git.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import stat
from typing import Any

Key = tuple[str, ...]

# The lists whose items are keyed by id even where an item has none (an åtgärd without an id is keyed
# by its description). Any other list whose items all have an id is keyed by id too: a kommun that
# renames a list keeps its items matched across versions.
KEYED_LISTS = frozenset({"områden", "risker", "kontrollmoment", "åtgärder", "ej_valda_risker"})
# ikplan.plan.config.CONFIG_NAMES (a test keeps them equal): that module imports pydantic
CONFIG_NAMES = ("ikplan.yaml", "ikplan.yml")
# A list of words or numbers (hantering: [kontrollmoment]) stays on its line up to this length; a list
# with a sentence in it (steps, att-satser) is shown one item a line.
INLINE_LIST = 80
INDENT = "    "

_ITEM = object()  # marks that an item of a keyed list exists, even with no other field
_EMPTY_MAP = object()
_SCALARS = (str, int, float, bool, dt.date)


def show_text(path: str) -> str:
    """What `ikplan show --flat PATH` prints: the flat plan, or the file as it is after a line saying why."""
    raw = _read(path)
    if os.path.basename(path) in CONFIG_NAMES:
        return _as_is(path, raw, "# ikplan: konfigurationsfil, visas som den är")
    data = _quick_load(raw)
    if data is None:
        # What the quick walk does not take, the loader judges, with the message `ikplan validate` gives
        from ikplan.checking.loading import load_file

        loaded = load_file(path)
        if loaded.data is None:
            return _as_is(
                path, raw, f"# ikplan: går inte att läsa som plan, visas som den är ({_why(loaded.findings)})"
            )
        data = loaded.data
    return flat_text(data)


def _as_is(path: str, raw: bytes | None, note: str) -> str:
    if raw is None:  # too large or unreadable: the loader's reader says which
        from ikplan.checking.loading import read_limited

        try:
            raw = read_limited(path)
        except OSError as exc:
            raw = f"(kan inte läsa filen: {exc.strerror or exc})".encode()
    return note + "\n" + (raw or b"").decode("utf-8", errors="replace")


def _why(findings: list[Any]) -> str:
    """The first finding without the file's name: git's temporary copy has another name than the file."""
    if not findings:
        return "okänt fel"
    f = findings[0]
    where = f"rad {f.line}, kolumn {f.column}: " if f.line > 0 else ""
    return f"{where}{f.code} {f.message}"


# --- the quick walk ---------------------------------------------------------------------------------
# Importing ikplan.checking.loading costs about 10 ms, a third of `import yaml` (its dataclasses bring
# `inspect` and `ast`), and git would pay it for every revision it shows. So the common plan (plain and quoted scalars,
# mappings, lists) is built here from libyaml's events, value for value as the loader builds it (a test
# holds the two equal); at the first thing the loader might refuse or read otherwise (an anchor, alias
# or tag, a duplicate key, a merge-conflict marker, depth, size, an odd encoding, a scalar that does not
# convert) the walk gives up and the loader decides. The limits are the loader's.
MAX_BYTES = 10 * 1024 * 1024
MAX_DEPTH = 64
MAX_NODES = 50_000
MAX_INT_DIGITS = 100


class _GiveUp(Exception):
    """The loader, not the quick walk, decides about this file."""


def _read(path: str) -> bytes | None:
    """The bytes of a regular file of at most MAX_BYTES, else None (a FIFO is not waited for)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        chunks: list[bytes] = []
        total = 0
        while total <= MAX_BYTES:
            chunk = os.read(fd, min(1 << 20, MAX_BYTES + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        return b"".join(chunks) if total <= MAX_BYTES else None
    except OSError:
        return None
    finally:
        os.close(fd)


def _quick_load(raw: bytes | None) -> dict[str, Any] | None:
    """The YAML mapping in `raw`, or None where the loader must decide."""
    if raw is None or raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    if "<<<<<<<" in text or ">>>>>>>" in text:
        return None
    import yaml

    loader = yaml.CSafeLoader(text)
    try:
        return _build(loader)
    except Exception:  # a syntax error, a scalar that does not convert: the loader says what and where
        return None
    finally:
        loader.dispose()


def _build(loader: Any) -> dict[str, Any]:
    import unicodedata

    import yaml

    scalar_event, mapping_start, sequence_start = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
    ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    get_event, resolve, first_chars = loader.get_event, loader.resolve, loader.yaml_implicit_resolvers
    stack: list[list[Any]] = []  # [container, the key waiting for its value (mappings)]
    root: Any = None
    nodes = documents = 0
    while True:
        event = get_event()
        cls = type(event)
        if cls is yaml.StreamEndEvent:
            break
        if cls is scalar_event or cls is mapping_start or cls is sequence_start:
            nodes += 1
            if nodes > MAX_NODES or event.anchor is not None or event.tag is not None:
                raise _GiveUp
            if cls is scalar_event:
                value: Any = event.value
                if not value.isascii():
                    value = unicodedata.normalize("NFC", value)
                if event.style == "" and (not value or value[0] in first_chars):
                    if value.isascii() and value.isdigit() and (value[0] != "0" or len(value) == 1):
                        if len(value) > MAX_INT_DIGITS:
                            raise _GiveUp
                        value = int(value)
                    else:
                        tag = resolve(yaml.ScalarNode, value, (True, False))
                        if tag != "tag:yaml.org,2002:str":
                            value = _convert(loader, tag, value)
            else:
                value = {} if cls is mapping_start else []
            if not stack:
                documents += 1
                if documents > 1:
                    raise _GiveUp
                root = value
            else:
                frame = stack[-1]
                parent = frame[0]
                if type(parent) is list:
                    parent.append(value)
                elif frame[1] is _NO_KEY:
                    if cls is not scalar_event or value in parent:
                        raise _GiveUp  # a container as a key, a duplicate key
                    frame[1] = value
                    continue
                else:
                    parent[frame[1]] = value
                    frame[1] = _NO_KEY
            if cls is not scalar_event:
                if len(stack) >= MAX_DEPTH:
                    raise _GiveUp
                stack.append([value, _NO_KEY])
        elif cls in ends:
            stack.pop()
        elif cls is yaml.AliasEvent:
            raise _GiveUp
    if type(root) is not dict:
        raise _GiveUp
    return root


_NO_KEY = object()
_CONVERTERS = {
    "tag:yaml.org,2002:null": "construct_yaml_null",
    "tag:yaml.org,2002:bool": "construct_yaml_bool",
    "tag:yaml.org,2002:int": "construct_yaml_int",
    "tag:yaml.org,2002:float": "construct_yaml_float",
    "tag:yaml.org,2002:timestamp": "construct_yaml_timestamp",
}


def _convert(loader: Any, tag: str, text: str) -> Any:
    import yaml

    name = _CONVERTERS.get(tag)
    if name is None or (tag == "tag:yaml.org,2002:int" and sum(c.isalnum() for c in text) > MAX_INT_DIGITS + 2):
        raise _GiveUp
    if tag == "tag:yaml.org,2002:float" and len(text) > 4 * MAX_INT_DIGITS:
        raise _GiveUp
    value = getattr(loader, name)(yaml.ScalarNode(tag, text))
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        value = value.replace(tzinfo=None)
    return value


def flat_text(data: dict[str, Any]) -> str:
    """A plan's YAML data (as the loader gives it) as sorted `path = value` lines."""
    flat: dict[Key, Any] = {}
    _walk(data, (), flat)
    order: dict[str, tuple[Any, ...]] = {}
    lines: list[str] = []
    for key in sorted(flat, key=lambda k: (tuple(_natural(p, order) for p in k), k)):
        _render(".".join(key), flat[key], lines)
    return "\n".join(lines) + "\n" if lines else ""


def _put(flat: dict[Key, Any], key: Key, value: Any) -> None:
    # Two mapping keys that read alike (1 and "1") both stay
    n = 1
    unique = key
    while unique in flat:
        n += 1
        unique = (*key[:-1], f"{key[-1]}#{n}")
    flat[unique] = value


def _walk(value: Any, prefix: Key, flat: dict[Key, Any]) -> None:
    if isinstance(value, dict):
        if not value and prefix:
            _put(flat, prefix, _EMPTY_MAP)
        seen: dict[str, int] = {}
        for k, v in value.items():
            _walk(v, (*prefix, _unique(_segment(_text(k)), seen)), flat)
    elif isinstance(value, list):
        _walk_list(value, prefix, flat)
    else:
        _put(flat, prefix, value)


def _walk_list(items: list[Any], prefix: Key, flat: dict[Key, Any]) -> None:
    name = prefix[-1] if prefix else ""
    if items and all(isinstance(v, dict) for v in items) and (name in KEYED_LISTS or all(_has_id(v) for v in items)):
        seen: dict[str, int] = {}
        for item in items:
            has_id = _has_id(item)
            ident = _unique(_bracketed(_text(item["id"]) if has_id else _digest(item)), seen)
            item_key = (*prefix[:-1], f"{name}[{ident}]")
            _put(flat, item_key, _ITEM)
            fields: dict[str, int] = {}
            for k, v in item.items():
                if not (has_id and k == "id"):
                    _walk(v, (*item_key, _unique(_segment(_text(k)), fields)), flat)
    elif all(not isinstance(v, (dict, list)) for v in items):
        _put(flat, prefix, items)
    else:
        for i, v in enumerate(items, start=1):
            _walk(v, (*prefix[:-1], f"{name}[{i}]"), flat)


def _has_id(item: dict[str, Any]) -> bool:
    return isinstance(item.get("id"), _SCALARS)


def _digest(item: dict[str, Any]) -> str:
    """An item without an id, keyed by a short hash of its description (as `ikplan diff` keys it)."""
    import hashlib

    text = str(item.get("beskrivning", ""))
    return "~" + hashlib.sha1(" ".join(text.split()).encode("utf-8", "surrogatepass")).hexdigest()[:6]


def _unique(name: str, seen: dict[str, int]) -> str:
    """`name`, or `name#2`, `name#3`… when an earlier sibling took it (two items with the same id).
    `seen` counts the names taken, so 49,000 items without an id cost no more than 49,000 with one."""
    n = seen.get(name)
    if n is None:
        seen[name] = 1
        return name
    unique = name
    while unique in seen:
        n += 1
        unique = f"{name}#{n}"
    seen[name] = n
    seen[unique] = 1
    return unique


def _text(value: Any) -> str:
    """A mapping key or an id as text, the way YAML wrote it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _plain(text: str, forbidden: str) -> bool:
    return bool(text) and text.isprintable() and text == text.strip() and not any(c in text for c in forbidden)


def _segment(text: str) -> str:
    """A path segment as it is, or in quotes when it would blur the line (a line break, ' = ', a quote)."""
    return text if _plain(text, '"=') else json.dumps(text, ensure_ascii=False)


def _bracketed(text: str) -> str:
    return text if _plain(text, '"=[]') else json.dumps(text, ensure_ascii=False)


_DIGITS = re.compile(r"(\d+)")


def _natural(segment: str, cache: dict[str, tuple[Any, ...]]) -> tuple[Any, ...]:
    """A path segment's place: a list's name, then its item's id, so that `R2` and its namesake `R2#2`
    come before `R10`."""
    found = cache.get(segment)
    if found is None:
        name, bracket, ident = segment[:-1].partition("[") if segment.endswith("]") else (segment, "", "")
        found = (_numbers(name), _numbers(ident)) if bracket else (_numbers(segment),)
        cache[segment] = found
    return found


def _numbers(text: str) -> tuple[Any, ...]:
    """'R10' after 'R2'. Digits compare by their count and then as text: an id of 5,000 digits is no
    number Python may convert, and the order must never depend on one."""
    pieces = _DIGITS.split(text)
    return tuple(p if i % 2 == 0 else (len(p.lstrip("0")), p.lstrip("0"), len(p)) for i, p in enumerate(pieces))


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return json.dumps(value.isoformat())
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value.rstrip("\n"), ensure_ascii=False)
    return json.dumps(value, ensure_ascii=False, default=str)


def _text_lines(value: Any) -> list[str] | None:
    """The lines of a text of more than one line, or None."""
    if not isinstance(value, str):
        return None
    text = value.rstrip("\n")
    return text.split("\n") if "\n" in text else None


def _continued(lines: list[str], indent: str, out: list[str]) -> None:
    out.extend((indent + line).rstrip() if line.strip() else "" for line in lines)


def _render(path: str, value: Any, out: list[str]) -> None:
    if value is _ITEM:
        out.append(path)
    elif value is _EMPTY_MAP:
        out.append(f"{path} = {{}}")
    elif (text := _text_lines(value)) is not None:
        out.append(f"{path} = {text[0]}".rstrip())
        _continued(text[1:], INDENT, out)
    elif isinstance(value, list):
        inline = "[" + ", ".join(map(_scalar, value)) + "]"
        if len(inline) <= INLINE_LIST and not any(isinstance(v, str) and len(v.split(None, 1)) > 1 for v in value):
            out.append(f"{path} = {inline}")
            return
        out.append(f"{path} =")
        for item in value:
            if (text := _text_lines(item)) is not None:
                out.append(f"{INDENT}- {text[0]}".rstrip())
                _continued(text[1:], INDENT + "  ", out)
            else:
                out.append(f"{INDENT}- {_scalar(item)}")
    else:
        out.append(f"{path} = {_scalar(value)}")
