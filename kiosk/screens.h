/* screens.h - the visitor screens and the few widgets they share. Each screen lays itself out
 * from the screen size and theme, answers taps through ui.h and changes kiosk state through
 * kiosk.h; nothing here knows SDL. Rectangles are logical (mirrored by ui in Arabic). */
#ifndef MAJAKKA_SCREENS_H
#define MAJAKKA_SCREENS_H
#include "kiosk.h"

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

/* Staff screens: the printer's state and the last print action's outcome, as lines at *y. */
void staff_printer_lines(kiosk *k, int x, int *y, int w);

/* "Did this help you?" with the four faces in a compact row, for the end of a detail screen,
 * at (x, y) within width w; a tap opens feedback about that detail with the face given.
 * Returns the height used. */
int feedback_row(kiosk *k, int x, int y, int w);

/* The on-screen keyboard inside r; edits buf (cap bytes, at most max_chars characters, always
 * NUL-terminated) and returns 1 when it changed. punct adds , . ? keys (free text: comments). */
int keyboard(kiosk *k, ui_rect r, char *buf, size_t cap, int max_chars, int punct);
/* Height the keyboard wants for width w. */
int keyboard_height(const kiosk *k, int w);

enum { BTN_PLAIN, BTN_PRIMARY, BTN_SELECTED, BTN_BAR };

/* A button with a centred label; returns 1 when tapped. Selected buttons also show a tick,
 * so state is never told by colour alone. */
int kw_button(kiosk *k, ui_rect r, const char *label, int style);
/* Width a button needs for label (at least one touch target). */
int kw_button_width(kiosk *k, const char *label, int px);
/* The top bar with Back and Home at fixed places and a title; returns the content area. */
ui_rect kw_topbar(kiosk *k, const char *title);
/* Audience chips (text labels) from x, y within maxw; returns the height used. */
int kw_chips(kiosk *k, int x, int y, int maxw, unsigned audiences, int draw);
/* "Open now, closes 16.00" / "Closed, opens Mon 8.00" for a state. */
void kw_open_text(kiosk *k, const hours_state *hs, char *buf, size_t len);
/* A scrolling list of services inside area; returns the index tapped, or -1. open may be NULL. */
int services_list(kiosk *k, ui_rect area, uint32_t scroll_id, const catalog_service *v, size_t n,
                  const hours_state *open);
/* A language's own name ("Suomi", "العربية"), or the code when unknown. */
const char *kw_endonym(const char *code);
/* Text style shortcuts. */
text_style kw_style(const kiosk *k, int px, int bold, ui_color c);
/* A tappable card around a list row; returns 1 when tapped (drag-scrolling never taps). */
int kw_card(kiosk *k, ui_rect r);
/* Lists a visible card in k->cards (test scripts tap "card N"). */
void kw_note_card(kiosk *k, ui_rect r);
/* The tap test of a card, which also lists it in k->cards. */
int kw_tap_card(kiosk *k, ui_rect r);

#endif
