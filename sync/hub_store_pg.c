/* hub_store_pg.c - the PostgreSQL backend of the hub store (hub_store_backend.h), through libpq:
 * one connection per hub process, statements prepared once per connection, a lost connection
 * re-opened before the next statement (never inside a transaction: that one fails and is rolled
 * back by its caller). Every statement is bounded by statement_timeout. */
#include "hub_store_backend.h"
#include "util.h"
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define STMT_CACHE 48
#define BYTEAOID 17
typedef struct pg {
    PGconn *c;
    int tx;                              /* inside BEGIN ... COMMIT/ROLLBACK */
    const char *cache[STMT_CACHE];       /* prepared as "s<index>" */
} pg;

static int fail_msg(PGconn *c, const PGresult *r, const char *what, char *err, size_t errlen)
{
    const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
    const char *msg = r ? PQresultErrorMessage(r) : NULL;
    if (!msg || !*msg) msg = PQerrorMessage(c);
    int st = MJ_EDB;
    if (!state || PQstatus(c) != CONNECTION_OK || strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 ||
        strcmp(state, "57014") == 0)
        st = MJ_EBUSY;               /* retry later: lost connection, deadlock, serialization, timeout */
    else if (strcmp(state, "53100") == 0)
        st = MJ_EFULL;
    char clean[300];
    snprintf(clean, sizeof clean, "%s", msg);
    for (char *p = clean; *p; p++) if (*p == '\n') *p = ' ';
    return mj_err(err, errlen, st, "%s: %s", what, clean);
}

static void quiet(void *arg, const char *message) { (void)arg; (void)message; }

static int setup(pg *p, char *err, size_t errlen)
{
    memset(p->cache, 0, sizeof p->cache);
    p->tx = 0;
    PQsetNoticeProcessor(p->c, quiet, NULL);
    /* Outside a transaction nothing waits for the commit flush (heartbeats, rate counts); every
     * transaction does (BEGIN below sets synchronous_commit on). */
    PGresult *r = PQexec(p->c, "SET statement_timeout = 10000; SET lock_timeout = 10000; SET TIME ZONE 'UTC';"
                               " SET synchronous_commit = off");
    int ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    int rc = ok ? MJ_OK : fail_msg(p->c, r, "hub store", err, errlen);
    PQclear(r);
    return rc;
}

/* The connection is usable, re-opening it when it was lost outside a transaction. */
static int ready(pg *p, char *err, size_t errlen)
{
    if (PQstatus(p->c) == CONNECTION_OK) return MJ_OK;
    if (p->tx) return mj_err(err, errlen, MJ_EBUSY, "hub store: the database connection was lost");
    PQreset(p->c);
    if (PQstatus(p->c) != CONNECTION_OK) return fail_msg(p->c, NULL, "hub store: reconnecting", err, errlen);
    return setup(p, err, errlen);
}

static void pg_close(void *conn)
{
    pg *p = conn;
    if (!p) return;
    PQfinish(p->c);
    free(p);
}

int hub_pg_open(const char *url, void **out, char *err, size_t errlen)
{
    pg *p = calloc(1, sizeof *p);
    if (!p) return mj_err(err, errlen, MJ_ENOMEM, "out of memory");
    /* The process id in the name tells the connections of several hub processes apart
     * (pg_stat_activity; the multi-hub test kills one inside a transaction). */
    char app[40];
    snprintf(app, sizeof app, "majakka-hub-%d", (int)getpid());
    const char *keys[] = {"dbname", "connect_timeout", "application_name", NULL};
    const char *vals[] = {url, "10", app, NULL};
    p->c = PQconnectdbParams(keys, vals, 1);
    if (!p->c || PQstatus(p->c) != CONNECTION_OK) {
        char msg[300];
        snprintf(msg, sizeof msg, "%s", p->c ? PQerrorMessage(p->c) : "out of memory");
        for (char *s = msg; *s; s++) if (*s == '\n') *s = ' ';
        pg_close(p);
        return mj_err(err, errlen, MJ_EDB, "connecting to PostgreSQL: %s", msg);
    }
    int rc = setup(p, err, errlen);
    if (rc) { pg_close(p); return rc; }
    *out = p;
    return MJ_OK;
}

