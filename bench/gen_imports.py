#!/usr/bin/env python3
"""gen_imports.py DIR [SERVICES] [SCHEDULE_ROWS] [EVENTS] - the import benchmark's inputs
(bench/imports.sh): an HSDS 1.x/2.x CSV datapackage and the same directory as HSDS 3.0 JSON
(SERVICES services, SCHEDULE_ROWS schedule rows with weekdays as words and times as "9:00am"),
a Linked Events page and an iCalendar file of EVENTS events each. Deterministic (seeded)."""
import csv, json, os, random, sys

out = sys.argv[1]
n_svc = int(sys.argv[2]) if len(sys.argv) > 2 else 4000
n_rows = int(sys.argv[3]) if len(sys.argv) > 3 else 11000
n_ev = int(sys.argv[4]) if len(sys.argv) > 4 else 10000
rnd = random.Random(20261202)
pkg = os.path.join(out, "hsds-csv")
os.makedirs(pkg, exist_ok=True)
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
n_org, n_loc = 400, 2000


def ampm(h, m):
    return "%d:%02d%s" % ((h - 1) % 12 + 1, m, "am" if h < 12 else "pm")


def write(name, header, rows):
    with open(os.path.join(pkg, name + ".csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)


orgs = [("org-%d" % i, "Organisaatio %d" % i, "org%d@example.fi" % i, "https://example.fi/org/%d" % i) for i in range(n_org)]
locs = [("loc-%d" % i, "org-%d" % (i % n_org), "Toimipiste %d" % i, "%.5f" % (60 + rnd.random()), "%.5f" % (24 + rnd.random()))
        for i in range(n_loc)]
addrs = [("pa-%d" % i, "loc-%d" % i, "Katu %d" % (i + 1), "Kaupunki", "%05d" % (i * 7 % 100000)) for i in range(n_loc)]
svcs = [("svc-%d" % i, "org-%d" % (i % n_org), "Palvelu %d" % i,
         "Kuvaus palvelusta %d. Tervetuloa, ajanvaraus puhelimitse arkisin kello yhdeksästä neljään." % i,
         "https://example.fi/palvelu/%d" % i, "palvelu%d@example.fi" % i) for i in range(n_svc)]
sal = [("sal-%d" % i, "svc-%d" % i, "loc-%d" % (i % n_loc)) for i in range(n_svc)]
phones = [("ph-%d" % i, "svc-%d" % i, "09 %03d %04d" % (i % 1000, i)) for i in range(n_svc)]
langs = [("la-%d" % i, "svc-%d" % i, "Finnish" if i % 3 else "Swedish") for i in range(n_svc)]
# schedule rows: every service a few weekdays (distinct days per service, no overlaps)
sched = []
per = [n_rows // n_svc] * n_svc
for i in range(n_rows - sum(per)):
    per[i] += 1
for i in range(n_svc):
    days = rnd.sample(range(7), min(per[i], 7))
    for d in sorted(days):
        h = rnd.choice([8, 9, 10, 12])
        sched.append(("rs-%d-%d" % (i, d), "svc-%d" % i, DAYS[d], ampm(h, rnd.choice([0, 30])), ampm(h + rnd.choice([3, 4, 6]), 0)))
write("organizations", ["id", "name", "email", "url"], orgs)
write("locations", ["id", "organization_id", "name", "latitude", "longitude"], locs)
write("physical_addresses", ["id", "location_id", "address_1", "city", "postal_code"], addrs)
write("services", ["id", "organization_id", "name", "description", "url", "email"], svcs)
write("service_at_location", ["id", "service_id", "location_id"], sal)
write("phones", ["id", "service_id", "number"], phones)
write("languages", ["id", "service_id", "language"], langs)
write("regular_schedule", ["id", "service_id", "weekday", "opens_at", "closes_at"], sched)
json.dump({"name": "bench", "resources": [{"name": t, "path": t + ".csv"} for t in
          ["organizations", "locations", "physical_addresses", "services", "service_at_location", "phones", "languages",
           "regular_schedule"]]}, open(os.path.join(pkg, "datapackage.json"), "w"))

# The same directory as HSDS 3.0 JSON (services with nested organization, location, schedules)
by_svc = {}
for r in sched:
    by_svc.setdefault(r[1], []).append({"id": r[0], "freq": "WEEKLY", "byday": r[2], "opens_at": r[3], "closes_at": r[4]})
orgd = {o[0]: {"id": o[0], "name": o[1], "email": o[2], "website": o[3]} for o in orgs}
locd = {l[0]: {"id": l[0], "name": l[2], "latitude": float(l[3]), "longitude": float(l[4]),
               "addresses": [{"address_type": "physical", "address_1": "Katu %s" % (int(l[0][4:]) + 1), "city": "Kaupunki",
                              "postal_code": "%05d" % (int(l[0][4:]) * 7 % 100000)}]} for l in locs}
svcj = []
for i, s in enumerate(svcs):
    svcj.append({"id": s[0], "organization": orgd[s[1]], "name": s[2], "description": s[3], "url": s[4], "email": s[5],
                 "phones": [{"number": phones[i][2]}], "languages": [{"name": langs[i][2]}],
                 "service_at_locations": [{"id": sal[i][0], "location": locd[sal[i][2]]}], "schedules": by_svc.get(s[0], [])})
json.dump(svcj, open(os.path.join(out, "hsds3.json"), "w"), ensure_ascii=False)

# Linked Events: one page of n_ev events; an iCalendar file of n_ev events
evs, ics = [], ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Majakka bench//FI"]
for i in range(n_ev):
    day = 1 + i % 28
    h = 8 + i % 10
    evs.append({"id": "bench:ev%d" % i, "name": {"fi": "Tapahtuma %d" % i, "sv": "Evenemang %d" % i},
                "description": {"fi": "<p>Kuvaus <b>%d</b></p>" % i},
                "start_time": "2027-%02d-%02dT%02d:00:00Z" % (1 + i % 12, day, h - 2),
                "end_time": "2027-%02d-%02dT%02d:30:00Z" % (1 + i % 12, day, h - 1),
                "location": {"name": {"fi": "Paikka %d" % (i % 50)}, "street_address": {"fi": "Katu %d" % (i % 50)}},
                "offers": [{"is_free": i % 4 != 0, "price": {"fi": "5 €"}}], "event_status": "EventScheduled"})
    ics += ["BEGIN:VEVENT", "UID:ev%d@bench.example.fi" % i, "DTSTART;TZID=Europe/Helsinki:2027%02d%02dT%02d0000" % (1 + i % 12, day, h),
            "DTEND;TZID=Europe/Helsinki:2027%02d%02dT%02d3000" % (1 + i % 12, day, h), "SUMMARY:Tapahtuma %d" % i,
            "LOCATION:Paikka %d" % (i % 50)] + (["RRULE:FREQ=WEEKLY;COUNT=10"] if i % 5 == 0 else []) + ["END:VEVENT"]
ics.append("END:VCALENDAR")
json.dump({"meta": {"count": n_ev, "next": None, "previous": None}, "data": evs}, open(os.path.join(out, "linkedevents.json"), "w"),
          ensure_ascii=False)
open(os.path.join(out, "calendar.ics"), "w", newline="").write("\r\n".join(ics) + "\r\n")
print("%d services, %d schedule rows, %d events" % (n_svc, len(sched), n_ev))
