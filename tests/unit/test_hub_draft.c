#define _GNU_SOURCE
/* test_hub_draft.c - the content editor's model and forms without a network: drafts (skeleton,
 * saves checked by the kiosks' validator, compare-and-swap), what changes, publish, every
 * version kept, restore; the form parser's limits; the editor's routes (CSRF, unknown fields,
 * a refused save that changes nothing, a value too long, bad UTF-8, site scoping by path). */
#include "bundle.h"
#include "content.h"
#include "hub_api.h"
#include "hub_diff.h"
#include "hub_draft.h"
#include "hub_form.h"
#include "hub_ics.h"
#include "hub_store.h"
#include "hub_store_auth.h"
#include "hub_test_db.h"
#include "hub_vmsg.h"
#include "util.h"
#include "test.h"
#include <sodium.h>
#include <stdlib.h>
#include <time.h>

static hub_store *hs;
static char dbpath[400], sid[65], sid_csrf[65], cookie_csrf[65], other_sid[65];
static const char *session = sid;

static json_t *published_content(const char *site)
{
    json_t *c = NULL;
    char err[MJ_ERRLEN];
    CHECK_INT(hub_draft_published(hs, site, &c, err, sizeof err), MJ_OK);
    return c;
}

static void test_skeleton(void)
{
    char err[MJ_ERRLEN] = "";
    hub_draft d;
    json_t *sk = hub_draft_skeleton("uusi");
    CHECK_INT(bundle_check_content(sk, err, sizeof err), MJ_OK);
    json_decref(sk);
    CHECK_INT(hub_draft_load(hs, "uusi", &d, err, sizeof err), MJ_OK);
    CHECK_INT(d.rev, 0);
    CHECK_INT(d.published, 0);
    CHECK_STR(json_string_value(json_object_get(json_object_get(d.content, "site"), "id")), "uusi");
    hub_draft_free(&d);
    /* Publishing the skeleton: version 1, what kiosks fetch passes their own check. */
    long long v = 0;
    char cv[65], cv2[65], etag[70], *data;
    size_t len;
    CHECK_INT(hub_draft_publish(hs, "uusi", "anna", &v, cv, err, sizeof err), MJ_OK);
    CHECK_INT(v, 1);
    CHECK_INT(hub_bundle_get(hs, "uusi", 0, NULL, &data, &len, etag, err, sizeof err), MJ_OK);
    CHECK_INT(content_check(data, len, cv2, err, sizeof err), MJ_OK);
    CHECK_STR(cv2, cv);
    free(data);
}

typedef struct rename_ctx { const char *fi; } rename_ctx;
static int rename_fn(json_t *content, void *ctx, char *err, size_t errlen)
{
    (void)err; (void)errlen;
    rename_ctx *r = ctx;
    json_t *svc = hub_draft_edit_item(content, "services", 0);
    json_object_set_new(json_object_get(svc, "name"), "fi", json_string(r->fi));
    return MJ_OK;
}
static int bad_day_fn(json_t *content, void *ctx, char *err, size_t errlen)
{
    (void)ctx; (void)err; (void)errlen;
    json_t *svc = hub_draft_edit_item(content, "services", 0);
    json_object_set_new(json_object_get(svc, "name"), "fi", json_string("Ei tallennu"));
    json_object_set_new(json_array_get(json_object_get(svc, "opening_hours"), 0), "day", json_string("Mox"));
    return MJ_OK;
}
static int remove_org_fn(json_t *content, void *ctx, char *err, size_t errlen)
{
    return hub_draft_remove_item(content, "organizations", ctx, err, errlen);
}
static int add_cat_fn(json_t *content, void *ctx, char *err, size_t errlen)
{
    (void)ctx;
    return hub_draft_put_item(content, "categories", NULL, json_pack("{s:s,s:{s:s}}", "id", "uusi", "name", "fi", "Uusi"),
                              err, errlen);
}

