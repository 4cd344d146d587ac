/* In-memory history; see memhist.h. Retracted lines stay in their bucket
 * marked void and are skipped, so indexes into buckets never move. */
#include "engine/memhist.h"

#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/strmap.h"

typedef struct Bucket {
    AdjHistLine *lines;
    int n, cap;
} Bucket;

typedef struct Ref {
    size_t bucket;
    int index;
    size_t next; /* SIZE_MAX ends the claim's list */
} Ref;

typedef struct Claim {
    size_t head; /* first Ref, or SIZE_MAX */
} Claim;

struct AdjMemHistory {
    AdjStrMap by_month;
    Bucket *buckets;
    size_t nbuckets, cap_buckets;
    AdjStrMap by_claim;
    Claim *claims;
    size_t nclaims, cap_claims;
    Ref *refs;
    size_t nrefs, cap_refs;
    size_t live;
    /* one-entry lookup cache: the edits of one line ask for the same
     * person and month several times */
    char last_key[ADJ_PERSON_KEY_MAX + 8];
    size_t last_len;
    size_t last_idx; /* SIZE_MAX: no bucket */
    bool last_valid;
};

AdjMemHistory *adj_memhist_new(void)
{
    AdjMemHistory *m = adj_xcalloc(1, sizeof(*m));
    adj_strmap_init(&m->by_month);
    adj_strmap_init(&m->by_claim);
    return m;
}

void adj_memhist_clear(AdjMemHistory *m)
{
    for (size_t i = 0; i < m->nbuckets; i++)
        free(m->buckets[i].lines);
    free(m->buckets);
    free(m->claims);
    free(m->refs);
    adj_strmap_free(&m->by_month);
    adj_strmap_free(&m->by_claim);
    memset(m, 0, sizeof(*m));
    adj_strmap_init(&m->by_month);
    adj_strmap_init(&m->by_claim);
}

void adj_memhist_free(AdjMemHistory *m)
{
    if (m == NULL)
        return;
    adj_memhist_clear(m);
    free(m);
}

size_t adj_memhist_lines(const AdjMemHistory *m)
{
    return m->live;
}

/* person + 0x1f + month as four bytes: built without printf (hot path) */
static size_t month_key(char *key, size_t size, const char *person, AdjMonth month)
{
    size_t n = strlen(person);
    if (n + 5 > size)
        n = size - 5;
    memcpy(key, person, n);
    key[n] = '\x1f';
    uint32_t u = (uint32_t)month;
    memcpy(key + n + 1, &u, 4);
    return n + 5;
}

static size_t claim_key(char *key, size_t size, const char *npi, const char *claim_id,
                        const char *member)
{
    size_t a = strlen(npi), b = strlen(claim_id), c = strlen(member);
    if (a + b + c + 2 > size)
        c = size - a - b - 2; /* fields are bounded by the claim model */
    memcpy(key, npi, a);
    key[a] = '\x1f';
    memcpy(key + a + 1, claim_id, b);
    key[a + 1 + b] = '\x1f';
    memcpy(key + a + b + 2, member, c);
    return a + b + c + 2;
}

static void month_lines(void *ctx, const char *person, AdjMonth month, AdjHistVisit fn, void *arg)
{
    AdjMemHistory *m = ctx;
    char key[ADJ_PERSON_KEY_MAX + 8];
    size_t len = month_key(key, sizeof(key), person, month), idx;
    if (m->last_valid && m->last_len == len && memcmp(m->last_key, key, len) == 0) {
        idx = m->last_idx;
    } else {
        if (!adj_strmap_get(&m->by_month, key, len, &idx))
            idx = SIZE_MAX;
        memcpy(m->last_key, key, len);
        m->last_len = len;
        m->last_idx = idx;
        m->last_valid = true;
    }
    if (idx == SIZE_MAX)
        return;
    const Bucket *b = &m->buckets[idx];
    for (int i = 0; i < b->n; i++) {
        const AdjHistLine *l = &b->lines[i];
        if ((l->outcome == ADJ_OUT_PAY || l->outcome == ADJ_OUT_PEND) && !fn(arg, l))
            return;
    }
}

static bool claim_find(void *ctx, const char *npi, const char *claim_id, const char *member)
{
    AdjMemHistory *m = ctx;
    char key[256];
    size_t idx;
    return adj_strmap_get(&m->by_claim, key, claim_key(key, sizeof(key), npi, claim_id, member), &idx);
}

static AdjStatus claim_retract(void *ctx, const char *npi, const char *claim_id, const char *member,
                               AdjError *err)
{
    (void)err;
    AdjMemHistory *m = ctx;
    char key[256];
    size_t idx;
    if (!adj_strmap_get(&m->by_claim, key, claim_key(key, sizeof(key), npi, claim_id, member), &idx))
        return ADJ_OK;
    for (size_t r = m->claims[idx].head; r != SIZE_MAX; r = m->refs[r].next) {
        AdjHistLine *l = &m->buckets[m->refs[r].bucket].lines[m->refs[r].index];
        if (l->outcome == ADJ_OUT_PAY || l->outcome == ADJ_OUT_PEND)
            m->live--;
        l->outcome = ADJ_OUT_VOID;
    }
    m->claims[idx].head = SIZE_MAX;
    return ADJ_OK;
}

/* first: initial capacity (a person-month holds a few lines: start small,
 * or a million buckets would hold gigabytes of empty slots) */
#define GROW(arr, n, cap, first)                                   \
    do {                                                           \
        if ((n) == (cap)) {                                        \
            (cap) = (cap) ? (cap) * 2 : (first);                   \
            (arr) = adj_xrealloc((arr), (size_t)(cap) * sizeof(*(arr))); \
        }                                                          \
    } while (0)

static AdjStatus record(void *ctx, const char *person, const char *member, const char *npi,
                        const char *claim_id, const AdjHistLine *lines, int n, AdjError *err)
{
    (void)err;
    AdjMemHistory *m = ctx;
    m->last_valid = false; /* a new bucket may appear */
    char key[256];
    size_t len = claim_key(key, sizeof(key), npi, claim_id, member), cidx;
    if (!adj_strmap_get(&m->by_claim, key, len, &cidx)) {
        GROW(m->claims, m->nclaims, m->cap_claims, 1024);
        cidx = m->nclaims++;
        m->claims[cidx].head = SIZE_MAX;
        adj_strmap_put(&m->by_claim, key, len, cidx);
    }
    for (int i = 0; i < n; i++) {
        char mk[ADJ_PERSON_KEY_MAX + 8];
        size_t mlen = month_key(mk, sizeof(mk), person, lines[i].month), bidx;
        if (!adj_strmap_get(&m->by_month, mk, mlen, &bidx)) {
            GROW(m->buckets, m->nbuckets, m->cap_buckets, 1024);
            bidx = m->nbuckets++;
            memset(&m->buckets[bidx], 0, sizeof(Bucket));
            adj_strmap_put(&m->by_month, mk, mlen, bidx);
        }
        Bucket *b = &m->buckets[bidx];
        GROW(b->lines, b->n, b->cap, 4);
        b->lines[b->n] = lines[i];
        GROW(m->refs, m->nrefs, m->cap_refs, 1024);
        m->refs[m->nrefs] = (Ref){bidx, b->n, m->claims[cidx].head};
        m->claims[cidx].head = m->nrefs++;
        b->n++;
        m->live++;
    }
    return ADJ_OK;
}

AdjHistory adj_memhist_interface(AdjMemHistory *m)
{
    return (AdjHistory){m, month_lines, claim_find, claim_retract, record};
}
