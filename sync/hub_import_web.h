/* hub_import_web.h - the coordinator app's import page (issue 12; docs/imports.md):
 *   GET  /edit/SITE/import   a form to upload a file (HSDS JSON or the CSV tables of a datapackage,
 *                            PTV JSON files, Linked Events JSON) and one to give an https:// API address
 *   POST /edit/SITE/import   multipart/form-data (upload) or a form (address): the import into the
 *                            draft (hub_import_run), then the summary, the report of what was left
 *                            out and a link to What changes. Nothing is published.
 * The caller (hub_edit_handle) has checked the user may edit SITE; this checks a POST's CSRF token
 * (in the multipart body too: hub_web_post_ok). Bodies are read by hub_form.h; an upload is at
 * most HUB_IMPORT_WEB_MAX_BODY bytes. */
#ifndef MAJAKKA_HUB_IMPORT_WEB_H
#define MAJAKKA_HUB_IMPORT_WEB_H
#include <stddef.h>
#include "hub_req.h"
#include "hub_store.h"

#define HUB_IMPORT_WEB_MAX_BODY (16u << 20)

struct hub_ctx;
void hub_import_web(hub_store *hs, const hub_req *rq, hub_resp *rs, const struct hub_ctx *w, const char *site);

/* 1 for the request the import page takes a large body for (POST /edit/SITE/import). */
int hub_import_web_path(const char *method, const char *path);

#endif
