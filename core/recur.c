/* recur.c - see recur.h. Occurrences are computed as local wall-clock times (tz_naive seconds)
 * and converted to instants one by one, so a weekly 10:00 stays 10:00 across DST; an
 * occurrence's end is its start plus the event's wall-clock length (Sat 22:00 - Sun 06:00 is
 * 06:00 on Sunday even when the night is an hour shorter).
 *
 * libical is the engine for every rule. Creating a libical iterator costs microseconds,
 * though, and the events screen expands thousands of events at once, so the plain rules that
 * make up nearly all content (DAILY or WEEKLY with INTERVAL, weekday BYDAY, WKST, UNTIL,
 * COUNT) are also computed arithmetically here; tests check that both give the same
 * occurrences. Anything else goes to libical, which also judges whether a rule is valid. */
#include "recur.h"
#include "tz.h"
#include "util.h"
#include <libical/ical.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Tests set this to compare engines: 0 = arithmetic where possible, 1 = libical jumping near
 * the window, 2 = libical iterating from DTSTART (without the query budget). Not part of the
 * contract. recur_test_query_ms replaces the query's time budget when non-zero. */
int recur_test_engine = 0;
int recur_test_query_ms = 0;

#define DAY 86400LL
/* Safety nets for libical rules that crawl (COUNT rules must be iterated from DTSTART): steps
 * per event, and for one recur_between query libical steps and wall-clock time in total. */
#define MAX_LIBICAL_STEPS 200000
#define QUERY_LIBICAL_STEPS 2000000
#define QUERY_MS 1000
/* One event contributes at most this many occurrences to a query (a daily rule over 27 years). */
#define MAX_EVENT_OCC 10000
/* recur_between keeps at most this many occurrences (the earliest). */
#define MAX_QUERY_OCC 100000

/* What one query may still spend. */
typedef struct budget {
    long long steps;                /* libical steps left */
    struct timespec deadline;       /* CLOCK_MONOTONIC */
    int exhausted;
} budget;

static void budget_start(budget *b)
{
    long ms = recur_test_query_ms ? recur_test_query_ms : QUERY_MS;
    clock_gettime(CLOCK_MONOTONIC, &b->deadline);
    b->deadline.tv_sec += ms / 1000;
    b->deadline.tv_nsec += (ms % 1000) * 1000000L;
    if (b->deadline.tv_nsec >= 1000000000L) { b->deadline.tv_sec++; b->deadline.tv_nsec -= 1000000000L; }
    b->steps = QUERY_LIBICAL_STEPS;
    b->exhausted = 0;
}

static int budget_over(budget *b)
{
    struct timespec now;
    if (b->exhausted) return 1;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (now.tv_sec > b->deadline.tv_sec || (now.tv_sec == b->deadline.tv_sec && now.tv_nsec >= b->deadline.tv_nsec))
        b->exhausted = 1;
    return b->exhausted;
}

typedef struct expansion {
    const char *event_id;
    const char *tzid;
    long long start, dur;           /* first occurrence (naive) and wall-clock length */
    long long lo, hi;               /* naive bounds: occurrences starting outside cannot overlap */
    time_t from, to;
    const long long *ex_days;       /* cancelled local days (day numbers) */
    size_t nex_days;
    const long long *ex_times;      /* cancelled local start times (naive) */
    size_t nex_times;
    recur_cb cb;
    void *ctx;
    budget *bud;                    /* NULL: one event, no query budget */
    long long emitted;
} expansion;

enum { GO_ON = 0, PAST_WINDOW = 1, CB_STOPPED = 2 };

/* One candidate occurrence starting at naive local time n. */
static int emit(const expansion *x, long long n)
{
    long long day = n >= 0 ? n / DAY : -((-n + DAY - 1) / DAY);
    for (size_t i = 0; i < x->nex_days; i++)
        if (x->ex_days[i] == day) return GO_ON;
    for (size_t i = 0; i < x->nex_times; i++)
        if (x->ex_times[i] == n) return GO_ON;
    time_t s, e;
    tz_instant_of_naive(n, x->tzid, &s);
    if (s >= x->to) return PAST_WINDOW;
    tz_instant_of_naive(n + x->dur, x->tzid, &e);
    if (e < s) e = s;   /* both ends inside a DST gap, moved unevenly */
    if (e > x->from || (e == s && s >= x->from)) {
        if (x->cb(x->event_id, s, e, x->ctx)) return CB_STOPPED;
        if (++((expansion *)x)->emitted >= MAX_EVENT_OCC) return CB_STOPPED;
        /* every 64 occurrences, the query's clock */
        if (x->bud && (x->emitted & 63) == 0 && budget_over(x->bud)) return CB_STOPPED;
    }
    return GO_ON;
}

/* ---- the arithmetic engine ---- */

enum { F_DAILY, F_WEEKLY, F_MONTHLY };

