/* hub_api.c - see hub_api.h. Kiosk routes (enroll, bundle, feedback, heartbeat) and the
 * coordinator's JSON and CSV routes; the dashboard's HTML lives in hub_dashboard.c. */
#include "hub_api.h"
#include "content.h"
#include "hub_account.h"
#include "hub_dashboard.h"
#include "hub_rpt_web.h"
#include "hub_fleet.h"
#include "hub_edit.h"
#include "hub_web.h"
#include "hub_import_web.h"
#include "hub_preview.h"
#include "hub_report.h"
#include "protocol.h"
#include "util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

size_t hub_api_body_limit(const char *method, const char *path)
{
    if (strcmp(method, "PUT") == 0 && strncmp(path, PROTO_PREFIX "/sites/", strlen(PROTO_PREFIX "/sites/")) == 0)
        return PROTO_MAX_PUBLISH_BODY;
    if (hub_import_web_path(method, path)) return HUB_IMPORT_WEB_MAX_BODY;   /* an upload to the import page */
    return PROTO_MAX_BODY;
}

static int kiosk_auth(hub_store *hs, const hub_req *rq, hub_resp *rs, hub_kiosk *k)
{
    const char *t = hub_req_bearer(rq);
    if (!t) { hub_resp_error(rs, 401, "no_token", "an Authorization: Bearer token is required"); return 0; }
    if (hub_kiosk_auth(hs, t, k)) { hub_resp_error(rs, 401, "bad_token", "the token is unknown or has been revoked"); return 0; }
    return 1;
}

int hub_api_preauth(hub_store *hs, const hub_req *rq, hub_resp *rs)
{
    const char *p = rq->path;
    size_t pl = strlen(PROTO_PREFIX);
    hub_kiosk k;
    memset(rs, 0, sizeof *rs);
    if ((strcmp(rq->method, "POST") && strcmp(rq->method, "PUT")) || strncmp(p, PROTO_PREFIX "/", pl + 1) != 0 ||
        strcmp(p + pl, "/enroll") == 0)
        return 1;
    hub_store_lock(hs);
    int ok;
    if (strncmp(p + pl, "/sites/", 7) == 0 || strncmp(p + pl, "/kiosks/", 8) == 0) {
        /* A coordinator's token or session (which site and CSRF are checked with the body). */
        hub_ctx c;
        hub_resp tmp = {0};
        ok = hub_web_begin(hs, rq, &tmp, &c) == 0;
        hub_resp_free(&tmp);
    } else {
        ok = hub_req_bearer(rq) && hub_kiosk_auth(hs, hub_req_bearer(rq), &k) == MJ_OK;
    }
    hub_store_unlock(hs);
    if (!ok) hub_resp_error(rs, 401, "bad_token", "a valid token is required before the body is sent");
    return ok;
}

static json_t *parse_body(const hub_req *rq, hub_resp *rs)
{
    char err[MJ_ERRLEN];
    json_t *j;
    if (proto_parse_object(rq->body, rq->len, &j, err, sizeof err)) {
        hub_resp_error(rs, 400, "bad_request", err);
        return NULL;
    }
    return j;
}

/* Guessing codes is limited per client address, so one guesser cannot lock anyone else out:
 * ENROLL_FREE_FAILS failures are free, then every further failure shuts the address out for a
 * time that doubles each time (2 s, 4 s, 8 s ... at most an hour); an address that has not failed
 * for an hour starts again. Codes have 60 bits and expire, so this makes guessing hopeless while a
 * kiosk mistyping a code never waits long. The counts are the database's (hub_penalty_*), so
 * every hub process on it sees the same shut-out. */
#define ENROLL_FREE_FAILS 5
#define ENROLL_MAX_BLOCK_S 3600

static void enroll_penalty_name(const hub_req *rq, char *out, size_t cap)
{
    snprintf(out, cap, "enroll:%.64s", rq->client_addr ? rq->client_addr : "");
}

