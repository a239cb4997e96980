/* log.c - see log.h. */
#include "log.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

/* 1 when JOURNAL_STREAM ("DEVICE:INODE") is our stderr: systemd connected it to journald. */
static int stderr_is_journal(void)
{
    static int known = -1;
    if (known >= 0) return known;
    known = 0;
    const char *js = getenv("JOURNAL_STREAM");
    unsigned long long dev, ino;
    struct stat st;
    if (js && sscanf(js, "%llu:%llu", &dev, &ino) == 2 && fstat(2, &st) == 0)
        known = (unsigned long long)st.st_dev == dev && (unsigned long long)st.st_ino == ino;
    return known;
}

void log_msg(int prio, const char *program, const char *fmt, ...)
{
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (stderr_is_journal()) fprintf(stderr, "<%d>%s: %s\n", prio < 0 || prio > 7 ? 6 : prio, program, line);
    else fprintf(stderr, "%s: %s\n", program, line);
}
