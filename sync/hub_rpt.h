/* hub_rpt.h - the report core: every figure a coordinator sees or exports about feedback comes
 * from here, already made safe; the pages (hub_rpt_web.c), the CSV and the XLSX only draw it.
 * Privacy is enforced here, not by the callers (docs/reports.md):
 * - A period is whole calendar months (at most HUB_RPT_MAX_MONTHS); there is no finer filter.
 * - Every figure is built month by month. In each month, a table is a line of cells that adds up
 *   to the month's total; a cell of fewer than HUB_RPT_MIN answers is hidden, and more cells are
 *   hidden (the smallest first) until what is hidden in the line adds up to 0 or to at least
 *   HUB_RPT_MIN, so no hidden cell can be found by subtraction from the total or from other
 *   cells. A period's cell is the sum of its months' shown cells: a hidden month never enters a
 *   sum, so the difference of two periods is itself safe.
 * - Hidden values are JSON null ("fewer than 5"); a shown value is always HUB_RPT_MIN or more.
 *   "partial": true says some month of that cell was left out.
 * - A share of the happy faces (faces 3 and 4) is shown only where neither the happy nor the
 *   other answers were hidden.
 * - Suspect answers are always left out. Comments are masked (core/mask.h), dated to the day,
 *   and left out for a (context, day) with fewer than HUB_RPT_MIN visits. */
#ifndef MAJAKKA_HUB_RPT_H
#define MAJAKKA_HUB_RPT_H
#include <stddef.h>
#include <jansson.h>
#include "hub_store.h"

#define HUB_RPT_MIN 5
#define HUB_RPT_MAX_MONTHS 24

/* Months as y * 12 + (m - 1), both inclusive. */
typedef struct hub_rpt_period { int from, to; } hub_rpt_period;

/* "YYYY-MM" each; NULL or "" for from: the same as to; NULL or "" for to: the last whole month
 * before now. MJ_EINVAL for anything else (a day, an hour, to before from, too long). */
int hub_rpt_period_parse(const char *from, const char *to, hub_rpt_period *p, char *err, size_t errlen);
/* "YYYY-MM" of month index m. */
void hub_rpt_month(int m, char out[8]);

/* The tables (bits for hub_rpt_build). */
enum {
    HUB_RPT_T_OVERVIEW = 1,    /* answers, faces, happy share, weeks; and the previous period */
    HUB_RPT_T_SITES = 2,       /* every site side by side (callers: admins only) */
    HUB_RPT_T_CONTEXTS = 4,    /* per service and per event series, ranked */
    HUB_RPT_T_LANGUAGES = 8,
    HUB_RPT_T_HOURS = 16,      /* weekday x hour */
    HUB_RPT_T_QUESTIONS = 32,  /* follow-up questions, options across versions */
    HUB_RPT_T_SLIPS = 64,      /* referral slips per service and week */
    HUB_RPT_T_COMMENTS = 128,  /* masked comments (site reports only) */
    HUB_RPT_T_ALL = 255,
};
/* Comments hidden by moderation are left out, or listed with "hidden": true and the reason
 * when with_hidden (the moderation view). */
typedef struct hub_rpt_req {
    const char *site;          /* NULL: every site */
    hub_rpt_period period;
    unsigned tables;
    int with_hidden;
    const char *lang;          /* texts of services, events and questions ("fi", "sv", "en") */
} hub_rpt_req;

/* {"site", "from", "to", "min", "overview": {...}, "sites": [...], "contexts": [...], ...,
 *  "names": {"service:ID": text, "event:ID": text, "q:ID": text, "q:ID:OPTION": text}}; the
 * shape of each table is in docs/reports.md. The caller holds the store lock (or is its only user). */
int hub_rpt_build(hub_store *hs, const hub_rpt_req *rq, json_t **out, char *err, size_t errlen);

/* The suppression of one line (exposed for its tests): n[k] counts whose sum is the line's
 * total; hid[k] in: cells already hidden, out: every cell to hide. */
void hub_rpt_suppress(const long long *n, int k, unsigned char *hid);

/* Texts for report ids from the site's published bundles, newest version first, in lang with
 * fallback to fi, sv, en, then any. Adds to names; never fails (an id without a text is left out). */
void hub_rpt_names(hub_store *hs, const char *site, const char *lang, json_t *names);

#endif
