/* test_hub_web.c - accounts and access without a network (issue 11): form bodies, languages,
 * passwords, the accounts/sessions store with idle and absolute expiry, sign-in with its
 * per-account and per-address delays (never a global lock), CSRF on every state-changing
 * request (refused posts change nothing), and a walk over every coordinator route as a site
 * coordinator of another site (all 403) and of their own (none 403), by session and by token. */
#include "hub_account.h"
#include "hub_api.h"
#include "hub_store.h"
#include "hub_store_backend.h"
#include "hub_test_db.h"
#include "hub_web.h"
#include "protocol.h"
#include "util.h"
#include "test.h"
#include <sodium.h>
#include <stdlib.h>
#include <time.h>

static hub_store *hs;
static char dbpath[400];

/* A request's query, cookies and headers. */
typedef struct kv { const char *k, *v; } kv;
typedef struct reqctx { kv query[6], cookie[4], header[4]; } reqctx;
static const char *look(const kv *l, const char *name)
{
    for (int i = 0; l[i].k; i++) if (strcmp(l[i].k, name) == 0) return l[i].v;
    return NULL;
}
static const char *q_query(void *c, const char *n) { return look(((reqctx *)c)->query, n); }
static const char *q_cookie(void *c, const char *n) { return look(((reqctx *)c)->cookie, n); }
static const char *q_header(void *c, const char *n) { return look(((reqctx *)c)->header, n); }

typedef struct who { const char *session, *csrf, *token, *addr; } who;

/* One request as a browser (session cookie, csrf field added to a form body) or an API client
 * (bearer token). with_csrf 0 leaves the token out. */
static int call(const who *w, const char *method, const char *path, const char *query_k, const char *query_v,
                const char *body, int with_csrf, hub_resp *rs)
{
    reqctx c;
    char auth[100], full[4096];
    memset(&c, 0, sizeof c);
    if (query_k) c.query[0] = (kv){query_k, query_v};
    if (w && w->session) c.cookie[0] = (kv){"mj_session", w->session};
    if (w && w->token) snprintf(auth, sizeof auth, "Bearer %s", w->token);
    snprintf(full, sizeof full, "%s", body ? body : "");
    if (with_csrf && w && w->csrf && (!body || body[0] != '{'))
        snprintf(full, sizeof full, "%s%scsrf=%s", body ? body : "", body && *body ? "&" : "", w->csrf);
    if (with_csrf && w && w->csrf && body && body[0] == '{') c.header[0] = (kv){"X-CSRF-Token", w->csrf};
    hub_req rq = {.method = method, .path = path, .client_addr = w && w->addr ? w->addr : "10.0.0.1",
                  .authorization = w && w->token ? auth : NULL, .body = full, .len = strlen(full),
                  .query = q_query, .cookie = q_cookie, .header = q_header, .qctx = &c};
    hub_api_handle(hs, &rq, rs);
    return rs->status;
}

static int call_free(const who *w, const char *method, const char *path, const char *qk, const char *qv,
                     const char *body, int with_csrf)
{
    hub_resp rs;
    int st = call(w, method, path, qk, qv, body, with_csrf, &rs);
    hub_resp_free(&rs);
    return st;
}

/* Value of NAME=... in a Set-Cookie line, into out. */
static void cookie_value(const char *set_cookie, const char *name, char *out, size_t cap)
{
    size_t n = strlen(name);
    out[0] = 0;
    if (strncmp(set_cookie, name, n) == 0 && set_cookie[n] == '=')
        snprintf(out, cap, "%.*s", (int)strcspn(set_cookie + n + 1, ";"), set_cookie + n + 1);
}

/* Signs in through the pages: GET /sign-in for the form token, then POST. Returns the status;
 * sid/csrf get the session (csrf from the next page's hidden field). */
