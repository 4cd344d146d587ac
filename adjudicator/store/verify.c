/* `audit verify`: recompute every claim's SHA-256 chain and every batch
 * checkpoint's HMAC from the stored rows, streaming (single-row mode) so
 * memory stays bounded. Reads only; reports every mismatch it finds. */
#include "store/store_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "store/chain.h"

/* the chained columns in AdjChainField order, as stored and read back */
static const char chain_select[] =
    "SELECT d.claim_pk, d.chain_seq, d.line_no, d.lx, d.version, d.checkpoint_id,"
    " to_char(d.decided_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '+00',"
    " d.decided_by, d.rerun_reason, d.person_key, d.service_month, d.dos, d.code, d.route,"
    " d.outcome, d.grp, d.carc, array_to_string(d.rarc, E'\\n'), d.allowed_cents,"
    " d.paid_cents, d.patient_resp_cents, d.ruleset_id, d.ruleset_sha256,"
    " array_to_string(d.rules, E'\\n'), d.matched_claim, d.reason, d.cost_share,"
    " d.prev_hash, d.hash, adj_text(c.claim_id), adj_text(c.billing_npi), c.pcn"
    " FROM decision d JOIN claim c USING (claim_pk)"
    " ORDER BY d.claim_pk, d.chain_seq";

static bool is_bytea(int f)
{
    return f == ADJ_CF_PERSON_KEY || f == ADJ_CF_CODE || f == ADJ_CF_MATCHED_CLAIM ||
           f == ADJ_CF_REASON;
}

typedef struct Reporter {
    void (*fn)(void *ctx, const char *msg);
    void *ctx;
    AdjAuditResult *res;
} Reporter;

