/* recur.h - event occurrences between two instants, expanded from each event's iCalendar RRULE
 * by libical in local time (so a weekly 10:00 stays at 10:00 across DST changes), with EXDATE
 * cancellations removed. */
#ifndef MAJAKKA_RECUR_H
#define MAJAKKA_RECUR_H
#include <stddef.h>
#include <time.h>
#include "store.h"

typedef struct recur_occurrence {
    char event_id[65];
    time_t start, end;
} recur_occurrence;

/* Expands one event's rule: occurrences whose interval overlaps [from, to), in start order.
 * exdates are dates ("YYYY-MM-DD": every occurrence starting that local day) or local
 * date-times of an occurrence's start. Calls cb for each; cb returning non-zero stops. */
typedef int (*recur_cb)(const char *event_id, time_t start, time_t end, void *ctx);
int recur_expand_event(const char *event_id, const char *start_local, const char *end_local,
                       const char *rrule, const char *const *exdates, size_t nexdates,
                       const char *tzid, time_t from, time_t to, recur_cb cb, void *ctx,
                       char *err, size_t errlen);

/* 0 when rrule is a rule this module expands; else MJ_EINVAL and the reason in msg (e.g. "BYHOUR,
 * BYMINUTE and BYSECOND are not supported ..."): FREQ DAILY to YEARLY, no sub-daily parts, COUNT
 * at most 100000, INTERVAL at most 1000, no BYMONTHDAY that never falls in the rule's months. */
int recur_rule_check(const char *rrule, char *msg, size_t len);

/* All occurrences of all events in the store overlapping [from, to), sorted by start then id.
 * *out is malloc'd (free it); at most max_out occurrences, and never more than 100000 (the
 * earliest are kept). One query is bounded: each event yields at most 10000 occurrences, and
 * rules libical must expand share 2000000 iterator steps and 1 s; events past that budget are
 * left out (like broken ones) rather than freezing the caller. */
int recur_between(store *s, time_t from, time_t to, size_t max_out, recur_occurrence **out,
                  size_t *n, char *err, size_t errlen);




#endif
