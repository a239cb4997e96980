/* screen_services.c - Services: the categories, then the services of one category as a list
 * that scrolls by dragging (name, one-line summary, a "no appointment needed" badge, audience
 * labels, open now), with a filter for what is open now without an appointment. */
#include "screens.h"
#include <stdio.h>
#include <string.h>

/* A category's icon name (docs/content-bundle.md) as a symbol glyph the Noto fonts have. */
static const char *icon_glyph(const char *icon)
{
    static const struct { const char *name, *glyph; } icons[] = {
        { "health", "\xE2\x9C\x9A" },           /* ✚ */
        { "family", "\xF0\x9F\x91\xAA" },      /* 👪 */
        { "play", "\xE2\x98\x85" },             /* ★ */
        { "support", "\xE2\x99\xA5" },          /* ♥ */
        { "talk", "\xF0\x9F\x97\xA8" },        /* 🗨 */
        { "crisis", "\xE2\x9A\xA0" },           /* ⚠ */
        { "culture", "\xE2\x9D\x80" },          /* ❀ */
        { "faith", "\xE2\x9C\xA6" },            /* ✦ */
        { "home", "\xF0\x9F\x8F\xA0" },        /* 🏠 */
        { "info", "\xE2\x84\xB9" },             /* ℹ */
        { "language", "Aa" },
        { "money", "\xE2\x82\xAC" },            /* € */
    };
    for (size_t i = 0; i < sizeof icons / sizeof icons[0]; i++)
        if (strcmp(icons[i].name, icon) == 0) return icons[i].glyph;
    return NULL;
}

void screen_categories(kiosk *k)
{
    const theme *t = &k->th;
    ui *u = &k->u;
    ui_rect c;
    if (screen_frame(k, kiosk_t(k, "services.title"), &c)) return;
    int pad = t->pad, gap = t->gap;
    /* the search button first: it is the quickest way for someone who knows what they want */
    lay top = lay_begin(pad, c.y + gap, c.w - 2 * pad, gap);
    if (kw_button(k, lay_block(&top, t->touch, gap), kiosk_t(k, "home.search"), BTN_PLAIN)) kiosk_go(k, SCR_SEARCH);
    ui_rect area = { 0, top.y, c.w, c.y + c.h - top.y };
    int cols = area.w >= t->px_body * 60 ? 3 : area.w >= t->px_body * 24 ? 2 : 1;
    /* room for a name of two lines and the count */
    int tlh = text_line_height(u, "", 0, t->px_title, 1), slh = text_line_height(u, "", 0, t->px_small, 0);
    int ch = 2 * pad + 2 * tlh + slh;
    if (ch < t->touch * 2) ch = t->touch * 2;
    int off = ui_scroll_begin(u, SCROLL_CATEGORIES, area);
    lay l = lay_begin(pad, area.y + gap - off, area.w - 2 * pad, gap);
    lay_row(&l, cols, NULL, ch);
    for (size_t i = 0; i < k->ncats; i++) {
        ui_rect r = lay_next(&l);
        if (!ui_visible(u, r)) continue;
        int tapped = kw_card(k, r);
        const catalog_category *cat = &k->cats[i];
        char count[64], n[16];
        snprintf(n, sizeof n, "%d", cat->services);
        const char *args[] = { n };
        i18n_format(count, sizeof count, kiosk_t(k, "services.count"), args, 1);
        /* the icon at the start, then the name and the count in the middle of what is left */
        ui_rect in = { r.x + pad, r.y, r.w - 2 * pad, r.h };
        const char *glyph = icon_glyph(cat->icon);
        if (glyph) {
            /* the icon helps those who read slowly; the name beside it still says it all */
            int side = t->touch * 3 / 2 < r.h - 2 * pad ? t->touch * 3 / 2 : r.h - 2 * pad;
            ui_rect ir = lay_center(lay_cut_left(&in, side, pad), side, side);
            ui_fill(u, ir, t->chip_bg);
            text_label(u, ir, glyph, (text_style){ side * 3 / 5, 1, t->chip_text, TEXT_CENTER }, 0);
        }
        text_style ns = kw_style(k, t->px_title, 1, t->text);
        int nh = text_paragraph(u, (ui_rect){ 0, 0, in.w, 0 }, cat->name, ns, 2, 0);
        int sh = text_line_height(u, count, strlen(count), t->px_small, 0);
        lay tl = lay_begin(in.x, lay_center(in, in.w, nh + sh).y, in.w, 0);
        text_paragraph(u, lay_block(&tl, nh, 0), cat->name, ns, 2, 1);
        text_label(u, lay_block(&tl, sh, 0), count, kw_style(k, t->px_small, 0, t->text_muted), 1);
        if (tapped) {
            kiosk_open_category(k, cat->id);
            kiosk_go(k, SCR_SERVICES);
        }
    }
    int rows = ((int)k->ncats + cols - 1) / cols;
    ui_scroll_end(u, gap + rows * (ch + gap));
}

/* One service row; returns its height. Draws (and answers taps) only when draw, in r as tall
 * as a measuring call (draw 0) said: one piece of layout measures the card and fills it. */
