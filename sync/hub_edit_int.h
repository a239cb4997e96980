/* hub_edit_int.h - what hub_edit.c and hub_edit_pages.c share: the page frame and routing
 * inside the editor. Not a contract for other modules (they use hub_edit.h). */
#ifndef MAJAKKA_HUB_EDIT_INT_H
#define MAJAKKA_HUB_EDIT_INT_H
#include "hub_draft.h"
#include "hub_edit.h"

void hub_edit_page_begin(hub_edit_ctx *c, const char *title);
/* Hands the page to rs with status (the buffer goes to rs). */
void hub_edit_page_end(hub_edit_ctx *c, hub_resp *rs, int status);
/* The hidden CSRF field of a form. */
void hub_edit_hidden(hub_edit_ctx *c);
/* The pending message at the top of a page, after lead. */
void hub_edit_error_box(hub_edit_ctx *c, const char *lead);
/* Splits "path: message" into the pending message. */
void hub_edit_set_error(hub_edit_ctx *c, const char *err);
const hub_edit_entity *hub_edit_entity_by_slug(const char *slug, size_t n);
const hub_edit_entity *hub_edit_entity_by_list(const char *list);
/* After sign-in and CSRF: the routes under /edit/SITE (rest: "", "/changes", ...). */
void hub_edit_route(hub_edit_ctx *c, const hub_req *rq, hub_resp *rs, hub_draft *d, const char *rest, int post,
                    const char *who);
/* The entity routes: rest "/SLUG...". */
void hub_edit_route_item(hub_edit_ctx *c, const hub_req *rq, hub_resp *rs, const char *rest, const char *who);

#endif
