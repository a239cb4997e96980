/* hub_dcache.h - the content editor's cache of parsed content, per process and per store
 * (hub_store_cache_slot): a site's published content by version, and its stored draft by rev.
 * The keys are what the store says now (hub_draft.c reads the draft's rev and the latest version
 * with two small queries on every request), so a save or publish by another hub process is seen
 * at once: a draft's rev never repeats (hub_store.h), and a version's content never changes.
 * Bounded: at most HUB_DCACHE_ENTRIES entries and HUB_DCACHE_BYTES of (estimated) parsed JSON,
 * the least recently used dropped first; putting a newer rev (version) of a site drops its older
 * ones, which no one can ask for again.
 * Cached content is shared (between requests and threads): never change it in place, copy it
 * (hub_draft_save shares the unchanged items); unit.test_hub_shared posts every editor form and
 * checks that what the cache held is unchanged. Thread-safe. */
#ifndef MAJAKKA_HUB_DCACHE_H
#define MAJAKKA_HUB_DCACHE_H
#include <stddef.h>
#include <jansson.h>
#include "hub_store.h"

#define HUB_DCACHE_ENTRIES 8
#define HUB_DCACHE_BYTES ((size_t)96 << 20)
/* Parsed JSON takes about this many times its text's bytes (jansson, measured). */
#define HUB_DCACHE_PARSED_FACTOR 9

enum { HUB_DCACHE_PUBLISHED = 'p', HUB_DCACHE_DRAFT = 'd' };

/* A new reference to the cached content of (kind, site, n) (n: the version, or the draft's
 * rev), or NULL when it is not cached. */
json_t *hub_dcache_get(hub_store *hs, int kind, const char *site, long long n);
/* Caches content (a new reference is taken) for (kind, site, n); text_len: the size of its JSON
 * text (the cost is estimated from it). Content larger than the whole bound is not cached. */
void hub_dcache_put(hub_store *hs, int kind, const char *site, long long n, json_t *content, size_t text_len);

typedef struct hub_dcache_stats {
    int entries;
    size_t bytes;
    unsigned long long hits, misses;
} hub_dcache_stats;
void hub_dcache_stats_get(hub_store *hs, hub_dcache_stats *out);

#endif
