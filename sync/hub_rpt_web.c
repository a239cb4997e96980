/* hub_rpt_web.c - see hub_rpt_web.h. Every figure comes from hub_rpt_build; a hidden one (JSON
 * null) is written as "fewer than 5" and never as a number. */
#include "hub_rpt_web.h"
#include "hub_rpt.h"
#include "hub_rpt_chart.h"
#include "hub_rpt_export.h"
#include "hub_store_rpt.h"
#include "hub_web.h"
#include "protocol.h"
#include "util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *str(json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "";
}

/* A count, or "fewer than 5". */
static void count(hub_html *h, const hub_ctx *c, json_t *v)
{
    if (json_is_integer(v)) hub_html_add(h, "%lld", (long long)json_integer_value(v));
    else { hub_html_add(h, "<span class=\"few\">"); hub_html_t(h, c, "rpt.few"); hub_html_add(h, "</span>"); }
}

/* A share 0..1 as a percentage with one decimal (a decimal comma in Finnish and Swedish). */
static void share_text(const hub_ctx *c, json_t *v, char *out, size_t n)
{
    snprintf(out, n, "%.1f %%", json_number_value(v) * 100);
    if (strcmp(c->lang, "en"))
        for (char *p = out; *p; p++) if (*p == '.') *p = ',';
}
static void share(hub_html *h, const hub_ctx *c, json_t *v)
{
    char s[32];
    if (!json_is_number(v)) { hub_html_add(h, "<span class=\"few\">"); hub_html_t(h, c, "rpt.few"); hub_html_add(h, "</span>"); return; }
    share_text(c, v, s, sizeof s);
    hub_html_esc(h, s);
}
static void partial(hub_html *h, const hub_ctx *c, json_t *row)
{
    if (!json_is_true(json_object_get(row, "partial"))) return;
    hub_html_add(h, " <span class=\"muted\" title=\"");
    hub_html_t(h, c, "rpt.partial");
    hub_html_add(h, "\">*</span>");
}

static void th(hub_html *h, const hub_ctx *c, const char *id)
{
    hub_html_add(h, "<th scope=\"col\">");
    hub_html_t(h, c, id);
    hub_html_add(h, "</th>");
}

/* The period's form (a plain GET, month fields) and the privacy note. */
static void period_form(hub_html *h, const hub_ctx *c, const char *action, json_t *r)
{
    hub_html_add(h, "<form method=\"get\" class=\"period\" action=\"");
    hub_html_esc(h, action);
    hub_html_add(h, "\"><label for=\"r-from\">");
    hub_html_t(h, c, "rpt.from");
    hub_html_add(h, "</label> <input type=\"month\" id=\"r-from\" name=\"from\" min=\"2000-01\" value=\"");
    hub_html_esc(h, str(r, "from"));
    hub_html_add(h, "\"> <label for=\"r-to\">");
    hub_html_t(h, c, "rpt.to");
    hub_html_add(h, "</label> <input type=\"month\" id=\"r-to\" name=\"to\" min=\"2000-01\" value=\"");
    hub_html_esc(h, str(r, "to"));
    hub_html_add(h, "\"> <button>");
    hub_html_t(h, c, "rpt.show");
    hub_html_add(h, "</button></form><p class=\"muted\">");
    hub_html_t(h, c, "rpt.privacy");
    hub_html_add(h, "</p>");
}

static void chart_alt(const hub_ctx *c, const char *what, char *out, size_t n)
{
    hub_tf(c, out, n, "rpt.chart_alt", hub_t(c, what), (const char *)NULL);
}

/* The name of a context, service or event in the coordinator's language, else its id. */
static const char *name_of(json_t *names, const char *key, const char *fallback)
{
    const char *s = json_string_value(json_object_get(names, key));
    return s ? s : fallback;
}

