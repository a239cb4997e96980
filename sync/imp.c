/* imp.c - see imp.h. */
#include "imp.h"
#include "bundle.h"
#include "model.h"
#include "tz.h"
#include "util.h"
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const LISTS[] = { "organizations", "locations", "services", "events" };

int imp_result_init(imp_result *r)
{
    memset(r, 0, sizeof *r);
    r->organizations = json_array();
    r->locations = json_array();
    r->services = json_array();
    r->events = json_array();
    r->report = json_array();
    r->seen = json_object();
    for (int i = 0; r->seen && i < 4; i++) json_object_set_new(r->seen, LISTS[i], json_object());
    if (!r->organizations || !r->locations || !r->services || !r->events || !r->report || !r->seen) {
        imp_result_free(r);
        return MJ_ENOMEM;
    }
    return MJ_OK;
}

void imp_result_free(imp_result *r)
{
    json_decref(r->organizations);
    json_decref(r->locations);
    json_decref(r->services);
    json_decref(r->events);
    json_decref(r->report);
    json_decref(r->seen);
    memset(r, 0, sizeof *r);
}

static void vline(imp_result *r, const char *rec, const char *what, const char *fmt, va_list ap)
{
    char msg[600], line[900];
    if (json_array_size(r->report) >= IMP_MAX_REPORT) { r->more++; return; }
    vsnprintf(msg, sizeof msg, fmt, ap);
    mj_utf8_trim(msg);
    snprintf(line, sizeof line, "%s: %s%s", rec, msg, what);
    mj_utf8_trim(line);
    json_array_append_new(r->report, json_string(line));
}

void imp_drop(imp_result *r, const char *rec, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    r->dropped++;
    vline(r, rec, " (left out)", fmt, ap);
    va_end(ap);
}

void imp_skip(imp_result *r, const char *rec, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    r->skipped++;
    vline(r, rec, " (skipped)", fmt, ap);
    va_end(ap);
}

void imp_recname(char *out, size_t len, const char *kind, const char *id, const char *name)
{
    char n[72];
    mj_strlcpy_utf8(n, name ? name : "", sizeof n);
    for (char *p = n; *p; p++)
        if (*p == '"' || (unsigned char)*p < 0x20) *p = '?';
    if (n[0]) snprintf(out, len, "%s \"%s\" (%s)", kind, id ? id : "?", n);
    else snprintf(out, len, "%s \"%s\"", kind, id ? id : "?");
    mj_utf8_trim(out);
}

int imp_id(char out[65], const char *prefix, const char *src)
{
    char buf[256];
    size_t n = 0, pl = strlen(prefix);
    if (!src || !*src || pl > 16) return -1;
    memcpy(buf, prefix, pl);
    n = pl;
    for (const char *p = src; *p && n < sizeof buf - 1; p++) {
        unsigned char c = (unsigned char)*p;
        buf[n++] = isalnum(c) && c < 0x80 ? (char)tolower(c) : (c == '_' || c == '-') ? (char)c : '-';
    }
    buf[n] = 0;
    if (n <= 64 && strlen(src) + pl < sizeof buf - 1) {
        memcpy(out, buf, n + 1);
        return 0;
    }
    char hex[65];
    bundle_sha256_hex(src, strlen(src), hex);
    memcpy(out, buf, 55);
    out[55] = '-';
    memcpy(out + 56, hex, 8);
    out[64] = 0;
    return 0;
}

const char *imp_str(const json_t *v, char *buf, size_t len)
{
    if (json_is_string(v)) return json_string_value(v);
    if (json_is_integer(v)) { snprintf(buf, len, "%lld", (long long)json_integer_value(v)); return buf; }
    return NULL;
}

char *imp_trim(const char *s, size_t limit)
{
    if (!s) return NULL;
    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n') s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n')) n--;
    if (!n) return NULL;
    if (n > limit) n = limit;
    char *o = malloc(n + 1);
    if (!o) return NULL;
    memcpy(o, s, n);
    o[n] = 0;
    mj_utf8_trim(o);
    /* control characters other than new line become spaces (the validator refuses them) */
    for (char *p = o; *p; p++)
        if ((unsigned char)*p < 0x20 && *p != '\n') *p = ' ';
    if (!*o) { free(o); return NULL; }
    return o;
}

