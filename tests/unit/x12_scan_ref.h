/* A byte-at-a-time reference of the X12 scanner (segments, IDs, elements,
 * x12_scan_skip) and a checker that walks a buffer with both and reports
 * the first difference. Shared by tests/unit/test_x12_scan.c (random and
 * hand-made buffers) and tests/fuzz/fuzz_x12.c (fuzzer-made buffers).
 * Slow on purpose: nothing clever that could share a bug with scan.c. */
#ifndef ADJ_TESTS_X12_SCAN_REF_H
#define ADJ_TESTS_X12_SCAN_REF_H

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "x12/x12_int.h"

typedef struct RefSeg {
    size_t off, len, next;
    bool terminated;
    char id[4];
} RefSeg;

static inline bool ref_ws(char c)
{
    return c == '\r' || c == '\n' || c == ' ' || c == '\t';
}

/* The segment at pos (pos < len). */
static inline RefSeg ref_seg(const char *d, size_t len, size_t pos, const X12Seps *s)
{
    RefSeg g = {.off = pos};
    size_t t = pos;
    while (t < len && d[t] != s->term)
        t++;
    g.len = t - pos;
    g.terminated = t < len;
    g.next = len;
    if (g.terminated) {
        g.next = t + 1;
        while (g.next < len && ref_ws(d[g.next]))
            g.next++;
    }
    memset(g.id, 0, sizeof(g.id));
    for (size_t i = 0; i < 3 && i < g.len && d[pos + i] != s->elem; i++)
        g.id[i] = d[pos + i];
    return g;
}

/* Elements as offsets and lengths within the segment. */
static inline int ref_split(const char *p, size_t len, const X12Seps *s, size_t off[],
                            size_t n[])
{
    int k = 0;
    size_t start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && p[i] != s->elem)
            continue;
        size_t end = i;
        for (size_t j = start; s->has_rep && j < i; j++)
            if (p[j] == s->rep) {
                end = j;
                break;
            }
        off[k] = start;
        n[k] = end - start;
        if (++k == X12_MAX_ELEMS)
            break;
        start = i + 1;
    }
    return k;
}

static inline bool ref_seg_eq(const X12Seg *a, const RefSeg *b, const char *data)
{
    return a->p == data + b->off && a->off == b->off && a->len == b->len &&
           a->next == b->next && a->terminated == b->terminated &&
           memcmp(a->id, b->id, 4) == 0;
}

/* Walk data[0, len) from pos with the scanner and the reference: every
 * segment and its split (elems), and x12_scan_skip(firsts) before each
 * segment (firsts != NULL); with elems, pass 2's x12_scan_next_marked and x12_split_upto. jump != 0: every jump-th segment, move pos to
 * the next segment's start plus 0 to 2 as a caller may. False and why on the
 * first difference. Buffers shorter than X12_SKIP_MAX: the reference skips
 * without that limit. */
