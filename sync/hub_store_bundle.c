/* hub_store_bundle.c - see hub_store.h: the site's current bundle (what kiosks fetch), every
 * published version of it, and the editor's drafts. SQL only here and in the other hub_store*.c. */
#include "hub_store_backend.h"
#include "util.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

static void rollback(hub_store *hs) { hub_store_exec(hs, "ROLLBACK", NULL, 0); }

static int gzip_bytes(const char *data, size_t len, unsigned char **out, size_t *outlen)
{
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    if (deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return MJ_ENOMEM;
    size_t cap = deflateBound(&zs, (uLong)len);
    unsigned char *buf = malloc(cap);
    if (!buf) { deflateEnd(&zs); return MJ_ENOMEM; }
    zs.next_in = (Bytef *)data;
    zs.avail_in = (uInt)len;
    zs.next_out = buf;
    zs.avail_out = (uInt)cap;
    int z = deflate(&zs, Z_FINISH);
    *outlen = zs.total_out;
    deflateEnd(&zs);
    if (z != Z_STREAM_END) { free(buf); return MJ_EIO; }
    *out = buf;
    return MJ_OK;
}

static void etag_of(const char *data, size_t len, char etag[70])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)data, len);
    int n = snprintf(etag, 70, "\"");
    for (size_t i = 0; i < sizeof h; i++) n += snprintf(etag + n, (size_t)(70 - n), "%02x", h[i]);
    snprintf(etag + n, (size_t)(70 - n), "\"");
}

int hub_bundle_publish(hub_store *hs, const char *site, long long version, const char *content_version,
                       const char *data, size_t len, const char *by, const char *note, char etag[70],
                       char *err, size_t errlen)
{
    unsigned char *gz = NULL;
    size_t gzlen = 0;
    char now[32];
    long long latest = 0;
    long changes = 0;
    etag_of(data, len, etag);
    if (gzip_bytes(data, len, &gz, &gzlen)) return mj_err(err, errlen, MJ_ENOMEM, "compressing bundle failed");
    hub_now(now);
    int rc = hub_store_begin(hs, err, errlen);
    if (rc) { free(gz); return rc; }
    rc = hub_store_q_int(hs, "SELECT COALESCE(max(version), 0) FROM bundle_versions WHERE site = $1",
                         (hub_param[]){HP_T(site)}, 1, &latest, err, errlen);
    if (!rc && latest + 1 != version)
        rc = mj_err(err, errlen, MJ_EBUSY, "version %lld of site \"%s\" was published meanwhile", latest + 1, site);
    /* Two processes publishing at once: the primary key lets one of them have the number. */
    if (!rc)
        rc = hub_store_q(hs, "INSERT INTO bundle_versions (site, version, content_version, etag, data, published_at,"
                             " published_by, note) VALUES ($1,$2,$3,$4,$5,$6,$7,$8) ON CONFLICT (site, version) DO NOTHING",
                         (hub_param[]){HP_T(site), HP_I(version), HP_T(content_version), HP_T(etag), HP_B(data, len),
                                       HP_T(now), HP_T(by ? by : ""), HP_T(note ? note : "")},
                         8, NULL, NULL, &changes, err, errlen);
    if (!rc && changes != 1)
        rc = mj_err(err, errlen, MJ_EBUSY, "version %lld of site \"%s\" was published meanwhile", version, site);
    if (!rc)
        rc = hub_store_q(hs, "INSERT INTO bundles (site, content_version, etag, data, gz, published_at)"
                             " VALUES ($1,$2,$3,$4,$5,$6) ON CONFLICT (site) DO UPDATE SET"
                             " content_version = excluded.content_version, etag = excluded.etag, data = excluded.data,"
                             " gz = excluded.gz, published_at = excluded.published_at",
                         (hub_param[]){HP_T(site), HP_T(content_version), HP_T(etag), HP_B(data, len),
                                       HP_B((const char *)gz, gzlen), HP_T(now)},
                         6, NULL, NULL, NULL, err, errlen);
    if (!rc) rc = hub_store_exec(hs, "COMMIT", err, errlen);
    if (rc) rollback(hs);
    free(gz);
    return rc;
}

