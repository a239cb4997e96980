#!/usr/bin/python3
"""diff.py TOOL DIR - differential test of the calendar reader and recurrence expansion
(issue 12): for each DIR/*.ics, the occurrences starting within a year (from the first DTSTART's
day) as computed by ics_occurrences (ours) and by Debian's python3-recurring-ical-events must be
equal, as (start, end) instants; floating and date values are read in Europe/Helsinki, the
site's zone. A file whose difference is understood is listed in DIR/known-differences.txt
("file.ics: why"); the test fails on any other difference, and on a listed file that no longer
differs (so the list stays true)."""
import datetime
import os
import subprocess
import sys
import zoneinfo

import icalendar
import recurring_ical_events

HEL = zoneinfo.ZoneInfo("Europe/Helsinki")


def instant(v):
    if isinstance(v, datetime.datetime):
        if v.tzinfo is None:
            v = v.replace(tzinfo=HEL)
        return int(v.timestamp())
    return int(datetime.datetime(v.year, v.month, v.day, tzinfo=HEL).timestamp())


def first_start(cal):
    starts = [instant(c["DTSTART"].dt) for c in cal.walk("VEVENT") if c.get("DTSTART") is not None]
    return min(starts) if starts else None


def theirs(cal, lo, hi):
    out = []
    a = datetime.datetime.fromtimestamp(lo - 8 * 86400, HEL)
    b = datetime.datetime.fromtimestamp(hi, HEL)
    for e in recurring_ical_events.of(cal).between(a, b):
        s = instant(e["DTSTART"].dt)
        if e.get("DTEND") is not None:
            en = instant(e["DTEND"].dt)
        elif e.get("DURATION") is not None:
            en = s + int(e["DURATION"].dt.total_seconds())
        elif not isinstance(e["DTSTART"].dt, datetime.datetime):
            en = s + 86400
        else:
            en = s
        if lo <= s < hi:
            out.append((s, en))
    return sorted(out)


def ours(tool, path, lo, hi):
    p = subprocess.run([tool, path, str(lo), str(hi)], capture_output=True, text=True, timeout=60)
    occ = sorted(tuple(int(x) for x in line.split()) for line in p.stdout.splitlines() if line.strip())
    return occ, p.stderr.strip(), p.returncode


def fmt(t):
    return datetime.datetime.fromtimestamp(t, HEL).strftime("%Y-%m-%d %H:%M")


def main():
    tool, folder = sys.argv[1], sys.argv[2]
    known = {}
    kp = os.path.join(folder, "known-differences.txt")
    if os.path.exists(kp):
        for line in open(kp, encoding="utf-8"):
            if ":" in line and not line.startswith("#"):
                name, why = line.split(":", 1)
                known[name.strip()] = why.strip()
    failures = 0
    files = sorted(f for f in os.listdir(folder) if f.endswith(".ics"))
    total = 0
    for f in files:
        path = os.path.join(folder, f)
        cal = icalendar.Calendar.from_ical(open(path, "rb").read())
        lo = first_start(cal)
        if lo is None:
            continue
        lo = lo - lo % 86400 - 3 * 3600
        hi = lo + 366 * 86400
        try:
            want = theirs(cal, lo, hi)
        except Exception as ex:  # the reference cannot read it: nothing to compare
            print(f"skip  {f}: recurring-ical-events: {ex}")
            continue
        got, err, rc = ours(tool, path, lo, hi)
        total += len(want)
        same = got == want and rc == 0
        if same and f in known:
            print(f"STALE {f}: listed as different, but equal now ({len(got)} occurrences)")
            failures += 1
        elif same:
            print(f"ok    {f}: {len(got)} occurrences")
        elif f in known:
            print(f"known {f}: ours {len(got)}, theirs {len(want)}: {known[f]}")
        else:
            failures += 1
            print(f"DIFF  {f}: ours {len(got)}, theirs {len(want)} {err}")
            for o in sorted(set(got) - set(want))[:5]:
                print(f"        only ours:   {fmt(o[0])} - {fmt(o[1])}")
            for o in sorted(set(want) - set(got))[:5]:
                print(f"        only theirs: {fmt(o[0])} - {fmt(o[1])}")
    print(f"{len(files)} files, {total} occurrences of theirs compared, {failures} unexplained differences")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
