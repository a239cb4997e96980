/* The one form-body module (sync/hub_form.h): urlencoded parsing and its bounds, a fault at one
 * field kept as near as typed, the single-field lookup the CSRF check uses (it must agree with
 * the full parse), building and views, multipart bodies. */
#include "hub_form.h"
#include "util.h"
#include "test.h"
#include <stdlib.h>
#include <string.h>

static void test_parse(void)
{
    hub_form f;
    char err[MJ_ERRLEN], *bad = NULL;
    const char *body = "a=1&b=x+y%21&c=&c=2&t=one%0D%0Atwo&d&&n=K%C3%A4rki";
    CHECK_INT(hub_form_parse(body, strlen(body), &f, &bad, err, sizeof err), MJ_OK);
    CHECK_INT(f.n, 7);
    CHECK(bad == NULL);
    CHECK_STR(hub_form_get(&f, "n"), "Kärki");
    CHECK_STR(hub_form_get(&f, "d"), "");
    CHECK(hub_form_get(&f, "e") == NULL);
    CHECK(hub_form_unused(&f) != NULL);     /* get marks nothing */
    CHECK_STR(hub_form_take(&f, "b"), "x y!");
    CHECK_STR(hub_form_take_nth(&f, "c", 1), "2");
    CHECK(hub_form_get_nth(&f, "c", 2) == NULL);
    CHECK_STR(hub_form_take(&f, "t"), "one\ntwo");
    CHECK_STR(hub_form_take(&f, "a"), "1");
    CHECK_STR(hub_form_take(&f, "d"), "");
    CHECK_STR(hub_form_take(&f, "n"), "Kärki");
    CHECK_STR(hub_form_unused(&f), "c");    /* the first c was never taken */
    CHECK_STR(hub_form_take(&f, "c"), "");
    CHECK(hub_form_unused(&f) == NULL);
    CHECK(hub_form_has_prefix(&f, "t"));
    CHECK(!hub_form_has_prefix(&f, "x"));
    hub_form_free(&f);
    /* Without bad_name, any fault refuses the whole form. */
    const char *refused[] = {"a=%zz", "a=%4", "a=%00", "a=%ff%fe", "%FF=1", "=1", NULL};
    for (int i = 0; refused[i]; i++) {
        CHECK_INT(hub_form_parse(refused[i], strlen(refused[i]), &f, NULL, err, sizeof err), MJ_EINVAL);
        CHECK_INT(f.n, 0);
    }
    CHECK_INT(hub_form_parse(NULL, 0, &f, NULL, NULL, 0), MJ_OK);
    CHECK_INT(f.n, 0);
}

static void test_fault_at_field(void)
{
    hub_form f;
    char err[MJ_ERRLEN], *bad = NULL;
    /* Bad UTF-8 in one value: that field named, every field kept, the bad bytes as U+FFFD. */
    const char *body = "a=1&name=Caf%C3%A9%FF%FE&c=3&z=%00";
    CHECK_INT(hub_form_parse(body, strlen(body), &f, &bad, err, sizeof err), MJ_EINVAL);
    CHECK_STR(bad, "name");
    CHECK_STR(err, "is not valid UTF-8 text");
    CHECK_INT(f.n, 4);
    CHECK_STR(hub_form_get(&f, "name"), "Café\xEF\xBF\xBD\xEF\xBF\xBD");
    CHECK_STR(hub_form_get(&f, "c"), "3");
    CHECK_STR(hub_form_get(&f, "z"), "\xEF\xBF\xBD");
    free(bad);
    hub_form_free(&f);
    /* A value over the limit: kept cut at a character. */
    size_t big = HUB_FORM_MAX_VALUE + 10;
    char *b = malloc(big + 16);
    memcpy(b, "long=", 5);
    memset(b + 5, 'x', big);
    memcpy(b + 5 + HUB_FORM_MAX_VALUE - 1, "%C3%A4", 6);   /* ä across the limit */
    b[5 + big] = 0;
    CHECK_INT(hub_form_parse(b, strlen(b), &f, &bad, err, sizeof err), MJ_EINVAL);
    CHECK_STR(bad, "long");
    CHECK(strstr(err, "longer than 16384 bytes") != NULL);
    CHECK_INT(f.n, 1);
    CHECK_INT(strlen(hub_form_get(&f, "long")), HUB_FORM_MAX_VALUE - 1);
    free(bad);
    hub_form_free(&f);
    free(b);
    /* Broken escapes and bad names still refuse the whole form. */
    const char *broken[] = {"a=%4", "a=%zz", "%FF=1", "=1", "x=1&a%00=2", NULL};
    for (int i = 0; broken[i]; i++) {
        bad = NULL;
        CHECK_INT(hub_form_parse(broken[i], strlen(broken[i]), &f, &bad, err, sizeof err), MJ_EINVAL);
        CHECK_INT(f.n, 0);
        CHECK(bad == NULL);
    }
    /* Too many fields. */
    size_t cap = (HUB_FORM_MAX_FIELDS + 2) * 4;
    char *many = malloc(cap);
    size_t o = 0;
    for (int i = 0; i < HUB_FORM_MAX_FIELDS + 1; i++) o += (size_t)snprintf(many + o, cap - o, "a=&");
    CHECK_INT(hub_form_parse(many, o, &f, &bad, err, sizeof err), MJ_EINVAL);
    CHECK(bad == NULL);
    CHECK(strstr(err, "more than") != NULL);
    CHECK_INT(hub_form_parse(many, o - 3 * 2, &f, &bad, err, sizeof err), MJ_OK);
    CHECK_INT(f.n, HUB_FORM_MAX_FIELDS - 1);
    hub_form_free(&f);
    free(many);
}

