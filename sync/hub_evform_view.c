/* hub_evform_view.c - see hub_evform.h: a bundle event into the form's fields, validator paths to
 * fields, the next occurrences, and the helpers hub_evform.c shares (hub_evform_int.h). */
#include "hub_evform.h"
#include "hub_evform_int.h"
#include "hub_evrule.h"
#include "recur.h"
#include "util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DAY 86400LL

const char *hub_evf_shown(const char *s, char buf[HUB_EVF_SHOWN])
{
    mj_strlcpy_utf8(buf, s ? s : "", 65);
    for (char *p = buf; *p; p++)
        if (*p == '"' || (unsigned char)*p < 0x20 || *p == 0x7f) *p = '?';
    return buf;
}

int hub_evf_row(const char *name, const char *prefix, int *row)
{
    size_t pl = strlen(prefix);
    if (strncmp(name, prefix, pl) != 0 || name[pl] != '[') return 0;
    const char *d = name + pl + 1;
    size_t nd = strspn(d, "0123456789");
    if (nd < 1 || nd > 3 || strcmp(d + nd, "]") != 0) return 0;
    if (row) *row = atoi(d);
    return 1;
}

int hub_evf_norm(const char *s, char out[20], int *date_only)
{
    tz_local lt;
    if (!s || strlen(s) > 19 || tz_parse_local(s, &lt, date_only) != MJ_OK) return MJ_EINVAL;
    if (*date_only) snprintf(out, 20, "%04d-%02d-%02d", lt.year, lt.month, lt.mday);
    else tz_format_local(&lt, out);
    return MJ_OK;
}

const char *hub_evf_list_spelling(const json_t *list, const char *norm)
{
    size_t i;
    json_t *x;
    json_array_foreach(list, i, x) {
        char n[20];
        int d;
        if (json_is_string(x) && hub_evf_norm(json_string_value(x), n, &d) == MJ_OK && strcmp(n, norm) == 0)
            return json_string_value(x);
    }
    return NULL;
}

int hub_evf_list_has(const json_t *list, const char *norm)
{
    return hub_evf_list_spelling(list, norm) != NULL;
}

static int list_has_str(const json_t *list, const char *s)
{
    size_t i;
    json_t *x;
    json_array_foreach(list, i, x)
        if (json_is_string(x) && strcmp(json_string_value(x), s) == 0) return 1;
    return 0;
}

int hub_evf_same_set(const json_t *a, const json_t *b)
{
    size_t i;
    json_t *x;
    if (!json_is_array(a) || !json_is_array(b)) return 0;
    json_array_foreach(a, i, x) if (!json_is_string(x) || !list_has_str(b, json_string_value(x))) return 0;
    json_array_foreach(b, i, x) if (!list_has_str(a, json_string_value(x))) return 0;
    return 1;
}

typedef struct finder { const char *tzid; int mode; long long want, found; int hit; } finder;

static int find_cb(const char *id, time_t s, time_t e, void *vctx)
{
    finder *f = vctx;
    tz_local lt;
    (void)id;
    (void)e;
    if (tz_to_local(s, f->tzid, &lt) != MJ_OK) return 0;
    long long n = tz_naive(&lt);
    if (f->mode == 1 && (n < f->want || n >= f->want + DAY)) return 0;
    if (f->mode == 2 && n != f->want) return 0;
    f->found = n;
    f->hit = 1;
    return 1;
}

