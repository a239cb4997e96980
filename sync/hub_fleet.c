/* hub_fleet.c - see hub_fleet.h. */
#include "hub_fleet.h"
#include "hub_alerts.h"
#include "hub_qr.h"
#include "hub_time.h"
#include "hub_watch.h"
#include "hub_web.h"
#include "protocol.h"
#include "util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Enrollment codes are valid for one of these many hours. */
static const char *const ttl_values[] = {"1", "24", "168", "720"};
static const char *const ttl_ids[] = {"web.fleet.ttl_1h", "web.fleet.ttl_24h", "web.fleet.ttl_7d", "web.fleet.ttl_30d"};
#define N_TTL 4

/* A time as the user reads it: local (Europe/Helsinki), in their language. */
static void local_time(const hub_ctx *c, long long t, char *out, size_t n)
{
    hub_time_format(c->lang, NULL, (time_t)t, out, n);
}

static void redirect(hub_resp *rs, const char *fmt, const char *a, const char *b)
{
    hub_resp_take(rs, 303, "text/plain", mj_strdup("see other\n"), 10);
    snprintf(rs->location, sizeof rs->location, fmt, a, b ? b : "");
}

/* One alert as the pages show it: the translated title and its detail. */
static void alert_item(hub_html *h, const hub_ctx *c, const hub_fleet_row *f, int k)
{
    char key[40], d[256], n[32];
    snprintf(key, sizeof key, "web.alert.%s", hub_alert_key(k));
    hub_html_add(h, "<span class=\"alert alert-%s\">", hub_alert_key(k));
    hub_html_t(h, c, key);
    const json_t *hb = f->in.health;
    d[0] = 0;
    switch (hub_alert_bit(k)) {
    case HUB_ALERT_UNSEEN:
        if (f->in.last_seen > 0) local_time(c, f->in.last_seen, d, sizeof d);
        else snprintf(d, sizeof d, "%s", hub_t(c, "web.fleet.never"));
        break;
    case HUB_ALERT_OUTBOX:
        snprintf(n, sizeof n, "%lld", (long long)json_integer_value(json_object_get(hb, "outbox_length")));
        hub_tf(c, d, sizeof d, "web.alert.outbox_n", n, NULL);
        break;
    case HUB_ALERT_DISK:
        snprintf(d, sizeof d, "%lld MB", (long long)json_integer_value(json_object_get(hb, "free_disk_bytes")) / 1000000);
        break;
    default:
        hub_alert_detail(k, &f->in, d, sizeof d);
        if (hub_alert_bit(k) == HUB_ALERT_PRINTER) {
            const char *w = json_string_value(json_object_get(hb, "printer_status"));
            snprintf(d, sizeof d, "%.60s", w ? w : "");
        }
    }
    if (d[0]) { hub_html_add(h, ": "); hub_html_esc(h, d); }
    hub_html_add(h, "</span>");
}

static void alert_list(hub_html *h, const hub_ctx *c, const hub_fleet_row *f)
{
    if (f->revoked) { hub_html_add(h, "<span class=\"muted\">"); hub_html_t(h, c, "web.fleet.revoked"); hub_html_add(h, "</span>"); return; }
    if (!f->now.active) { hub_html_add(h, "<span class=\"ok\">"); hub_html_t(h, c, "web.fleet.ok"); hub_html_add(h, "</span>"); return; }
    for (int k = 0; k < HUB_ALERT_KINDS; k++)
        if (f->now.active & hub_alert_bit(k)) { alert_item(h, c, f, k); hub_html_add(h, " "); }
}

