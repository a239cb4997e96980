/* test_hub_multi.c - several hub processes on one database, as the database sees them: every
 * store handle here is its own connection, as each hub process has one. Record keys are per
 * kiosk; the same batch sent to two hubs at the same moment is stored once and acknowledged by
 * both (1,000 times); an enrollment code is redeemed once when two hubs are asked together;
 * the enrollment rate limit is shared; a bundle published through one is served by the other.
 * A file with schema version 1 from before schema_version is migrated forward.
 * Runs on SQLite (two connections to one file) and, with MAJAKKA_TEST_PG_FILE, on PostgreSQL. */
#include "hub_api.h"
#include "hub_store.h"
#include "hub_store_backend.h"
#include "hub_test_db.h"
#include "protocol.h"
#include "util.h"
#include "test.h"
#include <pthread.h>
#include <sodium.h>
#include <sqlite3.h>

static hub_store *a, *b;
static char where[400];

static int post(hub_store *hs, const char *path, const char *token, const char *body, hub_resp *rs)
{
    char auth[100];
    snprintf(auth, sizeof auth, "Bearer %s", token ? token : "");
    hub_req rq = {.method = "POST", .path = path, .authorization = token ? auth : NULL, .body = body,
                  .len = strlen(body)};
    hub_api_handle(hs, &rq, rs);
    return rs->status;
}

static int enroll(hub_store *hs, const char *site, char token[65], char id[40])
{
    char code[16], err[MJ_ERRLEN], body[64];
    hub_resp rs;
    if (hub_enroll_new(hs, site, "K", 3600, code, err, sizeof err)) return -1;
    snprintf(body, sizeof body, "{\"code\":\"%s\"}", code);
    int st = post(hs, "/api/v1/enroll", NULL, body, &rs);
    json_t *j = json_loadb(rs.body, rs.len, 0, NULL);
    snprintf(token, 65, "%s", json_string_value(json_object_get(j, "token")) ? json_string_value(json_object_get(j, "token")) : "");
    snprintf(id, 40, "%s", json_string_value(json_object_get(j, "kiosk_id")) ? json_string_value(json_object_get(j, "kiosk_id")) : "");
    json_decref(j);
    hub_resp_free(&rs);
    return st == 200 ? 0 : -1;
}

static long count(hub_store *hs, const char *sql)
{
    long long n = -1;
    return hub_store_q_int(hs, sql, NULL, 0, &n, NULL, 0) ? -1 : (long)n;
}

#define REC(key, face) "{\"key\":\"" key "\",\"visit_id\":\"v\",\"created\":\"2026-11-20T10:00\",\"context\":\"home\"," \
                       "\"language\":\"fi\",\"kind\":\"face\",\"face\":" #face "}"

/* Issue 17: two kiosks using the same key are two answers, and neither can conflict with, or
 * be acknowledged for, the other. */
