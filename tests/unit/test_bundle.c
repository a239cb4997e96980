/* test_bundle.c - parsing the mini fixture, the canonical hash, sealing, and how the calendar
 * file's VEVENTs become events. */
#include "bundle.h"
#include "util.h"
#include "test.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char tmpdir[256];

static void tpath(char *out, size_t n, const char *name) { snprintf(out, n, "%s/%s", tmpdir, name); }

static char *slurp(const char *path, size_t *len)
{
    char *data = NULL, err[MJ_ERRLEN];
    size_t n;
    if (mj_read_file(path, 64u << 20, &data, len ? len : &n, err, sizeof err)) return NULL;
    return data;
}

static void put(const char *name, const char *data)
{
    char p[512], err[MJ_ERRLEN];
    tpath(p, sizeof p, name);
    CHECK_INT(mj_write_file_atomic(p, data, strlen(data), 0644, err, sizeof err), 0);
}

static json_t *event(const bundle *b, const char *id)
{
    size_t i;
    json_t *e;
    json_array_foreach(json_object_get(b->content, "events"), i, e)
        if (strcmp(json_string_value(json_object_get(e, "id")), id) == 0) return e;
    return NULL;
}

static char *dumps(const json_t *j)
{
    return j ? json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
}

#define CHECK_JSON(j, expected) do { char *s_ = dumps(j); CHECK_STR(s_, expected); free(s_); } while (0)

static void test_fixture_parses(void)
{
    char err[MJ_ERRLEN] = "";
    bundle b;
    CHECK_INT(bundle_load(MAJAKKA_TEST_DATA "/bundles/mini.json", &b, err, sizeof err), 0);
    CHECK_STR(err, "");
    CHECK_STR(b.content_version, "2026-11-22.1");
    CHECK_STR(b.sha256, "44b45743be85b59f98191a2ea9847a3e75ad5862e236d8ed21c304fe1d5f24f0");
    CHECK_STR(json_string_value(json_object_get(b.root, "sha256")), b.sha256);
    CHECK_INT(json_array_size(json_object_get(b.content, "services")), 3);
    /* 2 in the JSON, 2 from the calendar (the cancelled one left out) */
    CHECK_INT(json_array_size(json_object_get(b.content, "events")), 4);
    CHECK(event(&b, "ics-cancelled-1") == NULL);
    bundle_free(&b);
    CHECK(b.root == NULL);
}