void hub_fleet_alerts_box(hub_store *hs, const hub_ctx *c, hub_html *h)
{
    char err[MJ_ERRLEN];
    hub_fleet_row *rows;
    size_t n, shown = 0;
    if (hub_fleet_read(hs, (long long)time(NULL), NULL, &rows, &n, err, sizeof err)) {
        hub_html_notice(h, "error", err);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        if (!rows[i].now.active || !hub_web_can_site(c, rows[i].site)) continue;
        if (!shown++) {
            hub_html_add(h, "<section class=\"alerts\" aria-labelledby=\"alerts-h\"><h2 id=\"alerts-h\">");
            hub_html_t(h, c, "web.alerts.title");
            hub_html_add(h, "</h2><ul>");
        }
        hub_html_add(h, "<li><a href=\"/fleet/kiosk/");
        hub_html_esc(h, rows[i].id);
        hub_html_add(h, "\"><strong>");
        hub_html_esc(h, rows[i].name);
        hub_html_add(h, "</strong></a> <span class=\"muted\">");
        hub_html_esc(h, rows[i].site);
        hub_html_add(h, "</span> ");
        alert_list(h, c, &rows[i]);
        hub_html_add(h, "</li>");
    }
    if (shown) hub_html_add(h, "</ul></section>");
    else { hub_html_add(h, "<p class=\"ok\" id=\"no-alerts\">"); hub_html_t(h, c, "web.alerts.none"); hub_html_add(h, "</p>"); }
    hub_fleet_free(rows, n);
}

/* The sites c may choose from: c's own, or for an admin every site the hub knows. */
typedef struct site_list { char (*v)[65]; int n, cap; } site_list;
static void site_add(site_list *l, const char *s)
{
    if (!s || !proto_is_id(s)) return;
    for (int i = 0; i < l->n; i++) if (strcmp(l->v[i], s) == 0) return;
    if (l->n == l->cap) {
        int cap = l->cap ? l->cap * 2 : 16;
        char (*nv)[65] = realloc(l->v, (size_t)cap * sizeof *nv);
        if (!nv) return;
        l->v = nv;
        l->cap = cap;
    }
    snprintf(l->v[l->n++], 65, "%s", s);
}
static int site_row(void *ctx, const hub_val *v, int n) { if (n >= 1) site_add(ctx, v[0].s); return 0; }
static int site_cmp(const void *a, const void *b) { return strcmp(a, b); }

static void sites_of(hub_store *hs, const hub_ctx *c, const hub_fleet_row *rows, size_t n, site_list *l)
{
    memset(l, 0, sizeof *l);
    if (c->role == HUB_ROLE_ADMIN) {
        hub_store_site_rows(hs, site_row, l, NULL, 0);
        for (size_t i = 0; i < n; i++) site_add(l, rows[i].site);
    } else {
        for (int i = 0; i < c->nsites; i++) site_add(l, c->sites[i]);
    }
    if (l->n) qsort(l->v, (size_t)l->n, sizeof *l->v, site_cmp);
}

/* The site field: a choice of c's sites; an admin may also type a new one. */
static void site_field(hub_html *h, const hub_ctx *c, const site_list *l, const char *name, const char *label,
                       const char *value, const char *error)
{
    if (c->role == HUB_ROLE_ADMIN) {
        hub_html_field(h, &(hub_field){.name = name, .label = label, .type = "text", .value = value, .error = error,
                                       .hint = hub_t(c, "web.fleet.site_hint"), .required = 1, .size = 30});
        return;
    }
    const char *vals[HUB_MAX_SITES];
    int n = 0;
    for (int i = 0; i < l->n && n < HUB_MAX_SITES; i++) vals[n++] = l->v[i];
    hub_html_select(h, &(hub_field){.name = name, .label = label, .value = value, .error = error}, vals, vals, n);
}

typedef struct enroll_state { const char *site, *name, *ttl, *e_site, *e_name, *e_ttl; } enroll_state;

