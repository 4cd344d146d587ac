/* Internals of the synthetic generator: the PRNG, the output buffer with its
 * allocation-free appenders, and the synthetic world (providers, plans,
 * members derived from the seed). Not for use outside synth/. */
#ifndef ADJ_SYNTH_SYNTH_INT_H
#define ADJ_SYNTH_SYNTH_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/date.h"
#include "core/money.h"
#include "synth/synth.h"

/* ---- PRNG: splitmix64 to seed xoshiro256** (fast, good, reproducible) ---- */

static inline uint64_t syn_splitmix(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

typedef struct SynRng {
    uint64_t s[4];
} SynRng;

/* A stream for (seed, a, b, tag): the same four always give the same draws,
 * so a member's profile or month can be regenerated without storing it. */
static inline void syn_rng_init(SynRng *r, uint64_t seed, uint64_t a, uint64_t b, uint64_t tag)
{
    uint64_t x = seed ^ (a * 0xd1342543de82ef95ULL) ^ (b * 0xaf251af3b0f025b5ULL) ^
                 (tag * 0x9fb21c651e98df25ULL);
    for (int i = 0; i < 4; i++)
        r->s[i] = syn_splitmix(&x);
}

static inline uint64_t syn_rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static inline uint64_t syn_next(SynRng *r)
{
    uint64_t *s = r->s;
    uint64_t result = syn_rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = syn_rotl(s[3], 45);
    return result;
}

/* Uniform in [0, n); n > 0. The tiny modulo bias is irrelevant here. */
static inline uint32_t syn_below(SynRng *r, uint32_t n)
{
    return (uint32_t)(((syn_next(r) >> 32) * (uint64_t)n) >> 32);
}

/* True with probability permille / 1000. */
static inline bool syn_chance(SynRng *r, uint32_t permille) { return syn_below(r, 1000) < permille; }

/* ---- output buffer ---- */

typedef struct SynOut {
    int fd;
    const char *name;
    char *buf;
    size_t len, cap;
    uint64_t total;   /* bytes flushed */
    uint32_t segs;    /* segments in the current transaction set */
    int errnum;       /* first write error, 0 if none */
} SynOut;

#define SYN_OUT_CAP (8u << 20)
#define SYN_CLAIM_ROOM (64u << 10) /* a claim with its loops is far smaller */

void syn_out_flush(SynOut *o);

/* Make room for one claim; callers append without further checks. */
static inline void syn_out_room(SynOut *o)
{
    if (o->cap - o->len < SYN_CLAIM_ROOM)
        syn_out_flush(o);
}

static inline void syn_put(SynOut *o, const char *s, size_t n)
{
    memcpy(o->buf + o->len, s, n);
    o->len += n;
}
#define SYN_LIT(o, s) syn_put((o), (s), sizeof(s) - 1)
static inline void syn_str(SynOut *o, const char *s) { syn_put(o, s, strlen(s)); }
static inline void syn_ch(SynOut *o, char c) { o->buf[o->len++] = c; }

static inline void syn_u64(SynOut *o, uint64_t v)
{
    char tmp[20];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    while (n > 0)
        o->buf[o->len++] = tmp[--n];
}

/* Zero-padded to width digits (more digits if v needs them). */
static inline void syn_u64w(SynOut *o, uint64_t v, int width)
{
    char tmp[20];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    while (n < width)
        tmp[n++] = '0';
    while (n > 0)
        o->buf[o->len++] = tmp[--n];
}

/* X12 decimal: "150" or "150.25" (no trailing ".00"). */
static inline void syn_money(SynOut *o, AdjMoney cents)
{
    if (cents < 0) {
        syn_ch(o, '-');
        cents = -cents;
    }
    syn_u64(o, (uint64_t)(cents / 100));
    if (cents % 100 != 0) {
        syn_ch(o, '.');
        syn_u64w(o, (uint64_t)(cents % 100), 2);
    }
}

static inline void syn_date(SynOut *o, AdjDate d) { syn_u64w(o, (uint64_t)d, 8); }

/* End a segment: terminator, newline for people reading the file. */
static inline void syn_seg_end(SynOut *o)
{
    o->buf[o->len++] = '~';
    o->buf[o->len++] = '\n';
    o->segs++;
}

/* ---- the synthetic world ---- */

typedef enum SynKind { SYN_MEDICAL = 0, SYN_BEHAVIORAL = 1 } SynKind;

#define SYN_MAX_ZIPS 3

typedef struct SynProvider {
    char npi[11];             /* billing (organisation) NPI */
    char clin_npi[11];        /* its clinician, the rendering provider */
    char name[40];
    const char *clin_last, *clin_first;
    const char *taxonomy;
    const char *clin_taxonomy;
    const char *street, *city;
    char zips[SYN_MAX_ZIPS][6];
    int nzips;
    char ein[10];
    SynKind kind;
    int charge_pct;           /* the practice's charge schedule, percent */
} SynProvider;

typedef struct SynPlan {
    const char *id, *name, *payer_id, *bh_admin, *coinsurance, *copay;
} SynPlan;

extern const SynPlan syn_plans[];
extern const int syn_nplans;

typedef struct SynWorld {
    uint64_t seed;
    SynProvider *prov;        /* medical first, then behavioral */
    uint32_t nmed, nbeh;
} SynWorld;

AdjStatus syn_world_new(SynWorld *w, const AdjSynthOptions *opts, AdjError *err);
void syn_world_free(SynWorld *w);

typedef enum SynProgram { SYN_PROG_NONE, SYN_PROG_COCM, SYN_PROG_BHI } SynProgram;

typedef struct SynMember {
    char id[16];                  /* subscriber ID, NM109 */
    int plan;
    uint32_t pcp, other_pcp;      /* medical providers (world index) */
    uint32_t therapist;           /* behavioral provider (world index) */
    const char *last, *sub_first, *pat_first;
    AdjDate sub_birth, pat_birth;
    char sub_sex, pat_sex;
    bool dependent;
    const char *street, *city;
    char zip[6];
    SynProgram program;
    int ep_start, ep_len, ep_gap; /* episodes, in months from the start */
    int therapy;                  /* therapy sessions a month, 0 = none */
    int em_permille;              /* chance of an office visit a month */
    int term_month;               /* coverage ends after this month; -1 open */
    const char *dx[2];            /* the member's behavioral diagnoses */
    const char *medical_dx;       /* a non-F diagnosis for office visits */
} SynMember;

void syn_member(const SynWorld *w, const AdjSynthOptions *opts, uint64_t index, SynMember *m);

/* ---- one claim, as generated, before it is written ---- */

#define SYN_MAX_LINES 4

typedef struct SynLine {
    const char *code;
    const char *pos;          /* SV105, NULL = the claim's */
    AdjMoney charge;
    bool mj;                  /* SV103 MJ: qty is minutes */
    int qty;
    AdjDate dos;
    int ptr;                  /* SV107: pointers 1..ptr */
} SynLine;

typedef struct SynClaim {
    uint64_t number;          /* CLM01 = "C" + number */
    const SynProvider *billing;
    const char *rend_npi, *rend_last, *rend_first, *rend_tax;
    const char *facility_zip; /* 2310C, NULL = none */
    const char *pos;          /* CLM05-1 */
    char freq;                /* CLM05-3 */
    uint64_t original;        /* REF*F8 = "C" + original, when freq is 7 or 8 */
    const char *dx[3];
    int ndx;
    SynLine lines[SYN_MAX_LINES];
    int nlines;
    AdjMoney total_delta;     /* malformed: CLM02 off by this */
    bool bad_npi;             /* malformed: billing NPI check digit wrong */
} SynClaim;

/* Write the 2000A..2400 loops of one claim for member m; hl is the next HL
 * number of the set and is advanced. Returns the number of lines. */
int syn_emit_claim(SynOut *o, const SynMember *m, const SynClaim *c, uint32_t *hl);

/* An NPI from nine digits: the digits and their check digit. */
void syn_npi(uint64_t nine, char out[11]);

#endif
