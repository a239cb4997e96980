/* test_bundle_ics.c - the calendar reader on what real exporters write (issue 12): time zones
 * (IANA, GMT, Windows names and display names, a VTIMEZONE of the file, X-WR-TIMEZONE, floating),
 * empty properties, byte-order mark, LF lines, folds inside a UTF-8 character, events without
 * UID or DTEND, RDATE, several RRULEs, EXDATE in UTC, RECURRENCE-ID before its series, cancelled
 * and THISANDFUTURE overrides. Each case reads one file with bics_merge and checks the events. */
#include "test.h"
#include "bundle_int.h"
#include "util.h"
#include <stdlib.h>
#include <string.h>

static json_t *E, *SKIPPED;
static char err[MJ_ERRLEN];

#define HEAD "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
#define TAIL "END:VCALENDAR\r\n"

static int read_ics(const char *text)
{
    bvctx v;
    json_decref(E);
    json_decref(SKIPPED);
    E = json_array();
    SKIPPED = NULL;
    err[0] = 0;
    CHECK_INT(bv_init(&v, err, sizeof err), MJ_OK);
    v.default_language = "fi";
    int rc = bics_merge(&v, "t.ics", text, strlen(text), E);
    SKIPPED = json_incref(v.skipped);
    for (size_t i = 0; i < json_array_size(SKIPPED); i++)
        fprintf(stderr, "  skipped: %s\n", json_string_value(json_array_get(SKIPPED, i)));
    bv_free(&v);
    return rc;
}

static json_t *ev(const char *id)
{
    size_t i;
    json_t *x;
    json_array_foreach(E, i, x)
        if (strcmp(json_string_value(json_object_get(x, "id")), id) == 0) return x;
    fprintf(stderr, "no event %s\n", id);
    return NULL;
}

static const char *field(const char *id, const char *key)
{
    json_t *x = ev(id);
    json_t *f = x ? json_object_get(x, key) : NULL;
    return f ? json_string_value(f) : NULL;
}

#define ONE(props) HEAD "BEGIN:VEVENT\r\nUID:e\r\nSUMMARY:s\r\n" props "END:VEVENT\r\n" TAIL

static void start_is(const char *ics, const char *want)
{
    CHECK_INT(read_ics(ics), MJ_OK);
    CHECK_INT(json_array_size(SKIPPED), 0);
    CHECK_STR(field("ics-e", "start"), want);
}

static void test_zones(void)
{
    start_is(ONE("DTSTART;TZID=Europe/Paris:20261201T100000\r\nDTEND;TZID=Europe/Paris:20261201T110000\r\n"),
             "2026-12-01T11:00:00");
    CHECK_STR(field("ics-e", "end"), "2026-12-01T12:00:00");
    start_is(ONE("DTSTART;TZID=Europe/Paris:20260701T100000\r\nDURATION:PT1H\r\n"), "2026-07-01T11:00:00");
    start_is(ONE("DTSTART;TZID=GMT:20261201T100000\r\nDURATION:PT1H\r\n"), "2026-12-01T12:00:00");
    start_is(ONE("DTSTART;TZID=UTC:20260701T100000\r\nDURATION:PT1H\r\n"), "2026-07-01T13:00:00");
    start_is(ONE("DTSTART;TZID=America/New_York:20261201T100000\r\nDURATION:PT1H\r\n"), "2026-12-01T17:00:00");
    start_is(ONE("DTSTART;TZID=/mozilla.org/20070129_1/Europe/Berlin:20261201T100000\r\nDURATION:PT1H\r\n"),
             "2026-12-01T11:00:00");
    /* Windows names (CLDR) and display names */
    start_is(ONE("DTSTART;TZID=FLE Standard Time:20261201T100000\r\nDURATION:PT1H\r\n"), "2026-12-01T10:00:00");
    start_is(ONE("DTSTART;TZID=W. Europe Standard Time:20261201T100000\r\nDURATION:PT1H\r\n"), "2026-12-01T11:00:00");
    start_is(ONE("DTSTART;TZID=\"(UTC+02:00) Helsinki, Kyiv, Riga, Sofia, Tallinn, Vilnius\":20260701T100000\r\n"
                 "DURATION:PT1H\r\n"), "2026-07-01T10:00:00");
    start_is(ONE("DTSTART;TZID=\"(UTC+01:00) Berlin\":20261201T100000\r\nDURATION:PT1H\r\n"), "2026-12-01T11:00:00");
    /* a zone only the file defines */
    start_is(HEAD "BEGIN:VTIMEZONE\r\nTZID:My Zone\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\n"
             "TZOFFSETFROM:+0500\r\nTZOFFSETTO:+0500\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
             "BEGIN:VEVENT\r\nUID:e\r\nSUMMARY:s\r\nDTSTART;TZID=My Zone:20261201T100000\r\nDURATION:PT1H\r\n"
             "END:VEVENT\r\n" TAIL, "2026-12-01T07:00:00");
    /* floating: X-WR-TIMEZONE when given, else the site's */
    start_is(HEAD "X-WR-TIMEZONE:America/New_York\r\nBEGIN:VEVENT\r\nUID:e\r\nSUMMARY:s\r\n"
             "DTSTART:20261201T100000\r\nDURATION:PT1H\r\nEND:VEVENT\r\n" TAIL, "2026-12-01T17:00:00");
    start_is(ONE("DTSTART:20261201T100000\r\nDURATION:PT1H\r\n"), "2026-12-01T10:00:00");
    /* EXDATE in UTC and in another zone, for a Helsinki series */
    start_is(ONE("DTSTART;TZID=Europe/Helsinki:20261201T100000\r\nDURATION:PT1H\r\nRRULE:FREQ=WEEKLY\r\n"
                 "EXDATE:20261208T080000Z\r\nEXDATE;TZID=Europe/Berlin:20261215T090000\r\n"), "2026-12-01T10:00:00");
    json_t *x = json_object_get(ev("ics-e"), "exdates");
    CHECK_INT(json_array_size(x), 2);
    CHECK_STR(json_string_value(json_array_get(x, 0)), "2026-12-08T10:00:00");
    CHECK_STR(json_string_value(json_array_get(x, 1)), "2026-12-15T10:00:00");
}