int hub_bundle_put(hub_store *hs, const char *site, const char *content_version, const char *data,
                   size_t len, char etag[70], char *err, size_t errlen)
{
    int rc = MJ_EBUSY;
    for (int attempt = 0; attempt < 5 && rc == MJ_EBUSY; attempt++) {
        long long latest;
        if ((rc = hub_version_latest(hs, site, &latest, err, errlen))) return rc;
        rc = hub_bundle_publish(hs, site, latest + 1, content_version, data, len, "", "", etag, err, errlen);
    }
    return rc;
}

typedef struct bundle_out { char **data; size_t *len; char *etag; int seen, oom; } bundle_out;
static int bundle_cb(void *ctx, const hub_val *c, int n)
{
    bundle_out *b = ctx;
    if (n < 2) return 0;
    b->seen = 1;
    snprintf(b->etag, 70, "%s", c[0].s ? c[0].s : "");
    if (!b->data) return 0;
    *b->data = malloc(c[1].len + 1);
    if (!*b->data) { b->oom = 1; return 0; }
    if (c[1].len) memcpy(*b->data, c[1].s, c[1].len);
    (*b->data)[c[1].len] = 0;
    *b->len = c[1].len;
    return 0;
}

int hub_bundle_get(hub_store *hs, const char *site, int gz, const char *if_none_match, char **data, size_t *len,
                   char etag[70], char *err, size_t errlen)
{
    bundle_out b = {NULL, len, etag, 0, 0};
    int rc;
    *data = NULL;
    *len = 0;
    if (if_none_match) {
        /* The ETag alone first: a kiosk that has the bundle costs no copy of it. */
        if ((rc = hub_store_q(hs, "SELECT etag, 1 FROM bundles WHERE site = $1", (hub_param[]){HP_T(site)}, 1,
                              bundle_cb, &b, NULL, err, errlen)))
            return rc;
        if (b.seen && (strcmp(if_none_match, "*") == 0 || strstr(if_none_match, etag))) return MJ_OK;
    }
    b.data = data;
    b.seen = 0;
    rc = hub_store_q(hs, gz ? "SELECT etag, gz FROM bundles WHERE site = $1" : "SELECT etag, data FROM bundles WHERE site = $1",
                     (hub_param[]){HP_T(site)}, 1, bundle_cb, &b, NULL, err, errlen);
    if (rc) return rc;
    if (b.oom) return mj_err(err, errlen, MJ_ENOMEM, "out of memory");
    if (!b.seen) return mj_err(err, errlen, MJ_ENOTFOUND, "no bundle has been published for site \"%s\"", site);
    return MJ_OK;
}

int hub_version_latest(hub_store *hs, const char *site, long long *version, char *err, size_t errlen)
{
    return hub_store_q_int(hs, "SELECT COALESCE(max(version), 0) FROM bundle_versions WHERE site = $1",
                           (hub_param[]){HP_T(site)}, 1, version, err, errlen);
}

static void text_to(char *dst, size_t n, const hub_val *v) { snprintf(dst, n, "%s", v->s ? v->s : ""); }

typedef struct ver_list { hub_version *out; int max, n; } ver_list;
static int ver_cb(void *ctx, const hub_val *c, int n)
{
    ver_list *l = ctx;
    if (n < 6 || l->n >= l->max) return 0;
    hub_version *v = &l->out[l->n++];
    v->version = c[0].s ? atoll(c[0].s) : 0;
    text_to(v->content_version, sizeof v->content_version, &c[1]);
    text_to(v->etag, sizeof v->etag, &c[2]);
    text_to(v->published_at, sizeof v->published_at, &c[3]);
    text_to(v->published_by, sizeof v->published_by, &c[4]);
    text_to(v->note, sizeof v->note, &c[5]);
    return 0;
}

