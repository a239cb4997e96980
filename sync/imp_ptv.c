/* imp_ptv.c - see imp_ptv.h. */
#include "imp_ptv.h"
#include "util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define LIMIT_NAME 200
#define LIMIT_SUMMARY 400
#define LIMIT_DESCRIPTION 4000
#define LIMIT_TEXT 1000

typedef struct ptv {
    const imp_opts *o;
    imp_result *r;
    json_t *services, *orgs;   /* arrays of source objects */
    json_t *channels;          /* channel id -> object */
} ptv;

static const char *sget(const json_t *obj, const char *key)
{
    return json_string_value(json_object_get(obj, key));
}

static void walk(ptv *p, const json_t *v, int depth)
{
    size_t i;
    json_t *x;
    if (depth > 6) return;
    if (json_is_array(v)) { json_array_foreach(v, i, x) walk(p, x, depth + 1); return; }
    if (!json_is_object(v)) return;
    if (sget(v, "serviceChannelType")) {
        const char *id = sget(v, "id");
        if (id && !json_object_get(p->channels, id)) json_object_set(p->channels, id, (json_t *)v);
        return;
    }
    if (json_object_get(v, "serviceNames")) { json_array_append(p->services, (json_t *)v); return; }
    if (json_object_get(v, "organizationNames")) { json_array_append(p->orgs, (json_t *)v); return; }
    static const char *const lists[] = { "itemList", "items", "services", "serviceChannels", "organizations", "data", NULL };
    for (int k = 0; lists[k]; k++)
        if (json_is_array(json_object_get(v, lists[k]))) walk(p, json_object_get(v, lists[k]), depth + 1);
}

/* A text from a PTV localized list ([{language, value, type}]) of one type (NULL: any). */
static json_t *ltext(const json_t *list, const char *type, const char *type2, size_t limit, int html)
{
    json_t *t = json_object(), *x;
    size_t i;
    json_array_foreach(list, i, x) {
        const char *ty = sget(x, "type");
        if (type && !(ty && (!strcasecmp(ty, type) || (type2 && !strcasecmp(ty, type2))))) continue;
        const char *lang = sget(x, "language"), *val = sget(x, "value");
        char b[16];
        if (!val || !imp_lang(lang, b) || json_object_get(t, imp_lang(lang, b))) continue;
        char *plain = html ? imp_html_text(val) : NULL;
        imp_text_set(t, lang, plain ? plain : val, limit);
        free(plain);
    }
    if (!json_object_size(t)) { json_decref(t); return NULL; }
    return t;
}

/* The text's value in the site's language, else any (borrowed). */
static const char *pick(const json_t *text, const char *lang)
{
    const char *s = json_string_value(json_object_get(text, lang));
    if (s) return s;
    const char *k;
    json_t *v;
    json_object_foreach((json_t *)text, k, v) return json_string_value(v);
    return NULL;
}

static void set_new(json_t *rec, const char *key, json_t *v)
{
    if (v) json_object_set_new(rec, key, v);
}

static const char *org_kind(const char *t)
{
    if (!t) return "other";
    if (!strcasecmp(t, "Municipality")) return "municipality";
    if (!strcasecmp(t, "SotePublic") || !strcasecmp(t, "RegionalOrganization") || !strcasecmp(t, "WellbeingServicesCounty"))
        return "wellbeing_county";
    return "other";
}

/* An organisation from a full organisation object or a service's reference {id, name}. */
static void organization(ptv *p, const json_t *o, int full)
{
    char id[65], rn[200];
    const char *sid = sget(o, "id");
    if (!sid || imp_id(id, "ptv-", sid) != 0 || imp_kept(p->r, "organizations", id)) return;
    p->r->records++;
    json_t *rec = json_pack("{s:s,s:s}", "id", id, "kind", org_kind(full ? sget(o, "organizationType") : NULL));
    json_t *name = full ? ltext(json_object_get(o, "organizationNames"), "Name", NULL, LIMIT_NAME, 0) : NULL;
    if (!name && sget(o, "name")) { name = json_object(); imp_text_set(name, p->o->lang, sget(o, "name"), LIMIT_NAME); }
    imp_recname(rn, sizeof rn, "organization", id, pick(name, p->o->lang));
    set_new(rec, "name", name);
    if (full) {
        json_t *w = json_array_get(json_object_get(o, "webPages"), 0), *e = json_array_get(json_object_get(o, "emails"), 0);
        if (sget(w, "url")) json_object_set_new(rec, "url", json_string(sget(w, "url")));
        if (sget(e, "value")) json_object_set_new(rec, "email", json_string(sget(e, "value")));
    }
    imp_keep(p->r, p->o, "organizations", rec, rn);
}

