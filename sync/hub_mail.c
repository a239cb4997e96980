/* hub_mail.c - see hub_mail.h. */
#include "hub_mail.h"
#include "hub_store.h"
#include "hub_time.h"
#include "hub_web.h"
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

const char *hub_mail_lang(const json_t *content)
{
    const json_t *s = json_object_get(content, "site");
    const char *d = json_string_value(json_object_get(s, "default_language"));
    static const char *const known[] = {"fi", "sv", "en"};
    for (int i = 0; d && i < 3; i++) if (strcmp(d, known[i]) == 0) return known[i];
    size_t j;
    json_t *l;
    json_array_foreach(json_object_get(s, "languages"), j, l)
        for (int i = 0; i < 3; i++) if (json_is_string(l) && strcmp(json_string_value(l), known[i]) == 0) return known[i];
    return "fi";
}

/* "Subject: TEXT": as it is when TEXT is printable ASCII, else RFC 2047 encoded words
 * (=?UTF-8?B?...?=, at most 45 bytes of text each, cut between characters), folded. */
static void subject(buf *b, const char *text)
{
    size_t n = strlen(text);
    int plain = 1;
    for (size_t i = 0; i < n; i++) plain &= (unsigned char)text[i] >= 0x20 && (unsigned char)text[i] < 0x7f;
    if (plain) { add(b, "Subject: %s\r\n", text); return; }
    add(b, "Subject:");
    for (size_t i = 0; i < n;) {
        size_t m = n - i < 45 ? n - i : 45;
        while (m < n - i && m > 1 && ((unsigned char)text[i + m] & 0xc0) == 0x80) m--;   /* not inside a character */
        char enc[64];
        sodium_bin2base64(enc, sizeof enc, (const unsigned char *)text + i, m, sodium_base64_VARIANT_ORIGINAL);
        add(b, "%s=?UTF-8?B?%s?=", i ? "\r\n " : " ", enc);
        i += m;
    }
    add(b, "\r\n");
}

/* The detail of alert j in lang, times in tzid. */
static void detail(const char *lang, const char *tzid, int j, const hub_alert_in *in, char *out, size_t n)
{
    const json_t *h = in->health;
    char a[220];
    switch (hub_alert_bit(j)) {
    case HUB_ALERT_UNSEEN:
        if (in->last_seen > 0) {
            hub_time_format(lang, tzid, (time_t)in->last_seen, a, sizeof a);
            hub_tf_lang(lang, out, n, "web.mail.last_seen", a, NULL);
        } else {
            snprintf(out, n, "%s", hub_t_lang(lang, "web.mail.never_seen"));
        }
        break;
    case HUB_ALERT_PRINTER: {
        const char *w = json_string_value(json_object_get(h, "printer_status"));
        snprintf(a, sizeof a, "%.60s", w ? w : "");
        hub_tf_lang(lang, out, n, "web.mail.printer", a, NULL);
        break;
    }
    case HUB_ALERT_OUTBOX:
        snprintf(a, sizeof a, "%lld", (long long)json_integer_value(json_object_get(h, "outbox_length")));
        hub_tf_lang(lang, out, n, "web.mail.outbox", a, NULL);
        break;
    case HUB_ALERT_DISK:
        snprintf(a, sizeof a, "%lld", (long long)json_integer_value(json_object_get(h, "free_disk_bytes")) / 1000000);
        hub_tf_lang(lang, out, n, "web.mail.disk", a, NULL);
        break;
    default:
        hub_alert_detail(j, in, out, n);   /* the kiosk's own words (a refused bundle's reason) */
    }
}

int hub_mail_format(const char *from, const char *to, const char *site, const char *lang, const char *tzid,
                    const hub_mail_kiosk *k, int n, const char *fleet_url, long long now, char **out, size_t *len,
                    char *err, size_t errlen)
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
    char txt[400], num[16];
    snprintf(num, sizeof num, "%d", n);
    add(&b, "Date: %s\r\nFrom: Majakka hub <%s>\r\nTo: <%s>\r\n", date, from, to);
    if (n == 1) hub_tf_lang(lang, txt, sizeof txt, "web.mail.subject_one", site, NULL);
    else hub_tf_lang(lang, txt, sizeof txt, "web.mail.subject_many", num, site, NULL);
    subject(&b, txt);
    add(&b, "Message-ID: <%s.alert@%s>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
            "Content-Transfer-Encoding: 8bit\r\nAuto-Submitted: auto-generated\r\n\r\n", id, strchr(from, '@') + 1);
    if (n == 1) hub_tf_lang(lang, txt, sizeof txt, "web.mail.lead_one", site, NULL);
    else hub_tf_lang(lang, txt, sizeof txt, "web.mail.lead_many", num, site, NULL);
    line_text(&b, txt);
    add(&b, "\r\n");
    for (int i = 0; i < n; i++) {
        add(&b, "\r\n");
        line_text(&b, k[i].name);
        add(&b, " (");
        line_text(&b, k[i].id);
        add(&b, ")\r\n");
        for (int j = 0; j < HUB_ALERT_KINDS; j++) {
            if (!(k[i].active & hub_alert_bit(j))) continue;
            char d[256], key[40];
            detail(lang, tzid, j, &k[i].in, d, sizeof d);
            snprintf(key, sizeof key, "web.alert.%s", hub_alert_key(j));
            add(&b, "  - ");
            line_text(&b, hub_t_lang(lang, key));
            if (k[i].fresh & hub_alert_bit(j)) {
                add(&b, " (");
                line_text(&b, hub_t_lang(lang, "web.mail.new"));
                add(&b, ")");
            }
            add(&b, ": ");
            line_text(&b, d);
            add(&b, "\r\n");
        }
    }
    if (fleet_url) {
        hub_tf_lang(lang, txt, sizeof txt, "web.mail.fleet", fleet_url, NULL);
        add(&b, "\r\n");
        line_text(&b, txt);
        add(&b, "\r\n");
    }
    add(&b, "\r\n");
    line_text(&b, hub_t_lang(lang, "web.mail.once"));
    add(&b, "\r\n");
    line_text(&b, hub_t_lang(lang, "web.mail.address"));
    add(&b, "\r\n");
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
