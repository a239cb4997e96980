/* store_rescue.c - see store_rescue.h. */
#include "store_rescue.h"
#include "log.h"
#include "util.h"
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

/* 1 when path is a file SQLite cannot read as a database, or whose quick_check fails. */
static int store_file_corrupt(const char *path)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    int bad = 1;
    if (access(path, F_OK) != 0) return 0;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) { sqlite3_close(db); return 0; }
    int rc = sqlite3_prepare_v2(db, "PRAGMA quick_check", -1, &st, NULL);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(st);
        /* busy or locked (the sync agent writing) is not corruption */
        if (rc == SQLITE_ROW) bad = strcmp((const char *)sqlite3_column_text(st, 0), "ok") != 0;
        else bad = rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT;
        sqlite3_finalize(st);
    } else {
        bad = rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT;
    }
    sqlite3_close(db);
    return bad;
}

/* Moves a corrupt store (and its -wal/-shm) aside as PATH.corrupt-YYYYmmddTHHMMSSZ. */
static int store_move_aside(const char *path, char *moved, size_t movedlen)
{
    char stamp[32], from[1200], to[1300];
    time_t now = time(NULL);
    struct tm tm;
    strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", gmtime_r(&now, &tm));
    snprintf(moved, movedlen, "%s.corrupt-%s", path, stamp);
    if (rename(path, moved) != 0) return -1;
    for (int i = 0; i < 2; i++) {
        const char *sfx = i ? "-shm" : "-wal";
        snprintf(from, sizeof from, "%s%s", path, sfx);
        snprintf(to, sizeof to, "%s%s", moved, sfx);
        if (rename(from, to) != 0) unlink(from);
    }
    return 0;
}

/* Copies file from to file to (0600); 0 on success. */
static int copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = NULL;
    if (!in) return -1;
    int fd = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd >= 0) out = fdopen(fd, "wb");
    char buf[65536];
    size_t n;
    int rc = out ? 0 : -1;
    while (!rc && (n = fread(buf, 1, sizeof buf, in)) > 0)
        if (fwrite(buf, 1, n, out) != n) rc = -1;
    if (ferror(in)) rc = -1;
    fclose(in);
    if (out && fclose(out) != 0) rc = -1;
    if (!out && fd >= 0) close(fd);
    return rc;
}

/* The data disk mounted read-only: the kiosk shows the content from a copy of the store in
 * $TMPDIR (the unit's private /tmp). Answers given meanwhile live only in that copy. */
static int store_open_readonly_copy(const char *path, store **out, char *err, size_t errlen)
{
    char dir[1100], tmpdir[1200], copy[1300], wal[1200], copy_wal[1400];
    struct statvfs vfs;
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash) *slash = 0;
    if (access(path, R_OK) != 0 || statvfs(slash ? dir : ".", &vfs) != 0 || !(vfs.f_flag & ST_RDONLY)) return -1;
    const char *t = getenv("TMPDIR");
    snprintf(tmpdir, sizeof tmpdir, "%s/majakka-ro-XXXXXX", t && *t ? t : "/tmp");
    if (!mkdtemp(tmpdir)) return -1;
    snprintf(copy, sizeof copy, "%s/majakka.db", tmpdir);
    snprintf(wal, sizeof wal, "%s-wal", path);
    snprintf(copy_wal, sizeof copy_wal, "%s-wal", copy);
    if (copy_file(path, copy) != 0 || (access(wal, R_OK) == 0 && copy_file(wal, copy_wal) != 0)) return -1;
    if (store_open(copy, out, err, errlen)) return -1;
    log_msg(LOG_P_ERR, "majakka-kiosk", "the data disk of %s is read-only: showing a copy (%s); answers given now are "
            "not kept after a restart", path, copy);
    return 0;
}

int store_rescue_open(const char *path, store **out, char *err, size_t errlen)
{
    store *s;
    int rc = store_open(path, &s, err, errlen);
    if (rc) {
        /* A corrupt store must not leave the lobby with a dark screen: keep it for staff (and
         * the logs), start again on the demo; the sync agent brings the real content back. */
        char moved[1200];   /* path (<1100) + ".corrupt-" + stamp */
        if (store_open_readonly_copy(path, &s, err, errlen) == 0) { *out = s; return MJ_OK; }
        if (!store_file_corrupt(path) || store_move_aside(path, moved, sizeof moved) != 0) return rc;
        log_msg(LOG_P_ERR, "majakka-kiosk", "the store %s is corrupt (%s): moved aside to %s, starting on the demo content",
                path, err, moved);
        if ((rc = store_open(path, &s, err, errlen))) return rc;
        char note[1300];
        snprintf(note, sizeof note, "corrupt store moved aside to %s", moved);
        store_meta_set(s, "store_recovered", note, err, errlen);
    }
    *out = s;
    return MJ_OK;
}
