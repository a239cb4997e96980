/* The content editor's feedback question form: round trips of the demo's questions, the version
 * raised by itself against the published one (and back when the wording returns), new options
 * and removed ones, bad input refused with nothing changed, validator paths mapped to fields. */
#include "test.h"
#include "bundle.h"
#include "hub_qform.h"
#include "hub_form.h"
#include "util.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static json_t *demo_content(void)
{
    json_error_t e;
    json_t *root = json_load_file(MAJAKKA_TEST_DATA "/../../assets/demo/bundle.json", 0, &e);
    if (!root) { fprintf(stderr, "demo bundle: %s\n", e.text); exit(1); }
    json_t *c = json_incref(json_object_get(root, "content"));
    json_decref(root);
    return c;
}

static int validate(json_t *content, char *err, size_t errlen)
{
    json_t *root = json_pack("{s:i,s:s,s:s,s:O}", "format", 1, "content_version", "t1", "sha256",
                             "0000000000000000000000000000000000000000000000000000000000000000", "content", content);
    char *s = json_dumps(root, JSON_COMPACT);
    bundle b;
    int rc = bundle_parse(s, strlen(s), NULL, 0, &b, err, errlen);
    if (rc == MJ_OK) bundle_free(&b);
    free(s);
    json_decref(root);
    return rc;
}

static void set(hub_form *fd, const char *name, const char *value)
{
    for (size_t i = 0; i < fd->n; i++)
        if (!strcmp(fd->f[i].name, name)) { free(fd->f[i].value); fd->f[i].value = strdup(value); return; }
    CHECK_INT(hub_form_add(fd, name, value), 0);
}

static void round_trip(void)
{
    json_t *c = demo_content(), *qs = json_object_get(c, "feedback_questions"), *before = json_deep_copy(qs);
    json_t *pub = json_deep_copy(qs);
    size_t i;
    json_t *q;
    char err[300], field[64];
    CHECK(json_array_size(qs) >= 1);
    json_array_foreach(before, i, q) {
        const char *id = json_string_value(json_object_get(q, "id"));
        hub_form fd;
        hub_qform_saved sv;
        CHECK_INT(hub_qform_to_form(qs, id, "", &fd, err, sizeof err), 0);
        CHECK_INT(hub_qform_apply(qs, id, &fd, "", json_array_get(pub, i), 0, NULL, &sv, field, sizeof field, err, sizeof err), 0);
        CHECK_INT(sv.index, i);
        hub_form_free(&fd);
    }
    CHECK(json_equal(qs, before));   /* nothing edited: the versions stay */
    CHECK_INT(validate(c, err, sizeof err), 0);
    json_decref(before);
    json_decref(pub);
    json_decref(c);
}

static void version_bump(void)
{
    json_t *c = demo_content(), *qs = json_object_get(c, "feedback_questions");
    json_t *pub = json_deep_copy(json_array_get(qs, 0));
    const char *id = json_string_value(json_object_get(pub, "id"));
    long long pv = json_integer_value(json_object_get(pub, "version"));
    hub_form fd;
    hub_qform_saved sv;
    char err[300], field[64];
    CHECK_INT(hub_qform_to_form(qs, id, "", &fd, err, sizeof err), 0);
    const char *old_sv = hub_form_get(&fd, "text.sv");
    char *keep = strdup(old_sv ? old_sv : "");
    set(&fd, "text.sv", "Varför kom du hit i dag?");
    CHECK_INT(hub_qform_apply(qs, id, &fd, "", pub, 0, NULL, &sv, field, sizeof field, err, sizeof err), 0);
    CHECK_INT(json_integer_value(json_object_get(json_array_get(qs, 0), "version")), pv + 1);
    /* saved again with more edits: still one above the published */
    set(&fd, "text.en", "Why did you come today?");
    CHECK_INT(hub_qform_apply(qs, id, &fd, "", pub, 0, NULL, &sv, field, sizeof field, err, sizeof err), 0);
    CHECK_INT(json_integer_value(json_object_get(json_array_get(qs, 0), "version")), pv + 1);
    /* a version 5 was published once (then an older one restored): above that */
    CHECK_INT(hub_qform_apply(qs, id, &fd, "", pub, 5, NULL, &sv, field, sizeof field, err, sizeof err), 0);
    CHECK_INT(json_integer_value(json_object_get(json_array_get(qs, 0), "version")), 6);
    CHECK_INT(validate(c, err, sizeof err), 0);
    hub_form_free(&fd);
    /* back to the published wording: the published version again */
    hub_form fd2;
    json_t *pl = json_array();
    json_array_append(pl, pub);
    CHECK_INT(hub_qform_to_form(pl, id, "", &fd2, err, sizeof err), 0);
    CHECK_INT(hub_qform_apply(qs, id, &fd2, "", pub, 5, NULL, &sv, field, sizeof field, err, sizeof err), 0);
    CHECK(json_equal(json_array_get(qs, 0), pub));
    /* the kind alone changes the question too */
    set(&fd2, "kind", strcmp(json_string_value(json_object_get(pub, "kind")), "single") ? "single" : "multiple");
    CHECK_INT(hub_qform_apply(qs, id, &fd2, "", pub, 0, NULL, &sv, field, sizeof field, err, sizeof err), 0);
    CHECK_INT(json_integer_value(json_object_get(json_array_get(qs, 0), "version")), pv + 1);
    hub_form_free(&fd2);
    json_decref(pl);
    free(keep);
    /* never published: a new question is 1, whatever it says */
    hub_form fd3 = { 0 };
    set(&fd3, "id", "new-q");
    set(&fd3, "kind", "single");
    set(&fd3, "text.fi", "Oliko tarpeeksi tilaa?");
    set(&fd3, "options[0].text.fi", "Kyllä");
    set(&fd3, "options[1].text.fi", "Ei");
    set(&fd3, "options[2].text.fi", "");
    CHECK_INT(hub_qform_apply(qs, NULL, &fd3, "", NULL, 0, NULL, &sv, field, sizeof field, err, sizeof err), 0);
    json_t *nq = json_array_get(qs, sv.index);
    CHECK_INT(json_integer_value(json_object_get(nq, "version")), 1);
    CHECK_INT(json_array_size(json_object_get(nq, "options")), 2);
    CHECK_STR(json_string_value(json_object_get(json_array_get(json_object_get(nq, "options"), 1), "id")), "o2");
    set(&fd3, "text.fi", "Oliko tilaa tarpeeksi?");
    CHECK_INT(hub_qform_apply(qs, "new-q", &fd3, "", NULL, 0, NULL, &sv, field, sizeof field, err, sizeof err), 0);
    CHECK_INT(json_integer_value(json_object_get(json_array_get(qs, sv.index), "version")), 1);
    CHECK_INT(validate(c, err, sizeof err), 0);
    hub_form_free(&fd3);
    json_decref(pub);
    json_decref(c);
}

