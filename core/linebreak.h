/* linebreak.h - where a paragraph's lines break: the one rule of the screen (kiosk/text.c) and
 * the slip (print/ink.c). How wide a piece of text is stays the renderer's business (fonts,
 * shaping); the caller passes a measure.
 *  - lines break at spaces; the spaces at a break belong to neither line, nor do spaces at the
 *    start of the text or after a "\n";
 *  - a line takes the most whole words that fit the width;
 *  - a word wider than a whole line is cut: after the last '/', '-', '.', '?', '&' or '_' that
 *    fits when that keeps more than half of what fits (a URL breaks at its parts), else after
 *    the last character that fits, and at least one character goes on every line;
 *  - "\n" ends a line; an empty line between two "\n" is a line of its own.
 * Text is an array of code points (the screen decodes its UTF-8, the slip has its paragraph). */
#ifndef MAJAKKA_LINEBREAK_H
#define MAJAKKA_LINEBREAK_H

/* Width of code points [a, b) set as one line, or < 0 on error (handed back to the caller). */
typedef int (*linebreak_measure)(void *ctx, int a, int b);

typedef struct linebreak_line {
    int start, end;    /* the line's code points [start, end), spaces around it left out */
    int next;          /* where the next line's search starts */
    int cut;           /* 1 when a word too wide for the line was cut to end it */
} linebreak_line;

/* The line from code point `from` of cp[0..n) in `width`: 1 with *out filled, 0 when only spaces
 * are left, or the measure's negative status. */
int linebreak_next(const long *cp, int n, int from, int width, linebreak_measure measure, void *ctx,
                   linebreak_line *out);

#endif
