"""The context of Kommunstyrelsen's sammanställning: numbers, tables and Swedish sentences.

One builder for every format (text, md, html, pdf, docx, json's sentences), as for a nämnd's report.
Every figure is read from each plan's PlanStatus (through followup/kommun.py), and every word is the
kommun's: its results, statuses, nouns for a kontrollmoment and an åtgärd, its name for riskvärde and
the matrix's axes. Numbers are words up to twelve, as Swedish prose writes them, and one sentence does
not mix words and digits ("Av 64 planerade kontrollmoment har 8 genomförts", not "... åtta ..."),
except that a sentence never starts with a digit ("Tretton av 20 nämnder ...", `sentence_number`).
"""

from __future__ import annotations

from typing import Any

from ikplan.checking.validate import Checked
from ikplan.followup.kommun import BoardRow, Summary
from ikplan.followup.memo import get as memo_get
from ikplan.followup.scoring import score_plan
from ikplan.followup.status import UNKNOWN_RESULT, ItemStatus
from ikplan.plan.vocabulary import OUTCOME_BY_CODE, Handling, Noun, Outcome, Words, is_deficiency
from ikplan.reporting.context import SECRET_NOTE, heat_context
from ikplan.swedish import capitalize, join, long_date, number, plural, sentence_number

NOT_REPORTED = "ej rapporterad"
PUBLIC_NOTE = "Offentlig version: uppgifter som omfattas av sekretess är utelämnade."
NOT_IN_PLAN = "ingår inte i planen"
# The result columns of the table per nämnd with ikplan's headings; the "utförd" ones only when some
# plan has them (as in `ikplan status`).
_COLUMNS = {
    "utan_anmärkning": "Utan anmärkning",
    "mindre_anmärkning": "Mindre anmärkning",
    "väsentlig_anmärkning": "Väsentlig anmärkning",
    "ej_genomförd": "Ej genomförda",
    "utförd": "Utförda",
    "utförd_med_avvikelse": "Utförda med avvikelse",
}
# How the first sentence on controls names a result in ikplan's words ("fem utan anmärkning").
_PARTS = {
    "utan_anmärkning": "utan anmärkning",
    "mindre_anmärkning": "med anmärkning",
    "väsentlig_anmärkning": "med anmärkning",
    "utförd": "utan avvikelse",
    "utförd_med_avvikelse": "med avvikelse",
}
# A brist in ikplan's words, as the sentence on a critical risk says it.
_CANONICAL_RESULT = {
    Outcome.MINOR_REMARK.value: "Granskningen är gjord med mindre anmärkning",
    Outcome.MAJOR_REMARK.value: "Granskningen är gjord med väsentlig anmärkning",
    Outcome.NOT_DONE.value: "Granskningen är inte genomförd",
    Outcome.PERFORMED_DEVIATION.value: "Kontrollen är utförd med avvikelse",
}


def numbers(*values: int, neuter: bool = True) -> list[str]:
    """The values as words when all are at most twelve, else all as digits."""
    if all(0 <= v <= 12 for v in values):
        return [number(v, neuter) for v in values]
    return [str(v) for v in values]


def is_neuter(noun: Noun) -> bool:
    """Whether the kommun's noun is an ett-word (ett kontrollmoment, ett uppdrag; en granskning, en
    åtgärd): the nouns kommuner use that take ett end like these."""
    return noun.singular.lower().endswith(("ment", "drag", "mål", "tal", "arbete"))


def definite_plural(noun: Noun) -> str:
    """'kontrollmomenten', 'granskningarna', 'åtgärderna', 'uppdragen'."""
    word = noun.plural
    if " " in word.strip():
        return word
    return word + ("en" if word == noun.singular else "na")


def own_word(words: Words, code: str) -> str | None:
    """The kommun's own word for a result (its ordlista), None when it uses ikplan's."""
    outcome = OUTCOME_BY_CODE.get(code)
    if outcome is None:
        return None
    word = words.outcome_word(outcome)
    return None if word == outcome.value else word


