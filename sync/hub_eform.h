/* hub_eform.h - an HTML form's body (application/x-www-form-urlencoded) as name/value pairs,
 * bounded and checked before anything reads it: at most HUB_EFORM_MAX_FIELDS fields, names of at
 * most 200 bytes, values of at most HUB_EFORM_MAX_VALUE bytes, all valid UTF-8; CR LF (what
 * browsers send for a new line) becomes LF. A name may come several times (check boxes).
 * Readers mark what they used, so that a field nobody asked for is refused. */
#ifndef MAJAKKA_HUB_EFORM_H
#define MAJAKKA_HUB_EFORM_H
#include <stddef.h>

#define HUB_EFORM_MAX_FIELDS 4000
#define HUB_EFORM_MAX_NAME 200
#define HUB_EFORM_MAX_VALUE 16384

typedef struct hub_eform_field { char *name, *value; int used; } hub_eform_field;
typedef struct hub_eform {
    hub_eform_field *f;
    int n;
} hub_eform;

/* MJ_EINVAL with the reason. When the fault is one field's value (too long, not UTF-8) and
 * bad_name is not NULL, *bad_name gets that field's name (malloc'd) and out keeps every other
 * field, so the form can be shown again as typed with the message at that field; otherwise
 * out is empty and *bad_name NULL. */
int hub_eform_parse(const char *body, size_t len, hub_eform *out, char **bad_name, char *err, size_t errlen);
void hub_eform_free(hub_eform *f);
/* The first value of name (marked used), or NULL. */
const char *hub_eform_get(hub_eform *f, const char *name);
/* The value of the i-th field named name (0 first), marked used, or NULL. */
const char *hub_eform_get_nth(hub_eform *f, const char *name, int i);
/* 1 when any field's name starts with prefix (nothing is marked). */
int hub_eform_has_prefix(const hub_eform *f, const char *prefix);
/* The first field nobody read, or NULL. */
const char *hub_eform_unused(const hub_eform *f);

#endif
