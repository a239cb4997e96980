/* widgets.c - see widgets.h. */
#include "widgets.h"
#include "when.h"
#include "model.h"
#include <stdio.h>
#include <string.h>

static const struct { const char *code, *name; } endonyms[] = {
    { "fi", "Suomi" }, { "sv", "Svenska" }, { "en", "English" }, { "ar", "العربية" },
    { "ru", "Русский" }, { "uk", "Українська" }, { "so", "Soomaali" }, { "et", "Eesti" },
    { "fa", "فارسی" }, { "ku", "Kurdî" }, { "tr", "Türkçe" }, { "de", "Deutsch" }, { "fr", "Français" },
    { "es", "Español" }, { "se", "Davvisámegiella" },
};

const char *kw_endonym(const char *code)
{
    for (size_t i = 0; i < sizeof endonyms / sizeof endonyms[0]; i++)
        if (strcmp(endonyms[i].code, code) == 0) return endonyms[i].name;
    return code;
}

text_style kw_style(const kiosk *k, int px, int bold, ui_color c)
{
    (void)k;
    return (text_style){ px, bold, c, TEXT_START };
}

int kw_button_width(kiosk *k, const char *label, int px)
{
    int w = text_width(&k->u, label, strlen(label), px, 1) + 2 * k->th.pad;
    return w < k->th.touch ? k->th.touch : w;
}

int kw_button(kiosk *k, ui_rect r, const char *label, int style)
{
    const theme *t = &k->th;
    int pressed = ui_pressed(&k->u, r);
    ui_color bg = t->surface, fg = t->text;
    if (style == BTN_PRIMARY || style == BTN_SELECTED || style == BTN_BAR) {
        bg = pressed ? t->accent_pressed : t->accent;
        fg = t->accent_text;
    } else if (pressed) {
        bg = t->surface_pressed;
    }
    if (style == BTN_BAR && !pressed) { bg = t->bar_bg; fg = t->bar_text; }
    ui_fill(&k->u, r, bg);
    ui_border(&k->u, r, t->border_w, style == BTN_BAR ? t->bar_text : t->border);
    char buf[300];
    if (style == BTN_SELECTED) {
        /* selection is told by a tick as well as by colour */
        snprintf(buf, sizeof buf, "\xE2\x9C\x93 %s", label);
        label = buf;
    }
    text_style st = { t->px_body, 1, fg, TEXT_CENTER };
    ui_rect in = { r.x + t->pad / 2, r.y, r.w - t->pad, r.h };
    text_label(&k->u, in, label, st, 1);
    return ui_tapped(&k->u, r);
}

void kw_note_card(kiosk *k, ui_rect r)
{
    if (k->ncards < KIOSK_MAX_CARDS && ui_visible(&k->u, r)) k->cards[k->ncards++] = ui_phys(&k->u, r);
}

int kw_tap_card(kiosk *k, ui_rect r)
{
    kw_note_card(k, r);
    return ui_tapped(&k->u, r);
}

int kw_card(kiosk *k, ui_rect r)
{
    const theme *t = &k->th;
    ui_fill(&k->u, r, ui_pressed(&k->u, r) ? t->surface_pressed : t->surface);
    ui_border(&k->u, r, t->border_w / 2 ? t->border_w / 2 : 1, t->border);
    return kw_tap_card(k, r);
}

int kw_topbar(kiosk *k, const char *title, ui_rect *content)
{
    const theme *t = &k->th;
    ui *u = &k->u;
    ui_rect bar = { 0, 0, u->w, t->bar_h };
    ui_fill(u, bar, t->bar_bg);
    const char *home = kiosk_t(k, "nav.home");
    char lb[200];
    snprintf(lb, sizeof lb, "\xE2\x80\xB9 %s", kiosk_t(k, "nav.back"));   /* ‹, mirrored by the shaper in RTL */
    int bw = kw_button_width(k, lb, t->px_body), hw = kw_button_width(k, home, t->px_body);
    /* Back and Home keep their places on every screen: the start corner, side by side */
    int wmax = bw > hw ? bw : hw;
    if (wmax < t->touch * 2) wmax = t->touch * 2;
    lay l = lay_begin(t->gap, (t->bar_h - t->touch) / 2, u->w, t->gap);
    lay_row(&l, 2, (int[]){ wmax, wmax }, t->touch);
    int res = KW_NONE;
    if (kw_button(k, lay_next(&l), lb, BTN_BAR)) res = KW_BACK;
    ui_rect rh = lay_next(&l);
    if (kw_button(k, rh, home, BTN_BAR)) res = KW_HOME;
    int tx = rh.x + rh.w + t->gap * 2;
    ui_rect tr = { tx, 0, u->w - tx - t->gap, t->bar_h };
    text_label(u, tr, title, (text_style){ t->px_title, 1, t->bar_text, TEXT_START }, 0);
    *content = (ui_rect){ 0, t->bar_h, u->w, u->h - t->bar_h };
    return res;
}

