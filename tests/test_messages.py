"""What reaches the user when a call or a file is wrong: Swedish, one message per cause, with a hint.

Click's usage errors (through the real command line, and through a small typer app for the kinds no
ikplan command can give: file arguments, a prompt), one finding for one bad value in ikplan.yaml, and
the hint to quote a text with a comma in {…}.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import pytest
import typer
from typer.testing import CliRunner

from ikplan.checking.loading import FLOW_HINT
from ikplan.cli_swedish import missing_internals
from tests.conftest import AMN, MINIMAL, ROOT

EGNA_ORD = Path(__file__).resolve().parent / "fixtures" / "egna_ord"

# Words of Click's and pydantic's English messages; none may reach the user.
ENGLISH = (
    "Got",
    "unexpected",
    "Missing",
    "Invalid",
    "Error",
    "Usage:",
    "Try ",
    "Did you mean",
    "Possible",
    "No such",
    "requires",
    "does not",
    "not one of",
    "Input should",
    "Value",
    "Choose from",
    "Aborted",
    "exist",
    "directory",
    "Could not",
)


def _no_english(text: str) -> None:
    for word in ENGLISH:
        assert word not in text, f"'{word}' i: {text}"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["rules", "extra"], "ikplan: för många argument: extra"),
        (["report", str(AMN), "b.yaml"], "ikplan: för många argument: b.yaml"),
        (["git-setup", "x", "y"], "ikplan: för många argument: x y"),
        # the older spellings (--critical, --area) are hidden: suggest what --help shows
        (["score", "--critica"], "ikplan: okänd flagga: --critica; menade du --kritiska?"),
        (["score", "--criticl"], "ikplan: okänd flagga: --criticl; menade du --kritiska?"),
        (["score", "--aera"], "ikplan: okänd flagga: --aera; menade du --område?"),
        (["score", "--kri"], "ikplan: okänd flagga: --kri (möjliga flaggor: --ids, --kritiska)"),
        (["score", "-x"], "ikplan: okänd flagga: -x"),
        (["status", "--as-off"], "ikplan: okänd flagga: --as-off; menade du --datum?"),
        (["export", str(AMN)], "ikplan: flaggan '--output' / '-o' saknas."),
        (["new", "--år", "2025"], "ikplan: flaggan '--nämnd' / '--namnd' saknas."),
        (["report"], "ikplan: argumentet PLAN saknas."),
        (["history"], "ikplan: argumentet ID saknas."),
        (["report", str(AMN), "-o"], "ikplan: flaggan -o behöver ett värde."),
        (["score", "--ids=ja"], "ikplan: flaggan --ids tar inget värde."),
        (
            ["score", "-f", "xml"],
            "ikplan: ogiltigt värde för '--format' / '-f': 'xml' är inget av 'text', 'md', 'json'.",
        ),
        (["schema", "foo"], "ikplan: ogiltigt värde för SLAG: 'foo' är inget av 'plan', 'config'."),
        (["validate", "--jobs", "två"], "ikplan: ogiltigt värde för '--jobs' / '-j': måste vara ett heltal."),
        (["validate", "--jobs", "0"], "ikplan: ogiltigt värde för '--jobs' / '-j': måste vara minst 1."),
        (["schema", "--schemaversion", "5"], "ikplan: ogiltigt värde för '--schemaversion': får vara högst 2."),
        (["summary", "--år", "2025.5"], "ikplan: ogiltigt värde för '--år' / '--ar': måste vara ett heltal."),
        (["scor"], "ikplan: okänt kommando 'scor'. Menade du 'score'?"),
        (["finns-inte"], "ikplan: okänt kommando 'finns-inte'."),
        (["--bogus"], "ikplan: okänd flagga: --bogus"),
    ],
)
def test_usage_errors_are_swedish(run, args: list[str], expected: str) -> None:  # type: ignore[no-untyped-def]
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert expected + "\n" in result.output
    assert result.output.count("ikplan: ") == 1  # one message, not one per layer
    _no_english(result.output)
    if args[0] == "score":
        assert "--critical" not in result.output and "--area" not in result.output


def test_a_usage_error_from_the_installed_command(tmp_path: Path) -> None:
    """The real entry point (not the test runner): stderr, exit code 2, usage line and hint in Swedish."""
    done = subprocess.run(
        [str(Path(sys.executable).parent / "ikplan"), "score", "plans", "--critica"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith("Användning: ikplan score [FLAGGOR] [SÖKVÄG]...\nSe 'ikplan score -h' för hjälp.\n")
    assert done.stderr.endswith("ikplan: okänd flagga: --critica; menade du --kritiska?\n")
    _no_english(done.stderr)


class Kind(StrEnum):
    plan = "plan"
    config = "config"


def _app() -> typer.Typer:
    """A typer app with the parameter kinds ikplan's commands do not use (files, paths, a prompt):
    the Swedish Click messages are installed for every typer app in the process, so these reach a user
    the day a command takes such a parameter."""
    import ikplan.cli  # noqa: F401  (installs the Swedish messages)

    app = typer.Typer(rich_markup_mode=None, pretty_exceptions_enable=False)

    @app.command()
    def read(source: Annotated[typer.FileText, typer.Argument()]) -> None:
        typer.echo(source.read())

    @app.command()
    def write(target: Annotated[typer.FileTextWrite, typer.Argument()]) -> None:
        target.write("x")

    @app.command()
    def folder(where: Annotated[Path, typer.Argument(exists=True, dir_okay=False)]) -> None:
        typer.echo(str(where))

    @app.command()
    def kind(slag: Annotated[Kind, typer.Option("--slag")]) -> None:
        typer.echo(slag.value)

    @app.command()
    def ask() -> None:
        typer.prompt("Namn")

    return app


@pytest.mark.parametrize(
    ("args", "expected", "code"),
    [
        (
            ["read", "{tmp}/saknas.txt"],
            "ikplan: ogiltigt värde för SOURCE: kan inte öppna '{tmp}/saknas.txt': den finns inte",
            2,
        ),
        (
            ["write", "{tmp}/mapp/saknas/x.txt"],
            "ikplan: kan inte öppna filen '{tmp}/mapp/saknas/x.txt': den finns inte",
            1,
        ),
        (["folder", "{tmp}/saknas"], "ikplan: ogiltigt värde för WHERE: filen '{tmp}/saknas' finns inte.", 2),
        (["folder", "{tmp}"], "ikplan: ogiltigt värde för WHERE: filen '{tmp}' är en mapp, inte en fil.", 2),
        (["kind"], "ikplan: flaggan '--slag' saknas; välj bland: plan, config.", 2),
        (["kind", "--slag", "x"], "ikplan: ogiltigt värde för '--slag': 'x' är inget av 'plan', 'config'.", 2),
        (["ask"], "Avbrutet.", 1),
    ],
)
def test_click_messages_no_command_gives_yet(tmp_path: Path, args: list[str], expected: str, code: int) -> None:
    result = CliRunner().invoke(_app(), [a.format(tmp=tmp_path) for a in args], input="")
    assert result.exit_code == code, result.output
    assert expected.format(tmp=tmp_path) in result.output
    _no_english(result.output.replace(str(tmp_path), ""))


def test_the_patched_typer_internals_are_there() -> None:
    """cli_swedish wraps internals of typer and its bundled Click; pyproject.toml pins typer to the minor
    release that has them. A newer typer that moved one would put Click's English back: fail here."""
    missing = missing_internals()
    assert missing == [], f"typer {typer.__version__} saknar {missing}: rätta ikplan/cli_swedish.py och pinningen"
    from typer import core as typer_core
    from typer._click import core, exceptions

    import ikplan.cli  # noqa: F401  (installs the wrappers)

    for patched in (
        exceptions.UsageError.show,
        exceptions.ClickException.show,
        core.Context.get_help,
        core.Context.get_usage,
        typer_core._TyperParameter.display_type,
    ):
        assert patched.__module__ == "ikplan.cli_swedish", patched
    assert typer_core._("Aborted!") == "Avbrutet."


