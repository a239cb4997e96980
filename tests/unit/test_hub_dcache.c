#define _GNU_SOURCE
/* test_hub_dcache.c - the editor's cache of parsed drafts (hub_dcache.h) through hub_draft.h, on
 * SQLite or (tests/pg, *.pg) PostgreSQL: a second load is a hit and the same object; a save,
 * publish or discard made through another store handle (as another hub process would) is seen
 * at once; a save from before a discard is refused and a rev never repeats; the bound (entries,
 * bytes, least recently used first) holds. */
#include "bundle.h"
#include "content.h"
#include "hub_dcache.h"
#include "hub_draft.h"
#include "hub_ics.h"
#include "hub_store.h"
#include "hub_test_db.h"
#include "util.h"
#include "test.h"
#include <stdlib.h>

static hub_store *a, *b;      /* two handles on one database: two hub processes */
static char dbpath[400];

static const char *svc0_fi(const json_t *content)
{
    return json_string_value(json_object_get(json_object_get(json_array_get(json_object_get(content, "services"), 0), "name"), "fi"));
}

static int rename_fn(json_t *content, void *ctx, char *err, size_t errlen)
{
    (void)err; (void)errlen;
    json_t *svc = hub_draft_edit_item(content, "services", 0);
    return json_object_set_new(json_object_get(svc, "name"), "fi", json_string(ctx));
}

static hub_dcache_stats stats(hub_store *hs)
{
    hub_dcache_stats s;
    hub_dcache_stats_get(hs, &s);
    return s;
}

static void test_hit(void)
{
    char err[MJ_ERRLEN] = "", cv[65], etag[70], *data;
    size_t len;
    hub_draft d1, d2;
    CHECK_INT(hub_bundle_file(MAJAKKA_TEST_DATA "/bundles/mini.json", &data, &len, err, sizeof err), MJ_OK);
    CHECK_INT(content_check(data, len, cv, err, sizeof err), MJ_OK);
    CHECK_INT(hub_bundle_put(a, "tk", cv, data, len, etag, err, sizeof err), MJ_OK);
    free(data);
    hub_dcache_stats s0 = stats(a);
    CHECK_INT(hub_draft_load(a, "tk", &d1, err, sizeof err), MJ_OK);
    CHECK_INT(stats(a).misses, s0.misses + 1);
    CHECK_INT(stats(a).entries, 1);
    CHECK_INT(hub_draft_load(a, "tk", &d2, err, sizeof err), MJ_OK);
    CHECK_INT(stats(a).hits, s0.hits + 1);
    CHECK(d1.content == d2.content);               /* parsed once, shared */
    /* the published content is the same object: no draft yet */
    json_t *pub = NULL;
    CHECK_INT(hub_draft_published(a, "tk", &pub, err, sizeof err), MJ_OK);
    CHECK(pub == d1.content);
    json_decref(pub);
    hub_draft_free(&d1);
    hub_draft_free(&d2);
}

