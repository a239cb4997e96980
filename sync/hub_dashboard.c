/* hub_dashboard.c - see hub_dashboard.h. */
#include "hub_dashboard.h"
#include "hub_fleet.h"
#include "hub_report.h"
#include "hub_web.h"
#include "protocol.h"
#include "util.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define STALE_AFTER_S 3600

static const char *str(json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "";
}

/* The four faces' names (web.face.1 .. web.face.4) and colours. */
static const char *const face_ids[4] = {"web.face.1", "web.face.2", "web.face.3", "web.face.4"};
static const char *const face_colors[4] = {"#c0392b", "#e67e22", "#7fb800", "#1e8449"};

static int add_site(void *ctx, const hub_val *c, int n)
{
    if (n >= 1 && c[0].s) json_object_set_new(ctx, c[0].s, json_true());
    return 0;
}

static void th(hub_html *h, const hub_ctx *c, const char *id)
{
    hub_html_add(h, "<th scope=\"col\">");
    hub_html_t(h, c, id);
    hub_html_add(h, "</th>");
}

static void kiosks_page(hub_store *hs, const hub_ctx *c, hub_html *h)
{
    char err[MJ_ERRLEN];
    json_t *j;
    hub_page_begin(h, c, hub_t(c, "web.kiosks.title"));
    hub_fleet_alerts_box(hs, c, h);   /* the kiosks in an alert state, at the top */
    if (hub_report_kiosks(hs, STALE_AFTER_S, &j, err, sizeof err)) { hub_html_notice(h, "error", err); return; }
    static const char *const cols[] = {"web.kiosks.kiosk", "web.kiosks.site", "web.kiosks.last_seen", "web.kiosks.outbox",
                                       "web.kiosks.oldest", "web.kiosks.printer", "web.kiosks.content",
                                       "web.kiosks.disk", "web.kiosks.version"};
    hub_html_add(h, "<div class=\"table-wrap\"><table><tr>");
    for (int i = 0; i < 9; i++) th(h, c, cols[i]);
    hub_html_add(h, "</tr>");
    size_t i;
    json_t *k;
    json_t *sites = json_object();
    json_array_foreach(json_object_get(j, "kiosks"), i, k) {
        json_t *hb = json_object_get(k, "health");
        if (!hub_web_can_site(c, str(k, "site"))) continue;
        int stale = json_is_true(json_object_get(k, "stale")), revoked = json_is_true(json_object_get(k, "revoked"));
        json_object_set_new(sites, str(k, "site"), json_true());
        hub_html_add(h, "<tr%s><td>", stale && !revoked ? " class=\"stale\"" : "");
        hub_html_esc(h, str(k, "name"));
        hub_html_add(h, " <span class=\"muted\">");
        hub_html_esc(h, str(k, "id"));
        hub_html_add(h, "</span>");
        if (revoked) { hub_html_add(h, " <span class=\"bad\">"); hub_html_t(h, c, "web.kiosks.revoked"); hub_html_add(h, "</span>"); }
        hub_html_add(h, "</td><td><a href=\"/dashboard/site/");
        hub_html_esc(h, str(k, "site"));
        hub_html_add(h, "\">");
        hub_html_esc(h, str(k, "site"));
        hub_html_add(h, "</a></td><td>");
        if (json_is_null(json_object_get(k, "last_seen"))) hub_html_t(h, c, "web.kiosks.never");
        else hub_html_time(h, c, str(k, "last_seen"));
        if (stale) { hub_html_add(h, " <span class=\"bad\">"); hub_html_t(h, c, "web.kiosks.stale"); hub_html_add(h, "</span>"); }
        hub_html_add(h, "</td>");
        if (json_is_object(hb)) {
            json_int_t out = json_integer_value(json_object_get(hb, "outbox_length"));
            hub_html_add(h, "<td>%lld</td><td>", (long long)out);
            hub_html_esc(h, str(hb, "oldest_unsent"));
            const char *pr = str(hb, "printer_status");
            hub_html_add(h, "</td><td class=\"%s\">", strcmp(pr, "ok") == 0 ? "ok" : "bad");
            hub_html_esc(h, pr);
            hub_html_add(h, "</td><td>");
            hub_html_esc(h, str(hb, "content_version"));
            if (*str(hb, "content_error")) {
                hub_html_add(h, " <span class=\"bad\" title=\"");
                hub_html_esc(h, str(hb, "content_error"));
                hub_html_add(h, "\">");
                hub_html_t(h, c, "web.kiosks.rejected");
                hub_html_add(h, "</span>");
            }
            hub_html_add(h, "</td><td>%.1f GB</td><td>", (double)json_integer_value(json_object_get(hb, "free_disk_bytes")) / 1e9);
            hub_html_esc(h, str(hb, "software_version"));
            hub_html_add(h, "</td></tr>");
        } else {
            hub_html_add(h, "<td colspan=\"6\" class=\"muted\">");
            hub_html_t(h, c, "web.kiosks.no_heartbeat");
            hub_html_add(h, "</td></tr>");
        }
    }
    hub_html_add(h, "</table></div><h2>");
    hub_html_t(h, c, "web.kiosks.sites");
    hub_html_add(h, "</h2><ul>");
    hub_store_site_rows(hs, add_site, sites, NULL, 0);
    for (int s = 0; c->role == HUB_ROLE_COORD && s < c->nsites; s++) json_object_set_new(sites, c->sites[s], json_true());
    const char *site;
    json_t *v;
    json_object_foreach(sites, site, v) {
        if (!hub_web_can_site(c, site)) continue;
        hub_html_add(h, "<li><a href=\"/dashboard/site/");
        hub_html_esc(h, site);
        hub_html_add(h, "\">");
        hub_html_esc(h, site);
        hub_html_add(h, "</a></li>");
    }
    hub_html_add(h, "</ul>");
    json_decref(sites);
    json_decref(j);
}

