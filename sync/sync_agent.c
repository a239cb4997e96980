/* sync_agent.c - see sync_agent.h. */
#include "sync_agent.h"
#include "bundle.h"
#include "content.h"
#include "protocol.h"
#include "util.h"
#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/sysinfo.h>
#include <time.h>

static void now_utc(char out[32])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

char *sync_state_get(store *s, sync_state_key key)
{
    char v[2048];
    return sync_state_read(s, key, v, sizeof v) == MJ_OK && v[0] ? mj_strdup(v) : NULL;
}

static long scalar(store *s, const char *sql)
{
    sqlite3_stmt *st;
    long v = -1;
    if (sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW) v = (long)sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    return v;
}

long sync_outbox_length(store *s)
{
    return scalar(s, "SELECT count(*) FROM feedback WHERE sent_at IS NULL");
}

static int load_token(sync_agent_cfg *cfg, char token[65], char *err, size_t errlen)
{
    char *buf;
    size_t len;
    struct stat st;
    int rc = mj_read_file(cfg->token_file, 4096, &buf, &len, err, errlen);
    if (rc) return mj_err(err, errlen, rc, "no hub token (enroll first): %s", cfg->token_file);
    if (stat(cfg->token_file, &st) == 0 && (st.st_mode & 077))
        fprintf(stderr, "majakka-sync: warning: %s is readable by others; chmod 600 it\n", cfg->token_file);
    while (len && isspace((unsigned char)buf[len - 1])) buf[--len] = 0;
    if (len != PROTO_TOKEN_HEX || strspn(buf, "0123456789abcdef") != PROTO_TOKEN_HEX) {
        free(buf);
        return mj_err(err, errlen, MJ_EINVAL, "%s: not a hub token", cfg->token_file);
    }
    memcpy(token, buf, 65);
    free(buf);
    return MJ_OK;
}

/* Maps an HTTP answer that is not the expected one to a status and message. */
static int http_fail(const sync_http_resp *r, const char *what, sync_result *res, char *err, size_t errlen)
{
    json_t *j = r->body ? json_loadb(r->body, r->len, 0, NULL) : NULL;
    const char *msg = json_string_value(json_object_get(json_object_get(j, "error"), "message"));
    int st = (r->status >= 500 || r->status == 429 || r->status == 408) ? MJ_EIO : MJ_EINVAL;
    if (r->status == 401) res->auth_failed = 1;
    if (r->retry_after_s > res->retry_after_s) res->retry_after_s = r->retry_after_s;
    mj_err(err, errlen, st, "%s: HTTP %ld%s%s", what, r->status, msg ? ": " : "", msg ? msg : "");
    json_decref(j);
    return st;
}

int sync_enroll(sync_agent_cfg *cfg, store *s, const char *code, char *err, size_t errlen)
{
    sync_http_resp r;
    sync_result res = {.retry_after_s = -1};
    char norm[PROTO_CODE_LEN + 1];
    if (proto_code_normalize(code, norm)) return mj_err(err, errlen, MJ_EINVAL, "\"%s\" is not an enrollment code", code);
    json_t *body = json_pack("{s:s}", "code", norm);
    char *js = json_dumps(body, JSON_COMPACT);
    json_decref(body);
    cfg->http.token = NULL;
    int rc = sync_http_request(&cfg->http, "POST", PROTO_PREFIX "/enroll", js, strlen(js), NULL, &r, err, errlen);
    free(js);
    if (rc) return rc;
    if (r.status != 200) { rc = http_fail(&r, "enroll", &res, err, errlen); sync_http_resp_free(&r); return rc; }
    json_t *j = json_loadb(r.body, r.len, 0, NULL);
    const char *token = json_string_value(json_object_get(j, "token"));
    const char *kid = json_string_value(json_object_get(j, "kiosk_id"));
    const char *site = json_string_value(json_object_get(j, "site"));
    if (!token || strlen(token) != PROTO_TOKEN_HEX || strspn(token, "0123456789abcdef") != PROTO_TOKEN_HEX || !kid ||
        !site || !proto_is_id(kid) || !proto_is_id(site)) {
        rc = mj_err(err, errlen, MJ_EIO, "enroll: the hub's answer is not understood");
    } else {
        char line[PROTO_TOKEN_HEX + 2];
        snprintf(line, sizeof line, "%s\n", token);
        rc = mj_write_file_atomic(cfg->token_file, line, strlen(line), 0600, err, errlen);
        if (!rc && (sync_state_write(s, SYNC_KIOSK_ID, kid) || sync_state_write(s, SYNC_SITE, site) ||
                    sync_state_write(s, SYNC_BUNDLE_ETAG, NULL)))
            rc = mj_err(err, errlen, MJ_EDB, "enroll: writing sync_state failed");
        if (!rc) mj_err(err, errlen, MJ_OK, "enrolled as %s at site %s", kid, site);
    }
    json_decref(j);
    sync_http_resp_free(&r);
    return rc;
}

