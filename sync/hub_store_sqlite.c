/* hub_store_sqlite.c - the SQLite backend of the hub store (hub_store_backend.h): one
 * connection in WAL mode, synchronous=FULL, statements prepared once and kept. */
#include "hub_store_backend.h"
#include "sqlite_open.h"
#include "util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Statements are prepared once and kept: a kiosk's sync is a few small requests, and preparing
 * their statements again each time was a sixth of the hub's CPU. Keyed by the SQL text's
 * address (every statement is a string literal); used under the store lock. */
#define STMT_CACHE 48
typedef struct cached_stmt { const char *sql; sqlite3_stmt *st; } cached_stmt;
typedef struct sq { sqlite3 *db; cached_stmt cache[STMT_CACHE]; } sq;

static int fail(sq *c, const char *what, char *err, size_t errlen)
{
    return mj_sqlite_fail(c->db, what, err, errlen);
}

static int sq_exec(void *conn, const char *sql, char *err, size_t errlen)
{
    sq *c = conn;
    return sqlite3_exec(c->db, sql, NULL, NULL, NULL) == SQLITE_OK ? MJ_OK : fail(c, "hub store", err, errlen);
}

static void sq_close(void *conn)
{
    sq *c = conn;
    if (!c) return;
    for (int i = 0; i < STMT_CACHE; i++) sqlite3_finalize(c->cache[i].st);
    sqlite3_close(c->db);
    free(c);
}

/* The hub's SQLite file is opened by core/sqlite_open.c like the kiosk store (a longer busy
 * timeout: requests of several threads share the connection). Migrations are hub_store.c's, the
 * same steps numbered the same way for both backends. */
int hub_sqlite_open(const char *path, void **out, char *err, size_t errlen)
{
    sq *c = calloc(1, sizeof *c);
    if (!c) return mj_err(err, errlen, MJ_ENOMEM, "out of memory");
    int rc = mj_sqlite_open(path, &(mj_sqlite_opts){.busy_ms = 10000, .full_mutex = 1}, &c->db, err, errlen);
    if (rc) { free(c); return rc; }
    *out = c;
    return MJ_OK;
}

static int prep(sq *c, const char *sql, sqlite3_stmt **st, int *kept, char *err, size_t errlen)
{
    int free_slot = -1;
    for (int i = 0; i < STMT_CACHE; i++) {
        if (c->cache[i].sql == sql) { *st = c->cache[i].st; *kept = 1; return MJ_OK; }
        if (!c->cache[i].sql && free_slot < 0) free_slot = i;
    }
    if (sqlite3_prepare_v2(c->db, sql, -1, st, NULL) != SQLITE_OK) return fail(c, "hub store", err, errlen);
    *kept = free_slot >= 0;
    if (*kept) c->cache[free_slot] = (cached_stmt){ sql, *st };
    return MJ_OK;
}

static int sq_query(void *conn, const char *sql, const hub_param *p, int np, hub_row_fn fn, void *ctx,
                    long *changes, char *err, size_t errlen)
{
    sq *c = conn;
    sqlite3_stmt *st;
    int kept = 0, rc;
    if ((rc = prep(c, sql, &st, &kept, err, errlen))) return rc;
    for (int i = 0; i < np; i++) {
        char name[16];
        snprintf(name, sizeof name, "$%d", i + 1);
        int idx = sqlite3_bind_parameter_index(st, name);
        if (!idx) continue;
        switch (p[i].type) {
        case HUB_P_TEXT: sqlite3_bind_text(st, idx, p[i].s, -1, SQLITE_STATIC); break;
        case HUB_P_INT: sqlite3_bind_int64(st, idx, p[i].i); break;
        case HUB_P_BLOB: sqlite3_bind_blob64(st, idx, p[i].s, p[i].len, SQLITE_STATIC); break;
        default: sqlite3_bind_null(st, idx);
        }
    }
    int step, stop = 0;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        if (!fn || stop) continue;
        hub_val cols[24];
        int n = sqlite3_column_count(st);
        if (n > 24) n = 24;
        for (int i = 0; i < n; i++) {
            int blob = sqlite3_column_type(st, i) == SQLITE_BLOB;
            cols[i].s = blob ? sqlite3_column_blob(st, i) : (const char *)sqlite3_column_text(st, i);
            cols[i].len = (size_t)sqlite3_column_bytes(st, i);
            if (blob && !cols[i].s) cols[i].s = "";
        }
        stop = fn(ctx, cols, n);
    }
    rc = step == SQLITE_DONE ? MJ_OK : fail(c, "hub store", err, errlen);
    if (!rc && changes) *changes = sqlite3_changes(c->db);
    if (!rc && stop) rc = stop;
    if (kept) { sqlite3_reset(st); sqlite3_clear_bindings(st); }
    else sqlite3_finalize(st);
    return rc;
}

const hub_backend hub_sqlite_backend = {"sqlite", "BEGIN IMMEDIATE", sq_exec, sq_query, sq_close};
