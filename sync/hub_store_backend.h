/* hub_store_backend.h - what a hub store backend provides (hub_store_sqlite.c, hub_store_pg.c)
 * and what hub_store.c builds on: run a script, run one statement with typed parameters and read
 * its rows as text. SQL uses $1, $2, ... placeholders in both dialects (SQLite binds them by
 * name). Internal to the store: handlers use hub_store.h, never this. */
#ifndef MAJAKKA_HUB_STORE_BACKEND_H
#define MAJAKKA_HUB_STORE_BACKEND_H
#include <stddef.h>
#include "hub_store.h"

enum { HUB_P_NULL, HUB_P_TEXT, HUB_P_INT, HUB_P_BLOB };
typedef struct hub_param {
    int type;
    const char *s;      /* TEXT (NUL-terminated) or BLOB bytes */
    size_t len;         /* BLOB length */
    long long i;        /* INT */
} hub_param;

/* Rows come as hub_val (hub_store.h); blobs as their bytes with len. */

typedef struct hub_backend {
    const char *name;                /* "sqlite" or "postgresql" */
    const char *begin_write;         /* starts a write transaction */
    /* Runs a parameterless script of one or more statements. */
    int (*exec)(void *conn, const char *sql, char *err, size_t errlen);
    /* Runs one statement; rows go to fn (may be NULL); *changes (may be NULL) gets the number of
     * rows an INSERT/UPDATE/DELETE touched. sql must be a string literal (statements are cached
     * by its address). */
    int (*query)(void *conn, const char *sql, const hub_param *p, int np, hub_row_fn fn, void *ctx,
                 long *changes, char *err, size_t errlen);
    void (*close)(void *conn);
} hub_backend;

int hub_sqlite_open(const char *path, void **conn, char *err, size_t errlen);
int hub_pg_open(const char *url, void **conn, char *err, size_t errlen);
extern const hub_backend hub_sqlite_backend, hub_pg_backend;

/* Helpers for hub_store*.c and tests: parameters, one statement, one integer result. */
static inline hub_param hub_p_text(const char *s) { return (hub_param){.type = s ? HUB_P_TEXT : HUB_P_NULL, .s = s}; }
static inline hub_param hub_p_int(long long i) { return (hub_param){.type = HUB_P_INT, .i = i}; }
static inline hub_param hub_p_blob(const char *s, size_t n) { return (hub_param){.type = HUB_P_BLOB, .s = s, .len = n}; }
#define HP_T(x) hub_p_text(x)
#define HP_I(x) hub_p_int(x)
#define HP_B(x, n) hub_p_blob((x), (n))
int hub_store_q(hub_store *hs, const char *sql, const hub_param *p, int np, hub_row_fn fn, void *ctx,
                long *changes, char *err, size_t errlen);
/* The first column of the first row as an integer (0 when there is no row); MJ_OK or an error. */
int hub_store_q_int(hub_store *hs, const char *sql, const hub_param *p, int np, long long *out,
                    char *err, size_t errlen);
int hub_store_is_pg(hub_store *hs);
/* A parameterless script (COMMIT, ROLLBACK, ...) and the backend's write transaction start. */
int hub_store_exec(hub_store *hs, const char *sql, char *err, size_t errlen);
int hub_store_begin(hub_store *hs, char *err, size_t errlen);
/* One write in a transaction of its own, flushed before it returns (what must survive a crash). */
int hub_store_durable(hub_store *hs, const char *sql, const hub_param *p, int np, long *changes, char *err,
                      size_t errlen);

#endif
