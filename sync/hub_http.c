/* hub_http.c - see hub_http.h. */
#include "hub_http.h"
#include "hub_api.h"
#include "hub_report.h"
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
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* Absolute deadlines, counted from the moment the connection is accepted (or the previous
 * request on it finished): the TLS handshake and the request headers, then the body, then
 * sending the reply. The idle timeout alone lets a client that sends a byte now and then hold
 * a slot for ever; these do not. */
#define HUB_HEADER_DEADLINE_S (srv->cfg.header_deadline_s)
#define HUB_BODY_DEADLINE_S (srv->cfg.body_deadline_s)
#define HUB_REPLY_DEADLINE_S (srv->cfg.reply_deadline_s)
#define HUB_IDLE_TIMEOUT_S 10
#define HUB_MAX_CONNECTIONS 256
#define HUB_MAX_PER_IP 16
#define HUB_MAX_HEADERS 64
/* TLS 1.2 and 1.3 only; in 1.2 only forward-secret ECDHE key exchange with AEAD ciphers (no CBC,
 * no SHA-1 MACs or signatures, no RSA key transport). */
#define HUB_TLS_PRIORITIES "NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2:-CIPHER-ALL:+AES-256-GCM:+AES-128-GCM:" \
    "+CHACHA20-POLY1305:-MAC-ALL:+AEAD:-KX-ALL:+ECDHE-ECDSA:+ECDHE-RSA:-SIGN-RSA-SHA1:-SIGN-ECDSA-SHA1:-SIGN-DSA-SHA1"

/* One accepted connection: its socket and the deadline of the phase it is in. */
typedef struct conn_track {
    int fd;
    double deadline;
    int cut;
    struct conn_track *prev, *next;
} conn_track;

/* Test-mode faults, applied to the next `count` kiosk requests (compiled only into the test
 * build, majakka-hub-test: the shipped hub has no /test/fault route). */
enum fault { F_NONE, F_500, F_503, F_STALL, F_TRUNCATE, F_BADJSON, F_BADBUNDLE, F_BADTOKEN };

struct hub_server {
    struct MHD_Daemon *d;
    hub_store *hs;
    hub_server_cfg cfg;
    char *cert, *key;
    pthread_mutex_t fault_mu;
    enum fault fault;
    int fault_count, fault_retry_after, fault_stall_s;
    pthread_mutex_t conn_mu;       /* guards the list below */
    conn_track *conns;
    pthread_t reaper;
    int reaper_running, stopping;
    pthread_cond_t reaper_cv;
};

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void track_deadline(hub_server *srv, struct MHD_Connection *c, double seconds)
{
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    if (!ci || !ci->socket_context) return;
    pthread_mutex_lock(&srv->conn_mu);
    ((conn_track *)ci->socket_context)->deadline = now_s() + seconds;
    pthread_mutex_unlock(&srv->conn_mu);
}

static void on_connection(void *cls, struct MHD_Connection *c, void **socket_context, enum MHD_ConnectionNotificationCode toe)
{
    hub_server *srv = cls;
    hub_tls_on_connection(NULL, c, socket_context, toe);   /* session tickets; leaves the context alone */
    if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
        const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
        conn_track *t = calloc(1, sizeof *t);
        if (!t || !ci) { free(t); *socket_context = NULL; return; }
        t->fd = ci->connect_fd;
        t->deadline = now_s() + HUB_HEADER_DEADLINE_S;
        pthread_mutex_lock(&srv->conn_mu);
        t->next = srv->conns;
        if (t->next) t->next->prev = t;
        srv->conns = t;
        pthread_mutex_unlock(&srv->conn_mu);
        *socket_context = t;
    } else if (*socket_context) {
        /* Called before MHD closes the socket: once unlinked, the reaper never touches this fd. */
        conn_track *t = *socket_context;
        pthread_mutex_lock(&srv->conn_mu);
        if (t->prev) t->prev->next = t->next; else srv->conns = t->next;
        if (t->next) t->next->prev = t->prev;
        pthread_mutex_unlock(&srv->conn_mu);
        free(t);
        *socket_context = NULL;
    }
}

/* Every 200 ms: a connection past its deadline gets its socket shut down, which ends the
 * connection's thread (its read or write fails) and frees the slot. */
