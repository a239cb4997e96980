/* test_print_queue.c - the print queue against the fake printer: paper end, a dropped
 * connection, an absent printer coming back; every slip printed exactly once, counted per
 * service and day only after it printed, reprints not counted. All waits are bounded. */
#include "test.h"
#include "fake.h"
#include "slips.h"
#include "zbar.h"
#include "config.h"
#include "printq.h"
#include "slip_count.h"
#include "store.h"
#include "util.h"
#include <pthread.h>

static char err[MJ_ERRLEN];
static ink_ctx *tx;
static pthread_mutex_t notes_mu = PTHREAD_MUTEX_INITIALIZER;
static int notes;

static void on_change(const printq_status *st, void *user)
{
    (void)st;
    (void)user;
    pthread_mutex_lock(&notes_mu);
    notes++;
    pthread_mutex_unlock(&notes_mu);
}

static void config_for(printq_config *c, const char *device, const char *store_path)
{
    memset(c, 0, sizeof *c);
    snprintf(c->device, sizeof c->device, "%s", device);
    c->dots = 576;
    snprintf(c->store_path, sizeof c->store_path, "%s", store_path ? store_path : "");
    c->timeout_ms = 2000;
    c->retry_ms = 150;
    c->settle_ms = 0;
    c->notify = on_change;
}

typedef int (*cond_fn)(const printq_status *st);
static int waiting_paper(const printq_status *st) { return st->state == PRINTQ_WAITING && st->printer.paper_end; }
static int waiting_io(const printq_status *st) { return st->state == PRINTQ_WAITING && st->last_rc == MJ_EIO; }
static int all_done(const printq_status *st) { return st->state == PRINTQ_IDLE && st->pending == 0; }

/* Polls until cond holds, at most 15 s. */
static int wait_for(printq *q, cond_fn cond, printq_status *st)
{
    for (int i = 0; i < 300; i++) {
        printq_status_get(q, st);
        if (cond(st)) return 1;
        sleep_ms(50);
    }
    return 0;
}

static void temp_store(char *path, size_t len)
{
    snprintf(path, len, "/tmp/majakka-q-XXXXXX");
    int fd = mkstemp(path);
    if (fd >= 0) close(fd);
    unlink(path);
}

static long counted(const char *store_path, const char *id)
{
    store *s;
    long n = -1;
    if (store_open(store_path, &s, err, sizeof err)) return -1;
    if (slip_count_get(s, "2026-11-23", id, &n, err, sizeof err)) n = -1;
    store_close(s);
    return n;
}