def _lower_first(name: str) -> str:
    """'Tertial 2' → 'tertial 2'; an abbreviation ('T2') keeps its capitals."""
    return name[:1].lower() + name[1:] if name[1:2].islower() or name[1:2] in (" ", "") else name


def period_per(name: str) -> str:
    """'per tertial 2', 'per helår': the period as the decision names it."""
    return f"per {_lower_first(name.strip())}"


def period_phrase(name: str) -> str:
    """'helårsuppföljningen', 'delårsuppföljningen'; 'uppföljningen per tertial 2' for a period whose
    name does not make a compound (a number, several words, not ending in -år)."""
    word = _lower_first(name.strip())
    if word.isalpha() and word.endswith("år"):
        return f"{word}suppföljningen"
    return f"uppföljningen {period_per(name)}"


def board_abbreviation(board: str) -> str:
    """'Vård- och omsorgsnämnden' → 'VON', 'Kommunstyrelsen' → 'KS', 'Tekniska nämnden' → 'TN': the
    initials kommuner use, one for each part of a compound that ends in nämnden or styrelsen."""
    letters = []
    for part in board.replace("-", " ").split():
        low = part.lower()
        if low in ("och", "för", "i", "av"):
            continue
        head = next((low[: -len(t)] for t in ("nämnden", "styrelsen", "nämnd", "styrelse") if low.endswith(t)), None)
        if head is None:
            letters.append(part[0].upper())
        else:
            if head:
                letters.append(head[0].upper())
            letters.append("S" if "styrelse" in low[len(head) :] else "N")
    return "".join(letters) or board


def period_sentences(s: Summary) -> list[str]:
    """Which follow-up the sammanställning holds, and the day its åtgärder are judged on."""
    return [
        f"Sammanställningen gäller uppföljningen {period_per(s.period_name)} av nämndernas internkontrollplaner "
        f"för {s.year}, med läget per {long_date(s.as_of)}."
    ]


def reporting_sentences(s: Summary) -> list[str]:
    """Who has reported: the nämnder, then the kommunala bolagen apart (their styrelser report to KS too)."""
    out: list[str] = []
    for kind, kinds, definite in (("nämnd", "nämnder", "nämnderna"), ("bolag", "bolag", "bolagen")):
        rows = [r for r in s.rows if s.kind(r.board) == kind]
        total = len(rows) + sum(1 for b in s.missing_plan if s.kind(b) == kind)
        reported = sum(1 for r in rows if r.reported)
        if not total:
            continue
        if total == 1 and reported == 1:
            out.append(f"{rows[0].board} har rapporterat uppföljningen av sin internkontrollplan för {s.year}.")
        elif reported == total:
            out.append(
                f"Samtliga {numbers(total, neuter=kind == 'bolag')[0]} {kinds} har rapporterat uppföljningen av "
                f"sin internkontrollplan för {s.year}."
            )
        elif reported == 0 and total > 1:
            out.append(
                f"Ingen av de {numbers(total, neuter=kind == 'bolag')[0]} {definite} har rapporterat uppföljningen "
                f"av sin internkontrollplan för {s.year}."
            )
        elif total > 1:
            t = numbers(reported, total, neuter=kind == "bolag")[1]
            out.append(
                f"{sentence_number(reported, neuter=kind == 'bolag')} av {t} {kinds} har rapporterat uppföljningen "
                f"av sin internkontrollplan för {s.year}."
            )
    # one nämnd that has not reported: the next sentence names it
    if s.not_reported:
        out.append(f"{join(s.not_reported)} har inte rapporterat {period_phrase(s.period_name)}.")
    if s.missing_plan:
        out.append(f"{join(s.missing_plan)} saknar internkontrollplan för {s.year}.")
    for board, n, total in s.stated_boards:
        said = numbers(n, total, neuter=False)
        out.append(f"Enligt underlaget från {board} har {said[0]} av {said[1]} nämnder avrapporterat.")
    from_stated = [r.board for r in s.rows if r.status.from_stated]
    if from_stated:
        out.append(
            f"För {join(from_stated)} är talen de antal som underlaget redovisar; de enskilda "
            f"{definite_plural(s.words.control)} finns inte i planen."
        )
    return out


