/* visit.c - see visit.h. */
#include "visit.h"
#include <sodium.h>
#include <stdio.h>

void visit_reset(visit *v, const char *lang, int large_text, int high_contrast)
{
    sodium_memzero(v, sizeof *v);
    v->stack[0] = SCR_HOME;
    v->depth = 1;
    v->ev_range = EV_TODAY;
    snprintf(v->lang, sizeof v->lang, "%s", lang ? lang : "");
    v->large_text = large_text;
    v->high_contrast = high_contrast;
    snprintf(v->fb_context, sizeof v->fb_context, "home");
}
