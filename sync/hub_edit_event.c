/* hub_edit_event.c - the editor's event form (hub_edit.h hooks) on top of hub_evform.h: plain
 * choices for the repeat rule (radio buttons, check boxes, labelled for screen readers), the next
 * occurrences as recur.c computes them, cancelled and moved occurrences as rows, texts per
 * language side by side. A rule the choices cannot show is shown read-only and kept. */
#include "hub_edit.h"
#include "hub_evform.h"
#include "hub_evrule.h"
#include "hub_time.h"
#include "hub_web.h"
#include "model.h"
#include "tz.h"
#include "util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Labels, legends and help lines below are hub_t msgids (a text already in the user's language,
 * as a numbered row's label, passes through unchanged: hub_t gives back what it does not know). */
#define TZID(c) hub_time_zone((c)->content)
#define NEXT_SHOWN 8
#define EMPTY_ROWS 2

typedef struct view { hub_edit_ctx *c; const char *path; hub_form v; } view;

static const char *val(view *w, const char *rel)
{
    const char *s = hub_form_get(&w->v, rel);
    return s ? s : "";
}

static int has(view *w, const char *rel, const char *value)
{
    const char *s;
    for (size_t k = 0; (s = hub_form_get_nth(&w->v, rel, k)); k++)
        if (strcmp(s, value) == 0) return 1;
    return 0;
}

static void full(view *w, const char *rel, char out[420])
{
    snprintf(out, 420, "%s.%s", w->path, rel);
}

/* The text object KEY.LANG of the values, for hub_edit_render_text. */
static json_t *text_of(view *w, const char *key)
{
    json_t *t = json_object();
    size_t kl = strlen(key);
    for (size_t i = 0; i < w->v.n; i++)
        if (!strncmp(w->v.f[i].name, key, kl) && w->v.f[i].name[kl] == '.' && w->v.f[i].value[0])
            json_object_set_new(t, w->v.f[i].name + kl + 1, json_string(w->v.f[i].value));
    return t;
}

static void text(view *w, const char *label, const char *key, int multiline, int required)
{
    char p[420];
    json_t *t = text_of(w, key);
    full(w, key, p);
    hub_edit_render_text(w->c, hub_edit_t(w->c, label), p, t, multiline, required);
    json_decref(t);
}

static void input(view *w, const char *rel, const char *label, const char *type, const char *help)
{
    char p[420], id[420];
    full(w, rel, p);
    hub_edit_html_id(p, id);
    hub_edit_add(w->c, "<div class=\"field\"><label for=\"%s\">", id);
    hub_edit_esc(w->c, hub_edit_t(w->c, label));
    hub_edit_add(w->c, "</label>");
    if (help) { hub_edit_add(w->c, "<span class=\"help\">"); hub_edit_esc(w->c, hub_edit_t(w->c, help)); hub_edit_add(w->c, "</span>"); }
    hub_edit_slot(w->c, p, 0);
    hub_edit_add(w->c, "<input id=\"%s\" type=\"%s\" name=\"", id, type);
    hub_edit_esc(w->c, p);
    hub_edit_add(w->c, "\" value=\"");
    hub_edit_esc(w->c, val(w, rel));
    hub_edit_add(w->c, "\"%s></div>", hub_edit_invalid(w->c, p, 0));
}

/* A radio button or check box named rel with value, labelled. */
static void choice(view *w, const char *type, const char *rel, const char *value, const char *label, int checked)
{
    char p[420], id[420], oid[460];
    full(w, rel, p);
    hub_edit_html_id(p, id);
    snprintf(oid, sizeof oid, "%s-%s", id, value);
    hub_edit_add(w->c, "<label for=\"%s\"><input type=\"%s\" id=\"%s\" name=\"", oid, type, oid);
    hub_edit_esc(w->c, p);
    hub_edit_add(w->c, "\" value=\"");
    hub_edit_esc(w->c, value);
    hub_edit_add(w->c, "\"%s> ", checked ? " checked" : "");
    hub_edit_esc(w->c, hub_edit_t(w->c, label));
    hub_edit_add(w->c, "</label> ");
}

static void fieldset_begin(view *w, const char *rel, const char *legend)
{
    char p[420], id[420];
    full(w, rel, p);
    hub_edit_html_id(p, id);
    hub_edit_add(w->c, "<fieldset id=\"%s\"><legend>", id);
    hub_edit_esc(w->c, hub_edit_t(w->c, legend));
    hub_edit_add(w->c, "</legend>");
    hub_edit_slot(w->c, p, 1);
}