static void overview(hub_html *h, const hub_ctx *c, json_t *o)
{
    json_t *prev = json_object_get(o, "previous"), *ch = json_object_get(o, "change");
    char t[300], alt[400];
    hub_html_add(h, "<h2 id=\"overview\">");
    hub_html_t(h, c, "rpt.overview");
    hub_html_add(h, "</h2><div class=\"table-wrap\"><table><tr><td></td>");
    th(h, c, "rpt.answers");
    th(h, c, "rpt.happy");
    hub_html_add(h, "</tr><tr><th scope=\"row\">");
    hub_html_t(h, c, "rpt.this_period");
    hub_html_add(h, "</th><td>");
    count(h, c, json_object_get(o, "answers"));
    partial(h, c, o);
    hub_html_add(h, "</td><td>");
    share(h, c, json_object_get(o, "happy_share"));
    hub_html_add(h, "</td></tr><tr><th scope=\"row\">");
    hub_tf(c, t, sizeof t, "rpt.previous", str(prev, "from"), str(prev, "to"), (const char *)NULL);
    hub_html_esc(h, t);
    hub_html_add(h, "</th><td>");
    count(h, c, json_object_get(prev, "answers"));
    hub_html_add(h, "</td><td>");
    share(h, c, json_object_get(prev, "happy_share"));
    hub_html_add(h, "</td></tr><tr><th scope=\"row\">");
    hub_html_t(h, c, "rpt.change");
    hub_html_add(h, "</th><td>");
    json_t *d = json_object_get(ch, "answers_diff"), *p = json_object_get(ch, "happy_points");
    if (json_is_integer(d)) hub_html_add(h, "%+lld", (long long)json_integer_value(d)); else hub_html_add(h, "–");
    hub_html_add(h, "</td><td>");
    if (json_is_number(p)) {
        char num[32];
        snprintf(num, sizeof num, "%+.1f", json_number_value(p));
        if (strcmp(c->lang, "en")) for (char *q = num; *q; q++) if (*q == '.') *q = ',';
        hub_tf(c, t, sizeof t, "rpt.points", num, (const char *)NULL);
        hub_html_esc(h, t);
    } else {
        hub_html_add(h, "–");
    }
    hub_html_add(h, "</td></tr></table></div>");
    /* the four faces */
    hub_html_add(h, "<h3>");
    hub_html_t(h, c, "rpt.faces");
    hub_html_add(h, "</h3><div class=\"table-wrap\"><table><tr>");
    static const char *const face_ids[4] = {"web.face.1", "web.face.2", "web.face.3", "web.face.4"};
    for (int i = 0; i < 4; i++) th(h, c, face_ids[i]);
    hub_html_add(h, "</tr><tr>");
    for (size_t i = 0; i < 4; i++) { hub_html_add(h, "<td>"); count(h, c, json_array_get(json_object_get(o, "faces"), i)); hub_html_add(h, "</td>"); }
    hub_html_add(h, "</tr></table></div><h3>");
    hub_html_t(h, c, "rpt.weeks");
    hub_html_add(h, "</h3>");
    chart_alt(c, "rpt.weeks", alt, sizeof alt);
    hub_chart_sparkline(h, alt, json_object_get(o, "weeks"));
    hub_html_add(h, "<details><summary>");
    hub_html_t(h, c, "rpt.table");
    hub_html_add(h, "</summary><div class=\"table-wrap\"><table><tr>");
    th(h, c, "rpt.week");
    th(h, c, "rpt.answers");
    hub_html_add(h, "</tr>");
    size_t i;
    json_t *w;
    json_array_foreach(json_object_get(o, "weeks"), i, w) {
        hub_html_add(h, "<tr><td>");
        hub_html_esc(h, str(w, "week"));
        hub_html_add(h, "</td><td>");
        count(h, c, json_object_get(w, "answers"));
        partial(h, c, w);
        hub_html_add(h, "</td></tr>");
    }
    hub_html_add(h, "</table></div></details>");
}

