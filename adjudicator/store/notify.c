/* LISTEN/NOTIFY for idle workers, queue failures, rulesets stored by their
 * SHA-256, and the report's code families they name. */
#include "store/store_int.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>

AdjStatus adj_store_listen(AdjStore *store, AdjError *err)
{
    return store_exec(store, "LISTEN adj_intake", "listen", err);
}

AdjStatus adj_store_wait(AdjStore *store, int timeout_ms, bool *woken, AdjError *err)
{
    *woken = false;
    PGnotify *n;
    if (!PQconsumeInput(store->conn))
        return store_result_error(store, NULL, "wait for claims", err);
    while ((n = PQnotifies(store->conn)) != NULL) {
        *woken = true;
        PQfreemem(n);
    }
    if (*woken)
        return ADJ_OK;
    struct pollfd pfd = {.fd = PQsocket(store->conn), .events = POLLIN};
    if (pfd.fd < 0)
        return ADJ_FAIL(err, ADJ_ERR_DB, "wait for claims: connection lost");
    int r = poll(&pfd, 1, timeout_ms);
    if (r < 0 && errno != EINTR)
        return ADJ_FAIL(err, ADJ_ERR_IO, "wait for claims: %s", strerror(errno));
    if (r > 0) {
        if (!PQconsumeInput(store->conn))
            return store_result_error(store, NULL, "wait for claims", err);
        while ((n = PQnotifies(store->conn)) != NULL) {
            *woken = true;
            PQfreemem(n);
        }
    }
    /* a server that went away shows as a readable socket with no message */
    if (PQstatus(store->conn) != CONNECTION_OK)
        return ADJ_FAIL(err, ADJ_ERR_DB, "wait for claims: connection lost");
    return ADJ_OK;
}

bool adj_store_ok(const AdjStore *store)
{
    return store != NULL && PQstatus(store->conn) == CONNECTION_OK;
}

AdjStatus adj_store_queue_fail(AdjStore *store, int64_t claim_pk, const char *decided_by,
                               const char *error, AdjError *err)
{
    char pk[24];
    snprintf(pk, sizeof(pk), "%lld", (long long)claim_pk);
    const char *params[3] = {pk, decided_by, error};
    return store_exec_params(store,
                             "UPDATE intake_queue SET state = 'failed', decided_at = now(),"
                             " decided_by = $2, last_error = $3"
                             " WHERE claim_pk = $1::bigint AND state = 'ready'",
                             3, params, "queue failed", err);
}

AdjStatus adj_store_ruleset_put(AdjStore *store, const char *sha256, const char *ruleset_id,
                                const void *body, size_t len, AdjError *err)
{
    StoreParams p;
    store_params_init(&p, NULL);
    store_params_text(&p, sha256);
    store_params_text(&p, ruleset_id);
    store_params_bytes(&p, body, len);
    AdjStatus st = store_run(store, "store ruleset",
                             "INSERT INTO ruleset (sha256, ruleset_id, body)"
                             " VALUES ($1, $2, $3::bytea) ON CONFLICT (sha256) DO NOTHING",
                             &p, NULL, err);
    store_params_free(&p);
    return st;
}

AdjStatus adj_store_report_families_put(AdjStore *store, const AdjRulesetSet *rules,
                                        AdjError *err)
{
    StoreArray codes = {0}, families = {0}, ords = {0};
    int n = 0;
    for (int i = 0; rules != NULL && i < rules->n; i++) /* later rulesets win */
        for (int k = 0; k < rules->sets[i]->nreport_families; k++, n++) {
            const AdjReportFamily *f = &rules->sets[i]->report_families[k];
            store_array_text(&codes, f->code);
            store_array_text(&families, f->family);
            store_array_int(&ords, f->ord);
        }
    StoreParams p;
    store_params_init(&p, NULL);
    store_params_array(&p, &codes);
    store_params_array(&p, &families);
    store_params_array(&p, &ords);
    AdjStatus st = n == 0 ? ADJ_OK
                          : store_run(store, "store the report's code families",
                                      "SELECT adj_report_families_put($1::text[], $2::text[],"
                                      " $3::int[])",
                                      &p, NULL, err);
    store_params_free(&p);
    return st;
}
