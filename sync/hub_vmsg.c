/* hub_vmsg.c - see hub_vmsg.h. */
#include "hub_vmsg.h"
#include "hub_web.h"
#include "i18n.h"
#include <stdio.h>
#include <string.h>

/* The kinds, in the order they are tried (the first that matches the whole message wins). */
static const char *const kinds[] = {
    "web.v.missing",
    "web.v.string",
    "web.v.object",
    "web.v.empty",
    "web.v.too_many",
    "web.v.too_few",
    "web.v.twice",
    "web.v.bad_id",
    "web.v.id_used",
    "web.v.not_id_in",
    "web.v.no_langs",
    "web.v.lang_code",
    "web.v.too_long",
    "web.v.control",
    "web.v.weekday",
    "web.v.time",
    "web.v.closing_only",
    "web.v.same_open_close",
    "web.v.overlaps",
    "web.v.closed_times",
    "web.v.needs_closed",
    "web.v.date",
    "web.v.local_time",
    "web.v.before_start",
    "web.v.same_as_start",
    "web.v.over_7_days",
    "web.v.rrule",
    "web.v.date_or_time",
    "web.v.location_and_place",
    "web.v.url",
    "web.v.email",
    "web.v.phone",
    "web.v.lat_lon",
    "web.v.lat",
    "web.v.lon",
    "web.v.postal",
    "web.v.audience",
    "web.v.options",
    "web.v.at_least_1",
    "web.v.not_in_langs",
    "web.v.timezone",
};

#define CAPS 2
#define CAP_MAX 256

/* Matches s against pattern p (literal text and {1}..{2}, each standing for one or more
 * characters up to the next literal text, or to the end). */
static int match(const char *p, const char *s, char caps[CAPS][CAP_MAX])
{
    while (*p) {
        if (!*s) return 0;
        if (p[0] == '{' && p[1] >= '1' && p[1] <= '0' + CAPS && p[2] == '}') {
            int k = p[1] - '1';
            p += 3;
            const char *lit_end = strchr(p, '{');
            size_t ll = lit_end ? (size_t)(lit_end - p) : strlen(p);
            const char *at;
            if (!ll) at = s + strlen(s);
            else {
                /* The next place the literal text after the placeholder occurs (the last one
                 * when it ends the pattern, so a value may contain it). */
                char lit[CAP_MAX];
                if (ll >= sizeof lit) return 0;
                memcpy(lit, p, ll);
                lit[ll] = 0;
                at = strstr(s + 1, lit);
                if (at && !p[ll]) {
                    for (const char *q = at; (q = strstr(q + 1, lit));) at = q;
                    if (strcmp(at, lit) != 0) return 0;
                }
            }
            if (!at || at == s || (size_t)(at - s) >= CAP_MAX) return 0;
            snprintf(caps[k], CAP_MAX, "%.*s", (int)(at - s), s);
            s = at;
            continue;
        }
        if (*p != *s) return 0;
        p++;
        s++;
    }
    return *s == 0;
}

int hub_vmsg_translate(const char *lang, const char *msg, char *out, size_t n)
{
    if (!n) return 0;
    for (size_t i = 0; msg && i < sizeof kinds / sizeof kinds[0]; i++) {
        char caps[CAPS][CAP_MAX] = {"", ""};
        const char *pat = hub_t_lang("en", kinds[i]);
        if (pat == kinds[i] || !match(pat, msg, caps)) continue;
        const char *args[CAPS] = {caps[0], caps[1]};
        i18n_format(out, n, hub_t_lang(lang, kinds[i]), args, CAPS);
        return 1;
    }
    snprintf(out, n, "%s", msg ? msg : "");
    return 0;
}
