/* test_print_slip.c - the slip model (masking, hours, QR payloads), the text layout (RTL
 * alignment) and whole slips in Finnish and Arabic on 58 and 80 mm paper: printed through the
 * fake printer, the rebuilt rasters' QR codes decoded with zbarimg. */
#include "test.h"
#include "fake.h"
#include "slips.h"
#include "zbar.h"
#include "escpos_io.h"
#include "slip_render.h"
#include "util.h"

static char err[MJ_ERRLEN];
static ink_ctx *tx;

static void masked(const char *in, const char *want)
{
    char out[256];
    slip_mask(in, out, sizeof out);
    CHECK_STR(out, want);
}

static void test_mask(void)
{
    masked("drop-in Tue 9–11", "drop-in Tue 9–11");
    masked("ti 9-11 ja to 13-15", "ti 9-11 ja to 13-15");
    masked("soita 040 123 4567 klo 9", "soita *** klo 9");
    masked("puh. +358 40 1234567.", "puh. ***.");
    masked("0401234567", "***");
    masked("tel 09-310 5000", "tel ***");
    masked("anna.virtanen@example.fi kysyy", "*** kysyy");
    masked("hetu 131052-308T tässä", "hetu *** tässä");
    masked("131052A308T", "***");
    masked("huone 12, 2. krs", "huone 12, 2. krs");
    masked("pvm 23.11.2026", "pvm 23.11.2026");
    masked("اتصل 0401234567 غدا", "اتصل *** غدا");
    masked("", "");
    char small[6];
    slip_mask("ääää", small, sizeof small);      /* cut on a character boundary */
    CHECK_STR(small, "ää");
}

static void test_hours(void)
{
    hours_spec h = { test_week, 5, NULL, 0 };
    char out[256];
    slip_hours_text(&h, slips_words(), "fi", out, sizeof out);
    CHECK_STR(out, "ma–to 9–16, pe 9–14");
    slip_hours_text(&h, slips_words(), "en", out, sizeof out);
    CHECK_STR(out, "Mon–Thu 9–16, Fri 9–14");
    slip_hours_text(&h, slips_words(), "ar", out, sizeof out);
    CHECK_STR(out, "الاثنين–الخميس 9–16، الجمعة 9–14");
    slip_hours_text(&h, slips_words(), "xx", out, sizeof out);          /* unknown language: English */
    CHECK_STR(out, "Mon–Thu 9–16, Fri 9–14");
    hours_range r2[] = { { 2, 780, 960, 0 }, { 0, 570, 690, 0 }, { 2, 540, 660, 0 }, { 1, 570, 690, 0 }, { 6, 600, 1440, 0 } };
    hours_spec h2 = { r2, 5, NULL, 0 };
    slip_hours_text(&h2, slips_words(), "fi", out, sizeof out);
    CHECK_STR(out, "ma, ti 9.30–11.30, ke 9–11 & 13–16, su 10–24");
    slip_hours_text(&h2, slips_words(), "ru", out, sizeof out);
    CHECK_STR(out, "Пн, Вт 9:30–11:30, Ср 9–11 & 13–16, Вс 10–24");
    hours_spec none = { NULL, 0, NULL, 0 };
    slip_hours_text(&none, slips_words(), "fi", out, sizeof out);
    CHECK_STR(out, "");
    char tiny[16];
    slip_hours_text(&h, slips_words(), "fi", tiny, sizeof tiny);        /* a group that does not fit is left out */
    CHECK_STR(tiny, "ma–to 9–16");
}

