"""Output of `ikplan score` and `ikplan status`: terminal (rich), Markdown and JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ikplan import jsontext
from ikplan.followup.scoring import HeatMap, ScoredRisk
from ikplan.followup.status import PlanStatus, roll_up
from ikplan.forms.owners import PER_RESPONSIBLE_HEADERS, per_responsible_json, per_responsible_rows
from ikplan.plan.config import colour_hex
from ikplan.plan.types import OUTCOME_WORDS
from ikplan.plan.vocabulary import ActionStatus
from ikplan.reporting.markdown import cell, colour_emoji, table
from ikplan.swedish import capitalize
from ikplan.text import shorten

if TYPE_CHECKING:
    from rich.console import Console

OUTCOME_LABELS = {
    **OUTCOME_WORDS,
    "saknas": "ej rapporterat",
    "resultat_okänt": "rapporterat, resultat okänt",
}


# A terminal table shows at most this many rows, then says how many more there are: rich lays out every
# row (about 4x the Markdown form), and nobody reads 20,000 rows in a terminal. -f md and -f json show all.
TERMINAL_ROWS = 200


def _more(console: Console, total: int, what: str) -> None:
    if total > TERMINAL_ROWS:
        console.print(f"… och {total - TERMINAL_ROWS} {what} till; -f md eller -f json visar alla.")


def _num(value: int | None) -> str:
    return "–" if value is None else str(value)


def _risk_text(s: ScoredRisk) -> str:
    return s.risk.title or s.risk.process or shorten(s.risk.description, 70)


# --- score ----------------------------------------------------------------------------------------


def score_json(scored: list[ScoredRisk]) -> str:
    return jsontext.dumps([s.as_json() for s in scored]) + "\n"


def _score_rows(scored: list[ScoredRisk], several: bool) -> list[list[object]]:
    rows: list[list[object]] = []
    for s in scored:
        row: list[object] = [s.board] if several else []
        row += [
            s.id,
            s.area or "",
            _risk_text(s),
            _num(s.likelihood),
            _num(s.consequence),
            _num(s.value),
            s.band or "",
            "ja" if s.critical else "nej",
        ]
        rows.append(row)
    return rows


def _headers(several: bool, heat: HeatMap | None) -> list[str]:
    axis_l = heat.likelihood_name.capitalize() if heat else "Sannolikhet"
    axis_c = heat.consequence_name.capitalize() if heat else "Konsekvens"
    return (["Nämnd"] if several else []) + ["Id", "Område", "Risk", axis_l, axis_c, "Riskvärde", "Nivå", "Kritisk"]


def heat_markdown(heat: HeatMap, show_ids: bool) -> str:
    m = heat.matrix
    headers = [f"{heat.likelihood_name.capitalize()} \\ {heat.consequence_name}"] + [
        f"{lv.value} {lv.name}" for lv in m.consequence.levels
    ]
    rows = []
    for row in heat.rows:
        label = m.label("likelihood", row[0].likelihood) or ""
        cells: list[object] = [f"{row[0].likelihood} {label}"]
        for c in row:
            content = ", ".join(c.ids) if show_ids else str(len(c.ids))
            cells.append(f"{colour_emoji(c.colour)} {content if c.ids else '·'}")
        rows.append(cells)
    bands = " ".join(f"{colour_emoji(colour_hex(b.colour))} {b.name} {b.low}–{b.high}" for b in m.bands)
    out = (
        table(headers, rows)
        + f"\n{bands + '; ' + m.legend('riskvärde') if bands else capitalize(m.legend('riskvärde'))}.\n"
    )
    if heat.value_only:
        ids = ", ".join(f"{s.id} ({s.value})" for s in heat.value_only)
        out += f"\nRisker med bara riskvärde (utan sannolikhet och konsekvens) syns inte i matrisen: {ids}.\n"
    return out


def score_markdown(scored: list[ScoredRisk], heats: list[HeatMap], several: bool, show_ids: bool) -> str:
    assessed = [s for s in scored if s.assessed]
    pending = [s for s in scored if not s.assessed]
    heat = heats[0] if len(heats) == 1 else None
    out = ["## Riskbedömning\n"]
    if assessed:
        out.append(table(_headers(several, heat), _score_rows(assessed, several)))
    else:
        out.append("Inga bedömda risker.\n")
    if pending:
        out.append("\n### Ej bedömda risker\n")
        rows = [([p.board] if several else []) + [p.id, p.area or "", _risk_text(p)] for p in pending]
        out.append(table((["Nämnd"] if several else []) + ["Id", "Område", "Risk"], rows))
    for h in heats:
        out.append("\n### Riskmatris\n")
        out.append(heat_markdown(h, show_ids))
    return "\n".join(out)


def score_terminal(
    console: Console, scored: list[ScoredRisk], heats: list[HeatMap], several: bool, show_ids: bool
) -> None:
    from rich.table import Table
    from rich.text import Text

    assessed = [s for s in scored if s.assessed]
    pending = [s for s in scored if not s.assessed]
    heat = heats[0] if len(heats) == 1 else None
    headers = _headers(several, heat)
    # Under 100 columns (a pipe or a CI log gets 80) the risk text keeps its room: the axes get
    # their initials, område and nivå go (both are in -f md and json), and a legend explains the letters.
    narrow = console.width < 100
    keep = [i for i, h in enumerate(headers) if not (narrow and h in ("Område", "Nivå"))]
    axis_l, axis_c = headers[-5], headers[-4]
    short = {axis_l: axis_l[:1], axis_c: axis_c[:1], "Riskvärde": "Värde", "Kritisk": "Krit."}
    t = Table(title="Riskbedömning", title_justify="left")
    for i in keep:
        name = headers[i]
        label = short.get(name, name) if narrow else name
        if name == "Risk":
            t.add_column(label, ratio=1, min_width=16 if narrow else 20)
        elif narrow and name in ("Nämnd", "Id"):
            t.add_column(label, max_width=16, overflow="fold")
        else:
            t.add_column(label, justify="right" if name == "Riskvärde" else "left", no_wrap=True, max_width=24)
    shown = assessed[:TERMINAL_ROWS]
    for s, row in zip(shown, _score_rows(shown, several), strict=True):
        cells: list[Any] = [str(v) for v in row]
        band_index = -2
        cells[band_index] = Text(str(row[band_index]), style=f"black on {s.colour}") if s.colour else ""
        if s.critical:
            cells[-1] = Text("ja", style="bold red")
        t.add_row(*[cells[i] for i in keep])
    console.print(t if assessed else "Inga bedömda risker.")
    if assessed and narrow:
        console.print(f"{axis_l[:1]} = {axis_l.lower()}, {axis_c[:1]} = {axis_c.lower()}")
    _more(console, len(assessed), "risker")
    if pending:
        console.print(
            f"\nEj bedömda risker ({len(pending)}): "
            + ", ".join(f"{p.board}: {p.id}" if several else p.id for p in pending)
        )
    for h in heats:
        ht = Table(
            title=f"Riskmatris ({h.likelihood_name} × {h.consequence_name})", title_justify="left", show_lines=True
        )
        ht.add_column(f"{h.likelihood_name} \\ {h.consequence_name}")
        for lv in h.matrix.consequence.levels:
            ht.add_column(f"{lv.value} {lv.name}", justify="center")
        for grid_row in h.rows:
            label = h.matrix.label("likelihood", grid_row[0].likelihood) or ""
            cells = [Text(f"{grid_row[0].likelihood} {label}")]
            for c in grid_row:
                content = ", ".join(c.ids) if show_ids else (str(len(c.ids)) if c.ids else "·")
                cells.append(Text(content, style=f"bold black on {c.colour}"))
            ht.add_row(*cells)
        console.print(ht)
        console.print(
            " ".join(f"[black on {colour_hex(b.colour)}] {b.name} {b.low}–{b.high} [/]" for b in h.matrix.bands)
            + f"  {h.matrix.legend()}"
        )
        if h.value_only:
            ids = ", ".join(f"{s.id} ({s.value})" for s in h.value_only)
            console.print(f"Bara riskvärde, utan plats i matrisen: {ids}")


# --- status ---------------------------------------------------------------------------------------


def status_json(statuses: list[PlanStatus], over_years: list[Any] | None = None) -> str:
    """The status per plan; `över_åren` (new key) holds the plan's IK140/IK141 warnings."""
    data: Any = []
    for s in statuses:
        item = s.as_json()
        item["över_åren"] = [
            {"kod": f.code, "rad": f.line, "kolumn": f.column, "meddelande": f.message}
            for f in over_years or []
            if f.file == s.file
        ]
        item["per_ansvarig"] = per_responsible_json(s)  # answered, missing and overdue per ansvarig
        data.append(item)
    return jsontext.dumps(data) + "\n"


