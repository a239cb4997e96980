/* hub_ics.h - turning what a coordinator has into the self-contained bundle the hub serves:
 * a bundle file whose `calendar` file sits next to it, or an iCalendar file added to a site's
 * published bundle. The calendar's events are merged into content.events (the foundation's
 * bundle reader does the parsing), the `calendar` key is dropped and the hash recomputed. */
#ifndef MAJAKKA_HUB_ICS_H
#define MAJAKKA_HUB_ICS_H
#include <stddef.h>

/* Reads the bundle at path; with a calendar, returns the merged, self-contained bundle. */
int hub_bundle_file(const char *path, char **out, size_t *len, char *err, size_t errlen);
/* Adds the events of ics_path to a published bundle, replacing events from an earlier
 * import-ics (ids starting with "ics-"); content_version gets a ".icsYYYYMMDDHHMMSS" suffix. */
int hub_ics_merge(const char *bundle, size_t len, const char *ics_path, char **out, size_t *outlen,
                  char *err, size_t errlen);

#endif
