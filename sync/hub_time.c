/* hub_time.c - see hub_time.h. */
#include "hub_time.h"
#include "tz.h"
#include <stdio.h>
#include <string.h>

const char *hub_time_zone(const json_t *content)
{
    const char *z = json_string_value(json_object_get(json_object_get(content, "site"), "timezone"));
    tz_local l;
    if (z && strlen(z) < 64 && tz_to_local(0, z, &l) == 0) return z;
    return HUB_TIME_ZONE;
}

void hub_time_format(const char *lang, const char *tzid, time_t t, char *out, size_t n)
{
    tz_local l;
    if (!n) return;
    if (tz_to_local(t, tzid ? tzid : HUB_TIME_ZONE, &l) != 0 && tz_to_local(t, HUB_TIME_ZONE, &l) != 0) {
        snprintf(out, n, "?");
        return;
    }
    if (lang && strcmp(lang, "fi") == 0)
        snprintf(out, n, "%d.%d.%d klo %d.%02d", l.mday, l.month, l.year, l.hour, l.minute);
    else if (lang && strcmp(lang, "sv") == 0)
        snprintf(out, n, "%d.%d.%d kl. %d.%02d", l.mday, l.month, l.year, l.hour, l.minute);
    else
        snprintf(out, n, "%04d-%02d-%02d %02d:%02d", l.year, l.month, l.mday, l.hour, l.minute);
}

int hub_time_text(const char *lang, const char *tzid, const char *utc, char *out, size_t n)
{
    int y, mo, d, h, mi, s;
    char sep, z = 0;
    if (!n) return -1;
    if (utc && strlen(utc) <= 20 &&
        sscanf(utc, "%4d-%2d-%2d%c%2d:%2d:%2d%c", &y, &mo, &d, &sep, &h, &mi, &s, &z) >= 7 && (sep == 'T' || sep == ' ') &&
        (z == 0 || z == 'Z') && y >= 1970 && y < 10000 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h < 24 && mi < 60 && s < 61) {
        struct tm tm = {.tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = h, .tm_min = mi, .tm_sec = s};
        hub_time_format(lang, tzid, timegm(&tm), out, n);
        return 0;
    }
    snprintf(out, n, "%s", utc ? utc : "");
    return -1;
}
