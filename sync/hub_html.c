/* hub_html.c - see hub_html.h. */
#include "hub_html.h"
#include "hub_web.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void hub_html_add(hub_html *h, const char *fmt, ...)
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

void hub_html_esc(hub_html *h, const char *s)
{
    const char *run = s;
    for (; s && *s; s++) {
        const char *rep = NULL;
        switch (*s) {
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '&': rep = "&amp;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default: continue;
        }
        if (s > run) hub_html_add(h, "%.*s", (int)(s - run), run);
        hub_html_add(h, "%s", rep);
        run = s + 1;
    }
    if (s && s > run) hub_html_add(h, "%.*s", (int)(s - run), run);
}

void hub_html_t(hub_html *h, const hub_ctx *c, const char *msgid) { hub_html_esc(h, hub_t(c, msgid)); }

void hub_html_free(hub_html *h)
{
    free(h->p);
    memset(h, 0, sizeof *h);
}

void hub_html_send(hub_html *h, hub_resp *rs, int status)
{
    if (h->oom || !h->p) {
        hub_html_free(h);
        hub_resp_error(rs, 500, "internal", "out of memory");
        return;
    }
    hub_resp_take(rs, status, "text/html; charset=utf-8", h->p, h->len);
    memset(h, 0, sizeof *h);
}

/* Readable at 1280x800 and on a tablet: one column, wide tap targets, visible focus. */
static const char css[] =
    "*{box-sizing:border-box}"
    "body{font-family:system-ui,sans-serif;margin:0;color:#1b1b1b;background:#f6f7f9;line-height:1.45;font-size:16px}"
    "header{background:#1d3557;color:#fff}"
    "header .bar{max-width:1200px;margin:0 auto;padding:.4em 1em;display:flex;flex-wrap:wrap;align-items:center;gap:.3em 1em}"
    "header a,header button.link{color:#fff}"
    ".brand{font-weight:700;margin-right:1em;text-decoration:none}"
    "nav.main ul,nav.lang ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.2em .6em}"
    "nav.main a,nav.lang a{display:inline-block;padding:.45em .5em;min-height:44px;line-height:2}"
    "nav.main a[aria-current],nav.lang a[aria-current]{font-weight:700;text-decoration-thickness:3px}"
    ".who{margin-left:auto;display:flex;flex-wrap:wrap;align-items:center;gap:.4em}"
    ".who form{display:inline;margin:0}"
    "main{max-width:1200px;margin:0 auto;padding:1em 1em 3em}"
    "h1{font-size:1.6em;margin:.4em 0 .6em}h2{font-size:1.25em;margin-top:1.6em}"
    "a{color:#0b4f9c}a:focus,button:focus,input:focus,select:focus,textarea:focus{outline:3px solid #f4a300;outline-offset:2px}"
    "table{border-collapse:collapse;background:#fff;max-width:100%}"
    "th,td{border:1px solid #c8ccd2;padding:.4em .6em;text-align:left;vertical-align:top}"
    "th{background:#e8edf5}.table-wrap{overflow-x:auto}"
    ".stale{background:#fde2e2}.ok{color:#1e6b3a}.bad{color:#a4161a;font-weight:700}.muted{color:#5f6670}"
    ".code{font:700 2.6em/1.2 ui-monospace,monospace;letter-spacing:.08em;margin:.3em 0}"
    "figure.qr{margin:.5em 0}figure.qr svg{width:240px;height:240px}"
    "dl.kiosk{display:grid;grid-template-columns:max-content 1fr;gap:.3em 1em}dl.kiosk dd{margin:0}"
    "a.danger{color:#a4161a;font-weight:600}"
    "ul.comments li{margin:.3em 0;background:#fff;padding:.4em;border-left:3px solid #6b7fa8}"
    "form.stack{background:#fff;border:1px solid #c8ccd2;padding:1em;max-width:40em}"
    ".field{margin:0 0 1em}.field label{display:block;font-weight:600;margin-bottom:.2em}"
    ".field .hint{display:block;color:#5f6670;font-size:.92em;margin-bottom:.2em}"
    "input[type=text],input[type=password],input[type=email],input[type=url],input[type=number],input[type=date],"
    "input[type=time],select,textarea{font:inherit;padding:.45em .5em;min-height:44px;border:1px solid #767d86;"
    "border-radius:4px;max-width:100%;width:28em;background:#fff}"
    "textarea{width:100%}"
    "[aria-invalid=true]{border:2px solid #a4161a}"
    ".err{display:block;color:#a4161a;font-weight:600;margin-top:.2em}"
    "button,.button{font:inherit;min-height:44px;padding:.4em 1.1em;border-radius:4px;border:1px solid #1d3557;"
    "background:#1d3557;color:#fff;cursor:pointer}"
    "button.secondary{background:#fff;color:#1d3557}"
    "header button.link{background:none;border:1px solid #fff;min-height:36px;padding:.2em .8em}"
    ".check{display:flex;align-items:center;gap:.4em;min-height:44px}"
    ".check input{width:1.3em;height:1.3em}"
    ".notice{padding:.7em 1em;border-radius:4px;margin:0 0 1em;max-width:60em}"
    ".notice.ok{background:#e3f4e8;border:1px solid #1e6b3a;color:#13452a}"
    ".notice.error{background:#fde2e2;border:1px solid #a4161a;color:#6d0e11}"
    ".inline{display:inline}.skip{position:absolute;left:-999px;background:#fff;padding:.5em}.skip:focus{left:1em;top:.5em}"
    ".role{color:#d6deea}"
    ".alerts{background:#fff3f0;border:2px solid #a4161a;padding:.2em 1em;margin:1em 0}"
    ".alert{display:inline-block;margin-left:.6em;color:#8e1b0e}"
    "@media (max-width:700px){main{padding:.6em}input[type=text],input[type=password],select{width:100%}}";

