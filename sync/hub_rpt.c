/* hub_rpt.c - see hub_rpt.h. One engine for every table: rows (month, group, sub, count) are
 * buffered one month at a time; at the end of a month its group line and each shown group's sub
 * line are suppressed (hub_rpt_suppress) and only the shown cells are added to the period's sums.
 * Questions and comments have their own small readers below. Texts: hub_rpt_names.c. */
#include "hub_rpt.h"
#include "hub_report.h"
#include "hub_store_rpt.h"
#include "util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void hub_rpt_suppress(const long long *n, int k, unsigned char *hid)
{
    long long mass = 0;
    for (int i = 0; i < k; i++) {
        if (n[i] < HUB_RPT_MIN) hid[i] = 1;
        if (hid[i]) mass += n[i];
    }
    while (mass > 0 && mass < HUB_RPT_MIN) {
        int j = -1;
        for (int i = 0; i < k; i++)
            if (!hid[i] && (j < 0 || n[i] < n[j])) j = i;
        if (j < 0) break;
        hid[j] = 1;
        mass += n[j];
    }
}

/* ---- periods ---- */

void hub_rpt_month(int m, char out[8])
{
    unsigned y = (unsigned)(m / 12) % 10000u, mo = (unsigned)(m % 12 + 1) % 100u;
    snprintf(out, 8, "%04u-%02u", y, mo);
}

static int parse_month(const char *s, int *m)
{
    if (strlen(s) != 7 || s[4] != '-') return -1;
    for (int i = 0; i < 7; i++)
        if (i != 4 && (s[i] < '0' || s[i] > '9')) return -1;
    int y = atoi(s), mo = atoi(s + 5);
    if (y < 2000 || y > 2999 || mo < 1 || mo > 12) return -1;
    *m = y * 12 + mo - 1;
    return 0;
}

int hub_rpt_period_parse(const char *from, const char *to, hub_rpt_period *p, char *err, size_t errlen)
{
    if (to && *to) {
        if (parse_month(to, &p->to)) return mj_err(err, errlen, MJ_EINVAL, "to: a month YYYY-MM is needed");
    } else {
        time_t t = time(NULL);
        struct tm tm;
        gmtime_r(&t, &tm);
        p->to = (tm.tm_year + 1900) * 12 + tm.tm_mon - 1;
    }
    if (from && *from) {
        if (parse_month(from, &p->from)) return mj_err(err, errlen, MJ_EINVAL, "from: a month YYYY-MM is needed");
    } else {
        p->from = p->to;
    }
    if (p->from > p->to) return mj_err(err, errlen, MJ_EINVAL, "from is after to");
    if (p->to - p->from + 1 > HUB_RPT_MAX_MONTHS)
        return mj_err(err, errlen, MJ_EINVAL, "a period is at most %d months", HUB_RPT_MAX_MONTHS);
    return MJ_OK;
}

static void period_days(const hub_rpt_period *p, char from[11], char to[11])
{
    char a[8], b[8];
    hub_rpt_month(p->from, a);
    hub_rpt_month(p->to + 1, b);
    snprintf(from, 11, "%s-01", a);
    snprintf(to, 11, "%s-01", b);
}

/* ---- the engine ---- */

typedef struct agg { char *key; long long shown, cov_n, cov_happy; int partial; } agg;
typedef struct aggs { agg *a; size_t n, cap; } aggs;
typedef struct raw { char *g, *s; long long n; } raw;

typedef struct eng {
    aggs groups, subs;         /* subs keyed "group\037sub" */
    raw *r;
    size_t nr, cap;
    char month[8];
    int oom;
} eng;

static agg *aggs_get(aggs *s, const char *key, int *oom)
{
    for (size_t i = 0; i < s->n; i++)
        if (!strcmp(s->a[i].key, key)) return &s->a[i];
    if (s->n == s->cap) {
        size_t c = s->cap ? s->cap * 2 : 32;
        agg *a = realloc(s->a, c * sizeof *a);
        if (!a) { *oom = 1; return NULL; }
        s->a = a;
        s->cap = c;
    }
    agg *g = &s->a[s->n];
    memset(g, 0, sizeof *g);
    if (!(g->key = strdup(key))) { *oom = 1; return NULL; }
    s->n++;
    return g;
}

