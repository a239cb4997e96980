/* bitmap.h - a 1-bit image: what a receipt printer prints. Rows of `stride` bytes, the leftmost
 * pixel in the high bit, 1 = black (the ESC/POS raster order, so a row goes to GS v 0 as is).
 * Height grows as a layout draws further down; new rows are white. */
#ifndef MAJAKKA_BITMAP_H
#define MAJAKKA_BITMAP_H
#include <stddef.h>

typedef struct bitmap {
    int w, h, stride;
    int cap_h;                /* rows allocated */
    unsigned char *bits;
} bitmap;

int bitmap_init(bitmap *b, int w, int h, char *err, size_t errlen);
void bitmap_free(bitmap *b);
/* Makes the bitmap at least h rows tall (white rows added). */
int bitmap_grow(bitmap *b, int h, char *err, size_t errlen);
/* Out-of-range coordinates read white and are ignored when written. */
int bitmap_get(const bitmap *b, int x, int y);
void bitmap_set(bitmap *b, int x, int y, int black);
void bitmap_fill(bitmap *b, int x, int y, int w, int h, int black);
/* Writes a 1-bit grayscale PNG (black ink on white paper). */
int bitmap_write_png(const bitmap *b, const char *path, char *err, size_t errlen);
/* Reads any 8-bit gray/RGB(A) PNG, thresholded at half (tests compare what came back). */
int bitmap_read_png(bitmap *b, const char *path, char *err, size_t errlen);

#endif
