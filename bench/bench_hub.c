/* bench_hub.c - load on a running majakka-hub: many enrolled kiosks syncing at once, counted in
 * complete syncs per second. Loopback only (the URL must be https://127.0.0.1:PORT):
 *   bench_hub URL CA.pem COORDINATOR_TOKEN SITE [--kiosks N] [--clients C] [--seconds S]
 *             [--max-syncs M] [--conn request|sync|resume|keepalive] [--hub-pid PID] [--rate R]
 * First N kiosks are enrolled the way majakka-sync does it (a one-time code from the coordinator
 * route, then POST /api/v1/enroll). Then C client threads, for S seconds or M syncs in all, run
 * one sync after another, each for the next kiosk in turn and as majakka-sync's cycle does it:
 *   POST /api/v1/feedback  (3 new answers: two faces, one comment)
 *   GET  /api/v1/bundle    (If-None-Match: the published bundle's ETag -> 304)
 *   POST /api/v1/heartbeat
 * Connections: `sync` (default) opens one TCP + TLS connection per sync and makes its three
 * requests on it, as majakka-sync does; `request` opens one per request (majakka-sync before it
 * shared one per cycle); `resume` is `sync` with the last TLS session resumed (session tickets);
 * `keepalive` keeps one connection per client thread for all its syncs.
 * Clients spread over the source addresses 127.0.0.1-127.0.0.8 (the hub allows 16 connections
 * per address, 64 in all).
 * Prints "name<TAB>value<TAB>p99-or-value<TAB>unit" lines: syncs per second, and the median and
 * p99 of one sync's wall time. Any status other than the expected one counts as an error.
 * With --hub-pid PID (the hub's process) also the hub's CPU time per sync: on one machine the
 * load itself (TLS handshakes on the client side) takes much of the CPU the hub would have.
 * With --rate R the load is a fleet, not a flood: sync number n is due at start + n / R seconds
 * (10,000 kiosks every 5 minutes is --kiosks 10000 --rate 33.3), and a sync's time counts from
 * when it was due, so a hub that falls behind shows it in the p99 (no coordinated omission). */
#define _GNU_SOURCE
#include <curl/curl.h>
#include <jansson.h>
#include <pthread.h>
#include "bench_stats.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

typedef struct kiosk_tok { char token[80]; } kiosk_tok;

static const char *g_url, *g_ca;
static char g_etag[160];
static kiosk_tok *g_kiosks;
static int g_nkiosks, g_mode;   /* g_mode: CONN_* */
enum { CONN_SYNC, CONN_REQUEST, CONN_KEEPALIVE, CONN_RESUME };
static double g_deadline;
static unsigned long g_nonce;   /* keeps keys new from one run to the next */
static long g_max_syncs;
static double g_rate, g_start;   /* --rate: syncs due per second from g_start; 0 = as fast as possible */

static pthread_mutex_t g_mu = PTHREAD_MUTEX_INITIALIZER;
static long g_started, g_done, g_errors;
static double *g_lat;          /* per-sync wall times, ms */
static long g_nlat, g_latcap;
static char g_first_error[512];

static double now_s(void) { return bench_now_ms() / 1e3; }

typedef struct buf { char *p; size_t n; } buf;

static size_t on_body(char *d, size_t s, size_t n, void *ud)
{
    buf *b = ud;
    size_t len = s * n;
    if (b->n + len > (1u << 20)) return 0;
    char *np = realloc(b->p, b->n + len + 1);
    if (!np) return 0;
    memcpy(np + b->n, d, len);
    b->p = np;
    b->n += len;
    b->p[b->n] = 0;
    return len;
}

static size_t on_header(char *d, size_t s, size_t n, void *ud)
{
    size_t len = s * n;
    if (ud && len > 6 && len < 150 && strncasecmp(d, "ETag:", 5) == 0) {
        const char *v = d + 5;
        while (*v == ' ') v++;
        size_t k = (size_t)(d + len - v);
        while (k && (v[k - 1] == '\r' || v[k - 1] == '\n')) k--;
        memcpy(ud, v, k);
        ((char *)ud)[k] = 0;
    }
    return len;
}

