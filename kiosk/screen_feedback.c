/* screen_feedback.c - "Give feedback": four faces, then the site's questions (single choice:
 * one tap; multiple choice: ticks and Next), then thanks. Every answer goes to the anonymous
 * outbox (feedback.h) the moment it is given, so nothing of it waits on screen; the screen says
 * thank you only after the store has it. Skip is always there. */
#include "screens.h"
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

static void give_face(kiosk *k, int mood)
{
    int rc = k->have_fb ? feedback_give_face(&k->fb, "home", k->lang, mood, k->now, NULL, k->err, sizeof k->err)
                        : MJ_EDB;
    if (rc < 0) { k->fb_step = FB_ERROR; k->changed = 1; return; }
    k->fb_step = k->nquestions ? FB_QUESTION : FB_THANKS;
    k->fb_q = 0;
    k->fb_chosen = 0;
    k->changed = 1;
}

static void next_question(kiosk *k)
{
    k->fb_q++;
    k->fb_chosen = 0;
    if (k->fb_q >= k->nquestions) k->fb_step = FB_THANKS;
    k->changed = 1;
}

static void give_choice(kiosk *k, const catalog_question *q, unsigned chosen)
{
    const char *ids[8];
    size_t n = 0;
    for (int i = 0; i < q->noptions && i < 8; i++)
        if (chosen & (1u << i)) ids[n++] = q->option_id[i];
    if (n && (!k->have_fb || feedback_give_choice(&k->fb, "home", k->lang, q->id, q->version, ids, n, k->now,
                                                  NULL, k->err, sizeof k->err) < 0)) {
        k->fb_step = FB_ERROR;
        k->changed = 1;
        return;
    }
    next_question(k);
}

static void faces(kiosk *k, ui_rect c)
{
    const theme *t = &k->th;
    ui *u = &k->u;
    static const char *const labels[4] = { "feedback.face1", "feedback.face2", "feedback.face3", "feedback.face4" };
    int y = c.y + t->pad;
    y += text_paragraph(u, (ui_rect){ t->pad, y, c.w - 2 * t->pad, 0 }, kiosk_t(k, "feedback.question"),
                        (text_style){ t->px_big, 1, t->text, TEXT_CENTER }, 2, 1) + t->pad;
    int cols = c.w > c.h ? 4 : 2, rows = 4 / cols;
    int bw = (c.w - 2 * t->pad - (cols - 1) * t->gap) / cols;
    int bh = (c.y + c.h - y - t->pad - (rows - 1) * t->gap) / rows;
    int lh = text_line_height(u, "", 0, t->px_title, 1);
    if (bh > bw + lh) bh = bw + lh;
    for (int i = 0; i < 4; i++) {
        /* the happiest face first on the start side, like reading a scale from good to bad */
        int mood = 4 - i;
        ui_rect r = { t->pad + (i % cols) * (bw + t->gap), y + (i / cols) * (bh + t->gap), bw, bh };
        int pressed = ui_pressed(u, r);
        ui_fill(u, r, pressed ? t->surface_pressed : t->surface);
        ui_border(u, r, t->border_w, t->border);
        ui_rect fr = { r.x + t->pad, r.y + t->pad, r.w - 2 * t->pad, r.h - 2 * t->pad - lh };
        face(k, fr, mood, t->text);
        text_label(u, (ui_rect){ r.x + t->pad / 2, r.y + r.h - lh - t->pad / 2, r.w - t->pad, lh },
                   kiosk_t(k, labels[mood - 1]), (text_style){ t->px_title, 1, t->text, TEXT_CENTER }, 1);
        if (kw_tap_card(k, r)) { give_face(k, mood); return; }
    }
}

static void question(kiosk *k, ui_rect c)
{
    const theme *t = &k->th;
    ui *u = &k->u;
    const catalog_question *q = &k->questions[k->fb_q];
    int w = c.w - 2 * t->pad;
    if (w > t->px_body * 40) w = t->px_body * 40;
    int x = (c.w - w) / 2;
    int off = ui_scroll_begin(u, 0x700 + (uint32_t)k->fb_q, c);
    int y = c.y + t->pad - off;
    y += text_paragraph(u, (ui_rect){ x, y, w, 0 }, q->text, kw_style(k, t->px_title, 1, t->text), 0, 1) + t->pad;
    for (int i = 0; i < q->noptions && i < 8; i++) {
        ui_rect r = { x, y, w, t->touch };
        int on = (k->fb_chosen >> i) & 1;
        if (kw_button(k, r, q->option_text[i] ? q->option_text[i] : "", on ? BTN_SELECTED : BTN_PLAIN)) {
            if (!q->multiple) { give_choice(k, q, 1u << i); break; }
            k->fb_chosen ^= 1u << i;
            k->changed = 1;
        }
        y += t->touch + t->gap;
    }
    y += t->gap;
    int half = (w - t->gap) / 2;
    if (q->multiple && kw_button(k, (ui_rect){ x, y, half, t->touch }, kiosk_t(k, "feedback.next"), BTN_PRIMARY))
        give_choice(k, q, k->fb_chosen);
    else if (kw_button(k, (ui_rect){ x + w - half, y, half, t->touch }, kiosk_t(k, "feedback.skip"), BTN_PLAIN))
        next_question(k);
    y += t->touch + t->pad;
    ui_scroll_end(u, y + off - c.y);
}

static void message(kiosk *k, ui_rect c, const char *id)
{
    const theme *t = &k->th;
    int w = c.w - 2 * t->pad;
    if (w > t->px_body * 40) w = t->px_body * 40;
    int x = (c.w - w) / 2, y = c.y + c.h / 4;
    y += text_paragraph(&k->u, (ui_rect){ x, y, w, 0 }, kiosk_t(k, id),
                        (text_style){ t->px_big, 1, t->text, TEXT_CENTER }, 0, 1) + t->pad;
    if (kw_button(k, (ui_rect){ x, y, w, t->touch }, kiosk_t(k, "nav.home"), BTN_PRIMARY)) kiosk_home(k);
}

void screen_feedback(kiosk *k)
{
    const theme *t = &k->th;
    ui *u = &k->u;
    ui_fill(u, (ui_rect){ 0, 0, u->w, u->h }, t->bg);
    ui_rect c = kw_topbar(k, kiosk_t(k, "feedback.title"));
    if (k->changed) return;
    switch (k->fb_step) {
    case FB_FACE: faces(k, c); break;
    case FB_QUESTION:
        if (k->fb_q < k->nquestions) question(k, c);
        else { k->fb_step = FB_THANKS; k->changed = 1; }
        break;
    case FB_THANKS: message(k, c, "feedback.thanks"); break;
    default: message(k, c, "feedback.error"); break;
    }
}