def control_sentences(s: Summary) -> list[str]:
    """'Av elva planerade kontrollmoment har åtta genomförts, fem utan anmärkning och tre med anmärkning.'
    Every figure is PlanStatus's: counts, utförda (ItemStatus.performed) and rapporterade."""
    c, words = s.totals, s.words
    noun = words.control
    neuter = is_neuter(noun)
    if not s.planned:
        return [f"Ingen nämnd har {noun.plural} i sin plan för året."]
    # (count, how the sentence names it): ikplan's words merge the two anmärkningar ("tre med
    # anmärkning"); a kommun's own word is named as it is ("två med resultatet ”Godkänd med brister”").
    parts: list[tuple[int, str]] = []
    for code in _PARTS:
        n = c.get(code, 0)
        if not n:
            continue
        word = own_word(words, code)
        if word is not None:
            parts.append((n, f"med resultatet ”{word}”"))
            continue
        same = next((i for i, (_, p) in enumerate(parts) if p == _PARTS[code]), None)
        if same is None:
            parts.append((n, _PARTS[code]))
        else:
            parts[same] = (parts[same][0] + n, _PARTS[code])
    # Performed without a result: a follow-up that says only 'följer plan: ja'.
    by_plan = s.performed - sum(c.get(code, 0) for code in _PARTS)
    # performed as the source states, with no result given (a stated count, or 'rapporterad: ja')
    unknown = min(c.get(UNKNOWN_RESULT, 0), max(by_plan, 0))
    if unknown:
        parts.append((unknown, "utan redovisat resultat"))
        by_plan -= unknown
    if by_plan > 0:
        parts.append((by_plan, "som följer plan"))
    figures = numbers(s.planned, s.performed, *(n for n, _ in parts), neuter=neuter)
    planned, performed, shares = figures[0], figures[1], figures[2:]
    if s.performed == 0:  # "har inget genomförts", never "har noll genomförts"
        performed = "inget" if neuter else "ingen"
    what = f"planerat {noun.singular}" if s.planned == 1 else f"planerade {noun.plural}"
    first = f"Av {planned} {what} har {performed} genomförts"
    listed = [f"{share} {text}" for share, (_, text) in zip(shares, parts, strict=True)]
    out = [first + (f", {join(listed)}." if listed else ".")]
    not_done, missing = c.get("ej_genomförd", 0), s.not_reported_controls
    rest: list[tuple[int, str]] = []
    if not_done:
        word = own_word(words, "ej_genomförd")
        verb = f"har resultatet ”{word}”" if word else "har inte genomförts"
        rest.append((not_done, f"{noun.count(not_done)} {verb}"))
    if missing:
        rest.append((missing, "har inte rapporterats"))  # alone too: the sentence before names the noun
    if rest:
        texts = numbers(*(n for n, _ in rest), neuter=neuter)
        head = sentence_number(rest[0][0], neuter)
        phrases = [f"{head} {rest[0][1]}", *[f"{t} {p}" for t, (_, p) in zip(texts[1:], rest[1:], strict=True)]]
        out.append(join(phrases) + ".")
    return out


def _item_name(board: str, row: BoardRow | None, i: ItemStatus) -> str:
    """'Kultur- och fritidsnämnden (Trygghet i lokalerna)', 'Vård- och omsorgsnämnden (kontrollmoment 2, attest)'."""
    if i.control is None:
        return f"{board} ({i.label})"
    noun = (row.words if row else Words()).control.singular
    ref = f"{noun} {i.control.number if i.control.number is not None else i.control.id}"
    return f"{board} ({ref}, {i.control.name})" if i.control.name else f"{board} ({ref})"


def _critical_state(i: ItemStatus) -> str:
    """ok, nej, delvis, brist or saknas: 'följer plan' where the follow-up says it, else the result."""
    if i.follows_plan_code != "saknas":
        return "ok" if i.follows_plan_code == "ja" else i.follows_plan_code
    f = i.follow_up
    if i.kind == "kontrollmoment" and f is not None and f.outcome is not None:
        return "brist" if is_deficiency(f.outcome) else "ok"
    return "saknas"


