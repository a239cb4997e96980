/* kiosk.c - see kiosk.h: state, navigation, fetching content, the idle countdown. */
#include "kiosk.h"
#include "screens.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *tzid(const kiosk *k)
{
    return k->have_site && k->site.timezone[0] ? k->site.timezone : "Europe/Helsinki";
}

const char *kiosk_t(const kiosk *k, const char *id) { return i18n_get(k->tr, id); }

void kiosk_local(const kiosk *k, time_t t, tz_local *out)
{
    if (tz_to_local(t, tzid(k), out) < 0) memset(out, 0, sizeof *out);
}

time_t kiosk_midnight(const kiosk *k, time_t t)
{
    tz_local lt;
    kiosk_local(k, t, &lt);
    lt.hour = lt.minute = lt.second = 0;
    time_t m;
    return tz_from_local(&lt, tzid(k), &m) < 0 ? t - t % 86400 : m;
}

void kiosk_fmt_time(const kiosk *k, time_t t, char *buf, size_t len)
{
    tz_local lt;
    char h[8], m[8];
    kiosk_local(k, t, &lt);
    snprintf(h, sizeof h, "%d", lt.hour % 100);
    snprintf(m, sizeof m, "%02d", lt.minute % 100);
    const char *args[] = { h, m };
    i18n_format(buf, len, kiosk_t(k, "fmt.time"), args, 2);
}

const char *kiosk_weekday(const kiosk *k, int wday)
{
    static const char *const ids[7] = { "day.mon", "day.tue", "day.wed", "day.thu", "day.fri", "day.sat", "day.sun" };
    return kiosk_t(k, ids[(wday % 7 + 7) % 7]);
}

void kiosk_fmt_date(const kiosk *k, time_t t, char *buf, size_t len)
{
    static const char *const months[12] = { "month.1", "month.2", "month.3", "month.4", "month.5", "month.6",
                                            "month.7", "month.8", "month.9", "month.10", "month.11", "month.12" };
    tz_local lt;
    char d[8], m[8], y[8];
    kiosk_local(k, t, &lt);
    snprintf(d, sizeof d, "%d", lt.mday % 100);
    snprintf(m, sizeof m, "%d", lt.month % 100);
    snprintf(y, sizeof y, "%d", lt.year % 10000);
    const char *args[] = { kiosk_weekday(k, lt.wday), d, m, y, kiosk_t(k, months[(lt.month + 11) % 12]) };
    i18n_format(buf, len, kiosk_t(k, "fmt.date"), args, 5);
}

/* --- content ---------------------------------------------------------------------------- */

static void free_services(kiosk *k)
{
    catalog_services_free(k->svcs, k->nsvcs);
    free(k->svc_open);
    k->svcs = NULL;
    k->svc_open = NULL;
    k->nsvcs = 0;
}

static void free_pick(kiosk *k)
{
    catalog_services_free(k->pick, k->npick);
    k->pick = NULL;
    k->npick = 0;
}

static void free_event_copy(catalog_event *e)
{
    free(e->title); free(e->description); free(e->place); free(e->cost); free(e->url);
    memset(e, 0, sizeof *e);
}

static void free_content(kiosk *k)
{
    if (k->have_site) catalog_site_free(&k->site);
    k->have_site = 0;
    hours_free(&k->site_hours);
    catalog_categories_free(k->cats, k->ncats);
    k->cats = NULL;
    k->ncats = 0;
    free_services(k);
    if (k->have_svc) catalog_service_clear(&k->svc);
    k->have_svc = 0;
    if (k->have_svc_hours) hours_free(&k->svc_hours);
    k->have_svc_hours = 0;
    catalog_events_free(k->events, k->nevents);
    k->events = NULL;
    k->nevents = 0;
    catalog_events_free(k->attract, k->nattract);
    k->attract = NULL;
    k->nattract = 0;
    k->attract_day = 0;
    free_event_copy(&k->ev);
    k->have_ev = 0;
    catalog_services_free(k->results, k->nresults);
    k->results = NULL;
    k->nresults = 0;
    k->have_qr = 0;
    catalog_questions_free(k->questions, k->nquestions);
    k->questions = NULL;
    k->nquestions = 0;
}

