/* hub_edit_form.c - see hub_edit.h: the helpers field functions use, and the generic form that
 * draws an item's fields from its entity table and reads them back from a posted form. */
#include "hub_edit.h"
#include "hub_web.h"
#include "i18n.h"
#include "model.h"
#include "util.h"
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *hub_edit_t(const hub_edit_ctx *c, const char *msgid)
{
    return hub_t(c ? c->web : NULL, msgid);
}

void hub_edit_tf(const hub_edit_ctx *c, char *out, size_t outlen, const char *msgid, ...)
{
    va_list ap;
    va_start(ap, msgid);
    hub_tfv(out, outlen, hub_edit_t(c, msgid), ap);
    va_end(ap);
}

void hub_edit_add(hub_edit_ctx *c, const char *fmt, ...)
{
    va_list ap;
    if (c->oom) return;
    for (;;) {
        va_start(ap, fmt);
        int n = vsnprintf(c->p ? c->p + c->len : NULL, c->p ? c->cap - c->len : 0, fmt, ap);
        va_end(ap);
        if (n < 0) { c->oom = 1; return; }
        if (c->p && c->len + (size_t)n < c->cap) { c->len += (size_t)n; return; }
        size_t nc = c->cap ? c->cap * 2 : 16384;
        while (nc < c->len + (size_t)n + 1) nc *= 2;
        char *np = realloc(c->p, nc);
        if (!np) { c->oom = 1; return; }
        c->p = np;
        c->cap = nc;
    }
}

void hub_edit_esc(hub_edit_ctx *c, const char *s)
{
    if (!s) return;
    const char *run = s;
    for (; *s; s++) {
        const char *r = NULL;
        switch (*s) {
        case '&': r = "&amp;"; break;
        case '<': r = "&lt;"; break;
        case '>': r = "&gt;"; break;
        case '"': r = "&quot;"; break;
        case '\'': r = "&#39;"; break;
        }
        if (r) {
            hub_edit_add(c, "%.*s%s", (int)(s - run), run, r);
            run = s + 1;
        }
    }
    if (*run) hub_edit_add(c, "%s", run);
}

void hub_edit_html_id(const char *path, char out[420])
{
    size_t o = 0;
    o += (size_t)snprintf(out, 420, "f-");
    int dash = 0;
    for (; *path && o + 2 < 420; path++) {
        unsigned char ch = (unsigned char)*path;
        if (isalnum(ch) || ch == '_') { out[o++] = (char)ch; dash = 0; }
        else if (!dash && *(path + 1)) { out[o++] = '-'; dash = 1; }
    }
    while (o > 2 && out[o - 1] == '-') o--;
    out[o] = 0;
}

static int names(const hub_edit_ctx *c, const char *path, int prefix)
{
    if (!c->err_path[0] && !c->err_msg[0]) return 0;
    size_t n = strlen(path);
    if (strcmp(c->err_path, path) == 0) return 1;
    return prefix && strncmp(c->err_path, path, n) == 0 && (c->err_path[n] == '[' || c->err_path[n] == '.');
}

void hub_edit_slot(hub_edit_ctx *c, const char *path, int prefix)
{
    if (c->err_shown || !c->err_msg[0] || !names(c, path, prefix)) return;
    char id[420];
    hub_edit_html_id(path, id);
    hub_edit_add(c, "<p class=\"fielderr\" id=\"%s-err\" role=\"alert\">", id);
    hub_edit_esc(c, c->err_msg);
    hub_edit_add(c, "</p>");
    c->err_shown = 1;
}

const char *hub_edit_invalid(hub_edit_ctx *c, const char *path, int prefix)
{
    static __thread char buf[480];
    if (!c->err_msg[0] || !names(c, path, prefix)) return "";
    char id[420];
    hub_edit_html_id(path, id);
    snprintf(buf, sizeof buf, " aria-invalid=\"true\" aria-describedby=\"%.420s-err\"", id);
    return buf;
}