static void aggs_free(aggs *s)
{
    for (size_t i = 0; i < s->n; i++) free(s->a[i].key);
    free(s->a);
}

static char *sub_key(const char *g, const char *s)
{
    size_t a = strlen(g), b = strlen(s);
    char *k = malloc(a + b + 2);
    if (k) { memcpy(k, g, a); k[a] = '\037'; memcpy(k + a + 1, s, b + 1); }
    return k;
}

/* Adds one cell's month to its period sum. */
static void fold(agg *a, long long n, int hidden, int covered, long long happy)
{
    if (!a) return;
    if (hidden) { if (n > 0) a->partial = 1; return; }
    a->shown += n;
    if (covered) { a->cov_n += n; a->cov_happy += happy; }
}

/* One month: the rows r[0..nr) are ordered by group. faces: the subs are faces 1-4 (a happy
 * share is kept per group). */
static void flush(eng *e, int faces)
{
    size_t ng = 0;
    for (size_t i = 0; i < e->nr; i++)
        if (!i || strcmp(e->r[i].g, e->r[i - 1].g)) ng++;
    long long *gt = calloc(ng + 1, sizeof *gt), *sn = calloc(e->nr + 1, sizeof *sn);
    unsigned char *gh = calloc(ng + 1, 1), *sh = calloc(e->nr + 1, 1);
    size_t *start = calloc(ng + 2, sizeof *start);
    if (!gt || !sn || !gh || !sh || !start) { e->oom = 1; goto out; }
    for (size_t i = 0, g = (size_t)-1; i < e->nr; i++) {
        if (!i || strcmp(e->r[i].g, e->r[i - 1].g)) start[++g] = i;
        gt[g] += e->r[i].n;
    }
    start[ng] = e->nr;
    hub_rpt_suppress(gt, (int)ng, gh);
    for (size_t g = 0; g < ng; g++) {
        size_t a = start[g], b = start[g + 1];
        long long happy = 0, other = 0;
        for (size_t i = a; i < b; i++) {
            sn[i - a] = e->r[i].n;
            sh[i - a] = gh[g];
            int f = atoi(e->r[i].s);
            if (f >= 3) happy += e->r[i].n; else other += e->r[i].n;
        }
        hub_rpt_suppress(sn, (int)(b - a), sh);
        int covered = 0;
        if (faces && !gh[g]) {
            long long split[2] = {happy, other};
            unsigned char hs[2] = {0, 0};
            hub_rpt_suppress(split, 2, hs);
            covered = !(hs[0] && happy) && !(hs[1] && other);
        }
        fold(aggs_get(&e->groups, e->r[a].g, &e->oom), gt[g], gh[g], covered, happy);
        for (size_t i = a; i < b; i++) {
            char *k = sub_key(e->r[i].g, e->r[i].s);
            if (!k) { e->oom = 1; break; }
            fold(aggs_get(&e->subs, k, &e->oom), sn[i - a], sh[i - a], 0, 0);
            free(k);
        }
    }
out:
    free(gt); free(sn); free(gh); free(sh); free(start);
    for (size_t i = 0; i < e->nr; i++) { free(e->r[i].g); free(e->r[i].s); }
    e->nr = 0;
}

typedef struct eng_ctx { eng *e; int faces; } eng_ctx;

