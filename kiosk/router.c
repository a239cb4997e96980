/* router.c - see router.h. */
#include "router.h"
#include "idle.h"
#include "screens.h"

typedef void (*screen_fn)(kiosk *);
static const screen_fn screens[SCR_COUNT] = {
    [SCR_HOME] = screen_home, [SCR_CATEGORIES] = screen_categories, [SCR_SERVICES] = screen_services,
    [SCR_SERVICE] = screen_service, [SCR_EVENTS] = screen_events, [SCR_EVENT] = screen_event,
    [SCR_SEARCH] = screen_search, [SCR_FEEDBACK] = screen_feedback, [SCR_PIN] = screen_pin,
    [SCR_STAFF] = screen_staff, [SCR_SLIP_PICK] = screen_slip_pick, [SCR_SLIP_EDIT] = screen_slip_edit,
    [SCR_SLIP_PREVIEW] = screen_slip_preview, [SCR_STAFF_PRINTER] = screen_staff_printer,
    [SCR_STAFF_COUNTS] = screen_staff_counts, [SCR_STAFF_STATUS] = screen_staff_status,
};

void router_frame(kiosk *k, uint32_t now_ms)
{
    if (kiosk_in_staff(k)) {
        /* staff mode lives only on its screens, and ends after its own idle minutes */
        if (k->u.in.down || k->u.in.tapped) staff_touch(&k->sf, k->now);
        if (!staff_active(&k->sf, k->now)) idle_reset(k);
        else {
            uint32_t left = (uint32_t)(k->sf.session.last + k->sf.cfg->staff_idle_s - k->now) * 1000u + 500u;
            if (!k->u.wake_ms || now_ms + left < k->u.wake_ms) k->u.wake_ms = now_ms + left;
        }
    } else if (k->sf.session.active) {
        staff_end(&k->sf);
    }
    for (int pass = 0; pass < 3; pass++) {
        ui_frame_begin(&k->u, now_ms);
        k->changed = 0;
        k->ncards = 0;
        int tapped = k->u.in.tapped;
        if (k->v.still_there) k->u.in.tapped = 0;   /* the overlay is modal */
        screen_id s = kiosk_screen(k);
        screens[s < SCR_COUNT ? s : SCR_HOME](k);
        if (k->v.still_there && tapped) {
            /* any tap on the overlay means "still here" (the app has moved last_input_ms) */
            k->v.still_there = 0;
            k->changed = 1;
        }
        if (!k->changed && !kiosk_in_staff(k)) idle_screen(k, now_ms);
        if (!k->changed) break;
        k->u.in.tapped = 0;   /* the tap was answered; lay out the new state without it */
    }
}