/* One request on handle c (a fresh one per request unless keep-alive). Returns the HTTP status,
 * 0 on a transport failure (reason in err). */
static long request(CURL *c, int src, int fresh, int close, const char *method, const char *path, const char *token,
                    const char *body, const char *inm, buf *out, char *etag_out, char *err)
{
    char url[512], auth[128], hinm[200], iface[64];
    struct curl_slist *h = NULL;
    long status = 0;
    snprintf(url, sizeof url, "%s%s", g_url, path);
    curl_easy_reset(c);
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "https");
    curl_easy_setopt(c, CURLOPT_CAINFO, g_ca);
    curl_easy_setopt(c, CURLOPT_SSLVERSION, (long)CURL_SSLVERSION_TLSv1_2);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 20000L);
    curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "gzip");
    curl_easy_setopt(c, CURLOPT_USERAGENT, "majakka-bench-hub");
    snprintf(iface, sizeof iface, "host!127.0.0.%d", 1 + src % 8);
    curl_easy_setopt(c, CURLOPT_INTERFACE, iface);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, out);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, etag_out);
    /* A new connection is a full handshake, as for a kiosk that last synced minutes ago: no TLS
     * session is resumed. (The handle itself is reused so the client spends its CPU on the
     * handshake, not on reading the CA file again.) */
    /* `resume`: a new connection per sync, but the TLS session of the last one is resumed
     * (a session ticket), as majakka-sync's shared session cache does from cycle to cycle. */
    curl_easy_setopt(c, CURLOPT_SSL_SESSIONID_CACHE, g_mode == CONN_RESUME ? 1L : 0L);
    if (fresh) curl_easy_setopt(c, CURLOPT_FRESH_CONNECT, 1L);
    if (close) curl_easy_setopt(c, CURLOPT_FORBID_REUSE, 1L);
    if (token) {
        snprintf(auth, sizeof auth, "Authorization: Bearer %s", token);
        h = curl_slist_append(h, auth);
    }
    if (inm && *inm) {
        snprintf(hinm, sizeof hinm, "If-None-Match: %s", inm);
        h = curl_slist_append(h, hinm);
    }
    if (body) {
        h = curl_slist_append(h, "Content-Type: application/json");
        h = curl_slist_append(h, "Expect:");
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)strlen(body));
    }
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    CURLcode rc = curl_easy_perform(c);
    if (rc == CURLE_OK) curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    else snprintf(err, 256, "%s %s: %s", method, path, curl_easy_strerror(rc));
    curl_slist_free_all(h);
    return status;
}

/* One of the three requests of a sync (first: 0, last: 2) on the client thread's handle, with a
 * new connection per request, per sync, or kept alive (g_mode). */
static long req(CURL *c, int src, int step, const char *method, const char *path, const char *token, const char *body,
                const char *inm, buf *out, char *err)
{
    int per_sync = g_mode == CONN_SYNC || g_mode == CONN_RESUME;
    int fresh = g_mode == CONN_REQUEST || (per_sync && step == 0);
    int close = g_mode == CONN_REQUEST || (per_sync && step == 2);
    out->n = 0;
    if (out->p) out->p[0] = 0;
    return request(c, src, fresh, close, method, path, token, body, inm, out, NULL, err);
}

static void note_error(const char *what)
{
    pthread_mutex_lock(&g_mu);
    g_errors++;
    if (!g_first_error[0]) snprintf(g_first_error, sizeof g_first_error, "%s", what);
    pthread_mutex_unlock(&g_mu);
}

