/* Reference data in PostgreSQL: `load` upserts plans, providers and members
 * (multi-row parameterised INSERT ... ON CONFLICT DO UPDATE, one
 * transaction) as a new reference-data version (who, why; the database
 * records each changed row, sql/082), and workers read them back into the
 * engine's tables. Rows absent from a load stay as they were. */
#include "store/store_int.h"

#include <stdio.h>
#include <stdlib.h>

#define REF_ROWS 1000

struct AdjStoreRefLoad {
    AdjStore *store;
    AdjArena arena;
    StoreParams p;
    int kind; /* 0 plans, 1 providers, 2 members */
    size_t rows;
    AdjStoreRefCounts counts;
    char *os_user, *app_user, *reason, *files; /* malloc'd; NULL when not given */
    char version[24];
};

static const char *const plan_casts[] = {"text", "text", "text", "numeric", "bigint"};
static const char *const provider_casts[] = {"text", "text", "text", "text", "text[]"};
static const char *const member_casts[] = {"text", "date", "date", "text"};

static AdjStatus flush_rows(AdjStoreRefLoad *l, AdjError *err)
{
    if (l->rows == 0)
        return ADJ_OK;
    char *sql;
    if (l->kind == 0)
        sql = store_values_sql("INSERT INTO plan (plan_id, name, bh_administrator,"
                               " coinsurance_pct, copay_cents)",
                               plan_casts, 5, l->rows,
                               " ON CONFLICT (plan_id) DO UPDATE SET name = EXCLUDED.name,"
                               " bh_administrator = EXCLUDED.bh_administrator,"
                               " coinsurance_pct = EXCLUDED.coinsurance_pct,"
                               " copay_cents = EXCLUDED.copay_cents, updated_at = now()");
    else if (l->kind == 1)
        sql = store_values_sql("INSERT INTO provider (npi, name, kind, taxonomy, zips)",
                               provider_casts, 5, l->rows,
                               " ON CONFLICT (npi) DO UPDATE SET name = EXCLUDED.name,"
                               " kind = EXCLUDED.kind, taxonomy = EXCLUDED.taxonomy,"
                               " zips = EXCLUDED.zips, updated_at = now()");
    else
        sql = store_values_sql("INSERT INTO member (member_id, effective_from, effective_to,"
                               " plan_id)",
                               member_casts, 4, l->rows,
                               " ON CONFLICT (member_id, effective_from) DO UPDATE SET"
                               " effective_to = EXCLUDED.effective_to,"
                               " plan_id = EXCLUDED.plan_id, updated_at = now()");
    PGresult *res = store_params_exec(l->store, sql, &l->p);
    free(sql);
    AdjStatus st = ADJ_OK;
    if (PQresultStatus(res) != PGRES_COMMAND_OK)
        st = store_result_error(l->store, res, "upsert reference data", err);
    PQclear(res);
    store_params_reset(&l->p);
    adj_arena_reset(&l->arena);
    l->rows = 0;
    return st;
}

AdjStatus adj_store_refload_begin(AdjStore *store, AdjStoreRefLoad **out, AdjError *err)
{
    AdjStatus st = adj_store_begin(store, err);
    if (st != ADJ_OK)
        return st;
    /* the new version first: the change triggers record rows under it, and
     * the row lock orders concurrent loads */
    PGresult *res = PQexec(store->conn, "UPDATE refdata_version SET version = version + 1,"
                                        " loaded_at = now() RETURNING version");
    if (PQresultStatus(res) != PGRES_TUPLES_OK || PQntuples(res) != 1) {
        st = store_result_error(store, res, "refdata version", err);
        PQclear(res);
        adj_store_rollback(store);
        return st == ADJ_OK ? ADJ_FAIL(err, ADJ_ERR_DB, "refdata version: no row") : st;
    }
    AdjStoreRefLoad *l = adj_xcalloc(1, sizeof(*l));
    snprintf(l->version, sizeof(l->version), "%s", PQgetvalue(res, 0, 0));
    PQclear(res);
    l->store = store;
    adj_arena_init(&l->arena, 1 << 16);
    store_params_init(&l->p, &l->arena);
    *out = l;
    return ADJ_OK;
}

static AdjStatus switch_kind(AdjStoreRefLoad *l, int kind, AdjError *err)
{
    if (l->kind == kind)
        return ADJ_OK;
    AdjStatus st = flush_rows(l, err);
    l->kind = kind;
    return st;
}

AdjStatus adj_store_refload_plan(AdjStoreRefLoad *l, const AdjPlanRow *r, AdjError *err)
{
    AdjStatus st = switch_kind(l, 0, err);
    if (st != ADJ_OK)
        return st;
    char pct[32];
    snprintf(pct, sizeof(pct), "%lld.%03lld", (long long)(r->coinsurance_milli / 1000),
             (long long)(r->coinsurance_milli % 1000));
    store_params_text(&l->p, r->plan_id);
    store_params_text(&l->p, r->name);
    store_params_text(&l->p, r->bh_administrator[0] ? r->bh_administrator : NULL);
    store_params_text(&l->p, pct);
    store_params_int(&l->p, r->copay);
    l->counts.plans++;
    return ++l->rows == REF_ROWS ? flush_rows(l, err) : ADJ_OK;
}

