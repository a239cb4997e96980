/* bidi.c - see bidi.h. The tables are blocks, not the Unicode character database: enough for
 * the languages families read at a kiosk and the symbols the screens draw. */
#include "bidi.h"
#include "util.h"

int bidi_class(long c)
{
    if (c < 0 || c > 0x10FFFF) return BIDI_L;
    if (c < 0x80) {
        if (c >= '0' && c <= '9') return BIDI_EN;
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) return BIDI_L;
        return BIDI_N;                                   /* controls, space, ASCII punctuation */
    }
    if (c <= 0xBF || c == 0xD7 || c == 0xF7) return BIDI_N;   /* Latin-1 punctuation and signs */
    if (c < 0x0590) return BIDI_L;                      /* Latin, IPA, Greek, Cyrillic, Armenian */
    if (c <= 0x08FF) {                                   /* Hebrew, Arabic, Syriac, Thaana, N'Ko ... */
        if ((c >= 0x0660 && c <= 0x0669) || (c >= 0x06F0 && c <= 0x06F9)) return BIDI_EN;
        if (c == 0x060C) return BIDI_N;                 /* Arabic comma: a separator */
        return BIDI_R;
    }
    if (c == 0x200E) return BIDI_L;                     /* LEFT-TO-RIGHT MARK */
    if (c == 0x200F) return BIDI_R;                     /* RIGHT-TO-LEFT MARK */
    if (c >= 0x2000 && c <= 0x2BFF && !(c >= 0x2800 && c <= 0x28FF))
        return BIDI_N;                                   /* punctuation, arrows, math, shapes, dingbats (not Braille) */
    if ((c >= 0x2E00 && c <= 0x2E7F) || (c >= 0x3000 && c <= 0x303F)) return BIDI_N;
    if (c >= 0xFB1D && c <= 0xFDFF) return BIDI_R;      /* Hebrew and Arabic presentation forms */
    if ((c >= 0xFE10 && c <= 0xFE1F) || (c >= 0xFE50 && c <= 0xFE6F)) return BIDI_N;
    if (c >= 0xFE70 && c <= 0xFEFF) return BIDI_R;      /* Arabic presentation forms B */
    if (c >= 0x10800 && c <= 0x10FFF) return BIDI_R;    /* old RTL scripts, Hanifi Rohingya */
    if (c >= 0x1E800 && c <= 0x1EFFF) return BIDI_R;    /* Mende Kikakui, Adlam, Arabic math */
    if (c >= 0x1F000 && c <= 0x1FAFF) return BIDI_N;    /* emoji and pictographs */
    return BIDI_L;
}

int bidi_cp_rtl(long cp) { return bidi_class(cp) == BIDI_R; }

int bidi_base(const unsigned char *cls, int n, int fallback_rtl)
{
    int numbers = 0;
    for (int i = 0; i < n; i++) {
        if (cls[i] == BIDI_L) return 0;
        if (cls[i] == BIDI_R) return 1;
        if (cls[i] == BIDI_EN) numbers = 1;
    }
    return numbers ? 0 : fallback_rtl;
}

int bidi_base_utf8(const char *s, size_t len, int fallback_rtl)
{
    const char *p = s, *end = s + len;
    int numbers = 0;
    while (p < end) {
        long cp = mj_utf8_next(&p, end);
        if (cp < 0) break;
        int c = bidi_class(cp);
        if (c == BIDI_L) return 0;
        if (c == BIDI_R) return 1;
        if (c == BIDI_EN) numbers = 1;
    }
    return numbers ? 0 : fallback_rtl;
}

void bidi_resolve(unsigned char *cls, int n, int base_rtl)
{
    unsigned char base = base_rtl ? BIDI_R : BIDI_L;
    for (int i = 0; i < n; i++)
        if (cls[i] == BIDI_EN) cls[i] = BIDI_L;
    for (int i = 0; i < n;) {
        if (cls[i] != BIDI_N) { i++; continue; }
        int j = i;
        while (j < n && cls[j] == BIDI_N) j++;
        unsigned char before = i > 0 ? cls[i - 1] : base, after = j < n ? cls[j] : base;
        unsigned char d = before == after ? before : base;
        for (int k = i; k < j; k++) cls[k] = d;
        i = j;
    }
}

void bidi_order(const unsigned char *dir, int n, int base_rtl, int *order)
{
    /* groups of runs of one direction, in logical order; visited backwards when the paragraph
     * is right to left, each right-to-left group listing its runs backwards */
    int o = 0;
    for (int gi = 0; gi < n;) {
        int a, b;                                        /* the group [a, b) visited now */
        if (!base_rtl) {
            a = gi;
            b = a + 1;
            while (b < n && dir[b] == dir[a]) b++;
        } else {
            b = n - gi;
            a = b - 1;
            while (a > 0 && dir[a - 1] == dir[b - 1]) a--;
        }
        if (dir[a] == BIDI_R) for (int k = b - 1; k >= a; k--) order[o++] = k;
        else for (int k = a; k < b; k++) order[o++] = k;
        gi += b - a;
    }
}