def critical_sentences(s: Summary) -> list[str]:
    """The critical risks of all nämnder: how many, and how each one's follow-up went. A risk is counted
    once however many kontrollmoment it has; it is handled according to plan when every follow-up of it
    says 'följer plan: ja' or its kontrollmoment were performed without a brist."""
    if not s.critical:
        return []
    by_board = {r.board: r for r in s.rows}
    risks: dict[tuple[str, int], list[ItemStatus]] = {}
    for b, i in s.critical:
        risks.setdefault((b, id(i.risk)), []).append(i)
    n = len(risks)
    ok = sum(1 for items in risks.values() if all(_critical_state(i) == "ok" for i in items))
    missing = sum(1 for items in risks.values() if all(_critical_state(i) == "saknas" for i in items))
    out = [
        f"I kommunen finns {numbers(n, neuter=False)[0]} {plural(n, 'kritisk risk', 'kritiska risker')} "
        "i nämndernas planer."
    ]
    if ok == n:
        out.append("Samtliga kritiska risker har hanterats enligt plan." if n > 1 else "Den har hanterats enligt plan.")
        return out
    if missing == n:
        out.append("Uppföljningen av den saknas ännu." if n == 1 else "Uppföljningen av dem saknas ännu.")
        return out
    if ok:
        out.append(f"{sentence_number(ok, neuter=False)} av dem har hanterats enligt plan.")
    states: dict[str, list[str]] = {}
    results: dict[tuple[str, bool], list[str]] = {}  # (the word shown, whether it is the kommun's own)
    for b, i in s.critical:
        state = _critical_state(i)
        name = _item_name(b, by_board.get(b), i)
        if state == "brist":
            row = by_board.get(b)
            assert i.follow_up is not None and i.follow_up.outcome is not None
            outcome = i.follow_up.outcome
            word = (row.words if row else Words()).outcome_word(outcome, i.follow_up.outcome_written)
            results.setdefault((word, word != outcome.value), []).append(name)
        elif state != "ok":
            states.setdefault(state, []).append(name)
    if states.get("nej"):
        out.append(f"Hanteringen följer inte planen för {join(states['nej'])}.")
    if states.get("delvis"):
        out.append(f"Hanteringen följer delvis planen för {join(states['delvis'])}.")
    for (word, own), names in results.items():
        if own:
            out.append(f"Resultatet är ”{word}” för {join(names)}.")
        else:
            out.append(f"{_CANONICAL_RESULT[word]} för {join(names)}.")
    if states.get("saknas"):
        out.append(f"Uppföljning saknas ännu för {join(states['saknas'])}.")
    return out


def recurring_sentences(s: Summary) -> list[str]:
    out = []
    if s.recurring:
        n = len(s.recurring)
        items = [f"{r.label} hos {r.board}" for r in s.recurring]
        out.append(
            f"{sentence_number(n, neuter=False)} {plural(n, 'brist återkommer', 'brister återkommer')} "
            f"från {s.year - 1}: {join(items)}."
        )
    if s.carried:
        n = len(s.carried)
        noun = s.words.action
        done = "genomfört" if is_neuter(noun) else "genomförd"
        out.append(
            f"{sentence_number(n, neuter=is_neuter(noun))} {noun.count(n)} som beslutades ett tidigare "
            f"år är ännu inte {plural(n, done, 'genomförda')}."
        )
    return out


def board_labels(boards: list[str]) -> dict[str, str]:
    """Each nämnd's short name for the matrix; the full name where two would share one."""
    short = {b: board_abbreviation(b) for b in boards}
    taken = [a for a in short.values()]
    return {b: a if taken.count(a) == 1 else b for b, a in short.items()}


def _qualified(label: str, risk_id: str) -> str:
    """'VON 3.8'; an id that already starts with the nämnd's letters stays as it is ('SN-boende')."""
    return risk_id if risk_id.upper().startswith(label.upper()) and label.isupper() else f"{label} {risk_id}"


