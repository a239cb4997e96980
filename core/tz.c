/* tz.c - see tz.h. libical carries the zone rules (from the system's tzdata), so conversions
 * do not depend on the process's TZ variable. libical itself resolves a local time in a DST
 * gap backwards and one in the repeated hour to the winter instant; we want the opposite
 * (tz.h), so only instant -> local is asked of libical, and local -> instant is solved here. */
#include "tz.h"
#include "util.h"
#include <libical/ical.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

/* Per-zone cache of UTC offsets, one small table per UTC year, filled on first use from
 * libical. Callers convert thousands of times per screen (recurrence, opening hours); asking
 * libical each time would cost more than everything else together. Filling is serialized by
 * a mutex; a filled year is published with a release store. */
#define TZ_YEAR_MIN 1970
#define TZ_YEAR_MAX 2200
#define TZ_ZONES 4
#define TZ_MAX_CHANGES 4

typedef struct tz_year {
    atomic_int ready;
    int off0;                       /* offset (seconds east of UTC) at the start of the year */
    int n;                          /* changes within the year */
    long long at[TZ_MAX_CHANGES];   /* instant of each change */
    int off[TZ_MAX_CHANGES];        /* offset from that instant on */
} tz_year;

typedef struct tz_zone {
    char name[64];
    icaltimezone *z;
    tz_year years[TZ_YEAR_MAX - TZ_YEAR_MIN + 1];
} tz_zone;

static tz_zone zones[TZ_ZONES];
static atomic_int nzones;
static pthread_mutex_t tz_lock = PTHREAD_MUTEX_INITIALIZER;

