/* kiosk.h - the visitor-facing state every screen shares: which screen is open (a small
 * stack, never more than three taps from Home), the language and its fallback chain, the
 * content fetched for the open screens (through catalog.h only), search text, toggles and the
 * idle countdown. No SDL here: app.c feeds input and time, the screens emit ui commands. */
#ifndef MAJAKKA_KIOSK_H
#define MAJAKKA_KIOSK_H
#include <stdint.h>
#include <time.h>
#include "catalog.h"
#include "config.h"
#include "feedback.h"
#include "hours.h"
#include "i18n.h"
#include "qrcode.h"
#include "staff.h"
#include "text.h"
#include "theme.h"
#include "tz.h"
#include "ui.h"
#include "util.h"
#include "visit.h"

enum { KB_LATIN, KB_RUSSIAN, KB_UKRAINIAN, KB_ARABIC, KB_COUNT };
/* The keyboard layout that suits a language (Latin for the rest). */
int kiosk_native_keyboard(const char *lang);

#define KIOSK_MAX_CARDS 64

typedef struct kiosk {
    const config *cfg;
    store *st;
    ui u;
    theme th;
    i18n *tr;
    double dpi;
    visit v;                        /* everything of the visitor now at the screen (visit.h) */
    catalog_langs langs;
    time_t now;                     /* wall clock (virtual in test scripts) */
    int changed;                    /* state changed during this frame: lay out again */
    /* content for the open screens */
    catalog_site site; int have_site;
    hours_spec site_hours;
    catalog_category *cats; size_t ncats;
    catalog_service *svcs; size_t nsvcs;
    hours_state *svc_open;          /* open-now per listed service */
    hours_state *svc_walk;          /* without an appointment now, per listed service (change_at -1: not walk-in) */
    catalog_service svc; int have_svc;
    hours_spec svc_hours; int have_svc_hours;
    hours_state svc_walk_state;     /* the open service's hours without an appointment (change_at -1: none) */
    catalog_event *events; size_t nevents;
    catalog_event ev; int have_ev;  /* a deep copy for the detail screen */
    catalog_event *attract; size_t nattract;
    time_t attract_day;             /* local midnight the attract list was built for */
    qrcode qr; char qr_payload[1200]; int have_qr;
    /* search */
    catalog_service *results; size_t nresults;
    /* feedback: the visit's answers go to the outbox at once; the draft is only the step */
    feedback_ctx fb; int have_fb;
    catalog_question *questions; size_t nquestions;
    unsigned fb_wipes;              /* comments wiped so far (the app then drops cached text too) */
    /* idle */
    uint32_t last_input_ms;
    int staff_requests;             /* long presses on the logo so far (test scripts count them) */
    unsigned resets;                /* idle resets so far (the app then drops cached text too) */
    /* staff mode: its state (staff.h) and what its screens show */
    staff sf;
    catalog_service *pick; size_t npick;   /* services to pick for a slip: all, or the search's */
    feedback_counts fc_day, fc_week;
    struct kiosk_optcount { char q[65], opt[65]; int version, day, week; } *optc;
    size_t noptc;
    char sync_last[40], sync_attempt[40], sync_error[160], kiosk_id[80];
    /* the cards (tiles, list rows) laid out this frame, physical, in order: for test scripts */
    ui_rect cards[KIOSK_MAX_CARDS];
    int ncards;
    char err[MJ_ERRLEN];
} kiosk;

/* Sets up the state; the first visit starts with idle_reset (idle.h). */
int kiosk_init(kiosk *k, const config *cfg, store *st, i18n *tr, int w, int h, double dpi,
               ui_measure m, char *err, size_t errlen);
void kiosk_free(kiosk *k);

/* Frees what was fetched for the visit alone (slip picker list, open detail, its QR code). */
void kiosk_forget_visit_content(kiosk *k);
/* Sets the UI and content language and refetches what the open screens show. */
void kiosk_set_language(kiosk *k, const char *lang);
/* Refetch everything (new content, new language). */
void kiosk_reload(kiosk *k);
/* Rebuild sizes and colours (toggles, window size). */
void kiosk_apply_theme(kiosk *k);

/* Navigation. */
screen_id kiosk_screen(const kiosk *k);
void kiosk_go(kiosk *k, screen_id s);
void kiosk_back(kiosk *k);
void kiosk_home(kiosk *k);
void kiosk_open_category(kiosk *k, const char *id);
void kiosk_open_service(kiosk *k, const char *id);
void kiosk_open_event(kiosk *k, const catalog_event *e);
void kiosk_load_events(kiosk *k);
void kiosk_load_attract(kiosk *k);   /* today's next events for Home's strip */
void kiosk_search_update(kiosk *k);
/* The "Take with you" code of the open detail: payload made into k->qr (empty: none). */
void kiosk_set_qr(kiosk *k, const char *payload);
/* The site's active feedback questions in the visitor's language chain (k->questions). */
void kiosk_load_questions(kiosk *k);
/* Staff mode: the PIN pad (from the logo's long press), the staff menu after a right PIN, the
 * slip picker (all services, or the search's), the counts and status screens' data. */
void kiosk_open_pin(kiosk *k);
void kiosk_staff_pick_update(kiosk *k);
void kiosk_staff_load_counts(kiosk *k);
void kiosk_staff_load_status(kiosk *k);
/* 1 while a staff screen (past the PIN pad) is open. */
int kiosk_in_staff(const kiosk *k);

/* UI string by message id in the visitor's language chain. */
const char *kiosk_t(const kiosk *k, const char *id);

/* Local calendar helpers in the site's zone: "10.00" / "10:00" by language, the long date
 * ("maanantai 23.11.2026"), a weekday name (0 = Monday). */
const char *kiosk_tzid(const kiosk *k);   /* the site's zone, Europe/Helsinki without one */
void kiosk_local(const kiosk *k, time_t t, tz_local *out);
void kiosk_fmt_time(const kiosk *k, time_t t, char *buf, size_t len);
void kiosk_fmt_date(const kiosk *k, time_t t, char *buf, size_t len);
const char *kiosk_weekday(const kiosk *k, int wday);
/* Local midnight of the day t falls in. */
time_t kiosk_midnight(const kiosk *k, time_t t);

#endif
