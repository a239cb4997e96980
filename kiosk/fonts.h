/* fonts.h - the Noto fonts from Debian's packages, one per script and weight (NotoSans for
 * Latin and Cyrillic from fonts-noto-core, NotoSansArabicUI from fonts-noto-ui-core for Arabic, as
 * its line height matches NotoSans, and NotoSansSymbols2 for ticks and icons), opened per pixel
 * size on demand, each run set to its HarfBuzz direction and script. Also the ui_measure implementation, with a cache of
 * measured widths, so layout can run (and be tested) without a window. */
#ifndef MAJAKKA_FONTS_H
#define MAJAKKA_FONTS_H
#include <stddef.h>
#include <SDL2/SDL_ttf.h>
#include "ui.h"

typedef struct fonts fonts;

/* dir: where the .ttf files are (NULL: MAJAKKA_FONT_DIR or /usr/share/fonts/truetype/noto).
 * Calls TTF_Init. Fails when a font is missing. */
int fonts_open(const char *dir, fonts **out, char *err, size_t errlen);
void fonts_close(fonts *f);

/* The font for a script, weight and pixel size, set up for the run's direction. */
TTF_Font *fonts_get(fonts *f, int script, int bold, int px, int rtl);
ui_measure fonts_measure(fonts *f);

#endif
