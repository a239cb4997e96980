/* hub_http.c - see hub_http.h. */
#include "hub_http.h"
#include "hub_api.h"
#include "hub_tls.h"
#include "protocol.h"
#include "util.h"
#include <arpa/inet.h>
#include <microhttpd.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

/* Test-mode faults, applied to the next `count` kiosk requests. */
enum fault { F_NONE, F_500, F_503, F_STALL, F_TRUNCATE, F_BADJSON, F_BADBUNDLE };

struct hub_server {
    struct MHD_Daemon *d;
    hub_store *hs;
    hub_server_cfg cfg;
    char *cert, *key;
    pthread_mutex_t fault_mu;
    enum fault fault;
    int fault_count, fault_retry_after, fault_stall_s;
};

typedef struct conn_state {
    char *body;
    size_t len, cap, limit;
    int too_big;
} conn_state;

static void completed(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode toe)
{
    (void)cls; (void)c; (void)toe;
    conn_state *cs = *con_cls;
    if (cs) { free(cs->body); free(cs); }
    *con_cls = NULL;
}

static const char *query(void *qctx, const char *name)
{
    return MHD_lookup_connection_value(qctx, MHD_GET_ARGUMENT_KIND, name);
}

static enum fault take_fault(hub_server *srv, const char *url, int *retry_after, int *stall_s)
{
    enum fault f = F_NONE;
    if (!srv->cfg.test_mode || strncmp(url, PROTO_PREFIX "/", strlen(PROTO_PREFIX) + 1) != 0) return F_NONE;
    const char *r = url + strlen(PROTO_PREFIX);
    if (strcmp(r, "/feedback") && strcmp(r, "/bundle") && strcmp(r, "/heartbeat") && strcmp(r, "/enroll")) return F_NONE;
    pthread_mutex_lock(&srv->fault_mu);
    if (srv->fault != F_NONE && srv->fault_count > 0) {
        f = srv->fault;
        *retry_after = srv->fault_retry_after;
        *stall_s = srv->fault_stall_s;
        if (--srv->fault_count == 0) srv->fault = F_NONE;
    }
    pthread_mutex_unlock(&srv->fault_mu);
    return f;
}

static void set_fault(hub_server *srv, const char *body, size_t len, hub_resp *rs)
{
    static const char *const names[] = {"none", "500", "503", "stall", "truncate", "badjson", "badbundle"};
    char err[MJ_ERRLEN];
    json_t *j;
    memset(rs, 0, sizeof *rs);
    if (proto_parse_object(body, len, &j, err, sizeof err)) { hub_resp_error(rs, 400, "bad_request", err); return; }
    const char *mode = json_string_value(json_object_get(j, "mode"));
    int f = -1;
    for (int i = 0; mode && i < 7; i++) if (strcmp(mode, names[i]) == 0) f = i;
    if (f < 0) { json_decref(j); hub_resp_error(rs, 400, "bad_request", "mode: none 500 503 stall truncate badjson badbundle"); return; }
    pthread_mutex_lock(&srv->fault_mu);
    srv->fault = (enum fault)f;
    srv->fault_count = json_is_integer(json_object_get(j, "count")) ? (int)json_integer_value(json_object_get(j, "count")) : 1;
    srv->fault_retry_after = (int)json_integer_value(json_object_get(j, "retry_after"));
    srv->fault_stall_s = json_is_integer(json_object_get(j, "stall_s")) ? (int)json_integer_value(json_object_get(j, "stall_s")) : 5;
    if (srv->fault_stall_s > 30) srv->fault_stall_s = 30;
    pthread_mutex_unlock(&srv->fault_mu);
    json_decref(j);
    hub_resp_json(rs, 200, json_pack("{s:s}", "mode", names[f]));
}

/* A reader that sends the first half of the body and then breaks the connection. */
typedef struct trunc_ctx { char *body; size_t len; } trunc_ctx;
static ssize_t trunc_read(void *cls, uint64_t pos, char *buf, size_t max)
{
    trunc_ctx *t = cls;
    size_t half = t->len / 2;
    if (pos >= half) return MHD_CONTENT_READER_END_WITH_ERROR;
    size_t n = half - (size_t)pos < max ? half - (size_t)pos : max;
    memcpy(buf, t->body + pos, n);
    return (ssize_t)n;
}
static void trunc_free(void *cls)
{
    trunc_ctx *t = cls;
    free(t->body);
    free(t);
}

