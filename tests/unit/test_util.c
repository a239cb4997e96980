/* test_util.c - the UTF-8-safe truncation every error message goes through (mj_err,
 * mj_strlcpy_utf8, mj_utf8_trim): a cut never leaves half a character. */
#include "test.h"
#include "util.h"

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

int main(void)
{
    RUN(test_cuts);
    return TEST_DONE();
}
