"""Every command that prints or writes for people, run on the kommun with its own words.

Ordkommun (tests/fixtures/egna_ord/) says Godkänd / Godkänd med brister / Ej godkänd / Ej utförd for the
results, Klar / Pågår / Ej startad for the åtgärder, `väsentlighet` for the second axis and follows up per
tertial1–3. Each output must show those words where it shows a value, never ikplan's canonical word they
replace, and never a period the kommun does not have (delår, helår).

Values are told from prose by where they stand: a table cell, a quoted word, a parenthesis, a list item,
an Excel cell or dropdown, a JSON value meant for people. "Kampanjen är genomförd." is the plan's own
sentence and stays; a cell that says "genomförd" where the kommun says "Klar" is a leak.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ikplan.checking.validate import Checker
from ikplan.plan.vocabulary import ActionStatus, Outcome, fold
from tests.conftest import working_dir

EGNA = Path(__file__).resolve().parent / "fixtures" / "egna_ord"
DAY = "2025-09-15"  # tertial 2 has ended, tertial 3 has not


def _replaced() -> tuple[set[str], set[str]]:
    """ikplan's canonical words for which the kommun has its own, and the kommun's words, read from the
    fixture's ordlista (so a change of the fixture cannot leave the test checking nothing)."""
    checked = Checker().check_path(str(EGNA / "2025" / "von.yaml"))
    assert checked.ok and checked.settings is not None
    words = checked.settings.words
    canonical: set[str] = set()
    own: set[str] = set()
    for value in [*Outcome, *ActionStatus]:
        shown = words.outcome_word(value) if isinstance(value, Outcome) else words.status_word(value)
        if fold(shown) != value.value:
            canonical.add(value.value)
            own.add(shown)
    return canonical, own


REPLACED, OWN = _replaced()
MACHINE_KEYS = {"resultat", "status", "före", "efter"}  # canonical values for programs, beside *_ord
_SPLIT = re.compile(r"[|│┃\n\t]|<br>|, |; |: | – | — |\(|\)|”|“|\"|'|\. ")
_NUMBERED = re.compile(r"^\d+\s+")


def test_the_fixture_replaces_ikplans_words() -> None:
    assert {"utan anmärkning", "med mindre anmärkning", "med väsentlig anmärkning", "ej genomförd"} <= REPLACED
    assert {"genomförd", "påbörjad", "ej påbörjad"} <= REPLACED
    assert {"Godkänd", "Godkänd med brister", "Ej godkänd", "Ej utförd", "Klar", "Pågår", "Ej startad"} == OWN


def test_a_value_is_told_from_prose() -> None:
    assert leaks("| A2 | 2025-06-30 | påbörjad |") == ["påbörjad"]
    assert leaks("Åtgärder: 4 (2 genomförd, 1 Pågår)") == ["genomförd"]
    assert leaks("har en status ”ej påbörjad”") == ["ej påbörjad", "ej påbörjad"]
    assert leaks("granskningen är gjord utan anmärkning") == ["utan anmärkning"]
    assert leaks("Kampanjen är genomförd. | Klar | Godkänd med brister") == []
    assert foreign_periods("uppföljning delår 2025") == ["delår"] and foreign_periods("alla delar") == []


def fragments(text: str) -> set[str]:
    """The values a text shows: its cells, quoted words, parentheses and list items, trimmed."""
    out = set()
    for part in _SPLIT.split(text):
        part = _NUMBERED.sub("", part.strip(" *_.:;–-`#>"))
        if part:
            out.add(fold(part))
    return out


def leaks(text: str) -> list[str]:
    """ikplan's words shown as values, and ikplan's several-word results anywhere (no plan text of the
    fixture holds them, and prose in the kommun's words quotes its own word instead)."""
    found = sorted(REPLACED & fragments(text))
    for word in REPLACED:
        if " " in word and re.search(rf"(?<![\w_-]){re.escape(word)}(?![\w_-])", text, re.IGNORECASE):
            found.append(word)
    return found


