/* hub_store_read.c - the store's readers for reports and the dashboard, and copying a whole
 * store to another backend (majakka-hub migrate-to). See hub_store.h. */
#include "hub_store_backend.h"
#include "util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define D(hs, lite, pgsql) (hub_store_is_pg(hs) ? (pgsql) : (lite))

/* The filter shared by the feedback readers: $1 site, $2 from, $3 to, $4 include suspect. */
#define WHERE_LITE " WHERE (CAST($1 AS TEXT) IS NULL OR site = $1) AND (CAST($2 AS TEXT) IS NULL OR created >= $2)" \
    " AND (CAST($3 AS TEXT) IS NULL OR created < date($3, '+1 day')) AND (CAST($4 AS INTEGER) <> 0 OR suspect = 0)"
#define WHERE_PG " WHERE (CAST($1 AS TEXT) IS NULL OR site = $1) AND (CAST($2 AS TEXT) IS NULL OR created >= $2)" \
    " AND (CAST($3 AS TEXT) IS NULL OR created < to_char(CAST($3 AS date) + 1, 'YYYY-MM-DD'))" \
    " AND (CAST($4 AS INTEGER) <> 0 OR suspect = 0)"
/* The same statement around either dialect's filter. */
#define BOTH(hs, head, tail) (hub_store_is_pg(hs) ? head WHERE_PG tail : head WHERE_LITE tail)

static const char *rows_sql(hub_store *hs, int which)
{
    switch (which) {
    case HUB_ROWS_FACE_WEEKS:
        /* Weeks start on Monday. */
        return D(hs, "SELECT date(substr(created, 1, 10), 'weekday 0', '-6 days') AS w, face, count(*) FROM feedback"
                     WHERE_LITE " AND kind = 'face' GROUP BY w, face ORDER BY w, face",
                 "SELECT to_char(date_trunc('week', CAST(substr(created, 1, 10) AS date)), 'YYYY-MM-DD') AS w, face,"
                     " count(*) FROM feedback" WHERE_PG " AND kind = 'face' GROUP BY w, face ORDER BY w, face");
    case HUB_ROWS_CHOICES:
        return BOTH(hs, "SELECT question_id, question_version, options FROM feedback",
                          " AND kind = 'choice' ORDER BY question_id, question_version");
    case HUB_ROWS_COMMENTS:
        return BOTH(hs, "SELECT created, site, language, comment, suspect FROM feedback",
                          " AND kind = 'comment' ORDER BY created DESC, id DESC LIMIT 500");
    case HUB_ROWS_SLIPS:
        return "SELECT day, service_id, sum(count) FROM slip_counts"
               " WHERE (CAST($1 AS TEXT) IS NULL OR site = $1) AND (CAST($2 AS TEXT) IS NULL OR day >= $2)"
               " AND (CAST($3 AS TEXT) IS NULL OR day <= $3) GROUP BY day, service_id ORDER BY day, service_id";
    }
    return NULL;
}

int hub_store_export_page(hub_store *hs, const hub_filter *f, const char *after_created, long long after_id,
                          int limit, hub_row_fn fn, void *ctx, char *err, size_t errlen)
{
    const char *sql = BOTH(hs, "SELECT key, site, kiosk_id, created, received_at, context, language, kind, face,"
                                " question_id, question_version, options, comment, suspect, id FROM feedback",
                                " AND (created > $5 OR (created = $5 AND id > CAST($6 AS BIGINT)))"
                                " ORDER BY created, id LIMIT CAST($7 AS BIGINT)");
    hub_param p[7] = {HP_T(f->site), HP_T(f->from), HP_T(f->to), HP_I(f->include_suspect ? 1 : 0),
                      HP_T(after_created ? after_created : ""), HP_I(after_id), HP_I(limit)};
    return hub_store_q(hs, sql, p, 7, fn, ctx, NULL, err, errlen);
}

int hub_store_rows(hub_store *hs, int which, const hub_filter *f, hub_row_fn fn, void *ctx, char *err, size_t errlen)
{
    const char *sql = rows_sql(hs, which);
    if (!sql) return mj_err(err, errlen, MJ_EINVAL, "no such report");
    hub_param p[4] = {HP_T(f->site), HP_T(f->from), HP_T(f->to), HP_I(f->include_suspect ? 1 : 0)};
    return hub_store_q(hs, sql, p, which == HUB_ROWS_SLIPS ? 3 : 4, fn, ctx, NULL, err, errlen);
}

int hub_store_kiosk_rows(hub_store *hs, hub_row_fn fn, void *ctx, char *err, size_t errlen)
{
    return hub_store_q(hs, "SELECT id, site, name, enrolled_at, revoked_at, last_seen, health FROM kiosks"
                           " ORDER BY site, name, id", NULL, 0, fn, ctx, NULL, err, errlen);
}

