/* hub_watch.c - see hub_watch.h. */
#include "hub_watch.h"
#include "hub_draft.h"
#include "hub_time.h"
#include "log.h"
#include "protocol.h"
#include "util.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct read_ctx { hub_fleet_row *rows; size_t n, cap; long long now; const char *site; int oom; } read_ctx;

static long long num(const hub_val *v) { return v->s ? atoll(v->s) : 0; }

static int read_cb(void *ctx, const hub_val *c, int n)
{
    read_ctx *r = ctx;
    if (n < 12) return 0;
    if (r->site && (!c[1].s || strcmp(c[1].s, r->site))) return 0;
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 32;
        hub_fleet_row *nr = realloc(r->rows, cap * sizeof *nr);
        if (!nr) { r->oom = 1; return 1; }
        r->rows = nr;
        r->cap = cap;
    }
    hub_fleet_row *f = &r->rows[r->n++];
    memset(f, 0, sizeof *f);
    snprintf(f->id, sizeof f->id, "%s", c[0].s ? c[0].s : "");
    snprintf(f->site, sizeof f->site, "%s", c[1].s ? c[1].s : "");
    snprintf(f->name, sizeof f->name, "%s", c[2].s ? c[2].s : "");
    snprintf(f->enrolled_at, sizeof f->enrolled_at, "%s", c[3].s ? c[3].s : "");
    snprintf(f->email, sizeof f->email, "%s", c[11].s ? c[11].s : "");
    f->revoked = c[4].s != NULL;
    f->in.now = r->now;
    f->in.enrolled = hub_alert_parse_time(c[3].s);
    f->in.last_seen = num(&c[5]);
    f->in.revoked = f->revoked;
    f->in.health = c[6].s ? json_loads(c[6].s, 0, NULL) : NULL;
    f->has_state = c[7].s != NULL;
    f->stored_active = (unsigned)num(&c[7]);
    f->mailed = (unsigned)num(&c[8]);
    f->in.outbox_since = num(&c[9]);
    f->in.outbox_len = num(&c[10]);
    hub_alerts_eval(&f->in, &f->now);
    return 0;
}

void hub_fleet_free(hub_fleet_row *rows, size_t n)
{
    for (size_t i = 0; i < n; i++) json_decref((json_t *)rows[i].in.health);
    free(rows);
}

int hub_fleet_read(hub_store *hs, long long now, const char *site, hub_fleet_row **rows, size_t *n, char *err, size_t errlen)
{
    read_ctx r = {NULL, 0, 0, now, site, 0};
    int rc = hub_store_alert_rows(hs, read_cb, &r, err, errlen);
    if (!rc && r.oom) rc = mj_err(err, errlen, MJ_ENOMEM, "out of memory");
    if (rc < 0) { hub_fleet_free(r.rows, r.n); *rows = NULL; *n = 0; return rc; }
    *rows = r.rows;
    *n = r.n;
    return MJ_OK;
}

/* Mails one site about its kiosks rows[from..to) that have fresh alerts; 0 sent (or nothing
 * to send), else the error. */
static int mail_site(hub_store *hs, const hub_watch_cfg *cfg, hub_fleet_row *rows, size_t from, size_t to,
                     hub_watch_stats *st, char *err, size_t errlen)
{
    hub_mail_kiosk mk[64];
    size_t idx[64];
    int n = 0, rc = 0;
    char lang[4], tz[64];
    json_t *content = NULL;
    hub_store_lock(hs);
    /* The mail speaks the site's language, its times in the site's zone (its published content). */
    char perr[MJ_ERRLEN];
    if (hub_draft_published(hs, rows[from].site, &content, perr, sizeof perr)) content = NULL;
    snprintf(lang, sizeof lang, "%s", hub_mail_lang(content));
    snprintf(tz, sizeof tz, "%s", hub_time_zone(content));
    json_decref(content);
    for (size_t i = from; i < to && n < 64; i++) {
        hub_fleet_row *f = &rows[i];
        unsigned had = f->mailed & f->now.active, fresh = f->now.active & ~had;
        int claimed = 0;
        if (!fresh) continue;
        if (hub_alert_claim(hs, f->id, had, f->now.active, &claimed, err, errlen) || !claimed) continue;
        mk[n] = (hub_mail_kiosk){f->id, f->name, f->now.active, fresh, f->in};
        idx[n++] = i;
    }
    hub_store_unlock(hs);
    if (!n) return 0;
    char *msg = NULL, url[400];
    size_t len = 0;
    const char *fleet = NULL;
    if (cfg->public_url) {
        size_t ul = strlen(cfg->public_url);
        snprintf(url, sizeof url, "%.*s/fleet?site=%s", (int)(ul && cfg->public_url[ul - 1] == '/' ? ul - 1 : ul),
                 cfg->public_url, rows[from].site);
        fleet = url;
    }
    rc = hub_mail_format(cfg->mail.from, rows[from].email, rows[from].site, lang, tz, mk, n, fleet, (long long)time(NULL),
                         &msg, &len, err, errlen);
    if (!rc) rc = hub_mail_send(&cfg->mail, rows[from].email, msg, len, err, errlen);
    free(msg);
    if (rc) {
        /* Back as it was, so the next check tries again. */
        hub_store_lock(hs);
        for (int j = 0; j < n; j++) {
            hub_fleet_row *f = &rows[idx[j]];
            int back;
            hub_alert_claim(hs, f->id, f->now.active, f->mailed & f->now.active, &back, NULL, 0);
        }
        hub_store_unlock(hs);
        st->mails_failed++;
        return rc;
    }
    st->mails_sent++;
    if (!cfg->quiet) log_msg(LOG_P_INFO, "majakka-hub", "alert mail sent for site %s (%d kiosk%s)", rows[from].site, n, n == 1 ? "" : "s");
    return 0;
}

