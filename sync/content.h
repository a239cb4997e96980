/* content.h - the content bundle as the sync layer sees it: a check on the hub before a bundle
 * is published, and on the kiosk the atomic apply of a pulled bundle. Both go through the
 * foundation's validator and importer (bundle.h, import.h), so what the hub accepts is
 * exactly what a kiosk can import. */
#ifndef MAJAKKA_CONTENT_H
#define MAJAKKA_CONTENT_H
#include <stddef.h>
#include "store.h"

/* Validates a bundle held in memory (it must be self-contained: no calendar file) and copies
 * its content_version into cv. */
int content_check(const char *data, size_t len, char cv[65], char *err, size_t errlen);
/* Validates and imports into the store in one transaction; on any failure the store's content
 * is unchanged. summary (if not NULL) gets the importer's one-line summary. */
int content_apply(store *s, const char *data, size_t len, char cv[65], char *summary, size_t sumlen,
                  char *err, size_t errlen);

#endif
