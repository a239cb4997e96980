/* model.h - the fixed vocabularies of the content model: audiences, weekdays, organization
 * kinds, category icons, and the id and language-code syntax (docs/content-bundle.md). */
#ifndef MAJAKKA_MODEL_H
#define MAJAKKA_MODEL_H

enum model_audience {
    AUD_EXPECTING, AUD_BABY, AUD_UNDER_SCHOOL_AGE, AUD_SCHOOL_AGE, AUD_TEEN, AUD_FAMILY, AUD_PARENT,
    AUD_COUNT
};
/* "expecting", "baby", ... in enum order. */
extern const char *const model_audience_names[AUD_COUNT];
/* Returns the enum value for a name, or -1. */
int model_audience_from_name(const char *name);

/* "Mon".."Sun" -> 0..6, or -1. */
int model_weekday_from_name(const char *name);
extern const char *const model_weekday_names[7];

extern const char *const model_org_kinds[];        /* NULL-terminated */
extern const char *const model_category_icons[];   /* NULL-terminated */
int model_in_list(const char *const *list, const char *s);

/* [a-z0-9][a-z0-9_-]{0,63} */
int model_id_valid(const char *s);
/* two or three lowercase letters, optionally "-" and 2-8 letters/digits. */
int model_lang_valid(const char *s);

#endif