static void set_chain(kiosk *k)
{
    const char *chain[CATALOG_MAX_LANGS + 1];
    int n = 0;
    for (int i = 0; i < k->langs.n && n < CATALOG_MAX_LANGS; i++) chain[n++] = k->langs.lang[i];
    i18n_set_chain(k->tr, chain, n);
    k->u.rtl = strcmp(k->lang, "ar") == 0 || strcmp(k->lang, "fa") == 0 || strcmp(k->lang, "he") == 0 ||
               strcmp(k->lang, "ur") == 0;
}

void kiosk_set_qr(kiosk *k, const char *payload)
{
    k->have_qr = 0;
    if (!payload || !*payload) return;
    snprintf(k->qr_payload, sizeof k->qr_payload, "%s", payload);
    k->have_qr = qr_make(payload, &k->qr, k->err, sizeof k->err) == MJ_OK;
}

static void service_qr(kiosk *k)
{
    const catalog_service *s = &k->svc;
    if (s->url) { kiosk_set_qr(k, s->url); return; }
    char adr[600] = "", card[1200];
    if (s->street)
        snprintf(adr, sizeof adr, "%s, %s %s", s->street, s->postal_code ? s->postal_code : "", s->city ? s->city : "");
    if (!s->phone && !s->email && !adr[0]) { k->have_qr = 0; return; }
    if (qr_mecard(card, sizeof card, s->name, s->phone, s->email, adr[0] ? adr : NULL) == MJ_OK) kiosk_set_qr(k, card);
}

static void event_qr(kiosk *k)
{
    const catalog_event *e = &k->ev;
    if (e->url) { kiosk_set_qr(k, e->url); return; }
    char cal[1200];
    if (qr_vevent(cal, sizeof cal, e->id, e->title, e->start, e->end, e->place, NULL) == MJ_OK) kiosk_set_qr(k, cal);
}

void kiosk_open_category(kiosk *k, const char *id)
{
    free_services(k);
    snprintf(k->cat_id, sizeof k->cat_id, "%s", id);
    catalog_filter f = { .category = k->cat_id };
    if (catalog_services(k->st, &k->langs, &f, &k->svcs, &k->nsvcs, k->err, sizeof k->err) < 0) {
        k->svcs = NULL;
        k->nsvcs = 0;
    }
    k->svc_open = calloc(k->nsvcs ? k->nsvcs : 1, sizeof *k->svc_open);
    for (size_t i = 0; k->svc_open && i < k->nsvcs; i++) {
        hours_spec hs;
        k->svc_open[i].change_at = -1;   /* -1: no regular hours, say nothing */
        if (hours_load(k->st, k->svcs[i].id, &hs, k->err, sizeof k->err) < 0) continue;
        if (hs.nranges) hours_state_at(&hs, k->now, tzid(k), &k->svc_open[i], k->err, sizeof k->err);
        hours_free(&hs);
    }
    k->changed = 1;
}

void kiosk_open_service(kiosk *k, const char *id)
{
    char sid[65];
    snprintf(sid, sizeof sid, "%s", id);   /* id may point into the struct we free */
    if (k->have_svc) catalog_service_clear(&k->svc);
    if (k->have_svc_hours) hours_free(&k->svc_hours);
    k->have_svc = catalog_service_get(k->st, &k->langs, sid, &k->svc, k->err, sizeof k->err) == MJ_OK;
    k->have_svc_hours = k->have_svc && hours_load(k->st, sid, &k->svc_hours, k->err, sizeof k->err) == MJ_OK;
    if (k->have_svc) service_qr(k);
    k->changed = 1;
}