typedef struct simple_rule {
    int freq;
    int interval;
    unsigned mask;                  /* BYDAY weekdays without ordinal, bit 0 = Monday; 0 = none */
    int nth_n, nth_ord[35], nth_wd[35];   /* MONTHLY: BYDAY entries with an ordinal (+-1..5) */
    int nmday, mday[31];            /* MONTHLY: BYMONTHDAY (+-1..31) */
    int wkst;
    long long count;                /* 0 = no COUNT */
    long long until;                /* naive, inclusive; LLONG_MAX = none */
} simple_rule;

static int weekday_code(const char *s, size_t n)
{
    static const char codes[7][3] = { "MO", "TU", "WE", "TH", "FR", "SA", "SU" };
    if (n != 2) return -1;
    for (int i = 0; i < 7; i++)
        if (s[0] == codes[i][0] && s[1] == codes[i][1]) return i;
    return -1;
}

static int parse_uint(const char *s, size_t n, long long max, long long *out)
{
    if (n == 0 || n > 9) return 0;
    long long v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return 0;
        v = v * 10 + (s[i] - '0');
    }
    if (v < 1 || v > max) return 0;
    *out = v;
    return 1;
}

/* UNTIL as naive local time: a date includes its whole day; a UTC time is converted. */
static int parse_until(const char *s, size_t n, const char *tzid, long long *out)
{
    if (n != 8 && n != 15 && n != 16) return 0;
    if (n >= 15 && s[8] != 'T') return 0;
    if (n == 16 && s[15] != 'Z') return 0;
    char buf[20];
    if (n == 8) snprintf(buf, sizeof buf, "%.4s-%.2s-%.2s", s, s + 4, s + 6);
    else snprintf(buf, sizeof buf, "%.4s-%.2s-%.2sT%.2s:%.2s:%.2s", s, s + 4, s + 6, s + 9, s + 11, s + 13);
    tz_local lt;
    if (tz_parse_local(buf, &lt, NULL) != MJ_OK) return 0;
    if (n == 8) { *out = tz_naive(&lt) + DAY - 1; return 1; }
    if (n == 15) { *out = tz_naive(&lt); return 1; }
    time_t t = (time_t)tz_naive(&lt);   /* the UTC fields read as an instant */
    if (tz_to_local(t, tzid, &lt) != MJ_OK) return 0;
    *out = tz_naive(&lt);
    return 1;
}

/* 1 when rrule is in the arithmetic subset (strictly spelled); 0 sends it to libical. */
static int parse_simple(const char *rrule, const char *tzid, simple_rule *r)
{
    int have_freq = 0, have_interval = 0, have_byday = 0, have_wkst = 0, have_until = 0, have_mday = 0;
    memset(r, 0, sizeof *r);
    r->interval = 1;
    r->until = LLONG_MAX;
    const char *p = rrule;
    while (*p) {
        const char *end = strchr(p, ';');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        const char *eq = memchr(p, '=', len);
        if (!eq) return 0;
        size_t klen = (size_t)(eq - p), vlen = len - klen - 1;
        const char *v = eq + 1;
        long long num;
        if (klen == 4 && !memcmp(p, "FREQ", 4) && !have_freq) {
            have_freq = 1;
            if (vlen == 5 && !memcmp(v, "DAILY", 5)) r->freq = F_DAILY;
            else if (vlen == 6 && !memcmp(v, "WEEKLY", 6)) r->freq = F_WEEKLY;
            else if (vlen == 7 && !memcmp(v, "MONTHLY", 7)) r->freq = F_MONTHLY;
            else return 0;
        } else if (klen == 8 && !memcmp(p, "INTERVAL", 8) && !have_interval) {
            have_interval = 1;
            if (!parse_uint(v, vlen, 1000, &num)) return 0;
            r->interval = (int)num;
        } else if (klen == 5 && !memcmp(p, "COUNT", 5) && !r->count) {
            if (!parse_uint(v, vlen, 100000, &num)) return 0;
            r->count = num;
        } else if (klen == 5 && !memcmp(p, "UNTIL", 5) && !have_until) {
            have_until = 1;
            if (!parse_until(v, vlen, tzid, &r->until)) return 0;
        } else if (klen == 4 && !memcmp(p, "WKST", 4) && !have_wkst) {
            have_wkst = 1;
            if ((r->wkst = weekday_code(v, vlen)) < 0) return 0;
        } else if (klen == 5 && !memcmp(p, "BYDAY", 5) && !have_byday) {
            have_byday = 1;
            for (size_t i = 0; i < vlen;) {
                const char *c = memchr(v + i, ',', vlen - i);
                size_t dl = c ? (size_t)(c - (v + i)) : vlen - i;
                const char *e = v + i;
                int sign = 1, ord = 0;
                if (dl > 2 && (*e == '-' || *e == '+')) { sign = *e == '-' ? -1 : 1; e++; dl--; }
                if (dl == 3 && *e >= '1' && *e <= '5') { ord = sign * (*e - '0'); e++; dl--; }
                else if (sign < 0 || e != v + i) return 0;
                int d = weekday_code(e, dl);
                if (d < 0) return 0;
                if (ord) {
                    if (r->nth_n == 35) return 0;
                    r->nth_ord[r->nth_n] = ord;
                    r->nth_wd[r->nth_n++] = d;
                } else {
                    r->mask |= 1u << d;
                }
                i = (size_t)(e - v) + dl + (c ? 1 : 0);
                if (c && i == vlen) return 0;
            }
            if (!r->mask && !r->nth_n) return 0;
        } else if (klen == 10 && !memcmp(p, "BYMONTHDAY", 10) && !have_mday) {
            have_mday = 1;
            for (size_t i = 0; i < vlen;) {
                const char *c = memchr(v + i, ',', vlen - i);
                size_t dl = c ? (size_t)(c - (v + i)) : vlen - i;
                int neg = dl > 1 && v[i] == '-';
                if (!parse_uint(v + i + neg, dl - neg, 31, &num) || r->nmday == 31) return 0;
                r->mday[r->nmday++] = neg ? -(int)num : (int)num;
                i += dl + (c ? 1 : 0);
                if (c && i == vlen) return 0;
            }
        } else {
            return 0;
        }
        p += len + (end ? 1 : 0);
        if (end && !*p) return 0;
    }
    if (!have_freq || (have_until && r->count)) return 0;
    if (r->freq != F_MONTHLY && (r->nth_n || have_mday)) return 0;
    if (r->freq == F_DAILY && r->mask && r->count) return 0;
    if (r->freq == F_MONTHLY && have_byday && have_mday) return 0;   /* intersection: libical */
    return 1;
}

