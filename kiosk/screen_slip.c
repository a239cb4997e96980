/* screen_slip.c - making a referral slip in staff mode: pick up to six services (all of them, or
 * searched as you type), choose the family's language and add a short note (the screen says
 * not to write names; phone numbers, e-mails and identity codes are masked), then a preview
 * that is the very bitmap the printer gets, and Print. Nothing here waits on the printer. */
#include "screens.h"
#include <stdio.h>
#include <string.h>

/* One service a slip can take: a tick when chosen, its name and one line of summary. */
static int pick_row(kiosk *k, ui_rect r, const catalog_service *s)
{
    const theme *t = &k->th;
    ui *u = &k->u;
    int on = staff_has_service(&k->sf, s->id);
    ui_fill(u, r, ui_pressed(u, r) ? t->surface_pressed : on ? t->chip_bg : t->surface);
    ui_border(u, r, on ? t->border_w * 2 : 1, on ? t->accent : t->border);
    int lh = text_line_height(u, "", 0, t->px_body, 1);
    char name[300];
    snprintf(name, sizeof name, "%s%s", on ? "\xE2\x9C\x93 " : "", s->name ? s->name : s->id);
    ui_color fg = on ? t->chip_text : t->text;
    lay l = lay_begin(r.x + t->pad, r.y + t->pad / 2, r.w - 2 * t->pad, 0);
    text_label(u, lay_block(&l, lh, 0), name, kw_style(k, t->px_body, 1, fg), 0);
    if (s->summary) text_label(u, lay_block(&l, lh, 0), s->summary, kw_style(k, t->px_small, 0, fg), 0);
    return kw_tap_card(k, r);
}

void screen_slip_pick(kiosk *k)
{
    const theme *t = &k->th;
    ui *u = &k->u;
    char title[200], n[16];
    snprintf(n, sizeof n, "%d/%d", k->v.slip.nids, SLIP_MAX_SERVICES);
    const char *args[] = { n };
    i18n_format(title, sizeof title, kiosk_t(k, "slip.pick_title"), args, 1);
    ui_rect c;
    if (screen_frame(k, title, &c)) return;
    ui_rect kb = keyboard_dock(k);
    /* the search field, and Next once something is chosen */
    const char *next = kiosk_t(k, "slip.next");
    int nw = kw_button_width(k, next, t->px_body);
    lay top = lay_begin(t->pad, c.y + t->gap, c.w - 2 * t->pad, t->pad);
    lay_row(&top, 2, (int[]){ c.w - 3 * t->pad - nw, nw }, t->touch);
    ui_rect field = lay_next(&top), nr = lay_next(&top);
    kw_field(k, field, k->v.query, kiosk_t(k, "slip.search_hint"));
    if (k->v.slip.nids && kw_button(k, nr, next, BTN_PRIMARY)) {
        kiosk_go(k, SCR_SLIP_EDIT);
        return;
    }
    int below = field.y + field.h + t->gap;
    ui_rect area = { 0, below, c.w, kb.y - 2 * t->gap - below };
    int lh = text_line_height(u, "", 0, t->px_body, 1);
    int rh = 2 * lh + t->pad;
    if (rh < t->touch) rh = t->touch;
    ui_rect col = lay_column(area, t->pad, t->list_w, 0);
    int off = ui_scroll_begin(u, SCROLL_SLIP_PICK, area);
    lay l = lay_begin(col.x, area.y + t->gap - off, col.w, t->gap / 2);
    if (!k->npick)
        text_label(u, (ui_rect){ l.x, l.y, l.w, t->touch }, kiosk_t(k, "search.none"), kw_style(k, t->px_body, 0, t->text), 1);
    for (size_t i = 0; i < k->npick; i++) {
        ui_rect r = lay_block(&l, rh, t->gap / 2);
        if (ui_visible(u, r) && pick_row(k, r, &k->pick[i])) {
            k->sf.msg = STAFF_MSG_NONE;
            if (staff_toggle_service(&k->sf, k->pick[i].id) == MJ_EFULL) k->sf.msg = STAFF_MSG_FULL;
            k->changed = 1;
        }
    }
    ui_scroll_end(u, l.y + off - area.y);
    if (keyboard(k, kb, k->v.query, sizeof k->v.query, 60, 0)) kiosk_staff_pick_update(k);
}

