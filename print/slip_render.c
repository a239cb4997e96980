/* slip_render.c - see slip_render.h. Sizes are in points and scale with dpi, so the receipt
 * and the PDF look alike; a QR module is ~0.5 mm (4 dots at 203 dpi), never under 3 dots. */
#include "slip_render.h"
#include "lang.h"
#include "qrcode.h"
#include "util.h"
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

static int pt(int dpi, double points) { return (int)(points * dpi / 72.0 + 0.5); }

int slip_draw_qr(bitmap *bm, int x, int width, int *y, const char *text, int module, char *err, size_t errlen)
{
    qrcode *q = malloc(sizeof *q);
    if (!q) return mj_err(err, errlen, MJ_ENOMEM, "slip: out of memory");
    int rc = qrcode_make(text, q, err, errlen);
    if (rc) { free(q); return rc; }
    int side = (q->side + 8) * module;
    if (side > width) {
        free(q);
        return mj_err(err, errlen, MJ_EFULL, "slip: QR code %d dots wide does not fit %d", side, width);
    }
    rc = bitmap_grow(bm, *y + side, err, errlen);
    if (rc) { free(q); return rc; }
    int x0 = x + (width - side) / 2 + 4 * module, y0 = *y + 4 * module;
    for (int r = 0; r < q->side; r++)
        for (int c = 0; c < q->side; c++)
            if (q->m[r * q->side + c])
                bitmap_fill(bm, x0 + c * module, y0 + r * module, module, module, 1);
    *y += side;
    free(q);
    return MJ_OK;
}

typedef struct ctx {
    ink_ctx *t;
    bitmap *bm;
    int x, w, y, rtl;
    slip_render_info info;
    char *err;
    size_t errlen;
} ctx;

static int para(ctx *c, const char *s, int px, int bold, int align)
{
    if (!s || !*s) return MJ_OK;
    ink_style st = { px, bold, align };
    int rc = ink_draw(c->t, c->bm, c->x, c->w, &c->y, s, &st, c->rtl, c->err, c->errlen);
    if (rc > 0) { c->info.split_words += rc; rc = 0; }
    return rc;
}

static int rule(ctx *c, int dpi)
{
    int gap = pt(dpi, 4), thick = dpi >= 250 ? 3 : 2;
    int rc = bitmap_grow(c->bm, c->y + 2 * gap + thick, c->err, c->errlen);
    if (rc) return rc;
    bitmap_fill(c->bm, c->x, c->y + gap, c->w, thick, 1);
    c->y += 2 * gap + thick;
    return MJ_OK;
}

int slip_render(ink_ctx *t, const slip *s, int width, int dpi, bitmap *out, slip_render_info *info,
                char *err, size_t errlen)
{
    if (dpi < 100 || dpi > 1200 || width < 2 * dpi / 3 || width > 8000)
        return mj_err(err, errlen, MJ_EINVAL, "slip: width %d at %d dpi is not a slip", width, dpi);
    int rc = bitmap_init(out, width, 0, err, errlen);
    if (rc) return rc;
    int margin = dpi / 25;
    ctx c = { .t = t, .bm = out, .x = margin, .w = width - 2 * margin, .y = margin, .rtl = lang_rtl(s->lang),
              .err = err, .errlen = errlen };
    int title = pt(dpi, 13), name = pt(dpi, 11), body = pt(dpi, 8.5), small = pt(dpi, 8);
    char date[32];
    snprintf(date, sizeof date, "%d.%d.%04d", s->mday, s->month, s->year);
    rc = para(&c, s->centre, title, 1, INK_CENTER);
    if (!rc) rc = para(&c, date, body, 0, INK_CENTER);
    if (!rc) rc = rule(&c, dpi);
    int module0 = (int)(dpi * 0.5 / 25.4 + 0.5);
    if (module0 < 3) module0 = 3;
    for (int i = 0; i < s->nservices && !rc; i++) {
        const slip_service *sv = &s->services[i];
        rc = para(&c, sv->name, name, 1, INK_START);
        if (!rc) rc = para(&c, sv->summary, body, 0, INK_START);
        if (!rc) rc = para(&c, sv->address, body, 0, INK_START);
        if (!rc) rc = para(&c, sv->hours, body, 0, INK_START);
        if (!rc) rc = para(&c, sv->phone, body, 1, INK_START);
        if (!rc) rc = para(&c, sv->url[0] ? sv->url : sv->email, small, 0, INK_START);
        char qr[1024];
        if (!rc && slip_qr_text(sv, qr, sizeof qr) == MJ_OK) {
            c.y += pt(dpi, 3);
            int m = module0, drawn = 0;
            char why[MJ_ERRLEN];
            for (; m >= 3 && !drawn; m--) {
                int r2 = slip_draw_qr(out, c.x, c.w, &c.y, qr, m, why, sizeof why);
                if (r2 == MJ_OK) drawn = 1;
                else if (r2 != MJ_EFULL) break;
            }
            if (drawn) {
                c.info.qr_codes++;
                if (!c.info.qr_module || m + 1 < c.info.qr_module) c.info.qr_module = m + 1;
            } else {
                c.info.overflow++;
            }
        }
        if (!rc) rc = rule(&c, dpi);
    }
    if (!rc && s->note[0]) {
        rc = para(&c, s->note, body, 0, INK_START);
        if (!rc) c.y += pt(dpi, 4);
    }
    if (!rc) rc = bitmap_grow(out, c.y + margin, err, errlen);
    if (rc) { bitmap_free(out); return rc; }
    if (info) *info = c.info;
    return MJ_OK;
}