int hub_evf_find(const json_t *ev, const char *tzid, const char *when, int mode, long long *out)
{
    const char *st = json_string_value(json_object_get(ev, "start"));
    const char *rr = json_string_value(json_object_get(ev, "rrule"));
    const char *id = json_string_value(json_object_get(ev, "id"));
    tz_local lt;
    time_t from, to;
    finder f = { tzid, mode, 0, 0, 0 };
    if (!st || tz_parse_local(st, &lt, NULL) != MJ_OK) return MJ_EINVAL;
    if (mode == 0) {
        if (tz_from_local(&lt, tzid, &from) != MJ_OK) return MJ_EINVAL;
        to = from + (time_t)(5 * 366 * DAY);
    } else {
        tz_local w;
        int date_only;
        if (!when || tz_parse_local(when, &w, &date_only) != MJ_OK) return MJ_EINVAL;
        f.want = tz_naive(&w);
        if (tz_instant_of_naive(f.want - DAY, tzid, &from) != MJ_OK || tz_instant_of_naive(f.want + 2 * DAY, tzid, &to) != MJ_OK)
            return MJ_EINVAL;
    }
    /* end = start: the length does not matter for where occurrences start */
    if (recur_expand_event(id ? id : "new", st, st, rr, NULL, 0, tzid, from, to, find_cb, &f, NULL, 0) != MJ_OK)
        return MJ_EINVAL;
    if (!f.hit) return MJ_ENOTFOUND;
    *out = f.found;
    return MJ_OK;
}

const char *hub_evform_moved_of(const json_t *ev)
{
    return json_string_value(json_object_get(json_object_get(ev, "x-moved"), "event"));
}

const json_t *hub_evf_moved_find(const json_t *events, const char *id, const char *from)
{
    size_t i;
    json_t *e;
    json_array_foreach(events, i, e) {
        const char *s = hub_evform_moved_of(e);
        const char *f = json_string_value(json_object_get(json_object_get(e, "x-moved"), "from"));
        if (s && f && id && strcmp(s, id) == 0 && strcmp(f, from) == 0) return e;
    }
    return NULL;
}

void hub_evf_moved_id(const char *series, const tz_local *f, char id[80])
{
    snprintf(id, 80, "%.49s-m%04d%02d%02d%02d%02d", series, f->year, f->month, f->mday, f->hour, f->minute);
}

void hub_evf_splice(json_t *events, const json_t *orig, json_t *ev, json_t *moved, size_t *at)
{
    const char *sid = json_string_value(json_object_get(ev, "id"));
    json_t *out = json_array(), *e;
    size_t i;
    *at = (size_t)-1;
    json_array_foreach(events, i, e) {
        const char *m = hub_evform_moved_of(e);
        if (m && sid && strcmp(m, sid) == 0) continue;
        if (e != orig) { json_array_append(out, e); continue; }
        *at = json_array_size(out);
        json_array_append(out, ev);
        json_array_extend(out, moved);
    }
    if (*at == (size_t)-1) {
        *at = json_array_size(out);
        json_array_append(out, ev);
        json_array_extend(out, moved);
    }
    json_array_clear(events);
    json_array_extend(events, out);
    json_decref(out);
}

/* ---- a bundle event into the form's fields ---- */

static int add(hub_form *fd, const char *name, const char *value)
{
    return value ? hub_form_add(fd, name, value) : MJ_OK;
}

static int add_text(hub_form *fd, const json_t *ev, const char *key)
{
    const char *lang;
    json_t *v;
    char name[HUB_FORM_MAX_NAME + 1];
    int rc = MJ_OK;
    json_object_foreach((json_t *)json_object_get(ev, key), lang, v) {
        if (strncmp(lang, "x-", 2) == 0 || !json_is_string(v)) continue;
        snprintf(name, sizeof name, "%s.%s", key, lang);
        if (!rc) rc = add(fd, name, json_string_value(v));
    }
    return rc;
}