def _heat(plans: list[Checked], s: Summary) -> dict[str, Any]:
    """One heat map when every nämnd's plan uses the same matrix; otherwise why there is none.

    With several nämnder an id alone says nothing (R8 of which nämnd?): each is prefixed by its
    nämnd's short name, with the names in a legend. `text` is the matrix as sentences, for whoever
    cannot see a coloured table (screen readers, a docx read aloud)."""
    chosen = {r.file for r in s.rows}
    used = [c for c in plans if c.file in chosen and c.settings is not None]
    matrices = []
    for c in used:
        assert c.settings is not None
        if c.settings.matrix not in matrices:
            matrices.append(c.settings.matrix)
    if len(matrices) != 1:
        return {
            "shared": False,
            "placed": 0,
            "note": "Nämnderna använder olika riskmatriser, så riskerna visas inte i en gemensam matris."
            if matrices
            else "",
            "text": [],
            "legend": [],
        }
    matrix = matrices[0]
    scored = [row for c in used for row in memo_get(s.memo, score_plan, c)]
    heat = heat_context(matrix, scored, s.words.risk_value)
    boards = sorted({r.board for r in scored}, key=[row.board for row in s.rows].index)
    labels = board_labels(boards) if len(boards) > 1 else {}
    placed: dict[tuple[int, int], list[str]] = {}
    for r in scored:
        if r.likelihood is not None and r.consequence is not None:
            name = _qualified(labels[r.board], r.id) if labels else r.id
            placed.setdefault((r.likelihood, r.consequence), []).append(name)
    text = []
    for row in heat["rows"]:
        for ck, c in enumerate(row["cells"], start=1):
            ids = placed.get((row["likelihood"], ck), [])
            c["ids"], c["count"] = ", ".join(ids), len(ids)
            if ids:
                consequence = matrix.label("consequence", ck) or ""
                band = f", {c['band']}" if c["band"] else ""
                text.append(
                    f"{capitalize(heat['likelihood_name'])} {row['likelihood']} {row['label']}, "
                    f"{heat['consequence_name']} {ck} {consequence} ({heat['value_name']} {c['value']}{band}): "
                    f"{', '.join(ids)}."
                )
    legend = [{"short": a, "board": b} for b, a in labels.items() if a != b]
    return {"shared": True, "note": "", **heat, "text": text, "legend": legend}


def _follow_up_word(row: BoardRow | None, i: ItemStatus) -> str:
    """A critical item's follow-up in its plan's words: the result, else 'följer plan'."""
    f = i.follow_up
    if i.kind == "kontrollmoment" and f is not None and f.outcome is not None:
        return (row.words if row else Words()).outcome_word(f.outcome, f.outcome_written)
    return {"ja": "följer plan", "nej": "följer inte plan", "delvis": "följer delvis plan"}.get(
        i.follows_plan_code, NOT_REPORTED
    )


def _handling(words: Words, handling: list[Handling]) -> str:
    """The val av hantering in the kommun's nouns ('granskning', 'direktåtgärd')."""
    names = {Handling.CONTROL: words.control.singular, Handling.ACTION: words.action.singular}
    return ", ".join(names.get(h, h.value) for h in handling)


def columns(s: Summary) -> list[dict[str, str]]:
    """The result columns of the table per nämnd, headed by the kommun's words."""
    out = []
    present = s.totals
    for code, heading in _COLUMNS.items():
        if code.startswith("utförd") and code not in present:
            continue
        word = own_word(s.words, code)
        out.append({"code": code, "heading": capitalize(word) if word else heading})
    return out


def _row_line(row: dict[str, Any], cols: list[dict[str, str]], own: bool) -> str:
    """One nämnd in the terminal: ikplan's short form, or the kommun's words when it has its own."""
    if not own:
        remarks = row["mindre_anmärkning"] + row["väsentlig_anmärkning"]
        return (
            f"  {row['performed']} av {row['planned']} genomförda ({row['utan_anmärkning']} utan, {remarks} med "
            f"anmärkning), {row['ej_genomförd']} ej genomförda, {row['not_reported']} ej rapporterade"
        )
    shown = [(c, n) for c, n in zip(cols, row["results"], strict=True) if n]
    parts = [f"{n} {c['heading']}" for c, n in shown if c["code"] != "ej_genomförd"]
    not_done = [f", {n} {c['heading']}" for c, n in shown if c["code"] == "ej_genomförd"]
    return (
        f"  {row['performed']} av {row['planned']} genomförda"
        + (f" ({', '.join(parts)})" if parts else "")
        + "".join(not_done)
        + f", {row['not_reported']} ej rapporterade"
    )


