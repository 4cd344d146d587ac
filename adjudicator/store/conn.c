/* Connection handling for the store; see store.h. */
#include "store/store_int.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/log.h"

static bool allow_insecure_tcp;

void adj_store_tls_policy(bool allow)
{
    if (allow && !allow_insecure_tcp)
        adj_warn("db: TCP connections without sslmode=verify-full are allowed "
                 "(db.allow_insecure_tcp = 1): credentials and claims may cross the network "
                 "unencrypted or to an unverified server");
    allow_insecure_tcp = allow;
}

/* A host list element naming TCP (not a socket directory). */
static bool tcp_host(const char *hosts)
{
    if (hosts == NULL)
        return false;
    const char *h = hosts;
    while (*h) {
        size_t n = strcspn(h, ",");
        if (n > 0 && h[0] != '/' && h[0] != '@')
            return true;
        h += n;
        if (*h == ',')
            h++;
    }
    return false;
}

AdjStatus adj_store_conninfo_check(const char *conninfo, AdjError *err)
{
    char *perr = NULL;
    PQconninfoOption *opts = PQconninfoParse(conninfo ? conninfo : "", &perr);
    if (opts == NULL) {
        AdjStatus st = ADJ_FAIL(err, ADJ_ERR_USAGE, "invalid conninfo: %s",
                                perr ? perr : "out of memory");
        PQfreemem(perr);
        store_trim_newline(err);
        return st;
    }
    const char *host = getenv("PGHOST"), *hostaddr = getenv("PGHOSTADDR"),
               *sslmode = getenv("PGSSLMODE");
    char host_s[256] = "";
    for (PQconninfoOption *o = opts; o->keyword != NULL; o++) {
        if (o->val == NULL)
            continue;
        if (strcmp(o->keyword, "host") == 0)
            host = o->val;
        else if (strcmp(o->keyword, "hostaddr") == 0)
            hostaddr = o->val;
        else if (strcmp(o->keyword, "sslmode") == 0)
            sslmode = o->val;
    }
    bool tcp = (hostaddr != NULL && hostaddr[0] != '\0') || tcp_host(host);
    snprintf(host_s, sizeof(host_s), "%s", hostaddr && hostaddr[0] ? hostaddr : host ? host : "");
    bool verified = sslmode != NULL && strcmp(sslmode, "verify-full") == 0;
    char mode_s[32];
    snprintf(mode_s, sizeof(mode_s), "%s", sslmode ? sslmode : "prefer (default)");
    PQconninfoFree(opts);
    if (!tcp || verified)
        return ADJ_OK;
    if (allow_insecure_tcp) {
        adj_warn("db: connecting to TCP host %s with sslmode=%s (db.allow_insecure_tcp = 1)",
                 host_s, mode_s);
        return ADJ_OK;
    }
    return ADJ_FAIL(err, ADJ_ERR_USAGE,
                    "conninfo names TCP host %s with sslmode=%s: refused, TCP needs "
                    "sslmode=verify-full (with sslrootcert), or db.allow_insecure_tcp = 1 "
                    "in the configuration to allow it explicitly",
                    host_s, mode_s);
}

static void quiet_notice(void *arg, const char *message)
{
    (void)arg;
    if (strncmp(message, "WARNING", 7) == 0) {
        size_t n = strlen(message);
        while (n > 0 && message[n - 1] == '\n')
            n--;
        adj_warn("database: %.*s", (int)n, message);
    }
}

AdjStatus adj_store_open(const char *conninfo, AdjStore **out, AdjError *err)
{
    AdjStatus chk = adj_store_conninfo_check(conninfo, err);
    if (chk != ADJ_OK)
        return chk;
    PGconn *conn = PQconnectdb(conninfo ? conninfo : "");
    if (PQstatus(conn) != CONNECTION_OK) {
        AdjStatus st = ADJ_FAIL(err, ADJ_ERR_DB, "cannot connect to the database: %s",
                                PQerrorMessage(conn));
        store_trim_newline(err);
        PQfinish(conn);
        return st;
    }
    /* quiet NOTICEs (e.g. IF NOT EXISTS) on stderr: dropped on our side,
     * not by session state (a pooler would leak that to other clients) */
    PQsetNoticeProcessor(conn, quiet_notice, NULL);
    /* dates and timestamps read back exactly as the hash chain wrote them.
     * DateStyle and TimeZone are reported parameters, which PgBouncer
     * tracks per client and restores on whichever server connection it
     * gives us, so these two are safe with transaction pooling too; every
     * transaction sets them again (adj_store_begin) all the same. */
    AdjStore *s = adj_xcalloc(1, sizeof(*s));
    s->conn = conn;
    AdjError ignored;
    store_exec(s, "SET DateStyle = ISO, YMD; SET TimeZone = UTC", "session settings", &ignored);
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
    const char *code = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    snprintf(store->sqlstate, sizeof(store->sqlstate), "%s", code ? code : "");
    AdjStatus st = PQstatus(store->conn) == CONNECTION_OK ? ADJ_ERR_INPUT : ADJ_ERR_DB;
    ADJ_FAIL(err, st, "%s: %s", what, msg && msg[0] ? msg : PQerrorMessage(store->conn));
    store_trim_newline(err);
    return st;
}