void imp_text_set(json_t *text, const char *lang, const char *s, size_t limit)
{
    char b[16];
    const char *l = imp_lang(lang, b);
    char *t = imp_trim(s, limit);
    if (l && t) json_object_set_new(text, l, json_string(t));
    free(t);
}

char *imp_first_line(const char *s, size_t limit)
{
    char *t = imp_trim(s, limit + 1);
    if (!t) return NULL;
    size_t n = strcspn(t, "\n");
    /* a sentence end within the limit */
    for (size_t i = 0; i + 1 < n; i++)
        if ((t[i] == '.' || t[i] == '!' || t[i] == '?') && t[i + 1] == ' ' && i >= 20) { n = i + 1; break; }
    if (n > limit) {
        n = limit;
        while (n > 0 && t[n] != ' ') n--;   /* at a word boundary when there is one */
        if (n == 0) n = limit;
    }
    t[n] = 0;
    mj_utf8_trim(t);
    char *o = imp_trim(t, limit);
    free(t);
    return o;
}

char *imp_html_text(const char *s)
{
    static const struct { const char *ent; const char *txt; } ents[] = {
        { "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" }, { "&quot;", "\"" }, { "&#39;", "'" }, { "&apos;", "'" },
        { "&nbsp;", " " }, { "&#160;", " " }, { "&ndash;", "\xe2\x80\x93" }, { "&mdash;", "\xe2\x80\x94" },
        { "&auml;", "\xc3\xa4" }, { "&ouml;", "\xc3\xb6" }, { "&aring;", "\xc3\xa5" }, { "&Auml;", "\xc3\x84" },
        { "&Ouml;", "\xc3\x96" }, { "&Aring;", "\xc3\x85" }, { "&euro;", "\xe2\x82\xac" } };
    if (!s) return NULL;
    size_t n = strlen(s);
    char *o = malloc(n + 1), *w = o;
    if (!o) return NULL;
    for (const char *p = s; *p;) {
        if (*p == '<') {
            const char *e = strchr(p, '>');
            if (!e) break;
            char tag[8] = { 0 };
            size_t k = 0;
            for (const char *q = p + 1; q < e && k < sizeof tag - 1 && (isalpha((unsigned char)*q) || *q == '/'); q++)
                tag[k++] = (char)tolower((unsigned char)*q);
            if (!strcmp(tag, "br") || !strcmp(tag, "/p") || !strcmp(tag, "/li") || !strcmp(tag, "/div") ||
                !strcmp(tag, "/h1") || !strcmp(tag, "/h2") || !strcmp(tag, "/h3") || !strcmp(tag, "/h4"))
                *w++ = '\n';
            p = e + 1;
            continue;
        }
        if (*p == '&') {
            size_t i;
            for (i = 0; i < sizeof ents / sizeof ents[0]; i++) {
                size_t el = strlen(ents[i].ent);
                if (strncmp(p, ents[i].ent, el) == 0) {
                    size_t tl = strlen(ents[i].txt);   /* never longer than the entity */
                    memcpy(w, ents[i].txt, tl);
                    w += tl;
                    p += el;
                    break;
                }
            }
            if (i < sizeof ents / sizeof ents[0]) continue;
        }
        *w++ = *p++;
    }
    *w = 0;
    /* blanks: runs of spaces as one, at most one empty line */
    char *r = o, *q = o;
    int nl = 0, sp = 0;
    for (; *r; r++) {
        if (*r == '\n') { nl++; sp = 0; continue; }
        if (*r == ' ' || *r == '\t' || *r == '\r') { sp = 1; continue; }
        if (q != o) {
            if (nl) { *q++ = '\n'; if (nl > 1) *q++ = '\n'; }
            else if (sp) *q++ = ' ';
        }
        nl = sp = 0;
        *q++ = *r;
    }
    *q = 0;
    return o;
}

