/* keyboard.c - the on-screen keyboard: Finnish/Swedish Latin with å ä ö, Russian and Ukrainian
 * ЙЦУКЕН, and Arabic. Keys keep their physical places in every UI direction (the Arabic layout
 * lists its keys in their physical places, left to right), so mirroring is off while it is drawn. */
#include "keyboard.h"
#include "widgets.h"
#include <stdio.h>
#include <string.h>

#define ROWS 4
#define MAXKEYS 13

static const char *const layouts[KB_COUNT][ROWS][MAXKEYS] = {
    [KB_LATIN] = {
        { "1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "-" },
        { "q", "w", "e", "r", "t", "y", "u", "i", "o", "p", "å" },
        { "a", "s", "d", "f", "g", "h", "j", "k", "l", "ö", "ä" },
        { "z", "x", "c", "v", "b", "n", "m", "é", "ü", "'" },
    },
    [KB_RUSSIAN] = {
        { "1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "-" },
        { "й", "ц", "у", "к", "е", "н", "г", "ш", "щ", "з", "х", "ъ" },
        { "ф", "ы", "в", "а", "п", "р", "о", "л", "д", "ж", "э" },
        { "я", "ч", "с", "м", "и", "т", "ь", "б", "ю", "ё" },
    },
    [KB_UKRAINIAN] = {
        { "1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "-" },
        { "й", "ц", "у", "к", "е", "н", "г", "ш", "щ", "з", "х", "ї" },
        { "ф", "і", "в", "а", "п", "р", "о", "л", "д", "ж", "є" },
        { "я", "ч", "с", "м", "и", "т", "ь", "б", "ю", "ґ", "'" },
    },
    [KB_ARABIC] = {
        { "1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "-" },
        { "ض", "ص", "ث", "ق", "ف", "غ", "ع", "ه", "خ", "ح", "ج" },
        { "ش", "س", "ي", "ب", "ل", "ا", "ت", "ن", "م", "ك", "ط" },
        { "ئ", "ء", "ؤ", "ر", "ى", "ة", "و", "ز", "ظ", "د", "ذ" },
    },
};
static const char *const layout_names[KB_COUNT] = { "ABC", "АБВ", "АБВ (укр)", "أبجد" };

static int row_len(int layout, int row)
{
    int n = 0;
    while (n < MAXKEYS && layouts[layout][row][n]) n++;
    return n;
}

int keyboard_height(const kiosk *k, int w)
{
    (void)w;
    return (ROWS + 1) * k->th.touch + ROWS * k->th.gap / 2;
}

ui_rect keyboard_dock(kiosk *k)
{
    const theme *t = &k->th;
    ui *u = &k->u;
    int kbw = u->w - 2 * t->pad;
    if (kbw > t->touch * 20) kbw = t->touch * 20;
    int kbh = keyboard_height(k, kbw);
    ui_rect kb = { (u->w - kbw) / 2, u->h - kbh - t->gap, kbw, kbh };
    ui_fill(u, (ui_rect){ 0, kb.y - t->gap, u->w, kbh + 2 * t->gap }, t->bar_bg);
    return kb;
}

/* The text being edited: a caller-owned buffer of cap bytes, at most max_chars characters. */
typedef struct kb_text { char *buf; size_t cap; int max_chars; } kb_text;

static int append(const kb_text *t, const char *s)
{
    size_t n = strlen(t->buf), m = strlen(s);
    if (n + m + 1 > t->cap || mj_utf8_len(t->buf) >= (size_t)t->max_chars) return 0;
    memcpy(t->buf + n, s, m + 1);
    return 1;
}

static void backspace(const kb_text *t)
{
    size_t n = strlen(t->buf);
    while (n > 0 && ((unsigned char)t->buf[n - 1] & 0xC0) == 0x80) n--;
    if (n > 0) n--;
    t->buf[n] = 0;
}

/* Which layout the switch key goes to next: between Latin and the language's own. */
static int next_layout(const kiosk *k)
{
    int native = kiosk_native_keyboard(k->v.lang);
    if (native == KB_LATIN) return k->v.kb_layout == KB_LATIN ? KB_RUSSIAN : KB_LATIN;
    return k->v.kb_layout == KB_LATIN ? native : KB_LATIN;
}

int keyboard(kiosk *k, ui_rect r, char *buf, size_t cap, int max_chars, int punct)
{
    const kb_text txt = { buf, cap, max_chars };
    const theme *t = &k->th;
    ui *u = &k->u;
    int changed = 0, saved = u->mirror;
    u->mirror = 0;
    ui_fill(u, r, t->bar_bg);
    int gap = t->gap / 2, layout = k->v.kb_layout;
    /* keys at least 9 mm wide: on a narrow screen backspace shrinks to one key and the gaps
     * to 2 px before anything gets smaller */
    int bs = 2, maxn = 0, kw = 0, kh = t->touch, min_key = theme_mm(k->dpi, 9.0);
    for (int attempt = 0; attempt < 3; attempt++) {
        if (attempt == 1) bs = 1;
        if (attempt == 2) gap = 2;
        maxn = 0;
        for (int row = 0; row < ROWS; row++) {
            int units = row_len(layout, row) + (row == ROWS - 1 ? bs : 0);
            if (units > maxn) maxn = units;
        }
        kw = (r.w - gap * (maxn + 1)) / maxn;
        if (kw >= min_key) break;
    }
    /* key letters as large as the key allows */
    int px = t->px_title;
    if (px > kw * 7 / 10) px = kw * 7 / 10;
    for (int row = 0; row < ROWS; row++) {
        int n = row_len(layout, row);
        int extra = row == ROWS - 1 ? 1 : 0;   /* backspace at the end of the last row */
        int total = (n + bs * extra) * kw + (n + extra - 1) * gap;
        int x = r.x + (r.w - total) / 2, y = r.y + gap + row * (kh + gap);
        for (int i = 0; i < n; i++) {
            ui_rect kr = { x + i * (kw + gap), y, kw, kh };
            int pressed = ui_pressed(u, kr);
            ui_fill(u, kr, pressed ? t->surface_pressed : t->surface);
            ui_border(u, kr, 1, t->border);
            text_label(u, kr, layouts[layout][row][i], (text_style){ px, 0, t->text, TEXT_CENTER }, 1);
            if (ui_tapped(u, kr) && append(&txt, layouts[layout][row][i])) changed = 1;
        }
        if (extra) {
            ui_rect br = { x + n * (kw + gap), y, bs * kw + (bs - 1) * gap, kh };
            if (kw_button(k, br, "\xE2\x8C\xAB", BTN_PLAIN) && buf[0]) { backspace(&txt); changed = 1; }
        }
    }
    /* bottom row: layout switch, space, clear */
    int y = r.y + gap + ROWS * (kh + gap);
    const char *l_space = kiosk_t(k, "search.space"), *l_clear = kiosk_t(k, "search.clear");
    int nl = next_layout(k);
    int sw = kw_button_width(k, layout_names[nl], t->px_body), cw = kw_button_width(k, l_clear, t->px_body);
    if (sw < kw * 3) sw = kw * 3;
    if (cw < kw * 3) cw = kw * 3;
    ui_rect ls = { r.x + gap, y, sw, kh }, cl = { r.x + r.w - gap - cw, y, cw, kh };
    ui_rect sp = { ls.x + sw + gap, y, cl.x - gap - (ls.x + sw + gap), kh };
    if (kw_button(k, ls, layout_names[nl], BTN_PLAIN)) { k->v.kb_layout = nl; k->changed = 1; }
    /* free text: a comma, a full stop and a question mark (Arabic ones on the Arabic layout)
     * after the space bar, when the space bar still keeps its label and three keys' width */
    static const char *const marks[2][3] = { { ",", ".", "?" }, { "\xD8\x8C", ".", "\xD8\x9F" } };
    int spmin = kw_button_width(k, l_space, t->px_body);
    if (spmin < 3 * kw) spmin = 3 * kw;
    if (punct && sp.w - 3 * (kw + gap) >= spmin) {
        sp.w -= 3 * (kw + gap);
        for (int i = 0; i < 3; i++) {
            ui_rect mr = { sp.x + sp.w + gap + i * (kw + gap), y, kw, kh };
            const char *m = marks[layout == KB_ARABIC][i];
            ui_fill(u, mr, ui_pressed(u, mr) ? t->surface_pressed : t->surface);
            ui_border(u, mr, 1, t->border);
            text_label(u, mr, m, (text_style){ px, 0, t->text, TEXT_CENTER }, 1);
            if (ui_tapped(u, mr) && append(&txt, m)) changed = 1;
        }
    }
    if (kw_button(k, sp, l_space, BTN_PLAIN)) {
        size_t n = strlen(buf);
        if (n && buf[n - 1] != ' ' && append(&txt, " ")) changed = 1;
    }
    if (kw_button(k, cl, l_clear, BTN_PLAIN) && buf[0]) { buf[0] = 0; changed = 1; }
    u->mirror = saved;
    return changed;
}
