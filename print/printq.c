/* printq.c - see printq.h. One mutex guards the job list and the status; the worker holds it
 * only to pick a job and to record the outcome, never while talking to a printer. */
#include "printq.h"
#include "config.h"
#include "escpos_io.h"
#include "pdf.h"
#include "slip_count.h"
#include "slip_render.h"
#include "store.h"
#include "util.h"
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum { DEV_NONE, DEV_ESCPOS, DEV_PNG, DEV_PDF, DEV_CUPS };

typedef struct job {
    unsigned id;
    bitmap img;
    int count;                                   /* add to slip_counts when printed */
    char day[11];
    char ids[SLIP_MAX_SERVICES][65];
    int nids;
} job;

struct printq {
    printq_config cfg;
    int kind, paper;
    char target[256];                            /* the device string less its prefix and ",a6" */
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int stop, refresh;
    job *jobs[PRINTQ_MAX_JOBS];
    int njobs;
    unsigned next_id;
    job *last;                                   /* a copy of the last slip, for reprint */
    printq_status st;
    store *store;                                /* the worker's own connection */
};

static void job_free(job *j)
{
    if (!j) return;
    bitmap_free(&j->img);
    free(j);
}

static int parse_device(printq *q, char *err, size_t errlen)
{
    const char *d = q->cfg.device;
    static const struct { const char *prefix; int kind; } kinds[] = {
        { "file:", DEV_ESCPOS }, { "tcp:", DEV_ESCPOS }, { "png:", DEV_PNG }, { "pdf:", DEV_PDF }, { "cups:", DEV_CUPS },
    };
    q->kind = DEV_NONE;
    if (!*d || !strcmp(d, "none")) return MJ_OK;
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        size_t n = strlen(kinds[i].prefix);
        if (strncmp(d, kinds[i].prefix, n)) continue;
        q->kind = kinds[i].kind;
        snprintf(q->target, sizeof q->target, "%s", q->kind == DEV_ESCPOS ? d : d + n);
        size_t tl = strlen(q->target);
        if ((q->kind == DEV_PDF || q->kind == DEV_CUPS) && tl > 3 && !strcasecmp(q->target + tl - 3, ",a6")) {
            q->paper = PDF_A6;
            q->target[tl - 3] = 0;
        } else if ((q->kind == DEV_PDF || q->kind == DEV_CUPS) && tl > 3 && !strcasecmp(q->target + tl - 3, ",a4")) {
            q->target[tl - 3] = 0;
        }
        if (q->kind != DEV_ESCPOS && !q->target[0]) break;
        return MJ_OK;
    }
    return mj_err(err, errlen, MJ_EINVAL, "printer: \"%s\" is not none, file:, tcp:, png:, pdf: or cups:", d);
}

static void notify(printq *q)
{
    /* called with the mutex held: copy, then call outside it */
    printq_status copy = q->st;
    pthread_mutex_unlock(&q->mu);
    if (q->cfg.notify) q->cfg.notify(&copy, q->cfg.user);
    pthread_mutex_lock(&q->mu);
}

/* The output path for job id: PATH, or PATH/slip-ID.EXT when PATH ends with '/'. */
static void out_path(const printq *q, const job *j, const char *ext, char *out, size_t len)
{
    size_t n = strlen(q->target);
    if (n && q->target[n - 1] == '/') snprintf(out, len, "%sslip-%u.%s", q->target, j->id, ext);
    else snprintf(out, len, "%s", q->target);
}