int hub_version_list(hub_store *hs, const char *site, hub_version *out, int max, int *n, char *err, size_t errlen)
{
    ver_list l = {out, max, 0};
    int rc = hub_store_q(hs, "SELECT version, content_version, etag, published_at, published_by, note FROM bundle_versions"
                             " WHERE site = $1 ORDER BY version DESC LIMIT CAST($2 AS BIGINT)",
                         (hub_param[]){HP_T(site), HP_I(max)}, 2, ver_cb, &l, NULL, err, errlen);
    *n = l.n;
    return rc;
}

typedef struct ver_get { char **data; size_t *len; hub_version *meta; int seen, oom; } ver_get;
static int ver_get_cb(void *ctx, const hub_val *c, int n)
{
    ver_get *g = ctx;
    if (n < 7) return 0;
    ver_list l = {g->meta, 1, 0};
    ver_cb(&l, c, 6);
    g->seen = 1;
    *g->data = malloc(c[6].len + 1);
    if (!*g->data) { g->oom = 1; return 0; }
    if (c[6].len) memcpy(*g->data, c[6].s, c[6].len);
    (*g->data)[c[6].len] = 0;
    *g->len = c[6].len;
    return 0;
}

int hub_version_get(hub_store *hs, const char *site, long long version, char **data, size_t *len, hub_version *meta,
                    char *err, size_t errlen)
{
    hub_version tmp;
    ver_get g = {data, len, meta ? meta : &tmp, 0, 0};
    *data = NULL;
    *len = 0;
    int rc = hub_store_q(hs, "SELECT version, content_version, etag, published_at, published_by, note, data"
                             " FROM bundle_versions WHERE site = $1 AND version = $2",
                         (hub_param[]){HP_T(site), HP_I(version)}, 2, ver_get_cb, &g, NULL, err, errlen);
    if (rc) return rc;
    if (g.oom) return mj_err(err, errlen, MJ_ENOMEM, "out of memory");
    if (!g.seen) return mj_err(err, errlen, MJ_ENOTFOUND, "site \"%s\" has no version %lld", site, version);
    return MJ_OK;
}

typedef struct draft_get { hub_draft_row *out; int seen, oom, with_content; } draft_get;
static int draft_cb(void *ctx, const hub_val *c, int n)
{
    draft_get *g = ctx;
    if (n < 6) return 0;
    g->seen = 1;
    g->out->rev = c[1].s ? atoll(c[1].s) : 0;
    g->out->base_version = c[2].s ? atoll(c[2].s) : 0;
    g->out->dropped = c[5].s && atoll(c[5].s) != 0;
    text_to(g->out->updated_at, sizeof g->out->updated_at, &c[3]);
    text_to(g->out->updated_by, sizeof g->out->updated_by, &c[4]);
    if (!g->with_content || g->out->dropped) return 0;
    g->out->content = malloc(c[0].len + 1);
    if (!g->out->content) { g->oom = 1; return 0; }
    if (c[0].len) memcpy(g->out->content, c[0].s, c[0].len);
    g->out->content[c[0].len] = 0;
    g->out->len = c[0].len;
    return 0;
}

static int draft_read(hub_store *hs, const char *site, hub_draft_row *out, int with_content, char *err, size_t errlen)
{
    draft_get g = {out, 0, 0, with_content};
    memset(out, 0, sizeof *out);
    int rc = with_content
                 ? hub_store_q(hs, "SELECT content, rev, base_version, updated_at, updated_by, dropped FROM drafts WHERE site = $1",
                               (hub_param[]){HP_T(site)}, 1, draft_cb, &g, NULL, err, errlen)
                 : hub_store_q(hs, "SELECT '', rev, base_version, updated_at, updated_by, dropped FROM drafts WHERE site = $1",
                               (hub_param[]){HP_T(site)}, 1, draft_cb, &g, NULL, err, errlen);
    if (rc) { free(out->content); out->content = NULL; return rc; }
    if (g.oom) return mj_err(err, errlen, MJ_ENOMEM, "out of memory");
    if (!g.seen || out->dropped) return mj_err(err, errlen, MJ_ENOTFOUND, "site \"%s\" has no draft", site);
    return MJ_OK;
}

