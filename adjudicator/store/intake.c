/* Intake: one file's interchange row (idempotent by SHA-256), its accepted
 * transaction sets (raw ST..SE), its claims, lines and problems, and their
 * queue rows, in one transaction, or in chunks of claims each committed
 * (and so queued) on its own (adj_store_intake_chunked). Claims are
 * buffered and written with COPY every INTAKE_FLUSH claims, so memory stays
 * bounded whatever the file's size. The interchange row records how far a
 * chunked ingest got, so that the same file ingested again after a kill
 * resumes after the last committed chunk. Never decides anything. */
#include "store/store_int.h"

#include <stdio.h>
#include <stdlib.h>

#include "crypto/crypto.h"

#define INTAKE_FLUSH 500
#define MAX_ROWS_PARAMS 60000 /* PostgreSQL takes at most 65535 parameters */

typedef struct PendingClaim {
    AdjClaim claim;   /* raw points into the arena */
    int64_t set_id;
    int seq;
} PendingClaim;

struct AdjStoreIntake {
    AdjStore *store;
    AdjArena arena;
    int64_t interchange_id;
    int64_t set_id;
    int nsets;      /* sets seen (the seq of the last), stored or skipped */
    int seq;        /* claims seen (the seq of the last), stored or skipped */
    /* chunks: claims per commit (0: none), claims written since the last
     * commit, and what the committed chunks hold (the interchange row's
     * sets and claims) */
    int64_t chunk_claims, since_commit;
    int committed_sets;
    int64_t committed_claims;
    /* resuming an interrupted ingest: the sets and claims its committed
     * chunks hold, skipped as the reader hands them over again */
    int skip_sets;
    int64_t skip_claims;
    char isa13[10], gs06[10];
    PendingClaim *pending;
    int npending;
    AdjStoreIntakeResult res;
};

static const char *const problem_casts[] = {"bigint", "int", "int", "text",
                                            "text",   "text", "text", "bytea"};
#define PROBLEM_COLS 8
static const char problem_head[] =
    "INSERT INTO claim_problem (claim_pk, n, segment, segment_id, loop, element, kind, msg)";

/* Reader-made labels are ASCII; anything else becomes '?' so a label can
 * never make the row unstorable. */
static void ascii_label(char *dst, size_t size, const char *src)
{
    size_t i = 0;
    for (; src[i] && i + 1 < size; i++)
        dst[i] = (unsigned char)src[i] >= 0x20 && (unsigned char)src[i] < 0x7f ? src[i] : '?';
    dst[i] = '\0';
}

static AdjStatus exec_rows(AdjStore *store, const char *head, const char *const *casts,
                           int ncols, size_t nrows, const char *tail, StoreParams *p,
                           const char *what, PGresult **keep, AdjError *err)
{
    char *sql = store_values_sql(head, casts, ncols, nrows, tail);
    AdjStatus st = store_run(store, what, sql, p, keep, err);
    free(sql);
    return st;
}

/* bytea[] literal of n strings stride bytes apart: {"\\x4631",...} */
static char *bytea_array_literal(const char *base, size_t stride, int n)
{
    size_t cap = 3;
    for (int i = 0; i < n; i++)
        cap += 8 + 2 * strlen(base + (size_t)i * stride);
    char *out = adj_xmalloc(cap);
    size_t at = 0;
    out[at++] = '{';
    for (int i = 0; i < n; i++) {
        const unsigned char *p = (const unsigned char *)(base + (size_t)i * stride);
        at += (size_t)sprintf(out + at, "%s\"\\\\x", i ? "," : "");
        for (; *p; p++)
            at += (size_t)sprintf(out + at, "%02x", *p);
        out[at++] = '"';
    }
    out[at++] = '}';
    out[at] = '\0';
    return out;
}

static void copy_cbytes(StoreCopy *c, const char *s)
{
    store_copy_bytea(c, s, strlen(s));
}

static void copy_array(StoreCopy *c, const char *base, size_t stride, int n)
{
    char *lit = bytea_array_literal(base, stride, n);
    store_copy_text(c, lit);
    free(lit);
}

static void copy_label(StoreCopy *c, const char *s)
{
    char lab[16];
    ascii_label(lab, sizeof(lab), s);
    store_copy_text(c, lab);
}