const char *hub_edit_value(hub_edit_ctx *c, const char *path, char *buf, size_t n)
{
    const char *v = c->form ? hub_form_take(c->form, path) : NULL;
    if (!v) return NULL;
    while (*v == ' ' || *v == '\t' || *v == '\n') v++;
    size_t l = strlen(v);
    while (l && (v[l - 1] == ' ' || v[l - 1] == '\t' || v[l - 1] == '\n')) l--;
    if (l >= n) l = n - 1;
    memcpy(buf, v, l);
    buf[l] = 0;
    return buf;
}

int hub_edit_fail(hub_edit_ctx *c, const char *path, const char *fmt, ...)
{
    va_list ap;
    snprintf(c->err_path, sizeof c->err_path, "%s", path);
    va_start(ap, fmt);
    vsnprintf(c->err_msg, sizeof c->err_msg, fmt, ap);
    va_end(ap);
    return MJ_EINVAL;
}

static const char *lang_name(const char *code)
{
    static const char *const names_[][2] = {{"fi", "suomi"}, {"sv", "svenska"}, {"en", "English"}, {"se", "sámegiella"},
                                            {"ru", "русский"}, {"et", "eesti"}, {"so", "Soomaali"}, {"ar", "العربية"},
                                            {"uk", "українська"}, {"fa", "فارسی"}, {NULL, NULL}};
    for (int i = 0; names_[i][0]; i++) if (strcmp(names_[i][0], code) == 0) return names_[i][1];
    return code;
}

const char *hub_edit_pick(hub_edit_ctx *c, const json_t *text)
{
    size_t i;
    json_t *l;
    json_array_foreach(c->langs, i, l) {
        const char *s = json_string_value(json_object_get(text, json_string_value(l)));
        if (s) return s;
    }
    const char *k;
    json_t *v;
    json_object_foreach((json_t *)text, k, v) if (json_is_string(v)) return json_string_value(v);
    return NULL;
}

int hub_edit_missing(hub_edit_ctx *c, const json_t *text)
{
    if (!json_is_object(text) || !json_object_size(text)) return 0;
    int n = 0;
    size_t i;
    json_t *l;
    json_array_foreach(c->langs, i, l) if (!json_object_get(text, json_string_value(l))) n++;
    return n;
}

/* The languages to show for a text: the site's, then any other the text has. */
static json_t *text_langs(hub_edit_ctx *c, const json_t *text)
{
    json_t *out = json_array();
    size_t i;
    json_t *l;
    json_array_foreach(c->langs, i, l) json_array_append(out, l);
    const char *k;
    json_t *v;
    json_object_foreach((json_t *)text, k, v) {
        int seen = 0;
        json_array_foreach(out, i, l) seen |= strcmp(json_string_value(l), k) == 0;
        if (!seen && strncmp(k, "x-", 2) != 0) json_array_append_new(out, json_string(k));
    }
    return out;
}

void hub_edit_render_text(hub_edit_ctx *c, const char *label, const char *path, json_t *text, int multiline, int required)
{
    char id[420], p[420];
    json_t *langs = text_langs(c, text), *l;
    size_t i;
    int any = json_is_object(text) && json_object_size(text) > 0;
    hub_edit_html_id(path, id);
    hub_edit_add(c, "<fieldset class=\"text\" id=\"%s\"><legend>", id);
    hub_edit_esc(c, label);
    if (required) hub_edit_add(c, " <span class=\"req\">(%s)</span>", hub_edit_t(c, "web.edit.required"));
    hub_edit_add(c, "</legend>");
    hub_edit_slot(c, path, 0);
    hub_edit_add(c, "<div class=\"langs\">");
    json_array_foreach(langs, i, l) {
        const char *code = json_string_value(l), *v = json_string_value(json_object_get(text, code));
        snprintf(p, sizeof p, "%s.%s", path, code);
        hub_edit_html_id(p, id);
        hub_edit_add(c, "<div class=\"lang\"><label for=\"%s\">", id);
        hub_edit_esc(c, lang_name(code));
        hub_edit_add(c, " <span class=\"muted\">(%s)</span></label>", code);
        if (any && !v) hub_edit_add(c, " <span class=\"miss\">%s</span>", hub_edit_t(c, "web.edit.translation_missing"));
        hub_edit_slot(c, p, 0);
        if (multiline) {
            hub_edit_add(c, "<textarea id=\"%s\" name=\"", id);
            hub_edit_esc(c, p);
            hub_edit_add(c, "\" rows=\"4\" lang=\"%s\"%s>", code, hub_edit_invalid(c, p, 0));
            hub_edit_esc(c, v);
            hub_edit_add(c, "</textarea>");
        } else {
            hub_edit_add(c, "<input id=\"%s\" name=\"", id);
            hub_edit_esc(c, p);
            hub_edit_add(c, "\" lang=\"%s\" value=\"", code);
            hub_edit_esc(c, v);
            hub_edit_add(c, "\"%s>", hub_edit_invalid(c, p, 0));
        }
        hub_edit_add(c, "</div>");
    }
    hub_edit_add(c, "</div></fieldset>");
    json_decref(langs);
}

