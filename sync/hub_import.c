/* hub_import.c - see hub_import.h: parse, then merge into the draft. */
#include "hub_import.h"
#include "bundle.h"
#include "hub_draft.h"
#include "imp_le.h"
#include "imp_ptv.h"
#include "util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const NAMES[] = { "hsds", "hsds-csv", "ptv", "linkedevents", "calendar" };
static const char *const PREFIX[] = { "hsds-", "hsds-", "ptv-", "le-", "ics-" };
static const char *const LISTS[] = { "organizations", "locations", "services", "events" };

int hub_import_fmt_of(const char *name)
{
    for (int i = 0; name && i < HUB_IMPORT_NFMT; i++)
        if (strcmp(name, NAMES[i]) == 0) return i;
    return -1;
}

const char *hub_import_fmt_name(int fmt)
{
    return fmt >= 0 && fmt < HUB_IMPORT_NFMT ? NAMES[fmt] : "?";
}

void hub_import_summary_free(hub_import_summary *sum)
{
    json_decref(sum->report);
    sum->report = NULL;
}

void hub_import_summary_line(int fmt, const hub_import_summary *s, char *out, size_t len)
{
    snprintf(out, len, "%s: %d records, %d skipped, %d values left out; draft: %d added, %d changed, %d removed, %d unchanged%s",
             hub_import_fmt_name(fmt), s->records, s->skipped, s->dropped, s->added, s->changed, s->removed, s->unchanged,
             s->stored ? "" : " (nothing to save)");
}

typedef struct merge_ctx {
    const char *prefix;
    const imp_result *r;
    json_t *new_category;    /* added to categories when not there (NULL: none) */
    hub_import_summary *sum;
    json_t *notes;           /* the merge's report lines (reset on each run of the edit) */
} merge_ctx;

static const json_t *result_list(const imp_result *r, int i)
{
    return i == 0 ? r->organizations : i == 1 ? r->locations : i == 2 ? r->services : r->events;
}

static void ref(json_t *set, const json_t *item, const char *key)
{
    const char *id = json_string_value(json_object_get(item, key));
    if (id) json_object_set_new(set, id, json_true());
}

/* Keeps the coordinator's choices on an imported item that was there before. */
static void keep_choices(json_t *nu, const json_t *old, const char *list, const json_t *content)
{
    if (strcmp(list, "services") == 0) {
        json_t *cats = json_object_get(old, "categories"), *c;
        size_t i;
        int ok = json_array_size(cats) > 0;
        json_array_foreach(cats, i, c) ok &= hub_draft_find(content, "categories", json_string_value(c)) >= 0;
        if (ok) json_object_set(nu, "categories", cats);
        if (json_array_size(json_object_get(old, "audiences"))) json_object_set(nu, "audiences", json_object_get(old, "audiences"));
    } else if (strcmp(list, "events") == 0) {
        if (json_array_size(json_object_get(old, "audiences"))) json_object_set(nu, "audiences", json_object_get(old, "audiences"));
        const char *svc = json_string_value(json_object_get(old, "service"));
        if (svc && hub_draft_find(content, "services", svc) >= 0 && !json_object_get(nu, "location"))
            json_object_set_new(nu, "service", json_string(svc));
    }
}

