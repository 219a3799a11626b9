"""A safe YAML loader that no file can crash or fool.

Bytes go in; a plain Python document, a source map (path -> line/column) and
findings come out. It walks libyaml's event stream itself instead of using
PyYAML's composer and constructor, which lets it in one pass:

* refuse anchors/aliases (alias bombs), explicit non-core tags (``!!python/...``)
  and nesting deeper than ``MAX_DEPTH`` *before* anything big is built (the C
  composer segfaults on ~50,000 nested brackets; the event parser does not
  recurse);
* reject duplicate keys, naming both lines (PyYAML silently keeps the last);
* remember where every value and key stands, so that schema and rule findings
  point at ``file:line:col``;
* note YAML 1.1 coercions (``no`` -> False, ``1.10`` -> 1.1, ``12:30`` -> 750,
  ``0755`` -> 493) so the user can be told to use quotes.
"""

from __future__ import annotations

import bisect
import datetime as dt
import os
import re
import stat
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, NoReturn

import yaml

from ikplan.checking.findings import Finding, Severity

MAX_BYTES = 10 * 1024 * 1024
MAX_DEPTH = 64
MAX_INT_DIGITS = 100
MAX_NODES = 50_000  # values in one file; a large real plan has a few thousand
# Characters YAML counts as line breaks that editors and git do not: positions after them
# are recomputed from the character index so that line numbers match the editor's.
_ODD_BREAKS = ("\x85", "\u2028", "\u2029")
PLACEHOLDER = "(fyll i)"  # written by `ikplan new` and `ikplan rollover` where something is left to fill in

Path = tuple[str | int, ...]
Pos = tuple[int, int]

_CORE_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "!",
}
_TRUE_FALSE = {"true", "false"}
_CONTAINER_TAGS = {
    yaml.MappingStartEvent: "tag:yaml.org,2002:map",
    yaml.SequenceStartEvent: "tag:yaml.org,2002:seq",
}


def _tag_name(tag: str | None) -> str:
    return (tag or "").replace("tag:yaml.org,2002:", "!!")


_KINDS = {yaml.MappingStartEvent: "en mappning", yaml.SequenceStartEvent: "en lista", yaml.ScalarEvent: "ett värde"}


class _Constructor(yaml.constructor.SafeConstructor):
    """Used only for its scalar conversions (int, float, bool, timestamp)."""


_CONSTRUCTOR = _Constructor()
_SCALAR_CONVERTERS = {
    "tag:yaml.org,2002:null": _CONSTRUCTOR.construct_yaml_null,
    "tag:yaml.org,2002:bool": _CONSTRUCTOR.construct_yaml_bool,
    "tag:yaml.org,2002:int": _CONSTRUCTOR.construct_yaml_int,
    "tag:yaml.org,2002:float": _CONSTRUCTOR.construct_yaml_float,
    "tag:yaml.org,2002:timestamp": _CONSTRUCTOR.construct_yaml_timestamp,
}


@dataclass(slots=True)
class Coercion:
    """A plain scalar that YAML 1.1 turned into something other than its text."""

    text: str
    value: Any


@dataclass(slots=True)
class SourceMap:
    """Where each value (and each mapping key) of a document stands, 1-based."""

    values: dict[Path, Pos] = field(default_factory=dict)
    keys: dict[Path, Pos] = field(default_factory=dict)
    coercions: dict[Path, Coercion] = field(default_factory=dict)
    placeholders: list[Path] = field(default_factory=list)  # values equal to PLACEHOLDER
    # keys that stand without ':' in a flow mapping, as 'av fakturor' in {beskrivning: Kontroll, av fakturor}
    lone_keys: dict[Path, Pos] = field(default_factory=dict)

    def locate(self, path: Path, *, key: bool = False) -> Pos:
        """The position of `path`, or of its nearest ancestor that exists."""
        p = tuple(path)
        while True:
            if key and p in self.keys:
                return self.keys[p]
            if p in self.values:
                return self.values[p]
            if not p:
                return (1, 1)
            p = p[:-1]
            key = True  # an absent child is best shown at its parent's key