static void test_save_diff_publish_restore(void)
{
    char err[MJ_ERRLEN] = "", *data;
    size_t len;
    long long rev = 0, v = 0, nv = 0;
    hub_draft d;
    CHECK_INT(hub_bundle_file(MAJAKKA_TEST_DATA "/bundles/mini.json", &data, &len, err, sizeof err), MJ_OK);
    char cv[65], etag[70];
    CHECK_INT(content_check(data, len, cv, err, sizeof err), MJ_OK);
    CHECK_INT(hub_bundle_put(hs, "tk", cv, data, len, etag, err, sizeof err), MJ_OK);
    free(data);
    long long latest;
    CHECK_INT(hub_version_latest(hs, "tk", &latest, err, sizeof err), MJ_OK);
    CHECK_INT(latest, 1);                       /* the command line's publish is version 1 */

    CHECK_INT(hub_draft_load(hs, "tk", &d, err, sizeof err), MJ_OK);
    CHECK_INT(d.rev, 0);
    CHECK_INT(d.base_version, 1);
    json_t *pub = published_content("tk");
    CHECK_INT(hub_diff_count(pub, d.content), 0);
    const char *old_name = json_string_value(json_object_get(json_object_get(json_array_get(json_object_get(d.content, "services"), 0), "name"), "fi"));
    char old_fi[200];
    snprintf(old_fi, sizeof old_fi, "%s", old_name);
    hub_draft_free(&d);

    rename_ctx r = {"Lastenneuvola Tuulikylä"};
    CHECK_INT(hub_draft_save(hs, "tk", "anna", rename_fn, &r, &rev, err, sizeof err), MJ_OK);
    CHECK_INT(rev, 1);
    /* A refused save: the validator's path and message, the draft unchanged. */
    CHECK_INT(hub_draft_save(hs, "tk", "anna", bad_day_fn, NULL, &rev, err, sizeof err), MJ_EINVAL);
    CHECK_STR(err, "services[0].opening_hours[0].day: \"Mox\" is not a weekday");
    /* An organization still referred to cannot go. */
    CHECK_INT(hub_draft_save(hs, "tk", "anna", remove_org_fn, "tuulikyla-city", &rev, err, sizeof err), MJ_EINVAL);
    CHECK(strstr(err, "is not an id in organizations") != NULL);
    CHECK_INT(hub_draft_save(hs, "tk", "ben", add_cat_fn, NULL, &rev, err, sizeof err), MJ_OK);
    CHECK_INT(rev, 2);
    CHECK_INT(hub_draft_load(hs, "tk", &d, err, sizeof err), MJ_OK);
    CHECK_INT(d.rev, 2);
    CHECK_STR(d.updated_by, "ben");
    /* Compare-and-swap: a save from an old revision is refused. */
    CHECK_INT(hub_draft_put(hs, "tk", "{}", 1, 1, "x", err, sizeof err), MJ_EBUSY);

    /* What changes: the renamed service field by field, the new category. */
    json_t *diff = hub_diff(pub, d.content);
    CHECK_INT(json_array_size(diff), 2);
    CHECK_INT(hub_diff_count(pub, d.content), 2);
    json_t *c0 = NULL, *c1 = NULL;
    size_t i;
    json_t *x;
    json_array_foreach(diff, i, x) {
        if (strcmp(json_string_value(json_object_get(x, "list")), "services") == 0) c0 = x;
        if (strcmp(json_string_value(json_object_get(x, "list")), "categories") == 0) c1 = x;
    }
    CHECK(c0 && c1);
    if (c0 && c1) {
        CHECK_STR(json_string_value(json_object_get(c0, "change")), "changed");
        json_t *f = json_array_get(json_object_get(c0, "fields"), 0);
        CHECK_INT(json_array_size(json_object_get(c0, "fields")), 1);
        CHECK_STR(json_string_value(json_object_get(f, "field")), "name.fi");
        CHECK_STR(json_string_value(json_object_get(f, "old")), old_fi);
        CHECK_STR(json_string_value(json_object_get(f, "new")), "Lastenneuvola Tuulikylä");
        CHECK_STR(json_string_value(json_object_get(c1, "change")), "added");
        CHECK_STR(json_string_value(json_object_get(c1, "id")), "uusi");
    }
    json_decref(diff);
    /* Removed items and a new order. */
    json_t *b = json_deep_copy(pub);
    json_array_remove(json_object_get(b, "events"), 0);
    json_t *cats = json_object_get(b, "categories");
    json_t *first = json_incref(json_array_get(cats, 0));
    json_array_remove(cats, 0);
    json_array_append_new(cats, first);
    diff = hub_diff(pub, b);
    CHECK_INT(json_array_size(diff), 2);
    json_array_foreach(diff, i, x) {
        const char *ch = json_string_value(json_object_get(x, "change"));
        CHECK(strcmp(ch, "removed") == 0 || strcmp(ch, "order") == 0);
    }
    json_decref(diff);
    json_decref(b);
    hub_draft_free(&d);

    /* Publish: version 2, by whom; the draft now starts from it. */
    char cv2[65];
    CHECK_INT(hub_draft_publish(hs, "tk", "anna", &v, cv2, err, sizeof err), MJ_OK);
    CHECK_INT(v, 2);
    json_t *now = published_content("tk");
    CHECK_STR(json_string_value(json_object_get(json_object_get(json_array_get(json_object_get(now, "services"), 0), "name"), "fi")),
              "Lastenneuvola Tuulikylä");
    CHECK_INT(hub_draft_load(hs, "tk", &d, err, sizeof err), MJ_OK);
    CHECK_INT(d.base_version, 2);
    CHECK_INT(hub_diff_count(now, d.content), 0);
    hub_draft_free(&d);
    json_decref(now);

    hub_version vs[10];
    int n = 0;
    CHECK_INT(hub_version_list(hs, "tk", vs, 10, &n, err, sizeof err), MJ_OK);
    CHECK_INT(n, 2);
    CHECK_INT(vs[0].version, 2);
    CHECK_STR(vs[0].published_by, "anna");
    CHECK_STR(vs[0].content_version, cv2);
    CHECK_INT(vs[1].version, 1);
    CHECK_STR(vs[1].content_version, "2026-11-22.1");

    /* Publishing a number already taken is refused and changes nothing. */
    CHECK_INT(hub_bundle_publish(hs, "tk", 2, "x.1", "{}", 2, "", "", etag, err, sizeof err), MJ_EBUSY);
    CHECK_INT(hub_version_latest(hs, "tk", &latest, err, sizeof err), MJ_OK);
    CHECK_INT(latest, 2);

    /* Restore version 1: a new version 3 with version 1's content, the draft follows. */
    CHECK_INT(hub_draft_restore(hs, "tk", 1, "ben", &nv, err, sizeof err), MJ_OK);
    CHECK_INT(nv, 3);
    now = published_content("tk");
    CHECK(json_equal(now, pub));
    CHECK_INT(hub_draft_load(hs, "tk", &d, err, sizeof err), MJ_OK);
    CHECK(json_equal(d.content, pub));
    hub_draft_free(&d);
    hub_version meta;
    CHECK_INT(hub_version_get(hs, "tk", 3, &data, &len, &meta, err, sizeof err), MJ_OK);
    CHECK_STR(meta.note, "restored version 1");
    CHECK_STR(meta.published_by, "ben");
    CHECK_INT(content_check(data, len, cv, err, sizeof err), MJ_OK);
    CHECK_STR(cv, meta.content_version);
    free(data);
    CHECK_INT(hub_draft_restore(hs, "tk", 9, "ben", &nv, err, sizeof err), MJ_ENOTFOUND);
    json_decref(now);
    json_decref(pub);
}