int imp_parse_time(const char *s, int *min)
{
    int h = 0, m = 0, digits = 0;
    const char *p = s;
    if (!s) return -1;
    while (*p == ' ') p++;
    while (isdigit((unsigned char)*p) && digits < 4) { h = h * 10 + (*p++ - '0'); digits++; }
    if (!digits || isdigit((unsigned char)*p)) return -1;
    if (digits >= 3) { m = h % 100; h /= 100; if (digits == 3 && h > 9) return -1; }
    else if (*p == ':' || *p == '.') {
        p++;
        if (!isdigit((unsigned char)p[0]) || !isdigit((unsigned char)p[1])) return -1;
        m = (p[0] - '0') * 10 + (p[1] - '0');
        p += 2;
        if (*p == ':' && isdigit((unsigned char)p[1]) && isdigit((unsigned char)p[2])) {
            p += 3;
            if (*p == '.') { p++; while (isdigit((unsigned char)*p)) p++; }
        }
    }
    while (*p == ' ') p++;
    int ampm = 0;
    if (tolower((unsigned char)p[0]) == 'a' || tolower((unsigned char)p[0]) == 'p') {
        ampm = tolower((unsigned char)p[0]) == 'a' ? 1 : 2;
        p++;
        if (*p == '.') p++;
        if (tolower((unsigned char)*p) != 'm') return -1;
        p++;
        if (*p == '.') p++;
    }
    while (*p == ' ') p++;
    if (*p) return -1;
    if (m > 59) return -1;
    if (ampm) {
        if (h < 1 || h > 12) return -1;
        if (h == 12) h = 0;
        if (ampm == 2) h += 12;
    }
    if (h > 24 || (h == 24 && m)) return -1;
    *min = h * 60 + m;
    return 0;
}

void imp_format_hm(int min, char out[6])
{
    unsigned h = (unsigned)(min / 60) % 100u, m = (unsigned)min % 60u;
    out[0] = (char)('0' + h / 10); out[1] = (char)('0' + h % 10); out[2] = ':';
    out[3] = (char)('0' + m / 10); out[4] = (char)('0' + m % 10); out[5] = 0;
}

int imp_weekday(const char *s)
{
    static const char *const names[7][8] = {
        { "monday", "mon", "mo", "maanantai", "ma", "måndag", "må", NULL },
        { "tuesday", "tue", "tu", "tues", "tiistai", "ti", "tisdag", NULL },
        { "wednesday", "wed", "we", "keskiviikko", "ke", "onsdag", "on", NULL },
        { "thursday", "thu", "th", "thurs", "torstai", "to", "torsdag", NULL },
        { "friday", "fri", "fr", "perjantai", "pe", "fredag", NULL, NULL },
        { "saturday", "sat", "sa", "lauantai", "la", "lördag", "lö", NULL },
        { "sunday", "sun", "su", "sunnuntai", "söndag", "sö", NULL, NULL } };
    char b[24];
    size_t n = 0;
    if (!s) return -1;
    while (*s == ' ') s++;
    if (s[0] >= '1' && s[0] <= '7' && (s[1] == 0 || s[1] == ' ')) return s[0] - '1';
    for (; s[n] && n < sizeof b - 1; n++) b[n] = (char)tolower((unsigned char)s[n]);
    if (s[n]) return -1;
    while (n && (b[n - 1] == ' ' || b[n - 1] == '.')) n--;
    b[n] = 0;
    /* "Å", "Ö" in upper case are two bytes tolower does not touch */
    for (size_t i = 0; i + 1 < n; i++)
        if ((unsigned char)b[i] == 0xc3 && ((unsigned char)b[i + 1] == 0x85 || (unsigned char)b[i + 1] == 0x96))
            b[i + 1] = (char)((unsigned char)b[i + 1] + 0x20);
    for (int d = 0; d < 7; d++)
        for (int k = 0; k < 8 && names[d][k]; k++)
            if (strcmp(b, names[d][k]) == 0) return d;
    return -1;
}

