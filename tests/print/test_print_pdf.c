/* test_print_pdf.c - the office-printer and preview outputs: PDF on A6 and A4 (cairo), read
 * back with poppler's pdftoppm and every QR code decoded with zbarimg; PNG files. */
#include "test.h"
#include "fake.h"
#include "slips.h"
#include "zbar.h"
#include "pdf.h"
#include "printq.h"
#include "util.h"

static char err[MJ_ERRLEN];
static ink_ctx *tx;

static int idle(printq *q, printq_status *st)
{
    for (int i = 0; i < 300; i++) {
        printq_status_get(q, st);
        if (st->state == PRINTQ_IDLE && st->pending == 0) return 1;
        sleep_ms(50);
    }
    return 0;
}

static int print_one(const char *device, const slip *s, printq_status *st)
{
    printq_config c;
    memset(&c, 0, sizeof c);
    snprintf(c.device, sizeof c.device, "%s", device);
    c.dots = 576;
    c.retry_ms = 200;
    printq *q;
    if (printq_start(&c, &q, err, sizeof err)) return -1;
    int rc = printq_submit(q, tx, s, err, sizeof err);
    if (!rc && !idle(q, st)) rc = -1;
    printq_stop(q);
    return rc;
}

/* Output of a shell command (first 4 KiB). */
static void run(const char *cmd, char *out, size_t len)
{
    out[0] = 0;
    FILE *p = popen(cmd, "r");
    if (!p) return;
    size_t n = fread(out, 1, len - 1, p);
    out[n] = 0;
    pclose(p);
}

/* Decodes the QR codes of all pages of a PDF, sorted. */
static void pdf_codes(const char *dir, const char *pdf, char *got, size_t len, int *pages)
{
    char cmd[512], buf[4096];
    snprintf(cmd, sizeof cmd, "pdftoppm -r 150 -png '%s' '%s/page' && ls '%s' | grep -c '^page'", pdf, dir, dir);
    run(cmd, buf, sizeof buf);
    *pages = atoi(buf);
    snprintf(cmd, sizeof cmd, "zbarimg -q --raw '%s'/page*.png 2>/dev/null | sort", dir);
    run(cmd, got, len);
    size_t n = strlen(got);
    while (n && got[n - 1] == '\n') got[--n] = 0;
}

static void test_pdf_a6(void)
{
    char dir[] = "/tmp/majakka-pdf-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char device[256], pdf[128], got[4096], info[4096], cmd[256];
    snprintf(pdf, sizeof pdf, "%s/slip.pdf", dir);
    snprintf(device, sizeof device, "pdf:%s,a6", pdf);
    slip s;
    slip_finnish(&s);
    printq_status st;
    CHECK_INT(print_one(device, &s, &st), 0);
    CHECK_INT(st.printed, 1);
    snprintf(cmd, sizeof cmd, "pdfinfo '%s'", pdf);
    run(cmd, info, sizeof info);
    CHECK(strstr(info, "297.638 x 419.528 pts") != NULL);   /* A6 */
    int pages = 0;
    pdf_codes(dir, pdf, got, sizeof got, &pages);
    CHECK_INT(pages, 2);                  /* three services do not fit one A6 page */
    CHECK_STR(got, MECARD_VAUVA "\n" URL_NEUVOLA "\n" URL_PERHETYO);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    CHECK_INT(system(cmd), 0);
}

static void test_pdf_a4_folder(void)
{
    char dir[] = "/tmp/majakka-pdf-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char device[256], pdf[128], got[4096], info[4096], cmd[256];
    snprintf(device, sizeof device, "pdf:%s/", dir);
    snprintf(pdf, sizeof pdf, "%s/slip-1.pdf", dir);
    slip s;
    slip_arabic(&s);
    printq_status st;
    CHECK_INT(print_one(device, &s, &st), 0);
    snprintf(cmd, sizeof cmd, "pdfinfo '%s'", pdf);
    run(cmd, info, sizeof info);
    CHECK(strstr(info, "(A4)") != NULL);
    int pages = 0;
    pdf_codes(dir, pdf, got, sizeof got, &pages);
    CHECK_INT(pages, 1);
    CHECK_STR(got, URL_NEUVOLA "\n" URL_PERHETYO);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    CHECK_INT(system(cmd), 0);
}

static void test_png(void)
{
    char dir[] = "/tmp/majakka-png-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char device[256], png[128], got[4096], cmd[256];
    snprintf(device, sizeof device, "png:%s/", dir);
    slip s;
    slip_finnish(&s);
    printq_status st;
    CHECK_INT(print_one(device, &s, &st), 0);
    snprintf(png, sizeof png, "%s/slip-1.png", dir);
    zbar_decode(png, got, sizeof got);
    CHECK_STR(got, MECARD_VAUVA "\n" URL_NEUVOLA "\n" URL_PERHETYO);
    bitmap b;
    CHECK_INT(bitmap_read_png(&b, png, err, sizeof err), 0);
    CHECK_INT(b.w, 576);
    bitmap_free(&b);
    /* an unwritable path is an error that leaves the job waiting, never a crash */
    printq_config c;
    memset(&c, 0, sizeof c);
    snprintf(c.device, sizeof c.device, "png:/nonexistent-dir/x.png");
    c.dots = 384;
    c.retry_ms = 100;
    printq *q;
    CHECK_INT(printq_start(&c, &q, err, sizeof err), 0);
    CHECK_INT(printq_submit(q, tx, &s, err, sizeof err), 0);
    int waited = 0;
    for (int i = 0; i < 200 && !waited; i++) {
        printq_status_get(q, &st);
        waited = st.state == PRINTQ_WAITING;
        if (!waited) sleep_ms(20);
    }
    CHECK(waited);
    CHECK_INT(st.last_rc, MJ_EIO);
    CHECK_INT(st.pending, 1);
    printq_stop(q);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    CHECK_INT(system(cmd), 0);
}

static void test_content_width(void)
{
    CHECK_INT(pdf_content_width(PDF_A4), 2126);   /* 180 mm at 300 dpi */
    CHECK_INT(pdf_content_width(PDF_A6), 1098);   /* 93 mm */
}

int main(void)
{
    if (ink_open(NULL, &tx, err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    RUN(test_content_width);
    RUN(test_pdf_a6);
    RUN(test_pdf_a4_folder);
    RUN(test_png);
    ink_close(tx);
    return TEST_DONE();
}
