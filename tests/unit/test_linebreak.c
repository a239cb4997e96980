/* test_linebreak.c - the line breaking rule of core/linebreak.h with a fake measure (every code
 * point 10 px, so "the line fits" is exact). */
#include "test.h"
#include "linebreak.h"
#include "util.h"
#include <string.h>

static int calls;

static int fake_measure(void *ctx, int a, int b)
{
    (void)ctx;
    calls++;
    return (b - a) * 10;
}

static int failing_measure(void *ctx, int a, int b) { (void)ctx; (void)a; (void)b; return MJ_EIO; }

/* The lines of s at width px, as "line|line|..."; a cut line ends with '~'. */
static const char *lines(const char *s, int width)
{
    static char out[512];
    long cp[256];
    int n = 0;
    for (const char *p = s, *e = s + strlen(s); p < e && n < 256;) cp[n++] = mj_utf8_next(&p, e);
    size_t o = 0;
    linebreak_line ln;
    int from = 0, count = 0;
    out[0] = 0;
    while (linebreak_next(cp, n, from, width, fake_measure, NULL, &ln) > 0 && count++ < 50) {
        if (count > 1) out[o++] = '|';
        for (int i = ln.start; i < ln.end; i++) out[o++] = cp[i] < 0x80 ? (char)cp[i] : '*';
        if (ln.cut) out[o++] = '~';
        out[o] = 0;
        from = ln.next;
    }
    return out;
}

static void test_words(void)
{
    CHECK_STR(lines("", 100), "");
    CHECK_STR(lines("   ", 100), "");
    CHECK_STR(lines("one two three", 200), "one two three");
    CHECK_STR(lines("one two three", 70), "one two|three");
    CHECK_STR(lines("one two three", 69), "one|two|three");
    CHECK_STR(lines("  one   two  ", 70), "one|two");      /* spaces at breaks belong to no line */
    CHECK_STR(lines("one   two", 90), "one   two");        /* inside a line they stay */
    CHECK_STR(lines("äää ööö", 30), "***|***");            /* code points, not bytes */
}

static void test_hard_breaks(void)
{
    CHECK_STR(lines("a\nb", 100), "a|b");
    CHECK_STR(lines("a\n\nb", 100), "a||b");               /* an empty line of its own */
    CHECK_STR(lines("a\n", 100), "a");
    CHECK_STR(lines("a  \n  b", 100), "a|b");
    CHECK_STR(lines("\na", 100), "|a");
}

static void test_long_words(void)
{
    /* cut after the last / - . ? & _ that fits when it keeps more than half, else where it fits */
    CHECK_STR(lines("https://x.example/palvelut/neuvola", 150), "https://x.~|example/~|palvelut/~|neuvola");
    CHECK_STR(lines("abcdefghij", 40), "abcd~|efgh~|ij");
    CHECK_STR(lines("a/bcdefghij", 40), "a/bc~|defg~|hij");     /* "a/" is not more than half */
    CHECK_STR(lines("ab/cdefghij", 40), "ab/~|cdef~|ghij");
    CHECK_STR(lines("abc/defghij", 40), "abc/~|defg~|hij");
    CHECK_STR(lines("x abcdefghij", 40), "x|abcd~|efgh~|ij");
    CHECK_STR(lines("abc", 5), "a~|b~|c~");                    /* at least one code point a line */
}

static void test_measure_error(void)
{
    long cp[3] = { 'a', ' ', 'b' };
    linebreak_line ln;
    CHECK_INT(linebreak_next(cp, 3, 0, 100, failing_measure, NULL, &ln), MJ_EIO);
    calls = 0;
    CHECK_INT(linebreak_next(cp, 3, 0, 100, fake_measure, NULL, &ln), 1);
    CHECK_INT(ln.start, 0);
    CHECK_INT(ln.end, 3);
    CHECK_INT(ln.next, 3);
    CHECK_INT(ln.cut, 0);
    CHECK(calls == 2);
    CHECK_INT(linebreak_next(cp, 3, 3, 100, fake_measure, NULL, &ln), 0);
}

int main(void)
{
    RUN(test_words);
    RUN(test_hard_breaks);
    RUN(test_long_words);
    RUN(test_measure_error);
    return TEST_DONE();
}
