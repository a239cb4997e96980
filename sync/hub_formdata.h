/* hub_formdata.h - a posted HTML form (application/x-www-form-urlencoded) as name/value pairs,
 * decoded and bounded: at most HUB_FORM_MAX_FIELDS fields, names of at most 128 bytes, values of
 * at most HUB_FORM_MAX_VALUE bytes, everything valid UTF-8 without NUL; textarea line ends
 * (CR LF) become LF. Anything else is refused whole with a message, so a form module never sees
 * bytes it has to doubt. */
#ifndef MAJAKKA_HUB_FORMDATA_H
#define MAJAKKA_HUB_FORMDATA_H
#include <stddef.h>

#define HUB_FORM_MAX_FIELDS 1000
#define HUB_FORM_MAX_VALUE 8192
#define HUB_FORM_MAX_NAME 128

typedef struct hub_formfield { char *name, *value; } hub_formfield;
typedef struct hub_formdata { hub_formfield *f; size_t n; } hub_formdata;

/* Decodes body[0..len) into *out (free it with hub_formdata_free). MJ_EINVAL with a message for
 * a malformed or oversized form; *out is then empty. */
int hub_formdata_parse(const char *body, size_t len, hub_formdata *out, char *err, size_t errlen);
void hub_formdata_free(hub_formdata *fd);

/* The first value of name, or NULL. */
const char *hub_formdata_get(const hub_formdata *fd, const char *name);
/* The k-th value (0-based) of a name given several times (checkbox groups), or NULL. */
const char *hub_formdata_get_nth(const hub_formdata *fd, const char *name, size_t k);
/* Adds a pair (tests and callers building a form in code); MJ_ENOMEM or MJ_EINVAL (limits). */
int hub_formdata_add(hub_formdata *fd, const char *name, const char *value);

/* Forms whose fields are named by their JSON path ("events[3].title.fi"): a view of the fields
 * under prefix ("events[3]."), named without it; the strings are fd's (free the view with
 * hub_formdata_view_free only). MJ_ENOMEM. */
int hub_formdata_view(const hub_formdata *fd, const char *prefix, hub_formdata *view);
void hub_formdata_view_free(hub_formdata *view);
/* Puts prefix before every name of fd (fd owns its strings). */
int hub_formdata_prefix(hub_formdata *fd, const char *prefix);
/* Puts prefix before a field name and before a "field: message" (both cut to their sizes). */
void hub_formdata_prefix_err(const char *prefix, char *field, size_t flen, char *err, size_t errlen);

#endif
