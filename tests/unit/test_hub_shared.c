#define _GNU_SOURCE
/* test_hub_shared.c - the editor never changes content it shares with other requests. The parsed
 * draft and published content are cached and shared (hub_dcache.h): an edit must replace what it
 * changes, never change it in place, or every later page (and another request at the same moment)
 * would see an edit that was refused or never saved. This walks every editor form of the demo
 * content as a browser would: each form posted back unchanged (which must save) and with one text
 * changed, an occurrence of a weekly event cancelled and one moved, items deleted, a calendar
 * imported, the draft published and a version restored. Before each post it holds the cached
 * draft and published content; after it, both must be byte for byte as they were. */
#include "bundle.h"
#include "content.h"
#include "hub_api.h"
#include "hub_draft.h"
#include "hub_edit.h"
#include "hub_ics.h"
#include "hub_store.h"
#include "hub_store_auth.h"
#include "hub_test_db.h"
#include "util.h"
#include "test.h"
#include <sodium.h>
#include <stdlib.h>
#include <strings.h>
#include <time.h>

#define SITE "majakka-tuulikyla"

static hub_store *hs;
static char dbpath[400], sid[65], csrf[65];

static const char *cookie_of(void *qctx, const char *name)
{
    (void)qctx;
    return strcmp(name, "mj_session") == 0 ? sid : NULL;
}

typedef struct resp { int status; char *body; char location[512]; } resp;
static const char *req_ctype;
static const char *header_of(void *qctx, const char *name)
{
    (void)qctx;
    return strcasecmp(name, "Content-Type") == 0 ? req_ctype : NULL;
}

static resp call(const char *method, const char *path, const char *ctype, const char *body, size_t len)
{
    req_ctype = ctype;
    hub_req rq = {.method = method, .path = path, .cookie = cookie_of, .header = header_of, .body = body, .len = len};
    hub_resp rs;
    hub_api_handle(hs, &rq, &rs);
    resp r = {rs.status, rs.body ? strndup(rs.body, rs.len) : strdup(""), ""};
    snprintf(r.location, sizeof r.location, "%s", rs.location);
    hub_resp_free(&rs);
    return r;
}

/* ---- what the cache holds, before and after ---- */

typedef struct held { json_t *draft, *pub; char *draft_text, *pub_text; } held;

static char *text_of(const json_t *j) { return j ? json_dumps(j, JSON_SORT_KEYS | JSON_COMPACT) : strdup("null"); }

static held hold(void)
{
    held h = {0};
    hub_draft d;
    char err[MJ_ERRLEN];
    CHECK_INT(hub_draft_load(hs, SITE, &d, err, sizeof err), MJ_OK);
    h.draft = json_incref(d.content);
    hub_draft_free(&d);
    CHECK_INT(hub_draft_published(hs, SITE, &h.pub, err, sizeof err), MJ_OK);
    h.draft_text = text_of(h.draft);
    h.pub_text = text_of(h.pub);
    return h;
}

static int unchanged(held *h, const char *what)
{
    char *d = text_of(h->draft), *p = text_of(h->pub);
    int ok = strcmp(d, h->draft_text) == 0 && strcmp(p, h->pub_text) == 0;
    if (!ok) fprintf(stderr, "  %s changed the shared %s content in place\n", what, strcmp(d, h->draft_text) ? "draft" : "published");
    free(d);
    free(p);
    json_decref(h->draft);
    json_decref(h->pub);
    free(h->draft_text);
    free(h->pub_text);
    return ok;
}

/* ---- a browser's form submission ---- */

typedef struct field { char *name, *value; } field;
typedef struct form { field f[4096]; int n; } form;

