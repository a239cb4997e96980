#define _GNU_SOURCE
/* test_hub_import.c - the directory importers (issue 12): HSDS 3.0 JSON, the HSDS CSV
 * datapackage, PTV, Linked Events (fixtures in tests/data/imports, written from the public
 * format descriptions: SOURCES.md there), their value conversions, the per-record report, and
 * the import into a site's draft: validator-clean, idempotent (the same data twice stores
 * nothing), the coordinator's choices kept, removed records removed unless still used. */
#include "bundle.h"
#include "content.h"
#include "hub_diff.h"
#include "hub_draft.h"
#include "hub_import.h"
#include "hub_import_web.h"
#include "hub_store.h"
#include "hub_test_db.h"
#include "imp.h"
#include "imp_hsds.h"
#include "imp_le.h"
#include "imp_ptv.h"
#include "model.h"
#include "util.h"
#include "test.h"
#include <stdlib.h>

#define DATA MAJAKKA_TEST_DATA "/imports/"

static hub_store *hs;
static char dbpath[400];

static char *slurp(const char *name, size_t *len)
{
    char *t, err[MJ_ERRLEN];
    char path[512];
    snprintf(path, sizeof path, DATA "%s", name);
    if (mj_read_file(path, 1u << 24, &t, len, err, sizeof err)) { fprintf(stderr, "%s\n", err); return NULL; }
    return t;
}

static json_t *item(const json_t *list, const char *id)
{
    json_t *x;
    size_t i;
    json_array_foreach(list, i, x) if (!strcmp(json_string_value(json_object_get(x, "id")), id)) return x;
    return NULL;
}

static int report_has(const json_t *report, const char *needle)
{
    json_t *x;
    size_t i;
    json_array_foreach(report, i, x) if (strstr(json_string_value(x), needle)) return 1;
    fprintf(stderr, "report lacks \"%s\"\n", needle);
    return 0;
}

static const char *hours_s(const json_t *rec, size_t i)
{
    static char b[64];
    json_t *r = json_array_get(json_object_get(rec, "opening_hours"), i);
    snprintf(b, sizeof b, "%s %s-%s", json_string_value(json_object_get(r, "day")), json_string_value(json_object_get(r, "open")),
             json_string_value(json_object_get(r, "close")));
    return b;
}

/* Every kept record passes the kiosks' validator together (the importer's promise). */
static void check_valid(const imp_result *r)
{
    char err[MJ_ERRLEN] = "";
    json_t *c = hub_draft_skeleton("t");
    json_array_append_new(json_object_get(c, "categories"), json_pack("{s:s,s:{s:s}}", "id", "health", "name", "fi", "Terveys"));
    json_array_extend(json_object_get(c, "organizations"), r->organizations);
    json_array_extend(json_object_get(c, "locations"), r->locations);
    json_array_extend(json_object_get(c, "services"), r->services);
    json_array_extend(json_object_get(c, "events"), r->events);
    CHECK_INT(bundle_check_content(c, err, sizeof err), MJ_OK);
    if (err[0]) fprintf(stderr, "%s\n", err);
    json_decref(c);
}

static const imp_opts OPTS = { "fi", "health" };

