"""Build the site: one unit per plan (its page, reports and downloads), one per year's
sammanställning, one for the granskning, and the pages that tie them together.

Incremental by content: each unit has a key, the hash of everything its files are made from (the
plan file, the kommun's ikplan.yaml, the templates, ikplan's version, the date, the edition, the git
commit the footer names). A unit whose key is unchanged keeps its files; the pages across plans
(start page, histories) are made again every time from small digests kept beside the site. As the
files of a unit depend on nothing but its key, an incremental build equals a full build byte for
byte.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import hashlib
import html
import io
import json
import multiprocessing
import os
import re
import shutil
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ikplan import __version__, jsontext
from ikplan.checking.validate import Checked
from ikplan.errors import IkplanError, UsageError
from ikplan.site import pages
from ikplan.site.public import public_edition, secret_texts

STATE_DIR = ".ikplan-site"
MANIFEST = f"{STATE_DIR}/manifest.json"
SITE_TEMPLATES = "site"
ACCESSIBILITY_OVERRIDE = "tillganglighetsredogorelse.html.j2"
_PARALLEL_FROM = 6  # plans to render before worker processes pay for themselves


@dataclass
class SiteOptions:
    output: str
    day: dt.date
    public: bool = True
    pdf: bool = False
    search: bool = True
    force: bool = False
    jobs: int | None = None


@dataclass
class SiteReport:
    rendered: list[str] = field(default_factory=list)  # plan files whose pages were made again
    reused: list[str] = field(default_factory=list)
    pages: int = 0
    files: int = 0
    removed: int = 0
    search: str = ""
    audit: bool = False


# --- writing --------------------------------------------------------------------------------------


def _write(out: Path, name: str, data: bytes | str) -> str:
    """`data` to out/name, left alone when the file already holds it (its date stays).

    Atomic (a temporary file renamed over the old one, never written through a link) but without
    the fsync of each file that ikplan.files.write_atomic pays for a plan: a site is a thousand
    files made again from the plans at any time, and the fsyncs were a fifth of a full build."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    path = out / name
    try:
        if path.is_file() and not path.is_symlink() and path.read_bytes() == raw:
            return name
    except OSError:
        pass
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_dir() and not path.is_symlink():
            raise IkplanError(f"{path} är en mapp; ikplan site skriver en fil där")
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temporary.write_bytes(raw)
        os.replace(temporary, path)
    except OSError as exc:
        from ikplan.files import reason

        raise IkplanError(f"kan inte skriva {path}: {reason(exc)}") from None
    return name


def _check_output(out: Path, force: bool) -> dict[str, Any]:
    """The previous build's manifest; a usage error for a folder that is not an ikplan site."""
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out} finns och är ingen mapp; ange en mapp för webbplatsen med -o")
    manifest = out / MANIFEST
    if manifest.is_file():
        try:
            data = json.loads(manifest.read_text(encoding="utf-8"))
            if isinstance(data, dict) and isinstance(data.get("units"), dict):
                return data
        except (OSError, ValueError):
            pass
        return {"units": {}}
    if out.is_dir() and any(out.iterdir()) and not force:
        raise UsageError(
            f"mappen {out} finns och är inte en webbplats från ikplan site; "
            "ange en tom eller ny mapp, eller --force för att skriva i den ändå"
        )
    return {"units": {}}


# --- keys -----------------------------------------------------------------------------------------


def _digest(*parts: object) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(p if isinstance(p, bytes) else json.dumps(p, ensure_ascii=False, sort_keys=True).encode())
        h.update(b"\0")
    return h.hexdigest()


