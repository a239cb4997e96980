/* test_catalog_events_langs.c - events between two instants with texts resolved in the visitor's
 * language order, place from the location or the `place` text, and the audience filter.
 * The store is filled with plain SQL. */
#include "test.h"
#include "catalog.h"
#include "model.h"
#include "store.h"
#include "util.h"
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAR01 1803852000   /* Mon 2027-03-01 00:00 EET */
#define T(day, h, m) ((time_t)MAR01 + (day) * 86400 + (h) * 3600 + (m) * 60)

static char err[MJ_ERRLEN];
static store *S;
static char dir[64];

static void setup(void)
{
    char path[128];
    snprintf(dir, sizeof dir, "/tmp/majakka-catev-XXXXXX");
    CHECK(mkdtemp(dir) != NULL);
    snprintf(path, sizeof path, "%s/t.db", dir);
    CHECK_INT(store_open(path, &S, err, sizeof err), MJ_OK);
    int rc = store_exec(S,
        "INSERT INTO organizations VALUES ('city', '{\"fi\":\"Kaupunki\"}', 'municipality', NULL, NULL, NULL);"
        "INSERT INTO services (id, organization_id, name, summary, free, sort) VALUES"
        " ('neuvola', 'city', '{\"fi\":\"Neuvola\"}', '{\"fi\":\"Neuvola\"}', 1, 0);"
        "INSERT INTO locations (id, name, street, postal_code, city) VALUES"
        " ('talo', '{\"fi\":\"Perhetalo\",\"sv\":\"Familjehuset\"}', '{\"fi\":\"Kirkkokatu 1\",\"sv\":\"Kyrkogatan 1\"}',"
        "  '00100', '{\"fi\":\"Tuulikylä\"}');"
        "INSERT INTO events (id, title, description, service_id, location_id, place, start_local, end_local, rrule,"
        " free, cost, registration, url, sort) VALUES"
        " ('babycafe', '{\"fi\":\"Vauvakahvila\",\"sv\":\"Babycafé\"}', '{\"fi\":\"Kahvia ja juttua\"}', 'neuvola',"
        "  'talo', NULL, '2027-01-05T10:00:00', '2027-01-05T11:30:00', 'FREQ=WEEKLY', 1, NULL, 0, NULL, 0),"
        " ('kerho', '{\"fi\":\"Perhekerho\"}', NULL, NULL, NULL, '{\"fi\":\"Kirjasto, 2. krs\"}',"
        "  '2027-03-03T09:00:00', '2027-03-03T11:00:00', NULL, 0, '{\"fi\":\"5 €\",\"en\":\"5 €\"}', 1,"
        "  'https://example.org/kerho', 1),"
        " ('isat', '{\"en\":\"Dads'' club\"}', NULL, NULL, NULL, NULL,"
        "  '2027-03-08T18:00:00', '2027-03-08T20:00:00', 'FREQ=DAILY;COUNT=2', 1, NULL, 0, NULL, 2);"
        "INSERT INTO event_audiences VALUES ('babycafe', 'baby'), ('babycafe', 'family'),"
        " ('kerho', 'under_school_age'), ('isat', 'parent');", err, sizeof err);
    if (rc) fprintf(stderr, "%s\n", err);
    CHECK_INT(rc, MJ_OK);
}

static void teardown(void)
{
    char path[160];
    store_close(S);
    const char *sfx[] = { "", "-wal", "-shm" };
    for (int i = 0; i < 3; i++) { snprintf(path, sizeof path, "%s/t.db%s", dir, sfx[i]); unlink(path); }
    rmdir(dir);
}

static catalog_langs langs(const char *a, const char *b)
{
    catalog_langs l = { .n = 0 };
    if (a) snprintf(l.lang[l.n++], 16, "%s", a);
    if (b) snprintf(l.lang[l.n++], 16, "%s", b);
    return l;
}

