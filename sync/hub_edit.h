/* hub_edit.h - the content editor (issue 11): a site's draft edited in forms, what changes,
 * publish and restore. Pages (no script needed; every route checks the user may edit SITE, and
 * every POST its CSRF token):
 *   GET  /edit/SITE                  the draft: counts, links to the lists, Publish, Discard
 *   GET  /edit/SITE/changes          what changes from the published version, in words
 *   POST /edit/SITE/publish          publish the draft (hub_draft_publish)
 *   POST /edit/SITE/discard          forget the draft's edits
 *   GET  /edit/SITE/versions         every published version; POST /edit/SITE/versions/N/restore
 *   GET|POST /edit/SITE/site         the site's form
 *   GET  /edit/SITE/SLUG             an entity list (SLUG: services, organizations, ...)
 *   GET|POST /edit/SITE/SLUG/new     a new item;  GET|POST /edit/SITE/SLUG/ID  an item
 *   POST /edit/SITE/SLUG/ID/delete   remove it (refused, with the reason, if something refers to it)
 * Form fields are named by their JSON path in the bundle (services[3].name.fi), so the kiosks'
 * validator's message ("services[3].name.fi: is longer than 200 bytes") is shown at the field of
 * the same name. A refused save (422) shows the form again as typed, the message at its field and
 * at the top, and changes nothing. Keys an entity has that its form does not know (x- extensions)
 * are kept as they were.
 *
 * ADDING AN ENTITY FORM (events, feedback questions): in a file of its own (hub_edit_event.c)
 * define `const hub_edit_entity hub_edit_events = {"events", "events", "web.edit.events.one", ...}`
 * with a field table (kinds below; HE_CUSTOM with render and parse functions for anything else,
 * built on the helpers at the end of this header), declare it extern below and add it to
 * hub_edit_entities[] in hub_edit_entities.c. List, form, save, delete, diff and publish then
 * work for it with no more code. A `fixup` runs after the form is read (e.g. raise a feedback
 * question's version when a published question's text changes). */
#ifndef MAJAKKA_HUB_EDIT_H
#define MAJAKKA_HUB_EDIT_H
#include <stddef.h>
#include <jansson.h>
#include "hub_form.h"
#include "hub_req.h"
#include "util.h"

void hub_edit_handle(hub_store *hs, const hub_req *rq, hub_resp *rs);

typedef struct hub_edit_ctx hub_edit_ctx;
typedef struct hub_edit_field hub_edit_field;

enum {
    HE_ID,          /* the item's id: typed for a new item (empty: made from the name), fixed after */
    HE_TEXT,        /* a multilingual text, one input per language, the site's side by side */
    HE_LONGTEXT,    /* the same with text areas */
    HE_STRING,      /* one line of text (url, phone, postal code, a language code) */
    HE_NUMBER,      /* a number (lat, lon) */
    HE_INT,         /* an integer */
    HE_BOOL,        /* a check box: true or false, always written */
    HE_REF,         /* the id of an item in `list` (a select; optional ones have "none") */
    HE_REFS,        /* ids of items in `list` (check boxes) */
    HE_CHOICE,      /* one of `choices` (a select) */
    HE_CHOICES,     /* some of `choices` (check boxes) */
    HE_CODES,       /* a list of codes typed as "fi, sv, en" */
    HE_HOURS,       /* opening_hours: rows of day, opens, closes */
    HE_EXCEPTIONS,  /* hours_exceptions: rows of date, closed, opens, closes, note; holidays offered */
    HE_CUSTOM       /* render and parse below */
};

struct hub_edit_field {
    const char *key;                  /* the JSON key in the item; NULL ends a table */
    int kind;
    const char *label;
    const char *help;                 /* a line under the label, or NULL */
    int required;
    const char *list;                 /* HE_REF, HE_REFS: the content list whose items are offered;
                                         HE_HOURS, HE_EXCEPTIONS: "walk_in" adds a "without an
                                         appointment" check box to each row (services) */
    const char *const *choices;       /* HE_CHOICE, HE_CHOICES: NULL-terminated values */
    const char *const *choice_labels; /* the same order; NULL: the values */
    /* HE_CUSTOM: draw the field for value (may be NULL) at path ("events[2].rrule"), and read it
     * back into item (set item[key], or leave it out); parse returns MJ_OK or hub_edit_fail(). */
    void (*render)(hub_edit_ctx *c, const hub_edit_field *f, const char *path, json_t *value);
    int (*parse)(hub_edit_ctx *c, const hub_edit_field *f, const char *path, json_t *item);
};

typedef struct hub_edit_entity {
    const char *list;        /* the key in content: "services"; "site" for the site object */
    const char *slug;        /* the path segment: "services" */
    /* Texts (hub_t msgids, in the user's language): one ("Service", also a changed item's
     * heading), many ("Services"), t_new ("New service": a new item's title and an added one in
     * What changes), t_add ("Add a service"), t_delete ("Delete this service from the draft"),
     * t_removed ("Removed service"). */
    const char *one, *many;
    const hub_edit_field *fields;
    /* Optional: after the form is read into item (old: the stored item, NULL for a new one). */
    int (*fixup)(hub_edit_ctx *c, json_t *item, const json_t *old);
    /* Optional: a form that is more than one item's fields (below). */
    const struct hub_edit_form_hooks *hooks;
    const char *t_new, *t_add, *t_delete, *t_removed;
} hub_edit_entity;

