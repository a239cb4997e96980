/* test_hours_cases.c - "open now?" with exact instants in Europe/Helsinki: normal and split days,
 * open/close minutes, past midnight, 24/7, exceptions, a DST change day; the hours without an
 * appointment (hours_walk_in); loading from a store. */
#include "test.h"
#include "hours.h"
#include "store.h"
#include "util.h"
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Mon 2027-03-01 00:00 EET; the week is all winter time. */
#define MAR01 1803852000
#define T(day, h, m) ((time_t)MAR01 + (day) * 86400 + (h) * 3600 + (m) * 60)

static char err[MJ_ERRLEN];

/* Mon, Tue, Thu, Fri 08-16; Wed 09-11 and 12-15; Fri also 20:00-02:00. */
static hours_range week[] = {
    { 0, 480, 960, 0 }, { 1, 480, 960, 0 }, { 2, 540, 660, 0 }, { 2, 720, 900, 0 }, { 3, 480, 960, 0 },
    { 4, 480, 960, 0 }, { 4, 1200, 120, 0 },
};
static hours_spec SPEC = { week, sizeof week / sizeof week[0], NULL, 0 };

static hours_state at(const hours_spec *spec, time_t now)
{
    hours_state st = { -1, -1 };
    CHECK_INT(hours_state_at(spec, now, "Europe/Helsinki", &st, err, sizeof err), MJ_OK);
    return st;
}

static void test_normal_day(void)
{
    hours_state s = at(&SPEC, T(0, 10, 0));
    CHECK_INT(s.open, 1); CHECK_INT(s.change_at, T(0, 16, 0));
    s = at(&SPEC, T(0, 7, 0));   /* before opening */
    CHECK_INT(s.open, 0); CHECK_INT(s.change_at, T(0, 8, 0));
    s = at(&SPEC, T(0, 8, 0));   /* the opening minute */
    CHECK_INT(s.open, 1); CHECK_INT(s.change_at, T(0, 16, 0));
    s = at(&SPEC, T(0, 15, 59) + 59);
    CHECK_INT(s.open, 1);
    s = at(&SPEC, T(0, 16, 0));  /* the closing minute: closed */
    CHECK_INT(s.open, 0); CHECK_INT(s.change_at, T(1, 8, 0));
}

static void test_split_day(void)
{
    hours_state s = at(&SPEC, T(2, 10, 0));
    CHECK_INT(s.open, 1); CHECK_INT(s.change_at, T(2, 11, 0));
    s = at(&SPEC, T(2, 11, 30));
    CHECK_INT(s.open, 0); CHECK_INT(s.change_at, T(2, 12, 0));
    s = at(&SPEC, T(2, 12, 0));
    CHECK_INT(s.open, 1); CHECK_INT(s.change_at, T(2, 15, 0));
}

static void test_past_midnight(void)
{
    hours_state s = at(&SPEC, T(4, 17, 0));
    CHECK_INT(s.open, 0); CHECK_INT(s.change_at, T(4, 20, 0));
    s = at(&SPEC, T(4, 23, 0));
    CHECK_INT(s.open, 1); CHECK_INT(s.change_at, T(5, 2, 0));
    s = at(&SPEC, T(5, 1, 30));  /* Saturday 01:30: Friday's evening is still open */
    CHECK_INT(s.open, 1); CHECK_INT(s.change_at, T(5, 2, 0));
    s = at(&SPEC, T(5, 3, 0));   /* then closed over the weekend */
    CHECK_INT(s.open, 0); CHECK_INT(s.change_at, T(7, 8, 0));
}

static void test_always_open(void)
{
    hours_range all[7];
    for (int d = 0; d < 7; d++) all[d] = (hours_range){ d, 0, 1440, 0 };
    hours_spec spec = { all, 7, NULL, 0 };
    hours_state s = at(&spec, T(2, 13, 37));
    CHECK_INT(s.open, 1); CHECK_INT(s.change_at, 0);   /* never closes within the horizon */
    /* Mon-Fri 00:00-24:00: one stretch, closing at Saturday midnight. */
    hours_spec weekdays = { all, 5, NULL, 0 };
    s = at(&weekdays, T(0, 12, 0));
    CHECK_INT(s.open, 1); CHECK_INT(s.change_at, T(5, 0, 0));
    s = at(&weekdays, T(5, 12, 0));
    CHECK_INT(s.open, 0); CHECK_INT(s.change_at, T(7, 0, 0));
}