AdjStatus store_run(AdjStore *store, const char *what, const char *sql, const StoreParams *p,
                    PGresult **out, AdjError *err)
{
    if (out != NULL)
        *out = NULL;
    PGresult *res = p == NULL ? PQexec(store->conn, sql)
                              : PQexecParams(store->conn, sql, p->n, NULL, p->v, p->len,
                                             p->fmt, 0);
    ExecStatusType t = PQresultStatus(res);
    if (t != PGRES_COMMAND_OK && t != PGRES_TUPLES_OK) {
        AdjStatus st = store_result_error(store, res, what, err);
        PQclear(res);
        return st;
    }
    if (out != NULL)
        *out = res;
    else
        PQclear(res);
    return ADJ_OK;
}

AdjStatus store_query(AdjStore *store, const char *what, const char *sql, int n,
                      const char *const *values, PGresult **out, AdjError *err)
{
    const StoreParams p = {.v = (const char **)values, .n = n};
    return store_run(store, what, sql, &p, out, err);
}

AdjStatus store_stream(AdjStore *store, const char *what, const char *sql, AdjError *err)
{
    if (!PQsendQuery(store->conn, sql) || !PQsetSingleRowMode(store->conn))
        return store_result_error(store, NULL, what, err);
    return ADJ_OK;
}

PGresult *store_stream_next(AdjStore *store, const char *what, AdjStatus *st, AdjError *err)
{
    PGresult *res;
    *st = ADJ_OK;
    while ((res = PQgetResult(store->conn)) != NULL) {
        ExecStatusType t = PQresultStatus(res);
        if (t == PGRES_SINGLE_TUPLE)
            return res;
        if (t != PGRES_TUPLES_OK && *st == ADJ_OK) /* TUPLES_OK: the end of the rows */
            *st = store_result_error(store, res, what, err);
        PQclear(res);
    }
    return NULL;
}

int64_t store_int(const PGresult *res, int r, int c)
{
    return PQgetisnull(res, r, c) ? 0 : strtoll(PQgetvalue(res, r, c), NULL, 10);
}

unsigned char *store_bytea(PGresult *res, int row, int col, size_t *len)
{
    return PQunescapeBytea((const unsigned char *)PQgetvalue(res, row, col), len);
}

void store_bytea_to(char *dst, size_t size, PGresult *res, int row, int col)
{
    size_t len = 0;
    unsigned char *b = store_bytea(res, row, col, &len);
    if (len >= size)
        len = size - 1; /* only hand-inserted rows exceed the model's sizes */
    if (b != NULL)
        memcpy(dst, b, len);
    dst[len] = '\0';
    PQfreemem(b);
}

AdjStatus adj_store_begin(AdjStore *store, AdjError *err)
{
    /* Settings per transaction (SET LOCAL), never per session, so a
     * transaction-pooling PgBouncer is safe (docs/contracts.md "PgBouncer").
     * No JIT: our statements are short and batch-sized, and a misestimate (a
     * freshly loaded, unanalysed table) pushed them over jit_above_cost:
     * compiling them took half the server's CPU in `make bench`. */
    return store_exec(store,
                      "BEGIN; SET LOCAL DateStyle = ISO, YMD; SET LOCAL TimeZone = UTC;"
                      " SET LOCAL jit = off",
                      "begin", err);
}

AdjStatus adj_store_commit(AdjStore *store, AdjError *err)
{
    PGresult *res = NULL;
    AdjStatus st = store_run(store, "commit", "COMMIT", NULL, &res, err);
    if (st == ADJ_OK && strcmp(PQcmdStatus(res), "COMMIT") != 0)
        /* COMMIT of a failed transaction answers ROLLBACK */
        st = ADJ_FAIL(err, ADJ_ERR_INPUT, "commit: the transaction was rolled back");
    PQclear(res);
    return st;
}

AdjStatus adj_store_begin_snapshot(AdjStore *store, AdjError *err)
{
    return store_exec(store, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
                      "begin snapshot", err);
}

void adj_store_rollback(AdjStore *store)
{
    AdjError ignored;
    if (store != NULL && PQtransactionStatus(store->conn) != PQTRANS_IDLE)
        store_exec(store, "ROLLBACK", "rollback", &ignored);
}
