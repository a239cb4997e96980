/* bundle_validate.c - every rule of docs/content-bundle.md for the `content` object.
 * Checks run in a fixed order (lists: categories, organizations, locations, site, services,
 * events, feedback_questions; within an item: unknown keys, then fields in the spec's order), so
 * the first problem reported for a given bundle is always the same one. */
#include "bundle_int.h"
#include "model.h"
#include "tz.h"
#include "util.h"
#include <libical/ical.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

enum { OPT = 0, REQ = 1 };
enum { T_STRING, T_INT, T_NUMBER, T_BOOL, T_OBJECT, T_LIST };

#define LIMIT_NAME 200
#define LIMIT_SUMMARY 400
#define LIMIT_DESCRIPTION 4000
#define LIMIT_TEXT 1000
#define LIMIT_LIST 100

int bv_init(bvctx *v, char *err, size_t errlen)
{
    memset(v, 0, sizeof *v);
    v->err = err;
    v->errlen = errlen;
    v->categories = json_object();
    v->organizations = json_object();
    v->locations = json_object();
    v->services = json_object();
    v->events = json_object();
    v->questions = json_object();
    if (!v->categories || !v->organizations || !v->locations || !v->services || !v->events || !v->questions) {
        bv_free(v);
        return mj_err(err, errlen, MJ_ENOMEM, "bundle: out of memory");
    }
    return MJ_OK;
}

void bv_free(bvctx *v)
{
    json_decref(v->categories);
    json_decref(v->organizations);
    json_decref(v->locations);
    json_decref(v->services);
    json_decref(v->events);
    json_decref(v->questions);
    v->categories = v->organizations = v->locations = v->services = v->events = v->questions = NULL;
}

int bv_fail(bvctx *v, const char *path, const char *fmt, ...)
{
    char msg[MJ_ERRLEN];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return mj_err(v->err, v->errlen, MJ_EINVAL, "%s: %s", path, msg);
}

const char *bv_shown(const char *s, char buf[80])
{
    size_t i = 0;
    for (; s[i] && i < 64; i++) {
        unsigned char c = (unsigned char)s[i];
        buf[i] = (c < 0x20 || c == 0x7f || c == '"') ? '?' : (char)c;
    }
    if (s[i]) {
        /* Cut on a character boundary, then mark the cut. */
        while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80) i--;
        memcpy(buf + i, "...", 4);
    } else {
        buf[i] = 0;
    }
    return buf;
}

/* Paths: "base.key", or "base key" when base ends in a quoted name (calendar: VEVENT "uid"). */
static void sub(char out[BV_PATHLEN], const char *base, const char *key)
{
    /* copied by hand: a path cut at BV_PATHLEN is still a fine message */
    size_t n = strlen(base), k = strlen(key), o = 0;
    if (n > BV_PATHLEN - 2) n = BV_PATHLEN - 2;
    memmove(out, base, n);
    o = n;
    if (n) out[o++] = base[n - 1] == '"' ? ' ' : '.';
    if (k > BV_PATHLEN - 1 - o) k = BV_PATHLEN - 1 - o;
    memcpy(out + o, key, k);
    out[o + k] = 0;
}

static void item(char out[BV_PATHLEN], const char *base, const char *key, size_t i)
{
    char k[96];
    snprintf(k, sizeof k, "%s[%zu]", key, i);
    sub(out, base, k);
}

static int keys_ok(bvctx *v, json_t *obj, const char *path, const char *const *allowed)
{
    const char *k;
    json_t *val;
    char b[80];
    json_object_foreach(obj, k, val) {
        if (strncmp(k, "x-", 2) == 0) continue;
        if (!model_in_list(allowed, k)) return bv_fail(v, path, "unknown key \"%s\"", bv_shown(k, b));
    }
    return MJ_OK;
}

static int get(bvctx *v, json_t *obj, const char *path, const char *key, int type, int req, json_t **out)
{
    char p[BV_PATHLEN];
    json_t *x = json_object_get(obj, key);
    *out = NULL;
    if (!x) {
        if (!req) return MJ_OK;
        sub(p, path, key);
        return bv_fail(v, p, "is missing");
    }
    static const char *const what[] = { "a string", "an integer", "a number", "true or false",
                                        "an object", "a list" };
    int ok = 0;
    switch (type) {
    case T_STRING: ok = json_is_string(x); break;
    case T_INT: ok = json_is_integer(x); break;
    case T_NUMBER: ok = json_is_number(x); break;
    case T_BOOL: ok = json_is_boolean(x); break;
    case T_OBJECT: ok = json_is_object(x); break;
    case T_LIST: ok = json_is_array(x); break;
    }
    if (!ok) {
        sub(p, path, key);
        return bv_fail(v, p, "must be %s", what[type]);
    }
    *out = x;
    return MJ_OK;
}

