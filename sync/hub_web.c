/* hub_web.c - see hub_web.h. */
#include "hub_web.h"
#include "i18n.h"
#include "protocol.h"
#include "util.h"
#include <pthread.h>
#include <semaphore.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* The .po texts, built into the program from assets/po/hub (hub_po_data.c is generated). */
extern const char *const hub_po_data[][2];
extern const int hub_po_count;

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

/* ---- translations ---- */

static pthread_once_t po_once = PTHREAD_ONCE_INIT;
static i18n *po;

static void po_load(void)
{
    char err[MJ_ERRLEN];
    i18n *t = i18n_new();
    if (!t) return;
    for (int i = 0; i < hub_po_count; i++)
        if (i18n_load_po(t, hub_po_data[i][0], hub_po_data[i][1], err, sizeof err))
            fprintf(stderr, "hub: translations: %s\n", err);
    po = t;
}

const char *hub_t_lang(const char *lang, const char *msgid)
{
    pthread_once(&po_once, po_load);
    if (!po) return msgid;
    const char *s = i18n_get_in(po, hub_lang_ok(lang) ? lang : "en", msgid);
    if (!s) s = i18n_get_in(po, "en", msgid);
    return s ? s : msgid;
}

const char *hub_t(const hub_ctx *c, const char *msgid)
{
    return hub_t_lang(c && c->lang[0] ? c->lang : "en", msgid);
}

void hub_tf_lang(const char *lang, char *out, size_t outlen, const char *msgid, ...)
{
    const char *args[9];
    int n = 0;
    va_list ap;
    va_start(ap, msgid);
    for (const char *a; n < 9 && (a = va_arg(ap, const char *));) args[n++] = a;
    va_end(ap);
    i18n_format(out, outlen, hub_t_lang(lang, msgid), args, n);
}

void hub_tf(const hub_ctx *c, char *out, size_t outlen, const char *msgid, ...)
{
    const char *args[9];
    int n = 0;
    va_list ap;
    va_start(ap, msgid);
    for (const char *a; n < 9 && (a = va_arg(ap, const char *));) args[n++] = a;
    va_end(ap);
    i18n_format(out, outlen, hub_t(c, msgid), args, n);
}

int hub_lang_ok(const char *l)
{
    return l && (strcmp(l, "fi") == 0 || strcmp(l, "sv") == 0 || strcmp(l, "en") == 0);
}

const char *hub_lang_pick(const char *al)
{
    static const char *const known[] = {"fi", "sv", "en"};
    const char *best = "fi";
    double bestq = 0;
    /* "sv-FI,sv;q=0.9,en;q=0.8": the highest q wins, the first of equal ones. */
    for (const char *p = al; p && *p;) {
        while (*p == ' ' || *p == ',') p++;
        const char *end = strchr(p, ',');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        double q = 1;
        const char *semi = memchr(p, ';', n);
        if (semi) {
            const char *qs = strstr(semi, "q=");
            if (qs && qs < p + n) q = atof(qs + 2);
        }
        for (int i = 0; i < 3; i++)
            if (n >= 2 && strncasecmp(p, known[i], 2) == 0 && (n == 2 || p[2] == '-' || p[2] == ';' || p[2] == ' ') &&
                q > bestq) {
                best = known[i];
                bestq = q;
            }
        if (!end) break;
        p = end + 1;
    }
    return best;
}

/* ---- forms ---- */

static int hexval(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

char *hub_url_decode(const char *in, size_t len)
{
    char *out = malloc(len + 1);
    size_t o = 0;
    if (!out) return NULL;
    for (size_t i = 0; i < len; i++) {
        if (in[i] == '+') out[o++] = ' ';
        else if (in[i] == '%') {
            int a = i + 2 < len ? hexval(in[i + 1]) : -1, b = i + 2 < len ? hexval(in[i + 2]) : -1;
            if (a < 0 || b < 0 || (a == 0 && b == 0)) { free(out); return NULL; }
            out[o++] = (char)(a * 16 + b);
            i += 2;
        } else out[o++] = in[i];
    }
    out[o] = 0;
    if (!mj_utf8_valid(out, o)) { free(out); return NULL; }
    return out;
}

#define FORM_MAX_FIELDS 4096

int hub_form_parse(const hub_req *rq, hub_form *f)
{
    memset(f, 0, sizeof *f);
    const char *p = rq->body, *end = rq->body ? rq->body + rq->len : NULL;
    int cap = 0;
    while (p && p < end) {
        const char *amp = memchr(p, '&', (size_t)(end - p));
        const char *stop = amp ? amp : end;
        if (stop > p) {
            const char *eq = memchr(p, '=', (size_t)(stop - p));
            if (f->n == FORM_MAX_FIELDS) goto bad;
            if (f->n == cap) {
                int nc = cap ? cap * 2 : 16;
                char **nn = realloc(f->names, (size_t)nc * sizeof *nn), **nv;
                if (!nn) goto bad;
                f->names = nn;
                nv = realloc(f->values, (size_t)nc * sizeof *nv);
                if (!nv) goto bad;
                f->values = nv;
                cap = nc;
            }
            char *k = hub_url_decode(p, (size_t)((eq ? eq : stop) - p));
            char *v = eq ? hub_url_decode(eq + 1, (size_t)(stop - eq - 1)) : mj_strdup("");
            if (!k || !v) { free(k); free(v); goto bad; }
            f->names[f->n] = k;
            f->values[f->n++] = v;
        }
        p = stop + 1;
    }
    return MJ_OK;
bad:
    hub_form_free(f);
    return MJ_EINVAL;
}

const char *hub_form_get(const hub_form *f, const char *name)
{
    for (int i = 0; i < f->n; i++)
        if (strcmp(f->names[i], name) == 0) return f->values[i];
    return NULL;
}

int hub_form_all(const hub_form *f, const char *name, const char **out, int max)
{
    int n = 0;
    for (int i = 0; i < f->n; i++)
        if (strcmp(f->names[i], name) == 0) {
            if (n < max) out[n] = f->values[i];
            n++;
        }
    return n;
}

void hub_form_free(hub_form *f)
{
    for (int i = 0; i < f->n; i++) { free(f->names[i]); free(f->values[i]); }
    free(f->names);
    free(f->values);
    memset(f, 0, sizeof *f);
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
    else if (rq->len && rq->body[0] != '{' && rq->body[0] != '[') {
        hub_form f;
        /* Only a form body can hold the field; JSON needs the header. */
        if (hub_form_parse(rq, &f) == MJ_OK) {
            const char *v = hub_form_get(&f, "csrf");
            if (v) got = mj_strdup(v);
            hub_form_free(&f);
        }
    }
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