AdjStatus adj_store_refload_provider(AdjStoreRefLoad *l, const AdjProviderRow *r, AdjError *err)
{
    AdjStatus st = switch_kind(l, 1, err);
    if (st != ADJ_OK)
        return st;
    char zips[ADJ_REF_ZIPS_MAX * 7 + 3];
    size_t at = 0;
    zips[at++] = '{';
    for (int i = 0; i < r->nzips; i++)
        at += (size_t)snprintf(zips + at, sizeof(zips) - at, "%s%s", i ? "," : "", r->zips[i]);
    zips[at++] = '}';
    zips[at] = '\0';
    store_params_text(&l->p, r->npi);
    store_params_text(&l->p, r->name);
    store_params_text(&l->p, r->kind == ADJ_PROVIDER_BEHAVIORAL ? "behavioral" : "medical");
    store_params_text(&l->p, r->taxonomy);
    store_params_text(&l->p, zips);
    l->counts.providers++;
    return ++l->rows == REF_ROWS ? flush_rows(l, err) : ADJ_OK;
}

AdjStatus adj_store_refload_member(AdjStoreRefLoad *l, const AdjMemberRow *r, AdjError *err)
{
    AdjStatus st = switch_kind(l, 2, err);
    if (st != ADJ_OK)
        return st;
    store_params_text(&l->p, r->member_id);
    store_params_date(&l->p, r->effective_from);
    store_params_date(&l->p, r->effective_to);
    store_params_text(&l->p, r->plan_id);
    l->counts.members++;
    return ++l->rows == REF_ROWS ? flush_rows(l, err) : ADJ_OK;
}

AdjStatus adj_store_refload_plan_exists(AdjStoreRefLoad *l, const char *plan_id, bool *exists,
                                        AdjError *err)
{
    AdjStatus st = flush_rows(l, err);
    if (st != ADJ_OK)
        return st;
    const char *params[1] = {plan_id};
    PGresult *res = PQexecParams(l->store->conn, "SELECT 1 FROM plan WHERE plan_id = $1", 1,
                                 NULL, params, NULL, NULL, 0);
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        st = store_result_error(l->store, res, "plan look-up", err);
        PQclear(res);
        return st;
    }
    *exists = PQntuples(res) > 0;
    PQclear(res);
    return ADJ_OK;
}

static char *dup_or_null(const char *s)
{
    if (s == NULL)
        return NULL;
    size_t n = strlen(s) + 1;
    char *d = adj_xmalloc(n);
    memcpy(d, s, n);
    return d;
}

void adj_store_refload_describe(AdjStoreRefLoad *l, const char *os_user, const char *app_user,
                                const char *reason, const char *files)
{
    free(l->os_user);
    free(l->app_user);
    free(l->reason);
    free(l->files);
    l->os_user = dup_or_null(os_user);
    l->app_user = dup_or_null(app_user);
    l->reason = dup_or_null(reason);
    l->files = dup_or_null(files);
}

AdjStatus adj_store_refload_end(AdjStoreRefLoad *l, AdjStoreRefCounts *counts, AdjError *err)
{
    AdjStatus st = flush_rows(l, err);
    char plans[24], providers[24], members[24];
    snprintf(plans, sizeof(plans), "%lld", (long long)l->counts.plans);
    snprintf(providers, sizeof(providers), "%lld", (long long)l->counts.providers);
    snprintf(members, sizeof(members), "%lld", (long long)l->counts.members);
    const char *params[8] = {l->version, l->os_user, l->app_user, l->reason,
                             l->files ? l->files : "", plans, providers, members};
    if (st == ADJ_OK)
        st = store_exec_params(l->store,
                               "INSERT INTO refdata_load (version, os_user, app_user, reason,"
                               " files, plans, providers, members, changes)"
                               " SELECT $1::bigint, $2, $3, $4, $5, $6::int, $7::int, $8::int,"
                               " (SELECT count(*) FROM refdata_change WHERE version = $1::bigint)",
                               8, params, "record reference-data version", err);
    if (st == ADJ_OK)
        st = adj_store_commit(l->store, err);
    if (st == ADJ_OK && counts != NULL) {
        *counts = l->counts;
        counts->version = strtoll(l->version, NULL, 10);
    }
    adj_store_refload_abort(l);
    return st;
}

void adj_store_refload_abort(AdjStoreRefLoad *l)
{
    if (l == NULL)
        return;
    adj_store_rollback(l->store);
    free(l->os_user);
    free(l->app_user);
    free(l->reason);
    free(l->files);
    store_params_free(&l->p);
    adj_arena_free(&l->arena);
    free(l);
}

