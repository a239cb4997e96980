/* import.c - see import.h. The bundle is already valid (bundle.c), so this file only maps it
 * to the schema in store.c. Every statement is prepared once and reused for all rows; the whole
 * replacement is one transaction, rolled back on any failure. */
#include "import.h"
#include "bundle_int.h"
#include "model.h"
#include "tz.h"
#include "util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum {
    S_SITE, S_CAT, S_ORG, S_LOC, S_SVC, S_SVC_CAT, S_SVC_AUD, S_SVC_LANG, S_HOURS, S_EXC, S_EVENT, S_EXDATE,
    S_EV_AUD, S_QUESTION, S_SEARCH, S_COUNT
};

static const char *const sqls[S_COUNT] = {
    "INSERT INTO site (id, name, location_id, default_language, languages, fallback, timezone, phone, email, url)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    "INSERT INTO categories (id, name, icon, sort) VALUES (?1, ?2, ?3, ?4)",
    "INSERT INTO organizations (id, name, kind, url, phone, email) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    "INSERT INTO locations (id, name, street, postal_code, city, lat, lon, accessibility)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    "INSERT INTO services (rowid, id, organization_id, location_id, name, summary, description, free, cost, url,"
    " email, phone, hours_note, sort, walk_in) VALUES (?13 + 1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    "INSERT INTO service_categories (service_id, category_id) VALUES (?1, ?2)",
    "INSERT INTO service_audiences (service_id, audience) VALUES (?1, ?2)",
    "INSERT INTO service_languages (service_id, language) VALUES (?1, ?2)",
    "INSERT INTO hours (owner_id, day, open_min, close_min, walk_in) VALUES (?1, ?2, ?3, ?4, ?5)",
    "INSERT INTO hours_exceptions (owner_id, date, closed, open_min, close_min, note, walk_in)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    "INSERT INTO events (id, title, description, service_id, location_id, place, start_local, end_local, rrule,"
    " free, cost, registration, url, sort) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    "INSERT INTO event_exdates (event_id, exdate) VALUES (?1, ?2)",
    "INSERT INTO event_audiences (event_id, audience) VALUES (?1, ?2)",
    "INSERT INTO questions (id, version, kind, text, options, active, sort) VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6)"
    " ON CONFLICT (id, version) DO UPDATE SET kind = excluded.kind, text = excluded.text,"
    " options = excluded.options, active = 1, sort = excluded.sort",
    "INSERT INTO service_search (rowid, service_id, language, name, summary, description)"
    " VALUES (?6, ?1, ?2, ?3, ?4, ?5)",
};

/* Children first, for the foreign keys; questions are kept (see below). */
static const char *const wipe =
    "DELETE FROM event_exdates; DELETE FROM event_audiences; DELETE FROM events;"
    "DELETE FROM hours_exceptions; DELETE FROM hours;"
    "DELETE FROM service_categories; DELETE FROM service_audiences; DELETE FROM service_languages;"
    "DELETE FROM service_search; DELETE FROM services; DELETE FROM site;"
    "DELETE FROM categories; DELETE FROM organizations; DELETE FROM locations;"
    "UPDATE questions SET active = 0;";

typedef struct imp {
    store *s;
    sqlite3_stmt *st[S_COUNT];
    int search_rowids;   /* every search row got its rowid from its service (store.h); 0 if one could not */
    sqlite3_int64 spilled;
    char *err;
    size_t errlen;
} imp;

static const char *str(json_t *obj, const char *key)
{
    return json_string_value(json_object_get(obj, key));
}

/* Binds text, or NULL when absent. The statement is stepped before v changes, so STATIC is safe. */
static void bind_str(sqlite3_stmt *st, int i, const char *v)
{
    if (v) sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
    else sqlite3_bind_null(st, i);
}

/* A multilingual text as compact JSON with the x- keys left out; binds it (malloc'd, freed by SQLite). */
static int bind_json(imp *m, sqlite3_stmt *st, int i, json_t *v)
{
    if (!v) { sqlite3_bind_null(st, i); return MJ_OK; }
    char *s;
    const char *k;
    json_t *x;
    int ext = 0;
    if (json_is_object(v))
        json_object_foreach(v, k, x) ext |= strncmp(k, "x-", 2) == 0;
    if (ext) {
        json_t *clean = json_object();
        if (!clean) return mj_err(m->err, m->errlen, MJ_ENOMEM, "import: out of memory");
        json_object_foreach(v, k, x)
            if (strncmp(k, "x-", 2) != 0) json_object_set(clean, k, x);
        s = json_dumps(clean, JSON_COMPACT);
        json_decref(clean);
    } else {
        s = json_dumps(v, JSON_COMPACT);
    }
    if (!s) return mj_err(m->err, m->errlen, MJ_ENOMEM, "import: out of memory");
    sqlite3_bind_text(st, i, s, -1, free);
    return MJ_OK;
}

static int step(imp *m, int which, const char *what)
{
    sqlite3_stmt *st = m->st[which];
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc != SQLITE_DONE) {
        char prefix[128];
        snprintf(prefix, sizeof prefix, "import: %s", what);
        return store_fail(m->s, prefix, m->err, m->errlen);
    }
    return MJ_OK;
}

