/* hub_draft.c - see hub_draft.h. */
#include "hub_draft.h"
#include "bundle.h"
#include "hub_dcache.h"
#include "util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BUNDLE_FLAGS (JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15))

void hub_draft_free(hub_draft *d)
{
    if (!d) return;
    json_decref(d->content);
    d->content = NULL;
}

json_t *hub_draft_skeleton(const char *site)
{
    /* Just enough to validate: the site needs a location, every list may be empty. The
     * coordinator fills in the rest. */
    return json_pack("{s:{s:s,s:{s:s},s:s,s:s,s:[sss]},s:[],s:[],s:[{s:s,s:{s:s},s:{s:s},s:s,s:{s:s}}],s:[],s:[],s:[]}",
                     "site", "id", site, "name", "fi", site, "location", "main", "default_language", "fi", "languages",
                     "fi", "sv", "en", "categories", "organizations", "locations", "id", "main", "name", "fi", "Toimipiste",
                     "street", "fi", "-", "postal_code", "00100", "city", "fi", "Helsinki", "services", "events",
                     "feedback_questions");
}

/* Version `version`'s content (shared: from the cache, or read and put there); NULL for 0. */
static int published_at(hub_store *hs, const char *site, long long version, json_t **out, char *err, size_t errlen)
{
    *out = NULL;
    if (version < 1) return MJ_OK;
    if ((*out = hub_dcache_get(hs, HUB_DCACHE_PUBLISHED, site, version))) return MJ_OK;
    char *data = NULL;
    size_t len;
    int rc = hub_version_get(hs, site, version, &data, &len, NULL, err, errlen);
    if (rc == MJ_ENOTFOUND) return MJ_OK;
    if (rc) return rc;
    json_error_t je;
    json_t *root = json_loadb(data, len, 0, &je);
    free(data);
    json_t *c = json_object_get(root, "content");
    if (!json_is_object(c)) {
        json_decref(root);
        return mj_err(err, errlen, MJ_EINVAL, "the published bundle of \"%s\" cannot be read", site);
    }
    *out = json_incref(c);
    json_decref(root);
    hub_dcache_put(hs, HUB_DCACHE_PUBLISHED, site, version, *out, len);
    return MJ_OK;
}

int hub_draft_published(hub_store *hs, const char *site, json_t **out, char *err, size_t errlen)
{
    long long latest;
    *out = NULL;
    int rc = hub_version_latest(hs, site, &latest, err, errlen);
    return rc ? rc : published_at(hs, site, latest, out, err, errlen);
}

/* The stored draft of rev row->rev: from the cache, or read, parsed and put there. MJ_EBUSY when
 * the draft changed since its head was read. */
static int draft_content(hub_store *hs, const char *site, const hub_draft_row *head, json_t **out, char *err, size_t errlen)
{
    if ((*out = hub_dcache_get(hs, HUB_DCACHE_DRAFT, site, head->rev))) return MJ_OK;
    hub_draft_row row;
    int rc = hub_draft_get(hs, site, &row, err, errlen);
    if (rc == MJ_ENOTFOUND || (!rc && row.rev != head->rev)) {
        free(row.content);
        return mj_err(err, errlen, MJ_EBUSY, "the draft of \"%s\" changed meanwhile", site);
    }
    if (rc) return rc;
    json_error_t je;
    *out = json_loadb(row.content, row.len, 0, &je);
    free(row.content);
    if (!json_is_object(*out)) {
        json_decref(*out);
        *out = NULL;
        return mj_err(err, errlen, MJ_EINVAL, "the draft of \"%s\" cannot be read", site);
    }
    hub_dcache_put(hs, HUB_DCACHE_DRAFT, site, row.rev, *out, row.len);
    return MJ_OK;
}

int hub_draft_load(hub_store *hs, const char *site, hub_draft *d, char *err, size_t errlen)
{
    int rc = MJ_EBUSY;
    for (int attempt = 0; attempt < 5 && rc == MJ_EBUSY; attempt++) {
        hub_draft_row row;
        memset(d, 0, sizeof *d);
        if ((rc = hub_version_latest(hs, site, &d->published, err, errlen))) return rc;
        rc = hub_draft_head(hs, site, &row, err, errlen);
        d->save_rev = row.rev;
        if (rc == MJ_OK) {
            d->rev = row.rev;
            d->base_version = row.base_version;
            memcpy(d->updated_at, row.updated_at, sizeof d->updated_at);
            memcpy(d->updated_by, row.updated_by, sizeof d->updated_by);
            rc = draft_content(hs, site, &row, &d->content, err, errlen);
            continue;
        }
        if (rc != MJ_ENOTFOUND) return rc;
        if ((rc = published_at(hs, site, d->published, &d->content, err, errlen))) return rc;
        d->base_version = d->published;
        if (!d->content) d->content = hub_draft_skeleton(site);
        if (!d->content) return mj_err(err, errlen, MJ_ENOMEM, "out of memory");
    }
    return rc;
}

