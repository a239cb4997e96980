/* bench_slip.c - one referral slip rendered to an ESC/POS raster job, as the print queue does
 * when a slip is submitted: layout with our text renderer (Finnish, and Arabic right to left),
 * a QR code per service, then the GS v 0 bands. Prints "name<TAB>median<TAB>p99<TAB>unit" lines:
 *   bench_slip [RUNS]   (default 200 per language)
 * The first slip (fonts opened, glyphs rendered for the first time) is reported on its own. */
#include "escpos.h"
#include "slip.h"
#include "slip_render.h"
#include "ink.h"
#include "util.h"
#include "bench_stats.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void svc(catalog_service *c, const char *id, const char *name, const char *summary, const char *street,
                const char *phone, const char *url)
{
    memset(c, 0, sizeof *c);
    snprintf(c->id, sizeof c->id, "%s", id);
    c->name = (char *)name;
    c->summary = (char *)summary;
    c->street = (char *)street;
    c->postal_code = (char *)"00100";
    c->city = (char *)"Helsinki";
    c->phone = (char *)phone;
    c->url = (char *)url;
}

/* Three services, each with a QR code (two URLs, one MeCard), weekly hours and a note. */
static int make_slip(slip *s, const char *lang, char *err, size_t errlen)
{
    static i18n *words;   /* the weekdays the screen uses (assets/po), loaded once */
    if (!words && i18n_open(MAJAKKA_ASSETS "/po", &words, err, errlen)) return MJ_EINVAL;
    static hours_range week[] = { { 0, 540, 960, 0 }, { 1, 540, 960, 0 }, { 2, 540, 960, 0 }, { 3, 540, 960, 0 }, { 4, 540, 840, 0 } };
    hours_spec h = { week, 5, NULL, 0 };
    catalog_service c;
    int ar = strcmp(lang, "ar") == 0, rc;
    slip_init(s, "Perhekeskus Majakka", lang, words, 2026, 11, 24);
    svc(&c, "neuvola", ar ? "عيادة الأمومة والطفولة" : "Äitiys- ja lastenneuvola",
        ar ? "متابعة الحمل ونمو الطفل، التطعيمات ودعم الوالدين." :
             "Raskauden ja lapsen kasvun seuranta, rokotukset ja tukea vanhemmuuteen.",
        "Säästöpankinranta 2", "09 310 5000", "https://www.example.fi/palvelut/aitiys-ja-lastenneuvola");
    if ((rc = slip_add_service(s, &c, &h, err, errlen))) return rc;
    svc(&c, "perhetyo", ar ? "العمل الأسري" : "Perhetyö",
        ar ? "مساعدة في المنزل عندما تثقل الحياة اليومية." : "Kotiin tuleva apu arjen kuormittaessa – ilman lähetettä.",
        "Sörnäisten rantatie 1", "09 310 4000", "https://www.example.fi/palvelut/perhetyo?kieli=fi&alue=keskusta");
    if ((rc = slip_add_service(s, &c, &h, err, errlen))) return rc;
    svc(&c, "vauvatreffit", ar ? "لقاءات عائلات الرضع" : "Vauvaperhetreffit",
        ar ? "مكان لقاء مفتوح لعائلات الرضع." : "Avoin kohtaamispaikka vauvaperheille.",
        "Kirjastotie 2", "+358 9 310 12345", NULL);
    if ((rc = slip_add_service(s, &c, NULL, err, errlen))) return rc;
    return slip_set_note(s, ar ? "تعال يوم الثلاثاء 9–11 بدون موعد" : "Drop-in ti 9–11, kysy Annaa", err, errlen);
}

/* Layout + raster + ESC/POS bytes for one slip; *qr gets the number of QR codes drawn. */
static int one(ink_ctx *t, const slip *s, size_t *bytes, int *qr, char *err, size_t errlen)
{
    bitmap b;
    slip_render_info info;
    int rc = slip_render(t, s, 576, SLIP_RECEIPT_DPI, &b, &info, err, errlen);
    if (rc < 0) return rc;
    escpos_buf job = { 0 };
    rc = escpos_encode_job(&b, &job, err, errlen);
    *bytes = job.len;
    *qr = info.qr_codes;
    escpos_buf_free(&job);
    bitmap_free(&b);
    return rc;
}

int main(int argc, char **argv)
{
    int runs = argc > 1 ? atoi(argv[1]) : 200;
    if (runs < 1 || runs > 5000) { fprintf(stderr, "usage: bench_slip [RUNS]\n"); return 2; }
    char err[MJ_ERRLEN];
    static const char *const langs[] = { "fi", "ar" };
    double *v = calloc((size_t)runs * 2, sizeof *v);
    slip *s = calloc(1, sizeof *s);
    if (!v || !s) return 1;
    ink_ctx *t;
    double t0 = bench_now_ms();
    if (ink_open(NULL, &t, err, sizeof err)) { fprintf(stderr, "bench_slip: %s\n", err); return 1; }
    size_t bytes;
    int qr, k = 0;
    if (make_slip(s, "fi", err, sizeof err) || one(t, s, &bytes, &qr, err, sizeof err)) {
        fprintf(stderr, "bench_slip: %s\n", err);
        return 1;
    }
    double first = bench_now_ms() - t0;   /* fonts opened + cold */
    printf("slip_first\t%.3f\t%.3f\tms\n", first, first);
    for (size_t l = 0; l < 2; l++) {
        if (make_slip(s, langs[l], err, sizeof err)) { fprintf(stderr, "bench_slip: %s\n", err); return 1; }
        for (int i = 0; i < runs; i++) {
            double a = bench_now_ms();
            if (one(t, s, &bytes, &qr, err, sizeof err)) { fprintf(stderr, "bench_slip: %s\n", err); return 1; }
            v[k++] = bench_now_ms() - a;
        }
        fprintf(stderr, "bench_slip: %s slip: %zu bytes of ESC/POS, %d QR codes\n", langs[l], bytes, qr);
    }
    bench_report("slip_escpos", v, k, "ms", 3);
    ink_close(t);
    free(s);
    free(v);
    return 0;
}
