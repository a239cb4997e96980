/* hub_qform.c - see hub_qform.h. */
#include "hub_qform.h"
#include "hub_evform_int.h"
#include "model.h"
#include "util.h"
#include <stdarg.h>
#include <stdio.h>
#include "hub_web.h"
#include <stdlib.h>
#include <string.h>

static int fail(char *field, size_t flen, char *err, size_t errlen, const char *f, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
static int fail(char *field, size_t flen, char *err, size_t errlen, const char *f, const char *fmt, ...)
{
    char msg[300];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (field) mj_strlcpy_utf8(field, f, flen);
    return mj_err(err, errlen, MJ_EINVAL, "%s: %s", f, msg);
}

/* The same with a message of assets/po/hub in lang (NULL: English); a1 fills {1} (NULL: none). */
#define FAILT(f, msgid, a1) failt(field, flen, err, errlen, lang, f, msgid, a1)
static int failt(char *field, size_t flen, char *err, size_t errlen, const char *lang, const char *f, const char *msgid,
                 const char *a1)
{
    char msg[300];
    hub_tf_lang(lang ? lang : "en", msg, sizeof msg, msgid, a1 ? a1 : "", NULL);
    return fail(field, flen, err, errlen, f, "%s", msg);
}


/* Fields PREFIX.LANG into a text object (orig's x- keys kept); *bad names a bad language. */
static json_t *text(const hub_form *fd, const char *prefix, const json_t *orig, const char **bad)
{
    size_t pl = strlen(prefix);
    json_t *t = json_object(), *v;
    const char *k;
    *bad = NULL;
    for (size_t i = 0; i < fd->n; i++) {
        const char *name = fd->f[i].name;
        if (strncmp(name, prefix, pl) != 0 || name[pl] != '.') continue;
        if (!model_lang_valid(name + pl + 1)) { *bad = name; break; }
        json_t *s = hub_evf_trimmed(fd->f[i].value);
        if (s) json_object_set_new(t, name + pl + 1, s);
    }
    json_object_foreach((json_t *)orig, k, v)
        if (strncmp(k, "x-", 2) == 0) json_object_set(t, k, v);
    return t;
}

static const json_t *by_id(const json_t *list, const char *id, size_t *at)
{
    size_t i;
    json_t *e;
    json_array_foreach(list, i, e) {
        const char *s = json_string_value(json_object_get(e, "id"));
        if (s && id && strcmp(s, id) == 0) { if (at) *at = i; return e; }
    }
    return NULL;
}

/* Two questions the same but for their version. */
static int same_wording(const json_t *a, const json_t *b)
{
    json_t *x = json_deep_copy(a), *y = json_deep_copy(b);
    json_object_del(x, "version");
    json_object_del(y, "version");
    int eq = json_equal(x, y);
    json_decref(x);
    json_decref(y);
    return eq;
}

long long hub_qform_version_in(const json_t *content, const char *id)
{
    const json_t *q = by_id(json_object_get(content, "feedback_questions"), id, NULL);
    return q ? json_integer_value(json_object_get(q, "version")) : 0;
}

static int apply(json_t *questions, const char *id, const hub_form *fd, const json_t *published,
                 long long max_published, const char *lang, hub_qform_saved *saved, char *field, size_t flen, char *err,
                 size_t errlen)
{
    char b[HUB_EVF_SHOWN], name[64];
    const json_t *orig = NULL;
    const char *bad;
    size_t at = 0;
    if (field && flen) field[0] = 0;
    if (!json_is_array(questions)) return mj_err(err, errlen, MJ_EINVAL, "feedback_questions: must be a list");
    json_t *sid = NULL;
    if (id) {
        if (!(orig = by_id(questions, id, &at)))
            return mj_err(err, errlen, MJ_ENOTFOUND, "feedback_questions: no question \"%s\"", hub_evf_shown(id, b));
        sid = json_string(id);
    } else {
        sid = hub_evf_trimmed(hub_form_get(fd, "id"));
        if (!sid || !model_id_valid(json_string_value(sid))) {
            json_decref(sid);
            return FAILT("id", "web.qf.bad_id", NULL);
        }
        at = json_array_size(questions);
    }
    const char *kind = hub_form_get(fd, "kind");
    if (!kind || (strcmp(kind, "single") && strcmp(kind, "multiple"))) {
        json_decref(sid);
        return FAILT("kind", "web.qf.bad_kind", hub_evf_shown(kind ? kind : "", b));
    }
    json_t *q = json_object();
    json_object_set_new(q, "id", sid);
    json_object_set_new(q, "version", json_integer(1));
    json_object_set_new(q, "kind", json_string(kind));
    json_object_set_new(q, "text", text(fd, "text", json_object_get(orig, "text"), &bad));
    if (bad) { json_decref(q); return FAILT(bad, "web.evf.not_site_lang", NULL); }
    json_t *opts = json_array();
    json_object_set_new(q, "options", opts);
    saved->nopt = 0;
    int rc = MJ_OK;
    for (int row = 0; row < 100 && !rc; row++) {
        snprintf(name, sizeof name, "options[%d]", row);
        const json_t *oorig = NULL;
        json_t *oid = hub_evf_trimmed(hub_form_get(fd, (snprintf(b, sizeof b, "%s.id", name), b)));
        if (oid) oorig = by_id(json_object_get(orig, "options"), json_string_value(oid), NULL);
        json_t *t = text(fd, (snprintf(b, sizeof b, "%s.text", name), b), json_object_get(oorig, "text"), &bad);
        if (bad) rc = FAILT(bad, "web.evf.not_site_lang", NULL);
        else if (json_object_size(t) == 0) {   /* an empty row: no option (or one removed) */
        } else if (json_array_size(opts) >= HUB_QFORM_MAX_ROWS)
            {
            char mx[16];
            snprintf(mx, sizeof mx, "%d", HUB_QFORM_MAX_ROWS);
            rc = FAILT("options", "web.qf.too_many", mx);
        }
        else {
            if (!oid) {   /* a new option: the first free o1, o2, ... */
                char nid[16];
                for (int k = 1;; k++) {
                    snprintf(nid, sizeof nid, "o%d", k);
                    if (!by_id(opts, nid, NULL) && !by_id(json_object_get(orig, "options"), nid, NULL)) {
                        int used = 0;
                        for (int r = 0; r < 100 && !used; r++) {
                            char n2[40];
                            snprintf(n2, sizeof n2, "options[%d].id", r);
                            const char *v = hub_form_get(fd, n2);
                            used = v && strcmp(v, nid) == 0;
                        }
                        if (!used) break;
                    }
                }
                oid = json_string(nid);
            } else if (!model_id_valid(json_string_value(oid))) {
                snprintf(b, sizeof b, "%s.id", name);
                rc = FAILT(b, "web.qf.bad_option_id", NULL);
            }
            if (!rc) {
                json_t *o = json_object();
                json_object_set(o, "id", oid);
                json_object_set(o, "text", t);
                const char *k;
                json_t *v;
                json_object_foreach((json_t *)oorig, k, v)
                    if (strncmp(k, "x-", 2) == 0) json_object_set(o, k, v);
                json_array_append_new(opts, o);
                saved->opt_row[saved->nopt++] = row;
            }
        }
        json_decref(t);
        json_decref(oid);
    }
    if (!rc && json_array_size(opts) < 2) rc = FAILT("options", "web.qf.too_few", NULL);
    if (rc) { json_decref(q); return rc; }
    const char *k;
    json_t *v;
    json_object_foreach((json_t *)orig, k, v)
        if (strncmp(k, "x-", 2) == 0) json_object_set(q, k, v);
    /* the version: see the header */
    long long pv = json_integer_value(json_object_get(published, "version"));
    long long ov = json_integer_value(json_object_get(orig, "version"));
    long long base = pv > max_published ? pv : max_published, ver;
    if (published && same_wording(q, published)) ver = pv;
    else if (base == 0) ver = ov > 0 ? ov : 1;
    else ver = ov > base ? ov : base + 1;
    json_object_set_new(q, "version", json_integer(ver));
    if (orig) json_array_set_new(questions, at, q);
    else json_array_append_new(questions, q);
    saved->index = at;
    return MJ_OK;
}

int hub_qform_apply(json_t *questions, const char *id, const hub_form *fd, const char *prefix, const json_t *published,
                    long long max_published, const char *lang, hub_qform_saved *saved, char *field, size_t flen, char *err,
                    size_t errlen)
{
    hub_form view;
    char f[160] = "";
    if (hub_form_view(fd, prefix ? prefix : "", &view)) return mj_err(err, errlen, MJ_ENOMEM, "out of memory");
    int rc = apply(questions, id, &view, published, max_published, lang, saved, f, sizeof f, err, errlen);
    hub_form_view_free(&view);
    if (rc == MJ_EINVAL && f[0]) hub_form_prefix_err(prefix, f, sizeof f, err, errlen);
    if (field && flen) mj_strlcpy_utf8(field, f, flen);
    return rc;
}

int hub_qform_to_form(const json_t *questions, const char *id, const char *prefix, hub_form *out, char *err,
                      size_t errlen)
{
    const json_t *q = by_id(questions, id, NULL);
    char name[HUB_FORM_MAX_NAME + 1];
    const char *lang;
    json_t *v, *o;
    size_t i;
    int rc;
    out->f = NULL;
    out->n = 0;
    if (!q) return mj_err(err, errlen, MJ_ENOTFOUND, "feedback_questions: no question \"%.64s\"", id);
    rc = hub_form_add(out, "id", id);
    if (!rc) rc = hub_form_add(out, "kind", json_string_value(json_object_get(q, "kind")) ? json_string_value(json_object_get(q, "kind")) : "");
    json_object_foreach(json_object_get(q, "text"), lang, v)
        if (!rc && strncmp(lang, "x-", 2) && json_is_string(v)) {
            snprintf(name, sizeof name, "text.%s", lang);
            rc = hub_form_add(out, name, json_string_value(v));
        }
    json_array_foreach(json_object_get(q, "options"), i, o) {
        snprintf(name, sizeof name, "options[%zu].id", i);
        if (!rc && json_is_string(json_object_get(o, "id"))) rc = hub_form_add(out, name, json_string_value(json_object_get(o, "id")));
        json_object_foreach(json_object_get(o, "text"), lang, v)
            if (!rc && strncmp(lang, "x-", 2) && json_is_string(v)) {
                snprintf(name, sizeof name, "options[%zu].text.%s", i, lang);
                rc = hub_form_add(out, name, json_string_value(v));
            }
    }
    if (rc) {
        hub_form_free(out);
        return mj_err(err, errlen, rc, "feedback_questions: question \"%.64s\" does not fit the form", id);
    }
    if (prefix && hub_form_prefix(out, prefix)) {
        hub_form_free(out);
        return mj_err(err, errlen, MJ_ENOMEM, "out of memory");
    }
    return MJ_OK;
}

int hub_qform_field_of(const char *path, const hub_qform_saved *saved, char *field, size_t flen)
{
    static const char pre[] = "feedback_questions[";
    if (strncmp(path, pre, sizeof pre - 1) != 0) return MJ_ENOTFOUND;
    char *end;
    unsigned long k = strtoul(path + sizeof pre - 1, &end, 10);
    if (*end != ']' || k != saved->index) return MJ_ENOTFOUND;
    const char *r = end + 1;
    if (*r == '.') r++;
    if (strncmp(r, "options[", 8) == 0) {
        unsigned long j = strtoul(r + 8, &end, 10);
        if (*end == ']' && j < saved->nopt) {
            snprintf(field, flen, "options[%d]%s", saved->opt_row[j], end + 1);
            return MJ_OK;
        }
        mj_strlcpy_utf8(field, "options", flen);
        return MJ_OK;
    }
    mj_strlcpy_utf8(field, *r ? r : "text", flen);
    return MJ_OK;
}
