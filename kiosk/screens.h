/* screens.h - the visitor and staff screens (screen_*.c) and what they share above the widgets.
 * Each screen lays itself out from the screen size and theme (layout.h, widgets.h), answers
 * taps through ui.h and changes state through kiosk.h and the flows; nothing here knows SDL.
 * The router (router.c) calls the open one every frame. */
#ifndef MAJAKKA_SCREENS_H
#define MAJAKKA_SCREENS_H
#include "keyboard.h"
#include "kiosk.h"
#include "layout.h"
#include "widgets.h"

void screen_home(kiosk *k);
void screen_categories(kiosk *k);
void screen_services(kiosk *k);
void screen_service(kiosk *k);
void screen_events(kiosk *k);
void screen_event(kiosk *k);
void screen_search(kiosk *k);
void screen_feedback(kiosk *k);
void screen_pin(kiosk *k);
void screen_staff(kiosk *k);
void screen_slip_pick(kiosk *k);
void screen_slip_edit(kiosk *k);
void screen_slip_preview(kiosk *k);
void screen_staff_printer(kiosk *k);
void screen_staff_counts(kiosk *k);
void screen_staff_status(kiosk *k);

/* The scroll areas by name (ui_scroll_begin's ids; the visit keeps their positions). */
enum {
    SCROLL_CATEGORIES = 0x100, SCROLL_SERVICES = 0x200, SCROLL_SERVICE = 0x300, SCROLL_EVENT = 0x400,
    SCROLL_EVENTS = 0x500,          /* + 16 * range + (audience chosen): each filter its own */
    SCROLL_SEARCH = 0x600,
    SCROLL_QUESTION = 0x700,        /* + the question's index */
    SCROLL_STAFF = 0x800, SCROLL_STAFF_PRINTER = 0x810, SCROLL_STAFF_COUNTS = 0x820, SCROLL_STAFF_STATUS = 0x830,
    SCROLL_SLIP_PICK = 0x900, SCROLL_SLIP_EDIT = 0x910, SCROLL_SLIP_PREVIEW = 0x920,
};

/* A screen's frame: the background and the top bar with title, following its Back and Home.
 * *content gets the area below the bar. Returns 1 when the visitor left the screen: it lays
 * out nothing more this pass. */
int screen_frame(kiosk *k, const char *title, ui_rect *content);

/* Staff screens: the printer's state and the last print action's outcome, as lines at the cursor. */
void staff_printer_lines(kiosk *k, lay *l);

/* "Did this help you?" with the four faces in a compact row, for the end of a detail screen,
 * at (x, y) within width w; a tap opens feedback about that detail with the face given.
 * Returns the height used. */
int feedback_row(kiosk *k, int x, int y, int w);

/* A scrolling list of services inside area; returns the index tapped, or -1. open may be NULL;
 * only, when not NULL, keeps the services open in it (the walk-in filter). */
int services_list(kiosk *k, ui_rect area, uint32_t scroll_id, const catalog_service *v, size_t n,
                  const hours_state *open, const hours_state *only);

#endif