json_t *hub_edit_parse_text(hub_edit_ctx *c, const char *path, const json_t *old)
{
    json_t *out = json_object();
    char buf[HUB_FORM_MAX_VALUE + 1];
    size_t n = strlen(path);
    /* Every language sent (the site's and any other the text had), in the form's order. */
    for (size_t i = 0; c->form && i < c->form->n; i++) {
        const char *name = c->form->f[i].name;
        if (strncmp(name, path, n) != 0 || name[n] != '.' || !model_lang_valid(name + n + 1)) continue;
        const char *v = hub_edit_value(c, name, buf, sizeof buf);
        if (v && *v && !json_object_get(out, name + n + 1)) json_object_set_new(out, name + n + 1, json_string(v));
    }
    /* Extension keys inside the text are kept. */
    const char *k;
    json_t *v;
    json_object_foreach((json_t *)old, k, v) if (strncmp(k, "x-", 2) == 0) json_object_set(out, k, v);
    if (!json_object_size(out)) { json_decref(out); return NULL; }
    return out;
}

/* The label of the item with an id in content[list], for selects and check boxes. */
static const char *item_label(hub_edit_ctx *c, const json_t *item)
{
    const char *s = hub_edit_pick(c, json_object_get(item, "name"));
    return s ? s : json_string_value(json_object_get(item, "id"));
}

static void label_for(hub_edit_ctx *c, const hub_edit_field *f, const char *id)
{
    hub_edit_add(c, "<label for=\"%s\">", id);
    hub_edit_esc(c, hub_edit_t(c, f->label));
    if (f->required) hub_edit_add(c, " <span class=\"req\">(%s)</span>", hub_edit_t(c, "web.edit.required"));
    hub_edit_add(c, "</label>");
    if (f->help) { hub_edit_add(c, "<span class=\"help\">"); hub_edit_esc(c, hub_edit_t(c, f->help)); hub_edit_add(c, "</span>"); }
}

static int in_list(const json_t *arr, const char *s)
{
    size_t i;
    json_t *x;
    json_array_foreach(arr, i, x) if (json_is_string(x) && strcmp(json_string_value(x), s) == 0) return 1;
    return 0;
}