static int pg_exec(void *conn, const char *sql, char *err, size_t errlen)
{
    pg *p = conn;
    int rollback = strncmp(sql, "ROLLBACK", 8) == 0;
    if (rollback && PQstatus(p->c) != CONNECTION_OK) { p->tx = 0; return MJ_OK; }   /* gone with the connection */
    int rc = ready(p, err, errlen);
    if (rc) return rc;
    PGresult *r = PQexec(p->c, sql);
    ExecStatusType s = PQresultStatus(r);
    rc = s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK ? MJ_OK : fail_msg(p->c, r, "hub store", err, errlen);
    PQclear(r);
    if (strncmp(sql, "BEGIN", 5) == 0 && !rc) p->tx = 1;
    if (strncmp(sql, "COMMIT", 6) == 0 || rollback) p->tx = 0;
    return rc;
}

/* The prepared statement's name for sql, preparing it the first time; NULL name: not cached. */
static int prepared(pg *p, const char *sql, int np, char name[16], char *err, size_t errlen)
{
    int slot = -1;
    for (int i = 0; i < STMT_CACHE; i++) {
        if (p->cache[i] == sql) { snprintf(name, 16, "s%d", i); return MJ_OK; }
        if (!p->cache[i] && slot < 0) slot = i;
    }
    if (slot < 0) { name[0] = 0; return MJ_OK; }
    snprintf(name, 16, "s%d", slot);
    PGresult *r = PQprepare(p->c, name, sql, np, NULL);
    int rc = PQresultStatus(r) == PGRES_COMMAND_OK ? MJ_OK : fail_msg(p->c, r, "hub store", err, errlen);
    PQclear(r);
    if (!rc) p->cache[slot] = sql;
    return rc;
}

static int pg_query(void *conn, const char *sql, const hub_param *prm, int np, hub_row_fn fn, void *ctx,
                    long *changes, char *err, size_t errlen)
{
    pg *p = conn;
    const char *values[24];
    int lengths[24], formats[24];
    char ints[24][24], name[16];
    if (np > 24) return mj_err(err, errlen, MJ_EINVAL, "hub store: too many parameters");
    int rc;
    for (int i = 0; i < np; i++) {
        lengths[i] = 0;
        formats[i] = 0;
        switch (prm[i].type) {
        case HUB_P_TEXT: values[i] = prm[i].s; break;
        case HUB_P_INT: snprintf(ints[i], sizeof ints[i], "%lld", prm[i].i); values[i] = ints[i]; break;
        case HUB_P_BLOB: values[i] = prm[i].s ? prm[i].s : ""; lengths[i] = (int)prm[i].len; formats[i] = 1; break;
        default: values[i] = NULL;
        }
    }
    /* A connection found lost outside a transaction (the server restarted, a standby was
     * promoted) is opened again and the statement sent once more: outside a transaction only
     * reads and idempotent writes (heartbeats, rate counts) run. */
    PGresult *r = NULL;
    for (int attempt = 0;; attempt++) {
        if ((rc = ready(p, err, errlen)) || (rc = prepared(p, sql, np, name, err, errlen))) {
            if (attempt == 0 && !p->tx && PQstatus(p->c) != CONNECTION_OK) continue;
            return rc;
        }
        r = name[0] ? PQexecPrepared(p->c, name, np, values, lengths, formats, 0)
                    : PQexecParams(p->c, sql, np, NULL, values, lengths, formats, 0);
        ExecStatusType s = PQresultStatus(r);
        if (s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK) break;
        rc = fail_msg(p->c, r, "hub store", err, errlen);
        PQclear(r);
        if (attempt == 0 && !p->tx && PQstatus(p->c) != CONNECTION_OK) continue;
        return rc;
    }
    if (changes) *changes = atol(PQcmdTuples(r));
    int rows = PQntuples(r), n = PQnfields(r);
    if (n > 24) n = 24;
    for (int row = 0; fn && row < rows && !rc; row++) {
        hub_val cols[24];
        unsigned char *un[24] = {0};
        for (int i = 0; i < n; i++) {
            if (PQgetisnull(r, row, i)) { cols[i].s = NULL; cols[i].len = 0; continue; }
            cols[i].s = PQgetvalue(r, row, i);
            cols[i].len = (size_t)PQgetlength(r, row, i);
            if (PQftype(r, i) == BYTEAOID) {
                size_t len;
                un[i] = PQunescapeBytea((const unsigned char *)cols[i].s, &len);
                if (!un[i]) { rc = mj_err(err, errlen, MJ_ENOMEM, "out of memory"); break; }
                cols[i].s = (const char *)un[i];
                cols[i].len = len;
            }
        }
        if (!rc) rc = fn(ctx, cols, n);
        for (int i = 0; i < n; i++) PQfreemem(un[i]);
    }
    PQclear(r);
    return rc;
}

const hub_backend hub_pg_backend = {"postgresql", "BEGIN; SET LOCAL synchronous_commit = on", pg_exec, pg_query, pg_close};
