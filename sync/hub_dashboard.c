/* hub_dashboard.c - see hub_dashboard.h. */
#include "hub_dashboard.h"
#include "hub_report.h"
#include "hub_watch.h"
#include "protocol.h"
#include "util.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define STALE_AFTER_S 3600

typedef struct html { char *p; size_t len, cap; int oom; } html;

static void add(html *h, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add(html *h, const char *fmt, ...)
{
    va_list ap;
    for (;;) {
        if (h->oom) return;
        size_t room = h->cap - h->len;
        va_start(ap, fmt);
        int n = vsnprintf(h->p ? h->p + h->len : NULL, h->p ? room : 0, fmt, ap);
        va_end(ap);
        if (n < 0) { h->oom = 1; return; }
        if (h->p && (size_t)n < room) { h->len += (size_t)n; return; }
        size_t cap = h->cap ? h->cap * 2 : 8192;
        while (cap < h->len + (size_t)n + 1) cap *= 2;
        char *np = realloc(h->p, cap);
        if (!np) { h->oom = 1; return; }
        h->p = np;
        h->cap = cap;
    }
}

/* Text into HTML (element content and quoted attributes). */
static void esc(html *h, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '<': add(h, "&lt;"); break;
        case '>': add(h, "&gt;"); break;
        case '&': add(h, "&amp;"); break;
        case '"': add(h, "&quot;"); break;
        case '\'': add(h, "&#39;"); break;
        default: add(h, "%c", *s);
        }
    }
}

static const char *str(json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "";
}

static const char *const face_names[4] = {"very unhappy", "unhappy", "happy", "very happy"};
static const char *const face_colors[4] = {"#c0392b", "#e67e22", "#7fb800", "#1e8449"};

static void head(html *h, const char *title)
{
    add(h, "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>");
    esc(h, title);
    add(h, "</title><meta name=\"viewport\" content=\"width=device-width\"><style>"
           "body{font-family:sans-serif;margin:1.5em;color:#222;background:#fafafa}"
           "h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.5em}"
           "table{border-collapse:collapse;background:#fff}th,td{border:1px solid #ccc;padding:.3em .6em;text-align:left}"
           "th{background:#eef}.stale{background:#fdd}.ok{color:#1e8449}.bad{color:#a93226;font-weight:bold}"
           ".muted{color:#595959}ul.comments li{margin:.3em 0;background:#fff;padding:.3em;border-left:3px solid #88a}"
           "nav a{margin-right:1em}.alerts{background:#fff3f0;border:2px solid #c0392b;padding:.2em 1em;margin:1em 0}"
           ".alert{display:inline-block;margin-left:.6em;color:#8e1b0e}</style></head><body><nav><a href=\"/dashboard\">Kiosks</a></nav>");
}

static int add_site(void *ctx, const hub_val *c, int n)
{
    if (n >= 1 && c[0].s) json_object_set_new(ctx, c[0].s, json_true());
    return 0;
}

/* The kiosks in an alert state now (hub_alerts.h), one line each, at the top of the start page. */
static void alerts_box(hub_store *hs, html *h)
{
    char err[MJ_ERRLEN];
    hub_fleet_row *rows;
    size_t n, shown = 0;
    if (hub_fleet_read(hs, (long long)time(NULL), NULL, &rows, &n, err, sizeof err)) {
        add(h, "<p class=\"bad\">");
        esc(h, err);
        add(h, "</p>");
        return;
    }
    for (size_t i = 0; i < n; i++) {
        if (!rows[i].now.active) continue;
        if (!shown++) add(h, "<section class=\"alerts\" aria-labelledby=\"alerts-h\"><h2 id=\"alerts-h\">Needs attention</h2><ul>");
        add(h, "<li><strong>");
        esc(h, rows[i].name);
        add(h, "</strong> <span class=\"muted\">");
        esc(h, rows[i].site);
        add(h, "</span>");
        for (int k = 0; k < HUB_ALERT_KINDS; k++) {
            if (!(rows[i].now.active & hub_alert_bit(k))) continue;
            char d[256];
            hub_alert_detail(k, &rows[i].in, d, sizeof d);
            add(h, " <span class=\"alert alert-%s\">", hub_alert_key(k));
            esc(h, hub_alert_title(k));
            add(h, ": ");
            esc(h, d);
            add(h, "</span>");
        }
        add(h, "</li>");
    }
    if (shown) add(h, "</ul></section>");
    else add(h, "<p class=\"ok\" id=\"no-alerts\">Every kiosk is fine.</p>");
    hub_fleet_free(rows, n);
}

