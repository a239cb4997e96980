/* log.h - log lines with a priority. Under systemd (stderr is the journal: JOURNAL_STREAM names
 * it) each line starts with the syslog "<N>" prefix journald turns into PRIORITY=; elsewhere the
 * line is printed as it is. Never pass feedback text, notes, tokens or PINs. */
#ifndef MAJAKKA_LOG_H
#define MAJAKKA_LOG_H

enum { LOG_P_ERR = 3, LOG_P_WARNING = 4, LOG_P_NOTICE = 5, LOG_P_INFO = 6 };

/* "<prio>PROGRAM: message\n" on stderr (the prefix only when stderr is the journal). */
void log_msg(int prio, const char *program, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
