/* screen_feedback.c - "Give feedback": four faces, then the site's questions (single choice:
 * one tap; multiple choice: ticks and Next), then an optional comment on the on-screen keyboard,
 * then thanks, and back to where the visitor was (Home, or the service or event detail whose
 * "Did this help you?" row was tapped). Every answer goes to the anonymous outbox (feedback.h)
 * the moment it is given, so nothing of it waits on screen; the screen says thank you only after
 * the store has it. Skip is always there, one tap. */
#include "screens.h"
#include "feedback_flow.h"
#include <stdio.h>
#include <string.h>

/* A face drawn from rectangles, so no emoji font is needed: eyes, and a mouth whose corners
 * go up or down with the mood (1 very unhappy .. 4 very happy). */
static void face(kiosk *k, ui_rect r, int mood, ui_color c)
{
    int s = r.w < r.h ? r.w : r.h, x0 = r.x + (r.w - s) / 2, y0 = r.y + (r.h - s) / 2;
    int lw = s / 14 > 2 ? s / 14 : 2;
    ui_border(&k->u, (ui_rect){ x0, y0, s, s }, lw, c);
    ui_fill(&k->u, (ui_rect){ x0 + s * 3 / 10, y0 + s * 3 / 10, s / 8, s / 8 }, c);
    ui_fill(&k->u, (ui_rect){ x0 + s * 6 / 10, y0 + s * 3 / 10, s / 8, s / 8 }, c);
    /* the mouth: seven steps; curve -2..2 bends the ends (negative: frown) */
    static const int curve[5] = { 0, -2, -1, 1, 2 };
    int bend = curve[mood < 1 ? 1 : mood > 4 ? 4 : mood];
    int step = s / 10, my = y0 + s * 65 / 100;
    for (int i = 0; i < 7; i++) {
        int d = i - 3;                          /* -3..3 from the middle */
        int dy = -bend * (d * d) * s / 120;     /* ends higher for a smile */
        ui_fill(&k->u, (ui_rect){ x0 + s / 2 - step * 7 / 2 + i * step, my + dy, step, lw }, c);
    }
}

static void faces(kiosk *k, ui_rect c)
{
    const theme *t = &k->th;
    ui *u = &k->u;
    static const char *const labels[4] = { "feedback.face1", "feedback.face2", "feedback.face3", "feedback.face4" };
    lay l = lay_begin(t->pad, c.y + t->pad, c.w - 2 * t->pad, t->gap);
    kw_para(k, &l, kiosk_t(k, "feedback.question"), (text_style){ t->px_big, 1, t->text, TEXT_CENTER }, 2, t->pad);
    int cols = c.w > c.h ? 4 : 2, rows = 4 / cols;
    int bw = (l.w - (cols - 1) * t->gap) / cols;
    int bh = (c.y + c.h - l.y - t->pad - (rows - 1) * t->gap) / rows;
    /* the largest label size at which every label fits its face's width (larger text, long words) */
    const int sizes[3] = { t->px_title, t->px_body, t->px_small };
    int lpx = t->px_small;
    for (int s = 0; s < 3; s++) {
        int fits = 1;
        for (int i = 0; i < 4 && fits; i++) {
            const char *l = kiosk_t(k, labels[i]);
            fits = text_width(u, l, strlen(l), sizes[s], 1) <= bw - t->pad;
        }
        if (fits) { lpx = sizes[s]; break; }
    }
    int lh = text_line_height(u, "", 0, lpx, 1);
    if (bh > bw + lh) bh = bw + lh;
    lay_row(&l, cols, NULL, bh);
    for (int i = 0; i < 4; i++) {
        /* the happiest face first on the start side, like reading a scale from good to bad */
        int mood = 4 - i;
        ui_rect r = lay_next(&l);
        int pressed = ui_pressed(u, r);
        ui_fill(u, r, pressed ? t->surface_pressed : t->surface);
        ui_border(u, r, t->border_w, t->border);
        ui_rect fr = { r.x + t->pad, r.y + t->pad, r.w - 2 * t->pad, r.h - 2 * t->pad - lh };
        face(k, fr, mood, t->text);
        text_label(u, (ui_rect){ r.x + t->pad / 2, r.y + r.h - lh - t->pad / 2, r.w - t->pad, lh },
                   kiosk_t(k, labels[mood - 1]), (text_style){ lpx, 1, t->text, TEXT_CENTER }, 1);
        if (kw_tap_card(k, r)) { fbflow_face(k, mood); return; }
    }
}