/* ---- the routes ---- */

static const char *cookie_of(void *qctx, const char *name)
{
    (void)qctx;
    return strcmp(name, "mj_session") == 0 ? session : NULL;
}

typedef struct resp { int status; char *body; char location[512]; } resp;
static resp call(const char *method, const char *path, const char *body)
{
    hub_req rq = {.method = method, .path = path, .cookie = cookie_of, .body = body, .len = body ? strlen(body) : 0};
    hub_resp rs;
    hub_api_handle(hs, &rq, &rs);
    resp r = {rs.status, NULL, ""};
    r.body = rs.body ? strndup(rs.body, rs.len) : strdup("");
    snprintf(r.location, sizeof r.location, "%s", rs.location);
    hub_resp_free(&rs);
    return r;
}

static int call_status(const char *method, const char *path, const char *body)
{
    resp r = call(method, path, body);
    free(r.body);
    return r.status;
}

static long long draft_rev(const char *site)
{
    hub_draft d;
    char err[MJ_ERRLEN];
    if (hub_draft_load(hs, site, &d, err, sizeof err)) return -1;
    long long r = d.rev;
    hub_draft_free(&d);
    return r;
}

/* The body of the service form with its Finnish name set to fi, as a browser would send it
 * (the fields the test cares about; the rest of the service comes from those). */
