/* Pricing at a percentage of the Medicare Physician Fee Schedule (issue
 * 13): for a plan with pricing = mpfs, a line's fee comes from the
 * ruleset's fee schedule (edits/mpfs.h) at the place of service and the
 * billing provider's locality, instead of the ruleset's fee table; status
 * indicators that pay nothing decide the line with their own CARC. Pure. */
#ifndef ADJ_ENGINE_MPFS_H
#define ADJ_ENGINE_MPFS_H

#include "edits/ruleset.h"
#include "refdata/refdata.h"

typedef enum AdjMpfsLine {
    ADJ_MPFS_LINE_NOT = 0, /* the plan prices from the fee table */
    ADJ_MPFS_LINE_PRICED,  /* *fee set; why holds the trace */
    ADJ_MPFS_LINE_EDIT     /* *edit decides the line; why says why */
} AdjMpfsLine;

AdjMpfsLine adj_engine_mpfs(const AdjPlanRow *plan, const AdjRuleset *rs,
                            const AdjProviderRow *billing, const AdjClaim *c, const AdjLine *l,
                            AdjFee *fee, AdjEditId *edit, char *why, size_t size);

#endif
