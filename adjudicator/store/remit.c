/* Remittance (issue 14): the claims an 835 run must report, streamed from
 * a cursor over adj_remit_work() (sql/070), and the record of what each 835
 * carried (remit_file, remit_claim), in one transaction that an advisory
 * lock serialises, so two concurrent runs never remit a claim twice. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"

#define FETCH_ROWS 4000
#define RECORD_ROWS 2000
/* advisory lock key of `adjudicator remit` runs */
#define REMIT_LOCK "7325460001"

typedef struct RemitRec {
    int64_t remit_id, claim_pk, paid;
    int seq;
    bool reversal;
    char *ids; /* "{1,2}" */
} RemitRec;

struct AdjStoreRemit {
    AdjStore *store;
    PGresult *res;
    int row, nrows;
    bool eof;
    RemitRec *recs;
    size_t nrecs;
};

static const char work_sql[] =
    "DECLARE adj_remit_cur NO SCROLL CURSOR FOR"
    " SELECT w.claim_pk, w.billing_npi, w.kind, c.pcn, adj_text(c.claim_id),"
    "  adj_text(c.member_id), adj_text(c.freq), adj_text(c.patient_first), c.patient_is_dependent,"
    "  adj_text(c.patient_last), adj_text(c.subscriber_first), adj_text(c.billing_name),"
    "  adj_text(c.billing_tin), coalesce(p.name, ''), to_char(c.interchange_date, 'YYYYMMDD'),"
    "  d.decision_id, adj_text(l.qualifier), adj_text(l.code),"
    "  coalesce((SELECT string_agg(adj_text(m), ' ') FROM unnest(l.mods) m), ''),"
    "  l.charge_cents, l.units_milli, to_char(d.dos, 'YYYYMMDD'), d.outcome, coalesce(d.grp, ''),"
    "  coalesce(d.carc, ''), array_to_string(d.rarc, ' '), coalesce(d.allowed_cents, 0),"
    "  coalesce(d.paid_cents, 0), coalesce(d.patient_resp_cents, 0), adj_text(l.control), w.ord,"
    "  coalesce(d.deductible_cents, 0), coalesce(d.coinsurance_cents, 0),"
    "  coalesce(d.copay_cents, 0), coalesce(d.cob_reduction_cents, 0)"
    " FROM adj_remit_work($1::date) WITH ORDINALITY w(claim_pk, billing_npi, kind, decision_ids, ord)"
    " JOIN claim c ON c.claim_pk = w.claim_pk"
    " LEFT JOIN provider p ON p.npi = w.billing_npi"
    " CROSS JOIN LATERAL unnest(w.decision_ids) WITH ORDINALITY x(decision_id, n)"
    " JOIN decision d ON d.decision_id = x.decision_id"
    " JOIN claim_line l ON l.claim_pk = d.claim_pk AND l.line_no = d.line_no"
    " ORDER BY w.ord, x.n";

enum {
    R_PK, R_NPI, R_KIND, R_PCN, R_CLM, R_MEMBER, R_FREQ, R_PFIRST, R_DEP, R_PLAST, R_SFIRST,
    R_BNAME, R_BTIN, R_PNAME, R_RECEIVED, R_DID, R_QUAL, R_CODE, R_MODS, R_CHARGE, R_UNITS,
    R_DOS, R_OUTCOME, R_GRP, R_CARC, R_RARC, R_ALLOWED, R_PAID, R_RESP, R_CONTROL, R_ORD,
    R_DED, R_COINS, R_COPAY, R_COB
};

AdjStatus adj_store_remit_begin(AdjStore *store, AdjDate through, AdjStoreRemit **out,
                                AdjError *err)
{
    *out = NULL;
    AdjStatus st = store_exec(store, "BEGIN", "remit: begin", err);
    if (st != ADJ_OK)
        return st;
    st = store_exec(store, "SELECT pg_advisory_xact_lock(" REMIT_LOCK ")", "remit: lock", err);
    if (st == ADJ_OK) {
        char d[16];
        if (through > 0)
            snprintf(d, sizeof(d), "%08d", (int)through);
        const char *v[1] = {through > 0 ? d : NULL};
        st = store_exec_params(store, work_sql, 1, v, "remit: work", err);
    }
    if (st != ADJ_OK) {
        adj_store_rollback(store);
        return st;
    }
    AdjStoreRemit *r = adj_xcalloc(1, sizeof(*r));
    r->store = store;
    r->recs = adj_xcalloc(RECORD_ROWS, sizeof(RemitRec));
    *out = r;
    return ADJ_OK;
}

static AdjStatus flush_recs(AdjStoreRemit *r, AdjError *err)
{
    if (r->nrecs == 0)
        return ADJ_OK;
    StoreCopy cp;
    AdjStatus st = store_copy_begin(
        r->store,
        "COPY remit_claim (remit_id, seq, claim_pk, kind, decision_ids, paid_cents) FROM STDIN",
        &cp, err);
    for (size_t i = 0; st == ADJ_OK && i < r->nrecs; i++) {
        const RemitRec *x = &r->recs[i];
        store_copy_int(&cp, x->remit_id);
        store_copy_int(&cp, x->seq);
        store_copy_int(&cp, x->claim_pk);
        store_copy_text(&cp, x->reversal ? "reversal" : "payment");
        store_copy_text(&cp, x->ids);
        store_copy_int(&cp, x->paid);
        st = store_copy_row_end(&cp, err);
    }
    if (st == ADJ_OK)
        st = store_copy_end(&cp, err);
    for (size_t i = 0; i < r->nrecs; i++)
        free(r->recs[i].ids);
    r->nrecs = 0;
    return st;
}

