/* hub_qr.c - see hub_qr.h. The symbol is core/qrcode.h's, the one the kiosk and the slip draw. */
#include "hub_qr.h"
#include "qrcode.h"
#include "util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int hub_qr_svg(const char *payload, int px, const char *label, char **out, char *err, size_t errlen)
{
    *out = NULL;
    if (!payload || !*payload || strlen(payload) > 512) return mj_err(err, errlen, MJ_EINVAL, "qr: empty or too long");
    qrcode *q = malloc(sizeof *q);
    if (!q) return mj_err(err, errlen, MJ_ENOMEM, "out of memory");
    if (qrcode_make(payload, q, err, errlen)) { free(q); return MJ_EINVAL; }
    int w = q->side, side = w + 8;
    /* Each dark run of a row as one "M x y h n v1 h-n z" piece: at most ~24 bytes per module. */
    size_t cap = 512 + (label ? strlen(label) * 6 : 0) + (size_t)w * (size_t)w * 24;
    char *s = malloc(cap);
    if (!s) { free(q); return mj_err(err, errlen, MJ_ENOMEM, "out of memory"); }
    size_t o = (size_t)snprintf(s, cap, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\" viewBox=\"0 0 %d %d\" "
                                        "width=\"%d\" height=\"%d\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"",
                                side, side, px, px);
    for (const char *p = label ? label : ""; *p && o + 8 < cap; p++) {
        const char *e = *p == '<' ? "&lt;" : *p == '>' ? "&gt;" : *p == '&' ? "&amp;" : *p == '"' ? "&quot;" : NULL;
        if (e) { memcpy(s + o, e, strlen(e)); o += strlen(e); }
        else s[o++] = *p;
    }
    o += (size_t)snprintf(s + o, cap - o, "\"><rect width=\"%d\" height=\"%d\" fill=\"#fff\"/><path fill=\"#000\" d=\"", side, side);
    for (int y = 0; y < w; y++)
        for (int x = 0; x < w;) {
            if (!(q->m[y * w + x])) { x++; continue; }
            int run = 0;
            while (x + run < w && (q->m[y * w + x + run])) run++;
            o += (size_t)snprintf(s + o, cap - o, "M%d %dh%dv1h-%dz", x + 4, y + 4, run, run);
            x += run;
        }
    snprintf(s + o, cap - o, "\"/></svg>");
    free(q);
    *out = s;
    return MJ_OK;
}
