/* sqlite_open.c - see sqlite_open.h. */
#include "sqlite_open.h"
#include "util.h"
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int mj_sqlite_fail(sqlite3 *db, const char *prefix, char *err, size_t errlen)
{
    int code = sqlite3_errcode(db);
    int status = code == SQLITE_FULL ? MJ_EFULL : code == SQLITE_BUSY ? MJ_EBUSY : MJ_EDB;
    return mj_err(err, errlen, status, "%s: %s", prefix, sqlite3_errmsg(db));
}

int mj_sqlite_exec(void *db, const char *sql, char *err, size_t errlen)
{
    return sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK ? MJ_OK : mj_sqlite_fail(db, "store", err, errlen);
}

int mj_sqlite_int(void *db, const char *sql, long long *out, char *err, size_t errlen)
{
    sqlite3_stmt *st;
    *out = 0;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) return mj_sqlite_fail(db, "store", err, errlen);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) *out = sqlite3_column_int64(st, 0);
    int rc = step == SQLITE_ROW || step == SQLITE_DONE ? MJ_OK : mj_sqlite_fail(db, "store", err, errlen);
    sqlite3_finalize(st);
    return rc;
}

int mj_sqlite_open(const char *path, const mj_sqlite_opts *o, sqlite3 **out, char *err, size_t errlen)
{
    sqlite3 *db = NULL;
    *out = NULL;
    /* O_EXCL: an existing file keeps its mode; SQLite gives its -wal and -shm files the main
     * file's mode. */
    if (o->create_mode && strcmp(path, ":memory:") != 0) {
        int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, o->create_mode);
        if (fd >= 0) { fchmod(fd, (mode_t)o->create_mode); close(fd); }
    }
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | (o->full_mutex ? SQLITE_OPEN_FULLMUTEX : SQLITE_OPEN_NOMUTEX);
    if (sqlite3_open_v2(path, &db, flags, NULL) != SQLITE_OK) {
        int rc = mj_err(err, errlen, MJ_EDB, "%s: %s", path, db ? sqlite3_errmsg(db) : "cannot open");
        sqlite3_close(db);
        return rc;
    }
    sqlite3_busy_timeout(db, o->busy_ms);
    if (sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;", NULL, NULL,
                     NULL) != SQLITE_OK) {
        int rc = mj_sqlite_fail(db, path, err, errlen);
        sqlite3_close(db);
        return rc;
    }
    *out = db;
    return MJ_OK;
}