static int eng_row(void *ctx, const hub_val *c, int n)
{
    eng_ctx *x = ctx;
    eng *e = x->e;
    if (n < 4 || !c[0].s || !c[3].s) return 0;
    if (strcmp(e->month, c[0].s)) {
        flush(e, x->faces);
        snprintf(e->month, sizeof e->month, "%s", c[0].s);
    }
    if (e->nr == e->cap) {
        size_t cap = e->cap ? e->cap * 2 : 64;
        raw *r = realloc(e->r, cap * sizeof *r);
        if (!r) return MJ_ENOMEM;
        e->r = r;
        e->cap = cap;
    }
    raw *r = &e->r[e->nr];
    r->g = strdup(c[1].s ? c[1].s : "");
    r->s = strdup(c[2].s ? c[2].s : "");
    r->n = atoll(c[3].s);
    if (!r->g || !r->s) { free(r->g); free(r->s); return MJ_ENOMEM; }
    e->nr++;
    return 0;
}

static int run(hub_store *hs, int which, const char *site, const hub_rpt_period *p, int faces, eng *e, char *err,
               size_t errlen)
{
    char from[11], to[11];
    memset(e, 0, sizeof *e);
    period_days(p, from, to);
    eng_ctx x = {e, faces};
    int rc = hub_store_rpt_rows(hs, which, site, from, to, eng_row, &x, err, errlen);
    flush(e, faces);
    if (!rc && e->oom) rc = mj_err(err, errlen, MJ_ENOMEM, "out of memory");
    return rc;
}

static void eng_free(eng *e)
{
    aggs_free(&e->groups);
    aggs_free(&e->subs);
    for (size_t i = 0; i < e->nr; i++) { free(e->r[i].g); free(e->r[i].s); }
    free(e->r);
}

/* A shown count, or null. */
static json_t *val(long long n) { return n >= HUB_RPT_MIN ? json_integer(n) : json_null(); }
static json_t *share(const agg *a)
{
    return a && a->cov_n >= HUB_RPT_MIN ? json_real((double)(a->cov_happy * 1000 / a->cov_n) / 1000.0) : json_null();
}
static const agg *find(const aggs *s, const char *key)
{
    for (size_t i = 0; i < s->n; i++)
        if (!strcmp(s->a[i].key, key)) return &s->a[i];
    return NULL;
}
static const agg *find_sub(const eng *e, const char *g, const char *s)
{
    char *k = sub_key(g, s);
    const agg *a = k ? find(&e->subs, k) : NULL;
    free(k);
    return a;
}

/* A group's answers, happy share and partial flag. */
static json_t *group_obj(const agg *a)
{
    return json_pack("{s:o,s:o,s:b}", "answers", val(a ? a->shown : 0), "happy_share", share(a), "partial",
                     a && a->partial);
}

/* x rounded to one decimal. */
static double tenths(double x) { return (double)(long long)(x * 10 + (x >= 0 ? 0.5 : -0.5)) / 10.0; }

/* Every Monday from the week of the period's first day to its last day. */
static json_t *week_list(const hub_rpt_period *p)
{
    json_t *a = json_array();
    struct tm tm = {.tm_year = p->from / 12 - 1900, .tm_mon = p->from % 12, .tm_mday = 1, .tm_hour = 12};
    time_t t = timegm(&tm), end;
    struct tm e = {.tm_year = (p->to + 1) / 12 - 1900, .tm_mon = (p->to + 1) % 12, .tm_mday = 1, .tm_hour = 12};
    end = timegm(&e);
    gmtime_r(&t, &tm);
    t -= (time_t)((tm.tm_wday + 6) % 7) * 86400;
    for (; t < end; t += 7 * 86400) {
        char d[11];
        gmtime_r(&t, &tm);
        strftime(d, sizeof d, "%Y-%m-%d", &tm);
        json_array_append_new(a, json_string(d));
    }
    return a;
}

