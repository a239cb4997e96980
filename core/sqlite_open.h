/* sqlite_open.h - the one way a Majakka program opens an SQLite file (the kiosk store, the hub's
 * SQLite backend): a busy timeout, WAL journal, synchronous=FULL (a commit is on disk when it
 * returns: the feedback outbox and the hub's acknowledgements rely on it) and foreign keys on.
 * Also the connection's error as a Majakka status, and the two calls migrate.h runs on. */
#ifndef MAJAKKA_SQLITE_OPEN_H
#define MAJAKKA_SQLITE_OPEN_H
#include <stddef.h>
#include <sqlite3.h>
#include "migrate.h"

typedef struct mj_sqlite_opts {
    int busy_ms;       /* how long a locked database is waited for */
    int full_mutex;    /* 1: the connection is shared by threads (the hub); 0: one thread */
    int create_mode;   /* a file created here gets this mode whatever the umask (0: the umask's) */
} mj_sqlite_opts;

/* Opens (creating if missing) path and sets the pragmas. On failure *out is NULL and err says
 * "path: why" (e.g. "file is not a database"). */
int mj_sqlite_open(const char *path, const mj_sqlite_opts *o, sqlite3 **out, char *err, size_t errlen);

/* Maps db's last error to MJ_EFULL (disk full), MJ_EBUSY (locked) or MJ_EDB, message "prefix: why". */
int mj_sqlite_fail(sqlite3 *db, const char *prefix, char *err, size_t errlen);

/* A migrate_db over an SQLite connection (conn is the sqlite3 *). */
int mj_sqlite_exec(void *db, const char *sql, char *err, size_t errlen);
int mj_sqlite_int(void *db, const char *sql, long long *out, char *err, size_t errlen);
#define MJ_SQLITE_MIGRATE_DB(db) ((migrate_db){(db), mj_sqlite_exec, mj_sqlite_int})

#endif
