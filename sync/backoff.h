/* backoff.h - how long the sync agent waits after a failure: exponential backoff with full
 * jitter (a uniform draw from [0, min(cap, base * 2^failures)]), never below a floor, so a
 * fleet of kiosks coming back online does not hit the hub in step and nothing loops tightly.
 * A server's Retry-After is honoured as a lower bound (capped at a day). */
#ifndef MAJAKKA_BACKOFF_H
#define MAJAKKA_BACKOFF_H
#include <stdint.h>

typedef struct backoff {
    long base_s;      /* first ceiling, e.g. 5 */
    long cap_s;       /* largest ceiling, e.g. 3600 */
    long floor_s;     /* smallest wait, e.g. 1 */
    int failures;     /* consecutive failures so far */
} backoff;

/* The wait before the next attempt after one more failure (increments failures).
 * rnd is a uniform 32-bit random number (the caller draws it; tests pass fixed values). */
long backoff_next(backoff *b, long retry_after_s, uint32_t rnd);
/* Parses a Retry-After value: delta-seconds or an HTTP date (relative to now); -1 if invalid. */
long backoff_parse_retry_after(const char *value, long now);
void backoff_reset(backoff *b);

#endif
