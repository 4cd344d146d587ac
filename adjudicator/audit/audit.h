/* audit/: what `audit verify` checks and how a batch checkpoint is sealed,
 * as pure functions over the stored values (the rows themselves come from
 * store/, which holds all the SQL): each claim's SHA-256 chain, each
 * checkpoint (Ed25519 signature over decisions and history events, or the
 * legacy HMAC over decisions), the anchors kept outside the database.
 * No libpq, no I/O beyond the caller's report callback. */
#ifndef ADJ_AUDIT_AUDIT_H
#define ADJ_AUDIT_AUDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "audit/chain.h"
#include "core/status.h"
#include "crypto/crypto.h"
#include "crypto/sign.h"

/* The keys and anchors `audit verify` checks against. A legacy HMAC
 * checkpoint without the HMAC key is counted (unverifiable), not a problem;
 * every anchor (a checkpoint recorded outside the database) must still be
 * in the database with the same digest. */
typedef struct AdjAuditAnchor {
    int64_t seq;
    char digest[ADJ_SHA256_HEX];
    int line;                     /* in the anchor file, for the report */
} AdjAuditAnchor;
typedef struct AdjAuditKeys {
    const AdjSignKey *pub;
    const uint8_t *hmac;
    size_t hmac_len;
    const AdjAuditAnchor *anchors; /* sorted by seq */
    size_t nanchors;
} AdjAuditKeys;
typedef struct AdjAuditResult {
    int64_t claims, decisions, events, checkpoints, anchors, problems;
} AdjAuditResult;

/* One checkpoint as read back, with the hashes of what it covers. */
typedef struct AdjAuditCheckpoint {
    int64_t seq, id;
    int decisions, events;        /* as recorded */
    bool signed_;
    char prev_hmac[ADJ_SHA256_HEX], hmac[ADJ_SHA256_HEX], key_id[ADJ_FPR_HEX], sig[ADJ_SIG_HEX];
    char *hashes, *ev_hashes;     /* owned; n and m 64-character hashes */
    size_t n, cap, m, ev_cap;
    char claims[256];             /* the first claims of the batch, for the report */
} AdjAuditCheckpoint;

/* The state of one verification: problems go to report (one line each,
 * counted in res->problems). */
typedef struct AdjAuditVerifier {
    void (*report)(void *ctx, const char *msg);
    void *ctx;
    AdjAuditResult *res;
    const AdjAuditKeys *keys;
    char hmac_key_id[17];
    char fpr[ADJ_FPR_HEX];
    char prev[ADJ_SHA256_HEX];    /* the previous checkpoint's digest */
    int64_t expect_seq;
    size_t next_anchor;
    int64_t unverifiable;         /* HMAC checkpoints without the HMAC key */
    int64_t cur_claim;            /* the decision chain being walked */
    int expect_chain_seq;
    char chain_prev[ADJ_SHA256_HEX];
    int64_t covered, covered_events; /* rows that belong to a checkpoint */
} AdjAuditVerifier;

void adj_audit_verifier_init(AdjAuditVerifier *v, const AdjAuditKeys *keys,
                             void (*report)(void *ctx, const char *msg), void *ctx,
                             AdjAuditResult *res);
void adj_audit_problem(AdjAuditVerifier *v, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* One decision row, in claim and chain order: its position, its link to
 * the previous row, its own hash. clm, npi, pcn, version, line name it in
 * a problem. */
typedef struct AdjAuditRowName {
    const char *clm, *npi, *pcn, *version, *line;
} AdjAuditRowName;
void adj_audit_chain_row(AdjAuditVerifier *v, int64_t claim_pk, int chain_seq,
                         const AdjChainRow *row, const char *stored_prev,
                         const char *stored_hash, const AdjAuditRowName *name);

/* A checkpoint's covered rows, then the checkpoint checked (in seq order). */
void adj_audit_checkpoint_decision(AdjAuditVerifier *v, AdjAuditCheckpoint *c,
                                   const char *hash, const char *clm, const char *version);
void adj_audit_checkpoint_event(AdjAuditVerifier *v, AdjAuditCheckpoint *c,
                                const AdjChainEvent *e);
void adj_audit_checkpoint_check(AdjAuditVerifier *v, AdjAuditCheckpoint *c);
void adj_audit_checkpoint_free(AdjAuditCheckpoint *c);
/* After the last checkpoint: anchors past it, unverifiable HMAC
 * checkpoints, decision rows and events outside every checkpoint. */
void adj_audit_verifier_finish(AdjAuditVerifier *v);

/* Sealing a batch's checkpoint after the previous one (prev, seq): the
 * legacy HMAC over the n decision hashes (hmac and the key's id), or the
 * Ed25519 signature over the digest of decisions and m event hashes
 * (digest, sig_hex, the key's fingerprint). */
void adj_audit_seal_hmac(const uint8_t *key, size_t key_len, int64_t seq, int64_t checkpoint_id,
                         const char *prev, const char *hashes, size_t n,
                         char hmac[ADJ_SHA256_HEX], char key_id[17]);
AdjStatus adj_audit_seal_signed(const AdjSignKey *key, int64_t seq, int64_t checkpoint_id,
                                const char *prev, const char *hashes, size_t n,
                                const char *ev_hashes, size_t m, char digest[ADJ_SHA256_HEX],
                                char sig_hex[ADJ_SIG_HEX], char fpr[ADJ_FPR_HEX],
                                AdjError *err);

#endif