void kiosk_open_event(kiosk *k, const catalog_event *e)
{
    catalog_event c = *e;
    c.title = mj_strdup(e->title);
    c.description = mj_strdup(e->description);
    c.place = mj_strdup(e->place);
    c.cost = mj_strdup(e->cost);
    c.url = mj_strdup(e->url);
    free_event_copy(&k->ev);
    k->ev = c;
    k->have_ev = 1;
    event_qr(k);
    k->changed = 1;
}

void kiosk_load_events(kiosk *k)
{
    catalog_events_free(k->events, k->nevents);
    k->events = NULL;
    k->nevents = 0;
    time_t mid = kiosk_midnight(k, k->now);
    /* the next local midnight (or a week on), robust across DST: from noon of the last day */
    time_t to = kiosk_midnight(k, k->ev_range == EV_TODAY ? mid + 36 * 3600 : mid + 7 * 86400 + 12 * 3600);
    if (catalog_events_between(k->st, &k->langs, k->now, to, k->ev_aud, &k->events, &k->nevents,
                               k->err, sizeof k->err) < 0) {
        k->events = NULL;
        k->nevents = 0;
    }
    k->changed = 1;
}

void kiosk_load_attract(kiosk *k)
{
    catalog_events_free(k->attract, k->nattract);
    k->attract = NULL;
    k->nattract = 0;
    time_t mid = kiosk_midnight(k, k->now);
    k->attract_day = mid;
    time_t to = kiosk_midnight(k, mid + 36 * 3600);
    if (catalog_events_between(k->st, &k->langs, k->now, to, 0, &k->attract, &k->nattract,
                               k->err, sizeof k->err) < 0) {
        k->attract = NULL;
        k->nattract = 0;
    }
}

void kiosk_search_update(kiosk *k)
{
    catalog_services_free(k->results, k->nresults);
    k->results = NULL;
    k->nresults = 0;
    if (k->query[0] && catalog_search(k->st, &k->langs, k->query, 30, &k->results, &k->nresults,
                                      k->err, sizeof k->err) < 0) {
        k->results = NULL;
        k->nresults = 0;
    }
    k->changed = 1;
}

void kiosk_comment_wipe(kiosk *k)
{
    if (k->fb_comment[0]) k->fb_wipes++;   /* the app drops the text drawn from it too */
    memset(k->fb_comment, 0, sizeof k->fb_comment);
}

void kiosk_feedback_wipe(kiosk *k)
{
    kiosk_comment_wipe(k);
    memset(k->fb_keys, 0, sizeof k->fb_keys);
    k->fb_nkeys = 0;
    k->fb_masked = 0;
    k->fb_thanked = 0;
    k->fb_thanks_ms = 0;
}

void kiosk_feedback_done(kiosk *k)
{
    kiosk_feedback_wipe(k);
    if (kiosk_screen(k) == SCR_FEEDBACK) kiosk_back(k);
    k->changed = 1;
}

/* Where the feedback screen was opened from: the detail under it, else Home. */
static void feedback_context(kiosk *k)
{
    screen_id below = k->depth >= 2 && k->stack[k->depth - 1] == SCR_FEEDBACK ? k->stack[k->depth - 2] : SCR_HOME;
    if (below == SCR_SERVICE && k->have_svc) snprintf(k->fb_context, sizeof k->fb_context, "service:%s", k->svc.id);
    else if (below == SCR_EVENT && k->have_ev) snprintf(k->fb_context, sizeof k->fb_context, "event:%s", k->ev.id);
    else snprintf(k->fb_context, sizeof k->fb_context, "home");
}

void kiosk_load_questions(kiosk *k)
{
    catalog_questions_free(k->questions, k->nquestions);
    k->questions = NULL;
    k->nquestions = 0;
    if (catalog_questions(k->st, &k->langs, &k->questions, &k->nquestions, k->err, sizeof k->err) < 0) {
        k->questions = NULL;
        k->nquestions = 0;
    }
}

void kiosk_open_feedback(kiosk *k)
{
    feedback_context(k);
    kiosk_load_questions(k);
    k->fb_step = FB_FACE;
    k->fb_q = 0;
    k->fb_chosen = 0;
    k->changed = 1;
}

