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

/* The WHERE clause shared by every query; parameters ?1 site, ?2 from, ?3 to, ?4 suspect. */
#define WHERE " WHERE (?1 IS NULL OR site = ?1) AND (?2 IS NULL OR created >= ?2)" \
              " AND (?3 IS NULL OR created < date(?3, '+1 day')) AND (?4 OR suspect = 0)"

static int prep_filtered(hub_store *hs, const char *sql, const hub_filter *f, sqlite3_stmt **st, char *err, size_t errlen)
{
    if (sqlite3_prepare_v2(hub_store_db(hs), sql, -1, st, NULL) != SQLITE_OK)
        return mj_err(err, errlen, MJ_EDB, "report: %s", sqlite3_errmsg(hub_store_db(hs)));
    if (f->site) sqlite3_bind_text(*st, 1, f->site, -1, SQLITE_STATIC);
    if (f->from) sqlite3_bind_text(*st, 2, f->from, -1, SQLITE_STATIC);
    if (f->to) sqlite3_bind_text(*st, 3, f->to, -1, SQLITE_STATIC);
    sqlite3_bind_int(*st, 4, f->include_suspect);
    return MJ_OK;
}

static const char *col(sqlite3_stmt *st, int i)
{
    const char *s = (const char *)sqlite3_column_text(st, i);
    return s ? s : "";
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

int hub_report_summary(hub_store *hs, const hub_filter *f, json_t **out, char *err, size_t errlen)
{
    sqlite3_stmt *st;
    int rc;
    json_t *faces = json_object(), *weeks = json_array(), *questions = json_array(), *comments = json_array();
    json_t *slips = json_array();
    long total = 0;
    for (int i = 1; i <= 4; i++) {
        char k[2] = {(char)('0' + i), 0};
        json_object_set_new(faces, k, json_integer(0));
    }
    /* Faces per week: weeks start on Monday (date(created, 'weekday 0', '-6 days')). */
    if ((rc = prep_filtered(hs, "SELECT date(substr(created, 1, 10), 'weekday 0', '-6 days') AS w, face, count(*)"
                                " FROM feedback" WHERE " AND kind = 'face' GROUP BY w, face ORDER BY w, face",
                            f, &st, err, errlen)))
        goto fail;
    json_t *cur = NULL;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *w = col(st, 0);
        int face = sqlite3_column_int(st, 1);
        long n = sqlite3_column_int64(st, 2);
        if (face < 1 || face > 4) continue;
        if (!cur || strcmp(json_string_value(json_object_get(cur, "week")), w) != 0) {
            cur = json_pack("{s:s,s:[iiii]}", "week", w, "faces", 0, 0, 0, 0);
            json_array_append_new(weeks, cur);
        }
        json_array_set_new(json_object_get(cur, "faces"), (size_t)face - 1, json_integer(n));
        char k[2] = {(char)('0' + face), 0};
        json_object_set_new(faces, k, json_integer(json_integer_value(json_object_get(faces, k)) + n));
        total += n;
    }
    sqlite3_finalize(st);
    /* Follow-up questions: option counts per question version. */
    if ((rc = prep_filtered(hs, "SELECT question_id, question_version, options FROM feedback" WHERE
                                " AND kind = 'choice' ORDER BY question_id, question_version", f, &st, err, errlen)))
        goto fail;
    json_t *q = NULL;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *qid = col(st, 0);
        long ver = sqlite3_column_int64(st, 1);
        if (!q || strcmp(json_string_value(json_object_get(q, "id")), qid) ||
            json_integer_value(json_object_get(q, "version")) != ver) {
            q = json_pack("{s:s,s:I,s:i,s:{}}", "id", qid, "version", (json_int_t)ver, "answers", 0, "options");
            json_array_append_new(questions, q);
        }
        json_object_set_new(q, "answers", json_integer(json_integer_value(json_object_get(q, "answers")) + 1));
        count_options(json_object_get(q, "options"), col(st, 2));
    }
    sqlite3_finalize(st);
    if ((rc = prep_filtered(hs, "SELECT created, site, language, comment, suspect FROM feedback" WHERE
                                " AND kind = 'comment' ORDER BY created DESC, id DESC LIMIT 500", f, &st, err, errlen)))
        goto fail;
    while (sqlite3_step(st) == SQLITE_ROW) {
        char *m = hub_mask_comment(col(st, 3));
        json_array_append_new(comments, json_pack("{s:s,s:s,s:s,s:s,s:b}", "created", col(st, 0), "site", col(st, 1),
                                                  "language", col(st, 2), "comment", m ? m : "",
                                                  "suspect", sqlite3_column_int(st, 4)));
        free(m);
    }
    sqlite3_finalize(st);
    if (sqlite3_prepare_v2(hub_store_db(hs), "SELECT day, service_id, sum(count) FROM slip_counts"
                           " WHERE (?1 IS NULL OR site = ?1) AND (?2 IS NULL OR day >= ?2) AND (?3 IS NULL OR day <= ?3)"
                           " GROUP BY day, service_id ORDER BY day, service_id", -1, &st, NULL) != SQLITE_OK) {
        rc = mj_err(err, errlen, MJ_EDB, "report: %s", sqlite3_errmsg(hub_store_db(hs)));
        goto fail;
    }
    if (f->site) sqlite3_bind_text(st, 1, f->site, -1, SQLITE_STATIC);
    if (f->from) sqlite3_bind_text(st, 2, f->from, -1, SQLITE_STATIC);
    if (f->to) sqlite3_bind_text(st, 3, f->to, -1, SQLITE_STATIC);
    while (sqlite3_step(st) == SQLITE_ROW)
        json_array_append_new(slips, json_pack("{s:s,s:s,s:I}", "day", col(st, 0), "service_id", col(st, 1),
                                               "count", (json_int_t)sqlite3_column_int64(st, 2)));
    sqlite3_finalize(st);
    *out = json_pack("{s:o?,s:o?,s:o?,s:b,s:I,s:o,s:o,s:o,s:o,s:o}",
                     "site", f->site ? json_string(f->site) : NULL, "from", f->from ? json_string(f->from) : NULL,
                     "to", f->to ? json_string(f->to) : NULL, "include_suspect", f->include_suspect,
                     "total_faces", (json_int_t)total, "faces", faces, "weeks", weeks, "questions", questions,
                     "comments", comments, "slips", slips);
    return *out ? MJ_OK : mj_err(err, errlen, MJ_ENOMEM, "out of memory");