static void route_enroll(hub_store *hs, const hub_req *rq, hub_resp *rs)
{
    char err[MJ_ERRLEN], token[65];
    hub_kiosk k;
    char pname[80];
    long retry;
    enroll_penalty_name(rq, pname, sizeof pname);
    if (hub_penalty_active(hs, pname, &retry)) {
        hub_resp_error(rs, 429, "too_many", "too many failed enrollments from this address; wait and try again");
        rs->retry_after_s = retry;
        return;
    }
    json_t *j = parse_body(rq, rs);
    if (!j) return;
    json_t *code = json_object_get(j, "code");
    if (!json_is_string(code)) { json_decref(j); hub_resp_error(rs, 400, "bad_request", "code: missing or not a string"); return; }
    int rc = hub_enroll_redeem(hs, json_string_value(code), &k, token, err, sizeof err);
    json_decref(j);
    if (rc == MJ_EINVAL || rc == MJ_ENOTFOUND) {
        hub_penalty_fail(hs, pname, ENROLL_FREE_FAILS, ENROLL_MAX_BLOCK_S);
        hub_resp_error(rs, 403, "enroll_refused", err);
        return;
    }
    if (rc) { hub_resp_error(rs, 503, "store", err); rs->retry_after_s = 5; return; }
    hub_audit_add(hs, "kiosk", rq->client_addr ? rq->client_addr : "", "kiosk.enroll", k.id, k.site);
    hub_resp_json(rs, 200, json_pack("{s:s,s:s,s:s,s:s,s:i}", "kiosk_id", k.id, "site", k.site, "name", k.name,
                                     "token", token, "protocol", PROTO_VERSION));
}

static void route_bundle(hub_store *hs, const hub_req *rq, hub_resp *rs)
{
    char err[MJ_ERRLEN];
    hub_kiosk k;
    char *data;
    size_t len;
    if (!kiosk_auth(hs, rq, rs, &k)) return;
    /* If-None-Match may list several tags, or "*": the store compares and then skips the bytes. */
    int rc = hub_bundle_get(hs, k.site, rq->accept_gzip, rq->if_none_match, &data, &len, rs->etag, err, sizeof err);
    if (rc == MJ_ENOTFOUND) { hub_resp_error(rs, 404, "no_bundle", err); return; }
    if (rc) { hub_resp_error(rs, 503, "store", err); rs->retry_after_s = 5; return; }
    if (!data) {
        hub_resp_take(rs, 304, "application/json", NULL, 0);
        return;
    }
    rs->gzip = rq->accept_gzip;
    hub_resp_take(rs, 200, "application/json", data, len);
}

static void route_feedback(hub_store *hs, const hub_req *rq, hub_resp *rs)
{
    char err[MJ_ERRLEN], where[64];
    hub_kiosk k;
    hub_batch_result res;
    size_t i;
    json_t *r;
    int bad_record = -1;
    if (!kiosk_auth(hs, rq, rs, &k)) return;
    json_t *j = parse_body(rq, rs);
    if (!j) return;
    json_t *records = json_object_get(j, "records"), *slips = json_object_get(j, "slips");
    const char *key;
    json_t *v;
    json_object_foreach(j, key, v)
        if (strcmp(key, "records") && strcmp(key, "slips")) {
            snprintf(err, sizeof err, "unknown key \"%s\" (records and slips are expected)", key);
            goto bad;
        }
    if (!records) records = json_array();
    else json_incref(records);
    if (!slips) slips = json_array();
    else json_incref(slips);
    json_decref(j);
    j = NULL;
    if (!json_is_array(records) || !json_is_array(slips)) { snprintf(err, sizeof err, "records and slips must be arrays"); goto bad2; }
    if (json_array_size(records) > PROTO_MAX_BATCH || json_array_size(slips) > PROTO_MAX_SLIPS) {
        snprintf(err, sizeof err, "a batch holds at most %d records and %d slip counts", PROTO_MAX_BATCH, PROTO_MAX_SLIPS);
        goto bad2;
    }
    /* Validate everything before storing anything. */
    json_array_foreach(records, i, r) {
        char e2[400];
        if (proto_record_check(r, e2, sizeof e2)) {
            snprintf(where, sizeof where, "records[%zu]", i);
            snprintf(err, sizeof err, "%s: %s", where, e2);
            bad_record = (int)i;
            goto bad2;
        }
        for (size_t m = 0; m < i; m++)
            if (json_equal(json_object_get(json_array_get(records, m), "key"), json_object_get(r, "key"))) {
                snprintf(err, sizeof err, "records[%zu]: key repeats records[%zu]", i, m);
                bad_record = (int)i;
                goto bad2;
            }
    }
    json_array_foreach(slips, i, r) {
        char e2[400];
        if (proto_slip_check(r, e2, sizeof e2)) { snprintf(err, sizeof err, "slips[%zu]: %s", i, e2); goto bad2; }
    }
    /* Comments are masked before they are stored (core/mask.h), so the hub's database never holds
     * what an older or misbehaving kiosk let through. Masking is deterministic: a retried batch
     * still equals what was stored. */
    json_array_foreach(records, i, r) {
        const char *c = json_string_value(json_object_get(r, "comment"));
        char *m = c ? hub_mask_comment(c) : NULL;
        if (c && !m) { hub_resp_error(rs, 503, "internal", "out of memory"); goto done; }
        if (m) { json_object_set_new(r, "comment", json_string(m)); free(m); }
    }
    int rc = hub_batch_save(hs, &k, records, slips, &res, err, sizeof err);
    if (rc == MJ_EINVAL) { hub_resp_error_at(rs, 409, "conflict", err, res.conflict); goto done; }
    if (rc) { hub_resp_error(rs, 503, "store", err); rs->retry_after_s = 5; goto done; }
    json_t *acked = json_array();
    json_array_foreach(records, i, r) json_array_append(acked, json_object_get(r, "key"));
    json_t *sacked = json_array();
    json_array_foreach(slips, i, r)
        json_array_append_new(sacked, json_pack("{s:O,s:O,s:O}", "day", json_object_get(r, "day"), "service_id",
                                                json_object_get(r, "service_id"), "count", json_object_get(r, "count")));
    json_t *body = json_pack("{s:o,s:o,s:i,s:i}", "acked", acked, "slips_acked", sacked,
                             "stored", res.stored, "duplicates", res.duplicates);
    /* A batch whose every record is already stored (with the same content) is a replay: 409, and
     * nothing was counted again. The keys are still acknowledged, so that a kiosk whose first
     * answer got lost on the way can mark its records sent. */
    int replay = json_array_size(records) > 0 && res.stored == 0 && json_array_size(slips) == 0;
    if (replay && body)
        json_object_set_new(body, "error", json_pack("{s:s,s:s}", "code", "replayed", "message",
                            "every record of this batch is already stored; nothing was counted again"));
    hub_resp_json(rs, replay ? 409 : 200, body);
    goto done;
bad:
    json_decref(j);
    hub_resp_error(rs, 400, "bad_request", err);
    return;
bad2:
    hub_resp_error_at(rs, 400, "bad_request", err, bad_record);
done:
    json_decref(records);
    json_decref(slips);
}

