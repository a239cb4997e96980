/* import.h - replacing a store's content with a validated bundle, all or nothing.
 * Everything is validated first (bundle.h); then one transaction deletes the old content and
 * inserts the new. On any failure the transaction is rolled back and the store is unchanged. */
#ifndef MAJAKKA_IMPORT_H
#define MAJAKKA_IMPORT_H
#include <stddef.h>
#include "bundle.h"
#include "store.h"

typedef struct import_summary {
    char content_version[65];
    int services, events, categories, organizations, locations, questions;
    int skipped_events;        /* calendar events left out (bundle.skipped says why) */
} import_summary;

/* Writes a validated bundle into the store. */
int import_bundle(store *s, const bundle *b, import_summary *sum, char *err, size_t errlen);
/* bundle_load + import_bundle. */
int import_file(store *s, const char *path, import_summary *sum, char *err, size_t errlen);
/* One line: "imported content 2026-11-22.1: 27 services, 16 events, ..." */
void import_summary_line(const import_summary *sum, char *buf, size_t len);

#endif
