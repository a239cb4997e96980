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

/* All occurrences of all events in the store overlapping [from, to), sorted by start then id.
 * *out is malloc'd (free it); at most max_out occurrences (the rest are dropped). */
int recur_between(store *s, time_t from, time_t to, size_t max_out, recur_occurrence **out,
                  size_t *n, char *err, size_t errlen);




#endif
