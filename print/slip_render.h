/* slip_render.h - lays a slip out into a 1-bit bitmap of a given width: the receipt raster
 * (384 or 576 dots at 203 dpi), the on-screen preview (the same bitmap) and the PDF page
 * (wider, at 300 dpi). Header (centre, date), per service its texts and a QR code, the note. */
#ifndef MAJAKKA_SLIP_RENDER_H
#define MAJAKKA_SLIP_RENDER_H
#include <stddef.h>
#include "bitmap.h"
#include "slip.h"
#include "ink.h"

#define SLIP_RECEIPT_DPI 203

typedef struct slip_render_info {
    int overflow;      /* QR codes left out because no module size fitted the width */
    int split_words;   /* words wider than a line, cut (long URLs) */
    int qr_codes;      /* QR codes drawn */
    int qr_module;     /* dots per QR module used (the smallest, if they differ) */
} slip_render_info;

/* out is initialised here (caller frees with bitmap_free). info may be NULL. */
int slip_render(ink_ctx *t, const slip *s, int width, int dpi, bitmap *out, slip_render_info *info,
                char *err, size_t errlen);

/* Draws a QR code of text with module dots per module and a 4-module quiet zone, centred in
 * [x, x + width) from row *y; moves *y below it. MJ_EFULL when it does not fit the width. */
int slip_draw_qr(bitmap *bm, int x, int width, int *y, const char *text, int module, char *err, size_t errlen);

#endif
