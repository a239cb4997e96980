/* hub_formdata.h - the values of one item's form as name/value pairs, named relative to the item
 * ("start", "title.fi"): what the event and question forms read and draw. The editor fills it from
 * the posted form (hub_form.h, which decodes and bounds the body) or from the bundle item. */
#ifndef MAJAKKA_HUB_FORMDATA_H
#define MAJAKKA_HUB_FORMDATA_H
#include <stddef.h>

#define HUB_FORMDATA_MAX_FIELDS 4000
#define HUB_FORMDATA_MAX_VALUE 16384
#define HUB_FORMDATA_MAX_NAME 200

typedef struct hub_formfield { char *name, *value; } hub_formfield;
typedef struct hub_formdata { hub_formfield *f; size_t n; } hub_formdata;

/* The first value of name, or NULL. */
const char *hub_formdata_get(const hub_formdata *fd, const char *name);
/* The k-th value (0-based) of a name given several times (checkbox groups), or NULL. */
const char *hub_formdata_get_nth(const hub_formdata *fd, const char *name, size_t k);
void hub_formdata_free(hub_formdata *fd);
/* Adds a pair; MJ_ENOMEM, or MJ_EINVAL past the limits above or for text that is not UTF-8. */
int hub_formdata_add(hub_formdata *fd, const char *name, const char *value);
/* Adds name without prefix when it starts with prefix ("events[3]." + "start"); else nothing. */
int hub_formdata_add_under(hub_formdata *fd, const char *prefix, const char *name, const char *value);

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