@dataclass(slots=True)
class LoadResult:
    file: str
    data: dict[str, Any] | None
    source: SourceMap
    findings: list[Finding]


class _Abort(Exception):
    """Stops the event walk after a finding that makes the rest meaningless."""


def _finding(file: str, pos: Pos, code: str, message: str, severity: Severity = Severity.ERROR) -> Finding:
    return Finding(file, pos[0], pos[1], code, severity, message)


def _line_col(text: str, index: int) -> Pos:
    line = text.count("\n", 0, index) + 1
    start = text.rfind("\n", 0, index) + 1
    return line, index - start + 1


def decode(raw: bytes, file: str) -> tuple[str | None, list[Finding]]:
    """Decode plan bytes: UTF-8 with or without BOM (UTF-16 with a BOM too)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), []
        except UnicodeDecodeError:
            return None, [_finding(file, (1, 1), "IK002", "filen börjar som UTF-16 men går inte att avkoda")]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        head = raw[: exc.start].decode("utf-8", errors="replace")
        line, col = _line_col(head, len(head))
        byte = raw[exc.start]
        guess = ""
        try:
            char = bytes([byte]).decode("cp1252")
            guess = f" (i Windows-1252 vore det '{char}')"
        except UnicodeDecodeError:
            pass
        msg = (
            f"filen är inte giltig UTF-8: byte 0x{byte:02x}{guess}; "
            "spara filen som UTF-8 (i Anteckningar: Spara som > Kodning: UTF-8)"
        )
        return None, [_finding(file, (line, col), "IK002", msg)]


def _coercion_note(tag: str, text: str, value: Any) -> bool:
    """True when a plain scalar's value would surprise someone reading the text."""
    if tag == "tag:yaml.org,2002:bool":
        return text.lower() not in _TRUE_FALSE
    if tag == "tag:yaml.org,2002:int":
        return text.lstrip("+") != str(value)
    if tag == "tag:yaml.org,2002:float":
        return text.lower().lstrip("+") not in (repr(value), str(value))
    return False


def load_bytes(raw: bytes, file: str, noun: str = "en plan") -> LoadResult:
    """Load one plan (or config) document from bytes. Never raises for bad input."""
    source = SourceMap()
    if len(raw) > MAX_BYTES:
        return LoadResult(file, None, source, [_too_large(file, len(raw))])
    text, findings = decode(raw, file)
    if text is None:
        return LoadResult(file, None, source, findings)
    if conflicts := conflict_findings(text, file):
        return LoadResult(file, None, source, conflicts)
    data = _walk(text, file, source, findings, noun)
    return LoadResult(file, data, source, findings)


# git's conflict markers stand at the start of a line; '=======' alone may be a text's underline,
# so a block is found by its '<<<<<<<' (or a lone '>>>>>>>' that a half-done resolution left).
_CONFLICT = re.compile(r"^(<{7}|>{7}|={7}|\|{7})(?:[ \t].*)?\r?$", re.MULTILINE)


def conflict_findings(text: str, file: str) -> list[Finding]:
    """One IK017 per unresolved merge conflict, at its first marker's line (before any parsing:
    inside a quoted text the markers would otherwise pass as text and reach the report)."""
    if "<<<<<<<" not in text and ">>>>>>>" not in text:
        return []
    out: list[Finding] = []
    start: int | None = None
    for m in _CONFLICT.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        mark = m[1][0]
        if mark == "<":
            if start is None:
                start = line
        elif mark == ">":
            first = start if start is not None else line
            where = f"rad {first}–{line}" if first != line else f"rad {line}"
            out.append(_conflict(file, first, where))
            start = None
    if start is not None:
        out.append(_conflict(file, start, f"från rad {start}, utan slut"))
    return out