static void test_keys_per_kiosk(void)
{
    char t1[65], t2[65], id1[40], id2[40];
    hub_resp rs;
    CHECK_INT(enroll(a, "demo", t1, id1), 0);
    CHECK_INT(enroll(a, "demo", t2, id2), 0);
    CHECK_INT(post(a, "/api/v1/feedback", t1, "{\"records\":[" REC("same-key-1", 1) "]}", &rs), 200);
    CHECK(strstr(rs.body, "\"stored\":1") != NULL);
    hub_resp_free(&rs);
    /* The other kiosk, the same key, other content: stored, no conflict. */
    CHECK_INT(post(b, "/api/v1/feedback", t2, "{\"records\":[" REC("same-key-1", 4) "]}", &rs), 200);
    CHECK(strstr(rs.body, "\"stored\":1") != NULL);
    hub_resp_free(&rs);
    /* The other kiosk, the same key and content as kiosk 1's: still its own answer, not a replay. */
    CHECK_INT(post(b, "/api/v1/feedback", t2, "{\"records\":[" REC("same-key-2", 2) "]}", &rs), 200);
    hub_resp_free(&rs);
    CHECK_INT(post(a, "/api/v1/feedback", t1, "{\"records\":[" REC("same-key-2", 2) "]}", &rs), 200);
    CHECK(strstr(rs.body, "\"stored\":1,\"duplicates\":0") != NULL);
    hub_resp_free(&rs);
    CHECK_INT(count(a, "SELECT count(*) FROM feedback WHERE key LIKE 'same-key-%'"), 4);
    /* Each kiosk's own retry is still a duplicate, and its own reuse still a conflict. */
    CHECK_INT(post(a, "/api/v1/feedback", t1, "{\"records\":[" REC("same-key-1", 1) "]}", &rs), 409);
    CHECK(strstr(rs.body, "replayed") != NULL);
    hub_resp_free(&rs);
    CHECK_INT(post(a, "/api/v1/feedback", t2, "{\"records\":[" REC("same-key-1", 1) "]}", &rs), 409);
    CHECK(strstr(rs.body, "\"conflict\"") != NULL);
    hub_resp_free(&rs);
    CHECK_INT(count(a, "SELECT count(*) FROM feedback WHERE key LIKE 'same-key-%'"), 4);
}

typedef struct racer {
    hub_store *hs;
    pthread_barrier_t *bar;
    const char *path, *token;
    char body[600];
    int rounds, status[1000], stored[1000];
} racer;

static void *race(void *arg)
{
    racer *r = arg;
    for (int i = 0; i < r->rounds; i++) {
        hub_resp rs;
        pthread_barrier_wait(r->bar);
        pthread_barrier_wait(r->bar);      /* the main thread wrote this round's body in between */
        r->status[i] = post(r->hs, r->path, r->token, r->body, &rs);
        json_t *j = rs.body ? json_loadb(rs.body, rs.len, 0, NULL) : NULL;
        r->stored[i] = j ? (int)json_integer_value(json_object_get(j, "stored")) : -1;
        /* Whoever stored or not, both acknowledge the keys: a kiosk can mark them sent. */
        if (r->status[i] != 403 && j && json_array_size(json_object_get(j, "acked")) != 2 && r->status[i] != 429)
            r->stored[i] = -100;
        json_decref(j);
        hub_resp_free(&rs);
    }
    return NULL;
}

static void run_race(racer *r1, racer *r2, pthread_barrier_t *bar, void (*setup)(int round))
{
    pthread_t th1, th2;
    pthread_create(&th1, NULL, race, r1);
    pthread_create(&th2, NULL, race, r2);
    for (int i = 0; i < r1->rounds; i++) {
        pthread_barrier_wait(bar);
        setup(i);
        pthread_barrier_wait(bar);
    }
    pthread_join(th1, NULL);
    pthread_join(th2, NULL);
}

static racer r1, r2;
static void batch_round(int i)
{
    snprintf(r1.body, sizeof r1.body,
             "{\"records\":[{\"key\":\"race-%04d-a\",\"visit_id\":\"v\",\"created\":\"2026-11-20T10:00\",\"context\":\"home\","
             "\"language\":\"fi\",\"kind\":\"face\",\"face\":3},{\"key\":\"race-%04d-b\",\"visit_id\":\"v\","
             "\"created\":\"2026-11-20T10:00\",\"context\":\"home\",\"language\":\"fi\",\"kind\":\"face\",\"face\":1}]}", i, i);
    memcpy(r2.body, r1.body, sizeof r1.body);
}

