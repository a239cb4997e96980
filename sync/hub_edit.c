/* hub_edit.c - see hub_edit.h: the editor's routes, sign-in and CSRF checks, the page frame, the
 * entity lists and forms, saving and deleting. The draft's overview, what changes, publishing
 * and the versions are in hub_edit_pages.c. */
#include "hub_edit.h"
#include "hub_draft.h"
#include "hub_edit_int.h"
#include "hub_import_web.h"
#include "hub_vmsg.h"
#include "hub_web.h"
#include "protocol.h"
#include "util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char css[] =
    "body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#1d2430;background:#f6f7f9}"
    "header{background:#1f3b5c;color:#fff;padding:.6em 1.2em}header a{color:#fff;margin-right:1.2em}"
    "main{padding:1em 1.4em;max-width:1200px}h1{font-size:1.5em;margin:.3em 0}"
    "table{border-collapse:collapse;background:#fff}td,th{border:1px solid #d5d9e0;padding:.3em .5em;text-align:left;vertical-align:top}"
    "fieldset{border:1px solid #c8ced8;background:#fff;margin:.7em 0;padding:.5em .8em}legend{font-weight:600}"
    ".field{margin:.6em 0}.field label{display:block;font-weight:600}.field input:not([type=checkbox]),.field select{width:22em;max-width:100%}"
    ".row{display:flex;flex-wrap:wrap;gap:.4em 1em;align-items:flex-start;border-top:1px solid #e3e6eb;padding:.4em 0}"
    ".cell label{display:block;font-size:.9em}.cell.wide{flex:1 1 100%}"
    ".langs{display:grid;grid-template-columns:repeat(auto-fit,minmax(16em,1fr));gap:.6em}.lang label{display:block}"
    ".lang input,.lang textarea{width:100%;box-sizing:border-box}.help{display:block;color:#4d5666;font-size:.9em}"
    ".req{color:#4d5666;font-weight:400;font-size:.85em}.miss{color:#8a4b00;font-size:.85em}"
    ".fielderr,.error{color:#a00012;font-weight:600}.error{border:2px solid #a00012;background:#fff0f1;padding:.5em .8em}"
    ".ok{border:2px solid #1d6b35;background:#effaf2;padding:.5em .8em}.muted{color:#4d5666}.bad{color:#a00012}"
    ".sr{position:absolute;left:-9999px}.actions{margin:1em 0}.actions button,.actions a{margin-right:1em}"
    "button{font:inherit;padding:.35em 1em}ins{background:#dcf5e3;text-decoration:none}del{background:#fde2e4}"
    "ul.changes li{margin:.4em 0}header nav{display:inline-block;margin-right:1.2em}"
    "nav.lang ul{list-style:none;display:inline;margin:0;padding:0}nav.lang li{display:inline}";

void hub_edit_page_begin(hub_edit_ctx *c, const char *title)
{
    char t[300];
    hub_edit_add(c, "<!doctype html><html lang=\"%s\"><head><meta charset=\"utf-8\">"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>",
                 c->web && c->web->lang[0] ? c->web->lang : "en");
    hub_edit_esc(c, title);
    hub_edit_add(c, " · Majakka</title><style>%s</style></head><body><header><nav aria-label=\"", css);
    hub_edit_esc(c, hub_edit_t(c, "web.edit.nav"));
    hub_edit_add(c, "\"><a href=\"/dashboard\">Majakka</a><a href=\"/edit/");
    hub_edit_esc(c, c->site);
    hub_edit_add(c, "\">");
    hub_edit_tf(c, t, sizeof t, "web.edit.nav.content", c->site, NULL);
    hub_edit_esc(c, t);
    hub_edit_add(c, "</a><a href=\"/edit/");
    hub_edit_esc(c, c->site);
    hub_edit_add(c, "/changes\">");
    hub_edit_esc(c, hub_edit_t(c, "web.edit.changes.title"));
    hub_edit_add(c, "</a><a href=\"/edit/");
    hub_edit_esc(c, c->site);
    hub_edit_add(c, "/versions\">");
    hub_edit_esc(c, hub_edit_t(c, "web.edit.versions.nav"));
    hub_edit_add(c, "</a></nav>");
    if (c->web) {
        /* The fi/sv/en switch of the hub's page frame (it writes into a buffer of its own). */
        hub_html sw = {0};
        hub_html_lang_switch(&sw, c->web);
        if (sw.oom) c->oom = 1;
        else if (sw.p) hub_edit_add(c, "%s", sw.p);
        hub_html_free(&sw);
    }
    hub_edit_add(c, "</header><main>");
}