static int get_str(bvctx *v, json_t *obj, const char *path, const char *key, int req, const char **out)
{
    json_t *x;
    int rc = get(v, obj, path, key, T_STRING, req, &x);
    *out = x ? json_string_value(x) : NULL;
    return rc;
}

/* A list with at most max items; min > 0 rejects a shorter one. */
static int get_list(bvctx *v, json_t *obj, const char *path, const char *key, int req, size_t min,
                    size_t max, json_t **out)
{
    int rc = get(v, obj, path, key, T_LIST, req, out);
    if (rc || !*out) return rc;
    char p[BV_PATHLEN];
    sub(p, path, key);
    size_t n = json_array_size(*out);
    if (n > max) return bv_fail(v, p, "has more than %zu items", max);
    if (n < min) return min == 1 ? bv_fail(v, p, "is empty") : bv_fail(v, p, "has fewer than %zu items", min);
    return MJ_OK;
}

/* Bytes of a text string: not empty, within limit, no control characters except newline
 * (C0, DEL and the C1 range U+0080..U+009F). */
static int check_chars(bvctx *v, const char *path, const char *s, size_t len, size_t limit)
{
    if (len == 0) return bv_fail(v, path, "is empty");
    if (len > limit) return bv_fail(v, path, "is longer than %zu bytes", limit);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c < 0x20 && c != '\n') || c == 0x7f ||
            (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] >= 0x80 && (unsigned char)s[i + 1] <= 0x9F))
            return bv_fail(v, path, "contains a control character");
    }
    return MJ_OK;
}

static int text(bvctx *v, json_t *obj, const char *path, const char *key, int req, size_t limit)
{
    json_t *t, *s;
    const char *k;
    char p[BV_PATHLEN], q[BV_PATHLEN], b[80];
    int rc = get(v, obj, path, key, T_OBJECT, req, &t);
    if (rc || !t) return rc;
    sub(p, path, key);
    int n = 0;
    json_object_foreach(t, k, s) {
        if (strncmp(k, "x-", 2) == 0) continue;
        if (!model_lang_valid(k)) return bv_fail(v, p, "\"%s\" is not a language code", bv_shown(k, b));
        sub(q, p, k);
        if (!json_is_string(s)) return bv_fail(v, q, "must be a string");
        if ((rc = check_chars(v, q, json_string_value(s), json_string_length(s), limit))) return rc;
        n++;
    }
    if (!n) return bv_fail(v, p, "has no languages");
    return MJ_OK;
}

static int id_field(bvctx *v, json_t *obj, const char *path, json_t *set, const char **out)
{
    const char *id;
    char p[BV_PATHLEN], b[80];
    int rc = get_str(v, obj, path, "id", REQ, &id);
    if (rc) return rc;
    sub(p, path, "id");
    if (!model_id_valid(id)) return bv_fail(v, p, "\"%s\" is not a valid id", bv_shown(id, b));
    if (!set) return MJ_OK;   /* the site's id is in no list */
    json_t *prev = json_object_get(set, id);
    if (prev) return bv_fail(v, p, "\"%s\" is already used by %s", id, json_string_value(prev));
    if (json_object_set_new(set, id, json_string(path))) return bv_fail(v, p, "out of memory");
    if (out) *out = id;
    return MJ_OK;
}

static int ref(bvctx *v, json_t *obj, const char *path, const char *key, int req, json_t *set,
               const char *listname)
{
    const char *id;
    char p[BV_PATHLEN], b[80];
    int rc = get_str(v, obj, path, key, req, &id);
    if (rc || !id) return rc;
    sub(p, path, key);
    if (!json_object_get(set, id)) return bv_fail(v, p, "\"%s\" is not an id in %s", bv_shown(id, b), listname);
    return MJ_OK;
}