static char *unescape(const char *s, size_t n)
{
    char *o = malloc(n + 1), *q = o;
    for (size_t i = 0; i < n; i++) {
        static const struct { const char *e; char c; } ents[] = {{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'},
                                                                  {"&quot;", '"'}, {"&#39;", '\''}, {"&#x27;", '\''}};
        int hit = 0;
        for (size_t k = 0; k < sizeof ents / sizeof ents[0] && !hit; k++) {
            size_t l = strlen(ents[k].e);
            if (i + l <= n && strncmp(s + i, ents[k].e, l) == 0) { *q++ = ents[k].c; i += l - 1; hit = 1; }
        }
        if (!hit) *q++ = s[i];
    }
    *q = 0;
    return o;
}

/* The value of attribute a in the tag [t, end), or NULL. */
static char *attr(const char *t, const char *end, const char *a)
{
    char pat[40];
    snprintf(pat, sizeof pat, " %s=\"", a);
    const char *p = memmem(t, (size_t)(end - t), pat, strlen(pat));
    if (!p) return NULL;
    p += strlen(pat);
    const char *q = memchr(p, '"', (size_t)(end - p));
    return q ? unescape(p, (size_t)(q - p)) : NULL;
}

static int has_word(const char *t, const char *end, const char *w)
{
    char pat[40];
    snprintf(pat, sizeof pat, " %s", w);
    for (const char *p = t; (p = memmem(p, (size_t)(end - p), pat, strlen(pat))); p++)
        if (p[strlen(pat)] == '>' || p[strlen(pat)] == ' ' || p[strlen(pat)] == '/' || p[strlen(pat)] == '=') return 1;
    return 0;
}

static void add(form *f, char *name, char *value)
{
    if (f->n < (int)(sizeof f->f / sizeof f->f[0])) f->f[f->n++] = (field){name, value};
    else { free(name); free(value); }
}

/* The fields of the page's form posted to `action`, as a browser sends them: inputs (check boxes
 * and radio buttons only when checked), text areas, selects (the selected option, else the
 * first). 0 when there is no such form. */
static int read_form(const char *html, const char *action, form *f)
{
    char pat[600];
    f->n = 0;
    snprintf(pat, sizeof pat, "action=\"%s\"", action);
    const char *start = strstr(html, pat), *end = start ? strstr(start, "</form>") : NULL;
    if (!start || !end) return 0;
    for (const char *p = start; p < end; p++) {
        if (*p != '<') continue;
        const char *te = memchr(p, '>', (size_t)(end - p));
        if (!te) break;
        char *name = NULL;
        if (!strncmp(p, "<input", 6) && (name = attr(p, te, "name"))) {
            char *type = attr(p, te, "type"), *value = attr(p, te, "value");
            int box = type && (!strcmp(type, "checkbox") || !strcmp(type, "radio"));
            int skip = type && (!strcmp(type, "submit") || !strcmp(type, "button") || !strcmp(type, "file"));
            if (skip || (box && !has_word(p, te, "checked"))) { free(name); free(value); }
            else add(f, name, value ? value : strdup(box ? "on" : ""));
            free(type);
        } else if (!strncmp(p, "<textarea", 9) && (name = attr(p, te, "name"))) {
            const char *ce = strstr(te, "</textarea>");
            add(f, name, unescape(te + 1, ce ? (size_t)(ce - te - 1) : 0));
        } else if (!strncmp(p, "<select", 7) && (name = attr(p, te, "name"))) {
            const char *se = strstr(te, "</select>");
            char *first = NULL, *chosen = NULL;
            for (const char *o = te; se && (o = strstr(o, "<option")) && o < se; o++) {
                const char *oe = strchr(o, '>');
                char *v = attr(o, oe, "value");
                if (!v) continue;
                if (!first) first = strdup(v);
                if (!chosen && has_word(o, oe, "selected")) chosen = strdup(v);
                free(v);
            }
            add(f, name, chosen ? chosen : first ? first : strdup(""));
            if (chosen) free(first);
        }
        p = te;
    }
    return 1;
}

static void form_free(form *f)
{
    for (int i = 0; i < f->n; i++) { free(f->f[i].name); free(f->f[i].value); }
    f->n = 0;
}

static void url_add(char **b, size_t *len, size_t *cap, const char *s)
{
    for (; *s; s++) {
        if (*len + 4 > *cap) *b = realloc(*b, *cap = *cap * 2 + 64);
        unsigned char c = (unsigned char)*s;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || strchr("-_.~", c)) (*b)[(*len)++] = (char)c;
        else *len += (size_t)sprintf(*b + *len, "%%%02X", c);
    }
    (*b)[*len] = 0;
}