static const char claim_copy[] =
    "COPY claim (claim_pk, set_id, seq, isa13, gs06, st02, interchange_date, segment,"
    " billing_npi, billing_taxonomy, billing_zip, member_id, subscriber_birth,"
    " patient_is_dependent, patient_birth, patient_first, person_key, claim_id,"
    " total_charge_cents, pos, freq, original_ref, dx, dx_qual, rendering_npi, facility_zip,"
    " problems_dropped, raw, billing_name, billing_tin, patient_last, subscriber_first, benefit)"
    " FROM STDIN";

static void claim_row(StoreCopy *cp, int64_t pk, const PendingClaim *pc, const char *key,
                      size_t klen)
{
    const AdjClaim *c = &pc->claim;
    store_copy_int(cp, pk);
    store_copy_int(cp, pc->set_id);
    store_copy_int(cp, pc->seq);
    copy_label(cp, c->isa13);
    copy_label(cp, c->gs06);
    copy_label(cp, c->st02);
    store_copy_date(cp, c->interchange_date);
    store_copy_int(cp, c->segment);
    copy_cbytes(cp, c->billing_npi);
    copy_cbytes(cp, c->billing_taxonomy);
    copy_cbytes(cp, c->billing_zip);
    copy_cbytes(cp, c->member_id);
    store_copy_date(cp, c->subscriber_birth);
    store_copy_text(cp, c->patient_is_dependent ? "t" : "f");
    store_copy_date(cp, c->patient_birth);
    copy_cbytes(cp, c->patient_first);
    store_copy_bytea(cp, key, klen);
    copy_cbytes(cp, c->claim_id);
    store_copy_int(cp, c->total_charge);
    copy_cbytes(cp, c->pos);
    copy_cbytes(cp, c->freq);
    copy_cbytes(cp, c->original_ref);
    copy_array(cp, &c->dx[0][0], sizeof(c->dx[0]), c->ndx);
    copy_array(cp, &c->dx_qual[0][0], sizeof(c->dx_qual[0]), c->ndx);
    copy_cbytes(cp, c->rendering_npi);
    copy_cbytes(cp, c->facility_zip);
    store_copy_int(cp, c->problems_dropped);
    store_copy_bytea(cp, c->raw, c->raw_len);
    copy_cbytes(cp, c->parties.billing_name);
    copy_cbytes(cp, c->parties.billing_tin);
    copy_cbytes(cp, c->parties.patient_last);
    copy_cbytes(cp, c->parties.subscriber_first);
    char ben[ADJ_CLAIM_BENEFIT_MAX];
    store_copy_bytea(cp, ben, adj_claim_benefit_encode(c, ben, sizeof(ben)));
}

static const char line_copy[] =
    "COPY claim_line (claim_pk, line_no, lx, qualifier, code, mods, charge_cents, unit_basis,"
    " units_milli, pos, dx_ptr, dos_from, dos_to, rendering_npi, segment, control) FROM STDIN";

static void line_row(StoreCopy *cp, int64_t pk, int line_no, const AdjLine *l)
{
    store_copy_int(cp, pk);
    store_copy_int(cp, line_no);
    store_copy_int(cp, l->lx);
    copy_cbytes(cp, l->qualifier);
    copy_cbytes(cp, l->code);
    copy_array(cp, &l->mods[0][0], sizeof(l->mods[0]), l->nmods);
    store_copy_int(cp, l->charge);
    copy_cbytes(cp, l->unit_basis);
    store_copy_int(cp, l->units_milli);
    copy_cbytes(cp, l->pos);
    char ptr[ADJ_MAX_DX_PTR * 12 + 3];
    size_t at = 0;
    ptr[at++] = '{';
    for (int i = 0; i < l->ndx_ptr && i < ADJ_MAX_DX_PTR; i++)
        at += (size_t)snprintf(ptr + at, sizeof(ptr) - at, "%s%d", i ? "," : "", l->dx_ptr[i]);
    ptr[at++] = '}';
    ptr[at] = '\0';
    store_copy_text(cp, ptr);
    store_copy_date(cp, l->dos_from);
    store_copy_date(cp, l->dos_to);
    copy_cbytes(cp, l->rendering_npi);
    store_copy_int(cp, l->segment);
    copy_cbytes(cp, l->control);
}

