/* notify.h - telling systemd how a service is doing (sd_notify): READY=1 once, STATUS= lines
 * staff see in `systemctl status`, WATCHDOG=1 pings from each main loop. Every call is a no-op
 * when the program was not started by systemd (no NOTIFY_SOCKET), so tests and manual runs
 * behave as before. Never put feedback text, notes, tokens or PINs into a status line. */
#ifndef MAJAKKA_NOTIFY_H
#define MAJAKKA_NOTIFY_H
#include <stdint.h>

/* 1 when started by systemd with a notify socket (callers skip building status lines otherwise). */
int notify_enabled(void);
/* READY=1 with a first STATUS= line (NULL: none). */
void notify_ready(const char *status);
/* STATUS=<printf line>; sent only when it differs from the last one sent. */
void notify_status(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* STOPPING=1 (SIGTERM received, shutting down). */
void notify_stopping(void);
/* The watchdog interval systemd asked for (WatchdogSec=) in milliseconds, 0 when none. */
uint32_t notify_watchdog_ms(void);
/* Called from a main loop as often as it likes: sends WATCHDOG=1 when half the interval passed
 * since the last ping (and never when no watchdog is set). */
void notify_watchdog_tick(void);

#endif
