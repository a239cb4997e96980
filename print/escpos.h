/* escpos.h - the ESC/POS bytes Majakka sends: ESC @ (init), the slip as GS v 0 raster bands,
 * a feed and GS V (cut); and the real-time status DLE EOT n, parsed per Epson's reference:
 * every status byte has bit 1 and bit 4 set and bits 0 and 7 clear. */
#ifndef MAJAKKA_ESCPOS_H
#define MAJAKKA_ESCPOS_H
#include <stddef.h>
#include "bitmap.h"

#define ESCPOS_BAND_ROWS 240      /* rows per GS v 0 block: yH stays 0, small printer buffers cope */
#define ESCPOS_FEED_LINES 4       /* blank lines before the cut, so the text clears the blade */

typedef struct escpos_status {
    int offline;       /* DLE EOT 1 bit 3 */
    int cover_open;    /* DLE EOT 2 bit 2 */
    int paper_end;     /* DLE EOT 2 bit 5 or DLE EOT 4 bits 5-6 */
    int near_end;      /* DLE EOT 4 bits 2-3 */
    int error;         /* DLE EOT 2 bit 6: a cutter or other error */
} escpos_status;

/* A growing byte buffer. */
typedef struct escpos_buf { unsigned char *data; size_t len, cap; } escpos_buf;
void escpos_buf_free(escpos_buf *b);

/* Appends the whole job for b (init, raster bands, feed, cut). b->w must be a printer width. */
int escpos_encode_job(const bitmap *b, escpos_buf *out, char *err, size_t errlen);

/* The 3 bytes asking for status n (1 printer, 2 offline cause, 3 error cause, 4 paper sensor). */
void escpos_status_query(int n, unsigned char out[3]);
/* Folds the answer byte for query n into st; MJ_EINVAL when the byte is not a status byte. */
int escpos_status_parse(int n, unsigned char byte, escpos_status *st);
/* 1 when a job may be sent (online, cover closed, paper present, no error). */
int escpos_status_ready(const escpos_status *st);
/* One line for staff, e.g. "Paper has run out", "Printer ready" (English; the UI translates
 * by the flags, this is for logs and tests). */
const char *escpos_status_text(const escpos_status *st);

#endif
