/* test_migrate.c - core/migrate.c on SQLite (core/sqlite_open.c): steps run in order, each in
 * its own transaction with its version; a failing step is rolled back whole and the steps
 * before it stay; running again goes on from there; a target below latest stops there; a newer
 * database is refused; a version table (the hub's shape) works as well as user_version. */
#include "test.h"
#include "migrate.h"
#include "sqlite_open.h"
#include "util.h"
#include <stdlib.h>
#include <unistd.h>

static char dir[] = "/tmp/majakka-migrate-XXXXXX";
static const char *steps[3];

static const char *step_sql(int i, void *arg)
{
    int *calls = arg;
    calls[i]++;
    return steps[i];
}

static long long q(sqlite3 *db, const char *sql)
{
    long long v = -999;
    if (mj_sqlite_int(db, sql, &v, NULL, 0)) return -999;
    return v;
}

static sqlite3 *open_db(const char *name)
{
    char path[256];
    char err[MJ_ERRLEN];
    sqlite3 *db = NULL;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    CHECK_INT(mj_sqlite_open(path, &(mj_sqlite_opts){.busy_ms = 1000}, &db, err, sizeof err), 0);
    return db;
}

static void test_pragmas(void)
{
    sqlite3 *db = open_db("p.db");
    long long fk = q(db, "PRAGMA foreign_keys"), sync = q(db, "PRAGMA synchronous");
    CHECK_INT(fk, 1);
    CHECK_INT(sync, 2);   /* FULL */
    sqlite3_stmt *st;
    CHECK_INT(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, NULL), SQLITE_OK);
    CHECK_INT(sqlite3_step(st), SQLITE_ROW);
    CHECK_STR((const char *)sqlite3_column_text(st, 0), "wal");
    sqlite3_finalize(st);
    sqlite3_close(db);
}

static void test_failed_step_rolled_back(void)
{
    int calls[3] = {0};
    steps[0] = "CREATE TABLE a (x);";
    steps[1] = "CREATE TABLE b (x); INSERT INTO nowhere VALUES (1);";   /* fails half-way */
    steps[2] = "CREATE TABLE c (x);";
    migrate_schema s = {.name = "test", .begin = "BEGIN IMMEDIATE", .version_get = "PRAGMA user_version",
                        .version_set = "PRAGMA user_version = %d", .latest = 3, .step = step_sql, .arg = calls};
    sqlite3 *db = open_db("f.db");
    char err[MJ_ERRLEN];
    CHECK_INT(migrate_run(&MJ_SQLITE_MIGRATE_DB(db), &s, 3, err, sizeof err), MJ_EDB);
    CHECK(strstr(err, "nowhere") != NULL);
    CHECK_INT(q(db, "PRAGMA user_version"), 1);
    CHECK_INT(q(db, "SELECT count(*) FROM sqlite_master WHERE name = 'a'"), 1);
    CHECK_INT(q(db, "SELECT count(*) FROM sqlite_master WHERE name = 'b'"), 0);   /* step 1 left nothing */
    CHECK_INT(sqlite3_get_autocommit(db), 1);
    steps[1] = "CREATE TABLE b (x);";
    CHECK_INT(migrate_run(&MJ_SQLITE_MIGRATE_DB(db), &s, 3, err, sizeof err), 0);
    CHECK_INT(q(db, "PRAGMA user_version"), 3);
    CHECK_INT(q(db, "SELECT count(*) FROM sqlite_master WHERE name IN ('a', 'b', 'c')"), 3);
    CHECK_INT(calls[0], 1);   /* step 0 ran once: the second run went on from version 1 */
    CHECK_INT(calls[1], 2);
    CHECK_INT(calls[2], 1);
    CHECK_INT(migrate_run(&MJ_SQLITE_MIGRATE_DB(db), &s, 3, err, sizeof err), 0);   /* nothing to do */
    CHECK_INT(calls[0] + calls[1] + calls[2], 4);
    sqlite3_close(db);
}

static void test_target_and_newer(void)
{
    int calls[3] = {0};
    steps[0] = "CREATE TABLE a (x);";
    steps[1] = "CREATE TABLE b (x);";
    steps[2] = "CREATE TABLE c (x);";
    migrate_schema s = {.name = "test", .begin = "BEGIN IMMEDIATE", .version_get = "PRAGMA user_version",
                        .version_set = "PRAGMA user_version = %d", .latest = 3, .step = step_sql, .arg = calls};
    sqlite3 *db = open_db("t.db");
    char err[MJ_ERRLEN];
    CHECK_INT(migrate_run(&MJ_SQLITE_MIGRATE_DB(db), &s, 2, err, sizeof err), 0);
    CHECK_INT(q(db, "PRAGMA user_version"), 2);
    CHECK_INT(calls[2], 0);
    CHECK_INT(mj_sqlite_exec(db, "PRAGMA user_version = 7", err, sizeof err), 0);
    CHECK_INT(migrate_run(&MJ_SQLITE_MIGRATE_DB(db), &s, 3, err, sizeof err), MJ_EINVAL);
    CHECK_STR(err, "test schema version 7 is newer than this program knows (3)");
    CHECK_INT(calls[2], 0);
    sqlite3_close(db);
}

/* The hub's shape: a version table created and seeded (from user_version) inside each step's
 * transaction. */
static void test_version_table(void)
{
    int calls[3] = {0};
    steps[0] = "CREATE TABLE a (x);";
    steps[1] = "CREATE TABLE b (x);";
    steps[2] = "CREATE TABLE c (x);";
    migrate_schema s = {.name = "test", .begin = "BEGIN IMMEDIATE",
                        .prepare = "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);"
                                   "INSERT INTO schema_version (version) SELECT user_version FROM pragma_user_version"
                                   "  WHERE NOT EXISTS (SELECT 1 FROM schema_version);",
                        .version_get = "SELECT max(version) FROM schema_version",
                        .version_set = "UPDATE schema_version SET version = %d", .latest = 3, .step = step_sql,
                        .arg = calls};
    sqlite3 *db = open_db("v.db");
    char err[MJ_ERRLEN];
    CHECK_INT(mj_sqlite_exec(db, "CREATE TABLE a (x); PRAGMA user_version = 1", err, sizeof err), 0);   /* legacy */
    CHECK_INT(migrate_run(&MJ_SQLITE_MIGRATE_DB(db), &s, 3, err, sizeof err), 0);
    CHECK_INT(calls[0], 0);
    CHECK_INT(q(db, "SELECT count(*) FROM schema_version"), 1);
    CHECK_INT(q(db, "SELECT version FROM schema_version"), 3);
    sqlite3_close(db);
}

static void test_open_errors(void)
{
    char path[256], err[MJ_ERRLEN];
    sqlite3 *db = (sqlite3 *)1;
    snprintf(path, sizeof path, "%s/no/such/dir/x.db", dir);
    CHECK(mj_sqlite_open(path, &(mj_sqlite_opts){.busy_ms = 10}, &db, err, sizeof err) < 0);
    CHECK(db == NULL);
    CHECK(strncmp(err, path, strlen(path)) == 0);
}

int main(void)
{
    if (!mkdtemp(dir)) return 1;
    RUN(test_pragmas);
    RUN(test_failed_step_rolled_back);
    RUN(test_target_and_newer);
    RUN(test_version_table);
    RUN(test_open_errors);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd)) return 1;
    return TEST_DONE();
}
