/* hours.c - see hours.h. Everything is computed on local wall-clock minutes (tz_naive), one
 * local date at a time, and only the interval ends are turned into instants (tz_from_local), so
 * a range keeps its local times on the days the clocks change. */
#include "hours.h"
#include "tz.h"
#include "util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HORIZON_DAYS 14
#define MAX_DAY_RANGES 16

static const hours_exception *exception_on(const hours_spec *spec, int y, int m, int d)
{
    for (size_t i = 0; i < spec->nexceptions; i++) {
        const hours_exception *e = &spec->exceptions[i];
        if (e->year == y && e->month == m && e->mday == d) return e;
    }
    return NULL;
}

int hours_for_date(const hours_spec *spec, int year, int month, int mday, hours_range *out, int max)
{
    if (max < 0) return MJ_EINVAL;
    int wday = tz_weekday_of_days(tz_days_from_civil(year, month, mday));
    const hours_exception *e = exception_on(spec, year, month, mday);
    int n = 0;
    if (e) {
        if (!e->closed && n < max) out[n++] = (hours_range){ wday, e->open_min, e->close_min };
        return n;
    }
    for (size_t i = 0; i < spec->nranges && n < max; i++)
        if (spec->ranges[i].day == wday) out[n++] = spec->ranges[i];
    /* In opening order, for tables and for the scan below. */
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && out[j].open_min < out[j - 1].open_min; j--) {
            hours_range t = out[j]; out[j] = out[j - 1]; out[j - 1] = t;
        }
    return n;
}

/* The instant of local date `days` (days since 1970-01-01) plus `minutes` (may pass 1440). */
static int instant(long long days, int minutes, const char *tzid, time_t *out)
{
    tz_local lt;
    tz_from_naive(days * 86400 + (long long)minutes * 60, &lt);
    return tz_from_local(&lt, tzid, out);
}

int hours_state_at(const hours_spec *spec, time_t now, const char *tzid, hours_state *out, char *err, size_t errlen)
{
    tz_local lt;
    memset(out, 0, sizeof *out);
    if (tz_to_local(now, tzid, &lt)) return mj_err(err, errlen, MJ_EINVAL, "hours: unknown time zone");
    long long today = tz_days_from_civil(lt.year, lt.month, lt.mday);
    /* Walk the intervals in time order from yesterday (a range past midnight reaches today) to
     * the horizon. `open_until` is the end of the run of touching intervals we are inside. */
    time_t open_until = 0;
    int inside = 0;
    for (long long d = today - 1; d <= today + HORIZON_DAYS; d++) {
        tz_local dl;
        tz_from_naive(d * 86400, &dl);
        hours_range r[MAX_DAY_RANGES];
        int n = hours_for_date(spec, dl.year, dl.month, dl.mday, r, MAX_DAY_RANGES);
        for (int i = 0; i < n; i++) {
            int close = r[i].close_min <= r[i].open_min ? r[i].close_min + 1440 : r[i].close_min;
            time_t start, end;
            if (instant(d, r[i].open_min, tzid, &start) || instant(d, close, tzid, &end))
                return mj_err(err, errlen, MJ_EINVAL, "hours: unknown time zone");
            if (end <= now) continue;
            if (inside) {
                if (start > open_until) {          /* a gap: it closes at open_until */
                    out->open = 1;
                    out->change_at = open_until;
                    return MJ_OK;
                }
                if (end > open_until) open_until = end;
                continue;
            }
            if (start <= now) {
                inside = 1;
                open_until = end;
                continue;
            }
            out->open = 0;                         /* closed now, opens at start */
            out->change_at = start;
            return MJ_OK;
        }
    }
    out->open = inside;
    out->change_at = 0;                            /* open (or closed) beyond the horizon */
    return MJ_OK;
}

int hours_load(store *s, const char *service_id, hours_spec *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    const char *owner = service_id ? service_id : "";
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(store_db(s), "SELECT day, open_min, close_min FROM hours WHERE owner_id = ?1"
                                        " ORDER BY day, open_min", -1, &st, NULL))
        return store_fail(s, "hours", err, errlen);
    sqlite3_bind_text(st, 1, owner, -1, SQLITE_TRANSIENT);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (out->nranges == cap) {
            cap = cap ? cap * 2 : 8;
            hours_range *nr = realloc(out->ranges, cap * sizeof *nr);
            if (!nr) { rc = SQLITE_NOMEM; break; }
            out->ranges = nr;
        }
        out->ranges[out->nranges++] = (hours_range){ sqlite3_column_int(st, 0), sqlite3_column_int(st, 1),
                                                     sqlite3_column_int(st, 2) };
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) goto fail;
    if (sqlite3_prepare_v2(store_db(s), "SELECT date, closed, open_min, close_min FROM hours_exceptions"
                                        " WHERE owner_id = ?1 ORDER BY date", -1, &st, NULL))
        goto fail;
    sqlite3_bind_text(st, 1, owner, -1, SQLITE_TRANSIENT);
    cap = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        tz_local d;
        if (tz_parse_local((const char *)sqlite3_column_text(st, 0), &d, NULL)) continue;
        if (out->nexceptions == cap) {
            cap = cap ? cap * 2 : 8;
            hours_exception *ne = realloc(out->exceptions, cap * sizeof *ne);
            if (!ne) { rc = SQLITE_NOMEM; break; }
            out->exceptions = ne;
        }
        out->exceptions[out->nexceptions++] = (hours_exception){ d.year, d.month, d.mday,
            sqlite3_column_int(st, 1), sqlite3_column_int(st, 2), sqlite3_column_int(st, 3) };
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) goto fail;
    return MJ_OK;
fail:
    hours_free(out);
    return rc == SQLITE_NOMEM ? mj_err(err, errlen, MJ_ENOMEM, "out of memory") : store_fail(s, "hours", err, errlen);
}

void hours_free(hours_spec *spec)
{
    free(spec->ranges);
    free(spec->exceptions);
    memset(spec, 0, sizeof *spec);
}