static int url_ok(const char *s)
{
    size_t n = strlen(s), skip;
    if (n > 500) return 0;
    if (strncmp(s, "https://", 8) == 0) skip = 8;
    else if (strncmp(s, "http://", 7) == 0) skip = 7;
    else return 0;
    if (n == skip || s[skip] == '/' || s[skip] == '.' || s[skip] == ':') return 0;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] <= 0x20 || s[i] == 0x7f) return 0;
    return 1;
}

static int email_ok(const char *s)
{
    size_t n = strlen(s);
    const char *at = strchr(s, '@');
    if (n > 254 || !at || at == s || at - s > 64 || strchr(at + 1, '@')) return 0;
    for (const char *p = s; p < at; p++) {
        unsigned char c = (unsigned char)*p;
        if (c <= 0x20 || c >= 0x7f || strchr("()<>[]:;,\\\"", c)) return 0;
    }
    /* domain: labels of letters, digits and '-', at least two, none empty */
    const char *d = at + 1;
    size_t label = 0;
    int dots = 0;
    for (; *d; d++) {
        unsigned char c = (unsigned char)*d;
        if (c == '.') {
            if (!label) return 0;
            label = 0;
            dots++;
        } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-') {
            if (++label > 63) return 0;
        } else {
            return 0;
        }
    }
    return dots > 0 && label > 0;
}

static int phone_ok(const char *s)
{
    size_t n = strlen(s), digits = 0;
    if (n < 3 || n > 32) return 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] >= '0' && s[i] <= '9') digits++;
        else if (!strchr(" +-()", s[i])) return 0;
    }
    return digits >= 3;
}

static int contact(bvctx *v, json_t *obj, const char *path)
{
    const char *s;
    char p[BV_PATHLEN], b[80];
    int rc;
    if ((rc = get_str(v, obj, path, "url", OPT, &s))) return rc;
    if (s && !url_ok(s)) { sub(p, path, "url"); return bv_fail(v, p, "\"%s\" is not a valid url", bv_shown(s, b)); }
    if ((rc = get_str(v, obj, path, "email", OPT, &s))) return rc;
    if (s && !email_ok(s)) {
        sub(p, path, "email");
        return bv_fail(v, p, "\"%s\" is not a valid email address", bv_shown(s, b));
    }
    if ((rc = get_str(v, obj, path, "phone", OPT, &s))) return rc;
    if (s && !phone_ok(s)) {
        sub(p, path, "phone");
        return bv_fail(v, p, "\"%s\" is not a valid phone number", bv_shown(s, b));
    }
    return MJ_OK;
}

typedef int (*str_check)(bvctx *v, const char *path, const char *s, void *ctx);

/* A list of strings, each checked by fn, none twice. */
static int str_list(bvctx *v, json_t *obj, const char *path, const char *key, int req, size_t min,
                    str_check fn, void *ctx)
{
    json_t *list, *x;
    size_t i;
    char p[BV_PATHLEN], b[80];
    int rc = get_list(v, obj, path, key, req, min, LIMIT_LIST, &list);
    if (rc || !list) return rc;
    json_array_foreach(list, i, x) {
        item(p, path, key, i);
        if (!json_is_string(x)) return bv_fail(v, p, "must be a string");
        const char *s = json_string_value(x);
        if ((rc = fn(v, p, s, ctx))) return rc;
        for (size_t j = 0; j < i; j++)
            if (strcmp(json_string_value(json_array_get(list, j)), s) == 0)
                return bv_fail(v, p, "\"%s\" is listed twice", bv_shown(s, b));
    }
    return MJ_OK;
}

static int is_lang(bvctx *v, const char *path, const char *s, void *ctx)
{
    char b[80];
    (void)ctx;
    return model_lang_valid(s) ? MJ_OK : bv_fail(v, path, "\"%s\" is not a language code", bv_shown(s, b));
}

static int is_audience(bvctx *v, const char *path, const char *s, void *ctx)
{
    char b[80];
    (void)ctx;
    return model_audience_from_name(s) >= 0 ? MJ_OK : bv_fail(v, path, "\"%s\" is not an audience", bv_shown(s, b));
}

static int is_category(bvctx *v, const char *path, const char *s, void *ctx)
{
    char b[80];
    (void)ctx;
    return json_object_get(v->categories, s) ? MJ_OK
                                              : bv_fail(v, path, "\"%s\" is not an id in categories", bv_shown(s, b));
}