static int overview(hub_store *hs, const hub_rpt_req *rq, json_t *out, char *err, size_t errlen)
{
    eng e, pe, we;
    int rc = run(hs, HUB_RPT_FACES_SITE, rq->site, &rq->period, 1, &e, err, errlen);
    hub_rpt_period prev = {rq->period.from - (rq->period.to - rq->period.from + 1), rq->period.from - 1};
    if (!rc) rc = run(hs, HUB_RPT_FACES_SITE, rq->site, &prev, 1, &pe, err, errlen); else memset(&pe, 0, sizeof pe);
    if (!rc) rc = run(hs, HUB_RPT_WEEKS, rq->site, &rq->period, 0, &we, err, errlen); else memset(&we, 0, sizeof we);
    if (!rc) {
        const agg *cur = find(&e.groups, ""), *old = find(&pe.groups, "");
        json_t *o = group_obj(cur), *faces = json_array(), *weeks = json_array(), *po = group_obj(old);
        char m0[8], m1[8];
        for (int f = 1; f <= 4; f++) {
            char k[2] = {(char)('0' + f), 0};
            const agg *a = find_sub(&e, "", k);
            json_array_append_new(faces, val(a ? a->shown : 0));
        }
        json_t *wl = week_list(&rq->period), *w;
        size_t i;
        json_array_foreach(wl, i, w) {
            const agg *a = find_sub(&we, "", json_string_value(w));
            json_array_append_new(weeks, json_pack("{s:O,s:o,s:b}", "week", w, "answers", val(a ? a->shown : 0),
                                                   "partial", a && a->partial));
        }
        json_decref(wl);
        hub_rpt_month(prev.from, m0);
        hub_rpt_month(prev.to, m1);
        json_object_set_new(po, "from", json_string(m0));
        json_object_set_new(po, "to", json_string(m1));
        json_t *ch = json_object();
        json_t *a1 = json_object_get(o, "answers"), *a0 = json_object_get(po, "answers");
        json_object_set_new(ch, "answers_diff", json_is_integer(a1) && json_is_integer(a0)
                                               ? json_integer(json_integer_value(a1) - json_integer_value(a0)) : json_null());
        json_t *s1 = json_object_get(o, "happy_share"), *s0 = json_object_get(po, "happy_share");
        json_object_set_new(ch, "happy_points", json_is_real(s1) && json_is_real(s0)
                                                    ? json_real(tenths((json_real_value(s1) - json_real_value(s0)) * 100))
                                                    : json_null());
        json_object_set_new(o, "faces", faces);
        json_object_set_new(o, "weeks", weeks);
        json_object_set_new(o, "previous", po);
        json_object_set_new(o, "change", ch);
        json_object_set_new(out, "overview", o);
    }
    eng_free(&e); eng_free(&pe); eng_free(&we);
    return rc;
}

/* Groups ranked: most answers first, hidden ones last, then by key. */
static int rank_cmp(const void *a, const void *b)
{
    const agg *x = a, *y = b;
    long long xs = x->shown >= HUB_RPT_MIN ? x->shown : 0, ys = y->shown >= HUB_RPT_MIN ? y->shown : 0;
    if (xs != ys) return xs > ys ? -1 : 1;
    return strcmp(x->key, y->key);
}

/* A ranked group table: [{key_name: key, "answers", "happy_share", "partial"}]. */
static int groups(hub_store *hs, const hub_rpt_req *rq, int which, const char *site, const char *key_name,
                  const char *table, json_t *out, char *err, size_t errlen)
{
    eng e;
    int rc = run(hs, which, site, &rq->period, 1, &e, err, errlen);
    if (!rc) {
        json_t *a = json_array();
        if (e.groups.n) qsort(e.groups.a, e.groups.n, sizeof *e.groups.a, rank_cmp);
        for (size_t i = 0; i < e.groups.n; i++) {
            json_t *g = group_obj(&e.groups.a[i]);
            const char *k = e.groups.a[i].key;
            json_object_set_new(g, key_name, json_string(k));
            if (which == HUB_RPT_FACES_CONTEXT) {
                const char *colon = strchr(k, ':');
                json_object_set_new(g, "kind", colon ? json_stringn(k, (size_t)(colon - k)) : json_string(k));
                json_object_set_new(g, "id", json_string(colon ? colon + 1 : ""));
            }
            json_array_append_new(a, g);
        }
        json_object_set_new(out, table, a);
    }
    eng_free(&e);
    return rc;
}

