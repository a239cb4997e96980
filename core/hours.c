/* hours.c - see hours.h. Each day's ranges (exceptions applied) become intervals of instants,
 * from yesterday (a range past midnight may still be running) to the end of the look-ahead;
 * touching intervals are merged, so a 24/7 service or Mon 20:00-24:00 + Tue 00:00-02:00 is one
 * stretch. Wall-clock times go through tz_instant_of_naive, so a range on a DST change day
 * is as long as the clocks say (02:00-05:00 on the last Sunday of March is two real hours). */
#include "hours.h"
#include "tz.h"
#include "util.h"
#include <stdlib.h>
#include <string.h>

#define HORIZON_DAYS 14
#define DAY 86400LL

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
    if (!spec || month < 1 || month > 12 || mday < 1 || mday > 31 || max < 0) return MJ_EINVAL;
    int wday = tz_weekday_of_days(tz_days_from_civil(year, month, mday));
    const hours_exception *e = exception_on(spec, year, month, mday);
    int n = 0;
    if (e) {
        if (!e->closed && n < max) out[n++] = (hours_range){ wday, e->open_min, e->close_min, e->walk_in };
        return n;
    }
    for (size_t i = 0; i < spec->nranges && n < max; i++)
        if (spec->ranges[i].day == wday) out[n++] = spec->ranges[i];
    /* In opening order (a short insertion sort: a day has a handful of ranges). */
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && out[j].open_min < out[j - 1].open_min; j--) {
            hours_range t = out[j]; out[j] = out[j - 1]; out[j - 1] = t;
        }
    return n;
}

typedef struct span { time_t a, b; } span;

static int span_cmp(const void *x, const void *y)
{
    const span *p = x, *q = y;
    return (p->a > q->a) - (p->a < q->a);
}

int hours_state_at(const hours_spec *spec, time_t now, const char *tzid, hours_state *out,
                   char *err, size_t errlen)
{
    tz_local lt;
    if (!spec || !out) return mj_err(err, errlen, MJ_EINVAL, "hours: no spec");
    if (tz_to_local(now, tzid, &lt) != MJ_OK)
        return mj_err(err, errlen, MJ_EINVAL, "unknown time zone %s", tzid ? tzid : "(null)");
    out->open = 0;
    out->change_at = 0;
    long long today = tz_days_from_civil(lt.year, lt.month, lt.mday);
    enum { DAYS = HORIZON_DAYS + 3, PER_DAY = 16 };
    span v[DAYS * PER_DAY];
    int n = 0;
    for (long long d = today - 1; d < today - 1 + DAYS; d++) {
        tz_local day;
        hours_range r[PER_DAY];
        tz_from_naive(d * DAY, &day);
        int k = hours_for_date(spec, day.year, day.month, day.mday, r, PER_DAY);
        for (int i = 0; i < k; i++) {
            int o = r[i].open_min, c = r[i].close_min;
            if (o < 0 || o > 1439 || c < 0 || c > 1440)
                return mj_err(err, errlen, MJ_EINVAL, "hours: range %d-%d is out of 00:00-24:00", o, c);
            if (c <= o) c += 1440;   /* runs past midnight */
            tz_instant_of_naive(d * DAY + o * 60LL, tzid, &v[n].a);
            tz_instant_of_naive(d * DAY + c * 60LL, tzid, &v[n].b);
            if (v[n].b > v[n].a) n++;
        }
    }
    qsort(v, (size_t)n, sizeof v[0], span_cmp);
    int m = 0;   /* merge overlapping or touching intervals */
    for (int i = 0; i < n; i++) {
        if (m && v[i].a <= v[m - 1].b) { if (v[i].b > v[m - 1].b) v[m - 1].b = v[i].b; }
        else v[m++] = v[i];
    }
    time_t horizon = now + HORIZON_DAYS * DAY;
    for (int i = 0; i < m; i++) {
        if (v[i].a <= now && now < v[i].b) {
            out->open = 1;
            out->change_at = v[i].b > horizon ? 0 : v[i].b;
            return MJ_OK;
        }
        if (v[i].a > now) {
            out->change_at = v[i].a > horizon ? 0 : v[i].a;
            return MJ_OK;
        }
    }
    return MJ_OK;
}

