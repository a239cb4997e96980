/* hub_web.h - who is asking, for every coordinator page and API route: a signed-in account (a
 * browser session: cookie mj_session, HttpOnly; Secure; SameSite=Strict, an opaque random id
 * stored hashed, with idle and absolute expiry) or a bearer token (automation; scoped to a role
 * and sites like an account). Roles: admin (every site, accounts, audit log) and site
 * coordinator (only the sites given). Every state-changing request from a browser carries the
 * session's CSRF token (form field "csrf" or header X-CSRF-Token), checked by hub_web_post_ok.
 * The language of the pages: the mj_lang cookie (the switch), else the first supported language
 * of Accept-Language, else Finnish; texts from assets/po/hub/{fi,sv,en}.po, built into the
 * program (hub_t). Form bodies (application/x-www-form-urlencoded): hub_form_*. */
#ifndef MAJAKKA_HUB_WEB_H
#define MAJAKKA_HUB_WEB_H
#include <stddef.h>
#include "hub_html.h"
#include "hub_req.h"
#include "hub_store_auth.h"

typedef struct hub_ctx {
    long long user_id;            /* users.id; 0 for a bearer token or nobody */
    int is_token;                 /* signed in by Authorization: Bearer (no CSRF needed) */
    char user[HUB_NAME_MAX + 65]; /* the user's (or token's) name */
    int role;                     /* HUB_ROLE_ADMIN, HUB_ROLE_COORD; HUB_ROLE_NONE: signed out */
    char sites[HUB_MAX_SITES][65];/* the sites given (coordinators; admins reach every site) */
    int nsites;
    char lang[4];                 /* "fi", "sv" or "en" */
    char csrf[65];                /* the session's CSRF token ("" for tokens) */
    char session_hash[65];        /* SHA-256 of the session id ("" for tokens) */
    char addr[48];                /* the client's address, for the audit log and rate limits */
    char path[256];               /* the request path (the language switch comes back here) */
    int api;                      /* the request is for /api/...: errors as JSON, not pages */
} hub_ctx;

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
 * else 0 with 403 in rs: the caller must then change nothing. */
int hub_web_post_ok(const hub_ctx *c, const hub_req *rq, hub_resp *rs);
/* An error answer in the request's kind: a framed page with msgid's text, or JSON. */
void hub_web_error(const hub_ctx *c, hub_resp *rs, int status, const char *msgid);

/* One audit row for c (actor: the user, or "token:NAME"; its address). Never passwords,
 * tokens, codes or feedback text in target or detail. */
int hub_audit(hub_store *hs, const hub_ctx *c, const char *action, const char *target, const char *detail);

/* Translations: the text of msgid in c's language (English when that lacks it, the id itself
 * when English does too; c NULL: English). hub_tf fills {1}..{9} from the NULL-terminated
 * const char * arguments. */
const char *hub_t(const hub_ctx *c, const char *msgid);
/* The same for a language code (fi, sv, en; anything else: English), for texts that go out
 * without a request, such as the alert mail. */
const char *hub_t_lang(const char *lang, const char *msgid);
void hub_tf_lang(const char *lang, char *out, size_t outlen, const char *msgid, ...);
void hub_tf(const hub_ctx *c, char *out, size_t outlen, const char *msgid, ...);
/* 1 for the languages the pages have (fi, sv, en). */
int hub_lang_ok(const char *lang);
/* The best supported language of an Accept-Language value ("fi" when none). */
const char *hub_lang_pick(const char *accept_language);

/* Form bodies: parse the request body once, then look up fields (URL-decoded, UTF-8 checked).
 * MJ_EINVAL for a malformed body (bad %-escape, not UTF-8, more than 4096 fields). */
typedef struct hub_form { int n; char **names, **values; } hub_form;
int hub_form_parse(const hub_req *rq, hub_form *f);
/* The first value of name, or NULL. */
const char *hub_form_get(const hub_form *f, const char *name);
/* Every value of name (checkboxes, multi-selects), up to max; returns the count. */
int hub_form_all(const hub_form *f, const char *name, const char **out, int max);
void hub_form_free(hub_form *f);
/* URL-decodes in[0..len) into a new string (NULL for a malformed escape); '+' is a space. */
char *hub_url_decode(const char *in, size_t len);

/* Passwords: 10 to 128 bytes of UTF-8 (MJ_EINVAL with hub_t msgid in *why otherwise);
 * hashed with Argon2id (libsodium, interactive limits, at most two at a time in the process). */
int hub_password_check(const char *pw, const char **why);
int hub_password_hash(const char *pw, char out[128], char *err, size_t errlen);
/* 1 right, 0 wrong (also for a NULL or broken hash, after the same work as a real check). */
int hub_password_verify(const char *hash, const char *pw);

#endif