static int sign_in(const char *user, const char *pw, const char *addr, char sid[65], char csrf[65])
{
    hub_resp rs;
    char pre[80], body[400], cookie_sid[80];
    reqctx c;
    memset(&c, 0, sizeof c);
    hub_req g = {.method = "GET", .path = "/sign-in", .client_addr = addr, .query = q_query, .cookie = q_cookie,
                 .header = q_header, .qctx = &c};
    hub_api_handle(hs, &g, &rs);
    cookie_value(rs.set_cookie, "mj_pre", pre, sizeof pre);
    hub_resp_free(&rs);
    if (strlen(pre) != 64) return -1;
    c.cookie[0] = (kv){"mj_pre", pre};
    snprintf(body, sizeof body, "csrf=%s&user=%s&password=%s&next=/dashboard", pre, user, pw);
    hub_req p = {.method = "POST", .path = "/sign-in", .client_addr = addr, .body = body, .len = strlen(body),
                 .query = q_query, .cookie = q_cookie, .header = q_header, .qctx = &c};
    hub_api_handle(hs, &p, &rs);
    int st = rs.status;
    cookie_value(rs.set_cookie, "mj_session", cookie_sid, sizeof cookie_sid);
    hub_resp_free(&rs);
    if (st != 303) return st;
    snprintf(sid, 65, "%.64s", cookie_sid);
    /* The CSRF token is on every page the session sees. */
    who w = {sid, NULL, NULL, addr};
    if (call(&w, "GET", "/account/password", NULL, NULL, NULL, 0, &rs) != 200) { hub_resp_free(&rs); return -2; }
    const char *f = strstr(rs.body, "name=\"csrf\" value=\"");
    snprintf(csrf, 65, "%.64s", f ? f + 19 : "");
    hub_resp_free(&rs);
    return st;
}

static void add_user(const char *name, const char *pw, int role, const char *site)
{
    char hash[128], err[MJ_ERRLEN];
    hub_principal p;
    CHECK_INT(hub_password_hash(pw, hash, err, sizeof err), MJ_OK);
    CHECK_INT(hub_user_add(hs, name, hash, role, err, sizeof err), MJ_OK);
    CHECK_INT(hub_user_get(hs, name, &p, err, sizeof err), MJ_OK);
    const char *sites[1] = {site};
    CHECK_INT(hub_user_set_sites(hs, p.id, sites, site ? 1 : 0, err, sizeof err), MJ_OK);
}

static void test_next(void)
{
    CHECK(hub_account_next_ok("/dashboard/site/tuulikyla"));
    CHECK(!hub_account_next_ok("//evil.example/"));
    CHECK(!hub_account_next_ok("https://evil.example/"));
    CHECK(!hub_account_next_ok("/a/../b"));
    CHECK(!hub_account_next_ok("/a\"b"));
}

static void test_languages(void)
{
    hub_ctx c = {.lang = "sv"};
    CHECK_STR(hub_lang_pick("sv-FI,sv;q=0.9,en;q=0.8"), "sv");
    CHECK_STR(hub_lang_pick("de-DE,en;q=0.5,fi;q=0.7"), "fi");
    CHECK_STR(hub_lang_pick("en-GB"), "en");
    CHECK_STR(hub_lang_pick("de"), "fi");
    CHECK_STR(hub_lang_pick(NULL), "fi");
    CHECK_STR(hub_lang_pick("svenska"), "fi");
    CHECK_STR(hub_t(&c, "web.signin.title"), "Logga in");
    snprintf(c.lang, sizeof c.lang, "fi");
    CHECK_STR(hub_t(&c, "web.signin.title"), "Kirjaudu sisään");
    snprintf(c.lang, sizeof c.lang, "en");
    CHECK_STR(hub_t(&c, "web.signin.title"), "Sign in");
    CHECK_STR(hub_t(&c, "web.no.such.id"), "web.no.such.id");
    char out[200];
    snprintf(c.lang, sizeof c.lang, "fi");
    hub_tf(&c, out, sizeof out, "web.signin.wait", "8", (const char *)NULL);
    CHECK_STR(out, "Liian monta epäonnistunutta yritystä. Yritä uudelleen 8 sekunnin kuluttua.");
    /* The switch: a cookie, back to the page; anything but fi/sv/en refused. */
    hub_resp rs;
    CHECK_INT(call(NULL, "GET", "/lang", "l", "sv", NULL, 0, &rs), 303);
    CHECK(strncmp(rs.set_cookie, "mj_lang=sv;", 11) == 0 && strstr(rs.set_cookie, "SameSite=Strict"));
    CHECK_STR(rs.location, "/dashboard");
    hub_resp_free(&rs);
    CHECK_INT(call_free(NULL, "GET", "/lang", "l", "de", NULL, 0), 400);
}

