/* hub_dcache.c - see hub_dcache.h. A handful of entries: a linear search is all it needs. */
#include "hub_dcache.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

typedef struct entry {
    int kind;                  /* 0: free */
    char site[80];
    long long n;
    json_t *content;
    size_t bytes;
    unsigned long long used;   /* the clock of its last use */
} entry;

typedef struct dcache {
    pthread_mutex_t mu;
    entry e[HUB_DCACHE_ENTRIES];
    size_t bytes;
    unsigned long long clock, hits, misses;
} dcache;

static void *make(void)
{
    dcache *c = calloc(1, sizeof *c);
    if (c) pthread_mutex_init(&c->mu, NULL);
    return c;
}

static void drop(dcache *c, entry *e)
{
    json_decref(e->content);
    c->bytes -= e->bytes;
    memset(e, 0, sizeof *e);
}

static void destroy(void *p)
{
    dcache *c = p;
    for (int i = 0; i < HUB_DCACHE_ENTRIES; i++)
        if (c->e[i].kind) drop(c, &c->e[i]);
    pthread_mutex_destroy(&c->mu);
    free(c);
}

static dcache *of(hub_store *hs) { return hub_store_cache_slot(hs, make, destroy); }

json_t *hub_dcache_get(hub_store *hs, int kind, const char *site, long long n)
{
    dcache *c = of(hs);
    json_t *out = NULL;
    if (!c) return NULL;
    pthread_mutex_lock(&c->mu);
    for (int i = 0; i < HUB_DCACHE_ENTRIES; i++) {
        entry *e = &c->e[i];
        if (e->kind == kind && e->n == n && strcmp(e->site, site) == 0) {
            e->used = ++c->clock;
            out = json_incref(e->content);
            break;
        }
    }
    if (out) c->hits++;
    else c->misses++;
    pthread_mutex_unlock(&c->mu);
    return out;
}

void hub_dcache_put(hub_store *hs, int kind, const char *site, long long n, json_t *content, size_t text_len)
{
    dcache *c = of(hs);
    size_t bytes = text_len * HUB_DCACHE_PARSED_FACTOR + 1024;
    if (!c || !content || strlen(site) >= sizeof c->e[0].site || bytes > HUB_DCACHE_BYTES) return;
    pthread_mutex_lock(&c->mu);
    /* This key again (two requests parsed it at once), and the site's older ones of this kind:
     * gone. A newer one already here means this one is stale: it is not kept. */
    for (int i = 0; i < HUB_DCACHE_ENTRIES; i++) {
        entry *e = &c->e[i];
        if (e->kind != kind || strcmp(e->site, site) != 0) continue;
        if (e->n > n) { pthread_mutex_unlock(&c->mu); return; }
        drop(c, e);
    }
    for (;;) {
        int n_used = 0, lru = -1;
        for (int i = 0; i < HUB_DCACHE_ENTRIES; i++)
            if (c->e[i].kind) {
                n_used++;
                if (lru < 0 || c->e[i].used < c->e[lru].used) lru = i;
            }
        if (n_used < HUB_DCACHE_ENTRIES && c->bytes + bytes <= HUB_DCACHE_BYTES) break;
        drop(c, &c->e[lru]);
    }
    for (int i = 0; i < HUB_DCACHE_ENTRIES; i++) {
        entry *e = &c->e[i];
        if (e->kind) continue;
        e->kind = kind;
        strcpy(e->site, site);
        e->n = n;
        e->content = json_incref(content);
        e->bytes = bytes;
        e->used = ++c->clock;
        c->bytes += bytes;
        break;
    }
    pthread_mutex_unlock(&c->mu);
}

void hub_dcache_stats_get(hub_store *hs, hub_dcache_stats *out)
{
    dcache *c = of(hs);
    memset(out, 0, sizeof *out);
    if (!c) return;
    pthread_mutex_lock(&c->mu);
    for (int i = 0; i < HUB_DCACHE_ENTRIES; i++) out->entries += c->e[i].kind != 0;
    out->bytes = c->bytes;
    out->hits = c->hits;
    out->misses = c->misses;
    pthread_mutex_unlock(&c->mu);
}
