/* imp_le.c - see imp_le.h. */
#include "imp_le.h"
#include "util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define LIMIT_NAME 200
#define LIMIT_DESCRIPTION 4000
#define LIMIT_TEXT 1000

static const char *sget(const json_t *obj, const char *key)
{
    return json_string_value(json_object_get(obj, key));
}

static void walk(json_t *events, json_t *ids, const json_t *v, int depth)
{
    size_t i;
    json_t *x;
    if (depth > 4) return;
    if (json_is_array(v)) { json_array_foreach(v, i, x) walk(events, ids, x, depth + 1); return; }
    if (!json_is_object(v)) return;
    if (json_is_array(json_object_get(v, "data"))) { walk(events, ids, json_object_get(v, "data"), depth + 1); return; }
    const char *id = sget(v, "id");
    if (!id || (!json_object_get(v, "start_time") && !json_object_get(v, "name"))) return;
    if (json_object_get(ids, id)) return;
    json_object_set_new(ids, id, json_true());
    json_array_append(events, (json_t *)v);
}

/* {"fi": "...", "sv": null, ...} as a text; html: tags out. */
static json_t *mtext(const json_t *v, const char *lang, size_t limit, int html)
{
    json_t *t = json_object(), *x;
    const char *k;
    if (json_is_string(v)) {
        char *plain = html ? imp_html_text(json_string_value(v)) : NULL;
        imp_text_set(t, lang, plain ? plain : json_string_value(v), limit);
        free(plain);
    } else {
        json_object_foreach((json_t *)v, k, x) {
            if (!json_is_string(x)) continue;
            char *plain = html ? imp_html_text(json_string_value(x)) : NULL;
            imp_text_set(t, k, plain ? plain : json_string_value(x), limit);
            free(plain);
        }
    }
    if (!json_object_size(t)) { json_decref(t); return NULL; }
    return t;
}

static const char *pick(const json_t *v, const char *lang)
{
    if (json_is_string(v)) return json_string_value(v);
    const char *s = sget(v, lang);
    if (s && *s) return s;
    static const char *const order[] = { "fi", "en", "sv", NULL };
    for (int i = 0; order[i]; i++) if ((s = sget(v, order[i])) && *s) return s;
    const char *k;
    json_t *x;
    json_object_foreach((json_t *)v, k, x) if (json_is_string(x) && *json_string_value(x)) return json_string_value(x);
    return NULL;
}

/* The last path part of a Linked Events "@id" URL (".../event/helsinki:abc/" -> "helsinki:abc"). */
static void id_of_ref(const char *url, char *out, size_t len)
{
    out[0] = 0;
    if (!url) return;
    size_t n = strlen(url);
    while (n && url[n - 1] == '/') n--;
    size_t s = n;
    while (s && url[s - 1] != '/') s--;
    if (n - s >= len) return;
    memcpy(out, url + s, n - s);
    out[n - s] = 0;
}

