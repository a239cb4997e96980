/* test_hub_rpt.c - the report core (sync/hub_rpt.h) tried against its privacy rules: the
 * suppression of a line, a service with one answer, one hour of one weekday, the difference of
 * two nested periods, subtraction from every total, multi-choice "everyone but two", comments
 * by (context, day) and their moderation, whole months only; on SQLite and (unit.*.pg) on
 * PostgreSQL. */
#include "hub_rpt.h"
#include "hub_store_backend.h"
#include "hub_store_rpt.h"
#include "hub_test_db.h"
#include "util.h"
#include "test.h"
#include <stdlib.h>

static hub_store *hs;
static char dbpath[400];
static long long seq;

static void add(const char *site, const char *created, const char *context, const char *lang, const char *kind,
                int face, const char *qid, const char *options, const char *comment, int suspect, const char *visit)
{
    char key[32], vis[32], err[MJ_ERRLEN];
    snprintf(key, sizeof key, "k%lld", ++seq);
    snprintf(vis, sizeof vis, "v%lld", seq);
    hub_param p[] = {HP_T(key), HP_T("d"), HP_T("kiosk-1"), HP_T(site), HP_T(created), HP_T(visit ? visit : vis),
                     HP_T(created), HP_T(context), HP_T(lang), HP_T(kind), face ? HP_I(face) : HP_T(NULL), HP_T(qid),
                     qid ? HP_I(1) : HP_T(NULL), HP_T(options), HP_T(comment), HP_I(suspect)};
    int rc = hub_store_q(hs, "INSERT INTO feedback (key, digest, kiosk_id, site, received_at, visit_id, created, context,"
                             " language, kind, face, question_id, question_version, options, comment, suspect)"
                             " VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16)",
                         p, 16, NULL, NULL, NULL, err, sizeof err);
    if (rc) fprintf(stderr, "insert: %s\n", err);
    CHECK_INT(rc, MJ_OK);
}
static void face(const char *site, const char *created, const char *context, const char *lang, int f)
{
    add(site, created, context, lang, "face", f, NULL, NULL, NULL, 0, NULL);
}
static void faces(const char *site, const char *created, const char *context, const char *lang, int f, int n)
{
    for (int i = 0; i < n; i++) face(site, created, context, lang, f);
}

static json_t *build(const char *site, const char *from, const char *to, unsigned tables, int with_hidden)
{
    char err[MJ_ERRLEN];
    hub_rpt_req rq = {site, {0, 0}, tables, with_hidden, "fi"};
    json_t *j = NULL;
    CHECK_INT(hub_rpt_period_parse(from, to, &rq.period, err, sizeof err), MJ_OK);
    int rc = hub_rpt_build(hs, &rq, &j, err, sizeof err);
    if (rc) fprintf(stderr, "build: %s\n", err);
    CHECK_INT(rc, MJ_OK);
    return j;
}

static long long num(json_t *v) { return json_is_integer(v) ? json_integer_value(v) : 0; }

/* No count anywhere in the report is 1-4: every count is null or at least HUB_RPT_MIN. */
static void no_small(json_t *j, const char *key)
{
    if (json_is_integer(j) && key && (!strcmp(key, "answers") || !strcmp(key, "count") || !strcmp(key, "slips") ||
                                      !strcmp(key, "cell"))) {
        if (json_integer_value(j) < HUB_RPT_MIN) fprintf(stderr, "%s = %lld\n", key, (long long)json_integer_value(j));
        CHECK(json_integer_value(j) >= HUB_RPT_MIN);
    }
    if (json_is_object(j)) {
        const char *k;
        json_t *v;
        json_object_foreach(j, k, v) no_small(v, (!strcmp(k, "faces") || !strcmp(k, "hours")) && json_is_array(v) ? "arr" : k);
    } else if (json_is_array(j)) {
        size_t i;
        json_t *v;
        json_array_foreach(j, i, v) no_small(v, key && !strcmp(key, "arr") ? "cell" : key);
    }
}

/* What the total leaves over the shown cells is never 1-4. */
static void hidden_mass_ok(long long total, long long shown, const char *what)
{
    long long m = total - shown;
    if (m < 0 || (m > 0 && m < HUB_RPT_MIN)) fprintf(stderr, "%s: total %lld, shown %lld\n", what, total, shown);
    CHECK(m == 0 || m >= HUB_RPT_MIN);
    CHECK(m >= 0);
}

