/* hub_html.h - how the hub's pages are written: a growable buffer with printf-style adding and
 * HTML escaping, the page frame every signed-in page shares (lang attribute, navigation with
 * the pages and sites the user may see, the user, sign-out, the fi/sv/en switch, inline CSS
 * under the strict CSP, no scripts) and form helpers: every form gets the session's CSRF token
 * as a hidden field; fields are labelled, keep what was typed, and show their error beside them
 * (aria-invalid, aria-describedby), so the pages work with a screen reader and without JS.
 * Every text that comes from outside goes through hub_html_esc. A buffer that ran out of memory
 * sends a 500 instead of half a page. */
#ifndef MAJAKKA_HUB_HTML_H
#define MAJAKKA_HUB_HTML_H
#include <stddef.h>
#include "hub_req.h"

typedef struct hub_ctx hub_ctx;   /* hub_web.h */

typedef struct hub_html { char *p; size_t len, cap; int oom; } hub_html;

void hub_html_add(hub_html *h, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Text into HTML (element content and double- or single-quoted attributes). */
void hub_html_esc(hub_html *h, const char *s);
/* A translated text (hub_t), escaped. */
void hub_html_t(hub_html *h, const hub_ctx *c, const char *msgid);
void hub_html_free(hub_html *h);
/* Hands the buffer to rs as text/html with status (a 500 when it ran out of memory). */
void hub_html_send(hub_html *h, hub_resp *rs, int status);

/* <!DOCTYPE html> ... <main>: title is shown in <title> and as the page's <h1> (escaped).
 * c may be signed out (c->role HUB_ROLE_NONE: no navigation, only the language switch). */
void hub_page_begin(hub_html *h, const hub_ctx *c, const char *title);
/* </main></body></html> and hub_html_send(h, rs, 200); hub_page_end_status for another status. */
void hub_page_end(hub_html *h, hub_resp *rs);
void hub_page_end_status(hub_html *h, hub_resp *rs, int status);
/* The fi/sv/en switch (links to /lang, back to c's page), as on the page frame. */
void hub_html_lang_switch(hub_html *h, const hub_ctx *c);
/* A notice box: kind "ok" or "error" (role=alert), text escaped. */
void hub_html_notice(hub_html *h, const char *kind, const char *text);

/* <form method="post" action="ACTION"> with the hidden csrf field; hub_form_end closes it. */
void hub_form_begin(hub_html *h, const hub_ctx *c, const char *action);
void hub_form_end(hub_html *h);

/* One labelled input. type: "text", "password", "date", "time", "number", "email", "url", ...;
 * value (may be NULL) is what the field shows (the typed value after a refused post); error
 * (NULL: none) is shown beside the field and ties to it; hint (NULL: none) below the label. */
typedef struct hub_field {
    const char *name, *label, *type, *value, *error, *hint;
    const char *autocomplete;     /* NULL: none given */
    int required;
    int size;                     /* 0: the browser's */
} hub_field;
void hub_html_field(hub_html *h, const hub_field *f);
/* The same as a <textarea> (rows lines high). */
void hub_html_textarea(hub_html *h, const hub_field *f, int rows);
/* A <select>: values[i] shown as labels[i]; the option equal to f->value is selected. */
void hub_html_select(hub_html *h, const hub_field *f, const char *const *values, const char *const *labels, int n);
/* A labelled checkbox named name with value; checked when checked. */
void hub_html_checkbox(hub_html *h, const char *name, const char *value, const char *label, int checked);
void hub_html_submit(hub_html *h, const char *label);
/* A one-button form (sign-out, disable, revoke...): POST to action with the csrf field and the
 * hidden pairs names[i]=values[i]. */
void hub_html_button_form(hub_html *h, const hub_ctx *c, const char *action, const char *label,
                          const char *const *names, const char *const *values, int n);

#endif
