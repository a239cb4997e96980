/* transport.c - see transport.h. */
#include "transport.h"
#include "util.h"
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct transport {
    int fd;
    int is_socket;
    int has_status;
};

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int open_tcp(const char *spec, int timeout_ms, int *fdout, char *err, size_t errlen)
{
    char host[256], *port;
    snprintf(host, sizeof host, "%s", spec);
    port = strrchr(host, ':');
    if (!port || port == host || !port[1]) return mj_err(err, errlen, MJ_EINVAL, "printer: expected tcp:HOST:PORT");
    *port++ = 0;
    struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM }, *res = NULL;
    int gai = getaddrinfo(host, port, &hints, &res);
    if (gai) return mj_err(err, errlen, MJ_EIO, "printer %s: %s", spec, gai_strerror(gai));
    int fd = socket(res->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) { freeaddrinfo(res); return mj_err(err, errlen, MJ_EIO, "printer: socket: %s", strerror(errno)); }
    int rc = connect(fd, res->ai_addr, res->ai_addrlen);
    freeaddrinfo(res);
    if (rc < 0 && errno != EINPROGRESS) {
        int e = errno;
        close(fd);
        return mj_err(err, errlen, MJ_EIO, "printer %s: %s", spec, strerror(e));
    }
    if (rc < 0) {
        struct pollfd p = { .fd = fd, .events = POLLOUT };
        int n;
        do n = poll(&p, 1, timeout_ms); while (n < 0 && errno == EINTR);
        int soerr = 0;
        socklen_t sl = sizeof soerr;
        if (n <= 0 || getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &sl) < 0 || soerr) {
            close(fd);
            return mj_err(err, errlen, MJ_EIO, "printer %s: %s", spec,
                          n == 0 ? "no answer (timed out)" : strerror(soerr ? soerr : errno));
        }
    }
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    *fdout = fd;
    return MJ_OK;
}

int transport_open(const char *device, int timeout_ms, transport **out, char *err, size_t errlen)
{
    *out = NULL;
    transport *t = calloc(1, sizeof *t);
    if (!t) return mj_err(err, errlen, MJ_ENOMEM, "printer: out of memory");
    int rc;
    if (!strncmp(device, "tcp:", 4)) {
        rc = open_tcp(device + 4, timeout_ms, &t->fd, err, errlen);
        t->is_socket = t->has_status = 1;
    } else if (!strncmp(device, "file:", 5) && device[5]) {
        t->fd = open(device + 5, O_RDWR | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
        if (t->fd < 0 && errno == EACCES) t->fd = open(device + 5, O_WRONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
        rc = t->fd < 0 ? mj_err(err, errlen, MJ_EIO, "printer %s: %s", device + 5, strerror(errno)) : MJ_OK;
        struct stat st;
        t->has_status = !rc && fstat(t->fd, &st) == 0 && S_ISCHR(st.st_mode);
        if (!rc && S_ISREG(st.st_mode)) lseek(t->fd, 0, SEEK_END);   /* a capture file grows */
    } else {
        rc = mj_err(err, errlen, MJ_EINVAL, "printer: \"%s\" is not file:PATH or tcp:HOST:PORT", device);
    }
    if (rc) { free(t); return rc; }
    *out = t;
    return MJ_OK;
}

/* Waits until the device is ready for `events` (POLLIN or POLLOUT) before the deadline: 1 ready,
 * 0 to try again (a signal), or an error (`late` when the time is up; for POLLOUT a hang-up). */
static int wait_ready(transport *t, short events, long long deadline, const char *late, char *err, size_t errlen)
{
    long long left = deadline - now_ms();
    if (left <= 0) return mj_err(err, errlen, MJ_EIO, "%s", late);
    struct pollfd pf = { .fd = t->fd, .events = events };
    int n = poll(&pf, 1, (int)left);
    if (n < 0 && errno == EINTR) return 0;
    if (n < 0) return mj_err(err, errlen, MJ_EIO, "printer: %s", strerror(errno));
    if (n == 0) return 0;
    if (events == POLLOUT && (pf.revents & (POLLERR | POLLHUP | POLLNVAL)))
        return mj_err(err, errlen, MJ_EIO, "printer: connection lost");
    return 1;
}

int transport_write(transport *t, const void *data, size_t len, int timeout_ms, char *err, size_t errlen)
{
    const unsigned char *p = data;
    long long deadline = now_ms() + timeout_ms;
    while (len) {
        int ready = wait_ready(t, POLLOUT, deadline, "printer: timed out while sending", err, errlen);
        if (ready < 0) return ready;
        if (!ready) continue;
        ssize_t w = t->is_socket ? send(t->fd, p, len, MSG_NOSIGNAL) : write(t->fd, p, len);
        if (w < 0 && (errno == EAGAIN || errno == EINTR)) continue;
        if (w <= 0) return mj_err(err, errlen, MJ_EIO, "printer: connection lost (%s)", strerror(errno));
        p += w;
        len -= (size_t)w;
    }
    return MJ_OK;
}

int transport_read(transport *t, void *buf, size_t len, int timeout_ms, char *err, size_t errlen)
{
    long long deadline = now_ms() + timeout_ms;
    for (;;) {
        int ready = wait_ready(t, POLLIN, deadline, "printer: no answer (timed out)", err, errlen);
        if (ready < 0) return ready;
        if (!ready) continue;
        ssize_t r = read(t->fd, buf, len);
        if (r < 0 && (errno == EAGAIN || errno == EINTR)) {
            /* usblp reports readable with nothing to read when the printer is silent */
            struct timespec ts = { 0, 20 * 1000000 };
            nanosleep(&ts, NULL);
            continue;
        }
        if (r == 0) return mj_err(err, errlen, MJ_EIO, "printer: connection closed");
        if (r < 0) return mj_err(err, errlen, MJ_EIO, "printer: %s", strerror(errno));
        return (int)r;
    }
}

int transport_has_status(const transport *t) { return t->has_status; }

void transport_drain(transport *t)
{
    unsigned char junk[256];
    for (int i = 0; i < 16; i++) {
        struct pollfd pf = { .fd = t->fd, .events = POLLIN };
        if (poll(&pf, 1, 0) <= 0 || !(pf.revents & POLLIN)) return;
        if (read(t->fd, junk, sizeof junk) <= 0) return;
    }
}

void transport_close(transport *t)
{
    if (!t) return;
    close(t->fd);
    free(t);
}
