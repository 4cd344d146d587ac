/* In-memory history; see memhist.h. Every line sits in one append-only
 * sequence (fixed chunks, never moved); the lines of one person-month are
 * chained oldest first, and a person's months are a short list, newest
 * first, in one pool shared by every person. Persons, claims and claim
 * keys sit in chunks that never move, so growth copies nothing. Recording
 * a line allocates nothing per person or person-month, and a claim's lines
 * are adjacent. Retracted lines stay, marked void, and are skipped. */
#include "engine/memhist.h"

#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/strmap.h" /* adj_strmap_hash */

typedef struct Line {
    AdjHistLine line;
    size_t next; /* the person-month's next line, or SIZE_MAX */
} Line;

#define CHUNK 4096
#define KEY_CHUNK (1 << 20)
#define PERSON_CHUNK 1024

typedef struct Month {
    AdjMonth month;
    size_t first, last; /* its chain of lines */
    size_t next;        /* the person's previous month (pool index), or SIZE_MAX */
} Month;

/* Accumulators of one plan year (engine/costshare.c): person is this key's
 * own share, family the share of every person under this key as member ID. */
typedef struct Acc {
    uint64_t plan;
    AdjDate year;
    AdjAccum person, family;
} Acc;

/* The key sits beside the months index, so that finding a person and
 * reaching its months costs one cache miss past the slot. */
typedef struct Person {
    uint64_t hash;
    size_t months; /* the newest month in the pool, or SIZE_MAX */
    size_t claims; /* the claims whose member ID is this key: first, or SIZE_MAX */
    unsigned char len;
    char key[ADJ_PERSON_KEY_MAX]; /* a short key's bytes share the first cache line */
    Acc acc0;      /* the first plan year with a cost share, inline (no allocation) */
    Acc *acc;      /* further ones: few */
    int nacc, capacc; /* nacc counts acc0 */
} Person;

typedef struct Slot {
    uint64_t hash;
    size_t person; /* SIZE_MAX = empty */
} Slot;

/* One recorded claim. A claim key received twice has two entries; finding
 * and retracting visit both. */
typedef struct Claim {
    const char *key;   /* billing NPI, 0x1f, CLM01: in a key chunk */
    size_t len;
    size_t first;      /* its lines: lines[first .. first + n) */
    int n;
    size_t next;       /* the member's next claim, or SIZE_MAX */
    size_t person, member; /* Person indexes, for the accumulators */
} Claim;

struct AdjMemHistory {
    Slot *slots; /* open addressing over persons, power-of-two size */
    size_t cap_slots;
    Person **person_chunks; /* persons in chunks of PERSON_CHUNK, never moved */
    size_t npersons, npchunks, cap_pchunks;
    Month *months; /* every person's months; Person.months heads a list */
    size_t nmonths, cap_months;
    Line **chunks; /* lines in chunks of CHUNK: growth never copies them */
    size_t nchunks, cap_chunks, nlines;
    Claim *claims;
    size_t nclaims;   /* claims in chunks of CHUNK: growth never copies them */
    Claim **claim_chunks;
    size_t nclaim_chunks, cap_claim_chunks;
    char **key_chunks; /* claim keys in chunks of KEY_CHUNK bytes, never moved */
    size_t nkey_chunks, cap_key_chunks, key_used; /* bytes used in the last chunk */
    size_t live;
    /* one-entry cache of the person lookup: every edit of every line of a
     * claim, then record, ask for the same person */
    char last_key[ADJ_PERSON_KEY_MAX];
    size_t last_len;
    size_t last_idx; /* SIZE_MAX: not in history */
    bool last_valid;
    /* when absent: its hash and the empty slot where it goes, valid while
     * the persons (npersons) are as they were */
    uint64_t last_hash;
    size_t last_slot, last_npersons;
};

static Person *person_at(const AdjMemHistory *m, size_t i)
{
    return &m->person_chunks[i / PERSON_CHUNK][i % PERSON_CHUNK];
}

AdjMemHistory *adj_memhist_new(void)
{
    return adj_xcalloc(1, sizeof(AdjMemHistory));
}

