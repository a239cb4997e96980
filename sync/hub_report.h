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
/* RFC 4180 CSV with a UTF-8 BOM and CRLF line ends; *out is malloc'd. */
int hub_csv_export(hub_store *hs, const hub_filter *f, char **out, size_t *len, char *err, size_t errlen);

#endif