static char *service_body(const char *csrf, const char *fi, const char *extra)
{
    char *b = NULL;
    if (asprintf(&b, "csrf=%s&_path=services%%5B0%%5D&services%%5B0%%5D.id=neuvola&services%%5B0%%5D.organization=tuulikyla-city"
                     "&services%%5B0%%5D.name.fi=%s&services%%5B0%%5D.summary.fi=Seuranta&services%%5B0%%5D.categories=health"
                     "&services%%5B0%%5D.audiences=baby&services%%5B0%%5D.languages=fi%%2C+sv&services%%5B0%%5D.free=true%s",
                 csrf, fi, extra) < 0)
        return NULL;
    return b;
}

static void test_routes(void)
{
    char err[MJ_ERRLEN], *data, cv[65], etag[70];
    size_t len;
    CHECK_INT(hub_bundle_file(MAJAKKA_TEST_DATA "/bundles/mini.json", &data, &len, err, sizeof err), MJ_OK);
    CHECK_INT(content_check(data, len, cv, err, sizeof err), MJ_OK);
    CHECK_INT(hub_bundle_put(hs, "web", cv, data, len, etag, err, sizeof err), MJ_OK);
    free(data);
    const char *pages[] = {"/edit/web", "/edit/web/changes", "/edit/web/versions", "/edit/web/site", "/edit/web/services",
                           "/edit/web/services/neuvola", "/edit/web/services/new", "/edit/web/organizations",
                           "/edit/web/locations", "/edit/web/categories", "/edit/web/locations/new", NULL};
    for (int i = 0; pages[i]; i++) {
        resp r = call("GET", pages[i], NULL);
        CHECK_INT(r.status, 200);
        CHECK(strstr(r.body, "<script") == NULL);
        free(r.body);
    }
    resp r = call("GET", "/edit/web/services/neuvola", NULL);
    const char *p = strstr(r.body, "name=\"csrf\" value=\"");
    CHECK(p != NULL);
    if (p) snprintf(cookie_csrf, sizeof cookie_csrf, "%.64s", p + 19);
    CHECK_STR(cookie_csrf, sid_csrf);
    CHECK(strstr(r.body, "name=\"services[0].name.fi\"") != NULL);
    CHECK(strstr(r.body, "käännös puuttuu") != NULL);
    free(r.body);
    CHECK_INT(call_status("GET", "/edit/web/services/nope", NULL), 404);
    CHECK_INT(call_status("GET", "/edit/Bad!/services", NULL), 404);

    /* Without the CSRF token, or with a wrong one: 403, nothing saved. */
    char *b = service_body("0000", "Uusi", "");
    r = call("POST", "/edit/web/services/neuvola", b);
    CHECK_INT(r.status, 403);
    free(r.body);
    free(b);
    CHECK_INT(draft_rev("web"), 0);
    /* A refused save: 422, the message at its field, what was typed kept, nothing saved. */
    b = service_body(cookie_csrf, "Typed+name", "&services%5B0%5D.opening_hours%5B0%5D.day=Mox"
                     "&services%5B0%5D.opening_hours%5B0%5D.open=08%3A00&services%5B0%5D.opening_hours%5B0%5D.close=12%3A00");
    r = call("POST", "/edit/web/services/neuvola", b);
    CHECK_INT(r.status, 422);
    CHECK(strstr(r.body, "id=\"f-services-0-opening_hours-0-day-err\" role=\"alert\">&quot;Mox&quot; ei ole viikonpäivä") != NULL);
    CHECK(strstr(r.body, "value=\"Typed name\"") != NULL);
    free(r.body);
    free(b);
    CHECK_INT(draft_rev("web"), 0);
    /* An unknown field. */
    b = service_body(cookie_csrf, "Uusi", "&services%5B0%5D.colour=red");
    r = call("POST", "/edit/web/services/neuvola", b);
    CHECK_INT(r.status, 422);
    CHECK(strstr(r.body, "tuntematon kenttä") != NULL);
    free(r.body);
    free(b);
    CHECK_INT(draft_rev("web"), 0);
    /* A value too long for the form, and one that is not UTF-8: at their field. */
    char *big = malloc(HUB_FORM_MAX_VALUE + 100);
    memset(big, 'a', HUB_FORM_MAX_VALUE + 50);
    big[HUB_FORM_MAX_VALUE + 50] = 0;
    b = service_body(cookie_csrf, big, "");
    r = call("POST", "/edit/web/services/neuvola", b);
    CHECK_INT(r.status, 422);
    CHECK(strstr(r.body, "id=\"f-services-0-name-fi-err\" role=\"alert\">on pidempi kuin") != NULL);
    free(r.body);
    free(b);
    free(big);
    /* Not UTF-8: the CSRF check reads only its own field (hub_web.h), so the form's message is
     * at the field, with the rest as typed; without the token the same post is a 403. */
    b = service_body(cookie_csrf, "%C3%28", "");
    r = call("POST", "/edit/web/services/neuvola", b);
    CHECK_INT(r.status, 422);
    CHECK(strstr(r.body, "id=\"f-services-0-name-fi-err\" role=\"alert\">is not valid UTF-8 text") != NULL);
    free(r.body);
    free(b);
    b = service_body("0000", "%C3%28", "");
    r = call("POST", "/edit/web/services/neuvola", b);
    CHECK_INT(r.status, 403);
    free(r.body);
    free(b);
    /* Longer than the bundle allows (200 bytes for a name): the validator's message. */
    char name[260];
    memset(name, 'n', 250);
    name[250] = 0;
    b = service_body(cookie_csrf, name, "");
    r = call("POST", "/edit/web/services/neuvola", b);
    CHECK_INT(r.status, 422);
    CHECK(strstr(r.body, "id=\"f-services-0-name-fi-err\" role=\"alert\">on pidempi kuin 200 tavua") != NULL);
    free(r.body);
    free(b);
    CHECK_INT(draft_rev("web"), 0);

    /* A good save: 303 back to the form, the draft has it, nothing published yet. */
    b = service_body(cookie_csrf, "Neuvola+uusi", "");
    r = call("POST", "/edit/web/services/neuvola", b);
    CHECK_INT(r.status, 303);
    CHECK_STR(r.location, "/edit/web/services/neuvola?saved=1");
    free(r.body);
    free(b);
    CHECK_INT(draft_rev("web"), 1);
    long long latest;
    CHECK_INT(hub_version_latest(hs, "web", &latest, err, sizeof err), MJ_OK);
    CHECK_INT(latest, 1);
    r = call("GET", "/edit/web/changes", NULL);
    CHECK(strstr(r.body, "<ins>Neuvola uusi</ins>") != NULL);
    free(r.body);
    /* Walk-in marks (docs/content-bundle.md "Walk-in"): a row ticked "No appointment" needs the
     * service's own box, said at the row's field; with it, the draft keeps both and the form shows them. */
#define WALK_ROW "&services%5B0%5D.opening_hours%5B0%5D.day=Wed&services%5B0%5D.opening_hours%5B0%5D.open=12%3A00" \
                 "&services%5B0%5D.opening_hours%5B0%5D.close=15%3A00&services%5B0%5D.opening_hours%5B0%5D.walk_in=true"
    b = service_body(cookie_csrf, "Neuvola+uusi", WALK_ROW);
    r = call("POST", "/edit/web/services/neuvola", b);
    CHECK_INT(r.status, 422);
    CHECK(strstr(r.body, "id=\"f-services-0-opening_hours-0-walk_in-err\" role=\"alert\">needs walk_in: true on the service") != NULL);
    free(r.body);
    free(b);
    CHECK_INT(draft_rev("web"), 1);
    b = service_body(cookie_csrf, "Neuvola+uusi", "&services%5B0%5D.walk_in=true" WALK_ROW);
    r = call("POST", "/edit/web/services/neuvola", b);
    CHECK_INT(r.status, 303);
    free(r.body);
    free(b);
    CHECK_INT(draft_rev("web"), 2);
    r = call("GET", "/edit/web/services/neuvola", NULL);
    CHECK(strstr(r.body, "name=\"services[0].walk_in\" value=\"true\" checked") != NULL);
    CHECK(strstr(r.body, "name=\"services[0].opening_hours[0].walk_in\" value=\"true\" checked") != NULL);
    CHECK(strstr(r.body, "name=\"services[0].opening_hours[1].walk_in\" value=\"true\">") != NULL);
    free(r.body);
#undef WALK_ROW
    /* Publish needs the token too. */
    r = call("POST", "/edit/web/publish", "x=1");
    CHECK_INT(r.status, 403);
    free(r.body);
    char pb[300];
    snprintf(pb, sizeof pb, "csrf=%s", cookie_csrf);
    r = call("POST", "/edit/web/publish", pb);
    CHECK_INT(r.status, 303);
    CHECK_STR(r.location, "/edit/web/versions?published=2");
    free(r.body);
    json_t *now = published_content("web");
    CHECK_STR(json_string_value(json_object_get(json_object_get(json_array_get(json_object_get(now, "services"), 0), "name"), "fi")),
              "Neuvola uusi");
    json_t *svc0 = json_array_get(json_object_get(now, "services"), 0);
    CHECK(json_is_true(json_object_get(svc0, "walk_in")));
    CHECK(json_is_true(json_object_get(json_array_get(json_object_get(svc0, "opening_hours"), 0), "walk_in")));
    json_decref(now);
    r = call("POST", "/edit/web/versions/1/restore", pb);
    CHECK_INT(r.status, 303);
    CHECK_STR(r.location, "/edit/web/versions?restored=3");
    free(r.body);
    r = call("POST", "/edit/web/versions/77/restore", pb);
    CHECK_INT(r.status, 404);
    free(r.body);
    /* A new item with no id typed: one is made from its name. */
    snprintf(pb, sizeof pb, "csrf=%s&_path=categories%%5B3%%5D&categories%%5B3%%5D.id=&categories%%5B3%%5D.name.fi=P%%C3%%A4iv%%C3%%A4", cookie_csrf);
    r = call("POST", "/edit/web/categories/new", pb);
    CHECK_INT(r.status, 303);
    CHECK_STR(r.location, "/edit/web/categories/paiva?saved=1");
    free(r.body);
    /* Deleting something referred to is refused with the reason. */
    snprintf(pb, sizeof pb, "csrf=%s", cookie_csrf);
    r = call("POST", "/edit/web/organizations/tuulikyla-city/delete", pb);
    CHECK_INT(r.status, 422);
    CHECK(strstr(r.body, "Ei voi poistaa") != NULL);
    free(r.body);
    r = call("POST", "/edit/web/categories/paiva/delete", pb);
    CHECK_INT(r.status, 303);
    free(r.body);
    /* A site coordinator of another site: 403 on every editor route, nothing changes. */
    session = other_sid;
    CHECK_INT(call_status("GET", "/edit/web", NULL), 403);
    CHECK_INT(call_status("GET", "/edit/web/services/neuvola", NULL), 403);
    CHECK_INT(call_status("POST", "/edit/web/publish", pb), 403);
    CHECK_INT(call_status("GET", "/edit/muualla", NULL), 200);
    /* Signed out: sent to sign in, nothing read. */
    session = NULL;
    CHECK_INT(call_status("GET", "/edit/web", NULL), 303);
    session = sid;
}

