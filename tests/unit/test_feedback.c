/* test_feedback.c - the outbox: what is stored for each answer, rounding, the suspect and burst
 * rules, question versions, masking of comments, staff counts, and a full disk. */
#include "test.h"
#include "feedback.h"
#include "import.h"
#include "tz.h"
#include "util.h"
#include <stdlib.h>

static char dir[] = "/tmp/majakka-feedback-XXXXXX";
static store *st;
static config cfg;

static time_t at(int y, int mo, int d, int h, int mi, int s)
{
    tz_local lt = { .year = y, .month = mo, .mday = d, .hour = h, .minute = mi, .second = s };
    time_t t;
    tz_from_local(&lt, NULL, &t);
    return t;
}

static const char *row(const char *key, const char *cols)
{
    static char buf[512];
    char sql[256];
    sqlite3_stmt *s;
    snprintf(sql, sizeof sql, "SELECT %s FROM feedback WHERE key = ?1", cols);
    snprintf(buf, sizeof buf, "(no row)");
    if (sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL) == SQLITE_OK) {
        sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
        if (sqlite3_step(s) == SQLITE_ROW) snprintf(buf, sizeof buf, "%s", (const char *)sqlite3_column_text(s, 0));
        sqlite3_finalize(s);
    }
    return buf;
}

static int count(const char *where)
{
    char sql[256];
    sqlite3_stmt *s;
    int n = -1;
    snprintf(sql, sizeof sql, "SELECT count(*) FROM feedback WHERE %s", where);
    if (sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL) == SQLITE_OK) {
        if (sqlite3_step(s) == SQLITE_ROW) n = sqlite3_column_int(s, 0);
        sqlite3_finalize(s);
    }
    return n;
}

static void test_rounding(void)
{
    char out[17];
    feedback_round_time(at(2026, 11, 23, 10, 59, 59), 60, out);
    CHECK_STR(out, "2026-11-23T10:00");
    feedback_round_time(at(2026, 11, 23, 10, 44, 0), 15, out);
    CHECK_STR(out, "2026-11-23T10:30");
    feedback_round_time(at(2026, 11, 23, 23, 59, 0), 1440, out);
    CHECK_STR(out, "2026-11-23T00:00");
    /* Local time, also across the October change: 03:30 happens twice, both are the 03 hour. */
    feedback_round_time(at(2027, 10, 31, 3, 30, 0), 60, out);
    CHECK_STR(out, "2027-10-31T03:00");
    feedback_round_time(at(2027, 10, 31, 3, 30, 0) + 3600, 60, out);
    CHECK_STR(out, "2027-10-31T03:00");
    feedback_round_time(at(2027, 3, 28, 4, 10, 0), 60, out);
    CHECK_STR(out, "2027-03-28T04:00");
}

static void test_face_and_visit(void)
{
    feedback_ctx fb;
    char err[MJ_ERRLEN], k1[33], k2[33], k3[33];
    CHECK_INT(feedback_init(&fb, st, &cfg, err, sizeof err), 0);
    time_t t = at(2026, 11, 23, 10, 17, 5);
    CHECK_INT(feedback_give_face(&fb, "home", "fi", 4, t, k1, err, sizeof err), 0);
    CHECK_INT(strlen(k1), 32);
    CHECK_STR(row(k1, "created || '|' || context || '|' || language || '|' || kind || '|' || face || '|' || suspect"),
              "2026-11-23T10:00|home|fi|face|4|0");
    CHECK_INT(feedback_give_face(&fb, "service:neuvola", "ar", 2, t + 30, k2, err, sizeof err), 0);
    CHECK(strcmp(k1, k2) != 0);
    /* One visit shares a random id; after idle reset the next answer has a new one. */
    char v1[64];
    snprintf(v1, sizeof v1, "%s", row(k1, "visit_id"));
    CHECK_INT(strlen(v1), 32);
    CHECK_STR(row(k2, "visit_id"), v1);
    feedback_visit_end(&fb);
    CHECK_INT(feedback_give_face(&fb, "home", "fi", 3, t + 60, k3, err, sizeof err), 0);
    CHECK(strcmp(row(k3, "visit_id"), v1) != 0);
    /* Bad input changes nothing. */
    int before = count("1");
    CHECK_INT(feedback_give_face(&fb, "home", "fi", 5, t + 90, NULL, err, sizeof err), MJ_EINVAL);
    CHECK_STR(err, "feedback: face 5 is not 1-4");
    CHECK_INT(feedback_give_face(&fb, "home'); DROP TABLE feedback; --", "fi", 1, t + 90, NULL, err, sizeof err), MJ_EINVAL);
    CHECK_INT(feedback_give_face(&fb, "service:Bad Id", "fi", 1, t + 90, NULL, err, sizeof err), MJ_EINVAL);
    CHECK_INT(feedback_give_face(&fb, "home", "FI", 1, t + 90, NULL, err, sizeof err), MJ_EINVAL);
    CHECK_INT(count("1"), before);
}

