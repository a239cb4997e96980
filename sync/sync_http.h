/* sync_http.h - the agent's HTTPS client (libcurl): TLS verification always on (the system CA
 * store, or a configured CA file), optional pinning of the hub's public key, connect and total
 * timeouts, a cap on the response size, gzip decoding, HTTPS only (also on redirects, which
 * are not followed). */
#ifndef MAJAKKA_SYNC_HTTP_H
#define MAJAKKA_SYNC_HTTP_H
#include <stddef.h>

typedef struct sync_http_cfg {
    const char *base_url;          /* https://hub.example:8443 (no trailing path) */
    const char *ca_file;           /* NULL or "": the system CA store */
    const char *pin;               /* NULL or "": no pin; else curl's "sha256//BASE64" list */
    const char *token;             /* bearer token or NULL */
    long connect_timeout_ms, total_timeout_ms;
    size_t max_response;           /* bytes after decoding */
    volatile int *abort_flag;      /* when set to non-zero (a signal handler), the request stops */
    struct sync_http_conn *conn;   /* NULL: a new connection per request; else requests share it */
} sync_http_cfg;

typedef struct sync_http_resp {
    long status;                   /* 0 when there was no HTTP answer */
    char *body;                    /* malloc'd, NUL-terminated */
    size_t len;
    char etag[130];
    long retry_after_s;            /* -1 when absent */
} sync_http_resp;

/* One request. Returns 0 when an HTTP response arrived (any status), MJ_EIO for transport
 * failures (refused, timeout, TLS, truncated, too large) with curl's reason in err. */
int sync_http_request(const sync_http_cfg *cfg, const char *method, const char *path, const char *body,
                      size_t len, const char *if_none_match, sync_http_resp *out, char *err, size_t errlen);
void sync_http_resp_free(sync_http_resp *r);
/* A connection the requests of one sync cycle share (one TLS handshake instead of one per
 * request); the hub closes it when idle, and a broken one is replaced by the next request.
 * sync_http_conn_new returns NULL when out of memory (the requests then connect one by one). */
typedef struct sync_http_conn sync_http_conn;
sync_http_conn *sync_http_conn_new(void);
void sync_http_conn_free(sync_http_conn *c);
/* Call once at program start / end. */
int sync_http_global_init(void);
void sync_http_global_cleanup(void);

#endif
