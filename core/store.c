/* store.c - see store.h. The schema lives here as a list of migration steps (core/migrate.h):
 * step i moves a store from user_version i to i+1. Steps are never edited once released; new
 * ones are added. Opening and pragmas are core/sqlite_open.c's. */
#include "store.h"
#include "migrate.h"
#include "sqlite_open.h"
#include "util.h"
#include <stdio.h>
#include <stdlib.h>

struct store {
    sqlite3 *db;
};

/* Multilingual texts are stored as the bundle's JSON object ({"fi": "...", "en": "..."}) and
 * resolved in SQL with json_extract, in the visitor's fallback order. */
static const char *const migrations[] = {
    /* 0 -> 1: content tables */
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE site ("
    "  id TEXT PRIMARY KEY, name TEXT NOT NULL, location_id TEXT REFERENCES locations(id),"
    "  default_language TEXT NOT NULL, languages TEXT NOT NULL, fallback TEXT NOT NULL,"
    "  timezone TEXT NOT NULL, phone TEXT, email TEXT, url TEXT);"
    "CREATE TABLE categories (id TEXT PRIMARY KEY, name TEXT NOT NULL, icon TEXT, sort INTEGER NOT NULL);"
    "CREATE TABLE organizations (id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL,"
    "  url TEXT, phone TEXT, email TEXT);"
    "CREATE TABLE locations (id TEXT PRIMARY KEY, name TEXT NOT NULL, street TEXT NOT NULL,"
    "  postal_code TEXT NOT NULL, city TEXT NOT NULL, lat REAL, lon REAL, accessibility TEXT);"
    "CREATE TABLE services (id TEXT PRIMARY KEY,"
    "  organization_id TEXT NOT NULL REFERENCES organizations(id),"
    "  location_id TEXT REFERENCES locations(id),"
    "  name TEXT NOT NULL, summary TEXT NOT NULL, description TEXT, free INTEGER NOT NULL,"
    "  cost TEXT, url TEXT, email TEXT, phone TEXT, hours_note TEXT, sort INTEGER NOT NULL);"
    "CREATE TABLE service_categories (service_id TEXT NOT NULL REFERENCES services(id) ON DELETE CASCADE,"
    "  category_id TEXT NOT NULL REFERENCES categories(id) ON DELETE CASCADE,"
    "  PRIMARY KEY (service_id, category_id)) WITHOUT ROWID;"
    "CREATE INDEX service_categories_cat ON service_categories(category_id);"
    "CREATE TABLE service_audiences (service_id TEXT NOT NULL REFERENCES services(id) ON DELETE CASCADE,"
    "  audience TEXT NOT NULL, PRIMARY KEY (service_id, audience)) WITHOUT ROWID;"
    "CREATE TABLE service_languages (service_id TEXT NOT NULL REFERENCES services(id) ON DELETE CASCADE,"
    "  language TEXT NOT NULL, PRIMARY KEY (service_id, language)) WITHOUT ROWID;"
    /* Weekly hours: owner_id is a service id, or '' for the site. day 0 = Monday; minutes from
     * midnight; close_min <= open_min means the range runs past midnight; 1440 is 24:00. */
    "CREATE TABLE hours (owner_id TEXT NOT NULL, day INTEGER NOT NULL CHECK (day BETWEEN 0 AND 6),"
    "  open_min INTEGER NOT NULL, close_min INTEGER NOT NULL);"
    "CREATE INDEX hours_owner ON hours(owner_id);"
    "CREATE TABLE hours_exceptions (owner_id TEXT NOT NULL, date TEXT NOT NULL, closed INTEGER NOT NULL,"
    "  open_min INTEGER, close_min INTEGER, note TEXT, PRIMARY KEY (owner_id, date)) WITHOUT ROWID;"
    /* Events: start/end are local date-times in the site's time zone (YYYY-MM-DDTHH:MM:SS). */
    "CREATE TABLE events (id TEXT PRIMARY KEY, title TEXT NOT NULL, description TEXT,"
    "  service_id TEXT REFERENCES services(id), location_id TEXT REFERENCES locations(id), place TEXT,"
    "  start_local TEXT NOT NULL, end_local TEXT NOT NULL, rrule TEXT, free INTEGER NOT NULL,"
    "  cost TEXT, registration INTEGER NOT NULL, url TEXT, sort INTEGER NOT NULL);"
    "CREATE TABLE event_exdates (event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,"
    "  exdate TEXT NOT NULL, PRIMARY KEY (event_id, exdate)) WITHOUT ROWID;"
    "CREATE TABLE event_audiences (event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,"
    "  audience TEXT NOT NULL, PRIMARY KEY (event_id, audience)) WITHOUT ROWID;"
    /* Questions keep every version ever imported, so old answers always resolve. active marks
     * the versions of the current bundle. */
    "CREATE TABLE questions (id TEXT NOT NULL, version INTEGER NOT NULL, kind TEXT NOT NULL,"
    "  text TEXT NOT NULL, options TEXT NOT NULL, active INTEGER NOT NULL, sort INTEGER NOT NULL,"
    "  PRIMARY KEY (id, version)) WITHOUT ROWID;",

    /* 1 -> 2: full-text search over services, one row per service and language, filled from
     * what version 1 stores hold. Case and diacritics are folded by the tokenizer. */
    "CREATE VIRTUAL TABLE service_search USING fts5(service_id UNINDEXED, language UNINDEXED,"
    "  name, summary, description, tokenize = 'unicode61 remove_diacritics 2');"
    "INSERT INTO service_search (service_id, language, name, summary, description)"
    "  SELECT s.id, l.key, l.value, coalesce(json_extract(s.summary, '$.' || l.key), ''),"
    "         coalesce(json_extract(s.description, '$.' || l.key), '')"
    "  FROM services s, json_each(s.name) l;",

    /* 2 -> 3: the feedback outbox and slip counts. A row is one answer (a face, a follow-up
     * question's choices, or a comment); it stays until the hub acknowledged it (sent_at set).
     * Nothing here identifies a person: time is rounded, visit_id is random per visit and
     * forgotten by the kiosk at idle reset. key is the idempotency key the hub dedupes on. */
    "CREATE TABLE feedback (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE,"
    "  visit_id TEXT NOT NULL, created TEXT NOT NULL, context TEXT NOT NULL, language TEXT NOT NULL,"
    "  kind TEXT NOT NULL CHECK (kind IN ('face', 'choice', 'comment')),"
    "  face INTEGER CHECK (face BETWEEN 1 AND 4), question_id TEXT, question_version INTEGER,"
    "  options TEXT, comment TEXT, suspect INTEGER NOT NULL DEFAULT 0, sent_at TEXT);"
    "CREATE INDEX feedback_unsent ON feedback(id) WHERE sent_at IS NULL;"
    /* Printed slips per service and day; `count` only grows, the hub keeps the largest it saw. */
    "CREATE TABLE slip_counts (day TEXT NOT NULL, service_id TEXT NOT NULL, count INTEGER NOT NULL,"
    "  sent_count INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (day, service_id)) WITHOUT ROWID;"
    /* What the sync agent and kiosk tell each other and the staff screen (last_upload, ...). */
    "CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);",

    /* 3 -> 4: walk-in help (docs/content-bundle.md "Walk-in"): a service that takes visitors
     * without an appointment, and the opening-hour ranges marked so. */
    "ALTER TABLE services ADD COLUMN walk_in INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE hours ADD COLUMN walk_in INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE hours_exceptions ADD COLUMN walk_in INTEGER NOT NULL DEFAULT 0;",
};

int store_schema_latest(void)
{
    return (int)(sizeof migrations / sizeof migrations[0]);
}

sqlite3 *store_db(store *s) { return s->db; }

int store_fail(store *s, const char *prefix, char *err, size_t errlen)
{
    return mj_sqlite_fail(s->db, prefix, err, errlen);
}

int store_exec(store *s, const char *sql, char *err, size_t errlen)
{
    return mj_sqlite_exec(s->db, sql, err, errlen);
}

int store_begin(store *s, char *err, size_t errlen) { return store_exec(s, "BEGIN IMMEDIATE", err, errlen); }
int store_commit(store *s, char *err, size_t errlen) { return store_exec(s, "COMMIT", err, errlen); }
void store_rollback(store *s)
{
    if (!sqlite3_get_autocommit(s->db)) sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

int store_schema_version(store *s)
{
    long long v;
    return mj_sqlite_int(s->db, "PRAGMA user_version", &v, NULL, 0) ? -1 : (int)v;
}

static const char *step_sql(int i, void *arg)
{
    (void)arg;
    return migrations[i];
}

/* The version is SQLite's own PRAGMA user_version (the kiosk store has had it from the start). */
static const migrate_schema schema = {
    .name = "store", .begin = "BEGIN IMMEDIATE", .version_get = "PRAGMA user_version",
    .version_set = "PRAGMA user_version = %d", .latest = (int)(sizeof migrations / sizeof migrations[0]),
    .step = step_sql,
};

int store_open_at_version(const char *path, int version, store **out, char *err, size_t errlen)
{
    store *s = calloc(1, sizeof *s);
    if (!s) return mj_err(err, errlen, MJ_ENOMEM, "out of memory");
    /* The store holds feedback: created 0640 whatever the umask. Busy timeout so that the kiosk
     * and the sync agent share the file. */
    int rc = mj_sqlite_open(path, &(mj_sqlite_opts){.busy_ms = 5000, .create_mode = 0640}, &s->db, err, errlen);
    if (rc) {
        free(s);
        return rc;
    }
    rc = migrate_run(&MJ_SQLITE_MIGRATE_DB(s->db), &schema, version, err, errlen);
    if (rc) {
        char tmp[MJ_ERRLEN];
        snprintf(tmp, sizeof tmp, "%s", err ? err : "");
        mj_err(err, errlen, rc, "%s: %s", path, tmp);
        store_close(s);
        return rc;
    }
    *out = s;
    return MJ_OK;
}

int store_open(const char *path, store **out, char *err, size_t errlen)
{
    return store_open_at_version(path, store_schema_latest(), out, err, errlen);
}

void store_close(store *s)
{
    if (!s) return;
    sqlite3_close(s->db);
    free(s);
}

int store_meta_set(store *s, const char *key, const char *value, char *err, size_t errlen)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "INSERT INTO meta(key, value) VALUES (?1, ?2) "
                                  "ON CONFLICT(key) DO UPDATE SET value = excluded.value", -1, &st, NULL) != SQLITE_OK)
        return store_fail(s, "meta", err, errlen);
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st) == SQLITE_DONE ? MJ_OK : store_fail(s, "meta", err, errlen);
    sqlite3_finalize(st);
    return rc;
}

char *store_meta_get(store *s, const char *key)
{
    sqlite3_stmt *st;
    char *v = NULL;
    if (sqlite3_prepare_v2(s->db, "SELECT value FROM meta WHERE key = ?1", -1, &st, NULL) != SQLITE_OK)
        return NULL;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW) v = mj_strdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return v;
}

int store_has_content(store *s)
{
    sqlite3_stmt *st;
    int has = 0;
    if (sqlite3_prepare_v2(s->db, "SELECT 1 FROM site LIMIT 1", -1, &st, NULL) == SQLITE_OK) {
        has = sqlite3_step(st) == SQLITE_ROW;
        sqlite3_finalize(st);
    }
    return has;
}

long long store_data_version(store *s)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(store_db(s), "PRAGMA data_version", -1, &q, NULL) != SQLITE_OK) return MJ_EDB;
    long long v = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int64(q, 0) : -1;
    sqlite3_finalize(q);
    return v;
}
