"""Render a report context with a template: Markdown and HTML with Jinja, Word with docxtpl.

Templates run in Jinja's sandbox with StrictUndefined: a template that names an
unknown variable or reaches for Python internals fails with a clear message.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined, TemplateError, TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from ikplan.errors import IkplanError
from ikplan.reporting.context import Block, paragraphs
from ikplan.reporting.markdown import cell, escape
from ikplan.reporting.sandbox import LimitedEnvironment, read_template, render_bounded, runtime_error, time_limit

FORMATS = ("md", "html", "docx")
_SUFFIX = {"md": ".md.j2", "html": ".html.j2", "docx": ".docx"}


def template_dir() -> Path:
    """Templates ship inside the wheel (ikplan/templates); in a checkout they are ./templates."""
    package = Path(__file__).resolve().parent.parent
    packaged = package / "templates"
    if packaged.is_dir():
        return packaged
    return package.parent / "templates"


def default_template(kind: str, fmt: str) -> Path:
    name = "plan" if kind == "plan" else "uppfoljning"
    return template_dir() / f"{name}{_SUFFIX[fmt]}"


# --- filters --------------------------------------------------------------------------------------


def _as_blocks(value: Any) -> list[Block]:
    if isinstance(value, list):
        return value
    if value in (None, ""):
        return []
    return [{"kind": "p", "text": str(value), "items": []}]


def _md_escape(text: str) -> str:
    """Markdown body text: user text shows as text (no HTML, no accidental emphasis or tables)."""
    return escape(text)


def _md_join(value: Any, escape: Callable[[str], str], paragraph: str, line: str, bullet: str) -> Markup:
    """Blocks as Markdown: paragraphs joined by `paragraph`, list items by `line`."""
    parts = []
    for b in _as_blocks(value):
        if b["kind"] == "p":
            parts.append(escape(b["text"]))
        else:
            marks = (f"{i}. " if b["kind"] == "ol" else bullet for i in range(1, len(b["items"]) + 1))
            parts.append(line.join(mark + escape(item) for mark, item in zip(marks, b["items"], strict=True)))
    return Markup(paragraph.join(p for p in parts if p))


def md_blocks(value: Any) -> Markup:
    """Blocks as Markdown body text: paragraphs and lists."""
    return _md_join(value, _md_escape, "\n\n", "\n", "- ")


def md_cell(value: Any) -> Markup:
    """Blocks (or a string) as one Markdown table cell; paragraphs and list items kept with <br>."""
    return _md_join(value, cell, "<br><br>", "<br>", "• ")


def html_blocks(value: Any) -> Markup:
    out = []
    for b in _as_blocks(value):
        if b["kind"] == "p":
            out.append(Markup("<p>{}</p>").format(b["text"]))
        else:
            tag = b["kind"]
            items = Markup("").join(Markup("<li>{}</li>").format(i) for i in b["items"])
            out.append(Markup(f"<{tag}>") + items + Markup(f"</{tag}>"))
    return Markup("\n").join(out)


def word_paragraphs(value: Any) -> list[str]:
    return paragraphs(_as_blocks(value))


def word_cell(value: Any) -> Any:
    """Several paragraphs inside one Word table cell, keeping the cell's style."""
    from docxtpl import Listing

    return Listing("\a".join(paragraphs(_as_blocks(value))))


def _luminance(hex_colour: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def text_on(background: Any) -> str:
    """Black or white, whichever contrasts more with a band colour (WCAG relative luminance)."""
    colour = str(background or "")
    if len(colour) != 7 or not colour.startswith("#"):
        return "#000000"
    lum = _luminance(colour)
    return "#000000" if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else "#ffffff"


_FILTERS: dict[str, dict[str, Callable[[Any], Any]]] = {
    "md": {"blocks": md_blocks, "cell": md_cell},
    "html": {"blocks": html_blocks, "text_on": text_on},
    "docx": {"paragraphs": word_paragraphs, "cell": word_cell},
}


def environment(fmt: str) -> SandboxedEnvironment:
    env = LimitedEnvironment(
        undefined=StrictUndefined,
        autoescape=fmt in ("html", "docx"),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(_FILTERS[fmt])
    if fmt == "md":
        # Every {{ value }} in a Markdown template is user text unless a filter made it Markdown.
        env.finalize = _md_finalize
    return env


class _CompiledOnce(LimitedEnvironment):
    """The Word environment, kept for the process: docxtpl hands it each XML part of the template as
    a string to compile, and many reports from one template (ikplan site) compile each part once."""

    _LIMIT = 64

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._compiled: dict[str, Any] = {}

    def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> Any:
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        if source not in self._compiled:
            if len(self._compiled) >= self._LIMIT:
                self._compiled.clear()
            self._compiled[source] = super().from_string(source)
        return self._compiled[source]


_word_environment: _CompiledOnce | None = None


def word_environment() -> SandboxedEnvironment:
    global _word_environment
    if _word_environment is None:
        env = _CompiledOnce(
            undefined=StrictUndefined, autoescape=True, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True
        )
        env.filters.update(_FILTERS["docx"])
        _word_environment = env
    return _word_environment


def _md_finalize(value: Any) -> Any:
    if isinstance(value, str) and not isinstance(value, Markup):
        return _md_escape(value)
    return value


def _template_error(path: Path, exc: Exception) -> IkplanError:
    where = f"{path}"
    if isinstance(exc, TemplateSyntaxError) and exc.lineno:
        where += f":{exc.lineno}"
    message = getattr(exc, "message", None) or str(exc)
    if type(exc).__name__ == "UndefinedError":
        message = f"okänd variabel i mallen: {message}"
    elif type(exc).__name__ == "SecurityError":
        message = f"mallen försöker nå något som inte är tillåtet: {message}"
    return IkplanError(f"mallen {where}: {message}")


def render_text(ctx: dict[str, Any], template: Path, fmt: str) -> str:
    source = read_template(template).decode("utf-8", errors="replace")
    env = environment(fmt)
    # Includes resolve beside the template only, so a kommun's copy of the folder stays whole.
    env.loader = FileSystemLoader(str(template.parent))
    try:
        with time_limit():
            return render_bounded(env.from_string(source), ctx)
    except TemplateError as exc:
        raise _template_error(template, exc) from None
    except Exception as exc:
        raise runtime_error(str(template), exc) from None


def render_docx(ctx: dict[str, Any], template: Path) -> bytes:
    import zipfile

    from docxtpl import DocxTemplate

    from ikplan.reporting.word import finish  # python-docx: loaded only for a Word report

    try:
        tpl = DocxTemplate(io.BytesIO(read_template(template)))
        tpl.init_docx()
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, zipfile.LargeZipFile):
        raise IkplanError(f"kan inte läsa Word-mallen {template}: filen är ingen Word-fil (.docx)") from None
    except Exception:
        raise IkplanError(f"kan inte läsa Word-mallen {template}: filen är ingen giltig Word-fil") from None
    try:
        with time_limit():
            tpl.render(ctx, jinja_env=word_environment(), autoescape=True)
            finish(tpl.docx, ctx)
            buffer = io.BytesIO()
            tpl.save(buffer)
    except TemplateError as exc:
        raise _template_error(template, exc) from None
    except Exception as exc:
        raise runtime_error(str(template), exc) from None
    return buffer.getvalue()
