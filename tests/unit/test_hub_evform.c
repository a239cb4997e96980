/* The content editor's event form: every repeat shape the form offers, form -> bundle -> form
 * round trips (the demo's events unchanged through the form), cancelled and moved occurrences,
 * rules the form cannot show kept as written, bad input refused with the field named and nothing
 * changed, the validator's messages mapped to fields, and the occurrences recur.c computes. */
#include "test.h"
#include "bundle.h"
#include "hub_evform.h"
#include "hub_evrule.h"
#include "hub_form.h"
#include "tz.h"
#include "util.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static json_t *demo_content(void)
{
    json_error_t e;
    json_t *root = json_load_file(MAJAKKA_TEST_DATA "/../../assets/demo/bundle.json", 0, &e);
    if (!root) { fprintf(stderr, "demo bundle: %s\n", e.text); exit(1); }
    json_t *c = json_incref(json_object_get(root, "content"));
    json_decref(root);
    return c;
}

/* The kiosks' validator on a draft's content; its message into err. */
static int validate(json_t *content, char *err, size_t errlen)
{
    json_t *root = json_pack("{s:i,s:s,s:s,s:O}", "format", 1, "content_version", "t1", "sha256",
                             "0000000000000000000000000000000000000000000000000000000000000000", "content", content);
    char *s = json_dumps(root, JSON_COMPACT);
    bundle b;
    int rc = bundle_parse(s, strlen(s), NULL, 0, &b, err, errlen);
    if (rc == MJ_OK) bundle_free(&b);
    free(s);
    json_decref(root);
    return rc;
}

static void form(hub_form *fd, const char *const *kv)
{
    fd->f = NULL;
    fd->n = 0;
    for (; kv[0]; kv += 2) CHECK_INT(hub_form_add(fd, kv[0], kv[1]), 0);
}

static const char *const base_new[] = {
    "id", "vauvakahvila", "title.fi", "Vauvakahvila", "title.sv", "Babycafé", "where", "location",
    "location", "perhekeskus", "start", "2026-12-01T10:00", "end", "2026-12-01T11:30",
    "audiences", "baby", "audiences", "parent", "free", "on", NULL
};

/* base_new with extra pairs: a name in extra replaces base_new's values of it */
static void form_plus(hub_form *fd, const char *const *extra)
{
    fd->f = NULL;
    fd->n = 0;
    for (const char *const *b = base_new; b[0]; b += 2) {
        int replaced = 0;
        for (const char *const *x = extra; x[0]; x += 2) replaced |= !strcmp(x[0], b[0]);
        if (!replaced) CHECK_INT(hub_form_add(fd, b[0], b[1]), 0);
    }
    for (; extra[0]; extra += 2) CHECK_INT(hub_form_add(fd, extra[0], extra[1]), 0);
}

static const json_t *find(const json_t *events, const char *id)
{
    size_t i;
    json_t *e;
    json_array_foreach(events, i, e)
        if (strcmp(json_string_value(json_object_get(e, "id")), id) == 0) return e;
    return NULL;
}

static void local_of(time_t t, char out[20])
{
    tz_local lt;
    tz_to_local(t, "Europe/Helsinki", &lt);
    tz_format_local(&lt, out);
}

static time_t at(const char *local)
{
    tz_local lt;
    time_t t;
    tz_parse_local(local, &lt, NULL);
    tz_from_local(&lt, "Europe/Helsinki", &t);
    return t;
}

