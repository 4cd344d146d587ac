/* Acknowledgements ingest produced (sql/071): control numbers, the stored
 * TA1/999/277CA, the payer claim control numbers of an interchange's claims
 * in file order (for REF*1K), and those of a claim key for `show`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/show_view.h"
#include "store/store_int.h"

/* n bytes as hex digits, for a bytea parameter passed as text and decoded
 * by the statement (decode($n, 'hex')): store_query's parameters are text,
 * and an acknowledgement may echo bytes that are not UTF-8. Caller frees. */
static char *hex_of(const void *p, size_t n)
{
    static const char digits[] = "0123456789abcdef";
    const unsigned char *b = p;
    char *out = adj_xmalloc(2 * n + 1);
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[b[i] >> 4];
        out[2 * i + 1] = digits[b[i] & 15];
    }
    out[2 * n] = '\0';
    return out;
}

AdjStatus adj_store_ack_control(AdjStore *store, uint32_t *out, AdjError *err)
{
    PGresult *res = NULL;
    AdjStatus st = store_query(store, "ack: control number", "SELECT nextval('ack_control_seq')",
                               0, NULL, &res, err);
    if (st != ADJ_OK)
        return st;
    *out = (uint32_t)store_int(res, 0, 0);
    PQclear(res);
    return ADJ_OK;
}

AdjStatus adj_store_ack_put(AdjStore *store, const AdjStoreAck *a, AdjError *err)
{
    char ix[24], ctl[24];
    snprintf(ix, sizeof(ix), "%lld", (long long)a->interchange_id);
    snprintf(ctl, sizeof(ctl), "%u", (unsigned)a->control);
    char *body = hex_of(a->body, a->body_len);
    const char *v[9] = {a->interchange_id > 0 ? ix : NULL, a->file_name, a->file_sha256,
                        a->in_isa13, a->kind, a->receiver, ctl, body, a->written_to};
    AdjStatus st = store_query(
        store, "ack: store",
        "INSERT INTO ack (interchange_id, file_name, file_sha256, in_isa13, kind, receiver,"
        " control_number, body, written_to)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, decode($8, 'hex'), $9)",
        9, v, NULL, err);
    free(body);
    return st;
}

AdjStatus adj_store_ack_pcns(AdjStore *store, int64_t interchange_id, char (**pcns)[24],
                             size_t *n, AdjError *err)
{
    char ix[24];
    snprintf(ix, sizeof(ix), "%lld", (long long)interchange_id);
    const char *v[1] = {ix};
    PGresult *res = NULL;
    AdjStatus st = store_query(store, "ack: payer claim control numbers",
                               "SELECT pcn FROM adj_interchange_pcns($1::bigint)", 1, v, &res,
                               err);
    if (st != ADJ_OK)
        return st;
    int rows = PQntuples(res);
    *pcns = adj_xcalloc((size_t)(rows ? rows : 1), sizeof(**pcns));
    for (int i = 0; i < rows; i++)
        snprintf((*pcns)[i], sizeof((*pcns)[i]), "%s", PQgetvalue(res, i, 0));
    *n = (size_t)rows;
    PQclear(res);
    return ADJ_OK;
}

AdjStatus adj_store_show_acks(AdjStore *store, const char *claim_id, const char *npi,
                              AdjArena *arena, AdjShowAck **out, size_t *n, AdjError *err)
{
    char *id_hex = hex_of(claim_id, strlen(claim_id));
    char *npi_hex = npi ? hex_of(npi, strlen(npi)) : NULL;
    const char *v[2] = {id_hex, npi_hex};
    PGresult *res = NULL;
    AdjStatus st = store_query(
        store, "show: acknowledgements",
        "SELECT DISTINCT a.kind, a.control_number, a.in_isa13, to_char(a.created_at AT TIME ZONE"
        " 'UTC', 'YYYY-MM-DD HH24:MI:SS'), coalesce(a.written_to, ''), a.ack_id,"
        " CASE a.kind WHEN '277' THEN (SELECT CASE WHEN EXISTS (SELECT 1 FROM claim_problem p"
        "  WHERE p.claim_pk = c.claim_pk) THEN 'rejected' ELSE 'accepted' END) ELSE '' END"
        " FROM claim c JOIN transaction_set s USING (set_id) JOIN ack a"
        "  ON a.interchange_id = s.interchange_id AND a.in_isa13 = s.isa13"
        " WHERE c.claim_id = decode($1, 'hex')"
        "  AND ($2::text IS NULL OR c.billing_npi = decode($2, 'hex'))"
        " ORDER BY a.ack_id",
        2, v, &res, err);
    free(id_hex);
    free(npi_hex);
    if (st != ADJ_OK)
        return st;
    int rows = PQntuples(res);
    AdjShowAck *acks = adj_arena_alloc(arena, (size_t)(rows ? rows : 1) * sizeof(*acks));
    for (int r = 0; r < rows; r++) {
        const char *col[5];
        for (int c = 0; c < 5; c++) {
            static const int src[5] = {0, 2, 3, 4, 6};
            col[c] = adj_arena_strndup(arena, PQgetvalue(res, r, src[c]),
                                       (size_t)PQgetlength(res, r, src[c]));
        }
        acks[r] = (AdjShowAck){.kind = col[0], .control = store_int(res, r, 1),
                               .in_isa13 = col[1], .at = col[2], .written_to = col[3],
                               .verdict = col[4]};
    }
    PQclear(res);
    *out = acks;
    *n = (size_t)rows;
    return ADJ_OK;
}
