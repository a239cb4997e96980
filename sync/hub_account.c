/* hub_account.c - see hub_account.h: sign-in, sign-out, the language switch, one's password. */
#include "hub_account.h"
#include "hub_web.h"
#include "protocol.h"
#include "util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int hub_account_next_ok(const char *next)
{
    size_t n = next ? strlen(next) : 0;
    if (n < 1 || n > 255 || next[0] != '/' || strstr(next, "//") || strstr(next, "/.")) return 0;
    return strspn(next, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/-_.") == n;
}

static int hex64(const char *s)
{
    return s && strlen(s) == PROTO_TOKEN_HEX && strspn(s, "0123456789abcdef") == PROTO_TOKEN_HEX;
}

/* The sign-in page. user: what was typed; error: a msgid or NULL; wait_s: a shut-out to tell. */
static void sign_in_page(hub_ctx *c, const hub_req *rq, hub_resp *rs, int status, const char *user, const char *error,
                         long wait_s, const char *next)
{
    hub_html h = {0};
    /* The form's own token: kept while the browser has it, else a new one. */
    const char *pre = hub_req_cookie(rq, "mj_pre");
    if (hex64(pre)) snprintf(c->csrf, sizeof c->csrf, "%s", pre);
    else {
        proto_token_new(c->csrf);
        snprintf(rs->set_cookie, sizeof rs->set_cookie, "mj_pre=%s; Path=/sign-in; HttpOnly; Secure; SameSite=Strict",
                 c->csrf);
    }
    hub_page_begin(&h, c, hub_t(c, "web.signin.title"));
    if (wait_s > 0) {
        char msg[300], secs[24];
        snprintf(secs, sizeof secs, "%ld", wait_s);
        hub_tf(c, msg, sizeof msg, "web.signin.wait", secs, (const char *)NULL);
        hub_html_notice(&h, "error", msg);
    } else if (error) {
        hub_html_notice(&h, "error", hub_t(c, error));
    }
    hub_form_begin(&h, c, "/sign-in");
    if (next && hub_account_next_ok(next)) {
        hub_html_add(&h, "<input type=\"hidden\" name=\"next\" value=\"");
        hub_html_esc(&h, next);
        hub_html_add(&h, "\">");
    }
    hub_html_field(&h, &(hub_field){.name = "user", .label = hub_t(c, "web.signin.user"), .value = user,
                                    .autocomplete = "username", .required = 1});
    hub_html_field(&h, &(hub_field){.name = "password", .label = hub_t(c, "web.signin.password"), .type = "password",
                                    .autocomplete = "current-password", .required = 1});
    hub_html_submit(&h, hub_t(c, "web.signin.submit"));
    hub_form_end(&h);
    hub_html_add(&h, "<p class=\"muted\">");
    hub_html_t(&h, c, "web.signin.help");
    hub_html_add(&h, "</p>");
    hub_page_end_status(&h, rs, status);
    if (wait_s > 0) rs->retry_after_s = wait_s;
}

static void penalty_names(const char *user, const char *addr, char *pu, size_t nu, char *pa, size_t na)
{
    snprintf(pu, nu, "signin-user:%.64s", hub_user_name_ok(user) ? user : "-");
    snprintf(pa, na, "signin-addr:%.64s", addr ? addr : "");
}

static void sign_in_post(hub_store *hs, const hub_req *rq, hub_resp *rs)
{
    hub_ctx c;
    hub_form f;
    char user[HUB_NAME_MAX + 1] = "", pu[100], pa[100], sid[65], csrf[65], err[MJ_ERRLEN];
    long wait_u = 0, wait_a = 0;
    hub_web_anon(rq, &c);
    if (hub_form_parse(rq->body, rq->len, &f, NULL, NULL, 0)) { sign_in_page(&c, rq, rs, 400, NULL, "web.err.bad_form", 0, NULL); return; }
    const char *pre = hub_req_cookie(rq, "mj_pre"), *tok = hub_form_get(&f, "csrf");
    const char *name = hub_form_get(&f, "user"), *pw = hub_form_get(&f, "password"), *next = hub_form_get(&f, "next");
    /* User names are lower case; what was typed is taken without spaces around it. */
    if (name) {
        while (*name == ' ') name++;
        size_t n = 0;
        for (; name[n] && n < HUB_NAME_MAX; n++) user[n] = (char)(name[n] >= 'A' && name[n] <= 'Z' ? name[n] + 32 : name[n]);
        user[n] = 0;
        while (n && user[n - 1] == ' ') user[--n] = 0;
    }
    if (!hex64(pre) || !tok || strcmp(pre, tok) != 0) {
        sign_in_page(&c, rq, rs, 403, user, "web.signin.expired", 0, next);
        hub_form_free(&f);
        return;
    }
    penalty_names(user, c.addr, pu, sizeof pu, pa, sizeof pa);
    if (hub_penalty_active(hs, pu, &wait_u) | hub_penalty_active(hs, pa, &wait_a)) {
        sign_in_page(&c, rq, rs, 429, user, NULL, wait_u > wait_a ? wait_u : wait_a, next);
        hub_form_free(&f);
        return;
    }
    hub_principal p;
    int found = hub_user_get(hs, user, &p, NULL, 0) == MJ_OK;
    /* The hash takes a fraction of a second: the kiosks' requests go on meanwhile. */
    hub_store_unlock(hs);
    int ok = hub_password_verify(found ? p.pw_hash : NULL, pw ? pw : "");
    hub_store_lock(hs);
    memset(p.pw_hash, 0, sizeof p.pw_hash);
    if (!ok || p.disabled || p.role == HUB_ROLE_NONE) {
        hub_penalty_fail(hs, pu, HUB_SIGNIN_USER_FREE, HUB_SIGNIN_USER_MAX_S);
        hub_penalty_fail(hs, pa, HUB_SIGNIN_ADDR_FREE, HUB_SIGNIN_ADDR_MAX_S);
        hub_audit_add(hs, "-", c.addr, "signin.fail", hub_user_name_ok(user) ? user : "(not a user name)",
                      ok ? "disabled" : "");
        sign_in_page(&c, rq, rs, 401, user, "web.signin.wrong", 0, next);
        hub_form_free(&f);
        return;
    }
    if (hub_session_new(hs, p.id, (long long)time(NULL), sid, csrf, err, sizeof err)) {
        sign_in_page(&c, rq, rs, 503, user, "web.err.store", 0, next);
        hub_form_free(&f);
        return;
    }
    hub_penalty_clear(hs, pu);
    /* Sessions nobody ended (the browser was just closed) go when someone signs in. */
    long idle_s, max_s;
    hub_web_session_limits(&idle_s, &max_s);
    hub_session_sweep(hs, (long long)time(NULL), idle_s, max_s);
    hub_audit_add(hs, p.name, c.addr, "signin", p.name, "");
    hub_resp_take(rs, 303, "text/plain", mj_strdup("signed in\n"), 10);
    snprintf(rs->set_cookie, sizeof rs->set_cookie, "mj_session=%s; Path=/; HttpOnly; Secure; SameSite=Strict", sid);
    snprintf(rs->location, sizeof rs->location, "%s", next && hub_account_next_ok(next) ? next : "/dashboard");
    memset(sid, 0, sizeof sid);
    hub_form_free(&f);
}

static void sign_out(hub_store *hs, const hub_req *rq, hub_resp *rs)
{
    hub_ctx c;
    if (hub_web_begin(hs, rq, rs, &c)) {
        /* Not signed in (any more): nothing to end; back to the sign-in page. */
        hub_resp_free(rs);
        memset(rs, 0, sizeof *rs);
        hub_resp_take(rs, 303, "text/plain", mj_strdup("signed out\n"), 11);
        snprintf(rs->location, sizeof rs->location, "/sign-in");
        return;
    }
    if (c.is_token) { hub_web_error(&c, rs, 400, "web.err.token_sign_out"); return; }
    if (!hub_web_post_ok(&c, rq, rs)) return;
    hub_session_delete(hs, hub_req_cookie(rq, "mj_session"));
    hub_audit(hs, &c, "signout", c.user, "");
    hub_resp_take(rs, 303, "text/plain", mj_strdup("signed out\n"), 11);
    snprintf(rs->set_cookie, sizeof rs->set_cookie, "mj_session=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Strict");
    snprintf(rs->location, sizeof rs->location, "/sign-in");
}

static void lang_switch(const hub_req *rq, hub_resp *rs)
{
    const char *l = hub_req_query(rq, "l"), *next = hub_req_query(rq, "next");
    if (!hub_lang_ok(l)) { hub_resp_error(rs, 400, "bad_request", "l: fi, sv or en"); return; }
    hub_resp_take(rs, 303, "text/plain", mj_strdup("language set\n"), 13);
    snprintf(rs->set_cookie, sizeof rs->set_cookie,
             "mj_lang=%s; Path=/; Max-Age=31536000; HttpOnly; Secure; SameSite=Strict", l);
    snprintf(rs->location, sizeof rs->location, "%s", hub_account_next_ok(next) ? next : "/dashboard");
}

static void password_page(hub_ctx *c, hub_resp *rs, int status, const char *notice_ok, const char *err_cur,
                          const char *err_new, const char *err_again)
{
    hub_html h = {0};
    hub_page_begin(&h, c, hub_t(c, "web.pw.title"));
    if (notice_ok) hub_html_notice(&h, "ok", hub_t(c, notice_ok));
    hub_form_begin(&h, c, "/account/password");
    hub_html_field(&h, &(hub_field){.name = "current", .label = hub_t(c, "web.pw.current"), .type = "password",
                                    .autocomplete = "current-password", .required = 1,
                                    .error = err_cur ? hub_t(c, err_cur) : NULL});
    hub_html_field(&h, &(hub_field){.name = "new", .label = hub_t(c, "web.pw.new"), .type = "password",
                                    .autocomplete = "new-password", .required = 1, .hint = hub_t(c, "web.pw.rule"),
                                    .error = err_new ? hub_t(c, err_new) : NULL});
    hub_html_field(&h, &(hub_field){.name = "again", .label = hub_t(c, "web.pw.again"), .type = "password",
                                    .autocomplete = "new-password", .required = 1,
                                    .error = err_again ? hub_t(c, err_again) : NULL});
    hub_html_submit(&h, hub_t(c, "web.pw.submit"));
    hub_form_end(&h);
    hub_page_end_status(&h, rs, status);
}

static void password_route(hub_store *hs, const hub_req *rq, hub_resp *rs)
{
    hub_ctx c;
    hub_form f;
    char hash[128], err[MJ_ERRLEN];
    if (hub_web_begin(hs, rq, rs, &c)) return;
    if (c.is_token) { hub_web_error(&c, rs, 400, "web.err.token_password"); return; }
    if (strcmp(rq->method, "POST") != 0) { password_page(&c, rs, 200, NULL, NULL, NULL, NULL); return; }
    if (!hub_web_post_ok(&c, rq, rs)) return;
    if (hub_form_parse(rq->body, rq->len, &f, NULL, NULL, 0)) { hub_web_error(&c, rs, 400, "web.err.bad_form"); return; }
    const char *cur = hub_form_get(&f, "current"), *nw = hub_form_get(&f, "new"), *again = hub_form_get(&f, "again");
    const char *why = NULL;
    hub_principal p;
    /* Guessing the current password from a session counts against the account like sign-ins. */
    char pu[100], pa[100];
    long wait = 0;
    penalty_names(c.user, c.addr, pu, sizeof pu, pa, sizeof pa);
    if (hub_penalty_active(hs, pu, &wait)) {
        hub_form_free(&f);
        hub_web_error(&c, rs, 429, "web.pw.wait");
        rs->retry_after_s = wait;
        return;
    }
    if (hub_user_get_id(hs, c.user_id, &p, err, sizeof err)) { hub_form_free(&f); hub_web_error(&c, rs, 503, "web.err.store"); return; }
    hub_store_unlock(hs);
    int ok = hub_password_verify(p.pw_hash, cur ? cur : "");
    int bad = hub_password_check(nw, &why);
    int rc = ok && !bad && again && strcmp(nw, again) == 0 ? hub_password_hash(nw, hash, err, sizeof err) : MJ_EINVAL;
    hub_store_lock(hs);
    memset(p.pw_hash, 0, sizeof p.pw_hash);
    if (!ok) {
        hub_penalty_fail(hs, pu, HUB_SIGNIN_USER_FREE, HUB_SIGNIN_USER_MAX_S);
        hub_audit(hs, &c, "password.fail", c.user, "");
        password_page(&c, rs, 400, NULL, "web.pw.wrong_current", NULL, NULL);
    }
    else if (bad) password_page(&c, rs, 400, NULL, NULL, why, NULL);
    else if (!again || strcmp(nw, again) != 0) password_page(&c, rs, 400, NULL, NULL, NULL, "web.pw.mismatch");
    else if (rc || hub_user_set_password(hs, c.user_id, hash, c.session_hash, err, sizeof err))
        hub_web_error(&c, rs, 503, "web.err.store");
    else {
        hub_audit(hs, &c, "password.change", c.user, "");
        password_page(&c, rs, 200, "web.pw.changed", NULL, NULL, NULL);
    }
    memset(hash, 0, sizeof hash);
    hub_form_free(&f);
}

int hub_account_route(hub_store *hs, const hub_req *rq, hub_resp *rs)
{
    const char *p = rq->path, *m = rq->method;
    int get = strcmp(m, "GET") == 0 || strcmp(m, "HEAD") == 0, post = strcmp(m, "POST") == 0;
    if (strcmp(p, "/sign-in") == 0) {
        hub_ctx c;
        if (post) sign_in_post(hs, rq, rs);
        else if (get) { hub_web_anon(rq, &c); sign_in_page(&c, rq, rs, 200, NULL, NULL, 0, hub_req_query(rq, "next")); }
        else hub_resp_error(rs, 405, "method", "GET or POST");
        return 1;
    }
    if (strcmp(p, "/sign-out") == 0) {
        if (post) sign_out(hs, rq, rs);
        else hub_resp_error(rs, 405, "method", "POST");
        return 1;
    }
    if (strcmp(p, "/lang") == 0) {
        if (get) lang_switch(rq, rs);
        else hub_resp_error(rs, 405, "method", "GET");
        return 1;
    }
    if (strcmp(p, "/account/password") == 0) {
        if (get || post) password_route(hs, rq, rs);
        else hub_resp_error(rs, 405, "method", "GET or POST");
        return 1;
    }
    return hub_admin_route(hs, rq, rs);
}
