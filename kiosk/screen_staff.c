/* screen_staff.c - staff mode's screens but the slip's: the PIN pad (with the lockout's countdown),
 * the staff menu, the printer's status with a test print, the feedback counts of today and this
 * week, and the kiosk's status (content, sync, outbox, disk). Staff mode ends after its idle
 * minutes, at the idle reset, and whenever a staff screen is left for a visitor's (kiosk.c). */
#include "screens.h"
#include "idle.h"
#include <stdio.h>
#include <string.h>

/* A column of text lines: a paragraph at the cursor, half a gap below it. */
static void para(kiosk *k, lay *l, const char *s, int px, int bold, ui_color c)
{
    kw_para(k, l, s, kw_style(k, px, bold, c), 0, k->th.gap / 2);
}

/* A staff page's column at the top of c (at most a form's width, centred), scrolled by off. */
static lay column(const kiosk *k, ui_rect c, int off)
{
    ui_rect col = lay_column(c, k->th.pad, k->th.form_w, 1);
    return lay_begin(col.x, c.y + k->th.pad - off, col.w, k->th.gap);
}

/* A scrolling staff page: the frame, the area under the bar scrolling, the cursor at the top of
 * its column. page_begin returns 1 when the visitor left; page_end closes the scroll area with
 * the height laid out and pad more. */
typedef struct page { lay l; int top; } page;

static int page_begin(kiosk *k, const char *title_id, uint32_t scroll_id, page *p)
{
    ui_rect c;
    if (screen_frame(k, kiosk_t(k, title_id), &c)) return 1;
    int off = ui_scroll_begin(&k->u, scroll_id, c);
    p->l = column(k, c, off);
    p->top = c.y - off;
    return 0;
}

static void page_end(kiosk *k, const page *p, int pad)
{
    ui_scroll_end(&k->u, p->l.y - p->top + pad);
}

static void fmt1(kiosk *k, char *out, size_t len, const char *id, const char *a1)
{
    const char *args[] = { a1 };
    i18n_format(out, len, kiosk_t(k, id), args, 1);
}

/* A body-size paragraph of message id with {1} = a1. */
static void para_fmt(kiosk *k, lay *l, const char *id, const char *a1, int bold, ui_color c)
{
    char line[600];
    fmt1(k, line, sizeof line, id, a1);
    para(k, l, line, k->th.px_body, bold, c);
}

/* Answers waiting to be sent (with the oldest one's time when asked) and the last upload. */
static void outbox_lines(kiosk *k, lay *l, int oldest)
{
    char n[16];
    snprintf(n, sizeof n, "%d", k->fc_week.outbox);
    para_fmt(k, l, "staff.outbox", n, 1, k->th.text);
    if (oldest && k->fc_week.oldest_unsent[0])
        para_fmt(k, l, "staff.oldest_unsent", k->fc_week.oldest_unsent, 0, k->th.text);
    para_fmt(k, l, "staff.last_upload",
             k->fc_week.last_upload[0] ? k->fc_week.last_upload : kiosk_t(k, "staff.never"), 0, k->th.text);
}

/* --- the PIN pad -------------------------------------------------------------------------- */

