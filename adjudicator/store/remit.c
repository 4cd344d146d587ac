/* Remittance (issue 14): the claims an 835 run must report, and the record
 * of what each 835 carried (remit_file, remit_claim), in one transaction
 * that an advisory lock serialises, so two concurrent runs never remit a
 * claim twice. A run looks only at the claims whose decisions changed since
 * the last run (remit_pending, sql/140): it takes that set, works out per
 * claim what to pay or reverse into a temporary table (analysed, so each
 * step is planned for its real size: a few claims by index, a million by
 * hash joins), and streams the lines from a cursor in small fetches. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"

#define FETCH_SQL "FETCH 2000 FROM adj_remit_cur"
#define FETCH_ROWS 2000
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
    char last_npi[16];  /* payee of the last claim returned */
    char payee_npi[16]; /* payee of the open savepoint */
};

/* The run's statements, in order. Sizes matter more than anything here: a
 * first run after a bulk load reads every decision once, later runs a few
 * claims. work_mem: the first case sorts and hashes a million rows, which
 * spill to disk at the default 4 MB. */
static const char todo_sql[] =
    "CREATE TEMP TABLE adj_remit_todo (claim_pk bigint PRIMARY KEY) ON COMMIT DROP";
/* take the pending set: a decision committed after this statement leaves a
 * row of its own for the next run */
static const char take_sql[] =
    "WITH d AS (DELETE FROM remit_pending RETURNING claim_pk)"
    " INSERT INTO adj_remit_todo SELECT DISTINCT claim_pk FROM d";
/* --through: claims decided after that day wait for a later run */
static const char later_sql[] =
    "INSERT INTO remit_pending (claim_pk)"
    " SELECT t.claim_pk FROM adj_remit_todo t"
    " WHERE EXISTS (SELECT 1 FROM decision d WHERE d.claim_pk = t.claim_pk"
    "               AND d.decided_at >= $1::date + 1)";
/* per claim: the decisions in force on its remitted lines (pay, deny,
 * forward), whether a line pends, when it was last decided */
static const char cl_sql[] =
    "CREATE TEMP TABLE adj_remit_cl ON COMMIT DROP AS"
    " SELECT cur.claim_pk,"
    "  array_agg(cur.decision_id ORDER BY cur.line_no)"
    "   FILTER (WHERE cur.outcome IN ('pay', 'deny', 'forward')) AS ids,"
    "  bool_or(cur.outcome = 'pend') AS pending, max(cur.decided_at) AS decided_at"
    " FROM (SELECT DISTINCT ON (d.claim_pk, d.line_no) d.claim_pk, d.line_no, d.decision_id,"
    "        d.outcome, d.decided_at"
    "       FROM adj_remit_todo t JOIN decision d ON d.claim_pk = t.claim_pk"
    "       ORDER BY d.claim_pk, d.line_no, d.version DESC) cur"
    " GROUP BY cur.claim_pk";
/* The work, one row per remitted line: 'payment' of the decisions in force
 * when they are final (no line pending) and say something else than what
 * was last paid; 'reversal' first when an earlier payment stands and the
 * claim was re-decided to something else, replaced or voided (superseded:
 * a later claim of the same billing NPI, claim ID and member retracted
 * it). A re-run that writes new versions with the same outcomes and
 * amounts (adj_remit_sig, sql/070) changes nothing the provider sees. */
