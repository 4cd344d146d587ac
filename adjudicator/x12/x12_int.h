/* Internals of the 837P reader shared by its files: separators, the segment
 * scanner, element splitting, the envelope pass and the loop builder.
 * Nothing here allocates per segment; elements are borrowed slices. */
#ifndef ADJ_X12_X12_INT_H
#define ADJ_X12_X12_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "x12/x12.h"

/* module-internal: not exported from libadjudicator.so */
#pragma GCC visibility push(hidden)

#define X12_ISA_LEN 106      /* fixed-width ISA including its terminator */
#define X12_MAX_ELEMS 32     /* elements kept per segment (HI has 12, CLM 20) */
#define X12_MAX_COMPS 10     /* components kept per composite (SV101 has 8) */

typedef struct X12Seps {
    char elem, comp, rep, term;
    bool has_rep; /* ISA11 is a real repetition separator (DESIGN 9) */
} X12Seps;

typedef struct X12Slice {
    const char *p;
    size_t n;
} X12Slice;

/* Elements of a segment: e[0] is the ID; e[i] is element i ("" when absent). */
typedef struct X12Elems {
    X12Slice e[X12_MAX_ELEMS];
    int count;
} X12Elems;

struct X12Scan;

/* One segment: p..p+len excludes the terminator. */
typedef struct X12Seg {
    const char *p;
    size_t len;
    size_t off;     /* offset of p in the buffer */
    size_t next;    /* offset just past the terminator and whitespace */
    char id[4];     /* segment ID, first three characters, NUL-terminated */
    bool terminated;/* false: the buffer ended before a terminator */
    /* the scanner that found it: x12_split reads the separator positions it
     * already marked instead of the bytes again (NULL: read the bytes) */
    const struct X12Scan *scan;
    /* marked (x12_scan_next_marked, a segment of fewer than 64 bytes with
     * no repetition separator): bit i of emask is an element separator at
     * byte i, for x12_split_upto */
    bool marked;
    uint64_t emask;
} X12Seg;

/* Separator positions of one 64-byte block of the buffer: bit i stands for
 * byte 64 * index + i. The scanner marks a block once, with SSE2 or AVX2
 * compares where the compiler targets them (a word-at-a-time fallback
 * elsewhere), and keeps the last X12_RING blocks. */
#define X12_RING 16
typedef struct X12Block {
    size_t tag;         /* block index + 1; 0: not marked yet */
    uint64_t term;      /* segment terminators */
    uint64_t elem, rep; /* element and repetition separators (X12Scan.elems) */
} X12Block;

/* Set data, len, pos and seps (and elems); the rest starts zeroed. pos may
 * be moved between calls. */
typedef struct X12Scan {
    const char *data;
    size_t len;
    size_t pos;
    X12Seps seps;
    bool elems; /* also mark element separators: x12_split will be called */
    X12Block ring[X12_RING];
    /* x12_scan_skip's class of each byte (1 whitespace, 2 one of firsts),
     * built for the firsts string it was last called with */
    const char *skip_firsts;
    unsigned char skip_class[256];
} X12Scan;


typedef struct X12Comps {
    X12Slice c[X12_MAX_COMPS];
    int count;
} X12Comps;

/* Skip CR, LF, space and tab (DESIGN 9: tolerated between segments). */
size_t x12_skip_ws(const char *data, size_t len, size_t pos);
/* Parse the fixed-width ISA at data[pos]; on failure writes why into why. */
bool x12_isa_parse(const char *data, size_t len, size_t pos, X12Seps *seps,
                   char isa13[10], char *why, size_t why_size);
/* Next segment from s->pos; false at the end of the buffer. */
/* Which block marking is in use: "avx2" (x86 CPUs that have it), "sse2"
 * (other x86) or "swar" (other CPUs, or built with -DX12_PORTABLE). */
const char *x12_scan_simd(void);
/* Use another marking ("sse2" on a CPU with AVX2); false when this build
 * or CPU cannot. For tests and comparisons; not thread-safe. */
