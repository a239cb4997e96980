/* feedback.h - anonymous feedback into the durable outbox (the store's `feedback` table).
 * Each answer is one transaction committed with synchronous=FULL before the call returns, so
 * a screen that says "thank you" after a successful call never loses the answer.
 * Nothing identifies a person: the time is rounded down (feedback.round_minutes, local time),
 * and the answers of one visit share a random visit id that feedback_visit_end() forgets.
 * Button-mashing: an answer within feedback.suspect_seconds of the previous one is stored with
 * suspect = 1 (reports can leave those out); beyond feedback.burst_per_minute answers in the
 * last minute nothing more is stored (FEEDBACK_CAPPED) until the minute has passed.
 * Nothing of the feedback is logged. */
#ifndef MAJAKKA_FEEDBACK_H
#define MAJAKKA_FEEDBACK_H
#include <stddef.h>
#include <time.h>
#include "config.h"
#include "store.h"

#define FEEDBACK_CAPPED 1     /* not stored because of the burst cap (the screen still thanks) */
#define FEEDBACK_BURST_MAX 600

typedef struct feedback_ctx {
    store *st;
    int round_minutes, suspect_s, burst_per_min, comment_max_chars;
    char visit_id[33];                  /* "" between visits */
    time_t last_answer;                 /* in RAM only, for the suspect rule */
    time_t recent[FEEDBACK_BURST_MAX];  /* times of stored answers in the last minute, ring */
    int nrecent, head;
    int disk_full;                      /* the last write failed for a full disk (staff screen) */
} feedback_ctx;

int feedback_init(feedback_ctx *fb, store *st, const config *cfg, char *err, size_t errlen);
/* Idle reset: the visit id is forgotten; the next answer starts a new visit. */
void feedback_visit_end(feedback_ctx *fb);

/* context: "home", "service:ID" or "event:ID". key_out (33 bytes, may be NULL) gets the
 * answer's idempotency key. Return MJ_OK, FEEDBACK_CAPPED, MJ_EINVAL, MJ_EFULL or MJ_EDB. */
int feedback_give_face(feedback_ctx *fb, const char *context, const char *language, int face, time_t now,
                       char *key_out, char *err, size_t errlen);
/* The question version must be one the store knows; option ids must be among its options. */
int feedback_give_choice(feedback_ctx *fb, const char *context, const char *language, const char *question_id,
                         int version, const char *const *option_ids, size_t noptions, time_t now,
                         char *key_out, char *err, size_t errlen);
/* The comment is masked (mask.h) and cut to comment_max_chars characters before storing;
 * masked (may be NULL) tells whether anything was hidden. */
int feedback_give_comment(feedback_ctx *fb, const char *context, const char *language, const char *text,
                          time_t now, char *key_out, int *masked, char *err, size_t errlen);

/* "YYYY-MM-DDTHH:MM" of now rounded down to `minutes` in Europe/Helsinki local time. */
void feedback_round_time(time_t now, int minutes, char out[17]);

/* For the staff screen. Dates are local "YYYY-MM-DD", inclusive. */
typedef struct feedback_counts {
    int faces[4];                 /* very unhappy .. very happy, suspect answers left out */
    int suspect;                  /* answers marked suspect in the range */
    int comments;
    int outbox;                   /* answers not yet acknowledged by the hub */
    char oldest_unsent[17];       /* created time of the oldest, "" when none */
    char last_upload[40];         /* sync_state.last_upload, "" when never */
} feedback_counts;
int feedback_counts_between(store *st, const char *from_date, const char *to_date, feedback_counts *out,
                            char *err, size_t errlen);
/* Calls cb for each (question, version, option) with its count in the range. */
typedef void (*feedback_option_cb)(const char *question_id, int version, const char *option_id, int count, void *ctx);
int feedback_option_counts(store *st, const char *from_date, const char *to_date, feedback_option_cb cb, void *ctx,
                           char *err, size_t errlen);

#endif
