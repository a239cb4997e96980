/* hub_rpt_export.c - see hub_rpt_export.h. */
#include "hub_rpt_export.h"
#include "util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

static const char *str(json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "";
}
static const char *name_of(json_t *names, const char *key, const char *fallback)
{
    const char *s = json_string_value(json_object_get(names, key));
    return s ? s : fallback;
}

typedef struct flat { hub_rpt_row_fn fn; void *ctx; const char *few; int rc; } flat;

static void emit(flat *f, const char *table, const char *row, const char *name, const char *measure, json_t *v)
{
    if (f->rc) return;
    int hidden = !v || json_is_null(v);
    f->rc = f->fn(f->ctx, table, row, name, measure, v, hidden ? f->few : "");
}

static void groups(flat *f, json_t *r, const char *table, const char *key)
{
    size_t i;
    json_t *g, *names = json_object_get(r, "names");
    json_array_foreach(json_object_get(r, table), i, g) {
        const char *k = str(g, key);
        emit(f, table, k, name_of(names, k, k), "answers", json_object_get(g, "answers"));
        emit(f, table, k, name_of(names, k, k), "happy_share", json_object_get(g, "happy_share"));
    }
}

int hub_rpt_flatten(json_t *r, const char *few, hub_rpt_row_fn fn, void *ctx)
{
    flat f = {fn, ctx, few, 0};
    size_t i, j;
    json_t *v, *w, *names = json_object_get(r, "names");
    char key[400];
    json_t *o = json_object_get(r, "overview");
    if (o) {
        json_t *p = json_object_get(o, "previous"), *ch = json_object_get(o, "change");
        char per[40], prev[40];
        snprintf(per, sizeof per, "%s..%s", str(r, "from"), str(r, "to"));
        snprintf(prev, sizeof prev, "%s..%s", str(p, "from"), str(p, "to"));
        emit(&f, "overview", per, "", "answers", json_object_get(o, "answers"));
        emit(&f, "overview", per, "", "happy_share", json_object_get(o, "happy_share"));
        for (i = 0; i < 4; i++) {
            char m[8];
            snprintf(m, sizeof m, "face_%zu", i + 1);
            emit(&f, "overview", per, "", m, json_array_get(json_object_get(o, "faces"), i));
        }
        emit(&f, "overview", prev, "", "answers", json_object_get(p, "answers"));
        emit(&f, "overview", prev, "", "happy_share", json_object_get(p, "happy_share"));
        emit(&f, "overview", "change", "", "answers_diff", json_object_get(ch, "answers_diff"));
        emit(&f, "overview", "change", "", "happy_points", json_object_get(ch, "happy_points"));
        json_array_foreach(json_object_get(o, "weeks"), i, w)
            emit(&f, "weeks", str(w, "week"), "", "answers", json_object_get(w, "answers"));
    }
    groups(&f, r, "sites", "site");
    groups(&f, r, "contexts", "context");
    groups(&f, r, "languages", "language");
    json_array_foreach(json_object_get(r, "hours"), i, v) {
        char day[2] = {(char)('0' + json_integer_value(json_object_get(v, "weekday")) % 10), 0};
        json_array_foreach(json_object_get(v, "hours"), j, w) {
            char hr[4] = {(char)('0' + j / 10 % 10), (char)('0' + j % 10), 0, 0};
            emit(&f, "hours", day, "", hr, w);
        }
    }
    json_array_foreach(json_object_get(r, "questions"), i, v) {
        const char *qid = str(v, "id");
        snprintf(key, sizeof key, "q:%s", qid);
        emit(&f, "questions", qid, name_of(names, key, qid), "answers", json_object_get(v, "answers"));
        json_array_foreach(json_object_get(v, "options"), j, w) {
            char row[300];
            snprintf(key, sizeof key, "q:%s:%s", qid, str(w, "id"));
            snprintf(row, sizeof row, "%s:%s", qid, str(w, "id"));
            emit(&f, "questions", row, name_of(names, key, str(w, "id")), "chosen", json_object_get(w, "count"));
        }
    }
    json_array_foreach(json_object_get(r, "slips"), i, v) {
        snprintf(key, sizeof key, "service:%s", str(v, "service_id"));
        const char *nm = name_of(names, key, str(v, "service_id"));
        emit(&f, "slips", str(v, "service_id"), nm, "slips", json_object_get(v, "slips"));
        json_array_foreach(json_object_get(v, "weeks"), j, w)
            emit(&f, "slips", str(v, "service_id"), nm, str(w, "week"), json_object_get(w, "slips"));
    }
    json_array_foreach(json_object_get(r, "comments"), i, v) {
        if (json_is_true(json_object_get(v, "hidden"))) continue;
        const char *c = str(v, "context");
        emit(&f, "comments", str(v, "day"), name_of(names, c, c), "comment", json_object_get(v, "comment"));
    }
    return f.rc;
}

