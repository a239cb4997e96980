/* test_import.c - importing the mini bundle into a store, and rejecting bad bundles with an exact
 * message while the store stays byte-for-byte as it was. Bad bundles are made by mutating the
 * valid fixture with jansson and resealing it, so each one fails on exactly one rule. */
#include "bundle.h"
#include "import.h"
#include "store.h"
#include "util.h"
#include "test.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char tmpdir[256];
static store *db;

static void tpath(char *out, size_t n, const char *name) { snprintf(out, n, "%s/%s", tmpdir, name); }

static char *slurp(const char *path, size_t *len)
{
    char *data = NULL, err[MJ_ERRLEN];
    if (mj_read_file(path, 64u << 20, &data, len, err, sizeof err)) return NULL;
    return data;
}

static void put(const char *name, const char *data, size_t len)
{
    char p[512], err[MJ_ERRLEN];
    tpath(p, sizeof p, name);
    CHECK_INT(mj_write_file_atomic(p, data, len, 0644, err, sizeof err), 0);
}

/* Every content table and the meta rows, each value quoted, in a stable order. */
static char *dump(store *s)
{
    static const char *const tables[] = { "meta", "site", "categories", "organizations", "locations", "services",
        "service_categories", "service_audiences", "service_languages", "hours", "hours_exceptions", "events",
        "event_exdates", "event_audiences", "questions", "service_search", NULL };
    size_t cap = 1 << 16, len = 0;
    char *out = malloc(cap);
    out[0] = 0;
    for (int t = 0; tables[t]; t++) {
        char sql[256];
        sqlite3_stmt *st;
        snprintf(sql, sizeof sql, "SELECT * FROM %s", tables[t]);
        if (sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL) != SQLITE_OK) { free(out); return NULL; }
        int ncol = sqlite3_column_count(st);
        sqlite3_finalize(st);
        /* each value with its type, so NULL, 1 and '1' differ */
        char full[1024];
        char cols[512] = "";
        size_t cl = 0;
        for (int c = 1; c <= ncol; c++) cl += (size_t)snprintf(cols + cl, sizeof cols - cl, "%s%d", c > 1 ? "," : "", c);
        snprintf(full, sizeof full, "SELECT * FROM %s ORDER BY %s", tables[t], cols);
        if (sqlite3_prepare_v2(store_db(s), full, -1, &st, NULL) != SQLITE_OK) { free(out); return NULL; }
        while (sqlite3_step(st) == SQLITE_ROW) {
            for (int c = 0; c < ncol; c++) {
                const char *v = (const char *)sqlite3_column_text(st, c);
                size_t need = (v ? strlen(v) : 4) + 8;
                if (len + need + 64 > cap) { cap = (cap + need) * 2; out = realloc(out, cap); }
                len += (size_t)snprintf(out + len, cap - len, "%s%d:%s", c ? "|" : tables[t],
                                        sqlite3_column_type(st, c), v ? v : "NULL");
            }
            out[len++] = '\n';
            out[len] = 0;
        }
        sqlite3_finalize(st);
    }
    return out;
}