static void hm(const char *s, int *min, int *ok)
{
    if (!s || imp_parse_time(s, min) != 0) *ok = 0;
}

static int regular_type(const char *t)
{
    return !t || !strcasecmp(t, "Standard") || !strcasecmp(t, "DaysOfTheWeek") || !strcasecmp(t, "Special") ||
           !strcasecmp(t, "OverMidnight");
}

/* Service hours into rec's opening_hours and hours_exceptions. */
static void hours(ptv *p, json_t *rec, const char *rn, const json_t *list)
{
    json_t *sh, *oh;
    size_t i, k;
    json_array_foreach(list, i, sh) {
        const char *type = sget(sh, "serviceHourType");
        const char *vf = sget(sh, "validFrom"), *vt = sget(sh, "validTo");
        int closed = json_is_true(json_object_get(sh, "isClosed"));
        if (regular_type(type)) {
            if (vt && !json_is_true(json_object_get(sh, "validForNow"))) {
                imp_drop(p->r, rn, "service hours for a period (%.10s..%.10s)", vf ? vf : "", vt);
                continue;
            }
            if (closed) continue;
            json_array_foreach(json_object_get(sh, "openingHour"), k, oh) {
                int d = imp_weekday(sget(oh, "dayFrom")), dt = sget(oh, "dayTo") ? imp_weekday(sget(oh, "dayTo")) : d;
                int open = 0, close = 0, ok = 1;
                hm(sget(oh, "from"), &open, &ok);
                hm(sget(oh, "to"), &close, &ok);
                if (d < 0 || dt < 0 || !ok) {
                    imp_drop(p->r, rn, "service hours: \"%.12s\" %.8s-%.8s cannot be read", sget(oh, "dayFrom") ? sget(oh, "dayFrom") : "",
                             sget(oh, "from") ? sget(oh, "from") : "", sget(oh, "to") ? sget(oh, "to") : "");
                    continue;
                }
                json_t *h = json_object_get(rec, "opening_hours");
                if (!h) { h = json_array(); json_object_set_new(rec, "opening_hours", h); }
                if (open == 1440) open = 0;
                if (dt == d || (dt == (d + 1) % 7 && close <= open)) {
                    /* one day, or over midnight into the next */
                    if (imp_add_range(h, d, open, close) != 0) imp_drop(p->r, rn, "service hours: opens and closes at the same time");
                } else {
                    /* dayFrom..dayTo with the same times each day */
                    for (int x = d;; x = (x + 1) % 7) {
                        imp_add_range(h, x, open, close);
                        if (x == dt) break;
                    }
                }
            }
            continue;
        }
        if (strcasecmp(type, "Exception") != 0 && strcasecmp(type, "Exceptional") != 0) {
            imp_drop(p->r, rn, "service hours of type \"%.20s\"", type);
            continue;
        }
        long long d0, d1;
        if (!vf || imp_parse_date(vf, &d0) != 0) { imp_drop(p->r, rn, "exception hours without a validFrom date"); continue; }
        if (!vt || imp_parse_date(vt, &d1) != 0) d1 = d0;
        if (d1 < d0 || d1 - d0 >= IMP_MAX_EXCEPTION_DAYS) {
            imp_drop(p->r, rn, "exception period %.10s..%.10s (at most %d days are expanded)", vf, vt ? vt : "", IMP_MAX_EXCEPTION_DAYS);
            continue;
        }
        int open = 0, close = 0, ok = 1;
        json_t *first = json_array_get(json_object_get(sh, "openingHour"), 0);
        if (!closed) {
            hm(sget(first, "from"), &open, &ok);
            hm(sget(first, "to"), &close, &ok);
            if (!first || !ok) { imp_drop(p->r, rn, "exception hours %.10s: no times and not closed", vf); continue; }
            if (json_array_size(json_object_get(sh, "openingHour")) > 1)
                imp_drop(p->r, rn, "exception %.10s: only the first of its time ranges", vf);
        }
        json_t *note = ltext(json_object_get(sh, "additionalInformation"), NULL, NULL, LIMIT_TEXT, 0);
        for (long long d = d0; d <= d1; d++) {
            char date[11], o[6], c[6];
            imp_format_date(d, date);
            json_t *e;
            if (closed) e = json_pack("{s:s,s:b}", "date", date, "closed", 1);
            else {
                if (close == 0 && open != 0) close = 1440;
                imp_format_hm(open == 1440 ? 0 : open, o);
                imp_format_hm(close, c);
                e = json_pack("{s:s,s:s,s:s}", "date", date, "open", o, "close", c);
            }
            if (note) json_object_set(e, "note", note);
            json_t *l = json_object_get(rec, "hours_exceptions");
            if (!l) { l = json_array(); json_object_set_new(rec, "hours_exceptions", l); }
            json_array_append_new(l, e);
        }
        json_decref(note);
    }
}

