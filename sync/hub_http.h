/* hub_http.h - the hub's HTTPS server: libmicrohttpd with GnuTLS, one thread per connection
 * (so a slow client never holds up the others; the store lock serialises the database work).
 * Bodies over the route's limit are refused with 413 before they are read. In test mode a
 * fault switch (POST /test/fault) makes the kiosk routes fail in chosen ways. */
#ifndef MAJAKKA_HUB_HTTP_H
#define MAJAKKA_HUB_HTTP_H
#include <stddef.h>
#include "hub_store.h"

typedef struct hub_server_cfg {
    const char *address;       /* IPv4 address to listen on, e.g. "127.0.0.1" or "0.0.0.0" */
    int port;                  /* 0: any free port (see hub_server_port) */
    const char *cert_file;     /* PEM certificate chain */
    const char *key_file;      /* PEM private key */
    int test_mode;             /* enables POST /test/fault; never in production */
    int quiet;                 /* no request log on stderr */
    const char *ticket_key_file;  /* TLS session ticket key shared by hub processes; NULL: random (hub_tls.h) */
} hub_server_cfg;

typedef struct hub_server hub_server;

int hub_server_start(hub_store *hs, const hub_server_cfg *cfg, hub_server **out, char *err, size_t errlen);
int hub_server_port(hub_server *srv);
void hub_server_stop(hub_server *srv);

#endif
