/* bundle_ics.c - the `calendar` file: each VEVENT becomes an event in the bundle's JSON form
 * (docs/content-bundle.md, "iCalendar events"; docs/imports.md) and is then validated like any
 * other event. An overridden occurrence (a VEVENT with RECURRENCE-ID) cancels that occurrence
 * of its series (an exdate) and, unless it is cancelled itself, becomes an event of its own;
 * RANGE=THISANDFUTURE ends the series there. Each further RRULE and each RDATE becomes an event
 * of its own too. Times in any zone (IANA, Windows names through CLDR, the file's VTIMEZONE,
 * X-WR-TIMEZONE for floating times) are converted to the site's local time. An event that still
 * cannot be used is skipped with its reason (v->skipped); the rest is imported. */
#include "bundle_int.h"
#include "model.h"
#include "tz_windows.h"
#include "tz.h"
#include "util.h"
#include "bundle.h"
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


static int is_utc_name(const char *s)
{
    static const char *const names[] = { "UTC", "GMT", "Z", "Etc/UTC", "Etc/GMT", "Etc/Zulu", "Etc/Universal",
                                         "Universal", "Zulu", "Coordinated Universal Time", "Greenwich Mean Time", NULL };
    for (int i = 0; names[i]; i++)
        if (strcasecmp(s, names[i]) == 0) return 1;
    return 0;
}

/* Windows names ("FLE Standard Time") and their display names ("(UTC+02:00) Helsinki, Kyiv,
 * ..."), through the CLDR table; a display name that is not in the table exactly is matched by
 * its first city. */
static const char *windows_zone(const char *s)
{
    size_t n = sizeof tz_windows_zones / sizeof *tz_windows_zones;
    for (size_t i = 0; i < n; i++)
        if (strcasecmp(s, tz_windows_zones[i].windows) == 0 || strcasecmp(s, tz_windows_zones[i].display) == 0)
            return tz_windows_zones[i].iana;
    const char *close = strncasecmp(s, "(UTC", 4) == 0 || strncasecmp(s, "(GMT", 4) == 0 ? strchr(s, ')') : NULL;
    if (!close) return NULL;
    char city[64];
    const char *c = close + 1;
    while (*c == ' ') c++;
    size_t k = 0;
    while (c[k] && c[k] != ',' && k < sizeof city - 1) { city[k] = c[k]; k++; }
    while (k && city[k - 1] == ' ') k--;
    city[k] = 0;
    if (k < 3) return NULL;
    for (size_t i = 0; i < n; i++) {
        const char *d = strchr(tz_windows_zones[i].display, ')');
        if (!d) continue;
        for (d++; *d;) {
            while (*d == ' ' || *d == ',') d++;
            if (strncasecmp(d, city, k) == 0 && (d[k] == ',' || d[k] == 0)) return tz_windows_zones[i].iana;
            while (*d && *d != ',') d++;
        }
    }
    return NULL;
}

/* The zone a TZID names, or NULL: an IANA name (also inside "/mozilla.org/.../Europe/Helsinki"),
 * a UTC spelling, a Windows name, else the file's own VTIMEZONE of that TZID. */
static icaltimezone *zone_named(bvctx *v, const char *name)
{
    icaltimezone *z;
    if (!name || !*name || strlen(name) > 200) return NULL;
    if (is_utc_name(name)) return icaltimezone_get_utc_timezone();
    for (const char *s = name; s; s = strchr(s, '/') ? strchr(s, '/') + 1 : NULL) {
        /* only names of the zone database's shape: Area/Location */
        if (strchr(s, '/') && !strchr(s, ' ') && (z = icaltimezone_get_builtin_timezone(s))) return z;
        if (is_utc_name(s)) return icaltimezone_get_utc_timezone();
    }
    const char *w = windows_zone(name);
    if (w && (z = icaltimezone_get_builtin_timezone(w))) return z;
    if (v->ics_root && (z = icalcomponent_get_timezone((icalcomponent *)v->ics_root, name))) return z;
    return NULL;
}

/* A DTSTART/DTEND/EXDATE/RDATE/RECURRENCE-ID value as local text: "YYYY-MM-DD" for a date (or,
 * with midnight, "YYYY-MM-DDT00:00:00"), else "YYYY-MM-DDTHH:MM:SS" in the site's zone. */
