/* `audit verify`, the SQL half: stream the decision rows and checkpoints
 * (single-row mode, so memory stays bounded) into audit/'s checks, in one
 * snapshot; find queue rows done without decisions. Reads only. */
#include "store/store_int.h"

#include <stdio.h>
#include <stdlib.h>

#include "audit/audit.h"

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

static AdjStatus verify_chains(AdjStore *store, AdjAuditVerifier *v, AdjError *err)
{
    AdjStatus st = store_stream(store, "read decisions", chain_select, err);
    if (st != ADJ_OK)
        return st;
    PGresult *res;
    while ((res = store_stream_next(store, "read decisions", &st, err)) != NULL) {
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
        AdjAuditRowName name = {PQgetvalue(res, 0, ADJ_CF_COUNT + 2),
                                PQgetvalue(res, 0, ADJ_CF_COUNT + 3),
                                PQgetvalue(res, 0, ADJ_CF_COUNT + 4),
                                PQgetvalue(res, 0, ADJ_CF_VERSION),
                                PQgetvalue(res, 0, ADJ_CF_LINE_NO)};
        adj_audit_chain_row(v, store_int(res, 0, 0), atoi(PQgetvalue(res, 0, 1)), &row,
                            PQgetvalue(res, 0, ADJ_CF_COUNT), PQgetvalue(res, 0, ADJ_CF_COUNT + 1),
                            &name);
        for (int f = 0; f < ADJ_CF_COUNT; f++)
            if (raw[f] != NULL)
                PQfreemem(raw[f]);
        PQclear(res);
    }
    return st;
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

static void take_event(AdjAuditVerifier *v, AdjAuditCheckpoint *c, PGresult *res)
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
    adj_audit_checkpoint_event(v, c, &e);
    for (int f = 0; f < ADJ_EF_COUNT; f++)
        if (raw[f] != NULL)
            PQfreemem(raw[f]);
}

static AdjStatus verify_checkpoints(AdjStore *store, AdjAuditVerifier *v, AdjError *err)
{
    AdjStatus st = store_stream(store, "read checkpoints", checkpoint_select, err);
    if (st != ADJ_OK)
        return st;
    AdjAuditCheckpoint c = {.seq = -1};
    PGresult *res;
    while ((res = store_stream_next(store, "read checkpoints", &st, err)) != NULL) {
        int64_t seq = store_int(res, 0, K_SEQ);
        if (seq != c.seq) {
            if (c.seq >= 0)
                adj_audit_checkpoint_check(v, &c);
            c.seq = seq;
            c.id = store_int(res, 0, K_ID);
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
        if (!PQgetisnull(res, 0, K_KIND) && PQgetvalue(res, 0, K_KIND)[0] == '1')
            take_event(v, &c, res);
        else if (!PQgetisnull(res, 0, K_HASH))
            adj_audit_checkpoint_decision(v, &c, PQgetvalue(res, 0, K_HASH),
                                          PQgetvalue(res, 0, K_CLM), PQgetvalue(res, 0, K_VERSION));
        PQclear(res);
    }
    if (st == ADJ_OK && c.seq >= 0)
        adj_audit_checkpoint_check(v, &c);
    adj_audit_checkpoint_free(&c);
    return st;
}

/* counts and queue rows read in the verify's snapshot */
static AdjStatus verify_rest(AdjStore *store, AdjAuditVerifier *v, AdjError *err)
{
    PGresult *res = NULL;
    AdjStatus st = store_run(store, "count history events",
                             "SELECT count(*) FROM history_event_audit", NULL, &res, err);
    if (st != ADJ_OK)
        return st;
    v->res->events = store_int(res, 0, 0);
    PQclear(res);
    if (v->covered_events != v->res->events)
        adj_audit_problem(v, "%lld history events belong to no checkpoint",
                          (long long)(v->res->events - v->covered_events));
    st = store_run(store, "queue rows done",
                   "SELECT c.pcn, adj_text(c.claim_id), count(*) OVER () FROM intake_queue q"
                   " JOIN claim c USING (claim_pk) WHERE q.state = 'done'"
                   " AND NOT EXISTS (SELECT 1 FROM decision_audit d WHERE d.claim_pk = q.claim_pk)"
                   " ORDER BY q.claim_pk LIMIT 20",
                   NULL, &res, err);
    if (st != ADJ_OK)
        return st;
    for (int r = 0; r < PQntuples(res); r++)
        adj_audit_problem(v, "claim %s (pcn %s): its queue row is done but it has no decision (decisions deleted)",
                          PQgetvalue(res, r, 1), PQgetvalue(res, r, 0));
    if (PQntuples(res) > 0 && atoll(PQgetvalue(res, 0, 2)) > PQntuples(res))
        adj_audit_problem(v, "%lld more queue rows are done without decisions",
                          atoll(PQgetvalue(res, 0, 2)) - PQntuples(res));
    PQclear(res);
    return ADJ_OK;
}

AdjStatus adj_store_audit_verify(AdjStore *store, const AdjAuditKeys *keys,
                                 void (*report)(void *ctx, const char *msg), void *ctx,
                                 AdjAuditResult *res, AdjError *err)
{
    AdjAuditVerifier v;
    adj_audit_verifier_init(&v, keys, report, ctx, res);
    /* one snapshot for every pass, so a batch committing meanwhile is
     * either wholly seen or not at all */
    AdjStatus st = store_exec(store, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
                              "begin", err);
    if (st != ADJ_OK)
        return st;
    st = verify_chains(store, &v, err);
    if (st == ADJ_OK)
        st = verify_checkpoints(store, &v, err);
    if (st == ADJ_OK) {
        adj_audit_verifier_finish(&v);
        st = verify_rest(store, &v, err);
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