def _conflict(file: str, line: int, where: str) -> Finding:
    return _finding(
        file,
        (line, 1),
        "IK017",
        f"olöst konflikt från en sammanslagning ({where}): välj vad som ska stå kvar och ta bort "
        "raderna <<<<<<<, ======= och >>>>>>>",
    )


class _Positions:
    """1-based (line, column) of a libyaml mark, counting lines as an editor does."""

    def __init__(self, text: str) -> None:
        self.starts: list[int] | None = None
        if any(ch in text for ch in _ODD_BREAKS):
            self.starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]

    def __call__(self, mark: Any) -> Pos:
        if self.starts is None:
            return mark.line + 1, mark.column + 1
        line = bisect.bisect_right(self.starts, mark.index)
        return line, mark.index - self.starts[line - 1] + 1


def _walk(text: str, file: str, source: SourceMap, findings: list[Finding], noun: str) -> dict[str, Any] | None:
    loader = yaml.CSafeLoader(text)
    at = _Positions(text)
    stack: list[list[Any]] = []  # _build's open containers, still there when libyaml stops with an error
    try:
        return _build(loader, file, source, findings, at, noun, stack)
    except _Abort:
        return None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = at(mark) if mark is not None else (1, 1)
        if exc.problem == "exceeded maximum nesting depth":
            # libyaml 0.2.6 (PyYAML 6.0.4) refuses 1,000 open brackets while scanning ahead of our walk
            findings.append(_finding(file, pos, "IK005", f"för djup nästling (mer än {MAX_DEPTH} nivåer)"))
            return None
        problem = _swedish_problem(exc.problem or exc.context or "okänt fel")
        if _in_flow(text, exc, stack):
            problem += f" ({FLOW_NOTE}: {FLOW_HINT} eller kolon)"
        findings.append(_finding(file, pos, "IK001", f"YAML-syntaxfel: {problem}"))
        return None
    except yaml.reader.ReaderError as exc:
        # libyaml reads the text as UTF-8 and reports a byte offset
        index = len(text.encode("utf-8")[: exc.position].decode("utf-8", "ignore"))
        pos = _line_col(text, index)
        findings.append(
            _finding(file, pos, "IK002", f"otillåtet tecken U+{exc.character:04X} (styrtecken) i filen")
            if isinstance(exc.character, int)
            else _finding(file, pos, "IK002", "otillåtet tecken i filen")
        )
        return None
    except (yaml.YAMLError, ValueError, TypeError, KeyError, AttributeError, OverflowError, RecursionError):
        # Nothing known reaches this, but one odd scalar must never stop the whole run.
        findings.append(_finding(file, (1, 1), "IK001", "YAML-fel: filen kan inte läsas som YAML"))
        return None
    finally:
        loader.dispose()


_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\']|\'\')*\'')


def _in_flow(text: str, exc: yaml.MarkedYAMLError, stack: list[list[Any]]) -> bool:
    """Whether libyaml stopped inside {…} or […]: the open container, libyaml's context, or (when its
    scanner ran ahead of the events) more brackets opened than closed before the mark on its line."""
    if (stack and stack[-1][4]) or (exc.context or "").startswith(("while parsing a flow", "while scanning a flow")):
        return True
    mark = exc.problem_mark
    if mark is None:
        return False
    start = text.rfind("\n", 0, mark.index) + 1
    before = _QUOTED.sub("", text[start : mark.index])
    return before.count("{") > before.count("}") or before.count("[") > before.count("]")