static void event(imp_result *r, const imp_opts *o, const json_t *e, const json_t *ids)
{
    char id[65], rn[200], start[20], end[20];
    const char *sid = sget(e, "id");
    r->records++;
    imp_id(id, "le-", sid);
    imp_recname(rn, sizeof rn, "event", id, pick(json_object_get(e, "name"), o->lang));
    if (json_is_true(json_object_get(e, "deleted"))) { imp_skip(r, rn, "deleted"); return; }
    const char *status = sget(e, "event_status");
    if (status && !strcasecmp(status, "EventCancelled")) { imp_skip(r, rn, "cancelled (event_status EventCancelled)"); return; }
    if (status && !strcasecmp(status, "EventPostponed")) { imp_skip(r, rn, "postponed without a new date (event_status EventPostponed)"); return; }
    const char *sup = sget(e, "super_event_type");
    json_t *subs = json_object_get(e, "sub_events"), *x;
    size_t i;
    if (sup && json_array_size(subs)) {
        int present = 0;
        json_array_foreach(subs, i, x) {
            char ref[128];
            id_of_ref(sget(x, "@id"), ref, sizeof ref);
            present += ref[0] && json_object_get(ids, ref) != NULL;
        }
        if (present) {
            imp_skip(r, rn, "a series (%s): its %d sub-events in the input are its occurrences", sup, present);
            return;
        }
    }
    const char *st = sget(e, "start_time"), *et = sget(e, "end_time");
    if (!st || imp_local_time(st, start) != 0) { imp_skip(r, rn, "start_time \"%.40s\" is not a date-time", st ? st : ""); return; }
    if (et && imp_local_time(et, end) != 0) { imp_skip(r, rn, "end_time \"%.40s\" is not a date-time", et); return; }
    if (!et) {
        /* no end: to the end of its day */
        long long d;
        imp_parse_date(start, &d);
        char date[11];
        imp_format_date(d + 1, date);
        snprintf(end, sizeof end, "%sT00:00:00", date);
    }
    json_t *rec = json_pack("{s:s,s:s,s:s,s:[s]}", "id", id, "start", start, "end", end, "audiences", "family");
    json_t *title = mtext(json_object_get(e, "name"), o->lang, LIMIT_NAME, 0);
    if (title) json_object_set_new(rec, "title", title);
    json_t *desc = mtext(json_object_get(e, "description"), o->lang, LIMIT_DESCRIPTION, 1);
    if (!desc) desc = mtext(json_object_get(e, "short_description"), o->lang, LIMIT_DESCRIPTION, 1);
    if (desc) json_object_set_new(rec, "description", desc);
    const json_t *loc = json_object_get(e, "location");
    if (json_is_object(loc) && json_object_get(loc, "name")) {
        json_t *place = json_object(), *nm = json_object_get(loc, "name"), *str = json_object_get(loc, "street_address");
        const char *k;
        json_object_foreach(nm, k, x) {
            if (!json_is_string(x) || !*json_string_value(x)) continue;
            const char *s = pick(str, k);
            char buf[1100];
            snprintf(buf, sizeof buf, "%s%s%s", json_string_value(x), s ? ", " : "", s ? s : "");
            imp_text_set(place, k, buf, LIMIT_TEXT);
        }
        if (json_object_size(place)) json_object_set_new(rec, "place", place);
        else json_decref(place);
    } else if (json_is_object(loc) && sget(loc, "@id")) {
        imp_drop(r, rn, "location is only a reference (%.80s; ask the API with include=location)", sget(loc, "@id"));
    }
    int is_free = 1;
    json_t *offer = json_array_get(json_object_get(e, "offers"), 0);
    if (offer) {
        is_free = !json_is_false(json_object_get(offer, "is_free"));
        json_t *price = mtext(json_object_get(offer, "price"), o->lang, LIMIT_TEXT, 0);
        if (price && !is_free) json_object_set_new(rec, "cost", price);
        else json_decref(price);
    }
    json_object_set_new(rec, "free", json_boolean(is_free));
    json_object_set_new(rec, "registration", json_boolean(sget(e, "enrolment_url") || sget(e, "enrolment_start_time") ||
                                                          json_is_object(json_object_get(e, "registration"))));
    const char *url = pick(json_object_get(e, "info_url"), o->lang);
    if (!url && offer) url = pick(json_object_get(offer, "info_url"), o->lang);
    if (url) {
        char *t = imp_trim(url, 500);
        if (t) json_object_set_new(rec, "url", json_string(t));
        free(t);
    }
    if (!title) { imp_skip(r, rn, "no name"); json_decref(rec); return; }
    imp_keep(r, o, "events", rec, rn);
}

int imp_le_doc(const json_t *doc, const imp_opts *o, imp_result *r, char *err, size_t errlen)
{
    json_t *events = json_array(), *ids = json_object(), *e;
    size_t i;
    if (!events || !ids) { json_decref(events); json_decref(ids); return mj_err(err, errlen, MJ_ENOMEM, "out of memory"); }
    walk(events, ids, doc, 0);
    int rc = MJ_OK;
    if (!json_array_size(events)) rc = mj_err(err, errlen, MJ_EINVAL, "no Linked Events events found (\"data\" with events)");
    json_array_foreach(events, i, e) event(r, o, e, ids);
    json_decref(events);
    json_decref(ids);
    return rc;
}

int imp_le_json(const char *text, size_t len, const imp_opts *o, imp_result *r, char *err, size_t errlen)
{
    json_error_t je;
    if (len > IMP_MAX_BYTES) return mj_err(err, errlen, MJ_EINVAL, "more than %u bytes", IMP_MAX_BYTES);
    json_t *doc = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
    if (!doc) return mj_err(err, errlen, MJ_EINVAL, "not JSON: %s (line %d)", je.text, je.line);
    int rc = imp_le_doc(doc, o, r, err, errlen);
    json_decref(doc);
    return rc;
}