static void enroll_form(hub_html *h, const hub_ctx *c, const site_list *l, const char *site, const enroll_state *st)
{
    const char *ttl_labels[N_TTL];
    for (int i = 0; i < N_TTL; i++) ttl_labels[i] = hub_t(c, ttl_ids[i]);
    hub_html_add(h, "<section aria-labelledby=\"enroll-h\"><h2 id=\"enroll-h\">");
    hub_html_t(h, c, "web.fleet.enroll");
    hub_html_add(h, "</h2><p>");
    hub_html_t(h, c, "web.fleet.enroll_help");
    hub_html_add(h, "</p>");
    hub_form_begin(h, c, "/fleet/enroll");
    site_field(h, c, l, "site", hub_t(c, "web.kiosks.site"), st && st->site ? st->site : site, st ? st->e_site : NULL);
    hub_html_field(h, &(hub_field){.name = "name", .label = hub_t(c, "web.fleet.kiosk_name"), .type = "text",
                                   .value = st ? st->name : NULL, .error = st ? st->e_name : NULL,
                                   .hint = hub_t(c, "web.fleet.name_hint"), .required = 1, .size = 40});
    hub_html_select(h, &(hub_field){.name = "hours", .label = hub_t(c, "web.fleet.validity"),
                                    .value = st && st->ttl ? st->ttl : "24", .error = st ? st->e_ttl : NULL},
                    ttl_values, ttl_labels, N_TTL);
    hub_html_submit(h, hub_t(c, "web.fleet.make_code"));
    hub_form_end(h);
    hub_html_add(h, "</section>");
}

static const char *done_msgid(const char *done)
{
    static const char *const keys[][2] = {{"renamed", "web.fleet.done_renamed"}, {"moved", "web.fleet.done_moved"},
                                          {"revoked", "web.fleet.done_revoked"}, {"alert_mail", "web.fleet.done_alert_mail"}};
    for (size_t i = 0; done && i < sizeof keys / sizeof keys[0]; i++)
        if (strcmp(done, keys[i][0]) == 0) return keys[i][1];
    return NULL;
}

/* GET /fleet: every kiosk c may see (of one site with ?site=), the enroll form, the alert mail. */
static void list_page(hub_store *hs, const hub_ctx *c, const hub_req *rq, hub_resp *rs, const enroll_state *st, int status)
{
    char err[MJ_ERRLEN];
    const char *site = hub_req_query(rq, "site");
    if (site && !*site) site = NULL;
    if (site && !proto_is_id(site)) { hub_web_error(c, rs, 400, "web.err.bad_form"); return; }
    if (site && !hub_web_require_site(c, site, rs)) return;
    hub_fleet_row *rows;
    size_t n;
    if (hub_fleet_read(hs, (long long)time(NULL), site, &rows, &n, err, sizeof err)) { hub_web_error(c, rs, 503, "web.err.store"); return; }
    site_list sl;
    sites_of(hs, c, rows, n, &sl);
    hub_html h = {0};
    hub_page_begin(&h, c, hub_t(c, "web.fleet.title"));
    const char *done = done_msgid(hub_req_query(rq, "done"));
    if (done) hub_html_notice(&h, "ok", hub_t(c, done));
    hub_html_add(&h, "<table class=\"fleet\"><caption>");
    hub_html_t(&h, c, "web.fleet.kiosks");
    if (site) { hub_html_add(&h, ": "); hub_html_esc(&h, site); }
    hub_html_add(&h, "</caption><tr><th scope=\"col\">");
    hub_html_t(&h, c, "web.kiosks.kiosk");
    hub_html_add(&h, "</th><th scope=\"col\">");
    hub_html_t(&h, c, "web.kiosks.site");
    hub_html_add(&h, "</th><th scope=\"col\">");
    hub_html_t(&h, c, "web.kiosks.last_seen");
    hub_html_add(&h, "</th><th scope=\"col\">");
    hub_html_t(&h, c, "web.fleet.state");
    hub_html_add(&h, "</th></tr>");
    int shown = 0;
    for (size_t i = 0; i < n; i++) {
        hub_fleet_row *f = &rows[i];
        if (!hub_web_can_site(c, f->site)) continue;
        shown++;
        hub_html_add(&h, "<tr%s><th scope=\"row\"><a href=\"/fleet/kiosk/", f->now.active ? " class=\"stale\"" : "");
        hub_html_esc(&h, f->id);
        hub_html_add(&h, "\">");
        hub_html_esc(&h, f->name);
        hub_html_add(&h, "</a></th><td><a href=\"/fleet?site=");
        hub_html_esc(&h, f->site);
        hub_html_add(&h, "\">");
        hub_html_esc(&h, f->site);
        hub_html_add(&h, "</a></td><td>");
        if (f->in.last_seen > 0) hub_html_time_t(&h, c, f->in.last_seen);
        else hub_html_t(&h, c, "web.fleet.never");
        hub_html_add(&h, "</td><td>");
        alert_list(&h, c, f);
        hub_html_add(&h, "</td></tr>");
    }
    if (!shown) { hub_html_add(&h, "<tr><td colspan=\"4\" class=\"muted\">"); hub_html_t(&h, c, "web.fleet.none"); hub_html_add(&h, "</td></tr>"); }
    hub_html_add(&h, "</table>");
    enroll_form(&h, c, &sl, site, st);
    /* The alert address of each site shown. */
    hub_html_add(&h, "<section aria-labelledby=\"mail-h\"><h2 id=\"mail-h\">");
    hub_html_t(&h, c, "web.fleet.alert_mail");
    hub_html_add(&h, "</h2><p>");
    hub_html_t(&h, c, "web.fleet.alert_mail_help");
    hub_html_add(&h, "</p>");
    for (int i = 0; i < sl.n; i++) {
        char email[255], action[128], label[200];
        if (site && strcmp(site, sl.v[i])) continue;
        hub_site_alert_email(hs, sl.v[i], email, NULL, 0);
        snprintf(action, sizeof action, "/fleet/site/%s/alert-mail", sl.v[i]);
        hub_tf(c, label, sizeof label, "web.fleet.alert_mail_for", sl.v[i], NULL);
        hub_form_begin(&h, c, action);
        char fname[80];
        snprintf(fname, sizeof fname, "email");
        hub_html_field(&h, &(hub_field){.name = fname, .label = label, .type = "email", .value = email,
                                        .autocomplete = "email", .size = 40});
        hub_html_submit(&h, hub_t(c, "web.fleet.save"));
        hub_form_end(&h);
    }
    hub_html_add(&h, "</section>");
    free(sl.v);
    hub_fleet_free(rows, n);
    hub_page_end_status(&h, rs, status);
}

