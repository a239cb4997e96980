/* text.c - see text.h. */
#include "text.h"
#include "bidi.h"
#include "linebreak.h"
#include "util.h"
#include <stdlib.h>
#include <string.h>

#define MAX_RUNS 64

typedef struct run {
    size_t start, len;
    int rtl, script;
    int w;
} run;

static int cp_arabic(long cp)
{
    return (cp >= 0x0600 && cp <= 0x08FF) || (cp >= 0xFB50 && cp <= 0xFDFF) ||
           (cp >= 0xFE70 && cp <= 0xFEFF);
}

/* Dingbats and shapes the text fonts lack (✓, ⌫ ...): drawn with the symbol font. */
static int cp_symbol(long cp)
{
    return (cp >= 0x2190 && cp <= 0x21FF) || (cp >= 0x2300 && cp <= 0x23FF) ||
           (cp >= 0x25A0 && cp <= 0x27BF) || (cp >= 0x2B00 && cp <= 0x2BFF) ||
           (cp >= 0x1F300 && cp <= 0x1FAFF);
}

/* Characters the Arabic font has besides Arabic (fc-query of NotoSansArabic): neutrals inside
 * an Arabic run stay in that font; others go to the Latin font. */
static int arabic_font_has(long cp)
{
    return cp == 0x20 || cp == 0x21 || (cp >= 0x2C && cp <= 0x2E) || (cp >= 0x30 && cp <= 0x3A) ||
           cp == 0xA0 || cp == 0xAB || cp == 0xBB || cp_arabic(cp);
}

/* Splits s into runs of one resolved direction and one font (core/bidi.h decides the
 * directions), in visual order. */
static int split_runs(const char *s, size_t len, int base_rtl, run *runs, int max)
{
    enum { CAP = 1024 };
    unsigned char cls[CAP];
    size_t pos[CAP + 1];
    int n = 0;
    const char *p = s, *end = s + len;
    while (p < end && n < CAP) {
        pos[n] = (size_t)(p - s);
        long cp = mj_utf8_next(&p, end);
        if (cp < 0) { cp = 0xFFFD; p++; if (p > end) p = end; }
        cls[n] = (unsigned char)bidi_class(cp);
        n++;
    }
    pos[n] = (size_t)(p - s);
    if (p < end) pos[n] = len;   /* past CAP code points: the tail joins the last run */
    bidi_resolve(cls, n, base_rtl);
    run logical[MAX_RUNS];
    int nr = 0;
    for (int i = 0; i < n; i++) {
        const char *q = s + pos[i];
        long cp = mj_utf8_next(&q, end);
        int rtl = cls[i] == BIDI_R;
        int script = UI_SCRIPT_LATIN;
        if (rtl && (cp < 0 || arabic_font_has(cp))) script = UI_SCRIPT_ARABIC;
        if (cp >= 0 && cp_arabic(cp)) script = UI_SCRIPT_ARABIC;
        if (cp >= 0 && cp_symbol(cp)) script = UI_SCRIPT_SYMBOL;
        if (nr && logical[nr - 1].rtl == rtl && logical[nr - 1].script == script) {
            logical[nr - 1].len = pos[i + 1] - logical[nr - 1].start;
            continue;
        }
        if (nr == max || nr == MAX_RUNS) { logical[nr - 1].len = pos[n] - logical[nr - 1].start; break; }
        logical[nr] = (run){ pos[i], pos[i + 1] - pos[i], rtl, script, 0 };
        nr++;
    }
    unsigned char dir[MAX_RUNS] = { 0 };
    int order[MAX_RUNS];
    for (int i = 0; i < nr; i++) dir[i] = logical[i].rtl ? BIDI_R : BIDI_L;
    bidi_order(dir, nr, base_rtl, order);
    for (int i = 0; i < nr; i++) runs[i] = logical[order[i]];
    return nr;
}

static int has_arabic(const char *s, size_t len)
{
    const char *p = s, *end = s + len;
    while (p < end) {
        long cp = mj_utf8_next(&p, end);
        if (cp < 0) return 0;
        if (cp_arabic(cp)) return 1;
    }
    return 0;
}

int text_line_height(ui *u, const char *s, size_t len, int px, int bold)
{
    int a, h, h2;
    u->m.vmetrics(u->m.ctx, UI_SCRIPT_LATIN, bold, px, &a, &h);
    if (s && has_arabic(s, len)) {
        u->m.vmetrics(u->m.ctx, UI_SCRIPT_ARABIC, bold, px, &a, &h2);
        if (h2 > h) h = h2;
    }
    return h;
}

