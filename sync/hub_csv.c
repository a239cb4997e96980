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

typedef struct page_ctx { hub_csv_cursor *c; int rows; } page_ctx;

static int page_row(void *ctx, const hub_val *col, int n)
{
    page_ctx *pc = ctx;
    hub_csv_cursor *c = pc->c;
    if (n < 15) return MJ_EDB;
    for (int i = 0; i < 14; i++) {
        const char *v = col[i].s;
        if (i == 12) {
            /* Stored masked since the hub masks at upload; rows from before that, too. */
            char *m = v ? hub_mask_comment(v) : NULL;
            if (v && !m) c->page.oom = 1;
            field(&c->page, m, 0);
            free(m);
        } else if (i == 13) {
            field(&c->page, v && atoi(v) ? "1" : "0", 1);
        } else {
            field(&c->page, v, 0);
        }
    }
    snprintf(c->last_created, sizeof c->last_created, "%s", col[3].s ? col[3].s : "");
    c->last_id = col[14].s ? atoll(col[14].s) : c->last_id;
    pc->rows++;
    return 0;
}

/* The next page of rows into c->page. Takes the store lock when `lock`. */
static int next_page(hub_csv_cursor *c, int lock)
{
    static const char *const head[] = {"key", "site", "kiosk", "created", "received_at", "context", "language",
                                       "kind", "face", "question_id", "question_version", "options", "comment",
                                       "suspect"};
    c->page.len = 0;
    c->off = 0;
    if (!c->started) {
        put(&c->page, "\xEF\xBB\xBF", 3);
        for (int i = 0; i < 14; i++) field(&c->page, head[i], i == 13);
        c->started = 1;
    }
    hub_filter f = {c->site, c->from, c->to, c->include_suspect};
    page_ctx pc = {c, 0};
    if (lock) hub_store_lock(c->hs);
    int rc = hub_store_export_page(c->hs, &f, c->last_created, c->last_id, CSV_PAGE, page_row, &pc, NULL, 0);
    if (lock) hub_store_unlock(c->hs);
    if (rc || c->page.oom) { c->failed = 1; return MJ_EDB; }
    if (pc.rows < CSV_PAGE) c->done = 1;
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
        return mj_err(err, errlen, b.oom ? MJ_ENOMEM : MJ_EDB, "export failed");
    }
    *out = b.p;
    *len = b.len;
    return MJ_OK;
}
