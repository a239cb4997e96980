/* script.c - see script.h: the real screens, headless (a software renderer drawing into a
 * memory surface), driven by a script in virtual time. One function per command; the table
 * `commands` below names them with their usage. Anything after `#` at the start of a line is a
 * comment. A failed expectation stops the run. */
#define _GNU_SOURCE   /* memmem */
#include "script.h"
#include "app_core.h"
#include "feedback_flow.h"
#include "import.h"
#include "qrpayload.h"
#include "screens.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const screen_names[SCR_COUNT] = {
    "home", "categories", "services", "service", "events", "event", "search", "feedback",
    "pin", "staff", "slip_pick", "slip_edit", "slip_preview", "staff_printer", "staff_counts", "staff_status"
};

typedef struct run {
    app a;
    uint32_t vms;            /* virtual milliseconds */
    time_t base;             /* wall clock at vms 0 */
    int overflows;
    char overflow_msg[400];
    int min_target;          /* smallest tappable side seen in any frame, px */
    char min_target_where[80];
    const char *shot_dir;
    int w, h;
    int print_thanks;        /* feedback-repeat: print the keys of thanked answers */
} run;

static void frame(run *r)
{
    r->a.k.now = r->base + (time_t)(r->vms / 1000);
    app_poll_content(&r->a);
    app_frame(&r->a, r->vms);
    if (r->a.k.u.overflows) {
        if (!r->overflows)
            snprintf(r->overflow_msg, sizeof r->overflow_msg, "%s (%s, %s, %dx%d)", r->a.k.u.overflow_text,
                     screen_names[kiosk_screen(&r->a.k)], r->a.k.v.lang, r->w, r->h);
        r->overflows += r->a.k.u.overflows;
    }
    kiosk *k = &r->a.k;
    if (r->print_thanks && k->v.fb_thanked && k->v.fb_nkeys) {
        /* the thank-you is on screen: the answers it thanks for are in the store */
        app_draw(&r->a);
        for (int i = 0; i < k->v.fb_nkeys; i++) printf("thanks %s\n", k->v.fb_keys[i]);
        fflush(stdout);
        k->v.fb_nkeys = 0;
    }
    int mt = r->a.k.u.min_target;
    if (mt && (!r->min_target || mt < r->min_target)) {
        r->min_target = mt;
        snprintf(r->min_target_where, sizeof r->min_target_where, "%s, %s, %dx%d",
                 screen_names[kiosk_screen(&r->a.k)], r->a.k.v.lang, r->w, r->h);
    }
}

/* Advances virtual time by ms, laying out frames whenever the app would wake. */
static void advance(run *r, uint32_t ms)
{
    uint32_t end = r->vms + ms;
    while (r->vms < end) {
        uint32_t wake = app_next_wake(&r->a, r->vms);
        if (wake < 16) wake = 16;
        if (wake > end - r->vms) wake = end - r->vms;
        r->vms += wake;
        frame(r);
    }
}

static void tap(run *r, int x, int y)
{
    app_input(&r->a, APP_DOWN, x, y, r->vms);
    frame(r);
    r->vms += 60;
    app_input(&r->a, APP_UP, x, y, r->vms);
    frame(r);
    advance(r, 200);
}

/* The centre of the first text run on screen equal to s (after a possible "✓ " tick). */
static int find_text(run *r, const char *s, int *x, int *y, int substring)
{
    const ui *u = &r->a.k.u;
    size_t n = strlen(s);
    for (size_t i = 0; i < u->ncmds; i++) {
        const ui_cmd *c = &u->cmds[i];
        if (c->type != UI_CMD_TEXT) continue;
        const char *t = u->arena + c->off;
        size_t len = c->len;
        /* labels may start with a tick or a chevron ("✓ Suomi", "‹ Takaisin") */
        for (;;) {
            if (len && *t == ' ') { t++; len--; }
            else if (len >= 3 && (!memcmp(t, "\xE2\x80\xB9", 3) || !memcmp(t, "\xE2\x9C\x93", 3))) { t += 3; len -= 3; }
            else break;
        }
        while (len && t[len - 1] == ' ') len--;
        int match = substring ? (len >= n && memmem(t, len, s, n) != NULL) : (len == n && memcmp(t, s, n) == 0);
        if (!match) continue;
        int w = u->m.width(u->m.ctx, c->script, c->bold, c->px, c->rtl, u->arena + c->off, c->len);
        *x = c->r.x + w / 2;
        *y = c->r.y + c->px / 2 + c->px / 4;
        return 1;
    }
    return 0;
}

static int save_shot(run *r, const char *name, char *err, size_t errlen)
{
    char path[1400];
    frame(r);
    app_draw(&r->a);
    if (mj_path_join(path, sizeof path, r->shot_dir ? r->shot_dir : ".", name) < 0)
        return mj_err(err, errlen, MJ_EINVAL, "screenshot path too long");
    return render_sdl_screenshot(r->a.r, r->w, r->h, path, err, errlen);
}

static int make_surface(run *r, int w, int h, char *err, size_t errlen)
{
    r->w = w;
    r->h = h;
    return app_offscreen(&r->a, w, h, err, errlen);
}

/* "123" is pixels, "40%" a share of the screen's width (x) or height (y). */
static int coords(run *r, const char *args, int *v, int n)
{
    char tok[8][24];
    int got = sscanf(args, "%23s %23s %23s %23s %23s %23s %23s %23s", tok[0], tok[1], tok[2], tok[3],
                     tok[4], tok[5], tok[6], tok[7]);
    if (got < n) return -1;
    for (int i = 0; i < n; i++) {
        char *end;
        long x = strtol(tok[i], &end, 10);
        if (end == tok[i] || x < 0 || x > 100000) return -1;
        if (*end == '%') x = x * (i % 2 == 0 ? r->w : r->h) / 100;
        else if (*end) return -1;
        v[i] = (int)x;
    }
    return 0;
}

