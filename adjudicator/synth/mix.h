/* The generator's state across claims (envelope counters, statistics) and
 * the per-member-month claim mix. Internal to synth/. */
#ifndef ADJ_SYNTH_MIX_H
#define ADJ_SYNTH_MIX_H

#include "synth/synth_int.h"

typedef struct SynGen {
    const AdjSynthOptions *opts;
    const SynWorld *world;
    SynOut out;
    AdjSynthStats stats;
    uint64_t next_claim;
    uint32_t hl;              /* next HL number in the open set */
    uint32_t set_claims;      /* claims in the open set */
    uint32_t group_sets;      /* sets in the open group */
    bool in_set, in_group;
    AdjDate idate;            /* interchange date: after every date of service */
    char isa13[10];
} SynGen;

typedef struct SynMix {
    SynGen *gen;
    SynRng rng;
} SynMix;

/* Write one claim, opening and closing sets and groups as they fill. */
void syn_gen_put(SynGen *g, const SynMember *m, const SynClaim *c);

void syn_mix_member_month(SynGen *g, const SynMember *m, uint64_t index, int mo);

#endif