static const char work_sql[] =
    "CREATE TEMP TABLE adj_remit_work ON COMMIT DROP AS"
    " WITH last AS ("
    "  SELECT DISTINCT ON (r.claim_pk) r.claim_pk, r.kind, r.decision_ids"
    "    FROM adj_remit_cl t JOIN remit_claim r ON r.claim_pk = t.claim_pk"
    "   ORDER BY r.claim_pk, r.remit_id DESC, r.seq DESC"
    " ), sup AS ("
    "  SELECT DISTINCT c.claim_pk FROM adj_remit_cl t JOIN claim c ON c.claim_pk = t.claim_pk"
    "    JOIN history_event e ON e.member_id = c.member_id AND e.kind = 'retract'"
    "     AND e.claim_pk > c.claim_pk AND e.billing_npi = c.billing_npi"
    "     AND e.claim_id = c.claim_id"
    " ), st AS MATERIALIZED ("
    "  SELECT cl.claim_pk, c.billing_npi, cl.ids, cl.pending, l.kind AS last_kind,"
    "         l.decision_ids AS last_ids, s.claim_pk IS NOT NULL AS superseded,"
    "         CASE WHEN l.kind = 'payment' AND cl.ids IS NOT NULL AND cl.ids <> l.decision_ids"
    "              THEN adj_remit_sig(cl.ids) IS DISTINCT FROM adj_remit_sig(l.decision_ids)"
    "              ELSE false END AS changed"
    "    FROM adj_remit_cl cl JOIN claim c ON c.claim_pk = cl.claim_pk"
    "    LEFT JOIN last l ON l.claim_pk = cl.claim_pk"
    "    LEFT JOIN sup s ON s.claim_pk = cl.claim_pk"
    "   WHERE $1::date IS NULL OR cl.decided_at < $1::date + 1"
    " )"
    " SELECT w.billing_npi, w.claim_pk, w.o, w.kind, x.n, x.decision_id"
    "   FROM ("
    "    SELECT st.claim_pk, st.billing_npi, 1 AS o, 'reversal' AS kind, st.last_ids AS ids"
    "      FROM st WHERE st.last_kind = 'payment'"
    "       AND (st.superseded OR st.pending OR st.ids IS NULL OR st.changed)"
    "    UNION ALL"
    "    SELECT st.claim_pk, st.billing_npi, 2, 'payment', st.ids"
    "      FROM st WHERE NOT st.superseded AND NOT st.pending AND st.ids IS NOT NULL"
    "       AND (st.last_kind IS DISTINCT FROM 'payment' OR st.changed)"
    "   ) w CROSS JOIN LATERAL unnest(w.ids) WITH ORDINALITY x(decision_id, n)";
/* bytea columns come back raw (hex) and are decoded here: adj_text() per
 * value costs a subtransaction, which over a million lines was most of
 * the run */
static const char cursor_sql[] =
    "DECLARE adj_remit_cur NO SCROLL CURSOR FOR"
    " SELECT w.claim_pk, w.billing_npi, w.kind, c.pcn, c.claim_id, c.member_id, c.freq,"
    "  c.patient_first, c.patient_is_dependent, c.patient_last, c.subscriber_first,"
    "  c.billing_name, c.billing_tin, coalesce(p.name, ''),"
    "  to_char(c.interchange_date, 'YYYYMMDD'), d.decision_id, l.qualifier, l.code, l.mods,"
    "  l.charge_cents, l.units_milli, to_char(d.dos, 'YYYYMMDD'), d.outcome,"
    "  coalesce(d.grp, ''), coalesce(d.carc, ''), array_to_string(d.rarc, ' '),"
    "  coalesce(d.allowed_cents, 0), coalesce(d.paid_cents, 0),"
    "  coalesce(d.patient_resp_cents, 0), l.control, w.o,"
    "  coalesce(d.deductible_cents, 0), coalesce(d.coinsurance_cents, 0),"
    "  coalesce(d.copay_cents, 0), coalesce(d.cob_reduction_cents, 0)"
    " FROM adj_remit_work w"
    " JOIN claim c ON c.claim_pk = w.claim_pk"
    " LEFT JOIN provider p ON p.npi::text = encode(w.billing_npi, 'escape')"
    " JOIN decision d ON d.decision_id = w.decision_id"
    " JOIN claim_line l ON l.claim_pk = d.claim_pk AND l.line_no = d.line_no"
    " ORDER BY w.billing_npi, w.claim_pk, w.o, w.n";
/* a payee whose 835 could not be written: its claims wait for the next run */
static const char requeue_sql[] =
    "INSERT INTO remit_pending (claim_pk)"
    " SELECT DISTINCT claim_pk FROM adj_remit_work WHERE billing_npi = convert_to($1, 'UTF8')";

enum {
    R_PK, R_NPI, R_KIND, R_PCN, R_CLM, R_MEMBER, R_FREQ, R_PFIRST, R_DEP, R_PLAST, R_SFIRST,
    R_BNAME, R_BTIN, R_PNAME, R_RECEIVED, R_DID, R_QUAL, R_CODE, R_MODS, R_CHARGE, R_UNITS,
    R_DOS, R_OUTCOME, R_GRP, R_CARC, R_RARC, R_ALLOWED, R_PAID, R_RESP, R_CONTROL, R_ORD,
    R_DED, R_COINS, R_COPAY, R_COB
};

