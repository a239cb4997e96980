/* idle.c - see idle.h. */
#include "idle.h"
#include "widgets.h"
#include <stdio.h>
#include <string.h>

const char *idle_default_language(const kiosk *k)
{
    if (k->cfg->language[0]) return k->cfg->language;
    if (k->have_site && k->site.default_language[0]) return k->site.default_language;
    return "fi";
}

void idle_reset(kiosk *k)
{
    k->resets++;                   /* the app drops every texture drawn from the visit's text */
    if (k->v.fb_comment[0]) k->fb_wipes++;
    staff_end(&k->sf);             /* ends staff mode and forgets the slip being made */
    if (k->have_fb) feedback_visit_end(&k->fb);   /* the next answer starts a new visit */
    kiosk_forget_visit_content(k);
    /* the visit as a whole: screens, texts, drafts, scroll positions, the slip draft */
    visit_reset(&k->v, NULL, k->cfg->large_text, k->cfg->high_contrast);
    ui_reset_input(&k->u);
    kiosk_apply_theme(k);
    kiosk_set_language(k, idle_default_language(k));
}

/* Nothing of a visitor to forget: Home, nothing typed, the default language and display. */
static int pristine(const kiosk *k)
{
    return k->v.depth == 1 && !k->v.query[0] && strcmp(k->v.lang, idle_default_language(k)) == 0 &&
           k->v.large_text == k->cfg->large_text && k->v.high_contrast == k->cfg->high_contrast;
}

/* "Still there?" with a countdown; a tap anywhere keeps the visit going. */
void idle_screen(kiosk *k, uint32_t now_ms)
{
    const theme *t = &k->th;
    uint32_t idle_ms = now_ms - k->last_input_ms;
    uint32_t timeout = (uint32_t)k->cfg->idle_timeout_s * 1000u;
    uint32_t countdown = (uint32_t)k->cfg->idle_countdown_s * 1000u;
    if (idle_ms < timeout || pristine(k)) { k->v.still_there = 0; return; }
    if (idle_ms >= timeout + countdown) { idle_reset(k); return; }
    k->v.still_there = 1;
    int left = (int)((timeout + countdown - idle_ms + 999) / 1000);
    ui_rect all = { 0, 0, k->u.w, k->u.h };
    ui_fill(&k->u, all, (ui_color){ 0, 0, 0, 170 });
    int bw = k->u.w * 3 / 4, bh = t->touch * 5;
    if (bw > t->box_w) bw = t->box_w;
    ui_rect box = { (k->u.w - bw) / 2, (k->u.h - bh) / 2, bw, bh };
    ui_fill(&k->u, box, t->surface);
    ui_border(&k->u, box, t->border_w, t->border);
    /* the title and the countdown from the top, the button at the bottom */
    lay l = lay_begin(box.x + t->pad, box.y + t->pad, box.w - 2 * t->pad, 0);
    text_label(&k->u, lay_block(&l, t->touch, 0), kiosk_t(k, "idle.title"), kw_style(k, t->px_big, 1, t->text), 1);
    char n[16], msg[256];
    snprintf(n, sizeof n, "%d", left);
    const char *args[] = { n };
    i18n_format(msg, sizeof msg, kiosk_t(k, "idle.countdown"), args, 1);
    text_label(&k->u, lay_block(&l, t->touch, 0), msg, kw_style(k, t->px_body, 0, t->text), 1);
    lay_space(&l, bh - 3 * t->touch - 2 * t->pad);
    kw_button(k, lay_block(&l, t->touch, 0), kiosk_t(k, "idle.stay"), BTN_PRIMARY);   /* a tap anywhere stays */
    /* the wake-up for the next second of the countdown */
    uint32_t next = now_ms + 1000 - (idle_ms % 1000);
    if (!k->u.wake_ms || next < k->u.wake_ms) k->u.wake_ms = next;
}
