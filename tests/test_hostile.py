"""Hostile and broken input beyond the example corpus: every one ends in findings, never a crash."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import MINIMAL


def codes(run, path: Path) -> list[tuple[str, int, int]]:  # type: ignore[no-untyped-def]
    result = run("validate", "-f", "json", str(path))
    assert result.exit_code in (0, 1), result.stderr
    return [(f["code"], f["line"], f["column"]) for f in json.loads(result.stdout)]


def test_fifty_megabyte_file_is_refused_without_parsing(run, tmp_path: Path) -> None:
    big = tmp_path / "stor.yaml"
    with big.open("wb") as fh:
        fh.write(b"schemaversion: 1\nrisker:\n")
        chunk = b"  - id: R\n    beskrivning: " + b"x" * 1000 + b"\n"
        for _ in range(50 * 1024):
            fh.write(chunk)
    assert big.stat().st_size > 50 * 1024 * 1024
    result = run("validate", "-f", "json", str(big))
    assert result.exit_code == 1
    [finding] = json.loads(result.stdout)
    assert finding["code"] == "IK010" and "högst 10 MB" in finding["message"]


def test_large_scalar_under_the_limit_is_fine(run, tmp_path: Path) -> None:
    plan = tmp_path / "p.yaml"
    plan.write_text(MINIMAL.replace("beskrivning: En risk", "beskrivning: " + "ord " * 2_000_000), encoding="utf-8")
    assert codes(run, plan) == []


def test_control_character_inside_the_file(run, tmp_path: Path) -> None:
    plan = tmp_path / "p.yaml"
    plan.write_bytes(MINIMAL.replace("Testnämnden", "Test\x1bnämnden").encode())
    assert codes(run, plan) == [("IK002", 3, 12)]


def test_mixed_encoding_names_the_line(run, tmp_path: Path) -> None:
    plan = tmp_path / "p.yaml"
    plan.write_bytes(MINIMAL.encode().replace(b"En risk", "En risk i Malm\xf6".encode("cp1252")))
    [(code, line, _col)] = codes(run, plan)
    assert (code, line) == ("IK002", 11)


def test_deep_block_nesting(run, tmp_path: Path) -> None:
    text = "schemaversion: 1\n" + "".join("  " * i + f"n{i}:\n" for i in range(80)) + "  " * 80 + "x: 1\n"
    plan = tmp_path / "p.yaml"
    plan.write_text(text, encoding="utf-8")
    assert codes(run, plan)[0][0] == "IK005"


def test_ids_that_collide_after_yaml_coercion(run, tmp_path: Path) -> None:
    plan = tmp_path / "p.yaml"
    plan.write_text(
        "schemaversion: 1\nnämnd: N\når: 2025\nrisker:\n"
        "  - id: 0755\n    beskrivning: a\n    riskvärde: 2\n"
        "  - id: 493\n    beskrivning: b\n    riskvärde: 2\n",
        encoding="utf-8",
    )
    assert codes(run, plan) == [("IK009", 5, 9), ("IK109", 8, 5)]


def test_non_finite_and_boolean_values(run, tmp_path: Path) -> None:
    plan = tmp_path / "p.yaml"
    plan.write_text(
        MINIMAL.replace("sannolikhet: 2", "sannolikhet: .inf").replace("konsekvens: 3", "konsekvens: yes"),
        encoding="utf-8",
    )
    found = codes(run, plan)
    assert ("IK052", 12, 18) in found and ("IK052", 13, 17) in found


def test_boolean_key(run, tmp_path: Path) -> None:
    plan = tmp_path / "p.yaml"
    plan.write_text(MINIMAL + "on: true\n", encoding="utf-8")
    result = run("validate", str(plan))
    assert result.exit_code == 1
    assert "nyckeln true är inte text (YAML läser 'on' som sanningsvärdet true" in result.stdout


def test_unreadable_path_is_a_finding(run, tmp_path: Path) -> None:
    folder = tmp_path / "p.yaml"
    folder.mkdir()  # a folder named like a plan, given explicitly, is searched (and is empty)
    assert run("validate", str(folder)).exit_code == 0
    target = tmp_path / "länk.yaml"
    target.symlink_to(tmp_path / "saknas.yaml")
    result = run("validate", "-f", "json", str(tmp_path))
    assert result.exit_code == 1
    assert json.loads(result.stdout)[0]["code"] == "IK011"