long hub_draft_find(const json_t *content, const char *list, const char *id)
{
    size_t i;
    json_t *it;
    if (!id) return -1;
    json_array_foreach(json_object_get(content, list), i, it) {
        const char *s = json_string_value(json_object_get(it, "id"));
        if (s && strcmp(s, id) == 0) return (long)i;
    }
    return -1;
}

int hub_draft_put_item(json_t *content, const char *list, const char *old_id, json_t *obj, char *err, size_t errlen)
{
    json_t *arr = json_object_get(content, list);
    if (!arr) {
        arr = json_array();
        if (!arr || json_object_set_new(content, list, arr)) { json_decref(obj); return mj_err(err, errlen, MJ_ENOMEM, "out of memory"); }
    }
    if (!json_is_array(arr)) { json_decref(obj); return mj_err(err, errlen, MJ_EINVAL, "%s: must be a list", list); }
    if (!old_id) return json_array_append_new(arr, obj) ? mj_err(err, errlen, MJ_ENOMEM, "out of memory") : MJ_OK;
    long i = hub_draft_find(content, list, old_id);
    if (i < 0) { json_decref(obj); return mj_err(err, errlen, MJ_ENOTFOUND, "%s: no item \"%s\" (deleted meanwhile?)", list, old_id); }
    return json_array_set_new(arr, (size_t)i, obj) ? mj_err(err, errlen, MJ_ENOMEM, "out of memory") : MJ_OK;
}

int hub_draft_remove_item(json_t *content, const char *list, const char *id, char *err, size_t errlen)
{
    long i = hub_draft_find(content, list, id);
    if (i < 0) return mj_err(err, errlen, MJ_ENOTFOUND, "%s: no item \"%s\"", list, id);
    json_array_remove(json_object_get(content, list), (size_t)i);
    return MJ_OK;
}

json_t *hub_draft_share(const json_t *content)
{
    json_t *copy = json_copy((json_t *)content), *v;
    const char *k;
    if (!copy) return NULL;
    json_object_foreach(copy, k, v)
        if (json_is_array(v)) {
            json_t *a = json_copy(v);
            if (!a || json_object_set_new(copy, k, a)) { json_decref(copy); return NULL; }
        }
    return copy;
}

json_t *hub_draft_edit_item(json_t *content, const char *list, size_t i)
{
    json_t *arr = json_object_get(content, list), *copy = json_deep_copy(json_array_get(arr, i));
    if (!copy || json_array_set_new(arr, i, copy)) return NULL;
    return copy;
}

int hub_draft_save(hub_store *hs, const char *site, const char *by, hub_draft_edit_fn fn, void *ctx, long long *rev,
                   char *err, size_t errlen)
{
    int rc = MJ_EBUSY;
    for (int attempt = 0; attempt < 5 && rc == MJ_EBUSY; attempt++) {
        hub_draft d;
        if ((rc = hub_draft_load(hs, site, &d, err, errlen))) return rc;
        json_t *copy = hub_draft_share(d.content);
        if (!copy) { hub_draft_free(&d); return mj_err(err, errlen, MJ_ENOMEM, "out of memory"); }
        rc = fn(copy, ctx, err, errlen);
        if (!rc) rc = bundle_check_content(copy, err, errlen);
        char *text = rc ? NULL : json_dumps(copy, BUNDLE_FLAGS);
        if (!rc && !text) rc = mj_err(err, errlen, MJ_ENOMEM, "out of memory");
        if (!rc) rc = hub_draft_put(hs, site, text, d.save_rev, d.base_version, by, err, errlen);
        if (!rc) {
            /* The next page of this process reads it from here, not parses it again. */
            hub_dcache_put(hs, HUB_DCACHE_DRAFT, site, d.save_rev + 1, copy, strlen(text));
            if (rev) *rev = d.save_rev + 1;
        }
        free(text);
        json_decref(copy);
        hub_draft_free(&d);
    }
    return rc;
}

int hub_draft_save_edited(hub_store *hs, const char *site, const char *by, const hub_draft *d, const json_t *edited,
                          hub_draft_edit_fn fn, void *ctx, long long *rev, char *err, size_t errlen)
{
    int rc = bundle_check_content(edited, err, errlen);
    if (rc) return rc;
    char *text = json_dumps(edited, BUNDLE_FLAGS);
    if (!text) return mj_err(err, errlen, MJ_ENOMEM, "out of memory");
    rc = hub_draft_put(hs, site, text, d->rev, d->base_version, by, err, errlen);
    free(text);
    if (rc == MJ_EBUSY) return hub_draft_save(hs, site, by, fn, ctx, rev, err, errlen);
    if (!rc && rev) *rev = d->rev + 1;
    return rc;
}

