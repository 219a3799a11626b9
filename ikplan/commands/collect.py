"""`ikplan collect`: the answered forms merged into the plan (ikplan/forms/collect.py).

Without --write it shows what would change, as `ikplan diff` shows it; nothing is written unless
every form can be taken whole.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ikplan.commands import Result, command


@dataclass
class CollectArgs:
    plan: str
    forms: list[str] = field(default_factory=list)
    write: bool = False
    period: str | None = None
    fmt: str = "text"
    config: str | None = None


@command
def run(args: CollectArgs, result: Result) -> None:
    import os

    from ikplan.checking.loading import read_limited
    from ikplan.commands import need_file, terminal
    from ikplan.cycle.excel import MAX_XLSX_BYTES, findings_text
    from ikplan.errors import IkplanError, UsageError
    from ikplan.files import write_atomic
    from ikplan.forms.collect import collect
    from ikplan.review.diff import diff_plans
    from ikplan.review.diff_views import as_json, markdown
    from ikplan.review.diff_views import terminal as draw

    need_file(args.plan, "planfilen")
    if not args.forms:
        raise UsageError("ange formulären att samla in, t.ex. 'ikplan collect PLAN utskick/*.xlsx'")
    forms: list[tuple[str, bytes]] = []
    for path in dict.fromkeys(args.forms):
        if os.path.isdir(path):
            raise UsageError(f"'{path}' är en mapp; ange formulären, t.ex. '{os.path.join(path, '*.xlsx')}'")
        need_file(path, "formuläret")
        try:
            raw = read_limited(path, MAX_XLSX_BYTES)
        except OSError as exc:
            raise IkplanError(f"kan inte läsa {path}: {exc.strerror}") from None
        if raw is None:
            raise IkplanError(f"{path} är större än {MAX_XLSX_BYTES // (1024 * 1024)} MB; ingenting skrevs")
        forms.append((path, raw))
    collected, findings = collect(args.plan, forms, args.config, args.period)
    if collected is None:
        result.err_raw(findings_text(findings))
        raise IkplanError(f"{len(findings)} fel; ingenting skrevs i {args.plan} (blad!cell i formulären ovan)")
    if collected.after is None:
        note = f", {collected.already} redan införda" if collected.already else ""
        result.err(f"inga nya svar i {collected.forms} formulär{note}; {args.plan} är oförändrad")
        return
    diffs = [diff_plans(args.plan, collected.before, collected.after)]
    label = f"{args.plan} ← {len(forms)} formulär"
    if args.fmt == "json":
        result.out(as_json(diffs), json=True)
    elif args.fmt == "md":
        result.out(markdown(diffs, label))
    else:
        result.out_raw(terminal(lambda console: draw(console, diffs, label)))
    note = f" ({collected.already} redan införda)" if collected.already else ""
    if args.write:
        write_atomic(args.plan, collected.text.encode("utf-8"), force=True)
        result.err(f"skrev {args.plan}: {collected.changes} ändringar från {collected.forms} formulär{note}")
    else:
        result.err(
            f"{collected.changes} ändringar från {collected.forms} formulär{note}; ingenting skrevs "
            "(kör med --write för att skriva planen)"
        )