static void problem_params(StoreParams *p, int64_t claim_pk, int n, const AdjProblem *pr)
{
    char lab[16];
    store_params_int(p, claim_pk);
    store_params_int(p, n);
    store_params_int(p, pr->segment);
    ascii_label(lab, sizeof(lab), pr->segment_id);
    store_params_text(p, lab);
    ascii_label(lab, sizeof(lab), pr->loop);
    store_params_text(p, lab);
    ascii_label(lab, sizeof(lab), pr->element);
    store_params_text(p, lab);
    store_params_text(p, adj_problem_kind_name((AdjProblemKind)pr->kind));
    store_params_cbytes(p, pr->msg);
}

/* Claim ids for the buffered claims, in order. */
static AdjStatus claim_ids(AdjStore *store, int n, int64_t *pks, AdjError *err)
{
    char n_s[16];
    snprintf(n_s, sizeof(n_s), "%d", n);
    const char *params[1] = {n_s};
    PGresult *res = NULL;
    AdjStatus st = store_query(store, "claim ids",
                               "SELECT nextval(pg_get_serial_sequence('claim', 'claim_pk'))"
                               " FROM generate_series(1, $1::int)",
                               1, params, &res, err);
    if (st != ADJ_OK)
        return st;
    if (PQntuples(res) != n) {
        PQclear(res);
        return ADJ_FAIL(err, ADJ_ERR_DB, "claim ids: %d asked, another number given", n);
    }
    for (int i = 0; i < n; i++)
        pks[i] = strtoll(PQgetvalue(res, i, 0), NULL, 10);
    PQclear(res);
    return ADJ_OK;
}

/* Write the buffered claims, then their lines, problems and queue rows:
 * COPY for the bulk, a parameterised INSERT for the rare problems. */
static AdjStatus flush(AdjStoreIntake *in, AdjError *err)
{
    if (in->npending == 0)
        return ADJ_OK;
    AdjStore *store = in->store;
    int n = in->npending;
    int64_t *pks = adj_xcalloc((size_t)n, sizeof(*pks));
    AdjStatus st = claim_ids(store, n, pks, err);
    StoreCopy cp;
    if (st == ADJ_OK)
        st = store_copy_begin(store, claim_copy, &cp, err);
    if (st == ADJ_OK) {
        for (int i = 0; i < n && st == ADJ_OK; i++) {
            char key[ADJ_MEMBER_ID_MAX + ADJ_NAME_MAX + 16];
            size_t klen = adj_claim_person_key(&in->pending[i].claim, key, sizeof(key));
            claim_row(&cp, pks[i], &in->pending[i], key, klen);
            st = store_copy_row_end(&cp, err);
        }
        AdjStatus st2 = store_copy_end(&cp, err);
        if (st == ADJ_OK)
            st = st2;
    }
    if (st == ADJ_OK)
        st = store_copy_begin(store, line_copy, &cp, err);
    if (st == ADJ_OK) {
        for (int i = 0; i < n && st == ADJ_OK; i++) {
            const AdjClaim *c = &in->pending[i].claim;
            for (int k = 0; k < c->nlines && st == ADJ_OK; k++) {
                line_row(&cp, pks[i], k + 1, &c->lines[k]);
                st = store_copy_row_end(&cp, err);
            }
        }
        AdjStatus st2 = store_copy_end(&cp, err);
        if (st == ADJ_OK)
            st = st2;
    }
    StoreParams p;
    store_params_init(&p, &in->arena);
    size_t rows = 0;
    for (int i = 0; i < n && st == ADJ_OK; i++) {
        const AdjClaim *c = &in->pending[i].claim;
        for (int k = 0; k < c->nproblems && st == ADJ_OK; k++) {
            problem_params(&p, pks[i], k + 1, &c->problems[k]);
            if (++rows * PROBLEM_COLS + PROBLEM_COLS > MAX_ROWS_PARAMS) {
                st = exec_rows(store, problem_head, problem_casts, PROBLEM_COLS, rows, NULL, &p,
                               "store problems", NULL, err);
                rows = 0;
                store_params_reset(&p);
            }
        }
    }
    if (st == ADJ_OK && rows > 0)
        st = exec_rows(store, problem_head, problem_casts, PROBLEM_COLS, rows, NULL, &p,
                       "store problems", NULL, err);
    store_params_free(&p);
    if (st == ADJ_OK)
        st = store_copy_begin(store, "COPY intake_queue (claim_pk) FROM STDIN", &cp,
                              err);
    if (st == ADJ_OK) {
        for (int i = 0; i < n && st == ADJ_OK; i++) {
            store_copy_int(&cp, pks[i]);
            st = store_copy_row_end(&cp, err);
        }
        AdjStatus st2 = store_copy_end(&cp, err);
        if (st == ADJ_OK)
            st = st2;
    }
    if (st == ADJ_OK) {
        for (int i = 0; i < n; i++) {
            in->res.claims++;
            in->res.lines += in->pending[i].claim.nlines;
            if (in->pending[i].claim.nproblems > 0)
                in->res.claims_rejected++;
        }
        in->since_commit += n;
    }
    free(pks);
    in->npending = 0;
    adj_arena_reset(&in->arena);
    return st;
}

