/* hub_fleet.h - the fleet pages (in the frame of hub_html.h, who may do what by hub_web.h; a
 * site coordinator sees and changes only the kiosks of the sites given, 403 otherwise):
 *   GET  /fleet[?site=S]                 kiosks with their alert state, enroll form, alert address
 *   POST /fleet/enroll                   site, name, hours: the one-time code, large and as a QR
 *                                        code, its expiry and what to type on the kiosk
 *   GET  /fleet/kiosk/ID                 one kiosk: health, alerts, rename, move, revoke
 *   POST /fleet/kiosk/ID/rename          name
 *   POST /fleet/kiosk/ID/move            site
 *   GET  /fleet/kiosk/ID/revoke          the confirmation step
 *   POST /fleet/kiosk/ID/revoke          confirm=yes: its next sync is refused
 *   POST /fleet/site/S/alert-mail        email ("" removes it)
 * Every change goes through the store (hub_store.h) and into the audit log (never the code). */
#ifndef MAJAKKA_HUB_FLEET_H
#define MAJAKKA_HUB_FLEET_H
#include "hub_html.h"
#include "hub_req.h"
#include "hub_store.h"

/* 1 when the path is a fleet page (then rs is filled), else 0. */
int hub_fleet_route(hub_store *hs, const hub_req *rq, hub_resp *rs);
/* The kiosks of c's sites in an alert state now, for the top of the start page. */
void hub_fleet_alerts_box(hub_store *hs, const hub_ctx *c, hub_html *h);

#endif
