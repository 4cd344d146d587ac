/* History for the engine: the decision in force (latest version) of every
 * earlier claim line of the given members, from a month on, fetched once per
 * batch through the (person_key, service_month) index so the cost per claim
 * does not grow with the table. Reads only. */
#include "store/store_int.h"

#include <stdio.h>
#include <stdlib.h>

static const char history_sql[] =
    "SELECT DISTINCT ON (d.claim_pk, d.line_no)"
    " d.person_key, d.claim_pk, c.pcn, c.claim_id, c.billing_npi, d.line_no, d.lx, d.code,"
    " (SELECT string_agg(encode(x, 'hex'), ',' ORDER BY o) FROM unnest(l.mods) WITH ORDINALITY u(x, o)),"
    " l.units_milli, l.unit_basis, l.charge_cents, to_char(d.dos, 'YYYYMMDD'),"
    " to_char(l.dos_to, 'YYYYMMDD'), d.outcome, c.freq, c.original_ref, d.version"
    " FROM decision d JOIN claim c USING (claim_pk)"
    " LEFT JOIN claim_line l ON l.claim_pk = d.claim_pk AND l.line_no = d.line_no"
    " WHERE d.person_key = ANY($1::bytea[]) AND d.service_month >= $2::date"
    " ORDER BY d.claim_pk, d.line_no, d.version DESC";
enum { H_PERSON, H_PK, H_PCN, H_CLM, H_NPI, H_LINE, H_LX, H_CODE, H_MODS, H_UNITS, H_BASIS,
       H_CHARGE, H_DOS, H_DOS_TO, H_OUTCOME, H_FREQ, H_REF, H_VERSION };

void adj_store_history_free(AdjStoreHistory *h)
{
    if (h == NULL)
        return;
    free(h->rows);
    memset(h, 0, sizeof(*h));
}

static void copy_bytes(char *dst, size_t size, PGresult *res, int r, int col)
{
    size_t len = 0;
    unsigned char *b = store_bytea(res, r, col, &len);
    if (len >= size)
        len = size - 1; /* only hand-inserted rows exceed the model's sizes */
    if (b != NULL)
        memcpy(dst, b, len);
    dst[len] = '\0';
    PQfreemem(b);
}

static AdjOutcome outcome_of(const char *s)
{
    static const char *const names[] = {"pay", "deny", "pend", "forward", "reject", "void"};
    for (int i = 0; i < 6; i++)
        if (strcmp(s, names[i]) == 0)
            return (AdjOutcome)i;
    return ADJ_OUT_PEND;
}

AdjStatus adj_store_history_fetch(AdjStore *store, const char *const *person_keys,
                                  const size_t *lens, size_t n, AdjDate from,
                                  AdjStoreHistory *h, AdjError *err)
{
    memset(h, 0, sizeof(*h));
    if (n == 0)
        return ADJ_OK;
    /* bytea[] literal: hex elements, safe for any byte */
    size_t cap = 3;
    for (size_t i = 0; i < n; i++)
        cap += 8 + 2 * lens[i];
    char *arr = adj_xmalloc(cap);
    size_t at = 0;
    arr[at++] = '{';
    for (size_t i = 0; i < n; i++) {
        at += (size_t)sprintf(arr + at, "%s\"\\\\x", i ? "," : "");
        for (size_t k = 0; k < lens[i]; k++)
            at += (size_t)sprintf(arr + at, "%02x", (unsigned char)person_keys[i][k]);
        arr[at++] = '"';
    }
    arr[at++] = '}';
    arr[at] = '\0';
    char from_s[11];
    adj_date_format_iso(adj_date_valid(from) ? from : 10000101, from_s, sizeof(from_s));
    const char *params[2] = {arr, from_s};
    PGresult *res = PQexecParams(store->conn, history_sql, 2, NULL, params, NULL, NULL, 0);
    free(arr);
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        AdjStatus st = store_result_error(store, res, "history", err);
        PQclear(res);
        return st;
    }
    h->n = (size_t)PQntuples(res);
    h->rows = adj_xcalloc(h->n ? h->n : 1, sizeof(*h->rows));
    for (size_t i = 0; i < h->n; i++) {
        int r = (int)i;
        AdjStoreHistoryRow *row = &h->rows[i];
        copy_bytes(row->person_key, sizeof(row->person_key), res, r, H_PERSON);
        row->claim_pk = strtoll(PQgetvalue(res, r, H_PK), NULL, 10);
        snprintf(row->pcn, sizeof(row->pcn), "%s", PQgetvalue(res, r, H_PCN));
        copy_bytes(row->claim_id, sizeof(row->claim_id), res, r, H_CLM);
        copy_bytes(row->billing_npi, sizeof(row->billing_npi), res, r, H_NPI);
        row->line_no = atoi(PQgetvalue(res, r, H_LINE));
        row->lx = atoi(PQgetvalue(res, r, H_LX));
        copy_bytes(row->code, sizeof(row->code), res, r, H_CODE);
        const char *m = PQgetvalue(res, r, H_MODS);
        while (*m && row->nmods < ADJ_MAX_MODS) {
            unsigned a = 0, b2 = 0;
            if (sscanf(m, "%2x%2x", &a, &b2) == 2) {
                row->mods[row->nmods][0] = (char)a;
                row->mods[row->nmods][1] = (char)b2;
                row->nmods++;
            }
            m = strchr(m, ',');
            if (m == NULL)
                break;
            m++;
        }
        row->units_milli = strtoll(PQgetvalue(res, r, H_UNITS), NULL, 10);
        copy_bytes(row->unit_basis, sizeof(row->unit_basis), res, r, H_BASIS);
        row->charge = strtoll(PQgetvalue(res, r, H_CHARGE), NULL, 10);
        row->dos = (AdjDate)atoi(PQgetvalue(res, r, H_DOS));
        row->dos_to = (AdjDate)atoi(PQgetvalue(res, r, H_DOS_TO));
        row->outcome = outcome_of(PQgetvalue(res, r, H_OUTCOME));
        copy_bytes(row->freq, sizeof(row->freq), res, r, H_FREQ);
        copy_bytes(row->original_ref, sizeof(row->original_ref), res, r, H_REF);
        row->version = atoi(PQgetvalue(res, r, H_VERSION));
    }
    PQclear(res);
    return ADJ_OK;
}