/* The family's language for the slip: the site's languages, each in its own name. */
static void language_buttons(kiosk *k, lay *col)
{
    const theme *t = &k->th;
    lay l = lay_begin(col->x, col->y, col->w, t->gap / 2);
    for (int i = 0; i < k->site.nlanguages; i++) {
        const char *code = k->site.languages[i], *name = kw_endonym(code);
        int on = !strcmp(code, k->v.slip.lang);
        ui_rect r = lay_flow(&l, kw_button_width(k, name, t->px_body) + t->pad * 2, t->touch);
        if (kw_button(k, r, name, on ? BTN_SELECTED : BTN_PLAIN)) {
            snprintf(k->v.slip.lang, sizeof k->v.slip.lang, "%s", code);
            k->changed = 1;
        }
    }
    lay_flow_end(&l, 0);
    lay_space(col, l.y - col->y);
}

void screen_slip_edit(kiosk *k)
{
    const theme *t = &k->th;
    ui *u = &k->u;
    ui_rect c;
    if (screen_frame(k, kiosk_t(k, "slip.edit_title"), &c)) return;
    ui_rect kb = keyboard_dock(k), col = lay_column(c, t->pad, t->list_w, 1);
    int w = col.w, x = col.x;
    /* the note stays in view just above the keyboard: the notice (said before anything is
     * typed: the slip never carries the family's identity), the field, the characters left and
     * Preview */
    const char *pl = kiosk_t(k, "slip.preview");
    int pw = kw_button_width(k, pl, t->px_body) + 2 * t->pad;
    text_style notice = kw_style(k, t->px_small, 1, t->warn_text), body = kw_style(k, t->px_body, 0, t->text);
    int noh = text_paragraph(u, (ui_rect){ x, 0, w, 0 }, kiosk_t(k, "slip.note_notice"), notice, 3, 0);
    char shown[SLIP_NOTE_MAX_CHARS * 4 + 8];
    snprintf(shown, sizeof shown, "%s|", k->v.slip.note);
    int nh = text_paragraph(u, (ui_rect){ 0, 0, w - 2 * t->pad, 0 }, shown, body, 3, 0) + t->pad / 2;
    if (nh < t->touch) nh = t->touch;
    /* from the keyboard up: what is left and Preview, the field, the notice; the rest scrolls */
    ui_rect area = { x, c.y, w, kb.y - 2 * t->gap - c.y };
    ui_rect left_r = lay_cut_bottom(&area, t->touch, t->gap / 2), pr = lay_cut_right(&left_r, pw, t->pad);
    ui_rect field = lay_cut_bottom(&area, nh, t->gap / 2), nor = lay_cut_bottom(&area, noh, t->gap);
    ui_fill(u, (ui_rect){ 0, nor.y - t->gap, u->w, kb.y - nor.y }, t->bg);
    text_paragraph(u, nor, kiosk_t(k, "slip.note_notice"), notice, 3, 1);
    ui_fill(u, field, t->surface);
    ui_border(u, field, t->border_w, t->accent);
    text_paragraph(u, lay_inset(field, t->pad, t->pad / 4), shown, body, 3, 1);
    char left[100], n[16];
    snprintf(n, sizeof n, "%d", SLIP_NOTE_MAX_CHARS - (int)mj_utf8_len(k->v.slip.note));
    const char *args[] = { n };
    i18n_format(left, sizeof left, kiosk_t(k, "slip.chars_left"), args, 1);
    text_label(u, left_r, left, kw_style(k, t->px_body, 0, t->text), 1);
    if (kw_button(k, pr, pl, BTN_PRIMARY)) {
        if (staff_build(&k->sf, k->st, k->tr, k->have_site ? k->site.name : "", k->have_site ? k->site.timezone : NULL,
                        k->now, k->err, sizeof k->err) == MJ_OK)
            kiosk_go(k, SCR_SLIP_PREVIEW);
        else
            k->sf.msg = STAFF_MSG_FAILED;
        k->changed = 1;
        return;
    }
    /* above it, scrolling when the screen is small: the language and the services chosen */
    area.x = c.x;
    area.w = c.w;
    int off = ui_scroll_begin(u, SCROLL_SLIP_EDIT, area);
    lay l = lay_begin(x, area.y + t->gap - off, w, t->gap);
    text_style head = kw_style(k, t->px_body, 1, t->text);
    if (k->sf.msg == STAFF_MSG_FAILED)
        kw_para(k, &l, kiosk_t(k, "slip.build_failed"), kw_style(k, t->px_body, 1, t->warn_text), 0, t->gap);
    kw_para(k, &l, kiosk_t(k, "slip.language"), head, 0, t->gap / 2);
    language_buttons(k, &l);
    lay_space(&l, t->gap);
    /* the services chosen, in the staff member's language (the slip itself is in the family's),
     * on one line where they fit */
    char names[SLIP_MAX_SERVICES * 260] = "";
    for (int i = 0; i < k->v.slip.nids; i++) {
        const char *name = k->v.slip.ids[i];
        for (size_t j = 0; j < k->npick; j++)
            if (!strcmp(k->pick[j].id, k->v.slip.ids[i]) && k->pick[j].name) name = k->pick[j].name;
        size_t n = strlen(names);
        snprintf(names + n, sizeof names - n, "%s%.250s", i ? ", " : "", name);
    }
    kw_para(k, &l, names, body, 0, t->gap);
    kw_para(k, &l, kiosk_t(k, "slip.note"), head, 0, t->gap);
    ui_scroll_end(u, l.y + off - area.y);
    if (keyboard(k, kb, k->v.slip.note, sizeof k->v.slip.note, SLIP_NOTE_MAX_CHARS, 1)) k->changed = 1;
}