def summary_line(s: PlanStatus) -> str:
    total = s.planned  # the source's count when the plan only states figures, never "7 av 0"
    # a result or a 'följer plan' counts as reported, never "0 av 16 rapporterade. Följer plan: 16 ja"
    reported = s.reported
    parts = [f"{n} {_result_label(s, k)}" for k, n in s.counts.items() if n and k != "saknas"]
    text = f"{reported} av {total} {s.words.control.count(total)} rapporterade"
    text += (": " + ", ".join(parts)) if parts else ""
    fp = s.follows_plan
    if sum(fp.values()):
        text += f". Följer plan: {fp['ja']} ja, {fp['nej']} nej, {fp['saknas']} ej rapporterade"
    words = s.words
    text += f". Försenade {words.action.plural} per {s.as_of.isoformat()}: {len(s.overdue)}."
    acts = s.action_counts
    if acts["totalt"]:
        by_status = [
            f"{acts[status.code]} {words.status_word(status)}"
            for status in (ActionStatus.DONE, ActionStatus.STARTED, ActionStatus.NOT_STARTED)
        ]
        if acts["utan_status"]:
            by_status.append(f"{acts['utan_status']} utan status")
        text += f" {capitalize(words.action.plural)}: {acts['totalt']} ({', '.join(by_status)})."
    if s.other_risks:
        text += f" Övriga risker utan {words.control.plural}: {len(s.other_risks)}."
    return text