static int valid_ttl(const char *v)
{
    for (int i = 0; v && i < N_TTL; i++) if (strcmp(v, ttl_values[i]) == 0) return 1;
    return 0;
}

/* POST /fleet/enroll: the code, large and as a QR code, and what to type on the kiosk. */
static void enroll_post(hub_store *hs, const hub_ctx *c, const hub_req *rq, hub_resp *rs)
{
    char err[MJ_ERRLEN], code[16], until[40], hours_txt[16];
    hub_form f;
    if (hub_form_parse(rq->body, rq->len, &f, NULL, NULL, 0)) { hub_web_error(c, rs, 400, "web.err.bad_form"); return; }
    enroll_state st = {hub_form_get(&f, "site"), hub_form_get(&f, "name"), hub_form_get(&f, "hours"), NULL, NULL, NULL};
    if (!st.site || !proto_is_id(st.site)) st.e_site = hub_t(c, "web.fleet.bad_site");
    else if (!hub_web_require_site(c, st.site, rs)) { hub_form_free(&f); return; }
    if (!hub_kiosk_name_ok(st.name)) st.e_name = hub_t(c, "web.fleet.bad_name");
    if (!valid_ttl(st.ttl)) st.e_ttl = hub_t(c, "web.fleet.bad_ttl");
    if (st.e_site || st.e_name || st.e_ttl) {
        list_page(hs, c, rq, rs, &st, 400);
        hub_form_free(&f);
        return;
    }
    long hours = atol(st.ttl);
    int rc = hub_enroll_new(hs, st.site, st.name, hours * 3600, code, err, sizeof err);
    if (rc) { hub_form_free(&f); hub_web_error(c, rs, rc == MJ_EINVAL ? 400 : 503, rc == MJ_EINVAL ? "web.err.bad_form" : "web.err.store"); return; }
    hub_audit(hs, c, "enroll.code", st.site, st.name);
    local_time(c, (long long)time(NULL) + hours * 3600, until, sizeof until);
    snprintf(hours_txt, sizeof hours_txt, "%ld", hours);
    hub_html h = {0};
    char title[200], line[300];
    hub_page_begin(&h, c, hub_t(c, "web.fleet.code_title"));
    hub_tf(c, title, sizeof title, "web.fleet.code_for", st.name, st.site, NULL);
    hub_html_add(&h, "<p>");
    hub_html_esc(&h, title);
    hub_html_add(&h, "</p><p class=\"code\" id=\"enroll-code\">%s</p>", code);
    char *svg = NULL;
    if (hub_qr_svg(code, 240, hub_t(c, "web.fleet.qr_label"), &svg, err, sizeof err) == 0) {
        hub_html_add(&h, "<figure class=\"qr\">%s</figure>", svg);
        free(svg);
    }
    hub_tf(c, line, sizeof line, "web.fleet.code_valid", until, hours_txt, NULL);
    hub_html_add(&h, "<p id=\"enroll-expiry\">");
    hub_html_esc(&h, line);
    hub_html_add(&h, "</p><h2>");
    hub_html_t(&h, c, "web.fleet.on_kiosk");
    hub_html_add(&h, "</h2><p>");
    hub_html_t(&h, c, "web.fleet.on_kiosk_help");
    hub_html_add(&h, "</p><pre id=\"enroll-command\">sudo -u majakka majakka-sync enroll %s\n"
                     "sudo systemctl restart majakka-sync</pre><p>", code);
    hub_html_t(&h, c, "web.fleet.code_once");
    hub_html_add(&h, "</p><p><a href=\"/fleet?site=");
    hub_html_esc(&h, st.site);
    hub_html_add(&h, "\">");
    hub_html_t(&h, c, "web.fleet.back");
    hub_html_add(&h, "</a></p>");
    hub_form_free(&f);
    hub_page_end(&h, rs);
}

