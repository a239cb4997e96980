/* hub_store_auth.c - see hub_store_auth.h. Accounts, scoped tokens, sessions, the audit log. */
#include "hub_store_auth.h"
#include "hub_store_backend.h"
#include "protocol.h"
#include "util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *hub_role_name(int role)
{
    return role == HUB_ROLE_ADMIN ? "admin" : role == HUB_ROLE_COORD ? "coordinator" : "none";
}

int hub_role_parse(const char *s)
{
    if (!s) return HUB_ROLE_NONE;
    if (strcmp(s, "admin") == 0) return HUB_ROLE_ADMIN;
    if (strcmp(s, "coordinator") == 0) return HUB_ROLE_COORD;
    return HUB_ROLE_NONE;
}

int hub_user_name_ok(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n < 1 || n > HUB_NAME_MAX) return 0;
    if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= '0' && s[0] <= '9'))) return 0;
    return strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789._-") == n;
}

static void copy_field(char *dst, size_t cap, const hub_val *v)
{
    snprintf(dst, cap, "%s", v->s ? v->s : "");
}

/* id, name, pw_hash, role, disabled */
static int user_cb(void *ctx, const hub_val *c, int n)
{
    hub_principal *p = ctx;
    if (n < 5) return 0;
    p->id = c[0].s ? atoll(c[0].s) : 0;
    copy_field(p->name, sizeof p->name, &c[1]);
    copy_field(p->pw_hash, sizeof p->pw_hash, &c[2]);
    p->role = hub_role_parse(c[3].s);
    p->disabled = c[4].s && atoi(c[4].s) != 0;
    return 1;
}

static int site_cb(void *ctx, const hub_val *c, int n)
{
    hub_principal *p = ctx;
    if (n >= 1 && c[0].s && p->nsites < HUB_MAX_SITES) copy_field(p->sites[p->nsites++], sizeof p->sites[0], &c[0]);
    return 0;
}

static int load_sites(hub_store *hs, hub_principal *p, char *err, size_t errlen)
{
    p->nsites = 0;
    if (p->is_token)
        return hub_store_q(hs, "SELECT site FROM coordinator_sites WHERE coord_id = $1 ORDER BY site",
                           (hub_param[]){HP_I(p->id)}, 1, site_cb, p, NULL, err, errlen);
    return hub_store_q(hs, "SELECT site FROM user_sites WHERE user_id = $1 ORDER BY site", (hub_param[]){HP_I(p->id)}, 1,
                       site_cb, p, NULL, err, errlen);
}

static int user_found(hub_store *hs, int rc, hub_principal *out, const char *what, char *err, size_t errlen)
{
    if (rc == 0) return mj_err(err, errlen, MJ_ENOTFOUND, "no user %s", what);
    if (rc != 1) return rc;
    return load_sites(hs, out, err, errlen);
}

int hub_user_get(hub_store *hs, const char *name, hub_principal *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    if (!hub_user_name_ok(name)) return mj_err(err, errlen, MJ_ENOTFOUND, "no such user");
    int rc = hub_store_q(hs, "SELECT id, name, pw_hash, role, disabled FROM users WHERE name = $1",
                         (hub_param[]){HP_T(name)}, 1, user_cb, out, NULL, err, errlen);
    return user_found(hs, rc, out, name, err, errlen);
}

int hub_user_get_id(hub_store *hs, long long id, hub_principal *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    int rc = hub_store_q(hs, "SELECT id, name, pw_hash, role, disabled FROM users WHERE id = $1",
                         (hub_param[]){HP_I(id)}, 1, user_cb, out, NULL, err, errlen);
    return user_found(hs, rc, out, "with that id", err, errlen);
}

