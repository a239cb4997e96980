/* fuzz_recur.c - libFuzzer target: recurrence expansion. The input is lines: RRULE, start,
 * end, exdates...; the rule is checked like the validator does, then expanded over a year
 * (and once over 30 years) in Europe/Helsinki. Must stay bounded in time and memory (run with
 * -timeout and -rss_limit_mb), and occurrences must come in order. */
#include "recur.h"
#include "util.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct seen { time_t last; long n; } seen;

static int cb(const char *id, time_t s, time_t e, void *ctx)
{
    seen *x = ctx;
    (void)id;
    if (s < x->last || e < s) abort();   /* out of order, or ending before it starts */
    x->last = s;
    x->n++;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char buf[2048], *line[20], err[MJ_ERRLEN];
    int n = 0;
    if (size >= sizeof buf) return 0;
    memcpy(buf, data, size);
    buf[size] = 0;
    for (char *save = NULL, *t = strtok_r(buf, "\n", &save); t && n < 20; t = strtok_r(NULL, "\n", &save)) line[n++] = t;
    if (n < 3) return 0;
    if (recur_rule_check(line[0], err, sizeof err) != MJ_OK) return 0;
    const char *const *ex = (const char *const *)(line + 3);
    seen s = { 0, 0 };
    recur_expand_event("f", line[1], line[2], line[0], ex, (size_t)(n - 3), "Europe/Helsinki", 1798754400,
                       1798754400 + 366 * 86400, cb, &s, err, sizeof err);
    s.last = 0;
    recur_expand_event("f", line[1], line[2], line[0], ex, (size_t)(n - 3), "Europe/Helsinki", 1798754400,
                       1798754400 + 30LL * 366 * 86400, cb, &s, err, sizeof err);
    return 0;
}