static void test_values(void)
{
    int m = -1;
    static const struct { const char *s; int min; } times[] = {
        { "9:00", 540 }, { "09:00:00", 540 }, { "9am", 540 }, { "9:00 AM", 540 }, { "12:30 p.m.", 750 }, { "12am", 0 },
        { "12:00pm", 720 }, { "1700", 1020 }, { "24:00", 1440 }, { "8.30", 510 }, { "17:00:00.000", 1020 } };
    for (size_t i = 0; i < sizeof times / sizeof times[0]; i++) {
        m = -1;
        CHECK_INT(imp_parse_time(times[i].s, &m), 0);
        CHECK_INT(m, times[i].min);
    }
    static const char *const bad[] = { "", "25:00", "9:60", "13pm", "noon", "9:00 xm", "99999", "24:01", NULL };
    for (int i = 0; bad[i]; i++) CHECK_INT(imp_parse_time(bad[i], &m), -1);
    CHECK_INT(imp_weekday("Monday"), 0);
    CHECK_INT(imp_weekday("SU"), 6);
    CHECK_INT(imp_weekday("torstai"), 3);
    CHECK_INT(imp_weekday("Lördag"), 5);
    CHECK_INT(imp_weekday("7"), 6);
    CHECK_INT(imp_weekday("Funday"), -1);
    char b[16], out[20], id[65];
    CHECK_STR(imp_lang("fi-FI", b), "fi");
    CHECK_STR(imp_lang("Swedish", b), "sv");
    CHECK(imp_lang("Klingon", b) == NULL);
    /* instants to Helsinki time, across the change to winter time */
    CHECK_INT(imp_local_time("2026-12-08T08:00:00Z", out), 0);
    CHECK_STR(out, "2026-12-08T10:00:00");
    CHECK_INT(imp_local_time("2026-07-08T08:00:00.000000+00:00", out), 0);
    CHECK_STR(out, "2026-07-08T11:00:00");
    CHECK_INT(imp_local_time("2026-10-25T00:30:00Z", out), 0);
    CHECK_STR(out, "2026-10-25T03:30:00");
    CHECK_INT(imp_local_time("2026-12-08T10:00", out), 0);
    CHECK_STR(out, "2026-12-08T10:00:00");
    CHECK_INT(imp_local_time("2026-02-30T10:00:00Z", out), -1);
    CHECK_INT(imp_local_time("tomorrow", out), -1);
    CHECK_INT(imp_id(id, "le-", "helsinki:AGF3"), 0);
    CHECK_STR(id, "le-helsinki-agf3");
    char longid[200];
    memset(longid, 'a', 150);
    longid[150] = 0;
    CHECK_INT(imp_id(id, "ptv-", longid), 0);
    CHECK_INT(strlen(id), 64);
    CHECK_INT(model_id_valid(id), 1);
    char *t = imp_html_text("<p>Tervetuloa <b>kerhoon</b> &amp; kahville!</p><p>Ei&nbsp;ilmoittautumista.</p>");
    CHECK_STR(t, "Tervetuloa kerhoon & kahville!\nEi ilmoittautumista.");
    free(t);
}

static void test_csv(void)
{
    char err[MJ_ERRLEN];
    json_t *rows;
    const char *csv = "\xef\xbb\xbf" "ID, Name ,note\r\n1,\"a, \"\"b\"\"\",\"two\nlines\"\r\n\r\n2,,x,extra\n";
    CHECK_INT(imp_csv_parse(csv, strlen(csv), &rows, err, sizeof err), MJ_OK);
    CHECK_INT(json_array_size(rows), 2);
    CHECK_STR(json_string_value(json_object_get(json_array_get(rows, 0), "name")), "a, \"b\"");
    CHECK_STR(json_string_value(json_object_get(json_array_get(rows, 0), "note")), "two\nlines");
    CHECK(json_object_get(json_array_get(rows, 1), "name") == NULL);   /* empty cells left out */
    json_decref(rows);
    CHECK_INT(imp_csv_parse("id\n\"open", 9, &rows, err, sizeof err), MJ_EINVAL);
    CHECK(strstr(err, "not closed") != NULL);
    CHECK_INT(imp_csv_parse("id\n\xff", 4, &rows, err, sizeof err), MJ_EINVAL);
}

