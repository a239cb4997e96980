/* hub_edit_pages.c - the editor's overview of a draft, what changes (in a coordinator's words),
 * publishing, discarding, and the published versions with restore. See hub_edit.h. */
#include "hub_diff.h"
#include "hub_edit_int.h"
#include "hub_time.h"
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

/* A stored UTC time in the site's local time, as the user's language writes it. */
static void when_text(hub_edit_ctx *c, const char *utc, char *out, size_t n)
{
    hub_time_text(c->web ? c->web->lang : "en", hub_time_zone(c->content), utc, out, n);
}

static void overview(hub_edit_ctx *c, hub_resp *rs, hub_draft *d, json_t *pub, const char *notice, int status)
{
    size_t changes = hub_diff_count(pub, d->content);
    char t[600], n1[32], n2[32];
    hub_edit_page_begin(c, hub_edit_t(c, "web.edit.overview.title"));
    hub_edit_add(c, "<h1>");
    const char *site_name = hub_edit_pick(c, json_object_get(json_object_get(d->content, "site"), "name"));
    hub_edit_tf(c, t, sizeof t, "web.edit.overview.heading", site_name ? site_name : c->site, NULL);
    hub_edit_esc(c, t);
    hub_edit_add(c, "</h1>");
    if (notice) { hub_edit_add(c, "<p class=\"ok\" role=\"status\">"); hub_edit_esc(c, notice); hub_edit_add(c, "</p>"); }
    hub_edit_error_box(c, hub_edit_t(c, "web.edit.overview.not_published"));
    snprintf(n1, sizeof n1, "%lld", d->published);
    hub_edit_add(c, "<p>");
    if (d->published) hub_edit_tf(c, t, sizeof t, "web.edit.overview.kiosks_show", n1, NULL);
    else snprintf(t, sizeof t, "%s", hub_edit_t(c, "web.edit.overview.nothing_published"));
    hub_edit_esc(c, t);
    hub_edit_add(c, " ");
    if (changes) {
        /* "The draft has <a>3 changes</a> not yet published.": the link is the {1} of the sentence. */
        char link[200], *at;
        snprintf(n2, sizeof n2, "%zu", changes);
        hub_edit_tf(c, link, sizeof link, changes == 1 ? "web.edit.overview.one_change" : "web.edit.overview.changes", n2, NULL);
        hub_edit_tf(c, t, sizeof t, "web.edit.overview.draft_has", "\x01", NULL);
        at = strchr(t, '\x01');
        if (at) *at = 0;
        hub_edit_esc(c, t);
        hub_edit_add(c, "<a href=\"/edit/%s/changes\">", c->site);
        hub_edit_esc(c, link);
        hub_edit_add(c, "</a>");
        if (at) hub_edit_esc(c, at + 1);
        hub_edit_add(c, "</p>");
    } else {
        hub_edit_esc(c, hub_edit_t(c, "web.edit.overview.same"));
        hub_edit_add(c, "</p>");
    }
    if (d->rev && d->base_version < d->published) {
        snprintf(n2, sizeof n2, "%lld", d->base_version);
        hub_edit_tf(c, t, sizeof t, "web.edit.overview.newer", n1, n2, NULL);
        hub_edit_add(c, "<p class=\"miss\">");
        hub_edit_esc(c, t);
        hub_edit_add(c, "</p>");
    }
    if (d->rev) {
        char when[64];
        when_text(c, d->updated_at, when, sizeof when);
        if (d->updated_by[0]) hub_edit_tf(c, t, sizeof t, "web.edit.overview.saved_by", when, d->updated_by, NULL);
        else hub_edit_tf(c, t, sizeof t, "web.edit.overview.saved", when, NULL);
        hub_edit_add(c, "<p class=\"muted\">");
        hub_edit_esc(c, t);
        hub_edit_add(c, "</p>");
    }
    hub_edit_add(c, "<h2>%s</h2><ul>", hub_edit_t(c, "web.edit.overview.edit"));
    for (const hub_edit_entity *const *e = hub_edit_entities; *e; e++) {
        hub_edit_add(c, "<li><a href=\"/edit/");
        hub_edit_esc(c, c->site);
        hub_edit_add(c, "/%s\">%s</a>", (*e)->slug, hub_edit_t(c, (*e)->many));
        if (strcmp((*e)->list, "site") != 0)
            hub_edit_add(c, " <span class=\"muted\">(%zu)</span>", json_array_size(json_object_get(d->content, (*e)->list)));
        hub_edit_add(c, "</li>");
    }
    hub_edit_add(c, "</ul><p><a href=\"/edit/%s/import\">%s</a></p>", c->site, hub_t(c->web, "web.import.title"));
    if (changes) {
        hub_edit_add(c, "<div class=\"actions\"><form method=\"post\" action=\"/edit/%s/publish\">", c->site);
        hub_edit_hidden(c);
        hub_edit_add(c, "<button>%s</button></form><form method=\"post\" action=\"/edit/%s/discard\">",
                     hub_edit_t(c, "web.edit.publish"), c->site);
        hub_edit_hidden(c);
        hub_edit_add(c, "<button>%s</button></form></div>", hub_edit_t(c, "web.edit.discard"));
    }
    hub_edit_page_end(c, rs, status);
}

