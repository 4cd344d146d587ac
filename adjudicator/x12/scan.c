/* X12 lexing: the fixed-width ISA that sets the separators, segments found
 * with memchr, elements and components as borrowed slices. No allocation,
 * no copying of the input. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "x12/x12_int.h"

/* CR, LF, space, tab: bits of a mask indexed by the byte (all are <= ' ') */
#define WS_MASK ((1ull << '\r') | (1ull << '\n') | (1ull << ' ') | (1ull << '\t'))

static inline size_t skip_ws(const char *data, size_t len, size_t pos)
{
    while (pos < len) {
        unsigned char c = (unsigned char)data[pos];
        if (c > ' ' || !((WS_MASK >> c) & 1))
            break;
        pos++;
    }
    return pos;
}

size_t x12_skip_ws(const char *data, size_t len, size_t pos)
{
    return skip_ws(data, len, pos);
}

/* Offsets of the 16 element separators of a 106-character ISA. */
static const unsigned char isa_seps[16] = {3, 6, 17, 20, 31, 34, 50, 53, 69, 76, 81, 83, 89, 99, 101, 103};

bool x12_isa_parse(const char *data, size_t len, size_t pos, X12Seps *seps,
                   char isa13[10], char *why, size_t why_size)
{
    const char *p = data + pos;
    if (len - pos < X12_ISA_LEN) {
        snprintf(why, why_size, "ISA is %zu characters, shorter than the fixed 106: truncated file",
                 len - pos);
        return false;
    }
    char e = p[3];
    if (isalnum((unsigned char)e) || e == ' ') {
        snprintf(why, why_size, "ISA element separator '%c' is a letter, digit or space", e);
        return false;
    }
    for (int i = 1; i < 16; i++) {
        if (p[isa_seps[i]] != e) {
            snprintf(why, why_size,
                     "ISA is not the fixed-width 106-character header: element %d should end at "
                     "column %d with '%c'",
                     i, isa_seps[i] + 1, e);
            return false;
        }
    }
    char comp = p[104], term = p[105], rep = p[82];
    if (isalnum((unsigned char)comp) || comp == e || comp == ' ') {
        snprintf(why, why_size, "ISA16 component separator '%c' is not usable", comp);
        return false;
    }
    if (isalnum((unsigned char)term) || term == e || term == comp || term == ' ') {
        snprintf(why, why_size, "segment terminator '%c' after ISA16 is not usable", term);
        return false;
    }
    for (int i = 90; i < 99; i++) {
        if (!isdigit((unsigned char)p[i])) {
            snprintf(why, why_size, "ISA13 control number '%.9s' is not 9 digits", p + 90);
            return false;
        }
    }
    seps->elem = e;
    seps->comp = comp;
    seps->term = term;
    /* DESIGN 9: a letter or digit (the 4010 'U') means no repetition separator */
    seps->has_rep = !isalnum((unsigned char)rep) && rep != e && rep != comp && rep != term &&
                    rep != ' ';
    seps->rep = seps->has_rep ? rep : '\0';
    memcpy(isa13, p + 90, 9);
    isa13[9] = '\0';
    return true;
}

/* ---------------------------------------------------------------- blocks
 *
 * The scanner reads the buffer 64 bytes at a time into bit masks of the
 * separators it holds (one compare per separator per 16 or 32 bytes), so
 * that finding the next terminator is a count of trailing zeros and
 * splitting a segment walks the bits of its element separators: every byte
 * is read once per pass, whatever the lengths of segments and elements. */

/* High bit set in each byte of x that is zero (exact, no borrow effects). */
static inline uint64_t zero_bytes(uint64_t x)
{
    const uint64_t lows = 0x7F7F7F7F7F7F7F7Full;
    return ~(((x & lows) + lows) | x | lows);
}

#if (defined(__x86_64__) || defined(__i386__)) && !defined(X12_PORTABLE)
#include <immintrin.h>
/* SSE2: every x86-64 has it. */
static inline uint64_t mask16x4(__m128i a, __m128i b, __m128i c, __m128i d)
{
    return (uint64_t)(uint16_t)_mm_movemask_epi8(a) |
           ((uint64_t)(uint16_t)_mm_movemask_epi8(b) << 16) |
           ((uint64_t)(uint16_t)_mm_movemask_epi8(c) << 32) |
           ((uint64_t)(uint16_t)_mm_movemask_epi8(d) << 48);
}