static void test_passwords(void)
{
    char hash[128], err[MJ_ERRLEN];
    const char *why;
    CHECK_INT(hub_password_check("short", &why), MJ_EINVAL);
    CHECK_STR(why, "web.pw.too_short");
    CHECK_INT(hub_password_check("ten chars!", &why), MJ_OK);
    CHECK_INT(hub_password_hash("short", hash, err, sizeof err), MJ_EINVAL);
    CHECK_INT(hub_password_hash("a long enough one", hash, err, sizeof err), MJ_OK);
    CHECK(strncmp(hash, "$argon2id$", 10) == 0);
    CHECK_INT(hub_password_verify(hash, "a long enough one"), 1);
    CHECK_INT(hub_password_verify(hash, "a long enough onE"), 0);
    CHECK_INT(hub_password_verify(NULL, "a long enough one"), 0);
    CHECK_INT(hub_password_verify("$argon2id$broken", "x"), 0);
}

static void test_store_sessions(void)
{
    char err[MJ_ERRLEN], sid[65], csrf[65], got[65], hash[65];
    hub_principal p;
    add_user("sessio", "sessio password", HUB_ROLE_COORD, "alpha");
    CHECK_INT(hub_user_get(hs, "sessio", &p, err, sizeof err), MJ_OK);
    CHECK_INT(p.nsites, 1);
    CHECK_STR(p.sites[0], "alpha");
    CHECK_INT(hub_user_add(hs, "sessio", "$argon2id$x", HUB_ROLE_COORD, err, sizeof err), MJ_EINVAL);
    CHECK_INT(hub_user_add(hs, "Bad Name", "$argon2id$x", HUB_ROLE_COORD, err, sizeof err), MJ_EINVAL);
    long long t0 = 1000000;
    CHECK_INT(hub_session_new(hs, p.id, t0, sid, csrf, err, sizeof err), MJ_OK);
    CHECK_INT(hub_session_get(hs, sid, t0 + 10, 60, 3600, &p, got, hash), MJ_OK);
    CHECK_STR(got, csrf);
    CHECK_STR(p.name, "sessio");
    CHECK_STR(p.pw_hash, "");
    /* Used within the idle time it goes on, until the absolute limit. */
    for (long long t = t0 + 50; t < t0 + 3600; t += 50) CHECK_INT(hub_session_get(hs, sid, t, 60, 3600, &p, got, hash), MJ_OK);
    CHECK_INT(hub_session_get(hs, sid, t0 + 3601, 60, 3600, &p, got, hash), MJ_ENOTFOUND);
    CHECK_INT(hub_session_get(hs, sid, t0 + 3000, 60, 3600, &p, got, hash), MJ_ENOTFOUND);   /* deleted */
    /* Idle too long. */
    CHECK_INT(hub_session_new(hs, p.id, t0, sid, csrf, err, sizeof err), MJ_OK);
    CHECK_INT(hub_session_get(hs, sid, t0 + 61, 60, 3600, &p, got, hash), MJ_ENOTFOUND);
    /* The id is stored only hashed. */
    long long n = -1;
    CHECK_INT(hub_session_new(hs, p.id, t0, sid, csrf, err, sizeof err), MJ_OK);
    CHECK_INT(hub_store_q_int(hs, "SELECT count(*) FROM sessions WHERE id_hash = $1", (hub_param[]){HP_T(sid)}, 1, &n,
                              err, sizeof err), MJ_OK);
    CHECK_INT(n, 0);
    /* Disabling ends the sessions; a wrong or odd id finds nothing. */
    CHECK_INT(hub_user_get(hs, "sessio", &p, err, sizeof err), MJ_OK);
    CHECK_INT(hub_user_set_disabled(hs, p.id, 1, err, sizeof err), MJ_OK);
    CHECK_INT(hub_session_get(hs, sid, t0 + 1, 60, 3600, &p, got, hash), MJ_ENOTFOUND);
    CHECK_INT(hub_session_get(hs, "abc", t0, 60, 3600, &p, got, hash), MJ_ENOTFOUND);
    CHECK_INT(hub_user_get(hs, "sessio", &p, err, sizeof err), MJ_OK);
    CHECK_INT(hub_user_set_disabled(hs, p.id, 0, err, sizeof err), MJ_OK);
}