void kiosk_reload(kiosk *k)
{
    char cat[65], svc[65];
    int had_svc = k->have_svc, had_ev = k->have_ev;
    catalog_event ev = k->ev;
    snprintf(cat, sizeof cat, "%s", k->cat_id);
    snprintf(svc, sizeof svc, "%s", k->have_svc ? k->svc.id : "");
    k->ev.title = k->ev.description = k->ev.place = k->ev.cost = k->ev.url = NULL;
    free_event_copy(&k->ev);
    k->have_ev = 0;
    free_content(k);
    if (catalog_langs_for(k->st, k->lang, &k->langs, k->err, sizeof k->err) < 0) {
        k->langs.n = 1;
        snprintf(k->langs.lang[0], sizeof k->langs.lang[0], "%s", k->lang);
    }
    set_chain(k);
    k->have_site = catalog_site_get(k->st, &k->langs, &k->site, k->err, sizeof k->err) == MJ_OK;
    hours_load(k->st, NULL, &k->site_hours, k->err, sizeof k->err);
    if (catalog_categories(k->st, &k->langs, &k->cats, &k->ncats, k->err, sizeof k->err) < 0) {
        k->cats = NULL;
        k->ncats = 0;
    }
    kiosk_load_attract(k);
    if (cat[0]) kiosk_open_category(k, cat);
    if (had_svc) kiosk_open_service(k, svc);
    if (had_ev) {
        /* find the same occurrence in the new language */
        catalog_event *v = NULL;
        size_t n = 0;
        if (catalog_events_between(k->st, &k->langs, ev.start, ev.end, 0, &v, &n, k->err, sizeof k->err) == MJ_OK)
            for (size_t i = 0; i < n; i++)
                if (strcmp(v[i].id, ev.id) == 0 && v[i].start == ev.start) { kiosk_open_event(k, &v[i]); break; }
        catalog_events_free(v, n);
    }
    for (int i = 0; i < k->depth; i++)
        if (k->stack[i] == SCR_EVENTS) { kiosk_load_events(k); break; }
    if (k->query[0]) kiosk_search_update(k);
    if (kiosk_screen(k) == SCR_FEEDBACK) {
        /* the questions in the new language, at the same step */
        int step = k->fb_step;
        size_t q = k->fb_q;
        unsigned chosen = k->fb_chosen;
        kiosk_open_feedback(k);
        k->fb_step = step;
        k->fb_q = q < k->nquestions ? q : 0;
        k->fb_chosen = chosen;
        if (step == FB_QUESTION && q >= k->nquestions) k->fb_step = FB_THANKS;
    }
    k->changed = 1;
}

int kiosk_native_keyboard(const char *lang)
{
    if (strcmp(lang, "ar") == 0) return KB_ARABIC;
    if (strcmp(lang, "ru") == 0) return KB_RUSSIAN;
    if (strcmp(lang, "uk") == 0) return KB_UKRAINIAN;
    return KB_LATIN;
}

void kiosk_set_language(kiosk *k, const char *lang)
{
    snprintf(k->lang, sizeof k->lang, "%s", lang);
    k->kb_layout = kiosk_native_keyboard(lang);
    kiosk_reload(k);
}

void kiosk_apply_theme(kiosk *k)
{
    theme_make(&k->th, k->u.w, k->u.h, k->dpi, k->large_text, k->high_contrast);
    k->u.slop = theme_mm(k->dpi, 2.5);
    k->u.scrollbar = k->th.text_muted;
    k->u.scrollbar_w = k->th.gap / 2 > 4 ? k->th.gap / 2 : 4;
    k->changed = 1;
}

static const char *default_language(const kiosk *k)
{
    if (k->cfg->language[0]) return k->cfg->language;
    if (k->have_site && k->site.default_language[0]) return k->site.default_language;
    return "fi";
}

