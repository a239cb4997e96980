/* hub_diff.h - what changes between two content objects (the published version and the draft),
 * entity by entity and field by field, for the editor's "What changes" page (hub_edit.c puts the
 * words on it). Items are matched by id within each list; the site is one item. */
#ifndef MAJAKKA_HUB_DIFF_H
#define MAJAKKA_HUB_DIFF_H
#include <jansson.h>

/* A JSON array, one object per change:
 *   {"list": "services", "id": "neuvola", "name": {text} or null, "change": "added" | "removed" | "changed" | "order"}
 * and for "changed" a "fields" array of {"field": "name.fi", "old": "..." | null, "new": "..." | null}
 * (leaf values as text; lists of plain values joined by ", "; null: absent). "order" has no id: the
 * list's items were reordered. old may be NULL (nothing published). Caller owns the result. */
json_t *hub_diff(const json_t *old, const json_t *new_);
/* How many changes (items) hub_diff would list, without building them. */
size_t hub_diff_count(const json_t *old, const json_t *new_);

/* The lists a content object holds, in the order they are shown (site first). */
extern const char *const hub_diff_lists[];

#endif