static void test_sign_in_and_csrf(void)
{
    char sid[65], csrf[65], sid2[65], csrf2[65];
    hub_resp rs;
    add_user("anna", "anna's long password", HUB_ROLE_ADMIN, NULL);
    CHECK_INT(sign_in("anna", "anna's long password", "10.0.0.2", sid, csrf), 303);
    CHECK_INT(strlen(csrf), 64);
    who w = {sid, csrf, NULL, "10.0.0.2"};
    CHECK_INT(call_free(&w, "GET", "/dashboard", NULL, NULL, NULL, 0), 200);
    CHECK_INT(call_free(&w, "GET", "/admin/users", NULL, NULL, NULL, 0), 200);
    /* A sign-in post without the form's own token is refused. */
    {
        reqctx c;
        memset(&c, 0, sizeof c);
        const char *b = "user=anna&password=anna%27s+long+password";
        hub_req p = {.method = "POST", .path = "/sign-in", .client_addr = "10.0.0.2", .body = b, .len = strlen(b),
                     .query = q_query, .cookie = q_cookie, .header = q_header, .qctx = &c};
        hub_api_handle(hs, &p, &rs);
        CHECK_INT(rs.status, 403);
        CHECK(strstr(rs.set_cookie, "mj_session") == NULL);
        hub_resp_free(&rs);
    }
    /* State-changing posts without (or with a wrong) CSRF token: 403, nothing changes. */
    long long before = 0, after = 0;
    hub_user_count(hs, &before, NULL, 0);
    const char *add = "user=eve&role=admin&sites=&password=eve+long+password";
    CHECK_INT(call_free(&w, "POST", "/admin/users", NULL, NULL, add, 0), 403);
    who wrong = {sid, "0000000000000000000000000000000000000000000000000000000000000000", NULL, "10.0.0.2"};
    CHECK_INT(call_free(&wrong, "POST", "/admin/users", NULL, NULL, add, 1), 403);
    hub_user_count(hs, &after, NULL, 0);
    CHECK_INT(after, before);
    CHECK_INT(call_free(&w, "POST", "/sign-out", NULL, NULL, NULL, 0), 403);
    CHECK_INT(call_free(&w, "GET", "/dashboard", NULL, NULL, NULL, 0), 200);     /* still signed in */
    CHECK_INT(call_free(&w, "PUT", "/api/v1/sites/alpha/bundle", NULL, NULL, "{}", 0), 403);
    /* With the token: the user is added and the audit log says so (no password in it). */
    CHECK_INT(call_free(&w, "POST", "/admin/users", NULL, NULL, add, 1), 200);
    hub_user_count(hs, &after, NULL, 0);
    CHECK_INT(after, before + 1);
    long long n = 0;
    hub_store_q_int(hs, "SELECT count(*) FROM audit WHERE action = 'user.add' AND actor = 'anna' AND target = 'eve'"
                        " AND address = '10.0.0.2'", NULL, 0, &n, NULL, 0);
    CHECK_INT(n, 1);
    hub_store_q_int(hs, "SELECT count(*) FROM audit WHERE detail LIKE '%long%' OR target LIKE '%long%'", NULL, 0, &n, NULL, 0);
    CHECK_INT(n, 0);
    /* Sign-out with the token ends the session. */
    CHECK_INT(call(&w, "POST", "/sign-out", NULL, NULL, NULL, 1, &rs), 303);
    CHECK(strstr(rs.set_cookie, "mj_session=;") && strstr(rs.set_cookie, "Max-Age=0"));
    hub_resp_free(&rs);
    CHECK_INT(call(&w, "GET", "/dashboard", NULL, NULL, NULL, 0, &rs), 303);
    CHECK_STR(rs.location, "/sign-in?next=/dashboard");
    hub_resp_free(&rs);
    CHECK_INT(call_free(&w, "GET", "/api/v1/kiosks", NULL, NULL, NULL, 0), 401);
    /* Password change: the wrong current one changes nothing; the right one keeps this session
     * and ends the others. */
    CHECK_INT(sign_in("anna", "anna's long password", "10.0.0.2", sid, csrf), 303);
    CHECK_INT(sign_in("anna", "anna's long password", "10.0.0.3", sid2, csrf2), 303);
    who a1 = {sid, csrf, NULL, "10.0.0.2"}, a2 = {sid2, csrf2, NULL, "10.0.0.3"};
    CHECK_INT(call_free(&a1, "POST", "/account/password", NULL, NULL, "current=nope+nope+nope&new=brand+new+secret&again=brand+new+secret", 1), 400);
    CHECK_INT(call_free(&a1, "POST", "/account/password", NULL, NULL, "current=anna%27s+long+password&new=brand+new+secret&again=brand+new+secreT", 1), 400);
    CHECK_INT(call_free(&a1, "POST", "/account/password", NULL, NULL, "current=anna%27s+long+password&new=short&again=short", 1), 400);
    CHECK_INT(call_free(&a2, "GET", "/dashboard", NULL, NULL, NULL, 0), 200);
    CHECK_INT(call_free(&a1, "POST", "/account/password", NULL, NULL, "current=anna%27s+long+password&new=brand+new+secret&again=brand+new+secret", 1), 200);
    CHECK_INT(call_free(&a1, "GET", "/dashboard", NULL, NULL, NULL, 0), 200);
    CHECK_INT(call_free(&a2, "GET", "/dashboard", NULL, NULL, NULL, 0), 303);
    CHECK_INT(sign_in("anna", "brand+new+secret", "10.0.0.4", sid2, csrf2), 303);
    /* Guessing the current password from a session is limited like sign-ins. */
    who a3 = {sid2, csrf2, NULL, "10.0.0.4"};
    for (int i = 0; i <= HUB_SIGNIN_USER_FREE; i++)
        CHECK_INT(call_free(&a3, "POST", "/account/password", NULL, NULL, "current=guess+guess+guess&new=brand+new+secret2&again=brand+new+secret2", 1), 400);
    CHECK_INT(call_free(&a3, "POST", "/account/password", NULL, NULL, "current=brand+new+secret&new=brand+new+secret2&again=brand+new+secret2", 1), 429);
    CHECK_INT(sign_in("anna", "brand+new+secret", "10.0.0.5", sid2, csrf2), 429);
    hub_penalty_clear(hs, "signin-user:anna");
}

