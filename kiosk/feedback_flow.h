/* feedback_flow.h - the steps of "Give feedback" as a small state machine. The state is the
 * visit's feedback draft (visit.h: fb_step, fb_q, fb_chosen, fb_comment, ...); every change of
 * step happens in feedback_flow.c, whose top comment lists the transitions. The feedback screen
 * (screen_feedback.c) only draws the step and calls these on taps. Every answer goes to the
 * anonymous outbox (feedback.h) the moment it is given. */
#ifndef MAJAKKA_FEEDBACK_FLOW_H
#define MAJAKKA_FEEDBACK_FLOW_H
#include <stdint.h>
#include "kiosk.h"

/* the steps (values as before: test scripts print them) */
enum { FB_FACE, FB_QUESTION, FB_THANKS, FB_ERROR, FB_COMMENT };
/* the thank-you goes back by itself after this long */
#define FBFLOW_THANKS_MS 6000

/* Opens the feedback screen at FB_FACE above the open screen, about it ("service:ID",
 * "event:ID", else "home"), with the site's questions in the visitor's language. */
void fbflow_open(kiosk *k);
/* FB_FACE: mood 1..4 given -> FB_QUESTION, FB_COMMENT or FB_THANKS (FB_ERROR: not stored). */
void fbflow_face(kiosk *k, int mood);
/* FB_QUESTION: option i ticked or unticked (multiple choice). */
void fbflow_toggle(kiosk *k, int i);
/* FB_QUESTION: the options in chosen given (none: nothing stored), then the next question. */
void fbflow_choose(kiosk *k, unsigned chosen);
/* FB_QUESTION: Skip. */
void fbflow_skip_question(kiosk *k);
/* FB_COMMENT: Send (the comment stored masked, then wiped) and Skip (wiped). */
void fbflow_send_comment(kiosk *k);
void fbflow_skip_comment(kiosk *k);
/* Makes the step valid for the questions and settings now loaded (after a reload in another
 * language, comments turned off); returns 1 when it changed the step. */
int fbflow_check(kiosk *k);
/* FB_THANKS at now_ms: 1 once the thank-you has shown FBFLOW_THANKS_MS (then fbflow_done). */
int fbflow_thanks_over(kiosk *k, uint32_t now_ms);
/* After the thank-you or the error: the draft wiped, back to the screen feedback came from. */
void fbflow_done(kiosk *k);
/* The feedback screen was left with Back or Home: nothing typed stays behind. */
void fbflow_left(kiosk *k);
/* 1 when comments are taken (feedback.comment_max_chars > 0). */
int fbflow_comments_on(const kiosk *k);

#endif
