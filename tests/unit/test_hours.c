/* test_hours.c - "open now" and "opens next" at exact instants in Europe/Helsinki: split days,
 * exact open and close minutes, a range past midnight, 24/7, exceptions, and DST days. */
#include "test.h"
#include "hours.h"
#include "import.h"
#include "tz.h"
#include "util.h"
#include <stdlib.h>

static time_t at(int y, int mo, int d, int h, int mi)
{
    tz_local lt = { .year = y, .month = mo, .mday = d, .hour = h, .minute = mi };
    time_t t;
    tz_from_local(&lt, NULL, &t);
    return t;
}

#define M(h, m) ((h) * 60 + (m))
static hours_range week[] = {
    { 0, M(9, 0), M(11, 0), 0 }, { 0, M(12, 0), M(15, 0), 0 },   /* Mon, split */
    { 1, M(9, 0), M(16, 0), 0 }, { 2, M(9, 0), M(16, 0), 0 },     /* Tue, Wed */
    { 4, M(20, 0), M(2, 0), 0 },                                /* Fri night past midnight */
};
static hours_exception holidays[] = {
    { 2026, 12, 23, 0, M(9, 0), M(12, 0), 0 },                  /* short day */
    { 2026, 12, 24, 1, 0, 0, 0 },                               /* closed */
    { 2026, 11, 28, 1, 0, 0, 0 },                               /* a Saturday closed */
};
static hours_spec spec = { week, 5, holidays, 3 };

static void expect(const hours_spec *s, time_t now, int open, time_t change)
{
    hours_state st;
    char err[MJ_ERRLEN];
    CHECK_INT(hours_state_at(s, now, NULL, &st, err, sizeof err), 0);
    CHECK_INT(st.open, open);
    CHECK_INT(st.change_at, change);
}

static void test_ordinary_week(void)
{
    expect(&spec, at(2026, 11, 23, 8, 0), 0, at(2026, 11, 23, 9, 0));     /* Mon before opening */
    expect(&spec, at(2026, 11, 23, 9, 0), 1, at(2026, 11, 23, 11, 0));    /* the opening minute */
    expect(&spec, at(2026, 11, 23, 10, 59), 1, at(2026, 11, 23, 11, 0));
    expect(&spec, at(2026, 11, 23, 11, 0), 0, at(2026, 11, 23, 12, 0));   /* the closing minute: closed */
    expect(&spec, at(2026, 11, 23, 15, 0), 0, at(2026, 11, 24, 9, 0));
    expect(&spec, at(2026, 11, 25, 16, 0), 0, at(2026, 11, 27, 20, 0));   /* Wed evening to Fri night */
}

static void test_past_midnight(void)
{
    expect(&spec, at(2026, 11, 27, 23, 0), 1, at(2026, 11, 28, 2, 0));
    /* Saturday 28.11. is an exception (closed), but Friday's range still ends at 02:00. */
    expect(&spec, at(2026, 11, 28, 1, 30), 1, at(2026, 11, 28, 2, 0));
    expect(&spec, at(2026, 11, 28, 2, 0), 0, at(2026, 11, 30, 9, 0));
}

static void test_exceptions(void)
{
    expect(&spec, at(2026, 12, 23, 11, 59), 1, at(2026, 12, 23, 12, 0));  /* short day */
    expect(&spec, at(2026, 12, 23, 12, 0), 0, at(2026, 12, 25, 20, 0));   /* Thu closed, Fri night */
    hours_range r[8];
    CHECK_INT(hours_for_date(&spec, 2026, 12, 24, r, 8), 0);
    CHECK_INT(hours_for_date(&spec, 2026, 12, 23, r, 8), 1);
    CHECK_INT(r[0].open_min, M(9, 0));
    CHECK_INT(r[0].close_min, M(12, 0));
    CHECK_INT(r[0].day, 2);
    CHECK_INT(hours_for_date(&spec, 2026, 11, 30, r, 8), 2);
    CHECK_INT(r[1].open_min, M(12, 0));
    CHECK_INT(hours_for_date(&spec, 2026, 11, 30, r, 1), 1);
}

