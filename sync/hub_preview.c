/* hub_preview.c - see hub_preview.h: running the kiosk's preview as a child process, and the
 * cache of its pictures. The routes and the page are in hub_preview_page.c. */
#define _GNU_SOURCE   /* close_range */
#include "hub_preview.h"
#include "bundle.h"
#include "util.h"
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PV_SLOTS 2                /* renders at a time */
#define PV_CACHE 48               /* pictures kept */
#define PV_CACHE_BYTES (48u << 20)
#define PV_PNG_MAX (32u << 20)

static struct {
    char kiosk[1024], assets[1024];
    int timeout_ms;
    long memory_mb;
} cfg = { "", "", 10000, 512 };

typedef struct pv_entry {
    char key[200];
    char *png;                    /* NULL: a refusal, msg says why */
    size_t len;
    char *texts;                  /* the screen's texts, one a line */
    char msg[MJ_ERRLEN];
    unsigned long long used;
} pv_entry;

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t slot_cv = PTHREAD_COND_INITIALIZER;
static int busy;
static pv_entry cache[PV_CACHE];
static size_t cache_bytes;
static unsigned long long tick;

void hub_preview_configure(const hub_preview_cfg *c)
{
    pthread_mutex_lock(&mu);
    if (c->kiosk) snprintf(cfg.kiosk, sizeof cfg.kiosk, "%s", c->kiosk);
    else hub_preview_find_kiosk(cfg.kiosk, sizeof cfg.kiosk);
    snprintf(cfg.assets, sizeof cfg.assets, "%s", c->assets ? c->assets : "");
    cfg.timeout_ms = c->timeout_ms > 0 ? c->timeout_ms : 10000;
    cfg.memory_mb = c->memory_mb ? c->memory_mb : 512;
    pthread_mutex_unlock(&mu);
}

int hub_preview_find_kiosk(char *out, size_t outlen)
{
    char self[1024];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n > 0) {
        self[n] = 0;
        char *slash = strrchr(self, '/');
        if (slash) {
            *slash = 0;
            const char *tries[] = { "/majakka-kiosk", "/../kiosk/majakka-kiosk" };
            for (int i = 0; i < 2; i++) {
                if (snprintf(out, outlen, "%s%s", self, tries[i]) < (int)outlen && access(out, X_OK) == 0) return MJ_OK;
            }
        }
    }
    snprintf(out, outlen, "/usr/bin/majakka-kiosk");
    return access(out, X_OK) == 0 ? MJ_OK : MJ_ENOTFOUND;
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st; (void)flag; (void)ftw;
    remove(path);
    return 0;
}

/* The kiosk's message: its last line, without "majakka-kiosk: --preview PATH: " (our temporary path). */
static void child_message(const char *path, const char *bundle_path, char *out, size_t outlen)
{
    char *text = NULL;
    size_t len = 0;
    out[0] = 0;
    if (mj_read_file(path, 64 * 1024, &text, &len, NULL, 0) < 0 || !text) return;
    while (len && (text[len - 1] == '\n' || text[len - 1] == '\r')) text[--len] = 0;
    char *line = strrchr(text, '\n');
    line = line ? line + 1 : text;
    char prefix[1300];
    snprintf(prefix, sizeof prefix, "majakka-kiosk: --preview %s: ", bundle_path);
    if (!strncmp(line, prefix, strlen(prefix))) line += strlen(prefix);
    snprintf(out, outlen, "%s", line);
    free(text);
}