/* A ranked table (contexts, languages, sites) with its bar chart of answers. */
static void ranked(hub_html *h, const hub_ctx *c, json_t *rows, json_t *names, const char *key, const char *title,
                   const char *col, const char *site_link)
{
    size_t n = json_array_size(rows), i;
    char alt[400];
    hub_html_add(h, "<h2>");
    hub_html_t(h, c, title);
    hub_html_add(h, "</h2>");
    if (!n) { hub_html_add(h, "<p class=\"muted\">"); hub_html_t(h, c, "rpt.none"); hub_html_add(h, "</p>"); return; }
    const char **labels = calloc(n, sizeof *labels);
    json_t **vals = calloc(n, sizeof *vals);
    json_t *r;
    if (!labels || !vals) { free(labels); free(vals); return; }
    json_array_foreach(rows, i, r) {
        const char *k = str(r, key);
        labels[i] = !strcmp(k, "home") ? hub_t(c, "rpt.kind.home") : name_of(names, k, k);
        vals[i] = json_object_get(r, "answers");
    }
    chart_alt(c, title, alt, sizeof alt);
    hub_chart_bars(h, alt, labels, vals, (int)(n > 30 ? 30 : n), 0, hub_t(c, "rpt.few"));
    hub_html_add(h, "<div class=\"table-wrap\"><table><tr>");
    th(h, c, "rpt.rank");
    th(h, c, col);
    th(h, c, "rpt.answers");
    th(h, c, "rpt.happy");
    hub_html_add(h, "</tr>");
    json_array_foreach(rows, i, r) {
        const char *k = str(r, key);
        hub_html_add(h, "<tr><td>");
        if (json_is_integer(json_object_get(r, "answers"))) hub_html_add(h, "%zu", i + 1);
        hub_html_add(h, "</td><td>");
        if (site_link) { hub_html_add(h, "<a href=\"/report/"); hub_html_esc(h, k); hub_html_add(h, "\">"); }
        hub_html_esc(h, labels[i]);
        if (site_link) hub_html_add(h, "</a>");
        if (*str(r, "kind") && strcmp(k, "home")) {
            hub_html_add(h, " <span class=\"muted\">");
            hub_html_t(h, c, !strcmp(str(r, "kind"), "event") ? "rpt.kind.event" : "rpt.kind.service");
            hub_html_add(h, "</span>");
        }
        hub_html_add(h, "</td><td>");
        count(h, c, json_object_get(r, "answers"));
        partial(h, c, r);
        hub_html_add(h, "</td><td>");
        share(h, c, json_object_get(r, "happy_share"));
        hub_html_add(h, "</td></tr>");
    }
    hub_html_add(h, "</table></div>");
    free(labels);
    free(vals);
}

static void hours(hub_html *h, const hub_ctx *c, json_t *grid)
{
    static const char *const ids[7] = {"rpt.day.1", "rpt.day.2", "rpt.day.3", "rpt.day.4", "rpt.day.5", "rpt.day.6", "rpt.day.7"};
    const char *days[7];
    char alt[400];
    for (int i = 0; i < 7; i++) days[i] = hub_t(c, ids[i]);
    hub_html_add(h, "<h2>");
    hub_html_t(h, c, "rpt.hours");
    hub_html_add(h, "</h2>");
    chart_alt(c, "rpt.hours", alt, sizeof alt);
    hub_chart_heat(h, alt, grid, days);
    /* the table: hours 6-21 (the kiosk's day) and the rest of the day as one column each side
     * would need sums; so every hour, scrolling within its box */
    hub_html_add(h, "<details><summary>");
    hub_html_t(h, c, "rpt.table");
    hub_html_add(h, "</summary><div class=\"table-wrap\"><table class=\"grid\"><tr><td></td>");
    for (int hr = 0; hr < 24; hr++) hub_html_add(h, "<th scope=\"col\">%02d</th>", hr);
    hub_html_add(h, "</tr>");
    size_t d, i;
    json_t *row, *v;
    json_array_foreach(grid, d, row) {
        hub_html_add(h, "<tr><th scope=\"row\">");
        hub_html_esc(h, d < 7 ? days[d] : "");
        hub_html_add(h, "</th>");
        json_array_foreach(json_object_get(row, "hours"), i, v) {
            if (json_is_integer(v)) hub_html_add(h, "<td>%lld</td>", (long long)json_integer_value(v));
            else hub_html_add(h, "<td class=\"few\">&lt;5</td>");
        }
        hub_html_add(h, "</tr>");
    }
    hub_html_add(h, "</table></div><p class=\"muted\">&lt;5 = ");
    hub_html_t(h, c, "rpt.few");
    hub_html_add(h, "</p></details>");
}

