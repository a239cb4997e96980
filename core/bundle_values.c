/* bundle_values.c - the value checks every part of a bundle shares: keys and types, texts, ids
 * and references, urls, emails, phone numbers, lists of strings; and the message paths. */
#include "bundle_int.h"
#include "model.h"
#include "util.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

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
    v->skipped = json_array();
    if (!v->skipped || !v->categories || !v->organizations || !v->locations || !v->services || !v->events || !v->questions) {
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
    json_decref(v->skipped);
    v->skipped = NULL;
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
void bv_sub(char out[BV_PATHLEN], const char *base, const char *key)
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

void bv_item(char out[BV_PATHLEN], const char *base, const char *key, size_t i)
{
    char k[96];
    snprintf(k, sizeof k, "%s[%zu]", key, i);
    bv_sub(out, base, k);
}

int bv_keys(bvctx *v, json_t *obj, const char *path, const char *const *allowed)
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

int bv_get(bvctx *v, json_t *obj, const char *path, const char *key, int type, int req, json_t **out)
{
    char p[BV_PATHLEN];
    json_t *x = json_object_get(obj, key);
    *out = NULL;
    if (!x) {
        if (!req) return MJ_OK;
        bv_sub(p, path, key);
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
        bv_sub(p, path, key);
        return bv_fail(v, p, "must be %s", what[type]);
    }
    *out = x;
    return MJ_OK;
}

int bv_get_str(bvctx *v, json_t *obj, const char *path, const char *key, int req, const char **out)
{
    json_t *x;
    int rc = bv_get(v, obj, path, key, T_STRING, req, &x);
    *out = x ? json_string_value(x) : NULL;
    return rc;
}

/* A list with at most max items; min > 0 rejects a shorter one. */
int bv_get_list(bvctx *v, json_t *obj, const char *path, const char *key, int req, size_t min,
                    size_t max, json_t **out)
{
    int rc = bv_get(v, obj, path, key, T_LIST, req, out);
    if (rc || !*out) return rc;
    char p[BV_PATHLEN];
    bv_sub(p, path, key);
    size_t n = json_array_size(*out);
    if (n > max) return bv_fail(v, p, "has more than %zu items", max);
    if (n < min) return min == 1 ? bv_fail(v, p, "is empty") : bv_fail(v, p, "has fewer than %zu items", min);
    return MJ_OK;
}

/* Bytes of a text string: not empty, within limit, no control characters except newline
 * (C0, DEL and the C1 range U+0080..U+009F). */
int bv_chars(bvctx *v, const char *path, const char *s, size_t len, size_t limit)
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

int bv_text(bvctx *v, json_t *obj, const char *path, const char *key, int req, size_t limit)
{
    json_t *t, *s;
    const char *k;
    char p[BV_PATHLEN], q[BV_PATHLEN], b[80];
    int rc = bv_get(v, obj, path, key, T_OBJECT, req, &t);
    if (rc || !t) return rc;
    bv_sub(p, path, key);
    int n = 0;
    json_object_foreach(t, k, s) {
        if (strncmp(k, "x-", 2) == 0) continue;
        if (!model_lang_valid(k)) return bv_fail(v, p, "\"%s\" is not a language code", bv_shown(k, b));
        bv_sub(q, p, k);
        if (!json_is_string(s)) return bv_fail(v, q, "must be a string");
        if ((rc = bv_chars(v, q, json_string_value(s), json_string_length(s), limit))) return rc;
        n++;
    }
    if (!n) return bv_fail(v, p, "has no languages");
    return MJ_OK;
}

int bv_id(bvctx *v, json_t *obj, const char *path, json_t *set, const char **out)
{
    const char *id;
    char p[BV_PATHLEN], b[80];
    int rc = bv_get_str(v, obj, path, "id", BV_REQ, &id);
    if (rc) return rc;
    bv_sub(p, path, "id");
    if (!model_id_valid(id)) return bv_fail(v, p, "\"%s\" is not a valid id", bv_shown(id, b));
    if (!set) return MJ_OK;   /* the site's id is in no list */
    json_t *prev = json_object_get(set, id);
    if (prev) return bv_fail(v, p, "\"%s\" is already used by %s", id, json_string_value(prev));
    if (json_object_set_new(set, id, json_string(path))) return bv_fail(v, p, "out of memory");
    if (out) *out = id;
    return MJ_OK;
}

int bv_ref(bvctx *v, json_t *obj, const char *path, const char *key, int req, json_t *set,
               const char *listname)
{
    const char *id;
    char p[BV_PATHLEN], b[80];
    int rc = bv_get_str(v, obj, path, key, req, &id);
    if (rc || !id) return rc;
    bv_sub(p, path, key);
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

int bv_contact(bvctx *v, json_t *obj, const char *path)
{
    const char *s;
    char p[BV_PATHLEN], b[80];
    int rc;
    if ((rc = bv_get_str(v, obj, path, "url", BV_OPT, &s))) return rc;
    if (s && !url_ok(s)) { bv_sub(p, path, "url"); return bv_fail(v, p, "\"%s\" is not a valid url", bv_shown(s, b)); }
    if ((rc = bv_get_str(v, obj, path, "email", BV_OPT, &s))) return rc;
    if (s && !email_ok(s)) {
        bv_sub(p, path, "email");
        return bv_fail(v, p, "\"%s\" is not a valid email address", bv_shown(s, b));
    }
    if ((rc = bv_get_str(v, obj, path, "phone", BV_OPT, &s))) return rc;
    if (s && !phone_ok(s)) {
        bv_sub(p, path, "phone");
        return bv_fail(v, p, "\"%s\" is not a valid phone number", bv_shown(s, b));
    }
    return MJ_OK;
}


/* A list of strings, each checked by fn, none twice. */
int bv_str_list(bvctx *v, json_t *obj, const char *path, const char *key, int req, size_t min,
                    bv_check fn, void *ctx)
{
    json_t *list, *x;
    size_t i;
    char p[BV_PATHLEN], b[80];
    int rc = bv_get_list(v, obj, path, key, req, min, LIMIT_LIST, &list);
    if (rc || !list) return rc;
    json_array_foreach(list, i, x) {
        bv_item(p, path, key, i);
        if (!json_is_string(x)) return bv_fail(v, p, "must be a string");
        const char *s = json_string_value(x);
        if ((rc = fn(v, p, s, ctx))) return rc;
        for (size_t j = 0; j < i; j++)
            if (strcmp(json_string_value(json_array_get(list, j)), s) == 0)
                return bv_fail(v, p, "\"%s\" is listed twice", bv_shown(s, b));
    }
    return MJ_OK;
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

int bv_item_head(bvctx *v, json_t *item, const char *list, size_t i, const char *const *keys, json_t *ids,
                 char p[BV_PATHLEN])
{
    int rc;
    bv_item(p, "", list, i);
    if (!json_is_object(item)) return bv_fail(v, p, "must be an object");
    if ((rc = bv_keys(v, item, p, keys))) return rc;
    return bv_id(v, item, p, ids, NULL);
}

int bv_one_of(bvctx *v, json_t *obj, const char *path, const char *key, int req, const char *const *list,
              const char *what, const char **out)
{
    char q[BV_PATHLEN], b[80];
    int rc = bv_get_str(v, obj, path, key, req, out);
    if (rc || !*out || model_in_list(list, *out)) return rc;
    bv_sub(q, path, key);
    return bv_fail(v, q, "\"%s\" is not %s", bv_shown(*out, b), what);
}
