/* A decision: the outcome of one service line, with its reasons (docs/adjudication.md
 * 3.3). Produced by the engine, written to stdout by `check`, stored by
 * store/ as an append-only version. Fixed-size so a claim's decisions are one
 * array. Rule names are static strings or ruleset-owned; they outlive it.
 * A new field: set it in engine/engine.c base_decision (which does not
 * clear the whole struct). */
#ifndef ADJ_CLAIM_DECISION_H
#define ADJ_CLAIM_DECISION_H

#include <stdbool.h>

#include "claim/claim.h"

typedef enum AdjRoute { ADJ_ROUTE_MEDICAL = 0, ADJ_ROUTE_BEHAVIORAL = 1 } AdjRoute;

typedef enum AdjOutcome {
    ADJ_OUT_PAY = 0,
    ADJ_OUT_DENY,
    ADJ_OUT_PEND,
    ADJ_OUT_FORWARD,
    ADJ_OUT_REJECT,
    ADJ_OUT_VOID
} AdjOutcome;

/* How a reason the engine left for output to write is built
 * (AdjEngine.defer_reasons, engine/engine.h adj_engine_reason): the common
 * outcomes' sentences from the decision's own fields, so that no text is
 * formatted on the decision path. ADJ_REASON_TEXT: reason[] holds it. */
typedef enum AdjReasonKind {
    ADJ_REASON_TEXT = 0,
    ADJ_REASON_PAID,             /* "CODE paid on the medical benefit ..." */
    ADJ_REASON_FORWARD_CODE,     /* "CODE forwarded ...: a behavioral service ..." */
    ADJ_REASON_FORWARD_PROVIDER, /* "CODE forwarded ...: billed by a behavioral provider ..." */
} AdjReasonKind;

#define ADJ_MAX_RARC 4
#define ADJ_MAX_RULES 24
#define ADJ_RULESET_ID_MAX 63

typedef struct AdjDecision {
    char claim_id[ADJ_CLAIM_ID_MAX + 1];
    char billing_npi[11];
    int line;                       /* LX */
    char code[ADJ_CODE_MAX + 1];
    AdjDate dos;
    AdjMoney charge;                /* the line's SV102, for the record */
    int64_t units_milli;            /* the line's SV104 x 1000, for the record */
    AdjRoute route;
    AdjOutcome outcome;
    char group[3];                  /* CO, OA, PR or empty */
    char carc[6];                   /* "18", "B15" or empty */
    char rarc[ADJ_MAX_RARC][6];
    int nrarc;
    bool has_amounts;               /* pay and deny lines */
    AdjMoney allowed, paid, patient_resp;
    /* patient_resp split (issue 13): deductible + coinsurance + copay =
     * patient_resp on pay lines; coordination of benefits when this plan
     * is secondary (has_cob): the primary's payment and our reduction */
    AdjMoney deductible, coinsurance, copay;
    bool has_cob;
    AdjMoney primary_paid, cob_reduction;
    char ruleset_id[ADJ_RULESET_ID_MAX + 1];
    char ruleset_sha256[65];        /* hex */
    const char *rules[ADJ_MAX_RULES];
    int nrules;
    char matched_claim[ADJ_CLAIM_ID_MAX + 1]; /* suspect duplicate, one-base */
    char reason[384];
    /* a deferred reason (ADJ_REASON_TEXT when reason[] holds it): what
     * adj_engine_reason needs beyond the fields above */
    AdjReasonKind reason_kind;
    bool reason_cocm, reason_fee_estimate;
    AdjMoney reason_fee;
    int64_t reason_units_milli;
    const char *reason_admin; /* the plan's BH administrator (reference data) */
} AdjDecision;

const char *adj_outcome_name(AdjOutcome o);  /* "pay", ... */
const char *adj_route_name(AdjRoute r);      /* "medical", "behavioral" */

#endif
