/* hub_edit_pages.c - the editor's overview of a draft, what changes (in a coordinator's words),
 * publishing, discarding, and the published versions with restore. See hub_edit.h. */
#include "hub_diff.h"
#include "hub_edit_int.h"
#include "hub_web.h"
#include "util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_VERSIONS 200

static int digits(const char *s) { return s && *s && strlen(s) < 19 && strspn(s, "0123456789") == strlen(s); }

static void redirect(hub_resp *rs, const char *site, const char *rest)
{
    hub_resp_take(rs, 303, "text/plain", strdup("see other\n"), 10);
    snprintf(rs->location, sizeof rs->location, "/edit/%s%s", site, rest);
}

static void overview(hub_edit_ctx *c, hub_resp *rs, hub_draft *d, json_t *pub, const char *notice, int status)
{
    size_t changes = hub_diff_count(pub, d->content);
    hub_edit_page_begin(c, "Content");
    hub_edit_add(c, "<h1>Content of ");
    hub_edit_esc(c, hub_edit_pick(c, json_object_get(json_object_get(d->content, "site"), "name")));
    hub_edit_add(c, "</h1>");
    if (notice) { hub_edit_add(c, "<p class=\"ok\" role=\"status\">"); hub_edit_esc(c, notice); hub_edit_add(c, "</p>"); }
    hub_edit_error_box(c, "Not published:");
    if (d->published) hub_edit_add(c, "<p>Kiosks show version %lld. ", d->published);
    else hub_edit_add(c, "<p>Nothing is published for this site yet. ");
    if (changes) hub_edit_add(c, "The draft has <a href=\"/edit/%s/changes\">%zu change%s</a> not yet published.</p>", c->site,
                              changes, changes == 1 ? "" : "s");
    else hub_edit_add(c, "The draft is the same as the published content.</p>");
    if (d->rev && d->base_version < d->published)
        hub_edit_add(c, "<p class=\"miss\">Version %lld was published after this draft was started (from version %lld): "
                        "publishing the draft replaces it. Check What changes first.</p>", d->published, d->base_version);
    if (d->rev) {
        hub_edit_add(c, "<p class=\"muted\">Last saved ");
        hub_edit_esc(c, d->updated_at);
        if (d->updated_by[0]) { hub_edit_add(c, " by "); hub_edit_esc(c, d->updated_by); }
        hub_edit_add(c, ".</p>");
    }
    hub_edit_add(c, "<h2>Edit</h2><ul>");
    for (const hub_edit_entity *const *e = hub_edit_entities; *e; e++) {
        hub_edit_add(c, "<li><a href=\"/edit/");
        hub_edit_esc(c, c->site);
        hub_edit_add(c, "/%s\">%s</a>", (*e)->slug, (*e)->many);
        if (strcmp((*e)->list, "site") != 0)
            hub_edit_add(c, " <span class=\"muted\">(%zu)</span>", json_array_size(json_object_get(d->content, (*e)->list)));
        hub_edit_add(c, "</li>");
    }
    hub_edit_add(c, "</ul><p><a href=\"/edit/%s/import\">%s</a></p>", c->site, hub_t(c->web, "web.import.title"));
    if (changes) {
        hub_edit_add(c, "<div class=\"actions\"><form method=\"post\" action=\"/edit/%s/publish\">", c->site);
        hub_edit_hidden(c);
        hub_edit_add(c, "<button>Publish to the kiosks</button></form><form method=\"post\" action=\"/edit/%s/discard\">", c->site);
        hub_edit_hidden(c);
        hub_edit_add(c, "<button>Discard the draft's changes</button></form></div>");
    }
    hub_edit_page_end(c, rs, status);
}

/* "name.fi" -> "Name (fi)", "opening_hours[1].open" -> "Opening hours, row 2: open". */
static void field_words(const hub_edit_entity *e, const char *path, char *out, size_t n)
{
    size_t k = strcspn(path, ".[");
    const char *label = NULL;
    for (const hub_edit_field *f = e ? e->fields : NULL; f && f->key; f++)
        if (strlen(f->key) == k && strncmp(f->key, path, k) == 0) label = f->label;
    int o = snprintf(out, n, "%s", label ? label : "");
    if (!label) o = snprintf(out, n, "%.*s", (int)k, path);
    const char *r = path + k;
    while (*r && o >= 0 && (size_t)o < n) {
        if (*r == '[') {
            long i = strtol(r + 1, NULL, 10);
            o += snprintf(out + o, n - (size_t)o, ", row %ld", i + 1);
            const char *close = strchr(r, ']');
            r = close ? close + 1 : r + strlen(r);
        } else if (*r == '.') {
            size_t m = strcspn(r + 1, ".[");
            o += snprintf(out + o, n - (size_t)o, m <= 6 && !r[1 + m] ? " (%.*s)" : ": %.*s", (int)m, r + 1);
            r += 1 + m;
        } else {
            r++;
        }
    }
}

