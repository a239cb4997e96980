/* qrcode.h - a payload (qrpayload.h) made into a QR module matrix: the one encoding the screen
 * (ui_qr) and the slip (slip_draw_qr) draw, so both show the same symbol for the same bytes.
 * Byte mode, error correction M, the smallest version that holds the payload (libqrencode).
 * Built as libmajakka_qrcode (core/CMakeLists.txt), so programs without codes (the hub, the
 * sync agent) do not link libqrencode. */
#ifndef MAJAKKA_QRCODE_H
#define MAJAKKA_QRCODE_H
#include <stddef.h>
#include <stdint.h>

#define QRCODE_MAX_SIDE 177

/* side x side modules, row by row; 1 = dark. */
typedef struct qrcode { int side; uint8_t m[QRCODE_MAX_SIDE * QRCODE_MAX_SIDE]; } qrcode;

/* Encodes the UTF-8 payload; MJ_EINVAL when empty or too long for any QR version. */
int qrcode_make(const char *payload, qrcode *out, char *err, size_t errlen);

#endif