typedef struct kiosk_state { const char *name, *site, *e_name, *e_site; } kiosk_state;

static void kiosk_page(hub_store *hs, const hub_ctx *c, const hub_req *rq, hub_resp *rs, const hub_fleet_row *f,
                       const kiosk_state *st, int status)
{
    char action[128];
    hub_html h = {0};
    const json_t *hb = f->in.health;
    hub_page_begin(&h, c, f->name);
    const char *done = done_msgid(hub_req_query(rq, "done"));
    if (done) hub_html_notice(&h, "ok", hub_t(c, done));
    hub_html_add(&h, "<dl class=\"kiosk\"><dt>");
    hub_html_t(&h, c, "web.fleet.id");
    hub_html_add(&h, "</dt><dd><code>");
    hub_html_esc(&h, f->id);
    hub_html_add(&h, "</code></dd><dt>");
    hub_html_t(&h, c, "web.kiosks.site");
    hub_html_add(&h, "</dt><dd>");
    hub_html_esc(&h, f->site);
    hub_html_add(&h, "</dd><dt>");
    hub_html_t(&h, c, "web.fleet.enrolled");
    hub_html_add(&h, "</dt><dd>");
    hub_html_time(&h, c, f->enrolled_at);
    hub_html_add(&h, "</dd><dt>");
    hub_html_t(&h, c, "web.kiosks.last_seen");
    hub_html_add(&h, "</dt><dd>");
    if (f->in.last_seen > 0) hub_html_time_t(&h, c, f->in.last_seen);
    else hub_html_t(&h, c, "web.fleet.never");
    hub_html_add(&h, "</dd><dt>");
    hub_html_t(&h, c, "web.fleet.state");
    hub_html_add(&h, "</dt><dd>");
    alert_list(&h, c, f);
    hub_html_add(&h, "</dd>");
    if (json_is_object(hb)) {
        static const char *const keys[][2] = {{"software_version", "web.fleet.software"}, {"content_version", "web.kiosks.content"},
                                              {"printer_status", "web.kiosks.printer"}};
        for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
            const char *v = json_string_value(json_object_get(hb, keys[i][0]));
            hub_html_add(&h, "<dt>");
            hub_html_t(&h, c, keys[i][1]);
            hub_html_add(&h, "</dt><dd>");
            hub_html_esc(&h, v ? v : "–");
            hub_html_add(&h, "</dd>");
        }
        hub_html_add(&h, "<dt>");
        hub_html_t(&h, c, "web.kiosks.outbox");
        hub_html_add(&h, "</dt><dd>%lld</dd><dt>", (long long)json_integer_value(json_object_get(hb, "outbox_length")));
        hub_html_t(&h, c, "web.kiosks.disk");
        hub_html_add(&h, "</dt><dd>%.1f GB</dd>", (double)json_integer_value(json_object_get(hb, "free_disk_bytes")) / 1e9);
    }
    hub_html_add(&h, "</dl>");
    if (!f->revoked) {
        hub_html_add(&h, "<section aria-labelledby=\"rename-h\"><h2 id=\"rename-h\">");
        hub_html_t(&h, c, "web.fleet.rename");
        hub_html_add(&h, "</h2>");
        snprintf(action, sizeof action, "/fleet/kiosk/%s/rename", f->id);
        hub_form_begin(&h, c, action);
        hub_html_field(&h, &(hub_field){.name = "name", .label = hub_t(c, "web.fleet.kiosk_name"), .type = "text",
                                        .value = st && st->name ? st->name : f->name, .error = st ? st->e_name : NULL,
                                        .required = 1, .size = 40});
        hub_html_submit(&h, hub_t(c, "web.fleet.rename"));
        hub_form_end(&h);
        hub_html_add(&h, "</section><section aria-labelledby=\"move-h\"><h2 id=\"move-h\">");
        hub_html_t(&h, c, "web.fleet.move");
        hub_html_add(&h, "</h2><p>");
        hub_html_t(&h, c, "web.fleet.move_help");
        hub_html_add(&h, "</p>");
        site_list sl;
        sites_of(hs, c, f, 1, &sl);
        snprintf(action, sizeof action, "/fleet/kiosk/%s/move", f->id);
        hub_form_begin(&h, c, action);
        site_field(&h, c, &sl, "site", hub_t(c, "web.fleet.new_site"), st && st->site ? st->site : f->site, st ? st->e_site : NULL);
        hub_html_submit(&h, hub_t(c, "web.fleet.move"));
        hub_form_end(&h);
        free(sl.v);
        hub_html_add(&h, "</section><section aria-labelledby=\"revoke-h\"><h2 id=\"revoke-h\">");
        hub_html_t(&h, c, "web.fleet.revoke");
        hub_html_add(&h, "</h2><p>");
        hub_html_t(&h, c, "web.fleet.revoke_help");
        hub_html_add(&h, "</p><p><a class=\"danger\" href=\"/fleet/kiosk/");
        hub_html_esc(&h, f->id);
        hub_html_add(&h, "/revoke\">");
        hub_html_t(&h, c, "web.fleet.revoke_ask");
        hub_html_add(&h, "</a></p></section>");
    }
    hub_html_add(&h, "<p><a href=\"/fleet?site=");
    hub_html_esc(&h, f->site);
    hub_html_add(&h, "\">");
    hub_html_t(&h, c, "web.fleet.back");
    hub_html_add(&h, "</a></p>");
    hub_page_end_status(&h, rs, status);
}

