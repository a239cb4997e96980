/* hub_edit_hours.c - see hub_edit.h: opening hours and exception days as rows of a form, and
 * the Finnish holidays offered for exception days (juhannus, christmas, ...). */
#include "hub_edit.h"
#include "hub_web.h"
#include "util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define EXTRA_ROWS 2
#define MAX_ROWS 110

static const char *const days[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
static const char *const day_names[] = {"web.edit.day.mon", "web.edit.day.tue", "web.edit.day.wed", "web.edit.day.thu",
                                        "web.edit.day.fri", "web.edit.day.sat", "web.edit.day.sun"};

static void cell_input(hub_edit_ctx *c, const char *path, const char *label, const char *v, const char *type, const char *extra)
{
    char id[420];
    hub_edit_html_id(path, id);
    hub_edit_add(c, "<div class=\"cell\"><label for=\"%s\">", id);
    hub_edit_esc(c, hub_edit_t(c, label));
    hub_edit_add(c, "</label><input id=\"%s\" name=\"", id);
    hub_edit_esc(c, path);
    hub_edit_add(c, "\" type=\"%s\" value=\"", type);
    hub_edit_esc(c, v);
    hub_edit_add(c, "\"%s%s>", extra, hub_edit_invalid(c, path, 0));
    hub_edit_slot(c, path, 0);
    hub_edit_add(c, "</div>");
}

/* The "without an appointment" check box of row rp (walk-in hours, docs/content-bundle.md). */
static void walk_cell(hub_edit_ctx *c, const hub_edit_field *f, const char *rp, json_t *r)
{
    char p[480], id[420];
    if (!f->list || strcmp(f->list, "walk_in") != 0) return;
    snprintf(p, sizeof p, "%s.walk_in", rp);
    hub_edit_html_id(p, id);
    hub_edit_add(c, "<div class=\"cell\"><label for=\"%s\">", id);
    hub_edit_esc(c, hub_edit_t(c, "web.edit.hours.walk_in"));
    hub_edit_add(c, "</label><input type=\"checkbox\" id=\"%s\" name=\"", id);
    hub_edit_esc(c, p);
    hub_edit_add(c, "\" value=\"true\"%s%s>", json_is_true(json_object_get(r, "walk_in")) ? " checked" : "",
                 hub_edit_invalid(c, p, 0));
    hub_edit_slot(c, p, 0);
    hub_edit_add(c, "</div>");
}

/* Row rp's opening and closing time, and its walk-in box where the field has one. */
static void times_cells(hub_edit_ctx *c, const hub_edit_field *f, const char *rp, json_t *r)
{
    char p[480];
    snprintf(p, sizeof p, "%s.open", rp);
    cell_input(c, p, "web.edit.hours.opens", json_string_value(json_object_get(r, "open")), "text", " size=\"5\" placeholder=\"HH:MM\"");
    snprintf(p, sizeof p, "%s.close", rp);
    cell_input(c, p, "web.edit.hours.closes", json_string_value(json_object_get(r, "close")), "text", " size=\"5\" placeholder=\"HH:MM\"");
    walk_cell(c, f, rp, r);
}

/* Reads row rp's check box back: walk_in: true when ticked; returns 1 when it was. */
static int walk_parse(hub_edit_ctx *c, const hub_edit_field *f, const char *rp, json_t *r)
{
    char p[480], b[16];
    if (!f->list || strcmp(f->list, "walk_in") != 0) return 0;
    snprintf(p, sizeof p, "%s.walk_in", rp);
    const char *v = hub_edit_value(c, p, b, sizeof b);
    if (!v || strcmp(v, "true") != 0) return 0;
    if (r) json_object_set_new(r, "walk_in", json_true());
    return 1;
}

static void group_start(hub_edit_ctx *c, const hub_edit_field *f, const char *path, const char *help)
{
    char id[420];
    hub_edit_html_id(path, id);
    hub_edit_add(c, "<fieldset class=\"rows\" id=\"%s\"><legend>", id);
    hub_edit_esc(c, hub_edit_t(c, f->label));
    hub_edit_add(c, "</legend><span class=\"help\">");
    hub_edit_esc(c, hub_edit_t(c, help));
    hub_edit_add(c, "</span>");
    hub_edit_slot(c, path, 0);
}

void hub_edit_render_hours(hub_edit_ctx *c, const hub_edit_field *f, const char *path, json_t *value)
{
    char p[480], rp[420], id[420];
    size_t n = json_array_size(value);
    group_start(c, f, path, "web.edit.hours.help");
    for (size_t i = 0; i < n + EXTRA_ROWS; i++) {
        json_t *r = json_array_get(value, i);
        const char *day = json_string_value(json_object_get(r, "day"));
        snprintf(rp, sizeof rp, "%s[%zu]", path, i);
        snprintf(p, sizeof p, "%s.day", rp);
        hub_edit_html_id(p, id);
        hub_edit_add(c, "<div class=\"row\">");
        hub_edit_slot(c, rp, 0);
        hub_edit_add(c, "<div class=\"cell\"><label for=\"%s\">%s</label><select id=\"%s\" name=\"", id,
                     hub_edit_t(c, "web.edit.hours.day"), id);
        hub_edit_esc(c, p);
        hub_edit_add(c, "\"%s><option value=\"\">—</option>", hub_edit_invalid(c, p, 0));
        int found = 0;
        for (int d = 0; d < 7; d++) {
            int sel = day && strcmp(day, days[d]) == 0;
            found |= sel;
            hub_edit_add(c, "<option value=\"%s\"%s>%s</option>", days[d], sel ? " selected" : "", hub_edit_t(c, day_names[d]));
        }
        if (day && *day && !found) {
            hub_edit_add(c, "<option value=\"");
            hub_edit_esc(c, day);
            hub_edit_add(c, "\" selected>");
            hub_edit_esc(c, day);
            hub_edit_add(c, "</option>");
        }
        hub_edit_add(c, "</select>");
        hub_edit_slot(c, p, 0);
        hub_edit_add(c, "</div>");
        times_cells(c, f, rp, r);
        hub_edit_add(c, "</div>");
    }
    hub_edit_add(c, "</fieldset>");
}

int hub_edit_parse_hours(hub_edit_ctx *c, const hub_edit_field *f, const char *path, json_t *item)
{
    char p[420], b1[64], b2[64], b3[64];
    json_t *rows = json_array();
    for (int i = 0; i < MAX_ROWS; i++) {
        snprintf(p, sizeof p, "%s[%d].day", path, i);
        const char *day = hub_edit_value(c, p, b1, sizeof b1);
        snprintf(p, sizeof p, "%s[%d].open", path, i);
        const char *open = hub_edit_value(c, p, b2, sizeof b2);
        snprintf(p, sizeof p, "%s[%d].close", path, i);
        const char *close = hub_edit_value(c, p, b3, sizeof b3);
        snprintf(p, sizeof p, "%s[%d]", path, i);
        int walk = walk_parse(c, f, p, NULL);
        if ((!day || !*day) && (!open || !*open) && (!close || !*close) && !walk) continue;
        json_t *r = json_object();
        if (day && *day) json_object_set_new(r, "day", json_string(day));
        if (open && *open) json_object_set_new(r, "open", json_string(open));
        if (close && *close) json_object_set_new(r, "close", json_string(close));
        walk_parse(c, f, p, r);
        json_array_append_new(rows, r);
    }
    if (json_array_size(rows)) json_object_set_new(item, f->key, rows);
    else json_decref(rows);
    return MJ_OK;
}

/* Easter Sunday (Gregorian, the anonymous algorithm). */
static void easter(int y, int *m, int *d)
{
    int a = y % 19, b = y / 100, cc = y % 100, dd = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
    int h = (19 * a + b - dd - g + 15) % 30, i = cc / 4, k = cc % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
    int mm = (a + 11 * h + 22 * l) / 451;
    *m = (h + l - 7 * mm + 114) / 31;
    *d = ((h + l - 7 * mm + 114) % 31) + 1;
}

static void ymd(int y, int m, int d, int add, char out[11])
{
    struct tm tm = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d + add, .tm_hour = 12};
    timegm(&tm);
    char b[40];
    snprintf(b, sizeof b, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    snprintf(out, 11, "%.10s", b);
}

/* The day in [from_day, from_day + 6] of month m that is weekday wd (0 Sunday). */
static void weekday_between(int y, int m, int from_day, int wd, char out[11])
{
    struct tm tm = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = from_day, .tm_hour = 12};
    timegm(&tm);
    ymd(y, m, from_day, (wd - tm.tm_wday + 7) % 7, out);
}

