/* bench_outbox.c - fills a kiosk store's feedback outbox through core/feedback.h, as the
 * feedback screens do (one durable transaction per answer):
 *   bench_outbox STORE N
 * Nine in ten answers are faces, one in ten a comment (masked like any comment). Prints how
 * many answers are unsent afterwards. */
#include "config.h"
#include "feedback.h"
#include "store.h"
#include "util.h"
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    if (argc < 3) { fprintf(stderr, "usage: bench_outbox STORE N\n"); return 2; }
    long n = atol(argv[2]);
    if (n < 1 || n > 1000000) { fprintf(stderr, "bench_outbox: N from 1 to 1,000,000\n"); return 2; }
    char err[MJ_ERRLEN];
    store *s;
    if (store_open(argv[1], &s, err, sizeof err)) { fprintf(stderr, "bench_outbox: %s\n", err); return 1; }
    config cfg;
    config_defaults(&cfg);
    cfg.feedback_suspect_s = 0;
    cfg.feedback_burst_per_min = 600;
    feedback_ctx fb;
    if (feedback_init(&fb, s, &cfg, err, sizeof err)) { fprintf(stderr, "bench_outbox: %s\n", err); return 1; }
    time_t t = 1795500000;   /* November 2026; one answer a minute, so no burst rule applies */
    for (long i = 0; i < n; i++, t += 61) {
        int rc;
        if (i % 10 == 9) {
            char text[128];
            snprintf(text, sizeof text, "Kiitos, hyvä päivä %ld. شكرا", i);
            rc = feedback_give_comment(&fb, "home", i % 20 == 9 ? "ar" : "fi", text, t, NULL, NULL, err, sizeof err);
        } else {
            rc = feedback_give_face(&fb, i % 3 ? "home" : "service:neuvola", "fi", 1 + (int)(i % 4), t, NULL, err, sizeof err);
        }
        if (rc) { fprintf(stderr, "bench_outbox: answer %ld: %s\n", i, rc == FEEDBACK_CAPPED ? "capped" : err); return 1; }
        if (i % 25 == 24) feedback_visit_end(&fb);
    }
    store_close(s);
    printf("%ld answers in the outbox\n", n);
    return 0;
}
