/* escpos.c - see escpos.h. */
#include "escpos.h"
#include "util.h"
#include <stdlib.h>
#include <string.h>

void escpos_buf_free(escpos_buf *b)
{
    free(b->data);
    memset(b, 0, sizeof *b);
}

static int buf_put(escpos_buf *b, const void *p, size_t n)
{
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + n) cap *= 2;
        unsigned char *nd = realloc(b->data, cap);
        if (!nd) return -1;
        b->data = nd;
        b->cap = cap;
    }
    memcpy(b->data + b->len, p, n);
    b->len += n;
    return 0;
}

int escpos_encode_job(const bitmap *b, escpos_buf *out, char *err, size_t errlen)
{
    if (!b->bits || b->h <= 0 || b->w <= 0 || b->w > 1024)
        return mj_err(err, errlen, MJ_EINVAL, "escpos: nothing to print");
    static const unsigned char init[] = { 0x1b, 0x40 };
    int fail = buf_put(out, init, sizeof init);
    for (int y = 0; y < b->h && !fail; y += ESCPOS_BAND_ROWS) {
        int rows = b->h - y < ESCPOS_BAND_ROWS ? b->h - y : ESCPOS_BAND_ROWS;
        /* GS v 0 m xL xH yL yH: m = 0 normal density; x in bytes, y in dots. */
        unsigned char hdr[8] = { 0x1d, 0x76, 0x30, 0x00, (unsigned char)(b->stride & 0xff),
                                 (unsigned char)(b->stride >> 8), (unsigned char)(rows & 0xff),
                                 (unsigned char)(rows >> 8) };
        fail |= buf_put(out, hdr, sizeof hdr);
        fail |= buf_put(out, b->bits + (size_t)y * b->stride, (size_t)rows * b->stride);
    }
    /* ESC d n feeds n lines; GS V 1 is a partial cut (one point left, the slip does not fall). */
    static const unsigned char tail[] = { 0x1b, 0x64, ESCPOS_FEED_LINES, 0x1d, 0x56, 0x01 };
    fail |= buf_put(out, tail, sizeof tail);
    if (fail) return mj_err(err, errlen, MJ_ENOMEM, "escpos: out of memory");
    return MJ_OK;
}

void escpos_status_query(int n, unsigned char out[3])
{
    out[0] = 0x10;
    out[1] = 0x04;
    out[2] = (unsigned char)n;
}

int escpos_status_parse(int n, unsigned char byte, escpos_status *st)
{
    if ((byte & 0x93) != 0x12 || n < 1 || n > 4) return MJ_EINVAL;
    switch (n) {
    case 1: st->offline = (byte & 0x08) != 0; break;
    case 2:
        st->cover_open = (byte & 0x04) != 0;
        if (byte & 0x20) st->paper_end = 1;
        st->error = (byte & 0x40) != 0;
        break;
    case 3: if (byte & 0x6c) st->error = 1; break;
    case 4:
        st->near_end = (byte & 0x0c) != 0;
        if (byte & 0x60) st->paper_end = 1;
        break;
    }
    return MJ_OK;
}

int escpos_status_ready(const escpos_status *st)
{
    return !st->offline && !st->cover_open && !st->paper_end && !st->error;
}

const char *escpos_status_text(const escpos_status *st)
{
    if (st->paper_end) return "Paper has run out";
    if (st->cover_open) return "Printer cover is open";
    if (st->error) return "Printer reports an error";
    if (st->offline) return "Printer is offline";
    if (st->near_end) return "Printer ready; paper is running low";
    return "Printer ready";
}
