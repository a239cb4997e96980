/* catalog_services.c - services: by filter, by id, and search as you type (catalog.h). */
#include "catalog_int.h"
#include "model.h"
#include "util.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#define MAX_QUERY_BYTES 256

static char *col_dup(sqlite3_stmt *st, int i) { return mj_strdup((const char *)sqlite3_column_text(st, i)); }

/* Text columns, in the order of the %s in SERVICE_SQL. */
static const char *const service_cols[] = {
    "s.name", "s.summary", "s.description", "s.cost", "s.hours_note", "o.name", "loc.name", "loc.street"
};
/* `where` is appended; ?1 is bound by the caller's bind step. loc.city is resolved separately
 * because eight expressions is what catalog_prepare takes. */
#define SERVICE_SQL \
    "SELECT s.id, %s, %s, %s, %s, %s, s.url, s.email, s.phone, %s, %s, %s, loc.postal_code, loc.lat, loc.lon," \
    " s.free, loc.accessibility, loc.city," \
    " (SELECT group_concat(audience) FROM service_audiences a WHERE a.service_id = s.id)," \
    " (SELECT group_concat(language) FROM (SELECT language FROM service_languages sl WHERE sl.service_id = s.id ORDER BY language))," \
    " (SELECT group_concat(category_id) FROM service_categories c WHERE c.service_id = s.id)," \
    " s.walk_in" \
    " FROM services s JOIN organizations o ON o.id = s.organization_id" \
    " LEFT JOIN locations loc ON loc.id = s.location_id "

/* Resolves a JSON text held in a C string (loc.city, accessibility) in l's order. */
static char *resolve_json(const catalog_langs *l, const char *text)
{
    if (!text) return NULL;
    json_t *o = json_loads(text, 0, NULL);
    const char *v = NULL;
    for (int i = 0; o && !v && i < l->n; i++) v = json_string_value(json_object_get(o, l->lang[i]));
    if (o && !v) {
        const char *k;
        json_t *val;
        json_object_foreach(o, k, val) { v = json_string_value(val); break; }
    }
    char *r = mj_strdup(v ? v : (o ? NULL : text));
    json_decref(o);
    return r;
}

static void split_list(const char *csv, char *out, size_t width, int max, int *n)
{
    *n = 0;
    if (!csv) return;
    const char *p = csv;
    while (*p && *n < max) {
        const char *e = strchr(p, ',');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (len < width) {
            memcpy(out + (size_t)*n * width, p, len);
            out[(size_t)*n * width + len] = 0;
            (*n)++;
        }
        if (!e) break;
        p = e + 1;
    }
}

static void fill_service(const catalog_langs *l, sqlite3_stmt *st, catalog_service *v)
{
    memset(v, 0, sizeof *v);
    snprintf(v->id, sizeof v->id, "%s", (const char *)sqlite3_column_text(st, 0));
    v->name = col_dup(st, 1);
    v->summary = col_dup(st, 2);
    v->description = col_dup(st, 3);
    v->cost = col_dup(st, 4);
    v->hours_note = col_dup(st, 5);
    v->url = col_dup(st, 6);
    v->email = col_dup(st, 7);
    v->phone = col_dup(st, 8);
    v->organization = col_dup(st, 9);
    v->location_name = col_dup(st, 10);
    v->street = col_dup(st, 11);
    v->postal_code = col_dup(st, 12);
    v->has_coords = sqlite3_column_type(st, 13) != SQLITE_NULL;
    v->lat = sqlite3_column_double(st, 13);
    v->lon = sqlite3_column_double(st, 14);
    v->free = sqlite3_column_int(st, 15);
    v->accessibility = resolve_json(l, (const char *)sqlite3_column_text(st, 16));
    v->city = resolve_json(l, (const char *)sqlite3_column_text(st, 17));
    char auds[AUD_COUNT][65];
    int na;
    split_list((const char *)sqlite3_column_text(st, 18), &auds[0][0], 65, AUD_COUNT, &na);
    for (int i = 0; i < na; i++) {
        int a = model_audience_from_name(auds[i]);
        if (a >= 0) v->audiences |= 1u << a;
    }
    split_list((const char *)sqlite3_column_text(st, 19), &v->languages[0][0], sizeof v->languages[0],
               (int)(sizeof v->languages / sizeof v->languages[0]), &v->nlanguages);
    split_list((const char *)sqlite3_column_text(st, 20), &v->categories[0][0], sizeof v->categories[0],
               (int)(sizeof v->categories / sizeof v->categories[0]), &v->ncategories);
    v->walk_in = sqlite3_column_int(st, 21) != 0;
}

