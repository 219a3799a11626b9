"""Output of `ikplan diff`: terminal (rich), Markdown for a pull-request comment, JSON."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ikplan.reporting.markdown import cell
from ikplan.review.diff import EntityChange, PlanDiff
from ikplan.text import shorten

if TYPE_CHECKING:
    from rich.console import Console

COMMENT_LIMIT = 60_000  # GitHub allows 65,536 characters in a comment; GitLab more
LONG = 120

_KIND_TITLES = {
    "plan": "Planuppgifter",
    "riskmatris": "Riskmatris",
    "område": "Område",
    "risk": "Risk",
    "rapport": "Rapporttexter",
}


def _show(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def overall(diffs: list[PlanDiff]) -> str:
    if not diffs:
        return "Inga ändringar i planerna."
    material = any(d.material for d in diffs)
    n = len(diffs)
    files = "1 plan ändrad" if n == 1 else f"{n} planer ändrade"
    verdict = "kräver nytt beslut i nämnden" if material else "kräver inget nytt beslut i nämnden"
    return f"{files}; {verdict}."


def _heading(e: EntityChange) -> str:
    title = _KIND_TITLES[e.kind] + (f" {e.id}" if e.id else "")
    if e.title:
        title += f": {e.title}"
    status = {"ny": "ny", "borttagen": "borttagen", "ändrad": "ändrad"}[e.status]
    extra = f" – {', '.join(e.notes)}" if e.notes else ""
    kind = "väsentlig" if e.material else "redaktionell"
    return f"{title} ({status}, {kind}){extra}"


def markdown(diffs: list[PlanDiff], label: str) -> str:
    head = [f"**ikplan diff** {label}: {overall(diffs)}", ""]
    for d in diffs:
        head.append(f"- `{d.name}`: {d.summary()}")
    head.append("")
    body: list[str] = []
    omitted = 0
    size = sum(len(x) + 1 for x in head)
    for d in diffs:
        part = [f"### `{d.name}`", "", d.summary(), ""]
        for e in d.entities:
            block = _entity_md(e)
            if size + sum(len(x) + 1 for x in part) + len(block) > COMMENT_LIMIT:
                omitted += 1
                continue
            part.append(block)
        body += part
        size += sum(len(x) + 1 for x in part)
    if omitted:
        body.append(
            f"*{omitted} fler ändringar visas inte här (en kommentar har en största längd); kör `ikplan diff` lokalt.*"
        )
    return "\n".join(head + body) + "\n"


def _entity_md(e: EntityChange) -> str:
    lines = [f"#### {cell(_heading(e))}", ""]
    if e.fields:
        details = []
        lines += ["| Fält | Före | Efter |", "|---|---|---|"]
        for f in e.fields:
            before, after = _show(f.before), _show(f.after)
            if len(before) > LONG or len(after) > LONG:
                details.append(
                    f"<details><summary>{cell(f.field)}</summary>\n\n**Före**\n\n{_quote(before)}\n\n**Efter**\n\n{_quote(after)}\n\n</details>"
                )
                lines.append(f"| {cell(f.field)} | *lång text, se nedan* | *lång text, se nedan* |")
            else:
                lines.append(f"| {cell(f.field)} | {cell(before)} | {cell(after)} |")
        lines.append("")
        lines += details
        if details:
            lines.append("")
    return "\n".join(lines) + "\n"


def _quote(text: str) -> str:
    return "\n".join("> " + cell(line) if line.strip() else ">" for line in text.splitlines())


def as_json(diffs: list[PlanDiff]) -> str:
    rows = []
    for d in diffs:
        rows.append(
            {
                "plan": d.name,
                "sammanfattning": d.summary(),
                "kräver_beslut": d.material,
                "fel_före": d.before_error if d.before_error != "finns inte" else None,
                "fel_efter": d.after_error if d.after_error != "finns inte" else None,
                "ny_plan": d.before_error == "finns inte",
                "borttagen_plan": d.after_error == "finns inte",
                "ändringar": [
                    {
                        "typ": e.kind,
                        "id": e.id,
                        "status": e.status,
                        "titel": e.title,
                        "väsentlig": e.material,
                        "noteringar": e.notes,
                        "fält": [
                            {"fält": f.field, "före": f.before, "efter": f.after, "väsentlig": f.material}
                            for f in e.fields
                        ],
                    }
                    for e in d.entities
                ],
            }
        )
    return json.dumps(rows, ensure_ascii=False, indent=2, default=str) + "\n"


def terminal(console: Console, diffs: list[PlanDiff], label: str) -> None:
    from rich.markup import escape
    from rich.table import Table

    console.print(f"[bold]ikplan diff[/bold] {escape(label)}: {escape(overall(diffs))}")
    for d in diffs:
        console.print(f"\n[bold]{escape(d.name)}[/bold]: {escape(d.summary())}")
        for e in d.entities:
            colour = {"ny": "green", "borttagen": "red", "ändrad": "yellow"}[e.status]
            console.print(f"  [{colour}]{escape(_heading(e))}[/{colour}]")
            if e.fields:
                t = Table(show_header=True, box=None, padding=(0, 2))
                t.add_column("Fält")
                t.add_column("Före", overflow="fold")
                t.add_column("Efter", overflow="fold")
                for f in e.fields:
                    t.add_row(
                        escape(f.field), escape(shorten(_show(f.before), 300)), escape(shorten(_show(f.after), 300))
                    )
                console.print(t)