static void test_model(void)
{
    slip s;
    slip_finnish(&s);
    CHECK_INT(s.nservices, 3);
    CHECK_STR(s.services[0].address, "Säästöpankinranta 2, 00530 Helsinki");
    CHECK_STR(s.services[0].hours, "ma–to 9–16, pe 9–14");
    CHECK_STR(s.note, "Drop-in ti 9–11, kysy Annaa p. ***");
    char qr[600];
    CHECK_INT(slip_qr_text(&s.services[0], qr, sizeof qr), 0);
    CHECK_STR(qr, URL_NEUVOLA);
    CHECK_INT(slip_qr_text(&s.services[2], qr, sizeof qr), 0);
    CHECK_STR(qr, MECARD_VAUVA);
    slip_service empty;
    memset(&empty, 0, sizeof empty);
    snprintf(empty.name, sizeof empty.name, "x");
    CHECK_INT(slip_qr_text(&empty, qr, sizeof qr), MJ_ENOTFOUND);

    catalog_service c;
    svc_fill(&c, "x", "X", NULL, NULL, NULL, NULL, NULL, NULL, NULL);
    for (int i = s.nservices; i < SLIP_MAX_SERVICES; i++) CHECK_INT(slip_add_service(&s, &c, NULL, err, sizeof err), 0);
    CHECK_INT(slip_add_service(&s, &c, NULL, err, sizeof err), MJ_EFULL);
    CHECK_STR(s.services[SLIP_MAX_SERVICES - 1].summary, "");

    char longnote[SLIP_NOTE_MAX_CHARS * 2 + 2];
    memset(longnote, 'a', sizeof longnote - 1);
    longnote[sizeof longnote - 1] = 0;
    CHECK_INT(slip_set_note(&s, longnote, err, sizeof err), MJ_EINVAL);
    longnote[SLIP_NOTE_MAX_CHARS] = 0;
    CHECK_INT(slip_set_note(&s, longnote, err, sizeof err), 0);
    CHECK_INT(slip_set_note(&s, "rivi\nrivi", err, sizeof err), 0);
    CHECK_STR(s.note, "rivi rivi");
    CHECK_INT(slip_set_note(&s, "\xff", err, sizeof err), MJ_EINVAL);
}

/* Leftmost and rightmost inked columns. */
static void ink_span(const bitmap *b, int *lo, int *hi)
{
    *lo = b->w;
    *hi = -1;
    for (int y = 0; y < b->h; y++)
        for (int x = 0; x < b->w; x++)
            if (bitmap_get(b, x, y)) { if (x < *lo) *lo = x; if (x > *hi) *hi = x; }
}

static void test_text_direction(void)
{
    ink_style st = { 24, 0, INK_START };
    bitmap b;
    int y = 0, lo, hi;
    CHECK_INT(bitmap_init(&b, 576, 0, err, sizeof err), 0);
    CHECK_INT(ink_draw(tx, &b, 8, 560, &y, "عيادة الأمومة", &st, 1, err, sizeof err), 0);
    ink_span(&b, &lo, &hi);
    CHECK(hi >= 560 && hi < 568);     /* right-aligned on a right-to-left slip */
    CHECK(lo > 300);
    CHECK(y > 24);
    bitmap_free(&b);
    y = 0;
    CHECK_INT(bitmap_init(&b, 576, 0, err, sizeof err), 0);
    CHECK_INT(ink_draw(tx, &b, 8, 560, &y, "Neuvola", &st, 0, err, sizeof err), 0);
    ink_span(&b, &lo, &hi);
    CHECK(lo >= 8 && lo < 14);
    CHECK(hi < 200);
    bitmap_free(&b);
    /* wrapping: a long paragraph takes several lines, never wider than the width */
    int h1, h3;
    CHECK_INT(ink_measure(tx, 360, "Neuvola", &st, 0, &h1, err, sizeof err), 0);
    CHECK_INT(ink_measure(tx, 360, "Raskauden ja lapsen kasvun seuranta, rokotukset ja tukea vanhemmuuteen.",
                           &st, 0, &h3, err, sizeof err), 0);
    CHECK_INT(h3, 3 * h1);
    /* a word longer than the line is cut, and says so */
    CHECK_INT(ink_measure(tx, 200, "https://www.example.fi/palvelut/aitiys-ja-lastenneuvola", &st, 0, &h1,
                           err, sizeof err), 3);
    CHECK_INT(ink_measure(tx, 200, "\xc3\x28", &st, 0, &h1, err, sizeof err), MJ_EINVAL);
}

