/* test_ui_open_text.c - the open-now line as a parent reads it (kiosk/when.h) with the shipped
 * catalogs, in every language: the Finnish essive weekday and time ("avautuu maanantaina klo
 * 9.00", "auki klo 16.00 asti"), Swedish "öppnar måndag kl. 9.00", English "opens Monday 9:00",
 * Arabic, Russian, Ukrainian and Somali forms; today, tomorrow, within the week and a date, by
 * calendar days (across a DST change), and nothing when no hours are known. */
#include "test.h"
#include "i18n.h"
#include "tz.h"
#include "util.h"
#include "when.h"
#include <stdlib.h>

static i18n *tr;
static const char *const HKI = "Europe/Helsinki";

static time_t at(int y, int mo, int d, int h, int mi)
{
    tz_local lt = { y, mo, d, h, mi, 0, 0 };
    time_t t = 0;
    if (tz_from_local(&lt, HKI, &t)) exit(2);
    return t;
}

static void use(const char *lang)
{
    const char *chain[] = { lang };
    i18n_set_chain(tr, chain, 1);
}

static const char *line(time_t now, int open, time_t change)
{
    static char buf[256];
    hours_state hs = { open, change };
    when_open_text(tr, HKI, now, &hs, buf, sizeof buf);
    return buf;
}

/* Wednesday 2 December 2026 at noon; closes 16.00 today; opens again Monday 7 December 9.00 */
struct row { const char *lang, *until_today, *opens_monday, *opens_tomorrow, *opens_date, *open, *closed; };
static const struct row rows[] = {
    { "fi", "Nyt auki klo 16.00 asti", "Suljettu, avautuu maanantaina klo 9.00",
      "Suljettu, avautuu huomenna klo 8.30", "Suljettu, avautuu 14.12. klo 9.00", "Nyt auki", "Suljettu" },
    { "sv", "Öppet nu till kl. 16.00", "Stängt, öppnar måndag kl. 9.00",
      "Stängt, öppnar i morgon kl. 8.30", "Stängt, öppnar 14 december kl. 9.00", "Öppet nu", "Stängt" },
    { "en", "Open now until 16:00", "Closed, opens Monday 9:00",
      "Closed, opens tomorrow 8:30", "Closed, opens 14 December 9:00", "Open now", "Closed" },
    { "ar", "مفتوح الآن، يغلق الساعة 16:00", "مغلق، يفتح يوم الاثنين الساعة 9:00",
      "مغلق، يفتح غدًا الساعة 8:30", "مغلق، يفتح 14 ديسمبر الساعة 9:00", "مفتوح الآن", "مغلق" },
    { "ru", "Открыто, закроется в 16:00", "Закрыто, откроется в понедельник в 9:00",
      "Закрыто, откроется завтра в 8:30", "Закрыто, откроется 14 декабря в 9:00", "Открыто", "Закрыто" },
    { "uk", "Відчинено, зачиниться о 16:00", "Зачинено, відчиниться у понеділок о 9:00",
      "Зачинено, відчиниться завтра о 8:30", "Зачинено, відчиниться 14 грудня о 9:00", "Відчинено", "Зачинено" },
    { "so", "Hadda waa furan yahay, waxaa la xirayaa 16:00",
      "Waa xiran yahay, waxaa la furayaa Isniinta 9:00",
      "Waa xiran yahay, waxaa la furayaa berri 8:30",
      "Waa xiran yahay, waxaa la furayaa 14 Desembar 9:00", "Hadda waa furan yahay", "Waa xiran yahay" },
};

static void test_every_language(void)
{
    time_t now = at(2026, 12, 2, 12, 0);
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        use(rows[i].lang);
        CHECK_STR(line(now, 1, at(2026, 12, 2, 16, 0)), rows[i].until_today);
        CHECK_STR(line(now, 0, at(2026, 12, 7, 9, 0)), rows[i].opens_monday);
        CHECK_STR(line(now, 0, at(2026, 12, 3, 8, 30)), rows[i].opens_tomorrow);
        CHECK_STR(line(now, 0, at(2026, 12, 14, 9, 0)), rows[i].opens_date);
        CHECK_STR(line(now, 1, 0), rows[i].open);
        CHECK_STR(line(now, 0, 0), rows[i].closed);
        CHECK_STR(line(now, 0, -1), "");                     /* no hours: nothing said */
    }
}

