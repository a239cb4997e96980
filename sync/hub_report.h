/* hub_report.h - what coordinators read: the feedback summary (JSON, also drawn by the
 * dashboard), the CSV export and the kiosk list. Dates are inclusive YYYY-MM-DD bounds on the
 * answers' `created` time; NULL site means all sites. Comments are always masked. */
#ifndef MAJAKKA_HUB_REPORT_H
#define MAJAKKA_HUB_REPORT_H
#include <stddef.h>
#include <jansson.h>
#include "hub_store.h"

/* hub_filter is the store's (hub_store.h). */

/* Replaces e-mail addresses, phone-like digit runs and Finnish personal identity codes in a
 * comment (phone numbers, e-mail addresses and identity codes as "***", core/mask.h). Returns a malloc'd string. */
char *hub_mask_comment(const char *s);

/* {"faces": {"1".."4"}, "total", "weeks": [{"week": Monday, "faces": [4]}], "questions": [...],
 *  "comments": [...], "slips": [...]} */
int hub_report_summary(hub_store *hs, const hub_filter *f, json_t **out, char *err, size_t errlen);
/* {"kiosks": [{"id", "site", "name", "enrolled_at", "revoked", "last_seen", "stale", "health"}]} */
int hub_report_kiosks(hub_store *hs, long stale_after_s, json_t **out, char *err, size_t errlen);
/* RFC 4180 CSV with a UTF-8 BOM and CRLF line ends; *out is malloc'd. The caller holds the
 * store lock (or is the only user of the store). */
int hub_csv_export(hub_store *hs, const hub_filter *f, char **out, size_t *len, char *err, size_t errlen);

/* The same CSV streamed: hub_csv_read copies up to max bytes of it into out and returns how
 * many, 0 at the end, -1 on a store error. With lock != 0 it takes the store lock itself for
 * each page of rows, so the caller must not hold it. */
typedef struct hub_csv_cursor hub_csv_cursor;
int hub_csv_open(hub_store *hs, const hub_filter *f, hub_csv_cursor **out);
long hub_csv_read(hub_csv_cursor *c, char *out, size_t max, int lock);
void hub_csv_close(hub_csv_cursor *c);

#endif
