/* hub_store_fleet.c - see hub_store.h ("The fleet"): kiosk rename and move, a site's alert
 * address, and the kiosks' alert state. */
#include "hub_store_backend.h"
#include "protocol.h"
#include "util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>


int hub_kiosk_name_ok(const char *name)
{
    size_t n = name ? strlen(name) : 0;
    if (n < 1 || n > 128 || !mj_utf8_valid(name, n)) return 0;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        if (*p < 0x20 || *p == 0x7f) return 0;
    return 1;
}

int hub_email_ok(const char *e)
{
    size_t n = e ? strlen(e) : 0;
    if (n < 3 || n > 254) return 0;
    const char *at = strchr(e, '@');
    if (!at || at == e || !at[1] || strchr(at + 1, '@')) return 0;
    for (const unsigned char *p = (const unsigned char *)e; *p; p++)
        if (*p <= 0x20 || *p >= 0x7f || strchr("\"<>()[]\\,;:", *p)) return 0;
    if (!strchr(at + 1, '.') || at[1] == '.' || e[n - 1] == '.') return 0;
    return 1;
}

typedef struct get_ctx { hub_kiosk *k; int *revoked; int seen; } get_ctx;
static int get_cb(void *ctx, const hub_val *c, int n)
{
    get_ctx *g = ctx;
    if (n < 4) return 0;
    snprintf(g->k->id, sizeof g->k->id, "%s", c[0].s ? c[0].s : "");
    snprintf(g->k->site, sizeof g->k->site, "%s", c[1].s ? c[1].s : "");
    snprintf(g->k->name, sizeof g->k->name, "%s", c[2].s ? c[2].s : "");
    if (g->revoked) *g->revoked = c[3].s != NULL;
    g->seen = 1;
    return 0;
}

int hub_kiosk_get(hub_store *hs, const char *id, hub_kiosk *out, int *revoked, char *err, size_t errlen)
{
    get_ctx g = {out, revoked, 0};
    memset(out, 0, sizeof *out);
    if (!id || strlen(id) >= sizeof out->id) return mj_err(err, errlen, MJ_ENOTFOUND, "no such kiosk");
    int rc = hub_store_q(hs, "SELECT id, site, name, revoked_at FROM kiosks WHERE id = $1", (hub_param[]){HP_T(id)}, 1,
                         get_cb, &g, NULL, err, errlen);
    if (rc) return rc;
    return g.seen ? MJ_OK : mj_err(err, errlen, MJ_ENOTFOUND, "no kiosk \"%s\"", id);
}

/* One UPDATE of an active kiosk in a transaction of its own (committed durably). */
static int update_active(hub_store *hs, const char *sql, const char *id, const char *value, char *err, size_t errlen)
{
    long changes = 0;
    int rc = hub_store_begin(hs, err, errlen);
    if (rc) return rc;
    rc = hub_store_q(hs, sql, (hub_param[]){HP_T(id), HP_T(value)}, 2, NULL, NULL, &changes, err, errlen);
    if (!rc) rc = hub_store_exec(hs, "COMMIT", err, errlen);
    if (rc) { hub_store_exec(hs, "ROLLBACK", NULL, 0); return rc; }
    return changes ? MJ_OK : mj_err(err, errlen, MJ_ENOTFOUND, "no active kiosk \"%s\"", id);
}

int hub_kiosk_rename(hub_store *hs, const char *id, const char *name, char *err, size_t errlen)
{
    if (!hub_kiosk_name_ok(name))
        return mj_err(err, errlen, MJ_EINVAL, "a kiosk name is 1-128 bytes of UTF-8 without control characters");
    return update_active(hs, "UPDATE kiosks SET name = $2 WHERE id = $1 AND revoked_at IS NULL", id, name, err, errlen);
}

int hub_kiosk_move(hub_store *hs, const char *id, const char *site, char *err, size_t errlen)
{
    if (!site || !proto_is_id(site)) return mj_err(err, errlen, MJ_EINVAL, "site \"%s\" is not an id", site ? site : "");
    return update_active(hs, "UPDATE kiosks SET site = $2 WHERE id = $1 AND revoked_at IS NULL", id, site, err, errlen);
}

