/* History for the engine, fetched once per batch: the history events
 * (record / retract, in order) of the batch's members and the paid and
 * pending lines of the recorded claims' decisions in force (latest
 * version). Both are index look-ups per member, so the cost per claim does
 * not grow with the tables. Reads only. */
#include "store/store_int.h"

#include <stdio.h>
#include <stdlib.h>

static const char events_sql[] =
    "SELECT e.claim_pk, e.kind, e.person_key, e.member_id, e.billing_npi, e.claim_id, c.pcn"
    " FROM history_event e JOIN claim c USING (claim_pk)"
    " WHERE e.member_id = ANY($1::bytea[]) ORDER BY e.event_id";

static const char lines_sql[] =
    "SELECT * FROM (SELECT DISTINCT ON (d.claim_pk, d.line_no)"
    " d.claim_pk, c.claim_id, c.billing_npi, d.lx, d.code,"
    " (SELECT string_agg(encode(x, 'hex'), ',' ORDER BY o) FROM unnest(l.mods) WITH ORDINALITY u(x, o)),"
    " l.units_milli, l.unit_basis, l.charge_cents, to_char(d.dos, 'YYYYMMDD'), d.outcome,"
    " d.line_no"
    " FROM decision d JOIN claim c USING (claim_pk)"
    " LEFT JOIN claim_line l ON l.claim_pk = d.claim_pk AND l.line_no = d.line_no"
    " WHERE d.claim_pk = ANY($1::bigint[])"
    " ORDER BY d.claim_pk, d.line_no, d.version DESC) x"
    " WHERE outcome IN ('pay', 'pend') ORDER BY claim_pk, line_no";
enum { H_PK, H_CLM, H_NPI, H_LX, H_CODE, H_MODS, H_UNITS, H_BASIS, H_CHARGE, H_DOS, H_OUTCOME };

void adj_store_history_free(AdjStoreHistory *h)
{
    if (h == NULL)
        return;
    free(h->events);
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

static char *bytea_array(const char *const *items, const size_t *lens, size_t n)
{
    size_t cap = 3;
    for (size_t i = 0; i < n; i++)
        cap += 8 + 2 * lens[i];
    char *arr = adj_xmalloc(cap);
    size_t at = 0;
    arr[at++] = '{';
    for (size_t i = 0; i < n; i++) {
        at += (size_t)sprintf(arr + at, "%s\"\\\\x", i ? "," : "");
        for (size_t k = 0; k < lens[i]; k++)
            at += (size_t)sprintf(arr + at, "%02x", (unsigned char)items[i][k]);
        arr[at++] = '"';
    }
    arr[at++] = '}';
    arr[at] = '\0';
    return arr;
}

static void fill_row(AdjStoreHistoryRow *row, PGresult *res, int r)
{
    row->claim_pk = strtoll(PQgetvalue(res, r, H_PK), NULL, 10);
    copy_bytes(row->claim_id, sizeof(row->claim_id), res, r, H_CLM);
    copy_bytes(row->billing_npi, sizeof(row->billing_npi), res, r, H_NPI);
    row->lx = atoi(PQgetvalue(res, r, H_LX));
    copy_bytes(row->code, sizeof(row->code), res, r, H_CODE);
    const char *m = PQgetvalue(res, r, H_MODS);
    while (*m && row->nmods < ADJ_MAX_MODS) {
        unsigned a = 0, b = 0;
        int got = sscanf(m, "%2x%2x", &a, &b);
        if (got >= 1) {
            row->mods[row->nmods][0] = (char)a;
            row->mods[row->nmods][1] = got == 2 ? (char)b : '\0';
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
    row->dos = PQgetisnull(res, r, H_DOS) ? 0 : (AdjDate)atoi(PQgetvalue(res, r, H_DOS));
    row->outcome = strcmp(PQgetvalue(res, r, H_OUTCOME), "pay") == 0 ? ADJ_OUT_PAY : ADJ_OUT_PEND;
}

AdjStatus adj_store_history_fetch(AdjStore *store, const char *const *member_ids,
                                  const size_t *lens, size_t n, AdjStoreHistory *h,
                                  AdjError *err)
{
    memset(h, 0, sizeof(*h));
    if (n == 0)
        return ADJ_OK;
    char *arr = bytea_array(member_ids, lens, n);
    const char *p1[1] = {arr};
    PGresult *res = PQexecParams(store->conn, events_sql, 1, NULL, p1, NULL, NULL, 0);
    free(arr);
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        AdjStatus st = store_result_error(store, res, "history events", err);
        PQclear(res);
        return st;
    }
    h->nevents = (size_t)PQntuples(res);
    h->events = adj_xcalloc(h->nevents ? h->nevents : 1, sizeof(*h->events));
    int64_t *pks = adj_xmalloc((h->nevents ? h->nevents : 1) * sizeof(*pks));
    size_t npks = 0;
    for (size_t i = 0; i < h->nevents; i++) {
        AdjStoreHistEvent *e = &h->events[i];
        int r = (int)i;
        e->claim_pk = strtoll(PQgetvalue(res, r, 0), NULL, 10);
        e->retract = strcmp(PQgetvalue(res, r, 1), "retract") == 0;
        copy_bytes(e->person_key, sizeof(e->person_key), res, r, 2);
        copy_bytes(e->member_id, sizeof(e->member_id), res, r, 3);
        copy_bytes(e->billing_npi, sizeof(e->billing_npi), res, r, 4);
        copy_bytes(e->claim_id, sizeof(e->claim_id), res, r, 5);
        snprintf(e->pcn, sizeof(e->pcn), "%s", PQgetvalue(res, r, 6));
        if (!e->retract)
            pks[npks++] = e->claim_pk;
    }
    PQclear(res);
    if (npks == 0) {
        free(pks);
        h->rows = adj_xcalloc(1, sizeof(*h->rows));
        return ADJ_OK;
    }
    char *pk_arr = store_int64_array(pks, npks);
    free(pks);
    const char *p2[1] = {pk_arr};
    res = PQexecParams(store->conn, lines_sql, 1, NULL, p2, NULL, NULL, 0);
    free(pk_arr);
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        AdjStatus st = store_result_error(store, res, "history lines", err);
        PQclear(res);
        return st;
    }
    h->n = (size_t)PQntuples(res);
    h->rows = adj_xcalloc(h->n ? h->n : 1, sizeof(*h->rows));
    for (size_t i = 0; i < h->n; i++)
        fill_row(&h->rows[i], res, (int)i);
    PQclear(res);
    return ADJ_OK;
}