void kiosk_reset(kiosk *k)
{
    k->resets++;
    k->depth = 1;
    k->stack[0] = SCR_HOME;
    k->cat_id[0] = 0;
    memset(k->query, 0, sizeof k->query);
    k->kb_shift = 0;
    k->ev_range = EV_TODAY;
    k->ev_aud = 0;
    k->still_there = 0;
    staff_end(&k->sf);   /* idle reset ends staff mode and forgets the slip being made */
    free_pick(k);
    k->fb_step = FB_FACE;
    k->fb_q = 0;
    k->fb_chosen = 0;
    kiosk_feedback_wipe(k);
    snprintf(k->fb_context, sizeof k->fb_context, "home");
    if (k->have_fb) feedback_visit_end(&k->fb);   /* the next answer starts a new visit */
    if (k->have_svc) catalog_service_clear(&k->svc);
    k->have_svc = 0;
    free_event_copy(&k->ev);
    k->have_ev = 0;
    memset(&k->qr, 0, sizeof k->qr);
    memset(k->qr_payload, 0, sizeof k->qr_payload);
    k->have_qr = 0;
    k->large_text = k->cfg->large_text;
    k->high_contrast = k->cfg->high_contrast;
    ui_reset_input(&k->u);
    ui_reset_scrolls(&k->u);
    kiosk_apply_theme(k);
    kiosk_set_language(k, default_language(k));
}

int kiosk_init(kiosk *k, const config *cfg, store *st, i18n *tr, int w, int h, double dpi,
               ui_measure m, char *err, size_t errlen)
{
    memset(k, 0, sizeof *k);
    k->cfg = cfg;
    k->st = st;
    k->tr = tr;
    k->dpi = dpi > 0 ? dpi : 96;
    ui_init(&k->u, w, h, m);
    snprintf(k->lang, sizeof k->lang, "%s", cfg->language[0] ? cfg->language : "fi");
    if (catalog_langs_for(st, NULL, &k->langs, err, errlen) < 0) return MJ_EDB;
    k->have_fb = feedback_init(&k->fb, st, cfg, k->err, sizeof k->err) == MJ_OK;
    char path[1100];
    staff_init(&k->sf, cfg, config_store_path(cfg, path, sizeof path, k->err, sizeof k->err) == MJ_OK ? path : NULL,
               NULL, NULL);
    k->have_site = catalog_site_get(st, &k->langs, &k->site, err, errlen) == MJ_OK;
    kiosk_reset(k);
    return MJ_OK;
}

void kiosk_free(kiosk *k)
{
    free_content(k);
    staff_free(&k->sf);
    free_pick(k);
    free(k->optc);
    k->optc = NULL;
    k->noptc = 0;
    ui_free(&k->u);
}

/* --- navigation ------------------------------------------------------------------------- */

screen_id kiosk_screen(const kiosk *k) { return k->depth ? k->stack[k->depth - 1] : SCR_HOME; }

void kiosk_go(kiosk *k, screen_id s)
{
    if (k->depth < KIOSK_MAX_DEPTH) k->stack[k->depth++] = s;
    else k->stack[k->depth - 1] = s;
    if (s == SCR_EVENTS) kiosk_load_events(k);
    if (s == SCR_FEEDBACK) {
        kiosk_feedback_wipe(k);
        kiosk_open_feedback(k);
    }
    k->changed = 1;
}

void kiosk_back(kiosk *k)
{
    if (k->depth > 1) k->depth--;
    k->changed = 1;
}

void kiosk_home(kiosk *k)
{
    k->depth = 1;
    k->stack[0] = SCR_HOME;
    k->changed = 1;
}

/* --- frames ----------------------------------------------------------------------------- */

static int pristine(const kiosk *k)
{
    return k->depth == 1 && !k->query[0] && strcmp(k->lang, default_language(k)) == 0 &&
           k->large_text == k->cfg->large_text && k->high_contrast == k->cfg->high_contrast;
}