static void change_list(hub_edit_ctx *c, json_t *diff)
{
    size_t i, j;
    json_t *ch, *f;
    if (!json_array_size(diff)) { hub_edit_add(c, "<p>No changes: the draft is the same as the published content.</p>"); return; }
    hub_edit_add(c, "<ul class=\"changes\">");
    json_array_foreach(diff, i, ch) {
        const char *list = json_string_value(json_object_get(ch, "list")), *kind = json_string_value(json_object_get(ch, "change"));
        const char *id = json_string_value(json_object_get(ch, "id"));
        const hub_edit_entity *e = hub_edit_entity_by_list(list);
        const char *one = e ? e->one : list, *name = hub_edit_pick(c, json_object_get(ch, "name"));
        hub_edit_add(c, "<li>");
        if (strcmp(kind, "order") == 0) {
            hub_edit_add(c, "%s: the order changed.</li>", e ? e->many : list);
            continue;
        }
        hub_edit_add(c, "<strong>%s%s</strong> ", strcmp(kind, "added") == 0 ? "New " : strcmp(kind, "removed") == 0 ? "Removed " : "",
                     strcmp(kind, "changed") == 0 ? one : one);
        if (strcmp(list, "site") != 0 && id && strcmp(kind, "removed") != 0 && e) {
            hub_edit_add(c, "<a href=\"/edit/%s/%s/", c->site, e->slug);
            hub_edit_esc(c, id);
            hub_edit_add(c, "\">“");
            hub_edit_esc(c, name ? name : id);
            hub_edit_add(c, "”</a>");
        } else {
            hub_edit_add(c, "“");
            hub_edit_esc(c, name ? name : id);
            hub_edit_add(c, "”");
        }
        json_t *fields = json_object_get(ch, "fields");
        if (json_array_size(fields)) {
            hub_edit_add(c, "<ul>");
            json_array_foreach(fields, j, f) {
                char words[300];
                const char *o = json_string_value(json_object_get(f, "old")), *nw = json_string_value(json_object_get(f, "new"));
                field_words(e, json_string_value(json_object_get(f, "field")), words, sizeof words);
                hub_edit_add(c, "<li>");
                hub_edit_esc(c, words);
                if (!o) { hub_edit_add(c, " added: <ins>"); hub_edit_esc(c, nw); hub_edit_add(c, "</ins>"); }
                else if (!nw) { hub_edit_add(c, " removed (was <del>"); hub_edit_esc(c, o); hub_edit_add(c, "</del>)"); }
                else {
                    hub_edit_add(c, ": <del>");
                    hub_edit_esc(c, o);
                    hub_edit_add(c, "</del> → <ins>");
                    hub_edit_esc(c, nw);
                    hub_edit_add(c, "</ins>");
                }
                hub_edit_add(c, "</li>");
            }
            hub_edit_add(c, "</ul>");
        }
        hub_edit_add(c, "</li>");
    }
    hub_edit_add(c, "</ul>");
}

static void changes_page(hub_edit_ctx *c, hub_resp *rs, hub_draft *d, json_t *pub)
{
    json_t *diff = hub_diff(pub, d->content);
    hub_edit_page_begin(c, "What changes");
    hub_edit_add(c, "<h1>What changes</h1><p>Between the published version%s and the draft:</p>",
                 d->published ? "" : " (none yet)");
    change_list(c, diff);
    if (json_array_size(diff)) {
        hub_edit_add(c, "<div class=\"actions\"><form method=\"post\" action=\"/edit/%s/publish\">", c->site);
        hub_edit_hidden(c);
        hub_edit_add(c, "<button>Publish to the kiosks</button></form></div>");
    }
    json_decref(diff);
    hub_edit_page_end(c, rs, 200);
}

static void versions_page(hub_edit_ctx *c, const hub_req *rq, hub_resp *rs, hub_draft *d)
{
    hub_version *v = calloc(MAX_VERSIONS, sizeof *v);
    char err[MJ_ERRLEN];
    int n = 0;
    if (!v) { hub_resp_error(rs, 500, "internal", "out of memory"); return; }
    if (hub_version_list(c->hs, c->site, v, MAX_VERSIONS, &n, err, sizeof err)) { free(v); hub_resp_error(rs, 503, "store", err); return; }
    hub_edit_page_begin(c, "Versions");
    hub_edit_add(c, "<h1>Published versions</h1>");
    const char *pubd = hub_req_query(rq, "published"), *restored = hub_req_query(rq, "restored");
    if (pubd && digits(pubd)) hub_edit_add(c, "<p class=\"ok\" role=\"status\">Published as version %s. Kiosks fetch it on their next sync.</p>", pubd);
    if (restored && digits(restored)) hub_edit_add(c, "<p class=\"ok\" role=\"status\">Restored as version %s. Kiosks fetch it on their next sync.</p>", restored);
    if (!n) hub_edit_add(c, "<p>Nothing has been published yet.</p>");
    else hub_edit_add(c, "<p>Restoring publishes a copy of that version as a new version, and the draft starts from it "
                         "(unpublished changes in the draft are dropped).</p><table><tr><th>Version</th><th>Published</th>"
                         "<th>By</th><th>Content version</th><th>Note</th><th></th></tr>");
    for (int i = 0; i < n; i++) {
        hub_edit_add(c, "<tr><td>%lld%s</td><td>", v[i].version, v[i].version == d->published ? " (on the kiosks)" : "");
        hub_edit_esc(c, v[i].published_at);
        hub_edit_add(c, "</td><td>");
        hub_edit_esc(c, v[i].published_by[0] ? v[i].published_by : "command line or API");
        hub_edit_add(c, "</td><td>");
        hub_edit_esc(c, v[i].content_version);
        hub_edit_add(c, "</td><td>");
        hub_edit_esc(c, v[i].note);
        hub_edit_add(c, "</td><td>");
        if (v[i].version != d->published) {
            hub_edit_add(c, "<form method=\"post\" action=\"/edit/%s/versions/%lld/restore\">", c->site, v[i].version);
            hub_edit_hidden(c);
            hub_edit_add(c, "<button>Restore version %lld</button></form>", v[i].version);
        }
        hub_edit_add(c, "</td></tr>");
    }
    if (n) hub_edit_add(c, "</table>");
    free(v);
    hub_edit_page_end(c, rs, 200);
}