static int hm(json_t *obj, const char *key)
{
    int min = 0;
    bv_parse_hm(str(obj, key), 1, &min);
    return min;
}

static int hours(imp *m, const char *owner, json_t *obj)
{
    json_t *list = json_object_get(obj, "opening_hours"), *r;
    size_t i;
    int rc;
    sqlite3_stmt *st = m->st[S_HOURS];
    json_array_foreach(list, i, r) {
        sqlite3_bind_text(st, 1, owner, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 2, model_weekday_from_name(str(r, "day")));
        sqlite3_bind_int(st, 3, hm(r, "open"));
        sqlite3_bind_int(st, 4, hm(r, "close"));
        sqlite3_bind_int(st, 5, json_is_true(json_object_get(r, "walk_in")));
        if ((rc = step(m, S_HOURS, "hours"))) return rc;
    }
    st = m->st[S_EXC];
    list = json_object_get(obj, "hours_exceptions");
    json_array_foreach(list, i, r) {
        int closed = json_is_true(json_object_get(r, "closed"));
        sqlite3_bind_text(st, 1, owner, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, str(r, "date"), -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 3, closed);
        if (!closed) {
            sqlite3_bind_int(st, 4, hm(r, "open"));
            sqlite3_bind_int(st, 5, hm(r, "close"));
        }
        sqlite3_bind_int(st, 7, json_is_true(json_object_get(r, "walk_in")));
        if ((rc = bind_json(m, st, 6, json_object_get(r, "note"))) || (rc = step(m, S_EXC, "hours exceptions")))
            return rc;
    }
    return MJ_OK;
}

/* Inserts (id, each string of obj[key]) with statement which. */
static int pairs(imp *m, int which, const char *id, json_t *obj, const char *key, const char *what)
{
    json_t *list = json_object_get(obj, key), *x;
    size_t i;
    int rc;
    json_array_foreach(list, i, x) {
        sqlite3_bind_text(m->st[which], 1, id, -1, SQLITE_STATIC);
        sqlite3_bind_text(m->st[which], 2, json_string_value(x), -1, SQLITE_STATIC);
        if ((rc = step(m, which, what))) return rc;
    }
    return MJ_OK;
}