static char *encode(const form *f)
{
    size_t len = 0, cap = 256;
    char *b = malloc(cap);
    b[0] = 0;
    for (int i = 0; i < f->n; i++) {
        if (i) url_add(&b, &len, &cap, ""), b[len++] = '&', b[len] = 0;
        url_add(&b, &len, &cap, f->f[i].name);
        if (len + 2 > cap) b = realloc(b, cap = cap * 2);
        b[len++] = '=';
        b[len] = 0;
        url_add(&b, &len, &cap, f->f[i].value);
    }
    return b;
}

static void set(form *f, const char *name, const char *value)
{
    for (int i = 0; i < f->n; i++)
        if (!strcmp(f->f[i].name, name)) { free(f->f[i].value); f->f[i].value = strdup(value); return; }
    add(f, strdup(name), strdup(value));
}

/* Posts the form found on GET page (to action, the page itself when NULL), after change(f) when
 * given; checks the status and that the shared content did not change. */
static void post_form(const char *page, const char *action, void (*change)(form *, void *), void *ctx, int want)
{
    resp g = call("GET", page, NULL, NULL, 0);
    CHECK_INT(g.status, 200);
    static form f;
    if (!read_form(g.body, action ? action : page, &f)) {
        fprintf(stderr, "  no form to %s on %s\n", action ? action : page, page);
        CHECK(0);
        free(g.body);
        return;
    }
    free(g.body);
    if (change) change(&f, ctx);
    char *b = encode(&f);
    held h = hold();
    resp r = call("POST", action ? action : page, "application/x-www-form-urlencoded", b, strlen(b));
    if (r.status != want) {
        const char *why = strstr(r.body, "role=\"alert\"");
        fprintf(stderr, "  POST %s: %d, expected %d: %.300s\n", action ? action : page, r.status, want, why ? why : "");
    }
    CHECK_INT(r.status, want);
    char what[700];
    snprintf(what, sizeof what, "POST %s", action ? action : page);
    CHECK(unchanged(&h, what));
    free(r.body);
    free(b);
    form_free(&f);
}

/* Appends " (muutettu)" to the form's first Finnish name or title. */
static void change_name(form *f, void *ctx)
{
    (void)ctx;
    for (int i = 0; i < f->n; i++) {
        size_t l = strlen(f->f[i].name);
        if (l > 8 && (!strcmp(f->f[i].name + l - 8, ".name.fi") || (l > 9 && !strcmp(f->f[i].name + l - 9, ".title.fi")) ||
                      (l > 8 && !strcmp(f->f[i].name + l - 8, ".text.fi")))) {
            char *v = NULL;
            if (asprintf(&v, "%s (muutettu)", f->f[i].value) < 0) return;
            free(f->f[i].value);
            f->f[i].value = v;
            return;
        }
    }
}

/* Sets fields named relative to the form's item (its _path: "events[3]" + ".start"). */
static void set_pair(form *f, void *ctx)
{
    const char *const *kv = ctx, *base = "";
    for (int i = 0; i < f->n; i++)
        if (!strcmp(f->f[i].name, "_path")) base = f->f[i].value;
    for (; kv[0]; kv += 2) {
        char name[300];
        snprintf(name, sizeof name, "%s.%s", base, kv[0]);
        set(f, name, kv[1]);
    }
}