static void revoke_confirm(const hub_ctx *c, hub_resp *rs, const hub_fleet_row *f, int status)
{
    char q[300], action[128];
    hub_html h = {0};
    hub_page_begin(&h, c, hub_t(c, "web.fleet.revoke"));
    hub_tf(c, q, sizeof q, "web.fleet.revoke_q", f->name, f->site, NULL);
    hub_html_add(&h, "<p><strong>");
    hub_html_esc(&h, q);
    hub_html_add(&h, "</strong></p><p>");
    hub_html_t(&h, c, "web.fleet.revoke_help");
    hub_html_add(&h, "</p>");
    snprintf(action, sizeof action, "/fleet/kiosk/%s/revoke", f->id);
    static const char *const names[] = {"confirm"}, *const values[] = {"yes"};
    hub_html_button_form(&h, c, action, hub_t(c, "web.fleet.revoke_yes"), names, values, 1);
    hub_html_add(&h, "<p><a href=\"/fleet/kiosk/");
    hub_html_esc(&h, f->id);
    hub_html_add(&h, "\">");
    hub_html_t(&h, c, "web.fleet.cancel");
    hub_html_add(&h, "</a></p>");
    hub_page_end_status(&h, rs, status);
}

/* /fleet/kiosk/ID[/action]: the kiosk must be one of c's sites' (else 403; none: 404). */
static void kiosk_route(hub_store *hs, const hub_ctx *c, const hub_req *rq, hub_resp *rs, const char *rest)
{
    char id[40], err[MJ_ERRLEN];
    const char *slash = strchr(rest, '/'), *action = slash ? slash + 1 : "";
    size_t idlen = slash ? (size_t)(slash - rest) : strlen(rest);
    int post = strcmp(rq->method, "POST") == 0;
    if (idlen == 0 || idlen >= sizeof id) { hub_web_error(c, rs, 404, "web.err.no_page"); return; }
    memcpy(id, rest, idlen);
    id[idlen] = 0;
    hub_fleet_row *rows, *f = NULL;
    size_t n;
    if (hub_fleet_read(hs, (long long)time(NULL), NULL, &rows, &n, err, sizeof err)) { hub_web_error(c, rs, 503, "web.err.store"); return; }
    for (size_t i = 0; i < n; i++) if (strcmp(rows[i].id, id) == 0) f = &rows[i];
    if (!f) { hub_web_error(c, rs, 404, "web.err.no_page"); goto out; }
    if (!hub_web_require_site(c, f->site, rs)) goto out;
    if (!*action) {
        if (post) hub_web_error(c, rs, 405, "web.err.no_page");
        else kiosk_page(hs, c, rq, rs, f, NULL, 200);
        goto out;
    }
    if (strcmp(action, "revoke") == 0 && !post) {
        if (f->revoked) hub_web_error(c, rs, 404, "web.err.no_page");
        else revoke_confirm(c, rs, f, 200);
        goto out;
    }
    if (!post || (strcmp(action, "rename") && strcmp(action, "move") && strcmp(action, "revoke"))) {
        hub_web_error(c, rs, post ? 404 : 405, post ? "web.err.no_page" : "web.err.no_page");
        goto out;
    }
    if (!hub_web_post_ok(c, rq, rs)) goto out;
    hub_form fm;
    if (hub_form_parse(rq->body, rq->len, &fm, NULL, NULL, 0)) { hub_web_error(c, rs, 400, "web.err.bad_form"); goto out; }
    if (f->revoked) { hub_web_error(c, rs, 404, "web.err.no_page"); hub_form_free(&fm); goto out; }
    if (strcmp(action, "rename") == 0) {
        const char *name = hub_form_get(&fm, "name");
        if (!hub_kiosk_name_ok(name) || hub_kiosk_rename(hs, f->id, name, err, sizeof err)) {
            kiosk_state st = {name, NULL, hub_t(c, "web.fleet.bad_name"), NULL};
            kiosk_page(hs, c, rq, rs, f, &st, 400);
        } else {
            hub_audit(hs, c, "kiosk.rename", f->id, name);
            redirect(rs, "/fleet/kiosk/%s?done=renamed", f->id, NULL);
        }
    } else if (strcmp(action, "move") == 0) {
        const char *site = hub_form_get(&fm, "site");
        if (!site || !proto_is_id(site)) {
            kiosk_state st = {NULL, site, NULL, hub_t(c, "web.fleet.bad_site")};
            kiosk_page(hs, c, rq, rs, f, &st, 400);
        } else if (!hub_web_require_site(c, site, rs)) {
            /* 403: a coordinator moves kiosks only between their own sites. */
        } else if (hub_kiosk_move(hs, f->id, site, err, sizeof err)) {
            hub_web_error(c, rs, 503, "web.err.store");
        } else {
            char detail[140];
            snprintf(detail, sizeof detail, "%s -> %s", f->site, site);
            hub_audit(hs, c, "kiosk.move", f->id, detail);
            redirect(rs, "/fleet/kiosk/%s?done=moved", f->id, NULL);
        }
    } else {
        const char *confirm = hub_form_get(&fm, "confirm");
        if (!confirm || strcmp(confirm, "yes")) revoke_confirm(c, rs, f, 400);
        else if (hub_kiosk_revoke(hs, f->id, err, sizeof err)) hub_web_error(c, rs, 503, "web.err.store");
        else {
            hub_audit(hs, c, "kiosk.revoke", f->id, f->site);
            redirect(rs, "/fleet?site=%s&done=revoked", f->site, NULL);
        }
    }
    hub_form_free(&fm);
out:
    hub_fleet_free(rows, n);
}

