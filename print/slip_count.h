/* slip_count.h - printed slips per service and day (store table slip_counts, migration 3): the
 * only thing the coordinators' report learns about slips. Nothing else is kept. */
#ifndef MAJAKKA_SLIP_COUNT_H
#define MAJAKKA_SLIP_COUNT_H
#include <stddef.h>
#include "store.h"

/* Adds 1 for each service id on day ("YYYY-MM-DD"), in one transaction. */
int slip_count_add(store *s, const char *day, const char *const *service_ids, int n, char *err, size_t errlen);
/* The count for one service and day (0 when none). */
int slip_count_get(store *s, const char *day, const char *service_id, long *out, char *err, size_t errlen);

#endif