const char *imp_lang(const char *s, char buf[16])
{
    static const char *const names[][2] = {
        { "finnish", "fi" }, { "suomi", "fi" }, { "swedish", "sv" }, { "svenska", "sv" }, { "ruotsi", "sv" },
        { "english", "en" }, { "englanti", "en" }, { "russian", "ru" }, { "estonian", "et" }, { "arabic", "ar" },
        { "somali", "so" }, { "spanish", "es" }, { "french", "fr" }, { "german", "de" }, { "persian", "fa" },
        { "farsi", "fa" }, { "ukrainian", "uk" }, { "chinese", "zh" }, { "vietnamese", "vi" }, { "kurdish", "ku" },
        { "sami", "se" }, { "northern sami", "se" }, { "polish", "pl" }, { "thai", "th" }, { "turkish", "tr" },
        { "dari", "prs" }, { "sign language", "fse" }, { "finnish sign language", "fse" } };
    size_t n = 0;
    if (!s) return NULL;
    while (*s == ' ') s++;
    for (; s[n] && n < 15; n++) buf[n] = (char)tolower((unsigned char)s[n]);
    if (s[n] && s[n] != ' ') {
        /* a longer name: compare whole below */
    }
    buf[n] = 0;
    while (n && buf[n - 1] == ' ') buf[--n] = 0;
    char c[16];
    snprintf(c, sizeof c, "%s", buf);
    char *dash = strpbrk(c, "-_");
    size_t ll = dash ? (size_t)(dash - c) : strlen(c);
    int letters = ll >= 2 && ll <= 3;
    for (size_t i = 0; i < ll; i++) letters &= c[i] >= 'a' && c[i] <= 'z';
    if (letters) {
        /* "fi-FI" is "fi": the content's languages are plain codes where a region adds nothing */
        memcpy(buf, c, ll);
        buf[ll] = 0;
        return buf;
    }
    if (strlen(s) < 32) {
        char w[32];
        size_t k = 0;
        for (; s[k] && k < sizeof w - 1; k++) w[k] = (char)tolower((unsigned char)s[k]);
        w[k] = 0;
        while (k && w[k - 1] == ' ') w[--k] = 0;
        for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
            if (strcmp(w, names[i][0]) == 0) { snprintf(buf, 16, "%s", names[i][1]); return buf; }
    }
    return NULL;
}

int imp_parse_date(const char *s, long long *days)
{
    int y, m, d;
    if (!s || strlen(s) < 10 || sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3 || s[4] != '-' || s[7] != '-') return -1;
    if (s[10] && s[10] != 'T' && s[10] != ' ') return -1;
    static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (y < 1970 || y > 2200 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1]) return -1;
    if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return -1;
    *days = tz_days_from_civil(y, m, d);
    return 0;
}

void imp_format_date(long long days, char out[11])
{
    tz_local lt;
    tz_from_naive(days * 86400, &lt);
    char b[32];
    snprintf(b, sizeof b, "%04d-%02d-%02d", lt.year, lt.month, lt.mday);
    memcpy(out, b, 10);
    out[10] = 0;
}

int imp_local_time(const char *s, char out[20])
{
    int y, mo, d, h, mi, sec = 0, n = 0;
    long long days;
    if (!s || imp_parse_date(s, &days) != 0) return -1;
    if (s[10] != 'T' && s[10] != ' ') return -1;
    if (sscanf(s + 11, "%2d:%2d%n", &h, &mi, &n) != 2) return -1;
    const char *p = s + 11 + n;
    if (*p == ':') {
        if (!isdigit((unsigned char)p[1]) || !isdigit((unsigned char)p[2])) return -1;
        sec = (p[1] - '0') * 10 + (p[2] - '0');
        p += 3;
        if (*p == '.' || *p == ',') { p++; while (isdigit((unsigned char)*p)) p++; }
    }
    if (h > 23 || mi > 59 || sec > 60) return -1;
    if (sec == 60) sec = 59;
    (void)y; (void)mo; (void)d;
    long long naive = days * 86400 + h * 3600 + mi * 60 + sec;
    tz_local lt;
    if (*p == 0) {   /* no offset: already local */
        tz_from_naive(naive, &lt);
        tz_format_local(&lt, out);
        return 0;
    }
    long off = 0;
    if (*p == 'Z' || *p == 'z') {
        p++;
    } else if (*p == '+' || *p == '-') {
        int oh, om = 0, k = 0;
        int sign = *p == '-' ? -1 : 1;
        if (sscanf(p + 1, "%2d%n", &oh, &k) != 1 || k != 2) return -1;
        p += 3;
        if (*p == ':') p++;
        if (isdigit((unsigned char)p[0]) && isdigit((unsigned char)p[1])) { om = (p[0] - '0') * 10 + (p[1] - '0'); p += 2; }
        if (oh > 18 || om > 59) return -1;
        off = sign * (oh * 3600L + om * 60L);
    } else {
        return -1;
    }
    if (*p) return -1;
    time_t t = (time_t)(naive - off);
    if (tz_to_local(t, "Europe/Helsinki", &lt) != 0) return -1;
    tz_format_local(&lt, out);
    return 0;
}

