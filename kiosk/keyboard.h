/* keyboard.h - the on-screen keyboard (Latin with å ä ö, Russian, Ukrainian, Arabic) and its dock
 * at the bottom of the screen, shared by every screen that takes text (search, the feedback
 * comment, the slip's picker and note). */
#ifndef MAJAKKA_KEYBOARD_H
#define MAJAKKA_KEYBOARD_H
#include "kiosk.h"

/* The keyboard inside r; edits buf (cap bytes, at most max_chars characters, always
 * NUL-terminated) and returns 1 when it changed. punct adds , . ? keys (free text: comments).
 * The layout switch key changes the visit's layout and sets k->changed. */
int keyboard(kiosk *k, ui_rect r, char *buf, size_t cap, int max_chars, int punct);
/* Height the keyboard wants for width w. */
int keyboard_height(const kiosk *k, int w);
/* The keyboard's place at the bottom of the screen, at most 20 touch targets wide and centred,
 * with its band drawn behind it; returns the rectangle to pass to keyboard(). */
ui_rect keyboard_dock(kiosk *k);

#endif