int hours_load(store *s, const char *service_id, hours_spec *out, char *err, size_t errlen)
{
    sqlite3 *db = store_db(s);
    sqlite3_stmt *st = NULL;
    const char *owner = service_id ? service_id : "";
    int rc = MJ_OK;
    memset(out, 0, sizeof *out);

    if (sqlite3_prepare_v2(db, "SELECT day, open_min, close_min, walk_in FROM hours WHERE owner_id = ?1 "
                               "ORDER BY day, open_min", -1, &st, NULL) != SQLITE_OK)
        return store_fail(s, "opening hours", err, errlen);
    sqlite3_bind_text(st, 1, owner, -1, SQLITE_STATIC);
    size_t cap = 0;
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        hours_range r = { sqlite3_column_int(st, 0), sqlite3_column_int(st, 1), sqlite3_column_int(st, 2),
                          sqlite3_column_int(st, 3) != 0 };
        if (r.day < 0 || r.day > 6 || r.open_min < 0 || r.open_min > 1439 || r.close_min < 0 || r.close_min > 1440) {
            rc = mj_err(err, errlen, MJ_EINVAL, "opening hours of '%s': bad range", owner);
            break;
        }
        if (mj_grow(&out->ranges, &cap, out->nranges, sizeof *out->ranges, 8)) {
            rc = mj_err(err, errlen, MJ_ENOMEM, "out of memory");
            break;
        }
        out->ranges[out->nranges++] = r;
    }
    if (rc == MJ_OK && step != SQLITE_DONE) rc = store_fail(s, "opening hours", err, errlen);
    sqlite3_finalize(st);
    st = NULL;
    if (rc == MJ_OK && sqlite3_prepare_v2(db, "SELECT date, closed, open_min, close_min, walk_in FROM hours_exceptions "
                                              "WHERE owner_id = ?1 ORDER BY date", -1, &st, NULL) != SQLITE_OK)
        rc = store_fail(s, "opening hours", err, errlen);
    if (rc == MJ_OK) {
        sqlite3_bind_text(st, 1, owner, -1, SQLITE_STATIC);
        cap = 0;
        while ((step = sqlite3_step(st)) == SQLITE_ROW) {
            const char *date = (const char *)sqlite3_column_text(st, 0);
            tz_local lt;
            int date_only = 0;
            if (!date || tz_parse_local(date, &lt, &date_only) != MJ_OK || !date_only) {
                rc = mj_err(err, errlen, MJ_EINVAL, "opening hours of '%s': bad exception date", owner);
                break;
            }
            hours_exception e = { lt.year, lt.month, lt.mday, sqlite3_column_int(st, 1) != 0,
                                  sqlite3_column_int(st, 2), sqlite3_column_int(st, 3),
                                  sqlite3_column_int(st, 4) != 0 };
            if (!e.closed && (e.open_min < 0 || e.open_min > 1439 || e.close_min < 0 || e.close_min > 1440)) {
                rc = mj_err(err, errlen, MJ_EINVAL, "opening hours of '%s' on %s: bad range", owner, date);
                break;
            }
            if (mj_grow(&out->exceptions, &cap, out->nexceptions, sizeof *out->exceptions, 8)) {
                rc = mj_err(err, errlen, MJ_ENOMEM, "out of memory");
                break;
            }
            out->exceptions[out->nexceptions++] = e;
        }
        if (rc == MJ_OK && step != SQLITE_DONE) rc = store_fail(s, "opening hours", err, errlen);
    }
    sqlite3_finalize(st);
    if (rc) hours_free(out);
    return rc;
}

int hours_walk_in(const hours_spec *spec, hours_spec *out)
{
    int marked = 0;
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < spec->nranges; i++) marked |= spec->ranges[i].walk_in;
    for (size_t i = 0; i < spec->nexceptions; i++) marked |= spec->exceptions[i].walk_in;
    if (spec->nranges && !(out->ranges = malloc(spec->nranges * sizeof *out->ranges))) return MJ_ENOMEM;
    if (spec->nexceptions && !(out->exceptions = malloc(spec->nexceptions * sizeof *out->exceptions))) {
        hours_free(out);
        return MJ_ENOMEM;
    }
    for (size_t i = 0; i < spec->nranges; i++)
        if (!marked || spec->ranges[i].walk_in) out->ranges[out->nranges++] = spec->ranges[i];
    for (size_t i = 0; i < spec->nexceptions; i++) {
        hours_exception e = spec->exceptions[i];
        if (marked && !e.walk_in) e.closed = 1;
        out->exceptions[out->nexceptions++] = e;
    }
    return MJ_OK;
}

void hours_free(hours_spec *spec)
{
    if (!spec) return;
    free(spec->ranges);
    free(spec->exceptions);
    memset(spec, 0, sizeof *spec);
}
