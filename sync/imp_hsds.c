/* imp_hsds.c - see imp_hsds.h. The JSON reader; the CSV datapackage is turned into the same
 * nested shape by imp_hsds_csv.c and read here. */
#include "imp_hsds.h"
#include "tz.h"
#include "util.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define LIMIT_NAME 200
#define LIMIT_SUMMARY 400
#define LIMIT_DESCRIPTION 4000
#define LIMIT_TEXT 1000

typedef struct hsds {
    const imp_opts *o;
    imp_result *r;
    json_t *orgs, *locs;      /* source id -> object (borrowed from the document) */
    json_t *org_order, *loc_order, *services;   /* in the order met */
} hsds;

static const char *sget(const json_t *obj, const char *key, char *buf, size_t len)
{
    return imp_str(json_object_get(obj, key), buf, len);
}

static void put_org(hsds *h, json_t *org)
{
    char b[32];
    const char *id = sget(org, "id", b, sizeof b);
    if (!id || json_object_get(h->orgs, id)) return;
    json_object_set(h->orgs, id, org);
    json_array_append_new(h->org_order, json_string(id));
}

static void put_loc(hsds *h, json_t *loc)
{
    char b[32];
    const char *id = sget(loc, "id", b, sizeof b);
    if (!id || json_object_get(h->locs, id)) return;
    json_object_set(h->locs, id, loc);
    json_array_append_new(h->loc_order, json_string(id));
}

static void put_service(hsds *h, json_t *svc, const char *org_id)
{
    json_t *org = json_object_get(svc, "organization"), *sal, *x;
    size_t i;
    if (json_is_object(org)) put_org(h, org);
    json_array_foreach(json_object_get(svc, "service_at_locations"), i, sal) {
        if (json_is_object(json_object_get(sal, "location"))) put_loc(h, json_object_get(sal, "location"));
    }
    json_array_foreach(json_object_get(svc, "locations"), i, x) if (json_is_object(x)) put_loc(h, x);
    if (org_id && !json_object_get(svc, "organization_id") && !json_is_object(org)) {
        /* nested in an organization: remember whose it is without changing the document */
        json_t *copy = json_copy(svc);
        json_object_set_new(copy, "organization_id", json_string(org_id));
        json_array_append_new(h->services, copy);
        return;
    }
    json_array_append(h->services, svc);
}

static int is_org(const json_t *x)
{
    return json_is_array(json_object_get(x, "services")) || json_object_get(x, "legal_status") ||
           json_object_get(x, "year_incorporated") || json_object_get(x, "tax_id");
}

static int is_loc(const json_t *x)
{
    return !json_object_get(x, "service_at_locations") &&
           (json_object_get(x, "location_type") || json_object_get(x, "addresses") || json_object_get(x, "latitude"));
}

static void walk(hsds *h, const json_t *v, int depth);

static void walk_org(hsds *h, json_t *org, int depth)
{
    char b[32];
    json_t *x;
    size_t i;
    put_org(h, org);
    const char *id = sget(org, "id", b, sizeof b);
    json_array_foreach(json_object_get(org, "locations"), i, x) if (json_is_object(x)) put_loc(h, x);
    json_array_foreach(json_object_get(org, "services"), i, x) if (json_is_object(x)) put_service(h, x, id);
    (void)depth;
}

static void walk(hsds *h, const json_t *v, int depth)
{
    size_t i;
    json_t *x;
    if (depth > 4) return;
    if (json_is_array(v)) {
        json_array_foreach(v, i, x) {
            if (!json_is_object(x)) continue;
            if (!json_object_get(x, "id") && (json_is_array(json_object_get(x, "contents")) || json_is_array(json_object_get(x, "services")) ||
                                              json_is_array(json_object_get(x, "organizations"))))
                walk(h, x, depth + 1);   /* pages fetched from an API, or several documents */
            else if (is_org(x)) walk_org(h, x, depth);
            else if (is_loc(x)) put_loc(h, x);
            else put_service(h, x, NULL);
        }
        return;
    }
    if (!json_is_object(v)) return;
    if (json_is_array(json_object_get(v, "contents"))) { walk(h, json_object_get(v, "contents"), depth + 1); return; }
    int lists = 0;
    json_array_foreach(json_object_get(v, "organizations"), i, x) { lists = 1; if (json_is_object(x)) walk_org(h, x, depth); }
    json_array_foreach(json_object_get(v, "locations"), i, x) { lists = 1; if (json_is_object(x)) put_loc(h, x); }
    if (!json_object_get(v, "id")) {
        json_array_foreach(json_object_get(v, "services"), i, x) { lists = 1; if (json_is_object(x)) put_service(h, x, NULL); }
    }
    if (!lists && json_object_get(v, "id")) {
        if (is_org(v)) walk_org(h, (json_t *)v, depth);
        else if (is_loc(v)) put_loc(h, (json_t *)v);
        else put_service(h, (json_t *)v, NULL);
    }
}

