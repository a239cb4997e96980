/* test_ui_layout.c - the layout cursor (kiosk/layout.c): equal and given cells, rows that repeat,
 * blocks, flowing items that wrap, the reading column. */
#include "test.h"
#include "layout.h"

#define CHECK_RECT(r, X, Y, W, H) do { ui_rect r_ = (r); CHECK_INT(r_.x, X); CHECK_INT(r_.y, Y); \
    CHECK_INT(r_.w, W); CHECK_INT(r_.h, H); } while (0)

static void test_equal_row_repeats(void)
{
    lay l = lay_begin(10, 100, 310, 5);
    lay_row(&l, 3, NULL, 40);                 /* (310 - 2 * 5) / 3 = 100 */
    CHECK_RECT(lay_next(&l), 10, 100, 100, 40);
    CHECK_RECT(lay_next(&l), 115, 100, 100, 40);
    CHECK_RECT(lay_next(&l), 220, 100, 100, 40);
    CHECK_INT(l.y, 145);                      /* below the row and its gap */
    CHECK_RECT(lay_next(&l), 10, 145, 100, 40);   /* another row like it */
    CHECK_INT(l.y, 145);
}

static void test_given_widths_and_blocks(void)
{
    lay l = lay_begin(0, 0, 200, 4);
    CHECK_RECT(lay_block(&l, 30, 6), 0, 0, 200, 30);
    CHECK_INT(l.y, 36);
    lay_row(&l, 3, (int[]){ 50, 90, 50 }, 20);
    CHECK_RECT(lay_next(&l), 0, 36, 50, 20);
    CHECK_RECT(lay_next(&l), 54, 36, 90, 20);
    CHECK_RECT(lay_next(&l), 148, 36, 50, 20);
    CHECK_INT(l.y, 60);
    CHECK_RECT(lay_here(&l), 0, 60, 200, 0);
    lay_space(&l, 7);
    CHECK_INT(l.y, 67);
}

static void test_flow_wraps(void)
{
    lay l = lay_begin(10, 0, 100, 2);
    CHECK_RECT(lay_flow(&l, 60, 10), 10, 0, 60, 10);
    CHECK_RECT(lay_flow(&l, 38, 10), 72, 0, 38, 10);   /* ends at 110: fits */
    CHECK_RECT(lay_flow(&l, 5, 10), 10, 12, 5, 10);    /* 112 + 5 does not */
    lay_flow_skip(&l, 20);
    CHECK_RECT(lay_flow(&l, 30, 10), 37, 12, 30, 10);
    CHECK_RECT(lay_flow(&l, 150, 10), 10, 24, 150, 10); /* too wide for any line: a line of its own */
    lay_flow_end(&l, 3);
    CHECK_INT(l.y, 37);
    lay_flow_end(&l, 0);                               /* nothing open: only `after` */
    CHECK_INT(l.y, 37);
}

static void test_column(void)
{
    ui_rect c = { 0, 50, 1000, 400 };
    CHECK_RECT(lay_column(c, 20, 600, 1), 200, 50, 600, 400);
    CHECK_RECT(lay_column(c, 20, 600, 0), 20, 50, 600, 400);
    CHECK_RECT(lay_column(c, 20, 2000, 1), 20, 50, 960, 400);
}

static void test_cuts(void)
{
    ui_rect r = { 10, 20, 300, 200 };
    CHECK_RECT(lay_cut_top(&r, 30, 5), 10, 20, 300, 30);
    CHECK_RECT(r, 10, 55, 300, 165);
    CHECK_RECT(lay_cut_bottom(&r, 40, 10), 10, 180, 300, 40);
    CHECK_RECT(r, 10, 55, 300, 115);
    CHECK_RECT(lay_cut_right(&r, 100, 4), 210, 55, 100, 115);
    CHECK_RECT(r, 10, 55, 196, 115);
    CHECK_RECT(lay_cut_left(&r, 50, 6), 10, 55, 50, 115);
    CHECK_RECT(r, 66, 55, 140, 115);
    CHECK_RECT(lay_inset(r, 10, 5), 76, 60, 120, 105);
    CHECK_RECT(lay_center(r, 41, 20), 115, 102, 41, 20);   /* (140 - 41) / 2 = 49, (115 - 20) / 2 = 47 */
}

int main(void)
{
    RUN(test_cuts);
    RUN(test_equal_row_repeats);
    RUN(test_given_widths_and_blocks);
    RUN(test_flow_wraps);
    RUN(test_column);
    return TEST_DONE();
}
