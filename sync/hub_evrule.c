/* hub_evrule.c - see hub_evrule.h. */
#include "hub_evrule.h"
#include "tz.h"
#include "util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const hub_evrule_day_codes[7] = { "MO", "TU", "WE", "TH", "FR", "SA", "SU" };
const char *const hub_evrule_week_codes[6] = { "1", "2", "3", "4", "5", "last" };

static int day_code(const char *s, size_t n)
{
    for (int i = 0; i < 7; i++)
        if (n == 2 && s[0] == hub_evrule_day_codes[i][0] && s[1] == hub_evrule_day_codes[i][1]) return i;
    return -1;
}

/* A decimal 1..max, digits only. */
static int number(const char *s, size_t n, long max, long *out)
{
    long v = 0;
    if (n == 0 || n > 7) return -1;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return -1;
        v = v * 10 + (s[i] - '0');
    }
    if (v < 1 || v > max) return -1;
    *out = v;
    return 0;
}

/* BYDAY=TU,TH (weekly) or BYDAY=2TU,-1FR (monthly: must be every chosen week x every chosen day,
 * so that the form's two groups of checkboxes show it exactly). */
static int byday(const char *v, size_t n, int monthly, hub_evrule *r)
{
    unsigned pairs[7] = { 0 };   /* per weekday: the weeks given */
    for (size_t i = 0; i < n;) {
        const char *c = memchr(v + i, ',', n - i), *e = v + i;
        size_t len = c ? (size_t)(c - e) : n - i;
        int week = -1;
        if (monthly) {
            if (len == 3 && e[0] >= '1' && e[0] <= '5') week = e[0] - '1';
            else if (len == 4 && e[0] == '-' && e[1] == '1') week = 5;
            else return -1;
            e += len - 2;
        }
        int d = day_code(e, 2);
        if (d < 0 || (!monthly && len != 2)) return -1;
        r->days |= 1u << d;
        if (monthly) pairs[d] |= 1u << week;
        i += len + 1;
        if (c && i >= n) return -1;
        if (!c) break;
    }
    if (monthly) {
        for (int d = 0; d < 7; d++) {
            if (!(r->days & (1u << d))) continue;
            if (!r->weeks) r->weeks = pairs[d];
            else if (pairs[d] != r->weeks) return -1;
        }
    }
    return r->days ? 0 : -1;
}

static int until_date(const char *v, size_t n, hub_evrule *r)
{
    char buf[11];
    tz_local lt;
    int date_only;
    if (n != 8 || strspn(v, "0123456789") < 8) return -1;
    snprintf(buf, sizeof buf, "%.4s-%.2s-%.2s", v, v + 4, v + 6);
    if (tz_parse_local(buf, &lt, &date_only) != MJ_OK || !date_only) return -1;
    memcpy(r->until, buf, 11);
    return 0;
}

int hub_evrule_parse(const char *rrule, hub_evrule *out)
{
    hub_evrule r = { .repeat = EVR_ONCE, .interval = 1, .ends = EVR_END_NEVER };
    const char *freq = NULL, *days = NULL;
    size_t freq_n = 0, days_n = 0;
    int have_interval = 0, have_wkst = 0;
    *out = r;
    if (!rrule || !*rrule) return MJ_OK;
    for (const char *p = rrule; *p;) {
        const char *semi = strchr(p, ';'), *eq;
        size_t len = semi ? (size_t)(semi - p) : strlen(p), k;
        if (!(eq = memchr(p, '=', len))) return MJ_EINVAL;
        k = (size_t)(eq - p);
        const char *v = eq + 1;
        size_t vn = len - k - 1;
        long num;
        if (k == 4 && !memcmp(p, "FREQ", 4) && !freq) { freq = v; freq_n = vn; }
        else if (k == 8 && !memcmp(p, "INTERVAL", 8) && !have_interval) {
            if (number(v, vn, EVR_MAX_INTERVAL, &num)) return MJ_EINVAL;
            r.interval = (int)num;
            have_interval = 1;
        } else if (k == 5 && !memcmp(p, "BYDAY", 5) && !days) { days = v; days_n = vn; }
        else if (k == 4 && !memcmp(p, "WKST", 4) && !have_wkst) {
            if (vn != 2 || memcmp(v, "MO", 2)) return MJ_EINVAL;   /* another week start moves every other week */
            have_wkst = 1;
        } else if (k == 5 && !memcmp(p, "COUNT", 5) && r.ends == EVR_END_NEVER) {
            if (number(v, vn, EVR_MAX_COUNT, &num)) return MJ_EINVAL;
            r.ends = EVR_END_COUNT;
            r.count = (int)num;
        } else if (k == 5 && !memcmp(p, "UNTIL", 5) && r.ends == EVR_END_NEVER) {
            if (until_date(v, vn, &r)) return MJ_EINVAL;
            r.ends = EVR_END_UNTIL;
        } else {
            return MJ_EINVAL;
        }
        p += len;
        if (*p == ';' && !*++p) return MJ_EINVAL;
    }
    if (!freq || !days) return MJ_EINVAL;
    if (freq_n == 6 && !memcmp(freq, "WEEKLY", 6)) r.repeat = EVR_WEEKLY;
    else if (freq_n == 7 && !memcmp(freq, "MONTHLY", 7) && r.interval == 1) r.repeat = EVR_MONTHLY;
    else return MJ_EINVAL;
    if (byday(days, days_n, r.repeat == EVR_MONTHLY, &r)) return MJ_EINVAL;
    *out = r;
    return MJ_OK;
}