int hub_user_add(hub_store *hs, const char *name, const char *pw_hash, int role, char *err, size_t errlen)
{
    char now[32];
    long long have = 0;
    if (!hub_user_name_ok(name))
        return mj_err(err, errlen, MJ_EINVAL, "a user name is 1-64 of a-z, 0-9, '.', '_', '-', starting with a letter or digit");
    if (role != HUB_ROLE_ADMIN && role != HUB_ROLE_COORD) return mj_err(err, errlen, MJ_EINVAL, "role: admin or coordinator");
    if (!pw_hash || strncmp(pw_hash, "$argon2id$", 10) != 0 || strlen(pw_hash) >= 128)
        return mj_err(err, errlen, MJ_EINVAL, "the password hash is not an Argon2id string");
    int rc = hub_store_q_int(hs, "SELECT count(*) FROM users WHERE name = $1", (hub_param[]){HP_T(name)}, 1, &have, err,
                             errlen);
    if (rc) return rc;
    if (have) return mj_err(err, errlen, MJ_EINVAL, "user \"%s\" exists already", name);
    hub_now(now);
    return hub_store_durable(hs, "INSERT INTO users (name, pw_hash, role, disabled, created, pw_changed)"
                                 " VALUES ($1, $2, $3, 0, $4, $4)",
                             (hub_param[]){HP_T(name), HP_T(pw_hash), HP_T(hub_role_name(role)), HP_T(now)}, 4, NULL,
                             err, errlen);
}

static int changed_one(int rc, long changes, char *err, size_t errlen)
{
    if (!rc && changes == 0) return mj_err(err, errlen, MJ_ENOTFOUND, "no such user");
    return rc;
}

int hub_user_set_password(hub_store *hs, long long id, const char *pw_hash, const char *keep_session_hash,
                          char *err, size_t errlen)
{
    char now[32];
    long changes = 0;
    if (!pw_hash || strncmp(pw_hash, "$argon2id$", 10) != 0 || strlen(pw_hash) >= 128)
        return mj_err(err, errlen, MJ_EINVAL, "the password hash is not an Argon2id string");
    hub_now(now);
    int rc = hub_store_begin(hs, err, errlen);
    if (rc) return rc;
    rc = hub_store_q(hs, "UPDATE users SET pw_hash = $2, pw_changed = $3 WHERE id = $1",
                     (hub_param[]){HP_I(id), HP_T(pw_hash), HP_T(now)}, 3, NULL, NULL, &changes, err, errlen);
    if (!rc) rc = hub_store_q(hs, "DELETE FROM sessions WHERE user_id = $1 AND id_hash <> $2",
                              (hub_param[]){HP_I(id), HP_T(keep_session_hash ? keep_session_hash : "")}, 2, NULL, NULL,
                              NULL, err, errlen);
    if (!rc) rc = hub_store_exec(hs, "COMMIT", err, errlen);
    if (rc) hub_store_exec(hs, "ROLLBACK", NULL, 0);
    return changed_one(rc, changes, err, errlen);
}

int hub_user_set_disabled(hub_store *hs, long long id, int disabled, char *err, size_t errlen)
{
    long changes = 0;
    int rc = hub_store_begin(hs, err, errlen);
    if (rc) return rc;
    rc = hub_store_q(hs, "UPDATE users SET disabled = $2 WHERE id = $1", (hub_param[]){HP_I(id), HP_I(disabled ? 1 : 0)}, 2,
                     NULL, NULL, &changes, err, errlen);
    if (!rc && disabled)
        rc = hub_store_q(hs, "DELETE FROM sessions WHERE user_id = $1", (hub_param[]){HP_I(id)}, 1, NULL, NULL, NULL, err,
                         errlen);
    if (!rc) rc = hub_store_exec(hs, "COMMIT", err, errlen);
    if (rc) hub_store_exec(hs, "ROLLBACK", NULL, 0);
    return changed_one(rc, changes, err, errlen);
}

int hub_user_set_role(hub_store *hs, long long id, int role, char *err, size_t errlen)
{
    long changes = 0;
    if (role != HUB_ROLE_ADMIN && role != HUB_ROLE_COORD) return mj_err(err, errlen, MJ_EINVAL, "role: admin or coordinator");
    int rc = hub_store_durable(hs, "UPDATE users SET role = $2 WHERE id = $1",
                               (hub_param[]){HP_I(id), HP_T(hub_role_name(role))}, 2, &changes, err, errlen);
    return changed_one(rc, changes, err, errlen);
}