static int add_rule(hub_form *fd, const char *rrule)
{
    hub_evrule r;
    char n[8];
    int rc;
    if (!rrule) return add(fd, "repeat", "once");
    if (hub_evrule_parse(rrule, &r) != MJ_OK) return add(fd, "repeat", "keep");
    rc = add(fd, "repeat", r.repeat == EVR_WEEKLY ? "weekly" : "monthly");
    if (!rc) rc = add(fd, "interval", r.interval == 2 ? "2" : "1");
    for (int d = 0; d < 7 && !rc; d++)
        if (r.days & (1u << d)) rc = add(fd, "days", hub_evrule_day_codes[d]);
    for (int w = 0; w < 6 && !rc; w++)
        if (r.weeks & (1u << w)) rc = add(fd, "weeks", hub_evrule_week_codes[w]);
    if (!rc) rc = add(fd, "ends", r.ends == EVR_END_UNTIL ? "until" : r.ends == EVR_END_COUNT ? "count" : "never");
    if (!rc && r.ends == EVR_END_UNTIL) rc = add(fd, "until", r.until);
    snprintf(n, sizeof n, "%d", r.count);
    if (!rc && r.ends == EVR_END_COUNT) rc = add(fd, "count", n);
    return rc;
}

int hub_evform_to_form(const json_t *events, const char *id, const char *prefix, hub_form *out, char *err,
                       size_t errlen)
{
    const json_t *ev = NULL;
    json_t *e;
    size_t i;
    char name[64];
    int rc = MJ_OK;
    out->f = NULL;
    out->n = 0;
    json_array_foreach(events, i, e)
        if (!hub_evform_moved_of(e) && json_is_string(json_object_get(e, "id")) && strcmp(json_string_value(json_object_get(e, "id")), id) == 0)
            ev = e;
    if (!ev) return mj_err(err, errlen, MJ_ENOTFOUND, "events: no event \"%.64s\"", id);
    rc = add(out, "id", id);
    if (!rc) rc = add_text(out, ev, "title");
    if (!rc) rc = add_text(out, ev, "description");
    if (!rc) rc = add(out, "service", json_string_value(json_object_get(ev, "service")));
    if (!rc) {
        if (json_object_get(ev, "location")) {
            rc = add(out, "where", "location");
            if (!rc) rc = add(out, "location", json_string_value(json_object_get(ev, "location")));
        } else if (json_object_get(ev, "place")) {
            rc = add(out, "where", "place");
            if (!rc) rc = add_text(out, ev, "place");
        } else {
            rc = add(out, "where", "none");
        }
    }
    if (!rc) rc = add(out, "start", json_string_value(json_object_get(ev, "start")));
    if (!rc) rc = add(out, "end", json_string_value(json_object_get(ev, "end")));
    if (!rc) rc = add_rule(out, json_string_value(json_object_get(ev, "rrule")));
    /* moved occurrences first, so that their exdates are not shown as cancellations */
    json_t *moved_from = json_array();
    int row = 0;
    json_array_foreach(events, i, e) {
        const char *s = hub_evform_moved_of(e), *f = json_string_value(json_object_get(json_object_get(e, "x-moved"), "from"));
        if (!s || !f || strcmp(s, id) != 0 || rc) continue;
        json_array_append_new(moved_from, json_string(f));
        snprintf(name, sizeof name, "moves[%d].from", row);
        rc = add(out, name, f);
        snprintf(name, sizeof name, "moves[%d].start", row);
        if (!rc) rc = add(out, name, json_string_value(json_object_get(e, "start")));
        snprintf(name, sizeof name, "moves[%d].end", row++);
        if (!rc) rc = add(out, name, json_string_value(json_object_get(e, "end")));
    }
    row = 0;
    json_array_foreach(json_object_get(ev, "exdates"), i, e) {
        char n[20];
        int d;
        if (rc || !json_is_string(e)) continue;
        if (hub_evf_norm(json_string_value(e), n, &d) == MJ_OK && !d && hub_evf_list_has(moved_from, n)) continue;
        snprintf(name, sizeof name, "exdates[%d]", row++);
        rc = add(out, name, json_string_value(e));
    }
    json_decref(moved_from);
    json_array_foreach(json_object_get(ev, "audiences"), i, e)
        if (!rc && json_is_string(e)) rc = add(out, "audiences", json_string_value(e));
    if (!rc && json_is_true(json_object_get(ev, "free"))) rc = add(out, "free", "on");
    if (!rc) rc = add_text(out, ev, "cost");
    if (!rc && json_is_true(json_object_get(ev, "registration"))) rc = add(out, "registration", "on");
    if (!rc) rc = add(out, "url", json_string_value(json_object_get(ev, "url")));
    if (rc) {
        hub_form_free(out);
        return mj_err(err, errlen, rc, "events: event \"%.64s\" does not fit the form", id);
    }
    if (prefix && hub_form_prefix(out, prefix)) {
        hub_form_free(out);
        return mj_err(err, errlen, MJ_ENOMEM, "out of memory");
    }
    return MJ_OK;
}

