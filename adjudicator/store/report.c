/* Report queries (store/report.h): the moment counted, the suppressed
 * figures of report_figures() and the plan names, in one REPEATABLE READ
 * READ ONLY transaction so they come from the same snapshot. Reads only. */
#include "store/report.h"

#include <stdlib.h>

#include "store/store_int.h"

const char *const adj_report_measure_names[ADJ_RM_COUNT] = {
    "members", "lines_submitted", "decided_first", "paid_first", "denied_first",
    "pended_first", "duplicates_first", "decided_final", "paid_final", "denied_final",
    "pended_final", "duplicates_final", "forwarded", "rejected", "voided", "undecided",
    "misroutes_prevented", "median_days_tenths"};

const char *const adj_report_level_names[ADJ_RL_COUNT] = {
    "cell", "plan_month", "plan", "total", "denial", "denial_total"};

/* the moment counted, UTC: to the microsecond when it has a fraction (the
 * default, now), else to the second */
static const char as_of_sql[] =
    "SELECT to_char(t AT TIME ZONE 'UTC', CASE WHEN date_trunc('second', t) = t"
    " THEN 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"' ELSE 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"' END)"
    " FROM (SELECT coalesce($1::timestamptz, now()) AS t) x";

static const char figures_sql[] =
    "SELECT level, plan_id, to_char(service_month, 'YYYY-MM'), code_family, provider_kind,"
    " carc, measure, value, suppressed FROM report_figures($1::date, $2::date, $3::text, $4::timestamptz,"
    " $5::int)";

static const char codes_sql[] =
    "SELECT string_agg(code, ', ' ORDER BY ord, code COLLATE \"C\") FROM report_code_family";

static const char plans_sql[] =
    "SELECT plan_id, plan_name, bh_carve_out FROM report_plan"
    " WHERE $1::text IS NULL OR plan_id = $1::text ORDER BY plan_id COLLATE \"C\"";

static const char *str_or_null(AdjReportData *d, PGresult *res, int row, int col)
{
    if (PQgetisnull(res, row, col))
        return NULL;
    const char *v = PQgetvalue(res, row, col);
    return adj_arena_strndup(&d->arena, v, strlen(v));
}

static PGresult *query(AdjStore *store, const char *sql, int n, const char *const *params,
                       int ncols, const char *what, AdjStatus *st, AdjError *err)
{
    PGresult *res = NULL;
    *st = store_query(store, what, sql, n, params, &res, err);
    if (*st != ADJ_OK)
        return NULL;
    if (PQnfields(res) != ncols) {
        *st = ADJ_FAIL(err, ADJ_ERR_INTERNAL, "%s: %d columns, expected %d", what,
                       PQnfields(res), ncols);
        PQclear(res);
        return NULL;
    }
    *st = ADJ_OK;
    return res;
}