void catalog_service_clear(catalog_service *v)
{
    free(v->name); free(v->summary); free(v->description); free(v->cost); free(v->hours_note);
    free(v->url); free(v->email); free(v->phone); free(v->organization); free(v->location_name);
    free(v->street); free(v->postal_code); free(v->city); free(v->accessibility);
    memset(v, 0, sizeof *v);
}

void catalog_services_free(catalog_service *v, size_t n)
{
    for (size_t i = 0; i < n; i++) catalog_service_clear(&v[i]);
    free(v);
}

/* Runs a prepared service query and collects every row. */
static int collect(store *s, const catalog_langs *l, sqlite3_stmt *st, catalog_service **out, size_t *n,
                   char *err, size_t errlen)
{
    size_t cap = 0;
    int rc;
    *out = NULL;
    *n = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (mj_grow(out, &cap, *n, sizeof **out, 16)) { rc = SQLITE_NOMEM; break; }
        fill_service(l, st, &(*out)[(*n)++]);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        catalog_services_free(*out, *n);
        *out = NULL;
        *n = 0;
        return rc == SQLITE_NOMEM ? mj_err(err, errlen, MJ_ENOMEM, "out of memory") : store_fail(s, "services", err, errlen);
    }
    return MJ_OK;
}

int catalog_services(store *s, const catalog_langs *l, const catalog_filter *f,
                     catalog_service **out, size_t *n, char *err, size_t errlen)
{
    sqlite3_stmt *st;
    int rc = catalog_prepare(s, l, SERVICE_SQL
        "WHERE (?1 IS NULL OR EXISTS (SELECT 1 FROM service_categories c WHERE c.service_id = s.id AND c.category_id = ?1))"
        " AND (?2 IS NULL OR EXISTS (SELECT 1 FROM service_languages sl WHERE sl.service_id = s.id AND sl.language = ?2))"
        " AND (?3 = 0 OR EXISTS (SELECT 1 FROM service_audiences a JOIN json_each(?4) j ON j.value = a.audience"
        "      WHERE a.service_id = s.id))"
        " ORDER BY s.sort", 8, service_cols, &st, err, errlen);
    if (rc) return rc;
    unsigned mask = f ? f->audiences : 0;
    json_t *names = json_array();
    for (int i = 0; i < AUD_COUNT; i++)
        if (mask & (1u << i)) json_array_append_new(names, json_string(model_audience_names[i]));
    char *names_text = json_dumps(names, JSON_COMPACT);
    json_decref(names);
    if (f && f->category) sqlite3_bind_text(st, 1, f->category, -1, SQLITE_TRANSIENT);
    if (f && f->language) sqlite3_bind_text(st, 2, f->language, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 3, (int)mask);
    sqlite3_bind_text(st, 4, names_text ? names_text : "[]", -1, SQLITE_TRANSIENT);
    free(names_text);
    return collect(s, l, st, out, n, err, errlen);
}

int catalog_service_get(store *s, const catalog_langs *l, const char *id, catalog_service *out,
                        char *err, size_t errlen)
{
    sqlite3_stmt *st;
    int rc = catalog_prepare(s, l, SERVICE_SQL "WHERE s.id = ?1", 8, service_cols, &st, err, errlen);
    if (rc) return rc;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
    catalog_service *v;
    size_t n;
    if ((rc = collect(s, l, st, &v, &n, err, errlen))) return rc;
    if (n == 0) {
        free(v);
        return mj_err(err, errlen, MJ_ENOTFOUND, "no service \"%s\"", id);
    }
    *out = v[0];
    free(v);
    return MJ_OK;
}

