/* hub_csv.c - the feedback export (hub_report.h): RFC 4180 CSV, UTF-8 with a byte order mark
 * so spreadsheets read ä, ö and Arabic right, CRLF line ends, fields quoted when they hold a
 * comma, quote or line break. Every cell that a spreadsheet would run as a formula (starting,
 * after any spaces, with = + - @ tab or CR) gets a leading apostrophe. The export is read in
 * pages of CSV_PAGE rows, each under the store lock for a moment only, so a large export never
 * holds up the kiosks' syncs, and its memory is one page whatever the size. */
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

static void field(buf *b, const char *s, int last)
{
    if (!s) s = "";
    const char *t = s;
    while (*t == ' ') t++;
    int formula = *t && strchr("=+-@\t\r", *t) != NULL;
    int quote = formula || strpbrk(s, ",\"\r\n") != NULL;
    if (quote || formula) put(b, "\"", 1);
    if (formula) put(b, "'", 1);
    for (const char *p = s; *p; p++) {
        if (*p == '"') put(b, "\"\"", 2);
        else put(b, p, 1);
    }
    if (quote || formula) put(b, "\"", 1);
    put(b, last ? "\r\n" : ",", last ? 2 : 1);
}

#define CSV_PAGE 500

struct hub_csv_cursor {
    hub_store *hs;
    char *site, *from, *to;
    int include_suspect, started, done, failed;
    char last_created[40];
    long long last_id;
    buf page;
    size_t off;
};

static char *dup_or_null(const char *s) { return s ? strdup(s) : NULL; }

int hub_csv_open(hub_store *hs, const hub_filter *f, hub_csv_cursor **out)
{
    hub_csv_cursor *c = calloc(1, sizeof *c);
    if (!c) return MJ_ENOMEM;
    c->hs = hs;
    c->site = dup_or_null(f->site);
    c->from = dup_or_null(f->from);
    c->to = dup_or_null(f->to);
    c->include_suspect = f->include_suspect;
    c->last_id = -1;
    if ((f->site && !c->site) || (f->from && !c->from) || (f->to && !c->to)) { hub_csv_close(c); return MJ_ENOMEM; }
    *out = c;
    return MJ_OK;
}

void hub_csv_close(hub_csv_cursor *c)
{
    if (!c) return;
    free(c->site);
    free(c->from);
    free(c->to);
    free(c->page.p);
    free(c);
}

/* The next page of rows into c->page. Takes the store lock when `lock`. */
static int next_page(hub_csv_cursor *c, int lock)
{
    static const char *const head[] = {"key", "site", "kiosk", "created", "received_at", "context", "language",
                                       "kind", "face", "question_id", "question_version", "options", "comment",
                                       "suspect"};
    sqlite3_stmt *st;
    c->page.len = 0;
    c->off = 0;
    if (!c->started) {
        put(&c->page, "\xEF\xBB\xBF", 3);
        for (int i = 0; i < 14; i++) field(&c->page, head[i], i == 13);
        c->started = 1;
    }
    if (lock) hub_store_lock(c->hs);
    sqlite3 *db = hub_store_db(c->hs);
    int rows = 0, step = SQLITE_ERROR;
    if (sqlite3_prepare_v2(db,
                           "SELECT key, site, kiosk_id, created, received_at, context, language, kind, face,"
                           " question_id, question_version, options, comment, suspect, id FROM feedback"
                           " WHERE (?1 IS NULL OR site = ?1) AND (?2 IS NULL OR created >= ?2)"
                           " AND (?3 IS NULL OR created < date(?3, '+1 day')) AND (?4 OR suspect = 0)"
                           " AND (created > ?5 OR (created = ?5 AND id > ?6))"
                           " ORDER BY created, id LIMIT ?7", -1, &st, NULL) == SQLITE_OK) {
        if (c->site) sqlite3_bind_text(st, 1, c->site, -1, SQLITE_STATIC);
        if (c->from) sqlite3_bind_text(st, 2, c->from, -1, SQLITE_STATIC);
        if (c->to) sqlite3_bind_text(st, 3, c->to, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 4, c->include_suspect);
        sqlite3_bind_text(st, 5, c->last_created, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 6, c->last_id);
        sqlite3_bind_int(st, 7, CSV_PAGE);
        while ((step = sqlite3_step(st)) == SQLITE_ROW) {
            rows++;
            for (int i = 0; i < 14; i++) {
                const char *v = (const char *)sqlite3_column_text(st, i);
                if (i == 12) {
                    /* Stored masked since the hub masks at upload; rows from before that, too. */
                    char *m = v ? hub_mask_comment(v) : NULL;
                    if (v && !m) c->page.oom = 1;
                    field(&c->page, m, 0);
                    free(m);
                } else if (i == 13) {
                    field(&c->page, sqlite3_column_int(st, i) ? "1" : "0", 1);
                } else {
                    field(&c->page, v, 0);
                }
            }
            snprintf(c->last_created, sizeof c->last_created, "%s", (const char *)sqlite3_column_text(st, 3));
            c->last_id = sqlite3_column_int64(st, 14);
        }
        sqlite3_finalize(st);
    }
    if (lock) hub_store_unlock(c->hs);
    if (step != SQLITE_DONE || c->page.oom) { c->failed = 1; return MJ_EDB; }
    if (rows < CSV_PAGE) c->done = 1;
    return MJ_OK;
}

long hub_csv_read(hub_csv_cursor *c, char *out, size_t max, int lock)
{
    while (c->off >= c->page.len) {
        if (c->failed) return -1;
        if (c->done) return 0;
        if (next_page(c, lock)) return -1;
    }
    size_t n = c->page.len - c->off < max ? c->page.len - c->off : max;
    memcpy(out, c->page.p + c->off, n);
    c->off += n;
    return (long)n;
}

int hub_csv_export(hub_store *hs, const hub_filter *f, char **out, size_t *len, char *err, size_t errlen)
{
    hub_csv_cursor *c;
    buf b = {0};
    char chunk[16384];
    long n;
    if (hub_csv_open(hs, f, &c)) return mj_err(err, errlen, MJ_ENOMEM, "out of memory");
    while ((n = hub_csv_read(c, chunk, sizeof chunk, 0)) > 0) put(&b, chunk, (size_t)n);
    hub_csv_close(c);
    if (n < 0 || b.oom) {
        free(b.p);
        return mj_err(err, errlen, b.oom ? MJ_ENOMEM : MJ_EDB, "export failed: %s", sqlite3_errmsg(hub_store_db(hs)));
    }
    *out = b.p;
    *len = b.len;
    return MJ_OK;
}