static void test_other_handle(void)
{
    char err[MJ_ERRLEN] = "", cv[65];
    long long rev = 0, v = 0;
    hub_draft d;
    /* a's cache holds the published content; b saves (another process) */
    CHECK_INT(hub_draft_save(b, "tk", "ben", rename_fn, "Nimi B", &rev, err, sizeof err), MJ_OK);
    CHECK_INT(rev, 1);
    CHECK_INT(hub_draft_load(a, "tk", &d, err, sizeof err), MJ_OK);
    CHECK_INT(d.rev, 1);
    CHECK_STR(svc0_fi(d.content), "Nimi B");
    CHECK_STR(d.updated_by, "ben");
    hub_draft_free(&d);
    /* a saves on top, b sees it; a's own next load is a hit */
    CHECK_INT(hub_draft_save(a, "tk", "anna", rename_fn, "Nimi A", &rev, err, sizeof err), MJ_OK);
    CHECK_INT(rev, 2);
    unsigned long long hits = stats(a).hits;
    CHECK_INT(hub_draft_load(a, "tk", &d, err, sizeof err), MJ_OK);
    CHECK_INT(stats(a).hits, hits + 1);
    CHECK_STR(svc0_fi(d.content), "Nimi A");
    hub_draft_free(&d);
    CHECK_INT(hub_draft_load(b, "tk", &d, err, sizeof err), MJ_OK);
    CHECK_STR(svc0_fi(d.content), "Nimi A");
    hub_draft_free(&d);
    /* an older rev of a site is dropped when a newer one is put: a holds published + rev 2 */
    CHECK_INT(stats(a).entries, 2);

    /* b publishes: a sees the new version as published and its draft on the new base */
    CHECK_INT(hub_draft_publish(b, "tk", "ben", &v, cv, err, sizeof err), MJ_OK);
    CHECK_INT(v, 2);
    json_t *pub = NULL;
    CHECK_INT(hub_draft_published(a, "tk", &pub, err, sizeof err), MJ_OK);
    CHECK_STR(svc0_fi(pub), "Nimi A");
    json_decref(pub);
    CHECK_INT(hub_draft_load(a, "tk", &d, err, sizeof err), MJ_OK);
    CHECK_INT(d.published, 2);
    CHECK_INT(d.base_version, 2);
    CHECK_INT(d.rev, 3);                           /* publishing moved the draft to its new base */
    CHECK_STR(svc0_fi(d.content), "Nimi A");
    hub_draft_free(&d);
    /* b's own cache kept what it published: no parse there */
    hits = stats(b).hits;
    unsigned long long misses = stats(b).misses;
    CHECK_INT(hub_draft_load(b, "tk", &d, err, sizeof err), MJ_OK);
    CHECK_INT(stats(b).misses, misses);
    CHECK(stats(b).hits > hits);
    hub_draft_free(&d);

    /* a publishes a new edit made by b: both see version 3 */
    CHECK_INT(hub_draft_save(b, "tk", "ben", rename_fn, "Nimi C", &rev, err, sizeof err), MJ_OK);
    CHECK_INT(hub_draft_publish(a, "tk", "anna", &v, cv, err, sizeof err), MJ_OK);
    CHECK_INT(v, 3);
    CHECK_INT(hub_draft_published(b, "tk", &pub, err, sizeof err), MJ_OK);
    CHECK_STR(svc0_fi(pub), "Nimi C");
    json_decref(pub);
}

static void test_discard(void)
{
    char err[MJ_ERRLEN] = "";
    long long rev = 0;
    hub_draft d, old;
    CHECK_INT(hub_draft_save(a, "tk", "anna", rename_fn, "Hylätään", &rev, err, sizeof err), MJ_OK);
    CHECK_INT(hub_draft_load(a, "tk", &old, err, sizeof err), MJ_OK);
    CHECK_STR(svc0_fi(old.content), "Hylätään");
    long long r0 = old.rev;
    /* b discards: a sees the published content again, not its cached draft */
    CHECK_INT(hub_draft_discard(b, "tk", err, sizeof err), MJ_OK);
    CHECK_INT(hub_draft_load(a, "tk", &d, err, sizeof err), MJ_OK);
    CHECK_INT(d.rev, 0);
    CHECK(d.save_rev > r0);
    CHECK_STR(svc0_fi(d.content), "Nimi C");
    hub_draft_free(&d);
    /* a save from before the discard (its rev) is refused, also once new saves passed that rev */
    CHECK_INT(hub_draft_put(a, "tk", "{}", r0, 3, "x", err, sizeof err), MJ_EBUSY);
    long long seen[4];
    for (int i = 0; i < 4; i++) {
        CHECK_INT(hub_draft_save(b, "tk", "ben", rename_fn, i % 2 ? "Uusi 1" : "Uusi 2", &seen[i], err, sizeof err), MJ_OK);
        CHECK(seen[i] > r0 + 1);                   /* never a rev the discarded draft had */
        if (i) CHECK(seen[i] > seen[i - 1]);
    }
    CHECK_INT(hub_draft_put(a, "tk", "{}", r0, 3, "x", err, sizeof err), MJ_EBUSY);
    CHECK_INT(hub_draft_load(a, "tk", &d, err, sizeof err), MJ_OK);
    CHECK_STR(svc0_fi(d.content), "Uusi 1");
    CHECK_INT(d.rev, seen[3]);
    hub_draft_free(&d);
    hub_draft_free(&old);
    /* a save through the editor retries on top of the discard: the discarded edit does not return */
    CHECK_INT(hub_draft_discard(a, "tk", err, sizeof err), MJ_OK);
    CHECK_INT(hub_draft_save(b, "tk", "ben", rename_fn, "Jälkeen", &rev, err, sizeof err), MJ_OK);
    CHECK(rev > seen[3] + 1);
    /* a discarded draft is not a draft: the store says so, and a second discard changes nothing */
    hub_draft_row row;
    CHECK_INT(hub_draft_discard(b, "tk", err, sizeof err), MJ_OK);
    CHECK_INT(hub_draft_get(a, "tk", &row, err, sizeof err), MJ_ENOTFOUND);
    CHECK_INT(row.dropped, 1);
    long long r1 = row.rev;
    CHECK_INT(hub_draft_discard(b, "tk", err, sizeof err), MJ_OK);
    CHECK_INT(hub_draft_head(a, "tk", &row, err, sizeof err), MJ_ENOTFOUND);
    CHECK_INT(row.rev, r1);
}

