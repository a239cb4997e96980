/* hub_admin.c - the admin's pages (hub_account.h): accounts and the audit log.
 *   GET  /admin/users            every account, a form per account, the form to add one
 *   POST /admin/users            add: user, role, sites (comma- or space-separated), password
 *   POST /admin/users/update     user, role, sites, [password]: change an account
 *   POST /admin/users/disable    user, disabled=1|0
 *   GET  /admin/audit[?before=ID] */
#include "hub_account.h"
#include "hub_web.h"
#include "protocol.h"
#include "util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define AUDIT_PAGE 100

/* Splits "a, b c" into site ids; MJ_EINVAL when one is not an id or there are too many. */
static int parse_sites(const char *in, char sites[HUB_MAX_SITES][65], const char **ptrs, int *n)
{
    *n = 0;
    for (const char *p = in ? in : ""; *p;) {
        size_t len = strcspn(p, ", \t\r\n");
        if (len) {
            if (*n == HUB_MAX_SITES || len > 64) return MJ_EINVAL;
            memcpy(sites[*n], p, len);
            sites[*n][len] = 0;
            if (!proto_is_id(sites[*n])) return MJ_EINVAL;
            ptrs[*n] = sites[*n];
            (*n)++;
        }
        p += len;
        while (*p && strchr(", \t\r\n", *p)) p++;
    }
    return MJ_OK;
}

/* What an add form that was refused showed, to show it again. */
typedef struct add_state { const char *user, *role, *sites, *e_user, *e_sites, *e_pw, *notice; } add_state;

typedef struct rows_ctx { hub_html *h; const hub_ctx *c; } rows_ctx;

static int user_row(void *ctx, const hub_val *v, int n)
{
    rows_ctx *rc = ctx;
    hub_html *h = rc->h;
    const hub_ctx *c = rc->c;
    if (n < 6) return 0;
    const char *name = v[1].s ? v[1].s : "", *role = v[2].s ? v[2].s : "", *sites = v[5].s ? v[5].s : "";
    int disabled = v[3].s && atoi(v[3].s);
    hub_html_add(h, "<tr%s><th scope=\"row\">", disabled ? " class=\"muted\"" : "");
    hub_html_esc(h, name);
    hub_html_add(h, "</th><td>");
    hub_html_t(h, c, strcmp(role, "admin") == 0 ? "web.role.admin" : "web.role.coordinator");
    hub_html_add(h, "</td><td>");
    hub_html_esc(h, *sites ? sites : "–");
    hub_html_add(h, "</td><td>");
    hub_html_t(h, c, disabled ? "web.users.disabled" : "web.users.active");
    hub_html_add(h, "</td><td><details><summary>");
    hub_html_t(h, c, "web.users.change");
    hub_html_add(h, "</summary>");
    hub_form_begin(h, c, "/admin/users/update");
    hub_html_add(h, "<input type=\"hidden\" name=\"user\" value=\"");
    hub_html_esc(h, name);
    hub_html_add(h, "\">");
    /* Field ids must be unique on the page: each account's fields carry its name. */
    char fr[160], fs[160], fp[160];
    snprintf(fr, sizeof fr, "role-%s", name);
    snprintf(fs, sizeof fs, "sites-%s", name);
    snprintf(fp, sizeof fp, "password-%s", name);
    static const char *const rv[] = {"coordinator", "admin"};
    const char *rl[] = {hub_t(c, "web.role.coordinator"), hub_t(c, "web.role.admin")};
    hub_html_select(h, &(hub_field){.name = fr, .label = hub_t(c, "web.users.role"), .value = role}, rv, rl, 2);
    hub_html_field(h, &(hub_field){.name = fs, .label = hub_t(c, "web.users.sites"), .value = sites,
                                   .hint = hub_t(c, "web.users.sites_hint")});
    hub_html_field(h, &(hub_field){.name = fp, .label = hub_t(c, "web.users.new_password"), .type = "password",
                                   .autocomplete = "new-password", .hint = hub_t(c, "web.users.new_password_hint")});
    hub_html_submit(h, hub_t(c, "web.users.save"));
    hub_form_end(h);
    hub_html_add(h, "</details></td><td>");
    const char *names[] = {"user", "disabled"}, *vals[] = {name, disabled ? "0" : "1"};
    hub_html_button_form(h, c, "/admin/users/disable", hub_t(c, disabled ? "web.users.enable" : "web.users.disable"),
                         names, vals, 2);
    hub_html_add(h, "</td></tr>");
    return 0;
}

