"""Property-based tests: whatever bytes come in, validation ends in findings or success."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ikplan.checking.findings import Finding
from ikplan.checking.validate import Checker
from tests.conftest import AMN, KS, MINIMAL

SEEDS = [AMN.read_bytes(), KS.read_bytes(), MINIMAL.encode()]
TOKENS = [
    b"&a ",
    b"*a",
    b"!!python/object ",
    b"- ",
    b": ",
    b"[",
    b"]",
    b"{",
    b"}",
    b"\t",
    b"'",
    b'"',
    b"no",
    b"1.10",
    b"12:30",
    b"0755",
    b"2024-13-45",
    b"\xff",
    b"\x00",
    b"---\n",
    b"<<: ",
    b"~",
    b"\n  ",
    b"#",
    b"!!bool ",
    b"!!int ",
    b"!!float ",
    b"!!null ",
    b"!!str ",
    b"!!map ",
    b"!!seq ",
    b"!!timestamp ",
    b"!<tag:yaml.org,2002:int> ",
    b"0x",
    b"0b",
    b"0o",
    b"ja",
    b"\xe2\x80\xa8",
    b"\xc2\x85",
]

CHECKER = Checker()


def check(raw: bytes) -> None:
    checked = CHECKER.check_bytes(raw, "fuzz.yaml", settings_from=str(AMN))
    assert all(isinstance(f, Finding) and f.line >= 0 and f.column >= 0 for f in checked.findings)
    assert checked.plan is not None or checked.findings


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    raw = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 4))):
        pos = draw(st.integers(0, len(raw)))
        action = draw(st.integers(0, 3))
        if action == 0:
            raw[pos:pos] = draw(st.sampled_from(TOKENS))
        elif action == 1:
            raw[pos : pos + draw(st.integers(1, 40))] = b""
        elif action == 2 and pos < len(raw):
            raw[pos] = draw(st.integers(0, 255))
        else:
            lines = bytes(raw).split(b"\n")
            i = draw(st.integers(0, len(lines) - 1))
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            raw = bytearray(b"\n".join(lines))
    return bytes(raw)


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_plans_never_raise(raw: bytes) -> None:
    check(raw)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_never_raise(raw: bytes) -> None:
    check(raw)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([*TOKENS, b"a", b"\xc3\xa5", b"1", b" ", b"\n", b"risker"]), max_size=80))
def test_yaml_like_token_soup_never_raises(parts: list[bytes]) -> None:
    check(b"".join(parts))
