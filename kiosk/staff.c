/* staff.c - see staff.h. */
#include "staff.h"
#include "sync_state.h"
#include "hours.h"
#include "slip_render.h"
#include "tz.h"
#include "util.h"
#include <sodium.h>
#include <stdio.h>
#include <string.h>

void staff_init(staff *s, const config *cfg, const char *store_path, printq_notify_fn notify, void *user)
{
    memset(s, 0, sizeof *s);
    s->cfg = cfg;
    snprintf(s->store_path, sizeof s->store_path, "%s", store_path ? store_path : "");
    s->notify = notify;
    s->notify_user = user;
    pin_lock_init(&s->lock);
    s->d = &s->own_draft;
}

void staff_use_draft(staff *s, staff_draft *d) { s->d = d ? d : &s->own_draft; }

static void forget_slip(staff *s)
{
    if (s->have_preview) bitmap_free(&s->preview);
    s->have_preview = 0;
    /* the note may have held something private until it was masked: wipe, not just truncate */
    sodium_memzero(s->d, sizeof *s->d);
    sodium_memzero(&s->draft, sizeof s->draft);
    s->missing_glyphs = 0;
    s->msg = STAFF_MSG_NONE;
}

void staff_free(staff *s)
{
    forget_slip(s);
    if (s->pq) printq_stop(s->pq);
    if (s->ink) ink_close(s->ink);
    s->pq = NULL;
    s->ink = NULL;
}

int staff_pin_set(const staff *s) { return s->cfg->staff_pin_hash[0] != 0; }

void staff_pin_key(staff *s, int digit)
{
    size_t n = strlen(s->pin);
    s->pin_wrong = 0;
    if (digit < 0) { if (n) s->pin[n - 1] = 0; return; }
    if (digit > 9 || n + 1 >= sizeof s->pin) return;
    s->pin[n] = (char)('0' + digit);
    s->pin[n + 1] = 0;
}

int staff_pin_submit(staff *s, time_t now, char *err, size_t errlen)
{
    int rc = pin_attempt(&s->lock, s->cfg->staff_pin_hash, s->pin, now, err, errlen);
    sodium_memzero(s->pin, sizeof s->pin);
    s->pin_wrong = rc == PIN_WRONG || rc == PIN_LOCKED;
    if (rc == PIN_RIGHT) {
        forget_slip(s);
        pin_session_start(&s->session, now);
    }
    return rc;
}

int staff_active(staff *s, time_t now)
{
    if (!s->session.active) return 0;
    if (pin_session_active(&s->session, now, s->cfg->staff_idle_s)) return 1;
    staff_end(s);
    return 0;
}

void staff_touch(staff *s, time_t now) { if (s->session.active) pin_session_touch(&s->session, now); }

void staff_end(staff *s)
{
    pin_session_end(&s->session);
    sodium_memzero(s->pin, sizeof s->pin);
    s->pin_wrong = 0;
    forget_slip(s);
}

void staff_new_slip(staff *s, const char *lang)
{
    forget_slip(s);
    snprintf(s->d->lang, sizeof s->d->lang, "%s", lang ? lang : "");
}

int staff_has_service(const staff *s, const char *id)
{
    for (int i = 0; i < s->d->nids; i++)
        if (strcmp(s->d->ids[i], id) == 0) return 1;
    return 0;
}

int staff_toggle_service(staff *s, const char *id)
{
    for (int i = 0; i < s->d->nids; i++) {
        if (strcmp(s->d->ids[i], id)) continue;
        memmove(s->d->ids[i], s->d->ids[i + 1], sizeof s->d->ids[0] * (size_t)(s->d->nids - i - 1));
        s->d->nids--;
        return 0;
    }
    if (s->d->nids >= SLIP_MAX_SERVICES) return MJ_EFULL;
    snprintf(s->d->ids[s->d->nids++], sizeof s->d->ids[0], "%s", id);
    return 1;
}

/* The printer and the slip fonts, opened the first time staff need them. */
static int ensure_printer(staff *s, char *err, size_t errlen)
{
    int rc;
    if (!s->ink && (rc = ink_open(NULL, &s->ink, err, errlen)) < 0) return rc;
    if (!s->pq) {
        printq_config pc;
        printq_config_from(s->cfg, s->store_path[0] ? s->store_path : NULL, &pc);
        pc.notify = s->notify;
        pc.user = s->notify_user;
        if ((rc = printq_start(&pc, &s->pq, err, errlen)) < 0) return rc;
    }
    return MJ_OK;
}

