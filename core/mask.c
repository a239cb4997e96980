/* mask.c - see mask.h. The scanners work on ASCII bytes: every character of a phone number,
 * e-mail address or identity code is ASCII, and UTF-8 continuation bytes never look like one. */
#include "mask.h"
#include "util.h"
#include <ctype.h>
#include <string.h>

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

/* Length of a phone number at p, else 0: digits with single separators (space, - / ( )),
 * at least 7 digits, or 6 when it starts with + or 0 (a Finnish or international number). */
static size_t phone_at(const char *p)
{
    size_t i = 0, digits = 0, last = 0;
    int lead = p[0] == '+' || p[0] == '0' || (p[0] == '(' && p[1] == '0');
    if (p[0] == '+' || p[0] == '(') i++;
    if (!is_digit(p[i])) return 0;
    while (p[i]) {
        if (is_digit(p[i])) { digits++; i++; last = i; continue; }
        /* A separator counts only between digits, so "9-11" stays two numbers of a range. */
        if (p[i] && strchr(" -/()", p[i])) {
            size_t j = i + 1;
            if (p[i] == ')' && p[j] == ' ') j++;
            if (is_digit(p[j])) { i = j; continue; }
        }
        break;
    }
    if (digits > 15) return 0;
    return (digits >= 7 || (lead && digits >= 6)) ? last : 0;
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

static size_t email_at(const char *p)
{
    size_t j = 0;
    while (is_email_char(p[j])) j++;
    if (j == 0 || p[j] != '@') return 0;
    size_t at = j++;
    while (is_alnum(p[j]) || p[j] == '.' || p[j] == '-') j++;
    while (j > at + 1 && p[j - 1] == '.') j--;     /* a sentence's full stop is not the address */
    size_t dot = 0;
    for (size_t k = at + 1; k < j; k++)
        if (p[k] == '.') dot = k;
    if (!dot || dot <= at + 1 || dot + 1 >= j) return 0;
    return j;
}

void mask_text(const char *in, char *out, size_t outlen, unsigned *found)
{
    size_t o = 0, n = strlen(in);
    unsigned f = 0;
    if (!outlen) return;
    for (size_t i = 0; i < n && o + 1 < outlen;) {
        int word_start = i == 0 || !(is_alnum(in[i - 1]) || in[i - 1] == '.' || in[i - 1] == '@');
        size_t m = 0;
        unsigned kind = 0;
        if (word_start && is_email_char(in[i]) && (m = email_at(in + i))) kind = MASK_EMAIL;
        if (!m && word_start && mask_hetu_at(in + i, NULL)) { m = 11; kind = MASK_HETU; }
        if (!m && word_start && date_at(in + i)) {
            size_t d = date_at(in + i);
            memcpy(out + o, in + i, d < outlen - o - 1 ? d : outlen - o - 1);
            o += d < outlen - o - 1 ? d : outlen - o - 1;
            i += d;
            continue;
        }
        if (!m && word_start && (m = phone_at(in + i))) kind = MASK_PHONE;
        if (m) {
            f |= kind;
            for (const char *r = "***"; *r && o + 1 < outlen; r++) out[o++] = *r;
            i += m;
        } else {
            out[o++] = in[i++];
        }
    }
    while (o > 0 && !mj_utf8_valid(out, o)) o--;    /* never end inside a character */
    out[o] = 0;
    if (found) *found = f;
}
