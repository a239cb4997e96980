/* hub_import_fetch.c - hub_import_fetch (hub_import.h): an API's pages over HTTP(S) with limits. */
#include "hub_import.h"
#include "util.h"
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct buf { char *data; size_t len, cap, max; } buf;

static size_t on_data(char *p, size_t size, size_t n, void *ud)
{
    buf *b = ud;
    size_t k = size * n;
    if (b->len + k > b->max) return 0;   /* over the limit: curl stops with CURLE_WRITE_ERROR */
    if (b->len + k + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 65536;
        while (cap < b->len + k + 1) cap *= 2;
        char *d = realloc(b->data, cap);
        if (!d) return 0;
        b->data = d;
        b->cap = cap;
    }
    memcpy(b->data + b->len, p, k);
    b->len += k;
    b->data[b->len] = 0;
    return k;
}

/* scheme://host:port of url (lowercased), for the same-origin rule. */
static int origin(const char *url, char *out, size_t len)
{
    CURLU *u = curl_url();
    char *scheme = NULL, *host = NULL, *port = NULL;
    int ok = u && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
             curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK && curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
             curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) == CURLUE_OK;
    if (ok) {
        snprintf(out, len, "%s://%s:%s", scheme, host, port);
        for (char *p = out; *p; p++) if (*p >= 'A' && *p <= 'Z') *p = (char)(*p + 32);
        ok = !strncmp(out, "http://", 7) || !strncmp(out, "https://", 8);
    }
    curl_free(scheme);
    curl_free(host);
    curl_free(port);
    curl_url_cleanup(u);
    return ok ? 0 : -1;
}

/* url with its query parameter `name` set to value. */
static char *with_param(const char *url, const char *name, long value)
{
    CURLU *u = curl_url();
    char *q = NULL, *out = NULL, *res = NULL;
    if (!u || curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK) { curl_url_cleanup(u); return NULL; }
    curl_url_get(u, CURLUPART_QUERY, &q, 0);
    /* the query without the old value */
    size_t nl = strlen(name);
    char *nq = malloc((q ? strlen(q) : 0) + nl + 32);
    if (nq) {
        nq[0] = 0;
        if (q) {
            char *save = NULL;
            for (char *t = strtok_r(q, "&", &save); t; t = strtok_r(NULL, "&", &save)) {
                if (!strncmp(t, name, nl) && t[nl] == '=') continue;
                strcat(nq, nq[0] ? "&" : "");
                strcat(nq, t);
            }
        }
        sprintf(nq + strlen(nq), "%s%s=%ld", nq[0] ? "&" : "", name, value);
        if (curl_url_set(u, CURLUPART_QUERY, nq, 0) == CURLUE_OK && curl_url_get(u, CURLUPART_URL, &out, 0) == CURLUE_OK)
            res = strdup(out);
    }
    free(nq);
    curl_free(q);
    curl_free(out);
    curl_url_cleanup(u);
    return res;
}

static int get(const char *url, size_t max, long timeout_ms, buf *b, char *err, size_t errlen)
{
    CURL *c = curl_easy_init();
    char ebuf[CURL_ERROR_SIZE] = "";
    if (!c) return mj_err(err, errlen, MJ_ENOMEM, "out of memory");
    b->len = 0;
    b->max = max;
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(c, CURLOPT_MAXREDIRS, 3L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout_ms);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms < 10000 ? timeout_ms : 10000L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(c, CURLOPT_USERAGENT, "majakka-hub import");
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, b);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, ebuf);
    struct curl_slist *h = curl_slist_append(NULL, "Accept: application/json");
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    CURLcode cc = curl_easy_perform(c);
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(h);
    curl_easy_cleanup(c);
    if (cc == CURLE_WRITE_ERROR && b->len + 1 > 0) return mj_err(err, errlen, MJ_EINVAL, "%s: more than %zu bytes", url, max);
    if (cc == CURLE_OPERATION_TIMEDOUT) return mj_err(err, errlen, MJ_EIO, "%s: no answer within %ld ms", url, timeout_ms);
    if (cc != CURLE_OK) return mj_err(err, errlen, MJ_EIO, "%s: %s", url, ebuf[0] ? ebuf : curl_easy_strerror(cc));
    if (status != 200) return mj_err(err, errlen, MJ_EIO, "%s: HTTP status %ld", url, status);
    return MJ_OK;
}

/* The next page's URL of a document, or NULL. */
static char *next_url(const json_t *doc, const char *url, int fmt)
{
    if (fmt == HUB_IMPORT_LE) {
        const char *n = json_string_value(json_object_get(json_object_get(doc, "meta"), "next"));
        return n && *n ? strdup(n) : NULL;
    }
    const char *kp = fmt == HUB_IMPORT_PTV ? "pageNumber" : "page_number", *kc = fmt == HUB_IMPORT_PTV ? "pageCount" : "total_pages";
    json_t *p = json_object_get(doc, kp), *c = json_object_get(doc, kc);
    if (!json_is_integer(p) || !json_is_integer(c)) return NULL;
    long page = (long)json_integer_value(p), count = (long)json_integer_value(c);
    /* HSDS pages count from 1; PTV's from 1 too (pageNumber 0 is read as the first) */
    if (page < 1) page = 1;
    if (page >= count) return NULL;
    return with_param(url, fmt == HUB_IMPORT_PTV ? "page" : "page", page + 1);
}

int hub_import_fetch(const char *url, int fmt, int max_pages, long timeout_ms, json_t **doc, char *err, size_t errlen)
{
    char first_origin[300], o[300];
    buf b = { 0 };
    size_t total = 0;
    int rc = MJ_OK;
    if (!url || origin(url, first_origin, sizeof first_origin) != 0)
        return mj_err(err, errlen, MJ_EINVAL, "the URL must be http:// or https:// and a host");
    json_t *pages = json_array();
    char *cur = strdup(url);
    for (int n = 0; cur && n < max_pages; n++) {
        if ((rc = get(cur, IMP_MAX_BYTES - total, timeout_ms, &b, err, errlen))) break;
        total += b.len;
        json_error_t je;
        json_t *d = json_loadb(b.data ? b.data : "", b.len, 0, &je);
        if (!d) { rc = mj_err(err, errlen, MJ_EINVAL, "%s: not JSON: %s (line %d)", cur, je.text, je.line); break; }
        json_array_append_new(pages, d);
        char *next = next_url(d, cur, fmt);
        free(cur);
        cur = NULL;
        if (!next) break;
        if (origin(next, o, sizeof o) != 0 || strcmp(o, first_origin) != 0) {
            rc = mj_err(err, errlen, MJ_EINVAL, "the next page is on another host (%.200s): not followed", next);
            free(next);
            break;
        }
        if (n + 1 == max_pages) {
            rc = mj_err(err, errlen, MJ_EINVAL, "more than %d pages", max_pages);
            free(next);
            break;
        }
        cur = next;
    }
    free(cur);
    free(b.data);
    if (rc) { json_decref(pages); return rc; }
    *doc = pages;
    return MJ_OK;
}
