"""`ikplan forms`: one Excel form per ansvarig for a period's follow-up (ikplan/forms/out.py)."""

from __future__ import annotations

from dataclasses import dataclass

from ikplan.commands import Result, command


@dataclass
class FormsArgs:
    plan: str
    output: str
    period: str | None = None  # delår, or the kommun's latest ended period when it has no delår (as status)
    deadline: str | None = None
    return_to: str | None = None
    force: bool = False
    config: str | None = None


@command
def run(args: FormsArgs, result: Result) -> None:
    import os

    from ikplan.checking.loading import read_limited
    from ikplan.commands import load, need_file
    from ikplan.errors import IkplanError, UsageError
    from ikplan.files import write_atomic
    from ikplan.forms.out import FormOptions, make_forms

    need_file(args.plan, "planfilen")
    deadline = None
    if args.deadline:
        import datetime as dt

        try:
            deadline = dt.date.fromisoformat(args.deadline)
        except ValueError:
            raise UsageError(f"--svar-senast '{args.deadline}' är inget datum (ÅÅÅÅ-MM-DD)") from None
    if os.path.exists(args.output) and not os.path.isdir(args.output):
        raise UsageError(f"'{args.output}' är ingen mapp; --output anger mappen som formulären skrivs i")
    plans, skipped = load(result, [args.plan], args.config)
    if skipped or not plans:
        result.exit(1)
        return
    raw = read_limited(args.plan)
    if raw is None:
        raise IkplanError(f"{args.plan} är för stor för att göra formulär av")
    period = args.period
    if period is None:
        # a kommun with tertial1–3 has no delår: its own period, as status chooses it, not ikplan's default
        import datetime as dt

        from ikplan.followup.status import default_period

        checked = plans[0]
        assert checked.settings is not None and checked.plan is not None
        period = default_period(checked.settings, checked.plan.year, dt.date.today())
    forms, nobody = make_forms(plans[0], raw, FormOptions(period, deadline, args.return_to))
    if not forms:
        raise IkplanError(f"{args.plan} har ingen ansvarig att skicka formulär till (ansvarig saknas överallt)")
    paths = [os.path.join(args.output, f"{form.stem}.xlsx") for form in forms]
    if not args.force:
        there = [p for p in paths if os.path.lexists(p)]
        if there:
            raise IkplanError(f"{there[0]} finns redan; använd --force för att skriva över formulären")
    os.makedirs(args.output, exist_ok=True)
    for form, path in zip(forms, paths, strict=True):
        write_atomic(path, form.data, args.force)
        result.out(f"{path}: {form.person} ({form.items} att rapportera, {form.actions} åtgärder)\n")
    for item in nobody:
        result.err(f"{item.label} har ingen ansvarig och kom inte med i något formulär")
    result.err(f"skrev {len(forms)} formulär i {args.output}")