static void questions(hub_html *h, const hub_ctx *c, json_t *qs, json_t *names)
{
    size_t i, j;
    json_t *q, *o;
    char alt[400], key[300];
    hub_html_add(h, "<h2>");
    hub_html_t(h, c, "rpt.questions");
    hub_html_add(h, "</h2>");
    if (!json_array_size(qs)) { hub_html_add(h, "<p class=\"muted\">"); hub_html_t(h, c, "rpt.none"); hub_html_add(h, "</p>"); }
    json_array_foreach(qs, i, q) {
        const char *qid = str(q, "id");
        snprintf(key, sizeof key, "q:%s", qid);
        hub_html_add(h, "<h3>");
        hub_html_esc(h, name_of(names, key, qid));
        hub_html_add(h, " <span class=\"muted\">(");
        hub_html_t(h, c, "rpt.answers");
        hub_html_add(h, ": ");
        count(h, c, json_object_get(q, "answers"));
        hub_html_add(h, ")</span></h3>");
        json_t *opts = json_object_get(q, "options");
        size_t n = json_array_size(opts);
        const char **labels = calloc(n + 1, sizeof *labels);
        json_t **vals = calloc(n + 1, sizeof *vals);
        char (*keys)[300] = calloc(n + 1, sizeof *keys);
        if (!labels || !vals || !keys) { free(labels); free(vals); free(keys); return; }
        json_array_foreach(opts, j, o) {
            snprintf(keys[j], sizeof keys[j], "q:%s:%s", qid, str(o, "id"));
            labels[j] = name_of(names, keys[j], str(o, "id"));
            vals[j] = json_object_get(o, "count");
        }
        chart_alt(c, "rpt.questions", alt, sizeof alt);
        hub_chart_bars(h, alt, labels, vals, (int)n, 0, hub_t(c, "rpt.few"));
        hub_html_add(h, "<div class=\"table-wrap\"><table><tr>");
        th(h, c, "rpt.option");
        th(h, c, "rpt.chosen");
        hub_html_add(h, "</tr>");
        json_array_foreach(opts, j, o) {
            hub_html_add(h, "<tr><td>");
            hub_html_esc(h, labels[j]);
            hub_html_add(h, "</td><td>");
            count(h, c, json_object_get(o, "count"));
            partial(h, c, o);
            hub_html_add(h, "</td></tr>");
        }
        hub_html_add(h, "</table></div>");
        free(labels);
        free(vals);
        free(keys);
    }
}

