/* driver.c - the durability test's stand-in for the kiosk: gives scripted answers through
 * feedback_give_* and prints "thanks <key>" (flushed) after each commit returned, exactly when the
 * kiosk would show its thank-you screen. Killed at any moment and restarted, it carries on until
 * the outbox holds N answers.
 *   driver DB N                 give answers until the outbox has N rows
 *   driver --check DB KEYS N    every "thanks <key>" line of KEYS is in the outbox exactly once,
 *                               the outbox has N rows and PRAGMA integrity_check is ok */
#include "config.h"
#include "feedback.h"
#include "store.h"
#include "util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static long count_rows(store *st)
{
    sqlite3_stmt *q;
    long n = -1;
    if (sqlite3_prepare_v2(store_db(st), "SELECT count(*) FROM feedback", -1, &q, NULL) == SQLITE_OK &&
        sqlite3_step(q) == SQLITE_ROW)
        n = (long)sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    return n;
}

static int give(const char *db, long n)
{
    char err[MJ_ERRLEN], key[33];
    store *st;
    if (store_open(db, &st, err, sizeof err)) { fprintf(stderr, "driver: %s\n", err); return 1; }
    if (store_exec(st, "INSERT OR IGNORE INTO questions VALUES ('helped', 1, 'multiple', '{\"fi\":\"Auttoiko?\"}',"
                       " '[{\"id\":\"yes\"},{\"id\":\"info\"},{\"id\":\"no\"}]', 1, 0)", err, sizeof err)) {
        fprintf(stderr, "driver: %s\n", err);
        store_close(st);
        return 1;
    }
    config cfg;
    config_defaults(&cfg);
    cfg.feedback_burst_per_min = 600;
    feedback_ctx fb;
    if (feedback_init(&fb, st, &cfg, err, sizeof err)) { fprintf(stderr, "driver: %s\n", err); store_close(st); return 1; }
    static const char *const langs[] = { "fi", "sv", "en", "so" };
    const char *opts[] = { "yes", "info" };
    long i;
    while ((i = count_rows(st)) >= 0 && i < n) {
        time_t now = 1800000000 + (time_t)i * 60;   /* a minute apart: the burst cap never bites */
        const char *lang = langs[i % 4];
        int rc;
        switch (i % 4) {
        case 0: feedback_visit_end(&fb); rc = feedback_give_face(&fb, "home", lang, 1 + (int)(i / 4 % 4), now, key, err, sizeof err); break;
        case 1: rc = feedback_give_choice(&fb, "home", lang, "helped", 1, opts, 1 + (int)(i / 4 % 2), now, key, err, sizeof err); break;
        case 2: rc = feedback_give_comment(&fb, "home", lang, "Hyvä! Soita 040 123 4567", now, key, NULL, err, sizeof err); break;
        default: rc = feedback_give_face(&fb, "service:neuvola", lang, 4, now, key, err, sizeof err); break;
        }
        if (rc != MJ_OK) { fprintf(stderr, "driver: answer %ld: status %d: %s\n", i, rc, err); store_close(st); return 1; }
        printf("thanks %s\n", key);
        fflush(stdout);
    }
    store_close(st);
    return i == n ? 0 : 1;
}

static int check(const char *db, const char *keys, long n)
{
    char err[MJ_ERRLEN], line[128];
    store *st;
    if (store_open(db, &st, err, sizeof err)) { fprintf(stderr, "check: %s\n", err); return 1; }
    FILE *f = fopen(keys, "r");
    if (!f) { fprintf(stderr, "check: cannot read %s\n", keys); store_close(st); return 1; }
    sqlite3_stmt *q;
    sqlite3_prepare_v2(store_db(st), "SELECT count(*) FROM feedback WHERE key = ?1", -1, &q, NULL);
    long thanked = 0, bad = 0;
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, "thanks ", 7) != 0) continue;
        line[strcspn(line, "\n")] = 0;
        sqlite3_reset(q);
        sqlite3_bind_text(q, 1, line + 7, -1, SQLITE_TRANSIENT);
        long c = sqlite3_step(q) == SQLITE_ROW ? (long)sqlite3_column_int64(q, 0) : -1;
        if (c != 1) { fprintf(stderr, "check: key %s is in the outbox %ld times\n", line + 7, c); bad++; }
        thanked++;
    }
    fclose(f);
    sqlite3_finalize(q);
    long rows = count_rows(st);
    char ic[64] = "";
    if (sqlite3_prepare_v2(store_db(st), "PRAGMA integrity_check", -1, &q, NULL) == SQLITE_OK &&
        sqlite3_step(q) == SQLITE_ROW)
        snprintf(ic, sizeof ic, "%s", (const char *)sqlite3_column_text(q, 0));
    sqlite3_finalize(q);
    store_close(st);
    printf("check: %ld thank-yous, %ld rows in the outbox, %ld missing or doubled, integrity_check %s\n",
           thanked, rows, bad, ic);
    return (bad == 0 && rows == n && thanked <= rows && strcmp(ic, "ok") == 0) ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (argc == 3) return give(argv[1], atol(argv[2]));
    if (argc == 5 && strcmp(argv[1], "--check") == 0) return check(argv[2], argv[3], atol(argv[4]));
    fprintf(stderr, "usage: driver DB N | driver --check DB KEYS N\n");
    return 2;
}