int hub_draft_get(hub_store *hs, const char *site, hub_draft_row *out, char *err, size_t errlen)
{
    return draft_read(hs, site, out, 1, err, errlen);
}

int hub_draft_head(hub_store *hs, const char *site, hub_draft_row *out, char *err, size_t errlen)
{
    return draft_read(hs, site, out, 0, err, errlen);
}

static int draft_write(hub_store *hs, const char *site, const char *content, long long expect_rev, long long base_version,
                       const char *by, char *err, size_t errlen)
{
    char now[32];
    long changes = 0;
    hub_now(now);
    int rc = hub_store_begin(hs, err, errlen);
    if (rc) return rc;
    if (expect_rev == 0)
        rc = hub_store_q(hs, "INSERT INTO drafts (site, content, rev, base_version, updated_at, updated_by, dropped)"
                             " VALUES ($1,$2,1,$3,$4,$5,0) ON CONFLICT (site) DO NOTHING",
                         (hub_param[]){HP_T(site), HP_T(content), HP_I(base_version), HP_T(now), HP_T(by ? by : "")}, 5,
                         NULL, NULL, &changes, err, errlen);
    else if (content)
        rc = hub_store_q(hs, "UPDATE drafts SET content = $2, rev = rev + 1, base_version = $4, updated_at = $5,"
                             " updated_by = $6, dropped = 0 WHERE site = $1 AND rev = $3",
                         (hub_param[]){HP_T(site), HP_T(content), HP_I(expect_rev), HP_I(base_version), HP_T(now),
                                       HP_T(by ? by : "")},
                         6, NULL, NULL, &changes, err, errlen);
    else
        rc = hub_store_q(hs, "UPDATE drafts SET rev = rev + 1, base_version = $3, updated_at = $4, updated_by = $5"
                             " WHERE site = $1 AND rev = $2 AND dropped = 0",
                         (hub_param[]){HP_T(site), HP_I(expect_rev), HP_I(base_version), HP_T(now), HP_T(by ? by : "")},
                         5, NULL, NULL, &changes, err, errlen);
    if (!rc && changes != 1) rc = mj_err(err, errlen, MJ_EBUSY, "the draft of site \"%s\" was saved meanwhile", site);
    if (!rc) rc = hub_store_exec(hs, "COMMIT", err, errlen);
    if (rc) rollback(hs);
    return rc;
}

int hub_draft_put(hub_store *hs, const char *site, const char *content, long long expect_rev, long long base_version,
                  const char *by, char *err, size_t errlen)
{
    if (!content) return mj_err(err, errlen, MJ_EINVAL, "a draft needs content");
    return draft_write(hs, site, content, expect_rev, base_version, by, err, errlen);
}

int hub_draft_rebase(hub_store *hs, const char *site, long long expect_rev, long long base_version, const char *by,
                     char *err, size_t errlen)
{
    if (expect_rev < 1) return mj_err(err, errlen, MJ_EBUSY, "site \"%s\" has no stored draft", site);
    return draft_write(hs, site, NULL, expect_rev, base_version, by, err, errlen);
}

int hub_draft_drop(hub_store *hs, const char *site, char *err, size_t errlen)
{
    int rc = hub_store_begin(hs, err, errlen);
    if (rc) return rc;
    rc = hub_store_q(hs, "UPDATE drafts SET dropped = 1, content = '', rev = rev + 1 WHERE site = $1 AND dropped = 0",
                     (hub_param[]){HP_T(site)}, 1, NULL, NULL, NULL, err, errlen);
    if (!rc) rc = hub_store_exec(hs, "COMMIT", err, errlen);
    if (rc) rollback(hs);
    return rc;
}
