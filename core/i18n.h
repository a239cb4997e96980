/* i18n.h - UI strings from GNU gettext .po files (assets/po/LANG.po), read by our own small
 * reader at start. Message ids are keys ("home.services"); en.po has every one, and English is
 * always the last language tried, so a visitor never sees an id. Fuzzy and empty entries are
 * skipped. Translations use numbered placeholders {1}..{9} (not printf), and one whose
 * placeholders go past the English one's highest is ignored, so a bad translation cannot
 * break a screen. */
#ifndef MAJAKKA_I18N_H
#define MAJAKKA_I18N_H
#include <stddef.h>

typedef struct i18n i18n;

/* Loads every LANG.po in dir (en.po must be there). */
int i18n_open(const char *dir, i18n **out, char *err, size_t errlen);
void i18n_close(i18n *t);

/* Languages to try, in order (the visitor's, then the site's fallback); "en" is added last. */
void i18n_set_chain(i18n *t, const char *const *langs, int n);
/* The string for id in the first language of the chain that has it; "" if none has it. */
const char *i18n_get(const i18n *t, const char *id);
/* Like i18n_get for one language only, NULL when that language lacks it (tests, lang bar). */
const char *i18n_get_in(const i18n *t, const char *lang, const char *id);
/* 1 when a .po for lang was loaded. */
int i18n_has_lang(const i18n *t, const char *lang);
/* Every id in en.po, for tests: returns the count, fills ids[i] (borrowed) up to max. */
int i18n_ids(const i18n *t, const char **ids, int max);

/* Replaces {1}..{9} in tpl with args[0..nargs); unknown or missing ones become "". */
void i18n_format(char *out, size_t outlen, const char *tpl, const char *const *args, int nargs);

/* Parses one .po text into the given language (exposed for tests). */
int i18n_load_po(i18n *t, const char *lang, const char *text, char *err, size_t errlen);
i18n *i18n_new(void);

#endif
