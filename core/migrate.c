/* migrate.c - see migrate.h. */
#include "migrate.h"
#include "util.h"
#include <stdio.h>

static int newer(const migrate_schema *s, long long v, char *err, size_t errlen)
{
    return mj_err(err, errlen, MJ_EINVAL, "%s schema version %lld is newer than this program knows (%d)", s->name, v,
                  s->latest);
}

/* One step's transaction: lock, read the version (another process may have moved it), run the
 * step and record the next version. *done is set when there was nothing left to do. */
static int one_step(const migrate_db *db, const migrate_schema *s, int target, int *done, char *err, size_t errlen)
{
    long long v = 0;
    int rc = db->exec(db->conn, s->begin, err, errlen);
    if (rc) return rc;
    if (s->prepare) rc = db->exec(db->conn, s->prepare, err, errlen);
    if (!rc) rc = db->query_int(db->conn, s->version_get, &v, err, errlen);
    if (!rc && (v < 0 || v > s->latest)) rc = newer(s, v, err, errlen);
    if (!rc && v >= target) *done = 1;
    if (!rc && !*done) rc = db->exec(db->conn, s->step((int)v, s->arg), err, errlen);
    if (!rc && !*done) {
        char sql[128];
        snprintf(sql, sizeof sql, s->version_set, (int)v + 1);
        rc = db->exec(db->conn, sql, err, errlen);
    }
    if (!rc) rc = db->exec(db->conn, "COMMIT", err, errlen);
    if (rc) db->exec(db->conn, "ROLLBACK", NULL, 0);
    return rc;
}

int migrate_run(const migrate_db *db, const migrate_schema *s, int target, char *err, size_t errlen)
{
    long long v = -1;
    if (target > s->latest) target = s->latest;
    /* Up to date (the usual open): no write transaction. Where the version cannot be read yet
     * (no version table) the steps' transactions find out under their lock. */
    if (!db->query_int(db->conn, s->version_get, &v, NULL, 0)) {
        if (v > s->latest) return newer(s, v, err, errlen);
        if (v >= target) return MJ_OK;
    }
    int done = 0, rc = MJ_OK;
    while (!rc && !done) rc = one_step(db, s, target, &done, err, errlen);
    return rc;
}
