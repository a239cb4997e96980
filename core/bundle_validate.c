/* bundle_validate.c - every rule of docs/content-bundle.md for the `content` object.
 * Checks run in a fixed order (lists: categories, organizations, locations, site, services,
 * events, feedback_questions; within an item: unknown keys, then fields in the spec's order), so
 * the first problem reported for a given bundle is always the same one. */
#include "bundle_int.h"
#include "model.h"
#include "recur.h"
#include "tz.h"
#include "util.h"
#include <libical/ical.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

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

/* Rewrites each exdate that parses into its stored form ("YYYY-MM-DD", or a date-time with
 * seconds), so that "…T09:00" and "…T09:00:00" are seen as the same (listed twice) here, as they
 * are by the importer; what validates, imports. Values that do not parse are left for the
 * check to report. fix 0: whether any exdate would be rewritten; fix 1: rewrite them (1 if any was). */
static int exdates_local(json_t *ev, int fix)
{
    json_t *list = json_object_get(ev, "exdates"), *x;
    size_t i;
    int changed = 0;
    json_array_foreach(list, i, x) {
        tz_local lt;
        int date_only;
        char buf[20];
        if (!json_is_string(x) || tz_parse_local(json_string_value(x), &lt, &date_only) != 0 || date_only) continue;
        tz_format_local(&lt, buf);
        if (strcmp(buf, json_string_value(x)) == 0) continue;
        if (!fix) return 1;
        json_string_set(x, buf);
        changed = 1;
    }
    return changed;
}

