/* imp_hsds.h - Open Referral HSDS directories into bundle entities (docs/imports.md, "HSDS"):
 * organizations, locations (their physical address), services with their phones, languages and
 * schedules (weekly hours from freq/byday or the 1.x weekday, exceptions from short valid_from..
 * valid_to periods and 1.x/2.x holiday schedules). Ids get the prefix "hsds-".
 *
 * imp_hsds_json reads HSDS 3.0 JSON: an array of services (or organizations with nested
 * services), an API page ({"contents": [...]}), one service, or an object with "organizations",
 * "locations" and "services" lists. imp_hsds_csv reads the tables of a 1.x/2.x CSV datapackage
 * (organizations.csv, services.csv, locations.csv, physical_addresses.csv or physical_address.csv,
 * phones.csv, languages.csv, schedules.csv or regular_schedule.csv, holiday_schedule.csv,
 * service_at_locations.csv or services_at_location.csv): files named by table (without .csv). */
#ifndef MAJAKKA_IMP_HSDS_H
#define MAJAKKA_IMP_HSDS_H
#include <stddef.h>
#include "imp.h"

int imp_hsds_json(const char *text, size_t len, const imp_opts *o, imp_result *r, char *err, size_t errlen);
/* The same for a parsed document (not changed). */
int imp_hsds_doc(const json_t *doc, const imp_opts *o, imp_result *r, char *err, size_t errlen);

typedef struct imp_csv_file { const char *table; const char *text; size_t len; } imp_csv_file;
int imp_hsds_csv(const imp_csv_file *files, size_t n, const imp_opts *o, imp_result *r, char *err, size_t errlen);

/* RFC 4180 CSV (quotes, CRLF or LF, a byte-order mark) into an array of objects keyed by the
 * header row's names (lowercased, trimmed); empty cells are left out. MJ_EINVAL with the line. */
int imp_csv_parse(const char *text, size_t len, json_t **rows, char *err, size_t errlen);

#endif