static const char *const langs[3][2] = {{"fi", "Suomeksi"}, {"sv", "På svenska"}, {"en", "In English"}};

void hub_html_lang_switch(hub_html *h, const hub_ctx *c)
{
    hub_html_add(h, "<nav class=\"lang\" aria-label=\"");
    hub_html_t(h, c, "web.nav.language");
    hub_html_add(h, "\"><ul>");
    for (int i = 0; i < 3; i++) {
        hub_html_add(h, "<li><a lang=\"%s\" hreflang=\"%s\" href=\"/lang?l=%s&amp;next=", langs[i][0], langs[i][0],
                     langs[i][0]);
        /* The path is the request's own, checked by hub_web; escaping keeps it an attribute. */
        for (const char *p = c->path[0] ? c->path : "/dashboard"; *p; p++) {
            unsigned char ch = (unsigned char)*p;
            if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || strchr("/-_.", ch))
                hub_html_add(h, "%c", ch);
            else
                hub_html_add(h, "%%%02X", ch);
        }
        hub_html_add(h, "\"%s>%s</a></li>", strcmp(c->lang, langs[i][0]) == 0 ? " aria-current=\"true\"" : "", langs[i][1]);
    }
    hub_html_add(h, "</ul></nav>");
}

static void nav_link(hub_html *h, const hub_ctx *c, const char *href, const char *label, int prefix)
{
    size_t n = strlen(href);
    int cur = prefix ? strncmp(c->path, href, n) == 0 : strcmp(c->path, href) == 0;
    hub_html_add(h, "<li><a href=\"");
    hub_html_esc(h, href);
    hub_html_add(h, "\"%s>", cur ? " aria-current=\"page\"" : "");
    hub_html_esc(h, label);
    hub_html_add(h, "</a></li>");
}