/* name as a text in the default language */
static json_t *text1(const hsds *h, const char *s, size_t limit)
{
    json_t *t = json_object();
    imp_text_set(t, h->o->lang, s, limit);
    if (json_object_size(t) == 0) { json_decref(t); return NULL; }
    return t;
}

static void set_text(json_t *rec, const char *key, json_t *t)
{
    if (t) json_object_set_new(rec, key, t);
}

static void set_str(json_t *rec, const char *key, const char *s, size_t limit)
{
    char *t = imp_trim(s, limit);
    if (t) json_object_set_new(rec, key, json_string(t));
    free(t);
}

/* The first phone number (extension left out). */
static void set_phone(json_t *rec, const json_t *phones)
{
    json_t *p;
    size_t i;
    json_array_foreach(phones, i, p) {
        char b[32];
        const char *num = json_is_object(p) ? sget(p, "number", b, sizeof b) : json_string_value(p);
        if (num && *num) { set_str(rec, "phone", num, 64); return; }
    }
}

static int has_day(const char *byday, int d)
{
    if (!byday || !*byday) return 1;
    char buf[256];
    snprintf(buf, sizeof buf, "%s", byday);
    for (char *save = NULL, *t = strtok_r(buf, ",; ", &save); t; t = strtok_r(NULL, ",; ", &save)) {
        while (*t && (isdigit((unsigned char)*t) || *t == '+' || *t == '-') && strlen(t) > 2) t++;   /* "1MO" */
        if (imp_weekday(t) == d) return 1;
    }
    return 0;
}

static void add_exception(json_t *rec, const char *date, int closed, int open, int close)
{
    json_t *list = json_object_get(rec, "hours_exceptions");
    if (!list) { list = json_array(); json_object_set_new(rec, "hours_exceptions", list); }
    char o[6], c[6];
    if (closed) {
        json_array_append_new(list, json_pack("{s:s,s:b}", "date", date, "closed", 1));
        return;
    }
    if (close == 0 && open != 0) close = 1440;
    imp_format_hm(open, o);
    imp_format_hm(close, c);
    json_array_append_new(list, json_pack("{s:s,s:s,s:s}", "date", date, "open", o, "close", c));
}

static int truthy(const json_t *v)
{
    if (json_is_true(v)) return 1;
    const char *s = json_string_value(v);
    return s && (!strcasecmp(s, "true") || !strcmp(s, "1") || !strcasecmp(s, "yes") || !strcasecmp(s, "t"));
}

