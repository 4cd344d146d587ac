/* The Medicare Physician Fee Schedule (issue 13) as a plan prices with it:
 * (work RVU x work GPCI + PE RVU x PE GPCI + MP RVU x MP GPCI) x conversion
 * factor, the facility or non-facility practice-expense RVU by the place of
 * service, the GPCI of the billing provider's locality (national 1.000
 * without one), times the plan's percentage of Medicare. Tables are loaded
 * by config/mpfs.c from files a ruleset pins by SHA-256; lookups and
 * arithmetic here are pure, in integers (RVUs in hundredths, GPCIs in
 * thousandths, the factor in ten-thousandths of a dollar). */
#ifndef ADJ_EDITS_MPFS_H
#define ADJ_EDITS_MPFS_H

#include <stdbool.h>
#include <stdint.h>

#include "core/money.h"

typedef struct AdjRvu {
    uint64_t key;    /* adj_mpfs_key(code, mod): the sort and look-up key */
    char code[8];
    char mod[3];     /* "", "26", "TC", "53" */
    char status;     /* CMS status indicator: A, B, C, E, I, J, M, N, P, R, T, X */
    int32_t work, pe_nonfac, pe_fac, mp; /* hundredths */
} AdjRvu;

typedef struct AdjGpci {
    char locality[9]; /* MAC + "-" + locality: "01112-05" */
    int32_t work, pe, mp; /* thousandths */
} AdjGpci;

typedef struct AdjMpfs {
    int year;
    int64_t cf;            /* conversion factor, ten-thousandths of a dollar */
    AdjRvu *rvu;           /* sorted by code, mod */
    int nrvu;
    AdjGpci *gpci;         /* sorted by locality */
    int ngpci;
    signed char pos[100];  /* by POS code: 1 facility, 0 non-facility, -1 unassigned */
    /* set by a loader that shares one schedule between rulesets: called by
     * adj_mpfs_free instead of freeing */
    void (*release)(struct AdjMpfs *m);
} AdjMpfs;

typedef enum AdjMpfsResult {
    ADJ_MPFS_PRICED = 0,
    ADJ_MPFS_NO_RVU,       /* code absent, or carrier priced (C), or no RVUs: manual pricing */
    ADJ_MPFS_BUNDLED,      /* B, P, T... no separate payment */
    ADJ_MPFS_NOT_VALID,    /* I */
    ADJ_MPFS_NONCOVERED,   /* N, E, X, M, J */
    ADJ_MPFS_NO_LOCALITY   /* the provider's locality is not in the GPCI table */
} AdjMpfsResult;

typedef struct AdjMpfsPrice {
    const AdjRvu *rvu;
    bool facility;
    AdjGpci gpci;          /* the locality's, or national 1.000 */
    bool national;
    AdjMoney medicare;     /* the schedule amount, cents */
    AdjMoney fee;          /* medicare x pct_of_medicare, cents */
} AdjMpfsPrice;

/* Price code (modifier mod: a row for it when there is one, else the
 * code's global row) at place of service pos, in locality (empty:
 * national), at pct_milli percent of Medicare (100% = 100000). */
AdjMpfsResult adj_mpfs_price(const AdjMpfs *m, const char *code, const char *mod,
                             const char *pos, const char *locality, int64_t pct_milli,
                             AdjMpfsPrice *out);
const AdjRvu *adj_mpfs_rvu(const AdjMpfs *m, const char *code, const char *mod);
/* code (5 characters) and modifier (0-2) packed into one integer, in the
 * order of code then modifier */
uint64_t adj_mpfs_key(const char *code, size_t code_len, const char *mod, size_t mod_len);
const AdjGpci *adj_mpfs_gpci(const AdjMpfs *m, const char *locality);
void adj_mpfs_free(AdjMpfs *m);

#endif
