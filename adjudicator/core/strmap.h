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
uint64_t adj_strmap_hash(const char *key, size_t len);
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
