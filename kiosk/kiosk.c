/* kiosk.c - see kiosk.h: state, navigation, fetching content. */
#include "kiosk.h"
#include "lang.h"
#include "qrpayload.h"
#include "when.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *kiosk_tzid(const kiosk *k)
{
    return k->have_site && k->site.timezone[0] ? k->site.timezone : "Europe/Helsinki";
}

const char *kiosk_t(const kiosk *k, const char *id) { return i18n_get(k->tr, id); }

void kiosk_local(const kiosk *k, time_t t, tz_local *out)
{
    if (tz_to_local(t, kiosk_tzid(k), out) < 0) memset(out, 0, sizeof *out);
}

time_t kiosk_midnight(const kiosk *k, time_t t)
{
    tz_local lt;
    kiosk_local(k, t, &lt);
    lt.hour = lt.minute = lt.second = 0;
    time_t m;
    return tz_from_local(&lt, kiosk_tzid(k), &m) < 0 ? t - t % 86400 : m;
}

void kiosk_fmt_time(const kiosk *k, time_t t, char *buf, size_t len)
{
    when_time(k->tr, kiosk_tzid(k), t, buf, len);
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
    free(k->svc_walk);
    k->svcs = NULL;
    k->svc_open = NULL;
    k->svc_walk = NULL;
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
    k->u.rtl = lang_rtl(k->v.lang);
}

void kiosk_set_qr(kiosk *k, const char *payload)
{
    k->have_qr = 0;
    if (!payload || !*payload) return;
    snprintf(k->qr_payload, sizeof k->qr_payload, "%s", payload);
    k->have_qr = qrcode_make(payload, &k->qr, k->err, sizeof k->err) == MJ_OK;
}

/* The codes come from core/qrpayload.c, the builder the slip uses too. */
static void service_qr(kiosk *k)
{
    char payload[1200];
    if (qrpayload_service(payload, sizeof payload, &k->svc) == MJ_OK) kiosk_set_qr(k, payload);
    else k->have_qr = 0;
}

static void event_qr(kiosk *k)
{
    char payload[1200];
    if (qrpayload_event(payload, sizeof payload, &k->ev, k->now) == MJ_OK) kiosk_set_qr(k, payload);
    else k->have_qr = 0;
}

/* The walk-in state of a walk-in service's hours (hours_walk_in); change_at -1 without hours. */
static void walk_state(kiosk *k, const hours_spec *hs, hours_state *out)
{
    hours_spec w;
    out->open = 0;
    out->change_at = -1;
    if (hours_walk_in(hs, &w) != MJ_OK) return;
    if (w.nranges || w.nexceptions) hours_state_at(&w, k->now, kiosk_tzid(k), out, k->err, sizeof k->err);
    hours_free(&w);
}