int staff_build(staff *s, store *st, const i18n *words, const char *centre, const char *tz, time_t now, char *err, size_t errlen)
{
    int rc = ensure_printer(s, err, errlen);
    if (rc < 0) return rc;
    if (!s->d->nids) return mj_err(err, errlen, MJ_EINVAL, "slip: no service chosen");
    catalog_langs langs;
    if ((rc = catalog_langs_for(st, s->d->lang[0] ? s->d->lang : NULL, &langs, err, errlen)) < 0) return rc;
    tz_local lt;
    if (tz_to_local(now, tz && *tz ? tz : "Europe/Helsinki", &lt) < 0)
        return mj_err(err, errlen, MJ_EINVAL, "slip: no local date for %s", tz);
    slip d;
    slip_init(&d, centre ? centre : "", s->d->lang[0] ? s->d->lang : langs.lang[0], words, lt.year, lt.month, lt.mday);
    for (int i = 0; i < s->d->nids; i++) {
        catalog_service svc;
        hours_spec hs;
        if ((rc = catalog_service_get(st, &langs, s->d->ids[i], &svc, err, errlen)) < 0) return rc;
        int have_hours = hours_load(st, s->d->ids[i], &hs, err, errlen) == MJ_OK;
        rc = slip_add_service(&d, &svc, have_hours ? &hs : NULL, err, errlen);
        if (have_hours) hours_free(&hs);
        catalog_service_clear(&svc);
        if (rc < 0) return rc;
    }
    if ((rc = slip_set_note(&d, s->d->note, err, errlen)) < 0) return rc;
    bitmap bm;
    if ((rc = printq_preview(s->pq, s->ink, &d, &bm, err, errlen)) < 0) return rc;
    if (s->have_preview) bitmap_free(&s->preview);
    s->preview = bm;
    s->have_preview = 1;
    s->draft = d;
    sodium_memzero(&d, sizeof d);
    /* characters no font has would print as empty boxes: the preview warns */
    int miss = ink_missing(s->ink, s->draft.note);
    for (int i = 0; i < s->draft.nservices; i++) {
        int m = ink_missing(s->ink, s->draft.services[i].name);
        if (m > 0) miss += m;
    }
    s->missing_glyphs = miss > 0 ? miss : 0;
    return MJ_OK;
}

static int outcome(staff *s, int rc, int ok_msg)
{
    if (rc == MJ_OK) s->msg = ok_msg;
    else if (rc == MJ_EFULL) s->msg = STAFF_MSG_FULL;
    else if (rc == MJ_ENOTFOUND) s->msg = STAFF_MSG_NO_LAST;
    else if (!strcmp(s->cfg->printer, "none") || !s->cfg->printer[0]) s->msg = STAFF_MSG_NO_PRINTER;
    else s->msg = STAFF_MSG_FAILED;
    return rc;
}

int staff_print(staff *s, char *err, size_t errlen)
{
    int rc = ensure_printer(s, err, errlen);
    if (rc == MJ_OK && !s->have_preview) rc = mj_err(err, errlen, MJ_EINVAL, "slip: nothing to print");
    if (rc == MJ_OK) rc = printq_submit(s->pq, s->ink, &s->draft, err, errlen);
    return outcome(s, rc, STAFF_MSG_QUEUED);
}

int staff_reprint(staff *s, char *err, size_t errlen)
{
    int rc = ensure_printer(s, err, errlen);
    if (rc == MJ_OK) rc = printq_reprint_last(s->pq, err, errlen);
    return outcome(s, rc, STAFF_MSG_REPRINT);
}

int staff_test_print(staff *s, char *err, size_t errlen)
{
    int rc = ensure_printer(s, err, errlen);
    if (rc == MJ_OK) rc = printq_test_print(s->pq, s->ink, err, errlen);
    return outcome(s, rc, STAFF_MSG_TEST);
}

int staff_printer(staff *s, int refresh, printq_status *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    int rc = ensure_printer(s, err, errlen);
    if (rc < 0) return rc;
    if (refresh) printq_refresh(s->pq);
    printq_status_get(s->pq, out);
    return MJ_OK;
}

const char *staff_printer_word(const config *cfg, const printq_status *ps)
{
    if (!cfg->printer[0] || !strcmp(cfg->printer, "none")) return "none";
    if (ps->has_printer) {
        /* a printer out of paper or with its cover open also says offline: name the cause */
        if (ps->printer.cover_open) return "cover-open";
        if (ps->printer.paper_end) return "paper-end";
        if (ps->printer.offline) return "offline";
        if (ps->printer.near_end) return "paper-near-end";
    }
    if (ps->state == PRINTQ_WAITING) return ps->last_rc == MJ_EIO ? "absent" : "waiting";
    return "ok";
}

void staff_publish_printer(staff *s, store *st)
{
    if (!s->pq) return;
    printq_status ps;
    printq_status_get(s->pq, &ps);
    const char *w = staff_printer_word(s->cfg, &ps);
    if (!strcmp(w, s->printer_word)) return;
    if (sync_state_write(st, SYNC_PRINTER_STATUS, w) == MJ_OK) snprintf(s->printer_word, sizeof s->printer_word, "%s", w);
}