static void users_page(hub_store *hs, hub_ctx *c, hub_resp *rs, int status, const add_state *st)
{
    hub_html h = {0};
    char err[MJ_ERRLEN];
    hub_page_begin(&h, c, hub_t(c, "web.users.title"));
    if (st && st->notice) hub_html_notice(&h, st->e_user || st->e_sites || st->e_pw ? "error" : "ok", st->notice);
    hub_html_add(&h, "<div class=\"table-wrap\"><table><tr><th scope=\"col\">");
    hub_html_t(&h, c, "web.users.name");
    hub_html_add(&h, "</th><th scope=\"col\">");
    hub_html_t(&h, c, "web.users.role");
    hub_html_add(&h, "</th><th scope=\"col\">");
    hub_html_t(&h, c, "web.users.sites");
    hub_html_add(&h, "</th><th scope=\"col\">");
    hub_html_t(&h, c, "web.users.state");
    hub_html_add(&h, "</th><th scope=\"col\">");
    hub_html_t(&h, c, "web.users.change");
    hub_html_add(&h, "</th><th scope=\"col\">");
    hub_html_t(&h, c, "web.users.access");
    hub_html_add(&h, "</th></tr>");
    rows_ctx rc = {&h, c};
    if (hub_user_rows(hs, user_row, &rc, err, sizeof err)) hub_html_notice(&h, "error", err);
    hub_html_add(&h, "</table></div><h2>");
    hub_html_t(&h, c, "web.users.add");
    hub_html_add(&h, "</h2>");
    hub_form_begin(&h, c, "/admin/users");
    hub_html_field(&h, &(hub_field){.name = "user", .label = hub_t(c, "web.users.name"), .value = st ? st->user : NULL,
                                    .required = 1, .autocomplete = "off", .hint = hub_t(c, "web.users.name_hint"),
                                    .error = st && st->e_user ? hub_t(c, st->e_user) : NULL});
    static const char *const rv[] = {"coordinator", "admin"};
    const char *rl[] = {hub_t(c, "web.role.coordinator"), hub_t(c, "web.role.admin")};
    hub_html_select(&h, &(hub_field){.name = "role", .label = hub_t(c, "web.users.role"),
                                     .value = st && st->role ? st->role : "coordinator"}, rv, rl, 2);
    hub_html_field(&h, &(hub_field){.name = "sites", .label = hub_t(c, "web.users.sites"), .value = st ? st->sites : NULL,
                                    .hint = hub_t(c, "web.users.sites_hint"),
                                    .error = st && st->e_sites ? hub_t(c, st->e_sites) : NULL});
    hub_html_field(&h, &(hub_field){.name = "password", .label = hub_t(c, "web.users.first_password"), .type = "password",
                                    .autocomplete = "new-password", .required = 1, .hint = hub_t(c, "web.pw.rule"),
                                    .error = st && st->e_pw ? hub_t(c, st->e_pw) : NULL});
    hub_html_submit(&h, hub_t(c, "web.users.add_submit"));
    hub_form_end(&h);
    hub_page_end_status(&h, rs, status);
}

static void users_add(hub_store *hs, hub_ctx *c, const hub_form *f, hub_resp *rs)
{
    char sites[HUB_MAX_SITES][65], hash[128], err[MJ_ERRLEN];
    const char *ptrs[HUB_MAX_SITES], *why = NULL;
    int n = 0;
    hub_principal p;
    add_state st = {hub_form_get(f, "user"), hub_form_get(f, "role"), hub_form_get(f, "sites"), NULL, NULL, NULL, NULL};
    int role = hub_role_parse(st.role);
    const char *pw = hub_form_get(f, "password");
    if (!hub_user_name_ok(st.user)) st.e_user = "web.users.bad_name";
    else if (hub_user_get(hs, st.user, &p, NULL, 0) == MJ_OK) st.e_user = "web.users.name_taken";
    if (parse_sites(st.sites, sites, ptrs, &n)) st.e_sites = "web.users.bad_sites";
    if (hub_password_check(pw, &why)) st.e_pw = why;
    if (role == HUB_ROLE_NONE) st.e_user = st.e_user ? st.e_user : "web.err.bad_form";
    if (st.e_user || st.e_sites || st.e_pw) {
        st.notice = hub_t(c, "web.users.not_added");
        users_page(hs, c, rs, 400, &st);
        return;
    }
    hub_store_unlock(hs);
    int rc = hub_password_hash(pw, hash, err, sizeof err);
    hub_store_lock(hs);
    if (!rc) rc = hub_user_add(hs, st.user, hash, role, err, sizeof err);
    memset(hash, 0, sizeof hash);
    if (!rc) rc = hub_user_get(hs, st.user, &p, err, sizeof err);
    if (!rc) rc = hub_user_set_sites(hs, p.id, ptrs, n, err, sizeof err);
    if (rc) { hub_web_error(c, rs, 503, "web.err.store"); return; }
    char detail[200];
    snprintf(detail, sizeof detail, "role=%s sites=%d", hub_role_name(role), n);
    hub_audit(hs, c, "user.add", st.user, detail);
    char msg[300];
    hub_tf(c, msg, sizeof msg, "web.users.added", st.user, (const char *)NULL);
    users_page(hs, c, rs, 200, &(add_state){.notice = msg});
}

