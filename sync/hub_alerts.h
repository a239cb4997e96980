/* hub_alerts.h - a kiosk's alert state, computed in one place from its last heartbeat
 * (protocol.c checks it), when it was last seen, and what the previous check remembered:
 *   HUB_ALERT_UNSEEN   no heartbeat for an hour (or none in the hour since it enrolled)
 *   HUB_ALERT_PRINTER  printer out of paper, offline, cover open or absent
 *   HUB_ALERT_OUTBOX   feedback waiting for an hour of heartbeats without the outbox shrinking
 *                      (a kiosk whose uploads go through reports an empty outbox: the heartbeat
 *                      comes after the upload)
 *   HUB_ALERT_BUNDLE   the kiosk refused the last bundle (content_error) and kept older content
 *   HUB_ALERT_DISK     less than HUB_ALERT_DISK_MIN free on the store's file system
 * Revoked kiosks have none. Pure functions: no store, no clock of their own. */
#ifndef MAJAKKA_HUB_ALERTS_H
#define MAJAKKA_HUB_ALERTS_H
#include <stddef.h>
#include <jansson.h>

enum { HUB_ALERT_UNSEEN = 1, HUB_ALERT_PRINTER = 2, HUB_ALERT_OUTBOX = 4, HUB_ALERT_BUNDLE = 8, HUB_ALERT_DISK = 16 };
#define HUB_ALERT_KINDS 5
#define HUB_ALERT_UNSEEN_S 3600
#define HUB_ALERT_OUTBOX_S 3600
#define HUB_ALERT_DISK_MIN (256LL * 1024 * 1024)

typedef struct hub_alert_in {
    long long now;            /* Unix time of the check */
    long long enrolled;       /* Unix time the kiosk enrolled (0 unknown) */
    long long last_seen;      /* Unix time of its last heartbeat, 0 never */
    int revoked;
    const json_t *health;     /* the last heartbeat, NULL none */
    long long outbox_since;   /* from the previous check: heartbeat time since when the outbox has */
    long long outbox_len;     /* not shrunk (0: not tracking), and its length then */
} hub_alert_in;

typedef struct hub_alert_out {
    unsigned active;          /* HUB_ALERT_* bits */
    long long outbox_since, outbox_len;   /* what the next check gets */
} hub_alert_out;

void hub_alerts_eval(const hub_alert_in *in, hub_alert_out *out);
/* The i-th kind (0 .. HUB_ALERT_KINDS-1): its bit, a short key ("unseen", "printer", "outbox",
 * "bundle", "disk") and its English title (also the translation's msgid). */
unsigned hub_alert_bit(int i);
const char *hub_alert_key(int i);
const char *hub_alert_title(int i);
/* The alert's details from the heartbeat in English: "printer: paper-end", "12 answers waiting",
 * "free 120 MB", the refusal's reason (cut to 200 bytes), "last seen 2026-12-02 10:00 UTC". */
void hub_alert_detail(int i, const hub_alert_in *in, char *out, size_t n);
/* "2026-12-02T10:00:00Z" as Unix time; 0 when it is not one. */
long long hub_alert_parse_time(const char *iso);

#endif