/* Runs the kiosk on the bundle in dir; fills *png. */
static int run_child(const char *dir, const hub_preview_req *r, char **png, size_t *pnglen, char **texts,
                     char *err, size_t errlen)
{
    char bundle[1100], out[1100], errf[1100], txt[1100], screen[80], lang[32], clock[32], size[16] = "1920x1080";
    char tmpdir[1200], tz[200] = "", asan[600] = "", ubsan[600] = "";
    snprintf(bundle, sizeof bundle, "%s/bundle.json", dir);
    snprintf(out, sizeof out, "%s/out.png", dir);
    snprintf(errf, sizeof errf, "%s/err.txt", dir);
    snprintf(txt, sizeof txt, "%s/texts.txt", dir);
    snprintf(screen, sizeof screen, "%s", r->screen);
    snprintf(lang, sizeof lang, "%s", r->lang ? r->lang : "");
    if (r->portrait) snprintf(size, sizeof size, "1080x1920");
    if (r->date) snprintf(clock, sizeof clock, "%sT10:00", r->date);
    snprintf(tmpdir, sizeof tmpdir, "TMPDIR=%s", dir);
    /* what the child gets of our environment: its time zone, the sanitizers' log settings */
    const char *v;
    if ((v = getenv("TZ"))) snprintf(tz, sizeof tz, "TZ=%s", v);
    if ((v = getenv("ASAN_OPTIONS"))) snprintf(asan, sizeof asan, "ASAN_OPTIONS=%s", v);
    if ((v = getenv("UBSAN_OPTIONS"))) snprintf(ubsan, sizeof ubsan, "UBSAN_OPTIONS=%s", v);
    char *envp[8];
    int ne = 0;
    envp[ne++] = tmpdir;
    envp[ne++] = "PATH=/usr/bin:/bin";
    envp[ne++] = "LC_ALL=C.UTF-8";
    if (tz[0]) envp[ne++] = tz;
    if (asan[0]) envp[ne++] = asan;
    if (ubsan[0]) envp[ne++] = ubsan;
    envp[ne] = NULL;
    char *argv[24];
    int n = 0;
    argv[n++] = cfg.kiosk;
    argv[n++] = "--config"; argv[n++] = "/dev/null";
    if (cfg.assets[0]) { argv[n++] = "--assets"; argv[n++] = cfg.assets; }
    argv[n++] = "--set"; argv[n++] = "kiosk.dpi=96";
    argv[n++] = "--preview"; argv[n++] = bundle;
    argv[n++] = "--screen"; argv[n++] = screen;
    argv[n++] = "--size"; argv[n++] = size;
    argv[n++] = "--out"; argv[n++] = out;
    argv[n++] = "--texts"; argv[n++] = txt;
    if (lang[0]) { argv[n++] = "--language"; argv[n++] = lang; }
    if (r->date) { argv[n++] = "--clock"; argv[n++] = clock; }
    argv[n] = NULL;
    int efd = open(errf, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    int nfd = open("/dev/null", O_RDWR | O_CLOEXEC);
    if (efd < 0 || nfd < 0) {
        if (efd >= 0) close(efd);
        if (nfd >= 0) close(nfd);
        return mj_err(err, errlen, MJ_EIO, "preview: cannot open its files in %s", dir);
    }
    int timeout_ms = cfg.timeout_ms;
    long mem = cfg.memory_mb;
    pid_t pid = fork();
    if (pid == 0) {
        /* the child: only async-signal-safe calls until exec */
        setpgid(0, 0);
        struct rlimit rl;
        if (mem > 0) { rl.rlim_cur = rl.rlim_max = (rlim_t)mem << 20; setrlimit(RLIMIT_AS, &rl); }
        rl.rlim_cur = rl.rlim_max = (rlim_t)(timeout_ms / 1000 + 2);
        setrlimit(RLIMIT_CPU, &rl);
        rl.rlim_cur = rl.rlim_max = 0;
        setrlimit(RLIMIT_CORE, &rl);
        dup2(nfd, 0);
        dup2(nfd, 1);
        dup2(efd, 2);
        close_range(3, ~0U, 0);   /* none of the hub's sockets or files */
        execve(argv[0], argv, envp);
        _exit(127);
    }
    close(efd);
    close(nfd);
    if (pid < 0) return mj_err(err, errlen, MJ_EIO, "preview: cannot start %s", cfg.kiosk);
    setpgid(pid, pid);
    double deadline = now_ms() + timeout_ms;
    int status = 0, killed = 0;
    for (;;) {
        pid_t w = waitpid(pid, &status, WNOHANG);
        if (w == pid) break;
        if (w < 0 && errno != EINTR) { status = -1; break; }
        if (now_ms() > deadline) {
            kill(-pid, SIGKILL);
            kill(pid, SIGKILL);
            while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
            killed = 1;
            break;
        }
        struct timespec ts = { 0, 5 * 1000000L };
        nanosleep(&ts, NULL);
    }
    char msg[MJ_ERRLEN];
    child_message(errf, bundle, msg, sizeof msg);
    if (killed) return mj_err(err, errlen, MJ_EBUSY, "the preview took longer than %d ms and was stopped", timeout_ms);
    if (status == -1 || !WIFEXITED(status)) {
        int sig = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
        if (sig == SIGXCPU) return mj_err(err, errlen, MJ_EBUSY, "the preview used up its CPU time and was stopped");
        return mj_err(err, errlen, MJ_EIO, "the preview renderer stopped (signal %d)", sig);
    }
    if (WEXITSTATUS(status) == 127)   /* exec failed, or the loader could not map a library in the memory limit */
        return mj_err(err, errlen, MJ_EIO, "preview: cannot run %s%s%s", cfg.kiosk, msg[0] ? ": " : "", msg);
    if (WEXITSTATUS(status) != 0) {
        /* 1: the kiosk refused the bundle or the request; anything else is the renderer's fault */
        return mj_err(err, errlen, WEXITSTATUS(status) == 1 ? MJ_EINVAL : MJ_EIO, "%s",
                      msg[0] ? msg : "the preview renderer failed");
    }
    int rc = mj_read_file(out, PV_PNG_MAX, png, pnglen, err, errlen);
    if (rc == MJ_OK && (rc = mj_read_file(txt, 1u << 20, texts, NULL, err, errlen)) < 0) {
        free(*png);
        *png = NULL;
    }
    return rc;
}

static int render(const char *data, size_t len, const hub_preview_req *r, char **png, size_t *pnglen, char **texts,
                  char *err, size_t errlen)
{
    const char *t = getenv("TMPDIR");
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/majakka-hub-preview-XXXXXX", t && t[0] == '/' ? t : "/tmp");
    if (!mkdtemp(dir)) return mj_err(err, errlen, MJ_EIO, "preview: cannot make a temporary folder");
    char bundle[1100];
    snprintf(bundle, sizeof bundle, "%s/bundle.json", dir);
    int rc = mj_write_file_atomic(bundle, data, len, 0600, err, errlen);
    if (rc == MJ_OK) rc = run_child(dir, r, png, pnglen, texts, err, errlen);
    nftw(dir, rm_entry, 8, FTW_DEPTH | FTW_PHYS);
    return rc;
}

static void make_key(const char *data, size_t len, const hub_preview_req *r, char *key, size_t keylen)
{
    char hex[65];
    bundle_sha256_hex(data, len, hex);
    snprintf(key, keylen, "%s|%s|%s|%d|%s", hex, r->screen, r->lang ? r->lang : "", r->portrait, r->date ? r->date : "");
}

/* Under mu: the entry for key, or NULL. */
static pv_entry *lookup(const char *key)
{
    for (int i = 0; i < PV_CACHE; i++)
        if (cache[i].used && !strcmp(cache[i].key, key)) { cache[i].used = ++tick; return &cache[i]; }
    return NULL;
}

/* Under mu: keeps a copy of the picture (png NULL: the refusal msg), dropping the least
 * recently used pictures to make room. */
static void remember(const char *key, const char *png, size_t len, const char *texts, const char *msg)
{
    if (len > PV_CACHE_BYTES / 4) return;
    char *copy = NULL, *tcopy = NULL;
    if (png && (!(copy = malloc(len)) || !(tcopy = mj_strdup(texts ? texts : "")))) { free(copy); return; }
    if (png) memcpy(copy, png, len);
    int slot;
    for (;;) {
        int oldest = -1;
        slot = -1;
        for (int i = 0; i < PV_CACHE; i++) {
            if (!cache[i].used) { if (slot < 0) slot = i; }
            else if (oldest < 0 || cache[i].used < cache[oldest].used) oldest = i;
        }
        if (slot >= 0 && cache_bytes + len <= PV_CACHE_BYTES) break;
        if (oldest < 0) { free(copy); free(tcopy); return; }
        cache_bytes -= cache[oldest].len;
        free(cache[oldest].png);
        free(cache[oldest].texts);
        memset(&cache[oldest], 0, sizeof cache[oldest]);
    }
    pv_entry *e = &cache[slot];
    snprintf(e->key, sizeof e->key, "%s", key);
    e->png = copy;
    e->texts = tcopy;
    e->len = png ? len : 0;
    snprintf(e->msg, sizeof e->msg, "%s", msg ? msg : "");
    e->used = ++tick;
    cache_bytes += e->len;
}

int hub_preview_png(const char *data, size_t len, const hub_preview_req *r, char **png, size_t *pnglen,
                    char **texts, char *err, size_t errlen)
{
    char *t = NULL;
    char key[200];
    make_key(data, len, r, key, sizeof key);
    *png = NULL;
    *pnglen = 0;
    pthread_mutex_lock(&mu);
    /* wait for a slot (a picture being made for the same key lands in the cache meanwhile) */
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += cfg.timeout_ms / 1000 + 1;
    for (;;) {
        pv_entry *e = lookup(key);
        if (e) {
            int rc = MJ_OK;
            if (!e->png) rc = mj_err(err, errlen, MJ_EINVAL, "%s", e->msg);
            else if (!(*png = malloc(e->len))) rc = mj_err(err, errlen, MJ_ENOMEM, "out of memory");
            else { memcpy(*png, e->png, e->len); *pnglen = e->len; }
            if (rc == MJ_OK && texts && !(*texts = mj_strdup(e->texts))) {
                free(*png);
                *png = NULL;
                rc = mj_err(err, errlen, MJ_ENOMEM, "out of memory");
            }
            pthread_mutex_unlock(&mu);
            return rc;
        }
        if (busy < PV_SLOTS) break;
        if (pthread_cond_timedwait(&slot_cv, &mu, &until) == ETIMEDOUT) {
            pthread_mutex_unlock(&mu);
            return mj_err(err, errlen, MJ_EBUSY, "the preview renderer is busy; try again in a moment");
        }
    }
    busy++;
    if (!cfg.kiosk[0]) hub_preview_find_kiosk(cfg.kiosk, sizeof cfg.kiosk);
    pthread_mutex_unlock(&mu);
    int rc = render(data, len, r, png, pnglen, &t, err, errlen);
    pthread_mutex_lock(&mu);
    busy--;
    if (rc == MJ_OK) remember(key, *png, *pnglen, t, NULL);
    else if (rc == MJ_EINVAL) remember(key, NULL, 0, NULL, err);
    if (texts) *texts = t;
    else free(t);
    pthread_cond_broadcast(&slot_cv);
    pthread_mutex_unlock(&mu);
    return rc;
}
