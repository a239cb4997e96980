/* test_print_escpos.c - ESC/POS encoding, status parsing, and jobs against the fake printer. */
#include "test.h"
#include "fake.h"
#include "bitmap.h"
#include "escpos.h"
#include "escpos_io.h"
#include "util.h"

static char err[MJ_ERRLEN];

static void test_encode(void)
{
    bitmap b;
    CHECK_INT(bitmap_init(&b, 384, 500, err, sizeof err), 0);
    bitmap_set(&b, 0, 0, 1);
    bitmap_set(&b, 383, 499, 1);
    escpos_buf job = { 0 };
    CHECK_INT(escpos_encode_job(&b, &job, err, sizeof err), 0);
    /* init + 3 bands (240, 240, 20 rows) + feed + cut */
    CHECK_INT(job.len, 2 + 3 * 8 + 500 * 48 + 3 + 3);
    CHECK_INT(job.data[0], 0x1b);
    CHECK_INT(job.data[1], 0x40);
    const unsigned char *h = job.data + 2;
    CHECK_INT(h[0], 0x1d); CHECK_INT(h[1], 0x76); CHECK_INT(h[2], 0x30); CHECK_INT(h[3], 0);
    CHECK_INT(h[4], 48); CHECK_INT(h[5], 0); CHECK_INT(h[6], 240); CHECK_INT(h[7], 0);
    CHECK_INT(h[8], 0x80);                      /* the top-left dot */
    const unsigned char *h3 = job.data + 2 + 2 * (8 + 240 * 48);
    CHECK_INT(h3[6], 20);
    CHECK_INT(h3[8 + 20 * 48 - 1], 0x01);       /* the bottom-right dot */
    const unsigned char *t = job.data + job.len - 6;
    CHECK_INT(t[0], 0x1b); CHECK_INT(t[1], 0x64); CHECK_INT(t[3], 0x1d); CHECK_INT(t[4], 0x56);
    escpos_buf_free(&job);
    bitmap_free(&b);
}

static void test_status(void)
{
    escpos_status st = { 0 };
    CHECK_INT(escpos_status_parse(1, 0x12, &st), 0);
    CHECK_INT(escpos_status_parse(2, 0x12, &st), 0);
    CHECK_INT(escpos_status_parse(4, 0x12, &st), 0);
    CHECK_INT(escpos_status_ready(&st), 1);
    CHECK_STR(escpos_status_text(&st), "Printer ready");
    CHECK_INT(escpos_status_parse(4, 0x1e, &st), 0);          /* near end */
    CHECK_INT(st.near_end, 1);
    CHECK_INT(escpos_status_ready(&st), 1);
    CHECK_INT(escpos_status_parse(4, 0x7e, &st), 0);          /* near end and paper end */
    CHECK_INT(st.paper_end, 1);
    CHECK_INT(escpos_status_ready(&st), 0);
    CHECK_STR(escpos_status_text(&st), "Paper has run out");
    escpos_status s2 = { 0 };
    CHECK_INT(escpos_status_parse(1, 0x1a, &s2), 0);
    CHECK_INT(s2.offline, 1);
    CHECK_INT(escpos_status_parse(2, 0x16, &s2), 0);
    CHECK_INT(s2.cover_open, 1);
    CHECK_STR(escpos_status_text(&s2), "Printer cover is open");
    CHECK_INT(escpos_status_parse(1, 0x00, &s2), MJ_EINVAL);  /* fixed bits missing */
    CHECK_INT(escpos_status_parse(1, 0x93, &s2), MJ_EINVAL);
    CHECK_INT(escpos_status_parse(5, 0x12, &s2), MJ_EINVAL);
}

static void test_png_roundtrip(void)
{
    bitmap a, b;
    CHECK_INT(bitmap_init(&a, 21, 7, err, sizeof err), 0);
    bitmap_fill(&a, 3, 2, 5, 3, 1);
    bitmap_set(&a, 20, 6, 1);
    const char *path = "/tmp/majakka-test-bitmap.png";
    CHECK_INT(bitmap_write_png(&a, path, err, sizeof err), 0);
    CHECK_INT(bitmap_read_png(&b, path, err, sizeof err), 0);
    CHECK_INT(b.w, 21);
    CHECK_INT(b.h, 7);
    int same = 1;
    for (int y = 0; y < 7; y++)
        for (int x = 0; x < 21; x++) same &= bitmap_get(&a, x, y) == bitmap_get(&b, x, y);
    CHECK(same);
    unlink(path);
    bitmap_free(&a);
    bitmap_free(&b);
}