void hub_page_begin(hub_html *h, const hub_ctx *c, const char *title)
{
    hub_html_add(h, "<!DOCTYPE html><html lang=\"%s\"><head><meta charset=\"utf-8\"><title>", c->lang);
    hub_html_esc(h, title);
    hub_html_add(h, " – Majakka</title><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                    "<style>%s</style></head><body><a class=\"skip\" href=\"#main\">",
                 css);
    hub_html_t(h, c, "web.nav.skip");
    hub_html_add(h, "</a><header><div class=\"bar\"><a class=\"brand\" href=\"/dashboard\">Majakka</a>");
    if (c->role != HUB_ROLE_NONE) {
        char href[96];
        hub_html_add(h, "<nav class=\"main\" aria-label=\"");
        hub_html_t(h, c, "web.nav.main");
        hub_html_add(h, "\"><ul>");
        nav_link(h, c, "/dashboard", hub_t(c, "web.nav.start"), 0);
        nav_link(h, c, "/fleet", hub_t(c, "web.nav.fleet"), 1);
        if (c->role == HUB_ROLE_COORD)
            for (int i = 0; i < c->nsites && i < 6; i++) {
                snprintf(href, sizeof href, "/dashboard/site/%s", c->sites[i]);
                nav_link(h, c, href, c->sites[i], 1);
            }
        if (c->role == HUB_ROLE_ADMIN) {
            nav_link(h, c, "/admin/users", hub_t(c, "web.nav.users"), 1);
            nav_link(h, c, "/admin/audit", hub_t(c, "web.nav.audit"), 1);
        }
        hub_html_add(h, "</ul></nav><div class=\"who\"><span>");
        hub_html_esc(h, c->user);
        hub_html_add(h, " <span class=\"role\">(");
        hub_html_t(h, c, c->role == HUB_ROLE_ADMIN ? "web.role.admin" : "web.role.coordinator");
        hub_html_add(h, ")</span></span>");
        if (!c->is_token) {
            hub_html_add(h, "<a href=\"/account/password\">");
            hub_html_t(h, c, "web.nav.password");
            hub_html_add(h, "</a><form method=\"post\" action=\"/sign-out\"><input type=\"hidden\" name=\"csrf\" value=\"");
            hub_html_esc(h, c->csrf);
            hub_html_add(h, "\"><button class=\"link\">");
            hub_html_t(h, c, "web.nav.sign_out");
            hub_html_add(h, "</button></form>");
        }
        hub_html_add(h, "</div>");
    }
    hub_html_lang_switch(h, c);
    hub_html_add(h, "</div></header><main id=\"main\"><h1>");
    hub_html_esc(h, title);
    hub_html_add(h, "</h1>");
}

void hub_page_end_status(hub_html *h, hub_resp *rs, int status)
{
    hub_html_add(h, "</main></body></html>");
    hub_html_send(h, rs, status);
}

void hub_page_end(hub_html *h, hub_resp *rs) { hub_page_end_status(h, rs, 200); }

void hub_html_notice(hub_html *h, const char *kind, const char *text)
{
    int err = strcmp(kind, "error") == 0;
    hub_html_add(h, "<p class=\"notice %s\"%s>", err ? "error" : "ok", err ? " role=\"alert\"" : " role=\"status\"");
    hub_html_esc(h, text);
    hub_html_add(h, "</p>");
}

void hub_form_begin(hub_html *h, const hub_ctx *c, const char *action)
{
    hub_html_add(h, "<form class=\"stack\" method=\"post\" action=\"");
    hub_html_esc(h, action);
    hub_html_add(h, "\"><input type=\"hidden\" name=\"csrf\" value=\"");
    hub_html_esc(h, c->csrf);
    hub_html_add(h, "\">");
}

void hub_form_end(hub_html *h) { hub_html_add(h, "</form>"); }

/* <div class=field><label for=f-NAME>LABEL</label>[hint] ... and the attributes that tie the
 * control to its hint and error. */
static void field_open(hub_html *h, const hub_field *f)
{
    hub_html_add(h, "<div class=\"field\"><label for=\"f-");
    hub_html_esc(h, f->name);
    hub_html_add(h, "\">");
    hub_html_esc(h, f->label);
    hub_html_add(h, "</label>");
    if (f->hint) {
        hub_html_add(h, "<span class=\"hint\" id=\"f-");
        hub_html_esc(h, f->name);
        hub_html_add(h, "-hint\">");
        hub_html_esc(h, f->hint);
        hub_html_add(h, "</span>");
    }
}

