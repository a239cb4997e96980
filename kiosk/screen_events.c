/* screen_events.c - Today & this week: what is on today or in the next seven days, filtered by
 * audience, grouped under day headings; a tap opens the event. */
#include "screens.h"
#include "model.h"
#include <stdio.h>
#include <string.h>

/* Lays buttons out in rows from y; returns the y below them. */
static int filter_row(kiosk *k, int y)
{
    static const char *const aud_ids[AUD_COUNT] = {
        "aud.expecting", "aud.baby", "aud.under_school_age", "aud.school_age", "aud.teen",
        "aud.family", "aud.parent",
    };
    const theme *t = &k->th;
    const char *labels[2 + 1 + AUD_COUNT];
    int styles[2 + 1 + AUD_COUNT], n = 0;
    labels[n] = kiosk_t(k, "events.today"); styles[n++] = k->v.ev_range == EV_TODAY ? BTN_SELECTED : BTN_PLAIN;
    labels[n] = kiosk_t(k, "events.week"); styles[n++] = k->v.ev_range == EV_WEEK ? BTN_SELECTED : BTN_PLAIN;
    labels[n] = kiosk_t(k, "events.everyone"); styles[n++] = k->v.ev_aud == 0 ? BTN_SELECTED : BTN_PLAIN;
    for (int a = 0; a < AUD_COUNT; a++) {
        labels[n] = kiosk_t(k, aud_ids[a]);
        styles[n++] = k->v.ev_aud == (1u << a) ? BTN_SELECTED : BTN_PLAIN;
    }
    /* the range buttons, then the audiences from a line of their own when they do not fit */
    int maxw = k->u.w - 2 * t->pad;
    lay l = lay_begin(t->pad, y, maxw, t->gap);
    for (int i = 0; i < n; i++) {
        char tick[200];
        snprintf(tick, sizeof tick, "\xE2\x9C\x93 %s", labels[i]);
        int w = kw_button_width(k, tick, t->px_body);
        if (kw_button(k, lay_flow(&l, w > maxw ? maxw : w, t->touch), labels[i], styles[i])) {
            if (i == 0) k->v.ev_range = EV_TODAY;
            else if (i == 1) k->v.ev_range = EV_WEEK;
            else if (i == 2) k->v.ev_aud = 0;
            else k->v.ev_aud = 1u << (i - 3);
            kiosk_load_events(k);
        }
        if (i == 1) lay_flow_skip(&l, t->gap * 2);
    }
    lay_flow_end(&l, t->gap);
    return l.y;
}

/* One event row: its time in a column at the start, then title, place and "registration
 * needed"; returns its height. Draws (and answers taps) only when draw, in r as tall as a
 * measuring call (draw 0) said. */
static int event_row(kiosk *k, const catalog_event *e, ui_rect r, int draw, int *tapped)
{
    const theme *t = &k->th;
    ui *u = &k->u;
    if (draw) *tapped = kw_card(k, r);
    char a[32], b[32], when[100];
    kiosk_fmt_time(k, e->start, a, sizeof a);
    kiosk_fmt_time(k, e->end, b, sizeof b);
    snprintf(when, sizeof when, "%s\xE2\x80\x93%s", a, b);
    int tw = text_width(u, "00:00\xE2\x80\x93" "00:00", 13, t->px_body, 1) + t->pad;
    ui_rect in = lay_inset(r, t->pad, t->pad), time = lay_cut_left(&in, tw, 0);
    if (draw) {
        time.h = text_line_height(u, when, strlen(when), t->px_body, 1);
        text_label(u, time, when, kw_style(k, t->px_body, 1, t->accent), 0);
    }
    lay l = lay_begin(in.x, in.y, in.w, 0);
    kw_para_if(k, &l, e->title, kw_style(k, t->px_title, 1, t->text), 2, 0, draw);
    if (e->place) kw_para_if(k, &l, e->place, kw_style(k, t->px_body, 0, t->text_muted), 1, 0, draw);
    if (e->registration) {
        const char *reg = kiosk_t(k, "event.registration_needed");
        ui_rect rr = lay_block(&l, text_line_height(u, reg, strlen(reg), t->px_small, 1), 0);
        if (draw) text_label(u, rr, reg, kw_style(k, t->px_small, 1, t->warn_text), 0);
    }
    int h = l.y + t->pad - r.y;
    return h < t->touch ? t->touch : h;
}

void screen_events(kiosk *k)
{
    const theme *t = &k->th;
    ui *u = &k->u;
    ui_rect c;
    if (screen_frame(k, kiosk_t(k, "events.title"), &c)) return;
    /* the filters scroll with the list, so on a small screen the list gets the room */
    int off = ui_scroll_begin(u, SCROLL_EVENTS + (uint32_t)k->v.ev_range * 16 + (k->v.ev_aud ? 1 : 0), c);
    int top = filter_row(k, c.y + t->gap - off);
    if (k->changed) { ui_scroll_end(u, 0); return; }
    ui_rect col = lay_column(c, t->pad, t->list_w, 0);
    lay l = lay_begin(col.x, top, col.w, t->gap);
    if (!k->nevents) {
        lay_space(&l, t->pad);
        text_label(u, lay_block(&l, t->touch, 0),
                   kiosk_t(k, k->v.ev_range == EV_TODAY ? "events.none_today" : "events.none_week"),
                   kw_style(k, t->px_body, 0, t->text), 1);
    }
    time_t day = 0;
    for (size_t i = 0; i < k->nevents; i++) {
        const catalog_event *e = &k->events[i];
        time_t d = kiosk_midnight(k, e->start < k->now ? k->now : e->start);
        if (d != day && k->v.ev_range == EV_WEEK) {
            char date[160];
            kiosk_fmt_date(k, d + 12 * 3600, date, sizeof date);
            int lh = text_line_height(u, date, strlen(date), t->px_title, 1);
            text_label(u, lay_block(&l, lh, t->gap / 2), date, kw_style(k, t->px_title, 1, t->text), 0);
        }
        day = d;
        int tapped = 0;
        ui_rect r = lay_block(&l, event_row(k, e, lay_here(&l), 0, NULL), t->gap);
        if (ui_visible(u, r)) event_row(k, e, r, 1, &tapped);
        if (tapped) {
            kiosk_open_event(k, e);
            kiosk_go(k, SCR_EVENT);
            break;
        }
    }
    ui_scroll_end(u, l.y + off - c.y);
}