static int hours(hub_store *hs, const hub_rpt_req *rq, json_t *out, char *err, size_t errlen)
{
    eng e;
    int rc = run(hs, HUB_RPT_HOURS, rq->site, &rq->period, 0, &e, err, errlen);
    if (!rc) {
        json_t *grid = json_array();
        for (int d = 1; d <= 7; d++) {
            json_t *row = json_array();
            for (int h = 0; h < 24; h++) {
                char k[8];
                snprintf(k, sizeof k, "%d|%02d", d, h);
                const agg *a = find_sub(&e, "", k);
                json_array_append_new(row, val(a ? a->shown : 0));
            }
            json_array_append_new(grid, json_pack("{s:i,s:o}", "weekday", d, "hours", row));
        }
        json_object_set_new(out, "hours", grid);
    }
    eng_free(&e);
    return rc;
}

static int slips(hub_store *hs, const hub_rpt_req *rq, json_t *out, char *err, size_t errlen)
{
    eng e;
    int rc = run(hs, HUB_RPT_SLIPS, rq->site, &rq->period, 0, &e, err, errlen);
    if (!rc) {
        json_t *a = json_array(), *wl = week_list(&rq->period);
        if (e.groups.n) qsort(e.groups.a, e.groups.n, sizeof *e.groups.a, rank_cmp);
        for (size_t i = 0; i < e.groups.n; i++) {
            json_t *weeks = json_array(), *w;
            size_t j;
            json_array_foreach(wl, j, w) {
                const agg *s = find_sub(&e, e.groups.a[i].key, json_string_value(w));
                json_array_append_new(weeks, json_pack("{s:O,s:o}", "week", w, "slips", val(s ? s->shown : 0)));
            }
            json_array_append_new(a, json_pack("{s:s,s:o,s:b,s:o}", "service_id", e.groups.a[i].key, "slips",
                                               val(e.groups.a[i].shown), "partial", e.groups.a[i].partial, "weeks", weeks));
        }
        json_decref(wl);
        json_object_set_new(out, "slips", a);
    }
    eng_free(&e);
    return rc;
}

/* ---- follow-up questions: per month and question, the answers N and each option's count c.
 * An option is shown only when both c and N - c are 0 or HUB_RPT_MIN or more (so that "everyone
 * but two" is hidden too); a single-choice question's options add up to N and are one line. */
typedef struct opt { char id[72]; long long c; } opt;
typedef struct qstate {
    eng *e;                    /* groups: questions; subs: question + option */
    char month[8], qid[72];
    long long n;
    opt o[16];
    int no;
} qstate;

static void q_flush(qstate *q)
{
    if (!q->qid[0]) return;
    long long sum = 0, line[16];
    unsigned char hid[16] = {0}, hn = q->n < HUB_RPT_MIN;
    for (int i = 0; i < q->no; i++) {
        long long two[2] = {q->o[i].c, q->n - q->o[i].c};
        unsigned char h2[2] = {hn, hn};
        hub_rpt_suppress(two, 2, h2);
        hid[i] = (h2[0] && two[0]) || (h2[1] && two[1]) || hn;
        line[i] = q->o[i].c;
        sum += q->o[i].c;
    }
    if (!hn && sum == q->n) hub_rpt_suppress(line, q->no, hid);
    fold(aggs_get(&q->e->groups, q->qid, &q->e->oom), q->n, hn, 0, 0);
    for (int i = 0; i < q->no; i++) {
        char *k = sub_key(q->qid, q->o[i].id);
        if (!k) { q->e->oom = 1; break; }
        fold(aggs_get(&q->e->subs, k, &q->e->oom), q->o[i].c, hid[i], 0, 0);
        free(k);
    }
    q->qid[0] = 0;
    q->n = 0;
    q->no = 0;
}

