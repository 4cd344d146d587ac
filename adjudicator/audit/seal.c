/* Sealing a batch checkpoint (see audit.h): the values store/write.c
 * inserts. Pure: no database, no clock. */
#include "audit/audit.h"

void adj_audit_seal_hmac(const uint8_t *key, size_t key_len, int64_t seq, int64_t checkpoint_id,
                         const char *prev, const char *hashes, size_t n,
                         char hmac[ADJ_SHA256_HEX], char key_id[17])
{
    adj_store_chain_checkpoint_hmac(key, key_len, seq, checkpoint_id, prev, hashes, n, hmac);
    adj_store_chain_key_id(key, key_len, key_id);
}

AdjStatus adj_audit_seal_signed(const AdjSignKey *key, int64_t seq, int64_t checkpoint_id,
                                const char *prev, const char *hashes, size_t n,
                                const char *ev_hashes, size_t m, char digest[ADJ_SHA256_HEX],
                                char sig_hex[ADJ_SIG_HEX], char fpr[ADJ_FPR_HEX],
                                AdjError *err)
{
    adj_store_chain_checkpoint_digest(seq, checkpoint_id, prev, hashes, n, ev_hashes, m, digest);
    uint8_t sig[ADJ_SIG_LEN];
    AdjStatus st = adj_sign(key, digest, 64, sig, err);
    if (st != ADJ_OK)
        return st;
    adj_sig_hex(sig, sig_hex);
    adj_sign_fingerprint(key, fpr);
    return ADJ_OK;
}
