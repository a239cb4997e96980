/* test_ui_theme.c - every text colour pair of every theme reaches WCAG 4.5:1, the contrast formula
 * gives the known values, and touch targets are at least 9 mm on every supported screen. */
#include "test.h"
#include "theme.h"
#include <math.h>

static void test_contrast_formula(void)
{
    ui_color black = { 0, 0, 0, 255 }, white = { 255, 255, 255, 255 }, grey = { 0x76, 0x76, 0x76, 255 };
    CHECK(fabs(theme_contrast(black, white) - 21.0) < 1e-9);
    CHECK(fabs(theme_contrast(white, white) - 1.0) < 1e-9);
    CHECK(fabs(theme_contrast(white, black) - theme_contrast(black, white)) < 1e-12);
    /* #767676 on white is the classic 4.54:1 */
    CHECK_INT((int)lround(theme_contrast(grey, white) * 100), 454);
}

static void test_every_pair_readable(void)
{
    for (int hc = 0; hc <= 1; hc++)
        for (int large = 0; large <= 1; large++) {
            theme t;
            theme_make(&t, 1920, 1080, 96, large, hc);
            ui_color fg[32], bg[32];
            const char *names[32];
            int n = theme_text_pairs(&t, fg, bg, names, 32);
            CHECK(n >= 16);
            for (int i = 0; i < n; i++) {
                double c = theme_contrast(fg[i], bg[i]);
                if (c < 4.5) fprintf(stderr, "theme hc=%d: %s is %.2f:1\n", hc, names[i], c);
                CHECK(c >= 4.5);
            }
        }
}

static void test_touch_targets(void)
{
    static const struct { int w, h; double dpi; } screens[] = {
        { 800, 480, 133 }, { 480, 800, 133 }, { 1280, 800, 150 }, { 1920, 1080, 92 },
        { 1080, 1920, 92 }, { 3840, 2160, 185 }, { 2160, 3840, 185 }, { 1920, 1080, 0 },
    };
    for (size_t i = 0; i < sizeof screens / sizeof screens[0]; i++) {
        theme t;
        theme_make(&t, screens[i].w, screens[i].h, screens[i].dpi, 0, 0);
        double dpi = screens[i].dpi > 0 ? screens[i].dpi : 96;
        CHECK(t.touch >= (int)floor(9.0 * dpi / 25.4));
        CHECK(t.px_body >= 15);
        CHECK(t.px_body >= (int)floor(3.2 * dpi / 25.4));   /* readable at arm's length */
        CHECK(t.px_small < t.px_body && t.px_body < t.px_title && t.px_title < t.px_big);
        theme big;
        theme_make(&big, screens[i].w, screens[i].h, screens[i].dpi, 1, 0);
        CHECK(big.px_body > t.px_body);
    }
    theme t;
    theme_make(&t, 1920, 1080, 96, 0, 0);
    CHECK_INT(t.px_body, 36);
    CHECK_INT(theme_mm(96, 25.4), 96);
}

int main(void)
{
    RUN(test_contrast_formula);
    RUN(test_every_pair_readable);
    RUN(test_touch_targets);
    return TEST_DONE();
}