_PROBLEMS = {
    "did not find expected key": "hittade inte nästa nyckel (fel indrag?)",
    "did not find expected ',' or ']'": "saknar ',' eller ']'",
    "did not find expected ',' or '}'": "saknar ',' eller '}'",
    "mapping values are not allowed here": "kolon på fel ställe (sätt texten inom citattecken om den innehåller ': ')",
    "found character that cannot start any token": "tecken som inte kan inleda ett värde (t.ex. tabb eller @)",
    "could not find expected ':'": "hittade inte ':' efter nyckeln",
    "found unexpected end of stream": "filen tar slut mitt i ett värde (saknas ett citattecken?)",
    "did not find expected node content": "saknar värde",
    "did not find expected '-' indicator": "saknar '-' i listan (fel indrag?)",
    "found undefined tag handle": "okänd tagg",
    "mapping values are not allowed in this context": (
        "kolon på fel ställe (sätt texten inom citattecken om den innehåller ': ')"
    ),
    "block sequence entries are not allowed in this context": "'- ' på fel ställe (fel indrag?)",
    "found a tab character": "tabb i indraget; använd mellanslag",
    "found unknown escape character": "okänd escape-sekvens efter '\\' i en text inom dubbla citattecken",
    "found invalid Unicode character escape code": "ogiltig \\u-sekvens i en text inom dubbla citattecken",
    "did not find expected hexdecimal number": "ogiltig \\x- eller \\u-sekvens i en text inom dubbla citattecken",
    "did not find expected alphabetic or numeric character": "namnet efter & eller * saknas",
    "did not find expected whitespace or line break": "mellanslag eller radbrytning saknas",
    "did not find expected comment or line break": "oväntad text efter värdet på raden",
    "did not find expected <document start>": "oväntad text efter dokumentet",
    "found unexpected ':'": "oväntat kolon",
    "found unexpected document indicator": "'---' eller '...' mitt i ett värde",
    "found incompatible YAML document": "YAML-versionen stöds inte",
    "found duplicate YAML directive": "dubblerat %YAML-direktiv",
    "found unsupported YAML version": "YAML-versionen stöds inte",
    "found duplicate %TAG directive": "dubblerat %TAG-direktiv",
    "did not find expected tag URI": "ogiltig tagg",
    "did not find URI escaped octet": "ogiltig tagg",
    "found an incorrect leading UTF-8 octet": "ogiltig UTF-8 i taggen",
    "found an incorrect trailing UTF-8 octet": "ogiltig UTF-8 i taggen",
    "found extra": "oväntat tecken",
    "did not find expected": "oväntat tecken här",
    "found": "oväntat tecken här",
}


def _swedish_problem(problem: str) -> str:
    """libyaml's English problem in Swedish (never passed on in English)."""
    for english, swedish in _PROBLEMS.items():
        if problem.startswith(english):
            return swedish
    return "filen följer inte YAML-syntaxen här"