static void field_attrs(hub_html *h, const hub_field *f)
{
    hub_html_add(h, " id=\"f-");
    hub_html_esc(h, f->name);
    hub_html_add(h, "\" name=\"");
    hub_html_esc(h, f->name);
    hub_html_add(h, "\"");
    if (f->required) hub_html_add(h, " required");
    if (f->autocomplete) { hub_html_add(h, " autocomplete=\""); hub_html_esc(h, f->autocomplete); hub_html_add(h, "\""); }
    if (f->error || f->hint) {
        hub_html_add(h, " aria-describedby=\"");
        if (f->error) { hub_html_add(h, "f-"); hub_html_esc(h, f->name); hub_html_add(h, "-err"); }
        if (f->hint) { hub_html_add(h, "%sf-", f->error ? " " : ""); hub_html_esc(h, f->name); hub_html_add(h, "-hint"); }
        hub_html_add(h, "\"");
    }
    if (f->error) hub_html_add(h, " aria-invalid=\"true\"");
}

static void field_close(hub_html *h, const hub_field *f)
{
    if (f->error) {
        hub_html_add(h, "<span class=\"err\" id=\"f-");
        hub_html_esc(h, f->name);
        hub_html_add(h, "-err\">");
        hub_html_esc(h, f->error);
        hub_html_add(h, "</span>");
    }
    hub_html_add(h, "</div>");
}

void hub_html_field(hub_html *h, const hub_field *f)
{
    field_open(h, f);
    hub_html_add(h, "<input type=\"");
    hub_html_esc(h, f->type ? f->type : "text");
    hub_html_add(h, "\"");
    field_attrs(h, f);
    if (f->size > 0) hub_html_add(h, " size=\"%d\"", f->size);
    /* A password field never echoes a value back. */
    if (f->value && !(f->type && strcmp(f->type, "password") == 0)) {
        hub_html_add(h, " value=\"");
        hub_html_esc(h, f->value);
        hub_html_add(h, "\"");
    }
    hub_html_add(h, ">");
    field_close(h, f);
}

void hub_html_textarea(hub_html *h, const hub_field *f, int rows)
{
    field_open(h, f);
    hub_html_add(h, "<textarea rows=\"%d\"", rows > 0 ? rows : 3);
    field_attrs(h, f);
    hub_html_add(h, ">");
    hub_html_esc(h, f->value);
    hub_html_add(h, "</textarea>");
    field_close(h, f);
}

void hub_html_select(hub_html *h, const hub_field *f, const char *const *values, const char *const *labels, int n)
{
    field_open(h, f);
    hub_html_add(h, "<select");
    field_attrs(h, f);
    hub_html_add(h, ">");
    for (int i = 0; i < n; i++) {
        hub_html_add(h, "<option value=\"");
        hub_html_esc(h, values[i]);
        hub_html_add(h, "\"%s>", f->value && strcmp(f->value, values[i]) == 0 ? " selected" : "");
        hub_html_esc(h, labels[i]);
        hub_html_add(h, "</option>");
    }
    hub_html_add(h, "</select>");
    field_close(h, f);
}

void hub_html_checkbox(hub_html *h, const char *name, const char *value, const char *label, int checked)
{
    hub_html_add(h, "<label class=\"check\"><input type=\"checkbox\" name=\"");
    hub_html_esc(h, name);
    hub_html_add(h, "\" value=\"");
    hub_html_esc(h, value);
    hub_html_add(h, "\"%s> ", checked ? " checked" : "");
    hub_html_esc(h, label);
    hub_html_add(h, "</label>");
}

void hub_html_submit(hub_html *h, const char *label)
{
    hub_html_add(h, "<button type=\"submit\">");
    hub_html_esc(h, label);
    hub_html_add(h, "</button>");
}

void hub_html_button_form(hub_html *h, const hub_ctx *c, const char *action, const char *label,
                          const char *const *names, const char *const *values, int n)
{
    hub_html_add(h, "<form class=\"inline\" method=\"post\" action=\"");
    hub_html_esc(h, action);
    hub_html_add(h, "\"><input type=\"hidden\" name=\"csrf\" value=\"");
    hub_html_esc(h, c->csrf);
    hub_html_add(h, "\">");
    for (int i = 0; i < n; i++) {
        hub_html_add(h, "<input type=\"hidden\" name=\"");
        hub_html_esc(h, names[i]);
        hub_html_add(h, "\" value=\"");
        hub_html_esc(h, values[i]);
        hub_html_add(h, "\">");
    }
    hub_html_add(h, "<button class=\"secondary\">");
    hub_html_esc(h, label);
    hub_html_add(h, "</button></form>");
}
