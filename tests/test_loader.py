"""The loader defuses the YAML pitfalls PyYAML leaves open (duplicate keys, aliases, deep nesting, YAML 1.1
coercions, encodings); positions are (line, column) 1-based."""

from __future__ import annotations

import pytest

from ikplan.checking.loading import load_bytes


def codes(raw: bytes) -> list[tuple[str, int, int]]:
    return [(f.code, f.line, f.column) for f in load_bytes(raw, "p.yaml").findings]


def test_duplicate_keys_name_both_lines() -> None:
    result = load_bytes(b"a: 1\nb:\n  c: 1\n  c: 2\n", "p.yaml")
    assert [(f.code, f.line, f.column) for f in result.findings] == [("IK003", 4, 3)]
    assert "rad 3 och rad 4" in result.findings[0].message


@pytest.mark.parametrize(
    "raw,expected",
    [
        (b"a: &x [1]\nb: *x\n", [("IK004", 1, 4)]),
        (b"a: [1]\nb: *x\n", [("IK004", 2, 4)]),
        (b"a:\n  <<: {b: 1}\n", [("IK004", 2, 3)]),
        (b"a: !!python/name:os.system x\n", [("IK006", 1, 4)]),
        (b"a: 2024-02-30\n", [("IK007", 1, 4)]),
        (b"a: " + b"9" * 5000 + b"\n", [("IK007", 1, 4)]),
        (b"", [("IK008", 1, 1)]),
        (b"   \n\n", [("IK008", 1, 1)]),
        (b"just a string\n", [("IK008", 1, 1)]),
        (b"a: 1\n---\nb: 2\n", [("IK008", 3, 1)]),
        (b"a: \x01\n", [("IK002", 1, 4)]),
        (b"a: 1\nb: caf\xe9\n", [("IK002", 2, 7)]),
        (b"a: [\n", [("IK001", 2, 1)]),
    ],
)
def test_pitfalls(raw: bytes, expected: list[tuple[str, int, int]]) -> None:
    assert codes(raw) == expected


def test_bom_is_accepted() -> None:
    result = load_bytes(b"\xef\xbb\xbfa: 1\n", "p.yaml")
    assert result.data == {"a": 1} and result.findings == []


def test_utf16_with_bom_is_accepted() -> None:
    result = load_bytes("a: å\n".encode("utf-16"), "p.yaml")
    assert result.data == {"a": "å"}


def test_coercions_are_noted() -> None:
    result = load_bytes(b"a: no\nb: 1.10\nc: 12:30\nd: 0755\ne: true\nf: 3\ng: '0755'\n", "p.yaml")
    got = {k[0]: (c.text, c.value) for k, c in result.source.coercions.items()}
    assert got == {"a": ("no", False), "b": ("1.10", 1.1), "c": ("12:30", 750), "d": ("0755", 493)}


def test_positions_of_values_and_keys() -> None:
    result = load_bytes(b"a:\n  - x: 1\n    y: [1, 2]\n", "p.yaml")
    assert result.source.values[("a", 0, "y", 1)] == (3, 12)
    assert result.source.keys[("a", 0, "y")] == (3, 5)
    assert result.source.locate(("a", 0, "missing", 3)) == (2, 5)


def test_deep_nesting_is_refused_quickly() -> None:
    # The C composer segfaults around 50,000 nested brackets; the event walk must stop first.
    for raw in (b"a: " + b"[" * 60000, b"a: " + b"{a: " * 60000, b"a:\n  " + b"- " * 60000):
        found = codes(raw)
        assert found and found[0][0] == "IK005"


def test_alias_bomb_is_refused_before_expansion() -> None:
    lines = [b'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [b"a%d: &a%d [" % (i, i) + b",".join([b"*a%d" % (i - 1)] * 9) + b"]" for i in range(1, 10)]
    assert codes(b"\n".join(lines))[0][0] == "IK004"


def test_too_large_file() -> None:
    assert codes(b"a: " + b"x" * (11 * 1024 * 1024)) == [("IK010", 1, 1)]
