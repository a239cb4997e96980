/* transport.h - a byte pipe to a receipt printer with a timeout on every step, so a printer
 * that hangs never blocks its caller: "file:PATH" (e.g. /dev/usb/lp0; a regular file works too
 * and has no status channel) or "tcp:HOST:PORT" (raw TCP, usually 9100; non-blocking connect). */
#ifndef MAJAKKA_TRANSPORT_H
#define MAJAKKA_TRANSPORT_H
#include <stddef.h>

typedef struct transport transport;

int transport_open(const char *device, int timeout_ms, transport **out, char *err, size_t errlen);
/* Writes all of data within timeout_ms in total; MJ_EIO on a timeout or a dropped connection. */
int transport_write(transport *t, const void *data, size_t len, int timeout_ms, char *err, size_t errlen);
/* Reads 1..len bytes within timeout_ms; returns the count, or MJ_EIO (timeout, closed). */
int transport_read(transport *t, void *buf, size_t len, int timeout_ms, char *err, size_t errlen);
/* 1 when the far end can answer status queries (not a regular file). */
int transport_has_status(const transport *t);
/* Drops bytes already waiting to be read (stale answers from an earlier, cut-off exchange). */
void transport_drain(transport *t);
void transport_close(transport *t);

#endif
