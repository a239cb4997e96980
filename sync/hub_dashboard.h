/* hub_dashboard.h - the coordinator dashboard: HTML pages with inline CSS and server-drawn
 * SVG charts, no scripts and nothing fetched from elsewhere, so it works on an offline
 * intranet. Who may see what: hub_web.h (a signed-in account or a Bearer token; a site
 * coordinator sees only the kiosks and pages of the sites given, another site's page is 403).
 * In the page frame of hub_html.h, in the user's language.
 *   /dashboard            kiosks (last seen, stale ones marked, outbox, printer) and sites
 *   /dashboard/site/ID    faces per week, follow-up answers, masked comments; ?suspect=exclude */
#ifndef MAJAKKA_HUB_DASHBOARD_H
#define MAJAKKA_HUB_DASHBOARD_H
#include "hub_req.h"

void hub_dashboard_handle(hub_store *hs, const hub_req *rq, hub_resp *rs);

#endif