def _build(
    loader: yaml.CSafeLoader,
    file: str,
    source: SourceMap,
    findings: list[Finding],
    at: _Positions,
    noun: str,
    stack: list[list[Any]],
) -> dict[str, Any] | None:
    """Build the document from events. Containers live on the explicit `stack` (empty at the start).

    This loop runs once per value of every plan, so the open container is also held in locals
    (`parent`, `ppath`, `pkey`, `in_list`, `flow`), and the common case (a plain scalar without tag
    or anchor) takes the fewest steps."""
    # Each frame: [container, path, -, -, flow style]; slots 2 and 3 are unused but kept so that
    # the frame's layout (the flow style at 4) is what _in_flow reads.
    root: Any = None
    key_end = -1  # where the last key of a flow mapping ended: a value starting there had no ':' before it
    documents = 0
    resolve: Callable[..., str] = loader.resolve
    values = source.values
    keys = source.keys
    get_event = loader.get_event
    # PyYAML's implicit resolvers are keyed by first character; most plan text starts with
    # a character that has none, so it is a string without calling resolve() at all.
    first_chars = loader.yaml_implicit_resolvers
    nodes = 0
    odd = at.starts is not None  # without odd line breaks libyaml's marks are the editor's
    no_key = _NO_KEY
    scalar_event, mapping_start, sequence_start = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
    mapping_end, sequence_end, stream_end = yaml.MappingEndEvent, yaml.SequenceEndEvent, yaml.StreamEndEvent
    str_tag = "tag:yaml.org,2002:str"
    normalize = unicodedata.normalize
    resolved = _RESOLVED
    # the open container: nothing yet (the document's root comes first)
    parent: Any = None
    ppath: Path = ()
    pkey: Any = no_key
    in_list = False
    flow = False

    def fail(mark: Any, code: str, message: str) -> NoReturn:
        findings.append(_finding(file, at(mark), code, message))
        raise _Abort

    while True:
        event: Any = get_event()
        cls = type(event)
        if cls is scalar_event or cls is mapping_start or cls is sequence_start:
            mark = event.start_mark
            pos = at(mark) if odd else (mark.line + 1, mark.column + 1)
            nodes += 1
            if nodes > MAX_NODES:
                fail(mark, "IK013", f"filen har fler än {MAX_NODES} värden; dela upp planen")
            tag = event.tag
            if event.anchor is not None or tag is not None:
                if event.anchor is not None:
                    fail(mark, "IK004", f"ankare '&{event.anchor}' är inte tillåtna i {noun}; skriv ut värdet")
                if tag not in _CORE_TAGS:
                    fail(mark, "IK006", f"taggen '{_tag_name(tag)}' är inte tillåten i {noun}")
                if (tag != "!" and _CONTAINER_TAGS.get(cls, tag) != tag) or (
                    cls is scalar_event and tag in _CONTAINER_TAGS.values()
                ):
                    fail(mark, "IK006", f"taggen '{_tag_name(tag)}' passar inte till {_KINDS[cls]}")
            if cls is scalar_event:
                value: Any = event.value
                if not value.isascii():  # NFD 'ä' (macOS, some editors) is the same word as NFC 'ä'
                    value = normalize("NFC", value)
                # plain: YAML may have read the text as something else, which IK009 tells
                plain = event.style == ""
                if plain and tag is None and (not value or value[0] in first_chars):
                    if (
                        value.isascii()
                        and value.isdigit()
                        and (value[0] != "0" or len(value) == 1)
                        and len(value) <= MAX_INT_DIGITS
                    ):
                        value = int(value)
                        plain = False  # a decimal integer's text is its value
                    elif (known := resolved.get(value, no_key)) is not no_key:
                        value = known
                    else:
                        text = value
                        rtag = resolve(yaml.ScalarNode, text, (True, False))
                        if rtag != str_tag:
                            value = _convert(rtag, text, mark, fail)
                        if len(text) <= 40 and len(resolved) < 4096:
                            resolved[text] = value
                elif tag is not None and tag != str_tag and tag != "!":
                    value = _convert(tag, value, mark, fail)
                is_container = False
            else:
                value = {} if cls is mapping_start else []
                is_container = True
                plain = False
            if parent is None:
                if documents:
                    fail(mark, "IK008", f"filen innehåller flera YAML-dokument; {noun} ska vara ett enda dokument")
                documents += 1
                root = value
                path: Path = ()
                values[path] = pos
            elif in_list:
                path = ppath + (len(parent),)  # noqa: RUF005 (concatenation builds the tuple in half the time)
                parent.append(value)
                values[path] = pos
            elif pkey is no_key:
                if is_container:
                    fail(mark, "IK007", "en nyckel måste vara en enkel text, inte en lista eller mappning")
                path = ppath + (value,)  # noqa: RUF005
                # every earlier key of this mapping has its value by now, so the mapping itself tells
                if value in parent:
                    first = keys[path][0]
                    fail(mark, "IK003", f"nyckeln '{value}' förekommer två gånger (rad {first} och rad {pos[0]})")
                pkey = value
                keys[path] = pos
                if flow:
                    key_end = event.end_mark.index
                if plain and not isinstance(value, str):
                    _note_coercion(source, path, event.value, value)
                continue
            else:
                path = ppath + (pkey,)  # noqa: RUF005
                parent[pkey] = value
                pkey = no_key
                values[path] = pos
                if value is None and flow and mark.index == key_end and not event.value:
                    source.lone_keys[path] = keys[path]
            if is_container:
                if len(stack) >= MAX_DEPTH:
                    fail(mark, "IK005", f"för djup nästling (mer än {MAX_DEPTH} nivåer)")
                flow = event.flow_style
                stack.append([value, path, None, None, flow])
                parent, ppath, in_list = value, path, cls is sequence_start
            elif plain and type(value) is not str and value is not None:
                _note_coercion(source, path, event.value, value)
            elif value == PLACEHOLDER:
                source.placeholders.append(path)
        elif cls is mapping_end or cls is sequence_end:
            stack.pop()
            if stack:
                parent, ppath, _, _, flow = stack[-1]
                in_list = type(parent) is list
            else:
                parent, ppath, in_list, flow = None, (), False, False
            pkey = no_key  # the value just closed was the pending key's, or an item of a list
        elif cls is stream_end:
            break
        elif cls is yaml.AliasEvent:
            fail(event.start_mark, "IK004", f"alias '*{event.anchor}' är inte tillåtna i {noun}; skriv ut värdet")
    if documents == 0:
        findings.append(_finding(file, (1, 1), "IK008", f"filen är tom; {noun} börjar med 'schemaversion: 1'"))
        return None
    if not isinstance(root, dict):
        kind = "en lista" if isinstance(root, list) else "ett enskilt värde"
        findings.append(
            _finding(file, (1, 1), "IK008", f"filen innehåller {kind}; {noun} ska vara en mappning av nycklar")
        )
        return None
    return root


