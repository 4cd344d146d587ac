/* Report queries (store/report.h): three named, parameterised SELECTs over
 * the report views, run in one REPEATABLE READ READ ONLY transaction so the
 * cells, denials and plans come from the same snapshot. Reads only. */
#include "store/report.h"

#include <stdlib.h>

#include "store/store_int.h"

/* family and kind order of the report, then bytewise plan and CARC order:
 * the same data always comes back in the same order */
#define REPORT_ORDER                                                                   \
    " ORDER BY plan_id COLLATE \"C\", service_month,"                                  \
    " array_position(ARRAY['cocm_initial','cocm_subsequent','cocm_addon','g2214',"     \
    "'bhi_general','other'], code_family),"                                            \
    " array_position(ARRAY['medical','behavioral',''], provider_kind), provider_kind COLLATE \"C\""

#define REPORT_WHERE                                                                   \
    " WHERE service_month BETWEEN $1::date AND $2::date"                               \
    " AND ($3::text IS NULL OR plan_id = $3::text)"

static const char cells_sql[] =
    "SELECT plan_id, to_char(service_month, 'YYYY-MM'), code_family, provider_kind,"
    " members, lines_submitted, decided_first, paid_first, denied_first, pended_first,"
    " decided_final, paid_final, denied_final, pended_final, forwarded, rejected, voided,"
    " undecided, misroutes_prevented, coalesce(median_first_decision_tenths, -1)"
    " FROM report_approval" REPORT_WHERE REPORT_ORDER;

static const char denials_sql[] =
    "SELECT plan_id, to_char(service_month, 'YYYY-MM'), code_family, provider_kind,"
    " carc, members, denied_first, denied_final"
    " FROM report_denial" REPORT_WHERE REPORT_ORDER ", carc COLLATE \"C\"";

static const char plans_sql[] =
    "SELECT plan_id, plan_name, bh_carve_out FROM report_plan"
    " WHERE $1::text IS NULL OR plan_id = $1::text ORDER BY plan_id COLLATE \"C\"";

static const char *str(AdjReportData *d, PGresult *res, int row, int col)
{
    const char *v = PQgetvalue(res, row, col);
    return adj_arena_strndup(&d->arena, v, strlen(v));
}

static int64_t num(PGresult *res, int row, int col)
{
    return strtoll(PQgetvalue(res, row, col), NULL, 10);
}

static AdjStatus month_of(PGresult *res, int row, int col, AdjMonth *m, AdjError *err)
{
    const char *v = PQgetvalue(res, row, col);
    if (!adj_month_parse(v, strlen(v), m))
        return ADJ_FAIL(err, ADJ_ERR_INTERNAL, "report views: bad service month '%s'", v);
    return ADJ_OK;
}

static PGresult *query(AdjStore *store, const char *sql, int n, const char *const *params,
                       int ncols, const char *what, AdjStatus *st, AdjError *err)
{
    PGresult *res = PQexecParams(store->conn, sql, n, NULL, params, NULL, NULL, 0);
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        *st = store_result_error(store, res, what, err);
        PQclear(res);
        return NULL;
    }
    if (PQnfields(res) != ncols) {
        *st = ADJ_FAIL(err, ADJ_ERR_INTERNAL, "%s: %d columns, expected %d", what,
                       PQnfields(res), ncols);
        PQclear(res);
        return NULL;
    }
    *st = ADJ_OK;
    return res;
}

static AdjStatus load_cells(AdjStore *store, const char *const *p, AdjReportData *d,
                            AdjError *err)
{
    AdjStatus st;
    PGresult *res = query(store, cells_sql, 3, p, 20, "report_approval", &st, err);
    if (res == NULL)
        return st;
    int n = PQntuples(res);
    d->cells = adj_arena_alloc(&d->arena, (size_t)(n > 0 ? n : 1) * sizeof(*d->cells));
    for (int r = 0; r < n && st == ADJ_OK; r++) {
        AdjReportCell *c = &d->cells[d->ncells++];
        c->plan_id = str(d, res, r, 0);
        st = month_of(res, r, 1, &c->month, err);
        c->family = str(d, res, r, 2);
        c->provider_kind = str(d, res, r, 3);
        int64_t *fields[] = {&c->members, &c->submitted, &c->decided_first, &c->paid_first,
                             &c->denied_first, &c->pended_first, &c->decided_final,
                             &c->paid_final, &c->denied_final, &c->pended_final,
                             &c->forwarded, &c->rejected, &c->voided, &c->undecided,
                             &c->misroutes, &c->median_tenths};
        for (int i = 0; i < 16; i++)
            *fields[i] = num(res, r, 4 + i);
    }
    PQclear(res);
    return st;
}

static AdjStatus load_denials(AdjStore *store, const char *const *p, AdjReportData *d,
                              AdjError *err)
{
    AdjStatus st;
    PGresult *res = query(store, denials_sql, 3, p, 8, "report_denial", &st, err);
    if (res == NULL)
        return st;
    int n = PQntuples(res);
    d->denials = adj_arena_alloc(&d->arena, (size_t)(n > 0 ? n : 1) * sizeof(*d->denials));
    for (int r = 0; r < n && st == ADJ_OK; r++) {
        AdjReportDenial *x = &d->denials[d->ndenials++];
        x->plan_id = str(d, res, r, 0);
        st = month_of(res, r, 1, &x->month, err);
        x->family = str(d, res, r, 2);
        x->provider_kind = str(d, res, r, 3);
        x->carc = str(d, res, r, 4);
        x->members = num(res, r, 5);
        x->denied_first = num(res, r, 6);
        x->denied_final = num(res, r, 7);
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
        pl->plan_id = str(d, res, r, 0);
        pl->name = str(d, res, r, 1);
        pl->carve_out = strcmp(PQgetvalue(res, r, 2), "t") == 0;
    }
    PQclear(res);
    return ADJ_OK;
}

AdjStatus adj_store_report_load(AdjStore *store, AdjMonth from, AdjMonth to,
                                const char *plan_id, AdjReportData *out, AdjError *err)
{
    memset(out, 0, sizeof(*out));
    adj_arena_init(&out->arena, 64 * 1024);
    char from_s[16], to_s[16];
    adj_date_format_iso(adj_month_first_day(from), from_s, sizeof(from_s));
    adj_date_format_iso(adj_month_first_day(to), to_s, sizeof(to_s));
    const char *p[3] = {from_s, to_s, plan_id};
    AdjStatus st = store_exec(store, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
                              "report: begin", err);
    if (st == ADJ_OK)
        st = load_cells(store, p, out, err);
    if (st == ADJ_OK)
        st = load_denials(store, p, out, err);
    if (st == ADJ_OK)
        st = load_plans(store, plan_id, out, err);
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