/* Stacked bars of the four faces per week. */
static void week_chart(hub_html *h, const hub_ctx *cx, json_t *weeks)
{
    /* At most the last 26 weeks fit a screen; older ones are reached with the date filter. */
    while (json_array_size(weeks) > 26) json_array_remove(weeks, 0);
    size_t n = json_array_size(weeks), i;
    json_t *w;
    long max = 1;
    json_array_foreach(weeks, i, w) {
        long t = 0;
        for (int f = 0; f < 4; f++) t += (long)json_integer_value(json_array_get(json_object_get(w, "faces"), (size_t)f));
        if (t > max) max = t;
    }
    int bw = 48, gap = 16, ch = 200, left = 40, width = left + (int)n * (bw + gap) + 20;
    if (width < 520) width = 520;   /* room for the legend */
    hub_html_add(h, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"",
        width, ch + 60);
    hub_html_t(h, cx, "web.site.faces_chart");
    hub_html_add(h, "\">");
    hub_html_add(h, "<line x1=\"%d\" y1=\"10\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>", left - 4, left - 4, ch + 10);
    hub_html_add(h, "<text x=\"%d\" y=\"20\" font-size=\"11\" text-anchor=\"end\">%ld</text>", left - 8, max);
    hub_html_add(h, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">0</text>", left - 8, ch + 10);
    json_array_foreach(weeks, i, w) {
        int x = left + (int)i * (bw + gap), y = ch + 10;
        for (int f = 0; f < 4; f++) {
            long c = (long)json_integer_value(json_array_get(json_object_get(w, "faces"), (size_t)f));
            int hgt = (int)(c * ch / max);
            if (!c) continue;
            y -= hgt;
            hub_html_add(h, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"><title>", x, y, bw, hgt,
                         face_colors[f]);
            hub_html_t(h, cx, face_ids[f]);
            hub_html_add(h, ": %ld</title></rect>", c);
        }
        hub_html_add(h, "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">", x + bw / 2, ch + 26);
        hub_html_esc(h, str(w, "week") + 5);
        hub_html_add(h, "</text>");
    }
    for (int f = 0; f < 4; f++) {
        hub_html_add(h, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/><text x=\"%d\" y=\"%d\" font-size=\"11\">",
            left + f * 100, ch + 40, face_colors[f], left + f * 100 + 14, ch + 49);
        hub_html_t(h, cx, face_ids[f]);
        hub_html_add(h, "</text>");
    }
    hub_html_add(h, "</svg>");
}

/* A multilingual text in the coordinator's language, then Finnish, then English, then any. */
static __thread const char *pick_lang = "fi";
static const char *pick_text(json_t *text)
{
    const char *s = json_string_value(json_object_get(text, pick_lang));
    if (!s) s = json_string_value(json_object_get(text, "fi"));
    if (!s) s = json_string_value(json_object_get(text, "en"));
    if (!s) {
        const char *k;
        json_t *v;
        json_object_foreach(text, k, v) if (json_is_string(v)) return json_string_value(v);
    }
    return s;
}

/* The published bundle's definition of a question version, to show texts instead of ids
 * (NULL for versions no longer in the bundle: then the ids are shown). */
static json_t *find_question(json_t *bundle, const char *id, json_int_t version)
{
    size_t i;
    json_t *q;
    json_array_foreach(json_object_get(json_object_get(bundle, "content"), "feedback_questions"), i, q)
        if (strcmp(str(q, "id"), id) == 0 && json_integer_value(json_object_get(q, "version")) == version) return q;
    return NULL;
}

static const char *option_text(json_t *def, const char *opt)
{
    size_t i;
    json_t *o;
    json_array_foreach(json_object_get(def, "options"), i, o)
        if (strcmp(str(o, "id"), opt) == 0) {
            const char *t = pick_text(json_object_get(o, "text"));
            return t ? t : opt;
        }
    return opt;
}

static void question_bars(hub_html *h, json_t *q, json_t *def)
{
    json_t *opts = json_object_get(q, "options");
    long max = 1;
    const char *k;
    json_t *v;
    json_object_foreach(opts, k, v) if (json_integer_value(v) > max) max = (long)json_integer_value(v);
    int rows = (int)json_object_size(opts), i = 0;
    hub_html_add(h, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"520\" height=\"%d\">", rows * 24 + 8);
    json_object_foreach(opts, k, v) {
        long c = (long)json_integer_value(v);
        hub_html_add(h, "<text x=\"150\" y=\"%d\" font-size=\"12\" text-anchor=\"end\">", i * 24 + 18);
        hub_html_esc(h, option_text(def, k));
        hub_html_add(h, "</text><rect x=\"156\" y=\"%d\" width=\"%ld\" height=\"16\" fill=\"#4a6fa5\"/>"
               "<text x=\"%ld\" y=\"%d\" font-size=\"12\">%ld</text>",
            i * 24 + 5, c * 300 / max, 162 + c * 300 / max, i * 24 + 18, c);
        i++;
    }
    hub_html_add(h, "</svg>");
}

static void site_page(hub_store *hs, const hub_ctx *c, const hub_req *rq, hub_html *h, const char *site)
{
    char err[MJ_ERRLEN], title[300], num[32], num2[32];
    const char *sus = hub_req_query(rq, "suspect");
    hub_filter f = {site, hub_req_query(rq, "from"), hub_req_query(rq, "to"), !(sus && strcmp(sus, "exclude") == 0)};
    /* An empty or malformed date field means no bound (the form sends empty fields). */
    if (f.from && !proto_is_date(f.from)) f.from = NULL;
    if (f.to && !proto_is_date(f.to)) f.to = NULL;
    json_t *j;
    hub_tf(c, title, sizeof title, "web.site.title", site, (const char *)NULL);
    hub_page_begin(h, c, title);
    hub_html_add(h, "<p><a href=\"/site/");
    hub_html_esc(h, site);
    hub_html_add(h, "/preview\">");
    hub_html_t(h, c, "preview.link");
    hub_html_add(h, "</a> · <a href=\"/edit/");
    hub_html_esc(h, site);
    hub_html_add(h, "\">");
    hub_html_t(h, c, "web.site.edit");
    hub_html_add(h, "</a></p>");
    if (hub_report_summary(hs, &f, &j, err, sizeof err)) { hub_html_notice(h, "error", err); return; }
    /* The filter: dates and suspect presses, as a plain GET form (no scripts). */
    hub_html_add(h, "<form method=\"get\" action=\"/dashboard/site/");
    hub_html_esc(h, site);
    hub_html_add(h, "\"><label for=\"f-from\">");
    hub_html_t(h, c, "web.site.from");
    hub_html_add(h, "</label> <input type=\"date\" id=\"f-from\" name=\"from\" value=\"");
    hub_html_esc(h, f.from ? f.from : "");
    hub_html_add(h, "\"> <label for=\"f-to\">");
    hub_html_t(h, c, "web.site.to");
    hub_html_add(h, "</label> <input type=\"date\" id=\"f-to\" name=\"to\" value=\"");
    hub_html_esc(h, f.to ? f.to : "");
    hub_html_add(h, "\"> <label class=\"check\"><input type=\"checkbox\" name=\"suspect\" value=\"exclude\"%s> ",
                 f.include_suspect ? "" : " checked");
    hub_html_t(h, c, "web.site.leave_out_suspect");
    hub_html_add(h, "</label> <button>");
    hub_html_t(h, c, "web.site.show");
    hub_html_add(h, "</button></form><p>");
    hub_html_t(h, c, f.include_suspect ? "web.site.including_suspect" : "web.site.excluding_suspect");
    hub_html_add(h, " <a href=\"/api/v1/feedback.csv?site=");
    hub_html_esc(h, site);
    if (f.from) { hub_html_add(h, "&amp;from="); hub_html_esc(h, f.from); }
    if (f.to) { hub_html_add(h, "&amp;to="); hub_html_esc(h, f.to); }
    hub_html_add(h, "&amp;suspect=%s\">", f.include_suspect ? "include" : "exclude");
    hub_html_t(h, c, "web.site.csv");
    hub_html_add(h, "</a></p>");
    json_t *faces = json_object_get(j, "faces");
    hub_html_add(h, "<h2>");
    hub_html_t(h, c, "web.site.faces");
    hub_html_add(h, "</h2><p>");
    snprintf(num, sizeof num, "%lld", (long long)json_integer_value(json_object_get(j, "total_faces")));
    hub_tf(c, title, sizeof title, "web.site.answers", num, (const char *)NULL);
    hub_html_esc(h, title);
    hub_html_add(h, ":");
    for (int i = 0; i < 4; i++) {
        char k[2] = {(char)('1' + i), 0};
        hub_html_add(h, "%s ", i ? "," : "");
        hub_html_t(h, c, face_ids[i]);
        hub_html_add(h, ": %lld", (long long)json_integer_value(json_object_get(faces, k)));
    }
    hub_html_add(h, "</p>");
    week_chart(h, c, json_object_get(j, "weeks"));
    hub_html_add(h, "<h2>");
    hub_html_t(h, c, "web.site.questions");
    hub_html_add(h, "</h2>");
    size_t i;
    json_t *q, *bundle = NULL;
    char *raw = NULL, etag[70];
    size_t rawlen;
    if (hub_bundle_get(hs, site, 0, NULL, &raw, &rawlen, etag, NULL, 0) == MJ_OK) bundle = json_loadb(raw, rawlen, 0, NULL);
    free(raw);
    pick_lang = c->lang;
    if (!json_array_size(json_object_get(j, "questions"))) {
        hub_html_add(h, "<p class=\"muted\">");
        hub_html_t(h, c, "web.site.no_answers");
        hub_html_add(h, "</p>");
    }
    json_array_foreach(json_object_get(j, "questions"), i, q) {
        json_t *def = find_question(bundle, str(q, "id"), json_integer_value(json_object_get(q, "version")));
        const char *qt = def ? pick_text(json_object_get(def, "text")) : NULL;
        hub_html_add(h, "<h3>");
        hub_html_esc(h, qt ? qt : str(q, "id"));
        hub_html_add(h, " <span class=\"muted\">");
        hub_html_esc(h, str(q, "id"));
        snprintf(num, sizeof num, "%lld", (long long)json_integer_value(json_object_get(q, "version")));
        snprintf(num2, sizeof num2, "%lld", (long long)json_integer_value(json_object_get(q, "answers")));
        hub_tf(c, title, sizeof title, "web.site.question_meta", num, num2, (const char *)NULL);
        hub_html_add(h, " ");
        hub_html_esc(h, title);
        hub_html_add(h, "</span></h3>");
        question_bars(h, q, def);
    }
    json_decref(bundle);
    hub_html_add(h, "<h2>");
    hub_html_t(h, c, "web.site.comments");
    hub_html_add(h, "</h2><p class=\"muted\">");
    hub_html_t(h, c, "web.site.masked");
    hub_html_add(h, "</p><ul class=\"comments\">");
    json_array_foreach(json_object_get(j, "comments"), i, q) {
        hub_html_add(h, "<li><span class=\"muted\">");
        hub_html_esc(h, str(q, "created"));
        hub_html_add(h, " · ");
        hub_html_esc(h, str(q, "language"));
        hub_html_add(h, "</span><br><bdi>");
        hub_html_esc(h, str(q, "comment"));
        hub_html_add(h, "</bdi></li>");
    }
    hub_html_add(h, "</ul>");
    json_decref(j);
}

void hub_dashboard_handle(hub_store *hs, const hub_req *rq, hub_resp *rs)
{
    hub_html h = {0};
    hub_ctx c;
    const char *p = rq->path;
    if (strcmp(p, "/") == 0) {
        /* The transport adds Location: /dashboard to a 303. */
        hub_resp_take(rs, 303, "text/plain", strdup("see /dashboard\n"), 15);
        return;
    }
    if (hub_web_begin(hs, rq, rs, &c)) return;
    if (strcmp(p, "/dashboard") == 0 || strcmp(p, "/dashboard/") == 0) {
        kiosks_page(hs, &c, &h);
    } else if (strncmp(p, "/dashboard/site/", 16) == 0 && proto_is_id(p + 16)) {
        if (!hub_web_require_site(&c, p + 16, rs)) return;
        site_page(hs, &c, rq, &h, p + 16);
    } else {
        hub_web_error(&c, rs, 404, "web.err.no_page");
        return;
    }
    hub_page_end(&h, rs);
}