static AdjStatus fetch(AdjStoreRemit *r, AdjError *err)
{
    AdjStatus st = flush_recs(r, err);
    if (st != ADJ_OK)
        return st;
    PQclear(r->res);
    r->res = PQexec(r->store->conn, "FETCH " "4000" " FROM adj_remit_cur");
    if (PQresultStatus(r->res) != PGRES_TUPLES_OK) {
        st = store_result_error(r->store, r->res, "remit: fetch", err);
        PQclear(r->res);
        r->res = NULL;
        return st;
    }
    r->row = 0;
    r->nrows = PQntuples(r->res);
    if (r->nrows < FETCH_ROWS)
        r->eof = true;
    return ADJ_OK;
}

static const char *val(const AdjStoreRemit *r, int col)
{
    return PQgetvalue(r->res, r->row, col);
}

#define COPYF(dst, col) snprintf((dst), sizeof(dst), "%s", val(r, (col)))

AdjStatus adj_store_remit_next(AdjStoreRemit *r, AdjStoreRemitClaim *c, bool *found,
                               AdjError *err)
{
    *found = false;
    if (r->res == NULL || r->row >= r->nrows) {
        if (r->eof)
            return ADJ_OK;
        AdjStatus st = fetch(r, err);
        if (st != ADJ_OK)
            return st;
        if (r->nrows == 0)
            return ADJ_OK;
    }
    memset(c, 0, offsetof(AdjStoreRemitClaim, lines));
    const char *ord = val(r, R_ORD);
    char ordbuf[24];
    snprintf(ordbuf, sizeof(ordbuf), "%s", ord);
    c->claim_pk = strtoll(val(r, R_PK), NULL, 10);
    COPYF(c->payee.npi, R_NPI);
    COPYF(c->payee.tin, R_BTIN);
    /* the payee's name as loaded (providers.csv), else as the 837 gave it */
    COPYF(c->payee.name, val(r, R_PNAME)[0] ? R_PNAME : R_BNAME);
    c->claim.reversal = strcmp(val(r, R_KIND), "reversal") == 0;
    COPYF(c->claim.pcn, R_PCN);
    COPYF(c->claim.claim_id, R_CLM);
    COPYF(c->claim.member_id, R_MEMBER);
    COPYF(c->claim.freq, R_FREQ);
    COPYF(c->claim.patient_last, R_PLAST);
    COPYF(c->claim.patient_first, strcmp(val(r, R_DEP), "t") == 0 ? R_PFIRST : R_SFIRST);
    adj_date_parse_x12(val(r, R_RECEIVED), strlen(val(r, R_RECEIVED)), &c->claim.received);
    for (;;) {
        if (c->nlines < ADJ_MAX_LINES) {
            AdjRemitLine *l = &c->lines[c->nlines];
            memset(l, 0, sizeof(*l));
            c->decision_ids[c->nlines] = strtoll(val(r, R_DID), NULL, 10);
            COPYF(l->qualifier, R_QUAL);
            COPYF(l->code, R_CODE);
            char mods[64];
            COPYF(mods, R_MODS);
            for (char *save = NULL, *m = strtok_r(mods, " ", &save); m && l->nmods < ADJ_MAX_MODS;
                 m = strtok_r(NULL, " ", &save))
                snprintf(l->mods[l->nmods++], sizeof(l->mods[0]), "%.2s", m);
            l->charge = strtoll(val(r, R_CHARGE), NULL, 10);
            l->units_milli = strtoll(val(r, R_UNITS), NULL, 10);
            adj_date_parse_x12(val(r, R_DOS), strlen(val(r, R_DOS)), &l->dos);
            const char *o = val(r, R_OUTCOME);
            l->outcome = strcmp(o, "pay") == 0    ? ADJ_OUT_PAY
                         : strcmp(o, "deny") == 0 ? ADJ_OUT_DENY
                                                  : ADJ_OUT_FORWARD;
            COPYF(l->group, R_GRP);
            COPYF(l->carc, R_CARC);
            char rarc[64];
            COPYF(rarc, R_RARC);
            for (char *save = NULL, *m = strtok_r(rarc, " ", &save); m && l->nrarc < 4;
                 m = strtok_r(NULL, " ", &save))
                snprintf(l->rarc[l->nrarc++], sizeof(l->rarc[0]), "%.5s", m);
            if (l->outcome == ADJ_OUT_PAY) {
                l->allowed = strtoll(val(r, R_ALLOWED), NULL, 10);
                l->paid = strtoll(val(r, R_PAID), NULL, 10);
                l->share = adj_x12out_share_split(
                    strtoll(val(r, R_RESP), NULL, 10), strtoll(val(r, R_DED), NULL, 10),
                    strtoll(val(r, R_COINS), NULL, 10), strtoll(val(r, R_COPAY), NULL, 10),
                    strtoll(val(r, R_COB), NULL, 10));
            }
            COPYF(l->control, R_CONTROL);
            c->nlines++;
        }
        r->row++;
        if (r->row >= r->nrows) {
            if (r->eof)
                break;
            AdjStatus st = fetch(r, err);
            if (st != ADJ_OK)
                return st;
            if (r->nrows == 0)
                break;
        }
        if (strcmp(val(r, R_ORD), ordbuf) != 0)
            break;
    }
    c->claim.lines = c->lines;
    c->claim.nlines = c->nlines;
    *found = true;
    return ADJ_OK;
}