/* One attempt; fills *ps when the printer answered. */
static int attempt(printq *q, const job *j, escpos_status *ps, int *has_status, char *err, size_t errlen)
{
    char path[600];
    *has_status = 0;
    memset(ps, 0, sizeof *ps);
    switch (q->kind) {
    case DEV_ESCPOS: {
        int settle = q->cfg.settle_ms;
        if (settle < 0) {                    /* ~80 mm/s at 8 dots/mm, at most 5 s */
            settle = j->img.h * 1000 / 640;
            if (settle > 5000) settle = 5000;
        }
        int rc = escpos_print(q->target, &j->img, q->cfg.timeout_ms, settle, ps, err, errlen);
        *has_status = rc == MJ_OK || rc == MJ_EBUSY;
        return rc;
    }
    case DEV_PNG:
        out_path(q, j, "png", path, sizeof path);
        return bitmap_write_png(&j->img, path, err, errlen);
    case DEV_PDF:
        out_path(q, j, "pdf", path, sizeof path);
        return pdf_write(&j->img, q->paper, path, err, errlen);
    case DEV_CUPS: {
        char tmp[] = "/tmp/majakka-slip-XXXXXX";
        int fd = mkstemp(tmp);
        if (fd < 0) return mj_err(err, errlen, MJ_EIO, "cups: no temporary file");
        close(fd);
        int rc = pdf_write(&j->img, q->paper, tmp, err, errlen);
        if (!rc) rc = pdf_cups_print(q->target, tmp, q->paper, "Majakka", err, errlen);
        unlink(tmp);
        return rc;
    }
    }
    return mj_err(err, errlen, MJ_EINVAL, "printer: none configured");
}

static void count(printq *q, const job *j)
{
    if (!j->count || !q->cfg.store_path[0] || !j->nids) return;
    char err[MJ_ERRLEN];
    if (!q->store && store_open(q->cfg.store_path, &q->store, err, sizeof err)) {
        fprintf(stderr, "majakka: slip counts: %s\n", err);
        q->store = NULL;
        return;
    }
    const char *ids[SLIP_MAX_SERVICES];
    for (int i = 0; i < j->nids; i++) ids[i] = j->ids[i];
    /* a failed count is logged, never a reason to print the slip again */
    if (slip_count_add(q->store, j->day, ids, j->nids, err, sizeof err))
        fprintf(stderr, "majakka: slip counts: %s\n", err);
}

static void deadline_in(struct timespec *ts, int ms)
{
    clock_gettime(CLOCK_MONOTONIC, ts);
    ts->tv_sec += ms / 1000;
    ts->tv_nsec += (long)(ms % 1000) * 1000000L;
    if (ts->tv_nsec >= 1000000000L) { ts->tv_sec++; ts->tv_nsec -= 1000000000L; }
}

static void *worker(void *arg)
{
    printq *q = arg;
    char err[MJ_ERRLEN];
    pthread_mutex_lock(&q->mu);
    while (!q->stop) {
        if (q->njobs == 0 && !q->refresh) {
            pthread_cond_wait(&q->cv, &q->mu);
            continue;
        }
        if (q->njobs == 0) {                       /* a status refresh for the staff screen */
            q->refresh = 0;
            pthread_mutex_unlock(&q->mu);
            escpos_status ps;
            int rc = q->kind == DEV_ESCPOS ? escpos_query(q->target, q->cfg.timeout_ms, &ps, err, sizeof err)
                   : q->kind == DEV_NONE ? mj_err(err, sizeof err, MJ_EINVAL, "printer: none configured") : MJ_OK;
            pthread_mutex_lock(&q->mu);
            q->st.last_rc = rc;
            q->st.has_printer = q->kind == DEV_ESCPOS && rc == MJ_OK;
            if (q->st.has_printer) q->st.printer = ps;
            snprintf(q->st.message, sizeof q->st.message, "%s",
                     rc ? err : q->kind == DEV_ESCPOS ? escpos_status_text(&ps) : "Printer ready");
            notify(q);
            continue;
        }
        job *j = q->jobs[0];
        q->st.state = PRINTQ_PRINTING;
        notify(q);
        pthread_mutex_unlock(&q->mu);

        escpos_status ps;
        int has_status;
        int rc = attempt(q, j, &ps, &has_status, err, sizeof err);
        if (rc == MJ_OK) count(q, j);

        pthread_mutex_lock(&q->mu);
        q->st.last_rc = rc;
        q->st.has_printer = has_status;
        if (has_status) q->st.printer = ps;
        if (rc == MJ_OK) {
            memmove(q->jobs, q->jobs + 1, (size_t)(q->njobs - 1) * sizeof q->jobs[0]);
            q->njobs--;
            job_free(j);
            q->st.printed++;
            snprintf(q->st.message, sizeof q->st.message, "%s", has_status ? escpos_status_text(&ps) : "Printed");
        } else {
            snprintf(q->st.message, sizeof q->st.message, "%s", err);
        }
        q->st.pending = q->njobs;
        q->st.state = q->njobs == 0 ? PRINTQ_IDLE : rc ? PRINTQ_WAITING : PRINTQ_PRINTING;
        notify(q);
        if (rc && !q->stop) {                      /* wait, unless told to stop */
            struct timespec until;
            deadline_in(&until, q->cfg.retry_ms);
            while (!q->stop && pthread_cond_timedwait(&q->cv, &q->mu, &until) != ETIMEDOUT) {}
        }
    }
    pthread_mutex_unlock(&q->mu);
    return NULL;
}