/* The validator's messages by kind in the user's language (hub_vmsg.c); unknown ones as they are. */
static void test_vmsg(void)
{
    char out[300];
    CHECK_INT(hub_vmsg_translate("fi", "is longer than 200 bytes", out, sizeof out), 1);
    CHECK_STR(out, "on pidempi kuin 200 tavua");
    CHECK_INT(hub_vmsg_translate("sv", "\"0010A\" is not 5 digits", out, sizeof out), 1);
    CHECK_STR(out, "\"0010A\" är inte 5 siffror");
    CHECK_INT(hub_vmsg_translate("fi", "\"x\" is already used by services[1]", out, sizeof out), 1);
    CHECK_STR(out, "\"x\" on jo käytössä kohteessa services[1]");
    CHECK_INT(hub_vmsg_translate("fi", "\"a \" is not 5 digits\" is not 5 digits", out, sizeof out), 1);
    CHECK_STR(out, "\"a \" is not 5 digits\" ei ole 5 numeroa");    /* the value may hold the words */
    CHECK_INT(hub_vmsg_translate("en", "is missing", out, sizeof out), 1);
    CHECK_STR(out, "is missing");
    CHECK_INT(hub_vmsg_translate("fi", "something new the hub does not know", out, sizeof out), 0);
    CHECK_STR(out, "something new the hub does not know");
    CHECK_INT(hub_vmsg_translate("fi", "is missing or more", out, sizeof out), 0);   /* whole messages only */
}

