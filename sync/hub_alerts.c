/* hub_alerts.c - see hub_alerts.h. */
#include "hub_alerts.h"
#include "util.h"
#include <stdio.h>
#include <string.h>
#include <time.h>

static const struct { unsigned bit; const char *key, *title; } kinds[HUB_ALERT_KINDS] = {
    {HUB_ALERT_UNSEEN, "unseen", "Not seen for an hour"},
    {HUB_ALERT_PRINTER, "printer", "Printer out of paper or offline"},
    {HUB_ALERT_OUTBOX, "outbox", "Feedback outbox growing"},
    {HUB_ALERT_BUNDLE, "bundle", "Content bundle refused"},
    {HUB_ALERT_DISK, "disk", "Disk nearly full"},
};

unsigned hub_alert_bit(int i) { return i >= 0 && i < HUB_ALERT_KINDS ? kinds[i].bit : 0; }
const char *hub_alert_key(int i) { return i >= 0 && i < HUB_ALERT_KINDS ? kinds[i].key : ""; }
const char *hub_alert_title(int i) { return i >= 0 && i < HUB_ALERT_KINDS ? kinds[i].title : ""; }

/* The printer words (kiosk/staff.h) that mean a slip cannot be printed now. */
static int printer_bad(const char *w)
{
    static const char *const bad[] = {"paper-end", "offline", "cover-open", "absent"};
    for (size_t i = 0; w && i < sizeof bad / sizeof bad[0]; i++)
        if (strcmp(w, bad[i]) == 0) return 1;
    return 0;
}

static const char *str(const json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "";
}

void hub_alerts_eval(const hub_alert_in *in, hub_alert_out *out)
{
    memset(out, 0, sizeof *out);
    if (in->revoked) return;
    long long seen = in->last_seen > 0 ? in->last_seen : in->enrolled;
    if (seen > 0 && in->now - seen > HUB_ALERT_UNSEEN_S) out->active |= HUB_ALERT_UNSEEN;
    const json_t *h = json_is_object(in->health) ? in->health : NULL;
    if (!h || in->last_seen <= 0) return;
    if (printer_bad(str(h, "printer_status"))) out->active |= HUB_ALERT_PRINTER;
    if (*str(h, "content_error")) out->active |= HUB_ALERT_BUNDLE;
    json_t *fd = json_object_get(h, "free_disk_bytes");
    if (json_is_integer(fd) && json_integer_value(fd) < HUB_ALERT_DISK_MIN) out->active |= HUB_ALERT_DISK;
    json_t *ob = json_object_get(h, "outbox_length");
    long long len = json_is_integer(ob) ? (long long)json_integer_value(ob) : 0;
    if (len <= 0) return;                                  /* drained: nothing to track */
    if (in->outbox_since <= 0 || len < in->outbox_len || in->outbox_since > in->last_seen) {
        out->outbox_since = in->last_seen;                 /* starts (again) at this heartbeat */
    } else {
        out->outbox_since = in->outbox_since;
    }
    out->outbox_len = len;
    if (in->last_seen - out->outbox_since >= HUB_ALERT_OUTBOX_S) out->active |= HUB_ALERT_OUTBOX;
}

static void utc(long long t, char *out, size_t n)
{
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    strftime(out, n, "%Y-%m-%d %H:%M UTC", &tm);
}

void hub_alert_detail(int i, const hub_alert_in *in, char *out, size_t n)
{
    const json_t *h = in->health;
    char t[40];
    out[0] = 0;
    switch (hub_alert_bit(i)) {
    case HUB_ALERT_UNSEEN:
        if (in->last_seen > 0) { utc(in->last_seen, t, sizeof t); snprintf(out, n, "last seen %s", t); }
        else snprintf(out, n, "never seen since it enrolled");
        break;
    case HUB_ALERT_PRINTER:
        snprintf(out, n, "printer: %.60s", str(h, "printer_status"));
        break;
    case HUB_ALERT_OUTBOX:
        snprintf(out, n, "%lld answers waiting", (long long)json_integer_value(json_object_get(h, "outbox_length")));
        break;
    case HUB_ALERT_BUNDLE: {
        char c[201];
        mj_strlcpy_utf8(c, str(h, "content_error"), sizeof c);
        snprintf(out, n, "%s", c);
        break;
    }
    case HUB_ALERT_DISK:
        snprintf(out, n, "%lld MB free", (long long)json_integer_value(json_object_get(h, "free_disk_bytes")) / 1000000);
        break;
    }
}

long long hub_alert_parse_time(const char *iso)
{
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    if (!iso || sscanf(iso, "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
                       &tm.tm_sec) != 6)
        return 0;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    return (long long)timegm(&tm);
}
