/* catalog_int.h - shared between the catalog's files; not a public contract. */
#ifndef MAJAKKA_CATALOG_INT_H
#define MAJAKKA_CATALOG_INT_H
#include "catalog.h"

/* The SQL expression that resolves JSON text column `col` in l's order. */
int catalog_text_expr(const catalog_langs *l, const char *col, char *out, size_t outlen);
/* Prepares sql_fmt with one %s per entry of cols replaced by its resolving expression. */
int catalog_prepare(store *s, const catalog_langs *l, const char *sql_fmt, int ntexts,
                    const char *const *cols, sqlite3_stmt **st, char *err, size_t errlen);

#endif
