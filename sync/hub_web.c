/* hub_web.c - see hub_web.h. */
#include "hub_web.h"
#include "protocol.h"
#include "util.h"
#include <pthread.h>
#include <semaphore.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

static long session_idle_s = 30 * 60, session_max_s = 12 * 3600;

void hub_web_set_session_limits(long idle_s, long max_s)
{
    if (idle_s > 0) session_idle_s = idle_s;
    if (max_s > 0) session_max_s = max_s;
}

void hub_web_session_limits(long *idle_s, long *max_s)
{
    *idle_s = session_idle_s;
    *max_s = session_max_s;
}

/* ---- who is asking ---- */

static int is_api(const char *path) { return strncmp(path, "/api/", 5) == 0; }

void hub_web_anon(const hub_req *rq, hub_ctx *c)
{
    memset(c, 0, sizeof *c);
    const char *l = hub_req_cookie(rq, "mj_lang");
    snprintf(c->lang, sizeof c->lang, "%s", hub_lang_ok(l) ? l : hub_lang_pick(hub_req_header(rq, "Accept-Language")));
    snprintf(c->addr, sizeof c->addr, "%s", rq->client_addr ? rq->client_addr : "");
    /* Only a plain path is kept (it goes back into links): no query, nothing odd. */
    const char *p = rq->path ? rq->path : "";
    if (*p == '/' && strlen(p) < sizeof c->path && strspn(p, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/-_.") == strlen(p))
        snprintf(c->path, sizeof c->path, "%s", p);
    c->api = is_api(p);
}

static void from_principal(hub_ctx *c, const hub_principal *p)
{
    c->user_id = p->is_token ? 0 : p->id;
    c->is_token = p->is_token;
    snprintf(c->user, sizeof c->user, "%s", p->name);
    c->role = p->role;
    c->nsites = p->nsites;
    memcpy(c->sites, p->sites, sizeof c->sites);
}

int hub_web_begin(hub_store *hs, const hub_req *rq, hub_resp *rs, hub_ctx *c)
{
    hub_principal p;
    hub_web_anon(rq, c);
    const char *bearer = hub_req_bearer(rq);
    if (bearer) {
        if (hub_coord_lookup(hs, bearer, &p) == MJ_OK) { from_principal(c, &p); return 0; }
        hub_resp_error(rs, 401, "bad_token", "the token is unknown or has been revoked");
        return -1;
    }
    const char *sid = hub_req_cookie(rq, "mj_session");
    if (sid && hub_session_get(hs, sid, (long long)time(NULL), session_idle_s, session_max_s, &p, c->csrf,
                               c->session_hash) == MJ_OK) {
        from_principal(c, &p);
        return 0;
    }
    if (c->api) {
        hub_resp_error(rs, 401, "not_signed_in", "sign in, or send an Authorization: Bearer token");
        return -1;
    }
    hub_resp_take(rs, 303, "text/plain", mj_strdup("sign in first\n"), 14);
    snprintf(rs->location, sizeof rs->location, "/sign-in%s%s", c->path[0] ? "?next=" : "", c->path);
    return -1;
}

int hub_web_can_site(const hub_ctx *c, const char *site)
{
    if (!c || !site) return 0;
    if (c->role == HUB_ROLE_ADMIN) return 1;
    if (c->role != HUB_ROLE_COORD) return 0;
    for (int i = 0; i < c->nsites; i++)
        if (strcmp(c->sites[i], site) == 0) return 1;
    return 0;
}

void hub_web_error(const hub_ctx *c, hub_resp *rs, int status, const char *msgid)
{
    if (c->api || c->is_token) {
        hub_resp_error(rs, status, status == 403 ? "forbidden" : status == 404 ? "not_found" : "error", hub_t(NULL, msgid));
        return;
    }
    hub_html h = {0};
    hub_page_begin(&h, c, hub_t(c, status == 403 ? "web.err.forbidden_title" : "web.err.title"));
    hub_html_notice(&h, "error", hub_t(c, msgid));
    hub_html_add(&h, "<p><a href=\"/dashboard\">");
    hub_html_t(&h, c, "web.err.back");
    hub_html_add(&h, "</a></p>");
    hub_page_end_status(&h, rs, status);
}

int hub_web_require_site(const hub_ctx *c, const char *site, hub_resp *rs)
{
    if (hub_web_can_site(c, site)) return 1;
    hub_web_error(c, rs, 403, "web.err.not_your_site");
    return 0;
}

int hub_web_require_admin(const hub_ctx *c, hub_resp *rs)
{
    if (c->role == HUB_ROLE_ADMIN) return 1;
    hub_web_error(c, rs, 403, "web.err.admin_only");
    return 0;
}

int hub_web_post_ok(const hub_ctx *c, const hub_req *rq, hub_resp *rs)
{
    if (c->is_token) return 1;     /* no cookie, so no cross-site request can carry it */
    char *got = NULL;
    const char *hdr = hub_req_header(rq, "X-CSRF-Token");
    if (hdr) got = mj_strdup(hdr);
    else if (rq->len && rq->body[0] != '{' && rq->body[0] != '[')
        got = hub_form_value(hub_req_header(rq, "Content-Type"), rq->body, rq->len, "csrf");   /* JSON needs the header */
    int ok = got && c->csrf[0] && strlen(got) == strlen(c->csrf) &&
             sodium_memcmp(got, c->csrf, strlen(c->csrf)) == 0;
    free(got);
    if (!ok) hub_web_error(c, rs, 403, "web.err.csrf");
    return ok;
}

int hub_audit(hub_store *hs, const hub_ctx *c, const char *action, const char *target, const char *detail)
{
    char actor[HUB_NAME_MAX + 80];
    if (c && c->is_token) snprintf(actor, sizeof actor, "token:%s", c->user);
    else snprintf(actor, sizeof actor, "%s", c && c->user[0] ? c->user : "-");
    return hub_audit_add(hs, actor, c ? c->addr : "", action, target ? target : "", detail ? detail : "");
}

/* ---- passwords ---- */

int hub_password_check(const char *pw, const char **why)
{
    size_t n = pw ? strlen(pw) : 0;
    *why = NULL;
    if (n < 10) *why = "web.pw.too_short";
    else if (n > 128) *why = "web.pw.too_long";
    else if (!mj_utf8_valid(pw, n)) *why = "web.pw.not_text";
    return *why ? MJ_EINVAL : MJ_OK;
}

/* Each hash takes 64 MiB for a fraction of a second: two at a time, so a burst of sign-ins
 * cannot take all the memory. */
static pthread_once_t sem_once = PTHREAD_ONCE_INIT;
static sem_t hash_sem;
static void sem_start(void) { sem_init(&hash_sem, 0, 2); }

int hub_password_hash(const char *pw, char out[128], char *err, size_t errlen)
{
    const char *why;
    if (hub_password_check(pw, &why)) return mj_err(err, errlen, MJ_EINVAL, "%s", hub_t(NULL, why));
    if (sodium_init() < 0) return mj_err(err, errlen, MJ_EIO, "libsodium could not start");
    pthread_once(&sem_once, sem_start);
    sem_wait(&hash_sem);
    int rc = crypto_pwhash_str(out, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE);
    sem_post(&hash_sem);
    return rc == 0 ? MJ_OK : mj_err(err, errlen, MJ_ENOMEM, "out of memory while hashing the password");
}

/* An unknown user costs the same work as a known one, so timing tells no names. */
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;
static char dummy[128];
static void dummy_make(void)
{
    if (crypto_pwhash_str(dummy, "not a password", 14, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        dummy[0] = 0;
}

int hub_password_verify(const char *hash, const char *pw)
{
    int real = hash && strncmp(hash, "$argon2id$", 10) == 0 && strlen(hash) < crypto_pwhash_STRBYTES;
    if (sodium_init() < 0) return 0;
    if (!pw) pw = "";
    pthread_once(&sem_once, sem_start);
    if (!real) pthread_once(&dummy_once, dummy_make);
    sem_wait(&hash_sem);
    int ok = crypto_pwhash_str_verify(real ? hash : dummy, pw, strlen(pw)) == 0;
    sem_post(&hash_sem);
    return real && ok;
}