void screen_pin(kiosk *k)
{
    const theme *t = &k->th;
    ui *u = &k->u;
    ui_rect c;
    if (screen_frame(k, kiosk_t(k, "staff.title"), &c)) return;
    lay l = column(k, c, 0);
    if (!staff_pin_set(&k->sf)) {
        para(k, &l, kiosk_t(k, "staff.no_pin"), t->px_body, 0, t->text);
        return;
    }
    int locked = pin_lock_remaining(&k->sf.lock, k->now);
    char msg[256] = "";
    if (locked > 0) {
        char n[16];
        snprintf(n, sizeof n, "%d", locked);
        fmt1(k, msg, sizeof msg, "staff.locked", n);
        /* the countdown ticks every second */
        uint32_t next = u->now_ms + 1000;
        if (!u->wake_ms || next < u->wake_ms) u->wake_ms = next;
    } else if (k->sf.pin_wrong) {
        snprintf(msg, sizeof msg, "%s", kiosk_t(k, "staff.pin_wrong"));
    }
    para(k, &l, kiosk_t(k, "staff.pin_prompt"), t->px_title, 1, t->text);
    /* one dot per digit typed, never the digits */
    char dots[40] = "";
    for (size_t i = 0; i < strlen(k->sf.pin) && i < 8; i++) strcat(dots, "\xE2\x97\x8F ");
    int lh = text_line_height(u, "", 0, t->px_big, 1);
    ui_rect field = lay_block(&l, lh + t->pad, t->gap);
    ui_fill(u, field, t->surface);
    ui_border(u, field, t->border_w, t->accent);
    text_label(u, field, dots, (text_style){ t->px_big, 1, t->text, TEXT_CENTER }, 0);
    /* room for two lines of the message, there or not */
    ui_rect mr = lay_block(&l, text_line_height(u, "", 0, t->px_body, 1) * 2, t->gap);
    if (msg[0]) text_paragraph(u, (ui_rect){ mr.x, mr.y, mr.w, 0 }, msg, kw_style(k, t->px_body, 1, t->warn_text), 2, 1);
    /* 1 2 3 / 4 5 6 / 7 8 9 / ⌫ 0 OK, keys as large as the room allows */
    int key = (l.w - 2 * t->gap) / 3, kh = (c.y + c.h - t->pad - l.y - 3 * t->gap) / 4;
    if (kh > key) kh = key;
    if (kh > t->touch * 2) kh = t->touch * 2;
    if (kh < t->touch) kh = t->touch;
    static const char *const keys[12] = { "1", "2", "3", "4", "5", "6", "7", "8", "9", "\xE2\x8C\xAB", "0", "OK" };
    lay_row(&l, 3, NULL, kh);
    for (int i = 0; i < 12; i++) {
        ui_rect r = lay_next(&l);
        const char *label = i == 11 ? kiosk_t(k, "staff.ok") : keys[i];
        if (!kw_button(k, r, label, i == 11 ? BTN_PRIMARY : BTN_PLAIN) || locked > 0) continue;
        if (i == 9) staff_pin_key(&k->sf, -1);
        else if (i == 10) staff_pin_key(&k->sf, 0);
        else if (i < 9) staff_pin_key(&k->sf, i + 1);
        else if (staff_pin_submit(&k->sf, k->now, k->err, sizeof k->err) == PIN_RIGHT) {
            k->v.stack[k->v.depth - 1] = SCR_STAFF;   /* Back from the menu goes Home, not to the pad */
            staff_touch(&k->sf, k->now);
        }
        k->changed = 1;
    }
}

/* --- the menu ----------------------------------------------------------------------------- */

static const char *printer_text(kiosk *k, const printq_status *ps)
{
    static const struct { const char *word, *id; } words[] = {
        { "none", "staff.printer_not_set" }, { "ok", "staff.printer_ok" }, { "offline", "staff.printer_offline" },
        { "cover-open", "staff.printer_cover" }, { "paper-end", "staff.printer_paper_end" },
        { "paper-near-end", "staff.printer_near_end" }, { "absent", "staff.printer_absent" },
        { "waiting", "staff.printer_waiting" },
    };
    const char *w = staff_printer_word(k->cfg, ps);
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (!strcmp(words[i].word, w)) return kiosk_t(k, words[i].id);
    return w;
}

void staff_printer_lines(kiosk *k, lay *l)
{
    const theme *t = &k->th;
    printq_status ps;
    char n[16];
    if (staff_printer(&k->sf, 0, &ps, k->err, sizeof k->err) < 0) {
        para(k, l, kiosk_t(k, "staff.printer_failed"), t->px_body, 1, t->warn_text);
        return;
    }
    /* the printer thread's progress shows without a touch (the app also wakes on its notice) */
    uint32_t next = k->u.now_ms + 1000;
    if (!k->u.wake_ms || next < k->u.wake_ms) k->u.wake_ms = next;
    const char *word = staff_printer_word(k->cfg, &ps);
    int bad = strcmp(word, "ok") && strcmp(word, "paper-near-end");
    para_fmt(k, l, "staff.printer_line", printer_text(k, &ps), 1, bad ? t->warn_text : t->ok_text);
    if (ps.pending) {
        snprintf(n, sizeof n, "%d", ps.pending);
        para_fmt(k, l, "staff.printer_pending", n, 0, t->text);
    }
    static const char *const msgs[] = { NULL, "staff.msg_queued", "staff.msg_reprint", "staff.msg_test",
                                        "staff.printer_none", "staff.msg_no_last", "staff.msg_full", "staff.msg_failed" };
    if (k->sf.msg > 0 && k->sf.msg < (int)(sizeof msgs / sizeof msgs[0]))
        para(k, l, kiosk_t(k, msgs[k->sf.msg]), t->px_body, 0, t->text);
}

