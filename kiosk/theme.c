/* theme.c - see theme.h. */
#include "theme.h"
#include <math.h>
#include <stddef.h>
#include <string.h>

#define RGB(v) ((ui_color){ (uint8_t)((v) >> 16), (uint8_t)((v) >> 8), (uint8_t)(v), 255 })

int theme_mm(double dpi, double mm)
{
    if (dpi <= 0) dpi = 96;
    return (int)lround(mm * dpi / 25.4);
}

void theme_make(theme *t, int w, int h, double dpi, int large_text, int high_contrast)
{
    memset(t, 0, sizeof *t);
    t->high_contrast = high_contrast;
    t->large_text = large_text;
    /* each colour's role with its two values side by side: calm sea blues on warm white, and
     * high contrast (black and white with yellow accents: the pairs all reach 15:1 or more) */
    static const struct { size_t at; uint32_t calm, high; } colours[] = {
        { offsetof(theme, bg), 0xF6F4EF, 0x000000 },
        { offsetof(theme, surface), 0xFFFFFF, 0x000000 },
        { offsetof(theme, surface_pressed), 0xDCE7F0, 0x333333 },
        { offsetof(theme, text), 0x1B2631, 0xFFFFFF },
        { offsetof(theme, text_muted), 0x4A5866, 0xFFFFFF },
        { offsetof(theme, accent), 0x0B5A8C, 0xFFE600 },
        { offsetof(theme, accent_text), 0xFFFFFF, 0x000000 },
        { offsetof(theme, accent_pressed), 0x083F63, 0xFFFFFF },
        { offsetof(theme, border), 0x8796A5, 0xFFFFFF },
        { offsetof(theme, today_bg), 0xFFF1C2, 0xFFE600 },
        { offsetof(theme, today_text), 0x1B2631, 0x000000 },
        { offsetof(theme, ok_text), 0x1D6B2F, 0x7CFF7C },
        { offsetof(theme, warn_text), 0x8A3B00, 0xFFE600 },
        { offsetof(theme, chip_bg), 0xE4EEF5, 0x000000 },
        { offsetof(theme, chip_text), 0x16405E, 0xFFFFFF },
        { offsetof(theme, bar_bg), 0x0B5A8C, 0x000000 },
        { offsetof(theme, bar_text), 0xFFFFFF, 0xFFFFFF },
        { offsetof(theme, focus), 0xC05A00, 0xFFE600 },
    };
    for (size_t i = 0; i < sizeof colours / sizeof colours[0]; i++)
        *(ui_color *)((char *)t + colours[i].at) = RGB(high_contrast ? colours[i].high : colours[i].calm);
    if (dpi <= 0) dpi = 96;
    int shortside = w < h ? w : h;
    /* body text: a 30th of the short side, at least 3.2 mm (readable at arm's length) */
    double body = shortside / 30.0;
    double min_body = theme_mm(dpi, 3.2);
    if (body < min_body) body = min_body;
    if (body < 15) body = 15;
    if (large_text) body *= 1.3;
    t->px_body = (int)lround(body);
    t->px_small = (int)lround(body * 0.85);
    t->px_title = (int)lround(body * 1.25);
    t->px_big = (int)lround(body * 1.6);
    t->px_huge = (int)lround(body * 2.0);
    t->touch = theme_mm(dpi, 9.0);
    if (t->touch < (int)(body * 2.2)) t->touch = (int)lround(body * 2.2);
    t->pad = (int)lround(body * 0.6);
    t->gap = (int)lround(body * 0.5);
    t->bar_h = t->touch + t->gap;
    t->border_w = high_contrast ? 3 : 2;
    if (shortside >= 1800) t->border_w *= 2;
    t->read_w = t->px_body * 45;
    t->list_w = t->px_body * 50;
    t->form_w = t->px_body * 40;
    t->box_w = t->px_body * 30;
}

static double lin(uint8_t c)
{
    double v = c / 255.0;
    return v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
}

static double luminance(ui_color c)
{
    return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
}

double theme_contrast(ui_color a, ui_color b)
{
    double la = luminance(a), lb = luminance(b);
    if (la < lb) { double t = la; la = lb; lb = t; }
    return (la + 0.05) / (lb + 0.05);
}

int theme_text_pairs(const theme *t, ui_color fg[], ui_color bg[], const char *names[], int max)
{
    const struct { const char *name; ui_color f, b; } pairs[] = {
        { "text on bg", t->text, t->bg },
        { "text on surface", t->text, t->surface },
        { "text on pressed surface", t->text, t->surface_pressed },
        { "muted on bg", t->text_muted, t->bg },
        { "muted on surface", t->text_muted, t->surface },
        { "accent text on accent", t->accent_text, t->accent },
        { "accent text on pressed accent", t->accent_text, t->accent_pressed },
        { "accent on surface", t->accent, t->surface },
        { "accent on bg", t->accent, t->bg },
        { "today", t->today_text, t->today_bg },
        { "open on surface", t->ok_text, t->surface },
        { "open on bg", t->ok_text, t->bg },
        { "closed on surface", t->warn_text, t->surface },
        { "closed on bg", t->warn_text, t->bg },
        { "chip", t->chip_text, t->chip_bg },
        { "bar", t->bar_text, t->bar_bg },
    };
    int n = 0;
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0] && n < max; i++, n++) {
        fg[n] = pairs[i].f;
        bg[n] = pairs[i].b;
        if (names) names[n] = pairs[i].name;
    }
    return n;
}
