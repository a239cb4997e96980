/* preview.c - see preview.h. The same steps a kiosk takes: import (core/import.c), set up the
 * app (app_core.c: fonts, translations, kiosk state, first visit), open the screen through the
 * kiosk's own navigation, lay out a frame with the router and draw it with render_sdl. */
#include "preview.h"
#include "app_core.h"
#include "idle.h"
#include "import.h"
#include "store.h"
#include "util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { PV_HOME, PV_EVENTS, PV_SERVICE };

static int parse_screen(const char *s, int *which, const char **id, char *err, size_t errlen)
{
    if (!s || !strcmp(s, "home")) { *which = PV_HOME; return MJ_OK; }
    if (!strcmp(s, "events")) { *which = PV_EVENTS; return MJ_OK; }
    if (!strncmp(s, "service:", 8)) {
        size_t n = strlen(s + 8);
        if (n < 1 || n > 64) return mj_err(err, errlen, MJ_EINVAL, "--screen service:ID: the id is 1 to 64 characters");
        for (const char *p = s + 8; *p; p++)
            if ((unsigned char)*p < 0x21 || (unsigned char)*p > 0x7e)
                return mj_err(err, errlen, MJ_EINVAL, "--screen service:ID: the id has a character ids never have");
        *which = PV_SERVICE;
        *id = s + 8;
        return MJ_OK;
    }
    return mj_err(err, errlen, MJ_EINVAL, "--screen %s: expected home, events or service:ID", s);
}

/* Removes the temporary store (the file, its WAL and shared-memory files) and its folder. */
static void remove_store(const char *dir)
{
    static const char *const names[] = { "majakka.db", "majakka.db-wal", "majakka.db-shm", "majakka.db-journal" };
    char path[1200];
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (mj_path_join(path, sizeof path, dir, names[i]) == 0) unlink(path);
    rmdir(dir);
}

static int site_has_language(const kiosk *k, const char *lang, char *list, size_t listlen)
{
    int found = 0;
    size_t o = 0;
    list[0] = 0;
    for (int i = 0; i < k->site.nlanguages; i++) {
        if (!strcmp(k->site.languages[i], lang)) found = 1;
        int n = snprintf(list + o, listlen - o, "%s%s", i ? ", " : "", k->site.languages[i]);
        if (n > 0 && (size_t)n < listlen - o) o += (size_t)n;
    }
    return found;
}

/* The frame at ms: laid out by the router (it lays out again while the state changes). */
static void frame(app *a, uint32_t ms)
{
    app_poll_content(a);
    app_frame(a, ms);
}

/* The frame's text runs, one a line (a line break inside a run becomes a space). */
static int write_texts(const ui *u, const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "w");
    if (!f) return mj_err(err, errlen, MJ_EIO, "%s: cannot write", path);
    for (size_t i = 0; i < u->ncmds; i++) {
        const ui_cmd *c = &u->cmds[i];
        if (c->type != UI_CMD_TEXT) continue;
        for (uint32_t j = 0; j < c->len; j++) {
            char ch = u->arena[c->off + j];
            fputc(ch == '\n' || ch == '\r' ? ' ' : ch, f);
        }
        fputc('\n', f);
    }
    if (fclose(f) != 0) return mj_err(err, errlen, MJ_EIO, "%s: cannot write", path);
    return MJ_OK;
}

