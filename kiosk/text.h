/* text.h - text layout on top of ui.h: font script detection, splitting a line into runs of
 * one direction and one font script in visual order (the directions and the order are
 * core/bidi.h's, the same rule as the slip's), word wrapping (core/linebreak.h) and ellipsis. The renderer shapes
 * each run with HarfBuzz (SDL_ttf) in its own direction. */
#ifndef MAJAKKA_TEXT_H
#define MAJAKKA_TEXT_H
#include "ui.h"

enum { TEXT_START = 0, TEXT_CENTER = 1, TEXT_END = 2 };

typedef struct text_style {
    int px;
    int bold;
    ui_color color;
    int align;          /* TEXT_START / TEXT_CENTER / TEXT_END, relative to the UI direction */
} text_style;

/* Width of one line of text (all its runs) in pixels. */
int text_width(ui *u, const char *s, size_t len, int px, int bold);
/* Height of a line box for px (the taller of the Latin and Arabic fonts when the text has
 * Arabic). */
int text_line_height(ui *u, const char *s, size_t len, int px, int bold);

/* Width of the widest word of s (a word wider than its box gets cut mid-word when wrapped). */
int text_widest_word(ui *u, const char *s, int px, int bold);

/* One line inside r, vertically centred, cut with an ellipsis when too wide. Returns 1 when
 * it had to be cut; `ui_note_overflow` is called then when `strict` (UI labels). */
int text_label(ui *u, ui_rect r, const char *s, text_style st, int strict);
/* Wrapped text starting at the top of r (r.h is ignored unless max_lines > 0 cuts it with an
 * ellipsis). Returns the height used. `draw` 0 only measures. */
int text_paragraph(ui *u, ui_rect r, const char *s, text_style st, int max_lines, int draw);

#endif
