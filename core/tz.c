/* tz.c - see tz.h. libical carries the zone rules (from the system's tzdata), so conversions
 * do not depend on the process's TZ variable. */
#include "tz.h"
#include "util.h"
#include <libical/ical.h>
#include <stdio.h>
#include <string.h>

static icaltimezone *zone(const char *tzid)
{
    return icaltimezone_get_builtin_timezone(tzid ? tzid : "Europe/Helsinki");
}

static int weekday_mon0(int y, int m, int d)
{
    /* Sakamoto's method: 0 = Sunday; shifted so that 0 = Monday. */
    static const int t[] = { 0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4 };
    if (m < 3) y -= 1;
    int w = (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7;
    return (w + 6) % 7;
}

int tz_to_local(time_t t, const char *tzid, tz_local *out)
{
    icaltimezone *z = zone(tzid);
    if (!z) return MJ_EINVAL;
    struct icaltimetype it = icaltime_from_timet_with_zone(t, 0, z);
    out->year = it.year; out->month = it.month; out->mday = it.day;
    out->hour = it.hour; out->minute = it.minute; out->second = it.second;
    out->wday = weekday_mon0(it.year, it.month, it.day);
    return MJ_OK;
}

int tz_from_local(const tz_local *lt, const char *tzid, time_t *out)
{
    icaltimezone *z = zone(tzid);
    if (!z) return MJ_EINVAL;
    struct icaltimetype it = icaltime_null_time();
    it.year = lt->year; it.month = lt->month; it.day = lt->mday;
    it.hour = lt->hour; it.minute = lt->minute; it.second = lt->second;
    it.is_date = 0;
    it.zone = z;
    *out = icaltime_as_timet_with_zone(it, z);
    return MJ_OK;
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
    lt.wday = weekday_mon0(lt.year, lt.month, lt.mday);
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
