/* hub_rpt_export.h - a report of the core (hub_rpt_build's JSON) as files for the board meeting:
 * every table flattened into rows of (table, row, name, measure, value, note), the same rows as
 * CSV and as XLSX (one sheet per table, numbers as numbers, weeks as dates). Only what the core
 * shows is written: a hidden figure is the note "fewer than 5" with no value; comments hidden by
 * moderation are not in the report given. Text cells never start a formula: in CSV a text that
 * begins with = + - @, a tab or a carriage return gets a leading apostrophe; XLSX cells are
 * written as strings, never as formulas. */
#ifndef MAJAKKA_HUB_RPT_EXPORT_H
#define MAJAKKA_HUB_RPT_EXPORT_H
#include <stddef.h>
#include <jansson.h>

/* One row: value is a JSON integer, real (a share 0..1), string, or null (hidden: note says so). */
typedef int (*hub_rpt_row_fn)(void *ctx, const char *table, const char *row, const char *name, const char *measure,
                              json_t *value, const char *note);
/* Calls fn for every row of r (names from r's "names"); few is the text for a hidden figure. */
int hub_rpt_flatten(json_t *r, const char *few, hub_rpt_row_fn fn, void *ctx);

/* The rows as RFC 4180 CSV with a UTF-8 BOM and CRLF; *out malloc'd. */
int hub_rpt_csv(json_t *r, const char *few, char **out, size_t *len, char *err, size_t errlen);
/* The rows as an XLSX workbook in memory; *out malloc'd. */
int hub_rpt_xlsx(json_t *r, const char *few, char **out, size_t *len, char *err, size_t errlen);
/* A CSV field (malloc'd): formula-protected, then quoted when needed; exposed for its test. */
char *hub_rpt_csv_field(const char *s);

#endif
