/* hub_edit_question.c - the editor's feedback question form (hub_edit.h hooks) on top of
 * hub_qform.h: kind, text and option texts per language side by side; the version is raised by
 * itself when the question differs from the published one (the published version and the ones
 * before it are looked at, so a restored older version cannot lead to a number used twice). */
#include "hub_edit.h"
#include "hub_draft.h"
#include "hub_qform.h"
#include "hub_web.h"
#include "util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OLD_VERSIONS 50   /* published versions looked at for the highest version of a question */

static void render(hub_edit_ctx *c, const char *path, const json_t *item, const char *ppath, int is_new)
{
    hub_form v = { 0 };
    char err[200], p[420], id[420], rel[64], label[200], num[24];
    if (c->form) {
        char pre[430];
        snprintf(pre, sizeof pre, "%s.", ppath);
        for (size_t i = 0; i < c->form->n; i++) hub_form_add_under(&v, pre, c->form->f[i].name, c->form->f[i].value);
    } else if (item) {
        hub_qform_to_form(json_object_get(c->content, "feedback_questions"), json_string_value(json_object_get(item, "id")), "",
                          &v, err, sizeof err);
    }
    const char *qid = hub_form_get(&v, "id"), *kind = hub_form_get(&v, "kind");
    snprintf(p, sizeof p, "%s.id", path);
    hub_edit_html_id(p, id);
    if (is_new) {
        hub_edit_add(c, "<div class=\"field\"><label for=\"%s\">%s</label><span class=\"help\">%s</span>", id,
                     hub_edit_t(c, "web.edit.f.id"), hub_edit_t(c, "web.edit.h.question_id"));
        hub_edit_slot(c, p, 0);
        hub_edit_add(c, "<input id=\"%s\" name=\"", id);
        hub_edit_esc(c, p);
        hub_edit_add(c, "\" value=\"");
        hub_edit_esc(c, qid);
        hub_edit_add(c, "\"%s></div>", hub_edit_invalid(c, p, 0));
    } else {
        char t[400];
        snprintf(num, sizeof num, "%lld", (long long)json_integer_value(json_object_get(item, "version")));
        hub_edit_tf(c, t, sizeof t, "web.edit.question.version", num, NULL);
        hub_edit_add(c, "<p class=\"muted\">%s: ", hub_edit_t(c, "web.edit.f.id"));
        hub_edit_esc(c, qid);
        hub_edit_add(c, " · ");
        hub_edit_esc(c, t);
        hub_edit_add(c, "</p>");
    }
    snprintf(p, sizeof p, "%s.kind", path);
    hub_edit_html_id(p, id);
    hub_edit_add(c, "<fieldset id=\"%s\"><legend>%s</legend>", id, hub_edit_t(c, "web.edit.question.answers"));
    hub_edit_slot(c, p, 0);
    for (int k = 0; k < 2; k++) {
        const char *val = k ? "multiple" : "single";
        hub_edit_add(c, "<label for=\"%s-%s\"><input type=\"radio\" id=\"%s-%s\" name=\"", id, val, id, val);
        hub_edit_esc(c, p);
        hub_edit_add(c, "\" value=\"%s\"%s> %s</label> ", val, (kind ? !strcmp(kind, val) : !k) ? " checked" : "",
                     hub_edit_t(c, k ? "web.edit.question.multiple" : "web.edit.question.single"));
    }
    hub_edit_add(c, "</fieldset>");
    json_t *t = json_object();
    for (size_t i = 0; i < v.n; i++)
        if (!strncmp(v.f[i].name, "text.", 5) && v.f[i].value[0]) json_object_set_new(t, v.f[i].name + 5, json_string(v.f[i].value));
    snprintf(p, sizeof p, "%s.text", path);
    hub_edit_render_text(c, hub_edit_t(c, "web.edit.question.text"), p, t, 0, 1);
    json_decref(t);
    snprintf(p, sizeof p, "%s.options", path);
    hub_edit_html_id(p, id);
    hub_edit_add(c, "<fieldset id=\"%s\"><legend>%s</legend>", id, hub_edit_t(c, "web.edit.question.options"));
    hub_edit_slot(c, p, 0);
    int rows = 0;
    for (; rows < HUB_QFORM_MAX_ROWS; rows++) {
        int any = 0;
        snprintf(rel, sizeof rel, "options[%d].", rows);
        for (size_t i = 0; i < v.n; i++) any |= !strncmp(v.f[i].name, rel, strlen(rel));
        if (!any) break;
    }
    if (rows < 2) rows = 2;
    else if (rows < HUB_QFORM_MAX_ROWS) rows++;
    for (int r = 0; r < rows; r++) {
        snprintf(rel, sizeof rel, "options[%d].id", r);
        const char *oid = hub_form_get(&v, rel);
        if (oid) {
            hub_edit_add(c, "<input type=\"hidden\" name=\"");
            hub_edit_esc(c, path);
            hub_edit_add(c, ".%s\" value=\"", rel);
            hub_edit_esc(c, oid);
            hub_edit_add(c, "\">");
        }
        json_t *ot = json_object();
        snprintf(rel, sizeof rel, "options[%d].text.", r);
        for (size_t i = 0; i < v.n; i++)
            if (!strncmp(v.f[i].name, rel, strlen(rel)) && v.f[i].value[0])
                json_object_set_new(ot, v.f[i].name + strlen(rel), json_string(v.f[i].value));
        snprintf(p, sizeof p, "%s.options[%d].text", path, r);
        snprintf(num, sizeof num, "%d", r + 1);
        hub_edit_tf(c, label, sizeof label, "web.edit.question.option", num, NULL);
        hub_edit_render_text(c, label, p, ot, 0, r < 2);
        json_decref(ot);
    }
    hub_edit_add(c, "</fieldset>");
    hub_form_free(&v);
}

