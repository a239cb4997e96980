/* test_sync_state.c - the typed sync_state API (core/sync_state.h): every key has its own name,
 * values read back as written, NULL deletes, a missing key reads "", a bad key is refused. */
#include "test.h"
#include "store.h"
#include "sync_state.h"
#include "util.h"
#include <stdlib.h>
#include <unistd.h>

static void test_keys_and_values(void)
{
    char dir[] = "/tmp/majakka-syncstate-XXXXXX", path[256], err[MJ_ERRLEN], v[64];
    store *st = NULL;
    CHECK(mkdtemp(dir) != NULL);
    snprintf(path, sizeof path, "%s/store.db", dir);
    CHECK_INT(store_open(path, &st, err, sizeof err), MJ_OK);
    for (int i = 0; i < SYNC_STATE_COUNT; i++) {
        CHECK(sync_state_name((sync_state_key)i)[0] != 0);
        for (int j = 0; j < i; j++) CHECK(strcmp(sync_state_name((sync_state_key)i), sync_state_name((sync_state_key)j)) != 0);
        char want[32];
        snprintf(want, sizeof want, "value %d", i);
        CHECK_INT(sync_state_write(st, (sync_state_key)i, want), MJ_OK);
    }
    CHECK_INT(SYNC_STATE_COUNT, 12);
    CHECK_STR(sync_state_name(SYNC_PRINTER_STATUS), "printer_status");
    CHECK_INT(sync_state_read(st, SYNC_LAST_UPLOAD, v, sizeof v), MJ_OK);
    CHECK_STR(v, "value 6");
    CHECK_INT(sync_state_write(st, SYNC_LAST_UPLOAD, "again"), MJ_OK);   /* overwrites */
    CHECK_INT(sync_state_read(st, SYNC_LAST_UPLOAD, v, sizeof v), MJ_OK);
    CHECK_STR(v, "again");
    CHECK_INT(sync_state_write(st, SYNC_LAST_UPLOAD, NULL), MJ_OK);      /* deletes */
    CHECK_INT(sync_state_read(st, SYNC_LAST_UPLOAD, v, sizeof v), MJ_OK);
    CHECK_STR(v, "");
    CHECK_INT(sync_state_read(st, SYNC_STATE_COUNT, v, sizeof v), MJ_EINVAL);
    CHECK_INT(sync_state_write(st, SYNC_STATE_COUNT, "x"), MJ_EINVAL);
    /* the raw table holds the names the other process reads */
    sqlite3_stmt *q;
    CHECK(sqlite3_prepare_v2(store_db(st), "SELECT value FROM sync_state WHERE key = 'kiosk_id'", -1, &q, NULL) == SQLITE_OK);
    CHECK(sqlite3_step(q) == SQLITE_ROW);
    CHECK_STR((const char *)sqlite3_column_text(q, 0), "value 0");
    sqlite3_finalize(q);
    store_close(st);
    snprintf(path, sizeof path, "rm -rf '%s'", dir);
    if (system(path) != 0) fprintf(stderr, "could not remove %s\n", dir);
}

int main(void)
{
    RUN(test_keys_and_values);
    return TEST_DONE();
}
