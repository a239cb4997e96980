/* lang.c - see lang.h. */
#include "lang.h"
#include <ctype.h>
#include <stddef.h>
#include <string.h>

/* Languages whose usual script is written right to left (lang.h says why each). */
static const char *const rtl_langs[] = {
    "ar", "bal", "ckb", "dv", "fa", "glk", "he", "iw", "ji", "ks", "lrc", "mzn", "prs", "ps",
    "sd", "syr", "ug", "ur", "yi",
};
static const char *const rtl_scripts[] = { "arab", "aran", "hebr", "syrc", "thaa", "nkoo", "adlm", "rohg" };

/* Copies subtag [s, s+n) lower-cased into out (cap 9 with NUL); 0 when longer. */
static int subtag(const char *s, size_t n, char out[9])
{
    if (n == 0 || n > 8) return 0;
    for (size_t i = 0; i < n; i++) out[i] = (char)tolower((unsigned char)s[i]);
    out[n] = 0;
    return 1;
}

static int alpha(const char *s)
{
    for (; *s; s++)
        if (!isalpha((unsigned char)*s)) return 0;
    return 1;
}

static int in(const char *const *list, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(list[i], s)) return 1;
    return 0;
}

int lang_rtl(const char *tag)
{
    if (!tag || !*tag) return 0;
    char first[9] = "", sub[9];
    size_t k = 0;
    for (const char *p = tag;;) {
        size_t n = strcspn(p, "-_");
        if (!subtag(p, n, sub)) return 0;              /* not a language tag */
        if (k == 0) {
            memcpy(first, sub, sizeof first);
        } else if (k <= 2 && n == 4 && alpha(sub)) {
            /* the script subtag: it alone decides */
            return in(rtl_scripts, sizeof rtl_scripts / sizeof rtl_scripts[0], sub);
        }
        k++;
        if (!p[n]) break;
        p += n + 1;
    }
    return in(rtl_langs, sizeof rtl_langs / sizeof rtl_langs[0], first);
}
