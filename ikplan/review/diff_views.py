"""Output of `ikplan diff`: terminal (rich), Markdown for a pull-request comment, JSON."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from ikplan.reporting.markdown import cell
from ikplan.review.diff import EntityChange, FieldChange, PlanDiff
from ikplan.text import shorten, shorten_words

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
    unreadable = sum(1 for d in diffs if d.trouble)
    if unreadable:
        what = "1 plan går" if unreadable == 1 else f"{unreadable} planer går"
        return f"{files}; {what} inte att läsa, så om ändringen kräver nytt beslut går inte att avgöra."
    verdict = "kräver nytt beslut i nämnden" if material else "kräver inget nytt beslut i nämnden"
    return f"{files}; {verdict}."


def _heading(e: EntityChange) -> str:
    title = _KIND_TITLES[e.kind] + (f" {e.id}" if e.id else "")
    if e.title:
        title += f": {e.title}"
    status = {"ny": "ny", "borttagen": "borttagen", "ändrad": "ändrad"}[e.status]
    extra = f" – {', '.join(e.notes)}" if e.notes else ""
    kinds = {f.material for f in e.fields}
    if e.status == "ändrad" and len(kinds) == 2:
        kind = "väsentlig och redaktionell, se varje fält"
    else:
        kind = "väsentlig" if e.material else "redaktionell"
    return f"{title} ({status}, {kind}){extra}"


def markdown(diffs: list[PlanDiff], label: str) -> str:
    head = [f"**ikplan diff** {label}: {overall(diffs)}", ""]
    for d in diffs:
        head.append(f"- {path_md(d.name)}: {d.summary()}")
    head.append("")
    body: list[str] = []
    omitted: list[str] = []
    size = sum(len(x) + 1 for x in head)
    for d in diffs:
        part = [f"### {path_md(d.name)}", "", d.summary(), ""]
        for e in d.entities:
            block = _entity_md(e)
            if size + sum(len(x) + 1 for x in part) + len(block) > COMMENT_LIMIT:
                omitted.append(f"{d.name}: " + _KIND_TITLES[e.kind] + (f" {e.id}" if e.id else ""))
                continue
            part.append(block)
        body += part
        size += sum(len(x) + 1 for x in part)
    if omitted:
        # what the comment leaves out, named (at most 40 names: the rest of GitHub's 65,536 characters)
        named = ", ".join(cell(shorten_words(x, 80)) for x in omitted[:40])
        more = f" och {len(omitted) - 40} till" if len(omitted) > 40 else ""
        body.append(
            f"*{len(omitted)} ändringar får inte plats i kommentaren (GitHub tar högst 65 536 tecken)"
            f" och visas inte här: {named}{more}. Kör `ikplan diff` lokalt för allt.*"
        )
    return "\n".join(head + body) + "\n"


def path_md(name: str) -> str:
    """A file name as a Markdown code span that shows exactly that name: a name is the author's
    choice, and a crafted one (newlines, backticks, bidi controls) must not end the span and hide or
    rewrite the rest of a pull-request comment."""
    shown = "".join(
        ch if ch.isprintable() else (f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}") for ch in name
    )
    longest = max((len(run) for run in re.findall("`+", shown)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if shown.startswith("`") or shown.endswith("`") else ""
    return f"{fence}{pad}{shown}{pad}{fence}"


def _entity_md(e: EntityChange) -> str:
    lines = [f"#### {cell(_heading(e))}", ""]
    if e.fields:
        details = []
        lines += ["| Fält | Slag | Före | Efter |", "|---|---|---|---|"]
        for f in e.fields:
            before, after = _show(f.shown_before), _show(f.shown_after)
            mark = "väsentlig" if f.material else "redaktionell"
            if len(before) > LONG or len(after) > LONG:
                details.append(
                    f"<details><summary>{cell(f.field)}: hela texterna</summary>\n\n**Före**\n\n{_quote(before)}"
                    f"\n\n**Efter**\n\n{_quote(after)}\n\n</details>"
                )
                lines.append(f"| {cell(f.field)} | {mark} | {word_diff(before, after)} | *hela texterna nedan* |")
            else:
                lines.append(f"| {cell(f.field)} | {mark} | {cell(before)} | {cell(after)} |")
        lines.append("")
        lines += details
        if details:
            lines.append("")
    return "\n".join(lines) + "\n"


def word_diff(before: str, after: str, context: int = 6) -> str:
    """Only the changed words of two long texts, as Markdown: ~~removed~~ **added**, with at most
    `context` unchanged words either side of a change and '…' for the rest."""
    import difflib

    old, new = before.split(), after.split()
    out: list[str] = []
    ops = difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes()
    if all(op[0] == "equal" for op in ops):
        return "*(bara blanksteg ändrade)*"
    for n, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag == "equal":
            words = old[i1:i2]
            head = words[:context] if n > 0 else []
            tail = words[-context:] if n < len(ops) - 1 else []
            if len(words) > len(head) + len(tail):
                out += [cell(" ".join(head))] if head else []
                out.append("…")
                out += [cell(" ".join(tail))] if tail else []
            else:
                out.append(cell(" ".join(words)))
            continue
        if i2 > i1:
            out.append(f"~~{cell(' '.join(old[i1:i2]))}~~")
        if j2 > j1:
            out.append(f"**{cell(' '.join(new[j1:j2]))}**")
    return " ".join(x for x in out if x)


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
                "bytt_namn_från": d.renamed_from,
                "ändringar": [
                    {
                        "typ": e.kind,
                        "id": e.id,
                        "status": e.status,
                        "titel": e.title,
                        "väsentlig": e.material,
                        "noteringar": e.notes,
                        "fält": [_field_json(f) for f in e.fields],
                    }
                    for e in d.entities
                ],
            }
        )
    return json.dumps(rows, ensure_ascii=False, indent=2, default=str) + "\n"


def _field_json(f: FieldChange) -> dict[str, Any]:
    """A changed field: ikplan's value under "före"/"efter" for programs that compare across kommuner
    (as status's "resultat" beside "resultat_ord"), and where the value is one the kommun names in its own
    words (a result, a status, a val av hantering) also the word a person reads, under "före_ord"/"efter_ord"."""
    out: dict[str, Any] = {"fält": f.field, "före": f.before, "efter": f.after, "väsentlig": f.material}
    if f.before_word is not None or f.after_word is not None:
        out["före_ord"], out["efter_ord"] = f.before_word, f.after_word
    return out


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
                        escape(f.field),
                        escape(shorten(_show(f.shown_before), 300)),
                        escape(shorten(_show(f.shown_after), 300)),
                    )
                console.print(t)
