/* catalog.c - see catalog.h. Texts are JSON objects in the store and are resolved in SQL by
 * text_expr(): coalesce of each preferred language, then any language the text has. Language
 * codes are checked with model_lang_valid before they go into SQL, so the expression is safe. */
#include "catalog.h"
#include "catalog_int.h"
#include "model.h"
#include "util.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int catalog_text_expr(const catalog_langs *l, const char *col, char *out, size_t outlen)
{
    size_t used = 0;
    int n = snprintf(out, outlen, "coalesce(");
    if (n < 0 || (size_t)n >= outlen) return MJ_EINVAL;
    used = (size_t)n;
    for (int i = 0; i < l->n; i++) {
        if (!model_lang_valid(l->lang[i])) continue;
        n = snprintf(out + used, outlen - used, "json_extract(%s, '$.\"%s\"'), ", col, l->lang[i]);
        if (n < 0 || (size_t)n >= outlen - used) return MJ_EINVAL;
        used += (size_t)n;
    }
    n = snprintf(out + used, outlen - used, "(SELECT value FROM json_each(%s) LIMIT 1))", col);
    if (n < 0 || (size_t)n >= outlen - used) return MJ_EINVAL;
    return MJ_OK;
}

static char *col_dup(sqlite3_stmt *st, int i)
{
    return mj_strdup((const char *)sqlite3_column_text(st, i));
}

/* Copies at most len - 1 bytes (codes and ids are short and checked on import). */
static void copy_code(char *dst, size_t len, const char *src)
{
    size_t n = src ? strnlen(src, len - 1) : 0;
    if (n) memcpy(dst, src, n);
    dst[n] = 0;
}

/* Adds lang to l unless it is invalid, already there or l is full. */
static void langs_add(catalog_langs *l, const char *lang)
{
    if (!lang || !model_lang_valid(lang) || l->n >= CATALOG_MAX_LANGS) return;
    for (int i = 0; i < l->n; i++)
        if (strcmp(l->lang[i], lang) == 0) return;
    copy_code(l->lang[l->n++], sizeof l->lang[0], lang);
}

/* Fills list from a JSON array of strings held in a column (site.languages, site.fallback). */
static int json_codes(const char *text, char (*list)[16], int max)
{
    json_t *a = text ? json_loads(text, 0, NULL) : NULL;
    int n = 0;
    size_t i;
    json_t *v;
    json_array_foreach(a, i, v) {
        if (n < max && json_is_string(v) && model_lang_valid(json_string_value(v)))
            copy_code(list[n++], 16, json_string_value(v));
    }
    json_decref(a);
    return n;
}

int catalog_langs_for(store *s, const char *visitor, catalog_langs *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    langs_add(out, visitor);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(store_db(s), "SELECT fallback, default_language FROM site LIMIT 1", -1, &st, NULL))
        return store_fail(s, "languages", err, errlen);
    if (sqlite3_step(st) == SQLITE_ROW) {
        char fb[CATALOG_MAX_LANGS][16];
        int n = json_codes((const char *)sqlite3_column_text(st, 0), fb, CATALOG_MAX_LANGS);
        for (int i = 0; i < n; i++) langs_add(out, fb[i]);
        langs_add(out, (const char *)sqlite3_column_text(st, 1));
    }
    sqlite3_finalize(st);
    if (out->n == 0) langs_add(out, "fi");
    return MJ_OK;
}

int catalog_prepare(store *s, const catalog_langs *l, const char *sql_fmt, int ntexts,
                    const char *const *cols, sqlite3_stmt **st, char *err, size_t errlen)
{
    /* sql_fmt holds one %s per text column, filled with that column's resolving expression. */
    char exprs[8][1024];
    if (ntexts > 8) return mj_err(err, errlen, MJ_EINVAL, "catalog: too many text columns");
    for (int i = 0; i < ntexts; i++)
        if (catalog_text_expr(l, cols[i], exprs[i], sizeof exprs[i]))
            return mj_err(err, errlen, MJ_EINVAL, "catalog: language list too long");
    char sql[12288];
    int n = snprintf(sql, sizeof sql, sql_fmt, exprs[0], exprs[1], exprs[2], exprs[3], exprs[4], exprs[5],
                     exprs[6], exprs[7]);
    if (n < 0 || (size_t)n >= sizeof sql) return mj_err(err, errlen, MJ_EINVAL, "catalog: query too long");
    if (sqlite3_prepare_v2(store_db(s), sql, -1, st, NULL) != SQLITE_OK)
        return store_fail(s, "catalog", err, errlen);
    return MJ_OK;
}

