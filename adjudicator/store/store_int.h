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
};

/* `show`'s query (store/show.c): $1 the claim_pks (bigint[]); one row per
 * claim and decision line, newest version first. */
extern const char store_show_sql[];
/* Run store_show_sql for the given claims; the caller clears *out. Shared
 * by the text and JSON renderings of `show`. */
AdjStatus store_show_query(AdjStore *store, const int64_t *claim_pks, size_t n, PGresult **out,
                           AdjError *err);
enum {
    C_PK, C_PCN, C_NPI, C_CLM, C_RECEIVED, C_FREQ, C_REF, C_QUEUE, C_VERSION, C_LINE, C_LX,
    C_CODE, C_DOS, C_ROUTE, C_OUTCOME, C_GRP, C_CARC, C_RARC, C_ALLOWED, C_PAID, C_RESP,
    C_RULESET, C_RULESET_SHA, C_RULES, C_MATCHED, C_REASON, C_AT, C_BY, C_WHY, C_HASH,
    C_DB_LOGIN, C_APP_USER, C_REF_VERSION, C_REF_AT, C_REF_LOGIN, C_REF_OS, C_REF_USER,
    C_REF_REASON, C_REF_FILES,
    C_PAT_FIRST, C_PAT_BIRTH, C_DEPENDENT, C_MEMBER, C_PLAN, C_BILL_NAME, C_REND_NPI,
    C_REND_NAME, C_TOTAL, C_LCHARGE, C_LUNITS, C_ORIG, C_SUPER, C_MATCHED_PCN, C_CARC_TEXT,
    C_RARC_TEXT, C_NAME_CHUNK
};
/* The patient's full name of a show row ("LAST, FIRST"); false: unknown. */
bool store_show_name(PGresult *res, int row, char *out, size_t size);

void store_trim_newline(AdjError *err);
/* Fill err from a failed result (or the connection); ADJ_ERR_DB when the
 * connection is gone, else ADJ_ERR_INPUT. */
AdjStatus store_result_error(AdjStore *store, PGresult *res, const char *what,
                             AdjError *err);
/* Run a statement without parameters or results (BEGIN, COMMIT, DDL). */
AdjStatus store_exec(AdjStore *store, const char *sql, const char *what, AdjError *err);

/* The one query helper: run sql with n text parameters (n 0: none), check
 * that it returned rows or completed, and on failure clear the result and
 * name the query ("what") in err. On success *out holds the result for the
 * caller to read and PQclear (out NULL: cleared here). */
AdjStatus store_query(AdjStore *store, const char *what, const char *sql, int n,
                      const char *const *values, PGresult **out, AdjError *err);
/* Column c of row r as int64 (0 when NULL). */
int64_t store_int(const PGresult *res, int r, int c);

/* Run a parameterised statement that returns no rows. */
AdjStatus store_exec_params(AdjStore *store, const char *sql, int n, const char *const *values,
                            const char *what, AdjError *err);
/* "{1,2,3}": a bigint[] parameter. Caller frees. */
char *store_int64_array(const int64_t *v, size_t n);
/* The rule values adj_dependents() takes ($addon bytea[], $primary bytea[],
 * $cap_carc text[], sql/061), as array literals: the union over the
 * rulesets in force of codes.addon, codes.addon_primary and the CARCs of the
 * cap_dos and cap_month edits (store/dep_rules.c). Caller frees out[0..2]. */
void store_dep_arrays(const AdjRulesetSet *rules, char *out[3]);
/* A bytea value of a text-format result, unescaped. Caller PQfreemem()s. */
unsigned char *store_bytea(PGresult *res, int row, int col, size_t *len);
/* A bytea value as a NUL-terminated string in dst (cut at size - 1). */
void store_bytea_to(char *dst, size_t size, PGresult *res, int row, int col);

/* Parameters of one multi-row statement (store/params.c). */
typedef struct StoreParams {
    AdjArena *arena;
    const char **v;
    int *len;
    int *fmt;
    int n, cap;
} StoreParams;
void store_params_init(StoreParams *p, AdjArena *arena);
void store_params_free(StoreParams *p);
void store_params_reset(StoreParams *p);
void store_params_text(StoreParams *p, const char *s);          /* NULL: SQL NULL */
void store_params_int(StoreParams *p, int64_t v);
void store_params_bool(StoreParams *p, bool v);
void store_params_bytes(StoreParams *p, const void *b, size_t len); /* bytea, binary */
void store_params_cbytes(StoreParams *p, const char *s);        /* bytea of a C string */
void store_params_date(StoreParams *p, AdjDate d);              /* invalid: NULL */
/* bytea[] of n NUL-terminated strings stride bytes apart */
void store_params_bytea_array(StoreParams *p, const char *const *items, size_t stride, int n);
void store_params_int_array(StoreParams *p, const int *v, int n);
PGresult *store_params_exec(AdjStore *store, const char *sql, const StoreParams *p);
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
