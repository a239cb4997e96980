/* bundle.c - see bundle.h. Order of checks: size, nesting depth, JSON syntax, the top level,
 * the content hash, the content (bundle_validate.c), then the calendar file (bundle_ics.c). */
#include "bundle.h"
#include "bundle_int.h"
#include "util.h"
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define CANONICAL_FLAGS (JSON_COMPACT | JSON_SORT_KEYS | JSON_REAL_PRECISION(15))

void bundle_sha256_hex(const void *data, size_t len, char hex[65])
{
    static int ready;
    unsigned char h[crypto_hash_sha256_BYTES];
    if (!ready) {
        /* sodium_init is idempotent; crypto_hash_sha256 itself needs no state. */
        if (sodium_init() >= 0) ready = 1;
    }
    crypto_hash_sha256(h, data, len);
    sodium_bin2hex(hex, 65, h, sizeof h);
}

int bundle_canonical_sha256(const json_t *value, char hex[65], char *err, size_t errlen)
{
    char *s = json_dumps(value, CANONICAL_FLAGS);
    if (!s) return mj_err(err, errlen, MJ_ENOMEM, "bundle: cannot serialize the content");
    bundle_sha256_hex(s, strlen(s), hex);
    free(s);
    return MJ_OK;
}

/* jansson has its own, much deeper limit; ours is checked on the raw bytes before parsing so
 * that a deep document costs nothing. Strings are skipped, escapes included. */
static int check_depth(const char *d, size_t len, char *err, size_t errlen)
{
    int depth = 0, in_str = 0, line = 1, col = 0;
    for (size_t i = 0; i < len; i++) {
        char c = d[i];
        col++;
        if (c == '\n') { line++; col = 0; continue; }
        if (in_str) {
            if (c == '\\') { i++; col++; }
            else if (c == '"') in_str = 0;
            continue;
        }
        if (c == '"') in_str = 1;
        else if (c == '{' || c == '[') {
            if (++depth > BUNDLE_MAX_DEPTH)
                return mj_err(err, errlen, MJ_EINVAL, "bundle: nested deeper than %d levels at line %d, column %d",
                              BUNDLE_MAX_DEPTH, line, col);
        } else if (c == '}' || c == ']') depth--;
    }
    return MJ_OK;
}

/* jansson places an encoding error at the token; we point at the first bad byte itself, with
 * the column counted in characters. */
static int utf8_fail(const char *d, size_t len, char *err, size_t errlen)
{
    const char *p = d, *end = d + len;
    int line = 1, col = 1;
    while (p < end) {
        long c = mj_utf8_next(&p, end);
        if (c < 0) break;
        if (c == '\n') { line++; col = 1; }
        else col++;
    }
    return mj_err(err, errlen, MJ_EINVAL, "bundle: invalid UTF-8 at line %d, column %d", line, col);
}

static int json_fail(const char *d, size_t len, const json_error_t *e, char *err, size_t errlen)
{
    const char *near, *q;
    switch (json_error_code(e)) {
    case json_error_invalid_utf8:
        return utf8_fail(d, len, err, errlen);
    case json_error_duplicate_key:
        /* jansson's text ends with: near '"key"' */
        near = strstr(e->text, "near '\"");
        q = strrchr(e->text, '"');
        if (near && q > near + 6)
            return mj_err(err, errlen, MJ_EINVAL, "bundle: duplicate key \"%.*s\" at line %d, column %d",
                          (int)(q - near - 7), near + 7, e->line, e->column);
        return mj_err(err, errlen, MJ_EINVAL, "bundle: duplicate key at line %d, column %d", e->line, e->column);
    case json_error_null_character:
        return mj_err(err, errlen, MJ_EINVAL, "bundle: \\u0000 in a string at line %d, column %d", e->line, e->column);
    default:
        return mj_err(err, errlen, MJ_EINVAL, "bundle: invalid JSON at line %d, column %d: %s", e->line, e->column,
                      e->text);
    }
}

static int is_hex64(const char *s)
{
    if (strlen(s) != 64) return 0;
    for (; *s; s++)
        if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f'))) return 0;
    return 1;
}

static int version_ok(const char *s)
{
    size_t n = strlen(s);
    if (n < 1 || n > 64) return 0;
    return strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:-") == n;
}

/* The calendar's file name must stay in the bundle's folder. */
static int calendar_name_ok(const char *s)
{
    size_t n = strlen(s);
    return n > 0 && n <= 255 && s[0] != '.' && !strchr(s, '/') && mj_utf8_valid(s, n) &&
           strspn(s, "\t\n\r") == 0;
}

static int check_keys(bvctx *v, json_t *obj, const char *path, const char *const *allowed)
{
    const char *k;
    json_t *x;
    char b[80];
    json_object_foreach(obj, k, x) {
        int ok = strncmp(k, "x-", 2) == 0;
        for (const char *const *a = allowed; *a && !ok; a++) ok = strcmp(*a, k) == 0;
        if (!ok) return bv_fail(v, path, "unknown key \"%s\"", bv_shown(k, b));
    }
    return MJ_OK;
}

