/* model.c - see model.h. */
#include "model.h"
#include <ctype.h>
#include <string.h>
#include <strings.h>

const char *const model_audience_names[AUD_COUNT] = {
    "expecting", "baby", "under_school_age", "school_age", "teen", "family", "parent"
};
const char *const model_weekday_names[7] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
const char *const model_org_kinds[] = { "municipality", "wellbeing_county", "ngo", "parish", "other", NULL };
const char *const model_category_icons[] = {
    "health", "family", "play", "support", "talk", "crisis", "culture", "faith", "home", "info",
    "language", "money", NULL
};

int model_in_list(const char *const *list, const char *s)
{
    for (; *list; list++)
        if (strcmp(*list, s) == 0) return 1;
    return 0;
}

int model_audience_from_name(const char *name)
{
    for (int i = 0; i < AUD_COUNT; i++)
        if (strcmp(model_audience_names[i], name) == 0) return i;
    return -1;
}

int model_weekday_from_name(const char *name)
{
    for (int i = 0; i < 7; i++)
        if (strcmp(model_weekday_names[i], name) == 0) return i;
    return -1;
}

int model_id_valid(const char *s)
{
    size_t n = strlen(s);
    if (n < 1 || n > 64) return 0;
    if (!(islower((unsigned char)s[0]) || isdigit((unsigned char)s[0]))) return 0;
    for (size_t i = 1; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) return 0;
    }
    return 1;
}

int model_lang_valid(const char *s)
{
    size_t i = 0;
    while (s[i] >= 'a' && s[i] <= 'z') i++;
    if (i < 2 || i > 3) return 0;
    if (s[i] == 0) return 1;
    if (s[i] != '-') return 0;
    size_t j = ++i;
    while ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9')) i++;
    return s[i] == 0 && i - j >= 2 && i - j <= 8;
}
