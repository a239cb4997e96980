/* test_tz.c - local time in Europe/Helsinki through libical: both DST edges with exact
 * instants, round trips, parsing, and agreement with the C library's own zone data. */
#include "test.h"
#include "tz.h"
#include "util.h"
#include <stdlib.h>
#include <time.h>

static time_t from_local(int y, int mo, int d, int h, int mi, int s)
{
    tz_local lt = { y, mo, d, h, mi, s, 0 };
    time_t t = 0;
    CHECK_INT(tz_from_local(&lt, "Europe/Helsinki", &t), MJ_OK);
    return t;
}

static void check_local(time_t t, const char *expect, int wday)
{
    tz_local lt;
    char buf[20];
    CHECK_INT(tz_to_local(t, NULL, &lt), MJ_OK);
    tz_format_local(&lt, buf);
    CHECK_STR(buf, expect);
    CHECK_INT(lt.wday, wday);
}

/* Epochs from `TZ=Europe/Helsinki date -d '2027-03-28 02:30' +%s` and friends. */
static void test_spring_forward(void)
{
    CHECK_INT(from_local(2027, 3, 28, 2, 30, 0), 1806193800);   /* 02:30 EET = 00:30Z */
    CHECK_INT(from_local(2027, 3, 28, 2, 59, 59), 1806195599);
    /* 03:00-03:59 do not exist: moved forward by the gap (03:30 -> 04:30 EEST). */
    CHECK_INT(from_local(2027, 3, 28, 3, 0, 0), 1806195600);    /* = 04:00 EEST */
    CHECK_INT(from_local(2027, 3, 28, 3, 30, 0), 1806197400);   /* = 04:30 EEST */
    CHECK_INT(from_local(2027, 3, 28, 4, 0, 0), 1806195600);
    CHECK_INT(from_local(2027, 3, 28, 4, 30, 0), 1806197400);
    check_local(1806195599, "2027-03-28T02:59:59", 6);
    check_local(1806195600, "2027-03-28T04:00:00", 6);
    check_local(1806197400, "2027-03-28T04:30:00", 6);
    /* 2026 too: the last Sunday of March is the 29th. */
    CHECK_INT(from_local(2026, 3, 29, 3, 30, 0), 1774747800);
}

static void test_fall_back(void)
{
    /* 03:00-03:59 happen twice on 2027-10-31: the first (EEST) instant is taken. */
    CHECK_INT(from_local(2027, 10, 31, 3, 30, 0), 1824942600);  /* 03:30 EEST = 00:30Z */
    CHECK_INT(from_local(2027, 10, 31, 3, 0, 0), 1824940800);
    CHECK_INT(from_local(2027, 10, 31, 2, 59, 0), 1824940740);
    CHECK_INT(from_local(2027, 10, 31, 4, 0, 0), 1824948000);   /* 04:00 EET = 02:00Z */
    check_local(1824942600, "2027-10-31T03:30:00", 6);          /* first pass */
    check_local(1824944399, "2027-10-31T03:59:59", 6);
    check_local(1824944400, "2027-10-31T03:00:00", 6);          /* second pass begins */
    check_local(1824946200, "2027-10-31T03:30:00", 6);
    check_local(1824948000, "2027-10-31T04:00:00", 6);
}

static void test_round_trip(void)
{
    /* Every 15 minutes through 2027: local -> instant gives the instant back, except in the
     * second pass of the repeated hour, which maps to the first (an hour earlier). */
    int mismatches = 0, repeated = 0;
    for (time_t t = 1798754400; t < 1830290400; t += 900) {   /* 2027-01-01 .. 2028-01-01 */
        tz_local lt;
        time_t back;
        CHECK_INT(tz_to_local(t, "Europe/Helsinki", &lt), MJ_OK);
        CHECK_INT(tz_from_local(&lt, "Europe/Helsinki", &back), MJ_OK);
        if (back != t) {
            if (back == t - 3600 && t >= 1824944400 && t < 1824948000) repeated++;
            else mismatches++;
        }
    }
    CHECK_INT(mismatches, 0);
    CHECK_INT(repeated, 4);
    /* Local -> instant -> local keeps every existing local time. */
    tz_local lt = { 2027, 7, 1, 12, 0, 0, 0 }, back;
    time_t t;
    CHECK_INT(tz_from_local(&lt, NULL, &t), MJ_OK);
    CHECK_INT(t, 1814432400);
    CHECK_INT(tz_to_local(t, NULL, &back), MJ_OK);
    CHECK_INT(back.hour, 12);
    CHECK_INT(back.wday, 3);   /* a Thursday */
}

