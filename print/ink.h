/* ink.h - the slip's text: paragraphs in any script drawn into a 1-bit bitmap: line breaking (core/linebreak.h) and
 * the bidi rule of core/bidi.h over SDL2_ttf (HarfBuzz shaping), so Arabic joins and runs right to left while
 * Latin, Cyrillic and digits inside it stay left to right. Noto Sans for Latin, Cyrillic and
 * Greek, Noto Sans Arabic for Arabic script, and the other Noto Sans faces Debian ships (Hebrew,
 * Ethiopic, Thai, Devanagari, ...) when present. No window or video driver is needed.
 * Not thread-safe: one ink_ctx per thread, used by the thread that opened it. */
#ifndef MAJAKKA_INK_H
#define MAJAKKA_INK_H
#include <stddef.h>
#include "bitmap.h"

#define INK_FONTS_DIR "/usr/share/fonts/truetype/noto"

typedef struct ink_ctx ink_ctx;

enum { INK_START = 0, INK_CENTER = 1 };

typedef struct ink_style {
    int px;        /* font size in pixels (points at 72 dpi) */
    int bold;
    int align;     /* INK_START: left, or right on a right-to-left slip; INK_CENTER */
} ink_style;

/* fonts_dir NULL = INK_FONTS_DIR. Fails when the fonts are missing. */
int ink_open(const char *fonts_dir, ink_ctx **out, char *err, size_t errlen);
void ink_close(ink_ctx *t);

/* Draws s (UTF-8; "\n" breaks a line) wrapped into [x, x + width) from row *y on, growing bm,
 * and moves *y below it. rtl: the slip reads right to left (start = right edge); each paragraph
 * still takes its own direction from its first strong letter. Returns how many pieces were
 * wider than width even alone and had to be split mid-word (0 for ordinary text), or < 0. */
int ink_draw(ink_ctx *t, bitmap *bm, int x, int width, int *y, const char *s,
              const ink_style *st, int rtl, char *err, size_t errlen);
/* Like ink_draw but draws nothing: the height the paragraph would take. */
int ink_measure(ink_ctx *t, int width, const char *s, const ink_style *st, int rtl, int *height,
                 char *err, size_t errlen);

/* How many characters of s no font here can draw (they would print as empty boxes); -1 when
 * s is not UTF-8. The staff screen can warn before printing. */
int ink_missing(ink_ctx *t, const char *s);

#endif
