/* qrpayload.c - see qrpayload.h. */
#include "qrpayload.h"
#include "util.h"
#include <stdio.h>
#include <string.h>

enum { FMT_MECARD, FMT_ICAL, FMT_RAW };

/* A buffer being filled; `bad` once anything did not fit or was not UTF-8. */
typedef struct sink { char *out; size_t cap, n; int bad; } sink;

static void put(sink *k, const char *s, size_t len)
{
    if (k->bad) return;
    if (k->n + len + 1 > k->cap) { k->bad = 1; return; }
    memcpy(k->out + k->n, s, len);
    k->n += len;
    k->out[k->n] = 0;
}

static void lit(sink *k, const char *s) { put(k, s, strlen(s)); }

/* The one escaping rule (qrpayload.h): s appended in format fmt. */
static void text(sink *k, const char *s, int fmt)
{
    if (!s) return;
    if (!mj_utf8_valid(s, strlen(s))) { k->bad = 1; return; }
    const char *special = fmt == FMT_MECARD ? "\\;,:\"" : fmt == FMT_ICAL ? "\\;," : "";
    for (; *s && !k->bad; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '\r') continue;
        if (c == '\n' && fmt == FMT_ICAL) { lit(k, "\\n"); continue; }
        if (c < 0x20 || c == 0x7F) { lit(k, " "); continue; }
        if (strchr(special, *s)) lit(k, "\\");
        put(k, s, 1);
    }
}

static int done(sink *k)
{
    if (k->bad) { if (k->cap) k->out[0] = 0; return MJ_EINVAL; }
    return MJ_OK;
}

static sink start(char *out, size_t outlen)
{
    sink k = { out, outlen, 0, outlen == 0 };
    if (outlen) out[0] = 0;
    return k;
}

static int has(const char *s) { return s && *s; }

void qrpayload_address(const catalog_service *s, char *out, size_t outlen)
{
    if (!outlen) return;
    if (has(s->street)) {
        int city = has(s->postal_code) || has(s->city);
        snprintf(out, outlen, "%s%s%s%s%s", s->street, city ? ", " : "", has(s->postal_code) ? s->postal_code : "",
                 has(s->postal_code) && has(s->city) ? " " : "", has(s->city) ? s->city : "");
    } else {
        snprintf(out, outlen, "%s", has(s->location_name) ? s->location_name : "");
    }
    mj_utf8_trim(out);   /* a cut never leaves half a character */
}

static void field(sink *k, const char *key, const char *v)
{
    if (!has(v)) return;
    lit(k, key);
    text(k, v, FMT_MECARD);
    lit(k, ";");
}

int qrpayload_mecard(char *out, size_t outlen, const char *name, const char *phone, const char *email,
                     const char *address)
{
    sink k = start(out, outlen);
    lit(&k, "MECARD:N:");
    text(&k, name ? name : "", FMT_MECARD);
    lit(&k, ";");
    field(&k, "TEL:", phone);
    field(&k, "EMAIL:", email);
    field(&k, "ADR:", address);
    lit(&k, ";");
    return done(&k);
}

static void stamp(sink *k, const char *key, time_t t)
{
    struct tm tm;
    char buf[32];
    if (!gmtime_r(&t, &tm) || !strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm)) { k->bad = 1; return; }
    lit(k, key);
    lit(k, buf);
    lit(k, "\r\n");
}

static void line(sink *k, const char *key, const char *v, int fmt)
{
    if (!has(v)) return;
    lit(k, key);
    text(k, v, fmt);
    lit(k, "\r\n");
}

int qrpayload_vcalendar(char *out, size_t outlen, const char *uid, const char *summary, time_t start_t,
                        time_t end, const char *location, const char *url, time_t now)
{
    sink k = start(out, outlen);
    lit(&k, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Majakka//Kiosk//EN\r\nBEGIN:VEVENT\r\n");
    line(&k, "UID:", uid, FMT_ICAL);
    stamp(&k, "DTSTAMP:", now);
    lit(&k, "SUMMARY:");
    text(&k, summary ? summary : "", FMT_ICAL);
    lit(&k, "\r\n");
    stamp(&k, "DTSTART:", start_t);
    stamp(&k, "DTEND:", end);
    line(&k, "LOCATION:", location, FMT_ICAL);
    line(&k, "URL:", url, FMT_RAW);
    lit(&k, "END:VEVENT\r\nEND:VCALENDAR\r\n");
    return done(&k);
}

int qrpayload_service(char *out, size_t outlen, const catalog_service *s)
{
    if (has(s->url)) {
        sink k = start(out, outlen);
        text(&k, s->url, FMT_RAW);
        return done(&k);
    }
    char adr[600];
    qrpayload_address(s, adr, sizeof adr);
    if (!has(s->phone) && !has(s->email) && !adr[0]) {
        if (outlen) out[0] = 0;
        return MJ_ENOTFOUND;
    }
    return qrpayload_mecard(out, outlen, s->name, s->phone, s->email, adr);
}

int qrpayload_event(char *out, size_t outlen, const catalog_event *e, time_t now)
{
    if (has(e->url)) {
        sink k = start(out, outlen);
        text(&k, e->url, FMT_RAW);
        return done(&k);
    }
    return qrpayload_vcalendar(out, outlen, e->id, e->title, e->start, e->end, e->place, NULL, now);
}