static void select_ref(view *w, const char *rel, const char *label, const char *list, const char *none)
{
    char p[420], id[420];
    size_t i;
    json_t *it;
    full(w, rel, p);
    hub_edit_html_id(p, id);
    hub_edit_add(w->c, "<div class=\"field\"><label for=\"%s\">", id);
    hub_edit_esc(w->c, hub_edit_t(w->c, label));
    hub_edit_add(w->c, "</label>");
    hub_edit_slot(w->c, p, 0);
    hub_edit_add(w->c, "<select id=\"%s\" name=\"", id);
    hub_edit_esc(w->c, p);
    hub_edit_add(w->c, "\"%s><option value=\"\">%s</option>", hub_edit_invalid(w->c, p, 0), hub_edit_t(w->c, none));
    json_array_foreach(json_object_get(w->c->content, list), i, it) {
        const char *v = json_string_value(json_object_get(it, "id")), *n = hub_edit_pick(w->c, json_object_get(it, "name"));
        if (!v) continue;
        hub_edit_add(w->c, "<option value=\"");
        hub_edit_esc(w->c, v);
        hub_edit_add(w->c, "\"%s>", strcmp(v, val(w, rel)) == 0 ? " selected" : "");
        hub_edit_esc(w->c, n ? n : v);
        hub_edit_add(w->c, "</option>");
    }
    hub_edit_add(w->c, "</select></div>");
}

static const char *const day_labels[7] = { "web.edit.day.mon", "web.edit.day.tue", "web.edit.day.wed", "web.edit.day.thu",
                                           "web.edit.day.fri", "web.edit.day.sat", "web.edit.day.sun" };
static const char *const week_labels[6] = { "web.edit.week.first", "web.edit.week.second", "web.edit.week.third",
                                            "web.edit.week.fourth", "web.edit.week.fifth", "web.edit.week.last" };
static const char *const aud_labels[AUD_COUNT] = { "web.edit.aud.expecting", "web.edit.aud.baby", "web.edit.aud.under_school",
                                                   "web.edit.aud.school", "web.edit.aud.teen", "web.edit.aud.family",
                                                   "web.edit.aud.parent" };

static void occurrences(view *w, const json_t *item)
{
    time_t st[NEXT_SHOWN], en[NEXT_SHOWN];
    size_t n = 0;
    char err[200];
    static const char *const wd[7] = { "web.edit.dayabbr.mon", "web.edit.dayabbr.tue", "web.edit.dayabbr.wed",
                                       "web.edit.dayabbr.thu", "web.edit.dayabbr.fri", "web.edit.dayabbr.sat",
                                       "web.edit.dayabbr.sun" };
    hub_edit_ctx *c = w->c;
    if (!item) return;
    hub_edit_add(c, "<div class=\"field\"><h2>%s</h2>", hub_edit_t(c, "web.edit.event.next"));
    if (hub_evform_next(item, TZID(w->c), time(NULL), NEXT_SHOWN, st, en, &n, err, sizeof err) != MJ_OK || n == 0) {
        hub_edit_add(c, "<p class=\"muted\">%s</p></div>", hub_edit_t(c, "web.edit.event.no_next"));
        return;
    }
    hub_edit_add(w->c, "<ol class=\"next\">");
    for (size_t i = 0; i < n; i++) {
        tz_local a, b;
        tz_to_local(st[i], TZID(w->c), &a);
        tz_to_local(en[i], TZID(w->c), &b);
        hub_edit_add(c, "<li>%s %d.%d.%d %02d:%02d–", hub_edit_t(c, wd[a.wday]), a.mday, a.month, a.year, a.hour, a.minute);
        if (b.year != a.year || b.month != a.month || b.mday != a.mday)
            hub_edit_add(c, "%s %d.%d. ", hub_edit_t(c, wd[b.wday]), b.mday, b.month);
        hub_edit_add(w->c, "%02d:%02d</li>", b.hour, b.minute);
    }
    hub_edit_add(c, "</ol><p class=\"muted\">%s</p></div>", hub_edit_t(c, "web.edit.event.next_help"));
}

