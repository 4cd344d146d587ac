/* Claim-level benefit checks (issue 13), made before the lines are
 * decided: the payer the claim is addressed to, the enrolled person, and
 * coordination of benefits (is this plan secondary, and does the claim
 * carry the primary's adjudication). Pure: reference data and the claim in,
 * a verdict out. */
#ifndef ADJ_ENGINE_BENEFITS_H
#define ADJ_ENGINE_BENEFITS_H

#include "engine/engine.h"

typedef struct AdjGate {
    AdjEditId id;      /* the edit whose codes every line gets */
    const char *rule;  /* trace rule */
    char why[200];     /* reason, after "CODE denied: " */
} AdjGate;

/* True when a check decides the whole claim (g filled). */
bool adj_benefits_gate(const AdjEngine *e, const AdjClaim *c, AdjGate *g);

/* Whether this plan is the secondary (or tertiary) payer of the claim:
 * SBR01 S or T, or members.csv's cob_order for the member. */
bool adj_benefits_secondary(const AdjClaim *c, const AdjMemberRow *m);

/* The receipt date timely filing counts from: the ingest date in the
 * pipeline, else GS04. */
AdjDate adj_benefits_received(const AdjClaim *c);

/* Timely filing of one line (CO-29): received later than the plan's
 * timely_filing_days after the date of service, the member covered then
 * (coverage is decided first), and not a replacement or void whose
 * original was timely. why gets the reason after "CODE denied: ". */
bool adj_benefits_late(const AdjClaim *c, const AdjLine *l, const AdjMemberRow *m,
                       const AdjPlanRow *plan, bool original_timely, char *why, size_t size);

#endif