static void route_heartbeat(hub_store *hs, const hub_req *rq, hub_resp *rs)
{
    char err[MJ_ERRLEN], now[32];
    hub_kiosk k;
    if (!kiosk_auth(hs, rq, rs, &k)) return;
    json_t *j = parse_body(rq, rs);
    if (!j) return;
    if (proto_heartbeat_check(j, err, sizeof err)) { json_decref(j); hub_resp_error(rs, 400, "bad_request", err); return; }
    int rc = hub_heartbeat_save(hs, &k, j, err, sizeof err);
    json_decref(j);
    if (rc) { hub_resp_error(rs, 503, "store", err); rs->retry_after_s = 5; return; }
    hub_now(now);
    hub_resp_json(rs, 200, json_pack("{s:s,s:s}", "kiosk_id", k.id, "server_time", now));
}

static void route_publish(hub_store *hs, const hub_ctx *c, const hub_req *rq, hub_resp *rs, const char *site)
{
    char err[MJ_ERRLEN], cv[65];
    if (!proto_is_id(site)) { hub_resp_error(rs, 400, "bad_request", "the site in the path is not an id"); return; }
    if (!rq->len || !mj_utf8_valid(rq->body, rq->len)) { hub_resp_error(rs, 400, "bad_request", "the bundle must be UTF-8 JSON"); return; }
    if (content_check(rq->body, rq->len, cv, err, sizeof err)) { hub_resp_error(rs, 422, "bad_bundle", err); return; }
    int rc = hub_bundle_put(hs, site, cv, rq->body, rq->len, rs->etag, err, sizeof err);
    if (rc) { hub_resp_error(rs, 503, "store", err); return; }
    hub_audit(hs, c, "publish", site, cv);
    hub_resp_json(rs, 200, json_pack("{s:s,s:s,s:s}", "site", site, "content_version", cv, "etag", rs->etag));
}

/* A coordinator creates a one-time enrollment code for a kiosk-to-be at a site. */
static void route_enroll_code(hub_store *hs, const hub_ctx *c, const hub_req *rq, hub_resp *rs, const char *site)
{
    char err[MJ_ERRLEN], code[16];
    if (!proto_is_id(site)) { hub_resp_error(rs, 400, "bad_request", "the site in the path is not an id"); return; }
    json_t *j = parse_body(rq, rs);
    if (!j) return;
    json_t *name = json_object_get(j, "name"), *ttl = json_object_get(j, "ttl_hours");
    long hours = json_is_integer(ttl) ? (long)json_integer_value(ttl) : 24;
    if (!json_is_string(name) || (ttl && !json_is_integer(ttl)) || hours < 1 || hours > 24 * 30) {
        json_decref(j);
        hub_resp_error(rs, 400, "bad_request", "name (a string) and optional ttl_hours (1-720) are expected");
        return;
    }
    int rc = hub_enroll_new(hs, site, json_string_value(name), hours * 3600, code, err, sizeof err);
    if (!rc) hub_audit(hs, c, "enroll.code", site, json_string_value(name));
    json_decref(j);
    if (rc == MJ_EINVAL) { hub_resp_error(rs, 400, "bad_request", err); return; }
    if (rc) { hub_resp_error(rs, 503, "store", err); return; }
    hub_resp_json(rs, 200, json_pack("{s:s,s:s,s:i}", "code", code, "site", site, "valid_hours", (int)hours));
}