static void slips(hub_html *h, const hub_ctx *c, json_t *rows, json_t *names)
{
    size_t i, j;
    json_t *r, *w;
    char key[200];
    hub_html_add(h, "<h2>");
    hub_html_t(h, c, "rpt.slips");
    hub_html_add(h, "</h2>");
    if (!json_array_size(rows)) { hub_html_add(h, "<p class=\"muted\">"); hub_html_t(h, c, "rpt.none"); hub_html_add(h, "</p>"); return; }
    hub_html_add(h, "<div class=\"table-wrap\"><table class=\"grid\"><tr>");
    th(h, c, "rpt.service");
    th(h, c, "rpt.slips_total");
    json_array_foreach(json_object_get(json_array_get(rows, 0), "weeks"), j, w) {
        hub_html_add(h, "<th scope=\"col\">");
        hub_html_esc(h, str(w, "week") + 5);
        hub_html_add(h, "</th>");
    }
    hub_html_add(h, "</tr>");
    json_array_foreach(rows, i, r) {
        snprintf(key, sizeof key, "service:%s", str(r, "service_id"));
        hub_html_add(h, "<tr><th scope=\"row\">");
        hub_html_esc(h, name_of(names, key, str(r, "service_id")));
        hub_html_add(h, "</th><td>");
        count(h, c, json_object_get(r, "slips"));
        partial(h, c, r);
        hub_html_add(h, "</td>");
        json_array_foreach(json_object_get(r, "weeks"), j, w) {
            json_t *v = json_object_get(w, "slips");
            if (json_is_integer(v)) hub_html_add(h, "<td>%lld</td>", (long long)json_integer_value(v));
            else hub_html_add(h, "<td class=\"few\">&lt;5</td>");
        }
        hub_html_add(h, "</tr>");
    }
    hub_html_add(h, "</table></div><p class=\"muted\">&lt;5 = ");
    hub_html_t(h, c, "rpt.few");
    hub_html_add(h, "</p>");
}

static void comments(hub_html *h, const hub_ctx *c, const char *site, json_t *r)
{
    size_t i;
    json_t *m;
    char t[700], id[32];
    hub_html_add(h, "<h2 id=\"comments\">");
    hub_html_t(h, c, "rpt.comments");
    hub_html_add(h, "</h2><p class=\"muted\">");
    hub_html_t(h, c, "rpt.comments_note");
    hub_html_add(h, "</p>");
    json_t *list = json_object_get(r, "comments"), *names = json_object_get(r, "names");
    if (!json_array_size(list)) { hub_html_add(h, "<p class=\"muted\">"); hub_html_t(h, c, "rpt.none"); hub_html_add(h, "</p>"); return; }
    char action[120];
    snprintf(action, sizeof action, "/report/%s/comment", site);
    hub_html_add(h, "<ul class=\"comments\">");
    json_array_foreach(list, i, m) {
        const char *ctx = str(m, "context");
        int hidden = json_is_true(json_object_get(m, "hidden"));
        hub_html_add(h, "<li%s><span class=\"muted\">", hidden ? " class=\"hidden\"" : "");
        hub_html_esc(h, str(m, "day"));
        hub_html_add(h, " · ");
        hub_html_esc(h, !strcmp(ctx, "home") ? hub_t(c, "rpt.kind.home") : name_of(names, ctx, ctx));
        hub_html_add(h, "</span><br><bdi>");
        hub_html_esc(h, str(m, "comment"));
        hub_html_add(h, "</bdi>");
        snprintf(id, sizeof id, "%lld", (long long)json_integer_value(json_object_get(m, "id")));
        if (hidden) {
            hub_tf(c, t, sizeof t, "rpt.hidden", str(m, "reason"), (const char *)NULL);
            hub_html_add(h, "<p class=\"bad\">");
            hub_html_esc(h, t);
            hub_html_add(h, "</p>");
            const char *nm[] = {"id", "do", "from", "to"}, *vl[] = {id, "show", str(r, "from"), str(r, "to")};
            hub_html_button_form(h, c, action, hub_t(c, "rpt.unhide"), nm, vl, 4);
        } else {
            hub_form_begin(h, c, action);
            hub_html_add(h, "<input type=\"hidden\" name=\"id\" value=\"%s\"><input type=\"hidden\" name=\"do\" value=\"hide\">"
                            "<input type=\"hidden\" name=\"from\" value=\"", id);
            hub_html_esc(h, str(r, "from"));
            hub_html_add(h, "\"><input type=\"hidden\" name=\"to\" value=\"");
            hub_html_esc(h, str(r, "to"));
            hub_html_add(h, "\"><label for=\"reason-%s\">", id);
            hub_html_t(h, c, "rpt.reason");
            hub_html_add(h, "</label> <input type=\"text\" id=\"reason-%s\" name=\"reason\" maxlength=\"500\" required> ", id);
            hub_html_submit(h, hub_t(c, "rpt.hide"));
            hub_form_end(h);
        }
        hub_html_add(h, "</li>");
    }
    hub_html_add(h, "</ul>");
}

