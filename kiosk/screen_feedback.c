/* screen_feedback.c - the entry to "Give feedback". The questions and the anonymous outbox come
 * with the feedback issue; until then this screen says so plainly and offers the way back. */
#include "screens.h"

void screen_feedback(kiosk *k)
{
    const theme *t = &k->th;
    ui *u = &k->u;
    ui_fill(u, (ui_rect){ 0, 0, u->w, u->h }, t->bg);
    ui_rect c = kw_topbar(k, kiosk_t(k, "feedback.title"));
    int w = c.w - 2 * t->pad;
    if (w > t->px_body * 40) w = t->px_body * 40;
    text_style st = { t->px_title, 0, t->text, TEXT_START };
    text_paragraph(u, (ui_rect){ t->pad, c.y + t->pad, w, 0 }, kiosk_t(k, "feedback.soon"), st, 0, 1);
}