static void kiosks_page(hub_store *hs, html *h)
{
    char err[MJ_ERRLEN];
    json_t *j;
    head(h, "Majakka hub: kiosks");
    add(h, "<h1>Kiosks</h1>");
    alerts_box(hs, h);
    if (hub_report_kiosks(hs, STALE_AFTER_S, &j, err, sizeof err)) { add(h, "<p class=\"bad\">"); esc(h, err); add(h, "</p>"); return; }
    add(h, "<table><tr><th>Kiosk</th><th>Site</th><th>Last seen (UTC)</th><th>Outbox</th><th>Oldest unsent</th>"
           "<th>Printer</th><th>Content</th><th>Free disk</th><th>Version</th></tr>");
    size_t i;
    json_t *k;
    json_t *sites = json_object();
    json_array_foreach(json_object_get(j, "kiosks"), i, k) {
        json_t *hb = json_object_get(k, "health");
        int stale = json_is_true(json_object_get(k, "stale")), revoked = json_is_true(json_object_get(k, "revoked"));
        json_object_set_new(sites, str(k, "site"), json_true());
        add(h, "<tr%s><td>", stale && !revoked ? " class=\"stale\"" : "");
        esc(h, str(k, "name"));
        add(h, " <span class=\"muted\">");
        esc(h, str(k, "id"));
        add(h, "</span>%s</td><td><a href=\"/dashboard/site/", revoked ? " <span class=\"bad\">revoked</span>" : "");
        esc(h, str(k, "site"));
        add(h, "\">");
        esc(h, str(k, "site"));
        add(h, "</a></td><td>");
        if (json_is_null(json_object_get(k, "last_seen"))) add(h, "never");
        else esc(h, str(k, "last_seen"));
        if (stale) add(h, " <span class=\"bad\">stale</span>");
        add(h, "</td>");
        if (json_is_object(hb)) {
            json_int_t out = json_integer_value(json_object_get(hb, "outbox_length"));
            add(h, "<td>%lld</td><td>", (long long)out);
            esc(h, str(hb, "oldest_unsent"));
            const char *pr = str(hb, "printer_status");
            add(h, "</td><td class=\"%s\">", strcmp(pr, "ok") == 0 ? "ok" : "bad");
            esc(h, pr);
            add(h, "</td><td>");
            esc(h, str(hb, "content_version"));
            if (*str(hb, "content_error")) { add(h, " <span class=\"bad\" title=\""); esc(h, str(hb, "content_error")); add(h, "\">rejected bundle</span>"); }
            add(h, "</td><td>%.1f GB</td><td>", (double)json_integer_value(json_object_get(hb, "free_disk_bytes")) / 1e9);
            esc(h, str(hb, "software_version"));
            add(h, "</td></tr>");
        } else {
            add(h, "<td colspan=\"6\" class=\"muted\">no heartbeat yet</td></tr>");
        }
    }
    add(h, "</table><h2>Sites</h2><ul>");
    hub_store_site_rows(hs, add_site, sites, NULL, 0);
    const char *site;
    json_t *v;
    json_object_foreach(sites, site, v) {
        add(h, "<li><a href=\"/dashboard/site/");
        esc(h, site);
        add(h, "\">");
        esc(h, site);
        add(h, "</a></li>");
    }
    add(h, "</ul>");
    json_decref(sites);
    json_decref(j);
}

/* Stacked bars of the four faces per week. */
static void week_chart(html *h, json_t *weeks)
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
    add(h, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"faces per week\">",
        width, ch + 60);
    add(h, "<line x1=\"%d\" y1=\"10\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>", left - 4, left - 4, ch + 10);
    add(h, "<text x=\"%d\" y=\"20\" font-size=\"11\" text-anchor=\"end\">%ld</text>", left - 8, max);
    add(h, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">0</text>", left - 8, ch + 10);
    json_array_foreach(weeks, i, w) {
        int x = left + (int)i * (bw + gap), y = ch + 10;
        for (int f = 0; f < 4; f++) {
            long c = (long)json_integer_value(json_array_get(json_object_get(w, "faces"), (size_t)f));
            int hgt = (int)(c * ch / max);
            if (!c) continue;
            y -= hgt;
            add(h, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"><title>%s: %ld</title></rect>",
                x, y, bw, hgt, face_colors[f], face_names[f], c);
        }
        add(h, "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">", x + bw / 2, ch + 26);
        esc(h, str(w, "week") + 5);
        add(h, "</text>");
    }
    for (int f = 0; f < 4; f++)
        add(h, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/><text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>",
            left + f * 100, ch + 40, face_colors[f], left + f * 100 + 14, ch + 49, face_names[f]);
    add(h, "</svg>");
}