static int days_in_month(int y, int m)
{
    static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
    return d[m - 1];
}

/* The days of month (y, m) the rule picks, as bits 1..31. */
static unsigned long long month_days(const simple_rule *r, int y, int m, int dtstart_mday)
{
    int nd = days_in_month(y, m);
    unsigned long long bits = 0;
    if (r->nmday) {
        for (int i = 0; i < r->nmday; i++) {
            int d = r->mday[i] > 0 ? r->mday[i] : nd + 1 + r->mday[i];
            if (d >= 1 && d <= nd) bits |= 1ull << d;
        }
        return bits;
    }
    if (!r->mask && !r->nth_n) return dtstart_mday <= nd ? 1ull << dtstart_mday : 0;
    int wd1 = tz_weekday_of_days(tz_days_from_civil(y, m, 1));
    for (int wd = 0; wd < 7; wd++)
        if (r->mask & (1u << wd))
            for (int d = 1 + (wd - wd1 + 7) % 7; d <= nd; d += 7) bits |= 1ull << d;
    for (int i = 0; i < r->nth_n; i++) {
        int first = 1 + (r->nth_wd[i] - wd1 + 7) % 7, d;
        if (r->nth_ord[i] > 0) d = first + 7 * (r->nth_ord[i] - 1);
        else d = first + 7 * ((nd - first) / 7) + 7 * (r->nth_ord[i] + 1);
        if (d >= 1 && d <= nd) bits |= 1ull << d;
    }
    return bits;
}

static int expand_monthly(const expansion *x, const simple_rule *r, long long d0, long long sod)
{
    tz_local st, lo;
    tz_from_naive(d0 * DAY, &st);
    tz_from_naive(x->lo, &lo);
    long long m0 = st.year * 12LL + st.month - 1, k = 0, seen = 0;
    /* COUNT needs every month from DTSTART counted; months are cheap, so no jump then. */
    if (!r->count && lo.year * 12LL + lo.month - 1 > m0) k = (lo.year * 12LL + lo.month - 1 - m0) / r->interval;
    for (;; k++) {
        long long mi = m0 + k * r->interval;
        int y = (int)(mi / 12), m = (int)(mi % 12) + 1;
        long long first_day = tz_days_from_civil(y, m, 1);
        if (first_day * DAY > x->hi || first_day * DAY > r->until || y > 9999) return MJ_OK;
        unsigned long long bits = month_days(r, y, m, st.mday);
        for (int d = 1; d <= 31; d++) {
            if (!(bits & (1ull << d))) continue;
            long long day = first_day + d - 1, n = day * DAY + sod;
            if (day < d0) continue;
            if (r->count && seen >= r->count) return MJ_OK;
            seen++;
            if (n > r->until || n > x->hi) return MJ_OK;
            if (n < x->lo) continue;
            if (emit(x, n) != GO_ON) return MJ_OK;
        }
    }
}

