/* notify.c - see notify.h. libsystemd's sd_notify does the socket work (abstract and path
 * sockets, credentials); this module only adds the rate limit and the "no systemd" fast path. */
#include "notify.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <systemd/sd-daemon.h>
#include <time.h>

static int have_socket(void)
{
    const char *s = getenv("NOTIFY_SOCKET");
    return s && *s;
}

static uint64_t mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

int notify_enabled(void) { return have_socket(); }

void notify_ready(const char *status)
{
    if (!have_socket()) return;
    if (status && *status) sd_notifyf(0, "READY=1\nSTATUS=%s", status);
    else sd_notify(0, "READY=1");
}

void notify_status(const char *fmt, ...)
{
    static char last[256];
    char line[256];
    if (!have_socket()) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    for (char *p = line; *p; p++)
        if (*p == '\n') *p = ' ';   /* one line: a newline would start another assignment */
    if (strcmp(line, last) == 0) return;
    snprintf(last, sizeof last, "%s", line);
    sd_notifyf(0, "STATUS=%s", line);
}

void notify_stopping(void)
{
    if (have_socket()) sd_notify(0, "STOPPING=1");
}

uint32_t notify_watchdog_ms(void)
{
    uint64_t usec = 0;
    if (!have_socket() || sd_watchdog_enabled(0, &usec) <= 0) return 0;
    uint64_t ms = usec / 1000u;
    return ms > UINT32_MAX ? UINT32_MAX : (uint32_t)(ms ? ms : 1);
}

void notify_watchdog_tick(void)
{
    static int checked;
    static uint32_t interval;
    static uint64_t last;
    if (!checked) { interval = notify_watchdog_ms(); checked = 1; }
    if (!interval) return;
    uint64_t now = mono_ms();
    if (last && now - last < interval / 2) return;
    last = now;
    sd_notify(0, "WATCHDOG=1");
}