int hub_store_site_rows(hub_store *hs, hub_row_fn fn, void *ctx, char *err, size_t errlen)
{
    return hub_store_q(hs, "SELECT site FROM bundles UNION SELECT site FROM feedback ORDER BY 1", NULL, 0, fn, ctx,
                       NULL, err, errlen);
}

/* Every table of schema version 7, its columns in one order for reading and writing; blobs
 * marks the columns that are bytes. */
typedef struct table { const char *name, *select, *insert; int ncols; unsigned blobs; } table;
static const table tables[] = {
    {"meta", "SELECT key, value FROM meta", "INSERT INTO meta (key, value) VALUES ($1,$2)", 2, 0},
    {"coordinators", "SELECT id, name, token_hash, created, revoked_at, role FROM coordinators",
     "INSERT INTO coordinators (id, name, token_hash, created, revoked_at, role) VALUES ($1,$2,$3,$4,$5,$6)", 6, 0},
    {"enroll_codes", "SELECT code_hash, site, name, created, expires, used_by FROM enroll_codes",
     "INSERT INTO enroll_codes (code_hash, site, name, created, expires, used_by) VALUES ($1,$2,$3,$4,$5,$6)", 6, 0},
    {"kiosks", "SELECT id, site, name, token_hash, enrolled_at, revoked_at, last_seen, health FROM kiosks",
     "INSERT INTO kiosks (id, site, name, token_hash, enrolled_at, revoked_at, last_seen, health)"
     " VALUES ($1,$2,$3,$4,$5,$6,$7,$8)", 8, 0},
    {"bundles", "SELECT site, content_version, etag, data, gz, published_at FROM bundles",
     "INSERT INTO bundles (site, content_version, etag, data, gz, published_at) VALUES ($1,$2,$3,$4,$5,$6)", 6,
     (1u << 3) | (1u << 4)},
    {"feedback", "SELECT id, key, digest, kiosk_id, site, received_at, visit_id, created, context, language, kind,"
                 " face, question_id, question_version, options, comment, suspect FROM feedback ORDER BY id",
     "INSERT INTO feedback (id, key, digest, kiosk_id, site, received_at, visit_id, created, context, language, kind,"
     " face, question_id, question_version, options, comment, suspect)"
     " VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17)", 17, 0},
    {"slip_counts", "SELECT kiosk_id, site, day, service_id, count FROM slip_counts",
     "INSERT INTO slip_counts (kiosk_id, site, day, service_id, count) VALUES ($1,$2,$3,$4,$5)", 5, 0},
    {"rate_limits", "SELECT name, window_start, count FROM rate_limits",
     "INSERT INTO rate_limits (name, window_start, count) VALUES ($1,$2,$3)", 3, 0},
    {"penalties", "SELECT name, fails, last_fail, blocked_until FROM penalties",
     "INSERT INTO penalties (name, fails, last_fail, blocked_until) VALUES ($1,$2,$3,$4)", 4, 0},
    {"site_settings", "SELECT site, alert_email FROM site_settings",
     "INSERT INTO site_settings (site, alert_email) VALUES ($1,$2)", 2, 0},
    {"kiosk_alerts", "SELECT kiosk_id, active, mailed, outbox_since, outbox_len, changed_at FROM kiosk_alerts",
     "INSERT INTO kiosk_alerts (kiosk_id, active, mailed, outbox_since, outbox_len, changed_at)"
     " VALUES ($1,$2,$3,$4,$5,$6)", 6, 0},
    {"users", "SELECT id, name, pw_hash, role, disabled, created, pw_changed FROM users",
     "INSERT INTO users (id, name, pw_hash, role, disabled, created, pw_changed) VALUES ($1,$2,$3,$4,$5,$6,$7)", 7, 0},
    {"user_sites", "SELECT user_id, site FROM user_sites", "INSERT INTO user_sites (user_id, site) VALUES ($1,$2)", 2, 0},
    {"sessions", "SELECT id_hash, user_id, csrf, created, last_seen FROM sessions",
     "INSERT INTO sessions (id_hash, user_id, csrf, created, last_seen) VALUES ($1,$2,$3,$4,$5)", 5, 0},
    {"audit", "SELECT id, at, actor, address, action, target, detail FROM audit ORDER BY id",
     "INSERT INTO audit (id, at, actor, address, action, target, detail) VALUES ($1,$2,$3,$4,$5,$6,$7)", 7, 0},
    {"coordinator_sites", "SELECT coord_id, site FROM coordinator_sites",
     "INSERT INTO coordinator_sites (coord_id, site) VALUES ($1,$2)", 2, 0},
    {"drafts", "SELECT site, content, rev, base_version, updated_at, updated_by, dropped FROM drafts",
     "INSERT INTO drafts (site, content, rev, base_version, updated_at, updated_by, dropped) VALUES ($1,$2,$3,$4,$5,$6,$7)",
     7, 0},
    {"bundle_versions", "SELECT site, version, content_version, etag, data, published_at, published_by, note"
                        " FROM bundle_versions",
     "INSERT INTO bundle_versions (site, version, content_version, etag, data, published_at, published_by, note)"
     " VALUES ($1,$2,$3,$4,$5,$6,$7,$8)", 8, 1u << 4},
    {"comment_moderation", "SELECT feedback_id, hidden_at, hidden_by, reason FROM comment_moderation",
     "INSERT INTO comment_moderation (feedback_id, hidden_at, hidden_by, reason) VALUES ($1,$2,$3,$4)", 4, 0},
};

