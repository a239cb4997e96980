/* zbar.h - decodes every QR code in a PNG with zbarimg; the texts come back sorted, joined
 * by "\n", so a test compares them with one CHECK_STR. */
#ifndef MAJAKKA_TEST_ZBAR_H
#define MAJAKKA_TEST_ZBAR_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static inline int zbar_cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static inline void zbar_decode(const char *png, char *out, size_t outlen)
{
    char cmd[512], line[2048], *lines[32];
    int n = 0;
    out[0] = 0;
    snprintf(cmd, sizeof cmd, "zbarimg -q --raw '%s' 2>/dev/null", png);
    FILE *p = popen(cmd, "r");
    if (!p) return;
    while (n < 32 && fgets(line, sizeof line, p)) {
        line[strcspn(line, "\n")] = 0;
        if (line[0]) lines[n++] = strdup(line);
    }
    pclose(p);
    qsort(lines, (size_t)n, sizeof lines[0], zbar_cmp);
    size_t o = 0;
    for (int i = 0; i < n; i++) {
        int w = snprintf(out + o, outlen - o, "%s%s", i ? "\n" : "", lines[i]);
        if (w > 0 && (size_t)w < outlen - o) o += (size_t)w;
        free(lines[i]);
    }
}

#endif
