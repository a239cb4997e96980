/* hub_form.c - see hub_form.h. */
#include "hub_form.h"
#include "util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- urlencoded ---- */

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Decodes s[0..n) ("+" a space, %XX a byte; CR LF -> LF, and CRs before a LF go with it) into a new string of *outlen bytes
 * (which may hold NUL or bytes that are not UTF-8: the caller checks). NULL on a bad escape or
 * no memory (*oom set). */
static char *decode(const char *s, size_t n, size_t *outlen, int *oom)
{
    char *o = malloc(n + 1);
    size_t k = 0;
    if (!o) { *oom = 1; return NULL; }
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '+') c = ' ';
        else if (c == '%') {
            int h, l;
            if (i + 2 >= n || (h = hexval(s[i + 1])) < 0 || (l = hexval(s[i + 2])) < 0) { free(o); return NULL; }
            c = (char)(h * 16 + l);
            i += 2;
        }
        while (c == '\n' && k > 0 && o[k - 1] == '\r') k--;   /* CR CR LF too: no CR LF is left */
        o[k++] = c;
    }
    o[k] = 0;
    *outlen = k;
    return o;
}

static int name_ok(const char *name, size_t nl)
{
    return nl > 0 && nl <= HUB_FORM_MAX_NAME && strlen(name) == nl && mj_utf8_valid(name, nl);
}

#define STR_(x) #x
#define STR(x) STR_(x)

/* What is wrong with a value, or NULL. */
static const char *value_fault(const char *v, size_t vl)
{
    if (vl > HUB_FORM_MAX_VALUE) return "is longer than " STR(HUB_FORM_MAX_VALUE) " bytes";
    if (!mj_utf8_valid(v, vl)) return "is not valid UTF-8 text";
    if (strlen(v) != vl) return "contains a NUL character";
    return NULL;
}

/* v[0..vl) as near as the bounds allow: each byte that is not UTF-8 and each NUL as U+FFFD, cut
 * to HUB_FORM_MAX_VALUE bytes at a character. */
static char *repaired(const char *v, size_t vl)
{
    char *o = malloc(HUB_FORM_MAX_VALUE + 1);
    size_t k = 0;
    if (!o) return NULL;
    for (const char *p = v, *end = v + vl; p < end;) {
        const char *q = p;
        long cp = mj_utf8_next(&q, end);
        size_t cl = cp > 0 ? (size_t)(q - p) : 3;
        if (k + cl > HUB_FORM_MAX_VALUE) break;
        if (cp > 0) memcpy(o + k, p, cl);
        else memcpy(o + k, "\xEF\xBF\xBD", 3);
        k += cl;
        p = cp > 0 ? q : p + 1;
    }
    o[k] = 0;
    return o;
}

/* The array grows 32, 64, 128, ... entries: its size follows from n, so a form that a caller
 * set up by hand ({ NULL, 0 }) grows the same way. */
static int push(hub_form *f, char *name, char *value)
{
    if (f->n == 0 || (f->n >= 32 && (f->n & (f->n - 1)) == 0)) {
        size_t nc = f->n ? f->n * 2 : 32;
        hub_form_field *nf = realloc(f->f, nc * sizeof *nf);
        if (!nf) return MJ_ENOMEM;
        f->f = nf;
    }
    f->f[f->n++] = (hub_form_field){ name, value, 0 };
    return MJ_OK;
}

void hub_form_free(hub_form *f)
{
    for (size_t i = 0; i < f->n; i++) { free(f->f[i].name); free(f->f[i].value); }
    free(f->f);
    memset(f, 0, sizeof *f);
}