/* open/close pair of an hours range or exception. */
static int open_close(bvctx *v, json_t *obj, const char *path, int req, int *open, int *close, int *present)
{
    const char *o, *c;
    char p[BV_PATHLEN], b[80];
    int rc;
    if ((rc = bv_get_str(v, obj, path, "open", req, &o)) || (rc = bv_get_str(v, obj, path, "close", req, &c))) return rc;
    *present = (o != NULL) + (c != NULL);
    if (o) {
        bv_sub(p, path, "open");
        if (bv_parse_hm(o, 0, open) != 0)
            return strcmp(o, "24:00") == 0 ? bv_fail(v, p, "\"24:00\" is only allowed as a closing time")
                                           : bv_fail(v, p, "\"%s\" is not a time (HH:MM)", bv_shown(o, b));
    }
    if (c) {
        bv_sub(p, path, "close");
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

/* Walk-in marks on ranges (docs/content-bundle.md "Walk-in"): the site's hours have none
 * (WALK_NONE); a service's may, only when the service itself has walk_in: true. */
enum { WALK_NONE, WALK_NO, WALK_YES };

/* r.walk_in, optional boolean; true needs the service's walk_in: true. */
static int walk_mark(bvctx *v, json_t *r, const char *p, int walk)
{
    json_t *x;
    char q[BV_PATHLEN];
    int rc;
    if (walk == WALK_NONE) return MJ_OK;
    if ((rc = bv_get(v, r, p, "walk_in", T_BOOL, BV_OPT, &x))) return rc;
    if (json_is_true(x) && walk != WALK_YES) {
        bv_sub(q, p, "walk_in");
        return bv_fail(v, q, "needs walk_in: true on the service");
    }
    return MJ_OK;
}

static int hours(bvctx *v, json_t *obj, const char *path, int walk)
{
    static const char *const keys[] = { "day", "open", "close", NULL };
    static const char *const walk_keys[] = { "day", "open", "close", "walk_in", NULL };
    json_t *list, *r;
    size_t i;
    int st[LIMIT_LIST], en[LIMIT_LIST], rc;
    char p[BV_PATHLEN], q[BV_PATHLEN], b[80];
    if ((rc = bv_get_list(v, obj, path, "opening_hours", BV_OPT, 0, LIMIT_LIST, &list)) || !list) return rc;
    json_array_foreach(list, i, r) {
        const char *day;
        int open = 0, close = 0, present;
        bv_item(p, path, "opening_hours", i);
        if (!json_is_object(r)) return bv_fail(v, p, "must be an object");
        if ((rc = bv_keys(v, r, p, walk == WALK_NONE ? keys : walk_keys)) ||
            (rc = bv_get_str(v, r, p, "day", BV_REQ, &day)))
            return rc;
        int d = model_weekday_from_name(day);
        if (d < 0) { bv_sub(q, p, "day"); return bv_fail(v, q, "\"%s\" is not a weekday", bv_shown(day, b)); }
        if ((rc = open_close(v, r, p, BV_REQ, &open, &close, &present)) || (rc = walk_mark(v, r, p, walk))) return rc;
        st[i] = d * 1440 + open;
        en[i] = d * 1440 + (close > open ? close : 1440 + close);
        for (size_t j = 0; j < i; j++)
            if (overlap(st[i], en[i], st[j], en[j])) return bv_fail(v, p, "overlaps opening_hours[%zu]", j);
    }
    return MJ_OK;
}

static int exceptions(bvctx *v, json_t *obj, const char *path, int walk)
{
    static const char *const keys[] = { "date", "closed", "open", "close", "note", NULL };
    static const char *const walk_keys[] = { "date", "closed", "open", "close", "note", "walk_in", NULL };
    json_t *list, *r, *closed;
    size_t i;
    int rc;
    char p[BV_PATHLEN], q[BV_PATHLEN], b[80];
    if ((rc = bv_get_list(v, obj, path, "hours_exceptions", BV_OPT, 0, LIMIT_LIST, &list)) || !list) return rc;
    json_array_foreach(list, i, r) {
        const char *date;
        tz_local lt;
        int date_only = 0, open, close, present;
        bv_item(p, path, "hours_exceptions", i);
        if (!json_is_object(r)) return bv_fail(v, p, "must be an object");
        if ((rc = bv_keys(v, r, p, walk == WALK_NONE ? keys : walk_keys)) ||
            (rc = bv_get_str(v, r, p, "date", BV_REQ, &date)))
            return rc;
        bv_sub(q, p, "date");
        if (tz_parse_local(date, &lt, &date_only) != 0 || !date_only)
            return bv_fail(v, q, "\"%s\" is not a date (YYYY-MM-DD)", bv_shown(date, b));
        for (size_t j = 0; j < i; j++)
            if (strcmp(json_string_value(json_object_get(json_array_get(list, j), "date")), date) == 0)
                return bv_fail(v, q, "\"%s\" is already used by hours_exceptions[%zu]", date, j);
        if ((rc = bv_get(v, r, p, "closed", T_BOOL, BV_OPT, &closed))) return rc;
        if ((rc = open_close(v, r, p, BV_OPT, &open, &close, &present))) return rc;
        if (closed && json_is_true(closed)) {
            if (present) return bv_fail(v, p, "closed: true cannot have open or close");
        } else if (present != 2) {
            return bv_fail(v, p, "needs closed: true, or open and close");
        }
        if ((rc = bv_text(v, r, p, "note", BV_OPT, LIMIT_TEXT)) || (rc = walk_mark(v, r, p, walk))) return rc;
        if (closed && json_is_true(closed) && json_is_true(json_object_get(r, "walk_in")))
            return bv_fail(v, p, "closed: true cannot have walk_in");
    }
    return MJ_OK;
}

/* A list of named things: each an object with none but `keys`, a new id in ids, a name, `field`
 * from a fixed vocabulary (what: how the message names it) and, with contact, url/phone/email. */
static int named_list(bvctx *v, json_t *list, const char *name, const char *const *keys, json_t *ids,
                      const char *field, int req, const char *const *vocab, const char *what, int contact)
{
    json_t *item;
    size_t i;
    int rc;
    char p[BV_PATHLEN];
    json_array_foreach(list, i, item) {
        const char *value;
        if ((rc = bv_item_head(v, item, name, i, keys, ids, p)) || (rc = bv_text(v, item, p, "name", BV_REQ, LIMIT_NAME)) ||
            (rc = bv_one_of(v, item, p, field, req, vocab, what, &value)) || (contact && (rc = bv_contact(v, item, p))))
            return rc;
    }
    return MJ_OK;
}

static int categories(bvctx *v, json_t *list)
{
    static const char *const keys[] = { "id", "name", "icon", NULL };
    return named_list(v, list, "categories", keys, v->categories, "icon", BV_OPT, model_category_icons, "an icon name", 0);
}

static int organizations(bvctx *v, json_t *list)
{
    static const char *const keys[] = { "id", "name", "kind", "url", "phone", "email", NULL };
    return named_list(v, list, "organizations", keys, v->organizations, "kind", BV_REQ, model_org_kinds,
                      "an organization kind", 1);
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
        if ((rc = bv_item_head(v, l, "locations", i, keys, v->locations, p)) ||
            (rc = bv_text(v, l, p, "name", BV_REQ, LIMIT_NAME)) || (rc = bv_text(v, l, p, "street", BV_REQ, LIMIT_TEXT)) ||
            (rc = bv_get_str(v, l, p, "postal_code", BV_REQ, &pc)))
            return rc;
        if (strlen(pc) != 5 || strspn(pc, "0123456789") != 5) {
            bv_sub(q, p, "postal_code");
            return bv_fail(v, q, "\"%s\" is not 5 digits", bv_shown(pc, b));
        }
        if ((rc = bv_text(v, l, p, "city", BV_REQ, LIMIT_TEXT)) || (rc = bv_get(v, l, p, "lat", T_NUMBER, BV_OPT, &lat)) ||
            (rc = bv_get(v, l, p, "lon", T_NUMBER, BV_OPT, &lon)))
            return rc;
        if (!lat != !lon) return bv_fail(v, p, "lat and lon must be given together");
        if (lat && (json_number_value(lat) < -90 || json_number_value(lat) > 90)) {
            bv_sub(q, p, "lat");
            return bv_fail(v, q, "must be between -90 and 90");
        }
        if (lon && (json_number_value(lon) < -180 || json_number_value(lon) > 180)) {
            bv_sub(q, p, "lon");
            return bv_fail(v, q, "must be between -180 and 180");
        }
        if ((rc = bv_text(v, l, p, "accessibility", BV_OPT, LIMIT_TEXT))) return rc;
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
    if ((rc = bv_keys(v, s, p, keys)) || (rc = bv_id(v, s, p, NULL, NULL)) ||
        (rc = bv_text(v, s, p, "name", BV_REQ, LIMIT_NAME)) || (rc = bv_ref(v, s, p, "location", BV_REQ, v->locations, "locations")) ||
        (rc = bv_get_str(v, s, p, "default_language", BV_REQ, &dl)))
        return rc;
    if (!model_lang_valid(dl)) return bv_fail(v, "site.default_language", "\"%s\" is not a language code", bv_shown(dl, b));
    if ((rc = bv_str_list(v, s, p, "languages", BV_REQ, 1, is_lang, NULL))) return rc;
    langs = json_object_get(s, "languages");
    int found = 0;
    json_array_foreach(langs, i, x) found |= strcmp(json_string_value(x), dl) == 0;
    if (!found) return bv_fail(v, "site.default_language", "\"%s\" is not in site.languages", dl);
    v->default_language = dl;
    if ((rc = bv_str_list(v, s, p, "fallback", BV_OPT, 1, is_lang, NULL)) || (rc = bv_get_str(v, s, p, "timezone", BV_OPT, &tzid)))
        return rc;
    if (tzid && strcmp(tzid, "Europe/Helsinki") != 0) {
        bv_sub(q, p, "timezone");
        return bv_fail(v, q, "\"%s\" is not supported (only Europe/Helsinki)", bv_shown(tzid, b));
    }
    if ((rc = hours(v, s, p, WALK_NONE)) || (rc = exceptions(v, s, p, WALK_NONE)) || (rc = bv_contact(v, s, p))) return rc;
    return MJ_OK;
}

static int services(bvctx *v, json_t *list)
{
    static const char *const keys[] = { "id", "organization", "location", "name", "summary", "description",
                                        "categories", "audiences", "languages", "free", "cost", "url", "email",
                                        "phone", "walk_in", "opening_hours", "hours_exceptions", "hours_note", NULL };
    json_t *s, *x, *walk;
    size_t i;
    int rc;
    char p[BV_PATHLEN];
    json_array_foreach(list, i, s) {
        if ((rc = bv_item_head(v, s, "services", i, keys, v->services, p)) ||
            (rc = bv_ref(v, s, p, "organization", BV_REQ, v->organizations, "organizations")) ||
            (rc = bv_ref(v, s, p, "location", BV_OPT, v->locations, "locations")) ||
            (rc = bv_text(v, s, p, "name", BV_REQ, LIMIT_NAME)) || (rc = bv_text(v, s, p, "summary", BV_REQ, LIMIT_SUMMARY)) ||
            (rc = bv_text(v, s, p, "description", BV_OPT, LIMIT_DESCRIPTION)) ||
            (rc = bv_str_list(v, s, p, "categories", BV_REQ, 1, is_category, NULL)) ||
            (rc = bv_str_list(v, s, p, "audiences", BV_REQ, 1, is_audience, NULL)) ||
            (rc = bv_str_list(v, s, p, "languages", BV_REQ, 1, is_lang, NULL)) ||
            (rc = bv_get(v, s, p, "free", T_BOOL, BV_REQ, &x)) || (rc = bv_text(v, s, p, "cost", BV_OPT, LIMIT_TEXT)) ||
            (rc = bv_contact(v, s, p)) || (rc = bv_get(v, s, p, "walk_in", T_BOOL, BV_OPT, &walk)) ||
            (rc = hours(v, s, p, json_is_true(walk) ? WALK_YES : WALK_NO)) ||
            (rc = exceptions(v, s, p, json_is_true(walk) ? WALK_YES : WALK_NO)) ||
            (rc = bv_text(v, s, p, "hours_note", BV_OPT, LIMIT_TEXT)))
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
    if ((rc = bv_get_str(v, obj, path, key, BV_REQ, &s))) return rc;
    if (tz_parse_local(s, out, &date_only) != 0 || date_only) {
        bv_sub(p, path, key);
        return bv_fail(v, p, "\"%s\" is not a local date-time (YYYY-MM-DDTHH:MM)", bv_shown(s, b));
    }
    return MJ_OK;
}

static int rrule(bvctx *v, json_t *ev, const char *path)
{
    const char *s;
    char p[BV_PATHLEN], b[80];
    int rc;
    if ((rc = bv_get_str(v, ev, path, "rrule", BV_OPT, &s)) || !s) return rc;
    bv_sub(p, path, "rrule");
    if (strlen(s) > LIMIT_TEXT) return bv_fail(v, p, "is longer than %d bytes", LIMIT_TEXT);
    for (const char *c = s; *c; c++)
        if ((unsigned char)*c <= 0x20 || (unsigned char)*c >= 0x7f)
            return bv_fail(v, p, "\"%s\" is not a valid RRULE", bv_shown(s, b));
    char why[200];
    if (recur_rule_check(s, why, sizeof why))
        return strncmp(why, "is not", 6) == 0 ? bv_fail(v, p, "\"%s\" %s", bv_shown(s, b), why) : bv_fail(v, p, "%s", why);
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
    if ((rc = bv_keys(v, ev, p, keys)) || (rc = bv_id(v, ev, p, v->events, NULL)) ||
        (rc = bv_text(v, ev, p, "title", BV_REQ, LIMIT_NAME)) || (rc = bv_text(v, ev, p, "description", BV_OPT, LIMIT_DESCRIPTION)) ||
        (rc = bv_ref(v, ev, p, "service", BV_OPT, v->services, "services")) ||
        (rc = bv_ref(v, ev, p, "location", BV_OPT, v->locations, "locations")) || (rc = bv_text(v, ev, p, "place", BV_OPT, LIMIT_TEXT)))
        return rc;
    if (json_object_get(ev, "location") && json_object_get(ev, "place"))
        return bv_fail(v, p, "has both location and place");
    if ((rc = local_dt(v, ev, p, "start", &st)) || (rc = local_dt(v, ev, p, "end", &en))) return rc;
    long long d = wall_seconds(&en) - wall_seconds(&st);
    bv_sub(q, p, "end");
    if (d < 0) return bv_fail(v, q, "is before start");
    if (d == 0 && !v->allow_instant) return bv_fail(v, q, "is the same as start");
    if (d > 7LL * 86400) return bv_fail(v, q, "is more than 7 days after start");
    json_t *own = NULL;
    if (v->read_only && exdates_local((json_t *)ev, 0)) {
        /* Only this event is copied to be rewritten; the caller's content stays as it is. */
        if (!(own = json_deep_copy(ev))) return bv_fail(v, p, "out of memory");
        ev = own;
    }
    exdates_local(ev, 1);
    if ((rc = rrule(v, ev, p)) || (rc = bv_str_list(v, ev, p, "exdates", BV_OPT, 0, is_exdate, NULL)) ||
        (rc = bv_str_list(v, ev, p, "audiences", BV_REQ, 1, is_audience, NULL)) ||
        (rc = bv_get(v, ev, p, "free", T_BOOL, BV_REQ, &x)) || (rc = bv_text(v, ev, p, "cost", BV_OPT, LIMIT_TEXT)) ||
        (rc = bv_get(v, ev, p, "registration", T_BOOL, BV_REQ, &x)) || (rc = bv_contact(v, ev, p))) {
        json_decref(own);
        return rc;
    }
    json_decref(own);
    return MJ_OK;
}

static int questions(bvctx *v, json_t *list)
{
    static const char *const keys[] = { "id", "version", "kind", "text", "options", NULL };
    static const char *const okeys[] = { "id", "text", NULL };
    json_t *qn, *x, *opts, *o;
    size_t i, j;
    int rc;
    char p[BV_PATHLEN], q[BV_PATHLEN];
    json_array_foreach(list, i, qn) {
        const char *kind;
        if ((rc = bv_item_head(v, qn, "feedback_questions", i, keys, v->questions, p)) ||
            (rc = bv_get(v, qn, p, "version", T_INT, BV_REQ, &x)))
            return rc;
        if (json_integer_value(x) < 1) { bv_sub(q, p, "version"); return bv_fail(v, q, "must be at least 1"); }
        static const char *const kinds[] = { "single", "multiple", NULL };
        if ((rc = bv_one_of(v, qn, p, "kind", BV_REQ, kinds, "single or multiple", &kind))) return rc;
        if ((rc = bv_text(v, qn, p, "text", BV_REQ, LIMIT_TEXT)) || (rc = bv_get(v, qn, p, "options", T_LIST, BV_REQ, &opts)))
            return rc;
        bv_sub(q, p, "options");
        if (json_array_size(opts) < 2 || json_array_size(opts) > 8) return bv_fail(v, q, "must have 2 to 8 options");
        json_t *seen = json_object();
        if (!seen) return bv_fail(v, q, "out of memory");
        json_array_foreach(opts, j, o) {
            const char *id;
            bv_item(q, p, "options", j);
            if (!json_is_object(o)) rc = bv_fail(v, q, "must be an object");
            else if (!(rc = bv_keys(v, o, q, okeys)) && !(rc = bv_id(v, o, q, seen, &id)))
                rc = bv_text(v, o, q, "text", BV_REQ, LIMIT_TEXT);
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
    return bv_get_list(v, content, "", key, req, 0, max, out);
}

int bv_content(bvctx *v, json_t *content)
{
    static const char *const keys[] = { "site", "categories", "organizations", "locations", "services", "events",
                                        "feedback_questions", NULL };
    json_t *cats, *orgs, *locs, *s, *svcs, *evs, *qs, *ev;
    size_t i;
    char p[BV_PATHLEN];
    int rc;
    if ((rc = bv_keys(v, content, "content", keys))) return rc;
    if ((rc = top_list(v, content, "categories", BV_REQ, 100, &cats)) ||
        (rc = top_list(v, content, "organizations", BV_REQ, 2000, &orgs)) ||
        (rc = top_list(v, content, "locations", BV_REQ, 5000, &locs)) ||
        (rc = top_list(v, content, "services", BV_REQ, 5000, &svcs)) ||
        (rc = top_list(v, content, "events", BV_OPT, 50000, &evs)) ||
        (rc = top_list(v, content, "feedback_questions", BV_OPT, 50, &qs)) ||
        (rc = bv_get(v, content, "", "site", T_OBJECT, BV_REQ, &s)))
        return rc;
    if ((rc = categories(v, cats)) || (rc = organizations(v, orgs)) || (rc = locations(v, locs)) ||
        (rc = site(v, s)) || (rc = services(v, svcs)))
        return rc;
    json_array_foreach(evs, i, ev) {
        bv_item(p, "", "events", i);
        if ((rc = bv_event(v, ev, p))) return rc;
    }
    return qs ? questions(v, qs) : MJ_OK;
}