/* Date or local date-time (an occurrence's start). */
static int is_exdate(bvctx *v, const char *path, const char *s, void *ctx)
{
    tz_local lt;
    char b[80];
    (void)ctx;
    return tz_parse_local(s, &lt, NULL) == 0 ? MJ_OK
           : bv_fail(v, path, "\"%s\" is not a date or local date-time", bv_shown(s, b));
}

int bv_parse_hm(const char *s, int allow24, int *min)
{
    if (strlen(s) != 5 || s[2] != ':') return -1;
    for (int i = 0; i < 5; i++)
        if (i != 2 && (s[i] < '0' || s[i] > '9')) return -1;
    int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
    if (m > 59) return -1;
    if (h == 24 && m == 0 && allow24) { *min = 1440; return 0; }
    if (h > 23) return -1;
    *min = h * 60 + m;
    return 0;
}

/* open/close pair of an hours range or exception. */
static int open_close(bvctx *v, json_t *obj, const char *path, int req, int *open, int *close, int *present)
{
    const char *o, *c;
    char p[BV_PATHLEN], b[80];
    int rc;
    if ((rc = get_str(v, obj, path, "open", req, &o)) || (rc = get_str(v, obj, path, "close", req, &c))) return rc;
    *present = (o != NULL) + (c != NULL);
    if (o) {
        sub(p, path, "open");
        if (bv_parse_hm(o, 0, open) != 0)
            return strcmp(o, "24:00") == 0 ? bv_fail(v, p, "\"24:00\" is only allowed as a closing time")
                                           : bv_fail(v, p, "\"%s\" is not a time (HH:MM)", bv_shown(o, b));
    }
    if (c) {
        sub(p, path, "close");
        if (bv_parse_hm(c, 1, close) != 0) return bv_fail(v, p, "\"%s\" is not a time (HH:MM)", bv_shown(c, b));
    }
    if (o && c && *open == *close) return bv_fail(v, path, "open and close are the same");
    return MJ_OK;
}

static int overlap(int as, int ae, int bs, int be)
{
    const int W = 7 * 1440;   /* ranges past Sunday midnight wrap to Monday */
    return (as < be && bs < ae) || (as + W < be && bs < ae + W) || (as < be + W && bs + W < ae);
}

static int hours(bvctx *v, json_t *obj, const char *path)
{
    static const char *const keys[] = { "day", "open", "close", NULL };
    json_t *list, *r;
    size_t i;
    int st[LIMIT_LIST], en[LIMIT_LIST], rc;
    char p[BV_PATHLEN], q[BV_PATHLEN], b[80];
    if ((rc = get_list(v, obj, path, "opening_hours", OPT, 0, LIMIT_LIST, &list)) || !list) return rc;
    json_array_foreach(list, i, r) {
        const char *day;
        int open = 0, close = 0, present;
        item(p, path, "opening_hours", i);
        if (!json_is_object(r)) return bv_fail(v, p, "must be an object");
        if ((rc = keys_ok(v, r, p, keys)) || (rc = get_str(v, r, p, "day", REQ, &day))) return rc;
        int d = model_weekday_from_name(day);
        if (d < 0) { sub(q, p, "day"); return bv_fail(v, q, "\"%s\" is not a weekday", bv_shown(day, b)); }
        if ((rc = open_close(v, r, p, REQ, &open, &close, &present))) return rc;
        st[i] = d * 1440 + open;
        en[i] = d * 1440 + (close > open ? close : 1440 + close);
        for (size_t j = 0; j < i; j++)
            if (overlap(st[i], en[i], st[j], en[j])) return bv_fail(v, p, "overlaps opening_hours[%zu]", j);
    }
    return MJ_OK;
}