int hub_form_parse(const char *body, size_t len, hub_form *out, char **bad_name, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    if (bad_name) *bad_name = NULL;
    char first[MJ_ERRLEN] = "";
    int rc = MJ_OK, oom = 0;
    for (size_t i = 0; i < len && !rc;) {
        size_t e = i;
        while (e < len && body[e] != '&') e++;
        if (e > i) {
            size_t eq = i, nl = 0, vl = 0;
            while (eq < e && body[eq] != '=') eq++;
            char *name = decode(body + i, eq - i, &nl, &oom);
            char *val = !name ? NULL : eq < e ? decode(body + eq + 1, e - eq - 1, &vl, &oom) : calloc(1, 1);
            const char *fault = name && val ? value_fault(val, vl) : NULL;
            if (oom || (name && eq == e && !val)) rc = mj_err(err, errlen, MJ_ENOMEM, "out of memory");
            else if (!name || !val) rc = mj_err(err, errlen, MJ_EINVAL, "the form is not URL-encoded correctly");
            else if (out->n >= HUB_FORM_MAX_FIELDS)
                rc = mj_err(err, errlen, MJ_EINVAL, "the form has more than %d fields", HUB_FORM_MAX_FIELDS);
            else if (!name_ok(name, nl))
                rc = mj_err(err, errlen, MJ_EINVAL, "a field name is empty, longer than %d bytes or not UTF-8", HUB_FORM_MAX_NAME);
            else if (fault && !bad_name) rc = mj_err(err, errlen, MJ_EINVAL, "%s", fault);
            else if (fault) {
                /* One field's value: reported at that field, the rest of the form stays readable. */
                char *kept = repaired(val, vl);
                free(val);
                val = kept;
                if (!val) rc = mj_err(err, errlen, MJ_ENOMEM, "out of memory");
                else if (!*bad_name) {
                    if (!(*bad_name = strdup(name))) rc = mj_err(err, errlen, MJ_ENOMEM, "out of memory");
                    snprintf(first, sizeof first, "%s", fault);
                }
            }
            if (!rc) rc = push(out, name, val) ? mj_err(err, errlen, MJ_ENOMEM, "out of memory") : MJ_OK;
            if (rc) { free(name); free(val); }
        }
        i = e + 1;
    }
    if (rc) {
        if (bad_name) { free(*bad_name); *bad_name = NULL; }
        hub_form_free(out);
        return rc;
    }
    if (bad_name && *bad_name) return mj_err(err, errlen, MJ_EINVAL, "%s", first);
    return MJ_OK;
}

static char *urlencoded_value(const char *body, size_t len, const char *name)
{
    size_t want = strlen(name);
    for (size_t i = 0; i < len;) {
        size_t e = i, eq;
        while (e < len && body[e] != '&') e++;
        for (eq = i; eq < e && body[eq] != '='; eq++) {}
        size_t nl = 0, vl = 0;
        int oom = 0;
        char *k = decode(body + i, eq - i, &nl, &oom);   /* "%0D%0D%0A" is "\n": no length shortcut */
        int same = k && nl == want && memcmp(k, name, want) == 0;
        free(k);
        if (same) {
            char *v = eq < e ? decode(body + eq + 1, e - eq - 1, &vl, &oom) : calloc(1, 1);
            if (v && value_fault(v, vl)) { free(v); v = NULL; }
            return v;
        }
        i = e + 1;
    }
    return NULL;
}

char *hub_form_value(const char *ctype, const char *body, size_t len, const char *name)
{
    if (!body) return NULL;
    if (!hub_form_is_multipart(ctype)) return urlencoded_value(body, len, name);
    hub_part parts[HUB_FORM_MAX_PARTS];
    int n = 0;
    if (hub_form_multipart(ctype, body, len, parts, HUB_FORM_MAX_PARTS, &n)) return NULL;
    for (int i = 0; i < n; i++)
        if (strcmp(parts[i].name, name) == 0) {
            if (parts[i].len > HUB_FORM_MAX_VALUE || memchr(parts[i].data, 0, parts[i].len) ||
                !mj_utf8_valid(parts[i].data, parts[i].len))
                return NULL;
            char *v = malloc(parts[i].len + 1);
            if (v) { memcpy(v, parts[i].data, parts[i].len); v[parts[i].len] = 0; }
            return v;
        }
    return NULL;
}