_NO_KEY = object()
# Plain scalars that start like a number, date, boolean or null ('2025-09-10', 'Nej', 'Område 1'), by
# their text: what PyYAML's resolver and constructor made of them the first time. Plans repeat such texts
# thousands of times. Every such value is immutable (PyYAML itself gives every '.nan' one float object),
# and only so many are kept.
_RESOLVED: dict[str, Any] = {}


def _note_coercion(source: SourceMap, path: Path, text: str, value: Any) -> None:
    tag = {bool: "tag:yaml.org,2002:bool", int: "tag:yaml.org,2002:int", float: "tag:yaml.org,2002:float"}.get(
        type(value)
    )
    if tag is not None and _coercion_note(tag, text, value):
        source.coercions[path] = Coercion(text, value)


def _convert(tag: str, text: str, mark: Any, fail: Callable[[Any, str, str], NoReturn]) -> Any:
    converter = _SCALAR_CONVERTERS.get(tag)
    if converter is None:
        if tag == "tag:yaml.org,2002:merge":
            fail(mark, "IK004", "sammanslagningsnyckeln '<<' är inte tillåten; skriv ut värdena")
        return text
    if tag == "tag:yaml.org,2002:int" and sum(c.isalnum() for c in text) > MAX_INT_DIGITS + 2:
        # counts hex, octal, binary and sexagesimal digits too ('0x' + 200 hex digits)
        fail(mark, "IK007", f"talet har fler än {MAX_INT_DIGITS} siffror")
    if tag == "tag:yaml.org,2002:float" and len(text) > 4 * MAX_INT_DIGITS:
        fail(mark, "IK007", f"talet har fler än {4 * MAX_INT_DIGITS} tecken")
    try:
        value = converter(yaml.ScalarNode(tag, text))
    except Exception:
        if tag == "tag:yaml.org,2002:timestamp":
            fail(mark, "IK007", f"'{_short(text)}' är inget giltigt datum (ÅÅÅÅ-MM-DD)")
        fail(mark, "IK007", f"'{_short(text)}' går inte att läsa som {_TAG_NAMES.get(tag, 'värde')}")
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        value = value.replace(tzinfo=None)
    return value


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:39] + "…"


_TAG_NAMES = {
    "tag:yaml.org,2002:int": "heltal",
    "tag:yaml.org,2002:float": "decimaltal",
    "tag:yaml.org,2002:bool": "sanningsvärde",
    "tag:yaml.org,2002:null": "tomt värde",
}


