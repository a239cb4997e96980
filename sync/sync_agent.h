/* sync_agent.h - one sync cycle of majakka-sync against the hub (docs/sync-protocol.md):
 * push the feedback outbox and slip counts in batches (a record is marked sent only after the
 * hub acknowledged its key), pull the site's bundle when its ETag changed (validated and
 * imported all or nothing; a bad bundle is refused with a logged reason and the old content
 * stays), then send a heartbeat. The store is the kiosk's own (store.h), shared safely with the
 * running kiosk: short transactions, WAL, busy timeout. */
#ifndef MAJAKKA_SYNC_AGENT_H
#define MAJAKKA_SYNC_AGENT_H
#include <stddef.h>
#include <jansson.h>
#include "store.h"
#include "sync_state.h"
#include "sync_http.h"

typedef struct sync_agent_cfg {
    sync_http_cfg http;            /* token is filled from token_file */
    const char *token_file;        /* bearer token, 0600 */
    int batch_size;                /* records per upload, 1..PROTO_MAX_BATCH */
    int max_batches;               /* per cycle, so one cycle stays bounded */
} sync_agent_cfg;

typedef struct sync_result {
    int uploaded, duplicates, slips, batches;
    int invalid;                   /* records set aside: invalid here, or refused by the hub */
    int bundle_applied, bundle_rejected;
    int auth_failed;               /* 401: token unknown or revoked */
    long retry_after_s;            /* from the hub (-1 none) */
    char bundle_msg[600];
} sync_result;

/* Redeems a one-time code: writes the token to token_file (0600) and the kiosk id and site to
 * sync_state. */
int sync_enroll(sync_agent_cfg *cfg, store *s, const char *code, char *err, size_t errlen);
/* One cycle. 0: all done; MJ_EIO: a transient failure (network, 5xx, a garbled answer): retry
 * with backoff; MJ_EINVAL: the hub refused (401, 4xx): retry much later. */
int sync_cycle(sync_agent_cfg *cfg, store *s, sync_result *res, char *err, size_t errlen);

/* The next upload batch as sent: {"records": [...], "slips": [...]} with up to n records
 * (rows that could never be accepted are set aside first and counted in *invalid). */
int sync_build_batch(store *s, int n, int with_slips, json_t **out, int *invalid, char *err, size_t errlen);

/* sync_state (sync_state.h names the keys) as a malloc'd string, for the command line. */
char *sync_state_get(store *s, sync_state_key key);   /* malloc'd, NULL when missing; writes: sync_state_write */
long sync_outbox_length(store *s);

#endif
