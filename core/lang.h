/* lang.h - which languages are written right to left: the one rule the screen (kiosk/) and the
 * slip (print/) both ask. A tag is a BCP 47 language tag ("ar", "fa-IR", "ku-Arab", "sd-Deva");
 * case does not matter, '_' counts as '-'.
 *
 * The rule: a script subtag decides when there is one (Arab, Aran, Hebr, Syrc, Thaa, Nkoo, Adlm,
 * Rohg: right to left; any other script, e.g. Latn, Cyrl, Deva: left to right). Without one, the
 * language's usual script decides (CLDR's likely script): Arabic script for ar, fa, prs (Dari),
 * ps, ur, ckb (Sorani Kurdish), sd, ug, ks, bal, mzn, lrc, glk; Hebrew for he (old iw), yi (old
 * ji); Syriac for syr; Thaana for dv. Kurdish "ku" alone is Kurmanji, written in Latin letters,
 * so left to right; "ku-Arab" is right to left. Everything else is left to right, and so is
 * what is not a language tag (an empty or over-long subtag). */
#ifndef MAJAKKA_LANG_H
#define MAJAKKA_LANG_H

/* 1 when text in this language reads right to left; 0 otherwise (also for NULL and ""). */
int lang_rtl(const char *tag);

#endif