def _result_label(s: PlanStatus, code: str) -> str:
    """The kommun's word for a result when its ordlista has one, else ikplan's; for stated figures the
    word the source wrote ("Ingen avvikelse")."""
    word = s.result_word(code)
    if s.from_stated and s.stated is not None:
        words = s.words
        written = next((w for w in s.stated.results if getattr(words.read_outcome(w), "code", None) == code), None)
        word = words.outcome_word(code, written) if written else word
    return word if word != code else OUTCOME_LABELS[code]


def _actions_cell(actions: list[Any]) -> str:
    """'0', '2', '1 försenad', '3, varav 2 försenade'."""
    overdue = sum(1 for a in actions if a.overdue)
    if not overdue:
        return str(len(actions))
    late = "försenad" if overdue == 1 else "försenade"
    return f"{overdue} {late}" if overdue == len(actions) else f"{len(actions)}, varav {overdue} {late}"


def _follows_cell(i: Any) -> str:
    """Följer plan as the plan says it; 'saknas' only where it is asked for (a critical risk)."""
    if i.follows_plan_code != "saknas":
        return str(i.follows_plan_code)
    return "saknas" if i.kind == "risk" and i.critical else ""


def _item_rows(s: PlanStatus) -> list[list[object]]:
    rows: list[list[object]] = []
    for i in s.controls + s.critical_risks + s.other_risks:
        result = i.outcome_word or OUTCOME_LABELS["saknas"] if i.kind == "kontrollmoment" else i.outcome_word
        rows.append(
            [
                i.label,
                (
                    i.control.responsible
                    if i.control
                    else ", ".join(dict.fromkeys(a.owner for a in i.actions if a.owner))
                )
                or "",
                result,
                _follows_cell(i),
                _actions_cell(i.actions),
            ]
        )
    return rows