static void test_hsds_json(void)
{
    char err[MJ_ERRLEN];
    size_t len;
    char *text = slurp("hsds3.json", &len);
    imp_result r;
    imp_result_init(&r);
    CHECK_INT(imp_hsds_json(text, len, &OPTS, &r, err, sizeof err), MJ_OK);
    CHECK_INT(json_array_size(r.organizations), 1);
    CHECK_INT(json_array_size(r.locations), 1);
    CHECK_INT(json_array_size(r.services), 3);
    CHECK_INT(r.skipped, 3);
    json_t *s1 = item(r.services, "hsds-svc-1"), *s2 = item(r.services, "hsds-svc-2");
    CHECK_STR(json_string_value(json_object_get(s1, "location")), "hsds-loc-1");
    CHECK_INT(json_array_size(json_object_get(s1, "opening_hours")), 6);
    CHECK_STR(hours_s(s1, 5), "Sat 09:00-12:30");   /* "9:00am" .. "12:30 pm" */
    CHECK_INT(json_array_size(json_object_get(s1, "hours_exceptions")), 4);   /* 24.-26.12 closed, 31.12 short */
    CHECK(json_object_get(s1, "email") == NULL);
    CHECK_STR(json_string_value(json_object_get(s1, "phone")), "+358 9 123 4567");
    CHECK_STR(json_string_value(json_object_get(json_object_get(item(r.locations, "hsds-loc-1"), "street"), "fi")),
              "Majakkatie 1, 2. krs");   /* the physical address, not the postal one */
    CHECK_STR(hours_s(s2, 0), "Mon 13:00-17:00");   /* weekdays as words, "1:00pm" */
    CHECK_STR(hours_s(s2, 1), "Wed 13:00-17:00");
    CHECK(json_is_false(json_object_get(s2, "free")));
    CHECK(report_has(r.report, "service \"hsds-svc-1\" (Perhekeskus Majakka – neuvola): email: \"not-an-email\""));
    CHECK(report_has(r.report, "language \"Klingon\" is not known (left out)"));
    CHECK(report_has(r.report, "freq \"MONTHLY\" is not weekly hours"));
    CHECK(report_has(r.report, "opening_hours Mon 14:00-18:00: overlaps"));
    CHECK(report_has(r.report, "opens_at \"25:00\" is not a time"));
    CHECK(report_has(r.report, "\"hsds-svc-3\" (Orphan service): organization \"org-missing\" is not in the input"));
    CHECK(report_has(r.report, "status is \"inactive\" (skipped)"));
    CHECK(report_has(r.report, "location \"hsds-loc-2\" (Somewhere): postal_code: \"62704-1234\" is not 5 digits (skipped)"));
    check_valid(&r);
    imp_result_free(&r);
    /* not JSON, or JSON without any HSDS record: refused whole */
    imp_result_init(&r);
    CHECK_INT(imp_hsds_json("{\"a\":", 5, &OPTS, &r, err, sizeof err), MJ_EINVAL);
    CHECK(strstr(err, "not JSON") != NULL);
    CHECK_INT(imp_hsds_json("[1,2]", 5, &OPTS, &r, err, sizeof err), MJ_EINVAL);
    imp_result_free(&r);
    free(text);
}

static const char *const TABLES[] = { "organizations", "services", "locations", "physical_addresses", "service_at_location",
                                      "phones", "languages", "regular_schedule", "holiday_schedule" };

static void test_hsds_csv(void)
{
    char err[MJ_ERRLEN], name[64];
    imp_csv_file f[9];
    char *bufs[9];
    for (int i = 0; i < 9; i++) {
        snprintf(name, sizeof name, "hsds-csv/%s.csv", TABLES[i]);
        bufs[i] = slurp(name, &f[i].len);
        f[i].table = TABLES[i];
        f[i].text = bufs[i];
    }
    imp_result r;
    imp_result_init(&r);
    CHECK_INT(imp_hsds_csv(f, 9, &OPTS, &r, err, sizeof err), MJ_OK);
    CHECK_INT(json_array_size(r.organizations), 2);
    CHECK_INT(json_array_size(r.services), 2);
    json_t *s1 = item(r.services, "hsds-svc-1"), *s2 = item(r.services, "hsds-svc-2");
    CHECK_STR(hours_s(s1, 0), "Mon 08:00-16:00");    /* weekday "Monday", "8:00am".."4:00pm" */
    CHECK_STR(hours_s(s1, 2), "Thu 12:00-19:30");
    CHECK_STR(json_string_value(json_object_get(json_object_get(s1, "description"), "fi")), "Lastenneuvola.\nAjanvaraus \"puhelimitse\".");
    CHECK_INT(json_array_size(json_object_get(s1, "hours_exceptions")), 4);
    CHECK_STR(hours_s(s2, 0), "Wed 09:30-11:00");    /* by service_at_location_id; the location's own Friday not used */
    CHECK_INT(json_array_size(json_object_get(s2, "opening_hours")), 1);
    CHECK(json_is_true(json_object_get(s2, "free")));  /* fees "Free" */
    CHECK_STR(json_string_value(json_object_get(item(r.organizations, "hsds-org-1"), "phone")), "09 100 200");
    CHECK(report_has(r.report, "weekday \"Someday\" is not a weekday"));
    CHECK(report_has(r.report, "an exception of 92 days"));
    CHECK(report_has(r.report, "organization \"org-9\" is not in the input"));
    check_valid(&r);
    imp_result_free(&r);
    for (int i = 0; i < 9; i++) free(bufs[i]);
}