static long count(const char *sql)
{
    sqlite3_stmt *st;
    long n = -1;
    if (sqlite3_prepare_v2(store_db(db), sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

static char *text(const char *sql)
{
    sqlite3_stmt *st;
    char *v = NULL;
    if (sqlite3_prepare_v2(store_db(db), sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        v = mj_strdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return v;
}

#define CHECK_SQL(sql, expected) do { char *v_ = text(sql); CHECK_STR(v_, expected); free(v_); } while (0)

static json_t *fixture(void)
{
    json_error_t e;
    json_t *j = json_load_file(MAJAKKA_TEST_DATA "/bundles/mini.json", 0, &e);
    CHECK(j != NULL);
    return j;
}

/* Sets (value != NULL) or removes the item at a path like "content.services[0].name.fi". */
static int set_path(json_t *root, const char *path, json_t *value)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", path);
    json_t *cur = root;
    char *p = buf;
    for (;;) {
        char key[128];
        long idx = -1;
        size_t n = strcspn(p, ".[");
        if (n) { memcpy(key, p, n); key[n] = 0; p += n; }
        else if (*p == '[') { idx = strtol(p + 1, &p, 10); p++; }
        int last = *p == 0;
        if (*p == '.') p++;
        if (last) {
            if (idx < 0) return value ? json_object_set_new(cur, key, value) : json_object_del(cur, key);
            if (!value) return json_array_remove(cur, (size_t)idx);
            if ((size_t)idx == json_array_size(cur)) return json_array_append_new(cur, value);
            return json_array_set_new(cur, (size_t)idx, value);
        }
        cur = idx < 0 ? json_object_get(cur, key) : json_array_get(cur, (size_t)idx);
        if (!cur) return -1;
    }
}

static void seal_json(json_t *root)
{
    char hex[65], err[MJ_ERRLEN];
    CHECK_INT(bundle_canonical_sha256(json_object_get(root, "content"), hex, err, sizeof err), 0);
    json_object_set_new(root, "sha256", json_string(hex));
}

static void write_bundle(json_t *root)
{
    char *s = json_dumps(root, JSON_INDENT(1) | JSON_REAL_PRECISION(15));
    put("bundle.json", s, strlen(s));
    free(s);
}

/* Writes calendar text as mini.ics next to the bundle and points calendar.sha256 at it. */
static void put_calendar(json_t *root, const char *ics)
{
    char hex[65];
    put("mini.ics", ics, strlen(ics));
    bundle_sha256_hex(ics, strlen(ics), hex);
    json_object_set_new(json_object_get(root, "calendar"), "sha256", json_string(hex));
}

static char *fixture_ics;

static int import_tmp(char *err)
{
    char p[512];
    import_summary sum;
    tpath(p, sizeof p, "bundle.json");
    return import_file(db, p, &sum, err, MJ_ERRLEN);
}

static void test_import_valid(void)
{
    char err[MJ_ERRLEN] = "", line[256];
    import_summary sum;
    int rc = import_file(db, MAJAKKA_TEST_DATA "/bundles/mini.json", &sum, err, sizeof err);
    CHECK_STR(err, "");
    CHECK_INT(rc, 0);
    import_summary_line(&sum, line, sizeof line);
    CHECK_STR(line, "imported content 2026-11-22.1: 3 services, 4 events, 3 categories, 3 organizations, "
                    "2 locations, 2 questions");
    CHECK_SQL("SELECT id || ' ' || name || ' ' || location_id || ' ' || default_language || ' ' || languages || ' ' ||"
              " fallback || ' ' || timezone || ' ' || phone || ' ' || email || ' ' || url FROM site",
              "tuulikyla {\"fi\":\"Tuulikylän perhekeskus\",\"sv\":\"Tuulikylä familjecenter\",\"en\":"
              "\"Tuulikylä Family Centre\"} centre fi [\"fi\",\"sv\",\"en\"] [\"fi\",\"en\"] Europe/Helsinki "
              "+358 9 123 4567 info@tuulikyla.example https://tuulikyla.example/perhekeskus");
    CHECK_SQL("SELECT group_concat(id || ':' || coalesce(icon, '-') || ':' || sort, ' ') FROM categories ORDER BY sort",
              "health:health:0 play:play:1 support:-:2");
    CHECK_SQL("SELECT group_concat(id || ':' || kind || ':' || coalesce(phone, '-'), ' ') FROM organizations",
              "tuulikyla-city:municipality:- wellbeing:wellbeing_county:(09) 555 1234 mll:ngo:-");
    CHECK_SQL("SELECT name || street || postal_code || city || lat || lon || accessibility FROM locations WHERE id = 'centre'",
              "{\"fi\":\"Perhekeskus\"}{\"fi\":\"Myllykatu 3\"}00100{\"fi\":\"Tuulikylä\",\"sv\":\"Tuulby\"}"
              "60.169924.9384{\"fi\":\"Esteetön sisäänkäynti\\nHissi\",\"en\":\"Step-free entrance\\nLift\"}");
    CHECK_INT(count("SELECT count(*) FROM locations WHERE id = 'library' AND lat IS NULL AND lon IS NULL"), 1);
    CHECK_SQL("SELECT group_concat(id || ':' || organization_id || ':' || coalesce(location_id, '-') || ':' || free"
              " || ':' || sort, ' ') FROM services",
              "neuvola:wellbeing:centre:1:0 perhekahvila:mll:library:0:1 kriisipuhelin:tuulikyla-city:-:1:2");
    CHECK_SQL("SELECT summary || coalesce(description, '-') || coalesce(cost, '-') || coalesce(hours_note, '-') "
              "FROM services WHERE id = 'perhekahvila'",
              "{\"fi\":\"Avoin kohtaamispaikka\"}-{\"fi\":\"Kahvi 1 €\"}{\"fi\":\"Tiistaisin\"}");
    CHECK_SQL("SELECT group_concat(service_id || '/' || category_id, ' ') FROM "
              "(SELECT * FROM service_categories ORDER BY 1, 2)",
              "kriisipuhelin/support neuvola/health perhekahvila/play perhekahvila/support");
    CHECK_INT(count("SELECT count(*) FROM service_audiences"), 6);
    CHECK_SQL("SELECT group_concat(language, ',') FROM (SELECT * FROM service_languages WHERE service_id = 'neuvola'"
              " ORDER BY 2)", "en,fi,sv");
    CHECK_SQL("SELECT group_concat(owner_id || ':' || day || ':' || open_min || '-' || close_min, ' ') FROM "
              "(SELECT * FROM hours ORDER BY 1, 2, 3)",
              ":0:480-960 :4:1200-120 neuvola:0:480-720 neuvola:0:720-960 neuvola:6:1320-60");
    CHECK_SQL("SELECT group_concat(owner_id || ':' || date || ':' || closed || ':' || coalesce(open_min, '-') || '-' ||"
              " coalesce(close_min, '-') || ':' || coalesce(note, '-'), ' ') FROM (SELECT * FROM hours_exceptions ORDER BY 1, 2)",
              ":2026-12-23:0:540-720:- :2026-12-24:1:---:{\"fi\":\"Jouluaatto\",\"en\":\"Christmas Eve\"} "
              "neuvola:2026-12-31:0:480-720:-");
    CHECK_SQL("SELECT group_concat(id || ' ' || start_local || ' ' || end_local || ' ' || coalesce(rrule, '-') || ' ' ||"
              " coalesce(service_id, '-') || ' ' || coalesce(location_id, '-') || ' ' || coalesce(place, '-') || ' ' ||"
              " free || registration || ' ' || sort, '|') FROM (SELECT * FROM events ORDER BY sort)",
              "vauvakerho 2026-09-01T10:00:00 2026-09-01T11:30:00 FREQ=WEEKLY;BYDAY=TU;UNTIL=20270531 perhekahvila "
              "library - 10 0|isa-lapsi 2026-11-27T17:00:00 2026-11-27T19:00:00 - - - {\"fi\":\"Uimahalli\"} 01 1|"
              "ics-lorut-2026-tuulikyla-example 2026-10-05T09:30:00 2026-10-05T10:15:00 FREQ=WEEKLY;COUNT=10;BYDAY=MO "
              "- - {\"fi\":\"Kirjaston satuhuone\"} 10 2|"
              "ics-info-evening-7 2026-11-12T17:00:00 2026-11-12T19:00:00 - - - - 01 3");
    CHECK_SQL("SELECT group_concat(event_id || ' ' || exdate, '|') FROM (SELECT * FROM event_exdates ORDER BY 1, 2)",
              "ics-lorut-2026-tuulikyla-example 2026-10-19T09:30:00|vauvakerho 2026-12-22|"
              "vauvakerho 2026-12-29T10:00:00");
    CHECK_SQL("SELECT group_concat(event_id || ':' || audience, ' ') FROM (SELECT * FROM event_audiences ORDER BY 1, 2)",
              "ics-info-evening-7:expecting ics-lorut-2026-tuulikyla-example:baby "
              "ics-lorut-2026-tuulikyla-example:under_school_age isa-lapsi:family isa-lapsi:parent vauvakerho:baby");
    CHECK_SQL("SELECT group_concat(id || ':' || version || ':' || kind || ':' || active || ':' || sort, ' ') FROM "
              "(SELECT * FROM questions ORDER BY id)", "found:2:single:1:0 topics:1:multiple:1:1");
    CHECK_SQL("SELECT options FROM questions WHERE id = 'found'",
              "[{\"id\":\"yes\",\"text\":{\"fi\":\"Kyllä\",\"en\":\"Yes\"}},{\"id\":\"no\",\"text\":{\"fi\":\"En\","
              "\"en\":\"No\"}}]");
    CHECK_SQL("SELECT group_concat(service_id || '/' || language || '/' || name || '/' || summary || '/' || description, '|')"
              " FROM (SELECT * FROM service_search ORDER BY 1, 2)",
              "kriisipuhelin/fi/Kriisipuhelin/Keskusteluapua puhelimessa/|neuvola/en/Child health clinic/Checks on growth "
              "and development/|neuvola/fi/Lastenneuvola/Lapsen kasvun ja kehityksen seuranta/Neuvola seuraa lapsen "
              "kasvua.\nVaraa aika puhelimitse.|neuvola/sv/Barnrådgivning//|perhekahvila/en/Family café//|"
              "perhekahvila/fi/Perhekahvila/Avoin kohtaamispaikka/");
    CHECK_INT(count("SELECT count(*) FROM service_search WHERE service_search MATCH 'neuvola'"), 1);
    CHECK_INT(count("SELECT count(*) FROM service_search WHERE service_search MATCH 'barnradgivning'"), 1);
    char *v = store_meta_get(db, "content_version");
    CHECK_STR(v, "2026-11-22.1");
    free(v);
    v = store_meta_get(db, "content_sha256");
    CHECK_STR(v, "44b45743be85b59f98191a2ea9847a3e75ad5862e236d8ed21c304fe1d5f24f0");
    free(v);
    v = store_meta_get(db, "imported_at");
    CHECK(v && strlen(v) == 20 && v[10] == 'T' && v[19] == 'Z');
    free(v);
    CHECK_INT(store_has_content(db), 1);
}

typedef struct bad_case {
    const char *path;     /* what to change (NULL: nothing) */
    const char *value;    /* JSON; NULL removes the item */
    const char *error;    /* the exact message */
} bad_case;

static const bad_case cases[] = {
    { "bundle.x", "1", "bundle: unknown key \"x\"" },
    { "format", "2", "format: must be 1" },
    { "content_version", NULL, "content_version: is missing" },
    { "content_version", "\"2026 11\"", "content_version: \"2026 11\" must be 1-64 characters of A-Z a-z 0-9 . _ : -" },
    { "content.colour", "1", "content: unknown key \"colour\"" },
    { "content.site", NULL, "site: is missing" },
    { "content.services", "{}", "services: must be a list" },
    { "content.services[0].colour", "\"red\"", "services[0]: unknown key \"colour\"" },
    { "content.services[0].free", "\"yes\"", "services[0].free: must be true or false" },
    { "content.feedback_questions[0].version", "1.5", "feedback_questions[0].version: must be an integer" },
    { "content.feedback_questions[0].version", "0", "feedback_questions[0].version: must be at least 1" },
    { "content.services[0].name", NULL, "services[0].name: is missing" },
    { "content.services[1].id", "\"Perhe Kahvila\"", "services[1].id: \"Perhe Kahvila\" is not a valid id" },
    /* a long value is shown cut to 64 bytes, on a character boundary */
    { "content.services[1].id", "\"aääääääääääääääääääääääääääääääääääääääää\"", "services[1].id: \"aäääääääääääääääääääääääääääääää...\" is not a valid id" },
    { "content.categories[1].id", "\"health\"", "categories[1].id: \"health\" is already used by categories[0]" },
    { "content.events[1].id", "\"vauvakerho\"", "events[1].id: \"vauvakerho\" is already used by events[0]" },
    { "content.services[0].organization", "\"acme\"", "services[0].organization: \"acme\" is not an id in organizations" },
    { "content.services[0].location", "\"moon\"", "services[0].location: \"moon\" is not an id in locations" },
    { "content.services[0].categories[0]", "\"food\"", "services[0].categories[0]: \"food\" is not an id in categories" },
    { "content.events[0].service", "\"neuvol\"", "events[0].service: \"neuvol\" is not an id in services" },
    { "content.events[0].location", "\"school\"", "events[0].location: \"school\" is not an id in locations" },
    { "content.site.location", "\"nowhere\"", "site.location: \"nowhere\" is not an id in locations" },
    { "content.services[0].opening_hours[0].day", "\"Mox\"", "services[0].opening_hours[0].day: \"Mox\" is not a weekday" },
    { "content.services[0].opening_hours[0].open", "\"8:00\"", "services[0].opening_hours[0].open: \"8:00\" is not a time (HH:MM)" },
    { "content.services[0].opening_hours[0].close", "\"12:60\"", "services[0].opening_hours[0].close: \"12:60\" is not a time (HH:MM)" },
    { "content.services[0].opening_hours[0].open", "\"24:00\"", "services[0].opening_hours[0].open: \"24:00\" is only allowed as a closing time" },
    { "content.services[0].opening_hours[0].close", "\"08:00\"", "services[0].opening_hours[0]: open and close are the same" },
    { "content.services[0].opening_hours[1].open", "\"11:00\"", "services[0].opening_hours[1]: overlaps opening_hours[0]" },
    /* Friday 20:00-02:00 runs into Saturday */
    { "content.site.opening_hours[0]", "{\"day\": \"Sat\", \"open\": \"01:00\", \"close\": \"03:00\"}",
      "site.opening_hours[1]: overlaps opening_hours[0]" },
    /* Sunday 22:00-01:00 runs into Monday */
    { "content.services[0].opening_hours[0].open", "\"00:30\"", "services[0].opening_hours[2]: overlaps opening_hours[0]" },
    /* walk-in (docs/content-bundle.md "Walk-in") */
    { "content.services[0].walk_in", "\"yes\"", "services[0].walk_in: must be true or false" },
    { "content.services[0].opening_hours[0].walk_in", "true",
      "services[0].opening_hours[0].walk_in: needs walk_in: true on the service" },
    { "content.services[0].opening_hours[1].walk_in", "1", "services[0].opening_hours[1].walk_in: must be true or false" },
    { "content.services[0].hours_exceptions[0].walk_in", "true",
      "services[0].hours_exceptions[0].walk_in: needs walk_in: true on the service" },
    { "content.site.opening_hours[0].walk_in", "true", "site.opening_hours[0]: unknown key \"walk_in\"" },
    { "content.site.hours_exceptions[1].walk_in", "true", "site.hours_exceptions[1]: unknown key \"walk_in\"" },
    { "content.site.hours_exceptions[0].open", "\"09:00\"", "site.hours_exceptions[0]: closed: true cannot have open or close" },
    { "content.site.hours_exceptions[1].close", NULL, "site.hours_exceptions[1]: needs closed: true, or open and close" },
    { "content.site.hours_exceptions[1].date", "\"2026-12-24\"",
      "site.hours_exceptions[1].date: \"2026-12-24\" is already used by hours_exceptions[0]" },
    { "content.site.hours_exceptions[0].date", "\"2026-02-29\"", "site.hours_exceptions[0].date: \"2026-02-29\" is not a date (YYYY-MM-DD)" },
    { "content.events[1].end", "\"2026-11-27T16:00\"", "events[1].end: is before start" },
    { "content.events[1].end", "\"2026-11-27T17:00\"", "events[1].end: is the same as start" },
    { "content.events[1].end", "\"2026-12-04T17:01\"", "events[1].end: is more than 7 days after start" },
    { "content.events[1].start", "\"2026-11-27\"", "events[1].start: \"2026-11-27\" is not a local date-time (YYYY-MM-DDTHH:MM)" },
    { "content.events[0].rrule", "\"FREQ=SOMETIMES\"", "events[0].rrule: \"FREQ=SOMETIMES\" is not a valid RRULE" },
    { "content.events[0].rrule", "\"FREQ=WEEKLY;BYDAY=XX\"", "events[0].rrule: \"FREQ=WEEKLY;BYDAY=XX\" is not a valid RRULE" },
    { "content.events[0].rrule", "\"FREQ=HOURLY\"", "events[0].rrule: FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY" },
    { "content.events[0].exdates[0]", "\"2026-13-01\"", "events[0].exdates[0]: \"2026-13-01\" is not a date or local date-time" },
    { "content.events[0].exdates[1]", "\"2026-12-22\"", "events[0].exdates[1]: \"2026-12-22\" is listed twice" },
    { "content.events[1].location", "\"library\"", "events[1]: has both location and place" },
    { "content.events[0].audiences[0]", "\"toddler\"", "events[0].audiences[0]: \"toddler\" is not an audience" },
    { "content.events[0].audiences", "[]", "events[0].audiences: is empty" },
    { "content.services[0].languages[1]", "\"Swedish\"", "services[0].languages[1]: \"Swedish\" is not a language code" },
    { "content.services[0].name.FI", "\"x\"", "services[0].name: \"FI\" is not a language code" },
    { "content.site.default_language", "\"sv-\"", "site.default_language: \"sv-\" is not a language code" },
    { "content.site.default_language", "\"de\"", "site.default_language: \"de\" is not in site.languages" },
    { "content.site.fallback[1]", "\"english\"", "site.fallback[1]: \"english\" is not a language code" },
    { "content.site.timezone", "\"Europe/Stockholm\"", "site.timezone: \"Europe/Stockholm\" is not supported (only Europe/Helsinki)" },
    { "content.services[0].name.fi", "\"Neu\\tvola\"", "services[0].name.fi: contains a control character" },
    { "content.services[0].name.fi", "\"Neu\\u0085vola\"", "services[0].name.fi: contains a control character" },
    { "content.services[0].name", "{}", "services[0].name: has no languages" },
    { "content.services[0].name", "{\"x-note\": \"only an extension\"}", "services[0].name: has no languages" },
    { "content.services[0].name.fi", "\"\"", "services[0].name.fi: is empty" },
    { "content.services[0].name.sv", "7", "services[0].name.sv: must be a string" },
    { "content.services[1].url", "\"ftp://mll.example\"", "services[1].url: \"ftp://mll.example\" is not a valid url" },
    { "content.services[1].url", "\"https://mll.example/a b\"", "services[1].url: \"https://mll.example/a b\" is not a valid url" },
    { "content.services[2].email", "\"apu.tuulikyla.example\"", "services[2].email: \"apu.tuulikyla.example\" is not a valid email address" },
    { "content.services[2].email", "\"apu@localhost\"", "services[2].email: \"apu@localhost\" is not a valid email address" },
    { "content.services[2].phone", "\"call me\"", "services[2].phone: \"call me\" is not a valid phone number" },
    { "content.locations[0].lon", NULL, "locations[0]: lat and lon must be given together" },
    { "content.locations[0].lat", "90.5", "locations[0].lat: must be between -90 and 90" },
    { "content.locations[0].lon", "\"24.9\"", "locations[0].lon: must be a number" },
    { "content.locations[1].postal_code", "\"0012\"", "locations[1].postal_code: \"0012\" is not 5 digits" },
    { "content.categories[0].icon", "\"rocket\"", "categories[0].icon: \"rocket\" is not an icon name" },
    { "content.organizations[0].kind", "\"company\"", "organizations[0].kind: \"company\" is not an organization kind" },
    { "content.feedback_questions[0].options[1]", NULL, "feedback_questions[0].options: must have 2 to 8 options" },
    { "content.feedback_questions[1].options[2].id", "\"sleep\"",
      "feedback_questions[1].options[2].id: \"sleep\" is already used by feedback_questions[1].options[0]" },
    { "content.feedback_questions[1].kind", "\"many\"", "feedback_questions[1].kind: \"many\" is not single or multiple" },
    { "calendar.file", "\"missing.ics\"", "calendar.file: cannot read \"missing.ics\": No such file or directory" },
    { "calendar.file", "\"../mini.ics\"", "calendar.file: \"../mini.ics\" must be a file name in the bundle's folder" },
    { "calendar.sha256",  "\"0000000000000000000000000000000000000000000000000000000000000000\"",
      "calendar.sha256: does not match the file (expected 0000000000000000000000000000000000000000000000000000000000000000, "
      "got ca405c732038e3ea418c9889b2fc9894cd65735985b00cf1355169881c171f92)" },
};

/* Fills the store with the valid bundle, then checks that a failing import changes nothing. */
static void expect_rejected(const char *what, const char *expected, const char *before)
{
    char err[MJ_ERRLEN] = "";
    int rc = import_tmp(err);
    if (rc == 0 || strcmp(err, expected) != 0) fprintf(stderr, "case %s:\n", what);
    CHECK_INT(rc, MJ_EINVAL);
    CHECK_STR(err, expected);
    char *after = dump(db);
    CHECK(after && strcmp(before, after) == 0);
    free(after);
}

static void test_bad_bundles(void)
{
    char *before = dump(db);
    CHECK(before != NULL && strstr(before, "vauvakerho") != NULL);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const bad_case *c = &cases[i];
        json_t *root = fixture();
        put_calendar(root, fixture_ics);
        json_t *v = NULL;
        if (c->value) {
            json_error_t e;
            v = json_loads(c->value, JSON_DECODE_ANY, &e);
            CHECK(v != NULL);
        }
        const char *path = strncmp(c->path, "bundle.", 7) == 0 ? c->path + 7 : c->path;
        CHECK_INT(set_path(root, path, v), 0);
        seal_json(root);
        write_bundle(root);
        json_decref(root);
        expect_rejected(c->path, c->error, before);
    }
    free(before);
}

/* Bundles that are not even JSON, or break the limits, written as raw bytes. */
static void test_bad_bytes(void)
{
    char *before = dump(db);
    const char *utf8 = "{\n  \"format\": 1,\n  \"content_version\": \"x\xff\"\n}";
    put("bundle.json", utf8, strlen(utf8));
    expect_rejected("utf8", "bundle: invalid UTF-8 at line 3, column 24", before);
    const char *broken = "{\n  \"format\": 1,\n  \"content\": {]\n}";
    put("bundle.json", broken, strlen(broken));
    expect_rejected("syntax", "bundle: invalid JSON at line 3, column 15: string or '}' expected near ']'", before);
    const char *dup = "{\"format\": 1, \"format\": 1}";
    put("bundle.json", dup, strlen(dup));
    expect_rejected("duplicate", "bundle: duplicate key \"format\" at line 1, column 22", before);
    const char *nul = "{\"format\": \"a\\u0000b\"}";
    put("bundle.json", nul, strlen(nul));
    expect_rejected("nul", "bundle: \\u0000 in a string at line 1, column 21", before);
    const char *deep = "{\"x-a\": [[[[[[[[[[[[[[[[\"ok\"]]]]]]]]]]]]]]]], \"content\": \"[[[[[[[[[[[[[[[[[[[[\"}";
    put("bundle.json", deep, strlen(deep));
    expect_rejected("deep", "bundle: nested deeper than 16 levels at line 1, column 24", before);
    const char *list = "[1]";
    put("bundle.json", list, strlen(list));
    expect_rejected("array", "bundle: the top level must be an object", before);
    /* one byte over the limit */
    size_t big = BUNDLE_MAX_BYTES + 1;
    char *huge = malloc(big);
    memset(huge, ' ', big);
    huge[0] = '{';
    huge[big - 1] = '}';
    put("bundle.json", huge, big);
    expect_rejected("large", "bundle: larger than 16 MiB (16777217 bytes)", before);
    char err[MJ_ERRLEN];
    bundle b;
    CHECK_INT(bundle_parse(huge, big, NULL, 1, &b, err, sizeof err), MJ_EINVAL);
    CHECK_STR(err, "bundle: larger than 16 MiB (16777217 bytes)");
    free(huge);
    free(before);
}

static void test_bad_hashes_and_counts(void)
{
    char *before = dump(db);
    json_t *root = fixture();
    put_calendar(root, fixture_ics);
    seal_json(root);
    json_object_set_new(json_object_get(json_object_get(root, "content"), "site"), "phone", json_string("+358 40 1"));
    write_bundle(root);
    char hex[65], msg[MJ_ERRLEN], e[MJ_ERRLEN];
    bundle_canonical_sha256(json_object_get(root, "content"), hex, e, sizeof e);
    snprintf(msg, sizeof msg, "sha256: does not match the content (expected %s, got %s)",
             json_string_value(json_object_get(root, "sha256")), hex);
    expect_rejected("hash", msg, before);
    json_object_set_new(root, "sha256", json_string("ABC"));
    write_bundle(root);
    expect_rejected("hash syntax", "sha256: \"ABC\" is not 64 lowercase hex digits", before);
    json_object_del(root, "sha256");
    write_bundle(root);
    expect_rejected("hash missing", "sha256: is missing", before);
    json_decref(root);

    /* too many services: the count is checked before any item */
    root = fixture();
    put_calendar(root, fixture_ics);
    json_t *svcs = json_object_get(json_object_get(root, "content"), "services");
    while (json_array_size(svcs) <= 5000) json_array_append_new(svcs, json_integer(0));
    seal_json(root);
    write_bundle(root);
    expect_rejected("services", "services: has more than 5000 items", before);
    json_decref(root);

    /* a text one byte over its limit */
    root = fixture();
    put_calendar(root, fixture_ics);
    char longtext[402];
    memset(longtext, 'a', 401);
    longtext[401] = 0;
    set_path(root, "content.services[0].summary.fi", json_string(longtext));
    seal_json(root);
    write_bundle(root);
    expect_rejected("summary", "services[0].summary.fi: is longer than 400 bytes", before);
    memset(longtext, 'a', 400);
    longtext[400] = 0;
    set_path(root, "content.services[0].summary.fi", json_string(longtext));
    seal_json(root);
    write_bundle(root);
    char err[MJ_ERRLEN];
    CHECK_INT(import_tmp(err), 0);   /* exactly at the limit is fine (and replaces the content) */
    json_decref(root);
    free(before);
}

static const char *ics_head = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n";

static void test_bad_calendars(void)
{
    /* start from the fixture's content again */
    char err[MJ_ERRLEN];
    CHECK_INT(import_file(db, MAJAKKA_TEST_DATA "/bundles/mini.json", NULL, err, sizeof err), 0);
    char *before = dump(db);
    /* A file that is not iCalendar at all is refused whole. */
    static const struct { const char *body; const char *error; } ics[] = {
        { "this is not a calendar", "calendar: \"mini.ics\" is not an iCalendar file" },
        { "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\n", "calendar: \"mini.ics\" is not an iCalendar file" },
        { "BEGIN:VTODO\r\nUID:a\r\nEND:VTODO\r\n", "calendar: \"mini.ics\" is not an iCalendar file" },
    };
    for (size_t i = 0; i < sizeof ics / sizeof ics[0]; i++) {
        json_t *root = fixture();
        put_calendar(root, ics[i].body);
        seal_json(root);
        write_bundle(root);
        json_decref(root);
        char what[32];
        snprintf(what, sizeof what, "ics %zu", i);
        expect_rejected(what, ics[i].error, before);
    }
    /* Per event (issue 12): a bad event is skipped with its reason, the good one beside it is
     * imported. NULL: the event itself is imported too. */
    static const char *good = "BEGIN:VEVENT\r\nUID:good\r\nSUMMARY:Hyvä\r\nDTSTART:20261201T100000Z\r\n"
                              "DTEND:20261201T110000Z\r\nEND:VEVENT\r\n";
    static const struct { const char *body; const char *skipped; } evs[] = {
        { "BEGIN:VEVENT\r\nSUMMARY:x\r\nDTSTART:20261201T100000Z\r\nDTEND:20261201T110000Z\r\nEND:VEVENT\r\n", NULL },
        { "BEGIN:VEVENT\r\nUID:u1\r\nSUMMARY:x\r\nDTSTART:garbage\r\nEND:VEVENT\r\n",
          "calendar: VEVENT \"u1\": cannot be read: Can't parse as DATE-TIME value in DTSTART property. Removing ent... (SUMMARY \"x\")" },
        { "BEGIN:VEVENT\r\nUID:u1\r\nSUMMARY:x\r\nDTSTART:20261201T100000Z\r\nDTEND:20261201T090000Z\r\nEND:VEVENT\r\n",
          "calendar: VEVENT \"u1\" end: is before start" },
        { "BEGIN:VEVENT\r\nUID:u1\r\nSUMMARY:x\r\nDTSTART:20261201T100000Z\r\nEND:VEVENT\r\n", NULL },
        { "BEGIN:VEVENT\r\nUID:u1\r\nDTSTART:20261201T100000Z\r\nDTEND:20261201T110000Z\r\nEND:VEVENT\r\n",
          "calendar: VEVENT \"u1\" title: is missing" },
        { "BEGIN:VEVENT\r\nUID:u1\r\nSUMMARY;LANGUAGE=Finnish:x\r\nDTSTART:20261201T100000Z\r\nDTEND:20261201T110000Z\r\n"
          "END:VEVENT\r\n", "calendar: VEVENT \"u1\": SUMMARY: LANGUAGE \"Finnish\" is not a language code (SUMMARY \"x\")" },
        { "BEGIN:VEVENT\r\nUID:u1\r\nSUMMARY:x\r\nSUMMARY;LANGUAGE=FI:y\r\nDTSTART:20261201T100000Z\r\n"
          "DTEND:20261201T110000Z\r\nEND:VEVENT\r\n", "calendar: VEVENT \"u1\": has two SUMMARY properties in language \"fi\" (SUMMARY \"x\")" },
        { "BEGIN:VEVENT\r\nUID:u1\r\nSUMMARY:x\r\nDTSTART;TZID=Europe/Paris:20261201T100000\r\n"
          "DTEND:20261201T110000Z\r\nEND:VEVENT\r\n", NULL },
        { "BEGIN:VEVENT\r\nUID:u1\r\nSUMMARY:x\r\nDTSTART;TZID=Mars/Olympus:20261201T100000\r\n"
          "DTEND:20261201T110000Z\r\nEND:VEVENT\r\n",
          "calendar: VEVENT \"u1\": DTSTART: time zone \"Mars/Olympus\" is not known (an IANA or Windows name, or a VTIMEZONE in the file) (SUMMARY \"x\")" },
        { "BEGIN:VEVENT\r\nUID:u1\r\nSUMMARY:x\r\nDTSTART:20261201T100000Z\r\nDTEND:20261201T110000Z\r\n"
          "RRULE:FREQ=MINUTELY\r\nEND:VEVENT\r\n", "calendar: VEVENT \"u1\" rrule: FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY" },
        { "BEGIN:VEVENT\r\nUID:x@y\r\nSUMMARY:x\r\nDTSTART:20261201T100000Z\r\nDTEND:20261201T110000Z\r\n"
          "RRULE:FREQ=SOMETIMES\r\nEND:VEVENT\r\n",
          "calendar: VEVENT \"x@y\": cannot be read: Can't parse as RECUR value in RRULE property. Removing entire pr... (SUMMARY \"x\")" },
        { "BEGIN:VEVENT\r\nUID:u1\r\nSUMMARY:x\r\nDTSTART:20261201T100000Z\r\nDTEND:20261201T110000Z\r\n"
          "X-MAJAKKA-FREE:maybe\r\nEND:VEVENT\r\n", "calendar: VEVENT \"u1\": X-MAJAKKA-FREE must be TRUE or FALSE (SUMMARY \"x\")" },
        { "BEGIN:VEVENT\r\nUID:GOOD\r\nSUMMARY:y\r\nDTSTART:20261202T100000Z\r\nDTEND:20261202T110000Z\r\nEND:VEVENT\r\n",
          "calendar: VEVENT \"GOOD\" id: \"ics-good\" is already used by calendar: VEVENT \"good\"" },
        { "BEGIN:VEVENT\r\nUID:u1\r\nSUMMARY:x\r\nDESCRIPTION:tab\\there\tnow\r\nDTSTART:20261201T100000Z\r\n"
          "DTEND:20261201T110000Z\r\nEND:VEVENT\r\n", "calendar: VEVENT \"u1\" description.fi: contains a control character" },
        /* issue 17: a huge DURATION cost most of a second in libical; a date before 1970 read
         * an uninitialised end; a bad LANGUAGE after a good one leaked */
        { "BEGIN:VEVENT\r\nUID:u1\r\nSUMMARY:x\r\nDTSTART:20261201T100000Z\r\nDURATION:P99999999W\r\nEND:VEVENT\r\n",
          "calendar: VEVENT \"u1\": DURATION must be more than zero and at most 7 days (SUMMARY \"x\")" },
        { "BEGIN:VEVENT\r\nUID:u1\r\nSUMMARY:x\r\nDTSTART:20261201T100000Z\r\nDURATION:-PT1H\r\nEND:VEVENT\r\n",
          "calendar: VEVENT \"u1\": DURATION must be more than zero and at most 7 days (SUMMARY \"x\")" },
        { "BEGIN:VEVENT\r\nUID:u1\r\nSUMMARY:x\r\nDTSTART;VALUE=DATE:19650101\r\nEND:VEVENT\r\n",
          "calendar: VEVENT \"u1\": DTSTART \"1965-01-01T00:00:00\" is not a date-time from 1970 to 2200 (SUMMARY \"x\")" },
        { "BEGIN:VEVENT\r\nUID:u1\r\nSUMMARY:x\r\nSUMMARY;LANGUAGE=xx-!!:y\r\nDTSTART:20261201T100000Z\r\n"
          "DTEND:20261201T110000Z\r\nEND:VEVENT\r\n", "calendar: VEVENT \"u1\": SUMMARY: LANGUAGE \"xx-!!\" is not a language code (SUMMARY \"x\")" },
    };
    for (size_t i = 0; i < sizeof evs / sizeof evs[0]; i++) {
        char body[2048], p[512], e[MJ_ERRLEN] = "";
        json_t *root = fixture();
        snprintf(body, sizeof body, "%s%s%sEND:VCALENDAR\r\n", ics_head, good, evs[i].body);
        put_calendar(root, body);
        seal_json(root);
        write_bundle(root);
        json_decref(root);
        tpath(p, sizeof p, "bundle.json");
        bundle b;
        int rc = bundle_load(p, &b, e, sizeof e);
        if (rc) fprintf(stderr, "event case %zu: %s\n", i, e);
        CHECK_INT(rc, MJ_OK);
        if (rc) continue;
        size_t ns = json_array_size(b.skipped);
        CHECK_INT(ns, evs[i].skipped ? 1 : 0);
        if (evs[i].skipped && ns == 1) CHECK_STR(json_string_value(json_array_get(b.skipped, 0)), evs[i].skipped);
        else if (ns) fprintf(stderr, "event case %zu skipped: %s\n", i, json_string_value(json_array_get(b.skipped, 0)));
        int have_good = 0, calendar_events = 0;
        size_t k;
        json_t *x;
        json_array_foreach(json_object_get(b.content, "events"), k, x) {
            const char *id = json_string_value(json_object_get(x, "id"));
            have_good |= strcmp(id, "ics-good") == 0;
            calendar_events += strncmp(id, "ics-", 4) == 0;
        }
        CHECK(have_good);
        CHECK_INT(calendar_events, evs[i].skipped ? 1 : 2);
        /* and it imports */
        CHECK_INT(import_tmp(e), MJ_OK);
        bundle_free(&b);
    }
    CHECK_INT(import_file(db, MAJAKKA_TEST_DATA "/bundles/mini.json", NULL, err, sizeof err), 0);
    free(before);
    before = dump(db);
    /* invalid UTF-8 in the calendar */
    json_t *root = fixture();
    put_calendar(root, "BEGIN:VCALENDAR\r\nX-A:\xc3\x28\r\nEND:VCALENDAR\r\n");
    seal_json(root);
    write_bundle(root);
    expect_rejected("ics utf8", "calendar: \"mini.ics\" is not valid UTF-8", before);
    /* a bundle naming a calendar, parsed from memory without a folder */
    char *s = json_dumps(root, 0);
    bundle b;
    CHECK_INT(bundle_parse(s, strlen(s), NULL, 0, &b, err, sizeof err), MJ_EINVAL);
    CHECK_STR(err, "calendar.file: \"mini.ics\" cannot be read: the bundle was not read from a folder");
    free(s);
    json_decref(root);
    free(before);
}

/* Re-import replaces everything; questions keep old versions, inactive. */
/* Walk-in marks reach the store: the service flag, a marked range, a marked exception; a closed
 * exception of a walk-in service cannot be marked. */
static void test_walk_in(void)
{
    char err[MJ_ERRLEN] = "";
    json_error_t e;
    json_t *root = fixture();
    put_calendar(root, fixture_ics);
    json_t *svc = json_array_get(json_object_get(json_object_get(root, "content"), "services"), 0);
    json_object_set_new(svc, "walk_in", json_true());
    json_object_set_new(json_array_get(json_object_get(svc, "opening_hours"), 1), "walk_in", json_true());
    json_object_set_new(json_array_get(json_object_get(svc, "hours_exceptions"), 0), "walk_in", json_true());
    json_array_append_new(json_object_get(svc, "hours_exceptions"),
                          json_loads("{\"date\": \"2027-01-06\", \"closed\": true, \"walk_in\": true}", 0, &e));
    seal_json(root);
    write_bundle(root);
    char *before = dump(db);
    CHECK_INT(import_tmp(err), MJ_EINVAL);
    CHECK_STR(err, "services[0].hours_exceptions[1]: closed: true cannot have walk_in");
    char *after = dump(db);
    CHECK(before && after && strcmp(before, after) == 0);
    free(before);
    free(after);
    json_array_remove(json_object_get(svc, "hours_exceptions"), 1);
    seal_json(root);
    write_bundle(root);
    CHECK_INT(import_tmp(err), MJ_OK);
    CHECK_SQL("SELECT group_concat(id || ':' || walk_in, ' ') FROM (SELECT * FROM services ORDER BY sort)",
              "neuvola:1 perhekahvila:0 kriisipuhelin:0");
    CHECK_SQL("SELECT group_concat(day || ':' || open_min || ':' || walk_in, ' ') FROM "
              "(SELECT * FROM hours WHERE owner_id = 'neuvola' ORDER BY day, open_min)", "0:480:0 0:720:1 6:1320:0");
    CHECK_SQL("SELECT group_concat(date || ':' || walk_in, ' ') FROM hours_exceptions WHERE owner_id = 'neuvola'",
              "2026-12-31:1");
    json_decref(root);
    /* the plain fixture again, for the tests after this one */
    root = fixture();
    put_calendar(root, fixture_ics);
    seal_json(root);
    write_bundle(root);
    CHECK_INT(import_tmp(err), MJ_OK);
    CHECK_SQL("SELECT sum(walk_in) FROM services", "0");
    json_decref(root);
}

static void test_reimport(void)
{
    char err[MJ_ERRLEN] = "";
    json_t *root = fixture();
    put_calendar(root, fixture_ics);
    json_t *c = json_object_get(root, "content");
    /* drop one service (and the event that refers to it), rename a category, bump a question */
    set_path(root, "content.services[1]", NULL);
    set_path(root, "content.events[0]", NULL);
    set_path(root, "content.categories[1].name.fi", json_string("Leikit"));
    set_path(root, "content.feedback_questions[0].version", json_integer(3));
    set_path(root, "content.feedback_questions[1]", NULL);
    json_object_set_new(root, "content_version", json_string("2026-11-23.1"));
    (void)c;
    seal_json(root);
    write_bundle(root);
    CHECK_INT(import_tmp(err), 0);
    CHECK_STR(err, "");
    CHECK_INT(count("SELECT count(*) FROM services"), 2);
    CHECK_INT(count("SELECT count(*) FROM services WHERE id = 'perhekahvila'"), 0);
    CHECK_INT(count("SELECT count(*) FROM service_categories WHERE service_id = 'perhekahvila'"), 0);
    CHECK_INT(count("SELECT count(*) FROM service_search WHERE service_id = 'perhekahvila'"), 0);
    CHECK_INT(count("SELECT count(*) FROM service_search"), 4);
    CHECK_INT(count("SELECT count(*) FROM events"), 3);
    CHECK_INT(count("SELECT count(*) FROM event_exdates WHERE event_id = 'vauvakerho'"), 0);
    CHECK_INT(count("SELECT count(*) FROM event_audiences WHERE event_id = 'vauvakerho'"), 0);
    CHECK_INT(count("SELECT count(*) FROM hours"), 5);
    CHECK_SQL("SELECT name FROM categories WHERE id = 'play'", "{\"fi\":\"Leikit\",\"en\":\"Play\"}");
    CHECK_SQL("SELECT group_concat(id || ':' || version || ':' || active || ':' || sort, ' ') FROM "
              "(SELECT * FROM questions ORDER BY id, version)", "found:2:0:0 found:3:1:0 topics:1:0:1");
    char *v = store_meta_get(db, "content_version");
    CHECK_STR(v, "2026-11-23.1");
    free(v);

    /* a failing import after a good one leaves the good one */
    char *before = dump(db);
    set_path(root, "content.services[0].audiences[0]", json_string("grownups"));
    seal_json(root);
    write_bundle(root);
    expect_rejected("after good", "services[0].audiences[0]: \"grownups\" is not an audience", before);
    free(before);
    json_decref(root);

    /* and the original comes back whole */
    CHECK_INT(import_file(db, MAJAKKA_TEST_DATA "/bundles/mini.json", NULL, err, sizeof err), 0);
    CHECK_INT(count("SELECT count(*) FROM services"), 3);
    CHECK_SQL("SELECT group_concat(id || ':' || version || ':' || active, ' ') FROM "
              "(SELECT * FROM questions ORDER BY id, version)", "found:2:1 found:3:0 topics:1:1");
}

/* Feedback and slip tables are not content: an import leaves them alone. */
static void test_other_tables_untouched(void)
{
    char err[MJ_ERRLEN];
    CHECK_INT(store_exec(db, "INSERT INTO slip_counts (day, service_id, count) VALUES ('2026-11-22', 'perhekahvila', 3);"
                             "INSERT INTO sync_state (key, value) VALUES ('last_upload', 'x');", err, sizeof err), 0);
    CHECK_INT(import_file(db, MAJAKKA_TEST_DATA "/bundles/mini.json", NULL, err, sizeof err), 0);
    CHECK_INT(count("SELECT count FROM slip_counts WHERE service_id = 'perhekahvila'"), 3);
    CHECK_INT(count("SELECT count(*) FROM sync_state"), 1);
}

int main(void)
{
    char err[MJ_ERRLEN], p[512];
    size_t n;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/majakka-import-XXXXXX");
    if (!mkdtemp(tmpdir)) { perror("mkdtemp"); return 1; }
    fixture_ics = slurp(MAJAKKA_TEST_DATA "/bundles/mini.ics", &n);
    tpath(p, sizeof p, "store.db");
    if (!fixture_ics || store_open(p, &db, err, sizeof err)) { fprintf(stderr, "%s\n", err); return 1; }
    RUN(test_import_valid);
    RUN(test_bad_bundles);
    RUN(test_bad_bytes);
    RUN(test_bad_hashes_and_counts);
    RUN(test_bad_calendars);
    RUN(test_walk_in);
    RUN(test_reimport);
    RUN(test_other_tables_untouched);
    store_close(db);
    free(fixture_ics);
    static const char *const files[] = { "store.db", "store.db-wal", "store.db-shm", "bundle.json", "mini.ics", NULL };
    for (int i = 0; files[i]; i++) { tpath(p, sizeof p, files[i]); unlink(p); }
    rmdir(tmpdir);
    return TEST_DONE();
}