def _templates_digest(extra: list[Path]) -> str:
    from ikplan.reporting.render import template_dir

    root = template_dir()
    h = hashlib.sha256()
    for path in sorted([*root.rglob("*"), *extra]):
        if path.is_file():
            h.update(str(path.relative_to(root) if path.is_relative_to(root) else path.name).encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def _git_tokens(files: list[str]) -> dict[str, str]:
    """The commit each plan's footer names (git status per file, in threads: a subprocess each)."""
    from ikplan.reporting.context import _git_commit

    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        return dict(zip(files, pool.map(lambda f: _git_commit(f) or "", files), strict=True))


# --- rendering ------------------------------------------------------------------------------------


class Renderer:
    """The sandboxed HTML environment of the reports, with the site's templates beside the report
    templates; each template is compiled once per process."""

    def __init__(self, accessibility: Path | None) -> None:
        from jinja2 import FileSystemLoader

        from ikplan.reporting.render import environment, template_dir

        root = template_dir()
        self.env = environment("html")
        self.env.loader = FileSystemLoader([str(root / SITE_TEMPLATES), str(root)])
        self.accessibility = accessibility
        self._cache: dict[str, Any] = {}

    def template(self, name: str) -> Any:
        if name not in self._cache:
            self._cache[name] = self.env.get_template(name)
        return self._cache[name]

    def render(self, name: str, ctx: dict[str, Any]) -> str:
        from jinja2 import TemplateError

        from ikplan.reporting.sandbox import read_template, render_bounded, runtime_error, time_limit
        from ikplan.text import visible

        where = name
        try:
            if name == "tillganglighet.html.j2" and self.accessibility is not None:
                where = str(self.accessibility)
                if where not in self._cache:
                    source = read_template(self.accessibility).decode("utf-8", errors="replace")
                    self._cache[where] = self.env.from_string(source)
                template = self._cache[where]
            else:
                template = self.template(name)
            with time_limit():
                return visible(render_bounded(template, ctx))
        except TemplateError as exc:
            raise IkplanError(f"mallen {where}: {getattr(exc, 'message', None) or exc}") from None
        except IkplanError:
            raise
        except Exception as exc:
            raise runtime_error(where, exc) from None


def _with_site_nav(document: str, links: list[tuple[str, str]]) -> str:
    """A report page (the nämnd's document as it is) with a way back into the site, before its header."""
    nav = " · ".join(f'<a href="{html.escape(href)}">{html.escape(text)}</a>' for text, href in links)
    block = f'<nav class="site-back" aria-label="Webbplatsen"><p>{nav}</p></nav>\n'
    at = document.find("<body>")
    if at < 0:
        return document
    at += len("<body>")
    # Pagefind indexes what is inside data-pagefind-body once any page has it: the report's <main> too.
    rest = document[at:].lstrip("\n").replace("<main>", "<main data-pagefind-body>", 1)
    return document[:at] + "\n" + block + rest


def _pdf(document: str, ctx: dict[str, Any]) -> bytes:
    from ikplan.reporting.pdf import archive_metadata, render_pdf
    from ikplan.reporting.render import template_dir

    return render_pdf(document, template_dir(), archive_metadata(ctx))


_OOXML_TIME = re.compile(rb"(<dcterms:(?:created|modified)\b[^>]*>)[^<]*(</dcterms:)")


def _stable_zip(data: bytes, day: dt.date) -> bytes:
    """A Word or Excel file with the same bytes for the same content: the zip entries dated `day`
    (not the moment of writing) and the document's created/modified dates set to `day`, so that a
    build tomorrow of an unchanged plan, or an incremental build, gives identical files."""
    stamp = (day.year, day.month, day.day, 12, 0, 0)
    when = f"{day.isoformat()}T12:00:00Z".encode()
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with source, zipfile.ZipFile(buffer, "w", compresslevel=3) as target:
        for info in source.infolist():
            raw = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                raw = _OOXML_TIME.sub(lambda m: m[1] + when + m[2], raw)
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, raw)
    return buffer.getvalue()


def _size(data: bytes | str) -> str:
    n = len(data.encode("utf-8") if isinstance(data, str) else data)
    return f"{max(1, round(n / 1024))} kB"


@dataclass
class _Job:
    """Everything a worker needs for one plan (inherited by fork, never pickled)."""

    checked: Checked
    slug: str
    key: str


_JOBS: list[_Job] = []
_CTX: dict[str, Any] = {}


