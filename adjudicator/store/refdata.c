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
    int kind; /* 0 plans, 1 providers, 2 members, 3 benefits */
    size_t rows;
    AdjStoreRefCounts counts;
    char *os_user, *app_user, *reason, *files; /* malloc'd; NULL when not given */
    char version[24];
};

static const char *const plan_casts[] = {"text",   "text",   "text", "numeric", "bigint",
                                         "bigint", "bigint", "bigint", "bigint", "text",
                                         "int",    "text",   "text", "numeric"};
static const char *const provider_casts[] = {"text", "text", "text", "text", "text[]", "text"};
static const char *const member_casts[] = {"text", "date", "date", "text", "text", "text", "date"};
static const char *const benefit_casts[] = {"text", "text", "text", "bigint", "numeric", "boolean"};

static AdjStatus flush_rows(AdjStoreRefLoad *l, AdjError *err)
{
    if (l->rows == 0)
        return ADJ_OK;
    char *sql;
    if (l->kind == 0)
        sql = store_values_sql("INSERT INTO plan (plan_id, name, bh_administrator,"
                               " coinsurance_pct, copay_cents, deductible_cents,"
                               " family_deductible_cents, oop_max_cents, family_oop_max_cents,"
                               " plan_year_start, timely_filing_days, cob_method, pricing,"
                               " pct_of_medicare)",
                               plan_casts, 14, l->rows,
                               " ON CONFLICT (plan_id) DO UPDATE SET name = EXCLUDED.name,"
                               " bh_administrator = EXCLUDED.bh_administrator,"
                               " coinsurance_pct = EXCLUDED.coinsurance_pct,"
                               " copay_cents = EXCLUDED.copay_cents,"
                               " deductible_cents = EXCLUDED.deductible_cents,"
                               " family_deductible_cents = EXCLUDED.family_deductible_cents,"
                               " oop_max_cents = EXCLUDED.oop_max_cents,"
                               " family_oop_max_cents = EXCLUDED.family_oop_max_cents,"
                               " plan_year_start = EXCLUDED.plan_year_start,"
                               " timely_filing_days = EXCLUDED.timely_filing_days,"
                               " cob_method = EXCLUDED.cob_method, pricing = EXCLUDED.pricing,"
                               " pct_of_medicare = EXCLUDED.pct_of_medicare, updated_at = now()");
    else if (l->kind == 1)
        sql = store_values_sql("INSERT INTO provider (npi, name, kind, taxonomy, zips, locality)",
                               provider_casts, 6, l->rows,
                               " ON CONFLICT (npi) DO UPDATE SET name = EXCLUDED.name,"
                               " kind = EXCLUDED.kind, taxonomy = EXCLUDED.taxonomy,"
                               " zips = EXCLUDED.zips, locality = EXCLUDED.locality,"
                               " updated_at = now()");
    else if (l->kind == 2)
        /* several persons may share one coverage row: one upsert per key,
         * and each person named */
        sql = store_values_sql("WITH v (member_id, effective_from, effective_to, plan_id,"
                               " cob_order, first_name, birth_date) AS (",
                               member_casts, 7, l->rows,
                               "), m AS (INSERT INTO member (member_id, effective_from,"
                               " effective_to, plan_id, cob_order)"
                               " SELECT DISTINCT ON (member_id, effective_from) member_id,"
                               " effective_from, effective_to, plan_id, cob_order FROM v"
                               " ORDER BY member_id, effective_from"
                               " ON CONFLICT (member_id, effective_from) DO UPDATE SET"
                               " effective_to = EXCLUDED.effective_to,"
                               " plan_id = EXCLUDED.plan_id, cob_order = EXCLUDED.cob_order,"
                               " updated_at = now())"
                               " INSERT INTO member_person (member_id, first_name, birth_date)"
                               " SELECT DISTINCT member_id, first_name, birth_date FROM v"
                               " WHERE first_name IS NOT NULL ON CONFLICT DO NOTHING");
    else
        sql = store_values_sql("INSERT INTO plan_benefit (plan_id, code_family, code,"
                               " copay_cents, coinsurance_pct, deductible_applies)",
                               benefit_casts, 6, l->rows,
                               " ON CONFLICT (plan_id, code_family, code) DO UPDATE SET"
                               " copay_cents = EXCLUDED.copay_cents,"
                               " coinsurance_pct = EXCLUDED.coinsurance_pct,"
                               " deductible_applies = EXCLUDED.deductible_applies,"
                               " updated_at = now()");
    AdjStatus st = store_run(l->store, "upsert reference data", sql, &l->p, NULL, err);
    free(sql);
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
    PGresult *res = NULL;
    st = store_run(store, "refdata version",
                   "UPDATE refdata_version SET version = version + 1,"
                   " loaded_at = now() RETURNING version",
                   NULL, &res, err);
    if (st == ADJ_OK && PQntuples(res) != 1)
        st = ADJ_FAIL(err, ADJ_ERR_DB, "refdata version: no row");
    if (st != ADJ_OK) {
        PQclear(res);
        adj_store_rollback(store);
        return st;
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
    const AdjMoney limits[] = {r->deductible, r->family_deductible, r->oop_max, r->family_oop_max};
    for (int i = 0; i < 4; i++) {
        if (limits[i] > 0)
            store_params_int(&l->p, limits[i]);
        else
            store_params_text(&l->p, NULL);
    }
    int ys = r->year_start > 0 ? r->year_start : 101;
    char year[8], pom[32];
    snprintf(year, sizeof(year), "%02d-%02d", ys / 100 % 100, ys % 100);
    store_params_text(&l->p, year);
    if (r->timely_filing_days > 0)
        store_params_int(&l->p, r->timely_filing_days);
    else
        store_params_text(&l->p, NULL);
    store_params_text(&l->p, r->cob_method == ADJ_COB_NON_DUPLICATION ? "non_duplication" : "standard");
    store_params_text(&l->p, r->pricing == ADJ_PRICING_MPFS ? "mpfs" : "fee_table");
    snprintf(pom, sizeof(pom), "%lld.%03lld", (long long)(r->pct_of_medicare_milli / 1000),
             (long long)(r->pct_of_medicare_milli % 1000));
    store_params_text(&l->p, pom);
    l->counts.plans++;
    return ++l->rows == REF_ROWS ? flush_rows(l, err) : ADJ_OK;
}

AdjStatus adj_store_refload_provider(AdjStoreRefLoad *l, const AdjProviderRow *r, AdjError *err)
{
    AdjStatus st = switch_kind(l, 1, err);
    if (st != ADJ_OK)
        return st;
    StoreArray zips = {0};
    for (int i = 0; i < r->nzips; i++)
        store_array_text(&zips, r->zips[i]);
    store_params_text(&l->p, r->npi);
    store_params_text(&l->p, r->name);
    store_params_text(&l->p, r->kind == ADJ_PROVIDER_BEHAVIORAL ? "behavioral" : "medical");
    store_params_text(&l->p, r->taxonomy);
    store_params_array(&l->p, &zips);
    store_params_text(&l->p, r->locality[0] ? r->locality : NULL);
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
    char cob[2] = {r->cob_order, '\0'};
    store_params_text(&l->p, r->cob_order ? cob : NULL);
    store_params_text(&l->p, r->first_name[0] ? r->first_name : NULL);
    store_params_date(&l->p, r->first_name[0] ? r->birth_date : ADJ_DATE_NONE);
    l->counts.members++;
    return ++l->rows == REF_ROWS ? flush_rows(l, err) : ADJ_OK;
}

AdjStatus adj_store_refload_benefit(AdjStoreRefLoad *l, const AdjBenefitRow *r, AdjError *err)
{
    AdjStatus st = switch_kind(l, 3, err);
    if (st != ADJ_OK)
        return st;
    char pct[32];
    snprintf(pct, sizeof(pct), "%lld.%03lld", (long long)(r->coinsurance_milli / 1000),
             (long long)(r->coinsurance_milli % 1000));
    store_params_text(&l->p, r->plan_id);
    store_params_text(&l->p, r->code_family);
    store_params_text(&l->p, r->code);
    store_params_int(&l->p, r->copay);
    store_params_text(&l->p, pct);
    store_params_text(&l->p, r->deductible_applies ? "true" : "false");
    return ++l->rows == REF_ROWS ? flush_rows(l, err) : ADJ_OK;
}

AdjStatus adj_store_refload_plan_exists(AdjStoreRefLoad *l, const char *plan_id, bool *exists,
                                        AdjError *err)
{
    AdjStatus st = flush_rows(l, err);
    if (st != ADJ_OK)
        return st;
    PGresult *res = NULL;
    st = store_query(l->store, "plan look-up", "SELECT 1 FROM plan WHERE plan_id = $1", 1,
                     (const char *[]){plan_id}, &res, err);
    if (st != ADJ_OK)
        return st;
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
    PGresult *res = NULL;
    AdjStatus st = store_run(store, "refdata version", "SELECT version FROM refdata_version",
                             NULL, &res, err);
    if (st != ADJ_OK)
        return st;
    *version = PQntuples(res) ? store_int(res, 0, 0) : 0;
    PQclear(res);
    return ADJ_OK;
}

/* The benefit overrides and the enrolled persons (migration 120). */
static AdjStatus read_benefits(AdjStore *store, AdjRefdata *ref, AdjError *err)
{
    PGresult *res = NULL;
    AdjStatus st = store_run(store, "read plan benefits",
                             "SELECT plan_id, code_family, code, copay_cents,"
                             " (coinsurance_pct * 1000)::bigint, deductible_applies"
                             " FROM plan_benefit ORDER BY plan_id, code_family, code",
                             NULL, &res, err);
    for (int r = 0; st == ADJ_OK && r < PQntuples(res); r++) {
        AdjBenefitRow row = {0};
        snprintf(row.plan_id, sizeof(row.plan_id), "%s", PQgetvalue(res, r, 0));
        snprintf(row.code_family, sizeof(row.code_family), "%s", PQgetvalue(res, r, 1));
        snprintf(row.code, sizeof(row.code), "%s", PQgetvalue(res, r, 2));
        row.copay = strtoll(PQgetvalue(res, r, 3), NULL, 10);
        row.coinsurance_milli = strtoll(PQgetvalue(res, r, 4), NULL, 10);
        row.deductible_applies = PQgetvalue(res, r, 5)[0] == 't';
        st = adj_refdata_add_benefit(ref, &row, err);
    }
    PQclear(res);
    if (st != ADJ_OK)
        return st;
    st = store_run(store, "read enrolled persons",
                   "SELECT member_id, first_name, to_char(birth_date, 'YYYYMMDD')"
                   " FROM member_person",
                   NULL, &res, err);
    for (int r = 0; st == ADJ_OK && r < PQntuples(res); r++)
        adj_refdata_add_person(ref, PQgetvalue(res, r, 0), PQgetvalue(res, r, 1),
                               (AdjDate)atoi(PQgetvalue(res, r, 2)));
    PQclear(res);
    return st;
}

/* Each table into the engine's look-up tables. */
AdjStatus adj_store_refdata_read(AdjStore *store, AdjRefdata **out, AdjError *err)
{
    AdjRefdata *ref = adj_refdata_new();
    PGresult *res = NULL;
    AdjStatus st = store_run(store, "read plans",
                           "SELECT plan_id, name, coalesce(bh_administrator, ''),"
                           " (coinsurance_pct * 1000)::bigint, copay_cents,"
                           " coalesce(deductible_cents, 0), coalesce(family_deductible_cents, 0),"
                           " coalesce(oop_max_cents, 0), coalesce(family_oop_max_cents, 0),"
                           " replace(plan_year_start, '-', '')::int,"
                           " coalesce(timely_filing_days, 0), cob_method, pricing,"
                           " (pct_of_medicare * 1000)::bigint FROM plan",
                           NULL, &res, err);
    for (int r = 0; st == ADJ_OK && r < PQntuples(res); r++) {
        AdjPlanRow row = {0};
        snprintf(row.plan_id, sizeof(row.plan_id), "%s", PQgetvalue(res, r, 0));
        snprintf(row.name, sizeof(row.name), "%s", PQgetvalue(res, r, 1));
        snprintf(row.bh_administrator, sizeof(row.bh_administrator), "%s", PQgetvalue(res, r, 2));
        row.coinsurance_milli = strtoll(PQgetvalue(res, r, 3), NULL, 10);
        row.copay = strtoll(PQgetvalue(res, r, 4), NULL, 10);
        row.deductible = strtoll(PQgetvalue(res, r, 5), NULL, 10);
        row.family_deductible = strtoll(PQgetvalue(res, r, 6), NULL, 10);
        row.oop_max = strtoll(PQgetvalue(res, r, 7), NULL, 10);
        row.family_oop_max = strtoll(PQgetvalue(res, r, 8), NULL, 10);
        row.year_start = atoi(PQgetvalue(res, r, 9));
        row.timely_filing_days = atoi(PQgetvalue(res, r, 10));
        row.cob_method = strcmp(PQgetvalue(res, r, 11), "non_duplication") == 0
                             ? ADJ_COB_NON_DUPLICATION
                             : ADJ_COB_STANDARD;
        row.pricing = strcmp(PQgetvalue(res, r, 12), "mpfs") == 0 ? ADJ_PRICING_MPFS
                                                                   : ADJ_PRICING_FEE_TABLE;
        row.pct_of_medicare_milli = strtoll(PQgetvalue(res, r, 13), NULL, 10);
        st = adj_refdata_add_plan(ref, &row, err);
    }
    PQclear(res);
    if (st == ADJ_OK) {
        st = store_run(store, "read providers",
                       "SELECT npi, name, kind, taxonomy, array_to_string(zips, ' '),"
                       " coalesce(locality, '') FROM provider",
                       NULL, &res, err);
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
            snprintf(row.locality, sizeof(row.locality), "%s", PQgetvalue(res, r, 5));
            st = adj_refdata_add_provider(ref, &row, err);
        }
        PQclear(res);
    }
    if (st == ADJ_OK) {
        /* single-row mode: the member table may be large */
        st = store_stream(store, "read members",
                          "SELECT member_id, plan_id, to_char(effective_from, 'YYYYMMDD'),"
                          " coalesce(to_char(effective_to, 'YYYYMMDD'), '0'),"
                          " coalesce(cob_order, '') FROM member",
                          err);
        AdjStatus rst = st;
        while (st == ADJ_OK && (res = store_stream_next(store, "read members", &rst, err))) {
            AdjMemberRow row = {0};
            snprintf(row.member_id, sizeof(row.member_id), "%s", PQgetvalue(res, 0, 0));
            snprintf(row.plan_id, sizeof(row.plan_id), "%s", PQgetvalue(res, 0, 1));
            row.effective_from = (AdjDate)atoi(PQgetvalue(res, 0, 2));
            row.effective_to = (AdjDate)atoi(PQgetvalue(res, 0, 3));
            row.cob_order = PQgetvalue(res, 0, 4)[0];
            st = adj_refdata_add_member(ref, &row, err);
            PQclear(res);
        }
        if (st != ADJ_OK) /* the rest of the rows, unread */
            while ((res = store_stream_next(store, "read members", &rst, NULL)) != NULL)
                PQclear(res);
        if (st == ADJ_OK)
            st = rst;
    }
    if (st == ADJ_OK)
        st = read_benefits(store, ref, err);
    if (st != ADJ_OK) {
        adj_refdata_free(ref);
        return st;
    }
    *out = ref;
    return ADJ_OK;
}
