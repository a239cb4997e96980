/* hub_formdata.c - see hub_formdata.h. */
#include "hub_formdata.h"
#include "util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Decodes s[0..n) ('+' is a space, %XX a byte; then CR LF and a lone CR become LF) into a new
 * string; 0, MJ_EINVAL (a bad escape) or MJ_ENOMEM. */
static int decode(const char *s, size_t n, char **out, size_t *outlen)
{
    char *o = malloc(n + 1);
    size_t k = 0;
    *out = NULL;
    if (!o) return MJ_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        int c = (unsigned char)s[i];
        if (c == '+') c = ' ';
        else if (c == '%') {
            int h = i + 2 < n ? hexval(s[i + 1]) : -1, l = i + 2 < n ? hexval(s[i + 2]) : -1;
            if (h < 0 || l < 0) { free(o); return MJ_EINVAL; }
            c = h * 16 + l;
            i += 2;
        }
        o[k++] = (char)c;
    }
    size_t w = 0;
    for (size_t r = 0; r < k; r++) {
        if (o[r] == '\r') { o[w++] = '\n'; if (r + 1 < k && o[r + 1] == '\n') r++; }
        else o[w++] = o[r];
    }
    *outlen = w;
    if (memchr(o, 0, w)) { free(o); return MJ_EINVAL; }
    o[w] = 0;
    *out = o;
    return MJ_OK;
}

void hub_formdata_free(hub_formdata *fd)
{
    for (size_t i = 0; i < fd->n; i++) { free(fd->f[i].name); free(fd->f[i].value); }
    free(fd->f);
    fd->f = NULL;
    fd->n = 0;
}

static int check(const char *name, size_t nl, const char *value, size_t vl, char *err, size_t errlen)
{
    if (nl == 0) return mj_err(err, errlen, MJ_EINVAL, "form: a field without a name");
    if (nl > HUB_FORM_MAX_NAME) return mj_err(err, errlen, MJ_EINVAL, "form: a field name is longer than %d bytes", HUB_FORM_MAX_NAME);
    if (!mj_utf8_valid(name, nl)) return mj_err(err, errlen, MJ_EINVAL, "form: a field name is not valid UTF-8");
    if (vl > HUB_FORM_MAX_VALUE)
        return mj_err(err, errlen, MJ_EINVAL, "%.128s: is longer than %d bytes", name, HUB_FORM_MAX_VALUE);
    if (!mj_utf8_valid(value, vl))
        return mj_err(err, errlen, MJ_EINVAL, "%.128s: is not valid UTF-8 text", name);
    return MJ_OK;
}

int hub_formdata_add(hub_formdata *fd, const char *name, const char *value)
{
    if (fd->n >= HUB_FORM_MAX_FIELDS) return MJ_EINVAL;
    if (check(name, strlen(name), value, strlen(value), NULL, 0)) return MJ_EINVAL;
    hub_formfield *nf = realloc(fd->f, (fd->n + 1) * sizeof *nf);
    if (!nf) return MJ_ENOMEM;
    fd->f = nf;
    nf[fd->n].name = strdup(name);
    nf[fd->n].value = strdup(value);
    if (!nf[fd->n].name || !nf[fd->n].value) { free(nf[fd->n].name); free(nf[fd->n].value); return MJ_ENOMEM; }
    fd->n++;
    return MJ_OK;
}

int hub_formdata_parse(const char *body, size_t len, hub_formdata *out, char *err, size_t errlen)
{
    out->f = NULL;
    out->n = 0;
    size_t cap = 0;
    for (size_t i = 0; body && i < len;) {
        const char *amp = memchr(body + i, '&', len - i);
        size_t end = amp ? (size_t)(amp - body) : len;
        if (end > i) {
            const char *eq = memchr(body + i, '=', end - i);
            size_t ne = eq ? (size_t)(eq - body) : end;
            if (out->n >= HUB_FORM_MAX_FIELDS) {
                hub_formdata_free(out);
                return mj_err(err, errlen, MJ_EINVAL, "form: has more than %d fields", HUB_FORM_MAX_FIELDS);
            }
            if (ne - i > 3 * HUB_FORM_MAX_NAME || (eq && end - ne - 1 > 3 * (size_t)HUB_FORM_MAX_VALUE)) {
                hub_formdata_free(out);
                return mj_err(err, errlen, MJ_EINVAL, "form: a field is too long");
            }
            char *name = NULL, *value = NULL;
            size_t nl = 0, vl = 0;
            int rc = decode(body + i, ne - i, &name, &nl);
            if (!rc) rc = eq ? decode(eq + 1, end - ne - 1, &value, &vl) : (value = strdup("")) ? MJ_OK : MJ_ENOMEM;
            if (rc == MJ_EINVAL) mj_err(err, errlen, rc, "form: a bad %%-escape or a NUL byte");
            else if (rc) mj_err(err, errlen, rc, "form: out of memory");
            else rc = check(name, nl, value, vl, err, errlen);
            if (!rc && out->n == cap) {
                size_t nc = cap ? cap * 2 : 32;
                hub_formfield *nf = realloc(out->f, nc * sizeof *nf);
                if (!nf) rc = mj_err(err, errlen, MJ_ENOMEM, "form: out of memory");
                else { out->f = nf; cap = nc; }
            }
            if (rc) { free(name); free(value); hub_formdata_free(out); return rc; }
            out->f[out->n].name = name;
            out->f[out->n].value = value;
            out->n++;
        }
        i = end + 1;
    }
    return MJ_OK;
}

const char *hub_formdata_get_nth(const hub_formdata *fd, const char *name, size_t k)
{
    for (size_t i = 0; i < fd->n; i++)
        if (strcmp(fd->f[i].name, name) == 0 && k-- == 0) return fd->f[i].value;
    return NULL;
}

const char *hub_formdata_get(const hub_formdata *fd, const char *name)
{
    return hub_formdata_get_nth(fd, name, 0);
}

int hub_formdata_view(const hub_formdata *fd, const char *prefix, hub_formdata *view)
{
    size_t pl = strlen(prefix);
    view->n = 0;
    view->f = malloc((fd->n ? fd->n : 1) * sizeof *view->f);
    if (!view->f) return MJ_ENOMEM;
    for (size_t i = 0; i < fd->n; i++)
        if (strncmp(fd->f[i].name, prefix, pl) == 0 && fd->f[i].name[pl]) {
            view->f[view->n].name = fd->f[i].name + pl;
            view->f[view->n++].value = fd->f[i].value;
        }
    return MJ_OK;
}

void hub_formdata_view_free(hub_formdata *view)
{
    free(view->f);
    view->f = NULL;
    view->n = 0;
}

int hub_formdata_prefix(hub_formdata *fd, const char *prefix)
{
    size_t pl = strlen(prefix);
    for (size_t i = 0; i < fd->n && pl; i++) {
        size_t nl = strlen(fd->f[i].name);
        char *n = malloc(pl + nl + 1);
        if (!n) return MJ_ENOMEM;
        memcpy(n, prefix, pl);
        memcpy(n + pl, fd->f[i].name, nl + 1);
        free(fd->f[i].name);
        fd->f[i].name = n;
    }
    return MJ_OK;
}

void hub_formdata_prefix_err(const char *prefix, char *field, size_t flen, char *err, size_t errlen)
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