static long long sum_of(json_t *a, const char *k)
{
    long long s = 0;
    size_t i;
    json_t *v;
    json_array_foreach(a, i, v) s += num(k ? json_object_get(v, k) : v);
    return s;
}

/* Every table that adds up to the overview's answers leaves a hidden rest of 0 or >= 5. */
static void totals_ok(json_t *r)
{
    json_t *o = json_object_get(r, "overview");
    long long total = num(json_object_get(o, "answers"));
    no_small(r, NULL);
    hidden_mass_ok(total, sum_of(json_object_get(o, "faces"), NULL), "faces");
    hidden_mass_ok(total, sum_of(json_object_get(o, "weeks"), "answers"), "weeks");
    if (json_object_get(r, "contexts")) hidden_mass_ok(total, sum_of(json_object_get(r, "contexts"), "answers"), "contexts");
    if (json_object_get(r, "languages")) hidden_mass_ok(total, sum_of(json_object_get(r, "languages"), "answers"), "langs");
    if (json_object_get(r, "sites") && json_is_null(json_object_get(r, "site"))) hidden_mass_ok(total, sum_of(json_object_get(r, "sites"), "answers"), "sites");
    long long grid = 0;
    size_t i;
    json_t *d;
    json_array_foreach(json_object_get(r, "hours"), i, d) grid += sum_of(json_object_get(d, "hours"), NULL);
    if (json_object_get(r, "hours")) hidden_mass_ok(total, grid, "hours");
}

static void test_suppress(void)
{
    struct { long long n[4]; int k; unsigned char want[4]; } cases[] = {
        {{1, 50}, 2, {1, 1}},          /* one answer hides its neighbour too */
        {{3, 4, 50}, 3, {1, 1, 0}},    /* 7 hidden: enough */
        {{2, 2, 50, 9}, 4, {1, 1, 0, 1}}, /* 4 hidden: the smallest shown one goes too */
        {{0, 50}, 2, {1, 0}},          /* nothing hidden but a zero */
        {{10, 20}, 2, {0, 0}},
        {{1, 1, 1}, 3, {1, 1, 1}},
        {{5}, 1, {0}},
        {{4}, 1, {1}},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        unsigned char h[4] = {0};
        hub_rpt_suppress(cases[c].n, cases[c].k, h);
        for (int i = 0; i < cases[c].k; i++) CHECK_INT(h[i], cases[c].want[i]);
    }
    /* Any line: every cell under 5 hidden, and what is hidden is 0 or at least 5 (or everything). */
    unsigned s = 12345;
    for (int t = 0; t < 5000; t++) {
        long long n[12], total = 0, mass = 0;
        unsigned char h[12] = {0};
        int k = 1 + (int)((s = s * 1103515245u + 12345u) >> 16) % 12;
        for (int i = 0; i < k; i++) total += n[i] = ((s = s * 1103515245u + 12345u) >> 16) % 9;
        hub_rpt_suppress(n, k, h);
        int all = 1;
        for (int i = 0; i < k; i++) {
            if (n[i] < HUB_RPT_MIN) CHECK(h[i]);
            if (h[i]) mass += n[i]; else all = 0;
        }
        CHECK(all || mass == 0 || mass >= HUB_RPT_MIN);
        if (all) CHECK(total == mass);
    }
}