int feedback_row(kiosk *k, int x, int y, int w)
{
    const theme *t = &k->th;
    ui *u = &k->u;
    static const char *const labels[4] = { "feedback.face1", "feedback.face2", "feedback.face3", "feedback.face4" };
    lay l = lay_begin(x, y + t->gap, w, t->gap);
    kw_para(k, &l, kiosk_t(k, "feedback.helped"), kw_style(k, t->px_title, 1, t->text), 0, t->gap);
    /* four in a row when every label fits under its face, else two by two */
    int lh = text_line_height(u, "", 0, t->px_small, 1), widest = 0;
    for (int i = 0; i < 4; i++) {
        const char *l = kiosk_t(k, labels[i]);
        int lw = text_width(u, l, strlen(l), t->px_small, 1);
        if (lw > widest) widest = lw;
    }
    int cols = 4, bw = (w - 3 * t->gap) / 4;
    if (widest + t->pad > bw) { cols = 2; bw = (w - t->gap) / 2; }
    if (bw > t->touch * 4) bw = t->touch * 4;
    int fs = t->touch, bh = t->pad / 2 + fs + lh + t->pad / 2;
    lay_row(&l, cols, (int[]){ bw, bw, bw, bw }, bh);
    for (int i = 0; i < 4; i++) {
        int mood = 4 - i;   /* the happiest first, as on the feedback screen */
        ui_rect r = lay_next(&l);
        if (!ui_visible(u, r)) continue;
        ui_fill(u, r, ui_pressed(u, r) ? t->surface_pressed : t->surface);
        ui_border(u, r, t->border_w, t->border);
        face(k, (ui_rect){ r.x, r.y + t->pad / 2, r.w, fs }, mood, t->text);
        text_label(u, (ui_rect){ r.x + t->pad / 4, r.y + t->pad / 2 + fs, r.w - t->pad / 2, lh },
                   kiosk_t(k, labels[mood - 1]), (text_style){ t->px_small, 1, t->text, TEXT_CENTER }, 1);
        if (kw_tap_card(k, r)) {
            fbflow_open(k);
            fbflow_face(k, mood);
        }
    }
    return l.y - y;
}

/* An answer option at (x, y), w wide: a button as tall as a touch target, or taller when its
 * label must wrap (larger text, long options); *h gets its height. Returns 1 when tapped. */
static int option(kiosk *k, int x, int y, int w, const char *label, int on, int *h)
{
    const theme *t = &k->th;
    ui *u = &k->u;
    char buf[600];
    snprintf(buf, sizeof buf, "%s%s", on ? "\xE2\x9C\x93 " : "", label);   /* a tick as well as colour */
    text_style st = { t->px_body, 1, on ? t->accent_text : t->text, TEXT_CENTER };
    int inner = w - t->pad;
    int th = text_paragraph(u, (ui_rect){ 0, 0, inner, 0 }, buf, st, 0, 0);
    *h = th + t->pad > t->touch ? th + t->pad : t->touch;
    ui_rect r = { x, y, w, *h };
    kw_note_card(k, r);   /* tap-card N */
    if (*h == t->touch) return kw_button(k, r, label, on ? BTN_SELECTED : BTN_PLAIN);
    int pressed = ui_pressed(u, r);
    ui_fill(u, r, on ? (pressed ? t->accent_pressed : t->accent) : (pressed ? t->surface_pressed : t->surface));
    ui_border(u, r, t->border_w, t->border);
    text_paragraph(u, (ui_rect){ x + t->pad / 2, y + (*h - th) / 2, inner, 0 }, buf, st, 0, 1);
    return ui_tapped(u, r);
}

static void question(kiosk *k, ui_rect c)
{
    const theme *t = &k->th;
    ui *u = &k->u;
    const catalog_question *q = &k->questions[k->v.fb_q];
    ui_rect col = lay_column(c, t->pad, t->form_w, 1);
    int off = ui_scroll_begin(u, SCROLL_QUESTION + (uint32_t)k->v.fb_q, c);
    lay l = lay_begin(col.x, c.y + t->pad - off, col.w, t->gap);
    kw_para(k, &l, q->text, kw_style(k, t->px_title, 1, t->text), 0, t->pad);
    for (int i = 0; i < q->noptions && i < 8; i++) {
        int on = (k->v.fb_chosen >> i) & 1, h;
        int tapped = option(k, l.x, l.y, l.w, q->option_text[i] ? q->option_text[i] : "", on, &h);
        if (tapped && !q->multiple) { fbflow_choose(k, 1u << i); break; }
        if (tapped) fbflow_toggle(k, i);
        lay_space(&l, h + t->gap);
    }
    /* Next (several choices) at the start, Skip at the end */
    lay_space(&l, t->gap);
    int half = (l.w - t->gap) / 2;
    lay_row(&l, 3, (int[]){ half, l.w - 2 * half - 2 * t->gap, half }, t->touch);
    ui_rect next = lay_next(&l);
    lay_next(&l);
    ui_rect skip = lay_next(&l);
    if (q->multiple && kw_button(k, next, kiosk_t(k, "feedback.next"), BTN_PRIMARY))
        fbflow_choose(k, k->v.fb_chosen);
    else if (kw_button(k, skip, kiosk_t(k, "feedback.skip"), BTN_PLAIN))
        fbflow_skip_question(k);
    ui_scroll_end(u, skip.y + skip.h + t->pad + off - c.y);
}