static void mark_sse2(const char *p, const X12Seps *seps, bool elems, X12Block *k)
{
    const __m128i *q = (const __m128i *)(const void *)p;
    __m128i a = _mm_loadu_si128(q), b = _mm_loadu_si128(q + 1);
    __m128i c = _mm_loadu_si128(q + 2), d = _mm_loadu_si128(q + 3);
    __m128i t = _mm_set1_epi8(seps->term);
    k->term = mask16x4(_mm_cmpeq_epi8(a, t), _mm_cmpeq_epi8(b, t), _mm_cmpeq_epi8(c, t),
                       _mm_cmpeq_epi8(d, t));
    if (elems) {
        __m128i e = _mm_set1_epi8(seps->elem);
        k->elem = mask16x4(_mm_cmpeq_epi8(a, e), _mm_cmpeq_epi8(b, e), _mm_cmpeq_epi8(c, e),
                           _mm_cmpeq_epi8(d, e));
        if (seps->has_rep) {
            __m128i r = _mm_set1_epi8(seps->rep);
            k->rep = mask16x4(_mm_cmpeq_epi8(a, r), _mm_cmpeq_epi8(b, r),
                              _mm_cmpeq_epi8(c, r), _mm_cmpeq_epi8(d, r));
        }
    }
}

/* AVX2 where the CPU has it (checked at run time): half the compares. */
__attribute__((target("avx2"))) static inline uint64_t mask32x2(__m256i a, __m256i b)
{
    return (uint64_t)(uint32_t)_mm256_movemask_epi8(a) |
           ((uint64_t)(uint32_t)_mm256_movemask_epi8(b) << 32);
}

__attribute__((target("avx2"))) static void mark_avx2(const char *p, const X12Seps *seps,
                                                      bool elems, X12Block *k)
{
    __m256i a = _mm256_loadu_si256((const __m256i *)(const void *)p);
    __m256i b = _mm256_loadu_si256((const __m256i *)(const void *)(p + 32));
    __m256i t = _mm256_set1_epi8(seps->term);
    k->term = mask32x2(_mm256_cmpeq_epi8(a, t), _mm256_cmpeq_epi8(b, t));
    if (elems) {
        __m256i e = _mm256_set1_epi8(seps->elem);
        k->elem = mask32x2(_mm256_cmpeq_epi8(a, e), _mm256_cmpeq_epi8(b, e));
        if (seps->has_rep) {
            __m256i r = _mm256_set1_epi8(seps->rep);
            k->rep = mask32x2(_mm256_cmpeq_epi8(a, r), _mm256_cmpeq_epi8(b, r));
        }
    }
}

/* Blocks [b, end), whole below s->len, marked into the ring in one call
 * (the claim pass marks X12_RING / 2 at a time). */
__attribute__((target("avx2"))) static void mark_run_avx2(X12Scan *s, size_t b, size_t end)
{
    const __m256i t = _mm256_set1_epi8(s->seps.term), e = _mm256_set1_epi8(s->seps.elem),
                  r = _mm256_set1_epi8(s->seps.rep);
    const bool elems = s->elems, rep = s->elems && s->seps.has_rep;
    for (; b < end; b++) {
        X12Block *k = &s->ring[b & (X12_RING - 1)];
        const char *p = s->data + (b << 6);
        __m256i x = _mm256_loadu_si256((const __m256i *)(const void *)p);
        __m256i y = _mm256_loadu_si256((const __m256i *)(const void *)(p + 32));
        k->term = mask32x2(_mm256_cmpeq_epi8(x, t), _mm256_cmpeq_epi8(y, t));
        k->elem = elems ? mask32x2(_mm256_cmpeq_epi8(x, e), _mm256_cmpeq_epi8(y, e)) : 0;
        k->rep = rep ? mask32x2(_mm256_cmpeq_epi8(x, r), _mm256_cmpeq_epi8(y, r)) : 0;
        k->tag = b + 1;
    }
}

/* -1: not decided yet; X12_SIMD=sse2 in the environment or
 * x12_scan_set_simd("sse2") turns AVX2 off (comparisons, tests). */
static int use_avx2 = -1;

static bool avx2(void)
{
    int v = __atomic_load_n(&use_avx2, __ATOMIC_RELAXED);
    if (v < 0) {
        const char *env = getenv("X12_SIMD");
        __builtin_cpu_init();
        v = __builtin_cpu_supports("avx2") && !(env != NULL && strcmp(env, "sse2") == 0);
        __atomic_store_n(&use_avx2, v, __ATOMIC_RELAXED);
    }
    return v != 0;
}

bool x12_scan_set_simd(const char *name)
{
    if (strcmp(name, "sse2") == 0) {
        __atomic_store_n(&use_avx2, 0, __ATOMIC_RELAXED);
        return true;
    }
    __builtin_cpu_init();
    if (strcmp(name, "avx2") == 0 && __builtin_cpu_supports("avx2")) {
        __atomic_store_n(&use_avx2, 1, __ATOMIC_RELAXED);
        return true;
    }
    return false;
}

