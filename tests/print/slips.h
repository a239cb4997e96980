/* slips.h - the slips the printing tests print: Finnish and Arabic, built from catalog structs
 * as the staff screen builds them. */
#ifndef MAJAKKA_TEST_SLIPS_H
#define MAJAKKA_TEST_SLIPS_H
#include "slip.h"
#include "i18n.h"
#include <stdio.h>
#include <string.h>

static inline void svc_fill(catalog_service *c, const char *id, const char *name, const char *summary,
                     const char *street, const char *postal, const char *city, const char *phone,
                     const char *url, const char *email)
{
    memset(c, 0, sizeof *c);
    snprintf(c->id, sizeof c->id, "%s", id);
    c->name = (char *)name;
    c->summary = (char *)summary;
    c->street = (char *)street;
    c->postal_code = (char *)postal;
    c->city = (char *)city;
    c->phone = (char *)phone;
    c->url = (char *)url;
    c->email = (char *)email;
}

/* The kiosk's .po catalogs (assets/po), which the slip takes its weekdays from as the screen does;
 * loaded once, kept for the test program's life. */
static inline const i18n *slips_words(void)
{
    static i18n *t;
    char e[256];
    if (!t && i18n_open(MAJAKKA_ASSETS "/po", &t, e, sizeof e)) { fprintf(stderr, "%s\n", e); t = NULL; }
    return t;
}

static hours_range test_week[] = {
    { 0, 540, 960, 0 }, { 1, 540, 960, 0 }, { 2, 540, 960, 0 }, { 3, 540, 960, 0 }, { 4, 540, 840, 0 },
};

#define URL_NEUVOLA "https://www.example.fi/palvelut/aitiys-ja-lastenneuvola"
#define URL_PERHETYO "https://www.example.fi/palvelut/perhetyo?kieli=fi&alue=keskusta"
#define MECARD_VAUVA "MECARD:N:Vauvaperhetreffit;TEL:+358 9 310 12345;ADR:Kirjastotie 2\\, 00100 Helsinki;;"

static inline void slip_finnish(slip *s)
{
    char err[256];
    hours_spec h = { test_week, 5, NULL, 0 };
    catalog_service c;
    slip_init(s, "Perhekeskus Majakka", "fi", slips_words(), 2026, 11, 23);
    svc_fill(&c, "neuvola", "Äitiys- ja lastenneuvola",
             "Raskauden ja lapsen kasvun seuranta, rokotukset ja tukea vanhemmuuteen.",
             "Säästöpankinranta 2", "00530", "Helsinki", "09 310 5000", URL_NEUVOLA, NULL);
    slip_add_service(s, &c, &h, err, sizeof err);
    svc_fill(&c, "perhetyo", "Perhetyö", "Kotiin tuleva apu arjen kuormittaessa – ilman lähetettä.",
             "Sörnäisten rantatie 1", "00500", "Helsinki", "09 310 4000", URL_PERHETYO, NULL);
    slip_add_service(s, &c, NULL, err, sizeof err);
    svc_fill(&c, "vauvatreffit", "Vauvaperhetreffit", "Avoin kohtaamispaikka vauvaperheille.",
             "Kirjastotie 2", "00100", "Helsinki", "+358 9 310 12345", NULL, NULL);
    slip_add_service(s, &c, NULL, err, sizeof err);
    slip_set_note(s, "Drop-in ti 9–11, kysy Annaa p. 040 123 4567", err, sizeof err);
}

static inline void slip_arabic(slip *s)
{
    char err[256];
    hours_spec h = { test_week, 5, NULL, 0 };
    catalog_service c;
    slip_init(s, "Perhekeskus Majakka", "ar", slips_words(), 2026, 11, 23);
    svc_fill(&c, "neuvola", "عيادة الأمومة والطفولة",
             "متابعة الحمل ونمو الطفل، التطعيمات ودعم الوالدين.",
             "Säästöpankinranta 2", "00530", "Helsinki", "09 310 5000", URL_NEUVOLA, NULL);
    slip_add_service(s, &c, &h, err, sizeof err);
    svc_fill(&c, "perhetyo", "العمل الأسري", "مساعدة في المنزل عندما تثقل الحياة اليومية.",
             "Sörnäisten rantatie 1", "00500", "Helsinki", "09 310 4000", URL_PERHETYO, NULL);
    slip_add_service(s, &c, NULL, err, sizeof err);
    slip_set_note(s, "تعال يوم الثلاثاء 9–11 بدون موعد", err, sizeof err);
}

#endif
