/* String-keyed hash map (open addressing, linear probing, power-of-two
 * capacity) from a byte key to a size_t value: the lookup tables of
 * reference data and in-memory history. Keys are copied into one pool (no
 * allocation per key); each slot keeps the key's 64-bit hash, so a probe
 * compares keys only on a hash match. Growth doubles: lookups stay O(1). */
#ifndef ADJ_CORE_STRMAP_H
#define ADJ_CORE_STRMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct AdjStrMapSlot {
    uint64_t hash;
    size_t key;     /* offset of the key in the pool; SIZE_MAX = empty */
    size_t len;
    size_t value;
} AdjStrMapSlot;

typedef struct AdjStrMap {
    AdjStrMapSlot *slots;
    size_t cap, n;
    char *pool;     /* the keys, back to back */
    size_t pool_len, pool_cap;
} AdjStrMap;

void adj_strmap_init(AdjStrMap *m);
void adj_strmap_free(AdjStrMap *m);
/* The hash of a key: eight bytes at a time, then a final mix (murmur3's)
 * so that the low bits the table indexes by depend on every byte of the
 * key. Inline: a call costs as much as hashing a 10-byte key (hot path:
 * the engine's reference data and history). */
static inline uint64_t adj_strmap_hash(const char *key, size_t len)
{
    const uint64_t k = 0x9e3779b97f4a7c15ull;
    uint64_t h = len * k;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, key + i, 8);
        h = (h ^ w) * k;
        h ^= h >> 29;
    }
    if (i < len) {
        uint64_t w = 0; /* the last 1-7 bytes, little-endian */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        if (len >= 8) { /* the same value from the key's last 8 bytes: one load */
            memcpy(&w, key + len - 8, 8);
            w >>= 8 * (8 - (len - i));
        } else
#endif
            for (size_t j = len; j > i; j--)
                w = (w << 8) | (uint8_t)key[j - 1];
        h = (h ^ w) * k;
    }
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 33;
    return h;
}

/* The value of key, or false when absent. */
bool adj_strmap_get(const AdjStrMap *m, const char *key, size_t len, size_t *value);
/* Insert or replace. */
void adj_strmap_put(AdjStrMap *m, const char *key, size_t len, size_t value);
/* The same with the key's adj_strmap_hash computed by the caller, who
 * looks a key up and then inserts it (one hash instead of two). */
bool adj_strmap_get_h(const AdjStrMap *m, const char *key, size_t len, uint64_t hash,
                      size_t *value);
void adj_strmap_put_h(AdjStrMap *m, const char *key, size_t len, uint64_t hash, size_t value);

#endif
