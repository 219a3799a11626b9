"""The follow-up with the ansvariga who never open the plan: forms out, answers in, reminders and calendars.

owners.py says who answers what (read from the one follow-up computation, followup/status.py); out.py
writes one workbook per ansvarig; collect.py merges the answered workbooks into the plan's text;
due.py lists what falls due and ics.py writes it as iCalendar files.
"""
