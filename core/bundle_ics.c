/* bundle_ics.c - the `calendar` file: each VEVENT becomes an event in the bundle's JSON form
 * (docs/content-bundle.md, "iCalendar events") and is then validated like any other event.
 * An overridden occurrence (a VEVENT with RECURRENCE-ID) cancels that occurrence of its
 * series (an exdate) and, unless it is cancelled itself, becomes an event of its own. */
#include "bundle_int.h"
#include "model.h"
#include "tz.h"
#include "util.h"
#include <ctype.h>
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define TZ_SITE "Europe/Helsinki"

/* "ics-" + the UID lowercased, other characters as '-', cut so that suffix still fits in 64. */
static void make_id(const char *uid, const char *suffix, char out[65])
{
    size_t room = 64 - 4 - strlen(suffix), n = 0;
    memcpy(out, "ics-", 4);
    for (const char *p = uid; *p && n < room; p++, n++) {
        unsigned char c = (unsigned char)tolower((unsigned char)*p);
        out[4 + n] = ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-') ? (char)c : '-';
    }
    snprintf(out + 4 + n, 65 - 4 - n, "%s", suffix);
}

/* A DTSTART/DTEND/EXDATE/RECURRENCE-ID value as local text: "YYYY-MM-DD" for a date (or, with
 * midnight, "YYYY-MM-DDT00:00:00"), else "YYYY-MM-DDTHH:MM:SS" in the site's zone. */
static int local_text(bvctx *v, const char *path, icalproperty *p, struct icaltimetype t, int date_as_midnight,
                      char out[20])
{
    icalparameter *tzp = icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER);
    const char *pname = icalproperty_kind_to_string(icalproperty_isa(p));
    char b[80];
    if (icaltime_is_null_time(t)) return bv_fail(v, path, "%s cannot be read", pname);
    if (tzp) {
        const char *tzid = icalparameter_get_tzid(tzp);
        /* "/Europe/Helsinki" is the globally unique spelling some programs write */
        if (!tzid || (strcmp(tzid, TZ_SITE) != 0 && strcmp(tzid, "/" TZ_SITE) != 0))
            return bv_fail(v, path, "%s: time zone \"%s\" is not supported (use Europe/Helsinki or UTC)", pname,
                           bv_shown(tzid ? tzid : "", b));
    }
    tz_local lt = { 0 };
    if (t.is_date) {
        lt.year = t.year; lt.month = t.month; lt.mday = t.day;
        if (!date_as_midnight) {
            snprintf(out, 20, "%04d-%02d-%02d", lt.year % 10000, lt.month % 100, lt.mday % 100);
            return MJ_OK;
        }
    } else if (icaltime_is_utc(t)) {
        if (tz_to_local(icaltime_as_timet(t), TZ_SITE, &lt)) return bv_fail(v, path, "%s cannot be converted", pname);
    } else {
        /* Europe/Helsinki or floating: the wall-clock fields are the local time already */
        lt.year = t.year; lt.month = t.month; lt.mday = t.day;
        lt.hour = t.hour; lt.minute = t.minute; lt.second = t.second;
    }
    tz_format_local(&lt, out);
    return MJ_OK;
}