/* "name.fi" -> "Name (fi)", "opening_hours[1].open" -> "Opening hours, row 2: open". */
static void field_words(hub_edit_ctx *c, const hub_edit_entity *e, const char *path, char *out, size_t n)
{
    size_t k = strcspn(path, ".[");
    const char *label = NULL;
    for (const hub_edit_field *f = e ? e->fields : NULL; f && f->key; f++)
        if (strlen(f->key) == k && strncmp(f->key, path, k) == 0) label = hub_edit_t(c, f->label);
    int o = snprintf(out, n, "%s", label ? label : "");
    if (!label) o = snprintf(out, n, "%.*s", (int)k, path);
    const char *r = path + k;
    while (*r && o >= 0 && (size_t)o < n) {
        if (*r == '[') {
            long i = strtol(r + 1, NULL, 10);
            char row[48], num[24];
            snprintf(num, sizeof num, "%ld", i + 1);
            hub_edit_tf(c, row, sizeof row, "web.edit.changes.row", num, NULL);
            o += snprintf(out + o, n - (size_t)o, ", %s", row);
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
    if (!json_array_size(diff)) { hub_edit_add(c, "<p>%s</p>", hub_edit_t(c, "web.edit.changes.none")); return; }
    hub_edit_add(c, "<ul class=\"changes\">");
    json_array_foreach(diff, i, ch) {
        const char *list = json_string_value(json_object_get(ch, "list")), *kind = json_string_value(json_object_get(ch, "change"));
        const char *id = json_string_value(json_object_get(ch, "id"));
        const hub_edit_entity *e = hub_edit_entity_by_list(list);
        const char *name = hub_edit_pick(c, json_object_get(ch, "name"));
        char t[300];
        hub_edit_add(c, "<li>");
        if (strcmp(kind, "order") == 0) {
            hub_edit_tf(c, t, sizeof t, "web.edit.changes.order", e ? hub_edit_t(c, e->many) : list, NULL);
            hub_edit_esc(c, t);
            hub_edit_add(c, "</li>");
            continue;
        }
        const char *head = !e ? list : strcmp(kind, "added") == 0 ? e->t_new : strcmp(kind, "removed") == 0 ? e->t_removed : e->one;
        hub_edit_add(c, "<strong>");
        hub_edit_esc(c, e ? hub_edit_t(c, head) : head);
        hub_edit_add(c, "</strong> ");
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
                field_words(c, e, json_string_value(json_object_get(f, "field")), words, sizeof words);
                hub_edit_add(c, "<li>");
                hub_edit_esc(c, words);
                if (!o) { hub_edit_add(c, " %s: <ins>", hub_edit_t(c, "web.edit.changes.added")); hub_edit_esc(c, nw); hub_edit_add(c, "</ins>"); }
                else if (!nw) {
                    hub_edit_add(c, " %s (%s <del>", hub_edit_t(c, "web.edit.changes.removed"), hub_edit_t(c, "web.edit.changes.was"));
                    hub_edit_esc(c, o);
                    hub_edit_add(c, "</del>)");
                }
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
    hub_edit_page_begin(c, hub_edit_t(c, "web.edit.changes.title"));
    hub_edit_add(c, "<h1>%s</h1><p>%s</p>", hub_edit_t(c, "web.edit.changes.title"),
                 hub_edit_t(c, d->published ? "web.edit.changes.between" : "web.edit.changes.between_none"));
    change_list(c, diff);
    if (json_array_size(diff)) {
        hub_edit_add(c, "<div class=\"actions\"><form method=\"post\" action=\"/edit/%s/publish\">", c->site);
        hub_edit_hidden(c);
        hub_edit_add(c, "<button>%s</button></form></div>", hub_edit_t(c, "web.edit.publish"));
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
    char t[400], when[64], num[32];
    hub_edit_page_begin(c, hub_edit_t(c, "web.edit.versions.nav"));
    hub_edit_add(c, "<h1>%s</h1>", hub_edit_t(c, "web.edit.versions.title"));
    const char *pubd = hub_req_query(rq, "published"), *restored = hub_req_query(rq, "restored");
    if (pubd && digits(pubd)) {
        hub_edit_tf(c, t, sizeof t, "web.edit.versions.published", pubd, NULL);
        hub_edit_add(c, "<p class=\"ok\" role=\"status\">");
        hub_edit_esc(c, t);
        hub_edit_add(c, "</p>");
    }
    if (restored && digits(restored)) {
        hub_edit_tf(c, t, sizeof t, "web.edit.versions.restored", restored, NULL);
        hub_edit_add(c, "<p class=\"ok\" role=\"status\">");
        hub_edit_esc(c, t);
        hub_edit_add(c, "</p>");
    }
    if (!n) hub_edit_add(c, "<p>%s</p>", hub_edit_t(c, "web.edit.versions.none"));
    else hub_edit_add(c, "<p>%s</p><table><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th></th></tr>",
                      hub_edit_t(c, "web.edit.versions.help"), hub_edit_t(c, "web.edit.versions.version"),
                      hub_edit_t(c, "web.edit.versions.when"), hub_edit_t(c, "web.edit.versions.by"),
                      hub_edit_t(c, "web.edit.versions.content_version"), hub_edit_t(c, "web.edit.versions.note"));
    for (int i = 0; i < n; i++) {
        hub_edit_add(c, "<tr><td>%lld", v[i].version);
        if (v[i].version == d->published) hub_edit_add(c, " (%s)", hub_edit_t(c, "web.edit.versions.on_kiosks"));
        hub_edit_add(c, "</td><td>");
        when_text(c, v[i].published_at, when, sizeof when);
        hub_edit_esc(c, when);
        hub_edit_add(c, "</td><td>");
        hub_edit_esc(c, v[i].published_by[0] ? v[i].published_by : hub_edit_t(c, "web.edit.versions.by_cli"));
        hub_edit_add(c, "</td><td>");
        hub_edit_esc(c, v[i].content_version);
        hub_edit_add(c, "</td><td>");
        hub_edit_esc(c, v[i].note);
        hub_edit_add(c, "</td><td>");
        if (v[i].version != d->published) {
            hub_edit_add(c, "<form method=\"post\" action=\"/edit/%s/versions/%lld/restore\">", c->site, v[i].version);
            hub_edit_hidden(c);
            snprintf(num, sizeof num, "%lld", v[i].version);
            hub_edit_tf(c, t, sizeof t, "web.edit.versions.restore", num, NULL);
            hub_edit_add(c, "<button>");
            hub_edit_esc(c, t);
            hub_edit_add(c, "</button></form>");
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
        else overview(c, rs, d, pub, hub_req_query(rq, "discarded") ? hub_edit_t(c, "web.edit.discarded") : NULL, 200);
        json_decref(pub);
        return;
    }
    if (strcmp(rest, "/publish") == 0 || strcmp(rest, "/discard") == 0) {
        if (!post) { hub_resp_error(rs, 405, "method", "POST only"); return; }
        if (c->refused || hub_form_unused(c->form)) { hub_web_error(c->web, rs, 400, "web.err.bad_form"); return; }
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
        if (v < 1 || strcmp(end, "/restore") != 0) { hub_web_error(c->web, rs, 404, "web.err.no_page"); return; }
        if (!post) { hub_resp_error(rs, 405, "method", "POST only"); return; }
        if (c->refused || hub_form_unused(c->form)) { hub_web_error(c->web, rs, 400, "web.err.bad_form"); return; }
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