/* A site coordinator sees only the kiosks of the sites given. */
static void kiosks_for(const hub_ctx *c, json_t *j)
{
    json_t *ks = json_object_get(j, "kiosks");
    for (size_t i = json_array_size(ks); i-- > 0;)
        if (!hub_web_can_site(c, json_string_value(json_object_get(json_array_get(ks, i), "site"))))
            json_array_remove(ks, i);
}

static int filter_from_query(const hub_ctx *c, const hub_req *rq, hub_filter *f, hub_resp *rs)
{
    memset(f, 0, sizeof *f);
    f->site = hub_req_query(rq, "site");
    f->from = hub_req_query(rq, "from");
    f->to = hub_req_query(rq, "to");
    const char *s = hub_req_query(rq, "suspect");
    if (f->site && !*f->site) f->site = NULL;
    if (f->from && !*f->from) f->from = NULL;
    if (f->to && !*f->to) f->to = NULL;
    if (f->site && !proto_is_id(f->site)) { hub_resp_error(rs, 400, "bad_request", "site: not an id"); return 0; }
    if ((f->from && !proto_is_date(f->from)) || (f->to && !proto_is_date(f->to))) {
        hub_resp_error(rs, 400, "bad_request", "from and to must be dates YYYY-MM-DD");
        return 0;
    }
    if (s && strcmp(s, "include") && strcmp(s, "exclude")) {
        hub_resp_error(rs, 400, "bad_request", "suspect: include or exclude");
        return 0;
    }
    f->include_suspect = !s || strcmp(s, "include") == 0;
    /* Every site's feedback at once is the admins'; a coordinator names one of theirs. */
    if (!f->site && c->role != HUB_ROLE_ADMIN) {
        hub_resp_error(rs, 403, "forbidden", "site=: name one of your sites");
        return 0;
    }
    return !f->site || hub_web_require_site(c, f->site, rs);
}

static void route_coord(hub_store *hs, const hub_ctx *c, const hub_req *rq, hub_resp *rs, const char *rest)
{
    char err[MJ_ERRLEN];
    hub_filter f;
    if (strcmp(rest, "/kiosks") == 0) {
        json_t *j;
        if (hub_report_kiosks(hs, 3600, &j, err, sizeof err)) hub_resp_error(rs, 500, "store", err);
        else { kiosks_for(c, j); hub_resp_json(rs, 200, j); }
    } else if (strcmp(rest, "/feedback/summary") == 0) {
        json_t *j;
        if (!filter_from_query(c, rq, &f, rs)) return;
        if (hub_report_summary(hs, &f, &j, err, sizeof err)) hub_resp_error(rs, 500, "store", err);
        else hub_resp_json(rs, 200, j);
    } else if (strcmp(rest, "/feedback.csv") == 0) {
        if (!filter_from_query(c, rq, &f, rs)) return;
        if (hub_csv_open(hs, &f, &rs->csv)) { hub_resp_error(rs, 503, "internal", "out of memory"); return; }
        hub_resp_take(rs, 200, "text/csv; charset=utf-8", NULL, 0);
        rs->content_disposition = "attachment; filename=\"majakka-feedback.csv\"";
    } else {
        hub_resp_error(rs, 404, "not_found", "no such route");
    }
}