/* Collects one TEXT property per language into a text object (no LANGUAGE: the site's default). */
static int text_prop(bvctx *v, const char *path, icalcomponent *ev, icalproperty_kind kind, json_t *obj,
                     const char *key)
{
    json_t *t = NULL;
    char lang[32], b[80];
    const char *pname = icalproperty_kind_to_string(kind);
    for (icalproperty *p = icalcomponent_get_first_property(ev, kind); p;
         p = icalcomponent_get_next_property(ev, kind)) {
        icalparameter *lp = icalproperty_get_first_parameter(p, ICAL_LANGUAGE_PARAMETER);
        const char *l = lp ? icalparameter_get_language(lp) : v->default_language;
        const char *val = icalproperty_get_value_as_string(p);
        if (kind == ICAL_SUMMARY_PROPERTY) val = icalproperty_get_summary(p);
        else if (kind == ICAL_DESCRIPTION_PROPERTY) val = icalproperty_get_description(p);
        else if (kind == ICAL_LOCATION_PROPERTY) val = icalproperty_get_location(p);
        if (!l) l = "";
        size_t n = strlen(l);
        if (n >= sizeof lang) n = sizeof lang - 1;
        for (size_t i = 0; i < n; i++) lang[i] = (char)tolower((unsigned char)l[i]);
        lang[n] = 0;
        if (!model_lang_valid(lang)) {
            json_decref(t);
            return bv_fail(v, path, "%s: LANGUAGE \"%s\" is not a language code", pname, bv_shown(l, b));
        }
        if (!t && !(t = json_object())) return bv_fail(v, path, "out of memory");
        if (json_object_get(t, lang)) {
            json_decref(t);
            return bv_fail(v, path, "has two %s properties in language \"%s\"", pname, lang);
        }
        json_t *s = json_string(val ? val : "");
        if (!s) { json_decref(t); return bv_fail(v, path, "%s is not valid UTF-8", pname); }
        json_object_set_new(t, lang, s);
    }
    if (t) json_object_set_new(obj, key, t);
    return MJ_OK;
}

static int flag(bvctx *v, const char *path, icalcomponent *ev, const char *name, int dflt, int *out)
{
    *out = dflt;
    for (icalproperty *p = icalcomponent_get_first_property(ev, ICAL_X_PROPERTY); p;
         p = icalcomponent_get_next_property(ev, ICAL_X_PROPERTY)) {
        const char *xn = icalproperty_get_x_name(p), *val = icalproperty_get_value_as_string(p);
        if (!xn || strcasecmp(xn, name) != 0) continue;
        if (val && strcasecmp(val, "TRUE") == 0) *out = 1;
        else if (val && strcasecmp(val, "FALSE") == 0) *out = 0;
        else return bv_fail(v, path, "%s must be TRUE or FALSE", name);
    }
    return MJ_OK;
}

static int audiences(icalcomponent *ev, json_t *obj)
{
    json_t *list = json_array();
    if (!list) return -1;
    for (icalproperty *p = icalcomponent_get_first_property(ev, ICAL_CATEGORIES_PROPERTY); p;
         p = icalcomponent_get_next_property(ev, ICAL_CATEGORIES_PROPERTY)) {
        const char *val = icalproperty_get_categories(p);
        char buf[256];
        snprintf(buf, sizeof buf, "%s", val ? val : "");
        /* a property may hold several values separated by commas */
        for (char *save = NULL, *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
            while (*tok == ' ') tok++;
            char *end = tok + strlen(tok);
            while (end > tok && end[-1] == ' ') *--end = 0;
            for (char *c = tok; *c; c++) *c = (char)tolower((unsigned char)*c);
            if (model_audience_from_name(tok) < 0) continue;
            size_t i;
            json_t *x;
            int seen = 0;
            json_array_foreach(list, i, x) seen |= strcmp(json_string_value(x), tok) == 0;
            if (!seen) json_array_append_new(list, json_string(tok));
        }
    }
    if (!json_array_size(list)) json_array_append_new(list, json_string("family"));
    json_object_set_new(obj, "audiences", list);
    return 0;
}

static int add_exdate(json_t *ev, const char *s)
{
    json_t *list = json_object_get(ev, "exdates"), *x;
    size_t i;
    if (!list) {
        list = json_array();
        if (!list || json_object_set_new(ev, "exdates", list)) return -1;
    }
    json_array_foreach(list, i, x)
        if (strcmp(json_string_value(x), s) == 0) return 0;
    return json_array_append_new(list, json_string(s));
}