static int expand_simple(const expansion *x, const simple_rule *r)
{
    long long d0 = x->start >= 0 ? x->start / DAY : -((-x->start + DAY - 1) / DAY);
    long long sod = x->start - d0 * DAY;
    long long lo_day = x->lo >= 0 ? x->lo / DAY : -((-x->lo + DAY - 1) / DAY);
    long long seen = 0;
    if (r->freq == F_MONTHLY) return expand_monthly(x, r, d0, sod);
    if (r->freq == F_DAILY) {
        long long k = 0;
        if (lo_day > d0) k = (lo_day - d0) / r->interval;
        for (;; k++) {
            if (r->count && k >= r->count) return MJ_OK;
            long long day = d0 + k * r->interval, n = day * DAY + sod;
            if (n > r->until || n > x->hi) return MJ_OK;
            if (r->mask && !(r->mask & (1u << tz_weekday_of_days(day)))) continue;
            if (emit(x, n) != GO_ON) return MJ_OK;
        }
    }
    unsigned mask = r->mask ? r->mask : 1u << tz_weekday_of_days(d0);
    long long w0 = d0 - (tz_weekday_of_days(d0) - r->wkst + 7) % 7;
    int first = 0, per_week = 0;
    for (int o = 0; o < 7; o++) {
        if (!(mask & (1u << ((r->wkst + o) % 7)))) continue;
        per_week++;
        if (w0 + o >= d0) first++;
    }
    long long j = 0;
    if (lo_day > w0) j = (lo_day - w0) / 7 / r->interval * r->interval;
    if (j > 0) seen = first + (j / r->interval - 1) * per_week;
    for (;; j += r->interval) {
        for (int o = 0; o < 7; o++) {
            long long day = w0 + 7 * j + o;
            if (day < d0 || !(mask & (1u << ((r->wkst + o) % 7)))) continue;
            if (r->count && seen >= r->count) return MJ_OK;
            seen++;
            long long n = day * DAY + sod;
            if (n > r->until || n > x->hi) return MJ_OK;
            if (emit(x, n) != GO_ON) return MJ_OK;
        }
    }
}

/* ---- the libical engine ---- */

static struct icaltimetype ical_floating(long long n)
{
    tz_local lt;
    tz_from_naive(n, &lt);
    struct icaltimetype it = icaltime_null_time();
    it.year = lt.year; it.month = lt.month; it.day = lt.mday;
    it.hour = lt.hour; it.minute = lt.minute; it.second = lt.second;
    return it;
}

static int n_of(const short *a, int size)
{
    int n = 0;
    while (n < size && a[n] != ICAL_RECURRENCE_ARRAY_MAX) n++;
    return n;
}

/* An upper bound of how many occurrences one period of the rule can have (the set BYSETPOS
 * picks from): libical searches for centuries for a position past the set's end. */
static int set_max(const struct icalrecurrencetype *r)
{
    int nday = n_of(r->by_day, ICAL_BY_DAY_SIZE), nmday = n_of(r->by_month_day, ICAL_BY_MONTHDAY_SIZE);
    int nmon = n_of(r->by_month, ICAL_BY_MONTH_SIZE), nyday = n_of(r->by_year_day, ICAL_BY_YEARDAY_SIZE);
    int nweek = n_of(r->by_week_no, ICAL_BY_WEEKNO_SIZE);
    int per_month_days = 0, per_year_days = 0;
    for (int i = 0; i < nday; i++) {
        int ord = icalrecurrencetype_day_position(r->by_day[i]);
        per_month_days += ord ? 1 : 5;
        per_year_days += ord ? 1 : 53;
    }
    switch (r->freq) {
    case ICAL_DAILY_RECURRENCE: return 1;
    case ICAL_WEEKLY_RECURRENCE: return nday ? nday : 1;
    case ICAL_MONTHLY_RECURRENCE:
        if (nmday && nday) return nmday < per_month_days ? nmday : per_month_days;
        return nmday ? nmday : nday ? per_month_days : 1;
    default: {
        int months = nmon ? nmon : 12, best = 366;
        if (nyday && nyday < best) best = nyday;
        if (nweek && nweek * 7 < best) best = nweek * 7;
        if (nmday && nmday * months < best) best = nmday * months;
        if (nday && (nmon ? per_month_days * months : per_year_days) < best)
            best = nmon ? per_month_days * months : per_year_days;
        if (!nyday && !nweek && !nmday && !nday) best = nmon ? nmon : 1;
        return best;
    }
    }
}

/* Why libical's rule r cannot be used, or NULL. Sub-daily parts are refused (an event repeats
 * at most daily; its time of day is the start's), and so are combinations that can never
 * happen (BYMONTHDAY=30 in February), on which libical's iterator searches for centuries. */
