/* `audit verify`: recompute every claim's SHA-256 chain and every batch
 * checkpoint (Ed25519 signature over decisions and history events, or the
 * legacy HMAC over decisions) from the stored rows, streaming (single-row
 * mode) so memory stays bounded; compare the anchors kept outside the
 * database; find queue rows done without decisions. Reads only; reports
 * every mismatch it finds. */
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
    " FROM decision_audit d JOIN claim c USING (claim_pk)"
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

static AdjStatus verify_chains(AdjStore *store, Reporter *rep, AdjError *err)
{
    AdjStatus st = store_stream(store, "read decisions", chain_select, err);
    if (st != ADJ_OK)
        return st;
    int64_t cur_claim = -1;
    int expect_seq = 1;
    char prev[ADJ_SHA256_HEX] = ADJ_CHAIN_GENESIS;
    PGresult *res;
    while ((res = store_stream_next(store, "read decisions", &st, err)) != NULL) {
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
    return st;
}

typedef struct Checkpoint {
    int64_t seq, id;
    int decisions, events;
    bool signed_;
    char prev_hmac[ADJ_SHA256_HEX], hmac[ADJ_SHA256_HEX], key_id[ADJ_FPR_HEX], sig[ADJ_SIG_HEX];
    char *hashes, *ev_hashes;
    size_t n, cap, m, ev_cap;
    char claims[256]; /* the first claims of the batch, for the report */
} Checkpoint;

typedef struct Verifier {
    Reporter *rep;
    const AdjAuditKeys *keys;
    char hmac_key_id[17];
    char fpr[ADJ_FPR_HEX];
    char prev[ADJ_SHA256_HEX];
    int64_t expect_seq;
    size_t next_anchor;
    int64_t unverifiable; /* HMAC checkpoints without the HMAC key */
} Verifier;

static void check_anchors(Verifier *v, const Checkpoint *c)
{
    const AdjAuditKeys *k = v->keys;
    while (v->next_anchor < k->nanchors && k->anchors[v->next_anchor].seq <= c->seq) {
        const AdjAuditAnchor *a = &k->anchors[v->next_anchor++];
        v->rep->res->anchors++;
        if (a->seq < c->seq)
            problem(v->rep, "checkpoint %lld, anchored (anchor line %d), is not in the database: deleted or rolled back",
                    (long long)a->seq, a->line);
        else if (strcmp(a->digest, c->hmac) != 0)
            problem(v->rep, "checkpoint %lld differs from its anchor (anchor line %d): rewritten",
                    (long long)a->seq, a->line);
    }
}

static void check_one(Verifier *v, Checkpoint *c)
{
    Reporter *rep = v->rep;
    rep->res->checkpoints++;
    if (c->seq != v->expect_seq)
        problem(rep, "checkpoint %lld follows %lld (a checkpoint is missing)",
                (long long)c->seq, (long long)(v->expect_seq - 1));
    if (strcmp(c->prev_hmac, v->prev) != 0)
        problem(rep, "checkpoint %lld: prev_hmac does not match checkpoint %lld (checkpoint chain broken)",
                (long long)c->seq, (long long)(c->seq - 1));
    const char *claims = c->claims[0] ? c->claims : "(none)";
    if (c->signed_) {
        if (v->keys->pub == NULL) {
            problem(rep, "checkpoint %lld is signed (Ed25519) and no public key is configured (audit.public_key)",
                    (long long)c->seq);
        } else if (strcmp(c->key_id, v->fpr) != 0) {
            problem(rep, "checkpoint %lld was signed with another key (fingerprint %.16s; the configured public key is %.16s)",
                    (long long)c->seq, c->key_id, v->fpr);
        } else {
            char digest[ADJ_SHA256_HEX];
            adj_store_chain_checkpoint_digest(c->seq, c->id, c->prev_hmac, c->hashes, c->n,
                                              c->ev_hashes, c->m, digest);
            uint8_t sig[ADJ_SIG_LEN];
            if (!adj_sig_from_hex(c->sig, sig) || !adj_sign_verify(v->keys->pub, c->hmac, 64, sig))
                problem(rep, "checkpoint %lld: the signature does not verify (forged or altered checkpoint)",
                        (long long)c->seq);
            else if (strcmp(digest, c->hmac) != 0 || (size_t)c->decisions != c->n ||
                     (size_t)c->events != c->m)
                problem(rep, "checkpoint %lld: the signed digest does not match its %zu decision rows and %zu history events (recorded %d and %d): a decision or history event of claims %s was altered, added or removed",
                        (long long)c->seq, c->n, c->m, c->decisions, c->events, claims);
        }
    } else if (v->keys->hmac == NULL) {
        v->unverifiable++;
    } else if (strcmp(c->key_id, v->hmac_key_id) != 0) {
        problem(rep, "checkpoint %lld was signed with another key (key id %s; the configured key is %s)",
                (long long)c->seq, c->key_id, v->hmac_key_id);
    } else {
        char hmac[ADJ_SHA256_HEX];
        adj_store_chain_checkpoint_hmac(v->keys->hmac, v->keys->hmac_len, c->seq, c->id,
                                        c->prev_hmac, c->hashes, c->n, hmac);
        if (strcmp(hmac, c->hmac) != 0 || (size_t)c->decisions != c->n)
            problem(rep, "checkpoint %lld: HMAC does not match its %zu decision rows (recorded %d): a decision of claims %s was altered, added or removed",
                    (long long)c->seq, c->n, c->decisions, claims);
    }
    check_anchors(v, c);
    snprintf(v->prev, ADJ_SHA256_HEX, "%s", c->hmac);
    v->expect_seq = c->seq + 1;
}

static void push_hash(char **buf, size_t *n, size_t *cap, const char *h)
{
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 1024;
        *buf = adj_xrealloc(*buf, *cap * 64);
    }
    memcpy(*buf + *n * 64, h, 64);
    (*n)++;
}