def _item_headers(s: PlanStatus) -> list[str]:
    words = s.words
    return [
        f"{capitalize(words.control.singular)} / kritisk risk",
        "Ansvarig",
        "Resultat",
        "Följer plan",
        capitalize(words.action.plural),
    ]


def _overdue_rows(s: PlanStatus) -> list[list[object]]:
    return [
        [
            a.subject,
            shorten(a.action.description, 80),
            a.owner or "",
            str(a.action.deadline),
            a.status_word or "ej angiven",
        ]
        for a in s.overdue
    ]


def _overdue_headers(s: PlanStatus) -> list[str]:
    return ["Gäller", capitalize(s.words.action.singular), "Ansvarig", "Slutdatum", "Status"]


def _overdue_title(s: PlanStatus) -> str:
    return f"Försenade {s.words.action.plural} per {s.as_of.isoformat()}"


def status_markdown(statuses: list[PlanStatus]) -> str:
    out = []
    for s in statuses:
        out.append(f"## {cell(s.plan.board)} {s.plan.year}: uppföljning {cell(s.period.name.lower())}\n")
        out.append(f"{cell(s.file)}. {cell(summary_line(s))}\n")
        out.append(table(_item_headers(s), _item_rows(s)))
        if s.overdue:
            out.append(f"\n**{_overdue_title(s)}**\n")
            out.append(table(_overdue_headers(s), _overdue_rows(s)))
        out.append("\n**Per ansvarig**\n")
        out.append(table(PER_RESPONSIBLE_HEADERS, per_responsible_rows(s)))
        out.append("")
    if len(statuses) > 1:
        out.append("## Sammanställning per nämnd\n")
        out.append(table(*_rollup_table(statuses)))
    return "\n".join(out)


def _lines(items: list[str], width: int, indent: str) -> str:
    """Items joined by commas on lines of at most `width`, broken between items only ('ej genomförd 0'
    stays whole), which rich would otherwise wrap inside a word group."""
    lines: list[str] = []
    current = indent
    for n, item in enumerate(items):
        piece = item + ("," if n < len(items) - 1 else "")
        if current.strip() and len(current) + 1 + len(piece) > width:
            lines.append(current)
            current = indent + piece
        else:
            current = f"{current} {piece}" if current.strip() else current + piece
    lines.append(current)
    return "\n".join(lines)


def _rollup_codes(rolled: list[dict[str, Any]]) -> list[str]:
    """The result columns: the four of schemaversion 1 and 'ej rapporterade' always, the 'utförd' ones
    only when some plan uses them, so a v1 table keeps its columns."""
    return [k for k in OUTCOME_LABELS if any(k in r["counts"] for r in rolled)]


def _rollup_label(words: Any, code: str) -> str:
    return "ej rapporterat" if code == "saknas" else str(words.outcome_word(code))


def _shared_words(statuses: list[PlanStatus]) -> Any:
    """The words of a roll-up: the kommun's when every plan shares them, else ikplan's own (plans of
    several kommuner have no one word for a result)."""
    from ikplan.plan.vocabulary import DEFAULT_WORDS

    first = statuses[0].words
    return first if all(s.words == first for s in statuses) else DEFAULT_WORDS


def _rollup_table(statuses: list[PlanStatus]) -> tuple[list[str], list[list[object]]]:
    rolled = roll_up(statuses)
    codes = _rollup_codes(rolled)
    words = _shared_words(statuses)
    headers = [
        "Nämnd",
        "Planer",
        capitalize(words.control.plural),
        *[capitalize(_rollup_label(words, k)) for k in codes],
        "Följer plan ja/nej/saknas",
        f"Försenade {words.action.plural}",
    ]
    rows: list[list[object]] = []
    for r in rolled:
        fp = r["följer_plan"]
        rows.append(
            [
                r["nämnd"],
                r["planer"],
                r["kontrollmoment"],
                *[r["counts"].get(k, 0) for k in codes],
                f"{fp['ja']}/{fp['nej']}/{fp['saknas']}",
                r["försenade_åtgärder"],
            ]
        )
    return headers, rows


