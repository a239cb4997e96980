/* layout.h - where things go on a screen, in the spirit of rxi/microui's mu_layout_row and
 * mu_layout_next: a cursor that hands out rectangles from the top down, so a screen says "a row
 * of three equal cells", "a block this tall" or "buttons one after another, wrapping" instead
 * of adding up x and y by hand. Rectangles are logical (ui.h mirrors them in right-to-left
 * languages). The column widths that keep lines readable are the theme's (theme.h *_w). */
#ifndef MAJAKKA_LAYOUT_H
#define MAJAKKA_LAYOUT_H
#include "ui.h"

#define LAY_MAX_CELLS 16

typedef struct lay {
    int x, w;                  /* the column the cursor fills */
    int y;                     /* top of what comes next (of the current row or line) */
    int gap;                   /* between the cells of a row and below each row */
    int n, i, h;               /* the current row: its cells, those handed out, its height */
    int cx;                    /* x of the next cell or flowing item */
    int flowing;               /* a line of lay_flow items is open */
    int cw[LAY_MAX_CELLS];
} lay;

/* A cursor at (x, y) filling a column w wide, gap between cells and rows. */
lay lay_begin(int x, int y, int w, int gap);

/* A row of n cells h tall, widths[i] each (NULL: n equal cells sharing the column's width with
 * gaps between). The cells come from lay_next; after the last one the cursor moves below the
 * row and its gap. n is at most LAY_MAX_CELLS. */
void lay_row(lay *l, int n, const int *widths, int h);
ui_rect lay_next(lay *l);

/* A block as wide as the column and h tall; the cursor moves below it and `after` more. */
ui_rect lay_block(lay *l, int h, int after);
/* The cursor's place as a rectangle as wide as the column with no height (for text that
 * measures itself), and moving the cursor down. */
ui_rect lay_here(const lay *l);
void lay_space(lay *l, int dy);

/* Items one after another on a line, gap apart, a new line (gap below the last) when the next
 * does not fit; lay_flow_skip adds room after an item; lay_flow_end closes the line and moves
 * the cursor below it and `after` more. */
ui_rect lay_flow(lay *l, int w, int h);
void lay_flow_skip(lay *l, int dx);
void lay_flow_end(lay *l, int after);

/* The reading column inside c: c's width less pad on each side, at most max_w; centred, or at
 * the start side (pad in). Its height is c's. */
ui_rect lay_column(ui_rect c, int pad, int max_w, int centred);

/* Cutting a rectangle from the side of another (for what is laid out from an edge inward: a
 * panel beside the text, a row above the keyboard, a caption and a hint around a code): the
 * piece w wide or h tall is returned and r loses it and `gap` more on that side. */
ui_rect lay_cut_top(ui_rect *r, int h, int gap);
ui_rect lay_cut_bottom(ui_rect *r, int h, int gap);
ui_rect lay_cut_left(ui_rect *r, int w, int gap);
ui_rect lay_cut_right(ui_rect *r, int w, int gap);
/* r less dx on the left and right and dy at the top and bottom. */
ui_rect lay_inset(ui_rect r, int dx, int dy);
/* A w x h rectangle in the middle of r (rounding towards its top left). */
ui_rect lay_center(ui_rect r, int w, int h);

#endif