AdjStatus adj_store_refdata_version(AdjStore *store, int64_t *version, AdjError *err)
{
    PGresult *res = PQexec(store->conn, "SELECT version FROM refdata_version");
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        AdjStatus st = store_result_error(store, res, "refdata version", err);
        PQclear(res);
        return st;
    }
    *version = PQntuples(res) ? strtoll(PQgetvalue(res, 0, 0), NULL, 10) : 0;
    PQclear(res);
    return ADJ_OK;
}

/* Each table into the engine's look-up tables. */
AdjStatus adj_store_refdata_read(AdjStore *store, AdjRefdata **out, AdjError *err)
{
    AdjRefdata *ref = adj_refdata_new();
    AdjStatus st = ADJ_OK;
    PGresult *res = PQexec(store->conn,
                           "SELECT plan_id, name, coalesce(bh_administrator, ''),"
                           " (coinsurance_pct * 1000)::bigint, copay_cents FROM plan");
    if (PQresultStatus(res) != PGRES_TUPLES_OK)
        st = store_result_error(store, res, "read plans", err);
    for (int r = 0; st == ADJ_OK && r < PQntuples(res); r++) {
        AdjPlanRow row = {0};
        snprintf(row.plan_id, sizeof(row.plan_id), "%s", PQgetvalue(res, r, 0));
        snprintf(row.name, sizeof(row.name), "%s", PQgetvalue(res, r, 1));
        snprintf(row.bh_administrator, sizeof(row.bh_administrator), "%s", PQgetvalue(res, r, 2));
        row.coinsurance_milli = strtoll(PQgetvalue(res, r, 3), NULL, 10);
        row.copay = strtoll(PQgetvalue(res, r, 4), NULL, 10);
        st = adj_refdata_add_plan(ref, &row, err);
    }
    PQclear(res);
    if (st == ADJ_OK) {
        res = PQexec(store->conn, "SELECT npi, name, kind, taxonomy, array_to_string(zips, ' ')"
                                  " FROM provider");
        if (PQresultStatus(res) != PGRES_TUPLES_OK)
            st = store_result_error(store, res, "read providers", err);
        for (int r = 0; st == ADJ_OK && r < PQntuples(res); r++) {
            AdjProviderRow row = {0};
            snprintf(row.npi, sizeof(row.npi), "%s", PQgetvalue(res, r, 0));
            snprintf(row.name, sizeof(row.name), "%s", PQgetvalue(res, r, 1));
            row.kind = strcmp(PQgetvalue(res, r, 2), "behavioral") == 0 ? ADJ_PROVIDER_BEHAVIORAL
                                                                        : ADJ_PROVIDER_MEDICAL;
            snprintf(row.taxonomy, sizeof(row.taxonomy), "%s", PQgetvalue(res, r, 3));
            const char *z = PQgetvalue(res, r, 4);
            while (*z && row.nzips < ADJ_REF_ZIPS_MAX) {
                snprintf(row.zips[row.nzips++], sizeof(row.zips[0]), "%.5s", z);
                z = strchr(z, ' ');
                if (z == NULL)
                    break;
                z++;
            }
            st = adj_refdata_add_provider(ref, &row, err);
        }
        PQclear(res);
    }
    if (st == ADJ_OK) {
        /* single-row mode: the member table may be large */
        if (!PQsendQuery(store->conn,
                         "SELECT member_id, plan_id, to_char(effective_from, 'YYYYMMDD'),"
                         " coalesce(to_char(effective_to, 'YYYYMMDD'), '0') FROM member") ||
            !PQsetSingleRowMode(store->conn))
            st = store_result_error(store, NULL, "read members", err);
        while (st == ADJ_OK && (res = PQgetResult(store->conn)) != NULL) {
            ExecStatusType t = PQresultStatus(res);
            if (t == PGRES_SINGLE_TUPLE) {
                AdjMemberRow row = {0};
                snprintf(row.member_id, sizeof(row.member_id), "%s", PQgetvalue(res, 0, 0));
                snprintf(row.plan_id, sizeof(row.plan_id), "%s", PQgetvalue(res, 0, 1));
                row.effective_from = (AdjDate)atoi(PQgetvalue(res, 0, 2));
                row.effective_to = (AdjDate)atoi(PQgetvalue(res, 0, 3));
                st = adj_refdata_add_member(ref, &row, err);
            } else if (t != PGRES_TUPLES_OK) {
                st = store_result_error(store, res, "read members", err);
            }
            PQclear(res);
        }
        if (st != ADJ_OK)
            while ((res = PQgetResult(store->conn)) != NULL)
                PQclear(res);
    }
    if (st != ADJ_OK) {
        adj_refdata_free(ref);
        return st;
    }
    *out = ref;
    return ADJ_OK;
}