static void rule_shapes(void)
{
    static const char *const covered[] = {
        "FREQ=WEEKLY;BYDAY=TU", "FREQ=WEEKLY;BYDAY=TU,TH", "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE,FR;UNTIL=20270531", "FREQ=WEEKLY;BYDAY=TH;COUNT=8",
        "FREQ=MONTHLY;BYDAY=2TU", "FREQ=MONTHLY;BYDAY=-1FR", "FREQ=MONTHLY;BYDAY=1WE,3WE;COUNT=10",
        "FREQ=MONTHLY;BYDAY=2TU,2TH,-1TU,-1TH;UNTIL=20271231", "FREQ=MONTHLY;BYDAY=5SU", NULL
    };
    for (int i = 0; covered[i]; i++) {
        hub_evrule r;
        char buf[200];
        CHECK_INT(hub_evrule_parse(covered[i], &r), 0);
        CHECK_INT(hub_evrule_format(&r, buf, sizeof buf, NULL, 0), 0);
        CHECK_STR(buf, covered[i]);
    }
    /* other spellings of covered rules: same meaning, parts in another order */
    hub_evrule a, b;
    CHECK_INT(hub_evrule_parse("BYDAY=TU;FREQ=WEEKLY;INTERVAL=1;WKST=MO", &a), 0);
    CHECK_INT(hub_evrule_parse("FREQ=WEEKLY;BYDAY=TU", &b), 0);
    CHECK(hub_evrule_equal(&a, &b));
    CHECK_INT(hub_evrule_parse("FREQ=WEEKLY;BYDAY=WE", &b), 0);
    CHECK(!hub_evrule_equal(&a, &b));
    static const char *const not_covered[] = {
        "FREQ=DAILY", "FREQ=YEARLY;BYDAY=1MO", "FREQ=WEEKLY", "FREQ=WEEKLY;INTERVAL=3;BYDAY=MO",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=SU;WKST=SU", "FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2", "FREQ=MONTHLY;BYDAY=2TU,4WE",
        "FREQ=MONTHLY;BYMONTHDAY=15", "FREQ=MONTHLY;INTERVAL=2;BYDAY=1MO", "FREQ=WEEKLY;BYDAY=TU;UNTIL=20270531T235959Z",
        "FREQ=WEEKLY;BYDAY=TU;COUNT=5000", "FREQ=WEEKLY;BYDAY=TU;", "FREQ=WEEKLY;BYDAY=TU,", "FREQ=WEEKLY;BYDAY=2TU",
        "FREQ=MONTHLY;BYDAY=-2FR", "FREQ=WEEKLY;BYDAY=TU;BYHOUR=10", "FREQ=WEEKLY;BYDAY=XX", NULL
    };
    for (int i = 0; not_covered[i]; i++) {
        if (hub_evrule_parse(not_covered[i], &a) == 0) fprintf(stderr, "covered by mistake: %s\n", not_covered[i]);
        CHECK_INT(hub_evrule_parse(not_covered[i], &a), MJ_EINVAL);
    }
    /* what the form cannot make */
    char buf[200], err[200];
    hub_evrule bad = { .repeat = EVR_WEEKLY, .interval = 1, .days = 0 };
    CHECK_INT(hub_evrule_format(&bad, buf, sizeof buf, err, sizeof err), MJ_EINVAL);
    bad = (hub_evrule){ .repeat = EVR_MONTHLY, .interval = 1, .days = 2, .weeks = 1u << 6 };
    CHECK_INT(hub_evrule_format(&bad, buf, sizeof buf, err, sizeof err), MJ_EINVAL);
    bad = (hub_evrule){ .repeat = EVR_WEEKLY, .interval = 1, .days = 2, .ends = EVR_END_COUNT, .count = 0 };
    CHECK_INT(hub_evrule_format(&bad, buf, sizeof buf, err, sizeof err), MJ_EINVAL);
    CHECK(strncmp(err, "count:", 6) == 0);
}

/* Every demo event through the form and back: not a byte of the bundle changes. */
static void demo_round_trip(void)
{
    json_t *c = demo_content(), *events = json_object_get(c, "events"), *before = json_deep_copy(events);
    size_t i;
    json_t *e;
    char err[512], field[64];
    json_array_foreach(before, i, e) {
        const char *id = json_string_value(json_object_get(e, "id"));
        hub_form fd;
        hub_evform_saved sv;
        CHECK_INT(hub_evform_to_form(events, id, "", &fd, err, sizeof err), 0);
        int rc = hub_evform_apply(events, id, &fd, "", NULL, NULL, &sv, field, sizeof field, err, sizeof err);
        if (rc) fprintf(stderr, "%s: %s\n", id, err);
        CHECK_INT(rc, 0);
        CHECK_INT(sv.index, i);
        hub_form_free(&fd);
    }
    CHECK(json_equal(events, before));
    CHECK_INT(validate(c, err, sizeof err), 0);
    json_decref(before);
    json_decref(c);
}

