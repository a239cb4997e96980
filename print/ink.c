/* ink.c - see ink.h. Directions and visual order are core/bidi.h's (the screen's rule too);
 * runs of one direction and one face are shaped by HarfBuzz with that direction, and a
 * right-to-left slip lays its lines out from the right. */
#include "ink.h"
#include "bidi.h"
#include "linebreak.h"
#include "util.h"
#include <SDL.h>
#include <SDL_ttf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TEXT_CACHE 64
#define TEXT_MAX_CPS 4096
#define PROBE_PX 16

/* The faces, in the order a letter looks for a glyph: Noto Sans first (Latin, Cyrillic,
 * Greek), then Arabic; the others are used when Debian's fonts-noto-core has them. */
static const struct { const char *regular, *bold, *script; int required; } faces[] = {
    { "NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "Latn", 1 },
    { "NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf", "Arab", 1 },
    { "NotoSansHebrew-Regular.ttf", "NotoSansHebrew-Bold.ttf", "Hebr", 0 },
    { "NotoSansEthiopic-Regular.ttf", "NotoSansEthiopic-Bold.ttf", "Ethi", 0 },
    { "NotoSansThai-Regular.ttf", "NotoSansThai-Bold.ttf", "Thai", 0 },
    { "NotoSansDevanagari-Regular.ttf", "NotoSansDevanagari-Bold.ttf", "Deva", 0 },
    { "NotoSansBengali-Regular.ttf", "NotoSansBengali-Bold.ttf", "Beng", 0 },
    { "NotoSansTamil-Regular.ttf", "NotoSansTamil-Bold.ttf", "Taml", 0 },
    { "NotoSansArmenian-Regular.ttf", "NotoSansArmenian-Bold.ttf", "Armn", 0 },
    { "NotoSansGeorgian-Regular.ttf", "NotoSansGeorgian-Bold.ttf", "Geor", 0 },
    { "NotoSansKhmer-Regular.ttf", "NotoSansKhmer-Bold.ttf", "Khmr", 0 },
    { "NotoSansLao-Regular.ttf", "NotoSansLao-Bold.ttf", "Laoo", 0 },
    { "NotoSansMyanmar-Regular.ttf", "NotoSansMyanmar-Bold.ttf", "Mymr", 0 },
    { "NotoSansSinhala-Regular.ttf", "NotoSansSinhala-Bold.ttf", "Sinh", 0 },
};
#define NFACES ((int)(sizeof faces / sizeof faces[0]))
enum { FACE_LATIN = 0, FACE_ARABIC = 1 };

struct ink_ctx {
    char dir[512];
    unsigned char have[NFACES][2];    /* [face][bold]: the file is there */
    struct { int face, bold, px; TTF_Font *font; } cache[TEXT_CACHE];
    int ncache, next;
    char buf[TEXT_MAX_CPS * 4 + 1];   /* one run as UTF-8 */
};

int ink_open(const char *fonts_dir, ink_ctx **out, char *err, size_t errlen)
{
    *out = NULL;
    ink_ctx *t = calloc(1, sizeof *t);
    if (!t) return mj_err(err, errlen, MJ_ENOMEM, "text: out of memory");
    snprintf(t->dir, sizeof t->dir, "%s", fonts_dir ? fonts_dir : INK_FONTS_DIR);
    for (int i = 0; i < NFACES; i++)
        for (int b = 0; b < 2; b++) {
            char path[600];
            snprintf(path, sizeof path, "%s/%s", t->dir, b ? faces[i].bold : faces[i].regular);
            FILE *f = fopen(path, "rb");
            if (f) { fclose(f); t->have[i][b] = 1; }
            else if (faces[i].required) {
                free(t);
                return mj_err(err, errlen, MJ_ENOTFOUND, "text: font %s is missing", path);
            }
        }
    if (TTF_Init() != 0) { free(t); return mj_err(err, errlen, MJ_EIO, "text: %s", TTF_GetError()); }
    *out = t;
    return MJ_OK;
}

void ink_close(ink_ctx *t)
{
    if (!t) return;
    for (int i = 0; i < t->ncache; i++) TTF_CloseFont(t->cache[i].font);
    free(t);
    TTF_Quit();
}

/* A face at a size, opened once and cached (bold falls back to regular when missing). */
static TTF_Font *font_get(ink_ctx *t, int face, int bold, int px)
{
    if (face < 0 || face >= NFACES || !t->have[face][0]) return NULL;
    if (!t->have[face][1]) bold = 0;
    for (int i = 0; i < t->ncache; i++)
        if (t->cache[i].face == face && t->cache[i].bold == bold && t->cache[i].px == px) return t->cache[i].font;
    char path[600];
    snprintf(path, sizeof path, "%s/%s", t->dir, bold ? faces[face].bold : faces[face].regular);
    TTF_Font *f = TTF_OpenFont(path, px);
    if (!f) return NULL;
    int slot;
    if (t->ncache < TEXT_CACHE) slot = t->ncache++;
    else { slot = t->next; t->next = (t->next + 1) % TEXT_CACHE; TTF_CloseFont(t->cache[slot].font); }
    t->cache[slot].face = face;
    t->cache[slot].bold = bold;
    t->cache[slot].px = px;
    t->cache[slot].font = f;
    return f;
}

static int is_cyrillic(long c) { return c >= 0x0400 && c <= 0x052F; }
static int is_greek(long c) { return c >= 0x0370 && c <= 0x03FF; }

static int provides(ink_ctx *t, int face, long c)
{
    TTF_Font *f = font_get(t, face, 0, PROBE_PX);
    return f && c > 0 && c <= 0x10FFFF && TTF_GlyphIsProvided32(f, (Uint32)c);
}

/* The first face that has a glyph for c, or -1. */
static int face_for(ink_ctx *t, long c)
{
    for (int i = 0; i < NFACES; i++)
        if (provides(t, i, c)) return i;
    return -1;
}

/* A paragraph decoded: code points with their resolved direction and face. */
typedef struct para {
    long cp[TEXT_MAX_CPS];
    unsigned char dir[TEXT_MAX_CPS];
    signed char face[TEXT_MAX_CPS];
    int n, base, missing;
} para;

/* Letters take the first face that has them; digits stay in Noto Sans; spaces and punctuation
 * stay in the face of the letter before them when it has them (an Arabic comma, a space
 * between Arabic words), so a run is not broken for nothing. */
static void assign_faces(ink_ctx *t, para *p)
{
    p->missing = 0;
    for (int k = 0; k < p->n; k++) {
        long c = p->cp[k];
        int f = -1;
        if (c >= '0' && c <= '9') f = FACE_LATIN;
        else if (bidi_class(c) == BIDI_N && k > 0 && provides(t, p->face[k - 1], c)) f = p->face[k - 1];
        else f = face_for(t, c);
        if (f < 0) { f = FACE_LATIN; if (c != ' ') p->missing++; }
        p->face[k] = (signed char)f;
    }
}

static void resolve(para *p, int rtl_default)
{
    for (int i = 0; i < p->n; i++) p->dir[i] = (unsigned char)bidi_class(p->cp[i]);
    p->base = bidi_base(p->dir, p->n, rtl_default);
    bidi_resolve(p->dir, p->n, p->base);
}

static size_t utf8_put(char *o, long c)
{
    if (c < 0x80) { o[0] = (char)c; return 1; }
    if (c < 0x800) { o[0] = (char)(0xC0 | (c >> 6)); o[1] = (char)(0x80 | (c & 0x3F)); return 2; }
    if (c < 0x10000) {
        o[0] = (char)(0xE0 | (c >> 12)); o[1] = (char)(0x80 | ((c >> 6) & 0x3F)); o[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (c >> 18)); o[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((c >> 6) & 0x3F)); o[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

/* One run: [a, b) of one direction and one face. */
typedef struct run { int a, b, dir, face, cyr, greek; } run;

/* Runs of [a, b) of one direction and one face, in visual order (bidi_order), left to right. */
static int runs_of(const para *p, int a, int b, run *out, int max)
{
    run tmp[128];
    int n = 0;
    for (int i = a; i < b && n < max && n < 128;) {
        int cy = is_cyrillic(p->cp[i]), gr = is_greek(p->cp[i]);
        int j = i + 1;
        while (j < b && p->dir[j] == p->dir[i] && p->face[j] == p->face[i]) {
            cy |= is_cyrillic(p->cp[j]);
            gr |= is_greek(p->cp[j]);
            j++;
        }
        tmp[n++] = (run){ i, j, p->dir[i], p->face[i], cy, gr };
        i = j;
    }
    unsigned char dir[128] = { 0 };
    int order[128];
    for (int k = 0; k < n; k++) dir[k] = (unsigned char)tmp[k].dir;
    bidi_order(dir, n, p->base, order);
    for (int k = 0; k < n; k++) out[k] = tmp[order[k]];
    return n;
}

static TTF_Font *run_font(ink_ctx *t, const run *r, const ink_style *st, char *buf, const para *p)
{
    TTF_Font *f = font_get(t, r->face, st->bold, st->px);
    if (!f) return NULL;
    TTF_SetFontDirection(f, r->dir == BIDI_R ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR);
    TTF_SetFontScriptName(f, r->face != FACE_LATIN ? faces[r->face].script : r->cyr ? "Cyrl" : r->greek ? "Grek" : "Latn");
    size_t o = 0;
    for (int k = r->a; k < r->b; k++) o += utf8_put(buf + o, p->cp[k]);
    buf[o] = 0;
    return f;
}

#define MAX_RUNS 128

/* Width of [a, b) in pixels, or -1. */
static int width_of(ink_ctx *t, const para *p, int a, int b, const ink_style *st)
{
    run r[MAX_RUNS];
    int n = runs_of(p, a, b, r, MAX_RUNS), w = 0;
    char *buf = t->buf;
    for (int i = 0; i < n; i++) {
        TTF_Font *f = run_font(t, &r[i], st, buf, p);
        int rw = 0, rh;
        if (!f || TTF_SizeUTF8(f, buf, &rw, &rh)) return -1;
        w += rw;
    }
    return w;
}

/* Line metrics for [a, b): ascent and descent over the fonts it uses. */
static void metrics_of(ink_ctx *t, const para *p, int a, int b, const ink_style *st, int *asc, int *desc)
{
    unsigned char used[NFACES] = { 0 };
    used[FACE_LATIN] = a == b;
    for (int k = a; k < b; k++) used[p->face[k]] = 1;
    *asc = *desc = 0;
    for (int i = 0; i < NFACES; i++) {
        if (!used[i]) continue;
        TTF_Font *f = font_get(t, i, st->bold, st->px);
        if (!f) continue;
        if (TTF_FontAscent(f) > *asc) *asc = TTF_FontAscent(f);
        if (-TTF_FontDescent(f) > *desc) *desc = -TTF_FontDescent(f);
    }
}

static int draw_line(ink_ctx *t, bitmap *bm, const para *p, int a, int b, int x, int width, int y,
                     const ink_style *st, int rtl, int asc, char *err, size_t errlen)
{
    run r[MAX_RUNS];
    int n = runs_of(p, a, b, r, MAX_RUNS);
    int total = width_of(t, p, a, b, st);
    if (total < 0) return mj_err(err, errlen, MJ_EIO, "text: %s", TTF_GetError());
    int pen = st->align == INK_CENTER ? x + (width - total) / 2 : rtl ? x + width - total : x;
    char *buf = t->buf;
    for (int k = 0; k < n; k++) {
        const run *ru = &r[k];
        TTF_Font *f = run_font(t, ru, st, buf, p);
        if (!f) return mj_err(err, errlen, MJ_EIO, "text: %s", TTF_GetError());
        SDL_Color black = { 0, 0, 0, 255 };
        SDL_Surface *s = TTF_RenderUTF8_Blended(f, buf, black);
        if (!s) return mj_err(err, errlen, MJ_EIO, "text: %s", TTF_GetError());
        int top = y + asc - TTF_FontAscent(f);
        int rc = bitmap_grow(bm, top + s->h, err, errlen);
        if (rc) { SDL_FreeSurface(s); return rc; }
        for (int yy = 0; yy < s->h; yy++) {
            const Uint32 *row = (const Uint32 *)((const Uint8 *)s->pixels + (size_t)yy * s->pitch);
            for (int xx = 0; xx < s->w; xx++) {
                Uint8 r8, g8, b8, a8;
                SDL_GetRGBA(row[xx], s->format, &r8, &g8, &b8, &a8);
                /* a little below half: thin strokes of small type survive the threshold */
                if (a8 >= 110 && pen + xx >= x && pen + xx < x + width) bitmap_set(bm, pen + xx, top + yy, 1);
            }
        }
        pen += s->w;
        SDL_FreeSurface(s);
    }
    return MJ_OK;
}

/* The slip's measure for core/linebreak.c: the line set as a whole (its runs shaped). */
typedef struct line_measure { ink_ctx *t; const para *p; const ink_style *st; } line_measure;

static int measure_line(void *ctx, int a, int b)
{
    const line_measure *m = ctx;
    return width_of(m->t, m->p, a, b, m->st);
}

/* Lays out one paragraph (no newlines); draws when bm is not NULL. */
static int layout(ink_ctx *t, bitmap *bm, para *p, int x, int width, int *y, const ink_style *st,
                  int rtl, char *err, size_t errlen)
{
    int split = 0, gap = st->px / 6, rc;
    line_measure lm = { t, p, st };
    linebreak_line ln;
    int lines = 0;
    for (int from = 0; (rc = linebreak_next(p->cp, p->n, from, width, measure_line, &lm, &ln)) > 0; from = ln.next) {
        int asc, desc;
        split += ln.cut;
        metrics_of(t, p, ln.start, ln.end, st, &asc, &desc);
        if (bm) {
            int r2 = draw_line(t, bm, p, ln.start, ln.end, x, width, *y, st, rtl, asc, err, errlen);
            if (r2) return r2;
        }
        *y += asc + desc + gap;
        lines++;
    }
    if (rc < 0) return mj_err(err, errlen, MJ_EIO, "text: %s", TTF_GetError());
    if (!lines) {             /* an empty line still takes its height */
        int asc, desc;
        metrics_of(t, p, 0, 0, st, &asc, &desc);
        *y += asc + desc + gap;
    }
    return split;
}

static int text_run(ink_ctx *t, bitmap *bm, int x, int width, int *y, const char *s,
                    const ink_style *st, int rtl, char *err, size_t errlen)
{
    if (!s) return 0;
    if (width < st->px || st->px < 4 || st->px > 400) return mj_err(err, errlen, MJ_EINVAL, "text: bad size");
    size_t len = strlen(s);
    if (!mj_utf8_valid(s, len)) return mj_err(err, errlen, MJ_EINVAL, "text: not valid UTF-8");
    para *p = malloc(sizeof *p);
    if (!p) return mj_err(err, errlen, MJ_ENOMEM, "text: out of memory");
    const char *c = s, *e = s + len;
    int total = 0, rc = 0;
    while (c <= e && rc >= 0) {
        p->n = 0;
        while (c < e && *c != '\n' && p->n < TEXT_MAX_CPS) {
            long cp = mj_utf8_next(&c, e);
            if (cp < 0) break;
            p->cp[p->n++] = (cp == '\t' || cp == '\r' || cp < 0x20) ? ' ' : cp;
        }
        while (c < e && *c != '\n') c++;           /* beyond TEXT_MAX_CPS: dropped */
        resolve(p, rtl);
        assign_faces(t, p);
        rc = layout(t, bm, p, x, width, y, st, rtl, err, errlen);
        if (rc > 0) total += rc;
        if (c >= e) break;
        c++;
    }
    free(p);
    return rc < 0 ? rc : total;
}

int ink_draw(ink_ctx *t, bitmap *bm, int x, int width, int *y, const char *s,
              const ink_style *st, int rtl, char *err, size_t errlen)
{
    return text_run(t, bm, x, width, y, s, st, rtl, err, errlen);
}

int ink_measure(ink_ctx *t, int width, const char *s, const ink_style *st, int rtl, int *height,
                 char *err, size_t errlen)
{
    int y = 0;
    int rc = text_run(t, NULL, 0, width, &y, s, st, rtl, err, errlen);
    *height = y;
    return rc;
}

int ink_missing(ink_ctx *t, const char *s)
{
    if (!s || !mj_utf8_valid(s, strlen(s))) return -1;
    int missing = 0;
    for (const char *c = s, *e = s + strlen(s); c < e;) {
        long cp = mj_utf8_next(&c, e);
        if (cp < 0) return -1;
        if (cp > ' ' && face_for(t, cp) < 0) missing++;
    }
    return missing;
}