static void test_value(void)
{
    char *v;
    const char *body = "x=%FF&csrf=ab%63&csrf=2";   /* a broken field before the token */
    CHECK_STR(v = hub_form_value(NULL, body, strlen(body), "csrf"), "abc");
    free(v);
    body = "cs%72f=t1&x=%zz";                        /* an escaped name; a broken escape after */
    CHECK_STR(v = hub_form_value("application/x-www-form-urlencoded", body, strlen(body), "csrf"), "t1");
    free(v);
    const char *none[] = {"csrfx=1&xcsrf=2", "csrf=%FF", "csrf=%4", "", "csrf=a%00", NULL};
    for (int i = 0; none[i]; i++) CHECK(hub_form_value(NULL, none[i], strlen(none[i]), "csrf") == NULL);
    CHECK_STR(v = hub_form_value(NULL, "csrf", 4, "csrf"), "");
    free(v);
    const char *ct = "multipart/form-data; boundary=b1";
    body = "--b1\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.ics\"\r\n\r\n\xFF\xFE\r\n"
           "--b1\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\ntok\r\n--b1--\r\n";
    CHECK_STR(v = hub_form_value(ct, body, strlen(body), "csrf"), "tok");
    free(v);
    CHECK(hub_form_value(ct, body, strlen(body), "file") == NULL);   /* not UTF-8: not a value */
    CHECK(hub_form_value(ct, body, strlen(body) - 9, "csrf") == NULL); /* not closed */
}

static void test_build(void)
{
    hub_form f = { 0 }, v;
    CHECK_INT(hub_form_add(&f, "events[3].title.fi", "Vauvakahvila"), MJ_OK);
    CHECK_INT(hub_form_add(&f, "events[3].start", "2026-12-01T10:00"), MJ_OK);
    CHECK_INT(hub_form_add(&f, "events[4].start", "x"), MJ_OK);
    CHECK_INT(hub_form_add(&f, "", "x"), MJ_EINVAL);
    CHECK_INT(hub_form_add(&f, "a", "\xFF"), MJ_EINVAL);
    CHECK_INT(f.n, 3);
    CHECK_INT(hub_form_view(&f, "events[3].", &v), MJ_OK);
    CHECK_INT(v.n, 2);
    CHECK_STR(hub_form_get(&v, "start"), "2026-12-01T10:00");
    hub_form_view_free(&v);
    hub_form g = { 0 };
    for (size_t i = 0; i < f.n; i++) CHECK_INT(hub_form_add_under(&g, "events[4].", f.f[i].name, f.f[i].value), MJ_OK);
    CHECK_INT(g.n, 1);
    CHECK_INT(hub_form_prefix(&g, "events[9]."), MJ_OK);
    CHECK_STR(g.f[0].name, "events[9].start");
    char field[64] = "start", err[128] = "start: not a time";
    hub_form_prefix_err("events[9].", field, sizeof field, err, sizeof err);
    CHECK_STR(field, "events[9].start");
    CHECK_STR(err, "events[9].start: not a time");
    hub_form_free(&g);
    hub_form_free(&f);
}

static void test_multipart(void)
{
    hub_part p[4];
    int n;
    const char *ct = "multipart/form-data; boundary=----xyz";
    const char *body = "------xyz\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nabc\r\n"
                       "------xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a b.json\"\r\n"
                       "Content-Type: application/json\r\n\r\n{\"x\":\"\r\n--\"}\r\n------xyz--\r\n";
    CHECK(hub_form_is_multipart(ct));
    CHECK(!hub_form_is_multipart("application/x-www-form-urlencoded"));
    CHECK(!hub_form_is_multipart(NULL));
    CHECK_INT(hub_form_multipart(ct, body, strlen(body), p, 4, &n), MJ_OK);
    CHECK_INT(n, 2);
    CHECK_STR(p[0].name, "csrf");
    CHECK_INT(p[0].len, 3);
    CHECK_STR(p[1].filename, "a b.json");
    CHECK_INT(p[1].len, strlen("{\"x\":\"\r\n--\"}"));
    CHECK(memcmp(p[1].data, "{\"x\":", 5) == 0);
    /* malformed: no boundary, not closed, a part without a name, too many parts, a name too long */
    CHECK_INT(hub_form_multipart("multipart/form-data", body, strlen(body), p, 4, &n), MJ_EINVAL);
    CHECK_INT(hub_form_multipart(ct, body, strlen(body) - 12, p, 4, &n), MJ_EINVAL);
    const char *noname = "------xyz\r\nContent-Disposition: form-data\r\n\r\nabc\r\n------xyz--";
    CHECK_INT(hub_form_multipart(ct, noname, strlen(noname), p, 4, &n), MJ_EINVAL);
    CHECK_INT(hub_form_multipart(ct, body, strlen(body), p, 1, &n), MJ_EINVAL);
    CHECK_INT(hub_form_multipart(ct, "", 0, p, 4, &n), MJ_EINVAL);
    char longname[300];
    snprintf(longname, sizeof longname, "------xyz\r\nContent-Disposition: form-data; name=\"%064d\"\r\n\r\nabc\r\n------xyz--", 0);
    CHECK_INT(hub_form_multipart(ct, longname, strlen(longname), p, 4, &n), MJ_EINVAL);
}

int main(void)
{
    RUN(test_parse);
    RUN(test_fault_at_field);
    RUN(test_value);
    RUN(test_build);
    RUN(test_multipart);
    return TEST_DONE();
}
