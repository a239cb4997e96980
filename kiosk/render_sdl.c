/* render_sdl.c - see render_sdl.h. */
#include "render_sdl.h"
#include "util.h"
#include <cairo.h>
#include <stdlib.h>
#include <string.h>

#define TCACHE 2048   /* direct-mapped: a colliding entry replaces the old texture */
/* Texture memory the text cache may hold. A kiosk that has shown every screen in seven
 * languages would otherwise keep each label it ever drew (~10 MB more PSS); past the budget the
 * cache starts again, which costs one cold frame (~6 ms at 1080p). */
#define TCACHE_BYTES (12u << 20)

typedef struct tentry { uint64_t key; SDL_Texture *tex; int w, h; } tentry;

struct render_sdl {
    SDL_Renderer *r;
    fonts *f;
    tentry *cache;
    size_t bytes;   /* pixels held by cached textures, 4 bytes each */
};

int render_sdl_new(SDL_Renderer *r, fonts *f, render_sdl **out, char *err, size_t errlen)
{
    render_sdl *rs = calloc(1, sizeof *rs);
    if (!rs || !(rs->cache = calloc(TCACHE, sizeof *rs->cache))) {
        free(rs);
        return mj_err(err, errlen, MJ_ENOMEM, "renderer: out of memory");
    }
    rs->r = r;
    rs->f = f;
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
    *out = rs;
    return MJ_OK;
}

void render_sdl_flush(render_sdl *rs)
{
    for (int i = 0; i < TCACHE; i++) {
        if (rs->cache[i].tex) SDL_DestroyTexture(rs->cache[i].tex);
        rs->cache[i] = (tentry){ 0 };
    }
    rs->bytes = 0;
}

void render_sdl_free(render_sdl *rs)
{
    if (!rs) return;
    render_sdl_flush(rs);
    free(rs->cache);
    free(rs);
}

static uint64_t text_key(const ui_cmd *c, const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (uint32_t i = 0; i < c->len; i++) { h ^= (unsigned char)s[i]; h *= 1099511628211ull; }
    uint64_t meta = (uint64_t)c->px | (uint64_t)c->script << 12 | (uint64_t)c->bold << 14 |
                    (uint64_t)c->rtl << 15 | (uint64_t)c->color.r << 16 | (uint64_t)c->color.g << 24 |
                    (uint64_t)c->color.b << 32 | (uint64_t)c->color.a << 40;
    h ^= meta * 0x9E3779B97F4A7C15ull;
    return h | 1;
}

static tentry *text_texture(render_sdl *rs, const ui_cmd *c, const char *s)
{
    uint64_t key = text_key(c, s);
    tentry *e = &rs->cache[key % TCACHE];
    if (e->key == key && e->tex) return e;
    if (e->tex) {
        SDL_DestroyTexture(e->tex);
        rs->bytes -= (size_t)e->w * (size_t)e->h * 4u;
    }
    *e = (tentry){ 0 };
    if (rs->bytes > TCACHE_BYTES) render_sdl_flush(rs);
    TTF_Font *font = fonts_get(rs->f, c->script, c->bold, c->px, c->rtl);
    if (!font) return NULL;
    char buf[512];
    char *tmp = c->len < sizeof buf ? buf : malloc(c->len + 1);
    if (!tmp) return NULL;
    memcpy(tmp, s, c->len);
    tmp[c->len] = 0;
    SDL_Color col = { c->color.r, c->color.g, c->color.b, c->color.a };
    SDL_Surface *surf = TTF_RenderUTF8_Blended(font, tmp, col);
    if (tmp != buf) free(tmp);
    if (!surf) return NULL;
    e->tex = SDL_CreateTextureFromSurface(rs->r, surf);
    e->w = surf->w;
    e->h = surf->h;
    SDL_FreeSurface(surf);
    if (!e->tex) return NULL;
    rs->bytes += (size_t)e->w * (size_t)e->h * 4u;
    e->key = key;
    return e;
}

/* A 1-bit image (the slip preview) as a texture made for this draw: it is drawn only when the
 * picture changed, and only staff see it, so it is not cached. */
static void draw_image(render_sdl *rs, const ui_cmd *c, const uint8_t *data)
{
    uint32_t head[3];
    memcpy(head, data, sizeof head);
    int w = (int)head[0], h = (int)head[1], stride = (int)head[2];
    const uint8_t *bits = data + sizeof head;
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!s) return;
    for (int y = 0; y < h; y++) {
        uint32_t *row = (uint32_t *)((uint8_t *)s->pixels + (size_t)y * (size_t)s->pitch);
        for (int x = 0; x < w; x++)
            row[x] = (bits[(size_t)y * (size_t)stride + (size_t)(x >> 3)] >> (7 - (x & 7))) & 1 ? 0xFF000000u : 0xFFFFFFFFu;
    }
    SDL_Texture *t = SDL_CreateTextureFromSurface(rs->r, s);
    SDL_FreeSurface(s);
    if (!t) return;
    SDL_SetTextureBlendMode(t, SDL_BLENDMODE_NONE);
    SDL_Rect dst = { c->r.x, c->r.y, c->r.w, c->r.h };
    SDL_RenderCopy(rs->r, t, NULL, &dst);
    SDL_DestroyTexture(t);
}