static void test_all(void)
{
    catalog_langs l = langs("sv", "fi");
    catalog_event *v = NULL;
    size_t n = 0;
    CHECK_INT(catalog_events_between(S, &l, T(0, 0, 0), T(14, 0, 0), 0, &v, &n, err, sizeof err), MJ_OK);
    CHECK_INT(n, 5);
    if (n == 5) {
        CHECK_STR(v[0].id, "babycafe");
        CHECK_INT(v[0].start, T(1, 10, 0)); CHECK_INT(v[0].end, T(1, 11, 30));
        CHECK_STR(v[0].title, "Babycafé");                      /* sv first */
        CHECK_STR(v[0].description, "Kahvia ja juttua");        /* no sv: fi */
        CHECK_STR(v[0].place, "Familjehuset, Kyrkogatan 1");
        CHECK_STR(v[0].service_id, "neuvola");
        CHECK_INT(v[0].audiences, (1u << AUD_BABY) | (1u << AUD_FAMILY));
        CHECK_INT(v[0].free, 1); CHECK_INT(v[0].registration, 0);
        CHECK(v[0].cost == NULL); CHECK(v[0].url == NULL);
        CHECK_STR(v[1].id, "kerho");
        CHECK_INT(v[1].start, T(2, 9, 0));
        CHECK_STR(v[1].title, "Perhekerho");
        CHECK_STR(v[1].place, "Kirjasto, 2. krs");
        CHECK_STR(v[1].cost, "5 €");
        CHECK_STR(v[1].url, "https://example.org/kerho");
        CHECK_STR(v[1].service_id, "");
        CHECK_INT(v[1].free, 0); CHECK_INT(v[1].registration, 1);
        CHECK(v[1].description == NULL);
        CHECK_STR(v[2].id, "isat");
        CHECK_INT(v[2].start, T(7, 18, 0));
        CHECK_STR(v[2].title, "Dads' club");                    /* neither sv nor fi: any */
        CHECK(v[2].place == NULL);
        CHECK_STR(v[3].id, "babycafe"); CHECK_INT(v[3].start, T(8, 10, 0));
        CHECK_STR(v[3].title, "Babycafé");
        CHECK_STR(v[4].id, "isat"); CHECK_INT(v[4].start, T(8, 18, 0));
    }
    catalog_events_free(v, n);

    l = langs("fi", NULL);
    CHECK_INT(catalog_events_between(S, &l, T(0, 0, 0), T(2, 0, 0), 0, &v, &n, err, sizeof err), MJ_OK);
    CHECK_INT(n, 1);
    if (n == 1) {
        CHECK_STR(v[0].title, "Vauvakahvila");
        CHECK_STR(v[0].place, "Perhetalo, Kirkkokatu 1");
    }
    catalog_events_free(v, n);
}

static void test_audiences(void)
{
    catalog_langs l = langs("fi", "en");
    catalog_event *v = NULL;
    size_t n = 0;
    CHECK_INT(catalog_events_between(S, &l, T(0, 0, 0), T(14, 0, 0), 1u << AUD_BABY, &v, &n, err, sizeof err), MJ_OK);
    CHECK_INT(n, 2);
    for (size_t i = 0; i < n; i++) CHECK_STR(v[i].id, "babycafe");
    catalog_events_free(v, n);
    CHECK_INT(catalog_events_between(S, &l, T(0, 0, 0), T(14, 0, 0), (1u << AUD_PARENT) | (1u << AUD_UNDER_SCHOOL_AGE),
                                     &v, &n, err, sizeof err), MJ_OK);
    CHECK_INT(n, 3);
    if (n == 3) { CHECK_STR(v[0].id, "kerho"); CHECK_STR(v[1].id, "isat"); CHECK_STR(v[2].id, "isat"); }
    catalog_events_free(v, n);
    CHECK_INT(catalog_events_between(S, &l, T(0, 0, 0), T(14, 0, 0), 1u << AUD_TEEN, &v, &n, err, sizeof err), MJ_OK);
    CHECK_INT(n, 0);
    catalog_events_free(v, n);
}

static void test_odd_input(void)
{
    /* A language code that is not one is ignored (and never reaches SQL text). */
    catalog_langs l = langs("x\"') OR 1", "sv");
    catalog_event *v = NULL;
    size_t n = 0;
    CHECK_INT(catalog_events_between(S, &l, T(0, 0, 0), T(2, 0, 0), 0, &v, &n, err, sizeof err), MJ_OK);
    CHECK_INT(n, 1);
    if (n == 1) CHECK_STR(v[0].title, "Babycafé");
    catalog_events_free(v, n);
    /* No languages at all: any language. */
    l = langs(NULL, NULL);
    CHECK_INT(catalog_events_between(S, &l, T(2, 0, 0), T(3, 0, 0), 0, &v, &n, err, sizeof err), MJ_OK);
    CHECK_INT(n, 1);
    if (n == 1) CHECK_STR(v[0].title, "Perhekerho");
    catalog_events_free(v, n);
    /* An empty window. */
    CHECK_INT(catalog_events_between(S, &l, T(3, 0, 0), T(3, 0, 0), 0, &v, &n, err, sizeof err), MJ_OK);
    CHECK_INT(n, 0);
    CHECK(v == NULL);
    catalog_events_free(v, n);
}

int main(void)
{
    setup();
    RUN(test_all);
    RUN(test_audiences);
    RUN(test_odd_input);
    teardown();
    return TEST_DONE();
}