static void test_ptv(void)
{
    char err[MJ_ERRLEN];
    size_t l1, l2;
    char *a = slurp("ptv-services.json", &l1), *b = slurp("ptv-channels.json", &l2);
    json_t *doc = json_pack("[o,o]", json_loadb(a, l1, 0, NULL), json_loadb(b, l2, 0, NULL));
    imp_result r;
    imp_result_init(&r);
    CHECK_INT(imp_ptv_doc(doc, &OPTS, &r, err, sizeof err), MJ_OK);
    CHECK_INT(json_array_size(r.services), 2);
    CHECK_INT(r.skipped, 2);
    json_t *s = item(r.services, "ptv-3f1c6a0e-7a7b-4c53-9d7e-0a1b2c3d4e5f");
    json_t *nm = json_object_get(s, "name");
    CHECK_STR(json_string_value(json_object_get(nm, "fi")), "Lastenneuvola");
    CHECK_STR(json_string_value(json_object_get(nm, "sv")), "Barnrådgivning");
    CHECK_STR(json_string_value(json_object_get(nm, "en")), "Child health clinic");
    CHECK_STR(json_string_value(json_object_get(s, "organization")), "ptv-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee");   /* Responsible */
    CHECK_STR(json_string_value(json_object_get(json_object_get(s, "description"), "fi")),
              "Neuvolassa seurataan lapsen kasvua.\nKäynnit ovat maksuttomia.");
    CHECK(json_is_true(json_object_get(s, "free")));
    CHECK_INT(json_array_size(json_object_get(s, "opening_hours")), 4);
    CHECK_STR(hours_s(s, 2), "Thu 08:00-11:00");   /* isExtra: a second range that day */
    json_t *exc = json_object_get(s, "hours_exceptions");
    CHECK_INT(json_array_size(exc), 4);
    CHECK_STR(json_string_value(json_object_get(json_object_get(json_array_get(exc, 0), "note"), "sv")), "Jul");
    CHECK_STR(json_string_value(json_object_get(json_array_get(exc, 3), "open")), "08:00");
    CHECK_STR(json_string_value(json_object_get(s, "phone")), "+358 91234567");
    json_t *loc = item(r.locations, "ptv-c0ffee00-0000-4000-8000-000000000001");
    CHECK_STR(json_string_value(json_object_get(json_object_get(loc, "street"), "sv")), "Fyrvägen 1");
    CHECK(json_object_get(loc, "lat") == NULL);
    CHECK(report_has(r.report, "ETRS-TM35FIN is not converted"));
    CHECK(report_has(r.report, "service hours for a period (2027-06-01..2027-08-31)"));
    CHECK(report_has(r.report, "publishingStatus is \"Deleted\""));
    CHECK(report_has(r.report, "(Ilman organisaatiota): no organization"));
    json_t *s2 = item(r.services, "ptv-3f1c6a0e-7a7b-4c53-9d7e-0a1b2c3d4e62");
    CHECK_STR(hours_s(s2, 0), "Fri 20:00-02:00");   /* over midnight, dayTo the next day */
    CHECK(json_is_false(json_object_get(s2, "free")));
    check_valid(&r);
    imp_result_free(&r);
    json_decref(doc);
    free(a);
    free(b);
}