static const char *rule_problem(const struct icalrecurrencetype *r)
{
    if (r->freq != ICAL_DAILY_RECURRENCE && r->freq != ICAL_WEEKLY_RECURRENCE &&
        r->freq != ICAL_MONTHLY_RECURRENCE && r->freq != ICAL_YEARLY_RECURRENCE)
        return "FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY";
    if (r->by_hour[0] != ICAL_RECURRENCE_ARRAY_MAX || r->by_minute[0] != ICAL_RECURRENCE_ARRAY_MAX ||
        r->by_second[0] != ICAL_RECURRENCE_ARRAY_MAX)
        return "BYHOUR, BYMINUTE and BYSECOND are not supported (an event repeats at most daily, at its start's time)";
    if (r->count < 0 || r->count > 100000) return "COUNT must be 1 to 100000";
    if (r->interval < 1 || r->interval > 1000) return "INTERVAL must be 1 to 1000";
    /* an ordinal weekday past the period (BYDAY=-8FR in a month) never happens */
    int nmon_ = n_of(r->by_month, ICAL_BY_MONTH_SIZE);
    for (int i = 0; i < ICAL_BY_DAY_SIZE && r->by_day[i] != ICAL_RECURRENCE_ARRAY_MAX; i++) {
        int ord = icalrecurrencetype_day_position(r->by_day[i]), a = ord < 0 ? -ord : ord;
        int lim = r->freq == ICAL_MONTHLY_RECURRENCE || (r->freq == ICAL_YEARLY_RECURRENCE && nmon_) ? 5
                : r->freq == ICAL_YEARLY_RECURRENCE ? 53 : 0;
        if (a > lim) return "BYDAY: the number before the weekday is past the end of the period";
    }
    int smax = set_max(r);
    for (int i = 0; i < ICAL_BY_SETPOS_SIZE && r->by_set_pos[i] != ICAL_RECURRENCE_ARRAY_MAX; i++)
        if (r->by_set_pos[i] == 0 || r->by_set_pos[i] > smax || r->by_set_pos[i] < -smax)
            return "BYSETPOS is past the end of the set of occurrences in a period";
    if (r->by_month_day[0] != ICAL_RECURRENCE_ARRAY_MAX) {
        /* some listed month (all when none) must have one of the listed days (29 February counts) */
        static const int mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
        int any = 0;
        for (int m = 1; m <= 12 && !any; m++) {
            int listed = r->by_month[0] == ICAL_RECURRENCE_ARRAY_MAX;
            for (int i = 0; i < ICAL_BY_MONTH_SIZE && r->by_month[i] != ICAL_RECURRENCE_ARRAY_MAX; i++)
                listed |= r->by_month[i] == m;
            if (!listed) continue;
            for (int i = 0; i < ICAL_BY_MONTHDAY_SIZE && r->by_month_day[i] != ICAL_RECURRENCE_ARRAY_MAX; i++) {
                int d = r->by_month_day[i];
                if ((d > 0 ? d : -d) <= mdays[m - 1] && d != 0) any = 1;
            }
        }
        if (!any) return "BYMONTHDAY never falls in the months of the rule";
    }
    if (r->by_year_day[0] != ICAL_RECURRENCE_ARRAY_MAX && r->by_month_day[0] != ICAL_RECURRENCE_ARRAY_MAX)
        return "BYYEARDAY cannot be combined with BYMONTHDAY";
    return NULL;
}

/* Drops repeated values from one BY list in place (libical would count COUNT over repeats). */
static void dedupe(short *a, int size)
{
    int n = 0;
    for (int i = 0; i < size && a[i] != ICAL_RECURRENCE_ARRAY_MAX; i++) {
        int seen = 0;
        for (int j = 0; j < n && !seen; j++) seen = a[j] == a[i];
        if (!seen) a[n++] = a[i];
    }
    for (int i = n; i < size && a[i] != ICAL_RECURRENCE_ARRAY_MAX; i++) a[i] = ICAL_RECURRENCE_ARRAY_MAX;
}

/* Parses rrule with libical; 0 and r filled, or MJ_EINVAL with the reason in msg. */
static int ical_rule(const char *rrule, struct icalrecurrencetype *r, char *msg, size_t len)
{
    icalerror_clear_errno();
    *r = icalrecurrencetype_from_string(rrule);
    int bad = r->freq == ICAL_NO_RECURRENCE || icalerrno != ICAL_NO_ERROR;
    icalerror_clear_errno();
    if (bad) return mj_err(msg, len, MJ_EINVAL, "is not a valid RRULE");
    dedupe(r->by_day, ICAL_BY_DAY_SIZE);
    dedupe(r->by_month_day, ICAL_BY_MONTHDAY_SIZE);
    dedupe(r->by_month, ICAL_BY_MONTH_SIZE);
    dedupe(r->by_year_day, ICAL_BY_YEARDAY_SIZE);
    dedupe(r->by_week_no, ICAL_BY_WEEKNO_SIZE);
    dedupe(r->by_set_pos, ICAL_BY_SETPOS_SIZE);
    const char *why = rule_problem(r);
    if (why) return mj_err(msg, len, MJ_EINVAL, "%s", why);
    return MJ_OK;
}

/* The span of one period of the rule, in seconds (how far past the window to look for
 * occurrences libical returns late). */
