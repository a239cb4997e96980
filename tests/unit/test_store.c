/* test_store.c - the store's promises: pragmas, migrations that keep data, refusal of a newer
 * schema, metadata, and two processes (kiosk and sync agent) writing one file at once. */
#include "test.h"
#include "store.h"
#include "util.h"
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char dir[] = "/tmp/majakka-store-XXXXXX";

static const char *db_path(const char *name)
{
    static char p[256];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    return p;
}

static long long query_int(store *s, const char *sql)
{
    sqlite3_stmt *st;
    long long v = -999;
    if (sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    return v;
}

static const char *query_text(store *s, const char *sql)
{
    static char buf[256];
    sqlite3_stmt *st;
    snprintf(buf, sizeof buf, "(none)");
    if (sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW) snprintf(buf, sizeof buf, "%s", (const char *)sqlite3_column_text(st, 0));
        sqlite3_finalize(st);
    }
    return buf;
}

static void test_open_pragmas(void)
{
    store *s;
    char err[MJ_ERRLEN];
    CHECK_INT(store_open(db_path("a.db"), &s, err, sizeof err), 0);
    CHECK_INT(store_schema_version(s), store_schema_latest());
    CHECK(store_schema_latest() >= 3);
    CHECK_STR(query_text(s, "PRAGMA journal_mode"), "wal");
    CHECK_INT(query_int(s, "PRAGMA foreign_keys"), 1);
    CHECK_INT(query_int(s, "PRAGMA synchronous"), 2);    /* FULL */
    CHECK_INT(query_int(s, "PRAGMA busy_timeout"), 5000);
    CHECK_INT(store_has_content(s), 0);
    /* Foreign keys are enforced: a service of an unknown organization is refused. */
    CHECK(store_exec(s, "INSERT INTO services (id, organization_id, name, summary, free, sort)"
                        " VALUES ('x', 'nobody', '{}', '{}', 1, 0)", err, sizeof err) == MJ_EDB);
    store_close(s);
}

/* A new store is 0640 (its -wal too) under the usual umask 022 and even under umask 000. */
static void test_file_mode(void)
{
    store *s;
    char err[MJ_ERRLEN], wal[300];
    struct stat st;
    mode_t old = umask(0);
    CHECK_INT(store_open(db_path("mode.db"), &s, err, sizeof err), 0);
    umask(old);
    CHECK_INT(stat(db_path("mode.db"), &st), 0);
    CHECK_INT(st.st_mode & 0777, 0640);
    snprintf(wal, sizeof wal, "%s-wal", db_path("mode.db"));
    if (stat(wal, &st) == 0) CHECK_INT(st.st_mode & 0777, 0640);
    store_close(s);
}

static void test_meta(void)
{
    store *s;
    char err[MJ_ERRLEN];
    CHECK_INT(store_open(db_path("a.db"), &s, err, sizeof err), 0);
    CHECK(store_meta_get(s, "content_version") == NULL);
    CHECK_INT(store_meta_set(s, "content_version", "v1", err, sizeof err), 0);
    CHECK_INT(store_meta_set(s, "content_version", "v2", err, sizeof err), 0);
    char *v = store_meta_get(s, "content_version");
    CHECK_STR(v, "v2");
    free(v);
    store_close(s);
}

/* A store made by the first release (schema 1) with content in it upgrades with everything kept,
 * and the search index of migration 2 is built from the services it already had. */
static void test_migration_keeps_data(void)
{
    store *s;
    char err[MJ_ERRLEN];
    CHECK_INT(store_open_at_version(db_path("old.db"), 1, &s, err, sizeof err), 0);
    CHECK_INT(store_schema_version(s), 1);
    CHECK_INT(store_exec(s,
        "INSERT INTO organizations VALUES ('org', '{\"fi\":\"Järjestö\"}', 'ngo', NULL, NULL, NULL);"
        "INSERT INTO services (id, organization_id, name, summary, description, free, sort) VALUES"
        " ('neuvola', 'org', '{\"fi\":\"Lastenneuvola\",\"sv\":\"Barnrådgivning\"}', '{\"fi\":\"Kasvu\"}', NULL, 1, 0);"
        "INSERT INTO meta VALUES ('content_version', 'old-1');", err, sizeof err), 0);
    CHECK_INT(query_int(s, "SELECT count(*) FROM sqlite_master WHERE name = 'service_search'"), 0);
    store_close(s);

    CHECK_INT(store_open(db_path("old.db"), &s, err, sizeof err), 0);
    CHECK_INT(store_schema_version(s), store_schema_latest());
    CHECK_INT(query_int(s, "SELECT count(*) FROM services"), 1);
    char *v = store_meta_get(s, "content_version");
    CHECK_STR(v, "old-1");
    free(v);
    CHECK_INT(query_int(s, "SELECT count(*) FROM service_search"), 2);
    CHECK_STR(query_text(s, "SELECT service_id FROM service_search WHERE service_search MATCH 'barnradgivning'"),
              "neuvola");
    CHECK_INT(query_int(s, "SELECT count(*) FROM feedback"), 0);    /* migration 3 ran too */
    store_close(s);
}