static enum MHD_Result send_resp(hub_server *srv, struct MHD_Connection *c, const char *method, const char *url,
                                 hub_resp *rs, enum fault f, double t0)
{
    struct MHD_Response *r;
    if (f == F_TRUNCATE && rs->len > 1) {
        trunc_ctx *t = malloc(sizeof *t);
        if (!t) return MHD_NO;
        t->body = rs->body;
        t->len = rs->len;
        rs->body = NULL;
        r = MHD_create_response_from_callback(t->len, 4096, trunc_read, t, trunc_free);
    } else {
        r = MHD_create_response_from_buffer(rs->len, rs->body, MHD_RESPMEM_MUST_FREE);
        if (r) rs->body = NULL;
    }
    if (!r) { hub_resp_free(rs); return MHD_NO; }
    if (rs->content_type) MHD_add_response_header(r, "Content-Type", rs->content_type);
    if (rs->etag[0]) MHD_add_response_header(r, "ETag", rs->etag);
    if (rs->gzip) MHD_add_response_header(r, "Content-Encoding", "gzip");
    if (strncmp(url, PROTO_PREFIX "/bundle", strlen(PROTO_PREFIX) + 7) == 0) MHD_add_response_header(r, "Vary", "Accept-Encoding");
    if (rs->retry_after_s > 0) {
        char ra[24];
        snprintf(ra, sizeof ra, "%ld", rs->retry_after_s);
        MHD_add_response_header(r, "Retry-After", ra);
    }
    if (rs->set_cookie[0]) MHD_add_response_header(r, "Set-Cookie", rs->set_cookie);
    if (rs->content_disposition) MHD_add_response_header(r, "Content-Disposition", rs->content_disposition);
    if (rs->status == 401 && strncmp(url, PROTO_PREFIX, strlen(PROTO_PREFIX)) == 0)
        MHD_add_response_header(r, "WWW-Authenticate", "Bearer realm=\"majakka\"");
    if (rs->status == 303) MHD_add_response_header(r, "Location", rs->location[0] ? rs->location : "/dashboard");
    MHD_add_response_header(r, "Cache-Control", "no-store");
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Strict-Transport-Security", "max-age=31536000");
    if (rs->content_type && strncmp(rs->content_type, "text/html", 9) == 0) {
        MHD_add_response_header(r, "Content-Security-Policy",
                                "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; frame-ancestors 'none'");
        MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    }
    enum MHD_Result ok = MHD_queue_response(c, (unsigned)rs->status, r);
    MHD_destroy_response(r);
    if (!srv->cfg.quiet) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        fprintf(stderr, "hub: %s %s -> %d (%.0f ms)%s\n", method, url, rs->status,
                (ts.tv_sec + ts.tv_nsec / 1e9 - t0) * 1000, f ? " [test fault]" : "");
    }
    return ok;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                                  const char *version, const char *upload_data, size_t *upload_data_size, void **con_cls)
{
    (void)version;
    hub_server *srv = cls;
    conn_state *cs = *con_cls;
    hub_resp rs;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    double t0 = ts.tv_sec + ts.tv_nsec / 1e9;
    if (!cs) {
        cs = calloc(1, sizeof *cs);
        if (!cs) return MHD_NO;
        *con_cls = cs;
        cs->limit = hub_api_body_limit(method, url);
        hub_req pre = {.method = method, .path = url,
                       .authorization = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization")};
        if (!hub_api_preauth(srv->hs, &pre, &rs)) return send_resp(srv, c, method, url, &rs, F_NONE, t0);
        const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
        if (cl && strtoull(cl, NULL, 10) > cs->limit) {
            /* Refuse before reading: MHD closes the connection after this response. */
            hub_req rq = {.method = method, .path = url, .body_too_large = 1};
            hub_api_handle(srv->hs, &rq, &rs);
            return send_resp(srv, c, method, url, &rs, F_NONE, t0);
        }
        return MHD_YES;
    }
    if (*upload_data_size) {
        size_t n = *upload_data_size;
        if (!cs->too_big && cs->len + n > cs->limit) {
            cs->too_big = 1;
            free(cs->body);
            cs->body = NULL;
            cs->len = cs->cap = 0;
        }
        if (!cs->too_big) {
            if (cs->len + n + 1 > cs->cap) {
                size_t cap = cs->cap ? cs->cap : 16384;
                while (cap < cs->len + n + 1) cap *= 2;
                char *nb = realloc(cs->body, cap);
                if (!nb) return MHD_NO;
                cs->body = nb;
                cs->cap = cap;
            }
            memcpy(cs->body + cs->len, upload_data, n);
            cs->len += n;
        }
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (srv->cfg.test_mode && strcmp(url, "/test/fault") == 0 && strcmp(method, "POST") == 0) {
        set_fault(srv, cs->body, cs->len, &rs);
        return send_resp(srv, c, method, url, &rs, F_NONE, t0);
    }
    int retry_after = 0, stall_s = 0;
    enum fault f = take_fault(srv, url, &retry_after, &stall_s);
    if (f == F_500) {
        memset(&rs, 0, sizeof rs);
        hub_resp_error(&rs, 500, "internal", "test fault: internal server error");
        return send_resp(srv, c, method, url, &rs, f, t0);
    }
    if (f == F_503) {
        memset(&rs, 0, sizeof rs);
        hub_resp_error(&rs, 503, "unavailable", "test fault: service unavailable");
        rs.retry_after_s = retry_after;
        return send_resp(srv, c, method, url, &rs, f, t0);
    }
    if (f == F_STALL) sleep((unsigned)stall_s);
    const char *ae = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Accept-Encoding");
    hub_req rq = {
        .method = method, .path = url,
        .authorization = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization"),
        .if_none_match = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "If-None-Match"),
        .cookie_token = MHD_lookup_connection_value(c, MHD_COOKIE_KIND, "mj_coord"),
        .accept_gzip = ae && strstr(ae, "gzip") && !strstr(ae, "gzip;q=0"),
        .body = cs->body, .len = cs->len, .body_too_large = cs->too_big,
        .query = query, .qctx = c,
    };
    if (f == F_BADBUNDLE) rq.accept_gzip = 0;
    hub_api_handle(srv->hs, &rq, &rs);
    if (f == F_BADJSON) {
        hub_resp_free(&rs);
        memset(&rs, 0, sizeof rs);
        hub_resp_take(&rs, 200, "application/json", strdup("{\"acked\": [tru"), 14);
    } else if (f == F_BADBUNDLE && rs.status == 200 && rs.body) {
        /* Same JSON with a wrong content hash: valid syntax, must fail the kiosk's validator. */
        char *p = strstr(rs.body, "\"sha256\"");
        p = p ? strchr(p + 8, '"') : NULL;
        if (p && (size_t)(p + 1 - rs.body) + 64 <= rs.len) memset(p + 1, '0', 64);
        snprintf(rs.etag, sizeof rs.etag, "\"bad-%ld\"", (long)time(NULL));
    }
    return send_resp(srv, c, method, url, &rs, f, t0);
}

int hub_server_start(hub_store *hs, const hub_server_cfg *cfg, hub_server **out, char *err, size_t errlen)
{
    hub_server *srv = calloc(1, sizeof *srv);
    struct sockaddr_in sa;
    int rc;
    if (!srv) return mj_err(err, errlen, MJ_ENOMEM, "out of memory");
    srv->hs = hs;
    srv->cfg = *cfg;
    pthread_mutex_init(&srv->fault_mu, NULL);
    if ((rc = mj_read_file(cfg->cert_file, 1 << 20, &srv->cert, NULL, err, errlen)) ||
        (rc = mj_read_file(cfg->key_file, 1 << 20, &srv->key, NULL, err, errlen))) {
        hub_server_stop(srv);
        return rc;
    }
    if ((rc = hub_tls_init(cfg->ticket_key_file, err, errlen))) { hub_server_stop(srv); return rc; }
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)cfg->port);
    if (inet_pton(AF_INET, cfg->address, &sa.sin_addr) != 1) {
        hub_server_stop(srv);
        return mj_err(err, errlen, MJ_EINVAL, "\"%s\" is not an IPv4 address", cfg->address);
    }
    srv->d = MHD_start_daemon(MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_TLS |
                              MHD_USE_ERROR_LOG, 0, NULL, NULL, on_request, srv,
                              MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
                              MHD_OPTION_HTTPS_MEM_CERT, srv->cert,
                              MHD_OPTION_HTTPS_MEM_KEY, srv->key,
                              MHD_OPTION_HTTPS_PRIORITIES, "NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2",
                              MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)30,
                              MHD_OPTION_CONNECTION_LIMIT, (unsigned int)64,
                              MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned int)16,
                              MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
                              MHD_OPTION_NOTIFY_COMPLETED, completed, srv,
                              MHD_OPTION_NOTIFY_CONNECTION, hub_tls_on_connection, NULL,
                              MHD_OPTION_END);
    if (!srv->d) {
        hub_server_stop(srv);
        return mj_err(err, errlen, MJ_EIO, "cannot start the HTTPS server on %s:%d (port in use, or bad certificate/key)",
                      cfg->address, cfg->port);
    }
    *out = srv;
    return MJ_OK;
}

int hub_server_port(hub_server *srv)
{
    const union MHD_DaemonInfo *i = MHD_get_daemon_info(srv->d, MHD_DAEMON_INFO_BIND_PORT);
    return i ? (int)i->port : -1;
}

void hub_server_stop(hub_server *srv)
{
    if (!srv) return;
    if (srv->d) MHD_stop_daemon(srv->d);
    hub_tls_done();
    if (srv->key) { memset(srv->key, 0, strlen(srv->key)); free(srv->key); }
    free(srv->cert);
    pthread_mutex_destroy(&srv->fault_mu);
    free(srv);
}