static void repeat(view *w, const json_t *item)
{
    const char *rep = val(w, "repeat");
    char p[420];
    if (!*rep) rep = "once";
    fieldset_begin(w, "rrule", "web.edit.event.repeats");
    if (strcmp(rep, "keep") == 0) {
        const char *rr = json_string_value(json_object_get(item, "rrule"));
        hub_edit_add(w->c, "<p>");
        hub_edit_esc(w->c, hub_edit_t(w->c, "web.edit.event.rule_other"));
        hub_edit_add(w->c, " <code>");
        hub_edit_esc(w->c, rr ? rr : "");
        hub_edit_add(w->c, "</code></p><p>");
        hub_edit_esc(w->c, hub_edit_t(w->c, "web.edit.event.rule_kept"));
        hub_edit_add(w->c, "</p>");
        choice(w, "radio", "repeat", "keep", "web.edit.event.keep_rule", 1);
    }
    full(w, "repeat", p);
    hub_edit_slot(w->c, p, 0);
    choice(w, "radio", "repeat", "once", "web.edit.event.once", !strcmp(rep, "once"));
    choice(w, "radio", "repeat", "weekly", "web.edit.event.weekly", !strcmp(rep, "weekly"));
    choice(w, "radio", "repeat", "monthly", "web.edit.event.monthly", !strcmp(rep, "monthly"));
    fieldset_begin(w, "interval", "web.edit.event.interval");
    const char *iv = val(w, "interval");
    choice(w, "radio", "interval", "1", "web.edit.event.every_week", strcmp(iv, "2") != 0);
    choice(w, "radio", "interval", "2", "web.edit.event.every_other_week", strcmp(iv, "2") == 0);
    hub_edit_add(w->c, "</fieldset>");
    fieldset_begin(w, "days", "web.edit.event.days");
    for (int d = 0; d < 7; d++) choice(w, "checkbox", "days", hub_evrule_day_codes[d], day_labels[d], has(w, "days", hub_evrule_day_codes[d]));
    hub_edit_add(w->c, "</fieldset>");
    fieldset_begin(w, "weeks", "web.edit.event.weeks");
    for (int k = 0; k < 6; k++) choice(w, "checkbox", "weeks", hub_evrule_week_codes[k], week_labels[k], has(w, "weeks", hub_evrule_week_codes[k]));
    hub_edit_add(w->c, "</fieldset>");
    fieldset_begin(w, "ends", "web.edit.event.ends");
    const char *ends = val(w, "ends");
    choice(w, "radio", "ends", "never", "web.edit.event.never", !*ends || !strcmp(ends, "never"));
    choice(w, "radio", "ends", "until", "web.edit.event.until", !strcmp(ends, "until"));
    choice(w, "radio", "ends", "count", "web.edit.event.count", !strcmp(ends, "count"));
    input(w, "until", "web.edit.event.last_date", "date", NULL);
    input(w, "count", "web.edit.event.times", "number", "web.edit.event.times_help");
    hub_edit_add(w->c, "</fieldset></fieldset>");
    occurrences(w, item);
}

static void rows(view *w)
{
    char rel[64], label[200], num[16], num2[16];
    int n = 0;
    fieldset_begin(w, "exdates", "web.edit.event.cancelled");
    hub_edit_add(w->c, "<p class=\"help\">%s</p>", hub_edit_t(w->c, "web.edit.event.cancelled_help"));
    for (; n < HUB_EVFORM_MAX_ROWS; n++) {
        snprintf(rel, sizeof rel, "exdates[%d]", n);
        if (!hub_form_get(&w->v, rel)) break;
        snprintf(num, sizeof num, "%d", n + 1);
        hub_edit_tf(w->c, label, sizeof label, "web.edit.event.cancelled_row", num, NULL);
        input(w, rel, label, strlen(val(w, rel)) > 10 ? "datetime-local" : "date", NULL);
    }
    for (int k = 0; k < EMPTY_ROWS && n < HUB_EVFORM_MAX_ROWS; k++, n++) {
        snprintf(rel, sizeof rel, "exdates[%d]", n);
        snprintf(num, sizeof num, "%d", k + 1);
        hub_edit_tf(w->c, label, sizeof label, "web.edit.event.cancel_row", num, NULL);
        input(w, rel, label, "date", NULL);
    }
    hub_edit_add(w->c, "</fieldset>");
    fieldset_begin(w, "moves", "web.edit.event.moved");
    hub_edit_add(w->c, "<p class=\"help\">%s</p>", hub_edit_t(w->c, "web.edit.event.moved_help"));
    for (n = 0; n < HUB_EVFORM_MAX_ROWS; n++) {
        snprintf(rel, sizeof rel, "moves[%d].from", n);
        int last = !hub_form_get(&w->v, rel);
        if (last) {
            snprintf(rel, sizeof rel, "moves[%d].start", n);
            if (!hub_form_get(&w->v, rel)) break;
        }
    }
    for (int i = 0; i < n + EMPTY_ROWS && i < HUB_EVFORM_MAX_ROWS; i++) {
        hub_edit_add(w->c, "<div class=\"row\">");
        snprintf(rel, sizeof rel, "moves[%d].from", i);
        snprintf(num2, sizeof num2, "%d", i + 1);
        hub_edit_tf(w->c, label, sizeof label, "web.edit.event.moved_from", num2, NULL);
        input(w, rel, label, strlen(val(w, rel)) > 10 ? "datetime-local" : "date", NULL);
        snprintf(rel, sizeof rel, "moves[%d].start", i);
        hub_edit_tf(w->c, label, sizeof label, "web.edit.event.moved_start", num2, NULL);
        input(w, rel, label, "datetime-local", NULL);
        snprintf(rel, sizeof rel, "moves[%d].end", i);
        hub_edit_tf(w->c, label, sizeof label, "web.edit.event.moved_end", num2, NULL);
        input(w, rel, label, "datetime-local", NULL);
        hub_edit_add(w->c, "</div>");
    }
    hub_edit_add(w->c, "</fieldset>");
}

