/* util.h - status codes, error messages and small string helpers shared by every module.
 * Convention: functions return 0 (MJ_OK) or a negative MJ_E* status and, on failure, write a
 * one-line, human-readable reason into a caller-owned buffer (err, errlen). */
#ifndef MAJAKKA_UTIL_H
#define MAJAKKA_UTIL_H
#include <stddef.h>
#include <stdarg.h>

enum {
    MJ_OK = 0,
    MJ_EINVAL = -1,   /* bad input: the message says where and why */
    MJ_EIO = -2,      /* a file or device could not be read or written */
    MJ_ENOMEM = -3,
    MJ_EDB = -4,      /* SQLite reported an error */
    MJ_ENOTFOUND = -5,
    MJ_EFULL = -6,    /* disk full: the write was refused, nothing changed */
    MJ_EBUSY = -7
};

#define MJ_ERRLEN 512

/* Formats a message into err (if not NULL) and returns status, so `return mj_err(...)` works. */
int mj_err(char *err, size_t errlen, int status, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* 1 when s[0..len) is well-formed UTF-8 (no overlongs, surrogates or code points > U+10FFFF). */
int mj_utf8_valid(const char *s, size_t len);
/* Decodes one code point at *s (advancing it); returns -1 on malformed input. */
long mj_utf8_next(const char **s, const char *end);
/* Cuts an incomplete character off the end of s (after a truncating copy); returns the length.
 * mj_err does it to every message it had to cut. */
size_t mj_utf8_trim(char *s);
/* Copies src into dst (always NUL-terminated), cut on a character boundary; returns the length. */
size_t mj_strlcpy_utf8(char *dst, const char *src, size_t dstlen);
/* Number of code points in a valid UTF-8 string. */
size_t mj_utf8_len(const char *s);

/* Reads a whole file (at most max bytes, else MJ_EINVAL) into a NUL-terminated malloc'd buffer. */
int mj_read_file(const char *path, size_t max, char **out, size_t *outlen, char *err, size_t errlen);
/* Writes data to path atomically: a temporary file, fsync, rename, fsync of the directory. */
int mj_write_file_atomic(const char *path, const void *data, size_t len, int mode, char *err, size_t errlen);
/* mkdir -p with the given mode. */
int mj_mkdirs(const char *path, int mode, char *err, size_t errlen);

/* strdup that returns NULL on NULL. */
char *mj_strdup(const char *s);
/* Joins dir and name with one '/', into out; MJ_EINVAL when it does not fit. */
/* Room for one more item in the array *arr of n items (elem bytes each), its capacity *cap
 * doubled when full (first: the first capacity). Returns 0, or -1 out of memory (*arr as it was). */
int mj_grow(void *arr, size_t *cap, size_t n, size_t elem, size_t first);
int mj_path_join(char *out, size_t outlen, const char *dir, const char *name);

#endif