int catalog_site_get(store *s, const catalog_langs *l, catalog_site *out, char *err, size_t errlen)
{
    static const char *const cols[] = { "s.name", "loc.street", "loc.city" };
    sqlite3_stmt *st;
    memset(out, 0, sizeof *out);
    int rc = catalog_prepare(s, l,
        "SELECT s.id, %s, %s, loc.postal_code, %s, s.phone, s.email, s.url, s.default_language, s.languages,"
        " s.fallback, s.timezone FROM site s LEFT JOIN locations loc ON loc.id = s.location_id LIMIT 1",
        3, cols, &st, err, errlen);
    if (rc) return rc;
    if (sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_finalize(st);
        return mj_err(err, errlen, MJ_ENOTFOUND, "the store has no content");
    }
    copy_code(out->id, sizeof out->id, (const char *)sqlite3_column_text(st, 0));
    out->name = col_dup(st, 1);
    out->street = col_dup(st, 2);
    out->postal_code = col_dup(st, 3);
    out->city = col_dup(st, 4);
    out->phone = col_dup(st, 5);
    out->email = col_dup(st, 6);
    out->url = col_dup(st, 7);
    copy_code(out->default_language, sizeof out->default_language, (const char *)sqlite3_column_text(st, 8));
    out->nlanguages = json_codes((const char *)sqlite3_column_text(st, 9), out->languages, CATALOG_MAX_LANGS);
    out->nfallback = json_codes((const char *)sqlite3_column_text(st, 10), out->fallback, CATALOG_MAX_LANGS);
    copy_code(out->timezone, sizeof out->timezone, (const char *)sqlite3_column_text(st, 11));
    sqlite3_finalize(st);
    char *v = store_meta_get(s, "content_version");
    copy_code(out->content_version, sizeof out->content_version, v);
    free(v);
    if (!out->name) {
        catalog_site_free(out);
        return mj_err(err, errlen, MJ_ENOMEM, "out of memory");
    }
    return MJ_OK;
}

void catalog_site_free(catalog_site *site)
{
    free(site->name); free(site->street); free(site->postal_code); free(site->city);
    free(site->phone); free(site->email); free(site->url);
    memset(site, 0, sizeof *site);
}

int catalog_categories(store *s, const catalog_langs *l, catalog_category **out, size_t *n,
                       char *err, size_t errlen)
{
    static const char *const cols[] = { "c.name" };
    sqlite3_stmt *st;
    *out = NULL;
    *n = 0;
    int rc = catalog_prepare(s, l,
        "SELECT c.id, %s, c.icon, (SELECT count(*) FROM service_categories sc WHERE sc.category_id = c.id)"
        " FROM categories c ORDER BY c.sort", 1, cols, &st, err, errlen);
    if (rc) return rc;
    size_t cap = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (mj_grow(out, &cap, *n, sizeof **out, 16)) {
            sqlite3_finalize(st); catalog_categories_free(*out, *n); *out = NULL; *n = 0;
            return mj_err(err, errlen, MJ_ENOMEM, "out of memory");
        }
        catalog_category *c = &(*out)[(*n)++];
        memset(c, 0, sizeof *c);
        copy_code(c->id, sizeof c->id, (const char *)sqlite3_column_text(st, 0));
        c->name = col_dup(st, 1);
        copy_code(c->icon, sizeof c->icon, (const char *)sqlite3_column_text(st, 2));
        c->services = sqlite3_column_int(st, 3);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        catalog_categories_free(*out, *n);
        *out = NULL;
        *n = 0;
        return store_fail(s, "categories", err, errlen);
    }
    return MJ_OK;
}

void catalog_categories_free(catalog_category *c, size_t n)
{
    for (size_t i = 0; i < n; i++) free(c[i].name);
    free(c);
}

int catalog_questions(store *s, const catalog_langs *l, catalog_question **out, size_t *n,
                      char *err, size_t errlen)
{
    static const char *const cols[] = { "q.text", "o.value ->> '$.text'" };
    sqlite3_stmt *st;
    *out = NULL;
    *n = 0;
    /* One row per option; the option's own text is a JSON object resolved like any other. */
    int rc = catalog_prepare(s, l,
        "SELECT q.id, q.version, q.kind, %s, o.value ->> '$.id', %s FROM questions q, json_each(q.options) o"
        " WHERE q.active = 1 ORDER BY q.sort, o.key", 2, cols, &st, err, errlen);
    if (rc) return rc;
    size_t cap = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *id = (const char *)sqlite3_column_text(st, 0);
        int version = sqlite3_column_int(st, 1);
        catalog_question *q = *n ? &(*out)[*n - 1] : NULL;
        if (!q || strcmp(q->id, id) || q->version != version) {
            if (mj_grow(out, &cap, *n, sizeof **out, 4)) { rc = SQLITE_NOMEM; break; }
            q = &(*out)[(*n)++];
            memset(q, 0, sizeof *q);
            copy_code(q->id, sizeof q->id, id);
            q->version = version;
            q->multiple = strcmp((const char *)sqlite3_column_text(st, 2), "multiple") == 0;
            q->text = col_dup(st, 3);
        }
        if (q->noptions < 8) {
            copy_code(q->option_id[q->noptions], sizeof q->option_id[0], (const char *)sqlite3_column_text(st, 4));
            q->option_text[q->noptions++] = col_dup(st, 5);
        }
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        catalog_questions_free(*out, *n);
        *out = NULL;
        *n = 0;
        return rc == SQLITE_NOMEM ? mj_err(err, errlen, MJ_ENOMEM, "out of memory")
                                  : store_fail(s, "questions", err, errlen);
    }
    return MJ_OK;
}

void catalog_questions_free(catalog_question *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].text);
        for (int j = 0; j < v[i].noptions; j++) free(v[i].option_text[j]);
    }
    free(v);
}
