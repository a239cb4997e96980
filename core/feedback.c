/* feedback.c - see feedback.h. */
#include "feedback.h"
#include "sync_state.h"
#include "mask.h"
#include "tz.h"
#include "util.h"
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COMMENT_MAX_BYTES 2000

int feedback_init(feedback_ctx *fb, store *st, const config *cfg, char *err, size_t errlen)
{
    memset(fb, 0, sizeof *fb);
    fb->st = st;
    fb->round_minutes = cfg->feedback_round_minutes > 0 ? cfg->feedback_round_minutes : 60;
    fb->suspect_s = cfg->feedback_suspect_s;
    fb->burst_per_min = cfg->feedback_burst_per_min > FEEDBACK_BURST_MAX ? FEEDBACK_BURST_MAX
                                                                         : cfg->feedback_burst_per_min;
    fb->comment_max_chars = cfg->comment_max_chars;
    if (sodium_init() < 0) return mj_err(err, errlen, MJ_EIO, "feedback: no source of random numbers");
    return MJ_OK;
}

void feedback_visit_end(feedback_ctx *fb)
{
    sodium_memzero(fb->visit_id, sizeof fb->visit_id);
    fb->visit_id[0] = 0;
}

static void random_hex(char out[33])
{
    unsigned char b[16];
    randombytes_buf(b, sizeof b);
    sodium_bin2hex(out, 33, b, sizeof b);
}

void feedback_round_time(time_t now, int minutes, char out[17])
{
    tz_local lt;
    if (minutes < 1) minutes = 1;
    tz_to_local(now, NULL, &lt);
    int m = (lt.hour * 60 + lt.minute) / minutes * minutes;
    snprintf(out, 17, "%04u-%02u-%02uT%02u:%02u", (unsigned)lt.year % 10000u, (unsigned)lt.month % 100u,
             (unsigned)lt.mday % 100u, (unsigned)(m / 60) % 100u, (unsigned)(m % 60));
}

/* Burst cap over a sliding minute; returns 1 when another answer may be stored now. */
static int burst_allows(feedback_ctx *fb, time_t now)
{
    while (fb->nrecent > 0) {
        int oldest = (fb->head - fb->nrecent + FEEDBACK_BURST_MAX) % FEEDBACK_BURST_MAX;
        if (now - fb->recent[oldest] < 60) break;
        fb->nrecent--;
    }
    return fb->nrecent < fb->burst_per_min;
}

static void burst_note(feedback_ctx *fb, time_t now)
{
    fb->recent[fb->head] = now;
    fb->head = (fb->head + 1) % FEEDBACK_BURST_MAX;
    if (fb->nrecent < FEEDBACK_BURST_MAX) fb->nrecent++;
}

static int valid_context(const char *c)
{
    if (!strcmp(c, "home")) return 1;
    const char *id = !strncmp(c, "service:", 8) ? c + 8 : !strncmp(c, "event:", 6) ? c + 6 : NULL;
    if (!id || !*id || strlen(id) > 64) return 0;
    for (; *id; id++)
        if (!((*id >= 'a' && *id <= 'z') || (*id >= '0' && *id <= '9') || *id == '-' || *id == '_')) return 0;
    return 1;
}

static int valid_lang(const char *l)
{
    size_t n = strlen(l);
    if (n < 2 || n > 15) return 0;
    for (; *l; l++)
        if (!((*l >= 'a' && *l <= 'z') || *l == '-' || (*l >= '0' && *l <= '9'))) return 0;
    return 1;
}

typedef struct answer {
    const char *kind;
    int face;
    const char *question_id;
    int version;
    const char *options;   /* JSON array text */
    const char *comment;
} answer;