static void q_count(qstate *q, const char *id, size_t len)
{
    if (!len || len >= sizeof q->o[0].id) return;
    for (int i = 0; i < q->no; i++)
        if (strlen(q->o[i].id) == len && !memcmp(q->o[i].id, id, len)) { q->o[i].c++; return; }
    if (q->no == 16) return;
    memcpy(q->o[q->no].id, id, len);
    q->o[q->no].id[len] = 0;
    q->o[q->no++].c = 1;
}

static int q_row(void *ctx, const hub_val *c, int n)
{
    qstate *q = ctx;
    if (n < 4 || !c[0].s || !c[1].s || strlen(c[1].s) >= sizeof q->qid) return 0;
    if (strcmp(q->month, c[0].s) || strcmp(q->qid, c[1].s)) {
        q_flush(q);
        snprintf(q->month, sizeof q->month, "%s", c[0].s);
        snprintf(q->qid, sizeof q->qid, "%s", c[1].s);
    }
    q->n++;
    /* options: a JSON array of ids (or, from old kiosks, a comma-separated list) */
    json_t *a = c[3].s ? json_loads(c[3].s, 0, NULL) : NULL;
    if (json_is_array(a)) {
        size_t i;
        json_t *v;
        json_array_foreach(a, i, v)
            if (json_is_string(v)) q_count(q, json_string_value(v), json_string_length(v));
    } else if (c[3].s) {
        for (const char *p = c[3].s; *p;) {
            while (*p == ' ' || *p == ',') p++;
            size_t l = strcspn(p, ",");
            while (l && p[l - 1] == ' ') l--;
            q_count(q, p, l);
            p += strcspn(p, ",");
        }
    }
    json_decref(a);
    return 0;
}

static int questions(hub_store *hs, const hub_rpt_req *rq, json_t *out, char *err, size_t errlen)
{
    eng e;
    memset(&e, 0, sizeof e);
    qstate q = {.e = &e};
    char from[11], to[11];
    period_days(&rq->period, from, to);
    int rc = hub_store_rpt_rows(hs, HUB_RPT_CHOICES, rq->site, from, to, q_row, &q, err, errlen);
    q_flush(&q);
    if (!rc && e.oom) rc = mj_err(err, errlen, MJ_ENOMEM, "out of memory");
    if (!rc) {
        json_t *a = json_array();
        for (size_t i = 0; i < e.groups.n; i++) {
            const char *qid = e.groups.a[i].key;
            json_t *opts = json_array();
            size_t ql = strlen(qid);
            for (size_t j = 0; j < e.subs.n; j++) {
                const agg *s = &e.subs.a[j];
                if (strncmp(s->key, qid, ql) || s->key[ql] != '\037') continue;
                json_array_append_new(opts, json_pack("{s:s,s:o,s:b}", "id", s->key + ql + 1, "count", val(s->shown),
                                                      "partial", s->partial));
            }
            json_array_append_new(a, json_pack("{s:s,s:o,s:b,s:o}", "id", qid, "answers", val(e.groups.a[i].shown),
                                               "partial", e.groups.a[i].partial, "options", opts));
        }
        json_object_set_new(out, "questions", a);
    }
    eng_free(&e);
    return rc;
}

/* ---- comments: masked, by day, only for a (day, context) with HUB_RPT_MIN visits or more. */
typedef struct cstate { json_t *ok, *list; int with_hidden; } cstate;

static int visit_row(void *ctx, const hub_val *c, int n)
{
    cstate *s = ctx;
    if (n < 3 || !c[0].s || !c[1].s || !c[2].s || atoll(c[2].s) < HUB_RPT_MIN) return 0;
    char k[200];
    snprintf(k, sizeof k, "%s|%s", c[0].s, c[1].s);
    json_object_set_new(s->ok, k, json_true());
    return 0;
}