static void test_sign_in_limits(void)
{
    char sid[65], csrf[65];
    add_user("ville", "villes long password", HUB_ROLE_COORD, "alpha");
    add_user("maija", "maijas long password", HUB_ROLE_COORD, "alpha");
    /* Per account: HUB_SIGNIN_USER_FREE wrong passwords are free; the next one shuts the
     * account out for a while, even with the right password, from any address. */
    for (int i = 0; i < HUB_SIGNIN_USER_FREE; i++) CHECK_INT(sign_in("ville", "wrong+password+x", "10.1.0.1", sid, csrf), 401);
    CHECK_INT(sign_in("ville", "wrong+password+x", "10.1.0.1", sid, csrf), 401);
    CHECK_INT(sign_in("ville", "villes+long+password", "10.1.0.9", sid, csrf), 429);
    /* ... but nobody else is shut out: another account from the same address signs in. */
    CHECK_INT(sign_in("maija", "maijas+long+password", "10.1.0.1", sid, csrf), 303);
    long long n = 0;
    hub_store_q_int(hs, "SELECT count(*) FROM audit WHERE action = 'signin.fail' AND target = 'ville'", NULL, 0, &n, NULL, 0);
    CHECK_INT(n, HUB_SIGNIN_USER_FREE + 1);
    /* Per address: an address that failed often is shut out for every account, other
     * addresses are not. (The failures are counted the way the route counts them.) */
    for (int i = 0; i <= HUB_SIGNIN_ADDR_FREE; i++) hub_penalty_fail(hs, "signin-addr:10.2.0.1", HUB_SIGNIN_ADDR_FREE, HUB_SIGNIN_ADDR_MAX_S);
    CHECK_INT(sign_in("maija", "maijas+long+password", "10.2.0.1", sid, csrf), 429);
    CHECK_INT(sign_in("maija", "maijas+long+password", "10.2.0.2", sid, csrf), 303);
    /* A right password clears the account's count. */
    for (int i = 0; i < HUB_SIGNIN_USER_FREE - 1; i++) CHECK_INT(sign_in("maija", "wrong+password+x", "10.3.0.1", sid, csrf), 401);
    CHECK_INT(sign_in("maija", "maijas+long+password", "10.3.0.1", sid, csrf), 303);
    CHECK_INT(sign_in("maija", "wrong+password+x", "10.3.0.1", sid, csrf), 401);
    CHECK_INT(sign_in("maija", "maijas+long+password", "10.3.0.1", sid, csrf), 303);
    /* Unknown accounts and disabled ones look the same as a wrong password. */
    CHECK_INT(sign_in("nobody", "whatever+long+x", "10.4.0.1", sid, csrf), 401);
}

