/* hub_import.h - a directory or event-API import into a site's draft (issue 12; docs/imports.md):
 * HSDS (JSON or CSV datapackage), PTV or Linked Events read by the imp_* parsers, or an iCalendar
 * file read by the kiosks' own calendar reader (bundle_ics_events; ids "ics-"), merged into
 * the draft (never published: the coordinator sees "what changes" and publishes), saved only
 * when the whole draft passes the kiosks' validator (hub_draft_save).
 *
 * Merge: the items of an earlier import of the same format (ids with its prefix, "hsds-",
 * "ptv-", "le-") are replaced in place by the new ones of the same id; new ones are appended;
 * ones the source no longer has are removed, unless an item of the coordinator's still refers to
 * them. Categories and audiences the coordinator gave an imported service (and an imported
 * event's audiences and service) are kept. Importing the same data again changes nothing: no
 * new draft revision is stored. */
#ifndef MAJAKKA_HUB_IMPORT_H
#define MAJAKKA_HUB_IMPORT_H
#include <stddef.h>
#include <jansson.h>
#include "hub_store.h"
#include "imp_hsds.h"

enum hub_import_fmt { HUB_IMPORT_HSDS, HUB_IMPORT_HSDS_CSV, HUB_IMPORT_PTV, HUB_IMPORT_LE, HUB_IMPORT_ICS, HUB_IMPORT_NFMT };

/* One import's input: a JSON (or iCalendar) text, a parsed document (pages fetched from an API, as one array),
 * or the CSV tables of a datapackage. */
typedef struct hub_import_in {
    int fmt;
    const char *text;
    size_t len;
    const json_t *doc;
    const imp_csv_file *files;
    size_t nfiles;
} hub_import_in;

typedef struct hub_import_summary {
    int records, skipped, dropped;     /* from the parser */
    int added, changed, removed, unchanged, kept_used;   /* items of the draft */
    int stored;                        /* 1: a new draft revision was saved; 0: nothing changed */
    long long rev;
    json_t *report;                    /* owned: the parser's lines, then the merge's */
} hub_import_summary;

/* "hsds", "hsds-csv", "ptv", "linkedevents", "calendar" -> HUB_IMPORT_*, or -1. */
int hub_import_fmt_of(const char *name);
const char *hub_import_fmt_name(int fmt);

/* Parses in and merges it into site's draft as `by`. category: the id given to new services
 * (must be one of the draft's categories); NULL: the draft's first category, or a new one
 * ("services") when it has none. MJ_EINVAL with the reason for input that is not the format at
 * all or a draft the validator refuses (nothing stored). */
int hub_import_run(hub_store *hs, const char *site, const char *by, const hub_import_in *in, const char *category,
                   hub_import_summary *sum, char *err, size_t errlen);
void hub_import_summary_free(hub_import_summary *sum);
/* "hsds: 12 records, 1 skipped, 3 values left out; draft: 2 added, 1 changed, 0 removed, 9 unchanged" */
void hub_import_summary_line(int fmt, const hub_import_summary *sum, char *out, size_t len);

/* Fetches an API's pages (GET, http or https, at most max_pages, IMP_MAX_BYTES in all, each
 * within timeout_ms): Linked Events' meta.next, HSDS's page_number/total_pages, PTV's
 * pageNumber/pageCount. A next page is only followed on the first URL's scheme, host and port.
 * *doc: an array of the pages' documents. */
int hub_import_fetch(const char *url, int fmt, int max_pages, long timeout_ms, json_t **doc, char *err, size_t errlen);

#endif