/* A multilingual text in the coordinator's likely languages: Finnish, then English, then any. */
static const char *pick_text(json_t *text)
{
    const char *s = json_string_value(json_object_get(text, "fi"));
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

static void question_bars(html *h, json_t *q, json_t *def)
{
    json_t *opts = json_object_get(q, "options");
    long max = 1;
    const char *k;
    json_t *v;
    json_object_foreach(opts, k, v) if (json_integer_value(v) > max) max = (long)json_integer_value(v);
    int rows = (int)json_object_size(opts), i = 0;
    add(h, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"520\" height=\"%d\">", rows * 24 + 8);
    json_object_foreach(opts, k, v) {
        long c = (long)json_integer_value(v);
        add(h, "<text x=\"150\" y=\"%d\" font-size=\"12\" text-anchor=\"end\">", i * 24 + 18);
        esc(h, option_text(def, k));
        add(h, "</text><rect x=\"156\" y=\"%d\" width=\"%ld\" height=\"16\" fill=\"#4a6fa5\"/>"
               "<text x=\"%ld\" y=\"%d\" font-size=\"12\">%ld</text>",
            i * 24 + 5, c * 300 / max, 162 + c * 300 / max, i * 24 + 18, c);
        i++;
    }
    add(h, "</svg>");
}

static void site_page(hub_store *hs, const hub_req *rq, html *h, const char *site)
{
    char err[MJ_ERRLEN];
    const char *sus = hub_req_query(rq, "suspect");
    hub_filter f = {site, hub_req_query(rq, "from"), hub_req_query(rq, "to"), !(sus && strcmp(sus, "exclude") == 0)};
    /* An empty or malformed date field means no bound (the form sends empty fields). */
    if (f.from && !proto_is_date(f.from)) f.from = NULL;
    if (f.to && !proto_is_date(f.to)) f.to = NULL;
    json_t *j;
    head(h, "Majakka hub: feedback");
    add(h, "<h1>Feedback at ");
    esc(h, site);
    add(h, "</h1>");
    if (hub_report_summary(hs, &f, &j, err, sizeof err)) { add(h, "<p class=\"bad\">"); esc(h, err); add(h, "</p>"); return; }
    /* The filter: dates and suspect presses, as a plain GET form (no scripts). */
    add(h, "<form method=\"get\" action=\"/dashboard/site/");
    esc(h, site);
    add(h, "\"><label>From <input type=\"date\" name=\"from\" value=\"");
    esc(h, f.from ? f.from : "");
    add(h, "\"></label> <label>to <input type=\"date\" name=\"to\" value=\"");
    esc(h, f.to ? f.to : "");
    add(h, "\"></label> <label><input type=\"checkbox\" name=\"suspect\" value=\"exclude\"%s> leave out suspect presses</label> "
           "<button>Show</button></form>", f.include_suspect ? "" : " checked");
    add(h, "<p>%s suspect presses (a press within seconds of the previous one). <a href=\"/api/v1/feedback.csv?site=",
        f.include_suspect ? "Including" : "Excluding");
    esc(h, site);
    if (f.from) { add(h, "&amp;from="); esc(h, f.from); }
    if (f.to) { add(h, "&amp;to="); esc(h, f.to); }
    add(h, "&amp;suspect=%s\">Download these answers as CSV</a></p>", f.include_suspect ? "include" : "exclude");
    json_t *faces = json_object_get(j, "faces");
    add(h, "<h2>Faces per week</h2><p>%lld answers: ", (long long)json_integer_value(json_object_get(j, "total_faces")));
    for (int i = 0; i < 4; i++) {
        char k[2] = {(char)('1' + i), 0};
        add(h, "%s %s: %lld", i ? "," : "", face_names[i], (long long)json_integer_value(json_object_get(faces, k)));
    }
    add(h, "</p>");
    week_chart(h, json_object_get(j, "weeks"));
    add(h, "<h2>Follow-up questions</h2>");
    size_t i;
    json_t *q, *bundle = NULL;
    char *raw = NULL, etag[70];
    size_t rawlen;
    if (hub_bundle_get(hs, site, 0, NULL, &raw, &rawlen, etag, NULL, 0) == MJ_OK) bundle = json_loadb(raw, rawlen, 0, NULL);
    free(raw);
    if (!json_array_size(json_object_get(j, "questions"))) add(h, "<p class=\"muted\">No answers yet.</p>");
    json_array_foreach(json_object_get(j, "questions"), i, q) {
        json_t *def = find_question(bundle, str(q, "id"), json_integer_value(json_object_get(q, "version")));
        const char *title = def ? pick_text(json_object_get(def, "text")) : NULL;
        add(h, "<h3>");
        esc(h, title ? title : str(q, "id"));
        add(h, " <span class=\"muted\">");
        esc(h, str(q, "id"));
        add(h, " v%lld, %lld answers</span></h3>",
            (long long)json_integer_value(json_object_get(q, "version")), (long long)json_integer_value(json_object_get(q, "answers")));
        question_bars(h, q, def);
    }
    json_decref(bundle);
    add(h, "<h2>Comments</h2><p class=\"muted\">E-mail addresses, numbers and identity codes are masked.</p><ul class=\"comments\">");
    json_array_foreach(json_object_get(j, "comments"), i, q) {
        add(h, "<li><span class=\"muted\">");
        esc(h, str(q, "created"));
        add(h, " · ");
        esc(h, str(q, "language"));
        add(h, "</span><br><bdi>");
        esc(h, str(q, "comment"));
        add(h, "</bdi></li>");
    }
    add(h, "</ul>");
    json_decref(j);
}

void hub_dashboard_sign_in(hub_store *hs, const hub_req *rq, hub_resp *rs)
{
    /* The form's body is "token=HEX" (hex needs no URL decoding). */
    char t[PROTO_TOKEN_HEX + 1] = "";
    if (rq->body && rq->len == 6 + PROTO_TOKEN_HEX && strncmp(rq->body, "token=", 6) == 0) {
        memcpy(t, rq->body + 6, PROTO_TOKEN_HEX);
        t[PROTO_TOKEN_HEX] = 0;
    }
    if (strspn(t, "0123456789abcdef") != PROTO_TOKEN_HEX || hub_coord_auth(hs, t) != MJ_OK) {
        hub_resp_take(rs, 303, "text/plain", strdup("not signed in\n"), 14);
        snprintf(rs->location, sizeof rs->location, "/dashboard");
        return;
    }
    hub_resp_take(rs, 303, "text/plain", strdup("signed in\n"), 10);
    snprintf(rs->set_cookie, sizeof rs->set_cookie, "mj_coord=%s; Path=/; HttpOnly; Secure; SameSite=Strict", t);
    snprintf(rs->location, sizeof rs->location, "/dashboard");
}

void hub_dashboard_handle(hub_store *hs, const hub_req *rq, hub_resp *rs)
{
    html h = {0};
    const char *p = rq->path;
    if (strcmp(p, "/") == 0) {
        /* The transport adds Location: /dashboard to a 303. */
        hub_resp_take(rs, 303, "text/plain", strdup("see /dashboard\n"), 15);
        return;
    }
    if (!hub_req_coord_ok(hs, rq)) {
        head(&h, "Majakka hub: sign in");
        /* POST: the token goes in the body, never into the address bar, history or a log. */
        add(&h, "<h1>Sign in</h1><form method=\"post\" action=\"/dashboard/sign-in\"><label>Coordinator token "
                "<input name=\"token\" type=\"password\" size=\"70\" autocomplete=\"off\"></label> "
                "<button>Sign in</button></form></body></html>");
        if (h.oom) { free(h.p); hub_resp_error(rs, 500, "internal", "out of memory"); return; }
        hub_resp_take(rs, 401, "text/html; charset=utf-8", h.p, h.len);
        return;
    }
    /* Signing in with ?token=: the token becomes a cookie and leaves the address bar at once. */
    const char *qt = hub_req_query(rq, "token");
    if (qt && strlen(qt) == PROTO_TOKEN_HEX && strspn(qt, "0123456789abcdef") == PROTO_TOKEN_HEX) {
        hub_resp_take(rs, 303, "text/plain", strdup("signed in\n"), 10);
        snprintf(rs->set_cookie, sizeof rs->set_cookie, "mj_coord=%s; Path=/; HttpOnly; Secure; SameSite=Strict", qt);
        if (strncmp(p, "/dashboard/site/", 16) == 0 && proto_is_id(p + 16)) snprintf(rs->location, sizeof rs->location, "%s", p);
        else snprintf(rs->location, sizeof rs->location, "/dashboard");
        return;
    }
    if (strcmp(p, "/dashboard") == 0 || strcmp(p, "/dashboard/") == 0) {
        kiosks_page(hs, &h);
    } else if (strncmp(p, "/dashboard/site/", 16) == 0 && proto_is_id(p + 16)) {
        site_page(hs, rq, &h, p + 16);
    } else {
        free(h.p);
        hub_resp_error(rs, 404, "not_found", "no such page");
        return;
    }
    add(&h, "</body></html>");
    if (h.oom) { free(h.p); hub_resp_error(rs, 500, "internal", "out of memory"); return; }
    hub_resp_take(rs, 200, "text/html; charset=utf-8", h.p, h.len);
}
