/* screen_search.c - Search: the query field, results as you type, the on-screen keyboard. */
#include "screens.h"
#include <stdio.h>
#include <string.h>

void screen_search(kiosk *k)
{
    const theme *t = &k->th;
    ui_rect c;
    if (screen_frame(k, kiosk_t(k, "search.title"), &c)) return;
    ui_rect kb = keyboard_dock(k);
    /* the field shows what was typed, with a caret after it; the results below it */
    lay l = lay_begin(t->pad, c.y + t->gap, c.w - 2 * t->pad, t->gap);
    kw_field(k, lay_block(&l, t->touch, t->gap), k->v.query, kiosk_t(k, "search.hint"));
    ui_rect area = { 0, l.y, c.w, kb.y - 2 * t->gap - l.y };
    if (k->v.query[0] && !k->nresults) {
        text_label(&k->u, (ui_rect){ t->pad, area.y, area.w - 2 * t->pad, t->touch }, kiosk_t(k, "search.none"),
                   kw_style(k, t->px_body, 0, t->text), 1);
    } else if (k->nresults) {
        int hit = services_list(k, area, SCROLL_SEARCH, k->results, k->nresults, NULL, NULL);
        if (hit >= 0) {
            kiosk_open_service(k, k->results[hit].id);
            kiosk_go(k, SCR_SERVICE);
            return;
        }
    }
    if (keyboard(k, kb, k->v.query, sizeof k->v.query, 60, 0)) kiosk_search_update(k);
}
