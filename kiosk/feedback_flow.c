/* feedback_flow.c - see feedback_flow.h. The steps and what moves between them:
 *
 *                     fbflow_open (Home's tile, a detail's "Did this help you?")
 *                          |
 *                          v
 *                      FB_FACE ---- fbflow_face: stored; no questions ----------+
 *                          |                                                   |
 *            fbflow_face: stored, questions                                    |
 *                          v                                                   v
 *   fbflow_toggle +-> FB_QUESTION(q) -- fbflow_choose / fbflow_skip_question:  after the
 *                 +------+  ^   |       next question; past the last one ----> questions
 *                           +---+                                              |
 *                                               comments on <-----------------+----> comments off
 *                                                   |                                   |
 *                                                   v                                   |
 *                               FB_COMMENT -- fbflow_send_comment / fbflow_skip_comment |
 *                                                   |   (the comment wiped either way)  |
 *                                                   v                                   |
 *                                               FB_THANKS <-----------------------------+
 *                                                   |
 *      an answer the store refused (any step) --> FB_ERROR
 *                                                   |
 *     fbflow_done (Continue, a tap, FBFLOW_THANKS_MS after the thank-you; from FB_ERROR:
 *     Continue or a tap): the draft wiped, back to the screen below.
 *
 *   fbflow_left (Back or Home from any step): the draft wiped.
 *   fbflow_check (each frame): FB_QUESTION past the questions now loaded (a reload in another
 *     language) -> FB_THANKS; FB_COMMENT with comments off -> FB_THANKS.
 *   The idle reset (idle.c) wipes the whole visit, the draft included.
 */
#include "feedback_flow.h"
#include <stdio.h>
#include <string.h>

int fbflow_comments_on(const kiosk *k) { return k->have_fb && k->fb.comment_max_chars > 0; }

static void to(kiosk *k, int step)
{
    k->v.fb_step = step;
    k->changed = 1;
}

/* The comment being typed, zeroed (its drawn text is dropped from the renderer too). */
static void wipe_comment(kiosk *k)
{
    if (k->v.fb_comment[0]) k->fb_wipes++;   /* the app drops the text drawn from it too */
    memset(k->v.fb_comment, 0, sizeof k->v.fb_comment);
}

/* The comment and everything shown of the last feedback. */
static void wipe_draft(kiosk *k)
{
    wipe_comment(k);
    memset(k->v.fb_keys, 0, sizeof k->v.fb_keys);
    k->v.fb_nkeys = 0;
    k->v.fb_masked = 0;
    k->v.fb_thanked = 0;
    k->v.fb_thanks_ms = 0;
}

/* Remembers the key of a stored answer (a capped answer has none: it was not stored). */
static void note_key(kiosk *k, int rc, const char *key)
{
    if (rc == MJ_OK && k->v.fb_nkeys < VISIT_FB_KEYS) memcpy(k->v.fb_keys[k->v.fb_nkeys++], key, 33);
}

/* Where the feedback screen was opened from: the detail under it, else Home. */
static void set_context(kiosk *k)
{
    const visit *v = &k->v;
    screen_id below = v->depth >= 2 && v->stack[v->depth - 1] == SCR_FEEDBACK ? v->stack[v->depth - 2] : SCR_HOME;
    if (below == SCR_SERVICE && k->have_svc) snprintf(k->v.fb_context, sizeof k->v.fb_context, "service:%s", k->svc.id);
    else if (below == SCR_EVENT && k->have_ev) snprintf(k->v.fb_context, sizeof k->v.fb_context, "event:%s", k->ev.id);
    else snprintf(k->v.fb_context, sizeof k->v.fb_context, "home");
}

void fbflow_open(kiosk *k)
{
    kiosk_go(k, SCR_FEEDBACK);
    wipe_draft(k);
    set_context(k);
    kiosk_load_questions(k);
    k->v.fb_q = 0;
    k->v.fb_chosen = 0;
    to(k, FB_FACE);
}

