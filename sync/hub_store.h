/* hub_store.h - the hub's database, the only place that knows its SQL: coordinators,
 * enrollment codes, kiosks and their health, published bundles, uploaded feedback and slip
 * counts, shared rate limits. Two backends behind this one contract: SQLite (a file path, the
 * default: WAL, synchronous=FULL) and PostgreSQL (a postgresql:// or postgres:// URL, through
 * libpq; several hub processes may share one database). Both are migrated forward on open by
 * the same numbered steps (core/migrate.c, one transaction each), recorded in a schema_version table.
 * Secrets (tokens, codes) are only ever stored as SHA-256 hashes (protocol.h).
 * hub_store_lock gives the calling thread one of the store's connections until hub_store_unlock
 * (SQLite: one, so requests take turns; PostgreSQL: four per process); calls made without it
 * (the command line, tests) use the first.
 * Everything that must hold across processes (a code redeemed once, a record stored once per
 * kiosk and key, rate limits) is decided by the database, not by this process. */
#ifndef MAJAKKA_HUB_STORE_H
#define MAJAKKA_HUB_STORE_H
#include <stddef.h>
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

/* What a report reads: inclusive YYYY-MM-DD bounds on the answers' created time. */
typedef struct hub_filter {
    const char *site;          /* NULL: every site */
    const char *from, *to;     /* NULL: open-ended */
    int include_suspect;
} hub_filter;

/* A result row for the report readers: n columns of NUL-terminated text, s NULL for SQL NULL.
 * The callback returns 0 to go on; anything else stops and is returned. */
typedef struct hub_val { const char *s; size_t len; } hub_val;
typedef int (*hub_row_fn)(void *ctx, const hub_val *cols, int n);

/* where: a path (SQLite) or a postgresql:// URL. */
int hub_store_open(const char *where, hub_store **out, char *err, size_t errlen);
void hub_store_close(hub_store *hs);
const char *hub_store_backend_name(hub_store *hs);
int hub_store_schema_version(hub_store *hs);
#define HUB_SCHEMA_VERSION 8
void hub_store_lock(hub_store *hs);
void hub_store_unlock(hub_store *hs);
/* Test mode: sleep this long inside each upload transaction, just before COMMIT, so tests can
 * kill the hub mid-commit. */
void hub_store_set_commit_delay_ms(hub_store *hs, int ms);
/* One process-local cache per store (hub_dcache.c): made by make() on the first call, freed with
 * free_fn by hub_store_close; every call returns the same one (NULL when make failed). */
void *hub_store_cache_slot(hub_store *hs, void *(*make)(void), void (*free_fn)(void *));

/* Coordinators: a new token (printed once, stored hashed); auth returns 0 or MJ_ENOTFOUND. */
int hub_coord_new(hub_store *hs, const char *name, char token[65], char *err, size_t errlen);
int hub_coord_auth(hub_store *hs, const char *token);
int hub_coord_count(hub_store *hs, long long *n, char *err, size_t errlen);

/* Enrollment: a one-time code for a kiosk-to-be at a site, valid ttl_s seconds. Redeeming it
 * (once, even when several hub processes are asked at the same moment) creates the kiosk and
 * its bearer token. */
int hub_enroll_new(hub_store *hs, const char *site, const char *name, long ttl_s, char code[16],
                   char *err, size_t errlen);
int hub_enroll_redeem(hub_store *hs, const char *code, hub_kiosk *kiosk, char token[65], char *err, size_t errlen);
/* Kiosk auth by bearer token; MJ_ENOTFOUND for unknown or revoked tokens. */
int hub_kiosk_auth(hub_store *hs, const char *token, hub_kiosk *out);
int hub_kiosk_revoke(hub_store *hs, const char *kiosk_id, char *err, size_t errlen);

/* The fleet (hub_store_fleet.c). A kiosk name is 1-128 bytes of UTF-8 without control
 * characters (hub_kiosk_name_ok). hub_kiosk_get finds a kiosk by id (revoked ones too, with
 * *revoked set); MJ_ENOTFOUND when there is none. Rename and move apply to kiosks not revoked
 * (MJ_ENOTFOUND otherwise); a moved kiosk fetches its new site's bundle on its next sync and its
 * feedback is counted for that site from then on. */
int hub_kiosk_name_ok(const char *name);
int hub_kiosk_get(hub_store *hs, const char *id, hub_kiosk *out, int *revoked, char *err, size_t errlen);
int hub_kiosk_rename(hub_store *hs, const char *id, const char *name, char *err, size_t errlen);
int hub_kiosk_move(hub_store *hs, const char *id, const char *site, char *err, size_t errlen);
/* A site's alert address ("" when none; set "" to remove it). An address is at most 254 bytes,
 * one local@domain without spaces, quotes, angle brackets or control characters. */
