/* Acknowledgements ingest produced (sql/071): control numbers, the stored
 * TA1/999/277CA, the payer claim control numbers of an interchange's claims
 * in file order (for REF*1K), and the list `show` prints. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"

AdjStatus adj_store_ack_control(AdjStore *store, uint32_t *out, AdjError *err)
{
    PGresult *res = PQexec(store->conn, "SELECT nextval('ack_control_seq')");
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        AdjStatus st = store_result_error(store, res, "ack: control number", err);
        PQclear(res);
        return st;
    }
    *out = (uint32_t)strtoul(PQgetvalue(res, 0, 0), NULL, 10);
    PQclear(res);
    return ADJ_OK;
}

AdjStatus adj_store_ack_put(AdjStore *store, const AdjStoreAck *a, AdjError *err)
{
    char ix[24], ctl[24];
    snprintf(ix, sizeof(ix), "%lld", (long long)a->interchange_id);
    snprintf(ctl, sizeof(ctl), "%u", (unsigned)a->control);
    const char *v[9] = {a->interchange_id > 0 ? ix : NULL, a->file_name, a->file_sha256,
                        a->in_isa13, a->kind, a->receiver, ctl, a->body, a->written_to};
    int len[9] = {0, 0, 0, 0, 0, 0, 0, (int)a->body_len, 0};
    int fmt[9] = {0, 0, 0, 0, 0, 0, 0, 1, 0};
    PGresult *res = PQexecParams(
        store->conn,
        "INSERT INTO ack (interchange_id, file_name, file_sha256, in_isa13, kind, receiver,"
        " control_number, body, written_to) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        9, NULL, v, len, fmt, 0);
    AdjStatus st = ADJ_OK;
    if (PQresultStatus(res) != PGRES_COMMAND_OK)
        st = store_result_error(store, res, "ack: store", err);
    PQclear(res);
    return st;
}

AdjStatus adj_store_ack_pcns(AdjStore *store, int64_t interchange_id, char (**pcns)[24],
                             size_t *n, AdjError *err)
{
    char ix[24];
    snprintf(ix, sizeof(ix), "%lld", (long long)interchange_id);
    const char *v[1] = {ix};
    PGresult *res = PQexecParams(store->conn,
                                 "SELECT pcn FROM adj_interchange_pcns($1::bigint)",
                                 1, NULL, v, NULL, NULL, 0);
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        AdjStatus st = store_result_error(store, res, "ack: payer claim control numbers", err);
        PQclear(res);
        return st;
    }
    int rows = PQntuples(res);
    *pcns = adj_xcalloc((size_t)(rows ? rows : 1), sizeof(**pcns));
    for (int i = 0; i < rows; i++)
        snprintf((*pcns)[i], sizeof((*pcns)[i]), "%s", PQgetvalue(res, i, 0));
    *n = (size_t)rows;
    PQclear(res);
    return ADJ_OK;
}

AdjStatus adj_store_ack_show(AdjStore *store, const char *claim_id, const char *npi, FILE *out,
                             AdjError *err)
{
    const char *v[2] = {claim_id, npi};
    int len[2] = {(int)strlen(claim_id), npi ? (int)strlen(npi) : 0};
    int fmt[2] = {1, 1};
    PGresult *res = PQexecParams(
        store->conn,
        "SELECT DISTINCT a.kind, a.control_number, a.in_isa13, to_char(a.created_at AT TIME ZONE"
        " 'UTC', 'YYYY-MM-DD HH24:MI:SS'), coalesce(a.written_to, ''), a.ack_id,"
        " CASE a.kind WHEN '277' THEN (SELECT CASE WHEN EXISTS (SELECT 1 FROM claim_problem p"
        "  WHERE p.claim_pk = c.claim_pk) THEN 'rejected' ELSE 'accepted' END) ELSE '' END"
        " FROM claim c JOIN transaction_set s USING (set_id) JOIN ack a"
        "  ON a.interchange_id = s.interchange_id AND a.in_isa13 = s.isa13"
        " WHERE c.claim_id = $1 AND ($2::bytea IS NULL OR c.billing_npi = $2)"
        " ORDER BY a.ack_id",
        2, NULL, v, len, fmt, 0);
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        AdjStatus st = store_result_error(store, res, "show: acknowledgements", err);
        PQclear(res);
        return st;
    }
    int rows = PQntuples(res);
    if (rows > 0)
        fprintf(out, "acknowledgements sent for its interchange:\n");
    for (int r = 0; r < rows; r++) {
        const char *kind = PQgetvalue(res, r, 0);
        fprintf(out, "  %s control %09lld answering ISA13 %s at %s UTC%s%s%s%s\n",
                strcmp(kind, "277") == 0 ? "277CA" : kind,
                strtoll(PQgetvalue(res, r, 1), NULL, 10), PQgetvalue(res, r, 2),
                PQgetvalue(res, r, 3), PQgetvalue(res, r, 6)[0] ? ": claim " : "",
                PQgetvalue(res, r, 6), PQgetvalue(res, r, 4)[0] ? ", written to " : "",
                PQgetvalue(res, r, 4));
    }
    PQclear(res);
    return ADJ_OK;
}