static int cmp_ms(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static char *arg_rest(char *line, const char *cmd)
{
    char *p = line + strlen(cmd);
    while (*p == ' ') p++;
    return p;
}

/* Taps the on-screen keys of s (a space is the space bar). */
static int type_text(run *r, const char *s, char *err, size_t errlen)
{
    kiosk *k = &r->a.k;
    const char *end = s + strlen(s);
    int x, y;
    while (s < end) {
        const char *c0 = s;
        if (mj_utf8_next(&s, end) < 0) return mj_err(err, errlen, MJ_EINVAL, "type: bad UTF-8");
        char ch[8];
        size_t n = (size_t)(s - c0);
        memcpy(ch, c0, n);
        ch[n] = 0;
        const char *label = strcmp(ch, " ") == 0 ? kiosk_t(k, "search.space") : ch;
        frame(r);
        if (!find_text(r, label, &x, &y, 0)) return mj_err(err, errlen, MJ_EINVAL, "type: no key \"%s\"", label);
        tap(r, x, y);
    }
    return MJ_OK;
}

/* Taps the text s (a label on screen). */
static int tap_on(run *r, const char *s, char *err, size_t errlen)
{
    int x, y;
    frame(r);
    if (!find_text(r, s, &x, &y, 0))
        return mj_err(err, errlen, MJ_EINVAL, "no \"%s\" on the %s screen", s, screen_names[kiosk_screen(&r->a.k)]);
    tap(r, x, y);
    return MJ_OK;
}

static int tap_card_n(run *r, int n, char *err, size_t errlen)
{
    kiosk *k = &r->a.k;
    frame(r);
    if (n < 0 || n >= k->ncards)
        return mj_err(err, errlen, MJ_EINVAL, "no card %d on the %s screen (%d cards)", n, screen_names[kiosk_screen(k)], k->ncards);
    ui_rect c = k->cards[n];
    tap(r, c.x + c.w / 2, c.y + (c.h < 60 ? c.h / 2 : 30));
    return MJ_OK;
}

static long feedback_rows(run *r)
{
    sqlite3_stmt *q;
    long n = -1;
    if (sqlite3_prepare_v2(store_db(r->a.st), "SELECT count(*) FROM feedback", -1, &q, NULL) == SQLITE_OK) {
        if (sqlite3_step(q) == SQLITE_ROW) n = (long)sqlite3_column_int64(q, 0);
        sqlite3_finalize(q);
    }
    return n;
}

/* The last stored answer's column col ("comment", "context"), or "" when none. */
static void last_answer(run *r, const char *col, char *out, size_t outlen)
{
    char sql[200];
    sqlite3_stmt *q;
    out[0] = 0;
    snprintf(sql, sizeof sql, "SELECT %s FROM feedback WHERE %s IS NOT NULL ORDER BY rowid DESC LIMIT 1", col, col);
    if (sqlite3_prepare_v2(store_db(r->a.st), sql, -1, &q, NULL) != SQLITE_OK) return;
    if (sqlite3_step(q) == SQLITE_ROW && sqlite3_column_text(q, 0))
        snprintf(out, outlen, "%s", (const char *)sqlite3_column_text(q, 0));
    sqlite3_finalize(q);
}

/* feedback-repeat N: visitors giving feedback from Home through the real screens until the
 * outbox holds N answers (never more: the count is checked before every answer). Faces in turn;
 * every third visit also answers the questions, every fifth sends a comment; the thank-you is
 * left with a tap or by waiting. frame() prints the keys each time a thank-you is shown. */
static int feedback_repeat(run *r, long n, char *err, size_t errlen)
{
    kiosk *k = &r->a.k;
    int rc = MJ_OK;
    r->print_thanks = 1;
    for (long i = 0;; i++) {
        long rows = feedback_rows(r);
        if (rows < 0) { rc = mj_err(err, errlen, MJ_EDB, "feedback-repeat: cannot count the outbox"); break; }
        if (rows >= n) break;
        if (i > 20 * n + 100) { rc = mj_err(err, errlen, MJ_EINVAL, "feedback-repeat: no progress after %ld visits", i); break; }
        if (kiosk_screen(k) != SCR_HOME && (rc = tap_on(r, kiosk_t(k, "nav.home"), err, errlen)) < 0) break;
        if ((rc = tap_card_n(r, 2, err, errlen)) < 0) break;
        if (kiosk_screen(k) != SCR_FEEDBACK || k->v.fb_step != FB_FACE) {
            rc = mj_err(err, errlen, MJ_EINVAL, "feedback-repeat: Home's third tile did not open the faces");
            break;
        }
        if ((rc = tap_card_n(r, (int)(i % 4), err, errlen)) < 0) break;
        while (rc == MJ_OK && kiosk_screen(k) == SCR_FEEDBACK && k->v.fb_step == FB_QUESTION && k->v.fb_q < k->nquestions) {
            const catalog_question *q = &k->questions[k->v.fb_q];
            if (feedback_rows(r) >= n) goto done;
            if (i % 3 == 1 && q->noptions > 0) {
                rc = tap_card_n(r, 0, err, errlen);   /* the first option */
                if (rc == MJ_OK && q->multiple) rc = tap_on(r, kiosk_t(k, "feedback.next"), err, errlen);
            } else {
                rc = tap_on(r, kiosk_t(k, "feedback.skip"), err, errlen);
            }
        }
        if (rc < 0) break;
        if (kiosk_screen(k) == SCR_FEEDBACK && k->v.fb_step == FB_COMMENT) {
            if (feedback_rows(r) >= n) break;
            if (i % 5 == 2) {
                if ((rc = type_text(r, "hyva 040 123", err, errlen)) < 0) break;
                rc = tap_on(r, kiosk_t(k, "feedback.send"), err, errlen);
            } else {
                rc = tap_on(r, kiosk_t(k, "feedback.skip"), err, errlen);
            }
            if (rc < 0) break;
        }
        if (kiosk_screen(k) != SCR_FEEDBACK || k->v.fb_step != FB_THANKS) {
            rc = mj_err(err, errlen, MJ_EINVAL, "feedback-repeat: no thank-you after visit %ld (%s)", i, k->err);
            break;
        }
        if (i % 2) rc = tap_on(r, kiosk_t(k, "feedback.continue"), err, errlen);
        else advance(r, FBFLOW_THANKS_MS + 100);
        if (rc < 0) break;
        if (kiosk_screen(k) != SCR_HOME) {
            rc = mj_err(err, errlen, MJ_EINVAL, "feedback-repeat: the thank-you did not go back Home");
            break;
        }
    }
done:
    r->print_thanks = 0;
    return rc;
}

#define FAIL(fmt, ...) return mj_err(err, errlen, MJ_EINVAL, "line %d: " fmt, lineno, ##__VA_ARGS__)

/* --- the commands, one function each (their table is below) --------------------------------- */

static int cmd_size(run *r, const char *word, char *line, int lineno, char *err, size_t errlen)
{
    int x, y;
    (void)word;
    if (sscanf(line, "size %d %d", &x, &y) != 2 || x < 320 || y < 240 || x > 7680 || y > 4320) FAIL("size W H");
    int rc = make_surface(r, x, y, err, errlen);
    if (rc < 0) return rc;
    app_resize(&r->a, x, y);
    frame(r);
    return MJ_OK;
}

static int cmd_clock(run *r, const char *word, char *line, int lineno, char *err, size_t errlen)
{
    kiosk *k = &r->a.k;
    (void)word;
    tz_local lt;
    int date_only;
    time_t t;
    if (tz_parse_local(arg_rest(line, "clock"), &lt, &date_only) < 0 || tz_from_local(&lt, k->site.timezone[0] ? k->site.timezone : "Europe/Helsinki", &t) < 0)
        FAIL("clock YYYY-MM-DDTHH:MM");
    r->base = t - (time_t)(r->vms / 1000);
    kiosk_reload(k);
    frame(r);
    return MJ_OK;
}

static int cmd_tap(run *r, const char *word, char *line, int lineno, char *err, size_t errlen)
{
    int v[2];
    if (coords(r, arg_rest(line, word), v, 2) < 0) FAIL("tap X Y (pixels or N%%)");
    tap(r, v[0], v[1]);
    return MJ_OK;
}

static int cmd_tap_text(run *r, const char *word, char *line, int lineno, char *err, size_t errlen)
{
    kiosk *k = &r->a.k;
    const char *s = arg_rest(line, word);
    if (!strcmp(word, "tap-id")) s = kiosk_t(k, s);
    if (!strcmp(word, "lang")) {
        if (!strcmp(k->v.lang, s)) return MJ_OK;   /* already in it */
        s = kw_endonym(s);
    }
    if (tap_on(r, s, err, errlen) < 0) FAIL("%s", err);
    return MJ_OK;
}

static int cmd_tap_card(run *r, const char *word, char *line, int lineno, char *err, size_t errlen)
{
    int x;
    (void)word;
    if (sscanf(line, "tap-card %d", &x) != 1) FAIL("tap-card N");
    if (tap_card_n(r, x, err, errlen) < 0) FAIL("%s", err);
    return MJ_OK;
}

static int cmd_drag(run *r, const char *word, char *line, int lineno, char *err, size_t errlen)
{
    int x, y, x2, y2, ms;
    int v[5];
    if (coords(r, arg_rest(line, word), v, 4) < 0 || sscanf(arg_rest(line, word), "%*s %*s %*s %*s %d", &ms) != 1 || ms < 16)
        FAIL("drag X1 Y1 X2 Y2 MS (pixels or N%%)");
    x = v[0]; y = v[1]; x2 = v[2]; y2 = v[3];
    app_input(&r->a, APP_DOWN, x, y, r->vms);
    frame(r);
    int steps = ms / 16;
    for (int i = 1; i <= steps; i++) {
        r->vms += 16;
        app_input(&r->a, APP_MOVE, x + (x2 - x) * i / steps, y + (y2 - y) * i / steps, r->vms);
        frame(r);
    }
    app_input(&r->a, APP_UP, x2, y2, r->vms);
    frame(r);
    return MJ_OK;
}

static int cmd_type(run *r, const char *word, char *line, int lineno, char *err, size_t errlen)
{
    (void)word;
    char why[MJ_ERRLEN];
    if (type_text(r, arg_rest(line, "type"), why, sizeof why) < 0) FAIL("%s", why);
    return MJ_OK;
}

static int cmd_finger(run *r, const char *word, char *line, int lineno, char *err, size_t errlen)
{
    /* SDL events through the same handler as the window: a touch (normalized coordinates)
     * or a left mouse button */
    int v[2];
    if (coords(r, arg_rest(line, word), v, 2) < 0) FAIL("%s X Y", word);
    SDL_Event e;
    for (int phase = 0; phase < 2; phase++) {
        memset(&e, 0, sizeof e);
        if (word[0] == 'f') {
            e.type = phase ? SDL_FINGERUP : SDL_FINGERDOWN;
            e.tfinger.fingerId = 7;
            e.tfinger.x = (float)v[0] / (float)r->w;
            e.tfinger.y = (float)v[1] / (float)r->h;
        } else {
            e.type = phase ? SDL_MOUSEBUTTONUP : SDL_MOUSEBUTTONDOWN;
            e.button.button = SDL_BUTTON_LEFT;
            e.button.x = v[0];
            e.button.y = v[1];
        }
        app_handle_event(&r->a, &e, r->w, r->h, r->vms);
        frame(r);
        r->vms += 60;
    }
    advance(r, 200);
    return MJ_OK;
}

static int cmd_hold(run *r, const char *word, char *line, int lineno, char *err, size_t errlen)
{
    int ms;
    int v[3];
    if (coords(r, arg_rest(line, word), v, 2) < 0 || sscanf(arg_rest(line, word), "%*s %*s %d", &ms) != 1 || ms < 0)
        FAIL("hold X Y MS");
    app_input(&r->a, APP_DOWN, v[0], v[1], r->vms);
    frame(r);
    advance(r, (uint32_t)ms);
    app_input(&r->a, APP_UP, v[0], v[1], r->vms);
    frame(r);
    advance(r, 200);
    return MJ_OK;
}

static int cmd_key(run *r, const char *word, char *line, int lineno, char *err, size_t errlen)
{
    (void)lineno; (void)err; (void)errlen;
    /* Escape, Alt+F4 (SDL_QUIT) and other keys go to the handler, which ignores them */
    SDL_Event e;
    memset(&e, 0, sizeof e);
    if (word[0] == 'q') e.type = SDL_QUIT;
    else {
        e.type = SDL_KEYDOWN;
        e.key.keysym.sym = SDL_GetKeyFromName(arg_rest(line, word));
    }
    app_handle_event(&r->a, &e, r->w, r->h, r->vms);
    advance(r, 50);
    return MJ_OK;
}

static int cmd_expect_feedback_rows(run *r, const char *word, char *line, int lineno, char *err, size_t errlen)
{
    int x;
    (void)word;
    /* answers in the outbox: what the visitor gave went to the store at once */
    if (sscanf(line, "expect-feedback-rows %d", &x) != 1) FAIL("expect-feedback-rows N");
    long n = feedback_rows(r);
    if (n != x) FAIL("%ld feedback rows, expected %d", n, x);
    return MJ_OK;
}

static int cmd_expect_comment(run *r, const char *word, char *line, int lineno, char *err, size_t errlen)
{
    kiosk *k = &r->a.k;
    /* the last stored comment (as masked) / the context of the last stored answer */
    char got[2100], here[100];
    const char *want = arg_rest(line, word);
    if (!strcmp(want, "@detail")) {
        /* the context feedback from the detail on screen has */
        if (kiosk_screen(k) == SCR_SERVICE && k->have_svc) snprintf(here, sizeof here, "service:%s", k->svc.id);
        else if (kiosk_screen(k) == SCR_EVENT && k->have_ev) snprintf(here, sizeof here, "event:%s", k->ev.id);
        else FAIL("@detail: no service or event detail on screen");
        want = here;
    }
    last_answer(r, word[7] == 'c' ? "comment" : "context", got, sizeof got);
    if (strcmp(got, want) != 0) FAIL("the last %s is \"%s\", expected \"%s\"",
                                     word[7] == 'c' ? "comment" : "context", got, want);
    return MJ_OK;
}

static int cmd_feedback_repeat(run *r, const char *word, char *line, int lineno, char *err, size_t errlen)
{
    (void)word;
    long n;
    if (sscanf(line, "feedback-repeat %ld", &n) != 1 || n < 0) FAIL("feedback-repeat N");
    char why[MJ_ERRLEN];
    if (feedback_repeat(r, n, why, sizeof why) < 0) FAIL("%s", why);
    return MJ_OK;
}

static int cmd_expect_staff_requests(run *r, const char *word, char *line, int lineno, char *err, size_t errlen)
{
    int x;
    (void)word;
    if (sscanf(line, "expect-staff-requests %d", &x) != 1) FAIL("expect-staff-requests N");
    if (r->a.k.staff_requests != x) FAIL("%d staff requests, expected %d", r->a.k.staff_requests, x);
    return MJ_OK;
}

static int cmd_wait(run *r, const char *word, char *line, int lineno, char *err, size_t errlen)
{
    int ms;
    (void)word;
    if (sscanf(line, "wait %d", &ms) != 1 || ms < 0) FAIL("wait MS");
    advance(r, (uint32_t)ms);
    return MJ_OK;
}

static int cmd_idle(run *r, const char *word, char *line, int lineno, char *err, size_t errlen)
{
    int ms;
    (void)word;
    if (sscanf(line, "idle %d", &ms) != 1 || ms < 0) FAIL("idle SECONDS");
    advance(r, (uint32_t)ms * 1000u);
    return MJ_OK;
}

static int cmd_set(run *r, const char *word, char *line, int lineno, char *err, size_t errlen)
{
    kiosk *k = &r->a.k;
    int x;
    char what[64];
    (void)word;
    if (sscanf(line, "set %63s %d", what, &x) != 2) FAIL("set large|contrast 0|1");
    if (!strcmp(what, "large")) k->v.large_text = x != 0;
    else if (!strcmp(what, "contrast")) k->v.high_contrast = x != 0;
    else FAIL("set large|contrast 0|1");
    kiosk_apply_theme(k);
    frame(r);
    return MJ_OK;
}

static int cmd_shot(run *r, const char *word, char *line, int lineno, char *err, size_t errlen)
{
    (void)word; (void)lineno;
    int rc = save_shot(r, arg_rest(line, "shot"), err, errlen);
    if (rc < 0) return rc;
    return MJ_OK;
}

static int cmd_print_qr(run *r, const char *word, char *line, int lineno, char *err, size_t errlen)
{
    kiosk *k = &r->a.k;
    (void)word; (void)lineno; (void)err; (void)errlen; (void)line;
    printf("qr: %s\n", k->have_qr ? k->qr_payload : "");
    return MJ_OK;
}

static int cmd_sync_import(run *r, const char *word, char *line, int lineno, char *err, size_t errlen)
{
    (void)lineno;
    /* what the sync agent does: another connection replaces the content */
    char path[1200];
    store *other;
    import_summary sum;
    int rc = config_store_path(r->a.cfg, path, sizeof path, err, errlen);
    if (rc == MJ_OK) rc = store_open(path, &other, err, errlen);
    if (rc < 0) return rc;
    rc = import_file(other, arg_rest(line, word), &sum, err, errlen);
    store_close(other);
    if (rc < 0) return rc;
    frame(r);
    return MJ_OK;
}

static int cmd_show_mecard(run *r, const char *word, char *line, int lineno, char *err, size_t errlen)
{
    kiosk *k = &r->a.k;
    /* the detail screen's code replaced by one built from NAME|PHONE-OR-PLACE|ADDRESS, to
     * check what a camera reads for texts with Finnish and Arabic letters and separators */
    char buf[600], *f[3] = { NULL, NULL, NULL }, payload[1200];
    snprintf(buf, sizeof buf, "%s", arg_rest(line, word));
    f[0] = buf;
    for (int i = 1; i < 3; i++) {
        f[i] = f[i - 1] ? strchr(f[i - 1], '|') : NULL;
        if (f[i]) *f[i]++ = 0;
    }
    if (!k->have_qr) FAIL("no QR code on the %s screen", screen_names[kiosk_screen(k)]);
    int rc = word[5] == 'm' ? qrpayload_mecard(payload, sizeof payload, f[0], f[1], NULL, f[2])
                            : qrpayload_vcalendar(payload, sizeof payload, "test-1", f[0], r->base + 3600, r->base + 7200,
                                                  f[1], f[2], r->base);
    if (rc < 0) FAIL("payload too long");
    kiosk_set_qr(k, payload);
    frame(r);
    return MJ_OK;
}

static int cmd_save_qr(run *r, const char *word, char *line, int lineno, char *err, size_t errlen)
{
    kiosk *k = &r->a.k;
    char path[1400];
    if (!k->have_qr) FAIL("no QR code on the %s screen", screen_names[kiosk_screen(k)]);
    if (mj_path_join(path, sizeof path, r->shot_dir ? r->shot_dir : ".", arg_rest(line, word)) < 0)
        FAIL("path too long");
    int rc = mj_write_file_atomic(path, k->qr_payload, strlen(k->qr_payload), 0644, err, errlen);
    if (rc < 0) return rc;
    return MJ_OK;
}

static int cmd_save_slip(run *r, const char *word, char *line, int lineno, char *err, size_t errlen)
{
    kiosk *k = &r->a.k;
    /* the slip staff would print for the service on screen, built by the staff path itself
     * (staff_build, the print queue's renderer) in the visitor's language; the draft is
     * forgotten again afterwards */
    char base[1300], path[1400];
    if (kiosk_screen(k) != SCR_SERVICE || !k->have_svc) FAIL("save-slip needs the service screen");
    if (mj_path_join(base, sizeof base, r->shot_dir ? r->shot_dir : ".", arg_rest(line, word)) < 0) FAIL("path too long");
    staff_new_slip(&k->sf, k->v.lang);
    staff_toggle_service(&k->sf, k->svc.id);
    int rc = staff_build(&k->sf, k->st, k->tr, k->have_site ? k->site.name : "", k->have_site ? k->site.timezone : NULL,
                         k->now, err, errlen);
    if (rc == MJ_OK) {
        snprintf(path, sizeof path, "%s.png", base);
        rc = bitmap_write_png(&k->sf.preview, path, err, errlen);
    }
    if (rc == MJ_OK) {
        const char *qr = k->sf.draft.nservices ? k->sf.draft.services[0].qr : "";
        snprintf(path, sizeof path, "%s.qr", base);
        rc = mj_write_file_atomic(path, qr, strlen(qr), 0644, err, errlen);
    }
    staff_new_slip(&k->sf, "");
    return rc < 0 ? rc : MJ_OK;
}

static int cmd_expect_content_version(run *r, const char *word, char *line, int lineno, char *err, size_t errlen)
{
    kiosk *k = &r->a.k;
    /* "V": the screens show content version V; "!V": they do not (yet) */
    const char *v = arg_rest(line, word);
    int neg = v[0] == '!';
    int same = strcmp(k->site.content_version, v + neg) == 0;
    if (same == neg) FAIL("content version is %s, expected %s", k->site.content_version, v);
    return MJ_OK;
}

static int cmd_expect_lang(run *r, const char *word, char *line, int lineno, char *err, size_t errlen)
{
    kiosk *k = &r->a.k;
    if (strcmp(k->v.lang, arg_rest(line, word)) != 0) FAIL("language is %s, expected %s", k->v.lang, arg_rest(line, word));
    return MJ_OK;
}

static int cmd_print_overflows(run *r, const char *word, char *line, int lineno, char *err, size_t errlen)
{
    (void)word; (void)lineno; (void)err; (void)errlen; (void)line;
    printf("overflows: %d %s\n", r->overflows, r->overflow_msg);
    return MJ_OK;
}

static int cmd_check_overflow(run *r, const char *word, char *line, int lineno, char *err, size_t errlen)
{
    (void)word; (void)line;
    if (r->overflows) FAIL("%d labels did not fit, first: %s", r->overflows, r->overflow_msg);
    return MJ_OK;
}

static int cmd_check_targets(run *r, const char *word, char *line, int lineno, char *err, size_t errlen)
{
    (void)word; (void)line;
    /* every tappable rectangle laid out so far was at least 9 mm on its shorter side */
    double dpi = r->a.k.dpi, mm = r->min_target * 25.4 / dpi;
    if (r->min_target && mm < 9.0 - 1e-9)
        FAIL("a touch target of %d px (%.1f mm at %.0f dpi) on the %s screen", r->min_target, mm, dpi, r->min_target_where);
    return MJ_OK;
}

static int cmd_frame_time(run *r, const char *word, char *line, int lineno, char *err, size_t errlen)
{
    kiosk *k = &r->a.k;
    r->a.dirty = 1;
    frame(r);
    uint64_t t0 = SDL_GetPerformanceCounter();
    app_draw(&r->a);
    uint64_t t1 = SDL_GetPerformanceCounter();
    app_draw(&r->a);
    uint64_t t2 = SDL_GetPerformanceCounter();
    double f = (double)SDL_GetPerformanceFrequency() / 1000.0;
    printf("frame-time %dx%d %s: first %.2f ms, cached %.2f ms\n", r->w, r->h,
           screen_names[kiosk_screen(k)], (double)(t1 - t0) / f, (double)(t2 - t1) / f);
    /* "frame-time N": N more full frames (text cache warm), their mean and p99 (benchmarks) */
    int n = atoi(arg_rest(line, word));
    if (n > 0) {
        if (n > 10000) n = 10000;
        double *v = malloc((size_t)n * sizeof *v), sum = 0;
        if (!v) FAIL("out of memory");
        for (int i = 0; i < n; i++) {
            uint64_t a = SDL_GetPerformanceCounter();
            app_draw(&r->a);
            v[i] = (double)(SDL_GetPerformanceCounter() - a) / f;
            sum += v[i];
        }
        qsort(v, (size_t)n, sizeof *v, cmp_ms);
        int p99 = (int)(n * 0.99);
        if (p99 >= n) p99 = n - 1;
        printf("frames %d: mean %.2f ms, median %.2f ms, p99 %.2f ms\n", n, sum / n, v[n / 2], v[p99]);
        free(v);
    }
    return MJ_OK;
}

static int cmd_expect_screen(run *r, const char *word, char *line, int lineno, char *err, size_t errlen)
{
    kiosk *k = &r->a.k;
    const char *want = arg_rest(line, word);
    if (strcmp(screen_names[kiosk_screen(k)], want) != 0)
        FAIL("on the %s screen, expected %s", screen_names[kiosk_screen(k)], want);
    return MJ_OK;
}

static int cmd_expect_text(run *r, const char *word, char *line, int lineno, char *err, size_t errlen)
{
    kiosk *k = &r->a.k;
    int x, y;
    const char *s = arg_rest(line, word);
    int msg = s[0] == '@';
    if (msg) s = kiosk_t(k, s + 1);   /* @msgid: the string in the current language */
    frame(r);
    int found = find_text(r, s, &x, &y, 1);
    if (!found && msg && strchr(s, ' ')) {
        /* a message wrapped over lines: every word of it on screen */
        char buf[1200], *save = NULL;
        snprintf(buf, sizeof buf, "%s", s);
        found = 1;
        for (char *w = strtok_r(buf, " ", &save); w && found; w = strtok_r(NULL, " ", &save))
            found = find_text(r, w, &x, &y, 1);
    }
    if (found != !strcmp(word, "expect-text")) FAIL("\"%s\" %s on the %s screen", s, found ? "is" : "is not",
                                                   screen_names[kiosk_screen(k)]);
    return MJ_OK;
}

static int cmd_disk_full(run *r, const char *word, char *line, int lineno, char *err, size_t errlen)
{
    (void)line;
    sqlite3 *db = store_db(r->a.st);
    if (!strcmp(word, "disk-free")) {
        sqlite3_exec(db, "PRAGMA max_page_count = 1073741823", NULL, NULL, NULL);
        return MJ_OK;
    }
    /* a scratch table takes every free byte; the store's own tables stay as they are */
    if (sqlite3_exec(db, "CREATE TABLE IF NOT EXISTS test_disk_fill (x BLOB)", NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_wal_checkpoint_v2(db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL) != SQLITE_OK)
        FAIL("disk-full: %s", sqlite3_errmsg(db));
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(db, "PRAGMA page_count", -1, &q, NULL) != SQLITE_OK) FAIL("page_count");
    int pages = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int(q, 0) : 0;
    sqlite3_finalize(q);
    char sql[80];
    snprintf(sql, sizeof sql, "PRAGMA max_page_count = %d", pages);
    sqlite3_exec(db, sql, NULL, NULL, NULL);
    static const int sizes[] = { 4000, 1000, 200, 40, 1 };
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        snprintf(sql, sizeof sql, "INSERT INTO test_disk_fill VALUES (zeroblob(%d))", sizes[i]);
        for (int n = 0; n < 100000 && sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK; n++) {}
    }
    return MJ_OK;
}