static inline void mark(const char *p, const X12Seps *seps, bool elems, X12Block *k)
{
    if (avx2())
        mark_avx2(p, seps, elems, k);
    else
        mark_sse2(p, seps, elems, k);
}

const char *x12_scan_simd(void)
{
    return avx2() ? "avx2" : "sse2";
}

/* For x12_scan_skip_env: from block b, count the terminators of whole
 * blocks in which no ID pass 1 looks at can begin, i.e. no byte pair CL,
 * ST, SE, GS, GE, IS or IE follows a terminator or a byte <= ' ' (all
 * whitespace, and more: a superset only costs a walk), up to a block that
 * has one, or one that is not whole below lim (it needs byte 64 too).
 * Returns that block; *t its terminators when it has a pair. Counts into
 * *n and keeps the last two terminators in *tl, *tp. */
#define ENV_FAST 1
#define ENV_RUN(W, LANES, LOAD, SET1, EQ, OR, AND, MIN, MOVEMASK, POPCNT)                     \
    const W tt = SET1(term), sp = SET1(' '), cC = SET1('C'), cL = SET1('L'), cS = SET1('S'),   \
            cT = SET1('T'), cE = SET1('E'), cG = SET1('G'), cI = SET1('I');                   \
    uint64_t carry = (unsigned char)data[(b << 6) - 1] <= ' ' || data[(b << 6) - 1] == term;  \
    for (; (b << 6) + 64 < lim; b++) {                                                        \
        const char *p = data + (b << 6);                                                      \
        uint64_t t = 0, a = 0, c = 0;                                                         \
        for (unsigned i = 0; i < 64 / LANES; i++) {                                           \
            W v = LOAD((const W *)(const void *)(p + LANES * i));                             \
            W w = LOAD((const W *)(const void *)(p + LANES * i + 1));                         \
            W tv = EQ(v, tt);                                                                 \
            W low = EQ(MIN(v, sp), v);                                                        \
            W se = OR(EQ(w, cS), EQ(w, cE));                                                  \
            W pair = OR(OR(AND(EQ(v, cC), EQ(w, cL)), AND(EQ(v, cS), OR(EQ(w, cT), EQ(w, cE)))), \
                        AND(OR(EQ(v, cG), EQ(v, cI)), se));                                   \
            t |= (uint64_t)(uint32_t)MOVEMASK(tv) << (LANES * i);                             \
            a |= (uint64_t)(uint32_t)MOVEMASK(OR(tv, low)) << (LANES * i);                    \
            c |= (uint64_t)(uint32_t)MOVEMASK(pair) << (LANES * i);                           \
        }                                                                                     \
        if (c & ((a << 1) | carry)) {                                                         \
            *tm = t;                                                                          \
            return b;                                                                         \
        }                                                                                     \
        carry = a >> 63;                                                                      \
        if (t != 0) {                                                                         \
            const unsigned hi = 63u - (unsigned)__builtin_clzll(t);                           \
            const uint64_t rest = t & ~(1ull << hi);                                          \
            *tp = rest != 0 ? (b << 6) + 63u - (unsigned)__builtin_clzll(rest) : *tl;         \
            *tl = (b << 6) + hi;                                                              \
            *n += (uint64_t)POPCNT(t);                                                        \
        }                                                                                     \
    }                                                                                         \
    *tm = 0;                                                                                  \
    return b

static inline int popcount64(uint64_t x)
{
    return __builtin_popcountll(x);
}

static size_t env_run_sse2(const char *data, size_t b, size_t lim, char term, uint64_t *n,
                           size_t *tl, size_t *tp, uint64_t *tm)
{
    ENV_RUN(__m128i, 16, _mm_loadu_si128, _mm_set1_epi8, _mm_cmpeq_epi8, _mm_or_si128,
            _mm_and_si128, _mm_min_epu8, (uint16_t)_mm_movemask_epi8, popcount64);
}

__attribute__((target("avx2,popcnt"))) static size_t env_run_avx2(const char *data, size_t b,
                                                                 size_t lim, char term,
                                                                 uint64_t *n, size_t *tl,
                                                                 size_t *tp, uint64_t *tm)
{
    ENV_RUN(__m256i, 32, _mm256_loadu_si256, _mm256_set1_epi8, _mm256_cmpeq_epi8,
            _mm256_or_si256, _mm256_and_si256, _mm256_min_epu8, _mm256_movemask_epi8,
            _mm_popcnt_u64);
}
#undef ENV_RUN

static inline size_t env_run(const char *data, size_t b, size_t lim, char term, uint64_t *n,
                             size_t *tl, size_t *tp, uint64_t *tm)
{
    return avx2() ? env_run_avx2(data, b, lim, term, n, tl, tp, tm)
                  : env_run_sse2(data, b, lim, term, n, tl, tp, tm);
}
#else
/* Portable: eight bytes a word; the high bits of the matching bytes are
 * gathered into 8 mask bits by one multiplication (no carries collide). */
