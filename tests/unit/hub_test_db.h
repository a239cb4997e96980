/* hub_test_db.h - where a hub test keeps its store: a fresh SQLite file by default, or a fresh
 * PostgreSQL database on the test server when MAJAKKA_TEST_PG (a postgresql://user@host:port URL
 * without a database) or MAJAKKA_TEST_PG_FILE (a file holding that URL, written by
 * tests/pg/pg.sh) is set. hub_test_db_drop removes it again. */
#ifndef MAJAKKA_HUB_TEST_DB_H
#define MAJAKKA_HUB_TEST_DB_H
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char hub_test_base[256], hub_test_dbname[64];
static void hub_test_quiet(void *arg, const char *m) { (void)arg; (void)m; }

static int hub_test_pg_cmd(const char *sql)
{
    char url[320];
    snprintf(url, sizeof url, "%s/postgres", hub_test_base);
    PGconn *c = PQconnectdb(url);
    PQsetNoticeProcessor(c, hub_test_quiet, NULL);
    int ok = PQstatus(c) == CONNECTION_OK;
    if (ok) {
        PGresult *r = PQexec(c, sql);
        ok = PQresultStatus(r) == PGRES_COMMAND_OK;
        if (!ok) fprintf(stderr, "%s: %s", sql, PQresultErrorMessage(r));
        PQclear(r);
    } else {
        fprintf(stderr, "%s: %s", url, PQerrorMessage(c));
    }
    PQfinish(c);
    return ok ? 0 : -1;
}

/* 1 when the tests run against PostgreSQL. */
static int hub_test_is_pg(void) { return hub_test_base[0] != 0; }

/* Fills where (a path or URL) for a new, empty store named after tag; 0 or -1. */
static int hub_test_db(char *where, size_t n, const char *tag)
{
    const char *base = getenv("MAJAKKA_TEST_PG"), *file = getenv("MAJAKKA_TEST_PG_FILE");
    hub_test_base[0] = 0;
    if ((!base || !*base) && file && *file) {
        FILE *f = fopen(file, "r");
        if (!f || !fgets(hub_test_base, sizeof hub_test_base, f)) {
            fprintf(stderr, "%s: cannot read the PostgreSQL URL (is the pg fixture running?)\n", file);
            if (f) fclose(f);
            return -1;
        }
        fclose(f);
        hub_test_base[strcspn(hub_test_base, "\r\n")] = 0;
    } else if (base && *base) {
        snprintf(hub_test_base, sizeof hub_test_base, "%s", base);
    }
    if (!hub_test_base[0]) {
        snprintf(where, n, "/tmp/%s.%d.db", tag, (int)getpid());
        return 0;
    }
    char sql[128];
    snprintf(hub_test_dbname, sizeof hub_test_dbname, "%s_%d", tag, (int)getpid());
    snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s", hub_test_dbname);
    hub_test_pg_cmd(sql);
    snprintf(sql, sizeof sql, "CREATE DATABASE %s", hub_test_dbname);
    if (hub_test_pg_cmd(sql)) return -1;
    snprintf(where, n, "%s/%s", hub_test_base, hub_test_dbname);
    return 0;
}

static void hub_test_db_drop(const char *where)
{
    char sql[128], p[450];
    if (hub_test_is_pg()) {
        snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s", hub_test_dbname);
        hub_test_pg_cmd(sql);
        return;
    }
    unlink(where);
    snprintf(p, sizeof p, "%s-wal", where); unlink(p);
    snprintf(p, sizeof p, "%s-shm", where); unlink(p);
}

#endif