def describe_coercion(c: Coercion) -> str:
    """A Swedish hint for a value YAML 1.1 read differently from its text."""
    if isinstance(c.value, bool):
        kind = "sanningsvärdet " + ("true" if c.value else "false")
    elif isinstance(c.value, int):
        kind = f"talet {c.value}"
    else:
        kind = f"talet {c.value!r}"
    return f"YAML läser '{c.text}' som {kind}; sätt värdet inom citattecken om det är text"


# In {…} and […] a comma ends a value, so 'Kontroll, av fakturor' is two pieces there.
FLOW_NOTE = "inom {…} och […] avslutar ett kommatecken värdet"
FLOW_HINT = "sätt texten inom citattecken om den innehåller kommatecken"


def with_flow_hints(findings: list[Finding], source: SourceMap, file: str) -> list[Finding]:
    """The hint to quote the text, on the findings at a key that a comma split off in {…}
    ({beskrivning: Kontroll, av fakturor} has a key 'av fakturor' without a value); such a key
    that nothing else objects to gets a warning of its own."""
    if not source.lone_keys:
        return findings
    spots: dict[Pos, Path] = {}
    for path, pos in source.lone_keys.items():
        spots[pos] = path
        spots.setdefault(source.values.get(path, pos), path)
    out: list[Finding] = []
    hinted: set[Path] = set()
    for f in findings:
        spot = spots.get((f.line, f.column))
        if spot is not None and f.file == file and FLOW_HINT not in f.message:
            f = replace(f, message=f"{f.message} ({_lone_key(spot)})")
            hinted.add(spot)
        out.append(f)
    for path, pos in source.lone_keys.items():
        if path not in hinted:
            out.append(_finding(file, pos, "IK009", _lone_key(path), Severity.WARNING))
    return out


def _lone_key(path: Path) -> str:
    return f"kommatecknet före '{_short(str(path[-1]))}' avslutar värdet inom {{…}}; {FLOW_HINT}"


class NotRegularError(OSError):
    """The path is a device, FIFO, socket or folder, which ikplan never reads."""


def read_limited(path: str, limit: int | None = None) -> bytes | None:
    """The bytes of a regular file, or None when it holds more than `limit` bytes.

    Opened without blocking (a FIFO does not hang), checked with fstat to be a
    regular file (a symlink to /dev/zero is refused), and read at most `limit` + 1
    bytes, so a file that grows while being read cannot exhaust memory either.
    """
    limit = MAX_BYTES if limit is None else limit  # read at call time (the benchmark lifts it)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            kind = "en mapp" if stat.S_ISDIR(st.st_mode) else "ingen vanlig fil (en enhet, FIFO eller socket)"
            raise NotRegularError(0, kind)
        if st.st_size > limit:
            return None
        chunks = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        return None if total > limit else b"".join(chunks)
    finally:
        os.close(fd)


def load_file(path: str, display: str | None = None, noun: str = "en plan") -> LoadResult:
    """Read and load a file; an unreadable file is a finding, not an exception."""
    name = display or path
    try:
        raw = read_limited(path)
    except NotRegularError as exc:
        return LoadResult(
            name, None, SourceMap(), [_finding(name, (0, 0), "IK011", f"kan inte läsa filen: den är {exc.strerror}")]
        )
    except OSError as exc:
        from ikplan.files import reason

        return LoadResult(
            name, None, SourceMap(), [_finding(name, (0, 0), "IK011", f"kan inte läsa filen: {reason(exc)}")]
        )
    if raw is None:
        return LoadResult(name, None, SourceMap(), [_too_large(name, None)])
    return load_bytes(raw, name, noun)


def _too_large(file: str, size: int | None) -> Finding:
    limit = MAX_BYTES // (1024 * 1024)
    what = f"filen är {size / 1e6:.1f} MB" if size is not None else f"filen är större än {limit} MB"
    return _finding(file, (1, 1), "IK010", f"{what}; en plan får vara högst {limit} MB")
