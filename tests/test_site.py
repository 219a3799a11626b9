"""`ikplan site`: the kommun's intern kontroll as a static, accessible website.

Built from the fixture kommun (with text marked sekretess added), Ordkommun's own words and the
example plans; every kind of page is checked in Debian's Chromium with axe-core at 1280 and 390 px,
with the W3C Nu HTML Checker (npm vnu-jar on Debian's Java), for links and downloads that resolve,
for secret text in any file, and for incremental builds equal to full builds byte for byte.
"""

from __future__ import annotations

import html.parser
import http.server
import json
import os
import shutil
import subprocess
import threading
import urllib.parse
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT

FIX = Path(__file__).resolve().parent / "fixtures"
DAY = "2025-12-31"
SECRET = "Hemlig uppgift om skyddad identitet Q7X"
SECRET_COMMENT = "Sekretessbelagd kommentar om enskild person Z9W"
CHROMIUM = next((p for p in ("/usr/bin/chromium", shutil.which("chromium") or "") if p and Path(p).exists()), None)
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa"]
VNU_HOME = Path(os.environ.get("IKPLAN_VNU_DIR", Path.home() / ".cache" / "ikplan-vnu"))


def _kommun_with_secrets(tmp: Path) -> Path:
    """The fixture kommun with an åtgärd and a kommentar marked sekretess in Socialnämnden 2025."""
    root = tmp / "kommun"
    shutil.copytree(FIX / "kommun", root)
    sn = root / "2025" / "sn.yaml"
    text = sn.read_text(encoding="utf-8")
    text = text.replace(
        "            resultat: med mindre anmärkning\n            åtgärder:\n",
        "            resultat: med mindre anmärkning\n"
        f"            kommentar: {SECRET_COMMENT}\n"
        "            sekretess: true\n"
        "            åtgärder:\n"
        f"              - beskrivning: {SECRET}\n"
        "                ansvarig: Avdelningschef\n"
        "                slutdatum: 2026-03-31\n"
        "                status: påbörjad\n"
        "                sekretess: true\n",
        1,
    )
    assert SECRET in text
    sn.write_text(text, encoding="utf-8")
    return root