/* ---- reading ---- */

static long find(const hub_form *f, const char *name, size_t k)
{
    for (size_t i = 0; i < f->n; i++)
        if (strcmp(f->f[i].name, name) == 0 && k-- == 0) return (long)i;
    return -1;
}

const char *hub_form_get_nth(const hub_form *f, const char *name, size_t k)
{
    long i = find(f, name, k);
    return i < 0 ? NULL : f->f[i].value;
}

const char *hub_form_get(const hub_form *f, const char *name) { return hub_form_get_nth(f, name, 0); }

const char *hub_form_take_nth(hub_form *f, const char *name, size_t k)
{
    long i = find(f, name, k);
    if (i < 0) return NULL;
    f->f[i].used = 1;
    return f->f[i].value;
}

const char *hub_form_take(hub_form *f, const char *name) { return hub_form_take_nth(f, name, 0); }

int hub_form_has_prefix(const hub_form *f, const char *prefix)
{
    size_t n = strlen(prefix);
    for (size_t i = 0; i < f->n; i++) if (strncmp(f->f[i].name, prefix, n) == 0) return 1;
    return 0;
}

const char *hub_form_unused(const hub_form *f)
{
    for (size_t i = 0; i < f->n; i++) if (!f->f[i].used) return f->f[i].name;
    return NULL;
}

/* ---- building ---- */

int hub_form_add(hub_form *f, const char *name, const char *value)
{
    size_t vl = strlen(value);
    if (f->n >= HUB_FORM_MAX_FIELDS || !name_ok(name, strlen(name)) || value_fault(value, vl)) return MJ_EINVAL;
    char *n = strdup(name), *v = strdup(value);
    if (!n || !v || push(f, n, v)) { free(n); free(v); return MJ_ENOMEM; }
    return MJ_OK;
}

int hub_form_add_under(hub_form *f, const char *prefix, const char *name, const char *value)
{
    size_t pl = strlen(prefix);
    if (strncmp(name, prefix, pl) != 0 || !name[pl]) return MJ_OK;
    return hub_form_add(f, name + pl, value);
}

int hub_form_view(const hub_form *f, const char *prefix, hub_form *view)
{
    size_t pl = strlen(prefix);
    memset(view, 0, sizeof *view);
    view->f = malloc((f->n ? f->n : 1) * sizeof *view->f);
    if (!view->f) return MJ_ENOMEM;
    for (size_t i = 0; i < f->n; i++)
        if (strncmp(f->f[i].name, prefix, pl) == 0 && f->f[i].name[pl])
            view->f[view->n++] = (hub_form_field){ f->f[i].name + pl, f->f[i].value, 0 };
    return MJ_OK;
}

void hub_form_view_free(hub_form *view)
{
    free(view->f);
    memset(view, 0, sizeof *view);
}

int hub_form_prefix(hub_form *f, const char *prefix)
{
    size_t pl = strlen(prefix);
    for (size_t i = 0; i < f->n && pl; i++) {
        size_t nl = strlen(f->f[i].name);
        char *n = malloc(pl + nl + 1);
        if (!n) return MJ_ENOMEM;
        memcpy(n, prefix, pl);
        memcpy(n + pl, f->f[i].name, nl + 1);
        free(f->f[i].name);
        f->f[i].name = n;
    }
    return MJ_OK;
}

void hub_form_prefix_err(const char *prefix, char *field, size_t flen, char *err, size_t errlen)
{
    char tmp[MJ_ERRLEN + 200];
    if (!prefix || !*prefix) return;
    if (field && flen) {
        snprintf(tmp, sizeof tmp, "%s%s", prefix, field);
        mj_strlcpy_utf8(field, tmp, flen);
    }
    if (err && errlen) {
        snprintf(tmp, sizeof tmp, "%s%s", prefix, err);
        mj_strlcpy_utf8(err, tmp, errlen);
    }
}