/* Reads, checks and merges the calendar file; sets cal_hex to the file's SHA-256. */
static int calendar(bvctx *v, json_t *cal, const char *dir, int check_hash, json_t *content, char cal_hex[65])
{
    static const char *const keys[] = { "file", "sha256", NULL };
    json_t *file = json_object_get(cal, "file"), *sha = json_object_get(cal, "sha256");
    char path[4096], b[80], e[MJ_ERRLEN];
    char *data = NULL;
    size_t len;
    struct stat sb;
    int rc;
    if ((rc = check_keys(v, cal, "calendar", keys))) return rc;
    if (!file) return bv_fail(v, "calendar.file", "is missing");
    if (!json_is_string(file)) return bv_fail(v, "calendar.file", "must be a string");
    const char *name = json_string_value(file);
    if (!calendar_name_ok(name))
        return bv_fail(v, "calendar.file", "\"%s\" must be a file name in the bundle's folder", bv_shown(name, b));
    if (sha && !json_is_string(sha)) return bv_fail(v, "calendar.sha256", "must be a string");
    if (check_hash && !sha) return bv_fail(v, "calendar.sha256", "is missing");
    if (!dir) return bv_fail(v, "calendar.file", "\"%s\" cannot be read: the bundle was not read from a folder", name);
    if (mj_path_join(path, sizeof path, dir, name)) return bv_fail(v, "calendar.file", "path too long");
    if (stat(path, &sb) != 0) return bv_fail(v, "calendar.file", "cannot read \"%s\": %s", name, strerror(errno));
    if (!S_ISREG(sb.st_mode)) return bv_fail(v, "calendar.file", "\"%s\" is not a regular file", name);
    if ((unsigned long long)sb.st_size > BUNDLE_MAX_CALENDAR_BYTES)
        return bv_fail(v, "calendar.file", "\"%s\" is larger than 8 MiB", name);
    if (mj_read_file(path, BUNDLE_MAX_CALENDAR_BYTES, &data, &len, e, sizeof e))
        return bv_fail(v, "calendar.file", "cannot read \"%s\": %s", name, e);
    bundle_sha256_hex(data, len, cal_hex);
    if (check_hash) {
        const char *want = json_string_value(sha);
        if (strcmp(want, cal_hex) != 0) {
            free(data);
            return bv_fail(v, "calendar.sha256", "does not match the file (expected %s, got %s)", bv_shown(want, b),
                           cal_hex);
        }
    }
    json_t *events = json_object_get(content, "events");
    if (!events) {
        events = json_array();
        if (!events || json_object_set_new(content, "events", events)) {
            free(data);
            return bv_fail(v, "calendar", "out of memory");
        }
    }
    rc = bics_merge(v, name, data, len, events);
    free(data);
    if (!rc && json_array_size(events) > 50000)
        return bv_fail(v, "calendar", "events and calendar events together are more than 50000");
    return rc;
}

static int parse(const char *data, size_t len, const char *dir, int check_hash, bundle *out, char cal_hex[65],
                 char *err, size_t errlen)
{
    static const char *const keys[] = { "format", "content_version", "sha256", "calendar", "content", NULL };
    json_error_t je;
    bvctx v;
    char b[80], hex[65];
    int rc;

    memset(out, 0, sizeof *out);
    cal_hex[0] = 0;
    if (len > BUNDLE_MAX_BYTES)
        return mj_err(err, errlen, MJ_EINVAL, "bundle: larger than 16 MiB (%zu bytes)", len);
    if ((rc = check_depth(data, len, err, errlen))) return rc;
    json_t *root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &je);
    if (!root) return json_fail(data, len, &je, err, errlen);
    if (!json_is_object(root)) {
        json_decref(root);
        return mj_err(err, errlen, MJ_EINVAL, "bundle: the top level must be an object");
    }
    if ((rc = bv_init(&v, err, errlen))) { json_decref(root); return rc; }

    json_t *format = json_object_get(root, "format"), *ver = json_object_get(root, "content_version");
    json_t *sha = json_object_get(root, "sha256"), *cal = json_object_get(root, "calendar");
    json_t *content = json_object_get(root, "content");
    if ((rc = check_keys(&v, root, "bundle", keys))) goto fail;
    if (!format) { rc = bv_fail(&v, "format", "is missing"); goto fail; }
    if (!json_is_integer(format) || json_integer_value(format) != 1) { rc = bv_fail(&v, "format", "must be 1"); goto fail; }
    if (!ver) { rc = bv_fail(&v, "content_version", "is missing"); goto fail; }
    if (!json_is_string(ver)) { rc = bv_fail(&v, "content_version", "must be a string"); goto fail; }
    if (!version_ok(json_string_value(ver))) {
        rc = bv_fail(&v, "content_version", "\"%s\" must be 1-64 characters of A-Z a-z 0-9 . _ : -",
                     bv_shown(json_string_value(ver), b));
        goto fail;
    }
    if (sha && !json_is_string(sha)) { rc = bv_fail(&v, "sha256", "must be a string"); goto fail; }
    if (check_hash && !sha) { rc = bv_fail(&v, "sha256", "is missing"); goto fail; }
    if (check_hash && !is_hex64(json_string_value(sha))) {
        rc = bv_fail(&v, "sha256", "\"%s\" is not 64 lowercase hex digits", bv_shown(json_string_value(sha), b));
        goto fail;
    }
    if (cal && !json_is_object(cal)) { rc = bv_fail(&v, "calendar", "must be an object"); goto fail; }
    if (!content) { rc = bv_fail(&v, "content", "is missing"); goto fail; }
    if (!json_is_object(content)) { rc = bv_fail(&v, "content", "must be an object"); goto fail; }

    if ((rc = bundle_canonical_sha256(content, hex, err, errlen))) goto fail;
    if (check_hash && strcmp(json_string_value(sha), hex) != 0) {
        rc = bv_fail(&v, "sha256", "does not match the content (expected %s, got %s)",
                     bv_shown(json_string_value(sha), b), hex);
        goto fail;
    }
    if ((rc = bv_content(&v, content))) goto fail;
    if (cal && (rc = calendar(&v, cal, dir, check_hash, content, cal_hex))) goto fail;

    out->skipped = json_incref(v.skipped);
    bv_free(&v);
    out->root = root;
    out->content = content;
    snprintf(out->content_version, sizeof out->content_version, "%s", json_string_value(ver));
    memcpy(out->sha256, hex, sizeof out->sha256);
    return MJ_OK;