/* columns of the checkpoint stream */
enum { K_SEQ, K_ID, K_PREV, K_DECISIONS, K_KEY_ID, K_HMAC, K_SCHEME, K_SIG, K_EVENTS, K_KIND,
       K_HASH, K_CLM, K_VERSION, K_EV /* ADJ_EF_COUNT - 1 event columns, checkpoint id aside */ };

static const char checkpoint_select[] =
    "SELECT c.seq, c.checkpoint_id, c.prev_hmac, c.decisions, c.key_id, c.hmac, c.scheme,"
    " c.sig, c.events, x.kind, x.hash, x.clm, x.version, x.claim_pk, x.ekind, x.person_key,"
    " x.member_id, x.billing_npi, x.claim_id, x.pcn, x.lines"
    " FROM checkpoint c LEFT JOIN LATERAL ("
    "  SELECT 0 AS kind, d.decision_id AS ord, d.hash, adj_text(cl.claim_id) AS clm, d.version,"
    "   NULL::bigint AS claim_pk, NULL::text AS ekind, NULL::bytea AS person_key,"
    "   NULL::bytea AS member_id, NULL::bytea AS billing_npi, NULL::bytea AS claim_id,"
    "   NULL::text AS pcn, NULL::bytea AS lines"
    "  FROM decision_audit d JOIN claim cl ON cl.claim_pk = d.claim_pk"
    "  WHERE d.checkpoint_id = c.checkpoint_id"
    "  UNION ALL"
    "  SELECT 1, e.event_id, NULL, NULL, NULL, e.claim_pk, e.kind, e.person_key, e.member_id,"
    "   e.billing_npi, e.claim_id, e.pcn, e.lines"
    "  FROM history_event_audit e WHERE e.checkpoint_id = c.checkpoint_id) x ON true"
    " ORDER BY c.seq, x.kind, x.ord";