/* One schedule row into rec's weekly ranges or exceptions. */
static void schedule(hsds *h, json_t *rec, const char *rn, const json_t *s, int *note_set)
{
    char b1[32], b2[32];
    const char *opens = sget(s, "opens_at", b1, sizeof b1), *closes = sget(s, "closes_at", b2, sizeof b2);
    const char *freq = json_string_value(json_object_get(s, "freq"));
    const char *byday = json_string_value(json_object_get(s, "byday"));
    char wb[16];
    const char *weekday = sget(s, "weekday", wb, sizeof wb);
    const char *from = json_string_value(json_object_get(s, "valid_from"));
    const char *to = json_string_value(json_object_get(s, "valid_to"));
    const char *sd = json_string_value(json_object_get(s, "start_date")), *ed = json_string_value(json_object_get(s, "end_date"));
    const char *desc = json_string_value(json_object_get(s, "description"));
    int holiday = sd || json_object_get(s, "x-holiday");
    int closed = truthy(json_object_get(s, "closed"));
    int open = -1, close = -1;
    if (opens && *opens && imp_parse_time(opens, &open) != 0) {
        imp_drop(h->r, rn, "schedule: opens_at \"%.40s\" is not a time", opens);
        return;
    }
    if (closes && *closes && imp_parse_time(closes, &close) != 0) {
        imp_drop(h->r, rn, "schedule: closes_at \"%.40s\" is not a time", closes);
        return;
    }
    if (open == 1440) open = 0;
    long long d0, d1;
    if (holiday || (from && to && imp_parse_date(from, &d0) == 0 && imp_parse_date(to, &d1) == 0 &&
                    d1 - d0 < IMP_MAX_EXCEPTION_DAYS)) {
        const char *a = holiday ? sd : from, *z = holiday ? (ed ? ed : sd) : to;
        if (imp_parse_date(a, &d0) != 0 || imp_parse_date(z, &d1) != 0 || d1 < d0) {
            imp_drop(h->r, rn, "schedule: the dates \"%.20s\"..\"%.20s\" cannot be read", a ? a : "", z ? z : "");
            return;
        }
        if (d1 - d0 >= IMP_MAX_EXCEPTION_DAYS) {
            imp_drop(h->r, rn, "schedule: an exception of %lld days (at most %d are expanded)", d1 - d0 + 1, IMP_MAX_EXCEPTION_DAYS);
            return;
        }
        if (!closed && (open < 0 || close < 0)) closed = 1;   /* an exception period without hours: closed */
        for (long long d = d0; d <= d1; d++) {
            if (byday && !has_day(byday, tz_weekday_of_days(d))) continue;
            char date[11];
            imp_format_date(d, date);
            add_exception(rec, date, closed, open, close);
        }
        return;
    }
    if (freq && *freq && strcasecmp(freq, "WEEKLY") != 0 && strcasecmp(freq, "DAILY") != 0) {
        imp_drop(h->r, rn, "schedule: freq \"%.20s\" is not weekly hours", freq);
        return;
    }
    if (open < 0 || close < 0) {
        if (desc && *desc && !*note_set) {
            json_t *t = text1(h, desc, LIMIT_TEXT);
            if (t) { json_object_set_new(rec, "hours_note", t); *note_set = 1; }
            return;
        }
        imp_drop(h->r, rn, "schedule: no opens_at and closes_at");
        return;
    }
    int days = 0;
    for (int d = 0; d < 7; d++) {
        int on;
        if (weekday && *weekday) on = imp_weekday(weekday) == d;
        else if (freq && !strcasecmp(freq, "DAILY")) on = 1;
        else on = byday && *byday && has_day(byday, d);
        if (!on) continue;
        days++;
        json_t *hours = json_object_get(rec, "opening_hours");
        if (!hours) { hours = json_array(); json_object_set_new(rec, "opening_hours", hours); }
        if (imp_add_range(hours, d, open, close) != 0) imp_drop(h->r, rn, "schedule: opens and closes at the same time");
    }
    if (!days) {
        if (weekday && *weekday) imp_drop(h->r, rn, "schedule: weekday \"%.20s\" is not a weekday", weekday);
        else if (byday && *byday) imp_drop(h->r, rn, "schedule: byday \"%.40s\" names no weekday", byday);
        else imp_drop(h->r, rn, "schedule: no weekday (byday)");
    }
    if (desc && *desc && !*note_set) {
        json_t *t = text1(h, desc, LIMIT_TEXT);
        if (t) { json_object_set_new(rec, "hours_note", t); *note_set = 1; }
    }
}

static void schedules(hsds *h, json_t *rec, const char *rn, const json_t *list, int *note_set)
{
    json_t *s;
    size_t i;
    json_array_foreach(list, i, s) if (json_is_object(s)) schedule(h, rec, rn, s, note_set);
}

static void orgs(hsds *h)
{
    json_t *idv;
    size_t i;
    json_array_foreach(h->org_order, i, idv) {
        const char *sid = json_string_value(idv);
        json_t *o = json_object_get(h->orgs, sid);
        char id[65], rn[200], b[32];
        const char *name = sget(o, "name", b, sizeof b);
        h->r->records++;
        imp_id(id, "hsds-", sid);
        imp_recname(rn, sizeof rn, "organization", id, name);
        json_t *rec = json_pack("{s:s,s:s}", "id", id, "kind", "other");
        set_text(rec, "name", text1(h, name, LIMIT_NAME));
        set_str(rec, "url", json_string_value(json_object_get(o, "website")) ? json_string_value(json_object_get(o, "website"))
                                                                           : json_string_value(json_object_get(o, "url")), 500);
        set_str(rec, "email", json_string_value(json_object_get(o, "email")), 254);
        set_phone(rec, json_object_get(o, "phones"));
        imp_keep(h->r, h->o, "organizations", rec, rn);
    }
}

