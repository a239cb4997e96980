/* slip.c - see slip.h. */
#include "slip.h"
#include "mask.h"
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

void slip_init(slip *s, const char *centre, const char *lang, int year, int month, int mday)
{
    memset(s, 0, sizeof *s);
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
    if (hours) slip_hours_text(hours, s->lang, hrs, sizeof hrs);
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

/* Weekday abbreviations, Monday first, per language; English when the language is not here. */
static const struct { const char *lang; const char *day[7]; const char *sep; const char *list; } weekdays[] = {
    { "fi", { "ma", "ti", "ke", "to", "pe", "la", "su" }, ".", ", " },
    { "sv", { "mån", "tis", "ons", "tors", "fre", "lör", "sön" }, ".", ", " },
    { "en", { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" }, ":", ", " },
    { "et", { "E", "T", "K", "N", "R", "L", "P" }, ":", ", " },
    { "ru", { "Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс" }, ":", ", " },
    { "uk", { "Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Нд" }, ":", ", " },
    { "ar", { "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد" }, ":", "، " },
    { "fa", { "دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه", "شنبه", "یکشنبه" }, ":", "، " },
    { "so", { "Isn", "Tal", "Arb", "Kha", "Jim", "Sab", "Axd" }, ":", ", " },
    { "de", { "Mo", "Di", "Mi", "Do", "Fr", "Sa", "So" }, ":", ", " },
};

static int week_table(const char *lang)
{
    for (size_t i = 0; i < sizeof weekdays / sizeof weekdays[0]; i++) {
        size_t n = strlen(weekdays[i].lang);
        if (!strncmp(lang, weekdays[i].lang, n) && (lang[n] == 0 || lang[n] == '-')) return (int)i;
    }
    return 2;
}

static void fmt_time(char *out, size_t len, int min, const char *sep)
{
    if (min % 60) snprintf(out, len, "%d%s%02d", min / 60, sep, min % 60);
    else snprintf(out, len, "%d", min / 60);
}

void slip_hours_text(const hours_spec *h, const char *lang, char *out, size_t outlen)
{
    int t = week_table(lang ? lang : "en");
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
            fmt_time(a, sizeof a, best->open_min, weekdays[t].sep);
            fmt_time(b, sizeof b, best->close_min, weekdays[t].sep);
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
            if (e == d) w = snprintf(out + o, outlen - o, "%s%s %s", o ? weekdays[t].list : "", weekdays[t].day[d], day[d]);
            else w = snprintf(out + o, outlen - o, "%s%s%s%s %s", o ? weekdays[t].list : "", weekdays[t].day[d],
                              e == d + 1 ? weekdays[t].list : "–", weekdays[t].day[e], day[d]);
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
