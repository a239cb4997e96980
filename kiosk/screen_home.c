/* screen_home.c - Home: the centre's name, today's date, open now / opens at, three large
 * tiles, the accessibility toggles, search, an attract strip of today's next events and the
 * language bar (each language in its own name). A 3-second press on the logo asks for staff mode. */
#include "screens.h"
#include "feedback_flow.h"
#include <stdio.h>
#include <string.h>

/* One event on the strip this long, then the next, without animation: every frame redraws the
 * whole screen, and an idle kiosk should cost (almost) nothing. */
#define ATTRACT_MS 10000u
#define STAFF_PRESS_MS 3000u

/* A lighthouse drawn from rectangles: tower, stripes, lamp room. */
static void logo(kiosk *k, ui_rect r)
{
    const theme *t = &k->th;
    ui_fill(&k->u, r, t->accent);
    int tw = r.w / 4, tx = r.x + (r.w - tw) / 2;
    ui_color white = t->accent_text;
    ui_fill(&k->u, (ui_rect){ tx - tw / 4, r.y + r.h / 5, tw + tw / 2, r.h / 10 }, white);         /* lamp */
    ui_fill(&k->u, (ui_rect){ tx, r.y + r.h * 3 / 10, tw, r.h * 6 / 10 }, white);                  /* tower */
    ui_fill(&k->u, (ui_rect){ tx, r.y + r.h / 2, tw, r.h / 12 }, t->accent);                        /* stripe */
    ui_fill(&k->u, (ui_rect){ tx, r.y + r.h * 7 / 10, tw, r.h / 12 }, t->accent);
    ui_fill(&k->u, (ui_rect){ r.x + r.w / 8, r.y + r.h * 9 / 10, r.w * 3 / 4, r.h / 20 }, white); /* ground */
}

static int lang_bar(kiosk *k, int y_bottom)
{
    const theme *t = &k->th;
    ui *u = &k->u;
    const catalog_site *s = &k->site;
    int n = k->have_site ? s->nlanguages : 0;
    if (n == 0) return 0;
    int widths[CATALOG_MAX_LANGS], total = 0;
    for (int i = 0; i < n; i++) {
        char label[64];
        snprintf(label, sizeof label, "\xE2\x9C\x93 %s", kw_endonym(s->languages[i]));   /* room for the tick */
        widths[i] = kw_button_width(k, label, t->px_body);
        total += widths[i] + t->gap;
    }
    /* as many rows as the names need, filled in order, each row shared out evenly */
    int avail = u->w - 2 * t->gap;
    int row_of[CATALOG_MAX_LANGS], rows = 1, x = 0;
    for (int i = 0; i < n; i++) {
        if (x > 0 && x + widths[i] > avail) { rows++; x = 0; }
        row_of[i] = rows - 1;
        x += widths[i] + t->gap;
    }
    int h = rows * t->touch + (rows - 1) * t->gap;
    ui_fill(u, (ui_rect){ 0, y_bottom - h - t->gap, u->w, h + 2 * t->gap }, t->bar_bg);
    lay l = lay_begin(t->gap, y_bottom - h, avail, t->gap);
    for (int row = 0, first = 0; row < rows; row++) {
        int last = first, rw = 0, cw[CATALOG_MAX_LANGS];
        while (last < n && row_of[last] == row) rw += widths[last++];
        /* the row's room shared out evenly; a name wider than the screen gets the screen */
        int extra = (avail - rw - (last - first - 1) * t->gap) / (last - first);
        if (extra < 0) extra = 0;
        for (int i = first; i < last; i++) cw[i - first] = widths[i] + extra > avail ? avail : widths[i] + extra;
        lay_row(&l, last - first, cw, t->touch);
        for (int i = first; i < last; i++) {
            int sel = strcmp(s->languages[i], k->v.lang) == 0;
            if (kw_button(k, lay_next(&l), kw_endonym(s->languages[i]), sel ? BTN_SELECTED : BTN_BAR) && !sel)
                kiosk_set_language(k, s->languages[i]);
        }
        first = last;
    }
    return h + 2 * t->gap;
}

