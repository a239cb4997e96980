/* hub_eform.c - see hub_eform.h. */
#include "hub_eform.h"
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

/* Decodes s[0..n) (+ is a space, %XX a byte) into a new string; CR LF -> LF. NULL on a bad
 * escape or no memory. */
static char *decode(const char *s, size_t n, size_t *outlen)
{
    char *o = malloc(n + 1);
    size_t k = 0;
    if (!o) return NULL;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '+') c = ' ';
        else if (c == '%') {
            int h, l;
            if (i + 2 >= n || (h = hexval(s[i + 1])) < 0 || (l = hexval(s[i + 2])) < 0) { free(o); return NULL; }
            c = (char)(h * 16 + l);
            i += 2;
        }
        if (c == '\n' && k > 0 && o[k - 1] == '\r') k--;
        o[k++] = c;
    }
    o[k] = 0;
    *outlen = k;
    return o;
}

void hub_eform_free(hub_eform *f)
{
    for (int i = 0; i < f->n; i++) { free(f->f[i].name); free(f->f[i].value); }
    free(f->f);
    f->f = NULL;
    f->n = 0;
}

int hub_eform_parse(const char *body, size_t len, hub_eform *out, char **bad_name, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    if (bad_name) *bad_name = NULL;
    size_t i = 0;
    int cap = 0;
    char first_err[MJ_ERRLEN] = "";
    while (i < len) {
        size_t e = i;
        while (e < len && body[e] != '&') e++;
        if (e > i) {
            size_t eq = i;
            while (eq < e && body[eq] != '=') eq++;
            size_t nl = 0, vl = 0;
            char *name = decode(body + i, eq - i, &nl);
            char *val = eq < e ? decode(body + eq + 1, e - eq - 1, &vl) : strdup("");
            int rc = MJ_OK;
            if (!name || !val) rc = mj_err(err, errlen, MJ_EINVAL, "the form is not URL-encoded correctly");
            else if (out->n >= HUB_EFORM_MAX_FIELDS)
                rc = mj_err(err, errlen, MJ_EINVAL, "the form has more than %d fields", HUB_EFORM_MAX_FIELDS);
            else if (nl == 0 || nl > HUB_EFORM_MAX_NAME || !mj_utf8_valid(name, nl) || strlen(name) != nl)
                rc = mj_err(err, errlen, MJ_EINVAL, "a field name is empty, longer than %d bytes or not UTF-8",
                            HUB_EFORM_MAX_NAME);
            else if (vl > HUB_EFORM_MAX_VALUE)
                rc = mj_err(err, errlen, MJ_EINVAL, "is longer than %d bytes", HUB_EFORM_MAX_VALUE);
            else if (!mj_utf8_valid(val, vl))
                rc = mj_err(err, errlen, MJ_EINVAL, "is not valid UTF-8 text");
            else if (strlen(val) != vl)
                rc = mj_err(err, errlen, MJ_EINVAL, "contains a NUL character");
            if (rc) {
                /* An oversized or broken value of a well-named field is reported at that field:
                 * the rest of the form stays readable (shown again as typed) and the caller is
                 * told which field failed. Anything else refuses the whole form. */
                int at_field = name && nl && nl <= HUB_EFORM_MAX_NAME && mj_utf8_valid(name, nl) && strlen(name) == nl &&
                               val && out->n < HUB_EFORM_MAX_FIELDS;
                if (at_field && bad_name && !*bad_name) {
                    *bad_name = name;
                    name = NULL;
                    snprintf(first_err, sizeof first_err, "%s", err);
                }
                free(name);
                free(val);
                if (!at_field) {
                    free(bad_name ? *bad_name : NULL);
                    if (bad_name) *bad_name = NULL;
                    hub_eform_free(out);
                    return rc;
                }
                i = e + 1;
                continue;
            }
            if (out->n == cap) {
                int nc = cap ? cap * 2 : 32;
                hub_eform_field *nf = realloc(out->f, (size_t)nc * sizeof *nf);
                if (!nf) { free(name); free(val); hub_eform_free(out); return mj_err(err, errlen, MJ_ENOMEM, "out of memory"); }
                out->f = nf;
                cap = nc;
            }
            out->f[out->n++] = (hub_eform_field){name, val, 0};
        }
        i = e + 1;
    }
    if (bad_name && *bad_name) return mj_err(err, errlen, MJ_EINVAL, "%s", first_err);
    return MJ_OK;
}

const char *hub_eform_get_nth(hub_eform *f, const char *name, int nth)
{
    for (int i = 0; i < f->n; i++)
        if (strcmp(f->f[i].name, name) == 0 && nth-- == 0) {
            f->f[i].used = 1;
            return f->f[i].value;
        }
    return NULL;
}

const char *hub_eform_get(hub_eform *f, const char *name) { return hub_eform_get_nth(f, name, 0); }

int hub_eform_has_prefix(const hub_eform *f, const char *prefix)
{
    size_t n = strlen(prefix);
    for (int i = 0; i < f->n; i++) if (strncmp(f->f[i].name, prefix, n) == 0) return 1;
    return 0;
}

const char *hub_eform_unused(const hub_eform *f)
{
    for (int i = 0; i < f->n; i++) if (!f->f[i].used) return f->f[i].name;
    return NULL;
}
