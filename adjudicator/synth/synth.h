/* The synthetic 837P generator behind `adjudicator synth`: a realistic,
 * deterministic (by seed) CoCM/BHI/psychotherapy claim mix for demos and
 * benchmarks, streamed in bounded memory, plus the reference CSVs that let
 * `check` and the pipeline decide it. Never reads the clock or the network. */
#ifndef ADJ_SYNTH_SYNTH_H
#define ADJ_SYNTH_SYNTH_H

#include <stdint.h>

#include "core/date.h"
#include "core/status.h"

typedef struct AdjSynthOptions {
    uint64_t members;         /* 1 .. ADJ_SYNTH_MAX_MEMBERS */
    int months;               /* 1 .. ADJ_SYNTH_MAX_MONTHS */
    uint64_t seed;
    AdjMonth start;           /* first month of service */
    uint32_t claims_per_set;  /* a set closes at this many claims */
    uint32_t sets_per_group;  /* a GS group closes at this many sets */
} AdjSynthOptions;

#define ADJ_SYNTH_MAX_MEMBERS 100000000ULL
#define ADJ_SYNTH_MAX_MONTHS 120

typedef struct AdjSynthStats {
    uint64_t bytes, groups, sets, claims, lines;
    uint64_t dependents;      /* claims with a 2000C patient loop */
    uint64_t exact_dups;      /* same claim resubmitted under another CLM01 */
    uint64_t suspect_dups;    /* same code and month from another billing provider */
    uint64_t replacements;    /* frequency 7 with REF*F8 */
    uint64_t voids;           /* frequency 8 with REF*F8 */
    uint64_t malformed;       /* claims written to fail front-end validation */
    uint64_t bad_npi;         /*   billing NPI with a wrong check digit */
    uint64_t bad_total;       /*   CLM02 not the sum of the lines */
    uint64_t bad_pointer;     /*   SV107 pointing past the diagnoses */
} AdjSynthStats;

/* Defaults: 1000 members, 12 months, seed 1, start 2025-01, 5000 claims per
 * set, 20 sets per group. */
void adj_synth_defaults(AdjSynthOptions *opts);

/* Check the options; ADJ_ERR_USAGE naming the bad one. */
AdjStatus adj_synth_check(const AdjSynthOptions *opts, AdjError *err);

/* Write the interchange to fd (name is for errors). Same options, same
 * bytes. stats may be NULL. ADJ_ERR_IO when a write fails. */
AdjStatus adj_synth_write_fd(const AdjSynthOptions *opts, int fd, const char *name,
                             AdjSynthStats *stats, AdjError *err);
/* The same into a file ("-" for standard output), created or truncated. */
AdjStatus adj_synth_write_file(const AdjSynthOptions *opts, const char *path,
                               AdjSynthStats *stats, AdjError *err);

/* Write providers.csv, members.csv and plans.csv (docs/contracts.md) into dir,
 * which must exist: every provider, member and plan the claims name. */
AdjStatus adj_synth_write_refs(const AdjSynthOptions *opts, const char *dir, AdjError *err);

#endif
