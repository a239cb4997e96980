/* backoff.c - see backoff.h. */
#include "backoff.h"
#include <ctype.h>
#include <curl/curl.h>
#include <stdlib.h>

#define RETRY_AFTER_MAX (24L * 3600)

long backoff_next(backoff *b, long retry_after_s, uint32_t rnd)
{
    long ceil = b->base_s > 0 ? b->base_s : 1;
    for (int i = 0; i < b->failures && ceil < b->cap_s; i++) ceil *= 2;
    if (ceil > b->cap_s) ceil = b->cap_s;
    if (b->failures < 1000) b->failures++;
    long wait = (long)(((uint64_t)rnd * (uint64_t)(ceil + 1)) >> 32);   /* uniform in [0, ceil] */
    if (wait < b->floor_s) wait = b->floor_s;
    if (retry_after_s > RETRY_AFTER_MAX) retry_after_s = RETRY_AFTER_MAX;
    if (retry_after_s > wait) wait = retry_after_s;
    return wait;
}

void backoff_reset(backoff *b) { b->failures = 0; }

long backoff_parse_retry_after(const char *v, long now)
{
    if (!v) return -1;
    while (*v == ' ') v++;
    if (isdigit((unsigned char)*v)) {
        char *end;
        long s = strtol(v, &end, 10);
        while (*end == ' ' || *end == '\r' || *end == '\n') end++;
        if (*end || s < 0) return -1;
        return s > RETRY_AFTER_MAX ? RETRY_AFTER_MAX : s;
    }
    time_t t = curl_getdate(v, NULL);
    if (t < 0) return -1;
    long d = (long)t - now;
    if (d < 0) d = 0;
    return d > RETRY_AFTER_MAX ? RETRY_AFTER_MAX : d;
}