static int local_text(bvctx *v, const char *path, icalproperty *p, struct icaltimetype t, int date_as_midnight,
                      char out[20])
{
    icalparameter *tzp = icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER);
    const char *pname = icalproperty_kind_to_string(icalproperty_isa(p));
    char b[80];
    if (icaltime_is_null_time(t)) return bv_fail(v, path, "%s cannot be read", pname);
    tz_local lt = { 0 };
    icaltimezone *zone = NULL;
    if (t.is_date) {
        lt.year = t.year; lt.month = t.month; lt.mday = t.day;
        if (!date_as_midnight) {
            snprintf(out, 20, "%04d-%02d-%02d", lt.year % 10000, lt.month % 100, lt.mday % 100);
            return MJ_OK;
        }
        tz_format_local(&lt, out);
        return MJ_OK;
    }
    if (icaltime_is_utc(t)) {
        zone = icaltimezone_get_utc_timezone();
    } else if (tzp) {
        const char *tzid = icalparameter_get_tzid(tzp);
        /* the site's own zone: the wall-clock fields are the local time already */
        if (tzid && (strcmp(tzid, TZ_SITE) == 0 || strcmp(tzid, "/" TZ_SITE) == 0)) zone = NULL;
        else if (!(zone = zone_named(v, tzid)))
            return bv_fail(v, path, "%s: time zone \"%s\" is not known (an IANA or Windows name, or a VTIMEZONE in the file)",
                           pname, bv_shown(tzid ? tzid : "", b));
    } else {
        zone = (icaltimezone *)v->ics_floating;   /* X-WR-TIMEZONE, or NULL: the site's */
    }
    if (zone) {
        struct icaltimetype f = t;
        f.zone = NULL;
        f.is_date = 0;
        time_t inst = icaltime_as_timet_with_zone(f, zone);
        if (tz_to_local(inst, TZ_SITE, &lt)) return bv_fail(v, path, "%s cannot be converted", pname);
    } else {
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
        if (!val || !*val) continue;   /* an empty property says nothing */
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
        /* no DTEND or DURATION: an instant (RFC 5545 3.6.1) */
        memcpy(end, start, sizeof end);
    }
    json_object_set_new(o, "start", json_string(start));
    json_object_set_new(o, "end", json_string(end));
    /* the first RRULE; bics_merge makes an event of each further one */
    if ((p = icalcomponent_get_first_property(ev, ICAL_RRULE_PROPERTY))) {
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
    /* a relative or odd URL (exporters write "/c/..."): left out, the event is still good */
    if ((p = icalcomponent_get_first_property(ev, ICAL_URL_PROPERTY)) && icalproperty_get_url(p) &&
        (strncmp(icalproperty_get_url(p), "https://", 8) == 0 || strncmp(icalproperty_get_url(p), "http://", 7) == 0)) {
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

/* "calendar: VEVENT "uid"" (the UID as written, or the id made from the content). */
static void vevent_path(char out[BV_PATHLEN], const char *uid)
{
    char b[80];
    snprintf(out, BV_PATHLEN, "calendar: VEVENT \"%s\"", bv_shown(uid, b));
}

/* A stable UID for a VEVENT without one: a hash of what it says, so a re-import of the same
 * file gives the same ids (and no duplicates). */
static void content_uid(icalcomponent *ev, char out[32])
{
    static const icalproperty_kind kinds[] = { ICAL_DTSTART_PROPERTY, ICAL_DTEND_PROPERTY, ICAL_DURATION_PROPERTY,
                                               ICAL_SUMMARY_PROPERTY, ICAL_LOCATION_PROPERTY, ICAL_RRULE_PROPERTY,
                                               ICAL_DESCRIPTION_PROPERTY };
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    for (size_t i = 0; f && i < sizeof kinds / sizeof *kinds; i++) {
        icalproperty *p = icalcomponent_get_first_property(ev, kinds[i]);
        const char *val = p ? icalproperty_get_value_as_string(p) : NULL;
        fprintf(f, "%s\x1f", val ? val : "");
    }
    if (f) fclose(f);
    char hex[65];
    bundle_sha256_hex(buf ? buf : "", buf ? len : 0, hex);
    free(buf);
    snprintf(out, 32, "noid-%.24s", hex);
}

/* Records the message in v->err as a skipped event (with its summary) and clears it. */
static void skip_event(bvctx *v, icalcomponent *ev)
{
    char msg[MJ_ERRLEN + 120], b[80];
    const char *summary = ev ? icalcomponent_get_summary(ev) : NULL;
    if (summary && *summary) snprintf(msg, sizeof msg, "%s (SUMMARY \"%s\")", v->err, bv_shown(summary, b));
    else snprintf(msg, sizeof msg, "%s", v->err);
    size_t n = strlen(msg);
    while (n && !mj_utf8_valid(msg, n)) n--;   /* a cut in the middle of a character */
    json_array_append_new(v->skipped, json_stringn(msg, n));
    if (v->errlen) v->err[0] = 0;
}

/* The first libical reading error of an event that matters (an empty property is no error:
 * it is ignored), or NULL. */
static const char *read_error(icalcomponent *ev)
{
    for (icalproperty *p = icalcomponent_get_first_property(ev, ICAL_XLICERROR_PROPERTY); p;
         p = icalcomponent_get_next_property(ev, ICAL_XLICERROR_PROPERTY)) {
        const char *e = icalproperty_get_xlicerror(p);
        if (!e) return "unknown error";
        if (strncmp(e, "No value for ", 13) == 0) continue;
        /* only errors in a property this reader uses matter ("... in DTSTART property ...") */
        static const char *const used[] = { " DTSTART ", " DTEND ", " DURATION ", " RRULE ", " RDATE ", " EXDATE ",
                                            " RECURRENCE-ID ", " SUMMARY ", " DESCRIPTION ", " LOCATION ",
                                            " STATUS ", " UID ", NULL };
        for (int i = 0; used[i]; i++)
            if (strstr(e, used[i])) return e;
    }
    return NULL;
}

/* Removes a byte-order mark and unfolds lines (CRLF or LF followed by a space or tab), so a
 * line folded in the middle of a UTF-8 character is whole again before it is checked. */
static char *unfold(const char *data, size_t len, size_t *outlen)
{
    if (len >= 3 && (unsigned char)data[0] == 0xef && (unsigned char)data[1] == 0xbb && (unsigned char)data[2] == 0xbf) {
        data += 3;
        len -= 3;
    }
    char *out = malloc(len + 1);
    if (!out) return NULL;
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        if (data[i] == '\r' && i + 2 < len && data[i + 1] == '\n' && (data[i + 2] == ' ' || data[i + 2] == '\t')) {
            i += 2;
            continue;
        }
        if (data[i] == '\n' && i + 1 < len && (data[i + 1] == ' ' || data[i + 1] == '\t')) {
            i += 1;
            continue;
        }
        out[n++] = data[i];
    }
    out[n] = 0;
    *outlen = n;
    return out;
}

/* A local text "YYYY-MM-DDTHH:MM:SS" (or a date) as a compact id suffix: "-r20261201t100000". */
static void suffix_of(const char *prefix, const char *when, char out[24])
{
    size_t k = strlen(prefix);
    memcpy(out, prefix, k);
    for (const char *c = when; *c && k < 23; c++)
        if (isalnum((unsigned char)*c)) out[k++] = (char)tolower((unsigned char)*c);
    out[k] = 0;
}

/* Ends a rule before the local time when (THISANDFUTURE): UNTIL one second before, in local
 * time; a rule with COUNT keeps its COUNT (the override's exdate still applies). */
static void end_rule_before(json_t *ev, const char *when)
{
    const char *rr = json_string_value(json_object_get(ev, "rrule"));
    tz_local lt;
    int date_only;
    if (!rr || strstr(rr, "COUNT=") || tz_parse_local(when, &lt, &date_only) != MJ_OK) return;
    char out[1100], until[40];
    size_t n = 0;
    /* copy every part but UNTIL */
    for (const char *p = rr; *p;) {
        const char *e = strchr(p, ';');
        size_t l = e ? (size_t)(e - p) : strlen(p);
        if (strncmp(p, "UNTIL=", 6) != 0 && n + l + 2 < sizeof out - 40) {
            if (n) out[n++] = ';';
            memcpy(out + n, p, l);
            n += l;
        }
        p += l + (e ? 1 : 0);
    }
    tz_local u;
    tz_from_naive(tz_naive(&lt) - 1, &u);
    snprintf(until, sizeof until, "%04d%02d%02dT%02d%02d%02d", u.year % 10000, u.month % 100, u.mday % 100,
             u.hour % 100, u.minute % 100, u.second % 100);
    snprintf(out + n, sizeof out - n, "%sUNTIL=%s", n ? ";" : "", until);
    json_object_set_new(ev, "rrule", json_string(out));
}

/* Appends (event, path) to built, and the event to its series' list. */
static int keep(json_t *built, json_t *series, const char *master_id, json_t *o, const char *path)
{
    json_t *pair = json_pack("{s:O,s:s}", "event", o, "path", path);
    if (!pair || json_array_append_new(built, pair)) return -1;
    if (series && master_id) {
        json_t *list = json_object_get(series, master_id);
        if (!list) {
            list = json_array();
            if (!list || json_object_set_new(series, master_id, list)) return -1;
        }
        if (json_array_append(list, o)) return -1;
    }
    return 0;
}

#define MAX_RDATES 1000

/* A series VEVENT (no RECURRENCE-ID): its event, one more per further RRULE and per RDATE. */
static int add_series(bvctx *v, icalcomponent *ev, const char *uid, const char *path, json_t *built, json_t *series)
{
    char id[65], b[24];
    json_t *o;
    make_id(uid, "", id);
    if (convert(v, path, ev, id, &o)) { skip_event(v, ev); return 0; }
    int rc = keep(built, series, id, o, path);
    int k = 1;
    icalproperty *p = icalcomponent_get_first_property(ev, ICAL_RRULE_PROPERTY);
    for (p = p ? icalcomponent_get_next_property(ev, ICAL_RRULE_PROPERTY) : NULL; p && !rc;
         p = icalcomponent_get_next_property(ev, ICAL_RRULE_PROPERTY)) {
        char sid[65];
        const char *same = json_string_value(json_object_get(o, "rrule"));
        if (same && icalproperty_get_value_as_string(p) && strcmp(same, icalproperty_get_value_as_string(p)) == 0)
            continue;   /* the same rule twice: once */
        snprintf(b, sizeof b, "-rr%d", ++k);
        make_id(uid, b, sid);
        json_t *c = json_deep_copy(o);
        const char *rr = icalproperty_get_value_as_string(p);
        if (!c) { rc = -1; break; }
        json_object_set_new(c, "id", json_string(sid));
        json_object_set_new(c, "rrule", json_string(rr ? rr : ""));
        rc = keep(built, series, id, c, path);
        json_decref(c);
    }
    int nr = 0;
    for (p = icalcomponent_get_first_property(ev, ICAL_RDATE_PROPERTY); p && !rc;
         p = icalcomponent_get_next_property(ev, ICAL_RDATE_PROPERTY)) {
        struct icaldatetimeperiodtype dp = icalproperty_get_rdate(p);
        char when[20], end[20], sid[65], sfx[24];
        int is_period = icaltime_is_null_time(dp.time);
        struct icaltimetype t = is_period ? dp.period.start : dp.time;
        if (++nr > MAX_RDATES) {
            bv_fail(v, path, "RDATE: more than %d dates, the rest left out", MAX_RDATES);
            skip_event(v, ev);
            break;
        }
        if (local_text(v, path, p, t, 1, when)) { skip_event(v, ev); continue; }
        tz_local s0, e0, w;
        tz_parse_local(json_string_value(json_object_get(o, "start")), &s0, NULL);
        tz_parse_local(json_string_value(json_object_get(o, "end")), &e0, NULL);
        tz_parse_local(when, &w, NULL);
        long long dur = tz_naive(&e0) - tz_naive(&s0);
        if (is_period && !icaltime_is_null_time(dp.period.end)) {
            if (local_text(v, path, p, dp.period.end, 1, end)) { skip_event(v, ev); continue; }
        } else {
            tz_local e;
            tz_from_naive(tz_naive(&w) + dur, &e);
            tz_format_local(&e, end);
        }
        if (strcmp(when, json_string_value(json_object_get(o, "start"))) == 0) continue;   /* DTSTART again */
        suffix_of("-d", when, sfx);
        make_id(uid, sfx, sid);
        json_t *c = json_deep_copy(o);
        if (!c) { rc = -1; break; }
        json_object_set_new(c, "id", json_string(sid));
        json_object_set_new(c, "start", json_string(when));
        json_object_set_new(c, "end", json_string(end));
        json_object_del(c, "rrule");
        rc = keep(built, series, id, c, path);
        json_decref(c);
    }
    json_decref(o);
    return rc;
}

/* An overridden occurrence: cancels that occurrence in every event of its series (and, with
 * RANGE=THISANDFUTURE, ends their rules there); unless cancelled, an event of its own. */
/* A local text moved by shift seconds (a date stays as it is). */
static void shifted(const char *when, long long shift, char out[20])
{
    tz_local lt;
    int date_only;
    snprintf(out, 20, "%s", when);
    if (!shift || tz_parse_local(when, &lt, &date_only) != MJ_OK || date_only) return;
    tz_from_naive(tz_naive(&lt) + shift, &lt);
    tz_format_local(&lt, out);
}

#define SHIFT_KEY "x-majakka-shift"   /* internal: removed before validation */

/* An overridden occurrence: cancels that occurrence in every event of its series (and, with
 * RANGE=THISANDFUTURE, ends their rules there); unless cancelled, an event of its own. A
 * THISANDFUTURE override continues the series moved by its own shift (RFC 5545 3.8.4.4), and
 * later overrides name their occurrence by its original time, so each event of a series keeps
 * how far it has been moved. */
static int add_override(bvctx *v, icalcomponent *ev, icalproperty *rid, const char *uid, const char *path,
                        json_t *built, json_t *series)
{
    char id[65], master[65], when[20], sfx[24], at[20];
    json_t *o, *e, *first_rule = NULL;
    long long first_shift = 0;
    size_t i;
    make_id(uid, "", master);
    if (local_text(v, path, rid, icalproperty_get_recurrenceid(rid), 0, when)) { skip_event(v, ev); return 0; }
    icalparameter *rp = icalproperty_get_first_parameter(rid, ICAL_RANGE_PARAMETER);
    int future = rp && icalparameter_get_range(rp) == ICAL_RANGE_THISANDFUTURE;
    json_t *list = json_object_get(series, master);
    json_array_foreach(list, i, e) {
        long long sh = json_integer_value(json_object_get(e, SHIFT_KEY));
        shifted(when, sh, at);
        if (add_exdate(e, at)) return -1;
        if (future && json_object_get(e, "rrule")) {
            /* the rule goes on from the latest event of the series that started before it */
            const char *st = json_string_value(json_object_get(e, "start"));
            if (st && strcmp(st, at) <= 0) {
                json_decref(first_rule);
                first_rule = json_string(json_string_value(json_object_get(e, "rrule")));
                first_shift = sh;
            }
            end_rule_before(e, at);
        }
    }
    int rc = 0;
    if (icalcomponent_get_status(ev) != ICAL_STATUS_CANCELLED) {
        suffix_of("-r", when, sfx);
        make_id(uid, sfx, id);
        if (convert(v, path, ev, id, &o)) {
            skip_event(v, ev);
        } else if (future && first_rule && !json_object_get(o, "rrule")) {
            /* this and the following occurrences: the override carries the rule on, moved */
            tz_local a, b;
            int d1 = 0, d2 = 0;
            long long shift = first_shift;
            if (tz_parse_local(json_string_value(json_object_get(o, "start")), &a, &d1) == MJ_OK &&
                tz_parse_local(when, &b, &d2) == MJ_OK && !d2)
                shift += tz_naive(&a) - tz_naive(&b);
            json_object_set(o, "rrule", first_rule);
            json_object_set_new(o, SHIFT_KEY, json_integer(shift));
            rc = keep(built, series, master, o, path);
            json_decref(o);
        } else {
            rc = keep(built, NULL, NULL, o, path);
            json_decref(o);
        }
    }
    json_decref(first_rule);
    return rc;
}

int bics_merge(bvctx *v, const char *name, const char *data, size_t len, json_t *events)
{
    char b[80], path[BV_PATHLEN];
    int rc = MJ_OK;
    size_t tlen;
    if (memchr(data, 0, len)) return bv_fail(v, "calendar", "\"%s\" is not valid UTF-8", bv_shown(name, b));
    char *text = unfold(data, len, &tlen);
    if (!text) return bv_fail(v, "calendar", "out of memory");
    if (!mj_utf8_valid(text, tlen)) {
        free(text);
        return bv_fail(v, "calendar", "\"%s\" is not valid UTF-8", bv_shown(name, b));
    }
    icalcomponent *root = icalparser_parse_string(text);
    free(text);
    if (!root || icalcomponent_isa(root) != ICAL_VCALENDAR_COMPONENT) {
        if (root) icalcomponent_free(root);
        return bv_fail(v, "calendar", "\"%s\" is not an iCalendar file", bv_shown(name, b));
    }
    v->ics_root = root;
    v->ics_floating = NULL;
    for (icalproperty *p = icalcomponent_get_first_property(root, ICAL_X_PROPERTY); p;
         p = icalcomponent_get_next_property(root, ICAL_X_PROPERTY)) {
        const char *xn = icalproperty_get_x_name(p);
        if (xn && strcasecmp(xn, "X-WR-TIMEZONE") == 0) v->ics_floating = zone_named(v, icalproperty_get_value_as_string(p));
    }
    json_t *built = json_array(), *series = json_object();   /* in file order; master id -> its events */
    if (!built || !series) { rc = bv_fail(v, "calendar", "out of memory"); goto done; }

    /* Pass 1: the series and single events; pass 2: overridden occurrences. */
    for (int pass = 1; pass <= 2 && !rc; pass++) {
        int n = 0;
        for (icalcomponent *ev = icalcomponent_get_first_component(root, ICAL_VEVENT_COMPONENT); ev && !rc;
             ev = icalcomponent_get_next_component(root, ICAL_VEVENT_COMPONENT)) {
            n++;
            icalproperty *rid = icalcomponent_get_first_property(ev, ICAL_RECURRENCEID_PROPERTY);
            if ((pass == 1) == (rid != NULL)) continue;
            const char *uid = icalcomponent_get_uid(ev);
            char made[32];
            if (!uid || !*uid) {
                content_uid(ev, made);
                uid = made;
            }
            vevent_path(path, uid);
            const char *rerr = read_error(ev);
            if (rerr) {
                bv_fail(v, path, "cannot be read: %s", bv_shown(rerr, b));
                skip_event(v, ev);
                continue;
            }
            if (pass == 1) {
                if (icalcomponent_get_status(ev) == ICAL_STATUS_CANCELLED) continue;
                if (add_series(v, ev, uid, path, built, series)) rc = bv_fail(v, "calendar", "out of memory");
            } else if (add_override(v, ev, rid, uid, path, built, series)) {
                rc = bv_fail(v, "calendar", "out of memory");
            }
        }
    }
    if (rc) goto done;
    size_t i;
    json_t *pair;
    json_array_foreach(built, i, pair) {
        json_t *o = json_object_get(pair, "event");
        const char *p = json_string_value(json_object_get(pair, "path"));
        json_object_del(o, SHIFT_KEY);
        v->allow_instant = 1;
        int bad = bv_event(v, o, p);
        v->allow_instant = 0;
        if (bad) {
            /* its id is free again unless another item had it first */
            json_t *owner = json_object_get(v->events, json_string_value(json_object_get(o, "id")));
            if (owner && json_is_string(owner) && strcmp(json_string_value(owner), p) == 0)
                json_object_del(v->events, json_string_value(json_object_get(o, "id")));
            skip_event(v, NULL);
            continue;
        }
        if (json_array_append(events, o)) { rc = bv_fail(v, "calendar", "out of memory"); break; }
    }
done:
    json_decref(built);
    json_decref(series);
    v->ics_root = NULL;
    v->ics_floating = NULL;
    icalcomponent_free(root);
    return rc;
}

int bundle_ics_events(const char *name, const char *data, size_t len, const char *default_language, json_t **events,
                      json_t **skipped, char *err, size_t errlen)
{
    bvctx v;
    *events = *skipped = NULL;
    int rc = bv_init(&v, err, errlen);
    if (rc) return rc;
    v.default_language = default_language ? default_language : "fi";
    json_t *evs = json_array();
    if (!evs) { bv_free(&v); return mj_err(err, errlen, MJ_ENOMEM, "out of memory"); }
    rc = bics_merge(&v, name, data, len, evs);
    if (rc) { json_decref(evs); bv_free(&v); return rc; }
    *events = evs;
    *skipped = json_incref(v.skipped);
    bv_free(&v);
    return MJ_OK;
}