int hub_evrule_format(const hub_evrule *r, char *buf, size_t len, char *err, size_t errlen)
{
    char out[160];
    size_t n = 0;
    buf[0] = 0;
    if (r->repeat == EVR_ONCE) return MJ_OK;
    if (r->repeat != EVR_WEEKLY && r->repeat != EVR_MONTHLY) return mj_err(err, errlen, MJ_EINVAL, "repeat: is not a choice of the form");
    if (!(r->days & 0x7f) || (r->days & ~0x7fu)) return mj_err(err, errlen, MJ_EINVAL, "days: choose at least one weekday");
    if (r->repeat == EVR_WEEKLY && (r->interval < 1 || r->interval > EVR_MAX_INTERVAL))
        return mj_err(err, errlen, MJ_EINVAL, "interval: must be every week or every other week");
    if (r->repeat == EVR_MONTHLY && (!(r->weeks & 0x3f) || (r->weeks & ~0x3fu)))
        return mj_err(err, errlen, MJ_EINVAL, "weeks: choose which weekday of the month (first, second, ..., last)");
    n += (size_t)snprintf(out + n, sizeof out - n, "FREQ=%s", r->repeat == EVR_WEEKLY ? "WEEKLY" : "MONTHLY");
    if (r->repeat == EVR_WEEKLY && r->interval > 1) n += (size_t)snprintf(out + n, sizeof out - n, ";INTERVAL=%d", r->interval);
    n += (size_t)snprintf(out + n, sizeof out - n, ";BYDAY=");
    int first = 1;
    for (int w = 0; w < 6; w++) {
        if (r->repeat == EVR_MONTHLY && !(r->weeks & (1u << w))) continue;
        for (int d = 0; d < 7; d++) {
            if (!(r->days & (1u << d))) continue;
            const char *ord = r->repeat == EVR_WEEKLY ? "" : w == 5 ? "-1" : hub_evrule_week_codes[w];
            n += (size_t)snprintf(out + n, sizeof out - n, "%s%s%s", first ? "" : ",", ord, hub_evrule_day_codes[d]);
            first = 0;
        }
        if (r->repeat == EVR_WEEKLY) break;
    }
    if (r->ends == EVR_END_COUNT) {
        if (r->count < 1 || r->count > EVR_MAX_COUNT)
            return mj_err(err, errlen, MJ_EINVAL, "count: must be 1 to %d times", EVR_MAX_COUNT);
        n += (size_t)snprintf(out + n, sizeof out - n, ";COUNT=%d", r->count);
    } else if (r->ends == EVR_END_UNTIL) {
        tz_local lt;
        int date_only = 0;
        if (strlen(r->until) != 10 || tz_parse_local(r->until, &lt, &date_only) != MJ_OK || !date_only)
            return mj_err(err, errlen, MJ_EINVAL, "until: is not a date (YYYY-MM-DD)");
        n += (size_t)snprintf(out + n, sizeof out - n, ";UNTIL=%.4s%.2s%.2s", r->until, r->until + 5, r->until + 8);
    } else if (r->ends != EVR_END_NEVER) {
        return mj_err(err, errlen, MJ_EINVAL, "ends: is not a choice of the form");
    }
    if (n >= sizeof out || n >= len) return mj_err(err, errlen, MJ_EINVAL, "repeat: the rule is too long");
    memcpy(buf, out, n + 1);
    return MJ_OK;
}

int hub_evrule_equal(const hub_evrule *a, const hub_evrule *b)
{
    if (a->repeat != b->repeat) return 0;
    if (a->repeat == EVR_ONCE) return 1;
    if (a->days != b->days || a->ends != b->ends) return 0;
    if (a->repeat == EVR_WEEKLY && a->interval != b->interval) return 0;
    if (a->repeat == EVR_MONTHLY && a->weeks != b->weeks) return 0;
    if (a->ends == EVR_END_COUNT && a->count != b->count) return 0;
    if (a->ends == EVR_END_UNTIL && strcmp(a->until, b->until) != 0) return 0;
    return 1;
}
