/* test_ui_text.c - bidi run splitting, visual order, wrapping and ellipsis, with a fake measure
 * (every code point 10 px wide) so the expected positions are exact. */
#include "test.h"
#include "text.h"
#include "util.h"
#include <string.h>

static int width_calls;

static int fake_width(void *ctx, int script, int bold, int px, int rtl, const char *s, size_t len)
{
    width_calls++;
    (void)ctx; (void)script; (void)bold; (void)px; (void)rtl;
    int n = 0;
    for (size_t i = 0; i < len; i++) if (((unsigned char)s[i] & 0xC0) != 0x80) n++;
    return n * 10;
}

static void fake_vmetrics(void *ctx, int script, int bold, int px, int *ascent, int *height)
{
    (void)ctx; (void)bold; (void)px;
    *ascent = script == UI_SCRIPT_ARABIC ? 12 : 8;
    *height = script == UI_SCRIPT_ARABIC ? 16 : 10;
}

static ui u;
static const text_style st = { 20, 0, { 0, 0, 0, 255 }, TEXT_START };

static void setup(int rtl)
{
    ui_free(&u);
    ui_init(&u, 400, 300, (ui_measure){ NULL, fake_width, fake_vmetrics });
    u.rtl = rtl;
    ui_frame_begin(&u, 0);
}

/* The text of command i, for comparisons. */
static const char *run_text(size_t i)
{
    static char buf[256];
    size_t n = u.cmds[i].len < 255 ? u.cmds[i].len : 255;
    memcpy(buf, u.arena + u.cmds[i].off, n);
    buf[n] = 0;
    return buf;
}

/* A phone number in a right-to-left UI keeps its "+" in front (core/bidi.h: a paragraph of
 * numbers reads left to right); the slip lays it out the same way. */
static void test_direction(void)
{
    setup(1);
    text_label(&u, (ui_rect){ 0, 0, 400, 20 }, "+358 40 123", st, 1);
    CHECK_INT(u.ncmds, 1);
    if (u.ncmds != 1) return;
    CHECK_STR(run_text(0), "+358 40 123");
    CHECK_INT(u.cmds[0].rtl, 0);
}

static void test_ltr_paragraph_with_arabic(void)
{
    setup(0);
    /* "Hello مرحبا 10" in an LTR UI: Latin run, Arabic run (RTL), then the number */
    text_label(&u, (ui_rect){ 0, 0, 400, 20 }, "Hello مرحبا 10", st, 1);
    CHECK_INT(u.ncmds, 3);
    if (u.ncmds != 3) return;
    CHECK_STR(run_text(0), "Hello ");
    CHECK_INT(u.cmds[0].rtl, 0);
    CHECK_INT(u.cmds[0].r.x, 0);
    CHECK_STR(run_text(1), "مرحبا");
    CHECK_INT(u.cmds[1].rtl, 1);
    CHECK_INT(u.cmds[1].script, UI_SCRIPT_ARABIC);
    CHECK_INT(u.cmds[1].r.x, 60);
    CHECK_STR(run_text(2), " 10");
    CHECK_INT(u.cmds[2].r.x, 110);
    /* runs share a baseline: the Arabic font's taller ascent sets it */
    CHECK_INT(u.cmds[0].r.y, u.cmds[1].r.y + 4);
}

static void test_rtl_paragraph_with_numbers(void)
{
    setup(1);
    /* "مفتوح 10:00–16:00": RTL paragraph; the times stay one LTR run, placed at the left end */
    const char *s = "مفتوح 10:00–16:00";
    text_label(&u, (ui_rect){ 0, 0, 400, 20 }, s, st, 1);
    CHECK_INT(u.ncmds, 2);
    if (u.ncmds != 2) return;
    /* right-aligned in RTL: total 17 code points = 170 px, so it starts at 230 */
    CHECK_STR(run_text(0), "10:00–16:00");
    CHECK_INT(u.cmds[0].rtl, 0);
    CHECK_INT(u.cmds[0].r.x, 230);
    CHECK_STR(run_text(1), "مفتوح ");
    CHECK_INT(u.cmds[1].rtl, 1);
    CHECK_INT(u.cmds[1].r.x, 340);
}

static void test_mirroring(void)
{
    setup(1);
    ui_fill(&u, (ui_rect){ 10, 5, 100, 20 }, (ui_color){ 1, 2, 3, 255 });
    CHECK_INT(u.cmds[0].r.x, 290);
    u.mirror = 0;
    ui_fill(&u, (ui_rect){ 10, 5, 100, 20 }, (ui_color){ 1, 2, 3, 255 });
    CHECK_INT(u.cmds[1].r.x, 10);
}