void adj_memhist_clear(AdjMemHistory *m)
{
    for (size_t p = 0; p < m->npersons; p++)
        free(person_at(m, p)->acc);
    for (size_t i = 0; i < m->npchunks; i++)
        free(m->person_chunks[i]);
    free(m->person_chunks);
    free(m->months);
    for (size_t i = 0; i < m->nchunks; i++)
        free(m->chunks[i]);
    free(m->chunks);
    for (size_t i = 0; i < m->nclaim_chunks; i++)
        free(m->claim_chunks[i]);
    free(m->claim_chunks);
    for (size_t i = 0; i < m->nkey_chunks; i++)
        free(m->key_chunks[i]);
    free(m->key_chunks);
    free(m->slots);
    memset(m, 0, sizeof(*m));
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

/* first: initial capacity (a person has a few months: start small, or
 * a hundred thousand persons would hold megabytes of empty slots) */
#define GROW(arr, n, cap, first)                                   \
    do {                                                           \
        if ((n) == (cap)) {                                        \
            (cap) = (cap) ? (cap) * 2 : (first);                   \
            (arr) = adj_xrealloc((arr), (size_t)(cap) * sizeof(*(arr))); \
        }                                                          \
    } while (0)

/* Doubles the slots, placing the persons the old slots held (each slot
 * keeps its person's hash: no person is read) */
static void slots_grow(AdjMemHistory *m)
{
    Slot *old = m->slots;
    size_t old_cap = m->cap_slots;
    m->cap_slots = m->cap_slots ? m->cap_slots * 2 : 1024;
    m->slots = adj_xmalloc(m->cap_slots * sizeof(Slot));
    size_t mask = m->cap_slots - 1;
    for (size_t i = 0; i < m->cap_slots; i++)
        m->slots[i].person = SIZE_MAX;
    for (size_t k = 0; k < old_cap; k++) {
        if (old[k].person == SIZE_MAX)
            continue;
        size_t i = old[k].hash & mask;
        while (m->slots[i].person != SIZE_MAX)
            i = (i + 1) & mask;
        m->slots[i] = old[k];
    }
    free(old);
}

/* Whether the len bytes at a and b are equal: keys up to 32 bytes in
 * 8-byte loads, no memcmp call (hot path: every claim's person key) */
static inline bool same_bytes(const char *a, const char *b, size_t len)
{
    if (len >= 8 && len <= 32) {
        uint64_t x, y, diff = 0;
        for (size_t i = 0; i + 8 < len; i += 8) {
            memcpy(&x, a + i, 8);
            memcpy(&y, b + i, 8);
            diff |= x ^ y;
        }
        memcpy(&x, a + len - 8, 8);
        memcpy(&y, b + len - 8, 8);
        return (diff | (x ^ y)) == 0;
    }
    return memcmp(a, b, len) == 0;
}

/* A new person for key (hash h) in the empty slot (slot < cap_slots) where
 * its look-up ended, or anywhere (slot SIZE_MAX: the slots grow). */
static size_t insert(AdjMemHistory *m, const char *key, size_t len, uint64_t h, size_t slot)
{
    if (m->npersons == m->npchunks * PERSON_CHUNK) {
        GROW(m->person_chunks, m->npchunks, m->cap_pchunks, 16);
        m->person_chunks[m->npchunks++] = adj_xmalloc(PERSON_CHUNK * sizeof(Person));
    }
    size_t idx = m->npersons++;
    Person *p = person_at(m, idx);
    /* the fields read before being written: not the whole key nor acc0 */
    p->hash = h;
    p->months = p->claims = SIZE_MAX;
    p->len = (unsigned char)len;
    memcpy(p->key, key, len);
    p->acc = NULL;
    p->nacc = p->capacc = 0;
    /* at most half full: most look-ups of a new person miss, and a miss
     * walks the run of full slots (8.5 probes at 3/4 full, 2.5 at 1/2) */
    if (slot == SIZE_MAX || (m->npersons + 1) * 2 > m->cap_slots) {
        slots_grow(m); /* places the persons the old slots held: not this one */
        size_t mask = m->cap_slots - 1;
        for (slot = h & mask; m->slots[slot].person != SIZE_MAX; slot = (slot + 1) & mask)
            ;
    }
    m->slots[slot] = (Slot){h, idx};
    return idx;
}

/* The index of the person (or member) key, or SIZE_MAX; create: add it
 * when absent. Keys are cut at ADJ_PERSON_KEY_MAX - 1 bytes. *hash and
 * *slot (when not NULL): the key's hash and, when absent, the empty slot
 * where it would go (SIZE_MAX: no slots yet). */
static size_t lookup_at(AdjMemHistory *m, const char *key, size_t len, bool create,
                        uint64_t *hash, size_t *slot)
{
    if (len >= ADJ_PERSON_KEY_MAX)
        len = ADJ_PERSON_KEY_MAX - 1;
    uint64_t h = adj_strmap_hash(key, len);
    size_t mask = m->cap_slots - 1, i = h & mask;
    for (; m->cap_slots > 0 && m->slots[i].person != SIZE_MAX; i = (i + 1) & mask) {
        if (m->slots[i].hash != h) /* the person is read on a hash match only */
            continue;
        const Person *p = person_at(m, m->slots[i].person);
        if (p->len == len && same_bytes(p->key, key, len))
            return m->slots[i].person;
    }
    if (m->cap_slots == 0)
        i = SIZE_MAX;
    if (hash != NULL) {
        *hash = h;
        *slot = i;
    }
    return create ? insert(m, key, len, h, i) : SIZE_MAX;
}

static size_t lookup(AdjMemHistory *m, const char *key, size_t len, bool create)
{
    return lookup_at(m, key, len, create, NULL, NULL);
}

/* Whether person (of length plen) is the member ID (of length mlen):
 * strcmp without its page-crossing path */
static bool same_key(const char *person, size_t plen, const char *member, size_t mlen)
{
    return plen == mlen && same_bytes(person, member, mlen);
}

/* lookup through the one-entry cache; *plen: the key's length */
static size_t person_index_len(AdjMemHistory *m, const char *person, bool create, size_t *plen)
{
    size_t len = strlen(person);
    *plen = len;
    bool cacheable = len < sizeof(m->last_key);
    /* lengths, then memcmp: strcmp's cost depends on where the caller's
     * buffer sits (its page-crossing path), memcmp of a known length less */
    if (cacheable && m->last_valid && m->last_len == len &&
        same_bytes(m->last_key, person, len)) {
        if (m->last_idx != SIZE_MAX || !create)
            return m->last_idx;
        /* absent at the last look-up (the claim's history walk), recorded
         * now: its empty slot still is, when no person came since */
        if (m->npersons == m->last_npersons && m->last_slot != SIZE_MAX) {
            m->last_idx = insert(m, person, len, m->last_hash, m->last_slot);
            return m->last_idx;
        }
    }
    uint64_t h = 0;
    size_t slot = SIZE_MAX;
    size_t idx = lookup_at(m, person, len, create, &h, &slot);
    if (cacheable) {
        memcpy(m->last_key, person, len + 1);
        m->last_len = len;
        m->last_idx = idx;
        m->last_valid = true;
        m->last_hash = h;
        m->last_slot = slot;
        m->last_npersons = m->npersons;
    }
    return idx;
}

static size_t person_index(AdjMemHistory *m, const char *person, bool create)
{
    size_t len;
    return person_index_len(m, person, create, &len);
}

static Line *line_at(const AdjMemHistory *m, size_t i)
{
    return &m->chunks[i / CHUNK][i % CHUNK];
}

static Claim *claim_at(const AdjMemHistory *m, size_t i)
{
    return &m->claim_chunks[i / CHUNK][i % CHUNK];
}

/* The person's month in the pool, or SIZE_MAX */
static size_t month_index(const AdjMemHistory *m, const Person *p, AdjMonth month)
{
    for (size_t i = p->months; i != SIZE_MAX; i = m->months[i].next)
        if (m->months[i].month == month)
            return i;
    return SIZE_MAX;
}

static void month_lines(void *ctx, const char *person, AdjMonth month, AdjHistVisit fn, void *arg)
{
    AdjMemHistory *m = ctx;
    size_t p = person_index(m, person, false);
    if (p == SIZE_MAX)
        return;
    size_t mi = month_index(m, person_at(m, p), month);
    if (mi == SIZE_MAX)
        return;
    for (size_t i = m->months[mi].first; i != SIZE_MAX; i = line_at(m, i)->next) {
        const AdjHistLine *l = &line_at(m, i)->line;
        if ((l->outcome == ADJ_OUT_PAY || l->outcome == ADJ_OUT_PEND ||
             l->outcome == ADJ_OUT_FORWARD) && !fn(arg, l))
            return;
    }
}

/* billing NPI + 0x1f + CLM01: the claim key within its member's list */
static size_t claim_key(char *key, size_t size, const char *npi, const char *claim_id)
{
    size_t a = strnlen(npi, size / 2), b = strnlen(claim_id, size - a - 1);
    memcpy(key, npi, a);
    key[a] = '\x1f';
    memcpy(key + a + 1, claim_id, b);
    return a + b + 1;
}

/* Calls fn on each of member's claims with this key; false when none. */
static bool each_claim(AdjMemHistory *m, const char *npi, const char *claim_id,
                       const char *member, void (*fn)(AdjMemHistory *, Claim *))
{
    size_t p = lookup(m, member, strlen(member), false);
    if (p == SIZE_MAX)
        return false;
    char key[64];
    size_t len = claim_key(key, sizeof(key), npi, claim_id);
    bool found = false;
    for (size_t c = person_at(m, p)->claims; c != SIZE_MAX; c = claim_at(m, c)->next) {
        Claim *cl = claim_at(m, c);
        if (cl->len == len && memcmp(cl->key, key, len) == 0) {
            found = true;
            if (fn != NULL)
                fn(m, cl);
        }
    }
    return found;
}

static bool claim_find(void *ctx, const char *npi, const char *claim_id, const char *member)
{
    return each_claim(ctx, npi, claim_id, member, NULL);
}

static Acc *acc_entry(Person *p, uint64_t plan, AdjDate year, bool create)
{
    if (p->nacc > 0 && p->acc0.plan == plan && p->acc0.year == year)
        return &p->acc0;
    for (int i = 1; i < p->nacc; i++)
        if (p->acc[i - 1].plan == plan && p->acc[i - 1].year == year)
            return &p->acc[i - 1];
    if (!create)
        return NULL;
    Acc *a;
    if (p->nacc == 0) {
        a = &p->acc0;
    } else {
        int n = p->nacc - 1;
        GROW(p->acc, n, p->capacc, 2);
        a = &p->acc[n];
    }
    p->nacc++;
    *a = (Acc){.plan = plan, .year = year};
    return a;
}

/* Add (sign 1) or take away (-1) a line's share; amounts are bounded by
 * the allowed amounts the engine decided, so the sums cannot overflow. */
static void acc_apply(AdjMemHistory *m, size_t person, size_t member, const AdjHistLine *l,
                      int sign)
{
    if (l->year == 0 || (l->ded == 0 && l->oop == 0))
        return;
    Acc *a = acc_entry(person_at(m, person), l->plan, l->year, true);
    a->person.ded += sign * l->ded;
    a->person.oop += sign * l->oop;
    a = acc_entry(person_at(m, member), l->plan, l->year, true);
    a->family.ded += sign * l->ded;
    a->family.oop += sign * l->oop;
}

static void accum(void *ctx, const char *person, const char *member, uint64_t plan, AdjDate year,
                  AdjAccumState *out)
{
    AdjMemHistory *m = ctx;
    memset(out, 0, sizeof(*out));
    size_t plen;
    size_t p = person_index_len(m, person, false, &plen);
    const Acc *a = p != SIZE_MAX ? acc_entry(person_at(m, p), plan, year, false) : NULL;
    if (a != NULL)
        out->person = a->person;
    size_t mlen = strlen(member);
    size_t f = same_key(person, plen, member, mlen) ? p : lookup(m, member, mlen, false);
    a = f != SIZE_MAX ? acc_entry(person_at(m, f), plan, year, false) : NULL;
    if (a != NULL)
        out->family = a->family;
}

static int claim_counts(void *ctx, const char *npi, const char *claim_id, const char *member)
{
    AdjMemHistory *m = ctx;
    size_t p = lookup(m, member, strlen(member), false);
    if (p == SIZE_MAX)
        return -1;
    char key[64];
    size_t len = claim_key(key, sizeof(key), npi, claim_id);
    int n = -1;
    for (size_t c = person_at(m, p)->claims; c != SIZE_MAX; c = claim_at(m, c)->next) {
        const Claim *cl = claim_at(m, c);
        if (cl->len == len && memcmp(cl->key, key, len) == 0)
            n = (n < 0 ? 0 : n) + cl->n;
    }
    return n;
}

static void retract(AdjMemHistory *m, Claim *cl)
{
    for (int i = 0; i < cl->n; i++) {
        AdjHistLine *l = &line_at(m, cl->first + (size_t)i)->line;
        if (l->outcome == ADJ_OUT_PAY || l->outcome == ADJ_OUT_PEND ||
            l->outcome == ADJ_OUT_FORWARD) {
            m->live--;
            acc_apply(m, cl->person, cl->member, l, -1);
        }
        l->outcome = ADJ_OUT_VOID;
    }
    cl->n = 0;
}

static AdjStatus claim_retract(void *ctx, const char *npi, const char *claim_id, const char *member,
                               AdjError *err)
{
    (void)err;
    each_claim(ctx, npi, claim_id, member, retract);
    return ADJ_OK;
}

/* Records need no claim lookup: a new entry joins the member's list (the
 * member is the person itself unless the patient is a dependent). */
static AdjStatus record(void *ctx, const char *person, const char *member, const char *npi,
                        const char *claim_id, const AdjHistLine *lines, int n, AdjError *err)
{
    (void)err;
    AdjMemHistory *m = ctx;
    size_t plen;
    size_t pidx = person_index_len(m, person, true, &plen);
    size_t mlen = strlen(member);
    size_t midx = same_key(person, plen, member, mlen) ? pidx : lookup(m, member, mlen, true);
    /* the claim key written in place (at most 64 bytes, as claim_key) */
    if (m->nkey_chunks == 0 || KEY_CHUNK - m->key_used < 64) {
        GROW(m->key_chunks, m->nkey_chunks, m->cap_key_chunks, 16);
        m->key_chunks[m->nkey_chunks++] = adj_xmalloc(KEY_CHUNK);
        m->key_used = 0;
    }
    char *kp = m->key_chunks[m->nkey_chunks - 1] + m->key_used;
    size_t len = claim_key(kp, 64, npi, claim_id);
    m->key_used += len;
    if (m->nclaims == m->nclaim_chunks * CHUNK) {
        GROW(m->claim_chunks, m->nclaim_chunks, m->cap_claim_chunks, 16);
        m->claim_chunks[m->nclaim_chunks++] = adj_xmalloc(CHUNK * sizeof(Claim));
    }
    size_t cidx = m->nclaims++;
    *claim_at(m, cidx) = (Claim){kp, len, m->nlines, n, person_at(m, midx)->claims, pidx, midx};
    person_at(m, midx)->claims = cidx;
    Person *p = person_at(m, pidx);
    for (int i = 0; i < n; i++) {
        if (m->nlines == m->nchunks * CHUNK) {
            GROW(m->chunks, m->nchunks, m->cap_chunks, 16);
            m->chunks[m->nchunks++] = adj_xmalloc(CHUNK * sizeof(Line));
        }
        size_t li = m->nlines++;
        *line_at(m, li) = (Line){lines[i], SIZE_MAX};
        size_t mi = month_index(m, p, lines[i].month);
        if (mi == SIZE_MAX) {
            GROW(m->months, m->nmonths, m->cap_months, 1024);
            m->months[m->nmonths] = (Month){lines[i].month, li, li, p->months};
            p->months = m->nmonths++;
        } else {
            line_at(m, m->months[mi].last)->next = li;
            m->months[mi].last = li;
        }
        m->live++;
        if (lines[i].year != 0) /* a share toward accumulators: no call otherwise */
            acc_apply(m, pidx, midx, &lines[i], 1); /* persons never move: p stays valid */
    }
    return ADJ_OK;
}

AdjHistory adj_memhist_interface(AdjMemHistory *m)
{
    return (AdjHistory){m, month_lines, claim_find, claim_retract, record, accum, claim_counts};
}