/* At the start of each chunk's transaction: lock the interchange row and
 * check that it still holds what this ingest committed. A second ingest of
 * the same file, resuming beside this one, waits here for the chunk in
 * progress: when it commits, the count has moved and the second stops
 * instead of storing the same claims again; when the first dies, its chunk
 * rolls back, the count is as it was and the second goes on from there. */
static AdjStatus chunk_lock(AdjStoreIntake *in, AdjError *err)
{
    char id[24], claims[24];
    snprintf(id, sizeof(id), "%lld", (long long)in->interchange_id);
    snprintf(claims, sizeof(claims), "%lld", (long long)in->committed_claims);
    const char *params[2] = {id, claims};
    PGresult *res = NULL;
    AdjStatus st = store_query(in->store, "lock interchange",
                               "UPDATE interchange SET claims = claims"
                               " WHERE interchange_id = $1::bigint AND claims = $2::int"
                               " AND NOT complete",
                               2, params, &res, err);
    if (st != ADJ_OK)
        return st;
    bool ok = strcmp(PQcmdTuples(res), "1") == 0;
    PQclear(res);
    if (!ok)
        return ADJ_FAIL(err, ADJ_ERR_INPUT,
                        "interchange %lld is being ingested by another process (its stored "
                        "claims moved past %lld): ingest the file again once that ends",
                        (long long)in->interchange_id, (long long)in->committed_claims);
    return ADJ_OK;
}

/* The interchange row's counts as the chunks committed so far (and, at
 * the end, complete), in the transaction that writes them. */
static AdjStatus chunk_counts(AdjStoreIntake *in, int sets_rejected, bool complete,
                              AdjError *err)
{
    char id[24], sets[16], rej[16], claims[24], set_id[24];
    snprintf(id, sizeof(id), "%lld", (long long)in->interchange_id);
    snprintf(sets, sizeof(sets), "%d", in->nsets);
    snprintf(rej, sizeof(rej), "%d", sets_rejected);
    snprintf(claims, sizeof(claims), "%lld", (long long)in->seq);
    snprintf(set_id, sizeof(set_id), "%lld", (long long)in->set_id);
    const char *params[8] = {id, sets, rej, claims, in->isa13[0] ? in->isa13 : NULL,
                             in->gs06[0] ? in->gs06 : NULL, complete ? "t" : "f",
                             in->set_id ? set_id : NULL};
    return store_exec_params(in->store,
                             "UPDATE interchange SET sets = $2::int, sets_rejected = $3::int,"
                             " claims = $4::int, isa13 = $5, gs06 = $6, complete = $7::boolean,"
                             " last_set_id = $8::bigint"
                             " WHERE interchange_id = $1::bigint",
                             8, params, "update interchange", err);
}

/* Commit the claims written so far as one chunk (they are queued for the
 * workers from now on) and open the next chunk's transaction. */
static AdjStatus chunk_commit(AdjStoreIntake *in, AdjError *err)
{
    AdjStatus st = chunk_counts(in, 0, false, err);
    if (st == ADJ_OK)
        st = adj_store_commit(in->store, err);
    if (st != ADJ_OK)
        return st;
    in->committed_sets = in->nsets;
    in->committed_claims = in->seq;
    in->since_commit = 0;
    in->res.chunks++;
    st = adj_store_begin(in->store, err);
    if (st == ADJ_OK)
        st = chunk_lock(in, err);
    return st;
}