static void test_linkedevents(void)
{
    char err[MJ_ERRLEN];
    size_t len;
    char *text = slurp("linkedevents.json", &len);
    imp_result r;
    imp_result_init(&r);
    CHECK_INT(imp_le_json(text, len, &OPTS, &r, err, sizeof err), MJ_OK);
    CHECK_INT(json_array_size(r.events), 3);
    json_t *e = item(r.events, "le-tuulikyla-agf1");
    CHECK_STR(json_string_value(json_object_get(e, "start")), "2026-12-08T10:00:00");
    CHECK_STR(json_string_value(json_object_get(e, "end")), "2026-12-08T12:00:00");
    CHECK_STR(json_string_value(json_object_get(json_object_get(e, "title"), "sv")), "Babyklubb");
    CHECK(json_object_get(json_object_get(e, "title"), "en") == NULL);   /* null texts left out */
    CHECK_STR(json_string_value(json_object_get(json_object_get(e, "description"), "fi")),
              "Tervetuloa vauvakerhoon & kahville!\nEi ilmoittautumista.");
    CHECK_STR(json_string_value(json_object_get(json_object_get(e, "place"), "fi")), "Perhekeskus Majakka, Majakkatie 1");
    CHECK_STR(json_string_value(json_object_get(e, "url")), "https://tuulikyla.example.fi/vauvakerho");
    json_t *a = item(r.events, "le-tuulikyla-series1-a");
    CHECK(json_is_false(json_object_get(a, "free")));
    CHECK_STR(json_string_value(json_object_get(json_object_get(a, "cost"), "fi")), "5 €");
    json_t *b = item(r.events, "le-tuulikyla-series1-b");
    CHECK_STR(json_string_value(json_object_get(b, "end")), "2026-12-09T00:00:00");   /* no end: the end of its day */
    CHECK(item(r.events, "le-tuulikyla-series1") == NULL);
    CHECK(report_has(r.report, "cancelled (event_status EventCancelled) (skipped)"));
    CHECK(report_has(r.report, "postponed"));
    CHECK(report_has(r.report, "a series (recurring): its 2 sub-events"));
    CHECK(report_has(r.report, "\"le-tuulikyla-expo\" (Näyttely): end: is more than 7 days after start (skipped)"));
    check_valid(&r);
    imp_result_free(&r);
    free(text);
}

static json_t *draft_content(const char *site, long long *rev)
{
    hub_draft d;
    char err[MJ_ERRLEN];
    CHECK_INT(hub_draft_load(hs, site, &d, err, sizeof err), MJ_OK);
    if (rev) *rev = d.rev;
    json_t *c = json_incref(d.content);
    hub_draft_free(&d);
    return c;
}

typedef struct edit_ctx { int n; } edit_ctx;
/* The coordinator's edits: a category of their own on an imported service, and an event of
 * theirs that names an imported location. */
static int coordinator_edit(json_t *content, void *ctx, char *err, size_t errlen)
{
    (void)ctx;
    json_array_append_new(json_object_get(content, "categories"), json_pack("{s:s,s:{s:s}}", "id", "family", "name", "fi", "Perhe"));
    long i = hub_draft_find(content, "services", "hsds-svc-1");
    if (i < 0) return mj_err(err, errlen, MJ_EINVAL, "no hsds-svc-1");
    json_object_set_new(hub_draft_edit_item(content, "services", (size_t)i), "categories", json_pack("[s]", "family"));
    json_array_append_new(json_object_get(content, "events"),
                          json_pack("{s:s,s:{s:s},s:s,s:s,s:s,s:[s],s:b,s:b}", "id", "oma", "title", "fi", "Oma", "location", "hsds-loc-1",
                                    "start", "2026-12-10T10:00", "end", "2026-12-10T11:00", "audiences", "family", "free", 1,
                                    "registration", 0));
    return MJ_OK;
}

