/* hub_http.h - the hub's HTTPS server: libmicrohttpd with GnuTLS, one thread per connection
 * (so a slow client never holds up the others; the store lock serialises the database work).
 * Bodies over the route's limit are refused with 413 before they are read. Against clients that
 * hold connections: at most 256 connections, 16 per client address, and absolute deadlines per
 * request (a connection past one is shut down); at most 64 headers, one body length. Only the
 * test build (MAJAKKA_HUB_TEST) has the fault switch POST /test/fault, which makes the kiosk
 * routes fail in chosen ways. */
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
    /* Absolute deadlines in seconds (0: the defaults 10, 60, 120): handshake + headers from the
     * connection's start (or the previous request's end), the body, sending the reply. */
    int header_deadline_s, body_deadline_s, reply_deadline_s;
    /* Connection limits (0: the defaults 256 in all, 16 per client address). Behind a balancer
     * that passes TLS through, every connection comes from its address: raise the latter. */
    int max_connections, max_per_address;
    const char *ticket_key_file;  /* TLS session ticket key shared by hub processes; NULL: random (hub_tls.h) */
} hub_server_cfg;

typedef struct hub_server hub_server;

int hub_server_start(hub_store *hs, const hub_server_cfg *cfg, hub_server **out, char *err, size_t errlen);
int hub_server_port(hub_server *srv);
void hub_server_stop(hub_server *srv);

#endif