/* A service-location channel as a location. Returns its id, or NULL when it cannot be one. */
static const char *location(ptv *p, const json_t *ch, char id[65])
{
    char rn[200];
    json_t *a, *addr = NULL;
    size_t i;
    if (imp_id(id, "ptv-", sget(ch, "id")) != 0) return NULL;
    if (imp_kept(p->r, "locations", id)) return id;
    json_t *set = json_object_get(p->r->seen, "x-ptv-tried");
    if (!set) { set = json_object(); json_object_set_new(p->r->seen, "x-ptv-tried", set); }
    if (json_object_get(set, id)) return NULL;
    json_object_set_new(set, id, json_true());
    p->r->records++;
    json_t *name = ltext(json_object_get(ch, "serviceChannelNames"), "Name", NULL, LIMIT_NAME, 0);
    imp_recname(rn, sizeof rn, "location", id, pick(name, p->o->lang));
    json_array_foreach(json_object_get(ch, "addresses"), i, a) {
        const char *t = sget(a, "type");
        if (t && !strcasecmp(t, "Postal")) continue;
        if (json_is_object(json_object_get(a, "streetAddress"))) { addr = json_object_get(a, "streetAddress"); break; }
    }
    if (!name || !addr) {
        imp_skip(p->r, rn, "%s", !name ? "no name" : "no visiting street address");
        json_decref(name);
        return NULL;
    }
    json_t *rec = json_pack("{s:s}", "id", id), *street = json_object(), *x;
    json_object_set_new(rec, "name", name);
    const char *no = sget(addr, "streetNumber");
    json_array_foreach(json_object_get(addr, "street"), i, x) {
        char buf[1100];
        snprintf(buf, sizeof buf, "%s%s%s", sget(x, "value") ? sget(x, "value") : "", no ? " " : "", no ? no : "");
        imp_text_set(street, sget(x, "language"), buf, LIMIT_TEXT);
    }
    if (json_object_size(street)) json_object_set_new(rec, "street", street);
    else json_decref(street);
    if (sget(addr, "postalCode")) json_object_set_new(rec, "postal_code", json_string(sget(addr, "postalCode")));
    set_new(rec, "city", ltext(json_object_get(addr, "postOffice"), NULL, NULL, LIMIT_TEXT, 0));
    if (!json_object_get(rec, "city") && json_is_object(json_object_get(addr, "municipality")))
        set_new(rec, "city", ltext(json_object_get(json_object_get(addr, "municipality"), "name"), NULL, NULL, LIMIT_TEXT, 0));
    const char *la = sget(addr, "latitude"), *lo = sget(addr, "longitude");
    if (la && lo && *la && *lo) {
        double lat = strtod(la, NULL), lon = strtod(lo, NULL);
        if (lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180) {
            json_object_set_new(rec, "lat", json_real(lat));
            json_object_set_new(rec, "lon", json_real(lon));
        } else {
            imp_drop(p->r, rn, "coordinates %.20s, %.20s are not WGS84 degrees (ETRS-TM35FIN is not converted)", la, lo);
        }
    }
    if (!json_object_get(rec, "street") || !json_object_get(rec, "postal_code") || !json_object_get(rec, "city")) {
        imp_skip(p->r, rn, "no street, postal code and post office");
        json_decref(rec);
        return NULL;
    }
    return imp_keep(p->r, p->o, "locations", rec, rn) ? id : NULL;
}