static void attract_strip(kiosk *k, ui_rect r)
{
    const theme *t = &k->th;
    ui *u = &k->u;
    if (kiosk_midnight(k, k->now) != k->attract_day) kiosk_load_attract(k);
    /* only events still to come or going on */
    const catalog_event *list[64];
    int n = 0;
    for (size_t i = 0; i < k->nattract && n < 64; i++)
        if (k->attract[i].end > k->now) list[n++] = &k->attract[i];
    ui_fill(u, r, t->surface);
    ui_border(u, r, t->border_w, t->border);
    char line[600], tm[32];
    if (n == 0) {
        text_label(u, lay_inset(r, t->pad, 0), kiosk_t(k, "home.no_events_today"), kw_style(k, t->px_body, 0, t->text_muted), 1);
        return;
    }
    uint32_t period = u->now_ms / ATTRACT_MS;
    const catalog_event *e = list[period % (uint32_t)n];
    kiosk_fmt_time(k, e->start, tm, sizeof tm);
    const char *label = kiosk_t(k, "home.next_today");
    int lw = text_width(u, label, strlen(label), t->px_body, 1) + t->pad;
    ui_rect er = lay_inset(r, t->pad, 0), lr = lay_cut_left(&er, lw, 0);   /* the label, then the event */
    text_label(u, lr, label, kw_style(k, t->px_body, 1, t->accent), 1);
    snprintf(line, sizeof line, "%s  %s", tm, e->title ? e->title : "");
    if (n > 1) {
        uint32_t next = (period + 1) * ATTRACT_MS;
        if (!u->wake_ms || next < u->wake_ms) u->wake_ms = next;
    }
    ui_push_clip(u, er);
    text_label(u, er, line, kw_style(k, t->px_body, 0, t->text), 0);
    ui_pop_clip(u);
    if (ui_tapped(u, r)) {
        kiosk_open_event(k, e);
        kiosk_go(k, SCR_EVENT);
    }
}

static int tile(kiosk *k, ui_rect r, const char *title, const char *sub)
{
    const theme *t = &k->th;
    ui *u = &k->u;
    int pressed = ui_pressed(u, r);
    ui_fill(u, r, pressed ? t->accent_pressed : t->accent);
    ui_border(u, r, t->border_w, t->border);
    int inner = r.w - 2 * t->pad;
    /* the largest title size that fits in two lines and the tile's height (large text on a
     * small screen makes tiles short); only when even body size does not fit is it an overflow */
    const int sizes[3] = { t->px_big, t->px_title, t->px_body };
    text_style ts = { t->px_big, 1, t->accent_text, TEXT_CENTER };
    text_style ss = { t->px_body, 0, t->accent_text, TEXT_CENTER };
    int lh = 0, th_all = 0;
    for (int i = 0; i < 3; i++) {
        ts.px = sizes[i];
        lh = text_line_height(u, title, strlen(title), ts.px, 1);
        th_all = text_paragraph(u, (ui_rect){ 0, 0, inner, 0 }, title, ts, 0, 0);
        if (th_all <= 2 * lh && th_all <= r.h - t->pad && text_widest_word(u, title, ts.px, 1) <= inner) break;
    }
    if (th_all > 2 * lh || th_all > r.h || text_widest_word(u, title, ts.px, 1) > inner)
        ui_note_overflow(u, title, strlen(title));
    int th = th_all > 2 * lh ? 2 * lh : th_all;
    int sh = text_paragraph(u, (ui_rect){ 0, 0, inner, 0 }, sub, ss, 2, 0);
    int show_sub = r.h >= th + sh + t->gap + 2 * t->pad;
    /* title and subtitle together in the middle of the tile */
    ui_rect mid = lay_center(lay_inset(r, t->pad, 0), inner, th + (show_sub ? t->gap + sh : 0));
    lay l = lay_begin(mid.x, mid.y, mid.w, 0);
    text_paragraph(u, lay_block(&l, th, t->gap), title, ts, 2, 1);
    if (show_sub) text_paragraph(u, lay_block(&l, sh, 0), sub, ss, 2, 1);
    return kw_tap_card(k, r);
}

