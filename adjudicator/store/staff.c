/* Staff accounts and the console's extra claim reads; see store/staff.h. */
#include "store/staff.h"

#include <stdio.h>
#include <stdlib.h>

#include "store/store_int.h"

static AdjStatus one_row(AdjStore *store, const char *sql, int n, const char *const *v,
                         const char *what, const char *login, AdjError *err)
{
    PGresult *res = NULL;
    AdjStatus st = store_query(store, what, sql, n, v, &res, err);
    if (st != ADJ_OK) {
        if (strcmp(store->sqlstate, "23505") == 0) /* unique_violation */
            st = ADJ_FAIL(err, ADJ_ERR_INPUT, "staff account %s exists already", login);
        else if (strcmp(store->sqlstate, "23514") == 0) /* check_violation */
            st = ADJ_FAIL(err, ADJ_ERR_INPUT,
                          "staff login '%s' or role refused: a login is 2-63 lower-case letters, "
                          "digits, '.', '_' or '-', starting with a letter; a role is viewer, "
                          "analyst or supervisor", login);
        return st;
    }
    if (strcmp(PQcmdTuples(res), "1") != 0)
        st = ADJ_FAIL(err, ADJ_ERR_INPUT, "no staff account %s", login);
    PQclear(res);
    return st;
}

AdjStatus adj_store_staff_add(AdjStore *store, const char *login, const char *role,
                              const char *pw_hash, AdjError *err)
{
    const char *v[3] = {login, role, pw_hash};
    return one_row(store, "INSERT INTO staff_account (login, role, pw_hash) VALUES ($1, $2, $3)",
                   3, v, "add staff account", login, err);
}

AdjStatus adj_store_staff_passwd(AdjStore *store, const char *login, const char *pw_hash,
                                 AdjError *err)
{
    const char *v[2] = {login, pw_hash};
    return one_row(store,
                   "UPDATE staff_account SET pw_hash = $2, failures = 0, locked_until = NULL,"
                   " disabled = false, changed_at = now() WHERE login = $1",
                   2, v, "staff password", login, err);
}

AdjStatus adj_store_staff_disable(AdjStore *store, const char *login, AdjError *err)
{
    const char *v[1] = {login};
    return one_row(store,
                   "UPDATE staff_account SET disabled = true, changed_at = now() WHERE login = $1",
                   1, v, "disable staff account", login, err);
}

AdjStatus adj_store_staff_get(AdjStore *store, const char *login, AdjStaffRow *row,
                              bool *found, AdjError *err)
{
    const char *v[1] = {login};
    PGresult *res = NULL;
    AdjStatus st = store_query(store, "staff account",
                               "SELECT login, role, pw_hash, disabled,"
                               " coalesce(locked_until > now(), false)"
                               " FROM staff_account WHERE login = $1",
                               1, v, &res, err);
    if (st != ADJ_OK)
        return st;
    *found = PQntuples(res) == 1;
    memset(row, 0, sizeof(*row));
    if (*found) {
        snprintf(row->login, sizeof(row->login), "%s", PQgetvalue(res, 0, 0));
        snprintf(row->role, sizeof(row->role), "%s", PQgetvalue(res, 0, 1));
        snprintf(row->pw_hash, sizeof(row->pw_hash), "%s", PQgetvalue(res, 0, 2));
        row->disabled = strcmp(PQgetvalue(res, 0, 3), "t") == 0;
        row->locked = strcmp(PQgetvalue(res, 0, 4), "t") == 0;
    }
    PQclear(res);
    return ADJ_OK;
}

AdjStatus adj_store_staff_failed(AdjStore *store, const char *login, int max_failures,
                                 int lock_minutes, AdjError *err)
{
    char maxs[16], mins[16];
    snprintf(maxs, sizeof(maxs), "%d", max_failures);
    snprintf(mins, sizeof(mins), "%d", lock_minutes);
    const char *v[3] = {login, maxs, mins};
    return store_query(store, "failed sign-in",
                       "UPDATE staff_account SET"
                       " locked_until = CASE WHEN failures + 1 >= $2::int"
                       "   THEN now() + make_interval(mins => $3::int) ELSE locked_until END,"
                       " failures = CASE WHEN failures + 1 >= $2::int THEN 0 ELSE failures + 1 END"
                       " WHERE login = $1",
                       3, v, NULL, err);
}

AdjStatus adj_store_staff_ok(AdjStore *store, const char *login, AdjError *err)
{
    const char *v[1] = {login};
    return store_query(store, "sign-in", "UPDATE staff_account SET failures = 0 WHERE login = $1",
                       1, v, NULL, err);
}

AdjStatus adj_store_claim_raw(AdjStore *store, const char *pcn, char **raw, size_t *len,
                              AdjError *err)
{
    const char *v[1] = {pcn};
    PGresult *res = NULL;
    AdjStatus st = store_query(store, "claim segments", "SELECT raw FROM claim WHERE pcn = $1", 1,
                               v, &res, err);
    if (st != ADJ_OK)
        return st;
    *raw = NULL;
    *len = 0;
    if (PQntuples(res) == 1) {
        size_t n = 0;
        unsigned char *b = store_bytea(res, 0, 0, &n);
        *raw = adj_xmalloc(n + 1);
        if (b != NULL)
            memcpy(*raw, b, n);
        (*raw)[n] = '\0';
        *len = n;
        PQfreemem(b);
    }
    PQclear(res);
    return ADJ_OK;
}