static inline uint64_t eq8(uint64_t v, uint64_t pat)
{
    return ((zero_bytes(v ^ pat) >> 7) * 0x0102040810204080ull) >> 56;
}

static inline uint64_t load_le64(const char *p)
{
    const unsigned char *u = (const unsigned char *)p;
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = (v << 8) | u[i];
    return v;
}

static inline void mark(const char *p, const X12Seps *seps, bool elems, X12Block *k)
{
    const uint64_t ones = 0x0101010101010101ull;
    const uint64_t pt = ones * (unsigned char)seps->term, pe = ones * (unsigned char)seps->elem,
                   pr = ones * (unsigned char)seps->rep;
    uint64_t t = 0, e = 0, r = 0;
    for (unsigned w = 0; w < 8; w++) {
        uint64_t v = load_le64(p + 8 * w);
        t |= eq8(v, pt) << (8 * w);
        if (elems) {
            e |= eq8(v, pe) << (8 * w);
            if (seps->has_rep)
                r |= eq8(v, pr) << (8 * w);
        }
    }
    k->term = t;
    k->elem = e;
    k->rep = r;
}

const char *x12_scan_simd(void)
{
    return "swar";
}

bool x12_scan_set_simd(const char *name)
{
    return strcmp(name, "swar") == 0;
}

/* x12_scan_skip_env walks every terminator (no block filter) */
#define ENV_FAST 0
#endif

/* Mark block b (its bytes below s->len only) into k. */
__attribute__((noinline)) static void mark_block(X12Scan *s, X12Block *k, size_t b)
{
    size_t base = b << 6, n = s->len - base;
    k->elem = k->rep = 0;
    if (n >= 64) {
        mark(s->data + base, &s->seps, s->elems, k);
    } else {
        /* the last block: a zero-padded copy, its bits past the end cleared
         * (a separator may be NUL) */
        char tail[64];
        memset(tail, 0, sizeof(tail));
        memcpy(tail, s->data + base, n);
        mark(tail, &s->seps, s->elems, k);
        uint64_t keep = (1ull << n) - 1;
        k->term &= keep;
        k->elem &= keep;
        k->rep &= keep;
    }
    k->tag = b + 1;
}

/* Blocks [b, end), whole below s->len, marked into the ring. */
static void mark_run(X12Scan *s, size_t b, size_t end)
{
#if (defined(__x86_64__) || defined(__i386__)) && !defined(X12_PORTABLE)
    if (avx2()) {
        mark_run_avx2(s, b, end);
        return;
    }
#endif
    for (; b < end; b++) {
        X12Block *k = &s->ring[b & (X12_RING - 1)];
        k->elem = k->rep = 0;
        mark(s->data + (b << 6), &s->seps, s->elems, k);
        k->tag = b + 1;
    }
}

static inline const X12Block *block(X12Scan *s, size_t b)
{
    X12Block *k = &s->ring[b & (X12_RING - 1)];
    if (__builtin_expect(k->tag != b + 1, 0)) {
        size_t base = b << 6;
        if (s->len - base >= 64) {
            /* a whole block: marked in line */
            k->elem = k->rep = 0;
            mark(s->data + base, &s->seps, s->elems, k);
            k->tag = b + 1;
        } else {
            mark_block(s, k, b);
        }
    }
    return k;
}

/* The segment ID: up to three bytes before the first element separator,
 * NUL-padded into four. */
static inline void seg_id(const char *p, size_t len, size_t avail, char elem, char id[4])
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (len >= 3 && avail >= 4) {
        /* p[3], the terminator or a fourth byte of the segment, is only
         * loaded: the stop at 3 leaves it out */
        uint32_t w;
        memcpy(&w, p, 4);
        uint32_t x = w ^ (0x01010101u * (unsigned char)elem);
        uint32_t stop = ~(((x & 0x7F7F7F7Fu) + 0x7F7F7F7Fu) | x | 0x7F7F7F7Fu) | 0x80000000u;
        unsigned n = (unsigned)__builtin_ctz(stop) >> 3; /* bytes before the stop, <= 3 */
        w &= (1u << (8 * n)) - 1u;
        memcpy(id, &w, 4);
        return;
    }
#endif
    memset(id, 0, 4);
    for (size_t i = 0; i < 3 && i < len && p[i] != elem; i++)
        id[i] = p[i];
}

/* Offset of the first terminator at or after pos, or s->len: the blocks
 * not marked yet, and segments that run past the end of one. */