static void alert_mail_post(hub_store *hs, const hub_ctx *c, const hub_req *rq, hub_resp *rs, const char *rest)
{
    char site[65], err[MJ_ERRLEN];
    const char *slash = strchr(rest, '/');
    if (!slash || strcmp(slash, "/alert-mail") || (size_t)(slash - rest) >= sizeof site) { hub_web_error(c, rs, 404, "web.err.no_page"); return; }
    snprintf(site, sizeof site, "%.*s", (int)(slash - rest), rest);
    if (!proto_is_id(site)) { hub_web_error(c, rs, 404, "web.err.no_page"); return; }
    if (strcmp(rq->method, "POST")) { hub_web_error(c, rs, 405, "web.err.no_page"); return; }
    if (!hub_web_require_site(c, site, rs) || !hub_web_post_ok(c, rq, rs)) return;
    hub_form f;
    if (hub_form_parse(rq->body, rq->len, &f, NULL, NULL, 0)) { hub_web_error(c, rs, 400, "web.err.bad_form"); return; }
    const char *email = hub_form_get(&f, "email");
    if (!email) email = "";
    if (*email && !hub_email_ok(email)) {
        hub_form_free(&f);
        hub_web_error(c, rs, 400, "web.fleet.bad_email");
        return;
    }
    if (hub_site_set_alert_email(hs, site, email, err, sizeof err)) { hub_form_free(&f); hub_web_error(c, rs, 503, "web.err.store"); return; }
    hub_audit(hs, c, "site.alert_mail", site, *email ? email : "-");
    hub_form_free(&f);
    redirect(rs, "/fleet?site=%s&done=alert_mail", site, NULL);
}

