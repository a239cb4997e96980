/* fonts.c - see fonts.h. */
#include "fonts.h"
#include "log.h"
#include "util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_OPEN 40
#define WCACHE 4096

static const char *const files[UI_SCRIPT_COUNT][2] = {
    { "NotoSans-Regular.ttf", "NotoSans-Bold.ttf" },
    { "NotoSansArabicUI-Regular.ttf", "NotoSansArabicUI-Bold.ttf" },   /* UI: Latin-like line height */
    { "NotoSansSymbols2-Regular.ttf", "NotoSansSymbols2-Regular.ttf" },   /* has no bold */
};
static const char *const hb_script[UI_SCRIPT_COUNT] = { "Latn", "Arab", "Zyyy" };

typedef struct open_font { int script, bold, px, rtl; TTF_Font *font; unsigned long used; } open_font;
typedef struct wentry { uint64_t key; int w; } wentry;

struct fonts {
    char path[UI_SCRIPT_COUNT][2][1024];
    open_font open[MAX_OPEN];
    int nopen;
    unsigned long tick;
    wentry *wcache;
};

/* 1 when path is a font file SDL_ttf can open. */
static int font_usable(const char *path)
{
    if (access(path, R_OK) != 0) return 0;
    TTF_Font *t = TTF_OpenFont(path, 12);
    if (!t) return 0;
    TTF_CloseFont(t);
    return 1;
}

int fonts_open(const char *dir, fonts **out, char *err, size_t errlen)
{
    if (!dir) dir = getenv("MAJAKKA_FONT_DIR");
    if (!dir || !*dir) dir = "/usr/share/fonts/truetype/noto";
    fonts *f = calloc(1, sizeof *f);
    if (!f) return mj_err(err, errlen, MJ_ENOMEM, "fonts: out of memory");
    f->wcache = calloc(WCACHE, sizeof *f->wcache);
    if (!f->wcache) { free(f); return mj_err(err, errlen, MJ_ENOMEM, "fonts: out of memory"); }
    if (!TTF_WasInit() && TTF_Init() < 0) {
        int rc = mj_err(err, errlen, MJ_EIO, "TTF_Init: %s", TTF_GetError());
        fonts_close(f);
        return rc;
    }
    /* A missing or broken file must not stop the kiosk: the script's regular face, then Latin,
     * then DejaVu stand in (text in that script may show as boxes), with a warning. */
    static const char *const dejavu[2] = { "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                                           "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf" };
    for (int s = 0; s < UI_SCRIPT_COUNT; s++)
        for (int b = 0; b < 2; b++) {
            char want[1024], cand[1024];
            const char *tries[] = { files[s][b], files[s][0], files[0][b], files[0][0], dejavu[b], dejavu[0] };
            int found = 0;
            mj_path_join(want, sizeof want, dir, files[s][b]);
            for (size_t t = 0; t < sizeof tries / sizeof tries[0] && !found; t++) {
                if (tries[t][0] == '/') snprintf(cand, sizeof cand, "%s", tries[t]);
                else if (mj_path_join(cand, sizeof cand, dir, tries[t]) < 0) continue;
                if (!font_usable(cand)) continue;
                snprintf(f->path[s][b], sizeof f->path[s][b], "%s", cand);
                found = 1;
                if (t > 0) log_msg(LOG_P_WARNING, "majakka-kiosk", "font %s is missing or broken: using %s", want, cand);
            }
            if (!found) {
                int rc = mj_err(err, errlen, MJ_ENOTFOUND, "font %s is missing and no other font could stand in "
                                "(Debian packages fonts-noto-core, fonts-noto-ui-core)", want);
                fonts_close(f);
                return rc;
            }
        }
    *out = f;
    return MJ_OK;
}

void fonts_close(fonts *f)
{
    if (!f) return;
    for (int i = 0; i < f->nopen; i++) TTF_CloseFont(f->open[i].font);
    free(f->wcache);
    free(f);
}

TTF_Font *fonts_get(fonts *f, int script, int bold, int px, int rtl)
{
    if (script < 0 || script >= UI_SCRIPT_COUNT) script = 0;
    bold = bold != 0;
    rtl = rtl != 0;
    if (px < 4) px = 4;
    if (px > 400) px = 400;
    f->tick++;
    for (int i = 0; i < f->nopen; i++) {
        open_font *o = &f->open[i];
        if (o->script == script && o->bold == bold && o->px == px && o->rtl == rtl) {
            o->used = f->tick;
            return o->font;
        }
    }
    int slot = f->nopen;
    if (slot == MAX_OPEN) {
        slot = 0;   /* close the least recently used */
        for (int i = 1; i < MAX_OPEN; i++)
            if (f->open[i].used < f->open[slot].used) slot = i;
        TTF_CloseFont(f->open[slot].font);
    } else {
        f->nopen++;
    }
    TTF_Font *font = TTF_OpenFont(f->path[script][bold], px);
    if (!font) {
        /* keep the table dense: move the last entry into the hole */
        f->open[slot] = f->open[--f->nopen];
        return NULL;
    }
    TTF_SetFontHinting(font, TTF_HINTING_LIGHT);
    TTF_SetFontDirection(font, rtl ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR);
    TTF_SetFontScriptName(font, hb_script[script]);
    f->open[slot] = (open_font){ script, bold, px, rtl, font, f->tick };
    return font;
}

static uint64_t key_of(int script, int bold, int px, int rtl, const char *s, size_t len)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < len; i++) { h ^= (unsigned char)s[i]; h *= 1099511628211ull; }
    h ^= (uint64_t)(script * 2 + bold) << 40 ^ (uint64_t)px << 48 ^ (uint64_t)rtl << 62 ^ len;
    return h | 1;   /* 0 marks an empty slot */
}

static int m_width(void *ctx, int script, int bold, int px, int rtl, const char *s, size_t len)
{
    fonts *f = ctx;
    if (!len) return 0;
    uint64_t key = key_of(script, bold, px, rtl, s, len);
    wentry *e = &f->wcache[key % WCACHE];
    if (e->key == key) return e->w;
    TTF_Font *font = fonts_get(f, script, bold, px, rtl);
    if (!font) return 0;
    char buf[1024];
    char *tmp = len < sizeof buf ? buf : malloc(len + 1);
    if (!tmp) return 0;
    memcpy(tmp, s, len);
    tmp[len] = 0;
    int w = 0, h = 0;
    if (TTF_SizeUTF8(font, tmp, &w, &h) < 0) w = 0;
    if (tmp != buf) free(tmp);
    e->key = key;
    e->w = w;
    return w;
}

static void m_vmetrics(void *ctx, int script, int bold, int px, int *ascent, int *height)
{
    TTF_Font *font = fonts_get(ctx, script, bold, px, 0);
    *ascent = font ? TTF_FontAscent(font) : px;
    *height = font ? TTF_FontHeight(font) : px * 4 / 3;
}

ui_measure fonts_measure(fonts *f)
{
    return (ui_measure){ f, m_width, m_vmetrics };
}