static int exceptions(bvctx *v, json_t *obj, const char *path)
{
    static const char *const keys[] = { "date", "closed", "open", "close", "note", NULL };
    json_t *list, *r, *closed;
    size_t i;
    int rc;
    char p[BV_PATHLEN], q[BV_PATHLEN], b[80];
    if ((rc = get_list(v, obj, path, "hours_exceptions", OPT, 0, LIMIT_LIST, &list)) || !list) return rc;
    json_array_foreach(list, i, r) {
        const char *date;
        tz_local lt;
        int date_only = 0, open, close, present;
        item(p, path, "hours_exceptions", i);
        if (!json_is_object(r)) return bv_fail(v, p, "must be an object");
        if ((rc = keys_ok(v, r, p, keys)) || (rc = get_str(v, r, p, "date", REQ, &date))) return rc;
        sub(q, p, "date");
        if (tz_parse_local(date, &lt, &date_only) != 0 || !date_only)
            return bv_fail(v, q, "\"%s\" is not a date (YYYY-MM-DD)", bv_shown(date, b));
        for (size_t j = 0; j < i; j++)
            if (strcmp(json_string_value(json_object_get(json_array_get(list, j), "date")), date) == 0)
                return bv_fail(v, q, "\"%s\" is already used by hours_exceptions[%zu]", date, j);
        if ((rc = get(v, r, p, "closed", T_BOOL, OPT, &closed))) return rc;
        if ((rc = open_close(v, r, p, OPT, &open, &close, &present))) return rc;
        if (closed && json_is_true(closed)) {
            if (present) return bv_fail(v, p, "closed: true cannot have open or close");
        } else if (present != 2) {
            return bv_fail(v, p, "needs closed: true, or open and close");
        }
        if ((rc = text(v, r, p, "note", OPT, LIMIT_TEXT))) return rc;
    }
    return MJ_OK;
}

static int categories(bvctx *v, json_t *list)
{
    static const char *const keys[] = { "id", "name", "icon", NULL };
    json_t *c;
    size_t i;
    int rc;
    char p[BV_PATHLEN], q[BV_PATHLEN], b[80];
    json_array_foreach(list, i, c) {
        const char *icon;
        item(p, "", "categories", i);
        if (!json_is_object(c)) return bv_fail(v, p, "must be an object");
        if ((rc = keys_ok(v, c, p, keys)) || (rc = id_field(v, c, p, v->categories, NULL)) ||
            (rc = text(v, c, p, "name", REQ, LIMIT_NAME)) || (rc = get_str(v, c, p, "icon", OPT, &icon)))
            return rc;
        if (icon && !model_in_list(model_category_icons, icon)) {
            sub(q, p, "icon");
            return bv_fail(v, q, "\"%s\" is not an icon name", bv_shown(icon, b));
        }
    }
    return MJ_OK;
}

static int organizations(bvctx *v, json_t *list)
{
    static const char *const keys[] = { "id", "name", "kind", "url", "phone", "email", NULL };
    json_t *o;
    size_t i;
    int rc;
    char p[BV_PATHLEN], q[BV_PATHLEN], b[80];
    json_array_foreach(list, i, o) {
        const char *kind;
        item(p, "", "organizations", i);
        if (!json_is_object(o)) return bv_fail(v, p, "must be an object");
        if ((rc = keys_ok(v, o, p, keys)) || (rc = id_field(v, o, p, v->organizations, NULL)) ||
            (rc = text(v, o, p, "name", REQ, LIMIT_NAME)) || (rc = get_str(v, o, p, "kind", REQ, &kind)))
            return rc;
        if (!model_in_list(model_org_kinds, kind)) {
            sub(q, p, "kind");
            return bv_fail(v, q, "\"%s\" is not an organization kind", bv_shown(kind, b));
        }
        if ((rc = contact(v, o, p))) return rc;
    }
    return MJ_OK;
}

static int locations(bvctx *v, json_t *list)
{
    static const char *const keys[] = { "id", "name", "street", "postal_code", "city", "lat", "lon",
                                        "accessibility", NULL };
    json_t *l, *lat, *lon;
    size_t i;
    int rc;
    char p[BV_PATHLEN], q[BV_PATHLEN], b[80];
    json_array_foreach(list, i, l) {
        const char *pc;
        item(p, "", "locations", i);
        if (!json_is_object(l)) return bv_fail(v, p, "must be an object");
        if ((rc = keys_ok(v, l, p, keys)) || (rc = id_field(v, l, p, v->locations, NULL)) ||
            (rc = text(v, l, p, "name", REQ, LIMIT_NAME)) || (rc = text(v, l, p, "street", REQ, LIMIT_TEXT)) ||
            (rc = get_str(v, l, p, "postal_code", REQ, &pc)))
            return rc;
        if (strlen(pc) != 5 || strspn(pc, "0123456789") != 5) {
            sub(q, p, "postal_code");
            return bv_fail(v, q, "\"%s\" is not 5 digits", bv_shown(pc, b));
        }
        if ((rc = text(v, l, p, "city", REQ, LIMIT_TEXT)) || (rc = get(v, l, p, "lat", T_NUMBER, OPT, &lat)) ||
            (rc = get(v, l, p, "lon", T_NUMBER, OPT, &lon)))
            return rc;
        if (!lat != !lon) return bv_fail(v, p, "lat and lon must be given together");
        if (lat && (json_number_value(lat) < -90 || json_number_value(lat) > 90)) {
            sub(q, p, "lat");
            return bv_fail(v, q, "must be between -90 and 90");
        }
        if (lon && (json_number_value(lon) < -180 || json_number_value(lon) > 180)) {
            sub(q, p, "lon");
            return bv_fail(v, q, "must be between -180 and 180");
        }
        if ((rc = text(v, l, p, "accessibility", OPT, LIMIT_TEXT))) return rc;
    }
    return MJ_OK;
}