static long long period_of(const struct icalrecurrencetype *r)
{
    long long d = r->freq == ICAL_DAILY_RECURRENCE ? 1 : r->freq == ICAL_WEEKLY_RECURRENCE ? 7
                : r->freq == ICAL_MONTHLY_RECURRENCE ? 31 : 366;
    return d * r->interval * DAY;
}

static int ll_cmp(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return (x > y) - (x < y);
}

static int expand_libical(expansion *x, const char *rrule, char *err, size_t errlen)
{
    struct icalrecurrencetype r;
    char why[160];
    if (ical_rule(rrule, &r, why, sizeof why))
        return mj_err(err, errlen, MJ_EINVAL, "event %s: rrule \"%s\" %s", x->event_id, rrule, why);
    if (x->bud && (x->bud->steps <= 0 || budget_over(x->bud)))
        return mj_err(err, errlen, MJ_EINVAL, "event %s: left out, the query's time for expanding rules is used up",
                      x->event_id);
    /* The iterator runs in floating local time; UNTIL must be local too, and a date UNTIL
     * includes its whole day (libical would compare it as that day's 00:00). */
    if (!icaltime_is_null_time(r.until)) {
        long long u;
        tz_local lt = { r.until.year, r.until.month, r.until.day, r.until.hour, r.until.minute, r.until.second, 0 };
        if (r.until.is_date) {
            u = tz_naive(&lt) - (lt.hour * 3600LL + lt.minute * 60LL + lt.second) + DAY - 1;
        } else if (icaltime_is_utc(r.until)) {
            if (tz_to_local((time_t)tz_naive(&lt), x->tzid, &lt) != MJ_OK)
                return mj_err(err, errlen, MJ_EINVAL, "unknown time zone %s", x->tzid);
            u = tz_naive(&lt);
        } else {
            u = tz_naive(&lt);
        }
        r.until = ical_floating(u);
    }
    icalrecur_iterator *it = icalrecur_iterator_new(r, ical_floating(x->start));
    if (!it)
        return mj_err(err, errlen, MJ_EINVAL, "event %s: rrule \"%s\" cannot be expanded", x->event_id, rrule);
    /* Jump near the window; set_start refuses COUNT rules, which are iterated from DTSTART. */
    if (recur_test_engine != 2 && r.count == 0 && x->lo > x->start)
        icalrecur_iterator_set_start(it, ical_floating(x->lo));
    /* libical does not always return a period's occurrences in order (BYWEEKNO, repeated
     * BYDAY values give duplicates): gather every candidate up to a period past the window,
     * then sort, drop repeats and emit in order. */
    long long slack = period_of(&r), *cand = NULL, last = LLONG_MIN;
    size_t nc = 0, cap = 0;
    int rc = MJ_OK;
    for (long steps = 0;; steps++) {
        if (steps >= MAX_LIBICAL_STEPS || (x->bud && --x->bud->steps < 0) ||
            (x->bud && (steps & 255) == 255 && budget_over(x->bud))) {
            rc = mj_err(err, errlen, MJ_EINVAL, "event %s: rrule \"%s\" has too many occurrences before the window",
                        x->event_id, rrule);
            break;
        }
        struct icaltimetype o = icalrecur_iterator_next(it);
        if (icaltime_is_null_time(o)) break;
        tz_local lt = { o.year, o.month, o.day, o.hour, o.minute, o.second, 0 };
        long long n = tz_naive(&lt);
        if (n > x->hi + slack) break;
        if (n < x->lo || n > x->hi) continue;
        if (nc == cap) {
            size_t c2 = cap ? cap * 2 : 64;
            long long *v = c2 <= MAX_EVENT_OCC * 2 ? realloc(cand, c2 * sizeof *v) : NULL;
            if (!v) break;   /* more than an event may yield: keep what we have */
            cand = v;
            cap = c2;
        }
        cand[nc++] = n;
    }
    icalrecur_iterator_free(it);
    if (nc) qsort(cand, nc, sizeof *cand, ll_cmp);
    if (rc == MJ_OK)
        for (size_t i = 0; i < nc; i++) {
            if (cand[i] == last) continue;
            last = cand[i];
            if (emit(x, cand[i]) != GO_ON) break;
        }
    free(cand);
    return rc;
}

int recur_rule_check(const char *rrule, char *msg, size_t len)
{
    struct icalrecurrencetype r;
    if (!rrule) return mj_err(msg, len, MJ_EINVAL, "is missing");
    return ical_rule(rrule, &r, msg, len);
}

/* ---- entry points ---- */