static int measure_runs(ui *u, const char *s, run *runs, int nr, int px, int bold)
{
    int w = 0;
    for (int i = 0; i < nr; i++) {
        runs[i].w = u->m.width(u->m.ctx, runs[i].script, bold, px, runs[i].rtl, s + runs[i].start, runs[i].len);
        w += runs[i].w;
    }
    return w;
}

int text_width(ui *u, const char *s, size_t len, int px, int bold)
{
    run runs[MAX_RUNS];
    int nr = split_runs(s, len, bidi_base_utf8(s, len, u->rtl), runs, MAX_RUNS);
    return measure_runs(u, s, runs, nr, px, bold);
}

/* Draws one line whose visual box starts at physical x with width w (already aligned). */
static void emit_line(ui *u, int x, int y, const char *s, size_t len, text_style st)
{
    run runs[MAX_RUNS];
    int nr = split_runs(s, len, bidi_base_utf8(s, len, u->rtl), runs, MAX_RUNS);
    measure_runs(u, s, runs, nr, st.px, st.bold);
    int asc[UI_SCRIPT_COUNT], hgt[UI_SCRIPT_COUNT], maxasc = 0;
    for (int sc = 0; sc < UI_SCRIPT_COUNT; sc++)
        u->m.vmetrics(u->m.ctx, sc, st.bold, st.px, &asc[sc], &hgt[sc]);
    int arabic = has_arabic(s, len);
    maxasc = asc[UI_SCRIPT_LATIN];
    if (arabic && asc[UI_SCRIPT_ARABIC] > maxasc) maxasc = asc[UI_SCRIPT_ARABIC];
    for (int i = 0; i < nr; i++) {
        int yy = y + maxasc - asc[runs[i].script];
        ui_text_run(u, x, yy, runs[i].script, st.bold, st.px, runs[i].rtl, st.color,
                    s + runs[i].start, runs[i].len);
        x += runs[i].w;
    }
}

/* Physical x of a line of width w inside logical box r, by alignment and UI direction. */
static int align_x(ui *u, ui_rect r, int w, int align)
{
    ui_rect p = ui_phys(u, r);
    int start_right = u->rtl && u->mirror;
    if (align == TEXT_CENTER) return p.x + (p.w - w) / 2;
    int at_right = (align == TEXT_END) ? !start_right : start_right;
    return at_right ? p.x + p.w - w : p.x;
}

/* Longest prefix (at a code point boundary) that fits in maxw with "…" appended. */
static size_t fit_ellipsis(ui *u, const char *s, size_t len, int maxw, text_style st, char *buf, size_t bufsz)
{
    size_t lo = 0, hi = len;
    while (lo < hi) {
        size_t mid = (lo + hi + 1) / 2;
        while (mid > 0 && ((unsigned char)s[mid] & 0xC0) == 0x80) mid--;
        if (mid <= lo) { hi = lo; break; }
        if (mid + 4 > bufsz) { hi = mid - 1; continue; }
        memcpy(buf, s, mid);
        memcpy(buf + mid, "\xE2\x80\xA6", 3);
        if (text_width(u, buf, mid + 3, st.px, st.bold) <= maxw) lo = mid; else hi = mid - 1;
    }
    while (lo > 0 && ((unsigned char)s[lo] & 0xC0) == 0x80) lo--;
    while (lo > 0 && s[lo - 1] == ' ') lo--;
    memcpy(buf, s, lo);
    memcpy(buf + lo, "\xE2\x80\xA6", 3);
    return lo + 3;
}

int text_widest_word(ui *u, const char *s, int px, int bold)
{
    int best = 0;
    while (s && *s) {
        while (*s == ' ' || *s == '\n') s++;
        const char *e = s;
        while (*e && *e != ' ' && *e != '\n') e++;
        if (e > s) {
            int w = text_width(u, s, (size_t)(e - s), px, bold);
            if (w > best) best = w;
        }
        s = e;
    }
    return best;
}

int text_label(ui *u, ui_rect r, const char *s, text_style st, int strict)
{
    if (!s) s = "";
    size_t len = strlen(s);
    const char *nl = memchr(s, '\n', len);
    if (nl) len = (size_t)(nl - s);
    int w = text_width(u, s, len, st.px, st.bold);
    int lh = text_line_height(u, s, len, st.px, st.bold);
    int y = ui_phys(u, r).y + (r.h - lh) / 2;
    if (w <= r.w) {
        emit_line(u, align_x(u, r, w, st.align), y, s, len, st);
        return 0;
    }
    if (strict) ui_note_overflow(u, s, len);
    char buf[1024];
    size_t n = fit_ellipsis(u, s, len < 1000 ? len : 1000, r.w, st, buf, sizeof buf);
    w = text_width(u, buf, n, st.px, st.bold);
    emit_line(u, align_x(u, r, w, st.align), y, buf, n, st);
    return 1;
}