static void test_exceptions(void)
{
    hours_exception ex[] = {
        { 2027, 3, 2, 1, 0, 0, 0 },        /* Tuesday closed (a holiday) */
        { 2027, 3, 4, 0, 540, 720, 0 },    /* Thursday 09-12 only */
        { 2027, 3, 6, 1, 0, 0, 0 },        /* Saturday closed: Friday's night still ends at 02:00 */
    };
    hours_spec spec = { week, sizeof week / sizeof week[0], ex, 3 };
    hours_state s = at(&spec, T(0, 17, 0));
    CHECK_INT(s.open, 0); CHECK_INT(s.change_at, T(2, 9, 0));   /* skips the holiday */
    s = at(&spec, T(1, 10, 0));
    CHECK_INT(s.open, 0); CHECK_INT(s.change_at, T(2, 9, 0));
    s = at(&spec, T(3, 11, 0));
    CHECK_INT(s.open, 1); CHECK_INT(s.change_at, T(3, 12, 0));
    s = at(&spec, T(3, 13, 0));
    CHECK_INT(s.open, 0); CHECK_INT(s.change_at, T(4, 8, 0));
    s = at(&spec, T(5, 1, 30));
    CHECK_INT(s.open, 1); CHECK_INT(s.change_at, T(5, 2, 0));

    hours_range r[8];
    CHECK_INT(hours_for_date(&spec, 2027, 3, 2, r, 8), 0);
    CHECK_INT(hours_for_date(&spec, 2027, 3, 4, r, 8), 1);
    CHECK_INT(r[0].day, 3); CHECK_INT(r[0].open_min, 540); CHECK_INT(r[0].close_min, 720);
    CHECK_INT(hours_for_date(&spec, 2027, 3, 3, r, 8), 2);
    CHECK_INT(r[0].open_min, 540); CHECK_INT(r[1].open_min, 720);
    CHECK_INT(hours_for_date(&spec, 2027, 3, 5, r, 1), 1);
    CHECK_INT(hours_for_date(&spec, 2027, 3, 7, r, 8), 0);
}

static void test_dst_day(void)
{
    /* Sunday 02:00-05:00 on 2027-03-28, when 03:00 EET becomes 04:00 EEST: two real hours. */
    hours_range sun[] = { { 6, 120, 300, 0 } };
    hours_spec spec = { sun, 1, NULL, 0 };
    hours_state s = at(&spec, 1806191940);                  /* 01:59 EET */
    CHECK_INT(s.open, 0); CHECK_INT(s.change_at, 1806192000);   /* 02:00 EET = 00:00Z */
    s = at(&spec, 1806197400);                              /* 04:30 EEST */
    CHECK_INT(s.open, 1); CHECK_INT(s.change_at, 1806199200);   /* 05:00 EEST = 02:00Z */
    /* and on 2027-10-31, 02:00-05:00 is four real hours. */
    s = at(&spec, 1824937200 + 60);                         /* 02:01 EEST */
    CHECK_INT(s.open, 1); CHECK_INT(s.change_at, 1824951600);   /* 05:00 EET = 03:00Z */
}

static void test_no_ranges(void)
{
    hours_spec spec = { NULL, 0, NULL, 0 };
    hours_state s = at(&spec, T(0, 12, 0));
    CHECK_INT(s.open, 0); CHECK_INT(s.change_at, 0);
    /* Opening beyond 14 days is "not within the horizon". */
    hours_exception ex[] = { { 2027, 3, 20, 0, 600, 660, 0 } };
    hours_spec later = { NULL, 0, ex, 1 };
    s = at(&later, T(0, 12, 0));
    CHECK_INT(s.open, 0); CHECK_INT(s.change_at, 0);
    s = at(&later, T(7, 12, 0));
    CHECK_INT(s.open, 0); CHECK_INT(s.change_at, T(19, 10, 0));
    CHECK_INT(hours_state_at(&spec, 0, "Nowhere/Else", &s, err, sizeof err), MJ_EINVAL);
}

static void test_walk_in(void)
{
    hours_spec w;
    /* nothing marked: all the hours are without an appointment */
    CHECK_INT(hours_walk_in(&SPEC, &w), MJ_OK);
    CHECK_INT(w.nranges, SPEC.nranges);
    hours_state s = at(&w, T(2, 10, 0));
    CHECK_INT(s.open, 1); CHECK_INT(s.change_at, T(2, 11, 0));
    hours_free(&w);
    /* Wednesday 12-15 marked: only then; Thursday's exception 10-12 marked, Friday's not */
    hours_range week2[sizeof week / sizeof week[0]];
    memcpy(week2, week, sizeof week);
    week2[3].walk_in = 1;
    hours_exception ex[] = { { 2027, 3, 4, 0, 600, 720, 1 }, { 2027, 3, 5, 0, 480, 720, 0 } };
    hours_spec marked = { week2, sizeof week2 / sizeof week2[0], ex, 2 };
    CHECK_INT(hours_walk_in(&marked, &w), MJ_OK);
    CHECK_INT(w.nranges, 1);
    CHECK_INT(w.nexceptions, 2);
    s = at(&w, T(2, 10, 0));                                  /* Wednesday morning: by appointment */
    CHECK_INT(s.open, 0); CHECK_INT(s.change_at, T(2, 12, 0));
    s = at(&w, T(2, 13, 0));
    CHECK_INT(s.open, 1); CHECK_INT(s.change_at, T(2, 15, 0));
    s = at(&w, T(2, 16, 0));                                  /* next: Thursday's marked exception */
    CHECK_INT(s.open, 0); CHECK_INT(s.change_at, T(3, 10, 0));
    s = at(&w, T(4, 9, 0));                                   /* Friday's exception is not marked */
    CHECK_INT(s.open, 0); CHECK_INT(s.change_at, T(9, 12, 0));
    s = at(&marked, T(4, 9, 0));                              /* while the service itself is open */
    CHECK_INT(s.open, 1);
    hours_free(&w);
    hours_spec none = { NULL, 0, NULL, 0 };
    CHECK_INT(hours_walk_in(&none, &w), MJ_OK);
    CHECK_INT(w.nranges, 0); CHECK(w.ranges == NULL);
    hours_free(&w);
}

