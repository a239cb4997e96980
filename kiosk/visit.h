/* visit.h - everything that belongs to one visitor, in one struct: the screens opened past Home,
 * the language and display toggles chosen, the category, search text and keyboard shift, the
 * event filters, the feedback draft and comment, the scroll positions and (in staff mode) the
 * referral slip being made. The idle reset (idle.c) replaces it whole: visit_reset wipes every
 * byte with sodium_memzero and then sets the few non-zero defaults, so a field added here can
 * never outlive its visitor. Plain data only (no pointers): what the screens fetch for a visit
 * is content, kept and freed by kiosk.c. */
#ifndef MAJAKKA_VISIT_H
#define MAJAKKA_VISIT_H
#include <stddef.h>
#include <stdint.h>
#include "staff.h"
#include "ui.h"

typedef enum screen_id {
    SCR_HOME, SCR_CATEGORIES, SCR_SERVICES, SCR_SERVICE, SCR_EVENTS, SCR_EVENT, SCR_SEARCH,
    SCR_FEEDBACK,
    /* staff mode (screen_staff.c, screen_slip.c): every screen from SCR_PIN on */
    SCR_PIN, SCR_STAFF, SCR_SLIP_PICK, SCR_SLIP_EDIT, SCR_SLIP_PREVIEW, SCR_STAFF_PRINTER, SCR_STAFF_COUNTS,
    SCR_STAFF_STATUS, SCR_COUNT
} screen_id;

enum { EV_TODAY, EV_WEEK };

#define VISIT_MAX_DEPTH 6
#define VISIT_COMMENT_BYTES 2001        /* the outbox keeps at most 2000 bytes of a comment */
#define VISIT_FB_KEYS 16

typedef struct visit {
    screen_id stack[VISIT_MAX_DEPTH];   /* stack[0] is Home */
    int depth;
    char lang[16];                      /* the visitor's language */
    int large_text, high_contrast;
    char cat_id[65];                    /* the open category */
    int walk_in_only;                   /* the services list shows only those open now without an appointment */
    char query[256];                    /* search text (also the slip picker's) */
    int kb_layout, kb_shift;
    int ev_range; unsigned ev_aud;      /* the events screen's filters */
    /* the feedback draft (feedback_flow.c moves it from step to step) */
    int fb_step;                        /* FB_FACE, FB_QUESTION (fb_q), FB_COMMENT, FB_THANKS, FB_ERROR */
    size_t fb_q;
    unsigned fb_chosen;                 /* options ticked in a multiple-choice question */
    char fb_context[80];                /* "home", "service:ID" or "event:ID": the screen feedback came from */
    char fb_comment[VISIT_COMMENT_BYTES];   /* being typed; never logged, wiped after sending, on leaving, at reset */
    int fb_masked;                      /* the comment just sent had contact details hidden */
    int fb_thanked;                     /* the thank-you has been laid out (at fb_thanks_ms) */
    uint32_t fb_thanks_ms;
    char fb_keys[VISIT_FB_KEYS][33];    /* keys of this feedback's stored answers (test scripts print them) */
    int fb_nkeys;
    int still_there;                    /* the idle countdown is showing */
    ui_scroll scrolls[UI_MAX_SCROLLS];  /* the lists' scroll positions (the toolkit points at these) */
    staff_draft slip;                   /* staff mode: the referral slip being made */
} visit;

/* Wipes the whole visit (sodium_memzero) and starts a new one at Home: language lang, the
 * display toggles given, feedback context "home". */
void visit_reset(visit *v, const char *lang, int large_text, int high_contrast);

#endif