static void test_into_draft(void)
{
    char err[MJ_ERRLEN] = "", line[400];
    size_t len;
    char *text = slurp("hsds3.json", &len);
    hub_import_in in = { HUB_IMPORT_HSDS, text, len, NULL, NULL, 0 };
    hub_import_summary sum;
    long long rev0, rev1, rev2;
    json_t *before = draft_content("koti", &rev0);
    CHECK_INT(hub_import_run(hs, "koti", "anna", &in, NULL, &sum, err, sizeof err), MJ_OK);
    CHECK_INT(sum.stored, 1);
    CHECK_INT(sum.added, 5);    /* 1 organization, 1 location, 3 services (+ the new category) */
    CHECK_INT(sum.skipped, 3);
    hub_import_summary_line(HUB_IMPORT_HSDS, &sum, line, sizeof line);
    CHECK_STR(line, "hsds: 8 records, 3 skipped, 8 values left out; draft: 5 added, 0 changed, 0 removed, 0 unchanged");
    hub_import_summary_free(&sum);
    json_t *after = draft_content("koti", &rev1);
    CHECK_INT(rev1, rev0 + 1);
    /* a site with no categories got one for the services */
    CHECK_STR(json_string_value(json_object_get(json_array_get(json_object_get(after, "categories"), 0), "id")), "services");
    /* nothing published: "what changes" lists the imported items */
    CHECK(hub_diff_count(before, after) >= 5);
    /* the same data again: nothing changes, no new revision */
    CHECK_INT(hub_import_run(hs, "koti", "anna", &in, NULL, &sum, err, sizeof err), MJ_OK);
    CHECK_INT(sum.stored, 0);
    CHECK_INT(sum.unchanged, 5);
    CHECK_INT(sum.added + sum.changed + sum.removed, 0);
    hub_import_summary_free(&sum);
    json_t *again = draft_content("koti", &rev2);
    CHECK_INT(rev2, rev1);
    CHECK(json_equal(after, again));
    json_decref(again);
    /* the coordinator's choices survive a re-import */
    CHECK_INT(hub_draft_save(hs, "koti", "anna", coordinator_edit, NULL, NULL, err, sizeof err), MJ_OK);
    CHECK_INT(hub_import_run(hs, "koti", "anna", &in, NULL, &sum, err, sizeof err), MJ_OK);
    CHECK_INT(sum.stored, 0);
    hub_import_summary_free(&sum);
    json_t *c = draft_content("koti", NULL);
    CHECK_STR(json_string_value(json_array_get(json_object_get(item(json_object_get(c, "services"), "hsds-svc-1"), "categories"), 0)),
              "family");
    json_decref(c);
    /* the directory shrinks: its services go; the location the coordinator's event uses stays */
    const char *small = "[{\"id\":\"svc-2\",\"organization\":{\"id\":\"org-1\",\"name\":\"Tuulikylän kaupunki\"},\"name\":\"Perhekahvila\"}]";
    hub_import_in in2 = { HUB_IMPORT_HSDS, small, strlen(small), NULL, NULL, 0 };
    CHECK_INT(hub_import_run(hs, "koti", "anna", &in2, NULL, &sum, err, sizeof err), MJ_OK);
    CHECK_INT(sum.stored, 1);
    CHECK_INT(sum.removed, 2);       /* svc-1, svc-5 */
    CHECK_INT(sum.kept_used, 1);     /* hsds-loc-1 */
    CHECK_INT(sum.changed, 2);       /* the organization (no website now), svc-2 */
    CHECK(report_has(sum.report, "locations \"hsds-loc-1\": no longer in the source, kept"));
    hub_import_summary_free(&sum);
    c = draft_content("koti", NULL);
    CHECK(item(json_object_get(c, "locations"), "hsds-loc-1") != NULL);
    CHECK(item(json_object_get(c, "services"), "hsds-svc-1") == NULL);
    json_decref(c);
    /* what the draft holds publishes: the kiosks' own check */
    long long v;
    char cv[65], cv2[65], etag[70], *data;
    CHECK_INT(hub_draft_publish(hs, "koti", "anna", &v, cv, err, sizeof err), MJ_OK);
    CHECK_INT(hub_bundle_get(hs, "koti", 0, NULL, &data, &len, etag, err, sizeof err), MJ_OK);
    CHECK_INT(content_check(data, len, cv2, err, sizeof err), MJ_OK);
    free(data);
    /* input that is not the format changes nothing */
    long long r3, r4;
    json_decref(draft_content("koti", &r3));
    hub_import_in bad = { HUB_IMPORT_LE, "{\"meta\":{},\"data\":[]}", 21, NULL, NULL, 0 };
    CHECK_INT(hub_import_run(hs, "koti", "anna", &bad, NULL, &sum, err, sizeof err), MJ_EINVAL);
    CHECK(strstr(err, "no Linked Events events") != NULL);
    hub_import_summary_free(&sum);
    CHECK_INT(hub_import_run(hs, "koti", "anna", &in, "no-such-category", &sum, err, sizeof err), MJ_EINVAL);
    hub_import_summary_free(&sum);
    json_decref(draft_content("koti", &r4));
    CHECK_INT(r4, r3);
    json_decref(before);
    json_decref(after);
    free(text);
}

