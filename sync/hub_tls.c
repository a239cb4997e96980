/* hub_tls.c - see hub_tls.h. */
#include "hub_tls.h"
#include "util.h"
#include <gnutls/gnutls.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#define TICKET_KEY_BYTES 64
static gnutls_datum_t ticket_key;

int hub_tls_init(const char *key_file, char *err, size_t errlen)
{
    hub_tls_done();
    if (!key_file) {
        if (gnutls_session_ticket_key_generate(&ticket_key) != GNUTLS_E_SUCCESS)
            return mj_err(err, errlen, MJ_EIO, "cannot make a TLS ticket key");
        return MJ_OK;
    }
    char *raw = NULL;
    size_t len = 0;
    int rc = mj_read_file(key_file, 4096, &raw, &len, err, errlen);
    if (rc) return rc;
    if (len < TICKET_KEY_BYTES) {
        sodium_memzero(raw, len);
        free(raw);
        return mj_err(err, errlen, MJ_EINVAL, "%s: a TLS ticket key needs at least %d bytes", key_file, TICKET_KEY_BYTES);
    }
    ticket_key.data = gnutls_malloc(TICKET_KEY_BYTES);
    if (!ticket_key.data) { sodium_memzero(raw, len); free(raw); return mj_err(err, errlen, MJ_ENOMEM, "out of memory"); }
    memcpy(ticket_key.data, raw, TICKET_KEY_BYTES);
    ticket_key.size = TICKET_KEY_BYTES;
    sodium_memzero(raw, len);
    free(raw);
    return MJ_OK;
}

static _Atomic long n_closed, n_resumed;

void hub_tls_stats(long *closed, long *resumed)
{
    *closed = n_closed;
    *resumed = n_resumed;
}

void hub_tls_on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
                           enum MHD_ConnectionNotificationCode code)
{
    (void)cls; (void)socket_context;
    if (code == MHD_CONNECTION_NOTIFY_CLOSED) {
        const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_GNUTLS_SESSION);
        if (ci && ci->tls_session) {
            n_closed++;
            if (gnutls_session_is_resumed((gnutls_session_t)ci->tls_session)) n_resumed++;
        }
        return;
    }
    if (code != MHD_CONNECTION_NOTIFY_STARTED || !ticket_key.data) return;
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_GNUTLS_SESSION);
    if (ci && ci->tls_session) gnutls_session_ticket_enable_server((gnutls_session_t)ci->tls_session, &ticket_key);
}

void hub_tls_done(void)
{
    if (!ticket_key.data) return;
    sodium_memzero(ticket_key.data, ticket_key.size);
    gnutls_free(ticket_key.data);
    ticket_key.data = NULL;
    ticket_key.size = 0;
}