static void *client(void *arg)
{
    int id = (int)(long)arg;
    CURL *conn = curl_easy_init();
    if (!conn) { note_error("curl_easy_init failed"); return NULL; }
    buf out = { 0 };
    char body[2048], err[256], what[400];
    unsigned long seq = 0;
    for (;;) {
        pthread_mutex_lock(&g_mu);
        long n = g_started;
        int go = now_s() < g_deadline && (g_max_syncs <= 0 || n < g_max_syncs);
        if (go) g_started++;
        pthread_mutex_unlock(&g_mu);
        if (!go) break;
        const char *tok = g_kiosks[n % g_nkiosks].token;
        double t0 = now_s();
        if (g_rate > 0) {   /* wait until this sync is due; its time counts from then */
            double due = g_start + (double)n / g_rate;
            if (due > g_deadline) break;
            if (due > t0) usleep((useconds_t)((due - t0) * 1e6));
            t0 = due;
        }
        int ok = 1;
        /* the outbox: three answers with fresh keys */
        int len = snprintf(body, sizeof body, "{\"records\":[");
        for (int r = 0; r < 3; r++) {
            char key[64];
            snprintf(key, sizeof key, "bench-%lx-%d-%lu-%d", g_nonce, id, seq, r);
            if (r < 2)
                len += snprintf(body + len, sizeof body - (size_t)len,
                                "%s{\"key\":\"%s\",\"visit_id\":\"v%d-%lu\",\"created\":\"2026-11-24T10:%02lu\","
                                "\"context\":\"home\",\"language\":\"fi\",\"kind\":\"face\",\"face\":%d,\"suspect\":false}",
                                r ? "," : "", key, id, seq, seq % 60, 1 + (int)(seq + (unsigned long)r) % 4);
            else
                len += snprintf(body + len, sizeof body - (size_t)len,
                                ",{\"key\":\"%s\",\"visit_id\":\"v%d-%lu\",\"created\":\"2026-11-24T10:%02lu\","
                                "\"context\":\"home\",\"language\":\"ar\",\"kind\":\"comment\","
                                "\"comment\":\"Kiitos, hyvä paikka. شكرا جزيلا\"}", key, id, seq, seq % 60);
        }
        snprintf(body + len, sizeof body - (size_t)len, "]}");
        seq++;
        long st = req(conn, id, 0, "POST", "/api/v1/feedback", tok, body, NULL, &out, err);
        if (st != 200) { snprintf(what, sizeof what, "feedback: HTTP %ld %s %.200s", st, st ? "" : err, out.p ? out.p : ""); ok = 0; }
        if (ok) {
            st = req(conn, id, 1, "GET", "/api/v1/bundle", tok, NULL, g_etag, &out, err);
            if (st != 304) { snprintf(what, sizeof what, "bundle: HTTP %ld %s", st, st ? "" : err); ok = 0; }
        }
        if (ok) {
            snprintf(body, sizeof body,
                     "{\"software_version\":\"0.1.0\",\"uptime_s\":%lu,\"content_version\":\"bench\","
                     "\"outbox_length\":0,\"printer_status\":\"ok\",\"free_disk_bytes\":12000000000}", 600 + seq);
            st = req(conn, id, 2, "POST", "/api/v1/heartbeat", tok, body, NULL, &out, err);
            if (st != 200) { snprintf(what, sizeof what, "heartbeat: HTTP %ld %s %.200s", st, st ? "" : err, out.p ? out.p : ""); ok = 0; }
        }
        double dt = (now_s() - t0) * 1e3;
        if (!ok) { note_error(what); continue; }
        pthread_mutex_lock(&g_mu);
        g_done++;
        if (g_nlat < g_latcap) g_lat[g_nlat++] = dt;
        pthread_mutex_unlock(&g_mu);
    }
    free(out.p);
    curl_easy_cleanup(conn);
    return NULL;
}

/* utime + stime of a process in seconds (0 when pid is 0 or unreadable). */
static double proc_cpu_s(long pid)
{
    char path[64], line[1024];
    if (pid <= 0) return 0;
    snprintf(path, sizeof path, "/proc/%ld/stat", pid);
    FILE *f = fopen(path, "r");
    if (!f) return 0;
    size_t n = fread(line, 1, sizeof line - 1, f);
    fclose(f);
    line[n] = 0;
    const char *p = strrchr(line, ')');   /* the command may hold spaces */
    unsigned long ut = 0, st = 0;
    if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &ut, &st) != 2) return 0;
    return (double)(ut + st) / (double)sysconf(_SC_CLK_TCK);
}