static int merge_fn(json_t *content, void *ctx, char *err, size_t errlen)
{
    merge_ctx *m = ctx;
    hub_import_summary *s = m->sum;
    size_t pl = strlen(m->prefix), i;
    json_t *x;
    s->added = s->changed = s->removed = s->unchanged = s->kept_used = 0;
    json_array_clear(m->notes);
    if (m->new_category && hub_draft_find(content, "categories", json_string_value(json_object_get(m->new_category, "id"))) < 0) {
        json_t *cats = json_object_get(content, "categories");
        if (!json_is_array(cats)) return mj_err(err, errlen, MJ_EINVAL, "categories: must be a list");
        json_array_append(cats, m->new_category);
    }
    /* ids the coordinator's own items (and the site) refer to */
    json_t *used = json_object();
    if (!used) return mj_err(err, errlen, MJ_ENOMEM, "out of memory");
    ref(used, json_object_get(content, "site"), "location");
    for (int l = 2; l < 4; l++)
        json_array_foreach(json_object_get(content, LISTS[l]), i, x) {
            const char *id = json_string_value(json_object_get(x, "id"));
            if (id && strncmp(id, m->prefix, pl) == 0) continue;
            ref(used, x, "organization");
            ref(used, x, "location");
            ref(used, x, "service");
        }
    for (int l = 0; l < 4; l++) {
        json_t *arr = json_object_get(content, LISTS[l]);
        if (!arr) { arr = json_array(); json_object_set_new(content, LISTS[l], arr); }
        if (!json_is_array(arr)) { json_decref(used); return mj_err(err, errlen, MJ_EINVAL, "%s: must be a list", LISTS[l]); }
        const json_t *incoming = result_list(m->r, l);
        json_t *byid = json_object(), *placed = json_object();
        json_array_foreach(incoming, i, x) json_object_set(byid, json_string_value(json_object_get(x, "id")), x);
        json_t *out = json_array();
        json_array_foreach(arr, i, x) {
            const char *id = json_string_value(json_object_get(x, "id"));
            if (!id || strncmp(id, m->prefix, pl) != 0) { json_array_append(out, x); continue; }
            json_t *nu = json_object_get(byid, id);
            if (nu) {
                if (json_object_get(placed, id)) continue;   /* a duplicate in the draft: once */
                json_t *copy = json_deep_copy(nu);
                keep_choices(copy, x, LISTS[l], content);
                if (json_equal(copy, x)) s->unchanged++;
                else s->changed++;
                json_array_append_new(out, copy);
                json_object_set_new(placed, id, json_true());
            } else if (json_object_get(used, id)) {
                char line[200];
                snprintf(line, sizeof line, "%s \"%s\": no longer in the source, kept because an item of the draft refers to it",
                         LISTS[l], id);
                json_array_append_new(m->notes, json_string(line));
                json_array_append(out, x);
                s->kept_used++;
            } else {
                s->removed++;
            }
        }
        json_array_foreach(incoming, i, x) {
            const char *id = json_string_value(json_object_get(x, "id"));
            if (json_object_get(placed, id)) continue;
            if (hub_draft_find(content, LISTS[l], id) >= 0 && strncmp(id, m->prefix, pl) != 0) continue;
            json_array_append_new(out, json_deep_copy(x));
            json_object_set_new(placed, id, json_true());
            s->added++;
        }
        json_object_set_new(content, LISTS[l], out);
        json_decref(byid);
        json_decref(placed);
    }
    json_decref(used);
    return MJ_OK;
}

/* An iCalendar file through the kiosks' calendar reader; each event then kept like the others
 * (an instant, which only a bundle's calendar file may hold, is skipped with the reason). */
static int parse_ics(const hub_import_in *in, const imp_opts *o, imp_result *r, char *err, size_t errlen)
{
    json_t *events, *skipped, *e;
    size_t i;
    if (!in->text) return mj_err(err, errlen, MJ_EINVAL, "no calendar text");
    if (in->len > IMP_MAX_BYTES) return mj_err(err, errlen, MJ_EINVAL, "more than %u bytes", IMP_MAX_BYTES);
    int rc = bundle_ics_events("calendar", in->text, in->len, o->lang, &events, &skipped, err, errlen);
    if (rc) return rc;
    json_array_foreach(skipped, i, e) {
        r->records++;
        r->skipped++;
        if (json_array_size(r->report) < IMP_MAX_REPORT) json_array_append(r->report, e);
        else r->more++;
    }
    json_array_foreach(events, i, e) {
        char rn[200];
        const char *id = json_string_value(json_object_get(e, "id"));
        const char *k;
        json_t *t, *title = json_object_get(e, "title");
        const char *name = NULL;
        json_object_foreach(title, k, t) { name = json_string_value(t); break; }
        r->records++;
        imp_recname(rn, sizeof rn, "event", id, name);
        const char *st = json_string_value(json_object_get(e, "start")), *en = json_string_value(json_object_get(e, "end"));
        if (st && en && strcmp(st, en) == 0) {
            imp_skip(r, rn, "no end (an instant): the draft's events need an end (DTEND or DURATION)");
            continue;
        }
        imp_keep(r, o, "events", json_incref(e), rn);
    }
    json_decref(events);
    json_decref(skipped);
    return MJ_OK;
}

