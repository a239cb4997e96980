/* hub_watch.h - the hub's periodic fleet work: every interval it reads every kiosk (hub_fleet_read),
 * computes its alert state (hub_alerts.h), stores it, and mails each site's alert address once
 * about the kiosks that entered an alert state since the last mail (hub_mail.h). It runs on a
 * thread of its own, so no request ever waits for a mail; the store is held only to read and
 * write the state, never while a mail is sent. With several hub processes on one database, the
 * database decides which one mails (hub_alert_claim). A mail that cannot be sent is tried again
 * at the next check; after one failure the rest of that check's mails wait too. */
#ifndef MAJAKKA_HUB_WATCH_H
#define MAJAKKA_HUB_WATCH_H
#include <stddef.h>
#include <jansson.h>
#include "hub_alerts.h"
#include "hub_mail.h"
#include "hub_store.h"

typedef struct hub_watch_cfg {
    int interval_s;            /* between checks; 0: 60 */
    hub_mail_cfg mail;         /* mail.url NULL: alert states are kept and shown, nothing is mailed */
    const char *public_url;    /* the hub's address as coordinators open it (https://...), for mails; NULL */
    int quiet;                 /* no log line per mail */
} hub_watch_cfg;

/* One kiosk as the fleet sees it: the stored row, and its alert state computed now. */
typedef struct hub_fleet_row {
    char id[40], site[65], name[129], email[255], enrolled_at[32];
    int revoked;
    hub_alert_in in;           /* health owned by the row */
    unsigned stored_active, mailed;
    int has_state;
    hub_alert_out now;
} hub_fleet_row;

/* Every kiosk, sorted by site and name; site (may be NULL) keeps only that site's. */
int hub_fleet_read(hub_store *hs, long long now, const char *site, hub_fleet_row **rows, size_t *n, char *err, size_t errlen);
void hub_fleet_free(hub_fleet_row *rows, size_t n);

typedef struct hub_watch_stats { int kiosks, alerting, mails_sent, mails_failed; } hub_watch_stats;
/* One check now (the thread's work; tests call it). The caller must not hold the store lock. */
int hub_watch_check(hub_store *hs, const hub_watch_cfg *cfg, hub_watch_stats *st, char *err, size_t errlen);

typedef struct hub_watch hub_watch;
int hub_watch_start(hub_store *hs, const hub_watch_cfg *cfg, hub_watch **out, char *err, size_t errlen);
void hub_watch_stop(hub_watch *w);

#endif
