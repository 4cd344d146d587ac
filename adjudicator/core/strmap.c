/* String-keyed hash map; see strmap.h. Aborts on out-of-memory. */
#include "core/strmap.h"

#include <stdlib.h>
#include <string.h>

#include "core/arena.h"

void adj_strmap_init(AdjStrMap *m)
{
    memset(m, 0, sizeof(*m));
}

void adj_strmap_free(AdjStrMap *m)
{
    free(m->slots);
    free(m->pool);
    adj_strmap_init(m);
}

/* Whether the len bytes at a and b are equal: keys of 8 to 16 bytes (NPIs,
 * member IDs) in two overlapping 8-byte loads, no memcmp call (hot path) */
static inline bool same_bytes(const char *a, const char *b, size_t len)
{
    if (len >= 8 && len <= 16) {
        uint64_t x0, y0, x1, y1;
        memcpy(&x0, a, 8);
        memcpy(&y0, b, 8);
        memcpy(&x1, a + len - 8, 8);
        memcpy(&y1, b + len - 8, 8);
        return ((x0 ^ y0) | (x1 ^ y1)) == 0;
    }
    return memcmp(a, b, len) == 0;
}

static inline __attribute__((always_inline)) AdjStrMapSlot *find(const AdjStrMap *m,
                                                                 const char *key, size_t len,
                                                                 uint64_t h)
{
    size_t mask = m->cap - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        AdjStrMapSlot *s = &m->slots[i];
        if (s->key == SIZE_MAX ||
            (s->hash == h && s->len == len && same_bytes(m->pool + s->key, key, len)))
            return s;
    }
}

bool adj_strmap_get_h(const AdjStrMap *m, const char *key, size_t len, uint64_t hash,
                      size_t *value)
{
    if (m->cap == 0)
        return false;
    const AdjStrMapSlot *s = find(m, key, len, hash);
    if (s->key == SIZE_MAX)
        return false;
    *value = s->value;
    return true;
}

bool adj_strmap_get(const AdjStrMap *m, const char *key, size_t len, size_t *value)
{
    if (m->cap == 0)
        return false;
    const AdjStrMapSlot *s = find(m, key, len, adj_strmap_hash(key, len));
    if (s->key == SIZE_MAX)
        return false;
    *value = s->value;
    return true;
}

static void grow(AdjStrMap *m)
{
    AdjStrMapSlot *old = m->slots;
    size_t old_cap = m->cap;
    m->cap = old_cap ? old_cap * 2 : 64;
    m->slots = adj_xmalloc(m->cap * sizeof(AdjStrMapSlot));
    for (size_t i = 0; i < m->cap; i++)
        m->slots[i].key = SIZE_MAX;
    size_t mask = m->cap - 1;
    for (size_t i = 0; i < old_cap; i++) {
        if (old[i].key == SIZE_MAX)
            continue;
        size_t j = old[i].hash & mask; /* keys are distinct: the first empty slot */
        while (m->slots[j].key != SIZE_MAX)
            j = (j + 1) & mask;
        m->slots[j] = old[i];
    }
    free(old);
}

void adj_strmap_put_h(AdjStrMap *m, const char *key, size_t len, uint64_t hash, size_t value)
{
    if ((m->n + 1) * 4 > m->cap * 3)
        grow(m);
    AdjStrMapSlot *s = find(m, key, len, hash);
    if (s->key == SIZE_MAX) {
        if (m->pool == NULL || m->pool_len + len > m->pool_cap) { /* never NULL once a key is in */
            m->pool_cap = m->pool_cap ? m->pool_cap * 2 : 4096;
            if (m->pool_cap < m->pool_len + len)
                m->pool_cap = m->pool_len + len;
            m->pool = adj_xrealloc(m->pool, m->pool_cap);
        }
        if (len > 0)
            memcpy(m->pool + m->pool_len, key, len);
        s->key = m->pool_len;
        s->len = len;
        s->hash = hash;
        m->pool_len += len;
        m->n++;
    }
    s->value = value;
}

void adj_strmap_put(AdjStrMap *m, const char *key, size_t len, size_t value)
{
    adj_strmap_put_h(m, key, len, adj_strmap_hash(key, len), value);
}