static int expand(expansion *x, const char *start_local, const char *end_local, const char *rrule,
                  const char *const *exdates, size_t nexdates, long long from_naive, long long to_naive,
                  char *err, size_t errlen)
{
    tz_local s, e;
    int date_only;
    if (tz_parse_local(start_local, &s, &date_only) != MJ_OK || date_only)
        return mj_err(err, errlen, MJ_EINVAL, "event %s: start \"%s\" is not a local date-time", x->event_id, start_local);
    if (tz_parse_local(end_local, &e, &date_only) != MJ_OK || date_only)
        return mj_err(err, errlen, MJ_EINVAL, "event %s: end \"%s\" is not a local date-time", x->event_id, end_local);
    x->start = tz_naive(&s);
    x->dur = tz_naive(&e) - x->start;
    /* zero length: a calendar event with only a DTSTART (RFC 5545) */
    if (x->dur < 0 || x->dur > 7 * DAY)
        return mj_err(err, errlen, MJ_EINVAL, "event %s: end must not be before start, at most 7 days later", x->event_id);
    /* A day of margin on both sides covers any UTC offset. */
    x->lo = from_naive - x->dur - DAY;
    x->hi = to_naive + DAY;

    long long days_buf[16], times_buf[16], *days = days_buf, *times = times_buf;
    if (nexdates > 16) {
        days = malloc(nexdates * sizeof *days);
        times = malloc(nexdates * sizeof *times);
        if (!days || !times) {
            free(days); free(times);
            return mj_err(err, errlen, MJ_ENOMEM, "out of memory");
        }
    }
    x->ex_days = days; x->ex_times = times; x->nex_days = x->nex_times = 0;
    int rc = MJ_OK;
    for (size_t i = 0; i < nexdates && rc == MJ_OK; i++) {
        tz_local lt;
        if (!exdates[i] || tz_parse_local(exdates[i], &lt, &date_only) != MJ_OK)
            rc = mj_err(err, errlen, MJ_EINVAL, "event %s: exdate \"%s\" is not a date or local date-time",
                        x->event_id, exdates[i] ? exdates[i] : "(null)");
        else if (date_only) days[x->nex_days++] = tz_days_from_civil(lt.year, lt.month, lt.mday);
        else times[x->nex_times++] = tz_naive(&lt);
    }
    if (rc == MJ_OK) {
        simple_rule sr;
        if (!rrule || !*rrule) {
            if (x->start >= x->lo && x->start <= x->hi) emit(x, x->start);
        } else if (recur_test_engine == 0 && parse_simple(rrule, x->tzid, &sr)) {
            rc = expand_simple(x, &sr);
        } else {
            rc = expand_libical(x, rrule, err, errlen);
        }
    }
    if (days != days_buf) { free(days); free(times); }
    return rc;
}

static int naive_of(time_t t, const char *tzid, long long *out)
{
    tz_local lt;
    if (tz_to_local(t, tzid, &lt) != MJ_OK) return MJ_EINVAL;
    *out = tz_naive(&lt);
    return MJ_OK;
}

int recur_expand_event(const char *event_id, const char *start_local, const char *end_local,
                       const char *rrule, const char *const *exdates, size_t nexdates,
                       const char *tzid, time_t from, time_t to, recur_cb cb, void *ctx,
                       char *err, size_t errlen)
{
    long long fn, tn;
    if (!event_id || !start_local || !end_local || !cb)
        return mj_err(err, errlen, MJ_EINVAL, "recur: missing event id, start, end or callback");
    if (naive_of(from, tzid, &fn) || naive_of(to, tzid, &tn))
        return mj_err(err, errlen, MJ_EINVAL, "unknown time zone %s", tzid ? tzid : "(null)");
    expansion x = { .event_id = event_id, .tzid = tzid, .from = from, .to = to, .cb = cb, .ctx = ctx };
    if (from >= to) return MJ_OK;
    return expand(&x, start_local, end_local, rrule, exdates, nexdates, fn, tn, err, errlen);
}

/* ---- every event in the store ---- */

/* Occurrences are gathered as (start, end, rank): events are read in id order, so the rank
 * orders ties like the ids do and sorting compares integers only. Ids are copied out at the
 * end, for the occurrences kept. */
typedef struct found { time_t start, end; unsigned rank; } found;

typedef struct collector {
    found *v;
    size_t n, cap;
    unsigned rank;
    int oom;
} collector;

static int collect(const char *event_id, time_t start, time_t end, void *ctx)
{
    (void)event_id;
    collector *c = ctx;
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 1024;
        found *v = realloc(c->v, cap * sizeof *v);
        if (!v) { c->oom = 1; return 1; }
        c->v = v;
        c->cap = cap;
    }
    c->v[c->n++] = (found){ start, end, c->rank };
    return 0;
}

static int found_cmp(const void *a, const void *b)
{
    const found *x = a, *y = b;
    if (x->start != y->start) return x->start < y->start ? -1 : 1;
    if (x->rank != y->rank) return x->rank < y->rank ? -1 : 1;
    return (x->end > y->end) - (x->end < y->end);
}

