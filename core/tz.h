/* tz.h - converting between instants (time_t, UTC) and local wall-clock time in an IANA zone
 * (Europe/Helsinki unless told otherwise), through libical's time zone data, so that results do
 * not depend on the process's TZ. Across a DST gap a local time is moved forward by the gap
 * (Helsinki 03:30 on the last Sunday of March is 04:30 EEST); in the repeated hour the first
 * (summer time) instant is taken. Zone offsets are cached per year after the first use, so a
 * conversion costs a table look-up; unknown zones give MJ_EINVAL. */
#ifndef MAJAKKA_TZ_H
#define MAJAKKA_TZ_H
#include <time.h>

typedef struct tz_local { int year, month, mday, hour, minute, second, wday; /* 0 = Monday */ } tz_local;

int tz_to_local(time_t t, const char *tzid, tz_local *out);
int tz_from_local(const tz_local *lt, const char *tzid, time_t *out);
/* Parses "YYYY-MM-DD", "YYYY-MM-DDTHH:MM" or "YYYY-MM-DDTHH:MM:SS" (a date gives 00:00);
 * checks ranges (month days, leap years). Returns 0 or MJ_EINVAL. */
int tz_parse_local(const char *s, tz_local *out, int *is_date_only);
/* Formats "YYYY-MM-DDTHH:MM:SS". */
void tz_format_local(const tz_local *lt, char buf[20]);

/* Wall-clock arithmetic without a zone: a local time as seconds since 1970-01-01T00:00 of the
 * same calendar (as if it were UTC), and back (fills wday). Adding 86400 is "the same time
 * tomorrow"; recurrence and opening hours compute in this domain, then convert with
 * tz_from_local. Days are counted the same way (tz_days_from_civil(1970, 1, 1) == 0). */
long long tz_naive(const tz_local *lt);
void tz_from_naive(long long naive, tz_local *out);
/* tz_from_local for a naive wall-clock value. */
int tz_instant_of_naive(long long naive, const char *tzid, time_t *out);
long long tz_days_from_civil(int year, int month, int mday);
/* 0 = Monday for a day number from tz_days_from_civil. */
int tz_weekday_of_days(long long days);

#endif
