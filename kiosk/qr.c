/* qr.c - see qr.h. */
#include "qr.h"
#include "util.h"
#include <qrencode.h>
#include <stdio.h>
#include <string.h>

int qr_make(const char *payload, qr_code *out, char *err, size_t errlen)
{
    if (!payload || !*payload) return mj_err(err, errlen, MJ_EINVAL, "qr: empty payload");
    QRcode *q = QRcode_encodeString8bit(payload, 0, QR_ECLEVEL_M);
    if (!q) return mj_err(err, errlen, MJ_EINVAL, "qr: payload too long (%zu bytes)", strlen(payload));
    if (q->width > QR_MAX_SIDE) { QRcode_free(q); return mj_err(err, errlen, MJ_EINVAL, "qr: too big"); }
    out->side = q->width;
    for (int i = 0; i < q->width * q->width; i++) out->m[i] = q->data[i] & 1;
    QRcode_free(q);
    return MJ_OK;
}

/* Appends s with the characters in `special` backslash-escaped and newlines per `nl`. */
static int append(char *out, size_t outlen, size_t *o, const char *s, const char *special, const char *nl)
{
    for (; *s; s++) {
        char tmp[4];
        const char *piece = tmp;
        if (*s == '\n') piece = nl;
        else if (*s == '\r') continue;
        else if (strchr(special, *s)) { tmp[0] = '\\'; tmp[1] = *s; tmp[2] = 0; }
        else { tmp[0] = *s; tmp[1] = 0; }
        size_t n = strlen(piece);
        if (*o + n + 1 > outlen) return -1;
        memcpy(out + *o, piece, n);
        *o += n;
    }
    out[*o] = 0;
    return 0;
}

static int raw(char *out, size_t outlen, size_t *o, const char *s)
{
    size_t n = strlen(s);
    if (*o + n + 1 > outlen) return -1;
    memcpy(out + *o, s, n + 1);
    *o += n;
    return 0;
}

int qr_mecard(char *out, size_t outlen, const char *name, const char *phone, const char *email,
              const char *address)
{
    size_t o = 0;
    const char *sp = "\\;,:";
    if (!outlen) return MJ_EINVAL;
    out[0] = 0;
    int bad = raw(out, outlen, &o, "MECARD:N:") || append(out, outlen, &o, name ? name : "", sp, " ") ||
              raw(out, outlen, &o, ";");
    if (!bad && phone && *phone) bad = raw(out, outlen, &o, "TEL:") || append(out, outlen, &o, phone, sp, " ") || raw(out, outlen, &o, ";");
    if (!bad && email && *email) bad = raw(out, outlen, &o, "EMAIL:") || append(out, outlen, &o, email, sp, " ") || raw(out, outlen, &o, ";");
    if (!bad && address && *address) bad = raw(out, outlen, &o, "ADR:") || append(out, outlen, &o, address, sp, " ") || raw(out, outlen, &o, ";");
    if (!bad) bad = raw(out, outlen, &o, ";");
    return bad ? MJ_EINVAL : MJ_OK;
}

static void utc_stamp(time_t t, char buf[32])
{
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, 32, "%Y%m%dT%H%M%SZ", &tm);
}

int qr_vevent(char *out, size_t outlen, const char *uid, const char *summary, time_t start, time_t end,
              const char *location, const char *url)
{
    size_t o = 0;
    const char *sp = "\\;,";
    char s[32], e[32];
    if (!outlen) return MJ_EINVAL;
    out[0] = 0;
    utc_stamp(start, s);
    utc_stamp(end, e);
    int bad = raw(out, outlen, &o, "BEGIN:VEVENT\r\n");
    if (!bad && uid && *uid) bad = raw(out, outlen, &o, "UID:") || append(out, outlen, &o, uid, sp, "\\n") || raw(out, outlen, &o, "\r\n");
    if (!bad) bad = raw(out, outlen, &o, "SUMMARY:") || append(out, outlen, &o, summary ? summary : "", sp, "\\n") ||
                    raw(out, outlen, &o, "\r\nDTSTART:") || raw(out, outlen, &o, s) ||
                    raw(out, outlen, &o, "\r\nDTEND:") || raw(out, outlen, &o, e) || raw(out, outlen, &o, "\r\n");
    if (!bad && location && *location) bad = raw(out, outlen, &o, "LOCATION:") || append(out, outlen, &o, location, sp, "\\n") || raw(out, outlen, &o, "\r\n");
    if (!bad && url && *url) bad = raw(out, outlen, &o, "URL:") || raw(out, outlen, &o, url) || raw(out, outlen, &o, "\r\n");
    if (!bad) bad = raw(out, outlen, &o, "END:VEVENT");
    return bad ? MJ_EINVAL : MJ_OK;
}
