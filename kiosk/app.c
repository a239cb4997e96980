/* app.c - the SDL window and event loop (app.h). Event-driven: it sleeps in
 * SDL_WaitEventTimeout until a touch, a timer it asked for (inertia, attract strip, idle
 * countdown, the minute) or SIGTERM, lays out a frame, and draws only when the picture changed.
 * A visitor cannot leave: no decorations, Escape and Alt+F4 (SDL_QUIT) are ignored. */
#include "app.h"
#include "app_core.h"
#include "notify.h"
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig) { (void)sig; stop_requested = 1; }

/* From the printer thread: wake the loop, which reads the status in its own thread. */
static void on_printer(const printq_status *st, void *user)
{
    (void)st; (void)user;
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_USEREVENT;
    SDL_PushEvent(&e);
}

static double display_dpi(const config *cfg, SDL_Window *win)
{
    if (cfg->dpi > 0) return cfg->dpi;
    float d = 0;
    int idx = SDL_GetWindowDisplayIndex(win);
    if (SDL_GetDisplayDPI(idx < 0 ? 0 : idx, &d, NULL, NULL) == 0 && d >= 60 && d <= 700) return d;
    return 96;
}

/* Mouse events come in window points; layout is in drawable pixels (they differ on HiDPI). */
static void scale_mouse(app *a, int w, int h)
{
    int ww, wh;
    SDL_GetWindowSize(a->win, &ww, &wh);
    a->mouse_sx = ww > 0 ? (float)w / (float)ww : 1;
    a->mouse_sy = wh > 0 ? (float)h / (float)wh : 1;
}

/* READY=1 (first) and STATUS=: content version, outbox, printer; notify_status sends only changes. */
static void app_notify(app *a, int first)
{
    static unsigned calls;
    if (!notify_enabled() || (!first && calls++ % 10)) return;   /* every ~10 s */
    char *cv = store_meta_get(a->st, "content_version");
    feedback_counts fc;
    char ferr[MJ_ERRLEN];
    /* an empty date range: only the range-free outbox count is of use here */
    if (feedback_counts_between(a->st, "9999-12-31", "9999-12-31", &fc, ferr, sizeof ferr)) fc.outbox = -1;
    char printer[160] = "none";
    if (a->k.sf.pq) {
        printq_status ps;
        printq_status_get(a->k.sf.pq, &ps);
        snprintf(printer, sizeof printer, "%s, %d waiting", ps.last_rc == MJ_OK ? "ok" : "not ready", ps.pending);
    }
    char line[256];
    snprintf(line, sizeof line, "showing content %s, outbox %d unsent, printer %s", cv ? cv : "none", fc.outbox, printer);
    free(cv);
    if (first) notify_ready(line);
    else notify_status("%s", line);
}

int app_run(const config *cfg, store *st, char *err, size_t errlen)
{
    app a;
    int rc = MJ_OK;
    /* our own SIGTERM handler: SDL's would turn it into SDL_QUIT, which we ignore */
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
    SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    /* Without a GPU (no DRM render node) OpenGL would be Mesa's llvmpipe: software rendering all
     * the same, plus ~40 MB of LLVM and two JIT threads woken for every frame. SDL's software
     * renderer draws the same frames (~3 ms at 1080p) straight into the window's shared-memory
     * framebuffer: ~26 MB in all instead of ~100. SDL_RENDER_DRIVER and
     * SDL_FRAMEBUFFER_ACCELERATION in the environment still decide when set. */
    if (access("/dev/dri/renderD128", F_OK) != 0) {
        SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) < 0)
        return mj_err(err, errlen, MJ_EIO, "SDL_Init: %s", SDL_GetError());
    int w = cfg->width, h = cfg->height;
    if (cfg->portrait && w > h) { int t = w; w = h; h = t; }
    Uint32 flags = SDL_WINDOW_ALLOW_HIGHDPI;
    if (cfg->fullscreen) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP | SDL_WINDOW_BORDERLESS;
    SDL_Window *win = SDL_CreateWindow("Majakka", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w, h, flags);
    if (!win) { rc = mj_err(err, errlen, MJ_EIO, "SDL_CreateWindow: %s", SDL_GetError()); goto out_sdl; }
    SDL_Renderer *r = SDL_CreateRenderer(win, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    if (!r) r = SDL_CreateRenderer(win, -1, SDL_RENDERER_SOFTWARE);
    if (!r) { rc = mj_err(err, errlen, MJ_EIO, "SDL_CreateRenderer: %s", SDL_GetError()); goto out_win; }
    SDL_GetRendererOutputSize(r, &w, &h);
    if (cfg->fullscreen) SDL_ShowCursor(SDL_DISABLE);
    if ((rc = app_setup(&a, cfg, st, w, h, display_dpi(cfg, win), err, errlen)) < 0) goto out_app;
    if ((rc = render_sdl_new(r, a.f, &a.rs, err, errlen)) < 0) goto out_app;
    a.r = r;
    a.win = win;
    a.k.sf.notify = on_printer;
    scale_mouse(&a, w, h);
    uint32_t last_poll = 0, due = 0;
    int woken = 1;   /* an event came in (or the first frame): lay the screen out */
    int shown = 0;   /* systemd hears READY=1 once the first frame is on the screen */
    while (!stop_requested) {
        uint32_t now = SDL_GetTicks();
        a.k.now = time(NULL);
        /* A wake-up only to look for SIGTERM lays nothing out: an idle kiosk does a frame when
         * the screen asks for one (the attract strip, the minute), not every half second. */
        if (woken || (int32_t)(now - due) >= 0) {
            int changed = app_frame(&a, now);
            if (changed) {
                app_draw(&a);
                SDL_RenderPresent(r);
                if (!shown) { shown = 1; app_notify(&a, 1); }
            }
        }
        /* The loop wakes at least every 500 ms (below), drawing nothing: the watchdog is fed. */
        notify_watchdog_tick();
        if (SDL_GetTicks() - last_poll >= 1000 && shown) app_notify(&a, 0);
        uint32_t wait = app_next_wake(&a, SDL_GetTicks());
        due = SDL_GetTicks() + wait;
        if (wait > 500) wait = 500;   /* SIGTERM is noticed within half a second */
        woken = 0;
        SDL_Event e;
        if (SDL_WaitEventTimeout(&e, (int)wait)) {
            woken = 1;
            do {
                if (e.type == SDL_WINDOWEVENT && e.window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
                    SDL_GetRendererOutputSize(r, &w, &h);
                    app_resize(&a, w, h);
                    scale_mouse(&a, w, h);
                }
                app_handle_event(&a, &e, w, h, SDL_GetTicks());
            } while (SDL_PollEvent(&e));
        }
        if (SDL_GetTicks() - last_poll >= 1000) {
            int pending = a.reload_pending;
            app_poll_content(&a);
            if (a.reload_pending != pending) woken = 1;
            last_poll = SDL_GetTicks();
        }
    }
    notify_stopping();
out_app:
    app_teardown(&a);
    SDL_DestroyRenderer(r);
out_win:
    SDL_DestroyWindow(win);
out_sdl:
    TTF_Quit();
    SDL_Quit();
    return rc;
}
