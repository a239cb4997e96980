/* migrate.h - numbered schema steps, applied forward when a database is opened: the kiosk store
 * (core/store.c, SQLite) and the hub store (sync/hub_store.c, SQLite or PostgreSQL). Step i
 * moves a database from version i to i+1 and runs in a transaction of its own together with
 * recording version i+1, so an upgrade that stops half-way leaves a whole numbered version and
 * goes on from there next time. Released steps are never edited; new ones are appended. */
#ifndef MAJAKKA_MIGRATE_H
#define MAJAKKA_MIGRATE_H
#include <stddef.h>

/* The connection the steps run on (sqlite_open.h has one for SQLite). */
typedef struct migrate_db {
    void *conn;
    int (*exec)(void *conn, const char *sql, char *err, size_t errlen);   /* a parameterless script */
    int (*query_int)(void *conn, const char *sql, long long *out, char *err, size_t errlen); /* first column */
} migrate_db;

typedef struct migrate_schema {
    const char *name;          /* "store", "hub": named in messages */
    const char *begin;         /* starts a write transaction ("BEGIN IMMEDIATE") */
    const char *prepare;       /* run first in every step's transaction (a lock, creating the version
                                * table); NULL for none */
    const char *version_get;   /* SQL giving the recorded version as one integer */
    const char *version_set;   /* printf format with one %d recording a version */
    int latest;                /* the number of steps this program knows */
    const char *(*step)(int i, void *arg);   /* the SQL script of step i (0 <= i < latest) */
    void *arg;
} migrate_schema;

/* Migrates db up to version target (<= latest). A database newer than latest is refused
 * (MJ_EINVAL, "<name> schema version N is newer than this program knows (L)"). A failed step is
 * rolled back and its error returned; the steps before it stay. */
int migrate_run(const migrate_db *db, const migrate_schema *s, int target, char *err, size_t errlen);

#endif