void hub_edit_page_end(hub_edit_ctx *c, hub_resp *rs, int status)
{
    hub_edit_add(c, "</main></body></html>");
    if (c->oom) { free(c->p); c->p = NULL; hub_resp_error(rs, 500, "internal", "out of memory"); return; }
    hub_resp_take(rs, status, "text/html; charset=utf-8", c->p, c->len);
    c->p = NULL;
}

void hub_edit_hidden(hub_edit_ctx *c)
{
    if (c->csrf[0]) hub_edit_add(c, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">", c->csrf);
}

void hub_edit_error_box(hub_edit_ctx *c, const char *lead)
{
    char id[420];
    if (!c->err_msg[0]) return;
    hub_edit_html_id(c->err_path, id);
    hub_edit_add(c, "<div class=\"error\" role=\"alert\"><p>");
    hub_edit_esc(c, lead);
    hub_edit_add(c, "</p><p>");
    if (c->err_path[0]) {
        hub_edit_add(c, "<a href=\"#%s\">", id);
        hub_edit_esc(c, c->err_path);
        hub_edit_add(c, "</a>: ");
    }
    hub_edit_esc(c, c->err_msg);
    hub_edit_add(c, "</p></div>");
}

void hub_edit_set_error(hub_edit_ctx *c, const char *err)
{
    /* The validator writes "path: message"; a message without a path goes at the top only. */
    const char *sep = strstr(err, ": ");
    if (sep && (size_t)(sep - err) < sizeof c->err_path && !memchr(err, ' ', (size_t)(sep - err))) {
        snprintf(c->err_path, sizeof c->err_path, "%.*s", (int)(sep - err), err);
        snprintf(c->err_msg, sizeof c->err_msg, "%s", sep + 2);
    } else {
        c->err_path[0] = 0;
        snprintf(c->err_msg, sizeof c->err_msg, "%s", err);
    }
    /* The validator's words in the user's language (hub_vmsg.h), as far as their kind is known. */
    char shown[MJ_ERRLEN];
    if (hub_vmsg_translate(c->web ? c->web->lang : "en", c->err_msg, shown, sizeof shown))
        snprintf(c->err_msg, sizeof c->err_msg, "%s", shown);
}

/* The site's languages: from the draft's site, or Finnish when it has none. */
static json_t *site_langs(json_t *content)
{
    json_t *l = json_object_get(json_object_get(content, "site"), "languages");
    return json_is_array(l) && json_array_size(l) ? json_incref(l) : json_pack("[s]", "fi");
}

const hub_edit_entity *hub_edit_entity_by_slug(const char *slug, size_t n)
{
    for (const hub_edit_entity *const *e = hub_edit_entities; *e; e++)
        if (strlen((*e)->slug) == n && strncmp((*e)->slug, slug, n) == 0) return *e;
    return NULL;
}

const hub_edit_entity *hub_edit_entity_by_list(const char *list)
{
    for (const hub_edit_entity *const *e = hub_edit_entities; *e; e++)
        if (strcmp((*e)->list, list) == 0) return *e;
    return NULL;
}

static void redirect(hub_resp *rs, const char *site, const char *rest)
{
    hub_resp_take(rs, 303, "text/plain", strdup("see other\n"), 10);
    snprintf(rs->location, sizeof rs->location, "/edit/%s%s", site, rest);
}

/* ---- the list of one entity ---- */

