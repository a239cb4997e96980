/* test_ui_visit.c - the visit is wiped by construction (kiosk/visit.h, kiosk/idle.h): every byte
 * of struct visit is filled, and after a reset none of it survives; the same through the kiosk's
 * idle reset, whose staff slip draft and scroll positions live in the visit too. */
#include "test.h"
#include "idle.h"
#include "import.h"
#include "kiosk.h"
#include "util.h"
#include <stdlib.h>
#include <unistd.h>

static int fake_width(void *ctx, int script, int bold, int px, int rtl, const char *s, size_t len)
{
    (void)ctx; (void)script; (void)bold; (void)rtl; (void)s;
    return (int)len * px / 2;
}

static void fake_vmetrics(void *ctx, int script, int bold, int px, int *ascent, int *height)
{
    (void)ctx; (void)script; (void)bold;
    *ascent = px * 4 / 5;
    *height = px;
}

/* Offset of the first byte where a and b differ, or -1. */
static long first_diff(const void *a, const void *b, size_t n)
{
    const unsigned char *p = a, *q = b;
    for (size_t i = 0; i < n; i++)
        if (p[i] != q[i]) return (long)i;
    return -1;
}

static void test_visit_reset_wipes_every_byte(void)
{
    visit fresh, v;
    memset(&fresh, 0, sizeof fresh);
    visit_reset(&fresh, "sv", 1, 0);
    CHECK_INT(fresh.depth, 1);
    CHECK_INT(fresh.stack[0], SCR_HOME);
    CHECK_STR(fresh.lang, "sv");
    CHECK_STR(fresh.fb_context, "home");
    CHECK_INT(fresh.large_text, 1);
    /* every fill pattern: each byte of each member, whatever a future field is */
    const unsigned char fills[] = { 0x01, 0x5A, 0xA5, 0xFF };
    for (size_t f = 0; f < sizeof fills; f++) {
        memset(&v, fills[f], sizeof v);
        visit_reset(&v, "sv", 1, 0);
        CHECK_INT(first_diff(&v, &fresh, sizeof v), -1);
    }
    /* one byte at a time (catches a reset that copies a member over from the old visit) */
    int survived = 0;
    for (size_t i = 0; i < sizeof v; i++) {
        v = fresh;
        ((unsigned char *)&v)[i] ^= 0xFF;
        visit_reset(&v, "sv", 1, 0);
        if (first_diff(&v, &fresh, sizeof v) >= 0) survived++;
    }
    CHECK_INT(survived, 0);
}

static void test_idle_reset_replaces_the_visit(void)
{
    char dir[] = "/tmp/majakka-visit-XXXXXX", path[256], err[MJ_ERRLEN];
    import_summary sum;
    store *st = NULL;
    i18n *tr = NULL;
    config cfg;
    static kiosk k;
    CHECK(mkdtemp(dir) != NULL);
    snprintf(path, sizeof path, "%s/store.db", dir);
    CHECK_INT(store_open(path, &st, err, sizeof err), MJ_OK);
    CHECK_INT(import_file(st, MAJAKKA_TEST_DATA "/bundles/mini.json", &sum, err, sizeof err), MJ_OK);
    config_defaults(&cfg);
    snprintf(cfg.data_dir, sizeof cfg.data_dir, "%s", dir);
    CHECK_INT(i18n_open(MAJAKKA_ASSETS "/po", &tr, err, sizeof err), MJ_OK);
    CHECK_INT(kiosk_init(&k, &cfg, st, tr, 800, 480, 96, (ui_measure){ NULL, fake_width, fake_vmetrics },
                         err, sizeof err), MJ_OK);
    idle_reset(&k);
    visit fresh = k.v;   /* a new visit as the kiosk starts it */
    CHECK_INT(kiosk_screen(&k), SCR_HOME);
    /* a visitor who left traces in every member, the slip draft and the scroll areas included */
    memset(&k.v, 0xA5, sizeof k.v);
    k.v.depth = 2;
    k.v.stack[0] = SCR_HOME;
    k.v.stack[1] = SCR_SEARCH;
    CHECK(k.u.scrolls == k.v.scrolls);
    CHECK(k.sf.d == &k.v.slip);
    unsigned resets = k.resets;
    idle_reset(&k);
    CHECK_INT(k.resets, resets + 1);
    CHECK_INT(first_diff(&k.v, &fresh, sizeof k.v), -1);
    CHECK_INT(kiosk_screen(&k), SCR_HOME);
    CHECK_STR(k.v.query, "");
    CHECK_STR(k.v.slip.note, "");
    CHECK_INT(k.u.scrolls[0].id, 0);
    kiosk_free(&k);
    i18n_close(tr);
    store_close(st);
    snprintf(path, sizeof path, "rm -rf '%s'", dir);
    if (system(path) != 0) fprintf(stderr, "could not remove %s\n", dir);
}

int main(void)
{
    RUN(test_visit_reset_wipes_every_byte);
    RUN(test_idle_reset_replaces_the_visit);
    return TEST_DONE();
}