void kw_field(kiosk *k, ui_rect r, const char *text, const char *hint)
{
    const theme *t = &k->th;
    ui_fill(&k->u, r, t->surface);
    ui_border(&k->u, r, t->border_w, t->accent);
    ui_rect in = { r.x + t->pad, r.y, r.w - 2 * t->pad, r.h };
    char shown[300];
    snprintf(shown, sizeof shown, "%s|", text);
    if (text[0]) text_label(&k->u, in, shown, kw_style(k, t->px_title, 0, t->text), 0);
    else text_label(&k->u, in, hint, kw_style(k, t->px_body, 0, t->text_muted), 1);
}

int kw_para_if(kiosk *k, lay *l, const char *s, text_style st, int max_lines, int after, int draw)
{
    int h = text_paragraph(&k->u, lay_here(l), s, st, max_lines, draw);
    lay_space(l, h + after);
    return h;
}

int kw_para(kiosk *k, lay *l, const char *s, text_style st, int max_lines, int after)
{
    return kw_para_if(k, l, s, st, max_lines, after, 1);
}

int kw_chips(kiosk *k, int x, int y, int maxw, unsigned audiences, int draw)
{
    static const char *const ids[AUD_COUNT] = {
        "aud.expecting", "aud.baby", "aud.under_school_age", "aud.school_age", "aud.teen",
        "aud.family", "aud.parent",
    };
    const theme *t = &k->th;
    int px = t->px_small, lh = text_line_height(&k->u, "", 0, px, 0) + t->pad / 2, any = 0;
    lay l = lay_begin(x, y, maxw, t->gap / 2);
    for (int a = 0; a < AUD_COUNT; a++) {
        if (!(audiences & (1u << a))) continue;
        const char *label = kiosk_t(k, ids[a]);
        int w = text_width(&k->u, label, strlen(label), px, 0) + t->pad;
        ui_rect r = lay_flow(&l, w > maxw ? maxw : w, lh);
        any = 1;
        if (draw) {
            ui_fill(&k->u, r, t->chip_bg);
            ui_border(&k->u, r, 1, t->chip_text);
            ui_rect in = { r.x + t->pad / 2, r.y, r.w - t->pad, lh };
            text_label(&k->u, in, label, (text_style){ px, 0, t->chip_text, TEXT_START }, 0);
        }
    }
    if (!any) return 0;
    lay_flow_end(&l, 0);
    return l.y - y;
}

int kw_badge(kiosk *k, int x, int y, int maxw, const char *label, int draw)
{
    const theme *t = &k->th;
    int px = t->px_small, lh = text_line_height(&k->u, label, strlen(label), px, 1) + t->pad / 2;
    int w = text_width(&k->u, label, strlen(label), px, 1) + t->pad;
    ui_rect r = { x, y, w > maxw ? maxw : w, lh };
    if (draw) {
        ui_fill(&k->u, r, t->surface);
        ui_border(&k->u, r, t->border_w, t->ok_text);
        ui_rect in = { r.x + t->pad / 2, r.y, r.w - t->pad, lh };
        text_label(&k->u, in, label, (text_style){ px, 1, t->ok_text, TEXT_START }, 0);
    }
    return lh;
}

void kw_open_text(kiosk *k, const hours_state *hs, char *buf, size_t len)
{
    when_open_text(k->tr, kiosk_tzid(k), k->now, hs, buf, len);
}
