/* The engine: route -> edits -> price -> decision, per service line, with
 * the rule trace and one readable reason. History comes through the
 * AdjHistory interface (edits/history.h); the engine records each decided
 * claim's paid and pending lines there and retracts replaced or voided
 * claims. Rulesets and reference data are borrowed and must outlive it.
 * Deterministic: same claim, history and rulesets -> same decisions. */
#ifndef ADJ_ENGINE_ENGINE_H
#define ADJ_ENGINE_ENGINE_H

#include "claim/claim.h"
#include "core/status.h"
#include "edits/history.h"
#include "edits/ruleset.h"
#include "claim/decision.h"
#include "refdata/refdata.h"

typedef struct AdjEngine {
    const AdjRulesetSet *rules;
    const AdjRefdata *ref;
    const char *payer_id; /* issue 13: this plan's payer ID (2010BB NM109); NULL = any */
    /* Leave the reason of paid and forwarded lines for output to write
     * (issue 20: no formatting on the decision path): reason[] is then ""
     * and reason_kind says how to write it; read it with adj_engine_reason
     * (render.c does) or fill it with adj_engine_reasons_fill, while the
     * reference data lives. false (adj_engine_init): reason[] always holds
     * the text. */
    bool defer_reasons;
} AdjEngine;

void adj_engine_init(AdjEngine *e, const AdjRulesetSet *rules, const AdjRefdata *ref);

/* Decide every line of claim into out[0 .. claim->nlines-1] (*nout lines).
 * A non-OK status is a history failure (the claim is then undecided). */
AdjStatus adj_engine_decide(const AdjEngine *e, const AdjClaim *claim, const AdjHistory *hist,
                            AdjDecision *out, int *nout, AdjError *err);

/* The reason of d: d->reason, or the deferred one written into buf (size
 * bytes, cut like snprintf; sizeof(d->reason) gives the text the engine
 * would have written). */
const char *adj_engine_reason(const AdjDecision *d, char *buf, size_t size);
/* Write the deferred reasons of out[0 .. n-1] into their reason[]. */
void adj_engine_reasons_fill(AdjDecision *out, int n);

/* Pricing (price.c): allowed = min(charge, fee x units); patient share =
 * min(allowed, copay + round-half-up((allowed - copay) x pct / 100)), the
 * copay only when copay_applies. */
typedef struct AdjPrice {
    AdjMoney allowed, patient_resp, paid, copay_used;
    AdjMoney schedule; /* fee x units */
    bool overflow;     /* fee x units does not fit in int64 cents: nothing priced */
} AdjPrice;
AdjPrice adj_engine_price(AdjMoney fee, int64_t units, AdjMoney charge, int64_t coinsurance_milli,
                          AdjMoney copay, bool copay_applies);
/* The same with units in thousandths (SV104 carries up to 3 decimals). */
AdjPrice adj_engine_price_milli(AdjMoney fee, int64_t units_milli, AdjMoney charge,
                                int64_t coinsurance_milli, AdjMoney copay, bool copay_applies);
/* fee x units_milli / 1000, rounded half up; false when it would overflow
 * or an input is negative. */
bool adj_engine_schedule(AdjMoney fee, int64_t units_milli, AdjMoney *out);

#endif
