/* app_core.h - what app.c (the SDL loop) and tests/ui/driver/script.c (the UI test driver) share: setting up
 * fonts, translations and the kiosk state, feeding input, running a frame, noticing new content. */
#ifndef MAJAKKA_APP_CORE_H
#define MAJAKKA_APP_CORE_H
#include <SDL2/SDL.h>
#include "fonts.h"
#include "kiosk.h"
#include "render_sdl.h"

typedef struct app {
    const config *cfg;
    store *st;
    fonts *f;
    i18n *tr;
    kiosk k;
    int have_kiosk;
    SDL_Window *win;
    SDL_Renderer *r;
    SDL_Surface *surf;            /* the memory surface of test runs */
    render_sdl *rs;
    uint64_t last_hash;
    int dirty;                    /* the picture must be drawn even if the hash is the same */
    long long data_version;
    int reload_pending;
    uint32_t frame_ms;            /* when the last frame was laid out */
    int moving;                   /* scrolling inertia still running */
    long long finger;             /* the touch that drives the pointer, or -1 */
    float mouse_sx, mouse_sy;     /* window points to drawable pixels (HiDPI) */
    unsigned resets_seen;
    unsigned fb_wipes_seen;       /* comments wiped (kiosk.fb_wipes) when the text cache was last dropped */
} app;

enum { APP_DOWN, APP_MOVE, APP_UP };
/* A moment of the app's clock (ms) in the middle of one period of Home's attract strip: pictures
 * drawn headless at it (UI test screenshots, previews) hold still and match each other. */
#define APP_STILL_MS 102000u

int app_setup(app *a, const config *cfg, store *st, int w, int h, double dpi, char *err, size_t errlen);
void app_teardown(app *a);
/* A pointer event in physical pixels at ms. */
void app_input(app *a, int kind, int x, int y, uint32_t ms);
/* One SDL event (w x h: the drawable size, for finger coordinates): touch and mouse drive one
 * pointer, a second finger is ignored, keys and SDL_QUIT (Alt+F4) are ignored. */
void app_handle_event(app *a, const SDL_Event *e, int w, int h, uint32_t now);
/* Lays out a frame at ms; returns 1 while the picture differs from the last one drawn. */
int app_frame(app *a, uint32_t ms);
/* Draws the last laid out frame with the renderer. */
void app_draw(app *a);
/* Headless drawing (the preview, the UI test driver): a w x h memory surface with SDL's software
 * renderer and a new text cache, replacing one made before; app_teardown frees them. */
int app_offscreen(app *a, int w, int h, char *err, size_t errlen);
/* New screen size: theme and layout follow. */
void app_resize(app *a, int w, int h);
/* Checks whether another process (the sync agent) changed the store; reloads when the visitor
 * is on Home (or after the idle reset), never under someone reading a detail. */
void app_poll_content(app *a);
/* Milliseconds until the app needs a frame again without input (0: now; capped by the caller). */
uint32_t app_next_wake(app *a, uint32_t now_ms);

#endif
