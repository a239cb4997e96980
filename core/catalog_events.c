/* catalog_events.c - catalog_events_between and catalog_events_free (catalog.h); the rest of
 * the catalog lives in catalog.c. Occurrences come from recur_between; each distinct event's
 * texts are then read once, resolved in SQL in the visitor's language order. */
#include "catalog.h"
#include "model.h"
#include "recur.h"
#include "util.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* SQL that resolves the text column `col`: the first language of ?1..?n it has, else any. */
static void resolve_sql(char *buf, size_t len, const char *col, int nlangs)
{
    size_t off = (size_t)snprintf(buf, len, "coalesce(");
    for (int i = 1; i <= nlangs && off < len; i++)
        off += (size_t)snprintf(buf + off, len - off, "json_extract(%s, ?%d), ", col, i);
    if (off < len)
        snprintf(buf + off, len - off, "(SELECT value FROM json_each(%s) LIMIT 1), NULL)", col);
}

typedef struct event_row {
    const char *id;                 /* points into the occurrence array */
    char *title, *description, *place, *cost, *url;
    char service_id[65];
    int free, registration, ok;
    unsigned audiences;
} event_row;

static int row_cmp(const void *a, const void *b)
{
    return strcmp(((const event_row *)a)->id, ((const event_row *)b)->id);
}

static char *col_dup(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? strdup((const char *)t) : NULL;
}

static void row_clear(event_row *r)
{
    free(r->title); free(r->description); free(r->place); free(r->cost); free(r->url);
}

static int dup_or_null(const char *s, char **out)
{
    *out = NULL;
    if (!s) return 0;
    return (*out = strdup(s)) == NULL;
}

int catalog_events_between(store *s, const catalog_langs *l, time_t from, time_t to,
                           unsigned audiences, catalog_event **out, size_t *n, char *err, size_t errlen)
{
    recur_occurrence *occ = NULL;
    size_t nocc = 0, nrows = 0, nout = 0;
    event_row *rows = NULL;
    catalog_event *res = NULL;
    sqlite3_stmt *st = NULL;
    char paths[CATALOG_MAX_LANGS][24];
    int nlangs = 0, rc;
    *out = NULL;
    *n = 0;

    for (int i = 0; l && i < l->n && i < CATALOG_MAX_LANGS; i++)
        if (model_lang_valid(l->lang[i])) snprintf(paths[nlangs++], sizeof paths[0], "$.\"%s\"", l->lang[i]);

    rc = recur_between(s, from, to, SIZE_MAX, &occ, &nocc, err, errlen);
    if (rc || nocc == 0) { free(occ); return rc; }

    /* The distinct events, sorted by id so each occurrence finds its row by bsearch. */
    rows = calloc(nocc, sizeof *rows);
    if (!rows) { rc = mj_err(err, errlen, MJ_ENOMEM, "out of memory"); goto done; }
    for (size_t i = 0; i < nocc; i++) rows[i].id = occ[i].event_id;
    qsort(rows, nocc, sizeof *rows, row_cmp);
    for (size_t i = 0; i < nocc; i++)
        if (nrows == 0 || strcmp(rows[nrows - 1].id, rows[i].id) != 0) rows[nrows++] = rows[i];

    char title[512], desc[512], lname[512], street[512], place[512], cost[512], sql[4096];
    resolve_sql(title, sizeof title, "e.title", nlangs);
    resolve_sql(desc, sizeof desc, "e.description", nlangs);
    resolve_sql(lname, sizeof lname, "loc.name", nlangs);
    resolve_sql(street, sizeof street, "loc.street", nlangs);
    resolve_sql(place, sizeof place, "e.place", nlangs);
    resolve_sql(cost, sizeof cost, "e.cost", nlangs);
    snprintf(sql, sizeof sql,
             "SELECT %s, %s, CASE WHEN loc.id IS NOT NULL THEN %s || ', ' || %s ELSE %s END, %s, e.url,"
             " e.service_id, e.free, e.registration,"
             " (SELECT group_concat(audience, ',') FROM event_audiences WHERE event_id = e.id)"
             " FROM events e LEFT JOIN locations loc ON loc.id = e.location_id WHERE e.id = ?%d",
             title, desc, lname, street, place, cost, nlangs + 1);
    if (sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL) != SQLITE_OK) {
        rc = store_fail(s, "events", err, errlen);
        goto done;
    }
    for (int i = 0; i < nlangs; i++) sqlite3_bind_text(st, i + 1, paths[i], -1, SQLITE_STATIC);
    for (size_t i = 0; i < nrows; i++) {
        event_row *r = &rows[i];
        sqlite3_bind_text(st, nlangs + 1, r->id, -1, SQLITE_STATIC);
        int step = sqlite3_step(st);
        if (step == SQLITE_ROW) {
            r->ok = 1;
            r->title = col_dup(st, 0);
            r->description = col_dup(st, 1);
            r->place = col_dup(st, 2);
            r->cost = col_dup(st, 3);
            r->url = col_dup(st, 4);
            const char *sid = (const char *)sqlite3_column_text(st, 5);
            snprintf(r->service_id, sizeof r->service_id, "%s", sid ? sid : "");
            r->free = sqlite3_column_int(st, 6);
            r->registration = sqlite3_column_int(st, 7);
            const char *aud = (const char *)sqlite3_column_text(st, 8);
            char name[32];
            while (aud && *aud) {
                size_t len = strcspn(aud, ",");
                if (len < sizeof name) {
                    memcpy(name, aud, len);
                    name[len] = 0;
                    int a = model_audience_from_name(name);
                    if (a >= 0) r->audiences |= 1u << a;
                }
                aud += len + (aud[len] == ',');
            }
            if (!r->title) r->ok = 0;   /* a title is required; an event without one is skipped */
        } else if (step != SQLITE_DONE) {
            rc = store_fail(s, "events", err, errlen);
            goto done;
        }
        sqlite3_reset(st);
    }

    res = calloc(nocc, sizeof *res);
    if (!res) { rc = mj_err(err, errlen, MJ_ENOMEM, "out of memory"); goto done; }
    for (size_t i = 0; i < nocc; i++) {
        event_row key = { .id = occ[i].event_id };
        event_row *r = bsearch(&key, rows, nrows, sizeof *rows, row_cmp);
        if (!r || !r->ok || (audiences && !(r->audiences & audiences))) continue;
        catalog_event *e = &res[nout++];
        snprintf(e->id, sizeof e->id, "%s", occ[i].event_id);
        snprintf(e->service_id, sizeof e->service_id, "%s", r->service_id);
        e->free = r->free;
        e->registration = r->registration;
        e->audiences = r->audiences;
        e->start = occ[i].start;
        e->end = occ[i].end;
        if (dup_or_null(r->title, &e->title) | dup_or_null(r->description, &e->description) |
            dup_or_null(r->place, &e->place) | dup_or_null(r->cost, &e->cost) | dup_or_null(r->url, &e->url)) {
            rc = mj_err(err, errlen, MJ_ENOMEM, "out of memory");
            goto done;
        }
    }
    *out = res;
    *n = nout;
    res = NULL;
done:
    if (res) catalog_events_free(res, nout);
    sqlite3_finalize(st);
    for (size_t i = 0; rows && i < nrows; i++) row_clear(&rows[i]);
    free(rows);
    free(occ);
    return rc;
}

void catalog_events_free(catalog_event *v, size_t n)
{
    if (!v) return;
    for (size_t i = 0; i < n; i++) {
        free(v[i].title); free(v[i].description); free(v[i].place); free(v[i].cost); free(v[i].url);
    }
    free(v);
}