static int comment_row(void *ctx, const hub_val *c, int n)
{
    cstate *s = ctx;
    if (n < 6 || !c[0].s || !c[1].s || !c[2].s || !c[3].s) return 0;
    char k[200];
    snprintf(k, sizeof k, "%s|%s", c[1].s, c[2].s);
    int hidden = c[4].s && atoi(c[4].s);
    if (!json_object_get(s->ok, k) || (hidden && !s->with_hidden) || json_array_size(s->list) >= 500) return 0;
    char *m = hub_mask_comment(c[3].s);
    if (!m) return MJ_ENOMEM;
    json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:b}", "id", (json_int_t)atoll(c[0].s), "day", c[1].s, "context", c[2].s,
                          "comment", m, "hidden", hidden);
    if (o && hidden) json_object_set_new(o, "reason", json_string(c[5].s ? c[5].s : ""));
    free(m);
    json_array_append_new(s->list, o);
    return 0;
}

static int comments(hub_store *hs, const hub_rpt_req *rq, json_t *out, char *err, size_t errlen)
{
    char from[11], to[11];
    period_days(&rq->period, from, to);
    cstate s = {json_object(), json_array(), rq->with_hidden};
    int rc = hub_store_rpt_rows(hs, HUB_RPT_VISITS, rq->site, from, to, visit_row, &s, err, errlen);
    if (!rc) rc = hub_store_rpt_rows(hs, HUB_RPT_COMMENTS, rq->site, from, to, comment_row, &s, err, errlen);
    json_decref(s.ok);
    if (rc) { json_decref(s.list); return rc; }
    json_object_set_new(out, "comments", s.list);
    return MJ_OK;
}

int hub_rpt_build(hub_store *hs, const hub_rpt_req *rq, json_t **out, char *err, size_t errlen)
{
    const hub_rpt_period *p = &rq->period;
    if (p->from > p->to || p->to - p->from + 1 > HUB_RPT_MAX_MONTHS)
        return mj_err(err, errlen, MJ_EINVAL, "a period is 1 to %d whole months", HUB_RPT_MAX_MONTHS);
    char m0[8], m1[8];
    hub_rpt_month(p->from, m0);
    hub_rpt_month(p->to, m1);
    json_t *o = json_pack("{s:o,s:s,s:s,s:i}", "site", rq->site ? json_string(rq->site) : json_null(), "from", m0,
                          "to", m1, "min", HUB_RPT_MIN);
    if (!o) return mj_err(err, errlen, MJ_ENOMEM, "out of memory");
    unsigned t = rq->tables;
    int rc = MJ_OK;
    if (!rc && (t & HUB_RPT_T_OVERVIEW)) rc = overview(hs, rq, o, err, errlen);
    if (!rc && (t & HUB_RPT_T_SITES)) rc = groups(hs, rq, HUB_RPT_FACES_BY_SITE, NULL, "site", "sites", o, err, errlen);
    if (!rc && (t & HUB_RPT_T_CONTEXTS))
        rc = groups(hs, rq, HUB_RPT_FACES_CONTEXT, rq->site, "context", "contexts", o, err, errlen);
    if (!rc && (t & HUB_RPT_T_LANGUAGES))
        rc = groups(hs, rq, HUB_RPT_FACES_LANGUAGE, rq->site, "language", "languages", o, err, errlen);
    if (!rc && (t & HUB_RPT_T_HOURS)) rc = hours(hs, rq, o, err, errlen);
    if (!rc && (t & HUB_RPT_T_QUESTIONS)) rc = questions(hs, rq, o, err, errlen);
    if (!rc && (t & HUB_RPT_T_SLIPS)) rc = slips(hs, rq, o, err, errlen);
    if (!rc && (t & HUB_RPT_T_COMMENTS) && rq->site) rc = comments(hs, rq, o, err, errlen);
    if (!rc && rq->site && (t & (HUB_RPT_T_CONTEXTS | HUB_RPT_T_QUESTIONS | HUB_RPT_T_SLIPS))) {
        json_t *names = json_object();
        hub_rpt_names(hs, rq->site, rq->lang, names);
        json_object_set_new(o, "names", names);
    }
    if (rc) { json_decref(o); return rc; }
    *out = o;
    return MJ_OK;
}
