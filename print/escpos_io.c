/* escpos_io.c - see escpos_io.h. */
#include "escpos_io.h"
#include "util.h"
#include <string.h>
#include <time.h>

int escpos_read_status(transport *t, escpos_status *st, int timeout_ms, char *err, size_t errlen)
{
    static const int which[] = { 1, 2, 4 };
    memset(st, 0, sizeof *st);
    transport_drain(t);
    for (size_t i = 0; i < sizeof which / sizeof which[0]; i++) {
        unsigned char q[3], a;
        escpos_status_query(which[i], q);
        int rc = transport_write(t, q, sizeof q, timeout_ms, err, errlen);
        if (rc) return rc;
        rc = transport_read(t, &a, 1, timeout_ms, err, errlen);
        if (rc < 0) return rc;
        if (escpos_status_parse(which[i], a, st))
            return mj_err(err, errlen, MJ_EIO, "printer: unexpected status byte 0x%02x", a);
    }
    return MJ_OK;
}

static int not_ready(const escpos_status *st, char *err, size_t errlen)
{
    return mj_err(err, errlen, MJ_EBUSY, "%s", escpos_status_text(st));
}

int escpos_query(const char *device, int timeout_ms, escpos_status *st, char *err, size_t errlen)
{
    transport *t;
    memset(st, 0, sizeof *st);
    int rc = transport_open(device, timeout_ms, &t, err, errlen);
    if (rc) return rc;
    if (transport_has_status(t)) rc = escpos_read_status(t, st, ESCPOS_STATUS_TIMEOUT_MS, err, errlen);
    transport_close(t);
    return rc;
}

int escpos_print(const char *device, const bitmap *b, int timeout_ms, int settle_ms,
                 escpos_status *st, char *err, size_t errlen)
{
    memset(st, 0, sizeof *st);
    escpos_buf job = { 0 };
    int rc = escpos_encode_job(b, &job, err, errlen);
    if (rc) return rc;
    transport *t = NULL;
    rc = transport_open(device, timeout_ms, &t, err, errlen);
    int has_status = t && transport_has_status(t);
    if (!rc && has_status) rc = escpos_read_status(t, st, ESCPOS_STATUS_TIMEOUT_MS, err, errlen);
    if (!rc && !escpos_status_ready(st)) rc = not_ready(st, err, errlen);
    if (!rc) rc = transport_write(t, job.data, job.len, timeout_ms, err, errlen);
    if (!rc && has_status) {
        if (settle_ms > 0) {
            struct timespec ts = { settle_ms / 1000, (long)(settle_ms % 1000) * 1000000L };
            nanosleep(&ts, NULL);
        }
        /* ~80 mm/s at 8 dots/mm: a 300 mm slip takes about 4 s */
        int print_ms = b->h * 1000 / 640;
        rc = escpos_read_status(t, st, timeout_ms + settle_ms + print_ms, err, errlen);
        if (!rc && !escpos_status_ready(st)) rc = not_ready(st, err, errlen);
    }
    transport_close(t);
    escpos_buf_free(&job);
    return rc;
}