__attribute__((noinline)) static size_t find_term(X12Scan *s, size_t pos)
{
    size_t b = pos >> 6, last = (s->len - 1) >> 6;
    uint64_t m = block(s, b)->term & (~0ull << (pos & 63));
    while (m == 0) {
        if (++b > last)
            return s->len;
        m = block(s, b)->term;
    }
    return (b << 6) + (size_t)__builtin_ctzll(m);
}

bool x12_scan_next(X12Scan *s, X12Seg *seg)
{
    const size_t pos = s->pos, len = s->len;
    if (pos >= len)
        return false;
    const char *data = s->data;
    /* the common case: the next terminator is in the block marked last */
    const X12Block *k = &s->ring[(pos >> 6) & (X12_RING - 1)];
    uint64_t m = k->term & (~0ull << (pos & 63));
    size_t t = k->tag == (pos >> 6) + 1 && m != 0 ? (pos & ~(size_t)63) + (size_t)__builtin_ctzll(m)
                                                   : find_term(s, pos);
    seg->p = data + pos;
    seg->off = pos;
    seg->len = t - pos;
    seg->scan = s;
    seg->terminated = t < len;
    seg->marked = false;
    size_t next = len;
    if (t < len)
        next = skip_ws(data, len, t + 1);
    s->pos = next;
    seg->next = next;
    seg_id(data + pos, t - pos, len - pos, s->seps.elem, seg->id);
    return true;
}

bool x12_scan_next_marked_slow(X12Scan *s, X12Seg *seg)
{
    if (s->pos >= s->len)
        return false;
    /* X12_RING / 2 blocks at a time: the inline path then finds the next
     * ones marked (half the ring, so a segment's blocks stay for x12_split) */
    const size_t b = s->pos >> 6, lastb = (s->len - 1) >> 6;
    const size_t end = lastb + 1 < b + X12_RING / 2 ? lastb + 1 : b + X12_RING / 2;
    const size_t whole = s->len >> 6 < end ? s->len >> 6 : end; /* blocks below are whole */
    size_t i = b;
    while (i < whole && s->ring[i & (X12_RING - 1)].tag == i + 1)
        i++;
    if (i < whole)
        mark_run(s, i, whole);
    for (i = whole > b ? whole : b; i < end; i++)
        block(s, i); /* the last, partial block */
    int r = x12_scan_marked(s, seg);
    if (r >= 0)
        return r != 0;
    /* longer than the 64 bytes at hand, unterminated, or a repetition */
    return x12_scan_next(s, seg);
}

/* The skips' byte classes: one load a segment tells whitespace and the
 * first bytes wanted apart (set once per list of firsts). */
enum { CLS_WS = 1, CLS_WANT = 2 };

static unsigned char *skip_classes(X12Scan *s, const char *firsts)
{
    unsigned char *const cls = s->skip_class;
    if (s->skip_firsts != firsts) {
        memset(cls, 0, sizeof(s->skip_class));
        cls['\r'] = cls['\n'] = cls[' '] = cls['\t'] = CLS_WS;
        for (const char *f = firsts; *f != '\0'; f++)
            cls[(unsigned char)*f] |= CLS_WANT; /* whitespace is skipped first */
        s->skip_firsts = firsts;
    }
    return cls;
}

/* The segment after the terminator at t: *pos its first byte, past "~\n"
 * (the common layout) or other whitespace, *c that byte. When the
 * terminator is itself whitespace (ws_term), the whitespace skipped holds
 * no terminator: its bits leave *m (moved to the block *b of *pos);
 * otherwise the bits left in *m (or the blocks after) are the next ones.
 * False at the end of the data (*pos >= len). */
static inline bool after_term(X12Scan *s, const unsigned char *cls, bool ws_term, size_t t,
                              size_t *pos, size_t *b, uint64_t *m, unsigned char *c)
{
    const char *data = s->data;
    const size_t len = s->len;
    size_t p = t + 1;
    *pos = p;
    if (p >= len)
        return false;
    unsigned char ch = (unsigned char)data[p];
    if (cls[ch] & CLS_WS) {
        if (ch == '\n' && p + 1 < len && (unsigned char)data[p + 1] > ' ')
            p++;
        else
            p = skip_ws(data, len, p);
        *pos = p;
        if (p >= len)
            return false;
        ch = (unsigned char)data[p];
        if (ws_term) {
            if (p >> 6 != *b) {
                *b = p >> 6;
                *m = block(s, *b)->term;
            }
            *m &= ~0ull << (p & 63);
        }
    }
    *c = ch;
    return true;
}

/* *last: the segment [start, end), terminated at end, the next one at next. */
static void set_last(X12Scan *s, X12Seg *last, size_t start, size_t end, size_t next)
{
    last->p = s->data + start;
    last->off = start;
    last->len = end - start;
    last->scan = s;
    last->terminated = true;
    last->marked = false;
    last->next = next;
    seg_id(s->data + start, end - start, s->len - start, s->seps.elem, last->id);
}

