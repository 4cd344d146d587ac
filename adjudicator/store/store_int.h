/* Internals shared by the store's files. Not for use outside store/. */
#ifndef ADJ_STORE_STORE_INT_H
#define ADJ_STORE_STORE_INT_H

#include <libpq-fe.h>
#include <string.h>

#include "core/arena.h"
#include "core/date.h"
#include "edits/ruleset.h"
#include "store/store.h"

struct AdjStore {
    PGconn *conn;
    char sqlstate[6]; /* of the last failed statement ("" when none given) */
};

void store_trim_newline(AdjError *err);
/* Fill err from a failed result (or the connection); ADJ_ERR_DB when the
 * connection is gone, else ADJ_ERR_INPUT. */
AdjStatus store_result_error(AdjStore *store, PGresult *res, const char *what,
                             AdjError *err);

/* The parameters of one statement: the one way to pass them (text values,
 * bytea in binary format, arrays, NULLs). Values are copied into the arena
 * given to init, or into the params' own arena when that is NULL. */
typedef struct StoreParams {
    AdjArena own;
    AdjArena *arena;
    const char **v;
    int *len;
    int *fmt;
    int n, cap;
} StoreParams;

/* The one query helper: run sql with the parameters p (NULL: none, and sql
 * may then hold several statements), check that it returned rows or
 * completed, and on failure clear the result and name the query ("what")
 * in err. On success *out holds the result for the caller to read and
 * PQclear (out NULL: cleared here). */
AdjStatus store_run(AdjStore *store, const char *what, const char *sql, const StoreParams *p,
                    PGresult **out, AdjError *err);
/* store_run with n text parameters (NULL elements: SQL NULL). */
AdjStatus store_query(AdjStore *store, const char *what, const char *sql, int n,
                      const char *const *values, PGresult **out, AdjError *err);
/* A statement without parameters or results (BEGIN, COMMIT, DDL). */
static inline AdjStatus store_exec(AdjStore *store, const char *sql, const char *what,
                                   AdjError *err)
{
    return store_run(store, what, sql, NULL, NULL, err);
}
/* A parameterised statement whose rows are not read. */
static inline AdjStatus store_exec_params(AdjStore *store, const char *sql, int n,
                                          const char *const *values, const char *what,
                                          AdjError *err)
{
    return store_query(store, what, sql, n, values, NULL, err);
}
/* A large result, row by row (single-row mode): store_stream starts it,
 * store_stream_next returns each row as a result the caller clears, then
 * NULL at the end (*st ADJ_OK) or on an error (*st set, the rest drained,
 * the query named by what). */
AdjStatus store_stream(AdjStore *store, const char *what, const char *sql, AdjError *err);
PGresult *store_stream_next(AdjStore *store, const char *what, AdjStatus *st, AdjError *err);
/* Column c of row r as int64 (0 when NULL). */
int64_t store_int(const PGresult *res, int r, int c);

/* The rule values adj_dependents() takes ($addon bytea[], $primary bytea[],
 * $cap_carc text[], sql/061), as array parameters: the union over the
 * rulesets in force of codes.addon, codes.addon_primary and the CARCs of the
 * cap_dos and cap_month edits (store/dep_rules.c). */
void store_params_dep_arrays(StoreParams *p, const AdjRulesetSet *rules);
/* A bytea value of a text-format result, unescaped. Caller PQfreemem()s. */
unsigned char *store_bytea(PGresult *res, int row, int col, size_t *len);
/* A bytea value as a NUL-terminated string in dst (cut at size - 1). */
void store_bytea_to(char *dst, size_t size, PGresult *res, int row, int col);

/* Building parameters (store/params.c). */
void store_params_init(StoreParams *p, AdjArena *arena);
void store_params_free(StoreParams *p);
void store_params_reset(StoreParams *p);
void store_params_text(StoreParams *p, const char *s);          /* NULL: SQL NULL */
void store_params_int(StoreParams *p, int64_t v);
void store_params_bool(StoreParams *p, bool v);
void store_params_bytes(StoreParams *p, const void *b, size_t len); /* bytea, binary */
void store_params_cbytes(StoreParams *p, const char *s);        /* bytea of a C string; NULL: NULL */
void store_params_date(StoreParams *p, AdjDate d);              /* invalid: NULL */

/* Array parameters, in PostgreSQL's text form ("{1,2}"): the one builder
 * for every element type. A zeroed StoreArray is empty. */
typedef struct StoreArray {
    char *s;
    size_t len, cap;
} StoreArray;
void store_array_int(StoreArray *a, int64_t v);
void store_array_bool(StoreArray *a, bool v);
void store_array_bytes(StoreArray *a, const void *b, size_t len); /* bytea element */
void store_array_cbytes(StoreArray *a, const char *s);            /* bytea of a C string */
void store_array_text(StoreArray *a, const char *s);              /* quoted text element */
/* The literal ("{}" when empty); the caller frees it; a is empty again. */
char *store_array_end(StoreArray *a);
/* Pass the array as the next parameter; a is empty again. */
void store_params_array(StoreParams *p, StoreArray *a);
/* bytea[] of n NUL-terminated strings stride bytes apart */
void store_params_bytea_array(StoreParams *p, const char *const *items, size_t stride, int n);
void store_params_int_array(StoreParams *p, const int *v, int n);
void store_params_int64_array(StoreParams *p, const int64_t *v, size_t n);
/* "{1,2,3}": a bigint[] literal. Caller frees. */
char *store_int64_array(const int64_t *v, size_t n);
/* "HEAD VALUES ($1::c0, ...), ... TAIL" for nrows rows. Caller frees. */
char *store_values_sql(const char *head, const char *const *casts, int ncols, size_t nrows,
                       const char *tail);

/* COPY FROM STDIN, text format (store/copy.c). Fields of a row in column
 * order, then row_end; end sends the rest and reads the result. */
typedef struct StoreCopy {
    AdjStore *store;
    char *buf;
    size_t len, cap;
    bool first;
    size_t rows;
} StoreCopy;
AdjStatus store_copy_begin(AdjStore *store, const char *sql, StoreCopy *c, AdjError *err);
void store_copy_null(StoreCopy *c);
void store_copy_text(StoreCopy *c, const char *s); /* NULL: \N */
void store_copy_int(StoreCopy *c, int64_t v);
void store_copy_bytea(StoreCopy *c, const void *b, size_t n);
void store_copy_date(StoreCopy *c, AdjDate d);
void store_copy_lf_array(StoreCopy *c, const char *joined);
AdjStatus store_copy_row_end(StoreCopy *c, AdjError *err);
AdjStatus store_copy_end(StoreCopy *c, AdjError *err);

#endif