int hub_fleet_route(hub_store *hs, const hub_req *rq, hub_resp *rs)
{
    const char *p = rq->path;
    if (strcmp(p, "/fleet") && strncmp(p, "/fleet/", 7)) return 0;
    hub_ctx c;
    if (hub_web_begin(hs, rq, rs, &c)) return 1;
    int get = strcmp(rq->method, "GET") == 0 || strcmp(rq->method, "HEAD") == 0, post = strcmp(rq->method, "POST") == 0;
    if (strcmp(p, "/fleet") == 0) {
        if (get) list_page(hs, &c, rq, rs, NULL, 200);
        else hub_web_error(&c, rs, 405, "web.err.no_page");
    } else if (strcmp(p, "/fleet/enroll") == 0) {
        if (!post) hub_web_error(&c, rs, 405, "web.err.no_page");
        else if (hub_web_post_ok(&c, rq, rs)) enroll_post(hs, &c, rq, rs);
    } else if (strncmp(p, "/fleet/kiosk/", 13) == 0) {
        if (!get && !post) hub_web_error(&c, rs, 405, "web.err.no_page");
        else kiosk_route(hs, &c, rq, rs, p + 13);
    } else if (strncmp(p, "/fleet/site/", 12) == 0) {
        alert_mail_post(hs, &c, rq, rs, p + 12);
    } else {
        hub_web_error(&c, rs, 404, "web.err.no_page");
    }
    return 1;
}
