/* test_bundle_property.c - one property (issue 17): every bundle the validator accepts imports
 * into a fresh store. Bundles are made by mutating the test bundle and the demo bundle many
 * times with a fixed seed (MAJAKKA_PROP_SEED and MAJAKKA_PROP_N change it): values respelled the
 * way people write them ("09:00" / "09:00:00", case, spaces), list items duplicated with a
 * respelled copy, ids copied between items, keys dropped, values moved. Each mutated bundle is
 * validated; an accepted one must import, and a refused one must change nothing. */
#include "test.h"
#include "bundle.h"
#include "import.h"
#include "store.h"
#include "util.h"
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static uint64_t rng = 0x9e3779b97f4a7c15ull;
static unsigned rnd(unsigned n)
{
    rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17;
    return n ? (unsigned)(rng % n) : 0;
}

/* Every value in the document with where it sits (parent object/array and key/index). */
typedef struct node { json_t *parent, *value; const char *key; size_t index; } node;
typedef struct nodes { node *v; size_t n, cap; } nodes;

static void walk(nodes *ns, json_t *parent, const char *key, size_t index, json_t *value)
{
    if (ns->n == ns->cap) {
        ns->cap = ns->cap ? ns->cap * 2 : 1024;
        ns->v = realloc(ns->v, ns->cap * sizeof *ns->v);
    }
    ns->v[ns->n++] = (node){ parent, value, key, index };
    const char *k;
    json_t *x;
    size_t i;
    if (json_is_object(value)) json_object_foreach(value, k, x) walk(ns, value, k, 0, x);
    else if (json_is_array(value)) json_array_foreach(value, i, x) walk(ns, value, NULL, i, x);
}

static void replace(const node *nd, json_t *nv)
{
    if (!nd->parent) { json_decref(nv); return; }
    if (json_is_object(nd->parent)) json_object_set_new(nd->parent, nd->key, nv);
    else json_array_set_new(nd->parent, nd->index, nv);
}

/* Another spelling of the same value, as a person or another program might write it. */
static void respell(char *out, size_t len, const char *s)
{
    size_t n = strlen(s);
    int dt = n >= 16 && s[4] == '-' && s[10] == 'T';
    unsigned k = rnd(10);
    switch (k < 4 ? 0 : k - 3) {
    case 0:   /* with and without seconds (most often: it is the spelling that broke kiosks) */
        if (dt && n == 16) { snprintf(out, len, "%s:00", s); return; }
        if (dt && n == 19 && !strcmp(s + 16, ":00")) { snprintf(out, len, "%.16s", s); return; }
        if (n == 5 && s[2] == ':') { snprintf(out, len, "%s:00", s); return; }
        snprintf(out, len, "%s", s);
        return;
    case 1:
        snprintf(out, len, "%s", s);
        for (char *c = out; *c; c++) *c = (char)toupper((unsigned char)*c);
        return;
    case 2:
        snprintf(out, len, "%s", s);
        for (char *c = out; *c; c++) *c = (char)tolower((unsigned char)*c);
        return;
    case 3: snprintf(out, len, "%s ", s); return;
    case 4: snprintf(out, len, " %s", s); return;
    default:  /* a date-time as a date, a date as midnight */
        if (dt) snprintf(out, len, "%.10s", s);
        else if (n == 10 && s[4] == '-') snprintf(out, len, "%sT00:00", s);
        else snprintf(out, len, "%s", s);
        return;
    }
}

static void respell_somewhere(json_t *v)
{
    nodes ns = { 0 };
    walk(&ns, NULL, NULL, 0, v);
    for (int tries = 0; tries < 8 && ns.n; tries++) {
        node *nd = &ns.v[rnd((unsigned)ns.n)];
        if (!json_is_string(nd->value)) continue;
        char buf[512];
        respell(buf, sizeof buf, json_string_value(nd->value));
        json_string_set(nd->value, buf);
        break;
    }
    free(ns.v);
}

static void mutate(json_t *content)
{
    nodes ns = { 0 };
    walk(&ns, NULL, NULL, 0, content);
    node *nd = &ns.v[rnd((unsigned)ns.n)];
    switch (rnd(6)) {
    case 0:   /* respell a string */
        if (json_is_string(nd->value)) respell_somewhere(nd->value);
        else respell_somewhere(nd->value);
        break;
    case 1:   /* duplicate a list item, the copy respelled */
    case 2:
        for (int tries = 0; tries < 50; tries++) {
            node *a = &ns.v[rnd((unsigned)ns.n)];
            if (!json_is_array(a->value) || !json_array_size(a->value)) continue;
            json_t *copy = json_deep_copy(json_array_get(a->value, rnd((unsigned)json_array_size(a->value))));
            respell_somewhere(copy);
            json_array_append_new(a->value, copy);
            break;
        }
        break;
    case 3:   /* one item's id given to another */
        for (int tries = 0; tries < 50; tries++) {
            node *a = &ns.v[rnd((unsigned)ns.n)], *b = &ns.v[rnd((unsigned)ns.n)];
            json_t *ida = json_object_get(a->value, "id"), *idb = json_object_get(b->value, "id");
            if (!json_is_string(ida) || !json_is_string(idb) || a == b) continue;
            char buf[128];
            respell(buf, sizeof buf, json_string_value(idb));
            json_object_set_new(a->value, "id", json_string(rnd(2) ? buf : json_string_value(idb)));
            break;
        }
        break;
    case 4:   /* a key dropped */
        if (nd->parent && json_is_object(nd->parent)) json_object_del(nd->parent, nd->key);
        break;
    default: {  /* a value put where another was */
        node *src = &ns.v[rnd((unsigned)ns.n)];
        if (src != nd && nd->parent && !json_is_object(src->value) && !json_is_array(src->value))
            replace(nd, json_deep_copy(src->value));
        break;
    }
    }
    free(ns.v);
}

