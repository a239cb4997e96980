/* ics_occurrences.c FILE FROM TO - test tool (not shipped): reads an iCalendar file the way a
 * bundle's calendar is read (bics_merge) and prints each occurrence starting in [FROM, TO)
 * (Unix seconds) as "START END", expanded by recur.c in Europe/Helsinki. Skipped events go to
 * stderr as "skipped: reason". Used by diff.py against python3-recurring-ical-events. */
#include "bundle_int.h"
#include "recur.h"
#include "util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static time_t lo, hi;

static int print(const char *id, time_t s, time_t e, void *ctx)
{
    (void)id; (void)ctx;
    if (s >= lo && s < hi) printf("%lld %lld\n", (long long)s, (long long)e);
    return 0;
}

int main(int argc, char **argv)
{
    char err[MJ_ERRLEN], *data;
    size_t len;
    if (argc != 4) { fprintf(stderr, "usage: ics_occurrences FILE FROM TO\n"); return 2; }
    lo = (time_t)atoll(argv[2]);
    hi = (time_t)atoll(argv[3]);
    if (mj_read_file(argv[1], 8u << 20, &data, &len, err, sizeof err)) { fprintf(stderr, "%s\n", err); return 1; }
    bvctx v;
    if (bv_init(&v, err, sizeof err)) return 1;
    v.default_language = "fi";
    json_t *events = json_array();
    int rc = bics_merge(&v, argv[1], data, len, events);
    free(data);
    if (rc) { fprintf(stderr, "refused: %s\n", err); bv_free(&v); json_decref(events); return 1; }
    size_t i;
    json_t *x;
    json_array_foreach(v.skipped, i, x) fprintf(stderr, "skipped: %s\n", json_string_value(x));
    json_array_foreach(events, i, x) {
        const char *ex[100];
        size_t nex = 0, j;
        json_t *d;
        json_array_foreach(json_object_get(x, "exdates"), j, d) if (nex < 100) ex[nex++] = json_string_value(d);
        const char *rr = json_string_value(json_object_get(x, "rrule"));
        /* from a day before, so an event that started before the window is seen */
        if (recur_expand_event(json_string_value(json_object_get(x, "id")), json_string_value(json_object_get(x, "start")),
                               json_string_value(json_object_get(x, "end")), rr, ex, nex, "Europe/Helsinki",
                               lo - 8 * 86400, hi, print, NULL, err, sizeof err))
            fprintf(stderr, "not expanded: %s\n", err);
    }
    json_decref(events);
    bv_free(&v);
    return 0;
}
