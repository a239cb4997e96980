/* hub_tls.h - TLS session resumption for the hub's HTTPS server: GnuTLS session tickets, so a
 * returning kiosk skips the full handshake (TLS 1.3 PSK resumption, TLS 1.2 tickets). Tickets
 * are encrypted with a master key, random per process by default; hub processes behind a
 * load balancer that passes TLS through share one key file (at least 64 random bytes, e.g.
 * `head -c 64 /dev/urandom`, mode 0600), so a ticket from one is good at the others. GnuTLS
 * rotates the keys it derives from the master key itself. */
#ifndef MAJAKKA_HUB_TLS_H
#define MAJAKKA_HUB_TLS_H
#include <stddef.h>
#include <microhttpd.h>

/* key_file NULL: a random key. Call once before the server starts. */
int hub_tls_init(const char *key_file, char *err, size_t errlen);
/* MHD_OPTION_NOTIFY_CONNECTION callback: enables tickets on each new TLS session. */
void hub_tls_on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
                           enum MHD_ConnectionNotificationCode code);
void hub_tls_done(void);
/* TLS connections closed since start, and how many of them had resumed a session. */
void hub_tls_stats(long *closed, long *resumed);

#endif