static json_t *row_record(sqlite3_stmt *st)
{
    json_t *o = json_object();
    static const char *const names[] = {"key", "visit_id", "created", "context", "language", "kind", "face",
                                        "question_id", "question_version", "options", "comment"};
    for (int i = 0; i < 11; i++) {
        int c = i + 1;
        if (sqlite3_column_type(st, c) == SQLITE_NULL) continue;
        if (sqlite3_column_type(st, c) == SQLITE_INTEGER)
            json_object_set_new(o, names[i], json_integer(sqlite3_column_int64(st, c)));
        else {
            /* Invalid UTF-8 makes json_stringn fail; the record is then flagged invalid. */
            json_t *v = json_stringn((const char *)sqlite3_column_text(st, c), (size_t)sqlite3_column_bytes(st, c));
            if (!v) { json_decref(o); return NULL; }
            json_object_set_new(o, names[i], v);
        }
    }
    json_object_set_new(o, "suspect", json_boolean(sqlite3_column_int(st, 12)));
    return o;
}

/* A record the hub would refuse whatever happens is set aside (sent_at = 'invalid') so it
 * cannot block the outbox; it stays in the store for inspection. */
static void mark_invalid(store *s, long long id)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(store_db(s), "UPDATE feedback SET sent_at = 'invalid' WHERE id = ?1", -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_int64(st, 1, id);
        sqlite3_step(st);
        sqlite3_finalize(st);
    }
}

/* The same for a record the hub refused by index (400 or 409 naming "record"): it would block
 * every later batch. Returns 1 when a record was set aside. */
static int set_aside_refused(store *s, const sync_http_resp *r, json_t *batch)
{
    if (r->status != 400 && r->status != 409) return 0;
    json_t *j = json_loadb(r->body, r->len, 0, NULL), *e = json_object_get(j, "error");
    json_t *idx = json_object_get(e, "record");
    json_t *rec = json_is_integer(idx) ? json_array_get(json_object_get(batch, "records"), (size_t)json_integer_value(idx)) : NULL;
    const char *key = json_string_value(json_object_get(rec, "key"));
    sqlite3_stmt *st;
    int done = 0;
    if (key && sqlite3_prepare_v2(store_db(s), "UPDATE feedback SET sent_at = 'refused' WHERE key = ?1 AND sent_at IS NULL",
                                  -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
        done = sqlite3_step(st) == SQLITE_DONE && sqlite3_changes(store_db(s)) == 1;
        sqlite3_finalize(st);
        if (done)
            fprintf(stderr, "majakka-sync: the hub refused record %s, set aside: %s\n", key,
                    json_string_value(json_object_get(e, "message")) ? json_string_value(json_object_get(e, "message")) : "");
    }
    json_decref(j);
    return done;
}

/* A batch stays well under the hub's body limit whatever the comments' lengths. */
#define BATCH_MAX_BYTES (PROTO_MAX_BODY / 2)

/* Builds one batch: up to n unsent records within BATCH_MAX_BYTES (*more = 1 when the size cut
 * it short), and in the first batch the changed slip counts. */
static int build_batch(store *s, int n, int with_slips, json_t **out, int *more, int *invalid, char *err, size_t errlen)
{
    size_t bytes = 0;
    *more = 0;
    sqlite3_stmt *st;
    json_t *records = json_array(), *slips = json_array();
    if (sqlite3_prepare_v2(store_db(s), "SELECT id, key, visit_id, created, context, language, kind, face, question_id,"
                           " question_version, options, comment, suspect FROM feedback WHERE sent_at IS NULL"
                           " ORDER BY id LIMIT ?1", -1, &st, NULL) != SQLITE_OK) {
        json_decref(records); json_decref(slips);
        return store_fail(s, "reading the outbox", err, errlen);
    }
    sqlite3_bind_int(st, 1, n);
    /* Rows to set aside are marked after the SELECT is done, not while it walks the index. */
    long long *bad = calloc((size_t)n, sizeof *bad);
    int nbad = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        char e2[MJ_ERRLEN];
        json_t *r = row_record(st);
        if (!r || proto_record_check(r, e2, sizeof e2)) {
            fprintf(stderr, "majakka-sync: feedback row %lld set aside: %s\n", (long long)sqlite3_column_int64(st, 0),
                    r ? e2 : "text is not valid UTF-8");
            if (bad && nbad < n) bad[nbad++] = sqlite3_column_int64(st, 0);
            json_decref(r);
            continue;
        }
        char *js = json_dumps(r, JSON_COMPACT);
        size_t len = js ? strlen(js) + 1 : 0;
        free(js);
        if (json_array_size(records) && bytes + len > BATCH_MAX_BYTES) {
            json_decref(r);
            *more = 1;
            break;
        }
        bytes += len;
        json_array_append_new(records, r);
    }
    sqlite3_finalize(st);
    for (int i = 0; i < nbad; i++) mark_invalid(s, bad[i]);
    *invalid += nbad;
    free(bad);
    if (with_slips && sqlite3_prepare_v2(store_db(s), "SELECT day, service_id, count FROM slip_counts"
                                         " WHERE count > sent_count ORDER BY day, service_id LIMIT 500", -1, &st, NULL) == SQLITE_OK) {
        while (sqlite3_step(st) == SQLITE_ROW) {
            const char *day = (const char *)sqlite3_column_text(st, 0), *sid = (const char *)sqlite3_column_text(st, 1);
            json_int_t count = (json_int_t)sqlite3_column_int64(st, 2);
            json_t *o = day && sid ? json_pack("{s:s,s:s,s:I}", "day", day, "service_id", sid, "count", count) : NULL;
            if (o && !proto_slip_check(o, NULL, 0)) json_array_append_new(slips, o);
            else json_decref(o);
        }
        sqlite3_finalize(st);
    }
    *out = json_pack("{s:o,s:o}", "records", records, "slips", slips);
    return MJ_OK;
}