static void test_suspect_and_burst(void)
{
    feedback_ctx fb;
    char err[MJ_ERRLEN], k[33];
    config c = cfg;
    c.feedback_suspect_s = 3;
    c.feedback_burst_per_min = 5;
    feedback_init(&fb, st, &c, err, sizeof err);
    time_t t = at(2026, 11, 24, 12, 0, 0);
    CHECK_INT(feedback_give_face(&fb, "home", "fi", 1, t, k, err, sizeof err), 0);
    CHECK_STR(row(k, "suspect"), "0");
    CHECK_INT(feedback_give_face(&fb, "home", "fi", 1, t + 2, k, err, sizeof err), 0);
    CHECK_STR(row(k, "suspect"), "1");          /* 2 s after the previous press */
    CHECK_INT(feedback_give_face(&fb, "home", "fi", 1, t + 5, k, err, sizeof err), 0);
    CHECK_STR(row(k, "suspect"), "0");          /* 3 s: not within 3 s */
    CHECK_INT(feedback_give_face(&fb, "home", "fi", 1, t + 6, k, err, sizeof err), 0);
    CHECK_INT(feedback_give_face(&fb, "home", "fi", 1, t + 7, k, err, sizeof err), 0);
    int before = count("1");
    /* Five in the minute: the sixth is not stored, until the first is a minute old. */
    CHECK_INT(feedback_give_face(&fb, "home", "fi", 1, t + 8, k, err, sizeof err), FEEDBACK_CAPPED);
    CHECK_INT(feedback_give_face(&fb, "home", "fi", 1, t + 59, k, err, sizeof err), FEEDBACK_CAPPED);
    CHECK_INT(count("1"), before);
    CHECK_INT(feedback_give_face(&fb, "home", "fi", 1, t + 60, k, err, sizeof err), 0);
    CHECK_INT(count("1"), before + 1);
}

static void test_choice(void)
{
    feedback_ctx fb;
    char err[MJ_ERRLEN], k[33];
    feedback_init(&fb, st, &cfg, err, sizeof err);
    time_t t = at(2026, 11, 25, 9, 0, 0);
    const char *yes[] = { "yes" }, *two[] = { "sleep", "play" }, *bad[] = { "maybe" }, *dup[] = { "food", "food" };
    CHECK_INT(feedback_give_choice(&fb, "home", "fi", "found", 2, yes, 1, t, k, err, sizeof err), 0);
    CHECK_STR(row(k, "question_id || ' v' || question_version || ' ' || options"), "found v2 [\"yes\"]");
    CHECK_INT(feedback_give_choice(&fb, "home", "fi", "topics", 1, two, 2, t + 10, k, err, sizeof err), 0);
    CHECK_STR(row(k, "options"), "[\"sleep\",\"play\"]");
    CHECK_INT(feedback_give_choice(&fb, "home", "fi", "found", 1, yes, 1, t + 20, k, err, sizeof err), MJ_EINVAL);
    CHECK_STR(err, "feedback: no question found version 1");
    CHECK_INT(feedback_give_choice(&fb, "home", "fi", "found", 2, bad, 1, t + 20, k, err, sizeof err), MJ_EINVAL);
    CHECK_STR(err, "feedback: \"maybe\" is not an option of found");
    CHECK_INT(feedback_give_choice(&fb, "home", "fi", "found", 2, two, 2, t + 20, k, err, sizeof err), MJ_EINVAL);
    CHECK_STR(err, "feedback: question found takes one answer");
    CHECK_INT(feedback_give_choice(&fb, "home", "fi", "topics", 1, dup, 2, t + 20, k, err, sizeof err), MJ_EINVAL);
}

static void test_comment(void)
{
    feedback_ctx fb;
    char err[MJ_ERRLEN], k[33];
    int masked = -1;
    config c = cfg;
    c.comment_max_chars = 40;
    feedback_init(&fb, st, &c, err, sizeof err);
    time_t t = at(2026, 11, 25, 14, 0, 0);
    CHECK_INT(feedback_give_comment(&fb, "home", "fi", "Kiitos! Soita 040 123 4567", t, k, &masked, err, sizeof err), 0);
    CHECK_STR(row(k, "comment"), "Kiitos! Soita ***");
    CHECK_INT(masked, 1);
    CHECK_INT(feedback_give_comment(&fb, "home", "sv", "Bra\tställe\n", t + 10, k, &masked, err, sizeof err), 0);
    CHECK_STR(row(k, "comment"), "Bra ställe\n");
    CHECK_INT(masked, 0);
    CHECK_INT(feedback_give_comment(&fb, "home", "fi", "ääääääääääääääääääääääääääääääääääääääääääää", t + 20, k, NULL,
                                    err, sizeof err), 0);
    CHECK_INT(mj_utf8_len(row(k, "comment")), 40);
    CHECK_INT(feedback_give_comment(&fb, "home", "fi", " \n ", t + 30, k, NULL, err, sizeof err), MJ_EINVAL);
    CHECK_INT(feedback_give_comment(&fb, "home", "fi", "\xff", t + 30, k, NULL, err, sizeof err), MJ_EINVAL);
}

