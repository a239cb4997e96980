/* test_catalog_events.c - this week's occurrences as the Events screen gets them: recurrence,
 * cancellations, events from the calendar file, texts in the visitor's language, audiences. */
#include "test.h"
#include "catalog.h"
#include "import.h"
#include "model.h"
#include "tz.h"
#include "util.h"
#include <stdlib.h>

static store *st;

static time_t at(int y, int mo, int d, int h, int mi)
{
    tz_local lt = { .year = y, .month = mo, .mday = d, .hour = h, .minute = mi };
    time_t t;
    tz_from_local(&lt, NULL, &t);
    return t;
}

static void test_week(void)
{
    catalog_langs en;
    catalog_event *v;
    size_t n;
    char err[MJ_ERRLEN];
    catalog_langs_for(st, "en", &en, err, sizeof err);
    CHECK_INT(catalog_events_between(st, &en, at(2026, 11, 23, 0, 0), at(2026, 11, 30, 0, 0), 0, &v, &n, err, sizeof err), 0);
    CHECK_INT(n, 3);
    if (n == 3) {
        CHECK_STR(v[0].title, "Nursery rhymes");              /* from the calendar file, LANGUAGE=en */
        CHECK_INT(v[0].start, at(2026, 11, 23, 9, 30));
        CHECK_INT(v[0].end, at(2026, 11, 23, 10, 15));
        CHECK_STR(v[0].place, "Kirjaston satuhuone");
        CHECK_STR(v[1].id, "vauvakerho");
        CHECK_STR(v[1].title, "Baby club");
        CHECK_STR(v[1].description, "Leikkiä ja laulua vauvoille.");   /* no English: Finnish */
        CHECK_STR(v[1].place, "Library, Kirjastotie 1");
        CHECK_STR(v[1].service_id, "perhekahvila");
        CHECK_INT(v[1].start, at(2026, 11, 24, 10, 0));
        CHECK_INT(v[1].audiences, 1u << AUD_BABY);
        CHECK_INT(v[1].registration, 0);
        CHECK_STR(v[2].id, "isa-lapsi");
        CHECK_STR(v[2].place, "Uimahalli");
        CHECK_STR(v[2].cost, "5 €");
        CHECK_STR(v[2].url, "https://mll.example/isailta");
        CHECK_INT(v[2].registration, 1);
        CHECK_INT(v[2].free, 0);
        CHECK_INT(v[2].audiences, (1u << AUD_PARENT) | (1u << AUD_FAMILY));
    }
    catalog_events_free(v, n);
}

static void test_filters_and_cancellations(void)
{
    catalog_langs fi;
    catalog_event *v;
    size_t n;
    char err[MJ_ERRLEN];
    catalog_langs_for(st, "fi", &fi, err, sizeof err);
    CHECK_INT(catalog_events_between(st, &fi, at(2026, 11, 23, 0, 0), at(2026, 11, 30, 0, 0), 1u << AUD_PARENT,
                                     &v, &n, err, sizeof err), 0);
    CHECK_INT(n, 1);
    if (n) CHECK_STR(v[0].title, "Isä-lapsi-ilta");
    catalog_events_free(v, n);
    /* Tue 22.12. is cancelled by date, Tue 29.12. by date-time; Tue 5.1. is on. */
    CHECK_INT(catalog_events_between(st, &fi, at(2026, 12, 21, 0, 0), at(2027, 1, 6, 0, 0), 1u << AUD_BABY,
                                     &v, &n, err, sizeof err), 0);
    int vauva = 0;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(v[i].id, "vauvakerho")) {
            vauva++;
            CHECK_INT(v[i].start, at(2027, 1, 5, 10, 0));
        }
    CHECK_INT(vauva, 1);
    catalog_events_free(v, n);
    /* After UNTIL 31.5.2027 the series has ended. */
    CHECK_INT(catalog_events_between(st, &fi, at(2027, 6, 1, 0, 0), at(2027, 6, 30, 0, 0), 0, &v, &n, err, sizeof err), 0);
    CHECK_INT(n, 0);
    catalog_events_free(v, n);
}

int main(void)
{
    char dir[] = "/tmp/majakka-events-XXXXXX", path[256], err[MJ_ERRLEN];
    import_summary sum;
    if (!mkdtemp(dir)) return 1;
    snprintf(path, sizeof path, "%s/s.db", dir);
    if (store_open(path, &st, err, sizeof err) ||
        import_file(st, MAJAKKA_TEST_DATA "/bundles/mini.json", &sum, err, sizeof err)) {
        fprintf(stderr, "setup: %s\n", err);
        return 1;
    }
    RUN(test_week);
    RUN(test_filters_and_cancellations);
    store_close(st);
    snprintf(path, sizeof path, "rm -rf %s", dir);
    if (system(path)) return 1;
    return TEST_DONE();
}