static int email_cb(void *ctx, const hub_val *c, int n)
{
    if (n >= 1 && c[0].s) snprintf(ctx, 255, "%s", c[0].s);
    return 0;
}

int hub_site_alert_email(hub_store *hs, const char *site, char out[255], char *err, size_t errlen)
{
    out[0] = 0;
    return hub_store_q(hs, "SELECT alert_email FROM site_settings WHERE site = $1", (hub_param[]){HP_T(site)}, 1,
                       email_cb, out, NULL, err, errlen);
}

int hub_site_set_alert_email(hub_store *hs, const char *site, const char *email, char *err, size_t errlen)
{
    if (!site || !proto_is_id(site)) return mj_err(err, errlen, MJ_EINVAL, "site \"%s\" is not an id", site ? site : "");
    if (!email) email = "";
    if (*email && !hub_email_ok(email))
        return mj_err(err, errlen, MJ_EINVAL, "\"%.80s\" is not an e-mail address (name@example.fi)", email);
    int rc = hub_store_begin(hs, err, errlen);
    if (rc) return rc;
    rc = hub_store_q(hs, "INSERT INTO site_settings (site, alert_email) VALUES ($1, $2) ON CONFLICT (site)"
                         " DO UPDATE SET alert_email = excluded.alert_email",
                     (hub_param[]){HP_T(site), HP_T(*email ? email : NULL)}, 2, NULL, NULL, NULL, err, errlen);
    if (!rc) rc = hub_store_exec(hs, "COMMIT", err, errlen);
    if (rc) hub_store_exec(hs, "ROLLBACK", NULL, 0);
    return rc;
}

int hub_store_alert_rows(hub_store *hs, hub_row_fn fn, void *ctx, char *err, size_t errlen)
{
    return hub_store_q(hs, "SELECT k.id, k.site, k.name, k.enrolled_at, k.revoked_at, k.last_seen, k.health,"
                           " a.active, a.mailed, a.outbox_since, a.outbox_len, s.alert_email FROM kiosks k"
                           " LEFT JOIN kiosk_alerts a ON a.kiosk_id = k.id LEFT JOIN site_settings s ON s.site = k.site"
                           " ORDER BY k.site, k.name, k.id",
                       NULL, 0, fn, ctx, NULL, err, errlen);
}

int hub_alert_state_put(hub_store *hs, const char *kiosk_id, unsigned active, long long outbox_since,
                        long long outbox_len, char *err, size_t errlen)
{
    hub_param p[5] = {HP_T(kiosk_id), HP_I((long long)active), outbox_since ? HP_I(outbox_since) : HP_T(NULL),
                      outbox_since ? HP_I(outbox_len) : HP_T(NULL), HP_I((long long)time(NULL))};
    /* Bitwise AND is & in both dialects. */
    return hub_store_q(hs, "INSERT INTO kiosk_alerts (kiosk_id, active, mailed, outbox_since, outbox_len, changed_at)"
                           " VALUES ($1, $2, 0, $3, $4, $5) ON CONFLICT (kiosk_id) DO UPDATE SET active = excluded.active,"
                           " mailed = kiosk_alerts.mailed & excluded.active, outbox_since = excluded.outbox_since,"
                           " outbox_len = excluded.outbox_len, changed_at = CASE WHEN kiosk_alerts.active = excluded.active"
                           " THEN kiosk_alerts.changed_at ELSE excluded.changed_at END",
                       p, 5, NULL, NULL, NULL, err, errlen);
}

int hub_alert_claim(hub_store *hs, const char *kiosk_id, unsigned from, unsigned to, int *claimed, char *err,
                    size_t errlen)
{
    long changes = 0;
    *claimed = 0;
    int rc = hub_store_q(hs, "UPDATE kiosk_alerts SET mailed = $3 WHERE kiosk_id = $1 AND mailed = $2",
                         (hub_param[]){HP_T(kiosk_id), HP_I((long long)from), HP_I((long long)to)}, 3, NULL, NULL,
                         &changes, err, errlen);
    if (!rc) *claimed = changes == 1;
    return rc;
}