def foreign_periods(text: str) -> list[str]:
    return re.findall(r"(?<![\w-])(?:delår|helår)(?![\w-])", text, re.IGNORECASE)


def check(text: str, where: str, shows: tuple[str, ...] = (), periods: tuple[str, ...] = ()) -> None:
    assert text.strip(), f"{where}: ingen utdata"
    assert not leaks(text), f"{where}: ikplans ord där kommunen har egna: {leaks(text)}"
    assert not foreign_periods(text), f"{where}: perioder kommunen inte har: {foreign_periods(text)}"
    for word in shows:
        assert word in text, f"{where}: kommunens ord '{word}' saknas"
    for period in periods:
        assert period in text, f"{where}: perioden '{period}' saknas"


def people_strings(data: Any, key: str = "") -> Iterator[str]:
    """Every string of a JSON document meant for people: not ikplan's canonical values under the machine
    keys (their *_ord neighbours carry the kommun's words), and not the keys themselves."""
    if isinstance(data, dict):
        for k, v in data.items():
            yield from people_strings(v, str(k))
    elif isinstance(data, list):
        for v in data:
            yield from people_strings(v, key)
    elif isinstance(data, str) and key not in MACHINE_KEYS:
        yield data


def check_json(text: str, where: str, shows: tuple[str, ...] = (), periods: tuple[str, ...] = ()) -> Any:
    data = json.loads(text)
    check("\n".join(people_strings(data)), where, shows, periods)
    return data


def html_text(markup: str) -> str:
    """What a reader of the page sees: tags removed (each ends a value), entities decoded."""
    markup = re.sub(r"(?is)<(script|style)\b.*?</\1>", "", markup)
    return html.unescape(re.sub(r"<[^>]+>", "\n", markup))


def workbook_text(path: Path) -> str:
    """Every cell of a workbook and every dropdown's choices, one value a line."""
    from openpyxl import load_workbook

    book = load_workbook(path)
    out = []
    for sheet in book:
        out.append(sheet.title)
        for row in sheet.iter_rows():
            out += [str(c.value) for c in row if c.value is not None]
        for rule in sheet.data_validations.dataValidation:
            out += (rule.formula1 or "").strip('"').split(",")
    return "\n".join(out)


def ics_text(path: Path) -> str:
    """SUMMARY and DESCRIPTION of every event, folded lines joined and escapes undone."""
    raw = path.read_text(encoding="utf-8").replace("\r\n ", "").replace("\n ", "")
    keep = [line.split(":", 1)[1] for line in raw.splitlines() if line.startswith(("SUMMARY", "DESCRIPTION"))]
    return "\n".join(keep).replace("\\,", ",").replace("\\;", ";").replace("\\n", "\n")


@pytest.fixture
def kommun(tmp_path: Path) -> Iterator[Path]:
    """The fixture kommun in a folder of its own, the working directory."""
    root = tmp_path / "ordkommun"
    shutil.copytree(EGNA, root)
    with working_dir(root):
        yield root


# --- checking and scoring -----------------------------------------------------------------------------


def test_validate_names_the_kommuns_words(run, kommun: Path) -> None:  # type: ignore[no-untyped-def]
    ok = run("validate", ".")
    assert ok.exit_code == 0, ok.output
    check(ok.output, "validate", shows=("Ej godkänd",), periods=("tertial 1", "tertial 3"))
    bad = kommun / "2025" / "tn.yaml"
    bad.write_text(
        bad.read_text(encoding="utf-8").replace("resultat: Godkänd\n", "resultat: Okej\n").replace("Pågår", "Halvklar"),
        encoding="utf-8",
    )
    for fmt in ("text", "json"):
        result = run("validate", "2025/tn.yaml", "-f", fmt)
        assert result.exit_code == 1
        text = result.stdout if fmt == "text" else "\n".join(people_strings(json.loads(result.stdout)))
        check(text, f"validate {fmt}", shows=("'Godkänd', 'Godkänd med brister', 'Ej godkänd', 'Ej utförd'",))
        assert "'Klar', 'Pågår', 'Ej startad'" in text and "tertial2" in text