bool x12_scan_set_simd(const char *name);
bool x12_scan_next(X12Scan *s, X12Seg *seg);
/* Move s->pos past the terminated segments that follow whose first byte is
 * not one of firsts (NUL never is), X12_SKIP_MAX bytes or so at most, and
 * return how many; *last is then the last of them, as x12_scan_next would
 * have returned it (left alone when none). For a caller that counts all
 * segments but reads only a few IDs: one test a segment. firsts is a
 * constant string: its byte classes are kept in s by its address. */
#define X12_SKIP_MAX ((size_t)1 << 20)
uint64_t x12_scan_skip(X12Scan *s, const char *firsts, X12Seg *last);
/* Pass 1 inside a set: as x12_scan_skip, but moves past every terminated
 * segment except ST, SE, GS, GE, ISA and IEA (by ID) and counts the CLM
 * segments among those it moved past into *claims. */
uint64_t x12_scan_skip_env(X12Scan *s, uint64_t *claims, X12Seg *last);
/* Split a segment into elements; a repeated element keeps its first
 * repetition only when the interchange has a repetition separator. */
void x12_split(const X12Seg *seg, const X12Seps *seps, X12Elems *out);
/* Inline: composites are a few bytes (SV101 "HC:99213"). */
static inline void x12_split_comps(X12Slice el, char comp, X12Comps *out)
{
    const char *p = el.p, *const end = el.p + el.n, *start = p;
    X12Slice *c = out->c, *const last = out->c + X12_MAX_COMPS - 1;
    for (; p != end; p++) {
        if (*p != comp)
            continue;
        c->p = start;
        c->n = (size_t)(p - start);
        start = p + 1;
        if (c == last) {
            out->count = X12_MAX_COMPS; /* the tenth ends at its separator */
            return;
        }
        c++;
    }
    c->p = start;
    c->n = (size_t)(end - start);
    out->count = (int)(c - out->c) + 1;
}
static inline X12Slice x12_el(const X12Elems *e, int i)
{
    X12Slice none = {"", 0};
    return i < e->count ? e->e[i] : none;
}
static inline X12Slice x12_comp(const X12Comps *c, int i)
{
    X12Slice none = {"", 0};
    return i < c->count ? c->c[i] : none;
}
/* The segment at s->pos from the marks of its block and the next one, its
 * element separators kept in seg->emask, when the blocks are marked and it
 * is a terminated segment of fewer than 64 bytes with no repetition
 * separator: 1 (read), 0 (the end of the buffer), -1 (not at hand: the
 * caller takes the slow path). */
static inline int x12_scan_marked(X12Scan *s, X12Seg *seg)
{
    const size_t pos = s->pos, len = s->len;
    if (pos >= len)
        return 0;
    const size_t b = pos >> 6;
    const unsigned sh = (unsigned)(pos & 63);
    const X12Block *k = &s->ring[b & (X12_RING - 1)];
    if (k->tag != b + 1)
        return -1;
    uint64_t tm = k->term >> sh, em = k->elem >> sh, rm = k->rep >> sh;
    if (tm == 0) {
        const X12Block *k1 = &s->ring[(b + 1) & (X12_RING - 1)];
        if (sh == 0 || k1->tag != b + 2)
            return -1;
        tm = k1->term << (64 - sh);
        em |= k1->elem << (64 - sh);
        rm |= k1->rep << (64 - sh);
        if (tm == 0)
            return -1;
    }
    const size_t n = (size_t)__builtin_ctzll(tm);
    const uint64_t below = (1ull << n) - 1; /* n < 64 */
    if (rm & below)
        return -1; /* a repetition to cut at */
    em &= below;
    const char *data = s->data, *base = data + pos;
    seg->p = base;
    seg->off = pos;
    seg->len = n;
    seg->scan = s;
    seg->terminated = true; /* marks stop at s->len */
    seg->marked = true;
    seg->emask = em;
    size_t next = pos + n + 1;
    if (next < len && (unsigned char)data[next] <= ' ') {
        /* "~\n" then the next segment: the common layout */
        if (data[next] == '\n' && next + 1 < len && (unsigned char)data[next + 1] > ' ')
            next++;
        else
            next = x12_skip_ws(data, len, next);
    }
    s->pos = next;
    seg->next = next;
    /* the ID: up to three bytes before the first element separator */
    const size_t e0 = (size_t)__builtin_ctzll(em | (1ull << n)), idn = e0 < 3 ? e0 : 3;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (len - pos >= 4) {
        uint32_t w;
        __builtin_memcpy(&w, base, 4);
        w &= (1u << (8 * idn)) - 1u;
        __builtin_memcpy(seg->id, &w, 4);
        return 1;
    }
#endif
    __builtin_memset(seg->id, 0, 4);
    for (size_t i = 0; i < idn; i++)
        seg->id[i] = base[i];
    return 1;
}
/* The marking and everything the inline path leaves. */
bool x12_scan_next_marked_slow(X12Scan *s, X12Seg *seg);
/* Next segment (s->elems set), as x12_scan_next finds it, from the marks;
 * its elements are split on demand by x12_split_upto. */
