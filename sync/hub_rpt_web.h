/* hub_rpt_web.h - the report pages in the coordinator app (hub_html.h frame, fi/sv/en), drawn
 * from the report core (hub_rpt.h) only:
 *   GET  /report                 every site side by side (admins); a coordinator's own sites
 *   GET  /report/SITE            a site's report for ?from=YYYY-MM&to=YYYY-MM
 *   POST /report/SITE/comment    hide a comment from the report (with a reason) or show it again;
 *                                CSRF-checked, written to the audit log, the comment never deleted
 * A coordinator reaches only their own sites (403 otherwise). Charts are SVG with a text
 * alternative and the same figures as a table; no script. */
#ifndef MAJAKKA_HUB_RPT_WEB_H
#define MAJAKKA_HUB_RPT_WEB_H
#include "hub_req.h"
#include "hub_store.h"

/* 1 when the path is a report route (rs is then filled), 0 otherwise. */
int hub_rpt_web_route(hub_store *hs, const hub_req *rq, hub_resp *rs);

#endif