int recur_between(store *s, time_t from, time_t to, size_t max_out, recur_occurrence **out,
                  size_t *n, char *err, size_t errlen)
{
    sqlite3 *db = store_db(s);
    sqlite3_stmt *ev = NULL, *ex = NULL, *site = NULL;
    collector c = { 0 };
    char tzid[64] = "Europe/Helsinki";
    const char *ex_ptrs[100];
    char ex_text[100][24];
    char (*ids)[65] = NULL;      /* id of each rank */
    size_t ids_cap = 0;
    int rc = MJ_OK;
    *out = NULL;
    *n = 0;

    if (sqlite3_prepare_v2(db, "SELECT timezone FROM site LIMIT 1", -1, &site, NULL) != SQLITE_OK)
        return store_fail(s, "events", err, errlen);
    if (sqlite3_step(site) == SQLITE_ROW && sqlite3_column_text(site, 0) && *sqlite3_column_text(site, 0))
        snprintf(tzid, sizeof tzid, "%s", (const char *)sqlite3_column_text(site, 0));
    sqlite3_finalize(site);

    long long fn, tn;
    if (naive_of(from, tzid, &fn) || naive_of(to, tzid, &tn))
        return mj_err(err, errlen, MJ_EINVAL, "unknown time zone %s", tzid);
    if (from >= to || max_out == 0) return MJ_OK;
    size_t keep_max = max_out < MAX_QUERY_OCC ? max_out : MAX_QUERY_OCC;
    budget bud;
    budget_start(&bud);

    /* Events and their exdates both in id order, merged as we go: two statements, no
     * query per event. */
    if (sqlite3_prepare_v2(db, "SELECT id, start_local, end_local, rrule FROM events ORDER BY id", -1, &ev, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "SELECT event_id, exdate FROM event_exdates ORDER BY event_id", -1, &ex, NULL) != SQLITE_OK) {
        rc = store_fail(s, "events", err, errlen);
        goto done;
    }
    int ex_row = sqlite3_step(ex);
    int step;
    while ((step = sqlite3_step(ev)) == SQLITE_ROW) {
        const char *id = (const char *)sqlite3_column_text(ev, 0);
        const char *sl = (const char *)sqlite3_column_text(ev, 1);
        const char *el = (const char *)sqlite3_column_text(ev, 2);
        const char *rr = (const char *)sqlite3_column_text(ev, 3);
        size_t nex = 0;
        while (ex_row == SQLITE_ROW) {
            const char *eid = (const char *)sqlite3_column_text(ex, 0);
            int cmp = strcmp(eid ? eid : "", id ? id : "");
            if (cmp > 0) break;
            if (cmp == 0 && nex < 100) {
                const char *t = (const char *)sqlite3_column_text(ex, 1);
                snprintf(ex_text[nex], sizeof ex_text[nex], "%s", t ? t : "");
                ex_ptrs[nex] = ex_text[nex];
                nex++;
            }
            ex_row = sqlite3_step(ex);
        }
        if (!id || !sl || !el) continue;
        size_t before = c.n;
        expansion x = { .event_id = id, .tzid = tzid, .from = from, .to = to, .cb = collect, .ctx = &c,
                        .bud = recur_test_engine == 2 ? NULL : &bud };
        /* A broken event (or one past the query's budget) is left out rather than emptying the
         * whole calendar. */
        expand(&x, sl, el, rr, ex_ptrs, nex, fn, tn, NULL, 0);
        if (c.oom) break;
        if (c.n == before) continue;
        if (c.rank == ids_cap) {
            size_t cap = ids_cap ? ids_cap * 2 : 256;
            char (*v)[65] = realloc(ids, cap * sizeof *v);
            if (!v) { c.oom = 1; break; }
            ids = v;
            ids_cap = cap;
        }
        size_t len = strlen(id);
        if (len > 64) len = 64;
        memcpy(ids[c.rank], id, len);
        ids[c.rank][len] = 0;
        c.rank++;
        /* memory stays bounded: only the earliest `keep_max` can be returned */
        if (c.n >= 2 * keep_max) {
            qsort(c.v, c.n, sizeof *c.v, found_cmp);
            c.n = keep_max;
        }
    }
    if (c.oom) rc = mj_err(err, errlen, MJ_ENOMEM, "out of memory");
    else if (step != SQLITE_DONE) rc = store_fail(s, "events", err, errlen);
    if (rc == MJ_OK && c.n) {
        qsort(c.v, c.n, sizeof *c.v, found_cmp);
        size_t keep = c.n < keep_max ? c.n : keep_max;
        recur_occurrence *o = malloc(keep * sizeof *o);
        if (!o) {
            rc = mj_err(err, errlen, MJ_ENOMEM, "out of memory");
        } else {
            for (size_t i = 0; i < keep; i++) {
                memcpy(o[i].event_id, ids[c.v[i].rank], sizeof o[i].event_id);
                o[i].start = c.v[i].start;
                o[i].end = c.v[i].end;
            }
            *out = o;
            *n = keep;
        }
    }
done:
    sqlite3_finalize(ev);
    sqlite3_finalize(ex);
    free(c.v);
    free(ids);
    return rc;
}
