/* when.c - see when.h. */
#include "when.h"
#include "tz.h"
#include <stdio.h>
#include <string.h>

static void local(const char *tzid, time_t t, tz_local *out)
{
    if (tz_to_local(t, tzid, out) < 0) memset(out, 0, sizeof *out);
}

void when_time(const i18n *tr, const char *tzid, time_t t, char *buf, size_t len)
{
    tz_local lt;
    char h[8], m[8];
    local(tzid, t, &lt);
    snprintf(h, sizeof h, "%d", lt.hour % 100);
    snprintf(m, sizeof m, "%02d", lt.minute % 100);
    const char *args[] = { h, m };
    i18n_format(buf, len, i18n_get(tr, "fmt.time"), args, 2);
}

void when_phrase(const i18n *tr, const char *tzid, time_t now, time_t t, char *buf, size_t len)
{
    static const char *const on[7] = { "day.on.mon", "day.on.tue", "day.on.wed", "day.on.thu",
                                       "day.on.fri", "day.on.sat", "day.on.sun" };
    static const char *const months[12] = { "month.1", "month.2", "month.3", "month.4", "month.5", "month.6",
                                            "month.7", "month.8", "month.9", "month.10", "month.11", "month.12" };
    tz_local a, b;
    char tm[32];
    local(tzid, now, &a);
    local(tzid, t, &b);
    when_time(tr, tzid, t, tm, sizeof tm);
    /* calendar days between the two local dates (not 24-hour steps: DST days are 23 or 25 h) */
    long long days = tz_days_from_civil(b.year, b.month, b.mday) - tz_days_from_civil(a.year, a.month, a.mday);
    if (days <= 0) {
        const char *args[] = { tm };
        i18n_format(buf, len, i18n_get(tr, "when.today"), args, 1);
    } else if (days == 1) {
        const char *args[] = { tm };
        i18n_format(buf, len, i18n_get(tr, "when.tomorrow"), args, 1);
    } else if (days < 7) {
        const char *args[] = { i18n_get(tr, on[(b.wday % 7 + 7) % 7]), tm };
        i18n_format(buf, len, i18n_get(tr, "when.day"), args, 2);
    } else {
        char d[8], m[8];
        snprintf(d, sizeof d, "%d", b.mday % 100);
        snprintf(m, sizeof m, "%d", b.month % 100);
        const char *args[] = { d, m, i18n_get(tr, months[((b.month - 1) % 12 + 12) % 12]), tm };
        i18n_format(buf, len, i18n_get(tr, "when.date"), args, 4);
    }
}

/* ids: open until, open, closed until, closed (NULL: say nothing). */
static void state_text(const i18n *tr, const char *tzid, time_t now, const hours_state *hs, const char *const ids[4],
                       char *buf, size_t len)
{
    char when[128] = "";
    if (len) buf[0] = 0;
    if (hs->change_at < 0) return;
    if (hs->change_at > 0) when_phrase(tr, tzid, now, hs->change_at, when, sizeof when);
    const char *args[] = { when };
    const char *id = ids[hs->open ? (hs->change_at ? 0 : 1) : (hs->change_at ? 2 : 3)];
    if (id) i18n_format(buf, len, i18n_get(tr, id), args, hs->change_at ? 1 : 0);
}

void when_open_text(const i18n *tr, const char *tzid, time_t now, const hours_state *hs, char *buf, size_t len)
{
    static const char *const ids[4] = { "open.now_until", "open.now", "open.closed_opens", "open.closed" };
    state_text(tr, tzid, now, hs, ids, buf, len);
}

void when_walk_in_text(const i18n *tr, const char *tzid, time_t now, const hours_state *hs, char *buf, size_t len)
{
    static const char *const ids[4] = { "open.walk_in_until", "open.walk_in_now", "open.walk_in_next", NULL };
    state_text(tr, tzid, now, hs, ids, buf, len);
}