static void test_period(void)
{
    char err[MJ_ERRLEN];
    hub_rpt_period p;
    CHECK_INT(hub_rpt_period_parse("2026-09", "2026-11", &p, err, sizeof err), MJ_OK);
    CHECK_INT(p.to - p.from, 2);
    char m[8];
    hub_rpt_month(p.from, m);
    CHECK_STR(m, "2026-09");
    /* Nothing finer than a month: a day, an hour, a time. */
    CHECK_INT(hub_rpt_period_parse("2026-11-23", "2026-11-23", &p, err, sizeof err), MJ_EINVAL);
    CHECK_INT(hub_rpt_period_parse("2026-11", "2026-11-23T10", &p, err, sizeof err), MJ_EINVAL);
    CHECK_INT(hub_rpt_period_parse("2026-11", "2026-11 10:00", &p, err, sizeof err), MJ_EINVAL);
    CHECK_INT(hub_rpt_period_parse("2026-13", "2026-13", &p, err, sizeof err), MJ_EINVAL);
    CHECK_INT(hub_rpt_period_parse("2026-11", "2026-10", &p, err, sizeof err), MJ_EINVAL);
    CHECK_INT(hub_rpt_period_parse("2024-01", "2026-01", &p, err, sizeof err), MJ_EINVAL);   /* 25 months */
    CHECK_INT(hub_rpt_period_parse(NULL, NULL, &p, err, sizeof err), MJ_OK);
    CHECK_INT(p.from, p.to);
    hub_rpt_req rq = {"a", {10, 5}, HUB_RPT_T_ALL, 0, "fi"};
    json_t *j = NULL;
    CHECK_INT(hub_rpt_build(hs, &rq, &j, err, sizeof err), MJ_EINVAL);
    CHECK(j == NULL);
}

/* A site of 60 answers at home and one at a service: the service's one answer is nowhere, not
 * even by taking the home answers from the total. */
static void test_one_answer(void)
{
    faces("one", "2026-11-03T10:00", "home", "fi", 4, 40);
    faces("one", "2026-11-04T10:00", "home", "fi", 2, 20);
    face("one", "2026-11-05T14:00", "service:neuvola", "so", 1);
    json_t *r = build("one", "2026-11", "2026-11", HUB_RPT_T_ALL, 0);
    json_t *o = json_object_get(r, "overview");
    CHECK_INT(num(json_object_get(o, "answers")), 61);
    json_t *c = json_object_get(r, "contexts");
    CHECK_INT(json_array_size(c), 2);
    for (size_t i = 0; i < 2; i++) CHECK(json_is_null(json_object_get(json_array_get(c, i), "answers")));
    json_t *l = json_object_get(r, "languages");
    for (size_t i = 0; i < json_array_size(l); i++) CHECK(json_is_null(json_object_get(json_array_get(l, i), "answers")));
    /* faces: 40 very happy, 20 face 2, one face 1: face 1 and the next smallest hidden */
    json_t *f = json_object_get(o, "faces");
    CHECK(json_is_null(json_array_get(f, 0)));
    CHECK(json_is_null(json_array_get(f, 1)));
    CHECK(json_is_null(json_array_get(f, 2)));
    CHECK_INT(num(json_array_get(f, 3)), 40);
    /* the share: 40 happy, 21 others: shown */
    CHECK(json_real_value(json_object_get(o, "happy_share")) > 0.65 && json_real_value(json_object_get(o, "happy_share")) < 0.66);
    totals_ok(r);
    json_decref(r);
}

/* One answer on Sunday at 21: the weekday x hour grid does not give it away. */
static void test_one_hour(void)
{
    faces("hour", "2026-11-02T10:00", "home", "fi", 3, 30);   /* Monday 10 */
    faces("hour", "2026-11-03T11:00", "home", "fi", 3, 12);   /* Tuesday 11 */
    face("hour", "2026-11-08T21:00", "home", "fi", 3);        /* Sunday 21 */
    json_t *r = build("hour", "2026-11", "2026-11", HUB_RPT_T_OVERVIEW | HUB_RPT_T_HOURS, 0);
    json_t *g = json_object_get(r, "hours");
    CHECK_INT(json_array_size(g), 7);
    CHECK(json_is_null(json_array_get(json_object_get(json_array_get(g, 6), "hours"), 21)));
    CHECK(json_is_null(json_array_get(json_object_get(json_array_get(g, 1), "hours"), 11)));   /* its complement */
    CHECK_INT(num(json_array_get(json_object_get(json_array_get(g, 0), "hours"), 10)), 30);
    totals_ok(r);
    json_decref(r);
    /* and the week of Sunday's answer: the weeks line hides it with a neighbour */
    r = build("hour", "2026-11", "2026-11", HUB_RPT_T_OVERVIEW, 0);
    json_t *w = json_object_get(json_object_get(r, "overview"), "weeks");
    CHECK_STR(json_string_value(json_object_get(json_array_get(w, 0), "week")), "2026-10-26");
    totals_ok(r);
    json_decref(r);
}