static int parse(const hub_import_in *in, const imp_opts *o, imp_result *r, char *err, size_t errlen)
{
    switch (in->fmt) {
    case HUB_IMPORT_HSDS:
        return in->doc ? imp_hsds_doc(in->doc, o, r, err, errlen) : imp_hsds_json(in->text, in->len, o, r, err, errlen);
    case HUB_IMPORT_HSDS_CSV: return imp_hsds_csv(in->files, in->nfiles, o, r, err, errlen);
    case HUB_IMPORT_PTV:
        return in->doc ? imp_ptv_doc(in->doc, o, r, err, errlen) : imp_ptv_json(in->text, in->len, o, r, err, errlen);
    case HUB_IMPORT_LE:
        return in->doc ? imp_le_doc(in->doc, o, r, err, errlen) : imp_le_json(in->text, in->len, o, r, err, errlen);
    case HUB_IMPORT_ICS: return parse_ics(in, o, r, err, errlen);
    }
    return mj_err(err, errlen, MJ_EINVAL, "unknown import format");
}

int hub_import_run(hub_store *hs, const char *site, const char *by, const hub_import_in *in, const char *category,
                   hub_import_summary *sum, char *err, size_t errlen)
{
    hub_draft d;
    imp_result r;
    char lang[16] = "fi", cat[65];
    memset(sum, 0, sizeof *sum);
    if (in->fmt < 0 || in->fmt >= HUB_IMPORT_NFMT) return mj_err(err, errlen, MJ_EINVAL, "unknown import format");
    int rc = hub_draft_load(hs, site, &d, err, errlen);
    if (rc) return rc;
    const char *dl = json_string_value(json_object_get(json_object_get(d.content, "site"), "default_language"));
    if (dl && strlen(dl) < sizeof lang) snprintf(lang, sizeof lang, "%s", dl);
    json_t *new_cat = NULL;
    if (category) {
        if (hub_draft_find(d.content, "categories", category) < 0) {
            hub_draft_free(&d);
            return mj_err(err, errlen, MJ_EINVAL, "category \"%.64s\" is not one of the draft's categories", category);
        }
        snprintf(cat, sizeof cat, "%s", category);
    } else {
        const char *first = json_string_value(json_object_get(json_array_get(json_object_get(d.content, "categories"), 0), "id"));
        if (first) snprintf(cat, sizeof cat, "%s", first);
        else {
            snprintf(cat, sizeof cat, "services");
            new_cat = json_pack("{s:s,s:{s:s,s:s,s:s},s:s}", "id", "services", "name", "fi", "Palvelut", "sv", "Tjänster", "en",
                                "Services", "icon", "info");
        }
    }
    imp_opts o = { lang, cat };
    if ((rc = imp_result_init(&r))) { hub_draft_free(&d); json_decref(new_cat); return mj_err(err, errlen, rc, "out of memory"); }
    rc = parse(in, &o, &r, err, errlen);
    sum->records = r.records;
    sum->skipped = r.skipped;
    sum->dropped = r.dropped;
    sum->report = json_incref(r.report);
    if (r.more) {
        char line[80];
        snprintf(line, sizeof line, "… and %d more lines", r.more);
        json_array_append_new(sum->report, json_string(line));
    }
    merge_ctx m = { PREFIX[in->fmt], &r, json_array_size(r.services) ? new_cat : NULL, sum, json_array() };
    if (!rc) {
        /* the same data again: nothing to store */
        json_t *copy = hub_draft_share(d.content);
        rc = copy ? merge_fn(copy, &m, err, errlen) : mj_err(err, errlen, MJ_ENOMEM, "out of memory");
        int same = !rc && json_equal(copy, d.content);
        if (!rc && same) sum->rev = d.rev;
        else if (!rc) {
            /* the merged copy is what is stored (merged again only if another save came first) */
            rc = hub_draft_save_edited(hs, site, by, &d, copy, merge_fn, &m, &sum->rev, err, errlen);
            sum->stored = rc == MJ_OK;
        }
        json_decref(copy);
    }
    json_array_extend(sum->report, m.notes);
    json_decref(m.notes);
    json_decref(new_cat);
    imp_result_free(&r);
    hub_draft_free(&d);
    return rc;
}