static void test_events_into_draft(void)
{
    char err[MJ_ERRLEN] = "";
    size_t len;
    char *text = slurp("linkedevents.json", &len);
    hub_import_in in = { HUB_IMPORT_LE, text, len, NULL, NULL, 0 };
    hub_import_summary sum;
    CHECK_INT(hub_import_run(hs, "tapahtumat", "anna", &in, NULL, &sum, err, sizeof err), MJ_OK);
    CHECK_INT(sum.added, 3);
    hub_import_summary_free(&sum);
    CHECK_INT(hub_import_run(hs, "tapahtumat", "anna", &in, NULL, &sum, err, sizeof err), MJ_OK);
    CHECK_INT(sum.stored, 0);
    CHECK_INT(sum.unchanged, 3);
    hub_import_summary_free(&sum);
    free(text);
}

static void test_calendar_into_draft(void)
{
    char err[MJ_ERRLEN] = "";
    size_t len;
    char *text = slurp("calendar.ics", &len);
    hub_import_in in = { HUB_IMPORT_ICS, text, len, NULL, NULL, 0 };
    hub_import_summary sum;
    CHECK_INT(hub_import_run(hs, "kalenteri", "anna", &in, NULL, &sum, err, sizeof err), MJ_OK);
    CHECK_INT(sum.added, 2);       /* the series and the all-day event */
    CHECK_INT(sum.skipped, 2);     /* the instant, the bad rule */
    CHECK(report_has(sum.report, "VEVENT \"bad@tuulikyla.example.fi\": cannot be read"));
    CHECK(report_has(sum.report, "\"ics-instant-tuulikyla-example-fi\" (Muistutus): no end (an instant)"));
    hub_import_summary_free(&sum);
    json_t *c = draft_content("kalenteri", NULL);
    json_t *e = item(json_object_get(c, "events"), "ics-vauvakerho-tuulikyla-example-fi");
    CHECK_STR(json_string_value(json_object_get(json_object_get(e, "title"), "sv")), "Babyklubb");
    CHECK_STR(json_string_value(json_object_get(e, "rrule")), "FREQ=WEEKLY;COUNT=10;BYDAY=TU");   /* as libical writes it */
    json_decref(c);
    CHECK_INT(hub_import_run(hs, "kalenteri", "anna", &in, NULL, &sum, err, sizeof err), MJ_OK);
    CHECK_INT(sum.stored, 0);
    hub_import_summary_free(&sum);
    hub_import_in bad = { HUB_IMPORT_ICS, "hello", 5, NULL, NULL, 0 };
    CHECK_INT(hub_import_run(hs, "kalenteri", "anna", &bad, NULL, &sum, err, sizeof err), MJ_EINVAL);
    CHECK(strstr(err, "is not an iCalendar file") != NULL);
    hub_import_summary_free(&sum);
    free(text);
}

/* The request the import page takes a large body for (its multipart body: test_hub_form). */
static void test_web_path(void)
{
    CHECK_INT(hub_import_web_path("POST", "/edit/koti/import"), 1);
    CHECK_INT(hub_import_web_path("POST", "/edit/koti/services"), 0);
    CHECK_INT(hub_import_web_path("GET", "/edit/koti/import"), 0);
}

int main(void)
{
    char err[MJ_ERRLEN];
    if (hub_test_db(dbpath, sizeof dbpath, "test_hub_import")) return 1;
    if (hub_store_open(dbpath, &hs, err, sizeof err)) { fprintf(stderr, "%s\n", err); return 1; }
    RUN(test_values);
    RUN(test_csv);
    RUN(test_hsds_json);
    RUN(test_hsds_csv);
    RUN(test_ptv);
    RUN(test_linkedevents);
    RUN(test_into_draft);
    RUN(test_events_into_draft);
    RUN(test_calendar_into_draft);
    RUN(test_web_path);
    hub_store_close(hs);
    hub_test_db_drop(dbpath);
    return TEST_DONE();
}