void kiosk_open_category(kiosk *k, const char *id)
{
    free_services(k);
    snprintf(k->v.cat_id, sizeof k->v.cat_id, "%s", id);
    catalog_filter f = { .category = k->v.cat_id };
    if (catalog_services(k->st, &k->langs, &f, &k->svcs, &k->nsvcs, k->err, sizeof k->err) < 0) {
        k->svcs = NULL;
        k->nsvcs = 0;
    }
    k->svc_open = calloc(k->nsvcs ? k->nsvcs : 1, sizeof *k->svc_open);
    k->svc_walk = calloc(k->nsvcs ? k->nsvcs : 1, sizeof *k->svc_walk);
    for (size_t i = 0; k->svc_open && k->svc_walk && i < k->nsvcs; i++) {
        hours_spec hs;
        k->svc_open[i].change_at = -1;   /* -1: no regular hours, say nothing */
        k->svc_walk[i].change_at = -1;
        if (hours_load(k->st, k->svcs[i].id, &hs, k->err, sizeof k->err) < 0) continue;
        if (hs.nranges) hours_state_at(&hs, k->now, kiosk_tzid(k), &k->svc_open[i], k->err, sizeof k->err);
        if (k->svcs[i].walk_in) walk_state(k, &hs, &k->svc_walk[i]);
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
    k->svc_walk_state = (hours_state){ 0, -1 };
    if (k->have_svc_hours && k->svc.walk_in) walk_state(k, &k->svc_hours, &k->svc_walk_state);
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

/* Replaces *list with the events from now until local midnight `days` days on (1: tonight),
 * of audience aud (0: all); robust across DST: the midnight is found from noon of the last day.
 * A failed query leaves the list empty. */
static void load_events(kiosk *k, int days, unsigned aud, catalog_event **list, size_t *n)
{
    catalog_events_free(*list, *n);
    *list = NULL;
    *n = 0;
    time_t to = kiosk_midnight(k, kiosk_midnight(k, k->now) + (days - 1) * 86400 + 36 * 3600);
    if (catalog_events_between(k->st, &k->langs, k->now, to, aud, list, n, k->err, sizeof k->err) < 0) {
        *list = NULL;
        *n = 0;
    }
}

void kiosk_load_events(kiosk *k)
{
    load_events(k, k->v.ev_range == EV_TODAY ? 1 : 7, k->v.ev_aud, &k->events, &k->nevents);
    k->changed = 1;
}

void kiosk_load_attract(kiosk *k)
{
    k->attract_day = kiosk_midnight(k, k->now);
    load_events(k, 1, 0, &k->attract, &k->nattract);
}

void kiosk_search_update(kiosk *k)
{
    catalog_services_free(k->results, k->nresults);
    k->results = NULL;
    k->nresults = 0;
    if (k->v.query[0] && catalog_search(k->st, &k->langs, k->v.query, 30, &k->results, &k->nresults,
                                      k->err, sizeof k->err) < 0) {
        k->results = NULL;
        k->nresults = 0;
    }
    k->changed = 1;
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

void kiosk_reload(kiosk *k)
{
    char cat[65], svc[65];
    int had_svc = k->have_svc, had_ev = k->have_ev;
    catalog_event ev = k->ev;
    snprintf(cat, sizeof cat, "%s", k->v.cat_id);
    snprintf(svc, sizeof svc, "%s", k->have_svc ? k->svc.id : "");
    k->ev.title = k->ev.description = k->ev.place = k->ev.cost = k->ev.url = NULL;
    free_event_copy(&k->ev);
    k->have_ev = 0;
    free_content(k);
    if (catalog_langs_for(k->st, k->v.lang, &k->langs, k->err, sizeof k->err) < 0) {
        k->langs.n = 1;
        snprintf(k->langs.lang[0], sizeof k->langs.lang[0], "%s", k->v.lang);
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
    for (int i = 0; i < k->v.depth; i++)
        if (k->v.stack[i] == SCR_EVENTS) { kiosk_load_events(k); break; }
    if (k->v.query[0]) kiosk_search_update(k);
    /* the feedback screen's questions in the new language (feedback_flow.c keeps the step valid) */
    if (kiosk_screen(k) == SCR_FEEDBACK) kiosk_load_questions(k);
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
    snprintf(k->v.lang, sizeof k->v.lang, "%s", lang);
    k->v.kb_layout = kiosk_native_keyboard(lang);
    kiosk_reload(k);
}

void kiosk_apply_theme(kiosk *k)
{
    theme_make(&k->th, k->u.w, k->u.h, k->dpi, k->v.large_text, k->v.high_contrast);
    k->u.slop = theme_mm(k->dpi, 2.5);
    k->u.scrollbar = k->th.text_muted;
    k->u.scrollbar_w = k->th.gap / 2 > 4 ? k->th.gap / 2 : 4;
    k->changed = 1;
}

/* What belongs to the visit but was fetched for it: the slip picker's list, the open detail and
 * its code (idle.c calls this before it wipes the visit itself). */
void kiosk_forget_visit_content(kiosk *k)
{
    free_pick(k);
    if (k->have_svc) catalog_service_clear(&k->svc);
    k->have_svc = 0;
    free_event_copy(&k->ev);
    k->have_ev = 0;
    memset(&k->qr, 0, sizeof k->qr);
    memset(k->qr_payload, 0, sizeof k->qr_payload);
    k->have_qr = 0;
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
    ui_use_scrolls(&k->u, k->v.scrolls);
    snprintf(k->v.lang, sizeof k->v.lang, "%s", cfg->language[0] ? cfg->language : "fi");
    if (catalog_langs_for(st, NULL, &k->langs, err, errlen) < 0) return MJ_EDB;
    k->have_fb = feedback_init(&k->fb, st, cfg, k->err, sizeof k->err) == MJ_OK;
    char path[1100];
    staff_init(&k->sf, cfg, config_store_path(cfg, path, sizeof path, k->err, sizeof k->err) == MJ_OK ? path : NULL,
               NULL, NULL);
    staff_use_draft(&k->sf, &k->v.slip);
    k->have_site = catalog_site_get(st, &k->langs, &k->site, err, errlen) == MJ_OK;
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

screen_id kiosk_screen(const kiosk *k) { return k->v.depth ? k->v.stack[k->v.depth - 1] : SCR_HOME; }

void kiosk_go(kiosk *k, screen_id s)
{
    if (k->v.depth < VISIT_MAX_DEPTH) k->v.stack[k->v.depth++] = s;
    else k->v.stack[k->v.depth - 1] = s;
    if (s == SCR_EVENTS) kiosk_load_events(k);
    k->changed = 1;
}

void kiosk_back(kiosk *k)
{
    if (k->v.depth > 1) k->v.depth--;
    k->changed = 1;
}

void kiosk_home(kiosk *k)
{
    k->v.depth = 1;
    k->v.stack[0] = SCR_HOME;
    k->changed = 1;
}
