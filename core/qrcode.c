/* qrcode.c - see qrcode.h. */
#include "qrcode.h"
#include "util.h"
#include <qrencode.h>
#include <string.h>

int qrcode_make(const char *payload, qrcode *out, char *err, size_t errlen)
{
    out->side = 0;
    if (!payload || !*payload) return mj_err(err, errlen, MJ_EINVAL, "qr: empty payload");
    QRcode *q = QRcode_encodeString8bit(payload, 0, QR_ECLEVEL_M);
    if (!q) return mj_err(err, errlen, MJ_EINVAL, "qr: payload too long (%zu bytes)", strlen(payload));
    if (q->width > QRCODE_MAX_SIDE) { QRcode_free(q); return mj_err(err, errlen, MJ_EINVAL, "qr: too big"); }
    out->side = q->width;
    for (int i = 0; i < q->width * q->width; i++) out->m[i] = q->data[i] & 1;
    QRcode_free(q);
    return MJ_OK;
}
