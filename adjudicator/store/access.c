/* Who read what: the access log (sql/082), written by `show` and the
 * console before they print a claim. Inserts only. */
#include "store/store_int.h"

#include <stdio.h>
#include <stdlib.h>

AdjStatus adj_store_session_user(AdjStore *store, char *out, size_t size, AdjError *err)
{
    PGresult *res = NULL;
    AdjStatus st = store_query(store, "session user", "SELECT session_user", 0, NULL, &res, err);
    if (st != ADJ_OK)
        return st;
    snprintf(out, size, "%s", PQgetvalue(res, 0, 0));
    PQclear(res);
    return ADJ_OK;
}

AdjStatus adj_store_access_log(AdjStore *store, const char *os_user, const char *app_user,
                               const char *action, int64_t claim_pk, const char *claim_key,
                               const char *detail, AdjError *err)
{
    char pk[24];
    snprintf(pk, sizeof(pk), "%lld", (long long)claim_pk);
    const char *params[6] = {os_user, app_user, action, claim_pk > 0 ? pk : NULL, claim_key,
                             detail};
    return store_query(store, "access log",
                       "INSERT INTO access_log (os_user, app_user, action, claim_pk,"
                       " claim_key, detail) VALUES ($1, $2, $3, $4::bigint, $5, $6)",
                       6, params, NULL, err);
}

AdjStatus adj_store_access_log_claims(AdjStore *store, const char *os_user,
                                      const char *app_user, const char *action,
                                      const char *claim_id, const char *npi,
                                      const char *detail, int *logged, AdjError *err)
{
    *logged = 0;
    const char *params[6] = {os_user, app_user, action, claim_id, npi, detail};
    int lens[6] = {0, 0, 0, (int)strlen(claim_id), npi ? (int)strlen(npi) : 0, 0};
    int fmts[6] = {0, 0, 0, 1, 1, 0};
    const StoreParams p = {.v = params, .len = lens, .fmt = fmts, .n = 6};
    PGresult *res = NULL;
    AdjStatus st = store_run(
        store, "access log",
        "WITH hit AS (SELECT c.claim_pk, adj_text(c.billing_npi) || ' ' || adj_text(c.claim_id) AS k"
        "   FROM claim c WHERE c.claim_id = $4::bytea AND ($5::bytea IS NULL OR c.billing_npi = $5::bytea)),"
        " ins AS (INSERT INTO access_log (os_user, app_user, action, claim_pk, claim_key, detail)"
        "   SELECT $1, $2, $3, claim_pk, k, $6 FROM hit"
        "   UNION ALL SELECT $1, $2, $3, NULL, adj_text($4::bytea)"
        "     || coalesce(' from billing NPI ' || adj_text($5::bytea), ''), $6 || ' (not stored)'"
        "   WHERE NOT EXISTS (SELECT 1 FROM hit) RETURNING claim_pk)"
        " SELECT count(claim_pk) FROM ins",
        &p, &res, err);
    if (st != ADJ_OK)
        return st;
    *logged = atoi(PQgetvalue(res, 0, 0));
    PQclear(res);
    return ADJ_OK;
}

AdjStatus adj_store_access_log_claim(AdjStore *store, const char *os_user, const char *app_user,
                                     const char *action, int64_t claim_pk, const char *detail,
                                     AdjError *err)
{
    char pk[24];
    snprintf(pk, sizeof(pk), "%lld", (long long)claim_pk);
    const char *params[5] = {os_user, app_user, action, pk, detail};
    PGresult *res = NULL;
    AdjStatus st = store_query(store, "access log",
                               "INSERT INTO access_log (os_user, app_user, action, claim_pk,"
                               " claim_key, detail) SELECT $1, $2, $3, c.claim_pk,"
                               " adj_text(c.billing_npi) || ' ' || adj_text(c.claim_id), $5"
                               " FROM claim c WHERE c.claim_pk = $4::bigint",
                               5, params, &res, err);
    /* a claim the primary does not have (never: a standby lags behind it)
     * must not be read unrecorded */
    if (st == ADJ_OK && strcmp(PQcmdTuples(res), "1") != 0)
        st = ADJ_FAIL(err, ADJ_ERR_INPUT, "access log: claim %lld is not on the primary",
                      (long long)claim_pk);
    PQclear(res);
    return st;
}