static void draw_qr(render_sdl *rs, const ui_cmd *c, const uint8_t *data)
{
    int side = data[0];
    const uint8_t *m = data + 1;
    int total = side + 8;                    /* 4 modules of quiet zone on each side */
    int mod = c->r.w < c->r.h ? c->r.w / total : c->r.h / total;
    if (mod < 1) mod = 1;
    int size = mod * total;
    int x0 = c->r.x + (c->r.w - size) / 2, y0 = c->r.y + (c->r.h - size) / 2;
    SDL_SetRenderDrawBlendMode(rs->r, SDL_BLENDMODE_NONE);
    SDL_SetRenderDrawColor(rs->r, 255, 255, 255, 255);
    SDL_Rect bg = { x0, y0, size, size };
    SDL_RenderFillRect(rs->r, &bg);
    SDL_SetRenderDrawColor(rs->r, 0, 0, 0, 255);
    SDL_Rect rects[177];
    for (int y = 0; y < side; y++) {
        int n = 0;
        for (int x = 0; x < side; x++) {
            if (!m[y * side + x]) continue;
            /* merge horizontal neighbours into one rectangle */
            int x1 = x;
            while (x1 + 1 < side && m[y * side + x1 + 1]) x1++;
            rects[n++] = (SDL_Rect){ x0 + (x + 4) * mod, y0 + (y + 4) * mod, (x1 - x + 1) * mod, mod };
            x = x1;
        }
        SDL_RenderFillRects(rs->r, rects, n);
    }
}

void render_sdl_draw(render_sdl *rs, const ui *u, ui_color clear)
{
    SDL_RenderSetClipRect(rs->r, NULL);
    SDL_SetRenderDrawColor(rs->r, clear.r, clear.g, clear.b, 255);
    SDL_RenderClear(rs->r);
    for (size_t i = 0; i < u->ncmds; i++) {
        const ui_cmd *c = &u->cmds[i];
        switch (c->type) {
        case UI_CMD_RECT: {
            SDL_SetRenderDrawColor(rs->r, c->color.r, c->color.g, c->color.b, c->color.a);
            /* opaque fills skip blending: the software renderer's plain fill is far faster */
            SDL_SetRenderDrawBlendMode(rs->r, c->color.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
            SDL_Rect r = { c->r.x, c->r.y, c->r.w, c->r.h };
            if (!c->px) { SDL_RenderFillRect(rs->r, &r); break; }
            for (int k = 0; k < c->px && r.w > 0 && r.h > 0; k++) {
                SDL_RenderDrawRect(rs->r, &r);
                r.x++; r.y++; r.w -= 2; r.h -= 2;
            }
            break;
        }
        case UI_CMD_TEXT: {
            tentry *e = text_texture(rs, c, u->arena + c->off);
            if (!e) break;
            SDL_Rect dst = { c->r.x, c->r.y, e->w, e->h };
            SDL_RenderCopy(rs->r, e->tex, NULL, &dst);
            break;
        }
        case UI_CMD_QR:
            draw_qr(rs, c, (const uint8_t *)u->arena + c->off);
            break;
        case UI_CMD_IMAGE:
            draw_image(rs, c, (const uint8_t *)u->arena + c->off);
            break;
        case UI_CMD_CLIP:
            if (c->r.w > 0 || c->r.h > 0) {
                SDL_Rect r = { c->r.x, c->r.y, c->r.w > 0 ? c->r.w : 1, c->r.h > 0 ? c->r.h : 1 };
                SDL_RenderSetClipRect(rs->r, &r);
            } else {
                SDL_RenderSetClipRect(rs->r, NULL);
            }
            break;
        }
    }
    SDL_RenderSetClipRect(rs->r, NULL);
}

int render_sdl_screenshot(SDL_Renderer *r, int w, int h, const char *path, char *err, size_t errlen)
{
    int stride = cairo_format_stride_for_width(CAIRO_FORMAT_RGB24, w);
    unsigned char *px = malloc((size_t)stride * (size_t)h);
    if (!px) return mj_err(err, errlen, MJ_ENOMEM, "screenshot: out of memory");
    if (SDL_RenderReadPixels(r, NULL, SDL_PIXELFORMAT_ARGB8888, px, stride) < 0) {
        free(px);
        return mj_err(err, errlen, MJ_EIO, "screenshot: %s", SDL_GetError());
    }
    cairo_surface_t *s = cairo_image_surface_create_for_data(px, CAIRO_FORMAT_RGB24, w, h, stride);
    cairo_status_t st = cairo_surface_write_to_png(s, path);
    cairo_surface_destroy(s);
    free(px);
    if (st != CAIRO_STATUS_SUCCESS)
        return mj_err(err, errlen, MJ_EIO, "%s: %s", path, cairo_status_to_string(st));
    return MJ_OK;
}