/* Phone, email and web page from a channel, where the service has none yet. */
static void contact(json_t *rec, const json_t *ch)
{
    json_t *x = json_array_get(json_object_get(ch, "phoneNumbers"), 0);
    if (x && !json_object_get(rec, "phone") && sget(x, "number")) {
        char buf[80];
        const char *pre = sget(x, "prefixNumber");
        snprintf(buf, sizeof buf, "%s%s%s", pre ? pre : "", pre ? " " : "", sget(x, "number"));
        json_object_set_new(rec, "phone", json_string(buf));
    }
    x = json_array_get(json_object_get(ch, "emails"), 0);
    if (x && !json_object_get(rec, "email") && sget(x, "value")) json_object_set_new(rec, "email", json_string(sget(x, "value")));
    x = json_array_get(json_object_get(ch, "webPages"), 0);
    const char *url = x ? (sget(x, "url") ? sget(x, "url") : sget(x, "value")) : NULL;
    if (url && !json_object_get(rec, "url")) json_object_set_new(rec, "url", json_string(url));
}

static void service(ptv *p, const json_t *s)
{
    char id[65], rn[200], oid[65];
    json_t *x;
    size_t i;
    p->r->records++;
    json_t *name = ltext(json_object_get(s, "serviceNames"), "Name", NULL, LIMIT_NAME, 0);
    if (imp_id(id, "ptv-", sget(s, "id")) != 0) {
        imp_recname(rn, sizeof rn, "service", "?", pick(name, p->o->lang));
        imp_skip(p->r, rn, "no id");
        json_decref(name);
        return;
    }
    imp_recname(rn, sizeof rn, "service", id, pick(name, p->o->lang));
    const char *st = sget(s, "publishingStatus");
    if (st && strcasecmp(st, "Published") != 0 && strcasecmp(st, "Modified") != 0) {
        imp_skip(p->r, rn, "publishingStatus is \"%.20s\"", st);
        json_decref(name);
        return;
    }
    /* the responsible organisation, else the first */
    const json_t *org = NULL;
    json_array_foreach(json_object_get(s, "organizations"), i, x) {
        const json_t *o = json_object_get(x, "organization");
        if (!json_is_object(o)) continue;
        if (!org) org = o;
        const char *role = sget(x, "roleType");
        if (role && !strcasecmp(role, "Responsible")) { org = o; break; }
    }
    if (!org && sget(s, "mainResponsibleOrganization")) org = s;   /* handled below */
    const char *osrc = org == s ? sget(s, "mainResponsibleOrganization") : sget(org, "id");
    if (org && org != s) organization(p, org, 0);
    if (!osrc || imp_id(oid, "ptv-", osrc) != 0 || !imp_kept(p->r, "organizations", oid)) {
        imp_skip(p->r, rn, "no organization (organizations[].organization, roleType Responsible)");
        json_decref(name);
        return;
    }
    json_t *rec = json_pack("{s:s,s:s,s:[s],s:[s]}", "id", id, "organization", oid, "categories",
                            p->o->category ? p->o->category : "imported", "audiences", "family");
    set_new(rec, "name", name);
    const json_t *descs = json_object_get(s, "serviceDescriptions");
    json_t *summary = ltext(descs, "Summary", "ShortDescription", LIMIT_SUMMARY, 1);
    json_t *desc = ltext(descs, "Description", NULL, LIMIT_DESCRIPTION, 1);
    if (!summary && (desc || name)) {
        summary = json_object();
        const char *k;
        json_t *v;
        json_object_foreach(desc ? desc : name, k, v) {
            char *f = imp_first_line(json_string_value(v), LIMIT_SUMMARY);
            if (f) json_object_set_new(summary, k, json_string(f));
            free(f);
        }
    }
    set_new(rec, "summary", summary);
    set_new(rec, "description", desc);
    set_new(rec, "cost", ltext(descs, "ChargeTypeAdditionalInfo", NULL, LIMIT_TEXT, 1));
    const char *charge = sget(s, "serviceChargeType");
    if (!charge) charge = sget(json_object_get(s, "serviceChargeType"), "chargeType");
    json_object_set_new(rec, "free", json_boolean(charge && !strcasecmp(charge, "Free")));
    json_t *langs = json_array();
    json_array_foreach(json_object_get(s, "languages"), i, x) {
        char b[16];
        const char *l = imp_lang(json_string_value(x), b);
        if (!l) { imp_drop(p->r, rn, "language \"%.20s\"", json_string_value(x) ? json_string_value(x) : "?"); continue; }
        int dup = 0;
        json_t *y;
        size_t j;
        json_array_foreach(langs, j, y) dup |= !strcmp(json_string_value(y), l);
        if (!dup) json_array_append_new(langs, json_string(l));
    }
    if (!json_array_size(langs)) json_array_append_new(langs, json_string(p->o->lang));
    json_object_set_new(rec, "languages", langs);
    /* channels: the first service location is the service's location and gives its hours */
    int have_hours = 0;
    json_array_foreach(json_object_get(s, "serviceChannels"), i, x) {
        const json_t *ref = json_object_get(x, "serviceChannel");
        const char *cid = sget(ref, "id");
        const json_t *ch = cid ? json_object_get(p->channels, cid) : NULL;
        const json_t *conn_hours = json_object_get(x, "serviceHours");
        if (ch) {
            const char *type = sget(ch, "serviceChannelType");
            if (type && !strcasecmp(type, "ServiceLocation") && !json_object_get(rec, "location")) {
                char lid[65];
                if (location(p, ch, lid)) json_object_set_new(rec, "location", json_string(lid));
                if (!have_hours) {
                    hours(p, rec, rn, json_array_size(conn_hours) ? conn_hours : json_object_get(ch, "serviceHours"));
                    have_hours = 1;
                }
            }
            contact(rec, ch);
        } else if (json_array_size(conn_hours) && !have_hours) {
            hours(p, rec, rn, conn_hours);
            have_hours = 1;
        }
        if (json_is_object(json_object_get(x, "contactDetails"))) {
            const json_t *cd = json_object_get(x, "contactDetails");
            json_t *tmp = json_pack("{s:O?,s:O?,s:O?}", "phoneNumbers", json_object_get(cd, "phoneNumbers"), "emails",
                                    json_object_get(cd, "emails"), "webPages", json_object_get(cd, "webPages"));
            contact(rec, tmp);
            json_decref(tmp);
        }
    }
    if (json_array_size(json_object_get(rec, "opening_hours")) > 100 || json_array_size(json_object_get(rec, "hours_exceptions")) > 100) {
        imp_drop(p->r, rn, "more than 100 opening-hours ranges or exceptions: the rest");
        while (json_array_size(json_object_get(rec, "opening_hours")) > 100) json_array_remove(json_object_get(rec, "opening_hours"), 100);
        while (json_array_size(json_object_get(rec, "hours_exceptions")) > 100) json_array_remove(json_object_get(rec, "hours_exceptions"), 100);
    }
    imp_keep(p->r, p->o, "services", rec, rn);
}