/* Builds the JSON event of one VEVENT. *out stays NULL for a cancelled one. */
static int convert(bvctx *v, const char *path, icalcomponent *ev, const char *id, json_t **out)
{
    char start[20], end[20], b[80];
    icalproperty *p;
    int rc, reg, free_;
    json_t *o = json_object();
    *out = NULL;
    if (!o) return bv_fail(v, path, "out of memory");
    json_object_set_new(o, "id", json_string(id));
    if ((rc = text_prop(v, path, ev, ICAL_SUMMARY_PROPERTY, o, "title")) ||
        (rc = text_prop(v, path, ev, ICAL_DESCRIPTION_PROPERTY, o, "description")) ||
        (rc = text_prop(v, path, ev, ICAL_LOCATION_PROPERTY, o, "place")))
        goto fail;
    if (!(p = icalcomponent_get_first_property(ev, ICAL_DTSTART_PROPERTY))) {
        rc = bv_fail(v, path, "has no DTSTART");
        goto fail;
    }
    struct icaltimetype ts = icalproperty_get_dtstart(p);
    if ((rc = local_text(v, path, p, ts, 1, start))) goto fail;
    if ((p = icalcomponent_get_first_property(ev, ICAL_DTEND_PROPERTY))) {
        if ((rc = local_text(v, path, p, icalproperty_get_dtend(p), 1, end))) goto fail;
    } else if ((p = icalcomponent_get_first_property(ev, ICAL_DURATION_PROPERTY)) || ts.is_date) {
        /* the end is start plus the duration (or one day) on the local wall clock; computed
         * here (libical's icaltime_add normalises a huge duration day by day) */
        tz_local lt;
        long long secs = 86400;
        if (p) {
            struct icaldurationtype d = icalproperty_get_duration(p);
            secs = (((long long)d.weeks * 7 + d.days) * 24 + d.hours) * 3600LL + d.minutes * 60LL + d.seconds;
            if (d.is_neg) secs = -secs;
            if (secs <= 0 || secs > 7 * 86400LL) {
                rc = bv_fail(v, path, "DURATION must be more than zero and at most 7 days");
                goto fail;
            }
        }
        if (tz_parse_local(start, &lt, NULL) != MJ_OK) {
            rc = bv_fail(v, path, "DTSTART \"%s\" is not a date-time from 1970 to 2200", start);
            goto fail;
        }
        tz_from_naive(tz_naive(&lt) + secs, &lt);
        tz_format_local(&lt, end);
    } else {
        rc = bv_fail(v, path, "has no DTEND or DURATION");
        goto fail;
    }
    json_object_set_new(o, "start", json_string(start));
    json_object_set_new(o, "end", json_string(end));
    if ((p = icalcomponent_get_first_property(ev, ICAL_RRULE_PROPERTY))) {
        if (icalcomponent_get_next_property(ev, ICAL_RRULE_PROPERTY)) {
            rc = bv_fail(v, path, "has more than one RRULE");
            goto fail;
        }
        const char *rr = icalproperty_get_value_as_string(p);
        json_object_set_new(o, "rrule", json_string(rr ? rr : ""));
    }
    for (p = icalcomponent_get_first_property(ev, ICAL_EXDATE_PROPERTY); p;
         p = icalcomponent_get_next_property(ev, ICAL_EXDATE_PROPERTY)) {
        char x[20];
        if ((rc = local_text(v, path, p, icalproperty_get_exdate(p), 0, x))) goto fail;
        if (add_exdate(o, x)) { rc = bv_fail(v, path, "out of memory"); goto fail; }
    }
    if (audiences(ev, o)) { rc = bv_fail(v, path, "out of memory"); goto fail; }
    if ((rc = flag(v, path, ev, "X-MAJAKKA-FREE", 1, &free_)) ||
        (rc = flag(v, path, ev, "X-MAJAKKA-REGISTRATION", 0, &reg)))
        goto fail;
    json_object_set_new(o, "free", json_boolean(free_));
    json_object_set_new(o, "registration", json_boolean(reg));
    if ((p = icalcomponent_get_first_property(ev, ICAL_URL_PROPERTY))) {
        const char *u = icalproperty_get_url(p);
        json_t *s = json_string(u ? u : "");
        if (!s) { rc = bv_fail(v, path, "URL \"%s\" is not valid UTF-8", bv_shown(u, b)); goto fail; }
        json_object_set_new(o, "url", s);
    }
    *out = o;
    return MJ_OK;
fail:
    json_decref(o);
    return rc;
}

static void vevent_path(char out[BV_PATHLEN], const char *uid)
{
    char b[80];
    snprintf(out, BV_PATHLEN, "calendar: VEVENT \"%s\"", bv_shown(uid, b));
}