/* ---- search ---- */

/* Builds an FTS5 query from what the visitor typed: words (letters, digits and any non-ASCII
 * character; everything else separates), each quoted, the last one a prefix. Returns the number
 * of words. The input is never pasted into the query unquoted, so FTS syntax cannot leak in. */
static int fts_query(const char *in, char *out, size_t outlen, int name_only)
{
    size_t used = 0;
    int words = 0;
    const char *p = in;
    char q[MAX_QUERY_BYTES * 2 + 64] = "";
    while (*p) {
        while (*p && !((unsigned char)*p >= 0x80 || (*p >= '0' && *p <= '9') || ((*p | 32) >= 'a' && (*p | 32) <= 'z')))
            p++;
        const char *start = p;
        while ((unsigned char)*p >= 0x80 || (*p >= '0' && *p <= '9') || ((*p | 32) >= 'a' && (*p | 32) <= 'z'))
            p++;
        if (p == start) break;
        int n = snprintf(q + used, sizeof q - used, "%s\"%.*s\"", words ? " " : "", (int)(p - start), start);
        if (n < 0 || (size_t)n >= sizeof q - used) break;
        used += (size_t)n;
        words++;
    }
    if (!words) return 0;
    snprintf(out, outlen, name_only ? "name : (%s*)" : "%s*", q);
    return words;
}

/* A matching service, by its rowid in services. sort orders equal matches: services.sort, or
 * the rowid itself where an import numbered the rows in that order (store.h). */
typedef struct hit { sqlite3_int64 row, sort; int tier; double score; } hit;

/* The hits of one search, with an open-addressing index on the rowid: short queries match most
 * services, and each of their ~1,400 FTS rows must find its service among the hits so far. */
typedef struct hits {
    hit *h;
    size_t n, cap;
    unsigned *slot;            /* index + 1 into h, 0 = empty; nslot is a power of two > 2 * cap */
    size_t nslot;
} hits;

static int hit_cmp(const void *a, const void *b)
{
    const hit *x = a, *y = b;
    if (x->tier != y->tier) return x->tier - y->tier;
    if (x->score != y->score) return x->score < y->score ? -1 : 1;   /* bm25: lower is better */
    return (x->sort > y->sort) - (x->sort < y->sort);
}

static size_t row_hash(sqlite3_int64 row)
{
    unsigned long long v = (unsigned long long)row * 0x9E3779B97F4A7C15ull;
    return (size_t)(v >> 32);
}

/* Puts hit number idx (1-based) for row into the first free slot of its probe sequence. */
static void slot_put(unsigned *slot, size_t nslot, sqlite3_int64 row, unsigned idx)
{
    size_t i = row_hash(row) & (nslot - 1);
    while (slot[i]) i = (i + 1) & (nslot - 1);
    slot[i] = idx;
}

static hit *find_hit(const hits *hs, sqlite3_int64 row)
{
    if (!hs->nslot) return NULL;
    for (size_t i = row_hash(row) & (hs->nslot - 1);; i = (i + 1) & (hs->nslot - 1)) {
        unsigned x = hs->slot[i];
        if (!x) return NULL;
        if (hs->h[x - 1].row == row) return &hs->h[x - 1];
    }
}

static void hits_free(hits *hs)
{
    free(hs->h);
    free(hs->slot);
    memset(hs, 0, sizeof *hs);
}