uint64_t x12_scan_skip(X12Scan *s, const char *firsts, X12Seg *last)
{
    const unsigned char *const cls = skip_classes(s, firsts);
#define WANTED(c) (cls[(unsigned char)(c)] & CLS_WANT)
    const char *data = s->data;
    const size_t len = s->len, lastb = len > 0 ? (len - 1) >> 6 : 0;
    size_t pos = s->pos, start = pos, t = pos;
    /* stop after about X12_SKIP_MAX bytes so that the caller releases the
     * pages behind (x12_release_maybe) on any input */
    const size_t stop = len - pos > X12_SKIP_MAX ? pos + X12_SKIP_MAX : len;
    uint64_t n = 0;
    if (pos >= len || WANTED(data[pos]))
        return 0;
    const unsigned char term = (unsigned char)s->seps.term;
    const bool ws_term = term <= ' ' && ((WS_MASK >> term) & 1);
    /* the terminators of the current block, walked in a register */
    size_t b = pos >> 6;
    uint64_t m = block(s, b)->term & (~0ull << (pos & 63));
    for (;;) {
        if (m == 0) {
            if (++b > lastb)
                break; /* the segment at pos is unterminated: x12_scan_next's */
            m = block(s, b)->term;
            continue;
        }
        start = pos;
        t = (b << 6) + (size_t)__builtin_ctzll(m);
        m &= m - 1;
        n++;
        unsigned char c = 0;
        if (!after_term(s, cls, ws_term, t, &pos, &b, &m, &c))
            break;
        if (pos >= stop || WANTED(c))
            break;
    }
#undef WANTED
    s->pos = pos;
    if (n > 0)
        set_last(s, last, start, t, pos);
    return n;
}

/* x12_scan_skip_env: what the segment at p is to pass 1 (avail > 0
 * bytes left in the buffer): 2 one it stops at (ST, SE, GS, GE, ISA,
 * IEA), 1 a CLM, 0 another. Its ID as x12_scan_next reads it: up to three
 * bytes before an element separator, the terminator or the end. */
static inline int env_kind(const char *p, size_t avail, char elem, char term)
{
    char id[3] = {0, 0, 0};
    for (size_t i = 0; i < 3 && i < avail && p[i] != elem && p[i] != term; i++)
        id[i] = p[i];
    switch (id[0]) {
    case 'C':
        return id[1] == 'L' && id[2] == 'M';
    case 'I':
        return (id[1] == 'S' || id[1] == 'E') && id[2] == 'A' ? 2 : 0;
    case 'S':
        return (id[1] == 'T' || id[1] == 'E') && id[2] == '\0' ? 2 : 0;
    case 'G':
        return (id[1] == 'S' || id[1] == 'E') && id[2] == '\0' ? 2 : 0;
    default:
        return 0;
    }
}