int imp_ptv_doc(const json_t *doc, const imp_opts *o, imp_result *r, char *err, size_t errlen)
{
    ptv p = { o, r, json_array(), json_array(), json_object() };
    json_t *x;
    size_t i;
    if (!p.services || !p.orgs || !p.channels) {
        json_decref(p.services); json_decref(p.orgs); json_decref(p.channels);
        return mj_err(err, errlen, MJ_ENOMEM, "out of memory");
    }
    walk(&p, doc, 0);
    int rc = MJ_OK;
    if (!json_array_size(p.services) && !json_object_size(p.channels) && !json_array_size(p.orgs))
        rc = mj_err(err, errlen, MJ_EINVAL, "no PTV services, service channels or organizations found");
    json_array_foreach(p.orgs, i, x) organization(&p, x, 1);
    json_array_foreach(p.services, i, x) service(&p, x);
    json_object_del(r->seen, "x-ptv-tried");
    json_decref(p.services); json_decref(p.orgs); json_decref(p.channels);
    return rc;
}

int imp_ptv_json(const char *text, size_t len, const imp_opts *o, imp_result *r, char *err, size_t errlen)
{
    json_error_t je;
    if (len > IMP_MAX_BYTES) return mj_err(err, errlen, MJ_EINVAL, "more than %u bytes", IMP_MAX_BYTES);
    json_t *doc = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
    if (!doc) return mj_err(err, errlen, MJ_EINVAL, "not JSON: %s (line %d)", je.text, je.line);
    int rc = imp_ptv_doc(doc, o, r, err, errlen);
    json_decref(doc);
    return rc;
}
