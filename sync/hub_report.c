/* hub_report.c - see hub_report.h. The summary and the kiosk list; CSV is in hub_csv.c. */
#include "hub_report.h"
#include "mask.h"
#include "util.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Kiosks mask comments before storing them; the hub masks again with the same rules (core/mask.h)
 * so that a comment from an older or misbehaving kiosk is never shown or exported unmasked.
 * The masked text is never longer than the original. */
char *hub_mask_comment(const char *s)
{
    if (!s) return NULL;
    size_t n = strlen(s) + 1;
    char *out = malloc(n);
    if (out) mask_text(s, out, n, NULL);
    return out;
}

static const char *col(const hub_val *c, int i)
{
    return c[i].s ? c[i].s : "";
}

/* Adds each option id of a choice answer to counts (options is a JSON array of ids, or a
 * comma-separated list). */
static void count_options(json_t *counts, const char *options)
{
    json_t *a = json_loads(options, 0, NULL);
    if (json_is_array(a)) {
        size_t i;
        json_t *v;
        json_array_foreach(a, i, v) {
            if (!json_is_string(v)) continue;
            const char *id = json_string_value(v);
            json_object_set_new(counts, id, json_integer(json_integer_value(json_object_get(counts, id)) + 1));
        }
    } else {
        char *copy = strdup(options), *save = NULL;
        for (char *t = copy ? strtok_r(copy, ",", &save) : NULL; t; t = strtok_r(NULL, ",", &save)) {
            while (*t == ' ') t++;
            if (*t) json_object_set_new(counts, t, json_integer(json_integer_value(json_object_get(counts, t)) + 1));
        }
        free(copy);
    }
    json_decref(a);
}

typedef struct summary {
    json_t *faces, *weeks, *questions, *comments, *slips, *cur, *q;
    long total;
} summary;

static int week_row(void *ctx, const hub_val *c, int n)
{
    summary *s = ctx;
    if (n < 3) return 0;
    const char *w = col(c, 0);
    int face = atoi(col(c, 1));
    long cnt = atol(col(c, 2));
    if (face < 1 || face > 4) return 0;
    if (!s->cur || strcmp(json_string_value(json_object_get(s->cur, "week")), w) != 0) {
        s->cur = json_pack("{s:s,s:[iiii]}", "week", w, "faces", 0, 0, 0, 0);
        json_array_append_new(s->weeks, s->cur);
    }
    json_array_set_new(json_object_get(s->cur, "faces"), (size_t)face - 1, json_integer(cnt));
    char k[2] = {(char)('0' + face), 0};
    json_object_set_new(s->faces, k, json_integer(json_integer_value(json_object_get(s->faces, k)) + cnt));
    s->total += cnt;
    return 0;
}

/* Follow-up questions: option counts per question version. */
static int choice_row(void *ctx, const hub_val *c, int n)
{
    summary *s = ctx;
    if (n < 3) return 0;
    const char *qid = col(c, 0);
    long ver = atol(col(c, 1));
    if (!s->q || strcmp(json_string_value(json_object_get(s->q, "id")), qid) ||
        json_integer_value(json_object_get(s->q, "version")) != ver) {
        s->q = json_pack("{s:s,s:I,s:i,s:{}}", "id", qid, "version", (json_int_t)ver, "answers", 0, "options");
        json_array_append_new(s->questions, s->q);
    }
    json_object_set_new(s->q, "answers", json_integer(json_integer_value(json_object_get(s->q, "answers")) + 1));
    count_options(json_object_get(s->q, "options"), col(c, 2));
    return 0;
}

static int comment_row(void *ctx, const hub_val *c, int n)
{
    summary *s = ctx;
    if (n < 5) return 0;
    char *m = hub_mask_comment(col(c, 3));
    json_array_append_new(s->comments, json_pack("{s:s,s:s,s:s,s:s,s:b}", "created", col(c, 0), "site", col(c, 1),
                                                 "language", col(c, 2), "comment", m ? m : "",
                                                 "suspect", atoi(col(c, 4))));
    free(m);
    return 0;
}