/* Records a match: a new service is added; a known one keeps its best (lowest) tier and score. */
static int add_hit(hits *hs, sqlite3_int64 row, int tier, double score, sqlite3_int64 sort)
{
    hit *x = find_hit(hs, row);
    if (x) {
        if (tier < x->tier) x->tier = tier;
        if (score < x->score) x->score = score;
        return MJ_OK;
    }
    if (hs->n == hs->cap) {
        size_t nc = hs->cap ? hs->cap * 2 : 64, ns = 8;
        while (ns <= 2 * nc) ns *= 2;
        hit *nh = realloc(hs->h, nc * sizeof *nh);
        if (!nh) return MJ_ENOMEM;
        hs->h = nh;
        hs->cap = nc;
        unsigned *sl = calloc(ns, sizeof *sl);
        if (!sl) return MJ_ENOMEM;
        free(hs->slot);
        hs->slot = sl;
        hs->nslot = ns;
        for (size_t k = 0; k < hs->n; k++) slot_put(sl, ns, hs->h[k].row, (unsigned)k + 1);
    }
    x = &hs->h[hs->n++];
    x->row = row;
    x->tier = tier;
    x->score = score;
    x->sort = sort;
    slot_put(hs->slot, hs->nslot, row, (unsigned)hs->n);
    return MJ_OK;
}

/* Collects FTS matches; tier is the tier given to new services (name-only pass first). With
 * direct rowids (store.h) the search row's rowid names its service and its order; otherwise the
 * row's service_id is read and joined to services. */
static int fts_pass(store *s, const char *match, int tier, int direct, hits *hs)
{
    sqlite3_stmt *st;
    char sql[256];
    if (direct)
        snprintf(sql, sizeof sql, "SELECT rowid / %d, bm25(service_search), rowid / %d FROM service_search"
                 " WHERE service_search MATCH ?1", STORE_SEARCH_ROWS, STORE_SEARCH_ROWS);
    else
        snprintf(sql, sizeof sql, "SELECT s.rowid, bm25(service_search), s.sort FROM service_search f"
                 " JOIN services s ON s.id = f.service_id WHERE service_search MATCH ?1");
    if (sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL)) return MJ_EDB;
    sqlite3_bind_text(st, 1, match, -1, SQLITE_TRANSIENT);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (add_hit(hs, sqlite3_column_int64(st, 0), tier, sqlite3_column_double(st, 1), sqlite3_column_int64(st, 2))) {
            sqlite3_finalize(st);
            return MJ_ENOMEM;
        }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? MJ_OK : MJ_EDB;
}

/* One scan over every name in every language, for two things:
 * - Finnish writes compounds as one word ("lastenneuvola"), which a word-prefix search cannot see
 *   into; with add_new (3 characters or more typed), names that contain the typed text anywhere
 *   (ASCII case forgiven) are added as hits;
 * - the exact tiers: a hit whose name is exactly the typed text goes first (tier 0), then those
 *   whose name contains it as typed (tier 1).
 * Without add_new only names containing the text as typed are read (the exact tiers). */
static int name_pass(store *s, const char *typed, int add_new, int direct, hits *hs)
{
    char pattern[MAX_QUERY_BYTES * 2 + 3];
    size_t o = 0;
    pattern[o++] = '%';
    for (const char *p = typed; *p && o < sizeof pattern - 2; p++) {
        if (*p == '%' || *p == '_' || *p == '\\') pattern[o++] = '\\';
        pattern[o++] = *p;
    }
    pattern[o++] = '%';
    pattern[o] = 0;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(store_db(s), add_new ?
            "SELECT s.rowid, s.sort, j.value, s.rowid FROM services s, json_each(s.name) j WHERE j.value LIKE ?1 ESCAPE '\\'" :
            "SELECT s.rowid, s.sort, j.value, s.rowid FROM services s, json_each(s.name) j WHERE instr(j.value, ?2) > 0",
            -1, &st, NULL))
        return MJ_EDB;
    sqlite3_bind_text(st, 1, pattern, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, typed, -1, SQLITE_TRANSIENT);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        sqlite3_int64 row = sqlite3_column_int64(st, 0), sort = sqlite3_column_int64(st, direct ? 3 : 1);
        const char *name = (const char *)sqlite3_column_text(st, 2);
        /* score 0: after every FTS name match of the same tier (bm25 is negative) */
        if (add_new && add_hit(hs, row, 2, 0, sort)) { sqlite3_finalize(st); return MJ_ENOMEM; }
        hit *x = find_hit(hs, row);
        if (!x || !name) continue;
        if (strcmp(name, typed) == 0) x->tier = 0;
        else if (x->tier > 1 && strstr(name, typed)) x->tier = 1;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? MJ_OK : MJ_EDB;
}

