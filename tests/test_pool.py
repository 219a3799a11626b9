"""The pool of `validate`: every plan checked once, by whichever process is free, in chunks that shrink
towards the end; and the loader reads a text it has met before the same way every time."""

from __future__ import annotations

import itertools
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import MINIMAL

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _kommun(tmp_path: Path, n: int) -> Path:
    """Ordkommun with n plans: most copies of its tertial plan under other nämnder, some broken."""
    root = tmp_path / "ordkommun"
    shutil.copytree(FIXTURES / "egna_ord", root)
    text = (root / "2025" / "tn.yaml").read_text(encoding="utf-8")
    first = next(line for line in text.splitlines() if line.startswith("nämnd:"))
    for i in range(n):
        body = text.replace(first, f"nämnd: Nämnd {i}", 1)
        if i % 7 == 3:
            body = body.replace("resultat: Godkänd", "resultat: Godkänd\n            resultat: Ej godkänd", 1)
        (root / "2025" / f"n{i:03d}.yaml").write_text(body, encoding="utf-8")
    return root


def test_every_plan_is_checked_once_and_the_output_is_that_of_one_process(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ikplan.checking import validate

    root = _kommun(tmp_path, 60)
    log = tmp_path / "chunks.log"
    real = validate._check_chunk

    def logged(files: list[str], config: str | None) -> Any:
        with open(log, "a", encoding="utf-8") as fh:  # the workers are forked: they append here too
            fh.write(json.dumps([os.getpid(), files]) + "\n")
        return real(files, config)

    monkeypatch.setattr(validate, "PARALLEL_FROM", 2)
    monkeypatch.setattr(validate, "_check_chunk", logged)
    one = run("validate", str(root), "--jobs", "1", "-f", "json")
    log.unlink()
    two = run("validate", str(root), "--jobs", "2", "-f", "json")
    assert (two.exit_code, two.stdout, two.stderr) == (one.exit_code, one.stdout, one.stderr)
    assert one.exit_code == 1 and one.stdout.count('"IK003"') == 9  # the broken ones, found either way

    chunks = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    files = validate.expand([str(root)])
    checked = sorted((f for _pid, chunk in chunks for f in chunk), key=files.index)
    assert checked == files  # each once, none left out
    for _pid, chunk in chunks:  # a chunk is a contiguous run of the files
        start = files.index(chunk[0])
        assert files[start : start + len(chunk)] == chunk
    sizes = sorted((files.index(c[0]), len(c)) for _pid, c in chunks)
    assert sizes[0][1] > sizes[-1][1] and sizes[-1][1] <= 2  # they shrink towards the end
    assert len({pid for pid, _chunk in chunks}) == 2  # this process and its worker both worked


def test_chunks_cover_the_files_and_shrink() -> None:
    from ikplan.checking.validate import _spans

    for n in (1, 2, 3, 47, 48, 1000):
        for jobs in (2, 3, 8):
            spans = _spans(n, jobs)
            assert spans[0][0] == 0 and spans[-1][1] == n
            assert all(a[1] == b[0] for a, b in itertools.pairwise(spans))
            sizes = [e - s for s, e in spans]
            assert sizes == sorted(sizes, reverse=True) or sizes[-1] < 2  # only the remainder breaks the order
            assert max(sizes) <= max(2, -(-n // (4 * jobs)))


def test_a_text_met_again_is_read_the_same_way(run, tmp_path: Path) -> None:
    """'no' is false each time it stands, each time with the hint to quote it, and a date is a date
    each time (the loader keeps what it made of such a text)."""
    plan = MINIMAL.replace("beskrivning: En risk", "beskrivning: no", 1) + (
        "  - id: R2\n    område: A\n    beskrivning: no\n    sannolikhet: 1\n    konsekvens: 1\n"
        "    riskvärde: 1\n    hantering: [kontrollmoment]\n    kontrollmoment:\n      - id: K2\n"
        "        beskrivning: Kontroll\n        kontrollmetod: Stickprov\n        ansvarig: no\n"
        "        uppföljning:\n          delår:\n            datum: 2025-09-10\n"
    )
    (tmp_path / "p.yaml").write_text(plan, encoding="utf-8")
    items = json.loads(run("validate", str(tmp_path / "p.yaml"), "-f", "json").stdout)
    lines = plan.splitlines()
    no_lines = [i + 1 for i, line in enumerate(lines) if line.endswith(": no")]
    assert len(no_lines) == 3
    assert sorted((f["code"], f["line"]) for f in items) == [("IK052", n) for n in no_lines]
    assert all("YAML läser 'no' som sanningsvärdet false" in f["message"] for f in items)

    # the same date text twice as keys is one key twice, named at both lines
    twice = plan + "okänd:\n  2025-09-10: 1\n  2025-09-10: 2\n"
    (tmp_path / "p.yaml").write_text(twice, encoding="utf-8")
    items = json.loads(run("validate", str(tmp_path / "p.yaml"), "-f", "json").stdout)
    n = len(twice.splitlines())
    assert [(f["code"], f["line"]) for f in items] == [("IK003", n)]
    assert f"rad {n - 1} och rad {n}" in items[0]["message"]