static void list_page(hub_edit_ctx *c, const hub_edit_entity *e, hub_resp *rs)
{
    hub_edit_page_begin(c, hub_edit_t(c, e->many));
    hub_edit_add(c, "<h1>");
    hub_edit_esc(c, hub_edit_t(c, e->many));
    hub_edit_add(c, "</h1><p><a href=\"/edit/");
    hub_edit_esc(c, c->site);
    hub_edit_add(c, "/%s/new\">", e->slug);
    hub_edit_esc(c, hub_edit_t(c, e->t_add));
    hub_edit_add(c, "</a></p><table><tr><th>%s</th><th>%s</th><th>%s</th></tr>", hub_edit_t(c, "web.edit.list.name"),
                 hub_edit_t(c, "web.edit.list.id"), hub_edit_t(c, "web.edit.list.translations"));
    size_t i;
    json_t *it;
    json_array_foreach(json_object_get(c->content, e->list), i, it) {
        if (e->hooks && e->hooks->hidden && e->hooks->hidden(it)) continue;
        const char *id = json_string_value(json_object_get(it, "id"));
        const char *name = hub_edit_pick(c, json_object_get(it, "name"));
        if (!name) name = hub_edit_pick(c, json_object_get(it, "title"));
        if (!name) name = hub_edit_pick(c, json_object_get(it, "text"));
        int miss = hub_edit_item_missing(c, e, it);
        hub_edit_add(c, "<tr><td><a href=\"/edit/");
        hub_edit_esc(c, c->site);
        hub_edit_add(c, "/%s/", e->slug);
        hub_edit_esc(c, id);
        hub_edit_add(c, "\">");
        hub_edit_esc(c, name ? name : id);
        hub_edit_add(c, "</a></td><td class=\"muted\">");
        hub_edit_esc(c, id);
        char m[120], nm[16];
        snprintf(nm, sizeof nm, "%d", miss);
        hub_edit_tf(c, m, sizeof m, "web.edit.list.missing", nm, NULL);
        if (miss) hub_edit_add(c, "</td><td class=\"miss\">%s</td></tr>", m);
        else hub_edit_add(c, "</td><td>%s</td></tr>", hub_edit_t(c, "web.edit.list.complete"));
    }
    hub_edit_add(c, "</table>");
    hub_edit_page_end(c, rs, 200);
}

/* ---- one item's form ---- */

static void form_page(hub_edit_ctx *c, const hub_edit_entity *e, const char *id, json_t *item, const char *path,
                      const char *ppath, int is_new, int status, const char *notice, hub_resp *rs)
{
    const char *name = hub_edit_pick(c, json_object_get(item, "name"));
    char title[300];
    if (is_new) snprintf(title, sizeof title, "%s", hub_edit_t(c, e->t_new));
    else if (name) hub_edit_tf(c, title, sizeof title, "web.edit.form.title", hub_edit_t(c, e->one), name, NULL);
    else snprintf(title, sizeof title, "%s", hub_edit_t(c, e->one));
    hub_edit_page_begin(c, title);
    hub_edit_add(c, "<h1>");
    hub_edit_esc(c, title);
    hub_edit_add(c, "</h1>");
    if (notice) { hub_edit_add(c, "<p class=\"ok\" role=\"status\">"); hub_edit_esc(c, notice); hub_edit_add(c, "</p>"); }
    hub_edit_error_box(c, hub_edit_t(c, "web.edit.form.not_saved"));
    hub_edit_add(c, "<form method=\"post\" action=\"/edit/");
    hub_edit_esc(c, c->site);
    if (strcmp(e->list, "site") == 0) hub_edit_add(c, "/site\">");
    else {
        hub_edit_add(c, "/%s/", e->slug);
        hub_edit_esc(c, is_new ? "new" : id);
        hub_edit_add(c, "\">");
    }
    hub_edit_hidden(c);
    hub_edit_add(c, "<input type=\"hidden\" name=\"_path\" value=\"");
    hub_edit_esc(c, path);
    hub_edit_add(c, "\">");
    if (e->hooks && e->hooks->render) e->hooks->render(c, path, item, ppath ? ppath : path, is_new);
    else hub_edit_render_fields(c, e, path, item, is_new);
    hub_edit_add(c, "<div class=\"actions\"><button>%s</button></div></form>", hub_edit_t(c, "web.edit.form.save"));
    if (!is_new && strcmp(e->list, "site") != 0) {
        hub_edit_add(c, "<form method=\"post\" action=\"/edit/");
        hub_edit_esc(c, c->site);
        hub_edit_add(c, "/%s/", e->slug);
        hub_edit_esc(c, id);
        hub_edit_add(c, "/delete\">");
        hub_edit_hidden(c);
        hub_edit_add(c, "<button>");
        hub_edit_esc(c, hub_edit_t(c, e->t_delete));
        hub_edit_add(c, "</button></form>");
    }
    hub_edit_page_end(c, rs, status);
}

