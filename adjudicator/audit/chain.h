/* audit/: the decisions' hash chain and the checkpoint HMAC (DESIGN.md 9), as pure
 * functions over a decision row's stored values: the writer and `audit
 * verify` serialise the same values the same way. No libpq, no I/O. */
#ifndef ADJ_AUDIT_CHAIN_H
#define ADJ_AUDIT_CHAIN_H

#include <stddef.h>
#include <stdint.h>

#include "crypto/crypto.h"

/* The hashed columns of a decision row, in serialisation order. Values are
 * the text PostgreSQL stores and returns (integers in decimal, dates
 * YYYY-MM-DD, decided_at "YYYY-MM-DD HH:MM:SS.uuuuuu+00", arrays as their
 * elements joined by LF); bytea columns are their raw bytes. */
typedef enum AdjChainField {
    ADJ_CF_CLAIM_PK = 0,
    ADJ_CF_CHAIN_SEQ,
    ADJ_CF_LINE_NO,
    ADJ_CF_LX,
    ADJ_CF_VERSION,
    ADJ_CF_CHECKPOINT_ID,
    ADJ_CF_DECIDED_AT,
    ADJ_CF_DECIDED_BY,
    ADJ_CF_RERUN_REASON,
    ADJ_CF_PERSON_KEY,
    ADJ_CF_SERVICE_MONTH,
    ADJ_CF_DOS,
    ADJ_CF_CODE,
    ADJ_CF_ROUTE,
    ADJ_CF_OUTCOME,
    ADJ_CF_GROUP,
    ADJ_CF_CARC,
    ADJ_CF_RARC,
    ADJ_CF_ALLOWED,
    ADJ_CF_PAID,
    ADJ_CF_PATIENT_RESP,
    ADJ_CF_RULESET_ID,
    ADJ_CF_RULESET_SHA256,
    ADJ_CF_RULES,
    ADJ_CF_MATCHED_CLAIM,
    ADJ_CF_REASON,
    /* optional fields, added later: hashed only when not NULL, so rows
     * written before them keep their hashes */
    ADJ_CF_COST_SHARE, /* "deductible coinsurance copay cob_reduction primary_paid|-" cents */
    ADJ_CF_COUNT
} AdjChainField;

typedef struct AdjChainRow {
    const char *v[ADJ_CF_COUNT]; /* NULL: SQL NULL */
    size_t len[ADJ_CF_COUNT];
} AdjChainRow;

/* The previous hash of a claim's first decision. */
#define ADJ_CHAIN_GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

/* hash = SHA-256(prev_hash hex || canonical(row)), lowercase hex. The
 * canonical form writes each field as "-" (NULL) or "<length>:<bytes>", so
 * no two rows serialise alike. */
void adj_store_chain_hash(const char *prev_hash, const AdjChainRow *row, char out[ADJ_SHA256_HEX]);

/* The checkpoint HMAC over its sequence number, id, the previous checkpoint's
 * HMAC (the genesis value for the first) and its decisions' hashes in
 * decision order. hashes is n consecutive 64-character hex strings. */
void adj_store_chain_checkpoint_hmac(const uint8_t *key, size_t key_len, int64_t seq,
                               int64_t checkpoint_id, const char *prev_hmac,
                               const char *hashes, size_t n, char out[ADJ_SHA256_HEX]);

/* A history event's stored values (store/write.c insert_events), hashed
 * for the signed checkpoint that covers it. Integers in decimal; bytea
 * columns as raw bytes. */
typedef enum AdjEventField {
    ADJ_EF_CLAIM_PK = 0,
    ADJ_EF_KIND,
    ADJ_EF_PERSON_KEY,
    ADJ_EF_MEMBER_ID,
    ADJ_EF_BILLING_NPI,
    ADJ_EF_CLAIM_ID,
    ADJ_EF_PCN,
    ADJ_EF_LINES,
    ADJ_EF_CHECKPOINT_ID,
    ADJ_EF_COUNT
} AdjEventField;

typedef struct AdjChainEvent {
    const char *v[ADJ_EF_COUNT];
    size_t len[ADJ_EF_COUNT];
} AdjChainEvent;

/* SHA-256 (hex) of an event's canonical form ("<length>:<bytes>" per field). */
void adj_store_chain_event_hash(const AdjChainEvent *e, char out[ADJ_SHA256_HEX]);

/* The digest an Ed25519 checkpoint signs (and the next checkpoint's
 * prev_hmac): SHA-256 over its sequence number, id, the previous
 * checkpoint's chain value, its decisions' hashes in decision order and
 * its history events' hashes in event order (n and m consecutive
 * 64-character hex strings). */
void adj_store_chain_checkpoint_digest(int64_t seq, int64_t checkpoint_id, const char *prev,
                                       const char *hashes, size_t n, const char *event_hashes,
                                       size_t m, char out[ADJ_SHA256_HEX]);

/* A fingerprint of the key (not the key): lets verify tell "another key"
 * from "tampered". 16 hex digits. */
void adj_store_chain_key_id(const uint8_t *key, size_t key_len, char out[17]);

#endif