/* One statement of the run; nparams 1: its $1 is param (NULL: SQL NULL). */
static AdjStatus run_step(AdjStore *store, const char *what, const char *sql, int nparams,
                          const char *param, AdjError *err)
{
    const char *v[1] = {param};
    return store_query(store, what, sql, nparams, v, NULL, err);
}

AdjStatus adj_store_remit_begin(AdjStore *store, AdjDate through, AdjStoreRemit **out,
                                AdjError *err)
{
    *out = NULL;
    char d[16];
    if (through > 0)
        snprintf(d, sizeof(d), "%08d", (int)through);
    const char *t = through > 0 ? d : NULL;
    AdjStatus st = adj_store_begin(store, err);
    if (st != ADJ_OK)
        return st;
    const struct {
        const char *what, *sql;
        int nparams; /* 1: $1 is --through */
        bool skip;
    } steps[] = {
        {"remit: settings", "SET LOCAL work_mem = '64MB'", 0, false},
        {"remit: lock", "SELECT pg_advisory_xact_lock(" REMIT_LOCK ")", 0, false},
        {"remit: pending claims", todo_sql, 0, false},
        {"remit: pending claims", take_sql, 0, false},
        {"remit: pending claims", "ANALYZE adj_remit_todo", 0, false},
        {"remit: --through", later_sql, 1, t == NULL},
        {"remit: claims", cl_sql, 0, false},
        {"remit: claims", "ANALYZE adj_remit_cl", 0, false},
        {"remit: work", work_sql, 1, false},
        {"remit: work", "ANALYZE adj_remit_work", 0, false},
        {"remit: work", cursor_sql, 0, false},
    };
    for (size_t i = 0; st == ADJ_OK && i < sizeof(steps) / sizeof(steps[0]); i++)
        if (!steps[i].skip)
            st = run_step(store, steps[i].what, steps[i].sql, steps[i].nparams, t, err);
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
    r->res = NULL;
    st = store_query(r->store, "remit: fetch", FETCH_SQL, 0, NULL, &r->res, err);
    if (st != ADJ_OK)
        return st;
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

static int hexval(char c)
{
    return c >= '0' && c <= '9'   ? c - '0'
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                  : -1;
}

/* The hex digits at s (a bytea's "\x..." text, past the "\x") as bytes
 * into dst (cut at size - 1); returns where the digits end. */
static const char *unhex(const char *s, char *dst, size_t size)
{
    size_t n = 0;
    int hi, lo;
    while ((hi = hexval(s[0])) >= 0 && (lo = hexval(s[1])) >= 0) {
        if (n + 1 < size)
            dst[n++] = (char)(hi << 4 | lo);
        s += 2;
    }
    dst[n] = '\0';
    return s;
}

/* A bytea column as a string (the server sends hex; anything else goes
 * through libpq's unescaping). */
static void bytes_to(const AdjStoreRemit *r, int col, char *dst, size_t size)
{
    const char *s = val(r, col);
    if (s[0] == '\\' && s[1] == 'x')
        unhex(s + 2, dst, size);
    else
        store_bytea_to(dst, size, r->res, r->row, col);
}
#define BYTES(dst, col) bytes_to(r, (col), (dst), sizeof(dst))

/* The modifiers of a bytea[] column ({"\\x3539","\\x5855"}) into l. */
static void mods_to(const char *s, AdjRemitLine *l)
{
    while (l->nmods < ADJ_MAX_MODS && (s = strchr(s, 'x')) != NULL) {
        if (s[-1] != '\\') {
            s++;
            continue;
        }
        char m[8];
        s = unhex(s + 1, m, sizeof(m));
        snprintf(l->mods[l->nmods++], sizeof(l->mods[0]), "%.2s", m);
    }
}

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
    /* a claim's lines: consecutive rows of one claim and kind */
    char key[48];
    snprintf(key, sizeof(key), "%s/%s", val(r, R_PK), val(r, R_ORD));
    c->claim_pk = strtoll(val(r, R_PK), NULL, 10);
    BYTES(c->payee.npi, R_NPI);
    snprintf(r->last_npi, sizeof(r->last_npi), "%s", c->payee.npi);
    BYTES(c->payee.tin, R_BTIN);
    /* the payee's name as loaded (providers.csv), else as the 837 gave it */
    if (val(r, R_PNAME)[0])
        COPYF(c->payee.name, R_PNAME);
    else
        BYTES(c->payee.name, R_BNAME);
    c->claim.reversal = strcmp(val(r, R_KIND), "reversal") == 0;
    COPYF(c->claim.pcn, R_PCN);
    BYTES(c->claim.claim_id, R_CLM);
    BYTES(c->claim.member_id, R_MEMBER);
    BYTES(c->claim.freq, R_FREQ);
    BYTES(c->claim.patient_last, R_PLAST);
    if (strcmp(val(r, R_DEP), "t") == 0)
        BYTES(c->claim.patient_first, R_PFIRST);
    else
        BYTES(c->claim.patient_first, R_SFIRST);
    adj_date_parse_x12(val(r, R_RECEIVED), strlen(val(r, R_RECEIVED)), &c->claim.received);
    for (;;) {
        if (c->nlines < ADJ_MAX_LINES) {
            AdjRemitLine *l = &c->lines[c->nlines];
            memset(l, 0, sizeof(*l));
            c->decision_ids[c->nlines] = strtoll(val(r, R_DID), NULL, 10);
            BYTES(l->qualifier, R_QUAL);
            BYTES(l->code, R_CODE);
            mods_to(val(r, R_MODS), l);
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
            BYTES(l->control, R_CONTROL);
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
        char next[48];
        snprintf(next, sizeof(next), "%s/%s", val(r, R_PK), val(r, R_ORD));
        if (strcmp(next, key) != 0)
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
    PGresult *res = NULL;
    st = store_query(r->store, "remit: control number",
                     "SELECT nextval(pg_get_serial_sequence('remit_file', 'remit_id')),"
                     " nextval('remit_control_seq')",
                     0, NULL, &res, err);
    if (st != ADJ_OK)
        return st;
    *remit_id = store_int(res, 0, 0);
    *control = (uint32_t)store_int(res, 0, 1);
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
    const char *v[9] = {id,    f->payee_npi, ctl, f->file_name, claims,
                        rev,   paid,         plb, f->through > 0 ? through : NULL};
    return store_query(r->store, "remit: record the 835",
                       "INSERT INTO remit_file (remit_id, payee_npi, control_number,"
                       " file_name, claims, reversals, paid_cents, plb_cents, through)"
                       " OVERRIDING SYSTEM VALUE VALUES ($1, $2, $3, $4, $5, $6, $7, $8,"
                       " $9::date)",
                       9, v, NULL, err);
}

AdjStatus adj_store_remit_savepoint(AdjStoreRemit *r, bool release, AdjError *err)
{
    AdjStatus st = flush_recs(r, err);
    if (st != ADJ_OK)
        return st;
    /* a payee's savepoint is taken when its first claim has been read */
    if (!release)
        snprintf(r->payee_npi, sizeof(r->payee_npi), "%s", r->last_npi);
    return store_query(r->store, "remit: savepoint",
                       release ? "RELEASE SAVEPOINT adj_remit_payee"
                               : "SAVEPOINT adj_remit_payee",
                       0, NULL, NULL, err);
}

void adj_store_remit_undo_payee(AdjStoreRemit *r)
{
    for (size_t i = 0; i < r->nrecs; i++)
        free(r->recs[i].ids);
    r->nrecs = 0;
    /* a failure here aborts the transaction, which the commit reports */
    AdjError ignored = {0};
    if (store_query(r->store, "remit: undo", "ROLLBACK TO SAVEPOINT adj_remit_payee", 0, NULL,
                    NULL, &ignored) == ADJ_OK)
        (void)run_step(r->store, "remit: undo", requeue_sql, 1, r->payee_npi, &ignored);
}

AdjStatus adj_store_remit_end(AdjStoreRemit *r, bool commit, AdjError *err)
{
    AdjStatus st = ADJ_OK;
    if (commit) {
        st = flush_recs(r, err);
        if (st == ADJ_OK)
            st = store_query(r->store, "remit: close", "CLOSE adj_remit_cur", 0, NULL, NULL, err);
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
