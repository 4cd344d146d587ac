/* String-keyed hash map; see strmap.h. Aborts on out-of-memory. */
#include "core/strmap.h"

#include <stdlib.h>
#include <string.h>

#include "core/arena.h"

void adj_strmap_init(AdjStrMap *m)
{
    m->slots = NULL;
    m->cap = m->n = 0;
}

void adj_strmap_free(AdjStrMap *m)
{
    for (size_t i = 0; i < m->cap; i++)
        free(m->slots[i].key);
    free(m->slots);
    adj_strmap_init(m);
}

uint64_t adj_strmap_hash(const char *key, size_t len)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (uint8_t)key[i]) * 1099511628211ull;
    return h;
}

static AdjStrMapSlot *find(const AdjStrMap *m, const char *key, size_t len, uint64_t h)
{
    size_t mask = m->cap - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        AdjStrMapSlot *s = &m->slots[i];
        if (s->key == NULL || (s->hash == h && s->len == len && memcmp(s->key, key, len) == 0))
            return s;
    }
}

bool adj_strmap_get(const AdjStrMap *m, const char *key, size_t len, size_t *value)
{
    if (m->cap == 0)
        return false;
    AdjStrMapSlot *s = find(m, key, len, adj_strmap_hash(key, len));
    if (s->key == NULL)
        return false;
    *value = s->value;
    return true;
}

static void grow(AdjStrMap *m)
{
    AdjStrMap old = *m;
    m->cap = old.cap ? old.cap * 2 : 64;
    m->slots = adj_xcalloc(m->cap, sizeof(AdjStrMapSlot));
    for (size_t i = 0; i < old.cap; i++)
        if (old.slots[i].key != NULL)
            *find(m, old.slots[i].key, old.slots[i].len, old.slots[i].hash) = old.slots[i];
    free(old.slots);
}

void adj_strmap_put(AdjStrMap *m, const char *key, size_t len, size_t value)
{
    if ((m->n + 1) * 4 > m->cap * 3)
        grow(m);
    uint64_t h = adj_strmap_hash(key, len);
    AdjStrMapSlot *s = find(m, key, len, h);
    if (s->key == NULL) {
        s->key = adj_xmalloc(len + 1);
        memcpy(s->key, key, len);
        s->key[len] = '\0';
        s->len = len;
        s->hash = h;
        m->n++;
    }
    s->value = value;
}