static void test_wrap_and_ellipsis(void)
{
    setup(0);
    /* 100 px = 10 code points a line */
    int h = text_paragraph(&u, (ui_rect){ 0, 0, 100, 0 }, "aaaa bbbb cccc dddd", st, 0, 1);
    CHECK_INT(h, 20);
    CHECK_INT(u.ncmds, 2);
    if (u.ncmds == 2) { CHECK_STR(run_text(0), "aaaa bbbb"); CHECK_STR(run_text(1), "cccc dddd"); }
    setup(0);
    h = text_paragraph(&u, (ui_rect){ 0, 0, 100, 0 }, "aaaa bbbb cccc dddd eeee", st, 2, 1);
    CHECK_INT(h, 20);
    if (u.ncmds == 2) CHECK_STR(run_text(1), "cccc dddd…");   /* 10 code points: just fits */
    setup(0);
    /* a word longer than the line is cut by code points */
    h = text_paragraph(&u, (ui_rect){ 0, 0, 50, 0 }, "https://x.fi/abc", st, 0, 1);
    CHECK_INT(h, 40);
    if (u.ncmds >= 1) CHECK_STR(run_text(0), "https");
    setup(0);
    /* ... after a '/' when that keeps more than half of what fits (core/linebreak.h, as the slip) */
    h = text_paragraph(&u, (ui_rect){ 0, 0, 90, 0 }, "https://x.fi/abc", st, 0, 1);
    CHECK_INT(h, 20);
    if (u.ncmds == 2) { CHECK_STR(run_text(0), "https://"); CHECK_STR(run_text(1), "x.fi/abc"); }
    setup(0);
    /* measuring goes on from the last answer: a few width calls a word, not a few a word squared */
    static char many[40 * 3 + 1];
    for (int i = 0; i < 40; i++) memcpy(many + 3 * i, "ab ", 3);
    many[sizeof many - 2] = 0;
    width_calls = 0;
    h = text_paragraph(&u, (ui_rect){ 0, 0, 100, 0 }, many, st, 0, 0);
    CHECK_INT(h, 14 * 10);                 /* 3 words a line: 80 px of 100 */
    CHECK(width_calls < 100);
    setup(0);
    CHECK_INT(text_label(&u, (ui_rect){ 0, 0, 60, 20 }, "Tervetuloa", st, 1), 1);
    CHECK_INT(u.overflows, 1);
    CHECK_STR(u.overflow_text, "Tervetuloa");
    CHECK_STR(run_text(0), "Terve…");
    CHECK_INT(text_label(&u, (ui_rect){ 0, 0, 100, 20 }, "Tervetuloa", st, 1), 0);
    CHECK_INT(u.overflows, 1);
}

static void test_taps_and_scroll(void)
{
    setup(0);
    ui_rect a = { 10, 10, 100, 50 }, b = { 10, 100, 100, 50 };
    ui_input_down(&u, 20, 20, 0);
    ui_input_up(&u, 22, 21, 50);
    ui_frame_begin(&u, 60);
    CHECK_INT(ui_tapped(&u, b), 0);
    CHECK_INT(ui_tapped(&u, a), 1);
    CHECK_INT(ui_tapped(&u, a), 0);   /* answered once */
    ui_frame_end(&u);
    /* a drag inside a scroll area moves it and is not a tap */
    ui_rect area = { 0, 0, 400, 200 };
    ui_frame_begin(&u, 100);
    ui_scroll_begin(&u, 7, area);
    ui_scroll_end(&u, 1000);
    ui_frame_end(&u);
    ui_input_down(&u, 50, 150, 200);
    ui_input_move(&u, 50, 100, 216);
    ui_input_move(&u, 50, 50, 232);
    ui_frame_begin(&u, 232);
    int off = ui_scroll_begin(&u, 7, area);
    ui_scroll_end(&u, 1000);
    CHECK_INT(off, 100);
    ui_frame_end(&u);
    ui_input_up(&u, 50, 50, 240);
    ui_frame_begin(&u, 240);
    CHECK_INT(ui_tapped(&u, area), 0);
    ui_scroll_begin(&u, 7, area);
    ui_scroll_end(&u, 1000);
    int moving = ui_frame_end(&u);
    CHECK_INT(moving, 1);   /* flicked: inertia */
    /* inertia stops by itself and never passes the end of the content */
    int frames = 0;
    while (moving && frames < 1000) {
        ui_frame_begin(&u, 240 + 16 * (uint32_t)frames);
        off = ui_scroll_begin(&u, 7, area);
        ui_scroll_end(&u, 1000);
        moving = ui_frame_end(&u);
        frames++;
    }
    CHECK(frames < 1000);
    CHECK(off > 100 && off <= 800);
}

int main(void)
{
    RUN(test_direction);
    RUN(test_ltr_paragraph_with_arabic);
    RUN(test_rtl_paragraph_with_numbers);
    RUN(test_mirroring);
    RUN(test_wrap_and_ellipsis);
    RUN(test_taps_and_scroll);
    ui_free(&u);
    return TEST_DONE();
}
