/* The pend queue; see store/pend.h. Reads only. */
#include "store/pend.h"

#include <stdio.h>
#include <stdlib.h>

#include "store/store_int.h"

/* A pended row is in force when no later version of its line exists;
 * decision_pend_idx (sql/110) finds the pended rows. */
static const char list_sql[] =
    "SELECT d.claim_pk, c.pcn, c.claim_id, c.billing_npi, d.line_no, d.code,"
    " coalesce(d.dos::text, ''),"
    " to_char(d.decided_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') || ' UTC',"
    " (current_date - (d.decided_at AT TIME ZONE 'UTC')::date),"
    " coalesce(d.rules[cardinality(d.rules)], ''), coalesce(d.matched_claim, ''::bytea),"
    " coalesce((SELECT m.pcn FROM claim m WHERE d.matched_claim IS NOT NULL"
    "   AND (m.claim_id = d.matched_claim OR convert_to(m.pcn, 'UTF8') = d.matched_claim)"
    "   AND m.member_id = c.member_id AND m.claim_pk <> c.claim_pk"
    "   ORDER BY (m.claim_pk < c.claim_pk) DESC, m.claim_pk DESC LIMIT 1), ''),"
    " coalesce(l.charge_cents, 0), d.reason, count(*) OVER ()"
    " FROM decision d JOIN claim c ON c.claim_pk = d.claim_pk"
    " LEFT JOIN claim_line l ON l.claim_pk = d.claim_pk AND l.line_no = d.line_no"
    " WHERE d.outcome = 'pend'"
    "   AND NOT EXISTS (SELECT 1 FROM decision n WHERE n.claim_pk = d.claim_pk"
    "                   AND n.line_no = d.line_no AND n.version > d.version)"
    /* a claim replaced or voided later is not worked: its successor stands */
    "   AND NOT EXISTS (SELECT 1 FROM history_event e WHERE e.member_id = c.member_id"
    "                   AND e.kind = 'retract' AND e.claim_pk > c.claim_pk"
    "                   AND e.billing_npi = c.billing_npi"
    "                   AND e.claim_id IN (c.claim_id, convert_to(c.pcn, 'UTF8')))"
    "   AND ($1::text IS NULL OR strpos(lower(coalesce(d.rules[cardinality(d.rules)], '')),"
    "                                  lower($1::text)) > 0)"
    "   AND ($2::int IS NULL OR d.decided_at <= now() - make_interval(days => $2::int))"
    " ORDER BY d.decided_at, d.claim_pk, d.line_no LIMIT $3::int OFFSET $4::int";

AdjStatus adj_store_pend_list(AdjStore *store, const char *rule, int older_than_days,
                              int limit, int offset, AdjStorePendRow **out, size_t *n,
                              int64_t *total, AdjError *err)
{
    char days[16], lim[16], off[16];
    snprintf(days, sizeof(days), "%d", older_than_days);
    snprintf(lim, sizeof(lim), "%d", limit);
    snprintf(off, sizeof(off), "%d", offset);
    const char *params[4] = {rule, older_than_days >= 0 ? days : NULL, lim, off};
    PGresult *res = NULL;
    AdjStatus st0 = store_query(store, "pend queue", list_sql, 4, params, &res, err);
    if (st0 != ADJ_OK)
        return st0;
    int rows = PQntuples(res);
    AdjStorePendRow *p = adj_xcalloc(rows ? (size_t)rows : 1, sizeof(*p));
    *total = 0;
    for (int r = 0; r < rows; r++) {
        p[r].claim_pk = strtoll(PQgetvalue(res, r, 0), NULL, 10);
        snprintf(p[r].pcn, sizeof(p[r].pcn), "%s", PQgetvalue(res, r, 1));
        store_bytea_to(p[r].claim_id, sizeof(p[r].claim_id), res, r, 2);
        store_bytea_to(p[r].npi, sizeof(p[r].npi), res, r, 3);
        p[r].line_no = atoi(PQgetvalue(res, r, 4));
        store_bytea_to(p[r].code, sizeof(p[r].code), res, r, 5);
        snprintf(p[r].dos, sizeof(p[r].dos), "%s", PQgetvalue(res, r, 6));
        snprintf(p[r].pended_at, sizeof(p[r].pended_at), "%s", PQgetvalue(res, r, 7));
        p[r].age_days = atoi(PQgetvalue(res, r, 8));
        snprintf(p[r].rule, sizeof(p[r].rule), "%s", PQgetvalue(res, r, 9));
        store_bytea_to(p[r].matched, sizeof(p[r].matched), res, r, 10);
        snprintf(p[r].matched_pcn, sizeof(p[r].matched_pcn), "%s", PQgetvalue(res, r, 11));
        adj_money_format(strtoll(PQgetvalue(res, r, 12), NULL, 10), p[r].charge,
                         sizeof(p[r].charge));
        store_bytea_to(p[r].reason, sizeof(p[r].reason), res, r, 13);
        *total = strtoll(PQgetvalue(res, r, 14), NULL, 10);
    }
    PQclear(res);
    if (rows == 0 && offset > 0) { /* past the end: still say how many there are */
        AdjStorePendRow *one = NULL;
        size_t none = 0;
        AdjStatus st = adj_store_pend_list(store, rule, older_than_days, 1, 0, &one, &none, total,
                                           err);
        free(one);
        if (st != ADJ_OK) {
            free(p);
            return st;
        }
    }
    *out = p;
    *n = (size_t)rows;
    return ADJ_OK;
}

AdjStatus adj_store_reason_code(AdjStore *store, const char *kind, const char *code,
                                bool *known, char *text, size_t size, AdjError *err)
{
    const char *params[2] = {kind, code};
    PGresult *res = NULL;
    AdjStatus st = store_query(store, "reason codes",
                               "SELECT text FROM reason_code WHERE kind = $1 AND code = $2", 2,
                               params, &res, err);
    if (st != ADJ_OK)
        return st;
    *known = PQntuples(res) == 1;
    if (text != NULL && size > 0)
        snprintf(text, size, "%s", *known ? PQgetvalue(res, 0, 0) : "");
    PQclear(res);
    return ADJ_OK;
}

AdjStatus adj_store_claim_superseded(AdjStore *store, int64_t claim_pk, char *by_pcn,
                                     size_t size, AdjError *err)
{
    char pk[24];
    snprintf(pk, sizeof(pk), "%lld", (long long)claim_pk);
    const char *params[1] = {pk};
    PGresult *res = NULL;
    AdjStatus st = store_query(
        store, "superseded claim",
        "SELECT e.pcn FROM claim c JOIN history_event e ON e.member_id = c.member_id"
        " AND e.kind = 'retract' AND e.claim_pk > c.claim_pk AND e.billing_npi = c.billing_npi"
        " AND e.claim_id IN (c.claim_id, convert_to(c.pcn, 'UTF8'))"
        " WHERE c.claim_pk = $1::bigint ORDER BY e.event_id LIMIT 1",
        1, params, &res, err);
    if (st != ADJ_OK)
        return st;
    snprintf(by_pcn, size, "%s", PQntuples(res) ? PQgetvalue(res, 0, 0) : "");
    PQclear(res);
    return ADJ_OK;
}