/* The comment step: the privacy notice, the field with what is left, Send and Skip, and the
 * on-screen keyboard. The keyboard is laid out first so a script's `type` finds its keys before
 * any text of the comment. */
static void comment(kiosk *k, ui_rect c)
{
    const theme *t = &k->th;
    ui *u = &k->u;
    int max = k->fb.comment_max_chars;
    ui_rect kb = keyboard_dock(k);
    if (keyboard(k, kb, k->v.fb_comment, sizeof k->v.fb_comment, max, 1)) { k->changed = 1; return; }
    if (k->changed) return;   /* the layout switch */

    ui_rect col = lay_column(c, t->pad, t->read_w, 1);
    int w = col.w, x = col.x, y = c.y + t->pad, avail = kb.y - 2 * t->gap - y;
    /* Skip and Send on the end side; what is left on their start side, or on a line of its own */
    const char *l_send = kiosk_t(k, "feedback.send"), *l_skip = kiosk_t(k, "feedback.skip");
    int sw = kw_button_width(k, l_send, t->px_body), kw = kw_button_width(k, l_skip, t->px_body);
    if (sw < t->touch * 3) sw = t->touch * 3;
    if (kw < t->touch * 3) kw = t->touch * 3;
    char n[16], left[160];
    int used = (int)mj_utf8_len(k->v.fb_comment);
    /* none left once the buffer cannot take another character of any length */
    int room = strlen(k->v.fb_comment) + 4 < sizeof k->v.fb_comment;
    snprintf(n, sizeof n, "%d", max > used && room ? max - used : 0);
    const char *args[] = { n };
    i18n_format(left, sizeof left, kiosk_t(k, "feedback.comment_left"), args, 1);
    int beside = w - sw - kw - 2 * t->gap, cpx = t->px_body;
    int clh = text_line_height(u, left, strlen(left), cpx, 0);
    int own_line = text_width(u, left, strlen(left), cpx, 0) > beside;
    int row_h = own_line ? clh + t->gap / 2 + t->touch : t->touch;
    /* the notice, with a bar on its start side; smaller text when the screen is short */
    const char *notice = kiosk_t(k, "feedback.comment_notice");
    int bar = t->gap / 2 > 3 ? t->gap / 2 : 3, px = t->px_body;
    int nh = text_paragraph(u, (ui_rect){ 0, 0, w - bar - t->pad, 0 }, notice, kw_style(k, px, 1, t->text), 0, 0);
    if (nh + t->gap + t->touch + t->gap + row_h > avail && t->px_small < px) {
        px = t->px_small;
        nh = text_paragraph(u, (ui_rect){ 0, 0, w - bar - t->pad, 0 }, notice, kw_style(k, px, 1, t->text), 0, 0);
    }
    /* still too short (larger text on a small screen): the field shares its row with the
     * buttons, what is left goes small under them */
    int compact = nh + t->gap + t->touch + t->gap + row_h > avail;
    if (compact) {
        cpx = t->px_small;
        clh = text_line_height(u, left, strlen(left), cpx, 0);
        own_line = 1;
        row_h = t->touch + t->gap / 2 + clh;
    }
    /* the field: as tall as the room allows (at most eight lines), the end of the text in view;
     * notice, field and buttons together in the middle of the room above the keyboard */
    int lh = text_line_height(u, "", 0, t->px_body, 0);
    int fh = avail - nh - t->gap - row_h - t->gap;
    if (fh > 8 * lh + t->pad) fh = 8 * lh + t->pad;
    if (fh < t->touch || compact) fh = t->touch;
    int total = nh + t->gap + (compact ? 0 : fh + t->gap) + row_h;
    if (avail > total) y += (avail - total) / 2;
    lay l = lay_begin(x, y, w, 0);
    /* the notice with its bar; the field (compact: on the buttons' row); what is left on a line
     * of its own, or beside the buttons; Skip and Send at the end */
    ui_rect nr = lay_block(&l, nh, t->gap), bar_r = lay_cut_left(&nr, bar, t->pad);
    ui_rect field = compact ? (ui_rect){ 0 } : lay_block(&l, fh, t->gap);
    ui_rect left_r = own_line && !compact ? lay_block(&l, clh, t->gap / 2) : (ui_rect){ 0 };
    ui_rect row = lay_block(&l, t->touch, t->gap / 2);
    ui_rect send = lay_cut_right(&row, sw, t->gap), skip = lay_cut_right(&row, kw, t->gap);
    if (compact) { field = row; left_r = lay_block(&l, clh, 0); }
    else if (!own_line) left_r = row;
    ui_fill(u, bar_r, t->accent);
    text_paragraph(u, nr, notice, kw_style(k, px, 1, t->text), 0, 1);
    ui_fill(u, field, t->surface);
    ui_border(u, field, t->border_w, t->accent);
    ui_rect in = { field.x + t->pad / 2, field.y + t->pad / 4, field.w - t->pad, field.h - t->pad / 2 };
    if (k->v.fb_comment[0]) {
        char shown[VISIT_COMMENT_BYTES + 4];
        snprintf(shown, sizeof shown, "%s|", k->v.fb_comment);
        text_style st = kw_style(k, t->px_body, 0, t->text);
        int th = text_paragraph(u, (ui_rect){ 0, 0, in.w, 0 }, shown, st, 0, 0);
        ui_push_clip(u, in);
        text_paragraph(u, (ui_rect){ in.x, th > in.h ? in.y + in.h - th : in.y, in.w, 0 }, shown, st, 0, 1);
        ui_pop_clip(u);
    } else {
        /* a hint only: on the narrow compact field it may end in an ellipsis */
        text_label(u, (ui_rect){ in.x, in.y, in.w, compact ? in.h : lh }, kiosk_t(k, "feedback.comment_hint"),
                   kw_style(k, t->px_body, 0, t->text_muted), !compact);
    }
    text_label(u, left_r, left, kw_style(k, cpx, 0, t->text), 1);
    if (kw_button(k, skip, l_skip, BTN_PLAIN)) { fbflow_skip_comment(k); return; }
    if (kw_button(k, send, l_send, BTN_PRIMARY)) fbflow_send_comment(k);
}

