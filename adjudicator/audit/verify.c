/* The checks of `audit verify` over rows store/verify.c streams from the
 * database; see audit.h. Pure: no database, no clock. */
#include "audit/audit.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"

void adj_audit_verifier_init(AdjAuditVerifier *v, const AdjAuditKeys *keys,
                             void (*report)(void *ctx, const char *msg), void *ctx,
                             AdjAuditResult *res)
{
    memset(v, 0, sizeof(*v));
    memset(res, 0, sizeof(*res));
    v->report = report;
    v->ctx = ctx;
    v->res = res;
    v->keys = keys;
    v->expect_seq = 1;
    v->cur_claim = -1;
    memcpy(v->prev, ADJ_CHAIN_GENESIS, sizeof(v->prev));
    if (keys->hmac != NULL)
        adj_store_chain_key_id(keys->hmac, keys->hmac_len, v->hmac_key_id);
    if (keys->pub != NULL)
        adj_sign_fingerprint(keys->pub, v->fpr);
}

void adj_audit_problem(AdjAuditVerifier *v, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    v->res->problems++;
    v->report(v->ctx, msg);
}

void adj_audit_chain_row(AdjAuditVerifier *v, int64_t claim_pk, int chain_seq,
                         const AdjChainRow *row, const char *stored_prev,
                         const char *stored_hash, const AdjAuditRowName *nm)
{
    if (claim_pk != v->cur_claim) {
        v->cur_claim = claim_pk;
        v->expect_chain_seq = 1;
        memcpy(v->chain_prev, ADJ_CHAIN_GENESIS, sizeof(v->chain_prev));
        v->res->claims++;
    }
    v->res->decisions++;
    if (chain_seq != v->expect_chain_seq)
        adj_audit_problem(v, "claim %s (billing NPI %s, pcn %s): version %s line %s: chain position %d where %d was expected (a decision row is missing)",
                          nm->clm, nm->npi, nm->pcn, nm->version, nm->line, chain_seq,
                          v->expect_chain_seq);
    if (strcmp(stored_prev, v->chain_prev) != 0)
        adj_audit_problem(v, "claim %s (billing NPI %s, pcn %s): version %s line %s: prev_hash does not match the previous row's hash (chain broken)",
                          nm->clm, nm->npi, nm->pcn, nm->version, nm->line);
    char hash[ADJ_SHA256_HEX];
    adj_store_chain_hash(stored_prev, row, hash);
    if (strcmp(hash, stored_hash) != 0)
        adj_audit_problem(v, "claim %s (billing NPI %s, pcn %s): version %s line %s: the row does not match its hash (row altered)",
                          nm->clm, nm->npi, nm->pcn, nm->version, nm->line);
    snprintf(v->chain_prev, sizeof(v->chain_prev), "%s", stored_hash);
    v->expect_chain_seq = chain_seq + 1;
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

void adj_audit_checkpoint_decision(AdjAuditVerifier *v, AdjAuditCheckpoint *c,
                                   const char *hash, const char *clm, const char *version)
{
    push_hash(&c->hashes, &c->n, &c->cap, hash);
    v->covered++;
    size_t used = strlen(c->claims);
    if (used + strlen(clm) + 16 < sizeof(c->claims) && strstr(c->claims, clm) == NULL)
        snprintf(c->claims + used, sizeof(c->claims) - used, "%s%s (version %s)",
                 used ? ", " : "", clm, version);
}

void adj_audit_checkpoint_event(AdjAuditVerifier *v, AdjAuditCheckpoint *c,
                                const AdjChainEvent *e)
{
    char h[ADJ_SHA256_HEX];
    adj_store_chain_event_hash(e, h);
    push_hash(&c->ev_hashes, &c->m, &c->ev_cap, h);
    v->covered_events++;
}

void adj_audit_checkpoint_free(AdjAuditCheckpoint *c)
{
    free(c->hashes);
    free(c->ev_hashes);
    c->hashes = c->ev_hashes = NULL;
    c->n = c->cap = c->m = c->ev_cap = 0;
}

static void check_anchors(AdjAuditVerifier *v, int64_t seq, const char *digest)
{
    const AdjAuditKeys *k = v->keys;
    while (v->next_anchor < k->nanchors && k->anchors[v->next_anchor].seq <= seq) {
        const AdjAuditAnchor *a = &k->anchors[v->next_anchor++];
        v->res->anchors++;
        if (a->seq < seq)
            adj_audit_problem(v, "checkpoint %lld, anchored (anchor line %d), is not in the database: deleted or rolled back",
                              (long long)a->seq, a->line);
        else if (strcmp(a->digest, digest) != 0)
            adj_audit_problem(v, "checkpoint %lld differs from its anchor (anchor line %d): rewritten",
                              (long long)a->seq, a->line);
    }
}

void adj_audit_checkpoint_check(AdjAuditVerifier *v, AdjAuditCheckpoint *c)
{
    v->res->checkpoints++;
    if (c->seq != v->expect_seq)
        adj_audit_problem(v, "checkpoint %lld follows %lld (a checkpoint is missing)",
                          (long long)c->seq, (long long)(v->expect_seq - 1));
    if (strcmp(c->prev_hmac, v->prev) != 0)
        adj_audit_problem(v, "checkpoint %lld: prev_hmac does not match checkpoint %lld (checkpoint chain broken)",
                          (long long)c->seq, (long long)(c->seq - 1));
    const char *claims = c->claims[0] ? c->claims : "(none)";
    if (c->signed_) {
        if (v->keys->pub == NULL) {
            adj_audit_problem(v, "checkpoint %lld is signed (Ed25519) and no public key is configured (audit.public_key)",
                              (long long)c->seq);
        } else if (strcmp(c->key_id, v->fpr) != 0) {
            adj_audit_problem(v, "checkpoint %lld was signed with another key (fingerprint %.16s; the configured public key is %.16s)",
                              (long long)c->seq, c->key_id, v->fpr);
        } else {
            char digest[ADJ_SHA256_HEX];
            adj_store_chain_checkpoint_digest(c->seq, c->id, c->prev_hmac, c->hashes, c->n,
                                              c->ev_hashes, c->m, digest);
            uint8_t sig[ADJ_SIG_LEN];
            if (!adj_sig_from_hex(c->sig, sig) || !adj_sign_verify(v->keys->pub, c->hmac, 64, sig))
                adj_audit_problem(v, "checkpoint %lld: the signature does not verify (forged or altered checkpoint)",
                                  (long long)c->seq);
            else if (strcmp(digest, c->hmac) != 0 || (size_t)c->decisions != c->n ||
                     (size_t)c->events != c->m)
                adj_audit_problem(v, "checkpoint %lld: the signed digest does not match its %zu decision rows and %zu history events (recorded %d and %d): a decision or history event of claims %s was altered, added or removed",
                                  (long long)c->seq, c->n, c->m, c->decisions, c->events, claims);
        }
    } else if (v->keys->hmac == NULL) {
        v->unverifiable++;
    } else if (strcmp(c->key_id, v->hmac_key_id) != 0) {
        adj_audit_problem(v, "checkpoint %lld was signed with another key (key id %s; the configured key is %s)",
                          (long long)c->seq, c->key_id, v->hmac_key_id);
    } else {
        char hmac[ADJ_SHA256_HEX];
        adj_store_chain_checkpoint_hmac(v->keys->hmac, v->keys->hmac_len, c->seq, c->id,
                                        c->prev_hmac, c->hashes, c->n, hmac);
        if (strcmp(hmac, c->hmac) != 0 || (size_t)c->decisions != c->n)
            adj_audit_problem(v, "checkpoint %lld: HMAC does not match its %zu decision rows (recorded %d): a decision of claims %s was altered, added or removed",
                              (long long)c->seq, c->n, c->decisions, claims);
    }
    check_anchors(v, c->seq, c->hmac);
    snprintf(v->prev, ADJ_SHA256_HEX, "%s", c->hmac);
    v->expect_seq = c->seq + 1;
}

void adj_audit_verifier_finish(AdjAuditVerifier *v)
{
    check_anchors(v, INT64_MAX, ""); /* anchors past the newest checkpoint */
    if (v->unverifiable > 0)
        adj_audit_problem(v, "%lld legacy HMAC checkpoints cannot be verified: no HMAC key (audit.key_file)",
                          (long long)v->unverifiable);
    if (v->covered != v->res->decisions)
        adj_audit_problem(v, "%lld decision rows belong to no checkpoint",
                          (long long)(v->res->decisions - v->covered));
}
