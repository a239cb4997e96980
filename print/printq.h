/* printq.h - the print queue: jobs go in from the UI thread and return at once; one worker
 * thread (pthreads) prints them in order with a timeout on every step, so a missing, jammed or
 * disconnected printer never freezes the kiosk. A job leaves the queue only when it printed
 * (for ESC/POS: the printer was ready before and still is after the job); otherwise it waits
 * and is retried every retry_ms until the printer is back, so nothing is lost and nothing is
 * printed twice. The queue is in memory: jobs waiting when the kiosk stops are gone (staff see
 * the pending count and can reprint). Slips are rendered when submitted, in the caller's thread
 * (the fonts are not thread-safe), so what prints is exactly the preview.
 * Devices (config printer.device): file:PATH and tcp:HOST:PORT (ESC/POS), png:PATH, pdf:PATH,
 * cups:QUEUE; pdf and cups take ",a6" for A6 paper (default A4). A png or pdf PATH ending in
 * "/" is a folder that gets slip-N files; otherwise each job overwrites PATH. */
#ifndef MAJAKKA_PRINTQ_H
#define MAJAKKA_PRINTQ_H
#include <stddef.h>
#include "bitmap.h"
#include "escpos.h"
#include "slip.h"
#include "ink.h"

#define PRINTQ_MAX_JOBS 16

enum printq_state {
    PRINTQ_IDLE,        /* nothing waiting */
    PRINTQ_PRINTING,    /* the worker is sending a job */
    PRINTQ_WAITING      /* jobs wait: the last attempt failed (message says why); retrying */
};

typedef struct printq_status {
    int state;
    int pending;                 /* jobs not yet printed, the one in progress included */
    int printed;                 /* jobs printed since start */
    int last_rc;                 /* MJ_OK, or the last attempt's MJ_EBUSY (not ready) / MJ_EIO (absent, dropped) */
    int has_printer;             /* printer filled from a real status answer */
    escpos_status printer;       /* offline, cover open, paper end, near end */
    char message[512];           /* English, for logs; the screen words it from the fields */
} printq_status;

typedef void (*printq_notify_fn)(const printq_status *st, void *user);

typedef struct printq_config {
    char device[256];            /* as in config.h printer */
    int dots;                    /* receipt width: 384 (58 mm) or 576 (80 mm) */
    char store_path[1024];       /* where slip_counts are added; "" = no counting */
    int timeout_ms;              /* connect, send, status answer; 0 = 5000 */
    int retry_ms;                /* between attempts while the printer is not there; 0 = 5000 */
    int settle_ms;               /* wait before the after-job status; -1 = from the slip's length */
    printq_notify_fn notify;     /* called from the worker thread after every change (may be NULL) */
    void *user;
} printq_config;

typedef struct printq printq;

struct config;
/* Fills c from the kiosk's config ([printer] device and dots; counting into store_path, which
 * may be NULL) with the default timeouts; notify and user are left for the caller. */
void printq_config_from(const struct config *cfg, const char *store_path, printq_config *c);

int printq_start(const printq_config *cfg, printq **out, char *err, size_t errlen);
/* Stops the worker (an attempt in progress finishes or times out first) and frees everything. */
void printq_stop(printq *q);

/* Renders s for the device and queues it; the slip is counted per service once printed.
 * MJ_EFULL when PRINTQ_MAX_JOBS wait already. */
int printq_submit(printq *q, ink_ctx *t, const slip *s, char *err, size_t errlen);
/* Queues the last submitted slip again (not counted again); MJ_ENOTFOUND when there is none. */
int printq_reprint_last(printq *q, char *err, size_t errlen);
/* A test page: scripts, a QR code, the width marks. Not counted. */
int printq_test_print(printq *q, ink_ctx *t, char *err, size_t errlen);
/* Renders what s will look like on this device: the preview (caller frees the bitmap). */
int printq_preview(printq *q, ink_ctx *t, const slip *s, bitmap *out, char *err, size_t errlen);
/* Asks the worker to read the printer's status now (for the staff status screen). */
void printq_refresh(printq *q);
void printq_status_get(printq *q, printq_status *out);

#endif