def _build(run: Any, out: Path, *paths: Path | str, extra: tuple[str, ...] = ()) -> Any:
    result = run("site", *map(str, paths), "-o", str(out), "--datum", DAY, *extra)
    assert result.exit_code == 0, result.output
    return result


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The public site of the fixture kommun (with secrets), Ordkommun's and the example plans'."""
    from typer.testing import CliRunner

    from ikplan.cli import app

    tmp = tmp_path_factory.mktemp("site")
    runner = CliRunner()

    def run(*args: str) -> Any:
        return runner.invoke(app, list(args), catch_exceptions=False)

    kommun = _kommun_with_secrets(tmp)
    out = {"kommun": tmp / "kommun-site", "egna_ord": tmp / "egna-site", "plans": tmp / "plans-site"}
    _build(run, out["kommun"], kommun)
    _build(run, out["egna_ord"], FIX / "egna_ord")
    _build(run, out["plans"], ROOT / "plans")
    out["kommun_src"] = kommun
    return out


# --- what is on the site ----------------------------------------------------------------------------


def test_site_has_every_kind_of_page_with_stable_addresses(sites) -> None:
    site = sites["kommun"]
    for name in (
        "index.html",
        "socialnamnden/index.html",
        "socialnamnden/2025/index.html",
        "socialnamnden/2025/plan.html",
        "socialnamnden/2025/helar.html",
        "socialnamnden/2025/helar.docx",
        "socialnamnden/2025/helar.json",
        "socialnamnden/2025/plan.docx",
        "socialnamnden/2025/plan.xlsx",
        "socialnamnden/risk/sn-boende.html",
        "kontrollmoment/attest.html",
        "kontrollmoment/index.html",
        "sammanstallning/2025.html",
        "sammanstallning/2025.docx",
        "granskning.html",
        "tillganglighet.html",
        "sok.html",
        "site.css",
    ):
        assert (site / name).is_file(), name
    start = (site / "index.html").read_text(encoding="utf-8")
    assert "Intern kontroll i Exempelkommun" in start
    assert "Riskmatris för kommunens risker 2025" in start and "Riskmatrisen i text" in start
    assert 'href="socialnamnden/2025/index.html"' in start
    assert 'href="granskning.html"' in start
    # the risk's history spans both years, with the results the reports give
    risk = (site / "socialnamnden/risk/sn-boende.html").read_text(encoding="utf-8")
    assert 'href="../2024/index.html"' in risk and 'href="../2025/index.html"' in risk
    assert "med mindre anmärkning" in risk
    common = (site / "kontrollmoment/attest.html").read_text(encoding="utf-8")
    assert "Socialnämnden" in common and "med väsentlig anmärkning" in common
    # no absolute link anywhere: the site works from any folder or Pages path
    for path in site.rglob("*.html"):
        assert 'href="/' not in path.read_text(encoding="utf-8"), path


def test_site_speaks_the_kommuns_own_words(sites) -> None:
    site = sites["egna_ord"]
    pages = "".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
    assert "Godkänd med brister" in pages or "Godkänd" in pages
    assert "med mindre anmärkning" not in pages


def test_public_site_leaves_secret_text_out_everywhere_and_says_so(sites) -> None:
    site = sites["kommun"]
    files = _files(site)
    assert any(name.startswith("pagefind/") for name in files) or not _pagefind(), "sökindexet saknas"
    for name, data in files.items():
        if name.endswith((".docx", ".xlsx", ".pdf")):
            import zipfile

            if name.endswith(".pdf"):
                text = data.decode("latin-1")
            else:
                import io

                with zipfile.ZipFile(io.BytesIO(data)) as z:
                    text = "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
        elif name.startswith("pagefind/"):
            text = _pagefind_text(site, name, data)
        else:
            text = data.decode("utf-8", "replace")
        for secret in (SECRET, SECRET_COMMENT, "Q7X", "Z9W"):
            assert secret not in text, f"{name} innehåller sekretessmarkerad text"
    page = (site / "socialnamnden/2025/index.html").read_text(encoding="utf-8")
    assert "uppgifter som omfattas av sekretess är utelämnade" in page


def test_intern_edition_keeps_the_secret_text(run, tmp_path: Path) -> None:
    kommun = _kommun_with_secrets(tmp_path)
    out = tmp_path / "intranat"
    _build(run, out, kommun, extra=("--intern", "--utan-sok"))
    report = (out / "socialnamnden/2025/helar.html").read_text(encoding="utf-8")
    assert SECRET in report and SECRET_COMMENT in report
    assert "Intern version" in (out / "index.html").read_text(encoding="utf-8")


def _pagefind() -> bool:
    from ikplan.site.search import available

    return available()


def _pagefind_text(site: Path, name: str, data: bytes) -> str:
    """A Pagefind file as text: fragments and indexes are gzip (after a signature)."""
    import gzip

    try:
        return gzip.decompress(data).decode("utf-8", "replace")
    except (OSError, EOFError):
        return data.decode("utf-8", "replace")


# --- links ----------------------------------------------------------------------------------------


class _Links(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"] or "")
        for key in ("href", "src"):
            if a.get(key):
                self.links.append(a[key] or "")


@pytest.mark.parametrize("which", ["kommun", "egna_ord", "plans"])
def test_every_internal_link_and_download_resolves(sites, which) -> None:
    site = sites[which]
    broken = []
    for page in site.rglob("*.html"):
        if "pagefind" in page.parts:
            continue
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for link in parser.links:
            parts = urllib.parse.urlsplit(link)
            if parts.scheme or parts.netloc:
                broken.append((page.relative_to(site).as_posix(), link, "extern länk"))
                continue
            target = (page.parent / urllib.parse.unquote(parts.path)).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file() or not target.is_relative_to(site.resolve()):
                broken.append((page.relative_to(site).as_posix(), link, "finns inte"))
            elif parts.fragment and target == page and parts.fragment not in parser.ids:
                broken.append((page.relative_to(site).as_posix(), link, "ankaret finns inte"))
    assert broken == []


# --- incremental builds ---------------------------------------------------------------------------


def test_second_build_renders_only_the_changed_plan_and_equals_a_full_build(run, tmp_path: Path) -> None:
    kommun = tmp_path / "kommun"
    shutil.copytree(FIX / "kommun", kommun)
    site = tmp_path / "site"
    first = _build(run, site, kommun, extra=("--utan-sok",))
    assert "8 plan(er) renderade, 0 oförändrade" in first.stderr
    tn = kommun / "2025" / "tn.yaml"
    tn.write_text(
        tn.read_text(encoding="utf-8").replace("Tekniska nämnden", "Tekniska nämnden", 1) + "# ändrad\n", "utf-8"
    )
    text = tn.read_text(encoding="utf-8")
    assert "kontrollmetod:" in text
    tn.write_text(text.replace("kontrollmetod:", "kontrollmetod: Ny metod –", 1), encoding="utf-8")
    second = _build(run, site, kommun, extra=("--utan-sok",))
    assert "1 plan(er) renderade, 7 oförändrade" in second.stderr
    assert "Ny metod" in (site / "tekniska-namnden/2025/plan.html").read_text(encoding="utf-8")
    full = tmp_path / "full"
    _build(run, full, kommun, extra=("--utan-sok",))
    a, b = _files(site), _files(full)
    assert sorted(a) == sorted(b)
    assert [n for n in a if a[n] != b[n]] == []


def test_a_removed_plan_leaves_no_pages_behind(run, tmp_path: Path) -> None:
    kommun = tmp_path / "kommun"
    shutil.copytree(FIX / "kommun", kommun)
    site = tmp_path / "site"
    _build(run, site, kommun, extra=("--utan-sok",))
    assert (site / "kultur-och-fritidsnamnden/2025/plan.html").is_file()
    (kommun / "2025" / "kfn.yaml").unlink()
    _build(run, site, kommun, extra=("--utan-sok",))
    full = tmp_path / "full"
    _build(run, full, kommun, extra=("--utan-sok",))
    assert not (site / "kultur-och-fritidsnamnden/2025/plan.html").exists()
    assert _files(site).keys() == _files(full).keys()


def test_site_refuses_a_folder_that_is_not_its_own(run, tmp_path: Path) -> None:
    out = tmp_path / "annat"
    out.mkdir()
    (out / "viktig.txt").write_text("behåll", encoding="utf-8")
    result = run("site", str(FIX / "kommun"), "-o", str(out), "--utan-sok")
    assert result.exit_code == 2
    assert "är inte en webbplats från ikplan site" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["viktig.txt"]
    forced = run("site", str(FIX / "kommun"), "-o", str(out), "--utan-sok", "--force", "--datum", DAY)
    assert forced.exit_code == 0, forced.output
    assert (out / "viktig.txt").read_text(encoding="utf-8") == "behåll" and (out / "index.html").is_file()


def test_the_kommun_overrides_the_accessibility_statement(run, tmp_path: Path) -> None:
    kommun = tmp_path / "kommun"
    shutil.copytree(FIX / "kommun", kommun)
    (kommun / "tillganglighetsredogorelse.html.j2").write_text(
        '{% extends "tillganglighet.html.j2" %}{% block kontakt %}<h2>Kontakt</h2>'
        "<p>Ring Exempelkommuns kontaktcenter på 0123-456 78.</p>{% endblock %}",
        encoding="utf-8",
    )
    _build(run, tmp_path / "site", kommun, extra=("--utan-sok",))
    page = (tmp_path / "site" / "tillganglighet.html").read_text(encoding="utf-8")
    assert "0123-456 78" in page and "Tillsyn" in page and "via kommunens kontaktcenter" not in page


def test_the_generator_footer_is_the_kommuns_choice(run, tmp_path: Path) -> None:
    kommun = tmp_path / "kommun"
    shutil.copytree(FIX / "kommun", kommun)
    cfg = kommun / "ikplan.yaml"
    cfg.write_text(
        cfg.read_text(encoding="utf-8") + "rapport:\n  sidfot: Framtagen av Exempelkommuns kommunledningskontor\n",
        encoding="utf-8",
    )
    out = tmp_path / "r.html"
    result = run("report", str(kommun / "2025" / "sn.yaml"), "-p", "helår", "-f", "html", "-o", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "Framtagen av Exempelkommuns kommunledningskontor. Underlag: " in text
    assert "sn.yaml" in text and "Skapad med ikplan" not in text  # the plan file and date stay


# --- in the browser -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if CHROMIUM is None:
        pytest.skip("ingen Chromium på maskinen (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


KINDS = [
    ("kommun", "index.html"),
    ("kommun", "socialnamnden/index.html"),
    ("kommun", "socialnamnden/2025/index.html"),
    ("kommun", "socialnamnden/2025/plan.html"),
    ("kommun", "socialnamnden/2025/helar.html"),
    ("kommun", "socialnamnden/risk/sn-boende.html"),
    ("kommun", "kontrollmoment/index.html"),
    ("kommun", "kontrollmoment/attest.html"),
    ("kommun", "sammanstallning/2025.html"),
    ("kommun", "granskning.html"),
    ("kommun", "tillganglighet.html"),
    ("kommun", "sok.html"),
    ("egna_ord", "index.html"),
    ("plans", "index.html"),
    ("plans", "arbetsmarknadsnamnden/2024/index.html"),
    ("plans", "arbetsmarknadsnamnden/2024/delar.html"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("which", "name"), KINDS)
def test_every_kind_of_page_passes_axe_at_1280_and_390_px(sites, browser, which, name) -> None:
    from axe_playwright_python.sync_playwright import Axe

    path = sites[which] / name
    assert path.is_file(), name
    for width in (1280, 390):
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(path.as_uri())
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{name}: {overflow} px vågrät rullning vid {width} px"
        report = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
        violations = [(v["id"], [n["html"][:120] for n in v["nodes"]]) for v in report.response["violations"]]
        assert violations == [], f"{which}/{name} vid {width} px: {violations}"
        page.close()


@pytest.mark.slow
def test_long_words_hyphenate_in_chromium(sites, browser) -> None:
    """Swedish hyphenation from lang="sv" and hyphens: auto: a long compound in a narrow cell breaks
    at a syllable with a hyphen, never mid-word without one."""
    page = browser.new_page(viewport={"width": 390, "height": 900})
    page.goto((sites["plans"] / "arbetsmarknadsnamnden/2024/delar.html").as_uri())
    hyphens = page.evaluate("getComputedStyle(document.querySelector('main p')).hyphens")
    lang = page.evaluate("document.documentElement.lang")
    page.close()
    assert (lang, hyphens) == ("sv", "auto")


@pytest.mark.slow
def test_search_finds_a_plan_offline_from_a_local_folder(sites, browser) -> None:
    if not _pagefind():
        pytest.skip("Pagefind är inte installerat (pip install 'ikplan[site]')")
    site = sites["kommun"]
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/sok.html?q=verkst%C3%A4llighet")
        page.wait_for_selector("#resultat li a", timeout=15000)
        hrefs = page.eval_on_selector_all("#resultat li a", "els => els.map(e => e.getAttribute('href'))")
        page.close()
    finally:
        server.shutdown()
    assert any("socialnamnden" in h for h in hrefs), hrefs


# --- the Nu HTML Checker --------------------------------------------------------------------------


def _vnu() -> Path | None:
    """vnu.jar from npm's vnu-jar, installed once into a cache folder; None when it cannot be had."""
    if shutil.which("java") is None:
        return None
    jar = VNU_HOME / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    if not jar.is_file() and shutil.which("npm"):
        VNU_HOME.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--prefix", str(VNU_HOME), "--no-audit", "--no-fund", "vnu-jar@^24"],
            capture_output=True,
            timeout=300,
        )
    return jar if jar.is_file() else None