static inline bool x12_scan_next_marked(X12Scan *s, X12Seg *seg)
{
    int r = x12_scan_marked(s, seg);
    if (__builtin_expect(r >= 0, 1))
        return r != 0;
    return x12_scan_next_marked_slow(s, seg);
}
/* The first max elements of a segment (1 <= max <= X12_MAX_ELEMS), as
 * x12_split gives them: from the marks kept when it was marked, else all
 * of them by x12_split. The caller reads elements below max only. */
static inline void x12_split_upto(const X12Seg *seg, const X12Seps *seps, X12Elems *out,
                                  int max)
{
    if (!seg->marked) {
        x12_split(seg, seps, out);
        return;
    }
    uint64_t em = seg->emask;
    const char *const base = seg->p;
    const char *q = base;
    X12Slice *e = out->e, *const last = out->e + max - 1;
    for (; em != 0 && e != last; em &= em - 1) {
        const char *at = base + (size_t)__builtin_ctzll(em);
        e->p = q;
        e->n = (size_t)(at - q);
        q = at + 1;
        e++;
    }
    e->p = q;
    if (em != 0) {
        /* the last one kept ends at the next separator */
        e->n = (size_t)(base + (size_t)__builtin_ctzll(em) - q);
        out->count = max;
        return;
    }
    e->n = (size_t)(base + seg->len - q);
    out->count = (int)(e - out->e) + 1;
}
/* Inline so that strlen of a literal folds to a constant. */
static inline bool x12_eq(X12Slice s, const char *lit)
{
    size_t n = __builtin_strlen(lit);
    return s.n == n && __builtin_memcmp(s.p, lit, n) == 0;
}
/* Copy into a fixed field; false when it did not fit (copy truncated).
 * Inline: fields are a few bytes, copied in two overlapping moves. */
static inline bool x12_copy(char *dst, size_t size, X12Slice s)
{
    const size_t n = s.n < size - 1 ? s.n : size - 1;
    const char *p = s.p;
    if (n >= 8) {
        if (n <= 16) {
            __builtin_memcpy(dst, p, 8);
            __builtin_memcpy(dst + n - 8, p + n - 8, 8);
        } else {
            __builtin_memcpy(dst, p, n);
        }
    } else if (n >= 4) {
        __builtin_memcpy(dst, p, 4);
        __builtin_memcpy(dst + n - 4, p + n - 4, 4);
    } else if (n > 0) {
        dst[0] = p[0];
        dst[n / 2] = p[n / 2];
        dst[n - 1] = p[n - 1];
    }
    dst[n] = '\0';
    return n == s.n;
}
/* Control numbers compare numerically when both are digits, else exactly. */
bool x12_ctl_eq(X12Slice a, X12Slice b);
/* Accepted 837P versions (DESIGN 9): 005010X222, -A1, -A2. */
bool x12_version_ok(X12Slice v);
/* Why a version is not accepted, for the error line. */
const char *x12_version_why(X12Slice v);

/* What pass 1 learnt of a set (x12.h): accepted, claims, where SE ends. */
typedef AdjX12SetAck X12SetInfo;