void printq_config_from(const config *cfg, const char *store_path, printq_config *c)
{
    memset(c, 0, sizeof *c);
    snprintf(c->device, sizeof c->device, "%s", cfg->printer);
    c->dots = cfg->printer_dots;
    if (store_path) snprintf(c->store_path, sizeof c->store_path, "%s", store_path);
    c->settle_ms = -1;
}

int printq_start(const printq_config *cfg, printq **out, char *err, size_t errlen)
{
    *out = NULL;
    printq *q = calloc(1, sizeof *q);
    if (!q) return mj_err(err, errlen, MJ_ENOMEM, "printer: out of memory");
    q->cfg = *cfg;
    if (q->cfg.timeout_ms <= 0) q->cfg.timeout_ms = 5000;
    if (q->cfg.retry_ms <= 0) q->cfg.retry_ms = 5000;
    if (q->cfg.dots != 384 && q->cfg.dots != 576) {
        free(q);
        return mj_err(err, errlen, MJ_EINVAL, "printer: width %d dots is not 384 or 576", cfg->dots);
    }
    int rc = parse_device(q, err, errlen);
    if (rc) { free(q); return rc; }
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_mutex_init(&q->mu, NULL);
    pthread_cond_init(&q->cv, &ca);
    pthread_condattr_destroy(&ca);
    q->next_id = 1;
    snprintf(q->st.message, sizeof q->st.message, "%s", q->kind == DEV_NONE ? "No printer configured" : "");
    if (pthread_create(&q->thread, NULL, worker, q)) {
        pthread_mutex_destroy(&q->mu);
        pthread_cond_destroy(&q->cv);
        free(q);
        return mj_err(err, errlen, MJ_ENOMEM, "printer: cannot start the print thread");
    }
    *out = q;
    return MJ_OK;
}

void printq_stop(printq *q)
{
    if (!q) return;
    pthread_mutex_lock(&q->mu);
    q->stop = 1;
    pthread_cond_broadcast(&q->cv);
    pthread_mutex_unlock(&q->mu);
    pthread_join(q->thread, NULL);
    for (int i = 0; i < q->njobs; i++) job_free(q->jobs[i]);
    job_free(q->last);
    if (q->store) store_close(q->store);
    pthread_mutex_destroy(&q->mu);
    pthread_cond_destroy(&q->cv);
    free(q);
}

static int render_for(printq *q, ink_ctx *t, const slip *s, bitmap *out, char *err, size_t errlen)
{
    if (q->kind == DEV_PDF || q->kind == DEV_CUPS)
        return slip_render(t, s, pdf_content_width(q->paper), PDF_DPI, out, NULL, err, errlen);
    return slip_render(t, s, q->cfg.dots, SLIP_RECEIPT_DPI, out, NULL, err, errlen);
}

int printq_preview(printq *q, ink_ctx *t, const slip *s, bitmap *out, char *err, size_t errlen)
{
    return render_for(q, t, s, out, err, errlen);
}

static int copy_bitmap(bitmap *dst, const bitmap *src, char *err, size_t errlen)
{
    int rc = bitmap_init(dst, src->w, src->h, err, errlen);
    if (!rc) memcpy(dst->bits, src->bits, (size_t)src->stride * src->h);
    return rc;
}

