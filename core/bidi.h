/* bidi.h - the direction of text, one rule for the screen (kiosk/text.c) and the slip
 * (print/ink.c). A simplified Unicode bidi algorithm, on purpose (no fribidi on the kiosk):
 *
 *  - classes: letters of the right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko, ...,
 *    Adlam) and RLM are strong right-to-left (BIDI_R); other letters and LRM strong
 *    left-to-right (BIDI_L); digits (ASCII, Arabic-Indic, Persian) are numbers (BIDI_EN), laid
 *    out left to right in any paragraph so "9–11" or "+358 40 123" never turns around; spaces,
 *    punctuation (the Arabic comma too) and symbols (arrows, ✓, emoji) are neutral (BIDI_N).
 *    Embeddings, overrides and isolates are not supported (they count as neutral).
 *  - a paragraph's direction is its first strong letter's; a paragraph of numbers and
 *    punctuation only (a phone number, a time, a date) is left to right; one with neither
 *    takes the fallback (the language's direction, lang.h).
 *  - resolving: numbers become left-to-right; a row of neutrals between two letters of one
 *    direction takes it, otherwise the paragraph's.
 *  - visual order: runs of one direction form a group; a right-to-left group shows its runs
 *    backwards, a right-to-left paragraph its groups (rule L2 for levels 0..2).
 * The renderers split runs further by font and shape each run in its direction. */
#ifndef MAJAKKA_BIDI_H
#define MAJAKKA_BIDI_H
#include <stddef.h>

enum { BIDI_L = 0, BIDI_R = 1, BIDI_EN = 2, BIDI_N = 3 };

/* The class of one code point (BIDI_L for anything unknown, negative or past U+10FFFF). */
int bidi_class(long cp);
/* 1 for a strong right-to-left code point (bidi_class(cp) == BIDI_R). */
int bidi_cp_rtl(long cp);

/* Paragraph direction (1 = right to left) of classes cls[0..n). */
int bidi_base(const unsigned char *cls, int n, int fallback_rtl);
/* The same for UTF-8 text s[0..len) (stops at invalid UTF-8). */
int bidi_base_utf8(const char *s, size_t len, int fallback_rtl);

/* Resolves cls[0..n) in place to BIDI_L / BIDI_R only, for a paragraph of direction base_rtl. */
void bidi_resolve(unsigned char *cls, int n, int base_rtl);

/* Visual order, left to right, of n runs in logical order whose resolved directions are
 * dir[0..n) (BIDI_L / BIDI_R): order[i] is the logical index of the run shown i-th. */
void bidi_order(const unsigned char *dir, int n, int base_rtl, int *order);

#endif
