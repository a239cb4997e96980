/* staff.h - staff mode's state, kept apart from its screens (screen_staff.c, screen_slip.c):
 * the PIN pad (pin.h: Argon2id hash, growing lockout, a session that ends after idle minutes),
 * the referral slip being put together (services, the family's language, a masked note), its
 * preview, and the print queue (printq.h), whose worker thread prints while the UI goes on.
 * The printer and the slip text renderer are opened on first use, so a kiosk that never prints
 * starts as fast and stays as small as before. Nothing here knows SDL or the toolkit. */
#ifndef MAJAKKA_STAFF_H
#define MAJAKKA_STAFF_H
#include <stddef.h>
#include <time.h>
#include "catalog.h"
#include "config.h"
#include "pin.h"
#include "printq.h"
#include "store.h"

/* The referral slip being made: what staff chose, before it is built (it belongs to the visit,
 * see visit.h; a staff without a visit keeps its own). */
typedef struct staff_draft {
    char ids[SLIP_MAX_SERVICES][65];
    int nids;
    char lang[16];                      /* the family's language for the slip */
    char note[SLIP_NOTE_MAX_CHARS * 4 + 1];
} staff_draft;

enum { STAFF_MSG_NONE, STAFF_MSG_QUEUED, STAFF_MSG_REPRINT, STAFF_MSG_TEST, STAFF_MSG_NO_PRINTER,
       STAFF_MSG_NO_LAST, STAFF_MSG_FULL, STAFF_MSG_FAILED };

typedef struct staff {
    const config *cfg;
    char store_path[1100];
    pin_lock lock;
    pin_session session;
    char pin[9];                        /* digits typed so far; wiped after every attempt */
    int pin_wrong;                      /* the last attempt was wrong (the pad says so) */
    /* the slip being made: d points at own_draft, or at the visit's (staff_use_draft) */
    staff_draft *d, own_draft;
    slip draft;                         /* what the preview shows and Print sends */
    bitmap preview;
    int have_preview;
    int missing_glyphs;                 /* characters of the draft no font can print */
    int msg;                            /* STAFF_MSG_*: the outcome of the last print action */
    /* the printer, started on first use */
    printq *pq;
    ink_ctx *ink;
    printq_notify_fn notify;
    void *notify_user;
    char printer_word[32];              /* the status last written to sync_state.printer_status */
} staff;

/* notify (may be NULL) is called from the printer thread after each change (post an event). */
void staff_init(staff *s, const config *cfg, const char *store_path, printq_notify_fn notify, void *user);
void staff_free(staff *s);
/* The slip being made lives in *d from now on (the kiosk points it into its visit). */
void staff_use_draft(staff *s, staff_draft *d);

/* 1 when a staff PIN is configured (else staff mode cannot be entered). */
int staff_pin_set(const staff *s);
/* A digit (0-9) on the pad, or -1 for backspace. */
void staff_pin_key(staff *s, int digit);
/* Checks the typed PIN at now: PIN_RIGHT (staff mode on), PIN_WRONG, PIN_LOCKED, or < 0 for a
 * broken hash (err). The typed digits are wiped whatever the outcome. */
int staff_pin_submit(staff *s, time_t now, char *err, size_t errlen);

/* Staff mode: on after a right PIN; staff_active ends it after [staff] idle_timeout seconds
 * without staff_touch; staff_end ends it at once and forgets the slip being made. */
int staff_active(staff *s, time_t now);
void staff_touch(staff *s, time_t now);
void staff_end(staff *s);

/* Starts a new slip in the family's language lang (staff mode stays on). */
void staff_new_slip(staff *s, const char *lang);
/* The services chosen for the slip: toggle returns 1 (now chosen), 0 (now not), MJ_EFULL. */
int staff_toggle_service(staff *s, const char *id);
int staff_has_service(const staff *s, const char *id);

/* Builds the draft slip from the chosen services in s->lang (texts resolved through that
 * language's chain), the note (masked), today's date in tz, and renders the preview exactly as
 * the configured printer will print it. words: the kiosk's catalog, for the slip's weekdays. */
int staff_build(staff *s, store *st, const i18n *words, const char *centre, const char *tz, time_t now, char *err, size_t errlen);

/* Print actions: each sets s->msg; they return at once (the printer thread does the work). */
int staff_print(staff *s, char *err, size_t errlen);
int staff_reprint(staff *s, char *err, size_t errlen);
int staff_test_print(staff *s, char *err, size_t errlen);
/* The printer's status (started on demand; refresh asks it for a fresh status answer). */
int staff_printer(staff *s, int refresh, printq_status *out, char *err, size_t errlen);
/* One word for the printer's state ("ok", "paper-end", "cover-open", "offline", "absent",
 * "waiting", "none"), as the heartbeat reports it. */
const char *staff_printer_word(const config *cfg, const printq_status *ps);
/* Writes the word to sync_state.printer_status when it changed (the sync agent sends it). */
void staff_publish_printer(staff *s, store *st);

#endif