static void *reaper_main(void *arg)
{
    hub_server *srv = arg;
    pthread_mutex_lock(&srv->conn_mu);
    while (!srv->stopping) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_nsec += 200 * 1000000L;
        if (ts.tv_nsec >= 1000000000L) { ts.tv_sec++; ts.tv_nsec -= 1000000000L; }
        pthread_cond_timedwait(&srv->reaper_cv, &srv->conn_mu, &ts);
        double now = now_s();
        int cut = 0;
        for (conn_track *t = srv->conns; t; t = t->next)
            if (!t->cut && now > t->deadline) { shutdown(t->fd, SHUT_RDWR); t->cut = 1; cut++; }
        if (cut && !srv->cfg.quiet) fprintf(stderr, "hub: cut %d connection(s) past their deadline\n", cut);
    }
    pthread_mutex_unlock(&srv->conn_mu);
    return NULL;
}

typedef struct conn_state {
    char *body;
    size_t len, cap, limit, discarded;
    int too_big;
} conn_state;

static void completed(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode toe)
{
    hub_server *srv = cls;
    (void)toe;
    if (c) track_deadline(srv, c, HUB_HEADER_DEADLINE_S);
    conn_state *cs = *con_cls;
    if (cs) { free(cs->body); free(cs); }
    *con_cls = NULL;
}

static const char *query(void *qctx, const char *name)
{
    return MHD_lookup_connection_value(qctx, MHD_GET_ARGUMENT_KIND, name);
}
static const char *cookie(void *qctx, const char *name)
{
    return MHD_lookup_connection_value(qctx, MHD_COOKIE_KIND, name);
}
static const char *header(void *qctx, const char *name)
{
    return MHD_lookup_connection_value(qctx, MHD_HEADER_KIND, name);
}

#ifdef MAJAKKA_HUB_TEST
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
    static const char *const names[] = {"none", "500", "503", "stall", "truncate", "badjson", "badbundle", "badtoken"};
    char err[MJ_ERRLEN];
    json_t *j;
    memset(rs, 0, sizeof *rs);
    if (proto_parse_object(body, len, &j, err, sizeof err)) { hub_resp_error(rs, 400, "bad_request", err); return; }
    const char *mode = json_string_value(json_object_get(j, "mode"));
    int f = -1;
    for (int i = 0; mode && i < 8; i++) if (strcmp(mode, names[i]) == 0) f = i;
    if (f < 0) { json_decref(j); hub_resp_error(rs, 400, "bad_request", "mode: none 500 503 stall truncate badjson badbundle badtoken"); return; }
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

/* The faults that change a reply the routes made. */
static void fault_after(enum fault f, hub_resp *rs)
{
    if (f == F_BADJSON) {
        hub_resp_free(rs);
        memset(rs, 0, sizeof *rs);
        hub_resp_take(rs, 200, "application/json", strdup("{\"acked\": [tru"), 14);
    } else if (f == F_BADBUNDLE && rs->status == 200 && rs->body) {
        /* Same JSON with a wrong content hash: valid syntax, must fail the kiosk's validator. */
        char *p = strstr(rs->body, "\"sha256\"");
        p = p ? strchr(p + 8, '"') : NULL;
        if (p && (size_t)(p + 1 - rs->body) + 64 <= rs->len) memset(p + 1, '0', 64);
        snprintf(rs->etag, sizeof rs->etag, "\"bad-%ld\"", (long)time(NULL));
    } else if (f == F_BADTOKEN && rs->status == 200 && rs->body) {
        /* An enrollment answer whose token is not hex: the agent must not save it. */
        char *p = strstr(rs->body, "\"token\":\"");
        if (p) p[9] = 'Z';
    }
}
#endif

/* The request path as the log shows it: at most 200 bytes, control characters, backslash, quote
 * and bytes >= 0x7f as \\xNN, so a client cannot forge log lines. */
static void log_safe(const char *in, char *out, size_t outlen)
{
    size_t o = 0;
    for (; *in && o + 5 < outlen && o < 200; in++) {
        unsigned char ch = (unsigned char)*in;
        if (ch < 0x20 || ch >= 0x7f || ch == '\\' || ch == '"') o += (size_t)snprintf(out + o, outlen - o, "\\x%02x", ch);
        else out[o++] = (char)ch;
    }
    if (*in && o + 4 < outlen) { memcpy(out + o, "...", 3); o += 3; }
    out[o] = 0;
}

/* The CSV export, read page by page while it is sent (each page under the store lock briefly). */
static ssize_t csv_read_cb(void *cls, uint64_t pos, char *buf, size_t max)
{
    (void)pos;
    long n = hub_csv_read(cls, buf, max, 1);
    return n > 0 ? (ssize_t)n : n == 0 ? MHD_CONTENT_READER_END_OF_STREAM : MHD_CONTENT_READER_END_WITH_ERROR;
}
static void csv_free_cb(void *cls) { hub_csv_close(cls); }