static int draw_screen(app *a, const config *cfg, int which, const char *svc, const char *clock_s, int w, int h,
                       const char *out, const char *texts, char *err, size_t errlen)
{
    kiosk *k = &a->k;
    char langs[CATALOG_MAX_LANGS * 18];
    if (!k->have_site) return mj_err(err, errlen, MJ_EINVAL, "the bundle has no site");
    if (cfg->language[0] && !site_has_language(k, cfg->language, langs, sizeof langs))
        return mj_err(err, errlen, MJ_EINVAL, "--language %s: the site's languages are %s", cfg->language, langs);
    time_t now = time(NULL);
    if (clock_s) {
        tz_local lt;
        int date_only;
        if (tz_parse_local(clock_s, &lt, &date_only) < 0 ||
            tz_from_local(&lt, k->site.timezone[0] ? k->site.timezone : "Europe/Helsinki", &now) < 0)
            return mj_err(err, errlen, MJ_EINVAL, "--clock %s: expected YYYY-MM-DD or YYYY-MM-DDTHH:MM", clock_s);
        if (date_only) now += 10 * 3600;   /* a day alone: its morning, 10.00 */
    }
    int rc = app_offscreen(a, w, h, err, errlen);
    if (rc < 0) return rc;
    uint32_t ms = APP_STILL_MS;
    k->now = now;
    k->last_input_ms = ms;
    idle_reset(k);   /* the first visit again, now that the clock is the chosen one */
    frame(a, ms);
    if (which == PV_EVENTS) {
        kiosk_go(k, SCR_EVENTS);
        k->v.ev_range = EV_WEEK;
        kiosk_load_events(k);
    } else if (which == PV_SERVICE) {
        kiosk_open_service(k, svc);
        if (!k->have_svc) return mj_err(err, errlen, MJ_ENOTFOUND, "the bundle has no service \"%s\"", svc);
        kiosk_go(k, SCR_SERVICE);
    }
    frame(a, ms + 60);
    frame(a, ms + 260);
    app_draw(a);
    if (texts && (rc = write_texts(&k->u, texts, err, errlen)) < 0) return rc;
    /* written whole, then renamed: a failed preview leaves no half picture at out */
    char part[1200];
    if (snprintf(part, sizeof part, "%s.part", out) >= (int)sizeof part) return mj_err(err, errlen, MJ_EINVAL, "--out: path too long");
    if ((rc = render_sdl_screenshot(a->r, w, h, part, err, errlen)) < 0) { unlink(part); return rc; }
    if (rename(part, out) < 0) { unlink(part); return mj_err(err, errlen, MJ_EIO, "%s: cannot write", out); }
    return MJ_OK;
}

int preview_run(const config *base, const preview_opts *o, char *err, size_t errlen)
{
    int which = PV_HOME, rc;
    const char *svc = NULL;
    if (!o->bundle || !o->out) return mj_err(err, errlen, MJ_EINVAL, "--preview BUNDLE needs --out FILE.png");
    if ((rc = parse_screen(o->screen, &which, &svc, err, errlen)) < 0) return rc;
    config *cfg = malloc(sizeof *cfg);
    if (!cfg) return mj_err(err, errlen, MJ_ENOMEM, "out of memory");
    *cfg = *base;
    snprintf(cfg->printer, sizeof cfg->printer, "none");
    cfg->staff_pin_hash[0] = 0;
    const char *tmp = getenv("TMPDIR");
    if (!tmp || tmp[0] != '/') tmp = "/tmp";
    if (snprintf(cfg->data_dir, sizeof cfg->data_dir, "%s/majakka-preview-XXXXXX", tmp) >= (int)sizeof cfg->data_dir ||
        !mkdtemp(cfg->data_dir)) {
        free(cfg);
        return mj_err(err, errlen, MJ_EIO, "cannot make a temporary folder in %s", tmp);
    }
    char path[1200];
    store *st = NULL;
    import_summary sum;
    app *a = calloc(1, sizeof *a);
    if (!a) { rc = mj_err(err, errlen, MJ_ENOMEM, "out of memory"); goto out; }
    if ((rc = config_store_path(cfg, path, sizeof path, err, errlen)) < 0) goto out;
    if ((rc = store_open(path, &st, err, errlen)) < 0) goto out;
    if ((rc = import_file(st, o->bundle, &sum, err, errlen)) < 0) goto out;
    int w = cfg->width, h = cfg->height;
    if (cfg->portrait && w > h) { int t = w; w = h; h = t; }
    if ((rc = app_setup(a, cfg, st, w, h, cfg->dpi > 0 ? cfg->dpi : 96, err, errlen)) < 0) goto out;
    rc = draw_screen(a, cfg, which, svc, o->clock, w, h, o->out, o->texts, err, errlen);
out:
    if (a) app_teardown(a);
    free(a);
    TTF_Quit();
    if (st) store_close(st);
    remove_store(cfg->data_dir);
    free(cfg);
    return rc;
}