static int service_row(kiosk *k, const catalog_service *s, const hours_state *hs, ui_rect r, int draw, int *tapped)
{
    const theme *t = &k->th;
    ui *u = &k->u;
    if (draw) *tapped = kw_card(k, r);
    lay l = lay_begin(r.x + t->pad, r.y + t->pad, r.w - 2 * t->pad, 0);
    kw_para_if(k, &l, s->name, kw_style(k, t->px_title, 1, t->text), 2, 0, draw);
    kw_para_if(k, &l, s->summary, kw_style(k, t->px_body, 0, t->text), 2, 0, draw);
    if (s->walk_in) {
        lay_space(&l, t->gap);
        lay_space(&l, kw_badge(k, l.x, l.y, l.w, kiosk_t(k, "services.walk_in"), draw));
    }
    int ch = kw_chips(k, l.x, l.y + t->gap, l.w, s->audiences, 0);
    if (ch) {
        lay_space(&l, t->gap);
        if (draw) kw_chips(k, l.x, l.y, l.w, s->audiences, 1);
        lay_space(&l, ch);
    }
    char open[200] = "";
    if (hs) kw_open_text(k, hs, open, sizeof open);
    if (open[0]) {
        lay_space(&l, t->gap / 2);
        ui_rect o = lay_block(&l, text_line_height(u, open, strlen(open), t->px_body, 1), 0);
        if (draw) text_label(u, o, open, kw_style(k, t->px_body, 1, hs->open ? t->ok_text : t->warn_text), 0);
    }
    int h = l.y + t->pad - r.y;
    return h < t->touch ? t->touch : h;
}

/* A scrolling list of services inside area; returns the index tapped or -1. Shared with search.
 * only: when not NULL, just the services open in it (the walk-in filter). */
int services_list(kiosk *k, ui_rect area, uint32_t scroll_id, const catalog_service *v, size_t n,
                  const hours_state *open, const hours_state *only)
{
    const theme *t = &k->th;
    ui *u = &k->u;
    int off = ui_scroll_begin(u, scroll_id, area), hit = -1;
    /* at the start side, lines readable on wide screens */
    ui_rect col = lay_column(area, t->pad, t->list_w, 0);
    lay l = lay_begin(col.x, area.y + t->gap - off, col.w, t->gap);
    for (size_t i = 0; i < n; i++) {
        int tapped = 0;
        if (only && !only[i].open) continue;
        ui_rect r = lay_block(&l, service_row(k, &v[i], open ? &open[i] : NULL, lay_here(&l), 0, NULL), t->gap);
        if (ui_visible(u, r)) service_row(k, &v[i], open ? &open[i] : NULL, r, 1, &tapped);
        if (tapped) hit = (int)i;
    }
    ui_scroll_end(u, l.y + off - area.y);
    return hit;
}

void screen_services(kiosk *k)
{
    const theme *t = &k->th;
    const char *title = kiosk_t(k, "services.title");
    for (size_t i = 0; i < k->ncats; i++)
        if (strcmp(k->cats[i].id, k->v.cat_id) == 0) title = k->cats[i].name;
    ui_rect c;
    if (screen_frame(k, title, &c)) return;
    if (!k->nsvcs) {
        ui_rect r = { t->pad, c.y + t->pad, c.w - 2 * t->pad, t->touch };
        text_label(&k->u, r, kiosk_t(k, "services.none"), kw_style(k, t->px_body, 0, t->text), 1);
        return;
    }
    /* "Open now, no appointment needed": offered when the category has a walk-in service */
    int walk = 0, shown = 0;
    for (size_t i = 0; i < k->nsvcs; i++) {
        walk |= k->svcs[i].walk_in;
        shown += k->svc_walk && k->svc_walk[i].open;
    }
    if (walk) {
        const char *label = kiosk_t(k, "services.walk_in_filter");
        char ticked[200];   /* as wide as it is when selected: the tick comes before the label */
        snprintf(ticked, sizeof ticked, "\xE2\x9C\x93 %s", label);
        int w = kw_button_width(k, ticked, t->px_body);
        ui_rect b = lay_cut_top(&c, t->touch + 2 * t->gap, 0);
        b = (ui_rect){ b.x + t->pad, b.y + t->gap, w < b.w - 2 * t->pad ? w : b.w - 2 * t->pad, t->touch };
        if (kw_button(k, b, label, k->v.walk_in_only ? BTN_SELECTED : BTN_PLAIN)) {
            k->v.walk_in_only = !k->v.walk_in_only;
            k->changed = 1;
        }
    }
    int only = walk && k->v.walk_in_only && k->svc_walk;
    if (only && !shown) {
        ui_rect r = { t->pad, c.y + t->pad, c.w - 2 * t->pad, c.h - 2 * t->pad };
        text_paragraph(&k->u, r, kiosk_t(k, "services.walk_in_none"), kw_style(k, t->px_body, 0, t->text), 0, 1);
        return;
    }
    int hit = services_list(k, c, SCROLL_SERVICES, k->svcs, k->nsvcs, k->svc_open, only ? k->svc_walk : NULL);
    if (hit >= 0) {
        kiosk_open_service(k, k->svcs[hit].id);
        kiosk_go(k, SCR_SERVICE);
    }
}
