/* util.c - see util.h. */
#include "util.h"
#include <errno.h>
#include <stdint.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int mj_err(char *err, size_t errlen, int status, const char *fmt, ...)
{
    if (err && errlen) {
        va_list ap;
        va_start(ap, fmt);
        int n = vsnprintf(err, errlen, fmt, ap);
        va_end(ap);
        if (n >= (int)errlen) mj_utf8_trim(err);     /* cut: never in the middle of a character */
    }
    return status;
}

size_t mj_utf8_trim(char *s)
{
    size_t n = strlen(s);
    /* Only the end can be cut: drop continuation bytes and the lead byte they lack. */
    size_t i = n, back = 0;
    while (i > 0 && back < 4 && ((unsigned char)s[i - 1] & 0xC0) == 0x80) { i--; back++; }
    if (i > 0 && (unsigned char)s[i - 1] >= 0xC0) {
        unsigned char c = (unsigned char)s[i - 1];
        size_t need = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
        if (back < need) n = i - 1;
    }
    s[n] = 0;
    return n;
}

size_t mj_strlcpy_utf8(char *dst, const char *src, size_t dstlen)
{
    if (!dstlen) return 0;
    size_t n = strlen(src);
    if (n < dstlen) { memcpy(dst, src, n + 1); return n; }
    memcpy(dst, src, dstlen - 1);
    dst[dstlen - 1] = 0;
    return mj_utf8_trim(dst);
}

long mj_utf8_next(const char **sp, const char *end)
{
    const unsigned char *s = (const unsigned char *)*sp;
    if ((const char *)s >= end) return -1;
    unsigned c = s[0];
    int n;
    long cp, min;
    if (c < 0x80) { *sp += 1; return c; }
    else if ((c & 0xE0) == 0xC0) { n = 1; cp = c & 0x1F; min = 0x80; }
    else if ((c & 0xF0) == 0xE0) { n = 2; cp = c & 0x0F; min = 0x800; }
    else if ((c & 0xF8) == 0xF0) { n = 3; cp = c & 0x07; min = 0x10000; }
    else return -1;
    if (end - (const char *)s < n + 1) return -1;
    for (int i = 1; i <= n; i++) {
        if ((s[i] & 0xC0) != 0x80) return -1;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return -1;
    *sp += n + 1;
    return cp;
}

int mj_utf8_valid(const char *s, size_t len)
{
    const char *end = s + len;
    while (s < end)
        if (mj_utf8_next(&s, end) < 0) return 0;
    return 1;
}

size_t mj_utf8_len(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80) n++;
    return n;
}

int mj_read_file(const char *path, size_t max, char **out, size_t *outlen, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) return mj_err(err, errlen, MJ_EIO, "%s: %s", path, strerror(errno));
    size_t cap = 65536, len = 0;
    char *buf = malloc(cap + 1);
    if (!buf) { fclose(f); return mj_err(err, errlen, MJ_ENOMEM, "%s: out of memory", path); }
    for (;;) {
        if (len == cap) {
            if (cap > max) break;
            char *nb = realloc(buf, cap * 2 + 1);
            if (!nb) { free(buf); fclose(f); return mj_err(err, errlen, MJ_ENOMEM, "%s: out of memory", path); }
            buf = nb;
            cap *= 2;
        }
        size_t r = fread(buf + len, 1, cap - len, f);
        len += r;
        if (r == 0) break;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) { free(buf); return mj_err(err, errlen, MJ_EIO, "%s: read error", path); }
    if (len > max) {
        free(buf);
        return mj_err(err, errlen, MJ_EINVAL, "%s: file is larger than the limit of %zu bytes", path, max);
    }
    buf[len] = 0;
    *out = buf;
    if (outlen) *outlen = len;
    return MJ_OK;
}

int mj_write_file_atomic(const char *path, const void *data, size_t len, int mode, char *err, size_t errlen)
{
    char tmp[4096];
    if (snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid()) >= (int)sizeof tmp)
        return mj_err(err, errlen, MJ_EINVAL, "%s: path too long", path);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
    if (fd < 0) return mj_err(err, errlen, MJ_EIO, "%s: %s", tmp, strerror(errno));
    const char *p = data;
    size_t left = len;
    while (left) {
        ssize_t w = write(fd, p, left);
        if (w < 0 && errno == EINTR) continue;
        if (w < 0) {
            int e = errno;
            close(fd);
            unlink(tmp);
            return mj_err(err, errlen, e == ENOSPC ? MJ_EFULL : MJ_EIO, "%s: %s", tmp, strerror(e));
        }
        p += w;
        left -= (size_t)w;
    }
    if (fsync(fd) != 0 || close(fd) != 0) {
        unlink(tmp);
        return mj_err(err, errlen, MJ_EIO, "%s: %s", tmp, strerror(errno));
    }
    if (rename(tmp, path) != 0) {
        int e = errno;
        unlink(tmp);
        return mj_err(err, errlen, MJ_EIO, "%s: %s", path, strerror(e));
    }
    /* Make the rename itself durable. */
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash) *slash = 0; else snprintf(dir, sizeof dir, ".");
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) { fsync(dfd); close(dfd); }
    return MJ_OK;
}

int mj_mkdirs(const char *path, int mode, char *err, size_t errlen)
{
    char buf[4096];
    if (snprintf(buf, sizeof buf, "%s", path) >= (int)sizeof buf)
        return mj_err(err, errlen, MJ_EINVAL, "%s: path too long", path);
    for (char *p = buf + 1; ; p++) {
        if (*p == '/' || *p == 0) {
            char c = *p;
            *p = 0;
            if (mkdir(buf, (mode_t)mode) != 0 && errno != EEXIST)
                return mj_err(err, errlen, MJ_EIO, "%s: %s", buf, strerror(errno));
            *p = c;
            if (!c) break;
        }
    }
    return MJ_OK;
}

char *mj_strdup(const char *s)
{
    return s ? strdup(s) : NULL;
}

int mj_path_join(char *out, size_t outlen, const char *dir, const char *name)
{
    size_t dl = strlen(dir);
    int n = snprintf(out, outlen, "%s%s%s", dir, (dl && dir[dl - 1] == '/') ? "" : "/", name);
    return (n < 0 || (size_t)n >= outlen) ? MJ_EINVAL : MJ_OK;
}

int mj_grow(void *arr, size_t *cap, size_t n, size_t elem, size_t first)
{
    void **p = arr;
    if (n < *cap) return 0;
    size_t nc = *cap ? *cap * 2 : first;
    if (nc < n + 1 || nc > SIZE_MAX / elem) return -1;
    void *nv = realloc(*p, nc * elem);
    if (!nv) return -1;
    *p = nv;
    *cap = nc;
    return 0;
}
