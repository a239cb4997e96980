/* hub_import_web.c - see hub_import_web.h. */
#include "hub_import_web.h"
#include "hub_draft.h"
#include "hub_html.h"
#include "hub_import.h"
#include "hub_web.h"
#include "util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define SHOWN_LINES 500

int hub_import_web_path(const char *method, const char *path)
{
    if (!method || !path || strcmp(method, "POST") != 0 || strncmp(path, "/edit/", 6) != 0) return 0;
    const char *s = strchr(path + 6, '/');
    return s && strcmp(s, "/import") == 0;
}

static const hub_part *part_of(const hub_part *parts, int n, const char *name)
{
    for (int i = 0; i < n; i++) if (strcmp(parts[i].name, name) == 0) return &parts[i];
    return NULL;
}

static void forms(hub_html *h, const hub_ctx *w, const char *site, const json_t *content)
{
    static const char *const fmts[] = { "hsds", "ptv", "linkedevents", "calendar" };
    const char *labels[4] = { hub_t(w, "web.import.fmt.hsds"), hub_t(w, "web.import.fmt.ptv"), hub_t(w, "web.import.fmt.le"),
                              hub_t(w, "web.import.fmt.ics") };
    const char *cats[101], *catl[101];
    int nc = 0;
    json_t *c;
    size_t i;
    cats[nc] = "";
    catl[nc++] = hub_t(w, "web.import.category.first");
    json_array_foreach(json_object_get(content, "categories"), i, c) {
        if (nc >= 101) break;
        const char *id = json_string_value(json_object_get(c, "id"));
        if (!id) continue;
        cats[nc] = id;
        catl[nc++] = id;
    }
    char action[120];
    snprintf(action, sizeof action, "/edit/%s/import", site);
    hub_html_add(h, "<h2>");
    hub_html_t(h, w, "web.import.file");
    hub_html_add(h, "</h2><form method=\"post\" action=\"");
    hub_html_esc(h, action);
    hub_html_add(h, "\" enctype=\"multipart/form-data\"><input type=\"hidden\" name=\"csrf\" value=\"");
    hub_html_esc(h, w->csrf);
    hub_html_add(h, "\">");
    hub_field f = { "format", hub_t(w, "web.import.format"), NULL, "hsds", NULL, NULL, NULL, 1, 0 };
    hub_html_select(h, &f, fmts, labels, 4);
    hub_html_add(h, "<p><label for=\"f-file\">");
    hub_html_t(h, w, "web.import.files");
    hub_html_add(h, "</label><br><input id=\"f-file\" type=\"file\" name=\"file\" multiple required "
                    "accept=\".json,.csv,.ics,application/json,text/csv,text/calendar\"></p>");
    hub_field fc = { "category", hub_t(w, "web.import.category"), NULL, "", NULL, hub_t(w, "web.import.category.hint"), NULL, 0, 0 };
    hub_html_select(h, &fc, cats, catl, nc);
    hub_html_submit(h, hub_t(w, "web.import.submit.file"));
    hub_html_add(h, "</form><h2>");
    hub_html_t(h, w, "web.import.url");
    hub_html_add(h, "</h2>");
    hub_form_begin(h, w, action);
    hub_field f2 = { "format", hub_t(w, "web.import.format"), NULL, "linkedevents", NULL, NULL, NULL, 1, 0 };
    hub_html_select(h, &f2, fmts, labels, 3);
    hub_field fu = { "url", hub_t(w, "web.import.address"), "url", NULL, NULL, hub_t(w, "web.import.address.hint"), NULL, 1, 60 };
    hub_html_field(h, &fu);
    fc.name = "category";
    hub_html_select(h, &fc, cats, catl, nc);
    hub_html_submit(h, hub_t(w, "web.import.submit.url"));
    hub_form_end(h);
}

static void page(hub_html *h, const hub_ctx *w, const char *site, const json_t *content)
{
    hub_page_begin(h, w, hub_t(w, "web.import.title"));
    char intro[600];
    hub_tf(w, intro, sizeof intro, "web.import.intro", site, NULL);
    hub_html_add(h, "<p>");
    hub_html_esc(h, intro);
    hub_html_add(h, "</p>");
    (void)content;
}