typedef struct copy_ctx {
    hub_store *to;
    const table *t;
    long long rows;
    char *err;
    size_t errlen;
} copy_ctx;

static int copy_row(void *ctx, const hub_val *c, int n)
{
    copy_ctx *cc = ctx;
    hub_param p[17];
    if (n != cc->t->ncols) return mj_err(cc->err, cc->errlen, MJ_EINVAL, "%s: %d columns", cc->t->name, n);
    for (int i = 0; i < n; i++)
        p[i] = (cc->t->blobs >> i) & 1u ? HP_B(c[i].s, c[i].len) : HP_T(c[i].s);
    cc->rows++;
    return hub_store_q(cc->to, cc->t->insert, p, n, NULL, NULL, NULL, cc->err, cc->errlen);
}

int hub_store_copy_to(hub_store *hs, const char *where, long long *rows, char *err, size_t errlen)
{
    hub_store *to;
    long long n = 0, used = 0;
    int rc = hub_store_open(where, &to, err, errlen);
    if (rc) return rc;
    *rows = 0;
    if (hub_store_schema_version(to) != hub_store_schema_version(hs)) {
        rc = mj_err(err, errlen, MJ_EINVAL, "schema versions differ (%d here, %d there)", hub_store_schema_version(hs),
                    hub_store_schema_version(to));
        goto out;
    }
    for (size_t i = 0; !rc && i < sizeof tables / sizeof tables[0]; i++) {
        static const char *const counts[] = {
            "SELECT count(*) FROM meta", "SELECT count(*) FROM coordinators", "SELECT count(*) FROM enroll_codes",
            "SELECT count(*) FROM kiosks", "SELECT count(*) FROM bundles", "SELECT count(*) FROM feedback",
            "SELECT count(*) FROM slip_counts", "SELECT count(*) FROM rate_limits",
            "SELECT count(*) FROM penalties", "SELECT count(*) FROM site_settings",
            "SELECT count(*) FROM kiosk_alerts", "SELECT count(*) FROM users", "SELECT count(*) FROM user_sites",
            "SELECT count(*) FROM sessions", "SELECT count(*) FROM audit", "SELECT count(*) FROM coordinator_sites",
            "SELECT count(*) FROM drafts", "SELECT count(*) FROM bundle_versions",
            "SELECT count(*) FROM comment_moderation"};
        if (!(rc = hub_store_q_int(to, counts[i], NULL, 0, &n, err, errlen))) used += n;
    }
    if (!rc && used) rc = mj_err(err, errlen, MJ_EINVAL, "the target database is not empty (%lld rows)", used);
    if (rc) goto out;
    if ((rc = hub_store_begin(to, err, errlen))) goto out;
    copy_ctx cc = {to, NULL, 0, err, errlen};
    for (size_t i = 0; !rc && i < sizeof tables / sizeof tables[0]; i++) {
        cc.t = &tables[i];
        rc = hub_store_q(hs, tables[i].select, NULL, 0, copy_row, &cc, NULL, err, errlen);
    }
    /* Identity columns go on after the copied ids. */
    if (!rc && hub_store_is_pg(to))
        rc = hub_store_q(to, "SELECT setval(pg_get_serial_sequence('feedback', 'id'), (SELECT COALESCE(max(id), 0) + 1"
                             " FROM feedback), false), setval(pg_get_serial_sequence('coordinators', 'id'),"
                             " (SELECT COALESCE(max(id), 0) + 1 FROM coordinators), false),"
                             " setval(pg_get_serial_sequence('users', 'id'), (SELECT COALESCE(max(id), 0) + 1 FROM users), false),"
                             " setval(pg_get_serial_sequence('audit', 'id'), (SELECT COALESCE(max(id), 0) + 1 FROM audit), false)",
                         NULL, 0, NULL, NULL, NULL, err, errlen);
    if (!rc) rc = hub_store_exec(to, "COMMIT", err, errlen);
    if (rc) hub_store_exec(to, "ROLLBACK", NULL, 0);
    *rows = cc.rows;
out:
    hub_store_close(to);
    return rc;
}
