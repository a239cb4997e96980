/* hub_req.c - see hub_req.h. */
#include "hub_req.h"
#include "hub_report.h"
#include "protocol.h"
#include "util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void hub_resp_take(hub_resp *rs, int status, const char *type, char *body, size_t len)
{
    free(rs->body);
    rs->status = status;
    rs->content_type = type;
    rs->body = body;
    rs->len = len;
}

void hub_resp_error(hub_resp *rs, int status, const char *code, const char *message)
{
    hub_resp_error_at(rs, status, code, message, -1);
}

void hub_resp_error_at(hub_resp *rs, int status, const char *code, const char *message, int record)
{
    char *s = proto_error_json(code, message, record);
    if (!s) s = strdup("{\"error\":{\"code\":\"internal\",\"message\":\"\"}}");
    hub_resp_take(rs, status, "application/json", s, s ? strlen(s) : 0);
}

void hub_resp_json(hub_resp *rs, int status, json_t *j)
{
    char *s = j ? json_dumps(j, JSON_COMPACT) : NULL;
    json_decref(j);
    if (!s) { hub_resp_error(rs, 500, "internal", "out of memory"); return; }
    hub_resp_take(rs, status, "application/json", s, strlen(s));
}

void hub_resp_free(hub_resp *rs)
{
    free(rs->body);
    rs->body = NULL;
    hub_csv_close(rs->csv);
    rs->csv = NULL;
}

const char *hub_req_query(const hub_req *rq, const char *name)
{
    return rq->query ? rq->query(rq->qctx, name) : NULL;
}

const char *hub_req_bearer(const hub_req *rq)
{
    const char *a = rq->authorization;
    if (!a || strncasecmp(a, "Bearer ", 7) != 0) return NULL;
    a += 7;
    while (*a == ' ') a++;
    return a;
}

const char *hub_req_cookie(const hub_req *rq, const char *name)
{
    return rq->cookie ? rq->cookie(rq->qctx, name) : NULL;
}

const char *hub_req_header(const hub_req *rq, const char *name)
{
    return rq->header ? rq->header(rq->qctx, name) : NULL;
}