/* The ids of a list page's items, from its links /edit/SITE/SLUG/ID. */
static int item_ids(const char *slug, char ids[][80], int max)
{
    char page[200], pat[220];
    snprintf(page, sizeof page, "/edit/" SITE "/%s", slug);
    snprintf(pat, sizeof pat, "href=\"%s/", page);
    resp r = call("GET", page, NULL, NULL, 0);
    CHECK_INT(r.status, 200);
    int n = 0;
    for (const char *p = r.body; n < max && (p = strstr(p, pat)); p++) {
        const char *s = p + strlen(pat), *e = strchr(s, '"');
        if (!e || e - s >= 80 || memchr(s, '/', (size_t)(e - s)) || memchr(s, '?', (size_t)(e - s)) || !strncmp(s, "new\"", 4)) continue;
        int dup = 0;
        for (int i = 0; i < n; i++) dup |= (size_t)(e - s) == strlen(ids[i]) && !strncmp(ids[i], s, (size_t)(e - s));
        if (!dup) snprintf(ids[n++], 80, "%.*s", (int)(e - s), s);
    }
    free(r.body);
    return n;
}

static void test_every_form(void)
{
    char page[300];
    int forms = 0;
    post_form("/edit/" SITE "/site", NULL, NULL, NULL, 303);
    post_form("/edit/" SITE "/site", NULL, change_name, NULL, 303);
    for (const hub_edit_entity *const *e = hub_edit_entities; *e; e++) {
        if (!strcmp((*e)->list, "site")) continue;
        char ids[3][80];
        int n = item_ids((*e)->slug, ids, 3);
        CHECK(n > 0);
        for (int i = 0; i < n; i++) {
            snprintf(page, sizeof page, "/edit/" SITE "/%s/%s", (*e)->slug, ids[i]);
            post_form(page, NULL, NULL, NULL, 303);
            post_form(page, NULL, change_name, NULL, 303);
            forms++;
        }
    }
    CHECK(forms >= 12);
}

static void test_events(void)
{
    /* The first event repeats every Monday (from 2026-08-31): one occurrence cancelled, one moved
     * to the Tuesday, then both undone by posting the form as drawn before. */
    char ids[1][80], page[300];
    CHECK_INT(item_ids("events", ids, 1), 1);
    snprintf(page, sizeof page, "/edit/" SITE "/events/%s", ids[0]);
    const char *cancel[] = {"exdates[3]", "2027-01-11", NULL};
    post_form(page, NULL, set_pair, (void *)cancel, 303);
    const char *move[] = {"moves[0].from", "2027-01-18", "moves[0].start", "2027-01-19T09:30",
                          "moves[0].end", "2027-01-19T11:00", NULL};
    post_form(page, NULL, set_pair, (void *)move, 303);
    post_form(page, NULL, NULL, NULL, 303);
    /* A refused one (an end before its start) changes nothing either. */
    const char *bad[] = {"end", "2026-08-31T08:00", NULL};
    post_form(page, NULL, set_pair, (void *)bad, 422);
    /* A new event. */
    const char *nu[] = {"id", "uusi-tapahtuma", "title.fi", "Uusi tapahtuma", "start", "2027-02-01T10:00",
                        "end", "2027-02-01T11:00", "where", "none", "repeat", "once", "audiences", "family", NULL};
    post_form("/edit/" SITE "/events/new", NULL, set_pair, (void *)nu, 303);
}

static void post_plain(const char *path, const char *extra, int want)
{
    char body[600];
    snprintf(body, sizeof body, "csrf=%s%s", csrf, extra ? extra : "");
    held h = hold();
    resp r = call("POST", path, "application/x-www-form-urlencoded", body, strlen(body));
    if (r.status != want) fprintf(stderr, "  POST %s: %d, expected %d\n", path, r.status, want);
    CHECK_INT(r.status, want);
    CHECK(unchanged(&h, path));
    free(r.body);
}

