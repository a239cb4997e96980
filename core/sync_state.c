/* sync_state.c - see sync_state.h. */
#include "sync_state.h"
#include "util.h"
#include <stdio.h>

static const char *const names[SYNC_STATE_COUNT] = {
    [SYNC_KIOSK_ID] = "kiosk_id", [SYNC_SITE] = "site", [SYNC_BUNDLE_ETAG] = "bundle_etag",
    [SYNC_CONTENT_ERROR] = "content_error", [SYNC_PRINTER_STATUS] = "printer_status",
    [SYNC_LAST_ATTEMPT] = "last_attempt", [SYNC_LAST_UPLOAD] = "last_upload",
    [SYNC_LAST_SUCCESS] = "last_success", [SYNC_LAST_ERROR] = "last_error",
    [SYNC_BUNDLE_REFUSED_SHA256] = "bundle_refused_sha256", [SYNC_RETRY_SET_ASIDE_AT] = "retry_set_aside_at",
    [SYNC_RETRY_SET_ASIDE_N] = "retry_set_aside_n",
};

const char *sync_state_name(sync_state_key key)
{
    return (unsigned)key < SYNC_STATE_COUNT ? names[key] : "";
}

int sync_state_read(store *s, sync_state_key key, char *out, size_t len)
{
    sqlite3_stmt *q;
    if (len) out[0] = 0;
    if ((unsigned)key >= SYNC_STATE_COUNT) return MJ_EINVAL;
    if (sqlite3_prepare_v2(store_db(s), "SELECT value FROM sync_state WHERE key = ?1", -1, &q, NULL) != SQLITE_OK)
        return MJ_EDB;
    sqlite3_bind_text(q, 1, names[key], -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW && sqlite3_column_text(q, 0) && len)
        snprintf(out, len, "%s", (const char *)sqlite3_column_text(q, 0));
    sqlite3_finalize(q);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? MJ_OK : MJ_EDB;
}

int sync_state_write(store *s, sync_state_key key, const char *value)
{
    sqlite3_stmt *q;
    if ((unsigned)key >= SYNC_STATE_COUNT) return MJ_EINVAL;
    if (sqlite3_prepare_v2(store_db(s), value ? "INSERT INTO sync_state (key, value) VALUES (?1, ?2)"
                                                " ON CONFLICT(key) DO UPDATE SET value = excluded.value"
                                              : "DELETE FROM sync_state WHERE key = ?1", -1, &q, NULL) != SQLITE_OK)
        return MJ_EDB;
    sqlite3_bind_text(q, 1, names[key], -1, SQLITE_STATIC);
    if (value) sqlite3_bind_text(q, 2, value, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q) == SQLITE_DONE ? MJ_OK : MJ_EDB;
    sqlite3_finalize(q);
    return rc;
}