/* The screen's measure for core/linebreak.c: a line is as wide as its words (each measured as
 * a whole, so their widths are cached across frames) and one space between two words. The
 * breaker asks for [a, b) with b growing from one a, so the sum goes on from the last answer. */
typedef struct para_measure {
    ui *u;
    const char *s;
    const size_t *pos;       /* byte offset of each code point, and of the end */
    const long *cp;
    text_style st;
    int space;
    int a, b, w, words;      /* the last answer: [a, b) is w wide and holds `words` words */
} para_measure;

static int measure_words(void *ctx, int a, int b)
{
    para_measure *m = ctx;
    int i = a, w = 0, words = 0;
    if (m->a == a && m->b <= b && m->b >= a && (m->b == b || m->b == a || m->cp[m->b] == ' ' || m->cp[m->b - 1] == ' ')) {
        i = m->b;            /* go on from a word boundary of the last answer */
        w = m->w;
        words = m->words;
    }
    while (i < b) {
        while (i < b && m->cp[i] == ' ') i++;
        int j = i;
        while (j < b && m->cp[j] != ' ') j++;
        if (j > i) {
            w += (words++ ? m->space : 0) +
                 text_width(m->u, m->s + m->pos[i], m->pos[j] - m->pos[i], m->st.px, m->st.bold);
        }
        i = j;
    }
    m->a = a;
    m->b = b;
    m->w = w;
    m->words = words;
    return w;
}

int text_paragraph(ui *u, ui_rect r, const char *s, text_style st, int max_lines, int draw)
{
    if (!s || !*s) return 0;
    /* code points and their byte offsets (a longer text than the stack holds takes the heap) */
    enum { STACK_CPS = 2048 };
    long cp_stack[STACK_CPS];
    size_t pos_stack[STACK_CPS + 1];
    size_t len = strlen(s);
    long *cp = cp_stack;
    size_t *pos = pos_stack;
    if (len > STACK_CPS) {
        cp = malloc(len * sizeof *cp);
        pos = malloc((len + 1) * sizeof *pos);
        if (!cp || !pos) { free(cp); free(pos); return 0; }
    }
    int n = 0;
    for (const char *p = s, *end = s + len; p < end; n++) {
        pos[n] = (size_t)(p - s);
        const char *q = p;
        long c = mj_utf8_next(&q, end);
        if (c < 0 || q == p) { c = 0xFFFD; q = p + 1; }
        cp[n] = c;
        p = q;
    }
    pos[n] = len;
    int lh = text_line_height(u, s, len, st.px, st.bold);
    para_measure pm = { u, s, pos, cp, st, u->m.width(u->m.ctx, UI_SCRIPT_LATIN, st.bold, st.px, 0, " ", 1), -1, -1, 0, 0 };
    int y = 0, lines = 0, from = 0;
    linebreak_line ln;
    while (linebreak_next(cp, n, from, r.w, measure_words, &pm, &ln) > 0) {
        from = ln.next;
        lines++;
        int more = from;                                   /* anything but spaces left? */
        while (more < n && cp[more] == ' ') more++;
        more = more < n;
        int last_allowed = max_lines > 0 && lines == max_lines && more;
        if (draw) {
            ui_rect lr = { r.x, r.y + y, r.w, lh };
            const char *line = s + pos[ln.start];
            if (last_allowed) {
                /* the last line allowed: the rest of this paragraph line, cut with an ellipsis */
                char buf[1024];
                size_t total = strcspn(line, "\n");
                size_t m = fit_ellipsis(u, line, total < 1000 ? total : 1000, r.w, st, buf, sizeof buf);
                int bw = text_width(u, buf, m, st.px, st.bold);
                emit_line(u, align_x(u, lr, bw, st.align), ui_phys(u, lr).y, buf, m, st);
            } else {
                size_t nb = pos[ln.end] - pos[ln.start];
                int lw = text_width(u, line, nb, st.px, st.bold);   /* exact, for alignment */
                emit_line(u, align_x(u, lr, lw, st.align), ui_phys(u, lr).y, line, nb, st);
            }
        }
        y += lh;
        if (last_allowed || (max_lines > 0 && lines >= max_lines)) break;
    }
    if (cp != cp_stack) { free(cp); free(pos); }
    return y;
}
