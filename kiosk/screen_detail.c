/* screen_detail.c - one service or one event: the facts in labelled sections that scroll, and a
 * "Take with you" QR code beside them (below them on a portrait screen). The facts end with
 * "Did this help you?" and its four faces (feedback_row). */
#include "screens.h"
#include "model.h"
#include "when.h"
#include <stdio.h>
#include <string.h>

/* The text column being filled: the kiosk and the layout cursor. */
typedef struct flow { kiosk *k; lay l; } flow;

static void heading(flow *f, const char *id)
{
    const theme *t = &f->k->th;
    lay_space(&f->l, t->gap);
    kw_para(f->k, &f->l, kiosk_t(f->k, id), kw_style(f->k, t->px_body, 1, t->text_muted), 0, 0);
}

static void para(flow *f, const char *s, int px, int bold)
{
    if (!s || !*s) return;
    const theme *t = &f->k->th;
    kw_para(f->k, &f->l, s, kw_style(f->k, px ? px : t->px_body, bold, t->text), 0, 0);
}

static void chips(flow *f, unsigned audiences)
{
    lay_space(&f->l, kw_chips(f->k, f->l.x, f->l.y, f->l.w, audiences, 1));
}

/* The QR panel: a caption at the top, a hint at the bottom and the code between them, as
 * large as fits. */
static void qr_panel(kiosk *k, ui_rect r)
{
    const theme *t = &k->th;
    ui *u = &k->u;
    if (!k->have_qr) return;
    ui_fill(u, r, t->surface);
    ui_border(u, r, t->border_w, t->border);
    ui_rect in = lay_inset(r, t->pad, t->pad);
    const char *cap = kiosk_t(k, "detail.take_with_you"), *hint = kiosk_t(k, "detail.qr_hint");
    text_style cs = { t->px_title, 1, t->text, TEXT_CENTER }, hs = { t->px_small, 0, t->text, TEXT_CENTER };
    int ch = text_paragraph(u, (ui_rect){ 0, 0, in.w, 0 }, cap, cs, 2, 0);
    int hh = text_paragraph(u, (ui_rect){ 0, 0, in.w, 0 }, hint, hs, 3, 0);
    ui_rect capr = lay_cut_top(&in, ch, t->gap), hintr = lay_cut_bottom(&in, hh, t->gap);
    text_paragraph(u, capr, cap, cs, 2, 1);
    int side = in.h < in.w ? in.h : in.w;
    if (side > 0) ui_qr(u, lay_center(in, side, side), k->qr.m, k->qr.side);
    text_paragraph(u, hintr, hint, hs, 3, 1);
}

/* Splits the content area into a scrolling text column and the QR panel: the panel at the end
 * side when the screen is wide, at the bottom when it is tall. */
static void split(kiosk *k, ui_rect c, ui_rect *text, ui_rect *qr)
{
    const theme *t = &k->th;
    *text = c;
    if (!k->have_qr) { *qr = (ui_rect){ 0 }; return; }
    if (c.w > c.h) {
        int qw = c.w * 2 / 5;
        if (qw > c.h) qw = c.h;
        lay_cut_right(text, t->pad, 0);   /* the margin at the end */
        *qr = lay_inset(lay_cut_right(text, qw, 0), 0, t->gap);
    } else {
        int qh = c.h * 2 / 5;
        if (qh > c.w) qh = c.w;
        lay_cut_bottom(text, t->gap, 0);
        *qr = lay_inset(lay_cut_bottom(text, qh, 0), t->pad, 0);
    }
}

static void languages_line(const catalog_service *s, char *buf, size_t len)
{
    size_t o = 0;
    buf[0] = 0;
    for (int i = 0; i < s->nlanguages && o + 1 < len; i++)
        o += (size_t)snprintf(buf + o, len - o, "%s%s", i ? ", " : "", kw_endonym(s->languages[i]));
}

/* Mon..Sun of this week with today marked by words and a band, not by colour alone. */
static void week_hours(flow *f)
{
    kiosk *k = f->k;
    const theme *t = &k->th;
    tz_local today;
    kiosk_local(k, k->now, &today);
    time_t noon = kiosk_midnight(k, k->now) + 12 * 3600;
    int lh = text_line_height(&k->u, "", 0, t->px_body, 0) + t->gap / 2;
    int dayw = f->l.w * 2 / 5;
    for (int d = 0; d < 7; d++) {
        tz_local lt;
        kiosk_local(k, noon + (time_t)(d - today.wday) * 86400, &lt);
        hours_range r[4];
        int n = hours_for_date(&k->svc_hours, lt.year, lt.month, lt.mday, r, 4);
        char line[200] = "", a[32], b[32];
        size_t o = 0;
        for (int i = 0; i < n && o + 1 < sizeof line; i++) {
            time_t m = kiosk_midnight(k, noon + (time_t)(d - today.wday) * 86400);
            kiosk_fmt_time(k, m + r[i].open_min * 60, a, sizeof a);
            if (r[i].close_min >= 1440) snprintf(b, sizeof b, "24");
            else kiosk_fmt_time(k, m + r[i].close_min * 60, b, sizeof b);
            o += (size_t)snprintf(line + o, sizeof line - o, "%s%s\xE2\x80\x93%s", i ? ", " : "", a, b);
        }
        if (n <= 0) snprintf(line, sizeof line, "%s", kiosk_t(k, "hours.closed"));
        int is_today = d == today.wday;
        char day[120];
        if (is_today) snprintf(day, sizeof day, "%s (%s)", kiosk_weekday(k, d), kiosk_t(k, "hours.today"));
        else snprintf(day, sizeof day, "%s", kiosk_weekday(k, d));
        ui_color fg = is_today ? t->today_text : t->text;
        ui_rect row = lay_block(&f->l, lh, 0);
        if (is_today) ui_fill(&k->u, row, t->today_bg);
        text_label(&k->u, (ui_rect){ row.x + t->pad / 2, row.y, dayw, lh }, day, kw_style(k, t->px_body, is_today, fg), 0);
        text_label(&k->u, (ui_rect){ row.x + dayw + t->pad / 2, row.y, row.w - dayw - t->pad, lh }, line,
                   kw_style(k, t->px_body, is_today, fg), 0);
    }
}

