/* `show` look-ups: the claims an analyst on the phone can name (claim
 * number in any case, payer claim control number, billing NPI and service
 * dates, member ID). Reads only. */
#include "store/store_int.h"

#include <stdio.h>
#include <stdlib.h>


static const char lookup_sql[] =
    "SELECT c.claim_pk, c.pcn, c.billing_npi, c.claim_id,"
    " coalesce((SELECT min(l.dos_from)::text FROM claim_line l WHERE l.claim_pk = c.claim_pk), ''),"
    " coalesce((SELECT string_agg(x.outcome || coalesce(' ' || x.grp || '-' || x.carc, ''), ', '"
    "   ORDER BY x.line_no) FROM (SELECT DISTINCT ON (d.line_no) d.line_no, d.outcome, d.grp,"
    "   d.carc FROM decision d WHERE d.claim_pk = c.claim_pk ORDER BY d.line_no, d.version DESC) x),"
    "   'not decided') FROM claim c"
    " WHERE ($1::bytea IS NULL"
    "        OR upper(encode(c.claim_id, 'escape')) = upper(encode($1::bytea, 'escape')))"
    "   AND ($2::text IS NULL OR c.pcn = $2::text)"
    "   AND ($3::bytea IS NULL OR c.billing_npi = $3::bytea)"
    "   AND ($4::bytea IS NULL OR c.member_id = $4::bytea)"
    "   AND (($5::date IS NULL AND $6::date IS NULL) OR EXISTS (SELECT 1 FROM claim_line l"
    "        WHERE l.claim_pk = c.claim_pk"
    "          AND ($5::date IS NULL OR coalesce(l.dos_to, l.dos_from) >= $5::date)"
    "          AND ($6::date IS NULL OR l.dos_from <= $6::date)))"
    "   AND (($8::text IS NULL AND $9::text IS NULL) OR EXISTS (SELECT 1 FROM decision d"
    "        WHERE d.claim_pk = c.claim_pk AND ($8::text IS NULL OR d.outcome = $8::text)"
    "          AND ($9::text IS NULL OR d.carc = $9::text)"
    "          AND NOT EXISTS (SELECT 1 FROM decision n WHERE n.claim_pk = d.claim_pk"
    "                          AND n.line_no = d.line_no AND n.version > d.version)))"
    " ORDER BY c.claim_pk LIMIT $7::int OFFSET $10::int";

AdjStatus adj_store_lookup(AdjStore *store, const AdjStoreLookup *q, AdjStoreFound **out,
                           size_t *n, bool *more, AdjError *err)
{
    int lim = q->limit > 0 ? q->limit : 100;
    StoreParams p;
    store_params_init(&p, NULL);
    store_params_cbytes(&p, q->claim_id);
    store_params_text(&p, q->pcn);
    store_params_cbytes(&p, q->npi);
    store_params_cbytes(&p, q->member_id);
    store_params_text(&p, q->dos_from);
    store_params_text(&p, q->dos_to);
    store_params_int(&p, lim + 1);
    store_params_text(&p, q->outcome);
    store_params_text(&p, q->carc);
    store_params_int(&p, q->offset > 0 ? q->offset : 0);
    PGresult *res = NULL;
    AdjStatus st = store_run(store, "claim look-up", lookup_sql, &p, &res, err);
    store_params_free(&p);
    if (st != ADJ_OK)
        return st;
    int rows = PQntuples(res);
    *more = rows > lim;
    if (rows > lim)
        rows = lim;
    AdjStoreFound *f = adj_xcalloc(rows ? (size_t)rows : 1, sizeof(*f));
    for (int r = 0; r < rows; r++) {
        f[r].claim_pk = strtoll(PQgetvalue(res, r, 0), NULL, 10);
        snprintf(f[r].pcn, sizeof(f[r].pcn), "%s", PQgetvalue(res, r, 1));
        store_bytea_to(f[r].npi, sizeof(f[r].npi), res, r, 2);
        store_bytea_to(f[r].claim_id, sizeof(f[r].claim_id), res, r, 3);
        snprintf(f[r].dos, sizeof(f[r].dos), "%s", PQgetvalue(res, r, 4));
        snprintf(f[r].outcomes, sizeof(f[r].outcomes), "%s", PQgetvalue(res, r, 5));
    }
    PQclear(res);
    *out = f;
    *n = (size_t)rows;
    return ADJ_OK;
}