/* Random sites over four months, with many small groups: every table of every period passes
 * totals_ok, and for nested periods A > B every figure shown in both differs by 0 or >= 5. */
static void diff_ok(json_t *a, json_t *b, const char *path)
{
    if (json_is_integer(a) && json_is_integer(b)) {
        long long d = json_integer_value(a) - json_integer_value(b);
        if (d > 0 && d < HUB_RPT_MIN) fprintf(stderr, "%s: %lld - %lld\n", path, (long long)json_integer_value(a),
                                             (long long)json_integer_value(b));
        CHECK(d == 0 || d >= HUB_RPT_MIN);
    } else if (json_is_object(a) && json_is_object(b)) {
        const char *k;
        json_t *v;
        json_object_foreach(a, k, v) if (strcmp(k, "previous") && strcmp(k, "change") && strcmp(k, "weeks")) diff_ok(v, json_object_get(b, k), k);
    } else if (json_is_array(a) && json_is_array(b)) {
        /* rows of a ranked table are matched by their key */
        size_t i, j;
        json_t *v, *w;
        json_array_foreach(a, i, v) {
            const char *key = json_string_value(json_object_get(v, "context"));
            if (!key) key = json_string_value(json_object_get(v, "language"));
            if (!key) key = json_string_value(json_object_get(v, "service_id"));
            if (!key) key = json_string_value(json_object_get(v, "id"));
            if (!key) { diff_ok(v, json_array_get(b, i), path); continue; }
            json_array_foreach(b, j, w) {
                const char *k2 = json_string_value(json_object_get(w, "context"));
                if (!k2) k2 = json_string_value(json_object_get(w, "language"));
                if (!k2) k2 = json_string_value(json_object_get(w, "service_id"));
                if (!k2) k2 = json_string_value(json_object_get(w, "id"));
                if (k2 && !strcmp(k2, key)) diff_ok(v, w, key);
            }
        }
    }
}

static void test_ranges_and_totals(void)
{
    static const char *const ctx[] = {"home", "home", "home", "service:neuvola", "service:perhe", "event:vauvat",
                                      "event:kerho", "service:harvoin"};
    static const char *const lang[] = {"fi", "fi", "fi", "sv", "en", "ar", "so", "uk"};
    static const char *const opts[] = {"[\"a\"]", "[\"b\"]", "[\"a\",\"b\"]", "[\"c\"]"};
    unsigned s = 99;
    CHECK_INT(hub_store_begin(hs, NULL, 0), MJ_OK);
    for (int i = 0; i < 900; i++) {
        s = s * 1103515245u + 12345u;
        unsigned r = s >> 8;
        char created[20];
        int month = 8 + (int)(r % 4), day = 1 + (int)(r / 4 % 28), hour = 8 + (int)(r / 112 % 10);
        snprintf(created, sizeof created, "2026-%02d-%02dT%02d:00", month, day, hour);
        const char *site = r / 1120 % 5 == 0 ? "pieni" : "iso";
        const char *c = ctx[(r / 5600) % 8 == 7 && r % 3 ? 0 : (r / 5600) % 8];
        add(site, created, c, lang[r / 44800 % 8 < 6 || r % 2 ? r / 44800 % 8 : 0], "face", 1 + (int)(r / 358400 % 4),
            NULL, NULL, NULL, 0, NULL);
        if (r % 3 == 0) add(site, created, c, "fi", "choice", 0, "what", opts[r / 7 % 4], NULL, 0, NULL);
    }
    CHECK_INT(hub_store_exec(hs, "COMMIT", NULL, 0), MJ_OK);
    static const char *const months[] = {"2026-08", "2026-09", "2026-10", "2026-11"};
    for (int site = 0; site < 3; site++) {
        const char *name = site == 0 ? "iso" : site == 1 ? "pieni" : NULL;
        unsigned t = HUB_RPT_T_ALL & ~(unsigned)HUB_RPT_T_COMMENTS;
        if (!name) t = HUB_RPT_T_OVERVIEW | HUB_RPT_T_SITES | HUB_RPT_T_LANGUAGES | HUB_RPT_T_CONTEXTS;
        for (int a0 = 0; a0 < 4; a0++)
            for (int a1 = a0; a1 < 4; a1++) {
                json_t *A = build(name, months[a0], months[a1], t, 0);
                totals_ok(A);
                for (int b0 = a0; b0 < 4; b0++)
                    for (int b1 = b0; b1 <= a1; b1++) {
                        if (b0 == a0 && b1 == a1) continue;
                        json_t *B = build(name, months[b0], months[b1], t, 0);
                        diff_ok(A, B, "report");
                        json_decref(B);
                    }
                json_decref(A);
            }
    }
    /* the small site's four months side by side with the large: never a count under 5 */
    json_t *all = build(NULL, "2026-08", "2026-11", HUB_RPT_T_SITES, 0);
    CHECK(json_array_size(json_object_get(all, "sites")) >= 2);
    no_small(all, NULL);
    json_decref(all);
}