int imp_add_range(json_t *hours, int day, int open, int close)
{
    char o[6], c[6];
    if (close == 0 && open != 0) close = 1440;
    if (open == close || open >= 1440 || day < 0 || day > 6) return -1;
    imp_format_hm(open, o);
    imp_format_hm(close, c);
    json_array_append_new(hours, json_pack("{s:s,s:s,s:s}", "day", model_weekday_names[day], "open", o, "close", c));
    return 0;
}

static int range_cmp(const void *a, const void *b)
{
    const json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
    int dx = imp_weekday(json_string_value(json_object_get(x, "day"))), dy = imp_weekday(json_string_value(json_object_get(y, "day")));
    if (dx != dy) return dx - dy;
    int c = strcmp(json_string_value(json_object_get(x, "open")), json_string_value(json_object_get(y, "open")));
    return c ? c : strcmp(json_string_value(json_object_get(x, "close")), json_string_value(json_object_get(y, "close")));
}

static int exc_cmp(const void *a, const void *b)
{
    const json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
    return strcmp(json_string_value(json_object_get(x, "date")), json_string_value(json_object_get(y, "date")));
}

static void sort_list(json_t *rec, const char *key, int (*cmp)(const void *, const void *))
{
    json_t *list = json_object_get(rec, key);
    size_t n = json_array_size(list);
    if (n < 2) return;
    json_t **v = malloc(n * sizeof *v);
    if (!v) return;
    for (size_t i = 0; i < n; i++) v[i] = json_incref(json_array_get(list, i));
    /* insertion sort: stable, and lists are at most a few hundred items */
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && cmp(&v[j - 1], &v[j]) > 0; j--) { json_t *t = v[j]; v[j] = v[j - 1]; v[j - 1] = t; }
    json_array_clear(list);
    for (size_t i = 0; i < n; i++) json_array_append_new(list, v[i]);
    free(v);
}

void imp_sort_hours(json_t *record)
{
    sort_list(record, "opening_hours", range_cmp);
    sort_list(record, "hours_exceptions", exc_cmp);
}

static json_t *list_of(imp_result *r, const char *list)
{
    return !strcmp(list, "organizations") ? r->organizations : !strcmp(list, "locations") ? r->locations
           : !strcmp(list, "services") ? r->services : r->events;
}

json_t *imp_kept(const imp_result *r, const char *list, const char *id)
{
    json_t *set = json_object_get(r->seen, list);
    return id ? json_object_get(set, id) : NULL;
}

/* The content a record is checked in: a minimal site, the category services need, and what the
 * record refers to. The record is the first item of its list. */
static json_t *mini_content(const imp_result *r, const imp_opts *o, const char *list, json_t *rec)
{
    json_t *c = json_pack("{s:{s:s,s:{s:s},s:s,s:s,s:[s]},s:[{s:s,s:{s:s}}],s:[],s:[],s:[],s:[]}",
                          "site", "id", "import", "name", "en", "import", "location", "imp-main", "default_language", "en",
                          "languages", "en", "categories", "id", o->category ? o->category : "imported", "name", "en", "-",
                          "organizations", "locations", "services", "events");
    if (!c) return NULL;
    json_t *locs = json_object_get(c, "locations");
    json_array_append(json_object_get(c, list), rec);
    if (strcmp(list, "services") == 0) {
        json_t *org = imp_kept(r, "organizations", json_string_value(json_object_get(rec, "organization")));
        json_t *loc = imp_kept(r, "locations", json_string_value(json_object_get(rec, "location")));
        if (org) json_array_append(json_object_get(c, "organizations"), org);
        if (loc) json_array_append(locs, loc);
    }
    json_array_append_new(locs, json_pack("{s:s,s:{s:s},s:{s:s},s:s,s:{s:s}}", "id", "imp-main", "name", "en", "-", "street",
                                          "en", "-", "postal_code", "00100", "city", "en", "-"));
    return c;
}