AdjStatus adj_store_remit_ids(AdjStoreRemit *r, int64_t *remit_id, uint32_t *control,
                              AdjError *err)
{
    AdjStatus st = flush_recs(r, err);
    if (st != ADJ_OK)
        return st;
    PGresult *res = PQexec(r->store->conn,
                           "SELECT nextval(pg_get_serial_sequence('remit_file', 'remit_id')),"
                           " nextval('remit_control_seq')");
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        st = store_result_error(r->store, res, "remit: control number", err);
        PQclear(res);
        return st;
    }
    *remit_id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
    *control = (uint32_t)strtoul(PQgetvalue(res, 0, 1), NULL, 10);
    PQclear(res);
    return ADJ_OK;
}

AdjStatus adj_store_remit_record(AdjStoreRemit *r, int64_t remit_id, int seq,
                                 const AdjStoreRemitClaim *c, int64_t paid, AdjError *err)
{
    if (r->nrecs >= RECORD_ROWS) {
        AdjStatus st = flush_recs(r, err);
        if (st != ADJ_OK)
            return st;
    }
    RemitRec *x = &r->recs[r->nrecs++];
    x->remit_id = remit_id;
    x->seq = seq;
    x->claim_pk = c->claim_pk;
    x->reversal = c->claim.reversal;
    x->paid = paid;
    x->ids = store_int64_array(c->decision_ids, (size_t)c->nlines);
    return ADJ_OK;
}

AdjStatus adj_store_remit_file(AdjStoreRemit *r, const AdjStoreRemitFile *f, AdjError *err)
{
    AdjStatus st = flush_recs(r, err);
    if (st != ADJ_OK)
        return st;
    char id[24], ctl[24], claims[24], rev[24], paid[24], plb[24], through[16];
    snprintf(id, sizeof(id), "%lld", (long long)f->remit_id);
    snprintf(ctl, sizeof(ctl), "%u", (unsigned)f->control);
    snprintf(claims, sizeof(claims), "%lld", (long long)f->claims);
    snprintf(rev, sizeof(rev), "%lld", (long long)f->reversals);
    snprintf(paid, sizeof(paid), "%lld", (long long)f->paid);
    snprintf(plb, sizeof(plb), "%lld", (long long)f->plb);
    snprintf(through, sizeof(through), "%08d", (int)f->through);
    const char *v[8] = {id, f->payee_npi, ctl, f->file_name, claims, rev, paid, plb};
    const char *v2[9] = {v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7],
                         f->through > 0 ? through : NULL};
    return store_exec_params(r->store,
                             "INSERT INTO remit_file (remit_id, payee_npi, control_number,"
                             " file_name, claims, reversals, paid_cents, plb_cents, through)"
                             " OVERRIDING SYSTEM VALUE VALUES ($1, $2, $3, $4, $5, $6, $7, $8,"
                             " $9::date)",
                             9, v2, "remit: record the 835", err);
}

AdjStatus adj_store_remit_savepoint(AdjStoreRemit *r, bool release, AdjError *err)
{
    AdjStatus st = flush_recs(r, err);
    if (st != ADJ_OK)
        return st;
    return store_exec(r->store, release ? "RELEASE SAVEPOINT adj_remit_payee"
                                        : "SAVEPOINT adj_remit_payee",
                      "remit: savepoint", err);
}

void adj_store_remit_undo_payee(AdjStoreRemit *r)
{
    for (size_t i = 0; i < r->nrecs; i++)
        free(r->recs[i].ids);
    r->nrecs = 0;
    PQclear(PQexec(r->store->conn, "ROLLBACK TO SAVEPOINT adj_remit_payee"));
}

AdjStatus adj_store_remit_end(AdjStoreRemit *r, bool commit, AdjError *err)
{
    AdjStatus st = ADJ_OK;
    if (commit) {
        st = flush_recs(r, err);
        if (st == ADJ_OK)
            st = store_exec(r->store, "CLOSE adj_remit_cur", "remit: close", err);
        if (st == ADJ_OK)
            st = adj_store_commit(r->store, err);
    }
    if (!commit || st != ADJ_OK)
        adj_store_rollback(r->store);
    for (size_t i = 0; i < r->nrecs; i++)
        free(r->recs[i].ids);
    PQclear(r->res);
    free(r->recs);
    free(r);
    return st;
}
