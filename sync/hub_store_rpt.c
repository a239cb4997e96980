/* hub_store_rpt.c - see hub_store_rpt.h. Both dialects of each statement side by side. */
#include "hub_store_rpt.h"
#include "hub_store_backend.h"
#include "util.h"
#include <string.h>

/* $1 site (NULL: every site), $2 first day, $3 the day after the last; suspect answers never. */
#define W " WHERE (CAST($1 AS TEXT) IS NULL OR site = $1) AND created >= $2 AND created < $3 AND suspect = 0"
#define FACES(col) "SELECT substr(created, 1, 7) AS m, " col " AS g, face, count(*) FROM feedback" W \
    " AND kind = 'face' AND face BETWEEN 1 AND 4 GROUP BY m, g, face ORDER BY m, g, face"
#define WEEK_LITE "date(substr(created, 1, 10), 'weekday 0', '-6 days')"
#define WEEK_PG "to_char(date_trunc('week', CAST(substr(created, 1, 10) AS date)), 'YYYY-MM-DD')"

/* The statements both dialects write the same way. */
#define CHOICES "SELECT substr(created, 1, 7) AS m, question_id, question_version, options FROM feedback" W \
    " AND kind = 'choice' AND question_id IS NOT NULL ORDER BY m, question_id, question_version"
#define VISITS "SELECT substr(created, 1, 10) AS d, context, count(DISTINCT visit_id) FROM feedback" W \
    " GROUP BY d, context ORDER BY d, context"
#define COMMENTS "SELECT f.id, substr(f.created, 1, 10) AS d, f.context, f.comment," \
    " CASE WHEN m.feedback_id IS NULL THEN 0 ELSE 1 END, COALESCE(m.reason, '')" \
    " FROM feedback f LEFT JOIN comment_moderation m ON m.feedback_id = f.id" \
    " WHERE (CAST($1 AS TEXT) IS NULL OR f.site = $1) AND f.created >= $2 AND f.created < $3 AND f.suspect = 0" \
    " AND f.kind = 'comment' AND f.comment IS NOT NULL ORDER BY d DESC, f.context, f.comment LIMIT 2000"
static const char *const lite[HUB_RPT_ROWS_N] = {
    FACES("''"), FACES("site"), FACES("context"), FACES("language"),
    "SELECT substr(created, 1, 7) AS m, '', " WEEK_LITE " AS w, count(*) FROM feedback" W
    " AND kind = 'face' AND face BETWEEN 1 AND 4 GROUP BY m, w ORDER BY m, w",
    "SELECT substr(created, 1, 7) AS m, '', ((CAST(strftime('%w', substr(created, 1, 10)) AS INTEGER) + 6) % 7 + 1)"
    " || '|' || substr(created, 12, 2) AS k, count(*) FROM feedback" W
    " AND kind = 'face' AND face BETWEEN 1 AND 4 GROUP BY m, k ORDER BY m, k",
    CHOICES,
    "SELECT substr(day, 1, 7) AS m, service_id, date(day, 'weekday 0', '-6 days') AS w, sum(count) FROM slip_counts"
    " WHERE (CAST($1 AS TEXT) IS NULL OR site = $1) AND day >= $2 AND day < $3 GROUP BY m, service_id, w"
    " ORDER BY m, service_id, w",
    VISITS,
    COMMENTS,
};
static const char *const pg[HUB_RPT_ROWS_N] = {
    FACES("''"), FACES("site"), FACES("context"), FACES("language"),
    "SELECT substr(created, 1, 7) AS m, '', " WEEK_PG " AS w, count(*) FROM feedback" W
    " AND kind = 'face' AND face BETWEEN 1 AND 4 GROUP BY m, w ORDER BY m, w",
    "SELECT substr(created, 1, 7) AS m, '', CAST(extract(isodow FROM CAST(substr(created, 1, 10) AS date)) AS INTEGER)"
    " || '|' || substr(created, 12, 2) AS k, count(*) FROM feedback" W
    " AND kind = 'face' AND face BETWEEN 1 AND 4 GROUP BY m, k ORDER BY m, k",
    CHOICES,
    "SELECT substr(day, 1, 7) AS m, service_id, to_char(date_trunc('week', CAST(day AS date)), 'YYYY-MM-DD') AS w,"
    " sum(count) FROM slip_counts WHERE (CAST($1 AS TEXT) IS NULL OR site = $1) AND day >= $2 AND day < $3"
    " GROUP BY m, service_id, w ORDER BY m, service_id, w",
    VISITS,
    COMMENTS,
};

int hub_store_rpt_rows(hub_store *hs, int which, const char *site, const char *from, const char *to, hub_row_fn fn,
                       void *ctx, char *err, size_t errlen)
{
    if (which < 0 || which >= HUB_RPT_ROWS_N || !from || !to) return mj_err(err, errlen, MJ_EINVAL, "no such report");
    hub_param p[3] = {HP_T(site), HP_T(from), HP_T(to)};
    return hub_store_q(hs, hub_store_is_pg(hs) ? pg[which] : lite[which], p, 3, fn, ctx, NULL, err, errlen);
}

int hub_store_comment_moderate(hub_store *hs, const char *site, long long id, int hide, const char *reason,
                               const char *by, char *err, size_t errlen)
{
    long long n;
    int rc = hub_store_q_int(hs, "SELECT count(*) FROM feedback WHERE id = $1 AND site = $2 AND kind = 'comment'",
                             (hub_param[]){HP_I(id), HP_T(site)}, 2, &n, err, errlen);
    if (rc) return rc;
    if (!n) return mj_err(err, errlen, MJ_ENOTFOUND, "no such comment");
    if (!hide)
        return hub_store_durable(hs, "DELETE FROM comment_moderation WHERE feedback_id = $1", (hub_param[]){HP_I(id)}, 1,
                                 NULL, err, errlen);
    if (!reason || !*reason || strlen(reason) > 500 || !mj_utf8_valid(reason, strlen(reason)))
        return mj_err(err, errlen, MJ_EINVAL, "a reason of 1-500 bytes is needed");
    char now[32];
    hub_now(now);
    return hub_store_durable(hs, "INSERT INTO comment_moderation (feedback_id, hidden_at, hidden_by, reason)"
                                 " VALUES ($1, $2, $3, $4) ON CONFLICT (feedback_id) DO UPDATE SET hidden_at = $2,"
                                 " hidden_by = $3, reason = $4",
                             (hub_param[]){HP_I(id), HP_T(now), HP_T(by ? by : ""), HP_T(reason)}, 4, NULL, err, errlen);
}