static void test_add_delete_import_publish(void)
{
    const char *cat[] = {"id", "kokeilu", "name.fi", "Kokeilu", NULL};
    post_form("/edit/" SITE "/categories/new", NULL, set_pair, (void *)cat, 303);
    post_plain("/edit/" SITE "/categories/kokeilu/delete", NULL, 303);
    post_plain("/edit/" SITE "/organizations/tuulikyla-town/delete", NULL, 422);   /* referred to */
    char ids[1][80], path[300];
    CHECK_INT(item_ids("events", ids, 1), 1);
    snprintf(path, sizeof path, "/edit/" SITE "/events/%s/delete", ids[0]);
    post_plain(path, NULL, 303);
    /* The demo's own calendar file, imported into the draft. */
    char *ics = NULL, err[MJ_ERRLEN], *body = NULL;
    size_t ilen = 0;
    CHECK_INT(mj_read_file(MAJAKKA_TEST_DATA "/../../assets/demo/events.ics", 1 << 20, &ics, &ilen, err, sizeof err), MJ_OK);
    const char *bnd = "----majakkaTestBoundary";
    int blen = ics ? asprintf(&body, "--%s\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n%s\r\n"
                                     "--%s\r\nContent-Disposition: form-data; name=\"format\"\r\n\r\ncalendar\r\n"
                                     "--%s\r\nContent-Disposition: form-data; name=\"category\"\r\n\r\n\r\n"
                                     "--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"events.ics\"\r\n"
                                     "Content-Type: text/calendar\r\n\r\n%.*s\r\n--%s--\r\n",
                              bnd, csrf, bnd, bnd, bnd, (int)ilen, ics, bnd) : -1;
    CHECK(blen > 0);
    if (blen > 0) {
        char ctype[100];
        snprintf(ctype, sizeof ctype, "multipart/form-data; boundary=%s", bnd);
        held h = hold();
        resp r = call("POST", "/edit/" SITE "/import", ctype, body, (size_t)blen);
        if (r.status != 200 && r.status != 303) fprintf(stderr, "  import: %d\n", r.status);
        CHECK(r.status == 200 || r.status == 303);
        CHECK(unchanged(&h, "the calendar import"));
        free(r.body);
    }
    free(body);
    free(ics);
    post_plain("/edit/" SITE "/publish", NULL, 303);
    post_plain("/edit/" SITE "/versions/1/restore", NULL, 303);
    /* After all that the draft (none after a restore) and the published content still load,
     * and what the kiosks fetch passes their own check. */
    char *data, cv[65], etag[70];
    size_t len;
    CHECK_INT(hub_bundle_get(hs, SITE, 0, NULL, &data, &len, etag, err, sizeof err), MJ_OK);
    CHECK_INT(content_check(data, len, cv, err, sizeof err), MJ_OK);
    free(data);
}

int main(void)
{
    char err[MJ_ERRLEN], cv[65], etag[70], *data;
    size_t len;
    if (sodium_init() < 0) return 1;
    if (hub_test_db(dbpath, sizeof dbpath, "test_hub_shared")) return 1;
    if (hub_store_open(dbpath, &hs, err, sizeof err)) { fprintf(stderr, "%s\n", err); return 1; }
    hub_principal pr;
    if (hub_user_add(hs, "anna", "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG", HUB_ROLE_ADMIN,
                     err, sizeof err) || hub_user_get(hs, "anna", &pr, err, sizeof err) ||
        hub_session_new(hs, pr.id, (long long)time(NULL), sid, csrf, err, sizeof err) ||
        hub_bundle_file(MAJAKKA_TEST_DATA "/../../assets/demo/bundle.json", &data, &len, err, sizeof err) ||
        content_check(data, len, cv, err, sizeof err) || hub_bundle_put(hs, SITE, cv, data, len, etag, err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    free(data);
    RUN(test_every_form);
    RUN(test_events);
    RUN(test_add_delete_import_publish);
    hub_store_close(hs);
    hub_test_db_drop(dbpath);
    return TEST_DONE();
}