/* A multiple-choice question: 48 of 50 ticked "a" (so two did not: hidden), 25 ticked "b". A
 * single-choice one: 20 yes, 2 no: both hidden. */
static void test_questions(void)
{
    for (int i = 0; i < 50; i++)
        add("q", "2026-11-10T10:00", "home", "fi", "choice", 0, "multi", i < 48 ? (i < 25 ? "[\"a\",\"b\"]" : "[\"a\"]") : "[\"b\"]",
            NULL, 0, NULL);
    for (int i = 0; i < 22; i++) add("q", "2026-11-10T10:00", "home", "fi", "choice", 0, "single", i < 20 ? "[\"yes\"]" : "[\"no\"]",
                                     NULL, 0, NULL);
    json_t *r = build("q", "2026-11", "2026-11", HUB_RPT_T_QUESTIONS, 0);
    json_t *q = json_object_get(r, "questions"), *v;
    size_t i, j;
    int seen = 0;
    json_array_foreach(q, i, v) {
        const char *id = json_string_value(json_object_get(v, "id"));
        json_t *o;
        if (!strcmp(id, "multi")) {
            CHECK_INT(num(json_object_get(v, "answers")), 50);
            json_array_foreach(json_object_get(v, "options"), j, o) {
                const char *oid = json_string_value(json_object_get(o, "id"));
                if (!strcmp(oid, "a")) CHECK(json_is_null(json_object_get(o, "count")));
                if (!strcmp(oid, "b")) CHECK_INT(num(json_object_get(o, "count")), 27);
                seen++;
            }
        } else {
            CHECK_INT(num(json_object_get(v, "answers")), 22);
            json_array_foreach(json_object_get(v, "options"), j, o) { CHECK(json_is_null(json_object_get(o, "count"))); seen++; }
        }
    }
    CHECK_INT(seen, 4);
    no_small(r, NULL);
    json_decref(r);
}

/* Comments: masked, by day; none for a (context, day) of 4 visits; hidden by moderation with a
 * reason (listed only in the moderation view); suspect answers never counted. */