void screen_home(kiosk *k)
{
    const theme *t = &k->th;
    ui *u = &k->u;
    int W = u->w, H = u->h, pad = t->pad, gap = t->gap;
    ui_fill(u, (ui_rect){ 0, 0, W, H }, t->bg);

    /* header: logo, name, date and open status */
    int logo_side = t->touch * 3 / 2;
    ui_rect lr = { pad, pad, logo_side, logo_side };
    logo(k, lr);
    if (ui_long_press(u, lr, STAFF_PRESS_MS)) { k->staff_requests++; kiosk_open_pin(k); return; }
    int tx = lr.x + lr.w + pad;
    const char *name = k->have_site && k->site.name ? k->site.name : "";
    int tw = W - tx - pad;
    /* the name in the largest size that takes at most two lines */
    text_style ns = kw_style(k, t->px_huge, 1, t->text);
    int nh = text_paragraph(u, (ui_rect){ 0, 0, tw, 0 }, name, ns, 0, 0);
    if (nh > 2 * text_line_height(u, name, strlen(name), ns.px, 1)) {
        ns.px = t->px_big;
        nh = text_paragraph(u, (ui_rect){ 0, 0, tw, 0 }, name, ns, 2, 0);
    }
    text_paragraph(u, (ui_rect){ tx, pad, tw, nh }, name, ns, 2, 1);
    char date[160], open[200];
    kiosk_fmt_date(k, k->now, date, sizeof date);
    hours_state hs = { 0, -1 };
    if (k->site_hours.nranges) hours_state_at(&k->site_hours, k->now, k->site.timezone, &hs, k->err, sizeof k->err);
    kw_open_text(k, &hs, open, sizeof open);
    lay hl = lay_begin(tx, pad + nh, tw, 0);
    kw_para(k, &hl, date, kw_style(k, t->px_title, 0, t->text), 2, 0);
    if (open[0]) kw_para(k, &hl, open, kw_style(k, t->px_title, 1, hs.open ? t->ok_text : t->warn_text), 2, 0);
    int y = hl.y < lr.y + lr.h ? lr.y + lr.h : hl.y;

    /* a row of buttons: search at the start, larger text and high contrast at the end; on a
     * narrower screen search on a row of its own above the two, or all three one a row */
    const char *l_search = kiosk_t(k, "home.search");
    const char *l_large = kiosk_t(k, "home.larger_text"), *l_hc = kiosk_t(k, "home.high_contrast");
    char b1[160], b2[160];
    snprintf(b1, sizeof b1, "\xE2\x9C\x93 %s", l_large);
    snprintf(b2, sizeof b2, "\xE2\x9C\x93 %s", l_hc);
    int w0 = kw_button_width(k, l_search, t->px_body), w1 = kw_button_width(k, b1, t->px_body),
        w2 = kw_button_width(k, b2, t->px_body);
    lay bl = lay_begin(pad, y + gap, W - 2 * pad, gap);
    ui_rect rs, r1, r2;
    if (w0 + w1 + w2 + 2 * gap <= W - 2 * pad) {
        lay_row(&bl, 4, (int[]){ w0, W - 2 * pad - w0 - w1 - w2 - 3 * gap, w1, w2 }, t->touch);
        rs = lay_next(&bl);
        lay_next(&bl);   /* the room between */
        r1 = lay_next(&bl);
        r2 = lay_next(&bl);
    } else {
        rs = lay_block(&bl, t->touch, gap);
        if (w1 <= (W - 2 * pad - gap) / 2 && w2 <= (W - 2 * pad - gap) / 2) {
            lay_row(&bl, 2, NULL, t->touch);
            r1 = lay_next(&bl);
            r2 = lay_next(&bl);
        } else {
            r1 = lay_block(&bl, t->touch, gap);
            r2 = lay_block(&bl, t->touch, gap);
        }
    }
    if (kw_button(k, rs, l_search, BTN_PLAIN)) kiosk_go(k, SCR_SEARCH);
    if (kw_button(k, r1, l_large, k->v.large_text ? BTN_SELECTED : BTN_PLAIN)) {
        k->v.large_text = !k->v.large_text;
        kiosk_apply_theme(k);
    }
    if (kw_button(k, r2, l_hc, k->v.high_contrast ? BTN_SELECTED : BTN_PLAIN)) {
        k->v.high_contrast = !k->v.high_contrast;
        kiosk_apply_theme(k);
    }

    /* bottom up: language bar, attract strip; the tiles get what is left between */
    ui_rect rest = { pad, bl.y, W - 2 * pad, H - bl.y };
    lay_cut_bottom(&rest, lang_bar(k, H - gap) + gap, 0);
    attract_strip(k, lay_cut_bottom(&rest, t->touch, gap));

    /* the three tiles fill what is left: side by side when wide, stacked when tall */
    int avail_w = rest.w;
    const char *titles[3] = { kiosk_t(k, "home.services"), kiosk_t(k, "home.events"), kiosk_t(k, "home.feedback") };
    const char *subs[3] = { kiosk_t(k, "home.services_sub"), kiosk_t(k, "home.events_sub"), kiosk_t(k, "home.feedback_sub") };
    const screen_id dest[3] = { SCR_CATEGORIES, SCR_EVENTS, SCR_FEEDBACK };
    /* stacked on a portrait screen, or when three side by side would be too narrow */
    int stacked = H > W || (avail_w - 2 * gap) / 3 < t->px_body * 9;
    lay tl = lay_begin(rest.x, rest.y, rest.w, gap);
    int avail_h = rest.h;
    if (stacked) lay_row(&tl, 1, NULL, (avail_h - 2 * gap) / 3);
    else lay_row(&tl, 3, NULL, avail_h);
    for (int i = 0; i < 3; i++) {
        if (!tile(k, lay_next(&tl), titles[i], subs[i])) continue;
        if (dest[i] == SCR_FEEDBACK) fbflow_open(k);
        else kiosk_go(k, dest[i]);
    }
}
