/* hub_import_web.h - the coordinator app's import page (issue 12; docs/imports.md):
 *   GET  /edit/SITE/import   a form to upload a file (HSDS JSON or the CSV tables of a datapackage,
 *                            PTV JSON files, Linked Events JSON) and one to give an https:// API address
 *   POST /edit/SITE/import   multipart/form-data (upload) or a form (address): the import into the
 *                            draft (hub_import_run), then the summary, the report of what was left
 *                            out and a link to What changes. Nothing is published.
 * The caller (hub_edit_handle) has checked the user may edit SITE; this checks a POST's CSRF token
 * (in the multipart body too). An upload is at most HUB_IMPORT_WEB_MAX_BODY bytes. */
#ifndef MAJAKKA_HUB_IMPORT_WEB_H
#define MAJAKKA_HUB_IMPORT_WEB_H
#include <stddef.h>
#include "hub_req.h"
#include "hub_store.h"

#define HUB_IMPORT_WEB_MAX_BODY (16u << 20)
#define HUB_MULTIPART_MAX_PARTS 32

struct hub_ctx;
void hub_import_web(hub_store *hs, const hub_req *rq, hub_resp *rs, const struct hub_ctx *w, const char *site);

/* One part of a multipart/form-data body (RFC 7578): pointers into the body, not copied. */
typedef struct hub_part {
    char name[64], filename[256];
    const char *data;
    size_t len;
} hub_part;
/* Parses body by the boundary of content_type ("multipart/form-data; boundary=..."). MJ_EINVAL
 * for anything malformed or more than max parts. */
int hub_multipart_parse(const char *content_type, const char *body, size_t len, hub_part *parts, int max, int *n);

/* 1 for the request the import page takes a large body for (POST /edit/SITE/import). */
int hub_import_web_path(const char *method, const char *path);

#endif
