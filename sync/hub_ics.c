/* hub_ics.c - see hub_ics.h. The calendar is read by the foundation's bundle reader
 * (bundle_parse with the calendar file's folder), so the hub merges events exactly as a kiosk
 * importing the same bundle file would. */
#include "hub_ics.h"
#include "bundle.h"
#include "util.h"
#include <jansson.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The parsed, merged bundle without its calendar key, re-hashed, as compact JSON. */
static int flatten(bundle *b, char **out, size_t *len, char *err, size_t errlen)
{
    char hex[65];
    int rc;
    json_object_del(b->root, "calendar");
    if ((rc = bundle_canonical_sha256(b->content, hex, err, errlen))) return rc;
    json_object_set_new(b->root, "sha256", json_string(hex));
    *out = json_dumps(b->root, JSON_COMPACT | JSON_SORT_KEYS);
    if (!*out) return mj_err(err, errlen, MJ_ENOMEM, "out of memory");
    *len = strlen(*out);
    return MJ_OK;
}

int hub_bundle_file(const char *path, char **out, size_t *len, char *err, size_t errlen)
{
    bundle b;
    int rc = bundle_load(path, &b, err, errlen);
    if (rc) return rc;
    if (!json_object_get(b.root, "calendar")) {
        bundle_free(&b);
        return mj_read_file(path, BUNDLE_MAX_BYTES, out, len, err, errlen);   /* served as written */
    }
    rc = flatten(&b, out, len, err, errlen);
    bundle_free(&b);
    return rc;
}

int hub_ics_merge(const char *data, size_t len, const char *ics_path, char **out, size_t *outlen,
                  char *err, size_t errlen)
{
    char dirbuf[4096], namebuf[4096], cv[80], stamp[32], hex[65];
    json_error_t je;
    if (snprintf(dirbuf, sizeof dirbuf, "%s", ics_path) >= (int)sizeof dirbuf) return mj_err(err, errlen, MJ_EINVAL, "path too long");
    snprintf(namebuf, sizeof namebuf, "%s", ics_path);
    const char *dir = dirname(dirbuf), *name = basename(namebuf);
    char *ics;
    size_t icslen;
    int rc = mj_read_file(ics_path, BUNDLE_MAX_CALENDAR_BYTES, &ics, &icslen, err, errlen);
    if (rc) return rc;
    bundle_sha256_hex(ics, icslen, hex);
    free(ics);
    json_t *root = json_loadb(data, len, 0, &je);
    if (!root) return mj_err(err, errlen, MJ_EINVAL, "published bundle: %s", je.text);
    json_t *content = json_object_get(root, "content"), *events = json_object_get(content, "events");
    /* Events from an earlier import-ics are replaced, not doubled. */
    if (json_is_array(events))
        for (size_t i = json_array_size(events); i-- > 0;) {
            const char *id = json_string_value(json_object_get(json_array_get(events, i), "id"));
            if (id && strncmp(id, "ics-", 4) == 0) json_array_remove(events, i);
        }
    json_object_set_new(root, "calendar", json_pack("{s:s,s:s}", "file", name, "sha256", hex));
    /* A new content_version: the old one without an earlier .ics suffix, plus this import's time. */
    const char *old = json_string_value(json_object_get(root, "content_version"));
    snprintf(cv, sizeof cv, "%s", old ? old : "content");
    char *suffix = strstr(cv, ".ics");
    if (suffix && strlen(suffix) == 18) *suffix = 0;
    cv[46] = 0;
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(stamp, sizeof stamp, ".ics%Y%m%d%H%M%S", &tm);
    strcat(cv, stamp);
    json_object_set_new(root, "content_version", json_string(cv));
    char *tmp = json_dumps(root, JSON_COMPACT);
    json_decref(root);
    if (!tmp) return mj_err(err, errlen, MJ_ENOMEM, "out of memory");
    bundle b;
    /* Hashes are recomputed after the merge; the full check with hashes runs at publish. */
    rc = bundle_parse(tmp, strlen(tmp), dir, 0, &b, err, errlen);
    free(tmp);
    if (rc) return rc;
    rc = flatten(&b, out, outlen, err, errlen);
    bundle_free(&b);
    return rc;
}