void screen_staff(kiosk *k)
{
    const theme *t = &k->th;
    page p;
    if (page_begin(k, "staff.menu_title", SCROLL_STAFF, &p)) return;
    lay *l = &p.l;
    if (k->have_fb && k->fb.disk_full) para(k, l, kiosk_t(k, "staff.disk_full"), t->px_body, 1, t->warn_text);
    staff_printer_lines(k, l);
    lay_space(l, t->gap);
    static const char *const items[] = { "staff.slip", "staff.reprint", "staff.printer", "staff.counts",
                                         "staff.status", "staff.end" };
    for (int i = 0; i < 6; i++) {
        if (kw_button(k, lay_block(l, t->touch, t->gap), kiosk_t(k, items[i]), i == 0 ? BTN_PRIMARY : BTN_PLAIN)) {
            switch (i) {
            case 0:
                staff_new_slip(&k->sf, k->v.lang);
                memset(k->v.query, 0, sizeof k->v.query);
                kiosk_staff_pick_update(k);
                kiosk_go(k, SCR_SLIP_PICK);
                break;
            case 1: staff_reprint(&k->sf, k->err, sizeof k->err); k->changed = 1; break;
            case 2: kiosk_go(k, SCR_STAFF_PRINTER); break;
            case 3: kiosk_staff_load_counts(k); kiosk_go(k, SCR_STAFF_COUNTS); break;
            case 4: kiosk_staff_load_status(k); kiosk_go(k, SCR_STAFF_STATUS); break;
            default: idle_reset(k); break;
            }
        }
    }
    page_end(k, &p, t->pad);
}

/* --- printer ------------------------------------------------------------------------------ */

void screen_staff_printer(kiosk *k)
{
    const theme *t = &k->th;
    page p;
    if (page_begin(k, "staff.printer", SCROLL_STAFF_PRINTER, &p)) return;
    lay *l = &p.l;
    char n[16];
    para_fmt(k, l, "staff.printer_device", k->cfg->printer, 0, t->text_muted);
    staff_printer_lines(k, l);
    printq_status ps;
    if (staff_printer(&k->sf, 0, &ps, k->err, sizeof k->err) == MJ_OK) {
        snprintf(n, sizeof n, "%d", ps.printed);
        para_fmt(k, l, "staff.printer_printed", n, 0, t->text);
    }
    lay_space(l, t->gap);
    if (kw_button(k, lay_block(l, t->touch, t->gap), kiosk_t(k, "staff.refresh"), BTN_PLAIN)) {
        staff_printer(&k->sf, 1, &ps, k->err, sizeof k->err);
        k->changed = 1;
    }
    if (kw_button(k, lay_block(l, t->touch, t->gap), kiosk_t(k, "staff.test_print"), BTN_PLAIN)) {
        staff_test_print(&k->sf, k->err, sizeof k->err);
        k->changed = 1;
    }
    if (kw_button(k, lay_block(l, t->touch, t->pad), kiosk_t(k, "staff.reprint"), BTN_PLAIN)) {
        staff_reprint(&k->sf, k->err, sizeof k->err);
        k->changed = 1;
    }
    page_end(k, &p, 0);
}

/* --- feedback counts ---------------------------------------------------------------------- */

