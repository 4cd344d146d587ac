/* Hash chain and checkpoint HMAC of the decisions; see chain.h. Pure: no
 * database, no clock. */
#include "audit/chain.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"

void adj_store_chain_hash(const char *prev_hash, const AdjChainRow *row, char out[ADJ_SHA256_HEX])
{
    AdjSha256 *ctx = adj_sha256_new();
    adj_sha256_update(ctx, "adj-decision-v1\n", 16);
    adj_sha256_update(ctx, prev_hash, strlen(prev_hash));
    for (int i = 0; i < ADJ_CF_COUNT; i++) {
        char head[32];
        int n;
        if (row->v[i] == NULL && i >= ADJ_CF_COST_SHARE)
            continue; /* an optional field left out: the row hashes as before it existed */
        if (row->v[i] == NULL) {
            n = snprintf(head, sizeof(head), "-");
            adj_sha256_update(ctx, head, (size_t)n);
            continue;
        }
        n = snprintf(head, sizeof(head), "%zu:", row->len[i]);
        adj_sha256_update(ctx, head, (size_t)n);
        adj_sha256_update(ctx, row->v[i], row->len[i]);
    }
    uint8_t digest[ADJ_SHA256_LEN];
    adj_sha256_final(ctx, digest);
    adj_hex(digest, sizeof(digest), out);
}

void adj_store_chain_checkpoint_hmac(const uint8_t *key, size_t key_len, int64_t seq,
                               int64_t checkpoint_id, const char *prev_hmac,
                               const char *hashes, size_t n, char out[ADJ_SHA256_HEX])
{
    char head[256];
    int hl = snprintf(head, sizeof(head), "adj-checkpoint-v1\n%lld\n%lld\n%s\n%zu\n",
                      (long long)seq, (long long)checkpoint_id, prev_hmac, n);
    size_t len = (size_t)hl + n * 64;
    char *msg = adj_xmalloc(len);
    memcpy(msg, head, (size_t)hl);
    if (n > 0)
        memcpy(msg + hl, hashes, n * 64);
    adj_hmac_sha256_hex(key, key_len, msg, len, out);
    free(msg);
}

void adj_store_chain_key_id(const uint8_t *key, size_t key_len, char out[17])
{
    char hex[ADJ_SHA256_HEX];
    adj_hmac_sha256_hex(key, key_len, "adj-key-id", 10, hex);
    memcpy(out, hex, 16);
    out[16] = '\0';
}

void adj_store_chain_event_hash(const AdjChainEvent *e, char out[ADJ_SHA256_HEX])
{
    AdjSha256 *ctx = adj_sha256_new();
    adj_sha256_update(ctx, "adj-event-v1\n", 13);
    for (int i = 0; i < ADJ_EF_COUNT; i++) {
        char head[32];
        int n = snprintf(head, sizeof(head), "%zu:", e->v[i] ? e->len[i] : 0);
        adj_sha256_update(ctx, head, (size_t)n);
        if (e->v[i] != NULL)
            adj_sha256_update(ctx, e->v[i], e->len[i]);
    }
    uint8_t digest[ADJ_SHA256_LEN];
    adj_sha256_final(ctx, digest);
    adj_hex(digest, sizeof(digest), out);
}

void adj_store_chain_checkpoint_digest(int64_t seq, int64_t checkpoint_id, const char *prev,
                                       const char *hashes, size_t n, const char *event_hashes,
                                       size_t m, char out[ADJ_SHA256_HEX])
{
    char head[256];
    int hl = snprintf(head, sizeof(head), "adj-checkpoint-v2\n%lld\n%lld\n%s\n%zu\n",
                      (long long)seq, (long long)checkpoint_id, prev, n);
    AdjSha256 *ctx = adj_sha256_new();
    adj_sha256_update(ctx, head, (size_t)hl);
    if (n > 0)
        adj_sha256_update(ctx, hashes, n * 64);
    hl = snprintf(head, sizeof(head), "\n%zu\n", m);
    adj_sha256_update(ctx, head, (size_t)hl);
    if (m > 0)
        adj_sha256_update(ctx, event_hashes, m * 64);
    uint8_t digest[ADJ_SHA256_LEN];
    adj_sha256_final(ctx, digest);
    adj_hex(digest, sizeof(digest), out);
}
