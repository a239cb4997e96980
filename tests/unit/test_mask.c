/* test_mask.c - personal data in free text: a table of real-looking phone numbers, e-mail
 * addresses and identity codes that must be hidden, and ordinary numbers that must not be. */
#include "test.h"
#include "mask.h"
#include "util.h"

static void masked(const char *in, const char *want, unsigned want_found)
{
    char out[256];
    unsigned found = 99;
    mask_text(in, out, sizeof out, &found);
    CHECK_STR(out, want);
    if (found != want_found) fprintf(stderr, "  for \"%s\"\n", in);
    CHECK_INT(found, want_found);
}

static void test_phones(void)
{
    masked("soita 040 123 4567", "soita ***", MASK_PHONE);
    masked("040-1234567", "***", MASK_PHONE);
    masked("040 123 45 67 iltaisin", "*** iltaisin", MASK_PHONE);
    masked("(09) 123 4567", "***", MASK_PHONE);
    masked("0401234567", "***", MASK_PHONE);
    masked("+358401234567", "***", MASK_PHONE);
    masked("+358 40 123 4567.", "***.", MASK_PHONE);
    masked("09 1234 5678", "***", MASK_PHONE);
    masked("0800 123 456", "***", MASK_PHONE);
    masked("+46 8 123 456 78", "***", MASK_PHONE);
    masked("+44 20 7946 0958", "***", MASK_PHONE);
    masked("050/1234567", "***", MASK_PHONE);
    masked("tel:0401234567", "tel:***", MASK_PHONE);
    masked("numero 1234567", "numero ***", MASK_PHONE);
}

static void test_emails(void)
{
    masked("anna.virtanen@example.fi kysyy", "*** kysyy", MASK_EMAIL);
    masked("Mail: matti+kiosk@posti.example.org.", "Mail: ***.", MASK_EMAIL);
    masked("x_y-z@sub.domain.example", "***", MASK_EMAIL);
    masked("<leena@example.com>", "<***>", MASK_EMAIL);
    masked("a @ b", "a @ b", 0);
    masked("user@localhost", "user@localhost", 0);
}

static void test_hetu(void)
{
    int ok = -1;
    CHECK_INT(mask_hetu_at("131052-308T", &ok), 1);
    CHECK_INT(ok, 1);
    CHECK_INT(mask_hetu_at("131052-308U", &ok), 1);    /* wrong check character, still a code */
    CHECK_INT(ok, 0);
    CHECK_INT(mask_hetu_at("010594Y9032", &ok), 1);    /* 2023 century signs */
    CHECK_INT(ok, 1);
    CHECK_INT(mask_hetu_at("010106A9036", &ok), 1);
    CHECK_INT(mask_hetu_at("320152-308T", &ok), 0);    /* 32nd day */
    CHECK_INT(mask_hetu_at("290201-1234", &ok), 0);    /* 29.2.1901 did not exist */
    CHECK_INT(mask_hetu_at("290200A1234", &ok), 1);    /* 29.2.2000 did */
    CHECK_INT(mask_hetu_at("131052*308T", &ok), 0);    /* not a century sign */
    CHECK_INT(mask_hetu_at("131052-308TT", &ok), 0);   /* part of a longer word */
    masked("hetu 131052-308T tässä", "hetu *** tässä", MASK_HETU);
    masked("131052A308T", "***", MASK_HETU);
    masked("lapsen tunnus 010106a9036", "lapsen tunnus ***", MASK_HETU);
    masked("koodi 131052-308U", "koodi ***", MASK_HETU);
}

static void test_kept(void)
{
    masked("drop-in Tue 9–11", "drop-in Tue 9–11", 0);
    masked("ti 9-11 ja to 13-15", "ti 9-11 ja to 13-15", 0);
    masked("3 lasta, 2 koiraa", "3 lasta, 2 koiraa", 0);
    masked("pvm 23.11.2026", "pvm 23.11.2026", 0);
    masked("vuonna 2026 ja 1.1.27", "vuonna 2026 ja 1.1.27", 0);
    masked("hinta 12,50 € / 5 kertaa", "hinta 12,50 € / 5 kertaa", 0);
    masked("huone 12, 2. krs", "huone 12, 2. krs", 0);
    masked("klo 09.30-11.00", "klo 09.30-11.00", 0);
    masked("", "", 0);
}

static void test_mixed_and_bounds(void)
{
    masked("اتصل 0401234567 غدا", "اتصل *** غدا", MASK_PHONE);
    masked("Пишите: olga@example.org, тел. 045 678 9012", "Пишите: ***, тел. ***", MASK_PHONE | MASK_EMAIL);
    masked("Äiti 131052-308T, 040 123 4567, a@b.fi", "Äiti ***, ***, ***", MASK_PHONE | MASK_EMAIL | MASK_HETU);
    char small[6];
    mask_text("ääää", small, sizeof small, NULL);      /* cut on a character boundary */
    CHECK_STR(small, "ää");
    CHECK(mj_utf8_valid(small, strlen(small)));
}

int main(void)
{
    RUN(test_phones);
    RUN(test_emails);
    RUN(test_hetu);
    RUN(test_kept);
    RUN(test_mixed_and_bounds);
    return TEST_DONE();
}