static int site(bvctx *v, json_t *s)
{
    static const char *const keys[] = { "id", "name", "location", "default_language", "languages", "fallback",
                                        "timezone", "opening_hours", "hours_exceptions", "phone", "email",
                                        "url", NULL };
    const char *p = "site", *dl, *tzid;
    char q[BV_PATHLEN], b[80];
    json_t *langs, *x;
    size_t i;
    int rc;
    if ((rc = keys_ok(v, s, p, keys)) || (rc = id_field(v, s, p, NULL, NULL)) ||
        (rc = text(v, s, p, "name", REQ, LIMIT_NAME)) || (rc = ref(v, s, p, "location", REQ, v->locations, "locations")) ||
        (rc = get_str(v, s, p, "default_language", REQ, &dl)))
        return rc;
    if (!model_lang_valid(dl)) return bv_fail(v, "site.default_language", "\"%s\" is not a language code", bv_shown(dl, b));
    if ((rc = str_list(v, s, p, "languages", REQ, 1, is_lang, NULL))) return rc;
    langs = json_object_get(s, "languages");
    int found = 0;
    json_array_foreach(langs, i, x) found |= strcmp(json_string_value(x), dl) == 0;
    if (!found) return bv_fail(v, "site.default_language", "\"%s\" is not in site.languages", dl);
    v->default_language = dl;
    if ((rc = str_list(v, s, p, "fallback", OPT, 1, is_lang, NULL)) || (rc = get_str(v, s, p, "timezone", OPT, &tzid)))
        return rc;
    if (tzid && strcmp(tzid, "Europe/Helsinki") != 0) {
        sub(q, p, "timezone");
        return bv_fail(v, q, "\"%s\" is not supported (only Europe/Helsinki)", bv_shown(tzid, b));
    }
    if ((rc = hours(v, s, p)) || (rc = exceptions(v, s, p)) || (rc = contact(v, s, p))) return rc;
    return MJ_OK;
}

static int services(bvctx *v, json_t *list)
{
    static const char *const keys[] = { "id", "organization", "location", "name", "summary", "description",
                                        "categories", "audiences", "languages", "free", "cost", "url", "email",
                                        "phone", "opening_hours", "hours_exceptions", "hours_note", NULL };
    json_t *s, *x;
    size_t i;
    int rc;
    char p[BV_PATHLEN];
    json_array_foreach(list, i, s) {
        item(p, "", "services", i);
        if (!json_is_object(s)) return bv_fail(v, p, "must be an object");
        if ((rc = keys_ok(v, s, p, keys)) || (rc = id_field(v, s, p, v->services, NULL)) ||
            (rc = ref(v, s, p, "organization", REQ, v->organizations, "organizations")) ||
            (rc = ref(v, s, p, "location", OPT, v->locations, "locations")) ||
            (rc = text(v, s, p, "name", REQ, LIMIT_NAME)) || (rc = text(v, s, p, "summary", REQ, LIMIT_SUMMARY)) ||
            (rc = text(v, s, p, "description", OPT, LIMIT_DESCRIPTION)) ||
            (rc = str_list(v, s, p, "categories", REQ, 1, is_category, NULL)) ||
            (rc = str_list(v, s, p, "audiences", REQ, 1, is_audience, NULL)) ||
            (rc = str_list(v, s, p, "languages", REQ, 1, is_lang, NULL)) ||
            (rc = get(v, s, p, "free", T_BOOL, REQ, &x)) || (rc = text(v, s, p, "cost", OPT, LIMIT_TEXT)) ||
            (rc = contact(v, s, p)) || (rc = hours(v, s, p)) || (rc = exceptions(v, s, p)) ||
            (rc = text(v, s, p, "hours_note", OPT, LIMIT_TEXT)))
            return rc;
    }
    return MJ_OK;
}