static void render(hub_edit_ctx *c, const char *path, const json_t *item, const char *ppath, int is_new)
{
    view w = { c, path, { NULL, 0 } };
    char err[200], pre[430];
    if (c->form) {   /* a refused post: what was typed */
        snprintf(pre, sizeof pre, "%s.", ppath);
        for (size_t i = 0; i < c->form->n; i++) hub_form_add_under(&w.v, pre, c->form->f[i].name, c->form->f[i].value);
    } else if (item) {
        hub_evform_to_form(json_object_get(c->content, "events"), json_string_value(json_object_get(item, "id")), "", &w.v,
                           err, sizeof err);
    } else {
        hub_form_add(&w.v, "free", "on");
    }
    if (is_new) input(&w, "id", "web.edit.f.id", "text", "web.edit.h.event_id");
    else {
        hub_edit_add(c, "<p class=\"muted\">%s: ", hub_edit_t(c, "web.edit.f.id"));
        hub_edit_esc(c, val(&w, "id"));
        hub_edit_add(c, "</p>");
    }
    text(&w, "web.edit.f.title", "title", 0, 1);
    text(&w, "web.edit.f.description", "description", 1, 0);
    select_ref(&w, "service", "web.edit.event.service", "services", "web.edit.none");
    fieldset_begin(&w, "where", "web.edit.event.where");
    const char *where = val(&w, "where");
    choice(&w, "radio", "where", "none", "web.edit.event.where_none", !*where || !strcmp(where, "none"));
    choice(&w, "radio", "where", "location", "web.edit.event.where_location", !strcmp(where, "location"));
    choice(&w, "radio", "where", "place", "web.edit.event.where_place", !strcmp(where, "place"));
    select_ref(&w, "location", "web.edit.f.location", "locations", "web.edit.choose");
    text(&w, "web.edit.event.place", "place", 0, 0);
    hub_edit_add(c, "</fieldset>");
    fieldset_begin(&w, "when", "web.edit.event.when");
    input(&w, "start", "web.edit.event.start", "datetime-local", "web.edit.event.start_help");
    input(&w, "end", "web.edit.event.end", "datetime-local", "web.edit.event.end_help");
    hub_edit_add(c, "</fieldset>");
    repeat(&w, item);
    rows(&w);
    fieldset_begin(&w, "audiences", "web.edit.f.audiences");
    for (int i = 0; i < AUD_COUNT; i++)
        choice(&w, "checkbox", "audiences", model_audience_names[i], aud_labels[i], has(&w, "audiences", model_audience_names[i]));
    hub_edit_add(c, "</fieldset>");
    fieldset_begin(&w, "price", "web.edit.event.price");
    choice(&w, "checkbox", "free", "on", "web.edit.f.free", has(&w, "free", "on"));
    text(&w, "web.edit.f.cost", "cost", 0, 0);
    choice(&w, "checkbox", "registration", "on", "web.edit.event.registration", has(&w, "registration", "on"));
    input(&w, "url", "web.edit.event.url", "url", "web.edit.h.url");
    hub_edit_add(c, "</fieldset>");
    hub_form_free(&w.v);
}