static int year_holidays(int y, hub_holiday *o)
{
    int em, ed, n = 0;
    easter(y, &em, &ed);
#define H(fi_, sv_, en_) (o[n].fi = fi_, o[n].sv = sv_, o[n].en = en_, n++)
    ymd(y, 1, 1, 0, o[n].date); H("Uudenvuodenpäivä", "Nyårsdagen", "New Year's Day");
    ymd(y, 1, 6, 0, o[n].date); H("Loppiainen", "Trettondagen", "Epiphany");
    ymd(y, em, ed, -2, o[n].date); H("Pitkäperjantai", "Långfredagen", "Good Friday");
    ymd(y, em, ed, 0, o[n].date); H("Pääsiäispäivä", "Påskdagen", "Easter Sunday");
    ymd(y, em, ed, 1, o[n].date); H("2. pääsiäispäivä", "Annandag påsk", "Easter Monday");
    ymd(y, 4, 30, 0, o[n].date); H("Vappuaatto", "Valborgsmässoafton", "May Day Eve");
    ymd(y, 5, 1, 0, o[n].date); H("Vappu", "Första maj", "May Day");
    ymd(y, em, ed, 39, o[n].date); H("Helatorstai", "Kristi himmelsfärdsdag", "Ascension Day");
    weekday_between(y, 6, 19, 5, o[n].date); H("Juhannusaatto", "Midsommarafton", "Midsummer Eve");
    weekday_between(y, 6, 20, 6, o[n].date); H("Juhannuspäivä", "Midsommardagen", "Midsummer Day");
    weekday_between(y, 10, 31, 6, o[n].date); H("Pyhäinpäivä", "Alla helgons dag", "All Saints' Day");
    ymd(y, 12, 6, 0, o[n].date); H("Itsenäisyyspäivä", "Självständighetsdagen", "Independence Day");
    ymd(y, 12, 24, 0, o[n].date); H("Jouluaatto", "Julafton", "Christmas Eve");
    ymd(y, 12, 25, 0, o[n].date); H("Joulupäivä", "Juldagen", "Christmas Day");
    ymd(y, 12, 26, 0, o[n].date); H("Tapaninpäivä", "Annandag jul", "Boxing Day");
    ymd(y, 12, 31, 0, o[n].date); H("Uudenvuodenaatto", "Nyårsafton", "New Year's Eve");
#undef H
    return n;
}