def status_terminal(console: Console, statuses: list[PlanStatus]) -> None:
    from rich.table import Table
    from rich.text import Text

    styles = {
        "utan_anmärkning": "green",
        "utförd": "green",
        "mindre_anmärkning": "yellow",
        "utförd_med_avvikelse": "yellow",
        "väsentlig_anmärkning": "red",
        "ej_genomförd": "red",
        "saknas": "bold red",
    }
    for s in statuses:
        t = Table(
            title=f"{s.plan.board} {s.plan.year}: uppföljning {s.period.name.lower()} ({s.file})",
            title_justify="left",
            expand=True,  # the ratios below share the width out
        )
        # what is followed up gets the room: at 80 columns "kontrollmoment 1 (utbetalningar)" on one line,
        # the short ja/nej and counts beside it
        for h, ratio in zip(_item_headers(s), (6, 4, 4, 2, 3), strict=True):
            t.add_column(h, ratio=ratio)
        rows = _item_rows(s)
        items = s.controls + s.critical_risks + s.other_risks
        for item, row in list(zip(items, rows, strict=True))[:TERMINAL_ROWS]:
            result = str(row[2])
            t.add_row(
                *[str(v) for v in row[:2]],
                Text(result, style=styles.get(item.outcome_code, "")) if result else "",
                *[str(v) for v in row[3:]],
            )
        console.print(t)
        _more(console, len(rows), "rader")
        console.print(summary_line(s))
        if s.overdue:
            ot = Table(title=_overdue_title(s), title_justify="left")
            for h in _overdue_headers(s):
                ot.add_column(h)
            overdue_rows = _overdue_rows(s)
            for row in overdue_rows[:TERMINAL_ROWS]:
                ot.add_row(*[str(v) for v in row])
            console.print(ot)
            _more(console, len(overdue_rows), "försenade åtgärder")
        people = Table(title="Per ansvarig", title_justify="left")
        for h in PER_RESPONSIBLE_HEADERS:
            people.add_column(h)
        person_rows = per_responsible_rows(s)
        for row in person_rows[:TERMINAL_ROWS]:
            people.add_row(*[str(v) for v in row])
        console.print(people)
        _more(console, len(person_rows), "ansvariga")
        console.print()
    if len(statuses) > 1 and console.width < 170:
        # Ten number columns do not fit a narrow terminal: one short block per nämnd instead.
        console.print("Sammanställning per nämnd", style="bold", highlight=False)
        words = _shared_words(statuses)
        for r in roll_up(statuses):
            c, fp = r["counts"], r["följer_plan"]
            figures = [f"{_rollup_label(words, k)} {c.get(k, 0)}" for k in _rollup_codes([r])]
            results = _lines(figures, console.width, "  ")
            console.print(
                f"{r['nämnd']}: {r['kontrollmoment']} {words.control.count(r['kontrollmoment'])} i {r['planer']} "
                f"{'plan' if r['planer'] == 1 else 'planer'}\n"
                f"{results}\n"
                f"  följer plan: {fp['ja']} ja, {fp['nej']} nej"
                + (f", {fp['delvis']} delvis" if fp.get("delvis") else "")
                + f", {fp['saknas']} saknas; försenade {words.action.plural} {r['försenade_åtgärder']}",
                highlight=False,
            )
    elif len(statuses) > 1:
        headers, rows = _rollup_table(statuses)
        rt = Table(title="Sammanställning per nämnd", title_justify="left")
        for h in headers:
            if h == "Nämnd":
                rt.add_column(h, min_width=max(len(str(r[0])) for r in rows))
            else:
                rt.add_column(h, justify="right")
        for row in rows:
            rt.add_row(*[str(v) for v in row])
        console.print(rt)


def kommun_text(ctx: dict[str, Any]) -> str:
    """The sammanställning for a terminal (its layout lives with its context, in the kommun's words)."""
    from ikplan.reporting.kommun_context import summary_text

    return summary_text(ctx)