static void result(hub_html *h, const hub_ctx *w, const char *site, int fmt, const hub_import_summary *sum)
{
    char line[400];
    hub_import_summary_line(fmt, sum, line, sizeof line);
    hub_html_notice(h, "ok", line);
    hub_html_add(h, "<p><a href=\"/edit/");
    hub_html_esc(h, site);
    hub_html_add(h, "/changes\">");
    hub_html_t(h, w, "web.import.changes");
    hub_html_add(h, "</a></p>");
    size_t n = json_array_size(sum->report);
    if (!n) return;
    hub_html_add(h, "<h2>");
    hub_html_t(h, w, "web.import.report");
    hub_html_add(h, " (%zu)</h2><ul class=\"report\">", n);
    for (size_t i = 0; i < n && i < SHOWN_LINES; i++) {
        hub_html_add(h, "<li>");
        hub_html_esc(h, json_string_value(json_array_get(sum->report, i)));
        hub_html_add(h, "</li>");
    }
    if (n > SHOWN_LINES) hub_html_add(h, "<li>… %zu</li>", n - SHOWN_LINES);
    hub_html_add(h, "</ul>");
}

void hub_import_web(hub_store *hs, const hub_req *rq, hub_resp *rs, const hub_ctx *w, const char *site)
{
    char err[MJ_ERRLEN] = "";
    hub_draft d;
    hub_html h = { 0 };
    int post = strcmp(rq->method, "POST") == 0;
    if (!post && strcmp(rq->method, "GET") && strcmp(rq->method, "HEAD")) { hub_resp_error(rs, 405, "method", "GET or POST"); return; }
    const char *ctype = hub_req_header(rq, "Content-Type");
    hub_part parts[HUB_FORM_MAX_PARTS];
    int np = 0, multipart = post && hub_form_is_multipart(ctype);
    if (post && rq->body_too_large) { hub_web_error(w, rs, 413, "web.import.err.size"); return; }
    if (multipart) {
        if (hub_form_multipart(ctype, rq->body ? rq->body : "", rq->len, parts, HUB_FORM_MAX_PARTS, &np)) {
            hub_resp_error(rs, 400, "bad_form", "the upload cannot be read (multipart/form-data)");
            return;
        }
    }
    if (post && !hub_web_post_ok(w, rq, rs)) return;   /* the csrf field, in either kind of body */
    if (hub_draft_load(hs, site, &d, err, sizeof err)) { hub_resp_error(rs, 503, "store", err); return; }
    page(&h, w, site, d.content);
    if (!post) {
        forms(&h, w, site, d.content);
        hub_draft_free(&d);
        hub_page_end(&h, rs);
        return;
    }
    /* what was asked */
    char fmtname[32] = "", category[80] = "", url[600] = "";
    imp_csv_file files[HUB_FORM_MAX_PARTS];
    char tables[HUB_FORM_MAX_PARTS][64];
    int nfiles = 0, status = 200, rc = MJ_OK;
    json_t *doc = NULL;
    if (multipart) {
        const hub_part *p = part_of(parts, np, "format");
        if (p) snprintf(fmtname, sizeof fmtname, "%.*s", (int)(p->len < 31 ? p->len : 31), p->data);
        p = part_of(parts, np, "category");
        if (p) snprintf(category, sizeof category, "%.*s", (int)(p->len < 79 ? p->len : 79), p->data);
    } else {
        hub_form f;
        if (hub_form_parse(rq->body, rq->len, &f, NULL, NULL, 0) == MJ_OK) {
            const char *v;
            if ((v = hub_form_get(&f, "format"))) snprintf(fmtname, sizeof fmtname, "%s", v);
            if ((v = hub_form_get(&f, "category"))) snprintf(category, sizeof category, "%s", v);
            if ((v = hub_form_get(&f, "url"))) snprintf(url, sizeof url, "%s", v);
            hub_form_free(&f);
        }
    }
    int fmt = hub_import_fmt_of(fmtname);
    hub_import_in in = { fmt, NULL, 0, NULL, NULL, 0 };
    if (fmt < 0 || fmt == HUB_IMPORT_HSDS_CSV) {
        rc = mj_err(err, sizeof err, MJ_EINVAL, "%s", hub_t(w, "web.import.err.format"));
    } else if (fmt == HUB_IMPORT_ICS) {
        const hub_part *p = multipart ? part_of(parts, np, "file") : NULL;
        if (!multipart) rc = mj_err(err, sizeof err, MJ_EINVAL, "%s", hub_t(w, "web.import.err.icsurl"));
        else if (!p || !p->len) rc = mj_err(err, sizeof err, MJ_EINVAL, "%s", hub_t(w, "web.import.err.nofile"));
        else { in.text = p->data; in.len = p->len; }
    } else if (multipart) {
        /* files: several JSON files are one document (an array); .csv files are a datapackage's tables */
        size_t total = 0;
        int csv = 0;
        doc = json_array();
        for (int i = 0; i < np && !rc; i++) {
            if (strcmp(parts[i].name, "file") != 0 || !parts[i].len) continue;
            size_t fl = strlen(parts[i].filename);
            total += parts[i].len;
            if (fl > 4 && strcasecmp(parts[i].filename + fl - 4, ".csv") == 0) {
                const char *base = strrchr(parts[i].filename, '/') ? strrchr(parts[i].filename, '/') + 1 : parts[i].filename;
                snprintf(tables[nfiles], sizeof tables[nfiles], "%.*s", (int)(strlen(base) - 4), base);
                files[nfiles].table = tables[nfiles];
                files[nfiles].text = parts[i].data;
                files[nfiles].len = parts[i].len;
                nfiles++;
                csv = 1;
                continue;
            }
            json_error_t je;
            json_t *one = json_loadb(parts[i].data, parts[i].len, 0, &je);
            if (!one) rc = mj_err(err, sizeof err, MJ_EINVAL, "%s: not JSON: %s (line %d)", parts[i].filename, je.text, je.line);
            else json_array_append_new(doc, one);
        }
        if (!rc && csv && fmt != HUB_IMPORT_HSDS) rc = mj_err(err, sizeof err, MJ_EINVAL, "%s", hub_t(w, "web.import.err.csv"));
        if (!rc && csv) { in.fmt = HUB_IMPORT_HSDS_CSV; in.files = files; in.nfiles = (size_t)nfiles; }
        else if (!rc && !json_array_size(doc)) rc = mj_err(err, sizeof err, MJ_EINVAL, "%s", hub_t(w, "web.import.err.nofile"));
        else if (!rc && json_array_size(doc) == 1) { json_t *only = json_incref(json_array_get(doc, 0)); json_decref(doc); doc = only; }
        (void)total;
    } else {
        /* the coordinator app fetches https only (the command line also takes http) */
        if (strncasecmp(url, "https://", 8) != 0) rc = mj_err(err, sizeof err, MJ_EINVAL, "%s", hub_t(w, "web.import.err.https"));
        else rc = hub_import_fetch(url, fmt, 100, 30000, &doc, err, sizeof err);
        if (rc == MJ_EIO) status = 502;
    }
    in.doc = doc;
    hub_import_summary sum = { 0 };
    if (!rc) rc = hub_import_run(hs, site, w->user, &in, category[0] ? category : NULL, &sum, err, sizeof err);
    if (rc) {
        hub_html_notice(&h, "error", err);
        if (status == 200) status = rc == MJ_EINVAL ? 422 : rc == MJ_EIO ? 502 : 503;
        if (json_array_size(sum.report)) result(&h, w, site, in.fmt, &sum);
        forms(&h, w, site, d.content);
    } else {
        char detail[400];
        hub_import_summary_line(in.fmt, &sum, detail, sizeof detail);
        hub_audit(hs, w, "draft.import", site, detail);
        result(&h, w, site, in.fmt, &sum);
        hub_html_add(&h, "<p><a href=\"/edit/");
        hub_html_esc(&h, site);
        hub_html_add(&h, "/import\">");
        hub_html_t(&h, w, "web.import.again");
        hub_html_add(&h, "</a></p>");
    }
    hub_import_summary_free(&sum);
    json_decref(doc);
    hub_draft_free(&d);
    hub_page_end_status(&h, rs, status);
}
