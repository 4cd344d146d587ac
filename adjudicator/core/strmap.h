/* String-keyed hash map (open addressing, FNV-1a) from a byte key to a
 * size_t value: the lookup tables of reference data and in-memory history.
 * Keys are copied; growth doubles, so lookups stay O(1) as tables grow. */
#ifndef ADJ_CORE_STRMAP_H
#define ADJ_CORE_STRMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct AdjStrMapSlot {
    char *key;      /* NULL = empty */
    size_t len;
    uint64_t hash;
    size_t value;
} AdjStrMapSlot;

typedef struct AdjStrMap {
    AdjStrMapSlot *slots;
    size_t cap, n;
} AdjStrMap;

void adj_strmap_init(AdjStrMap *m);
void adj_strmap_free(AdjStrMap *m);
uint64_t adj_strmap_hash(const char *key, size_t len);
/* The value of key, or false when absent. */
bool adj_strmap_get(const AdjStrMap *m, const char *key, size_t len, size_t *value);
/* Insert or replace. */
void adj_strmap_put(AdjStrMap *m, const char *key, size_t len, size_t value);

#endif