/* The key of the record that a validator message names ("services[0].opening_hours[2].close:
 * ..." -> "opening_hours", index 2), or 0 when it names the record itself. */
static int failed_key(const char *err, const char *list, char key[32], long *index)
{
    size_t ll = strlen(list);
    *index = -1;
    if (strncmp(err, list, ll) != 0 || strncmp(err + ll, "[0].", 4) != 0) return 0;
    const char *p = err + ll + 4;
    size_t n = strcspn(p, ".[: ");
    if (n == 0 || n >= 32) return 0;
    memcpy(key, p, n);
    key[n] = 0;
    if (p[n] == '[') *index = strtol(p + n + 1, NULL, 10);
    return 1;
}

int imp_keep(imp_result *r, const imp_opts *o, const char *list, json_t *rec, const char *recname)
{
    static const char *const optional[] = { "description", "cost", "url", "email", "phone", "opening_hours",
                                            "hours_exceptions", "hours_note", "location", "place", "lat", "lon",
                                            "accessibility", "exdates", NULL };
    char err[MJ_ERRLEN], key[32];
    json_t *set = json_object_get(r->seen, list);
    const char *id = json_string_value(json_object_get(rec, "id"));
    if (!id) { imp_skip(r, recname, "no id"); json_decref(rec); return 0; }
    if (json_object_get(set, id)) { imp_skip(r, recname, "the same id twice in the input"); json_decref(rec); return 0; }
    /* the bundle's list limits (docs/content-bundle.md) */
    size_t limit = !strcmp(list, "organizations") ? 2000 : !strcmp(list, "events") ? 50000 : 5000;
    if (json_array_size(list_of(r, list)) >= limit) {
        imp_skip(r, recname, "more than %zu %s (the bundle's limit)", limit, list);
        json_decref(rec);
        return 0;
    }
    if (strcmp(list, "services") == 0 || strcmp(list, "locations") == 0) imp_sort_hours(rec);
    for (int attempt = 0; attempt < 120; attempt++) {
        json_t *c = mini_content(r, o, list, rec);
        if (!c) { json_decref(rec); return 0; }
        int rc = bundle_check_content(c, err, sizeof err);
        json_decref(c);
        if (rc == MJ_OK) {
            json_array_append(list_of(r, list), rec);
            json_object_set_new(set, id, rec);
            return 1;
        }
        long idx;
        int k = failed_key(err, list, key, &idx);
        int droppable = k && model_in_list(optional, key);
        if (!droppable) break;
        const char *why = strchr(err, ':');
        why = why ? why + 2 : err;
        json_t *val = json_object_get(rec, key);
        if (json_is_array(val) && idx >= 0 && (size_t)idx < json_array_size(val)) {
            json_t *it = json_array_get(val, (size_t)idx);
            const char *day = json_string_value(json_object_get(it, "day")), *date = json_string_value(json_object_get(it, "date"));
            const char *op = json_string_value(json_object_get(it, "open")), *cl = json_string_value(json_object_get(it, "close"));
            if (day || date)
                imp_drop(r, recname, "%s %.10s %.5s-%.5s: %s", key, day ? day : date, op ? op : "", cl ? cl : "", why);
            else
                imp_drop(r, recname, "%s[%ld]: %s", key, idx, why);
            json_array_remove(val, (size_t)idx);
            if (json_array_size(val) == 0) json_object_del(rec, key);
        } else {
            imp_drop(r, recname, "%s: %s", key, why);
            json_object_del(rec, key);
            if (!strcmp(key, "lat") || !strcmp(key, "lon")) { json_object_del(rec, "lat"); json_object_del(rec, "lon"); }
        }
    }
    const char *why = strncmp(err, list, strlen(list)) == 0 && strstr(err, "[0]") ? err + strlen(list) + 3 : err;
    if (*why == '.') why++;
    imp_skip(r, recname, "%s", why);
    json_decref(rec);
    return 0;
}