static void counted(const char *q, int v, const char *o, int n, void *ctx)
{
    char *buf = ctx;
    size_t len = strlen(buf);
    snprintf(buf + len, 512 - len, "%s/%d/%s=%d ", q, v, o, n);
}

static void test_counts(void)
{
    feedback_counts c;
    char err[MJ_ERRLEN], opts[512] = "";
    CHECK_INT(feedback_counts_between(st, "2026-11-24", "2026-11-24", &c, err, sizeof err), 0);
    /* 24.11.: six stored face-1 answers; those at +2, +6 and +7 s came too soon (suspect). */
    CHECK_INT(c.faces[0], 3);
    CHECK_INT(c.suspect, 3);
    CHECK_INT(feedback_counts_between(st, "2026-11-23", "2026-11-25", &c, err, sizeof err), 0);
    CHECK_INT(c.faces[3], 1);
    CHECK_INT(c.faces[2], 1);
    CHECK_INT(c.faces[1], 1);
    CHECK_INT(c.comments, 3);
    CHECK_INT(c.outbox, count("sent_at IS NULL"));
    CHECK_STR(c.oldest_unsent, "2026-11-23T10:00");
    CHECK_STR(c.last_upload, "");
    CHECK_INT(feedback_option_counts(st, "2026-11-25", "2026-11-25", counted, opts, err, sizeof err), 0);
    CHECK_STR(opts, "found/2/yes=1 topics/1/play=1 topics/1/sleep=1 ");
}

/* A full disk refuses the answer, says so, and keeps everything stored before. */
static void test_disk_full(void)
{
    feedback_ctx fb;
    char err[MJ_ERRLEN];
    feedback_init(&fb, st, &cfg, err, sizeof err);
    int before = count("1");
    sqlite3_stmt *s;
    sqlite3_prepare_v2(store_db(st), "PRAGMA page_count", -1, &s, NULL);
    sqlite3_step(s);
    int pages = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA max_page_count = %d", pages);
    CHECK_INT(store_exec(st, sql, err, sizeof err), 0);
    char big[2100];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = 0;
    config c = cfg;
    c.comment_max_chars = 2000;
    feedback_init(&fb, st, &c, err, sizeof err);
    int rc = 0;
    time_t t = at(2026, 11, 26, 9, 0, 0);
    for (int i = 0; i < 50 && rc == 0; i++)
        rc = feedback_give_comment(&fb, "home", "fi", big, t + i * 100, NULL, NULL, err, sizeof err);
    CHECK_INT(rc, MJ_EFULL);
    CHECK_INT(fb.disk_full, 1);
    CHECK_STR(err, "feedback: the disk is full; the answer was not stored");
    CHECK(count("1") >= before);
    snprintf(sql, sizeof sql, "PRAGMA max_page_count = 1073741823");
    CHECK_INT(store_exec(st, sql, err, sizeof err), 0);
    CHECK_INT(feedback_give_face(&fb, "home", "fi", 4, t + 9000, NULL, err, sizeof err), 0);
    CHECK_INT(fb.disk_full, 0);
    sqlite3_prepare_v2(store_db(st), "PRAGMA integrity_check", -1, &s, NULL);
    sqlite3_step(s);
    CHECK_STR((const char *)sqlite3_column_text(s, 0), "ok");
    sqlite3_finalize(s);
}

int main(void)
{
    char path[256], err[MJ_ERRLEN];
    import_summary sum;
    if (!mkdtemp(dir)) return 1;
    snprintf(path, sizeof path, "%s/store.db", dir);
    if (store_open(path, &st, err, sizeof err) ||
        import_file(st, MAJAKKA_TEST_DATA "/bundles/mini.json", &sum, err, sizeof err)) {
        fprintf(stderr, "setup: %s\n", err);
        return 1;
    }
    config_defaults(&cfg);
    RUN(test_rounding);
    RUN(test_face_and_visit);
    RUN(test_suspect_and_burst);
    RUN(test_choice);
    RUN(test_comment);
    RUN(test_counts);
    RUN(test_disk_full);
    store_close(st);
    snprintf(path, sizeof path, "rm -rf %s", dir);
    if (system(path)) return 1;
    return TEST_DONE();
}
