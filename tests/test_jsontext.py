"""ikplan/jsontext.py writes exactly what json.dumps(value, ensure_ascii=False, indent=2) writes."""

from __future__ import annotations

import json
import math
from enum import StrEnum
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from ikplan import jsontext

scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text()
keys = st.text() | st.integers() | st.booleans() | st.none() | st.floats(allow_nan=False)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=5)
        | st.tuples(inner, inner)
        | st.dictionaries(st.text(max_size=8), inner, max_size=5)
        | st.dictionaries(keys, inner, max_size=4)
    ),
    max_leaves=40,
)


def _same(value: Any) -> None:
    assert jsontext.dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)


@settings(max_examples=400, deadline=None)
@given(values)
def test_any_value_is_written_as_json_dumps_writes_it(value: Any) -> None:
    _same(value)


class Colour(StrEnum):
    RED = "röd"


def test_the_corner_cases() -> None:
    for value in [
        {},
        [],
        {"a": {}, "b": [], "c": [[]], "d": [{}]},
        {'å\u2028\x00"\\': "\ud800 \x7f \x85 \ufeff"},
        {3: "tre", True: "sant", False: "falskt", None: "inget", 2.5: "två och en halv"},
        [math.inf, -math.inf, math.nan, 1e300, -0.0, 10**40],
        {"färg": Colour.RED, "lista": [Colour.RED, 1]},
        {"djup": [[[[{"x": [1, {"y": None}]}]]]]},
        "bara text",
        7,
    ]:
        _same(value)


def test_what_json_dumps_refuses_is_refused_the_same_way() -> None:
    import datetime as dt

    for value in [{"d": dt.date(2025, 1, 1)}, [object()], {(1, 2): "tupel"}]:
        try:
            json.dumps(value, ensure_ascii=False, indent=2)
        except TypeError as exc:
            expected = str(exc)
        try:
            jsontext.dumps(value)
        except TypeError as exc:
            assert str(exc) == expected
        else:
            raise AssertionError(value)


def test_a_sammanstallning_as_the_standard_library_writes_it(run) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import ROOT

    done = run("summary", str(ROOT / "tests" / "fixtures" / "egna_ord"), "-f", "json", "--datum", "2025-09-20")
    assert done.exit_code == 0
    assert done.output == json.dumps(json.loads(done.output), ensure_ascii=False, indent=2) + "\n"