static enum MHD_Result send_resp(hub_server *srv, struct MHD_Connection *c, const char *method, const char *url,
                                 hub_resp *rs, enum fault f, double t0)
{
    struct MHD_Response *r;
#ifdef MAJAKKA_HUB_TEST
    if (f == F_TRUNCATE && rs->len > 1) {
        trunc_ctx *t = malloc(sizeof *t);
        if (!t) return MHD_NO;
        t->body = rs->body;
        t->len = rs->len;
        rs->body = NULL;
        r = MHD_create_response_from_callback(t->len, 4096, trunc_read, t, trunc_free);
    } else
#endif
    if (rs->csv) {
        r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 32768, csv_read_cb, rs->csv, csv_free_cb);
        if (r) rs->csv = NULL;
    } else {
        r = MHD_create_response_from_buffer(rs->len, rs->body, MHD_RESPMEM_MUST_FREE);
        if (r) rs->body = NULL;
    }
    if (!r) { hub_resp_free(rs); return MHD_NO; }
    if (rs->content_type) MHD_add_response_header(r, "Content-Type", rs->content_type);
    if (rs->etag[0]) MHD_add_response_header(r, "ETag", rs->etag);
    if (rs->gzip) MHD_add_response_header(r, "Content-Encoding", "gzip");
    if (strncmp(url, PROTO_PREFIX "/bundle", strlen(PROTO_PREFIX) + 7) == 0) MHD_add_response_header(r, "Vary", "Accept-Encoding");
    if ((rs->status == 429 || rs->status == 503) && rs->retry_after_s <= 0 && f == F_NONE) rs->retry_after_s = 5;
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
                                "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'");
        MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    }
    track_deadline(srv, c, HUB_REPLY_DEADLINE_S);
    enum MHD_Result ok = MHD_queue_response(c, (unsigned)rs->status, r);
    MHD_destroy_response(r);
    if (!srv->cfg.quiet) {
        char m[64], u[256];
        log_safe(method, m, sizeof m);
        log_safe(url, u, sizeof u);
        fprintf(stderr, "hub: %s %s -> %d (%.0f ms)%s\n", m, u, rs->status, (now_s() - t0) * 1000, f ? " [test fault]" : "");
    }
    return ok;
}

typedef struct hdr_count { int all, content_length, transfer_encoding; } hdr_count;
static enum MHD_Result count_header(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    hdr_count *n = cls;
    (void)kind; (void)value;
    n->all++;
    if (strcasecmp(key, "Content-Length") == 0) n->content_length++;
    if (strcasecmp(key, "Transfer-Encoding") == 0) n->transfer_encoding++;
    return MHD_YES;
}

/* NULL when the headers are acceptable, else why not: too many headers, or a body length that
 * two parties could read differently (two Content-Length, or Content-Length with chunking). */