fail:
    json_decref(faces); json_decref(weeks); json_decref(questions); json_decref(comments); json_decref(slips);
    return rc;
}

int hub_report_kiosks(hub_store *hs, long stale_after_s, json_t **out, char *err, size_t errlen)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(hub_store_db(hs), "SELECT id, site, name, enrolled_at, revoked_at, last_seen, health"
                           " FROM kiosks ORDER BY site, name, id", -1, &st, NULL) != SQLITE_OK)
        return mj_err(err, errlen, MJ_EDB, "kiosks: %s", sqlite3_errmsg(hub_store_db(hs)));
    json_t *list = json_array();
    long now = (long)time(NULL);
    while (sqlite3_step(st) == SQLITE_ROW) {
        int seen = sqlite3_column_type(st, 5) != SQLITE_NULL;
        long last = seen ? (long)sqlite3_column_int64(st, 5) : 0;
        char when[32] = "";
        if (seen) {
            time_t t = (time_t)last;
            struct tm tm;
            gmtime_r(&t, &tm);
            strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
        }
        json_t *health = sqlite3_column_type(st, 6) == SQLITE_NULL ? json_null() : json_loads(col(st, 6), 0, NULL);
        json_array_append_new(list, json_pack("{s:s,s:s,s:s,s:s,s:b,s:o,s:I,s:b,s:o}", "id", col(st, 0),
                                              "site", col(st, 1), "name", col(st, 2), "enrolled_at", col(st, 3),
                                              "revoked", sqlite3_column_type(st, 4) != SQLITE_NULL,
                                              "last_seen", seen ? json_string(when) : json_null(),
                                              "seconds_since_seen", (json_int_t)(seen ? now - last : -1),
                                              "stale", !seen || now - last > stale_after_s,
                                              "health", health ? health : json_null()));
    }
    sqlite3_finalize(st);
    *out = json_pack("{s:o}", "kiosks", list);
    return MJ_OK;
}
