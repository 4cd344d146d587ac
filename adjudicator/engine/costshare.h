/* The member's share of a paid line (issue 13): copay, deductible and
 * coinsurance, stopped at the out-of-pocket maximum, per person and per
 * family (subscriber ID) and plan year, from the plan row (and its
 * benefits.csv override for the line's code or code family) and the
 * accumulators the history keeps. Pure: int64 cents, checked arithmetic;
 * the engine hands it the allowed amount pricing produced. */
#ifndef ADJ_ENGINE_COSTSHARE_H
#define ADJ_ENGINE_COSTSHARE_H

#include "edits/history.h"
#include "edits/ruleset.h"
#include "claim/decision.h"
#include "refdata/refdata.h"

/* The split of one line's patient responsibility; the three parts sum to
 * patient_resp, and paid = allowed - patient_resp. */
typedef struct AdjCostShare {
    AdjMoney deductible, coinsurance, copay, patient_resp, paid;
    bool oop_reached; /* the out-of-pocket maximum stopped the share */
} AdjCostShare;

/* What the split is computed from. Limits of 0 mean none. */
typedef struct AdjCostShareIn {
    AdjMoney allowed;
    int64_t coinsurance_milli;
    AdjMoney copay;             /* the copay due on this line (0 once used) */
    bool deductible_applies;
    AdjMoney deductible, family_deductible, oop_max, family_oop_max;
    AdjAccumState met;          /* before this line */
} AdjCostShareIn;

/* copay = min(copay, allowed); deductible = min(allowed - copay, what is
 * left of the individual and family deductibles); coinsurance =
 * round-half-up((allowed - copay - deductible) x pct / 100); then the
 * share stops at what is left of the out-of-pocket maxima, taken in the
 * order deductible, copay, coinsurance. False only on an arithmetic
 * overflow (out untouched). */
bool adj_costshare_split(const AdjCostShareIn *in, AdjCostShare *out);

/* True when benefits.csv's code_family names a family this module knows
 * (cocm_bhi, psychotherapy, crisis, psychiatric_evaluation, em or
 * office_visit, care_management). */
bool adj_costshare_family_known(const char *name);

/* The key of a plan id in the accumulators (a 64-bit hash). */
uint64_t adj_costshare_plan_key(const char *plan_id);

/* A claim's running state: copay once per claim, and the shares of its
 * lines decided so far (they count toward the accumulators of its later
 * lines). */
typedef struct AdjClaimShare {
    bool copay_used;
    bool other_init;       /* other_left set from the claim's 2320 AMT*D */
    AdjMoney other_left;   /* its part not yet given to a line */
    struct {
        AdjDate year; /* 0: nothing toward the accumulators */
        uint64_t plan;
        AdjMoney ded, oop;
    } line[ADJ_MAX_LINES];
} AdjClaimShare;

/* Start a claim of n lines (clears only what the claim uses: hot path). */
void adj_costshare_claim_begin(AdjClaimShare *cs, int n);

/* The context of one paid line. */
typedef struct AdjCostShareLine {
    const AdjRefdata *ref;
    const AdjPlanRow *plan;     /* NULL: no plan, no member share */
    const AdjCodeInfo *ci;      /* the line's code in its ruleset (families) */
    const char *code;
    AdjDate dos;
    const AdjHistory *hist;
    const char *person, *member;
    /* coordination of benefits: set when this plan is secondary */
    const AdjClaim *claim;
    const AdjLine *line;
    bool secondary;
} AdjCostShareLine;

/* Replace d's patient_resp and paid (d->allowed is priced) by the split,
 * fill d->deductible/coinsurance/copay, note the accumulator rules, and
 * keep the line's share in cs[idx]. False on overflow (d untouched). */
bool adj_costshare_apply(const AdjCostShareLine *ln, AdjClaimShare *cs, int idx, AdjDecision *d);

/* Append the split to a pay line's reason when a deductible or the
 * out-of-pocket maximum shaped it. */
void adj_costshare_reason(AdjDecision *d);
/* The same appended to o (a reason being written for d). */
struct AdjReason;
void adj_costshare_reason_put(const AdjDecision *d, struct AdjReason *o);

/* Copy line idx's share onto its history line. */
void adj_costshare_hist_line(const AdjClaimShare *cs, int idx, AdjHistLine *h);

#endif