void adj_store_intake_chunked(AdjStoreIntake *in, int64_t chunk_claims)
{
    in->chunk_claims = chunk_claims > 0 ? chunk_claims : 0;
}

int64_t adj_store_intake_committed(const AdjStoreIntake *in)
{
    return in->res.chunks > 0 || in->res.resumed ? in->committed_claims : 0;
}

AdjStatus adj_store_intake_begin(AdjStore *store, const char *file_name, int64_t size,
                                 const char *sha256, AdjStoreIntake **out, AdjError *err)
{
    *out = NULL;
    AdjStatus st = adj_store_begin(store, err);
    if (st != ADJ_OK)
        return st;
    char size_s[24];
    snprintf(size_s, sizeof(size_s), "%lld", (long long)size);
    /* the file name is metadata; bytes that are not UTF-8 become '?' */
    char *name = adj_xstrdup(file_name);
    for (unsigned char *s = (unsigned char *)name; *s; s++)
        if (*s >= 0x80 || *s < 0x20)
            *s = '?';
    const char *params[3] = {name, size_s, sha256};
    /* a concurrent ingest of the same file waits here for the first to end */
    PGresult *res = NULL;
    st = store_query(store, "store interchange",
                     "INSERT INTO interchange (file_name, file_size, sha256, complete)"
                     " VALUES ($1, $2::bigint, $3, false)"
                     " ON CONFLICT (sha256) DO NOTHING RETURNING interchange_id",
                     3, params, &res, err);
    free(name);
    if (st != ADJ_OK) {
        adj_store_rollback(store);
        return st;
    }
    AdjStoreIntake *in = adj_xcalloc(1, sizeof(*in));
    in->store = store;
    adj_arena_init(&in->arena, 1 << 20);
    in->pending = adj_xcalloc(INTAKE_FLUSH, sizeof(*in->pending));
    if (PQntuples(res) == 1) {
        in->interchange_id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
        PQclear(res);
    } else {
        PQclear(res);
        adj_store_rollback(store);
        const char *p1[1] = {sha256};
        st = store_query(store, "find interchange",
                         "SELECT interchange_id, file_name,"
                         " to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS'),"
                         " complete, sets, claims, coalesce(last_set_id, 0)"
                         " FROM interchange WHERE sha256 = $1",
                         1, p1, &res, err);
        if (st == ADJ_OK && PQntuples(res) != 1) {
            PQclear(res);
            res = NULL;
            st = ADJ_FAIL(err, ADJ_ERR_DB, "find interchange: no row for the file's SHA-256");
        }
        if (st != ADJ_OK) {
            adj_store_intake_abort(in);
            return st;
        }
        in->res.interchange_id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
        snprintf(in->res.first_file, sizeof(in->res.first_file), "%s", PQgetvalue(res, 0, 1));
        snprintf(in->res.first_received, sizeof(in->res.first_received), "%s",
                 PQgetvalue(res, 0, 2));
        if (strcmp(PQgetvalue(res, 0, 3), "t") == 0) {
            in->res.already = true;
            PQclear(res);
        } else {
            /* a chunked ingest of this file was interrupted: resume after
             * what its committed chunks hold */
            in->interchange_id = in->res.interchange_id;
            in->committed_sets = in->skip_sets = atoi(PQgetvalue(res, 0, 4));
            in->committed_claims = in->skip_claims = strtoll(PQgetvalue(res, 0, 5), NULL, 10);
            in->set_id = strtoll(PQgetvalue(res, 0, 6), NULL, 10);
            in->res.resumed = true;
            in->res.resumed_claims = in->skip_claims;
            in->res.first_file[0] = in->res.first_received[0] = '\0';
            PQclear(res);
            st = adj_store_begin(store, err);
            if (st == ADJ_OK)
                st = chunk_lock(in, err);
            if (st != ADJ_OK) {
                adj_store_intake_abort(in);
                return st;
            }
        }
    }
    in->res.interchange_id = in->interchange_id ? in->interchange_id : in->res.interchange_id;
    *out = in;
    return ADJ_OK;
}