static int site(imp *m, json_t *s)
{
    sqlite3_stmt *st = m->st[S_SITE];
    json_t *fallback = json_object_get(s, "fallback");
    json_t *dflt = NULL;
    int rc;
    if (!fallback) {
        /* default: [default_language, "en"], without "en" twice */
        const char *dl = str(s, "default_language");
        dflt = strcmp(dl, "en") == 0 ? json_pack("[s]", dl) : json_pack("[s,s]", dl, "en");
        if (!dflt) return mj_err(m->err, m->errlen, MJ_ENOMEM, "import: out of memory");
        fallback = dflt;
    }
    sqlite3_bind_text(st, 1, str(s, "id"), -1, SQLITE_STATIC);
    rc = bind_json(m, st, 2, json_object_get(s, "name"));
    sqlite3_bind_text(st, 3, str(s, "location"), -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, str(s, "default_language"), -1, SQLITE_STATIC);
    if (!rc) rc = bind_json(m, st, 5, json_object_get(s, "languages"));
    if (!rc) rc = bind_json(m, st, 6, fallback);
    sqlite3_bind_text(st, 7, str(s, "timezone") ? str(s, "timezone") : "Europe/Helsinki", -1, SQLITE_STATIC);
    bind_str(st, 8, str(s, "phone"));
    bind_str(st, 9, str(s, "email"));
    bind_str(st, 10, str(s, "url"));
    json_decref(dflt);
    if (rc) { sqlite3_reset(st); sqlite3_clear_bindings(st); return rc; }
    if ((rc = step(m, S_SITE, "site"))) return rc;
    return hours(m, "", s);
}

/* The text of obj[key] in language lang, or "". */
static const char *in_lang(json_t *obj, const char *key, const char *lang)
{
    const char *s = json_string_value(json_object_get(json_object_get(obj, key), lang));
    return s ? s : "";
}

static int service(imp *m, json_t *s, size_t sort)
{
    sqlite3_stmt *st = m->st[S_SVC];
    const char *id = str(s, "id"), *lang;
    json_t *x;
    int rc;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, str(s, "organization"), -1, SQLITE_STATIC);
    bind_str(st, 3, str(s, "location"));
    if ((rc = bind_json(m, st, 4, json_object_get(s, "name"))) || (rc = bind_json(m, st, 5, json_object_get(s, "summary"))) ||
        (rc = bind_json(m, st, 6, json_object_get(s, "description"))) ||
        (rc = bind_json(m, st, 8, json_object_get(s, "cost"))) ||
        (rc = bind_json(m, st, 12, json_object_get(s, "hours_note")))) {
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
        return rc;
    }
    sqlite3_bind_int(st, 7, json_is_true(json_object_get(s, "free")));
    bind_str(st, 9, str(s, "url"));
    bind_str(st, 10, str(s, "email"));
    bind_str(st, 11, str(s, "phone"));
    sqlite3_bind_int64(st, 13, (sqlite3_int64)sort);
    sqlite3_bind_int(st, 14, json_is_true(json_object_get(s, "walk_in")));
    if ((rc = step(m, S_SVC, "services")) ||
        (rc = pairs(m, S_SVC_CAT, id, s, "categories", "service categories")) ||
        (rc = pairs(m, S_SVC_AUD, id, s, "audiences", "service audiences")) ||
        (rc = pairs(m, S_SVC_LANG, id, s, "languages", "service languages")) || (rc = hours(m, id, s)))
        return rc;
    /* one search row per language of the name, numbered from the service's rowid (store.h) */
    st = m->st[S_SEARCH];
    sqlite3_int64 row = ((sqlite3_int64)sort + 1) * STORE_SEARCH_ROWS;
    int n = 0;
    json_object_foreach(json_object_get(s, "name"), lang, x) {
        if (strncmp(lang, "x-", 2) == 0) continue;
        if (n < STORE_SEARCH_ROWS) {
            sqlite3_bind_int64(st, 6, row + n++);
        } else {
            /* (never with real languages) a row far above the numbered ones; searches then go
             * through service_id */
            m->search_rowids = 0;
            sqlite3_bind_int64(st, 6, ((sqlite3_int64)1 << 52) + m->spilled++);
        }
        sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, lang, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, json_string_value(x), -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, in_lang(s, "summary", lang), -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 5, in_lang(s, "description", lang), -1, SQLITE_STATIC);
        if ((rc = step(m, S_SEARCH, "service search"))) return rc;
    }
    return MJ_OK;
}