long long tz_days_from_civil(int y, int m, int d)
{
    /* Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar. */
    long long yy = (long long)y - (m <= 2);
    long long era = (yy >= 0 ? yy : yy - 399) / 400;
    long long yoe = yy - era * 400;
    long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long long z, int *y, int *m, int *d)
{
    z += 719468;
    long long era = (z >= 0 ? z : z - 146096) / 146097;
    long long doe = z - era * 146097;
    long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

static long long floor_div(long long a, long long b)
{
    long long q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

int tz_weekday_of_days(long long days)
{
    /* 1970-01-01 was a Thursday (3 when Monday is 0). */
    return (int)(((days % 7) + 7 + 3) % 7);
}

long long tz_naive(const tz_local *lt)
{
    return tz_days_from_civil(lt->year, lt->month, lt->mday) * 86400LL + lt->hour * 3600LL +
           lt->minute * 60LL + lt->second;
}

void tz_from_naive(long long naive, tz_local *out)
{
    long long days = floor_div(naive, 86400);
    long long sec = naive - days * 86400;
    civil_from_days(days, &out->year, &out->month, &out->mday);
    out->hour = (int)(sec / 3600);
    out->minute = (int)(sec / 60 % 60);
    out->second = (int)(sec % 60);
    out->wday = tz_weekday_of_days(days);
}

/* The offset at instant t straight from libical. */
static int ical_offset(icaltimezone *z, long long t)
{
    struct icaltimetype it = icaltime_from_timet_with_zone((time_t)t, 0, z);
    tz_local lt = { it.year, it.month, it.day, it.hour, it.minute, it.second, 0 };
    return (int)(tz_naive(&lt) - t);
}

static void fill_year(tz_zone *zn, int year)
{
    tz_year *y = &zn->years[year - TZ_YEAR_MIN];
    long long t0 = tz_days_from_civil(year, 1, 1) * 86400LL;
    long long t1 = tz_days_from_civil(year + 1, 1, 1) * 86400LL - 1;
    int po = ical_offset(zn->z, t0);
    y->off0 = po;
    y->n = 0;
    /* Sample daily and bisect each change to the second: zones change at most once a day. */
    for (long long prev = t0, t = t0 + 86400;; prev = t, t += 86400) {
        if (t > t1) t = t1;
        int o = ical_offset(zn->z, t);
        if (o != po) {
            long long lo = prev, hi = t;
            while (hi - lo > 1) {
                long long mid = lo + (hi - lo) / 2;
                if (ical_offset(zn->z, mid) == po) lo = mid; else hi = mid;
            }
            if (y->n < TZ_MAX_CHANGES) {
                y->at[y->n] = hi;
                y->off[y->n] = o;
                y->n++;
            }
            po = o;
        }
        if (t == t1) break;
    }
    atomic_store_explicit(&y->ready, 1, memory_order_release);
}

static tz_zone *zone(const char *tzid)
{
    if (!tzid || !*tzid) tzid = "Europe/Helsinki";
    int n = atomic_load_explicit(&nzones, memory_order_acquire);
    for (int i = 0; i < n; i++)
        if (strcmp(zones[i].name, tzid) == 0) return &zones[i];
    if (strlen(tzid) >= sizeof zones[0].name) return NULL;
    tz_zone *found = NULL;
    pthread_mutex_lock(&tz_lock);
    n = atomic_load_explicit(&nzones, memory_order_relaxed);
    for (int i = 0; i < n && !found; i++)
        if (strcmp(zones[i].name, tzid) == 0) found = &zones[i];
    if (!found && n < TZ_ZONES) {
        icaltimezone *z = icaltimezone_get_builtin_timezone(tzid);
        if (z) {
            found = &zones[n];
            snprintf(found->name, sizeof found->name, "%s", tzid);
            found->z = z;
            atomic_store_explicit(&nzones, n + 1, memory_order_release);
        }
    }
    pthread_mutex_unlock(&tz_lock);
    return found;
}

/* UTC year starts, so finding the year of an instant is a guess and a step. */
static long long year_start[TZ_YEAR_MAX - TZ_YEAR_MIN + 2];
static pthread_once_t year_start_once = PTHREAD_ONCE_INIT;

static void fill_year_start(void)
{
    for (int y = TZ_YEAR_MIN; y <= TZ_YEAR_MAX + 1; y++)
        year_start[y - TZ_YEAR_MIN] = tz_days_from_civil(y, 1, 1) * 86400LL;
}

static int offset_at(tz_zone *zn, long long t)
{
    pthread_once(&year_start_once, fill_year_start);
    if (t < year_start[0] || t >= year_start[TZ_YEAR_MAX - TZ_YEAR_MIN + 1]) {
        pthread_mutex_lock(&tz_lock);
        int o = ical_offset(zn->z, t);
        pthread_mutex_unlock(&tz_lock);
        return o;
    }
    int i = (int)(t / 31556952);   /* the mean Gregorian year: off by at most one */
    if (i > TZ_YEAR_MAX - TZ_YEAR_MIN) i = TZ_YEAR_MAX - TZ_YEAR_MIN;
    while (t < year_start[i]) i--;
    while (t >= year_start[i + 1]) i++;
    tz_year *y = &zn->years[i];
    if (!atomic_load_explicit(&y->ready, memory_order_acquire)) {
        pthread_mutex_lock(&tz_lock);
        if (!atomic_load_explicit(&y->ready, memory_order_relaxed)) fill_year(zn, TZ_YEAR_MIN + i);
        pthread_mutex_unlock(&tz_lock);
    }
    int o = y->off0;
    for (int k = 0; k < y->n && t >= y->at[k]; k++) o = y->off[k];
    return o;
}

int tz_to_local(time_t t, const char *tzid, tz_local *out)
{
    tz_zone *zn = zone(tzid);
    if (!zn) return MJ_EINVAL;
    tz_from_naive((long long)t + offset_at(zn, (long long)t), out);
    return MJ_OK;
}

int tz_instant_of_naive(long long n, const char *tzid, time_t *out)
{
    tz_zone *zn = zone(tzid);
    if (!zn) return MJ_EINVAL;
    /* The offsets a day before and a day after are equal away from a change. Near one, a
     * candidate is real when the offset it assumed is the offset at the instant it gives. */
    int before = offset_at(zn, n - 86400), after = offset_at(zn, n + 86400);
    long long t = n - before;
    if (before != after) {
        long long t1 = n - before, t2 = n - after;
        int ok1 = offset_at(zn, t1) == before, ok2 = offset_at(zn, t2) == after;
        if (ok1 && ok2) t = t1 < t2 ? t1 : t2;   /* the repeated hour: the first instant */
        else if (ok2) t = t2;
        else t = t1;                             /* neither: a gap, moved forward by its length */
    }
    *out = (time_t)t;
    return MJ_OK;
}

int tz_from_local(const tz_local *lt, const char *tzid, time_t *out)
{
    return tz_instant_of_naive(tz_naive(lt), tzid, out);
}

static int days_in_month(int y, int m)
{
    static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
    return d[m - 1];
}

static int digits(const char *s, int n, int *v)
{
    *v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return 0;
        *v = *v * 10 + (s[i] - '0');
    }
    return 1;
}

int tz_parse_local(const char *s, tz_local *out, int *is_date_only)
{
    tz_local lt = { 0 };
    size_t n = strlen(s);
    if (n != 10 && n != 16 && n != 19) return MJ_EINVAL;
    if (!digits(s, 4, &lt.year) || s[4] != '-' || !digits(s + 5, 2, &lt.month) || s[7] != '-' ||
        !digits(s + 8, 2, &lt.mday))
        return MJ_EINVAL;
    if (lt.year < 1970 || lt.year > 2200 || lt.month < 1 || lt.month > 12 || lt.mday < 1 ||
        lt.mday > days_in_month(lt.year, lt.month))
        return MJ_EINVAL;
    if (n > 10) {
        if (s[10] != 'T' || !digits(s + 11, 2, &lt.hour) || s[13] != ':' || !digits(s + 14, 2, &lt.minute))
            return MJ_EINVAL;
        if (n == 19 && (s[16] != ':' || !digits(s + 17, 2, &lt.second))) return MJ_EINVAL;
        if (lt.hour > 23 || lt.minute > 59 || lt.second > 59) return MJ_EINVAL;
    }
    lt.wday = tz_weekday_of_days(tz_days_from_civil(lt.year, lt.month, lt.mday));
    if (is_date_only) *is_date_only = (n == 10);
    *out = lt;
    return MJ_OK;
}

void tz_format_local(const tz_local *lt, char buf[20])
{
    snprintf(buf, 20, "%04u-%02u-%02uT%02u:%02u:%02u", (unsigned)lt->year % 10000u,
             (unsigned)lt->month % 100u, (unsigned)lt->mday % 100u, (unsigned)lt->hour % 100u,
             (unsigned)lt->minute % 100u, (unsigned)lt->second % 100u);
}