int hub_watch_check(hub_store *hs, const hub_watch_cfg *cfg, hub_watch_stats *st, char *err, size_t errlen)
{
    hub_fleet_row *rows;
    size_t n;
    memset(st, 0, sizeof *st);
    hub_store_lock(hs);
    int rc = hub_fleet_read(hs, (long long)time(NULL), NULL, &rows, &n, err, errlen);
    for (size_t i = 0; !rc && i < n; i++) {
        hub_fleet_row *f = &rows[i];
        st->kiosks++;
        if (f->now.active) st->alerting++;
        if (f->has_state && f->stored_active == f->now.active && f->in.outbox_since == f->now.outbox_since &&
            f->in.outbox_len == f->now.outbox_len)
            continue;
        rc = hub_alert_state_put(hs, f->id, f->now.active, f->now.outbox_since, f->now.outbox_len, err, errlen);
        if (!f->has_state) f->mailed = 0;
    }
    hub_store_unlock(hs);
    if (rc) { hub_fleet_free(rows, n); return rc; }
    if (cfg->mail.url && cfg->mail.from) {
        /* Rows come sorted by site: one mail per site with an address. */
        for (size_t i = 0; i < n;) {
            size_t j = i;
            while (j < n && strcmp(rows[j].site, rows[i].site) == 0) j++;
            if (rows[i].email[0] && (rc = mail_site(hs, cfg, rows, i, j, st, err, errlen))) break;
            i = j;
        }
    }
    hub_fleet_free(rows, n);
    return rc;
}

struct hub_watch {
    hub_store *hs;
    hub_watch_cfg cfg;
    pthread_t th;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int stopping;
};

static void *watch_main(void *arg)
{
    hub_watch *w = arg;
    int interval = w->cfg.interval_s > 0 ? w->cfg.interval_s : 60;
    pthread_mutex_lock(&w->mu);
    while (!w->stopping) {
        pthread_mutex_unlock(&w->mu);
        char err[MJ_ERRLEN];
        hub_watch_stats st;
        if (hub_watch_check(w->hs, &w->cfg, &st, err, sizeof err))
            log_msg(LOG_P_WARNING, "majakka-hub", "fleet check: %s", err);
        pthread_mutex_lock(&w->mu);
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_sec += interval;
        while (!w->stopping && pthread_cond_timedwait(&w->cv, &w->mu, &ts) == 0) {}
    }
    pthread_mutex_unlock(&w->mu);
    return NULL;
}

int hub_watch_start(hub_store *hs, const hub_watch_cfg *cfg, hub_watch **out, char *err, size_t errlen)
{
    hub_watch *w = calloc(1, sizeof *w);
    if (!w) return mj_err(err, errlen, MJ_ENOMEM, "out of memory");
    w->hs = hs;
    w->cfg = *cfg;
    pthread_mutex_init(&w->mu, NULL);
    pthread_cond_init(&w->cv, NULL);
    if (pthread_create(&w->th, NULL, watch_main, w)) {
        pthread_mutex_destroy(&w->mu);
        pthread_cond_destroy(&w->cv);
        free(w);
        return mj_err(err, errlen, MJ_ENOMEM, "cannot start the fleet check thread");
    }
    *out = w;
    return MJ_OK;
}

void hub_watch_stop(hub_watch *w)
{
    if (!w) return;
    pthread_mutex_lock(&w->mu);
    w->stopping = 1;
    pthread_cond_signal(&w->cv);
    pthread_mutex_unlock(&w->mu);
    pthread_join(w->th, NULL);
    pthread_mutex_destroy(&w->mu);
    pthread_cond_destroy(&w->cv);
    free(w);
}