/* A local date-time or date in its stored form (date-times with seconds). */
static void normalize(const char *s, char out[20])
{
    tz_local lt;
    int date_only = 0;
    if (tz_parse_local(s, &lt, &date_only) != 0 || date_only) snprintf(out, 20, "%.10s", s);
    else tz_format_local(&lt, out);
}

static int event(imp *m, json_t *e, size_t sort)
{
    sqlite3_stmt *st = m->st[S_EVENT];
    const char *id = str(e, "id");
    char start[20], end[20];
    json_t *list, *x;
    size_t i;
    int rc;
    normalize(str(e, "start"), start);
    normalize(str(e, "end"), end);
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    if ((rc = bind_json(m, st, 2, json_object_get(e, "title"))) ||
        (rc = bind_json(m, st, 3, json_object_get(e, "description"))) ||
        (rc = bind_json(m, st, 6, json_object_get(e, "place"))) || (rc = bind_json(m, st, 11, json_object_get(e, "cost")))) {
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
        return rc;
    }
    bind_str(st, 4, str(e, "service"));
    bind_str(st, 5, str(e, "location"));
    sqlite3_bind_text(st, 7, start, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 8, end, -1, SQLITE_STATIC);
    bind_str(st, 9, str(e, "rrule"));
    sqlite3_bind_int(st, 10, json_is_true(json_object_get(e, "free")));
    sqlite3_bind_int(st, 12, json_is_true(json_object_get(e, "registration")));
    bind_str(st, 13, str(e, "url"));
    sqlite3_bind_int64(st, 14, (sqlite3_int64)sort);
    if ((rc = step(m, S_EVENT, "events"))) return rc;
    list = json_object_get(e, "exdates");
    json_array_foreach(list, i, x) {
        char d[20];
        normalize(json_string_value(x), d);
        sqlite3_bind_text(m->st[S_EXDATE], 1, id, -1, SQLITE_STATIC);
        sqlite3_bind_text(m->st[S_EXDATE], 2, d, -1, SQLITE_STATIC);
        if ((rc = step(m, S_EXDATE, "event exdates"))) return rc;
    }
    return pairs(m, S_EV_AUD, id, e, "audiences", "event audiences");
}

static int question(imp *m, json_t *q, size_t sort)
{
    sqlite3_stmt *st = m->st[S_QUESTION];
    json_t *opts = json_array(), *o;
    size_t i;
    int rc;
    if (!opts) return mj_err(m->err, m->errlen, MJ_ENOMEM, "import: out of memory");
    /* options as [{"id": ..., "text": {...}}], extensions left out */
    json_array_foreach(json_object_get(q, "options"), i, o) {
        json_t *clean = json_object(), *t = json_object(), *x;
        const char *k;
        if (!clean || !t) { json_decref(clean); json_decref(t); json_decref(opts); return MJ_ENOMEM; }
        json_object_foreach(json_object_get(o, "text"), k, x)
            if (strncmp(k, "x-", 2) != 0) json_object_set(t, k, x);
        json_object_set(clean, "id", json_object_get(o, "id"));
        json_object_set_new(clean, "text", t);
        json_array_append_new(opts, clean);
    }
    sqlite3_bind_text(st, 1, str(q, "id"), -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)json_integer_value(json_object_get(q, "version")));
    sqlite3_bind_text(st, 3, str(q, "kind"), -1, SQLITE_STATIC);
    rc = bind_json(m, st, 4, json_object_get(q, "text"));
    if (!rc) rc = bind_json(m, st, 5, opts);
    json_decref(opts);
    if (rc) { sqlite3_reset(st); sqlite3_clear_bindings(st); return rc; }
    sqlite3_bind_int64(st, 6, (sqlite3_int64)sort);
    return step(m, S_QUESTION, "questions");
}