uint64_t x12_scan_skip_env(X12Scan *s, uint64_t *claims, X12Seg *last)
{
    /* the first bytes env_kind needs to look at; the rest are counted on */
    static const char firsts[] = "SGIC";
    const unsigned char *const cls = skip_classes(s, firsts);
    const char *data = s->data;
    const char elem = s->seps.elem, term = s->seps.term;
    const size_t len = s->len, lastb = len > 0 ? (len - 1) >> 6 : 0, none = (size_t)-1;
    const size_t pos0 = s->pos;
    size_t pos = pos0;
    /* stop after about X12_SKIP_MAX bytes so that the caller releases the
     * pages behind (x12_release_maybe) on any input */
    const size_t stop = len - pos > X12_SKIP_MAX ? pos + X12_SKIP_MAX : len;
    uint64_t n = 0, nclm = 0;
    *claims = 0;
    if (pos >= len)
        return 0;
    /* clm: the segment at pos is a CLM, counted once it is terminated */
    int clm = 0;
    if (cls[(unsigned char)data[pos]] & CLS_WANT) {
        clm = env_kind(data + pos, len - pos, elem, term);
        if (clm == 2)
            return 0;
    }
    const bool ws_term = cls[(unsigned char)term] & CLS_WS;
    /* whole blocks where no ID pass 1 looks at can begin (no CL, ST, SE,
     * GS, GE, IS, IE after a terminator or whitespace) have their
     * terminators counted at once; the others are walked one by one */
#if ENV_FAST
    const bool fast = !ws_term;
#endif
    size_t tl = none, tp = none; /* the last two terminators counted */
    bool stale = false;          /* pos is behind: blocks were counted whole */
    size_t b = pos >> 6;
    uint64_t m = block(s, b)->term & (~0ull << (pos & 63));
    for (;;) {
        if (m == 0) {
            if (++b > lastb)
                break; /* the segment at pos is unterminated: x12_scan_next's */
#if ENV_FAST
            /* blocks whole below lim: byte 64 of each is read too */
            const size_t lim = len - 1 < stop ? len - 1 : stop;
            if (fast && (b << 6) + 64 < lim) {
                const uint64_t before = n;
                b = env_run(data, b, lim, term, &n, &tl, &tp, &m);
                if (n != before) {
                    nclm += (uint64_t)clm; /* its terminator was the first */
                    clm = 0;
                    stale = true;
                }
                if (m == 0) {
                    /* not whole below lim: walked one by one */
                    if (b > lastb)
                        break;
                    m = block(s, b)->term;
                }
            } else {
                m = block(s, b)->term;
            }
#else
            m = block(s, b)->term;
#endif
            if (stale) {
                /* the segment after the blocks counted whole */
                stale = false;
                pos = skip_ws(data, len, tl + 1);
                if (pos >= len || pos >= stop)
                    break;
                if (cls[(unsigned char)data[pos]] & CLS_WANT) {
                    clm = env_kind(data + pos, len - pos, elem, term);
                    if (clm == 2)
                        break;
                }
            }
            continue;
        }
        tp = tl;
        tl = (b << 6) + (size_t)__builtin_ctzll(m);
        m &= m - 1;
        n++;
        nclm += (uint64_t)clm;
        clm = 0;
        unsigned char c = 0;
        if (!after_term(s, cls, ws_term, tl, &pos, &b, &m, &c))
            break;
        if (pos >= stop)
            break;
        if (cls[c] & CLS_WANT) {
            clm = env_kind(data + pos, len - pos, elem, term);
            if (clm == 2)
                break;
        }
    }
    if (stale)
        pos = skip_ws(data, len, tl + 1);
    s->pos = pos;
    *claims = nclm;
    if (n > 0) {
        const size_t start = tp == none ? pos0 : skip_ws(data, len, tp + 1);
        set_last(s, last, start, tl, pos);
    }
    return n;
}

#define EMIT(at)                                                          \
    do {                                                                  \
        out->e[n].p = base + el;                                          \
        out->e[n].n = (cut != none && cut < (at) ? cut : (at)) - el;      \
        if (++n == X12_MAX_ELEMS)                                         \
            goto done;                                                    \
        el = (at) + 1;                                                    \
        cut = none;                                                       \
    } while (0)

/* x12_split from the separators the scanner marked; false when they are
 * not at hand (another scanner's segment, no element marks, or a segment
 * longer than the blocks kept). */
static bool split_marked(const X12Seg *seg, const X12Seps *seps, X12Elems *out)
{
    const X12Scan *s = seg->scan;
    if (s == NULL || !s->elems)
        return false;
    const size_t len = seg->len, off = seg->off, none = (size_t)-1;
    /* the ISA parse leaves rep NUL when there is no repetition separator */
    if (len == 0 || seg->p != s->data + off || s->seps.elem != seps->elem ||
        s->seps.rep != seps->rep || s->seps.has_rep != seps->has_rep)
        return false;
    const size_t b0 = off >> 6, b1 = (off + len - 1) >> 6, end = off + len;
    if (b0 == b1) {
        /* most segments lie in one block: its bits shifted to segment
         * offsets, no block loop */
        const X12Block *k = &s->ring[b0 & (X12_RING - 1)];
        if (k->tag != b0 + 1)
            return false;
        const unsigned sh = (unsigned)(off & 63);
        const uint64_t keep = len == 64 ? ~0ull : (1ull << len) - 1;
        uint64_t hs = (k->elem >> sh) & keep, hr = (k->rep >> sh) & keep;
        if (hr == 0) {
            const char *base = seg->p;
            X12Slice *e = out->e, *const lim = out->e + X12_MAX_ELEMS;
            size_t el = 0;
            for (; hs != 0; hs &= hs - 1) {
                size_t at = (size_t)__builtin_ctzll(hs);
                e->p = base + el;
                e->n = at - el;
                el = at + 1;
                if (++e == lim)
                    goto one_done;
            }
            e->p = base + el;
            e->n = len - el;
            e++;
        one_done:
            out->count = (int)(e - out->e);
            return true;
        }
    }
    if (b1 - b0 >= X12_RING)
        return false;
    for (size_t b = b0; b <= b1; b++)
        if (s->ring[b & (X12_RING - 1)].tag != b + 1)
            return false;
    const char *base = seg->p;
    X12Slice *e = out->e, *const lim = out->e + X12_MAX_ELEMS;
    size_t el = 0, cut = none;
    for (size_t b = b0; b <= b1; b++) {
        const X12Block *k = &s->ring[b & (X12_RING - 1)];
        const size_t delta = (b << 6) - off; /* block bit i is segment byte delta + i */
        uint64_t keep = b == b0 ? ~0ull << (off & 63) : ~0ull;
        if (end - (b << 6) < 64)
            keep &= (1ull << (end - (b << 6))) - 1;
        uint64_t hs = k->elem & keep, hr = k->rep & keep;
        if (hr == 0 && cut == none) {
            /* no repetition to cut at: element ends only */
            for (; hs != 0; hs &= hs - 1) {
                size_t at = delta + (size_t)__builtin_ctzll(hs);
                e->p = base + el;
                e->n = at - el;
                el = at + 1;
                if (++e == lim)
                    goto done;
            }
            continue;
        }
        for (uint64_t m = hs | hr; m != 0; m &= m - 1) {
            unsigned bit = (unsigned)__builtin_ctzll(m);
            size_t at = delta + bit;
            if (hs & (1ull << bit)) {
                e->p = base + el;
                e->n = (cut != none && cut < at ? cut : at) - el;
                el = at + 1;
                cut = none;
                if (++e == lim)
                    goto done;
            } else if (cut == none) {
                cut = at; /* a repetition: keep the first only */
            }
        }
    }
    e->p = base + el;
    e->n = (cut != none ? cut : len) - el;
    e++;
done:
    out->count = (int)(e - out->e);
    return true;
}