static void take_event(Checkpoint *c, PGresult *res, int64_t *covered_events)
{
    AdjChainEvent e;
    unsigned char *raw[ADJ_EF_COUNT] = {0};
    char cp[24];
    snprintf(cp, sizeof(cp), "%lld", (long long)c->id);
    for (int f = 0; f < ADJ_EF_CHECKPOINT_ID; f++) {
        int col = K_EV + f;
        if (PQgetisnull(res, 0, col)) {
            e.v[f] = NULL;
            e.len[f] = 0;
        } else if (f == ADJ_EF_CLAIM_PK || f == ADJ_EF_KIND || f == ADJ_EF_PCN) {
            e.v[f] = PQgetvalue(res, 0, col);
            e.len[f] = (size_t)PQgetlength(res, 0, col);
        } else {
            raw[f] = store_bytea(res, 0, col, &e.len[f]);
            e.v[f] = (const char *)raw[f];
        }
    }
    e.v[ADJ_EF_CHECKPOINT_ID] = cp;
    e.len[ADJ_EF_CHECKPOINT_ID] = strlen(cp);
    char h[ADJ_SHA256_HEX];
    adj_store_chain_event_hash(&e, h);
    push_hash(&c->ev_hashes, &c->m, &c->ev_cap, h);
    (*covered_events)++;
    for (int f = 0; f < ADJ_EF_COUNT; f++)
        if (raw[f] != NULL)
            PQfreemem(raw[f]);
}

static AdjStatus verify_checkpoints(AdjStore *store, Verifier *v, int64_t *covered,
                                    int64_t *covered_events, AdjError *err)
{
    AdjStatus st = store_stream(store, "read checkpoints", checkpoint_select, err);
    if (st != ADJ_OK)
        return st;
    Checkpoint c = {.seq = -1};
    PGresult *res;
    while ((res = store_stream_next(store, "read checkpoints", &st, err)) != NULL) {
        int64_t seq = strtoll(PQgetvalue(res, 0, K_SEQ), NULL, 10);
        if (seq != c.seq) {
            if (c.seq >= 0)
                check_one(v, &c);
            c.seq = seq;
            c.id = strtoll(PQgetvalue(res, 0, K_ID), NULL, 10);
            snprintf(c.prev_hmac, sizeof(c.prev_hmac), "%s", PQgetvalue(res, 0, K_PREV));
            c.decisions = atoi(PQgetvalue(res, 0, K_DECISIONS));
            c.events = atoi(PQgetvalue(res, 0, K_EVENTS));
            snprintf(c.key_id, sizeof(c.key_id), "%s", PQgetvalue(res, 0, K_KEY_ID));
            snprintf(c.hmac, sizeof(c.hmac), "%s", PQgetvalue(res, 0, K_HMAC));
            c.signed_ = strcmp(PQgetvalue(res, 0, K_SCHEME), "ed25519") == 0;
            snprintf(c.sig, sizeof(c.sig), "%s", PQgetvalue(res, 0, K_SIG));
            c.n = 0;
            c.m = 0;
            c.claims[0] = '\0';
        }
        if (!PQgetisnull(res, 0, K_KIND) && PQgetvalue(res, 0, K_KIND)[0] == '1') {
            take_event(&c, res, covered_events);
        } else if (!PQgetisnull(res, 0, K_HASH)) {
            push_hash(&c.hashes, &c.n, &c.cap, PQgetvalue(res, 0, K_HASH));
            (*covered)++;
            size_t used = strlen(c.claims);
            const char *clm = PQgetvalue(res, 0, K_CLM);
            if (used + strlen(clm) + 16 < sizeof(c.claims) && strstr(c.claims, clm) == NULL)
                snprintf(c.claims + used, sizeof(c.claims) - used, "%s%s (version %s)",
                         used ? ", " : "", clm, PQgetvalue(res, 0, K_VERSION));
        }
        PQclear(res);
    }
    if (st == ADJ_OK && c.seq >= 0)
        check_one(v, &c);
    free(c.hashes);
    free(c.ev_hashes);
    return st;
}