int hub_edit_holidays(const char *from, hub_holiday *out, int max)
{
    int y = atoi(from), n = 0;
    char until[32];
    snprintf(until, sizeof until, "%04d%.6s", y + 1, from + 4);
    for (int yy = y; yy <= y + 1; yy++) {
        hub_holiday h[20];
        int k = year_holidays(yy, h);
        for (int i = 0; i < k && n < max; i++)
            if (strcmp(h[i].date, from) >= 0 && strcmp(h[i].date, until) < 0) out[n++] = h[i];
    }
    return n;
}

static void today(char out[11])
{
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    strftime(out, 11, "%Y-%m-%d", &tm);
}

void hub_edit_render_exceptions(hub_edit_ctx *c, const hub_edit_field *f, const char *path, json_t *value)
{
    char p[480], rp[420], id[420], day[11];
    hub_holiday hol[40];
    today(day);
    int nh = hub_edit_holidays(day, hol, 40);
    size_t n = json_array_size(value);
    group_start(c, f, path, "web.edit.exceptions.help");
    for (size_t i = 0; i < n + EXTRA_ROWS; i++) {
        json_t *r = json_array_get(value, i);
        snprintf(rp, sizeof rp, "%s[%zu]", path, i);
        hub_edit_add(c, "<div class=\"row\">");
        hub_edit_slot(c, rp, 0);
        snprintf(p, sizeof p, "%s.date", rp);
        hub_edit_html_id(p, id);
        hub_edit_add(c, "<div class=\"cell\"><label for=\"%s\">%s</label><input id=\"%s\" name=\"", id,
                     hub_edit_t(c, "web.edit.exceptions.date"), id);
        hub_edit_esc(c, p);
        hub_edit_add(c, "\" type=\"date\" value=\"");
        hub_edit_esc(c, json_string_value(json_object_get(r, "date")));
        hub_edit_add(c, "\"%s>", hub_edit_invalid(c, p, 0));
        hub_edit_slot(c, p, 0);
        if (!r) {
            snprintf(p, sizeof p, "%s.holiday", rp);
            hub_edit_html_id(p, id);
            hub_edit_add(c, "</div><div class=\"cell\"><label for=\"%s\">%s</label><select id=\"%s\" name=\"", id,
                         hub_edit_t(c, "web.edit.exceptions.holiday"), id);
            hub_edit_esc(c, p);
            hub_edit_add(c, "\"><option value=\"\">—</option>");
            const char *ul = c->web ? c->web->lang : "fi";
            for (int k = 0; k < nh; k++)
                hub_edit_add(c, "<option value=\"%s\">%s %s</option>", hol[k].date, hol[k].date,
                             !strcmp(ul, "sv") ? hol[k].sv : !strcmp(ul, "en") ? hol[k].en : hol[k].fi);
            hub_edit_add(c, "</select>");
        }
        hub_edit_add(c, "</div>");
        snprintf(p, sizeof p, "%s.closed", rp);
        hub_edit_html_id(p, id);
        hub_edit_add(c, "<div class=\"cell\"><label for=\"%s\">%s</label><input type=\"checkbox\" id=\"%s\" name=\"", id,
                     hub_edit_t(c, "web.edit.exceptions.closed"), id);
        hub_edit_esc(c, p);
        hub_edit_add(c, "\" value=\"true\"%s%s>", json_is_true(json_object_get(r, "closed")) ? " checked" : "",
                     hub_edit_invalid(c, p, 0));
        hub_edit_slot(c, p, 0);
        hub_edit_add(c, "</div>");
        times_cells(c, f, rp, r);
        snprintf(p, sizeof p, "%s.note", rp);
        hub_edit_add(c, "<div class=\"cell wide\">");
        hub_edit_render_text(c, hub_edit_t(c, "web.edit.exceptions.note"), p, json_object_get(r, "note"), 0, 0);
        hub_edit_add(c, "</div></div>");
    }
    hub_edit_add(c, "</fieldset>");
}