def _render_plan(index: int) -> tuple[list[str], dict[str, Any]]:
    """The plan's page, its reports and downloads; returns the files written and its digest."""
    from ikplan.reporting.context import build_context
    from ikplan.reporting.render import default_template, render_docx
    from ikplan.text import visible_data

    job = _JOBS[index]
    out: Path = _CTX["out"]
    day: dt.date = _CTX["day"]
    public: bool = _CTX["public"]
    renderer: Renderer = _CTX["renderer"]
    c = job.checked
    assert c.plan is not None and c.settings is not None
    base = pages.plan_address(job.slug, c.plan.year)
    index_page = base + "index.html"
    written: list[str] = []
    documents: list[dict[str, Any]] = []
    back = [("Nämndens sida för året", "index.html"), ("Startsida", pages.rel(base + "x", "index.html"))]

    def document(kind: str, period_id: str | None, name: str) -> dict[str, Any]:
        ctx = build_context(c, period_id or "plan", day=day, public=public)
        ctx = visible_data(ctx)  # type: ignore[assignment]
        tpl = "plan.html.j2" if kind == "plan" else "uppfoljning.html.j2"
        page = renderer.render(tpl, ctx)
        downloads = []
        written.append(_write(out, f"{base}{name}.html", _with_site_nav(page, back)))
        docx = _stable_zip(render_docx(ctx, default_template(ctx["kind"], "docx")), day)
        written.append(_write(out, f"{base}{name}.docx", docx))
        downloads.append({"href": f"{name}.docx", "label": "Word", "size": _size(docx)})
        if _CTX["pdf"]:
            data = _pdf(page, ctx)
            written.append(_write(out, f"{base}{name}.pdf", data))
            downloads.append({"href": f"{name}.pdf", "label": "PDF/A", "size": _size(data)})
        if kind == "plan":
            from ikplan.cycle.excel import export_workbook

            try:
                xlsx = _stable_zip(export_workbook(c), day)
            except IkplanError:
                xlsx = b""  # a text longer than a cell: the plan has no Excel copy, the page says nothing false
            if xlsx:
                written.append(_write(out, f"{base}{name}.xlsx", xlsx))
                downloads.append({"href": f"{name}.xlsx", "label": "Excel", "size": _size(xlsx)})
        else:
            from ikplan.followup.status import plan_status

            data_json = jsontext.dumps(plan_status(c, period_id or "", day).as_json()) + "\n"
            written.append(_write(out, f"{base}{name}.json", data_json))
            downloads.append({"href": f"{name}.json", "label": "JSON", "size": _size(data_json)})
        documents.append(
            {
                "title": ctx["doc"]["title"],
                "href": f"{name}.html",
                "downloads": downloads,
                "kind": kind,
                "secret": ctx["doc"]["secret_omitted"],
            }
        )
        return ctx

    plan_ctx = document("plan", None, "plan")
    period_ctxs = [document("uppföljning", pid, pages.period_file(pid)) for pid, _name in pages.followed_up_periods(c)]
    digest = pages.plan_digest(c, plan_ctx, period_ctxs)
    ctx = _CTX["site"] | {
        "page": index_page,
        "root": pages.rel(index_page, "index.html").removesuffix("index.html"),
        "title": f"{c.plan.board} {c.plan.year}",
        "plan": plan_ctx["plan"],
        "doc": plan_ctx["doc"],
        "digest": digest,
        "documents": documents,
        "board_page": pages.rel(index_page, f"{job.slug}/index.html"),
        "risk_links": {r["id"]: pages.rel(index_page, pages.risk_address(job.slug, r["id"])) for r in digest["risks"]},
        "common_links": {
            cc["common"]: pages.rel(index_page, pages.common_address(cc["common"]))
            for r in digest["risks"]
            for cc in r["controls"]
            if cc["common"]
        },
        "secret_omitted": any(d["secret"] for d in documents),
    }
    written.append(_write(out, index_page, renderer.render("namnd-ar.html.j2", ctx)))
    written.append(_write(out, _digest_file(job.slug, c.plan.year), json.dumps(digest, ensure_ascii=False)))
    return written, digest


def _digest_file(board_slug: str, year: int) -> str:
    return f"{STATE_DIR}/planer/{board_slug}-{year}.json"


def _run_jobs(indices: list[int], jobs: int) -> list[tuple[list[str], dict[str, Any]]]:
    if jobs > 1 and len(indices) >= _PARALLEL_FROM:
        context = multiprocessing.get_context("fork")
        with context.Pool(min(jobs, len(indices))) as pool:
            return pool.map(_render_plan, indices, chunksize=1)
    return [_render_plan(i) for i in indices]


# --- the build ------------------------------------------------------------------------------------


def _summary_period(plans: list[Checked], year: int) -> str | None:
    """The latest of the kommun's periods that some plan of `year` has followed up."""
    latest: tuple[int, str] | None = None
    for c in plans:
        if c.plan is None or c.plan.year != year or c.settings is None:
            continue
        order = [p.id for p in c.settings.periods]
        for pid, _ in pages.followed_up_periods(c):
            rank = order.index(pid)
            if latest is None or rank > latest[0]:
                latest = (rank, pid)
    return latest[1] if latest else None


