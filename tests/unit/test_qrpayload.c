/* test_qrpayload.c - "Take with you" payloads (core/qrpayload.h): the service's URL or MeCard,
 * the event's URL or VCALENDAR, their one escaping rule, and the address line. */
#include "test.h"
#include "qrpayload.h"
#include "util.h"
#include <string.h>

static void test_mecard(void)
{
    char buf[512];
    CHECK_INT(qrpayload_mecard(buf, sizeof buf, "Neuvola; Äitiys", "+358 9 123", NULL, "Majakkatie 3, 00990 Tuulikylä"), MJ_OK);
    CHECK_STR(buf, "MECARD:N:Neuvola\\; Äitiys;TEL:+358 9 123;ADR:Majakkatie 3\\, 00990 Tuulikylä;;");
    CHECK_INT(qrpayload_mecard(buf, sizeof buf, "A:B \"C\"\\", NULL, "x@y.fi", ""), MJ_OK);
    CHECK_STR(buf, "MECARD:N:A\\:B \\\"C\\\"\\\\;EMAIL:x@y.fi;;");
    /* line breaks and other control characters become spaces, a CR goes */
    CHECK_INT(qrpayload_mecard(buf, sizeof buf, "a\r\nb\tc", NULL, NULL, NULL), MJ_OK);
    CHECK_STR(buf, "MECARD:N:a b c;;");
    CHECK_INT(qrpayload_mecard(buf, sizeof buf, "عيادة الأمومة", "09 1", NULL, NULL), MJ_OK);
    CHECK_STR(buf, "MECARD:N:عيادة الأمومة;TEL:09 1;;");
    CHECK_INT(qrpayload_mecard(buf, 10, "Too long for ten bytes", NULL, NULL, NULL), MJ_EINVAL);
    CHECK_STR(buf, "");
    CHECK_INT(qrpayload_mecard(buf, sizeof buf, "\xff", NULL, NULL, NULL), MJ_EINVAL);
    CHECK_INT(qrpayload_mecard(buf, 0, "x", NULL, NULL, NULL), MJ_EINVAL);
    /* exactly full: the terminating NUL counts */
    CHECK_INT(qrpayload_mecard(buf, strlen("MECARD:N:x;;") + 1, "x", NULL, NULL, NULL), MJ_OK);
    CHECK_INT(qrpayload_mecard(buf, strlen("MECARD:N:x;;"), "x", NULL, NULL, NULL), MJ_EINVAL);
}

static void test_vcalendar(void)
{
    char buf[1024];
    /* 2026-11-24 08:00 UTC = 10:00 in Helsinki */
    CHECK_INT(qrpayload_vcalendar(buf, sizeof buf, "ev1", "Vauvakahvila, kaikille; tervetuloa", 1795507200, 1795514400,
                                  "Majakkatie 3\nTuulikylä", "https://x.example/a?b=1;c", 1795500000), MJ_OK);
    CHECK_STR(buf, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Majakka//Kiosk//EN\r\nBEGIN:VEVENT\r\n"
                   "UID:ev1\r\nDTSTAMP:20261124T060000Z\r\nSUMMARY:Vauvakahvila\\, kaikille\\; tervetuloa\r\n"
                   "DTSTART:20261124T080000Z\r\nDTEND:20261124T100000Z\r\n"
                   "LOCATION:Majakkatie 3\\nTuulikylä\r\nURL:https://x.example/a?b=1;c\r\n"
                   "END:VEVENT\r\nEND:VCALENDAR\r\n");
    CHECK_INT(qrpayload_vcalendar(buf, sizeof buf, NULL, NULL, 0, 0, NULL, NULL, 0), MJ_OK);
    CHECK_STR(buf, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Majakka//Kiosk//EN\r\nBEGIN:VEVENT\r\n"
                   "DTSTAMP:19700101T000000Z\r\nSUMMARY:\r\nDTSTART:19700101T000000Z\r\nDTEND:19700101T000000Z\r\n"
                   "END:VEVENT\r\nEND:VCALENDAR\r\n");
    CHECK_INT(qrpayload_vcalendar(buf, 100, "ev1", "x", 0, 0, NULL, NULL, 0), MJ_EINVAL);
    CHECK_STR(buf, "");
}

static void test_address(void)
{
    catalog_service s;
    char out[128];
    memset(&s, 0, sizeof s);
    qrpayload_address(&s, out, sizeof out);
    CHECK_STR(out, "");
    s.location_name = "Perhekeskus Majakka";
    qrpayload_address(&s, out, sizeof out);
    CHECK_STR(out, "Perhekeskus Majakka");
    s.street = "Majakkatie 3";
    qrpayload_address(&s, out, sizeof out);
    CHECK_STR(out, "Majakkatie 3");
    s.city = "Tuulikylä";
    qrpayload_address(&s, out, sizeof out);
    CHECK_STR(out, "Majakkatie 3, Tuulikylä");
    s.postal_code = "00990";
    qrpayload_address(&s, out, sizeof out);
    CHECK_STR(out, "Majakkatie 3, 00990 Tuulikylä");
    s.city = "";
    qrpayload_address(&s, out, sizeof out);
    CHECK_STR(out, "Majakkatie 3, 00990");
    s.city = "Tuulikylä";
    qrpayload_address(&s, out, 30);   /* cut inside "ä": no half character left */
    CHECK_STR(out, "Majakkatie 3, 00990 Tuulikyl");
}

static void test_service_and_event(void)
{
    catalog_service s;
    char out[600];
    memset(&s, 0, sizeof s);
    s.name = "Neuvola";
    CHECK_INT(qrpayload_service(out, sizeof out, &s), MJ_ENOTFOUND);
    CHECK_STR(out, "");
    s.phone = "09 310 5000";
    CHECK_INT(qrpayload_service(out, sizeof out, &s), MJ_OK);
    CHECK_STR(out, "MECARD:N:Neuvola;TEL:09 310 5000;;");
    s.location_name = "Talo";
    CHECK_INT(qrpayload_service(out, sizeof out, &s), MJ_OK);
    CHECK_STR(out, "MECARD:N:Neuvola;TEL:09 310 5000;ADR:Talo;;");
    s.url = "https://perhekeskus.example.fi/neuvola";
    CHECK_INT(qrpayload_service(out, sizeof out, &s), MJ_OK);
    CHECK_STR(out, "https://perhekeskus.example.fi/neuvola");
    CHECK_INT(qrpayload_service(out, 10, &s), MJ_EINVAL);

    catalog_event e;
    memset(&e, 0, sizeof e);
    snprintf(e.id, sizeof e.id, "kerho");
    e.title = "Perhekerho";
    e.start = 1795507200;
    e.end = 1795514400;
    CHECK_INT(qrpayload_event(out, sizeof out, &e, 1795507200), MJ_OK);
    CHECK(strstr(out, "BEGIN:VCALENDAR\r\n") == out);
    CHECK(strstr(out, "\r\nUID:kerho\r\nDTSTAMP:20261124T080000Z\r\nSUMMARY:Perhekerho\r\n") != NULL);
    e.url = "https://perhekeskus.example.fi/kerho";
    CHECK_INT(qrpayload_event(out, sizeof out, &e, 0), MJ_OK);
    CHECK_STR(out, "https://perhekeskus.example.fi/kerho");
}

int main(void)
{
    RUN(test_mecard);
    RUN(test_vcalendar);
    RUN(test_address);
    RUN(test_service_and_event);
    return TEST_DONE();
}