static char dir[64];

static int import_fresh(const bundle *b, char *err)
{
    char path[128];
    store *s;
    import_summary sum;
    snprintf(path, sizeof path, "%s/p.db", dir);
    unlink(path);
    int rc = store_open(path, &s, err, MJ_ERRLEN);
    if (rc) return rc;
    rc = import_bundle(s, b, &sum, err, MJ_ERRLEN);
    store_close(s);
    unlink(path);
    return rc;
}

static void run_property(const char *bundle_path, const char *bundle_dir, int iterations, int *accepted_out)
{
    json_error_t je;
    json_t *orig = json_load_file(bundle_path, 0, &je);
    CHECK(orig != NULL);
    if (!orig) return;
    int accepted = 0, failures = 0;
    for (int i = 0; i < iterations; i++) {
        json_t *root = json_deep_copy(orig);
        int nm = 1 + (int)rnd(3);
        for (int m = 0; m < nm; m++) mutate(json_object_get(root, "content"));
        char *text = json_dumps(root, JSON_COMPACT);
        json_decref(root);
        bundle b;
        char err[MJ_ERRLEN], ierr[MJ_ERRLEN];
        if (bundle_parse(text, strlen(text), bundle_dir, 0, &b, err, sizeof err) == MJ_OK) {
            accepted++;
            int rc = import_fresh(&b, ierr);
            if (rc != MJ_OK) {
                if (failures++ < 5)
                    fprintf(stderr, "accepted but not imported (%s, iteration %d): %s\n  %.600s\n", bundle_path, i, ierr,
                            text);
            }
            bundle_free(&b);
        }
        free(text);
    }
    printf("     %s: %d of %d mutated bundles accepted, %d of them failed to import\n", bundle_path, accepted,
           iterations, failures);
    CHECK_INT(failures, 0);
    *accepted_out += accepted;
    json_decref(orig);
}

static void test_accepted_imports(void)
{
    const char *seed = getenv("MAJAKKA_PROP_SEED"), *count = getenv("MAJAKKA_PROP_N");
    if (seed) rng = strtoull(seed, NULL, 0) | 1;
    int n = count ? atoi(count) : 600, accepted = 0;
    /* in memory where there is a tmpfs: an import per accepted bundle, each with its fsyncs */
    snprintf(dir, sizeof dir, access("/dev/shm", W_OK) == 0 ? "/dev/shm/majakka-prop-XXXXXX" : "/tmp/majakka-prop-XXXXXX");
    CHECK(mkdtemp(dir) != NULL);
    run_property(MAJAKKA_TEST_DATA "/bundles/mini.json", MAJAKKA_TEST_DATA "/bundles", n, &accepted);
    run_property(MAJAKKA_TEST_DATA "/../../assets/demo/bundle.json", MAJAKKA_TEST_DATA "/../../assets/demo", n / 3,
                 &accepted);
    rmdir(dir);
    /* the property means something only if many mutants pass the validator */
    CHECK(accepted > n / 10);
}

/* The case from the issue, fixed: one exdate written with and without seconds. */
static void test_exdate_spellings(void)
{
    json_error_t je;
    json_t *root = json_load_file(MAJAKKA_TEST_DATA "/bundles/mini.json", 0, &je);
    CHECK(root != NULL);
    if (!root) return;
    json_t *ev = json_array_get(json_object_get(json_object_get(root, "content"), "events"), 0);
    json_object_set_new(ev, "exdates", json_pack("[s,s]", "2026-12-08T10:00", "2026-12-08T10:00:00"));
    char *text = json_dumps(root, JSON_COMPACT), err[MJ_ERRLEN];
    bundle b;
    CHECK_INT(bundle_parse(text, strlen(text), MAJAKKA_TEST_DATA "/bundles", 0, &b, err, sizeof err), MJ_EINVAL);
    CHECK(strstr(err, "exdates[1]: \"2026-12-08T10:00:00\" is listed twice") != NULL);
    free(text);
    json_object_set_new(ev, "exdates", json_pack("[s,s]", "2026-12-08T10:00", "2026-12-15"));
    text = json_dumps(root, JSON_COMPACT);
    CHECK_INT(bundle_parse(text, strlen(text), MAJAKKA_TEST_DATA "/bundles", 0, &b, err, sizeof err), MJ_OK);
    free(text);
    snprintf(dir, sizeof dir, "/tmp/majakka-prop-XXXXXX");
    CHECK(mkdtemp(dir) != NULL);
    CHECK_INT(import_fresh(&b, err), MJ_OK);
    rmdir(dir);
    bundle_free(&b);
    json_decref(root);
}

int main(void)
{
    RUN(test_exdate_spellings);
    RUN(test_accepted_imports);
    return TEST_DONE();
}