/* The period from the query; a bad one is a 400 page with the form again. */
static int period_of(const hub_req *rq, hub_rpt_period *p)
{
    char err[MJ_ERRLEN];
    return hub_rpt_period_parse(hub_req_query(rq, "from"), hub_req_query(rq, "to"), p, err, sizeof err);
}

static void site_page(hub_store *hs, const hub_ctx *c, const hub_req *rq, hub_resp *rs, const char *site)
{
    hub_html h = {0};
    char err[MJ_ERRLEN], title[300], action[100];
    hub_rpt_req q = {site, {0, 0}, HUB_RPT_T_ALL & ~(unsigned)HUB_RPT_T_SITES, 1, c->lang};
    int bad = period_of(rq, &q.period) != MJ_OK;
    if (bad) hub_rpt_period_parse(NULL, NULL, &q.period, err, sizeof err);
    json_t *r = NULL;
    hub_tf(c, title, sizeof title, "rpt.title", site, (const char *)NULL);
    hub_page_begin(&h, c, title);
    if (bad) hub_html_notice(&h, "error", hub_t(c, "rpt.bad_period"));
    const char *done = hub_req_query(rq, "done");
    if (done && !strcmp(done, "hidden")) hub_html_notice(&h, "ok", hub_t(c, "rpt.hid_ok"));
    if (done && !strcmp(done, "shown")) hub_html_notice(&h, "ok", hub_t(c, "rpt.unhid_ok"));
    if (hub_rpt_build(hs, &q, &r, err, sizeof err)) {
        hub_html_notice(&h, "error", err);
        hub_page_end_status(&h, rs, 503);
        return;
    }
    snprintf(action, sizeof action, "/report/%s", site);
    period_form(&h, c, action, r);
    for (int x = 0; x < 2; x++) {
        hub_html_add(&h, "%s<a href=\"/report/", x ? " · " : "<p>");
        hub_html_esc(&h, site);
        hub_html_add(&h, ".%s?from=", x ? "xlsx" : "csv");
        hub_html_esc(&h, str(r, "from"));
        hub_html_add(&h, "&amp;to=");
        hub_html_esc(&h, str(r, "to"));
        hub_html_add(&h, "\">");
        hub_html_t(&h, c, x ? "rpt.xlsx" : "rpt.csv");
        hub_html_add(&h, "</a>");
    }
    hub_html_add(&h, "</p>");
    json_t *names = json_object_get(r, "names");
    overview(&h, c, json_object_get(r, "overview"));
    ranked(&h, c, json_object_get(r, "contexts"), names, "context", "rpt.contexts", "rpt.where", NULL);
    ranked(&h, c, json_object_get(r, "languages"), NULL, "language", "rpt.languages", "rpt.language", NULL);
    hours(&h, c, json_object_get(r, "hours"));
    questions(&h, c, json_object_get(r, "questions"), names);
    slips(&h, c, json_object_get(r, "slips"), names);
    comments(&h, c, site, r);
    json_decref(r);
    hub_page_end_status(&h, rs, bad ? 400 : 200);
}

static int site_row(void *ctx, const hub_val *v, int n)
{
    json_t *sites = ctx;
    size_t i;
    json_t *g;
    if (n < 1 || !v[0].s) return 0;
    json_array_foreach(sites, i, g) if (!strcmp(str(g, "site"), v[0].s)) return 0;
    json_array_append_new(sites, json_pack("{s:s,s:n,s:n,s:b}", "site", v[0].s, "answers", "happy_share", "partial", 0));
    return 0;
}

