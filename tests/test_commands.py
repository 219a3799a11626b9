"""The command layer (ikplan/commands): one module per command returning a Result, one registry of
output formats, one registry of IK codes, and `history` keyed by (nämnd, id)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import AMN, ROOT

KOMMUN = ROOT / "tests" / "fixtures" / "kommun"
EGNA_ORD = ROOT / "tests" / "fixtures" / "egna_ord"

COMMANDS = {
    "validate": "validate",
    "score": "score",
    "status": "status",
    "report": "report",
    "diff": "diff",
    "show": "show",
    "summary": "summary",
    "history": "history",
    "git-setup": "git_setup",
    "new": "new",
    "rollover": "rollover",
    "migrate": "migrate",
    "export": "export",
    "import": "import_",
    "schema": "schema",
    "rules": "rules",
}


def test_every_typer_command_has_a_command_module_with_args_and_run() -> None:
    import dataclasses
    import importlib

    import typer.main

    from ikplan.cli import app

    names = set(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
    assert set(COMMANDS) <= names
    for name in names:  # a command added later gets its module too
        module = COMMANDS.get(name, name.replace("-", "_"))
        mod = importlib.import_module(f"ikplan.commands.{module}")
        args = [v for v in vars(mod).values() if dataclasses.is_dataclass(v) and v.__module__ == mod.__name__]
        assert len(args) == 1, module  # one small argument object
        assert callable(mod.run)


def test_a_command_returns_its_output_instead_of_printing(capsys: pytest.CaptureFixture[str]) -> None:
    from ikplan.commands import score

    result = score.run(score.ScoreArgs([str(AMN)], fmt="json"))
    assert capsys.readouterr() == ("", "")  # nothing printed
    assert result.exit_code == 0 and result.files == []
    rows = json.loads(result.stdout)
    assert rows and all(r["plan"].endswith("amn-2024.yaml") for r in rows)


def test_a_library_error_ends_the_result_with_its_code_after_what_was_said() -> None:
    from ikplan.commands import schema, score

    failed = score.run(score.ScoreArgs([str(AMN)], area="finns-inte"))
    assert failed.exit_code == 2 and "området 'finns-inte' finns inte" in str(failed.failure)
    broken = schema.run(schema.SchemaArgs(config=str(ROOT / "tests" / "examples" / "invalid" / "regler.yaml")))
    assert broken.exit_code in (1, 2) and broken.failure is not None


def test_a_written_file_is_listed_in_the_result(tmp_path: Path) -> None:
    from ikplan.commands import report

    target = tmp_path / "r.md"
    result = report.run(report.ReportArgs(str(AMN), date="2024-10-01", output=str(target)))
    assert result.exit_code == 0, result.stderr
    assert result.files == [str(target)] and f"skrev {target}" in result.stderr
    assert "Tjänsteskrivelse" in target.read_text(encoding="utf-8")


def test_the_command_modules_import_nothing_heavy() -> None:
    """Start-up stays fast: every command module imports its libraries inside run()."""
    modules = ", ".join(f"ikplan.commands.{m}" for m in COMMANDS.values())
    code = (
        f"import sys, importlib\nfor m in '{modules}'.split(', '): importlib.import_module(m)\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'typer', 'click', 'rich', 'jinja2', 'pydantic', 'yaml'}))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert done.stdout.strip() == "[]"


# --- the registry of formats ------------------------------------------------------------------------


def test_the_format_choices_come_from_the_registry() -> None:
    from ikplan.cli import ExportFormat, FindingFormat, ReportFormat, SummaryFormat, ViewFormat
    from ikplan.cli_fast import FORMATS
    from ikplan.commands import formats

    for enum, names in [
        (FindingFormat, formats.FINDING),
        (ViewFormat, formats.VIEW),
        (ReportFormat, formats.REPORT),
        (SummaryFormat, formats.SUMMARY),
        (ExportFormat, formats.EXPORT),
    ]:
        assert [f.value for f in enum] == list(names)
        assert set(names) <= set(formats.FORMATS)
    assert FORMATS == formats.FINDING
    assert [f for f in formats.FORMATS if formats.needs_file(f)] == ["docx", "pdf", "xlsx"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["report", str(AMN), "-f", "docx"], "Word-rapporten behöver en fil: ange -o RAPPORT.docx"),
        (["report", str(AMN), "-f", "pdf"], "PDF-rapporten behöver en fil: ange -o RAPPORT.pdf"),
        (["summary", str(KOMMUN), "-f", "docx"], "sammanställningen som docx behöver en fil: ange -o FIL.docx"),
        (["summary", str(KOMMUN), "-f", "pdf"], "sammanställningen som pdf behöver en fil: ange -o FIL.pdf"),
    ],
)
def test_a_format_that_needs_a_file_asks_for_one(run, args: list[str], message: str) -> None:  # type: ignore[no-untyped-def]
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.output


# --- the registry of IK codes ----------------------------------------------------------------------


def test_every_ik_code_used_in_ikplan_is_registered_and_documented(run) -> None:  # type: ignore[no-untyped-def]
    from ikplan.checking.rules import all_codes

    used: set[str] = set()
    for path in (ROOT / "ikplan").rglob("*.py"):
        used |= set(re.findall(r"[\"'](IK\d{3})[\"']", path.read_text(encoding="utf-8")))  # codes, not prose
    assert len(used) > 40
    registered = {code for code, *_ in all_codes()}
    assert used - registered == set(), "used but not registered"
    listing = run("rules").stdout
    documented = set(re.findall(r"^(IK\d{3}) \[(?:fel|varning)\] \S", listing, re.M))
    assert used <= documented
    for code, _severity, title, doc in all_codes():
        assert title.strip() and doc.strip(), code  # every code has a title and a text in `ikplan rules`


def test_a_findings_severity_is_the_registered_one() -> None:
    """Where a code and a severity are written side by side, they agree with the registry, so no
    module says a different severity than `ikplan rules`."""
    from ikplan.checking.rules import all_codes

    severity = {code: sev.name for code, sev, *_ in all_codes()}
    pair = re.compile(r'"(IK\d{3})",\s*(?:Severity\.(ERROR|WARNING)|severity)')
    seen = 0
    for path in (ROOT / "ikplan").rglob("*.py"):
        for code, sev in pair.findall(path.read_text(encoding="utf-8")):
            seen += 1
            if sev:
                assert severity[code] == sev, f"{path.name}: {code} is {sev}, registered {severity[code]}"
    assert seen > 10  # the pattern does find the call sites


def test_findings_made_from_the_registry_carry_its_severity() -> None:
    from ikplan.checking.findings import Severity, finding

    assert finding("p.yaml", 1, 2, "IK009", "x").severity is Severity.WARNING
    assert finding("p.yaml", 1, 2, "IK101", "x").severity is Severity.ERROR
    with pytest.raises(KeyError):
        finding("p.yaml", 1, 2, "IK999", "x")


# --- history: one history per (nämnd, id) -------------------------------------------------------------


@pytest.fixture
def shared_id(tmp_path: Path) -> Path:
    """Ordkommun where Tekniska nämnden's TK2 is called K2, like Vård- och omsorgsnämndens K2."""
    root = tmp_path / "egna_ord"
    shutil.copytree(EGNA_ORD, root)
    tn = root / "2025" / "tn.yaml"
    text = tn.read_text(encoding="utf-8")
    assert "id: TK2\n" in text
    tn.write_text(text.replace("id: TK2\n", "id: K2\n"), encoding="utf-8")
    return root


