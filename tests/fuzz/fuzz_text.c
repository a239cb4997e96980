/* fuzz_text.c - libFuzzer target for the text layer screen and slip share, with oracles:
 *  - qrpayload (core/qrpayload.c): the input split at '|' into name, phone, e-mail, address; a
 *    MeCard and a VCALENDAR are built from them and parsed back: each field must come back as
 *    given (line breaks and other control characters as spaces, CR dropped; in iCalendar a line
 *    break as a line break), no raw line break inside a MeCard, none but CRLF in iCalendar, and
 *    invalid UTF-8 must be refused;
 *  - bidi (core/bidi.c): resolving leaves only L and R; the visual order is a permutation;
 *  - linebreak (core/linebreak.c): lines advance, stay in order, hold every non-space character
 *    exactly once, and fit the width unless a word had to be cut.
 * A finding aborts. */
#include "bidi.h"
#include "linebreak.h"
#include "qrpayload.h"
#include "util.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void finding(const char *what, const char *detail)
{
    fprintf(stderr, "text oracle: %s\n  %s\n", what, detail ? detail : "");
    abort();
}

/* What a field must read back as: CR dropped, other control characters spaces (in iCalendar a
 * line feed stays a line feed). */
static void expected(const char *in, char *out, int ical)
{
    size_t o = 0;
    for (; *in; in++) {
        unsigned char c = (unsigned char)*in;
        if (c == '\r') continue;
        out[o++] = (c == '\n' && ical) ? '\n' : (c < 0x20 || c == 0x7F) ? ' ' : *in;
    }
    out[o] = 0;
}

/* Reads one escaped value from *p up to an unescaped stop character; returns it unescaped. */
static void unescape(const char **p, char stop, char *out, int ical)
{
    size_t o = 0;
    const char *s = *p;
    while (*s && *s != stop) {
        if (*s == '\\' && s[1]) {
            s++;
            out[o++] = (ical && (*s == 'n' || *s == 'N')) ? '\n' : *s;
            s++;
            continue;
        }
        out[o++] = *s++;
    }
    out[o] = 0;
    *p = s;
}

static void check_mecard(char *const f[4], const char *card, char *want, char *got)
{
    static const char *const keys[4] = { "N:", "TEL:", "EMAIL:", "ADR:" };
    if (strncmp(card, "MECARD:", 7)) finding("MeCard does not start MECARD:", card);
    if (strchr(card, '\n') || strchr(card, '\r')) finding("a line break inside a MeCard", card);
    const char *p = card + 7;
    for (int i = 0; i < 4; i++) {
        if (i > 0 && !f[i][0]) continue;
        if (strncmp(p, keys[i], strlen(keys[i]))) finding("MeCard field missing", card);
        p += strlen(keys[i]);
        unescape(&p, ';', got, 0);
        expected(f[i], want, 0);
        if (strcmp(got, want)) finding("MeCard field reads back differently", card);
        if (*p++ != ';') finding("MeCard field not closed", card);
    }
    if (strcmp(p, ";")) finding("MeCard does not end ;;", card);
}

static void check_vcalendar(char *const f[4], const char *cal, char *want, char *got)
{
    for (const char *c = cal; *c; c++)
        if ((*c == '\n' && (c == cal || c[-1] != '\r')) || (*c == '\r' && c[1] != '\n')) finding("a bare line break in iCalendar", cal);
    const char *s = strstr(cal, "\r\nSUMMARY:");
    if (!s) finding("no SUMMARY", cal);
    s += 10;
    unescape(&s, '\r', got, 1);
    expected(f[0], want, 1);
    if (strcmp(got, want)) finding("SUMMARY reads back differently", cal);
    if (f[3][0]) {
        const char *l = strstr(cal, "\r\nLOCATION:");
        if (!l) finding("no LOCATION", cal);
        l += 11;
        unescape(&l, '\r', got, 1);
        expected(f[3], want, 1);
        if (strcmp(got, want)) finding("LOCATION reads back differently", cal);
    }
    size_t n = strlen(cal);
    if (n < 15 || strcmp(cal + n - 15, "END:VCALENDAR\r\n")) finding("VCALENDAR not closed", cal);
}

static int measure(void *ctx, int a, int b) { (void)ctx; return (b - a) * 10; }