/* The one place an answer is written: rules, then one committed transaction. */
static int give(feedback_ctx *fb, const char *context, const char *language, const answer *a, time_t now,
                char *key_out, char *err, size_t errlen)
{
    if (!valid_context(context)) return mj_err(err, errlen, MJ_EINVAL, "feedback: bad context");
    if (!valid_lang(language)) return mj_err(err, errlen, MJ_EINVAL, "feedback: bad language");
    if (!burst_allows(fb, now)) return FEEDBACK_CAPPED;
    int suspect = fb->last_answer && now >= fb->last_answer && now - fb->last_answer < fb->suspect_s;
    if (!fb->visit_id[0]) random_hex(fb->visit_id);
    char key[33], created[17];
    random_hex(key);
    feedback_round_time(now, fb->round_minutes, created);

    sqlite3_stmt *st;
    sqlite3 *db = store_db(fb->st);
    int rc = store_begin(fb->st, err, errlen);
    if (rc) { fb->disk_full = rc == MJ_EFULL; return rc; }
    if (sqlite3_prepare_v2(db, "INSERT INTO feedback (key, visit_id, created, context, language, kind, face,"
                               " question_id, question_version, options, comment, suspect)"
                               " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)", -1, &st, NULL)) {
        rc = store_fail(fb->st, "feedback", err, errlen);
        store_rollback(fb->st);
        fb->disk_full = rc == MJ_EFULL;
        return rc;
    }
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, fb->visit_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, created, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, context, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, language, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, a->kind, -1, SQLITE_STATIC);
    if (a->face) sqlite3_bind_int(st, 7, a->face);
    if (a->question_id) {
        sqlite3_bind_text(st, 8, a->question_id, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 9, a->version);
        sqlite3_bind_text(st, 10, a->options, -1, SQLITE_STATIC);
    }
    if (a->comment) sqlite3_bind_text(st, 11, a->comment, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 12, suspect);
    rc = sqlite3_step(st) == SQLITE_DONE ? MJ_OK : store_fail(fb->st, "feedback", err, errlen);
    sqlite3_finalize(st);
    if (!rc) rc = store_commit(fb->st, err, errlen);
    if (rc) {
        store_rollback(fb->st);
        fb->disk_full = rc == MJ_EFULL;
        if (rc == MJ_EFULL) mj_err(err, errlen, MJ_EFULL, "feedback: the disk is full; the answer was not stored");
        return rc;
    }
    fb->disk_full = 0;
    fb->last_answer = now;
    burst_note(fb, now);
    if (key_out) memcpy(key_out, key, 33);
    return MJ_OK;
}

int feedback_give_face(feedback_ctx *fb, const char *context, const char *language, int face, time_t now,
                       char *key_out, char *err, size_t errlen)
{
    if (face < 1 || face > 4) return mj_err(err, errlen, MJ_EINVAL, "feedback: face %d is not 1-4", face);
    answer a = { .kind = "face", .face = face };
    return give(fb, context, language, &a, now, key_out, err, errlen);
}

int feedback_give_choice(feedback_ctx *fb, const char *context, const char *language, const char *question_id,
                         int version, const char *const *option_ids, size_t noptions, time_t now,
                         char *key_out, char *err, size_t errlen)
{
    sqlite3_stmt *st;
    if (noptions == 0 || noptions > 8) return mj_err(err, errlen, MJ_EINVAL, "feedback: choose 1-8 options");
    if (sqlite3_prepare_v2(store_db(fb->st), "SELECT kind, options FROM questions WHERE id = ?1 AND version = ?2",
                           -1, &st, NULL))
        return store_fail(fb->st, "feedback", err, errlen);
    sqlite3_bind_text(st, 1, question_id, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, version);
    json_t *known = NULL;
    int multiple = 0;
    if (sqlite3_step(st) == SQLITE_ROW) {
        multiple = strcmp((const char *)sqlite3_column_text(st, 0), "multiple") == 0;
        known = json_loads((const char *)sqlite3_column_text(st, 1), 0, NULL);
    }
    sqlite3_finalize(st);
    if (!known) return mj_err(err, errlen, MJ_EINVAL, "feedback: no question %s version %d", question_id, version);
    if (!multiple && noptions > 1) {
        json_decref(known);
        return mj_err(err, errlen, MJ_EINVAL, "feedback: question %s takes one answer", question_id);
    }
    json_t *chosen = json_array();
    for (size_t i = 0; i < noptions; i++) {
        int found = 0;
        size_t j;
        json_t *o;
        json_array_foreach(known, j, o) {
            const char *id = json_string_value(json_object_get(o, "id"));
            if (id && !strcmp(id, option_ids[i])) found = 1;
        }
        for (size_t k = 0; k < i; k++) found &= strcmp(option_ids[k], option_ids[i]) != 0;
        if (!found) {
            json_decref(known);
            json_decref(chosen);
            return mj_err(err, errlen, MJ_EINVAL, "feedback: \"%s\" is not an option of %s", option_ids[i], question_id);
        }
        json_array_append_new(chosen, json_string(option_ids[i]));
    }
    json_decref(known);
    char *options = json_dumps(chosen, JSON_COMPACT);
    json_decref(chosen);
    if (!options) return mj_err(err, errlen, MJ_ENOMEM, "out of memory");
    answer a = { .kind = "choice", .question_id = question_id, .version = version, .options = options };
    int rc = give(fb, context, language, &a, now, key_out, err, errlen);
    free(options);
    return rc;
}