bool adj_store_intake_already(const AdjStoreIntake *in)
{
    return in->res.already;
}

AdjStatus adj_store_intake_set(AdjStoreIntake *in, const AdjX12Set *set, AdjError *err)
{
    if (in->isa13[0] == '\0') {
        ascii_label(in->isa13, sizeof(in->isa13), set->isa13);
        ascii_label(in->gs06, sizeof(in->gs06), set->gs06);
    }
    if (in->nsets < in->skip_sets) {
        /* stored by the interrupted ingest: the last of them is in->set_id */
        in->nsets++;
        return ADJ_OK;
    }
    AdjStatus st = flush(in, err); /* claims of the previous set name its id */
    if (st != ADJ_OK)
        return st;
    StoreParams p;
    store_params_init(&p, &in->arena);
    char lab[16];
    store_params_int(&p, in->interchange_id);
    store_params_int(&p, ++in->nsets);
    ascii_label(lab, sizeof(lab), set->isa13);
    store_params_text(&p, lab);
    ascii_label(lab, sizeof(lab), set->gs06);
    store_params_text(&p, lab);
    ascii_label(lab, sizeof(lab), set->st02);
    store_params_text(&p, lab);
    ascii_label(lab, sizeof(lab), set->version);
    store_params_text(&p, lab);
    store_params_date(&p, set->gs_date);
    store_params_int(&p, set->claims);
    store_params_bytes(&p, set->raw, set->raw_len);
    static const char *const casts[] = {"bigint", "int", "text", "text", "text",
                                        "text",   "date", "int", "bytea"};
    PGresult *res = NULL;
    st = exec_rows(in->store,
                   "INSERT INTO transaction_set (interchange_id, seq, isa13, gs06, st02,"
                   " version, gs_date, claims, raw)",
                   casts, 9, 1, " RETURNING set_id", &p, "store transaction set", &res, err);
    store_params_free(&p);
    if (st != ADJ_OK)
        return st;
    in->set_id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
    PQclear(res);
    in->res.sets++;
    return ADJ_OK;
}

AdjStatus adj_store_intake_claim(AdjStoreIntake *in, const AdjClaim *claim, AdjError *err)
{
    if (in->set_id == 0)
        return ADJ_FAIL(err, ADJ_ERR_INTERNAL, "claim %s before its transaction set",
                        claim->claim_id);
    if (in->seq < in->skip_claims) {
        in->seq++; /* stored and queued by the interrupted ingest */
        return ADJ_OK;
    }
    PendingClaim *pc = &in->pending[in->npending++];
    pc->claim = *claim;
    pc->claim.raw = claim->raw_len ? adj_arena_strndup(&in->arena, claim->raw, claim->raw_len)
                                   : "";
    pc->set_id = in->set_id;
    pc->seq = ++in->seq;
    /* small chunks flush (and commit) at their own size */
    int64_t at = in->chunk_claims > 0 && in->chunk_claims < INTAKE_FLUSH ? in->chunk_claims
                                                                         : INTAKE_FLUSH;
    if (in->npending < at)
        return ADJ_OK;
    AdjStatus st = flush(in, err);
    if (st == ADJ_OK && in->chunk_claims > 0 && in->since_commit >= in->chunk_claims)
        st = chunk_commit(in, err);
    return st;
}

AdjStatus adj_store_intake_end(AdjStoreIntake *in, int sets_rejected,
                               AdjStoreIntakeResult *res, AdjError *err)
{
    if (in->res.already) { /* nothing was written; no transaction is open */
        *res = in->res;
        adj_store_intake_abort(in);
        return ADJ_OK;
    }
    AdjStatus st = flush(in, err);
    if (st == ADJ_OK)
        st = chunk_counts(in, sets_rejected, true, err);
    if (st == ADJ_OK)
        st = adj_store_commit(in->store, err);
    if (st == ADJ_OK)
        in->res.chunks++;
    if (st == ADJ_OK)
        *res = in->res;
    else
        adj_store_rollback(in->store);
    adj_store_intake_abort(in);
    return st;
}

void adj_store_intake_abort(AdjStoreIntake *in)
{
    if (in == NULL)
        return;
    adj_store_rollback(in->store);
    adj_arena_free(&in->arena);
    free(in->pending);
    free(in);
}