static int simple_rows(imp *m, json_t *c)
{
    json_t *x;
    size_t i;
    int rc;
    sqlite3_stmt *st = m->st[S_LOC];
    json_array_foreach(json_object_get(c, "locations"), i, x) {
        json_t *lat = json_object_get(x, "lat"), *lon = json_object_get(x, "lon");
        sqlite3_bind_text(st, 1, str(x, "id"), -1, SQLITE_STATIC);
        if ((rc = bind_json(m, st, 2, json_object_get(x, "name"))) || (rc = bind_json(m, st, 3, json_object_get(x, "street"))) ||
            (rc = bind_json(m, st, 5, json_object_get(x, "city"))) ||
            (rc = bind_json(m, st, 8, json_object_get(x, "accessibility"))))
            return rc;
        sqlite3_bind_text(st, 4, str(x, "postal_code"), -1, SQLITE_STATIC);
        if (lat) sqlite3_bind_double(st, 6, json_number_value(lat));
        if (lon) sqlite3_bind_double(st, 7, json_number_value(lon));
        if ((rc = step(m, S_LOC, "locations"))) return rc;
    }
    st = m->st[S_ORG];
    json_array_foreach(json_object_get(c, "organizations"), i, x) {
        sqlite3_bind_text(st, 1, str(x, "id"), -1, SQLITE_STATIC);
        if ((rc = bind_json(m, st, 2, json_object_get(x, "name")))) return rc;
        sqlite3_bind_text(st, 3, str(x, "kind"), -1, SQLITE_STATIC);
        bind_str(st, 4, str(x, "url"));
        bind_str(st, 5, str(x, "phone"));
        bind_str(st, 6, str(x, "email"));
        if ((rc = step(m, S_ORG, "organizations"))) return rc;
    }
    st = m->st[S_CAT];
    json_array_foreach(json_object_get(c, "categories"), i, x) {
        sqlite3_bind_text(st, 1, str(x, "id"), -1, SQLITE_STATIC);
        if ((rc = bind_json(m, st, 2, json_object_get(x, "name")))) return rc;
        bind_str(st, 3, str(x, "icon"));
        sqlite3_bind_int64(st, 4, (sqlite3_int64)i);
        if ((rc = step(m, S_CAT, "categories"))) return rc;
    }
    return MJ_OK;
}

static int write_all(imp *m, const bundle *b, import_summary *sum)
{
    json_t *c = b->content, *x;
    size_t i;
    int rc;
    char now[32];
    time_t t = time(NULL);
    struct tm tm;
    m->search_rowids = 1;
    if ((rc = store_exec(m->s, wipe, m->err, m->errlen)) || (rc = simple_rows(m, c)) ||
        (rc = site(m, json_object_get(c, "site"))))
        return rc;
    json_array_foreach(json_object_get(c, "services"), i, x)
        if ((rc = service(m, x, i))) return rc;
    json_array_foreach(json_object_get(c, "events"), i, x)
        if ((rc = event(m, x, i))) return rc;
    json_array_foreach(json_object_get(c, "feedback_questions"), i, x)
        if ((rc = question(m, x, i))) return rc;
    gmtime_r(&t, &tm);
    strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);
    if ((rc = store_meta_set(m->s, "content_version", b->content_version, m->err, m->errlen)) ||
        (rc = store_meta_set(m->s, "content_sha256", b->sha256, m->err, m->errlen)) ||
        (rc = store_meta_set(m->s, "imported_at", now, m->err, m->errlen)) ||
        (rc = store_meta_set(m->s, "search_rowids", m->search_rowids ? "1" : "0", m->err, m->errlen)))
        return rc;
    if (sum) {
        memset(sum, 0, sizeof *sum);
        snprintf(sum->content_version, sizeof sum->content_version, "%s", b->content_version);
        sum->services = (int)json_array_size(json_object_get(c, "services"));
        sum->events = (int)json_array_size(json_object_get(c, "events"));
        sum->categories = (int)json_array_size(json_object_get(c, "categories"));
        sum->organizations = (int)json_array_size(json_object_get(c, "organizations"));
        sum->locations = (int)json_array_size(json_object_get(c, "locations"));
        sum->questions = (int)json_array_size(json_object_get(c, "feedback_questions"));
        sum->skipped_events = (int)json_array_size(b->skipped);
    }
    return MJ_OK;
}

