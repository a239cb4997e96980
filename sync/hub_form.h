/* hub_form.h - HTML form bodies, read once and bounded the same way for every page: the one
 * parser of application/x-www-form-urlencoded bodies (sign-in, accounts, fleet, the editor,
 * imports), of multipart/form-data uploads (the import page), and the name/value list the
 * editor's forms are drawn from and read back.
 * Bounds: at most HUB_FORM_MAX_FIELDS fields; names 1 to HUB_FORM_MAX_NAME bytes of UTF-8 without
 * NUL; values at most HUB_FORM_MAX_VALUE bytes of UTF-8 without NUL; %XX escapes must be whole
 * ("+" is a space); CR LF (what browsers send for a new line) becomes LF. A name may come several
 * times (check boxes). Readers that must refuse fields nobody asked for take them
 * (hub_form_take marks them used) and ask hub_form_unused at the end. */
#ifndef MAJAKKA_HUB_FORM_H
#define MAJAKKA_HUB_FORM_H
#include <stddef.h>

#define HUB_FORM_MAX_FIELDS 4000
#define HUB_FORM_MAX_NAME 200
#define HUB_FORM_MAX_VALUE 16384

typedef struct hub_form_field { char *name, *value; int used; } hub_form_field;
typedef struct hub_form { hub_form_field *f; size_t n; } hub_form;   /* { NULL, 0 }: empty */

/* Parses an urlencoded body. MJ_EINVAL with the reason in err for a body that breaks a bound.
 * When the fault is one field's value (too long, not UTF-8, a NUL) and bad_name is not NULL,
 * *bad_name gets that field's name (malloc'd) and out keeps every field, the faulty ones as near
 * to what was typed as the bounds allow (cut to HUB_FORM_MAX_VALUE at a character, each byte that
 * is not UTF-8 and each NUL as U+FFFD), so the form can be shown again with the message at that
 * field; out must still not be used as valid input. Otherwise out is empty and *bad_name NULL.
 * MJ_ENOMEM. */
int hub_form_parse(const char *body, size_t len, hub_form *out, char **bad_name, char *err, size_t errlen);
/* The value of the first field called name, decoded and checked as hub_form_parse does, without
 * reading any other field (the CSRF check: a fault elsewhere is left to the page's own parse):
 * a malloc'd string, or NULL when there is no such field or its value breaks a bound. For a
 * multipart/form-data content_type, the part called name; else the body is urlencoded. */
char *hub_form_value(const char *content_type, const char *body, size_t len, const char *name);
void hub_form_free(hub_form *f);

/* The first value of name, or NULL (nothing is marked). */
const char *hub_form_get(const hub_form *f, const char *name);
/* The k-th value (0 first) of a name given several times, or NULL. */
const char *hub_form_get_nth(const hub_form *f, const char *name, size_t k);
/* The same, marking the field used. */
const char *hub_form_take(hub_form *f, const char *name);
const char *hub_form_take_nth(hub_form *f, const char *name, size_t k);
/* 1 when any field's name starts with prefix (nothing is marked). */
int hub_form_has_prefix(const hub_form *f, const char *prefix);
/* The first field nobody took, or NULL. */
const char *hub_form_unused(const hub_form *f);

/* Building a form's values (from a bundle item, or a part of a posted form): adds a pair under
 * the same bounds; MJ_EINVAL past them, MJ_ENOMEM. */
int hub_form_add(hub_form *f, const char *name, const char *value);
/* Adds name without prefix when it starts with prefix ("events[3]." + "start"); else nothing. */
int hub_form_add_under(hub_form *f, const char *prefix, const char *name, const char *value);
/* Forms whose fields are named by their JSON path ("events[3].title.fi"): a view of the fields
 * under prefix ("events[3]."), named without it; the strings are f's (free the view with
 * hub_form_view_free only; add nothing to it). MJ_ENOMEM. */
int hub_form_view(const hub_form *f, const char *prefix, hub_form *view);
void hub_form_view_free(hub_form *view);
/* Puts prefix before every name of f. MJ_ENOMEM. */
int hub_form_prefix(hub_form *f, const char *prefix);
/* Puts prefix before a field name and before a "field: message" (both cut to their sizes). */
void hub_form_prefix_err(const char *prefix, char *field, size_t flen, char *err, size_t errlen);

/* multipart/form-data (RFC 7578): the parts, pointing into the body (not copied, not decoded:
 * files may be any bytes). Bounds: a boundary of 1 to 70 bytes, at most max parts, headers of
 * at most 4096 bytes per part, a name of 1 to 63 bytes (a longer one is refused, not cut). */
#define HUB_FORM_MAX_PARTS 32
typedef struct hub_part {
    char name[64], filename[256];
    const char *data;
    size_t len;
} hub_part;
/* 1 when content_type is multipart/form-data. */
int hub_form_is_multipart(const char *content_type);
/* Parses body by the boundary of content_type ("multipart/form-data; boundary=..."). MJ_EINVAL
 * for anything malformed or more than max parts. */
int hub_form_multipart(const char *content_type, const char *body, size_t len, hub_part *parts, int max, int *n);

#endif