static void test_bound(void)
{
    char site[32];
    json_t *small = json_pack("{s:[]}", "services");
    /* more sites than entries: never more than the bound, the least recently used goes first */
    for (int i = 0; i < HUB_DCACHE_ENTRIES + 5; i++) {
        snprintf(site, sizeof site, "s%d", i);
        hub_dcache_put(a, HUB_DCACHE_PUBLISHED, site, 1, small, 100);
        if (i > 0) {   /* s0 kept in use */
            json_t *x = hub_dcache_get(a, HUB_DCACHE_PUBLISHED, "s0", 1);
            CHECK(x == small);
            json_decref(x);
        }
        CHECK(stats(a).entries <= HUB_DCACHE_ENTRIES);
    }
    CHECK_INT(stats(a).entries, HUB_DCACHE_ENTRIES);
    json_t *x = hub_dcache_get(a, HUB_DCACHE_PUBLISHED, "s1", 1);
    CHECK(x == NULL);                              /* the least recently used, dropped */
    x = hub_dcache_get(a, HUB_DCACHE_PUBLISHED, "s0", 1);
    CHECK(x == small);
    json_decref(x);
    /* bytes: entries of a third of the bound each, at most three fit */
    size_t third = HUB_DCACHE_BYTES / 3 / HUB_DCACHE_PARSED_FACTOR - 1024;
    for (int i = 0; i < 5; i++) {
        snprintf(site, sizeof site, "big%d", i);
        hub_dcache_put(a, HUB_DCACHE_DRAFT, site, 7, small, third);
        CHECK(stats(a).bytes <= HUB_DCACHE_BYTES);
    }
    x = hub_dcache_get(a, HUB_DCACHE_DRAFT, "big4", 7);
    CHECK(x == small);
    json_decref(x);
    x = hub_dcache_get(a, HUB_DCACHE_DRAFT, "big1", 7);
    CHECK(x == NULL);
    /* larger than the whole bound: not cached at all */
    hub_dcache_put(a, HUB_DCACHE_DRAFT, "huge", 1, small, HUB_DCACHE_BYTES);
    x = hub_dcache_get(a, HUB_DCACHE_DRAFT, "huge", 1);
    CHECK(x == NULL);
    /* a newer rev drops the older; an older one after a newer is not kept */
    hub_dcache_put(a, HUB_DCACHE_DRAFT, "r", 5, small, 10);
    hub_dcache_put(a, HUB_DCACHE_DRAFT, "r", 6, small, 10);
    CHECK((x = hub_dcache_get(a, HUB_DCACHE_DRAFT, "r", 5)) == NULL);
    hub_dcache_put(a, HUB_DCACHE_DRAFT, "r", 4, small, 10);
    CHECK((x = hub_dcache_get(a, HUB_DCACHE_DRAFT, "r", 4)) == NULL);
    CHECK((x = hub_dcache_get(a, HUB_DCACHE_DRAFT, "r", 6)) == small);
    json_decref(x);
    /* the content lives while the cache holds it, and goes with the store */
    CHECK(small->refcount > 1);
    json_decref(small);
}

int main(void)
{
    char err[MJ_ERRLEN];
    if (hub_test_db(dbpath, sizeof dbpath, "test_hub_dcache")) return 1;
    if (hub_store_open(dbpath, &a, err, sizeof err) || hub_store_open(dbpath, &b, err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    printf("backend: %s\n", hub_store_backend_name(a));
    RUN(test_hit);
    RUN(test_other_handle);
    RUN(test_discard);
    RUN(test_bound);
    hub_store_close(a);
    hub_store_close(b);
    hub_test_db_drop(dbpath);
    return TEST_DONE();
}