static const char *header_problem(struct MHD_Connection *c)
{
    hdr_count n = {0, 0, 0};
    MHD_get_connection_values(c, MHD_HEADER_KIND, count_header, &n);
    if (n.all > HUB_MAX_HEADERS) return "too many request headers";
    if (n.content_length > 1) return "more than one Content-Length header";
    if (n.content_length && n.transfer_encoding) return "both Content-Length and Transfer-Encoding";
    return NULL;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                                  const char *version, const char *upload_data, size_t *upload_data_size, void **con_cls)
{
    (void)version;
    hub_server *srv = cls;
    conn_state *cs = *con_cls;
    hub_resp rs;
    double t0 = now_s();
    if (!cs) {
        cs = calloc(1, sizeof *cs);
        if (!cs) return MHD_NO;
        *con_cls = cs;
        cs->limit = hub_api_body_limit(method, url);
        track_deadline(srv, c, HUB_BODY_DEADLINE_S);
        const char *bad = header_problem(c);
        if (bad) {
            memset(&rs, 0, sizeof rs);
            hub_resp_error(&rs, strstr(bad, "many") ? 431 : 400, "bad_request", bad);
            return send_resp(srv, c, method, url, &rs, F_NONE, t0);
        }
        hub_req pre = {.method = method, .path = url, .qctx = c, .cookie = cookie, .header = header,
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
        /* A chunked body past its limit: keep reading (then 413) up to twice the limit, then
         * close the connection rather than read a body that never ends. */
        if (cs->too_big && (cs->discarded += n) > cs->limit) return MHD_NO;
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
    enum fault f = F_NONE;
#ifdef MAJAKKA_HUB_TEST
    int retry_after = 0, stall_s = 0;
    if (srv->cfg.test_mode && strcmp(url, "/test/fault") == 0 && strcmp(method, "POST") == 0) {
        set_fault(srv, cs->body, cs->len, &rs);
        return send_resp(srv, c, method, url, &rs, F_NONE, t0);
    }
    if (srv->cfg.test_mode && strcmp(url, "/test/tls") == 0 && strcmp(method, "GET") == 0) {
        long closed, resumed;
        hub_tls_stats(&closed, &resumed);
        hub_resp_json(&rs, 200, json_pack("{s:I,s:I}", "closed", (json_int_t)closed, "resumed", (json_int_t)resumed));
        return send_resp(srv, c, method, url, &rs, F_NONE, t0);
    }
    f = take_fault(srv, url, &retry_after, &stall_s);
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
#endif
    const char *ae = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Accept-Encoding");
    char addr[48] = "";
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (ci && ci->client_addr && ci->client_addr->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)ci->client_addr)->sin_addr, addr, sizeof addr);
    hub_req rq = {
        .method = method, .path = url, .client_addr = addr,
        .authorization = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization"),
        .if_none_match = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "If-None-Match"),
        .accept_gzip = ae && strstr(ae, "gzip") && !strstr(ae, "gzip;q=0"),
        .body = cs->body, .len = cs->len, .body_too_large = cs->too_big,
        .query = query, .qctx = c, .cookie = cookie, .header = header,
    };
    if (f == F_BADBUNDLE) rq.accept_gzip = 0;
    hub_api_handle(srv->hs, &rq, &rs);
#ifdef MAJAKKA_HUB_TEST
    fault_after(f, &rs);
#endif
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
    if (srv->cfg.header_deadline_s <= 0) srv->cfg.header_deadline_s = 10;
    if (srv->cfg.body_deadline_s <= 0) srv->cfg.body_deadline_s = 60;
    if (srv->cfg.reply_deadline_s <= 0) srv->cfg.reply_deadline_s = 120;
    pthread_mutex_init(&srv->fault_mu, NULL);
    pthread_mutex_init(&srv->conn_mu, NULL);
    pthread_cond_init(&srv->reaper_cv, NULL);
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
                              MHD_OPTION_HTTPS_PRIORITIES, HUB_TLS_PRIORITIES,
                              MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)HUB_IDLE_TIMEOUT_S,
                              MHD_OPTION_CONNECTION_LIMIT,
                              (unsigned int)(cfg->max_connections > 0 ? cfg->max_connections : HUB_MAX_CONNECTIONS),
                              MHD_OPTION_PER_IP_CONNECTION_LIMIT,
                              (unsigned int)(cfg->max_per_address > 0 ? cfg->max_per_address : HUB_MAX_PER_IP),
                              MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
                              MHD_OPTION_THREAD_STACK_SIZE, (size_t)(1024 * 1024),
                              MHD_OPTION_NOTIFY_COMPLETED, completed, srv,
                              MHD_OPTION_NOTIFY_CONNECTION, on_connection, srv,
                              MHD_OPTION_END);
    if (!srv->d) {
        hub_server_stop(srv);
        return mj_err(err, errlen, MJ_EIO, "cannot start the HTTPS server on %s:%d (port in use, or bad certificate/key)",
                      cfg->address, cfg->port);
    }
    if (pthread_create(&srv->reaper, NULL, reaper_main, srv)) {
        hub_server_stop(srv);
        return mj_err(err, errlen, MJ_ENOMEM, "cannot start the deadline thread");
    }
    srv->reaper_running = 1;
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
    if (srv->reaper_running) {
        pthread_mutex_lock(&srv->conn_mu);
        srv->stopping = 1;
        pthread_cond_signal(&srv->reaper_cv);
        pthread_mutex_unlock(&srv->conn_mu);
        pthread_join(srv->reaper, NULL);
    }
    if (srv->d) MHD_stop_daemon(srv->d);
    hub_tls_done();
    if (srv->key) { memset(srv->key, 0, strlen(srv->key)); free(srv->key); }
    free(srv->cert);
    pthread_mutex_destroy(&srv->fault_mu);
    pthread_mutex_destroy(&srv->conn_mu);
    pthread_cond_destroy(&srv->reaper_cv);
    free(srv);
}
