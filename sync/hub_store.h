/* hub_store.h - the hub's own SQLite database (separate from the kiosk store): coordinators,
 * enrollment codes, kiosks and their health, published bundles, uploaded feedback and slip
 * counts. Migrated forward by PRAGMA user_version on open, WAL journal, synchronous=FULL.
 * Secrets (tokens, codes) are only ever stored as SHA-256 hashes (protocol.h).
 * One connection; the hub's HTTP threads serialise their calls with hub_store_lock. */
#ifndef MAJAKKA_HUB_STORE_H
#define MAJAKKA_HUB_STORE_H
#include <stddef.h>
#include <sqlite3.h>
#include <jansson.h>

typedef struct hub_store hub_store;

typedef struct hub_kiosk {
    char id[40];
    char site[65];
    char name[129];
} hub_kiosk;

typedef struct hub_batch_result {
    int stored, duplicates, slips;
    int conflict;          /* index of the record that conflicted, -1 none */
} hub_batch_result;

int hub_store_open(const char *path, hub_store **out, char *err, size_t errlen);
void hub_store_close(hub_store *hs);
sqlite3 *hub_store_db(hub_store *hs);
int hub_store_schema_version(hub_store *hs);
void hub_store_lock(hub_store *hs);
void hub_store_unlock(hub_store *hs);
/* Test mode: sleep this long inside each upload transaction, just before COMMIT, so tests can
 * kill the hub mid-commit. */
void hub_store_set_commit_delay_ms(hub_store *hs, int ms);

/* Coordinators: a new token (printed once, stored hashed); auth returns 0 or MJ_ENOTFOUND. */
int hub_coord_new(hub_store *hs, const char *name, char token[65], char *err, size_t errlen);
int hub_coord_auth(hub_store *hs, const char *token);

/* Enrollment: a one-time code for a kiosk-to-be at a site, valid ttl_s seconds. Redeeming it
 * (once) creates the kiosk and its bearer token. */
int hub_enroll_new(hub_store *hs, const char *site, const char *name, long ttl_s, char code[16],
                   char *err, size_t errlen);
int hub_enroll_redeem(hub_store *hs, const char *code, hub_kiosk *kiosk, char token[65], char *err, size_t errlen);
/* Kiosk auth by bearer token; MJ_ENOTFOUND for unknown or revoked tokens. */
int hub_kiosk_auth(hub_store *hs, const char *token, hub_kiosk *out);
int hub_kiosk_revoke(hub_store *hs, const char *kiosk_id, char *err, size_t errlen);

/* Stores a validated heartbeat (as JSON) and last-seen time. */
int hub_heartbeat_save(hub_store *hs, const hub_kiosk *k, const json_t *hb, char *err, size_t errlen);
/* Stores a validated batch in one transaction. A record whose key is already stored with the
 * same content counts as a duplicate; with different content the whole batch is refused
 * (MJ_EBUSY is not used: MJ_EINVAL with the reason) and nothing changes. Slip counts keep the
 * largest count seen. */
int hub_batch_save(hub_store *hs, const hub_kiosk *k, const json_t *records, const json_t *slips,
                   hub_batch_result *res, char *err, size_t errlen);

/* Bundles: publish stores the bytes, a gzip copy and an ETag (quoted SHA-256 of the bytes). */
int hub_bundle_put(hub_store *hs, const char *site, const char *content_version, const char *data,
                   size_t len, char etag[70], char *err, size_t errlen);
/* Fetches the site's bundle (gz: 1 for the gzip copy); *data is malloc'd. MJ_ENOTFOUND if none. */
int hub_bundle_get(hub_store *hs, const char *site, int gz, char **data, size_t *len, char etag[70],
                   char *err, size_t errlen);

/* Current UTC time as YYYY-MM-DDTHH:MM:SSZ. */
void hub_now(char out[32]);

#endif
