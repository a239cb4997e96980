/* hub_web.h - who is asking, for every coordinator page and API route: a signed-in account (a
 * browser session: cookie mj_session, HttpOnly; Secure; SameSite=Strict, an opaque random id
 * stored hashed, with idle and absolute expiry) or a bearer token (automation; scoped to a role
 * and sites like an account). Roles: admin (every site, accounts, audit log) and site
 * coordinator (only the sites given). Every state-changing request from a browser carries the
 * session's CSRF token (form field "csrf" or header X-CSRF-Token), checked by hub_web_post_ok.
 * The language of the pages: the mj_lang cookie (the switch), else the first supported language
 * of Accept-Language, else Finnish (hub_ctx.h: the context and the pages' texts). Form bodies
 * (urlencoded or multipart): hub_form.h. */
#ifndef MAJAKKA_HUB_WEB_H
#define MAJAKKA_HUB_WEB_H
#include <stddef.h>
#include "hub_ctx.h"
#include "hub_form.h"
#include "hub_html.h"
#include "hub_req.h"
#include "hub_store_auth.h"

/* Session lifetimes (defaults 30 minutes idle, 12 hours in all); serve --session-idle/-max. */
void hub_web_set_session_limits(long idle_s, long max_s);
void hub_web_session_limits(long *idle_s, long *max_s);

/* 0 and c filled when the request is signed in (session or bearer token). Else -1 and rs is
 * filled: 401 JSON for /api/ paths and bearer clients, else 303 to /sign-in?next=PATH. */
int hub_web_begin(hub_store *hs, const hub_req *rq, hub_resp *rs, hub_ctx *c);
/* A context for a signed-out page (sign-in): language and address only. */
void hub_web_anon(const hub_req *rq, hub_ctx *c);
/* 1 when c may see and change site (admin, or the site was given). */
int hub_web_can_site(const hub_ctx *c, const char *site);
/* 1 when c may act on site, else 0 with 403 in rs (a page, or JSON for the API). */
int hub_web_require_site(const hub_ctx *c, const char *site, hub_resp *rs);
int hub_web_require_admin(const hub_ctx *c, hub_resp *rs);
/* 1 when a state-changing request carries the right CSRF token (or comes with a bearer token),
 * else 0 with 403 in rs: the caller must then change nothing. Only the token is read (the
 * X-CSRF-Token header, else the csrf field of a urlencoded or multipart body: hub_form_value),
 * so a fault in another field is left to the page's own parse, which shows it at the field. */
int hub_web_post_ok(const hub_ctx *c, const hub_req *rq, hub_resp *rs);
/* An error answer in the request's kind: a framed page with msgid's text, or JSON. */
void hub_web_error(const hub_ctx *c, hub_resp *rs, int status, const char *msgid);

/* One audit row for c (actor: the user, or "token:NAME"; its address). Never passwords,
 * tokens, codes or feedback text in target or detail. */
int hub_audit(hub_store *hs, const hub_ctx *c, const char *action, const char *target, const char *detail);

/* Passwords: 10 to 128 bytes of UTF-8 (MJ_EINVAL with hub_t msgid in *why otherwise);
 * hashed with Argon2id (libsodium, interactive limits, at most two at a time in the process). */
int hub_password_check(const char *pw, const char **why);
int hub_password_hash(const char *pw, char out[128], char *err, size_t errlen);
/* 1 right, 0 wrong (also for a NULL or broken hash, after the same work as a real check). */
int hub_password_verify(const char *hash, const char *pw);

#endif