int main(void)
{
    char err[MJ_ERRLEN];
    if (sodium_init() < 0) return 1;
    if (hub_test_db(dbpath, sizeof dbpath, "test_hub_draft")) return 1;
    if (hub_store_open(dbpath, &hs, err, sizeof err)) { fprintf(stderr, "%s\n", err); return 1; }
    hub_principal pr;
    if (hub_user_add(hs, "anna", "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG", HUB_ROLE_ADMIN, err, sizeof err) || hub_user_get(hs, "anna", &pr, err, sizeof err) ||
        hub_session_new(hs, pr.id, (long long)time(NULL), sid, sid_csrf, err, sizeof err))
        { fprintf(stderr, "%s\n", err); return 1; }
    const char *other[] = {"muualla"};
    char other_csrf[65];
    if (hub_user_add(hs, "ville", "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG", HUB_ROLE_COORD, err, sizeof err) || hub_user_get(hs, "ville", &pr, err, sizeof err) ||
        hub_user_set_sites(hs, pr.id, other, 1, err, sizeof err) ||
        hub_session_new(hs, pr.id, (long long)time(NULL), other_sid, other_csrf, err, sizeof err))
        { fprintf(stderr, "%s\n", err); return 1; }
    RUN(test_skeleton);
    RUN(test_save_diff_publish_restore);
    RUN(test_routes);
    RUN(test_vmsg);
    hub_store_close(hs);
    hub_test_db_drop(dbpath);
    return TEST_DONE();
}