static void test_canonical_hash(void)
{
    char hex[65], hex2[65], err[MJ_ERRLEN];
    json_error_t e;
    /* key order, white space and number spelling do not matter; 15 significant digits */
    json_t *a = json_loads("{\"b\": {\"d\": true, \"c\": null},\n \"a\": [1, 0.30000000000000004, 60.1699, \"\xc3\xa4/\\u0001\"]}",
                           0, &e);
    json_t *b = json_loads("{\"a\":[1,3e-1,6.01699e1,\"\\u00e4\\/\\u0001\"],\"b\":{\"c\":null,\"d\":true}}", 0, &e);
    CHECK(a && b);
    CHECK_INT(bundle_canonical_sha256(a, hex, err, sizeof err), 0);
    CHECK_STR(hex, "34e9c350e86f0c53ee6d225bc62c73b5e8e9a83f9f7c235f5fe70324f1da9f30");
    CHECK_INT(bundle_canonical_sha256(b, hex2, err, sizeof err), 0);
    CHECK_STR(hex2, hex);
    json_decref(a);
    json_decref(b);
    bundle_sha256_hex("abc", 3, hex);
    CHECK_STR(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");

    /* the fixture's content hashes to what the file says */
    json_t *root = json_load_file(MAJAKKA_TEST_DATA "/bundles/mini.json", 0, &e);
    CHECK(root != NULL);
    CHECK_INT(bundle_canonical_sha256(json_object_get(root, "content"), hex, err, sizeof err), 0);
    CHECK_STR(hex, "44b45743be85b59f98191a2ea9847a3e75ad5862e236d8ed21c304fe1d5f24f0");
    json_decref(root);
}

static void test_seal_round_trip(void)
{
    char p[512], err[MJ_ERRLEN] = "";
    char *json = slurp(MAJAKKA_TEST_DATA "/bundles/mini.json", NULL);
    char *ics = slurp(MAJAKKA_TEST_DATA "/bundles/mini.ics", NULL);
    CHECK(json && ics);
    json_error_t e;
    json_t *root = json_loads(json, 0, &e);
    json_object_set_new(root, "sha256", json_string(""));   /* keeps its place in the file */
    json_object_set_new(json_object_get(root, "calendar"), "sha256", json_string("stale"));
    char *unsealed = json_dumps(root, JSON_INDENT(4));
    put("b.json", unsealed);
    put("mini.ics", ics);
    tpath(p, sizeof p, "b.json");
    bundle b;
    CHECK_INT(bundle_load(p, &b, err, sizeof err), MJ_EINVAL);
    CHECK_STR(err, "sha256: \"\" is not 64 lowercase hex digits");
    CHECK_INT(bundle_seal(p, err, sizeof err), 0);
    CHECK_INT(bundle_load(p, &b, err, sizeof err), 0);
    CHECK_STR(b.sha256, "44b45743be85b59f98191a2ea9847a3e75ad5862e236d8ed21c304fe1d5f24f0");
    CHECK_STR(json_string_value(json_object_get(json_object_get(b.root, "calendar"), "sha256")),
              "ca405c732038e3ea418c9889b2fc9894cd65735985b00cf1355169881c171f92");
    bundle_free(&b);
    /* the sealed file is the fixture byte for byte, and sealing again changes nothing */
    char *sealed = slurp(p, NULL);
    CHECK_STR(sealed, json);
    CHECK_INT(bundle_seal(p, err, sizeof err), 0);
    char *again = slurp(p, NULL);
    CHECK_STR(again, sealed);
    /* sealing validates: a bad bundle is not written */
    json_object_set_new(json_object_get(json_object_get(root, "content"), "site"), "default_language", json_string("de"));
    free(unsealed);
    unsealed = json_dumps(root, JSON_INDENT(4));
    put("b.json", unsealed);
    CHECK_INT(bundle_seal(p, err, sizeof err), MJ_EINVAL);
    CHECK_STR(err, "site.default_language: \"de\" is not in site.languages");
    char *kept = slurp(p, NULL);
    CHECK_STR(kept, unsealed);
    /* a calendar edited after sealing is caught */
    put("mini.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n");
    put("b.json", sealed);
    CHECK_INT(bundle_load(p, &b, err, sizeof err), MJ_EINVAL);
    CHECK_STR(err, "calendar.sha256: does not match the file (expected ca405c732038e3ea418c9889b2fc9894cd65735985b00cf1355169881c171f92, "
                   "got 215efae54e34ac5657da47b49c8d1bd8ea12649ee1efa838c9a47d7233f18afb)");
    json_decref(root);
    free(json); free(ics); free(unsealed); free(sealed); free(again); free(kept);
}

static void test_ics_events(void)
{
    char err[MJ_ERRLEN] = "";
    bundle b;
    CHECK_INT(bundle_load(MAJAKKA_TEST_DATA "/bundles/mini.json", &b, err, sizeof err), 0);
    /* JSON events first, in order, then the calendar's in file order */
    json_t *evs = json_object_get(b.content, "events");
    CHECK_STR(json_string_value(json_object_get(json_array_get(evs, 2), "id")), "ics-lorut-2026-tuulikyla-example");
    CHECK_JSON(event(&b, "ics-lorut-2026-tuulikyla-example"),
               "{\"id\":\"ics-lorut-2026-tuulikyla-example\",\"title\":{\"fi\":\"Loruhetki\",\"sv\":\"Ramsor\","
               "\"en\":\"Nursery rhymes\"},\"description\":{\"fi\":\"Loruja ja lauluja\\npienille.\"},"
               "\"place\":{\"fi\":\"Kirjaston satuhuone\"},\"start\":\"2026-10-05T09:30:00\",\"end\":\"2026-10-05T10:15:00\","
               "\"rrule\":\"FREQ=WEEKLY;COUNT=10;BYDAY=MO\",\"exdates\":[\"2026-10-19T09:30:00\"],"
               "\"audiences\":[\"baby\",\"under_school_age\"],\"free\":true,\"registration\":false,"
               "\"url\":\"https://tuulikyla.example/lorut\"}");
    /* UTC times in Helsinki winter time; flags from X- properties; audience from CATEGORIES */
    CHECK_JSON(event(&b, "ics-info-evening-7"),
               "{\"id\":\"ics-info-evening-7\",\"title\":{\"fi\":\"Infoilta odottajille\"},"
               "\"start\":\"2026-11-12T17:00:00\",\"end\":\"2026-11-12T19:00:00\",\"audiences\":[\"expecting\"],"
               "\"free\":false,\"registration\":true}");
    bundle_free(&b);
}

/* Overridden occurrences, all-day events, DURATION and summer time, on a calendar of its own. */
static void test_ics_details(void)
{
    char p[512], err[MJ_ERRLEN] = "", hex[65];
    const char *ics =
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
        "BEGIN:VEVENT\r\nUID:moved-1\r\nRECURRENCE-ID;TZID=Europe/Helsinki:20260609T100000\r\nSUMMARY:Laulu (siirretty)\r\n"
        "DTSTART;TZID=Europe/Helsinki:20260610T120000\r\nDTEND;TZID=Europe/Helsinki:20260610T130000\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:Series-1\r\nSUMMARY:Laulu\r\nDTSTART:20260602T070000Z\r\nDURATION:PT1H30M\r\n"
        "RRULE:FREQ=WEEKLY\r\nEXDATE;VALUE=DATE:20260616\r\nCATEGORIES:TEEN\r\nCATEGORIES:parent,nobody\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:series-1\r\nRECURRENCE-ID:20260623T070000Z\r\nSTATUS:CANCELLED\r\nSUMMARY:x\r\n"
        "DTSTART:20260623T070000Z\r\nDTEND:20260623T080000Z\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:day\r\nSUMMARY;LANGUAGE=EN-GB:Fair\r\nDTSTART;VALUE=DATE:20260815\r\nEND:VEVENT\r\n"
        "END:VCALENDAR\r\n";
    put("cal.ics", ics);
    bundle_sha256_hex(ics, strlen(ics), hex);
    json_error_t e;
    json_t *root = json_load_file(MAJAKKA_TEST_DATA "/bundles/mini.json", 0, &e);
    json_object_set_new(root, "calendar", json_pack("{s:s,s:s}", "file", "cal.ics", "sha256", hex));
    char *s = json_dumps(root, 0);
    bundle b;
    CHECK_INT(bundle_parse(s, strlen(s), tmpdir, 1, &b, err, sizeof err), 0);
    CHECK_STR(err, "");
    /* the series comes first: overrides are read in a second pass */
    CHECK_JSON(event(&b, "ics-series-1"),
               "{\"id\":\"ics-series-1\",\"title\":{\"fi\":\"Laulu\"},\"start\":\"2026-06-02T10:00:00\","
               "\"end\":\"2026-06-02T11:30:00\",\"rrule\":\"FREQ=WEEKLY\",\"exdates\":[\"2026-06-16\","
               "\"2026-06-23T10:00:00\"],\"audiences\":[\"teen\",\"parent\"],\"free\":true,\"registration\":false}");
    CHECK_JSON(event(&b, "ics-moved-1-r20260609t100000"),
               "{\"id\":\"ics-moved-1-r20260609t100000\",\"title\":{\"fi\":\"Laulu (siirretty)\"},"
               "\"start\":\"2026-06-10T12:00:00\",\"end\":\"2026-06-10T13:00:00\",\"audiences\":[\"family\"],"
               "\"free\":true,\"registration\":false}");
    CHECK_JSON(event(&b, "ics-day"),
               "{\"id\":\"ics-day\",\"title\":{\"en-gb\":\"Fair\"},\"start\":\"2026-08-15T00:00:00\","
               "\"end\":\"2026-08-16T00:00:00\",\"audiences\":[\"family\"],\"free\":true,\"registration\":false}");
    json_t *evs = json_object_get(b.content, "events");
    CHECK_INT(json_array_size(evs), 5);
    CHECK_STR(json_string_value(json_object_get(json_array_get(evs, 2), "id")), "ics-series-1");
    CHECK_STR(json_string_value(json_object_get(json_array_get(evs, 3), "id")), "ics-day");
    bundle_free(&b);

    /* an overridden occurrence of a series in this file: the series gets the exdate */
    const char *ics2 =
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
        "BEGIN:VEVENT\r\nUID:" "a-very-long-uid-0123456789-0123456789-0123456789-0123456789-0123456789@example.com\r\n"
        "SUMMARY:Pitkä\r\nDTSTART:20260602T070000Z\r\nDTEND:20260602T080000Z\r\nRRULE:FREQ=DAILY;COUNT=3\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:" "a-very-long-uid-0123456789-0123456789-0123456789-0123456789-0123456789@example.com\r\n"
        "RECURRENCE-ID:20260603T070000Z\r\nSUMMARY:Pitkä\r\nDTSTART:20260603T090000Z\r\nDTEND:20260603T100000Z\r\nEND:VEVENT\r\n"
        "END:VCALENDAR\r\n";
    put("cal.ics", ics2);
    bundle_sha256_hex(ics2, strlen(ics2), hex);
    json_object_set_new(json_object_get(root, "calendar"), "sha256", json_string(hex));
    free(s);
    s = json_dumps(root, 0);
    CHECK_INT(bundle_parse(s, strlen(s), tmpdir, 1, &b, err, sizeof err), 0);
    CHECK_STR(err, "");
    evs = json_object_get(b.content, "events");
    CHECK_INT(json_array_size(evs), 4);
    CHECK_JSON(json_object_get(json_array_get(evs, 2), "id"),
               "\"ics-a-very-long-uid-0123456789-0123456789-0123456789-0123456789-\"" /* cut at 64 */);
    CHECK_JSON(json_object_get(json_array_get(evs, 2), "exdates"), "[\"2026-06-03T10:00:00\"]");
    CHECK_JSON(json_object_get(json_array_get(evs, 3), "id"),
               "\"ics-a-very-long-uid-0123456789-0123456789-01234-r20260603t100000\"");
    bundle_free(&b);
    free(s);
    json_decref(root);
    tpath(p, sizeof p, "cal.ics");
    unlink(p);
}

/* Extensions (x- keys) are allowed anywhere and count in the hash; check_hash 0 skips hashes. */
static void test_extensions_and_no_hash(void)
{
    char err[MJ_ERRLEN] = "";
    const char *doc =
        "{\"format\":1,\"content_version\":\"v1\",\"x-note\":{\"anything\":[1,2]},\"content\":{"
        "\"site\":{\"id\":\"s\",\"name\":{\"fi\":\"S\",\"x-draft\":true},\"location\":\"l\",\"default_language\":\"fi\","
        "\"languages\":[\"fi\"],\"x-owner\":\"me\"},"
        "\"categories\":[],\"organizations\":[],\"locations\":[{\"id\":\"l\",\"name\":{\"fi\":\"L\"},"
        "\"street\":{\"fi\":\"K 1\"},\"postal_code\":\"00100\",\"city\":{\"fi\":\"H\"}}],\"services\":[]}}";
    bundle b;
    CHECK_INT(bundle_parse(doc, strlen(doc), NULL, 0, &b, err, sizeof err), 0);
    CHECK_STR(err, "");
    CHECK_STR(b.content_version, "v1");
    char hex[65];
    CHECK_INT(bundle_canonical_sha256(b.content, hex, err, sizeof err), 0);
    CHECK_STR(b.sha256, hex);
    bundle_free(&b);
    CHECK_INT(bundle_parse(doc, strlen(doc), NULL, 1, &b, err, sizeof err), MJ_EINVAL);
    CHECK_STR(err, "sha256: is missing");
}

int main(void)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/majakka-bundle-XXXXXX");
    if (!mkdtemp(tmpdir)) { perror("mkdtemp"); return 1; }
    RUN(test_fixture_parses);
    RUN(test_canonical_hash);
    RUN(test_seal_round_trip);
    RUN(test_ics_events);
    RUN(test_ics_details);
    RUN(test_extensions_and_no_hash);
    static const char *const files[] = { "b.json", "mini.ics", "cal.ics", NULL };
    for (int i = 0; files[i]; i++) {
        char p[512];
        tpath(p, sizeof p, files[i]);
        unlink(p);
    }
    rmdir(tmpdir);
    return TEST_DONE();
}