static json_t *apply_new(json_t *c, const char *const *extra, int want_rc, const char *want_field)
{
    json_t *events = json_object_get(c, "events"), *before = json_deep_copy(events);
    hub_form fd;
    hub_evform_saved sv;
    char err[512], field[64];
    form_plus(&fd, extra);
    int rc = hub_evform_apply(events, NULL, &fd, "", NULL, NULL, &sv, field, sizeof field, err, sizeof err);
    if (rc != want_rc) fprintf(stderr, "apply: %d %s\n", rc, rc ? err : "");
    CHECK_INT(rc, want_rc);
    if (want_field) {
        CHECK_STR(field, want_field);
        CHECK(strncmp(err, want_field, strlen(want_field)) == 0);
        CHECK(json_equal(events, before));   /* nothing changed */
    }
    hub_form_free(&fd);
    json_decref(before);
    return rc ? NULL : json_array_get(events, sv.index);
}

static void every_other_week(void)
{
    json_t *c = demo_content();
    static const char *const x[] = { "repeat", "weekly", "interval", "2", "days", "TU", "days", "TH",
                                     "ends", "until", "until", "2027-01-31", NULL };
    const json_t *ev = apply_new(c, x, 0, NULL);
    char err[512], s[20];
    CHECK(ev != NULL);
    if (!ev) { json_decref(c); return; }
    CHECK_STR(json_string_value(json_object_get(ev, "rrule")), "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;UNTIL=20270131");
    CHECK_STR(json_string_value(json_object_get(ev, "start")), "2026-12-01T10:00");
    CHECK_STR(json_string_value(json_object_get(json_object_get(ev, "title"), "sv")), "Babycafé");
    CHECK(json_is_true(json_object_get(ev, "free")) && json_is_false(json_object_get(ev, "registration")));
    CHECK(json_object_get(ev, "exdates") == NULL);
    CHECK_INT(validate(c, err, sizeof err), 0);
    time_t st[20], en[20];
    size_t n;
    CHECK_INT(hub_evform_next(ev, NULL, at("2026-11-01T00:00"), 20, st, en, &n, err, sizeof err), 0);
    static const char *const want[] = { "2026-12-01T10:00:00", "2026-12-03T10:00:00", "2026-12-15T10:00:00",
                                        "2026-12-17T10:00:00", "2026-12-29T10:00:00", "2026-12-31T10:00:00",
                                        "2027-01-12T10:00:00", "2027-01-14T10:00:00", "2027-01-26T10:00:00",
                                        "2027-01-28T10:00:00" };
    CHECK_INT(n, 10);
    for (size_t i = 0; i < n && i < 10; i++) { local_of(st[i], s); CHECK_STR(s, want[i]); CHECK_INT(en[i] - st[i], 5400); }
    /* and back into the form: the same choices */
    hub_form fd;
    CHECK_INT(hub_evform_to_form(json_object_get(c, "events"), "vauvakahvila", "", &fd, err, sizeof err), 0);
    CHECK_STR(hub_form_get(&fd, "repeat"), "weekly");
    CHECK_STR(hub_form_get(&fd, "interval"), "2");
    CHECK_STR(hub_form_get_nth(&fd, "days", 0), "TU");
    CHECK_STR(hub_form_get_nth(&fd, "days", 1), "TH");
    CHECK_STR(hub_form_get(&fd, "ends"), "until");
    CHECK_STR(hub_form_get(&fd, "until"), "2027-01-31");
    CHECK_STR(hub_form_get(&fd, "where"), "location");
    hub_form_free(&fd);
    json_decref(c);
}