static void problem(Reporter *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void problem(Reporter *r, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    r->res->problems++;
    r->fn(r->ctx, msg);
}

static AdjStatus start_stream(AdjStore *store, const char *sql, const char *what, AdjError *err)
{
    if (!PQsendQuery(store->conn, sql) || !PQsetSingleRowMode(store->conn))
        return store_result_error(store, NULL, what, err);
    return ADJ_OK;
}

/* Drain the rest of a stream after an error. */
static void drain(AdjStore *store)
{
    PGresult *res;
    while ((res = PQgetResult(store->conn)) != NULL)
        PQclear(res);
}

static AdjStatus verify_chains(AdjStore *store, Reporter *rep, AdjError *err)
{
    AdjStatus st = start_stream(store, chain_select, "read decisions", err);
    if (st != ADJ_OK)
        return st;
    int64_t cur_claim = -1;
    int expect_seq = 1;
    char prev[ADJ_SHA256_HEX] = ADJ_CHAIN_GENESIS;
    PGresult *res;
    while ((res = PQgetResult(store->conn)) != NULL) {
        ExecStatusType t = PQresultStatus(res);
        if (t == PGRES_TUPLES_OK) { /* the end of the rows */
            PQclear(res);
            continue;
        }
        if (t != PGRES_SINGLE_TUPLE) {
            st = store_result_error(store, res, "read decisions", err);
            PQclear(res);
            drain(store);
            return st;
        }
        int64_t claim_pk = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
        int chain_seq = atoi(PQgetvalue(res, 0, 1));
        const char *clm = PQgetvalue(res, 0, ADJ_CF_COUNT + 2);
        const char *npi = PQgetvalue(res, 0, ADJ_CF_COUNT + 3);
        const char *pcn = PQgetvalue(res, 0, ADJ_CF_COUNT + 4);
        const char *version = PQgetvalue(res, 0, ADJ_CF_VERSION);
        const char *line = PQgetvalue(res, 0, ADJ_CF_LINE_NO);
        if (claim_pk != cur_claim) {
            cur_claim = claim_pk;
            expect_seq = 1;
            memcpy(prev, ADJ_CHAIN_GENESIS, sizeof(prev));
            rep->res->claims++;
        }
        rep->res->decisions++;
        AdjChainRow row;
        unsigned char *raw[ADJ_CF_COUNT] = {0};
        for (int f = 0; f < ADJ_CF_COUNT; f++) {
            if (PQgetisnull(res, 0, f)) {
                row.v[f] = NULL;
                row.len[f] = 0;
            } else if (is_bytea(f)) {
                raw[f] = store_bytea(res, 0, f, &row.len[f]);
                row.v[f] = (const char *)raw[f];
            } else {
                row.v[f] = PQgetvalue(res, 0, f);
                row.len[f] = (size_t)PQgetlength(res, 0, f);
            }
        }
        const char *stored_prev = PQgetvalue(res, 0, ADJ_CF_COUNT);
        const char *stored_hash = PQgetvalue(res, 0, ADJ_CF_COUNT + 1);
        if (chain_seq != expect_seq)
            problem(rep, "claim %s (billing NPI %s, pcn %s): version %s line %s: chain position %d where %d was expected (a decision row is missing)",
                    clm, npi, pcn, version, line, chain_seq, expect_seq);
        if (strcmp(stored_prev, prev) != 0)
            problem(rep, "claim %s (billing NPI %s, pcn %s): version %s line %s: prev_hash does not match the previous row's hash (chain broken)",
                    clm, npi, pcn, version, line);
        char hash[ADJ_SHA256_HEX];
        adj_store_chain_hash(stored_prev, &row, hash);
        if (strcmp(hash, stored_hash) != 0)
            problem(rep, "claim %s (billing NPI %s, pcn %s): version %s line %s: the row does not match its hash (row altered)",
                    clm, npi, pcn, version, line);
        snprintf(prev, sizeof(prev), "%s", stored_hash);
        expect_seq = chain_seq + 1;
        for (int f = 0; f < ADJ_CF_COUNT; f++)
            if (raw[f] != NULL)
                PQfreemem(raw[f]);
        PQclear(res);
    }
    return ADJ_OK;
}

typedef struct Checkpoint {
    int64_t seq, id;
    int decisions;
    char prev_hmac[ADJ_SHA256_HEX], hmac[ADJ_SHA256_HEX], key_id[17];
    char *hashes;
    size_t n, cap;
    char claims[256]; /* the first claims of the batch, for the report */
} Checkpoint;

static void check_one(Reporter *rep, Checkpoint *c, const uint8_t *key, size_t key_len,
                      const char *key_id, char prev[ADJ_SHA256_HEX], int64_t *expect_seq)
{
    rep->res->checkpoints++;
    if (c->seq != *expect_seq)
        problem(rep, "checkpoint %lld follows %lld (a checkpoint is missing)",
                (long long)c->seq, (long long)(*expect_seq - 1));
    if (strcmp(c->prev_hmac, prev) != 0)
        problem(rep, "checkpoint %lld: prev_hmac does not match checkpoint %lld (checkpoint chain broken)",
                (long long)c->seq, (long long)(c->seq - 1));
    if (strcmp(c->key_id, key_id) != 0) {
        problem(rep, "checkpoint %lld was signed with another key (key id %s; the configured key is %s)",
                (long long)c->seq, c->key_id, key_id);
    } else {
        char hmac[ADJ_SHA256_HEX];
        adj_store_chain_checkpoint_hmac(key, key_len, c->seq, c->id, c->prev_hmac, c->hashes, c->n,
                                  hmac);
        if (strcmp(hmac, c->hmac) != 0 || (size_t)c->decisions != c->n)
            problem(rep, "checkpoint %lld: HMAC does not match its %zu decision rows (recorded %d): a decision of claims %s was altered, added or removed",
                    (long long)c->seq, c->n, c->decisions, c->claims[0] ? c->claims : "(none)");
    }
    snprintf(prev, ADJ_SHA256_HEX, "%s", c->hmac);
    *expect_seq = c->seq + 1;
}

static AdjStatus verify_checkpoints(AdjStore *store, const uint8_t *key, size_t key_len,
                                    Reporter *rep, int64_t *covered, AdjError *err)
{
    AdjStatus st = start_stream(
        store,
        "SELECT c.seq, c.checkpoint_id, c.prev_hmac, c.decisions, c.key_id, c.hmac, d.hash,"
        " adj_text(cl.claim_id), d.version"
        " FROM checkpoint c LEFT JOIN decision d ON d.checkpoint_id = c.checkpoint_id"
        " LEFT JOIN claim cl ON cl.claim_pk = d.claim_pk"
        " ORDER BY c.seq, d.decision_id",
        "read checkpoints", err);
    if (st != ADJ_OK)
        return st;
    char key_id[17];
    adj_store_chain_key_id(key, key_len, key_id);
    char prev[ADJ_SHA256_HEX] = ADJ_CHAIN_GENESIS;
    int64_t expect_seq = 1;
    Checkpoint c = {.seq = -1};
    PGresult *res;
    while ((res = PQgetResult(store->conn)) != NULL) {
        ExecStatusType t = PQresultStatus(res);
        if (t == PGRES_TUPLES_OK) {
            PQclear(res);
            continue;
        }
        if (t != PGRES_SINGLE_TUPLE) {
            st = store_result_error(store, res, "read checkpoints", err);
            PQclear(res);
            drain(store);
            free(c.hashes);
            return st;
        }
        int64_t seq = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
        if (seq != c.seq) {
            if (c.seq >= 0)
                check_one(rep, &c, key, key_len, key_id, prev, &expect_seq);
            c.seq = seq;
            c.id = strtoll(PQgetvalue(res, 0, 1), NULL, 10);
            snprintf(c.prev_hmac, sizeof(c.prev_hmac), "%s", PQgetvalue(res, 0, 2));
            c.decisions = atoi(PQgetvalue(res, 0, 3));
            snprintf(c.key_id, sizeof(c.key_id), "%s", PQgetvalue(res, 0, 4));
            snprintf(c.hmac, sizeof(c.hmac), "%s", PQgetvalue(res, 0, 5));
            c.n = 0;
            c.claims[0] = '\0';
        }
        if (!PQgetisnull(res, 0, 6)) {
            if (c.n == c.cap) {
                c.cap = c.cap ? c.cap * 2 : 1024;
                c.hashes = adj_xrealloc(c.hashes, c.cap * 64);
            }
            memcpy(c.hashes + c.n * 64, PQgetvalue(res, 0, 6), 64);
            c.n++;
            (*covered)++;
            size_t used = strlen(c.claims);
            const char *clm = PQgetvalue(res, 0, 7);
            if (used + strlen(clm) + 16 < sizeof(c.claims) && strstr(c.claims, clm) == NULL)
                snprintf(c.claims + used, sizeof(c.claims) - used, "%s%s (version %s)",
                         used ? ", " : "", clm, PQgetvalue(res, 0, 8));
        }
        PQclear(res);
    }
    if (c.seq >= 0)
        check_one(rep, &c, key, key_len, key_id, prev, &expect_seq);
    free(c.hashes);
    return ADJ_OK;
}

AdjStatus adj_store_audit_verify(AdjStore *store, const uint8_t *key, size_t key_len,
                                 void (*report)(void *ctx, const char *msg), void *ctx,
                                 AdjAuditResult *res, AdjError *err)
{
    memset(res, 0, sizeof(*res));
    Reporter rep = {report, ctx, res};
    /* one snapshot for both passes, so a batch committing meanwhile is
     * either wholly seen or not at all */
    AdjStatus st = store_exec(store, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
                              "begin", err);
    if (st != ADJ_OK)
        return st;
    int64_t covered = 0;
    st = verify_chains(store, &rep, err);
    if (st == ADJ_OK)
        st = verify_checkpoints(store, key, key_len, &rep, &covered, err);
    if (st == ADJ_OK && covered != res->decisions)
        problem(&rep, "%lld decision rows belong to no checkpoint",
                (long long)(res->decisions - covered));
    adj_store_rollback(store);
    return st;
}