def _redact(text: str, secrets: list[str]) -> str:
    """A last guard for pages made by commands that do not know `sekretess` (the granskning): any
    marked text that reached them is replaced, as it is escaped in HTML and in JSON."""
    from ikplan.reporting.context import SECRET_NOTE

    for s in secrets:
        for form in {html.escape(s), s, json.dumps(s, ensure_ascii=False)[1:-1]}:
            if form and form in text:
                text = text.replace(form, SECRET_NOTE)
    return text


def build_site(plans: list[Checked], options: SiteOptions, config: str | None = None) -> SiteReport:
    out = Path(options.output)
    previous = _check_output(out, options.force)
    out.mkdir(parents=True, exist_ok=True)
    report = SiteReport()
    usable = sorted(
        (c for c in plans if c.plan is not None and c.settings is not None),
        key=lambda c: (c.plan.board, c.plan.year) if c.plan else ("", 0),
    )
    if not usable:
        raise IkplanError("inga planer att publicera")
    public = options.public
    secrets = sorted({s for c in usable if c.plan for s in secret_texts(c.plan) if len(s.strip()) >= 4}, key=len)[::-1]
    shown = [public_edition(c) for c in usable] if public else usable
    first = shown[0]
    assert first.settings is not None
    settings = first.settings.settings
    kommun = settings.config.municipality or next(
        (c.plan.municipality for c in shown if c.plan and c.plan.municipality), ""
    )
    slugs = pages.unique_slugs([c.plan.board for c in shown if c.plan])
    accessibility = None
    if settings.config_path is not None:
        candidate = Path(settings.config_path).resolve().parent / ACCESSIBILITY_OVERRIDE
        accessibility = candidate if candidate.is_file() else None
    renderer = Renderer(accessibility)
    tmpl = _templates_digest([accessibility] if accessibility else [])
    edition = "offentlig" if public else "intern"
    common_key = _digest(__version__, edition, options.day.isoformat(), tmpl, options.pdf)
    configs: dict[str, str] = {}

    def config_hash(c: Checked) -> str:
        path = c.settings.settings.config_path if c.settings else None
        if not path:
            return ""
        if path not in configs:
            configs[path] = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        return configs[path]

    git = _git_tokens([c.file for c in shown])
    site_ctx = {
        "kommun": kommun,
        "edition": edition,
        "public": public,
        "date_iso": options.day.isoformat(),
        "version": __version__,
        "audit": _audit_available(),
    }
    units: dict[str, dict[str, Any]] = {}
    job_list: list[_Job] = []
    todo: list[int] = []
    digests: list[dict[str, Any]] = []
    for c in shown:
        assert c.plan is not None
        s = slugs[c.plan.board]
        key = _digest(common_key, c.file, Path(c.file).read_bytes(), config_hash(c), git[c.file], s)
        name = f"plan:{s}/{c.plan.year}"
        old = previous["units"].get(name, {})
        job_list.append(_Job(c, s, key))
        digest_path = out / _digest_file(s, c.plan.year)
        if old.get("key") == key and all((out / f).is_file() for f in old.get("files", [])) and digest_path.is_file():
            try:
                digests.append(json.loads(digest_path.read_text(encoding="utf-8")))
                units[name] = old
                report.reused.append(c.file)
                continue
            except (OSError, ValueError):
                pass
        todo.append(len(job_list) - 1)
    _JOBS[:] = job_list
    _CTX.clear()
    _CTX.update(out=out, day=options.day, public=public, renderer=renderer, pdf=options.pdf, site=site_ctx)
    jobs = options.jobs or _cores()
    for i, (files, digest) in zip(todo, _run_jobs(todo, jobs), strict=True):
        job = job_list[i]
        assert job.checked.plan is not None
        units[f"plan:{job.slug}/{job.checked.plan.year}"] = {"key": job.key, "files": sorted(files)}
        digests.append(digest)
        report.rendered.append(job.checked.file)
    digests.sort(key=lambda d: (d["board"], d["year"]))

    # The sammanställning of each year, and the granskning: units of their own, keyed by the plans.
    plan_keys = {(j.checked.plan.board, j.checked.plan.year): j.key for j in job_list if j.checked.plan}
    years = sorted({c.plan.year for c in shown if c.plan})
    summaries: dict[int, dict[str, Any]] = {}
    for year in years:
        period = _summary_period(shown, year)
        if period is None:
            continue
        key = _digest(common_key, period, sorted((b, y, k) for (b, y), k in plan_keys.items() if y in (year, year - 1)))
        name = f"sammanställning:{year}"
        cache = f"{STATE_DIR}/sammanstallning-{year}.json"
        old = previous["units"].get(name, {})
        if old.get("key") == key and all((out / f).is_file() for f in old.get("files", [])):
            try:
                summaries[year] = json.loads((out / cache).read_text(encoding="utf-8"))
                units[name] = old
                continue
            except (OSError, ValueError):
                pass
        files, summaries[year] = _render_summary(shown, year, period, options, renderer, out, cache, site_ctx)
        units[name] = {"key": key, "files": sorted(files)}

    head = _git_tokens([str(Path(first.file).parent)])  # the commit the granskning's evidence is read at
    audit_key = _digest(common_key, sorted(plan_keys.items()), head)
    old = previous["units"].get("granskning", {})
    if old.get("key") == audit_key and all((out / f).is_file() for f in old.get("files", [])):
        units["granskning"] = old
        report.audit = bool(old.get("files"))
    else:
        files = _render_audit(usable, config, options, out, secrets if public else [], site_ctx)
        units["granskning"] = {"key": audit_key, "files": sorted(files)}
        report.audit = bool(files)

    # The pages across plans: made again every time, from the digests.
    common_files = _render_common(
        out, renderer, site_ctx, shown, digests, slugs, summaries, report.audit, settings.config.required_controls
    )
    units["webbplats"] = {"key": common_key, "files": sorted(common_files)}

    keep = {f for u in units.values() for f in u["files"]} | {MANIFEST}
    keep |= {_digest_file(slugs[d["board"]], d["year"]) for d in digests}
    keep |= {f"{STATE_DIR}/sammanstallning-{y}.json" for y in summaries}
    for u in previous["units"].values():
        for f in u.get("files", []):
            if f not in keep and (out / f).is_file():
                (out / f).unlink()
                report.removed += 1
    _prune_state(out, keep)
    report.pages = sum(1 for f in keep if f.endswith(".html"))
    report.files = len(keep)
    _write(out, MANIFEST, json.dumps({"units": dict(sorted(units.items()))}, ensure_ascii=False, indent=1) + "\n")
    if options.search:
        from ikplan.site.search import index

        report.search = index(out)
    else:
        shutil.rmtree(out / "pagefind", ignore_errors=True)
    return report