static void handle_locked(hub_store *hs, const hub_req *rq, hub_resp *rs)
{
    const char *m = rq->method, *p = rq->path;
    size_t pl = strlen(PROTO_PREFIX);
    if (rq->body_too_large) {
        char msg[128];
        snprintf(msg, sizeof msg, "the body is larger than the limit of %zu bytes", hub_api_body_limit(m, p));
        hub_resp_error(rs, 413, "too_large", msg);
        return;
    }
    if (strcmp(p, "/healthz") == 0) { hub_resp_take(rs, 200, "text/plain", strdup("ok\n"), 3); return; }
    if (hub_account_route(hs, rq, rs)) return;
    if (hub_fleet_route(hs, rq, rs)) return;
    if (strncmp(p, "/edit/", 6) == 0) { hub_edit_handle(hs, rq, rs); return; }
    if (hub_rpt_web_route(hs, rq, rs)) return;
    if (strcmp(p, "/") == 0 || strcmp(p, "/dashboard") == 0 || strncmp(p, "/dashboard/", 11) == 0) {
        if (strcmp(m, "GET") && strcmp(m, "HEAD")) { hub_resp_error(rs, 405, "method", "only GET"); return; }
        hub_dashboard_handle(hs, rq, rs);
        return;
    }
    if (strncmp(p, PROTO_PREFIX, pl) != 0) { hub_resp_error(rs, 404, "not_found", "no such route"); return; }
    const char *rest = p + pl;
    int get = strcmp(m, "GET") == 0, post = strcmp(m, "POST") == 0, put = strcmp(m, "PUT") == 0;
    if (strcmp(rest, "/enroll") == 0) { if (post) route_enroll(hs, rq, rs); else goto method; return; }
    if (strcmp(rest, "/bundle") == 0) { if (get) route_bundle(hs, rq, rs); else goto method; return; }
    if (strcmp(rest, "/feedback") == 0) { if (post) route_feedback(hs, rq, rs); else goto method; return; }
    if (strcmp(rest, "/heartbeat") == 0) { if (post) route_heartbeat(hs, rq, rs); else goto method; return; }
    /* Coordinator routes. */
    if (strncmp(rest, "/sites/", 7) == 0 || strncmp(rest, "/kiosks", 7) == 0 || strncmp(rest, "/feedback", 9) == 0) {
        hub_ctx c;
        if (hub_web_begin(hs, rq, rs, &c)) return;
        if (strncmp(rest, "/sites/", 7) == 0 || strncmp(rest, "/kiosks/", 8) == 0) {
            /* /sites/SITE/bundle (PUT), /sites/SITE/enroll-codes (POST), /kiosks/ID/revoke (POST) */
            int kiosks = rest[1] == 'k';
            char id[80];
            const char *s = rest + (kiosks ? 8 : 7), *slash = strchr(s, '/');
            if (!slash || (size_t)(slash - s) >= sizeof id) { hub_resp_error(rs, 404, "not_found", "no such route"); return; }
            snprintf(id, sizeof id, "%.*s", (int)(slash - s), s);
            /* Which site the route is about: the path's, or the kiosk's. Another site's: 403. */
            char site[65];
            if (kiosks) {
                if (hub_kiosk_site(hs, id, site) != MJ_OK) { hub_resp_error(rs, 404, "not_found", "no such kiosk"); return; }
            } else {
                snprintf(site, sizeof site, "%.64s", id);
            }
            if (!hub_web_require_site(&c, site, rs)) return;
            if (!kiosks && strcmp(slash, "/bundle") == 0) {
                if (!put) goto method;
                if (!hub_web_post_ok(&c, rq, rs)) return;
                route_publish(hs, &c, rq, rs, id);
            } else if (!kiosks && strcmp(slash, "/enroll-codes") == 0) {
                if (!post) goto method;
                if (!hub_web_post_ok(&c, rq, rs)) return;
                route_enroll_code(hs, &c, rq, rs, id);
            } else if (kiosks && strcmp(slash, "/revoke") == 0) {
                if (!post) goto method;
                if (!hub_web_post_ok(&c, rq, rs)) return;
                char err[MJ_ERRLEN];
                int rc = hub_kiosk_revoke(hs, id, err, sizeof err);
                if (rc == MJ_ENOTFOUND) hub_resp_error(rs, 404, "not_found", err);
                else if (rc) hub_resp_error(rs, 503, "store", err);
                else {
                    hub_audit(hs, &c, "kiosk.revoke", id, site);
                    hub_resp_json(rs, 200, json_pack("{s:s,s:b}", "kiosk_id", id, "revoked", 1));
                }
            } else {
                hub_resp_error(rs, 404, "not_found", "no such route");
            }
            return;
        }
        if (!get) goto method;
        route_coord(hs, &c, rq, rs, rest);
        return;
    }
    hub_resp_error(rs, 404, "not_found", "no such route");
    return;
method:
    hub_resp_error(rs, 405, "method", "this method is not allowed on this route");
}

void hub_api_handle(hub_store *hs, const hub_req *rq, hub_resp *rs)
{
    memset(rs, 0, sizeof *rs);
    /* previews take a while to draw: they hold the store lock only to read */
    if (hub_preview_route(hs, rq, rs)) return;
    hub_store_lock(hs);
    handle_locked(hs, rq, rs);
    hub_store_unlock(hs);
}