static void test_same_batch_twice_at_once(void)
{
    char token[65], id[40];
    pthread_barrier_t bar;
    CHECK_INT(enroll(a, "demo", token, id), 0);
    pthread_barrier_init(&bar, NULL, 3);
    r1 = (racer){.hs = a, .bar = &bar, .path = "/api/v1/feedback", .token = token, .rounds = 1000};
    r2 = (racer){.hs = b, .bar = &bar, .path = "/api/v1/feedback", .token = token, .rounds = 1000};
    run_race(&r1, &r2, &bar, batch_round);
    pthread_barrier_destroy(&bar);
    int bad = 0, both_stored = 0, first_a = 0;
    for (int i = 0; i < 1000; i++) {
        int ok1 = r1.status[i] == 200 || r1.status[i] == 409, ok2 = r2.status[i] == 200 || r2.status[i] == 409;
        if (!ok1 || !ok2 || r1.stored[i] < 0 || r2.stored[i] < 0 || r1.stored[i] + r2.stored[i] != 2) {
            if (bad++ < 5)
                fprintf(stderr, "round %d: %d stored %d / %d stored %d\n", i, r1.status[i], r1.stored[i], r2.status[i],
                        r2.stored[i]);
        }
        if (r1.stored[i] && r2.stored[i]) both_stored++;      /* each stored one of the two: fine too */
        if (r1.stored[i] == 2) first_a++;
    }
    CHECK_INT(bad, 0);
    CHECK_INT(count(a, "SELECT count(*) FROM feedback WHERE key LIKE 'race-%'"), 2000);
    CHECK_INT(count(b, "SELECT count(DISTINCT key) FROM feedback WHERE key LIKE 'race-%'"), 2000);
    printf("     1000 rounds: hub A stored the whole batch %d times, both a part %d times\n", first_a, both_stored);
}

static char codes[200][16];
static void code_round(int i)
{
    /* Each round's loser is a failed enrollment: keep the guessing limit out of this test. */
    hub_store_exec(a, "DELETE FROM rate_limits", NULL, 0);
    hub_store_exec(a, "DELETE FROM penalties", NULL, 0);
    snprintf(r1.body, sizeof r1.body, "{\"code\":\"%s\"}", codes[i]);
    memcpy(r2.body, r1.body, sizeof r1.body);
}

static void test_enroll_once(void)
{
    char err[MJ_ERRLEN];
    pthread_barrier_t bar;
    for (int i = 0; i < 200; i++) CHECK_INT(hub_enroll_new(a, "demo", "Race", 3600, codes[i], err, sizeof err), MJ_OK);
    long before = count(a, "SELECT count(*) FROM kiosks");
    pthread_barrier_init(&bar, NULL, 3);
    r1 = (racer){.hs = a, .bar = &bar, .path = "/api/v1/enroll", .rounds = 200};
    r2 = (racer){.hs = b, .bar = &bar, .path = "/api/v1/enroll", .rounds = 200};
    run_race(&r1, &r2, &bar, code_round);
    pthread_barrier_destroy(&bar);
    int bad = 0;
    for (int i = 0; i < 200; i++)
        if (!((r1.status[i] == 200 && r2.status[i] == 403) || (r1.status[i] == 403 && r2.status[i] == 200))) bad++;
    CHECK_INT(bad, 0);
    CHECK_INT(count(a, "SELECT count(*) FROM kiosks") - before, 200);
}

