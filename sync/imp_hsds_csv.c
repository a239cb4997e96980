/* imp_hsds_csv.c - the HSDS 1.x/2.x CSV datapackage (imp_hsds.h): each table parsed, rows
 * joined by their *_id columns into the nested shape of HSDS 3.0 JSON, then read by
 * imp_hsds_doc. Joins go through hash tables (jansson objects), so 11,000 schedule rows cost
 * one look-up each. */
#include "imp_hsds.h"
#include "util.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CSV_MAX_FIELDS 200
#define CSV_MAX_ROWS 200000

static int append_cell(json_t *row, json_t *header, size_t col, const char *s, size_t n)
{
    if (col >= json_array_size(header)) return 0;   /* more cells than names: ignored */
    while (n && (*s == ' ' || *s == '\t')) { s++; n--; }
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
    if (!n) return 0;
    json_t *v = json_stringn(s, n);
    if (!v) return -1;
    return json_object_set_new(row, json_string_value(json_array_get(header, col)), v);
}

int imp_csv_parse(const char *text, size_t len, json_t **rows, char *err, size_t errlen)
{
    const char *p = text, *end = text + len;
    if (len >= 3 && (unsigned char)p[0] == 0xef && (unsigned char)p[1] == 0xbb && (unsigned char)p[2] == 0xbf) p += 3;
    if (!mj_utf8_valid(p, (size_t)(end - p))) return mj_err(err, errlen, MJ_EINVAL, "not valid UTF-8");
    json_t *out = json_array(), *header = json_array(), *row = NULL;
    char *cell = malloc(len + 1);
    if (!out || !header || !cell) { json_decref(out); json_decref(header); free(cell); return mj_err(err, errlen, MJ_ENOMEM, "out of memory"); }
    size_t col = 0, cn = 0;
    long line = 1;
    int in_header = 1, rc = MJ_OK;
    while (p <= end) {
        int at_end = p == end;
        char ch = at_end ? '\n' : *p;
        if (ch == '"' && cn == 0) {
            /* a quoted cell: "" is a quote; new lines inside are part of it */
            p++;
            for (;;) {
                if (p >= end) { rc = mj_err(err, errlen, MJ_EINVAL, "line %ld: a quoted cell is not closed", line); goto done; }
                if (*p == '"') {
                    if (p + 1 < end && p[1] == '"') { cell[cn++] = '"'; p += 2; continue; }
                    p++;
                    break;
                }
                if (*p == '\n') line++;
                cell[cn++] = *p++;
            }
            continue;
        }
        if (ch == ',' || ch == '\n' || ch == '\r') {
            if (in_header) {
                if (ch != '\r' || cn || col) {
                    size_t s = 0, n = cn;
                    while (s < n && cell[s] == ' ') s++;
                    while (n > s && cell[n - 1] == ' ') n--;
                    for (size_t i = s; i < n; i++) cell[i] = (char)tolower((unsigned char)cell[i]);
                    if (ch != '\r' || n > s) json_array_append_new(header, json_stringn(cell + s, n - s));
                    if (json_array_size(header) > CSV_MAX_FIELDS) { rc = mj_err(err, errlen, MJ_EINVAL, "more than %d columns", CSV_MAX_FIELDS); goto done; }
                }
            } else {
                if (!row) row = json_object();
                if (!row || append_cell(row, header, col, cell, cn)) { rc = mj_err(err, errlen, MJ_ENOMEM, "out of memory"); goto done; }
            }
            cn = 0;
            if (ch == ',') { col++; p++; continue; }
            if (ch == '\r') { p++; if (p < end && *p == '\n') p++; }
            else p++;
            line++;
            if (in_header) { if (json_array_size(header)) in_header = 0; }
            else if (row && json_object_size(row)) {
                if (json_array_size(out) >= CSV_MAX_ROWS) { rc = mj_err(err, errlen, MJ_EINVAL, "more than %d rows", CSV_MAX_ROWS); goto done; }
                json_array_append_new(out, row);
                row = NULL;
            } else if (row) {
                json_decref(row);
                row = NULL;
            }
            col = 0;
            if (at_end) break;
            continue;
        }
        cell[cn++] = ch;
        p++;
    }
done:
    json_decref(row);
    json_decref(header);
    free(cell);
    if (rc) { json_decref(out); return rc; }
    *rows = out;
    return MJ_OK;
}

static const json_t *table(json_t *tables, const char *a, const char *b)
{
    const json_t *t = json_object_get(tables, a);
    return t ? t : b ? json_object_get(tables, b) : NULL;
}

/* index[row[key]] = row, for rows that have an id */
static json_t *index_by(const json_t *rows, const char *key)
{
    json_t *ix = json_object(), *row;
    size_t i;
    json_array_foreach(rows, i, row) {
        const char *id = json_string_value(json_object_get(row, key));
        if (id && !json_object_get(ix, id)) json_object_set(ix, id, row);
    }
    return ix;
}

