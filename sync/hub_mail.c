/* hub_mail.c - see hub_mail.h. */
#include "hub_mail.h"
#include "hub_store.h"
#include "protocol.h"
#include "util.h"
#include <curl/curl.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct buf { char *p; size_t len, cap; int oom; } buf;

static void add(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add(buf *b, const char *fmt, ...)
{
    va_list ap;
    for (;;) {
        if (b->oom) return;
        size_t room = b->cap - b->len;
        va_start(ap, fmt);
        int n = vsnprintf(b->p ? b->p + b->len : NULL, b->p ? room : 0, fmt, ap);
        va_end(ap);
        if (n < 0) { b->oom = 1; return; }
        if (b->p && (size_t)n < room) { b->len += (size_t)n; return; }
        size_t cap = b->cap ? b->cap * 2 : 4096;
        while (cap < b->len + (size_t)n + 1) cap *= 2;
        char *np = realloc(b->p, cap);
        if (!np) { b->oom = 1; return; }
        b->p = np;
        b->cap = cap;
    }
}

/* Text on one body line: control characters (a CR or LF would start a new line) become spaces. */
static void line_text(buf *b, const char *s)
{
    for (; s && *s; s++) add(b, "%c", (unsigned char)*s < 0x20 || *s == 0x7f ? ' ' : *s);
}

int hub_mail_format(const char *from, const char *to, const char *site, const hub_mail_kiosk *k, int n,
                    const char *fleet_url, long long now, char **out, size_t *len, char *err, size_t errlen)
{
    *out = NULL;
    *len = 0;
    if (!hub_email_ok(from) || !hub_email_ok(to)) return mj_err(err, errlen, MJ_EINVAL, "bad sender or recipient address");
    if (!site || !proto_is_id(site)) return mj_err(err, errlen, MJ_EINVAL, "bad site");
    if (n < 1) return mj_err(err, errlen, MJ_EINVAL, "no kiosk to mail about");
    if (fleet_url && (strncmp(fleet_url, "https://", 8) || strpbrk(fleet_url, " \r\n\t<>\"") || strlen(fleet_url) > 300))
        return mj_err(err, errlen, MJ_EINVAL, "bad fleet page address");
    buf b = {0};
    char date[64], id[33];
    unsigned char rnd[16];
    time_t t = (time_t)now;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
    randombytes_buf(rnd, sizeof rnd);
    sodium_bin2hex(id, sizeof id, rnd, sizeof rnd);
    add(&b, "Date: %s\r\nFrom: Majakka hub <%s>\r\nTo: <%s>\r\n", date, from, to);
    if (n == 1) add(&b, "Subject: Majakka: a kiosk at %s needs attention\r\n", site);
    else add(&b, "Subject: Majakka: %d kiosks at %s need attention\r\n", n, site);
    add(&b, "Message-ID: <%s.alert@%s>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
            "Content-Transfer-Encoding: 8bit\r\nAuto-Submitted: auto-generated\r\n\r\n", id, strchr(from, '@') + 1);
    if (n == 1) add(&b, "A kiosk at site %s needs attention.\r\n", site);
    else add(&b, "%d kiosks at site %s need attention.\r\n", n, site);
    for (int i = 0; i < n; i++) {
        add(&b, "\r\n");
        line_text(&b, k[i].name);
        add(&b, " (");
        line_text(&b, k[i].id);
        add(&b, ")\r\n");
        for (int j = 0; j < HUB_ALERT_KINDS; j++) {
            if (!(k[i].active & hub_alert_bit(j))) continue;
            char d[256];
            hub_alert_detail(j, &k[i].in, d, sizeof d);
            add(&b, "  - %s%s: ", hub_alert_title(j), k[i].fresh & hub_alert_bit(j) ? " (new)" : "");
            line_text(&b, d);
            add(&b, "\r\n");
        }
    }
    if (fleet_url) add(&b, "\r\nThe fleet page: %s\r\n", fleet_url);
    add(&b, "\r\nThe hub sends this once when a kiosk enters an alert state, not again while it lasts.\r\n"
            "The site's alert address is set on its fleet page.\r\n");
    if (b.oom) { free(b.p); return mj_err(err, errlen, MJ_ENOMEM, "out of memory"); }
    *out = b.p;
    *len = b.len;
    return MJ_OK;
}

typedef struct reader { const char *p; size_t left; } reader;
static size_t read_cb(char *ptr, size_t size, size_t nmemb, void *ud)
{
    reader *r = ud;
    size_t n = size * nmemb < r->left ? size * nmemb : r->left;
    memcpy(ptr, r->p, n);
    r->p += n;
    r->left -= n;
    return n;
}

int hub_mail_send(const hub_mail_cfg *cfg, const char *to, const char *msg, size_t len, char *err, size_t errlen)
{
    char from[260], rcpt[260], ebuf[CURL_ERROR_SIZE] = "";
    if (!cfg->url || (strncmp(cfg->url, "smtp://", 7) && strncmp(cfg->url, "smtps://", 8)))
        return mj_err(err, errlen, MJ_EINVAL, "the mail relay must be an smtp:// or smtps:// address");
    if (!hub_email_ok(cfg->from) || !hub_email_ok(to)) return mj_err(err, errlen, MJ_EINVAL, "bad sender or recipient address");
    CURL *c = curl_easy_init();
    if (!c) return mj_err(err, errlen, MJ_ENOMEM, "curl_easy_init failed");
    snprintf(from, sizeof from, "<%s>", cfg->from);
    snprintf(rcpt, sizeof rcpt, "<%s>", to);
    struct curl_slist *rl = curl_slist_append(NULL, rcpt);
    reader r = {msg, len};
    long timeout = cfg->timeout_ms > 0 ? cfg->timeout_ms : 30000;
    curl_easy_setopt(c, CURLOPT_URL, cfg->url);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, from);
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rl);
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_READFUNCTION, read_cb);
    curl_easy_setopt(c, CURLOPT_READDATA, &r);
    curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, (curl_off_t)len);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, timeout < 10000 ? timeout : 10000L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, ebuf);
    if (cfg->starttls) curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
    if (cfg->ca_file) curl_easy_setopt(c, CURLOPT_CAINFO, cfg->ca_file);
    if (cfg->user && cfg->password) {
        curl_easy_setopt(c, CURLOPT_USERNAME, cfg->user);
        curl_easy_setopt(c, CURLOPT_PASSWORD, cfg->password);
    }
    CURLcode rc = curl_easy_perform(c);
    long code = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
    curl_slist_free_all(rl);
    curl_easy_cleanup(c);
    if (rc != CURLE_OK && code)
        return mj_err(err, errlen, MJ_EIO, "mail not sent: %s (the relay answered %ld)", ebuf[0] ? ebuf : curl_easy_strerror(rc), code);
    if (rc != CURLE_OK)
        return mj_err(err, errlen, MJ_EIO, "mail not sent: %s", ebuf[0] ? ebuf : curl_easy_strerror(rc));
    return MJ_OK;
}
