/* catalog_events.c - event occurrences for the screens (catalog.h): recur_between gives the
 * instants; each distinct event's texts are then read once, resolved in the visitor's languages. */
#include "catalog_int.h"
#include "model.h"
#include "recur.h"
#include "util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_OCCURRENCES 5000

static const char *const event_cols[] = { "e.title", "e.description", "e.cost", "loc.name", "loc.street", "e.place" };

static char *col_dup(sqlite3_stmt *st, int i) { return mj_strdup((const char *)sqlite3_column_text(st, i)); }

/* "Name, street" for a location, else the event's own place text, else NULL. */
static char *place_text(sqlite3_stmt *st)
{
    const char *name = (const char *)sqlite3_column_text(st, 4), *street = (const char *)sqlite3_column_text(st, 5);
    const char *place = (const char *)sqlite3_column_text(st, 6);
    if (name) {
        size_t n = strlen(name) + (street ? strlen(street) + 2 : 0) + 1;
        char *p = malloc(n);
        if (p) snprintf(p, n, "%s%s%s", name, street ? ", " : "", street ? street : "");
        return p;
    }
    return mj_strdup(place);
}

int catalog_events_between(store *s, const catalog_langs *l, time_t from, time_t to, unsigned audiences,
                           catalog_event **out, size_t *n, char *err, size_t errlen)
{
    recur_occurrence *occ;
    size_t nocc;
    *out = NULL;
    *n = 0;
    int rc = recur_between(s, from, to, MAX_OCCURRENCES, &occ, &nocc, err, errlen);
    if (rc) return rc;
    sqlite3_stmt *st;
    rc = catalog_prepare(s, l,
        "SELECT e.id, %s, %s, %s, %s, %s, %s, e.url, e.service_id, e.free, e.registration,"
        " (SELECT group_concat(audience) FROM event_audiences a WHERE a.event_id = e.id)"
        " FROM events e LEFT JOIN locations loc ON loc.id = e.location_id WHERE e.id = ?1",
        6, event_cols, &st, err, errlen);
    if (rc) { free(occ); return rc; }
    catalog_event *v = calloc(nocc ? nocc : 1, sizeof *v);
    if (!v) { sqlite3_finalize(st); free(occ); return mj_err(err, errlen, MJ_ENOMEM, "out of memory"); }
    size_t k = 0;
    for (size_t i = 0; i < nocc && rc == MJ_OK; i++) {
        sqlite3_reset(st);
        sqlite3_bind_text(st, 1, occ[i].event_id, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(st) != SQLITE_ROW) continue;
        unsigned aud = 0;
        const char *csv = (const char *)sqlite3_column_text(st, 11);
        for (int a = 0; csv && a < AUD_COUNT; a++) {
            const char *p = strstr(csv, model_audience_names[a]);
            size_t len = strlen(model_audience_names[a]);
            /* whole names only: "school_age" must not match inside "under_school_age" */
            while (p && !((p == csv || p[-1] == ',') && (p[len] == ',' || p[len] == 0))) p = strstr(p + 1, model_audience_names[a]);
            if (p) aud |= 1u << a;
        }
        if (audiences && !(aud & audiences)) continue;
        catalog_event *e = &v[k];
        snprintf(e->id, sizeof e->id, "%s", occ[i].event_id);
        e->title = col_dup(st, 1);
        e->description = col_dup(st, 2);
        e->cost = col_dup(st, 3);
        e->place = place_text(st);
        e->url = col_dup(st, 7);
        snprintf(e->service_id, sizeof e->service_id, "%s", sqlite3_column_text(st, 8) ? (const char *)sqlite3_column_text(st, 8) : "");
        e->free = sqlite3_column_int(st, 9);
        e->registration = sqlite3_column_int(st, 10);
        e->audiences = aud;
        e->start = occ[i].start;
        e->end = occ[i].end;
        if (!e->title) rc = mj_err(err, errlen, MJ_ENOMEM, "out of memory");
        k++;
    }
    sqlite3_finalize(st);
    free(occ);
    if (rc) { catalog_events_free(v, k); return rc; }
    *out = v;
    *n = k;
    return MJ_OK;
}

void catalog_events_free(catalog_event *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].title); free(v[i].description); free(v[i].place); free(v[i].cost); free(v[i].url);
    }
    free(v);
}
