/* store.h - the SQLite store that every Majakka process opens.
 * One connection per process; WAL journal, foreign keys on, busy_timeout so the kiosk and the
 * sync agent can share one file. The schema is migrated forward by PRAGMA user_version when the
 * store is opened: each step runs in its own transaction, so an upgrade is never half done. */
#ifndef MAJAKKA_STORE_H
#define MAJAKKA_STORE_H
#include <stddef.h>
#include <sqlite3.h>

typedef struct store store;

/* The schema version this build migrates to. */
int store_schema_latest(void);

/* Opens (creating if missing) the store at path and migrates it to the latest schema. */
int store_open(const char *path, store **out, char *err, size_t errlen);
/* Opens without migrating beyond `version` (tests use it to build old stores). */
int store_open_at_version(const char *path, int version, store **out, char *err, size_t errlen);
/* SQLite's data_version of this connection: changes when another connection (the sync agent)
 * committed to the store; -1 when unknown, MJ_EDB when it cannot be asked. */
long long store_data_version(store *s);
void store_close(store *s);

sqlite3 *store_db(store *s);
int store_schema_version(store *s);

/* Runs sql (no result rows) and maps a failure to MJ_EDB, or MJ_EFULL when the disk is full. */
int store_exec(store *s, const char *sql, char *err, size_t errlen);
/* Maps the connection's last error to a status and message (prefix names what was being done). */
int store_fail(store *s, const char *prefix, char *err, size_t errlen);

/* Transactions. begin is BEGIN IMMEDIATE: the write lock is taken up front, so a busy store
 * waits (busy_timeout) instead of failing in the middle. */
int store_begin(store *s, char *err, size_t errlen);
int store_commit(store *s, char *err, size_t errlen);
void store_rollback(store *s);

/* Key/value metadata (content_version, content_sha256, imported_at, ...). get returns a
 * malloc'd string or NULL when the key is absent. */
int store_meta_set(store *s, const char *key, const char *value, char *err, size_t errlen);
char *store_meta_get(store *s, const char *key);

/* How an import lays out services and their search rows, so that a search hit leads straight
 * to its service: services.rowid = sort + 1 (the bundle's order), and the n-th language of a
 * service's name is the service_search row services.rowid * STORE_SEARCH_ROWS + n. The meta key
 * "search_rowids" is "1" when the rows were written so (stores imported by older builds are
 * searched through service_id until their next import). */
#define STORE_SEARCH_ROWS 1024

/* 1 when content has been imported (there is a site row). */
int store_has_content(store *s);

#endif