static void test_shared_limits_and_bundle(void)
{
    char err[MJ_ERRLEN], etag[70], token[65], id[40];
    hub_resp rs;
    CHECK_INT(enroll(a, "shared", token, id), 0);
    /* Failures counted through A shut the address out through B too (5 are free, the 6th shuts
     * out for 2 s). The race's failures may have tripped it: start clean. */
    CHECK_INT(hub_store_exec(a, "DELETE FROM penalties", err, sizeof err), MJ_OK);
    for (int i = 0; i < 6; i++) {
        CHECK_INT(post(i % 2 ? a : b, "/api/v1/enroll", NULL, "{\"code\":\"AAAA-BBBB-CCCC\"}", &rs), 403);
        hub_resp_free(&rs);
    }
    CHECK_INT(post(b, "/api/v1/enroll", NULL, "{\"code\":\"AAAA-BBBB-CCCC\"}", &rs), 429);
    CHECK(rs.retry_after_s >= 1 && rs.retry_after_s <= 2);
    hub_resp_free(&rs);
    CHECK_INT(post(a, "/api/v1/enroll", NULL, "{\"code\":\"AAAA-BBBB-CCCC\"}", &rs), 429);
    hub_resp_free(&rs);
    /* The shut-out is this address's: the tests after this one enroll from it again. */
    CHECK_INT(hub_store_exec(a, "DELETE FROM penalties", err, sizeof err), MJ_OK);
    /* Published through A, served by B. */
    const char *bundle = "{\"format\":1,\"content_version\":\"v7\",\"content\":{}}";
    CHECK_INT(hub_bundle_put(a, "shared", "v7", bundle, strlen(bundle), etag, err, sizeof err), MJ_OK);
    char auth[100];
    snprintf(auth, sizeof auth, "Bearer %s", token);
    hub_req rq = {.method = "GET", .path = "/api/v1/bundle", .authorization = auth};
    hub_api_handle(b, &rq, &rs);
    CHECK_INT(rs.status, 200);
    CHECK_STR(rs.body, bundle);
    CHECK_STR(rs.etag, etag);
    hub_resp_free(&rs);
    rq.if_none_match = etag;
    hub_api_handle(b, &rq, &rs);
    CHECK_INT(rs.status, 304);
    hub_resp_free(&rs);
}

/* PostgreSQL: the server drops every connection of this process (a restart, a failover); the
 * next requests are answered as if nothing happened, and an upload after it is stored once. */
static void test_pg_reconnect(void)
{
    char token[65], id[40], err[MJ_ERRLEN], sql[200];
    hub_resp rs;
    CHECK_INT(hub_store_exec(a, "DELETE FROM rate_limits", err, sizeof err), MJ_OK);
    CHECK_INT(enroll(a, "demo", token, id), 0);
    /* From a connection of our own, outside both stores. */
    snprintf(sql, sizeof sql, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = "
             "'majakka-hub-%d'", (int)getpid());
    char url[320];
    snprintf(url, sizeof url, "%s/%s", hub_test_base, hub_test_dbname);
    PGconn *c = PQconnectdb(url);
    PGresult *r = PQexec(c, sql);
    CHECK_INT(PQresultStatus(r), PGRES_TUPLES_OK);
    CHECK(PQntuples(r) >= 8);          /* both stores' connections */
    PQclear(r);
    PQfinish(c);
    usleep(100000);
    /* The first request after the drop: the token is checked on a re-opened connection (an
     * empty heartbeat is then refused as malformed, not answered 503 or 401). */
    CHECK_INT(post(a, "/api/v1/heartbeat", token, "{}", &rs), 400);
    hub_resp_free(&rs);
    for (int i = 0; i < 8; i++) {       /* every connection of the pool gets a turn */
        hub_store *hs = i % 2 ? a : b;
        char body[300];
        snprintf(body, sizeof body, "{\"records\":[{\"key\":\"after-drop-%d\",\"visit_id\":\"v\",\"created\":"
                 "\"2026-11-20T10:00\",\"context\":\"home\",\"language\":\"fi\",\"kind\":\"face\",\"face\":2}]}", i);
        CHECK_INT(post(hs, "/api/v1/feedback", token, body, &rs), 200);
        hub_resp_free(&rs);
    }
    CHECK_INT(count(a, "SELECT count(*) FROM feedback WHERE key LIKE 'after-drop-%'"), 8);
}

/* A SQLite hub from before schema_version (PRAGMA user_version = 1, keys unique across kiosks)
 * opens at the latest version with its rows kept and keys per kiosk. */
