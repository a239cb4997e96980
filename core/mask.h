/* mask.h - hides personal data in free text before it is stored or printed: phone numbers,
 * e-mail addresses and Finnish personal identity codes (henkilötunnus) become "***".
 * Used for feedback comments and slip notes. It errs on the side of hiding: a number that
 * may be a phone number is masked; an identity code is masked when its date is possible, even
 * with a wrong check character, because a mistyped code still points at one person. Digits of
 * any script count; a number glued to a word or a full stop is still a number, and 6 or more
 * digits in a row are always masked. */
#ifndef MAJAKKA_MASK_H
#define MAJAKKA_MASK_H
#include <stddef.h>

enum { MASK_PHONE = 1u, MASK_EMAIL = 2u, MASK_HETU = 4u };

/* Copies in to out (always NUL-terminated, cut on a character boundary) with personal data
 * replaced by "***". *found (may be NULL) gets the MASK_* bits of what was masked. */
void mask_text(const char *in, char *out, size_t outlen, unsigned *found);

/* The value 0-9 of a decimal digit of any script (ASCII, Arabic-Indic, Persian, Devanagari,
 * full-width ...), else -1. Numbers written in any of them are masked the same way. */
int mask_digit(long cp);

/* 1 when s starts with an 11-character identity code (DDMMYY, century sign, NNN, check
 * character) whose date exists; *check_ok tells whether the check character is right. */
int mask_hetu_at(const char *s, int *check_ok);

#endif