static void service_body(flow *f)
{
    kiosk *k = f->k;
    const theme *t = &k->th;
    const catalog_service *s = &k->svc;
    char buf[1200];
    kw_para(k, &f->l, s->name, kw_style(k, t->px_big, 1, t->text), 0, 0);
    if (s->organization) kw_para(k, &f->l, s->organization, kw_style(k, t->px_body, 0, t->text_muted), 0, 0);
    if (s->walk_in) {
        lay_space(&f->l, t->gap);
        lay_space(&f->l, kw_badge(k, f->l.x, f->l.y, f->l.w, kiosk_t(k, "services.walk_in"), 1));
    }
    lay_space(&f->l, t->gap);
    para(f, s->summary, t->px_title, 0);
    if (s->description) { lay_space(&f->l, t->gap); para(f, s->description, 0, 0); }
    heading(f, "detail.for_whom");
    chips(f, s->audiences);
    if (s->nlanguages) { heading(f, "detail.languages"); languages_line(s, buf, sizeof buf); para(f, buf, 0, 0); }
    heading(f, "detail.cost");
    para(f, s->free ? kiosk_t(k, "detail.free") : (s->cost ? s->cost : kiosk_t(k, "detail.fee")), 0, 0);
    if (s->street) {
        heading(f, "detail.address");
        if (s->location_name) para(f, s->location_name, 0, 1);
        snprintf(buf, sizeof buf, "%s\n%s %s", s->street, s->postal_code ? s->postal_code : "", s->city ? s->city : "");
        para(f, buf, 0, 0);
        if (s->accessibility) para(f, s->accessibility, 0, 0);
    }
    heading(f, "detail.hours");
    if (s->walk_in) {
        when_walk_in_text(k->tr, kiosk_tzid(k), k->now, &k->svc_walk_state, buf, sizeof buf);
        if (buf[0]) kw_para(k, &f->l, buf, kw_style(k, t->px_body, 1, t->ok_text), 0, t->gap / 2);
    }
    if (k->have_svc_hours && k->svc_hours.nranges) week_hours(f);
    if (s->hours_note) para(f, s->hours_note, 0, 0);
    else if (!k->have_svc_hours || !k->svc_hours.nranges) para(f, kiosk_t(k, "detail.no_hours"), 0, 0);
    if (s->phone) { heading(f, "detail.phone"); para(f, s->phone, 0, 1); }
    if (s->email) { heading(f, "detail.email"); para(f, s->email, 0, 0); }
    if (s->url) { heading(f, "detail.web"); para(f, s->url, 0, 0); }
    lay_space(&f->l, t->pad);
}

static void event_body(flow *f)
{
    kiosk *k = f->k;
    const theme *t = &k->th;
    const catalog_event *e = &k->ev;
    char date[160], a[32], b[32], buf[400];
    kw_para(k, &f->l, e->title, kw_style(k, t->px_big, 1, t->text), 0, 0);
    heading(f, "event.when");
    kiosk_fmt_date(k, e->start, date, sizeof date);
    kiosk_fmt_time(k, e->start, a, sizeof a);
    kiosk_fmt_time(k, e->end, b, sizeof b);
    snprintf(buf, sizeof buf, "%s\n%s\xE2\x80\x93%s", date, a, b);
    para(f, buf, t->px_title, 1);
    if (e->place) { heading(f, "event.where"); para(f, e->place, 0, 0); }
    heading(f, "event.registration");
    para(f, kiosk_t(k, e->registration ? "event.registration_needed" : "event.registration_none"), 0, 1);
    heading(f, "detail.cost");
    para(f, e->free ? kiosk_t(k, "detail.free") : (e->cost ? e->cost : kiosk_t(k, "detail.fee")), 0, 0);
    heading(f, "detail.for_whom");
    chips(f, e->audiences);
    if (e->description) { lay_space(&f->l, t->gap); para(f, e->description, 0, 0); }
    lay_space(&f->l, t->pad);
}

static void detail(kiosk *k, const char *title, uint32_t scroll_id, void (*body)(flow *))
{
    const theme *t = &k->th;
    ui *u = &k->u;
    ui_rect c, tr, qr;
    if (screen_frame(k, title, &c)) return;
    split(k, c, &tr, &qr);
    int off = ui_scroll_begin(u, scroll_id, tr);
    ui_rect inner = tr;
    lay_cut_right(&inner, t->pad, 0);   /* room for the scroll bar */
    ui_rect col = lay_column(inner, t->pad, t->read_w, 0);
    flow f = { k, lay_begin(col.x, tr.y + t->pad - off, col.w, 0) };
    body(&f);
    lay_space(&f.l, feedback_row(k, f.l.x, f.l.y, f.l.w) + t->pad);
    ui_scroll_end(u, f.l.y + off - tr.y);
    if (qr.w) qr_panel(k, qr);
}

void screen_service(kiosk *k)
{
    if (!k->have_svc) { kiosk_back(k); return; }
    detail(k, kiosk_t(k, "services.title"), SCROLL_SERVICE, service_body);
}

void screen_event(kiosk *k)
{
    if (!k->have_ev) { kiosk_back(k); return; }
    detail(k, kiosk_t(k, "events.title"), SCROLL_EVENT, event_body);
}
