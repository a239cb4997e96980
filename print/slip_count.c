/* slip_count.c - see slip_count.h. */
#include "slip_count.h"
#include "util.h"
#include <ctype.h>
#include <string.h>

static int day_valid(const char *d)
{
    if (!d || strlen(d) != 10 || d[4] != '-' || d[7] != '-') return 0;
    for (int i = 0; i < 10; i++) if (i != 4 && i != 7 && !isdigit((unsigned char)d[i])) return 0;
    return 1;
}

int slip_count_add(store *s, const char *day, const char *const *service_ids, int n, char *err, size_t errlen)
{
    if (!day_valid(day)) return mj_err(err, errlen, MJ_EINVAL, "slip count: bad day");
    int rc = store_begin(s, err, errlen);
    if (rc) return rc;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(store_db(s),
            "INSERT INTO slip_counts (day, service_id, count) VALUES (?1, ?2, 1)"
            " ON CONFLICT (day, service_id) DO UPDATE SET count = count + 1", -1, &st, NULL) != SQLITE_OK) {
        rc = store_fail(s, "slip count", err, errlen);
        store_rollback(s);
        return rc;
    }
    for (int i = 0; i < n && !rc; i++) {
        if (!service_ids[i] || !*service_ids[i]) continue;
        sqlite3_bind_text(st, 1, day, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, service_ids[i], -1, SQLITE_STATIC);
        if (sqlite3_step(st) != SQLITE_DONE) rc = store_fail(s, "slip count", err, errlen);
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    if (rc) { store_rollback(s); return rc; }
    return store_commit(s, err, errlen);
}

int slip_count_get(store *s, const char *day, const char *service_id, long *out, char *err, size_t errlen)
{
    *out = 0;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(store_db(s), "SELECT count FROM slip_counts WHERE day = ?1 AND service_id = ?2",
                           -1, &st, NULL) != SQLITE_OK)
        return store_fail(s, "slip count", err, errlen);
    sqlite3_bind_text(st, 1, day, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, service_id, -1, SQLITE_STATIC);
    int r = sqlite3_step(st);
    if (r == SQLITE_ROW) *out = (long)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return (r == SQLITE_ROW || r == SQLITE_DONE) ? MJ_OK : store_fail(s, "slip count", err, errlen);
}