int hub_edit_parse_exceptions(hub_edit_ctx *c, const hub_edit_field *f, const char *path, json_t *item)
{
    char p[480], rp[420], b1[64], b2[64], b3[64], b4[16], b5[16], day[11];
    json_t *rows = json_array(), *old = json_object_get(item, f->key);
    hub_holiday hol[40];
    today(day);
    int nh = -1;
    for (int i = 0; i < MAX_ROWS; i++) {
        snprintf(rp, sizeof rp, "%s[%d]", path, i);
        snprintf(p, sizeof p, "%s.date", rp);
        const char *date = hub_edit_value(c, p, b1, sizeof b1);
        snprintf(p, sizeof p, "%s.open", rp);
        const char *open = hub_edit_value(c, p, b2, sizeof b2);
        snprintf(p, sizeof p, "%s.close", rp);
        const char *close = hub_edit_value(c, p, b3, sizeof b3);
        snprintf(p, sizeof p, "%s.closed", rp);
        const char *closed = hub_edit_value(c, p, b4, sizeof b4);
        snprintf(p, sizeof p, "%s.holiday", rp);
        const char *holiday = hub_edit_value(c, p, b5, sizeof b5);
        snprintf(p, sizeof p, "%s.note", rp);
        json_t *note = hub_edit_parse_text(c, p, json_object_get(json_array_get(old, (size_t)i), "note"));
        const hub_holiday *h = NULL;
        if (holiday && *holiday) {
            if (nh < 0) nh = hub_edit_holidays(day, hol, 40);
            for (int k = 0; k < nh; k++) if (strcmp(hol[k].date, holiday) == 0) h = &hol[k];
            if (!h) {
                char m[200];
                hub_edit_tf(c, m, sizeof m, "web.edit.err.holiday", holiday, NULL);
                json_decref(note);
                json_decref(rows);
                return hub_edit_fail(c, p, "%s", m);
            }
        }
        int has_closed = closed && strcmp(closed, "true") == 0, walk = walk_parse(c, f, rp, NULL);
        if ((!date || !*date) && (!open || !*open) && (!close || !*close) && !has_closed && !note && !h && !walk) continue;
        json_t *r = json_object();
        if (date && *date) json_object_set_new(r, "date", json_string(date));
        else if (h) json_object_set_new(r, "date", json_string(h->date));
        int times = (open && *open) || (close && *close);
        if (has_closed || (h && !times)) json_object_set_new(r, "closed", json_true());
        if (open && *open) json_object_set_new(r, "open", json_string(open));
        if (close && *close) json_object_set_new(r, "close", json_string(close));
        walk_parse(c, f, rp, r);
        if (!note && h) {
            note = json_object();
            size_t k;
            json_t *l;
            json_array_foreach(c->langs, k, l) {
                const char *code = json_string_value(l);
                const char *t = strcmp(code, "fi") == 0 ? h->fi : strcmp(code, "sv") == 0 ? h->sv : strcmp(code, "en") == 0 ? h->en : NULL;
                if (t) json_object_set_new(note, code, json_string(t));
            }
            if (!json_object_size(note)) json_object_set_new(note, "fi", json_string(h->fi));
        }
        if (note) json_object_set_new(r, "note", note);
        json_array_append_new(rows, r);
    }
    if (json_array_size(rows)) json_object_set_new(item, f->key, rows);
    else json_decref(rows);
    return MJ_OK;
}
