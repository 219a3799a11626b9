"""`ikplan due`: reminders per ansvarig (text, md, json) and calendars (ikplan/forms/due.py, ics.py)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ikplan.commands import Result, command


@dataclass
class DueArgs:
    paths: list[str] = field(default_factory=list)
    days: int = 30
    as_of: str | None = None
    fmt: str = "text"
    ics: str | None = None
    per_person: str | None = None
    force: bool = False
    config: str | None = None


@command
def run(args: DueArgs, result: Result) -> None:
    import os

    from ikplan.commands import day, is_stdout, load, write_output
    from ikplan.errors import UsageError
    from ikplan.forms.due import by_person, deadlines, due_json, due_markdown, due_text, in_force, within

    if args.days < 0:
        raise UsageError("--inom anger dagar framåt och kan inte vara negativt")
    if args.per_person and os.path.exists(args.per_person) and not os.path.isdir(args.per_person):
        raise UsageError(f"'{args.per_person}' är ingen mapp; --per-ansvarig anger mappen för kalendrarna")
    as_of = day(args.as_of)
    plans, skipped = load(result, args.paths, args.config)
    every = in_force([d for checked in plans for d in deadlines(checked, as_of)], plans, as_of)
    every.sort(key=lambda d: (d.date, d.kind, d.plan, d.ident))
    listed = within(every, as_of, args.days)
    if args.ics or args.per_person:
        # a calendar holds every open deadline of the year: one subscribed to keeps its events
        from ikplan.files import write_atomic
        from ikplan.forms.ics import calendar
        from ikplan.forms.owners import file_stem

        boards = sorted({d.board for d in every})
        name = "Internkontroll: " + ", ".join(boards) if boards else "Internkontroll"
        if args.ics:
            write_output(result, args.ics, calendar(every, name), args.force)
        if args.per_person:
            people = {p: items for p, items in by_person(every).items() if p}
            taken: set[str] = set()
            paths = {p: os.path.join(args.per_person, f"{file_stem(p, taken)}.ics") for p in people}
            if not args.force:
                there = [x for x in paths.values() if os.path.lexists(x)]
                if there:
                    from ikplan.errors import IkplanError

                    raise IkplanError(f"{there[0]} finns redan; använd --force för att skriva över kalendrarna")
            os.makedirs(args.per_person, exist_ok=True)
            for person, items in people.items():
                write_atomic(paths[person], calendar(items, f"{name} – {person}"), args.force)
            result.err(f"skrev {len(people)} kalendrar i {args.per_person}")
    if not (args.ics and is_stdout(args.ics)):  # the calendar itself is the output then
        if args.fmt == "json":
            result.out(due_json(listed, as_of, args.days), json=True)
        elif args.fmt == "md":
            result.out(due_markdown(listed, as_of, args.days))
        else:
            result.out(due_text(listed, as_of, args.days))
    if skipped:
        result.exit(1)