int hub_site_alert_email(hub_store *hs, const char *site, char out[255], char *err, size_t errlen);
int hub_site_set_alert_email(hub_store *hs, const char *site, const char *email, char *err, size_t errlen);
int hub_email_ok(const char *email);
/* Alert state rows, every kiosk: id, site, name, enrolled_at, revoked_at, last_seen, health,
 * active, mailed, outbox_since, outbox_len (the last four NULL before the first check), and the
 * site's alert_email (or NULL). */
int hub_store_alert_rows(hub_store *hs, hub_row_fn fn, void *ctx, char *err, size_t errlen);
/* Writes a kiosk's alert state: active set, outbox tracking; mailed keeps only the bits still
 * active (an alert that clears and comes back is mailed again). */
int hub_alert_state_put(hub_store *hs, const char *kiosk_id, unsigned active, long long outbox_since,
                        long long outbox_len, char *err, size_t errlen);
/* Moves a kiosk's mailed set from `from` to `to` when it still is `from`: *claimed is 1 for the
 * one caller (of every hub process) that did it, who then sends the mail, and moves it back
 * when the mail could not be sent. */
int hub_alert_claim(hub_store *hs, const char *kiosk_id, unsigned from, unsigned to, int *claimed,
                    char *err, size_t errlen);

/* A fixed-window counter shared by every process on the database: hub_rate_add counts one event
 * for name; hub_rate_over tells (1) whether name had max events or more in the current window
 * of window_s seconds, with the seconds left in *retry_after_s. */
int hub_rate_add(hub_store *hs, const char *name, long window_s);
int hub_rate_over(hub_store *hs, const char *name, long window_s, int max, long *retry_after_s);

/* A shut-out per name (e.g. per client address) shared by every process on the database:
 * hub_penalty_fail counts one failure; past free_fails failures each further one shuts name out
 * for a time that doubles (2 s, 4 s, ... at most max_block_s). A name whose last failure is
 * older than max_block_s (and not shut out) starts again. hub_penalty_active tells (1) whether
 * name is shut out now, with the seconds left in *retry_after_s. A store error shuts nobody out. */
int hub_penalty_fail(hub_store *hs, const char *name, int free_fails, long max_block_s);
int hub_penalty_active(hub_store *hs, const char *name, long *retry_after_s);
/* Forgets name's failures (a right password after a few wrong ones). */
int hub_penalty_clear(hub_store *hs, const char *name);

/* Stores a validated heartbeat (as JSON) and last-seen time. */
int hub_heartbeat_save(hub_store *hs, const hub_kiosk *k, const json_t *hb, char *err, size_t errlen);
/* Stores a validated batch in one transaction. Keys are per kiosk: a record whose (kiosk, key)
 * is already stored with the same content counts as a duplicate; with different content the
 * whole batch is refused (MJ_EINVAL with the reason, res->conflict its index) and nothing
 * changes. Another kiosk's records never conflict. Slip counts keep the largest count seen. */
int hub_batch_save(hub_store *hs, const hub_kiosk *k, const json_t *records, const json_t *slips,
                   hub_batch_result *res, char *err, size_t errlen);

/* Bundles (hub_store_bundle.c): publish stores the bytes, a gzip copy and an ETag (quoted SHA-256
 * of the bytes) as the site's current bundle, and keeps them as the site's next version (below).
 * hub_bundle_put is the command line's and the API's: the version is recorded without a name. */
int hub_bundle_put(hub_store *hs, const char *site, const char *content_version, const char *data,
                   size_t len, char etag[70], char *err, size_t errlen);
/* The same as version number `version` (it must be the site's latest + 1, else MJ_EBUSY and
 * nothing changes: someone published meanwhile), by whom (a user name, may be "") with a note
 * ("", or e.g. "restored version 3"), in one transaction. */
int hub_bundle_publish(hub_store *hs, const char *site, long long version, const char *content_version,
                       const char *data, size_t len, const char *by, const char *note, char etag[70],
                       char *err, size_t errlen);
/* Every published version of a site is kept. */
typedef struct hub_version {
    long long version;
    char content_version[65], etag[70], published_at[32], published_by[129], note[200];
} hub_version;
/* The site's latest version number (0: none yet). */
int hub_version_latest(hub_store *hs, const char *site, long long *version, char *err, size_t errlen);
/* At most max versions, newest first, into out; *n how many. */
int hub_version_list(hub_store *hs, const char *site, hub_version *out, int max, int *n, char *err, size_t errlen);
/* One version's bytes (malloc'd, NUL-terminated) and facts; MJ_ENOTFOUND if there is no such. */
int hub_version_get(hub_store *hs, const char *site, long long version, char **data, size_t *len, hub_version *meta,
                    char *err, size_t errlen);