/* Thanks (or the error): a tap anywhere, the button, or FBFLOW_THANKS_MS go back to where the
 * visitor was. */
static void message(kiosk *k, ui_rect c, const char *id)
{
    const theme *t = &k->th;
    ui *u = &k->u;
    ui_rect col = lay_column(c, t->pad, t->form_w, 1);
    if (k->v.fb_step == FB_THANKS) {
        if (fbflow_thanks_over(k, u->now_ms)) { fbflow_done(k); return; }
        uint32_t due = k->v.fb_thanks_ms + FBFLOW_THANKS_MS;
        if (!u->wake_ms || due < u->wake_ms) u->wake_ms = due;
    }
    lay l = lay_begin(col.x, c.y + c.h / 5, col.w, 0);
    kw_para(k, &l, kiosk_t(k, id), (text_style){ t->px_big, 1, t->text, TEXT_CENTER }, 0, t->pad);
    if (k->v.fb_step == FB_THANKS && k->v.fb_masked)
        kw_para(k, &l, kiosk_t(k, "feedback.comment_masked"), (text_style){ t->px_body, 0, t->text, TEXT_CENTER }, 0,
                t->pad);
    if (kw_button(k, lay_block(&l, t->touch, 0), kiosk_t(k, "feedback.continue"), BTN_PRIMARY) || ui_tapped(u, c))
        fbflow_done(k);
}

void screen_feedback(kiosk *k)
{
    ui_rect c;
    if (screen_frame(k, kiosk_t(k, "feedback.title"), &c)) {
        /* left with Back or Home: nothing typed stays behind */
        fbflow_left(k);
        return;
    }
    if (fbflow_check(k)) return;
    switch (k->v.fb_step) {
    case FB_FACE: faces(k, c); break;
    case FB_QUESTION: question(k, c); break;
    case FB_COMMENT: comment(k, c); break;
    case FB_THANKS: message(k, c, "feedback.thanks"); break;
    default: message(k, c, "feedback.error"); break;
    }
}