static void render_checks(hub_edit_ctx *c, const hub_edit_field *f, const char *path, json_t *value)
{
    char id[420], oid[460];
    hub_edit_html_id(path, id);
    hub_edit_add(c, "<fieldset class=\"checks\" id=\"%s\"><legend>", id);
    hub_edit_esc(c, hub_edit_t(c, f->label));
    if (f->required) hub_edit_add(c, " <span class=\"req\">(%s)</span>", hub_edit_t(c, "web.edit.required"));
    hub_edit_add(c, "</legend>");
    hub_edit_slot(c, path, 1);
    if (f->kind == HE_REFS) {
        size_t i;
        json_t *it;
        json_array_foreach(json_object_get(c->content, f->list), i, it) {
            const char *v = json_string_value(json_object_get(it, "id"));
            if (!v) continue;
            snprintf(oid, sizeof oid, "%s-%zu", id, i);
            hub_edit_add(c, "<label for=\"%s\"><input type=\"checkbox\" id=\"%s\" name=\"", oid, oid);
            hub_edit_esc(c, path);
            hub_edit_add(c, "\" value=\"");
            hub_edit_esc(c, v);
            hub_edit_add(c, "\"%s> ", in_list(value, v) ? " checked" : "");
            hub_edit_esc(c, item_label(c, it));
            hub_edit_add(c, "</label> ");
        }
    } else {
        for (int i = 0; f->choices[i]; i++) {
            snprintf(oid, sizeof oid, "%s-%d", id, i);
            hub_edit_add(c, "<label for=\"%s\"><input type=\"checkbox\" id=\"%s\" name=\"", oid, oid);
            hub_edit_esc(c, path);
            hub_edit_add(c, "\" value=\"");
            hub_edit_esc(c, f->choices[i]);
            hub_edit_add(c, "\"%s> ", in_list(value, f->choices[i]) ? " checked" : "");
            hub_edit_esc(c, f->choice_labels ? hub_edit_t(c, f->choice_labels[i]) : f->choices[i]);
            hub_edit_add(c, "</label> ");
        }
    }
    /* Values the choices do not offer (a reference to something gone) stay visible. */
    size_t i;
    json_t *x;
    json_array_foreach(value, i, x) {
        const char *v = json_string_value(x);
        int offered = 0;
        if (!v) continue;
        if (f->kind == HE_REFS) {
            size_t k;
            json_t *it;
            json_array_foreach(json_object_get(c->content, f->list), k, it)
                offered |= json_is_string(json_object_get(it, "id")) && strcmp(json_string_value(json_object_get(it, "id")), v) == 0;
        } else {
            for (int k = 0; f->choices[k]; k++) offered |= strcmp(f->choices[k], v) == 0;
        }
        if (offered) continue;
        snprintf(oid, sizeof oid, "%s-x%zu", id, i);
        hub_edit_add(c, "<label for=\"%s\"><input type=\"checkbox\" id=\"%s\" name=\"", oid, oid);
        hub_edit_esc(c, path);
        hub_edit_add(c, "\" value=\"");
        hub_edit_esc(c, v);
        hub_edit_add(c, "\" checked> ");
        hub_edit_esc(c, v);
        hub_edit_add(c, " <span class=\"bad\">(%s)</span></label> ", hub_edit_t(c, "web.edit.unknown"));
    }
    hub_edit_add(c, "</fieldset>");
}

static void render_select(hub_edit_ctx *c, const hub_edit_field *f, const char *path, const char *cur)
{
    char id[420];
    int found = 0;
    hub_edit_html_id(path, id);
    hub_edit_add(c, "<div class=\"field\">");
    label_for(c, f, id);
    hub_edit_slot(c, path, 0);
    hub_edit_add(c, "<select id=\"%s\" name=\"", id);
    hub_edit_esc(c, path);
    hub_edit_add(c, "\"%s><option value=\"\">%s</option>", hub_edit_invalid(c, path, 0), hub_edit_t(c, f->required ? "web.edit.choose" : "web.edit.none"));
    if (f->kind == HE_REF) {
        size_t i;
        json_t *it;
        json_array_foreach(json_object_get(c->content, f->list), i, it) {
            const char *v = json_string_value(json_object_get(it, "id"));
            if (!v) continue;
            int sel = cur && strcmp(cur, v) == 0;
            found |= sel;
            hub_edit_add(c, "<option value=\"");
            hub_edit_esc(c, v);
            hub_edit_add(c, "\"%s>", sel ? " selected" : "");
            hub_edit_esc(c, item_label(c, it));
            hub_edit_add(c, "</option>");
        }
    } else {
        for (int i = 0; f->choices[i]; i++) {
            int sel = cur && strcmp(cur, f->choices[i]) == 0;
            found |= sel;
            hub_edit_add(c, "<option value=\"");
            hub_edit_esc(c, f->choices[i]);
            hub_edit_add(c, "\"%s>", sel ? " selected" : "");
            hub_edit_esc(c, f->choice_labels ? hub_edit_t(c, f->choice_labels[i]) : f->choices[i]);
            hub_edit_add(c, "</option>");
        }
    }
    if (cur && *cur && !found) {
        hub_edit_add(c, "<option value=\"");
        hub_edit_esc(c, cur);
        hub_edit_add(c, "\" selected>");
        hub_edit_esc(c, cur);
        hub_edit_add(c, " (%s)</option>", hub_edit_t(c, "web.edit.unknown"));
    }
    hub_edit_add(c, "</select></div>");
}

