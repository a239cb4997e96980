/* slip.h - a referral slip: what a family takes to the next service. Plain data, filled from
 * catalog structs (or directly by tests); it never holds anything about the family: the
 * centre, the date, the services and a short free note whose phone numbers, e-mail addresses
 * and personal identity codes are masked. Texts are copied (truncated at a character). */
#ifndef MAJAKKA_SLIP_H
#define MAJAKKA_SLIP_H
#include <stddef.h>
#include "catalog.h"
#include "hours.h"
#include "i18n.h"

#define SLIP_MAX_SERVICES 6
#define SLIP_NOTE_MAX_CHARS 140

typedef struct slip_service {
    char id[65];
    char name[256];
    char summary[512];
    char address[384];          /* "Street 1, 00100 City" */
    char hours[256];            /* compact week: "ma–to 9–16, pe 9–14" (+ the hours note) */
    char phone[64], email[128], url[512];
    char qr[1200];              /* its code (core/qrpayload.h), the same bytes as on the screen */
} slip_service;

typedef struct slip {
    char centre[256];
    char lang[16];              /* the family's language: labels, weekdays, direction */
    const i18n *words;          /* borrowed: its weekdays and time format (the screen's .po), or NULL */
    int year, month, mday;      /* the date printed (local, the caller's site zone) */
    char note[SLIP_NOTE_MAX_CHARS * 4 + 1];
    slip_service services[SLIP_MAX_SERVICES];
    int nservices;
} slip;

/* words: the catalog the screen reads (assets/po through core/i18n.h), so screen and paper
 * name the days alike; NULL writes English. It is only read while services are added. */
void slip_init(slip *s, const char *centre, const char *lang, const i18n *words, int year, int month, int mday);
/* Adds a service (hours may be NULL); MJ_EFULL past SLIP_MAX_SERVICES. Its address line and
 * its code come from core/qrpayload.h, as on the screen. */
int slip_add_service(slip *s, const catalog_service *svc, const hours_spec *hours, char *err, size_t errlen);
/* Sets the note: control characters become spaces, personal data is masked, longer than
 * SLIP_NOTE_MAX_CHARS is MJ_EINVAL (the screen stops typing there). */
int slip_set_note(slip *s, const char *note, char *err, size_t errlen);

/* Masks e-mail addresses, phone numbers (7+ digits, or starting + or 0 with 6+) and Finnish
 * personal identity codes (DDMMYY-NNNC) with "***"; everything else is kept. */
void slip_mask(const char *in, char *out, size_t outlen);

/* The compact weekly summary in lang: consecutive days with the same hours are grouped. The
 * day abbreviations (day.abbr.mon ..), the list separator (fmt.list) and the minutes (fmt.time)
 * are t's for lang, English when lang lacks them (t NULL: English from core/model.h). */
void slip_hours_text(const hours_spec *h, const i18n *t, const char *lang, char *out, size_t outlen);

/* What the service's QR code holds (svc->qr: qrpayload_service of the catalog service, made by
 * slip_add_service). Returns 0, MJ_ENOTFOUND when the service has nothing to put in a code, or
 * MJ_EINVAL when out is too small. The slip's direction is lang_rtl(lang) (core/lang.h). */
int slip_qr_text(const slip_service *svc, char *out, size_t outlen);

#endif
