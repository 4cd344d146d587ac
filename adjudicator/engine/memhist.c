/* In-memory history; see memhist.h. Lines are held per person, then per
 * month: the edits of one claim ask for one person many times (a cached
 * lookup) and then scan that person's few months. Retracted lines stay in
 * their month marked void and are skipped, so indexes never move. */
#include "engine/memhist.h"

#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/strmap.h"

typedef struct Month {
    AdjMonth month;
    int n, cap;
    AdjHistLine *lines;
} Month;

typedef struct Person {
    Month *months; /* append-only, unsorted: a person has few months */
    int n, cap;
} Person;

typedef struct Ref {
    size_t person;
    int month, index;
    size_t next; /* SIZE_MAX ends the claim's list */
} Ref;

typedef struct Claim {
    size_t head; /* first Ref, or SIZE_MAX */
} Claim;

struct AdjMemHistory {
    AdjStrMap by_person;
    Person *persons;
    size_t npersons, cap_persons;
    AdjStrMap by_claim;
    Claim *claims;
    size_t nclaims, cap_claims;
    Ref *refs;
    size_t nrefs, cap_refs;
    size_t live;
    /* one-entry cache of the person lookup: every edit of every line of a
     * claim, then record, ask for the same person */
    char last_key[ADJ_PERSON_KEY_MAX];
    size_t last_idx; /* SIZE_MAX: not in history */
    bool last_valid;
};

AdjMemHistory *adj_memhist_new(void)
{
    AdjMemHistory *m = adj_xcalloc(1, sizeof(*m));
    adj_strmap_init(&m->by_person);
    adj_strmap_init(&m->by_claim);
    return m;
}

void adj_memhist_clear(AdjMemHistory *m)
{
    for (size_t p = 0; p < m->npersons; p++) {
        for (int i = 0; i < m->persons[p].n; i++)
            free(m->persons[p].months[i].lines);
        free(m->persons[p].months);
    }
    free(m->persons);
    free(m->claims);
    free(m->refs);
    adj_strmap_free(&m->by_person);
    adj_strmap_free(&m->by_claim);
    memset(m, 0, sizeof(*m));
    adj_strmap_init(&m->by_person);
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

/* first: initial capacity (a person-month holds a few lines: start small,
 * or a million of them would hold gigabytes of empty slots) */
#define GROW(arr, n, cap, first)                                   \
    do {                                                           \
        if ((n) == (cap)) {                                        \
            (cap) = (cap) ? (cap) * 2 : (first);                   \
            (arr) = adj_xrealloc((arr), (size_t)(cap) * sizeof(*(arr))); \
        }                                                          \
    } while (0)

/* The person's index, or SIZE_MAX; create: add the person when absent. */
static size_t person_index(AdjMemHistory *m, const char *person, bool create)
{
    size_t len = strlen(person);
    bool cacheable = len < sizeof(m->last_key);
    if (cacheable && m->last_valid && strcmp(m->last_key, person) == 0 &&
        (m->last_idx != SIZE_MAX || !create))
        return m->last_idx;
    uint64_t h = adj_strmap_hash(person, len);
    size_t idx;
    if (!adj_strmap_get_h(&m->by_person, person, len, h, &idx)) {
        idx = SIZE_MAX;
        if (create) {
            GROW(m->persons, m->npersons, m->cap_persons, 1024);
            idx = m->npersons++;
            memset(&m->persons[idx], 0, sizeof(Person));
            adj_strmap_put_h(&m->by_person, person, len, h, idx);
        }
    }
    if (cacheable) {
        memcpy(m->last_key, person, len + 1);
        m->last_idx = idx;
        m->last_valid = true;
    }
    return idx;
}

static int month_index(const Person *p, AdjMonth month)
{
    for (int i = 0; i < p->n; i++)
        if (p->months[i].month == month)
            return i;
    return -1;
}

static void month_lines(void *ctx, const char *person, AdjMonth month, AdjHistVisit fn, void *arg)
{
    AdjMemHistory *m = ctx;
    size_t p = person_index(m, person, false);
    if (p == SIZE_MAX)
        return;
    int mi = month_index(&m->persons[p], month);
    if (mi < 0)
        return;
    const Month *mo = &m->persons[p].months[mi];
    for (int i = 0; i < mo->n; i++) {
        const AdjHistLine *l = &mo->lines[i];
        if ((l->outcome == ADJ_OUT_PAY || l->outcome == ADJ_OUT_PEND) && !fn(arg, l))
            return;
    }
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
        const Ref *ref = &m->refs[r];
        AdjHistLine *l = &m->persons[ref->person].months[ref->month].lines[ref->index];
        if (l->outcome == ADJ_OUT_PAY || l->outcome == ADJ_OUT_PEND)
            m->live--;
        l->outcome = ADJ_OUT_VOID;
    }
    m->claims[idx].head = SIZE_MAX;
    return ADJ_OK;
}

static AdjStatus record(void *ctx, const char *person, const char *member, const char *npi,
                        const char *claim_id, const AdjHistLine *lines, int n, AdjError *err)
{
    (void)err;
    AdjMemHistory *m = ctx;
    char key[256];
    size_t len = claim_key(key, sizeof(key), npi, claim_id, member), cidx;
    uint64_t h = adj_strmap_hash(key, len);
    if (!adj_strmap_get_h(&m->by_claim, key, len, h, &cidx)) {
        GROW(m->claims, m->nclaims, m->cap_claims, 1024);
        cidx = m->nclaims++;
        m->claims[cidx].head = SIZE_MAX;
        adj_strmap_put_h(&m->by_claim, key, len, h, cidx);
    }
    if (n == 0)
        return ADJ_OK;
    size_t pidx = person_index(m, person, true);
    Person *p = &m->persons[pidx];
    for (int i = 0; i < n; i++) {
        int mi = month_index(p, lines[i].month);
        if (mi < 0) {
            GROW(p->months, p->n, p->cap, 2);
            mi = p->n++;
            p->months[mi] = (Month){.month = lines[i].month};
        }
        Month *mo = &p->months[mi];
        GROW(mo->lines, mo->n, mo->cap, 2);
        mo->lines[mo->n] = lines[i];
        GROW(m->refs, m->nrefs, m->cap_refs, 1024);
        m->refs[m->nrefs] = (Ref){pidx, mi, mo->n, m->claims[cidx].head};
        m->claims[cidx].head = m->nrefs++;
        mo->n++;
        m->live++;
    }
    return ADJ_OK;
}

AdjHistory adj_memhist_interface(AdjMemHistory *m)
{
    return (AdjHistory){m, month_lines, claim_find, claim_retract, record};
}
