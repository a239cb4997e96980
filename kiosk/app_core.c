/* app_core.c - see app_core.h. */
#include "app_core.h"
#include "idle.h"
#include "router.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int app_setup(app *a, const config *cfg, store *st, int w, int h, double dpi, char *err, size_t errlen)
{
    memset(a, 0, sizeof *a);
    a->cfg = cfg;
    a->st = st;
    a->data_version = -1;
    a->finger = -1;
    a->mouse_sx = a->mouse_sy = 1;
    char po[1200];
    int rc = fonts_open(NULL, &a->f, err, errlen);
    if (rc < 0) return rc;
    if (mj_path_join(po, sizeof po, cfg->assets_dir, "po") < 0)
        return mj_err(err, errlen, MJ_EINVAL, "assets path too long");
    if ((rc = i18n_open(po, &a->tr, err, errlen)) < 0) return rc;
    if ((rc = kiosk_init(&a->k, cfg, st, a->tr, w, h, dpi, fonts_measure(a->f), err, errlen)) < 0) return rc;
    idle_reset(&a->k);   /* the first visit */
    a->have_kiosk = 1;
    a->dirty = 1;
    app_poll_content(a);
    return MJ_OK;
}

static void offscreen_free(app *a)
{
    render_sdl_free(a->rs);
    a->rs = NULL;
    if (!a->surf) return;   /* a window's renderer belongs to app.c */
    if (a->r) SDL_DestroyRenderer(a->r);
    SDL_FreeSurface(a->surf);
    a->r = NULL;
    a->surf = NULL;
}

int app_offscreen(app *a, int w, int h, char *err, size_t errlen)
{
    offscreen_free(a);
    a->surf = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!a->surf) return mj_err(err, errlen, MJ_ENOMEM, "surface: %s", SDL_GetError());
    a->r = SDL_CreateSoftwareRenderer(a->surf);
    if (!a->r) return mj_err(err, errlen, MJ_EIO, "renderer: %s", SDL_GetError());
    a->dirty = 1;
    return render_sdl_new(a->r, a->f, &a->rs, err, errlen);
}

void app_teardown(app *a)
{
    offscreen_free(a);
    if (a->have_kiosk) kiosk_free(&a->k);
    a->have_kiosk = 0;
    i18n_close(a->tr);
    a->tr = NULL;
    fonts_close(a->f);
    a->f = NULL;
}

void app_input(app *a, int kind, int x, int y, uint32_t ms)
{
    ui *u = &a->k.u;
    a->k.last_input_ms = ms;
    if (kind == APP_DOWN) ui_input_down(u, x, y, ms);
    else if (kind == APP_MOVE) ui_input_move(u, x, y, ms);
    else ui_input_up(u, x, y, ms);
}

int app_frame(app *a, uint32_t ms)
{
    kiosk *k = &a->k;
    if (a->reload_pending && kiosk_screen(k) == SCR_HOME && !k->u.in.down) {
        /* new content, and nobody is in the middle of reading a detail */
        a->reload_pending = 0;
        kiosk_reload(k);
    }
    router_frame(k, ms);
    a->moving = ui_frame_end(&k->u);
    a->frame_ms = ms;
    staff_publish_printer(&k->sf, a->st);   /* the heartbeat reports the printer */
    /* remembered until drawn: a frame laid out while handling an event must still be drawn */
    uint64_t h = ui_frame_hash(&k->u);
    if (h != a->last_hash) a->dirty = 1;
    a->last_hash = h;
    return a->dirty;
}

void app_draw(app *a)
{
    if (!a->rs) return;
    if (a->k.resets != a->resets_seen || a->k.fb_wipes != a->fb_wipes_seen) {
        /* after an idle reset no texture of the last visitor's search text stays in memory, nor
         * of a feedback comment once it was sent or left */
        render_sdl_flush(a->rs);
        a->resets_seen = a->k.resets;
        a->fb_wipes_seen = a->k.fb_wipes;
    }
    render_sdl_draw(a->rs, &a->k.u, a->k.th.bg);
    a->dirty = 0;
}

