/* mask.c - see mask.h. The scanners work on an ASCII shadow of the text: one byte per code
 * point, where a decimal digit of any script is its ASCII digit, a full-width form or a Unicode
 * dash or space its ASCII look-alike, and every other non-ASCII character 0x80 (not a letter,
 * not a digit). What the scanners find is then cut out of the original text. */
#include "mask.h"
#include "util.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* First code points of the Unicode blocks of ten decimal digits (general category Nd). */
static const long nd_zero[] = {
    0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6, 0x0D66, 0x0DE6,
    0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50, 0x1BB0,
    0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10, 0x104A0, 0x10D30,
    0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650, 0x116C0, 0x11730, 0x118E0,
    0x11950, 0x11C50, 0x11D50, 0x11DA0, 0x16A60, 0x16B50, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6,
    0x1E140, 0x1E2F0, 0x1E950, 0x1FBF0,
};

int mask_digit(long cp)
{
    if (cp >= '0' && cp <= '9') return (int)(cp - '0');
    for (size_t i = 0; i < sizeof nd_zero / sizeof nd_zero[0]; i++)
        if (cp >= nd_zero[i] && cp < nd_zero[i] + 10) return (int)(cp - nd_zero[i]);
    return -1;
}

/* The shadow byte of one code point. */
static char shadow_of(long cp)
{
    int d = mask_digit(cp);
    if (d >= 0) return (char)('0' + d);
    if (cp >= 0 && cp < 0x80) return (char)cp;
    if (cp >= 0xFF01 && cp <= 0xFF5E) return (char)(cp - 0xFEE0);        /* full-width ASCII */
    if ((cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212 || cp == 0xFE63) return '-';
    if (cp == 0x00A0 || cp == 0x202F || cp == 0x2007 || cp == 0x2009 || cp == 0x3000) return ' ';
    return (char)0x80;
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_alnum(char c) { return isalnum((unsigned char)c) != 0; }
static int is_email_char(char c)
{
    return is_alnum(c) || c == '.' || c == '_' || c == '-' || c == '+' || c == '%';
}

int mask_hetu_at(const char *p, int *check_ok)
{
    /* Century signs: + (1800s), - and U-Y (1900s), A-F (2000s), as in the 2023 reform. */
    static const char checks[] = "0123456789ABCDEFHJKLMNPRSTUVWXY";
    for (int i = 0; i < 6; i++)
        if (!is_digit(p[i])) return 0;
    char sign = (char)toupper((unsigned char)p[6]);
    if (!sign || !strchr("+-ABCDEFUVWXY", sign)) return 0;
    for (int i = 7; i < 10; i++)
        if (!is_digit(p[i])) return 0;
    char k = (char)toupper((unsigned char)p[10]);
    if (!k || !strchr(checks, k) || is_alnum(p[11])) return 0;
    int dd = (p[0] - '0') * 10 + (p[1] - '0'), mm = (p[2] - '0') * 10 + (p[3] - '0');
    int yy = (p[4] - '0') * 10 + (p[5] - '0');
    int century = sign == '+' ? 1800 : strchr("ABCDEF", sign) ? 2000 : 1900;
    int year = century + yy;
    static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (mm < 1 || mm > 12 || dd < 1) return 0;
    int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (dd > mdays[mm - 1] + (mm == 2 && leap)) return 0;
    long n = 0;
    for (int i = 0; i < 6; i++) n = n * 10 + (p[i] - '0');
    for (int i = 7; i < 10; i++) n = n * 10 + (p[i] - '0');
    if (check_ok) *check_ok = checks[n % 31] == k;
    return 1;
}

/* Length of a phone number (or any long number) at p, else 0: digits with single separators
 * (space, - / ( ), and . once a group has 3 digits, so "040.123.4567" but not "09.30-11.00"), at
 * least 7 digits, or 6 when it starts with + or 0 (a Finnish or international number); and any 6
 * or more digits in a row, whatever they are (an account, a card, a customer number). */
static size_t phone_at(const char *p)
{
    size_t i = 0, digits = 0, last = 0, group = 0, run = 0;
    int lead = p[0] == '+' || p[0] == '0' || (p[0] == '(' && p[1] == '0'), long_group = 0;
    if (p[0] == '+' || p[0] == '(') i++;
    if (!is_digit(p[i])) return 0;
    while (p[i]) {
        if (is_digit(p[i])) {
            digits++; i++; last = i;
            if (++group >= 3) long_group = 1;
            if (group > run) run = group;
            continue;
        }
        /* A separator counts only between digits, so "9-11" stays two numbers of a range. */
        if (strchr(" -/()", p[i]) || (p[i] == '.' && long_group)) {
            size_t j = i + 1;
            if (p[i] == ')' && p[j] == ' ') j++;
            if (is_digit(p[j])) { i = j; group = 0; continue; }
        }
        break;
    }
    return (digits >= 7 || (lead && digits >= 6) || run >= 6) ? last : 0;
}

/* "23.11.2026" or "1.1.2027": a date, kept as it is. */
static size_t date_at(const char *p)
{
    size_t i = 0;
    int groups = 0, len = 0;
    for (;;) {
        len = 0;
        while (is_digit(p[i])) { i++; len++; }
        groups++;
        if (groups < 3 && (len < 1 || len > 2 || p[i] != '.')) return 0;
        if (groups == 3) return (len == 2 || len == 4) ? i : 0;
        i++;
    }
}

/* End of the domain of an e-mail address whose '@' is at p[at], else 0: letters, digits, - and
 * dots, with a dot inside (not first, not last). */
static size_t domain_end(const char *p, size_t at)
{
    size_t j = at + 1;
    while (is_alnum(p[j]) || p[j] == '.' || p[j] == '-') j++;
    while (j > at + 1 && p[j - 1] == '.') j--;     /* a sentence's full stop is not the address */
    size_t dot = 0;
    for (size_t k = at + 1; k < j; k++)
        if (p[k] == '.') dot = k;
    if (!dot || dot <= at + 1 || dot + 1 >= j) return 0;
    return j;
}

/* Marks every e-mail address: em[k] = end of the address that covers k, else 0. From each '@'
 * the local part runs left over address characters (not into the address before), so addresses
 * glued to each other or to a word are found whole. */
static void find_emails(const char *sh, size_t n, size_t *em)
{
    size_t floor = 0;
    for (size_t a = 0; a < n; a++) {
        if (sh[a] != '@') continue;
        size_t l = a, r;
        while (l > floor && is_email_char(sh[l - 1])) l--;
        if (l == a || !(r = domain_end(sh, a))) continue;
        for (size_t k = l; k < r; k++) em[k] = r;
        floor = r;
        a = r - 1;
    }
}

/* The scan over the shadow text sh (n bytes); off[k] is where code point k starts in the input. */
static void mask_shadow(const char *in, const char *sh, const size_t *off, const size_t *em, size_t n, char *out,
                        size_t outlen, unsigned *found)
{
    size_t o = 0;
    unsigned f = 0;
    for (size_t i = 0; i < n && o + 1 < outlen;) {
        int word_start = i == 0 || !(is_alnum(sh[i - 1]) || sh[i - 1] == '.' || sh[i - 1] == '@');
        /* Numbers may be glued to a word or a full stop ("puh.0401234567"), not to another digit. */
        int num_start = i == 0 || !is_digit(sh[i - 1]);
        size_t m = 0;
        unsigned kind = 0;
        if (em[i]) { m = em[i] - i; kind = MASK_EMAIL; }      /* also the rest of one a number ran into */
        if (!m && num_start && mask_hetu_at(sh + i, NULL)) { m = 11; kind = MASK_HETU; }
        if (!m && word_start && date_at(sh + i)) m = date_at(sh + i);     /* a date: kept */
        else if (!m && num_start && (m = phone_at(sh + i))) kind = MASK_PHONE;
        if (m && kind) {
            f |= kind;
            for (const char *r = "***"; *r && o + 1 < outlen; r++) out[o++] = *r;
        } else {
            if (!m) m = 1;
            size_t len = off[i + m] - off[i];
            if (len > outlen - o - 1) len = outlen - o - 1;
            memcpy(out + o, in + off[i], len);
            o += len;
        }
        i += m;
    }
    while (o > 0 && !mj_utf8_valid(out, o)) o--;    /* never end inside a character */
    out[o] = 0;
    if (found) *found = f;
}

void mask_text(const char *in, char *out, size_t outlen, unsigned *found)
{
    size_t n = strlen(in), k = 0;
    if (!outlen) return;
    char *sh = malloc(n + 1);
    size_t *off = malloc((n + 1) * sizeof *off), *em = calloc(n + 1, sizeof *em);
    if (!sh || !off || !em) {
        /* No memory to look: hide everything rather than let anything through. */
        free(sh);
        free(off);
        free(em);
        snprintf(out, outlen, "%s", n ? "***" : "");
        if (found) *found = n ? MASK_PHONE : 0;
        return;
    }
    for (const char *p = in, *end = in + n; p < end;) {
        const char *q = p;
        long cp = mj_utf8_next(&q, end);
        if (cp < 0) q = p + 1;                      /* a malformed byte: one opaque character */
        off[k] = (size_t)(p - in);
        sh[k++] = cp < 0 ? (char)0x80 : shadow_of(cp);
        p = q;
    }
    off[k] = n;
    sh[k] = 0;
    find_emails(sh, k, em);
    mask_shadow(in, sh, off, em, k, out, outlen, found);
    free(sh);
    free(off);
    free(em);
}