/* Length to print of a value in a message (values can be huge). */
static inline int x12_clip(size_t n) { return n > 40 ? 40 : (int)n; }
/* " (no component separator ':' in it)" when a composite has none, else "". */
void x12_no_comp_hint_write(char *buf, size_t size, char comp);
static inline void x12_no_comp_hint(char *buf, size_t size, X12Slice s, char comp)
{
    /* composites are short and have their separator early: no call */
    for (size_t i = 0; i < s.n; i++) {
        if (s.p[i] == comp) {
            buf[0] = '\0';
            return;
        }
    }
    if (s.n > 0)
        x12_no_comp_hint_write(buf, size, comp);
    else
        buf[0] = '\0';
}
/* 2400 segments into a line of c (l NULL: SV1 outside a 2400 loop). */
void x12_line_sv1(AdjClaim *c, AdjLine *l, const X12Elems *el, char comp, uint32_t segno);
void x12_line_dtp(AdjClaim *c, AdjLine *l, const X12Elems *el, uint32_t segno);

/* Reader state shared by the passes of one buffer. */
typedef struct X12Reader {
    const char *name;
    const char *data;
    size_t len;
    const AdjX12Handler *h;
    AdjX12Stats *st;
    /* drop pages [from, upto) behind the cursor (mapped files); may be NULL */
    void (*release)(void *ctx, size_t from, size_t upto);
    void *release_ctx;
    size_t released_to; /* this pass has dropped everything below */
    /* what pass 1 learnt of the i-th ST of the interchange (16 bytes a set;
     * sets hold many claims, so this stays small) */
    X12SetInfo *sets;
    size_t sets_cap;
    AdjClaim *claim; /* the one claim being built (about 15 KB) */
    /* functional groups of the interchange pass 1 is checking, and what it
     * found of the interchange itself (for the interchange callback) */
    AdjX12GroupAck *groups;
    size_t groups_cap, ngroups;
    AdjX12Interchange ix;
} X12Reader;

void x12_diag(X12Reader *r, uint64_t segment, const char *seg_id, const char *claim_id,
              const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Drop the pages of the input below upto, from where this pass last
 * dropped; x12_rewind starts a new pass at off. Resident memory then stays
 * at about X12_RELEASE_EVERY whatever the size of a set or a file. */
#define X12_RELEASE_EVERY ((size_t)4 << 20)
void x12_release(X12Reader *r, size_t upto);
void x12_rewind(X12Reader *r, size_t off);
static inline void x12_release_maybe(X12Reader *r, size_t at)
{
    if (at > r->released_to + X12_RELEASE_EVERY)
        x12_release(r, at - X12_RELEASE_EVERY / 2);
}

/* The ISA elements at data[pos] for a TA1 (even when the ISA is not the
 * fixed-width header the reader needs), and when x12_isa_parse refused it,
 * the TA1 note code that says why (isa.c). */
void x12_isa_fields(const char *data, size_t len, size_t pos, AdjX12Interchange *ix);
const char *x12_isa_note(const char *data, size_t len, size_t pos);

/* Pass 1: check the interchange whose ISA is at isa_off; returns the offset
 * where the next interchange may start and whether it was accepted. Fills
 * r->sets with what it learnt of each set. */
size_t x12_envelope_check(X12Reader *r, size_t isa_off, bool *accepted, uint64_t *nsets);
/* Pass 2: read the accepted sets of an accepted interchange into claims. */
AdjStatus x12_interchange_emit(X12Reader *r, size_t isa_off, size_t end_off, AdjError *err);
/* Loop builder over one accepted set (ST at st_off, SE ends at se_end). */
AdjStatus x12_set_emit(X12Reader *r, const X12Seps *seps, const AdjX12Set *set,
                       size_t st_off, size_t se_end, AdjError *err);

#pragma GCC visibility pop

/* ISA08 (trimmed) and ISA15 of the fixed-width ISA at isa (cob.c). */
void x12_receiver_usage(const char *isa, char *isa08, size_t size, char *usage);

/* Coordination of benefits (cob.c, issue 13): 2320 AMT*D, 2430 SVD, CAS
 * and DTP*573 into the claim and its current line; an unreadable amount
 * is a problem naming the segment. */
void x12_cob_amt(AdjClaim *c, const X12Elems *el, uint32_t segno);
void x12_cob_svd(AdjClaim *c, AdjLine *line, const X12Elems *el, uint32_t segno);
void x12_cob_cas(AdjClaim *c, AdjLine *line, const X12Elems *el, uint32_t segno);
void x12_cob_line_date(AdjLine *line, const X12Elems *el);

#endif