static void rm_store(const char *path)
{
    char p[300];
    unlink(path);
    snprintf(p, sizeof p, "%s-wal", path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", path);
    unlink(p);
}

static void test_paper_end(void)
{
    fake f;
    CHECK_INT(fake_start(&f, "paper-end"), 0);
    char db[64];
    temp_store(db, sizeof db);
    printq_config c;
    config_for(&c, f.device, db);
    printq *q;
    CHECK_INT(printq_start(&c, &q, err, sizeof err), 0);
    slip s;
    slip_finnish(&s);
    CHECK_INT(printq_submit(q, tx, &s, err, sizeof err), 0);
    printq_status st;
    CHECK(wait_for(q, waiting_paper, &st));
    CHECK_INT(st.pending, 1);
    CHECK_INT(st.printed, 0);
    CHECK_INT(st.last_rc, MJ_EBUSY);
    CHECK_STR(st.message, "Paper has run out");
    sleep_ms(500);                        /* several retries, none printed */
    CHECK_INT(fake_jobs(&f), 0);
    CHECK_INT(counted(db, "neuvola"), 0);

    fake_mode(&f, "ok");                  /* staff changed the roll */
    CHECK(wait_for(q, all_done, &st));
    CHECK_INT(st.printed, 1);
    CHECK_INT(st.last_rc, 0);
    CHECK_INT(st.printer.paper_end, 0);
    sleep_ms(500);
    CHECK_INT(fake_jobs(&f), 1);          /* exactly once */
    char png[128], got[2048];
    fake_job_png(&f, 1, png, sizeof png);
    zbar_decode(png, got, sizeof got);
    CHECK_STR(got, MECARD_VAUVA "\n" URL_NEUVOLA "\n" URL_PERHETYO);
    printq_stop(q);
    CHECK_INT(counted(db, "neuvola"), 1);
    CHECK_INT(counted(db, "perhetyo"), 1);
    CHECK_INT(counted(db, "vauvatreffit"), 1);
    pthread_mutex_lock(&notes_mu);
    CHECK(notes >= 3);
    pthread_mutex_unlock(&notes_mu);
    fake_stop(&f);
    rm_store(db);
}

static void test_drop_and_reconnect(void)
{
    fake f;
    CHECK_INT(fake_start(&f, "drop"), 0);
    printq_config c;
    config_for(&c, f.device, NULL);
    printq *q;
    CHECK_INT(printq_start(&c, &q, err, sizeof err), 0);
    slip s;
    slip_arabic(&s);
    CHECK_INT(printq_submit(q, tx, &s, err, sizeof err), 0);
    printq_status st;
    CHECK(wait_for(q, waiting_io, &st));
    CHECK_INT(st.pending, 1);
    sleep_ms(400);
    CHECK_INT(fake_jobs(&f), 0);
    fake_mode(&f, "ok");
    CHECK(wait_for(q, all_done, &st));
    CHECK_INT(st.printed, 1);
    sleep_ms(400);
    CHECK_INT(fake_jobs(&f), 1);
    char png[128], got[2048];
    fake_job_png(&f, 1, png, sizeof png);
    zbar_decode(png, got, sizeof got);
    CHECK_STR(got, URL_NEUVOLA "\n" URL_PERHETYO);
    printq_stop(q);
    fake_stop(&f);
}

static void test_absent_then_back(void)
{
    fake f;
    CHECK_INT(fake_start(&f, "ok"), 0);
    int port = f.port;
    char device[64];
    snprintf(device, sizeof device, "%s", f.device);
    fake_stop(&f);                        /* the printer is switched off */
    char db[64];
    temp_store(db, sizeof db);
    printq_config c;
    config_for(&c, device, db);
    printq *q;
    CHECK_INT(printq_start(&c, &q, err, sizeof err), 0);
    slip s1, s2;
    slip_finnish(&s1);
    slip_arabic(&s2);
    CHECK_INT(printq_submit(q, tx, &s1, err, sizeof err), 0);
    CHECK_INT(printq_submit(q, tx, &s2, err, sizeof err), 0);
    CHECK_INT(printq_reprint_last(q, err, sizeof err), 0);
    printq_status st;
    CHECK(wait_for(q, waiting_io, &st));
    CHECK_INT(st.pending, 3);
    CHECK_INT(st.has_printer, 0);
    CHECK_INT(counted(db, "neuvola"), 0);
    CHECK_INT(fake_start_port(&f, "ok", port), 0);   /* switched on again */
    CHECK(wait_for(q, all_done, &st));
    CHECK_INT(st.printed, 3);
    sleep_ms(400);
    CHECK_INT(fake_jobs(&f), 3);
    char png[128], got[2048];
    fake_job_png(&f, 1, png, sizeof png);            /* in the order submitted */
    zbar_decode(png, got, sizeof got);
    CHECK_STR(got, MECARD_VAUVA "\n" URL_NEUVOLA "\n" URL_PERHETYO);
    fake_job_png(&f, 3, png, sizeof png);
    zbar_decode(png, got, sizeof got);
    CHECK_STR(got, URL_NEUVOLA "\n" URL_PERHETYO);
    printq_stop(q);
    CHECK_INT(counted(db, "neuvola"), 2);            /* the Finnish and the Arabic slip; not the reprint */
    CHECK_INT(counted(db, "perhetyo"), 2);
    CHECK_INT(counted(db, "vauvatreffit"), 1);
    fake_stop(&f);
    rm_store(db);
}

static void test_status_and_test_print(void)
{
    fake f;
    CHECK_INT(fake_start(&f, "near-end"), 0);
    printq_config c;
    config_for(&c, f.device, NULL);
    c.dots = 384;
    printq *q;
    CHECK_INT(printq_start(&c, &q, err, sizeof err), 0);
    printq_refresh(q);
    printq_status st;
    int ok = 0;
    for (int i = 0; i < 200 && !ok; i++) {
        printq_status_get(q, &st);
        ok = st.has_printer;
        if (!ok) sleep_ms(50);
    }
    CHECK(ok);
    CHECK_INT(st.printer.near_end, 1);
    CHECK_STR(st.message, "Printer ready; paper is running low");
    CHECK_INT(printq_reprint_last(q, err, sizeof err), MJ_ENOTFOUND);
    CHECK_INT(printq_test_print(q, tx, err, sizeof err), 0);
    CHECK(wait_for(q, all_done, &st));
    sleep_ms(200);
    CHECK_INT(fake_jobs(&f), 1);
    char png[128], got[256];
    fake_job_png(&f, 1, png, sizeof png);
    zbar_decode(png, got, sizeof got);
    CHECK_STR(got, "MAJAKKA-TEST-PRINT");
    bitmap b;
    CHECK_INT(bitmap_read_png(&b, png, err, sizeof err), 0);
    CHECK_INT(b.w, 384);
    CHECK_INT(bitmap_get(&b, 0, 10), 1);            /* the width marks */
    CHECK_INT(bitmap_get(&b, 383, 10), 1);
    bitmap_free(&b);
    printq_stop(q);
    fake_stop(&f);
}

static void test_config_errors(void)
{
    printq_config c;
    printq *q;
    config kc;
    config_defaults(&kc);
    printq_config_from(&kc, "/tmp/x.db", &c);
    CHECK_STR(c.device, "none");
    CHECK_INT(c.dots, 576);
    CHECK_STR(c.store_path, "/tmp/x.db");
    CHECK_INT(c.settle_ms, -1);
    CHECK_INT(config_set(&kc, "printer", "device", "tcp:127.0.0.1:9100", err, sizeof err), 0);
    CHECK_INT(config_set(&kc, "printer", "dots", "384", err, sizeof err), 0);
    printq_config_from(&kc, NULL, &c);
    CHECK_STR(c.device, "tcp:127.0.0.1:9100");
    CHECK_INT(c.dots, 384);
    CHECK_STR(c.store_path, "");
    config_for(&c, "none", NULL);
    CHECK_INT(printq_start(&c, &q, err, sizeof err), 0);
    slip s;
    slip_finnish(&s);
    CHECK_INT(printq_submit(q, tx, &s, err, sizeof err), MJ_EINVAL);
    printq_stop(q);
    config_for(&c, "png:/tmp/", NULL);
    CHECK_INT(printq_start(&c, &q, err, sizeof err), 0);
    slip empty;
    slip_init(&empty, "Majakka", "fi", NULL, 2026, 11, 23);
    CHECK_INT(printq_submit(q, tx, &empty, err, sizeof err), MJ_EINVAL);
    empty.nservices = 1;
    empty.month = 13;
    CHECK_INT(printq_submit(q, tx, &empty, err, sizeof err), MJ_EINVAL);
    printq_stop(q);
    config_for(&c, "lpt1", NULL);
    CHECK_INT(printq_start(&c, &q, err, sizeof err), MJ_EINVAL);
    config_for(&c, "pdf:", NULL);
    CHECK_INT(printq_start(&c, &q, err, sizeof err), MJ_EINVAL);
    config_for(&c, "tcp:127.0.0.1:9", NULL);
    c.dots = 500;
    CHECK_INT(printq_start(&c, &q, err, sizeof err), MJ_EINVAL);
    /* a full queue says so and keeps what it has */
    config_for(&c, "tcp:127.0.0.1:1", NULL);
    c.retry_ms = 10000;
    CHECK_INT(printq_start(&c, &q, err, sizeof err), 0);
    for (int i = 0; i < PRINTQ_MAX_JOBS; i++) CHECK_INT(printq_submit(q, tx, &s, err, sizeof err), 0);
    CHECK_INT(printq_submit(q, tx, &s, err, sizeof err), MJ_EFULL);
    printq_status st;
    printq_status_get(q, &st);
    CHECK_INT(st.pending, PRINTQ_MAX_JOBS);
    printq_stop(q);                       /* stops promptly while waiting to retry */
}

int main(void)
{
    if (ink_open(NULL, &tx, err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    RUN(test_paper_end);
    RUN(test_drop_and_reconnect);
    RUN(test_absent_then_back);
    RUN(test_status_and_test_print);
    RUN(test_config_errors);
    ink_close(tx);
    return TEST_DONE();
}
