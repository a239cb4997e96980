/* screen_frame.c - what every screen but Home begins with (screens.h): the background and the
 * top bar, and following the bar's Back and Home, which the bar itself only reports. */
#include "screens.h"

int screen_frame(kiosk *k, const char *title, ui_rect *content)
{
    ui_fill(&k->u, (ui_rect){ 0, 0, k->u.w, k->u.h }, k->th.bg);
    switch (kw_topbar(k, title, content)) {
    case KW_BACK: kiosk_back(k); return 1;
    case KW_HOME: kiosk_home(k); return 1;
    default: return 0;
    }
}
