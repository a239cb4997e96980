/* theme.h - colours and sizes. Sizes come from the screen's size and DPI: touch targets at
 * least 9 mm, body text readable at arm's length, all scaled up by the larger-text toggle.
 * Two colour themes (normal, high contrast); every text colour pair is listed in
 * theme_text_pairs so a test can prove each reaches 4.5:1 (WCAG 2 contrast ratio). */
#ifndef MAJAKKA_THEME_H
#define MAJAKKA_THEME_H
#include "ui.h"

typedef struct theme {
    /* colours */
    ui_color bg, surface, surface_pressed, text, text_muted, accent, accent_text,
             accent_pressed, border, today_bg, today_text, ok_text, warn_text, chip_bg, chip_text,
             bar_bg, bar_text, focus;
    /* sizes in pixels */
    int px_small, px_body, px_title, px_big, px_huge;   /* font sizes */
    int touch;          /* minimum touch target side */
    int pad, gap;       /* inner padding, gap between widgets */
    int bar_h;          /* top bar with Back and Home */
    int border_w;
    /* reading widths: how wide a column may grow before its lines get too long to read */
    int read_w;         /* running text (the detail screens, the comment step): 45 body characters */
    int list_w;         /* a list of cards (services, events, search results, the slip's picker): 50 */
    int form_w;         /* a question, a message, a staff page: 40 */
    int box_w;          /* a dialog box or a column of actions: 30 */
    int high_contrast, large_text;
} theme;

/* Fills t for a w x h screen at dpi (0: assume 96), with the two accessibility toggles. */
void theme_make(theme *t, int w, int h, double dpi, int large_text, int high_contrast);

/* WCAG 2 contrast ratio of two opaque colours (1.0 .. 21.0). */
double theme_contrast(ui_color a, ui_color b);

/* The (foreground, background) pairs text is drawn with in t; returns how many (<= max). */
int theme_text_pairs(const theme *t, ui_color fg[], ui_color bg[], const char *names[], int max);

/* Millimetres to pixels at dpi. */
int theme_mm(double dpi, double mm);

#endif