typedef struct save_ctx {
    const hub_edit_entity *e;
    const char *old_id;
    json_t *item;
    int remove;
    long index;
    hub_edit_ctx *c;                 /* for the entity's apply hook: the posted form */
    const char *ppath, *path;
    char id[80];                     /* the item's id after an apply hook */
} save_ctx;

static int save_fn(json_t *content, void *ctx, char *err, size_t errlen)
{
    save_ctx *s = ctx;
    const hub_edit_form_hooks *h = s->e->hooks;
    if (s->remove && h && h->remove) return h->remove(content, s->old_id, err, errlen);
    if (!s->remove && h && h->apply)
        return h->apply(s->c, content, s->old_id, s->ppath, s->path, &s->index, s->id, err, errlen);
    if (strcmp(s->e->list, "site") == 0)
        return json_object_set(content, "site", s->item) ? mj_err(err, errlen, MJ_ENOMEM, "out of memory") : MJ_OK;
    if (s->remove) return hub_draft_remove_item(content, s->e->list, s->old_id, err, errlen);
    int rc = hub_draft_put_item(content, s->e->list, s->old_id, json_incref(s->item), err, errlen);
    s->index = s->old_id ? hub_draft_find(content, s->e->list, s->old_id) : (long)json_array_size(json_object_get(content, s->e->list)) - 1;
    return rc;
}

/* The item's path now: site, or LIST[i] (i: its index, or the end for a new one). */
static void item_path(const hub_edit_entity *e, long index, char out[420])
{
    if (strcmp(e->list, "site") == 0) snprintf(out, 420, "site");
    else snprintf(out, 420, "%s[%ld]", e->list, index);
}