static void test_exporter_quirks(void)
{
    /* empty properties are ignored */
    CHECK_INT(read_ics(ONE("DESCRIPTION:\r\nLOCATION:\r\nDTSTART:20261201T100000Z\r\nDTEND:20261201T110000Z\r\n")), MJ_OK);
    CHECK_INT(json_array_size(SKIPPED), 0);
    CHECK(ev("ics-e") && !json_object_get(ev("ics-e"), "description"));
    /* byte-order mark, LF only, a fold inside "ä" (0xc3 0xa4) */
    CHECK_INT(read_ics("\xef\xbb\xbf" "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:e\nSUMMARY:Perhekahvila \xc3\n"
                       " \xa4iti\nDTSTART:20261201T100000Z\nDTEND:20261201T110000Z\nEND:VEVENT\nEND:VCALENDAR\n"), MJ_OK);
    CHECK_INT(json_array_size(E), 1);
    json_t *t = json_object_get(ev("ics-e"), "title");
    CHECK_STR(json_string_value(json_object_get(t, "fi")), "Perhekahvila \xc3\xa4iti");
    /* DTSTART alone: an instant; a date alone: the day */
    CHECK_INT(read_ics(ONE("DTSTART:20261201T100000Z\r\n")), MJ_OK);
    CHECK_STR(field("ics-e", "end"), "2026-12-01T12:00:00");
    CHECK_INT(read_ics(ONE("DTSTART;VALUE=DATE:20261201\r\n")), MJ_OK);
    CHECK_STR(field("ics-e", "end"), "2026-12-02T00:00:00");
    /* no UID: a stable id from the content */
    const char *noid = HEAD "BEGIN:VEVENT\r\nSUMMARY:a\r\nDTSTART:20261201T100000Z\r\nDTEND:20261201T110000Z\r\nEND:VEVENT\r\n"
                       "BEGIN:VEVENT\r\nSUMMARY:b\r\nDTSTART:20261201T100000Z\r\nDTEND:20261201T110000Z\r\nEND:VEVENT\r\n" TAIL;
    CHECK_INT(read_ics(noid), MJ_OK);
    CHECK_INT(json_array_size(E), 2);
    char id0[80], id1[80];
    snprintf(id0, sizeof id0, "%s", json_string_value(json_object_get(json_array_get(E, 0), "id")));
    snprintf(id1, sizeof id1, "%s", json_string_value(json_object_get(json_array_get(E, 1), "id")));
    CHECK(strncmp(id0, "ics-noid-", 9) == 0);
    CHECK(strcmp(id0, id1) != 0);
    CHECK_INT(read_ics(noid), MJ_OK);
    CHECK_STR(json_string_value(json_object_get(json_array_get(E, 0), "id")), id0);
    /* not UTF-8, or not iCalendar: the whole file */
    CHECK_INT(read_ics(ONE("DTSTART:20261201T100000Z\r\nDESCRIPTION:\xff\r\n")), MJ_EINVAL);
    CHECK_STR(err, "calendar: \"t.ics\" is not valid UTF-8");
    CHECK_INT(read_ics("hello"), MJ_EINVAL);
}