/* The highest version of question id in the site's recent published versions (0: none). */
static long long max_published(hub_edit_ctx *c, const char *id)
{
    hub_version vs[OLD_VERSIONS];
    int n = 0;
    long long best = 0;
    char err[200];
    if (hub_version_list(c->hs, c->site, vs, OLD_VERSIONS, &n, err, sizeof err) != MJ_OK) return 0;
    for (int i = 0; i < n; i++) {
        char *data = NULL;
        size_t len;
        hub_version meta;
        if (hub_version_get(c->hs, c->site, vs[i].version, &data, &len, &meta, err, sizeof err) != MJ_OK) continue;
        json_t *root = json_loadb(data, len, 0, NULL);
        free(data);
        long long v = hub_qform_version_in(json_object_get(root, "content"), id);
        if (v > best) best = v;
        json_decref(root);
    }
    return best;
}

static int apply(hub_edit_ctx *c, json_t *content, const char *old_id, const char *ppath, const char *path, long *index,
                 char id[80], char *err, size_t errlen)
{
    hub_form v = { 0 };
    hub_qform_saved sv;
    char pre[430], field[200];
    json_t *qs = json_object_get(content, "feedback_questions"), *pub = NULL;
    if (!qs) { json_object_set_new(content, "feedback_questions", json_array()); qs = json_object_get(content, "feedback_questions"); }
    snprintf(pre, sizeof pre, "%s.", ppath);
    for (size_t i = 0; i < c->form->n; i++)
        if (hub_form_add_under(&v, pre, c->form->f[i].name, c->form->f[i].value) != MJ_OK) {
            hub_form_free(&v);
            return mj_err(err, errlen, MJ_EINVAL, "%s: %s", path, hub_edit_t(c, "web.edit.err.too_many_fields"));
        }
    const char *qid = old_id ? old_id : hub_form_get(&v, "id");
    int rc = hub_draft_published(c->hs, c->site, &pub, err, errlen);
    if (rc) { hub_form_free(&v); return rc == MJ_EINVAL ? MJ_EIO : rc; }
    const json_t *pq = NULL;
    size_t i;
    json_t *q;
    json_array_foreach(json_object_get(pub, "feedback_questions"), i, q)
        if (qid && json_is_string(json_object_get(q, "id")) && !strcmp(json_string_value(json_object_get(q, "id")), qid)) pq = q;
    snprintf(pre, sizeof pre, "%s.", path);
    rc = hub_qform_apply(qs, old_id, &v, "", pq, qid ? max_published(c, qid) : 0, c->web ? c->web->lang : NULL, &sv, field, sizeof field, err, errlen);
    if (rc == MJ_EINVAL && field[0]) hub_form_prefix_err(pre, field, sizeof field, err, errlen);
    if (rc == MJ_OK) {
        *index = (long)sv.index;
        snprintf(id, 80, "%s", json_string_value(json_object_get(json_array_get(qs, sv.index), "id")));
    }
    json_decref(pub);
    hub_form_free(&v);
    return rc;
}

static const hub_edit_form_hooks hooks = { render, apply, NULL, NULL };

static const hub_edit_field question_fields[] = {
    { "text", HE_TEXT, "web.edit.question.text", NULL, 1, NULL, NULL, NULL, NULL, NULL },
    { NULL, 0, NULL, NULL, 0, NULL, NULL, NULL, NULL, NULL },
};

const hub_edit_entity hub_edit_questions = { "feedback_questions", "questions", "web.edit.questions.one",
                                             "web.edit.questions.many", question_fields, NULL, &hooks,
                                             "web.edit.questions.new", "web.edit.questions.add",
                                             "web.edit.questions.delete", "web.edit.questions.removed" };