static void check_text(const char *s, size_t len, int width)
{
    enum { CAP = 512 };
    long cp[CAP];
    unsigned char cls[CAP] = { 0 }, dir[CAP] = { 0 };
    int n = 0, order[CAP], seen[CAP];
    for (const char *p = s, *e = s + len; p < e && n < CAP;) {
        const char *q = p;
        long c = mj_utf8_next(&q, e);
        if (c < 0 || q == p) { c = 0xFFFD; q = p + 1; }
        cp[n] = c;
        cls[n] = (unsigned char)bidi_class(c);
        n++;
        p = q;
    }
    int base = bidi_base(cls, n, len & 1);
    if (base != 0 && base != 1) finding("paragraph direction not 0 or 1", s);
    bidi_resolve(cls, n, base);
    for (int i = 0; i < n; i++)
        if (cls[i] != BIDI_L && cls[i] != BIDI_R) finding("resolving left a neutral or a number", s);
    for (int i = 0; i < n; i++) dir[i] = cls[i];
    bidi_order(dir, n, base, order);
    memset(seen, 0, sizeof seen);
    for (int i = 0; i < n; i++) {
        if (order[i] < 0 || order[i] >= n || seen[order[i]]++) finding("visual order is not a permutation", s);
    }
    /* lines */
    memset(seen, 0, sizeof seen);
    linebreak_line ln;
    int from = 0, prev_end = 0, guard = 0;
    while (linebreak_next(cp, n, from, width, measure, NULL, &ln) > 0) {
        if (++guard > n + 1) finding("line breaking does not advance", s);
        if (ln.start < prev_end || ln.end < ln.start || ln.next <= ln.start || ln.next < ln.end) finding("lines out of order", s);
        if (!ln.cut && measure(NULL, ln.start, ln.end) > width) finding("a line wider than the width", s);
        if (ln.cut && ln.end - ln.start > 1 && measure(NULL, ln.start, ln.end) > width) finding("a cut line too wide", s);
        for (int i = ln.start; i < ln.end; i++) seen[i]++;
        prev_end = ln.end;
        from = ln.next;
    }
    for (int i = 0; i < n; i++) {
        int inside = cp[i] != ' ' && cp[i] != '\n';
        if (inside && seen[i] != 1) finding("a character on no line or on two", s);
        if (cp[i] == '\n' && seen[i]) finding("a line break inside a line", s);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 4096) return 0;
    int width = 10 + data[0] % 200;
    char *in = malloc(size), *card = malloc(4 * size + 256), *cal = malloc(4 * size + 512);
    char *want = malloc(size + 1), *got = malloc(4 * size + 512);
    if (!in || !card || !cal || !want || !got) goto out;
    memcpy(in, data + 1, size - 1);
    in[size - 1] = 0;                    /* a NUL in the input ends it */
    size_t len = strlen(in);
    check_text(in, len, width);
    char *f[4] = { in, "", "", "" };
    for (int i = 1; i < 4; i++) {
        char *bar = strchr(f[i - 1], '|');
        if (!bar) break;
        *bar = 0;
        f[i] = bar + 1;
    }
    int valid = 1;
    for (int i = 0; i < 4; i++) valid &= mj_utf8_valid(f[i], strlen(f[i]));
    int rc = qrpayload_mecard(card, 4 * size + 256, f[0], f[1], f[2], f[3]);
    if (valid != (rc == MJ_OK)) finding(valid ? "MeCard refused valid UTF-8" : "MeCard took invalid UTF-8", in);
    if (rc == MJ_OK) check_mecard(f, card, want, got);
    /* the calendar takes the name as SUMMARY and the address as LOCATION only */
    valid = mj_utf8_valid(f[0], strlen(f[0])) && mj_utf8_valid(f[3], strlen(f[3]));
    rc = qrpayload_vcalendar(cal, 4 * size + 512, "uid", f[0], 0, 3600, f[3], NULL, 0);
    if (valid != (rc == MJ_OK)) finding(valid ? "VCALENDAR refused valid UTF-8" : "VCALENDAR took invalid UTF-8", in);
    if (rc == MJ_OK) check_vcalendar(f, cal, want, got);
    /* a buffer too small fails cleanly with an empty string */
    if (qrpayload_mecard(card, 12, f[0], f[1], f[2], f[3]) == MJ_OK && strlen(card) >= 12) finding("MeCard overran", in);
out:
    free(in); free(card); free(cal); free(want); free(got);
    return 0;
}
