/* slip.c - see slip.h. */
#include "slip.h"
#include "mask.h"
#include "model.h"
#include "qrpayload.h"
#include "util.h"
#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* Copies at most outlen-1 bytes without cutting a UTF-8 sequence; control chars become spaces. */
static void copy_text(char *out, size_t outlen, const char *in)
{
    size_t o = 0;
    if (in && mj_utf8_valid(in, strlen(in))) {
        for (const char *p = in; *p;) {
            size_t n = 1;
            unsigned char c = (unsigned char)*p;
            if (c >= 0xF0) n = 4; else if (c >= 0xE0) n = 3; else if (c >= 0xC0) n = 2;
            if (o + n >= outlen) break;
            if (c < 0x20 || c == 0x7f) out[o++] = ' ';
            else { memcpy(out + o, p, n); o += n; }
            p += n;
        }
    }
    out[o] = 0;
}

void slip_init(slip *s, const char *centre, const char *lang, const i18n *words, int year, int month, int mday)
{
    memset(s, 0, sizeof *s);
    s->words = words;
    copy_text(s->centre, sizeof s->centre, centre);
    copy_text(s->lang, sizeof s->lang, lang && *lang ? lang : "fi");
    s->year = year;
    s->month = month;
    s->mday = mday;
}

int slip_add_service(slip *s, const catalog_service *svc, const hours_spec *hours, char *err, size_t errlen)
{
    if (s->nservices >= SLIP_MAX_SERVICES)
        return mj_err(err, errlen, MJ_EFULL, "slip: at most %d services on one slip", SLIP_MAX_SERVICES);
    slip_service *o = &s->services[s->nservices];
    memset(o, 0, sizeof *o);
    copy_text(o->id, sizeof o->id, svc->id);
    copy_text(o->name, sizeof o->name, svc->name);
    copy_text(o->summary, sizeof o->summary, svc->summary);
    char addr[384];
    qrpayload_address(svc, addr, sizeof addr);
    copy_text(o->address, sizeof o->address, addr);
    char hrs[256] = "";
    if (hours) slip_hours_text(hours, s->words, s->lang, hrs, sizeof hrs);
    if (svc->hours_note && *svc->hours_note) {
        size_t n = strlen(hrs);
        snprintf(hrs + n, sizeof hrs - n, "%s%s", n ? ". " : "", svc->hours_note);
    }
    copy_text(o->hours, sizeof o->hours, hrs);
    copy_text(o->phone, sizeof o->phone, svc->phone);
    copy_text(o->email, sizeof o->email, svc->email);
    copy_text(o->url, sizeof o->url, svc->url);
    int rc = qrpayload_service(o->qr, sizeof o->qr, svc);
    if (rc != MJ_OK && rc != MJ_ENOTFOUND) o->qr[0] = 0;   /* too long for a code: the slip prints none */
    s->nservices++;
    return MJ_OK;
}

int slip_set_note(slip *s, const char *note, char *err, size_t errlen)
{
    if (!note) note = "";
    if (!mj_utf8_valid(note, strlen(note))) return mj_err(err, errlen, MJ_EINVAL, "slip: note is not valid UTF-8");
    if (mj_utf8_len(note) > SLIP_NOTE_MAX_CHARS)
        return mj_err(err, errlen, MJ_EINVAL, "slip: note longer than %d characters", SLIP_NOTE_MAX_CHARS);
    char clean[sizeof s->note];
    copy_text(clean, sizeof clean, note);
    slip_mask(clean, s->note, sizeof s->note);
    return MJ_OK;
}

void slip_mask(const char *in, char *out, size_t outlen)
{
    mask_text(in, out, outlen, NULL);
}

/* A word of the slip's language from the catalog the screen reads (core/i18n.h: the .po files),
 * English when the language lacks it, `fallback` when there is no catalog. */
static const char *word(const i18n *t, const char *lang, const char *id, const char *fallback)
{
    const char *w = t ? i18n_get_in(t, lang, id) : NULL;
    if (!w && t) w = i18n_get_in(t, "en", id);
    return w && *w ? w : fallback;
}

/* 9 or 9.30 (the minutes as the screen writes them: fmt.time). */
static void fmt_time(char *out, size_t len, int min, const char *tpl)
{
    char h[8], m[8];
    snprintf(h, sizeof h, "%d", min / 60 % 100);
    snprintf(m, sizeof m, "%02d", min % 60);
    const char *args[] = { h, m };
    if (min % 60) i18n_format(out, len, tpl, args, 2);
    else snprintf(out, len, "%s", h);
}

void slip_hours_text(const hours_spec *h, const i18n *tr, const char *lang, char *out, size_t outlen)
{
    static const char *const ids[7] = { "day.abbr.mon", "day.abbr.tue", "day.abbr.wed", "day.abbr.thu",
                                        "day.abbr.fri", "day.abbr.sat", "day.abbr.sun" };
    if (!lang) lang = "en";
    const char *dn[7];
    for (int d = 0; d < 7; d++) dn[d] = word(tr, lang, ids[d], model_weekday_names[d]);
    const char *list = word(tr, lang, "fmt.list", ", "), *tpl = word(tr, lang, "fmt.time", "{1}:{2}");
    char day[7][96];
    for (int d = 0; d < 7; d++) {
        day[d][0] = 0;
        /* ranges of day d in opening order (the spec need not be sorted) */
        int last_open = -1;
        for (;;) {
            const hours_range *best = NULL;
            for (size_t i = 0; h && i < h->nranges; i++) {
                const hours_range *r = &h->ranges[i];
                if (r->day != d || r->open_min <= last_open) continue;
                if (!best || r->open_min < best->open_min) best = r;
            }
            if (!best) break;
            last_open = best->open_min;
            char a[16], b[16];
            fmt_time(a, sizeof a, best->open_min, tpl);
            fmt_time(b, sizeof b, best->close_min, tpl);
            size_t n = strlen(day[d]);
            snprintf(day[d] + n, sizeof day[d] - n, "%s%s–%s", n ? " & " : "", a, b);
        }
    }
    size_t o = 0;
    out[0] = 0;
    for (int d = 0; d < 7;) {
        int e = d;
        while (e + 1 < 7 && !strcmp(day[e + 1], day[d])) e++;
        if (day[d][0] && o < outlen) {
            int w;
            if (e == d) w = snprintf(out + o, outlen - o, "%s%s %s", o ? list : "", dn[d], day[d]);
            else w = snprintf(out + o, outlen - o, "%s%s%s%s %s", o ? list : "", dn[d], e == d + 1 ? list : "–",
                              dn[e], day[d]);
            if (w < 0 || (size_t)w >= outlen - o) { out[o] = 0; break; }
            o += (size_t)w;
        }
        d = e + 1;
    }
}

int slip_qr_text(const slip_service *svc, char *out, size_t outlen)
{
    if (!outlen) return MJ_EINVAL;
    out[0] = 0;
    if (!svc->qr[0]) return MJ_ENOTFOUND;
    if (strlen(svc->qr) >= outlen) return MJ_EINVAL;
    memcpy(out, svc->qr, strlen(svc->qr) + 1);
    return MJ_OK;
}
