/* Internals shared by the store's files. Not for use outside store/. */
#ifndef ADJ_STORE_STORE_INT_H
#define ADJ_STORE_STORE_INT_H

#include <libpq-fe.h>
#include <string.h>

#include "core/arena.h"
#include "store/store.h"

struct AdjStore {
    PGconn *conn;
};

void store_trim_newline(AdjError *err);
/* Fill err from a failed result (or the connection); ADJ_ERR_DB when the
 * connection is gone, else ADJ_ERR_INPUT. */
AdjStatus store_result_error(AdjStore *store, PGresult *res, const char *what,
                             AdjError *err);
/* Run a statement without parameters or results (BEGIN, COMMIT, DDL). */
AdjStatus store_exec(AdjStore *store, const char *sql, const char *what, AdjError *err);

/* Run a parameterised statement that returns no rows. */
AdjStatus store_exec_params(AdjStore *store, const char *sql, int n, const char *const *values,
                            const char *what, AdjError *err);
/* "{1,2,3}": a bigint[] parameter. Caller frees. */
char *store_int64_array(const int64_t *v, size_t n);
/* A bytea value of a text-format result, unescaped. Caller PQfreemem()s. */
unsigned char *store_bytea(PGresult *res, int row, int col, size_t *len);

#endif
