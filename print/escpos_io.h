/* escpos_io.h - one ESC/POS job over a transport: status before, the raster, status after.
 * A job counts as printed only when the printer was ready before and still is afterwards. */
#ifndef MAJAKKA_ESCPOS_IO_H
#define MAJAKKA_ESCPOS_IO_H
#include <stddef.h>
#include "bitmap.h"
#include "escpos.h"
#include "transport.h"

#define ESCPOS_STATUS_TIMEOUT_MS 2000

/* Asks DLE EOT 1, 2 and 4, waiting up to timeout_ms for each answer; MJ_EIO when the printer
 * does not answer or answers garbage. */
int escpos_read_status(transport *t, escpos_status *st, int timeout_ms, char *err, size_t errlen);

/* Opens device, checks status, sends the job, waits settle_ms (the printer works through its
 * buffer; a paper end mid-slip shows only then), checks status again. The answer after the
 * job may wait behind the raster still in the printer's buffer, so that read allows
 * timeout_ms plus settle_ms plus the time the slip takes to print. Returns MJ_OK (printed),
 * MJ_EBUSY (the printer is not ready: st says why; nothing or only part was printed) or MJ_EIO
 * (absent, timed out, connection dropped). st is filled whenever the printer answered. */
int escpos_print(const char *device, const bitmap *b, int timeout_ms, int settle_ms,
                 escpos_status *st, char *err, size_t errlen);
/* Only the status: MJ_OK with st filled, or MJ_EIO. A device without a status channel reads
 * as ready. */
int escpos_query(const char *device, int timeout_ms, escpos_status *st, char *err, size_t errlen);

#endif