def test_typer_is_pinned_to_the_tested_minor() -> None:
    import tomllib

    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    pin = next(d for d in deps if d.startswith("typer"))
    assert pin == "typer>=0.29,<0.30"
    assert not any(d.startswith("click") for d in deps)  # typer 0.29 bundles its own Click
    major, minor = (int(x) for x in typer.__version__.split(".")[:2])
    assert (major, minor) == (0, 29)


# -- one bad value in ikplan.yaml ------------------------------------------------------------


def _kommun(tmp_path: Path) -> Path:
    target = tmp_path / "egna_ord"
    shutil.copytree(EGNA_ORD, target)
    return target


def _threshold_line(config: Path) -> int:
    lines = config.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if "kritisk_från" in line)


@pytest.mark.parametrize("matrix", ["5×5", "4×4"])
def test_one_bad_value_in_ikplan_yaml_is_one_finding(run, tmp_path: Path, matrix: str) -> None:  # type: ignore[no-untyped-def]
    if matrix == "5×5":  # Ordkommun: its own words for results and the second axis, tertials
        folder = _kommun(tmp_path)
        config = folder / "ikplan.yaml"
        config.write_text(config.read_text(encoding="utf-8").replace("kritisk_från: 15", "kritisk_från: 40"), "utf-8")
        plans = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.yaml") if p.name != "ikplan.yaml")
        top = 25
    else:  # the default matrix
        folder = tmp_path
        config = folder / "ikplan.yaml"
        config.write_text("schemaversion: 1\nriskmatris:\n  kritisk_från: 40\n", encoding="utf-8")
        (folder / "a.yaml").write_text(MINIMAL, encoding="utf-8")
        plans = ["a.yaml"]
        top = 16
    result = run("validate", "-f", "json", str(folder))
    assert result.exit_code == 1
    rows = json.loads(result.stdout)
    at_config = [r for r in rows if Path(r["file"]).name == "ikplan.yaml"]
    assert len(at_config) == 1
    assert (at_config[0]["line"], at_config[0]["column"]) == (_threshold_line(config), 3)
    assert f"kritisk_från 40 ligger utanför 1–{top}" in at_config[0]["message"]
    skipped = [r for r in rows if r not in at_config]
    assert sorted(Path(r["file"]).relative_to(folder).as_posix() for r in skipped) == plans  # each plan once
    assert {(r["code"], r["line"], r["column"]) for r in skipped} == {("IK054", 1, 1)}
    assert all(
        "planen kontrollerades inte: " in r["message"] and "ikplan.yaml har fel" in r["message"] for r in skipped
    )

    text = run("validate", str(folder))
    assert text.exit_code == 1
    assert text.output.count("\n") == len(rows) + 1  # the findings and one summary line
    score = run("score", str(folder))
    assert score.exit_code == 1 and "IK050" not in score.output and "IK052" not in score.output
    assert score.output.count("IK055") == 1