static void test_agrees_with_libc(void)
{
    /* glibc reads the same tzdata; 2020..2040 every 7 hours 13 minutes. */
    setenv("TZ", "Europe/Helsinki", 1);
    tzset();
    int bad = 0;
    for (time_t t = 1577836800; t < 2208988800; t += 7 * 3600 + 13 * 60) {
        struct tm tm;
        tz_local lt;
        localtime_r(&t, &tm);
        tz_to_local(t, NULL, &lt);
        if (lt.year != tm.tm_year + 1900 || lt.month != tm.tm_mon + 1 || lt.mday != tm.tm_mday ||
            lt.hour != tm.tm_hour || lt.minute != tm.tm_min || lt.wday != (tm.tm_wday + 6) % 7)
            bad++;
    }
    CHECK_INT(bad, 0);
    setenv("TZ", "UTC", 1);
    tzset();
}

static void test_naive(void)
{
    CHECK_INT(tz_days_from_civil(1970, 1, 1), 0);
    CHECK_INT(tz_days_from_civil(2000, 3, 1), 11017);
    CHECK_INT(tz_weekday_of_days(0), 3);
    tz_local lt;
    tz_from_naive(tz_days_from_civil(2028, 2, 29) * 86400LL + 86399, &lt);
    CHECK_INT(lt.year, 2028); CHECK_INT(lt.month, 2); CHECK_INT(lt.mday, 29);
    CHECK_INT(lt.hour, 23); CHECK_INT(lt.minute, 59); CHECK_INT(lt.second, 59);
    CHECK_INT(lt.wday, 1);
    tz_from_naive(tz_naive(&lt) + 1, &lt);
    CHECK_INT(lt.month, 3); CHECK_INT(lt.mday, 1); CHECK_INT(lt.hour, 0);
}

static void test_parse(void)
{
    tz_local lt;
    int d = -1;
    CHECK_INT(tz_parse_local("2027-03-28", &lt, &d), MJ_OK);
    CHECK_INT(d, 1); CHECK_INT(lt.wday, 6); CHECK_INT(lt.hour, 0);
    CHECK_INT(tz_parse_local("2027-03-28T10:15", &lt, &d), MJ_OK);
    CHECK_INT(d, 0); CHECK_INT(lt.hour, 10); CHECK_INT(lt.minute, 15);
    CHECK_INT(tz_parse_local("2028-02-29T23:59:59", &lt, NULL), MJ_OK);
    CHECK_INT(tz_parse_local("2027-02-29", &lt, NULL), MJ_EINVAL);
    CHECK_INT(tz_parse_local("2027-13-01", &lt, NULL), MJ_EINVAL);
    CHECK_INT(tz_parse_local("2027-01-01T24:00", &lt, NULL), MJ_EINVAL);
    CHECK_INT(tz_parse_local("2027-01-01 10:00", &lt, NULL), MJ_EINVAL);
    CHECK_INT(tz_parse_local("2027-1-01", &lt, NULL), MJ_EINVAL);
    CHECK_INT(tz_parse_local("", &lt, NULL), MJ_EINVAL);
    time_t t;
    CHECK_INT(tz_from_local(&lt, "Mars/Olympus_Mons", &t), MJ_EINVAL);
    CHECK_INT(tz_to_local(0, "Mars/Olympus_Mons", &lt), MJ_EINVAL);
}

int main(void)
{
    RUN(test_spring_forward);
    RUN(test_fall_back);
    RUN(test_round_trip);
    RUN(test_agrees_with_libc);
    RUN(test_naive);
    RUN(test_parse);
    return TEST_DONE();
}