def summary_text(ctx: dict[str, Any]) -> str:
    """The sammanställning for a terminal: sentences, then one short block per nämnd (fits 80 columns)."""
    s = ctx["sentences"]
    from ikplan.text import wrapped

    lines = wrapped(ctx["title"], hang="")
    if ctx["doc"]["case_number"]:
        lines.append(f"Diarienummer: {ctx['doc']['case_number']}")
    lines.append("")
    for key in ("period", "reporting", "controls", "critical", "recurring"):
        if s[key]:
            lines += wrapped(" ".join(s[key]), hang="")
    lines.append("")
    for r in ctx["rows"]:
        lines.append(f"{r['board']}:")
        row = _row_line(r, ctx["columns"], ctx["own_words"]) + (
            f"; förra året {r['last_year']}" if r["last_year"] else ""
        )
        lines += wrapped(row)
        if r["overdue"]:
            lines.append(f"  försenade {ctx['nouns']['actions']}: {r['overdue']}")
    heat = ctx["heat"]
    if heat["text"]:
        lines += ["", f"Riskmatris ({heat['likelihood_name']} × {heat['consequence_name']}):"]
        legend = ", ".join(f"{x['short']} = {x['board']}" for x in heat["legend"])
        shorts = [x["short"] for x in heat["legend"]]
        for line in heat["text"] + ([legend + "."] if legend else []):
            lines += wrapped("  " + line, glued=shorts)  # 'VON 5' stays on one line
    return "\n".join(lines) + "\n"


def _footer_text(plans: list[Checked], s: Summary) -> str:
    """The kommun's own generator line (ikplan.yaml rapport: sidfot) or ikplan's, with the date."""
    own = plans[0].settings.settings.config.report.footer if plans and plans[0].settings else None
    if own and own.strip():
        return f"{own.strip().rstrip('.')}. Sammanställd den {s.as_of.isoformat()}."
    return f"Skapad med ikplan den {s.as_of.isoformat()}."


def _secret_omitted(plans: list[Checked], public: bool) -> bool:
    from ikplan.site.public import has_secret

    # The flags stay set in the public edition of a plan, so this holds whether or not the caller
    # has already replaced the texts.
    return public and any(p.plan is not None and has_secret(p.plan) for p in plans)


def kommun_sentences(plans: list[Checked], s: Summary, *, public: bool = False) -> dict[str, list[str]]:
    """The sammanställning's Swedish sentences, by section: the context's `sentences`, and all of it that
    the JSON carries (`meningar`), so that the JSON needs none of the tables."""
    return {
        "period": period_sentences(s) + ([PUBLIC_NOTE] if _secret_omitted(plans, public) else []),
        "reporting": reporting_sentences(s),
        "controls": control_sentences(s),
        "critical": critical_sentences(s),
        "recurring": recurring_sentences(s),
    }