int feedback_give_comment(feedback_ctx *fb, const char *context, const char *language, const char *text,
                          time_t now, char *key_out, int *masked, char *err, size_t errlen)
{
    size_t len = strlen(text);
    if (!mj_utf8_valid(text, len)) return mj_err(err, errlen, MJ_EINVAL, "feedback: comment is not valid UTF-8");
    if (fb->comment_max_chars <= 0) return mj_err(err, errlen, MJ_EINVAL, "feedback: comments are turned off");
    /* Cut to the character limit, and control characters (but newlines) to spaces. */
    char clean[COMMENT_MAX_BYTES + 1];
    size_t o = 0, chars = 0;
    const char *p = text, *end = text + len;
    while (p < end && chars < (size_t)fb->comment_max_chars) {
        const char *start = p;
        long cp = mj_utf8_next(&p, end);
        size_t n = (size_t)(p - start);
        if (cp < 0 || o + n > COMMENT_MAX_BYTES) break;
        if (cp < 0x20 && cp != '\n') { clean[o++] = ' '; chars++; continue; }
        memcpy(clean + o, start, n);
        o += n;
        chars++;
    }
    clean[o] = 0;
    /* Nothing but white space is no comment. */
    size_t k = 0;
    while (clean[k] == ' ' || clean[k] == '\n') k++;
    if (!clean[k]) return mj_err(err, errlen, MJ_EINVAL, "feedback: the comment is empty");
    char safe[COMMENT_MAX_BYTES + 1];
    unsigned found = 0;
    mask_text(clean + k, safe, sizeof safe, &found);
    if (masked) *masked = found != 0;
    sodium_memzero(clean, sizeof clean);
    answer a = { .kind = "comment", .comment = safe };
    return give(fb, context, language, &a, now, key_out, err, errlen);
}

static int count_query(store *st, const char *sql, const char *from, const char *to, int *out)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL)) return MJ_EDB;
    sqlite3_bind_text(s, 1, from, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, to, -1, SQLITE_STATIC);
    int rc = MJ_OK;
    if (sqlite3_step(s) == SQLITE_ROW) *out = sqlite3_column_int(s, 0);
    else rc = MJ_EDB;
    sqlite3_finalize(s);
    return rc;
}

static void text_query(store *st, const char *sql, char *out, size_t outlen)
{
    sqlite3_stmt *s;
    out[0] = 0;
    if (sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL)) return;
    if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
        snprintf(out, outlen, "%s", (const char *)sqlite3_column_text(s, 0));
    sqlite3_finalize(s);
}

/* created is "YYYY-MM-DDTHH:MM": a range of dates is a range of its first ten characters. */
#define IN_RANGE " substr(created, 1, 10) BETWEEN ?1 AND ?2 "

int feedback_counts_between(store *st, const char *from, const char *to, feedback_counts *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    int rc = 0;
    for (int f = 1; f <= 4 && !rc; f++) {
        char sql[200];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM feedback WHERE kind = 'face' AND face = %d AND suspect = 0"
                 " AND" IN_RANGE, f);
        rc = count_query(st, sql, from, to, &out->faces[f - 1]);
    }
    if (!rc) rc = count_query(st, "SELECT count(*) FROM feedback WHERE suspect = 1 AND" IN_RANGE, from, to, &out->suspect);
    if (!rc) rc = count_query(st, "SELECT count(*) FROM feedback WHERE kind = 'comment' AND" IN_RANGE, from, to,
                              &out->comments);
    if (!rc) rc = count_query(st, "SELECT count(*) FROM feedback WHERE sent_at IS NULL AND ?1 <= ?2", "", "",
                              &out->outbox);
    if (rc) return store_fail(st, "feedback counts", err, errlen);
    text_query(st, "SELECT min(created) FROM feedback WHERE sent_at IS NULL", out->oldest_unsent, sizeof out->oldest_unsent);
    sync_state_read(st, SYNC_LAST_UPLOAD, out->last_upload, sizeof out->last_upload);
    return MJ_OK;
}

int feedback_option_counts(store *st, const char *from, const char *to, feedback_option_cb cb, void *ctx,
                           char *err, size_t errlen)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(store_db(st),
            "SELECT question_id, question_version, o.value, count(*) FROM feedback, json_each(feedback.options) o"
            " WHERE kind = 'choice' AND suspect = 0 AND" IN_RANGE
            " GROUP BY question_id, question_version, o.value ORDER BY question_id, question_version, o.value",
            -1, &s, NULL))
        return store_fail(st, "feedback counts", err, errlen);
    sqlite3_bind_text(s, 1, from, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, to, -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        cb((const char *)sqlite3_column_text(s, 0), sqlite3_column_int(s, 1), (const char *)sqlite3_column_text(s, 2),
           sqlite3_column_int(s, 3), ctx);
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? MJ_OK : store_fail(st, "feedback counts", err, errlen);
}
