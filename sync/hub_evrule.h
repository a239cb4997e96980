/* hub_evrule.h - the repeat rules a coordinator picks in the event form, and their iCalendar
 * RRULE (docs/content-bundle.md `events`). The form offers: once; every week or every other week
 * on chosen weekdays; every month on chosen n-th weekdays (second Tuesday, last Friday); ending
 * never, on a date (inclusive) or after a count. A bundle rule outside that set (BYSETPOS, WKST
 * other than Monday, DAILY, YEARLY, ...) is "not covered": the form shows it read-only. */
#ifndef MAJAKKA_HUB_EVRULE_H
#define MAJAKKA_HUB_EVRULE_H
#include <stddef.h>

enum { EVR_ONCE, EVR_WEEKLY, EVR_MONTHLY };
enum { EVR_END_NEVER, EVR_END_UNTIL, EVR_END_COUNT };
#define EVR_MAX_COUNT 1000      /* the form's limit for "for N times" */
#define EVR_MAX_INTERVAL 2      /* every week or every other week */

typedef struct hub_evrule {
    int repeat;                 /* EVR_ONCE, EVR_WEEKLY, EVR_MONTHLY */
    int interval;               /* weekly: 1 or 2; monthly: 1 */
    unsigned days;              /* weekdays, bit 0 = Monday .. bit 6 = Sunday */
    unsigned weeks;             /* monthly: which ones, bit 0..4 = 1st..5th, bit 5 = last */
    int ends;                   /* EVR_END_* */
    char until[11];             /* "YYYY-MM-DD" when ends == EVR_END_UNTIL */
    int count;                  /* 1..EVR_MAX_COUNT when ends == EVR_END_COUNT */
} hub_evrule;

/* Reads rrule (NULL or "" = once) into *out. 0 when the form can show it exactly; MJ_EINVAL
 * when it cannot (the rule is then shown read-only and kept as written). Parts may come in any
 * order; INTERVAL=1 and WKST=MO may be written or not. */
int hub_evrule_parse(const char *rrule, hub_evrule *out);

/* The RRULE of a rule the form made ("" for once), e.g. "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;
 * UNTIL=20270531". MJ_EINVAL (with a message naming the form field in err) when r is not a rule
 * the form offers: no weekday, interval not 1..2, count 0 or over the limit, bad until date. */
int hub_evrule_format(const hub_evrule *r, char *buf, size_t len, char *err, size_t errlen);

/* 1 when two rules mean the same (fields that do not apply ignored). */
int hub_evrule_equal(const hub_evrule *a, const hub_evrule *b);

/* "MO".."SU" for 0..6; the form's weekday values. */
extern const char *const hub_evrule_day_codes[7];
/* "1".."5", "last": the form's values for the n-th weekday of a month (bits 0..5). */
extern const char *const hub_evrule_week_codes[6];

#endif