/* Takes ownership of j. */
static int enqueue(printq *q, job *j, int keep_as_last, char *err, size_t errlen)
{
    job *copy = NULL;
    if (keep_as_last) {
        copy = calloc(1, sizeof *copy);
        if (!copy || copy_bitmap(&copy->img, &j->img, err, errlen)) {
            free(copy);
            job_free(j);
            return mj_err(err, errlen, MJ_ENOMEM, "printer: out of memory");
        }
        copy->nids = 0;                          /* a reprint is not counted again */
    }
    pthread_mutex_lock(&q->mu);
    if (q->njobs >= PRINTQ_MAX_JOBS) {
        pthread_mutex_unlock(&q->mu);
        job_free(j);
        job_free(copy);
        return mj_err(err, errlen, MJ_EFULL, "printer: %d slips already wait", PRINTQ_MAX_JOBS);
    }
    j->id = q->next_id++;
    q->jobs[q->njobs++] = j;
    if (copy) { job_free(q->last); q->last = copy; }
    q->st.pending = q->njobs;
    if (q->st.state == PRINTQ_IDLE) q->st.state = PRINTQ_PRINTING;
    pthread_cond_broadcast(&q->cv);
    pthread_mutex_unlock(&q->mu);
    return MJ_OK;
}

int printq_submit(printq *q, ink_ctx *t, const slip *s, char *err, size_t errlen)
{
    if (q->kind == DEV_NONE) return mj_err(err, errlen, MJ_EINVAL, "printer: none configured");
    if (s->nservices < 1) return mj_err(err, errlen, MJ_EINVAL, "printer: the slip has no service");
    job *j = calloc(1, sizeof *j);
    if (!j) return mj_err(err, errlen, MJ_ENOMEM, "printer: out of memory");
    int rc = render_for(q, t, s, &j->img, err, errlen);
    if (rc) { free(j); return rc; }
    j->count = 1;
    if (s->year < 1 || s->year > 9999 || s->month < 1 || s->month > 12 || s->mday < 1 || s->mday > 31) {
        job_free(j);
        return mj_err(err, errlen, MJ_EINVAL, "printer: the slip has no valid date");
    }
    char day[32];
    snprintf(day, sizeof day, "%04d-%02d-%02d", s->year, s->month, s->mday);
    memcpy(j->day, day, sizeof j->day - 1);
    for (int i = 0; i < s->nservices && i < SLIP_MAX_SERVICES; i++)
        snprintf(j->ids[j->nids++], sizeof j->ids[0], "%s", s->services[i].id);
    return enqueue(q, j, 1, err, errlen);
}

int printq_reprint_last(printq *q, char *err, size_t errlen)
{
    job *j = calloc(1, sizeof *j);
    if (!j) return mj_err(err, errlen, MJ_ENOMEM, "printer: out of memory");
    pthread_mutex_lock(&q->mu);
    int rc = q->last ? copy_bitmap(&j->img, &q->last->img, err, errlen)
                     : mj_err(err, errlen, MJ_ENOTFOUND, "printer: no slip printed yet");
    pthread_mutex_unlock(&q->mu);
    if (rc) { free(j); return rc; }
    return enqueue(q, j, 0, err, errlen);
}

int printq_test_print(printq *q, ink_ctx *t, char *err, size_t errlen)
{
    if (q->kind == DEV_NONE) return mj_err(err, errlen, MJ_EINVAL, "printer: none configured");
    slip s;
    slip_init(&s, "Majakka", "fi", NULL, 2000, 1, 1);
    catalog_service sv = { .name = "Testitulostus / Test print",
                           .summary = "Äiti ja lapsi · Мама и ребёнок · الأم والطفل", .url = "MAJAKKA-TEST-PRINT" };
    int rc = slip_add_service(&s, &sv, NULL, err, errlen);
    if (rc) return rc;
    job *j = calloc(1, sizeof *j);
    if (!j) return mj_err(err, errlen, MJ_ENOMEM, "printer: out of memory");
    rc = render_for(q, t, &s, &j->img, err, errlen);
    if (rc) { free(j); return rc; }
    /* width marks: the first and last dot columns of the paper */
    bitmap_fill(&j->img, 0, 0, 2, j->img.h, 1);
    bitmap_fill(&j->img, j->img.w - 2, 0, 2, j->img.h, 1);
    return enqueue(q, j, 0, err, errlen);
}

void printq_refresh(printq *q)
{
    pthread_mutex_lock(&q->mu);
    q->refresh = 1;
    pthread_cond_broadcast(&q->cv);
    pthread_mutex_unlock(&q->mu);
}

void printq_status_get(printq *q, printq_status *out)
{
    pthread_mutex_lock(&q->mu);
    *out = q->st;
    pthread_mutex_unlock(&q->mu);
}
