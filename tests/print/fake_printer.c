/* fake_printer.c - an ESC/POS receipt printer for tests, on 127.0.0.1 at a free port.
 *   fake_printer DIR [SECONDS [PORT]]
 * Prints its port (PORT, else a free one) on stdout, then serves one connection at a time until SECONDS (default 120)
 * have passed or DIR/mode says "quit". It parses ESC @, GS v 0, ESC d, GS V and answers
 * DLE EOT n. Each job that ends with a cut is rebuilt as DIR/job-N.png (N from 1) and logged
 * in DIR/log as "job N WIDTHxHEIGHT"; a job cut short is logged as "partial".
 * DIR/mode (re-read on every query and every read) says how the printer behaves:
 *   ok | near-end | paper-end | cover-open | offline | drop (close the connection once the
 *   first raster block has begun) | quit. Missing = ok. */
#include "bitmap.h"
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static const char *dir;
static int jobs;

static void mode_get(char *out, size_t len)
{
    char path[512];
    snprintf(path, sizeof path, "%s/mode", dir);
    snprintf(out, len, "ok");
    FILE *f = fopen(path, "r");
    if (!f) return;
    if (fgets(out, (int)len, f)) out[strcspn(out, " \r\n")] = 0;
    fclose(f);
}

static void logf_(const char *fmt, const char *a, int b, int c, int d)
{
    char path[512];
    snprintf(path, sizeof path, "%s/log", dir);
    FILE *f = fopen(path, "a");
    if (!f) return;
    fprintf(f, fmt, a, b, c, d);
    fclose(f);
}

static unsigned char status_byte(int n, const char *mode)
{
    unsigned char b = 0x12;
    int pe = !strcmp(mode, "paper-end"), co = !strcmp(mode, "cover-open"), off = !strcmp(mode, "offline");
    if (n == 1 && (pe || co || off)) b |= 0x08;
    if (n == 2 && co) b |= 0x04;
    if (n == 2 && pe) b |= 0x20;
    if (n == 4 && !strcmp(mode, "near-end")) b |= 0x0c;
    if (n == 4 && pe) b |= 0x6c;
    return b;
}

/* The raster of the job in progress: bands stacked. */
typedef struct job { int w; int h; unsigned char *rows; size_t len; int printing; } job;

static void job_reset(job *j)
{
    free(j->rows);
    memset(j, 0, sizeof *j);
}

static void job_finish(job *j)
{
    if (j->h > 0 && j->printing) {
        bitmap b;
        char err[256], path[512];
        if (bitmap_init(&b, j->w * 8, j->h, err, sizeof err) == 0) {
            memcpy(b.bits, j->rows, (size_t)j->w * j->h);
            snprintf(path, sizeof path, "%s/job-%d.png", dir, ++jobs);
            if (bitmap_write_png(&b, path, err, sizeof err)) fprintf(stderr, "fake: %s\n", err);
            logf_("job %s%d %dx%d\n", "", jobs, j->w * 8, j->h);
            bitmap_free(&b);
        }
    }
    job_reset(j);
}

/* Consumes whole commands from buf[0..len); returns bytes used (the rest waits for more). */
static size_t parse(int fd, const unsigned char *buf, size_t len, job *j, const char *mode, int *drop)
{
    size_t i = 0;
    while (i < len) {
        const unsigned char *p = buf + i;
        size_t left = len - i;
        if (p[0] == 0x10) {                                   /* DLE EOT n */
            if (left < 3) break;
            if (p[1] == 0x04 && p[2] >= 1 && p[2] <= 4) {
                unsigned char b = status_byte(p[2], mode);
                if (send(fd, &b, 1, MSG_NOSIGNAL) != 1) return len;
            }
            i += 3;
        } else if (p[0] == 0x1b) {
            if (left < 2) break;
            if (p[1] == 0x40) { job_reset(j); j->printing = strcmp(mode, "paper-end") != 0; i += 2; }
            else if (p[1] == 0x64) { if (left < 3) break; i += 3; }
            else i += 2;
        } else if (p[0] == 0x1d && left >= 2 && p[1] == 0x76) {   /* GS v 0 m xL xH yL yH */
            if (left < 8) break;
            int w = p[4] | p[5] << 8, h = p[6] | p[7] << 8;
            size_t need = 8 + (size_t)w * h;
            if (!strcmp(mode, "drop")) { *drop = 1; return i; }
            if (left < need) break;
            if (w > 0 && h > 0 && (j->w == 0 || j->w == w)) {
                unsigned char *nr = realloc(j->rows, j->len + (size_t)w * h);
                if (nr) {
                    j->rows = nr;
                    memcpy(j->rows + j->len, p + 8, (size_t)w * h);
                    j->len += (size_t)w * h;
                    j->w = w;
                    j->h += h;
                }
            }
            if (!strcmp(mode, "paper-end")) j->printing = 0;
            i += need;
        } else if (p[0] == 0x1d) {
            if (left < 3) break;
            if (p[1] == 0x56) {                               /* GS V m [n] */
                int extra = (p[2] == 65 || p[2] == 66) ? 1 : 0;
                if (left < 3 + (size_t)extra) break;
                job_finish(j);
                i += 3 + extra;
            } else i += 2;
        } else {
            i++;                                              /* text or unknown: skipped */
        }
    }
    return i;
}

int main(int argc, char **argv)
{
    if (argc < 2) { fprintf(stderr, "usage: fake_printer DIR [SECONDS]\n"); return 2; }
    dir = argv[1];
    int seconds = argc > 2 ? atoi(argv[2]) : 120;
    time_t end = time(NULL) + (seconds > 0 ? seconds : 120);
    int ls = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK),
                             .sin_port = htons((unsigned short)(argc > 3 ? atoi(argv[3]) : 0)) };
    int one = 1;
    setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    socklen_t al = sizeof a;
    if (bind(ls, (struct sockaddr *)&a, sizeof a) || listen(ls, 4) || getsockname(ls, (struct sockaddr *)&a, &al)) {
        perror("fake_printer");
        return 1;
    }
    printf("%d\n", ntohs(a.sin_port));
    fflush(stdout);
    char mode[32];
    while (time(NULL) < end) {
        mode_get(mode, sizeof mode);
        if (!strcmp(mode, "quit")) break;
        struct pollfd pl = { .fd = ls, .events = POLLIN };
        if (poll(&pl, 1, 200) <= 0) continue;
        int fd = accept(ls, NULL, NULL);
        if (fd < 0) continue;
        job j = { 0 };
        size_t cap = 1 << 20, have = 0;
        unsigned char *buf = malloc(cap);
        int drop = 0;
        while (buf && time(NULL) < end && !drop) {
            struct pollfd pc = { .fd = fd, .events = POLLIN };
            int n = poll(&pc, 1, 200);
            if (n < 0 && errno != EINTR) break;
            if (n <= 0) continue;
            if (have == cap) {
                unsigned char *nb = realloc(buf, cap * 2);
                if (!nb) break;
                buf = nb;
                cap *= 2;
            }
            ssize_t r = read(fd, buf + have, cap - have);
            if (r <= 0) break;
            have += (size_t)r;
            mode_get(mode, sizeof mode);
            size_t used = parse(fd, buf, have, &j, mode, &drop);
            memmove(buf, buf + used, have - used);
            have -= used;
        }
        if (j.h > 0 || drop) logf_("partial %s%d %d %d\n", "", jobs, j.h, drop);
        job_reset(&j);
        free(buf);
        close(fd);
    }
    close(ls);
    return 0;
}
