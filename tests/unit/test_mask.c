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

/* Numbers glued to words and dots, digits of other scripts, identity codes glued to a word. */
static void test_glued_and_scripts(void)
{
    masked("puh.0401234567", "puh.***", MASK_PHONE);
    masked("puh0401234567", "puh***", MASK_PHONE);
    masked("040.123.4567", "***", MASK_PHONE);
    masked("soita:040.123.45.67!", "soita:***!", MASK_PHONE);
    masked("\xd9\xa0\xd9\xa4\xd9\xa0\xd9\xa1\xd9\xa2\xd9\xa3\xd9\xa4\xd9\xa5\xd9\xa6\xd9\xa7", "***", MASK_PHONE);   /* Arabic-Indic */
    masked("\xdb\xb0\xdb\xb4\xdb\xb0 \xdb\xb1\xdb\xb2\xdb\xb3 \xdb\xb4\xdb\xb5\xdb\xb6\xdb\xb7 kiitos", "*** kiitos", MASK_PHONE);   /* Persian */
    masked("\xef\xbc\x90\xef\xbc\x94\xef\xbc\x90\xef\xbc\x8d\xef\xbc\x91\xef\xbc\x92\xef\xbc\x93\xef\xbc\x94\xef\xbc\x95\xef\xbc\x96\xef\xbc\x97", "***", MASK_PHONE);   /* full-width */
    masked("\xe0\xa5\xa6\xe0\xa5\xaa\xe0\xa5\xa6\xe0\xa5\xa7\xe0\xa5\xa8\xe0\xa5\xa9\xe0\xa5\xaa", "***", MASK_PHONE);   /* Devanagari */
    masked("040\xe2\x80\x93" "123\xe2\x80\x93" "4567", "***", MASK_PHONE);       /* en dashes */
    masked("tunnus131052-308T", "tunnus***", MASK_HETU);
    masked("hetu:131052-308T.", "hetu:***.", MASK_HETU);
    masked("asiakasnumero 123456", "asiakasnumero ***", MASK_PHONE);
    masked("kortti 4111 1111 1111 1111 1111", "kortti ***", MASK_PHONE);
    CHECK_INT(mask_digit(0x0669), 9);
    CHECK_INT(mask_digit(0x06F4), 4);
    CHECK_INT(mask_digit(0xFF13), 3);
    CHECK_INT(mask_digit('a'), -1);
    /* Still kept: times, dates, short numbers next to words. */
    masked("klo 09.30-11.00", "klo 09.30-11.00", 0);
    masked("huone A12, ovi 3", "huone A12, ovi 3", 0);
}

/* ---- property test: random text built from words, separators, digit runs in several scripts,
 * e-mail addresses and identity codes; the oracle (independent of mask.c) checks the output. */
static unsigned long rng = 20261201;
static unsigned rnd(unsigned n) { rng = rng * 6364136223846793005UL + 1442695040888963407UL; return (unsigned)(rng >> 33) % n; }

static void put_cp(char *b, size_t *n, long cp)
{
    if (cp < 0x80) b[(*n)++] = (char)cp;
    else if (cp < 0x800) { b[(*n)++] = (char)(0xC0 | cp >> 6); b[(*n)++] = (char)(0x80 | (cp & 63)); }
    else { b[(*n)++] = (char)(0xE0 | cp >> 12); b[(*n)++] = (char)(0x80 | ((cp >> 6) & 63)); b[(*n)++] = (char)(0x80 | (cp & 63)); }
}
static const long zeros[] = {'0', 0x0660, 0x06F0, 0x0966, 0xFF10};
static void put_digits(char *b, size_t *n, int count, long zero)
{
    for (int i = 0; i < count; i++) put_cp(b, n, zero + rnd(10));
}
static void gen(char *b, size_t cap)
{
    static const char *const words[] = {"puh", "soita", "tel", "hetu", "kiitos", "äiti", "شكرا", "тел", "klo", "nro", "A", "x"};
    static const char *const seps[] = {" ", ".", "-", "/", "(", ")", ",", ":", "+", "@", "", "", "\xe2\x80\x93", "\xc2\xa0"};
    size_t n = 0;
    int parts = 1 + (int)rnd(12);
    for (int p = 0; p < parts && n + 80 < cap; p++) {
        switch (rnd(6)) {
        case 0: { const char *w = words[rnd(12)]; memcpy(b + n, w, strlen(w)); n += strlen(w); break; }
        case 1: { const char *w = seps[rnd(14)]; memcpy(b + n, w, strlen(w)); n += strlen(w); break; }
        case 2: case 3: put_digits(b, &n, 1 + (int)rnd(12), zeros[rnd(5)]); break;
        case 4: { /* an e-mail address */
            const char *w = words[rnd(6)]; memcpy(b + n, w, strlen(w)); n += strlen(w);
            if (rnd(2)) { b[n++] = '.'; put_digits(b, &n, 1 + (int)rnd(3), '0'); }
            memcpy(b + n, "@example.fi", 11); n += 11;
            break;
        }
        default: { /* an identity code with a possible date */
            int d = 1 + (int)rnd(28), m = 1 + (int)rnd(12);
            n += (size_t)snprintf(b + n, cap - n, "%02d%02d%02d%c%03d%c", d, m, (int)rnd(100), "-+AY"[rnd(4)], (int)rnd(1000),
                                  "0123456789ABCDEFHJKLMNPRSTUVWXY"[rnd(31)]);
            break;
        }
        }
    }
    b[n] = 0;
}
static int oracle_digit(long cp)
{
    for (int i = 0; i < 5; i++) if (cp >= zeros[i] && cp <= zeros[i] + 9) return 1;
    return 0;
}
static int email_ch(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || strchr("._%+-", c); }
static int label_ch(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'; }
/* NULL when out holds no run of 6+ digits (any of the scripts), no e-mail address and no
 * identity code, else what it found. */
static const char *oracle(const char *out)
{
    int run = 0;
    for (const char *p = out, *end = out + strlen(out); p < end;) {
        long cp = mj_utf8_next(&p, end);
        if (cp < 0) return "malformed UTF-8";
        run = oracle_digit(cp) ? run + 1 : 0;
        if (run >= 6) return "a run of 6 digits";
    }
    for (const char *a = strchr(out, '@'); a; a = strchr(a + 1, '@')) {
        if (a == out || !email_ch(a[-1])) continue;
        const char *d = a + 1;
        while (label_ch(*d) || *d == '.') d++;
        for (const char *k = a + 2; k < d; k++)
            if (k[-1] != '@' && *k == '.' && label_ch(k[1]) && k[-1] != '.') return "an e-mail address";
    }
    return NULL;   /* an identity code has 6 digits in a row: the first check covers it */
}
static void test_property(void)
{
    char in[1024], out[4096];
    int bad = 0;
    for (int i = 0; i < 30000 && bad < 5; i++) {
        gen(in, sizeof in);
        mask_text(in, out, sizeof out, NULL);
        const char *why = oracle(out);
        if (why) { fprintf(stderr, "  %s survives: \"%s\" -> \"%s\"\n", why, in, out); bad++; }
    }
    CHECK_INT(bad, 0);
}

int main(void)
{
    RUN(test_glued_and_scripts);
    RUN(test_property);
    RUN(test_phones);
    RUN(test_emails);
    RUN(test_hetu);
    RUN(test_kept);
    RUN(test_mixed_and_bounds);
    return TEST_DONE();
}