/* For a form that is more than one item's fields (events: the repeat choices, and moved
 * occurrences that are events of their own; feedback questions: the version). render draws the
 * form's fields instead of the table (item: the stored one, NULL for a new one; after a refused
 * post c->form holds what was typed under posted_path). apply puts the posted form (fields under
 * posted_path, marked used) into content instead of the table and put_item; it runs inside the
 * draft's save (again if another save came first), sets *index and id (the saved item) and
 * returns MJ_EINVAL with "path: message" (path: the item's path now) on bad input. remove deletes
 * the item and what goes with it; hidden items are left out of the list (a moved occurrence is
 * edited with its series). */
typedef struct hub_edit_form_hooks {
    void (*render)(hub_edit_ctx *c, const char *path, const json_t *item, const char *posted_path, int is_new);
    int (*apply)(hub_edit_ctx *c, json_t *content, const char *old_id, const char *posted_path, const char *path,
                 long *index, char id[80], char *err, size_t errlen);
    int (*remove)(json_t *content, const char *id, char *err, size_t errlen);
    int (*hidden)(const json_t *item);
} hub_edit_form_hooks;

extern const hub_edit_entity hub_edit_site, hub_edit_organizations, hub_edit_locations, hub_edit_categories,
    hub_edit_services, hub_edit_events, hub_edit_questions;
/* Every entity with a form, NULL-terminated, in the order the editor shows them. */
extern const hub_edit_entity *const hub_edit_entities[];

/* One page being drawn, or one form being read. */
struct hub_edit_ctx {
    hub_store *hs;
    const char *site;
    json_t *content;            /* the draft's content (borrowed) */
    json_t *langs;              /* the site's languages (borrowed list of strings) */
    hub_form *form;             /* a POST's form, NULL when drawing from the draft */
    char *p;                    /* the page: p[0..len), cap, oom */
    size_t len, cap;
    int oom;
    char err_path[400], err_msg[MJ_ERRLEN];   /* the message to show, and at which path */
    int err_shown;
    json_t *raw;                /* path -> text typed that could not be read (shown again as typed) */
    char csrf[65];
    int refused;                /* the posted form itself was refused (err_*): nothing is saved */
    const struct hub_ctx *web;  /* who is asking (hub_web.h) */
};

/* Helpers for field functions. Every label, help line and choice label in a field table is a
 * hub_t msgid (assets/po/hub); hub_edit_t gives its text in the user's language, hub_edit_tf
 * fills {1}..{9} from the NULL-terminated arguments. */
const char *hub_edit_t(const hub_edit_ctx *c, const char *msgid);
void hub_edit_tf(const hub_edit_ctx *c, char *out, size_t outlen, const char *msgid, ...);
void hub_edit_add(hub_edit_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void hub_edit_esc(hub_edit_ctx *c, const char *s);
/* The HTML id for a path: "services[3].name.fi" -> "f-services-3-name-fi". */
void hub_edit_html_id(const char *path, char out[420]);
/* Prints the pending message here when it names path (prefix: or anything below path). */
void hub_edit_slot(hub_edit_ctx *c, const char *path, int prefix);
/* " aria-invalid=\"true\" aria-describedby=..." when the message is for path, else "". */
const char *hub_edit_invalid(hub_edit_ctx *c, const char *path, int prefix);
/* A form value (trimmed of surrounding white space into buf), marked used; NULL when not sent. */
const char *hub_edit_value(hub_edit_ctx *c, const char *path, char *buf, size_t n);
/* Fails the form read at path with a message (MJ_EINVAL). */
int hub_edit_fail(hub_edit_ctx *c, const char *path, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* A multilingual text's inputs: the site's languages side by side (and any other the text has),
 * a missing translation flagged. Reading: the non-empty languages, or NULL when none. */
void hub_edit_render_text(hub_edit_ctx *c, const char *label, const char *path, json_t *text, int multiline, int required);
json_t *hub_edit_parse_text(hub_edit_ctx *c, const char *path, const json_t *old);
/* The text's best value for lists: the site's first language that it has, else any. */
const char *hub_edit_pick(hub_edit_ctx *c, const json_t *text);
/* The site's languages the text lacks (0 when text has none at all, or is not a text). */
int hub_edit_missing(hub_edit_ctx *c, const json_t *text);

/* The generic form (hub_edit_form.c): draws all fields of item at path, and reads them back. */
void hub_edit_render_fields(hub_edit_ctx *c, const hub_edit_entity *e, const char *path, json_t *item, int is_new);
int hub_edit_parse_fields(hub_edit_ctx *c, const hub_edit_entity *e, const char *path, const json_t *old, json_t **out);
/* Missing translations in an item's texts (for the lists). */
int hub_edit_item_missing(hub_edit_ctx *c, const hub_edit_entity *e, const json_t *item);

/* Opening hours (hub_edit_hours.c). */
void hub_edit_render_hours(hub_edit_ctx *c, const hub_edit_field *f, const char *path, json_t *value);
int hub_edit_parse_hours(hub_edit_ctx *c, const hub_edit_field *f, const char *path, json_t *item);
void hub_edit_render_exceptions(hub_edit_ctx *c, const hub_edit_field *f, const char *path, json_t *value);
int hub_edit_parse_exceptions(hub_edit_ctx *c, const hub_edit_field *f, const char *path, json_t *item);
/* Finnish public holidays and eves offices close on, from `from` (YYYY-MM-DD) for a year: date,
 * and the name in fi, sv, en. Returns how many (at most max). */
typedef struct hub_holiday { char date[11]; const char *fi, *sv, *en; } hub_holiday;
int hub_edit_holidays(const char *from, hub_holiday *out, int max);

#endif