/* counts and queue rows read in the verify's snapshot */
static AdjStatus verify_rest(AdjStore *store, Reporter *rep, int64_t covered_events,
                             AdjError *err)
{
    PGresult *res = NULL;
    AdjStatus st = store_run(store, "count history events",
                             "SELECT count(*) FROM history_event_audit", NULL, &res, err);
    if (st != ADJ_OK)
        return st;
    rep->res->events = store_int(res, 0, 0);
    PQclear(res);
    if (covered_events != rep->res->events)
        problem(rep, "%lld history events belong to no checkpoint",
                (long long)(rep->res->events - covered_events));
    st = store_run(store, "queue rows done",
                 "SELECT c.pcn, adj_text(c.claim_id), count(*) OVER () FROM intake_queue q"
                 " JOIN claim c USING (claim_pk) WHERE q.state = 'done'"
                 " AND NOT EXISTS (SELECT 1 FROM decision_audit d WHERE d.claim_pk = q.claim_pk)"
                 " ORDER BY q.claim_pk LIMIT 20",
                 NULL, &res, err);
    if (st != ADJ_OK)
        return st;
    for (int r = 0; r < PQntuples(res); r++)
        problem(rep, "claim %s (pcn %s): its queue row is done but it has no decision (decisions deleted)",
                PQgetvalue(res, r, 1), PQgetvalue(res, r, 0));
    if (PQntuples(res) > 0 && atoll(PQgetvalue(res, 0, 2)) > PQntuples(res))
        problem(rep, "%lld more queue rows are done without decisions",
                atoll(PQgetvalue(res, 0, 2)) - PQntuples(res));
    PQclear(res);
    return ADJ_OK;
}

AdjStatus adj_store_audit_verify(AdjStore *store, const AdjAuditKeys *keys,
                                 void (*report)(void *ctx, const char *msg), void *ctx,
                                 AdjAuditResult *res, AdjError *err)
{
    memset(res, 0, sizeof(*res));
    Reporter rep = {report, ctx, res};
    Verifier v = {.rep = &rep, .keys = keys, .expect_seq = 1};
    memcpy(v.prev, ADJ_CHAIN_GENESIS, sizeof(v.prev));
    if (keys->hmac != NULL)
        adj_store_chain_key_id(keys->hmac, keys->hmac_len, v.hmac_key_id);
    if (keys->pub != NULL)
        adj_sign_fingerprint(keys->pub, v.fpr);
    /* one snapshot for every pass, so a batch committing meanwhile is
     * either wholly seen or not at all */
    AdjStatus st = store_exec(store, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
                              "begin", err);
    if (st != ADJ_OK)
        return st;
    int64_t covered = 0, covered_events = 0;
    st = verify_chains(store, &rep, err);
    if (st == ADJ_OK)
        st = verify_checkpoints(store, &v, &covered, &covered_events, err);
    if (st == ADJ_OK) {
        Checkpoint none = {.seq = INT64_MAX};
        check_anchors(&v, &none); /* anchors past the newest checkpoint */
        if (v.unverifiable > 0)
            problem(&rep, "%lld legacy HMAC checkpoints cannot be verified: no HMAC key (audit.key_file)",
                    (long long)v.unverifiable);
        if (covered != res->decisions)
            problem(&rep, "%lld decision rows belong to no checkpoint",
                    (long long)(res->decisions - covered));
        st = verify_rest(store, &rep, covered_events, err);
    }
    adj_store_rollback(store);
    return st;
}

AdjStatus adj_store_checkpoint_latest(AdjStore *store, AdjStoreCheckpoint *out, AdjError *err)
{
    memset(out, 0, sizeof(*out));
    PGresult *res = NULL;
    AdjStatus st = store_run(
        store, "newest checkpoint",
        "SELECT seq, checkpoint_id, scheme, hmac, key_id, coalesce(sig, ''),"
        " to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
        " FROM checkpoint ORDER BY seq DESC LIMIT 1",
        NULL, &res, err);
    if (st != ADJ_OK)
        return st;
    if (PQntuples(res) == 0) {
        PQclear(res);
        return ADJ_FAIL(err, ADJ_ERR_INPUT, "no checkpoint to anchor yet");
    }
    out->seq = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
    out->id = strtoll(PQgetvalue(res, 0, 1), NULL, 10);
    snprintf(out->scheme, sizeof(out->scheme), "%s", PQgetvalue(res, 0, 2));
    snprintf(out->digest, sizeof(out->digest), "%s", PQgetvalue(res, 0, 3));
    snprintf(out->key_id, sizeof(out->key_id), "%s", PQgetvalue(res, 0, 4));
    snprintf(out->sig, sizeof(out->sig), "%s", PQgetvalue(res, 0, 5));
    snprintf(out->created_at, sizeof(out->created_at), "%s", PQgetvalue(res, 0, 6));
    PQclear(res);
    return ADJ_OK;
}