static void item_route(hub_edit_ctx *c, const hub_req *rq, hub_resp *rs, const hub_edit_entity *e, const char *id,
                       const char *action, const char *who)
{
    int is_site = strcmp(e->list, "site") == 0, is_new = !is_site && strcmp(id, "new") == 0;
    long index = is_site ? 0 : is_new ? (long)json_array_size(json_object_get(c->content, e->list))
                                      : hub_draft_find(c->content, e->list, id);
    json_t *old = is_site ? json_object_get(c->content, "site") : is_new ? NULL : json_array_get(json_object_get(c->content, e->list), (size_t)index);
    char path[420], err[MJ_ERRLEN];
    if (!is_site && !is_new && index < 0) { hub_web_error(c->web, rs, 404, "web.edit.err.no_item"); return; }
    item_path(e, index, path);
    if (strcmp(rq->method, "POST") != 0) {
        const char *saved = hub_req_query(rq, "saved");
        form_page(c, e, id, old, path, NULL, is_new, 200, saved ? hub_edit_t(c, "web.edit.form.saved") : NULL, rs);
        return;
    }
    save_ctx s = {e, is_site || is_new ? NULL : id, NULL, action && strcmp(action, "delete") == 0, -1, c, NULL, NULL, ""};
    if (action && !s.remove) { hub_web_error(c->web, rs, 404, "web.err.no_page"); return; }
    if (s.remove) {
        if (c->refused || hub_form_unused(c->form)) { hub_web_error(c->web, rs, 400, "web.err.bad_form"); return; }
        int rc = hub_draft_save(c->hs, c->site, who, save_fn, &s, NULL, err, sizeof err);
        if (rc == MJ_EINVAL) {
            /* What refers to the item is named in the message; it goes at the top. */
            c->err_path[0] = 0;
            hub_edit_tf(c, c->err_msg, sizeof c->err_msg, "web.edit.form.cannot_delete", err, NULL);
            form_page(c, e, id, old, path, NULL, 0, 422, NULL, rs);
            return;
        }
        if (rc) { hub_resp_error(rs, 503, "store", err); return; }
        char rest[128];
        snprintf(rest, sizeof rest, "/%s", e->slug);
        redirect(rs, c->site, rest);
        return;
    }
    /* The form names its fields from the item's path when it was drawn. */
    const char *posted = hub_form_take(c->form, "_path");
    const char *ppath = posted && strlen(posted) < sizeof path ? posted : path;
    if (strcmp(ppath, path) != 0) {
        size_t n = strlen(e->list);
        if (strncmp(ppath, e->list, n) != 0 || ppath[n] != '[') ppath = path;
    }
    if (e->hooks && e->hooks->apply) {
        /* The entity reads its own form (the fields under the posted path), inside the save. */
        s.ppath = ppath;
        s.path = path;
        size_t pl = strlen(ppath);
        for (size_t i = 0; i < c->form->n; i++)
            if (!strncmp(c->form->f[i].name, ppath, pl) && c->form->f[i].name[pl] == '.') c->form->f[i].used = 1;
        const char *extra = hub_form_unused(c->form);
        int rc = MJ_EINVAL;
        if (c->refused) {
        } else if (extra) {
            char m[300];
            hub_edit_tf(c, m, sizeof m, "web.edit.err.unknown_field", extra, NULL);
            hub_edit_fail(c, "", "%s", m);
        } else {
            rc = hub_draft_save(c->hs, c->site, who, save_fn, &s, NULL, err, sizeof err);
            if (rc == MJ_EINVAL || rc == MJ_ENOTFOUND) { hub_edit_set_error(c, err); rc = MJ_EINVAL; }
            else if (rc) { hub_resp_error(rs, 503, "store", err); return; }
        }
        if (rc) { form_page(c, e, id, old, path, ppath, is_new, 422, NULL, rs); return; }
        char rest[300];
        snprintf(rest, sizeof rest, "/%s/%s?saved=1", e->slug, s.id);
        redirect(rs, c->site, rest);
        return;
    }
    json_t *item = NULL;
    char keep_path[400], keep_msg[MJ_ERRLEN];
    memcpy(keep_path, c->err_path, sizeof keep_path);
    memcpy(keep_msg, c->err_msg, sizeof keep_msg);
    int rc = hub_edit_parse_fields(c, e, ppath, old, &item);
    if (c->refused) {
        /* The form's own refusal (a value too long, not UTF-8) comes first. */
        memcpy(c->err_path, keep_path, sizeof keep_path);
        memcpy(c->err_msg, keep_msg, sizeof keep_msg);
        rc = MJ_EINVAL;
    }
    const char *extra = rc ? NULL : hub_form_unused(c->form);
    if (extra) {
        char m[300];
        hub_edit_tf(c, m, sizeof m, "web.edit.err.unknown_field", extra, NULL);
        rc = hub_edit_fail(c, "", "%s", m);
    }
    if (!rc) {
        s.item = item;
        rc = hub_draft_save(c->hs, c->site, who, save_fn, &s, NULL, err, sizeof err);
        if (rc == MJ_EINVAL) hub_edit_set_error(c, err);
        else if (rc == MJ_ENOTFOUND) { hub_edit_set_error(c, err); rc = MJ_EINVAL; }
        else if (rc) { json_decref(item); hub_resp_error(rs, 503, "store", err); return; }
    } else if (strcmp(ppath, path) != 0) {
        /* Messages name the posted path; the form is drawn at the item's path now. */
        size_t n = strlen(ppath);
        if (strncmp(c->err_path, ppath, n) == 0) {
            char tmp[900];
            snprintf(tmp, sizeof tmp, "%s%s", path, c->err_path + n);
            snprintf(c->err_path, sizeof c->err_path, "%.399s", tmp);
        }
    }
    if (rc) {
        form_page(c, e, id, item, path, NULL, is_new, 422, NULL, rs);
        json_decref(item);
        return;
    }
    char rest[300];
    if (is_site) snprintf(rest, sizeof rest, "/site?saved=1");
    else snprintf(rest, sizeof rest, "/%s/%s?saved=1", e->slug, json_string_value(json_object_get(item, "id")));
    json_decref(item);
    redirect(rs, c->site, rest);
}

/* ---- routing ---- */