static int cmd_write(run *r, const char *word, char *line, int lineno, char *err, size_t errlen)
{
    (void)r;
    (void)word;
    /* steers a test peer (the fake printer's mode file): written whole, then renamed */
    char path[1024], tmp[1100];
    int n = 0;
    if (sscanf(line, "write %1023s %n", path, &n) != 1 || !n) FAIL("write FILE TEXT");
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "w");
    if (!f || fprintf(f, "%s\n", line + n) < 0 || fclose(f) != 0 || rename(tmp, path) != 0) FAIL("cannot write %s", path);
    return MJ_OK;
}

static int cmd_wait_printed(run *r, const char *word, char *line, int lineno, char *err, size_t errlen)
{
    kiosk *k = &r->a.k;
    /* the printer thread works in real time: poll it, laying out frames meanwhile */
    char want[32] = "";
    int n = 0, secs = 0;
    int ok = !strcmp(word, "wait-printed") ? sscanf(line, "wait-printed %d %d", &n, &secs) == 2
                                            : sscanf(line, "wait-printer %31s %d", want, &secs) == 2;
    if (!ok || secs < 1 || secs > 600) FAIL("%s N|WORD SECONDS", word);
    printq_status ps;
    for (int i = 0;; i++) {
        if (staff_printer(&k->sf, i % 10 == 0 && want[0], &ps, err, errlen) < 0) FAIL("printer: %s", err);
        if (want[0] ? !strcmp(staff_printer_word(k->cfg, &ps), want) : ps.printed >= n) break;
        if (i >= secs * 10) {
            FAIL("printer: %d printed, state %s (%s) after %d s", ps.printed, staff_printer_word(k->cfg, &ps),
                 ps.message, secs);
        }
        struct timespec ts = { 0, 100 * 1000000L };
        nanosleep(&ts, NULL);
    }
    advance(r, 1100);
    return MJ_OK;
}