static void users_update(hub_store *hs, hub_ctx *c, const hub_form *f, hub_resp *rs, int disable_only)
{
    char sites[HUB_MAX_SITES][65], hash[128], err[MJ_ERRLEN], key[160], msg[300], detail[200];
    const char *ptrs[HUB_MAX_SITES], *why = NULL;
    int n = 0, rc = 0;
    hub_principal p;
    const char *user = hub_form_get(f, "user");
    if (!user || hub_user_get(hs, user, &p, NULL, 0) != MJ_OK) { hub_web_error(c, rs, 404, "web.users.no_such"); return; }
    if (disable_only) {
        const char *d = hub_form_get(f, "disabled");
        int dis = d && strcmp(d, "1") == 0;
        /* An admin cannot shut themselves out (the last door would close with them). */
        if (dis && p.id == c->user_id) { hub_web_error(c, rs, 400, "web.users.not_yourself"); return; }
        if (hub_user_set_disabled(hs, p.id, dis, err, sizeof err)) { hub_web_error(c, rs, 503, "web.err.store"); return; }
        hub_audit(hs, c, dis ? "user.disable" : "user.enable", p.name, "");
        hub_tf(c, msg, sizeof msg, dis ? "web.users.disabled_msg" : "web.users.enabled_msg", p.name, (const char *)NULL);
        users_page(hs, c, rs, 200, &(add_state){.notice = msg});
        return;
    }
    snprintf(key, sizeof key, "role-%s", p.name);
    int role = hub_role_parse(hub_form_get(f, key));
    snprintf(key, sizeof key, "sites-%s", p.name);
    const char *sites_in = hub_form_get(f, key);
    snprintf(key, sizeof key, "password-%s", p.name);
    const char *pw = hub_form_get(f, key);
    if (role == HUB_ROLE_NONE) { hub_web_error(c, rs, 400, "web.err.bad_form"); return; }
    if (p.id == c->user_id && role != HUB_ROLE_ADMIN) { hub_web_error(c, rs, 400, "web.users.not_yourself"); return; }
    if (parse_sites(sites_in, sites, ptrs, &n)) { hub_web_error(c, rs, 400, "web.users.bad_sites"); return; }
    if (pw && *pw && hub_password_check(pw, &why)) { hub_web_error(c, rs, 400, why); return; }
    if (pw && *pw) {
        hub_store_unlock(hs);
        rc = hub_password_hash(pw, hash, err, sizeof err);
        hub_store_lock(hs);
        if (!rc) rc = hub_user_set_password(hs, p.id, hash, NULL, err, sizeof err);
        memset(hash, 0, sizeof hash);
    }
    if (!rc) rc = hub_user_set_role(hs, p.id, role, err, sizeof err);
    if (!rc) rc = hub_user_set_sites(hs, p.id, ptrs, n, err, sizeof err);
    if (rc) { hub_web_error(c, rs, 503, "web.err.store"); return; }
    snprintf(detail, sizeof detail, "role=%s sites=%d%s", hub_role_name(role), n, pw && *pw ? " password" : "");
    hub_audit(hs, c, "user.update", p.name, detail);
    hub_tf(c, msg, sizeof msg, "web.users.saved", p.name, (const char *)NULL);
    users_page(hs, c, rs, 200, &(add_state){.notice = msg});
}

typedef struct audit_ctx { hub_html *h; const hub_ctx *c; long long last; int n; } audit_ctx;