static void test_fake_printer(void)
{
    fake f;
    CHECK_INT(fake_start(&f, "ok"), 0);
    bitmap b;
    CHECK_INT(bitmap_init(&b, 576, 600, err, sizeof err), 0);
    bitmap_fill(&b, 10, 10, 100, 50, 1);
    bitmap_fill(&b, 500, 550, 76, 50, 1);
    escpos_status st;
    CHECK_INT(escpos_query(f.device, 2000, &st, err, sizeof err), 0);
    CHECK_INT(escpos_status_ready(&st), 1);
    CHECK_INT(escpos_print(f.device, &b, 5000, 0, &st, err, sizeof err), 0);
    for (int i = 0; i < 100 && fake_jobs(&f) < 1; i++) sleep_ms(50);
    CHECK_INT(fake_jobs(&f), 1);
    char png[128];
    fake_job_png(&f, 1, png, sizeof png);
    bitmap r;
    CHECK_INT(bitmap_read_png(&r, png, err, sizeof err), 0);
    CHECK_INT(r.w, 576);
    CHECK_INT(r.h, 600);
    CHECK(r.bits && memcmp(r.bits, b.bits, (size_t)b.stride * 600) == 0);
    bitmap_free(&r);

    /* paper end: status says so, nothing is sent */
    fake_mode(&f, "paper-end");
    CHECK_INT(escpos_query(f.device, 2000, &st, err, sizeof err), 0);
    CHECK_INT(st.paper_end, 1);
    CHECK_INT(escpos_print(f.device, &b, 5000, 0, &st, err, sizeof err), MJ_EBUSY);
    CHECK_STR(err, "Paper has run out");
    /* cover open */
    fake_mode(&f, "cover-open");
    CHECK_INT(escpos_print(f.device, &b, 5000, 0, &st, err, sizeof err), MJ_EBUSY);
    CHECK_INT(st.cover_open, 1);
    /* a dropped connection is an I/O error, and no job appears */
    fake_mode(&f, "drop");
    CHECK_INT(escpos_print(f.device, &b, 5000, 0, &st, err, sizeof err), MJ_EIO);
    sleep_ms(300);
    CHECK_INT(fake_jobs(&f), 1);
    fake_stop(&f);
    /* nobody listening: a clear error, quickly */
    CHECK_INT(escpos_print(f.device, &b, 2000, 0, &st, err, sizeof err), MJ_EIO);
    CHECK_INT(escpos_print("tcp:nohost", &b, 2000, 0, &st, err, sizeof err), MJ_EINVAL);
    CHECK_INT(escpos_print("lp0", &b, 2000, 0, &st, err, sizeof err), MJ_EINVAL);
    /* a regular file takes the raw bytes (no status channel) */
    const char *path = "/tmp/majakka-test-escpos.bin";
    char dev[64];
    snprintf(dev, sizeof dev, "file:%s", path);
    FILE *fp = fopen(path, "w");
    if (fp) { fputs("x", fp); fclose(fp); }
    CHECK_INT(escpos_print(dev, &b, 2000, 0, &st, err, sizeof err), 0);
    char *data = NULL;
    size_t len = 0;
    CHECK_INT(mj_read_file(path, 1 << 20, &data, &len, err, sizeof err), 0);
    CHECK_INT(len, 1 + 2 + 3 * 8 + 600 * 72 + 6);    /* appended after what was there */
    CHECK(data && data[0] == 'x' && data[1] == 0x1b);
    free(data);
    unlink(path);
    bitmap_free(&b);
}

int main(void)
{
    RUN(test_encode);
    RUN(test_status);
    RUN(test_png_roundtrip);
    RUN(test_fake_printer);
    return TEST_DONE();
}
