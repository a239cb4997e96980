#!/usr/bin/env python3
"""feedback_batch.py - a kiosk's feedback batch (docs/sync-protocol.md) for the web fixture, so the
report pages have figures to draw: answers over the two whole months before today (the report's
default period and the one before it) at home and at the mini bundle's services and events, in
three languages, follow-up answers, masked-to-be comments on a day of many visits, and slips; one
service with a single answer (shown as "fewer than 5"). Deterministic. Prints the JSON batch."""
import datetime
import json
import random

rnd = random.Random(13)
today = datetime.date.today()
first = today.replace(day=1)
last_month = (first - datetime.timedelta(days=1)).replace(day=1)
month_before = (last_month - datetime.timedelta(days=1)).replace(day=1)
records, slips, n = [], [], 0


def rec(day, hour, context, lang, kind, visit, **kw):
    global n
    n += 1
    r = {"key": f"web-{n:05d}", "visit_id": visit, "created": f"{day.isoformat()}T{hour:02d}:00",
         "context": context, "language": lang, "kind": kind, "suspect": False}
    r.update(kw)
    records.append(r)


for month, count in ((month_before, 60), (last_month, 90)):
    for i in range(count):
        day = month + datetime.timedelta(days=rnd.randrange(27))
        hour = rnd.choice([9, 10, 10, 11, 13, 14])
        context = rnd.choice(["home", "home", "service:neuvola", "service:perhekahvila", "event:vauvakerho"])
        lang = rnd.choice(["fi", "fi", "fi", "sv", "ar"])
        visit = f"web-visit-{month.month}-{i}"
        face = rnd.choice([4, 4, 3, 3, 2, 1])
        rec(day, hour, context, lang, "face", visit, face=face)
        if i % 2 == 0:
            rec(day, hour, context, lang, "choice", visit, question_id="found", question_version=2,
                options=json.dumps(["yes" if face >= 3 else "no"]))
# A day of many visits at home with two comments (one with a phone number, masked on the page).
busy = last_month + datetime.timedelta(days=27)
for i in range(6):
    rec(busy, 10, "home", "fi", "face", f"web-busy-{i}", face=4)
rec(busy, 10, "home", "fi", "comment", "web-busy-0", comment="Kiitos, soittakaa 040 123 4567")
rec(busy, 10, "home", "fi", "comment", "web-busy-1", comment="Mukava kahvila, lisää leikkejä")
# One answer at the crisis line: never a number on the page.
rec(last_month + datetime.timedelta(days=3), 15, "service:kriisipuhelin", "fi", "face", "web-one", face=1)
for d in range(0, 27, 2):
    slips.append({"day": (last_month + datetime.timedelta(days=d)).isoformat(), "service_id": "neuvola",
                  "count": 3 + d % 4})
print(json.dumps({"records": records[:500], "slips": slips}))
