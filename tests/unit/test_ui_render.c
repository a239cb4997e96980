/* test_ui_render.c - the SDL renderer turns draw commands into the right pixels: fills, borders,
 * clipping, a text run in its colour, QR modules with their quiet zone; and a screenshot PNG. */
#include "test.h"
#include "fonts.h"
#include "render_sdl.h"
#include "util.h"
#include <unistd.h>

static SDL_Surface *surf;
static SDL_Renderer *ren;
static fonts *fo;
static render_sdl *rs;
static ui u;

static uint32_t px(int x, int y)
{
    SDL_RenderFlush(ren);
    return ((uint32_t *)surf->pixels)[y * (surf->pitch / 4) + x] & 0xFFFFFF;
}

static void draw(void)
{
    render_sdl_draw(rs, &u, (ui_color){ 255, 255, 255, 255 });
    SDL_RenderFlush(ren);
}

static void test_rects_and_clip(void)
{
    ui_frame_begin(&u, 0);
    ui_fill(&u, (ui_rect){ 10, 10, 20, 20 }, (ui_color){ 255, 0, 0, 255 });
    ui_border(&u, (ui_rect){ 50, 10, 20, 20 }, 2, (ui_color){ 0, 0, 255, 255 });
    ui_push_clip(&u, (ui_rect){ 100, 0, 10, 10 });
    ui_fill(&u, (ui_rect){ 95, 0, 20, 20 }, (ui_color){ 0, 128, 0, 255 });
    ui_pop_clip(&u);
    draw();
    CHECK_INT(px(15, 15), 0xFF0000);
    CHECK_INT(px(9, 15), 0xFFFFFF);
    CHECK_INT(px(50, 20), 0x0000FF);      /* border */
    CHECK_INT(px(51, 20), 0x0000FF);
    CHECK_INT(px(60, 20), 0xFFFFFF);      /* hollow inside */
    CHECK_INT(px(105, 5), 0x008000);      /* inside the clip */
    CHECK_INT(px(97, 5), 0xFFFFFF);       /* left of it */
    CHECK_INT(px(105, 15), 0xFFFFFF);     /* below it */
}

static void test_text(void)
{
    ui_frame_begin(&u, 0);
    ui_text_run(&u, 10, 40, UI_SCRIPT_LATIN, 1, 30, 0, (ui_color){ 0, 0, 0, 255 }, "HHH", 3);
    ui_text_run(&u, 10, 90, UI_SCRIPT_ARABIC, 1, 30, 1, (ui_color){ 0, 0, 0, 255 }, "مرحبا", strlen("مرحبا"));
    draw();
    int dark = 0, dark_ar = 0, outside = 0;
    int w = u.m.width(u.m.ctx, UI_SCRIPT_LATIN, 1, 30, 0, "HHH", 3);
    CHECK(w > 40 && w < 90);
    for (int y = 40; y < 85; y++)
        for (int x = 0; x < 200; x++) {
            int d = (px(x, y) & 0xFF) < 64;
            if (d && x >= 10 && x < 10 + w) dark++;
            else if (d) outside++;
        }
    for (int y = 90; y < 140; y++)
        for (int x = 10; x < 150; x++) dark_ar += (px(x, y) & 0xFF) < 64;
    CHECK(dark > 150);
    CHECK_INT(outside, 0);
    CHECK(dark_ar > 100);   /* the Arabic font was found and shaped something */
}

static void test_qr(void)
{
    uint8_t m[21 * 21];
    for (int i = 0; i < 21 * 21; i++) m[i] = (uint8_t)((i / 21 + i % 21) % 2);
    m[0] = 1;
    ui_frame_begin(&u, 0);
    ui_fill(&u, (ui_rect){ 0, 0, 320, 240 }, (ui_color){ 0, 0, 200, 255 });
    ui_qr(&u, (ui_rect){ 0, 0, 145, 145 }, m, 21);   /* 29 modules of 5 px with the quiet zone */
    draw();
    CHECK_INT(px(2, 2), 0xFFFFFF);        /* quiet zone is white even on a blue background */
    CHECK_INT(px(22, 22), 0x000000);      /* module (0,0) */
    CHECK_INT(px(27, 22), 0x000000);      /* module (1,0): (1 + 0) % 2 dark */
    CHECK_INT(px(32, 22), 0xFFFFFF);      /* module (2,0) light */
    CHECK_INT(px(27, 27), 0xFFFFFF);      /* module (1,1) light */
    CHECK_INT(px(150, 150), 0x0000C8);    /* outside the code */
    char err[MJ_ERRLEN];
    CHECK_INT(render_sdl_screenshot(ren, 320, 240, "test_ui_render.png", err, sizeof err), MJ_OK);
    CHECK(access("test_ui_render.png", R_OK) == 0);
    unlink("test_ui_render.png");
}

int main(void)
{
    char err[MJ_ERRLEN];
    surf = SDL_CreateRGBSurfaceWithFormat(0, 320, 240, 32, SDL_PIXELFORMAT_ARGB8888);
    ren = surf ? SDL_CreateSoftwareRenderer(surf) : NULL;
    if (!ren || fonts_open(NULL, &fo, err, sizeof err) < 0 || render_sdl_new(ren, fo, &rs, err, sizeof err) < 0) {
        fprintf(stderr, "setup failed: %s %s\n", err, SDL_GetError());
        return 1;
    }
    ui_init(&u, 320, 240, fonts_measure(fo));
    RUN(test_rects_and_clip);
    RUN(test_text);
    RUN(test_qr);
    ui_free(&u);
    render_sdl_free(rs);
    fonts_close(fo);
    SDL_DestroyRenderer(ren);
    SDL_FreeSurface(surf);
    TTF_Quit();
    SDL_Quit();
    return TEST_DONE();
}