static void monthly_shapes(void)
{
    json_t *c = demo_content();
    char err[512], s[20];
    time_t st[8], en[8];
    size_t n;
    /* the last Friday, six times; 2026-12-25 is the last Friday of December */
    static const char *const last_fri[] = { "repeat", "monthly", "days", "FR", "weeks", "last", "ends", "count",
                                            "count", "6", NULL };
    json_t *ev = json_deep_copy(apply_new(c, last_fri, MJ_EINVAL, "start"));   /* 1 Dec is a Tuesday */
    CHECK(ev == NULL);
    json_t *c2 = demo_content();
    hub_form fd;
    hub_evform_saved sv;
    char field[64];
    form_plus(&fd, last_fri);
    for (size_t i = 0; i < fd.n; i++)
        if (!strcmp(fd.f[i].name, "start") || !strcmp(fd.f[i].name, "end")) {
            free(fd.f[i].value);
            fd.f[i].value = strdup(!strcmp(fd.f[i].name, "start") ? "2026-12-25T18:00" : "2026-12-25T20:00");
        }
    CHECK_INT(hub_evform_apply(json_object_get(c2, "events"), NULL, &fd, "", NULL, NULL, &sv, field, sizeof field, err, sizeof err), 0);
    hub_form_free(&fd);
    const json_t *e2 = json_array_get(json_object_get(c2, "events"), sv.index);
    CHECK_STR(json_string_value(json_object_get(e2, "rrule")), "FREQ=MONTHLY;BYDAY=-1FR;COUNT=6");
    CHECK_INT(validate(c2, err, sizeof err), 0);
    CHECK_INT(hub_evform_next(e2, NULL, at("2026-12-01T00:00"), 8, st, en, &n, err, sizeof err), 0);
    CHECK_INT(n, 6);
    static const char *const want[] = { "2026-12-25T18:00:00", "2027-01-29T18:00:00", "2027-02-26T18:00:00",
                                        "2027-03-26T18:00:00", "2027-04-30T18:00:00", "2027-05-28T18:00:00" };
    for (size_t i = 0; i < n && i < 6; i++) { local_of(st[i], s); CHECK_STR(s, want[i]); }
    /* the first and third Tuesday, no end */
    static const char *const tue[] = { "repeat", "monthly", "days", "TU", "weeks", "1", "weeks", "3", NULL };
    json_t *c3 = demo_content();
    const json_t *e3 = apply_new(c3, tue, 0, NULL);
    CHECK(e3 && !strcmp(json_string_value(json_object_get(e3, "rrule")), "FREQ=MONTHLY;BYDAY=1TU,3TU"));
    CHECK_INT(validate(c3, err, sizeof err), 0);
    CHECK_INT(hub_evform_next(e3, NULL, at("2026-12-01T00:00"), 4, st, en, &n, err, sizeof err), 0);
    CHECK_INT(n, 4);
    local_of(st[1], s);
    CHECK_STR(s, "2026-12-15T10:00:00");
    local_of(st[3], s);
    CHECK_STR(s, "2027-01-19T10:00:00");
    json_decref(c);
    json_decref(c2);
    json_decref(c3);
}