int bics_merge(bvctx *v, const char *name, const char *data, size_t len, json_t *events)
{
    char b[80], path[BV_PATHLEN];
    int rc = MJ_OK;
    if (memchr(data, 0, len) || !mj_utf8_valid(data, len))
        return bv_fail(v, "calendar", "\"%s\" is not valid UTF-8", bv_shown(name, b));
    icalcomponent *root = icalparser_parse_string(data);
    if (!root || icalcomponent_isa(root) != ICAL_VCALENDAR_COMPONENT) {
        if (root) icalcomponent_free(root);
        return bv_fail(v, "calendar", "\"%s\" is not an iCalendar file", bv_shown(name, b));
    }
    icalproperty *rerr = icalcomponent_get_first_property(root, ICAL_XLICERROR_PROPERTY);
    if (rerr) {
        rc = bv_fail(v, "calendar", "\"%s\" cannot be read: %s", bv_shown(name, b),
                     bv_shown(icalproperty_get_xlicerror(rerr), path));
        icalcomponent_free(root);
        return rc;
    }
    json_t *built = json_array(), *masters = json_object();   /* in file order; id -> series */
    if (!built || !masters) { rc = bv_fail(v, "calendar", "out of memory"); goto done; }

    /* Pass 1: the series and single events; pass 2: overridden occurrences. */
    for (int pass = 1; pass <= 2 && !rc; pass++) {
        int n = 0;
        for (icalcomponent *ev = icalcomponent_get_first_component(root, ICAL_VEVENT_COMPONENT); ev && !rc;
             ev = icalcomponent_get_next_component(root, ICAL_VEVENT_COMPONENT)) {
            n++;
            icalproperty *rid = icalcomponent_get_first_property(ev, ICAL_RECURRENCEID_PROPERTY);
            if ((pass == 1) == (rid != NULL)) continue;
            const char *uid = icalcomponent_get_uid(ev);
            if (!uid || !*uid) { rc = mj_err(v->err, v->errlen, MJ_EINVAL, "calendar: VEVENT %d has no UID", n); break; }
            vevent_path(path, uid);
            icalproperty *errp = icalcomponent_get_first_property(ev, ICAL_XLICERROR_PROPERTY);
            if (errp) {
                rc = bv_fail(v, path, "cannot be read: %s", bv_shown(icalproperty_get_xlicerror(errp), b));
                break;
            }
            int cancelled = icalcomponent_get_status(ev) == ICAL_STATUS_CANCELLED;
            char id[65], suffix[24] = "";
            json_t *o;
            if (rid) {
                char when[20];
                make_id(uid, "", id);
                if ((rc = local_text(v, path, rid, icalproperty_get_recurrenceid(rid), 0, when))) break;
                json_t *series = json_object_get(masters, id);
                if (series && add_exdate(series, when)) { rc = bv_fail(v, path, "out of memory"); break; }
                if (cancelled) continue;
                /* "-r" + the occurrence's start, compact: ics-uid-r20261201t100000 */
                size_t k = 2;
                memcpy(suffix, "-r", 2);
                for (const char *c = when; *c && k < sizeof suffix - 1; c++)
                    if (isalnum((unsigned char)*c)) suffix[k++] = (char)tolower((unsigned char)*c);
                suffix[k] = 0;
            }
            if (cancelled) continue;
            make_id(uid, suffix, id);
            if ((rc = convert(v, path, ev, id, &o))) break;
            /* keep the VEVENT's path with the event for validation messages */
            json_t *pair = json_pack("{s:o,s:s}", "event", o, "path", path);
            if (!pair || json_array_append_new(built, pair)) { rc = bv_fail(v, path, "out of memory"); break; }
            if (!rid && !json_object_get(masters, id)) json_object_set(masters, id, o);
        }
    }
    if (rc) goto done;
    size_t i;
    json_t *pair;
    json_array_foreach(built, i, pair) {
        json_t *o = json_object_get(pair, "event");
        if ((rc = bv_event(v, o, json_string_value(json_object_get(pair, "path"))))) break;
        if (json_array_append(events, o)) { rc = bv_fail(v, "calendar", "out of memory"); break; }
    }
done:
    json_decref(built);
    json_decref(masters);
    icalcomponent_free(root);
    return rc;
}