static void test_load(void)
{
    char dir[] = "/tmp/majakka-hours-XXXXXX", path[128];
    CHECK(mkdtemp(dir) != NULL);
    snprintf(path, sizeof path, "%s/t.db", dir);
    store *s;
    CHECK_INT(store_open(path, &s, err, sizeof err), MJ_OK);
    CHECK_INT(store_exec(s, "INSERT INTO hours (owner_id, day, open_min, close_min) VALUES ('', 0, 480, 960), ('', 4, 1200, 120), ('neuvola', 2, 720, 900),"
                            " ('neuvola', 2, 540, 660);"
                            "INSERT INTO hours_exceptions (owner_id, date, closed, open_min, close_min, note) VALUES ('', '2027-03-02', 1, NULL, NULL, '{\"fi\":\"Pyhä\"}'),"
                            " ('', '2027-03-04', 0, 540, 720, NULL);"
                            "UPDATE hours SET walk_in = 1 WHERE owner_id = 'neuvola' AND open_min = 720;"
                            "UPDATE hours_exceptions SET walk_in = 1 WHERE date = '2027-03-04';", err, sizeof err), MJ_OK);
    hours_spec spec;
    CHECK_INT(hours_load(s, NULL, &spec, err, sizeof err), MJ_OK);
    CHECK_INT(spec.nranges, 2);
    CHECK_INT(spec.nexceptions, 2);
    if (spec.nranges == 2 && spec.nexceptions == 2) {
        CHECK_INT(spec.ranges[1].day, 4); CHECK_INT(spec.ranges[1].close_min, 120);
        CHECK_INT(spec.exceptions[0].mday, 2); CHECK_INT(spec.exceptions[0].closed, 1);
        CHECK_INT(spec.exceptions[1].open_min, 540); CHECK_INT(spec.exceptions[1].closed, 0);
        CHECK_INT(spec.exceptions[0].walk_in, 0); CHECK_INT(spec.exceptions[1].walk_in, 1);
    }
    hours_state st = at(&spec, T(0, 10, 0));
    CHECK_INT(st.open, 1); CHECK_INT(st.change_at, T(0, 16, 0));
    hours_free(&spec);
    CHECK_INT(hours_load(s, "neuvola", &spec, err, sizeof err), MJ_OK);
    CHECK_INT(spec.nranges, 2);
    CHECK_INT(spec.nexceptions, 0);
    if (spec.nranges == 2) {
        CHECK_INT(spec.ranges[0].open_min, 540); CHECK_INT(spec.ranges[0].walk_in, 0);
        CHECK_INT(spec.ranges[1].open_min, 720); CHECK_INT(spec.ranges[1].walk_in, 1);
    }
    hours_free(&spec);
    CHECK_INT(hours_load(s, "no-such", &spec, err, sizeof err), MJ_OK);
    CHECK_INT(spec.nranges, 0);
    hours_free(&spec);
    CHECK_INT(store_exec(s, "INSERT INTO hours_exceptions (owner_id, date, closed, open_min, close_min, note) VALUES ('bad', '2027-02-30', 1, NULL, NULL, NULL)", err, sizeof err), MJ_OK);
    CHECK_INT(hours_load(s, "bad", &spec, err, sizeof err), MJ_EINVAL);
    store_close(s);
    const char *sfx[] = { "", "-wal", "-shm" };
    for (int i = 0; i < 3; i++) { snprintf(path, sizeof path, "%s/t.db%s", dir, sfx[i]); unlink(path); }
    rmdir(dir);
}

int main(void)
{
    RUN(test_normal_day);
    RUN(test_split_day);
    RUN(test_past_midnight);
    RUN(test_always_open);
    RUN(test_exceptions);
    RUN(test_dst_day);
    RUN(test_no_ranges);
    RUN(test_walk_in);
    RUN(test_load);
    return TEST_DONE();
}