static const json_t *address_of(const json_t *loc)
{
    json_t *a;
    size_t i;
    const json_t *first = NULL;
    json_array_foreach(json_object_get(loc, "addresses"), i, a) {
        const char *t = json_string_value(json_object_get(a, "address_type"));
        if (t && !strcasecmp(t, "physical")) return a;
        if (!first && !(t && (!strcasecmp(t, "postal") || !strcasecmp(t, "virtual")))) first = a;
    }
    if (first) return first;
    if (json_is_object(json_object_get(loc, "physical_address"))) return json_object_get(loc, "physical_address");
    return json_object_get(loc, "address_1") ? loc : NULL;
}

static int num(const json_t *v, double *out)
{
    if (json_is_number(v)) { *out = json_number_value(v); return 0; }
    const char *s = json_string_value(v);
    char *end;
    if (!s || !*s) return -1;
    *out = strtod(s, &end);
    return *end ? -1 : 0;
}

static void locs(hsds *h)
{
    json_t *idv;
    size_t i;
    json_array_foreach(h->loc_order, i, idv) {
        const char *sid = json_string_value(idv);
        json_t *l = json_object_get(h->locs, sid);
        char id[65], rn[200], b[32], street[600];
        const json_t *a = address_of(l);
        const char *name = sget(l, "name", b, sizeof b);
        h->r->records++;
        imp_id(id, "hsds-", sid);
        const char *a1 = a ? json_string_value(json_object_get(a, "address_1")) : NULL;
        const char *a2 = a ? json_string_value(json_object_get(a, "address_2")) : NULL;
        snprintf(street, sizeof street, "%s%s%s", a1 ? a1 : "", a1 && a2 && *a2 ? ", " : "", a1 && a2 ? a2 : "");
        if (!name || !*name) name = a1;
        imp_recname(rn, sizeof rn, "location", id, name);
        json_t *rec = json_pack("{s:s}", "id", id);
        set_text(rec, "name", text1(h, name, LIMIT_NAME));
        set_text(rec, "street", text1(h, street, LIMIT_TEXT));
        char pcb[32];
        const char *pc = a ? sget(a, "postal_code", pcb, sizeof pcb) : NULL;
        set_str(rec, "postal_code", pc, 32);
        set_text(rec, "city", text1(h, a ? json_string_value(json_object_get(a, "city")) : NULL, LIMIT_TEXT));
        double lat, lon;
        if (num(json_object_get(l, "latitude"), &lat) == 0 && num(json_object_get(l, "longitude"), &lon) == 0) {
            json_object_set_new(rec, "lat", json_real(lat));
            json_object_set_new(rec, "lon", json_real(lon));
        }
        json_t *acc = json_object_get(l, "accessibility"), *x;
        size_t k;
        if (json_is_array(acc))
            json_array_foreach(acc, k, x) {
                const char *d = json_string_value(json_object_get(x, "description"));
                if (d && *d) { set_text(rec, "accessibility", text1(h, d, LIMIT_TEXT)); break; }
            }
        if (!json_object_get(rec, "name") || !json_object_get(rec, "street") || !json_object_get(rec, "postal_code") ||
            !json_object_get(rec, "city")) {
            imp_skip(h->r, rn, "no physical address with street, postal code and city");
            json_decref(rec);
            continue;
        }
        imp_keep(h->r, h->o, "locations", rec, rn);
    }
}

