/* hub_draft.h - the content editor's model (issue 11): a site's draft, edits saved into it only
 * when the whole draft passes the kiosks' own validator (core/bundle.h), publishing it as the
 * site's next version, restoring an old version, and what changes between draft and published.
 * Storage is the hub store's (hub_store.h: drafts, bundle_versions); no SQL here.
 *
 * A site without a stored draft edits a copy of its published content (or, with none published,
 * an empty skeleton that validates); the first save stores it. Saving is compare-and-swap on the
 * draft's rev: two coordinators saving at once both land, each edit applied to the other's result.
 * Parsed content comes from the process's cache (hub_dcache.h) when the store's keys say it is
 * still current: content from hub_draft_load and hub_draft_published is shared, read-only. */
#ifndef MAJAKKA_HUB_DRAFT_H
#define MAJAKKA_HUB_DRAFT_H
#include <stddef.h>
#include <jansson.h>
#include "hub_store.h"

typedef struct hub_draft {
    json_t *content;           /* the draft's content object (a reference, shared: read-only) */
    long long rev;             /* 0: not stored yet (a copy of the published content) */
    long long save_rev;        /* the rev a save must expect (rev, or a discarded draft's; 0: none) */
    long long base_version;    /* the published version it started from (0: none) */
    long long published;       /* the site's latest published version (0: none) */
    char updated_at[32], updated_by[129];
} hub_draft;

int hub_draft_load(hub_store *hs, const char *site, hub_draft *d, char *err, size_t errlen);
void hub_draft_free(hub_draft *d);

/* The published content of a site (a reference for the caller, shared: read-only); *out NULL
 * when nothing is published. */
int hub_draft_published(hub_store *hs, const char *site, json_t **out, char *err, size_t errlen);

/* An edit: changes content, or returns MJ_EINVAL with "path: message" in err. content's top
 * level and its lists are its own (hub_draft_share), the items in them shared with the cached
 * draft: add, remove or replace items (hub_draft_put_item, hub_draft_edit_item), never change
 * one it did not make in place. */
typedef int (*hub_draft_edit_fn)(json_t *content, void *ctx, char *err, size_t errlen);
/* A copy of content whose top-level object and lists are new and whose items are shared. */
json_t *hub_draft_share(const json_t *content);
/* Replaces content[list][i] with a deep copy of it and returns that (borrowed), to be changed in
 * place; NULL when there is no such item or memory ran out. */
json_t *hub_draft_edit_item(json_t *content, const char *list, size_t i);
/* Loads the draft, applies fn to a shared copy, validates it and stores it. A refused edit
 * (MJ_EINVAL: fn's or the validator's "path: message" in err) stores nothing. A save that meets
 * another's is tried again on top of it (fn runs again). *rev (may be NULL) gets the new rev. */
int hub_draft_save(hub_store *hs, const char *site, const char *by, hub_draft_edit_fn fn, void *ctx, long long *rev,
                   char *err, size_t errlen);

/* The same when the caller has already applied fn to a copy of d's content (edited: checked
 * against the unedited content, say): edited is validated and stored if the draft is still at
 * d->rev, so fn does not run twice; if another save came in between, hub_draft_save(fn, ctx). */
int hub_draft_save_edited(hub_store *hs, const char *site, const char *by, const hub_draft *d, const json_t *edited,
                          hub_draft_edit_fn fn, void *ctx, long long *rev, char *err, size_t errlen);

/* Edit helpers for fns: the index of the item with this id in content[list] (-1 none); puts obj
 * (stolen) at the item with id old_id, or appends it when old_id is NULL; removes an item. */
long hub_draft_find(const json_t *content, const char *list, const char *id);
int hub_draft_put_item(json_t *content, const char *list, const char *old_id, json_t *obj, char *err, size_t errlen);
int hub_draft_remove_item(json_t *content, const char *list, const char *id, char *err, size_t errlen);

/* Publishes the draft as the site's next version: its parsed content validated as the kiosks
 * validate a bundle's content (bundle_check_content), a new content_version (date and version
 * number), stored with a gzip copy; kiosks fetch it on their next sync. MJ_EINVAL with the
 * validator's message when it does not pass (nothing published). */
int hub_draft_publish(hub_store *hs, const char *site, const char *by, long long *version, char cv[65],
                      char *err, size_t errlen);
/* Publishes a copy of version `version` as the next version (so kiosks fetch it) and makes it
 * the draft; unpublished edits in the draft are replaced. */
int hub_draft_restore(hub_store *hs, const char *site, long long version, const char *by, long long *new_version,
                      char *err, size_t errlen);
/* Forgets the draft's edits: the draft is the published content again. */
int hub_draft_discard(hub_store *hs, const char *site, char *err, size_t errlen);

/* A new valid content object for a site with nothing published. */
json_t *hub_draft_skeleton(const char *site);

/* The bundle text for content as content_version cv (sealed: sha256 of the canonical content);
 * malloc'd into *out. */
int hub_draft_bundle_text(const json_t *content, const char *cv, char **out, size_t *len, char *err, size_t errlen);

#endif
