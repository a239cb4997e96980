/* bundle_int.h - what bundle.c, bundle_validate.c and bundle_ics.c share. Not a contract for
 * other modules: they use bundle.h. */
#ifndef MAJAKKA_BUNDLE_INT_H
#define MAJAKKA_BUNDLE_INT_H
#include <stddef.h>
#include <jansson.h>

#define BV_PATHLEN 384

/* Validation state: where to write the first problem, and the ids seen so far in each list
 * (JSON objects used as sets: id -> the path of the item that declared it). */
typedef struct bvctx {
    char *err;
    size_t errlen;
    json_t *categories, *organizations, *locations, *services, *events, *questions;
    const char *default_language;   /* the site's, borrowed from the content */
} bvctx;

int bv_init(bvctx *v, char *err, size_t errlen);
void bv_free(bvctx *v);
/* Writes "path: message" into the error buffer; returns MJ_EINVAL. */
int bv_fail(bvctx *v, const char *path, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Validates the whole `content` object, filling the id sets. */
int bv_content(bvctx *v, json_t *content);
/* Validates one event in the bundle's JSON form and registers its id; path names it in messages. */
int bv_event(bvctx *v, json_t *ev, const char *path);
/* Copies s for a message: at most 64 bytes, quotes and control characters shown as '?'. */
const char *bv_shown(const char *s, char buf[80]);

/* Parses an iCalendar file, converts each VEVENT to an event (docs/content-bundle.md), validates
 * it like a bundle event and appends it to events (a JSON array). name is the file's name. */
int bics_merge(bvctx *v, const char *name, const char *data, size_t len, json_t *events);

/* "HH:MM" -> minutes; allow24 admits "24:00" (1440). Returns 0 or -1. */
int bv_parse_hm(const char *s, int allow24, int *min);

#endif