/* ---- CSV ---- */

char *hub_rpt_csv_field(const char *s)
{
    size_t n = strlen(s);
    char *out = malloc(2 * n + 4), *p = out;
    if (!out) return NULL;
    int guard = *s && strchr("=+-@\t\r", *s) != NULL;
    int quote = guard || strpbrk(s, ",\"\r\n") != NULL;
    if (quote) *p++ = '"';
    if (guard) *p++ = '\'';
    for (; *s; s++) {
        if (*s == '"') *p++ = '"';
        *p++ = *s;
    }
    if (quote) *p++ = '"';
    *p = 0;
    return out;
}

typedef struct buf { char *p; size_t len, cap; int oom; } buf;
static void add(buf *b, const char *s)
{
    size_t n = strlen(s);
    if (b->oom) return;
    if (b->len + n + 1 > b->cap) {
        size_t c = (b->cap + n + 1) * 2;
        char *q = realloc(b->p, c);
        if (!q) { b->oom = 1; return; }
        b->p = q;
        b->cap = c;
    }
    memcpy(b->p + b->len, s, n + 1);
    b->len += n;
}
static void add_field(buf *b, const char *s, const char *sep)
{
    char *q = hub_rpt_csv_field(s);
    if (!q) { b->oom = 1; return; }
    add(b, q);
    add(b, sep);
    free(q);
}

static void value_text(json_t *v, char *out, size_t n)
{
    if (json_is_integer(v)) snprintf(out, n, "%lld", (long long)json_integer_value(v));
    else if (json_is_real(v)) snprintf(out, n, "%.4g", json_real_value(v));
    else out[0] = 0;
}

static int csv_row(void *ctx, const char *table, const char *row, const char *name, const char *measure, json_t *v,
                   const char *note)
{
    buf *b = ctx;
    char num[40];
    add_field(b, table, ",");
    add_field(b, row, ",");
    add_field(b, name, ",");
    add_field(b, measure, ",");
    if (json_is_string(v)) add_field(b, json_string_value(v), ",");
    else { value_text(v, num, sizeof num); add(b, num); add(b, ","); }
    add_field(b, note, "\r\n");
    return b->oom ? MJ_ENOMEM : 0;
}

int hub_rpt_csv(json_t *r, const char *few, char **out, size_t *len, char *err, size_t errlen)
{
    buf b = {0};
    add(&b, "\xEF\xBB\xBFtable,row,name,measure,value,note\r\n");
    int rc = hub_rpt_flatten(r, few, csv_row, &b);
    if (rc || b.oom) { free(b.p); return mj_err(err, errlen, MJ_ENOMEM, "out of memory"); }
    *out = b.p;
    *len = b.len;
    return MJ_OK;
}

/* ---- XLSX: a sheet per table, its rows in order ---- */

typedef struct xl {
    lxw_workbook *wb;
    lxw_worksheet *ws;
    char table[32];
    int row;
    lxw_format *pct, *date, *bold;
} xl;