static void cancel_and_move(void)
{
    json_t *c = demo_content(), *events = json_object_get(c, "events");
    static const char *const x[] = { "repeat", "weekly", "days", "TU", "ends", "count", "count", "5",
                                     "exdates[0]", "2026-12-08", "moves[0].from", "2026-12-22",
                                     "moves[0].start", "2026-12-21T14:00", "moves[0].end", "2026-12-21T15:00", NULL };
    char err[512], s[20], field[64];
    const json_t *ev = apply_new(c, x, 0, NULL);
    CHECK(ev != NULL);
    if (!ev) { json_decref(c); return; }
    CHECK_STR(json_string_value(json_array_get(json_object_get(ev, "exdates"), 0)), "2026-12-08");
    CHECK_STR(json_string_value(json_array_get(json_object_get(ev, "exdates"), 1)), "2026-12-22T10:00:00");
    const json_t *m = find(events, "vauvakahvila-m202612221000");
    CHECK(m != NULL);
    CHECK_STR(hub_evform_moved_of(m), "vauvakahvila");
    CHECK_STR(json_string_value(json_object_get(m, "start")), "2026-12-21T14:00");
    CHECK(json_object_get(m, "rrule") == NULL && json_object_get(m, "exdates") == NULL);
    CHECK_STR(json_string_value(json_object_get(json_object_get(m, "title"), "fi")), "Vauvakahvila");
    CHECK_INT(validate(c, err, sizeof err), 0);
    time_t st[8], en[8];
    size_t n;
    CHECK_INT(hub_evform_next(ev, NULL, at("2026-11-01T00:00"), 8, st, en, &n, err, sizeof err), 0);
    CHECK_INT(n, 3);   /* 5 by count, one cancelled, one moved away */
    local_of(st[0], s); CHECK_STR(s, "2026-12-01T10:00:00");
    local_of(st[1], s); CHECK_STR(s, "2026-12-15T10:00:00");
    local_of(st[2], s); CHECK_STR(s, "2026-12-29T10:00:00");
    /* back into the form: one cancellation, one move; applying it again changes nothing */
    hub_form fd;
    hub_evform_saved sv;
    json_t *before = json_deep_copy(events);
    CHECK_INT(hub_evform_to_form(events, "vauvakahvila", "", &fd, err, sizeof err), 0);
    CHECK_STR(hub_form_get(&fd, "exdates[0]"), "2026-12-08");
    CHECK(hub_form_get(&fd, "exdates[1]") == NULL);
    CHECK_STR(hub_form_get(&fd, "moves[0].from"), "2026-12-22T10:00:00");
    CHECK_STR(hub_form_get(&fd, "moves[0].end"), "2026-12-21T15:00");
    CHECK_INT(hub_evform_apply(events, "vauvakahvila", &fd, "", NULL, NULL, &sv, field, sizeof field, err, sizeof err), 0);
    CHECK(json_equal(events, before));
    CHECK_INT(sv.nmoved, 1);
    /* the validator's message about the moved occurrence lands at its row */
    CHECK_INT(hub_evform_field_of("events[25].end", &(hub_evform_saved){ .index = 24, .nmoved = 1, .move_row = { 0 } },
                                  field, sizeof field), 0);
    CHECK_STR(field, "moves[0].end");
    hub_form_free(&fd);
    /* dropping the move: the moved event goes, the occurrence comes back */
    static const char *const y[] = { "repeat", "weekly", "days", "TU", "ends", "count", "count", "5", NULL };
    form_plus(&fd, y);
    CHECK_INT(hub_evform_apply(events, "vauvakahvila", &fd, "", NULL, NULL, &sv, field, sizeof field, err, sizeof err), 0);
    hub_form_free(&fd);
    CHECK(find(events, "vauvakahvila-m202612221000") == NULL);
    CHECK(json_object_get(json_array_get(events, sv.index), "exdates") == NULL);
    CHECK_INT(json_array_size(events), json_array_size(before) - 1);
    json_decref(before);
    json_decref(c);
}

/* A rule the form cannot show is kept as written while the rest is edited. */
static void kept_rule(void)
{
    json_t *c = demo_content(), *events = json_object_get(c, "events");
    json_t *ev = json_array_get(events, 0);
    char err[512], field[64];
    json_object_set_new(ev, "rrule", json_string("FREQ=MONTHLY;BYDAY=MO;BYSETPOS=-1"));
    json_object_set_new(ev, "start", json_string("2026-08-31T09:30:00"));
    json_object_set_new(ev, "x-source", json_string("import"));
    const char *id = json_string_value(json_object_get(ev, "id"));
    hub_form fd;
    hub_evform_saved sv;
    CHECK_INT(hub_evform_to_form(events, id, "", &fd, err, sizeof err), 0);
    CHECK_STR(hub_form_get(&fd, "repeat"), "keep");
    for (size_t i = 0; i < fd.n; i++)
        if (!strcmp(fd.f[i].name, "title.fi")) { free(fd.f[i].value); fd.f[i].value = strdup("  Leikkiryhmä  "); }
    CHECK_INT(hub_evform_apply(events, id, &fd, "", NULL, NULL, &sv, field, sizeof field, err, sizeof err), 0);
    ev = json_array_get(events, sv.index);
    CHECK_STR(json_string_value(json_object_get(ev, "rrule")), "FREQ=MONTHLY;BYDAY=MO;BYSETPOS=-1");
    CHECK_STR(json_string_value(json_object_get(ev, "start")), "2026-08-31T09:30:00");
    CHECK_STR(json_string_value(json_object_get(ev, "x-source")), "import");
    CHECK_STR(json_string_value(json_object_get(json_object_get(ev, "title"), "fi")), "Leikkiryhmä");
    CHECK_INT(validate(c, err, sizeof err), 0);
    hub_form_free(&fd);
    json_decref(c);
}

