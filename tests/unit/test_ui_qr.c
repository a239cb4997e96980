/* test_ui_qr.c - "Take with you" payloads: MeCard and VEVENT text with their escaping, and the
 * QR matrix libqrencode gives for them. */
#include "test.h"
#include "qr.h"
#include "util.h"
#include <stdlib.h>

static void test_mecard(void)
{
    char buf[512];
    CHECK_INT(qr_mecard(buf, sizeof buf, "Neuvola; Äitiys", "+358 9 123", NULL, "Majakkatie 3, 00990 Tuulikylä"), MJ_OK);
    CHECK_STR(buf, "MECARD:N:Neuvola\\; Äitiys;TEL:+358 9 123;ADR:Majakkatie 3\\, 00990 Tuulikylä;;");
    CHECK_INT(qr_mecard(buf, sizeof buf, "A:B", NULL, "x@y.fi", NULL), MJ_OK);
    CHECK_STR(buf, "MECARD:N:A\\:B;EMAIL:x@y.fi;;");
    CHECK_INT(qr_mecard(buf, 10, "Too long for ten bytes", NULL, NULL, NULL), MJ_EINVAL);
}

static void test_vevent(void)
{
    char buf[512];
    /* 2026-11-24 08:00 UTC = 10:00 in Helsinki */
    CHECK_INT(qr_vevent(buf, sizeof buf, "ev1", "Vauvakahvila, kaikille", 1795507200, 1795514400,
                        "Majakkatie 3\nTuulikylä", NULL), MJ_OK);
    CHECK_STR(buf, "BEGIN:VEVENT\r\nUID:ev1\r\nSUMMARY:Vauvakahvila\\, kaikille\r\n"
                   "DTSTART:20261124T080000Z\r\nDTEND:20261124T100000Z\r\n"
                   "LOCATION:Majakkatie 3\\nTuulikylä\r\nEND:VEVENT");
}

static void test_matrix(void)
{
    qr_code *q = malloc(sizeof *q);
    char err[MJ_ERRLEN];
    CHECK(q != NULL);
    if (!q) return;
    CHECK_INT(qr_make("https://perhekeskus.example.fi/neuvola", q, err, sizeof err), MJ_OK);
    CHECK_INT(q->side, 29);   /* 38 bytes at level M: version 3 */
    /* the finder pattern's corner modules are dark, its separator light */
    CHECK_INT(q->m[0], 1);
    CHECK_INT(q->m[6 * q->side + 6], 1);
    CHECK_INT(q->m[7 * q->side + 7], 0);
    CHECK_INT(qr_make("", q, err, sizeof err), MJ_EINVAL);
    free(q);
}

int main(void)
{
    RUN(test_mecard);
    RUN(test_vevent);
    RUN(test_matrix);
    return TEST_DONE();
}
