/* tz.h - converting between instants (time_t, UTC) and local wall-clock time in an IANA zone
 * (Europe/Helsinki unless told otherwise), through libical's time zone data, so that results do
 * not depend on the process's TZ. Across a DST gap a local time is moved forward; in the
 * repeated hour the first (summer time) instant is taken. */
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

#endif