def test_score_speaks_of_vasentlighet(run, kommun: Path) -> None:  # type: ignore[no-untyped-def]
    for fmt in ("text", "md"):
        result = run("score", "2025/von.yaml", "-f", fmt)
        assert result.exit_code == 0, result.output
        check(result.stdout, f"score {fmt}", shows=("Väsentlighet",))
        assert "konsekvens" not in result.stdout.lower(), f"score {fmt}"
    # JSON keeps its stable key for programs; the values are the kommun's
    [first, *_] = check_json(run("score", "2025/von.yaml", "-f", "json").stdout, "score json", ("mycket hög",))
    assert (first["id"], first["konsekvens"], first["riskvärde"]) == ("1", 4, 16)


# --- follow-up ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "md", "json"])
def test_status(run, kommun: Path, fmt: str) -> None:  # type: ignore[no-untyped-def]
    result = run("status", "2025/von.yaml", "--period", "tertial1", "--datum", DAY, "-f", fmt)
    assert result.exit_code == 0, result.output
    shows = ("Ej godkänd", "Pågår", "Ej startad", "Klar")
    if fmt == "json":
        [data] = check_json(result.stdout, "status json", shows)
        assert data["period"] == "tertial1"
        k3 = next(i for i in data["kontrollmoment"] if i["id"] == "K3")
        assert (k3["resultat"], k3["resultat_ord"]) == ("väsentlig_anmärkning", "Ej godkänd")
    else:
        check(result.stdout, f"status {fmt}", shows, periods=("tertial 1",))
    # without --period: the kommun's latest ended period, not ikplan's delår
    default = run("status", "2025", "--datum", DAY, "-f", fmt)
    assert default.exit_code == 0, default.output
    shown = ("Godkänd", "Godkänd med brister", "Ej utförd")
    if fmt == "json":
        assert {s["period"] for s in check_json(default.stdout, "status json utan --period", shown)} == {"tertial2"}
    else:
        check(default.stdout, f"status {fmt} utan --period", shown, ("tertial 2",))


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_report(run, kommun: Path, fmt: str) -> None:  # type: ignore[no-untyped-def]
    result = run("report", "2025/von.yaml", "--period", "tertial2", "--datum", DAY, "-f", fmt)
    assert result.exit_code == 0, result.output
    text = html_text(result.stdout) if fmt == "html" else result.stdout
    check(text, f"report {fmt}", ("Godkänd", "Godkänd med brister", "Klar", "Pågår", "Ej startad"), ("tertial 2",))
    plan = run("report", "2025/von.yaml", "--period", "plan", "--datum", DAY, "-f", fmt)
    assert plan.exit_code == 0, plan.output
    check(html_text(plan.stdout) if fmt == "html" else plan.stdout, f"report plan {fmt}", ("Väsentlighet",))


def test_report_without_period_is_the_kommuns_period(run, kommun: Path) -> None:  # type: ignore[no-untyped-def]
    """A kommun with tertialer has no delår: the report follows its latest ended period, as status does."""
    result = run("report", "2025/von.yaml", "--datum", DAY)
    assert result.exit_code == 0, result.output
    check(result.stdout, "report utan --period", ("Godkänd med brister", "Klar"), ("per tertial 2",))
    assert result.stdout == run("report", "2025/von.yaml", "--period", "tertial2", "--datum", DAY).stdout


@pytest.mark.parametrize("fmt", ["text", "md", "html", "json"])
def test_summary(run, kommun: Path, fmt: str) -> None:  # type: ignore[no-untyped-def]
    result = run("summary", ".", "--period", "tertial2", "--år", "2025", "--datum", DAY, "-f", fmt)
    assert result.exit_code == 0, result.output
    shows = ("Godkänd", "Godkänd med brister", "Ej utförd")
    if fmt == "json":
        check_json(result.stdout, "summary json", shows)
    else:
        check(html_text(result.stdout) if fmt == "html" else result.stdout, f"summary {fmt}", shows, ("tertial 2",))


