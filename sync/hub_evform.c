/* hub_evform.c - see hub_evform.h: the posted form into the bundle's events (hub_evform_apply).
 * The other direction and the helpers are in hub_evform_view.c. */
#include "hub_evform.h"
#include "hub_evform_int.h"
#include "hub_evrule.h"
#include "hub_web.h"
#include "model.h"
#include "recur.h"
#include "tz.h"
#include "util.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct ctx {
    const hub_form *fd;
    const json_t *orig;
    const char *tzid;
    char *field, *err;
    size_t flen, errlen;
    const char *lang;          /* the messages' language (hub_t_lang; NULL: English) */
} ctx;

static int fail(ctx *c, const char *field, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int fail(ctx *c, const char *field, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    mj_utf8_trim(msg);
    if (c->field) mj_strlcpy_utf8(c->field, field, c->flen);
    return mj_err(c->err, c->errlen, MJ_EINVAL, "%s: %s", field, msg);
}

/* fail() with a message of assets/po/hub in c's language; a1, a2 fill {1} and {2} (NULL: none). */
static int failt(ctx *c, const char *field, const char *msgid, const char *a1, const char *a2)
{
    char msg[400];
    hub_tf_lang(c->lang ? c->lang : "en", msg, sizeof msg, msgid, a1 ? a1 : "", a2 ? a2 : "", NULL);
    return fail(c, field, "%s", msg);
}

static const char *get(ctx *c, const char *name)
{
    return hub_form_get(c->fd, name);
}


/* The text fields KEY.LANG into a text object (the original's x- keys kept); NULL when empty. */
static int text(ctx *c, const char *key, json_t **out)
{
    size_t kl = strlen(key);
    json_t *t = json_object(), *o = json_object_get(c->orig, key);
    const char *k;
    json_t *v;
    *out = NULL;
    for (size_t i = 0; i < c->fd->n; i++) {
        const char *name = c->fd->f[i].name;
        if (strncmp(name, key, kl) != 0 || name[kl] != '.') continue;
        if (!model_lang_valid(name + kl + 1)) { json_decref(t); return failt(c, name, "web.evf.not_site_lang", NULL, NULL); }
        json_t *s = hub_evf_trimmed(c->fd->f[i].value);
        if (s) json_object_set_new(t, name + kl + 1, s);
    }
    json_object_foreach(o, k, v)
        if (strncmp(k, "x-", 2) == 0) json_object_set(t, k, v);
    if (json_object_size(t) == 0) json_decref(t);
    else *out = t;
    return MJ_OK;
}

static int on(ctx *c, const char *name)
{
    const char *v = get(c, name);
    return v && (strcmp(v, "on") == 0 || strcmp(v, "true") == 0 || strcmp(v, "1") == 0);
}

/* A local date-time field, as the bundle writes it: the original's spelling when it is the same
 * time. */
static int datetime(ctx *c, const char *name, const char *okey, json_t **out)
{
    tz_local lt, ol;
    int date_only = 1;
    char b[HUB_EVF_SHOWN];
    const char *s = get(c, name), *os = json_string_value(json_object_get(c->orig, okey));
    if (!s || !*s) return failt(c, name, "web.evf.time_missing", NULL, NULL);
    if (tz_parse_local(s, &lt, &date_only) != MJ_OK || date_only)
        return failt(c, name, "web.evf.not_time", hub_evf_shown(s, b), NULL);
    if (os && tz_parse_local(os, &ol, &date_only) == MJ_OK && !date_only && tz_naive(&ol) == tz_naive(&lt))
        *out = json_string(os);
    else {
        char f[20];
        tz_format_local(&lt, f);
        if (lt.second == 0) f[16] = 0;
        *out = json_string(f);
    }
    return MJ_OK;
}

/* A list field given several times: each value must be one of names (n of them). */
static int choices(ctx *c, const char *name, const char *const *names, int n, const char *what, unsigned *bits)
{
    const char *v;
    char b[HUB_EVF_SHOWN];
    *bits = 0;
    for (size_t k = 0; (v = hub_form_get_nth(c->fd, name, k)); k++) {
        int i = 0;
        while (i < n && strcmp(v, names[i]) != 0) i++;
        if (i == n) return failt(c, name, "web.evf.not_one_of", hub_evf_shown(v, b), hub_t_lang(c->lang, what));
        *bits |= 1u << i;
    }
    return MJ_OK;
}

static int rule(ctx *c, const char *start, json_t **rrule)
{
    const char *rep = get(c, "repeat"), *orr = json_string_value(json_object_get(c->orig, "rrule"));
    hub_evrule r = { .interval = 1 }, o;
    char b[HUB_EVF_SHOWN], buf[200], why[300];
    *rrule = NULL;
    if (!rep || !*rep || strcmp(rep, "once") == 0) return MJ_OK;
    if (strcmp(rep, "keep") == 0) {
        if (!orr) return failt(c, "repeat", "web.evf.no_rule", NULL, NULL);
        *rrule = json_string(orr);
        return MJ_OK;
    }
    if (strcmp(rep, "weekly") == 0) r.repeat = EVR_WEEKLY;
    else if (strcmp(rep, "monthly") == 0) r.repeat = EVR_MONTHLY;
    else return failt(c, "repeat", "web.evf.bad_repeat", hub_evf_shown(rep, b), NULL);
    const char *iv = get(c, "interval"), *ends = get(c, "ends");
    if (r.repeat == EVR_WEEKLY && iv && *iv) {
        if (strcmp(iv, "1") && strcmp(iv, "2")) return failt(c, "interval", "web.evf.bad_interval", NULL, NULL);
        r.interval = iv[0] - '0';
    }
    int rc;
    if ((rc = choices(c, "days", hub_evrule_day_codes, 7, "web.evf.a_weekday", &r.days))) return rc;
    if (!r.days) return failt(c, "days", "web.evf.no_days", NULL, NULL);
    if (r.repeat == EVR_MONTHLY) {
        if ((rc = choices(c, "weeks", hub_evrule_week_codes, 6, "web.evf.a_week", &r.weeks))) return rc;
        if (!r.weeks) return failt(c, "weeks", "web.evf.no_weeks", NULL, NULL);
    }
    if (!ends || !*ends || strcmp(ends, "never") == 0) r.ends = EVR_END_NEVER;
    else if (strcmp(ends, "until") == 0) {
        const char *u = get(c, "until");
        tz_local lt, st;
        int date_only = 0;
        r.ends = EVR_END_UNTIL;
        if (!u || strlen(u) != 10 || tz_parse_local(u, &lt, &date_only) != MJ_OK || !date_only)
            return failt(c, "until", "web.evf.not_date", hub_evf_shown(u ? u : "", b), NULL);
        tz_parse_local(start, &st, NULL);
        st.hour = st.minute = st.second = 0;
        if (tz_naive(&lt) < tz_naive(&st)) return failt(c, "until", "web.evf.until_before", NULL, NULL);
        memcpy(r.until, u, 11);
    } else if (strcmp(ends, "count") == 0) {
        const char *n = get(c, "count");
        r.ends = EVR_END_COUNT;
        if (!n || !*n || strlen(n) > 6 || strspn(n, "0123456789") != strlen(n) || atoi(n) < 1 || atoi(n) > EVR_MAX_COUNT)
            {
            char mx[16];
            snprintf(mx, sizeof mx, "%d", EVR_MAX_COUNT);
            return failt(c, "count", "web.evf.bad_count", mx, NULL);
        }
        r.count = atoi(n);
    } else {
        return failt(c, "ends", "web.evf.bad_ends", hub_evf_shown(ends, b), NULL);
    }
    if (hub_evrule_format(&r, buf, sizeof buf, why, sizeof why)) {
        char *colon = strchr(why, ':');
        if (colon) *colon = 0;
        return fail(c, why, "%s", colon ? colon + 2 : "");
    }
    *rrule = json_string(orr && hub_evrule_parse(orr, &o) == MJ_OK && hub_evrule_equal(&o, &r) ? orr : buf);
    return MJ_OK;
}

/* The rule's first occurrence must be the event's start (as the kiosks read `start`). An end
 * before the start is left to the validator ("end: is before start"). */
static int first_is_start(ctx *c, json_t *ev)
{
    const char *st = json_string_value(json_object_get(ev, "start"));
    const char *rr = json_string_value(json_object_get(ev, "rrule"));
    long long first;
    tz_local lt;
    char f[24];
    int rc = hub_evf_find(ev, c->tzid, NULL, 0, &first);
    if (rc == MJ_ENOTFOUND) return failt(c, "until", "web.evf.no_date_before", NULL, NULL);
    if (rc) {
        char rs[104];
        mj_strlcpy_utf8(rs, rr ? rr : "", sizeof rs);
        return failt(c, "repeat", "web.evf.cannot_expand", rs, NULL);
    }
    tz_parse_local(st, &lt, NULL);
    if (first == tz_naive(&lt)) return MJ_OK;
    tz_from_naive(first, &lt);
    snprintf(f, sizeof f, "%04d-%02d-%02d %02d:%02d", lt.year, lt.month, lt.mday, lt.hour, lt.minute);
    return failt(c, "start", "web.evf.start_not_rule_day", f, NULL);
}

static int exdates(ctx *c, json_t *ev, json_t *list)
{
    const json_t *ol = json_object_get(c->orig, "exdates");
    char b[HUB_EVF_SHOWN];
    for (size_t i = 0; i < c->fd->n; i++) {
        const char *name = c->fd->f[i].name;
        if (!hub_evf_row(name, "exdates", NULL)) continue;
        json_t *s = hub_evf_trimmed(c->fd->f[i].value);
        if (!s) continue;
        char norm[20];
        int date_only;
        long long at;
        const char *v = json_string_value(s);
        if (hub_evf_norm(v, norm, &date_only)) {
            json_decref(s);
            return failt(c, name, "web.evf.not_date_or_time", hub_evf_shown(c->fd->f[i].value, b), NULL);
        }
        json_decref(s);
        if (json_array_size(list) >= HUB_EVFORM_MAX_ROWS) {
            char mx[16];
            snprintf(mx, sizeof mx, "%d", HUB_EVFORM_MAX_ROWS);
            return failt(c, name, "web.evf.too_many_cancelled", mx, NULL);
        }
        if (hub_evf_list_has(list, norm)) return failt(c, name, "web.evf.twice", NULL, NULL);
        const char *keep = hub_evf_list_spelling(ol, norm);
        /* a new cancellation must name a time the event takes place; old ones stay as they were */
        if (!keep && hub_evf_find(ev, c->tzid, norm, date_only ? 1 : 2, &at) != MJ_OK)
            return failt(c, name, date_only ? "web.evf.not_on" : "web.evf.not_at", norm, NULL);
        json_array_append_new(list, json_string(keep ? keep : norm));
    }
    return MJ_OK;
}

/* The moved occurrences: rows moves[i].from/.start/.end into events of their own. */
static int moves(ctx *c, json_t *ev, json_t *exd, const json_t *events, json_t *moved, hub_evform_saved *saved)
{
    char b[HUB_EVF_SHOWN], name[64];
    saved->nmoved = 0;
    for (int row = 0; row < HUB_EVFORM_MAX_ROWS; row++) {
        snprintf(name, sizeof name, "moves[%d].from", row);
        const char *from = get(c, name);
        snprintf(name, sizeof name, "moves[%d].start", row);
        const char *st = get(c, name);
        if ((!from || !*from) && (!st || !*st)) continue;
        char norm[20], f[20];
        int date_only;
        long long at;
        snprintf(name, sizeof name, "moves[%d].from", row);
        if (!from || hub_evf_norm(from, norm, &date_only))
            return failt(c, name, "web.evf.not_date_or_time", hub_evf_shown(from ? from : "", b), NULL);
        if (hub_evf_find(ev, c->tzid, norm, date_only ? 1 : 2, &at) != MJ_OK)
            return failt(c, name, date_only ? "web.evf.not_on" : "web.evf.not_at", norm, NULL);
        tz_local lt;
        tz_from_naive(at, &lt);
        tz_format_local(&lt, f);
        memcpy(norm, f, 10);
        norm[10] = 0;
        if (hub_evf_list_has(exd, f) || hub_evf_list_has(exd, norm))
            return failt(c, name, "web.evf.already", NULL, NULL);
        json_t *m = json_object(), *x, *v;
        const char *k;
        json_object_foreach(ev, k, v)
            if (strcmp(k, "id") && strcmp(k, "start") && strcmp(k, "end") && strcmp(k, "rrule") && strcmp(k, "exdates"))
                json_object_set(m, k, v);
        const json_t *old = hub_evf_moved_find(events, json_string_value(json_object_get(ev, "id")), f);
        int rc = MJ_OK;
        char fld[64];
        snprintf(fld, sizeof fld, "moves[%d].start", row);
        if (!(rc = datetime(&(ctx){ c->fd, old, c->tzid, c->field, c->err, c->flen, c->errlen, c->lang }, fld, "start", &x)))
            json_object_set_new(m, "start", x);
        snprintf(fld, sizeof fld, "moves[%d].end", row);
        if (!rc && !(rc = datetime(&(ctx){ c->fd, old, c->tzid, c->field, c->err, c->flen, c->errlen, c->lang }, fld, "end", &x)))
            json_object_set_new(m, "end", x);
        if (rc) { json_decref(m); return rc; }
        char id[80];
        if (old) snprintf(id, sizeof id, "%s", json_string_value(json_object_get(old, "id")));
        else hub_evf_moved_id(json_string_value(json_object_get(ev, "id")), &lt, id);
        json_object_set_new(m, "id", json_string(id));
        json_object_set_new(m, "x-moved", json_pack("{s:O,s:s}", "event", json_object_get(ev, "id"), "from", f));
        json_array_append_new(exd, json_string(f));
        json_array_append_new(moved, m);
        saved->move_row[saved->nmoved++] = row;
    }
    return MJ_OK;
}

static int build(ctx *c, const char *id, const json_t *events, json_t *ev, json_t *moved, hub_evform_saved *saved)
{
    json_t *v;
    int rc;
    char b[HUB_EVF_SHOWN];
    json_object_set_new(ev, "id", json_string(id));
    if ((rc = text(c, "title", &v))) return rc;
    json_object_set_new(ev, "title", v ? v : json_object());
    if ((rc = text(c, "description", &v))) return rc;
    if (v) json_object_set_new(ev, "description", v);
    if ((v = hub_evf_trimmed(get(c, "service")))) json_object_set_new(ev, "service", v);
    const char *where = get(c, "where");
    if (!where || !*where || strcmp(where, "none") == 0) {
    } else if (strcmp(where, "location") == 0) {
        if (!(v = hub_evf_trimmed(get(c, "location")))) return failt(c, "location", "web.evf.no_location", NULL, NULL);
        json_object_set_new(ev, "location", v);
    } else if (strcmp(where, "place") == 0) {
        if ((rc = text(c, "place", &v))) return rc;
        if (!v) return failt(c, "place", "web.evf.no_place", NULL, NULL);
        json_object_set_new(ev, "place", v);
    } else {
        return failt(c, "where", "web.evf.bad_where", hub_evf_shown(where, b), NULL);
    }
    if ((rc = datetime(c, "start", "start", &v))) return rc;
    json_object_set_new(ev, "start", v);
    if ((rc = datetime(c, "end", "end", &v))) return rc;
    json_object_set_new(ev, "end", v);
    if ((rc = rule(c, json_string_value(json_object_get(ev, "start")), &v))) return rc;
    if (v) {
        json_object_set_new(ev, "rrule", v);
        if (strcmp(get(c, "repeat"), "keep") != 0 && (rc = first_is_start(c, ev))) return rc;
    }
    json_t *exd = json_array();
    json_object_set_new(ev, "exdates", exd);
    if ((rc = exdates(c, ev, exd))) return rc;
    unsigned aud;
    if ((rc = choices(c, "audiences", model_audience_names, AUD_COUNT, "web.evf.an_audience", &aud))) return rc;
    json_t *al = json_array();
    for (int i = 0; i < AUD_COUNT; i++)
        if (aud & (1u << i)) json_array_append_new(al, json_string(model_audience_names[i]));
    json_t *oal = json_object_get(c->orig, "audiences");
    if (oal && hub_evf_same_set(oal, al)) { json_decref(al); al = json_deep_copy(oal); }
    json_object_set_new(ev, "audiences", al);
    json_object_set_new(ev, "free", json_boolean(on(c, "free")));
    if ((rc = text(c, "cost", &v))) return rc;
    if (v) json_object_set_new(ev, "cost", v);
    json_object_set_new(ev, "registration", json_boolean(on(c, "registration")));
    if ((v = hub_evf_trimmed(get(c, "url")))) json_object_set_new(ev, "url", v);
    const char *k;
    json_object_foreach((json_t *)c->orig, k, v)
        if (strncmp(k, "x-", 2) == 0) json_object_set(ev, k, v);
    if ((rc = moves(c, ev, exd, events, moved, saved))) return rc;
    const json_t *oex = json_object_get(c->orig, "exdates");
    if (json_array_size(exd) == 0 && !(json_is_array(oex) && json_array_size(oex) == 0)) json_object_del(ev, "exdates");
    return MJ_OK;
}

static int apply(json_t *events, const char *id, const hub_form *fd, const char *tzid, const char *lang,
                 hub_evform_saved *saved, char *field, size_t flen, char *err, size_t errlen)
{
    ctx c = { fd, NULL, tzid ? tzid : "Europe/Helsinki", field, err, flen, errlen, lang };
    char b[HUB_EVF_SHOWN];
    size_t at = json_array_size(events);
    if (field && flen) field[0] = 0;
    if (!json_is_array(events)) return mj_err(err, errlen, MJ_EINVAL, "events: must be a list");
    if (id) {
        size_t i;
        json_t *e;
        json_array_foreach(events, i, e)
            if (!hub_evform_moved_of(e) && json_is_string(json_object_get(e, "id")) && !strcmp(json_string_value(json_object_get(e, "id")), id)) break;
        if (i == json_array_size(events)) return mj_err(err, errlen, MJ_ENOTFOUND, "events: no event \"%s\"", hub_evf_shown(id, b));
        c.orig = json_array_get(events, i);
    } else {
        json_t *s = hub_evf_trimmed(get(&c, "id"));
        const char *v = json_string_value(s);
        if (!v || !model_id_valid(v)) {
            int rc = fail(&c, "id", "\"%s\" is not a valid id (a-z, 0-9, - and _, at most 64)", hub_evf_shown(v ? v : "", b));
            json_decref(s);
            return rc;
        }
        id = json_string_value(s);
        json_t *ev = json_object(), *moved = json_array();
        int rc = build(&c, id, events, ev, moved, saved);
        json_decref(s);
        if (!rc) hub_evf_splice(events, NULL, ev, moved, &at);
        json_decref(ev);
        json_decref(moved);
        if (!rc) saved->index = at;
        return rc;
    }
    json_t *ev = json_object(), *moved = json_array();
    int rc = build(&c, id, events, ev, moved, saved);
    if (!rc) {
        json_t *keep = json_incref((json_t *)c.orig);
        hub_evf_splice(events, keep, ev, moved, &at);
        json_decref(keep);
        saved->index = at;
    }
    json_decref(ev);
    json_decref(moved);
    return rc;
}

int hub_evform_apply(json_t *events, const char *id, const hub_form *fd, const char *prefix, const char *tzid,
                     const char *lang, hub_evform_saved *saved, char *field, size_t flen, char *err, size_t errlen)
{
    hub_form view;
    char f[160] = "";
    if (hub_form_view(fd, prefix ? prefix : "", &view)) return mj_err(err, errlen, MJ_ENOMEM, "out of memory");
    int rc = apply(events, id, &view, tzid, lang, saved, f, sizeof f, err, errlen);
    hub_form_view_free(&view);
    if (rc == MJ_EINVAL && f[0]) hub_form_prefix_err(prefix, f, sizeof f, err, errlen);
    if (field && flen) mj_strlcpy_utf8(field, f, flen);
    return rc;
}
