/* hub_api.h - the hub's routes, independent of the HTTP library: hub_http.c turns each
 * request into a hub_req, calls hub_api_handle and sends the hub_resp back. Unit tests call
 * hub_api_handle directly. Requests and responses are hub_req.h's. Every error is a 4xx/5xx
 * with {"error": {"code", "message"}}, and a refused request changes nothing. */
#ifndef MAJAKKA_HUB_API_H
#define MAJAKKA_HUB_API_H
#include <stddef.h>
#include "hub_req.h"

/* Handles one request. Takes the store lock itself. */
void hub_api_handle(hub_store *hs, const hub_req *rq, hub_resp *rs);

/* Called with the headers, before a POST or PUT body is read: 1 when the request may go on,
 * else 0 with the 401 in rs, so nobody without a token can make the hub buffer a body. */
int hub_api_preauth(hub_store *hs, const hub_req *rq, hub_resp *rs);

/* The body limit for a method+path (the transport refuses larger bodies with 413). */
size_t hub_api_body_limit(const char *method, const char *path);

#endif