static bool same_key(const char *a, const char *b)
{
    return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static int find(const char *const *names, int n, const char *s)
{
    for (int i = 0; i < n; i++)
        if (strcmp(names[i], s) == 0)
            return i;
    return -1;
}

/* consecutive rows with one key make one AdjReportRow */
static AdjStatus load_figures(AdjStore *store, const char *const *p, AdjReportData *d,
                              AdjError *err)
{
    AdjStatus st;
    PGresult *res = query(store, figures_sql, 5, p, 9, "report_figures", &st, err);
    if (res == NULL)
        return st;
    int n = PQntuples(res);
    d->rows = adj_arena_alloc(&d->arena, (size_t)(n > 0 ? n : 1) * sizeof(*d->rows));
    AdjReportRow *cur = NULL;
    for (int r = 0; r < n && st == ADJ_OK; r++) {
        int level = find(adj_report_level_names, ADJ_RL_COUNT, PQgetvalue(res, r, 0));
        int m = find(adj_report_measure_names, ADJ_RM_COUNT, PQgetvalue(res, r, 6));
        if (level < 0 || m < 0) {
            st = ADJ_FAIL(err, ADJ_ERR_INTERNAL, "report_figures: unknown level or measure "
                          "'%s' '%s'", PQgetvalue(res, r, 0), PQgetvalue(res, r, 6));
            break;
        }
        AdjReportRow k = {.level = (AdjReportLevel)level};
        k.plan_id = str_or_null(d, res, r, 1);
        if (!PQgetisnull(res, r, 2)) {
            const char *mv = PQgetvalue(res, r, 2);
            k.has_month = true;
            if (!adj_month_parse(mv, strlen(mv), &k.month)) {
                st = ADJ_FAIL(err, ADJ_ERR_INTERNAL, "report_figures: bad month '%s'", mv);
                break;
            }
        }
        k.family = str_or_null(d, res, r, 3);
        k.provider_kind = str_or_null(d, res, r, 4);
        k.carc = str_or_null(d, res, r, 5);
        if (cur == NULL || cur->level != k.level || !same_key(cur->plan_id, k.plan_id) ||
            cur->has_month != k.has_month || cur->month != k.month ||
            !same_key(cur->family, k.family) || !same_key(cur->provider_kind, k.provider_kind) ||
            !same_key(cur->carc, k.carc)) {
            cur = &d->rows[d->nrows++];
            *cur = k;
            for (int i = 0; i < ADJ_RM_COUNT; i++)
                cur->v[i] = ADJ_REPORT_NONE;
        }
        if (!PQgetisnull(res, r, 7))
            cur->v[m] = strtoll(PQgetvalue(res, r, 7), NULL, 10);
        else
            cur->v[m] = strcmp(PQgetvalue(res, r, 8), "t") == 0 ? ADJ_REPORT_WITHHELD
                                                                : ADJ_REPORT_NONE;
    }
    PQclear(res);
    return st;
}

static AdjStatus load_plans(AdjStore *store, const char *plan_id, AdjReportData *d,
                            AdjError *err)
{
    AdjStatus st;
    const char *p[1] = {plan_id};
    PGresult *res = query(store, plans_sql, 1, p, 3, "report_plan", &st, err);
    if (res == NULL)
        return st;
    int n = PQntuples(res);
    d->plans = adj_arena_alloc(&d->arena, (size_t)(n > 0 ? n : 1) * sizeof(*d->plans));
    for (int r = 0; r < n; r++) {
        AdjReportPlan *pl = &d->plans[d->nplans++];
        pl->plan_id = str_or_null(d, res, r, 0);
        pl->name = str_or_null(d, res, r, 1);
        pl->carve_out = strcmp(PQgetvalue(res, r, 2), "t") == 0;
    }
    PQclear(res);
    return ADJ_OK;
}

static AdjStatus load_codes(AdjStore *store, AdjReportData *d, AdjError *err)
{
    AdjStatus st;
    PGresult *res = query(store, codes_sql, 0, NULL, 1, "report_code_family", &st, err);
    if (res == NULL)
        return st;
    d->codes = str_or_null(d, res, 0, 0);
    PQclear(res);
    return ADJ_OK;
}

static AdjStatus load_as_of(AdjStore *store, const char *as_of, AdjReportData *d,
                            AdjError *err)
{
    AdjStatus st;
    const char *p[1] = {as_of};
    PGresult *res = query(store, as_of_sql, 1, p, 1, "--as-of", &st, err);
    if (res == NULL && st == ADJ_ERR_INPUT) /* the value, not the database */
        return ADJ_FAIL(err, ADJ_ERR_USAGE, "--as-of '%s': not a timestamp", as_of);
    if (res == NULL)
        return st;
    snprintf(d->as_of, sizeof(d->as_of), "%s", PQgetvalue(res, 0, 0));
    PQclear(res);
    return ADJ_OK;
}

AdjStatus adj_store_report_load(AdjStore *store, AdjMonth from, AdjMonth to,
                                const char *plan_id, const char *as_of, int64_t min_cell,
                                AdjReportData *out, AdjError *err)
{
    memset(out, 0, sizeof(*out));
    adj_arena_init(&out->arena, 64 * 1024);
    char from_s[16], to_s[16], min_s[24];
    adj_date_format_iso(adj_month_first_day(from), from_s, sizeof(from_s));
    adj_date_format_iso(adj_month_first_day(to), to_s, sizeof(to_s));
    snprintf(min_s, sizeof(min_s), "%lld", (long long)min_cell);
    AdjStatus st = store_exec(store, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
                              "report: begin", err);
    if (st == ADJ_OK)
        st = load_as_of(store, as_of, out, err);
    const char *p[5] = {from_s, to_s, plan_id, out->as_of, min_s};
    if (st == ADJ_OK)
        st = load_figures(store, p, out, err);
    if (st == ADJ_OK)
        st = load_plans(store, plan_id, out, err);
    if (st == ADJ_OK)
        st = load_codes(store, out, err);
    adj_store_rollback(store);
    return st;
}

void adj_store_report_free(AdjReportData *data)
{
    if (data == NULL)
        return;
    adj_arena_free(&data->arena);
    memset(data, 0, sizeof(*data));
}
