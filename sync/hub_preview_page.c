/* hub_preview_page.c - the preview routes of hub_preview.h: which site, screen, language,
 * orientation and date a request asks for (each checked), the site's content it is drawn from,
 * and the answers (PNG pictures, the page). */
#include "hub_preview.h"
#include "hub_draft.h"
#include "hub_web.h"
#include "protocol.h"
#include "tz.h"
#include "util.h"
#include <jansson.h>
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

/* 1 when the request is signed in and may see the site (a coordinator of another site: 403),
 * else 0 with the answer in rs (signed out: the sign-in page, or 401 for a bearer client). */
static int allowed(hub_store *hs, const hub_req *rq, hub_resp *rs, const char *site, hub_ctx *c)
{
    hub_store_lock(hs);
    int rc = hub_web_begin(hs, rq, rs, c);
    hub_store_unlock(hs);
    return rc == 0 && hub_web_require_site(c, site, rs);
}

/* The content the preview shows: the site's published bundle (*data malloc'd). */
/* What the kiosks would show after Publish: the site's stored draft (hub_draft.h) sealed as a
 * bundle "draft-REV", or, with no draft edited yet, the published bundle itself. */
static int site_bundle(hub_store *hs, const char *site, char **data, size_t *len, char *err, size_t errlen)
{
    char etag[70];
    hub_draft d;
    hub_store_lock(hs);
    int rc = hub_draft_load(hs, site, &d, err, errlen);
    if (rc == MJ_OK && d.rev > 0) {
        char cv[40];
        snprintf(cv, sizeof cv, "draft-%lld", d.rev);
        rc = hub_draft_bundle_text(d.content, cv, data, len, err, errlen);
    } else {
        rc = hub_bundle_get(hs, site, 0, NULL, data, len, etag, err, errlen);
    }
    hub_draft_free(&d);
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

/* --- the page ------------------------------------------------------------------------------ */

/* The languages' own names, as the kiosk's language bar shows them (the code for the others). */
static const char *autonym(const char *code)
{
    static const char *const names[][2] = { {"fi", "Suomi"}, {"sv", "Svenska"}, {"en", "English"}, {"ar", "العربية"},
                                            {"ru", "Русский"}, {"uk", "Українська"}, {"so", "Soomaali"}, {"et", "Eesti"},
                                            {"fa", "فارسی"}, {"ku", "Kurdî"}, {"se", "Davvisámegiella"} };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (!strcmp(names[i][0], code)) return names[i][1];
    return code;
}

/* A multilingual text of the bundle in lang, else in def, else any. */
static const char *text_in(json_t *t, const char *lang, const char *def)
{
    const char *s = json_string_value(json_object_get(t, lang));
    if (!s) s = json_string_value(json_object_get(t, def));
    if (!s) {
        const char *k;
        json_t *v;
        json_object_foreach(t, k, v) if (json_is_string(v)) return json_string_value(v);
    }
    return s ? s : "";
}

/* Today in the site's time zone, as YYYY-MM-DD. */
static void site_today(const char *tzid, char out[11])
{
    tz_local lt;
    if (tz_to_local(time(NULL), tzid && *tzid ? tzid : "Europe/Helsinki", &lt) < 0 || lt.year < 1000 || lt.year > 9999 ||
        lt.month < 1 || lt.month > 12 || lt.mday < 1 || lt.mday > 31) {
        time_t now = time(NULL);   /* an unknown zone: the UTC date */
        struct tm tm;
        gmtime_r(&now, &tm);
        lt.year = tm.tm_year + 1900; lt.month = tm.tm_mon + 1; lt.mday = tm.tm_mday;
    }
    snprintf(out, 11, "%04u-%02u-%02u", (unsigned)lt.year % 10000u, (unsigned)lt.month % 100u, (unsigned)lt.mday % 100u);
}

static void query_string(hub_html *h, const pv_args *a)
{
    hub_html_add(h, "?lang=");
    hub_html_esc(h, a->lang);
    hub_html_add(h, "&amp;orient=%s&amp;date=%s", a->portrait ? "portrait" : "landscape", a->date);
}

/* One picture with its caption and the texts on it (for screen readers), or the kiosk's reason. */
static void figure(hub_html *h, const hub_ctx *c, const char *data, size_t len, const pv_args *a, const char *screen,
                   const char *src, const char *caption, int n)
{
    char err[MJ_ERRLEN], *png = NULL, *texts = NULL, alt[400];
    size_t pnglen;
    hub_preview_req r = { screen, a->lang, a->portrait, a->date };
    int rc = hub_preview_png(data, len, &r, &png, &pnglen, &texts, err, sizeof err);
    free(png);
    hub_html_add(h, "<figure class=\"pv\"><figcaption>");
    hub_html_esc(h, caption);
    hub_html_add(h, "</figcaption>");
    if (rc) {
        char msg[MJ_ERRLEN + 200];
        hub_tf(c, msg, sizeof msg, rc == MJ_EINVAL ? "preview.refused" : "preview.failed", err, NULL);
        hub_html_notice(h, "error", msg);
        hub_html_add(h, "</figure>");
        free(texts);
        return;
    }
    hub_tf(c, alt, sizeof alt, a->portrait ? "preview.alt_portrait" : "preview.alt_landscape", caption, autonym(a->lang), NULL);
    int w = a->portrait ? 360 : 640, ht = a->portrait ? 640 : 360;
    hub_html_add(h, "<a href=\"/site/%s/preview/%s", a->site, src);
    query_string(h, a);
    hub_html_add(h, "\"><img src=\"/site/%s/preview/%s", a->site, src);
    query_string(h, a);
    hub_html_add(h, "\" width=\"%d\" height=\"%d\" alt=\"", w, ht);
    hub_html_esc(h, alt);
    hub_html_add(h, "\" aria-describedby=\"pv-text-%d\"></a><details id=\"pv-text-%d\"><summary>", n, n);
    hub_html_t(h, c, "preview.texts");
    hub_html_add(h, "</summary><ul>");
    for (char *line = texts, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next) *next++ = 0;
        while (*line == ' ') line++;
        if (!*line) continue;
        hub_html_add(h, "<li>");
        hub_html_esc(h, line);
        hub_html_add(h, "</li>");
    }
    hub_html_add(h, "</ul></details></figure>");
    free(texts);
}

