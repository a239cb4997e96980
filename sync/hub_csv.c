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

static int csv_row(void *ctx, const hub_val *c, int n)
{
    buf *b = ctx;
    for (int i = 0; i < n && i < 14; i++) {
        const char *v = c[i].s;
        if (i == 12) {
            char *m = hub_mask_comment(v);
            field(b, m, 1, 0);
            free(m);
        } else if (i == 13) {
            field(b, v && atoi(v) ? "1" : "0", 0, 1);
        } else {
            field(b, v, i == 5 || i == 11, 0);
        }
    }
    return 0;
}

int hub_csv_export(hub_store *hs, const hub_filter *f, char **out, size_t *len, char *err, size_t errlen)
{
    static const char *const head[] = {"key", "site", "kiosk", "created", "received_at", "context", "language",
                                       "kind", "face", "question_id", "question_version", "options", "comment",
                                       "suspect"};
    buf b = {0};
    put(&b, "\xEF\xBB\xBF", 3);
    for (int i = 0; i < 14; i++) field(&b, head[i], 0, i == 13);
    int rc = hub_store_rows(hs, HUB_ROWS_EXPORT, f, csv_row, &b, err, errlen);
    if (rc || b.oom) {
        free(b.p);
        return rc ? rc : mj_err(err, errlen, MJ_ENOMEM, "export failed");
    }
    *out = b.p;
    *len = b.len;
    return MJ_OK;
}