/* Back to the staff menu, wherever it is in the stack. */
static void to_menu(kiosk *k)
{
    for (int i = k->v.depth - 1; i > 0; i--)
        if (k->v.stack[i] == SCR_STAFF) { k->v.depth = i + 1; break; }
    k->changed = 1;
}

void screen_slip_preview(kiosk *k)
{
    const theme *t = &k->th;
    ui *u = &k->u;
    ui_rect c;
    if (screen_frame(k, kiosk_t(k, "slip.preview_title"), &c) || !k->sf.have_preview) return;
    const bitmap *bm = &k->sf.preview;
    /* the actions beside the paper when there is room, else below it */
    int side = c.w > c.h;   /* landscape */
    int aw = side ? c.w / 3 : c.w - 2 * t->pad;
    if (aw > t->box_w) aw = t->box_w;
    int actions_h = side ? 0 : 3 * (t->touch + t->gap) + 2 * text_line_height(u, "", 0, t->px_body, 1);
    ui_rect paper = { t->pad, c.y + t->gap, side ? c.w - aw - 3 * t->pad : c.w - 2 * t->pad,
                      c.h - 2 * t->gap - actions_h };
    int pw = bm->w, ph = bm->h;
    if (pw > paper.w - 2 * t->pad) { ph = (int)((long long)ph * (paper.w - 2 * t->pad) / pw); pw = paper.w - 2 * t->pad; }
    ui_fill(u, paper, t->surface_pressed);
    int off = ui_scroll_begin(u, SCROLL_SLIP_PREVIEW, paper);
    ui_rect img = { paper.x + (paper.w - pw) / 2, paper.y + t->pad - off, pw, ph };
    ui_image(u, img, bm->bits, bm->w, bm->h, bm->stride);
    ui_scroll_end(u, ph + 2 * t->pad);
    /* Print, then Edit at the start and Done at the end, then what the printer says */
    lay l = lay_begin(side ? c.w - aw - t->pad : t->pad, side ? c.y + t->gap : paper.y + paper.h + t->gap, aw, t->gap);
    if (kw_button(k, lay_block(&l, t->touch, t->gap), kiosk_t(k, "slip.print"), BTN_PRIMARY)) {
        staff_print(&k->sf, k->err, sizeof k->err);
        k->changed = 1;
    }
    int half = (aw - t->gap) / 2;
    lay_row(&l, 3, (int[]){ half, aw - 2 * half - 2 * t->gap, half }, t->touch);
    ui_rect edit = lay_next(&l);
    lay_next(&l);
    if (kw_button(k, edit, kiosk_t(k, "slip.edit"), BTN_PLAIN)) kiosk_back(k);
    if (kw_button(k, lay_next(&l), kiosk_t(k, "slip.done"), BTN_PLAIN)) to_menu(k);
    if (k->sf.missing_glyphs)
        kw_para(k, &l, kiosk_t(k, "slip.missing_glyphs"), kw_style(k, t->px_body, 1, t->warn_text), 2, 0);
    staff_printer_lines(k, &l);
}