/* Drafts: one per site, the content object of the bundle being edited, as JSON text. rev counts
 * its saves and discards and never repeats for a site (a discarded draft keeps its row, dropped);
 * base_version is the published version it started from. */
typedef struct hub_draft_row {
    char *content;             /* malloc'd, NUL-terminated (NULL from hub_draft_head) */
    size_t len;
    long long rev, base_version;
    int dropped;               /* discarded: no draft, rev is what the next save must expect */
    char updated_at[32], updated_by[129];
} hub_draft_row;
/* MJ_ENOTFOUND when the site has no draft: out->rev is then the discarded draft's rev (0 when the
 * site never had one), out->dropped 1 for a discarded one. Free content. */
int hub_draft_get(hub_store *hs, const char *site, hub_draft_row *out, char *err, size_t errlen);
/* The same without the content (one small row): what the editor's cache is keyed by. */
int hub_draft_head(hub_store *hs, const char *site, hub_draft_row *out, char *err, size_t errlen);
/* Saves the draft if its rev is still expect_rev (0: the site never had a draft; a discarded
 * draft's rev to start a new one over it), as rev expect_rev + 1; otherwise MJ_EBUSY (someone
 * saved or discarded meanwhile) and nothing changes. */
int hub_draft_put(hub_store *hs, const char *site, const char *content, long long expect_rev, long long base_version,
                  const char *by, char *err, size_t errlen);
/* A stored draft (rev expect_rev, else MJ_EBUSY) now starts from base_version, its content as it
 * is (after it was published): rev expect_rev + 1 without writing the content again. */
int hub_draft_rebase(hub_store *hs, const char *site, long long expect_rev, long long base_version, const char *by,
                     char *err, size_t errlen);
/* Discards the site's draft (the next edit starts again from the published version); its rev is
 * bumped, so a save from before the discard is refused. */
int hub_draft_drop(hub_store *hs, const char *site, char *err, size_t errlen);
/* Fetches the site's bundle (gz: 1 for the gzip copy); *data is malloc'd. MJ_ENOTFOUND if none.
 * When if_none_match (may be NULL) names the current ETag, *data stays NULL and MJ_OK is
 * returned with the etag: the bytes are not read. */
int hub_bundle_get(hub_store *hs, const char *site, int gz, const char *if_none_match, char **data, size_t *len,
                   char etag[70], char *err, size_t errlen);

/* Report readers (hub_report.c, hub_csv.c, hub_dashboard.c draw them). Columns:
 *  HUB_ROWS_FACE_WEEKS  week (Monday, YYYY-MM-DD), face, count      -- kind face, by week and face
 *  HUB_ROWS_CHOICES     question_id, question_version, options      -- kind choice, by question
 *  HUB_ROWS_COMMENTS    created, site, language, comment, suspect   -- newest 500 comments
 *  HUB_ROWS_SLIPS       day, service_id, sum(count)                 -- slip counts by day
 * Comments come as stored: the readers mask them. */
enum { HUB_ROWS_FACE_WEEKS, HUB_ROWS_CHOICES, HUB_ROWS_COMMENTS, HUB_ROWS_SLIPS };
int hub_store_rows(hub_store *hs, int which, const hub_filter *f, hub_row_fn fn, void *ctx, char *err, size_t errlen);
/* One page of the feedback export (key, site, kiosk_id, created, received_at, context, language,
 * kind, face, question_id, question_version, options, comment, suspect, and the row's id) after
 * the row (after_created, after_id) in (created, id) order
 * (after_id -1 with "" for the first page), at most limit rows: an export read page by page
 * never holds the store for long. */
int hub_store_export_page(hub_store *hs, const hub_filter *f, const char *after_created, long long after_id,
                          int limit, hub_row_fn fn, void *ctx, char *err, size_t errlen);
/* id, site, name, enrolled_at, revoked_at, last_seen (Unix time), health (JSON). */
int hub_store_kiosk_rows(hub_store *hs, hub_row_fn fn, void *ctx, char *err, size_t errlen);
/* Every site with a bundle or feedback, sorted. */
int hub_store_site_rows(hub_store *hs, hub_row_fn fn, void *ctx, char *err, size_t errlen);

/* Copies every table of hs (any backend) into the empty store at where (migrated to the same
 * version), in one transaction of the target: all or nothing. */
int hub_store_copy_to(hub_store *hs, const char *where, long long *rows, char *err, size_t errlen);

/* Current UTC time as YYYY-MM-DDTHH:MM:SSZ. */
void hub_now(char out[32]);

#endif