static void test_scripts(void)
{
    static const char *const lines[] = {
        "Детская консультация, пн–чт 9–16", "Äitiys- ja lastenneuvola", "מרפאה לאם ולילד",
        "የእናቶችና የሕፃናት ክሊኒክ", "คลินิกแม่และเด็ก", "مشاوره خانواده، دوشنبه ۹ تا ۱۶", "Ελληνικά",
        "Xarunta caafimaadka hooyada iyo ilmaha", "Дитяча консультація",
    };
    ink_style st = { 24, 1, INK_START };
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        CHECK_INT(ink_missing(tx, lines[i]), 0);
        bitmap b;
        int y = 0, lo, hi;
        CHECK_INT(bitmap_init(&b, 384, 0, err, sizeof err), 0);
        CHECK_INT(ink_draw(tx, &b, 8, 368, &y, lines[i], &st, 0, err, sizeof err), 0);
        ink_span(&b, &lo, &hi);
        CHECK(hi > lo + 50);
        bitmap_free(&b);
    }
    CHECK_INT(ink_missing(tx, "你好 ok"), 2);      /* no CJK font in the set */
    CHECK_INT(ink_missing(tx, "\xff"), -1);
}

static void check_slip(fake *f, int *jobs, void (*make)(slip *), int dots, const char *want_qr)
{
    slip s;
    make(&s);
    bitmap b;
    slip_render_info info;
    CHECK_INT(slip_render(tx, &s, dots, SLIP_RECEIPT_DPI, &b, &info, err, sizeof err), 0);
    CHECK_INT(b.w, dots);
    CHECK_INT(info.overflow, 0);
    CHECK_INT(info.qr_codes, s.nservices);
    CHECK_INT(info.qr_module, 4);                 /* 0.5 mm modules at 203 dpi */
    CHECK(b.h > 600 && b.h < 4000);
    escpos_status st;
    CHECK_INT(escpos_print(f->device, &b, 5000, 0, &st, err, sizeof err), 0);
    ++*jobs;
    for (int i = 0; i < 100 && fake_jobs(f) < *jobs; i++) sleep_ms(50);
    CHECK_INT(fake_jobs(f), *jobs);
    char png[128], got[4096];
    fake_job_png(f, *jobs, png, sizeof png);
    bitmap r;
    CHECK_INT(bitmap_read_png(&r, png, err, sizeof err), 0);
    CHECK_INT(r.w, dots);
    CHECK_INT(r.h, b.h);
    bitmap_free(&r);
    zbar_decode(png, got, sizeof got);
    CHECK_STR(got, want_qr);
    bitmap_free(&b);
}

static void test_slips_on_paper(void)
{
    fake f;
    CHECK_INT(fake_start(&f, "ok"), 0);
    int jobs = 0;
    const char *fi = MECARD_VAUVA "\n" URL_NEUVOLA "\n" URL_PERHETYO;
    const char *ar = URL_NEUVOLA "\n" URL_PERHETYO;
    check_slip(&f, &jobs, slip_finnish, 576, fi);
    check_slip(&f, &jobs, slip_finnish, 384, fi);
    check_slip(&f, &jobs, slip_arabic, 576, ar);
    check_slip(&f, &jobs, slip_arabic, 384, ar);
    fake_stop(&f);
}

int main(void)
{
    if (ink_open(NULL, &tx, err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    RUN(test_mask);
    RUN(test_hours);
    RUN(test_model);
    RUN(test_text_direction);
    RUN(test_scripts);
    RUN(test_slips_on_paper);
    ink_close(tx);
    return TEST_DONE();
}