def build_kommun_context(plans: list[Checked], s: Summary, *, public: bool = False) -> dict[str, Any]:
    """The sammanställning's context; `public` (KS's tjänsteskrivelse is a public document) leaves out
    every text marked `sekretess` and says so, as a nämnd's report does with --offentlig."""
    by_board = {r.board: r for r in s.rows}
    cols = columns(s)
    rows = []
    for r in s.rows:
        before = s.previous.get(r.board)
        rows.append(
            {
                "board": r.board,
                "adopted": long_date(r.adopted) if r.adopted else "",
                "planned": r.planned,
                "performed": r.performed,
                **r.counts,
                "results": [r.counts.get(c["code"], 0) for c in cols],
                "not_reported": r.not_reported,
                "overdue": r.overdue,
                "reported": r.reported,
                "follows": r.status.follows_plan,
                "last_year": f"{before.performed} av {before.planned}" if before else "",
            }
        )
    common: list[dict[str, Any]] = []
    for common_id, name, items in s.common_items:
        cells = []
        for board, item in items.items():
            if item is None:
                word = NOT_IN_PLAN
            elif item.follow_up is None or item.follow_up.outcome is None:
                word = NOT_REPORTED
            else:
                word = by_board[board].words.outcome_word(item.follow_up.outcome, item.follow_up.outcome_written)
            cells.append({"board": board, "outcome": word})
        common.append({"id": common_id, "name": name, "cells": cells})
    labels = board_labels([r.board for r in s.rows]) if len(s.rows) > 1 else {}
    critical = [
        {
            "board": b,
            "id": _qualified(labels[b], i.risk.id) if labels else i.risk.id,
            "risk": i.risk.title or i.risk.description if i.kind == "kontrollmoment" else i.label,
            "control": i.label if i.kind == "kontrollmoment" else "",
            "value": i.risk.score if i.risk.score is not None else "",
            "handling": _handling(by_board[b].words if b in by_board else s.words, i.risk.handling),
            "follow_up": _follow_up_word(by_board.get(b), i),
        }
        for b, i in s.critical
    ]
    actions = []
    for b, a in s.open_actions:
        words = by_board[b].words if b in by_board else s.words
        actions.append(
            {
                "board": b,
                "text": SECRET_NOTE if public and a.action.secret else a.action.description,
                "responsible": a.owner or "",
                "deadline": str(a.action.deadline) if a.action.deadline else "",
                "status": words.status_word(a.action.status, a.action.status_written)
                if a.action.status
                else "ej angiven",
                "overdue": a.overdue,
                "decided": a.action.decided_year or "",
            }
        )
    secret_omitted = _secret_omitted(plans, public)
    per = period_per(s.period_name)
    from ikplan.swedish import governing_board

    board = governing_board(s.municipality)  # Regionstyrelsen in a region
    title = f"Sammanställning av nämndernas uppföljning av intern kontroll {s.year} {per}"
    words = s.words
    proposals = s.report.proposals or [
        f"godkänna sammanställningen av nämndernas uppföljning av intern kontroll {s.year} {per} samt",
        "lägga ärendet till handlingarna.",
    ]
    return {
        # `doc` and `plan` as in a nämnd's report, so the Word header and properties work the same way
        "doc": {
            "title": title,
            "date_iso": s.as_of.isoformat(),
            "case_number": s.case_number,
            "officer": s.officer,
            "public": public,
            "secret_omitted": secret_omitted,
        },
        "plan": {"administration": s.municipality or board, "board": board, "year": s.year},
        "footer": {"text": _footer_text(plans, s)},
        "decides": f"{board} beslutar",
        "proposals": proposals,
        "common_rows": [
            {"name": c["name"], "board": cell["board"], "outcome": cell["outcome"]}
            for c in common
            for cell in c["cells"]
        ],
        "municipality": s.municipality,
        "year": s.year,
        "period": s.period_name,
        "period_per": per,
        "date": long_date(s.as_of),
        "date_iso": s.as_of.isoformat(),
        "title": title,
        "sentences": kommun_sentences(plans, s, public=public),
        # The kommun's words for the headings: its nouns, its riskvärde, whether it has its own results
        "nouns": {
            "control": capitalize(words.control.singular),
            "controls": words.control.plural,
            "controls_the": definite_plural(words.control),
            "action": capitalize(words.action.singular),
            "actions": words.action.plural,
            "Actions": capitalize(words.action.plural),
        },
        "value_name": capitalize(words.risk_value),
        "own_words": any(own_word(words, o.code) for o in Outcome),
        "columns": cols,
        "rows": rows,
        "has_last_year": bool(s.previous),
        "common": common,
        "boards": [r.board for r in s.rows],
        "critical": critical,
        "open_actions": actions,
        "recurring": [
            {
                "board": r.board,
                "id": r.id,
                "label": r.label,
                "outcomes": ", ".join(f"{y}: {w}" for y, w in r.shown),
            }
            for r in s.recurring
        ],
        "heat": _heat(plans, s),
    }