void hub_edit_handle(hub_store *hs, const hub_req *rq, hub_resp *rs)
{
    const char *p = rq->path + 6, *slash = strchr(p, '/');   /* after "/edit/" */
    char site[80], err[MJ_ERRLEN];
    size_t sl = slash ? (size_t)(slash - p) : strlen(p);
    int post = strcmp(rq->method, "POST") == 0;
    hub_ctx w;
    /* Signed in (hub_web.h), the site one the user may edit, a POST's CSRF token: before
     * anything of the site is read. */
    if (hub_web_begin(hs, rq, rs, &w)) return;
    if (!post && strcmp(rq->method, "GET") && strcmp(rq->method, "HEAD")) { hub_resp_error(rs, 405, "method", "GET or POST"); return; }
    if (sl == 0 || sl >= sizeof site) { hub_web_error(&w, rs, 404, "web.err.no_page"); return; }
    snprintf(site, sizeof site, "%.*s", (int)sl, p);
    if (!proto_is_id(site)) { hub_web_error(&w, rs, 404, "web.err.no_page"); return; }
    if (!hub_web_require_site(&w, site, rs)) return;
    if (slash && strcmp(slash, "/import") == 0) { hub_import_web(hs, rq, rs, &w, site); return; }   /* its own body and CSRF */
    if (post && !hub_web_post_ok(&w, rq, rs)) return;
    const char *rest = slash ? slash : "";
    hub_edit_ctx c = {.hs = hs, .site = site, .web = &w};
    snprintf(c.csrf, sizeof c.csrf, "%s", w.csrf);
    hub_form form = {0};
    if (post) {
        char *bad = NULL;
        if (hub_form_parse(rq->body ? rq->body : "", rq->len, &form, &bad, err, sizeof err)) {
            if (!bad) { hub_resp_error(rs, 400, "bad_form", err); return; }
            /* One field's value is refused: the form is shown again with the message there. */
            char shown[MJ_ERRLEN];
            hub_vmsg_translate(w.lang, err, shown, sizeof shown);
            hub_edit_fail(&c, bad, "%s", shown);
            c.refused = 1;
            free(bad);
        }
        hub_form_take(&form, "csrf");     /* checked above (hub_web_post_ok) */
        c.form = &form;
    }
    hub_draft d;
    if (hub_draft_load(hs, site, &d, err, sizeof err)) { hub_form_free(&form); hub_resp_error(rs, 503, "store", err); return; }
    c.content = d.content;
    c.langs = site_langs(d.content);
    c.raw = json_object();
    hub_edit_route(&c, rq, rs, &d, rest, post, w.user);
    json_decref(c.raw);
    json_decref(c.langs);
    free(c.p);
    hub_draft_free(&d);
    hub_form_free(&form);
}

void hub_edit_route_item(hub_edit_ctx *c, const hub_req *rq, hub_resp *rs, const char *rest, const char *who)
{
    /* rest: "/SLUG", "/SLUG/new", "/SLUG/ID", "/SLUG/ID/ACTION" */
    const char *s = rest + 1, *a = strchr(s, '/');
    const hub_edit_entity *e = hub_edit_entity_by_slug(s, a ? (size_t)(a - s) : strlen(s));
    if (!e) { hub_web_error(c->web, rs, 404, "web.err.no_page"); return; }
    if (strcmp(e->list, "site") == 0) {
        if (a) { hub_web_error(c->web, rs, 404, "web.err.no_page"); return; }
        item_route(c, rq, rs, e, "site", NULL, who);
        return;
    }
    if (!a) {
        if (strcmp(rq->method, "POST") == 0) { hub_resp_error(rs, 405, "method", "GET only"); return; }
        list_page(c, e, rs);
        return;
    }
    char id[80];
    const char *b = strchr(a + 1, '/');
    size_t n = b ? (size_t)(b - a - 1) : strlen(a + 1);
    if (n == 0 || n >= sizeof id) { hub_web_error(c->web, rs, 404, "web.edit.err.no_item"); return; }
    snprintf(id, sizeof id, "%.*s", (int)n, a + 1);
    if (strcmp(id, "new") != 0 && !proto_is_id(id)) { hub_web_error(c->web, rs, 404, "web.edit.err.no_item"); return; }
    if (b && strcmp(rq->method, "POST") != 0) { hub_resp_error(rs, 405, "method", "POST only"); return; }
    item_route(c, rq, rs, e, id, b ? b + 1 : NULL, who);
}