/* ---- validator paths and occurrences ---- */

int hub_evform_field_of(const char *path, const hub_evform_saved *saved, char *field, size_t flen)
{
    char rest[200];
    size_t n = strspn(path, "events["), k;
    if (strncmp(path, "events[", 7) != 0 || n < 7) return MJ_ENOTFOUND;
    k = (size_t)strtoul(path + 7, NULL, 10);
    const char *r = strchr(path + 7, ']');
    if (!r) return MJ_ENOTFOUND;
    r++;
    if (*r == '.') r++;
    mj_strlcpy_utf8(rest, r, sizeof rest);
    rest[strcspn(rest, "[")] = 0;   /* audiences[1] -> audiences, exdates[0] -> exdates */
    if (k == saved->index) {
        const char *f = !*rest ? "where" : strcmp(rest, "rrule") == 0 ? "repeat" : r;
        if (strchr(f, '[')) f = rest;
        mj_strlcpy_utf8(field, f, flen);
        return MJ_OK;
    }
    if (k > saved->index && k <= saved->index + saved->nmoved) {
        int row = saved->move_row[k - saved->index - 1];
        snprintf(field, flen, "moves[%d].%s", row, strcmp(rest, "start") == 0 || strcmp(rest, "end") == 0 ? rest : "from");
        return MJ_OK;
    }
    return MJ_ENOTFOUND;
}

typedef struct collect { time_t *starts, *ends; size_t max, n; } collect;

static int collect_cb(const char *id, time_t s, time_t e, void *vctx)
{
    collect *c = vctx;
    (void)id;
    c->starts[c->n] = s;
    c->ends[c->n] = e;
    return ++c->n >= c->max;
}

int hub_evform_next(const json_t *ev, const char *tzid, time_t from, size_t max, time_t *starts, time_t *ends,
                    size_t *n, char *err, size_t errlen)
{
    const char *ex[HUB_EVFORM_MAX_ROWS];
    size_t nex = 0, i;
    json_t *x;
    collect c = { starts, ends, max, 0 };
    *n = 0;
    if (!tzid) tzid = "Europe/Helsinki";
    if (max == 0) return MJ_OK;
    json_array_foreach(json_object_get(ev, "exdates"), i, x)
        if (json_is_string(x) && nex < HUB_EVFORM_MAX_ROWS) ex[nex++] = json_string_value(x);
    const char *id = json_string_value(json_object_get(ev, "id"));
    const char *st = json_string_value(json_object_get(ev, "start")), *en = json_string_value(json_object_get(ev, "end"));
    if (!st || !en) return mj_err(err, errlen, MJ_EINVAL, "event: start or end missing");
    int rc = recur_expand_event(id ? id : "new", st, en, json_string_value(json_object_get(ev, "rrule")), ex, nex, tzid,
                                from, from + (time_t)(3 * 366 * DAY), collect_cb, &c, err, errlen);
    *n = c.n;
    return rc;
}

json_t *hub_evf_trimmed(const char *s)
{
    if (!s) return NULL;
    while (*s == ' ' || *s == '\t' || *s == '\n') s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n')) n--;
    return n ? json_stringn(s, n) : NULL;
}
