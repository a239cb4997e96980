/* fake.h - starting and steering tests/print/fake_printer from a test program. */
#ifndef MAJAKKA_TEST_FAKE_H
#define MAJAKKA_TEST_FAKE_H
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

typedef struct fake { pid_t pid; int port; char dir[64]; char device[64]; } fake;

static inline void fake_mode(fake *f, const char *mode)
{
    char path[128], tmp[140];
    snprintf(path, sizeof path, "%s/mode", f->dir);
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *fp = fopen(tmp, "w");
    if (!fp) return;
    fprintf(fp, "%s\n", mode);
    fclose(fp);
    rename(tmp, path);   /* the printer never reads half a word */
}

/* port 0: a free one. */
static inline int fake_start_port(fake *f, const char *mode, int port)
{
    memset(f, 0, sizeof *f);
    snprintf(f->dir, sizeof f->dir, "/tmp/majakka-fake-XXXXXX");
    if (!mkdtemp(f->dir)) return -1;
    fake_mode(f, mode);
    int p[2];
    if (pipe(p)) return -1;
    f->pid = fork();
    if (f->pid == 0) {
        dup2(p[1], 1);
        close(p[0]);
        close(p[1]);
        char ps[16];
        snprintf(ps, sizeof ps, "%d", port);
        execl(FAKE_PRINTER, FAKE_PRINTER, f->dir, "150", ps, (char *)NULL);
        _exit(127);
    }
    close(p[1]);
    char line[32] = "";
    FILE *in = fdopen(p[0], "r");
    if (!in || !fgets(line, sizeof line, in)) { if (in) fclose(in); return -1; }
    fclose(in);
    f->port = atoi(line);
    snprintf(f->device, sizeof f->device, "tcp:127.0.0.1:%d", f->port);
    return f->port > 0 ? 0 : -1;
}

static inline int fake_start(fake *f, const char *mode) { return fake_start_port(f, mode, 0); }

/* Completed jobs so far (lines "job ..." in the log). */
static inline int fake_jobs(const fake *f)
{
    char path[128], line[128];
    snprintf(path, sizeof path, "%s/log", f->dir);
    FILE *fp = fopen(path, "r");
    if (!fp) return 0;
    int n = 0;
    while (fgets(line, sizeof line, fp)) n += strncmp(line, "job ", 4) == 0;
    fclose(fp);
    return n;
}

static inline void fake_job_png(const fake *f, int n, char *out, size_t len)
{
    snprintf(out, len, "%s/job-%d.png", f->dir, n);
}

static inline void fake_stop(fake *f)
{
    if (f->pid > 0) {
        fake_mode(f, "quit");
        for (int i = 0; i < 50; i++) {
            if (waitpid(f->pid, NULL, WNOHANG) == f->pid) { f->pid = 0; break; }
            struct timespec ts = { 0, 50 * 1000000 };
            nanosleep(&ts, NULL);
        }
        if (f->pid > 0) { kill(f->pid, SIGKILL); waitpid(f->pid, NULL, 0); }
    }
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    if (system(cmd)) { /* leftovers in /tmp are harmless */ }
}

static inline void sleep_ms(int ms)
{
    struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };
    nanosleep(&ts, NULL);
}

#endif