static void languages(hsds *h, json_t *rec, const char *rn, const json_t *list)
{
    json_t *x, *out = json_array();
    size_t i;
    json_array_foreach(list, i, x) {
        char b[16];
        const char *s = json_string_value(x);
        static const char *const keys[] = { "code", "language", "name", NULL };
        for (int k = 0; json_is_object(x) && keys[k] && !s; k++) s = json_string_value(json_object_get(x, keys[k]));
        if (!s || !*s) continue;
        /* 1.x/2.x write several in one cell: "English, Spanish" */
        char cell[256];
        snprintf(cell, sizeof cell, "%s", s);
        for (char *save = NULL, *t = strtok_r(cell, ",;/", &save); t; t = strtok_r(NULL, ",;/", &save)) {
            const char *l = imp_lang(t, b);
            if (!l) { imp_drop(h->r, rn, "language \"%.40s\" is not known", t); continue; }
            int dup = 0;
            json_t *y;
            size_t j;
            json_array_foreach(out, j, y) dup |= strcmp(json_string_value(y), l) == 0;
            if (!dup) json_array_append_new(out, json_string(l));
        }
    }
    if (json_array_size(out) == 0) json_array_append_new(out, json_string(h->o->lang));
    json_object_set_new(rec, "languages", out);
}

/* The source id of the service's first location, and its service_at_location. */
static const char *location_of(const json_t *svc, const json_t **sal_out, char *b, size_t blen)
{
    json_t *sal;
    size_t i;
    *sal_out = NULL;
    json_array_foreach(json_object_get(svc, "service_at_locations"), i, sal) {
        const json_t *l = json_object_get(sal, "location");
        const char *lid = json_is_object(l) ? sget(l, "id", b, blen) : sget(sal, "location_id", b, blen);
        if (lid) { *sal_out = sal; return lid; }
    }
    return sget(svc, "location_id", b, blen);
}

static void services(hsds *h)
{
    json_t *s;
    size_t i;
    json_array_foreach(h->services, i, s) {
        char sid_b[32], id[65], rn[200], b[32], ref[65];
        const char *sid = sget(s, "id", sid_b, sizeof sid_b), *name = sget(s, "name", b, sizeof b);
        h->r->records++;
        if (!sid) { imp_recname(rn, sizeof rn, "service", "?", name); imp_skip(h->r, rn, "no id"); continue; }
        imp_id(id, "hsds-", sid);
        imp_recname(rn, sizeof rn, "service", id, name);
        const char *st = json_string_value(json_object_get(s, "status"));
        if (st && (!strcasecmp(st, "inactive") || !strcasecmp(st, "defunct"))) {
            imp_skip(h->r, rn, "status is \"%.20s\"", st);
            continue;
        }
        json_t *orgobj = json_object_get(s, "organization");
        char ob[32];
        const char *oid = sget(s, "organization_id", ob, sizeof ob);
        if (!oid && json_is_object(orgobj)) oid = sget(orgobj, "id", ob, sizeof ob);
        if (!oid) { imp_skip(h->r, rn, "no organization_id"); continue; }
        imp_id(ref, "hsds-", oid);
        if (!imp_kept(h->r, "organizations", ref)) {
            imp_skip(h->r, rn, "organization \"%.64s\" is not in the input (or was skipped)", oid);
            continue;
        }
        json_t *rec = json_pack("{s:s,s:s,s:[s],s:[s]}", "id", id, "organization", ref, "categories",
                                h->o->category ? h->o->category : "imported", "audiences", "family");
        set_text(rec, "name", text1(h, name, LIMIT_NAME));
        const char *desc = json_string_value(json_object_get(s, "description"));
        const char *sum = json_string_value(json_object_get(s, "x-summary"));
        char *first = imp_first_line(sum ? sum : desc && *desc ? desc : name, LIMIT_SUMMARY);
        set_text(rec, "summary", text1(h, first, LIMIT_SUMMARY));
        free(first);
        if (desc && strlen(desc) > 0) set_text(rec, "description", text1(h, desc, LIMIT_DESCRIPTION));
        languages(h, rec, rn, json_object_get(s, "languages"));
        const char *fees = json_string_value(json_object_get(s, "fees_description"));
        if (!fees) fees = json_string_value(json_object_get(s, "fees"));
        static const char *const no_fee[] = { "free", "none", "no fee", "no fees", "0", "maksuton", "ilmainen",
                                              "avgiftsfri", "gratis", NULL };
        int k0 = 0;
        while (fees && no_fee[k0] && strcasecmp(fees, no_fee[k0])) k0++;
        if (fees && no_fee[k0]) fees = NULL;   /* "Free" written as the fee */
        int charged = fees && *fees;
        json_t *co, *x;
        size_t k;
        json_array_foreach(json_object_get(s, "cost_options"), k, co) {
            double amount;
            if (num(json_object_get(co, "amount"), &amount) == 0 && amount > 0) charged = 1;
        }
        json_object_set_new(rec, "free", json_boolean(!charged));
        if (fees && *fees) set_text(rec, "cost", text1(h, fees, LIMIT_TEXT));
        set_str(rec, "url", json_string_value(json_object_get(s, "url")), 500);
        set_str(rec, "email", json_string_value(json_object_get(s, "email")), 254);
        set_phone(rec, json_object_get(s, "phones"));
        const json_t *sal;
        char lsb[32], loc[65];
        const char *lsrc = location_of(s, &sal, lsb, sizeof lsb);
        int note = 0;
        if (lsrc && imp_id(loc, "hsds-", lsrc) == 0) {
            if (imp_kept(h->r, "locations", loc)) json_object_set_new(rec, "location", json_string(loc));
            else imp_drop(h->r, rn, "location \"%.64s\" is not in the input (or was skipped)", lsrc);
        }
        schedules(h, rec, rn, json_object_get(s, "schedules"), &note);
        json_array_foreach(json_object_get(s, "regular_schedules"), k, x) schedule(h, rec, rn, x, &note);
        json_array_foreach(json_object_get(s, "holiday_schedules"), k, x) schedule(h, rec, rn, x, &note);
        if (sal) schedules(h, rec, rn, json_object_get(sal, "schedules"), &note);
        /* no hours of its own: the location's */
        if (!json_object_get(rec, "opening_hours") && !json_object_get(rec, "hours_exceptions") && sal) {
            char lb[32];
            const json_t *l = json_object_get(sal, "location");
            const char *lid = json_is_object(l) ? sget(l, "id", lb, sizeof lb) : sget(sal, "location_id", lb, sizeof lb);
            json_t *lo = lid ? json_object_get(h->locs, lid) : NULL;
            if (lo) schedules(h, rec, rn, json_object_get(lo, "schedules"), &note);
        }
        if (json_array_size(json_object_get(rec, "opening_hours")) > 100 || json_array_size(json_object_get(rec, "hours_exceptions")) > 100) {
            imp_drop(h->r, rn, "more than 100 opening-hours ranges or exceptions: the rest");
            while (json_array_size(json_object_get(rec, "opening_hours")) > 100) json_array_remove(json_object_get(rec, "opening_hours"), 100);
            while (json_array_size(json_object_get(rec, "hours_exceptions")) > 100) json_array_remove(json_object_get(rec, "hours_exceptions"), 100);
        }
        imp_keep(h->r, h->o, "services", rec, rn);
    }
}