static void test_series(void)
{
    /* RDATE (a date-time and a period) and a second RRULE become events of their own */
    CHECK_INT(read_ics(ONE("DTSTART:20261201T100000Z\r\nDTEND:20261201T110000Z\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\n"
                           "RRULE:FREQ=MONTHLY;BYDAY=1FR\r\nRDATE:20261224T100000Z\r\n"
                           "RDATE;VALUE=PERIOD:20261231T100000Z/20261231T130000Z\r\n")), MJ_OK);
    CHECK_INT(json_array_size(SKIPPED), 0);
    CHECK_INT(json_array_size(E), 4);
    CHECK_STR(field("ics-e", "rrule"), "FREQ=WEEKLY;COUNT=3");
    CHECK_STR(field("ics-e-rr2", "rrule"), "FREQ=MONTHLY;BYDAY=1FR");
    CHECK_STR(field("ics-e-d20261224t120000", "end"), "2026-12-24T13:00:00");
    CHECK_STR(field("ics-e-d20261231t120000", "end"), "2026-12-31T15:00:00");
    CHECK(ev("ics-e-d20261224t120000") && !json_object_get(ev("ics-e-d20261224t120000"), "rrule"));
    /* overrides before their series, a cancelled one, one that moves this and what follows */
    CHECK_INT(read_ics(HEAD
        "BEGIN:VEVENT\r\nUID:s\r\nSUMMARY:moved\r\nRECURRENCE-ID;TZID=Europe/Helsinki:20261208T100000\r\n"
        "DTSTART;TZID=Europe/Helsinki:20261209T100000\r\nDTEND;TZID=Europe/Helsinki:20261209T110000\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:s\r\nSUMMARY:weekly\r\nDTSTART;TZID=Europe/Helsinki:20261201T100000\r\n"
        "DTEND;TZID=Europe/Helsinki:20261201T110000\r\nRRULE:FREQ=WEEKLY\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:s\r\nSUMMARY:gone\r\nSTATUS:CANCELLED\r\nRECURRENCE-ID:20261215T080000Z\r\n"
        "DTSTART:20261215T080000Z\r\nDTEND:20261215T090000Z\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:s\r\nSUMMARY:later\r\nRECURRENCE-ID;RANGE=THISANDFUTURE;TZID=Europe/Helsinki:20270105T100000\r\n"
        "DTSTART;TZID=Europe/Helsinki:20270105T120000\r\nDTEND;TZID=Europe/Helsinki:20270105T130000\r\nEND:VEVENT\r\n" TAIL),
        MJ_OK);
    CHECK_INT(json_array_size(SKIPPED), 0);
    CHECK_INT(json_array_size(E), 3);
    json_t *x = json_object_get(ev("ics-s"), "exdates");
    CHECK_INT(json_array_size(x), 3);
    CHECK_STR(json_string_value(json_array_get(x, 0)), "2026-12-08T10:00:00");
    CHECK_STR(json_string_value(json_array_get(x, 1)), "2026-12-15T10:00:00");
    CHECK_STR(field("ics-s", "rrule"), "FREQ=WEEKLY;UNTIL=20270105T095959");
    CHECK_STR(field("ics-s-r20261208t100000", "start"), "2026-12-09T10:00:00");
    CHECK_STR(field("ics-s-r20270105t100000", "rrule"), "FREQ=WEEKLY");
    CHECK_STR(field("ics-s-r20270105t100000", "start"), "2027-01-05T12:00:00");
}

/* A THISANDFUTURE override moves the rest of the series; a later plain override names its
 * occurrence by the original time and cancels the moved one (RFC 5545 3.8.4.4). */
static void test_thisandfuture_chain(void)
{
    CHECK_INT(read_ics(HEAD
        "BEGIN:VEVENT\r\nUID:c\r\nSUMMARY:daily\r\nDTSTART;TZID=Europe/Helsinki:20261201T100000\r\n"
        "DTEND;TZID=Europe/Helsinki:20261201T110000\r\nRRULE:FREQ=DAILY;UNTIL=20261231\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:c\r\nSUMMARY:later\r\nRECURRENCE-ID;RANGE=THISANDFUTURE;TZID=Europe/Helsinki:20261203T100000\r\n"
        "DTSTART;TZID=Europe/Helsinki:20261203T120000\r\nDTEND;TZID=Europe/Helsinki:20261203T130000\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:c\r\nSUMMARY:one\r\nRECURRENCE-ID;TZID=Europe/Helsinki:20261205T100000\r\n"
        "DTSTART;TZID=Europe/Helsinki:20261205T150000\r\nDTEND;TZID=Europe/Helsinki:20261205T160000\r\nEND:VEVENT\r\n" TAIL),
        MJ_OK);
    CHECK_INT(json_array_size(E), 3);
    CHECK_STR(field("ics-c", "rrule"), "FREQ=DAILY;UNTIL=20261203T095959");
    CHECK_STR(field("ics-c-r20261203t100000", "rrule"), "FREQ=DAILY;UNTIL=20261231");
    json_t *x = json_object_get(ev("ics-c-r20261203t100000"), "exdates");
    CHECK_INT(json_array_size(x), 1);
    CHECK_STR(json_string_value(json_array_get(x, 0)), "2026-12-05T12:00:00");
    CHECK(ev("ics-c-r20261203t100000") && !json_object_get(ev("ics-c-r20261203t100000"), "x-majakka-shift"));
    CHECK_STR(field("ics-c-r20261205t100000", "start"), "2026-12-05T15:00:00");
}

int main(void)
{
    RUN(test_zones);
    RUN(test_exporter_quirks);
    RUN(test_series);
    RUN(test_thisandfuture_chain);
    json_decref(E);
    json_decref(SKIPPED);
    return TEST_DONE();
}