void app_resize(app *a, int w, int h)
{
    a->k.u.w = w;
    a->k.u.h = h;
    kiosk_apply_theme(&a->k);
    a->dirty = 1;
}

void app_poll_content(app *a)
{
    long long v = store_data_version(a->st);
    if (v == MJ_EDB) return;
    if (v == a->data_version) return;
    int first = a->data_version < 0;
    a->data_version = v;
    if (first) return;
    /* something was written: reload only if the content itself changed (not, say, sync state) */
    char *cv = store_meta_get(a->st, "content_version");
    if (cv && (!a->k.have_site || strcmp(cv, a->k.site.content_version) != 0)) a->reload_pending = 1;
    free(cv);
}

uint32_t app_next_wake(app *a, uint32_t now_ms)
{
    kiosk *k = &a->k;
    uint32_t wait = 60000;
    if (a->moving) return 16;
    if (k->u.wake_ms) wait = k->u.wake_ms > now_ms ? k->u.wake_ms - now_ms : 0;
    uint32_t idle_at = k->last_input_ms + (uint32_t)k->cfg->idle_timeout_s * 1000u;
    if (idle_at > now_ms && idle_at - now_ms < wait) wait = idle_at - now_ms;
    /* the clock and "open now" on Home change with the minute */
    uint32_t to_minute = (uint32_t)(60 - k->now % 60) * 1000u;
    if (to_minute < wait) wait = to_minute;
    return wait;
}

/* Touch and mouse both drive one pointer; touches also hide the cursor. */
void app_handle_event(app *a, const SDL_Event *e, int w, int h, uint32_t now)
{
    switch (e->type) {
    case SDL_FINGERDOWN: case SDL_FINGERMOTION: case SDL_FINGERUP: {
        int x = (int)(e->tfinger.x * (float)w), y = (int)(e->tfinger.y * (float)h);
        SDL_ShowCursor(SDL_DISABLE);
        if (e->type == SDL_FINGERDOWN) {
            if (a->finger != -1) break;   /* one finger drives; a second one is ignored */
            a->finger = e->tfinger.fingerId;
            app_input(a, APP_DOWN, x, y, now);
        } else if (e->tfinger.fingerId == a->finger) {
            app_input(a, e->type == SDL_FINGERUP ? APP_UP : APP_MOVE, x, y, now);
            if (e->type == SDL_FINGERUP) { a->finger = -1; app_frame(a, now); }
        }
        break;
    }
    case SDL_MOUSEBUTTONDOWN: case SDL_MOUSEBUTTONUP:
        if (e->button.which == SDL_TOUCH_MOUSEID || e->button.button != SDL_BUTTON_LEFT) break;
        app_input(a, e->type == SDL_MOUSEBUTTONDOWN ? APP_DOWN : APP_UP, (int)((float)e->button.x * a->mouse_sx),
                  (int)((float)e->button.y * a->mouse_sy), now);
        /* answer each tap before the next event, so quick taps are never merged */
        if (e->type == SDL_MOUSEBUTTONUP) app_frame(a, now);
        break;
    case SDL_MOUSEMOTION:
        if (e->motion.which == SDL_TOUCH_MOUSEID) break;
        if (e->motion.state & SDL_BUTTON_LMASK)
            app_input(a, APP_MOVE, (int)((float)e->motion.x * a->mouse_sx), (int)((float)e->motion.y * a->mouse_sy), now);
        break;
    case SDL_WINDOWEVENT:
        if (e->window.event == SDL_WINDOWEVENT_EXPOSED) a->dirty = 1;
        break;
    default:
        /* SDL_QUIT (Alt+F4, the window manager), Escape and every other key: ignored */
        break;
    }
}