static void options_rows(void)
{
    json_t *c = demo_content(), *qs = json_object_get(c, "feedback_questions");
    json_t *pub = json_deep_copy(json_array_get(qs, 0));
    const char *id = json_string_value(json_object_get(pub, "id"));
    size_t n0 = json_array_size(json_object_get(pub, "options"));
    hub_form fd;
    hub_qform_saved sv;
    char err[300], field[64], name[64];
    CHECK_INT(hub_qform_to_form(qs, id, "", &fd, err, sizeof err), 0);
    /* remove the first option: empty its texts */
    for (size_t i = 0; i < fd.n; i++)
        if (!strncmp(fd.f[i].name, "options[0].text.", 16)) { free(fd.f[i].value); fd.f[i].value = strdup(""); }
    /* add one in a new row */
    snprintf(name, sizeof name, "options[%zu].text.fi", n0);
    set(&fd, name, "Jotain muuta");
    CHECK_INT(hub_qform_apply(qs, id, &fd, "", pub, 0, NULL, &sv, field, sizeof field, err, sizeof err), 0);
    json_t *opts = json_object_get(json_array_get(qs, 0), "options");
    CHECK_INT(json_array_size(opts), n0);
    CHECK_STR(json_string_value(json_object_get(json_array_get(opts, n0 - 1), "id")), "o1");
    CHECK_INT(sv.opt_row[0], 1);
    CHECK_INT(json_integer_value(json_object_get(json_array_get(qs, 0), "version")),
              json_integer_value(json_object_get(pub, "version")) + 1);
    /* a validator path lands at the form's row */
    CHECK_INT(hub_qform_field_of("feedback_questions[0].options[0].text.fi", &sv, field, sizeof field), 0);
    CHECK_STR(field, "options[1].text.fi");
    CHECK_INT(hub_qform_field_of("feedback_questions[0].text", &sv, field, sizeof field), 0);
    CHECK_STR(field, "text");
    CHECK_INT(hub_qform_field_of("feedback_questions[1].text", &sv, field, sizeof field), MJ_ENOTFOUND);
    hub_form_free(&fd);
    json_decref(pub);
    json_decref(c);
}

static void bad_input(void)
{
    struct { const char *name, *value, *field; } cases[] = {
        { "kind", "some", "kind" },
        { "text.FI", "x", "text.FI" },
        { "options[1].text.fi", "", "options" },            /* leaves one option */
        { "options[8].text.fi", "ninth", "options" },
        { "options[0].id", "Bad Id", "options[0].id" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        json_t *c = demo_content(), *qs = json_object_get(c, "feedback_questions"), *before = json_deep_copy(qs);
        hub_form fd = { 0 };
        hub_qform_saved sv;
        char err[300], field[64], name[40];
        set(&fd, "kind", "single");
        set(&fd, "text.fi", "Kysymys");
        for (int k = 0; k < 8; k++) {
            char v[8];
            snprintf(name, sizeof name, "options[%d].text.fi", k);
            snprintf(v, sizeof v, "v%d", k);
            if (k < 2 || !strcmp(cases[i].name, "options[8].text.fi")) set(&fd, name, v);
        }
        set(&fd, cases[i].name, cases[i].value);
        const char *id = json_string_value(json_object_get(json_array_get(qs, 0), "id"));
        CHECK_INT(hub_qform_apply(qs, id, &fd, "", NULL, 0, NULL, &sv, field, sizeof field, err, sizeof err), MJ_EINVAL);
        CHECK_STR(field, cases[i].field);
        CHECK(strncmp(err, cases[i].field, strlen(cases[i].field)) == 0);
        CHECK(json_equal(qs, before));
        hub_form_free(&fd);
        json_decref(before);
        json_decref(c);
    }
    json_t *c = demo_content(), *qs = json_object_get(c, "feedback_questions");
    hub_form fd = { 0 };
    hub_qform_saved sv;
    char err[300], field[64];
    set(&fd, "id", "Not valid");
    CHECK_INT(hub_qform_apply(qs, NULL, &fd, "", NULL, 0, NULL, &sv, field, sizeof field, err, sizeof err), MJ_EINVAL);
    CHECK_STR(field, "id");
    CHECK_INT(hub_qform_apply(qs, "nope", &fd, "", NULL, 0, NULL, &sv, field, sizeof field, err, sizeof err), MJ_ENOTFOUND);
    hub_form_free(&fd);
    json_decref(c);
}

int main(void)
{
    RUN(round_trip);
    RUN(version_bump);
    RUN(options_rows);
    RUN(bad_input);
    return TEST_DONE();
}