/* Marks what the hub acknowledged, in one short transaction. */
static int mark_acked(store *s, json_t *batch, json_t *ack, int *marked, char *err, size_t errlen)
{
    char now[32];
    sqlite3_stmt *fb = NULL, *sl = NULL;
    size_t i;
    json_t *v;
    int rc;
    *marked = 0;
    now_utc(now);
    json_t *acked = json_object_get(ack, "acked"), *sacked = json_object_get(ack, "slips_acked");
    if (!json_is_array(acked)) return mj_err(err, errlen, MJ_EIO, "upload: the hub's answer has no acked list");
    if ((rc = store_begin(s, err, errlen))) return rc;
    if (sqlite3_prepare_v2(store_db(s), "UPDATE feedback SET sent_at = ?2 WHERE key = ?1 AND sent_at IS NULL", -1, &fb, NULL) ||
        sqlite3_prepare_v2(store_db(s), "UPDATE slip_counts SET sent_count = max(sent_count, ?3)"
                           " WHERE day = ?1 AND service_id = ?2", -1, &sl, NULL)) {
        rc = store_fail(s, "marking sent", err, errlen);
        goto out;
    }
    /* Only keys that were in this batch count; anything else in the answer is ignored. */
    json_t *sent = json_object();
    json_array_foreach(json_object_get(batch, "records"), i, v)
        json_object_set(sent, json_string_value(json_object_get(v, "key")), json_true());
    json_array_foreach(acked, i, v) {
        if (!json_is_string(v) || !json_object_get(sent, json_string_value(v))) continue;
        sqlite3_reset(fb);
        sqlite3_bind_text(fb, 1, json_string_value(v), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(fb, 2, now, -1, SQLITE_STATIC);
        if (sqlite3_step(fb) != SQLITE_DONE) { json_decref(sent); rc = store_fail(s, "marking sent", err, errlen); goto out; }
        *marked += sqlite3_changes(store_db(s));
    }
    json_decref(sent);
    json_array_foreach(sacked, i, v) {
        const char *day = json_string_value(json_object_get(v, "day")), *sid = json_string_value(json_object_get(v, "service_id"));
        if (!day || !sid || !json_is_integer(json_object_get(v, "count"))) continue;
        sqlite3_reset(sl);
        sqlite3_bind_text(sl, 1, day, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(sl, 2, sid, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(sl, 3, json_integer_value(json_object_get(v, "count")));
        if (sqlite3_step(sl) != SQLITE_DONE) { rc = store_fail(s, "marking slips sent", err, errlen); goto out; }
    }
    rc = store_commit(s, err, errlen);
out:
    sqlite3_finalize(fb);
    sqlite3_finalize(sl);
    if (rc) store_rollback(s);
    return rc;
}

int sync_build_batch(store *s, int n, int with_slips, json_t **out, int *invalid, char *err, size_t errlen)
{
    int more;
    return build_batch(s, n, with_slips, out, &more, invalid, err, errlen);
}

static int is_replay(const sync_http_resp *r)
{
    json_t *j = json_loadb(r->body, r->len, 0, NULL);
    const char *code = json_string_value(json_object_get(json_object_get(j, "error"), "code"));
    int replay = code && strcmp(code, "replayed") == 0 && json_is_array(json_object_get(j, "acked"));
    json_decref(j);
    return replay;
}

static int push(sync_agent_cfg *cfg, store *s, sync_result *res, char *err, size_t errlen)
{
    for (int b = 0; b < cfg->max_batches; b++) {
        json_t *batch = NULL;
        int more;
        int rc = build_batch(s, cfg->batch_size, b == 0, &batch, &more, &res->invalid, err, errlen);
        if (rc) return rc;
        size_t nrec = json_array_size(json_object_get(batch, "records")), nslip = json_array_size(json_object_get(batch, "slips"));
        if (!nrec && !nslip) { json_decref(batch); return MJ_OK; }
        char *js = json_dumps(batch, JSON_COMPACT);
        sync_http_resp r;
        rc = sync_http_request(&cfg->http, "POST", PROTO_PREFIX "/feedback", js, strlen(js), NULL, &r, err, errlen);
        free(js);
        if (rc) { json_decref(batch); return rc; }
        /* 409 "replayed": every record was already at the hub; the answer still acknowledges them. */
        if (r.status == 409 && is_replay(&r)) r.status = 200;
        if (r.status != 200 && set_aside_refused(s, &r, batch)) {
            res->invalid++;
            sync_http_resp_free(&r);
            json_decref(batch);
            continue;   /* the rest of the batch goes again (bounded by max_batches) */
        }
        if (r.status != 200) {
            rc = http_fail(&r, "upload", res, err, errlen);
            sync_http_resp_free(&r);
            json_decref(batch);
            return rc;
        }
        json_t *ack = json_loadb(r.body, r.len, 0, NULL);
        sync_http_resp_free(&r);
        if (!json_is_object(ack)) {
            json_decref(batch);
            json_decref(ack);
            return mj_err(err, errlen, MJ_EIO, "upload: the hub's answer is not JSON; nothing marked sent");
        }
        int marked;
        rc = mark_acked(s, batch, ack, &marked, err, errlen);
        /* A count from the hub is bounded by what was sent (no overflow on a huge or negative one). */
        json_int_t dups = json_integer_value(json_object_get(ack, "duplicates"));
        if (dups > 0 && dups <= (json_int_t)nrec) res->duplicates += (int)dups;
        json_decref(ack);
        if (rc) { json_decref(batch); return rc; }
        res->uploaded += marked;
        res->slips += (int)nslip;
        res->batches++;
        json_decref(batch);
        if ((size_t)marked < nrec) return mj_err(err, errlen, MJ_EIO, "upload: the hub acknowledged %d of %zu records", marked, nrec);
        if (nrec < (size_t)cfg->batch_size && !more) return MJ_OK;
    }
    return MJ_OK;
}

static int pull(sync_agent_cfg *cfg, store *s, sync_result *res, char *err, size_t errlen)
{
    char *etag = sync_state_get(s, SYNC_BUNDLE_ETAG);
    sync_http_resp r;
    int rc = sync_http_request(&cfg->http, "GET", PROTO_PREFIX "/bundle", NULL, 0, etag, &r, err, errlen);
    free(etag);
    if (rc) return rc;
    if (r.status == 304 || r.status == 404) {   /* unchanged, or nothing published yet */
        sync_http_resp_free(&r);
        return MJ_OK;
    }
    if (r.status != 200) { rc = http_fail(&r, "bundle", res, err, errlen); sync_http_resp_free(&r); return rc; }
    char cv[65] = "", e2[MJ_ERRLEN] = "", sum[256] = "", sha[65];
    /* A bundle this kiosk already refused (by its bytes, so a hub without ETags or with a new
     * ETag for the same bytes does not make it try again every cycle). */
    bundle_sha256_hex(r.body, r.len, sha);
    char *refused = sync_state_get(s, SYNC_BUNDLE_REFUSED_SHA256);
    int again = refused && strcmp(refused, sha) == 0;
    free(refused);
    if (again) {
        sync_state_write(s, SYNC_BUNDLE_ETAG, r.etag[0] ? r.etag : NULL);
        sync_http_resp_free(&r);
        return MJ_OK;
    }
    rc = content_apply(s, r.body, r.len, cv, sum, sizeof sum, e2, sizeof e2);
    if (rc == MJ_OK) {
        res->bundle_applied = 1;
        snprintf(res->bundle_msg, sizeof res->bundle_msg, "%s", sum[0] ? sum : cv);
        sync_state_write(s, SYNC_BUNDLE_ETAG, r.etag[0] ? r.etag : NULL);
        sync_state_write(s, SYNC_CONTENT_ERROR, NULL);
        sync_state_write(s, SYNC_BUNDLE_REFUSED_SHA256, NULL);
    } else if (rc != MJ_EBUSY && rc != MJ_EFULL && rc != MJ_ENOMEM && rc != MJ_EIO) {
        /* A bad bundle (or one the importer could not store): keep the old content, remember
         * this ETag and these bytes so it is not fetched and applied again, and report the
         * reason (log, heartbeat, staff screen); the cycle goes on to its heartbeat. */
        res->bundle_rejected = 1;
        snprintf(res->bundle_msg, sizeof res->bundle_msg, "bundle rejected, old content kept: %s", e2);
        mj_utf8_trim(res->bundle_msg);
        sync_state_write(s, SYNC_BUNDLE_ETAG, r.etag[0] ? r.etag : NULL);
        sync_state_write(s, SYNC_BUNDLE_REFUSED_SHA256, sha);
        sync_state_write(s, SYNC_CONTENT_ERROR, e2);
        rc = MJ_OK;
    } else {
        rc = mj_err(err, errlen, rc, "bundle: %s", e2);   /* busy or disk full: try again later */
    }
    sync_http_resp_free(&r);
    return rc;
}

static int heartbeat(sync_agent_cfg *cfg, store *s, const char *store_dir, sync_result *res, char *err, size_t errlen)
{
    struct sysinfo si;
    struct statvfs vfs;
    char *cv = store_meta_get(s, "content_version"), *printer = sync_state_get(s, SYNC_PRINTER_STATUS);
    char *cerr = sync_state_get(s, SYNC_CONTENT_ERROR), oldest[40] = "";
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(store_db(s), "SELECT min(created) FROM feedback WHERE sent_at IS NULL", -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
            snprintf(oldest, sizeof oldest, "%s", (const char *)sqlite3_column_text(st, 0));
        sqlite3_finalize(st);
    }
    json_t *hb = json_pack("{s:s,s:I,s:I,s:s,s:I}", "software_version", MAJAKKA_VERSION,
                           "uptime_s", (json_int_t)(sysinfo(&si) == 0 ? si.uptime : 0),
                           "outbox_length", (json_int_t)sync_outbox_length(s),
                           "printer_status", printer && *printer ? printer : "unknown",
                           "free_disk_bytes", (json_int_t)(statvfs(store_dir, &vfs) == 0 ? (long long)vfs.f_bavail * (long long)vfs.f_frsize : 0));
    if (cv && *cv && strlen(cv) <= 64) json_object_set_new(hb, "content_version", json_string(cv));
    if (oldest[0] && proto_is_datetime(oldest)) json_object_set_new(hb, "oldest_unsent", json_string(oldest));
    if (cerr && *cerr) {
        char c[501];
        mj_strlcpy_utf8(c, cerr, sizeof c);   /* cut on a character boundary, or JSON refuses it */
        json_t *v = json_string(c);
        if (v) json_object_set_new(hb, "content_error", v);
    }
    free(cv); free(printer); free(cerr);
    char *js = json_dumps(hb, JSON_COMPACT);
    json_decref(hb);
    sync_http_resp r;
    int rc = sync_http_request(&cfg->http, "POST", PROTO_PREFIX "/heartbeat", js, strlen(js), NULL, &r, err, errlen);
    free(js);
    if (rc) return rc;
    if (r.status != 200) rc = http_fail(&r, "heartbeat", res, err, errlen);
    sync_http_resp_free(&r);
    return rc;
}

/* Records set aside (refused by the hub, or failing the agent's own check) are not given up:
 * after a back-off that doubles from an hour to a week they go back into the outbox, so a hub
 * (or agent) upgrade that accepts them gets them; if they are refused again they are set aside
 * again. The schedule lives in sync_state (retry_set_aside_at: epoch seconds, _n: the step). */
#define RETRY_FIRST_S 3600L
#define RETRY_MAX_S (7 * 86400L)
static void retry_set_aside(store *s)
{
    char *at = sync_state_get(s, SYNC_RETRY_SET_ASIDE_AT), *ns = sync_state_get(s, SYNC_RETRY_SET_ASIDE_N), buf[32];
    long long when = at ? atoll(at) : 0;
    int n = ns ? atoi(ns) : 0;
    free(at);
    free(ns);
    time_t now = time(NULL);
    sqlite3_stmt *st;
    int aside = 0;
    if (sqlite3_prepare_v2(store_db(s), "SELECT count(*) FROM feedback WHERE sent_at IN ('refused', 'invalid')", -1, &st,
                           NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW) aside = sqlite3_column_int(st, 0);
        sqlite3_finalize(st);
    }
    if (!aside) {
        if (n) { sync_state_write(s, SYNC_RETRY_SET_ASIDE_N, NULL); sync_state_write(s, SYNC_RETRY_SET_ASIDE_AT, NULL); }
        return;
    }
    if (!when) {     /* first time seen: schedule the first retry */
        snprintf(buf, sizeof buf, "%lld", (long long)now + RETRY_FIRST_S);
        sync_state_write(s, SYNC_RETRY_SET_ASIDE_AT, buf);
        return;
    }
    if (now < when) return;
    if (sqlite3_prepare_v2(store_db(s), "UPDATE feedback SET sent_at = NULL WHERE sent_at IN ('refused', 'invalid')", -1, &st,
                           NULL) == SQLITE_OK) {
        sqlite3_step(st);
        sqlite3_finalize(st);
        fprintf(stderr, "majakka-sync: %d set-aside record(s) go to the hub again (retry %d)\n", aside, n + 1);
    }
    long delay = RETRY_FIRST_S << (n < 8 ? n + 1 : 8);
    if (delay > RETRY_MAX_S) delay = RETRY_MAX_S;
    snprintf(buf, sizeof buf, "%lld", (long long)now + delay);
    sync_state_write(s, SYNC_RETRY_SET_ASIDE_AT, buf);
    snprintf(buf, sizeof buf, "%d", n + 1);
    sync_state_write(s, SYNC_RETRY_SET_ASIDE_N, buf);
}

int sync_cycle(sync_agent_cfg *cfg, store *s, sync_result *res, char *err, size_t errlen)
{
    char token[65], now[32], dir[1024];
    memset(res, 0, sizeof *res);
    res->retry_after_s = -1;
    int rc = load_token(cfg, token, err, errlen);
    if (rc) return rc;
    cfg->http.token = token;
    const char *path = sqlite3_db_filename(store_db(s), "main");
    snprintf(dir, sizeof dir, "%s", path && *path ? path : ".");
    char *slash = strrchr(dir, '/');
    if (slash) *slash = 0; else snprintf(dir, sizeof dir, ".");
    now_utc(now);
    sync_state_write(s, SYNC_LAST_ATTEMPT, now);
    /* one connection for the whole cycle: a handshake per cycle, not per request */
    sync_http_conn *conn = sync_http_conn_new();
    cfg->http.conn = conn;
    /* Feedback first: it is what must never be lost; then content; the heartbeat last, so it
     * reports the outbox after this cycle. */
    retry_set_aside(s);
    rc = push(cfg, s, res, err, errlen);
    /* The staff screen shows when the outbox last reached the hub (core/feedback.h). */
    if (!rc) sync_state_write(s, SYNC_LAST_UPLOAD, now);
    if (!rc) rc = pull(cfg, s, res, err, errlen);
    if (!rc) rc = heartbeat(cfg, s, dir, res, err, errlen);
    cfg->http.token = NULL;
    cfg->http.conn = NULL;
    sync_http_conn_free(conn);
    memset(token, 0, sizeof token);
    if (!rc) {
        sync_state_write(s, SYNC_LAST_SUCCESS, now);
        sync_state_write(s, SYNC_LAST_ERROR, NULL);
    } else {
        sync_state_write(s, SYNC_LAST_ERROR, err);
    }
    return rc;
}