static int xl_row(void *ctx, const char *table, const char *row, const char *name, const char *measure, json_t *v,
                  const char *note)
{
    xl *x = ctx;
    if (strcmp(x->table, table)) {
        snprintf(x->table, sizeof x->table, "%s", table);
        if (!(x->ws = workbook_add_worksheet(x->wb, table))) return MJ_ENOMEM;
        static const char *const head[] = {"row", "name", "measure", "value", "note"};
        for (int i = 0; i < 5; i++) worksheet_write_string(x->ws, 0, (lxw_col_t)i, head[i], x->bold);
        worksheet_set_column(x->ws, 0, 1, 24, NULL);
        worksheet_set_column(x->ws, 4, 4, 16, NULL);
        if (!strcmp(table, "comments")) worksheet_set_column(x->ws, 3, 3, 80, NULL);
        x->row = 1;
    }
    lxw_row_t r = (lxw_row_t)x->row++;
    int y, m, d;
    /* weeks and days as real dates */
    if (strlen(row) == 10 && sscanf(row, "%4d-%2d-%2d", &y, &m, &d) == 3) {
        lxw_datetime dt = {y, m, d, 0, 0, 0};
        worksheet_write_datetime(x->ws, r, 0, &dt, x->date);
    } else {
        worksheet_write_string(x->ws, r, 0, row, NULL);
    }
    worksheet_write_string(x->ws, r, 1, name, NULL);
    if (strlen(measure) == 10 && sscanf(measure, "%4d-%2d-%2d", &y, &m, &d) == 3) {
        lxw_datetime dt = {y, m, d, 0, 0, 0};
        worksheet_write_datetime(x->ws, r, 2, &dt, x->date);
    } else {
        worksheet_write_string(x->ws, r, 2, measure, NULL);
    }
    if (json_is_integer(v)) worksheet_write_number(x->ws, r, 3, (double)json_integer_value(v), NULL);
    else if (json_is_real(v)) worksheet_write_number(x->ws, r, 3, json_real_value(v),
                                                    !strcmp(measure, "happy_points") ? NULL : x->pct);
    else if (json_is_string(v)) worksheet_write_string(x->ws, r, 3, json_string_value(v), NULL);
    if (*note) worksheet_write_string(x->ws, r, 4, note, NULL);
    return 0;
}

int hub_rpt_xlsx(json_t *r, const char *few, char **out, size_t *len, char *err, size_t errlen)
{
    char path[] = "/tmp/majakka-report-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) return mj_err(err, errlen, MJ_EIO, "no temporary file");
    close(fd);
    xl x = {0};
    lxw_workbook_options opt = {.constant_memory = LXW_FALSE, .tmpdir = "/tmp"};
    if (!(x.wb = workbook_new_opt(path, &opt))) { unlink(path); return mj_err(err, errlen, MJ_ENOMEM, "xlsx: cannot start"); }
    x.pct = workbook_add_format(x.wb);
    format_set_num_format(x.pct, "0.0%");
    x.date = workbook_add_format(x.wb);
    format_set_num_format(x.date, "yyyy-mm-dd");
    x.bold = workbook_add_format(x.wb);
    format_set_bold(x.bold);
    int rc = hub_rpt_flatten(r, few, xl_row, &x);
    if (!x.ws) workbook_add_worksheet(x.wb, "report");
    lxw_error e = workbook_close(x.wb);
    if (rc || e != LXW_NO_ERROR) {
        unlink(path);
        return mj_err(err, errlen, MJ_EIO, "xlsx: %s", rc ? "out of memory" : lxw_strerror(e));
    }
    FILE *f = fopen(path, "rb");
    long n = -1;
    char *data = NULL;
    if (f && !fseek(f, 0, SEEK_END) && (n = ftell(f)) >= 0 && !fseek(f, 0, SEEK_SET) && (data = malloc((size_t)n + 1)) &&
        fread(data, 1, (size_t)n, f) == (size_t)n) {
        fclose(f);
        unlink(path);
        *out = data;
        *len = (size_t)n;
        return MJ_OK;
    }
    if (f) fclose(f);
    free(data);
    unlink(path);
    return mj_err(err, errlen, MJ_EIO, "xlsx: cannot read it back");
}
