/* X12 lexing: the fixed-width ISA that sets the separators, segments found
 * with memchr, elements and components as borrowed slices. No allocation,
 * no copying of the input. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "x12/x12_int.h"

size_t x12_skip_ws(const char *data, size_t len, size_t pos)
{
    while (pos < len) {
        char c = data[pos];
        if (c != '\r' && c != '\n' && c != ' ' && c != '\t')
            break;
        pos++;
    }
    return pos;
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

/* First byte equal to c in [p, end), or end. Eight bytes at a time: most
 * segments are 10-40 bytes, too short for a libc memchr call to pay. */
static inline const char *find_byte(const char *p, const char *end, char c)
{
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    const uint64_t pat = ones * (unsigned char)c;
    while (end - p >= 8) {
        uint64_t v;
        memcpy(&v, p, 8);
        v ^= pat;
        uint64_t hit = (v - ones) & ~v & highs;
        if (hit != 0)
            return p + (__builtin_ctzll(hit) >> 3); /* little-endian: lowest byte first */
        p += 8;
    }
    while (p < end && *p != c)
        p++;
    return p;
}

/* First byte equal to a or b in [p, end), or end. */
static inline const char *find_byte2(const char *p, const char *end, char a, char b)
{
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    const uint64_t pa = ones * (unsigned char)a, pb = ones * (unsigned char)b;
    while (end - p >= 8) {
        uint64_t v, x, y;
        memcpy(&v, p, 8);
        x = v ^ pa;
        y = v ^ pb;
        uint64_t hit = (((x - ones) & ~x) | ((y - ones) & ~y)) & highs;
        if (hit != 0)
            return p + (__builtin_ctzll(hit) >> 3);
        p += 8;
    }
    while (p < end && *p != a && *p != b)
        p++;
    return p;
}

bool x12_scan_next(X12Scan *s, X12Seg *seg)
{
    if (s->pos >= s->len)
        return false;
    const char *start = s->data + s->pos, *end = s->data + s->len;
    const char *t = find_byte(start, end, s->seps.term);
    seg->p = start;
    seg->off = s->pos;
    seg->len = (size_t)(t - start);
    if (t < end) {
        seg->terminated = true;
        s->pos = x12_skip_ws(s->data, s->len, s->pos + seg->len + 1);
    } else {
        seg->terminated = false;
        s->pos = s->len;
    }
    seg->next = s->pos;
    memset(seg->id, 0, sizeof(seg->id));
    size_t i = 0;
    for (; i < 3 && i < seg->len && start[i] != s->seps.elem; i++)
        seg->id[i] = start[i];
    return true;
}

/* High bit set in each byte of x that is zero (exact, no borrow effects). */
static inline uint64_t zero_bytes(uint64_t x)
{
    const uint64_t lows = 0x7F7F7F7F7F7F7F7Full;
    return ~(((x & lows) + lows) | x | lows);
}

/* One pass over the segment eight bytes at a time: a mask of separator
 * positions per word, walked bit by bit (elements are a few bytes long, too
 * short to search for one at a time). */
void x12_split(const X12Seg *seg, const X12Seps *seps, X12Elems *out)
{
    const char *base = seg->p;
    const size_t len = seg->len, none = (size_t)-1;
    const uint64_t ones = 0x0101010101010101ull;
    const uint64_t ps = ones * (unsigned char)seps->elem, pr = ones * (unsigned char)seps->rep;
    const bool has_rep = seps->has_rep;
    size_t el = 0, cut = none, i = 0;
    int n = 0;
#define EMIT(at)                                                          \
    do {                                                                  \
        out->e[n].p = base + el;                                          \
        out->e[n].n = (cut != none && cut < (at) ? cut : (at)) - el;      \
        if (++n == X12_MAX_ELEMS)                                         \
            goto done;                                                    \
        el = (at) + 1;                                                    \
        cut = none;                                                       \
    } while (0)
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
#undef EMIT
}

void x12_split_comps(X12Slice el, char comp, X12Comps *out)
{
    /* components are a few bytes: a plain loop beats a memchr call each */
    const char *p = el.p, *end = el.p + el.n, *start = p;
    int n = 0;
    for (;; p++) {
        if (p == end || *p == comp) {
            out->c[n].p = start;
            out->c[n].n = (size_t)(p - start);
            if (++n == X12_MAX_COMPS || p == end)
                break;
            start = p + 1;
        }
    }
    out->count = n;
}

bool x12_copy(char *dst, size_t size, X12Slice s)
{
    size_t n = s.n < size - 1 ? s.n : size - 1;
    memcpy(dst, s.p, n);
    dst[n] = '\0';
    return n == s.n;
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

void x12_no_comp_hint(char *buf, size_t size, X12Slice s, char comp)
{
    if (s.n > 0 && memchr(s.p, comp, s.n) == NULL)
        snprintf(buf, size, " (no component separator '%c' in it)", comp);
    else
        buf[0] = '\0';
}
