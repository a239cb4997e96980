/* test_util.c - the UTF-8-safe truncation every error message goes through (mj_err,
 * mj_strlcpy_utf8, mj_utf8_trim): a cut never leaves half a character; mj_grow. */
#include "test.h"
#include "util.h"
#include <stdint.h>
#include <stdlib.h>

static void test_cuts(void)
{
    char b[8];
    /* "ääää" is 8 bytes: 7 fit, the 4th ä would be cut in half. */
    CHECK_INT(mj_strlcpy_utf8(b, "\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4", sizeof b), 6);
    CHECK_STR(b, "\xc3\xa4\xc3\xa4\xc3\xa4");
    CHECK_INT(mj_strlcpy_utf8(b, "abc", sizeof b), 3);
    CHECK_STR(b, "abc");
    /* A 3-byte and a 4-byte character cut at every position. */
    const char *three = "abcde\xe2\x82\xac", *four = "abcd\xf0\x9f\x98\x80";
    for (size_t n = 1; n <= 9; n++) {
        char t[16];
        mj_strlcpy_utf8(t, three, n);
        CHECK(mj_utf8_valid(t, strlen(t)));
        mj_strlcpy_utf8(t, four, n);
        CHECK(mj_utf8_valid(t, strlen(t)));
    }
    char e[10];
    CHECK_INT(mj_err(e, sizeof e, MJ_EINVAL, "virhe: %s", "\xd8\xb4\xd9\x83\xd8\xb1\xd8\xa7"), MJ_EINVAL);
    CHECK(mj_utf8_valid(e, strlen(e)));
    CHECK_STR(e, "virhe: \xd8\xb4");
    CHECK_INT(mj_strlcpy_utf8(b, "x", 0), 0);
}

static void test_grow(void)
{
    int *v = NULL;
    size_t cap = 0;
    for (size_t n = 0; n < 100; n++) {
        CHECK_INT(mj_grow(&v, &cap, n, sizeof *v, 4), 0);
        CHECK(cap > n);
        v[n] = (int)n;
    }
    CHECK_INT((int)cap, 128);                      /* 4, doubled five times */
    CHECK_INT(v[99], 99);
    size_t huge = SIZE_MAX / 2 + 1;
    CHECK_INT(mj_grow(&v, &huge, huge, 16, 4), -1); /* no overflow: refused, v kept */
    CHECK_INT(v[50], 50);
    free(v);
}

int main(void)
{
    RUN(test_cuts);
    RUN(test_grow);
    return TEST_DONE();
}
