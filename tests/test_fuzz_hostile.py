"""Property-based tests of round two: explicit tags, files that are not regular, Excel workbooks."""

from __future__ import annotations

import contextlib
import io
import os
import socket
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ikplan.checking.findings import Finding
from ikplan.checking.loading import load_file
from ikplan.checking.validate import Checker
from ikplan.cycle.excel import import_workbook
from tests.conftest import MINIMAL

CHECKER = Checker()
TAGS = ["!!bool", "!!int", "!!float", "!!null", "!!str", "!!map", "!!seq", "!!timestamp", "!!binary", "!", "!x"]
FIELDS = ["nämnd", "år", "kommun", "    beskrivning", "    sannolikhet", "    riskvärde", "  - id"]


def _checked(raw: bytes) -> None:
    checked = CHECKER.check_bytes(raw, "fuzz.yaml")
    assert all(isinstance(f, Finding) for f in checked.findings)
    assert checked.plan is not None or checked.findings


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(FIELDS),
    st.sampled_from(TAGS),
    st.one_of(
        st.text(max_size=30),
        st.sampled_from(["ja", "0x" + "f" * 120, "0b" + "1" * 400, "1:2:3", "2024-02-30", "0000-01-01", ".inf", "~"]),
    ),
)
def test_explicit_tags_end_in_findings(field: str, tag: str, value: str) -> None:
    lines = MINIMAL.splitlines()
    at = next(i for i, ln in enumerate(lines) if ln.startswith(field + ":") or ln.startswith(field + " "))
    quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    lines[at] = f"{lines[at].split(':')[0]}: {tag} {quoted}"
    _checked(("\n".join(lines) + "\n").encode("utf-8", "surrogatepass"))


def _make(kind: str, path: Path, data: bytes) -> None:
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "socket":
        s = socket.socket(socket.AF_UNIX)
        s.bind(str(path))
        s.close()
    elif kind == "folder":
        path.mkdir()
    elif kind == "dangling":
        path.symlink_to(path.with_name("saknas"))
    elif kind == "loop":
        path.symlink_to(path)
    elif kind.startswith("/dev/"):
        path.symlink_to(kind)
    else:
        path.write_bytes(data)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(["fifo", "socket", "folder", "dangling", "loop", "/dev/zero", "/dev/urandom", "/dev/null", "file"]),
    st.binary(max_size=200),
)
def test_files_that_are_not_regular_are_findings(kind: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "p.yaml"
        _make(kind, path, data)
        result = load_file(str(path))  # returns at once: a FIFO does not block, /dev/zero is not read
        if kind not in ("file", "/dev/null"):
            assert result.data is None and [f.code for f in result.findings] == ["IK011"], (kind, result.findings)
        if kind == "/dev/null":
            assert result.findings[0].code == "IK011"


_VALUES = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["=1+1", "+SUM(A1)", "-2", "@x", '=HYPERLINK("http://x")', "ja", "nej"]),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True),
    st.dates(),
    st.none(),
)


@st.composite
def workbooks(draw: st.DrawFn) -> bytes:
    from openpyxl import Workbook
    from openpyxl.utils.exceptions import IllegalCharacterError

    wb = Workbook()
    ws = wb.active
    ws.title = draw(st.sampled_from(["Risker", "Risker", "Blad1"]))
    ws.append(draw(st.lists(st.sampled_from(["Id", "Beskrivning", "Sannolikhet", "Riskvärde", "Hantering", "x"]))))
    for _ in range(draw(st.integers(0, 8))):
        row = draw(st.one_of(st.integers(2, 60), st.sampled_from([10_001, 20_000, 1_048_576])))
        col = draw(st.one_of(st.integers(1, 30), st.sampled_from([201, 16_384])))
        with contextlib.suppress(IllegalCharacterError, ValueError):
            ws.cell(row=row, column=col, value=draw(_VALUES))
    if draw(st.booleans()):
        ws2 = wb.create_sheet(draw(st.sampled_from(["Kontrollmoment", "Åtgärder", "Plan", "Områden"])))
        ws2.append(["Risk", "Id", "Gäller", "Fält", "Värde"])
        with contextlib.suppress(IllegalCharacterError, ValueError):
            ws2.append([draw(_VALUES) for _ in range(5)])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(workbooks())
def test_workbooks_end_in_a_plan_or_findings(raw: bytes) -> None:
    doc, _source, findings = import_workbook(raw, "bok.xlsx")
    assert doc is not None or findings
    assert all(isinstance(f, Finding) for f in findings)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_random_bytes_as_workbook(raw: bytes) -> None:
    doc, _source, findings = import_workbook(b"PK\x03\x04" + raw, "bok.xlsx")
    assert doc is None and findings


_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r"), min_size=1, max_size=30).filter(
    lambda t: t.strip() == t and t.strip()
)


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(st.one_of(_TEXT, st.sampled_from(["=1+1", "+1", "-1-1", "@SUM(A1)", '=HYPERLINK("x")'])))
def test_export_writes_text_as_text_and_import_gives_it_back(text: str) -> None:
    import json

    from openpyxl import load_workbook

    from ikplan.cycle.excel import export_workbook
    from ikplan.text import visible

    plan = MINIMAL.replace("beskrivning: En risk", "beskrivning: " + json.dumps(text))
    checked = Checker().check_bytes(plan.encode("utf-8"), "p.yaml")
    if not checked.ok:
        return
    raw = export_workbook(checked)
    ws = load_workbook(io.BytesIO(raw))["Risker"]
    cell = ws.cell(row=2, column=6)
    assert cell.data_type == "s"
    doc, _source, findings = import_workbook(raw, "bok.xlsx")
    assert doc is not None, findings
    shown = visible(text) if any(ord(c) < 0x20 and c not in "\t\n" for c in text) else text
    assert doc["risker"][0]["beskrivning"] == shown.strip()
