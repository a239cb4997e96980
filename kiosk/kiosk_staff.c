/* kiosk_staff.c - the staff side of kiosk.h: opening the PIN pad, the services a slip can be made
 * of, and what the counts and status screens show (read fresh each time they open). */
#include "kiosk.h"
#include "sync_state.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int kiosk_in_staff(const kiosk *k) { return kiosk_screen(k) > SCR_PIN && kiosk_screen(k) < SCR_COUNT; }

void kiosk_open_pin(kiosk *k)
{
    staff_end(&k->sf);
    memset(k->v.query, 0, sizeof k->v.query);
    kiosk_go(k, SCR_PIN);
}

void kiosk_staff_pick_update(kiosk *k)
{
    catalog_services_free(k->pick, k->npick);
    k->pick = NULL;
    k->npick = 0;
    catalog_filter f = { 0 };
    int rc = k->v.query[0] ? catalog_search(k->st, &k->langs, k->v.query, 60, &k->pick, &k->npick, k->err, sizeof k->err)
                         : catalog_services(k->st, &k->langs, &f, &k->pick, &k->npick, k->err, sizeof k->err);
    if (rc < 0) {
        k->pick = NULL;
        k->npick = 0;
    }
    k->changed = 1;
}

/* Local "YYYY-MM-DD" of t in the site's zone. */
static void local_date(const kiosk *k, time_t t, char out[16])
{
    tz_local lt;
    kiosk_local(k, t, &lt);
    snprintf(out, 16, "%04d-%02d-%02d", (lt.year % 10000 + 10000) % 10000, (lt.month % 100 + 100) % 100, (lt.mday % 100 + 100) % 100);
}

typedef struct optc_acc { kiosk *k; int week; } optc_acc;

static void add_option(const char *qid, int version, const char *oid, int count, void *ctx)
{
    optc_acc *a = ctx;
    kiosk *k = a->k;
    for (size_t i = 0; i < k->noptc; i++) {
        struct kiosk_optcount *o = &k->optc[i];
        if (!strcmp(o->q, qid) && o->version == version && !strcmp(o->opt, oid)) {
            if (a->week) o->week = count; else o->day = count;
            return;
        }
    }
    struct kiosk_optcount *n = realloc(k->optc, (k->noptc + 1) * sizeof *n);
    if (!n) return;
    k->optc = n;
    struct kiosk_optcount *o = &k->optc[k->noptc++];
    memset(o, 0, sizeof *o);
    snprintf(o->q, sizeof o->q, "%s", qid);
    snprintf(o->opt, sizeof o->opt, "%s", oid);
    o->version = version;
    if (a->week) o->week = count; else o->day = count;
}

void kiosk_staff_load_counts(kiosk *k)
{
    char today[16], monday[16];
    tz_local lt;
    kiosk_local(k, k->now, &lt);
    local_date(k, k->now, today);
    /* this week: from Monday (noon, so a DST change cannot move it to another day) */
    local_date(k, kiosk_midnight(k, k->now) + 12 * 3600 - (time_t)lt.wday * 86400, monday);
    memset(&k->fc_day, 0, sizeof k->fc_day);
    memset(&k->fc_week, 0, sizeof k->fc_week);
    feedback_counts_between(k->st, today, today, &k->fc_day, k->err, sizeof k->err);
    feedback_counts_between(k->st, monday, today, &k->fc_week, k->err, sizeof k->err);
    free(k->optc);
    k->optc = NULL;
    k->noptc = 0;
    optc_acc day = { k, 0 }, week = { k, 1 };
    feedback_option_counts(k->st, monday, today, add_option, &week, k->err, sizeof k->err);
    feedback_option_counts(k->st, today, today, add_option, &day, k->err, sizeof k->err);
    /* the questions' texts in the staff member's language */
    kiosk_load_questions(k);
    k->changed = 1;
}

void kiosk_staff_load_status(kiosk *k)
{
    kiosk_staff_load_counts(k);   /* the outbox and the last upload come with the counts */
    sync_state_read(k->st, SYNC_LAST_SUCCESS, k->sync_last, sizeof k->sync_last);
    sync_state_read(k->st, SYNC_LAST_ATTEMPT, k->sync_attempt, sizeof k->sync_attempt);
    sync_state_read(k->st, SYNC_CONTENT_ERROR, k->sync_error, sizeof k->sync_error);
    sync_state_read(k->st, SYNC_KIOSK_ID, k->kiosk_id, sizeof k->kiosk_id);
    k->changed = 1;
}