int imp_hsds_doc(const json_t *doc, const imp_opts *o, imp_result *r, char *err, size_t errlen)
{
    hsds h = { o, r, json_object(), json_object(), json_array(), json_array(), json_array() };
    if (!h.orgs || !h.locs || !h.org_order || !h.loc_order || !h.services) {
        json_decref(h.orgs); json_decref(h.locs); json_decref(h.org_order); json_decref(h.loc_order); json_decref(h.services);
        return mj_err(err, errlen, MJ_ENOMEM, "out of memory");
    }
    walk(&h, doc, 0);
    int rc = MJ_OK;
    if (json_array_size(h.services) == 0 && json_array_size(h.org_order) == 0 && json_array_size(h.loc_order) == 0)
        rc = mj_err(err, errlen, MJ_EINVAL, "no HSDS organizations, locations or services found");
    else {
        orgs(&h);
        locs(&h);
        services(&h);
    }
    json_decref(h.orgs); json_decref(h.locs); json_decref(h.org_order); json_decref(h.loc_order); json_decref(h.services);
    return rc;
}

int imp_hsds_json(const char *text, size_t len, const imp_opts *o, imp_result *r, char *err, size_t errlen)
{
    json_error_t je;
    if (len > IMP_MAX_BYTES) return mj_err(err, errlen, MJ_EINVAL, "more than %u bytes", IMP_MAX_BYTES);
    json_t *doc = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
    if (!doc) return mj_err(err, errlen, MJ_EINVAL, "not JSON: %s (line %d)", je.text, je.line);
    int rc = imp_hsds_doc(doc, o, r, err, errlen);
    json_decref(doc);
    return rc;
}