static void test_always_and_never(void)
{
    hours_range all[7];
    for (int d = 0; d < 7; d++) all[d] = (hours_range){ d, 0, 1440, 0 };
    hours_spec always = { all, 7, NULL, 0 };
    expect(&always, at(2026, 11, 23, 3, 0), 1, 0);
    hours_spec never = { NULL, 0, NULL, 0 };
    expect(&never, at(2026, 11, 23, 3, 0), 0, 0);
    /* 24/7 but closed on one day: closes at that midnight. */
    hours_exception x = { 2026, 11, 25, 1, 0, 0, 0 };
    hours_spec gap = { all, 7, &x, 1 };
    expect(&gap, at(2026, 11, 23, 3, 0), 1, at(2026, 11, 25, 0, 0));
    expect(&gap, at(2026, 11, 25, 12, 0), 0, at(2026, 11, 26, 0, 0));
}

static void test_dst_days(void)
{
    /* Sun 28.3.2027: 03:00 EET becomes 04:00 EEST. A 02:00-05:00 range lasts two real hours. */
    hours_range sun = { 6, M(2, 0), M(5, 0), 0 };
    hours_spec s = { &sun, 1, NULL, 0 };
    expect(&s, at(2027, 3, 28, 1, 59), 0, at(2027, 3, 28, 2, 0));
    time_t start = at(2027, 3, 28, 2, 0);
    hours_state st;
    char err[MJ_ERRLEN];
    CHECK_INT(hours_state_at(&s, start + 60, NULL, &st, err, sizeof err), 0);
    CHECK_INT(st.open, 1);
    CHECK_INT(st.change_at - start, 2 * 3600);
    CHECK_INT(start, 1806192000);                              /* 2027-03-28T00:00:00Z */
    /* Sun 31.10.2027: 04:00 EEST becomes 03:00 EET. The same range lasts four real hours. */
    start = at(2027, 10, 31, 2, 0);
    CHECK_INT(hours_state_at(&s, start + 60, NULL, &st, err, sizeof err), 0);
    CHECK_INT(st.change_at - start, 4 * 3600);
}

static void test_load(void)
{
    char dir[] = "/tmp/majakka-hours-XXXXXX", path[256], err[MJ_ERRLEN];
    store *st;
    import_summary sum;
    if (!mkdtemp(dir)) { CHECK(0); return; }
    snprintf(path, sizeof path, "%s/s.db", dir);
    CHECK_INT(store_open(path, &st, err, sizeof err), 0);
    CHECK_INT(import_file(st, MAJAKKA_TEST_DATA "/bundles/mini.json", &sum, err, sizeof err), 0);
    hours_spec site;
    CHECK_INT(hours_load(st, NULL, &site, err, sizeof err), 0);
    CHECK_INT(site.nranges, 2);
    CHECK_INT(site.ranges[1].day, 4);
    CHECK_INT(site.ranges[1].close_min, M(2, 0));
    CHECK_INT(site.nexceptions, 2);
    CHECK_INT(site.exceptions[0].mday, 23);
    CHECK_INT(site.exceptions[1].closed, 1);
    expect(&site, at(2026, 12, 24, 10, 0), 0, at(2026, 12, 25, 20, 0));
    hours_free(&site);
    hours_spec none;
    CHECK_INT(hours_load(st, "kriisipuhelin", &none, err, sizeof err), 0);
    CHECK_INT(none.nranges + none.nexceptions, 0);
    hours_free(&none);
    store_close(st);
    snprintf(path, sizeof path, "rm -rf %s", dir);
    CHECK_INT(system(path), 0);
}

int main(void)
{
    RUN(test_ordinary_week);
    RUN(test_past_midnight);
    RUN(test_exceptions);
    RUN(test_always_and_never);
    RUN(test_dst_days);
    RUN(test_load);
    return TEST_DONE();
}