def test_summary_without_period_is_the_kommuns_period(run, kommun: Path) -> None:  # type: ignore[no-untyped-def]
    """Without --period the sammanställning follows up the period that closes the kommun's year (tertial3,
    which Ordkommun's 2025 plans have not reported yet: said so), exactly as with --period tertial3."""
    result = run("summary", ".", "--år", "2025", "--datum", "2026-01-15")
    assert result.exit_code == 0, result.output
    check(result.stdout, "summary utan --period", (), ("per tertial 3",))
    assert "har inte rapporterat uppföljningen per tertial 3" in " ".join(result.stdout.split())
    explicit = run("summary", ".", "--år", "2025", "--datum", "2026-01-15", "--period", "tertial3")
    assert result.stdout == explicit.stdout


@pytest.mark.parametrize("fmt", ["text", "md", "json"])
def test_history(run, kommun: Path, fmt: str) -> None:  # type: ignore[no-untyped-def]
    result = run("history", "K3", ".", "-f", fmt)
    assert result.exit_code == 0, result.output
    shows = ("Ej godkänd", "Godkänd med brister", "Klar", "Pågår")
    if fmt == "json":
        data = check_json(result.stdout, "history json", shows)
        assert {e["år"]: sorted(e["uppföljning"]) for e in data} == {2024: ["tertial3"], 2025: ["tertial1", "tertial2"]}
    else:
        check(result.stdout, f"history {fmt}", shows, ("Tertial 1", "Tertial 3"))


# --- review -------------------------------------------------------------------------------------------


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def _changed(text: str) -> str:
    """The plan after a follow-up: K1 turned Ej godkänd, A2 Klar, A4 Pågår, and risk 1's väsentlighet 5."""
    for old, new in (
        (
            "            resultat: Godkänd\n            granskade: 40",
            "            resultat: Ej godkänd\n            granskade: 40",
        ),
        ("status: Pågår\n          tertial2:", "status: Klar\n          tertial2:"),
        ("status: Ej startad", "status: Pågår"),
        ("    sannolikhet: 4\n    väsentlighet: 4", "    sannolikhet: 4\n    väsentlighet: 5"),
    ):
        assert old in text
        text = text.replace(old, new, 1)
    return text


@pytest.fixture
def changed_repo(kommun: Path) -> Path:
    _git(kommun, "init", "-q")
    _git(kommun, "config", "user.email", "test@example.invalid")
    _git(kommun, "config", "user.name", "Test")
    _git(kommun, "add", "-A")
    _git(kommun, "commit", "-qm", "planerna")
    plan = kommun / "2025" / "von.yaml"
    plan.write_text(_changed(plan.read_text(encoding="utf-8")), encoding="utf-8")
    return kommun


EXPECTED_CELLS = [
    ("kontrollmoment K1 › uppföljning › tertial2 › resultat", "Godkänd", "Ej godkänd"),
    ("kontrollmoment K3 › uppföljning › tertial1 › åtgärd A2 › status", "Pågår", "Klar"),
    ("åtgärd A4 › status", "Ej startad", "Pågår"),
]


