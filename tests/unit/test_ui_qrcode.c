/* test_ui_qrcode.c - the QR matrix (core/qrcode.h) that the screen and the slip both draw. */
#include "test.h"
#include "qrcode.h"
#include "util.h"
#include <stdlib.h>
#include <string.h>

static void test_matrix(void)
{
    qrcode *q = malloc(sizeof *q);
    char err[MJ_ERRLEN];
    CHECK(q != NULL);
    if (!q) return;
    CHECK_INT(qrcode_make("https://perhekeskus.example.fi/neuvola", q, err, sizeof err), MJ_OK);
    CHECK_INT(q->side, 29);   /* 38 bytes at level M: version 3 */
    /* the finder pattern's corner modules are dark, its separator light */
    CHECK_INT(q->m[0], 1);
    CHECK_INT(q->m[6 * q->side + 6], 1);
    CHECK_INT(q->m[7 * q->side + 7], 0);
    CHECK_INT(qrcode_make("", q, err, sizeof err), MJ_EINVAL);
    CHECK_INT(q->side, 0);
    char *big = malloc(4000);
    if (big) {
        memset(big, 'x', 3999);
        big[3999] = 0;
        CHECK_INT(qrcode_make(big, q, err, sizeof err), MJ_EINVAL);   /* more than version 40 holds */
        free(big);
    }
    free(q);
}

int main(void)
{
    RUN(test_matrix);
    return TEST_DONE();
}