static void index_page(hub_store *hs, const hub_ctx *c, const hub_req *rq, hub_resp *rs)
{
    hub_html h = {0};
    char err[MJ_ERRLEN];
    hub_rpt_req q = {NULL, {0, 0}, HUB_RPT_T_SITES, 0, c->lang};
    int bad = period_of(rq, &q.period) != MJ_OK;
    if (bad) hub_rpt_period_parse(NULL, NULL, &q.period, err, sizeof err);
    hub_page_begin(&h, c, hub_t(c, "rpt.index_title"));
    if (bad) hub_html_notice(&h, "error", hub_t(c, "rpt.bad_period"));
    json_t *r = NULL;
    if (c->role == HUB_ROLE_ADMIN) {
        if (hub_rpt_build(hs, &q, &r, err, sizeof err)) { hub_html_notice(&h, "error", err); hub_page_end_status(&h, rs, 503); return; }
        /* sites with content but no answers in the period are listed too */
        hub_store_site_rows(hs, site_row, json_object_get(r, "sites"), NULL, 0);
    } else {
        /* a coordinator: each own site's overview, never the others' */
        json_t *rows = json_array(), *sites = json_object();
        for (int i = 0; i < c->nsites; i++) json_object_set_new(sites, c->sites[i], json_true());
        const char *s;
        json_t *v;
        json_object_foreach(sites, s, v) {
            hub_rpt_req one = {s, q.period, HUB_RPT_T_OVERVIEW, 0, c->lang};
            json_t *o = NULL;
            if (hub_rpt_build(hs, &one, &o, err, sizeof err)) continue;
            json_t *ov = json_object_get(o, "overview");
            json_array_append_new(rows, json_pack("{s:s,s:O,s:O,s:O}", "site", s, "answers", json_object_get(ov, "answers"),
                                                  "happy_share", json_object_get(ov, "happy_share"), "partial",
                                                  json_object_get(ov, "partial")));
            if (!r) r = o; else json_decref(o);
        }
        json_decref(sites);
        if (!r) {
            char m0[8], m1[8];
            hub_rpt_month(q.period.from, m0);
            hub_rpt_month(q.period.to, m1);
            r = json_pack("{s:s,s:s}", "from", m0, "to", m1);
        }
        json_object_set_new(r, "sites", rows);
    }
    period_form(&h, c, "/report", r);
    ranked(&h, c, json_object_get(r, "sites"), NULL, "site", "rpt.sites", "rpt.site", "link");
    json_decref(r);
    hub_page_end_status(&h, rs, bad ? 400 : 200);
}

static void comment_post(hub_store *hs, const hub_ctx *c, const hub_req *rq, hub_resp *rs, const char *site)
{
    hub_form f;
    char err[MJ_ERRLEN], target[120];
    if (!hub_web_post_ok(c, rq, rs)) return;
    if (hub_form_parse(rq->body, rq->len, &f, NULL, NULL, 0)) { hub_web_error(c, rs, 400, "web.err.bad_form"); return; }
    const char *id = hub_form_get(&f, "id"), *act = hub_form_get(&f, "do"), *reason = hub_form_get(&f, "reason");
    const char *from = hub_form_get(&f, "from"), *to = hub_form_get(&f, "to");
    hub_rpt_period p;
    int hide = act && !strcmp(act, "hide");
    if (!id || !*id || strspn(id, "0123456789") != strlen(id) || strlen(id) > 18 || !act || (!hide && strcmp(act, "show")) ||
        hub_rpt_period_parse(from, to, &p, err, sizeof err)) {
        hub_form_free(&f);
        hub_web_error(c, rs, 400, "web.err.bad_form");
        return;
    }
    if (hide && (!reason || !*reason || strlen(reason) > 500)) {
        hub_form_free(&f);
        hub_web_error(c, rs, 422, "rpt.need_reason");
        return;
    }
    int rc = hub_store_comment_moderate(hs, site, atoll(id), hide, reason, c->user, err, sizeof err);
    if (rc == MJ_ENOTFOUND) { hub_form_free(&f); hub_web_error(c, rs, 404, "web.err.no_page"); return; }
    if (rc) { hub_form_free(&f); hub_web_error(c, rs, 503, "web.err.store"); return; }
    snprintf(target, sizeof target, "%s/comment/%s", site, id);
    /* the reason is the coordinator's own words; the comment's text never enters the log */
    hub_audit(hs, c, hide ? "report.comment.hide" : "report.comment.show", target, hide ? reason : "");
    hub_resp_take(rs, 303, "text/plain", mj_strdup("see other\n"), 10);
    char m0[8], m1[8];
    hub_rpt_month(p.from, m0);
    hub_rpt_month(p.to, m1);
    snprintf(rs->location, sizeof rs->location, "/report/%s?from=%s&to=%s&done=%s#comments", site, m0, m1,
             hide ? "hidden" : "shown");
    hub_form_free(&f);
}