/* Every coordinator route of a site, with a body where it takes one. %s is the site (or, for
 * kiosks, the kiosk id). New per-site routes belong in this list. */
typedef struct route { const char *method, *path, *qk, *body; int kiosk; } route;
static const route site_routes[] = {
    {"GET", "/dashboard/site/%s", NULL, NULL, 0},
    {"GET", "/api/v1/feedback.csv", "site", NULL, 0},
    {"GET", "/api/v1/feedback/summary", "site", NULL, 0},
    {"PUT", "/api/v1/sites/%s/bundle", NULL, "{\"format\": 1}", 0},
    {"POST", "/api/v1/sites/%s/enroll-codes", NULL, "{\"name\": \"x\"}", 0},
    {"POST", "/api/v1/kiosks/%s/revoke", NULL, "{}", 1},
};

static void walk(const who *w, const char *site, const char *kiosk, int expect_forbidden)
{
    for (size_t i = 0; i < sizeof site_routes / sizeof site_routes[0]; i++) {
        const route *r = &site_routes[i];
        char path[200];
        snprintf(path, sizeof path, r->path, r->kiosk ? kiosk : site);
        int st = call_free(w, r->method, path, r->qk, r->qk ? site : NULL, r->body, 1);
        if (expect_forbidden && st != 403) fprintf(stderr, "  %s %s (site %s): %d, expected 403\n", r->method, path, site, st);
        if (!expect_forbidden && st == 403) fprintf(stderr, "  %s %s (own site %s): 403\n", r->method, path, site);
        CHECK(expect_forbidden ? st == 403 : st != 403 && st != 401);
    }
}