static void push(json_t *obj, const char *key, json_t *item)
{
    json_t *list = json_object_get(obj, key);
    if (!list) { list = json_array(); json_object_set_new(obj, key, list); }
    json_array_append(list, item);
}

/* Rows of a child table attached to their parents by column fk (list key under each parent). */
static void attach(const json_t *rows, const char *fk, json_t *parents, const char *key)
{
    json_t *row;
    size_t i;
    json_array_foreach(rows, i, row) {
        const char *pid = json_string_value(json_object_get(row, fk));
        json_t *parent = pid ? json_object_get(parents, pid) : NULL;
        if (parent) push(parent, key, row);
    }
}

int imp_hsds_csv(const imp_csv_file *files, size_t n, const imp_opts *o, imp_result *r, char *err, size_t errlen)
{
    json_t *tables = json_object();
    size_t total = 0;
    int rc = MJ_OK;
    if (!tables) return mj_err(err, errlen, MJ_ENOMEM, "out of memory");
    for (size_t i = 0; i < n; i++) {
        json_t *rows;
        char e[MJ_ERRLEN];
        total += files[i].len;
        if (total > IMP_MAX_BYTES) { json_decref(tables); return mj_err(err, errlen, MJ_EINVAL, "more than %u bytes", IMP_MAX_BYTES); }
        if ((rc = imp_csv_parse(files[i].text, files[i].len, &rows, e, sizeof e))) {
            json_decref(tables);
            return mj_err(err, errlen, rc, "%s.csv: %s", files[i].table, e);
        }
        json_object_set_new(tables, files[i].table, rows);
    }
    const json_t *torg = table(tables, "organizations", "organization"), *tsvc = table(tables, "services", "service");
    const json_t *tloc = table(tables, "locations", "location");
    if (!tsvc && !torg) { json_decref(tables); return mj_err(err, errlen, MJ_EINVAL, "no services.csv or organizations.csv"); }
    /* The rows are the nested objects: copy the lists so the tables can be indexed as they are. */
    json_t *orgs = index_by(torg, "id"), *locs = index_by(tloc, "id"), *svcs = index_by(tsvc, "id");
    const json_t *tsal = table(tables, "service_at_location", "services_at_location");
    if (!tsal) tsal = table(tables, "service_at_locations", NULL);
    json_t *sal = index_by(tsal, "id");
    attach(table(tables, "physical_addresses", "physical_address"), "location_id", locs, "addresses");
    json_t *row;
    size_t i;
    json_array_foreach(table(tables, "physical_addresses", "physical_address"), i, row)
        json_object_set_new(row, "address_type", json_string("physical"));
    attach(tsal, "service_id", svcs, "service_at_locations");
    const json_t *tph = table(tables, "phones", "phone");
    json_array_foreach(tph, i, row) {
        const char *sid = json_string_value(json_object_get(row, "service_id"));
        const char *oid = json_string_value(json_object_get(row, "organization_id"));
        const char *lid = json_string_value(json_object_get(row, "location_id"));
        json_t *parent = sid ? json_object_get(svcs, sid) : oid ? json_object_get(orgs, oid) : lid ? json_object_get(locs, lid) : NULL;
        if (parent) push(parent, "phones", row);
    }
    attach(table(tables, "languages", "language"), "service_id", svcs, "languages");
    const char *sched_tables[] = { "schedules", "schedule", "regular_schedule", "regular_schedules", "holiday_schedule",
                                   "holiday_schedules", NULL };
    for (int t = 0; sched_tables[t]; t++) {
        const json_t *ts = json_object_get(tables, sched_tables[t]);
        int holiday = strncmp(sched_tables[t], "holiday", 7) == 0;
        json_array_foreach(ts, i, row) {
            if (holiday) json_object_set_new(row, "x-holiday", json_true());
            const char *sid = json_string_value(json_object_get(row, "service_id"));
            const char *said = json_string_value(json_object_get(row, "service_at_location_id"));
            const char *lid = json_string_value(json_object_get(row, "location_id"));
            json_t *parent = sid ? json_object_get(svcs, sid) : said ? json_object_get(sal, said) : lid ? json_object_get(locs, lid) : NULL;
            if (parent) push(parent, "schedules", row);
        }
    }
    json_t *doc = json_object();
    if (doc) {
        json_object_set_new(doc, "organizations", torg ? json_incref((json_t *)torg) : json_array());
        json_object_set_new(doc, "locations", tloc ? json_incref((json_t *)tloc) : json_array());
        json_object_set_new(doc, "services", tsvc ? json_incref((json_t *)tsvc) : json_array());
        rc = imp_hsds_doc(doc, o, r, err, errlen);
    } else {
        rc = mj_err(err, errlen, MJ_ENOMEM, "out of memory");
    }
    json_decref(doc);
    json_decref(orgs);
    json_decref(locs);
    json_decref(svcs);
    json_decref(sal);
    json_decref(tables);
    return rc;
}