static void test_comments(void)
{
    char err[MJ_ERRLEN];
    for (int i = 0; i < 3; i++) face("c", "2026-11-12T09:00", "home", "fi", 4);
    add("c", "2026-11-12T09:00", "home", "fi", "face", 3, NULL, NULL, NULL, 0, "v-four");
    add("c", "2026-11-12T09:00", "home", "fi", "comment", 0, NULL, NULL, "neljan paivan kommentti", 0, "v-four");
    for (int i = 0; i < 5; i++) face("c", "2026-11-13T09:00", "home", "fi", 4);
    add("c", "2026-11-13T09:30", "home", "fi", "comment", 0, NULL, NULL, "Soita 040 123 4567 kiitos", 0, "v-one");
    face("c", "2026-11-13T09:30", "home", "fi", 1);     /* the same visit: still 6 visits */
    for (int i = 0; i < 10; i++) add("c", "2026-11-14T09:00", "home", "fi", "face", 2, NULL, NULL, NULL, 1, NULL);
    add("c", "2026-11-14T09:00", "home", "fi", "comment", 0, NULL, NULL, "epailtava paiva", 0, NULL);
    json_t *r = build("c", "2026-11", "2026-11", HUB_RPT_T_COMMENTS | HUB_RPT_T_OVERVIEW, 0);
    json_t *c = json_object_get(r, "comments");
    CHECK_INT(json_array_size(c), 1);
    json_t *one = json_array_get(c, 0);
    CHECK_STR(json_string_value(json_object_get(one, "day")), "2026-11-13");
    CHECK(strstr(json_string_value(json_object_get(one, "comment")), "***") != NULL);
    CHECK(strstr(json_string_value(json_object_get(one, "comment")), "123") == NULL);
    CHECK_INT(num(json_object_get(json_object_get(r, "overview"), "answers")), 10);   /* suspect ones out */
    long long id = json_integer_value(json_object_get(one, "id"));
    char *dump = json_dumps(r, 0);
    CHECK(strstr(dump, "09:") == NULL);
    free(dump);
    json_decref(r);
    CHECK_INT(hub_store_comment_moderate(hs, "c", id, 1, "", "anna", err, sizeof err), MJ_EINVAL);
    CHECK_INT(hub_store_comment_moderate(hs, "other", id, 1, "nimi", "anna", err, sizeof err), MJ_ENOTFOUND);
    CHECK_INT(hub_store_comment_moderate(hs, "c", id, 1, "names a person", "anna", err, sizeof err), MJ_OK);
    r = build("c", "2026-11", "2026-11", HUB_RPT_T_COMMENTS, 0);
    CHECK_INT(json_array_size(json_object_get(r, "comments")), 0);
    json_decref(r);
    r = build("c", "2026-11", "2026-11", HUB_RPT_T_COMMENTS, 1);
    one = json_array_get(json_object_get(r, "comments"), 0);
    CHECK(json_is_true(json_object_get(one, "hidden")));
    CHECK_STR(json_string_value(json_object_get(one, "reason")), "names a person");
    json_decref(r);
    long long n;
    CHECK_INT(hub_store_q_int(hs, "SELECT count(*) FROM feedback WHERE kind = 'comment' AND site = 'c'", NULL, 0, &n,
                              NULL, 0), MJ_OK);
    CHECK_INT(n, 3);   /* never deleted */
    CHECK_INT(hub_store_comment_moderate(hs, "c", id, 0, NULL, "anna", err, sizeof err), MJ_OK);
    r = build("c", "2026-11", "2026-11", HUB_RPT_T_COMMENTS, 0);
    CHECK_INT(json_array_size(json_object_get(r, "comments")), 1);
    json_decref(r);
}

/* Names from the published bundle, in the asked language. */
static void test_names(void)
{
    char err[MJ_ERRLEN], etag[70];
    const char *b = "{\"format\":1,\"content_version\":\"v1\",\"content\":{\"services\":[{\"id\":\"neuvola\","
                    "\"name\":{\"fi\":\"Neuvola\",\"sv\":\"Rådgivning\"}}],\"events\":[{\"id\":\"vauvat\",\"title\":"
                    "{\"fi\":\"Vauvakerho\"}}],\"feedback_questions\":[{\"id\":\"what\",\"version\":2,\"text\":{\"fi\":"
                    "\"Mikä auttoi?\"},\"options\":[{\"id\":\"a\",\"text\":{\"fi\":\"Henkilökunta\",\"sv\":\"Personalen\"}}]}]}}";
    CHECK_INT(hub_bundle_put(hs, "iso", "v1", b, strlen(b), etag, err, sizeof err), MJ_OK);
    json_t *names = json_object();
    hub_rpt_names(hs, "iso", "sv", names);
    CHECK_STR(json_string_value(json_object_get(names, "service:neuvola")), "Rådgivning");
    CHECK_STR(json_string_value(json_object_get(names, "event:vauvat")), "Vauvakerho");
    CHECK_STR(json_string_value(json_object_get(names, "q:what:a")), "Personalen");
    CHECK_STR(json_string_value(json_object_get(names, "q:what")), "Mikä auttoi?");
    json_decref(names);
}

int main(void)
{
    char err[MJ_ERRLEN];
    if (hub_test_db(dbpath, sizeof dbpath, "test_hub_rpt")) return 1;
    if (hub_store_open(dbpath, &hs, err, sizeof err)) { fprintf(stderr, "%s\n", err); return 1; }
    RUN(test_suppress);
    RUN(test_period);
    RUN(test_one_answer);
    RUN(test_one_hour);
    RUN(test_ranges_and_totals);
    RUN(test_questions);
    RUN(test_comments);
    RUN(test_names);
    hub_store_close(hs);
    hub_test_db_drop(dbpath);
    return TEST_DONE();
}