static void test_migrate_v1_file(void)
{
    char path[80], err[MJ_ERRLEN];
    sqlite3 *db;
    hub_store *hs;
    snprintf(path, sizeof path, "/tmp/test_hub_multi_v1.%d.db", (int)getpid());
    unlink(path);
    CHECK_INT(sqlite3_open(path, &db), SQLITE_OK);
    CHECK_INT(sqlite3_exec(db,
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
        "CREATE TABLE coordinators (id INTEGER PRIMARY KEY, name TEXT NOT NULL, token_hash TEXT NOT NULL UNIQUE, created TEXT NOT NULL, revoked_at TEXT);"
        "CREATE TABLE enroll_codes (code_hash TEXT PRIMARY KEY, site TEXT NOT NULL, name TEXT NOT NULL, created TEXT NOT NULL, expires INTEGER NOT NULL, used_by TEXT);"
        "CREATE TABLE kiosks (id TEXT PRIMARY KEY, site TEXT NOT NULL, name TEXT NOT NULL, token_hash TEXT NOT NULL UNIQUE, enrolled_at TEXT NOT NULL, revoked_at TEXT, last_seen INTEGER, health TEXT);"
        "CREATE TABLE bundles (site TEXT PRIMARY KEY, content_version TEXT NOT NULL, etag TEXT NOT NULL, data BLOB NOT NULL, gz BLOB NOT NULL, published_at TEXT NOT NULL);"
        "CREATE TABLE feedback (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, digest TEXT NOT NULL, kiosk_id TEXT NOT NULL, site TEXT NOT NULL, received_at TEXT NOT NULL, visit_id TEXT NOT NULL, created TEXT NOT NULL, context TEXT NOT NULL, language TEXT NOT NULL, kind TEXT NOT NULL, face INTEGER, question_id TEXT, question_version INTEGER, options TEXT, comment TEXT, suspect INTEGER NOT NULL);"
        "CREATE INDEX feedback_site_created ON feedback(site, created);"
        "CREATE TABLE slip_counts (kiosk_id TEXT NOT NULL, site TEXT NOT NULL, day TEXT NOT NULL, service_id TEXT NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (kiosk_id, day, service_id)) WITHOUT ROWID;"
        "INSERT INTO feedback VALUES (7, 'old-1', 'd', 'k-1', 'demo', 'r', 'v', '2026-01-01T10:00', 'home', 'fi', 'face', 2, NULL, NULL, NULL, NULL, 0);"
        "PRAGMA user_version = 1;", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    CHECK_INT(hub_store_open(path, &hs, err, sizeof err), MJ_OK);
    CHECK_INT(hub_store_schema_version(hs), HUB_SCHEMA_VERSION);
    CHECK_INT(count(hs, "SELECT id FROM feedback WHERE key = 'old-1'"), 7);
    hub_kiosk k2 = {"k-2", "demo", "Other"};
    hub_batch_result res;
    json_t *recs = json_loads("[" REC("old-1", 3) "]", 0, NULL), *slips = json_array();
    CHECK_INT(hub_batch_save(hs, &k2, recs, slips, &res, err, sizeof err), MJ_OK);
    CHECK_INT(res.stored, 1);
    json_decref(recs);
    json_decref(slips);
    hub_store_close(hs);
    /* Opening again changes nothing. */
    CHECK_INT(hub_store_open(path, &hs, err, sizeof err), MJ_OK);
    CHECK_INT(hub_store_schema_version(hs), HUB_SCHEMA_VERSION);
    CHECK_INT(count(hs, "SELECT count(*) FROM feedback"), 2);
    hub_store_close(hs);
    unlink(path);
}

int main(void)
{
    char err[MJ_ERRLEN];
    if (sodium_init() < 0) return 1;
    if (hub_test_db(where, sizeof where, "test_hub_multi")) return 1;
    if (hub_store_open(where, &a, err, sizeof err) || hub_store_open(where, &b, err, sizeof err)) {
        fprintf(stderr, "%s: %s\n", where, err);
        return 1;
    }
    printf("     backend: %s\n", hub_store_backend_name(a));
    RUN(test_keys_per_kiosk);
    RUN(test_same_batch_twice_at_once);
    RUN(test_enroll_once);
    RUN(test_shared_limits_and_bundle);
    if (!hub_test_is_pg()) RUN(test_migrate_v1_file);
    if (hub_test_is_pg()) RUN(test_pg_reconnect);
    hub_store_close(a);
    hub_store_close(b);
    hub_test_db_drop(where);
    return TEST_DONE();
}