/* One pass over the segment eight bytes at a time: a mask of separator
 * positions per word, walked bit by bit (elements are a few bytes long, too
 * short to search for one at a time). */
static void split_words(const X12Seg *seg, const X12Seps *seps, X12Elems *out)
{
    const char *base = seg->p;
    const size_t len = seg->len, none = (size_t)-1;
    const uint64_t ones = 0x0101010101010101ull;
    const uint64_t ps = ones * (unsigned char)seps->elem, pr = ones * (unsigned char)seps->rep;
    const bool has_rep = seps->has_rep;
    size_t el = 0, cut = none, i = 0;
    int n = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t v;
        memcpy(&v, base + i, 8);
        uint64_t hs = zero_bytes(v ^ ps), hr = has_rep ? zero_bytes(v ^ pr) : 0;
        uint64_t m = hs | hr;
        while (m != 0) {
            unsigned bit = (unsigned)__builtin_ctzll(m);
            size_t at = i + (bit >> 3);
            if (hs & (1ull << bit))
                EMIT(at);
            else if (cut == none)
                cut = at; /* a repetition: keep the first only */
            m &= m - 1;
        }
    }
    for (; i < len; i++) {
        char c = base[i];
        if (c == seps->elem)
            EMIT(i);
        else if (has_rep && c == seps->rep && cut == none)
            cut = i;
    }
    out->e[n].p = base + el;
    out->e[n].n = (cut != none ? cut : len) - el;
    n++;
done:
    out->count = n;
}
#undef EMIT

void x12_split(const X12Seg *seg, const X12Seps *seps, X12Elems *out)
{
    if (!split_marked(seg, seps, out))
        split_words(seg, seps, out);
}

static bool all_digits(X12Slice s)
{
    if (s.n == 0)
        return false;
    for (size_t i = 0; i < s.n; i++)
        if (!isdigit((unsigned char)s.p[i]))
            return false;
    return true;
}

bool x12_ctl_eq(X12Slice a, X12Slice b)
{
    if (all_digits(a) && all_digits(b)) {
        while (a.n > 1 && a.p[0] == '0') { a.p++; a.n--; }
        while (b.n > 1 && b.p[0] == '0') { b.p++; b.n--; }
    }
    return a.n == b.n && memcmp(a.p, b.p, a.n) == 0;
}

bool x12_version_ok(X12Slice v)
{
    return x12_eq(v, "005010X222A1") || x12_eq(v, "005010X222A2") || x12_eq(v, "005010X222");
}

static bool starts(X12Slice v, const char *lit)
{
    size_t n = strlen(lit);
    return v.n >= n && memcmp(v.p, lit, n) == 0;
}

const char *x12_version_why(X12Slice v)
{
    if (v.n == 0)
        return "no version";
    if (starts(v, "005010X223"))
        return "an 837I institutional claim, not an 837P";
    if (starts(v, "005010X224"))
        return "an 837D dental claim, not an 837P";
    if (starts(v, "004010"))
        return "the retired 4010 version";
    if (starts(v, "005010X231"))
        return "a 999 acknowledgement, not an 837P";
    if (starts(v, "005010X221"))
        return "an 835 remittance, not an 837P";
    if (starts(v, "005010X214"))
        return "a 277CA acknowledgement, not an 837P";
    return "not an accepted 837P version";
}

void x12_no_comp_hint_write(char *buf, size_t size, char comp)
{
    snprintf(buf, size, " (no component separator '%c' in it)", comp);
}