def _audit_available() -> bool:
    """Whether this ikplan has the granskning (ikplan granskning), which the site then links to."""
    import importlib.util

    return importlib.util.find_spec("ikplan.audit.build") is not None


def _prune_state(out: Path, keep: set[str]) -> None:
    """Digests of plans no longer in the site (a plan file removed) go too."""
    state = out / STATE_DIR
    for path in state.rglob("*.json") if state.is_dir() else []:
        if path.relative_to(out).as_posix() not in keep:
            path.unlink()


def _cores() -> int:
    from ikplan.checking.validate import available_cores

    return available_cores()


def _render_summary(
    plans: list[Checked],
    year: int,
    period: str,
    options: SiteOptions,
    renderer: Renderer,
    out: Path,
    cache: str,
    site_ctx: dict[str, Any],
) -> tuple[list[str], dict[str, Any]]:
    from ikplan.followup.kommun import build_summary
    from ikplan.reporting.kommun_context import build_kommun_context
    from ikplan.reporting.render import render_docx, template_dir
    from ikplan.text import visible_data

    settings = plans[0].settings.settings.config if plans[0].settings else None
    assert settings is not None
    s = build_summary(
        plans,
        period,
        options.day,
        year=year,
        boards=settings.boards,
        required=settings.required_controls,
        municipality=settings.municipality or "",
    )
    ctx = build_kommun_context(plans, s)
    shown: dict[str, Any] = visible_data(ctx)  # type: ignore[assignment]
    base = f"sammanstallning/{year}"
    page = renderer.render("sammanstallning.html.j2", shown)
    files = [
        _write(out, f"{base}.html", _with_site_nav(page, [("Startsida", "../index.html")])),
        _write(
            out,
            f"{base}.json",
            jsontext.dumps({**s.as_json(), "meningar": ctx["sentences"]}) + "\n",
        ),
        _write(
            out, f"{base}.docx", _stable_zip(render_docx(shown, template_dir() / "sammanstallning.docx"), options.day)
        ),
    ]
    if options.pdf:
        files.append(_write(out, f"{base}.pdf", _pdf(page, shown)))
    kept = {
        "year": year,
        "title": shown["title"],
        "period": shown["period"],
        "sentences": shown["sentences"],
        "heat": shown["heat"],
        "address": f"{base}.html",
        "downloads": [f for f in files if not f.endswith(".html")],
    }
    _write(out, cache, json.dumps(kept, ensure_ascii=False))
    return files, kept