static void render_input(hub_edit_ctx *c, const hub_edit_field *f, const char *path, const char *v, int readonly)
{
    char id[420];
    hub_edit_html_id(path, id);
    hub_edit_add(c, "<div class=\"field\">");
    label_for(c, f, id);
    hub_edit_slot(c, path, f->kind == HE_CODES);
    hub_edit_add(c, "<input id=\"%s\" name=\"", id);
    hub_edit_esc(c, path);
    hub_edit_add(c, "\" value=\"");
    hub_edit_esc(c, v);
    hub_edit_add(c, "\"%s%s%s></div>", readonly ? " readonly" : "", f->kind == HE_NUMBER || f->kind == HE_INT ? " inputmode=\"decimal\"" : "",
                 hub_edit_invalid(c, path, f->kind == HE_CODES));
}

static void render_field(hub_edit_ctx *c, const hub_edit_field *f, const char *path, json_t *v, int is_new)
{
    const char *raw = json_string_value(json_object_get(c->raw, path));
    char num[64] = "";
    switch (f->kind) {
    case HE_ID:
        render_input(c, f, path, json_string_value(v), !is_new);
        break;
    case HE_TEXT:
    case HE_LONGTEXT:
        hub_edit_render_text(c, hub_edit_t(c, f->label), path, v, f->kind == HE_LONGTEXT, f->required);
        break;
    case HE_STRING:
        render_input(c, f, path, json_string_value(v), 0);
        break;
    case HE_NUMBER:
    case HE_INT:
        if (json_is_integer(v)) snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v));
        else if (json_is_number(v)) snprintf(num, sizeof num, "%.15g", json_number_value(v));
        render_input(c, f, path, raw ? raw : num, 0);
        break;
    case HE_BOOL: {
        char id[420];
        hub_edit_html_id(path, id);
        hub_edit_add(c, "<div class=\"field\">");
        hub_edit_slot(c, path, 0);
        hub_edit_add(c, "<label for=\"%s\"><input type=\"checkbox\" id=\"%s\" name=\"", id, id);
        hub_edit_esc(c, path);
        hub_edit_add(c, "\" value=\"true\"%s%s> ", json_is_true(v) ? " checked" : "", hub_edit_invalid(c, path, 0));
        hub_edit_esc(c, hub_edit_t(c, f->label));
        hub_edit_add(c, "</label></div>");
        break;
    }
    case HE_REF:
    case HE_CHOICE:
        render_select(c, f, path, json_string_value(v));
        break;
    case HE_REFS:
    case HE_CHOICES:
        render_checks(c, f, path, v);
        break;
    case HE_CODES: {
        char *s = NULL;
        size_t n = 0, i;
        json_t *x;
        json_array_foreach(v, i, x) {
            const char *t = json_string_value(x);
            char *ns = t ? realloc(s, n + strlen(t) + 3) : NULL;
            if (ns) { s = ns; n += (size_t)sprintf(s + n, "%s%s", n ? ", " : "", t); }
        }
        render_input(c, f, path, raw ? raw : s ? s : "", 0);
        free(s);
        break;
    }
    case HE_HOURS:
        hub_edit_render_hours(c, f, path, v);
        break;
    case HE_EXCEPTIONS:
        hub_edit_render_exceptions(c, f, path, v);
        break;
    case HE_CUSTOM:
        if (f->render) f->render(c, f, path, v);
        break;
    }
}

void hub_edit_render_fields(hub_edit_ctx *c, const hub_edit_entity *e, const char *path, json_t *item, int is_new)
{
    char p[420];
    hub_edit_slot(c, path, 0);
    for (const hub_edit_field *f = e->fields; f->key; f++) {
        snprintf(p, sizeof p, "%s.%s", path, f->key);
        render_field(c, f, p, json_object_get(item, f->key), is_new);
    }
}