/* Seconds from 1970-01-01 of a local wall-clock time, ignoring zones: enough to compare two
 * local times and measure their distance. */
static long long wall_seconds(const tz_local *t)
{
    int y = t->year, m = t->month;
    if (m <= 2) { y--; m += 12; }
    long long days = 365LL * y + y / 4 - y / 100 + y / 400 + (153 * (m - 3) + 2) / 5 + t->mday - 719469;
    return days * 86400 + t->hour * 3600 + t->minute * 60 + t->second;
}

static int local_dt(bvctx *v, json_t *obj, const char *path, const char *key, tz_local *out)
{
    const char *s;
    int date_only = 1, rc;
    char p[BV_PATHLEN], b[80];
    if ((rc = get_str(v, obj, path, key, REQ, &s))) return rc;
    if (tz_parse_local(s, out, &date_only) != 0 || date_only) {
        sub(p, path, key);
        return bv_fail(v, p, "\"%s\" is not a local date-time (YYYY-MM-DDTHH:MM)", bv_shown(s, b));
    }
    return MJ_OK;
}

static int rrule(bvctx *v, json_t *ev, const char *path)
{
    const char *s;
    char p[BV_PATHLEN], b[80];
    int rc;
    if ((rc = get_str(v, ev, path, "rrule", OPT, &s)) || !s) return rc;
    sub(p, path, "rrule");
    if (strlen(s) > LIMIT_TEXT) return bv_fail(v, p, "is longer than %d bytes", LIMIT_TEXT);
    for (const char *c = s; *c; c++)
        if ((unsigned char)*c <= 0x20 || (unsigned char)*c >= 0x7f)
            return bv_fail(v, p, "\"%s\" is not a valid RRULE", bv_shown(s, b));
    icalerror_clear_errno();
    struct icalrecurrencetype r = icalrecurrencetype_from_string(s);
    int bad = icalerrno != ICAL_NO_ERROR || r.freq == ICAL_NO_RECURRENCE;
    icalerror_clear_errno();
    if (bad) return bv_fail(v, p, "\"%s\" is not a valid RRULE", bv_shown(s, b));
    if (r.freq != ICAL_DAILY_RECURRENCE && r.freq != ICAL_WEEKLY_RECURRENCE &&
        r.freq != ICAL_MONTHLY_RECURRENCE && r.freq != ICAL_YEARLY_RECURRENCE)
        return bv_fail(v, p, "FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY");
    return MJ_OK;
}

int bv_event(bvctx *v, json_t *ev, const char *p)
{
    static const char *const keys[] = { "id", "title", "description", "service", "location", "place", "start",
                                        "end", "rrule", "exdates", "audiences", "free", "cost", "registration",
                                        "url", NULL };
    json_t *x;
    tz_local st, en;
    char q[BV_PATHLEN];
    int rc;
    if (!json_is_object(ev)) return bv_fail(v, p, "must be an object");
    if ((rc = keys_ok(v, ev, p, keys)) || (rc = id_field(v, ev, p, v->events, NULL)) ||
        (rc = text(v, ev, p, "title", REQ, LIMIT_NAME)) || (rc = text(v, ev, p, "description", OPT, LIMIT_DESCRIPTION)) ||
        (rc = ref(v, ev, p, "service", OPT, v->services, "services")) ||
        (rc = ref(v, ev, p, "location", OPT, v->locations, "locations")) || (rc = text(v, ev, p, "place", OPT, LIMIT_TEXT)))
        return rc;
    if (json_object_get(ev, "location") && json_object_get(ev, "place"))
        return bv_fail(v, p, "has both location and place");
    if ((rc = local_dt(v, ev, p, "start", &st)) || (rc = local_dt(v, ev, p, "end", &en))) return rc;
    long long d = wall_seconds(&en) - wall_seconds(&st);
    sub(q, p, "end");
    if (d < 0) return bv_fail(v, q, "is before start");
    if (d == 0) return bv_fail(v, q, "is the same as start");
    if (d > 7LL * 86400) return bv_fail(v, q, "is more than 7 days after start");
    if ((rc = rrule(v, ev, p)) || (rc = str_list(v, ev, p, "exdates", OPT, 0, is_exdate, NULL)) ||
        (rc = str_list(v, ev, p, "audiences", REQ, 1, is_audience, NULL)) ||
        (rc = get(v, ev, p, "free", T_BOOL, REQ, &x)) || (rc = text(v, ev, p, "cost", OPT, LIMIT_TEXT)) ||
        (rc = get(v, ev, p, "registration", T_BOOL, REQ, &x)) || (rc = contact(v, ev, p)))
        return rc;
    return MJ_OK;
}

