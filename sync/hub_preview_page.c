/* hub_preview_page.c - the preview routes of hub_preview.h: which site, screen, language,
 * orientation and date a request asks for (each checked), the site's content it is drawn from,
 * and the answers (PNG pictures, the page). */
#include "hub_preview.h"
#include "protocol.h"
#include "tz.h"
#include "util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct pv_args {
    char site[65];
    char lang[17];
    int portrait;
    char date[11];
    char service[65];
} pv_args;

/* 1 when the request may see the site's previews, else 0 with the answer in rs. */
static int allowed(hub_store *hs, const hub_req *rq, hub_resp *rs, const char *site)
{
    (void)site;
    hub_store_lock(hs);
    int ok = hub_req_coord_ok(hs, rq);
    hub_store_unlock(hs);
    if (!ok) hub_resp_error(rs, 401, "bad_token", "a coordinator sign-in is required");
    return ok;
}

/* The content the preview shows: the site's published bundle (*data malloc'd). */
static int site_bundle(hub_store *hs, const char *site, char **data, size_t *len, char *err, size_t errlen)
{
    char etag[70];
    hub_store_lock(hs);
    int rc = hub_bundle_get(hs, site, 0, NULL, data, len, etag, err, errlen);
    hub_store_unlock(hs);
    return rc;
}

static int lang_ok(const char *s)
{
    size_t n = strlen(s);
    if (n < 2 || n > 16) return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || *s == '-')) return 0;
    return 1;
}

/* The query's choices, checked; 0, or -1 with a 400 in rs. */
static int parse_args(const hub_req *rq, pv_args *a, hub_resp *rs)
{
    const char *lang = hub_req_query(rq, "lang"), *orient = hub_req_query(rq, "orient");
    const char *date = hub_req_query(rq, "date"), *svc = hub_req_query(rq, "service");
    if (lang && *lang) {
        if (!lang_ok(lang)) { hub_resp_error(rs, 400, "bad_request", "lang: a language code such as fi"); return -1; }
        snprintf(a->lang, sizeof a->lang, "%s", lang);
    }
    if (orient && *orient) {
        if (strcmp(orient, "portrait") && strcmp(orient, "landscape")) {
            hub_resp_error(rs, 400, "bad_request", "orient: portrait or landscape");
            return -1;
        }
        a->portrait = orient[0] == 'p';
    }
    if (date && *date) {
        if (!proto_is_date(date)) { hub_resp_error(rs, 400, "bad_request", "date: YYYY-MM-DD"); return -1; }
        snprintf(a->date, sizeof a->date, "%s", date);
    }
    if (svc && *svc) {
        if (!proto_is_id(svc)) { hub_resp_error(rs, 400, "bad_request", "service: a service id"); return -1; }
        snprintf(a->service, sizeof a->service, "%s", svc);
    }
    return 0;
}

/* A picture: 200 image/png, or the reason as JSON (422 refused, 503 busy or stopped at the limit). */
static void send_png(const char *data, size_t len, const pv_args *a, const char *screen, hub_resp *rs)
{
    char err[MJ_ERRLEN], *png = NULL;
    size_t n = 0;
    hub_preview_req r = { screen, a->lang, a->portrait, a->date[0] ? a->date : NULL };
    int rc = hub_preview_png(data, len, &r, &png, &n, NULL, err, sizeof err);
    if (rc == MJ_OK) { hub_resp_take(rs, 200, "image/png", png, n); return; }
    if (rc == MJ_EINVAL) hub_resp_error(rs, 422, "preview_refused", err);
    else if (rc == MJ_EBUSY) { hub_resp_error(rs, 503, "preview_limit", err); rs->retry_after_s = 5; }
    else hub_resp_error(rs, 500, "preview_failed", err);
}

int hub_preview_route(hub_store *hs, const hub_req *rq, hub_resp *rs)
{
    const char *p = rq->path;
    if (strncmp(p, "/site/", 6) != 0) return 0;
    const char *s = p + 6, *slash = strchr(s, '/');
    if (!slash || strncmp(slash, "/preview", 8) != 0 || (slash[8] && slash[8] != '/')) return 0;
    memset(rs, 0, sizeof *rs);
    pv_args a;
    memset(&a, 0, sizeof a);
    if ((size_t)(slash - s) >= sizeof a.site) { hub_resp_error(rs, 404, "not_found", "no such site"); return 1; }
    snprintf(a.site, sizeof a.site, "%.*s", (int)(slash - s), s);
    if (!proto_is_id(a.site)) { hub_resp_error(rs, 404, "not_found", "no such site"); return 1; }
    if (strcmp(rq->method, "GET") && strcmp(rq->method, "HEAD")) { hub_resp_error(rs, 405, "method", "only GET"); return 1; }
    if (!allowed(hs, rq, rs, a.site)) return 1;
    const char *rest = slash + 8;
    char screen[80] = "";
    if (!strcmp(rest, "/home.png")) snprintf(screen, sizeof screen, "home");
    else if (!strcmp(rest, "/events.png")) snprintf(screen, sizeof screen, "events");
    else if (!strncmp(rest, "/service/", 9)) {
        const char *id = rest + 9;
        size_t n = strlen(id);
        char sid[65];
        if (n < 5 || n - 4 >= sizeof sid || strcmp(id + n - 4, ".png")) { hub_resp_error(rs, 404, "not_found", "no such route"); return 1; }
        snprintf(sid, sizeof sid, "%.*s", (int)(n - 4), id);
        if (!proto_is_id(sid)) { hub_resp_error(rs, 404, "not_found", "no such service"); return 1; }
        snprintf(screen, sizeof screen, "service:%s", sid);
    } else {
        hub_resp_error(rs, 404, "not_found", "no such route");
        return 1;
    }
    if (parse_args(rq, &a, rs) < 0) return 1;
    char err[MJ_ERRLEN], *data = NULL;
    size_t len = 0;
    int rc = site_bundle(hs, a.site, &data, &len, err, sizeof err);
    if (rc == MJ_ENOTFOUND) { hub_resp_error(rs, 404, "not_found", "this site has no content to preview yet"); return 1; }
    if (rc) { hub_resp_error(rs, 503, "store", err); return 1; }
    send_png(data, len, &a, screen, rs);
    free(data);
    return 1;
}
