/* hub_req.h - a hub request and its response, independent of the HTTP library (hub_http.c
 * fills a hub_req and sends the hub_resp), with the helpers every route file uses: JSON
 * errors {"error": {"code", "message"}}, bodies, query parameters, cookies and headers. Who is
 * asking (accounts, sessions, tokens) is hub_web.h's.
 * The kiosk routes (hub_api.c) and the dashboard (hub_dashboard.c) both build on this; neither
 * includes the other's header the other way round. */
#ifndef MAJAKKA_HUB_REQ_H
#define MAJAKKA_HUB_REQ_H
#include <stddef.h>
#include <jansson.h>
#include "hub_store.h"

typedef struct hub_req {
    const char *method, *path;
    const char *client_addr;       /* the client's IP address as text, or NULL (limits per address) */
    const char *authorization;     /* the Authorization header or NULL */
    const char *if_none_match;
    int accept_gzip;
    const char *body;
    size_t len;
    int body_too_large;            /* the transport stopped reading at the limit */
    /* query parameters: name -> value or NULL */
    const char *(*query)(void *qctx, const char *name);
    void *qctx;
    /* cookies and request headers by name (qctx too; either may be NULL: none) */
    const char *(*cookie)(void *qctx, const char *name);
    const char *(*header)(void *qctx, const char *name);
} hub_req;

typedef struct hub_resp {
    int status;
    const char *content_type;
    char *body;                    /* malloc'd, owned by the response */
    size_t len;
    char etag[70];
    int gzip;                      /* body is gzip: send Content-Encoding: gzip */
    long retry_after_s;            /* > 0: send Retry-After */
    char set_cookie[160];
    char location[512];            /* for 303: where to */
    const char *content_disposition;
    struct hub_csv_cursor *csv;    /* set: the body is this CSV export, streamed by the transport
                                      (hub_csv_read with lock=1), which then closes it */
} hub_resp;

void hub_resp_free(hub_resp *rs);
void hub_resp_error(hub_resp *rs, int status, const char *code, const char *message);
/* The same, naming the index of the uploaded record at fault. */
void hub_resp_error_at(hub_resp *rs, int status, const char *code, const char *message, int record);
void hub_resp_json(hub_resp *rs, int status, json_t *j);   /* steals j */
void hub_resp_take(hub_resp *rs, int status, const char *type, char *body, size_t len);
const char *hub_req_query(const hub_req *rq, const char *name);
/* The token of an Authorization: Bearer header, or NULL. */
const char *hub_req_bearer(const hub_req *rq);
/* A cookie's or a header's value, or NULL. */
const char *hub_req_cookie(const hub_req *rq, const char *name);
const char *hub_req_header(const hub_req *rq, const char *name);

#endif