static int questions(bvctx *v, json_t *list)
{
    static const char *const keys[] = { "id", "version", "kind", "text", "options", NULL };
    static const char *const okeys[] = { "id", "text", NULL };
    json_t *qn, *x, *opts, *o;
    size_t i, j;
    int rc;
    char p[BV_PATHLEN], q[BV_PATHLEN], b[80];
    json_array_foreach(list, i, qn) {
        const char *kind;
        item(p, "", "feedback_questions", i);
        if (!json_is_object(qn)) return bv_fail(v, p, "must be an object");
        if ((rc = keys_ok(v, qn, p, keys)) || (rc = id_field(v, qn, p, v->questions, NULL)) ||
            (rc = get(v, qn, p, "version", T_INT, REQ, &x)))
            return rc;
        if (json_integer_value(x) < 1) { sub(q, p, "version"); return bv_fail(v, q, "must be at least 1"); }
        if ((rc = get_str(v, qn, p, "kind", REQ, &kind))) return rc;
        if (strcmp(kind, "single") != 0 && strcmp(kind, "multiple") != 0) {
            sub(q, p, "kind");
            return bv_fail(v, q, "\"%s\" is not single or multiple", bv_shown(kind, b));
        }
        if ((rc = text(v, qn, p, "text", REQ, LIMIT_TEXT)) || (rc = get(v, qn, p, "options", T_LIST, REQ, &opts)))
            return rc;
        sub(q, p, "options");
        if (json_array_size(opts) < 2 || json_array_size(opts) > 8) return bv_fail(v, q, "must have 2 to 8 options");
        json_t *seen = json_object();
        if (!seen) return bv_fail(v, q, "out of memory");
        json_array_foreach(opts, j, o) {
            const char *id;
            item(q, p, "options", j);
            if (!json_is_object(o)) rc = bv_fail(v, q, "must be an object");
            else if (!(rc = keys_ok(v, o, q, okeys)) && !(rc = id_field(v, o, q, seen, &id)))
                rc = text(v, o, q, "text", REQ, LIMIT_TEXT);
            if (rc) break;
        }
        json_decref(seen);
        if (rc) return rc;
    }
    return MJ_OK;
}

/* A content list: present (unless optional), a list, within its count limit. */
static int top_list(bvctx *v, json_t *content, const char *key, int req, size_t max, json_t **out)
{
    return get_list(v, content, "", key, req, 0, max, out);
}

int bv_content(bvctx *v, json_t *content)
{
    static const char *const keys[] = { "site", "categories", "organizations", "locations", "services", "events",
                                        "feedback_questions", NULL };
    json_t *cats, *orgs, *locs, *s, *svcs, *evs, *qs, *ev;
    size_t i;
    char p[BV_PATHLEN];
    int rc;
    if ((rc = keys_ok(v, content, "content", keys))) return rc;
    if ((rc = top_list(v, content, "categories", REQ, 100, &cats)) ||
        (rc = top_list(v, content, "organizations", REQ, 2000, &orgs)) ||
        (rc = top_list(v, content, "locations", REQ, 5000, &locs)) ||
        (rc = top_list(v, content, "services", REQ, 5000, &svcs)) ||
        (rc = top_list(v, content, "events", OPT, 50000, &evs)) ||
        (rc = top_list(v, content, "feedback_questions", OPT, 50, &qs)) ||
        (rc = get(v, content, "", "site", T_OBJECT, REQ, &s)))
        return rc;
    if ((rc = categories(v, cats)) || (rc = organizations(v, orgs)) || (rc = locations(v, locs)) ||
        (rc = site(v, s)) || (rc = services(v, svcs)))
        return rc;
    json_array_foreach(evs, i, ev) {
        item(p, "", "events", i);
        if ((rc = bv_event(v, ev, p))) return rc;
    }
    return qs ? questions(v, qs) : MJ_OK;
}