static int sites_ok(const char *const *sites, int n, char *err, size_t errlen)
{
    if (n < 0 || n > HUB_MAX_SITES) return mj_err(err, errlen, MJ_EINVAL, "at most %d sites", HUB_MAX_SITES);
    for (int i = 0; i < n; i++)
        if (!proto_is_id(sites[i])) return mj_err(err, errlen, MJ_EINVAL, "site \"%.64s\" is not an id", sites[i]);
    return MJ_OK;
}

int hub_user_set_sites(hub_store *hs, long long id, const char *const *sites, int n, char *err, size_t errlen)
{
    int rc = sites_ok(sites, n, err, errlen);
    if (rc) return rc;
    if ((rc = hub_store_begin(hs, err, errlen))) return rc;
    rc = hub_store_q(hs, "DELETE FROM user_sites WHERE user_id = $1", (hub_param[]){HP_I(id)}, 1, NULL, NULL, NULL, err,
                     errlen);
    for (int i = 0; !rc && i < n; i++)
        rc = hub_store_q(hs, "INSERT INTO user_sites (user_id, site) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                         (hub_param[]){HP_I(id), HP_T(sites[i])}, 2, NULL, NULL, NULL, err, errlen);
    if (!rc) rc = hub_store_exec(hs, "COMMIT", err, errlen);
    if (rc) hub_store_exec(hs, "ROLLBACK", NULL, 0);
    return rc;
}

int hub_user_rows(hub_store *hs, hub_row_fn fn, void *ctx, char *err, size_t errlen)
{
    return hub_store_q(hs, hub_store_is_pg(hs)
                           ? "SELECT u.id, u.name, u.role, u.disabled, u.created,"
                             " COALESCE((SELECT string_agg(site, ',' ORDER BY site) FROM user_sites s WHERE s.user_id = u.id), '')"
                             " FROM users u ORDER BY u.name"
                           : "SELECT u.id, u.name, u.role, u.disabled, u.created,"
                             " COALESCE((SELECT group_concat(site, ',') FROM (SELECT site FROM user_sites s"
                             " WHERE s.user_id = u.id ORDER BY site)), '') FROM users u ORDER BY u.name",
                       NULL, 0, fn, ctx, NULL, err, errlen);
}

int hub_user_count(hub_store *hs, long long *n, char *err, size_t errlen)
{
    return hub_store_q_int(hs, "SELECT count(*) FROM users", NULL, 0, n, err, errlen);
}

int hub_coord_new_scoped(hub_store *hs, const char *name, int role, const char *const *sites, int n, char token[65],
                         char *err, size_t errlen)
{
    char hash[65], now[32];
    long long id = 0;
    if (role != HUB_ROLE_ADMIN && role != HUB_ROLE_COORD) return mj_err(err, errlen, MJ_EINVAL, "role: admin or coordinator");
    int rc = sites_ok(sites, n, err, errlen);
    if (rc) return rc;
    if (!name || !*name || strlen(name) > 128 || !mj_utf8_valid(name, strlen(name)))
        return mj_err(err, errlen, MJ_EINVAL, "a token's name is 1-128 bytes of UTF-8");
    proto_token_new(token);
    proto_secret_hash(token, hash);
    hub_now(now);
    if ((rc = hub_store_begin(hs, err, errlen))) return rc;
    rc = hub_store_q(hs, "INSERT INTO coordinators (name, token_hash, created, role) VALUES ($1, $2, $3, $4)",
                     (hub_param[]){HP_T(name), HP_T(hash), HP_T(now), HP_T(hub_role_name(role))}, 4, NULL, NULL, NULL,
                     err, errlen);
    if (!rc) rc = hub_store_q_int(hs, "SELECT id FROM coordinators WHERE token_hash = $1", (hub_param[]){HP_T(hash)}, 1,
                                  &id, err, errlen);
    for (int i = 0; !rc && i < n; i++)
        rc = hub_store_q(hs, "INSERT INTO coordinator_sites (coord_id, site) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                         (hub_param[]){HP_I(id), HP_T(sites[i])}, 2, NULL, NULL, NULL, err, errlen);
    if (!rc) rc = hub_store_exec(hs, "COMMIT", err, errlen);
    if (rc) hub_store_exec(hs, "ROLLBACK", NULL, 0);
    return rc;
}

/* id, name, role */
static int coord_cb(void *ctx, const hub_val *c, int n)
{
    hub_principal *p = ctx;
    if (n < 3) return 0;
    p->id = c[0].s ? atoll(c[0].s) : 0;
    copy_field(p->name, sizeof p->name, &c[1]);
    p->role = hub_role_parse(c[2].s);
    p->is_token = 1;
    return 1;
}

int hub_coord_lookup(hub_store *hs, const char *token, hub_principal *out)
{
    char hash[65];
    memset(out, 0, sizeof *out);
    if (!token || strlen(token) != PROTO_TOKEN_HEX) return MJ_ENOTFOUND;
    proto_secret_hash(token, hash);
    int rc = hub_store_q(hs, "SELECT id, name, role FROM coordinators WHERE token_hash = $1 AND revoked_at IS NULL",
                         (hub_param[]){HP_T(hash)}, 1, coord_cb, out, NULL, NULL, 0);
    if (rc == 0) return MJ_ENOTFOUND;
    if (rc != 1) return MJ_EDB;
    if (out->role == HUB_ROLE_NONE) return MJ_ENOTFOUND;
    return load_sites(hs, out, NULL, 0) ? MJ_EDB : MJ_OK;
}

int hub_session_new(hub_store *hs, long long user_id, long long now, char id[65], char csrf[65], char *err, size_t errlen)
{
    char hash[65];
    proto_token_new(id);
    proto_token_new(csrf);
    proto_secret_hash(id, hash);
    return hub_store_durable(hs, "INSERT INTO sessions (id_hash, user_id, csrf, created, last_seen) VALUES ($1,$2,$3,$4,$4)",
                             (hub_param[]){HP_T(hash), HP_I(user_id), HP_T(csrf), HP_I(now)}, 4, NULL, err, errlen);
}

typedef struct sess_row { long long user_id, created, last_seen; char csrf[65]; int seen; } sess_row;
static int sess_cb(void *ctx, const hub_val *c, int n)
{
    sess_row *r = ctx;
    if (n < 4) return 0;
    r->user_id = c[0].s ? atoll(c[0].s) : 0;
    copy_field(r->csrf, sizeof r->csrf, &c[1]);
    r->created = c[2].s ? atoll(c[2].s) : 0;
    r->last_seen = c[3].s ? atoll(c[3].s) : 0;
    r->seen = 1;
    return 0;
}

int hub_session_get(hub_store *hs, const char *id, long long now, long idle_s, long max_s, hub_principal *out,
                    char csrf[65], char id_hash[65])
{
    char hash[65];
    sess_row r = {0};
    memset(out, 0, sizeof *out);
    if (!id || strlen(id) != PROTO_TOKEN_HEX || strspn(id, "0123456789abcdef") != PROTO_TOKEN_HEX) return MJ_ENOTFOUND;
    proto_secret_hash(id, hash);
    if (hub_store_q(hs, "SELECT user_id, csrf, created, last_seen FROM sessions WHERE id_hash = $1",
                    (hub_param[]){HP_T(hash)}, 1, sess_cb, &r, NULL, NULL, 0))
        return MJ_EDB;
    if (!r.seen) return MJ_ENOTFOUND;
    /* A clock that went back more than a minute ends the session too. */
    if (now - r.last_seen > idle_s || now - r.created > max_s || now < r.last_seen - 60) {
        hub_store_q(hs, "DELETE FROM sessions WHERE id_hash = $1", (hub_param[]){HP_T(hash)}, 1, NULL, NULL, NULL, NULL, 0);
        return MJ_ENOTFOUND;
    }
    if (hub_user_get_id(hs, r.user_id, out, NULL, 0) != MJ_OK || out->disabled || out->role == HUB_ROLE_NONE) {
        memset(out, 0, sizeof *out);
        return MJ_ENOTFOUND;
    }
    if (now > r.last_seen)
        hub_store_q(hs, "UPDATE sessions SET last_seen = $2 WHERE id_hash = $1", (hub_param[]){HP_T(hash), HP_I(now)}, 2,
                    NULL, NULL, NULL, NULL, 0);
    memset(out->pw_hash, 0, sizeof out->pw_hash);     /* a session never needs the hash */
    snprintf(csrf, 65, "%s", r.csrf);
    if (id_hash) snprintf(id_hash, 65, "%s", hash);
    return MJ_OK;
}

int hub_session_delete(hub_store *hs, const char *id)
{
    char hash[65];
    if (!id || strlen(id) != PROTO_TOKEN_HEX) return MJ_ENOTFOUND;
    proto_secret_hash(id, hash);
    return hub_store_durable(hs, "DELETE FROM sessions WHERE id_hash = $1", (hub_param[]){HP_T(hash)}, 1, NULL, NULL, 0);
}

int hub_session_sweep(hub_store *hs, long long now, long idle_s, long max_s)
{
    return hub_store_q(hs, "DELETE FROM sessions WHERE last_seen < $1 OR created < $2",
                       (hub_param[]){HP_I(now - idle_s), HP_I(now - max_s)}, 2, NULL, NULL, NULL, NULL, 0);
}

static int site_text_cb(void *ctx, const hub_val *c, int n)
{
    if (n >= 1 && c[0].s) snprintf(ctx, 65, "%s", c[0].s);
    return 1;
}

int hub_kiosk_site(hub_store *hs, const char *kiosk_id, char site[65])
{
    site[0] = 0;
    int rc = hub_store_q(hs, "SELECT site FROM kiosks WHERE id = $1", (hub_param[]){HP_T(kiosk_id)}, 1, site_text_cb, site,
                         NULL, NULL, 0);
    return rc == 1 ? MJ_OK : rc == 0 ? MJ_ENOTFOUND : MJ_EDB;
}

/* A field for the audit log: at most 200 bytes, cut at a character boundary. */
static void audit_field(char out[204], const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n > 200) {
        n = 200;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) n--;
    }
    if (n) memcpy(out, s, n);
    out[n] = 0;
    if (!mj_utf8_valid(out, n)) snprintf(out, 204, "(not UTF-8)");
}

int hub_audit_add(hub_store *hs, const char *actor, const char *address, const char *action, const char *target,
                  const char *detail)
{
    char now[32], a[204], ad[204], ac[204], t[204], d[204];
    hub_now(now);
    audit_field(a, actor);
    audit_field(ad, address);
    audit_field(ac, action);
    audit_field(t, target);
    audit_field(d, detail);
    return hub_store_durable(hs, "INSERT INTO audit (at, actor, address, action, target, detail) VALUES ($1,$2,$3,$4,$5,$6)",
                             (hub_param[]){HP_T(now), HP_T(a), HP_T(ad), HP_T(ac), HP_T(t), HP_T(d)}, 6, NULL, NULL, 0);
}

int hub_audit_rows(hub_store *hs, long long before_id, int limit, hub_row_fn fn, void *ctx, char *err, size_t errlen)
{
    if (limit < 1 || limit > 1000) limit = 100;
    return hub_store_q(hs, "SELECT id, at, actor, address, action, target, detail FROM audit"
                           " WHERE ($1 = 0 OR id < $1) ORDER BY id DESC LIMIT $2",
                       (hub_param[]){HP_I(before_id), HP_I(limit)}, 2, fn, ctx, NULL, err, errlen);
}
