/* hub_store_auth.h - the part of the hub store (hub_store.h's contract, both backends) that
 * knows who is asking: coordinator accounts (name, Argon2id password hash, role, disabled), the
 * sites given to an account or to a bearer token, browser sessions and the audit log.
 * Passwords are hashed by the caller (hub_web.c) outside the store lock; the store only keeps
 * the "$argon2id$..." string. Session ids are stored as their SHA-256 only (protocol.h), so a
 * copy of the database signs nobody in. Times are Unix seconds passed in by the caller, so
 * tests need no clock. */
#ifndef MAJAKKA_HUB_STORE_AUTH_H
#define MAJAKKA_HUB_STORE_AUTH_H
#include "hub_store.h"

enum { HUB_ROLE_NONE = 0, HUB_ROLE_ADMIN = 1, HUB_ROLE_COORD = 2 };
#define HUB_MAX_SITES 32          /* sites one account or token may be given */
#define HUB_NAME_MAX 64           /* user names: [a-z0-9][a-z0-9._-]{0,63} */

/* "admin" / "coordinator" and back (HUB_ROLE_NONE for anything else). */
const char *hub_role_name(int role);
int hub_role_parse(const char *s);
/* 1 when s is a valid user name: 1-64 of [a-z0-9._-], starting with a letter or digit. */
int hub_user_name_ok(const char *s);

/* Who is asking: an account or a bearer token, with the sites given (admins: every site). */
typedef struct hub_principal {
    long long id;                 /* users.id, or coordinators.id for a token */
    int is_token;
    char name[HUB_NAME_MAX + 65]; /* token names may be longer; shown escaped */
    int role;
    int disabled;
    char pw_hash[128];            /* accounts only (empty for tokens) */
    char sites[HUB_MAX_SITES][65];
    int nsites;
} hub_principal;

/* Accounts. add: MJ_EINVAL for a bad name/role or a name in use. */
int hub_user_add(hub_store *hs, const char *name, const char *pw_hash, int role, char *err, size_t errlen);
/* The account by name, with its sites: MJ_ENOTFOUND when there is none. */
int hub_user_get(hub_store *hs, const char *name, hub_principal *out, char *err, size_t errlen);
int hub_user_get_id(hub_store *hs, long long id, hub_principal *out, char *err, size_t errlen);
/* A new password hash; every session of the account but keep_session_hash (may be NULL) ends. */
int hub_user_set_password(hub_store *hs, long long id, const char *pw_hash, const char *keep_session_hash,
                          char *err, size_t errlen);
/* Disabling ends every session of the account at once. */
int hub_user_set_disabled(hub_store *hs, long long id, int disabled, char *err, size_t errlen);
int hub_user_set_role(hub_store *hs, long long id, int role, char *err, size_t errlen);
/* Replaces the account's sites with sites[0..n) (each an id, proto_is_id). */
int hub_user_set_sites(hub_store *hs, long long id, const char *const *sites, int n, char *err, size_t errlen);
/* Every account: id, name, role, disabled, created, sites (comma-separated, sorted). */
int hub_user_rows(hub_store *hs, hub_row_fn fn, void *ctx, char *err, size_t errlen);
int hub_user_count(hub_store *hs, long long *n, char *err, size_t errlen);

/* Bearer tokens with a role: hub_coord_new makes admins; this one a token of any role, with
 * sites for a coordinator. lookup fills out (is_token 1) or returns MJ_ENOTFOUND. */
int hub_coord_new_scoped(hub_store *hs, const char *name, int role, const char *const *sites, int n,
                         char token[65], char *err, size_t errlen);
int hub_coord_lookup(hub_store *hs, const char *token, hub_principal *out);

/* Sessions: new makes a random id (64 hex, given to the browser, stored hashed) and a CSRF
 * token for it. get finds the session's account when the session has been used within idle_s
 * and is younger than max_s at now, and the account is not disabled; it then counts now as the
 * session's last use. An expired session is deleted. MJ_ENOTFOUND otherwise. */
int hub_session_new(hub_store *hs, long long user_id, long long now, char id[65], char csrf[65],
                    char *err, size_t errlen);
int hub_session_get(hub_store *hs, const char *id, long long now, long idle_s, long max_s, hub_principal *out,
                    char csrf[65], char id_hash[65]);
int hub_session_delete(hub_store *hs, const char *id);
/* Deletes every session idle longer than idle_s or older than max_s. */
int hub_session_sweep(hub_store *hs, long long now, long idle_s, long max_s);

/* The site of a kiosk (revoked ones too): MJ_ENOTFOUND when there is no such kiosk. */
int hub_kiosk_site(hub_store *hs, const char *kiosk_id, char site[65]);

/* The audit log: one row per action. Never a password, token, code or feedback text in any
 * field (callers pass names and ids only). Fields are cut at 200 bytes. */
int hub_audit_add(hub_store *hs, const char *actor, const char *address, const char *action, const char *target,
                  const char *detail);
/* Newest first, rows with id < before_id (0: from the newest), at most limit:
 * id, at, actor, address, action, target, detail. */
int hub_audit_rows(hub_store *hs, long long before_id, int limit, hub_row_fn fn, void *ctx, char *err, size_t errlen);

#endif