def test_a_fixed_ikplan_yaml_checks_the_plans_again(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = _kommun(tmp_path)
    assert run("validate", str(folder)).exit_code == 0  # the fixture itself is clean


# -- a comma in {…} -------------------------------------------------------------------------------


def _edit(path: Path, old: str, new: str) -> int:
    """Replace `old` by `new` in the file; the 1-based line it is on."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def _rows(run, folder: Path) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    result = run("validate", "-f", "json", str(folder))
    assert result.exit_code == 1
    return list(json.loads(result.stdout))


def test_a_comma_in_a_flow_mapping_gets_the_hint(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = _kommun(tmp_path)
    plan = folder / "2025" / "tn.yaml"
    new = "antagen: {datum: 2024-12-05, paragraf: § 98, punkt 3}"
    line = _edit(plan, 'antagen: {datum: 2024-12-05, paragraf: "§ 98"}', new)
    rows = [r for r in _rows(run, folder) if r["file"].endswith("tn.yaml")]  # type: ignore[union-attr]
    assert len(rows) == 1
    assert (rows[0]["line"], rows[0]["column"]) == (line, new.index("punkt 3") + 1)
    assert "'punkt 3'" in str(rows[0]["message"]) and FLOW_HINT in str(rows[0]["message"])


def test_a_comma_in_a_kontrollmoment_written_in_braces(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = _kommun(tmp_path)
    plan = folder / "2025" / "tn.yaml"
    text = plan.read_text(encoding="utf-8")
    flow = (
        "      - {id: TK3, nummer: 3, namn: fakturor, beskrivning: Kontroll, av fakturor, "
        "kontrollmetod: Stickprov, ansvarig: Ekonomichef, rapporteras_till: Nämnden}\n"
    )
    plan.write_text(text + flow, encoding="utf-8")  # one more kontrollmoment of the last risk
    line = text.count("\n") + 1
    rows = [r for r in _rows(run, folder) if r["file"].endswith("tn.yaml")]  # type: ignore[union-attr]
    hinted = [r for r in rows if FLOW_HINT in str(r["message"])]
    assert len(hinted) == 1 and "'av fakturor'" in str(hinted[0]["message"])
    assert (hinted[0]["line"], hinted[0]["column"]) == (line, flow.index("av fakturor") + 1)


def test_a_comma_in_ikplan_yaml_gets_the_hint(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = _kommun(tmp_path)
    new = "    - {namn: låg, grön, från: 1, till: 4}"
    line = _edit(folder / "ikplan.yaml", "    - {namn: låg, färg: grön, från: 1, till: 4}", new)
    rows = _rows(run, folder)
    at_config = [r for r in rows if Path(str(r["file"])).name == "ikplan.yaml"]
    hinted = [r for r in at_config if FLOW_HINT in str(r["message"])]
    assert len(hinted) == 1 and "'grön'" in str(hinted[0]["message"])
    assert (hinted[0]["line"], hinted[0]["column"]) == (line, new.index("grön") + 1)
    assert all(r["code"] == "IK054" for r in rows if r not in at_config)  # the plans wait for the fix


def test_a_yaml_error_inside_braces_gets_the_hint(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = _kommun(tmp_path)
    plan = folder / "2025" / "tn.yaml"
    new = "antagen: {datum: 2024-12-05, paragraf: Kontroll: av fakturor}"
    line = _edit(plan, 'antagen: {datum: 2024-12-05, paragraf: "§ 98"}', new)
    rows = [r for r in _rows(run, folder) if r["file"].endswith("tn.yaml")]  # type: ignore[union-attr]
    assert [r["code"] for r in rows] == ["IK001"]
    assert (rows[0]["line"], rows[0]["column"]) == (line, new.index(": av") + 1)
    assert str(rows[0]["message"]).startswith("YAML-syntaxfel: saknar ',' eller '}'")
    assert FLOW_HINT in str(rows[0]["message"])


def test_quoted_text_with_a_comma_and_block_errors_get_no_flow_hint(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = _kommun(tmp_path)
    plan = folder / "2025" / "tn.yaml"
    _edit(
        plan,
        'antagen: {datum: 2024-12-05, paragraf: "§ 98"}',
        'antagen: {datum: 2024-12-05, paragraf: "§ 98, punkt 3"}',
    )
    assert run("validate", str(folder)).exit_code == 0
    _edit(plan, "diarienummer: TN-2024/88", "diarienummer: TN: 2024/88")
    result = run("validate", str(plan))
    assert result.exit_code == 1 and "IK001" in result.output and FLOW_HINT not in result.output