/* ---- multipart/form-data ---- */

static const char *memfind(const char *h, size_t hl, const char *n, size_t nl)
{
    if (nl == 0 || hl < nl) return NULL;
    for (const char *p = h; (p = memchr(p, n[0], hl - (size_t)(p - h) - nl + 1)); p++)
        if (memcmp(p, n, nl) == 0) return p;
    return NULL;
}

/* key="..." in a Content-Disposition line (quoted; no escapes are needed for our own fields).
 * 0 when absent (out ""), 1 when found, -1 when the value does not fit out. */
static int disp_param(const char *line, size_t len, const char *key, char *out, size_t outlen)
{
    char pat[32];
    snprintf(pat, sizeof pat, "%s=\"", key);
    size_t pl = strlen(pat);
    out[0] = 0;
    const char *p = line;
    for (;;) {
        p = memfind(p, len - (size_t)(p - line), pat, pl);
        if (!p) return 0;
        if (p == line || p[-1] == ' ' || p[-1] == ';') break;
        p++;
    }
    p += pl;
    const char *e = memchr(p, '"', len - (size_t)(p - line));
    if (!e) return -1;
    size_t n = (size_t)(e - p);
    if (n >= outlen || memchr(p, 0, n)) return -1;
    memcpy(out, p, n);
    out[n] = 0;
    return 1;
}

int hub_form_is_multipart(const char *ctype)
{
    return ctype && strncasecmp(ctype, "multipart/form-data", 19) == 0;
}

int hub_form_multipart(const char *ctype, const char *body, size_t len, hub_part *parts, int max, int *n)
{
    char delim[80], nd[84];
    *n = 0;
    if (!hub_form_is_multipart(ctype) || !body) return MJ_EINVAL;
    const char *b = strstr(ctype, "boundary=");
    if (!b) return MJ_EINVAL;
    b += 9;
    size_t bl = strcspn(b, "; ");
    if (*b == '"') { b++; bl = strcspn(b, "\""); }
    if (bl == 0 || bl > 70) return MJ_EINVAL;
    snprintf(delim, sizeof delim, "--%.*s", (int)bl, b);
    snprintf(nd, sizeof nd, "\r\n%s", delim);
    size_t dl = strlen(delim), ndl = strlen(nd);
    const char *p = memfind(body, len, delim, dl), *end = body + len;
    if (!p) return MJ_EINVAL;
    for (;;) {
        p += dl;
        if (end - p >= 2 && p[0] == '-' && p[1] == '-') return MJ_OK;   /* the closing delimiter */
        if (end - p < 2 || p[0] != '\r' || p[1] != '\n') return MJ_EINVAL;
        p += 2;
        const char *hend = memfind(p, (size_t)(end - p), "\r\n\r\n", 4);
        if (!hend || hend - p > 4096) return MJ_EINVAL;
        if (*n >= max) return MJ_EINVAL;
        hub_part *part = &parts[*n];
        memset(part, 0, sizeof *part);
        for (const char *l = p; l < hend;) {
            const char *le = memfind(l, (size_t)(hend - l) + 2, "\r\n", 2);
            if (!le) le = hend;
            if ((size_t)(le - l) > 20 && strncasecmp(l, "Content-Disposition:", 20) == 0 &&
                (disp_param(l, (size_t)(le - l), "name", part->name, sizeof part->name) < 0 ||
                 disp_param(l, (size_t)(le - l), "filename", part->filename, sizeof part->filename) < 0))
                return MJ_EINVAL;
            l = le + 2;
        }
        const char *data = hend + 4;
        const char *next = memfind(data, (size_t)(end - data), nd, ndl);
        if (!next) return MJ_EINVAL;
        part->data = data;
        part->len = (size_t)(next - data);
        if (!part->name[0]) return MJ_EINVAL;
        (*n)++;
        p = next + 2;
    }
}