int hub_draft_bundle_text(const json_t *content, const char *cv, char **out, size_t *len, char *err, size_t errlen)
{
    char sha[65];
    int rc = bundle_canonical_sha256(content, sha, err, errlen);
    if (rc) return rc;
    json_t *root = json_pack("{s:i,s:s,s:s,s:O}", "format", 1, "content_version", cv, "sha256", sha, "content", content);
    *out = root ? json_dumps(root, BUNDLE_FLAGS) : NULL;
    json_decref(root);
    if (!*out) return mj_err(err, errlen, MJ_ENOMEM, "out of memory");
    *len = strlen(*out);
    return MJ_OK;
}

/* YYYY-MM-DD.N: the day (UTC) and the site's version number; unique per site, and a kiosk's
 * staff screen tells at a glance how new its content is. */
static void new_cv(long long version, char cv[65])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    char day[16];
    strftime(day, sizeof day, "%Y-%m-%d", &tm);
    snprintf(cv, 65, "%s.%lld", day, version);
}

/* Validates content (in memory, as the kiosks validate a bundle's content) and stores it as
 * version latest + 1 (retried when another publish took the number); *len: its text's size. */
static int publish_content(hub_store *hs, const char *site, const json_t *content, const char *by, const char *note,
                           long long *version, char cv[65], size_t *len, char *err, size_t errlen)
{
    int rc = bundle_check_content(content, err, errlen);
    if (rc) return rc;
    rc = MJ_EBUSY;
    for (int attempt = 0; attempt < 5 && rc == MJ_EBUSY; attempt++) {
        long long latest;
        char *text = NULL, etag[70];
        if ((rc = hub_version_latest(hs, site, &latest, err, errlen))) return rc;
        new_cv(latest + 1, cv);
        if ((rc = hub_draft_bundle_text(content, cv, &text, len, err, errlen))) return rc;
        rc = hub_bundle_publish(hs, site, latest + 1, cv, text, *len, by, note, etag, err, errlen);
        if (!rc) *version = latest + 1;
        free(text);
    }
    if (!rc) hub_dcache_put(hs, HUB_DCACHE_PUBLISHED, site, *version, (json_t *)content, *len);
    return rc;
}

int hub_draft_publish(hub_store *hs, const char *site, const char *by, long long *version, char cv[65],
                      char *err, size_t errlen)
{
    hub_draft d;
    size_t len = 0;
    int rc = hub_draft_load(hs, site, &d, err, errlen);
    if (rc) return rc;
    rc = publish_content(hs, site, d.content, by, "", version, cv, &len, err, errlen);
    /* The draft now starts from what was published (unless someone saved meanwhile: their
     * edit stays, on the older base). Its content is as it was: only its base is written. */
    if (!rc && d.rev) {
        char e2[MJ_ERRLEN];
        if (hub_draft_rebase(hs, site, d.rev, *version, by, e2, sizeof e2) == MJ_OK)
            hub_dcache_put(hs, HUB_DCACHE_DRAFT, site, d.rev + 1, d.content, len);
    } else if (!rc) {
        hub_draft_drop(hs, site, NULL, 0);
    }
    hub_draft_free(&d);
    return rc;
}

int hub_draft_restore(hub_store *hs, const char *site, long long version, const char *by, long long *new_version,
                      char *err, size_t errlen)
{
    char *data = NULL, note[64], cv[65];
    size_t len;
    int rc = hub_version_get(hs, site, version, &data, &len, NULL, err, errlen);
    if (rc) return rc;
    json_t *root = json_loadb(data, len, 0, NULL);
    free(data);
    json_t *content = json_object_get(root, "content");
    if (!json_is_object(content)) {
        json_decref(root);
        return mj_err(err, errlen, MJ_EINVAL, "version %lld cannot be read", version);
    }
    snprintf(note, sizeof note, "restored version %lld", version);
    rc = publish_content(hs, site, content, by, note, new_version, cv, &len, err, errlen);
    /* The draft is the restored content: drop it, the next edit starts from the published. */
    if (!rc) hub_draft_drop(hs, site, NULL, 0);
    json_decref(root);
    return rc;
}

int hub_draft_discard(hub_store *hs, const char *site, char *err, size_t errlen)
{
    return hub_draft_drop(hs, site, err, errlen);
}