def _render_audit(
    plans: list[Checked],
    config: str | None,
    options: SiteOptions,
    out: Path,
    secrets: list[str],
    site_ctx: dict[str, Any],
) -> list[str]:
    """The granskning (ikplan granskning) as HTML and JSON; none where the package is missing."""
    try:
        from ikplan.audit.build import build_audit
        from ikplan.audit.context import audit_context
    except ImportError:
        return []
    from ikplan.checking.validate import Checker
    from ikplan.reporting.render import render_text, template_dir
    from ikplan.text import visible, visible_data

    audit = build_audit(plans, Checker(config), None, options.day)
    ctx = visible_data(audit_context(audit))
    assert isinstance(ctx, dict)
    page = visible(render_text(ctx, template_dir() / "granskning.html.j2", "html"))
    page = _with_site_nav(_redact(page, secrets), [("Startsida", "index.html")])
    data = _redact(jsontext.dumps(audit.as_json()) + "\n", secrets)
    return [_write(out, "granskning.html", page), _write(out, "granskning.json", data)]


def _render_common(
    out: Path,
    renderer: Renderer,
    site_ctx: dict[str, Any],
    plans: list[Checked],
    digests: list[dict[str, Any]],
    slugs: dict[str, str],
    summaries: dict[int, dict[str, Any]],
    audit: bool,
    required: list[Any],
) -> list[str]:
    from ikplan.reporting.render import template_dir

    written: list[str] = []

    def page(name: str, template: str, title: str, **ctx: Any) -> None:
        root = pages.rel(name, "index.html").removesuffix("index.html")
        full = site_ctx | {"page": name, "root": root, "title": title, "audit": audit} | ctx
        written.append(_write(out, name, renderer.render(template, full)))

    # The reports' styles first, so the site's tables and the heat map look as in the reports.
    css = (
        (template_dir() / "rapport.css").read_bytes()
        + b"\n"
        + (template_dir() / SITE_TEMPLATES / "site.css").read_bytes()
    )
    written.append(_write(out, "site.css", css))
    years = sorted({d["year"] for d in digests})
    boards = sorted({d["board"] for d in digests})
    by_board = {b: [d for d in digests if d["board"] == b] for b in boards}
    latest = summaries[max(summaries)] if summaries else None
    risk_hist = pages.risk_histories(digests, slugs)
    common = pages.common_histories(digests, [(rc.id, rc.name) for rc in required], slugs)
    page(
        "index.html",
        "start.html.j2",
        f"Intern kontroll i {site_ctx['kommun']}" if site_ctx["kommun"] else "Intern kontroll",
        years=years,
        boards=[{"name": b, "slug": slugs[b], "years": {d["year"]: d for d in by_board[b]}} for b in boards],
        summary=latest,
        summaries=[summaries[y] for y in sorted(summaries, reverse=True)],
        common=common,
    )
    for b in boards:
        page(
            f"{slugs[b]}/index.html",
            "namnd.html.j2",
            b,
            board=b,
            slug=slugs[b],
            plans=sorted(by_board[b], key=lambda d: -d["year"]),
            risks=[h for h in risk_hist if h["board"] == b],
        )
    for h in risk_hist:
        page(h["address"], "risk.html.j2", f"{h['board']}: risk {h['id']}", history=h, slug=slugs[h["board"]])
    for h in common:
        page(h["address"], "kontrollmoment.html.j2", f"Kommungemensamt kontrollmoment: {h['name']}", history=h)
    page("kontrollmoment/index.html", "kontrollmoment-lista.html.j2", "Kommungemensamma kontrollmoment", common=common)
    page("tillganglighet.html", "tillganglighet.html.j2", "Tillgänglighetsredogörelse")
    page("sok.html", "sok.html.j2", "Sök")
    return written
