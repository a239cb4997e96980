/* hub_csv.c - the feedback export (hub_report.h): RFC 4180 CSV, UTF-8 with a byte order mark
 * so spreadsheets read ä, ö and Arabic right, CRLF line ends, fields quoted when they hold a
 * comma, quote or line break. A text cell that a spreadsheet would run as a formula (= + - @)
 * gets a leading apostrophe. */
#include "hub_report.h"
#include "util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct buf { char *p; size_t len, cap; int oom; } buf;

static void put(buf *b, const char *s, size_t n)
{
    if (b->oom) return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 4096;
        while (cap < b->len + n + 1) cap *= 2;
        char *np = realloc(b->p, cap);
        if (!np) { b->oom = 1; return; }
        b->p = np;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = 0;
}

static void field(buf *b, const char *s, int text, int last)
{
    if (!s) s = "";
    int quote = strpbrk(s, ",\"\r\n") != NULL;
    int formula = text && s[0] && strchr("=+-@", s[0]);
    if (quote || formula) put(b, "\"", 1);
    if (formula) put(b, "'", 1);
    for (const char *p = s; *p; p++) {
        if (*p == '"') put(b, "\"\"", 2);
        else put(b, p, 1);
    }
    if (quote || formula) put(b, "\"", 1);
    put(b, last ? "\r\n" : ",", last ? 2 : 1);
}

int hub_csv_export(hub_store *hs, const hub_filter *f, char **out, size_t *len, char *err, size_t errlen)
{
    static const char *const head[] = {"key", "site", "kiosk", "created", "received_at", "context", "language",
                                       "kind", "face", "question_id", "question_version", "options", "comment",
                                       "suspect"};
    sqlite3_stmt *st;
    buf b = {0};
    put(&b, "\xEF\xBB\xBF", 3);
    for (int i = 0; i < 14; i++) field(&b, head[i], 0, i == 13);
    if (sqlite3_prepare_v2(hub_store_db(hs),
                           "SELECT key, site, kiosk_id, created, received_at, context, language, kind, face,"
                           " question_id, question_version, options, comment, suspect FROM feedback"
                           " WHERE (?1 IS NULL OR site = ?1) AND (?2 IS NULL OR created >= ?2)"
                           " AND (?3 IS NULL OR created < date(?3, '+1 day')) AND (?4 OR suspect = 0)"
                           " ORDER BY created, id", -1, &st, NULL) != SQLITE_OK) {
        free(b.p);
        return mj_err(err, errlen, MJ_EDB, "export: %s", sqlite3_errmsg(hub_store_db(hs)));
    }
    if (f->site) sqlite3_bind_text(st, 1, f->site, -1, SQLITE_STATIC);
    if (f->from) sqlite3_bind_text(st, 2, f->from, -1, SQLITE_STATIC);
    if (f->to) sqlite3_bind_text(st, 3, f->to, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 4, f->include_suspect);
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        for (int i = 0; i < 14; i++) {
            const char *v = (const char *)sqlite3_column_text(st, i);
            if (i == 12) {
                char *m = hub_mask_comment(v);
                field(&b, m, 1, 0);
                free(m);
            } else if (i == 13) {
                field(&b, sqlite3_column_int(st, i) ? "1" : "0", 0, 1);
            } else {
                field(&b, v, i == 5 || i == 11, 0);
            }
        }
    }
    sqlite3_finalize(st);
    if (step != SQLITE_DONE || b.oom) {
        free(b.p);
        return mj_err(err, errlen, b.oom ? MJ_ENOMEM : MJ_EDB, "export failed");
    }
    *out = b.p;
    *len = b.len;
    return MJ_OK;
}
