/* hub_store_rpt.h - the store's readers for the report core (hub_rpt.h) and comment moderation.
 * Only hub_rpt.c reads these rows: they hold raw counts, which the report core suppresses before
 * anything is shown or exported. Every reader leaves suspect answers out. Bounds: from and to are
 * YYYY-MM-DD days, from inclusive, to exclusive, on the answers' created time; site NULL: every
 * site. Columns (all text):
 *   HUB_RPT_FACES_SITE      month (YYYY-MM), "", face, count
 *   HUB_RPT_FACES_BY_SITE   month, site, face, count
 *   HUB_RPT_FACES_CONTEXT   month, context, face, count
 *   HUB_RPT_FACES_LANGUAGE  month, language, face, count
 *   HUB_RPT_WEEKS           month, "", week (its Monday, YYYY-MM-DD), count     -- face answers
 *   HUB_RPT_HOURS           month, "", "D|HH" (ISO weekday 1-7, hour), count   -- face answers
 *   HUB_RPT_CHOICES         month, question_id, question_version, options       -- one row per answer
 *   HUB_RPT_SLIPS           month, service_id, week, sum(count)                 -- slip counts
 *   HUB_RPT_VISITS          day, context, distinct visits (every kind of answer)
 *   HUB_RPT_COMMENTS        id, day, context, comment (as stored), hidden (0/1), reason
 * Rows come ordered by their first column. */
#ifndef MAJAKKA_HUB_STORE_RPT_H
#define MAJAKKA_HUB_STORE_RPT_H
#include "hub_store.h"

enum { HUB_RPT_FACES_SITE, HUB_RPT_FACES_BY_SITE, HUB_RPT_FACES_CONTEXT, HUB_RPT_FACES_LANGUAGE, HUB_RPT_WEEKS,
       HUB_RPT_HOURS, HUB_RPT_CHOICES, HUB_RPT_SLIPS, HUB_RPT_VISITS, HUB_RPT_COMMENTS, HUB_RPT_ROWS_N };
int hub_store_rpt_rows(hub_store *hs, int which, const char *site, const char *from, const char *to, hub_row_fn fn,
                       void *ctx, char *err, size_t errlen);

/* Hides (hide 1) or shows again (hide 0) a comment of site in the report, with a reason (1-500
 * bytes when hiding) and who did it. The comment itself is never changed or deleted.
 * MJ_ENOTFOUND when site has no comment with that id. */
int hub_store_comment_moderate(hub_store *hs, const char *site, long long id, int hide, const char *reason,
                               const char *by, char *err, size_t errlen);

#endif
