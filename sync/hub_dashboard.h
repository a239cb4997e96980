/* hub_dashboard.h - the coordinator dashboard: HTML pages with inline CSS and server-drawn
 * SVG charts, no scripts and nothing fetched from elsewhere, so it works on an offline
 * intranet. Signing in: the coordinator token as ?token= once (a redirect sets it as an
 * HttpOnly cookie and drops it from the address), or a Bearer header.
 *   /dashboard            kiosks (last seen, stale ones marked, outbox, printer) and sites
 *   /dashboard/site/ID    faces per week, follow-up answers, masked comments; ?suspect=exclude */
#ifndef MAJAKKA_HUB_DASHBOARD_H
#define MAJAKKA_HUB_DASHBOARD_H
#include "hub_req.h"

void hub_dashboard_handle(hub_store *hs, const hub_req *rq, hub_resp *rs);

/* POST /dashboard/sign-in with the form body token=HEX: a cookie and 303 to /dashboard when
 * the token is a coordinator's, else 303 back to the sign-in page. */
void hub_dashboard_sign_in(hub_store *hs, const hub_req *rq, hub_resp *rs);

#endif