/* A publish or restore the validator refused: the overview again, its message shown (422). */
static void refused(hub_edit_ctx *c, hub_resp *rs, hub_draft *d, const char *msg)
{
    char err[MJ_ERRLEN];
    json_t *pub = NULL;
    hub_edit_set_error(c, msg);
    if (hub_draft_published(c->hs, c->site, &pub, err, sizeof err)) { hub_resp_error(rs, 503, "store", err); return; }
    overview(c, rs, d, pub, NULL, 422);
    json_decref(pub);
}

void hub_edit_route(hub_edit_ctx *c, const hub_req *rq, hub_resp *rs, hub_draft *d, const char *rest, int post,
                    const char *who)
{
    char err[MJ_ERRLEN], loc[64];
    json_t *pub = NULL;
    if (strcmp(rest, "") == 0 || strcmp(rest, "/") == 0 || strcmp(rest, "/changes") == 0) {
        if (post) { hub_resp_error(rs, 405, "method", "GET only"); return; }
        if (hub_draft_published(c->hs, c->site, &pub, err, sizeof err)) { hub_resp_error(rs, 503, "store", err); return; }
        if (strcmp(rest, "/changes") == 0) changes_page(c, rs, d, pub);
        else overview(c, rs, d, pub, hub_req_query(rq, "discarded") ? "The draft's changes were discarded." : NULL, 200);
        json_decref(pub);
        return;
    }
    if (strcmp(rest, "/publish") == 0 || strcmp(rest, "/discard") == 0) {
        if (!post) { hub_resp_error(rs, 405, "method", "POST only"); return; }
        if (c->refused || hub_eform_unused(c->form)) { hub_resp_error(rs, 400, "bad_form", "unknown field in the form"); return; }
        if (rest[1] == 'd') {
            if (hub_draft_discard(c->hs, c->site, err, sizeof err)) { hub_resp_error(rs, 503, "store", err); return; }
            hub_audit(c->hs, c->web, "draft.discard", c->site, "");
            redirect(rs, c->site, "?discarded=1");
            return;
        }
        long long version;
        char cv[65];
        int rc = hub_draft_publish(c->hs, c->site, who, &version, cv, err, sizeof err);
        if (rc == MJ_EINVAL) { refused(c, rs, d, err); return; }
        if (rc) { hub_resp_error(rs, 503, "store", err); return; }
        char detail[120];
        snprintf(detail, sizeof detail, "version %lld (%s)", version, cv);
        hub_audit(c->hs, c->web, "content.publish", c->site, detail);
        snprintf(loc, sizeof loc, "/versions?published=%lld", version);
        redirect(rs, c->site, loc);
        return;
    }
    if (strcmp(rest, "/versions") == 0) {
        if (post) { hub_resp_error(rs, 405, "method", "GET only"); return; }
        versions_page(c, rq, rs, d);
        return;
    }
    if (strncmp(rest, "/versions/", 10) == 0) {
        char *end;
        long long v = strtoll(rest + 10, &end, 10);
        if (v < 1 || strcmp(end, "/restore") != 0) { hub_resp_error(rs, 404, "not_found", "no such page"); return; }
        if (!post) { hub_resp_error(rs, 405, "method", "POST only"); return; }
        if (c->refused || hub_eform_unused(c->form)) { hub_resp_error(rs, 400, "bad_form", "unknown field in the form"); return; }
        long long nv;
        int rc = hub_draft_restore(c->hs, c->site, v, who, &nv, err, sizeof err);
        if (rc == MJ_ENOTFOUND) { hub_resp_error(rs, 404, "not_found", err); return; }
        if (rc == MJ_EINVAL) { refused(c, rs, d, err); return; }
        if (rc) { hub_resp_error(rs, 503, "store", err); return; }
        char detail[120];
        snprintf(detail, sizeof detail, "version %lld restored as version %lld", v, nv);
        hub_audit(c->hs, c->web, "content.restore", c->site, detail);
        snprintf(loc, sizeof loc, "/versions?restored=%lld", nv);
        redirect(rs, c->site, loc);
        return;
    }
    hub_edit_route_item(c, rq, rs, rest, who);
}