static inline bool ref_check(const char *data, size_t len, size_t pos, const X12Seps *seps,
                             bool elems, const char *firsts, unsigned jump, char *why,
                             size_t why_size)
{
    X12Scan s = {.data = data, .len = len, .pos = pos, .seps = *seps, .elems = elems};
    X12Seg seg;
    X12Elems el;
    size_t roff[X12_MAX_ELEMS], rn[X12_MAX_ELEMS];
    unsigned count = 0;
    for (;;) {
        if (firsts != NULL) {
            size_t rpos = pos;
            uint64_t rskipped = 0;
            RefSeg rlast = {0};
            /* (strchr would find a NUL byte: the terminating one) */
            while (rpos < len && (data[rpos] == '\0' || strchr(firsts, data[rpos]) == NULL)) {
                RefSeg g = ref_seg(data, len, rpos, seps);
                if (!g.terminated)
                    break;
                rlast = g;
                rskipped++;
                rpos = g.next;
            }
            /* x12_scan_skip_env from the same place, with its own scanner:
             * past everything but ST, SE, GS, GE, ISA, IEA, counting CLM */
            {
                X12Scan s2 = {.data = data, .len = len, .pos = pos, .seps = *seps};
                X12Seg seg2;
                size_t epos = pos;
                uint64_t eskipped = 0, eclm = 0, gclm = 0;
                RefSeg elast = {0};
                while (epos < len) {
                    RefSeg g = ref_seg(data, len, epos, seps);
                    const char *id = g.id;
                    if (strcmp(id, "ST") == 0 || strcmp(id, "SE") == 0 ||
                        strcmp(id, "GS") == 0 || strcmp(id, "GE") == 0 ||
                        strcmp(id, "ISA") == 0 || strcmp(id, "IEA") == 0 || !g.terminated)
                        break;
                    eclm += strcmp(id, "CLM") == 0;
                    elast = g;
                    eskipped++;
                    epos = g.next;
                }
                uint64_t egot = x12_scan_skip_env(&s2, &gclm, &seg2);
                if (egot != eskipped || s2.pos != epos || gclm != eclm ||
                    (egot > 0 && !ref_seg_eq(&seg2, &elast, data))) {
                    snprintf(why, why_size,
                             "skip_env from %zu: scanner %llu segments (%llu CLM) to %zu, "
                             "reference %llu (%llu) to %zu",
                             pos, (unsigned long long)egot, (unsigned long long)gclm, s2.pos,
                             (unsigned long long)eskipped, (unsigned long long)eclm, epos);
                    return false;
                }
            }
            uint64_t got = x12_scan_skip(&s, firsts, &seg);
            if (got != rskipped || s.pos != rpos || (got > 0 && !ref_seg_eq(&seg, &rlast, data))) {
                snprintf(why, why_size,
                         "skip from %zu: scanner %llu segments to %zu, reference %llu to %zu", pos,
                         (unsigned long long)got, s.pos, (unsigned long long)rskipped, rpos);
                return false;
            }
            pos = rpos;
        }
        /* pass 2 reads segments with x12_scan_next_marked and splits them
         * with x12_split_upto: checked below like x12_split, whole and the
         * first three elements */
        bool more = elems ? x12_scan_next_marked(&s, &seg) : x12_scan_next(&s, &seg);
        if (more != (pos < len)) {
            snprintf(why, why_size, "at %zu: scanner %s, reference %s", pos,
                     more ? "has a segment" : "ends", pos < len ? "has a segment" : "ends");
            return false;
        }
        if (!more)
            return true;
        RefSeg g = ref_seg(data, len, pos, seps);
        if (!ref_seg_eq(&seg, &g, data)) {
            snprintf(why, why_size,
                     "segment at %zu: scanner len %zu next %zu term %d id '%.3s', reference len "
                     "%zu next %zu term %d id '%.3s'",
                     pos, seg.len, seg.next, seg.terminated, seg.id, g.len, g.next, g.terminated,
                     g.id);
            return false;
        }
        x12_split(&seg, seps, &el);
        int k = ref_split(data + pos, g.len, seps, roff, rn);
        if (el.count != k) {
            snprintf(why, why_size, "segment at %zu: %d elements, reference %d", pos, el.count, k);
            return false;
        }
        for (int i = 0; i < k; i++)
            if (el.e[i].p != data + pos + roff[i] || el.e[i].n != rn[i]) {
                snprintf(why, why_size, "segment at %zu element %d: scanner %zu+%zu, reference %zu+%zu",
                         pos, i, (size_t)(el.e[i].p - data - (ptrdiff_t)pos), el.e[i].n, roff[i],
                         rn[i]);
                return false;
            }
        if (elems) {
            X12Elems el1, el3;
            x12_split_upto(&seg, seps, &el1, X12_MAX_ELEMS);
            x12_split_upto(&seg, seps, &el3, 3);
            int k3 = k < 3 ? k : 3;
            if (el1.count != k || el3.count < k3 || (seg.marked && el3.count != k3)) {
                snprintf(why, why_size,
                         "segment at %zu: split_upto %d elements (%d of 3), reference %d", pos,
                         el1.count, el3.count, k);
                return false;
            }
            for (int i = 0; i < k; i++)
                if (el1.e[i].p != data + pos + roff[i] || el1.e[i].n != rn[i] ||
                    (i < k3 && (el3.e[i].p != el1.e[i].p || el3.e[i].n != el1.e[i].n))) {
                    snprintf(why, why_size,
                             "segment at %zu element %d: split_upto %zu+%zu, reference %zu+%zu",
                             pos, i, (size_t)(el1.e[i].p - data - (ptrdiff_t)pos), el1.e[i].n,
                             roff[i], rn[i]);
                    return false;
                }
        }
        pos = g.next;
        if (jump != 0 && ++count % jump == 0 && pos < len) {
            pos += count % 3;
            if (pos > len)
                pos = len;
            s.pos = pos;
        }
    }
}

#endif