/* A row: a label at the start, the day's and the week's numbers in two columns at the end. */
static void count_row(kiosk *k, lay *l, const char *label, int day, int week, int bold)
{
    int x = l->x, w = l->w, y = l->y;
    const theme *t = &k->th;
    /* the number columns as wide as their headings ("Today", "Week") need */
    const char *th = kiosk_t(k, "staff.today"), *wh = kiosk_t(k, "staff.week");
    int nw = text_width(&k->u, th, strlen(th), t->px_body, 1), ww = text_width(&k->u, wh, strlen(wh), t->px_body, 1);
    if (ww > nw) nw = ww;
    if (nw < t->px_body * 3) nw = t->px_body * 3;
    nw += t->pad;
    int lh = text_line_height(&k->u, label, strlen(label), t->px_body, bold) + t->gap / 2;
    char a[16], b[16];
    snprintf(a, sizeof a, "%d", day);
    snprintf(b, sizeof b, "%d", week);
    int h = text_paragraph(&k->u, (ui_rect){ x, y, w - 2 * nw, 0 }, label, kw_style(k, t->px_body, bold, t->text), 0, 1);
    if (h < lh) h = lh;
    text_label(&k->u, (ui_rect){ x + w - 2 * nw, y, nw, lh }, day < 0 ? kiosk_t(k, "staff.today") : a,
               (text_style){ t->px_body, 1, t->text, TEXT_END }, 1);
    text_label(&k->u, (ui_rect){ x + w - nw, y, nw, lh }, week < 0 ? kiosk_t(k, "staff.week") : b,
               (text_style){ t->px_body, 1, t->text, TEXT_END }, 1);
    lay_space(l, h + t->gap / 2);
}

static const char *option_text(const kiosk *k, const char *qid, const char *oid, const char **qtext)
{
    *qtext = qid;
    for (size_t i = 0; i < k->nquestions; i++) {
        const catalog_question *q = &k->questions[i];
        if (strcmp(q->id, qid)) continue;
        *qtext = q->text ? q->text : qid;
        for (int o = 0; o < q->noptions && o < 8; o++)
            if (!strcmp(q->option_id[o], oid) && q->option_text[o]) return q->option_text[o];
    }
    return oid;
}

void screen_staff_counts(kiosk *k)
{
    const theme *t = &k->th;
    page p;
    if (page_begin(k, "staff.counts", SCROLL_STAFF_COUNTS, &p)) return;
    lay *l = &p.l;
    static const char *const faces[4] = { "feedback.face4", "feedback.face3", "feedback.face2", "feedback.face1" };
    count_row(k, l, kiosk_t(k, "staff.faces"), -1, -1, 1);
    for (int i = 0; i < 4; i++)
        count_row(k, l, kiosk_t(k, faces[i]), k->fc_day.faces[3 - i], k->fc_week.faces[3 - i], 0);
    count_row(k, l, kiosk_t(k, "staff.comments"), k->fc_day.comments, k->fc_week.comments, 0);
    count_row(k, l, kiosk_t(k, "staff.suspect"), k->fc_day.suspect, k->fc_week.suspect, 0);
    const char *last_q = "";
    for (size_t i = 0; i < k->noptc; i++) {
        const char *qtext, *otext = option_text(k, k->optc[i].q, k->optc[i].opt, &qtext);
        if (strcmp(last_q, k->optc[i].q)) {
            lay_space(l, t->gap);
            para(k, l, qtext, t->px_body, 1, t->text);
            last_q = k->optc[i].q;
        }
        count_row(k, l, otext, k->optc[i].day, k->optc[i].week, 0);
    }
    lay_space(l, t->gap);
    outbox_lines(k, l, 0);
    page_end(k, &p, t->pad);
}

/* --- kiosk status ------------------------------------------------------------------------- */

void screen_staff_status(kiosk *k)
{
    const theme *t = &k->th;
    page p;
    if (page_begin(k, "staff.status", SCROLL_STAFF_STATUS, &p)) return;
    lay *l = &p.l;
    const char *never = kiosk_t(k, "staff.never");
    if (k->have_fb && k->fb.disk_full) para(k, l, kiosk_t(k, "staff.disk_full"), t->px_body, 1, t->warn_text);
    para_fmt(k, l, "staff.content_version", k->have_site ? k->site.content_version : "-", 0, t->text);
    para_fmt(k, l, "staff.last_sync", k->sync_last[0] ? k->sync_last : never, 0, t->text);
    para_fmt(k, l, "staff.last_attempt", k->sync_attempt[0] ? k->sync_attempt : never, 0, t->text);
    if (k->sync_error[0]) para_fmt(k, l, "staff.content_error", k->sync_error, 1, t->warn_text);
    para_fmt(k, l, "staff.kiosk_id", k->kiosk_id[0] ? k->kiosk_id : kiosk_t(k, "staff.not_enrolled"), 0, t->text);
    outbox_lines(k, l, 1);
    para_fmt(k, l, "staff.version", MAJAKKA_VERSION, 0, t->text_muted);
    page_end(k, &p, t->pad);
}
