/* hub_qr.h - a QR code (core/qrcode.h: byte mode, error correction M) as an inline SVG element for the hub's
 * pages: one path of dark modules on a white square with the 4-module quiet zone, no script,
 * nothing fetched; sized by the page's CSS (width/height attributes give px). */
#ifndef MAJAKKA_HUB_QR_H
#define MAJAKKA_HUB_QR_H
#include <stddef.h>

/* *out is a malloc'd "<svg ...>...</svg>"; label is its accessible name (escaped here). */
int hub_qr_svg(const char *payload, int px, const char *label, char **out, char *err, size_t errlen);

#endif