static int cmd_print_slip(run *r, const char *word, char *line, int lineno, char *err, size_t errlen)
{
    kiosk *k = &r->a.k;
    (void)word; (void)lineno; (void)err; (void)errlen; (void)line;
    /* what the last preview holds: each service's QR text and the note as it prints */
    char qr[1200];
    for (int i = 0; i < k->sf.draft.nservices; i++)
        if (slip_qr_text(&k->sf.draft.services[i], qr, sizeof qr) == MJ_OK) printf("slip-qr %s\n", qr);
    printf("slip-note %s\n", k->sf.draft.note);
    fflush(stdout);
    return MJ_OK;
}

static int cmd_expect_slip_note(run *r, const char *word, char *line, int lineno, char *err, size_t errlen)
{
    kiosk *k = &r->a.k;
    const char *s = arg_rest(line, word);
    if (strcmp(k->sf.draft.note, s)) FAIL("slip note is \"%s\", expected \"%s\"", k->sf.draft.note, s);
    return MJ_OK;
}

static int cmd_expect_query(run *r, const char *word, char *line, int lineno, char *err, size_t errlen)
{
    kiosk *k = &r->a.k;
    const char *s = arg_rest(line, word);
    if (strcmp(k->v.query, s) != 0) FAIL("search text is \"%s\", expected \"%s\"", k->v.query, s);
    return MJ_OK;
}