/* An id from the title: lowercase a-z and digits, other characters as '-', unused in events. */
static void id_from_title(const hub_form *v, const json_t *events, char out[80])
{
    const char *t = NULL;
    char base[49];
    size_t n = 0;
    for (size_t i = 0; i < v->n && !t; i++)
        if (!strncmp(v->f[i].name, "title.", 6) && v->f[i].value[0]) t = v->f[i].value;
    for (; t && *t && n < sizeof base - 1; t++) {
        unsigned char ch = (unsigned char)*t;
        if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) base[n++] = (char)ch;
        else if (ch >= 'A' && ch <= 'Z') base[n++] = (char)(ch - 'A' + 'a');
        else if (n && base[n - 1] != '-' && ch < 0x80) base[n++] = '-';
    }
    while (n && base[n - 1] == '-') n--;
    base[n] = 0;
    if (!n) snprintf(base, sizeof base, "event");
    snprintf(out, 80, "%s", base);
    for (int k = 2; k < 10000; k++) {
        int taken = 0;
        size_t i;
        json_t *e;
        json_array_foreach(events, i, e) taken |= json_is_string(json_object_get(e, "id")) && !strcmp(json_string_value(json_object_get(e, "id")), out);
        if (!taken) return;
        snprintf(out, 80, "%s-%d", base, k);
    }
}

static int apply(hub_edit_ctx *c, json_t *content, const char *old_id, const char *ppath, const char *path, long *index,
                 char id[80], char *err, size_t errlen)
{
    hub_form v = { 0 };
    hub_evform_saved sv;
    char pre[430], field[200];
    json_t *events = json_object_get(content, "events");
    if (!events) { json_object_set_new(content, "events", json_array()); events = json_object_get(content, "events"); }
    snprintf(pre, sizeof pre, "%s.", ppath);
    for (size_t i = 0; i < c->form->n; i++)
        if (hub_form_add_under(&v, pre, c->form->f[i].name, c->form->f[i].value) != MJ_OK) {
            hub_form_free(&v);
            return mj_err(err, errlen, MJ_EINVAL, "%s: %s", path, hub_edit_t(c, "web.edit.err.too_many_fields"));
        }
    const char *typed = hub_form_get(&v, "id");
    if (!old_id && (!typed || !*typed)) {
        char gen[80];
        id_from_title(&v, events, gen);
        hub_form_add(&v, "id", gen);   /* the first "id" is the one read: move it to the front */
        for (size_t i = v.n - 1; i > 0; i--) { hub_form_field t = v.f[i]; v.f[i] = v.f[i - 1]; v.f[i - 1] = t; }
    }
    snprintf(pre, sizeof pre, "%s.", path);
    int rc = hub_evform_apply(events, old_id, &v, "", TZID(c), c->web ? c->web->lang : NULL, &sv, field, sizeof field, err, errlen);
    if (rc == MJ_EINVAL && field[0]) hub_form_prefix_err(pre, field, sizeof field, err, errlen);
    if (rc == MJ_OK) {
        *index = (long)sv.index;
        snprintf(id, 80, "%s", json_string_value(json_object_get(json_array_get(events, sv.index), "id")));
    }
    hub_form_free(&v);
    return rc;
}

static int remove_event(json_t *content, const char *id, char *err, size_t errlen)
{
    json_t *events = json_object_get(content, "events"), *e;
    size_t i, n = json_array_size(events);
    int found = 0;
    for (i = n; i-- > 0;) {
        e = json_array_get(events, i);
        const char *eid = json_string_value(json_object_get(e, "id")), *of = hub_evform_moved_of(e);
        if ((eid && !strcmp(eid, id) && !of) || (of && !strcmp(of, id))) { found |= !of; json_array_remove(events, i); }
    }
    return found ? MJ_OK : mj_err(err, errlen, MJ_ENOTFOUND, "events: no event \"%.64s\"", id);
}

static int hidden(const json_t *item)
{
    return hub_evform_moved_of(item) != NULL;
}

static const hub_edit_form_hooks hooks = { render, apply, remove_event, hidden };

static const hub_edit_field event_fields[] = {
    { "title", HE_TEXT, "web.edit.f.title", NULL, 1, NULL, NULL, NULL, NULL, NULL },
    { "description", HE_LONGTEXT, "web.edit.f.description", NULL, 0, NULL, NULL, NULL, NULL, NULL },
    { "place", HE_TEXT, "web.edit.event.place", NULL, 0, NULL, NULL, NULL, NULL, NULL },
    { "cost", HE_TEXT, "web.edit.f.cost", NULL, 0, NULL, NULL, NULL, NULL, NULL },
    { NULL, 0, NULL, NULL, 0, NULL, NULL, NULL, NULL, NULL },
};

/* The table lists the texts (for the list's missing translations); the form is the hooks'. */
const hub_edit_entity hub_edit_events = { "events", "events", "web.edit.events.one", "web.edit.events.many", event_fields, NULL,
                                          &hooks, "web.edit.events.new", "web.edit.events.add", "web.edit.events.delete",
                                          "web.edit.events.removed" };