/* An id made from a name: lowercase letters and digits, ä ö å as a o a, the rest as "-". */
static void id_from_name(const char *name, char out[65])
{
    size_t o = 0;
    int dash = 1;
    for (const unsigned char *s = (const unsigned char *)name; *s && o < 60; s++) {
        char ch = 0;
        if (isalnum(*s)) ch = (char)tolower(*s);
        else if (s[0] == 0xc3 && s[1]) {
            unsigned char t = s[1];
            if (t == 0xa4 || t == 0x84 || t == 0xa5 || t == 0x85) ch = 'a';
            else if (t == 0xb6 || t == 0x96) ch = 'o';
            s++;
        }
        if (ch) { out[o++] = ch; dash = 0; }
        else if (!dash) { out[o++] = '-'; dash = 1; }
    }
    while (o && out[o - 1] == '-') o--;
    out[o] = 0;
    if (!o) snprintf(out, 65, "item");
}

static int parse_list_codes(hub_edit_ctx *c, const char *path, const char *v, json_t **out)
{
    json_t *arr = json_array();
    char tok[128];
    while (*v) {
        size_t n = strcspn(v, ", \t\n");
        if (n) {
            if (n >= sizeof tok) {
                char q[48], m[300];
                snprintf(q, sizeof q, "%.40s", v);
                hub_edit_tf(c, m, sizeof m, "web.edit.err.code_long", q, NULL);
                json_decref(arr);
                return hub_edit_fail(c, path, "%s", m);
            }
            memcpy(tok, v, n);
            tok[n] = 0;
            json_array_append_new(arr, json_string(tok));
        }
        v += n;
        while (*v == ',' || *v == ' ' || *v == '\t' || *v == '\n') v++;
    }
    *out = arr;
    return MJ_OK;
}

static int parse_field(hub_edit_ctx *c, const hub_edit_field *f, const char *path, const json_t *old, json_t *item,
                       int is_new)
{
    char buf[HUB_FORM_MAX_VALUE + 1];
    const json_t *ov = json_object_get(old, f->key);
    const char *v;
    json_t *x = NULL;
    switch (f->kind) {
    case HE_ID:
        if (!is_new) {
            hub_edit_value(c, path, buf, sizeof buf);    /* shown read-only; the stored id stays */
            if (ov) json_object_set(item, f->key, (json_t *)ov);
            return MJ_OK;
        }
        v = hub_edit_value(c, path, buf, sizeof buf);
        if (v && *v) { json_object_set_new(item, f->key, json_string(v)); return MJ_OK; }
        return MJ_OK;      /* made from the name after the other fields (hub_edit_parse_fields) */
    case HE_TEXT:
    case HE_LONGTEXT:
        x = hub_edit_parse_text(c, path, ov);
        break;
    case HE_STRING:
    case HE_REF:
    case HE_CHOICE:
        v = hub_edit_value(c, path, buf, sizeof buf);
        if (v && *v) x = json_string(v);
        break;
    case HE_NUMBER:
    case HE_INT:
        v = hub_edit_value(c, path, buf, sizeof buf);
        if (v && *v) {
            char *end;
            const char *t = v;
            char tmp[64];
            /* A decimal comma is what a Finnish keyboard types. */
            if (strlen(v) < sizeof tmp && strchr(v, ',')) {
                snprintf(tmp, sizeof tmp, "%s", v);
                *strchr(tmp, ',') = '.';
                t = tmp;
            }
            if (f->kind == HE_INT) {
                long long n = strtoll(t, &end, 10);
                if (*end || end == t) {
                    char q[72], m[300];
                    snprintf(q, sizeof q, "%.64s", v);
                    hub_edit_tf(c, m, sizeof m, "web.edit.err.not_int", q, NULL);
                    json_object_set_new(c->raw, path, json_string(v));
                    return hub_edit_fail(c, path, "%s", m);
                }
                x = json_integer(n);
            } else {
                double d = strtod(t, &end);
                if (*end || end == t || d != d) {
                    char q[72], m[300];
                    snprintf(q, sizeof q, "%.64s", v);
                    hub_edit_tf(c, m, sizeof m, "web.edit.err.not_number", q, NULL);
                    json_object_set_new(c->raw, path, json_string(v));
                    return hub_edit_fail(c, path, "%s", m);
                }
                x = json_real(d);
            }
        }
        break;
    case HE_BOOL:
        v = hub_edit_value(c, path, buf, sizeof buf);
        x = json_boolean(v && strcmp(v, "true") == 0);
        break;
    case HE_REFS:
    case HE_CHOICES:
        x = json_array();
        for (int i = 0; (v = c->form ? hub_form_take_nth(c->form, path, i) : NULL); i++)
            if (*v) json_array_append_new(x, json_string(v));
        if (!json_array_size(x)) { json_decref(x); x = NULL; }
        break;
    case HE_CODES:
        v = hub_edit_value(c, path, buf, sizeof buf);
        if (v && *v) {
            int rc = parse_list_codes(c, path, v, &x);
            if (rc) { json_object_set_new(c->raw, path, json_string(v)); return rc; }
            if (!json_array_size(x)) { json_decref(x); x = NULL; }
        }
        break;
    case HE_HOURS:
        return hub_edit_parse_hours(c, f, path, item);
    case HE_EXCEPTIONS:
        return hub_edit_parse_exceptions(c, f, path, item);
    case HE_CUSTOM:
        return f->parse ? f->parse(c, f, path, item) : MJ_OK;
    }
    if (x) json_object_set_new(item, f->key, x);
    return MJ_OK;
}