#undef FAIL

/* The commands: name, usage, what it does (tests/ui/README.md's list is this table, printed by
 * `majakka-kiosk-test --list-commands`; tests/ui/commands.sh fails when the two differ). */
typedef int (*script_fn)(run *r, const char *word, char *line, int lineno, char *err, size_t errlen);
typedef struct script_cmd {
    const char *name, *usage, *help;
    script_fn fn;
} script_cmd;

static const script_cmd commands[] = {
    { "size", "size W H", "a new screen size", cmd_size },
    { "clock", "clock YYYY-MM-DDTHH:MM", "the kiosk's wall clock (site time zone), at virtual time now", cmd_clock },
    { "tap", "tap X Y", "pixels, or N% of the width/height", cmd_tap },
    { "tap-text", "tap-text TEXT", "the centre of the text run TEXT on screen", cmd_tap_text },
    { "tap-id", "tap-id MSGID", "the same for a UI string in the current language", cmd_tap_text },
    { "tap-card", "tap-card N", "the Nth tile, list row, face or answer option laid out (0 first)", cmd_tap_card },
    { "lang", "lang CODE", "tap that language on the language bar", cmd_tap_text },
    { "drag", "drag X1 Y1 X2 Y2 MS", "a finger drag taking MS milliseconds", cmd_drag },
    { "finger", "finger X Y", "a touch as SDL events through the app's handler", cmd_finger },
    { "click", "click X Y", "a mouse click as SDL events through the app's handler", cmd_finger },
    { "hold", "hold X Y MS", "a press held MS milliseconds (the logo's staff entry is 3 s)", cmd_hold },
    { "type", "type TEXT", "tap the on-screen keys of TEXT", cmd_type },
    { "key", "key NAME", "a key press through the handler, which ignores it", cmd_key },
    { "quit", "quit", "SDL_QUIT (Alt+F4) through the handler, which ignores it", cmd_key },
    { "wait", "wait MS", "let virtual time pass without a touch", cmd_wait },
    { "idle", "idle SECONDS", "the same in seconds", cmd_idle },
    { "set", "set large|contrast 0|1", "the accessibility toggles", cmd_set },
    { "sync-import", "sync-import BUNDLE", "another store connection imports BUNDLE (as the sync agent)", cmd_sync_import },
    { "show-mecard", "show-mecard NAME|PHONE|ADDRESS", "the detail's QR code replaced by this MeCard", cmd_show_mecard },
    { "show-vevent", "show-vevent TITLE|PLACE|URL", "the detail's QR code replaced by this event", cmd_show_mecard },
    { "save-slip", "save-slip NAME", "the slip of the service on screen: NAME.png and NAME.qr (its code's text)", cmd_save_slip },
    { "shot", "shot FILE.png", "screenshot", cmd_shot },
    { "save-qr", "save-qr FILE", "the payload of the QR code on screen", cmd_save_qr },
    { "print-qr", "print-qr", "print the payload of the QR code on screen (\"qr: ...\")", cmd_print_qr },
    { "print-overflows", "print-overflows", "print the labels that did not fit so far", cmd_print_overflows },
    { "frame-time", "frame-time [N]", "time drawing a frame (and N more: mean, median, p99)", cmd_frame_time },
    { "check-overflow", "check-overflow", "fail if any label did not fit since the start", cmd_check_overflow },
    { "check-targets", "check-targets", "fail if any tappable rectangle so far was under 9 mm (at the dpi)", cmd_check_targets },
    { "expect-screen", "expect-screen NAME", "home categories services service events event search feedback (or a staff screen)", cmd_expect_screen },
    { "expect-text", "expect-text TEXT", "TEXT (or @MSGID) on screen; a message wrapped over lines counts when each word is", cmd_expect_text },
    { "expect-no-text", "expect-no-text TEXT", "TEXT (or @MSGID) not on screen", cmd_expect_text },
    { "expect-query", "expect-query TEXT", "the search text", cmd_expect_query },
    { "expect-lang", "expect-lang CODE", "the visitor's language", cmd_expect_lang },
    { "expect-content-version", "expect-content-version [!]VERSION", "the content version the screens show (!: do not)", cmd_expect_content_version },
    { "expect-staff-requests", "expect-staff-requests N", "long presses on the logo so far", cmd_expect_staff_requests },
    { "expect-feedback-rows", "expect-feedback-rows N", "answers in the outbox", cmd_expect_feedback_rows },
    { "disk-full", "disk-full", "the store's file may grow no more (its free room filled)", cmd_disk_full },
    { "disk-free", "disk-free", "the store's file may grow again", cmd_disk_full },
    { "write", "write FILE TEXT", "write a file whole (steers the fake printer's mode)", cmd_write },
    { "wait-printed", "wait-printed N SECONDS", "real time: until the print queue has printed N jobs", cmd_wait_printed },
    { "wait-printer", "wait-printer WORD SECONDS", "real time: until the printer's state word is WORD (ok, paper-end, ...)", cmd_wait_printed },
    { "print-slip", "print-slip", "print the preview's QR texts and note (\"slip-qr ...\", \"slip-note ...\")", cmd_print_slip },
    { "expect-slip-note", "expect-slip-note TEXT", "the note as it will print (masked)", cmd_expect_slip_note },
    { "expect-comment", "expect-comment TEXT", "the last stored comment, as stored (masked)", cmd_expect_comment },
    { "expect-feedback-context", "expect-feedback-context TEXT", "the context of the last stored answer; @detail: the detail's on screen", cmd_expect_comment },
    { "feedback-repeat", "feedback-repeat N", "visitors give feedback from Home until the outbox holds N answers; prints \"thanks <key>\" for each stored answer as its thank-you shows (the durability test's driver)", cmd_feedback_repeat },
};

