/* hub_store.c - see hub_store.h. Migrations are never edited once released; add new steps. */
#include "hub_store.h"
#include "protocol.h"
#include "util.h"
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

/* Statements are prepared once and kept: a kiosk's sync is a few small requests, and preparing
 * their statements again each time was a sixth of the hub's CPU. Keyed by the SQL text's
 * address (every statement here is a string literal); used under the store lock, like the
 * connection itself. */
#define HUB_STMT_CACHE 24
typedef struct cached_stmt { const char *sql; sqlite3_stmt *st; } cached_stmt;

struct hub_store {
    sqlite3 *db;
    pthread_mutex_t mu;
    int commit_delay_ms;
    cached_stmt cache[HUB_STMT_CACHE];
};

static const char *const migrations[] = {
    /* 0 -> 1 */
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE coordinators (id INTEGER PRIMARY KEY, name TEXT NOT NULL,"
    "  token_hash TEXT NOT NULL UNIQUE, created TEXT NOT NULL, revoked_at TEXT);"
    "CREATE TABLE enroll_codes (code_hash TEXT PRIMARY KEY, site TEXT NOT NULL, name TEXT NOT NULL,"
    "  created TEXT NOT NULL, expires INTEGER NOT NULL, used_by TEXT);"
    /* health is the last heartbeat's JSON; last_seen is Unix time. */
    "CREATE TABLE kiosks (id TEXT PRIMARY KEY, site TEXT NOT NULL, name TEXT NOT NULL,"
    "  token_hash TEXT NOT NULL UNIQUE, enrolled_at TEXT NOT NULL, revoked_at TEXT,"
    "  last_seen INTEGER, health TEXT);"
    "CREATE TABLE bundles (site TEXT PRIMARY KEY, content_version TEXT NOT NULL, etag TEXT NOT NULL,"
    "  data BLOB NOT NULL, gz BLOB NOT NULL, published_at TEXT NOT NULL);"
    /* One row per answer, exactly once: key is the kiosk's idempotency key; digest is the
     * SHA-256 of the record's canonical JSON, to tell a retry from a conflicting reuse. */
    "CREATE TABLE feedback (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, digest TEXT NOT NULL,"
    "  kiosk_id TEXT NOT NULL, site TEXT NOT NULL, received_at TEXT NOT NULL,"
    "  visit_id TEXT NOT NULL, created TEXT NOT NULL, context TEXT NOT NULL, language TEXT NOT NULL,"
    "  kind TEXT NOT NULL, face INTEGER, question_id TEXT, question_version INTEGER, options TEXT,"
    "  comment TEXT, suspect INTEGER NOT NULL);"
    "CREATE INDEX feedback_site_created ON feedback(site, created);"
    "CREATE TABLE slip_counts (kiosk_id TEXT NOT NULL, site TEXT NOT NULL, day TEXT NOT NULL,"
    "  service_id TEXT NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (kiosk_id, day, service_id)) WITHOUT ROWID;",
};

void hub_now(char out[32])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

sqlite3 *hub_store_db(hub_store *hs) { return hs->db; }
void hub_store_lock(hub_store *hs) { pthread_mutex_lock(&hs->mu); }
void hub_store_unlock(hub_store *hs) { pthread_mutex_unlock(&hs->mu); }
void hub_store_set_commit_delay_ms(hub_store *hs, int ms) { hs->commit_delay_ms = ms; }

static int fail(hub_store *hs, const char *what, char *err, size_t errlen)
{
    int code = sqlite3_errcode(hs->db);
    int st = code == SQLITE_FULL ? MJ_EFULL : code == SQLITE_BUSY ? MJ_EBUSY : MJ_EDB;
    return mj_err(err, errlen, st, "%s: %s", what, sqlite3_errmsg(hs->db));
}

static int exec(hub_store *hs, const char *sql, char *err, size_t errlen)
{
    return sqlite3_exec(hs->db, sql, NULL, NULL, NULL) == SQLITE_OK ? MJ_OK : fail(hs, "hub store", err, errlen);
}

static void rollback(hub_store *hs)
{
    if (!sqlite3_get_autocommit(hs->db)) sqlite3_exec(hs->db, "ROLLBACK", NULL, NULL, NULL);
}

int hub_store_schema_version(hub_store *hs)
{
    sqlite3_stmt *st;
    int v = -1;
    if (sqlite3_prepare_v2(hs->db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int(st, 0);
        sqlite3_finalize(st);
    }
    return v;
}

static int migrate(hub_store *hs, char *err, size_t errlen)
{
    int latest = (int)(sizeof migrations / sizeof migrations[0]);
    int v = hub_store_schema_version(hs);
    if (v < 0) return fail(hs, "reading schema version", err, errlen);
    if (v > latest)
        return mj_err(err, errlen, MJ_EINVAL, "hub schema version %d is newer than this program knows (%d)", v, latest);
    for (; v < latest; v++) {
        char sql[64];
        int rc = exec(hs, "BEGIN IMMEDIATE", err, errlen);
        if (rc) return rc;
        snprintf(sql, sizeof sql, "PRAGMA user_version = %d", v + 1);
        if ((rc = exec(hs, migrations[v], err, errlen)) || (rc = exec(hs, sql, err, errlen)) ||
            (rc = exec(hs, "COMMIT", err, errlen))) {
            rollback(hs);
            return rc;
        }
    }
    return MJ_OK;
}

int hub_store_open(const char *path, hub_store **out, char *err, size_t errlen)
{
    hub_store *hs = calloc(1, sizeof *hs);
    if (!hs) return mj_err(err, errlen, MJ_ENOMEM, "out of memory");
    pthread_mutex_init(&hs->mu, NULL);
    if (sqlite3_open_v2(path, &hs->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                        NULL) != SQLITE_OK) {
        int rc = mj_err(err, errlen, MJ_EDB, "%s: %s", path, hs->db ? sqlite3_errmsg(hs->db) : "cannot open");
        hub_store_close(hs);
        return rc;
    }
    sqlite3_busy_timeout(hs->db, 10000);
    int rc = exec(hs, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;", err, errlen);
    if (!rc) rc = migrate(hs, err, errlen);
    if (rc) {
        hub_store_close(hs);
        return rc;
    }
    *out = hs;
    return MJ_OK;
}

void hub_store_close(hub_store *hs)
{
    if (!hs) return;
    for (int i = 0; i < HUB_STMT_CACHE; i++) sqlite3_finalize(hs->cache[i].st);
    sqlite3_close(hs->db);
    pthread_mutex_destroy(&hs->mu);
    free(hs);
}

/* A statement for sql, from the cache when it was prepared before; give it back with unprep. */
static int prep(hub_store *hs, const char *sql, sqlite3_stmt **st, char *err, size_t errlen)
{
    int free_slot = -1;
    for (int i = 0; i < HUB_STMT_CACHE; i++) {
        if (hs->cache[i].sql == sql) { *st = hs->cache[i].st; return MJ_OK; }
        if (!hs->cache[i].sql && free_slot < 0) free_slot = i;
    }
    if (sqlite3_prepare_v2(hs->db, sql, -1, st, NULL) != SQLITE_OK) return fail(hs, "hub store", err, errlen);
    if (free_slot >= 0) hs->cache[free_slot] = (cached_stmt){ sql, *st };
    return MJ_OK;
}

/* Done with a statement from prep: reset for the next use (or finalized if it was not kept). */
static void unprep(hub_store *hs, sqlite3_stmt *st)
{
    if (!st) return;
    for (int i = 0; i < HUB_STMT_CACHE; i++)
        if (hs->cache[i].st == st) {
            sqlite3_reset(st);
            sqlite3_clear_bindings(st);
            return;
        }
    sqlite3_finalize(st);
}

int hub_coord_new(hub_store *hs, const char *name, char token[65], char *err, size_t errlen)
{
    char hash[65], now[32];
    sqlite3_stmt *st;
    int rc;
    proto_token_new(token);
    proto_secret_hash(token, hash);
    hub_now(now);
    if ((rc = prep(hs, "INSERT INTO coordinators (name, token_hash, created) VALUES (?1, ?2, ?3)", &st, err, errlen)))
        return rc;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, hash, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, now, -1, SQLITE_STATIC);
    rc = sqlite3_step(st) == SQLITE_DONE ? MJ_OK : fail(hs, "adding coordinator", err, errlen);
    unprep(hs, st);
    return rc;
}

int hub_coord_auth(hub_store *hs, const char *token)
{
    char hash[65];
    sqlite3_stmt *st;
    int rc = MJ_ENOTFOUND;
    if (!token || strlen(token) != PROTO_TOKEN_HEX) return MJ_ENOTFOUND;
    proto_secret_hash(token, hash);
    if (prep(hs, "SELECT 1 FROM coordinators WHERE token_hash = ?1 AND revoked_at IS NULL", &st, NULL, 0))
        return MJ_EDB;
    sqlite3_bind_text(st, 1, hash, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW) rc = MJ_OK;
    unprep(hs, st);
    return rc;
}

int hub_enroll_new(hub_store *hs, const char *site, const char *name, long ttl_s, char code[16],
                   char *err, size_t errlen)
{
    char hash[65], now[32];
    sqlite3_stmt *st;
    int rc;
    if (!proto_is_id(site)) return mj_err(err, errlen, MJ_EINVAL, "site \"%s\" is not an id", site);
    if (!*name || strlen(name) > 128 || !mj_utf8_valid(name, strlen(name)))
        return mj_err(err, errlen, MJ_EINVAL, "kiosk name must be 1-128 bytes of UTF-8");
    proto_code_new(code);
    proto_secret_hash(code, hash);
    hub_now(now);
    if ((rc = prep(hs, "INSERT INTO enroll_codes (code_hash, site, name, created, expires) VALUES (?1, ?2, ?3, ?4, ?5)",
                   &st, err, errlen)))
        return rc;
    sqlite3_bind_text(st, 1, hash, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, site, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, now, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 5, (sqlite3_int64)time(NULL) + ttl_s);
    rc = sqlite3_step(st) == SQLITE_DONE ? MJ_OK : fail(hs, "adding enrollment code", err, errlen);
    unprep(hs, st);
    return rc;
}

int hub_enroll_redeem(hub_store *hs, const char *code, hub_kiosk *k, char token[65], char *err, size_t errlen)
{
    char norm[PROTO_CODE_LEN + 1], hash[65], thash[65], now[32];
    unsigned char rnd[8];
    sqlite3_stmt *st = NULL;
    int rc;
    if (proto_code_normalize(code, norm)) return mj_err(err, errlen, MJ_EINVAL, "enrollment code is malformed");
    proto_secret_hash(norm, hash);
    if ((rc = exec(hs, "BEGIN IMMEDIATE", err, errlen))) return rc;
    if ((rc = prep(hs, "SELECT site, name FROM enroll_codes WHERE code_hash = ?1 AND used_by IS NULL AND expires > ?2",
                   &st, err, errlen)))
        goto out;
    sqlite3_bind_text(st, 1, hash, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)time(NULL));
    if (sqlite3_step(st) != SQLITE_ROW) {
        rc = mj_err(err, errlen, MJ_ENOTFOUND, "enrollment code is unknown, expired or already used");
        goto out;
    }
    snprintf(k->site, sizeof k->site, "%s", (const char *)sqlite3_column_text(st, 0));
    snprintf(k->name, sizeof k->name, "%s", (const char *)sqlite3_column_text(st, 1));
    unprep(hs, st);
    st = NULL;
    randombytes_buf(rnd, sizeof rnd);
    snprintf(k->id, sizeof k->id, "k-%02x%02x%02x%02x%02x%02x%02x%02x", rnd[0], rnd[1], rnd[2], rnd[3], rnd[4],
             rnd[5], rnd[6], rnd[7]);
    proto_token_new(token);
    proto_secret_hash(token, thash);
    hub_now(now);
    if ((rc = prep(hs, "INSERT INTO kiosks (id, site, name, token_hash, enrolled_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                   &st, err, errlen)))
        goto out;
    sqlite3_bind_text(st, 1, k->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, k->site, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, k->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, thash, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, now, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_DONE) { rc = fail(hs, "adding kiosk", err, errlen); goto out; }
    unprep(hs, st);
    st = NULL;
    if ((rc = prep(hs, "UPDATE enroll_codes SET used_by = ?1 WHERE code_hash = ?2", &st, err, errlen))) goto out;
    sqlite3_bind_text(st, 1, k->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, hash, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_DONE) { rc = fail(hs, "using enrollment code", err, errlen); goto out; }
    rc = exec(hs, "COMMIT", err, errlen);
out:
    unprep(hs, st);
    if (rc) rollback(hs);
    return rc;
}

int hub_kiosk_auth(hub_store *hs, const char *token, hub_kiosk *out)
{
    char hash[65];
    sqlite3_stmt *st;
    int rc = MJ_ENOTFOUND;
    if (!token || strlen(token) != PROTO_TOKEN_HEX) return MJ_ENOTFOUND;
    proto_secret_hash(token, hash);
    if (prep(hs, "SELECT id, site, name FROM kiosks WHERE token_hash = ?1 AND revoked_at IS NULL", &st, NULL, 0))
        return MJ_EDB;
    sqlite3_bind_text(st, 1, hash, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW) {
        snprintf(out->id, sizeof out->id, "%s", (const char *)sqlite3_column_text(st, 0));
        snprintf(out->site, sizeof out->site, "%s", (const char *)sqlite3_column_text(st, 1));
        snprintf(out->name, sizeof out->name, "%s", (const char *)sqlite3_column_text(st, 2));
        rc = MJ_OK;
    }
    unprep(hs, st);
    return rc;
}

int hub_kiosk_revoke(hub_store *hs, const char *kiosk_id, char *err, size_t errlen)
{
    char now[32];
    sqlite3_stmt *st;
    int rc;
    hub_now(now);
    if ((rc = prep(hs, "UPDATE kiosks SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL", &st, err, errlen)))
        return rc;
    sqlite3_bind_text(st, 1, kiosk_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, now, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_DONE) rc = fail(hs, "revoking kiosk", err, errlen);
    else if (sqlite3_changes(hs->db) == 0)
        rc = mj_err(err, errlen, MJ_ENOTFOUND, "no active kiosk \"%s\"", kiosk_id);
    unprep(hs, st);
    return rc;
}

int hub_heartbeat_save(hub_store *hs, const hub_kiosk *k, const json_t *hb, char *err, size_t errlen)
{
    sqlite3_stmt *st;
    int rc;
    char *js = json_dumps(hb, JSON_COMPACT | JSON_SORT_KEYS);
    if (!js) return mj_err(err, errlen, MJ_ENOMEM, "out of memory");
    if ((rc = prep(hs, "UPDATE kiosks SET last_seen = ?2, health = ?3 WHERE id = ?1", &st, err, errlen))) {
        free(js);
        return rc;
    }
    sqlite3_bind_text(st, 1, k->id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)time(NULL));
    sqlite3_bind_text(st, 3, js, -1, SQLITE_STATIC);
    /* A heartbeat is only the latest news and comes again at the next sync: it is committed
     * without an fsync of its own (synchronous=NORMAL; WAL keeps the database consistent, and the
     * next durable commit or checkpoint syncs it). Feedback batches stay synchronous=FULL. */
    sqlite3_exec(hs->db, "PRAGMA synchronous=NORMAL", NULL, NULL, NULL);
    rc = sqlite3_step(st) == SQLITE_DONE ? MJ_OK : fail(hs, "saving heartbeat", err, errlen);
    unprep(hs, st);
    sqlite3_exec(hs->db, "PRAGMA synchronous=FULL", NULL, NULL, NULL);
    free(js);
    return rc;
}

static void bind_opt_text(sqlite3_stmt *st, int i, const json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    if (json_is_string(v)) sqlite3_bind_text(st, i, json_string_value(v), (int)json_string_length(v), SQLITE_TRANSIENT);
    else sqlite3_bind_null(st, i);
}

static void bind_opt_int(sqlite3_stmt *st, int i, const json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    if (json_is_integer(v)) sqlite3_bind_int64(st, i, json_integer_value(v));
    else sqlite3_bind_null(st, i);
}

/* 0 stored, 1 duplicate (same digest), MJ_EINVAL conflicting content, other < 0 errors. */
static int save_record(hub_store *hs, sqlite3_stmt *ins, sqlite3_stmt *sel, const hub_kiosk *k, const char *now,
                       const json_t *r, char *err, size_t errlen)
{
    char digest[65];
    char *canon = json_dumps(r, JSON_COMPACT | JSON_SORT_KEYS);
    if (!canon) return mj_err(err, errlen, MJ_ENOMEM, "out of memory");
    proto_secret_hash(canon, digest);
    free(canon);
    const char *key = json_string_value(json_object_get(r, "key"));
    sqlite3_reset(ins);
    sqlite3_clear_bindings(ins);
    sqlite3_bind_text(ins, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(ins, 2, digest, -1, SQLITE_STATIC);
    sqlite3_bind_text(ins, 3, k->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(ins, 4, k->site, -1, SQLITE_STATIC);
    sqlite3_bind_text(ins, 5, now, -1, SQLITE_STATIC);
    bind_opt_text(ins, 6, r, "visit_id");
    bind_opt_text(ins, 7, r, "created");
    bind_opt_text(ins, 8, r, "context");
    bind_opt_text(ins, 9, r, "language");
    bind_opt_text(ins, 10, r, "kind");
    bind_opt_int(ins, 11, r, "face");
    bind_opt_text(ins, 12, r, "question_id");
    bind_opt_int(ins, 13, r, "question_version");
    bind_opt_text(ins, 14, r, "options");
    bind_opt_text(ins, 15, r, "comment");
    sqlite3_bind_int(ins, 16, json_is_true(json_object_get(r, "suspect")));
    if (sqlite3_step(ins) != SQLITE_DONE) return fail(hs, "storing feedback", err, errlen);
    if (sqlite3_changes(hs->db) == 1) return 0;
    /* The key exists: a retry is fine, a different answer under the same key is not. */
    sqlite3_reset(sel);
    sqlite3_bind_text(sel, 1, key, -1, SQLITE_STATIC);
    int same = sqlite3_step(sel) == SQLITE_ROW && strcmp((const char *)sqlite3_column_text(sel, 0), digest) == 0;
    sqlite3_reset(sel);
    if (!same) return mj_err(err, errlen, MJ_EINVAL, "key \"%s\" was already stored with different content", key);
    return 1;
}

int hub_batch_save(hub_store *hs, const hub_kiosk *k, const json_t *records, const json_t *slips,
                   hub_batch_result *res, char *err, size_t errlen)
{
    char now[32];
    sqlite3_stmt *ins = NULL, *sel = NULL, *slip = NULL;
    int rc;
    size_t i;
    json_t *r;
    memset(res, 0, sizeof *res);
    res->conflict = -1;
    hub_now(now);
    if ((rc = exec(hs, "BEGIN IMMEDIATE", err, errlen))) return rc;
    if ((rc = prep(hs, "INSERT INTO feedback (key, digest, kiosk_id, site, received_at, visit_id, created, context,"
                       " language, kind, face, question_id, question_version, options, comment, suspect)"
                       " VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16) ON CONFLICT(key) DO NOTHING",
                   &ins, err, errlen)) ||
        (rc = prep(hs, "SELECT digest FROM feedback WHERE key = ?1", &sel, err, errlen)) ||
        (rc = prep(hs, "INSERT INTO slip_counts (kiosk_id, site, day, service_id, count) VALUES (?1,?2,?3,?4,?5)"
                       " ON CONFLICT DO UPDATE SET count = max(count, excluded.count)", &slip, err, errlen)))
        goto out;
    json_array_foreach(records, i, r) {
        int s = save_record(hs, ins, sel, k, now, r, err, errlen);
        if (s < 0) {
            if (s == MJ_EINVAL) {
                char tmp[MJ_ERRLEN];
                snprintf(tmp, sizeof tmp, "%s", err);
                mj_err(err, errlen, MJ_EINVAL, "records[%zu]: %s", i, tmp);
                res->conflict = (int)i;
            }
            rc = s;
            goto out;
        }
        if (s == 0) res->stored++; else res->duplicates++;
    }
    json_array_foreach(slips, i, r) {
        sqlite3_reset(slip);
        sqlite3_bind_text(slip, 1, k->id, -1, SQLITE_STATIC);
        sqlite3_bind_text(slip, 2, k->site, -1, SQLITE_STATIC);
        sqlite3_bind_text(slip, 3, json_string_value(json_object_get(r, "day")), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(slip, 4, json_string_value(json_object_get(r, "service_id")), -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(slip, 5, json_integer_value(json_object_get(r, "count")));
        if (sqlite3_step(slip) != SQLITE_DONE) { rc = fail(hs, "storing slip counts", err, errlen); goto out; }
        res->slips++;
    }
    if (hs->commit_delay_ms > 0) usleep((useconds_t)hs->commit_delay_ms * 1000u);
    rc = exec(hs, "COMMIT", err, errlen);
out:
    unprep(hs, ins);
    unprep(hs, sel);
    unprep(hs, slip);
    if (rc) {
        int conflict = res->conflict;
        rollback(hs);
        memset(res, 0, sizeof *res);
        res->conflict = conflict;
    }
    return rc;
}

static int gzip_bytes(const char *data, size_t len, unsigned char **out, size_t *outlen)
{
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    if (deflateInit2(&zs, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return MJ_ENOMEM;
    size_t cap = deflateBound(&zs, (uLong)len);
    unsigned char *buf = malloc(cap);
    if (!buf) { deflateEnd(&zs); return MJ_ENOMEM; }
    zs.next_in = (Bytef *)data;
    zs.avail_in = (uInt)len;
    zs.next_out = buf;
    zs.avail_out = (uInt)cap;
    int z = deflate(&zs, Z_FINISH);
    *outlen = zs.total_out;
    deflateEnd(&zs);
    if (z != Z_STREAM_END) { free(buf); return MJ_EIO; }
    *out = buf;
    return MJ_OK;
}

int hub_bundle_put(hub_store *hs, const char *site, const char *content_version, const char *data,
                   size_t len, char etag[70], char *err, size_t errlen)
{
    unsigned char h[crypto_hash_sha256_BYTES], *gz = NULL;
    size_t gzlen = 0;
    char now[32];
    sqlite3_stmt *st;
    int rc;
    crypto_hash_sha256(h, (const unsigned char *)data, len);
    int n = snprintf(etag, 70, "\"");
    for (size_t i = 0; i < sizeof h; i++) n += snprintf(etag + n, (size_t)(70 - n), "%02x", h[i]);
    snprintf(etag + n, (size_t)(70 - n), "\"");
    if (gzip_bytes(data, len, &gz, &gzlen)) return mj_err(err, errlen, MJ_ENOMEM, "compressing bundle failed");
    hub_now(now);
    if ((rc = prep(hs, "INSERT INTO bundles (site, content_version, etag, data, gz, published_at) VALUES (?1,?2,?3,?4,?5,?6)"
                       " ON CONFLICT(site) DO UPDATE SET content_version = excluded.content_version,"
                       " etag = excluded.etag, data = excluded.data, gz = excluded.gz, published_at = excluded.published_at",
                   &st, err, errlen))) {
        free(gz);
        return rc;
    }
    sqlite3_bind_text(st, 1, site, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, content_version, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, etag, -1, SQLITE_STATIC);
    sqlite3_bind_blob(st, 4, data, (int)len, SQLITE_STATIC);
    sqlite3_bind_blob(st, 5, gz, (int)gzlen, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, now, -1, SQLITE_STATIC);
    rc = sqlite3_step(st) == SQLITE_DONE ? MJ_OK : fail(hs, "publishing bundle", err, errlen);
    unprep(hs, st);
    free(gz);
    return rc;
}

int hub_bundle_get(hub_store *hs, const char *site, int gz, char **data, size_t *len, char etag[70],
                   char *err, size_t errlen)
{
    sqlite3_stmt *st;
    int rc;
    *data = NULL;
    *len = 0;
    if ((rc = prep(hs, gz ? "SELECT gz, etag FROM bundles WHERE site = ?1" : "SELECT data, etag FROM bundles WHERE site = ?1",
                   &st, err, errlen)))
        return rc;
    sqlite3_bind_text(st, 1, site, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_ROW) {
        unprep(hs, st);
        return mj_err(err, errlen, MJ_ENOTFOUND, "no bundle has been published for site \"%s\"", site);
    }
    int n = sqlite3_column_bytes(st, 0);
    *data = malloc((size_t)n + 1);
    if (!*data) { unprep(hs, st); return mj_err(err, errlen, MJ_ENOMEM, "out of memory"); }
    memcpy(*data, sqlite3_column_blob(st, 0), (size_t)n);
    (*data)[n] = 0;
    *len = (size_t)n;
    snprintf(etag, 70, "%s", (const char *)sqlite3_column_text(st, 1));
    unprep(hs, st);
    return MJ_OK;
}