static void bad_input(void)
{
    struct { const char *k1, *v1, *k2, *v2, *k3, *v3, *field; } cases[] = {
        { "repeat", "weekly", "days", "XX", NULL, NULL, "days" },
        { "repeat", "weekly", NULL, NULL, NULL, NULL, "days" },
        { "repeat", "weekly", "days", "TU", "interval", "3", "interval" },
        { "repeat", "monthly", "days", "TU", "weeks", "6", "weeks" },
        { "repeat", "monthly", "days", "TU", NULL, NULL, "weeks" },
        { "repeat", "yearly", NULL, NULL, NULL, NULL, "repeat" },
        { "repeat", "keep", NULL, NULL, NULL, NULL, "repeat" },
        { "repeat", "weekly", "days", "TU", "ends", "sometime", "ends" },
        { "repeat", "weekly", "days", "WE", NULL, NULL, "start" },   /* 1 Dec 2026 is a Tuesday */
        { "exdates[0]", "2026-12-09", NULL, NULL, NULL, NULL, "exdates[0]" },
        { "exdates[0]", "tomorrow", NULL, NULL, NULL, NULL, "exdates[0]" },
        { "exdates[0]", "2026-12-01", "exdates[1]", "2026-12-01", NULL, NULL, "exdates[1]" },
        { "moves[0].from", "2026-12-02", "moves[0].start", "2026-12-03T10:00", NULL, NULL, "moves[0].from" },
        { "moves[0].from", "2026-12-01", "moves[0].start", "2026-12-03", NULL, NULL, "moves[0].start" },
        { "where", "moon", NULL, NULL, NULL, NULL, "where" },
        { "audiences", "grandparents", NULL, NULL, NULL, NULL, "audiences" },
        { "title.FI!", "x", NULL, NULL, NULL, NULL, "title.FI!" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        json_t *c = demo_content();
        const char *x[] = { cases[i].k1, cases[i].v1, cases[i].k2, cases[i].v2, cases[i].k3, cases[i].v3 };
        const char *compact[7];
        int k = 0;
        for (int j = 0; j < 6; j += 2) if (x[j]) { compact[k++] = x[j]; compact[k++] = x[j + 1]; }
        compact[k] = NULL;
        apply_new(c, compact, MJ_EINVAL, cases[i].field);
        json_decref(c);
    }
    /* counts: 0, huge, not a number; until before the start, not a date */
    const char *counts[] = { "0", "1001", "99999999999999", "-3", "5x", "", NULL };
    for (int i = 0; counts[i]; i++) {
        json_t *c = demo_content();
        const char *const x[] = { "repeat", "weekly", "days", "TU", "ends", "count", "count", counts[i], NULL };
        apply_new(c, x, MJ_EINVAL, "count");
        json_decref(c);
    }
    const char *untils[] = { "2026-11-30", "2026-02-30", "31.12.2026", NULL };
    for (int i = 0; untils[i]; i++) {
        json_t *c = demo_content();
        const char *const x[] = { "repeat", "weekly", "days", "TU", "ends", "until", "until", untils[i], NULL };
        apply_new(c, x, MJ_EINVAL, "until");
        json_decref(c);
    }
    /* a bad id, a bad start */
    json_t *c = demo_content(), *events = json_object_get(c, "events"), *before = json_deep_copy(events);
    hub_form fd;
    hub_evform_saved sv;
    char err[512], field[64];
    static const char *const bad_id[] = { "id", "Vauva Kahvila", "start", "2026-12-01T10:00", "end", "2026-12-01T11:00", NULL };
    form(&fd, bad_id);
    CHECK_INT(hub_evform_apply(events, NULL, &fd, "", NULL, NULL, &sv, field, sizeof field, err, sizeof err), MJ_EINVAL);
    CHECK_STR(field, "id");
    hub_form_free(&fd);
    static const char *const bad_start[] = { "id", "x", "start", "2026-13-01T10:00", "end", "2026-12-01T11:00", NULL };
    form(&fd, bad_start);
    CHECK_INT(hub_evform_apply(events, NULL, &fd, "", NULL, NULL, &sv, field, sizeof field, err, sizeof err), MJ_EINVAL);
    CHECK_STR(field, "start");
    hub_form_free(&fd);
    form(&fd, base_new);
    CHECK_INT(hub_evform_apply(events, "no-such-event", &fd, "", NULL, NULL, &sv, field, sizeof field, err, sizeof err), MJ_ENOTFOUND);
    hub_form_free(&fd);
    CHECK(json_equal(events, before));
    json_decref(before);
    json_decref(c);
}

/* The kiosks' validator decides the rest; its path names the field. */
static void validator_messages(void)
{
    json_t *c = demo_content(), *events = json_object_get(c, "events");
    static const char *const x[] = { "title.fi", "", "title.sv", " ", NULL };
    hub_form fd;
    hub_evform_saved sv;
    char err[512], field[64];
    form_plus(&fd, x);
    for (size_t i = 0; i < fd.n; i++)
        if (!strcmp(fd.f[i].name, "end")) { free(fd.f[i].value); fd.f[i].value = strdup("2026-12-01T09:00"); }
    CHECK_INT(hub_evform_apply(events, NULL, &fd, "", NULL, NULL, &sv, field, sizeof field, err, sizeof err), 0);
    hub_form_free(&fd);
    CHECK_INT(validate(c, err, sizeof err), MJ_EINVAL);
    char path[200];
    snprintf(path, sizeof path, "%.*s", (int)strcspn(err, ":"), err);
    CHECK_INT(hub_evform_field_of(path, &sv, field, sizeof field), 0);
    CHECK_STR(field, "title");
    CHECK_INT(hub_evform_field_of("events[2].title.fi", &sv, field, sizeof field), MJ_ENOTFOUND);
    char p2[64];
    snprintf(p2, sizeof p2, "events[%zu].end", sv.index);
    CHECK_INT(hub_evform_field_of(p2, &sv, field, sizeof field), 0);
    CHECK_STR(field, "end");
    snprintf(p2, sizeof p2, "events[%zu].rrule", sv.index);
    CHECK_INT(hub_evform_field_of(p2, &sv, field, sizeof field), 0);
    CHECK_STR(field, "repeat");
    snprintf(p2, sizeof p2, "events[%zu].audiences[1]", sv.index);
    CHECK_INT(hub_evform_field_of(p2, &sv, field, sizeof field), 0);
    CHECK_STR(field, "audiences");
    snprintf(p2, sizeof p2, "events[%zu]", sv.index);
    CHECK_INT(hub_evform_field_of(p2, &sv, field, sizeof field), 0);
    CHECK_STR(field, "where");
    json_decref(c);
}

/* In a page the fields carry the event's path; messages name it with the path. */
static void prefixed(void)
{
    json_t *c = demo_content(), *events = json_object_get(c, "events"), *before = json_deep_copy(events);
    hub_form fd, other;
    hub_evform_saved sv;
    char err[512], field[80];
    char id[80];   /* a copy: applying replaces the event object */
    snprintf(id, sizeof id, "%s", json_string_value(json_object_get(json_array_get(events, 3), "id")));
    CHECK_INT(hub_evform_to_form(events, id, "events[3].", &fd, err, sizeof err), 0);
    CHECK(hub_form_get(&fd, "events[3].start") != NULL);
    CHECK(hub_form_get(&fd, "start") == NULL);
    CHECK_INT(hub_form_add(&fd, "csrf", "abc"), 0);   /* the page's own fields are not the form's */
    CHECK_INT(hub_evform_apply(events, id, &fd, "events[3].", NULL, NULL, &sv, field, sizeof field, err, sizeof err), 0);
    CHECK(json_equal(events, before));
    CHECK_INT(hub_form_add(&fd, "events[3].count", "0"), 0);
    for (size_t i = 0; i < fd.n; i++)
        if (!strcmp(fd.f[i].name, "events[3].ends")) { free(fd.f[i].value); fd.f[i].value = strdup("count"); }
    CHECK_INT(hub_evform_apply(events, id, &fd, "events[3].", NULL, NULL, &sv, field, sizeof field, err, sizeof err), MJ_EINVAL);
    CHECK_STR(field, "events[3].count");
    CHECK(strncmp(err, "events[3].count: must be", 24) == 0);
    CHECK(json_equal(events, before));
    /* fields under another path are not read */
    CHECK_INT(hub_evform_to_form(events, json_string_value(json_object_get(json_array_get(events, 4), "id")), "events[4].", &other, err, sizeof err), 0);
    CHECK_INT(hub_evform_apply(events, id, &other, "events[3].", NULL, NULL, &sv, field, sizeof field, err, sizeof err), MJ_EINVAL);
    CHECK(json_equal(events, before));
    hub_form_free(&fd);
    hub_form_free(&other);
    json_decref(before);
    json_decref(c);
}

static void formdata(void)
{
    hub_form fd = { 0 };
    CHECK_INT(hub_form_add(&fd, "days", "TU"), 0);
    CHECK_INT(hub_form_add(&fd, "days", "TH"), 0);
    CHECK_STR(hub_form_get_nth(&fd, "days", 1), "TH");
    CHECK(hub_form_get_nth(&fd, "days", 2) == NULL);
    CHECK_INT(hub_form_add(&fd, "title.fi", "\xff\xfe"), MJ_EINVAL);     /* not UTF-8 */
    CHECK_INT(hub_form_add(&fd, "", "x"), MJ_EINVAL);
    char *big = malloc(HUB_FORM_MAX_VALUE + 2);
    memset(big, 'x', HUB_FORM_MAX_VALUE + 1);
    big[HUB_FORM_MAX_VALUE + 1] = 0;
    CHECK_INT(hub_form_add(&fd, "title.fi", big), MJ_EINVAL);            /* oversized */
    free(big);
    CHECK_INT(hub_form_add_under(&fd, "events[2].", "events[2].start", "2026-12-01T10:00"), 0);
    CHECK_INT(hub_form_add_under(&fd, "events[2].", "events[3].start", "x"), 0);
    CHECK_INT(hub_form_add_under(&fd, "events[2].", "_csrf", "x"), 0);
    CHECK_INT(fd.n, 3);
    CHECK_STR(hub_form_get(&fd, "start"), "2026-12-01T10:00");
    hub_form_free(&fd);
}

/* The reasons in the editor user's language (hub/fi.po, sv.po), English without one. */
static void reasons_in_language(void)
{
    static const char *const x[] = { "repeat", "weekly", "interval", "1", NULL };
    static const char *const langs[] = { "fi", "sv", NULL };
    static const char *const want[] = { "days: valitse vähintään yksi viikonpäivä", "days: välj minst en veckodag",
                                        "days: choose at least one weekday" };
    for (int i = 0; i < 3; i++) {
        json_t *c = demo_content(), *events = json_object_get(c, "events");
        hub_form fd;
        hub_evform_saved sv;
        char err[512], field[64];
        form_plus(&fd, x);
        CHECK_INT(hub_evform_apply(events, NULL, &fd, "", NULL, langs[i], &sv, field, sizeof field, err, sizeof err), MJ_EINVAL);
        CHECK_STR(err, want[i]);
        hub_form_free(&fd);
        json_decref(c);
    }
}

int main(void)
{
    RUN(rule_shapes);
    RUN(demo_round_trip);
    RUN(every_other_week);
    RUN(monthly_shapes);
    RUN(cancel_and_move);
    RUN(kept_rule);
    RUN(bad_input);
    RUN(validator_messages);
    RUN(prefixed);
    RUN(formdata);
    RUN(reasons_in_language);
    return TEST_DONE();
}
