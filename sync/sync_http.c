/* sync_http.c - see sync_http.h. */
#include "sync_http.h"
#include "backoff.h"
#include "util.h"
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

typedef struct sink {
    sync_http_resp *r;
    size_t cap, max;
    int too_big;
} sink;

static size_t on_body(char *data, size_t size, size_t n, void *ud)
{
    sink *s = ud;
    size_t len = size * n;
    if (s->r->len + len > s->max) { s->too_big = 1; return 0; }   /* aborts the transfer */
    if (s->r->len + len + 1 > s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 16384;
        while (cap < s->r->len + len + 1) cap *= 2;
        char *nb = realloc(s->r->body, cap);
        if (!nb) return 0;
        s->r->body = nb;
        s->cap = cap;
    }
    memcpy(s->r->body + s->r->len, data, len);
    s->r->len += len;
    s->r->body[s->r->len] = 0;
    return len;
}

static size_t on_header(char *buf, size_t size, size_t n, void *ud)
{
    sync_http_resp *r = ud;
    size_t len = size * n;
    char line[256];
    if (len >= sizeof line) return len;
    memcpy(line, buf, len);
    line[len] = 0;
    char *e = line + len;
    while (e > line && (e[-1] == '\r' || e[-1] == '\n')) *--e = 0;
    if (strncasecmp(line, "HTTP/", 5) == 0) {          /* a new response (after 100-continue) */
        r->etag[0] = 0;
        r->retry_after_s = -1;
    } else if (strncasecmp(line, "ETag:", 5) == 0) {
        const char *v = line + 5;
        while (*v == ' ') v++;
        size_t n = strlen(v);
        if (n < sizeof r->etag) memcpy(r->etag, v, n + 1);   /* longer ones are not ours: ignored */
    } else if (strncasecmp(line, "Retry-After:", 12) == 0) {
        r->retry_after_s = backoff_parse_retry_after(line + 12, (long)time(NULL));
    }
    return len;
}

static int on_progress(void *ud, curl_off_t dt, curl_off_t dn, curl_off_t ut, curl_off_t un)
{
    (void)dt; (void)dn; (void)ut; (void)un;
    volatile int *flag = ud;
    return flag && *flag;   /* non-zero aborts the transfer */
}

struct sync_http_conn { CURL *c; };

sync_http_conn *sync_http_conn_new(void)
{
    sync_http_conn *k = calloc(1, sizeof *k);
    if (k && !(k->c = curl_easy_init())) { free(k); k = NULL; }
    return k;
}

void sync_http_conn_free(sync_http_conn *k)
{
    if (!k) return;
    curl_easy_cleanup(k->c);
    free(k);
}

/* TLS sessions outlive a cycle's connection: every handle shares one session cache, so the
 * agent's next cycle resumes its session (a ticket) instead of a full handshake. The agent is
 * single-threaded, so the share needs no locks. */
static CURLSH *tls_share;

int sync_http_global_init(void)
{
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) return MJ_EIO;
    tls_share = curl_share_init();
    if (tls_share) curl_share_setopt(tls_share, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
    return MJ_OK;
}

void sync_http_global_cleanup(void)
{
    if (tls_share) curl_share_cleanup(tls_share);
    tls_share = NULL;
    curl_global_cleanup();
}

void sync_http_resp_free(sync_http_resp *r)
{
    free(r->body);
    r->body = NULL;
    r->len = 0;
}

int sync_http_request(const sync_http_cfg *cfg, const char *method, const char *path, const char *body,
                      size_t len, const char *if_none_match, sync_http_resp *out, char *err, size_t errlen)
{
    char url[1024], auth[128], inm[160], cerr[CURL_ERROR_SIZE] = "";
    struct curl_slist *hdr = NULL;
    memset(out, 0, sizeof *out);
    out->retry_after_s = -1;
    if (strncmp(cfg->base_url, "https://", 8) != 0)
        return mj_err(err, errlen, MJ_EINVAL, "hub URL must start with https://");
    if (snprintf(url, sizeof url, "%s%s", cfg->base_url, path) >= (int)sizeof url)
        return mj_err(err, errlen, MJ_EINVAL, "hub URL too long");
    /* A shared handle keeps its connection (and TLS session) between requests; every option
     * is set again below, so nothing of the last request carries over. */
    CURL *c = cfg->conn ? cfg->conn->c : curl_easy_init();
    if (!c) return mj_err(err, errlen, MJ_ENOMEM, "curl_easy_init failed");
    if (cfg->conn) curl_easy_reset(c);
    sink s = {out, 0, cfg->max_response ? cfg->max_response : (16u << 20), 0};
    curl_easy_setopt(c, CURLOPT_URL, url);
    if (tls_share) curl_easy_setopt(c, CURLOPT_SHARE, tls_share);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(c, CURLOPT_SSLVERSION, (long)CURL_SSLVERSION_TLSv1_2);
    if (cfg->ca_file && *cfg->ca_file) curl_easy_setopt(c, CURLOPT_CAINFO, cfg->ca_file);
    if (cfg->pin && *cfg->pin) curl_easy_setopt(c, CURLOPT_PINNEDPUBLICKEY, cfg->pin);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, cfg->connect_timeout_ms > 0 ? cfg->connect_timeout_ms : 10000L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, cfg->total_timeout_ms > 0 ? cfg->total_timeout_ms : 60000L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "gzip");
    curl_easy_setopt(c, CURLOPT_USERAGENT, "majakka-sync/" MAJAKKA_VERSION);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &s);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, out);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, cerr);
    if (cfg->abort_flag) {
        curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
        curl_easy_setopt(c, CURLOPT_XFERINFODATA, (void *)cfg->abort_flag);
        curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    }
    if (cfg->token && *cfg->token) {
        snprintf(auth, sizeof auth, "Authorization: Bearer %s", cfg->token);
        hdr = curl_slist_append(hdr, auth);
    }
    if (if_none_match && *if_none_match) {
        snprintf(inm, sizeof inm, "If-None-Match: %s", if_none_match);
        hdr = curl_slist_append(hdr, inm);
    }
    if (body) {
        hdr = curl_slist_append(hdr, "Content-Type: application/json");
        hdr = curl_slist_append(hdr, "Expect:");
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
    }
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdr);
    CURLcode rc = curl_easy_perform(c);
    int status = MJ_OK;
    if (rc != CURLE_OK) {
        status = mj_err(err, errlen, MJ_EIO, "%s %s: %s", method, path,
                        s.too_big ? "response larger than the limit" : (*cerr ? cerr : curl_easy_strerror(rc)));
        out->status = 0;
        sync_http_resp_free(out);
    } else {
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &out->status);
        if (!out->body) out->body = calloc(1, 1);
    }
    curl_slist_free_all(hdr);
    if (!cfg->conn) curl_easy_cleanup(c);
    return status;
}