int catalog_search(store *s, const catalog_langs *l, const char *query, size_t limit,
                   catalog_service **out, size_t *n, char *err, size_t errlen)
{
    *out = NULL;
    *n = 0;
    size_t qlen = strlen(query);
    if (!mj_utf8_valid(query, qlen)) return mj_err(err, errlen, MJ_EINVAL, "search: the text is not valid UTF-8");
    /* Typing never gets longer than a screen's field; cut on a character boundary. */
    char typed[MAX_QUERY_BYTES + 1];
    size_t cut = qlen < MAX_QUERY_BYTES ? qlen : MAX_QUERY_BYTES;
    while (cut > 0 && cut < qlen && ((unsigned char)query[cut] & 0xC0) == 0x80) cut--;
    memcpy(typed, query, cut);
    typed[cut] = 0;
    /* Trim spaces for the exact comparisons. */
    char *t = typed;
    while (*t == ' ') t++;
    for (size_t e = strlen(t); e > 0 && t[e - 1] == ' '; e--) t[e - 1] = 0;

    char name_q[MAX_QUERY_BYTES * 2 + 80], all_q[MAX_QUERY_BYTES * 2 + 80];
    if (!fts_query(t, all_q, sizeof all_q, 0)) return MJ_OK;
    fts_query(t, name_q, sizeof name_q, 1);
    hits hs = { 0 };
    /* One read transaction for every statement of the search: one snapshot, one lock. */
    int own_tx = sqlite3_get_autocommit(store_db(s)) && sqlite3_exec(store_db(s), "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
    char *layout = store_meta_get(s, "search_rowids");
    int direct = layout && strcmp(layout, "1") == 0;
    free(layout);
    int rc = fts_pass(s, name_q, 2, direct, &hs);
    if (!rc) rc = fts_pass(s, all_q, 3, direct, &hs);
    if (!rc) rc = name_pass(s, t, mj_utf8_len(t) >= 3, direct, &hs);
    if (rc) {
        hits_free(&hs);
        rc = rc == MJ_ENOMEM ? mj_err(err, errlen, rc, "out of memory") : store_fail(s, "search", err, errlen);
        goto out;
    }
    size_t nh = hs.n;
    if (nh == 0) goto out;     /* (qsort must not be given a NULL array) */
    qsort(hs.h, nh, sizeof *hs.h, hit_cmp);
    if (limit && nh > limit) nh = limit;
    *out = calloc(nh, sizeof **out);
    if (!*out) { rc = mj_err(err, errlen, MJ_ENOMEM, "out of memory"); goto out; }
    sqlite3_stmt *idq;
    if (sqlite3_prepare_v2(store_db(s), "SELECT id FROM services WHERE rowid = ?1", -1, &idq, NULL)) {
        free(*out);
        *out = NULL;
        rc = store_fail(s, "search", err, errlen);
        goto out;
    }
    for (size_t i = 0; i < nh; i++) {
        char id[65] = "";
        sqlite3_bind_int64(idq, 1, hs.h[i].row);
        if (sqlite3_step(idq) == SQLITE_ROW) snprintf(id, sizeof id, "%s", (const char *)sqlite3_column_text(idq, 0));
        sqlite3_reset(idq);
        if ((rc = catalog_service_get(s, l, id, &(*out)[i], err, errlen))) {
            sqlite3_finalize(idq);
            catalog_services_free(*out, i);
            *out = NULL;
            goto out;
        }
    }
    sqlite3_finalize(idq);
    *n = nh;
out:
    hits_free(&hs);
    if (own_tx) sqlite3_exec(store_db(s), "COMMIT", NULL, NULL, NULL);
    return rc;
}
