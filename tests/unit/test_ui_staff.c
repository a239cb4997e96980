/* test_ui_staff.c - staff mode's state (kiosk/staff.h) without a screen: the PIN pad's digits,
 * lockout and session, choosing services, the draft slip and its preview (printer "none":
 * rendered at the configured width, never printed), the printer's state words. */
#include "test.h"
#include "import.h"
#include "staff.h"
#include "util.h"
#include <stdlib.h>
#include <unistd.h>

static char dir[] = "/tmp/majakka-staff-XXXXXX";
static store *st;
static config cfg;
static i18n *words;   /* the kiosk's catalogs: the slip names the days as the screen does */

static void setup(void)
{
    char path[256], err[MJ_ERRLEN];
    import_summary sum;
    if (!mkdtemp(dir)) exit(1);
    snprintf(path, sizeof path, "%s/store.db", dir);
    if (store_open(path, &st, err, sizeof err) ||
        import_file(st, MAJAKKA_TEST_DATA "/bundles/mini.json", &sum, err, sizeof err)) {
        fprintf(stderr, "setup: %s\n", err);
        exit(1);
    }
    if (i18n_open(MAJAKKA_ASSETS "/po", &words, err, sizeof err)) { fprintf(stderr, "setup: %s\n", err); exit(1); }
    config_defaults(&cfg);
    if (pin_hash_new("2580", cfg.staff_pin_hash, sizeof cfg.staff_pin_hash, err, sizeof err)) exit(1);
}

static void type(staff *s, const char *digits)
{
    for (const char *p = digits; *p; p++) staff_pin_key(s, *p - '0');
}

static void test_pin_pad(void)
{
    staff s;
    char err[MJ_ERRLEN];
    staff_init(&s, &cfg, NULL, NULL, NULL);
    CHECK(staff_pin_set(&s));
    type(&s, "123456789");
    CHECK_STR(s.pin, "12345678");            /* at most 8 digits */
    staff_pin_key(&s, -1);
    CHECK_STR(s.pin, "1234567");
    staff_pin_key(&s, 10);                    /* not a digit: ignored */
    CHECK_STR(s.pin, "1234567");
    time_t now = 1000000;
    CHECK_INT(staff_pin_submit(&s, now, err, sizeof err), PIN_WRONG);
    CHECK_STR(s.pin, "");                     /* wiped after every attempt */
    CHECK(s.pin_wrong);
    for (int i = 0; i < 3; i++) { type(&s, "0000"); CHECK_INT(staff_pin_submit(&s, now, err, sizeof err), PIN_WRONG); }
    type(&s, "0000");
    CHECK_INT(staff_pin_submit(&s, now, err, sizeof err), PIN_LOCKED);
    CHECK_INT(pin_lock_remaining(&s.lock, now), 30);
    type(&s, "2580");                         /* the right PIN while locked does nothing */
    CHECK_INT(staff_pin_submit(&s, now + 10, err, sizeof err), PIN_LOCKED);
    CHECK(!staff_active(&s, now + 10));
    type(&s, "2580");
    CHECK_INT(staff_pin_submit(&s, now + 31, err, sizeof err), PIN_RIGHT);
    CHECK(staff_active(&s, now + 31));
    staff_free(&s);
}

static void test_session(void)
{
    staff s;
    char err[MJ_ERRLEN];
    staff_init(&s, &cfg, NULL, NULL, NULL);
    time_t now = 2000000;
    type(&s, "2580");
    CHECK_INT(staff_pin_submit(&s, now, err, sizeof err), PIN_RIGHT);
    staff_new_slip(&s, "fi");
    CHECK_INT(staff_toggle_service(&s, "neuvola"), 1);
    snprintf(s.d->note, sizeof s.d->note, "secret");
    staff_touch(&s, now + 100);
    CHECK(staff_active(&s, now + 219));       /* two minutes after the last touch */
    CHECK(!staff_active(&s, now + 221));
    CHECK_INT(s.d->nids, 0);                     /* the slip is forgotten */
    CHECK_STR(s.d->note, "");
    CHECK(!staff_active(&s, now + 222));      /* and it stays off until the PIN again */
    staff_free(&s);
}