@pytest.mark.slow
@pytest.mark.parametrize("which", ["kommun", "egna_ord", "plans"])
def test_nu_html_checker_finds_no_errors(sites, which) -> None:
    jar = _vnu()
    if jar is None:
        pytest.skip("W3C Nu HTML Checker saknas (npm install vnu-jar, och Java)")
    site = sites[which]
    pages = sorted(str(p) for p in site.rglob("*.html") if "pagefind" not in p.parts)
    done = subprocess.run(
        ["java", "-jar", str(jar), "--format", "json", "--errors-only", *pages],
        capture_output=True,
        text=True,
        timeout=600,
    )
    messages = json.loads(done.stderr or "{}").get("messages", [])
    errors = [
        (Path(urllib.parse.urlsplit(m.get("url", "")).path).name, m.get("lastLine"), m["message"]) for m in messages
    ]
    assert errors == []


# --- the archive PDF ------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("which", ["report", "summary"])
def test_pdf_is_tagged_pdf_a_2a_and_pdf_ua_1_with_the_diariums_metadata(run, tmp_path: Path, which) -> None:
    pikepdf = pytest.importorskip("pikepdf")
    pytest.importorskip("weasyprint")
    out = tmp_path / "arkiv.pdf"
    if which == "report":
        args = ["report", str(ROOT / "plans/uppsala/amn-2024.yaml"), "-p", "delår"]
        expected = {"diarienummer": "AMN-2024-00318", "namnd": "Arbetsmarknadsnämnden", "datum": "2024-09-10"}
    else:
        args = ["summary", str(FIX / "kommun"), "--datum", DAY]
        expected = {"namnd": "Kommunstyrelsen", "datum": DAY}
    result = run(*args, "-f", "pdf", "-o", str(out))
    assert result.exit_code == 0, result.output
    with pikepdf.open(out) as pdf:
        meta = pdf.open_metadata()
        assert (meta.get("pdfaid:part"), meta.get("pdfaid:conformance"), meta.get("pdfuaid:part")) == ("2", "A", "1")
        for key, value in expected.items():
            assert meta.get("{urn:ikplan:diarium:1.0/}" + key) == value
        assert meta.get("{urn:ikplan:diarium:1.0/}dokumenttyp", "").startswith("Tjänsteskrivelse")
        assert str(pdf.Root.Lang) == "sv" and bool(pdf.Root.MarkInfo.Marked)
        assert "/StructTreeRoot" in pdf.Root and len(pdf.Root.OutputIntents) == 1
        n = len(pdf.pages)
    import pypdf

    text = [page.extract_text() for page in pypdf.PdfReader(out).pages]
    assert all(f"Sida {i} av {n}" in t for i, t in enumerate(text, start=1)), "sidnummer saknas"
    assert all(t.strip() != f"Sida {i} av {n}" for i, t in enumerate(text, start=1)), "en tom sida"
    if which == "report":
        # the Bilaga's pages carry its heading as a running header
        bilaga = [t for t in text if "Riskbeskrivning" in t]
        assert bilaga and all("Bilaga 1. Delrapportering" in t for t in bilaga)