static void test_routes_by_role(void)
{
    char sid[65], csrf[65], err[MJ_ERRLEN], code[16], ktok[65], ctok[65], atok[65];
    hub_kiosk ka, kb;
    hub_resp rs;
    /* A kiosk at each of the sites alpha and beta. */
    CHECK_INT(hub_enroll_new(hs, "alpha", "A", 3600, code, err, sizeof err), MJ_OK);
    CHECK_INT(hub_enroll_redeem(hs, code, &ka, ktok, err, sizeof err), MJ_OK);
    CHECK_INT(hub_enroll_new(hs, "beta", "B", 3600, code, err, sizeof err), MJ_OK);
    CHECK_INT(hub_enroll_redeem(hs, code, &kb, ktok, err, sizeof err), MJ_OK);
    add_user("alpha.coord", "alpha long password", HUB_ROLE_COORD, "alpha");
    CHECK_INT(sign_in("alpha.coord", "alpha+long+password", "10.5.0.1", sid, csrf), 303);
    who s = {sid, csrf, NULL, "10.5.0.1"};
    const char *alpha[1] = {"alpha"};
    CHECK_INT(hub_coord_new_scoped(hs, "alpha-bot", HUB_ROLE_COORD, alpha, 1, ctok, err, sizeof err), MJ_OK);
    who t = {NULL, NULL, ctok, "10.5.0.2"};
    /* Another site's every route: 403, by session and by token. */
    walk(&s, "beta", kb.id, 1);
    walk(&t, "beta", kb.id, 1);
    /* The admin pages and all-sites exports too. */
    const char *admin_only[][2] = {{"GET", "/admin/users"}, {"GET", "/admin/audit"}, {"POST", "/admin/users"},
                                   {"POST", "/admin/users/update"}, {"POST", "/admin/users/disable"},
                                   {"GET", "/api/v1/feedback.csv"}, {"GET", "/api/v1/feedback/summary"}};
    for (int i = 0; i < 7; i++) {
        CHECK_INT(call_free(&s, admin_only[i][0], admin_only[i][1], NULL, NULL, "user=anna&disabled=1", 1), 403);
        CHECK_INT(call_free(&t, admin_only[i][0], admin_only[i][1], NULL, NULL, "user=anna&disabled=1", 1), 403);
    }
    /* Lists show only their own: no beta kiosk in the kiosk list or on the start page. */
    CHECK_INT(call(&t, "GET", "/api/v1/kiosks", NULL, NULL, NULL, 0, &rs), 200);
    CHECK(strstr(rs.body, ka.id) && !strstr(rs.body, kb.id));
    hub_resp_free(&rs);
    CHECK_INT(call(&s, "GET", "/dashboard", NULL, NULL, NULL, 0, &rs), 200);
    CHECK(strstr(rs.body, ka.id) && !strstr(rs.body, kb.id) && !strstr(rs.body, "/dashboard/site/beta"));
    hub_resp_free(&rs);
    /* Beta's kiosk is still there. */
    hub_kiosk k;
    CHECK_INT(hub_kiosk_auth(hs, ktok, &k), MJ_OK);
    /* Their own site: nothing refused (the bundle is refused as a bad bundle, not for access). */
    walk(&s, "alpha", ka.id, 0);
    /* An admin token reaches both. */
    CHECK_INT(hub_coord_new(hs, "admin-bot", atok, err, sizeof err), MJ_OK);
    who a = {NULL, NULL, atok, "10.5.0.3"};
    CHECK_INT(call_free(&a, "GET", "/dashboard/site/beta", NULL, NULL, NULL, 0), 200);
    CHECK_INT(call_free(&a, "GET", "/api/v1/feedback.csv", NULL, NULL, NULL, 0), 200);
    CHECK_INT(call_free(&a, "GET", "/admin/audit", NULL, NULL, NULL, 0), 200);
}

int main(void)
{
    char err[MJ_ERRLEN];
    if (sodium_init() < 0) return 1;
    if (hub_test_db(dbpath, sizeof dbpath, "test_hub_web")) return 1;
    if (hub_store_open(dbpath, &hs, err, sizeof err)) { fprintf(stderr, "%s\n", err); return 1; }
    RUN(test_next);
    RUN(test_languages);
    RUN(test_passwords);
    RUN(test_store_sessions);
    RUN(test_sign_in_and_csrf);
    RUN(test_sign_in_limits);
    RUN(test_routes_by_role);
    hub_store_close(hs);
    hub_test_db_drop(dbpath);
    return TEST_DONE();
}