/* "Still there?" with a countdown; a tap anywhere keeps the visit going. */
static void idle_overlay(kiosk *k, uint32_t now_ms)
{
    const theme *t = &k->th;
    uint32_t idle_ms = now_ms - k->last_input_ms;
    uint32_t timeout = (uint32_t)k->cfg->idle_timeout_s * 1000u;
    uint32_t countdown = (uint32_t)k->cfg->idle_countdown_s * 1000u;
    if (idle_ms < timeout || pristine(k)) { k->still_there = 0; return; }
    if (idle_ms >= timeout + countdown) { kiosk_reset(k); return; }
    k->still_there = 1;
    int left = (int)((timeout + countdown - idle_ms + 999) / 1000);
    ui_rect all = { 0, 0, k->u.w, k->u.h };
    ui_fill(&k->u, all, (ui_color){ 0, 0, 0, 170 });
    int bw = k->u.w * 3 / 4, bh = t->touch * 5;
    if (bw > t->px_body * 30) bw = t->px_body * 30;
    ui_rect box = { (k->u.w - bw) / 2, (k->u.h - bh) / 2, bw, bh };
    ui_fill(&k->u, box, t->surface);
    ui_border(&k->u, box, t->border_w, t->border);
    ui_rect line = { box.x + t->pad, box.y + t->pad, box.w - 2 * t->pad, t->touch };
    text_label(&k->u, line, kiosk_t(k, "idle.title"), kw_style(k, t->px_big, 1, t->text), 1);
    char n[16], msg[256];
    snprintf(n, sizeof n, "%d", left);
    const char *args[] = { n };
    i18n_format(msg, sizeof msg, kiosk_t(k, "idle.countdown"), args, 1);
    line.y += t->touch;
    text_label(&k->u, line, msg, kw_style(k, t->px_body, 0, t->text), 1);
    ui_rect btn = { box.x + t->pad, box.y + bh - t->pad - t->touch, box.w - 2 * t->pad, t->touch };
    kw_button(k, btn, kiosk_t(k, "idle.stay"), BTN_PRIMARY);
    /* the wake-up for the next second of the countdown */
    uint32_t next = now_ms + 1000 - (idle_ms % 1000);
    if (!k->u.wake_ms || next < k->u.wake_ms) k->u.wake_ms = next;
}

void kiosk_frame(kiosk *k, uint32_t now_ms)
{
    typedef void (*screen_fn)(kiosk *);
    static const screen_fn fns[SCR_COUNT] = {
        screen_home, screen_categories, screen_services, screen_service, screen_events, screen_event,
        screen_search, screen_feedback, screen_pin, screen_staff, screen_slip_pick, screen_slip_edit,
        screen_slip_preview, screen_staff_printer, screen_staff_counts, screen_staff_status,
    };
    if (kiosk_in_staff(k)) {
        /* staff mode lives only on its screens, and ends after its own idle minutes */
        if (k->u.in.down || k->u.in.tapped) staff_touch(&k->sf, k->now);
        if (!staff_active(&k->sf, k->now)) kiosk_reset(k);
        else {
            uint32_t left = (uint32_t)(k->sf.session.last + k->sf.cfg->staff_idle_s - k->now) * 1000u + 500u;
            if (!k->u.wake_ms || now_ms + left < k->u.wake_ms) k->u.wake_ms = now_ms + left;
        }
    } else if (k->sf.session.active) {
        staff_end(&k->sf);
    }
    for (int pass = 0; pass < 3; pass++) {
        ui_frame_begin(&k->u, now_ms);
        k->changed = 0;
        k->ncards = 0;
        int tapped = k->u.in.tapped;
        if (k->still_there) k->u.in.tapped = 0;   /* the overlay is modal */
        screen_id s = kiosk_screen(k);
        fns[s < SCR_COUNT ? s : SCR_HOME](k);
        if (k->still_there && tapped) {
            /* any tap on the overlay means "still here" (the app has moved last_input_ms) */
            k->still_there = 0;
            k->changed = 1;
        }
        if (!k->changed && !kiosk_in_staff(k)) idle_overlay(k, now_ms);
        if (!k->changed) break;
        k->u.in.tapped = 0;   /* the tap was answered; lay out the new state without it */
    }
}