static int slip_row(void *ctx, const hub_val *c, int n)
{
    summary *s = ctx;
    if (n < 3) return 0;
    json_array_append_new(s->slips, json_pack("{s:s,s:s,s:I}", "day", col(c, 0), "service_id", col(c, 1),
                                              "count", (json_int_t)atoll(col(c, 2))));
    return 0;
}

int hub_report_summary(hub_store *hs, const hub_filter *f, json_t **out, char *err, size_t errlen)
{
    summary s = {json_object(), json_array(), json_array(), json_array(), json_array(), NULL, NULL, 0};
    int rc;
    for (int i = 1; i <= 4; i++) {
        char k[2] = {(char)('0' + i), 0};
        json_object_set_new(s.faces, k, json_integer(0));
    }
    if ((rc = hub_store_rows(hs, HUB_ROWS_FACE_WEEKS, f, week_row, &s, err, errlen)) ||
        (rc = hub_store_rows(hs, HUB_ROWS_CHOICES, f, choice_row, &s, err, errlen)) ||
        (rc = hub_store_rows(hs, HUB_ROWS_COMMENTS, f, comment_row, &s, err, errlen)) ||
        (rc = hub_store_rows(hs, HUB_ROWS_SLIPS, f, slip_row, &s, err, errlen)))
        goto fail;
    *out = json_pack("{s:o?,s:o?,s:o?,s:b,s:I,s:o,s:o,s:o,s:o,s:o}",
                     "site", f->site ? json_string(f->site) : NULL, "from", f->from ? json_string(f->from) : NULL,
                     "to", f->to ? json_string(f->to) : NULL, "include_suspect", f->include_suspect,
                     "total_faces", (json_int_t)s.total, "faces", s.faces, "weeks", s.weeks, "questions", s.questions,
                     "comments", s.comments, "slips", s.slips);
    return *out ? MJ_OK : mj_err(err, errlen, MJ_ENOMEM, "out of memory");
fail:
    json_decref(s.faces); json_decref(s.weeks); json_decref(s.questions); json_decref(s.comments); json_decref(s.slips);
    return rc;
}

typedef struct kiosk_list { json_t *list; long now, stale_after_s; } kiosk_list;

static int kiosk_row(void *ctx, const hub_val *c, int n)
{
    kiosk_list *kl = ctx;
    if (n < 7) return 0;
    int seen = c[5].s != NULL;
    long last = seen ? atol(c[5].s) : 0;
    char when[32] = "";
    if (seen) {
        time_t t = (time_t)last;
        struct tm tm;
        gmtime_r(&t, &tm);
        strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
    }
    json_t *health = c[6].s ? json_loads(c[6].s, 0, NULL) : json_null();
    json_array_append_new(kl->list, json_pack("{s:s,s:s,s:s,s:s,s:b,s:o,s:I,s:b,s:o}", "id", col(c, 0),
                                              "site", col(c, 1), "name", col(c, 2), "enrolled_at", col(c, 3),
                                              "revoked", c[4].s != NULL,
                                              "last_seen", seen ? json_string(when) : json_null(),
                                              "seconds_since_seen", (json_int_t)(seen ? kl->now - last : -1),
                                              "stale", !seen || kl->now - last > kl->stale_after_s,
                                              "health", health ? health : json_null()));
    return 0;
}

int hub_report_kiosks(hub_store *hs, long stale_after_s, json_t **out, char *err, size_t errlen)
{
    kiosk_list kl = {json_array(), (long)time(NULL), stale_after_s};
    int rc = hub_store_kiosk_rows(hs, kiosk_row, &kl, err, errlen);
    if (rc) { json_decref(kl.list); return rc; }
    *out = json_pack("{s:o}", "kiosks", kl.list);
    return MJ_OK;
}