/* Enrolls one kiosk: a code from the coordinator route, redeemed at /enroll. */
static int enroll(CURL *c, const char *coord, const char *site, int i, char *token, char *err)
{
    char path[256], body[256];
    buf out = { 0 };
    json_t *j;
    snprintf(path, sizeof path, "/api/v1/sites/%s/enroll-codes", site);
    snprintf(body, sizeof body, "{\"name\":\"bench kiosk %d\"}", i);
    long st = request(c, 0, 0, 0, "POST", path, coord, body, NULL, &out, NULL, err);
    j = st == 200 && out.p ? json_loads(out.p, 0, NULL) : NULL;
    const char *code = json_string_value(json_object_get(j, "code"));
    if (!code) { snprintf(err, 256, "enroll code: HTTP %ld %.200s", st, out.p ? out.p : err); free(out.p); json_decref(j); return -1; }
    snprintf(body, sizeof body, "{\"code\":\"%s\"}", code);
    json_decref(j);
    out.n = 0;
    st = request(c, 0, 0, 0, "POST", "/api/v1/enroll", NULL, body, NULL, &out, NULL, err);
    j = st == 200 && out.p ? json_loads(out.p, 0, NULL) : NULL;
    const char *t = json_string_value(json_object_get(j, "token"));
    if (!t || strlen(t) >= sizeof g_kiosks[0].token) { snprintf(err, 256, "enroll: HTTP %ld %.200s", st, out.p ? out.p : err); free(out.p); json_decref(j); return -1; }
    strcpy(token, t);
    json_decref(j);
    free(out.p);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 5) {
        fprintf(stderr, "usage: bench_hub URL CA.pem COORDINATOR_TOKEN SITE [--kiosks N] [--clients C] [--seconds S]\n"
                        "                 [--max-syncs M] [--conn sync|request|resume|keepalive] [--hub-pid PID] [--rate R]\n");
        return 2;
    }
    g_url = argv[1];
    g_ca = argv[2];
    const char *coord = argv[3], *site = argv[4];
    int clients = 32;
    long hub_pid = 0;
    double seconds = 10;
    g_nkiosks = 200;
    g_max_syncs = 200000;
    for (int i = 5; i < argc; i++) {
        const char *v = i + 1 < argc ? argv[i + 1] : "";
        if (!strcmp(argv[i], "--kiosks")) { g_nkiosks = atoi(v); i++; }
        else if (!strcmp(argv[i], "--clients")) { clients = atoi(v); i++; }
        else if (!strcmp(argv[i], "--seconds")) { seconds = atof(v); i++; }
        else if (!strcmp(argv[i], "--max-syncs")) { g_max_syncs = atol(v); i++; }
        else if (!strcmp(argv[i], "--hub-pid")) { hub_pid = atol(v); i++; }
        else if (!strcmp(argv[i], "--rate")) { g_rate = atof(v); i++; }
        else if (!strcmp(argv[i], "--conn") && !strcmp(v, "sync")) { g_mode = CONN_SYNC; i++; }
        else if (!strcmp(argv[i], "--conn") && !strcmp(v, "request")) { g_mode = CONN_REQUEST; i++; }
        else if (!strcmp(argv[i], "--conn") && !strcmp(v, "keepalive")) { g_mode = CONN_KEEPALIVE; i++; }
        else if (!strcmp(argv[i], "--conn") && !strcmp(v, "resume")) { g_mode = CONN_RESUME; i++; }
        else { fprintf(stderr, "bench_hub: unknown option %s\n", argv[i]); return 2; }
    }
    /* Loopback only, bounded. */
    if (strncmp(g_url, "https://127.0.0.1:", 18) != 0) { fprintf(stderr, "bench_hub: the hub must be https://127.0.0.1:PORT\n"); return 2; }
    if (g_nkiosks < 1 || g_nkiosks > 10000 || clients < 1 || clients > 64 || seconds <= 0 ||
        seconds > (g_rate > 0 ? 900 : 120) || g_max_syncs < 1 || g_max_syncs > 1000000 || g_rate < 0 || g_rate > 5000) {
        fprintf(stderr, "bench_hub: kiosks 1-10000, clients 1-64, seconds up to 120 (900 with --rate), max-syncs up to"
                        " 1,000,000, rate up to 5000/s\n");
        return 2;
    }
    if (curl_global_init(CURL_GLOBAL_DEFAULT)) return 1;
    g_nonce = (unsigned long)time(NULL) * 1000u + (unsigned long)getpid() % 1000u;
    g_kiosks = calloc((size_t)g_nkiosks, sizeof *g_kiosks);
    g_latcap = g_max_syncs;
    g_lat = calloc((size_t)g_latcap, sizeof *g_lat);
    if (!g_kiosks || !g_lat) return 1;
    char err[256] = "";
    CURL *c = curl_easy_init();
    double t0 = now_s();
    for (int i = 0; i < g_nkiosks; i++)
        if (enroll(c, coord, site, i, g_kiosks[i].token, err)) { fprintf(stderr, "bench_hub: kiosk %d: %s\n", i, err); return 1; }
    /* The published bundle's ETag, which every kiosk then holds. */
    buf out = { 0 };
    long st = request(c, 0, 0, 0, "GET", "/api/v1/bundle", g_kiosks[0].token, NULL, NULL, &out, g_etag, err);
    free(out.p);
    curl_easy_cleanup(c);
    if (st != 200 || !g_etag[0]) { fprintf(stderr, "bench_hub: first bundle GET: HTTP %ld %s (publish one first)\n", st, err); return 1; }
    static const char *const modes[] = { "a new connection per sync", "a new connection per request", "kept-alive connections",
                                         "a new connection per sync, TLS session resumed" };
    fprintf(stderr, "bench_hub: %d kiosks enrolled in %.2f s; %d clients, %s, up to %.0f s\n", g_nkiosks,
            now_s() - t0, clients, modes[g_mode], seconds);

    pthread_t *th = calloc((size_t)clients, sizeof *th);
    if (!th) return 1;
    double hub_cpu0 = proc_cpu_s(hub_pid), start = now_s();
    g_deadline = start + seconds;
    g_start = start;
    int started = 0;
    for (int i = 0; i < clients; i++)
        if (pthread_create(&th[i], NULL, client, (void *)(long)i) == 0) started++;
        else break;
    for (int i = 0; i < started; i++) pthread_join(th[i], NULL);
    double wall = now_s() - start, hub_cpu = proc_cpu_s(hub_pid) - hub_cpu0;
    fprintf(stderr, "bench_hub: %ld syncs (%ld requests) in %.2f s, %ld errors%s%s\n", g_done, g_done * 3, wall, g_errors,
            g_errors ? "; first: " : "", g_first_error);
    static const char *const names[] = { "sync", "request", "keepalive", "resume" };
    const char *mode = names[g_mode];
    printf("hub_syncs_per_s_%s\t%.0f\t%.0f\tsyncs/s\n", mode, g_done / wall, g_done / wall);
    if (hub_pid > 0 && g_done > 0)
        printf("hub_cpu_per_sync_%s\t%.3f\t%.3f\tms\n", mode, hub_cpu * 1e3 / g_done, hub_cpu * 1e3 / g_done);
    if (g_nlat) {
        char name[64];
        snprintf(name, sizeof name, "hub_sync_latency_%s", mode);
        bench_report(name, g_lat, g_nlat, "ms", 2);
    }
    free(th);
    free(g_lat);
    free(g_kiosks);
    curl_global_cleanup();
    return g_errors ? 1 : 0;
}
