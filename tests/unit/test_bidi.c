/* test_bidi.c - the direction rule of core/bidi.h: classes, a paragraph's direction, resolving
 * neutrals and the visual order of runs. Runs are shown as letters in visual order. */
#include "test.h"
#include "bidi.h"
#include "util.h"
#include <string.h>

static void test_classes(void)
{
    CHECK_INT(bidi_class('a'), BIDI_L);
    CHECK_INT(bidi_class(0x00E4), BIDI_L);    /* ä */
    CHECK_INT(bidi_class(0x0434), BIDI_L);    /* д */
    CHECK_INT(bidi_class(0x0E01), BIDI_L);    /* Thai */
    CHECK_INT(bidi_class(0x0627), BIDI_R);    /* alef */
    CHECK_INT(bidi_class(0x05D0), BIDI_R);    /* Hebrew alef */
    CHECK_INT(bidi_class(0x061F), BIDI_R);    /* Arabic question mark (Unicode: AL) */
    CHECK_INT(bidi_class(0xFEFB), BIDI_R);    /* lam-alef ligature */
    CHECK_INT(bidi_class(0x1E900), BIDI_R);   /* Adlam */
    CHECK_INT(bidi_class('7'), BIDI_EN);
    CHECK_INT(bidi_class(0x0663), BIDI_EN);   /* Arabic-Indic three */
    CHECK_INT(bidi_class(0x06F4), BIDI_EN);   /* Persian four */
    CHECK_INT(bidi_class(' '), BIDI_N);
    CHECK_INT(bidi_class('+'), BIDI_N);
    CHECK_INT(bidi_class(0x060C), BIDI_N);    /* Arabic comma */
    CHECK_INT(bidi_class(0x2013), BIDI_N);    /* – */
    CHECK_INT(bidi_class(0x2713), BIDI_N);    /* ✓ */
    CHECK_INT(bidi_class(0x232B), BIDI_N);    /* ⌫ */
    CHECK_INT(bidi_class(0x1F600), BIDI_N);   /* emoji */
    CHECK_INT(bidi_class(0x200E), BIDI_L);    /* LRM */
    CHECK_INT(bidi_class(0x200F), BIDI_R);    /* RLM */
    CHECK_INT(bidi_class(-1), BIDI_L);
    CHECK(bidi_cp_rtl(0x0627));
    CHECK(!bidi_cp_rtl('a'));
}

static int base(const char *s, int fallback) { return bidi_base_utf8(s, strlen(s), fallback); }

static void test_paragraph_direction(void)
{
    CHECK_INT(base("123 abc", 1), 0);
    CHECK_INT(base("12 مرحبا", 0), 1);        /* the first strong letter, not the number */
    CHECK_INT(base("«مرحبا» hello", 0), 1);
    CHECK_INT(base("12:00", 1), 0);           /* numbers only: left to right */
    CHECK_INT(base("+358 40 123 4567", 1), 0);
    CHECK_INT(base("…", 1), 1);               /* nothing strong: the fallback */
    CHECK_INT(base("", 0), 0);
    CHECK_INT(base("\xE2\x80\x8F" "abc", 0), 1);   /* RLM first */
    unsigned char cls[3] = { BIDI_N, BIDI_EN, BIDI_R };
    CHECK_INT(bidi_base(cls, 3, 0), 1);
    CHECK_INT(bidi_base(cls, 2, 1), 0);
    CHECK_INT(bidi_base(cls, 1, 1), 1);
}

/* Resolves s (one class per code point) and returns the directions as "L"/"R" letters. */
static const char *resolved(const char *s, int base_rtl)
{
    static char out[128];
    unsigned char cls[128];
    int n = 0;
    for (const char *p = s, *e = s + strlen(s); p < e && n < 127;) cls[n++] = (unsigned char)bidi_class(mj_utf8_next(&p, e));
    bidi_resolve(cls, n, base_rtl);
    for (int i = 0; i < n; i++) out[i] = cls[i] == BIDI_R ? 'R' : cls[i] == BIDI_L ? 'L' : '?';
    out[n] = 0;
    return out;
}

static void test_resolve(void)
{
    CHECK_STR(resolved("ab بت", 0), "LLLRR");       /* space between two directions: the paragraph's */
    CHECK_STR(resolved("ab بت", 1), "LLRRR");
    CHECK_STR(resolved("بت ثج", 0), "RRRRR");       /* between two right-to-left letters: R */
    CHECK_STR(resolved("+358 9", 0), "LLLLLL");
    CHECK_STR(resolved("+358 9", 1), "RLLLLL");     /* the caller's base: bidi_base keeps it L */
    CHECK_STR(resolved("بت 12 ثج", 1), "RRRLLRRR");  /* a number stays left to right */
    CHECK_STR(resolved("١٢", 1), "LL");            /* Arabic-Indic digits too */
}

static const char *ordered(const char *dirs, int base_rtl)
{
    static char out[64];
    unsigned char d[64] = { 0 };
    int order[64], n = (int)strlen(dirs);
    for (int i = 0; i < n; i++) d[i] = dirs[i] == 'R' ? BIDI_R : BIDI_L;
    bidi_order(d, n, base_rtl, order);
    for (int i = 0; i < n; i++) out[i] = (char)('a' + order[i]);
    out[n] = 0;
    return out;
}

static void test_visual_order(void)
{
    /* runs a, b, c ... in logical order with these directions */
    CHECK_STR(ordered("LLL", 0), "abc");
    CHECK_STR(ordered("LLL", 1), "abc");      /* one left-to-right group keeps its order */
    CHECK_STR(ordered("RRR", 0), "cba");
    CHECK_STR(ordered("RRR", 1), "cba");
    CHECK_STR(ordered("LRRL", 0), "acbd");
    CHECK_STR(ordered("LRRL", 1), "dcba");    /* groups backwards, the R group backwards inside */
    CHECK_STR(ordered("LLRRL", 1), "edcab");
    CHECK_STR(ordered("RLLR", 1), "dbca");
    CHECK_STR(ordered("RLLR", 0), "abcd");
    CHECK_STR(ordered("RRLLR", 1), "ecdba");
    CHECK_STR(ordered("", 1), "");
}

int main(void)
{
    RUN(test_classes);
    RUN(test_paragraph_direction);
    RUN(test_resolve);
    RUN(test_visual_order);
    return TEST_DONE();
}
