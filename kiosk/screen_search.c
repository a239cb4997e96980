/* screen_search.c - Search: the query field, results as you type, the on-screen keyboard. */
#include "screens.h"
#include <stdio.h>
#include <string.h>

void screen_search(kiosk *k)
{
    const theme *t = &k->th;
    ui *u = &k->u;
    ui_fill(u, (ui_rect){ 0, 0, u->w, u->h }, t->bg);
    ui_rect c = kw_topbar(k, kiosk_t(k, "search.title"));
    int kbw = u->w - 2 * t->pad;
    if (kbw > t->touch * 20) kbw = t->touch * 20;
    int kbh = keyboard_height(k, kbw);
    ui_rect kb = { (u->w - kbw) / 2, u->h - kbh - t->gap, kbw, kbh };
    ui_fill(u, (ui_rect){ 0, kb.y - t->gap, u->w, kbh + 2 * t->gap }, t->bar_bg);
    /* the field shows what was typed, with a caret after it */
    ui_rect field = { t->pad, c.y + t->gap, c.w - 2 * t->pad, t->touch };
    ui_fill(u, field, t->surface);
    ui_border(u, field, t->border_w, t->accent);
    char shown[300];
    snprintf(shown, sizeof shown, "%s|", k->v.query);
    ui_rect fin = { field.x + t->pad, field.y, field.w - 2 * t->pad, field.h };
    if (k->v.query[0]) text_label(u, fin, shown, kw_style(k, t->px_title, 0, t->text), 0);
    else text_label(u, fin, kiosk_t(k, "search.hint"), kw_style(k, t->px_body, 0, t->text_muted), 1);
    ui_rect area = { 0, field.y + field.h + t->gap, c.w, kb.y - 2 * t->gap - (field.y + field.h + t->gap) };
    if (k->v.query[0] && !k->nresults) {
        text_label(u, (ui_rect){ t->pad, area.y, area.w - 2 * t->pad, t->touch }, kiosk_t(k, "search.none"),
                   kw_style(k, t->px_body, 0, t->text), 1);
    } else if (k->nresults) {
        int hit = services_list(k, area, 0x600, k->results, k->nresults, NULL);
        if (hit >= 0) {
            kiosk_open_service(k, k->results[hit].id);
            kiosk_go(k, SCR_SERVICE);
            return;
        }
    }
    if (keyboard(k, kb, k->v.query, sizeof k->v.query, 60, 0)) kiosk_search_update(k);
}