static void test_every_weekday_finnish(void)
{
    static const char *const want[7] = { "maanantaina", "tiistaina", "keskiviikkona", "torstaina",
                                         "perjantaina", "lauantaina", "sunnuntaina" };
    use("fi");
    for (int d = 0; d < 7; d++) {                            /* Monday 30 November .. Sunday 6 December */
        tz_local day, before;                                /* seen from two days before, 20.00 */
        tz_from_naive((tz_days_from_civil(2026, 11, 30) + d) * 86400LL + 10 * 3600 + 15 * 60, &day);
        tz_from_naive((tz_days_from_civil(2026, 11, 28) + d) * 86400LL + 20 * 3600, &before);
        char want_s[128];
        snprintf(want_s, sizeof want_s, "Suljettu, avautuu %s klo 10.15", want[d]);
        CHECK_INT(day.wday, d);
        CHECK_STR(line(at(before.year, before.month, before.mday, 20, 0), 0,
                       at(day.year, day.month, day.mday, 10, 15)), want_s);
    }
    time_t now = at(2026, 11, 28, 20, 0);                    /* a Saturday evening */
    CHECK_STR(line(now, 0, at(2026, 11, 29, 10, 15)), "Suljettu, avautuu huomenna klo 10.15");
    CHECK_STR(line(now, 0, at(2026, 12, 4, 10, 15)), "Suljettu, avautuu perjantaina klo 10.15");
    /* the next Saturday is a week away: said with its date */
    CHECK_STR(line(now, 0, at(2026, 12, 5, 10, 15)), "Suljettu, avautuu 5.12. klo 10.15");
}

static void test_calendar_days(void)
{
    use("fi");
    /* Saturday 28 March 2026 23.30: the next day has 23 hours (summer time from 03.00) */
    time_t now = at(2026, 3, 28, 23, 30);
    CHECK_STR(line(now, 0, at(2026, 3, 29, 23, 45)), "Suljettu, avautuu huomenna klo 23.45");
    CHECK_STR(line(now, 0, at(2026, 3, 30, 0, 15)), "Suljettu, avautuu maanantaina klo 0.15");
    /* open past midnight: closes 2.00 tomorrow, said so */
    CHECK_STR(line(at(2026, 12, 4, 22, 0), 1, at(2026, 12, 5, 2, 0)), "Nyt auki huomenna klo 2.00 asti");
    char buf[8];
    hours_state hs = { 0, at(2026, 12, 7, 9, 0) };
    when_open_text(tr, HKI, at(2026, 12, 2, 12, 0), &hs, buf, sizeof buf);
    CHECK_STR(buf, "Suljett");                               /* cut to the buffer, terminated */
}

/* the line of a service's hours without an appointment (the walk-in part of its hours) */
static void test_walk_in(void)
{
    char buf[256];
    time_t now = at(2026, 11, 30, 11, 0);                    /* Monday */
    hours_state next = { 0, at(2026, 12, 2, 12, 0) }, open = { 1, at(2026, 11, 30, 15, 0) }, never = { 0, 0 };
    use("fi");
    when_walk_in_text(tr, HKI, now, &next, buf, sizeof buf);
    CHECK_STR(buf, "Ilman ajanvarausta keskiviikkona klo 12.00 alkaen");
    when_walk_in_text(tr, HKI, now, &open, buf, sizeof buf);
    CHECK_STR(buf, "Nyt ilman ajanvarausta klo 15.00 asti");
    when_walk_in_text(tr, HKI, now, &never, buf, sizeof buf);
    CHECK_STR(buf, "");                                      /* none within the look-ahead: nothing said */
    use("en");
    when_walk_in_text(tr, HKI, now, &next, buf, sizeof buf);
    CHECK_STR(buf, "Without an appointment from Wednesday 12:00");
    use("ru");
    when_walk_in_text(tr, HKI, now, &open, buf, sizeof buf);
    CHECK_STR(buf, "Сейчас без записи, приём закончится в 15:00");
}

int main(void)
{
    char err[MJ_ERRLEN];
    if (i18n_open(MAJAKKA_ASSETS "/po", &tr, err, sizeof err)) { fprintf(stderr, "%s\n", err); return 1; }
    RUN(test_every_language);
    RUN(test_every_weekday_finnish);
    RUN(test_calendar_days);
    RUN(test_walk_in);
    i18n_close(tr);
    return TEST_DONE();
}
