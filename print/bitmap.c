/* bitmap.c - see bitmap.h. PNG through libpng: the smallest well-kept writer for 1-bit gray. */
#include "bitmap.h"
#include "util.h"
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BITMAP_MAX_DIM 20000

int bitmap_init(bitmap *b, int w, int h, char *err, size_t errlen)
{
    memset(b, 0, sizeof *b);
    if (w <= 0 || h < 0 || w > BITMAP_MAX_DIM || h > BITMAP_MAX_DIM)
        return mj_err(err, errlen, MJ_EINVAL, "bitmap: bad size %dx%d", w, h);
    b->w = w;
    b->stride = (w + 7) / 8;
    return bitmap_grow(b, h, err, errlen);
}

void bitmap_free(bitmap *b)
{
    free(b->bits);
    memset(b, 0, sizeof *b);
}

int bitmap_grow(bitmap *b, int h, char *err, size_t errlen)
{
    if (h > BITMAP_MAX_DIM) return mj_err(err, errlen, MJ_EINVAL, "bitmap: taller than %d rows", BITMAP_MAX_DIM);
    if (h <= b->h) return MJ_OK;
    if (h > b->cap_h) {
        int cap = b->cap_h ? b->cap_h : 256;
        while (cap < h) cap *= 2;
        unsigned char *nb = realloc(b->bits, (size_t)cap * (size_t)b->stride);
        if (!nb) return mj_err(err, errlen, MJ_ENOMEM, "bitmap: out of memory");
        b->bits = nb;
        b->cap_h = cap;
    }
    memset(b->bits + (size_t)b->h * b->stride, 0, (size_t)(h - b->h) * b->stride);
    b->h = h;
    return MJ_OK;
}

int bitmap_get(const bitmap *b, int x, int y)
{
    if (x < 0 || y < 0 || x >= b->w || y >= b->h) return 0;
    return (b->bits[(size_t)y * b->stride + x / 8] >> (7 - x % 8)) & 1;
}

void bitmap_set(bitmap *b, int x, int y, int black)
{
    if (x < 0 || y < 0 || x >= b->w || y >= b->h) return;
    unsigned char *p = &b->bits[(size_t)y * b->stride + x / 8];
    unsigned char m = (unsigned char)(0x80 >> (x % 8));
    if (black) *p |= m; else *p &= (unsigned char)~m;
}

void bitmap_fill(bitmap *b, int x, int y, int w, int h, int black)
{
    for (int j = y; j < y + h; j++)
        for (int i = x; i < x + w; i++) bitmap_set(b, i, j, black);
}

int bitmap_write_png(const bitmap *b, const char *path, char *err, size_t errlen)
{
    if (!b->bits || b->h <= 0) return mj_err(err, errlen, MJ_EINVAL, "%s: empty bitmap", path);
    FILE *f = fopen(path, "wb");
    if (!f) return mj_err(err, errlen, MJ_EIO, "%s: cannot create", path);
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    unsigned char *row = malloc((size_t)b->stride);
    if (!png || !info || !row) {
        png_destroy_write_struct(&png, &info);
        free(row);
        fclose(f);
        return mj_err(err, errlen, MJ_ENOMEM, "%s: out of memory", path);
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        free(row);
        fclose(f);
        return mj_err(err, errlen, MJ_EIO, "%s: PNG write failed", path);
    }
    png_init_io(png, f);
    png_set_IHDR(png, info, (png_uint_32)b->w, (png_uint_32)b->h, 1, PNG_COLOR_TYPE_GRAY,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    for (int y = 0; y < b->h; y++) {
        /* PNG gray 1 = white; ours 1 = black: invert, keep the pad bits white. */
        for (int i = 0; i < b->stride; i++) row[i] = (unsigned char)~b->bits[(size_t)y * b->stride + i];
        png_write_row(png, row);
    }
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    free(row);
    if (fclose(f) != 0) return mj_err(err, errlen, MJ_EIO, "%s: write failed", path);
    return MJ_OK;
}

int bitmap_read_png(bitmap *b, const char *path, char *err, size_t errlen)
{
    memset(b, 0, sizeof *b);
    png_image img;
    memset(&img, 0, sizeof img);
    img.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&img, path))
        return mj_err(err, errlen, MJ_EIO, "%s: %s", path, img.message);
    img.format = PNG_FORMAT_GRAY;
    if (img.width > BITMAP_MAX_DIM || img.height > BITMAP_MAX_DIM) {
        png_image_free(&img);
        return mj_err(err, errlen, MJ_EINVAL, "%s: too large", path);
    }
    unsigned char *gray = malloc(PNG_IMAGE_SIZE(img));
    if (!gray) { png_image_free(&img); return mj_err(err, errlen, MJ_ENOMEM, "%s: out of memory", path); }
    if (!png_image_finish_read(&img, NULL, gray, 0, NULL)) {
        free(gray);
        return mj_err(err, errlen, MJ_EIO, "%s: %s", path, img.message);
    }
    int rc = bitmap_init(b, (int)img.width, (int)img.height, err, errlen);
    for (int y = 0; !rc && y < b->h; y++)
        for (int x = 0; x < b->w; x++)
            if (gray[(size_t)y * img.width + x] < 128) bitmap_set(b, x, y, 1);
    free(gray);
    return rc;
}
