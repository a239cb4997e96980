/* hub_time.h - times shown to coordinators: an instant (a time_t, or as the hub stores it,
 * "YYYY-MM-DDTHH:MM:SSZ" in UTC) in the site's local time, written as the page's language
 * writes it: fi "2.12.2026 klo 17.40", sv "2.12.2026 kl. 17.40", en "2026-12-02 17:40". The
 * zone is the bundle's site.timezone when it names one tz.h knows, else Europe/Helsinki. */
#ifndef MAJAKKA_HUB_TIME_H
#define MAJAKKA_HUB_TIME_H
#include <stddef.h>
#include <time.h>
#include <jansson.h>

#define HUB_TIME_ZONE "Europe/Helsinki"

/* The zone of a site's content (content may be NULL): site.timezone if valid, else HUB_TIME_ZONE. */
const char *hub_time_zone(const json_t *content);
/* t in tzid (NULL: HUB_TIME_ZONE) for lang ("fi", "sv", "en"; anything else as en). */
void hub_time_format(const char *lang, const char *tzid, time_t t, char *out, size_t n);
/* A stored UTC time ("YYYY-MM-DDTHH:MM:SSZ", or "YYYY-MM-DD HH:MM:SS") the same way; text that
 * is not one is copied as it is (empty stays empty). Returns 0, or -1 when it was copied. */
int hub_time_text(const char *lang, const char *tzid, const char *utc, char *out, size_t n);

#endif
