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
    int allow_instant;              /* bv_event accepts end == start (calendar events without an end) */
    int read_only;                  /* the content is not changed: an event whose exdates need their
                                     * stored form is checked as a copy of that one event */
    json_t *skipped;                /* calendar events left out: one message each (bics_merge) */
    void *ics_root, *ics_floating;  /* bics_merge: the file's icalcomponent, X-WR-TIMEZONE's zone */
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

/* The value checks (bundle_values.c). Each returns 0, or MJ_EINVAL with "path: message" written.
 * path is the enclosing object's; the key is appended ("services[3]" + "name"). */
enum { BV_OPT = 0, BV_REQ = 1 };
enum { T_STRING, T_INT, T_NUMBER, T_BOOL, T_OBJECT, T_LIST };
#define LIMIT_NAME 200
#define LIMIT_SUMMARY 400
#define LIMIT_DESCRIPTION 4000
#define LIMIT_TEXT 1000
#define LIMIT_LIST 100

/* "base.key", or "base key" after a quoted name (calendar: VEVENT "uid"); "base.key[i]". */
void bv_sub(char out[BV_PATHLEN], const char *base, const char *key);
void bv_item(char out[BV_PATHLEN], const char *base, const char *key, size_t i);
/* Rejects a key not in allowed (NULL-terminated) unless it starts with "x-". */
int bv_keys(bvctx *v, json_t *obj, const char *path, const char *const *allowed);
/* obj[key] of a JSON type (T_*); *out NULL when absent and optional. */
int bv_get(bvctx *v, json_t *obj, const char *path, const char *key, int type, int req, json_t **out);
int bv_get_str(bvctx *v, json_t *obj, const char *path, const char *key, int req, const char **out);
int bv_get_list(bvctx *v, json_t *obj, const char *path, const char *key, int req, size_t min, size_t max,
                json_t **out);
/* Text bytes: not empty, at most limit, no control characters but newline. */
int bv_chars(bvctx *v, const char *path, const char *s, size_t len, size_t limit);
/* A multilingual text object. */
int bv_text(bvctx *v, json_t *obj, const char *path, const char *key, int req, size_t limit);
/* obj.id: valid and new in set (set NULL: syntax only); registers it with the item's path. */
int bv_id(bvctx *v, json_t *obj, const char *path, json_t *set, const char **out);
/* obj[key] names an id in set (listname for the message). */
int bv_ref(bvctx *v, json_t *obj, const char *path, const char *key, int req, json_t *set, const char *listname);
/* The start of item i of a top-level list: an object with none but `keys`, its id new in ids.
 * p gets the item's path ("services[3]"). */
int bv_item_head(bvctx *v, json_t *item, const char *list, size_t i, const char *const *keys, json_t *ids,
                 char p[BV_PATHLEN]);
/* obj[key], a string that is one of `list` (NULL-terminated); `what` names them in the message
 * ("an icon name": `"rocket" is not an icon name`). *out NULL when absent and optional. */
int bv_one_of(bvctx *v, json_t *obj, const char *path, const char *key, int req, const char *const *list,
              const char *what, const char **out);
/* Optional url, email and phone. */
int bv_contact(bvctx *v, json_t *obj, const char *path);
/* A list of strings, each checked by fn, none twice. */
typedef int (*bv_check)(bvctx *v, const char *path, const char *s, void *ctx);
int bv_str_list(bvctx *v, json_t *obj, const char *path, const char *key, int req, size_t min, bv_check fn,
                void *ctx);

/* Parses an iCalendar file, converts each VEVENT to an event (docs/content-bundle.md), validates
 * it like a bundle event and appends it to events (a JSON array). name is the file's name. An
 * event that cannot be used is left out and its reason appended to v->skipped; only a file that
 * is not UTF-8 or not iCalendar at all fails. */
int bics_merge(bvctx *v, const char *name, const char *data, size_t len, json_t *events);

/* "HH:MM" -> minutes; allow24 admits "24:00" (1440). Returns 0 or -1. */
int bv_parse_hm(const char *s, int allow24, int *min);

#endif