fail:
    bv_free(&v);
    json_decref(root);
    return rc;
}

int bundle_parse(const char *data, size_t len, const char *dir, int check_hash, bundle *out, char *err,
                 size_t errlen)
{
    char cal_hex[65];
    return parse(data, len, dir, check_hash, out, cal_hex, err, errlen);
}

/* Reads a bundle file; a too large one gets the same message as bundle_parse gives. */
static int read_bundle(const char *path, char **data, size_t *len, char dir[4096], char *err, size_t errlen)
{
    struct stat sb;
    if (stat(path, &sb) != 0) return mj_err(err, errlen, MJ_EIO, "%s: %s", path, strerror(errno));
    if ((unsigned long long)sb.st_size > BUNDLE_MAX_BYTES)
        return mj_err(err, errlen, MJ_EINVAL, "bundle: larger than 16 MiB (%lld bytes)", (long long)sb.st_size);
    int rc = mj_read_file(path, BUNDLE_MAX_BYTES, data, len, err, errlen);
    if (rc) return rc;
    snprintf(dir, 4096, "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash == dir) dir[1] = 0;
    else if (slash) *slash = 0;
    else snprintf(dir, 4096, ".");
    return MJ_OK;
}

int bundle_load(const char *path, bundle *out, char *err, size_t errlen)
{
    char *data, dir[4096];
    size_t len;
    memset(out, 0, sizeof *out);
    int rc = read_bundle(path, &data, &len, dir, err, errlen);
    if (rc) return rc;
    rc = bundle_parse(data, len, dir, 1, out, err, errlen);
    free(data);
    return rc;
}

int bundle_check_content(const json_t *content, char *err, size_t errlen)
{
    bvctx v;
    if (!json_is_object(content)) return mj_err(err, errlen, MJ_EINVAL, "content: must be an object");
    /* Read-only: the content is not copied (an event whose exdates the validator would rewrite
     * into their stored form is checked as a copy of that event alone). */
    int rc = bv_init(&v, err, errlen);
    if (!rc) {
        v.read_only = 1;
        rc = bv_content(&v, (json_t *)content);
        bv_free(&v);
    }
    return rc;
}

void bundle_free(bundle *b)
{
    if (!b) return;
    json_decref(b->root);
    json_decref(b->skipped);
    b->root = b->content = NULL;
    b->skipped = NULL;
}

int bundle_seal(const char *path, char *err, size_t errlen)
{
    char *data, dir[4096], cal_hex[65];
    size_t len;
    bundle b;
    int rc = read_bundle(path, &data, &len, dir, err, errlen);
    if (rc) return rc;
    rc = parse(data, len, dir, 0, &b, cal_hex, err, errlen);
    if (rc) { free(data); return rc; }
    /* The validated copy has the calendar's events merged in: write from a fresh parse. */
    json_t *root = json_loadb(data, len, JSON_REJECT_DUPLICATES, NULL);
    free(data);
    if (!root) { bundle_free(&b); return mj_err(err, errlen, MJ_ENOMEM, "bundle: out of memory"); }
    json_object_set_new(root, "sha256", json_string(b.sha256));
    if (cal_hex[0]) json_object_set_new(json_object_get(root, "calendar"), "sha256", json_string(cal_hex));
    bundle_free(&b);
    char *out = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
    json_decref(root);
    if (!out) return mj_err(err, errlen, MJ_ENOMEM, "bundle: out of memory");
    size_t n = strlen(out);
    char *nl = realloc(out, n + 2);
    if (!nl) { free(out); return mj_err(err, errlen, MJ_ENOMEM, "bundle: out of memory"); }
    nl[n] = '\n';
    nl[n + 1] = 0;
    rc = mj_write_file_atomic(path, nl, n + 1, 0644, err, errlen);
    free(nl);
    return rc;
}
