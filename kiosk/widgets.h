/* widgets.h - the widgets every screen shares: buttons, cards, the top bar, a text field,
 * audience chips, text styles. Like rxi/microui's, a widget draws itself and reports what
 * happened (a tap: 1; the top bar: KW_BACK or KW_HOME); the caller acts on it, so no widget
 * navigates or changes the visit. Rectangles are logical (ui.h mirrors them in Arabic). */
#ifndef MAJAKKA_WIDGETS_H
#define MAJAKKA_WIDGETS_H
#include "kiosk.h"
#include "layout.h"

enum { BTN_PLAIN, BTN_PRIMARY, BTN_SELECTED, BTN_BAR };
/* What the top bar reports. */
enum { KW_NONE, KW_BACK, KW_HOME };

/* A button with a centred label; returns 1 when tapped. Selected buttons also show a tick,
 * so state is never told by colour alone. */
int kw_button(kiosk *k, ui_rect r, const char *label, int style);
/* Width a button needs for label (at least one touch target). */
int kw_button_width(kiosk *k, const char *label, int px);
/* The top bar with Back and Home at fixed places and a title; *content gets the area below it.
 * Returns KW_BACK or KW_HOME when one was tapped, else KW_NONE. */
int kw_topbar(kiosk *k, const char *title, ui_rect *content);
/* A one-line text field in r showing text with a caret after it, or hint (muted) when empty. */
void kw_field(kiosk *k, ui_rect r, const char *text, const char *hint);
/* Audience chips (text labels) from x, y within maxw; returns the height used. */
int kw_chips(kiosk *k, int x, int y, int maxw, unsigned audiences, int draw);
/* A badge (a framed label in the "open" colour, e.g. "Ilman ajanvarausta") at x, y within maxw;
 * returns its height. Draws only when draw. */
int kw_badge(kiosk *k, int x, int y, int maxw, const char *label, int draw);
/* The open-now line for a state ("Nyt auki klo 16.00 asti"; when.h). */
void kw_open_text(kiosk *k, const hours_state *hs, char *buf, size_t len);
/* A language's own name ("Suomi", "العربية"), or the code when unknown. */
const char *kw_endonym(const char *code);
/* Text style shortcuts. */
text_style kw_style(const kiosk *k, int px, int bold, ui_color c);
/* A paragraph at the cursor, as wide as its column (at most max_lines, 0: all); the cursor
 * moves below it and `after` more. Returns the paragraph's height. */
int kw_para(kiosk *k, lay *l, const char *s, text_style st, int max_lines, int after);
/* The same, drawn only when draw (0 measures: the cursor moves as if it had drawn), so a card
 * is measured and drawn by one piece of layout. */
int kw_para_if(kiosk *k, lay *l, const char *s, text_style st, int max_lines, int after, int draw);
/* A tappable card around a list row; returns 1 when tapped (drag-scrolling never taps). */
int kw_card(kiosk *k, ui_rect r);
/* Lists a visible card in k->cards (test scripts tap "card N"). */
void kw_note_card(kiosk *k, ui_rect r);
/* The tap test of a card, which also lists it in k->cards. */
int kw_tap_card(kiosk *k, ui_rect r);

#endif
