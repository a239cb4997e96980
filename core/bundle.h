/* bundle.h - reading, validating and sealing content bundles (docs/content-bundle.md).
 * A bundle is validated completely before anything uses it; the first problem found is
 * reported with its place, e.g. `services[12].opening_hours[0].day: "Mox" is not a weekday`. */
#ifndef MAJAKKA_BUNDLE_H
#define MAJAKKA_BUNDLE_H
#include <stddef.h>
#include <jansson.h>

#define BUNDLE_MAX_BYTES (16u << 20)
#define BUNDLE_MAX_CALENDAR_BYTES (8u << 20)
#define BUNDLE_MAX_DEPTH 16

/* A validated bundle: the parsed JSON (events from the calendar file already merged into
 * content.events, in the bundle's own JSON form) and its versions. Owned by the caller. */
typedef struct bundle {
    json_t *root;              /* the whole document */
    json_t *content;           /* borrowed from root */
    char content_version[65];
    char sha256[65];
    json_t *skipped;           /* calendar events left out, one message each ("calendar: VEVENT
                                  \"uid\" rrule: ... (SUMMARY \"...\")"); an array, maybe empty */
} bundle;

/* Parses and validates a bundle held in memory. dir is where a `calendar` file is looked for
 * (NULL: a bundle that names a calendar is rejected). check_hash: 0 skips the sha256 checks
 * (used by --seal, which computes them). */
int bundle_parse(const char *data, size_t len, const char *dir, int check_hash,
                 bundle *out, char *err, size_t errlen);
/* Reads and validates the bundle file at path (its calendar relative to the file's folder). */
int bundle_load(const char *path, bundle *out, char *err, size_t errlen);
void bundle_free(bundle *b);
/* Validates a `content` object as bundle_parse does (every check after the top level; the bytes'
 * size and depth are checked when the bundle is parsed). content itself is not changed. The hub's
 * editor checks each save of a draft with it. */
int bundle_check_content(const json_t *content, char *err, size_t errlen);

/* Reads an iCalendar file's events as a bundle's calendar file is read (docs/imports.md): *events
 * a new array of events in the bundle's JSON form, each validated like a bundle event (one
 * without an end, an instant, is kept as end == start, which only a calendar file may have);
 * *skipped a new array of the messages of events left out. default_language: texts without a
 * LANGUAGE parameter. MJ_EINVAL for a file that is not UTF-8 or not iCalendar (nothing returned). */
int bundle_ics_events(const char *name, const char *data, size_t len, const char *default_language, json_t **events,
                      json_t **skipped, char *err, size_t errlen);

/* SHA-256 (lowercase hex, 65 bytes with NUL) of the canonical form of a JSON value. */
int bundle_canonical_sha256(const json_t *value, char hex[65], char *err, size_t errlen);
/* SHA-256 of raw bytes. */
void bundle_sha256_hex(const void *data, size_t len, char hex[65]);

/* Validates the bundle at path without checking its hashes, then writes the correct sha256
 * (and calendar.sha256) back into the file atomically. */
int bundle_seal(const char *path, char *err, size_t errlen);

#endif
