"""`ikplan granskning` on a kommun repository built here with real git commits over two years, and IK150
(an adopted plan changed in substance without a new decision) in validate and in git-setup's pre-commit hook.

The kommun: Socialnämnden does everything right (and edits its plan only editorially after adoption),
Tekniska nämnden does half (and changes its adopted plan in substance), Kultur- och fritidsnämnden
copies last year's plan and never adopts it, Miljönämnden is missing from ikplan.yaml, Byggnadsnämnden
has no plan, Kommunhus AB is a bolag whose styrelse gets no report.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT, working_dir

BIN = Path(sys.executable).parent
D = dt.date

CONFIG = {
    "schemaversion": 1,
    "kommun": "Revisionskommun",
    "nämnder": [
        "Socialnämnden",
        "Tekniska nämnden",
        "Kultur- och fritidsnämnden",
        "Byggnadsnämnden",
        {"namn": "Kommunhus AB", "typ": "bolag"},
    ],
    "ordlista": {
        "resultat": {
            "Godkänd": "utan anmärkning",
            "Godkänd med brister": "med mindre anmärkning",
            "Ej godkänd": "med väsentlig anmärkning",
            "Ej utförd": "ej genomförd",
        }
    },
    "resultatdefinitioner": {
        "Godkänd": "Inga fel i stickprovet.",
        "Godkänd med brister": "Enstaka fel som inte påverkar beslut eller belopp.",
        "Ej godkänd": "Fel som påverkar beslut, belopp eller enskildas rätt.",
        "Ej utförd": "Kontrollen gjordes inte.",
    },
    "granskning": {"rapport_inom_dagar": 60},
    "rapport": {"sammanställning": {"år": 2025, "diarienummer": "KS-2026/17"}},
}


def control(ident: str, *, documented: bool = True, follow: dict[str, Any] | None = None) -> dict[str, Any]:
    c: dict[str, Any] = {"id": ident, "beskrivning": f"Kontroll {ident}", "kontrollmetod": "Stickprov om 20 ärenden"}
    c["ansvarig"] = "Enhetschef"
    if documented:
        c |= {"frekvens": "per halvår", "rapporteras_till": "Nämnden"}
    if follow:
        c["uppföljning"] = follow
    return c


def risk(ident: str, s: int, k: int, controls: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "id": ident,
        "område": "eko",
        "beskrivning": f"Risk {ident}",
        "sannolikhet": s,
        "konsekvens": k,
        "hantering": ["kontrollmoment"],
        "kontrollmoment": controls,
    }


def brist(word: str, action: dict[str, Any] | None = None) -> dict[str, Any]:
    f: dict[str, Any] = {"resultat": word}
    if action:
        f["åtgärder"] = [action]
    return f


FULL_ACTION = {"id": "A1", "beskrivning": "Ny rutin", "ansvarig": "Enhetschef", "slutdatum": D(2025, 12, 31)}


def plan(board: str, year: int, risks: list[dict[str, Any]], **extra: Any) -> str:
    data: dict[str, Any] = {"schemaversion": 2, "kommun": "Revisionskommun", "nämnd": board, "år": year}
    if extra.get("antagen"):
        data["antagen"] = extra.pop("antagen")
    data["handläggare"] = extra.pop("handläggare", "Kim Kontroller")
    data["områden"] = [{"id": "eko", "namn": "Ekonomi"}]
    data["risker"] = risks
    data.update({k: v for k, v in extra.items() if v is not None})
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def env_for(tmp: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}",
        GIT_AUTHOR_EMAIL="t@example.se",
        GIT_COMMITTER_NAME="Kommunens git",
        GIT_COMMITTER_EMAIL="t@example.se",
        PRE_COMMIT_HOME=str(tmp / ".pre-commit-home"),
        NO_COLOR="1",
    )
    return env


class Repo:
    def __init__(self, root: Path, env: dict[str, str]) -> None:
        self.root, self.env = root, env

    def git(self, *args: str, **env: str) -> str:
        done = subprocess.run(
            ["git", *args], cwd=self.root, env=self.env | env, capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    def write(self, rel: str, text: str) -> None:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def commit(self, message: str, day: str, author: str = "Kim Kontroller") -> str:
        self.git("add", "-A")
        when = f"{day}T10:00:00+01:00"
        self.git(
            "commit",
            "-qm",
            message,
            "--no-verify",
            GIT_AUTHOR_NAME=author,
            GIT_AUTHOR_DATE=when,
            GIT_COMMITTER_DATE=when,
        )
        return self.git("rev-parse", "HEAD")


def social(year: int, adopted: bool = True, officer: str = "Kim Kontroller", followed: bool = False) -> str:
    k1 = {"delår": brist("Godkänd med brister", FULL_ACTION), "helår": {"resultat": "Godkänd"}} if followed else None
    k2 = {"delår": {"resultat": "Godkänd"}, "helår": {"resultat": "Godkänd"}} if followed else None
    return plan(
        "Socialnämnden",
        year,
        [risk("R1", 3, 3, [control("K1", follow=k1)]), risk("R2", 2, year - 2022, [control("K2", follow=k2)])],
        antagen={"datum": D(year - 1, 12, 10), "paragraf": "§ 101"} if adopted else None,
        handläggare=officer,
        ej_valda_risker=[{"id": "E1", "beskrivning": "Låg risk", "sannolikhet": 1, "konsekvens": 1, "skäl": "liten"}],
        rapporter={"delår": {"datum": D(year, 10, 1)}, "helår": {"datum": D(year + 1, 2, 15)}} if followed else None,
    )


def teknik(likelihood: int = 2, adopted: bool = True, followed: bool = False) -> str:
    k1 = {"delår": brist("med mindre anmärkning", FULL_ACTION)} if followed else None
    k2 = {"delår": brist("med väsentlig anmärkning")} if followed else None
    return plan(
        "Tekniska nämnden",
        2025,
        [
            risk("R1", likelihood, 3, [control("K1", follow=k1)]),
            risk("R2", 2, 2, [control("K2", documented=False, follow=k2)]),
        ],
        antagen={"datum": D(2025, 2, 14), "paragraf": "§ 12"} if adopted else None,
        ordlista={"resultat": {"Delvis godkänd": "med mindre anmärkning"}},
        rapporter={"delår": {"datum": D(2025, 10, 20)}} if followed else None,
    )


def culture(year: int, followed: bool = False) -> str:
    k1 = {"delår": brist("Röd")} if followed else None
    return plan(
        "Kultur- och fritidsnämnden",
        year,
        [risk("R1", 3, 2, [control("K1", documented=False, follow=k1)])],
        ordlista={
            "resultat": {
                "Grön": "utan anmärkning",
                "Gul": "med mindre anmärkning",
                "Röd": "med väsentlig anmärkning",
                "Grå": "ej genomförd",
            }
        },
    )


def build(tmp: Path) -> Repo:
    repo = Repo(tmp / "kommun", env_for(tmp))
    repo.root.mkdir()
    repo.git("init", "-q", "-b", "main")
    repo.write("ikplan.yaml", yaml.safe_dump(CONFIG, allow_unicode=True, sort_keys=False))
    # 2024's plans, adopted in December 2023, and their follow-up with brister
    repo.write("plans/2024/sn.yaml", social(2024))
    old_teknik = [
        risk("R1", 2, 3, [control("K1", follow={"helår": brist("Ej godkänd")})]),
        risk("R9", 2, 2, [control("K9", follow={"helår": brist("Ej godkänd", {"id": "A9", "beskrivning": "x"})})]),
    ]
    repo.write(
        "plans/2024/tn.yaml",
        plan("Tekniska nämnden", 2024, old_teknik, antagen={"datum": D(2023, 12, 5), "paragraf": "§ 3"}),
    )
    repo.write("plans/2024/kfn.yaml", culture(2024))
    old_env = [risk("R7", 2, 2, [control("K7", follow={"helår": brist("Ej godkänd")})])]
    repo.write(
        "plans/2024/mn.yaml", plan("Miljönämnden", 2024, old_env, antagen={"datum": D(2023, 12, 1), "paragraf": "§ 9"})
    )
    repo.commit("Planer 2024", "2023-12-15")
    social_2024 = social(2024).replace("risker:", "risker:", 1)
    repo.write("plans/2024/sn.yaml", social_2024.replace("  - id: K1\n", "  - id: K1\n", 1))
    # the 2025 drafts, then the decisions
    repo.write("plans/2025/sn.yaml", social(2025, adopted=False))
    repo.write("plans/2025/tn.yaml", teknik(adopted=False))
    repo.write("plans/2025/kfn.yaml", culture(2025))
    new_env = [risk("R1", 2, 2, [control("K1")])]
    repo.write(
        "plans/2025/mn.yaml", plan("Miljönämnden", 2025, new_env, antagen={"datum": D(2024, 12, 5), "paragraf": "§ 88"})
    )
    bolag = [risk("R1", 2, 2, [control("K1")])]
    repo.write(
        "plans/2025/kommunhus.yaml",
        plan("Kommunhus AB", 2025, bolag, antagen={"datum": D(2024, 12, 1), "paragraf": "§ 5"}),
    )
    repo.commit("Förslag till planer 2025", "2024-11-25")
    repo.write("plans/2025/sn.yaml", social(2025))
    repo.commit("Socialnämnden antog planen", "2024-12-12")
    repo.adopted_tn = (
        repo.commit("Tekniska nämnden antog planen", "2025-02-20")
        if repo.write("plans/2025/tn.yaml", teknik()) is None
        else ""
    )
    repo.write("plans/2025/tn.yaml", teknik(likelihood=4))
    repo.changed_tn = repo.commit("Höjd sannolikhet för R1", "2025-03-05", author="Anna Berg")
    repo.write("plans/2025/sn.yaml", social(2025, officer="Per Persson"))
    repo.commit("Ny handläggare", "2025-03-10", author="Per Persson")
    repo.write("plans/2025/sn.yaml", social(2025, officer="Per Persson", followed=True))
    repo.write("plans/2025/tn.yaml", teknik(likelihood=4, followed=True))
    repo.write("plans/2025/kfn.yaml", culture(2025, followed=True))
    repo.commit("Uppföljning 2025", "2026-02-15")
    return repo


@pytest.fixture(scope="module")
def kommun(tmp_path_factory: pytest.TempPathFactory) -> Repo:
    return build(tmp_path_factory.mktemp("granskning"))


def audit(run: Any, repo: Repo, *extra: str) -> dict[str, Any]:
    with working_dir(repo.root):
        result = run("granskning", "plans", "--datum", "2026-03-15", "-f", "json", *extra)
    assert result.exit_code == 0, result.stdout + result.stderr
    return json.loads(result.stdout)


def verdicts(data: dict[str, Any], question: int) -> dict[str, str]:
    return {o["namn"]: o["svar"][question - 1]["bedömning"] for o in data["organisationer"]}


def answer(data: dict[str, Any], name: str, question: int) -> dict[str, Any]:
    org = next(o for o in data["organisationer"] if o["namn"] == name)
    return org["svar"][question - 1]


SN, TN, KFN, BN, MN, AB = (
    "Socialnämnden",
    "Tekniska nämnden",
    "Kultur- och fritidsnämnden",
    "Byggnadsnämnden",
    "Miljönämnden",
    "Kommunhus AB",
)
EACH = {
    1: {SN: "uppfyllt", TN: "delvis", KFN: "inte uppfyllt", BN: "går inte att bedöma"},
    2: {SN: "uppfyllt", TN: "delvis", KFN: "inte uppfyllt", BN: "går inte att bedöma"},
    3: {SN: "uppfyllt", TN: "delvis", KFN: "inte uppfyllt", BN: "går inte att bedöma"},
    4: {SN: "uppfyllt", TN: "delvis", KFN: "inte uppfyllt", BN: "går inte att bedöma"},
    5: {SN: "uppfyllt", TN: "delvis", MN: "inte uppfyllt", BN: "går inte att bedöma"},
    6: {SN: "uppfyllt", TN: "delvis", KFN: "inte uppfyllt", BN: "går inte att bedöma"},
    7: {SN: "uppfyllt", MN: "delvis", BN: "inte uppfyllt"},
    8: {SN: "uppfyllt", TN: "delvis", KFN: "inte uppfyllt", BN: "går inte att bedöma"},
    9: {SN: "uppfyllt", MN: "uppfyllt", TN: "inte uppfyllt", KFN: "går inte att bedöma"},
}


@pytest.mark.parametrize("question", sorted(EACH))
def test_one_organisation_of_each_verdict(run, kommun: Repo, question: int) -> None:
    data = audit(run, kommun)
    got = verdicts(data, question)
    assert {name: got[name] for name in EACH[question]} == EACH[question]


def test_evidence_names_file_line_commit_and_date(run, kommun: Repo) -> None:
    data = audit(run, kommun)
    late = answer(data, TN, 2)
    assert "14 februari 2025" in late["text"] and late["underlag"][0]["fil"] == "plans/2025/tn.yaml"
    assert late["underlag"][0]["rad"] == 5  # antagen: in the file
    copy = answer(data, KFN, 1)
    assert "samma en risker" not in copy["text"] and "riskanalysen har inte gjorts om" in copy["text"]
    assert {e["fil"] for e in copy["underlag"]} == {"plans/2025/kfn.yaml", "plans/2024/kfn.yaml"}
    changed = answer(data, TN, 9)
    assert "Anna Berg den 5 mars 2025" in changed["text"] and "sannolikhet: 2 → 4" in changed["text"]
    commits = {e["commit"]: e for e in changed["underlag"]}
    assert (
        commits[kommun.changed_tn]["datum"] == "2025-03-05" and commits[kommun.changed_tn]["författare"] == "Anna Berg"
    )
    assert commits[kommun.adopted_tn]["text"] == "commit som satte antagen"
    editorial = answer(data, SN, 9)
    assert "bara redaktionellt" in editorial["text"]
    assert {e["författare"] for e in editorial["underlag"]} >= {"Per Persson"}
    assert answer(data, MN, 9)["text"].startswith("Miljönämndens plan är oförändrad")
    missing = answer(data, TN, 4)
    assert missing["underlag"][0]["fil"] == "plans/2025/tn.yaml" and missing["underlag"][0]["rad"] > 0
    carried = answer(data, TN, 5)
    assert carried["underlag"][0]["fil"] == "plans/2024/tn.yaml" and "K9" in carried["underlag"][0]["text"]


def test_a_bolag_says_styrelsen_and_is_counted_apart(run, kommun: Repo) -> None:
    data = audit(run, kommun)
    org = next(o for o in data["organisationer"] if o["namn"] == AB)
    assert org["typ"] == "bolag"
    assert answer(data, AB, 3)["text"].startswith("Styrelsen i Kommunhus AB har inte fått uppföljningen")
    coverage = data["kommunen"][6]
    assert coverage["bedömning"] == "delvis"
    assert "Av sex nämnder och bolag har fem en internkontrollplan för året." in coverage["text"]
    assert "Av dem är ett bolag, och ett av dem har en plan." in coverage["text"]


def test_the_kommuns_sentences_as_a_revisor_writes_them(run, kommun: Repo) -> None:
    data = audit(run, kommun)
    adopted = data["kommunen"][1]
    assert adopted["text"].startswith("Av fem nämnder och bolag har tre antagit sin plan i tid och som eget beslut.")
    assert "Tekniska nämndens plan antogs den 14 februari 2025" in adopted["text"]
    ks = data["kommunen"][9]
    assert ks["bedömning"] == "delvis" and "KS-2026/17" in ks["text"] and "Byggnadsnämnden saknar plan" in ks["text"]


def test_without_a_list_of_organisations_coverage_cannot_be_judged(run, kommun: Repo, tmp_path: Path) -> None:
    config = {k: v for k, v in CONFIG.items() if k != "nämnder"}
    other = tmp_path / "ikplan.yaml"
    other.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    data = audit(run, kommun, "--config", str(other))
    assert set(verdicts(data, 7).values()) == {"går inte att bedöma"}
    assert data["kommunen"][6]["bedömning"] == "går inte att bedöma"


@pytest.mark.parametrize("fmt", ["md", "html", "text"])
def test_text_formats(run, kommun: Repo, fmt: str) -> None:
    with working_dir(kommun.root):
        result = run("granskning", "plans", "--datum", "2026-03-15", "-f", fmt)
    assert result.exit_code == 0, result.stderr
    assert "Granskning av den interna kontrollen 2025" in result.stdout
    assert "Tekniska nämnden" in result.stdout and "inte uppfyllt" in result.stdout
    if fmt == "html":
        assert result.stdout.startswith("<!DOCTYPE html>") and 'lang="sv"' in result.stdout


def test_docx_needs_a_file_and_writes_one(run, kommun: Repo, tmp_path: Path) -> None:
    with working_dir(kommun.root):
        refused = run("granskning", "plans", "-f", "docx")
        assert refused.exit_code == 2 and "-o FIL.docx" in refused.stderr
        out = tmp_path / "g.docx"
        done = run("granskning", "plans", "--datum", "2026-03-15", "-f", "docx", "-o", str(out))
    assert done.exit_code == 0, done.stderr
    from docx import Document

    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "Kommunhus AB (Kommunalt bolag (styrelsen))" in text and "Anna Berg" in text


def test_year_option_audits_the_year_before(run, kommun: Repo) -> None:
    data = audit(run, kommun, "--år", "2024")
    assert data["år"] == 2024
    assert verdicts(data, 5)[SN] == "går inte att bedöma"  # no plan for 2023 to compare with


# --- IK150 in validate ------------------------------------------------------------------------------------


def test_validate_stops_a_material_change_at_its_line_with_the_adoption_commit(run, kommun: Repo) -> None:
    with working_dir(kommun.root):
        result = run("validate", "plans/2025/tn.yaml", "plans/2025/sn.yaml")
    lines = [x for x in result.stdout.splitlines() if "IK150" in x]
    assert result.exit_code == 1 and len(lines) == 1, result.stdout
    line = next(
        i
        for i, x in enumerate((kommun.root / "plans/2025/tn.yaml").read_text().splitlines(), 1)
        if "sannolikhet: 4" in x
    )
    assert lines[0].startswith(f"plans/2025/tn.yaml:{line}:")
    assert (
        f"commit {kommun.adopted_tn[:7]}" in lines[0] and kommun.changed_tn[:7] in lines[0] and "Anna Berg" in lines[0]
    )


def test_validate_says_so_in_a_shallow_clone(run, kommun: Repo, tmp_path: Path) -> None:
    shallow = tmp_path / "grund"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{kommun.root}", str(shallow)], check=True, env=kommun.env
    )
    with working_dir(shallow):
        result = run("validate", "plans/2025/tn.yaml")
    assert "IK150" not in result.stdout
    assert "IK150 (antagen plan ändrad utan nytt beslut) kontrollerades inte" in result.stderr
    assert "grund klon" in result.stderr


def test_a_new_decision_or_the_kommuns_switch_lets_it_pass(run, tmp_path: Path) -> None:
    repo = Repo(tmp_path / "k", env_for(tmp_path))
    repo.root.mkdir()
    repo.git("init", "-q", "-b", "main")
    repo.write("ikplan.yaml", "schemaversion: 1\nkommun: Revisionskommun\n")
    repo.write("plans/tn.yaml", teknik())
    repo.commit("antagen", "2025-02-20")
    repo.write("plans/tn.yaml", teknik(likelihood=4))
    with working_dir(repo.root):
        assert "IK150" in run("validate", "plans").stdout
        repo.write("plans/tn.yaml", teknik(likelihood=4).replace("2025-02-14", "2025-04-10"))
        assert "IK150" not in run("validate", "plans").stdout  # a new decision recorded in antagen
        repo.write("plans/tn.yaml", teknik(likelihood=4))
        repo.write("ikplan.yaml", "schemaversion: 1\nkommun: Revisionskommun\nignorera_regler: [IK150]\n")
        assert "IK150" not in run("validate", "plans").stdout
        rules = run("rules").stdout
    assert "IK150" in rules and "antagen plan ändrad utan nytt beslut" in rules


def test_pre_commit_hook_blocks_a_material_change_to_an_adopted_plan(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "k", env_for(tmp_path))
    repo.root.mkdir()
    repo.git("init", "-q", "-b", "main")
    repo.write("ikplan.yaml", "schemaversion: 1\nkommun: Revisionskommun\n")
    repo.write("plans/tn.yaml", teknik())
    setup = subprocess.run(
        [str(BIN / "ikplan"), "git-setup"], cwd=repo.root, env=repo.env, capture_output=True, text=True
    )
    assert setup.returncode == 0, setup.stderr
    adopted = repo.commit("Tekniska nämnden antog planen", "2025-02-20")
    # only editorial: passes
    repo.write("plans/tn.yaml", teknik().replace("Kim Kontroller", "Anna Berg"))
    repo.git("add", "-A")
    hook = ["pre-commit", "run", "--files", "plans/tn.yaml"]
    ok = subprocess.run(hook, cwd=repo.root, env=repo.env, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    # in substance, without a new decision: blocked at the line, naming the adoption's commit
    repo.write("plans/tn.yaml", teknik(likelihood=4))
    repo.git("add", "-A")
    blocked = subprocess.run(hook, cwd=repo.root, env=repo.env, capture_output=True, text=True)
    assert blocked.returncode == 1, blocked.stdout + blocked.stderr
    line = next(
        i for i, x in enumerate((repo.root / "plans/tn.yaml").read_text().splitlines(), 1) if "sannolikhet: 4" in x
    )
    flagged = [x for x in blocked.stdout.splitlines() if "IK150" in x]
    assert flagged and flagged[0].startswith(f"plans/tn.yaml:{line}:"), blocked.stdout
    assert f"commit {adopted[:7]} (2025-02-20)" in flagged[0]
    assert "arbetskopian" in flagged[0]


def test_solleftea_bolag_left_out_of_the_internal_control(run) -> None:
    """Fråga 7 from PwC's revisionsrapport for Sollefteå (2017): KS's uppsikt should include the majoritetsägda
    företagen (tests/kommuner/solleftea/ikplan.yaml cites it). The bolag without a plan is inte uppfyllt."""
    from tests.conftest import KOMMUNER_DIR

    result = run("granskning", str(KOMMUNER_DIR / "solleftea"), "--datum", "2017-03-01", "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert verdicts(data, 7) == {"Kommunstyrelsen": "uppfyllt", "Bostadsbolaget i Sollefteå AB": "inte uppfyllt"}
    coverage = data["kommunen"][6]
    assert coverage["bedömning"] == "delvis"
    assert "Av dem är ett bolag, och inget av dem har en plan." in coverage["text"]
    assert coverage["underlag"][0]["fil"].endswith("solleftea/ikplan.yaml") and coverage["underlag"][0]["rad"] == 11


def test_the_terminal_gets_the_answers_in_80_columns_not_a_markdown_table(run) -> None:  # type: ignore[no-untyped-def]
    """What a pipe or a CI log gets: each question a paragraph, no line over 80, no Markdown; the same
    answers as the document."""
    egna = ROOT / "tests" / "fixtures" / "egna_ord"
    text = run("granskning", str(egna), "--datum", "2026-01-20", env={"COLUMNS": "80"}).stdout
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert "|" not in text and "**" not in text
    assert lines[0] == "Granskning av den interna kontrollen 2025"
    assert "Vård- och omsorgsnämnden (Nämnd)" in lines
    md = run("granskning", str(egna), "--datum", "2026-01-20", "-f", "md").stdout
    for n in range(1, 11):  # every question of the kommun's table, with its verdict, in both
        row = next(line for line in md.splitlines() if line.startswith(f"| {n}. "))
        title, verdict = row.split(" | ")[0][2:], row.split(" | ")[1]
        assert f"{title}: {verdict}." in " ".join(text.split())
    # none of the counted is 'ingen'/'inget', never 'noll'
    assert "har noll" not in text and "finns noll" not in text
    assert "Av två kontrollmoment i Tekniska nämndens plan har inget kontrollmetod" in " ".join(text.split())