static int audit_row(void *ctx, const hub_val *v, int n)
{
    audit_ctx *a = ctx;
    if (n < 7) return 0;
    char id[80];
    a->last = v[0].s ? atoll(v[0].s) : 0;
    a->n++;
    hub_html_add(a->h, "<tr><td>");
    hub_html_time(a->h, a->c, v[1].s);
    hub_html_add(a->h, "</td><td>");
    hub_html_esc(a->h, v[2].s);
    hub_html_add(a->h, "</td><td>");
    hub_html_esc(a->h, v[3].s);
    hub_html_add(a->h, "</td><td>");
    snprintf(id, sizeof id, "web.audit.%s", v[4].s ? v[4].s : "");
    const char *label = hub_t(a->c, id);
    hub_html_esc(a->h, strcmp(label, id) == 0 ? v[4].s : label);
    hub_html_add(a->h, " <span class=\"muted\">");
    hub_html_esc(a->h, v[4].s);
    hub_html_add(a->h, "</span></td><td>");
    hub_html_esc(a->h, v[5].s);
    hub_html_add(a->h, "</td><td>");
    hub_html_esc(a->h, v[6].s);
    hub_html_add(a->h, "</td></tr>");
    return 0;
}

static void audit_page(hub_store *hs, hub_ctx *c, const hub_req *rq, hub_resp *rs)
{
    hub_html h = {0};
    char err[MJ_ERRLEN];
    const char *b = hub_req_query(rq, "before");
    long long before = b && *b && strspn(b, "0123456789") == strlen(b) && strlen(b) < 19 ? atoll(b) : 0;
    hub_page_begin(&h, c, hub_t(c, "web.audit.title"));
    hub_html_add(&h, "<p class=\"muted\">");
    hub_html_t(&h, c, "web.audit.intro");
    hub_html_add(&h, "</p><div class=\"table-wrap\"><table><tr>");
    static const char *const cols[] = {"web.audit.when", "web.audit.who", "web.audit.address", "web.audit.what",
                                       "web.audit.target", "web.audit.detail"};
    for (int i = 0; i < 6; i++) {
        hub_html_add(&h, "<th scope=\"col\">");
        hub_html_t(&h, c, cols[i]);
        hub_html_add(&h, "</th>");
    }
    hub_html_add(&h, "</tr>");
    audit_ctx a = {&h, c, 0, 0};
    if (hub_audit_rows(hs, before, AUDIT_PAGE, audit_row, &a, err, sizeof err)) hub_html_notice(&h, "error", err);
    hub_html_add(&h, "</table></div>");
    if (a.n == AUDIT_PAGE && a.last > 1) {
        hub_html_add(&h, "<p><a href=\"/admin/audit?before=%lld\">", a.last);
        hub_html_t(&h, c, "web.audit.older");
        hub_html_add(&h, "</a></p>");
    }
    hub_page_end(&h, rs);
}

int hub_admin_route(hub_store *hs, const hub_req *rq, hub_resp *rs)
{
    const char *p = rq->path;
    int post = strcmp(rq->method, "POST") == 0, get = strcmp(rq->method, "GET") == 0 || strcmp(rq->method, "HEAD") == 0;
    if (strcmp(p, "/admin") != 0 && strncmp(p, "/admin/", 7) != 0) return 0;
    hub_ctx c;
    hub_form f;
    if (hub_web_begin(hs, rq, rs, &c)) return 1;
    if (!hub_web_require_admin(&c, rs)) return 1;
    if (strcmp(p, "/admin/audit") == 0 && get) { audit_page(hs, &c, rq, rs); return 1; }
    if (strcmp(p, "/admin/users") == 0 && get) { users_page(hs, &c, rs, 200, NULL); return 1; }
    int which = strcmp(p, "/admin/users") == 0 ? 1 : strcmp(p, "/admin/users/update") == 0 ? 2
              : strcmp(p, "/admin/users/disable") == 0 ? 3 : 0;
    if (!which) { hub_web_error(&c, rs, 404, "web.err.no_page"); return 1; }
    if (!post) { hub_resp_error(rs, 405, "method", "POST"); return 1; }
    if (!hub_web_post_ok(&c, rq, rs)) return 1;
    if (hub_form_parse(rq->body, rq->len, &f, NULL, NULL, 0)) { hub_web_error(&c, rs, 400, "web.err.bad_form"); return 1; }
    if (which == 1) users_add(hs, &c, &f, rs);
    else users_update(hs, &c, &f, rs, which == 3);
    hub_form_free(&f);
    return 1;
}