static void test_choose(void)
{
    staff s;
    staff_init(&s, &cfg, NULL, NULL, NULL);
    staff_new_slip(&s, "sv");
    const char *ids[] = { "a", "b", "c", "d", "e", "f" };
    for (int i = 0; i < 6; i++) CHECK_INT(staff_toggle_service(&s, ids[i]), 1);
    CHECK_INT(staff_toggle_service(&s, "g"), MJ_EFULL);
    CHECK(staff_has_service(&s, "c"));
    CHECK_INT(staff_toggle_service(&s, "c"), 0);
    CHECK(!staff_has_service(&s, "c"));
    CHECK_INT(s.d->nids, 5);
    CHECK_STR(s.d->ids[2], "d");                 /* order kept */
    CHECK_STR(s.d->lang, "sv");
    staff_free(&s);
}

static void test_build_preview(void)
{
    staff s;
    char err[MJ_ERRLEN];
    staff_init(&s, &cfg, NULL, NULL, NULL);
    staff_new_slip(&s, "fi");
    CHECK(staff_build(&s, st, words, "Majakka", "Europe/Helsinki", 1795000000, err, sizeof err) < 0);   /* nothing chosen */
    staff_toggle_service(&s, "neuvola");
    staff_toggle_service(&s, "perhekahvila");
    snprintf(s.d->note, sizeof s.d->note, "soita 040 1234567 tai matti@example.fi");
    int rc = staff_build(&s, st, words, "Majakka", "Europe/Helsinki", 1795000000, err, sizeof err);
    if (rc) fprintf(stderr, "build: %s\n", err);
    CHECK_INT(rc, MJ_OK);
    /* the slip's weekday is the screen's catalog's (fi.po day.abbr.mon), not a table of its own */
    CHECK_STR(i18n_get_in(words, "fi", "day.abbr.mon"), "ma");
    CHECK(strncmp(s.draft.services[0].hours, "ma 8", 4) == 0);
    CHECK(s.have_preview);
    CHECK_INT(s.preview.w, 576);              /* the configured receipt width, printer or not */
    CHECK(s.preview.h > 300);
    CHECK_INT(s.draft.nservices, 2);
    CHECK_STR(s.draft.note, "soita *** tai ***");
    CHECK_STR(s.draft.lang, "fi");
    CHECK_INT(s.draft.year, 2026);
    CHECK_STR(s.draft.services[0].id, "neuvola");
    /* an unknown service is an error and keeps the last good preview */
    staff_toggle_service(&s, "no-such-service");
    CHECK(staff_build(&s, st, words, "Majakka", "Europe/Helsinki", 1795000000, err, sizeof err) < 0);
    CHECK(s.have_preview);
    CHECK_INT(s.draft.nservices, 2);
    /* printer "none": printing says so and nothing is queued */
    CHECK(staff_print(&s, err, sizeof err) < 0);
    CHECK_INT(s.msg, STAFF_MSG_NO_PRINTER);
    staff_free(&s);
}

static void test_printer_words(void)
{
    config c;
    config_defaults(&c);
    printq_status ps;
    memset(&ps, 0, sizeof ps);
    CHECK_STR(staff_printer_word(&c, &ps), "none");
    snprintf(c.printer, sizeof c.printer, "tcp:127.0.0.1:9100");
    CHECK_STR(staff_printer_word(&c, &ps), "ok");
    ps.has_printer = 1;
    ps.printer.offline = 1;
    ps.printer.paper_end = 1;
    CHECK_STR(staff_printer_word(&c, &ps), "paper-end");   /* the cause, not just "offline" */
    ps.printer.cover_open = 1;
    CHECK_STR(staff_printer_word(&c, &ps), "cover-open");
    memset(&ps, 0, sizeof ps);
    ps.state = PRINTQ_WAITING;
    ps.last_rc = MJ_EIO;
    CHECK_STR(staff_printer_word(&c, &ps), "absent");
}

int main(void)
{
    setup();
    RUN(test_pin_pad);
    RUN(test_session);
    RUN(test_choose);
    RUN(test_build_preview);
    RUN(test_printer_words);
    store_close(st);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd)) { /* leftovers in /tmp are harmless */ }
    return TEST_DONE();
}