static int covered(const hub_edit_entity *e, const char *key)
{
    for (const hub_edit_field *f = e->fields; f->key; f++) if (strcmp(f->key, key) == 0) return 1;
    return 0;
}

int hub_edit_parse_fields(hub_edit_ctx *c, const hub_edit_entity *e, const char *path, const json_t *old, json_t **out)
{
    char p[420];
    int is_new = old == NULL, rc = MJ_OK;
    json_t *item = json_object();
    if (!item) return hub_edit_fail(c, path, "out of memory");
    /* What the form does not know (x- extensions, a site's time zone) stays as it was. */
    const char *k;
    json_t *v;
    json_object_foreach((json_t *)old, k, v) if (!covered(e, k)) json_object_set(item, k, v);
    for (const hub_edit_field *f = e->fields; f->key && !rc; f++) {
        snprintf(p, sizeof p, "%s.%s", path, f->key);
        rc = parse_field(c, f, p, old, item, is_new);
    }
    if (!rc && is_new && e->fields[0].key && e->fields[0].kind == HE_ID && !json_object_get(item, e->fields[0].key)) {
        /* No id typed: one from the name, made unique in the list. */
        char base[65], id[80];
        const char *name = hub_edit_pick(c, json_object_get(item, "name"));
        if (!name) name = hub_edit_pick(c, json_object_get(item, "title"));
        if (name) {
            id_from_name(name, base);
            snprintf(id, sizeof id, "%s", base);
            for (int n = 2; n < 1000; n++) {
                int taken = 0;
                size_t i;
                json_t *it;
                json_array_foreach(json_object_get(c->content, e->list), i, it)
                    taken |= json_is_string(json_object_get(it, "id")) && strcmp(json_string_value(json_object_get(it, "id")), id) == 0;
                if (!taken) break;
                snprintf(id, sizeof id, "%.58s-%d", base, n);
            }
            json_object_set_new(item, e->fields[0].key, json_string(id));
        }
    }
    if (!rc && e->fixup) rc = e->fixup(c, item, old);
    *out = item;
    return rc;
}

int hub_edit_item_missing(hub_edit_ctx *c, const hub_edit_entity *e, const json_t *item)
{
    int n = 0;
    for (const hub_edit_field *f = e->fields; f->key; f++)
        if (f->kind == HE_TEXT || f->kind == HE_LONGTEXT) n += hub_edit_missing(c, json_object_get(item, f->key));
    return n;
}
