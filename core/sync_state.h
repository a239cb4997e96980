/* sync_state.h - the store's sync_state table: small values that cross process boundaries
 * between the kiosk and the sync agent (majakka-sync), each named here once. The kiosk writes
 * the printer's status and reads what the staff status screen shows; the agent writes the rest.
 * Values are short UTF-8 strings; a missing key reads as "". */
#ifndef MAJAKKA_SYNC_STATE_H
#define MAJAKKA_SYNC_STATE_H
#include <stddef.h>
#include "store.h"

typedef enum sync_state_key {
    SYNC_KIOSK_ID,        /* the hub's id for this kiosk (enroll) */
    SYNC_SITE,            /* the site the kiosk was enrolled for */
    SYNC_BUNDLE_ETAG,     /* the ETag of the last bundle fetched */
    SYNC_CONTENT_ERROR,   /* why the last bundle was refused, or missing */
    SYNC_PRINTER_STATUS,  /* the kiosk's printer state word (staff.h), for the heartbeat */
    SYNC_LAST_ATTEMPT,    /* when the agent last tried to sync (UTC, ISO 8601) */
    SYNC_LAST_UPLOAD,     /* when feedback was last uploaded */
    SYNC_LAST_SUCCESS,    /* when a sync last went through */
    SYNC_LAST_ERROR,      /* the last sync's error, or missing */
    SYNC_BUNDLE_REFUSED_SHA256,  /* SHA-256 of the bundle bytes last refused (not applied again) */
    SYNC_RETRY_SET_ASIDE_AT,     /* when set-aside records go back to the outbox (Unix time) */
    SYNC_RETRY_SET_ASIDE_N,      /* how many times they went back (the back-off doubles) */
    SYNC_STATE_COUNT
} sync_state_key;

/* The key's name in the table ("kiosk_id", ...). */
const char *sync_state_name(sync_state_key key);
/* Reads key into out ("" when missing); MJ_OK, or MJ_EDB (out "" too). */
int sync_state_read(store *s, sync_state_key key, char *out, size_t len);
/* Writes key (value NULL: deletes it); MJ_OK or MJ_EDB. */
int sync_state_write(store *s, sync_state_key key, const char *value);

#endif
