/* bench_core.c - figures for the store and content work the kiosk does, printed as
 * "name<TAB>median<TAB>p99<TAB>unit" lines for bench/run.sh to tabulate:
 *   bench_core BUNDLE.json WORKDIR
 * Each figure is repeated and reported as a median (and p99 where a tail matters). */
#include "catalog.h"
#include "feedback.h"
#include "import.h"
#include "recur.h"
#include "store.h"
#include "tz.h"
#include "util.h"
#include "bench_stats.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static store *fresh_store(const char *dir, int i)
{
    char path[1024], err[MJ_ERRLEN];
    snprintf(path, sizeof path, "%s/bench-%d.db", dir, i);
    unlink(path);
    store *s;
    if (store_open(path, &s, err, sizeof err)) { fprintf(stderr, "bench: %s\n", err); exit(1); }
    return s;
}

int main(int argc, char **argv)
{
    if (argc < 3) { fprintf(stderr, "usage: bench_core BUNDLE.json WORKDIR\n"); return 2; }
    char err[MJ_ERRLEN];
    enum { IMPORTS = 7, WEEKS = 51, SEARCH_ROUNDS = 20 };
    double v[2000];

    /* Import: parse + validate + replace, into a fresh store each time. */
    store *s = NULL;
    for (int i = 0; i < IMPORTS; i++) {
        if (s) store_close(s);
        s = fresh_store(argv[2], i);
        import_summary sum;
        double t0 = bench_now_ms();
        if (import_file(s, argv[1], &sum, err, sizeof err)) { fprintf(stderr, "bench: %s\n", err); return 1; }
        v[i] = bench_now_ms() - t0;
    }
    bench_report("import_bundle", v, IMPORTS, "ms", 3);

    /* A week of event occurrences (the Events screen's "this week"). */
    tz_local lt = { .year = 2026, .month = 11, .mday = 23 };
    time_t from;
    tz_from_local(&lt, NULL, &from);
    catalog_langs langs;
    if (catalog_langs_for(s, "fi", &langs, err, sizeof err)) { fprintf(stderr, "bench: %s\n", err); return 1; }
    size_t count = 0;
    for (int i = 0; i < WEEKS; i++) {
        recur_occurrence *occ;
        size_t n;
        double t0 = bench_now_ms();
        if (recur_between(s, from, from + 7 * 86400, 100000, &occ, &n, err, sizeof err)) {
            fprintf(stderr, "bench: %s\n", err);
            return 1;
        }
        v[i] = bench_now_ms() - t0;
        count = n;
        free(occ);
    }
    bench_report("week_occurrences", v, WEEKS, "ms", 3);
    fprintf(stderr, "bench: %zu occurrences in the week\n", count);

    /* Search as you type: every prefix of a few words is one keystroke. */
    static const char *const typed[] = { "perhekahvila", "neuvola 12", "familj", "عائلة", "Palvelu tuki" };
    int k = 0;
    for (int r = 0; r < SEARCH_ROUNDS; r++)
        for (size_t w = 0; w < sizeof typed / sizeof typed[0]; w++) {
            char buf[64];
            size_t len = strlen(typed[w]);
            for (size_t c = 1; c <= len && k < 2000; c++) {
                if (((unsigned char)typed[w][c] & 0xC0) == 0x80) continue;   /* mid-character */
                memcpy(buf, typed[w], c);
                buf[c] = 0;
                catalog_service *res;
                size_t n;
                double t0 = bench_now_ms();
                if (catalog_search(s, &langs, buf, 30, &res, &n, err, sizeof err)) {
                    fprintf(stderr, "bench: search \"%s\": %s\n", buf, err);
                    return 1;
                }
                v[k++] = bench_now_ms() - t0;
                catalog_services_free(res, n);
            }
        }
    bench_report("search_keystroke", v, k, "ms", 3);

    /* One feedback answer, committed durably (synchronous=FULL, one transaction each). Rule
     * windows are set so that every answer is stored. */
    config cfg;
    config_defaults(&cfg);
    cfg.feedback_suspect_s = 0;
    cfg.feedback_burst_per_min = 600;
    feedback_ctx fb;
    if (feedback_init(&fb, s, &cfg, err, sizeof err)) { fprintf(stderr, "bench: %s\n", err); return 1; }
    enum { ANSWERS = 500 };
    for (int i = 0; i < ANSWERS; i++) {
        double t0 = bench_now_ms();
        if (feedback_give_face(&fb, "home", "fi", 1 + i % 4, from + i * 61, NULL, err, sizeof err)) {
            fprintf(stderr, "bench: %s\n", err);
            return 1;
        }
        v[i] = bench_now_ms() - t0;
    }
    bench_report("feedback_commit", v, ANSWERS, "ms", 3);
    store_close(s);
    return 0;
}
