/* Connection handling for the store; see store.h. */
#include "store/store_int.h"

#include <stdlib.h>

AdjStatus adj_store_open(const char *conninfo, AdjStore **out, AdjError *err)
{
    PGconn *conn = PQconnectdb(conninfo ? conninfo : "");
    if (PQstatus(conn) != CONNECTION_OK) {
        AdjStatus st = ADJ_FAIL(err, ADJ_ERR_DB, "cannot connect to the database: %s",
                                PQerrorMessage(conn));
        store_trim_newline(err);
        PQfinish(conn);
        return st;
    }
    /* quiet NOTICEs (e.g. IF NOT EXISTS) on stderr */
    PQclear(PQexec(conn, "SET client_min_messages = warning"));
    AdjStore *s = adj_xcalloc(1, sizeof(*s));
    s->conn = conn;
    *out = s;
    return ADJ_OK;
}

void adj_store_close(AdjStore *store)
{
    if (store == NULL)
        return;
    PQfinish(store->conn);
    free(store);
}

void store_trim_newline(AdjError *err)
{
    if (err == NULL)
        return;
    size_t n = strlen(err->msg);
    while (n > 0 && (err->msg[n - 1] == '\n' || err->msg[n - 1] == ' '))
        err->msg[--n] = '\0';
}

AdjStatus store_result_error(AdjStore *store, PGresult *res, const char *what,
                             AdjError *err)
{
    const char *msg = res ? PQresultErrorMessage(res) : PQerrorMessage(store->conn);
    AdjStatus st = PQstatus(store->conn) == CONNECTION_OK ? ADJ_ERR_INPUT : ADJ_ERR_DB;
    ADJ_FAIL(err, st, "%s: %s", what, msg && msg[0] ? msg : PQerrorMessage(store->conn));
    store_trim_newline(err);
    return st;
}

AdjStatus store_exec(AdjStore *store, const char *sql, const char *what, AdjError *err)
{
    PGresult *res = PQexec(store->conn, sql);
    ExecStatusType t = PQresultStatus(res);
    if (t != PGRES_COMMAND_OK && t != PGRES_TUPLES_OK) {
        AdjStatus st = store_result_error(store, res, what, err);
        PQclear(res);
        return st;
    }
    PQclear(res);
    return ADJ_OK;
}
