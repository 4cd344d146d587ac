/* The claim-read access log (sql/110; the trust issue's table shape): who
 * read which claim, through what. Attributed to the database login by the
 * table's default (session_user); never holds claim contents. */
#include "store/store_int.h"

#include <stdio.h>

static const char access_sql[] =
    "INSERT INTO access_log (os_user, app_user, action, claim_pk, claim_key, detail)"
    " VALUES ($1, $2, $3, $4::bigint, $5, $6)";

AdjStatus adj_store_access_log(AdjStore *store, const char *os_user, const char *app_user,
                               const char *action, int64_t claim_pk, const char *claim_key,
                               const char *detail, AdjError *err)
{
    char pk[24];
    snprintf(pk, sizeof(pk), "%lld", (long long)claim_pk);
    const char *params[6] = {os_user, app_user, action, claim_pk > 0 ? pk : NULL, claim_key,
                             detail};
    return store_exec_params(store, access_sql, 6, params, "access log", err);
}