static void page(const hub_ctx *c, hub_resp *rs, pv_args *a, const char *data, size_t len)
{
    json_t *root = json_loadb(data, len, 0, NULL), *content = json_object_get(root, "content");
    json_t *site = json_object_get(content, "site"), *svcs = json_object_get(content, "services");
    const char *def = json_string_value(json_object_get(site, "default_language"));
    if (!def) def = "fi";
    if (!a->lang[0]) snprintf(a->lang, sizeof a->lang, "%s", def);
    if (!a->date[0]) site_today(json_string_value(json_object_get(site, "timezone")), a->date);
    const char *first = json_string_value(json_object_get(json_array_get(svcs, 0), "id"));
    if (!a->service[0] && first) snprintf(a->service, sizeof a->service, "%s", first);
    char title[400];
    hub_tf(c, title, sizeof title, "preview.title", text_in(json_object_get(site, "name"), c->lang, def), NULL);
    hub_html h = {0};
    hub_page_begin(&h, c, title);
    hub_html_add(&h, "<p>");
    hub_html_t(&h, c, "preview.intro");
    hub_html_add(&h, "</p><form method=\"get\" action=\"/site/%s/preview\" class=\"pv-choice\"><p><label for=\"pv-lang\">", a->site);
    hub_html_t(&h, c, "preview.language");
    hub_html_add(&h, "</label> <select id=\"pv-lang\" name=\"lang\">");
    size_t i;
    json_t *v;
    json_array_foreach(json_object_get(site, "languages"), i, v) {
        const char *l = json_string_value(v);
        if (!l) continue;
        hub_html_add(&h, "<option value=\"");
        hub_html_esc(&h, l);
        hub_html_add(&h, "\"%s lang=\"", strcmp(l, a->lang) ? "" : " selected");
        hub_html_esc(&h, l);
        hub_html_add(&h, "\">");
        hub_html_esc(&h, autonym(l));
        hub_html_add(&h, "</option>");
    }
    hub_html_add(&h, "</select></p><fieldset><legend>");
    hub_html_t(&h, c, "preview.orientation");
    hub_html_add(&h, "</legend>");
    for (int p = 0; p < 2; p++) {
        hub_html_add(&h, "<label><input type=\"radio\" name=\"orient\" value=\"%s\"%s> ", p ? "portrait" : "landscape",
                     p == a->portrait ? " checked" : "");
        hub_html_t(&h, c, p ? "preview.portrait" : "preview.landscape");
        hub_html_add(&h, "</label> ");
    }
    hub_html_add(&h, "</fieldset><p><label for=\"pv-service\">");
    hub_html_t(&h, c, "preview.service");
    hub_html_add(&h, "</label> <select id=\"pv-service\" name=\"service\">");
    const char *svc_name = a->service;
    json_array_foreach(svcs, i, v) {
        const char *id = json_string_value(json_object_get(v, "id"));
        if (!id) continue;
        const char *name = text_in(json_object_get(v, "name"), a->lang, def);
        if (!strcmp(id, a->service)) svc_name = name;
        hub_html_add(&h, "<option value=\"");
        hub_html_esc(&h, id);
        hub_html_add(&h, "\"%s>", strcmp(id, a->service) ? "" : " selected");
        hub_html_esc(&h, name);
        hub_html_add(&h, "</option>");
    }
    hub_html_add(&h, "</select></p><p><label for=\"pv-date\">");
    hub_html_t(&h, c, "preview.date");
    hub_html_add(&h, "</label> <input type=\"date\" id=\"pv-date\" name=\"date\" value=\"%s\" required> ", a->date);
    hub_html_submit(&h, hub_t(c, "preview.show"));
    hub_html_add(&h, "</p></form><div class=\"pv-row\">");
    char src[100], screen[80], cap[300];
    figure(&h, c, data, len, a, "home", "home.png", hub_t(c, "preview.home"), 1);
    figure(&h, c, data, len, a, "events", "events.png", hub_t(c, "preview.events"), 2);
    if (a->service[0]) {
        snprintf(src, sizeof src, "service/%s.png", a->service);
        snprintf(screen, sizeof screen, "service:%s", a->service);
        hub_tf(c, cap, sizeof cap, "preview.service_caption", svc_name, NULL);
        figure(&h, c, data, len, a, screen, src, cap, 3);
    }
    hub_html_add(&h, "</div>");
    json_decref(root);
    hub_page_end(&h, rs);
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
    hub_ctx c;
    if (!allowed(hs, rq, rs, a.site, &c)) return 1;
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
    } else if (rest[0] && strcmp(rest, "/")) {
        hub_resp_error(rs, 404, "not_found", "no such route");
        return 1;
    }
    if (parse_args(rq, &a, rs) < 0) return 1;
    char err[MJ_ERRLEN], *data = NULL;
    size_t len = 0;
    int rc = site_bundle(hs, a.site, &data, &len, err, sizeof err);
    if (rc == MJ_ENOTFOUND && !screen[0]) { hub_web_error(&c, rs, 404, "preview.none"); return 1; }
    if (rc == MJ_ENOTFOUND) { hub_resp_error(rs, 404, "not_found", "this site has no content to preview yet"); return 1; }
    if (rc) { hub_resp_error(rs, 503, "store", err); return 1; }
    if (screen[0]) send_png(data, len, &a, screen, rs);
    else page(&c, rs, &a, data, len);
    free(data);
    return 1;
}