static int command(run *r, char *line, int lineno, char *err, size_t errlen)
{
    char word[64];
    if (sscanf(line, "%63s", word) != 1) return MJ_OK;
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(commands[i].name, word)) return commands[i].fn(r, word, line, lineno, err, errlen);
    return mj_err(err, errlen, MJ_EINVAL, "line %d: unknown command \"%s\"", lineno, word);
}

void script_list_commands(FILE *out)
{
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "    %-34s %s\n", commands[i].usage, commands[i].help);
}

int script_run(const config *cfg, store *st, const script_opts *t, char *err, size_t errlen)
{
    char *text = NULL;
    size_t len;
    int rc = mj_read_file(t->script, 1u << 20, &text, &len, err, errlen);
    if (rc < 0) return rc;
    run *r = calloc(1, sizeof *r);
    if (!r) { free(text); return mj_err(err, errlen, MJ_ENOMEM, "out of memory"); }
    r->shot_dir = t->screenshot_dir;
    r->vms = APP_STILL_MS;   /* mid-period of the attract strip: screenshots are still */
    r->base = time(NULL) - 100;
    int w = cfg->width, h = cfg->height;
    if (cfg->portrait && w > h) { int tmp = w; w = h; h = tmp; }
    if ((rc = app_setup(&r->a, cfg, st, w, h, cfg->dpi > 0 ? cfg->dpi : 96, err, errlen)) < 0) goto out;
    r->a.k.last_input_ms = r->vms;
    if ((rc = make_surface(r, w, h, err, errlen)) < 0) goto out;
    frame(r);
    int lineno = 0;
    for (char *line = text, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next) *next++ = 0;
        lineno++;
        size_t n = strlen(line);
        while (n && (line[n - 1] == '\r' || line[n - 1] == ' ')) line[--n] = 0;
        if (line[0] == '#' || !line[0]) continue;
        if ((rc = command(r, line, lineno, err, errlen)) < 0) break;
    }
out:
    app_teardown(&r->a);
    TTF_Quit();
    free(r);
    free(text);
    return rc;
}
