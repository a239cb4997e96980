/* hub_formdata.c - see hub_formdata.h. */
#include "hub_formdata.h"
#include "util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    if (nl > HUB_FORMDATA_MAX_NAME) return mj_err(err, errlen, MJ_EINVAL, "form: a field name is longer than %d bytes", HUB_FORMDATA_MAX_NAME);
    if (!mj_utf8_valid(name, nl)) return mj_err(err, errlen, MJ_EINVAL, "form: a field name is not valid UTF-8");
    if (vl > HUB_FORMDATA_MAX_VALUE)
        return mj_err(err, errlen, MJ_EINVAL, "%.128s: is longer than %d bytes", name, HUB_FORMDATA_MAX_VALUE);
    if (!mj_utf8_valid(value, vl))
        return mj_err(err, errlen, MJ_EINVAL, "%.128s: is not valid UTF-8 text", name);
    return MJ_OK;
}

int hub_formdata_add(hub_formdata *fd, const char *name, const char *value)
{
    if (fd->n >= HUB_FORMDATA_MAX_FIELDS) return MJ_EINVAL;
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

int hub_formdata_add_under(hub_formdata *fd, const char *prefix, const char *name, const char *value)
{
    size_t pl = strlen(prefix);
    if (strncmp(name, prefix, pl) != 0 || !name[pl]) return MJ_OK;
    return hub_formdata_add(fd, name + pl, value);
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
