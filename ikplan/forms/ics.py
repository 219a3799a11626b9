"""The deadlines of `ikplan due` as iCalendar (RFC 5545), with the icalendar library.

One all-day event per deadline. Its UID is made from what the deadline is (kommun, nämnd, år, the
kontrollmoment, åtgärd or report, and the period), never from when it is: a calendar that subscribes
to the file moves the event when a slutdatum moves instead of adding a second one, and two runs over
the same plans give the same UIDs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from ikplan.forms.due import Due

PRODID = "-//ikplan//ikplan due//SV"
REMIND_DAYS = 7  # an alarm a week before each deadline


def uid(d: Due) -> str:
    digest = hashlib.sha256(json.dumps(d.key, ensure_ascii=False).encode("utf-8")).hexdigest()
    return f"{digest[:32]}@ikplan"


def calendar(items: list[Due], name: str, stamp: dt.datetime | None = None) -> bytes:
    from icalendar import Alarm, Calendar, Event

    from ikplan.text import visible

    stamp = stamp or dt.datetime.now(dt.UTC).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", visible(name))
    seen: set[str] = set()
    for d in items:
        ident = uid(d)
        if ident in seen:  # one event per deadline, even when two plans list the same
            continue
        seen.add(ident)
        event = Event()
        event.add("uid", ident)
        event.add("dtstamp", stamp)
        event.add("dtstart", d.date)
        event.add("dtend", d.date + dt.timedelta(days=1))
        who = f" – {d.person}" if d.person else ""
        event.add("summary", visible(f"{d.summary}{who}"))
        event.add("description", visible(d.detail + (f" Ansvarig: {d.person}." if d.person else "")))
        event.add("categories", [d.kind])
        event.add("transp", "TRANSPARENT")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", visible(d.summary))
        alarm.add("trigger", dt.timedelta(days=-REMIND_DAYS))
        event.add_component(alarm)
        cal.add_component(event)
    return bytes(cal.to_ical())