static void test_newer_schema_refused(void)
{
    store *s;
    char err[MJ_ERRLEN];
    CHECK_INT(store_open(db_path("new.db"), &s, err, sizeof err), 0);
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA user_version = %d", store_schema_latest() + 1);
    CHECK_INT(store_exec(s, sql, err, sizeof err), 0);
    store_close(s);
    CHECK_INT(store_open(db_path("new.db"), &s, err, sizeof err), MJ_EINVAL);
    char want[512];
    snprintf(want, sizeof want, "%s: store schema version %d is newer than this program knows (%d)",
             db_path("new.db"), store_schema_latest() + 1, store_schema_latest());
    CHECK_STR(err, want);
}

static void test_not_a_database(void)
{
    FILE *f = fopen(db_path("junk.db"), "w");
    fputs("this is not an SQLite file, but it is long enough to have a header........", f);
    fclose(f);
    store *s;
    char err[MJ_ERRLEN];
    CHECK(store_open(db_path("junk.db"), &s, err, sizeof err) < 0);
    CHECK(strstr(err, "file is not a database") != NULL);
}

/* Kiosk and sync agent: two processes, one file, each writing in its own transactions. With
 * WAL and busy_timeout neither sees SQLITE_BUSY. */
static void test_two_processes(void)
{
    enum { ROUNDS = 200 };
    store *s;
    char err[MJ_ERRLEN];
    CHECK_INT(store_open(db_path("shared.db"), &s, err, sizeof err), 0);
    store_close(s);
    pid_t pid = fork();
    if (pid == 0) {
        store *c;
        if (store_open(db_path("shared.db"), &c, err, sizeof err)) _exit(2);
        for (int i = 0; i < ROUNDS; i++) {
            char sql[160];
            snprintf(sql, sizeof sql, "INSERT INTO sync_state VALUES ('child-%d', 'x')", i);
            if (store_begin(c, err, sizeof err) || store_exec(c, sql, err, sizeof err) || store_commit(c, err, sizeof err)) {
                fprintf(stderr, "child: %s\n", err);
                _exit(1);
            }
        }
        store_close(c);
        _exit(0);
    }
    CHECK_INT(store_open(db_path("shared.db"), &s, err, sizeof err), 0);
    int failures = 0;
    for (int i = 0; i < ROUNDS; i++) {
        char sql[160];
        snprintf(sql, sizeof sql, "INSERT INTO sync_state VALUES ('parent-%d', 'y')", i);
        if (store_begin(s, err, sizeof err) || store_exec(s, sql, err, sizeof err) || store_commit(s, err, sizeof err)) {
            fprintf(stderr, "parent: %s\n", err);
            store_rollback(s);
            failures++;
        }
    }
    int status = -1;
    waitpid(pid, &status, 0);
    CHECK_INT(failures, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    CHECK_INT(query_int(s, "SELECT count(*) FROM sync_state"), 2 * ROUNDS);
    CHECK_STR(query_text(s, "PRAGMA integrity_check"), "ok");
    store_close(s);
}

int main(void)
{
    if (!mkdtemp(dir)) return 1;
    RUN(test_open_pragmas);
    RUN(test_file_mode);
    RUN(test_meta);
    RUN(test_migration_keeps_data);
    RUN(test_newer_schema_refused);
    RUN(test_not_a_database);
    RUN(test_two_processes);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd)) return 1;
    return TEST_DONE();
}
