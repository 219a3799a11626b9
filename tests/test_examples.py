"""Positive and negative example plans: each negative file names its findings in comments."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, expected_findings

VALID = sorted((EXAMPLES / "valid").glob("*.yaml"))
INVALID = sorted((EXAMPLES / "invalid").glob("*.yaml"))


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_examples_have_no_findings(run, path: Path) -> None:
    result = run("validate", "--format", "json", str(path))
    assert result.exit_code == 0, result.stdout
    assert json.loads(result.stdout) == []


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_invalid_examples_give_exactly_the_expected_findings(run, path: Path) -> None:
    expected = expected_findings(path)
    assert expected, f"{path.name} names no expected findings"
    result = run("validate", "--format", "json", str(path))
    assert result.exit_code == 1
    got = sorted((f["code"], f["line"], f["column"]) for f in json.loads(result.stdout))
    assert got == expected