def test_diff_md_shows_the_words_the_plan_wrote(run, changed_repo: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("diff", "HEAD", ".", "-f", "md")
    assert result.exit_code == 0, result.output
    check(result.stdout, "diff md", periods=("tertial2",))
    for label, before, after in EXPECTED_CELLS:
        assert f"| {label} | redaktionell | {before} | {after} |" in result.stdout
    assert "| väsentlighet | väsentlig | 4 | 5 |" in result.stdout and "konsekvens" not in result.stdout


def test_diff_text_shows_the_words_the_plan_wrote(run, changed_repo: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("diff", "HEAD", ".", env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    check(result.stdout, "diff text", periods=("tertial2",))
    rows = [" ".join(line.split()) for line in result.stdout.splitlines()]
    for label, before, after in EXPECTED_CELLS:
        assert f"{label} {before} {after}" in rows
    # in the terminal every value stands alone on its row: none of ikplan's words anywhere
    for word in REPLACED:
        assert not re.search(rf"(?<![\w-]){word}(?![\w-])", result.stdout, re.IGNORECASE), word


def test_diff_json_carries_both_the_value_and_the_kommuns_word(run, changed_repo: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("diff", "HEAD", ".", "-f", "json")
    assert result.exit_code == 0, result.output
    [d] = check_json(result.stdout, "diff json")
    fields = {f["fält"]: f for e in d["ändringar"] for f in e["fält"]}
    k1 = fields["kontrollmoment K1 › uppföljning › tertial2 › resultat"]
    assert (k1["före"], k1["efter"], k1["före_ord"], k1["efter_ord"]) == (
        "utan anmärkning",
        "med väsentlig anmärkning",
        "Godkänd",
        "Ej godkänd",
    )
    a4 = fields["åtgärd A4 › status"]
    assert (a4["före"], a4["efter"], a4["före_ord"], a4["efter_ord"]) == (
        "ej påbörjad",
        "påbörjad",
        "Ej startad",
        "Pågår",
    )
    assert "före_ord" not in fields["väsentlighet"]  # a number is shown as it stands


def test_diff_of_two_files_reads_a_temporary_old_side_with_the_kommuns_settings(
    run, changed_repo: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """git difftool and external diff drivers hand over the old side as a file outside the repository."""
    old = tmp_path / "utanfor" / "von_HEAD.yaml"
    old.parent.mkdir()
    old.write_text((EGNA / "2025" / "von.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    result = run("diff", str(old), "2025/von.yaml", "-f", "md")
    assert result.exit_code == 0, result.output
    check(result.stdout, "diff två filer")
    for label, before, after in EXPECTED_CELLS:
        assert f"| {label} | redaktionell | {before} | {after} |" in result.stdout


def test_diff_names_the_kommuns_nouns(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Malmö's words: a granskning and a direktåtgärd, in the labels and in the val av hantering."""
    repo = tmp_path / "malmo"
    shutil.copytree(EGNA.parent / "egna_substantiv", repo)
    _git(repo, "init", "-q")
    _git(repo, "-c", "user.email=t@example.invalid", "-c", "user.name=T", "add", "-A")
    _git(repo, "-c", "user.email=t@example.invalid", "-c", "user.name=T", "commit", "-qm", "plan")
    plan = repo / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    text = text.replace("hantering: [åtgärd]", "hantering: [kontrollmoment, åtgärd]").replace(
        "status: påbörjad", "status: genomförd"
    )
    plan.write_text(text, encoding="utf-8")
    with working_dir(repo):
        md = run("diff", "HEAD", ".", "-f", "md").stdout
    assert "| hantering | väsentlig | direktåtgärd | granskning, direktåtgärd |" in md
    assert re.search(r"\| granskning G2 › uppföljning › delår › direktåtgärd \\?~\w+ › status \|", md), md
    assert "kontrollmoment" not in md


def test_show_flat_keeps_the_words_as_written(run, kommun: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("show", "2025/von.yaml")
    assert result.exit_code == 0
    values = [line.split(" = ", 1)[1] for line in result.stdout.splitlines() if " = " in line]
    check("\n".join(values), "show --flat", ("Godkänd med brister", "Ej godkänd", "Pågår", "Ej startad"))
    lines = result.stdout.splitlines()
    assert 'risker[3.8].kontrollmoment[K3].uppföljning.tertial1.åtgärder[A2].status = "Pågår"' in lines
    assert "risker[1].väsentlighet = 4" in lines


# --- the next year and the people outside git ---------------------------------------------------------


def test_rollover_carries_the_kommuns_words(run, kommun: Path) -> None:  # type: ignore[no-untyped-def]
    (kommun / "2026").mkdir()
    result = run("rollover", "2025/von.yaml", "--år", "2026", "-o", "2026/von.yaml")
    assert result.exit_code == 0, result.output
    check(result.stderr, "rollover meddelande")
    text = (kommun / "2026" / "von.yaml").read_text(encoding="utf-8")
    statuses = re.findall(r"^\s*status: (.+)$", text, re.MULTILINE)
    assert statuses == ["Pågår", "Ej startad"]  # the open åtgärder A2 and A4, Klar left behind
    assert "väsentlighet: 4" in text and "konsekvens" not in text
    assert run("validate", "2026/von.yaml").exit_code == 0


def test_forms_offer_the_kommuns_words(run, kommun: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "formular"
    result = run("forms", "2025/von.yaml", "-o", str(out), "--period", "tertial2")
    assert result.exit_code == 0, result.output
    check(result.output, "forms meddelanden")
    text = workbook_text(out / "Avdelningschef.xlsx")
    check(text, "forms xlsx", ("Godkänd med brister", "Ej godkänd", "Ej utförd", "Klar", "Pågår", "Ej startad"))
    assert "Tertial 1: Ej godkänd" in text and "tertial2" in text


def test_forms_without_period_are_the_kommuns_period(run, kommun: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "formular"
    result = run("forms", "2025/von.yaml", "-o", str(out))
    assert result.exit_code == 0, result.output
    check(workbook_text(out / "Ekonomichef.xlsx"), "forms utan --period", ("Godkänd",), ("tertial 3",))


def test_due_and_calendars(run, kommun: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = run("due", "2025/von.yaml", "--datum", DAY)
    assert text.exit_code == 0, text.output
    check(text.stdout, "due", ("(Pågår)",), ("Tertial 1", "Tertial 2"))
    check_json(run("due", "2025/von.yaml", "--datum", DAY, "-f", "json").stdout, "due json", ("Status: Pågår",))
    md = run("due", "2025/von.yaml", "--datum", DAY, "-f", "md")
    check(md.stdout, "due md", ("Pågår",), ("Tertial 1",))
    ics = tmp_path / "alla.ics"
    made = run("due", "2025/von.yaml", "--datum", DAY, "--ics", str(ics), "--per-ansvarig", str(tmp_path / "per"))
    assert made.exit_code == 0, made.output
    check(ics_text(ics), "ics", ("Status: Pågår",), ("Tertial 1",))
    check(ics_text(tmp_path / "per" / "Avdelningschef.ics"), "ics per ansvarig", ("Pågår",))


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_granskning(run, kommun: Path, fmt: str) -> None:  # type: ignore[no-untyped-def]
    result = run("granskning", ".", "--år", "2025", "--datum", DAY, "-f", fmt)
    assert result.exit_code in (0, 1), result.output
    shows = ("Godkänd med brister", "Ej godkänd")
    if fmt == "json":
        check_json(result.stdout, "granskning json", shows)
    else:
        check(result.stdout, "granskning md", shows, ("tertial 1",))


def test_site(run, kommun: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "webb"
    result = run("site", ".", "-o", str(out), "--utan-sok", "--datum", DAY)
    assert result.exit_code == 0, result.output
    pages = sorted(p for p in out.rglob("*") if p.suffix in (".html", ".json") and ".ikplan-site" not in p.parts)
    assert len(pages) > 10
    everything = []
    for page in pages:
        raw = page.read_text(encoding="utf-8")
        if page.suffix == ".json":
            check_json(raw, str(page.relative_to(out)))
            continue
        text = html_text(raw)
        check(text, str(page.relative_to(out)))
        everything.append(text)
    check("\n".join(everything), "webbplatsen", tuple(OWN - {"Ej startad"}), ("Tertial 2", "tertial 3"))
    tertial = html_text((out / "vard-och-omsorgsnamnden" / "2025" / "tertial2.html").read_text(encoding="utf-8"))
    assert "Godkänd med brister" in tertial and "Klar" in tertial


def test_export_headers_and_values(run, kommun: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    book = tmp_path / "plan.xlsx"
    result = run("export", "2025/von.yaml", "-o", str(book))
    assert result.exit_code == 0, result.output
    text = workbook_text(book)
    check(text, "export", ("Godkänd", "Godkänd med brister", "Ej godkänd", "Klar", "Pågår", "Ej startad"))
    headers = text.splitlines()
    assert "Väsentlighet" in headers and "Konsekvens" not in headers
    assert "Resultat tertial2" in headers and not [h for h in headers if h.endswith(("delår", "helår"))]