static int cache_size(store *s)
{
    sqlite3_stmt *st;
    int v = -2000;   /* SQLite's default */
    if (sqlite3_prepare_v2(store_db(s), "PRAGMA cache_size", -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int(st, 0);
        sqlite3_finalize(st);
    }
    return v;
}

/* The bundle was validated, so a dangling reference here is a bug: refuse to commit it. */
static int fk_check(store *s, char *err, size_t errlen)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(store_db(s), "PRAGMA foreign_key_check", -1, &st, NULL) != SQLITE_OK)
        return store_fail(s, "import: foreign key check", err, errlen);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        rc = mj_err(err, errlen, MJ_EDB, "import: a reference in %s has no target in %s",
                    (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 2));
    else if (rc == SQLITE_DONE)
        rc = MJ_OK;
    else
        rc = store_fail(s, "import: foreign key check", err, errlen);
    sqlite3_finalize(st);
    return rc;
}

int import_bundle(store *s, const bundle *b, import_summary *sum, char *err, size_t errlen)
{
    imp m = { .s = s, .err = err, .errlen = errlen };
    int rc = MJ_OK;
    if (!b || !b->content) return mj_err(err, errlen, MJ_EINVAL, "import: no bundle");
    for (int i = 0; i < S_COUNT && !rc; i++)
        if (sqlite3_prepare_v2(store_db(s), sqls[i], -1, &m.st[i], NULL) != SQLITE_OK)
            rc = store_fail(s, "import: preparing", err, errlen);
    /* Foreign keys are checked once at the end instead of row by row: that also lets SQLite
     * empty the old tables wholesale. The pragma is a no-op inside a transaction, so it is set
     * around it. */
    /* A cache that holds the whole new content keeps SQLite from spilling pages mid-way. */
    int cache = cache_size(s);
    store_exec(s, "PRAGMA cache_size = -32768", NULL, 0);
    if (!rc) rc = store_exec(s, "PRAGMA foreign_keys = OFF", err, errlen);
    if (!rc && !(rc = store_begin(s, err, errlen))) {
        rc = write_all(&m, b, sum);
        if (!rc) rc = fk_check(s, err, errlen);
        if (!rc) rc = store_commit(s, err, errlen);
        if (rc) store_rollback(s);
    }
    store_exec(s, "PRAGMA foreign_keys = ON", NULL, 0);
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA cache_size = %d", cache);
    store_exec(s, sql, NULL, 0);
    for (int i = 0; i < S_COUNT; i++) sqlite3_finalize(m.st[i]);
    return rc;
}

int import_file(store *s, const char *path, import_summary *sum, char *err, size_t errlen)
{
    bundle b;
    int rc = bundle_load(path, &b, err, errlen);
    if (rc) return rc;
    rc = import_bundle(s, &b, sum, err, errlen);
    bundle_free(&b);
    return rc;
}

void import_summary_line(const import_summary *sum, char *buf, size_t len)
{
    int n = snprintf(buf, len, "imported content %s: %d services, %d events, %d categories, %d organizations, "
                     "%d locations, %d questions", sum->content_version, sum->services, sum->events, sum->categories,
                     sum->organizations, sum->locations, sum->questions);
    if (sum->skipped_events && n >= 0 && (size_t)n < len)
        snprintf(buf + n, len - (size_t)n, " (%d calendar events skipped)", sum->skipped_events);
}