static void after_questions(kiosk *k) { to(k, fbflow_comments_on(k) ? FB_COMMENT : FB_THANKS); }

void fbflow_face(kiosk *k, int mood)
{
    char key[33];
    int rc = k->have_fb ? feedback_give_face(&k->fb, k->v.fb_context, k->v.lang, mood, k->now, key, k->err, sizeof k->err)
                        : MJ_EDB;
    if (rc < 0) { to(k, FB_ERROR); return; }
    note_key(k, rc, key);
    k->v.fb_q = 0;
    k->v.fb_chosen = 0;
    if (k->nquestions) to(k, FB_QUESTION);
    else after_questions(k);
}

void fbflow_toggle(kiosk *k, int i)
{
    k->v.fb_chosen ^= 1u << i;
    k->changed = 1;
}

void fbflow_skip_question(kiosk *k)
{
    k->v.fb_q++;
    k->v.fb_chosen = 0;
    if (k->v.fb_q >= k->nquestions) after_questions(k);
    k->changed = 1;
}

void fbflow_choose(kiosk *k, unsigned chosen)
{
    if (k->v.fb_q >= k->nquestions) return;
    const catalog_question *q = &k->questions[k->v.fb_q];
    const char *ids[8];
    char key[33];
    size_t n = 0;
    for (int i = 0; i < q->noptions && i < 8; i++)
        if (chosen & (1u << i)) ids[n++] = q->option_id[i];
    if (n) {
        int rc = k->have_fb ? feedback_give_choice(&k->fb, k->v.fb_context, k->v.lang, q->id, q->version, ids, n, k->now,
                                                   key, k->err, sizeof k->err)
                            : MJ_EDB;
        if (rc < 0) { to(k, FB_ERROR); return; }
        note_key(k, rc, key);
    }
    fbflow_skip_question(k);
}

/* Send: the comment goes to the outbox masked (feedback.h); what was typed is wiped at once.
 * Nothing of it is logged. An empty comment is the same as Skip. */
void fbflow_send_comment(kiosk *k)
{
    const char *p = k->v.fb_comment;
    while (*p == ' ') p++;
    int rc = MJ_OK, masked = 0, any = *p != 0;
    char key[33];
    if (any) {
        rc = k->have_fb ? feedback_give_comment(&k->fb, k->v.fb_context, k->v.lang, k->v.fb_comment, k->now, key, &masked,
                                                k->err, sizeof k->err)
                        : MJ_EDB;
    }
    wipe_comment(k);
    if (rc < 0) { to(k, FB_ERROR); return; }
    if (any) note_key(k, rc, key);
    k->v.fb_masked = rc == MJ_OK && masked;
    to(k, FB_THANKS);
}

void fbflow_skip_comment(kiosk *k)
{
    wipe_comment(k);
    to(k, FB_THANKS);
}

int fbflow_check(kiosk *k)
{
    if (k->v.fb_q >= k->nquestions) {   /* fewer questions in the new language */
        k->v.fb_q = 0;
        if (k->v.fb_step == FB_QUESTION) { to(k, FB_THANKS); return 1; }
    }
    if (k->v.fb_step == FB_COMMENT && !fbflow_comments_on(k)) { to(k, FB_THANKS); return 1; }
    return 0;
}

int fbflow_thanks_over(kiosk *k, uint32_t now_ms)
{
    if (k->v.fb_step != FB_THANKS) return 0;
    if (!k->v.fb_thanked) { k->v.fb_thanked = 1; k->v.fb_thanks_ms = now_ms; }
    return now_ms - k->v.fb_thanks_ms >= FBFLOW_THANKS_MS;
}

void fbflow_done(kiosk *k)
{
    wipe_draft(k);
    if (kiosk_screen(k) == SCR_FEEDBACK) kiosk_back(k);
    k->changed = 1;
}

void fbflow_left(kiosk *k) { wipe_draft(k); }