/* The site's report as CSV or XLSX (comments hidden by moderation left out). */
static void export(hub_store *hs, const hub_ctx *c, const hub_req *rq, hub_resp *rs, const char *site, int xlsx)
{
    char err[MJ_ERRLEN], *data = NULL;
    size_t len = 0;
    hub_rpt_req q = {site, {0, 0}, HUB_RPT_T_ALL & ~(unsigned)HUB_RPT_T_SITES, 0, c->lang};
    if (period_of(rq, &q.period)) { hub_web_error(c, rs, 400, "rpt.bad_period"); return; }
    json_t *r = NULL;
    int rc = hub_rpt_build(hs, &q, &r, err, sizeof err);
    if (!rc) rc = xlsx ? hub_rpt_xlsx(r, hub_t(c, "rpt.few"), &data, &len, err, sizeof err)
                       : hub_rpt_csv(r, hub_t(c, "rpt.few"), &data, &len, err, sizeof err);
    json_decref(r);
    if (rc) { hub_web_error(c, rs, 503, "web.err.store"); return; }
    hub_resp_take(rs, 200, xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8",
                  data, len);
    rs->content_disposition = xlsx ? "attachment; filename=\"majakka-report.xlsx\"" : "attachment; filename=\"majakka-report.csv\"";
}

int hub_rpt_web_route(hub_store *hs, const hub_req *rq, hub_resp *rs)
{
    const char *p = rq->path;
    if (strcmp(p, "/report") && strncmp(p, "/report/", 8)) return 0;
    hub_ctx c;
    if (hub_web_begin(hs, rq, rs, &c)) return 1;
    int get = !strcmp(rq->method, "GET") || !strcmp(rq->method, "HEAD"), post = !strcmp(rq->method, "POST");
    if (!strcmp(p, "/report") || !strcmp(p, "/report/")) {
        if (get) index_page(hs, &c, rq, rs); else hub_web_error(&c, rs, 405, "web.err.no_page");
        return 1;
    }
    char site[65];
    const char *s = p + 8, *slash = strchr(s, '/');
    size_t n = slash ? (size_t)(slash - s) : strlen(s);
    if (n == 0 || n >= sizeof site) { hub_web_error(&c, rs, 404, "web.err.no_page"); return 1; }
    memcpy(site, s, n);
    site[n] = 0;
    int fmt = 0;   /* 1: .csv, 2: .xlsx */
    char *dot = strrchr(site, '.');
    if (dot && !slash && (!strcmp(dot, ".csv") || !strcmp(dot, ".xlsx"))) { fmt = dot[1] == 'c' ? 1 : 2; *dot = 0; }
    if (!proto_is_id(site)) { hub_web_error(&c, rs, 404, "web.err.no_page"); return 1; }
    if (!hub_web_require_site(&c, site, rs)) return 1;
    if (fmt && get) export(hs, &c, rq, rs, site, fmt == 2);
    else if (!slash && get && !fmt) site_page(hs, &c, rq, rs, site);
    else if (slash && !strcmp(slash, "/comment") && post) comment_post(hs, &c, rq, rs, site);
    else if (!slash || !strcmp(slash, "/comment")) hub_web_error(&c, rs, 405, "web.err.no_page");
    else hub_web_error(&c, rs, 404, "web.err.no_page");
    return 1;
}