def test_the_same_id_in_two_namnder_is_two_histories(run, shared_id: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("history", "K2", str(shared_id))
    assert result.exit_code == 0
    out = result.stdout
    tn, von = (
        out.index("Tekniska nämnden: kontrollmoment K2\n==="),
        out.index("Vård- och omsorgsnämnden: kontrollmoment K2"),
    )
    assert tn < out.index("Besiktning av lekplatser") < von < out.index("Attest av leverantörsfakturor")
    assert "finns i 2 nämnders planer" in result.stderr and "--nämnd" in result.stderr
    data = json.loads(run("history", "K2", str(shared_id), "-f", "json").stdout)
    assert [(d["nämnd"], d["id"]) for d in data] == [("Tekniska nämnden", "K2"), ("Vård- och omsorgsnämnden", "K2")]
    md = run("history", "K2", str(shared_id), "-f", "md").stdout
    assert "# Tekniska nämnden: kontrollmoment K2\n" in md and "# Vård- och omsorgsnämnden: kontrollmoment K2\n" in md


@pytest.mark.parametrize(
    "name",
    [
        "Vård- och omsorgsnämnden",
        "VÅRD- OCH OMSORGSNÄMNDEN",
        "vård-  och omsorgsnämnden",
        "Va\u030ard- och omsorgsna\u0308mnden",
        "vard- och omsorgsnamnden",
    ],
)
def test_namnd_narrows_the_history_whatever_the_case_or_unicode_form(run, shared_id: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    result = run("history", "K2", str(shared_id), "--nämnd", name)
    assert result.exit_code == 0, result.output
    assert "Attest av leverantörsfakturor" in result.stdout and "Besiktning av lekplatser" not in result.stdout
    assert "===" not in result.stdout and "nämnders planer" not in result.stderr
    assert run("history", "K2", str(shared_id), "--namnd", name, "-f", "json").stdout.count('"nämnd"') == 1


def test_an_unknown_namnd_is_a_usage_error_naming_the_known_ones(run, shared_id: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("history", "K2", str(shared_id), "--nämnd", "Kulturnämnden")
    assert result.exit_code == 2
    assert "nämnden 'Kulturnämnden' har ingen plan här; kända nämnder: Tekniska nämnden, Vård- och omsorgsnämnden" in (
        result.output
    )
    missing = run("history", "K3", str(shared_id), "--nämnd", "tekniska nämnden")
    assert missing.exit_code == 2 and "'K3' finns inte som risk eller kontrollmoment i Tekniska nämndens plan" in (
        missing.output
    )


def test_a_kommungemensamt_id_is_one_history_per_namnd(run) -> None:  # type: ignore[no-untyped-def]
    result = run("history", "attest", str(KOMMUN))
    data = json.loads(run("history", "attest", str(KOMMUN), "-f", "json").stdout)
    boards = [d["nämnd"] for d in data]
    assert boards == sorted(boards)  # each nämnd's years together, not interleaved by year
    for board in set(boards):
        years = [d["år"] for d in data if d["nämnd"] == board]
        assert years == sorted(years)
    assert "nämnders planer" in result.stderr
    only = json.loads(run("history", "attest", str(KOMMUN), "--nämnd", "socialnämnden", "-f", "json").stdout)
    assert {d["nämnd"] for d in only} == {"Socialnämnden"} and {d["år"] for d in only} == {2024, 2025}
